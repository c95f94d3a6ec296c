"""Schema 1.1 is additive: 1.0 stays published byte for byte, and 1.0 documents stay valid."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from spocschema import schemas
from spocschema.checker import check
from spocschema.models.profile import PROFILE_SCHEMA_VERSIONS

ROOT = Path(__file__).resolve().parents[1]

#: SHA-256 of the released 1.0 files. A change here means a released schema was edited.
RELEASED_1_0 = {
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
    "report.schema.json": ("80ed8590c0d1b57df1b2f08e724b176d5f89d505b8840041ddeae6ce558e58c4"),
    "spoc-profile.schema.json": (
        "91cbf050de5de661e6e899bfeccca4b09d19b235a72f2686fccb7781454c7270"
    ),
    "waivers.schema.json": ("500f1e9cb0a78501c650c9c5037197b78f86b2b3d1f07ad3ed2171c82ea75d8d"),
}


@pytest.mark.parametrize("name", sorted(RELEASED_1_0))
def test_released_1_0_schemas_are_untouched(name: str) -> None:
    data = (ROOT / "schemas" / "1.0" / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == RELEASED_1_0[name]


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
