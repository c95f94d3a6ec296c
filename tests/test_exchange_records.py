"""Exchange records checked against Arts 5(3), 6(2), 8(1)-(2) and 12 (schema 1.1 facts)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from spocschema import schemas
from spocschema.fast_records import facts_of
from spocschema.models.statistics import ExchangeRecord
from spocschema.report import Assessment, ProvisionStatus, Report, Severity
from spocschema.rules import coverage, rule_metadata
from spocschema.rules.exchange_records import check_exchange_record

AS_OF = date(2025, 1, 15)

#: An incoming request answered by the SPOC, every 1.1 fact stated.
ANSWERED: dict[str, Any] = {
    "exchange_id": "cms-2024-000321",
    "direction": "incoming",
    "counterpart_state": "FR",
    "urgent": False,
    "received_at": "2024-05-01T10:00:00Z",
    "outcome": "answered",
    "replied_at": "2024-05-03T10:00:00Z",
    "route": "spoc_to_spoc",
    "request_language": "en",
    "reply_language": "en",
    "europol_copy_assessed": True,
    "europol_copy_sent": False,
}

#: Our SPOC asked a competent authority of FR directly (Art 8(1), first sentence).
DIRECT: dict[str, Any] = {
    "exchange_id": "cms-2024-000322",
    "direction": "outgoing",
    "counterpart_state": "FR",
    "sender": "single_point_of_contact",
    "urgent": False,
    "sent_at": "2024-05-01T10:00:00Z",
    "outcome": "pending",
    "route": "spoc_to_authority",
    "copy_to_counterpart_spoc": True,
    "europol_copy_assessed": True,
}


def record(base: dict[str, Any], **changes: Any) -> ExchangeRecord:
    data = {**base}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return ExchangeRecord.model_validate(data)


def check(base: dict[str, Any], state: str = "PT", **changes: Any) -> Report:
    return check_exchange_record(record(base, **changes), state=state, as_of=AS_OF)


def status(report: Report, provision: str) -> ProvisionStatus:
    return next(p.status for p in report.provisions if p.provision == provision)


def ids(report: Report) -> list[str]:
    return sorted(f.rule_id for f in report.findings)


def test_a_complete_record_passes() -> None:
    report = check(ANSWERED)
    assert report.findings == []
    assert status(report, "Art 5(3)") is ProvisionStatus.MET
    assert status(report, "Art 12") is ProvisionStatus.MET
    assert status(report, "Art 8(1)") is ProvisionStatus.NOT_APPLICABLE  # not direct
    assert status(report, "Art 6(2)") is ProvisionStatus.NOT_APPLICABLE
    assert report.document_type == "exchange-record" and report.country == "PT"
    assert schemas.validator_for("report").is_valid(report.to_document())


def test_a_reply_in_another_language_is_not_met() -> None:
    report = check(ANSWERED, reply_language="fr")
    (finding,) = report.findings
    assert finding.rule_id == "SPOC-B-0010" and finding.pointer == "/reply_language"
    assert status(report, "Art 5(3)") is ProvisionStatus.NOT_MET
    assert rule_metadata("SPOC-B-0010")["verification"] == "unverified"


def test_unstated_languages_are_not_assessable() -> None:
    report = check(ANSWERED, reply_language=None)
    (finding,) = report.findings
    assert finding.status == "not_assessable" and finding.severity is Severity.WARNING
    assert "does not state" in finding.message
    assert status(report, "Art 5(3)") is ProvisionStatus.NOT_ASSESSABLE


def test_a_refusal_without_reasons_is_not_met_and_unstated_reasons_not_assessable() -> None:
    refused = {**ANSWERED, "outcome": "refused", "refusal_ground": "not_available"}
    assert ids(check(refused, refusal_reasons_given=True)) == []
    assert ids(check(refused, refusal_reasons_given=False)) == ["SPOC-B-0011"]
    unstated = check(refused)
    assert [f.status for f in unstated.findings] == ["not_assessable"]
    assert status(unstated, "Art 6(2)") is ProvisionStatus.NOT_ASSESSABLE
    assert status(unstated, "Art 5(3)") is ProvisionStatus.NOT_APPLICABLE  # nothing provided


def test_a_direct_request_without_a_copy_to_the_other_spoc_breaches_art_8_1() -> None:
    assert check(DIRECT).findings == []
    report = check(DIRECT, copy_to_counterpart_spoc=False)
    (finding,) = report.findings
    assert finding.rule_id == "SPOC-B-0012"
    assert (finding.severity, finding.breach) == (Severity.ERROR, True)
    assert "FR's SPOC" in finding.message
    assert status(report, "Art 8(1)") is ProvisionStatus.NOT_MET
    assert status(report, "Art 8(2)") is ProvisionStatus.NOT_APPLICABLE
    assert rule_metadata("SPOC-B-0012")["verification"] == "read_de"


def test_an_art_8_3_ground_makes_the_copy_rules_not_applicable() -> None:
    report = check(DIRECT, copy_to_counterpart_spoc=False, copy_exception_ground="personal_safety")
    assert report.findings == []
    result = next(p for p in report.provisions if p.provision == "Art 8(1)")
    assert result.status is ProvisionStatus.NOT_APPLICABLE
    assert result.justification is not None and result.justification.startswith("Art 8(3)")


def test_a_record_without_its_route_leaves_art_8_not_assessable() -> None:
    report = check(DIRECT, route=None, copy_to_counterpart_spoc=None)
    assert report.findings == []
    assert status(report, "Art 8(1)") is ProvisionStatus.NOT_ASSESSABLE
    assert status(report, "Art 8(2)") is ProvisionStatus.NOT_ASSESSABLE


def test_information_provided_on_a_direct_request_is_copied_to_the_own_spoc() -> None:
    incoming = {**ANSWERED, "route": "spoc_to_authority"}
    report = check(incoming)
    (finding,) = report.findings
    assert (finding.rule_id, finding.status) == ("SPOC-B-0013", "not_assessable")
    assert ids(check(incoming, copy_to_own_spoc=False)) == ["SPOC-B-0013"]
    assert check(incoming, copy_to_own_spoc=True).findings == []
    pending = check(incoming, outcome="pending", reply_language=None)
    assert status(pending, "Art 8(1)") is ProvisionStatus.NOT_APPLICABLE  # nothing provided


def test_direct_exchanges_between_authorities_are_copied_to_both_spocs() -> None:
    direct = {**DIRECT, "route": "authority_to_authority", "sender": "designated_authority"}
    report = check(direct, copy_to_own_spoc=False, copy_to_counterpart_spoc=False)
    (finding,) = report.findings
    assert finding.rule_id == "SPOC-B-0014"
    assert "this state's SPOC or FR's SPOC" in finding.message
    assert status(report, "Art 8(2)") is ProvisionStatus.NOT_MET
    half = check(direct, copy_to_own_spoc=True, copy_to_counterpart_spoc=None)
    assert [(f.status, f.pointer) for f in half.findings] == [
        ("not_assessable", "/copy_to_counterpart_spoc")
    ]
    assert check(direct, copy_to_own_spoc=True, copy_to_counterpart_spoc=True).findings == []
    refused_incoming = {
        **ANSWERED,
        "route": "authority_to_authority",
        "outcome": "refused",
        "refusal_ground": "not_available",
        "refusal_reasons_given": True,
    }
    assert status(check(refused_incoming), "Art 8(2)") is ProvisionStatus.NOT_APPLICABLE


def test_the_europol_assessment_is_checked_only_where_stated() -> None:
    assert ids(check(ANSWERED, europol_copy_assessed=False)) == ["SPOC-B-0015"]
    unstated = check(ANSWERED, europol_copy_assessed=None)
    assert [f.status for f in unstated.findings] == ["not_assessable"]
    assert status(unstated, "Art 12") is ProvisionStatus.NOT_ASSESSABLE


def test_a_partner_state_is_assessed_as_alignment() -> None:
    report = check(DIRECT, state="RS", copy_to_counterpart_spoc=False)
    assert report.assessment is Assessment.ALIGNMENT
    assert not any(f.breach for f in report.findings)


def test_a_1_0_record_still_validates_and_1_1_facts_are_additive() -> None:
    old = {k: v for k, v in DIRECT.items() if k not in {"route", "copy_to_counterpart_spoc"}}
    old.pop("europol_copy_assessed")
    assert schemas.validator_for("exchange-record").is_valid(old)
    assert schemas.validator_for("exchange-record").is_valid(DIRECT)
    frozen = schemas.load("exchange-record", version="1.0")
    from jsonschema import Draft202012Validator

    assert Draft202012Validator(frozen).is_valid(old)
    assert not Draft202012Validator(frozen).is_valid(DIRECT)  # 1.0 never knew the 1.1 facts


@pytest.mark.parametrize("data", [ANSWERED, DIRECT, {**ANSWERED, "reply_language": "sq"}])
def test_the_fast_path_agrees_with_the_model(data: dict[str, Any]) -> None:
    ExchangeRecord.model_validate(data)  # valid for the model
    facts = facts_of(data)
    if data.get("reply_language") == "sq":
        assert facts is None  # not an EU language: left to the model, which accepts it
    else:
        assert facts is not None


def test_art_8_and_12_have_rules_and_art_10_says_why_it_has_none() -> None:
    table = coverage()
    assert table["Art 8(1)"] == ["SPOC-B-0012", "SPOC-B-0013"]
    assert table["Art 8(2)"] == ["SPOC-B-0014"]
    assert table["Art 12"] == ["SPOC-B-0015"]
    assert table["Art 5(3)"] == ["SPOC-B-0010"] and table["Art 6(2)"] == ["SPOC-B-0011"]
    assert table["Art 10"] == []
