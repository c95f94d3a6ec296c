"""Constrained value types shared by every document model.

Each type validates in Python exactly what its JSON Schema says, so that the published schema
and the models reach the same verdict on any document. Where pydantic's own parsing is more
lenient than JSON Schema (dates from numbers, integers from strings) these types are stricter,
and where JSON Schema is more lenient than pydantic's strict mode (``3.0`` is an integer in
JSON Schema) they follow JSON Schema.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Annotated, Any, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    StrictStr,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from spocschema import codelists
from spocschema.instants import DATE_TIME_PATTERN, parse_date_time

T = TypeVar("T")

#: ``(?!0000)``: year 0 is valid RFC 3339 but not a Python date; refusing it in the pattern keeps
#: validators whose ``date`` format accepts it (ajv-formats) in agreement with the models.
_DATE_PATTERN = r"^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATE_RE = re.compile(_DATE_PATTERN)

#: ISO 8601 duration without fractions; weeks stand alone, as ISO 8601 has them.
DURATION_PATTERN = (
    r"^P(?:[0-9]+W|(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?"
    r"(?:T(?:[0-9]+H(?:[0-9]+M)?(?:[0-9]+S)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?)$"
)
_DURATION = (
    r"P(?:(?P<weeks>[0-9]+)W|(?:(?P<years>[0-9]+)Y)?(?:(?P<months>[0-9]+)M)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?(?:(?P<seconds>[0-9]+)S)?)?)"
)

TIME_OF_DAY_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
END_TIME_PATTERN = r"^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"

IDENTIFIER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"

#: ECMA-262 white space and line terminators, spelled out. JSON Schema patterns are ECMA-262
#: regular expressions, but ``\s`` means something different in each engine (Python's ``re``
#: counts U+001C-U+001F and U+0085, Rust's ``regex`` used by pydantic counts U+0085 but not
#: U+FEFF). An explicit class means the same in every engine, so all validators agree.
_WHITESPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

HTTP_URL_PATTERN = r"^https?://[^" + _WHITESPACE + r"/?#]+[^" + _WHITESPACE + r"]*$"

#: At least one character that is not white space (in the ECMA-262 sense, see above).
_NON_BLANK_PATTERN = "[^" + _WHITESPACE + "]"


class _NullRefused:
    """Validate ``T | None`` as plain ``T``: the default ``None`` stands for "key left out".

    Pydantic never validates a default, so an absent key still gives ``None``, while an
    explicit ``null`` fails ``T``'s own check, in Rust, with no Python call per field (a
    ``BeforeValidator`` here cost a sixth of the validation time). ``validation.problems_from``
    words those failures as "null is not allowed".
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        # The schema of ``T`` itself: building ``T | None`` and unwrapping its nullable schema
        # gave the same result, with a union built and thrown away for every optional field.
        args = [arg for arg in get_args(source) if arg is not type(None)]
        if len(args) == 1:
            return handler.generate_schema(args[0])
        schema = handler(source)  # pragma: no cover - Maybe[A | B]: no model has one yet
        if schema.get("type") == "nullable":  # pragma: no cover
            return schema["schema"]
        return schema  # pragma: no cover


#: An optional field: the key may be left out, but an explicit ``null`` is an error. Documents
#: state facts; a null would be a third state ("known to be unknown") with no agreed meaning.
Maybe = Annotated[T | None, _NullRefused()]


#: What a failed ``pattern`` means, by pattern: an error code and a message for people.
#: ``validation.problems_from`` words pydantic's ``string_pattern_mismatch`` errors with these.
PATTERN_PROBLEMS: dict[str, tuple[str, str]] = {}


def _pattern(pattern: str, code: str, message: str) -> Any:
    """A ``pattern`` constraint, checked by pydantic in Rust (no Python call per value).

    Rust's ``regex`` crate agrees with ECMA-262 on every pattern used here: ``$`` matches only
    at the very end (unlike Python's ``re``), and white space is spelled out, never ``\\s``.
    """
    PATTERN_PROBLEMS[pattern] = (code, message)
    return Field(pattern=pattern)


