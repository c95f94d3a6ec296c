"""Check one exchange record (a handled request, as a CMS exports it) against Arts 5(3)-12.

A record evidences what happened to one request: the route it took, the copies sent, the
languages used, whether a refusal gave reasons, whether a copy to Europol was considered. The
facts a record leaves out make their rule *not assessable*, never met or not met; a route that
is not a direct exchange makes Art 8 not applicable.

What was read: Art 8(1)-(3) in the German text ("gleichzeitig eine Kopie ... an die zentrale
Kontaktstelle"), so the copy rules test the wording. Art 5(3) was found only up to the words
on the language ("in der Sprache zur V..."), and Arts 6(2) and 12 in no stored copy: those
rules follow the requirements catalogue and say they await verification.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from spocschema.models.statistics import (
    ExchangeDirection,
    ExchangeOutcome,
    ExchangeRecord,
    ExchangeRoute,
)
from spocschema.report import Assessment, ProvisionStatus, Report, TestBasis, Verification
from spocschema.rules.documents import DocumentRule, ReportBuilder, assessment_for, rule_table

EXCHANGE_RECORD_RULES = rule_table(
    "exchange-record",
    DocumentRule(
        "SPOC-B-0010",
        "Art 5(3)",
        "Information is provided in the language of the request",
        "the information was provided in {reply!r}, the request was written in {request!r}",
        ("Art 5(3)",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
        unstated="the record does not state the language of the request and of the reply",
    ),
    DocumentRule(
        "SPOC-B-0011",
        "Art 6(2)",
        "A refusal is communicated with its reasons",
        "the refusal was communicated without its reasons",
        ("Art 6(2)", "Art 6(1)"),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
        unstated="the record does not state whether the refusal gave its reasons",
    ),
    DocumentRule(
        "SPOC-B-0012",
        "Art 8(1)",
        "A SPOC's direct request to another state's authority is copied to that state's SPOC",
        "the SPOC sent the request directly to a competent authority of {state} without a copy "
        "to {state}'s SPOC and without an Art 8(3) ground",
        ("Art 8(1)", "Art 8(3)"),
        verification=Verification.READ_DE,
        test_basis=TestBasis.TEXT,
        unstated="the record does not state whether {whom} received a copy",
    ),
    DocumentRule(
        "SPOC-B-0013",
        "Art 8(1)",
        "Information a competent authority provides on a SPOC's direct request is copied to "
        "its own SPOC",
        "a competent authority provided information on {state}'s direct request without a copy "
        "to its own SPOC and without an Art 8(3) ground",
        ("Art 8(1)", "Art 8(3)"),
        verification=Verification.READ_DE,
        test_basis=TestBasis.TEXT,
        unstated="the record does not state whether {whom} received a copy",
    ),
    DocumentRule(
        "SPOC-B-0014",
        "Art 8(2)",
        "A direct exchange between competent authorities is copied to both SPOCs",
        "the direct exchange with {state} was not copied to {whom} and no Art 8(3) ground is "
        "stated",
        ("Art 8(2)", "Art 8(3)"),
        verification=Verification.READ_DE,
        test_basis=TestBasis.TEXT,
        unstated="the record does not state whether {whom} received a copy",
    ),
    DocumentRule(
        "SPOC-B-0015",
        "Art 12",
        "Staff assess case by case whether to send Europol a copy",
        "the record states that no assessment was made of whether to send Europol a copy",
        ("Art 12",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
        unstated="the record does not state whether a copy to Europol was considered",
    ),
)

EXCHANGE_RECORD_PROVISIONS = ("Art 5(3)", "Art 6(2)", "Art 8(1)", "Art 8(2)", "Art 12")


def _check_language(record: ExchangeRecord, out: ReportBuilder) -> None:
    if record.direction is not ExchangeDirection.INCOMING:
        out.mark("Art 5(3)", ProvisionStatus.NOT_APPLICABLE, "an outgoing request: no reply")
        return
    if record.outcome is not ExchangeOutcome.ANSWERED:
        out.mark("Art 5(3)", ProvisionStatus.NOT_APPLICABLE, "no information was provided")
        return
    if record.request_language is None or record.reply_language is None:
        pointer = "/reply_language" if record.reply_language is None else "/request_language"
        out.missing("SPOC-B-0010", pointer)
    elif record.request_language != record.reply_language:
        out.fail(
            "SPOC-B-0010",
            "/reply_language",
            reply=record.reply_language,
            request=record.request_language,
        )


def _check_refusal(record: ExchangeRecord, out: ReportBuilder) -> None:
    incoming_refusal = (
        record.direction is ExchangeDirection.INCOMING and record.outcome is ExchangeOutcome.REFUSED
    )
    if not incoming_refusal:
        out.mark("Art 6(2)", ProvisionStatus.NOT_APPLICABLE, "the record is not of a refusal")
    elif record.refusal_reasons_given is None:
        out.missing("SPOC-B-0011", "/refusal_reasons_given")
    elif not record.refusal_reasons_given:
        out.fail("SPOC-B-0011", "/refusal_reasons_given")


def _copy_needed(record: ExchangeRecord) -> list[tuple[str, str, str]]:
    """The copies Art 8 asks of this record: (rule, field, whose SPOC), in the text's order."""
    state = record.counterpart_state
    outgoing = record.direction is ExchangeDirection.OUTGOING
    provided = record.outcome is ExchangeOutcome.ANSWERED
    if record.route is ExchangeRoute.SPOC_TO_AUTHORITY:
        if outgoing:  # our SPOC asked their authority: copy to their SPOC (8(1), sentence 1)
            return [("SPOC-B-0012", "copy_to_counterpart_spoc", f"{state}'s SPOC")]
        if provided:  # their SPOC asked our authority, which answered: copy to ours (sentence 2)
            return [("SPOC-B-0013", "copy_to_own_spoc", "its own SPOC")]
        return []
    if record.route is ExchangeRoute.AUTHORITY_TO_AUTHORITY and (outgoing or provided):
        return [
            ("SPOC-B-0014", "copy_to_own_spoc", "this state's SPOC"),
            ("SPOC-B-0014", "copy_to_counterpart_spoc", f"{state}'s SPOC"),
        ]
    return []


