"""The Report: what a check found, as a published document every output format is made from.

One model serves the Python API, the JSON output, and the SARIF, JUnit, GitHub and Markdown
renderings, so a finding can never say one thing in one format and another elsewhere. It has
its own published schema (``report.schema.json``) so that non-Python tools can consume it.
"""

# No ``from __future__ import annotations``: see ``spocschema.models.profile`` (start-up time).

from typing import Literal

from pydantic import StrictBool

from spocschema.enums import CodeEnum
from spocschema.models.base import SpocModel, fact
from spocschema.models.provenance import Provenance
from spocschema.types import Count, CountryCode, IsoDate, LongText, Maybe, Text

#: Version of the report documents this release writes (1.1 adds ``test_basis`` and
#: ``interpretation`` to findings); 1.0 reports remain valid documents of the model.
REPORT_SCHEMA_VERSION: Literal["1.1"] = "1.1"

#: The report schema versions this release reads.
ReportSchemaVersion = Literal["1.0", "1.1"]


class Severity(CodeEnum):
    """How serious a finding is; follows the force of the provision (gtfs-validator style)."""

    ERROR = ("error", "", "A MUST provision is not met (a legal obligation)")
    WARNING = ("warning", "", "A SHOULD recommendation is not followed")
    INFO = ("info", "", "A MAY option or a note for the reader")

    @property
    def rank(self) -> int:
        """Higher is more serious; used for fail levels and sorting."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Verification(CodeEnum):
    """Whether a rule's legal reference has been read in the text, and in which language.

    The German and English versions of the Directive are equally authentic; a rule whose
    reference nobody has read yet in the Official Journal says so rather than pretend.
    """

    READ_DE = ("read_de", "", "Reference read in the German text of the Official Journal")
    READ_EN = ("read_en", "", "Reference read in an English copy of the text")
    UNVERIFIED = ("unverified", "", "Not yet verified against the Official Journal")


class TestBasis(CodeEnum):
    """What a rule's test rests on: the wording, the project's reading, guidance or data sense.

    A verdict on the project's reading of a quality word ("regular", "immediately") is not a
    breach of the text and is never shown as one; a recommendation binds no single SPOC; a
    consistency note has no obligation behind it at all.
    """

    __test__ = False  # not a pytest test class despite its name

    TEXT = ("text", "", "The test follows the wording of the provision")
    INTERPRETATION = (
        "interpretation",
        "",
        "The test applies the project's documented reading of a quality the text names",
    )
    RECOMMENDATION = (
        "recommendation",
        "",
        "The test follows Council Conclusions or guidelines, which recommend and bind no SPOC",
    )
    CONSISTENCY = (
        "consistency",
        "",
        "A data-quality note on the document; no provision obliges it",
    )


class ProvisionStatus(CodeEnum):
    """Outcome for one provision of the catalogue."""

    MET = ("met", "", "The profile shows the provision is met")
    NOT_MET = ("not_met", "", "The profile shows the provision is not met")
    NOT_APPLICABLE = (
        "not_applicable",
        "",
        "The provision does not apply, for the reason the profile gives",
    )
    NOT_ASSESSABLE = ("not_assessable", "", "The profile does not state the facts needed")
    UPCOMING = ("upcoming", "", "The obligation applies only from a later date")


class Assessment(CodeEnum):
    """Whether the profile was checked as a legal obligation or as voluntary alignment."""

    BINDING = ("binding", "", "The state is bound; unmet MUST provisions are breaches")
    ALIGNMENT = (
        "alignment",
        "",
        "The state aligns voluntarily (partners); findings measure alignment, not breaches",
    )


class LegalReference(SpocModel):
    """A structured legal basis: enough to cite the provision and link to its text."""

    instrument: Text = fact(
        "The act or document, e.g. 'Directive (EU) 2023/977' or 'Council doc 10492/14'.",
        required=True,
    )
    celex: Maybe[Text] = fact("CELEX number of the act, where it has one.", examples=["32023L0977"])
    eli: Maybe[Text] = fact("European Legislation Identifier of the act.")
    article: Maybe[Text] = fact("Article number.", examples=["14"])
    paragraph: Maybe[Text] = fact("Paragraph number.", examples=["3"])
    point: Maybe[Text] = fact("Point letter, with sub-point if any.", examples=["a", "a(ii)"])
    citation: Text = fact(
        "Short citation, as spocschema's provisions catalogue writes it (`spocschema rules`).",
        required=True,
        examples=["Art 14(3)(a)(ii)", "G-ONESTOP"],
    )
    verified: StrictBool = fact(
        "False while the reference is not yet verified against the Official Journal.",
        required=True,
    )


class Waiver(SpocModel):
    """The waiver that matched a finding."""

    justification: Text = fact("Why the finding is accepted.", required=True)
    expires_on: Maybe[IsoDate] = fact(
        "Last day the waiver applies (required in 1.0; from 1.1 absent when the waiver has none)."
    )
    expired: StrictBool = fact(
        "True if the waiver had expired on the evaluation date.", required=True
    )
    owner: Maybe[Text] = fact("The function responsible for closing the gap (added in 1.1).")
    refused: Maybe[Text] = fact(
        "Why the waiver matches but does not waive the finding although in force (added in "
        "1.1): an error of an EU MUST rule is waived only by a waiver with an expiry date."
    )


#: The force of a provision: a legal obligation, a recommendation or an option.
Force = Literal["MUST", "SHOULD", "MAY"]


class Finding(SpocModel):
    """One rule's verdict on one place of the document.

    ``status`` tells what kind of finding it is: ``not_met`` (the profile shows the provision is
    not met), ``not_assessable`` (the profile does not state the fact the rule needs) or
    ``upcoming`` (the profile would not meet an obligation that applies only from a later date).
    """

    rule_id: Text = fact("Stable rule identifier.", required=True, examples=["SPOC-A-0001"])
    severity: Severity = fact("Severity, following the provision's force.", required=True)
    status: Literal["not_met", "not_assessable", "upcoming"] = fact(
        "What the finding records: a provision not met, a fact not stated, or an obligation "
        "not yet in force that the profile would not meet.",
        required=True,
    )
    breach: StrictBool = fact(
        "True only for an unmet MUST provision binding on the state on the evaluation date, "
        "tested on the wording; false for alignment checks (partners), recommendations, "
        "options, upcoming dates, the project's interpretations and consistency notes.",
        required=True,
    )
    message: Text = fact(
        "What is wrong, in one sentence; never quotes personal data.", required=True
    )
    pointer: str = fact(
        "JSON Pointer of the offending value (empty string: the whole document).", required=True
    )
    provision: Text = fact("The catalogue provision checked.", required=True)
    legal_basis: list[LegalReference] = fact("Structured legal basis.", required=True)
    test_basis: Maybe[TestBasis] = fact(
        "What the verdict rests on: the text, the project's interpretation (stated in "
        "`interpretation`), a recommendation, or a consistency note with no obligation behind "
        "it (schema 1.1; absent in 1.0 reports)."
    )
    interpretation: Maybe[LongText] = fact(
        "The project's reading the verdict applies, where it rests on one (schema 1.1); never "
        "the text of the law."
    )
    file: Maybe[Text] = fact("File the document was read from.")
    line: Maybe[Count] = fact("Line of the offending value (1-based).")
    column: Maybe[Count] = fact("Column of the offending value (1-based).")
    waived: StrictBool = fact("True if a waiver in force covers the finding.", required=True)
    waiver: Maybe[Waiver] = fact("The waiver that matched, in force or expired.")
    provenance: Maybe[Provenance] = fact(
        "Where the facts behind the finding come from, as the profile states it (report "
        "schema 1.1)."
    )


class ProvisionResult(SpocModel):
    """The status of one provision."""

    provision: Text = fact("Catalogue reference, e.g. 'Art 15(2)(b)'.", required=True)
    title: Text = fact("What the provision requires, briefly.", required=True)
    force: Force = fact(
        "MUST (obligation), SHOULD (recommendation) or MAY (option).", required=True
    )
    legal_basis: LegalReference = fact("Structured legal basis of the provision.", required=True)
    status: ProvisionStatus = fact("Outcome for this provision.", required=True)
    rule_ids: list[Text] = fact("Rules that assessed it.", required=True)
    justification: Maybe[Text] = fact(
        "For not_applicable: the reason the profile gives; for upcoming: the date it applies."
    )
    applies_from: Maybe[IsoDate] = fact(
        "First day the obligation applies, if later than the Directive's."
    )


class Verdict(CodeEnum):
    """The one-word outcome of a check, for people reading a summary at a glance.

    ``passed`` alone would call a profile that states nothing "passed": no rule can fail on a
    fact that is not there. ``incomplete`` keeps that case apart, so a green result always means
    the stated facts were judged and found to meet what is assessed.
    """

    PASSED = (
        "passed",
        "",
        "Nothing unwaived at or above the fail level, and every obligation (MUST provision) in "
        "force could be assessed",
    )
    INCOMPLETE = (
        "incomplete",
        "",
        "Nothing unwaived at or above the fail level, but the profile states too little to "
        "assess at least one obligation (MUST provision) in force",
    )
    FAILED = ("failed", "", "An unwaived finding at or above the fail level")


def verdict_of(passed: bool, provisions: "list[ProvisionResult]") -> Verdict:
    """``failed`` unless ``passed``; else ``incomplete`` while an obligation is not assessable."""
    if not passed:
        return Verdict.FAILED
    if any(p.force == "MUST" and p.status is ProvisionStatus.NOT_ASSESSABLE for p in provisions):
        return Verdict.INCOMPLETE
    return Verdict.PASSED


class Summary(SpocModel):
    """Counts, for dashboards and exit codes."""

    errors: Count = fact("Findings of severity error, not waived.", required=True)
    warnings: Count = fact("Findings of severity warning, not waived.", required=True)
    infos: Count = fact("Findings of severity info, not waived.", required=True)
    waived: Count = fact("Findings covered by a waiver in force.", required=True)
    provisions: dict[str, Count] = fact(
        "Number of provisions by status (met, not_met, ...).", required=True
    )
    passed: StrictBool = fact(
        "True if no unwaived finding is at or above the fail level (also true for an "
        "incomplete profile: read `verdict` for the outcome to show people).",
        required=True,
    )
    verdict: Maybe[Verdict] = fact(
        "Outcome at a glance: passed, incomplete (too little stated to judge an obligation) "
        "or failed. Added in report schema 1.1; spocschema always writes it."
    )


class Report(SpocModel):
    """The result of checking one document (spocschema report, version 1.1)."""

    schema_version: ReportSchemaVersion = fact("Version of the report schema.", required=True)
    tool_version: Text = fact("Version of spocschema that produced the report.", required=True)
    document: Text = fact("The document checked (file name or a label).", required=True)
    document_type: Text = fact(
        "Type of the document checked.", required=True, examples=["spoc-profile"]
    )
    country: Maybe[CountryCode] = fact("The state the document describes, when it has one.")
    spoc_name: Maybe[Text] = fact(
        "Name of the SPOC the profile describes, as the profile writes it (added in 1.1).",
        examples=["Example SPOC (fictional)"],
    )
    revision_date: Maybe[IsoDate] = fact(
        "Revision date of the profile checked (added in 1.1): which state of the SPOC the "
        "report speaks of."
    )
    as_of: IsoDate = fact(
        "Evaluation date: obligations are judged as they stand on this day.", required=True
    )
    assessment: Assessment = fact("Binding obligation or voluntary alignment.", required=True)
    fail_level: Severity = fact("Lowest severity that makes the check fail.", required=True)
    rule_packs: list[Text] = fact(
        "National rule packs applied, by name (empty: the EU rules only).", required=True
    )
    provisions: list[ProvisionResult] = fact(
        "Status per provision, in catalogue order.", required=True
    )
    findings: list[Finding] = fact("Findings, in a deterministic order.", required=True)
    summary: Summary = fact("Counts.", required=True)
