"""Options shared by the commands that read documents (``validate`` and ``check``).

Declaring them once keeps the two commands' interfaces identical where they overlap, so a
pipeline can switch from ``validate`` to ``check`` by changing one word.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spocschema.loading import Limits

#: Output formats, by name; each names a module under ``spocschema.cli.reporters``.
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")


#: The largest ``--max-bytes`` accepted (1 GiB): a document is read into memory whole, and
#: parsed it takes several times its size, so a larger limit is a mistake, not a setting.
MAX_BYTES_CEILING = 1 << 30
#: The largest ``--max-depth``/``--max-values`` accepted (a machine-sized integer everywhere).
COUNT_CEILING = (1 << 31) - 1


def _bounded(ceiling: int) -> Callable[[str], int]:
    def positive(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None:
            raise argparse.ArgumentTypeError(f"{text[:30]!r} is not a whole number")
        if value < 1:
            raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
        if value > ceiling:
            raise argparse.ArgumentTypeError(f"{text!r} is more than the most allowed, {ceiling}")
        return value

    return positive


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Operands, output format and destination, verbosity and the safety limits."""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="files, directories (searched for .json/.yaml/.yml), globs, or - for stdin",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the output to FILE instead of stdout"
    )
    parser.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="text output: print problems only, no per-file OK lines or summary",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output: auto (only on a terminal, unless NO_COLOR is set)",
    )
    limits = parser.add_argument_group("limits (safe defaults; raise them for unusual files)")
    limits.add_argument(
        "--max-bytes",
        type=_bounded(MAX_BYTES_CEILING),
        metavar="N",
        help=f"largest document read, in bytes (default: 10485760; at most {MAX_BYTES_CEILING})",
    )
    limits.add_argument(
        "--max-depth",
        type=_bounded(COUNT_CEILING),
        metavar="N",
        help="deepest nesting accepted (default: 64)",
    )
    limits.add_argument(
        "--max-values",
        type=_bounded(COUNT_CEILING),
        metavar="N",
        help="most values in a document after YAML aliases are expanded (default: 200000)",
    )


def limits_from(args: argparse.Namespace) -> Limits:
    """The loader limits, defaults overridden by whichever options were given."""
    from dataclasses import replace

    from spocschema.loading import DEFAULT_LIMITS

    changes = {
        name: getattr(args, name)
        for name in ("max_bytes", "max_depth", "max_values")
        if getattr(args, name, None) is not None
    }
    return replace(DEFAULT_LIMITS, **changes)
