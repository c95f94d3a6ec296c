"""Turn command-line operands into documents to read: files, directories, globs and ``-``.

Expansion never stops at the first bad operand: a name that matches nothing, or a directory
that cannot be listed, becomes an operand carrying an ``error``, so it is reported in line with
the other files and the remaining ones are still checked.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spocschema.loading import DOCUMENT_SUFFIXES

#: Label of standard input in messages and reports.
STDIN_LABEL = "<stdin>"


@dataclass(frozen=True)
class Operand:
    """One document to read: a path, or standard input when ``path`` is None.

    ``error`` is set when the operand could not even be turned into a file to read.
    """

    label: str
    path: Path | None = None
    error: str | None = None

    @property
    def is_stdin(self) -> bool:
        return self.path is None and self.error is None

    def read_stdin(self, limit: int) -> bytes:
        """Standard input, read up to ``limit + 1`` bytes so oversize input is detected."""
        return sys.stdin.buffer.read(limit + 1)


def _walk(directory: Path, suffixes: frozenset[str]) -> Iterator[Operand]:
    """Documents under ``directory``, recursively, in a stable order.

    Symbolic links to directories are not followed (no cycles) and hidden directories such as
    ``.git`` or ``.venv`` are skipped: they hold tooling files, never profiles.
    """
    errors: list[OSError] = []
    found: list[Path] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / name for name in files if Path(name).suffix.lower() in suffixes)
    for error in errors:
        where = error.filename or str(directory)
        yield Operand(str(where), Path(where), error=f"cannot list directory: {error.strerror}")
    yield from (Operand(str(path), path) for path in sorted(found))


def expand(operands: Iterable[str], suffixes: frozenset[str] = DOCUMENT_SUFFIXES) -> list[Operand]:
    """Files as given; directories searched recursively by extension; globs expanded.

    A file named explicitly is read whatever its extension (the content decides between JSON
    and YAML). Each document appears once, in the order first named.
    """
    result: list[Operand] = []
    seen: set[str] = set()

    def add(operand: Operand) -> None:
        key = operand.label if operand.path is None else os.path.normpath(operand.label)
        if key not in seen:
            seen.add(key)
            result.append(operand)

    for text in operands:
        if text == "-":
            add(Operand(STDIN_LABEL))
            continue
        path = Path(text)
        if path.is_dir():
            inside = list(_walk(path, suffixes))
            if not inside:
                add(Operand(text, path, error="directory holds no .json, .yaml or .yml document"))
            for operand in inside:
                add(operand)
        elif path.exists() or path.is_symlink():
            add(Operand(text, path))
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))  # noqa: PTH207
            if not matches:
                add(Operand(text, path, error="no file matches this pattern"))
            for match in matches:
                matched = Path(match)
                if matched.is_dir():
                    for operand in _walk(matched, suffixes):
                        add(operand)
                elif matched.suffix.lower() in suffixes:
                    add(Operand(match, matched))
        else:
            add(Operand(text, path, error="no such file or directory"))
    return result
