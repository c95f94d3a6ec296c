"""Opening a CMS export for ``stats build`` and ``stats mapping``: a regular file or ``-``."""

from __future__ import annotations

import sys
from typing import IO


class NotAFile(OSError):
    """The export operand names something other than a regular file."""


def open_export(path: str) -> tuple[IO[bytes], int | None]:
    """Open the export; only a regular file or ``-`` (standard input) is read.

    A FIFO, a device or a folder is refused, as every other command refuses them: opening a
    FIFO would wait for a writer forever, and ``/dev/zero`` never ends. To stream from another
    program, pipe it into ``-``. The file is opened without blocking and checked on the open
    descriptor, so nothing can swap it between the check and the read.
    """
    if path == "-":
        return sys.stdin.buffer, None
    import os
    import stat

    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            raise NotAFile(f"{kind}; to stream an export, pipe it into `-`")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb"), status.st_size
    except BaseException:
        os.close(descriptor)
        raise
