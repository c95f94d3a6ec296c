"""Published text cites public sources only, and states plainly what is not yet verified.

Readers of the schemas, the template, the rule pages and the reports have none of the project's
working material, so "seed 000" or "tagged [U] in the requirements catalogue" means nothing to
them; the public documents are the Council Conclusions of 7 October 2019 (doc 12825/19) and the
report of the October 2021 Heads-of-SPOC meeting.
"""

from __future__ import annotations

import re

import pytest

from cli_support import ROOT, run_cli
from spocschema import schemas

INTERNAL = re.compile(r"\bseed\b|\[U\]|requirements catalogue", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(schemas.DOCUMENT_TYPES))
def test_current_schemas_cite_public_sources(name: str) -> None:
    text = schemas.schema_path(name).read_text("utf-8")
    assert not INTERNAL.search(text), INTERNAL.search(text)


def test_template_and_explain_cite_public_sources(capsys: pytest.CaptureFixture[str]) -> None:
    template = run_cli(capsys, "init", "--full").out
    assert not INTERNAL.search(template)
    assert "Heads-of-SPOC meeting of October 2021" in template
    explained = run_cli(capsys, "explain", "SPOC-A-0033").out
    assert not INTERNAL.search(explained)
    assert "not yet verified against the Official Journal" in explained


def test_docs_pages_cite_public_sources() -> None:
    pages = [*ROOT.joinpath("docs").rglob("*.md"), ROOT / "README.md"]
    for page in pages:
        if "_build" in page.parts or page.name == "changelog.md":
            continue
        assert not INTERNAL.search(page.read_text("utf-8")), page


def test_frozen_schema_versions_stay_published() -> None:
    for version in schemas.FROZEN_VERSIONS:
        for name in schemas.DOCUMENT_TYPES:
            schema = schemas.load(name, version)
            assert schema["$id"] == f"{schemas.BASE_URI}{version}/{name}.schema.json"
            assert schemas.registry().get_or_retrieve(schema["$id"]).value.contents == schema
