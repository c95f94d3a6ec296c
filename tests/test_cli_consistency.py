"""One command line: the same -f/-o everywhere, - for stdin, each command's own usage on a
mistake, ``validate`` by the schema a document names, and the commonest YAML slip explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import AS_OF, COMPLIANT, EXAMPLES, ROOT, run_cli
from spocschema import schemas

DOCS_EXAMPLES = ROOT / "docs" / "_examples"

#: Every command that writes output, with arguments that make it write some.
WRITERS = {
    "diff": ["diff", str(COMPLIANT), str(EXAMPLES / "noncompliant-no-english.json")],
    "network": ["network", "--as-of", AS_OF, "--expect", "eu_member_states", str(EXAMPLES)],
    "deadline": [
        "deadline",
        "--received",
        "2026-03-27T10:00:00+01:00",
        "--not-urgent",
        "--at",
        "2026-03-28T10:00:00+01:00",
    ],
    "rules": ["rules"],
    "explain": ["explain", "SPOC-A-0001"],
    "check": ["check", "--as-of", AS_OF, str(COMPLIANT)],
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_format_and_output_mean_the_same_everywhere(
    name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = WRITERS[name]
    on_stdout = run_cli(capsys, *argv, "-f", "json")
    json.loads(on_stdout.out)  # -f json is JSON on every command
    target = tmp_path / "out.json"
    written = run_cli(capsys, *argv, "-f", "json", "-o", str(target))
    assert written.code == on_stdout.code
    assert written.out == ""  # everything went to the file
    json.loads(target.read_text("utf-8"))
    long = run_cli(capsys, *argv, "--format", "json", "--output", str(target))
    assert long.code == on_stdout.code


def test_stats_check_reads_standard_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    built = tmp_path / "statistics-2025.json"
    export = str(DOCS_EXAMPLES / "cms-export.jsonl")
    assert run_cli(capsys, "stats", "build", export, "--year", "2025", "--state", "PT",
                   "-o", str(built)).code == 0  # fmt: skip
    result = run_cli(capsys, "stats", "check", "-", stdin=built.read_bytes())
    assert result.code == 0, result.err
    assert "no such file" not in result.err
    assert result.out.splitlines()[-1].startswith("<stdin>: passed")
    as_json = run_cli(capsys, "stats", "check", "-", "-f", "json", stdin=built.read_bytes())
    assert json.loads(as_json.out)["document"] == "<stdin>"


def test_diff_reads_one_side_from_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "diff", "-", str(COMPLIANT), stdin=COMPLIANT.read_bytes())
    assert result.code == 0, result.err
    both = run_cli(capsys, "diff", "-", "-", stdin=b"{}")
    assert both.code == 2 and "only one of OLD and NEW" in both.err


@pytest.mark.parametrize(
    "argv",
    [["check", "--bogus", "x.json"], ["stats", "check", "--bogus", "x.json"], ["rules", "-z"]],
)
def test_an_unknown_option_shows_the_subcommands_usage(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, *argv)
    assert result.code == 2
    prog = "spocschema " + " ".join(argv[:-1] if argv[0] == "stats" else argv[:1])
    prog = "spocschema stats check" if argv[0] == "stats" else f"spocschema {argv[0]}"
    assert result.err.startswith(f"usage: {prog} "), result.err
    assert f"{prog}: error: unrecognized arguments:" in result.err
    assert "COMMAND ..." not in result.err  # not the top-level usage


def _with_schema(path: Path, name: str, version: str, body: str) -> Path:
    schema_id = f"{schemas.BASE_URI}{version}/{name}.schema.json"
    path.write_text(f"$schema: {schema_id}\n{body}", encoding="utf-8")
    return path


def test_validate_dispatches_on_schema_and_says_which(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    waivers = _with_schema(
        tmp_path / "waivers.yaml",
        "waivers",
        "1.0",
        "schema_version: '1.0'\nwaivers:\n  - rule_id: SPOC-A-0009\n    pointer: /availability\n"
        "    justification: Staffing from 2027.\n    expires_on: 2027-01-01\n",
    )
    request = DOCS_EXAMPLES / "information-request.yaml"  # it names its schema, 1.1
    result = run_cli(capsys, "validate", str(waivers), str(request), str(COMPLIANT))
    assert result.code == 0, result.out
    assert f"{waivers}: valid (waivers 1.0)" in result.out
    assert f"{request}: valid (information-request 1.1)" in result.out
    own = json.loads(COMPLIANT.read_text("utf-8"))["$schema"].split("/")[-2]  # its version
    assert f"{COMPLIANT}: valid (spoc-profile {own})" in result.out
    minimal = EXAMPLES / "minimal-profile.json"  # no $schema: a profile, current version
    without = run_cli(capsys, "validate", str(minimal)).out
    assert f"{minimal}: valid (spoc-profile {schemas.SCHEMA_VERSION})" in without
    data = json.loads(run_cli(capsys, "validate", "-f", "json", str(waivers)).out)
    assert data["files"][0]["schema"] == f"{schemas.BASE_URI}1.0/waivers.schema.json"


def test_validate_checks_each_document_by_its_own_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # a waiver without its pointer breaks the waivers schema, not the profile schema
    waivers = _with_schema(
        tmp_path / "waivers.yaml", "waivers", "1.1",
        "schema_version: '1.0'\nwaivers:\n  - rule_id: SPOC-A-0009\n",
    )  # fmt: skip
    result = run_cli(capsys, "validate", str(waivers))
    assert result.code == 1
    assert "required key 'pointer' is missing" in result.out
    assert f"{waivers}: invalid (waivers 1.1)" in result.out
    unknown = tmp_path / "odd.yaml"
    unknown.write_text("$schema: https://example.org/other.schema.json\nx: 1\n", "utf-8")
    odd = run_cli(capsys, "validate", str(unknown))
    assert odd.code == 1 and "names no spocschema schema" in odd.out


def test_check_refuses_a_document_that_says_it_is_no_profile(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    waivers = _with_schema(tmp_path / "w.yaml", "waivers", "1.1", "schema_version: '1.0'\n")
    result = run_cli(capsys, "check", str(waivers))
    assert result.code == 1
    assert "not a SPOC profile" in result.out and "spocschema validate" in result.out


def test_unquoted_schema_version_says_write_it_in_quotes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = tmp_path / "draft-profile.yaml"
    profile.write_text(
        "schema_version: 1.0\nrevision_date: 2026-01-01\n"
        "state: {country: PT, status: eu_member_state}\nspoc: {name: Example SPOC (fictional)}\n",
        encoding="utf-8",
    )
    result = run_cli(capsys, "validate", str(profile))
    assert result.code == 1
    assert "is a number; write '1.0' in quotes (at /schema_version)" in result.out
    assert "must be '1.0'" not in result.out
