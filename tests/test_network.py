"""The network view on a generated set of all 37 states, clean and deliberately broken."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from network_fixtures import ALL_STATES, profile_for, write_network
from spocschema import codelists, schemas
from spocschema.network import (
    CrossCheck,
    NetworkGroup,
    NetworkReport,
    SienaReadiness,
    check_network,
)
from spocschema.report import Severity, TestBasis

AS_OF = date(2026, 11, 22)
AFTER_SIENA_DEADLINE = date(2027, 6, 12)


def _no_english(document: dict[str, Any]) -> None:
    document["languages"]["working_languages"] = ["hu"]


def _same_identifier_as_nl(document: dict[str, Any]) -> None:
    document["spoc"]["identifier"] = "spoc-fictional-nl"


def _duplicate_authority(document: dict[str, Any]) -> None:
    document["designated_authorities"]["authorities"] = [
        {"name": "Fictional Criminal Police", "identifier": "da-1"},
        {"name": "Fictional Border Police", "identifier": "da-1"},
    ]


def _siena_not_connected(document: dict[str, Any]) -> None:
    document["channels"]["siena"] = {"connected": False}


def _siena_partial(document: dict[str, Any]) -> None:
    document["channels"]["siena"]["direct_connection"] = False


def _second_fr() -> dict[str, Any]:
    document = profile_for("FR", 99)
    document["spoc"]["identifier"] = "spoc-fictional-fr-second"
    return document


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> NetworkReport:
    folder = tmp_path_factory.mktemp("clean")
    write_network(folder)
    return check_network(folder, as_of=AS_OF)


@pytest.fixture(scope="module")
def broken_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("broken")
    write_network(
        folder,
        omit=["LU", "IS", "XK"],
        edits={
            "HU": _no_english,
            "BE": _same_identifier_as_nl,
            "CZ": _duplicate_authority,
            "RO": _siena_not_connected,
            "BG": _siena_partial,
            "AL": _siena_not_connected,
        },
        extra={"fr-second.json": _second_fr()},
    )
    (folder / "notes.yaml").write_text("state: [unclosed\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "empty.json").write_text("{}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def broken(broken_folder: Path) -> NetworkReport:
    return check_network(broken_folder, as_of=AS_OF)


def _found(report: NetworkReport, check: CrossCheck) -> list[tuple[str, list[str]]]:
    return [(f.severity.value, f.states) for f in report.cross_checks if f.check is check]


def test_the_generated_set_covers_the_whole_network(clean: NetworkReport) -> None:
    assert len(ALL_STATES) == 37
    assert sorted(m.country for m in clean.members) == sorted(ALL_STATES)
    assert clean.unreadable == []
    assert {g.group: g.missing for g in clean.coverage} == {group: [] for group in NetworkGroup}
    assert [len(g.present) for g in clean.coverage] == [27, 4, 6]


def test_a_clean_set_passes_every_cross_check(clean: NetworkReport) -> None:
    assert clean.cross_checks == []
    assert clean.summary.passed
    assert clean.summary.siena_ready == 37
    assert clean.summary.profiles_passed == 37
    assert all(m.siena_readiness is SienaReadiness.READY for m in clean.members)


def test_english_links_every_pair_of_a_clean_set(clean: NetworkReport) -> None:
    assert len(clean.language_links) == 37 * 36 // 2
    assert all(link.english and "en" in link.shared_languages for link in clean.language_links)
    bound = {m.country for m in clean.members if m.status.value != "partner_aligning"}
    expected_bound_pairs = len(bound) * (len(bound) - 1) // 2
    assert sum(link.bound_pair for link in clean.language_links) == expected_bound_pairs


def test_a_state_with_two_profiles_is_found(broken: NetworkReport) -> None:
    findings = [f for f in broken.cross_checks if f.check is CrossCheck.ONE_SPOC_PER_STATE]
    assert [(f.severity, f.states) for f in findings] == [(Severity.ERROR, ["FR"])]
    assert sorted(findings[0].files) == ["fr-second.json", "fr.json"]
    assert [ref.citation for ref in findings[0].legal_basis] == ["Art 14(1)"]


def test_a_shared_spoc_identifier_is_found(broken: NetworkReport) -> None:
    findings = [f for f in broken.cross_checks if f.check is CrossCheck.UNIQUE_SPOC_IDENTIFIER]
    assert len(findings) == 1
    assert findings[0].identifier == "spoc-fictional-nl"
    assert findings[0].states == ["BE", "NL"]
    # no article speaks of identifiers: a consistency note on the set, not a breach
    assert findings[0].severity is Severity.WARNING
    assert findings[0].rule_id == "SPOC-N-0002"
    assert findings[0].test_basis is TestBasis.CONSISTENCY


def test_a_repeated_designated_authority_identifier_is_found(broken: NetworkReport) -> None:
    findings = [f for f in broken.cross_checks if f.check is CrossCheck.UNIQUE_AUTHORITY_IDENTIFIER]
    assert [(f.states, f.identifier) for f in findings] == [(["CZ"], "da-1")]
    assert [ref.citation for ref in findings[0].legal_basis] == ["Art 4(1)"]


def test_the_same_authority_identifier_in_two_states_is_not_a_duplicate(
    clean: NetworkReport,
) -> None:
    # Every generated profile keeps the example's da-1 and da-2: identifiers are per state.
    assert not _found(clean, CrossCheck.UNIQUE_AUTHORITY_IDENTIFIER)


def test_a_list_without_english_breaks_the_english_link(broken: NetworkReport) -> None:
    findings = [f for f in broken.cross_checks if f.check is CrossCheck.ENGLISH_LINK]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.states[0] == "HU"
    assert [ref.citation for ref in finding.legal_basis] == ["Art 11(1)"]
    hungary = [link for link in broken.language_links if "HU" in link.states]
    assert len(hungary) == len({m.country for m in broken.members}) - 1
    assert not any(link.english for link in hungary)
    stranded = sorted(
        next(s for s in link.states if s != "HU") for link in hungary if not link.shared_languages
    )
    assert finding.states[1:] == stranded
    assert stranded  # the generated second languages leave HU without a partner in most pairs
    others = [link for link in broken.language_links if "HU" not in link.states]
    assert all(link.english for link in others)


def test_missing_states_are_found_with_their_group(broken: NetworkReport) -> None:
    assert _found(broken, CrossCheck.MISSING_STATE) == [
        ("warning", ["IS"]),
        ("warning", ["LU"]),
        ("info", ["XK"]),
    ]
    missing = {g.group: g.missing for g in broken.coverage}
    assert missing == {
        NetworkGroup.EU_MEMBER_STATES: ["LU"],
        NetworkGroup.SCHENGEN_ASSOCIATED: ["IS"],
        NetworkGroup.WESTERN_BALKANS: ["XK"],
    }
    assert broken.summary.missing_states == 3


def test_siena_readiness_is_an_upcoming_obligation_before_june_2027(
    broken: NetworkReport,
) -> None:
    assert _found(broken, CrossCheck.SIENA_READINESS) == [
        ("warning", ["BG"]),
        ("warning", ["RO"]),
        ("info", ["AL"]),
    ]
    readiness = {m.country: m.siena_readiness for m in broken.members}
    assert readiness["RO"] is SienaReadiness.NOT_CONNECTED
    assert readiness["BG"] is SienaReadiness.PARTIAL
    assert readiness["PT"] is SienaReadiness.READY


def test_siena_readiness_is_binding_from_june_2027(broken_folder: Path) -> None:
    report = check_network(broken_folder, as_of=AFTER_SIENA_DEADLINE)
    assert _found(report, CrossCheck.SIENA_READINESS) == [
        ("error", ["BG"]),
        ("error", ["RO"]),
        ("info", ["AL"]),
    ]


def test_bad_files_are_reported_and_the_rest_still_checked(broken: NetworkReport) -> None:
    bad = {u.file: [p.kind for p in u.problems] for u in broken.unreadable}
    assert bad.keys() == {"notes.yaml", "sub/empty.json"}
    assert bad["notes.yaml"] == ["syntax"]
    assert set(bad["sub/empty.json"]) == {"structure"}
    assert broken.summary.profiles == 37 - 3 + 1
    assert not broken.summary.passed


def test_findings_are_ordered_most_severe_first(broken: NetworkReport) -> None:
    ranks = [f.severity.rank for f in broken.cross_checks]
    assert ranks == sorted(ranks, reverse=True)
    assert broken.summary.cross_check_errors == 2
    assert broken.summary.cross_check_warnings == 6
    assert broken.summary.cross_check_infos == 2


def test_expected_groups_can_be_narrowed(broken_folder: Path) -> None:
    report = check_network(broken_folder, as_of=AS_OF, expected=[NetworkGroup.EU_MEMBER_STATES])
    assert _found(report, CrossCheck.MISSING_STATE) == [("warning", ["LU"])]
    assert [g.group for g in report.coverage] == [NetworkGroup.EU_MEMBER_STATES]


def test_partners_are_checked_as_alignment(clean: NetworkReport) -> None:
    partners = [m for m in clean.members if m.country in codelists.WESTERN_BALKANS_PARTNERS]
    assert len(partners) == 6
    assert all(m.report.assessment.value == "alignment" for m in partners)


def test_network_reports_validate_against_their_published_schema(
    clean: NetworkReport, broken: NetworkReport
) -> None:
    validator = schemas.validator_for("network-report")
    for report in (clean, broken):
        document = json.loads(report.to_json())
        assert list(validator.iter_errors(document)) == []
        assert NetworkReport.model_validate(document) == report


def test_committed_schemas_match_the_models() -> None:
    assert schemas.check_all() == []
