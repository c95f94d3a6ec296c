"""Which published schema a document follows, from its ``$schema`` key.

``spocschema validate`` reads any published document type, not only profiles: a waiver file,
annual statistics or a request names its schema in ``$schema`` (as editors use it), and is
validated by that schema's model. Without ``$schema`` a document is taken for a SPOC profile,
the document the command is mostly run on. A ``$schema`` that names no spocschema schema is a
problem of its own, never silently replaced by the profile schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spocschema.errors import Problem
from spocschema.schemas import (
    BASE_URI,
    DOCUMENT_TYPES,
    PUBLISHED_VERSIONS,
    SCHEMA_VERSION,
    DocumentType,
)

#: The document type of a document without ``$schema``.
DEFAULT_TYPE = "spoc-profile"

#: ``<name>.schema.json`` (or an editor variant such as ``<name>.editor.schema.json``) at the end
#: of a ``$schema`` that is a copy of a published schema kept elsewhere.
_FILE_NAME = re.compile(r"(?:^|/)([a-z-]+?)(?:\.[a-z0-9-]+)?\.schema\.json(?:#.*)?$")


@dataclass(frozen=True)
class SchemaChoice:
    """The schema a document is validated against, and why."""

    document_type: DocumentType
    #: The ``$id`` named (or the current one of the type when the document names none).
    schema_id: str
    #: True when the document's own ``$schema`` chose it.
    declared: bool

    @property
    def label(self) -> str:
        """How messages name it: ``waivers 1.1``."""
        version = self.schema_id.removeprefix(BASE_URI).split("/", 1)[0]
        return f"{self.document_type.name} {version}"


def _published_ids() -> dict[str, tuple[str, str]]:
    return {
        f"{BASE_URI}{version}/{doc.filename}": (name, version)
        for version in PUBLISHED_VERSIONS
        for name, doc in DOCUMENT_TYPES.items()
    }


def choose_schema(data: Any) -> SchemaChoice | Problem:
    """The schema a parsed document names in ``$schema``, or the profile schema if none.

    Returns a ``Problem`` (at ``/$schema``) when ``$schema`` is not text or names no published
    document type.
    """
    declared = data.get("$schema") if isinstance(data, dict) else None
    if declared is None:
        doc = DOCUMENT_TYPES[DEFAULT_TYPE]
        return SchemaChoice(doc, doc.schema_id, declared=False)
    if not isinstance(declared, str):
        return Problem("$schema must be the URI of a schema, as text", pointer="/$schema")
    known = _published_ids()
    if declared in known:
        name, _ = known[declared]
        return SchemaChoice(DOCUMENT_TYPES[name], declared, declared=True)
    match = _FILE_NAME.search(declared)
    if match and match.group(1) in DOCUMENT_TYPES:
        doc = DOCUMENT_TYPES[match.group(1)]
        version = next((v for v in PUBLISHED_VERSIONS if f"/{v}/" in declared), SCHEMA_VERSION)
        return SchemaChoice(doc, f"{BASE_URI}{version}/{doc.filename}", declared=True)
    names = ", ".join(sorted(DOCUMENT_TYPES))
    return Problem(
        f"$schema {declared[:120]!r} names no spocschema schema (document types: {names}; "
        "`spocschema schema --list` prints their $ids)",
        pointer="/$schema",
        code="unknown_schema",
    )
