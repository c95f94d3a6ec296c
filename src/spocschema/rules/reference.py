"""The rule reference as Markdown, generated from the registry for the documentation site.

Nothing here is written by hand: titles, legal bases, rationales, remediations, examples and
the coverage table all come from the rule declarations and the provisions catalogue, so the
documentation says exactly what the checker does.

Generate with ``PYTHONPATH=src python -m spocschema.rules.reference > docs/rules.md``.
"""

from __future__ import annotations

import json
import sys

from spocschema.provisions import PROVISIONS
from spocschema.rules import all_rules, coverage, document_rules
from spocschema.rules.base import Rule, basis_facts


def _basis(rule: Rule) -> str:
    parts = []
    for ref in rule.legal_basis:
        text = f"{ref.citation} ({ref.instrument}"
        text += f", CELEX {ref.celex})" if ref.celex else ")"
        parts.append(text)
    return "; ".join(parts)


def _rule_section(rule: Rule) -> list[str]:
    info = rule.provision_info
    lines = [
        f"### {rule.id}: {rule.title}",
        "",
        f"- **Provision:** {rule.provision} ({info.force}); **severity:** {rule.severity.value}",
        f"- **Legal basis:** {_basis(rule)}",
        f"- **Tags:** {', '.join(rule.tags)}",
    ]
    if rule.applies_from is not None:
        lines.append(f"- **Applies from:** {rule.applies_from.isoformat()}")
    lines += [f"- **{label}:** {text}" for label, text in basis_facts(rule.metadata())]
    lines += [
        "",
        rule.rationale,
        "",
        f"**Remediation.** {rule.remediation}",
        "",
        "Passing fragment (JSON merge patch over the compliant example):",
        "",
        "```json",
        json.dumps(rule.passing.patch, indent=2, ensure_ascii=False),
        "```",
        "",
        f"Failing fragment (provision {rule.fails_as.replace('_', ' ')}):",
        "",
        "```json",
        json.dumps(rule.failing.patch, indent=2, ensure_ascii=False),
        "```",
        "",
    ]
    return lines


def render_markdown() -> str:
    """The full rule reference: ID scheme, coverage table, then one section per rule."""
    table = coverage()
    lines = [
        "# Rule reference",
        "",
        "Generated from the rule registry; do not edit by hand.",
        "",
        "Rule IDs are `SPOC-A-nnnn` for the Directive's minimum criteria (section A of the "
        "provisions catalogue), `SPOC-D-nnnn` for Council guidance (section D), `SPOC-B-nnnn` "
        "for requests and exchange records, `SPOC-C-nnnn` for statistics and `SPOC-N-nnnn` for "
        "sets of profiles. An ID is never reused. Severity follows the provision's force (MUST "
        "is an error, SHOULD a warning, MAY an info) and the test basis.",
        "",
        "## Coverage",
        "",
        "| Provision | Force | Requirement | Rules |",
        "|---|---|---|---|",
    ]
    for provision in PROVISIONS:
        if provision.section in ("A", "B", "C", "D"):
            rules = ", ".join(table[provision.citation]) or provision.no_rule_reason or "none"
            lines.append(
                f"| {provision.citation} | {provision.force} | {provision.title} | {rules} |"
            )
    lines += ["", "## Rules", ""]
    for rule in all_rules():
        lines += _rule_section(rule)
    lines += ["## Rules of requests, exchange records, statistics and networks", ""]
    for other in document_rules():
        meta = other.metadata()
        lines += [
            f"### {other.rule_id}: {other.title}",
            "",
            f"- **Checks:** {meta['document']} documents",
            f"- **Provision:** {other.provision} ({meta['force']}); "
            f"**severity:** {meta['severity']}",
            *(f"- **{label}:** {text}" for label, text in basis_facts(meta)),
            "",
            f"Message: {other.message}",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(render_markdown())
