"""Words for people: counts with the right plural, and spans of time as people say them.

Human-facing output (text, Markdown, annotations) says "1 warning", "2 warnings" and "overdue
by 248 days 16 hours"; machine formats keep ISO 8601 durations and plain numbers.
"""

from __future__ import annotations

from datetime import timedelta

#: Plurals that do not just add an "s".
_IRREGULAR = {"info": "infos", "analysis": "analyses", "is": "are", "was": "were"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 warning``, ``2 warnings``, ``0 errors``; ``many`` where the plural is irregular."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or _IRREGULAR.get(word) or word + 's'}"


def human_duration(span: timedelta) -> str:
    """A span as people read it: ``248 days 16 hours``, ``3 hours 5 minutes``, ``40 seconds``.

    The two largest non-zero units are shown (days and hours, hours and minutes, ...), which is
    as precise as a person needs for a reply time; the sign is the caller's to word ("overdue
    by", "remaining").
    """
    seconds = int(abs(span).total_seconds())
    days, seconds = divmod(seconds, 86_400)
    hours, seconds = divmod(seconds, 3_600)
    minutes, seconds = divmod(seconds, 60)
    parts = [
        plural(value, unit)
        for value, unit in (
            (days, "day"),
            (hours, "hour"),
            (minutes, "minute"),
            (seconds, "second"),
        )
        if value
    ]
    return " ".join(parts[:2]) if parts else "0 seconds"
