"""The page generators of the documentation (``docs/_ext``), tested without Sphinx.

They decide what a reader of the rule catalogue and the schema reference sees, so their
details are tested here directly: the walk over every field of a schema, where an example comes
from, how a legal reference is linked, and the refusal to document a rule whose examples
contradict it.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from docs_blocks import DOCS

sys.path.insert(0, str(DOCS / "_ext"))

import docgen_text
import example_documents
import rule_catalogue
import schema_reference

SCHEMA: dict[str, Any] = {
    "$id": "https://example.org/schemas/1.0/sample.schema.json",
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "description": "A sample.",
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 300, "pattern": "\\S"},
        "kind": {"$ref": "#/$defs/Kind", "$comment": "legal_basis: Art 13(2)"},
        "units": {"type": "array", "items": {"$ref": "#/$defs/Unit"}},
        "limits": {"$ref": "#/$defs/Limits"},
    },
    "$defs": {
        "Kind": {"type": "string", "enum": ["a", "b"], "description": "Kinds.\n\n- `a`: A"},
        "Unit": {
            "type": "object",
            "required": ["included"],
            "properties": {
                "included": {"type": "boolean", "description": "Included. Legal basis: Art 15(2)."},
                "note": {"type": "string"},
            },
        },
        "Limits": {
            "type": "object",
            "properties": {"urgent": {"type": "string", "examples": ["PT8H"]}},
        },
    },
}


def test_fields_are_walked_depth_first_with_array_steps() -> None:
    paths = [(f.path, f.required) for f in schema_reference.iter_fields(SCHEMA)]
    assert paths == [
        ("name", True),
        ("kind", False),
        ("units", False),
        ("units[].included", True),
        ("units[].note", False),
        ("limits", False),
        ("limits.urgent", False),
    ]


def test_recursive_definitions_do_not_loop() -> None:
    schema = {
        "properties": {"node": {"$ref": "#/$defs/Node"}},
        "$defs": {"Node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/Node"}}}},
    }
    assert [f.path for f in schema_reference.iter_fields(schema)] == ["node", "node.child"]


def test_examples_come_from_schema_then_documents_then_derivation() -> None:
    fields = {f.path: f for f in schema_reference.iter_fields(SCHEMA)}
    documents = [("one.json", {"units": [{"included": False}, {"note": "second item"}]})]

    urgent = schema_reference.find_example(SCHEMA, fields["limits.urgent"], documents)
    assert urgent == schema_reference.Example("PT8H", "from the schema")
    note = schema_reference.find_example(SCHEMA, fields["units[].note"], documents)
    assert note == schema_reference.Example("second item", "from `one.json`")
    kind = schema_reference.find_example(SCHEMA, fields["kind"], [])
    assert kind == schema_reference.Example("a", "derived from the schema")
    assert schema_reference.find_example(SCHEMA, fields["name"], []) is None


def test_embedded_parts_find_examples_in_documents_of_other_types() -> None:
    schema = {"properties": {"members": {"type": "array", "items": {"$ref": "#/$defs/M"}}},
              "$defs": {"M": {"type": "object", "properties": {
                  "report": {"type": "object", "properties": {"findings": {
                      "type": "array", "items": {"type": "object", "properties": {
                          "line": {"type": "integer"}}}}}}}}}}  # fmt: skip
    field = next(f for f in schema_reference.iter_fields(schema) if f.path.endswith(".line"))
    assert field.path == "members[].report.findings[].line"
    report = [("a report", {"findings": [{"line": 7}]})]
    found = schema_reference.find_example(schema, field, [], report)
    assert found == schema_reference.Example(7, "from `a report`")
    unrelated = [("other", {"line": 3})]  # one step is too short to be the same part
    assert schema_reference.find_example(schema, field, [], unrelated) == (
        schema_reference.Example(1, "derived from the schema")
    )


def test_field_entry_carries_type_constraints_and_linked_legal_basis() -> None:
    fields = {f.path: f for f in schema_reference.iter_fields(SCHEMA)}
    kind = schema_reference.render_field(SCHEMA, fields["kind"], "sample", [])
    assert "(schema-sample-kind)=" in kind
    assert "[`Kind`](#schema-sample-code-list-kind)" in kind
    assert "[Art 13(2)](http://data.europa.eu/eli/dir/2023/977/art_13/oj)" in kind
    name = schema_reference.render_field(SCHEMA, fields["name"], "sample", [])
    assert "not blank" in name and "at most 300 characters" in name
    assert "- **Required**: yes" in name
    included = schema_reference.render_field(SCHEMA, fields["units[].included"], "sample", [])
    assert "Legal basis: Art 15(2)" not in included  # the sentence is not repeated
    assert included.startswith("(schema-sample-units-included)=\n#### `units[].included`")


def test_page_lists_every_field_and_code_list() -> None:
    page = schema_reference.render_page(SCHEMA, "sample", "Sample", "sample.json", [])
    for path in ("name", "kind", "units[].included", "units[].note", "limits.urgent"):
        assert f"`{path}`" in page
    assert "(schema-sample-code-list-kind)=" in page
    assert "every one listed below" in page


def test_legal_links_point_to_the_directive_only_for_its_articles() -> None:
    assert docgen_text.legal_link("Art 14(1)") == (
        "[Art 14(1)](http://data.europa.eu/eli/dir/2023/977/art_14/oj) of Directive (EU) 2023/977"
    )
    assert docgen_text.legal_link("Art 5(1)", short=True) == (
        "[Art 5(1)](http://data.europa.eu/eli/dir/2023/977/art_5/oj)"
    )
    assert docgen_text.legal_link("G-ONESTOP") == "G-ONESTOP"
    assert docgen_text.legal_links(["Art 2(6)", "G-NET-2019"]).count("](") == 1


def test_markdown_escaping() -> None:
    assert docgen_text.table_cell("a | b\nc") == "a \\| b c"
    assert docgen_text.code("uses `x`") == "`` uses `x` ``"
    assert docgen_text.fenced("```\ninner\n```", "text").startswith("````text\n")


def test_pointers_become_schema_reference_paths() -> None:
    assert rule_catalogue.pointer_to_path("/organisation/composition/1/included") == (
        "organisation.composition[].included"
    )
    assert rule_catalogue.pointer_to_path("") == ""
    assert rule_catalogue.pointer_to_path("/a~1b/c~0d") == "a/b.c~d"


def _run(status: str, expected: str, findings: int) -> rule_catalogue.ExampleRun:
    finding = {"rule_id": "X-1", "severity": "error", "pointer": "", "message": "m"}
    return rule_catalogue.ExampleRun({}, "2026-11-01", expected, status, [finding] * findings)


def test_examples_that_contradict_their_rule_stop_the_build() -> None:
    rule_catalogue.check_case("X-1", "failing", _run("not_met", "not_met", 1))
    rule_catalogue.check_case("X-1", "passing", _run("met", "met", 0))
    with pytest.raises(rule_catalogue.CatalogueError, match="gives status 'met', not 'not_met'"):
        rule_catalogue.check_case("X-1", "failing", _run("met", "not_met", 0))
    with pytest.raises(rule_catalogue.CatalogueError, match="failing example produces no"):
        rule_catalogue.check_case("X-1", "failing", _run("not_met", "not_met", 0))
    with pytest.raises(rule_catalogue.CatalogueError, match="passing example produces a"):
        rule_catalogue.check_case("X-1", "passing", _run("met", "met", 1))


def test_a_registered_rule_renders_with_its_checked_cases() -> None:
    """The real registry: a rule's page names its ID, legal basis link and both examples."""
    from spocschema.rules import rules_as_json
    from spocschema.rules.cases import export

    data = rules_as_json()
    cases = export()
    base = rule_catalogue._load_json(DOCS.parent / cases["base"])
    rule = data["rules"][0]
    runs = {
        case["kind"]: rule_catalogue.run_case(case, base)
        for case in cases["cases"]
        if case["rule_id"] == rule["id"]
    }
    provision = {p["citation"]: p for p in data["provisions"]}[rule["provision"]]
    page = rule_catalogue.render_rule(
        rule, provision, runs["failing"], runs["passing"], {}, cases["base"]
    )
    assert page.startswith(f"({rule_catalogue.rule_label(rule['id'])})=\n# {rule['id']}: ")
    assert docgen_text.DIRECTIVE_ELI in page
    assert "## Failing example" in page and "The checker reports:" in page
    assert f"Provision status: `{runs['failing'].expected}`." in page
    assert "The checker reports no finding for this rule." in page
    coverage = rule_catalogue.render_coverage(data)
    for citation in data["coverage"]:
        assert docgen_text.table_cell(docgen_text.legal_link(citation, short=True)) in coverage


