"""Write an annotated YAML template of a SPOC profile, to start a national profile from.

Every key comes with its meaning and legal basis as comments, generated from the models; the
template validates as it stands. Optional keys are commented out unless ``--full`` is given.
Without ``--output`` the template goes to standard output; an existing file is never
overwritten unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import sys

HELP = "write an annotated YAML profile template"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the template to FILE (default: stdout)"
    )
    parser.add_argument(
        "--full", action="store_true", help="write optional keys too, not commented out"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing FILE")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from spocschema.cli import EXIT_ERROR, EXIT_OK
    from spocschema.template import profile_template

    text = profile_template(full=args.full)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output)
    try:
        with target.open("w" if args.force else "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(f"spocschema init: {target} exists; use --force to overwrite it", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"spocschema init: cannot write {target}: {error.strerror}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK
