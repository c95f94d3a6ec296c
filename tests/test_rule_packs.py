"""National rule packs: discovered through entry points, able to add and raise, never weaken."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from spocschema.checker import check
from spocschema.report import Severity
from spocschema.rules import all_rules, get_rule
from spocschema.rules.packs import (
    ENTRY_POINT_GROUP,
    RulePack,
    RulePackError,
    apply_packs,
    installed_packs,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AS_OF = "2026-11-22"
COMPLIANT = json.loads((ROOT / "examples" / "compliant-profile.json").read_text(encoding="utf-8"))


def _install(tmp_path: Path, entry_points: str) -> Path:
    """A distribution on sys.path the way pip leaves one: module plus a dist-info folder."""
    shutil.copy(HERE / "example_pack" / "spocschema_example_pack.py", tmp_path)
    info = tmp_path / "spocschema_example_pack-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spocschema-example-pack\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\n{entry_points}\n", encoding="utf-8"
    )
    return tmp_path


@pytest.fixture
def example_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.syspath_prepend(str(_install(tmp_path, "example = spocschema_example_pack:PACK")))
    yield
    import sys

    sys.modules.pop("spocschema_example_pack", None)


@pytest.fixture
def weakening_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    entry = "weak = spocschema_example_pack:weakening_pack"
    monkeypatch.syspath_prepend(str(_install(tmp_path, entry)))
    yield
    import sys

    sys.modules.pop("spocschema_example_pack", None)


def test_installed_pack_is_found_through_its_entry_point(example_pack: None) -> None:
    names = [pack.name for pack in installed_packs()]
    assert "example-xx" in names


def test_pack_adds_rules_and_raises_severities(example_pack: None) -> None:
    data = copy.deepcopy(COMPLIANT)
    data["contact_points"][0]["functional"] = False
    report = check(data, as_of=AS_OF)
    assert report.rule_packs == ["example-xx"]
    by_rule = {f.rule_id: f for f in report.findings}
    assert by_rule["XX-0001"].provision == "Art 5(1)(a)"
    assert by_rule["XX-0001"].severity is Severity.ERROR
    assert by_rule["XX-0001"].breach is False  # a national rule, not a Directive breach
    assert by_rule["SPOC-D-0009"].severity is Severity.ERROR  # raised from info
    assert "XX-0001" in {p.provision: p for p in report.provisions}["Art 5(1)(a)"].rule_ids
    # The registry itself is untouched: packs apply per check.
    assert get_rule("SPOC-D-0009").severity is Severity.INFO  # the project's own inference
    assert "XX-0001" not in {r.id for r in all_rules()}


def test_packs_can_be_switched_off_or_chosen_by_name(example_pack: None) -> None:
    assert check(COMPLIANT, as_of=AS_OF, rule_packs=False).rule_packs == []
    chosen = check(COMPLIANT, as_of=AS_OF, rule_packs=["example-xx"])
    assert [f.rule_id for f in chosen.findings] == ["XX-0001"]
    with pytest.raises(RulePackError, match="unknown rule pack"):
        check(COMPLIANT, as_of=AS_OF, rule_packs=["nowhere"])


def test_an_installed_pack_cannot_weaken_an_eu_must_rule(weakening_pack: None) -> None:
    with pytest.raises(RulePackError, match="cannot lower SPOC-A-0009 from error to warning"):
        check(COMPLIANT, as_of=AS_OF)


def test_a_pack_cannot_replace_or_lower_any_rule(example_pack: None) -> None:
    base = all_rules()
    must = get_rule("SPOC-A-0009")
    with pytest.raises(RulePackError, match="must not start with SPOC-"):
        apply_packs(base, [RulePack(name="replace", rules=(must,))])
    from spocschema_example_pack import SIX_HOURS  # type: ignore[import-not-found]

    with pytest.raises(RulePackError, match="cannot replace"):
        apply_packs(base, [RulePack("a", rules=(SIX_HOURS,)), RulePack("b", rules=(SIX_HOURS,))])
    with pytest.raises(RulePackError, match="cannot lower SPOC-D-0003"):
        apply_packs(base, [RulePack("lower", severity_overrides={"SPOC-D-0003": Severity.INFO})])
    with pytest.raises(RulePackError, match="no rule"):
        apply_packs(base, [RulePack("ghost", severity_overrides={"SPOC-A-9999": Severity.ERROR})])
    # Raising, or restating the same severity, is allowed.
    rules = apply_packs(base, [RulePack("same", severity_overrides={"SPOC-A-0009": "error"})])  # type: ignore[dict-item]
    assert len(rules) == len(base)


def test_a_second_pack_cannot_lower_what_a_first_raised() -> None:
    first = RulePack("first", severity_overrides={"SPOC-D-0003": Severity.ERROR})
    second = RulePack("second", severity_overrides={"SPOC-D-0003": Severity.WARNING})
    with pytest.raises(RulePackError, match="second"):
        apply_packs(all_rules(), [first, second])
