"""Every output format carries every problem and finding, with file, line, column and pointer."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cli_support import AS_OF, COMPLIANT, EXAMPLES, reference_file, run_cli
from spocschema.loading import load_document

OFFICE_HOURS = EXAMPLES / "noncompliant-office-hours.json"
OFFICE_POINTER = "/availability/around_the_clock"
FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"]


def _where(path: Path, pointer: str) -> tuple[int, int]:
    position = load_document(path).position(pointer)
    assert position is not None
    return position


@pytest.fixture
def invalid_profile(tmp_path: Path) -> Path:
    """A well-formed YAML file that breaks the schema at a known place."""
    text = (EXAMPLES / "compliant-profile.yaml").read_text(encoding="utf-8")
    path = tmp_path / "typo.yaml"
    path.write_text(text.replace("revision_date:", "revison_date:", 1), encoding="utf-8")
    return path


@pytest.fixture
def unreadable(tmp_path: Path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "a": 1,\n  "a": 2\n}')
    return path


def _check(capsys: pytest.CaptureFixture[str], fmt: str, *files: Path, extra: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "check", "--as-of", AS_OF, "--format", fmt, *extra, *map(str, files))


# -- SARIF ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    import jsonschema

    schema = json.loads(reference_file("sarif-schema-2.1.0.json").read_text())
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_is_valid_and_complete(
    capsys: pytest.CaptureFixture[str],
    sarif_validator: Any,
    invalid_profile: Path,
    unreadable: Path,
) -> None:
    result = _check(capsys, "sarif", EXAMPLES, invalid_profile, unreadable)
    assert result.code == 2
    log = json.loads(result.out)
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[0].message
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"SPOC-INPUT", "SPOC-SCHEMA", "SPOC-A-0009"}
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        physical = item["locations"][0]["physicalLocation"]
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1
        assert "://" not in physical["artifactLocation"]["uri"] or physical["artifactLocation"][
            "uri"
        ].startswith("file:")
    office = next(
        r
        for r in results
        if r["ruleId"] == "SPOC-A-0009"
        and "office-hours" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    line, column = _where(OFFICE_HOURS, OFFICE_POINTER)
    location = office["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "examples/noncompliant-office-hours.json"
    )
    assert location["physicalLocation"]["region"] == {"startLine": line, "startColumn": column}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == OFFICE_POINTER
    assert office["level"] == "error"
    descriptor = rules[office["ruleIndex"]]
    assert descriptor["properties"]["legal_basis"][0]["citation"] == "Art 14(3)(a)(ii)"
    assert descriptor["properties"]["legal_basis"][0]["celex"] == "32023L0977"
    assert descriptor["help"]["text"]
    schema_result = next(r for r in results if "revison_date" in r["message"]["text"])
    assert schema_result["locations"][0]["physicalLocation"]["region"]["startLine"] > 1
    assert "revison_date" in schema_result["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_relative_paths_for_code_scanning(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    result = _check(capsys, "sarif", Path("examples/noncompliant-office-hours.json"))
    log = json.loads(result.out)
    assert not list(sarif_validator.iter_errors(log))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {
        "uri": "examples/noncompliant-office-hours.json",
        "uriBaseId": "%SRCROOT%",
        "index": 0,
    }


def test_sarif_waived_finding_is_suppressed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sarif_validator: Any
) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        'schema_version: "1.0"\nwaivers:\n  - rule_id: SPOC-A-0009\n'
        f"    pointer: {OFFICE_POINTER}\n    justification: Staffing plan approved.\n"
        "    expires_on: 2099-12-31\n"
    )
    result = _check(capsys, "sarif", OFFICE_HOURS, extra=("--waivers", str(waivers)))
    assert result.code == 0
    log = json.loads(result.out)
    assert not list(sarif_validator.iter_errors(log))
    office = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "SPOC-A-0009")
    assert office["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Staffing plan approved.",
            "properties": {"waiver_state": "waived", "expires_on": "2099-12-31"},
        }
    ]


# -- JUnit ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def junit_schema() -> Any:
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(reference_file("junit.xsd")))


@pytest.mark.parametrize("command", ["validate", "check"])
def test_junit_is_valid(
    command: str,
    capsys: pytest.CaptureFixture[str],
    junit_schema: Any,
    invalid_profile: Path,
    unreadable: Path,
) -> None:
    result = run_cli(
        capsys, command, "--format", "junit", str(EXAMPLES), str(invalid_profile), str(unreadable)
    )
    assert result.code == 2
    junit_schema.validate(result.out)
    from xml.etree import ElementTree as ET

    root = ET.fromstring(result.out)
    suites = root.findall("testsuite")
    assert len(suites) == len(list(EXAMPLES.glob("*.*"))) + 2
    by_file = {s.find("properties/property[@name='file']").get("value"): s for s in suites}  # type: ignore[union-attr]
    bad = by_file[str(unreadable)]
    assert bad.get("errors") == "1"
    assert f"{unreadable}:3:3" in (bad.find("testcase/error").text or "")  # type: ignore[union-attr]
    typo = by_file[str(invalid_profile)]
    failure = typo.find("testcase[@name='structure']/failure")
    assert failure is not None
    assert "revison_date" in (failure.text or "")
    if command == "check":
        office = by_file[str(OFFICE_HOURS)]
        failing = [c for c in office.findall("testcase") if c.find("failure") is not None]
        assert len(failing) == 1
        line, column = _where(OFFICE_HOURS, OFFICE_POINTER)
        assert f"{OFFICE_HOURS}:{line}:{column}" in (failing[0].find("failure").text or "")  # type: ignore[union-attr]
        assert "Art 14(3)(a)(ii)" in failing[0].get("name", "")


def test_junit_escapes_control_characters(
    capsys: pytest.CaptureFixture[str], junit_schema: Any, tmp_path: Path
) -> None:
    path = tmp_path / "ctrl.json"
    path.write_text('{"\\u0001bad\\u001b": 1}')
    result = run_cli(capsys, "validate", "--format", "junit", str(path))
    junit_schema.validate(result.out)


# -- JSON -----------------------------------------------------------------------------------


def test_json_envelope_and_reports_follow_the_report_schema(
    capsys: pytest.CaptureFixture[str], invalid_profile: Path, unreadable: Path
) -> None:
    from spocschema.schemas import validator_for

    result = _check(capsys, "json", COMPLIANT, OFFICE_HOURS, invalid_profile, unreadable)
    assert result.code == 2
    data = json.loads(result.out)
    assert data["command"] == "check"
    assert data["exit_code"] == 2
    assert data["passed"] is False
    assert data["summary"]["files"] == 4
    assert data["summary"]["unreadable"] == 1
    assert data["summary"]["invalid"] == 1
    statuses = [entry["status"] for entry in data["files"]]
    assert statuses == ["passed", "failed", "invalid", "unreadable"]
    report_validator = validator_for("report")
    for entry in data["files"][:2]:
        assert not list(report_validator.iter_errors(entry["report"]))
    office = data["files"][1]["report"]["findings"]
    finding = next(f for f in office if f["rule_id"] == "SPOC-A-0009")
    line, column = _where(OFFICE_HOURS, OFFICE_POINTER)
    assert (finding["file"], finding["line"], finding["column"]) == (
        str(OFFICE_HOURS),
        line,
        column,
    )
    problem = data["files"][2]["problems"][0]
    assert problem["file"] == str(invalid_profile)
    assert problem["line"] > 1
    assert problem["column"] >= 1
    assert data["files"][3]["problems"][0]["line"] == 3


def test_json_shape_is_the_same_for_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_check(capsys, "json", COMPLIANT).out)
    assert [entry["file"] for entry in data["files"]] == [str(COMPLIANT)]
    assert data["files"][0]["report"]["schema_version"] == "1.1"


# -- GitHub and Markdown --------------------------------------------------------------------


def test_github_annotations(capsys: pytest.CaptureFixture[str], invalid_profile: Path) -> None:
    result = _check(capsys, "github", OFFICE_HOURS, invalid_profile)
    line, column = _where(OFFICE_HOURS, OFFICE_POINTER)
    assert (
        f"::error file={OFFICE_HOURS},line={line},col={column},title=SPOC-A-0009 Art 14(3)(a)(ii)::"
        in result.out
    )
    schema_line = next(x for x in result.out.splitlines() if "SPOC-SCHEMA" in x)
    assert re.match(
        rf"::error file={re.escape(str(invalid_profile))},line=\d+,col=\d+,", schema_line
    )


def test_github_escapes_properties_and_data() -> None:
    from spocschema.cli.reporters.common import Item
    from spocschema.cli.reporters.github import annotation

    item = Item("dir,x/a:b.json", "R-1", "warning", "50% done\nnext", "/p", 2, 3, "finding")
    assert annotation(item) == (
        "::warning file=dir%2Cx/a%3Ab.json,line=2,col=3,title=R-1::50%25 done%0Anext (at /p)"
    )


def test_markdown_summary(capsys: pytest.CaptureFixture[str], invalid_profile: Path) -> None:
    result = _check(capsys, "markdown", COMPLIANT, OFFICE_HOURS, invalid_profile)
    out = result.out
    assert out.startswith("## spocschema check: failed")
    assert f"| `{COMPLIANT}` | passed | 0 |" in out
    line, column = _where(OFFICE_HOURS, OFFICE_POINTER)
    assert f"`{OFFICE_HOURS}:{line}:{column}` `{OFFICE_POINTER}`" in out
    assert "`SPOC-SCHEMA`" in out


def test_markdown_cells_cannot_break_the_table() -> None:
    from spocschema.cli.reporters.markdown import _cell

    assert _cell("a | b <script>\nc") == "a \\| b &lt;script> c"


# -- text, colour, output file ---------------------------------------------------------------


def test_text_lines_and_summary(capsys: pytest.CaptureFixture[str], invalid_profile: Path) -> None:
    result = _check(capsys, "text", COMPLIANT, OFFICE_HOURS, invalid_profile)
    assert result.code == 1
    line, column = _where(OFFICE_HOURS, OFFICE_POINTER)
    assert f"{OFFICE_HOURS}:{line}:{column}: error SPOC-A-0009 [Art 14(3)(a)(ii)]: " in result.out
    assert f"{COMPLIANT}: passed" in result.out
    assert re.search(rf"{re.escape(str(invalid_profile))}:\d+:\d+: error SPOC-SCHEMA: ", result.out)
    assert result.out.splitlines()[-1].startswith("FAILED: 3 files, 1 passed, 1 failed, 1 invalid")
    assert "\x1b[" not in result.out  # not a terminal


def test_colour_on_request_and_no_color(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[31m" in _check(capsys, "text", OFFICE_HOURS, extra=("--color", "always")).out
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _check(capsys, "text", OFFICE_HOURS).out
    from spocschema.cli.engine import use_colour

    monkeypatch.delenv("NO_COLOR")
    assert use_colour("auto", None) is True
    assert use_colour("auto", "out.txt") is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour("auto", None) is False
    assert use_colour("always", None) is True


def test_quiet_prints_only_failing_findings(capsys: pytest.CaptureFixture[str]) -> None:
    result = _check(capsys, "text", COMPLIANT, OFFICE_HOURS, extra=("--quiet",))
    assert result.out.splitlines() == [
        line for line in result.out.splitlines() if ": error " in line
    ]
    assert len(result.out.splitlines()) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file(fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / f"out.{fmt}"
    result = _check(capsys, fmt, OFFICE_HOURS, extra=("--output", str(target)))
    assert result.code == 1
    assert result.out == ""
    assert "SPOC-A-0009" in target.read_text(encoding="utf-8")


def test_unwritable_output_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = _check(capsys, "json", COMPLIANT, extra=("--output", str(tmp_path / "no" / "x.json")))
    assert result.code == 2
    assert result.err.startswith("spocschema: cannot write")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_structure_problems_with_positions(
    fmt: str, capsys: pytest.CaptureFixture[str], invalid_profile: Path
) -> None:
    result = run_cli(capsys, "validate", "--format", fmt, str(invalid_profile))
    assert result.code == 1
    position = load_document(invalid_profile).position("/revison_date")
    assert position is not None
    line, column = position
    assert "revison_date" in result.out
    text = result.out
    if fmt == "json":
        problems = json.loads(text)["files"][0]["problems"]
        problem = next(p for p in problems if "revison_date" in p["message"])
        assert (problem["line"], problem["column"]) == (line, column)
    elif fmt == "sarif":
        results = json.loads(text)["runs"][0]["results"]
        found = next(r for r in results if "revison_date" in r["message"]["text"])
        region = found["locations"][0]["physicalLocation"]["region"]
        assert region == {"startLine": line, "startColumn": column}
    elif fmt == "github":
        assert f"line={line},col={column}" in text
    else:
        assert f"{invalid_profile}:{line}:{column}" in text
