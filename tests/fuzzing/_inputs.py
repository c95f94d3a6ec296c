"""Hypothesis strategies for hostile input: random bytes, token soups and mutated documents.

Random bytes alone rarely get past the first parser check, so most inputs here start from a
valid document (from ``spocschema.testing``) and damage it: byte edits on its JSON or YAML text,
and edits of its tree (a value replaced, a key removed or added). That reaches the validator and
the position lookup, where the interesting failures are.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from hypothesis import strategies as st

from spocschema.testing import profile_documents

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
#: Python values no JSON or YAML document can hold, for the mapping input path.
ODD_VALUES = st.sampled_from(
    [float("nan"), float("inf"), b"bytes", {1, 2}, (1, 2), object(), 1 + 2j, Ellipsis]
)
ODD_TREES = st.recursive(
    JSON_SCALARS | ODD_VALUES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=6) | st.integers() | st.none(), inner, max_size=3)
    ),
    max_leaves=12,
)

_JSON_TOKENS = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    '"',
    "\\",
    "\\u",
    "\\ud800",
    "true",
    "false",
    "null",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-0",
    "0.5",
    "12345678901234567890" * 250,
    '"key"',
    '"schema_version"',
    '"1.0"',
    " ",
    "\n",
    "\t",
    "\ufeff",
    "\x00",
    "é",
    "\U0001f600",
]
_YAML_TOKENS = [
    "key: value", "- item", "? ", ": ", "&a ", "*a", "<<: *a", "!!str ", "!!int ", "!!float ",
    "!!bool ", "!!null ", "!!binary ", "!!python/object:os.system ", "!!python/name:os.system",
    "!custom ", "%YAML 1.2\n", "%TAG ! tag:example.org,2000:\n", "---\n", "...\n", "|\n  ", ">\n  ",
    "'", '"', "{", "}", "[", "]", ",", "#", "\n", "  ", "\t", "~", "NO", "08:00", "0o17", "0x1F",
    ".inf", ".nan", "1e400", "2024-01-31", "schema_version: '1.0'", "state:", "  country: PT",
    "\ufeff", "\x85", "\u2028", "\x00", "é",
]  # fmt: skip

json_soup = st.lists(st.sampled_from(_JSON_TOKENS) | st.text(max_size=3), max_size=40).map("".join)
yaml_soup = st.lists(st.sampled_from(_YAML_TOKENS) | st.text(max_size=3), max_size=40).map("".join)


def dump(document: dict[str, Any], syntax: str) -> str:
    if syntax == "json":
        return json.dumps(document, ensure_ascii=False, indent=2)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


#: Valid profile documents as text, in either syntax.
valid_texts = st.builds(dump, profile_documents(), st.sampled_from(["json", "yaml"]))


@st.composite
def byte_mutations(draw: st.DrawFn, base: st.SearchStrategy[bytes]) -> bytes:
    """Apply a few random edits (insert, delete, replace, duplicate, truncate) to ``base``."""
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "truncate"]))
        if op == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=8)
                | st.sampled_from([t.encode() for t in _JSON_TOKENS[:20] + _YAML_TOKENS[:20]])
            )
        elif op == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=16))]
        elif op == "replace" and at < len(data):
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif op == "duplicate":
            size = draw(st.integers(min_value=1, max_value=64))
            data[at:at] = data[at : at + size]
        elif op == "truncate":
            del data[at:]
    return bytes(data)


mutated_texts = byte_mutations(valid_texts.map(lambda text: text.encode("utf-8")))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


def _set(tree: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return tree


@st.composite
def tree_mutations(draw: st.DrawFn, values: st.SearchStrategy[Any] = JSON_VALUES) -> Any:
    """A valid profile document with a few nodes replaced, removed or added (root kept a dict)."""
    tree: Any = draw(profile_documents())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(tree)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["replace", "remove", "add"]))
        target = tree
        for step in path:
            target = target[step]
        if op == "replace" and path:  # the root stays a mapping: that is the input type
            tree = _set(tree, path, draw(values))
        elif op == "remove" and path:
            parent = tree
            for step in path[:-1]:
                parent = parent[step]
            del parent[path[-1]]
        elif isinstance(target, dict):
            target[draw(st.text(max_size=12))] = draw(values)
        elif isinstance(target, list):
            target.append(draw(values))
        else:
            tree = _set(tree, path, [target, draw(values)])
    return tree


# --------------------------------------------------------------------------------------------
# Inputs at the edges (issue 13): dates and durations at the ends of what the types hold,
# strings that attack outputs, and documents sized to sit just inside or just past a limit.

#: Dates the date type accepts at the ends of the calendar, and the awkward ones between.
EDGE_DATES = st.sampled_from(
    ["0001-01-01", "0001-12-31", "9999-12-31", "9999-01-31", "2024-02-29", "1900-02-28"]
) | st.dates().map(lambda day: day.isoformat())

#: Durations the duration type accepts (40 characters at most), the longest far past what a
#: ``timedelta`` holds.
EDGE_DURATIONS = st.sampled_from(
    [
        "P0D",
        "PT0S",
        "P1W",
        "PT1S",
        "P" + "9" * 38 + "Y",
        "P" + "9" * 38 + "D",
        "PT" + "9" * 37 + "H",
        "P9999999D",
        "P999999999W",
        "P99999Y99999M99999DT99999H99999M99999S",
    ]
)

#: Text that is harmless in a document and hostile in an output: terminal escapes, line
#: breaks, NUL, bidirectional overrides, markup, spreadsheet formulas, path tricks, Markdown
#: table breakers, and lengths at the types' bounds.
HOSTILE_STRINGS = st.sampled_from(
    [
        "\x1b[2J\x1b]0;title\x07",
        "a\rb\nc\x00d",
        "\u202eevil\u202c",
        "<img src=x onerror=alert(1)>",
        "=cmd|' /C calc'!A0",
        "+1-2",
        "-1-2",
        "@SUM(A1)",
        "../../etc/passwd",
        "Mars/Base",
        "a|b`c\nd",
        "\t",
        "\ufeff",
        "\U0001f600",
        "x" * 300,
        "x" * 301,
        "é" * 4000,
    ]
) | st.text(min_size=1, max_size=40)


def _replace_leaves(tree: Any, draw: st.DrawFn, pick: Any) -> Any:
    """Copy of ``tree`` with each string leaf passed through ``pick(draw, key, value)``."""
    if isinstance(tree, dict):
        return {k: _replace_leaves(v, draw, pick) if k != "schema_version" else v
                for k, v in tree.items()}  # fmt: skip
    if isinstance(tree, list):
        return [_replace_leaves(v, draw, pick) for v in tree]
    if isinstance(tree, str):
        return pick(draw, tree)
    return tree


_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DURATION_LIKE = re.compile(r"P[0-9WYMDTHS]+")


@st.composite
def edge_documents(draw: st.DrawFn) -> Any:
    """A valid profile whose dates and durations are moved to the edges of their types, and
    whose other strings are, now and then, hostile text: every field is reached."""

    def pick(draw: st.DrawFn, value: str) -> str:
        if _DATE_LIKE.fullmatch(value):
            return str(draw(EDGE_DATES))
        if _DURATION_LIKE.fullmatch(value):
            return str(draw(EDGE_DURATIONS))
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            return str(draw(HOSTILE_STRINGS))
        return value

    return _replace_leaves(draw(profile_documents()), draw, pick)


def count_values(value: Any) -> int:
    """Values in a document as the loader counts them: every object, array and scalar."""
    if isinstance(value, dict):
        return 1 + sum(count_values(child) for child in value.values())
    if isinstance(value, list):
        return 1 + sum(count_values(child) for child in value)
    return 1


def depth_of(value: Any) -> int:
    """The loader's depth of a document: the longest path of keys and indexes to a value."""
    if isinstance(value, dict) and value:
        return 1 + max(depth_of(child) for child in value.values())
    if isinstance(value, list) and value:
        return 1 + max(depth_of(child) for child in value)
    return 0


