"""An annotated YAML template of a SPOC profile, generated from the published schema.

The schema is generated from the models, so the template's comments are the models' own
``fact`` declarations: each key's meaning, its legal basis, whether it is required, and for
closed lists every allowed code with its meaning and provision. Nothing here is written by hand,
so the template cannot drift from the vocabulary.

Required keys are written with a value that is valid as it stands, so the template itself is a
valid (if uninformative) profile. Optional keys are commented out: leaving a key out means "not
stated", and a template must not state facts nobody has checked. ``full=True`` writes every
key live instead, for a team that wants to fill in the whole vocabulary at once.
"""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from typing import Any

#: Placeholder text for free-text facts: valid for any text pattern, obvious to a reader.
PLACEHOLDER_TEXT = "to be completed"

#: Candidate values for patterned strings, tried in order; the first the pattern accepts wins.
_PATTERN_CANDIDATES = (
    PLACEHOLDER_TEXT,
    "09:00",
    "P1Y",
    "https://police.example.org/",
    "spoc-example",
)

_WIDTH = 96


class _Writer:
    def __init__(self, schema: dict[str, Any], full: bool, today: date, schema_id: str):
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.schema_id = schema_id
        self.full = full
        self.today = today
        self.lines: list[str] = []

    # -- schema helpers ---------------------------------------------------------------------

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """A property's schema with its ``$ref`` followed; the property's own text wins."""
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node
        target = dict(self.defs[ref.rsplit("/", 1)[-1]])
        target["_enum_help"] = target.get("description", "")
        for key, value in node.items():
            if key != "$ref":
                target[key] = value
        return target

    def scalar(self, node: dict[str, Any]) -> Any:
        """A value the node's schema accepts, preferring the model's own examples."""
        if "const" in node:
            return node["const"]
        if node.get("examples"):
            return node["examples"][0]
        if node.get("enum"):
            return node["enum"][0]
        kind = node.get("type")
        if kind == "boolean":
            return False
        if kind == "integer":
            low, high = node.get("minimum", 0), node.get("maximum")
            year = self.today.year - 1
            return year if high is not None and low <= year <= high else low
        if node.get("format") == "date":
            return self.today.isoformat()
        pattern = node.get("pattern")
        low, high = node.get("minLength", 0), node.get("maxLength", 10_000)
        for candidate in _PATTERN_CANDIDATES:
            if low <= len(candidate) <= high and (pattern is None or re.search(pattern, candidate)):
                return candidate
        return PLACEHOLDER_TEXT

    # -- output -----------------------------------------------------------------------------

    def comment(self, text: str, indent: int, hanging: str = "") -> None:
        pad = " " * indent
        width = _WIDTH - indent - 2
        wrapped = textwrap.wrap(text, width, subsequent_indent=hanging) or [""]
        self.lines.extend(f"{pad}# {line}".rstrip() for line in wrapped)

    def allowed_values(self, node: dict[str, Any], indent: int) -> None:
        """List a closed list's codes with their meaning, from the enum's description."""
        help_text = node.get("_enum_help", "")
        entries = [line[2:] for line in help_text.split("\n") if line.startswith("- `")]
        if entries:
            self.comment("Allowed values:", indent)
            for entry in entries:
                self.comment("  " + entry.replace("`", ""), indent, hanging="      ")

    def field(self, name: str, node: dict[str, Any], required: bool, indent: int) -> None:
        node = self.resolve(node)
        start = len(self.lines)
        description = " ".join(str(node.get("description", "")).split())
        if "_enum_help" in node and node.get("description") == node["_enum_help"]:
            description = description.split(" - `")[0]
        self.comment(f"{description} ({'required' if required else 'optional'})", indent)
        items = self.resolve(node.get("items", {})) if node.get("type") == "array" else None
        self.allowed_values(items if items is not None else node, indent)
        pad = " " * indent
        key = json.dumps(name) if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) else name
        if node.get("type") == "object" or "properties" in node:
            self.lines.append(f"{pad}{key}:")
            self.mapping(node, indent + 2)
        elif items is not None and ("properties" in items):
            self.lines.append(f"{pad}{key}:")
            self.lines.append(f"{pad}  - # one entry; repeat as needed")
            self.mapping(items, indent + 4)
        elif items is not None:
            values = node.get("examples", [[]])[0] or [self.scalar(items)]
            self.lines.append(f"{pad}{key}: {json.dumps(values, ensure_ascii=False)}")
        else:
            chosen = self.schema_id if name == "$schema" else self.scalar(node)
            if name == "schema_version" and node.get("enum"):
                chosen = node["enum"][-1]  # a new profile follows the newest version
            value = json.dumps(chosen, ensure_ascii=False)
            self.lines.append(f"{pad}{key}: {value}")
        if not required and not self.full:
            self.lines[start:] = [
                f"{line[:indent]}# {line[indent:]}" if line.strip() else line
                for line in self.lines[start:]
            ]
        self.lines.append("")

    def mapping(self, node: dict[str, Any], indent: int) -> None:
        required = set(node.get("required", ()))
        for name, child in node.get("properties", {}).items():
            self.field(name, child, name in required, indent)
        if self.lines and not self.lines[-1]:
            self.lines.pop()


def profile_template(
    *, full: bool = False, today: date | None = None, schema_ref: str | None = None
) -> str:
    """The annotated YAML template of a SPOC profile (see the module docstring).

    The first line is the modeline the YAML language server reads (VS Code, JetBrains,
    Neovim, Emacs): it points at the draft-07 editor variant of the schema, or at
    ``schema_ref`` (a local copy, for offline use). The optional ``$schema`` key, where written,
    always holds the published URL: it must be an http(s) URL in every profile.
    """
    from spocschema import schemas

    schema = schemas.load("spoc-profile")
    editor_id = schemas.document_type("spoc-profile").editor_schema_id
    writer = _Writer(schema, full, today or date.today(), editor_id)
    head = [
        f"# yaml-language-server: $schema={schema_ref or editor_id}",
        "#",
        f"# {schema['title']} template, generated by spocschema from the published schema.",
        "# Each key is preceded by its meaning and legal basis. Keys marked optional are",
        "# commented out: uncomment and complete those your SPOC can state. Leaving a key out",
        '# means "not stated", which `spocschema check` reports as not assessable.',
        "# Values shown are placeholders or examples: replace every one of them.",
        "",
    ]
    writer.lines.extend(head)
    schema_key = dict(schema)
    writer.mapping(schema_key, 0)
    return "\n".join(writer.lines) + "\n"


def profile_template_json(*, full: bool = False, today: date | None = None) -> str:
    """The template as JSON: the same keys as the YAML one, ``$schema`` first.

    JSON has no comments, so the meanings and legal bases are what an editor shows from the
    editor schema ``$schema`` points at; optional keys appear only with ``full``.
    """
    from spocschema import schemas
    from spocschema.loading import load_document

    data = load_document(profile_template(full=full, today=today)).data
    data.pop("$schema", None)
    editor_id = schemas.document_type("spoc-profile").editor_schema_id
    return json.dumps({"$schema": editor_id, **data}, indent=2, ensure_ascii=False) + "\n"
