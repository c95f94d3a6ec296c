"""The published JSON Schemas: generated from the models, committed, and resolved offline.

The models are the single source of truth. ``generate`` turns a model into a Draft 2020-12
schema that strict third-party validators accept (ajv in strict mode: no unknown keywords, so
legal references travel in ``$comment``); ``generate_editor`` turns that same schema into the
*editor variant*, a draft-07 schema with hover text and enum descriptions for editors whose
language servers stop at draft-07 (see ``spocschema.editor_schemas``). ``write_all`` and
``check_all`` keep the committed files under ``schemas/<version>/`` (and the SchemaStore
catalogue ``schemas/catalog.json``) identical to what the models produce. ``registry`` serves
those committed files to ``referencing`` so every ``$id`` resolves without the network.

Earlier schema versions (``FROZEN_VERSIONS``) stay committed and resolvable byte for byte but
are never regenerated: the models have moved on, additively, and accept their documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from importlib import import_module, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel
    from referencing import Registry

#: Version of the published document schemas (MAJOR.MINOR; see docs on versioning).
SCHEMA_VERSION = "1.1"

#: Every schema version ever published, oldest first. Only the last is generated from the
#: models; the others are frozen files, served as committed so that every ``$id`` they
#: define keeps resolving.
SCHEMA_VERSIONS = ("1.0", "1.1")

#: Earlier versions, published before and kept as they were: served, never regenerated.
FROZEN_VERSIONS: tuple[str, ...] = SCHEMA_VERSIONS[:-1]

#: The marker that tells an editor variant's file name and ``$id`` from the 2020-12 schema.
EDITOR_MARKER = "editor"

#: File name of the schema catalogue (SchemaStore format) beside the version directories.
CATALOG_FILENAME = "catalog.json"

#: Every published version (frozen ones and the current one).
PUBLISHED_VERSIONS: tuple[str, ...] = SCHEMA_VERSIONS

#: Where the published schemas live; the documentation site serves them at these paths.
BASE_URI = "https://spocschema.readthedocs.io/schemas/"

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


@dataclass(frozen=True)
class DocumentType:
    """A kind of published document: its schema file name and the model that defines it.

    ``file_match`` lists the file-name globs an editor associates with the document type
    (the SchemaStore ``fileMatch`` convention); a document type without one is still
    published, but no editor picks it up by its name alone.
    """

    name: str
    model_path: str
    title: str
    file_match: tuple[str, ...] = ()
    #: The schema release the document type's current schema belongs to (its folder and
    #: ``$id``); a type new in a later release starts there, and 1.0 files stay untouched.
    version: str = SCHEMA_VERSION

    @property
    def filename(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def editor_filename(self) -> str:
        return f"{self.name}.{EDITOR_MARKER}.schema.json"

    @property
    def schema_id(self) -> str:
        return f"{BASE_URI}{self.version}/{self.filename}"

    @property
    def editor_schema_id(self) -> str:
        return f"{BASE_URI}{SCHEMA_VERSION}/{self.editor_filename}"

    def model(self) -> type[BaseModel]:
        module_name, _, attribute = self.model_path.partition(":")
        model: type[BaseModel] = getattr(import_module(module_name), attribute)
        return model


def _named(*stems: str) -> tuple[str, ...]:
    """File-name globs of a document in YAML or JSON: ``stem.yaml``, ``.yml``, ``.json``."""
    return tuple(f"{stem}.{suffix}" for stem in stems for suffix in ("yaml", "yml", "json"))


#: Every published document type. Later document types register here and nowhere else.
DOCUMENT_TYPES: dict[str, DocumentType] = {
    doc.name: doc
    for doc in (
        DocumentType(
            "spoc-profile",
            "spocschema.models.profile:SpocProfile",
            "SPOC profile",
            file_match=_named("*.spoc", "spoc-profile", "*.spoc-profile"),
        ),
        DocumentType(
            "report",
            "spocschema.report:Report",
            "spocschema check report",
            file_match=_named("*.spoc-report", "spoc-report"),
        ),
        DocumentType(
            "information-request",
            "spocschema.models.request:InformationRequest",
            "Request for information between SPOCs",
            file_match=_named("*.spoc-request"),
        ),
        DocumentType(
            "exchange-record",
            "spocschema.models.statistics:ExchangeRecord",
            "Exchange record (one handled request, CMS export)",
            file_match=_named("*.spoc-exchange"),
        ),
        DocumentType(
            "annual-statistics",
            "spocschema.models.statistics:AnnualStatistics",
            "Annual statistics on information exchange (Art 18)",
            file_match=_named("*.spoc-statistics"),
        ),
        DocumentType(
            "waivers",
            "spocschema.waivers:WaiverDocument",
            "spocschema waivers",
            file_match=_named("spoc-waivers", "*.spoc-waivers"),
        ),
        DocumentType(
            "network-report",
            "spocschema.network.models:NetworkReport",
            "spocschema network report",
            file_match=_named("*.spoc-network"),
        ),
        DocumentType(
            "network-directory",
            "spocschema.network.directory:NetworkDirectory",
            "spocschema network directory",
            file_match=_named("*.spoc-directory", "spoc-directory"),
        ),
        DocumentType(
            "profile-diff",
            "spocschema.diff:ProfileDiff",
            "spocschema profile diff",
            file_match=_named("*.spoc-diff"),
        ),
        DocumentType(
            "column-mapping",
            "spocschema.models.column_mapping:ColumnMapping",
            "Column mapping of a CMS table export (CSV or Excel)",
            file_match=_named("*.spoc-mapping", "spoc-mapping"),
        ),
        DocumentType(
            "network-statistics",
            "spocschema.statistics_network.models:NetworkStatistics",
            "spocschema network statistics (Art 18(3) compilation)",
            file_match=_named("*.spoc-network-statistics"),
        ),
        DocumentType(
            "profile-history",
            "spocschema.history:ProfileHistory",
            "spocschema profile history",
            file_match=_named("*.spoc-history"),
        ),
    )
}


def document_type(name: str) -> DocumentType:
    """Look up a document type by name, with the known names in the error."""
    try:
        return DOCUMENT_TYPES[name]
    except KeyError:
        known = ", ".join(sorted(DOCUMENT_TYPES))
        raise KeyError(f"unknown document type {name!r}; known: {known}") from None


def _humanise(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


def _generator() -> type[Any]:
    from pydantic.json_schema import GenerateJsonSchema

    class SpocJsonSchema(GenerateJsonSchema):
        """Pydantic's generator, adjusted to the published conventions.

        Optional facts are "key absent", never ``null``; every property has a title.
        """

        def nullable_schema(self, schema: Any) -> Any:
            return self.generate_inner(schema["schema"])

        def field_title_should_be_set(self, schema: Any) -> bool:
            return True

    return SpocJsonSchema


def _tidy(node: Any) -> Any:
    """Drop ``default: null`` left by optional fields and give every property a title."""
    if isinstance(node, dict):
        if node.get("default", 0) is None:
            del node["default"]
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, sub in properties.items():
                if isinstance(sub, dict) and "title" not in sub:
                    sub["title"] = _humanise(key.lstrip("$"))
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)
    return node


def generate(name: str) -> dict[str, Any]:
    """Generate the schema of one document type from its model."""
    doc = document_type(name)
    model = doc.model()
    schema: dict[str, Any] = model.model_json_schema(
        by_alias=True, mode="validation", schema_generator=_generator()
    )
    schema = _tidy(schema)
    head = {
        "$schema": DRAFT_2020_12,
        "$id": doc.schema_id,
        "title": doc.title,
    }
    description = schema.pop("description", "")
    ordered = {**head, "description": " ".join(description.split()), **schema}
    ordered["title"] = doc.title
    return ordered


def generate_editor(name: str) -> dict[str, Any]:
    """Generate the editor variant (draft-07, with hover text) of one document type's schema."""
    from spocschema.editor_schemas import to_editor_schema

    doc = document_type(name)
    return to_editor_schema(generate(name), schema_id=doc.editor_schema_id, model=doc.model())


