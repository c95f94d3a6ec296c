"""The C scanner (``spocschema._keyscan``) against Python's ``json`` module.

The scanner lets the fast path trust pydantic's JSON parser, which keeps the last of duplicate
keys and accepts NaN and overflowing numbers. So two properties matter, and both are checked
on generated texts:

- soundness: whatever the scanner vouches for and is valid JSON has no duplicate key, no
  non-finite number, and is within the depth and value limits (a wrong "yes" would let a
  duplicate key through silently);
- completeness on ordinary documents: a clean text written in any of the usual layouts is
  vouched for (a needless "no" only costs speed, but then the fast path would be slow).

Mutated and random bytes must never crash it. The scanner may be stricter than the loader
(escaped keys, over 128 keys in one object, a float near the overflow): those only take the
slow path.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _strategies import Pairs, write_json
from spocschema import _fastpath

vouch = _fastpath.vouch
if vouch is None:
    if os.environ.get("SPOCSCHEMA_REQUIRE_EXTENSIONS"):
        raise AssertionError("SPOCSCHEMA_REQUIRE_EXTENSIONS is set but the C scanner is not built")
    pytest.skip("the C scanner is not built here (hatch_build.py)", allow_module_level=True)

EXAMPLES = int(os.environ.get("SPOCSCHEMA_HYPOTHESIS_EXAMPLES", "150"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
LIMITS = (64, 200_000)


def scan(text: str | bytes, max_depth: int = 64, max_values: int = 200_000) -> bool:
    assert vouch is not None
    return vouch(text.encode() if isinstance(text, str) else text, max_depth, max_values)


@pytest.mark.parametrize(
    ("text", "vouched"),
    [
        ("{}", True),
        ("[]", True),  # any JSON value; the model decides what the top level must be
        (' \t\r\n{"a": [1, -2.5e10, true, false, null, "x"]} \n', True),
        ('{"a": 1, "a": 2}', False),
        ('{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}', True),
        ('{"a": {"b": 1, "b": 2}}', False),
        ('{"a": [{"b": 1}, {"b": 1, "c": 2, "b": 3}]}', False),
        ('{"a": 1, "\\u0061": 2}', False),  # equal once decoded
        ('{"\\u0062": 1}', False),  # any escaped key: not vouched for
        ('{"a": "\\"b\\": 1, \\"a\\": 2"}', True),  # keys inside a string are not keys
        ('{"a": "\\\\", "b": "\\\\\\""}', True),  # runs of backslashes before quotes
        ('{"a": NaN}', False),
        ('{"a": Infinity}', False),
        ('{"a": -Infinity}', False),
        ('{"a": 1e999}', False),
        ('{"a": -1E400}', False),
        ('{"a": 1.5e299}', True),
        ('{"a": 9.9e305}', False),  # finite, but too near the overflow to vouch for cheaply
        ('{"a": 1e-999}', True),  # underflows to zero: finite
        ('{"a": 123456789012345678901234567890123456789}', True),  # an integer, never a float
        ('{"a": 01}', False),
        ('{"a": 1.}', False),
        ('{"a": .5}', False),
        ('{"a": +1}', False),
        ('{"a": 1e}', False),
        ('{"a": -}', False),
        ('{"a": 1,}', False),
        ('{"a": [1,]}', False),
        ('{"a" 1}', False),
        ('{"a": 1} {}', False),
        ('{"a": 1} x', False),
        ("", False),
        ("   ", False),
        ('{"a": "unterminated}', False),
        ('{"a": tru}', False),
        ('{"a": nul', False),
        ('{"a": 1', False),
        ('{"a": [1}', False),
        ('{"a": 1]', False),
        ("{'a': 1}", False),
        ('{"a": 1} // comment', False),
    ],
)
def test_verdicts(text: str, vouched: bool) -> None:
    assert scan(text) is vouched


def test_depth_and_value_limits_are_the_loaders() -> None:
    """Containers may nest ``max_depth`` deep; the document may hold ``max_values`` values."""
    nested = "[" * 5 + "]" * 5
    assert scan(nested, max_depth=5)
    assert not scan(nested, max_depth=4)
    document = '{"a": [1, 2], "b": {"c": null}}'  # 6 values: the object, a, 1, 2, b, c
    assert scan(document, max_values=6)
    assert not scan(document, max_values=5)
    assert not scan("[" * 600 + "]" * 600, max_depth=10_000)  # beyond what it ever vouches for
    assert not scan("{}", max_depth=0) and scan("1", max_depth=0)


def test_objects_with_many_keys_are_left_to_the_slow_path() -> None:
    keys = ", ".join(f'"k{i}": {i}' for i in range(128))
    assert scan("{" + keys + "}")
    assert not scan("{" + keys + ', "k128": 0}')
    # Only keys of open objects count: many small objects are fine.
    assert scan("[" + ", ".join("{" + keys + "}" for _ in range(50)) + "]")


def test_any_bytes_like_input_and_argument_errors() -> None:
    assert vouch is not None
    assert vouch(bytearray(b'{"a": 1}'), 64, 10)
    assert vouch(memoryview(b'{"a": 1}'), 64, 10)
    with pytest.raises(TypeError):
        vouch('{"a": 1}', 64, 10)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        vouch(b"{}", "64", 10)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        vouch(b"{}", 64)  # type: ignore[call-arg]


# ---------------------------------------------------------------------------------------------
# Generated texts


def _key_characters() -> st.SearchStrategy[str]:
    """Characters a key can hold without an escape (``json.dumps`` with ensure_ascii off)."""
    return st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\')


_KEYS = st.text(_key_characters(), max_size=6)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(-1e250, 1e250, allow_nan=False)
    | st.text(max_size=8).filter(lambda s: not any("\ud800" <= c <= "\udfff" for c in s))
)


def _values(max_leaves: int = 30) -> st.SearchStrategy[Any]:
    return st.recursive(
        _SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
        max_leaves=max_leaves,
    )


_LAYOUTS = [
    {"separators": (",", ":")},
    {},
    {"indent": 2},
    {"indent": "\t", "separators": (",", " : ")},
    {"indent": 0, "separators": (" ,", ":\n ")},
]


def measure(value: Any, level: int = 0) -> tuple[int, int]:
    """(containers nested at the deepest, values) of a parsed document."""
    if isinstance(value, dict | list):
        children = list(value.values() if isinstance(value, dict) else value)
        measured = [measure(child, level + 1) for child in children]
        return (
            max([level + 1, *(depth for depth, _ in measured)]),
            1 + sum(count for _, count in measured),
        )
    return level, 1


@PROPERTY
@given(_values(), st.sampled_from(_LAYOUTS))
def test_clean_documents_in_any_layout_are_vouched_for(value: Any, layout: dict[str, Any]) -> None:
    text = json.dumps(value, ensure_ascii=False, **layout)
    depth, values = measure(value)
    assert scan(text, depth, values), text
    if depth:
        assert not scan(text, depth - 1, values)
    assert not scan(text, depth, values - 1)


@st.composite
def _with_duplicate(draw: st.DrawFn) -> str:
    """A document in which one object, anywhere, repeats one of its keys."""
    return draw(_clean_and_repeating())[1]


@st.composite
def _clean_and_repeating(draw: st.DrawFn) -> tuple[str, str]:
    """A clean document, and the same with one object, anywhere, repeating one of its keys."""
    value = draw(st.dictionaries(_KEYS, _values(10), min_size=1, max_size=4))
    clean = write_json(value)
    objects = [value]
    stack: list[Any] = [value]
    while stack:
        current = stack.pop()
        children = current.values() if isinstance(current, dict) else current
        for child in children:
            if isinstance(child, dict | list):
                stack.append(child)
                if isinstance(child, dict) and child:
                    objects.append(child)
    target = draw(st.sampled_from(objects))
    key = draw(st.sampled_from(sorted(target)))
    pairs = Pairs(target.items())
    pairs.insert(draw(st.integers(0, len(pairs))), (key, draw(_SCALARS)))
    if target is value:
        return clean, write_json(pairs)
    # Swap the object for its repeating twin wherever it sits.
    stack = [value]
    while stack:
        current = stack.pop()
        slots = current.items() if isinstance(current, dict) else enumerate(current)
        for slot, child in list(slots):
            if child is target:
                current[slot] = pairs
            elif isinstance(child, dict | list):
                stack.append(child)
    return clean, write_json(value)


@PROPERTY
@given(_clean_and_repeating())
def test_a_duplicate_key_anywhere_is_never_vouched_for(texts: tuple[str, str]) -> None:
    clean, repeating = texts
    assert scan(clean), clean  # so the repeated key, nothing else, is what is refused
    assert not scan(repeating), repeating


def _reference(raw: bytes, max_depth: int, max_values: int) -> str | None:
    """Why Python's json module says the scanner must not vouch for ``raw``; None if clean
    or if the text is not JSON at all (pydantic refuses that on its own)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    problems: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in items}) != len(items):
            problems.append("duplicate key")
        return dict(items)

    def constant(name: str) -> float:
        problems.append(f"non-finite {name}")
        return 0.0

    def number(literal: str) -> float:
        if float(literal) in (float("inf"), float("-inf")):
            problems.append("overflowing number")
        return 0.0

    try:
        value = json.loads(
            text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number
        )
    except (ValueError, RecursionError):
        return None
    depth, values = measure(value)
    if depth > max_depth:
        problems.append("too deep")
    if values > max_values:
        problems.append("too many values")
    return ", ".join(problems) or None


