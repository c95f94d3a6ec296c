"""End-to-end smoke tests: the README's promises on the bundled examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spocschema import load_profile
from spocschema.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_readme_command_validates_bundled_example() -> None:
    assert main(["validate", str(EXAMPLES / "compliant-profile.json")]) == 0


def test_every_bundled_example_loads() -> None:
    files = sorted(EXAMPLES.glob("*.json")) + sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        profile = load_profile(path)
        assert profile.schema_version in ("1.0", "1.1")


def test_yaml_example_keeps_norway_a_string() -> None:
    profile = load_profile(EXAMPLES / "compliant-profile.yaml")
    assert profile.state.country == "NO"
    assert profile.extensions == {"x-national-reference": "EXAMPLE-0001"}


def test_readme_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "the README has a Python example"
    monkeypatch.chdir(EXAMPLES.parent)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "SPOC-A-0034 Art 11(1) error" in out
