"""Passed, incomplete or failed: a profile that states nothing must never look like a pass.

The minimal example states no fact the rules can judge (every obligation "not assessable") and
the unedited ``init`` template likewise; both must read "incomplete" in every output format,
exit 0 by default (the exit code follows the fail level) and exit 1 with
``--fail-on-incomplete``. The compliant example is the one that passes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cli_support import AS_OF, COMPLIANT, EXAMPLES, reference_file, run_cli
from spocschema import check

MINIMAL = EXAMPLES / "minimal-profile.json"
OFFICE_HOURS = EXAMPLES / "noncompliant-office-hours.json"


def _check(capsys: pytest.CaptureFixture[str], fmt: str, *files: Path, extra: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "check", "--as-of", AS_OF, "-f", fmt, *extra, *map(str, files))


def test_report_summary_says_incomplete_passed_or_failed() -> None:
    assert check(MINIMAL, as_of=AS_OF).summary.verdict.value == "incomplete"  # type: ignore[union-attr]
    assert check(COMPLIANT, as_of=AS_OF).summary.verdict.value == "passed"  # type: ignore[union-attr]
    assert check(OFFICE_HOURS, as_of=AS_OF).summary.verdict.value == "failed"  # type: ignore[union-attr]
    minimal = check(MINIMAL, as_of=AS_OF).to_document()
    assert minimal["schema_version"] == "1.1"
    assert minimal["summary"]["passed"] is True  # nothing at or above the fail level ...
    assert minimal["summary"]["verdict"] == "incomplete"  # ... but no pass to show people


def test_text_never_calls_the_minimal_example_passed(capsys: pytest.CaptureFixture[str]) -> None:
    result = _check(capsys, "text", MINIMAL)
    assert result.code == 0
    assert f"{MINIMAL}: passed" not in result.out
    assert f"{MINIMAL}: incomplete" in result.out
    last = result.out.splitlines()[-1]
    assert last.startswith("INCOMPLETE: 1 file, 1 incomplete;"), last
    assert not re.search(r"\bOK\b", last)
    passed = _check(capsys, "text", COMPLIANT)
    assert passed.out.splitlines()[-1].startswith("OK: 1 file, 1 passed;")


def test_fail_on_incomplete_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, "text", MINIMAL, extra=("--fail-on-incomplete",)).code == 1
    assert _check(capsys, "text", COMPLIANT, extra=("--fail-on-incomplete",)).code == 0


def test_the_unedited_template_is_incomplete(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    template = tmp_path / "my-spoc-profile.yaml"
    assert run_cli(capsys, "init", "-o", str(template)).code == 0
    result = _check(capsys, "text", template)
    assert f"{template}: incomplete" in result.out
    assert "passed" not in result.out.replace("not a pass", "")


def test_json_envelope_carries_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_check(capsys, "json", MINIMAL, COMPLIANT).out)
    assert data["verdict"] == "incomplete"
    assert [entry["status"] for entry in data["files"]] == ["incomplete", "passed"]
    assert data["summary"]["incomplete"] == 1 and data["summary"]["passed"] == 1
    assert data["files"][0]["report"]["summary"]["verdict"] == "incomplete"


def test_sarif_junit_github_markdown_say_incomplete(capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    sarif = json.loads(_check(capsys, "sarif", MINIMAL).out)
    schema = json.loads(reference_file("sarif-schema-2.1.0.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["properties"]["verdict"] == "incomplete"
    assert (
        "incomplete, not passed" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    )

    suites = ET.fromstring(_check(capsys, "junit", MINIMAL).out)
    suite = suites.find("testsuite")
    assert suite is not None
    verdict = suite.find("properties/property[@name='verdict']")
    assert verdict is not None and verdict.get("value") == "incomplete"
    assert int(suite.get("skipped", "0")) >= 40  # not assessable obligations are no green pass
    assert suite.findtext("system-out") == "incomplete"

    github = _check(capsys, "github", MINIMAL).out
    assert "title=spocschema incomplete::" in github
    assert github.splitlines()[-1].startswith("spocschema check: incomplete")

    markdown = _check(capsys, "markdown", MINIMAL).out
    assert markdown.startswith("## spocschema check: incomplete")
    assert "| incomplete |" in markdown


def test_exit_codes_are_documented_with_incomplete(capsys: pytest.CaptureFixture[str]) -> None:
    import spocschema.cli

    assert "incomplete" in (spocschema.cli.__doc__ or "")
    assert "--fail-on-incomplete" in run_cli(capsys, "check", "--help").out
    guide = (Path(__file__).parents[1] / "docs" / "cli.md").read_text("utf-8")
    assert "--fail-on-incomplete" in guide
