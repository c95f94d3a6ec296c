"""Schema reference pages, generated from the published JSON Schemas at build time.

The schemas under ``schemas/<version>/`` are what other tools validate against, so the
reference is made from them and not from the Python models: a reader sees exactly what a
validator will enforce. Every property at every depth gets an entry with its type,
constraints, legal reference (the ``$comment: legal_basis: ...`` convention of the schemas) and
an example. Examples come from the schema's own ``examples`` keyword first, then from the bundled
example documents that are valid against the schema, and only then are derived from the schema
(a code list's first member, a constant, a boolean); the entry says which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen_text import code, fenced, json_text, legal_links, slug

LEGAL_PREFIX = "legal_basis: "
#: Inline examples longer than this are shown as a code block.
INLINE_EXAMPLE_LIMIT = 90
#: Enumerations longer than this are summarised (country and language codes).
ENUM_LIST_LIMIT = 40
_MISSING = object()
#: The pattern the models put on every text, "at least one character that is not white space":
#: ``\S``, or the same spelled out as a class of ECMA-262 white space (``[^\t\n ...]``).
_NON_BLANK = re.compile(r"\\S|\[\^\\t\\n[^\]\[]*\]")


def is_non_blank_pattern(pattern: object) -> bool:
    """True for the "not blank" pattern of texts, which the reference states in words."""
    return isinstance(pattern, str) and _NON_BLANK.fullmatch(pattern) is not None


@dataclass(frozen=True)
class FieldDoc:
    """One property of a published schema, at one path of the document."""

    path: str
    name: str
    node: dict[str, Any]
    required: bool
    depth: int


@dataclass(frozen=True)
class Example:
    """An example value and where it came from (schema, a bundled document, or derived)."""

    value: Any
    origin: str


def definition_name(node: dict[str, Any]) -> str | None:
    """The ``$defs`` name a local ``$ref`` points to, if the node is a reference."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return ref.removeprefix("#/$defs/")
    return None


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The node with a local ``$ref`` replaced by its definition (property keywords win)."""
    name = definition_name(node)
    if name is None:
        return node
    target: dict[str, Any] = schema["$defs"][name]
    merged = dict(target)
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged


def _container(schema: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """The object schema a property leads into, and the path suffix (``[]`` for arrays)."""
    resolved = resolve(schema, node)
    if "properties" in resolved:
        return resolved, ""
    items = resolved.get("items")
    if isinstance(items, dict):
        inner = resolve(schema, items)
        if "properties" in inner:
            return inner, "[]"
    return None


def iter_fields(schema: dict[str, Any]) -> Iterator[FieldDoc]:
    """Every property of the schema, depth first, in the schema's own order."""

    def walk(
        obj: dict[str, Any], prefix: str, depth: int, seen: tuple[str, ...]
    ) -> Iterator[FieldDoc]:
        required = set(obj.get("required", ()))
        for name, node in obj.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            yield FieldDoc(path, name, node, name in required, depth)
            inner = _container(schema, node)
            ref = definition_name(node) or definition_name(node.get("items", {}) or {})
            if inner is not None and (ref is None or ref not in seen):
                child_obj, suffix = inner
                yield from walk(child_obj, path + suffix, depth + 1, seen + ((ref,) if ref else ()))

    yield from walk(schema, "", 0, ())


