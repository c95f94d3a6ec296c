"""Where every command's output goes: a file replaced atomically, or standard output.

One module writes for every command (``check -o``, ``html -o``, ``stats build -o``, the
``network`` exports), so they behave alike:

- **Nothing half-written.** A file is written to a temporary file in the same folder, flushed
  to disk (``fsync``) and renamed over the destination. A full disk, a crash or Ctrl-C leaves
  the previous file as it was and removes the temporary one; the replaced file keeps its
  permission bits. A destination that is not a regular file (``/dev/null``, a named pipe,
  ``/dev/stdout``) cannot be renamed over and is written directly.
- **Inputs are never overwritten.** A destination that is one of the documents read (by any
  name: a symbolic link, ``..``, a hard link) is refused before anything is read.
- **Standard output that cannot be written** (closed, ``> /dev/full``, a failing disk) is a
  clear message and exit code 2, not a traceback. A reader that went away (``| head``) ends the
  run quietly.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from spocschema.display import printable


class OutputError(Exception):
    """The output could not be written; the message names the destination and the reason."""


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _chunks(content: str | Iterable[str]) -> Iterable[str]:
    return (content,) if isinstance(content, str) else content


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two names lead to the same file (symbolic links, ``..`` and hard links seen
    through); False when either does not exist or cannot be examined."""
    try:
        return Path(first).samefile(second)
    except (OSError, ValueError):
        return False


def refuse_input(
    destination: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Raise ``OutputError`` if ``destination`` is one of ``inputs``."""
    if destination is None:
        return
    for source in inputs:
        if same_file(destination, source):
            raise OutputError(
                f"refusing to write {printable(os.fspath(destination))}: it is also an input "
                f"({printable(os.fspath(source))}); choose another output file"
            )


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While writing, SIGTERM unwinds like Ctrl-C so the temporary file is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_file(
    destination: str | os.PathLike[str],
    content: str | Iterable[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write text (a string or chunks) to ``destination`` atomically; raises ``OutputError``."""
    name = printable(os.fspath(destination))
    if not name or "\x00" in os.fspath(destination):
        raise OutputError(f"cannot write {name!r}: not a usable file name")
    refuse_input(destination, inputs)
    target = Path(os.path.realpath(destination))  # through a symbolic link: keep the link
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"cannot write {name}: {_reason(error)}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {name}: it is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(target, name, content)
        return
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise OutputError(f"cannot write {name}: {_reason(error)}") from None
    try:
        with _terminate_as_interrupt():
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                for chunk in _chunks(content):
                    stream.write(chunk)
                stream.flush()
                os.fsync(stream.fileno())
            Path(temporary).chmod(stat.S_IMODE(info.st_mode) if info else _umask_mode())
            Path(temporary).replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {name}: {_reason(error)}") from None
        raise
    _sync_folder(target.parent)


def _write_in_place(target: Path, name: str, content: str | Iterable[str]) -> None:
    try:
        with target.open("w", encoding="utf-8", newline="") as stream:
            for chunk in _chunks(content):
                stream.write(chunk)
    except OSError as error:
        raise OutputError(f"cannot write {name}: {_reason(error)}") from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows opening a folder."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_stdout(content: str | Iterable[str]) -> None:
    """Write text to standard output and flush it; raises ``OutputError`` when it cannot."""
    stream = sys.stdout
    if stream is None or isinstance(stream, ClosedOutput):
        raise OutputError("cannot write standard output: it is closed")
    try:
        for chunk in _chunks(content):
            stream.write(chunk)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        reason = _reason(error) if isinstance(error, OSError) else "it is closed"
        raise OutputError(f"cannot write standard output: {reason}") from None


def flush_stdout() -> None:
    """Flush what ``print`` left in standard output's buffer; raises ``OutputError``."""
    stream = sys.stdout
    if stream is None or isinstance(stream, ClosedOutput):
        return
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        reason = _reason(error) if isinstance(error, OSError) else "it is closed"
        raise OutputError(f"cannot write standard output: {reason}") from None


def write(
    destination: str | os.PathLike[str] | None,
    content: str | Iterable[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """To ``destination`` if given (atomically), else to standard output."""
    if destination is None:
        write_stdout(content)
    else:
        write_file(destination, content, inputs=inputs)


class ClosedOutput:
    """Stands in for a standard output the process was started without (``>&-``).

    Python sets ``sys.stdout`` to None then, and ``print`` silently drops everything: a report
    would be lost with exit code 0. Writing to this raises instead.
    """

    def write(self, text: str) -> int:
        raise OutputError("cannot write standard output: it is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


def discard_stdout() -> None:
    """After standard output failed, point it at the null device so the interpreter's final
    flush does not fail again with a second, unhandled error."""
    stream = sys.stdout
    try:
        descriptor = stream.fileno() if stream is not None else -1
    except (OSError, ValueError, AttributeError):
        return
    if descriptor < 0:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
    except OSError:
        pass
