"""Read a CMS table export (CSV, or Excel with the ``xlsx`` extra) into the Art 18 statistics.

Each row becomes, through the :class:`~spocschema.models.column_mapping.ColumnMapping`, the
dictionary a JSON Lines export would hold for the same request, and then takes the same path:
the lean fast-path schema, the full model where that declines, and the same aggregator with its
rules (each ``exchange_id`` once, no state exchanging with itself). So a CSV and a JSON Lines
export of the same records give the same statistics, and a bad row is refused for the same
reasons as a bad line.

Reading is one pass in constant memory (the standard library's ``csv`` reader over a decoding
stream, or openpyxl's read-only mode). Rows are numbered by the physical line on which they
start, so a cell holding a quoted line break does not shift the numbers of the rows after it;
for Excel the number is the worksheet row. Bytes that are not valid in the declared encoding are
kept as escapes while reading and reported for the cell that holds them, so one bad cell does
not end the build.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from enum import Enum
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from spocschema.errors import SpocSchemaError
from spocschema.fast_records import facts_of, facts_of_record
from spocschema.models.column_mapping import ColumnMapping, InstantColumn, TextColumn
from spocschema.models.statistics import ExchangeRecord
from spocschema.statistics import BuildOutcome, LineError, StatisticsAggregator

#: What a cell converter returns for a blank cell: the field is left out of the record.
_ABSENT: Any = object()
#: Characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@")
#: Escapes left by ``surrogateescape`` for bytes the declared encoding could not decode.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
#: Rows between two progress reports.
_PROGRESS_ROWS = 4096

Cell = str | datetime


class MappingError(SpocSchemaError):
    """The mapping does not fit the export (a mapped column is missing, a header is repeated)."""


class _CellProblem(ValueError):
    """A cell that cannot become its field's value; the message says why."""


def _shown(cell: Cell) -> str:
    """A cell quoted for a message: control characters escaped, long text cut."""
    text = cell.isoformat() if isinstance(cell, datetime) else cell
    text = _UNDECODABLE.sub("\ufffd", text)
    shown = repr(text[:80] + ("..." if len(text) > 80 else ""))
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        shown += " (it looks like a spreadsheet formula: export the values, not the formulas)"
    return shown


def _code(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, datetime) else cell


def _coded(values: dict[str, Any] | None, default: dict[str, Any] | None) -> Callable[[Cell], Any]:
    table = default if values is None else {key: _code(v) for key, v in values.items()}
    if table is None:

        def as_written(cell: Cell) -> Any:
            return cell.isoformat() if isinstance(cell, datetime) else cell

        return as_written
    known = ", ".join(repr(key) for key in list(table)[:12]) + (", ..." if len(table) > 12 else "")

    def translate(cell: Cell) -> Any:
        try:
            return table[cell]  # type: ignore[index]
        except (KeyError, TypeError):
            raise _CellProblem(
                f"{_shown(cell)} is not one of the values mapped for this field ({known})"
            ) from None

    return translate


#: ``strptime`` directives read without ``strptime`` (the same regular expressions as the
#: standard library's, so the same cells are accepted; a test holds the two together).
_DIRECTIVES = {
    "d": r"(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])",
    "m": r"(?P<m>1[0-2]|0[1-9]|[1-9])",
    "Y": r"(?P<Y>\d\d\d\d)",
    "H": r"(?P<H>2[0-3]|[0-1]\d|\d)",
    "M": r"(?P<M>[0-5]\d|\d)",
    "S": r"(?P<S>6[0-1]|[0-5]\d|\d)",
    "f": r"(?P<f>[0-9]{1,6})",
}


def compile_date_format(pattern: str) -> Callable[[str], datetime]:
    """A parser equivalent to ``datetime.strptime(cell, pattern)``, several times faster.

    ``strptime`` rebuilds its work per call (locale checks, a cached regex, a dictionary of
    parts) and costs about 10 microseconds: at three dates a row, most of a CSV build. Formats
    made of day, month, four-digit year, hour, minute, second, fraction and literal text are
    matched with one compiled regular expression instead; any other directive (``%b``, ``%y``,
    ``%z``, ...) keeps ``strptime`` itself. Each directive may appear once.
    """
    parts: list[str] = []
    seen: set[str] = set()
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "%" and index + 1 < len(pattern):
            code = pattern[index + 1]
            if code == "%":
                parts.append("%")
            elif code in _DIRECTIVES and code not in seen:
                parts.append(_DIRECTIVES[code])
                seen.add(code)
            else:
                return lambda cell: datetime.strptime(cell, pattern)
            index += 2
            continue
        parts.append(r"\s+" if char.isspace() else re.escape(char))
        index += 1
    if not {"d", "m", "Y"} <= seen:  # strptime's defaults for a missing date part
        return lambda cell: datetime.strptime(cell, pattern)
    matcher = re.compile("".join(parts), re.IGNORECASE).fullmatch

    def parse(cell: str) -> datetime:
        found = matcher(cell)
        if found is None:
            raise ValueError(f"{cell!r} does not match format {pattern!r}")
        get = found.groupdict()
        fraction = get.get("f")
        return datetime(
            int(get["Y"]),
            int(get["m"]),
            int(get["d"]),
            int(get.get("H") or 0),
            int(get.get("M") or 0),
            int(get.get("S") or 0),
            int(fraction.ljust(6, "0")) if fraction else 0,
        )

    return parse


