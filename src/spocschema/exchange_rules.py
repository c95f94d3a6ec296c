"""Declarative rules for requests and annual statistics, and the Report they produce.

Each rule is data: an identifier, a severity that follows the provision's force, the provision
it checks, its legal basis and a message template. Check functions only decide *where* a rule
fails; everything a reader sees comes from the rule, so the same rule reads the same in every
output and can be registered with the profile checker's rule registry as it stands.

Rule identifiers follow the requirements catalogue's sections: ``SPOC-B-*`` for requests
(section B), ``SPOC-C-*`` for the annual statistics (section C).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spocschema._version import __version__
from spocschema.codelists import EU_MEMBER_STATES, SCHENGEN_ASSOCIATED_STATES
from spocschema.report import (
    Assessment,
    Finding,
    LegalReference,
    ProvisionResult,
    ProvisionStatus,
    Report,
    Severity,
    Summary,
)

DIRECTIVE = "Directive (EU) 2023/977"
DIRECTIVE_CELEX = "32023L0977"
DIRECTIVE_ELI = "http://data.europa.eu/eli/dir/2023/977/oj"

#: Provisions the requirements catalogue tags as read in the adopted text ([V]). Citations of
#: any other provision carry ``verified: false`` until someone checks them against the OJ.
VERIFIED_PROVISIONS: frozenset[str] = frozenset(
    {"Art 4(1)", "Art 4(2)", "Art 5(1)", "Art 5(2)", "Art 6(1)", "Art 18(1)", "Art 18(2)"}
)

_CITATION = re.compile(
    r"Art (?P<article>\d+)(?:\((?P<paragraph>\d+)\))?(?P<points>(?:\([a-z]+\))*)"
)


def legal_reference(citation: str) -> LegalReference:
    """A structured reference to a provision of the Directive, from ``Art 18(2)(c)`` form."""
    match = _CITATION.fullmatch(citation)
    if match is None:
        raise ValueError(f"not a citation of the Directive: {citation!r}")
    points = re.findall(r"\(([a-z]+)\)", match["points"])
    paragraph_ref = f"Art {match['article']}" + (
        f"({match['paragraph']})" if match["paragraph"] else ""
    )
    optional = {
        "paragraph": match["paragraph"],
        "point": (points[0] + "".join(f"({p})" for p in points[1:])) if points else None,
    }
    return LegalReference(
        instrument=DIRECTIVE,
        celex=DIRECTIVE_CELEX,
        eli=DIRECTIVE_ELI,
        article=match["article"],
        citation=citation,
        verified=paragraph_ref in VERIFIED_PROVISIONS,
        **{key: value for key, value in optional.items() if value is not None},
    )


@dataclass(frozen=True)
class Rule:
    """One check: what it tests, how serious a failure is, and what the reader is told."""

    rule_id: str
    severity: Severity
    provision: str
    title: str
    message: str
    legal_basis: tuple[str, ...]

    def render(self, **values: Any) -> str:
        """The message with the place-specific values filled in."""
        return self.message.format(**values)


def rule_table(*rules: Rule) -> dict[str, Rule]:
    """Rules by identifier; identifiers must be unique."""
    table: dict[str, Rule] = {}
    for rule in rules:
        if rule.rule_id in table:
            raise ValueError(f"duplicate rule id {rule.rule_id}")
        table[rule.rule_id] = rule
    return table


@dataclass(frozen=True)
class Provision:
    """A provision a check reports on, in catalogue order."""

    ref: str
    title: str


def assessment_for(country: str | None) -> Assessment:
    """Binding for EU Member States and Schengen associated states, alignment for others."""
    if country in EU_MEMBER_STATES or country in SCHENGEN_ASSOCIATED_STATES:
        return Assessment.BINDING
    return Assessment.ALIGNMENT


@dataclass
class ReportBuilder:
    """Collects findings and provision outcomes and turns them into a :class:`Report`."""

    rules: Mapping[str, Rule]
    provisions: tuple[Provision, ...]
    findings: list[Finding] = field(default_factory=list)
    _status: dict[str, tuple[ProvisionStatus, str | None]] = field(default_factory=dict)

    def fail(self, rule_id: str, pointer: str = "", **values: Any) -> None:
        """Record that ``rule_id`` fails at ``pointer``."""
        rule = self.rules[rule_id]
        self.findings.append(
            Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=rule.render(**values)[:300],
                pointer=pointer,
                provision=rule.provision,
                legal_basis=[legal_reference(ref) for ref in rule.legal_basis],
                waived=False,
            )
        )

    def mark(self, provision: str, status: ProvisionStatus, justification: str) -> None:
        """Set a provision's status explicitly (not assessable, not applicable)."""
        self._status[provision] = (status, justification[:300])

    def _provision_results(self) -> Iterable[ProvisionResult]:
        for provision in self.provisions:
            rule_ids = sorted(
                r.rule_id for r in self.rules.values() if r.provision == provision.ref
            )
            failed = any(
                f.provision == provision.ref and f.severity is Severity.ERROR for f in self.findings
            )
            status, justification = self._status.get(provision.ref, (ProvisionStatus.MET, None))
            if failed:
                status, justification = ProvisionStatus.NOT_MET, None
            yield ProvisionResult(
                provision=provision.ref,
                title=provision.title,
                status=status,
                rule_ids=rule_ids,
                **({} if justification is None else {"justification": justification}),
            )

    def build(
        self, *, document: str, document_type: str, country: str | None, as_of: date
    ) -> Report:
        findings = sorted(self.findings, key=lambda f: (f.pointer, f.rule_id, f.message))
        provisions = list(self._provision_results())
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        by_status: dict[str, int] = {}
        for result in provisions:
            by_status[result.status.value] = by_status.get(result.status.value, 0) + 1
        return Report(
            **({} if country is None else {"country": country}),
            schema_version="1.0",
            tool_version=__version__,
            document=document[:300] or "-",
            document_type=document_type,
            as_of=as_of,
            assessment=assessment_for(country),
            fail_level=Severity.ERROR,
            provisions=provisions,
            findings=findings,
            summary=Summary(
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                infos=counts[Severity.INFO],
                waived=0,
                provisions=by_status,
                passed=counts[Severity.ERROR] == 0,
            ),
        )
