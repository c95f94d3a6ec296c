"""Waivers that stay honest: merged files, waivers that can never match, audit, baseline.

Each ``--waivers`` regression here failed on the main branch before this change: a second
file replaced the first, and a waiver for an unknown, wrongly cased or wildcard rule ID, or
for a pointer with a trailing slash, silently waived nothing.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_support import AS_OF, COMPLIANT, EXAMPLES, run_cli, shared_dir
from spocschema import check, schemas
from spocschema.errors import DocumentError
from spocschema.loading import load_document
from spocschema.testing import profile_documents
from spocschema.waivers import (
    PLACEHOLDER_JUSTIFICATION,
    PLACEHOLDER_OWNER,
    WaiverDocument,
    unknown_place,
)

OFFICE_HOURS = EXAMPLES / "noncompliant-office-hours.json"
MINIMAL = EXAMPLES / "minimal-profile.json"
OFFICE = {"rule_id": "SPOC-A-0009", "pointer": "/availability/around_the_clock"}
#: A warning of an EU MUST rule (a fact not stated), in the minimal profile.
ESTABLISHED = {"rule_id": "SPOC-A-0001", "pointer": "/spoc/designation_evidence"}
EXAMPLES_COUNT = int(os.environ.get("SPOCSCHEMA_HYPOTHESIS_EXAMPLES", "150"))


def _write(path: Path, *entries: dict[str, Any], version: str = "1.1") -> Path:
    path.write_text(json.dumps({"schema_version": version, "waivers": list(entries)}), "utf-8")
    return path


def _entry(base: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {"justification": "Fictional transition plan.", **base, **extra}


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    return run_cli(capsys, "check", "--as-of", AS_OF, *argv)


# -- issue 13: several files, and waivers that can never match -------------------------------


def test_a_second_waivers_file_is_merged_not_replacing_the_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = _write(tmp_path / "a.json", _entry(OFFICE, expires_on="2099-01-01"))
    second = _write(tmp_path / "b.json", _entry(ESTABLISHED))
    result = _check(
        capsys, "--format", "json", "--waivers", str(first), "--waivers", str(second),
        str(OFFICE_HOURS), str(MINIMAL),
    )  # fmt: skip
    assert result.code == 0, result.err
    findings = {
        (f["rule_id"], f["pointer"]): f["waived"]
        for file in json.loads(result.out)["files"]
        for f in file["report"]["findings"]
    }
    assert findings[("SPOC-A-0009", OFFICE["pointer"])] is True  # from the first file
    assert findings[("SPOC-A-0001", ESTABLISHED["pointer"])] is True  # from the second


def test_the_same_waivers_file_twice_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    waivers = _write(tmp_path / "w.json", _entry(OFFICE, expires_on="2099-01-01"))
    result = _check(capsys, "--waivers", str(waivers), "--waivers", str(waivers), str(COMPLIANT))
    assert result.code == 2
    assert "given twice" in result.err


@pytest.mark.parametrize(
    ("rule_id", "pointer", "says"),
    [
        ("SPOC-A-9999", "/availability", "is not the ID of any rule"),
        ("spoc-a-0009", "/availability", "did you mean 'SPOC-A-0009'"),
        ("*", "/availability", "is a wildcard"),
        ("SPOC-A-*", "/availability", "is a wildcard"),
        ("SPOC-A-0009", "/availability/", "ends with '/'"),
        ("SPOC-A-0009", "/availabilty", "names 'availabilty'"),
        ("SPOC-A-0009", "/availability/around_the_clock/x", "names 'x'"),
        ("SPOC-A-0009", "/contact_points/01", "names '01'"),
    ],
)
def test_a_waiver_that_can_never_match_is_an_error_naming_file_and_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rule_id: str, pointer: str, says: str
) -> None:
    good = _entry(OFFICE, expires_on="2099-01-01")
    path = tmp_path / "waivers.yaml"
    path.write_text(
        'schema_version: "1.1"\nwaivers:\n'
        f"  - rule_id: {json.dumps(good['rule_id'])}\n    pointer: {json.dumps(good['pointer'])}\n"
        "    justification: Fine.\n    expires_on: 2099-01-01\n"
        f"  - rule_id: {json.dumps(rule_id)}\n    pointer: {json.dumps(pointer)}\n"
        "    justification: Typo.\n    expires_on: 2099-01-01\n",
        "utf-8",
    )
    result = _check(capsys, "--waivers", str(path), str(OFFICE_HOURS))
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert line.startswith(f"spocschema: waivers: {path}:7")  # the second entry's line
    assert "waiver 2" in line and says in line and "can never match" in line
    # The library refuses the same waiver, naming the file.
    with pytest.raises(DocumentError) as error:
        check(OFFICE_HOURS, as_of=AS_OF, waivers=path)
    assert error.value.source == str(path) and says in str(error.value)


def test_pointers_inside_extensions_and_lists_can_match() -> None:
    schema = schemas.load("spoc-profile")
    assert unknown_place("", schema) is None
    assert unknown_place("/contact_points/0/value", schema) is None
    assert unknown_place("/x-national/anything/below", schema) is None
    assert unknown_place("/organisation/composition/2", schema) is None
    assert unknown_place("/organisation/compositio", schema) == "compositio"


# -- an EU MUST error needs an expiry date ----------------------------------------------------


def test_a_waiver_without_expiry_never_silences_an_eu_must_error() -> None:
    waivers = {"schema_version": "1.1", "waivers": [_entry(OFFICE)]}
    report = check(OFFICE_HOURS, as_of=AS_OF, waivers=waivers)
    (finding,) = [f for f in report.findings if f.rule_id == "SPOC-A-0009"]
    assert finding.severity.value == "error" and not finding.waived
    assert finding.waiver is not None and finding.waiver.refused is not None
    assert finding.waiver.expires_on is None and not finding.waiver.expired
    assert "waiver not applied" in finding.message
    assert not report.summary.passed
    # With an expiry date the same waiver waives.
    dated = {"schema_version": "1.1", "waivers": [_entry(OFFICE, expires_on="2027-01-01")]}
    assert check(OFFICE_HOURS, as_of=AS_OF, waivers=dated).summary.passed


def test_a_waiver_without_expiry_waives_a_warning() -> None:
    waivers = {"schema_version": "1.1", "waivers": [_entry(ESTABLISHED)]}
    report = check(MINIMAL, as_of=AS_OF, waivers=waivers)
    (finding,) = [f for f in report.findings if f.pointer == ESTABLISHED["pointer"]]
    assert finding.severity.value == "warning" and finding.waived
    assert finding.waiver is not None and finding.waiver.refused is None


def test_a_dated_waiver_is_preferred_over_an_undated_one_for_a_must_error() -> None:
    waivers = {
        "schema_version": "1.1",
        "waivers": [_entry(OFFICE), _entry(OFFICE, expires_on="2027-01-01", owner="Unit B")],
    }
    (finding,) = check(OFFICE_HOURS, as_of=AS_OF, waivers=waivers).findings
    assert finding.waived and finding.waiver is not None and finding.waiver.owner == "Unit B"


def test_needs_expiry_notice_and_exit_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    waivers = _write(tmp_path / "w.json", _entry(OFFICE))
    result = _check(capsys, "--waivers", str(waivers), str(OFFICE_HOURS))
    assert result.code == 1
    assert "has no expires_on" in result.err
    assert "waiver not applied" in result.out


# -- the audit: unused and expiring waivers ---------------------------------------------------


def test_unused_waivers_are_reported_and_can_fail_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    waivers = _write(
        tmp_path / "w.json",
        _entry(OFFICE, expires_on="2099-01-01"),
        _entry({"rule_id": "SPOC-A-0009", "pointer": "/availability/time_zone"},
               expires_on="2099-01-01"),
    )  # fmt: skip
    result = _check(capsys, "--waivers", str(waivers), str(OFFICE_HOURS))
    assert result.code == 0
    unused = [line for line in result.err.splitlines() if "matched no finding" in line]
    assert len(unused) == 1
    assert unused[0].startswith(f"spocschema: waivers: {waivers}:1: waiver 2 (SPOC-A-0009 at ")
    strict = _check(
        capsys, "--waivers", str(waivers), "--fail-on-unused-waivers", str(OFFICE_HOURS)
    )
    assert strict.code == 1
    used_only = _write(tmp_path / "u.json", _entry(OFFICE, expires_on="2099-01-01"))
    clean = _check(
        capsys, "--waivers", str(used_only), "--fail-on-unused-waivers", str(OFFICE_HOURS)
    )
    assert clean.code == 0 and clean.err == ""


def test_waivers_expiring_within_the_window_are_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    waivers = _write(tmp_path / "w.json", _entry(OFFICE, expires_on="2026-12-02"))  # 10 days
    result = _check(capsys, "--waivers", str(waivers), str(OFFICE_HOURS))
    assert result.code == 0
    assert "expires in 10 days (2026-12-02)" in result.err
    narrow = _check(capsys, "--waivers", str(waivers), "--expiry-window", "9", str(OFFICE_HOURS))
    assert narrow.code == 0 and "expires" not in narrow.err
    assert _check(capsys, "--expiry-window", "-1", str(COMPLIANT)).code == 2


# -- the baseline ----------------------------------------------------------------------------


def test_baseline_waives_every_current_finding_and_keeps_warning_until_completed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    baseline = tmp_path / "spoc-waivers.yaml"
    first = _check(capsys, "--baseline-out", str(baseline), str(OFFICE_HOURS), str(MINIMAL))
    assert first.code == 1  # writing a baseline does not change this run's verdict
    assert f"wrote 61 waivers to {baseline}" in first.err or "waivers to" in first.err
    text = baseline.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    document = WaiverDocument.model_validate(load_document(baseline).data)
    assert not list(schemas.validator_for("waivers").iter_errors(load_document(baseline).data))
    assert {w.justification for w in document.waivers} == {PLACEHOLDER_JUSTIFICATION}
    assert {w.owner for w in document.waivers} == {PLACEHOLDER_OWNER}
    assert {str(w.expires_on) for w in document.waivers} == {"2027-02-20"}  # 90 days on
    keys = {(w.document, w.rule_id, w.pointer) for w in document.waivers}
    assert len(keys) == len(document.waivers)
    assert {w.document for w in document.waivers} == {
        os.path.relpath(path, tmp_path) for path in (OFFICE_HOURS, MINIMAL)
    }

    adopted = _check(capsys, "--waivers", str(baseline), str(OFFICE_HOURS), str(MINIMAL))
    assert adopted.code == 0, adopted.out
    assert "placeholder" in adopted.err
    shown = [line for line in adopted.err.splitlines() if "justification is still" in line]
    assert len(shown) == 5
    hidden = len(document.waivers) - len(shown)  # every waiver of the baseline has one notice
    assert f"... and {hidden} more placeholder justification notices" in adopted.err
    # The placeholders are warnings: a run that fails on warnings fails on them.
    strict = _check(capsys, "--fail-on", "warning", "--waivers", str(baseline), str(MINIMAL))
    assert strict.code == 1

    # A new finding is not covered by the baseline, so CI fails on it alone.
    new = tmp_path / "new.json"
    data = json.loads(COMPLIANT.read_text("utf-8"))
    data["availability"]["around_the_clock"] = False
    new.write_text(json.dumps(data), "utf-8")
    only_new = _check(capsys, "--waivers", str(baseline), str(new))
    assert only_new.code == 1

    completed = tmp_path / "done.yaml"
    completed.write_text(
        text.replace(
            PLACEHOLDER_JUSTIFICATION, "Fictional plan agreed with the Head of SPOC."
        ).replace(PLACEHOLDER_OWNER, "SPOC front office"),
        "utf-8",
    )
    done = _check(capsys, "--fail-on", "warning", "--waivers", str(completed), str(MINIMAL))
    assert "placeholder" not in done.err


def test_baseline_options_are_checked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    waivers = _write(tmp_path / "w.json", _entry(OFFICE, expires_on="2099-01-01"))
    same = _check(capsys, "--waivers", str(waivers), "--baseline-out", str(waivers), str(COMPLIANT))
    assert same.code == 2 and "also a --waivers file" in same.err
    copy = tmp_path / "p.json"
    copy.write_bytes(COMPLIANT.read_bytes())
    assert _check(capsys, "--baseline-out", str(copy), str(copy)).code == 2
    assert copy.read_bytes() == COMPLIANT.read_bytes()
    dated = tmp_path / "b.json"
    result = _check(
        capsys, "--baseline-out", str(dated), "--baseline-expires-on", "2027-03-31",
        str(OFFICE_HOURS),
    )  # fmt: skip
    assert result.code == 1
    document = json.loads(dated.read_text("utf-8"))
    assert document["waivers"][0]["expires_on"] == "2027-03-31"
    assert _check(capsys, "--baseline-expires-on", "2027-03-31", str(COMPLIANT)).code == 2
    unwritable = _check(capsys, "--baseline-out", str(tmp_path / "no" / "b.yaml"), str(COMPLIANT))
    assert unwritable.code == 2 and "cannot write" in unwritable.err


def test_a_1_0_waiver_file_still_works(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    waivers = _write(tmp_path / "w.json", _entry(OFFICE, expires_on="2099-01-01"), version="1.0")
    assert _check(capsys, "--waivers", str(waivers), str(OFFICE_HOURS)).code == 0
    frozen = json.loads((schemas.source_schema_dir() / "1.0" / "waivers.schema.json").read_text())
    from jsonschema import Draft202012Validator

    assert Draft202012Validator(frozen).is_valid(json.loads(waivers.read_text("utf-8")))


# -- waived findings in every format ----------------------------------------------------------


@pytest.fixture
def dated(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "w.json",
        _entry(OFFICE, expires_on="2099-01-01", owner="SPOC front office",
               justification="Fictional staffing plan."),
    )  # fmt: skip


def test_text_shows_waived_findings_as_waived(
    capsys: pytest.CaptureFixture[str], dated: Path
) -> None:
    result = _check(capsys, "--waivers", str(dated), str(OFFICE_HOURS))
    (line,) = [x for x in result.out.splitlines() if "SPOC-A-0009" in x]
    _, _, rest = line.partition(": ")
    assert rest.startswith("waived SPOC-A-0009")
    assert not re.search(r"^\S+: error", line)
    assert "[error waived: Fictional staffing plan.; owner: SPOC front office; " in line
    assert "expires 2099-01-01]" in line


def test_sarif_suppressions_accepted_and_rejected(
    capsys: pytest.CaptureFixture[str], dated: Path, tmp_path: Path
) -> None:
    import jsonschema

    schema = json.loads((shared_dir() / "reference" / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    result = _check(capsys, "--format", "sarif", "--waivers", str(dated), str(OFFICE_HOURS))
    log = json.loads(result.out)
    assert not list(validator.iter_errors(log))
    (office,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "SPOC-A-0009"]
    assert office["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Fictional staffing plan.",
            "properties": {
                "waiver_state": "waived",
                "expires_on": "2099-01-01",
                "owner": "SPOC front office",
            },
        }
    ]
    expired = _write(tmp_path / "e.json", _entry(OFFICE, expires_on="2026-01-01"))
    unused = _entry({"rule_id": "SPOC-A-0010", "pointer": ""}, expires_on="2099-01-01")
    _write(expired, _entry(OFFICE, expires_on="2026-01-01"), unused)
    log = json.loads(
        _check(capsys, "--format", "sarif", "--waivers", str(expired), str(OFFICE_HOURS)).out
    )
    assert not list(validator.iter_errors(log))
    (office,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "SPOC-A-0009"]
    assert office["suppressions"][0]["status"] == "rejected"
    assert office["suppressions"][0]["properties"]["waiver_state"] == "expired"
    (notice,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notice["descriptor"]["id"] == "waiver-unused"
    assert "SPOC-A-0010" in notice["message"]["text"]


def test_junit_json_and_html_show_justification_and_expiry(
    capsys: pytest.CaptureFixture[str], dated: Path, tmp_path: Path
) -> None:
    junit = _check(capsys, "--format", "junit", "--waivers", str(dated), str(OFFICE_HOURS)).out
    assert re.search(
        r'<skipped message="waived: Fictional staffing plan.; owner: SPOC front office; '
        r'expires 2099-01-01"',
        junit,
    )
    xmlschema = pytest.importorskip("xmlschema")
    xmlschema.XMLSchema(str(shared_dir() / "reference" / "junit.xsd")).validate(junit)

    envelope = json.loads(
        _check(capsys, "--format", "json", "--waivers", str(dated), str(OFFICE_HOURS)).out
    )
    (finding,) = envelope["files"][0]["report"]["findings"]
    assert finding["waiver"] == {
        "justification": "Fictional staffing plan.",
        "expires_on": "2099-01-01",
        "expired": False,
        "owner": "SPOC front office",
    }
    assert envelope["waiver_notices"] == []

    page = tmp_path / "report.html"
    result = run_cli(
        capsys, "html", "--as-of", AS_OF, "--waivers", str(dated), str(OFFICE_HOURS),
        "-o", str(page),
    )  # fmt: skip
    assert result.code == 0
    html = page.read_text("utf-8")
    assert "Waived (expires 2099-01-01): Fictional staffing plan." in html
    assert "Owner: SPOC front office" in html
    bad = _write(tmp_path / "bad.json", _entry({"rule_id": "*", "pointer": ""}))
    refused = run_cli(capsys, "html", "--waivers", str(bad), str(OFFICE_HOURS))
    assert refused.code == 2 and "wildcard" in refused.err


# -- properties: the never-matches check has no false positives -------------------------------


def _pointers(value: Any, prefix: str = "") -> list[str]:
    found = [prefix]
    if isinstance(value, dict):
        for key, sub in value.items():
            token = str(key).replace("~", "~0").replace("/", "~1")
            found += _pointers(sub, f"{prefix}/{token}")
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            found += _pointers(sub, f"{prefix}/{index}")
    return found


@settings(max_examples=EXAMPLES_COUNT, deadline=None, suppress_health_check=list(HealthCheck))
@given(profile_documents())
def test_every_place_of_a_valid_profile_can_be_waived(document: dict[str, Any]) -> None:
    schema = schemas.load("spoc-profile")
    for pointer in _pointers(document):
        assert unknown_place(pointer, schema) is None, pointer


@settings(
    max_examples=max(EXAMPLES_COUNT // 5, 5), deadline=None, suppress_health_check=list(HealthCheck)
)
@given(profile_documents())
def test_every_finding_can_be_waived_by_a_baseline(document: dict[str, Any]) -> None:
    """A baseline of any profile's findings is accepted and waives every one of them."""
    from spocschema.waivers import baseline

    report = check(document, as_of=AS_OF)
    written = baseline(report.findings, expires_on=date(2099, 1, 1))
    again = check(document, as_of=AS_OF, waivers=written)  # refused if one could never match
    assert all(finding.waived for finding in again.findings)
    assert again.summary.errors == again.summary.warnings == again.summary.infos == 0


@settings(max_examples=EXAMPLES_COUNT, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_a_rule_id_is_accepted_exactly_when_it_names_a_rule(rule_id: str) -> None:
    from spocschema.rules import all_rules
    from spocschema.waivers import LoadedWaiver, WaiverEntry, check_matchable

    known = {rule.id for rule in all_rules()}
    entry = WaiverEntry.model_construct(
        rule_id=rule_id, pointer="", justification="x", expires_on=None, owner=None,
        approved_by=None, document=None,
    )  # fmt: skip
    problems = check_matchable([LoadedWaiver(entry, "w.yaml", 0)], known)
    assert (problems == []) == (rule_id in known)
