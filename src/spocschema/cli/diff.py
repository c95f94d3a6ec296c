"""Show what changed between two revisions of a SPOC profile and the notifications it triggers.

Changes are listed value by value as JSON Pointers (``+`` added, ``-`` removed, ``~`` replaced;
pointers of removed and replaced values are those of OLD, of added values those of NEW). A
change of the SPOC's identity calls for an update of its notification (Art 14(4)), a change of
the working languages for an updated list (Art 11(2)), a change of the designated authorities
for an updated list (Art 4(1)). A notification counts as recorded when NEW's notification date
for it is later than OLD's.

``--format json`` prints a profile-diff document (schema: ``spocschema schema profile-diff``).

Exit codes: 0 no notification due; 1 a notification is due (NEW does not record it);
2 a file cannot be read or is not a valid profile.
"""

from __future__ import annotations

import argparse
import sys

HELP = "compare two revisions of a profile and name the notifications due"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from spocschema.cli.options import add_format_argument, add_output_argument

    parser.add_argument("old", metavar="OLD", help="the earlier revision (- for stdin)")
    parser.add_argument("new", metavar="NEW", help="the later revision (- for stdin)")
    add_format_argument(parser)
    add_output_argument(parser)


def run(args: argparse.Namespace) -> int:
    from spocschema.cli.options import write_output

    inputs = (args.old, args.new)
    return write_output(args, lambda: _run(args), "spocschema diff", inputs=inputs)


def _run(args: argparse.Namespace) -> int:
    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.cli.inputs import problem_with
    from spocschema.cli.options import STDIN, read_operand
    from spocschema.diff import diff_profiles, format_text
    from spocschema.display import printable
    from spocschema.errors import DocumentError
    from spocschema.validation import load_profile

    if args.old == STDIN and args.new == STDIN:
        print("spocschema diff: only one of OLD and NEW can be - (stdin)", file=sys.stderr)
        return EXIT_ERROR
    profiles = []
    for operand in (args.old, args.new):
        problem = None if operand == STDIN else problem_with(operand)
        if problem is not None:
            print(f"spocschema diff: {printable(str(operand))}: {problem}", file=sys.stderr)
            return EXIT_ERROR
        try:
            source = read_operand(operand)
            name = "<stdin>" if operand == STDIN else operand
            profiles.append(load_profile(source, name=name))
        except DocumentError as error:
            for line in error.lines():
                print(f"spocschema diff: {printable(line)}", file=sys.stderr)
            return EXIT_ERROR
    labels = ["<stdin>" if operand == STDIN else operand for operand in (args.old, args.new)]
    diff = diff_profiles(*profiles, old_label=labels[0], new_label=labels[1])
    if args.format == "json":
        sys.stdout.write(diff.to_json() + "\n")
    else:
        print(format_text(diff))
    return EXIT_FINDINGS if diff.summary.notifications_due else EXIT_OK
