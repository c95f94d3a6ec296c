"""Helpers for the command-line tests: run the CLI in-process or as a real process."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from spocschema.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
COMPLIANT = EXAMPLES / "compliant-profile.json"
AS_OF = "2026-11-22"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str, stdin: bytes | None = None) -> Result:
    """Run ``spocschema`` in this process (fast); standard input replaced if given."""
    if stdin is not None:
        fake = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        original = sys.stdin
        sys.stdin = fake
        try:
            code = main(list(argv))
        finally:
            sys.stdin = original
    else:
        code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_process(
    *argv: str, cwd: Path | None = None, timeout: float = 120, env: dict[str, str] | None = None
) -> Result:
    """Run ``python -m spocschema`` as a separate process, as users and CI do."""
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "src"), environment.get("PYTHONPATH")])
    )
    completed = subprocess.run(
        [sys.executable, "-m", "spocschema", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=environment,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


#: Official schemas of the output formats, kept in the repository (see its README for sources).
REFERENCE_DIR = ROOT / "tests" / "data" / "reference"


def reference_file(name: str) -> Path:
    """An official schema the format tests validate against (``tests/data/reference/``)."""
    path = REFERENCE_DIR / name
    assert path.is_file(), f"{path} is missing: it belongs to the repository"
    return path


#: Linux capabilities that let root ignore file permissions (``capability.h``).
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _drop_file_capabilities() -> None:  # pragma: no cover - runs in the child
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


_PROBE = (
    "import os, sys\n"
    "try:\n"
    "    open(sys.argv[1], 'rb')\n"
    "except PermissionError:\n"
    "    sys.exit(0)\n"
    "sys.exit(3)\n"
)


def _bound_by_permissions(options: dict[str, object], folder: Path) -> bool:
    """Whether a child started with ``options`` is refused a mode-000 file in ``folder``."""
    secret = folder / ".probe-secret"
    secret.write_bytes(b"")
    secret.chmod(0)
    try:
        completed = subprocess.run(
            [sys.executable, "-c", _PROBE, str(secret)],
            capture_output=True,
            cwd=folder,
            timeout=60,
            check=False,
            **options,  # type: ignore[arg-type]
        )
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        secret.unlink()
    return completed.returncode == 0


def unprivileged_options(folder: Path) -> dict[str, object]:
    """``subprocess.run`` options under which file permissions apply, or skip the test.

    Not root: nothing to do. As root (CI containers), first the ``nobody`` account
    (``user=``, Python 3.9+), which needs the interpreter and ``folder`` reachable by it; else
    the same root process with the two capabilities that bypass permission checks dropped from
    its bounding set (Linux ``prctl``), which works wherever Python lives. The test is skipped
    only if neither makes a mode-000 file unreadable.
    """
    if sys.platform == "win32":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        return {}
    candidates: list[dict[str, object]] = []
    try:
        import pwd

        nobody = pwd.getpwnam("nobody")
        candidates.append({"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []})
    except (ImportError, KeyError):
        pass
    if sys.platform.startswith("linux"):
        candidates.append({"preexec_fn": _drop_file_capabilities})
    for options in candidates:
        if _bound_by_permissions(options, folder):
            return options
    pytest.skip("cannot run a child process bound by file permissions here")


def run_unprivileged(*argv: str, cwd: Path, stdin: bytes | None = None) -> Result:
    """Run ``python -m spocschema`` in ``cwd`` as a process that file permissions bind."""
    options = unprivileged_options(cwd)
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "src"), environment.get("PYTHONPATH")])
    )
    completed = subprocess.run(
        [sys.executable, "-m", "spocschema", *argv],
        capture_output=True,
        cwd=cwd,
        timeout=120,
        env=environment,
        input=stdin,
        check=False,
        **options,  # type: ignore[arg-type]
    )
    return Result(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder every user may enter (``tmp_path`` is private to the test's user),
    so a child running as ``nobody`` reaches the files the test means it to reach."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="spocschema-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for root, dirs, _ in os.walk(folder):  # open each folder before the walk enters it
            for name in dirs:
                with contextlib.suppress(OSError):
                    Path(root, name).chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)
