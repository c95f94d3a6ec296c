"""The network statistics document: many states' Art 18 statistics compiled side by side.

Art 18(3) has the Commission compile the minimum statistics the Member States send under
Art 18(2). This module holds the published result (``network-statistics.schema.json``); the
text, CSV and HTML outputs are all made from it, so a figure never reads one way in one output
and another way elsewhere.

What the document can break down by state follows the German text of Art 18(2) (read in the
German version of Directive (EU) 2023/977, equally authentic):

- (a) the requests a state's SPOC and competent authorities *submitted* ("gestellt haben"):
  one number, **not** split by requested state nor by urgency;
- (b) the requests *received* and those *answered*, "aufgeschlüsselt nach dringenden und nicht
  dringenden Ersuchen sowie nach den ersuchenden Mitgliedstaaten";
- (c) the requests *refused* under Art 6, "aufgeschlüsselt nach ersuchenden Mitgliedstaaten und
  Ablehnungsgründen";
- (d) the cases where the Art 5(1) time limits were exceeded for judicial authorisation
  (Art 5(2)), "aufgeschlüsselt nach den Mitgliedstaaten, die die betreffenden
  Informationsersuchen gestellt haben".

So the who-asks-whom matrix is built from the *requested* state's figures (b)-(d) only; no
document says how many requests A sent to B.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool, StrictFloat, StrictInt

from spocschema.enums import CodeEnum, RefusalGround
from spocschema.models.base import SpocModel, fact
from spocschema.network.models import DocumentProblem, NetworkGroup
from spocschema.report import LegalReference
from spocschema.types import Count, CountryCode, IsoDate, Maybe, Text, Year

NETWORK_STATISTICS_SCHEMA_VERSION = "1.1"


class Measure(CodeEnum):
    """A figure of one state's statistics for one year, as Art 18(2) defines it."""

    REQUESTS_SENT = ("requests_sent", "Art 18(2)(a)", "Requests submitted to other states")
    SENT_BY_SPOC = (
        "sent_by_single_point_of_contact",
        "Art 18(2)(a)",
        "Of those, submitted by the SPOC",
    )
    SENT_BY_COMPETENT = (
        "sent_by_competent_authorities",
        "Art 18(2)(a)",
        "Of those, submitted by competent law enforcement authorities (where stated)",
    )
    REQUESTS_RECEIVED = ("requests_received", "Art 18(2)(b)", "Requests received")
    REQUESTS_ANSWERED = ("requests_answered", "Art 18(2)(b)", "Requests answered")
    URGENT_RECEIVED = ("urgent_received", "Art 18(2)(b)", "Urgent requests received")
    URGENT_ANSWERED = ("urgent_answered", "Art 18(2)(b)", "Urgent requests answered")
    NON_URGENT_RECEIVED = ("non_urgent_received", "Art 18(2)(b)", "Non-urgent requests received")
    NON_URGENT_ANSWERED = ("non_urgent_answered", "Art 18(2)(b)", "Non-urgent requests answered")
    REFUSALS = ("refusals", "Art 18(2)(c)", "Requests refused under Art 6")
    JUDICIAL_DEVIATIONS = (
        "judicial_deviations",
        "Art 18(2)(d)",
        "Cases where the Art 5(1) limits were exceeded for judicial authorisation (Art 5(2))",
    )


class StateYearFigures(SpocModel):
    """One state's Art 18(2) figures for one year, from one statistics document."""

    state: CountryCode = fact("The reporting state.", legal_basis="Art 18(1)", required=True)
    year: Year = fact("The calendar year covered.", legal_basis="Art 18(1)", required=True)
    file: Text = fact("The statistics document the figures come from.", required=True)
    requests_sent: Count = fact("Requests submitted.", legal_basis="Art 18(2)(a)", required=True)
    sent_by_single_point_of_contact: Count = fact(
        "Of those, by the SPOC.", legal_basis="Art 18(2)(a)", required=True
    )
    sent_by_competent_authorities: Maybe[Count] = fact(
        "Of those, by the state's competent law enforcement authorities (Art 18(2)(a): "
        "'zuständigen Strafverfolgungsbehörden' in the German text), where the document states "
        "it (its `by_designated_authorities`).",
        legal_basis="Art 18(2)(a)",
    )
    requests_received: Count = fact("Requests received.", legal_basis="Art 18(2)(b)", required=True)
    requests_answered: Count = fact("Requests answered.", legal_basis="Art 18(2)(b)", required=True)
    urgent_received: Count = fact(
        "Urgent requests received.", legal_basis="Art 18(2)(b)", required=True
    )
    urgent_answered: Count = fact(
        "Urgent requests answered.", legal_basis="Art 18(2)(b)", required=True
    )
    non_urgent_received: Count = fact(
        "Non-urgent requests received.", legal_basis="Art 18(2)(b)", required=True
    )
    non_urgent_answered: Count = fact(
        "Non-urgent requests answered.", legal_basis="Art 18(2)(b)", required=True
    )
    refusals: Count = fact("Requests refused.", legal_basis="Art 18(2)(c)", required=True)
    refusals_by_ground: dict[RefusalGround, Count] = fact(
        "Refusals per Art 6(1) ground (grounds with none left out).",
        legal_basis=("Art 18(2)(c)", "Art 6(1)"),
        required=True,
    )
    judicial_deviations: Count = fact(
        "Cases where the Art 5(1) limits were exceeded for judicial authorisation.",
        legal_basis=("Art 18(2)(d)", "Art 5(2)"),
        required=True,
    )