@st.composite
def sized_documents(draw: st.DrawFn, limit: int) -> tuple[Any, int]:
    """(a profile grown by an ``x-bulk`` extension to hold about ``limit`` values, its count).

    The count lands one below, at, or one above the limit, in one of the shapes that cost a
    parser most per byte: ``[{}, {}, ...]``, ``[0, 0, ...]``, ``[[], [], ...]``, or an object
    of short keys.
    """
    tree = draw(profile_documents())
    base = count_values(tree) + 1  # the x-bulk container itself
    target = limit + draw(st.sampled_from([-1, 0, 1]))
    items = max(target - base, 0)
    shape = draw(st.sampled_from(["objects", "numbers", "arrays", "keys"]))
    bulk: Any = {
        "objects": lambda: [{} for _ in range(items)],
        "numbers": lambda: [0] * items,
        "arrays": lambda: [[] for _ in range(items)],
        "keys": lambda: {f"k{i}": 0 for i in range(items)},
    }[shape]()
    tree["x-bulk"] = bulk
    return tree, count_values(tree)


@st.composite
def deep_documents(draw: st.DrawFn, limit: int) -> tuple[Any, int]:
    """(a profile with an ``x-deep`` extension nesting to about ``limit`` levels, its depth)."""
    tree = draw(profile_documents())
    levels = limit + draw(st.sampled_from([-1, 0, 1]))
    kind = draw(st.sampled_from(["[", "{"]))
    deep: Any = 0
    for _ in range(max(levels - 1, 0)):
        deep = [deep] if kind == "[" else {"a": deep}
    tree["x-deep"] = deep
    return tree, depth_of(tree)