def catalog() -> dict[str, Any]:
    """The schema catalogue, in the SchemaStore format, of every editor schema.

    Editors (and SchemaStore itself) read it to pick a schema by file name; each entry points
    at the editor variant, the one every YAML language server can use.
    """
    from spocschema.editor_schemas import catalog_entry

    return {
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1,
        "schemas": [catalog_entry(doc) for doc in DOCUMENT_TYPES.values() if doc.file_match],
    }


def dumps(schema: dict[str, Any]) -> str:
    """Canonical text of a schema file: two-space indent, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def source_schema_dir() -> Path:
    """The ``schemas/`` directory of a source checkout (where ``write_all`` writes)."""
    return Path(__file__).resolve().parents[2] / "schemas"


def published_schema_dir() -> Path:
    """Where the installed package finds its published schemas.

    A wheel carries them inside the package; an editable install reads the checkout's copy.
    """
    packaged = resources.files("spocschema") / "_published_schemas"
    if packaged.is_dir():
        return Path(str(packaged))
    return source_schema_dir()


def schema_path(
    name: str, root: Path | None = None, *, editor: bool = False, version: str | None = None
) -> Path:
    """The committed file of a document type's schema (or of its editor variant)."""
    base = published_schema_dir() if root is None else root
    doc = document_type(name)
    return base / (version or doc.version) / (doc.editor_filename if editor else doc.filename)


