"""The committed schemas: current, valid Draft 2020-12, documented, offline, strict-validator clean.

Anyone, in any language, validates profiles against these files, so they are checked as a
product of their own: they must equal what the models generate, pass the metaschema, describe
and title every property, carry the legal basis, resolve their ``$id`` without the network, and
compile in ajv's strict mode.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

import _ajv
from _strategies import mutants
from spocschema import schemas
from spocschema.loading import load_document
from spocschema.models.base import SpocModel, legal_basis_of
from spocschema.models.profile import SpocProfile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.*"))
NAMES = sorted(schemas.DOCUMENT_TYPES)


def walk(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema with its location."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for where, node in walk(schema):
        props = node.get("properties")
        if isinstance(props, dict) and node.get("type") == "object":
            for key, sub in props.items():
                yield f"{where}/properties/{key}", sub


def test_committed_schemas_match_the_models() -> None:
    assert schemas.check_all() == []


def test_drift_is_detected(tmp_path: Path) -> None:
    schemas.write_all(tmp_path)
    assert schemas.check_all(tmp_path) == []
    path = tmp_path / schemas.SCHEMA_VERSION / "spoc-profile.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace("Legal basis", "Basis"), "utf-8")
    (drifted,) = schemas.check_all(tmp_path)
    assert "spoc-profile.schema.json" in drifted and "--write" in drifted
    path.unlink()
    assert "missing" in schemas.check_all(tmp_path)[0]


@pytest.mark.parametrize("name", NAMES)
def test_schema_passes_the_draft_2020_12_metaschema(name: str) -> None:
    schema = schemas.load(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)  # also checks "regex" formats of patterns


@pytest.mark.parametrize("name", NAMES)
def test_every_pattern_is_an_ecma_262_regex(name: str) -> None:
    regress = pytest.importorskip("regress")
    patterns = [node["pattern"] for _, node in walk(schemas.load(name)) if "pattern" in node]
    patterns += [k for _, n in walk(schemas.load(name)) for k in n.get("patternProperties", {})]
    assert patterns
    for pattern in patterns:
        regress.Regex(pattern)  # raises on anything ECMA-262 does not accept


@pytest.mark.parametrize("name", NAMES)
def test_every_property_has_a_title_and_a_description(name: str) -> None:
    missing = [
        where
        for where, sub in properties(schemas.load(name))
        if not (isinstance(sub.get("title"), str) and sub["title"].strip())
        or not (isinstance(sub.get("description"), str) and len(sub["description"]) > 3)
    ]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_every_object_is_closed_except_for_extensions(name: str) -> None:
    for where, node in walk(schemas.load(name)):
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, where
            assert node.get("patternProperties") == {"^x-": {}}, where


def _all_subclasses(base: type[Any]) -> list[type[Any]]:
    found = []
    for sub in base.__subclasses__():
        found.append(sub)
        found.extend(_all_subclasses(sub))
    return found


def _models(model: type[BaseModel]) -> Iterator[type[SpocModel]]:
    seen: set[type[Any]] = set()
    stack: list[type[Any]] = [model]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        for info in current.model_fields.values():
            text = repr(info.annotation)
            for candidate in _all_subclasses(SpocModel):
                if re.search(rf"\b{candidate.__name__}\b", text):
                    stack.append(candidate)


@pytest.mark.parametrize("name", NAMES)
def test_legal_basis_is_a_comment_wherever_declared(name: str) -> None:
    doc = schemas.document_type(name)
    schema = schemas.load(name)
    checked = 0
    for model in _models(doc.model()):
        node = schema if model is doc.model() else schema["$defs"][model.__name__]
        for field_name, info in model.model_fields.items():
            refs = legal_basis_of(model, field_name)
            prop = node["properties"][info.alias or field_name]
            if refs:
                assert prop["$comment"] == "legal_basis: " + "; ".join(refs)
                assert all(ref in prop["description"] for ref in refs)
                checked += 1
            else:
                assert "legal_basis" not in prop.get("$comment", "")
    if name == "spoc-profile":
        assert checked > 50


def test_enums_carry_their_legal_basis() -> None:
    defs = schemas.load("spoc-profile")["$defs"]
    task = defs["SpocTask"]
    assert task["$comment"].startswith("legal_basis: Art 14(2)")
    assert all(f"`{value}`" in task["description"] for value in task["enum"])


@pytest.mark.parametrize("name", NAMES)
def test_ids_are_versioned_and_match_the_file(name: str) -> None:
    schema = schemas.load(name)
    path = schemas.schema_path(name)
    version = schemas.document_type(name).version
    assert schema["$id"] == f"{schemas.BASE_URI}{version}/{path.name}"
    assert path.parent.name == version
    assert re.fullmatch(r"[0-9]+\.[0-9]+", version)
    assert schema["title"] and schema["description"]


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access attempted: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_ids_resolve_offline(offline: None) -> None:
    schemas.registry.cache_clear()
    registry = schemas.registry()
    for name in NAMES:
        schema_id = schemas.document_type(name).schema_id
        assert registry.get_or_retrieve(schema_id).value.contents == schemas.load(name)
    outer = {
        "$schema": schemas.DRAFT_2020_12,
        "$ref": schemas.document_type("spoc-profile").schema_id,
    }
    validator = Draft202012Validator(outer, registry=registry)
    document = json.loads((ROOT / "examples" / "minimal-profile.json").read_text("utf-8"))
    assert validator.is_valid(document)
    assert not validator.is_valid({**document, "typo": 1})
    assert schemas.validator_for("spoc-profile").is_valid(document)


def test_schema_examples_are_valid_values() -> None:
    """``examples`` in the schema must themselves pass the property they illustrate."""
    schema = schemas.load("spoc-profile")
    checked = 0
    for where, node in walk(schema):
        if "examples" in node and isinstance(node["examples"], list) and "type" in node:
            validator = Draft202012Validator(
                {**node, "$defs": schema["$defs"]},
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            for value in node["examples"]:
                assert validator.is_valid(value), (where, value)
                checked += 1
    assert checked >= 5


# --------------------------------------------------------------------------------------------
# ajv, strict mode


@pytest.mark.external
def test_ajv_strict_mode_compiles_every_schema_and_accepts_the_examples() -> None:
    published = [schemas.load(name) for name in NAMES]
    profile_id = schemas.document_type("spoc-profile").schema_id
    cases = [(profile_id, load_document(path).data) for path in EXAMPLES]  # YAML too
    result = _ajv.run(published, cases)
    assert result["compiled"] == [s["$id"] for s in published]
    assert "strict mode" not in result["warnings"], result["warnings"]
    assert result["warnings"].strip() == ""
    bad = {p.name: v for p, v in zip(EXAMPLES, result["verdicts"], strict=True) if v is not True}
    assert bad == {}


def _collect_mutants(count: int) -> list[tuple[dict[str, Any], str]]:
    found: list[tuple[dict[str, Any], str]] = []

    @settings(
        max_examples=count,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutants(SpocProfile))
    def collect(mutant: tuple[dict[str, Any], str]) -> None:
        found.append(mutant)

    collect()
    return found


@pytest.mark.external
def test_ajv_and_the_models_agree_on_mutated_profiles() -> None:
    """The same differential property as test_differential.py, with ajv as the other side."""
    from test_differential import MINIMAL, PINNED, _with

    documents = [(_with(path, value), f"{path} = {value!r:.40}") for path, value, _ in PINNED]
    documents += [(MINIMAL, "minimal"), *_collect_mutants(200)]
    profile_id = schemas.document_type("spoc-profile").schema_id
    result = _ajv.run(
        [schemas.load(name) for name in NAMES], [(profile_id, d) for d, _ in documents]
    )
    disagreements = []
    for (document, what), verdict in zip(documents, result["verdicts"], strict=True):
        try:
            SpocProfile.model_validate(document)
            by_model = True
        except PydanticError:
            by_model = False
        if by_model != (verdict is True):
            disagreements.append((what, verdict, json.dumps(document)[:300]))
    assert disagreements == []
