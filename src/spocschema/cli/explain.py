"""Explain one rule: what it checks, why, its legal basis, examples, and how to fix a finding.

Also explains the two identifiers of problems found before the rules run: ``SPOC-INPUT``
(the document cannot be read) and ``SPOC-SCHEMA`` (it breaks the published schema).
"""

from __future__ import annotations

import argparse
from typing import Any

HELP = "explain a rule: rationale, legal basis, examples and fix"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule_id", metavar="ID", help="rule identifier, e.g. SPOC-A-0001")
    from spocschema.cli.options import add_format_argument, add_output_argument

    add_format_argument(parser)
    add_output_argument(parser)


def _reference(ref: dict[str, Any]) -> str:
    parts = [str(ref.get("citation", "")), str(ref.get("instrument", ""))]
    if ref.get("celex"):
        parts.append(f"CELEX {ref['celex']}")
    if ref.get("eli"):
        parts.append(str(ref["eli"]))
    text = " — ".join(p for p in parts if p)
    return (
        text
        if ref.get("verified", True)
        else text + " (not yet verified against the Official Journal)"
    )


def _example(label: str, example: dict[str, Any]) -> list[str]:
    import json

    when = f" (as of {example['as_of']})" if example.get("as_of") else ""
    body = json.dumps(example.get("patch", {}), indent=2, ensure_ascii=False)
    return [
        f"{label}{when}, as a merge patch over a compliant profile:",
        *("  " + line for line in body.splitlines()),
    ]


def render(meta: dict[str, Any]) -> str:
    """The text explanation of one rule's metadata."""
    import textwrap

    def para(text: str) -> list[str]:
        return textwrap.wrap(
            " ".join(text.split()), 92, initial_indent="  ", subsequent_indent="  "
        )

    lines = [f"{meta['id']}: {meta['title']}", ""]
    facts = [f"severity {meta['severity']}"]
    if meta.get("force"):
        facts.append(f"force {meta['force']}")
    if meta.get("provision"):
        facts.append(f"provision {meta['provision']}")
    if meta.get("applies_from"):
        facts.append(f"applies from {meta['applies_from']}")
    if meta.get("document"):
        facts.append(f"checks {meta['document']} documents")
    lines += ["  " + ", ".join(facts), ""]
    if meta.get("legal_basis"):
        lines.append("Legal basis:")
        lines += [f"  - {_reference(ref)}" for ref in meta["legal_basis"]]
        lines.append("")
    from spocschema.rules.base import basis_facts

    for label, text in basis_facts(meta):
        lines += [f"{label}:", *para(text), ""]
    lines += ["Why:", *para(str(meta.get("rationale", ""))), ""]
    lines += ["How to fix:", *para(str(meta.get("remediation", ""))), ""]
    examples = meta.get("examples") or {}
    if examples.get("failing"):
        lines += [*_example("Fails", examples["failing"]), ""]
    if examples.get("passing"):
        lines += [*_example("Passes", examples["passing"]), ""]
    return "\n".join(lines).rstrip() + "\n"


def _builtin(rule_id: str) -> dict[str, Any] | None:
    from spocschema.cli.rulebook import INPUT_RULE, SCHEMA_RULE

    for rule in (INPUT_RULE, SCHEMA_RULE):
        if rule.id == rule_id:
            return {
                "id": rule.id,
                "title": rule.title,
                "severity": rule.severity,
                "rationale": rule.rationale,
                "remediation": rule.remediation,
                "legal_basis": [],
            }
    return None


def run(args: argparse.Namespace) -> int:
    from spocschema.cli.options import write_output

    return write_output(args, lambda: _run(args), "spocschema explain")


def _run(args: argparse.Namespace) -> int:
    import difflib
    import json
    import sys

    from spocschema.cli import EXIT_ERROR, EXIT_OK
    from spocschema.rules import every_rule, rule_metadata

    rule_id = args.rule_id.strip().upper()
    meta = _builtin(rule_id)
    if meta is None:
        try:
            meta = rule_metadata(rule_id)
        except KeyError:
            known = [rule.id for rule in every_rule()]
            close = difflib.get_close_matches(rule_id, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see `spocschema rules`"
            print(f"spocschema explain: no rule {args.rule_id!r}{hint}", file=sys.stderr)
            return EXIT_ERROR
    if args.format == "json":
        json.dump(meta, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(meta))
    return EXIT_OK
