"""The network report: many SPOC profiles checked one by one and against each other.

The Heads-of-SPOC network looks at every state side by side. Some questions only make sense
across profiles: is there exactly one SPOC per state, are identifiers unique, can every pair of
bound states exchange in a shared language, who is ready for SIENA, and who has not sent a
profile at all. This module holds the published answer (``network-report.schema.json``); the
HTML page, the directory exports and the command's text output are all made from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import StrictBool

from spocschema.enums import CodeEnum, StateStatus
from spocschema.errors import DocumentError
from spocschema.models.base import SpocModel, fact
from spocschema.models.profile import ContactPoint
from spocschema.report import LegalReference, Report, Severity, TestBasis
from spocschema.types import (
    Count,
    CountryCode,
    Identifier,
    IsoDate,
    LanguageCode,
    Maybe,
    Text,
)

NETWORK_REPORT_SCHEMA_VERSION = "1.0"


def stated(**values: Any) -> dict[str, Any]:
    """Keyword arguments without the ``None`` ones: optional facts are left out, never null.

    Models refuse an explicit ``None`` (see ``Maybe``), so documents built from optional
    values pass ``**stated(acronym=..., line=...)``.
    """
    return {key: value for key, value in values.items() if value is not None}


class NetworkGroup(CodeEnum):
    """A group of states the Heads-of-SPOC network expects a profile from."""

    EU_MEMBER_STATES = ("eu_member_states", "Art 14(1)", "The 27 EU Member States")
    SCHENGEN_ASSOCIATED = (
        "schengen_associated",
        "Council Conclusions of 7 October 2019 (doc 12825/19)",
        "The 4 Schengen associated states (CH, IS, LI, NO)",
    )
    WESTERN_BALKANS = (
        "western_balkans",
        "Report of the Heads-of-SPOC meeting of October 2021",
        "The 6 Western Balkans partners (AL, BA, ME, MK, RS, XK)",
    )


class CrossCheck(CodeEnum):
    """A check that needs several profiles at once; each member names what it looks at."""

    ONE_SPOC_PER_STATE = (
        "one_spoc_per_state",
        "Art 14(1)",
        "Each state establishes or designates exactly one SPOC: one profile per state",
    )
    UNIQUE_SPOC_IDENTIFIER = (
        "unique_spoc_identifier",
        "Art 14(1)",
        "A SPOC identifier names one SPOC across the whole network",
    )
    UNIQUE_AUTHORITY_IDENTIFIER = (
        "unique_authority_identifier",
        "Art 4(1)",
        "A designated authority identifier names one authority within its state's list",
    )
    ENGLISH_LINK = (
        "english_link",
        "Art 11(1)",
        "English on every list, so that every pair of bound states shares a language",
    )
    SIENA_READINESS = (
        "siena_readiness",
        "Art 13(1); Art 13(3)",
        "The SPOC is directly connected to SIENA and uses it as its default channel",
    )
    MISSING_STATE = (
        "missing_state",
        "Art 14(1)",
        "A state the network expects has no profile in the set",
    )


class SienaReadiness(CodeEnum):
    """How far a SPOC is ready for SIENA as the default channel (Art 13, from 12 June 2027)."""

    READY = (
        "ready",
        "Art 13(1); Art 13(3)",
        "Connected directly, SIENA is the default channel and the competent authorities are "
        "connected",
    )
    PARTIAL = (
        "partial",
        "Art 13(1); Art 13(3)",
        "Connected, but not directly, not as the default channel, or not all competent "
        "authorities (or the profile does not say)",
    )
    NOT_CONNECTED = ("not_connected", "Art 13(3)", "The profile says the SPOC is not connected")
    NOT_STATED = ("not_stated", "", "The profile does not describe a SIENA connection")


class DocumentProblem(SpocModel):
    """One reason a file in the set could not be used, located as precisely as possible."""

    kind: Literal["read", "syntax", "limit", "structure"] = fact(
        "Stage that failed: read, syntax, limit or structure (schema).", required=True
    )
    message: Text = fact("What is wrong, in one sentence.", required=True)
    pointer: str = fact("JSON Pointer of the offending value (empty: whole file).", required=True)
    line: Maybe[Count] = fact("Line (1-based), where known.")
    column: Maybe[Count] = fact("Column (1-based), where known.")


def shown(text: str, limit: int = 300) -> str:
    """A label (file, folder, list of files) cut to what a ``Text`` field holds, start kept."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def files_label(paths: Sequence[object]) -> str:
    """The source label of a list of files: their names, or their count and the first ones."""
    names = ", ".join(str(p) for p in paths)
    return shown(names) if len(names) <= 300 else shown(f"{len(paths)} files: {names}")


def problems_of(error: DocumentError) -> list[DocumentProblem]:
    """The problems of a document that could not be used, as published records (never empty)."""
    return [
        DocumentProblem(
            kind=problem.kind,
            message=problem.message or "invalid",
            pointer=problem.pointer,
            **stated(line=problem.line, column=problem.column),
        )
        for problem in error.problems
    ] or [DocumentProblem(kind="read", message="invalid document", pointer="")]


class UnreadableDocument(SpocModel):
    """A file of the set that is not a valid profile; reported, then left out of the checks."""

    file: Text = fact("The file, as found in the set.", required=True)
    problems: list[DocumentProblem] = fact("Every problem found in it.", required=True)