def _parse_date(value: Any) -> Any:
    if type(value) is date:
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "expected a date string like 2024-12-12")
    if _DATE_RE.fullmatch(value) is None:
        raise PydanticCustomError(
            "date_format",
            "{value} is not a date of the form YYYY-MM-DD",
            {"value": repr(value[:40])},
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "date_impossible", "{value} is not a real calendar date", {"value": repr(value)}
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

_NON_BLANK = _pattern(_NON_BLANK_PATTERN, "blank_text", "must contain a visible character")

#: A short text: a name, a title, a reference. Never blank.
Text = Annotated[StrictStr, Field(min_length=1, max_length=300), _NON_BLANK]

#: A longer free text: a procedure, a justification, a description. Never blank.
LongText = Annotated[StrictStr, Field(min_length=1, max_length=4000), _NON_BLANK]

#: An ISO 8601 duration such as ``PT8H``, ``P3D``, ``P6M`` or ``P1Y``.
IsoDuration = Annotated[
    StrictStr,
    Field(min_length=2, max_length=40),
    _pattern(
        DURATION_PATTERN, "invalid_duration", "is not an ISO 8601 duration (e.g. PT8H, P3D, P6M)"
    ),
    WithJsonSchema(
        {"type": "string", "pattern": DURATION_PATTERN, "minLength": 2, "maxLength": 40}
    ),
]

#: A time of day ``HH:MM`` (24-hour clock).
TimeOfDay = Annotated[
    StrictStr,
    _pattern(TIME_OF_DAY_PATTERN, "invalid_time_of_day", "is not a time of day HH:MM (e.g. 08:00)"),
    WithJsonSchema({"type": "string", "pattern": TIME_OF_DAY_PATTERN}),
]

#: The end of a time slot ``HH:MM``; ``24:00`` closes a slot at midnight.
EndTimeOfDay = Annotated[
    StrictStr,
    _pattern(
        END_TIME_PATTERN, "invalid_time_of_day", "is not a time of day HH:MM (e.g. 18:00, 24:00)"
    ),
    WithJsonSchema({"type": "string", "pattern": END_TIME_PATTERN}),
]

#: A stable identifier: letters, digits and ``. _ : -``, starting with a letter or digit.
Identifier = Annotated[
    StrictStr,
    Field(max_length=100),
    _pattern(
        IDENTIFIER_PATTERN,
        "invalid_identifier",
        "is not an identifier (letters, digits and . _ : -, e.g. spoc-example-1)",
    ),
    WithJsonSchema({"type": "string", "pattern": IDENTIFIER_PATTERN, "maxLength": 100}),
]

#: An http(s) address of a public document (a law, a notice in the Official Journal).
HttpUrl = Annotated[
    StrictStr,
    Field(max_length=2000),
    _pattern(
        HTTP_URL_PATTERN,
        "invalid_http_url",
        "is not an http(s) address (e.g. https://example.org/law)",
    ),
    WithJsonSchema({"type": "string", "pattern": HTTP_URL_PATTERN, "maxLength": 2000}),
]


def _country(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError("country_type", "expected a two-letter country code")
    if not codelists.is_accepted_country_code(value):
        raise PydanticCustomError(
            "country_code",
            "{value} is not an ISO 3166-1 alpha-2 country code (XK for Kosovo, EL or GR for "
            "Greece; upper case)",
            {"value": repr(value[:20])},
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
    if not codelists.is_iso_language_code(value):
        raise PydanticCustomError(
            "language_code",
            "{value} is not an ISO 639-1 language code (two lower-case letters, e.g. en)",
            {"value": repr(value[:20])},
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


def _time_zone(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError("time_zone_type", "expected an IANA time zone name")
    if not codelists.is_time_zone(value):
        raise PydanticCustomError(
            "time_zone",
            "{value} is not an IANA time zone name (e.g. Europe/Lisbon, UTC; case matters)",
            {"value": repr(value[:40])},
        )
    return value


class _TimeZoneAnnotation:
    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(codelists.time_zone_names_sorted()),
            "description": "IANA time zone name (e.g. Europe/Lisbon, UTC), as the tzdata "
            "release the package lists.",
        }


#: An IANA time zone name such as ``Europe/Lisbon``, checked against the tz database that
#: ``zoneinfo`` reads from the ``tzdata`` package; the JSON Schema lists the same names.
TimeZoneName = Annotated[str, BeforeValidator(_time_zone), _TimeZoneAnnotation()]


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


#: Most digits a duration component may have when it is split: what Python converts from text
#: (``sys.int_info.default_max_str_digits``). The model caps a whole duration at 40 characters;
#: this guards other callers (the ``deadline`` command) from Python's own error message.
DURATION_COMPONENT_DIGITS = 4300


def duration_parts(value: str) -> dict[str, int]:
    """Split an ISO 8601 duration into its components (missing ones are 0).

    Raises ``ValueError`` for text that is not a duration, and for a component of more than
    ``DURATION_COMPONENT_DIGITS`` digits, with a message fit for a user (never Python's own
    ``int`` conversion limit).
    """
    match = re.fullmatch(_DURATION, value)  # compiled on first use, then cached by re
    if match is None:
        raise ValueError(f"not an ISO 8601 duration: {value[:40]!r}")
    parts = match.groupdict()
    if any(part is not None and len(part) > DURATION_COMPONENT_DIGITS for part in parts.values()):
        raise ValueError(
            f"{value[:40]!r}{'...' if len(value) > 40 else ''}: a duration component has more than "
            f"{DURATION_COMPONENT_DIGITS} digits; no span is that long"
        )
    return {name: int(part or 0) for name, part in parts.items()}


@lru_cache(maxsize=512)
def duration_bounds(value: str) -> tuple[timedelta, timedelta]:
    """The shortest and longest span a duration can mean.

    Months and years vary in length, so ``P1M`` lies between 28 and 31 days. Checks that compare
    a declared duration with a legal maximum use the upper bound, checks against a legal minimum
    the lower one, so a finding never depends on which month it is. Cached: profiles repeat a
    handful of durations (``PT8H``, ``P3D``...) and the rules compare them on every check.

    Total: a bound longer than ``timedelta`` holds (999,999,999 days; a document may state
    ``P99999999999Y``) saturates to ``timedelta.max``. Rules compare these bounds with legal
    limits of days or months, which lie far below, so saturation never changes a verdict.
    """
    parts = duration_parts(value)
    bounds = []
    for year_days, month_days in ((365, 28), (366, 31)):
        days = parts["weeks"] * 7 + parts["days"] + year_days * parts["years"]
        days += month_days * parts["months"]
        seconds = parts["hours"] * 3600 + parts["minutes"] * 60 + parts["seconds"]
        try:
            bounds.append(timedelta(days=days, seconds=seconds))
        except OverflowError:
            bounds.append(timedelta.max)
    return bounds[0], bounds[1]


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
