"""The public strategies of ``spocschema.testing`` generate what they promise.

Well-formed strategies must produce documents the models and the published schema accept;
compliant ones must come out of the checker with no error or warning; breaking ones must make
the chosen rule fail and nothing else outside the facts its failing example rewrites.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocschema.checker import check
from spocschema.models.profile import SpocProfile
from spocschema.models.request import InformationRequest
from spocschema.models.statistics import AnnualStatistics, ExchangeRecord
from spocschema.report import Severity
from spocschema.rules import all_rules, get_rule
from spocschema.schemas import DOCUMENT_TYPES
from spocschema.testing import (
    compliant_profile_documents,
    compliant_profiles,
    documents,
    exchange_record_documents,
    exchange_records,
    information_request_documents,
    profile_documents,
    profile_documents_breaking,
    profiles,
    profiles_breaking,
    statistics_report_documents,
    statistics_reports,
)
from spocschema.testing._profiles import merge_patch, rule_read_paths

SOME = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
FEW = settings(SOME, max_examples=3)
#: Evaluation dates on both sides of the Art 13 date, a 1 March and a leap day.
AS_OF = [date(2026, 11, 1), date(2025, 6, 1), date(2027, 7, 1), date(2028, 2, 29), date(2031, 3, 1)]
BLOCKING = {Severity.ERROR, Severity.WARNING}


def _schema_validator() -> Any:
    from spocschema.schemas import validator_for

    return validator_for("spoc-profile")


@SOME
@given(document=profile_documents())
def test_profile_documents_are_valid_for_models_and_schema(document: dict[str, Any]) -> None:
    profile = SpocProfile.model_validate(document)
    assert profile.to_document() == json.loads(json.dumps(document))
    errors = list(_schema_validator().iter_errors(document))
    assert not errors, [e.message for e in errors]


@SOME
@given(profile=profiles())
def test_profiles_are_models(profile: SpocProfile) -> None:
    assert isinstance(profile, SpocProfile)
    assert SpocProfile.model_validate_json(profile.to_json()).to_document() == profile.to_document()


@pytest.mark.parametrize("name", sorted(DOCUMENT_TYPES))
def test_documents_covers_every_published_model(name: str) -> None:
    """Every field type of every published document has a strategy (no silent gaps)."""
    model = DOCUMENT_TYPES[name].model()

    @FEW
    @given(document=documents(model))
    def run(document: dict[str, Any]) -> None:
        model.model_validate(document)

    run()


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_compliant_profiles_pass_the_checker(as_of: date) -> None:
    @SOME
    @given(document=compliant_profile_documents(as_of=as_of))
    def run(document: dict[str, Any]) -> None:
        report = check(document, as_of=as_of, rule_packs=False)
        blocking = [(f.rule_id, f.pointer) for f in report.findings if f.severity in BLOCKING]
        assert blocking == []
        assert report.summary.passed

    run()


@FEW
@given(profile=compliant_profiles(as_of=date(2026, 11, 1)))
def test_compliant_profiles_vary(profile: SpocProfile) -> None:
    """Facts no rule reads are drawn, not copied: the skeleton is a floor, not the output."""
    assert isinstance(profile, SpocProfile)


def test_compliant_profiles_are_not_all_the_skeleton() -> None:
    seen: set[str] = set()

    @settings(SOME, max_examples=20)
    @given(document=compliant_profile_documents(as_of=date(2026, 11, 1)))
    def collect(document: dict[str, Any]) -> None:
        seen.add(json.dumps(document, sort_keys=True))

    collect()
    assert len(seen) > 5


def test_read_paths_include_facts_found_by_probing() -> None:
    """Facts a rule reads without naming them in its examples are found by probing the rules."""
    read = rule_read_paths()
    assert ("tasks",) in read  # from the examples
    assert ("state", "country") in read  # required: removing it breaks the document
    assert ("spoc", "acronym") not in read  # no rule reads it: free to vary


def _patched_pointers(patch: dict[str, Any], prefix: str = "") -> list[str]:
    pointers = []
    for key, value in patch.items():
        pointer = f"{prefix}/{key}"
        if isinstance(value, dict) and value:
            pointers.extend(_patched_pointers(value, pointer))
        else:
            pointers.append(pointer)
    return pointers


def _inside(pointer: str, roots: list[str]) -> bool:
    return any(pointer == root or pointer.startswith(root + "/") for root in roots)


@pytest.mark.parametrize("rule_id", [rule.id for rule in all_rules()])
def test_profiles_breaking_fail_exactly_the_chosen_rule(rule_id: str) -> None:
    rule = get_rule(rule_id)
    as_of = date(2027, 9, 1)  # every obligation, Art 13 included, is in force
    roots = _patched_pointers(dict(rule.failing.patch))

    @FEW
    @given(document=profile_documents_breaking(rule_id, as_of=as_of))
    def run(document: dict[str, Any]) -> None:
        report = check(document, as_of=as_of, rule_packs=False)
        own = [f for f in report.findings if f.rule_id == rule_id]
        assert own, f"{rule_id} did not fail"
        assert {f.status for f in own} <= {"not_met", "not_assessable"}
        assert any(f.status == "not_met" for f in own) or all(
            f.status == "not_assessable" for f in own
        )
        others = [
            (f.rule_id, f.pointer)
            for f in report.findings
            if f.rule_id != rule_id and f.severity in BLOCKING and not _inside(f.pointer, roots)
        ]
        assert others == [], f"{rule_id} also broke {others}"

    run()


@pytest.mark.parametrize("rule_id", ["SPOC-A-0037", "SPOC-A-0039"])
def test_breaking_an_upcoming_obligation_is_reported_as_upcoming(rule_id: str) -> None:
    as_of = date(2026, 11, 1)

    @FEW
    @given(profile=profiles_breaking(rule_id, as_of=as_of))
    def run(profile: SpocProfile) -> None:
        report = check(profile, as_of=as_of, rule_packs=False)
        assert [(f.rule_id, f.status) for f in report.findings] == [(rule_id, "upcoming")]

    run()


def test_unknown_rule_is_refused_at_once() -> None:
    with pytest.raises(KeyError, match="SPOC-Z-9999"):
        profiles_breaking("SPOC-Z-9999")


@given(
    target=st.dictionaries(st.text(max_size=3), st.integers() | st.none(), max_size=4),
    patch=st.dictionaries(st.text(max_size=3), st.integers() | st.none(), max_size=4),
)
def test_merge_patch_follows_rfc_7396(target: dict[str, Any], patch: dict[str, Any]) -> None:
    merged = merge_patch(target, patch)
    for key, value in patch.items():
        if value is None:
            assert key not in merged
        else:
            assert merged[key] == value
    for key in set(target) - set(patch):
        assert merged[key] == target[key]


@FEW
@given(document=compliant_profile_documents())
def test_default_as_of_is_today(document: dict[str, Any]) -> None:
    """Like ``check``, the strategies judge compliance on today's date unless told otherwise."""
    assert not [f for f in check(document, rule_packs=False).findings if f.severity in BLOCKING]


