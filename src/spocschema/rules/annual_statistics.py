"""Check annual statistics against Art 18, and note figures that do not fit together.

Art 18(1) (read in the German text) sets the date: by 1 March of each year, for the previous
calendar year; those rules test the wording. Art 18(2)(a)-(d) sets the minimum content, which
the statistics schema already enforces (every figure is required). No article says how the
figures relate to one another, so every rule comparing them is a *consistency note*
(``test_basis`` consistency, warning or info, never a breach) that points at figures worth a
second look, never at a breach of the Directive:

- a breakdown that does not add up to its own total (urgent and non-urgent, per requesting
  state) is a warning: the document contradicts itself;
- figures that may legitimately differ are info: requests answered or delayed for judicial
  authorisation can have been received the year before, and one refusal may rest on several
  grounds, so refusals per ground may sum to more than the refusals (never to fewer).

Answered plus refused requests may exceed those received (a request can be answered in part
and refused in part, Art 6(1) "soweit"), so no rule compares them (SPOC-C-0030 is retired).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone

from spocschema.models.statistics import AnnualStatistics, due_date
from spocschema.report import ProvisionStatus, Report, Severity, TestBasis, Verification
from spocschema.rules.documents import DocumentRule, ReportBuilder, assessment_for, rule_table

_READ = Verification.READ_DE
_NOTE = TestBasis.CONSISTENCY

STATISTICS_RULES = rule_table(
    "annual-statistics",
    DocumentRule(
        "SPOC-C-0001",
        "Art 18(1)",
        "The due date is 1 March of the following year",
        "the due date {given} is not 1 March following the year {year} ({expected})",
        ("Art 18(1)",),
        verification=_READ,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-C-0002",
        "Art 18(1)",
        "Statistics of a year that has not ended are provisional",
        "the year {year} had not ended on {as_of}: the figures are provisional, as Art 18(1) "
        "statistics cover a closed calendar year",
        ("Art 18(1)",),
        verification=_READ,
        test_basis=_NOTE,
    ),
    DocumentRule(
        "SPOC-C-0003",
        "Art 18(1)",
        "Statistics are sent by 1 March",
        "the statistics were sent on {submitted}, after the due date {due}",
        ("Art 18(1)",),
        verification=_READ,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-C-0004",
        "Art 18(1)",
        "Statistics past their due date record when they were sent",
        "the due date {due} has passed and the statistics do not record when they were sent",
        ("Art 18(1)",),
        verification=_READ,
        test_basis=TestBasis.TEXT,
        unstated="the due date {due} has passed and the statistics do not record when they "
        "were sent",
    ),
    DocumentRule(
        "SPOC-C-0005",
        "Art 18(1)",
        "A submission date falls after the year the statistics cover",
        "the statistics record being sent on {submitted}, before the year {year} ended",
        ("Art 18(1)",),
        verification=_READ,
        test_basis=_NOTE,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-C-0010",
        "Art 18(2)(a)",
        "Requests sent by the SPOC and by competent authorities add up to the total",
        "requests sent by the SPOC ({spoc}) and by competent law enforcement authorities "
        "({designated}) do not add up to the total ({total})",
        ("Art 18(2)(a)",),
        verification=_READ,
        test_basis=_NOTE,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-C-0020",
        "Art 18(2)(b)",
        "More requests answered than received is worth a second look",
        "{answered} requests answered but {received} received{where}; possible only where "
        "requests received in an earlier year were answered in this one",
        ("Art 18(2)(b)",),
        verification=_READ,
        test_basis=_NOTE,
    ),
    DocumentRule(
        "SPOC-C-0021",
        "Art 18(2)(b)",
        "Urgent and non-urgent requests add up to the total",
        "urgent ({urgent}) and non-urgent ({non_urgent}) requests {what} do not add up to the "
        "total ({total})",
        ("Art 18(2)(b)",),
        verification=_READ,
        test_basis=_NOTE,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-C-0022",
        "Art 18(2)(b)",
        "The breakdown by requesting state adds up to the total",
        "requests {what} per requesting state add up to {sum}, not to the total ({total})",
        ("Art 18(2)(b)",),
        verification=_READ,
        test_basis=_NOTE,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-C-0023",
        "Art 18(2)(b)",
        "The reporting state is not among the requesting states",
        "the reporting state {state} appears as a requesting state; Art 4(1) requests go to the "
        "SPOC of another state",
        ("Art 18(2)(b)", "Art 4(1)"),
        verification=_READ,
        test_basis=_NOTE,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-C-0031",
        "Art 18(2)(c)",
        "Refusals per requesting state add up to the total",
        "refusals per requesting state add up to {sum}, not to the total ({total})",
        ("Art 18(2)(c)",),
        verification=_READ,
        test_basis=_NOTE,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-C-0032",
        "Art 18(2)(c)",
        "Every refusal is counted under at least one ground",
        "refusals per Art 6(1) ground add up to {sum}, fewer than the {total} requests refused; "
        "each refusal rests on at least one ground (several grounds may count one refusal more "
        "than once, so more is normal)",
        ("Art 18(2)(c)", "Art 6(1)"),
        verification=_READ,
        test_basis=_NOTE,
    ),
    DocumentRule(
        "SPOC-C-0040",
        "Art 18(2)(d)",
        "Judicial-authorisation cases per requesting state add up to the total",
        "judicial-authorisation cases per requesting state add up to {sum}, not to the total "
        "({total})",
        ("Art 18(2)(d)", "Art 5(2)"),
        verification=_READ,
        test_basis=_NOTE,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-C-0041",
        "Art 18(2)(d)",
        "More judicial-authorisation cases than requests received is worth a second look",
        "{cases} judicial-authorisation cases but {received} requests received{where}; possible "
        "only where requests of an earlier year were delayed into this one",
        ("Art 18(2)(d)", "Art 5(2)"),
        verification=_READ,
        test_basis=_NOTE,
    ),
)

STATISTICS_PROVISIONS = (
    "Art 18(1)",
    "Art 18(2)(a)",
    "Art 18(2)(b)",
    "Art 18(2)(c)",
    "Art 18(2)(d)",
)


def _where(state: str | None) -> str:
    return "" if state is None else f" from {state}"


def _check_dates(stats: AnnualStatistics, as_of: date, out: ReportBuilder) -> None:
    expected = due_date(stats.year)
    if stats.due_on != expected:
        out.fail("SPOC-C-0001", "/due_on", given=stats.due_on, year=stats.year, expected=expected)
    if as_of.year <= stats.year:
        out.fail("SPOC-C-0002", "/year", year=stats.year, as_of=as_of)
    submitted = stats.submitted_on
    if submitted is None:
        if as_of > expected:
            out.missing("SPOC-C-0004", "", due=expected)
        else:  # a deadline is met only on a stated date
            out.mark(
                "Art 18(1)",
                ProvisionStatus.NOT_ASSESSABLE,
                f"no submission date stated; the statistics are due on {expected.isoformat()}",
            )
        return
    if submitted.year <= stats.year:
        out.fail("SPOC-C-0005", "/submitted_on", submitted=submitted, year=stats.year)
    elif submitted > expected:
        out.fail("SPOC-C-0003", "/submitted_on", submitted=submitted, due=expected)


def _check_sent(stats: AnnualStatistics, out: ReportBuilder) -> None:
    sent = stats.requests_sent
    designated = sent.by_designated_authorities or 0
    if sent.by_single_point_of_contact + designated != sent.total:
        out.fail(
            "SPOC-C-0010",
            "/requests_sent",
            spoc=sent.by_single_point_of_contact,
            designated=designated,
            total=sent.total,
        )


def _sum_check(
    out: ReportBuilder, rule_id: str, pointer: str, parts: Mapping[str, int], total: int, **kw: str
) -> None:
    found = sum(parts.values())
    if found != total:
        out.fail(rule_id, pointer, sum=found, total=total, **kw)


def _check_received(stats: AnnualStatistics, out: ReportBuilder) -> None:
    received = stats.requests_received
    base = "/requests_received"
    pairs: list[tuple[str, int, int, str | None]] = [
        (base, received.received, received.answered, None),
        (f"{base}/urgent", received.urgent.received, received.urgent.answered, None),
        (f"{base}/non_urgent", received.non_urgent.received, received.non_urgent.answered, None),
    ]
    pairs += [
        (f"{base}/by_requesting_state/{code}", pair.received, pair.answered, code)
        for code, pair in received.by_requesting_state.items()
    ]
    for pointer, got, answered, state in pairs:
        if answered > got:
            out.fail("SPOC-C-0020", pointer, answered=answered, received=got, where=_where(state))
    for what in ("received", "answered"):
        urgent = getattr(received.urgent, what)
        non_urgent = getattr(received.non_urgent, what)
        total = getattr(received, what)
        if urgent + non_urgent != total:
            out.fail(
                "SPOC-C-0021",
                base,
                urgent=urgent,
                non_urgent=non_urgent,
                total=total,
                what=what,
            )
        per_state = {k: getattr(v, what) for k, v in received.by_requesting_state.items()}
        _sum_check(out, "SPOC-C-0022", f"{base}/by_requesting_state", per_state, total, what=what)
    if stats.reporting_state in received.by_requesting_state:
        out.fail(
            "SPOC-C-0023",
            f"{base}/by_requesting_state/{stats.reporting_state}",
            state=stats.reporting_state,
        )


def _check_refusals(stats: AnnualStatistics, out: ReportBuilder) -> None:
    refusals = stats.refusals
    _sum_check(
        out,
        "SPOC-C-0031",
        "/refusals/by_requesting_state",
        refusals.by_requesting_state,
        refusals.total,
    )
    counted = sum(refusals.by_ground.values())
    if counted < refusals.total:
        out.fail("SPOC-C-0032", "/refusals/by_ground", sum=counted, total=refusals.total)


def _check_judicial(stats: AnnualStatistics, out: ReportBuilder) -> None:
    received = stats.requests_received
    judicial = stats.judicial_deviations
    _sum_check(
        out,
        "SPOC-C-0040",
        "/judicial_deviations/by_requesting_state",
        judicial.by_requesting_state,
        judicial.total,
    )
    if judicial.total > received.received:
        out.fail(
            "SPOC-C-0041",
            "/judicial_deviations/total",
            cases=judicial.total,
            received=received.received,
            where="",
        )
    for state, cases in judicial.by_requesting_state.items():
        pair = received.by_requesting_state.get(state)
        got = 0 if pair is None else pair.received
        if cases > got:
            out.fail(
                "SPOC-C-0041",
                f"/judicial_deviations/by_requesting_state/{state}",
                cases=cases,
                received=got,
                where=_where(state),
            )


def check_statistics(
    stats: AnnualStatistics, *, as_of: date | None = None, document: str | None = None
) -> Report:
    """Check the dates against Art 18(1) and note figures that do not fit; returns a Report.

    ``as_of`` is the evaluation date (default: today, UTC): it decides whether the year has
    ended and whether the due date has passed. Consistency notes never decide a provision's
    status and are never breaches.
    """
    day = as_of or datetime.now(timezone.utc).date()
    out = ReportBuilder(
        STATISTICS_RULES, STATISTICS_PROVISIONS, assessment_for(stats.reporting_state)
    )
    _check_dates(stats, day, out)
    _check_sent(stats, out)
    _check_received(stats, out)
    _check_refusals(stats, out)
    _check_judicial(stats, out)
    return out.build(
        document=document or f"statistics {stats.reporting_state} {stats.year}",
        document_type="annual-statistics",
        country=stats.reporting_state,
        as_of=day,
    )