def code_lists(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The named enumerations (``$defs`` entries with ``enum``), in name order."""
    return sorted((name, node) for name, node in schema.get("$defs", {}).items() if "enum" in node)


def legal_basis(node: dict[str, Any]) -> list[str]:
    """The citations of a node's ``$comment: legal_basis: ...``, if it has one."""
    comment = node.get("$comment")
    if isinstance(comment, str) and comment.startswith(LEGAL_PREFIX):
        return [part.strip() for part in comment.removeprefix(LEGAL_PREFIX).split(";")]
    return []


def plain_description(node: dict[str, Any]) -> str:
    """The description without its trailing ``Legal basis: ...`` sentence (shown apart)."""
    text = str(node.get("description", "")).strip()
    marker = " Legal basis: "
    if marker in text and text.endswith("."):
        text = text[: text.rindex(marker)]
    return text


def field_label(document: str, path: str) -> str:
    """The Sphinx label of a field's entry, for cross-references from other pages."""
    return f"schema-{document}-{slug(path) or 'root'}"


def code_list_label(document: str, name: str) -> str:
    """The Sphinx label of a code list's entry."""
    return f"schema-{document}-code-list-{slug(name)}"


def describe_type(schema: dict[str, Any], node: dict[str, Any], document: str) -> str:
    """The type of a node in words, with links to code lists."""
    name = definition_name(node)
    if name is not None:
        target = schema["$defs"][name]
        if "enum" in target:
            return f"code from [{code(name)}](#{code_list_label(document, name)})"
        if "properties" in target:
            return f"object ({code(name)}); its fields follow"
        return describe_type(schema, target, document)
    for combinator in ("anyOf", "oneOf"):
        if combinator in node:
            return " or ".join(describe_type(schema, sub, document) for sub in node[combinator])
    kind = node.get("type")
    if "const" in node:
        return f"constant {code(json_text(node['const'], indent=None))}"
    if kind == "array":
        items = node.get("items")
        inner = describe_type(schema, items, document) if isinstance(items, dict) else "anything"
        return f"array of {inner}"
    if kind == "object":
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            return f"object mapping names to {describe_type(schema, extra, document)}"
        return "object"
    if "enum" in node:
        return "code"
    if kind == "string" and "format" in node:
        return f"string ({node['format']})"
    if isinstance(kind, str):
        return kind
    return "any JSON value"


def _enum_summary(values: Sequence[Any]) -> str:
    if len(values) > ENUM_LIST_LIMIT:
        first = ", ".join(code(str(v)) for v in values[:8])
        return f"one of {len(values)} codes ({first}, …; the full list is in the schema)"
    return "one of " + ", ".join(code(str(v)) for v in values)


def constraints(schema: dict[str, Any], node: dict[str, Any]) -> list[str]:
    """The validation keywords of a node, in words."""
    resolved = resolve(schema, node)
    out: list[str] = []
    items = resolved.get("items") if isinstance(resolved.get("items"), dict) else None
    if "enum" in node:
        out.append(_enum_summary(node["enum"]))
    if items is not None and "enum" in items:
        out.append("each item " + _enum_summary(items["enum"]))
    if resolved.get("uniqueItems"):
        out.append("no duplicate items")
    blank_check = is_non_blank_pattern(node.get("pattern"))
    if blank_check:
        out.append("not blank (at least one visible character)")
    for keyword, words in (
        ("minItems", "at least {} item(s)"),
        ("maxItems", "at most {} item(s)"),
        ("minLength", "at least {} character(s)"),
        ("maxLength", "at most {} characters"),
        ("minimum", "minimum {}"),
        ("maximum", "maximum {}"),
    ):
        if keyword in node and not (blank_check and keyword == "minLength" and node[keyword] == 1):
            out.append(words.format(node[keyword]))
    if "pattern" in node and not blank_check:
        out.append(f"matches the pattern {code(node['pattern'])}")
    if items is not None:
        for keyword, words in (("pattern", "each item matches {}"), ("format", "each item: {}")):
            if keyword in items:
                out.append(words.format(code(str(items[keyword]))))
    if "format" in node:
        out.append(f"format {code(node['format'])}")
    if resolved.get("additionalProperties") is False:
        out.append("closed: unknown keys are errors, `x-` extension keys are kept")
    return out


def _lookup(document: Any, parts: Sequence[str]) -> Any:
    """The first value at a dotted path (``[]`` steps into any array item), or ``_MISSING``."""
    if not parts:
        return document
    head, rest = parts[0], parts[1:]
    many = head.endswith("[]")
    key = head.removesuffix("[]")
    if not isinstance(document, dict) or key not in document:
        return _MISSING
    value = document[key]
    if not many:
        return _lookup(value, rest)
    if not isinstance(value, list):
        return _MISSING
    for item in value:
        found = _lookup(item, rest)
        if found is not _MISSING:
            return found
    return _MISSING


def _split_path(path: str) -> list[str]:
    # A property named "$schema" has no dots; array steps keep their "[]" on the array key.
    return path.split(".")


def _derived(schema: dict[str, Any], node: dict[str, Any]) -> Any:
    resolved = resolve(schema, node)
    if "const" in resolved:
        return resolved["const"]
    if "enum" in resolved:
        return resolved["enum"][0]
    kind = resolved.get("type")
    if kind == "boolean":
        return True
    if kind == "integer":
        return max(int(resolved.get("minimum", 1)), 1)
    if kind == "array" and isinstance(resolved.get("items"), dict):
        item = _derived(schema, resolved["items"])
        return _MISSING if item is _MISSING else [item]
    return _MISSING


def find_example(
    schema: dict[str, Any],
    field: FieldDoc,
    documents: Sequence[tuple[str, Any]],
    related: Sequence[tuple[str, Any]] = (),
) -> Example | None:
    """An example for a field, from the first of these that has one.

    The schema's ``examples``; the documents of this type at the field's path; documents of
    other types at the end of that path (a report embedded in a network report has the same
    fields as a report: ``members[].report.findings[].line`` is found as ``findings[].line``,
    at least two steps long); and last a value derived from the schema.
    """
    for node in (field.node, resolve(schema, field.node)):
        examples = node.get("examples")
        if isinstance(examples, list) and examples:
            return Example(examples[0], "from the schema")
    parts = _split_path(field.path)
    for name, document in documents:
        value = _lookup(document, parts)
        if value is not _MISSING:
            return Example(value, f"from {code(name)}")
    for start in range(1, len(parts) - 1):
        for name, document in related:
            value = _lookup(document, parts[start:])
            if value is not _MISSING:
                return Example(value, f"from {code(name)}")
    value = _derived(schema, field.node)
    if value is not _MISSING:
        return Example(value, "derived from the schema")
    return None


def _example_markdown(example: Example, is_object: bool) -> list[str]:
    text = json_text(example.value, indent=None)
    if len(text) <= INLINE_EXAMPLE_LIMIT:
        return [f"- **Example** ({example.origin}): {code(text)}"]
    if is_object:
        lines = json_text(example.value).splitlines()
        if len(lines) > 24:
            return [f"- **Example** ({example.origin}): see its fields below"]
    return [
        f"- **Example** ({example.origin}):",
        "",
        "  " + fenced(json_text(example.value), "json").replace("\n", "\n  ").rstrip(),
    ]


def render_field(
    schema: dict[str, Any],
    field: FieldDoc,
    document: str,
    documents: Sequence[tuple[str, Any]],
    related: Sequence[tuple[str, Any]] = (),
) -> str:
    """The Markdown entry of one field."""
    resolved = resolve(schema, field.node)
    level = "#" * min(field.depth + 3, 6)
    lines = [f"({field_label(document, field.path)})=", f"{level} {code(field.path)}", ""]
    description = plain_description(field.node)
    definition_text = (
        plain_description(schema["$defs"][name])
        if (name := definition_name(field.node)) and "enum" not in schema["$defs"][name]
        else ""
    )
    if description:
        lines += [description, ""]
    if definition_text and definition_text != description:
        lines += [definition_text, ""]
    lines.append(f"- **Type**: {describe_type(schema, field.node, document)}")
    required = "yes" if field.required else "no (leave the key out when not stated)"
    lines.append(f"- **Required**: {required}")
    for item in constraints(schema, field.node):
        lines.append(f"- **Constraint**: {item}")
    citations = legal_basis(field.node)
    if citations:
        lines.append(f"- **Legal basis**: {legal_links(citations)}")
    example = find_example(schema, field, documents, related)
    if example is not None:
        lines += _example_markdown(example, "properties" in resolved)
    return "\n".join(lines) + "\n"


def render_code_list(name: str, node: dict[str, Any], document: str) -> str:
    """The Markdown entry of one named code list: its members, meanings and legal bases."""
    lines = [f"({code_list_label(document, name)})=", f"### {code(name)}", ""]
    description = str(node.get("description", "")).strip()
    if description:
        lines += [description, ""]
    citations = legal_basis(node)
    if citations:
        lines += [f"Legal basis: {legal_links(citations)}", ""]
    lines.append("Values: " + ", ".join(code(str(v)) for v in node["enum"]))
    return "\n".join(lines) + "\n"


def render_page(
    schema: dict[str, Any],
    document: str,
    title: str,
    published_path: str,
    documents: Sequence[tuple[str, Any]],
    example_files: Sequence[str] = (),
    related: Sequence[tuple[str, Any]] = (),
) -> str:
    """The whole reference page of one published schema.

    ``published_path`` is where the site serves the schema file, relative to the page;
    ``example_files`` are paths of bundled example documents, relative to the page, included
    in full at the end; ``related`` are documents of other types, for embedded parts.
    """
    fields = list(iter_fields(schema))
    labels = [field_label(document, f.path) for f in fields]
    if len(set(labels)) != len(labels):
        raise ValueError(f"two fields of {document} share a label; rename one of them")
    out = [
        f"(schema-{document})=",
        f"# {title}",
        "",
        f"- **Schema identifier** (`$id`): <{schema['$id']}>",
        f"- **Dialect**: <{schema.get('$schema', '')}>",
        f"- **Download**: [{published_path.rsplit('/', 1)[-1]}]({published_path})",
        f"- **Fields**: {len(fields)}, every one listed below",
        "",
        plain_description(schema),
        "",
        "Keys that start with `x-` are national extensions: allowed on every object and kept",
        "as they are. Any other key not listed here is an error.",
        "",
        "## Fields",
        "",
    ]
    out += [render_field(schema, f, document, documents, related) for f in fields]
    lists = code_lists(schema)
    if lists:
        out += ["## Code lists", ""]
        out += [render_code_list(name, node, document) for name, node in lists]
    if example_files:
        out += ["## Complete examples", ""]
        for path in example_files:
            language = "yaml" if path.endswith((".yaml", ".yml")) else "json"
            language = "text" if path.endswith(".jsonl") else language
            out += [
                f"### {code(path.rsplit('/', 1)[-1])}",
                "",
                f"```{{literalinclude}} {path}",
                f":language: {language}",
                "```",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


def render_index(entries: Sequence[tuple[str, str, str]]) -> str:
    """The schema reference landing page: ``(page name, title, $id)`` per published schema."""
    lines = [
        "(schema-reference)=",
        "# Schema reference",
        "",
        "Generated from the published JSON Schemas (Draft 2020-12) at every build. Each schema",
        "is served by this site at the address of its `$id`, so validators and editors that",
        "follow `$id`s find it here; `spocschema.schemas.registry()` resolves the same",
        "identifiers offline.",
        "",
        "| Schema | `$id` |",
        "|---|---|",
    ]
    for page, title, schema_id in entries:
        lines.append(f"| [{title}]({page}.md) | <{schema_id}> |")
    lines += ["", "```{toctree}", ":hidden:", ""]
    lines += [page for page, _, _ in entries]
    lines += ["```", ""]
    return "\n".join(lines)


def relative(path: Path, start: Path) -> str:
    """A POSIX relative path from a page's directory to a file, for Markdown links."""
    import os

    return Path(os.path.relpath(path, start)).as_posix()
