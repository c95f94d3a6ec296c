"""Hypothesis strategies for published documents, derived from the models' field types.

Private to the test suite for now (a later release publishes them as ``spocschema.testing``).
Strategies are built by reading each model's type hints, so a field added to a model is covered
without touching this module; a field of a type this module does not know fails loudly.

``documents(Model)`` yields JSON-compatible dicts the model must accept; ``mutants(Model)``
yields (document, description) pairs that are each one edit away from a valid document, most
of them invalid: missing keys, wrong types, bad codes, extra keys, boundary values.
"""

from __future__ import annotations

import copy
import json
import typing
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, get_args, get_origin

from hypothesis import strategies as st
from pydantic import BaseModel, StrictBool

from spocschema import codelists, types

#: ECMA-262 white space and line terminators (what a non-blank text must not consist of only).
ECMA_WHITESPACE = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)

# Surrogates are not Unicode scalar values: JSON parsers and pydantic refuse lone ones, so they
# are no part of any valid document.
_CHARACTERS = st.characters(exclude_categories=("Cs",))


def _non_blank(low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(_CHARACTERS, min_size=low, max_size=high).filter(
        lambda s: any(c not in ECMA_WHITESPACE for c in s)
    )


def texts(max_length: int) -> st.SearchStrategy[str]:
    """Non-blank text up to ``max_length`` code points, now and then exactly at the limit."""
    exact = st.builds(
        lambda head, fill: (head + fill * max_length)[:max_length],
        _non_blank(1, 5),
        st.sampled_from(["a", " ", "é", "\U0001f600"]),
    )
    return st.one_of(_non_blank(1, 40), exact)


def iso_dates() -> st.SearchStrategy[str]:
    return st.dates(min_value=date(1, 1, 1)).map(date.isoformat)


def durations() -> st.SearchStrategy[str]:
    """ISO 8601 durations: weeks alone, or any non-empty run of Y M D and T H M S."""
    number = st.integers(0, 400).map(str)
    weeks = number.map(lambda n: f"P{n}W")

    def assemble(parts: list[str | None]) -> str:
        years, months, days, hours, minutes, seconds = parts
        date_part = "".join(f"{n}{u}" for n, u in ((years, "Y"), (months, "M"), (days, "D")) if n)
        time_part = "".join(
            f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n
        )
        return "P" + date_part + ("T" + time_part if time_part else "")

    parts = st.lists(st.none() | number, min_size=6, max_size=6).filter(
        lambda p: any(x is not None for x in p)
    )
    return st.one_of(weeks, parts.map(assemble)).filter(lambda d: len(d) <= 40)


def times(end: bool = False) -> st.SearchStrategy[str]:
    clock = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
    return clock | st.just("24:00") if end else clock


def identifiers() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}", fullmatch=True)


def http_urls() -> st.SearchStrategy[str]:
    host = st.from_regex(r"[a-z0-9]{1,20}(\.[a-z0-9]{1,10}){0,2}", fullmatch=True)
    path = st.from_regex(r"(/[A-Za-z0-9._~%-]{0,12}){0,3}(\?[a-z]=[0-9]{1,3})?", fullmatch=True)
    return st.builds(lambda s, h, p: f"http{s}://{h}{p}", st.sampled_from(["", "s"]), host, path)


def counts() -> st.SearchStrategy[int | float]:
    # JSON Schema counts 3.0 as an integer, so valid documents may write counts that way.
    whole = st.integers(0, 10**6) | st.sampled_from([0, 1, 10**20])
    return whole | whole.map(float).filter(lambda f: f < 2**53)


def json_values(max_leaves: int = 6) -> st.SearchStrategy[Any]:
    """Any JSON value (finite numbers, no surrogates); the content of an extension."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-(10**12), 10**12)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(_CHARACTERS, max_size=10)
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(_CHARACTERS, max_size=6), inner, max_size=3)
        ),
        max_leaves=max_leaves,
    )


def extension_keys() -> st.SearchStrategy[str]:
    return st.text(_CHARACTERS, max_size=12).map(lambda s: "x-" + s)


_SCALARS: dict[Any, st.SearchStrategy[Any]] = {
    types.Text: texts(300),
    types.LongText: texts(4000),
    types.IsoDate: iso_dates(),
    types.IsoDuration: durations(),
    types.Count: counts(),
    types.Year: st.integers(1990, 2200),
    types.TimeOfDay: times(),
    types.EndTimeOfDay: times(end=True),
    types.Identifier: identifiers(),
    types.HttpUrl: http_urls(),
    types.CountryCode: st.sampled_from(codelists.accepted_country_codes()),
    types.LanguageCode: st.sampled_from(codelists.iso_language_codes()),
    types.TimeZoneName: st.sampled_from(codelists.time_zone_names_sorted()),
    StrictBool: st.booleans(),
    bool: st.booleans(),
    str: st.text(_CHARACTERS, max_size=20),
}


def _is_unique_list(hint: Any) -> bool:
    if get_origin(hint) is not Annotated:
        return False
    return any(getattr(m, "func", None) is types._unique for m in hint.__metadata__)


def _unwrap_maybe(hint: Any) -> Any:
    """``Maybe[T]`` is ``Annotated[T | None, ...]``: the strategy is the one for ``T``."""
    if get_origin(hint) is Annotated:
        inner = get_args(hint)[0]
        if get_origin(inner) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            options = [a for a in get_args(inner) if a is not type(None)]
            if len(options) == 1 and type(None) in get_args(inner):
                return options[0]
    return hint


def for_hint(hint: Any) -> st.SearchStrategy[Any]:
    """The strategy of valid JSON values for one field type."""
    hint = _unwrap_maybe(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    if _is_unique_list(hint):
        (item,) = get_args(get_args(hint)[0])
        return st.lists(for_hint(item), max_size=4, unique_by=_identity_key)
    origin = get_origin(hint)
    if origin is list:
        return st.lists(for_hint(get_args(hint)[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(for_hint(get_args(hint)[0]), for_hint(get_args(hint)[1]), max_size=3)
    if origin is Literal:
        return st.sampled_from(get_args(hint))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from([m.value for m in hint])
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return documents(hint)
    raise NotImplementedError(f"no strategy for field type {hint!r}; add one to _strategies.py")


def _identity_key(value: Any) -> Any:
    """What ``uniqueItems`` compares: the stored value (EL and GR are one country)."""
    if isinstance(value, str):
        return codelists.normalise_country(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return repr(value)


_CACHE: dict[type[BaseModel], st.SearchStrategy[dict[str, Any]]] = {}


def documents(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Valid documents of ``model``: every required key, any optional ones, some extensions."""
    if model not in _CACHE:
        _CACHE[model] = st.deferred(lambda: _build(model))
    return _CACHE[model]


