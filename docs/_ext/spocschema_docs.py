"""Sphinx extension: generated reference pages and the published schemas, at build time.

Three things of the site are made from the package rather than written by hand, so that they
cannot disagree with it:

- ``docs/schema/``: the schema reference, from the committed JSON Schemas;
- ``docs/rules/``: the rule catalogue and coverage matrix, from the rule registry;
- ``docs/cli-help/``: the command-line help of every subcommand, from the argument parser;
- ``<site>/schemas/<version>/*.schema.json``: the published schemas themselves (and their
  draft-07 editor variants), copied to the path of their ``$id`` so that every ``$id``
  resolves on the hosted site, with the SchemaStore catalogue at ``<site>/schemas/catalog.json``;
- ``docs/_generated/``: fragments the editor page includes (file names, SchemaStore entries).

The page directories are generated on ``builder-inited`` (before Sphinx reads sources, as
autosummary does) and are ignored by git; never edit them.
"""

from __future__ import annotations

import json
import shutil
import typing
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import cli_reference
import editor_catalogue
import example_documents
import rule_catalogue
import schema_reference
from docgen_text import remove_stale, write_if_changed
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCHEMA_PAGES = "schema"
RULE_PAGES = "rules"
CLI_PAGES = "cli-help"


def repository_root(app: Sphinx) -> Path:
    """The checkout the documentation belongs to (``docs/`` is its direct child)."""
    return Path(app.srcdir).resolve().parent


def generate_schema_reference(app: Sphinx) -> None:
    """Write one reference page per published schema, and their index."""
    from spocschema import schemas

    root = repository_root(app)
    out_dir = Path(app.srcdir) / SCHEMA_PAGES
    pages = [out_dir / "index.md"]
    entries = []
    everything = example_documents.all_documents(root)
    for name, doc in schemas.DOCUMENT_TYPES.items():
        schema = schemas.load(name)
        files = example_documents.example_files(root, name)
        complete = [
            schema_reference.relative(path, out_dir)
            for path in dict.fromkeys(path for path, _, _ in files)
            if not path.name.startswith("noncompliant-")
        ]
        documents = everything[name]
        related = example_documents.related(everything, name)
        published = schemas.schema_path(name)
        text = schema_reference.render_page(
            schema,
            document=name,
            title=f"{doc.title} ({schemas.SCHEMA_VERSION})",
            published_path=schema_reference.relative(published, out_dir),
            documents=documents,
            example_files=complete,
            related=related,
        )
        page = out_dir / f"{name}.md"
        write_if_changed(page, text)
        pages.append(page)
        entries.append((name, doc.title, str(schema["$id"])))
    write_if_changed(out_dir / "index.md", schema_reference.render_index(entries))
    remove_stale(out_dir, pages)


def generate_rule_catalogue(app: Sphinx) -> None:
    """Write one page per rule, the catalogue index and the coverage matrix."""
    out_dir = Path(app.srcdir) / RULE_PAGES
    written = rule_catalogue.write_pages(out_dir, repository_root(app))
    remove_stale(out_dir, written)


def generate_cli_reference(app: Sphinx) -> None:
    """Write the command-line reference from the argument parser."""
    out_dir = Path(app.srcdir) / CLI_PAGES
    write_if_changed(out_dir / "index.md", cli_reference.render())
    write_if_changed(out_dir / cli_reference.COMMANDS_FILE, cli_reference.render_commands())


def on_builder_inited(app: Sphinx) -> None:
    editor_catalogue.write_fragments(Path(app.srcdir))
    generate_schema_reference(app)
    generate_rule_catalogue(app)
    generate_cli_reference(app)


def site_path_of(schema_id: str) -> str:
    """Where a schema is served on the site: the path part of its ``$id``."""
    return urlparse(schema_id).path.lstrip("/")


def publish_schemas(app: Sphinx, exception: Exception | None) -> None:
    """Copy each published schema to the site path of its ``$id`` (HTML builds only).

    Every version under ``schemas/`` is copied, not only the current one: a released ``$id``
    must keep resolving after the next schema version is published.
    """
    if exception is not None or app.builder.format != "html":
        return
    from spocschema import schemas

    for path in sorted(schemas.published_schema_dir().glob("*/*.schema.json")):
        schema_id = json.loads(path.read_text(encoding="utf-8")).get("$id")
        if not isinstance(schema_id, str) or not schema_id.startswith(schemas.BASE_URI):
            logger.warning("%s: $id %r is not under %s", path, schema_id, schemas.BASE_URI)
            continue
        target = Path(app.outdir) / site_path_of(schema_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        logger.info("published %s at %s", path.name, target.relative_to(app.outdir))
    catalog = schemas.catalog_path()
    if catalog.is_file():  # the SchemaStore catalogue, beside the version folders
        target = Path(app.outdir) / site_path_of(schemas.BASE_URI) / catalog.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(catalog, target)


def _annotated_summary(obj: Any) -> str | None:
    """``Annotated[str, ...]`` aliases as their base type and the JSON Schema they produce."""
    if typing.get_origin(obj) is not typing.Annotated:
        return None
    base = typing.get_args(obj)[0]
    base_name = getattr(base, "__name__", None) or str(base).replace("typing.", "")
    try:
        from pydantic import TypeAdapter

        schema = TypeAdapter(obj).json_schema()
    except Exception:  # generic aliases (Maybe[T]) have no schema of their own
        return f"A constrained {base_name}."
    schema.pop("description", None)
    return f"A constrained {base_name}; JSON Schema: {json.dumps(schema, ensure_ascii=False)}"


def tidy_type_aliases(app: Sphinx, doctree: nodes.document) -> None:
    """Replace autodoc's "alias of Annotated[...]" with the alias's base type and JSON Schema.

    autodoc renders pydantic's ``Annotated`` metadata as the ``repr`` of validator objects:
    unreadable, with memory addresses that change at every build, and full of references to
    private helpers. What a reader needs is the base type and the constraints, which is what
    the alias turns into in a published schema.
    """
    for desc in doctree.findall(addnodes.desc):
        if desc.get("domain") != "py" or desc.get("objtype") not in {"data", "attribute"}:
            continue
        for signature in desc.findall(addnodes.desc_signature):
            module_name, fullname = signature.get("module"), signature.get("fullname")
            if not module_name or not str(module_name).startswith("spocschema"):
                continue
            try:
                obj: Any = import_module(module_name)
                for part in str(fullname).split("."):
                    obj = getattr(obj, part)
            except (ImportError, AttributeError):
                continue
            summary = _annotated_summary(obj)
            if summary is None:
                continue
            for paragraph in list(desc.findall(nodes.paragraph)):
                if paragraph.astext().startswith("alias of"):
                    paragraph.replace_self(nodes.paragraph(text=summary))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", on_builder_inited)
    app.connect("doctree-read", tidy_type_aliases)
    app.connect("build-finished", publish_schemas)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