def _instant(source: InstantColumn, zone: tzinfo | None) -> Callable[[Cell], Any]:
    pattern = source.format
    read = datetime.fromisoformat if pattern is None else compile_date_format(pattern)
    wanted = "ISO 8601" if pattern is None else repr(pattern)
    utc = timezone.utc
    has_offset = _ENDS_WITH_OFFSET.search if pattern is None else None

    def parse(cell: Cell) -> Any:
        if isinstance(cell, datetime):
            moment = cell
        elif has_offset is not None and has_offset(cell):
            # Already an instant: passed on as written, exactly what a JSON Lines export holds,
            # for the record's own validation to judge.
            return cell
        else:
            try:
                moment = read(cell)
            except ValueError:
                raise _CellProblem(f"{_shown(cell)} is not a date and time in {wanted}") from None
        if moment.tzinfo is None:
            if zone is None:
                raise _CellProblem(
                    f"{_shown(cell)} has no UTC offset and the mapping names no time_zone"
                )
            moment = moment.replace(tzinfo=zone)  # fold=0: the first of a repeated hour
            if moment.utcoffset() != moment.replace(fold=1).utcoffset():
                # Near a change of the clocks: a repeated hour is fine, a skipped one is not.
                back = moment.astimezone(utc).astimezone(zone)
                if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
                    raise _CellProblem(
                        f"{_shown(cell)} does not exist in {zone} (the clocks moved forward)"
                    )
        return moment.isoformat()

    return parse


_JSON_FLAGS = {"true": True, "false": False}
#: The end of an ISO 8601 date-time that carries its UTC offset.
_ENDS_WITH_OFFSET = re.compile(r"[0-9](?:[Zz]|[+-][0-9][0-9]:?[0-9][0-9])$")


@dataclass(frozen=True)
class _Step:
    field: str
    column: str
    index: int
    #: None: the cell is the value, as written (text; a date cell as ISO 8601).
    convert: Callable[[Cell], Any] | None
    #: The value map lists the blank cell, so a blank is translated rather than left out.
    maps_blank: bool


