"""Constrained value types shared by every document model.

Each type validates in Python exactly what its JSON Schema says, so that the published schema
and the models reach the same verdict on any document. Where pydantic's own parsing is more
lenient than JSON Schema (dates from numbers, integers from strings) these types are stricter,
and where JSON Schema is more lenient than pydantic's strict mode (``3.0`` is an integer in
JSON Schema) they follow JSON Schema.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, StrictStr, WithJsonSchema
from pydantic_core import PydanticCustomError

from spocschema import codelists

T = TypeVar("T")

_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATE_RE = re.compile(_DATE_PATTERN)

#: ISO 8601 duration without fractions; weeks stand alone, as ISO 8601 has them.
DURATION_PATTERN = (
    r"^P(?:[0-9]+W|(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?"
    r"(?:T(?:[0-9]+H(?:[0-9]+M)?(?:[0-9]+S)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?)$"
)
_DURATION_RE = re.compile(
    r"P(?:(?P<weeks>[0-9]+)W|(?:(?P<years>[0-9]+)Y)?(?:(?P<months>[0-9]+)M)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?(?:(?P<seconds>[0-9]+)S)?)?)"
)
_DURATION_FULL_RE = re.compile(DURATION_PATTERN)

TIME_OF_DAY_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
_TIME_RE = re.compile(TIME_OF_DAY_PATTERN)
END_TIME_PATTERN = r"^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
_END_TIME_RE = re.compile(END_TIME_PATTERN)

IDENTIFIER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
_IDENTIFIER_RE = re.compile(IDENTIFIER_PATTERN)

HTTP_URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
_HTTP_URL_RE = re.compile(HTTP_URL_PATTERN)

_NON_BLANK_PATTERN = r"\S"


def _reject_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError(
            "null_not_allowed", "null is not allowed here; leave the key out instead"
        )
    return value


#: An optional field: the key may be left out, but an explicit ``null`` is an error. Documents
#: state facts; a null would be a third state ("known to be unknown") with no agreed meaning.
Maybe = Annotated[T | None, BeforeValidator(_reject_null)]


def _fullmatch(regex: re.Pattern[str], kind: str, example: str) -> Any:
    def check(value: Any) -> Any:
        if isinstance(value, str) and regex.fullmatch(value) is None:
            raise PydanticCustomError(
                f"invalid_{kind}",
                "{value!r} is not a valid " + kind.replace("_", " ") + " (example: {example})",
                {"value": value[:40], "example": example},
            )
        return value

    return check


def _parse_date(value: Any) -> Any:
    if type(value) is date:
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "expected a date string like 2024-12-12")
    if _DATE_RE.fullmatch(value) is None:
        raise PydanticCustomError(
            "date_format", "{value!r} is not a date of the form YYYY-MM-DD", {"value": value[:40]}
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "date_impossible", "{value!r} is not a real calendar date", {"value": value}
        ) from None


#: A calendar date, written ``YYYY-MM-DD`` (RFC 3339 full-date). Datetimes are not dates.
IsoDate = Annotated[
    date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_PATTERN}),
]


def _integral(value: Any) -> Any:
    # JSON Schema counts 3.0 as an integer; bool is never one.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "expected a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise PydanticCustomError("int_type", "expected a whole number")
        return int(value)
    return value


def _non_negative(value: int) -> int:
    if value < 0:
        raise PydanticCustomError("greater_than_equal", "must be 0 or more")
    return value


#: A whole number of zero or more.
Count = Annotated[
    int,
    BeforeValidator(_integral),
    AfterValidator(_non_negative),
    WithJsonSchema({"type": "integer", "minimum": 0}),
]


def _year(value: int) -> int:
    if not 1990 <= value <= 2200:
        raise PydanticCustomError("year_range", "a year between 1990 and 2200 is expected")
    return value


#: A calendar year.
Year = Annotated[
    int,
    BeforeValidator(_integral),
    AfterValidator(_year),
    WithJsonSchema({"type": "integer", "minimum": 1990, "maximum": 2200}),
]

#: A short text: a name, a title, a reference. Never blank.
Text = Annotated[StrictStr, Field(min_length=1, max_length=300, pattern=_NON_BLANK_PATTERN)]

#: A longer free text: a procedure, a justification, a description. Never blank.
LongText = Annotated[StrictStr, Field(min_length=1, max_length=4000, pattern=_NON_BLANK_PATTERN)]

#: An ISO 8601 duration such as ``PT8H``, ``P3D``, ``P6M`` or ``P1Y``.
IsoDuration = Annotated[
    StrictStr,
    AfterValidator(_fullmatch(_DURATION_FULL_RE, "duration", "PT8H, P3D, P6M")),
    Field(min_length=2, max_length=40),
    WithJsonSchema(
        {"type": "string", "pattern": DURATION_PATTERN, "minLength": 2, "maxLength": 40}
    ),
]

#: A time of day ``HH:MM`` (24-hour clock).
TimeOfDay = Annotated[
    StrictStr,
    AfterValidator(_fullmatch(_TIME_RE, "time_of_day", "08:00")),
    WithJsonSchema({"type": "string", "pattern": TIME_OF_DAY_PATTERN}),
]

#: The end of a time slot ``HH:MM``; ``24:00`` closes a slot at midnight.
EndTimeOfDay = Annotated[
    StrictStr,
    AfterValidator(_fullmatch(_END_TIME_RE, "time_of_day", "18:00 or 24:00")),
    WithJsonSchema({"type": "string", "pattern": END_TIME_PATTERN}),
]

#: A stable identifier: letters, digits and ``. _ : -``, starting with a letter or digit.
Identifier = Annotated[
    StrictStr,
    AfterValidator(_fullmatch(_IDENTIFIER_RE, "identifier", "spoc-example-1")),
    Field(max_length=100),
    WithJsonSchema({"type": "string", "pattern": IDENTIFIER_PATTERN, "maxLength": 100}),
]

#: An http(s) address of a public document (a law, a notice in the Official Journal).
HttpUrl = Annotated[
    StrictStr,
    AfterValidator(_fullmatch(_HTTP_URL_RE, "http_url", "https://example.org/law")),
    Field(max_length=2000),
    WithJsonSchema({"type": "string", "pattern": HTTP_URL_PATTERN, "maxLength": 2000}),
]


def _country(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError("country_type", "expected a two-letter country code")
    if value not in codelists.accepted_country_codes():
        raise PydanticCustomError(
            "country_code",
            "{value!r} is not an ISO 3166-1 alpha-2 country code (XK for Kosovo, EL or GR for "
            "Greece; upper case)",
            {"value": value[:20]},
        )
    return codelists.normalise_country(value)


class _CountryAnnotation:
    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(codelists.accepted_country_codes()),
            "description": "ISO 3166-1 alpha-2 code, upper case; XK for Kosovo; Greece as GR or "
            "EL (EL is stored as GR).",
        }


#: A country code (ISO 3166-1 alpha-2, ``XK`` for Kosovo, ``EL`` accepted for Greece as ``GR``).
CountryCode = Annotated[str, BeforeValidator(_country), _CountryAnnotation()]


def _language(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError("language_type", "expected a two-letter language code")
    if value not in codelists.iso_language_codes():
        raise PydanticCustomError(
            "language_code",
            "{value!r} is not an ISO 639-1 language code (two lower-case letters, e.g. en)",
            {"value": value[:20]},
        )
    return value


class _LanguageAnnotation:
    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(codelists.iso_language_codes()),
            "description": "ISO 639-1 language code, lower case (e.g. en, fr, de).",
        }


#: A language code (ISO 639-1, lower case).
LanguageCode = Annotated[str, BeforeValidator(_language), _LanguageAnnotation()]


def _unique(values: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for index, value in enumerate(values):
        if value in seen:
            raise PydanticCustomError(
                "unique_items",
                "item {index} repeats an earlier item; each value may appear once",
                {"index": index},
            )
        seen.append(value)
    return values


#: A list whose items must all differ (JSON Schema ``uniqueItems``).
UniqueList = Annotated[
    list[T], AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True})
]


def duration_parts(value: str) -> dict[str, int]:
    """Split an ISO 8601 duration into its components (missing ones are 0)."""
    match = _DURATION_RE.fullmatch(value)
    if match is None:
        raise ValueError(f"not an ISO 8601 duration: {value!r}")
    return {name: int(part or 0) for name, part in match.groupdict().items()}


def duration_bounds(value: str) -> tuple[timedelta, timedelta]:
    """The shortest and longest span a duration can mean.

    Months and years vary in length, so ``P1M`` lies between 28 and 31 days. Checks that compare
    a declared duration with a legal maximum use the upper bound, checks against a legal minimum
    the lower one, so a finding never depends on which month it is.
    """
    parts = duration_parts(value)
    fixed = timedelta(
        weeks=parts["weeks"],
        days=parts["days"],
        hours=parts["hours"],
        minutes=parts["minutes"],
        seconds=parts["seconds"],
    )
    low = fixed + timedelta(days=365 * parts["years"] + 28 * parts["months"])
    high = fixed + timedelta(days=366 * parts["years"] + 31 * parts["months"])
    return low, high


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
_DATE_TIME_RE = re.compile(
    r"(?P<year>(?:19|2[0-9])[0-9]{2})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])"
    r"[Tt](?P<hour>[01][0-9]|2[0-3]):(?P<minute>[0-5][0-9]):(?P<second>[0-5][0-9])"
    r"(?:\.(?P<fraction>[0-9]{1,6}))?"
    r"(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<off_hour>[01][0-9]|2[0-3]):(?P<off_minute>[0-5][0-9]))"
)


def _check_aware(value: datetime) -> datetime:
    offset = value.utcoffset()
    if offset is None:
        raise PydanticCustomError(
            "naive_datetime",
            "a date-time without a UTC offset is ambiguous; state the offset "
            "(e.g. 2024-03-01T09:30:00+01:00 or ...Z)",
        )
    if offset % timedelta(minutes=1) or not 1900 <= value.year <= 2999:
        raise PydanticCustomError(
            "date_time_range",
            "the date-time must lie in the years 1900-2999 with an offset in whole minutes",
        )
    return value


def parse_date_time(value: str) -> datetime:
    """Parse an RFC 3339 date-time as :data:`AwareDateTime` accepts it; raise ``ValueError``.

    Written out rather than delegated to ``datetime.fromisoformat``, which accepts many ISO 8601
    forms RFC 3339 does not (week dates, no offset, a space separator) and, before Python 3.11,
    refuses ``Z``.
    """
    match = _DATE_TIME_RE.fullmatch(value)
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


def _parse_date_time(value: Any) -> Any:
    if isinstance(value, datetime):
        return _check_aware(value)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date_time_type", "expected a date-time string like 2024-03-01T09:30:00+01:00"
        )
    try:
        return parse_date_time(value)
    except ValueError as error:
        raise PydanticCustomError("date_time_format", "{reason}", {"reason": str(error)}) from None


#: An instant: RFC 3339 date-time with a mandatory UTC offset. Naive datetimes are refused,
#: because a time limit counted from an instant of unknown offset is off by up to 14 hours.
AwareDateTime = Annotated[
    datetime,
    BeforeValidator(_parse_date_time),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": DATE_TIME_PATTERN}),
]