class YearTotals(SpocModel):
    """The network's totals for one year: the sum of every included state's figures."""

    year: Year = fact("The calendar year.", required=True)
    states: Count = fact("States whose statistics are included.", required=True)
    requests_sent: Count = fact("Requests submitted.", legal_basis="Art 18(2)(a)", required=True)
    requests_received: Count = fact("Requests received.", legal_basis="Art 18(2)(b)", required=True)
    requests_answered: Count = fact("Requests answered.", legal_basis="Art 18(2)(b)", required=True)
    urgent_received: Count = fact(
        "Urgent requests received.", legal_basis="Art 18(2)(b)", required=True
    )
    urgent_answered: Count = fact(
        "Urgent requests answered.", legal_basis="Art 18(2)(b)", required=True
    )
    non_urgent_received: Count = fact(
        "Non-urgent requests received.", legal_basis="Art 18(2)(b)", required=True
    )
    non_urgent_answered: Count = fact(
        "Non-urgent requests answered.", legal_basis="Art 18(2)(b)", required=True
    )
    refusals: Count = fact("Requests refused.", legal_basis="Art 18(2)(c)", required=True)
    refusals_by_ground: dict[RefusalGround, Count] = fact(
        "Refusals per Art 6(1) ground.", legal_basis=("Art 18(2)(c)", "Art 6(1)"), required=True
    )
    judicial_deviations: Count = fact(
        "Art 5(2) cases.", legal_basis=("Art 18(2)(d)", "Art 5(2)"), required=True
    )


class ExchangeCell(SpocModel):
    """Who asked whom: requests from one state as the requested state counted them."""

    year: Year = fact("The calendar year.", required=True)
    requesting_state: CountryCode = fact(
        "The state that asked.", legal_basis="Art 18(2)(b)", required=True
    )
    requested_state: CountryCode = fact(
        "The state that received the requests and reports these figures.",
        legal_basis="Art 18(1)",
        required=True,
    )
    received: Count = fact("Requests received.", legal_basis="Art 18(2)(b)", required=True)
    answered: Count = fact("Requests answered.", legal_basis="Art 18(2)(b)", required=True)
    refused: Count = fact("Requests refused.", legal_basis="Art 18(2)(c)", required=True)
    judicial_deviations: Count = fact(
        "Art 5(2) cases.", legal_basis=("Art 18(2)(d)", "Art 5(2)"), required=True
    )


class YearChange(SpocModel):
    """How one figure moved from one year to the next (a state's, or the network's total)."""

    state: Maybe[CountryCode] = fact("The state (absent: the network total).")
    measure: Measure = fact("The figure.", required=True)
    year: Year = fact("The later year.", required=True)
    previous: Count = fact("The figure the year before.", required=True)
    current: Count = fact("The figure this year.", required=True)
    change: StrictInt = fact("current minus previous.", required=True)
    relative_change: Maybe[StrictFloat] = fact(
        "change divided by previous (absent when previous is 0)."
    )


class MissingStatistics(SpocModel):
    """An expected state that sent no usable statistics for a year of the compilation."""

    state: CountryCode = fact("The state.", required=True)
    year: Year = fact("The year without statistics.", legal_basis="Art 18(1)", required=True)
    group: NetworkGroup = fact("The expected group the state belongs to.", required=True)
    bound: StrictBool = fact(
        "True for states bound by the Directive (EU Member States and Schengen associated "
        "states), which Art 18(1) obliges to send statistics; the Western Balkans partners "
        "send them voluntarily.",
        required=True,
    )


class IncludedDocument(SpocModel):
    """A statistics document that the compilation uses, with its own check result."""

    file: Text = fact("The file, as found in the folder.", required=True)
    state: CountryCode = fact("The reporting state.", required=True)
    year: Year = fact("The year covered.", required=True)
    passed: StrictBool = fact(
        "True if the document passed the checks of `stats check` (its figures add up and its "
        "dates follow Art 18(1)).",
        required=True,
    )
    errors: Count = fact("Findings of severity error of its own check.", required=True)
    warnings: Count = fact("Findings of severity warning of its own check.", required=True)
    rule_ids: list[Text] = fact("Rules its own check found broken, once each.", required=True)


