"""Show a SPOC profile's progress over its revisions: provisions met, changes, notifications.

With one FILE inside a git repository, its committed revisions are read with git itself
(``git log --follow`` across renames, ``git show REV:PATH``); uncommitted edits are not part of
the history. With several FILEs (or --no-git), those are the revisions, in the order given.
Each revision is checked as of its date (its revision_date, else its commit date);
consecutive revisions are compared as ``spocschema diff`` does, naming the notifications each
change owes. A revision that does not load is shown in the timeline with its problems.

Outputs: text (default) or --format json (a profile-history document, schema
``spocschema schema profile-history``) on standard output or --output FILE; --html FILE writes
a self-contained page with a timeline chart and a table of what changed when.

Exit codes: 0 the latest revision loads and no change left a notification unrecorded; 1 the
latest revision does not load, or a notification owed by a change was not recorded in the
revision making it; 2 usage error, git missing, not a repository, a shallow clone, a file with
no committed revision, or a revision file that does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "a profile's progress over its revisions (git history or files)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", type=Path, nargs="+", metavar="FILE", help="profile in git, or revision files"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write it here")
    parser.add_argument("--html", type=Path, metavar="FILE", help="write the page with charts")
    parser.add_argument(
        "--no-git",
        action="store_true",
        help="take the FILEs as the revisions even when only one is given",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="lowest severity that fails a revision's check (default: error)",
    )


def _fail(message: str) -> int:
    from spocschema.cli import EXIT_ERROR

    print(f"spocschema history: {message}", file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    from spocschema.cli import EXIT_FINDINGS, EXIT_OK
    from spocschema.history import HistoryError, format_text, history_of

    if len(args.files) > 1 or args.no_git:
        for path in args.files:
            if not path.is_file():
                return _fail(f"{path}: no such file")
    elif args.files[0].is_dir():
        return _fail(f"{args.files[0]}: a folder, not a profile")
    try:
        history = history_of(
            args.files, from_git=False if args.no_git else None, fail_on=args.fail_on
        )
    except HistoryError as error:
        return _fail(str(error))
    text = history.to_json() + "\n" if args.format == "json" else format_text(history) + "\n"
    try:
        if args.html:
            from spocschema.charts import render_history

            with args.html.open("w", encoding="utf-8") as stream:
                stream.write(render_history(history))
        if args.output:
            with args.output.open("w", encoding="utf-8") as stream:
                stream.write(text)
        else:
            sys.stdout.write(text)
    except OSError as error:
        return _fail(f"cannot write {error.filename}: {error.strerror}")
    failing = not history.summary.latest_loaded or history.summary.notifications_due
    return EXIT_FINDINGS if failing else EXIT_OK
