"""Check that documents are well formed against the published schema (structure only).

Each file is read as JSON or YAML (by extension, or by content for standard input) and
validated against the SPOC profile schema. Compliance with the Directive is ``check``'s job.
"""

from __future__ import annotations

import argparse
import json
import sys

HELP = "validate documents against the published schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="files, directories, globs, or - for stdin"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    parser.add_argument(
        "--max-bytes", type=int, default=None, help="largest document read (default 10 MiB)"
    )
    parser.add_argument(
        "--max-depth", type=int, default=None, help="deepest nesting accepted (default 64)"
    )


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.cli.inputs import expand
    from spocschema.errors import DocumentError, Problem
    from spocschema.loading import DEFAULT_LIMITS, load_document
    from spocschema.models.profile import SpocProfile
    from spocschema.validation import validate_document

    limits = DEFAULT_LIMITS
    if args.max_bytes is not None:
        limits = replace(limits, max_bytes=args.max_bytes)
    if args.max_depth is not None:
        limits = replace(limits, max_depth=args.max_depth)

    results = []
    worst = EXIT_OK
    for operand in expand(args.files):
        try:
            if operand.missing:
                raise DocumentError(operand.label, [Problem("no such file", kind="read")])
            source = operand.path if operand.path is not None else operand.read(limits.max_bytes)
            document = load_document(source, name=operand.label, limits=limits)
            validate_document(document, SpocProfile)
        except DocumentError as error:
            structural = all(p.kind == "structure" for p in error.problems)
            worst = max(worst, EXIT_FINDINGS if structural else EXIT_ERROR)
            results.append({"file": operand.label, "valid": False, "problems": error.problems})
        else:
            results.append({"file": operand.label, "valid": True, "problems": []})

    if args.format == "json":
        payload = [
            {**r, "problems": [p.to_dict() for p in r["problems"]]}  # type: ignore[attr-defined]
            for r in results
        ]
        json.dump(payload, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            for problem in result["problems"]:  # type: ignore[attr-defined]
                print(problem.format(str(result["file"])))
            if result["valid"] and not args.quiet:
                print(f"{result['file']}: valid")
    return worst
