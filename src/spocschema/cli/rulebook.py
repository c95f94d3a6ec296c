"""Rule metadata for the formats that describe rules (SARIF, ``rules``, ``explain``).

The registry of compliance rules is the source; the two identifiers of the pre-checker stages
(``SPOC-INPUT``, ``SPOC-SCHEMA``) are described here. A rule reported in a run but unknown to
the registry (a national rule pack, say) is described from its findings, so every result in a
SARIF log always has a matching rule descriptor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spocschema.cli.reporters.common import (
    INFORMATION_URI,
    INPUT_RULE_ID,
    SCHEMA_RULE_ID,
    rule_page_uri,
)

if TYPE_CHECKING:
    from spocschema.cli.results import Run


@dataclass(frozen=True)
class RuleInfo:
    """Metadata about a rule, for formats that describe the rules they report (SARIF)."""

    id: str
    title: str
    severity: str
    rationale: str
    remediation: str
    provision: str = ""
    legal_basis: tuple[dict[str, Any], ...] = ()
    help_uri: str = INFORMATION_URI
    #: What the rule's verdict rests on and how far its reference was read (registry rules).
    verification: str = ""
    test_basis: str = ""


INPUT_RULE = RuleInfo(
    INPUT_RULE_ID,
    "The document can be read",
    "error",
    "A profile must be a UTF-8 JSON or YAML document whose top level is an object, within the "
    "size and nesting limits, without duplicate keys, NaN or object-constructing YAML tags.",
    "Fix the syntax at the reported line and column, or raise --max-bytes/--max-depth if the "
    "document is legitimately large.",
    help_uri=rule_page_uri(INPUT_RULE_ID),
)
SCHEMA_RULE = RuleInfo(
    SCHEMA_RULE_ID,
    "The document follows the published schema",
    "error",
    "A profile must follow the published SPOC profile schema: known keys, the right types, "
    "codes from the closed lists.",
    "Correct the value at the reported place; `spocschema schema` prints the schema and "
    "`spocschema init` writes an annotated template.",
    help_uri=rule_page_uri(SCHEMA_RULE_ID),
)

_BUILTIN = {INPUT_RULE.id: INPUT_RULE, SCHEMA_RULE.id: SCHEMA_RULE}


def _from_findings(rule_id: str, run: Run) -> RuleInfo:
    for result in run.files:
        for finding in result.report.findings if result.report is not None else ():
            if finding.rule_id == rule_id:
                return RuleInfo(
                    id=rule_id,
                    title=finding.provision,
                    severity=finding.severity.value,
                    rationale=finding.message,
                    remediation="",
                    provision=finding.provision,
                    legal_basis=tuple(ref.to_document() for ref in finding.legal_basis),
                )
    return RuleInfo(rule_id, rule_id, "warning", rule_id, "")


def _from_registry(rule_id: str) -> RuleInfo | None:
    from spocschema.rules import rule_metadata

    try:
        meta = rule_metadata(rule_id)
    except KeyError:
        return None
    return RuleInfo(
        id=rule_id,
        title=meta["title"],
        severity=meta["severity"],
        rationale=meta["rationale"],
        remediation=meta["remediation"],
        provision=meta["provision"],
        legal_basis=tuple(meta["legal_basis"]),
        verification=str(meta.get("verification", "")),
        test_basis=str(meta.get("test_basis", "")),
        help_uri=rule_page_uri(rule_id),
    )


def describe(rule_ids: list[str], run: Run) -> list[RuleInfo]:
    """Descriptors for the given rule identifiers, in the order given."""
    return [
        _BUILTIN.get(rule_id) or _from_registry(rule_id) or _from_findings(rule_id, run)
        for rule_id in rule_ids
    ]
