"""Profile schema 1.1 is additive: 1.0 profiles stay valid under both releases and are checked.

(The digest of the released 1.0 files is pinned in test_rule_metadata.py.)"""

from __future__ import annotations

import json
from pathlib import Path

from spocschema import schemas
from spocschema.checker import check
from spocschema.models.profile import PROFILE_SCHEMA_VERSIONS

ROOT = Path(__file__).resolve().parents[1]


def test_the_models_write_1_1_and_read_both() -> None:
    assert schemas.SCHEMA_VERSION == "1.1"
    assert PROFILE_SCHEMA_VERSIONS == ("1.0", "1.1")


def _example_1_0() -> dict[str, object]:
    data: dict[str, object] = json.loads((ROOT / "examples" / "minimal-profile.json").read_text())
    assert data["schema_version"] == "1.0"
    return data


def test_a_1_0_profile_is_valid_under_both_schemas() -> None:
    from jsonschema import Draft202012Validator

    data = _example_1_0()
    old = json.loads((ROOT / "schemas" / "1.0" / "spoc-profile.schema.json").read_text())
    assert list(Draft202012Validator(old).iter_errors(data)) == []
    assert list(schemas.validator_for("spoc-profile").iter_errors(data)) == []
    assert check(data, as_of="2026-11-22", rule_packs=False).summary is not None


def test_a_1_1_fact_is_rejected_by_the_1_0_schema_only() -> None:
    from jsonschema import Draft202012Validator

    data = _example_1_0()
    data["schema_version"] = "1.1"
    data["spoc"] = {"name": "Example SPOC (fictional)", "designation_evidence": []}
    old = json.loads((ROOT / "schemas" / "1.0" / "spoc-profile.schema.json").read_text())
    assert list(Draft202012Validator(old).iter_errors(data))
    assert list(schemas.validator_for("spoc-profile").iter_errors(data)) == []


def test_the_registry_resolves_both_versions() -> None:
    registry = schemas.registry()
    for version in ("1.0", "1.1"):
        uri = f"{schemas.BASE_URI}{version}/spoc-profile.schema.json"
        assert registry.contents(uri)["$id"] == uri
