"""Turn command-line operands into documents to read: files, directories, globs and ``-``."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spocschema.loading import DOCUMENT_SUFFIXES


@dataclass(frozen=True)
class Operand:
    """One document to read: a path, or standard input when ``path`` is None."""

    label: str
    path: Path | None = None
    missing: bool = False

    def read(self, limit: int) -> bytes:
        """Standard input, read up to ``limit + 1`` bytes so oversize input is detected."""
        return sys.stdin.buffer.read(limit + 1)


def expand(operands: list[str]) -> Iterator[Operand]:
    """Files as given; directories searched recursively for JSON/YAML; globs expanded.

    A name that matches nothing is still yielded (as missing) so it is reported, not skipped.
    """
    for operand in operands:
        if operand == "-":
            yield Operand("<stdin>")
            continue
        path = Path(operand)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()
            )
            yield from (Operand(str(p), p) for p in found)
        elif path.exists():
            yield Operand(operand, path)
        elif glob.has_magic(operand):
            matches = sorted(glob.glob(operand, recursive=True))  # noqa: PTH207
            if not matches:
                yield Operand(operand, path, missing=True)
            yield from (Operand(m, Path(m)) for m in matches if Path(m).is_file())
        else:
            yield Operand(operand, path, missing=True)
