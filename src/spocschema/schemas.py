"""The published JSON Schemas: generated from the models, committed, and resolved offline.

The models are the single source of truth. ``generate`` turns a model into a Draft 2020-12
schema that strict third-party validators accept (ajv in strict mode: no unknown keywords, so
legal references travel in ``$comment``); ``write_all`` and ``check_all`` keep the committed
files under ``schemas/<version>/`` identical to what the models produce. ``registry`` serves
those committed files to ``referencing`` so every ``$id`` resolves without the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel
    from referencing import Registry

#: Version of the document schemas this release generates (MAJOR.MINOR; see docs on
#: versioning). 1.1 is additive: every 1.0 document is valid under it.
SCHEMA_VERSION = "1.1"

#: Every schema version ever published, oldest first. Only the last is generated from the
#: models; the others are frozen files, served as committed so that every ``$id`` they
#: define keeps resolving.
SCHEMA_VERSIONS = ("1.0", "1.1")

#: Where the published schemas live; the documentation site serves them at these paths.
BASE_URI = "https://spocschema.readthedocs.io/schemas/"

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class DocumentType:
    """A kind of published document: its schema file name and the model that defines it."""

    name: str
    model_path: str
    title: str
    #: The schema release the document type's current schema belongs to (its folder and
    #: ``$id``); a type new in a later release starts there, and 1.0 files stay untouched.
    version: str = SCHEMA_VERSION

    @property
    def filename(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def schema_id(self) -> str:
        return f"{BASE_URI}{self.version}/{self.filename}"

    def model(self) -> type[BaseModel]:
        module_name, _, attribute = self.model_path.partition(":")
        model: type[BaseModel] = getattr(import_module(module_name), attribute)
        return model


#: Every published document type. Later document types register here and nowhere else.
DOCUMENT_TYPES: dict[str, DocumentType] = {
    doc.name: doc
    for doc in (
        DocumentType(
            "spoc-profile",
            "spocschema.models.profile:SpocProfile",
            "SPOC profile",
        ),
        DocumentType("report", "spocschema.report:Report", "spocschema check report"),
        DocumentType(
            "information-request",
            "spocschema.models.request:InformationRequest",
            "Request for information between SPOCs",
        ),
        DocumentType(
            "exchange-record",
            "spocschema.models.statistics:ExchangeRecord",
            "Exchange record (one handled request, CMS export)",
        ),
        DocumentType(
            "annual-statistics",
            "spocschema.models.statistics:AnnualStatistics",
            "Annual statistics on information exchange (Art 18)",
        ),
        DocumentType("waivers", "spocschema.waivers:WaiverDocument", "spocschema waivers"),
        DocumentType(
            "network-report",
            "spocschema.network.models:NetworkReport",
            "spocschema network report",
        ),
        DocumentType(
            "network-directory",
            "spocschema.network.directory:NetworkDirectory",
            "spocschema network directory",
        ),
        DocumentType("profile-diff", "spocschema.diff:ProfileDiff", "spocschema profile diff"),
        DocumentType(
            "column-mapping",
            "spocschema.models.column_mapping:ColumnMapping",
            "Column mapping of a CMS table export (CSV or Excel)",
            version="1.1",
        ),
        DocumentType(
            "network-statistics",
            "spocschema.statistics_network.models:NetworkStatistics",
            "spocschema network statistics (Art 18(3) compilation)",
        ),
        DocumentType(
            "profile-history", "spocschema.history:ProfileHistory", "spocschema profile history"
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


def schema_path(name: str, root: Path | None = None, version: str | None = None) -> Path:
    """The committed file of a document type's schema (default: the current version)."""
    base = published_schema_dir() if root is None else root
    return base / (version or document_type(name).version) / document_type(name).filename


def write_all(root: Path | None = None) -> list[Path]:
    """Regenerate the current version's schema files; returns the files written.

    Without ``root`` this writes into the source checkout, the only place where regenerated
    schemas can be committed; an installed package refuses rather than editing site-packages.
    Frozen versions are never regenerated; an export to ``root`` copies them as published.
    """
    if root is None:
        if not (source_schema_dir().parent / "pyproject.toml").is_file():
            from spocschema.errors import SpocSchemaError

            raise SpocSchemaError("not a source checkout: pass a directory to export to")
        base = source_schema_dir()
    else:
        base = root
    written = []
    for name in DOCUMENT_TYPES:
        path = schema_path(name, base)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(generate(name)), encoding="utf-8")
        written.append(path)
    if root is not None:  # an export carries the frozen versions as published, byte for byte
        for version in SCHEMA_VERSIONS[:-1]:
            for name in DOCUMENT_TYPES:
                frozen = schema_path(name, version=version)
                if frozen.is_file():
                    path = base / version / frozen.name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(frozen.read_bytes())
                    written.append(path)
    return written


def check_all(root: Path | None = None) -> list[str]:
    """Compare the committed schemas with the models; returns one message per drifted file."""
    problems = []
    for name in DOCUMENT_TYPES:
        path = schema_path(name, root)
        expected = dumps(generate(name))
        if not path.is_file():
            problems.append(f"{path}: missing; run `spocschema schema --write`")
        elif path.read_text(encoding="utf-8") != expected:
            problems.append(f"{path}: differs from the models; run `spocschema schema --write`")
    return problems


@cache
def load(name: str, version: str | None = None) -> dict[str, Any]:
    """The published schema of a document type, as committed (never regenerated at run time).

    ``version`` picks an earlier published version (default: the current one).
    """
    text = schema_path(name, version=version).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def iter_published() -> Iterator[dict[str, Any]]:
    """Every published schema of every version, so each ``$id`` ever released resolves."""
    for version in SCHEMA_VERSIONS:
        for name in DOCUMENT_TYPES:
            if schema_path(name, version=version).is_file():
                yield load(name, None if version == SCHEMA_VERSION else version)


@cache
def registry() -> Registry:
    """A ``referencing`` registry holding every published schema under its ``$id``; offline.

    Earlier minor versions are registered too, so a document whose ``$schema`` names a 1.0
    schema still resolves.
    """
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources_ = [
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in iter_published()
    ]
    return Registry().with_resources(resources_).crawl()


def validator_for(name: str) -> Any:
    """A jsonschema Draft 2020-12 validator for a document type, with format checking."""
    from jsonschema import Draft202012Validator

    schema = load(name)
    return Draft202012Validator(
        schema,
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
