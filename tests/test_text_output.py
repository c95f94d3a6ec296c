"""Text output reads as a person expects: grouped repeats, one hint per rule, plain words."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from cli_support import AS_OF, COMPLIANT, EXAMPLES, run_cli
from spocschema.cli.wording import human_duration, plural

MINIMAL = EXAMPLES / "minimal-profile.json"


@pytest.fixture
def few_tasks(tmp_path: Path) -> Path:
    """The compliant profile with one task and one CMS function left: 5 + 7 findings."""
    document = json.loads(COMPLIANT.read_text("utf-8"))
    document["tasks"] = document["tasks"][:1]
    document["tasks_complete"] = True  # a list declared complete: the missing tasks are not met
    functions = document["case_management_system"]["functions"]
    document["case_management_system"]["functions"] = functions[:1]
    path = tmp_path / "few-profile.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def _text(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    return run_cli(capsys, "check", "--as-of", AS_OF, *argv).out.splitlines()


def test_findings_that_differ_in_one_member_are_one_line(
    capsys: pytest.CaptureFixture[str], few_tasks: Path
) -> None:
    lines = _text(capsys, str(few_tasks))
    tasks = [line for line in lines if "(at /tasks)" in line]
    assert len(tasks) == 1, tasks
    assert "error SPOC-A-0003,SPOC-A-0004,SPOC-A-0005,SPOC-A-0006,SPOC-A-0007" in tasks[0]
    assert "[Art 14(2)(b), (c), (d), (e), (f)]" in tasks[0]
    assert "'coordinate_analysis', 'provide_information'" in tasks[0]
    functions = [line for line in lines if "(at /case_management_system/functions)" in line]
    assert len(functions) == 1 and functions[0].count("', '") == 6, functions
    assert lines[-1].startswith("FAILED: 1 file, 1 failed; 12 errors, 0 warnings, 0 infos")


def test_identical_messages_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _text(capsys, str(MINIMAL))
    tasks = [line for line in lines if "(at /tasks)" in line]
    assert len(tasks) == 1
    assert tasks[0].count("The profile does not list the SPOC's tasks.") == 1
    assert "SPOC-A-0002,SPOC-A-0003" in tasks[0]


def test_the_explain_hint_comes_once_per_rule(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _text(capsys, str(MINIMAL), str(MINIMAL))  # the same rules twice over
    hints = [line.strip() for line in lines if line.startswith("  help: ")]
    assert "help: spocschema explain SPOC-A-0001" in hints
    named = [
        word.strip(",()") for hint in hints for word in hint.split() if word.startswith("SPOC-")
    ]
    assert len(named) == len(set(named))  # never twice, even across files
    first = lines.index("  help: spocschema explain SPOC-A-0001")
    assert "SPOC-A-0001" in lines[first - 1]  # right under the rule's first finding
    quiet = _text(capsys, "--quiet", str(EXAMPLES / "noncompliant-office-hours.json"))
    assert not any(line.startswith("  help:") for line in quiet)  # --quiet: problems only


def test_a_waived_finding_does_not_start_with_its_severity(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "schema_version: '1.0'\nwaivers:\n  - rule_id: SPOC-A-0009\n    pointer: /availability\n"
        "    justification: Round-the-clock staffing from 2027.\n    expires_on: 2026-12-31\n",
        encoding="utf-8",
    )
    lines = _text(
        capsys, "--waivers", str(waivers), str(EXAMPLES / "noncompliant-office-hours.json")
    )
    waived = next(line for line in lines if "SPOC-A-0009" in line and "help" not in line)
    after_location = waived.split(": ", 1)[1]
    assert after_location.startswith("waived SPOC-A-0009"), waived
    assert not after_location.startswith("error")


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(days=248, hours=16), "248 days 16 hours"),
        (timedelta(days=1, minutes=5), "1 day 5 minutes"),
        (timedelta(hours=1, minutes=1, seconds=30), "1 hour 1 minute"),
        (timedelta(seconds=1), "1 second"),
        (timedelta(0), "0 seconds"),
        (-timedelta(hours=2), "2 hours"),
    ],
)
def test_durations_read_as_people_say_them(span: timedelta, words: str) -> None:
    assert human_duration(span) == words


def test_plurals() -> None:
    assert [plural(n, "warning") for n in (0, 1, 2)] == ["0 warnings", "1 warning", "2 warnings"]
    assert plural(1, "info") == "1 info" and plural(3, "info") == "3 infos"


def test_deadline_says_overdue_in_days_and_hours(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys,
        "deadline",
        "--received",
        "2026-03-27T10:00:00+01:00",
        "--not-urgent",
        "--at",
        "2026-12-07T02:00:00+01:00",
    )
    assert result.code == 1
    assert result.out.splitlines()[-1].endswith("overdue by 247 days 16 hours")
