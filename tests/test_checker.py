"""check(): the bundled examples, report schema, conditional obligations, selection, fail levels
and waivers."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import spocschema
from spocschema.checker import SelectionError, check
from spocschema.errors import DocumentError
from spocschema.models.profile import SpocProfile
from spocschema.report import Assessment, ProvisionStatus, Report, Severity
from spocschema.schemas import validator_for
from spocschema.validation import load_profile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXPECTED = json.loads((ROOT / "tests" / "examples_expected.json").read_text(encoding="utf-8"))
AS_OF = EXPECTED["as_of"]
COMPLIANT = json.loads((EXAMPLES / "compliant-profile.json").read_text(encoding="utf-8"))


def _profile(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(COMPLIANT)
    data.update(changes)
    return data


def _status(report: Report, provision: str) -> ProvisionStatus:
    return {p.provision: p.status for p in report.provisions}[provision]


def _assert_valid_report(report: Report) -> None:
    errors = list(validator_for("report").iter_errors(report.to_document()))
    assert not errors, errors[0].message
    assert Report.model_validate(report.to_document()).to_document() == report.to_document()


COMPLIANCE_EXAMPLES = [
    (name, spec["breaks"])
    for name, spec in EXPECTED["examples"].items()
    if spec["breaks"] is not None
]


@pytest.mark.parametrize(
    ("name", "breaks"), COMPLIANCE_EXAMPLES, ids=[n for n, _ in COMPLIANCE_EXAMPLES]
)
def test_bundled_examples_break_exactly_what_they_were_built_to_break(
    name: str, breaks: list[str]
) -> None:
    report = check(EXAMPLES / name, as_of=AS_OF, rule_packs=False)
    not_met = sorted(p.provision for p in report.provisions if p.status is ProvisionStatus.NOT_MET)
    assert not_met == sorted(breaks)
    # Every other provision is met, or not yet applicable (SIENA before 12 June 2027).
    others = {p.status for p in report.provisions if p.provision not in breaks}
    assert others <= {ProvisionStatus.MET, ProvisionStatus.NOT_APPLICABLE, ProvisionStatus.UPCOMING}
    assert report.summary.errors == len(report.findings)
    assert report.summary.passed is (not breaks)
    assert all(f.breach and f.status == "not_met" for f in report.findings)
    _assert_valid_report(report)


def test_compliant_example_is_clean() -> None:
    report = check(EXAMPLES / "compliant-profile.json", as_of=AS_OF, rule_packs=False)
    assert report.findings == []
    assert report.summary.passed
    assert report.assessment is Assessment.BINDING


def test_minimal_profile_loads_and_is_mostly_not_assessable() -> None:
    report = check(EXAMPLES / "minimal-profile.json", as_of=AS_OF, rule_packs=False)
    counts = report.summary.provisions
    assert counts["not_assessable"] > len(report.provisions) / 2
    assert counts["not_met"] == 0
    assert {f.status for f in report.findings} == {"not_assessable"}
    # A missing fact is one severity below the rule: MUST -> warning, SHOULD -> info.
    assert {f.severity for f in report.findings} == {Severity.WARNING, Severity.INFO}
    assert report.summary.errors == 0
    assert not check(
        EXAMPLES / "minimal-profile.json", as_of=AS_OF, fail_on="warning"
    ).summary.passed
    _assert_valid_report(report)


def test_findings_carry_location_and_legal_basis() -> None:
    report = check(EXAMPLES / "noncompliant-office-hours.json", as_of=AS_OF)
    (finding,) = report.findings
    assert finding.rule_id == "SPOC-A-0009"
    assert finding.pointer == "/availability/around_the_clock"
    assert finding.line is not None and finding.column is not None
    assert finding.file is not None and finding.file.endswith("noncompliant-office-hours.json")
    assert finding.legal_basis[0].citation == "Art 14(3)(a)(ii)"
    assert finding.legal_basis[0].celex == "32023L0977"


def test_accepts_model_dict_text_bytes_and_yaml() -> None:
    model = load_profile(EXAMPLES / "noncompliant-no-english.json")
    text = (EXAMPLES / "noncompliant-no-english.json").read_text(encoding="utf-8")
    reports = [
        check(model, as_of=AS_OF),
        check(json.loads(text), as_of=AS_OF),
        check(text, as_of=AS_OF),
        check(text.encode(), as_of=AS_OF),
    ]
    assert {tuple(f.rule_id for f in r.findings) for r in reports} == {("SPOC-A-0034",)}
    assert check(EXAMPLES / "compliant-profile.yaml", as_of=AS_OF).findings == []


def test_invalid_document_raises_document_error() -> None:
    with pytest.raises(DocumentError):
        check({"schema_version": "1.0"}, as_of=AS_OF)


def test_lazy_top_level_export() -> None:
    assert spocschema.check is check
    assert "check" in spocschema.__all__


def test_order_is_deterministic_and_in_catalogue_order() -> None:
    data = _profile(tasks=[], availability={"around_the_clock": False})
    first = check(data, as_of=AS_OF).to_json()
    assert first == check(data, as_of=AS_OF).to_json()
    report = check(data, as_of=AS_OF)
    provisions = [f.provision for f in report.findings]
    assert provisions[:6] == [f"Art 14(2)({p})" for p in "abcdef"]
    assert provisions[6] == "Art 14(3)(a)(ii)"


def test_runs_every_rule_without_stopping_at_the_first_finding() -> None:
    data = _profile(tasks=[], languages={"working_languages": ["ru"]})
    report = check(data, as_of=AS_OF)
    ids = {f.rule_id for f in report.findings}
    assert {"SPOC-A-0002", "SPOC-A-0007", "SPOC-A-0034", "SPOC-A-0035"} <= ids


# -- conditional obligations ----------------------------------------------------------------


def _sirene(**entry: Any) -> dict[str, Any]:
    data = _profile()
    data["organisation"]["composition"][1] = {"unit_type": "sirene_bureau", **entry}
    return data


def test_unit_not_bound_with_justification_is_not_applicable() -> None:
    # Denmark's position on SIS is its own: the code list leaves it to the profile.
    reason = "Fictional: the state applies the Schengen acquis only as international law."
    data = _sirene(included=False, state_is_bound=False, justification=reason)
    data["state"] = {"country": "DK", "status": "eu_member_state"}
    report = check(data, as_of=AS_OF, select=["SPOC-A-0016"])
    result = {p.provision: p for p in report.provisions}["Art 15(2)(b)"]
    assert result.status is ProvisionStatus.NOT_APPLICABLE
    assert result.justification == reason
    assert report.findings == []


def test_unit_binding_never_assumed() -> None:
    def dk(**entry: Any) -> dict[str, Any]:
        data = _sirene(**entry)
        data["state"] = {"country": "DK", "status": "eu_member_state"}
        return data

    silent = check(dk(included=False), as_of=AS_OF, select=["SPOC-A-0016"])
    assert _status(silent, "Art 15(2)(b)") is ProvisionStatus.NOT_ASSESSABLE
    (finding,) = silent.findings
    assert finding.pointer == "/organisation/composition/1/state_is_bound"
    unjustified = check(dk(included=False, state_is_bound=False), as_of=AS_OF)
    assert _status(unjustified, "Art 15(2)(b)") is ProvisionStatus.NOT_ASSESSABLE
    assert any(f.pointer.endswith("/justification") for f in unjustified.findings)


def test_partner_profile_is_an_alignment_assessment() -> None:
    data = _profile(state={"country": "XK", "status": "partner_aligning"})
    data["availability"] = {"around_the_clock": False}
    report = check(data, as_of=AS_OF)
    assert report.assessment is Assessment.ALIGNMENT
    (finding,) = report.findings
    assert finding.severity is Severity.ERROR  # the gap keeps its weight ...
    assert finding.breach is False  # ... but is not a legal breach
    assert finding.message.startswith("Alignment gap:")
    assert _status(report, "Art 14(3)(a)(ii)") is ProvisionStatus.NOT_MET
    _assert_valid_report(report)


def test_declared_not_bound_member_is_assessed_as_alignment() -> None:
    data = _profile(
        state={"country": "IE", "status": "eu_member_state", "directive_application": "not_bound"}
    )
    assert check(data, as_of=AS_OF).assessment is Assessment.ALIGNMENT


def test_siena_is_upcoming_before_june_2027_and_binding_from_it() -> None:
    data = _profile()
    data["channels"]["siena"] = {
        "connected": True,
        "direct_connection": False,
        "default_channel": False,
        "competent_authorities_connected": True,
    }
    siena = ["Art 13(1)", "Art 13(3)"]
    before = check(data, as_of="2027-06-11", select=siena)
    assert _status(before, "Art 13(1)") is ProvisionStatus.UPCOMING
    assert _status(before, "Art 13(3)") is ProvisionStatus.UPCOMING
    assert {f.status for f in before.findings} == {"upcoming"}
    assert {f.severity for f in before.findings} == {Severity.INFO}
    assert not any(f.breach for f in before.findings)
    assert before.summary.passed
    assert all(f.message.startswith("From 2027-06-12") for f in before.findings)

    after = check(data, as_of=date(2027, 6, 12), select=siena)
    assert _status(after, "Art 13(1)") is ProvisionStatus.NOT_MET
    assert _status(after, "Art 13(3)") is ProvisionStatus.NOT_MET
    assert {f.severity for f in after.findings} == {Severity.ERROR}
    assert all(f.breach for f in after.findings)
    assert not after.summary.passed


def test_dates_drive_network_rules() -> None:
    # The meetings of March and October 2026 no longer count in 2028.
    report = check(_profile(), as_of="2028-01-10", select=["SPOC-A-0049", "SPOC-D-0001"])
    assert {f.rule_id for f in report.findings} == {"SPOC-A-0049", "SPOC-D-0001"}
    early = check(_profile(), as_of="2025-01-10", select=["SPOC-A-0050"])
    assert _status(early, "Art 18") is ProvisionStatus.NOT_APPLICABLE


# -- selection and fail levels --------------------------------------------------------------


def test_select_and_ignore_by_id_tag_and_provision() -> None:
    data = _profile(
        tasks=[],
        languages={
            "working_languages": ["pt"],
            "notified_on": "2024-12-20",
            "notified_list_current": True,
        },
    )
    only_tasks = check(data, as_of=AS_OF, select=["tasks"])
    assert {f.rule_id for f in only_tasks.findings} == {f"SPOC-A-000{i}" for i in range(2, 8)}
    assert {p.provision for p in only_tasks.provisions} == {f"Art 14(2)({p})" for p in "abcdef"}
    by_id = check(data, as_of=AS_OF, select=["SPOC-A-0034"])
    assert [f.rule_id for f in by_id.findings] == ["SPOC-A-0034"]
    ignored = check(data, as_of=AS_OF, ignore=["tasks", "SPOC-A-0034"])
    assert ignored.findings == []
    by_provision = check(data, as_of=AS_OF, select=["Art 11(1)"])
    assert [p.provision for p in by_provision.provisions] == ["Art 11(1)"]
    with pytest.raises(SelectionError, match="SPOC-A-9999"):
        check(data, as_of=AS_OF, select=["SPOC-A-9999"])
    with pytest.raises(SelectionError, match="no-such-tag"):
        check(data, as_of=AS_OF, ignore=["no-such-tag"])


@pytest.mark.parametrize(
    ("fail_on", "passed"), [("error", True), ("warning", False), ("info", False)]
)
def test_fail_levels(fail_on: str, passed: bool) -> None:
    data = _profile(organisation={**COMPLIANT["organisation"], "back_office": False})
    report = check(data, as_of=AS_OF, fail_on=fail_on)
    assert report.summary.warnings == 1 and report.summary.errors == 0
    assert report.summary.passed is passed
    assert report.fail_level.value == fail_on


# -- waivers --------------------------------------------------------------------------------

WAIVER = {
    "rule_id": "SPOC-A-0009",
    "pointer": "/availability",
    "justification": "Fictional transition plan: 24/7 staffing starts next quarter.",
}


def test_waiver_in_force_waives_and_keeps_the_finding() -> None:
    waivers = {"schema_version": "1.0", "waivers": [{**WAIVER, "expires_on": "2026-12-31"}]}
    report = check(EXAMPLES / "noncompliant-office-hours.json", as_of=AS_OF, waivers=waivers)
    (finding,) = report.findings
    assert finding.waived and finding.waiver is not None and not finding.waiver.expired
    assert report.summary.errors == 0 and report.summary.waived == 1
    assert report.summary.passed
    _assert_valid_report(report)


def test_expired_waiver_no_longer_waives_and_says_so() -> None:
    waivers = {"schema_version": "1.0", "waivers": [{**WAIVER, "expires_on": "2026-11-21"}]}
    report = check(EXAMPLES / "noncompliant-office-hours.json", as_of=AS_OF, waivers=waivers)
    (finding,) = report.findings
    assert not finding.waived
    assert finding.waiver is not None and finding.waiver.expired
    assert "waiver expired on 2026-11-21" in finding.message
    assert report.summary.errors == 1 and not report.summary.passed
    # On its expiry day a waiver still applies.
    assert check(EXAMPLES / "noncompliant-office-hours.json", as_of="2026-11-21",
                 waivers=waivers).summary.passed  # fmt: skip


def test_waiver_for_another_rule_or_place_does_not_match() -> None:
    waivers = {"schema_version": "1.0", "waivers": [
        {**WAIVER, "rule_id": "SPOC-A-0010", "expires_on": "2030-01-01"},
        {**WAIVER, "pointer": "/availability/time_zone", "expires_on": "2030-01-01"},
    ]}  # fmt: skip
    report = check(EXAMPLES / "noncompliant-office-hours.json", as_of=AS_OF, waivers=waivers)
    assert not report.findings[0].waived and report.findings[0].waiver is None


def test_waiver_file_is_loaded_with_the_document_loader(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(
        "schema_version: '1.0'\nwaivers:\n"
        "  - rule_id: SPOC-A-0009\n    pointer: /availability/around_the_clock\n"
        "    justification: Fictional transition plan.\n    expires_on: 2027-01-31\n",
        encoding="utf-8",
    )
    report = check(EXAMPLES / "noncompliant-office-hours.json", as_of=AS_OF, waivers=path)
    assert report.findings[0].waived
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: '1.0'\nwaivers:\n  - rule_id: X\n", encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        check(EXAMPLES / "noncompliant-office-hours.json", as_of=AS_OF, waivers=bad)
    assert any(p.pointer.startswith("/waivers/0") for p in error.value.problems)


def test_waivers_document_validates_against_its_schema() -> None:
    document = {"schema_version": "1.0", "waivers": [{**WAIVER, "expires_on": "2026-12-31"}]}
    assert not list(validator_for("waivers").iter_errors(document))
    assert list(validator_for("waivers").iter_errors({**document, "waivers": [{"rule_id": "x"}]}))


# -- messages never echo personal data -----------------------------------------------------

SENTINEL = "Zyxwv-Sentinel"


def _poison(node: Any) -> Any:
    """Replace every free-text value with the sentinel, keeping codes, dates and booleans."""
    if isinstance(node, dict):
        return {k: _poison(v) if k in _TEXT_KEYS or isinstance(v, dict | list) else v
                for k, v in node.items()}  # fmt: skip
    if isinstance(node, list):
        return [_poison(v) if isinstance(v, dict | list) else v for v in node]
    return f"{SENTINEL} {node}" if isinstance(node, str) else node


_TEXT_KEYS = {
    "name", "value", "label", "justification", "description", "procedure", "title",
    "arrangement", "programme", "policy", "system", "holder", "parent_authority",
}  # fmt: skip


def test_messages_never_echo_free_text_or_contact_values() -> None:
    data = _poison(_profile())
    data["contact_points"][0]["functional"] = False
    data["organisation"]["composition"][1]["included"] = False
    data["availability"] = {"around_the_clock": False}
    SpocProfile.model_validate(data)
    report = check(data, as_of=AS_OF)
    assert len(report.findings) >= 3
    for finding in report.findings:
        assert SENTINEL not in finding.message
        assert "example.org" not in finding.message
        assert len(finding.message) <= 300


def test_published_report_and_waiver_schemas_match_the_models() -> None:
    from spocschema.schemas import check_all

    assert check_all() == []
