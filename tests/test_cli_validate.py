"""``spocschema validate``: exit codes and one line per problem, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spocschema.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_valid_invalid_and_missing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(ROOT / "examples" / "minimal-profile.json")]) == 0
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{\n  "schema_version": "1.0",\n  "nmae": 1\n}', "utf-8")
    assert main(["validate", str(invalid)]) == 1  # regression: this used to crash
    out = capsys.readouterr().out
    assert f"{invalid}:3:3: error SPOC-SCHEMA: unknown key 'nmae'" in out
    assert "Traceback" not in out
    assert main(["validate", str(tmp_path / "absent.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: 1\na: 2\n", "utf-8")
    assert main(["validate", "--format", "json", str(broken)]) == 2  # unreadable, not invalid
    (result,) = json.loads(capsys.readouterr().out)["files"]
    assert result["status"] == "unreadable"
    assert result["problems"][0]["line"] == 2