def _check_copies(record: ExchangeRecord, out: ReportBuilder) -> None:
    if record.route is None:
        for provision in ("Art 8(1)", "Art 8(2)"):
            out.mark(
                provision, ProvisionStatus.NOT_ASSESSABLE, "the record does not state its route"
            )
        return
    needed = _copy_needed(record)
    engaged = {"SPOC-B-0012": "Art 8(1)", "SPOC-B-0013": "Art 8(1)", "SPOC-B-0014": "Art 8(2)"}
    provisions = {engaged[rule_id] for rule_id, _, _ in needed}
    for provision in ("Art 8(1)", "Art 8(2)"):
        if provision not in provisions:
            out.mark(provision, ProvisionStatus.NOT_APPLICABLE, _not_engaged(record, provision))
    if not needed:
        return
    if record.copy_exception_ground is not None:
        ground = record.copy_exception_ground
        for provision in provisions:
            out.mark(provision, ProvisionStatus.NOT_APPLICABLE, f"Art 8(3): {ground.meaning}")
        return
    missing_copies = []
    for rule_id, name, whose in needed:
        value = getattr(record, name)
        if value is None:
            out.missing(rule_id, f"/{name}", state=record.counterpart_state, whom=whose)
        elif not value:
            missing_copies.append((rule_id, name, whose))
    if missing_copies:
        rule_id = missing_copies[0][0]
        whom = " or ".join(whose for _, _, whose in missing_copies)
        out.fail(rule_id, f"/{missing_copies[0][1]}", state=record.counterpart_state, whom=whom)


def _not_engaged(record: ExchangeRecord, provision: str) -> str:
    """Why ``provision`` (Art 8(1) or 8(2)) asks no copy of this record."""
    own_route = (
        ExchangeRoute.SPOC_TO_AUTHORITY
        if provision == "Art 8(1)"
        else ExchangeRoute.AUTHORITY_TO_AUTHORITY
    )
    if record.route is ExchangeRoute.SPOC_TO_SPOC:
        return "not a direct exchange: the request went to a SPOC"
    if record.route is not own_route:
        other = "between competent authorities" if provision == "Art 8(2)" else "of a SPOC"
        return f"not a direct request {other}"
    return "no information was provided on the direct request"


def _check_europol(record: ExchangeRecord, out: ReportBuilder) -> None:
    if record.europol_copy_assessed is None:
        out.missing("SPOC-B-0015", "/europol_copy_assessed")
    elif not record.europol_copy_assessed:
        out.fail("SPOC-B-0015", "/europol_copy_assessed")


def check_exchange_record(
    record: ExchangeRecord,
    *,
    state: str | None = None,
    as_of: date | None = None,
    document: str | None = None,
) -> Report:
    """Check one exchange record against Arts 5(3), 6(2), 8(1)-(2) and 12; returns a Report.

    ``state`` is the state whose CMS exported the record (its obligations are checked; a
    partner's are assessed as alignment); the record itself names only the other state. A fact
    the record leaves out makes its provision not assessable; a provision the record does not
    engage (no reply, not a refusal, not a direct exchange) is not applicable.
    """
    assessment = assessment_for(state) if state is not None else Assessment.BINDING
    out = ReportBuilder(EXCHANGE_RECORD_RULES, EXCHANGE_RECORD_PROVISIONS, assessment)
    _check_language(record, out)
    _check_refusal(record, out)
    _check_copies(record, out)
    _check_europol(record, out)
    return out.build(
        document=document or record.exchange_id,
        document_type="exchange-record",
        country=state,
        as_of=as_of or datetime.now(timezone.utc).date(),
    )
