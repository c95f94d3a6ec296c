"""Load, dump, load again: nothing is lost, nothing moves, extensions survive at every level.

The only changes a round trip may make are the documented normalisations: ``EL`` is stored as
``GR``, and a whole number written ``3.0`` is stored as ``3`` (JSON Schema counts both as the
same integer).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings

from _strategies import documents
from spocschema import load_profile
from spocschema.models.base import SpocModel
from spocschema.models.profile import SpocProfile
from spocschema.report import Report

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(
    max_examples=int(os.environ.get("SPOCSCHEMA_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


#: JSON text is YAML, except for raw characters YAML does not allow (control characters such as
#: U+007F, refused with a located error) and three that PyYAML reads as line breaks even inside
#: quoted strings, as YAML 1.1 has it (U+0085, U+2028, U+2029). JSON input is read by the JSON
#: parser and PyYAML's emitter escapes all of these, so only JSON forced through YAML meets them.
_NOT_PLAIN_YAML = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern + "|[\x85\u2028\u2029]")


def normalised(value: Any, key: str = "") -> Any:
    """What the models store for an input value (the documented normalisations only).

    Extensions are national data, kept exactly as they came: nothing inside them changes.
    """
    if key.startswith("x-"):
        return value
    if isinstance(value, dict):
        return {k: normalised(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v, key) for v in value]
    if value == "EL" and key == "country":
        return "GR"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def same(expected: Any, actual: Any, path: str = "") -> None:
    """Equal content, types included (so 1 and True, or 3 and 3.0, differ)."""
    assert type(expected) is type(actual), f"{path}: {expected!r} vs {actual!r}"
    if isinstance(expected, dict):
        assert set(expected) == set(actual), f"{path}: keys {set(expected) ^ set(actual)}"
        for key in expected:
            same(expected[key], actual[key], f"{path}/{key}")
    elif isinstance(expected, list):
        assert len(expected) == len(actual), path
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            same(left, right, f"{path}/{index}")
    else:
        assert expected == actual, f"{path}: {expected!r} vs {actual!r}"


def field_order(model: type[SpocModel], document: dict[str, Any]) -> list[str]:
    """The key order a dump must have: the model's fields, then the extensions as they came."""
    keys = [info.alias or name for name, info in model.model_fields.items()]
    facts = [key for key in keys if key in document]
    return facts + [key for key in document if key.startswith("x-")]


def check_order(model: type[SpocModel], instance: SpocModel, dumped: dict[str, Any]) -> None:
    assert list(dumped) == field_order(model, dumped)
    assert list(instance.extensions) == [k for k in dumped if k.startswith("x-")]
    for name, info in model.model_fields.items():
        value = getattr(instance, name)
        key = info.alias or name
        if isinstance(value, SpocModel):
            check_order(type(value), value, dumped[key])
        elif isinstance(value, list):
            for item, item_dump in zip(value, dumped[key], strict=True):
                if isinstance(item, SpocModel):
                    check_order(type(item), item, item_dump)


@SETTINGS
@given(documents(SpocProfile))
def test_profile_round_trip_is_the_identity(document: dict[str, Any]) -> None:
    first = SpocProfile.model_validate(document)
    dumped = first.to_document()
    same(normalised(document), dumped)  # nothing dropped, extensions kept at every level
    again = SpocProfile.model_validate(dumped)
    assert again == first
    assert again.to_document() == dumped
    check_order(SpocProfile, again, dumped)
    text = first.to_json()
    assert again.to_json() == text  # stable text, key order included
    assert load_profile(text.encode()) == first  # the JSON fast path
    if _NOT_PLAIN_YAML.search(text) is None:
        assert load_profile(text, format="yaml") == first  # JSON text read as YAML


@SETTINGS
@given(documents(Report))
def test_report_round_trip_is_the_identity(document: dict[str, Any]) -> None:
    first = Report.model_validate(document)
    dumped = first.to_document()
    same(normalised(document), dumped)
    assert Report.model_validate(dumped) == first
    assert Report.model_validate_json(first.to_json()).to_json() == first.to_json()


class _QuotingDumper(yaml.SafeDumper):
    """Writes every string double-quoted, so no YAML 1.1 resolver can reinterpret it."""


_QuotingDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
)


@SETTINGS
@given(documents(SpocProfile))
def test_yaml_and_json_of_the_same_document_give_equal_models(document: dict[str, Any]) -> None:
    as_yaml = yaml.dump(
        document, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=10**9
    )
    as_json = json.dumps(document, ensure_ascii=False, indent=2)
    from_yaml = load_profile(as_yaml.encode(), format="yaml")
    assert from_yaml == load_profile(as_json.encode())
    assert from_yaml.to_json() == load_profile(as_json).to_json()


def test_null_extensions_survive_a_dump() -> None:
    document = json.loads((ROOT / "examples" / "minimal-profile.json").read_text("utf-8"))
    document = {"x-first": None, **document, "x-last": {"a": None}}
    document["spoc"]["x-inner"] = None
    profile = SpocProfile.model_validate(document)
    dumped = profile.to_document()
    assert list(dumped)[-2:] == ["x-first", "x-last"]
    assert dumped["x-first"] is None and dumped["spoc"]["x-inner"] is None
    assert json.loads(profile.to_json()) == dumped


def test_examples_round_trip() -> None:
    for path in sorted((ROOT / "examples").glob("*.*")):
        profile = load_profile(path)
        assert load_profile(profile.to_json()) == profile, path.name
        assert SpocProfile.model_validate(profile.to_document()).to_json() == profile.to_json()
