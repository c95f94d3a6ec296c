"""Hypothesis strategies read off the models, so generated documents follow the schema by design.

Nothing here restates the vocabulary: keys, required-ness, enumerations, code lists, patterns and
length bounds all come from the pydantic models and the constrained types of
``spocschema.types``. A field whose type this module does not recognise is an error, not a
silent guess, so a new type in the models shows up as a failing test here first.
"""

from __future__ import annotations

import enum
import string
import types as pytypes
import typing
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Annotated, Any, Literal, Union

from hypothesis import strategies as st
from pydantic import BaseModel, JsonValue, Strict
from pydantic.fields import FieldInfo

from spocschema import codelists
from spocschema import types as spoc_types

#: Generated lists stay short: long lists add run time, not new shapes.
MAX_LIST_SIZE = 4
#: Generated free texts stay short for the same reason (the types allow far more).
MAX_TEXT_SIZE = 40
#: The range of generated calendar dates; wide enough for every rule that compares dates.
MIN_DATE = date(1995, 1, 1)
MAX_DATE = date(2035, 12, 31)

_DATE_STRINGS = st.dates(min_value=MIN_DATE, max_value=MAX_DATE).map(date.isoformat)


def _durations() -> st.SearchStrategy[str]:
    """ISO 8601 durations of every shape the duration type accepts (weeks stand alone)."""
    small = st.integers(min_value=0, max_value=400)

    def assemble(parts: tuple[int | None, ...], weeks: int | None) -> str:
        if weeks is not None:
            return f"P{weeks}W"
        years, months, days, hours, minutes, seconds = parts
        head = "".join(
            f"{n}{unit}" for n, unit in ((years, "Y"), (months, "M"), (days, "D")) if n is not None
        )
        tail = "".join(
            f"{n}{unit}"
            for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
            if n is not None
        )
        if not head and not tail:
            return "P0D"
        return "P" + head + ("T" + tail if tail else "")

    return st.builds(
        assemble,
        st.tuples(*[st.none() | small for _ in range(6)]),
        st.none() | small,
    )


def _times(end: bool) -> st.SearchStrategy[str]:
    clock = st.builds(
        lambda h, m: f"{h:02d}:{m:02d}",
        st.integers(min_value=0, max_value=23),
        st.integers(min_value=0, max_value=59),
    )
    return clock | st.just("24:00") if end else clock


_IDENTIFIERS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,30}", fullmatch=True)
_URLS = st.builds(
    lambda host, path: f"https://{host}.example.org/{path}",
    st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9._~/-]{0,30}", fullmatch=True),
)

#: Strings whose JSON Schema is a pattern: the strategy for each published pattern.
_PATTERN_STRATEGIES: dict[str, st.SearchStrategy[str]] = {
    spoc_types.DURATION_PATTERN: _durations(),
    spoc_types.TIME_OF_DAY_PATTERN: _times(end=False),
    spoc_types.END_TIME_PATTERN: _times(end=True),
    spoc_types.IDENTIFIER_PATTERN: _IDENTIFIERS,
    spoc_types.HTTP_URL_PATTERN: _URLS,
}


def _countries() -> st.SearchStrategy[str]:
    # Stored forms only, so a generated document equals the model's own export of it.
    return st.sampled_from(sorted(codelists.iso_country_codes()))


def _languages() -> st.SearchStrategy[str]:
    return st.sampled_from(codelists.iso_language_codes())


def _texts(max_length: int) -> st.SearchStrategy[str]:
    """Never-blank text: a visible first character, then anything printable."""
    size = min(max_length, MAX_TEXT_SIZE) - 1
    visible = st.characters(min_codepoint=0x21, max_codepoint=0x7E) | st.characters(
        categories=("L", "N")
    )
    return st.builds(
        lambda head, tail: (head + tail)[:max_length],
        visible,
        st.text(
            alphabet=st.characters(categories=("L", "N", "P", "Zs", "S")), max_size=max(size, 0)
        ),
    )


