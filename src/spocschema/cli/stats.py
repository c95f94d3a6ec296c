"""Build the Art 18 annual statistics from a CMS export, or check a statistics document.

``stats build EXPORT.jsonl --year YYYY --state XX`` reads a JSON Lines export (one exchange
record per line, ``-`` for standard input; a FIFO or device operand is refused rather than
waited on) in one pass and writes the statistics document. A key written twice, NaN, a reply
before the request and a repeated ``exchange_id`` are bad lines, never counted. A bad line
stops the build at once with its line number (exit 2, nothing written); with
``--skip-invalid`` every bad line is listed on standard error, the rest is counted, and the
exit code is 1 so a script notices. A progress bar is shown on a terminal. A CSV or Excel
export is read the same way through a column mapping (``--mapping``); ``stats mapping --init
EXPORT`` writes a first one from the export's header.

``stats check REPORT`` validates a statistics document against its schema and checks that its
figures add up and its dates follow Art 18(1); exit 1 if it does not.

``stats compile DIR`` compiles every statistics document under DIR (any states, any years) into
the network statistics (Art 18(3)); see ``spocschema stats compile --help``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from spocschema.models.column_mapping import ColumnMapping
    from spocschema.statistics import BuildOutcome, LineError, StatisticsAggregator

HELP = "build, check or compile the Art 18 annual statistics"

BUILD_DESCRIPTION = (
    "Aggregate a CMS export into the Art 18 annual statistics, in one pass: JSON Lines, or a "
    "CSV or Excel (.xlsx, with the xlsx extra) table read through a column mapping "
    "(--mapping; write a first one with `spocschema stats mapping --init EXPORT`). The format "
    "follows the extension (.csv/.tsv, .xlsx, anything else JSON Lines) unless --input-format "
    "says. Each record is read with the rules of every document: a key written twice, NaN or "
    "Infinity, or replied_at before received_at (sent_at for outgoing requests) make it "
    "invalid. Each exchange_id is counted once: a later record repeating an identifier is "
    "invalid and not counted, whether or not its content matches the first. EXPORT must be a "
    "regular file or - (a FIFO, device or folder is refused: pipe a stream into -)."
)

#: Export formats and the file extensions that choose them.
INPUT_FORMATS = ("jsonl", "csv", "xlsx")
_BY_SUFFIX = {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="stats_command", metavar="ACTION")
    actions.required = True
    build = actions.add_parser(
        "build",
        help="aggregate a CMS export (JSON Lines, CSV, Excel) into the annual statistics",
        description=BUILD_DESCRIPTION,
    )
    build.add_argument(
        "export",
        metavar="EXPORT",
        help="regular file (a FIFO or device is refused), or - for stdin",
    )
    build.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        help="format of EXPORT (default: by extension; JSON Lines for - and other names)",
    )
    build.add_argument(
        "--mapping",
        metavar="FILE",
        help="column mapping (YAML or JSON) for a CSV or Excel export; see `stats mapping`",
    )
    build.add_argument("--year", type=int, required=True, help="calendar year to report")
    build.add_argument("--state", required=True, help="reporting state (ISO 3166-1 alpha-2)")
    build.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    build.add_argument(
        "--skip-invalid",
        action="store_true",
        help="skip bad lines or rows (each is listed; exit code 1) instead of stopping",
    )
    build.add_argument(
        "--time-zone",
        default="UTC",
        metavar="ZONE",
        help="IANA time zone whose calendar assigns requests to a year (default: UTC)",
    )
    build.add_argument(
        "--submitted-on", metavar="DATE", help="record the date the statistics were sent"
    )
    build.add_argument(
        "--max-errors",
        type=_non_negative,
        default=None,
        metavar="N",
        help="with --skip-invalid, list only the first N bad lines (all are counted; "
        "default: list every one)",
    )
    from spocschema.cli import stats_mapping

    stats_mapping.add_parser(actions)
    check = actions.add_parser(
        "check",
        help="validate a statistics document and check that its figures add up",
        description="Validate a statistics document and check it against Art 18.",
    )
    from spocschema.cli.options import add_format_argument, add_output_argument

    check.add_argument(
        "report", metavar="REPORT", help="statistics document (JSON or YAML), or - for stdin"
    )
    check.add_argument("--as-of", metavar="DATE", help="evaluation date (default: today)")
    add_format_argument(check)
    add_output_argument(check)
    from spocschema.cli.stats_compile import add_compile_arguments

    add_compile_arguments(actions)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _fail(message: str) -> int:
    from spocschema.cli import EXIT_ERROR
    from spocschema.display import printable

    print(f"spocschema stats: {printable(message)}", file=sys.stderr)
    return EXIT_ERROR


class _Progress:
    """A one-line progress display on standard error; silent unless it is a terminal."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.done = 0
        self.lines = 0
        self.enabled = sys.stderr.isatty()
        self.shown = 0.0

    def step(self, lines: int, size: int) -> None:
        self.done += size
        self.lines += lines
        if self.enabled:
            now = time.monotonic()
            if now - self.shown >= 0.2:
                self.shown = now
                self._draw()

    def _draw(self) -> None:
        if self.total:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            text = f"[{bar:<30}] {share:4.0%} {self.lines:,} lines"
        else:
            text = f"{self.lines:,} lines"
        sys.stderr.write(f"\r{text}")
        sys.stderr.flush()

    def clear(self) -> None:
        """Erase the bar (before a message, and at the end); it is redrawn on the next step."""
        if self.enabled and self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _build(args: argparse.Namespace) -> int:
    from contextlib import nullcontext
    from pathlib import Path
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from pydantic import TypeAdapter, ValidationError

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.cli.exports import NotAFile, open_export
    from spocschema.display import printable
    from spocschema.statistics import StatisticsAggregator, records_from
    from spocschema.table_export import MappingError
    from spocschema.types import CountryCode, IsoDate, Year

    try:
        state = TypeAdapter(CountryCode).validate_python(args.state)
        year = TypeAdapter(Year).validate_python(args.year)
        submitted = (
            None
            if args.submitted_on is None
            else TypeAdapter(IsoDate).validate_python(args.submitted_on)
        )
    except ValidationError as error:
        return _fail(error.errors()[0]["msg"])
    try:
        zone = ZoneInfo(args.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return _fail(f"unknown time zone {args.time_zone!r} (use an IANA name such as UTC)")

    kind = args.input_format or _BY_SUFFIX.get(Path(args.export).suffix.lower(), "jsonl")
    if args.export == "-" and args.input_format is None:
        kind = "jsonl"
    if kind == "jsonl" and args.mapping is not None:
        return _fail("--mapping reads CSV and Excel exports; a JSON Lines export needs none")
    if kind != "jsonl" and args.mapping is None:
        return _fail(
            f"a {kind.upper()} export needs --mapping FILE saying which column is which field; "
            f"write a first one with `spocschema stats mapping --init {args.export}`"
        )
    if kind == "xlsx" and args.export == "-":
        return _fail("an Excel workbook cannot be read from standard input; name the file")
    mapping = None
    if args.mapping is not None:
        from spocschema.errors import DocumentError
        from spocschema.models.column_mapping import ColumnMapping
        from spocschema.validation import load

        if not Path(args.mapping).is_file():
            return _fail(f"{args.mapping}: no such file")
        try:
            mapping = load(Path(args.mapping), ColumnMapping, name=args.mapping)
        except DocumentError as error:
            for line in error.lines():
                print(printable(line), file=sys.stderr)
            return EXIT_ERROR

    try:
        stream, size = open_export(args.export)
    except NotAFile as error:
        return _fail(f"{args.export}: {error}")
    except OSError as error:
        return _fail(f"cannot read {args.export}: {error.strerror or error}")
    label = "<stdin>" if args.export == "-" else args.export
    progress = _Progress(None if kind == "xlsx" else size)
    aggregator = StatisticsAggregator(state, year, zone, args.time_zone)
    listed = 0

    def report(error: LineError) -> None:  # streamed: memory stays flat however many
        nonlocal listed
        if args.max_errors is None or listed < args.max_errors:
            listed += 1
            progress.clear()
            print(printable(error.format(label)), file=sys.stderr)

    try:
        with stream if args.export != "-" else nullcontext(stream):
            if mapping is None:
                outcome = records_from(
                    stream,
                    aggregator,
                    skip_invalid=args.skip_invalid,
                    on_lines=progress.step,
                    on_error=report,
                )
            else:
                outcome = _build_table(
                    args, kind, stream, mapping, aggregator, progress, report, label
                )
    except OSError as error:
        return _fail(f"cannot read {label}: {error.strerror or error}")
    except MappingError as error:
        return _fail(f"{label}: {error}")
    finally:
        progress.clear()

    unit = "line" if mapping is None else "row"
    if outcome.stopped_at is not None:
        print(
            f"spocschema stats: stopped at {unit} {outcome.stopped_at} of {label}; nothing "
            f"written (use --skip-invalid to skip and count bad {unit}s)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    assert outcome.statistics is not None
    statistics = outcome.statistics
    if submitted is not None:
        statistics = statistics.model_copy(update={"submitted_on": submitted})
    text = statistics.to_json() + "\n"
    if args.output:
        from spocschema.cli.output import OutputError, write_file

        inputs = [] if args.export == "-" else [args.export]
        if args.mapping is not None:
            inputs.append(args.mapping)
        try:
            write_file(args.output, text, inputs=inputs)
        except OutputError as error:
            return _fail(str(error))
    else:
        sys.stdout.write(text)
    skipped = outcome.invalid
    hidden = skipped - listed
    print(
        f"{label}: {_count(outcome.lines_read, unit)}, "
        f"{_count(outcome.counted, 'record')} counted for {year}, "
        f"{outcome.outside_year:,} outside the year, "
        f"{_count(skipped, 'invalid ' + unit)} skipped"
        + (f" ({hidden:,} not listed)" if hidden else ""),
        file=sys.stderr,
    )
    return EXIT_FINDINGS if skipped else EXIT_OK


def _build_table(
    args: argparse.Namespace,
    kind: str,
    stream: IO[bytes],
    mapping: ColumnMapping,
    aggregator: StatisticsAggregator,
    progress: _Progress,
    report: Callable[[LineError], None],
    label: str,
) -> BuildOutcome:
    """Read a CSV or Excel export through its mapping (see :mod:`spocschema.table_export`)."""
    from pathlib import Path

    from spocschema.display import printable
    from spocschema.table_export import RowReader, csv_rows, records_from_table, xlsx_rows

    suffix = Path(args.export).suffix.lower()
    if kind == "xlsx":
        rows = xlsx_rows(Path(args.export), mapping)
    else:
        rows = csv_rows(stream, mapping, default_delimiter="\t" if suffix == ".tsv" else ",")
    position = 0

    def step(count: int) -> None:
        nonlocal position
        try:
            now = stream.tell() if kind == "csv" else position
        except (OSError, ValueError):
            now = position  # a pipe: the bar counts rows only
        progress.step(count, now - position)
        position = now

    def note(reader: RowReader) -> None:
        if reader.unmapped:
            names = ", ".join(repr(name) for name in reader.unmapped[:20])
            more = len(reader.unmapped) - 20
            print(
                printable(
                    f"spocschema stats: {label}: columns neither mapped nor in ignored_columns: "
                    f"{names}{f' and {more} more' if more > 0 else ''}"
                ),
                file=sys.stderr,
            )

    return records_from_table(
        rows,
        mapping,
        aggregator,
        skip_invalid=args.skip_invalid,
        on_rows=step,
        on_error=report,
        on_header=note,
    )


def _check(args: argparse.Namespace) -> int:

    from pydantic import TypeAdapter, ValidationError

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.errors import DocumentError
    from spocschema.models.statistics import AnnualStatistics
    from spocschema.statistics_check import check_statistics
    from spocschema.types import IsoDate
    from spocschema.validation import load

    try:
        as_of = None if args.as_of is None else TypeAdapter(IsoDate).validate_python(args.as_of)
    except ValidationError as error:
        return _fail(f"--as-of: {error.errors()[0]['msg']}")
    from spocschema.cli.inputs import problem_with, reword_empty_pipe
    from spocschema.cli.options import STDIN, read_operand
    from spocschema.display import printable

    problem = None if args.report == STDIN else problem_with(args.report)
    if problem is not None:
        return _fail(f"{printable(args.report)}: {problem}")
    source = read_operand(args.report)
    label = "<stdin>" if args.report == STDIN else args.report
    try:
        stats = load(source, AnnualStatistics, name=label)
    except DocumentError as error:
        from pathlib import Path

        pipe = None if args.report == STDIN else Path(args.report)
        for line in reword_empty_pipe(pipe, error).lines():
            print(f"spocschema stats: {printable(line)}", file=sys.stderr)
        structural = all(p.kind == "structure" for p in error.problems)
        return EXIT_FINDINGS if structural else EXIT_ERROR
    report = check_statistics(stats, as_of=as_of, document=label)
    if args.format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        for finding in report.findings:
            at = f" (at {finding.pointer})" if finding.pointer else ""
            basis = "" if finding.test_basis in (None, "text") else f" ({finding.test_basis} note)"
            print(
                printable(
                    f"{label}: {finding.severity.value}: {finding.rule_id} "
                    f"[{finding.provision}]{basis} {finding.message}{at}"
                )
            )
        if not report.summary.passed:
            verdict = "not consistent"
        else:  # notes on figures that do not fit are no breach, but neither are they silence
            verdict = "passed, with notes" if report.findings else "consistent"
        from spocschema.cli.wording import plural

        errors, warnings = report.summary.errors, report.summary.warnings
        print(
            f"{printable(label)}: {verdict} "
            f"({plural(errors, 'error')}, {plural(warnings, 'warning')})"
        )
    return EXIT_OK if report.summary.passed else EXIT_FINDINGS


def run(args: argparse.Namespace) -> int:
    if args.stats_command == "build":
        return _build(args)
    if args.stats_command == "mapping":
        from spocschema.cli import stats_mapping

        return stats_mapping.run(args)
    if args.stats_command == "compile":
        from spocschema.cli.stats_compile import run_compile

        return run_compile(args)
    from spocschema.cli.options import write_output

    return write_output(args, lambda: _check(args), "spocschema stats check")
