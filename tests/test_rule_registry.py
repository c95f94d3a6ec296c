"""The rule registry: coverage of the catalogue, ID scheme, severities and published metadata."""

from __future__ import annotations

import json
import re

import pytest

from spocschema.provisions import PROVISIONS, get_provision, section
from spocschema.report import Severity
from spocschema.rules import all_rules, coverage, every_rule, get_rule, rules_as_json
from spocschema.rules.base import RETIRED_IDS, SEVERITY_OF_FORCE, TestBasis, make_rule

REQUIREMENT_ROWS_A = {
    "Art 14(1)", "Art 14(2)(a)", "Art 14(2)(b)", "Art 14(2)(c)", "Art 14(2)(d)", "Art 14(2)(e)",
    "Art 14(2)(f)", "Art 14(3)(a)(i)", "Art 14(3)(a)(ii)", "Art 14(3)(a)(iii)", "Art 14(3)(b)",
    "Art 14(4)", "Art 15(1)", "Art 15(2)(a)", "Art 15(2)(b)", "Art 15(2)(c)", "Art 15(3)",
    "Art 15(3)(a)", "Art 15(3)(b)", "Art 15(3)(c)", "Art 16(1)", "Art 16(1)(a)", "Art 16(1)(b)",
    "Art 16(1)(c)", "Art 16(1)(d)", "Art 16(1)(e)", "Art 16(1)(f)", "Art 16(1)(g)",
    "Art 16(1)(h)", "Art 16(2)", "Art 16(3)", "Art 16(4)", "Art 11(1)", "Art 11(2)",
    "Art 13(1)", "Art 13(2)(a)\u2013(c)", "Art 13(3)", "Art 4(1)", "Art 4(2), 5(3), 7(3), 8(3)",
    "Art 5(1)(a)\u2013(c)", "Art 5(2)", "Art 9(1)\u2013(2)", "Art 17", "Art 18",
}  # fmt: skip


def test_every_row_of_section_a_is_in_the_catalogue() -> None:
    assert {p.row for p in section("A")} == REQUIREMENT_ROWS_A


@pytest.mark.parametrize("provision", section("A") + section("D"), ids=lambda p: p.citation)
def test_every_provision_of_sections_a_and_d_has_a_rule(provision: object) -> None:
    assert coverage()[provision.citation], f"{provision.citation} has no rule"  # type: ignore[attr-defined]


def test_coverage_lists_every_provision_and_only_real_rules() -> None:
    table = coverage()
    assert list(table) == [p.citation for p in PROVISIONS]
    ids = {rule.id for rule in every_rule()}
    assert {rule.id for rule in all_rules()} < ids  # profile rules and those of other documents
    assert {rule_id for rule_ids in table.values() for rule_id in rule_ids} == ids


def test_rule_ids_follow_the_scheme_and_are_unique() -> None:
    ids = [rule.id for rule in all_rules()]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert re.fullmatch(r"SPOC-[AD]-[0-9]{4}", rule_id)
        section_letter = rule_id.split("-")[1]
        assert get_rule(rule_id).provision_info.section == section_letter
    assert not set(ids) & RETIRED_IDS


def test_severity_follows_the_force_of_the_provision() -> None:
    for rule in all_rules():
        if rule.test_basis is TestBasis.TEXT:
            assert rule.severity is SEVERITY_OF_FORCE[rule.provision_info.force], rule.id
        else:
            # The project's reading or a recommendation never weighs as a breach of the text.
            assert rule.severity is not Severity.ERROR, rule.id
    assert get_rule("SPOC-A-0009").severity is Severity.ERROR
    assert get_rule("SPOC-A-0038").severity is Severity.INFO  # Art 13(2): MAY
    assert get_rule("SPOC-D-0003").severity is Severity.WARNING


def test_siena_rules_apply_from_june_2027() -> None:
    for rule_id in ("SPOC-A-0037", "SPOC-A-0039"):
        assert get_rule(rule_id).applies_from.isoformat() == "2027-06-12"  # type: ignore[union-attr]
    assert get_rule("SPOC-A-0009").applies_from is None


def test_unverified_references_say_so() -> None:
    rule = get_rule("SPOC-A-0033")  # Art 16(4), not yet verified
    meta = rule.metadata()
    assert meta["verification"] == "unverified"
    assert "not yet verified against the official journal" in meta["verification_note"].lower()
    assert meta["legal_basis"][0]["verified"] is False
    assert "unverified" in rule.tags
    verified = get_rule("SPOC-A-0016").metadata()
    assert verified["verification"] == "read_de"
    assert "verification_note" not in verified
    assert verified["legal_basis"][0]["verified"] is True


def test_legal_basis_is_structured() -> None:
    ref = get_rule("SPOC-A-0009").legal_basis[0]
    assert (ref.celex, ref.article, ref.paragraph, ref.point) == ("32023L0977", "14", "3", "a(ii)")
    assert ref.eli == "http://data.europa.eu/eli/dir/2023/977/oj"
    guideline = get_rule("SPOC-D-0003").legal_basis[0]
    assert guideline.celex is None
    assert "10492/14" in guideline.instrument
    copies = [r.citation for r in get_rule("SPOC-A-0042").legal_basis]
    assert copies == ["Art 4(2)", "Art 5(3)", "Art 7(3)", "Art 8(3)"]


def test_rule_list_is_json_with_all_metadata() -> None:
    data = json.loads(json.dumps(rules_as_json()))
    assert [meta["id"] for meta in data["rules"]] == [rule.id for rule in every_rule()]
    for meta in data["rules"]:
        for key in ("id", "title", "severity", "legal_basis", "rationale", "remediation",
                    "provision", "force", "document", "verification", "test_basis"):  # fmt: skip
            assert meta[key], (meta["id"], key)
        if meta["document"] == "spoc-profile":
            assert meta["tags"] and set(meta["examples"]) == {"passing", "failing"}
    assert data["coverage"]["Art 15(2)(b)"] == ["SPOC-A-0016"]


def test_rule_ids_cannot_be_malformed_or_retired() -> None:
    def never(*_: object) -> list[object]:
        return []

    common = {
        "provision": "Art 17",
        "title": "t",
        "rationale": "r",
        "remediation": "m",
        "passing": {},
        "failing": {},
        "evaluate": never,
    }
    with pytest.raises(ValueError, match="SPOC-"):
        make_rule(id="SPOC-X-1", **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must not start with SPOC-"):
        make_rule(id="SPOC-A-0100", origin="pt", **common)  # type: ignore[arg-type]


def test_unknown_rule_and_provision_are_named() -> None:
    with pytest.raises(KeyError, match="SPOC-A-9999"):
        get_rule("SPOC-A-9999")
    with pytest.raises(KeyError, match="Art 99"):
        get_provision("Art 99")


def test_markdown_reference_is_generated_from_the_registry() -> None:
    from spocschema.rules.reference import render_markdown

    text = render_markdown()
    for rule in all_rules():
        assert f"### {rule.id}: {rule.title}" in text
    assert (
        "| Art 15(2)(b) | MUST | Staff include the SIRENE Bureau, if bound | SPOC-A-0016 |" in text
    )
    every = every_rule()
    assert text.lower().count("official journal: the paraphrase may be inexact") == sum(
        not r.provision_info.verified for r in every
    )
    for other in every:
        assert f"### {other.id}: {other.title}" in text  # every document's rules, one walk
    assert "Test basis:** consistency" in text
