"""Write a starting column mapping from an export's header and first rows.

A team adopting ``stats build`` for a CSV export should not start from a blank page, nor from a
mapping that guesses silently. This module proposes only what it can tell: a column whose
header names a field (``Case ref`` → ``exchange_id``), value maps for codes whose meaning is
plain (``Y``/``N``, ``Yes``/``No``, ``Ja``/``Nein``, the field's own code values), and a date
format that reads every sampled cell. Everything else is written as a comment marked ``TODO``
with the values seen, so the user decides; a required field left unmapped keeps the mapping
invalid until it is filled in, rather than producing wrong statistics.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from typing import IO

from spocschema.enums import AccessMode, RefusalGround
from spocschema.models.column_mapping import COLUMN_MAPPING_SCHEMA_VERSION, FieldColumns
from spocschema.models.request import RequestSender
from spocschema.models.statistics import ExchangeDirection, ExchangeOutcome
from spocschema.schemas import document_type

#: Rows read to propose value maps and date formats.
SAMPLE_ROWS = 1000
#: Distinct values remembered per column; a column with more is not a code.
MAX_DISTINCT = 30
#: Bytes the dialect is sniffed from.
SNIFF_BYTES = 64 * 1024

#: Header spellings (normalised: lower case, letters and digits joined by ``_``) per field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "exchange_id": (
        "exchange_id",
        "id",
        "case_id",
        "case_ref",
        "case_reference",
        "case_number",
        "case_no",
        "reference",
        "ref",
        "cms_ref",
        "cms_reference",
        "cms_id",
        "request_id",
        "request_ref",
        "file_number",
        "dossier",
    ),
    "direction": ("direction", "dir", "in_out", "incoming_outgoing", "flow"),
    "counterpart_state": (
        "counterpart_state",
        "counterpart",
        "country",
        "state",
        "partner_country",
        "partner_state",
        "member_state",
        "other_state",
        "requesting_requested_state",
    ),
    "sender": ("sender", "sent_by", "submitted_by", "requesting_authority"),
    "urgent": ("urgent", "urgency", "is_urgent", "priority_urgent"),
    "information_access": ("information_access", "access", "access_mode", "access_type"),
    "sent_at": ("sent_at", "sent", "date_sent", "sent_on", "sent_date", "submitted_at"),
    "received_at": (
        "received_at",
        "received",
        "date_received",
        "received_on",
        "received_date",
        "receipt_date",
        "date_of_receipt",
    ),
    "outcome": ("outcome", "status", "result", "case_status", "final_status"),
    "replied_at": (
        "replied_at",
        "replied",
        "reply_date",
        "date_replied",
        "answered_at",
        "response_date",
        "responded_at",
        "closed_at",
        "date_closed",
    ),
    "refusal_ground": (
        "refusal_ground",
        "refusal_reason",
        "reason_for_refusal",
        "ground",
        "refusal_code",
        "reason",
        "refusal",
    ),
    "judicial_deviation": (
        "judicial_deviation",
        "judicial_delay",
        "judicial_authorisation_delay",
        "judicial_authorization_delay",
        "delay_judicial",
        "judicial",
    ),
}

_FLAGS = ("urgent", "judicial_deviation")
_INSTANTS = ("sent_at", "received_at", "replied_at")
_CODES = {
    "direction": ExchangeDirection,
    "sender": RequestSender,
    "information_access": AccessMode,
    "outcome": ExchangeOutcome,
    "refusal_ground": RefusalGround,
}
#: Spellings of yes and no whose meaning is plain (compared in lower case).
_YES = frozenset({"y", "yes", "true", "1", "j", "ja", "oui", "o", "si", "sí", "s", "sim", "x"})
_NO = frozenset({"n", "no", "false", "0", "nein", "non", "não", "nao", "nee", "nej", "ei"})
#: Local spellings of the directions whose meaning is plain.
_DIRECTIONS = {
    "in": "incoming",
    "inbound": "incoming",
    "received": "incoming",
    "incoming": "incoming",
    "out": "outgoing",
    "outbound": "outgoing",
    "sent": "outgoing",
    "outgoing": "outgoing",
}
#: Date formats tried, most specific first (each must read every sampled cell).
DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
)


def normalise_header(name: str) -> str:
    """A header reduced for matching: lower case, runs of other characters as one ``_``."""
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


@dataclass
class ColumnSample:
    """What the first rows showed of one column."""

    name: str
    values: dict[str, int] = field(default_factory=dict)
    #: More distinct values than ``MAX_DISTINCT``: not a code column.
    many: bool = False

    def add(self, cell: str) -> None:
        if cell == "" or self.many:
            return
        if cell in self.values:
            self.values[cell] += 1
        elif len(self.values) < MAX_DISTINCT:
            self.values[cell] = 1
        else:
            self.many = True


def sniff_dialect(head: str) -> str:
    """The delimiter of a CSV export, from its first bytes (``,`` if it cannot be told)."""
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def sample_csv(
    stream: IO[bytes], encoding: str = "utf-8"
) -> tuple[str, list[str], list[ColumnSample]]:
    """The delimiter, the header and a sample of each column of a CSV export."""
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    text = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="")
    head = text.read(SNIFF_BYTES)
    head += text.readline()  # to the end of the line the sniffed part stopped in
    delimiter = sniff_dialect(head)
    reader = csv.reader(chain(io.StringIO(head, newline=""), text), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    samples = [ColumnSample(name) for name in header]
    for number, row in enumerate(reader):
        if number >= SAMPLE_ROWS:
            break
        for sample, cell in zip(samples, row, strict=False):
            sample.add(cell.strip())
    return delimiter, header, samples


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def guess_fields(header: Sequence[str]) -> dict[str, str]:
    """Field → column, for headers that plainly name a field (each column used once)."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for name, spellings in SYNONYMS.items():
        for column in header:
            if column not in taken and normalise_header(column) in spellings:
                found[name] = column
                taken.add(column)
                break
    return found