#: UTC offsets of generated instants: every quarter hour from -12:00 to +14:00.
_OFFSETS = st.integers(min_value=-48, max_value=56).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)


def instants(
    min_value: datetime = datetime(1995, 1, 1), max_value: datetime = datetime(2035, 12, 31)
) -> st.SearchStrategy[str]:
    """RFC 3339 date-times with an explicit UTC offset, between two naive local times."""
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=_OFFSETS).map(
        lambda moment: moment.isoformat().replace("+00:00", "Z")
    )


#: Constrained types recognised by their validator, mapped to a strategy for their JSON value.
_VALIDATOR_STRATEGIES: dict[Any, Any] = {
    spoc_types._parse_date_time: instants,
    spoc_types._parse_date: lambda: _DATE_STRINGS,
    spoc_types._country: _countries,
    spoc_types._language: _languages,
    spoc_types._time_zone: lambda: st.sampled_from(codelists.time_zone_names_sorted()),
    spoc_types._year: lambda: st.integers(min_value=1990, max_value=2200),
    spoc_types._non_negative: lambda: st.integers(min_value=0, max_value=10_000),
}


def _split(annotation: Any) -> tuple[Any, list[Any]]:
    """Peel nested ``Annotated`` layers into the bare type and all metadata, outermost first."""
    metadata: list[Any] = []
    while typing.get_origin(annotation) is Annotated:
        metadata.extend(annotation.__metadata__)
        annotation = annotation.__origin__
    return annotation, metadata


def _validator_funcs(metadata: list[Any]) -> list[Any]:
    return [getattr(item, "func", None) for item in metadata]


def _length_bounds(metadata: list[Any]) -> tuple[int, int | None]:
    low, high = 0, None
    for item in metadata:
        inner = item.metadata if isinstance(item, FieldInfo) else [item]
        for bound in inner:
            low = max(low, getattr(bound, "min_length", None) or 0)
            if getattr(bound, "max_length", None) is not None:
                high = bound.max_length
    return low, high


def _pattern(metadata: list[Any]) -> str | None:
    for item in metadata:
        inner = item.metadata if isinstance(item, FieldInfo) else [item]
        for constraint in inner:
            pattern = getattr(constraint, "pattern", None)
            if isinstance(pattern, str):
                return pattern
    return None


def _non_null(annotation: Any) -> Any:
    """``X | None`` to ``X``: leaving the key out is how a document says "not stated"."""
    if typing.get_origin(annotation) in (Union, pytypes.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
        return Union[tuple(members)]  # noqa: UP007 - rebuilt from parts at run time
    return annotation


def value_strategy(annotation: Any, metadata: list[Any] | None = None) -> st.SearchStrategy[Any]:
    """A strategy for JSON values that a field of this type accepts.

    ``metadata`` carries the constraints pydantic moved off the annotation onto the field.
    Raises ``TypeError`` for a type this module does not know, so gaps never pass silently.
    """
    bare, found = _split(annotation)
    found = list(metadata or []) + found
    if bare is Any or bare is JsonValue:  # an open JSON value: any JSON value will do
        return _json_values()
    bare = _non_null(bare)
    if typing.get_origin(bare) is Annotated:  # Maybe[Annotated[...]] once None is dropped
        return value_strategy(bare, found)
    funcs = _validator_funcs(found)
    for func in funcs:
        factory = _VALIDATOR_STRATEGIES.get(func)
        if factory is not None:
            strategy: st.SearchStrategy[Any] = factory()
            return strategy
    for item in found:
        schema = getattr(item, "json_schema", None)
        if isinstance(schema, dict) and schema.get("pattern") in _PATTERN_STRATEGIES:
            return _PATTERN_STRATEGIES[schema["pattern"]]
    origin = typing.get_origin(bare)
    if origin is Literal:
        return st.sampled_from(typing.get_args(bare))
    if origin is list:
        (item_type,) = typing.get_args(bare)
        items = value_strategy(item_type)
        low, high = _length_bounds(found)
        size = min(high if high is not None else MAX_LIST_SIZE, MAX_LIST_SIZE)
        if spoc_types._unique in funcs:
            return st.lists(items, min_size=low, max_size=max(size, low), unique_by=_json_key)
        return st.lists(items, min_size=low, max_size=max(size, low))
    if origin is dict:
        key_type, item_type = typing.get_args(bare)
        return st.dictionaries(
            value_strategy(key_type), value_strategy(item_type), max_size=MAX_LIST_SIZE
        )
    if isinstance(bare, type):
        if issubclass(bare, BaseModel):
            return model_documents(bare)
        if issubclass(bare, enum.Enum):
            return st.sampled_from([member.value for member in bare])
        if issubclass(bare, bool):
            return st.booleans()
        if issubclass(bare, int):
            return st.integers(min_value=0, max_value=10_000)
        if issubclass(bare, float):
            # JSON numbers only: no NaN or infinity, which every loader refuses.
            return st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)
        if issubclass(bare, str):
            low, high = _length_bounds(found)
            pattern = _pattern(found)
            if pattern is not None and pattern != spoc_types._NON_BLANK_PATTERN:
                limit = high if high is not None else MAX_TEXT_SIZE
                return st.from_regex(pattern, fullmatch=True).filter(
                    lambda text: low <= len(text) <= limit
                )
            if low >= 1 or any(isinstance(item, Strict) for item in found):
                return _texts(high or MAX_TEXT_SIZE)
            return st.text(max_size=MAX_TEXT_SIZE)
    raise TypeError(f"spocschema.testing has no strategy for {annotation!r} ({found!r})")


