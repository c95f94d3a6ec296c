"""Exit codes, options, inputs and the rules, explain, init and schema commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import AS_OF, COMPLIANT, EXAMPLES, ROOT, run_cli, run_process
from spocschema.cli.inputs import STDIN_LABEL, expand

OFFICE_HOURS = EXAMPLES / "noncompliant-office-hours.json"
MINIMAL = EXAMPLES / "minimal-profile.json"


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> int:
    return run_cli(capsys, "check", "--as-of", AS_OF, *argv).code


# -- exit codes -----------------------------------------------------------------------------


def test_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _check(capsys, str(COMPLIANT)) == 0
    assert _check(capsys, str(OFFICE_HOURS)) == 1
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{"schema_version": "2.0"}')
    assert _check(capsys, str(invalid)) == 1
    assert run_cli(capsys, "validate", str(invalid)).code == 1
    unreadable = tmp_path / "x.json"
    unreadable.write_text("{")
    assert _check(capsys, str(unreadable), str(OFFICE_HOURS)) == 2


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["check", "--fail-on", "fatal", "x.json"],
        ["check", "--as-of", "2026-13-01", "x.json"],
        ["check", "--as-of", "yesterday", "x.json"],
        ["check", "--format", "xml", "x.json"],
        ["frobnicate"],
        ["explain"],
    ],
)
def test_usage_errors_are_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, *argv)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "usage:" in result.err


def test_fail_on_levels(capsys: pytest.CaptureFixture[str]) -> None:
    # The minimal profile leaves most facts unstated: warnings and infos, no errors.
    assert _check(capsys, str(MINIMAL)) == 0
    assert _check(capsys, "--fail-on", "warning", str(MINIMAL)) == 1
    assert _check(capsys, "--fail-on", "info", str(MINIMAL)) == 1
    assert _check(capsys, "--fail-on", "info", str(COMPLIANT)) == 0


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, "--ignore", "SPOC-A-0009", str(OFFICE_HOURS)) == 0
    assert _check(capsys, "--ignore", "Art 14(3)(a)(ii)", str(OFFICE_HOURS)) == 0
    assert _check(capsys, "--select", "SPOC-A-0001,SPOC-A-0002", str(OFFICE_HOURS)) == 0
    assert _check(capsys, "--select", "SPOC-A-0009", str(OFFICE_HOURS)) == 1
    result = run_cli(capsys, "check", "--select", "SPOC-A-9999", str(OFFICE_HOURS))
    assert result.code == 2
    assert "SPOC-A-9999" in result.err


def test_as_of_decides_upcoming_obligations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Art 13 (SIENA) binds from 12 June 2027: before that, a gap is only upcoming (info)."""
    data = json.loads(COMPLIANT.read_text(encoding="utf-8"))
    data["channels"]["siena"]["connected"] = False
    path = tmp_path / "no-siena.json"
    path.write_text(json.dumps(data))
    before = run_cli(capsys, "check", "--select", "Art 13(3)", "--as-of", "2026-01-01", str(path))
    assert before.code == 0
    assert "info SPOC-A-0039" in before.out
    after = run_cli(capsys, "check", "--select", "Art 13(3)", "--as-of", "2027-07-01", str(path))
    assert after.code == 1
    assert "error SPOC-A-0039" in after.out


def test_waivers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    entry = (
        'schema_version: "1.0"\nwaivers:\n  - rule_id: SPOC-A-0009\n'
        "    pointer: /availability\n    justification: Round-the-clock staffing from 2027.\n"
        "    expires_on: {date}\n"
    )
    waivers.write_text(entry.format(date="2099-01-01"))
    result = run_cli(capsys, "check", "--waivers", str(waivers), str(OFFICE_HOURS))
    assert result.code == 0
    line = next(x for x in result.out.splitlines() if "SPOC-A-0009" in x)
    assert ": waived SPOC-A-0009 " in line and ": error" not in line
    assert "[error waived: Round-the-clock staffing from 2027.; expires 2099-01-01]" in line
    waivers.write_text(entry.format(date="2020-01-01"))
    assert run_cli(capsys, "check", "--waivers", str(waivers), str(OFFICE_HOURS)).code == 1
    waivers.write_text("waivers: 3\n")
    bad = run_cli(capsys, "check", "--waivers", str(waivers), str(OFFICE_HOURS))
    assert bad.code == 2
    assert bad.err.startswith(f"spocschema: waivers: {waivers}")
    missing = run_cli(capsys, "check", "--waivers", str(tmp_path / "none.yaml"), str(COMPLIANT))
    assert missing.code == 2


def test_quiet_validate_prints_nothing_for_valid_files(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "validate", "--quiet", str(EXAMPLES))
    assert result.code == 0
    assert result.out == ""


# -- inputs ---------------------------------------------------------------------------------


def test_expand_directories_globs_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.YAML").write_text("{}")
    (tmp_path / "sub" / "c.yml").write_text("{}")
    (tmp_path / "sub" / "notes.txt").write_text("")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.json").write_text("{}")
    labels = [op.label for op in expand([str(tmp_path), "-"])]
    assert labels == [
        str(tmp_path / "a.json"),
        str(tmp_path / "sub" / "b.YAML"),
        str(tmp_path / "sub" / "c.yml"),
        STDIN_LABEL,
    ]
    globbed = expand([str(tmp_path / "**" / "*.yml"), str(tmp_path / "a.json")])
    assert [op.label for op in globbed] == [
        str(tmp_path / "sub" / "c.yml"),
        str(tmp_path / "a.json"),
    ]
    twice = expand([str(tmp_path / "a.json"), str(tmp_path / "a.json")])
    assert len(twice) == 1
    explicit = expand([str(tmp_path / "sub" / "notes.txt")])
    assert explicit[0].error is None  # a file named explicitly is read whatever its extension