def _quote(value: object) -> str:
    """A YAML scalar: JSON's double-quoted form, with characters YAML cannot hold escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return "".join(
        char
        if char in "\t\n\r"
        or 0x20 <= ord(char) <= 0x7E
        or 0xA0 <= ord(char) <= 0xD7FF
        or 0xE000 <= ord(char) <= 0xFFFD
        or 0x10000 <= ord(char) <= 0x10FFFF
        else (f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        for char in text
    )


def _flag_map(values: Iterable[str]) -> tuple[dict[str, bool], list[str]]:
    known: dict[str, bool] = {}
    unknown = []
    for value in values:
        lowered = value.lower()
        if lowered in _YES:
            known[value] = True
        elif lowered in _NO:
            known[value] = False
        else:
            unknown.append(value)
    return known, unknown


def _code_map(name: str, values: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    codes = {member.value for member in _CODES[name]}
    known: dict[str, str] = {}
    unknown = []
    for value in values:
        lowered = value.lower().replace(" ", "_")
        if lowered in codes:
            known[value] = lowered
        elif name == "direction" and value.lower() in _DIRECTIONS:
            known[value] = _DIRECTIONS[value.lower()]
        else:
            unknown.append(value)
    return known, unknown


def guess_date_format(values: Iterable[str]) -> tuple[str | None, bool, bool]:
    """A format reading every value: ``(format or None for ISO 8601, naive, ambiguous)``.

    ``ambiguous`` is set when day and month could be either way round in every sample.
    """
    cells = [v for v in values if v]
    if not cells:
        return None, False, False
    try:
        parsed = [datetime.fromisoformat(cell) for cell in cells]
        return None, any(p.tzinfo is None for p in parsed), False
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            parsed = [datetime.strptime(cell, pattern) for cell in cells]
        except ValueError:
            continue
        ambiguous = ("%d" in pattern and "%m" in pattern) and all(p.day <= 12 for p in parsed)
        return pattern, True, ambiguous
    return "", True, False


def starting_mapping(
    header: Sequence[str], samples: Sequence[ColumnSample], *, delimiter: str, source: str
) -> str:
    """The text of a starting mapping (YAML with comments) for an export with this header."""
    schema = document_type("column-mapping").schema_id
    guessed = guess_fields(header)
    by_column = {sample.name: sample for sample in samples}
    out = [
        f"# yaml-language-server: $schema={schema}",
        f"# Column mapping for {source}, written by `spocschema stats mapping --init`.",
        "# Check every line marked TODO, then: spocschema stats build EXPORT --mapping THIS",
        "# Cells are read without surrounding spaces; a blank cell leaves its field out.",
        f"schema_version: {_quote(COLUMN_MAPPING_SCHEMA_VERSION)}",
        "csv:",
        f"  delimiter: {_quote(delimiter)}",
        '  quote_char: "\\""',
        "  encoding: utf-8  # TODO: cp1252 or iso-8859-1 for many older exports",
    ]
    naive = False
    body: list[str] = []
    for name in FieldColumns.model_fields:
        required = FieldColumns.model_fields[name].is_required()
        column = guessed.get(name)
        if column is None:
            need = "required" if required else "optional"
            body.append(f"  # TODO ({need}): {name}: {{column: ...}}")
            continue
        sample = by_column.get(column, ColumnSample(column))
        seen = sorted(sample.values, key=lambda v: -sample.values[v])
        body.append(f"  {name}:")
        body.append(f"    column: {_quote(column)}")
        if name in _INSTANTS:
            pattern, is_naive, ambiguous = guess_date_format(seen if not sample.many else [])
            naive |= is_naive
            if pattern:
                note = (
                    "  # TODO: day and month order not clear from the sample" if ambiguous else ""
                )
                body.append(f"    format: {_quote(pattern)}{note}")
            elif pattern == "":
                body.append(
                    '    # TODO: format: "%d/%m/%Y %H:%M"  (no known format read the sample)'
                )
            continue
        if name in _FLAGS or name in _CODES:
            if sample.many:
                body.append(
                    "    # TODO: more distinct values than a code column has; check the column"
                )
                continue
            known: dict[str, object]
            if name in _FLAGS:
                known_flags, unknown = _flag_map(seen)
                known = dict(known_flags)
            else:
                known_codes, unknown = _code_map(name, seen)
                known = dict(known_codes)
            if known and (unknown or any(k != v for k, v in known.items())):
                body.append("    values:")
                body.extend(f"      {_quote(k)}: {_quote(v)}" for k, v in known.items())
            elif unknown:
                body.append("    values:")
            for value in unknown:
                body.append(
                    f"      # TODO: {_quote(value)}: ...  (seen {_times(sample.values[value])})"
                )
        elif name == "counterpart_state" and not sample.many:
            odd = [v for v in seen if not re.fullmatch(r"[A-Z]{2}", v)]
            if odd:
                body.append("    values:  # TODO: the ISO 3166-1 alpha-2 code of each")
                body.extend(f"      # {_quote(v)}: ..." for v in odd)
    if naive:
        # Not guessed: a wrong zone would move requests across New Year without a trace. Until
        # it is set, every row with such a date is refused and says why.
        out.append("# TODO (needed: the sampled dates carry no UTC offset): the IANA zone of")
        out.append("# the CMS clock, for example")
        out.append("# time_zone: Europe/Lisbon")
    out.append("fields:")
    out.extend(body)
    ignored = [h for h in header if h and h not in guessed.values()]
    if ignored:
        out.append("# Columns not used for the statistics (a new, unlisted column is reported):")
        out.append("ignored_columns:")
        out.extend(f"  - {_quote(h)}" for h in ignored)
    return "\n".join(out) + "\n"
