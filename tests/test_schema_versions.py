"""The documents new in schema release 1.1 (network statistics, profile history) exist only
there; release 1.0 stays as published (pinned in test_rule_metadata.py)."""

from __future__ import annotations

from pathlib import Path

from spocschema import schemas

NEW_IN_1_1 = ("network-statistics", "profile-history")


def test_documents_new_in_1_1_exist_only_there(tmp_path: Path) -> None:
    for name in NEW_IN_1_1:
        assert schemas.schema_path(name).parent.name == "1.1"
        assert not schemas.schema_path(name, version="1.0").exists()
        assert schemas.load(name)["properties"]["schema_version"]["const"] == "1.1"
    schemas.write_all(tmp_path)
    for name in NEW_IN_1_1:
        assert (tmp_path / "1.1" / f"{name}.schema.json").is_file()
        assert not (tmp_path / "1.0" / f"{name}.schema.json").exists()
    ids = {schema["$id"] for schema in schemas.iter_published()}
    assert all(schemas.document_type(name).schema_id in ids for name in NEW_IN_1_1)