def test_missing_hypothesis_gives_a_clear_import_error() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import spocschema.testing\n"
        "except ImportError as e:\n    print(e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "pip install 'spocschema[testing]'" in result.stdout


@SOME
@given(document=information_request_documents())
def test_information_requests_are_valid(document: dict[str, Any]) -> None:
    from spocschema.schemas import validator_for

    request = InformationRequest.model_validate(document)
    assert InformationRequest.model_validate(request.to_document()) == request
    assert not list(validator_for("information-request").iter_errors(document))


@SOME
@given(document=exchange_record_documents())
def test_exchange_records_obey_the_cross_field_rules(document: dict[str, Any]) -> None:
    from spocschema.schemas import validator_for

    record = ExchangeRecord.model_validate(document)
    assert (record.refusal_ground is not None) == (record.outcome.value == "refused")
    assert not list(validator_for("exchange-record").iter_errors(document))


@SOME
@given(year=st.integers(min_value=2024, max_value=2030), data=st.data())
def test_exchange_records_in_a_year_count_for_that_year(year: int, data: st.DataObject) -> None:
    record = data.draw(exchange_records(year=year))
    instant = record.received_at if record.direction.value == "incoming" else record.sent_at
    assert instant is not None and instant.astimezone(timezone.utc).year == year


@SOME
@given(stats=statistics_reports())
def test_consistent_statistics_pass_their_check(stats: AnnualStatistics) -> None:
    from spocschema.statistics_check import check_statistics

    report = check_statistics(stats, as_of=stats.due_on)
    assert report.findings == []
    received = stats.requests_received
    assert received.received == received.urgent.received + received.non_urgent.received
    assert stats.refusals.total == sum(stats.refusals.by_ground.values())


@SOME
@given(document=statistics_report_documents(consistent=False))
def test_any_statistics_documents_are_well_formed(document: dict[str, Any]) -> None:
    AnnualStatistics.model_validate(document)
