"""The JSON fast path: let pydantic's Rust parser validate, once nothing can be lost.

Most documents are valid JSON. For them, ``model_validate_json`` (Rust) is several times faster
than parsing in Python, walking the tree for limits and duplicates, and validating Python
objects. But that parser silently keeps the last of duplicate keys and accepts ``NaN``,
``Infinity`` and ``1e999``, all of which spocschema refuses. So a fast result is kept only when
the **census** shows the document has none of them: after validation, the model must hold
exactly as many keys as the text has (a duplicate key would leave fewer); the document must be
within the depth and value limits; no number in a free-form part (an ``x-`` extension) may be
NaN or infinite (typed fields refuse them already); every extra key must be an ``x-``
extension (older pydantic checks the keys of extra fields against their pattern when
validating Python objects, but not when validating JSON).

When the census cannot vouch, and on any validation error, ``validate_json_fast`` returns
``None`` and the caller takes the slow, located path, which finds every problem with its line
and column. Either way the result is the slow path's: the same model or the same verdict.
``tests/test_loading.py`` checks this on generated documents.

The census runs on every accepted document, so it is built for speed: what each model class can
hold is worked out once from its annotations (``_Shape``) and written out as a straight-line
step per class, so the walk visits only fields that can hold models or arrays; the per-object
sums run in C (``sum(map(len, ...))``). Where a shortcut cannot decide, it declines and the slow
path decides. Measured cost: ``benchmarks/bench_validate.py``.

There was once a second route, a C scanner of the JSON bytes; it saved about 0.05 ms per profile
but made the wheel platform-specific and added a hand-written parser of untrusted bytes in C,
so it was removed (issue 15).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from itertools import chain
from operator import attrgetter
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from spocschema.loading import Limits, json_commas
from spocschema.models.base import EXTENSION_PREFIX, SpocModel

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


#: Readers of every model's keys and extensions, for C-level passes over many models.
_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__get__
_extra = attrgetter("__pydantic_extra__")


#: The census's step for one model object: given its ``__dict__`` and the lists the census
#: fills (models of classes with fields to walk into, models of leaf classes, and values of
#: no fixed shape), it adds what the object holds to them and returns its array items.
_Step = Callable[[dict[str, Any], list[BaseModel], list[BaseModel], list[Any]], int]


class _Shape:
    """What the census needs to know about one model class, worked out once from its fields.

    Fields that hold only scalars (or ``None``) are never looked at: their keys are counted
    through ``__pydantic_fields_set__``.
    """

    __slots__ = ("depth", "leaf", "step")

    def __init__(self) -> None:
        self.step: _Step = _no_step
        self.depth = 1  # how far below the model its deepest value can sit
        self.leaf = True  # only scalar fields: nothing to walk into


def _no_step(
    facts: dict[str, Any], deep: list[BaseModel], leaves: list[BaseModel], loose: list[Any]
) -> int:
    return 0


_SHAPES: dict[type[Any], _Shape] = {}
_STEPS: dict[type[Any], _Step] = {}  # the steps of _SHAPES, one lookup closer
_UNBOUNDED = 1 << 30


def _shape(model: type[BaseModel]) -> _Shape:
    """The shape of a model class and, first, of every model class it can contain."""
    shape = _SHAPES.get(model)
    if shape is None:
        shape = _SHAPES[model] = _Shape()
        # Until done, for a model that contains itself: no static depth bound (so the fast
        # path declines it), and not a leaf (so it would be walked into).
        shape.depth, shape.leaf = _UNBOUNDED, False
        groups: dict[str, list[str]] = {}
        depth = 1
        for name, info in model.model_fields.items():
            kind, levels = _classify(info.annotation)
            if kind in ("one", "many"):
                kind += "_leaf" if _shape(_model_of(info.annotation)).leaf else "_deep"
            groups.setdefault(kind, []).append(name)
            depth = max(depth, 1 + levels)
        shape.step = _STEPS[model] = _compile_step(groups)
        shape.depth = depth
        shape.leaf = groups.keys() <= {"scalar"}
    return shape


def _compile_step(groups: dict[str, list[str]]) -> _Step:
    """The census step for one class, as straight-line Python written for that class.

    The step runs for every object (but those of leaf classes) of every accepted document. A
    generic loop over the field names of each kind cost twice as much, nearly all of it in
    looping over kinds a class does not have; so, as ``dataclasses`` does for ``__init__``,
    the code is written once per class. Field names are identifiers, written as literals.
    """
    lines = []
    for kind, found in (("one_leaf", "leaves"), ("one_deep", "deep"), ("other", "loose")):
        for name in groups.get(kind, ()):
            lines += [f"    child = facts[{name!r}]", "    if child is not None:"]
            lines += [f"        {found}.append(child)"]
    for kind, found in (("many_leaf", "leaves"), ("many_deep", "deep")):
        for name in groups.get(kind, ()):
            lines += [f"    child = facts[{name!r}]", "    if child is not None:"]
            lines += ["        items += len(child)", f"        {found}.extend(child)"]
    for name in groups.get("lists", ()):
        lines += [f"    child = facts[{name!r}]", "    if child is not None:"]
        lines += ["        items += len(child)"]
    if not lines:
        return _no_step
    source = "\n".join(["def step(facts, deep, leaves, loose):", "    items = 0", *lines])
    namespace: dict[str, Any] = {}
    exec(source + "\n    return items", namespace)
    step: _Step = namespace["step"]
    return step


def _bare(annotation: Any) -> Any:
    """The annotation without ``Annotated`` metadata and without an optional ``None``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin is Union or origin is UnionType:
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation


