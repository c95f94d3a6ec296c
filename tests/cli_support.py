"""Helpers for the command-line tests: run the CLI in-process or as a real process."""

from __future__ import annotations

import io
import os
import subprocess
import sys
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