#: Fields of schema 1.1 that no bundled example produces yet: a finding's ``interpretation``
#: appears once a rule resting on the project's reading fails on a bundled example.
AWAITING_EXAMPLE = {
    "report: findings[].interpretation",
    "network-report: members[].report.findings[].interpretation",
}


def test_every_published_field_has_a_real_example() -> None:
    """Examples come from real documents (files or library output), never derived, for every
    field of every published schema, so the schema reference shows real values."""
    from spocschema import schemas

    lacking = []
    everything = example_documents.all_documents(DOCS.parent)
    for name in schemas.DOCUMENT_TYPES:
        schema = schemas.load(name)
        documents, related = everything[name], example_documents.related(everything, name)
        for field in schema_reference.iter_fields(schema):
            example = schema_reference.find_example(schema, field, documents, related)
            if example is None or example.origin.startswith("derived"):
                lacking.append(f"{name}: {field.path}")
    assert sorted(set(lacking) - AWAITING_EXAMPLE) == [], f"fields without an example: {lacking}"
    # An entry is removed as soon as a real document shows the field.
    assert sorted(AWAITING_EXAMPLE - set(lacking)) == []


def test_the_command_guide_lists_every_subcommand_from_the_parser() -> None:
    import cli_reference

    from spocschema.cli import SUBCOMMANDS

    table = cli_reference.render_commands()
    for name in SUBCOMMANDS:
        assert f"`spocschema {name}" in table, name
    assert "`spocschema stats build EXPORT`" in table  # nested subcommands get a row each
    assert "`spocschema validate FILE...`" in table
    guide = (DOCS / "cli.md").read_text("utf-8")
    assert f"cli-help/{cli_reference.COMMANDS_FILE}" in guide
    assert "| `spocschema validate" not in guide  # no hand-written copy of the table
