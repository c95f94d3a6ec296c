"""Fuzz the document loader: bytes, text, both syntaxes, files and tight limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spocschema.errors import DocumentError
from spocschema.loading import Limits, LoadedDocument, load_document

from ._harness import FUZZ, outcome
from ._inputs import json_soup, mutated_texts, valid_texts, yaml_soup

FORMATS = st.sampled_from([None, "json", "yaml"])


def _loaded(result: object) -> None:
    """A loaded document is an object whose every position lookup answers safely."""
    if isinstance(result, LoadedDocument):
        assert isinstance(result.data, dict)
        for pointer in ["", "/state", "/state/country", "/missing/0", "/~1odd~0"]:
            where = result.position(pointer)
            assert where is None or (where[0] >= 1 and where[1] >= 1)


@FUZZ
@given(raw=st.binary(max_size=2048), fmt=FORMATS)
def test_random_bytes(raw: bytes, fmt: str | None) -> None:
    _loaded(outcome(lambda: load_document(raw, format=fmt), input_size=len(raw)))  # type: ignore[arg-type]


@FUZZ
@given(text=st.text(max_size=2048), fmt=FORMATS)
def test_random_text(text: str, fmt: str | None) -> None:
    _loaded(outcome(lambda: load_document(text, format=fmt), input_size=len(text)))  # type: ignore[arg-type]


@FUZZ
@given(text=json_soup | yaml_soup, fmt=FORMATS)
def test_token_soup(text: str, fmt: str | None) -> None:
    _loaded(outcome(lambda: load_document(text, format=fmt), input_size=len(text)))  # type: ignore[arg-type]


@FUZZ
@given(raw=mutated_texts, fmt=FORMATS)
def test_mutated_documents(raw: bytes, fmt: str | None) -> None:
    _loaded(outcome(lambda: load_document(raw, format=fmt), input_size=len(raw)))  # type: ignore[arg-type]


@FUZZ
@given(text=valid_texts)
def test_valid_documents_load(text: str) -> None:
    """The control: what the strategies generate always loads, in either syntax."""
    result = outcome(lambda: load_document(text), input_size=len(text))
    assert isinstance(result, LoadedDocument), result


@FUZZ
@given(
    raw=mutated_texts | st.binary(max_size=512),
    suffix=st.sampled_from([".json", ".yaml", ".yml", ".txt", ""]),
)
def test_files(tmp_path_factory: object, raw: bytes, suffix: str) -> None:
    directory: Path = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    path = directory / f"doc{suffix}"
    path.write_bytes(raw)
    _loaded(outcome(lambda: load_document(path), input_size=len(raw)))


@FUZZ
@given(
    raw=mutated_texts | valid_texts.map(str.encode),
    max_bytes=st.integers(min_value=0, max_value=4096),
    max_depth=st.integers(min_value=0, max_value=8),
    max_values=st.integers(min_value=0, max_value=200),
)
def test_tight_limits(raw: bytes, max_bytes: int, max_depth: int, max_values: int) -> None:
    """Every limit, however small, ends in a DocumentError, never in a crash."""
    limits = Limits(max_bytes=max_bytes, max_depth=max_depth, max_values=max_values)
    _loaded(outcome(lambda: load_document(raw, limits=limits), input_size=len(raw)))


@pytest.mark.parametrize("depth", [65, 10_000, 200_000])
@pytest.mark.parametrize("kind", ["json-object", "json-array", "yaml-flow", "yaml-block"])
def test_deep_nesting(depth: int, kind: str) -> None:
    """Nesting past the limit is refused within the time budget, in JSON and in YAML."""
    text = {
        "json-object": lambda: '{"a":' * depth + "1" + "}" * depth,
        "json-array": lambda: '{"a":' + "[" * depth + "]" * depth + "}",
        "yaml-flow": lambda: "a: " + "[" * depth + "]" * depth,
        "yaml-block": lambda: "a:\n" + "".join(" " * i + "- \n" for i in range(min(depth, 400))),
    }[kind]()
    result = outcome(lambda: load_document(text), input_size=len(text), track_memory=False)
    assert isinstance(result, DocumentError)
    assert result.problems[0].kind == "limit"


@FUZZ
@given(text=valid_texts | mutated_texts.map(lambda raw: raw.decode("utf-8", "replace")) | yaml_soup)
def test_libyaml_and_python_parsers_agree(text: str) -> None:
    """YAML is parsed by libyaml where PyYAML has it, by PyYAML's Python parser otherwise (and
    wherever libyaml refuses): a text the C route accepts means the same on the Python route."""
    import yaml

    from spocschema.loading import DEFAULT_LIMITS, _LibyamlRefused, _parse_yaml_with

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML was built without libyaml here")

    def route(libyaml: bool) -> object:
        try:
            return _parse_yaml_with(text, "t", DEFAULT_LIMITS, libyaml=libyaml).data
        except DocumentError as error:
            return [p.message for p in error.problems]
        except _LibyamlRefused:
            return _LibyamlRefused

    fast = outcome(lambda: route(True), input_size=len(text))
    if fast is _LibyamlRefused:
        return
    assert fast == outcome(lambda: route(False), input_size=len(text))