def _json_key(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True)


def field_strategy(info: FieldInfo) -> st.SearchStrategy[Any]:
    """The strategy for one declared field of a model."""
    return value_strategy(info.annotation, list(info.metadata))


def _json_values() -> st.SearchStrategy[Any]:
    return _extension_values()


def _extension_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=10)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.text(string.ascii_lowercase, min_size=1, max_size=5), inner, max_size=3
            )
        ),
        max_leaves=5,
    )


_EXTENSIONS = st.dictionaries(
    st.from_regex(r"x-[a-z][a-z0-9-]{0,10}", fullmatch=True), _extension_values(), max_size=1
)


def _deferred_field(info: FieldInfo) -> st.SearchStrategy[Any]:
    # Deferred so that building a model's strategy costs nothing until an example is drawn.
    return st.deferred(lambda: field_strategy(info))


@cache
def model_documents(
    model: type[BaseModel], *, extensions: bool = True
) -> st.SearchStrategy[dict[str, Any]]:
    """JSON documents (dicts) that ``model`` validates: required keys always, optional keys
    sometimes, and now and then a national ``x-`` extension key."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        target = required if info.is_required() else optional
        target[key] = _deferred_field(info)
    choices = _one_of_required(model)
    if choices and all(key in optional for key in choices):
        # Exactly one of the alternatives' keys, as the model's ``oneOf`` demands.
        base = st.one_of(
            [
                st.fixed_dictionaries(
                    {**required, key: optional[key]},
                    optional={k: v for k, v in optional.items() if k not in choices},
                )
                for key in choices
            ]
        )
    else:
        base = st.fixed_dictionaries(required, optional=optional)
    rules = _conditional_rules(model)
    if rules:
        base = _conditionals_applied(base, model, tuple(rules))
    dependent = _dependent_required(model)
    if dependent:
        base = base.map(lambda doc: _without_unmet_dependents(doc, dependent))
    if not extensions:
        return base
    return st.builds(lambda doc, ext: {**doc, **ext}, base, _EXTENSIONS)


def _one_of_required(model: type[BaseModel]) -> list[str]:
    """The keys of a model-level ``oneOf`` whose alternatives each require one key, else []."""
    extra = model.model_config.get("json_schema_extra")
    alternatives = extra.get("oneOf") if isinstance(extra, dict) else None
    if not isinstance(alternatives, list):
        return []
    keys = []
    for alternative in alternatives:
        needed = alternative.get("required") if isinstance(alternative, dict) else None
        if not (isinstance(needed, list) and len(needed) == 1):
            return []
        keys.append(str(needed[0]))
    return keys


def _dependent_required(model: type[BaseModel]) -> dict[str, list[str]]:
    """The model's ``dependentRequired`` (key -> keys it needs), as its schema declares it."""
    extra = model.model_config.get("json_schema_extra")
    found = extra.get("dependentRequired") if isinstance(extra, dict) else None
    if not isinstance(found, dict):
        return {}
    return {str(k): [str(v) for v in vs] for k, vs in found.items() if isinstance(vs, list)}


