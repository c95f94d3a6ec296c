"""Print, export or verify the bundled JSON Schemas.

Without options, prints the SPOC profile schema (``--editor``: its draft-07 editor variant,
the one to point an editor at). ``--list`` names every document type with the ``$id`` of its
schema and of its editor variant. ``--output DIR`` exports every published schema, the editor
variants and the SchemaStore catalogue under ``DIR``; ``--check`` exits 1 if the committed files
differ from the models (for CI in a source checkout); ``--write`` regenerates them there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "print, export or verify the published JSON Schemas"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name", nargs="?", default="spoc-profile", help="document type (default: spoc-profile)"
    )
    parser.add_argument(
        "--editor",
        action="store_true",
        help="print the draft-07 editor variant (for YAML/JSON language servers)",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--list", action="store_true", help="list the document types and $ids")
    group.add_argument("--output", type=Path, metavar="DIR", help="export all schemas to DIR")
    group.add_argument("--check", action="store_true", help="fail if schemas drift from models")
    group.add_argument("--write", action="store_true", help="regenerate the committed schemas")


def run(args: argparse.Namespace) -> int:
    from spocschema import schemas
    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

    if args.list:
        for doc in schemas.DOCUMENT_TYPES.values():
            print(f"{doc.name}\t{doc.schema_id}")
            print(f"{doc.name}\t{doc.editor_schema_id}\t(editor, draft-07)")
        return EXIT_OK
    if args.check:
        problems = schemas.check_all()
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"schemas {schemas.SCHEMA_VERSION}: up to date")
        return EXIT_FINDINGS if problems else EXIT_OK
    if args.write or args.output:
        from spocschema.errors import SpocSchemaError

        try:
            written = schemas.write_all(args.output)
        except (SpocSchemaError, OSError) as error:
            print(f"spocschema schema: {error}", file=sys.stderr)
            return EXIT_ERROR
        for path in written:
            print(f"wrote {path}")
        return EXIT_OK
    if args.name not in schemas.DOCUMENT_TYPES:
        known = ", ".join(sorted(schemas.DOCUMENT_TYPES))
        print(
            f"spocschema schema: unknown document type {args.name!r}; known: {known}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    sys.stdout.write(schemas.schema_path(args.name, editor=args.editor).read_text("utf-8"))
    return EXIT_OK
