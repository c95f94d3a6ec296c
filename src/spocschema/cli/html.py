"""Write a self-contained HTML report: one profile, or a whole folder of them.

For a profile FILE: each provision with its status, legal basis and findings. For a folder:
the network page (see ``spocschema network --html``). The page loads nothing from the network,
filters by severity, state and article, and prints on A4 landscape.

Exit codes: 0 the check passes; 1 it finds something at or above --fail-on (or the profile is
not valid); 2 usage error or a file that cannot be read or parsed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spocschema.waivers import LoadedWaiver

HELP = "write a self-contained HTML report for a profile or a folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help="a profile file or a folder")
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    parser.add_argument(
        "--as-of", metavar="DATE", help="evaluation date YYYY-MM-DD (default today)"
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="lowest severity that fails (default: error)",
    )
    parser.add_argument(
        "--waivers",
        metavar="FILE",
        action="append",
        help="waiver file of accepted findings, shown as waived (repeatable; profiles only)",
    )


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.errors import DocumentError
    from spocschema.report import Severity

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        print(f"spocschema html: --as-of {args.as_of!r} is not YYYY-MM-DD", file=sys.stderr)
        return EXIT_ERROR
    fail_level = Severity(args.fail_on)
    if args.path.is_dir() and args.waivers:
        print("spocschema html: --waivers applies to a profile, not a folder", file=sys.stderr)
        return EXIT_ERROR
    if args.path.is_dir():
        from spocschema.html import render_network
        from spocschema.network import check_network

        network = check_network(args.path, as_of=as_of, fail_level=fail_level)
        page, passed = render_network(network), network.summary.passed
    elif args.path.is_file():
        from spocschema.checker import check
        from spocschema.html import render_report

        try:
            waivers = _waivers(args.waivers)
        except DocumentError as error:  # the waiver file, not the profile: exit 2
            for line in error.lines():
                print(f"spocschema html: waivers: {line}", file=sys.stderr)
            return EXIT_ERROR
        try:
            report = check(
                args.path, as_of=as_of, fail_on=fail_level, name=str(args.path), waivers=waivers
            )
        except DocumentError as error:
            for line in error.lines():
                print(line, file=sys.stderr)
            structural = all(p.kind == "structure" for p in error.problems)
            return EXIT_FINDINGS if structural else EXIT_ERROR
        page, passed = render_report(report), report.summary.passed
    else:
        print(f"spocschema html: {args.path}: no such file or folder", file=sys.stderr)
        return EXIT_ERROR
    if args.output is None:
        sys.stdout.write(page)
    else:
        try:
            args.output.write_text(page, encoding="utf-8")
        except OSError as error:
            print(f"spocschema html: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return EXIT_ERROR
    return EXIT_OK if passed else EXIT_FINDINGS


def _waivers(files: list[str] | None) -> list[LoadedWaiver] | None:
    """Every waiver file, merged; ``DocumentError`` for one invalid or that can never match."""
    if not files:
        return None
    from spocschema.checker import prepare_waivers
    from spocschema.rules import all_rules
    from spocschema.rules.packs import apply_packs, resolve_packs

    packs = resolve_packs(True)
    rules = apply_packs(all_rules(), packs) if packs else list(all_rules())
    return [waiver for name in files for waiver in prepare_waivers(Path(name), rules)]
