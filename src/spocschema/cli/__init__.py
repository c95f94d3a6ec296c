"""The ``spocschema`` command line.

Each subcommand lives in its own module with two functions, ``add_arguments(parser)`` and
``run(args) -> int``. Modules import only ``argparse`` at load time and everything heavy inside
``run``, so ``spocschema --help`` and a single ``validate`` start fast.

Exit codes, for every subcommand:

- ``0``: nothing at or above the failure level was found (for ``check``, also a profile that
  is *incomplete*: it states too little to assess an obligation; ``--fail-on-incomplete``
  makes that exit 1);
- ``1``: a document is invalid or breaks a rule at or above the failure level;
- ``2``: usage error, or an input that cannot be read or parsed.
"""

from __future__ import annotations

import argparse
import errno
import gc
import sys
from collections.abc import Sequence
from importlib import import_module

from spocschema._version import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

#: Subcommand name -> module under ``spocschema.cli``. Order is the order shown in ``--help``.
SUBCOMMANDS: dict[str, str] = {
    "validate": "validate",
    "check": "check",
    "schema": "schema",
    "rules": "rules",
    "explain": "explain",
    "init": "init",
    "stats": "stats",
    "deadline": "deadline",
    "network": "network",
    "diff": "diff",
    "history": "history",
    "html": "html",
}


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors as exit code 2 without a traceback.

    An unknown option is reported by the (sub)command it was given to, with that command's
    usage: argparse would otherwise leave it to the top-level parser, whose usage says nothing
    about the options the user was trying to write.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            owner = getattr(parsed, "_parser", None)
            (owner if isinstance(owner, argparse.ArgumentParser) else self).error(
                f"unrecognized arguments: {' '.join(extras)}"
            )
        return parsed


def _own_errors(parser: argparse.ArgumentParser) -> None:
    """Make each (nested) subcommand the owner of the arguments it cannot parse."""
    parser.set_defaults(_parser=parser)
    for action in parser._actions:  # argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):
            for nested in action.choices.values():
                _own_errors(nested)


def plain_text(docstring: str | None) -> str | None:
    """A module docstring as ``--help`` shows it: reStructuredText markup taken out.

    The docstrings are written for the API reference too (inline literals, roles); a terminal
    shows them literally, so ``--select`` and :func:`check` become --select and check.
    """
    import re

    if docstring is None:
        return None
    text = re.sub(r":[a-z]+(?::[a-z]+)?:`~?([^`]+)`", r"\1", docstring)
    text = re.sub(r"``(.+?)``", r"\1", text, flags=re.DOTALL)
    return re.sub(r"(?<![\w`])`([^`]+)`(?![\w`])", r"\1", text)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser; with ``only``, just that subcommand (its module alone imported).

    ``main`` passes ``only`` when the first argument names a subcommand: everything after it
    belongs to that subcommand, so the others' modules need not be imported to parse it.
    """
    parser = _Parser(
        prog="spocschema",
        description="Validate and check national SPOC profiles against Directive (EU) 2023/977.",
    )
    parser.add_argument("--version", action="version", version=f"spocschema {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, module_name in SUBCOMMANDS.items():
        if only is not None and name != only:
            continue
        module = import_module(f"spocschema.cli.{module_name}")
        command = sub.add_parser(
            name,
            help=module.HELP,
            description=plain_text(module.__doc__),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
        _own_errors(command)
    return parser


#: errno values of a failed write to standard output (no file name attached).
_WRITE_ERRORS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EIO", "EBADF", "EDQUOT", "EFBIG", "EPIPE", "EINVAL")
    if hasattr(errno, name)
)


def _internal_error(error: BaseException) -> int:
    from spocschema.display import printable

    print(
        f"spocschema: internal error: {type(error).__name__}: {printable(str(error))}. "
        "Please report this with the input that caused it.",
        file=sys.stderr,
    )
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting (for embedding)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    chosen = arguments[0] if arguments and arguments[0] in SUBCOMMANDS else None
    parser = build_parser(only=chosen)
    try:
        args = parser.parse_args(arguments)
    except SystemExit as stop:
        return int(stop.code or 0)
    from spocschema.cli.output import ClosedOutput, OutputError, discard_stdout, flush_stdout

    closed = sys.stdout is None
    if closed:  # started with standard output closed: writing to it must fail, not vanish
        sys.stdout = ClosedOutput()
    try:
        code: int = args._run(args)
        flush_stdout()  # a full disk shows here, not in the interpreter's exit
    except KeyboardInterrupt:
        print("spocschema: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (``| head``): end quietly
        discard_stdout()
        return EXIT_ERROR
    except OutputError as error:
        print(f"spocschema: {error}", file=sys.stderr)
        discard_stdout()
        return EXIT_ERROR
    except OSError as error:
        if error.filename is not None or error.errno not in _WRITE_ERRORS:
            return _internal_error(error)
        # a print() to standard output failed mid-way (a full disk, a device error)
        print(f"spocschema: cannot write standard output: {error.strerror}", file=sys.stderr)
        discard_stdout()
        return EXIT_ERROR
    except Exception as error:  # the promise: no traceback ever reaches a user
        return _internal_error(error)
    finally:
        if closed:
            sys.stdout = None
    return code


#: True while ``console`` holds the garbage collector paused for start-up.
_collection_paused = False


def console() -> int:
    """The ``spocschema`` executable: ``main`` with the garbage collector tuned for one run.

    Starting up allocates tens of thousands of long-lived objects (model classes, validators,
    rules) and next to no garbage, so the collector is paused until the first document is
    through (see ``resume_collection``). At exit, the interpreter's final collection would
    traverse every object once more only for the process to end; freezing them first skips that
    walk. Together this takes about a sixth off a ``check`` run. Embedders call ``main``, which
    leaves the collector alone.
    """
    global _collection_paused
    if gc.isenabled():
        gc.disable()
        _collection_paused = True
    try:
        return main()
    finally:
        resume_collection()
        gc.freeze()


def resume_collection() -> None:
    """Turn the collector back on once start-up is over, with the start-up objects frozen.

    Called by the engine after the first document, so a run over many files collects its
    garbage as usual; a no-op unless ``console`` paused the collector.
    """
    global _collection_paused
    if _collection_paused:
        _collection_paused = False
        gc.freeze()
        gc.enable()
