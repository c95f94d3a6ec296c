"""The JSON fast path: let pydantic's Rust parser validate, then prove nothing was lost.

Most documents are valid JSON. For them, ``model_validate_json`` (Rust) is several times faster
than parsing in Python, walking the tree for limits and duplicates, and validating Python
objects. But that parser silently keeps the last of duplicate keys and accepts ``NaN``,
``Infinity`` and ``1e999``, all of which spocschema refuses. So a fast result is kept only when
a census of the model agrees with the text:

- the model holds exactly as many keys as the text has (a duplicate key would leave fewer);
- the document is within the loader's depth and value limits;
- no number in a free-form part (an ``x-`` extension) is NaN or infinite (typed fields refuse
  them already);
- every extra key is an ``x-`` extension: pydantic checks the keys of extra fields against
  their pattern when validating Python objects, but not when validating JSON.

Otherwise, and on any validation error, ``validate_json_fast`` returns ``None`` and the caller
takes the slow path, which finds every problem with its line and column. Both paths give the
same model or the same verdict; ``tests/test_loading.py`` checks this on generated documents.
"""

from __future__ import annotations

import math
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from spocschema.loading import Limits
from spocschema.models.base import EXTENSION_PREFIX

M = TypeVar("M", bound=BaseModel)

_UTF8_BOM = b"\xef\xbb\xbf"
_JSON_WHITESPACE = b" \t\r\n"


def count_keys(raw: bytes) -> int:
    """An upper bound of the number of object keys in a valid JSON text, exact in practice.

    Every key is a string followed (after optional white space) by a colon, so with white space
    dropped ``":`` occurs once per key, and otherwise only inside a string (a quote is always
    escaped there) right after an escaped quote or at a string's start (``": x"``). The bound
    is never too low, so a model holding as many keys as this count holds all of the text's
    keys; in the rare other case the caller takes the slow path.
    """
    return raw.translate(None, _JSON_WHITESPACE).count(b'":')


class _Shape:
    """What the census needs to know about one model class."""

    __slots__ = ("depth", "free", "leaf", "lists", "nested")

    def __init__(self) -> None:
        self.nested: tuple[str, ...] = ()  # fields that may hold models, or lists of them
        self.lists: tuple[str, ...] = ()  # fields holding lists or maps of scalars
        self.free: tuple[str, ...] = ()  # fields holding free-form JSON (any value)
        self.depth = 1  # how far below the model its deepest value can sit
        self.leaf = True  # only scalar fields: counted inline by the tally


_SHAPES: dict[type[Any], _Shape] = {}
_UNBOUNDED = 1 << 30


def _shape(model: type[BaseModel]) -> _Shape:
    shape = _SHAPES.get(model)
    if shape is None:
        shape = _SHAPES[model] = _Shape()
        shape.depth = _UNBOUNDED  # a model that contains itself has no static depth bound
        groups: dict[str, list[str]] = {"nested": [], "lists": [], "free": [], "scalar": []}
        depth = 1
        for name, info in model.model_fields.items():
            kind, levels = _classify(info.annotation)
            groups[kind].append(name)
            depth = max(depth, 1 + levels)
        shape.nested, shape.lists = tuple(groups["nested"]), tuple(groups["lists"])
        shape.free, shape.depth = tuple(groups["free"]), depth
        shape.leaf = not (shape.nested or shape.lists or shape.free)
    return shape


_PRIORITY = ("free", "nested", "lists", "scalar")


