"""The provisions catalogue: every requirement a rule may cite, with its structured legal basis.

The catalogue is the machine-readable form of the requirements catalogue (REQUIREMENTS.md,
sections A to D). Rules cite provisions by their short citation (``Art 14(3)(a)(ii)``,
``G-ONESTOP``); reports list provisions in catalogue order; the coverage table maps each of them
to the rules that assess it. Declaring the provisions once here keeps the citation, the force,
the date from which an obligation applies and the link to the Official Journal in one place.

Rows of the requirements table that group several points (``Art 5(1)(a)-(c)``, written with an
en dash in the table) are split into one provision per point where the points are checked
separately, and each provision records the row it comes from (``row``) so the table and the
code can be compared line by line.

Verification: a reference tagged **[U]** has not been read in the adopted text by the authors
of this catalogue. Such provisions carry ``verified=False`` in their legal basis and a note,
and every rule citing them says that the reference awaits verification. References tagged
**[V]** (read in the adopted text) or **[P]** (partly read, or confirmed indirectly) count as
verified; a [P] reference keeps its tag so readers can tell the two apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from spocschema.report import LegalReference

Force = Literal["MUST", "SHOULD", "MAY"]
Tag = Literal["V", "P", "U"]
Section = Literal["A", "B", "C", "D"]

DIRECTIVE = "Directive (EU) 2023/977"
DIRECTIVE_CELEX = "32023L0977"
DIRECTIVE_ELI = "http://data.europa.eu/eli/dir/2023/977/oj"

#: Transposition deadline (Art 22(1)): the Directive's obligations apply from this day.
TRANSPOSITION_DEADLINE = date(2024, 12, 12)
#: The SIENA obligations of Art 13 apply from this day (Art 22).
SIENA_DEADLINE = date(2027, 6, 12)

#: Council documents the guideline rows rest on.
CONCLUSIONS_2019 = "Council Conclusions of 7 October 2019 (doc 12825/19)"
SPOC_GUIDELINES = "Council SPOC Guidelines (doc 10492/14; update of 7968/08)"
INFO_EXCHANGE_MANUAL = "Council Manual on Law Enforcement Information Exchange"
DATA_PROTECTION_PRACTICE = "Data-protection good practice (Directive (EU) 2016/680, Art 4(1)(c))"
#: Rules the project infers itself; no instrument states them.
PROJECT_INFERENCE = "spocschema recommendation (the project's inference from data minimisation)"

UNVERIFIED_NOTE = "Not yet verified against the Official Journal: the paraphrase may be inexact."


@dataclass(frozen=True)
class Provision:
    """One requirement of the catalogue.

    ``applies_from`` is the first day the obligation binds; ``None`` means from the
    transposition deadline like the rest of the Directive (or, for guidance, whenever adopted).
    """

    citation: str
    section: Section
    force: Force
    title: str
    tag: Tag
    instrument: str = DIRECTIVE
    article: str | None = None
    paragraph: str | None = None
    point: str | None = None
    row: str = ""
    applies_from: date | None = None
    also_cites: tuple[str, ...] = ()
    note: str = ""
    #: Why no rule assesses the provision, where none does (shown by the coverage matrix).
    no_rule_reason: str = ""

    @property
    def verification(self) -> str:
        """``read_de``, ``read_en`` or ``unverified``: how far this session's authors read it.

        Read from ``READ_IN`` (the record of what was read in which language version); a
        provision not recorded there is ``unverified`` whatever its catalogue tag says.
        """
        return READ_IN.get(self.citation, ("unverified", ""))[0]

    @property
    def verified(self) -> bool:
        """False while the reference awaits verification against the Official Journal."""
        return self.tag != "U"

    @property
    def verification_note(self) -> str:
        """What a reader should know about how far the reference has been checked."""
        if self.tag == "U":
            return UNVERIFIED_NOTE
        if self.tag == "P":
            return "Reference partly read in the adopted text or confirmed indirectly."
        return ""

    def legal_reference(self) -> LegalReference:
        """The structured legal basis, as reports and rule metadata carry it (shared, do not
        modify: one instance per provision serves every report)."""
        return _legal_reference(self)

    def _build_reference(self) -> LegalReference:
        is_directive = self.instrument == DIRECTIVE
        return LegalReference.model_construct(
            instrument=self.instrument,
            celex=DIRECTIVE_CELEX if is_directive else None,
            eli=DIRECTIVE_ELI if is_directive else None,
            article=self.article,
            paragraph=self.paragraph,
            point=self.point,
            citation=self.citation,
            verified=self.verified,
        )

    def to_dict(self) -> dict[str, object]:
        """A JSON-compatible description, for the rule list and the documentation."""
        data: dict[str, object] = {
            "citation": self.citation,
            "section": self.section,
            "force": self.force,
            "title": self.title,
            "verification": self.tag,
            "legal_basis": self.legal_reference().to_document(),
            "row": self.row or self.citation,
        }
        if self.applies_from is not None:
            data["applies_from"] = self.applies_from.isoformat()
        if self.also_cites:
            data["also_cites"] = list(self.also_cites)
        note = " ".join(part for part in (self.verification_note, self.note) if part)
        if note:
            data["note"] = note
        data["read"] = self.verification
        source = READ_IN.get(self.citation, ("", ""))[1]
        if source:
            data["read_in"] = source
        if self.no_rule_reason:
            data["no_rule_reason"] = self.no_rule_reason
        return data


@cache
def _legal_reference(provision: Provision) -> LegalReference:
    return provision._build_reference()


def _art(
    citation: str,
    section: Section,
    force: Force,
    tag: Tag,
    title: str,
    *,
    row: str = "",
    applies_from: date | None = None,
    also_cites: tuple[str, ...] = (),
    note: str = "",
    no_rule_reason: str = "",
) -> Provision:
    """A provision of the Directive; article, paragraph and point are read from the citation."""
    body = citation.removeprefix("Art ")
    article, _, rest = body.partition("(")
    parts = [p.rstrip(")") for p in ("(" + rest).split("(")[1:]] if rest else []
    paragraph = parts[0] if parts else None
    point = "".join(f"{p}" if i == 0 else f"({p})" for i, p in enumerate(parts[1:])) or None
    return Provision(
        citation=citation,
        section=section,
        force=force,
        title=title,
        tag=tag,
        article=article.strip(),
        paragraph=paragraph,
        point=point,
        row=row or citation,
        applies_from=applies_from,
        also_cites=also_cites,
        note=note,
        no_rule_reason=" ".join(no_rule_reason.split()),
    )


def _guide(citation: str, instrument: str, title: str, tag: Tag = "P") -> Provision:
    return Provision(
        citation=citation,
        section="D",
        force="SHOULD",
        title=title,
        tag=tag,
        instrument=instrument,
        row=citation,
    )


_DE = "German text, gesetze.legal copy of the Official Journal (search tool, 2026-12-04)"
_SEED_2019 = "Council Conclusions of 7 October 2019, doc 12825/19 (shared/seeds, English)"

#: What was read, in which language version: citation -> (verification, where).
#: Only provisions whose wording was found are listed; everything else is ``unverified``
#: (Arts 11, 14(3)(a)(ii)-(b), 14(4), 15(3)(c), 16(1)(g)-(h), 16(2)-(4), 17 and 22 were not
#: found in any stored copy). See the table in docs and the branch notes.
READ_IN: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        (
            "Art 4(1)",
            "Art 4(2)",
            "Art 5(1)(a)",
            "Art 5(1)(b)",
            "Art 5(1)(c)",
            "Art 5(2)",
            "Art 6(1)",
            "Art 7(1)",
            "Art 7(2)",
            "Art 8(1)",
            "Art 8(2)",
            "Art 8(3)",
            "Art 9(1)",
            "Art 9(2)",
            "Art 13(1)",
            "Art 13(2)",
            "Art 13(3)",
            "Art 14(1)",
            "Art 14(2)(a)",
            "Art 14(2)(b)",
            "Art 14(2)(c)",
            "Art 14(2)(d)",
            "Art 14(2)(e)",
            "Art 14(2)(f)",
            "Art 14(3)(a)(i)",
            "Art 15(1)",
            "Art 15(2)(a)",
            "Art 15(2)(b)",
            "Art 15(2)(c)",
            "Art 15(3)",
            "Art 15(3)(a)",
            "Art 15(3)(b)",
            "Art 16(1)",
            "Art 16(1)(a)",
            "Art 16(1)(b)",
            "Art 16(1)(c)",
            "Art 16(1)(d)",
            "Art 16(1)(e)",
            "Art 16(1)(f)",
            "Art 18",
            "Art 18(1)",
            "Art 18(2)(a)",
            "Art 18(2)(b)",
            "Art 18(2)(c)",
            "Art 18(2)(d)",
        ),
        ("read_de", _DE),
    ),
    # Guidance is read in the instrument's own language; "read_en" says the English text.
    "G-NET-2019": ("read_en", _SEED_2019),
    "G-TRAINING": ("read_en", _SEED_2019),
}

_A: Section = "A"

#: Section A, in the order of the requirements catalogue.
_SECTION_A: tuple[Provision, ...] = (
    _art(
        "Art 14(1)",
        _A,
        "MUST",
        "V",
        "One SPOC established or designated as the central coordinating entity",
    ),
    _art("Art 14(2)(a)", _A, "MUST", "V", "Task: receive and evaluate requests"),
    _art("Art 14(2)(b)", _A, "MUST", "V", "Task: channel requests and coordinate replies"),
    _art("Art 14(2)(c)", _A, "MUST", "V", "Task: coordinate analysis and structuring"),
    _art("Art 14(2)(d)", _A, "MUST", "V", "Task: provide information (Arts 5 and 7)"),
    _art("Art 14(2)(e)", _A, "MUST", "V", "Task: refuse under Art 6 and seek clarification"),
    _art("Art 14(2)(f)", _A, "MUST", "V", "Task: send requests and give clarifications"),
    _art(
        "Art 14(3)(a)(i)",
        _A,
        "MUST",
        "V",
        "Access to all information available to the competent authorities",
    ),
    _art("Art 14(3)(a)(ii)", _A, "MUST", "P", "Operational 24 hours a day, 7 days a week"),
    _art(
        "Art 14(3)(a)(iii)",
        _A,
        "MUST",
        "U",
        "Qualified staff, tools, resources and translation capability",
    ),
    _art("Art 14(3)(b)", _A, "MUST", "U", "Competent judicial authorities available 24/7"),
    _art(
        "Art 14(4)",
        _A,
        "MUST",
        "U",
        "SPOC notified to the Commission within one month and kept up to date",
    ),
    _art("Art 15(1)", _A, "MUST", "V", "Organised and composed to perform its tasks efficiently"),
    _art("Art 15(2)(a)", _A, "MUST", "V", "Staff include the Europol national unit, if bound"),
    _art("Art 15(2)(b)", _A, "MUST", "V", "Staff include the SIRENE Bureau, if bound"),
    _art("Art 15(2)(c)", _A, "MUST", "V", "Staff include the Interpol NCB, if bound"),
    _art("Art 15(3)", _A, "MUST", "V", "Qualified staff with adequate and regular training"),
    _art("Art 15(3)(a)", _A, "MUST", "V", "Training on SIENA and the case management system"),
    _art(
        "Art 15(3)(b)",
        _A,
        "MUST",
        "P",
        "Training on Union and national law, data protection, cross-border cooperation",
    ),
    _art("Art 15(3)(c)", _A, "MUST", "U", "Training in the languages of the Art 11 list"),
    _art("Art 16(1)", _A, "MUST", "V", "A single electronic case management system"),
    _art("Art 16(1)(a)", _A, "MUST", "V", "CMS records requests and related communications"),
    _art("Art 16(1)(b)", _A, "MUST", "V", "CMS records communications with national authorities"),
    _art("Art 16(1)(c)", _A, "MUST", "V", "CMS records information provided"),
    _art("Art 16(1)(d)", _A, "MUST", "V", "CMS cross-checks incoming requests"),
    _art("Art 16(1)(e)", _A, "MUST", "V", "CMS ensures follow-up within the Art 5 time limits"),
    _art("Art 16(1)(f)", _A, "MUST", "P", "CMS interoperates with SIENA"),
    _art("Art 16(1)(g)", _A, "MUST", "U", "CMS generates statistics"),
    _art("Art 16(1)(h)", _A, "MUST", "U", "CMS logs access and processing"),
    _art("Art 16(2)", _A, "MUST", "U", "CMS cybersecurity risks managed, safeguards in place"),
    _art(
        "Art 16(3)", _A, "MUST", "U", "Personal data kept only as long as necessary, then deleted"
    ),
    _art("Art 16(4)", _A, "MUST", "U", "First retention review within six months, then regularly"),
    _art("Art 11(1)", _A, "MUST", "U", "Working languages: official EU languages incl. English"),
    _art("Art 11(2)", _A, "MUST", "P", "Language list notified to the Commission"),
    _art(
        "Art 13(1)",
        _A,
        "MUST",
        "V",
        "SIENA used for requests, replies and own-initiative information",
        applies_from=SIENA_DEADLINE,
    ),
    _art(
        "Art 13(2)",
        _A,
        "MAY",
        "V",
        "Other channels only on the grounds of Art 13(2)(a)-(c)",
        row="Art 13(2)(a)\u2013(c)",
        applies_from=SIENA_DEADLINE,
    ),
    _art(
        "Art 13(3)",
        _A,
        "MUST",
        "V",
        "SPOC and competent authorities directly connected to SIENA",
        applies_from=SIENA_DEADLINE,
    ),
    _art(
        "Art 4(1)",
        _A,
        "MUST",
        "V",
        "Designated authorities notified; they copy their SPOC on requests",
    ),
    _art(
        "Art 4(2)",
        _A,
        "MAY",
        "V",
        "Copies to the SPOC omitted only on the three grounds of the Directive",
        row="Art 4(2), 5(3), 7(3), 8(3)",
        also_cites=("Art 5(3)", "Art 7(3)", "Art 8(3)"),
    ),
    _art(
        "Art 5(1)(a)",
        _A,
        "MUST",
        "V",
        "Urgent requests, directly accessible information: at most 8 hours",
        row="Art 5(1)(a)\u2013(c)",
    ),
    _art(
        "Art 5(1)(b)",
        _A,
        "MUST",
        "V",
        "Urgent requests, indirectly accessible information: at most 3 calendar days",
        row="Art 5(1)(a)\u2013(c)",
    ),
    _art(
        "Art 5(1)(c)",
        _A,
        "MUST",
        "V",
        "All other requests: at most 7 calendar days",
        row="Art 5(1)(a)\u2013(c)",
    ),
    _art(
        "Art 5(2)",
        _A,
        "MUST",
        "V",
        "Requester told at once of a delay due to judicial authorisation",
        note="The deviation from the time limits is an option (MAY); informing the requester "
        "is mandatory, which is what the rule checks.",
    ),
    _art(
        "Art 9(1)",
        _A,
        "MUST",
        "V",
        "Judicial authorisation only where required domestically",
        row="Art 9(1)\u2013(2)",
    ),
    _art(
        "Art 9(2)",
        _A,
        "MUST",
        "V",
        "Where authorisation is required, steps taken immediately",
        row="Art 9(1)\u2013(2)",
    ),
    _art("Art 17", _A, "MUST", "U", "Heads of SPOCs meet at least once a year"),
    _art("Art 18", _A, "MUST", "V", "Annual statistics sent to the Commission by 1 March"),
)

_B: Section = "B"

#: Sections B and C: what requests, exchange records and statistics evidence (checked by the
#: document rules of ``spocschema.rules``, not on a profile).
_SECTIONS_B_C: tuple[Provision, ...] = (
    _art(
        "Art 4(3)",
        _B,
        "MUST",
        "P",
        "Requests only where necessary and proportionate",
        no_rule_reason="Whether a request was necessary and proportionate is a judgement on the "
        "case that no document records; a request can only state its reasons, which SPOC-B-0007 "
        "checks under Art 4(5)(c).",
    ),
    _art("Art 4(4)", _B, "MUST", "P", "Requests state whether urgent and why"),
    _art("Art 4(5)", _B, "MUST", "U", "Minimum content of a request", row="Art 4(5)(a)\u2013(f)"),
    _art("Art 4(6)", _B, "MUST", "U", "Request in a language of the requested state's list"),
    _art("Art 5(3)", _B, "MUST", "P", "Reply in the language of the request; copy rules"),
    _art(
        "Art 6(1)",
        _B,
        "MUST",
        "V",
        "Refusal only on the closed list of grounds",
        no_rule_reason="The schemas enforce the closed list: a refusal ground outside Art 6(1) "
        "makes an exchange record or a statistics document invalid before any rule runs.",
    ),
    _art("Art 6(2)", _B, "MUST", "U", "Refusal communicated with reasons, within time limits"),
    _art(
        "Art 6(3)",
        _B,
        "MUST",
        "U",
        "Clarification requested; time limits suspended",
        no_rule_reason="Whether a clarification could have avoided a refusal is a judgement no "
        "document records; the suspension of the time limits is applied where the Art 5 due "
        "instants are computed (spocschema.deadlines), not judged by a rule.",
    ),
    _art(
        "Art 7(1)",
        _B,
        "MAY",
        "V",
        "Own-initiative provision",
        row="Art 7(1)\u2013(2)",
        no_rule_reason="An option; nothing to check.",
    ),
    _art(
        "Art 7(2)",
        _B,
        "MUST",
        "V",
        "Own-initiative provision mandatory for serious offences",
        no_rule_reason="A record shows information that was exchanged, never information that "
        "was not: whether information relevant to a serious offence was withheld outside the "
        "Art 6(1)(c) and (f) exceptions cannot be evidenced by any document spocschema reads.",
    ),
    _art(
        "Art 7(3)",
        _B,
        "MUST",
        "V",
        "Own-initiative information in a language of the recipient's list; copy to the SPOC",
        row="Art 4(2), 5(3), 7(3), 8(3)",
        no_rule_reason="Exchange records describe requests and their replies; information "
        "provided on a state's own initiative is not recorded in them (a later schema version "
        "can add it, and the language rule of requests, SPOC-B-0009, would then apply to it).",
    ),
    _art(
        "Art 8(1)",
        _B,
        "MUST",
        "V",
        "A SPOC's request to another state's competent authority is copied to that state's SPOC; "
        "information provided on it is copied to the own SPOC",
    ),
    _art(
        "Art 8(2)",
        _B,
        "MUST",
        "V",
        "Direct exchanges between competent authorities are copied to both states' SPOCs",
    ),
    _art(
        "Art 8(3)",
        _B,
        "MAY",
        "V",
        "Copies of direct exchanges may be omitted on the Art 8(3) grounds",
        row="Art 4(2), 5(3), 7(3), 8(3)",
        no_rule_reason="An exception, not an obligation: the Art 8(1)-(2) rules apply it (a "
        "record stating an Art 8(3) ground makes them not applicable).",
    ),
    _art(
        "Art 10",
        _B,
        "MUST",
        "P",
        "Personal data accurate, complete, within Annex II categories",
        no_rule_reason="Requests and exchange records carry no personal data by design, so "
        "whether the data provided were accurate, complete, up to date and within the permitted "
        "categories cannot be evidenced by the documents spocschema reads.",
    ),
    _art("Art 12", _B, "MUST", "U", "Case-by-case assessment whether to send Europol a copy"),
    _art("Art 18(1)", "C", "MUST", "V", "Statistics by 1 March for the previous calendar year"),
    _art(
        "Art 18(2)(a)",
        "C",
        "MUST",
        "V",
        "Statistics: requests sent by the SPOC and the competent authorities",
    ),
    _art(
        "Art 18(2)(b)",
        "C",
        "MUST",
        "V",
        "Statistics: requests received and answered, by urgency and requesting state",
    ),
    _art("Art 18(2)(c)", "C", "MUST", "V", "Statistics: requests refused, by state and ground"),
    _art("Art 18(2)(d)", "C", "MUST", "V", "Statistics: time limits exceeded for authorisation"),
)

#: Section D: recommendations beyond the Directive.
_SECTION_D: tuple[Provision, ...] = (
    _guide(
        "G-NET-2019",
        CONCLUSIONS_2019,
        "Heads of SPOC meet at least twice a year and report to the Council working party",
    ),
    _guide("G-ONESTOP", SPOC_GUIDELINES, "One-stop shop: all international channels in one unit"),
    _guide("G-FRONTBACK", SPOC_GUIDELINES, "A 24/7 front office and a back office", tag="U"),
    _guide(
        "G-MULTIAGENCY",
        SPOC_GUIDELINES,
        "Police, customs and border guard staff; judicial liaison on call",
        tag="U",
    ),
    _guide(
        "G-CHANNEL",
        f"{SPOC_GUIDELINES}; {INFO_EXCHANGE_MANUAL}",
        "Documented channel-choice criteria",
        tag="U",
    ),
    _guide("G-TRAINING", CONCLUSIONS_2019, "Regular training, including through CEPOL"),
    _guide(
        "G-FACTSHEET",
        INFO_EXCHANGE_MANUAL,
        "National fact sheet kept current (updated twice a year)",
    ),
    _guide(
        "G-FUNCTIONAL",
        PROJECT_INFERENCE,
        "Contact points are functional, not officers' personal data",
    ),
)

#: Every provision of the catalogue, in catalogue order (A, B, C, D).
PROVISIONS: tuple[Provision, ...] = _SECTION_A + _SECTIONS_B_C + _SECTION_D

_BY_CITATION: dict[str, Provision] = {p.citation: p for p in PROVISIONS}
if len(_BY_CITATION) != len(PROVISIONS):  # pragma: no cover - guards the table above
    raise RuntimeError("duplicate citation in the provisions catalogue")


def get_provision(citation: str) -> Provision:
    """The provision with this citation; ``KeyError`` naming it if the catalogue lacks it."""
    try:
        return _BY_CITATION[citation]
    except KeyError:
        raise KeyError(f"unknown provision {citation!r}") from None


def section(letter: Section) -> tuple[Provision, ...]:
    """The provisions of one section of the requirements catalogue, in order."""
    return tuple(p for p in PROVISIONS if p.section == letter)


@cache
def catalogue_order() -> dict[str, int]:
    """Position of each citation in the catalogue, for deterministic sorting."""
    return {p.citation: i for i, p in enumerate(PROVISIONS)}


def provisions_as_json() -> list[dict[str, object]]:
    """The whole catalogue as JSON-compatible data."""
    return [p.to_dict() for p in PROVISIONS]
