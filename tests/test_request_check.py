"""InformationRequest and check_request: what a request lacks, reported through Report."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from spocschema import schemas
from spocschema.models.request import InformationRequest
from spocschema.report import ProvisionStatus, Report
from spocschema.request_check import REQUEST_RULES, check_request
from spocschema.validation import load_profile

ROOT = Path(__file__).resolve().parents[1]

COMPLETE: dict[str, Any] = {
    "schema_version": "1.0",
    "request_id": "req-2024-000001",
    "requesting_state": "FR",
    "requested_state": "PT",
    "sender": "single_point_of_contact",
    "urgent": True,
    "urgency_grounds": ["threat_to_life"],
    "content": {
        "information_requested": "Registration holder of a fictional vehicle XX-00-00.",
        "purpose": "Locating a missing person (fictional example).",
        "facts": "A fictional person was last seen near the border.",
        "underlying_offence": "Abduction",
        "reasons_information_available": "The vehicle carries plates of the requested state.",
        "urgency_reasons": "The person's life may be at risk.",
        "use_restrictions": [],
    },
    "language": "en",
    "information_access": "direct",
    "sent_at": "2024-03-01T09:00:00+01:00",
    "received_at": "2024-03-01T08:00:05Z",
}


def request(**changes: Any) -> InformationRequest:
    data = copy.deepcopy(COMPLETE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return InformationRequest.model_validate(data)


def rule_ids(report: Report) -> list[str]:
    return sorted(f.rule_id for f in report.findings)


def status(report: Report, provision: str) -> ProvisionStatus:
    return next(p.status for p in report.provisions if p.provision == provision)


@pytest.fixture(scope="module")
def portugal() -> Any:
    return load_profile(ROOT / "examples" / "compliant-profile.json")


def test_complete_request_passes(portugal: Any) -> None:
    report = check_request(request(), portugal, as_of=date(2024, 3, 1))
    assert report.findings == []
    assert report.summary.passed
    assert status(report, "Art 4(6)") is ProvisionStatus.MET
    assert report.document_type == "information-request"
    assert report.as_of == date(2024, 3, 1)
    assert schemas.validator_for("report").is_valid(report.to_document())


def test_urgent_without_ground_or_reasons() -> None:
    content = {**COMPLETE["content"]}
    del content["urgency_reasons"]
    report = check_request(request(urgency_grounds=None, content=content))
    assert rule_ids(report) == ["SPOC-B-0003", "SPOC-B-0008"]
    assert not report.summary.passed
    assert status(report, "Art 4(4)") is ProvisionStatus.NOT_MET
    finding = next(f for f in report.findings if f.rule_id == "SPOC-B-0003")
    assert [ref.citation for ref in finding.legal_basis] == ["Art 4(4)"]
    assert finding.legal_basis[0].celex == "32023L0977"


def test_grounds_on_a_non_urgent_request_are_a_consistency_note() -> None:
    report = check_request(request(urgent=False))
    assert rule_ids(report) == ["SPOC-B-0004"]
    assert status(report, "Art 4(4)") is ProvisionStatus.MET  # no provision forbids it
    assert status(report, "Art 4(5)") is ProvisionStatus.MET  # no urgency reasons needed
    content = {k: v for k, v in COMPLETE["content"].items() if k != "urgency_reasons"}
    assert (
        check_request(request(urgent=False, urgency_grounds=None, content=content)).findings == []
    )


def test_missing_minimum_content() -> None:
    report = check_request(request(content={"urgency_reasons": "Imminent risk."}))
    assert rule_ids(report) == ["SPOC-B-0005", "SPOC-B-0006", "SPOC-B-0007"]
    message = next(f.message for f in report.findings if f.rule_id == "SPOC-B-0006")
    assert "purpose or facts" in message
    assert status(report, "Art 4(5)") is ProvisionStatus.NOT_MET
    unverified = next(f for f in report.findings if f.rule_id == "SPOC-B-0005")
    assert unverified.legal_basis[0].verified is False  # Art 4(5) awaits verification
    assert (unverified.legal_basis[0].citation, unverified.legal_basis[0].point) == (
        "Art 4(5)(a)",
        "a",
    )
    assert all(f.breach and f.status == "not_met" for f in report.findings)


def test_language_not_on_the_requested_states_list(portugal: Any) -> None:
    report = check_request(request(language="fr"), portugal)
    assert rule_ids(report) == ["SPOC-B-0009"]
    assert report.findings[0].pointer == "/language"
    assert "en, pt" in report.findings[0].message
    without_profile = check_request(request(language="fr"))
    assert status(without_profile, "Art 4(6)") is ProvisionStatus.NOT_ASSESSABLE


def test_profile_of_another_state_is_a_usage_error(portugal: Any) -> None:
    with pytest.raises(ValueError, match="addressed to ES"):
        check_request(request(requested_state="ES"), portugal)


def test_request_to_own_state_and_missing_copy() -> None:
    report = check_request(
        request(
            requested_state="FR",
            sender="designated_authority",
            sender_authority="Fictional Judicial Police",
            copy_sent_to_own_spoc=False,
        )
    )
    assert rule_ids(report) == ["SPOC-B-0001", "SPOC-B-0002"]
    excused = check_request(
        request(
            sender="designated_authority",
            copy_sent_to_own_spoc=False,
            copy_exception_ground="personal_safety",
        )
    )
    assert excused.findings == []
    unknown = check_request(request(sender="designated_authority"))
    assert [(f.rule_id, f.status, f.severity.value) for f in unknown.findings] == [
        ("SPOC-B-0002", "not_assessable", "warning")
    ]
    assert status(unknown, "Art 4(1)") is ProvisionStatus.NOT_ASSESSABLE


def test_partner_states_are_assessed_as_alignment() -> None:
    report = check_request(request(requested_state="RS", urgency_grounds=None))
    assert report.assessment.value == "alignment"
    assert [f.breach for f in report.findings] == [False]
    assert report.findings[0].message.startswith("Alignment gap")


def test_every_rule_is_declared_with_a_legal_basis() -> None:
    for rule in REQUEST_RULES.values():
        assert rule.legal_basis and rule.provision in (
            "Art 4(1)",
            "Art 4(4)",
            "Art 4(5)",
            "Art 4(6)",
        )
        assert rule.rule_id.startswith("SPOC-B-")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"urgent": "yes"}, "urgent"),
        ({"received_at": "2024-03-01T09:00:00"}, "received_at"),
        ({"urgency_grounds": ["because"]}, "urgency_grounds"),
        ({"language": "xx"}, "language"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_model_and_schema_refuse_the_same_requests(change: dict[str, Any], problem: str) -> None:
    data = {**copy.deepcopy(COMPLETE), **change}
    with pytest.raises(ValidationError, match=problem):
        InformationRequest.model_validate(data)
    assert not schemas.validator_for("information-request").is_valid(data)


def test_model_and_schema_accept_the_same_requests() -> None:
    validator = schemas.validator_for("information-request")
    minimal = {k: COMPLETE[k] for k in ("schema_version", "request_id", "requesting_state")}
    minimal |= {"requested_state": "PT", "sender": "designated_authority", "urgent": False}
    minimal |= {"content": {}, "language": "pt", "x-national-ref": "fictional"}
    for data in (COMPLETE, minimal):
        model = InformationRequest.model_validate(data)
        assert validator.is_valid(data)
        assert validator.is_valid(model.to_document())
    assert InformationRequest.model_validate(minimal).extensions == {"x-national-ref": "fictional"}