class NetworkMember(SpocModel):
    """One profile of the set: who it describes and its own check report."""

    file: Text = fact("The file the profile was read from.", required=True)
    country: CountryCode = fact("The state the profile describes.", required=True)
    country_name: Text = fact("The state's name, for people.", required=True)
    status: StateStatus = fact("The state's status, as the profile declares it.", required=True)
    spoc_identifier: Maybe[Identifier] = fact("The SPOC's identifier, where the profile has one.")
    spoc_name: Text = fact("The SPOC's official name.", required=True)
    acronym: Maybe[Text] = fact("The SPOC's short name, where the profile has one.")
    parent_authority: Maybe[Text] = fact("The authority the SPOC belongs to, where stated.")
    revision_date: IsoDate = fact("Date of the profile's revision.", required=True)
    working_languages: list[LanguageCode] = fact(
        "The working languages the profile lists (empty: not stated).",
        legal_basis="Art 11(1)",
        required=True,
    )
    siena_readiness: SienaReadiness = fact(
        "Readiness for SIENA as the default channel.",
        legal_basis=("Art 13(1)", "Art 13(3)"),
        required=True,
    )
    around_the_clock: Maybe[StrictBool] = fact(
        "True if the SPOC operates 24/7, as the profile states.", legal_basis="Art 14(3)(a)(ii)"
    )
    contact_points: list[ContactPoint] = fact(
        "The functional contact points the profile lists.",
        legal_basis="G-FUNCTIONAL",
        required=True,
    )
    report: Report = fact("The profile's own compliance report.", required=True)


class CrossCheckFinding(SpocModel):
    """What a cross-check found, naming the states and files involved."""

    check: CrossCheck = fact("The cross-check that found it.", required=True)
    rule_id: Maybe[Text] = fact(
        "The registered rule of the cross-check (schema 1.1).", examples=["SPOC-N-0001"]
    )
    test_basis: Maybe[TestBasis] = fact(
        "What the finding rests on: the text, or a consistency note on the set (schema 1.1)."
    )
    severity: Severity = fact(
        "error: an obligation of bound states; warning: a gap of bound states that is not (yet) "
        "a breach; info: partners, which align voluntarily.",
        required=True,
    )
    message: Text = fact("What was found, in one sentence.", required=True)
    states: list[CountryCode] = fact(
        "The states concerned, the one the finding is about first.", required=True
    )
    files: list[Text] = fact("The profile files concerned (empty: none).", required=True)
    identifier: Maybe[Identifier] = fact("The duplicated identifier, for identifier checks.")
    legal_basis: list[LegalReference] = fact("Structured legal basis.", required=True)


class LanguageLink(SpocModel):
    """The working languages two states share: what they can exchange in (Art 4(6), 11)."""

    states: list[CountryCode] = fact(
        "The two states, in alphabetical order.", required=True, min_length=2, max_length=2
    )
    shared_languages: list[LanguageCode] = fact(
        "Languages on both lists, sorted (empty: no shared language).", required=True
    )
    english: StrictBool = fact("True if English is on both lists.", required=True)
    bound_pair: StrictBool = fact(
        "True if both states are bound by the Directive (EU Member States and Schengen "
        "associated states), so that Art 11(1) requires English on both lists.",
        required=True,
    )


class GroupCoverage(SpocModel):
    """Which states of one expected group have a profile in the set."""

    group: NetworkGroup = fact("The group of states.", required=True)
    expected: list[CountryCode] = fact("Every state of the group, sorted.", required=True)
    present: list[CountryCode] = fact("States with at least one valid profile.", required=True)
    missing: list[CountryCode] = fact("States without a valid profile.", required=True)


class NetworkSummary(SpocModel):
    """Counts, for dashboards and exit codes."""

    profiles: Count = fact("Valid profiles in the set.", required=True)
    unreadable: Count = fact("Files that are not valid profiles.", required=True)
    states: Count = fact("Distinct states with a valid profile.", required=True)
    missing_states: Count = fact("Expected states without a profile.", required=True)
    siena_ready: Count = fact("Profiles whose SPOC is ready for SIENA.", required=True)
    cross_check_errors: Count = fact("Cross-check findings of severity error.", required=True)
    cross_check_warnings: Count = fact("Cross-check findings of severity warning.", required=True)
    cross_check_infos: Count = fact("Cross-check findings of severity info.", required=True)
    profiles_passed: Count = fact("Profiles whose own report passed.", required=True)
    passed: StrictBool = fact(
        "True if every file was a valid profile, every profile report passed and no cross-check "
        "finding is at or above the fail level.",
        required=True,
    )


class NetworkReport(SpocModel):
    """The result of checking a set of SPOC profiles (spocschema network report, version 1.0)."""

    schema_version: Literal["1.0", "1.1"] = fact(
        "Version of the network report schema.", required=True
    )
    tool_version: Text = fact("Version of spocschema that produced the report.", required=True)
    source: Text = fact("The folder (or label) the profiles were read from.", required=True)
    as_of: IsoDate = fact(
        "Evaluation date: obligations are judged as they stand on this day.", required=True
    )
    fail_level: Severity = fact("Lowest severity that makes the check fail.", required=True)
    expected_groups: list[NetworkGroup] = fact(
        "The groups of states the set is expected to cover.", required=True
    )
    members: list[NetworkMember] = fact(
        "The valid profiles, ordered by state then file.", required=True
    )
    unreadable: list[UnreadableDocument] = fact(
        "Files that are not valid profiles, ordered by file.", required=True
    )
    cross_checks: list[CrossCheckFinding] = fact(
        "Cross-check findings, most severe first, then by check and state.", required=True
    )
    coverage: list[GroupCoverage] = fact("Coverage of each expected group.", required=True)
    language_links: list[LanguageLink] = fact(
        "Every pair of states in the set with the languages they share.", required=True
    )
    summary: NetworkSummary = fact("Counts.", required=True)
