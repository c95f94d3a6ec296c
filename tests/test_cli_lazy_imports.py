"""Cold start: each command imports only what it uses (the benchmark measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cli_support import COMPLIANT, ROOT

HEAVY = ("pydantic", "jsonschema", "yaml", "pycountry", "spocschema.checker", "spocschema.rules")


def _imported(*argv: str) -> set[str]:
    script = (
        "import json, sys, contextlib, io\n"
        "from spocschema.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(argv)!r})\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=True,
        timeout=120,
    )
    return set(json.loads(completed.stdout.splitlines()[-1]))


@pytest.mark.parametrize("argv", [["--version"], ["check", "--help"], ["init"]])
def test_light_commands_import_nothing_heavy(argv: list[str]) -> None:
    assert _imported(*argv) == set()


def test_validate_loads_neither_rules_nor_yaml_nor_pycountry_objects() -> None:
    assert _imported("validate", str(COMPLIANT)) == {"pydantic"}


def test_check_loads_the_rules_but_not_jsonschema() -> None:
    assert _imported("check", str(COMPLIANT)) == {
        "pydantic",
        "spocschema.checker",
        "spocschema.rules",
    }
