"""The documentation site builds without a warning and is complete.

Builds the site once, into a temporary directory, with warnings as errors and nitpicky
references, exactly as CI does; then checks what the issue asks of it: a page for every rule of
the registry, every provision in the coverage matrix, every field of every published schema in
the schema reference, and every schema served at the path of its ``$id``.

The field list is computed here independently of the docs generator (a second, simpler walk of
the schema), so a generator bug that drops fields cannot hide itself.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from docs_blocks import DOCS, ROOT

_MISSING = [
    name for name in ("sphinx", "myst_parser", "furo") if importlib.util.find_spec(name) is None
]
pytestmark = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"documentation tools not installed ({', '.join(_MISSING)}); "
    "install them with: pip install -e '.[docs]'",
)


class _Text(HTMLParser):
    """The visible text of an HTML page (what a reader can search for)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _read_html(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-b",
            "html",
            "-d",
            str(out / ".doctrees"),
            str(DOCS),
            str(out / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"sphinx build failed:\n{result.stdout}\n{result.stderr}"
    return out / "html"


def _field_paths(schema: dict[str, Any]) -> Iterator[str]:
    """Dotted paths of every property, arrays of objects written ``name[]``."""

    def target(node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref", "")
        return schema["$defs"][ref.split("/")[-1]] if ref.startswith("#/$defs/") else node

    def walk(node: dict[str, Any], prefix: str, seen: frozenset[str]) -> Iterator[str]:
        for name, prop in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            yield path
            inner, suffix = target(prop), ""
            if "items" in inner:
                inner, suffix = target(inner["items"]), "[]"
            ref = json.dumps(inner, sort_keys=True)
            if "properties" in inner and ref not in seen:
                yield from walk(inner, path + suffix, seen | {ref})

    yield from walk(schema, "", frozenset())


def test_every_rule_has_its_page(site: Path) -> None:
    from spocschema.rules import all_rules

    rules = all_rules()
    assert rules
    for rule in rules:
        page = site / "rules" / f"{rule.id}.html"
        assert page.is_file(), f"no page for {rule.id}"
        text = " ".join(_read_html(page).parts)
        assert rule.id in text and rule.title in text
        html = page.read_text(encoding="utf-8")
        if any(ref.eli for ref in rule.legal_basis):
            assert "http://data.europa.eu/eli/dir/2023/977/oj" in html
        for heading in ("Why", "Legal basis", "Failing example", "Passing example", "How to fix"):
            assert heading in text, f"{rule.id}: no {heading!r} section"


def test_catalogue_lists_every_rule_and_the_coverage_matrix(site: Path) -> None:
    from spocschema.rules import all_rules, coverage

    index = " ".join(_read_html(site / "rules" / "index.html").parts)
    matrix = " ".join(_read_html(site / "rules" / "coverage.html").parts)
    for rule in all_rules():
        assert rule.id in index
    for provision, rule_ids in coverage().items():
        assert provision in matrix, f"provision {provision} missing from the coverage matrix"
        for rule_id in rule_ids:
            assert rule_id in matrix


def test_request_and_statistics_rules_are_catalogued(site: Path) -> None:
    from spocschema.request_check import REQUEST_RULES
    from spocschema.statistics_check import STATISTICS_RULES

    page = _read_html(site / "rules" / "exchange.html")
    text = " ".join(page.parts)
    matrix = " ".join(_read_html(site / "rules" / "coverage.html").parts)
    rules = [*REQUEST_RULES.values(), *STATISTICS_RULES.values()]
    assert rules
    for rule in rules:
        assert f"rule-{rule.rule_id.lower()}" in page.ids and rule.title in text
        assert rule.rule_id in matrix


def test_every_schema_field_is_in_the_schema_reference(site: Path) -> None:
    from spocschema import schemas

    for name in schemas.DOCUMENT_TYPES:
        schema = schemas.load(name)
        page = site / "schema" / f"{name}.html"
        assert page.is_file(), f"no reference page for {name}"
        text = set(_read_html(page).parts)
        paths = list(_field_paths(schema))
        assert paths
        missing = [path for path in paths if path not in text]
        assert not missing, f"{name}: fields missing from the schema reference: {missing}"


def test_schemas_are_served_at_their_ids(site: Path) -> None:
    from spocschema import schemas

    for name in schemas.DOCUMENT_TYPES:
        schema = schemas.load(name)
        served = site / urlparse(schema["$id"]).path.lstrip("/")
        assert served.is_file(), f"{schema['$id']} is not served by the site"
        assert json.loads(served.read_text(encoding="utf-8")) == schema


def test_editor_schemas_and_catalogue_are_served_and_their_rule_links_resolve(
    site: Path,
) -> None:
    import re

    from spocschema import schemas
    from spocschema.editor_schemas import SITE_URI

    catalog = json.loads((site / "schemas" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog == schemas.catalog()
    for name in schemas.DOCUMENT_TYPES:
        schema = schemas.load(name, editor=True)
        served = site / urlparse(schema["$id"]).path.lstrip("/")
        assert json.loads(served.read_text(encoding="utf-8")) == schema
        for url in set(re.findall(r"\]\((https://[^)]+)\)", json.dumps(schema))):
            page, _, anchor = url.removeprefix(SITE_URI).partition("#")
            html = (site / page).read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in html, url
    editor = " ".join(_read_html(site / "editor.html").parts)
    assert "*.spoc.yaml" in editor and "src/api/json/catalog.json" in editor


def test_guides_and_reference_pages_exist(site: Path) -> None:
    for page in (
        "overview",
        "quickstart/developers",
        "quickstart/profile",
        "quickstart/ci",
        "editor",
        "concepts/index",
        "api",
        "cli",
        "cli-help/index",
        "ci-recipes",
        "versioning",
        "changelog",
    ):
        assert (site / f"{page}.html").is_file(), f"{page} was not built"
    api = " ".join(_read_html(site / "api.html").parts)
    assert "load_profile" in api and "SpocProfile" in api and "check" in api


def test_command_line_reference_covers_every_subcommand(site: Path) -> None:
    from spocschema.cli import SUBCOMMANDS

    page = _read_html(site / "cli-help" / "index.html")
    text = " ".join(page.parts)
    for name in SUBCOMMANDS:
        assert f"cli-{name}" in page.ids, f"no section for `spocschema {name}`"
        assert f"usage: spocschema {name}" in text