@st.composite
def _damaged(draw: st.DrawFn) -> bytes:
    """Generated documents with bytes flipped, dropped or repeated, and tokens spliced in."""
    raw = bytearray(
        (
            draw(_with_duplicate())
            if draw(st.booleans())
            else json.dumps(draw(_values()), **draw(st.sampled_from(_LAYOUTS)))
        ).encode()
    )
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        edit = draw(st.sampled_from(["flip", "drop", "repeat", "splice"]))
        if edit == "flip" and at < len(raw):
            raw[at] = draw(st.integers(0, 255))
        elif edit == "drop":
            del raw[at : at + draw(st.integers(1, 4))]
        elif edit == "repeat":
            raw[at:at] = raw[at : at + draw(st.integers(1, 12))]
        else:
            token = draw(
                st.sampled_from(
                    [
                        b'"',
                        b"\\",
                        b"{",
                        b"}",
                        b"[",
                        b"]",
                        b",",
                        b":",
                        b"NaN",
                        b"-Infinity",
                        b"1e999",
                        b'"a":1,',
                        b" ",
                    ]
                )
            )
            raw[at:at] = token
    return bytes(raw)


@PROPERTY
@given(
    _damaged() | st.binary(max_size=64),
    st.integers(0, 70),
    st.integers(0, 300),
)
def test_what_is_vouched_for_is_clean(raw: bytes, max_depth: int, max_values: int) -> None:
    verdict = vouch(raw, max_depth, max_values)  # type: ignore[misc]
    if verdict:
        assert _reference(raw, max_depth, max_values) is None, raw
