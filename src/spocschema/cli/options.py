"""Options shared by the commands: inputs and limits, and the same ``-f``/``-o`` everywhere.

Declaring them once keeps the commands' interfaces identical where they overlap: a pipeline
can switch from ``validate`` to ``check`` by changing one word, and ``-f json -o FILE`` means
the same on every command that writes output; ``-`` reads standard input wherever a file is
read.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

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


# -- the same -f/-o on every command that writes output --------------------------------------


def add_format_argument(
    parser: argparse.ArgumentParser, choices: tuple[str, ...] = ("text", "json")
) -> None:
    """``-f/--format``: what to write; the first choice is the default."""
    parser.add_argument(
        "--format",
        "-f",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def add_output_argument(parser: argparse.ArgumentParser) -> None:
    """``-o/--output FILE``: where the command's output goes instead of standard output."""
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the output to FILE instead of stdout"
    )


def write_output(
    args: argparse.Namespace,
    body: Callable[[], int],
    prog: str,
    *,
    inputs: tuple[str, ...] = (),
) -> int:
    """Run ``body``; what it prints goes to ``--output`` when given, else to standard output.

    The file is written once the command has finished, atomically and never over one of the
    command's ``inputs`` (``spocschema.cli.output``), so a failed run never leaves half a file.
    Messages on standard error are not redirected.
    """
    import io
    import sys
    from contextlib import redirect_stdout

    from spocschema.cli.output import OutputError, write_file

    destination = getattr(args, "output", None)
    if destination is None:
        return body()
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = body()
    try:
        write_file(destination, buffer.getvalue(), inputs=[i for i in inputs if i != STDIN])
    except OutputError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        from spocschema.cli import EXIT_ERROR

        return EXIT_ERROR
    return code


#: The operand that means "read standard input".
STDIN = "-"


def read_operand(text: str, max_bytes: int | None = None) -> Path | bytes:
    """A file operand as a path, or ``-`` as the bytes of standard input (up to the limit + 1,
    so the loader can tell an oversized input from one that fits)."""
    import sys
    from pathlib import Path

    if text != STDIN:
        return Path(text)
    if max_bytes is None:
        from spocschema.loading import DEFAULT_LIMITS

        max_bytes = DEFAULT_LIMITS.max_bytes
    return sys.stdin.buffer.read(max_bytes + 1)
