"""Regression tests for issue 12 (profile side): every verdict defensible from the text.

Each test names the defect it pins down. They were written against the rules of main at
995341b, where each of them fails.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from spocschema.checker import check
from spocschema.enums import StateStatus, UnitType
from spocschema.participation import Bound, unit_obligation
from spocschema.report import ProvisionStatus, Severity
from spocschema.rules import get_rule

ROOT = Path(__file__).resolve().parents[1]
BASE: dict[str, Any] = json.loads((ROOT / "examples" / "compliant-profile.json").read_text())
AS_OF = "2026-11-22"


def _profile(**sections: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for key, value in sections.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def _status(data: dict[str, Any], provision: str, as_of: str = AS_OF) -> ProvisionStatus:
    report = check(data, as_of=as_of, rule_packs=False)
    return {p.provision: p.status for p in report.provisions}[provision]


def _findings(data: dict[str, Any], rule_id: str, as_of: str = AS_OF) -> list[Any]:
    report = check(data, as_of=as_of, select=[rule_id], rule_packs=False)
    return [f for f in report.findings if f.rule_id == rule_id]


# -- Art 14(1): a named, designated SPOC is enough -----------------------------------------


def test_art_14_1_met_on_a_named_spoc_with_a_published_designation() -> None:
    data = _profile(commission_notification=None)
    data["spoc"] = {
        "name": "Example SPOC (fictional)",
        "designation_evidence": [
            {"kind": "government_decision", "title": "Example Council of Ministers decision"}
        ],
    }
    assert _status(data, "Art 14(1)") is ProvisionStatus.MET


def test_art_14_1_a_bill_alone_does_not_show_designation() -> None:
    data = _profile(commission_notification=None)
    data["spoc"] = {
        "name": "Example SPOC (fictional)",
        "national_legal_basis": [{"title": "Example bill (fictional)", "stage": "bill"}],
    }
    assert _status(data, "Art 14(1)") is ProvisionStatus.NOT_ASSESSABLE


# -- Arts 15(1), 15(3), 9(2): presence is not compliance -----------------------------------


def test_art_15_1_one_character_description_is_not_met_evidence() -> None:
    data = _profile()
    data["organisation"] = {"description": "x"}
    assert _status(data, "Art 15(1)") is ProvisionStatus.NOT_ASSESSABLE


def test_art_15_3_training_every_ten_years_is_not_regular() -> None:
    data = _profile()
    data["training"] = {**data["training"], "interval": "P10Y"}
    (finding,) = _findings(data, "SPOC-A-0018")
    assert finding.status == "not_met"
    assert finding.test_basis == "interpretation"
    assert finding.interpretation and "once a" in finding.interpretation
    assert finding.severity is Severity.WARNING
    assert finding.breach is False


def test_art_15_3_programme_text_alone_is_not_assessable() -> None:
    data = _profile()
    data["training"] = {"programme": "x"}
    assert _status(data, "Art 15(3)") is ProvisionStatus.NOT_ASSESSABLE


def test_art_9_2_procedure_text_alone_is_not_assessable() -> None:
    data = _profile()
    data["judicial_authorisation"] = {"procedure": "x"}
    assert _status(data, "Art 9(2)") is ProvisionStatus.NOT_ASSESSABLE


# -- Art 15(2): "in so far as bound" checked against the state -----------------------------


def _sirene_not_bound(country: str, status: str) -> dict[str, Any]:
    data = _profile()
    data["state"] = {"country": country, "status": status}
    data["organisation"]["composition"][1] = {
        "unit_type": "sirene_bureau",
        "included": False,
        "state_is_bound": False,
        "justification": "Fictional: the state says it is not bound.",
    }
    return data


def test_art_15_2_b_eu_member_state_cannot_write_itself_out_of_sis() -> None:
    data = _sirene_not_bound("PT", "eu_member_state")
    assert _status(data, "Art 15(2)(b)") is ProvisionStatus.NOT_MET
    (finding,) = _findings(data, "SPOC-A-0016")
    assert "Regulation (EU) 2018/1862" in finding.message


def test_art_15_2_b_denmark_declares_its_own_position() -> None:
    data = _sirene_not_bound("DK", "eu_member_state")
    assert _status(data, "Art 15(2)(b)") is ProvisionStatus.NOT_APPLICABLE


def test_art_15_2_a_schengen_associated_state_has_no_europol_national_unit_duty() -> None:
    data = _profile()
    data["state"] = {"country": "NO", "status": "schengen_associated"}
    data["organisation"]["composition"][0] = {
        "unit_type": "europol_national_unit",
        "included": False,
    }
    assert _status(data, "Art 15(2)(a)") is ProvisionStatus.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("country", "status", "unit", "bound"),
    [
        ("PT", StateStatus.EU_MEMBER_STATE, UnitType.SIRENE_BUREAU, Bound.BOUND),
        ("DK", StateStatus.EU_MEMBER_STATE, UnitType.EUROPOL_NATIONAL_UNIT, Bound.DECLARED),
        ("IE", StateStatus.EU_MEMBER_STATE, UnitType.SIRENE_BUREAU, Bound.DECLARED),
        ("CH", StateStatus.SCHENGEN_ASSOCIATED, UnitType.SIRENE_BUREAU, Bound.BOUND),
        ("IS", StateStatus.SCHENGEN_ASSOCIATED, UnitType.EUROPOL_NATIONAL_UNIT, Bound.NOT_BOUND),
        ("XK", StateStatus.PARTNER_ALIGNING, UnitType.INTERPOL_NCB, Bound.DECLARED),
        # A status that contradicts the code is never taken at its word.
        ("NO", StateStatus.EU_MEMBER_STATE, UnitType.SIRENE_BUREAU, Bound.DECLARED),
    ],
)
def test_participation_code_list(
    country: str, status: StateStatus, unit: UnitType, bound: Bound
) -> None:
    assert unit_obligation(country, status, unit).bound is bound


# -- Art 13: dates and the exception -------------------------------------------------------


def test_art_13_1_early_compliance_is_shown_while_upcoming() -> None:
    report = check(_profile(), as_of=AS_OF, rule_packs=False)
    result = {p.provision: p for p in report.provisions}["Art 13(1)"]
    assert result.status is ProvisionStatus.UPCOMING
    assert result.justification and "already meets it" in result.justification
    data = _profile()
    data["channels"]["siena"]["default_channel"] = False
    late = {p.provision: p for p in check(data, as_of=AS_OF).provisions}["Art 13(1)"]
    assert late.justification and "does not meet it yet" in late.justification


def test_art_13_2_shares_the_2027_date() -> None:
    assert get_rule("SPOC-A-0038").applies_from is not None
    assert get_rule("SPOC-A-0038").applies_from == get_rule("SPOC-A-0037").applies_from


def test_art_13_2_unstated_channels_are_not_assessable() -> None:
    data = _profile()
    del data["channels"]["alternative_channels"]
    assert _status(data, "Art 13(2)", as_of="2027-07-01") is ProvisionStatus.NOT_ASSESSABLE


def test_unjustified_channel_breaches_art_13_1_from_2027() -> None:
    data = _profile()
    data["channels"]["alternative_channels"] = [{"channel_type": "telephone", "grounds": []}]
    (finding,) = _findings(data, "SPOC-A-0054", as_of="2027-07-01")
    assert finding.provision == "Art 13(1)"
    assert finding.severity is Severity.ERROR
    assert finding.breach is True


# -- Art 14(4) -------------------------------------------------------------------------------


def test_art_14_4_earlier_designation_reading_is_labelled_an_interpretation() -> None:
    data = _profile()
    data["commission_notification"] = {
        **data["commission_notification"],
        "notified_on": "2025-03-01",
    }
    report = check(data, as_of=AS_OF, select=["Art 14(4)"], rule_packs=False)
    (finding,) = [f for f in report.findings if f.status == "not_met"]
    assert finding.rule_id == "SPOC-A-0052"
    assert finding.test_basis == "interpretation"
    assert finding.breach is False


def test_art_14_4_update_duty_is_checked() -> None:
    data = _profile()
    data["commission_notification"] = {"notified_on": "2024-12-20", "up_to_date": False}
    assert _status(data, "Art 14(4)") is ProvisionStatus.NOT_MET
    redesignated = _profile()
    redesignated["spoc"] = {**redesignated["spoc"], "established_on": "2026-05-01"}
    redesignated["commission_notification"] = {"notified_on": "2024-12-20"}
    findings = _findings(redesignated, "SPOC-A-0053")
    assert [f.status for f in findings] == ["not_met"]


def test_art_14_4_oj_reference_without_a_date_is_accepted_but_not_assessable() -> None:
    data = _profile()
    data["commission_notification"] = {"official_journal_reference": "OJ C, example"}
    assert _status(data, "Art 14(4)") is ProvisionStatus.NOT_ASSESSABLE


# -- Art 17 and G-NET-2019: calendar years ------------------------------------------------


def test_art_17_not_met_in_the_middle_of_a_year_only_for_a_closed_year() -> None:
    data = _profile()
    data["heads_of_spoc_meetings"] = {
        "attended_on": ["2025-10-22"],
        "attendance_record_complete": True,
    }
    # Mid-2026: fewer than twelve months back there was no meeting, but 2025 had one.
    assert _findings(data, "SPOC-A-0049", as_of="2026-11-22") == []
    data["heads_of_spoc_meetings"]["attended_on"] = ["2024-10-22"]
    (finding,) = _findings(data, "SPOC-A-0049", as_of="2026-01-15")
    assert finding.status == "not_met" and "2025" in finding.message


def test_art_17_incomplete_record_is_not_assessable() -> None:
    data = _profile()
    data["heads_of_spoc_meetings"] = {"attended_on": ["2024-10-22"]}
    (finding,) = _findings(data, "SPOC-A-0049", as_of="2026-01-15")
    assert finding.status == "not_assessable"


def test_art_17_rule_is_an_unverified_interpretation() -> None:
    meta = get_rule("SPOC-A-0049").metadata()
    assert meta["verification"] == "unverified"
    assert meta["test_basis"] == "interpretation"
    assert "heads" in meta["interpretation"]


# -- Art 18(1): a deadline is met only on a stated date -----------------------------------


def test_art_18_deadline_needs_a_submission_date() -> None:
    data = _profile()
    data["statistics"] = {"last_reporting_year": 2025}
    assert _status(data, "Art 18") is ProvisionStatus.NOT_ASSESSABLE


# -- Council guidance and the project's own inference --------------------------------------


@pytest.mark.parametrize("rule_id", [f"SPOC-D-{n:04d}" for n in range(1, 10)])
def test_guidance_rules_say_whom_they_address_and_never_error(rule_id: str) -> None:
    rule = get_rule(rule_id)
    assert rule.addressee
    assert rule.severity in (Severity.WARNING, Severity.INFO)


def test_network_recommendations_address_the_network() -> None:
    for rule_id in ("SPOC-D-0001", "SPOC-D-0002"):
        assert "network" in (get_rule(rule_id).addressee or "")
    assert get_rule("SPOC-D-0007").severity is Severity.INFO  # CEPOL: welcomed, not required


def test_functional_contacts_is_the_projects_inference_not_2016_680() -> None:
    rule = get_rule("SPOC-D-0009")
    assert rule.test_basis.value == "interpretation"
    assert all("2016/680" not in ref.instrument for ref in rule.legal_basis)


def test_one_stop_shop_does_not_read_unlisted_members_as_missing() -> None:
    data = _profile()
    data["organisation"] = {
        **data["organisation"],
        "composition": data["organisation"]["composition"][:3],
    }
    del data["organisation"]["composition_complete"]
    statuses = {f.status for f in _findings(data, "SPOC-D-0003")}
    assert statuses == {"not_assessable"}
    data["organisation"]["composition_complete"] = True
    assert {f.status for f in _findings(data, "SPOC-D-0003")} == {"not_met"}


def test_multi_agency_does_not_read_unlisted_agencies_as_missing() -> None:
    data = _profile()
    data["organisation"] = {**data["organisation"], "staff_agencies": ["police", "gendarmerie"]}
    del data["organisation"]["staff_agencies_complete"]
    assert {f.status for f in _findings(data, "SPOC-D-0005")} == {"not_assessable"}


def test_cms_function_not_listed_is_missing_only_in_a_complete_list() -> None:
    data = _profile()
    cms = data["case_management_system"]
    cms["functions"] = [f for f in cms["functions"] if f != "generate_statistics"]
    del cms["functions_complete"]
    assert _status(data, "Art 16(1)(g)") is ProvisionStatus.NOT_ASSESSABLE


# -- Provenance reaches the finding ---------------------------------------------------------


def test_provenance_is_carried_into_the_finding() -> None:
    data = _profile()
    data["availability"] = {
        "around_the_clock": False,
        "provenance": {
            "source_title": "Example public fact sheet (fictional)",
            "source_url": "https://facts.example.org/spoc",
            "consulted_on": "2026-10-01",
            "asserted_by": "a third party from public sources",
        },
    }
    (finding,) = _findings(data, "SPOC-A-0009")
    assert finding.provenance is not None
    assert finding.provenance.source_title == "Example public fact sheet (fictional)"
    assert finding.provenance.asserted_by == "a third party from public sources"


# -- A profile like a real SPOC's: few public facts, the rest left out ----------------------


def test_sparse_real_world_profile_is_not_assessable_except_where_facts_decide() -> None:
    sparse = {
        "schema_version": "1.1",
        "revision_date": "2026-11-01",
        "state": {"country": "PT", "status": "eu_member_state"},
        "spoc": {
            "name": "Example SPOC (fictional)",
            "designation_evidence": [
                {
                    "kind": "published_statement",
                    "title": "Ministry statement naming the SPOC (fictional)",
                    "url": "https://gov.example.org/spoc",
                }
            ],
            "provenance": {"asserted_by": "a third party from public sources"},
        },
        "availability": {"around_the_clock": True},
        "languages": {"working_languages": ["en", "pt"]},
        "organisation": {
            "composition": [{"unit_type": "sirene_bureau", "included": True}],
        },
    }
    report = check(sparse, as_of=AS_OF, rule_packs=False)
    statuses = {p.provision: p.status for p in report.provisions}
    decided = {
        "Art 14(1)": ProvisionStatus.MET,
        "Art 14(3)(a)(ii)": ProvisionStatus.MET,
        "Art 11(1)": ProvisionStatus.MET,
        "Art 15(2)(b)": ProvisionStatus.MET,
    }
    for provision, status in statuses.items():
        if provision in decided:
            assert status is decided[provision], provision
        elif status is ProvisionStatus.UPCOMING:
            assert provision.startswith("Art 13"), provision
        else:
            assert status is ProvisionStatus.NOT_ASSESSABLE, (provision, status)
    assert not [f for f in report.findings if f.status == "not_met"]
