"""Rules on the SPOC's place in the network: Heads-of-SPOC meetings (Art 17) and the annual
statistics to the Commission (Art 18).

Both depend on the evaluation date. Meetings are judged per calendar year, and a year only
once it has closed; the statistics due are those of the latest 1 March on or before ``as_of``,
and the deadline is met only on a stated submission date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spocschema.models.profile import SpocProfile
from spocschema.provisions import TRANSPOSITION_DEADLINE
from spocschema.rules.base import (
    Context,
    Outcome,
    TestBasis,
    missing,
    not_applicable,
    not_met,
    rule,
)

#: The Directive applies from the transposition deadline; the first calendar year it covers
#: in full is the next one.
FIRST_FULL_YEAR = TRANSPOSITION_DEADLINE.year + 1


def meetings_in_year(profile: SpocProfile, year: int) -> int | None:
    """Meetings the head attended in calendar ``year``; None if the profile is silent."""
    meetings = profile.heads_of_spoc_meetings
    if meetings is None:
        return None
    return sum(1 for day in meetings.attended_on if day.year == year)


def last_closed_year(as_of: date) -> int:
    """The latest calendar year that has ended on ``as_of``."""
    return as_of.year - 1


def yearly_attendance(
    profile: SpocProfile, as_of: date, first_year: int, needed: int, what: str
) -> Iterator[Outcome]:
    """Judge a yearly meeting obligation on the latest closed calendar year.

    The year in progress is never held against the SPOC. A closed year without enough recorded
    meetings is a shortfall only where the attendance record is declared complete; otherwise
    the meetings may just not have been recorded.
    """
    year = last_closed_year(as_of)
    meetings = profile.heads_of_spoc_meetings
    if year < first_year:
        if meetings is None:
            yield missing(
                "/heads_of_spoc_meetings", "The profile does not record Heads-of-SPOC meetings."
            )
        return
    count = meetings_in_year(profile, year)
    if count is None or meetings is None:
        yield missing(
            "/heads_of_spoc_meetings", "The profile does not record Heads-of-SPOC meetings."
        )
    elif count >= needed:
        return
    elif meetings.attendance_record_complete:
        yield not_met(
            "/heads_of_spoc_meetings/attended_on",
            f"The head of the SPOC attended {count} Heads-of-SPOC meeting(s) in {year}; {what}.",
        )
    else:
        yield missing(
            "/heads_of_spoc_meetings/attendance_record_complete",
            f"{count} meeting(s) recorded for {year}, and the record is not declared complete, "
            "so a shortfall is not shown.",
        )


@rule(
    id="SPOC-A-0049",
    provision="Art 17",
    title="The head of the SPOC took part in a meeting of the heads in each closed year",
    rationale="Art 17 (wording not found in any stored copy; catalogue paraphrase): the heads "
    "of the SPOCs meet at least once a year. The duty falls on the heads together; what one "
    "profile can show is its head's part in those meetings, judged per calendar year once the "
    "year has closed.",
    remediation="Take part in the heads' meeting each year, record the dates in "
    "heads_of_spoc_meetings.attended_on and declare the record complete.",
    passing={"heads_of_spoc_meetings": {"attended_on": ["2025-03-18", "2025-10-21"]}},
    failing={
        "heads_of_spoc_meetings": {
            "attended_on": ["2024-03-18"],
            "attendance_record_complete": True,
        }
    },
    tags=("network",),
    passing_as_of="2026-06-01",
    failing_as_of="2026-06-01",
    test_basis=TestBasis.INTERPRETATION,
    interpretation="Art 17 is read as evidenced by a SPOC profile when the head of that SPOC "
    "took part in at least one meeting of the heads of SPOCs in each calendar year since the "
    "Directive applies (from 2025). A year counts only once it has closed; a year without a "
    "recorded meeting is a shortfall only where the attendance record is declared complete.",
)
def yearly_meeting(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yearly_attendance(
        profile, ctx.as_of, FIRST_FULL_YEAR, 1, "the heads meet at least once a year"
    )


def due_reporting_year(as_of: date) -> int:
    """The calendar year whose statistics were last due (by 1 March of the next year)."""
    return as_of.year - 1 if (as_of.month, as_of.day) >= (3, 1) else as_of.year - 2


@rule(
    id="SPOC-A-0050",
    provision="Art 18",
    title="The annual statistics were sent to the Commission by 1 March",
    rationale="Art 18(1) (German text): by 1 March each year each Member State sends the "
    "Commission statistics on the exchanges of the previous calendar year. The first "
    "statistics due are those on the year the Directive had to be transposed. A deadline is "
    "met only on a stated submission date.",
    remediation="Send the statistics by 1 March and record statistics.last_reporting_year and "
    "statistics.last_submitted_on.",
    passing={"statistics": {"last_reporting_year": 2025, "last_submitted_on": "2026-02-20"}},
    failing={"statistics": {"last_reporting_year": 2024, "last_submitted_on": "2025-02-20"}},
    tags=("statistics",),
)
def annual_statistics(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    due = due_reporting_year(ctx.as_of)
    if due < TRANSPOSITION_DEADLINE.year:
        yield not_applicable(f"No statistics were due yet on {ctx.as_of.isoformat()}.")
        return
    statistics = profile.statistics
    if statistics is None or statistics.last_reporting_year is None:
        yield missing(
            "/statistics/last_reporting_year",
            "The profile does not state the latest year reported to the Commission.",
        )
        return
    if statistics.last_reporting_year < due:
        yield not_met(
            "/statistics/last_reporting_year",
            f"The statistics for {due} were due by 1 March {due + 1}; the latest year reported "
            f"is {statistics.last_reporting_year}.",
        )
        return
    submitted = statistics.last_submitted_on
    deadline = date(statistics.last_reporting_year + 1, 3, 1)
    if submitted is None:
        yield missing(
            "/statistics/last_submitted_on",
            f"The profile does not state when the statistics for "
            f"{statistics.last_reporting_year} were sent, so the 1 March deadline cannot be "
            "checked.",
        )
    elif submitted > deadline:
        yield not_met(
            "/statistics/last_submitted_on",
            f"The statistics for {statistics.last_reporting_year} were sent on "
            f"{submitted.isoformat()}, after 1 March {statistics.last_reporting_year + 1}.",
        )
