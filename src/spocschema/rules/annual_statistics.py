"""Check that annual statistics add up and are on time (Art 18).

The statistics schema checks form: counts are whole numbers, grounds come from the closed list
of Art 6(1), states are real codes. Whether the figures are consistent with one another is
this module's job, because a report can be well formed and still claim more answers than
requests. The rules below assume what the aggregator guarantees by construction: each request
has one outcome, so answered plus refused never exceed received.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone

from spocschema.models.statistics import AnnualStatistics
from spocschema.report import Report
from spocschema.rules.documents import DocumentRule, ReportBuilder, assessment_for, rule_table
from spocschema.statistics import due_date

STATISTICS_RULES = rule_table(
    "annual-statistics",
    DocumentRule(
        "SPOC-C-0001",
        "Art 18(1)",
        "The due date is 1 March of the following year",
        "the due date {given} is not 1 March following the year {year} ({expected})",
        ("Art 18(1)",),
    ),
    DocumentRule(
        "SPOC-C-0002",
        "Art 18(1)",
        "Statistics cover a calendar year that has ended",
        "the year {year} had not ended on {as_of}; statistics cover the previous calendar year",
        ("Art 18(1)",),
    ),
    DocumentRule(
        "SPOC-C-0003",
        "Art 18(1)",
        "Statistics are sent by 1 March",
        "the statistics were sent on {submitted}, after the due date {due}",
        ("Art 18(1)",),
    ),
    DocumentRule(
        "SPOC-C-0004",
        "Art 18(1)",
        "Statistics past their due date record when they were sent",
        "the due date {due} has passed and the statistics do not record when they were sent",
        ("Art 18(1)",),
    ),
    DocumentRule(
        "SPOC-C-0005",
        "Art 18(1)",
        "Statistics are sent after the year they cover",
        "the statistics were sent on {submitted}, before the year {year} ended",
        ("Art 18(1)",),
    ),
    DocumentRule(
        "SPOC-C-0010",
        "Art 18(2)(a)",
        "Requests sent by the SPOC and by designated authorities add up to the total",
        "requests sent by the SPOC ({spoc}) and by designated authorities ({designated}) do not "
        "add up to the total ({total})",
        ("Art 18(2)(a)",),
    ),
    DocumentRule(
        "SPOC-C-0020",
        "Art 18(2)(b)",
        "No more requests answered than received",
        "{answered} requests answered but only {received} received{where}",
        ("Art 18(2)(b)",),
    ),
    DocumentRule(
        "SPOC-C-0021",
        "Art 18(2)(b)",
        "Urgent and non-urgent requests add up to the total",
        "urgent ({urgent}) and non-urgent ({non_urgent}) requests {what} do not add up to the "
        "total ({total})",
        ("Art 18(2)(b)",),
    ),
    DocumentRule(
        "SPOC-C-0022",
        "Art 18(2)(b)",
        "The breakdown by requesting state adds up to the total",
        "requests {what} per requesting state add up to {sum}, not to the total ({total})",
        ("Art 18(2)(b)",),
    ),
    DocumentRule(
        "SPOC-C-0023",
        "Art 18(2)(b)",
        "A state does not request information from itself",
        "the reporting state {state} appears as a requesting state",
        ("Art 18(2)(b)", "Art 4(1)"),
    ),
    DocumentRule(
        "SPOC-C-0030",
        "Art 18(2)(c)",
        "Answered and refused requests do not exceed those received",
        "{answered} answered and {refused} refused requests exceed the {received} received{where}",
        ("Art 18(2)(c)", "Art 18(2)(b)"),
    ),
    DocumentRule(
        "SPOC-C-0031",
        "Art 18(2)(c)",
        "Refusals per requesting state add up to the total",
        "refusals per requesting state add up to {sum}, not to the total ({total})",
        ("Art 18(2)(c)",),
    ),
    DocumentRule(
        "SPOC-C-0032",
        "Art 18(2)(c)",
        "Refusals per ground add up to the total",
        "refusals per Art 6(1) ground add up to {sum}, not to the total ({total})",
        ("Art 18(2)(c)", "Art 6(1)"),
    ),
    DocumentRule(
        "SPOC-C-0040",
        "Art 18(2)(d)",
        "Judicial-authorisation cases per requesting state add up to the total",
        "judicial-authorisation cases per requesting state add up to {sum}, not to the total "
        "({total})",
        ("Art 18(2)(d)", "Art 5(2)"),
    ),
    DocumentRule(
        "SPOC-C-0041",
        "Art 18(2)(d)",
        "Judicial-authorisation cases do not exceed the requests received",
        "{cases} judicial-authorisation cases exceed the {received} requests received{where}",
        ("Art 18(2)(d)", "Art 5(2)"),
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
    received = stats.requests_received
    refusals = stats.refusals
    if received.answered + refusals.total > received.received:
        out.fail(
            "SPOC-C-0030",
            "/refusals/total",
            answered=received.answered,
            refused=refusals.total,
            received=received.received,
            where="",
        )
    for state, refused in refusals.by_requesting_state.items():
        pair = received.by_requesting_state.get(state)
        got, answered = (0, 0) if pair is None else (pair.received, pair.answered)
        if answered + refused > got:
            out.fail(
                "SPOC-C-0030",
                f"/refusals/by_requesting_state/{state}",
                answered=answered,
                refused=refused,
                received=got,
                where=_where(state),
            )
    _sum_check(
        out,
        "SPOC-C-0031",
        "/refusals/by_requesting_state",
        refusals.by_requesting_state,
        refusals.total,
    )
    by_ground = {ground.value: count for ground, count in refusals.by_ground.items()}
    _sum_check(out, "SPOC-C-0032", "/refusals/by_ground", by_ground, refusals.total)


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
    """Check that the figures add up and the dates follow Art 18(1); returns a Report.

    ``as_of`` is the evaluation date (default: today, UTC): it decides whether the year has
    ended and whether the due date has passed.
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