def _classify(annotation: Any) -> tuple[str, int]:
    """(one of ``_PRIORITY``, how many levels a field's value can nest below itself)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _classify(get_args(annotation)[0])
    if origin is Union or origin is UnionType:
        parts = [_classify(arg) for arg in get_args(annotation) if arg is not type(None)]
        kinds = {kind for kind, _ in parts}
        kind = next(kind for kind in _PRIORITY if kind in kinds or kind == "scalar")
        return kind, max((levels for _, levels in parts), default=0)
    if origin is list or origin is dict:
        kind, levels = _classify(get_args(annotation)[-1])
        if kind == "free":
            return "free", 0
        return ("nested" if kind == "nested" else "lists"), 1 + levels
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "nested", _shape(annotation).depth
    if annotation in (list, dict, Any, object):
        return "free", 0
    return "scalar", 0


class _Breach(Exception):
    """The document breaks a loader rule (depth, a non-finite number): take the slow path."""


def _tally(instance: BaseModel, depth: int, limits: Limits) -> tuple[int, int]:
    """(keys, array items) a validated model holds, counted as the loader counts a document.

    Every JSON value but the top-level object is the value of a key or an array item, so the
    document holds ``1 + keys + items`` values. Plain models (most of them) are counted inline:
    this runs on every accepted document, so it is written for speed.
    """
    shapes = _SHAPES
    stated = instance.__pydantic_fields_set__
    extra = instance.__pydantic_extra__
    keys = items = 0
    if extra:
        stated = stated.union(extra)  # pydantic may list extras in the fields set too
        for key, value in extra.items():
            if not key.startswith(EXTENSION_PREFIX):
                # pydantic checks extra keys against their pattern in Python mode only; from
                # JSON any unknown key would pass as an "extension".
                raise _Breach
            more_keys, more_items = _free(value, depth + 1, limits)
            keys += more_keys
            items += more_items
    keys += len(stated)
    shape = shapes[type(instance)]
    facts = instance.__dict__
    for name in shape.nested:
        child = facts[name]
        if child is None:
            continue
        kind = type(child)
        if kind is list or kind is dict:
            if kind is dict:
                keys += len(child)
                child = child.values()
            else:
                items += len(child)
            for item in child:
                part = shapes.get(type(item))
                if part is None:
                    if type(item) is list or type(item) is dict:  # e.g. list[list[...]]
                        more_keys, more_items = _free(item, depth + 2, limits)
                        keys += more_keys
                        items += more_items
                    continue
                if part.leaf and not item.__pydantic_extra__:
                    keys += len(item.__pydantic_fields_set__)
                else:
                    more_keys, more_items = _tally(item, depth + 2, limits)
                    keys += more_keys
                    items += more_items
        elif shapes[kind].leaf and not child.__pydantic_extra__:
            keys += len(child.__pydantic_fields_set__)
        else:
            more_keys, more_items = _tally(child, depth + 1, limits)
            keys += more_keys
            items += more_items
    for name in shape.lists:
        child = facts[name]
        if child is not None:
            if type(child) is dict:
                keys += len(child)
            else:
                items += len(child)
    for name in shape.free:
        child = facts[name]
        if child is not None:
            more_keys, more_items = _free(child, depth + 1, limits)
            keys += more_keys
            items += more_items
    return keys, items


def _free(value: Any, depth: int, limits: Limits) -> tuple[int, int]:
    """(keys, items) of free-form JSON, checking depth and finiteness as the loader does."""
    kind = type(value)
    if kind is dict:
        keys, items = len(value), 0
        children = value.values()
    elif kind is list:
        keys, items = 0, len(value)
        children = value
    else:
        if kind is float and not math.isfinite(value):
            raise _Breach
        return 0, 0
    if (keys or items) and depth >= limits.max_depth:
        raise _Breach
    for child in children:
        more_keys, more_items = _free(child, depth + 1, limits)
        keys += more_keys
        items += more_items
    return keys, items


def validate_json_fast(raw: bytes, model: type[M], limits: Limits) -> M | None:
    """The validated model if the fast path can vouch for it, else ``None`` (take the slow one).

    ``raw`` must be JSON by the caller's reckoning (format given or sniffed); it may be
    anything at all, as invalid input simply returns ``None``.
    """
    if len(raw) > limits.max_bytes or _shape(model).depth > limits.max_depth:
        return None
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        instance = model.model_validate_json(raw)  # refuses invalid UTF-8 and NUL bytes too
    except (ValidationError, ValueError):
        return None
    try:
        keys, items = _tally(instance, 0, limits)
    except _Breach:
        return None
    if 1 + keys + items > limits.max_values or keys != count_keys(raw):
        return None  # too many values, or a duplicate key left the model with fewer keys
    return instance
