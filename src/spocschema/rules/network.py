"""Rules on the SPOC's place in the network: Heads-of-SPOC meetings (Art 17) and the annual
statistics to the Commission (Art 18).

Both depend on the evaluation date: a meeting counts if attended within the twelve months up to
``as_of``, and the statistics due are those of the latest 1 March on or before ``as_of``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spocschema.models.profile import SpocProfile
from spocschema.provisions import TRANSPOSITION_DEADLINE
from spocschema.rules.base import Context, Outcome, missing, not_applicable, not_met, rule
from spocschema.rules.dates import add_months


def meetings_in_last_year(profile: SpocProfile, as_of: date) -> int | None:
    """Meetings attended in the twelve months up to ``as_of``; None if the profile is silent."""
    meetings = profile.heads_of_spoc_meetings
    if meetings is None:
        return None
    start = add_months(as_of, -12)
    return sum(1 for day in meetings.attended_on if start < day <= as_of)


@rule(
    id="SPOC-A-0049",
    provision="Art 17",
    title="The head of the SPOC met the other heads in the last twelve months",
    rationale="Art 17: Member States encourage practical cooperation between SPOCs, and the "
    "heads of the SPOCs meet at least once a year to assess the quality of cooperation and "
    "discuss technical and legal issues.",
    remediation="Take part in a Heads-of-SPOC meeting at least once a year and record the dates "
    "in heads_of_spoc_meetings.attended_on.",
    passing={"heads_of_spoc_meetings": {"attended_on": ["2026-03-18", "2026-10-21"]}},
    failing={"heads_of_spoc_meetings": {"attended_on": ["2025-03-18"]}},
    tags=("network",),
)
def yearly_meeting(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    count = meetings_in_last_year(profile, ctx.as_of)
    if count is None:
        yield missing(
            "/heads_of_spoc_meetings", "The profile does not record Heads-of-SPOC meetings."
        )
    elif count == 0:
        yield not_met(
            "/heads_of_spoc_meetings/attended_on",
            f"No Heads-of-SPOC meeting was attended in the twelve months up to "
            f"{ctx.as_of.isoformat()}.",
        )


def due_reporting_year(as_of: date) -> int:
    """The calendar year whose statistics were last due (by 1 March of the next year)."""
    return as_of.year - 1 if (as_of.month, as_of.day) >= (3, 1) else as_of.year - 2


@rule(
    id="SPOC-A-0050",
    provision="Art 18",
    title="The annual statistics were sent to the Commission by 1 March",
    rationale="Art 18: by 1 March each year Member States send the Commission statistics on the "
    "previous calendar year's exchanges (requests sent, received, answered, refused, and time "
    "limits exceeded). The first statistics due are those on the year the Directive had to be "
    "transposed.",
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
    submitted = statistics.last_submitted_on
    deadline = date(statistics.last_reporting_year + 1, 3, 1)
    if submitted is not None and submitted > deadline:
        yield not_met(
            "/statistics/last_submitted_on",
            f"The statistics for {statistics.last_reporting_year} were sent on "
            f"{submitted.isoformat()}, after 1 March {statistics.last_reporting_year + 1}.",
        )
