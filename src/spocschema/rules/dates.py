"""Calendar and duration arithmetic the rules share.

Durations in profiles are ISO 8601 and may use months, which vary in length. A rule reports a
declared duration as exceeding a legal maximum only when it certainly does, whatever the month:
its shortest reading is longer than the limit's longest reading.
"""

from __future__ import annotations

import calendar
from datetime import date

from spocschema.types import duration_bounds


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month.

    Total: a result beyond the calendar a ``date`` holds (years 1-9999) saturates to
    ``date.max`` or ``date.min``. Documents may state any date of that calendar
    (``9999-12-31`` included), and the rules only compare the result with dates of the same
    calendar, which lie on the same side of the saturated bound as of the true one, so a
    verdict never depends on the saturation.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def certainly_longer(declared: str, limit: str) -> bool:
    """True if the duration ``declared`` exceeds ``limit`` however long its months are."""
    shortest, _ = duration_bounds(declared)
    _, longest = duration_bounds(limit)
    return shortest > longest
