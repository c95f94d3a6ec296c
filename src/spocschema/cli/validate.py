"""Check that documents are well formed against the published schema (structure only).

Each file is read as JSON or YAML (by extension, or by content for standard input) and
validated against the SPOC profile schema. Compliance with the Directive is ``check``'s job.

Exit codes: 0 every document is valid; 1 a document breaks the schema; 2 a document could not
be read or parsed (or a usage error).
"""

from __future__ import annotations

import argparse

from spocschema.cli.options import add_input_arguments

HELP = "validate documents against the published schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from spocschema.cli import EXIT_ERROR
    from spocschema.cli.engine import emit, process, refuse_overwriting_inputs
    from spocschema.cli.inputs import expand
    from spocschema.cli.options import limits_from

    operands = expand(args.files)
    refused = refuse_overwriting_inputs(args.output, operands)
    if refused is not None:
        print(f"spocschema validate: {refused}", file=sys.stderr)
        return EXIT_ERROR
    result = process("validate", operands, limits_from(args))
    return emit(result, args)
