"""The base every published document model shares: closed vocabulary, open extensions.

A typo in a key must never pass silently, so unknown keys are errors. National teams still need
room for facts the common vocabulary lacks; keys that start with ``x-`` are theirs, kept as they
are and written back on export, at every level of a document.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)

EXTENSION_PREFIX = "x-"

#: The key pattern of a national extension, as pydantic and the published schema both read it.
EXTENSION_PATTERN = "^x-"

#: A key of a national extension: any key that starts with ``x-``.
ExtensionKey = Annotated[str, Field(pattern=EXTENSION_PATTERN)]


class SpocModel(BaseModel):
    """Base of all document models: unknown keys rejected, ``x-`` extensions preserved.

    Extensions are pydantic "extra" fields whose *keys* must match ``^x-``: pydantic checks the
    keys itself, in Rust, and reports every other unknown key (as a ``string_pattern_mismatch``
    on the key, which ``validation.problems_from`` words as "unknown key"). Doing this in a
    Python validator per object made validation several times slower (see ``benchmarks/``).
    """

    model_config = ConfigDict(
        extra="allow",
        frozen=False,
        validate_assignment=False,
        populate_by_name=False,
        use_enum_values=False,
        json_schema_extra={
            "additionalProperties": False,
            "patternProperties": {EXTENSION_PATTERN: {}},
        },
        hide_input_in_errors=True,
        defer_build=True,
    )

    __pydantic_extra__: dict[ExtensionKey, Any] = Field(init=False)

    @model_serializer(mode="wrap")
    def _keep_null_extensions(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        # ``exclude_none`` drops absent facts, but an extension is national data kept as it is,
        # null included; the extensions follow the facts in document order.
        data = handler(self)
        extensions = self.__pydantic_extra__
        if (
            extensions
            and isinstance(data, dict)
            and any(value is None for value in extensions.values())
        ):
            facts = {k: v for k, v in data.items() if k not in extensions}
            return {**facts, **{k: data.get(k, v) for k, v in extensions.items()}}
        return data

    def __setattr__(self, name: str, value: Any) -> None:
        # With extra="allow", pydantic would store any misspelt attribute as an extra key and
        # write it out: a typo must fail here as it fails in a document.
        if name not in type(self).model_fields and not name.startswith(("_", EXTENSION_PREFIX)):
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r}; national extensions go in "
                "`.extensions` under keys starting with 'x-'"
            )
        super().__setattr__(name, value)

    @property
    def extensions(self) -> dict[str, Any]:
        """The ``x-`` keys of this object, in document order (a live, editable mapping)."""
        extensions = self.__pydantic_extra__
        if extensions is None:  # pragma: no cover - set by pydantic for extra="allow"
            extensions = self.__pydantic_extra__ = {}
        return extensions

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
