"""Schema releases: 1.1 is generated from the models; 1.0 is frozen as it was published.

A document written against 1.0 must keep validating, and a tool that pinned a 1.0 ``$id`` must
keep finding the very file it pinned: the 1.0 files are never regenerated, are exported with
the current release and resolve offline.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from spocschema import schemas

#: Digest of schemas/1.0 as released (names and bytes of every file); it never changes.
FROZEN_1_0 = "45010532bae29169b2c33cf62aaa05fa02696de75764868b6851675c32547df3"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "compliant-profile.json"


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def test_release_1_0_is_untouched_byte_for_byte() -> None:
    assert schemas.FROZEN_VERSIONS == ("1.0",)
    assert schemas.SCHEMA_VERSION == "1.1"
    assert _digest(schemas.source_schema_dir() / "1.0") == FROZEN_1_0


def test_an_export_carries_both_releases(tmp_path: Path) -> None:
    schemas.write_all(tmp_path)
    assert _digest(tmp_path / "1.0") == FROZEN_1_0
    assert {p.name for p in (tmp_path / "1.1").glob("*.json")} == {
        doc.filename for doc in schemas.DOCUMENT_TYPES.values()
    }
    assert schemas.check_all(tmp_path) == []


def test_1_0_ids_resolve_offline_and_1_0_documents_stay_valid() -> None:
    old_id = "https://spocschema.readthedocs.io/schemas/1.0/spoc-profile.schema.json"
    resolved = schemas.registry().resolver().lookup(old_id).contents
    assert resolved["$id"] == old_id
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert document["schema_version"] == "1.0"
    assert schemas.validator_for("spoc-profile").is_valid(document)  # the 1.1 schema


def test_documents_new_in_1_1_exist_only_there() -> None:
    for name in ("network-statistics", "profile-history"):
        assert schemas.schema_path(name).parent.name == "1.1"
        assert not (schemas.source_schema_dir() / "1.0" / f"{name}.schema.json").exists()
        assert schemas.load(name)["properties"]["schema_version"]["const"] == "1.1"
