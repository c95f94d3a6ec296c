"""Markdown helpers shared by the page generators of the documentation.

The generated pages are MyST Markdown because the texts they are made from (docstrings,
schema descriptions, rule rationales) already use Markdown conventions: single backticks for
code, ``- item`` lists. Everything that goes into a generated page passes through these helpers,
so escaping and the way a legal reference becomes a link are decided once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: European Legislation Identifier of Directive (EU) 2023/977: the stable address of its text.
DIRECTIVE_ELI = "http://data.europa.eu/eli/dir/2023/977/oj"
DIRECTIVE_TITLE = "Directive (EU) 2023/977"

_TABLE_CELL_ESCAPES = str.maketrans({"|": r"\|", "\n": " "})
_ARTICLE = re.compile(r"^Arts? \d")


def table_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, on one line."""
    return " ".join(text.translate(_TABLE_CELL_ESCAPES).split())


def code(text: str) -> str:
    """Inline code whose content may itself contain backticks."""
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def ref(text: str, label: str) -> str:
    """A cross-reference to a Sphinx label, which resolves across documents in every MyST
    version (a ``page.md#label`` link resolves only heading anchors in some)."""
    return f"{{ref}}`{text} <{label}>`"


def fenced(text: str, language: str) -> str:
    """A fenced code block long enough never to be closed by its own content."""
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}{language}\n{text.rstrip()}\n{fence}\n"


def json_text(value: Any, *, indent: int | None = 2) -> str:
    """JSON as shown in the docs: UTF-8 kept, stable, compact separators when inline."""
    if indent is None:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return json.dumps(value, ensure_ascii=False, indent=indent)


def legal_link(citation: str, *, short: bool = False) -> str:
    """A citation as Markdown, linked to its article's ELI when it cites the Directive
    (``Art 14(3)`` links ``.../eli/dir/2023/977/art_14/oj``, the form ``spocschema.links``
    builds for the reports too).

    ``short`` leaves out "of Directive (EU) 2023/977", for tables whose heading names it.
    Guideline references (``G-...``) and Council documents stay plain text: they have no
    stable public address to link to.
    """
    citation = citation.strip()
    if _ARTICLE.match(citation):
        from spocschema.links import eli_article_uri

        number = re.match(r"^Arts? (\d+)", citation)
        uri = eli_article_uri(DIRECTIVE_ELI, number.group(1) if number else None)
        link = f"[{citation}]({uri})"
        return link if short else f"{link} of {DIRECTIVE_TITLE}"
    return citation


def legal_links(citations: Iterable[str]) -> str:
    """Several citations, each linked as ``legal_link`` does, separated by semicolons."""
    return "; ".join(legal_link(c) for c in citations)


def slug(text: str) -> str:
    """A lower-case identifier usable as a file name and as a Sphinx label."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def write_if_changed(path: Path, text: str) -> bool:
    """Write a generated page only when it differs, so Sphinx rebuilds only what changed."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def remove_stale(directory: Path, keep: Iterable[Path], pattern: str = "*.md") -> None:
    """Delete generated pages no longer produced (a rule or a field that went away)."""
    wanted = {p.resolve() for p in keep}
    if not directory.is_dir():
        return
    for path in directory.glob(pattern):
        if path.resolve() not in wanted:
            path.unlink()
