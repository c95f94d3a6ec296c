"""Check one request for information against Art 4 (and, with a profile, Art 11).

The request model accepts an incomplete request so a CMS can hold drafts; this check says what
a request still lacks before it may be sent, in the same Report every other check produces.
Art 4(1)-(2) were read in the German text; Art 4(4)-(6) were not found in any stored copy, so
their rules follow the requirements catalogue and say they await verification. That a request
naming urgency grounds is marked urgent is a consistency note (SPOC-B-0004): no provision says
a non-urgent request may not name them.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from spocschema.models.request import InformationRequest, RequestSender
from spocschema.report import ProvisionStatus, Report, TestBasis, Verification
from spocschema.rules.documents import DocumentRule, ReportBuilder, assessment_for, rule_table

if TYPE_CHECKING:
    from spocschema.models.profile import SpocProfile

REQUEST_RULES = rule_table(
    "information-request",
    DocumentRule(
        "SPOC-B-0001",
        "Art 4(1)",
        "A request goes to the SPOC of another state",
        "the request is addressed to the requesting state itself ({state})",
        ("Art 4(1)",),
        verification=Verification.READ_DE,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-B-0002",
        "Art 4(1)",
        "A designated authority copies its own SPOC unless an Art 4(2) ground applies",
        "a designated authority sent the request without copying its own SPOC and without an "
        "Art 4(2) ground",
        ("Art 4(1)", "Art 4(2)"),
        verification=Verification.READ_DE,
        test_basis=TestBasis.TEXT,
        unstated="the request does not say whether the designated authority copied its own SPOC",
    ),
    DocumentRule(
        "SPOC-B-0003",
        "Art 4(4)",
        "An urgent request states why it is urgent",
        "the request is marked urgent but names no Art 4(4) ground",
        ("Art 4(4)",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-B-0004",
        "Art 4(4)",
        "A request naming urgency grounds is marked urgent",
        "the request names urgency grounds but is marked not urgent; check which of the two "
        "is meant (no provision forbids the combination)",
        ("Art 4(4)",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.CONSISTENCY,
    ),
    DocumentRule(
        "SPOC-B-0005",
        "Art 4(5)",
        "The information requested is described",
        "the request does not describe the information requested",
        ("Art 4(5)(a)",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-B-0006",
        "Art 4(5)",
        "Purpose and facts are stated",
        "the request does not state its {what}",
        ("Art 4(5)(b)",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-B-0007",
        "Art 4(5)",
        "Reasons to believe the information is available are given",
        "the request does not say why the requested state is believed to hold the information",
        ("Art 4(5)(c)", "Art 4(3)"),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-B-0008",
        "Art 4(5)",
        "An urgent request gives the reasons for its urgency",
        "the request is urgent but gives no reasons for the urgency",
        ("Art 4(5)(e)",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-B-0009",
        "Art 4(6)",
        "The request is in a language on the requested state's Art 11 list",
        "language {language!r} is not on {state}'s list of languages ({languages})",
        ("Art 4(6)", "Art 11(1)"),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
    ),
)

REQUEST_PROVISIONS = ("Art 4(1)", "Art 4(4)", "Art 4(5)", "Art 4(6)")


def _check_parties(request: InformationRequest, out: ReportBuilder) -> None:
    if request.requesting_state == request.requested_state:
        out.fail("SPOC-B-0001", "/requested_state", state=request.requested_state)
    if request.sender is RequestSender.DESIGNATED_AUTHORITY:
        if request.copy_sent_to_own_spoc is None:
            out.missing("SPOC-B-0002", "")
        elif not request.copy_sent_to_own_spoc and request.copy_exception_ground is None:
            out.fail("SPOC-B-0002", "/copy_sent_to_own_spoc")


def _check_urgency(request: InformationRequest, out: ReportBuilder) -> None:
    content = request.content
    if request.urgent:
        if not request.urgency_grounds:
            pointer = "" if request.urgency_grounds is None else "/urgency_grounds"
            out.fail("SPOC-B-0003", pointer)
        if content.urgency_reasons is None:
            out.fail("SPOC-B-0008", "/content")
    else:
        if request.urgency_grounds:
            out.fail("SPOC-B-0004", "/urgency_grounds")


def _check_content(request: InformationRequest, out: ReportBuilder) -> None:
    content = request.content
    if content.information_requested is None:
        out.fail("SPOC-B-0005", "/content")
    missing = [name for name in ("purpose", "facts") if getattr(content, name) is None]
    if missing:
        out.fail("SPOC-B-0006", "/content", what=" or ".join(missing))
    if content.reasons_information_available is None:
        out.fail("SPOC-B-0007", "/content")


def _check_language(
    request: InformationRequest, profile: SpocProfile | None, out: ReportBuilder
) -> None:
    if profile is None:
        out.mark("Art 4(6)", ProvisionStatus.NOT_ASSESSABLE, "no profile of the requested state")
        return
    if profile.state.country != request.requested_state:
        raise ValueError(
            f"the profile describes {profile.state.country}, but the request is addressed to "
            f"{request.requested_state}"
        )
    if profile.languages is None:
        out.mark(
            "Art 4(6)",
            ProvisionStatus.NOT_ASSESSABLE,
            "the requested state's profile does not list its languages",
        )
        return
    languages = profile.languages.working_languages
    if request.language not in languages:
        out.fail(
            "SPOC-B-0009",
            "/language",
            language=request.language,
            state=request.requested_state,
            languages=", ".join(languages),
        )


def check_request(
    request: InformationRequest,
    requested_profile: SpocProfile | None = None,
    *,
    as_of: date | None = None,
    document: str | None = None,
) -> Report:
    """Check a request against Art 4 and, given the requested state's profile, Art 4(6).

    ``as_of`` is the evaluation date recorded in the report (default: today, UTC); ``document``
    labels the request in the report (default: its ``request_id``). Raises ``ValueError`` if
    the profile is not the requested state's.
    """
    out = ReportBuilder(REQUEST_RULES, REQUEST_PROVISIONS, assessment_for(request.requested_state))
    _check_parties(request, out)
    _check_urgency(request, out)
    _check_content(request, out)
    _check_language(request, requested_profile, out)
    return out.build(
        document=document or request.request_id,
        document_type="information-request",
        country=request.requested_state,
        as_of=as_of or datetime.now(timezone.utc).date(),
    )
