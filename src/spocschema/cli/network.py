"""Check a folder of SPOC profiles one by one and against each other.

Every JSON or YAML file under DIR is read as a profile; a file that is not one is reported and
left out, never fatal. Each profile is checked like ``check`` does, then the set is checked as a
whole: one SPOC per state (Art 14(1)), unique SPOC and designated authority identifiers,
the working languages each pair of states shares (English must link every pair of bound
states, Art 11(1)), readiness for SIENA (Art 13, binding from 12 June 2027), and the states of
the network without a profile (27 EU Member States, 4 Schengen associated states, 6 Western
Balkans partners; narrow it with --expect).

Outputs: text (default) or --format json (a network-report document) on standard output;
--html FILE writes a self-contained page; --export-json FILE and --export-csv FILE write the
network directory (one entry per SPOC).

Exit codes: 0 the network passes; 1 a profile fails its check, a cross-check finds something
at or above --fail-on, or a file is not a valid profile; 2 usage error, DIR is not a folder or
holds no JSON or YAML file, or a file cannot be read or parsed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "check a folder of profiles one by one and against each other"

_GROUPS = ("eu_member_states", "schengen_associated", "western_balkans")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR", help="folder of profiles")
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
        "--expect",
        action="append",
        choices=_GROUPS,
        metavar="GROUP",
        help=f"group of states the set should cover, repeatable ({', '.join(_GROUPS)}; "
        "default: all three)",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the output to FILE instead of stdout"
    )
    parser.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report to FILE")
    parser.add_argument(
        "--export-json", type=Path, metavar="FILE", help="write the network directory as JSON"
    )
    parser.add_argument(
        "--export-csv", type=Path, metavar="FILE", help="write the network directory as CSV"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print findings only")


def _text(report: object, quiet: bool) -> str:
    from spocschema.network.models import NetworkReport

    assert isinstance(report, NetworkReport)
    from spocschema.cli.wording import plural

    lines = []
    if not quiet:
        for member in report.members:
            summary = member.report.summary
            lines.append(
                f"{member.country}  {member.file}: {'passed' if summary.passed else 'FAILED'} "
                f"({plural(summary.errors, 'error')}, {plural(summary.warnings, 'warning')}); "
                f"languages {' '.join(member.working_languages) or '-'}; "
                f"SIENA {member.siena_readiness.value.replace('_', ' ')}"
            )
    for bad in report.unreadable:
        for problem in bad.problems:
            where = ":".join(str(p) for p in (bad.file, problem.line, problem.column) if p)
            at = f" (at {problem.pointer})" if problem.pointer else ""
            lines.append(f"{where}: {problem.message}{at}")
    for finding in report.cross_checks:
        lines.append(
            f"{finding.severity.value} [{finding.check.value}] {finding.message} "
            f"({'; '.join(ref.citation for ref in finding.legal_basis)})"
        )
    if not quiet:
        for group in report.coverage:
            lines.append(
                f"{group.group.meaning}: {len(group.present)} of {len(group.expected)} present"
                + (f"; missing {', '.join(group.missing)}" if group.missing else "")
            )
        s = report.summary
        incomplete = sum(
            1
            for member in report.members
            if member.report.summary.verdict is not None
            and member.report.summary.verdict.value == "incomplete"
        )
        verdict = ("incomplete" if incomplete else "passed") if s.passed else "FAILED"
        lines.append(
            f"network: {verdict}; {plural(s.profiles, 'profile')}, "
            f"{s.unreadable} unreadable, {s.profiles_passed - incomplete} passed their check, "
            f"{incomplete} incomplete, "
            f"{plural(s.missing_states, 'state')} missing, {s.siena_ready} ready for SIENA; "
            f"cross-checks: {plural(s.cross_check_errors, 'error')}, "
            f"{plural(s.cross_check_warnings, 'warning')}, {plural(s.cross_check_infos, 'info')}"
        )
    from spocschema.display import printable

    return "\n".join(printable(line) for line in lines)


def run(args: argparse.Namespace) -> int:
    from spocschema.cli.options import write_output

    return write_output(args, lambda: _run(args), "spocschema network")


def _run(args: argparse.Namespace) -> int:
    from datetime import date

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.cli.inputs import problem_with, unlistable
    from spocschema.cli.output import OutputError, refuse_input, write_file
    from spocschema.display import printable
    from spocschema.network import build_directory, check_network, directory_csv, profile_files
    from spocschema.network.models import NetworkGroup
    from spocschema.report import Severity

    def fail(message: str) -> int:
        print(f"spocschema network: {message}", file=sys.stderr)
        return EXIT_ERROR

    directory = Path(args.directory)
    problem = problem_with(directory) if args.directory else "empty name (use . for this folder)"
    if problem == "is a directory, not a document":
        listing = unlistable(directory)
        if listing is not None:
            return fail(f"{printable(args.directory)}: {listing}")
    else:
        return fail(f"{printable(args.directory)}: not a folder ({problem or 'a file'})")
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        return fail(f"--as-of {printable(args.as_of)!r} is not YYYY-MM-DD")
    files = profile_files(directory)
    if not files and not _unlistable_inside(directory):
        return fail(f"{printable(args.directory)}: no JSON or YAML files found")
    exports = [(args.html, "html"), (args.export_json, "json"), (args.export_csv, "csv")]
    try:
        for destination, _ in exports:
            refuse_input(destination, files)
    except OutputError as error:
        return fail(str(error))
    expected = [NetworkGroup(g) for g in dict.fromkeys(args.expect or _GROUPS)]
    report = check_network(
        directory, as_of=as_of, expected=expected, fail_level=Severity(args.fail_on)
    )
    try:
        if args.html:
            from spocschema.html import render_network

            write_file(args.html, render_network(report))
        if args.export_json or args.export_csv:
            network_directory = build_directory(report)
            if args.export_json:
                write_file(args.export_json, network_directory.to_json() + "\n")
            if args.export_csv:
                write_file(args.export_csv, directory_csv(network_directory))
    except OutputError as error:
        return fail(str(error))
    if args.format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        text = _text(report, args.quiet)
        if text:
            print(text)
    unparsable = any(p.kind != "structure" for bad in report.unreadable for p in bad.problems)
    if unparsable:
        return EXIT_ERROR
    return EXIT_OK if report.summary.passed else EXIT_FINDINGS


def _unlistable_inside(directory: Path) -> bool:
    """Whether some folder under ``directory`` could not be listed (then its files are unknown
    and the run goes on, reporting that folder, instead of saying there are none)."""
    from spocschema.network.build import walk_profiles

    return bool(walk_profiles(directory)[1])
