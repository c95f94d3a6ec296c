"""Write an annotated YAML template of a SPOC profile, to start a national profile from.

Every key comes with its meaning and legal basis as comments, generated from the models; the
template validates as it stands. Optional keys are commented out unless ``--full`` is given.
Without ``--output`` the template goes to standard output; an existing file is never
overwritten unless ``--force`` is given.

The YAML template starts with the ``# yaml-language-server: $schema=...`` modeline, pointing
at the draft-07 editor schema, so an editor with the YAML language server completes keys and
codes and shows each key's legal basis. ``--local-schema FILE`` writes that schema to FILE and
points the modeline at it (relative to the template), for editors without network access.
``--format json`` (or an ``--output`` ending in ``.json``) writes JSON with ``$schema``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "write an annotated YAML profile template"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the template to FILE (default: stdout)"
    )
    parser.add_argument(
        "--full", action="store_true", help="write optional keys too, not commented out"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    parser.add_argument(
        "--format",
        choices=("yaml", "json"),
        help="yaml (annotated, default) or json (with $schema); default: from --output's suffix",
    )
    parser.add_argument(
        "--local-schema",
        metavar="SCHEMA_FILE",
        help="write the editor schema to SCHEMA_FILE and point the modeline at it (offline use)",
    )


def run(args: argparse.Namespace) -> int:
    from spocschema.cli import EXIT_ERROR, EXIT_OK
    from spocschema.template import profile_template, profile_template_json

    chosen = args.format or (
        "json" if args.output is not None and args.output.lower().endswith(".json") else "yaml"
    )
    if chosen == "json" and args.local_schema is not None:
        print(
            "spocschema init: --local-schema is for YAML: a JSON profile's $schema must be an "
            "http(s) URL; map a local copy in your editor's settings instead (see the docs)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    reference = None
    if args.local_schema is not None:
        reference = _local_schema(Path(args.local_schema), args.output, args.force)
        if reference is None:
            return EXIT_ERROR
    if chosen == "json":
        text = profile_template_json(full=args.full)
    else:
        text = profile_template(full=args.full, schema_ref=reference)
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


def _local_schema(target: Path, output: str | None, force: bool) -> str | None:
    """Write the editor schema to ``target``; the modeline reference to it, or None on error.

    The reference is relative to the template's folder (the YAML language server resolves a
    relative modeline against the document), with ``/`` separators.
    """
    import os

    from spocschema import schemas

    text = schemas.schema_path("spoc-profile", editor=True).read_text(encoding="utf-8")
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            pass  # already the current schema: nothing to write
        elif target.exists() and not force:
            print(
                f"spocschema init: {target} exists; use --force to overwrite it",
                file=sys.stderr,
            )
            return None
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"spocschema init: cannot write {target}: {error.strerror}", file=sys.stderr)
        return None
    base = Path(output).resolve().parent if output is not None else Path.cwd()
    relative = os.path.relpath(target.resolve(), base).replace(os.sep, "/")
    return relative if relative.startswith("../") else f"./{relative}"