def _model_of(annotation: Any) -> type[BaseModel]:
    """The model class of a field classified as ``one`` or ``many``."""
    annotation = _bare(annotation)
    if get_origin(annotation) is list:
        annotation = _bare(get_args(annotation)[0])
    return annotation  # type: ignore[no-any-return]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _classify(annotation: Any) -> tuple[str, int]:
    """(kind of field, how many levels its value can nest below itself).

    ``one``: a model (or ``None``); ``many``: a list of models; ``lists``: a list of scalars;
    ``scalar``; anything else (free-form JSON, maps, unions of models and lists) is ``other``,
    which the census walks value by value.
    """
    bare = _bare(annotation)
    origin = get_origin(bare)
    if _is_model(bare):
        return "one", _shape(bare).depth
    if origin is list and _is_model(_bare(get_args(bare)[0])):
        return "many", 1 + _shape(_bare(get_args(bare)[0])).depth
    if bare in (list, dict, Any, object):
        return "other", 0  # free-form JSON: its depth is checked value by value
    if origin is Union or origin is UnionType:  # several types besides None
        parts = [_classify(arg) for arg in get_args(bare) if arg is not type(None)]
        if all(kind == "scalar" for kind, _ in parts):
            return "scalar", 0
        return "other", max(levels for _, levels in parts)
    if origin is list or origin is dict:
        kind, levels = _classify(get_args(bare)[-1])
        if kind == "scalar" and origin is list:
            return "lists", 1
        return "other", 1 + levels
    if origin in (tuple, set, frozenset):
        return "other", 1 + max((_classify(arg)[1] for arg in get_args(bare)), default=0)
    return "scalar", 0


class _Breach(Exception):
    """The document breaks a loader rule (depth, a non-finite number): take the slow path."""