class LeftOutReason(CodeEnum):
    """Why a file of the folder is not part of the compilation."""

    UNREADABLE = ("unreadable", "", "The file cannot be read or parsed")
    NOT_STATISTICS = (
        "not_statistics",
        "Art 18(2)",
        "The file is not a valid annual statistics document",
    )
    DUPLICATE = (
        "duplicate",
        "Art 18(1)",
        "Another document covers the same state and year with different figures; neither is used",
    )
    DUPLICATE_COPY = (
        "duplicate_copy",
        "Art 18(1)",
        "An identical copy of a document already included",
    )


class LeftOutDocument(SpocModel):
    """A file that was reported and left out, never silently dropped."""

    file: Text = fact("The file, as found in the folder.", required=True)
    reason: LeftOutReason = fact("Why it was left out.", required=True)
    problems: list[DocumentProblem] = fact("What is wrong with it (empty: nothing).", required=True)
    state: Maybe[CountryCode] = fact("For duplicates: the state.")
    year: Maybe[Year] = fact("For duplicates: the year.")
    same_as: list[Text] = fact(
        "For duplicates: the other documents for the same state and year.", required=True
    )


class StatisticsCrossCheck(CodeEnum):
    """A comparison between states' statistics that Art 18(2) supports."""

    SENT_VERSUS_RECEIVED = (
        "sent_versus_received",
        "Art 18(2)(a); Art 18(2)(b)",
        "A state's requests submitted (one total, Art 18(2)(a)) against the requests the other "
        "states record as received from it (their breakdown by requesting state, Art 18(2)(b))",
    )


class StatisticsFinding(SpocModel):
    """A question about data quality raised by comparing documents; never a breach."""

    check: StatisticsCrossCheck = fact("The comparison.", required=True)
    year: Year = fact("The year compared.", required=True)
    state: CountryCode = fact("The state the question is about.", required=True)
    message: Text = fact("The question, with the figures.", required=True)
    document: Text = fact("The document of the state the question is about.", required=True)
    compared_with: list[Text] = fact(
        "The other documents whose figures were added up for the comparison.", required=True
    )
    reported: Count = fact("The figure the state reports.", required=True)
    counterpart_total: Count = fact("The sum of the other documents' figures.", required=True)
    complete: StrictBool = fact(
        "True if every expected state (other than this one) sent statistics for the year, so "
        "that the sum could have reached the state's own figure.",
        required=True,
    )
    legal_basis: list[LegalReference] = fact("Structured legal basis.", required=True)


class NetworkStatisticsSummary(SpocModel):
    """Counts, for dashboards and exit codes."""

    documents: Count = fact("Statistics documents included.", required=True)
    left_out: Count = fact("Files reported and left out.", required=True)
    states: Count = fact("Distinct reporting states included.", required=True)
    years: Count = fact("Years covered.", required=True)
    missing: Count = fact("Expected state-years without statistics.", required=True)
    documents_failed: Count = fact(
        "Included documents whose own check did not pass.", required=True
    )
    cross_check_findings: Count = fact("Data-quality questions raised.", required=True)


class NetworkStatistics(SpocModel):
    """The network's Art 18 statistics compiled (spocschema network statistics, 1.1)."""

    schema_version: Literal["1.1"] = fact(
        "Version of the network statistics schema.", required=True
    )
    tool_version: Text = fact("Version of spocschema that compiled it.", required=True)
    source: Text = fact("The folder (or label) the documents were read from.", required=True)
    as_of: IsoDate = fact("Evaluation date of each document's own check.", required=True)
    expected_groups: list[NetworkGroup] = fact(
        "The groups of states expected to send statistics.", required=True
    )
    tolerance: StrictFloat = fact(
        "Relative difference below which the sent-versus-received comparison raises no "
        "question (a project reading, not the law: the two sides may count a request in "
        "different calendar years).",
        required=True,
    )
    years: list[Year] = fact(
        "Every year from the earliest to the latest covered, ascending.", required=True
    )
    documents: list[IncludedDocument] = fact(
        "The documents included, by year then state.", required=True
    )
    left_out: list[LeftOutDocument] = fact("Files left out, by file.", required=True)
    figures: list[StateYearFigures] = fact(
        "Per state and year, the Art 18(2) figures; by year then state.", required=True
    )
    totals: list[YearTotals] = fact("The network's totals per year.", required=True)
    exchange_matrix: list[ExchangeCell] = fact(
        "Who asks whom: per year, requesting and requested state (cells with no request left "
        "out); by year, requested state, requesting state.",
        legal_basis=("Art 18(2)(b)", "Art 18(2)(c)", "Art 18(2)(d)"),
        required=True,
    )
    changes: list[YearChange] = fact(
        "Year-on-year change of each figure, for consecutive years both present.", required=True
    )
    missing: list[MissingStatistics] = fact(
        "Expected states without statistics for a year, by year then state.", required=True
    )
    cross_checks: list[StatisticsFinding] = fact(
        "Data-quality questions from comparing states' documents.", required=True
    )
    summary: NetworkStatisticsSummary = fact("Counts.", required=True)
