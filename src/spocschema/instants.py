"""RFC 3339 instants, parsed without pydantic so light commands start fast.

The ``deadline`` command and the time-limit calculator need only this; the document models use
it through :data:`spocschema.types.AwareDateTime`, so both read an instant the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

#: RFC 3339 ``date-time`` with a mandatory offset, narrowed to what Python and a deadline can
#: hold: years 1900-2999, no leap second (``:60``), at most six fractional digits
#: (microseconds). JSON Schema's ``format: date-time`` alone would accept ``:60`` and any
#: number of digits, so the pattern carries the narrowing and the two together agree with
#: this type exactly. ``T``/``Z`` may be lower case, as RFC 3339 allows.
DATE_TIME_PATTERN = (
    r"^(?:19|2[0-9])[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?"
    r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"
)
_DATE_TIME = (
    r"(?P<year>(?:19|2[0-9])[0-9]{2})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])"
    r"[Tt](?P<hour>[01][0-9]|2[0-3]):(?P<minute>[0-5][0-9]):(?P<second>[0-5][0-9])"
    r"(?:\.(?P<fraction>[0-9]{1,6}))?"
    r"(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<off_hour>[01][0-9]|2[0-3]):(?P<off_minute>[0-5][0-9]))"
)


def parse_date_time(value: str) -> datetime:
    """Parse an RFC 3339 date-time as ``AwareDateTime`` accepts it; raise ``ValueError``.

    Written out rather than delegated to ``datetime.fromisoformat``, which accepts many ISO 8601
    forms RFC 3339 does not (week dates, no offset, a space separator) and, before Python 3.11,
    refuses ``Z``.
    """
    match = re.fullmatch(_DATE_TIME, value)  # compiled on first use, then cached by re
    if match is None:
        raise ValueError(
            f"{value[:40]!r} is not an RFC 3339 date-time with an offset "
            "(example: 2024-03-01T09:30:00+01:00)"
        )
    parts = match.groupdict()
    if parts["utc"] is not None:
        zone = timezone.utc
    else:
        span = timedelta(hours=int(parts["off_hour"]), minutes=int(parts["off_minute"]))
        zone = timezone(-span if parts["sign"] == "-" else span)
    try:
        return datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"]),
            int(parts["minute"]),
            int(parts["second"]),
            int((parts["fraction"] or "0").ljust(6, "0")),
            tzinfo=zone,
        )
    except ValueError:
        raise ValueError(f"{value[:40]!r} is not a real calendar date") from None


_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def as_date(value: object, name: str = "as_of") -> date:
    """An evaluation date given to the API: a ``date`` or an ISO ``YYYY-MM-DD`` string.

    Anything else raises ``spocschema.errors.ArgumentError`` (a ``ValueError``) saying what was
    given. A ``datetime`` is refused rather than cut to its date: which calendar day an instant
    falls on depends on a time zone the caller has not named.
    """
    from spocschema.errors import ArgumentError

    if isinstance(value, datetime):
        raise ArgumentError(
            f"{name} must be a date, not a datetime ({value.isoformat()}); pass "
            f"{name}=<datetime>.date(), or .astimezone(zone).date() for a given time zone"
        )
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(_ISO_DATE, text) is None:
            raise ArgumentError(
                f"{name} must be a date or an ISO date string YYYY-MM-DD, not {value[:40]!r}"
            )
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ArgumentError(f"{name}={value!r} is not a real calendar date") from None
    raise ArgumentError(
        f"{name} must be a date or an ISO date string YYYY-MM-DD, not {type(value).__name__}"
    )
