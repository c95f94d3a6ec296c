"""The Art 5 time-limit calculator: fixed cases and properties."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spocschema.deadlines import (
    DeadlineError,
    Suspension,
    applicable_limit,
    compute_deadline,
    format_duration,
)

UTC = timezone.utc
BRUSSELS = ZoneInfo("Europe/Brussels")
ZONES = [ZoneInfo(name) for name in ("Europe/Lisbon", "Europe/Helsinki", "America/Sao_Paulo")]

instants = st.datetimes(
    min_value=datetime(2023, 6, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
cases = st.sampled_from([(True, "direct"), (True, "indirect"), (False, "direct")])
spans = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10))


def test_the_three_limits() -> None:
    received = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
    direct = compute_deadline(received, urgent=True, access="direct")
    indirect = compute_deadline(received, urgent=True, access="indirect")
    other = compute_deadline(received, urgent=False, access="direct")
    assert direct.due == received + timedelta(hours=8)
    assert indirect.due == received + timedelta(days=3)
    assert other.due == received + timedelta(days=7)
    assert (direct.limit.legal_basis, indirect.limit.legal_basis) == ("Art 5(1)(a)", "Art 5(1)(b)")
    assert applicable_limit(urgent=False, access="indirect").iso_duration == "P7D"
    assert applicable_limit(urgent=False).iso_duration == "P7D"
    with pytest.raises(DeadlineError, match="direct or indirect"):
        applicable_limit(urgent=True)
    with pytest.raises(DeadlineError, match="not 'sideways'"):
        applicable_limit(urgent=True, access="sideways")


def test_weekends_count_and_no_working_day_rollover() -> None:
    friday = datetime(2024, 5, 10, 17, 0, tzinfo=BRUSSELS)
    due = compute_deadline(friday, urgent=True, access="indirect").due
    assert due is not None
    assert due.astimezone(BRUSSELS) == datetime(2024, 5, 13, 17, 0, tzinfo=BRUSSELS)  # Monday


def test_calendar_days_are_elapsed_hours_across_daylight_saving() -> None:
    # Brussels moves to summer time on 31 March 2024: 72 elapsed hours end at 11:00 local.
    received = datetime(2024, 3, 29, 10, 0, tzinfo=BRUSSELS)
    deadline = compute_deadline(received, urgent=True, access="indirect")
    assert deadline.due is not None
    assert deadline.due - received == timedelta(hours=72)
    assert deadline.in_zone(BRUSSELS) == datetime(2024, 4, 1, 11, 0, tzinfo=BRUSSELS)


def test_naive_receipt_is_refused() -> None:
    with pytest.raises(DeadlineError, match="naive"):
        compute_deadline(datetime(2024, 3, 1, 9, 0), urgent=False, access="direct")
    deadline = compute_deadline(datetime(2024, 3, 1, tzinfo=UTC), urgent=False, access="direct")
    with pytest.raises(DeadlineError, match="naive"):
        deadline.remaining(datetime(2024, 3, 2))
    with pytest.raises(DeadlineError, match="naive"):
        Suspension(datetime(2024, 3, 2), None)


def test_suspension_before_receipt_or_reversed_is_refused() -> None:
    received = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    with pytest.raises(DeadlineError, match="before the request was received"):
        compute_deadline(
            received,
            urgent=False,
            access="direct",
            suspensions=[Suspension(received - timedelta(hours=1), received)],
        )
    with pytest.raises(DeadlineError, match="before it starts"):
        Suspension(received, received - timedelta(seconds=1))


def test_overlapping_suspensions_count_once_and_late_ones_are_ignored() -> None:
    received = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    hour = timedelta(hours=1)
    deadline = compute_deadline(
        received,
        urgent=True,
        access="direct",
        suspensions=[
            Suspension(received + hour, received + 3 * hour),
            Suspension(received + 2 * hour, received + 4 * hour),
            Suspension(received + 20 * hour, received + 30 * hour),  # after the limit ran out
        ],
    )
    assert deadline.suspended_for == 3 * hour
    assert deadline.due == received + 11 * hour
    assert len(deadline.ignored_suspensions) == 1


def test_open_suspension_freezes_the_clock() -> None:
    received = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    deadline = compute_deadline(
        received,
        urgent=True,
        access="direct",
        suspensions=[Suspension(received + timedelta(hours=2))],
    )
    assert deadline.suspended and deadline.due is None
    assert deadline.remaining(received + timedelta(hours=2)) == timedelta(hours=6)
    assert deadline.remaining(received + timedelta(days=30)) == timedelta(hours=6)


def test_judicial_delay_extends_beyond_the_statutory_limit() -> None:
    received = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    deadline = compute_deadline(
        received, urgent=False, access="direct", judicial_delay=timedelta(hours=36)
    )
    assert deadline.statutory_due == received + timedelta(days=7)
    assert deadline.due == received + timedelta(days=8, hours=12)
    assert not deadline.overdue(received + timedelta(days=8))
    assert deadline.overdue(received + timedelta(days=9))
    with pytest.raises(DeadlineError):
        compute_deadline(received, urgent=False, access="direct", judicial_delay=-timedelta(1))


def test_suspension_parse_and_duration_format() -> None:
    period = Suspension.parse("2024-03-01T10:00:00+01:00/2024-03-01T12:30:00Z")
    assert period.start == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    assert period.end == datetime(2024, 3, 1, 12, 30, tzinfo=UTC)
    assert Suspension.parse("2024-03-01T10:00:00Z/").end is None
    with pytest.raises(DeadlineError):
        Suspension.parse("2024-03-01T10:00:00")
    assert format_duration(timedelta(days=1, hours=2, seconds=3)) == "P1DT2H3S"
    assert format_duration(-timedelta(minutes=5)) == "-PT5M"
    assert format_duration(timedelta(0)) == "PT0S"


@settings(max_examples=150, deadline=None)
@given(instants, cases, st.timedeltas(timedelta(0), timedelta(hours=7)), spans)
def test_a_suspension_moves_the_deadline_by_exactly_its_length(
    received: datetime, case: tuple[bool, str], offset: timedelta, length: timedelta
) -> None:
    urgent, access = case
    plain = compute_deadline(received, urgent=urgent, access=access)
    start = received + offset  # begins before even the shortest limit runs out
    suspended = compute_deadline(
        received,
        urgent=urgent,
        access=access,
        suspensions=[Suspension(start, start + length)],
    )
    assert plain.due is not None and suspended.due is not None
    assert suspended.due - plain.due == length
    assert suspended.remaining(suspended.due) == timedelta(0)


@settings(max_examples=150, deadline=None)
@given(instants, instants, cases, spans)
def test_deadlines_are_monotonic_in_receipt_time(
    first: datetime, second: datetime, case: tuple[bool, str], length: timedelta
) -> None:
    early, late = sorted((first, second))
    urgent, access = case
    # a shared clarification period after both receipts
    start = late + timedelta(minutes=1)
    periods = [Suspension(start, start + length)]
    one = compute_deadline(early, urgent=urgent, access=access, suspensions=periods)
    two = compute_deadline(late, urgent=urgent, access=access, suspensions=periods)
    assert one.due is not None and two.due is not None
    assert one.due <= two.due


@settings(max_examples=150, deadline=None)
@given(instants, cases, st.sampled_from(ZONES), st.sampled_from(ZONES), spans, spans)
def test_results_do_not_depend_on_the_callers_time_zone(
    received: datetime,
    case: tuple[bool, str],
    zone_a: ZoneInfo,
    zone_b: ZoneInfo,
    gap: timedelta,
    length: timedelta,
) -> None:
    urgent, access = case
    start = received + gap
    at = received + gap + length

    def run(zone: ZoneInfo) -> tuple[object, ...]:
        deadline = compute_deadline(
            received.astimezone(zone),
            urgent=urgent,
            access=access,
            suspensions=[Suspension(start.astimezone(zone), (start + length).astimezone(zone))],
        )
        return deadline.due, deadline.statutory_due, deadline.remaining(at.astimezone(zone))

    assert run(zone_a) == run(zone_b) == run(ZoneInfo("UTC"))


@settings(max_examples=100, deadline=None)
@given(instants, cases)
def test_due_is_limit_after_receipt_in_elapsed_time_even_across_dst(
    received: datetime, case: tuple[bool, str]
) -> None:
    urgent, access = case
    local = received.astimezone(BRUSSELS)
    assume(local.utcoffset() is not None)
    deadline = compute_deadline(local, urgent=urgent, access=access)
    assert deadline.due is not None
    assert deadline.due - received == deadline.limit.duration
    assert deadline.remaining(received) == deadline.limit.duration