def _census(root: BaseModel, limits: Limits) -> tuple[int, int]:
    """(keys, array items) a validated model holds, counted as the loader counts a document.

    Every JSON value but the top-level object is the value of a key or an array item, so the
    document holds ``1 + keys + items`` values. The models are gathered breadth first, those
    of leaf classes (only scalar fields) apart, as they need no walk; then the keys of all of
    them are summed in one C-level pass over their ``__pydantic_fields_set__``.

    Free-form values (``x-`` extensions, fields typed ``Any``) are checked against the depth
    limit as if they sat at the deepest level a model of the root's class can reach, except
    the root's own extensions, whose level is known: this bound is never too shallow, and a
    document it refuses only takes the slow path, which measures exactly.
    """
    steps = _STEPS
    bound = _shape(type(root)).depth
    deep = [root]
    leaves: list[BaseModel] = []
    loose: list[Any] = []
    keys = items = 0
    for model in deep:  # grows while it is walked
        items += steps[type(model)](model.__dict__, deep, leaves, loose)
        while loose:  # values of no fixed shape (rare); models in them join ``deep``
            more_keys, more_items = _walk(loose.pop(), bound, limits, deep)
            keys += more_keys
            items += more_items
    keys += sum(map(len, map(_fields_set, chain(deep, leaves))))
    for model in filter(_extra, chain(deep, leaves)):
        extra: dict[str, Any] = _extra(model)
        keys += len(extra.keys() - _fields_set(model))  # pydantic may list extras there too
        for key, value in extra.items():
            if not key.startswith(EXTENSION_PREFIX):
                # pydantic checks extra keys against their pattern in Python mode only; from
                # JSON any unknown key would pass as an "extension".
                raise _Breach
            more_keys, more_items = _walk(value, 1 if model is root else bound, limits, deep)
            keys += more_keys
            items += more_items
    return keys, items


def _walk(value: Any, depth: int, limits: Limits, models: list[BaseModel]) -> tuple[int, int]:
    """(keys, items) of a value of no fixed shape, checked for depth and finiteness as the
    loader checks a document.

    Models met on the way are added to ``models``, for the census to count them.
    """
    kind = type(value)
    if kind is dict:
        keys, items = len(value), 0
        children = value.values()
    elif kind is list:
        keys, items = 0, len(value)
        children = value
    else:
        if isinstance(value, BaseModel):
            models.append(value)
        elif kind is float and not math.isfinite(value):
            raise _Breach
        return 0, 0
    if (keys or items) and depth >= limits.max_depth:
        raise _Breach
    for child in children:
        more_keys, more_items = _walk(child, depth + 1, limits, models)
        keys += more_keys
        items += more_items
    return keys, items


@cache
def extension_keys_checked_in_json() -> bool:
    """Whether pydantic checks the keys of extra fields when it validates JSON.

    It always does for Python objects; for JSON it does from pydantic 2.14 on. Before, an
    unknown key would pass as an "extension", and only the census below catches it. Asked
    once, of a model with no fields (built here, not at import: the CLI starts faster).
    """

    class KeyProbe(SpocModel):
        """A model with no fields: any key but an ``x-`` one is unknown to it."""

    try:
        KeyProbe.model_validate_json(b'{"unknown": 1}')
    except ValidationError:
        return True
    return False


def validate_json_fast(raw: bytes, model: type[M], limits: Limits) -> M | None:
    """The validated model if the fast path can vouch for it, else ``None`` (take the slow one).

    ``raw`` must be JSON by the caller's reckoning (format given or sniffed); it may be
    anything at all, as invalid input simply returns ``None``.
    """
    if len(raw) > limits.max_bytes:
        return None
    if len(raw) > limits.max_values and json_commas(raw) >= limits.max_values:
        # More values than the limit: pydantic would build them all before the census could
        # count them; the slow path refuses such a text before parsing it.
        return None
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    shape = _SHAPES.get(model) or _shape(model)
    if shape.depth > limits.max_depth:
        return None
    try:
        instance = model.model_validate_json(raw)  # refuses invalid UTF-8 and NUL bytes too
        keys, items = _census(instance, limits)
    except (ValidationError, ValueError, _Breach, KeyError, AttributeError):
        # KeyError: a model of a class the root's annotations do not name; AttributeError: a
        # model class that hides pydantic's slots. Validation from JSON builds neither, but
        # whatever such a model holds, the slow path will tell.
        return None
    if 1 + keys + items > limits.max_values or keys != count_keys(raw):
        return None  # too many values, or a duplicate key left the model with fewer keys
    return instance