@dataclass
class RowReader:
    """Turns the rows of one export into record dictionaries, as the mapping says."""

    mapping: ColumnMapping
    header: list[str]
    steps: list[_Step] = field(default_factory=list)
    constants: dict[str, Any] = field(default_factory=dict)
    #: Header columns neither mapped nor listed in ``ignored_columns``.
    unmapped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        from zoneinfo import ZoneInfo

        mapping = self.mapping
        zone = None if mapping.time_zone is None else ZoneInfo(mapping.time_zone)
        positions: dict[str, list[int]] = {}
        for index, name in enumerate(self.header):
            positions.setdefault(name, []).append(index)
        self._blanks = frozenset({"", *(mapping.blank_values or ())})
        fields = mapping.fields
        for name in type(fields).model_fields:
            source = getattr(fields, name)
            if source is None:
                continue
            if not isinstance(source, TextColumn | InstantColumn) and source.column is None:
                self.constants[name] = _code(source.value)
                continue
            column = source.column
            found = positions.get(column, [])
            if not found:
                raise MappingError(
                    f"column {column!r} (mapped to {name}) is not in the header; "
                    f"the header has: {', '.join(repr(h) for h in self.header[:30])}"
                )
            if len(found) > 1:
                raise MappingError(
                    f"column {column!r} (mapped to {name}) appears twice in the header"
                )
            if isinstance(source, InstantColumn):
                convert, maps_blank = _instant(source, zone), False
            elif isinstance(source, TextColumn):
                convert, maps_blank = None, False
            else:
                values = source.values
                default = _JSON_FLAGS if name in ("urgent", "judicial_deviation") else None
                convert = None if values is None and default is None else _coded(values, default)
                maps_blank = values is not None and any(key in self._blanks for key in values)
            self.steps.append(_Step(name, column, found[0], convert, maps_blank))
        used = {step.column for step in self.steps} | set(mapping.ignored_columns or ())
        self.unmapped = [h for h in self.header if h and h not in used]
        self.width = len(self.header)

    def record(self, row: list[Cell]) -> dict[str, Any]:
        """The record dictionary of one row; ``ValueError`` names every bad cell."""
        data = dict(self.constants)
        problems = []
        blanks = self._blanks
        try:  # one search per row; the cells are searched only if it finds something
            undecodable = _UNDECODABLE.search("".join(row)) is not None  # type: ignore[arg-type]
        except TypeError:  # an Excel row with date cells: openpyxl text is always decoded
            undecodable = False
        for step in self.steps:
            cell = row[step.index]
            if type(cell) is str:
                if cell in blanks and not step.maps_blank:
                    continue
                if undecodable and _UNDECODABLE.search(cell):
                    problems.append(
                        f"column {step.column!r} ({step.field}): bytes that are not valid in "
                        "the declared encoding (set csv.encoding in the mapping)"
                    )
                    continue
            convert = step.convert
            if convert is None:
                data[step.field] = cell if type(cell) is str else _text(cell)
                continue
            try:
                data[step.field] = convert(cell)
            except _CellProblem as problem:
                problems.append(f"column {step.column!r} ({step.field}): {problem}")
        if problems:
            raise ValueError("; ".join(problems))
        return data

    def explain(self, error: ValidationError, row: list[Cell]) -> str:
        """The model's verdict on a row, each problem named by its column and cell."""
        from spocschema.validation import problems_from

        columns = {step.field: step for step in self.steps}
        parts = []
        for problem in problems_from(error):
            name = problem.pointer.lstrip("/").split("/")[0] if problem.pointer else ""
            step = columns.get(name)
            if step is not None:
                parts.append(
                    f"column {step.column!r} ({name}) {_shown(row[step.index])}: {problem.message}"
                )
            elif name:
                parts.append(f"{name}: {problem.message}")
            else:
                parts.append(problem.message)
        return "; ".join(parts)


def count_row(reader: RowReader, aggregator: StatisticsAggregator, row: list[Cell]) -> None:
    """Count one row; ``ValueError`` (or ``RecordRejected``) says why it cannot be counted."""
    data = reader.record(row)
    facts = facts_of(data)
    if facts is None:
        try:
            facts = facts_of_record(ExchangeRecord.model_validate(data))
        except ValidationError as error:
            raise ValueError(reader.explain(error, row)) from None
    aggregator.add_facts(facts)


# --------------------------------------------------------------------------------------------
# Sources of rows


def _normalise(cell: Any) -> Cell:
    """An Excel cell value as the text (or date-time) a CSV export would carry."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, str):
        return cell.strip()
    return str(cell)


def csv_rows(
    stream: IO[bytes], mapping: ColumnMapping, *, default_delimiter: str = ","
) -> Iterator[tuple[int, list[Cell] | str]]:
    """``(line, cells)`` for each record of a CSV stream, or ``(line, message)`` for a bad one.

    The first item is the header. The text is decoded with ``surrogateescape`` so that an
    undecodable byte is reported for its cell rather than ending the read.
    """
    dialect = mapping.csv
    encoding = "utf-8" if dialect is None or dialect.encoding is None else dialect.encoding
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"  # skips the byte order mark some exporters write
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    delimiter = dialect.delimiter if dialect is not None and dialect.delimiter else None
    quote = dialect.quote_char if dialect is not None and dialect.quote_char else '"'
    lines = _BoundedLines(text)
    reader = csv.reader(
        lines, delimiter=delimiter or default_delimiter, quotechar=quote, strict=True
    )
    while True:
        start = lines.number + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, f"not valid CSV ({error})"
            continue
        except _OverlongLine:
            yield lines.number, f"line longer than {lines.limit:,} characters"
            continue
        yield start, list(map(str.strip, row))


#: Longest physical line of a CSV export read; a row is a few hundred characters. Bounds the
#: memory one row can take (the csv module's field size limit bounds a quoted cell).
MAX_LINE_CHARS = 1 << 20


class _OverlongLine(Exception):
    """Raised through the csv reader for a line past ``MAX_LINE_CHARS`` (then skipped)."""


class _BoundedLines:
    """The physical lines of a text stream for ``csv.reader``, each at most ``limit`` long.

    It also numbers them, so a row's line stays right even when a line is skipped. An overlong
    line is read to its end in pieces, never held whole, and raised as ``_OverlongLine``; the
    csv reader resets and reading goes on with the next line.
    """

    def __init__(self, text: IO[str], limit: int = MAX_LINE_CHARS) -> None:
        self.readline = text.readline
        self.limit = limit
        self.number = 0

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.readline(self.limit)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) >= self.limit and line[-1] not in "\r\n":
            while (rest := self.readline(self.limit)) and rest[-1] not in "\r\n":
                pass
            raise _OverlongLine
        return line


def xlsx_rows(path: Path, mapping: ColumnMapping) -> Iterator[tuple[int, list[Cell] | str]]:
    """``(row number, cells)`` for each row of a worksheet, read in openpyxl's streaming mode."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise MappingError(
            "reading Excel files needs the xlsx extra: pip install 'spocschema[xlsx]'"
        ) from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a file that is not a workbook
        raise MappingError(
            f"not a readable Excel workbook ({type(error).__name__}: {error})"
        ) from None
    try:
        if mapping.sheet is None:
            sheet = workbook.worksheets[0]
        elif mapping.sheet in workbook.sheetnames:
            sheet = workbook[mapping.sheet]
        else:
            names = ", ".join(repr(n) for n in workbook.sheetnames)
            raise MappingError(f"no worksheet {mapping.sheet!r}; the workbook has {names}")
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_normalise(cell) for cell in values]
    finally:
        workbook.close()


