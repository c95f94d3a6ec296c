"""``spocschema init``: an annotated template generated from the models, valid as written."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cli_support import run_cli
from spocschema import schemas
from spocschema.template import profile_template
from spocschema.validation import validate_profile


def _declarations(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every property declaration of the profile schema, with its name."""
    return [
        (name, declaration)
        for node in [schema, *schema["$defs"].values()]
        for name, declaration in node.get("properties", {}).items()
    ]


def _comment_blocks(text: str, name: str) -> list[str]:
    """The comments above each occurrence of the key ``name`` in the template."""
    key = f'"{name}"' if name.startswith("$") else name
    lines = text.splitlines()
    blocks = []
    for index, line in enumerate(lines):
        if not re.match(rf"\s*{re.escape(key)}:", line):
            continue
        comments: list[str] = []
        while index > 0 and lines[index - 1].lstrip().startswith("#"):
            index -= 1
            comments.insert(0, lines[index].lstrip("# ").strip())
        blocks.append(" ".join(comments))
    return blocks


@pytest.mark.parametrize("full", [False, True])
def test_template_is_a_valid_profile(full: bool) -> None:
    text = profile_template(full=full, today=date(2026, 11, 22))
    assert validate_profile(text) == []


def test_full_template_states_every_key() -> None:
    from spocschema.loading import load_document

    data = load_document(profile_template(full=True)).data
    assert set(data) == set(schemas.load("spoc-profile")["properties"])


def test_optional_keys_are_commented_out() -> None:
    from spocschema.loading import load_document

    data = load_document(profile_template()).data
    assert set(data) == set(schemas.load("spoc-profile")["required"])


def test_every_key_has_its_meaning_and_legal_basis_as_comments() -> None:
    text = profile_template(full=True)
    for name, declaration in _declarations(schemas.load("spoc-profile")):
        blocks = _comment_blocks(text, name)
        assert blocks, f"{name} missing from the template"
        description = " ".join(str(declaration.get("description", "")).split())
        comment = str(declaration.get("$comment", ""))
        references = comment.removeprefix("legal_basis: ").split("; ") if comment else []
        if "description" not in declaration:
            continue
        opening = " ".join(description.split()[:4])
        assert any(
            opening in block and all(ref in block for ref in references) for block in blocks
        ), (name, description, blocks)


def test_closed_lists_show_codes_with_meanings() -> None:
    text = profile_template()
    assert "#   receive_and_evaluate_requests: Receive and evaluate requests" in text
    assert "(Art 14(2)(a))" in text


def test_init_command_writes_without_overwriting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "profile.yaml"
    assert run_cli(capsys, "init", "--output", str(target)).code == 0
    assert validate_profile(target) == []
    again = run_cli(capsys, "init", "--output", str(target))
    assert again.code == 2
    assert "--force" in again.err
    assert run_cli(capsys, "init", "--output", str(target), "--force", "--full").code == 0
    assert run_cli(capsys, "validate", str(target)).code == 0
    printed = run_cli(capsys, "init")
    assert printed.out.startswith("# yaml-language-server: $schema=https://")


# -- editor support -------------------------------------------------------------------------


def test_yaml_template_has_the_modeline_of_the_editor_schema() -> None:
    text = profile_template()
    editor_id = schemas.document_type("spoc-profile").editor_schema_id
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={editor_id}"
    assert schemas.load("spoc-profile", editor=True)["$id"] == editor_id
    assert 'schema_version: "1.1"' in text  # a new profile follows the newest schema


def test_local_schema_for_offline_editors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "profiles" / "portugal.spoc.yaml"
    target.parent.mkdir()
    local = tmp_path / "schemas" / "spoc-profile.editor.schema.json"
    result = run_cli(capsys, "init", "-o", str(target), "--local-schema", str(local))
    assert result.code == 0, result.err
    first = target.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/spoc-profile.editor.schema.json"
    assert local.read_bytes() == schemas.schema_path("spoc-profile", editor=True).read_bytes()
    assert validate_profile(target) == []
    # An up-to-date copy is reused; a different file is not overwritten without --force.
    again = tmp_path / "profiles" / "second.spoc.yaml"
    assert run_cli(capsys, "init", "-o", str(again), "--local-schema", str(local)).code == 0
    local.write_text("{}", "utf-8")
    third = tmp_path / "profiles" / "third.spoc.yaml"
    refused = run_cli(capsys, "init", "-o", str(third), "--local-schema", str(local))
    assert refused.code == 2 and "exists" in refused.err and not third.exists()


def test_json_template_carries_schema_and_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    target = tmp_path / "spoc-profile.json"
    assert run_cli(capsys, "init", "-o", str(target)).code == 0
    data = json.loads(target.read_text("utf-8"))
    assert next(iter(data)) == "$schema"
    assert data["$schema"] == schemas.document_type("spoc-profile").editor_schema_id
    assert validate_profile(target) == []
    assert schemas.validator_for("spoc-profile", editor=True).is_valid(data)
    printed = run_cli(capsys, "init", "--format", "json", "--full")
    full = json.loads(printed.out)
    assert set(full) == set(schemas.load("spoc-profile")["properties"])
    assert validate_profile(printed.out) == []
    mixed = run_cli(capsys, "init", "--format", "json", "--local-schema", str(tmp_path / "s.json"))
    assert mixed.code == 2 and "http(s) URL" in mixed.err
