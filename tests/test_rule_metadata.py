"""What a verdict rests on: every rule declares its verification and test basis, and findings
carry the test basis so a reader sees when a verdict is the project's reading, not the law."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import COMPLIANT, run_cli
from spocschema import checker, schemas
from spocschema.report import REPORT_SCHEMA_VERSION, Report, Severity, TestBasis, Verification
from spocschema.rules import all_rules, rule_metadata, rules_as_json
from spocschema.rules.base import Context, Outcome, Rule, default_severity, make_rule, not_met

ROOT = Path(__file__).resolve().parents[1]

#: SHA-256 of every published 1.0 schema file: version 1.0 is frozen, byte for byte.
FROZEN_1_0 = {
    "annual-statistics.schema.json": (
        "1183a1cb832d137938b96464e28c0a41e747cbcf600c365f8274274b3af2eb3f"
    ),
    "exchange-record.schema.json": (
        "660083be01594d65bf81cbfae545def399645cf37fbd72e122cc38ba26cfbbe7"
    ),
    "information-request.schema.json": (
        "7058f6d803e42ade44f00f424308397c06487520acfe76c1aa2c8523d14f8016"
    ),
    "network-directory.schema.json": (
        "9ebf70adeac66e7e74a555f8851e4f241ba51163b7d53e2af0e28217fa580a60"
    ),
    "network-report.schema.json": (
        "eee47f6ed5ade86755d78139e6ed0f2084ee9760de6b092c517aa448387fa494"
    ),
    "profile-diff.schema.json": (
        "b42750dd275c0906eaf3e8622d32086586a268606cf1cd3534eff7856c0a895a"
    ),
    "report.schema.json": (
        "80ed8590c0d1b57df1b2f08e724b176d5f89d505b8840041ddeae6ce558e58c4"
    ),
    "spoc-profile.schema.json": (
        "91cbf050de5de661e6e899bfeccca4b09d19b235a72f2686fccb7781454c7270"
    ),
    "waivers.schema.json": (
        "500f1e9cb0a78501c650c9c5037197b78f86b2b3d1f07ad3ed2171c82ea75d8d"
    ),
}  # fmt: skip


def test_schema_1_0_is_frozen_byte_for_byte() -> None:
    directory = ROOT / "schemas" / "1.0"
    found = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.glob("*.json"))
    }
    assert found == FROZEN_1_0


def test_schema_1_1_is_current_and_every_id_of_both_versions_resolves() -> None:
    assert schemas.SCHEMA_VERSIONS[-1] == schemas.SCHEMA_VERSION == "1.1"
    registry = schemas.registry()
    for version in schemas.SCHEMA_VERSIONS:
        for name in schemas.DOCUMENT_TYPES:
            if not schemas.schema_path(name, version=version).is_file():
                assert version != schemas.SCHEMA_VERSION, name  # a type new in a later version
                continue
            uri = f"{schemas.BASE_URI}{version}/{name}.schema.json"
            assert registry.get_or_retrieve(uri).value.contents["$id"] == uri
    assert all(schemas.schema_path(n).is_file() for n in schemas.DOCUMENT_TYPES)  # all in 1.1


def _rules_metadata() -> Iterator[dict[str, object]]:
    yield from rules_as_json()["rules"]


@pytest.mark.parametrize("meta", list(_rules_metadata()), ids=lambda m: str(m["id"]))
def test_every_rule_publishes_verification_and_test_basis(meta: dict[str, object]) -> None:
    assert Verification(meta["verification"])
    basis = TestBasis(meta["test_basis"])
    if basis is TestBasis.INTERPRETATION:
        assert meta.get("interpretation")
    if basis is TestBasis.RECOMMENDATION:
        assert meta["severity"] != "error"
    if basis is not TestBasis.TEXT:
        assert meta["severity"] != "error"


def _rule(**metadata: object) -> Rule:
    return make_rule(
        id="SPOC-A-9999",
        provision="Art 16(4)",  # not read in any stored copy: no verification to inherit
        title="Training is regular",
        rationale="A test rule.",
        remediation="Fix it.",
        passing={},
        failing={},
        evaluate=lambda profile, ctx: [not_met("/staff", "not regular")],
        **metadata,  # type: ignore[arg-type]
    )


def test_metadata_left_out_is_listed_as_undeclared() -> None:
    # Art 15(3) was read in the German text: the catalogue supplies the verification
    read = make_rule(
        id="SPOC-A-9996",
        provision="Art 15(3)",
        title="t",
        rationale="r",
        remediation="f",
        passing={},
        failing={},
        evaluate=lambda profile, ctx: [],
    )
    assert read.undeclared == ("test_basis",)
    assert read.verification is Verification.READ_DE
    unread = make_rule(
        id="SPOC-A-9997",
        provision="Art 17",
        title="t",
        rationale="r",
        remediation="f",
        passing={},
        failing={},
        evaluate=lambda profile, ctx: [],
    )
    assert unread.undeclared == ("verification", "test_basis")
    assert unread.verification is Verification.UNVERIFIED
    declared = _rule(verification=Verification.READ_DE, test_basis=TestBasis.TEXT)
    assert declared.undeclared == ()
    assert declared.metadata()["verification"] == "read_de"


def test_a_reading_must_be_stated_and_guidance_must_name_whom_it_addresses() -> None:
    with pytest.raises(ValueError, match="state its reading"):
        _rule(test_basis=TestBasis.INTERPRETATION)
    with pytest.raises(ValueError, match="whom it addresses"):
        _rule(test_basis=TestBasis.RECOMMENDATION)
    with pytest.raises(ValueError, match="only a test of the text"):
        _rule(test_basis=TestBasis.CONSISTENCY, severity=Severity.ERROR)


def test_severity_follows_the_basis() -> None:
    assert default_severity("MUST", TestBasis.TEXT) is Severity.ERROR
    assert default_severity("MUST", TestBasis.INTERPRETATION) is Severity.WARNING
    assert default_severity("SHOULD", TestBasis.INTERPRETATION) is Severity.INFO
    assert default_severity("MUST", TestBasis.RECOMMENDATION) is Severity.WARNING
    assert default_severity("SHOULD", TestBasis.RECOMMENDATION) is Severity.WARNING
    assert default_severity("MUST", TestBasis.CONSISTENCY) is Severity.INFO


def _check_with(rule: Rule) -> Report:
    original = checker.all_rules
    checker.all_rules = lambda: (rule,)  # type: ignore[assignment]
    try:
        return checker.check(COMPLIANT, as_of="2026-01-01", rule_packs=False)
    finally:
        checker.all_rules = original  # type: ignore[assignment]


def test_a_finding_on_an_interpretation_says_so_and_is_no_breach() -> None:
    reading = "Training at least every three years is read as regular."
    rule = _rule(
        verification=Verification.READ_DE,
        test_basis=TestBasis.INTERPRETATION,
        interpretation=reading,
    )
    assert rule.severity is Severity.WARNING  # one below MUST
    (finding,) = _check_with(rule).findings
    assert finding.test_basis is TestBasis.INTERPRETATION
    assert finding.interpretation == reading
    assert finding.breach is False
    text = _rule(verification=Verification.READ_DE, test_basis=TestBasis.TEXT)
    (finding,) = _check_with(text).findings
    assert finding.test_basis is TestBasis.TEXT
    assert finding.interpretation is None
    assert finding.breach is True


def test_reports_are_1_1_and_1_0_reports_still_read() -> None:
    report = checker.check(COMPLIANT, as_of="2026-01-01", rule_packs=False)
    assert report.schema_version == REPORT_SCHEMA_VERSION == "1.1"
    document = report.to_document()
    assert not list(schemas.validator_for("report").iter_errors(document))
    old = json.loads(json.dumps(document))
    old["schema_version"] = "1.0"
    for finding in old["findings"]:
        finding.pop("test_basis", None)
        finding.pop("interpretation", None)
    assert Report.model_validate(old).schema_version == "1.0"
    assert not list(schemas.validator_for("report").iter_errors(old))


def test_every_finding_of_the_rules_carries_its_test_basis() -> None:
    noncompliant = ROOT / "examples" / "noncompliant-no-english.json"
    report = checker.check(noncompliant, as_of="2026-01-01", rule_packs=False)
    by_id = {rule.id: rule for rule in all_rules()}
    assert report.findings
    for finding in report.findings:
        assert finding.test_basis is by_id[finding.rule_id].test_basis


def test_explain_shows_verification_and_test_basis(capsys: pytest.CaptureFixture[str]) -> None:
    rule_id = all_rules()[0].id
    out = run_cli(capsys, "explain", rule_id).out
    assert "Verification:" in out and "Test basis:" in out


def test_outcome_is_unchanged_by_metadata() -> None:
    # the evaluating function sees the same profile and context whatever the metadata says
    seen: list[Context] = []

    def evaluate(profile: object, ctx: Context) -> list[Outcome]:
        seen.append(ctx)
        return []

    rule = make_rule(
        id="SPOC-A-9998",
        provision="Art 15(3)",
        title="t",
        rationale="r",
        remediation="f",
        passing={},
        failing={},
        evaluate=evaluate,  # type: ignore[arg-type]
        verification=Verification.READ_EN,
        test_basis=TestBasis.CONSISTENCY,
    )
    assert rule.severity is Severity.INFO
    assert _check_with(rule).findings == [] and len(seen) == 1


# -- the coverage matrix --------------------------------------------------------------------


def test_the_coverage_matrix_lists_every_article_from_4_to_18() -> None:
    from spocschema.rules import article_coverage

    articles = article_coverage()
    assert [a["article"] for a in articles] == [str(n) for n in range(4, 19)]
    for article in articles:
        assert article["provisions"], f"Art {article['article']} has no provision"
        for row in article["provisions"]:
            if row["rules"]:
                assert "no_rule_reason" not in row
            else:  # a gap always says why
                assert len(row.get("no_rule_reason", "")) > 20, row["citation"]


def test_every_provision_without_a_rule_says_why() -> None:
    from spocschema.provisions import PROVISIONS
    from spocschema.rules import coverage

    table = coverage()
    silent = [p.citation for p in PROVISIONS if not table[p.citation] and not p.no_rule_reason]
    assert silent == []
    # and a reason is never left on a provision that has rules (it would contradict them)
    stale = [p.citation for p in PROVISIONS if table[p.citation] and p.no_rule_reason]
    assert stale == []


def test_the_coverage_page_shows_articles_rules_and_reasons() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import rule_catalogue

    data = rules_as_json()
    page = rule_catalogue.render_coverage(
        data, [r for r in data["rules"] if r["document"] != "spoc-profile"]
    )
    assert "## By article (Articles 4 to 18)" in page
    for number in range(4, 19):
        assert f"\n| {number} | " in page
    assert "No rule: Requests and exchange records carry no personal data" in page  # Art 10
    assert "SPOC-B-0012" in page and "SPOC-N-0001" in page


def test_explain_shows_the_basis_of_a_document_rule(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(capsys, "explain", "SPOC-C-0032").out
    assert "Test basis:" in out and "consistency" in out
    assert "Verification:" in out and "German" in out


def test_document_rules_agree_with_what_the_catalogue_records_as_read() -> None:
    from spocschema.rules import document_rules

    for rule in document_rules():
        assert rule.verification.value == rule.provision_info.verification, rule.rule_id


def test_sarif_rule_descriptors_carry_the_test_basis(capsys: pytest.CaptureFixture[str]) -> None:
    from cli_support import AS_OF, EXAMPLES

    noncompliant = EXAMPLES / "noncompliant-office-hours.json"
    result = run_cli(capsys, "check", "--as-of", AS_OF, "--format", "sarif", str(noncompliant))
    rules = json.loads(result.out)["runs"][0]["tool"]["driver"]["rules"]
    registered = [r for r in rules if r["id"].startswith("SPOC-A-")]
    assert registered
    for descriptor in registered:
        meta = rule_metadata(descriptor["id"])
        assert descriptor["properties"]["test_basis"] == meta["test_basis"]
        assert descriptor["properties"]["verification"] == meta["verification"]
