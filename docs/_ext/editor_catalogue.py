"""The generated parts of "Edit a profile in your editor": file names and SchemaStore text.

Both come from ``spocschema.schemas`` (the document types' ``file_match`` and the catalogue the
package commits as ``schemas/catalog.json``), so the page can never advertise a file name the
catalogue does not match or an entry SchemaStore would receive differently.
"""

from __future__ import annotations

import json
from pathlib import Path

from docgen_text import write_if_changed

#: Where the fragments go: excluded from the build as pages, included by ``docs/editor.md``.
OUT_DIR = "_generated"


def render_conventions() -> str:
    """A table: document type, the file names editors match, the editor schema URL."""
    from spocschema import schemas

    lines = [
        "| Document | File names editors recognise | Editor schema (draft-07) |",
        "|---|---|---|",
    ]
    for doc in schemas.DOCUMENT_TYPES.values():
        if not doc.file_match:
            continue
        names = ", ".join(f"`{glob}`" for glob in doc.file_match)
        lines.append(f"| {doc.title} | {names} | <{doc.editor_schema_id}> |")
    return "\n".join(lines) + "\n"


def render_schemastore() -> str:
    """The entries to add to SchemaStore's ``src/api/json/catalog.json``, as a JSON block."""
    from spocschema import schemas

    entries = json.dumps(schemas.catalog()["schemas"], indent=2, ensure_ascii=False)
    return f"```json\n{entries}\n```\n"


def write_fragments(srcdir: Path) -> list[Path]:
    out = srcdir / OUT_DIR
    written = []
    for name, text in (
        ("editor-conventions.md", render_conventions()),
        ("editor-schemastore.md", render_schemastore()),
    ):
        path = out / name
        write_if_changed(path, text)
        written.append(path)
    return written
