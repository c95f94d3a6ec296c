"""Run the per-rule test cases (tests/rule_cases/eu-rules.json) and keep them in step with the
rule declarations they are generated from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spocschema.checker import check
from spocschema.rules import all_rules
from spocschema.rules.cases import dumps, export, merge_patch

ROOT = Path(__file__).resolve().parents[1]
CASES_FILE = ROOT / "tests" / "rule_cases" / "eu-rules.json"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))
BASE = json.loads((ROOT / CASES["base"]).read_text(encoding="utf-8"))


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['rule_id']}-{case['kind']}"


@pytest.mark.parametrize("case", CASES["cases"], ids=_case_id)
def test_rule_case(case: dict[str, Any]) -> None:
    profile = merge_patch(BASE, case["patch"])
    report = check(profile, as_of=case["as_of"], select=[case["rule_id"]], rule_packs=False)
    statuses = {p.provision: p.status.value for p in report.provisions}
    assert statuses[case["provision"]] == case["expect"]["provision_status"]
    reported = sorted({f.rule_id for f in report.findings})
    assert reported == case["expect"]["finding_rule_ids"]


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    kinds: dict[str, set[str]] = {}
    for case in CASES["cases"]:
        kinds.setdefault(case["rule_id"], set()).add(case["kind"])
    assert kinds == {rule.id: {"passing", "failing"} for rule in all_rules()}


def test_cases_file_matches_the_rule_declarations() -> None:
    assert CASES_FILE.read_text(encoding="utf-8") == dumps(export()), (
        "regenerate: PYTHONPATH=src python -m spocschema.rules.cases tests/rule_cases/eu-rules.json"
    )


def test_merge_patch_follows_rfc_7396() -> None:
    # The examples of RFC 7396, appendix A (a selection).
    assert merge_patch({"a": "b"}, {"a": "c"}) == {"a": "c"}
    assert merge_patch({"a": "b"}, {"b": "c"}) == {"a": "b", "b": "c"}
    assert merge_patch({"a": "b"}, {"a": None}) == {}
    assert merge_patch({"a": [{"b": "c"}]}, {"a": [1]}) == {"a": [1]}
    assert merge_patch({"e": None}, {"a": 1}) == {"e": None, "a": 1}
    assert merge_patch(["a", "b"], {"a": "b"}) == {"a": "b"}
    assert merge_patch({}, {"a": {"bb": {"ccc": None}}}) == {"a": {"bb": {}}}