def test_yaml_and_json_from_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    yaml_text = (EXAMPLES / "compliant-profile.yaml").read_bytes()
    assert run_cli(capsys, "check", "--as-of", AS_OF, "-", stdin=yaml_text).code == 0
    assert (
        run_cli(capsys, "check", "--as-of", AS_OF, "-", stdin=OFFICE_HOURS.read_bytes()).code == 1
    )


def test_real_process_and_module_entry_point() -> None:
    result = run_process("check", "--as-of", AS_OF, str(OFFICE_HOURS), cwd=ROOT)
    assert result.code == 1
    assert "SPOC-A-0009" in result.out
    assert run_process("--version").out.startswith("spocschema ")


# -- rules and explain ----------------------------------------------------------------------


def test_rules_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    from spocschema.request_check import REQUEST_RULES
    from spocschema.rules import all_rules, every_rule
    from spocschema.statistics_check import STATISTICS_RULES

    text = run_cli(capsys, "rules")
    assert text.code == 0
    listed = [line.split()[0] for line in text.out.splitlines() if line.startswith("SPOC-")]
    every = [rule.id for rule in every_rule()]
    assert sorted(listed) == sorted(every) and len(set(listed)) == len(listed)  # each once
    assert {r.id for r in all_rules()} | set(REQUEST_RULES) | set(STATISTICS_RULES) <= set(every)
    assert text.out.splitlines()[-1].startswith(f"{len(every)} rules;")
    data = json.loads(run_cli(capsys, "rules", "--format", "json").out)
    by_id = {rule["id"]: rule for rule in data["rules"]}
    assert list(by_id) == every  # one walk, in the order of the Directive
    assert by_id["SPOC-A-0009"]["document"] == "spoc-profile"
    assert by_id["SPOC-B-0003"]["document"] == "information-request"
    assert by_id["SPOC-C-0031"]["document"] == "annual-statistics"
    assert by_id["SPOC-N-0001"]["document"] == "network-report"
    assert by_id["SPOC-C-0031"]["legal_basis"][0]["citation"] == "Art 18(2)(c)"
    reference = by_id["SPOC-A-0009"]["legal_basis"][0]
    assert reference["instrument"] == "Directive (EU) 2023/977"
    assert reference["article"] == "14"
    assert reference["citation"] == "Art 14(3)(a)(ii)"


def test_explain(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "explain", "spoc-a-0009")
    assert result.code == 0
    out = result.out
    for heading in ("Legal basis:", "Why:", "How to fix:", "Fails", "Passes"):
        assert heading in out
    assert "Art 14(3)(a)(ii)" in out
    assert "CELEX 32023L0977" in out
    meta = json.loads(run_cli(capsys, "explain", "SPOC-A-0009", "--format", "json").out)
    assert meta["examples"]["failing"]["patch"]["availability"]["around_the_clock"] is False
    assert "SPOC-SCHEMA" in run_cli(capsys, "explain", "SPOC-SCHEMA").out
    unknown = run_cli(capsys, "explain", "SPOC-A-99999")
    assert unknown.code == 2
    assert unknown.err.startswith("spocschema explain: no rule")


@pytest.mark.parametrize(
    ("rule_id", "document", "citation", "severity", "basis"),
    [
        ("SPOC-B-0003", "information-request", "Art 4(4)", "error", "text"),
        ("spoc-c-0031", "annual-statistics", "Art 18(2)(c)", "warning", "consistency"),
        ("SPOC-N-0004", "network-report", "Art 11(1)", "error", "text"),
    ],
)
def test_explain_request_and_statistics_rules(
    capsys: pytest.CaptureFixture[str],
    rule_id: str,
    document: str,
    citation: str,
    severity: str,
    basis: str,
) -> None:
    """The IDs ``stats check`` and ``check_request`` report can be looked up like any other."""
    result = run_cli(capsys, "explain", rule_id)
    assert result.code == 0
    assert f"checks {document} documents" in result.out
    for heading in ("Legal basis:", "Why:", "How to fix:"):
        assert heading in result.out
    assert citation in result.out and "CELEX 32023L0977" in result.out
    meta = json.loads(run_cli(capsys, "explain", rule_id, "--format", "json").out)
    assert meta["id"] == rule_id.upper() and meta["document"] == document
    assert meta["severity"] == severity and meta["force"] == "MUST"
    assert meta["test_basis"] == basis and "Test basis:" in result.out
    assert "Verification:" in result.out


def test_explain_marks_unverified_references(capsys: pytest.CaptureFixture[str]) -> None:
    from spocschema.rules import all_rules

    unverified = next(rule for rule in all_rules() if rule.awaits_verification)
    out = run_cli(capsys, "explain", unverified.id).out
    assert "not yet verified against the Official Journal" in out


# -- schema ---------------------------------------------------------------------------------


def test_schema_print_list_and_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    printed = run_cli(capsys, "schema")
    assert json.loads(printed.out)["title"] == "SPOC profile"
    assert "report\t" in run_cli(capsys, "schema", "--list").out
    assert run_cli(capsys, "schema", "--check").code == 0
    assert run_cli(capsys, "schema", "nonsense").code == 2
    exported = run_cli(capsys, "schema", "--output", str(tmp_path))
    assert exported.code == 0
    for version in ("1.0", "1.1"):  # an export carries the frozen versions too
        assert (tmp_path / version / "spoc-profile.schema.json").is_file()
