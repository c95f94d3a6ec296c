"""The base every published document model shares: closed vocabulary, open extensions.

A typo in a key must never pass silently, so unknown keys are errors. National teams still need
room for facts the common vocabulary lacks; keys that start with ``x-`` are theirs, kept as they
are and written back on export, at every level of a document.
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)

EXTENSION_PREFIX = "x-"


def _is_extension(key: object) -> bool:
    return isinstance(key, str) and key.startswith(EXTENSION_PREFIX)


class SpocModel(BaseModel):
    """Base of all document models: unknown keys rejected, ``x-`` extensions preserved."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=False,
        validate_assignment=False,
        populate_by_name=False,
        use_enum_values=False,
        json_schema_extra={"patternProperties": {"^x-": {}}},
        hide_input_in_errors=True,
        defer_build=True,
    )

    _extensions: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _split_extensions(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        extensions: dict[str, Any] = {}
        if isinstance(data, dict) and any(_is_extension(k) for k in data):
            extensions = {k: v for k, v in data.items() if _is_extension(k)}
            data = {k: v for k, v in data.items() if not _is_extension(k)}
        model = handler(data)
        if extensions and isinstance(model, SpocModel):
            model._extensions = extensions
        return model

    @model_serializer(mode="wrap")
    def _join_extensions(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        data = handler(self)
        if self._extensions and isinstance(data, dict):
            data.update(self._extensions)
        return data

    @property
    def extensions(self) -> dict[str, Any]:
        """The ``x-`` keys of this object, in document order (a live, editable mapping)."""
        return self._extensions

    def to_document(self) -> dict[str, Any]:
        """The JSON-compatible document: aliases applied, absent facts left out, extensions kept."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The document as JSON text, in a stable key order."""
        return self.model_dump_json(by_alias=True, exclude_none=True, indent=indent)


def fact(
    description: str,
    *,
    legal_basis: str | tuple[str, ...] = (),
    examples: list[Any] | None = None,
    required: bool = False,
    alias: str | None = None,
    **kwargs: Any,
) -> Any:
    """Declare a field: its meaning for a police-cooperation reader and its legal basis.

    Fields are optional (left out means "not stated") unless ``required`` is set. The legal
    basis goes into the schema twice on purpose: in the description, for people
    reading an editor tooltip, and in ``$comment`` as ``legal_basis: ...``, for tools. A custom
    keyword would be cleaner, but strict validators (ajv in strict mode) reject unknown keywords.
    """
    refs = (legal_basis,) if isinstance(legal_basis, str) else legal_basis
    text = description.strip()
    extra: dict[str, Any] = {}
    if refs:
        text += " Legal basis: " + "; ".join(refs) + "."
        extra["$comment"] = "legal_basis: " + "; ".join(refs)
    field_kwargs: dict[str, Any] = {"description": text, **kwargs}
    if extra:
        field_kwargs["json_schema_extra"] = extra
    if examples is not None:
        field_kwargs["examples"] = examples
    if alias is not None:
        field_kwargs["alias"] = alias
    if required:
        return Field(..., **field_kwargs)
    return Field(None, **field_kwargs)


def legal_basis_of(model: type[BaseModel], field_name: str) -> tuple[str, ...]:
    """The legal references declared on a field, as written in its ``fact`` declaration."""
    info = model.model_fields[field_name]
    extra = info.json_schema_extra
    if isinstance(extra, dict):
        comment = extra.get("$comment")
        if isinstance(comment, str) and comment.startswith("legal_basis: "):
            return tuple(comment.removeprefix("legal_basis: ").split("; "))
    return ()
