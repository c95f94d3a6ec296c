"""Turn command-line operands into documents to read: files, directories, globs and ``-``.

Expansion never stops at the first bad operand: a name that matches nothing, or a directory
that cannot be listed, becomes an operand carrying an ``error``, so it is reported in line with
the other files and the remaining ones are still checked.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
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
        reason = (error.strerror or str(error)).lower()
        yield Operand(str(where), Path(where), error=f"cannot list directory: {reason}")
    yield from (Operand(str(path), path) for path in sorted(found))


def problem_with(path: str | Path) -> str | None:
    """Why ``path`` cannot be read as a document, in words; None for a file or a pipe.

    Every command that takes a file name asks this first, so a folder, a device, a symbolic
    link loop or a name the user may not reach is named for what it is rather than reported
    as "no such file" or an internal error. Named pipes pass: ``<(command)`` is a pipe, and
    the loader reads it without hanging.
    """
    if not str(path):
        return "empty file name"
    if "\x00" in str(path):
        return "invalid file name (it contains a NUL character)"
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        return "no such file or directory"
    except PermissionError:
        return "permission denied"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "cannot read: symbolic link loop (too many levels of symbolic links)"
        if error.errno == errno.ENOTDIR:
            return "no such file or directory (a part of the path is not a folder)"
        return f"cannot read: {error.strerror or error}"
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return "is a directory, not a document"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a document file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a document file"
    return None


def unlistable(folder: Path) -> str | None:
    """Why ``folder`` cannot be listed (``cannot list directory: permission denied``), or None."""
    try:
        next(folder.iterdir(), None)
    except OSError as error:
        return f"cannot list directory: {(error.strerror or str(error)).lower()}"
    return None


def _unlistable(pattern: str) -> str | None:
    """For a glob that matched nothing: the folder it would search, if that cannot be listed."""
    parts = Path(pattern).parts
    fixed = list(parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))])
    base = Path(*fixed)
    try:
        next(base.iterdir(), None)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot list directory {base}: {(error.strerror or str(error)).lower()}"
    return None


def expand(operands: Iterable[str], suffixes: frozenset[str] = DOCUMENT_SUFFIXES) -> list[Operand]:
    """Files as given; directories searched recursively by extension; globs expanded.

    A file named explicitly is read whatever its extension (the content decides between JSON
    and YAML). Each document appears once, in the order first named. An operand that yields
    no document (an empty name, a folder or a pattern without one, a name that cannot be
    reached) becomes an operand carrying its ``error``, so a run never passes on nothing.
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
        if not text:
            add(Operand(repr(text), Path(), error="empty file name (use . for this folder)"))
            continue
        path = Path(text)
        problem = problem_with(path)
        if problem is None or problem.startswith("is a device") or problem.startswith("is a soc"):
            add(Operand(text, path, error=problem))
        elif problem == "is a directory, not a document":
            inside = list(_walk(path, suffixes))
            if not inside:
                add(Operand(text, path, error="directory holds no .json, .yaml or .yml document"))
            for operand in inside:
                add(operand)
        elif glob.has_magic(text) and problem in ("no such file or directory", "permission denied"):
            _expand_glob(text, suffixes, add)
        else:
            add(Operand(text, path, error=problem))
    return result


def _expand_glob(pattern: str, suffixes: frozenset[str], add: Callable[[Operand], None]) -> None:
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207
    found = 0
    for match in matches:
        matched = Path(match)
        try:
            is_dir = matched.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            for operand in _walk(matched, suffixes):
                found += 1
                add(operand)
        elif matched.suffix.lower() in suffixes:
            found += 1
            add(Operand(match, matched))
    if found:
        return
    blocked = _unlistable(pattern)
    if blocked is not None:
        add(Operand(pattern, Path(pattern), error=blocked))
    elif matches:
        message = "pattern matches no .json, .yaml or .yml document"
        add(Operand(pattern, Path(pattern), error=message))
    else:
        add(Operand(pattern, Path(pattern), error="no file matches this pattern"))
