"""SARIF that code scanning can track: a page per rule, and fingerprints that survive edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import AS_OF, EXAMPLES, run_cli

OFFICE_HOURS = EXAMPLES / "noncompliant-office-hours.json"


def _sarif(capsys: pytest.CaptureFixture[str], *files: Path) -> dict:  # type: ignore[type-arg]
    result = run_cli(capsys, "check", "--as-of", AS_OF, "-f", "sarif", *map(str, files))
    return json.loads(result.out)["runs"][0]  # type: ignore[no-any-return]


def test_each_rule_links_its_own_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken-profile.json"
    broken.write_text('{"schema_version": "1.0", "nmae": 1}', encoding="utf-8")
    run = _sarif(capsys, EXAMPLES / "minimal-profile.json", broken)
    uris = {rule["id"]: rule["helpUri"] for rule in run["tool"]["driver"]["rules"]}
    assert uris["SPOC-A-0034"] == "https://spocschema.readthedocs.io/rules/SPOC-A-0034.html"
    assert uris["SPOC-D-0001"] == "https://spocschema.readthedocs.io/rules/SPOC-D-0001.html"
    assert uris["SPOC-SCHEMA"].endswith("/cli.html#output-formats")
    assert len(set(uris.values())) == len(uris)  # no two rules share a page


def test_fingerprints_ignore_line_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    profile = Path("spoc-profile.json")
    text = OFFICE_HOURS.read_text("utf-8")
    profile.write_text(text, encoding="utf-8")
    before = _sarif(capsys, profile)["results"]
    # the same document, every line moved down: the findings are the same findings
    profile.write_text("\n\n\n" + text, encoding="utf-8")
    after = _sarif(capsys, profile)["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after
    ]
    prints = [r["partialFingerprints"] for r in before]
    assert prints == [r["partialFingerprints"] for r in after]
    values = [next(iter(p.values())) for p in prints]
    assert len(set(values)) == len(values)  # distinct findings, distinct fingerprints
    # another file with the same finding is another alert
    other = Path("other-profile.json")
    other.write_text(text, encoding="utf-8")
    elsewhere = _sarif(capsys, other)["results"]
    assert elsewhere[0]["partialFingerprints"] != prints[0]