def records_from_table(
    rows: Iterator[tuple[int, list[Cell] | str]],
    mapping: ColumnMapping,
    aggregator: StatisticsAggregator,
    *,
    skip_invalid: bool = False,
    on_rows: Callable[[int], None] | None = None,
    on_error: Callable[[LineError], None] | None = None,
    on_header: Callable[[RowReader], None] | None = None,
) -> BuildOutcome:
    """Stream a table export into ``aggregator``, as ``records_from`` does a JSON Lines one.

    The first row is the header; ``MappingError`` if the mapping does not fit it. Blank rows
    at the very end (spreadsheets leave them) are not records and are passed over; a blank row
    followed by more data is reported like any bad row. ``lines_read`` counts data rows.
    """
    try:
        _, first = next(rows)
    except StopIteration:
        raise MappingError("the export is empty: no header row") from None
    if isinstance(first, str):
        raise MappingError(f"the header row is {first}")
    header = [cell.isoformat() if isinstance(cell, datetime) else cell for cell in first]
    if any(_UNDECODABLE.search(name) for name in header):
        raise MappingError("the header row holds bytes that are not valid in the declared encoding")
    reader = RowReader(mapping, header)
    if on_header is not None:
        on_header(reader)
    kept: list[LineError] = []
    invalid = count = pending = 0
    blank_first = blank_last = blank_count = 0  # a run of blank rows not yet known to be last

    def bad(line: int, message: str, rows: int = 1) -> bool:
        nonlocal invalid
        invalid += rows
        error = LineError(line, message)
        if on_error is None:
            kept.append(error)
        else:
            on_error(error)
        return not skip_invalid

    def stopped(line: int) -> BuildOutcome:
        return BuildOutcome(
            None, count, aggregator.counted, aggregator.outside_year, invalid, kept, line
        )

    for line, cells in rows:
        if not isinstance(cells, str) and not any(
            cell for cell in cells if not isinstance(cell, str) or cell
        ):
            if not blank_count:
                blank_first = line
            blank_last, blank_count = line, blank_count + 1
            continue
        if blank_count:
            # The blank rows were not at the end: rows that hold no record, reported as one
            # run (each counts as an invalid row).
            count += blank_count
            where = (
                "an empty row"
                if blank_count == 1
                else (f"{blank_count} empty rows (up to line {blank_last})")
            )
            if bad(blank_first, f"{where}; each row must hold one exchange record", blank_count):
                return stopped(blank_first)
            blank_count = 0
        count += 1
        pending += 1
        if isinstance(cells, str):
            problem: str | None = cells
        elif len(cells) != reader.width:
            problem = f"{len(cells)} cells, but the header has {reader.width}"
        else:
            try:
                count_row(reader, aggregator, cells)
                problem = None
            except ValueError as error:
                problem = str(error)
        if problem is not None and bad(line, problem):
            return stopped(line)
        if on_rows is not None and pending >= _PROGRESS_ROWS:
            on_rows(pending)
            pending = 0
    if on_rows is not None and pending:
        on_rows(pending)
    statistics = aggregator.result()
    return BuildOutcome(
        statistics, count, aggregator.counted, aggregator.outside_year, invalid, kept, None
    )
