"""Editor variants of the published schemas: draft-07, with hover text an editor can show.

The Red Hat YAML language server (VS Code, JetBrains, Neovim, Emacs) implements JSON Schema up
to draft-07 and ignores what it does not know, and editors read documentation from keywords
no validator defines. The published 2020-12 schemas are for validators (ajv in strict mode
refuses unknown keywords), so the editor variant is a second rendering of the *same* generated
schema, never a second source:

- ``$defs`` becomes draft-07's ``definitions`` and every ``$ref`` follows it; a ``$ref`` with
  validation keywords beside it (draft-07 ignores them) is wrapped in ``allOf``;
- every description gains a ``markdownDescription``: the text, the legal basis read from the
  schema's ``legal_basis`` comment, and links to the rule pages of the rules that check the
  provision;
- every closed list generated from a ``CodeEnum`` gains ``enumDescriptions`` and
  ``markdownEnumDescriptions`` (VS Code and the YAML language server both read them), one per
  code, with its meaning and provision.

Validation keywords are copied unchanged, so the editor variant accepts and refuses the same
documents as the published schema; ``tests/test_editor_schemas.py`` proves it on the examples
and on generated documents.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from spocschema.enums import CodeEnum
    from spocschema.schemas import DocumentType

#: Where the documentation site serves the rule pages (``docs/rules/<RULE-ID>.md``).
SITE_URI = "https://spocschema.readthedocs.io/"

#: Keywords that only annotate; beside a ``$ref`` they need no ``allOf`` wrapping.
_ANNOTATIONS = frozenset(
    {"title", "description", "markdownDescription", "$comment", "examples", "default"}
)

#: Keywords whose values are instances (data), never subschemas to rewrite.
_VALUES = frozenset({"enum", "const", "examples", "default", "required"})

#: The plain-text legal basis ``fact`` appends to a description; Markdown gets its own line.
_BASIS_SUFFIX = re.compile(r"\s*Legal basis: [^\n]*\.$")

_DEFS_PREFIX = "#/$defs/"
_DEFINITIONS_PREFIX = "#/definitions/"


def rule_page_url(rule_id: str, *, own_page: bool = True) -> str:
    """Where the documentation site describes a rule.

    Profile rules have a page each (``rules/<ID>.html``); request and statistics rules share
    ``rules/exchange.html``, one section each, anchored ``rule-<id in lower case>``.
    """
    if own_page:
        return f"{SITE_URI}rules/{rule_id}.html"
    return f"{SITE_URI}rules/exchange.html#rule-{rule_id.lower()}"


@cache
def _rules_by_document() -> dict[str, list[tuple[str, str, str]]]:
    """Every rule as (provision, ID, page URL), by the document type it checks."""
    from spocschema.rules import rules_as_json

    data = rules_as_json()
    found: dict[str, list[tuple[str, str, str]]] = {}
    for rule in data["rules"]:
        document = str(rule.get("document", "spoc-profile"))
        url = rule_page_url(rule["id"], own_page=document == "spoc-profile")
        found.setdefault(document, []).append((rule["provision"], rule["id"], url))
    return found


def _rules_for(document: str, references: list[str]) -> list[tuple[str, str]]:
    """(ID, URL) of the rules of the document type whose provision is a reference or in one."""
    chosen: dict[str, str] = {}
    for provision, rule_id, url in _rules_by_document().get(document, []):
        if any(provision == ref or provision.startswith(ref + "(") for ref in references):
            chosen.setdefault(rule_id, url)
    return sorted(chosen.items())


def _references(node: dict[str, Any]) -> list[str]:
    comment = node.get("$comment")
    if not isinstance(comment, str) or not comment.startswith("legal_basis: "):
        return []
    return [ref for ref in comment.removeprefix("legal_basis: ").split("; ") if ref]


def _markdown(node: dict[str, Any], document: str) -> str:
    references = _references(node)
    text = _BASIS_SUFFIX.sub("", str(node["description"]).strip()) if references else ""
    text = text or str(node["description"]).strip()
    if references:
        text += "\n\n**Legal basis:** " + "; ".join(references)
        rules = _rules_for(document, references)
        if rules:
            links = ", ".join(f"[{rule_id}]({url})" for rule_id, url in rules)
            text += f"\n\n**Checked by:** {links}"
    return text


def _code_enums(model: type[BaseModel]) -> dict[str, type[CodeEnum]]:
    """Every ``CodeEnum`` a model uses, by class name: the name of its ``$defs`` entry.

    Found from the model's own field types (never from every subclass in the process, where a
    test or a plug-in could define a namesake).
    """
    from typing import get_args

    from pydantic import BaseModel

    from spocschema.enums import CodeEnum

    found: dict[str, type[CodeEnum]] = {}
    seen: set[Any] = set()
    stack: list[Any] = [model]
    while stack:
        hint = stack.pop()
        if hint in seen:
            continue
        seen.add(hint)
        if isinstance(hint, type) and issubclass(hint, CodeEnum):
            found.setdefault(hint.__name__, hint)
        elif isinstance(hint, type) and issubclass(hint, BaseModel):
            stack.extend(info.annotation for info in hint.model_fields.values())
        else:
            stack.extend(get_args(hint))
    return found


def _enum_descriptions(node: dict[str, Any], cls: type[CodeEnum]) -> None:
    members = {member.value: member for member in cls}
    values = node.get("enum", [])
    if not values or any(value not in members for value in values):
        return  # not this enumeration after all: leave the node as it is
    plain, markdown = [], []
    for value in values:
        member = members[value]
        basis = f" ({member.legal_basis})" if member.legal_basis else ""
        plain.append(f"{member.meaning}{basis}")
        markdown.append(
            f"**`{value}`**: {member.meaning}"
            + (f"\n\n*{member.legal_basis}*" if member.legal_basis else "")
        )
    node["enumDescriptions"] = plain
    node["markdownEnumDescriptions"] = markdown


def _rewrite(node: Any, document: str) -> Any:
    """Draft-07 keywords and editor annotations, recursively; validation keywords unchanged."""
    if isinstance(node, list):
        return [_rewrite(value, document) for value in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in {"properties", "patternProperties", "$defs", "definitions"}:
            # Keys here are names, not keywords: rewrite the subschemas, keep the names.
            out["definitions" if key == "$defs" else key] = {
                name: _rewrite(sub, document) for name, sub in value.items()
            }
        elif key in _VALUES:
            out[key] = copy.deepcopy(value)  # instance data, not subschemas
        elif key == "dependentRequired":
            # Draft-07 spells both 2020-12 dependency keywords as "dependencies".
            out.setdefault("dependencies", {}).update(copy.deepcopy(value))
        elif key == "dependentSchemas":
            dependencies = out.setdefault("dependencies", {})
            dependencies.update({name: _rewrite(sub, document) for name, sub in value.items()})
        elif key == "$ref" and isinstance(value, str) and value.startswith(_DEFS_PREFIX):
            out[key] = _DEFINITIONS_PREFIX + value.removeprefix(_DEFS_PREFIX)
        else:
            out[key] = _rewrite(value, document)
    if isinstance(out.get("description"), str):
        out["markdownDescription"] = _markdown(out, document)
    if "$ref" in out and set(out) - _ANNOTATIONS - {"$ref"}:
        # Draft-07 ignores every keyword beside "$ref": keep them in force through allOf.
        ref = out.pop("$ref")
        out["allOf"] = [{"$ref": ref}, *out.get("allOf", [])]
    return out


_UNSUPPORTED = ("prefixItems", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef")


def _refuse_unsupported(node: Any, where: str = "#") -> None:
    """Fail generation on a 2020-12 keyword with no draft-07 equivalent copied here.

    A silent copy would make the editor variant accept what the published schema refuses.
    """
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _UNSUPPORTED:
                raise ValueError(f"{where}: {key} has no draft-07 rendering in editor_schemas")
            _refuse_unsupported(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _refuse_unsupported(value, f"{where}/{index}")


def to_editor_schema(
    schema: dict[str, Any], *, schema_id: str, model: type[BaseModel]
) -> dict[str, Any]:
    """The draft-07 editor variant of a generated 2020-12 schema (see the module docstring)."""
    from spocschema.schemas import DRAFT_07

    source = copy.deepcopy(schema)
    _refuse_unsupported(source)
    document = _document_name(schema)
    rewritten: dict[str, Any] = _rewrite(source, document)
    enums = _code_enums(model)
    for name, definition in rewritten.get("definitions", {}).items():
        if name in enums and "enum" in definition:
            _enum_descriptions(definition, enums[name])
    rewritten["$schema"] = DRAFT_07
    rewritten["$id"] = schema_id
    rewritten["$comment"] = (
        f"Editor variant (draft-07, with hover text) of {schema['$id']}; validate with that one."
    )
    return rewritten


def _document_name(schema: dict[str, Any]) -> str:
    """The document type name from a published ``$id`` (``.../1.1/<name>.schema.json``)."""
    return str(schema["$id"]).rsplit("/", 1)[-1].removesuffix(".schema.json")


def catalog_entry(doc: DocumentType) -> dict[str, Any]:
    """One SchemaStore catalogue entry: name, description, file names, URL and versions."""
    from spocschema.schemas import SCHEMA_VERSION

    return {
        "name": doc.title if doc.title.startswith("spocschema") else f"spocschema {doc.title}",
        "description": f"{doc.title} (Directive (EU) 2023/977 Single Point of Contact), "
        "from spocschema",
        "fileMatch": list(doc.file_match),
        "url": doc.editor_schema_id,
        "versions": {SCHEMA_VERSION: doc.editor_schema_id},
    }