def _build(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    hints = typing.get_type_hints(model, include_extras=True)
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        (required if info.is_required() else optional)[key] = for_hint(hints[name])
    base = st.fixed_dictionaries(required, optional=optional)
    extensions = st.dictionaries(extension_keys(), json_values(), max_size=2)
    return st.builds(lambda doc, ext: {**doc, **ext}, base, st.just({}) | extensions)


# --------------------------------------------------------------------------------------------
# Mutations


#: Values that sit on or just past a boundary, or are a classic confusion.
BOUNDARY_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    3.0,
    3.5,
    -0.0,
    1e300,
    10**30,
    1989,
    1990,
    2200,
    2201,
    "",
    " ",
    "\t",
    "\u3000",
    "\ufeff",
    "\x85",
    "a",
    "a" * 300,
    "a" * 301,
    "a" * 4000,
    "a" * 4001,
    "3",
    "true",
    "null",
    "2023-02-30",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "0000-01-01",
    "2024-1-01",
    "20240101",
    "2024-01-01T00:00:00",
    "2024-01-01\n",
    "P",
    "PT",
    "P1W2D",
    "P1W",
    "PT8H",
    "PT8H\n",
    "P0D",
    "pt8h",
    "P1.5D",
    "PT36H",
    "08:00",
    "8:00",
    "24:00",
    "23:60",
    "EL",
    "GR",
    "XK",
    "xk",
    "UK",
    "ZZ",
    "el",
    "en",
    "EN",
    "eng",
    "direct",
    "Direct",
    "eu_member_state",
    "monday",
    "1.0",
    "1.1",
    "https://example.org/law",
    "https://example.org/law\n",
    "ftp://example.org",
    "https://",
    "spoc-xx-1",
    "-leading-dash",
    "a" * 101,
    [],
    [1],
    ["en", "en"],
    {},
    {"x-note": 1},
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*path, index))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@st.composite
def mutate(draw: st.DrawFn, document: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """One edit of ``document``: the result may or may not still be valid."""
    doc = copy.deepcopy(document)
    path = draw(st.sampled_from(_paths(doc)))
    target = _get(doc, path)
    options = ["replace"] if path else []
    if isinstance(target, dict):
        options += ["add_key", "add_extension"] + (["delete_key"] if target else [])
    if isinstance(target, list):
        options += ["append", "duplicate"] if target else ["append"]
    action = draw(st.sampled_from(options))
    if action == "replace":
        new = draw(st.sampled_from(BOUNDARY_VALUES) | json_values(3))
        _get(doc, path[:-1])[path[-1]] = copy.deepcopy(new)
        return doc, f"replace {list(path)} with {new!r:.60}"
    if action == "delete_key":
        key = draw(st.sampled_from(sorted(target)))
        del target[key]
        return doc, f"delete {[*path, key]}"
    if action == "add_key":
        key = draw(
            st.sampled_from(["name", "Name", "schema_uri", "$schema", "extra", "x_note", "X-note"])
            | st.text(_CHARACTERS, max_size=8)
        )
        target[key] = draw(json_values(3))
        return doc, f"add key {key!r} at {list(path)}"
    if action == "add_extension":
        key = draw(extension_keys())
        target[key] = draw(json_values(3))
        return doc, f"add extension {key!r} at {list(path)}"
    if action == "append":
        item = draw(st.sampled_from(BOUNDARY_VALUES) | json_values(3))
        target.append(copy.deepcopy(item))
        return doc, f"append {item!r:.60} to {list(path)}"
    target.append(copy.deepcopy(target[draw(st.integers(0, len(target) - 1))]))
    return doc, f"duplicate an item of {list(path)}"


def mutants(model: type[BaseModel]) -> st.SearchStrategy[tuple[dict[str, Any], str]]:
    """Documents one edit away from a valid document of ``model``."""
    return documents(model).flatmap(mutate)


class Pairs(list[tuple[str, Any]]):
    """An object to be written with its pairs as given, repeated keys included."""


def write_json(value: Any, colon: str = ": ") -> str:
    """JSON text of ``value``, writing ``Pairs`` as they are (no JSON library writes a
    duplicate key) and ``colon`` between each key and its value."""
    if isinstance(value, Pairs):
        members = (
            json.dumps(k, ensure_ascii=False) + colon + write_json(v, colon) for k, v in value
        )
        return "{" + ", ".join(members) + "}"
    if isinstance(value, dict):
        return write_json(Pairs(value.items()), colon)
    if isinstance(value, list):
        return "[" + ", ".join(write_json(v, colon) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
