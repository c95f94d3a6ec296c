"""Structural validation: a document in, a model out, or every problem with its place.

This is the library's front door for documents. It pairs the loader (bytes to data, with
positions) with a model (data to typed objects) and turns pydantic's errors into ``Problem``
records that speak the document's language: JSON Pointers, line and column, and messages about
keys and values rather than Python types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from spocschema.errors import DocumentError, Problem
from spocschema.loading import (
    DEFAULT_LIMITS,
    Format,
    Limits,
    LoadedDocument,
    Source,
    load_document,
    make_pointer,
)

if TYPE_CHECKING:
    from spocschema.models.profile import SpocProfile

M = TypeVar("M", bound=BaseModel)


def _message(error: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "extra_forbidden":
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
        return "must contain a visible character"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"not one of the allowed values: {expected}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"must be {expected}"
    message: str = error["msg"]
    return message[:1].lower() + message[1:]


def problems_from(error: ValidationError, document: LoadedDocument | None = None) -> list[Problem]:
    """Translate pydantic errors into located problems, in document order."""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
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
                code=str(item["type"]),
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


def load(
    source: Source,
    model: type[M],
    *,
    name: str | None = None,
    format: Format | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> M:
    """Load and validate a document of any published type."""
    document = load_document(source, name=name, format=format, limits=limits)
    return validate_document(document, model)


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
    from spocschema.models.profile import SpocProfile

    return load(source, SpocProfile, name=name, format=format, limits=limits)


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
