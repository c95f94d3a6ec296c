"""Rules on the documents of an exchange: requests, exchange records, statistics, networks.

Profile rules (``rules.base``) take a profile and yield outcomes; the rules here take a request,
an exchange record, a set of annual statistics or a set of profiles, and are data: an
identifier, the catalogue provision they check (from :mod:`spocschema.provisions`, so force,
title and verification state are declared once for the whole library), the provisions they
cite, a message template and the same metadata every rule declares (``verification``,
``test_basis``, ``interpretation``, ``addressee``). Check functions only decide *where* a rule
fails; everything a reader sees comes from the rule, so it reads the same in every output.

Every document rule is registered in ``DOCUMENT_RULES`` when its module is imported;
``spocschema.rules`` walks them with the profile rules, so ``rules``, ``explain``, SARIF rule
metadata, the rule pages and the coverage matrix all come from one registry.

IDs: ``SPOC-B-*`` for requests and exchange records (section B of the catalogue), ``SPOC-C-*``
for statistics (section C), ``SPOC-N-*`` for checks across a set of profiles. Severity follows
the provision's force and the test basis; a fact not stated is *not assessable*, one severity
lower; ``breach`` only for an unmet MUST tested on its wording, on a bound state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from spocschema._version import __version__
from spocschema.codelists import EU_MEMBER_STATES, SCHENGEN_ASSOCIATED_STATES
from spocschema.provisions import Provision, get_provision
from spocschema.report import (
    REPORT_SCHEMA_VERSION,
    Assessment,
    Finding,
    LegalReference,
    ProvisionResult,
    ProvisionStatus,
    Report,
    Severity,
    Summary,
    TestBasis,
    Verification,
)
from spocschema.rules.base import RETIRED_IDS, check_basis, default_severity

FindingStatus = Literal["not_met", "not_assessable"]

_LOWER = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}
_POINTS = re.compile(r"\(([a-z]+)\)")
_TEXT_LIMIT = 300


def _bounded(text: str) -> str:
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"


def legal_reference(citation: str) -> LegalReference:
    """The structured reference of a citation, from the catalogue entry it falls under.

    ``Art 4(5)(a)`` is not a row of its own in the catalogue: it takes the instrument and the
    verification state of ``Art 4(5)`` and names its own point.
    """
    base = citation
    while True:
        try:
            provision = get_provision(base)
            break
        except KeyError:
            cut = base.rfind("(")
            if cut <= 0:
                raise
            base = base[:cut]
    reference = provision.legal_reference()
    if base == citation:
        return reference
    first, *rest = _POINTS.findall(citation.removeprefix(base))
    if reference.point:
        point = reference.point + "".join(f"({p})" for p in (first, *rest))
    else:
        point = first + "".join(f"({p})" for p in rest)
    return reference.model_copy(update={"citation": citation, "point": point})


#: The document types document rules check, with the entry point that applies them.
DOCUMENTS: Mapping[str, str] = {
    "information-request": "spocschema.rules.request_documents.check_request",
    "exchange-record": "spocschema.rules.exchange_records.check_exchange_record",
    "annual-statistics": "spocschema.rules.annual_statistics.check_statistics",
    "network-report": "spocschema network (cross-checks of a set of profiles)",
}


@dataclass(frozen=True)
class DocumentRule:
    """One check: the provision it tests, what it cites, and what the reader is told."""

    rule_id: str
    provision: str
    title: str
    message: str
    cites: tuple[str, ...]
    #: Both are declared by every rule, by keyword: there is no default to fall back on.
    verification: Verification = field(kw_only=True)
    test_basis: TestBasis = field(kw_only=True)
    interpretation: str | None = None
    addressee: str | None = None
    #: The published document type the rule checks; set by ``rule_table``.
    document: str = ""
    #: A severity other than the one force and basis give (never error unless on the text).
    fixed_severity: Severity | None = None
    #: What a finding says when the document leaves out a fact the rule needs (default: the
    #: rule's title, as the fact that cannot be assessed).
    unstated: str = ""

    @property
    def id(self) -> str:
        """The rule ID, under the name profile rules use."""
        return self.rule_id

    @property
    def provision_info(self) -> Provision:
        return get_provision(self.provision)

    @property
    def severity(self) -> Severity:
        """Severity follows the force of the provision (MUST: error) and the test basis."""
        if self.fixed_severity is not None:
            return self.fixed_severity
        return default_severity(self.provision_info.force, self.test_basis)

    @property
    def breaches(self) -> bool:
        """An unmet finding can be a breach only for a MUST tested on its wording."""
        return self.provision_info.force == "MUST" and self.test_basis is TestBasis.TEXT

    @property
    def legal_basis(self) -> list[LegalReference]:
        return [legal_reference(citation) for citation in self.cites]

    def render(self, **values: Any) -> str:
        """The message with the place-specific values filled in."""
        return self.message.format(**values)

    def metadata(self, document: str | None = None) -> dict[str, Any]:
        """What ``rules``, ``explain`` and the documentation publish about the rule, shaped
        like a profile rule's metadata so one renderer serves both; ``document`` names the
        published document type the rule checks (default: the one it is registered for)."""
        document = document or self.document
        info = self.provision_info
        requirement = self.title[:1].lower() + self.title[1:]
        data: dict[str, Any] = {
            "id": self.rule_id,
            "title": self.title,
            "provision": self.provision,
            "force": info.force,
            "severity": self.severity.value,
            "legal_basis": [ref.to_document() for ref in self.legal_basis],
            "document": document,
            "rationale": f"{info.citation} ({info.force}): {info.title}",
            "remediation": f"Correct the {document.replace('-', ' ')} so that {requirement}.",
            "message": self.message,
            "verification": self.verification.value,
            "test_basis": self.test_basis.value,
        }
        if self.interpretation is not None:
            data["interpretation"] = self.interpretation
        if self.addressee is not None:
            data["addressee"] = self.addressee
        if info.applies_from is not None:
            data["applies_from"] = info.applies_from.isoformat()
        if not info.verified:
            data["verification_note"] = info.verification_note
        return data


#: Every document rule by ID, filled by ``rule_table`` as the rule modules are imported.
DOCUMENT_RULES: dict[str, DocumentRule] = {}


def rule_table(document: str, *rules: DocumentRule) -> dict[str, DocumentRule]:
    """Register the rules of one document type; returns them by identifier.

    Identifiers must be unique across every document rule and cite catalogue provisions; an
    interpretation must state its reading and a recommendation whom it addresses.
    """
    if document not in DOCUMENTS:
        raise ValueError(f"unknown document type {document!r} for rules")
    table: dict[str, DocumentRule] = {}
    for rule in rules:
        if rule.rule_id in table or rule.rule_id in DOCUMENT_RULES:
            raise ValueError(f"duplicate rule id {rule.rule_id}")
        if rule.rule_id in RETIRED_IDS:
            raise ValueError(f"rule ID {rule.rule_id!r} was retired and is never reused")
        rule.legal_basis  # noqa: B018 - fails early on a citation outside the catalogue
        check_basis(
            rule.rule_id, rule.test_basis, rule.interpretation, rule.addressee, rule.fixed_severity
        )
        table[rule.rule_id] = replace(rule, document=document)
    DOCUMENT_RULES.update(table)
    return table


def assessment_for(country: str | None) -> Assessment:
    """Binding for EU Member States and Schengen associated states, alignment for others."""
    if country in EU_MEMBER_STATES or country in SCHENGEN_ASSOCIATED_STATES:
        return Assessment.BINDING
    return Assessment.ALIGNMENT


@dataclass
class ReportBuilder:
    """Collects findings and provision outcomes and turns them into a report.

    The result is a :class:`~spocschema.report.Report`, the document every check produces.
    """

    rules: Mapping[str, DocumentRule]
    provisions: tuple[str, ...]
    assessment: Assessment = Assessment.BINDING
    findings: list[Finding] = field(default_factory=list)
    _status: dict[str, tuple[ProvisionStatus, str]] = field(default_factory=dict)

    def fail(self, rule_id: str, pointer: str = "", **values: Any) -> None:
        """Record that the document shows ``rule_id``'s provision is not met at ``pointer``."""
        self._add(rule_id, pointer, "not_met", values)

    def missing(self, rule_id: str, pointer: str = "", **values: Any) -> None:
        """Record that the document does not state a fact ``rule_id`` needs."""
        self._add(rule_id, pointer, "not_assessable", values)

    def _add(self, rule_id: str, pointer: str, status: FindingStatus, values: Any) -> None:
        rule = self.rules[rule_id]
        severity = (
            rule.severity if status == "not_met" else _LOWER.get(rule.severity, rule.severity)
        )
        if status == "not_met":
            message = rule.render(**values)
        elif rule.unstated:
            message = rule.unstated.format(**values)
        else:
            message = f"not stated, so not assessable: {rule.title[:1].lower()}{rule.title[1:]}"
        alignment = self.assessment is Assessment.ALIGNMENT
        if alignment and status == "not_met":
            message = f"Alignment gap: {message}"
        self.findings.append(
            Finding(
                rule_id=rule.rule_id,
                severity=severity,
                status=status,
                breach=status == "not_met" and not alignment and rule.breaches,
                message=_bounded(message),
                pointer=pointer,
                provision=rule.provision,
                legal_basis=rule.legal_basis,
                test_basis=rule.test_basis,
                **({} if rule.interpretation is None else {"interpretation": rule.interpretation}),
                waived=False,
            )
        )

    def mark(self, provision: str, status: ProvisionStatus, justification: str) -> None:
        """Set a provision's status when no finding decides it (e.g. input not given)."""
        self._status[provision] = (status, _bounded(justification))

    def _provision_results(self) -> Iterable[ProvisionResult]:
        for citation in self.provisions:
            info = get_provision(citation)
            rule_ids = sorted(r.rule_id for r in self.rules.values() if r.provision == citation)
            # A consistency note points at figures worth a look; it never decides a provision.
            statuses = {
                f.status
                for f in self.findings
                if f.provision == citation and f.test_basis is not TestBasis.CONSISTENCY
            }
            extra: dict[str, Any] = {}
            if "not_met" in statuses:
                status = ProvisionStatus.NOT_MET
            elif "not_assessable" in statuses:
                status = ProvisionStatus.NOT_ASSESSABLE
            elif citation in self._status:
                status, extra["justification"] = self._status[citation]
            else:
                status = ProvisionStatus.MET
            yield ProvisionResult(
                provision=citation,
                title=info.title,
                force=info.force,
                legal_basis=info.legal_reference(),
                status=status,
                rule_ids=rule_ids,
                **extra,
            )

    def build(
        self, *, document: str, document_type: str, country: str | None, as_of: date
    ) -> Report:
        """The report: provisions in the order given, findings by pointer then rule."""
        findings = sorted(self.findings, key=lambda f: (f.pointer, f.rule_id, f.message))
        provisions = list(self._provision_results())
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        by_status = {s.value: 0 for s in ProvisionStatus}
        for result in provisions:
            by_status[result.status.value] += 1
        return Report(
            **({} if country is None else {"country": country}),
            schema_version=REPORT_SCHEMA_VERSION,
            tool_version=__version__,
            document=_bounded(document) or "-",
            document_type=document_type,
            as_of=as_of,
            assessment=self.assessment,
            fail_level=Severity.ERROR,
            rule_packs=[],
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
