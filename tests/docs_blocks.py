"""Code blocks of the documentation sources, extracted so the test suite can run them.

Kept apart from the tests so both the example test and the build test read the docs the same
way. A plain line scanner is enough: the hand-written pages use ordinary fenced blocks, and the
generated pages (``docs/cli-help``, ``docs/rules``, ``docs/schema``) are not scanned because their
blocks are produced, and checked, by the generators.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GENERATED = ("_build", "_examples", "_ext", "_generated", "cli-help", "rules", "schema")

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: its language, text, and where it starts."""

    path: Path
    line: int
    language: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT).as_posix()}:{self.line}"


def doc_sources() -> list[Path]:
    """The hand-written documentation pages, plus the README (its examples are docs too)."""
    pages = [
        path
        for path in sorted(DOCS.rglob("*.md"))
        if path.relative_to(DOCS).parts[0] not in GENERATED
    ]
    return [*pages, ROOT / "README.md"]


def blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, MyST directives (```` ```{name} ````) excluded."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence, info = match["fence"], match["info"].strip()
        start = index
        body: list[str] = []
        index += 1
        while index < len(lines):
            closing = lines[index].strip()
            if closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0]):
                break
            body.append(lines[index])
            index += 1
        index += 1
        if info.startswith("{"):
            continue
        language = info.split()[0] if info else ""
        text = textwrap.dedent("\n".join(body))
        found.append(Block(path, start + 1, language, text))
    return found


def commands(block: Block) -> list[str]:
    """The commands of a ``console`` block: lines starting with ``$ ``."""
    return [line[2:].strip() for line in block.text.splitlines() if line.startswith("$ ")]
