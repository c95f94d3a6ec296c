"""``--help`` is read in a terminal: plain text, no reStructuredText markup from docstrings."""

from __future__ import annotations

import argparse
import re

from spocschema.cli import build_parser, plain_text

MARKUP = re.compile(r"``|:(func|class|mod|meth|data|attr|ref|doc):`")


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _parsers(sub)
    return found


def test_no_help_page_shows_markup() -> None:
    parsers = _parsers(build_parser())
    assert len(parsers) > 12  # the tool, its eleven commands and their own subcommands
    for parser in parsers:
        text = parser.format_help()
        assert not MARKUP.search(text), (parser.prog, MARKUP.search(text))


def test_plain_text_keeps_the_words() -> None:
    assert plain_text("use ``--as-of`` with :func:`~spocschema.check`") == (
        "use --as-of with spocschema.check"
    )
