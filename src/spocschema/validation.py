"""Structural validation: a document in, a model out, or every problem with its place.

This is the library's front door for documents. It pairs the loader (bytes to data, with
positions) with a model (data to typed objects) and turns pydantic's errors into ``Problem``
records that speak the document's language: JSON Pointers, line and column, and messages about
keys and values rather than Python types.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from spocschema._fastpath import validate_json_fast
from spocschema.errors import DocumentError, Problem
from spocschema.loading import (
    DEFAULT_LIMITS,
    JSON_SUFFIXES,
    YAML_SUFFIXES,
    Format,
    Limits,
    LoadedDocument,
    Source,
    decode,
    detect_format,
    load_document,
    make_pointer,
    parse_text,
    read_bytes,
)
from spocschema.models.base import EXTENSION_PATTERN
from spocschema.types import PATTERN_PROBLEMS

if TYPE_CHECKING:
    from spocschema.models.profile import SpocProfile

M = TypeVar("M", bound=BaseModel)


def _is_unknown_key(error: Any) -> bool:
    """An extra key that is not an ``x-`` extension (see ``SpocModel``)."""
    return bool(
        error["type"] == "string_pattern_mismatch"
        and error.get("ctx", {}).get("pattern") == EXTENSION_PATTERN
    )


def _is_null(error: Any) -> bool:
    """An explicit null where a value is expected (``Maybe`` refuses it with the type's error)."""
    return error.get("input", ...) is None and error["type"] != "missing"


def _code(error: Any) -> str:
    if _is_null(error):
        return "null_not_allowed"
    if _is_unknown_key(error):
        return "extra_forbidden"
    if error["type"] == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern")
        return PATTERN_PROBLEMS.get(pattern, ("string_pattern_mismatch", ""))[0]
    return str(error["type"])


def _message(error: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    if _is_null(error):
        return "null is not allowed (leave an optional key out instead of writing null)"
    if kind == "extra_forbidden" or _is_unknown_key(error):
        return (
            f"unknown key {str(loc[-1])[:80]!r} (check the spelling; national extensions must "
            "start with 'x-')"
        )
    if kind == "missing":
        return f"required key {str(loc[-1])!r} is missing"
    if kind in ("string_type", "bool_type", "list_type", "dict_type", "model_type"):
        expected = {
            "string_type": "a string",
            "bool_type": "true or false",
            "list_type": "an array",
            "dict_type": "an object",
            "model_type": "an object",
        }[kind]
        return f"expected {expected}"
    if kind == "model_attributes_type":
        return "expected an object"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {error.get('ctx', {}).get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        _, text = PATTERN_PROBLEMS.get(
            error.get("ctx", {}).get("pattern"), ("", "has a wrong form")
        )
        value = error.get("input")
        return f"{str(value)[:40]!r} {text}" if isinstance(value, str) else text
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"not one of the allowed values: {expected}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        value = error.get("input")
        if isinstance(value, int | float) and not isinstance(value, bool):
            # YAML reads `schema_version: 1.0` as the number 1.0: the commonest slip of all
            as_text = repr(value) if isinstance(value, float) else str(value)
            if f"'{as_text}'" in expected:
                return f"is a number; write '{as_text}' in quotes"
            return f"is a number; must be the text {expected}"
        return f"must be {expected}"
    message: str = error["msg"]
    return message[:1].lower() + message[1:]


def problems_from(error: ValidationError, document: LoadedDocument | None = None) -> list[Problem]:
    """Translate pydantic errors into located problems, in document order."""
    problems = []
    for item in error.errors(include_url=False):
        path = tuple(part for part in item["loc"] if isinstance(part, str | int))
        if item["type"] == "missing":
            pointer = make_pointer(path[:-1])
            where = document.position(pointer) if document else None
            pointer = make_pointer(path)
        else:
            pointer = make_pointer(path)
            where = document.position(pointer) if document else None
        problems.append(
            Problem(
                _message(item),
                pointer=pointer,
                kind="structure",
                code=_code(item),
                line=where[0] if where else None,
                column=where[1] if where else None,
            )
        )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.pointer))
    return problems


def validate_document(document: LoadedDocument, model: type[M]) -> M:
    """Validate a loaded document against a model; raise ``DocumentError`` with every problem."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise DocumentError(document.source, problems_from(error, document)) from None


def _looks_like_json(raw: bytes) -> bool:
    """What ``detect_format`` would say, from the first bytes only (no copy of the document)."""
    return raw[:1] == b"{" or raw[:1024].lstrip(b" \t\r\n\xef\xbb\xbf")[:1] in (b"{", b"[")


def load(
    source: Source,
    model: type[M],
    *,
    name: str | None = None,
    format: Format | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> M:
    """Load and validate a document of any published type."""
    if type(source) is bytes:  # the common case, before the general (slower) dispatch
        raw, label, suffix = source, name or "<bytes>", ""
    elif isinstance(source, Mapping):
        return validate_document(load_document(source, name=name, limits=limits), model)
    else:
        raw, label, suffix = read_bytes(source, name=name, limits=limits)
    if format == "json" or (
        format is None
        and suffix not in YAML_SUFFIXES
        and (suffix in JSON_SUFFIXES or _looks_like_json(raw))
    ):
        fast = validate_json_fast(raw, model, limits)
        if fast is not None:
            return fast
    text = decode(raw, label, limits)
    chosen = format or detect_format(text, suffix)
    document = parse_text(text, label, chosen, limits, text_input=isinstance(source, str))
    return validate_document(document, model)


@cache
def _profile_model() -> type[SpocProfile]:
    """``SpocProfile``, imported on first use (it loads the code lists), then kept at hand: an
    import statement in ``load_profile`` itself would cost a lookup on every call."""
    from spocschema.models.profile import SpocProfile

    return SpocProfile


def load_profile(
    source: Source,
    *,
    name: str | None = None,
    format: Format | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> SpocProfile:
    """Load a SPOC profile from a path, bytes, JSON/YAML text or a mapping.

    Returns the typed model, or raises ``DocumentError`` listing every problem, each with a
    JSON Pointer and, for text input, line and column. ``str`` is document text; pass a
    ``pathlib.Path`` to read a file.
    """
    return load(source, _profile_model(), name=name, format=format, limits=limits)


def validate_profile(
    source: Source,
    *,
    name: str | None = None,
    format: Format | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Problem]:
    """Like ``load_profile`` but returns the problems (empty when valid) instead of raising."""
    try:
        load_profile(source, name=name, format=format, limits=limits)
    except DocumentError as error:
        return error.problems
    return []
