"""``stats compile DIR``: many states' Art 18 statistics compiled into the network's view.

Every JSON or YAML file under DIR is read as an annual statistics document and checked as
``stats check`` does. A file that is not one, or a second document for a state and year, is
reported and left out, never fatal; the output lists what was left out. The result is a
network-statistics document (schema: ``spocschema schema network-statistics``): per state and
year the Art 18(2) figures, network totals, who asks whom, refusal grounds, Art 5(2) cases,
year-on-year change, expected states without statistics (groups as ``network --expect``), and
questions where a state's requests submitted and the requests others received from it differ.

Outputs: text (default), --format json or csv on standard output (or --output FILE);
--html FILE writes a self-contained page with charts (of --year, default the latest);
--json FILE and --csv FILE write the document and the tidy CSV as well.

Exit codes: 0 every document was used and passed its check; 1 a document failed its own check
or was left out as a duplicate; 2 usage error, DIR is not a folder or holds no JSON or YAML
file, no file is a usable statistics document, or a file could not be read, parsed or is not
a statistics document (the outputs are still written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

_GROUPS = ("eu_member_states", "schengen_associated", "western_balkans")
_PREFIX = "spocschema stats compile"


def add_compile_arguments(actions: Any) -> None:
    parser = actions.add_parser(
        "compile",
        help="compile many states' statistics into the network statistics (Art 18(3))",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", type=Path, metavar="DIR", help="folder of statistics")
    parser.add_argument(
        "--as-of", metavar="DATE", help="evaluation date YYYY-MM-DD (default today)"
    )
    parser.add_argument(
        "--expect",
        action="append",
        choices=_GROUPS,
        metavar="GROUP",
        help=f"group of states expected to report, repeatable ({', '.join(_GROUPS)}; "
        "default: all three)",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=None,
        metavar="SHARE",
        help="relative difference that raises no sent-versus-received question (default 0.05: 5%%)",
    )
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output (default: text)"
    )
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write it here")
    parser.add_argument("--html", type=Path, metavar="FILE", help="write the page with charts")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the JSON document")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="also write the tidy CSV")
    parser.add_argument("--year", type=int, metavar="YYYY", help="year the page's charts show")
    parser.add_argument("--quiet", "-q", action="store_true", help="text: problems only")


def _fail(message: str) -> int:
    from spocschema.cli import EXIT_ERROR

    print(f"{_PREFIX}: {message}", file=sys.stderr)
    return EXIT_ERROR


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)


def run_compile(args: argparse.Namespace) -> int:
    from datetime import date

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.network.models import NetworkGroup
    from spocschema.statistics_network import (
        DEFAULT_TOLERANCE,
        NoStatisticsError,
        compile_statistics,
        format_text,
        statistics_csv,
    )
    from spocschema.statistics_network.models import LeftOutReason

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        return _fail(f"--as-of {args.as_of!r} is not YYYY-MM-DD")
    tolerance = DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance
    if not 0 <= tolerance < 1:
        return _fail(f"--tolerance {tolerance} must be at least 0 and below 1")
    expected = [NetworkGroup(g) for g in dict.fromkeys(args.expect or _GROUPS)]
    try:
        statistics = compile_statistics(
            args.directory, as_of=as_of, expected=expected, tolerance=tolerance
        )
    except NoStatisticsError as error:
        return _fail(str(error))
    if not statistics.documents:
        print(format_text(statistics, quiet=True), file=sys.stderr)
        return _fail(f"{args.directory}: no file is a usable statistics document")
    html = None
    if args.html:
        from spocschema.charts import render_network_statistics

        try:
            html = render_network_statistics(statistics, year=args.year)
        except ValueError as error:
            return _fail(f"--year: {error}")
    rendered = {
        "json": lambda: statistics.to_json() + "\n",
        "csv": lambda: statistics_csv(statistics),
        "text": lambda: "".join(
            f"{line}\n" for line in [format_text(statistics, quiet=args.quiet)] if line
        ),
    }
    try:
        if html is not None:
            _write(args.html, html)
        if args.json:
            _write(args.json, rendered["json"]())
        if args.csv:
            _write(args.csv, rendered["csv"]())
        main = rendered[args.format]()
        if args.output:
            _write(args.output, main)
        else:
            sys.stdout.write(main)
    except OSError as error:
        return _fail(f"cannot write {error.filename}: {error.strerror}")
    if args.format != "text" or args.output:
        # the document says what was left out; a person running the command is told too
        problems = format_text(statistics, quiet=True)
        if problems:
            print(problems, file=sys.stderr)
    reasons = {bad.reason for bad in statistics.left_out}
    if reasons & {LeftOutReason.UNREADABLE, LeftOutReason.NOT_STATISTICS}:
        return EXIT_ERROR
    if LeftOutReason.DUPLICATE in reasons or statistics.summary.documents_failed:
        return EXIT_FINDINGS
    return EXIT_OK
