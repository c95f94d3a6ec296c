"""Fuzz the validation API: load_profile and validate_profile on bytes, text and mappings."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spocschema.errors import DocumentError
from spocschema.models.profile import SpocProfile
from spocschema.validation import load_profile, validate_profile

from ._harness import FUZZ, input_size, outcome
from ._inputs import JSON_VALUES, ODD_TREES, dump, mutated_texts, tree_mutations


def _checked(result: object) -> None:
    """A profile that loads must export a document that loads again to the same profile."""
    if isinstance(result, SpocProfile):
        document = result.to_document()
        assert load_profile(json.dumps(document)).to_document() == document
    elif isinstance(result, DocumentError):
        for problem in result.problems:
            assert problem.pointer == "" or problem.pointer.startswith("/")


@FUZZ
@given(raw=mutated_texts)
def test_mutated_text(raw: bytes) -> None:
    _checked(outcome(lambda: load_profile(raw), input_size=len(raw)))


@FUZZ
@given(tree=tree_mutations())
def test_mutated_mapping(tree: Any) -> None:
    _checked(outcome(lambda: load_profile(tree), input_size=input_size(tree)))


@FUZZ
@given(tree=tree_mutations(), syntax=st.sampled_from(["json", "yaml"]))
def test_mutated_tree_as_text(tree: Any, syntax: str) -> None:
    """Tree damage seen through the text path, so problems get lines and columns."""
    try:
        text = dump(tree, syntax) if isinstance(tree, dict) else json.dumps(tree)
    except (TypeError, ValueError):  # pragma: no cover - a value the dumper cannot write
        return
    result = outcome(lambda: load_profile(text), input_size=len(text))
    _checked(result)
    problems = validate_profile(text)
    assert (problems == []) == isinstance(result, SpocProfile)


@FUZZ
@given(value=JSON_VALUES)
def test_any_json_value(value: Any) -> None:
    text = json.dumps(value)
    _checked(outcome(lambda: load_profile(text), input_size=len(text)))
    if isinstance(value, dict):
        _checked(outcome(lambda: load_profile(value), input_size=len(text)))


@FUZZ
@given(tree=ODD_TREES | st.dictionaries(st.text(max_size=5), ODD_TREES, max_size=4))
def test_mapping_with_python_values(tree: Any) -> None:
    """Mappings hold what no document can (sets, NaN, objects, int keys): still only errors."""
    if not isinstance(tree, dict):
        tree = {"schema_version": "1.0", "spoc": tree}
    _checked(outcome(lambda: load_profile(tree), input_size=input_size(tree)))


@pytest.mark.parametrize("source", [123, 1.5, None, ["schema_version"], object()])
def test_wrong_argument_type_is_a_type_error(source: Any) -> None:
    """The one documented non-document error: a source of a type no loader reads."""
    with pytest.raises(TypeError, match="cannot load a document from"):
        load_profile(source)
