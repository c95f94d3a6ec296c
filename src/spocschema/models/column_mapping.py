"""How to read a CMS table export (CSV or Excel) as exchange records: the column mapping.

A case management system exports a table whose headers, codes and date formats are its own.
Rather than asking each team to convert the table into JSON Lines with a script of its own (and
its own mistakes), the mapping says declaratively which column holds which
:class:`~spocschema.models.statistics.ExchangeRecord` field, how the local codes translate
(``Y``/``N``, local outcome names), how dates are written and in which time zone a date without
a UTC offset was recorded. Each row then becomes the very record a JSON Lines export would hold
and goes through the same checks, so CSV and JSON Lines give the same statistics.

One model per kind of field (text, code, yes/no, instant) lets the published schema say exactly
which values a code map may produce, so an editor completes them and a typo is refused when the
mapping is loaded, not on the millionth row.
"""

from __future__ import annotations

import codecs
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictBool, StrictStr, model_validator
from pydantic_core import PydanticCustomError

from spocschema.enums import AccessMode, RefusalGround
from spocschema.models.base import SpocModel, fact
from spocschema.models.request import RequestSender
from spocschema.models.statistics import ExchangeDirection, ExchangeOutcome, _base_schema_extra
from spocschema.types import CountryCode, Maybe, Text, UniqueList

#: The schema version of column mappings (a 1.1 document type: new in schema release 1.1).
COLUMN_MAPPING_SCHEMA_VERSION = "1.1"

#: A column name as it appears in the header row (after surrounding spaces are removed).
ColumnName = Annotated[StrictStr, Field(min_length=1, max_length=300)]
#: A cell's text, as a key of a value map (the blank cell is ``""``).
CellText = Annotated[StrictStr, Field(max_length=300)]


def _one_character(value: str) -> str:
    if len(value) != 1:
        raise PydanticCustomError("one_character", "must be exactly one character")
    if value in "\r\n":
        raise PydanticCustomError("one_character", "a line break cannot separate or quote cells")
    return value