def _without_unmet_dependents(
    doc: dict[str, Any], dependent: dict[str, list[str]]
) -> dict[str, Any]:
    """The document less each optional key whose required companions were not drawn."""
    return {
        key: value
        for key, value in doc.items()
        if all(need in doc for need in dependent.get(key, ()))
    }


def kind_of(annotation: Any, metadata: list[Any] | None = None) -> tuple[str, Any]:
    """What a field holds, as far as generators need to know: ``("date", None)``,
    ``("year", None)``, ``("model", cls)``, ``("list", item_annotation)`` or ``("other", None)``.
    """
    bare, found = _split(annotation)
    found = list(metadata or []) + found
    bare = _non_null(bare)
    if typing.get_origin(bare) is Annotated:
        return kind_of(bare, found)
    funcs = _validator_funcs(found)
    if spoc_types._parse_date in funcs:
        return "date", None
    if spoc_types._year in funcs:
        return "year", None
    if typing.get_origin(bare) is list:
        return "list", typing.get_args(bare)[0]
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return "model", bare
    return "other", None


def _conditional_rules(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The model's cross-field rules, as its JSON Schema states them (``allOf`` of if/then)."""
    extra = model.model_config.get("json_schema_extra")
    rules = extra.get("allOf") if isinstance(extra, dict) else None
    if not isinstance(rules, list):
        return []
    return [rule for rule in rules if isinstance(rule, dict) and "if" in rule]


def _matches(condition: dict[str, Any], document: dict[str, Any]) -> bool:
    if any(key not in document for key in condition.get("required", [])):
        return False
    for key, constraint in condition.get("properties", {}).items():
        if key in document and "const" in constraint and document[key] != constraint["const"]:
            return False
    return True


@st.composite
def _conditionals_applied(
    draw: st.DrawFn,
    base: st.SearchStrategy[dict[str, Any]],
    model: type[BaseModel],
    rules: tuple[dict[str, Any], ...],
) -> dict[str, Any]:
    """Repair a drawn document so it satisfies the model's if/then/else rules.

    Keys a branch requires are drawn from their field's strategy; keys it forbids
    (``not: {required: [...]}``) are removed. Only these JSON Schema forms are understood, and
    any other form is an error so that a new kind of rule is noticed.
    """
    document = dict(draw(base))
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    for rule in rules:
        branch = rule.get("then" if _matches(rule["if"], document) else "else", {})
        negated = branch.get("not")
        if negated is not None:
            if set(branch) != {"not"}:
                raise TypeError(f"spocschema.testing cannot satisfy {branch!r} of {model.__name__}")
            for key in _required_keys(negated, model):
                document.pop(key, None)
            continue
        for key in _required_keys(branch, model):
            if key not in document:
                document[key] = draw(field_strategy(fields[key]))
    return document


def _required_keys(schema: dict[str, Any], model: type[BaseModel]) -> list[str]:
    """The keys a ``{"required": [...]}`` schema demands (``properties`` only naming them)."""
    unconstrained = all(value in (True, {}) for value in schema.get("properties", {}).values())
    if set(schema) - {"required", "properties"} or not unconstrained:
        raise TypeError(f"spocschema.testing cannot satisfy {schema!r} of {model.__name__}")
    return list(schema.get("required", []))
