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
    parser.add_argument("path", metavar="PATH", help="a profile file or a folder")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: stdout)")
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
    from spocschema.cli.inputs import problem_with, unlistable
    from spocschema.cli.output import OutputError, refuse_input, write
    from spocschema.display import printable
    from spocschema.errors import DocumentError
    from spocschema.report import Severity

    def fail(message: str) -> int:
        print(f"spocschema html: {message}", file=sys.stderr)
        return EXIT_ERROR

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        return fail(f"--as-of {printable(args.as_of)!r} is not YYYY-MM-DD")
    fail_level = Severity(args.fail_on)
    path = Path(args.path)
    name = printable(args.path)
    problem = problem_with(path) if args.path else "empty file name (use . for this folder)"
    if problem == "is a directory, not a document":
        problem = unlistable(path) or problem
    if problem == "is a directory, not a document" and args.waivers:
        return fail("--waivers applies to a profile, not a folder")
    if problem == "is a directory, not a document":
        from spocschema.html import render_network
        from spocschema.network import check_network
        from spocschema.network.build import walk_profiles

        inputs, blocked = walk_profiles(path)
        if not inputs and not blocked:
            return fail(f"{name}: folder holds no JSON or YAML files")
        try:
            refuse_input(args.output, inputs)
        except OutputError as error:
            return fail(str(error))
        network = check_network(path, as_of=as_of, fail_level=fail_level)
        for bad in network.unreadable:
            for bad_problem in bad.problems:
                print(f"spocschema html: {printable(bad.file)}: {printable(bad_problem.message)}",
                      file=sys.stderr)  # fmt: skip
        page, passed = render_network(network), network.summary.passed
        unparsable = any(p.kind != "structure" for bad in network.unreadable for p in bad.problems)
    elif problem is None:
        from spocschema.checker import check
        from spocschema.html import render_report

        try:
            waivers = _waivers(args.waivers)
        except DocumentError as error:  # the waiver file, not the profile: exit 2
            for line in error.lines():
                print(f"spocschema html: waivers: {printable(line)}", file=sys.stderr)
            return EXIT_ERROR
        try:
            refuse_input(args.output, [path])
            report = check(path, as_of=as_of, fail_on=fail_level, name=args.path, waivers=waivers)
        except OutputError as error:
            return fail(str(error))
        except DocumentError as error:
            for line in error.lines():
                print(f"spocschema html: {printable(line)}", file=sys.stderr)
            structural = all(p.kind == "structure" for p in error.problems)
            return EXIT_FINDINGS if structural else EXIT_ERROR
        page, passed, unparsable = render_report(report), report.summary.passed, False
    else:
        return fail(f"{name}: {problem}")
    try:
        write(args.output, page)
    except OutputError as error:
        return fail(str(error))
    if unparsable:
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
