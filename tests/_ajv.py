"""Run ajv (the JavaScript JSON Schema validator) in strict mode from the tests.

ajv is the independent validator the issue names: it refuses unknown keywords, ambiguous types
and unknown formats in strict mode, and it evaluates ``pattern`` with JavaScript's own regular
expressions. The npm packages are installed once into a cache directory (pinned versions from
``tests/ajv/package.json``); without node and npm the tests skip with the reason, unless
``SPOCSCHEMA_REQUIRE_AJV=1`` (CI) turns the skip into a failure.

Cache: ``$SPOCSCHEMA_AJV_CACHE``, else ``$XDG_CACHE_HOME/spocschema/ajv-<hash>`` (default
``~/.cache``); the hash changes when the pinned versions or the runner script change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent / "ajv"
FILES = ("package.json", "validate.mjs")


def _unavailable(reason: str) -> None:
    if os.environ.get("SPOCSCHEMA_REQUIRE_AJV") == "1":
        pytest.fail(f"ajv is required (SPOCSCHEMA_REQUIRE_AJV=1) but {reason}")
    pytest.skip(f"ajv strict-mode check skipped: {reason}")


def _cache_dir() -> Path:
    configured = os.environ.get("SPOCSCHEMA_AJV_CACHE")
    if configured:
        return Path(configured)
    digest = hashlib.sha256(b"".join((HERE / name).read_bytes() for name in FILES)).hexdigest()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "spocschema" / f"ajv-{digest[:12]}"


@cache
def _install() -> Path | str:
    """The directory holding the runner and its node_modules, or why it could not be made."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return "node and npm are not on PATH (install Node.js >= 18 to run it)"
    target = _cache_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(HERE / name, target / name)
    if not (target / "node_modules" / "ajv-formats").is_dir():
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=target,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            return f"`npm install` failed in {target}: {done.stderr.strip()[-500:]}"
    return target


def run(schemas: list[dict[str, Any]], cases: list[tuple[str, Any]]) -> dict[str, Any]:
    """Compile ``schemas`` in strict mode and validate each (schema $id, document) case.

    Returns ``{"compiled": [...], "verdicts": [...], "warnings": str}``; a verdict is ``True``
    or ajv's list of errors.
    """
    where = _install()
    if isinstance(where, str):
        _unavailable(where)
        raise AssertionError("unreachable")
    job = {"schemas": schemas, "cases": [{"schema": s, "document": d} for s, d in cases]}
    done = subprocess.run(
        [shutil.which("node") or "node", "validate.mjs"],
        cwd=where,
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"ajv failed:\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    result["warnings"] = done.stderr
    return result