def _known_encoding(value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise PydanticCustomError(
            "unknown_encoding", "unknown text encoding {value!r}", {"value": value}
        ) from None
    return value


def _iana_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise PydanticCustomError(
            "unknown_time_zone",
            "unknown time zone {value!r}; use an IANA name such as Europe/Lisbon or UTC",
            {"value": value},
        ) from None
    return value


def _strptime_format(value: str) -> str:
    if "%" not in value:
        raise PydanticCustomError(
            "not_a_date_format",
            "a date format uses strftime codes such as %d/%m/%Y %H:%M (no % found)",
        )
    return value


Character = Annotated[StrictStr, Field(min_length=1, max_length=1), AfterValidator(_one_character)]
Encoding = Annotated[StrictStr, Field(min_length=1, max_length=40), AfterValidator(_known_encoding)]
TimeZoneName = Annotated[StrictStr, Field(min_length=1, max_length=64), AfterValidator(_iana_zone)]
DateFormat = Annotated[
    StrictStr, Field(min_length=2, max_length=100), AfterValidator(_strptime_format)
]


class CsvDialect(SpocModel):
    """How the CSV file is written: separator, quoting and text encoding."""

    delimiter: Character = fact(
        "The character between cells: `,` (default), `;` (common where the comma is the "
        "decimal mark), a tab, or `|`.",
        examples=[",", ";", "\t"],
    )
    quote_char: Character = fact(
        'The character that quotes a cell holding separators or line breaks (default `"`; a '
        "quote inside a quoted cell is written twice).",
    )
    encoding: Encoding = fact(
        "The text encoding of the file (default `utf-8`; a byte order mark is skipped). Older "
        "exports are often `cp1252` or `iso-8859-1`.",
        examples=["utf-8", "cp1252"],
    )


class TextColumn(SpocModel):
    """A field copied from a column as written (the CMS reference)."""

    column: ColumnName = fact("The header of the column holding this field.", required=True)


class _Column(SpocModel):
    """Where a coded field comes from: a column of the export, or one value for every row."""

    model_config = ConfigDict(
        json_schema_extra={
            **_base_schema_extra(),
            # ``properties`` names the keys for strict validators (ajv's strictRequired).
            "oneOf": [
                {"properties": {"column": True}, "required": ["column"]},
                {"properties": {"value": True}, "required": ["value"]},
            ],
            "dependentRequired": {"values": ["column"]},
        }
    )

    column: Maybe[ColumnName] = fact(
        "The header of the column holding this field. Blank cells leave the field out."
    )

    @model_validator(mode="after")
    def _one_source(self) -> Any:
        has_value = getattr(self, "value", None) is not None
        if (self.column is None) == (not has_value):
            raise PydanticCustomError(
                "one_source", "give either `column` or `value` (one value for every row), not both"
            )
        if has_value and getattr(self, "values", None) is not None:
            raise PydanticCustomError(
                "values_without_column", "`values` translates the cells of a `column`"
            )
        return self


class StateColumn(_Column):
    """The counterpart state: ISO 3166-1 alpha-2 codes, or local names mapped to them."""

    value: Maybe[CountryCode] = fact("The same state for every row (an export for one state).")
    values: Maybe[dict[CellText, CountryCode]] = fact(
        "Local names or codes and the ISO 3166-1 alpha-2 code each stands for "
        "(for example `Frankreich: FR`). Without it, cells must hold the codes.",
        examples=[{"France": "FR", "Deutschland": "DE"}],
    )


class DirectionColumn(_Column):
    """Incoming or outgoing."""

    value: Maybe[ExchangeDirection] = fact("The same direction for every row.")
    values: Maybe[dict[CellText, ExchangeDirection]] = fact(
        "Local codes and the direction each stands for.", examples=[{"IN": "incoming"}]
    )


class SenderColumn(_Column):
    """Who sent an outgoing request."""

    value: Maybe[RequestSender] = fact("The same sender for every row.")
    values: Maybe[dict[CellText, RequestSender]] = fact(
        "Local codes and the sender each stands for.",
        examples=[{"SPOC": "single_point_of_contact", "LEA": "designated_authority"}],
    )


class AccessColumn(_Column):
    """Directly or indirectly accessible information."""

    value: Maybe[AccessMode] = fact("The same access mode for every row.")
    values: Maybe[dict[CellText, AccessMode]] = fact(
        "Local codes and the access mode each stands for.", examples=[{"D": "direct"}]
    )


class OutcomeColumn(_Column):
    """Answered, refused or pending, from the CMS's own status names."""

    value: Maybe[ExchangeOutcome] = fact("The same outcome for every row.")
    values: Maybe[dict[CellText, ExchangeOutcome]] = fact(
        "Local status names and the outcome each stands for. Map every status the export "
        "uses: a status not listed makes its row invalid rather than guessed.",
        examples=[{"Closed - provided": "answered", "Rejected": "refused", "Open": "pending"}],
    )


class GroundColumn(_Column):
    """The Art 6(1) refusal ground, from the CMS's own reason codes."""

    value: Maybe[RefusalGround] = fact("The same ground for every row.")
    values: Maybe[dict[CellText, RefusalGround]] = fact(
        "Local reason codes and the Art 6(1) ground each stands for.",
        legal_basis="Art 6(1)",
    )


class FlagColumn(_Column):
    """A yes/no field, from the CMS's own spelling of yes and no."""

    value: Maybe[StrictBool] = fact("The same answer for every row.")
    values: Maybe[dict[CellText, StrictBool]] = fact(
        "Local spellings and whether each means yes (`true`) or no (`false`). Without it, "
        "cells must read `true` or `false`.",
        examples=[{"Y": True, "N": False}],
    )


class InstantColumn(SpocModel):
    """A date and time, in the CMS's format; read in the mapping's time zone if it has no offset."""

    column: ColumnName = fact("The header of the column holding this date and time.", required=True)
    format: Maybe[DateFormat] = fact(
        "The `strftime` format of the cells (for example `%d/%m/%Y %H:%M`). Without it, cells "
        "must be ISO 8601 (`2024-03-01T10:00:00+01:00`, or without offset when `time_zone` is "
        "set). Excel date cells need no format.",
        examples=["%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S%z"],
    )


class FieldColumns(SpocModel):
    """Which column (or fixed value) gives each field of an exchange record."""

    exchange_id: TextColumn = fact("The CMS reference of the request.", required=True)
    direction: DirectionColumn = fact(
        "Incoming or outgoing.", legal_basis="Art 18(2)(a)", required=True
    )
    counterpart_state: StateColumn = fact(
        "The requesting state (incoming) or requested state (outgoing).",
        legal_basis="Art 18(2)(b)",
        required=True,
    )
    sender: Maybe[SenderColumn] = fact(
        "Who submitted an outgoing request.", legal_basis="Art 18(2)(a)"
    )
    urgent: FlagColumn = fact(
        "Whether the request was urgent.", legal_basis="Art 4(4)", required=True
    )
    information_access: Maybe[AccessColumn] = fact(
        "Directly or indirectly accessible information.", legal_basis="Art 5(1)"
    )
    sent_at: Maybe[InstantColumn] = fact("When the request was sent.", legal_basis="Art 18(2)(a)")
    received_at: Maybe[InstantColumn] = fact(
        "When the request was received.", legal_basis=("Art 5(1)", "Art 18(2)(b)")
    )
    outcome: OutcomeColumn = fact(
        "Answered, refused or pending.", legal_basis=("Art 18(2)(b)", "Art 18(2)(c)"), required=True
    )
    replied_at: Maybe[InstantColumn] = fact(
        "When the information was provided or the refusal communicated.", legal_basis="Art 5(1)"
    )
    refusal_ground: Maybe[GroundColumn] = fact(
        "The Art 6(1) ground of a refusal.", legal_basis=("Art 6(1)", "Art 18(2)(c)")
    )
    judicial_deviation: Maybe[FlagColumn] = fact(
        "Whether the Art 5(1) limit was exceeded for judicial authorisation.",
        legal_basis=("Art 5(2)", "Art 18(2)(d)"),
    )

    def columns(self) -> dict[str, str]:
        """Each mapped field and the column it reads (fields given a fixed value left out)."""
        found = {}
        for name in type(self).model_fields:
            source = getattr(self, name)
            if source is not None and source.column is not None:
                found[name] = source.column
        return found


class ColumnMapping(SpocModel):
    """How to read a CMS table export as exchange records (spocschema column mapping, 1.1).

    Cells are read without their surrounding spaces; a blank cell leaves its field out (unless
    the value map lists `""`). A cell that is not in its field's value map makes the row
    invalid; nothing is guessed.
    """

    schema_version: Literal["1.1"] = fact(
        "The version of the column-mapping schema this document follows.", required=True
    )
    csv: Maybe[CsvDialect] = fact("How the CSV file is written (ignored for Excel files).")
    sheet: Maybe[Text] = fact("For an Excel workbook: the worksheet to read (default: the first).")
    time_zone: Maybe[TimeZoneName] = fact(
        "The IANA time zone in which the CMS wrote dates that carry no UTC offset. A local time "
        "that occurs twice (when clocks go back) is read as the first; one that never occurs "
        "(when clocks go forward) makes the row invalid.",
        examples=["Europe/Lisbon"],
    )
    fields: FieldColumns = fact("Where each exchange-record field comes from.", required=True)
    ignored_columns: Maybe[UniqueList[ColumnName]] = fact(
        "Columns of the export that hold nothing for the statistics. A header column neither "
        "mapped nor listed here is reported when building, so a new CMS column is noticed."
    )
    blank_values: Maybe[UniqueList[CellText]] = fact(
        'Cell texts that mean "no value", besides the empty cell (for example `NULL`, `n/a`).',
        examples=[["NULL", "n/a"]],
    )
