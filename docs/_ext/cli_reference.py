"""Command-line reference page, generated from the argument parser at build time.

The parser is what users run, so its help text is the reference: every subcommand's
description, usage and options, exactly as ``spocschema COMMAND --help`` prints them.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

from docgen_text import code, fenced, table_cell

#: Help is wrapped at this width so the page does not depend on the terminal of the build.
HELP_WIDTH = "88"


@contextmanager
def _fixed_width() -> Iterator[None]:
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_WIDTH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _exit_codes(docstring: str) -> str:
    """The exit-code list of the command line's module docstring, as written there."""
    marker = "Exit codes, for every subcommand:"
    if marker not in docstring:
        raise ValueError("spocschema.cli no longer documents its exit codes")
    return "\n".join(line.strip() for line in docstring.split(marker)[-1].strip().splitlines())


def render() -> str:
    """The Markdown page: the tool's help, then one section per subcommand."""
    import spocschema.cli as cli

    with _fixed_width():
        parser = cli.build_parser()
        lines = [
            "(cli-help)=",
            "# Command-line help",
            "",
            "The help of every subcommand, generated from the command's own argument parser at "
            "every build: `spocschema COMMAND --help` prints the same text. The "
            "{doc}`command-line guide <../cli>` explains inputs, formats and exit codes.",
            "",
            fenced(parser.format_help(), "text"),
            "## Exit codes",
            "",
            _exit_codes(cli.__doc__ or ""),
            "",
        ]
        for name, sub in _subparsers(parser).items():
            lines += [
                f"(cli-{name})=",
                f"## {code('spocschema ' + name)}",
                "",
                fenced(sub.format_help(), "text"),
            ]
    return "\n".join(lines)


#: The command table of the command-line guide (``docs/cli.md`` includes it), beside the pages.
COMMANDS_FILE = "commands.txt"


def _operand(action: argparse.Action) -> str:
    name = str(action.metavar) if action.metavar is not None else action.dest.upper()
    if action.nargs == "+":
        return f"{name}..."
    if action.nargs == "?":
        return f"[{name}]"
    if action.nargs == "*":
        return f"[{name}...]"
    return name


def _rows(prefix: str, parser: argparse.ArgumentParser, help_text: str, label: str) -> list[str]:
    """One table row per command; a command with subcommands of its own gives one per each."""
    operands = []
    for action in parser._actions:  # argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            rows = []
            for name, sub in action.choices.items():
                rows += _rows(f"{prefix} {name}", sub, helps.get(name, ""), label)
            return rows
        if not action.option_strings:
            operands.append(_operand(action))
    command = " ".join([prefix, *operands])
    return [f"| {code(command)} | {table_cell(help_text)} | {{ref}}`--help <{label}>` |"]


def render_commands() -> str:
    """The table of every subcommand: name with operands, what it does, link to its help."""
    import spocschema.cli as cli

    parser = cli.build_parser()
    lines = ["| Command | What it does | Help |", "| --- | --- | --- |"]
    for name, sub in _subparsers(parser).items():
        module = import_module(f"spocschema.cli.{cli.SUBCOMMANDS[name]}")
        lines += _rows(f"spocschema {name}", sub, module.HELP, f"cli-{name}")
    return "\n".join(lines) + "\n"
