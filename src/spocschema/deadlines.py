"""Article 5 time limits: when the reply to a request for information is due.

Reading of the law taken here, and why:

- **The clock starts at the moment of receipt** (Art 5(1): the limits run from receipt of the
  request), not at the start of the next day or hour. Regulation (EEC, Euratom) No 1182/71
  would leave out the day of the event, but it applies "save as otherwise provided", and a
  limit of eight hours only makes sense counted from the moment itself.
- **A calendar day is 24 hours of elapsed time.** "3 calendar days" and "7 calendar days"
  are 72 and 168 hours after receipt. "Calendar" rules out the working-day reading: Saturdays,
  Sundays and public holidays count, and a limit ending on one is not pushed to the next
  working day (the rule of Art 3(4) of Regulation 1182/71 that "calendar days" displaces).
  Counting in elapsed time rather than in wall-clock days of one SPOC's time zone is what
  lets the requesting and the requested SPOC, often an hour or two apart, compute the *same*
  due instant from the same receipt instant; and it keeps a limit from silently gaining or
  losing an hour over a daylight-saving change. Wall-clock counting in the requested state's
  zone would differ from it by at most one hour, and only across such a change.
- **Clarification suspends the clock** (Art 6(3)): from the moment the requesting side receives
  the request for clarification until the clarification arrives. Overlapping periods count once;
  a period that begins after the limit has already run out changes nothing (the limit was
  missed), and one still open freezes the clock, so no due instant exists until it closes.
- **Judicial authorisation** (Art 5(2)) lets the limit be exceeded only as far as necessary and
  only after the requester was told of the expected delay. The announced delay is an input; it
  extends the due instant on top of the statutory limit, and both instants are reported.

All arithmetic is done in UTC. Python adds a ``timedelta`` to a zone-aware datetime in wall-clock
time, which across a daylight-saving change is an hour off; converting first avoids it, and makes
results independent of the zone in which the caller writes the instants.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo

from spocschema.enums import AccessMode
from spocschema.errors import SpocSchemaError

UTC = timezone.utc

#: Art 5(1)(a): urgent request, directly accessible information.
URGENT_DIRECT_LIMIT = timedelta(hours=8)
#: Art 5(1)(b): urgent request, indirectly accessible information (3 calendar days).
URGENT_INDIRECT_LIMIT = timedelta(days=3)
#: Art 5(1)(c): every other request (7 calendar days).
OTHER_LIMIT = timedelta(days=7)


class DeadlineError(SpocSchemaError, ValueError):
    """The inputs of a time-limit calculation are inconsistent (naive instant, bad period)."""


def aware_utc(value: datetime, what: str) -> datetime:
    """``value`` converted to UTC; a naive datetime is refused, never guessed."""
    if not isinstance(value, datetime):
        raise DeadlineError(f"{what} must be a datetime, not {type(value).__name__}")
    if value.utcoffset() is None:
        raise DeadlineError(
            f"{what} is a naive datetime ({value.isoformat()}); give it a time zone or an "
            "offset, e.g. datetime(..., tzinfo=ZoneInfo('Europe/Lisbon')) or "
            "2024-03-01T09:30:00+01:00"
        )
    return value.astimezone(UTC)


@dataclass(frozen=True)
class TimeLimit:
    """One of the three limits of Art 5(1)."""

    duration: timedelta
    iso_duration: str
    legal_basis: str
    meaning: str


LIMITS = {
    "urgent_direct": TimeLimit(
        URGENT_DIRECT_LIMIT,
        "PT8H",
        "Art 5(1)(a)",
        "urgent request, directly accessible information: 8 hours",
    ),
    "urgent_indirect": TimeLimit(
        URGENT_INDIRECT_LIMIT,
        "P3D",
        "Art 5(1)(b)",
        "urgent request, indirectly accessible information: 3 calendar days",
    ),
    "other": TimeLimit(OTHER_LIMIT, "P7D", "Art 5(1)(c)", "all other requests: 7 calendar days"),
}


def applicable_limit(*, urgent: bool, access: AccessMode | str | None = None) -> TimeLimit:
    """The Art 5(1) limit for a request: urgency and how the information is accessible.

    ``access`` matters only for urgent requests; for them it is required, because 8 hours and
    3 days are too far apart to guess between.
    """
    if not urgent:
        return LIMITS["other"]
    if access is None:
        raise DeadlineError(
            "an urgent request needs the information's access (direct or indirect) to choose "
            "between Art 5(1)(a) and (b)"
        )
    try:
        mode = AccessMode(access)
    except ValueError:
        raise DeadlineError(f"access must be 'direct' or 'indirect', not {access!r}") from None
    return LIMITS["urgent_direct" if mode is AccessMode.DIRECT else "urgent_indirect"]


@dataclass(frozen=True)
class Suspension:
    """A clarification period (Art 6(3)); ``end`` is None while the clarification is awaited."""

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        start = aware_utc(self.start, "suspension start")
        end = None if self.end is None else aware_utc(self.end, "suspension end")
        if end is not None and end < start:
            raise DeadlineError(
                f"suspension ends ({end.isoformat()}) before it starts ({start.isoformat()})"
            )
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @classmethod
    def parse(cls, text: str) -> Suspension:
        """``START/END`` or ``START/`` (still open), each an RFC 3339 date-time with offset."""
        from spocschema.instants import parse_date_time

        start_text, slash, end_text = text.partition("/")
        if not slash:
            raise DeadlineError(f"{text!r}: a suspension is written START/END (END may be empty)")
        try:
            start = parse_date_time(start_text)
            end = parse_date_time(end_text) if end_text else None
        except ValueError as error:
            raise DeadlineError(str(error)) from None
        return cls(start, end)


def _merged(periods: Iterable[Suspension]) -> list[tuple[datetime, datetime | None]]:
    """Union of the periods, sorted; overlapping or touching periods become one."""
    merged: list[tuple[datetime, datetime | None]] = []
    for period in sorted(periods, key=lambda p: p.start):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                break  # an open period swallows everything after it
            if period.start <= last_end:
                end = None if period.end is None else max(last_end, period.end)
                merged[-1] = (last_start, end)
                continue
        merged.append((period.start, period.end))
    return merged


@dataclass(frozen=True)
class _Run:
    """Where a clock with a given allowance stops, and which suspensions it honoured."""

    expires: datetime | None
    honoured: tuple[tuple[datetime, datetime | None], ...]


def _run_clock(
    start: datetime, allowance: timedelta, periods: list[tuple[datetime, datetime | None]]
) -> _Run:
    cursor, left = start, allowance
    honoured = []
    for begin, end in periods:
        if begin >= cursor + left:
            break  # the limit ran out before this suspension began
        honoured.append((begin, end))
        left -= begin - cursor
        if end is None:
            return _Run(None, tuple(honoured))
        cursor = end
    return _Run(cursor + left, tuple(honoured))


def _running_time(
    start: datetime, at: datetime, periods: tuple[tuple[datetime, datetime | None], ...]
) -> timedelta:
    """Time the clock ran between ``start`` and ``at``: elapsed time minus suspensions."""
    if at <= start:
        return timedelta(0)
    total = at - start
    for begin, end in periods:
        stop = at if end is None else min(end, at)
        if stop > begin:
            total -= stop - max(begin, start)
    return total


@dataclass(frozen=True)
class Deadline:
    """The outcome of a calculation; every instant is in UTC (use :meth:`in_zone` to show)."""

    received_at: datetime
    limit: TimeLimit
    statutory_due: datetime | None
    due: datetime | None
    judicial_delay: timedelta
    suspensions: tuple[tuple[datetime, datetime | None], ...]
    ignored_suspensions: tuple[tuple[datetime, datetime | None], ...] = field(default=())

    @property
    def suspended(self) -> bool:
        """True while a clarification is awaited: the clock is frozen, no due instant yet."""
        return self.due is None

    @property
    def suspended_for(self) -> timedelta | None:
        """Total length of the honoured suspensions (None while one is still open)."""
        if any(end is None for _, end in self.suspensions):
            return None
        return sum(
            (end - begin for begin, end in self.suspensions if end is not None), timedelta(0)
        )

    def remaining(self, at: datetime) -> timedelta:
        """Time left on the clock at ``at``, judicial delay included; negative once overdue.

        Suspended periods do not consume time, so during a suspension the value stands still.
        """
        moment = aware_utc(at, "the instant")
        allowance = self.limit.duration + self.judicial_delay
        return allowance - _running_time(self.received_at, moment, self.suspensions)

    def overdue(self, at: datetime) -> bool:
        """True if the reply was still outstanding at ``at`` and the time had run out."""
        return self.remaining(at) < timedelta(0)

    def in_zone(self, zone: tzinfo) -> datetime | None:
        """The due instant as wall-clock time in ``zone`` (for display only)."""
        return None if self.due is None else self.due.astimezone(zone)


def compute_deadline(
    received_at: datetime,
    *,
    urgent: bool,
    access: AccessMode | str | None = None,
    suspensions: Iterable[Suspension] = (),
    judicial_delay: timedelta | None = None,
) -> Deadline:
    """The Art 5 due instant of one request.

    ``received_at`` is the moment the requested SPOC received the request (timezone-aware);
    ``access`` is how the requested information is accessible to it (direct or indirect;
    needed for urgent requests only);
    ``suspensions`` are the Art 6(3) clarification periods; ``judicial_delay`` the expected
    delay announced to the requester under Art 5(2), if judicial authorisation is needed.
    """
    start = aware_utc(received_at, "received_at")
    limit = applicable_limit(urgent=urgent, access=access)
    delay = judicial_delay or timedelta(0)
    if delay < timedelta(0):
        raise DeadlineError("the judicial-authorisation delay cannot be negative")
    periods = _merged(suspensions)
    for begin, _ in periods:
        if begin < start:
            raise DeadlineError(
                f"a suspension starts ({begin.isoformat()}) before the request was received "
                f"({start.isoformat()}); clarification can only be asked after receipt"
            )
    statutory = _run_clock(start, limit.duration, periods)
    try:
        overall = _run_clock(start, limit.duration + delay, periods)
    except OverflowError:  # past datetime.max: no calendar holds such a due instant
        raise DeadlineError(
            f"the judicial-authorisation delay ({format_duration(delay)}) puts the due instant "
            "after the year 9999; no announced delay is that long"
        ) from None
    ignored = tuple(p for p in periods if p not in overall.honoured)
    return Deadline(
        received_at=start,
        limit=limit,
        statutory_due=statutory.expires,
        due=overall.expires,
        judicial_delay=delay,
        suspensions=overall.honoured,
        ignored_suspensions=ignored,
    )


def format_duration(span: timedelta) -> str:
    """An ISO 8601 duration for a span (days of 24 hours, whole seconds); sign prefixed."""
    sign = "-" if span < timedelta(0) else ""
    seconds = int(abs(span).total_seconds())
    days, seconds = divmod(seconds, 86_400)
    hours, seconds = divmod(seconds, 3_600)
    minutes, seconds = divmod(seconds, 60)
    time = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    text = "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")
    return sign + (text if text != "P" else "PT0S")


def parse_fixed_duration(text: str) -> timedelta:
    """An ISO 8601 duration of fixed length (weeks, days, hours, minutes, seconds).

    Months and years are refused: their length depends on the calendar, and a delay announced
    under Art 5(2) must name an exact span.
    """
    import re

    from spocschema.types import DURATION_PATTERN, duration_parts

    if text == "P" or re.fullmatch(DURATION_PATTERN, text) is None:
        raise DeadlineError(f"{text!r} is not an ISO 8601 duration (example: PT4H, P2D)")
    try:
        parts = duration_parts(text)
    except ValueError as error:
        raise DeadlineError(str(error)) from None
    if parts["years"] or parts["months"]:
        raise DeadlineError(f"{text!r}: use days or hours, not months or years")
    try:
        return timedelta(
            weeks=parts["weeks"],
            days=parts["days"],
            hours=parts["hours"],
            minutes=parts["minutes"],
            seconds=parts["seconds"],
        )
    except OverflowError:  # timedelta holds at most 999,999,999 days
        raise DeadlineError(
            f"{text[:40]!r} is longer than {timedelta.max.days:,} days, the longest span "
            "that can be counted"
        ) from None