def catalog_path(root: Path | None = None) -> Path:
    """The committed schema catalogue."""
    return (published_schema_dir() if root is None else root) / CATALOG_FILENAME


def _generated(base: Path) -> Iterator[tuple[Path, Callable[[], dict[str, Any]]]]:
    """Every generated file of the current version, with the function that makes its text."""
    for name in DOCUMENT_TYPES:
        yield schema_path(name, base), partial(generate, name)
        yield schema_path(name, base, editor=True), partial(generate_editor, name)
    yield catalog_path(base), catalog


def write_all(root: Path | None = None) -> list[Path]:
    """Regenerate every published schema file of the current version; returns those written.

    Without ``root`` this writes into the source checkout, the only place where regenerated
    schemas can be committed; an installed package refuses rather than editing site-packages.
    Frozen versions are never regenerated; an export to ``root`` copies them as committed, so
    the export holds every published ``$id``.
    """
    if root is None:
        if not (source_schema_dir().parent / "pyproject.toml").is_file():
            from spocschema.errors import SpocSchemaError

            raise SpocSchemaError("not a source checkout: pass a directory to export to")
        base = source_schema_dir()
    else:
        base = root
    written = []
    for version in FROZEN_VERSIONS if root is not None else ():
        for source in sorted((published_schema_dir() / version).glob("*.schema.json")):
            target = base / version / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            written.append(target)
    for path, make in _generated(base):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(make()), encoding="utf-8")
        written.append(path)
    return written


def check_all(root: Path | None = None) -> list[str]:
    """Compare the committed schemas with the models; returns one message per drifted file."""
    problems = []
    for path, make in _generated(published_schema_dir() if root is None else root):
        if not path.is_file():
            problems.append(f"{path}: missing; run `spocschema schema --write`")
        elif path.read_text(encoding="utf-8") != dumps(make()):
            problems.append(f"{path}: differs from the models; run `spocschema schema --write`")
    return problems


@cache
def load(name: str, *, editor: bool = False, version: str | None = None) -> dict[str, Any]:
    """A published schema of a document type, as committed (never regenerated at run time)."""
    text = schema_path(name, editor=editor, version=version).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def iter_published() -> Iterator[dict[str, Any]]:
    """Every published schema of this release: each version, 2020-12 and editor variants."""
    base = published_schema_dir()
    for version in (*FROZEN_VERSIONS, SCHEMA_VERSION):
        for path in sorted((base / version).glob("*.schema.json")):
            schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            yield schema


@cache
def registry() -> Registry:
    """A ``referencing`` registry holding every published schema (all versions) under its
    ``$id``; offline."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources_ = [
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in iter_published()
    ]
    return Registry().with_resources(resources_).crawl()


def validator_for(name: str, *, editor: bool = False) -> Any:
    """A jsonschema validator for a document type, with format checking.

    Draft 2020-12 for the published schema; draft-07 for its editor variant.
    """
    from jsonschema import Draft7Validator, Draft202012Validator

    schema = load(name, editor=editor)
    cls = Draft7Validator if editor else Draft202012Validator
    return cls(schema, registry=registry(), format_checker=cls.FORMAT_CHECKER)
