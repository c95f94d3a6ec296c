"""Build the Art 18 annual statistics from a CMS export, or check a statistics document.

``stats build EXPORT.jsonl --year YYYY --state XX`` reads a JSON Lines export (one exchange
record per line, ``-`` for standard input) in one pass and constant memory and writes the
statistics document. A malformed line stops the build at once with its line number (exit 2,
nothing written); with ``--skip-invalid`` every bad line is listed on standard error, the rest
is counted, and the exit code is 1 so a script notices. A progress bar is shown on a terminal.

``stats check REPORT`` validates a statistics document against its schema and checks that its
figures add up and its dates follow Art 18(1); exit 1 if it does not.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import IO

HELP = "build or check the Art 18 annual statistics"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="stats_command", metavar="ACTION")
    actions.required = True
    build = actions.add_parser(
        "build",
        help="aggregate a JSON Lines CMS export into the annual statistics",
        description="Aggregate a JSON Lines CMS export into the Art 18 annual statistics.",
    )
    build.add_argument("export", metavar="EXPORT", help="JSON Lines file, or - for stdin")
    build.add_argument("--year", type=int, required=True, help="calendar year to report")
    build.add_argument("--state", required=True, help="reporting state (ISO 3166-1 alpha-2)")
    build.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    build.add_argument(
        "--skip-invalid",
        action="store_true",
        help="skip malformed lines (each is listed; exit code 1) instead of stopping",
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
        type=int,
        default=None,
        metavar="N",
        help="with --skip-invalid, list only the first N bad lines (all are counted; "
        "default: list every one)",
    )
    check = actions.add_parser(
        "check",
        help="validate a statistics document and check that its figures add up",
        description="Validate a statistics document and check it against Art 18.",
    )
    check.add_argument("report", metavar="REPORT", help="statistics document (JSON or YAML)")
    check.add_argument("--as-of", metavar="DATE", help="evaluation date (default: today)")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output (default: text)"
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _fail(message: str) -> int:
    from spocschema.cli import EXIT_ERROR

    print(f"spocschema stats: {message}", file=sys.stderr)
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


def _open(path: str) -> tuple[IO[bytes], int | None]:
    if path == "-":
        return sys.stdin.buffer, None
    from pathlib import Path

    file = Path(path)
    return file.open("rb"), file.stat().st_size


def _build(args: argparse.Namespace) -> int:
    from contextlib import nullcontext
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from pydantic import TypeAdapter, ValidationError

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.statistics import LineError, StatisticsAggregator, records_from
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

    try:
        stream, size = _open(args.export)
    except OSError as error:
        return _fail(f"cannot read {args.export}: {error.strerror or error}")
    label = "<stdin>" if args.export == "-" else args.export
    progress = _Progress(size)
    aggregator = StatisticsAggregator(state, year, zone, args.time_zone)
    listed = 0

    def report(error: LineError) -> None:  # streamed: memory stays flat however many
        nonlocal listed
        if args.max_errors is None or listed < args.max_errors:
            listed += 1
            progress.clear()
            print(error.format(label), file=sys.stderr)

    try:
        with stream if args.export != "-" else nullcontext(stream):
            outcome = records_from(
                stream,
                aggregator,
                skip_invalid=args.skip_invalid,
                on_lines=progress.step,
                on_error=report,
            )
    except OSError as error:
        return _fail(f"cannot read {label}: {error.strerror or error}")
    finally:
        progress.clear()

    if outcome.stopped_at is not None:
        print(
            f"spocschema stats: stopped at line {outcome.stopped_at} of {label}; nothing written "
            "(use --skip-invalid to skip and count bad lines)",
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

        try:
            write_file(args.output, text, inputs=[] if args.export == "-" else [args.export])
        except OutputError as error:
            return _fail(str(error))
    else:
        sys.stdout.write(text)
    skipped = outcome.invalid
    hidden = skipped - listed
    print(
        f"{label}: {_count(outcome.lines_read, 'line')}, "
        f"{_count(outcome.counted, 'record')} counted for {year}, "
        f"{outcome.outside_year:,} outside the year, "
        f"{_count(skipped, 'invalid line')} skipped"
        + (f" ({hidden:,} not listed)" if hidden else ""),
        file=sys.stderr,
    )
    return EXIT_FINDINGS if skipped else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

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
    from spocschema.cli.inputs import problem_with
    from spocschema.display import printable

    path = Path(args.report)
    problem = problem_with(args.report)
    if problem is not None:
        return _fail(f"{printable(args.report)}: {problem}")
    try:
        stats = load(path, AnnualStatistics, name=args.report)
    except DocumentError as error:
        for line in error.lines():
            print(f"spocschema stats: {printable(line)}", file=sys.stderr)
        structural = all(p.kind == "structure" for p in error.problems)
        return EXIT_FINDINGS if structural else EXIT_ERROR
    report = check_statistics(stats, as_of=as_of, document=args.report)
    if args.format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        for finding in report.findings:
            at = f" (at {finding.pointer})" if finding.pointer else ""
            basis = "" if finding.test_basis in (None, "text") else f" ({finding.test_basis} note)"
            print(
                printable(
                    f"{args.report}: {finding.severity.value}: {finding.rule_id} "
                    f"[{finding.provision}]{basis} {finding.message}{at}"
                )
            )
        if not report.summary.passed:
            verdict = "not consistent"
        else:  # notes on figures that do not fit are no breach, but neither are they silence
            verdict = "passed, with notes" if report.findings else "consistent"
        print(
            f"{printable(args.report)}: {verdict} ({report.summary.errors} errors, "
            f"{report.summary.warnings} warnings)"
        )
    return EXIT_OK if report.summary.passed else EXIT_FINDINGS


def run(args: argparse.Namespace) -> int:
    if args.stats_command == "build":
        return _build(args)
    return _check(args)
