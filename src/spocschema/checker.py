"""Check a SPOC profile against every rule and report, provision by provision, where it stands.

``check`` runs every selected rule, never stopping at the first finding, and returns a
``Report``: a status for each provision (met, not met, not applicable with the profile's own
justification, not assessable, upcoming), the findings with their legal basis and JSON Pointer,
and summary counts. The order of everything in a report is deterministic: provisions in
catalogue order, findings by provision, rule and pointer.

Conditional obligations follow what the profile declares and the evaluation date:

- ``state.status`` ``partner_aligning`` (or ``directive_application`` ``not_bound``) makes the
  report an *alignment* assessment. Severities stay those of the provisions, so a team can gate
  its alignment work on them exactly as a Member State would, but no finding is a legal breach
  (``breach`` is false) and messages say "alignment gap" instead of stating a breach.
- An obligation whose ``applies_from`` date lies after ``as_of`` is *upcoming*: the rule still
  runs, so the team sees what it will have to fix, but its findings are info and not breaches.
- A fact the profile does not state is *not assessable*: the finding is one severity below the
  rule's (a MUST rule gives a warning), because a gap in the description is not a proven breach
  but must not pass unnoticed either.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from spocschema.enums import DirectiveApplication, StateStatus
from spocschema.errors import MAX_MESSAGE_LENGTH, SpocSchemaError
from spocschema.provisions import catalogue_order, get_provision
from spocschema.report import (
    REPORT_SCHEMA_VERSION,
    Assessment,
    Finding,
    ProvisionResult,
    ProvisionStatus,
    Report,
    Severity,
    Summary,
    Waiver,
    verdict_of,
)
from spocschema.rules import all_rules
from spocschema.rules.base import Context, Outcome, Rule
from spocschema.rules.packs import RulePack, apply_packs, resolve_packs

if TYPE_CHECKING:
    from spocschema.loading import LoadedDocument, Source
    from spocschema.models.profile import SpocProfile
    from spocschema.models.provenance import Provenance
    from spocschema.waivers import LoadedWaiver, WaiverDocument, WaiverEntry

__all__ = [
    "SelectionError",
    "assessment_of",
    "check",
    "must_rule_ids",
    "prepare_waivers",
    "select_rules",
]


class SelectionError(SpocSchemaError, ValueError):
    """A ``select`` or ``ignore`` entry names no rule ID, tag or provision."""


FindingStatus = Literal["not_met", "not_assessable", "upcoming"]

_LOWER = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}
_TEXT_LIMIT = 300


def assessment_of(profile: SpocProfile) -> Assessment:
    """Binding for Member States and Schengen associated states; alignment for partners.

    A state that declares the Directive does not bind it (``directive_application: not_bound``)
    is assessed as aligning too: the declaration, never an assumption, decides.
    """
    state = profile.state
    if state.status is StateStatus.PARTNER_ALIGNING:
        return Assessment.ALIGNMENT
    if state.directive_application is DirectiveApplication.NOT_BOUND:
        return Assessment.ALIGNMENT
    return Assessment.BINDING


def _matches(rule: Rule, keys: Iterable[str]) -> bool:
    return any(key == rule.id or key in rule.tags or key == rule.provision for key in keys)


def select_rules(
    rules: Iterable[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> list[Rule]:
    """Rules chosen by ID, tag or provision citation; ``ignore`` wins over ``select``.

    An entry that matches no rule at all is a ``SelectionError``: a typo in a rule ID must not
    silently run nothing (or ignore nothing).
    """
    rules = list(rules)
    for key in [*(select or ()), *(ignore or ())]:
        if not any(_matches(r, (key,)) for r in rules):
            raise SelectionError(f"{key!r} is not a rule ID, tag or provision of any rule")
    chosen = [r for r in rules if select is None or _matches(r, select)]
    if ignore:
        chosen = [r for r in chosen if not _matches(r, ignore)]
    return chosen


def _bounded(text: str, limit: int = _TEXT_LIMIT) -> str:
    text = " ".join(text.split())
    limit = min(limit, MAX_MESSAGE_LENGTH)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read(
    source: SpocProfile | Source, name: str | None
) -> tuple[SpocProfile, LoadedDocument | None, str]:
    from spocschema.models.profile import SpocProfile

    if isinstance(source, SpocProfile):
        return source, None, name or "profile"
    from spocschema.loading import load_document
    from spocschema.validation import validate_document

    document = load_document(source, name=name)
    return validate_document(document, SpocProfile), document, document.source


class _Run:
    """The state of one check: outcomes per provision, findings, and waivers."""

    def __init__(
        self,
        ctx: Context,
        document: LoadedDocument | None,
        label: str,
        profile: SpocProfile | None = None,
    ) -> None:
        self.ctx = ctx
        self.document = document
        self.label = label
        self.profile = profile
        self.by_provision: dict[str, list[tuple[Rule, list[Outcome]]]] = {}
        self.findings: list[Finding] = []

    def record(self, rule: Rule, outcomes: list[Outcome]) -> None:
        self.by_provision.setdefault(rule.provision, []).append((rule, outcomes))
        upcoming = rule.applies_from is not None and self.ctx.as_of < rule.applies_from
        alignment = self.ctx.assessment is Assessment.ALIGNMENT
        for outcome in outcomes:
            status: FindingStatus
            if outcome.status == "not_applicable":
                continue
            if upcoming:
                if outcome.status != "not_met":
                    continue
                status, severity = "upcoming", Severity.INFO
                message = f"From {rule.applies_from}: {outcome.message}"
            elif outcome.status == "not_met":
                status, severity = "not_met", rule.severity
                message = f"Alignment gap: {outcome.message}" if alignment else outcome.message
            else:
                status, severity = "not_assessable", _LOWER.get(rule.severity, Severity.INFO)
                message = outcome.message
            breach = status == "not_met" and not alignment and rule.breaches
            self.findings.append(self._finding(rule, outcome, status, severity, message, breach))

    def _finding(
        self,
        rule: Rule,
        outcome: Outcome,
        status: FindingStatus,
        severity: Severity,
        message: str,
        breach: bool,
    ) -> Finding:
        where = self.document.position(outcome.pointer) if self.document else None
        return Finding.model_construct(
            rule_id=rule.id,
            severity=severity,
            status=status,
            breach=breach,
            message=_bounded(message),
            pointer=outcome.pointer,
            provision=rule.provision,
            legal_basis=rule.legal_basis,
            test_basis=rule.test_basis,
            interpretation=rule.interpretation,
            file=self.label if self.document is not None else None,
            line=where[0] if where else None,
            column=where[1] if where else None,
            waived=False,
            waiver=None,
            provenance=_provenance(self.profile, outcome.pointer),
        )

    def provision_results(self) -> list[ProvisionResult]:
        order = catalogue_order()
        results = []
        for citation in sorted(self.by_provision, key=lambda c: (order.get(c, len(order)), c)):
            entries = self.by_provision[citation]
            info = get_provision(citation)
            outcomes = [o for _, rule_outcomes in entries for o in rule_outcomes]
            justification: str | None = None
            if info.applies_from is not None and self.ctx.as_of < info.applies_from:
                status = ProvisionStatus.UPCOMING
                justification = f"Applies from {info.applies_from.isoformat()}; " + _early(outcomes)
            elif any(o.status == "not_met" for o in outcomes):
                status = ProvisionStatus.NOT_MET
            elif any(o.status == "not_assessable" for o in outcomes):
                status = ProvisionStatus.NOT_ASSESSABLE
            elif outcomes and all(o.status == "not_applicable" for o in outcomes):
                status = ProvisionStatus.NOT_APPLICABLE
                justification = _bounded(" ".join(o.justification for o in outcomes))
            else:
                status = ProvisionStatus.MET
            results.append(
                ProvisionResult.model_construct(
                    provision=citation,
                    title=info.title,
                    force=info.force,
                    legal_basis=info.legal_reference(),
                    status=status,
                    rule_ids=sorted(rule.id for rule, _ in entries),
                    justification=justification,
                    applies_from=info.applies_from,
                )
            )
        return results


def _early(outcomes: list[Outcome]) -> str:
    """Whether a profile already meets an obligation that applies only from a later date."""
    if any(o.status == "not_met" for o in outcomes):
        return "the profile does not meet it yet."
    if any(o.status == "not_assessable" for o in outcomes):
        return "the profile does not yet show whether it meets it."
    return "the profile already meets it."


def _provenance(profile: SpocProfile | None, pointer: str) -> Provenance | None:
    """The provenance the profile gives for the section a finding points into, if any."""
    if profile is None:
        return None
    section = pointer.split("/")[1] if pointer.startswith("/") else ""
    value = getattr(profile, section, None) if section else None
    provenance: Provenance | None = getattr(value, "provenance", None)
    return provenance


#: Why a waiver without an expiry date leaves an EU MUST error standing.
NEEDS_EXPIRY = (
    "an error of an EU MUST rule is waived only by a waiver with an expiry date (expires_on)"
)


def _waiver_rank(waiver: WaiverEntry, finding: Finding, must: set[str], as_of: date) -> Any:
    """Prefer a waiver that waives; then one in force; among those, the one that lasts longest."""
    refused = waiver.expires_on is None and _needs_expiry(finding, must)
    lasts = waiver.expires_on or date.max
    return (waiver.in_force(as_of) and not refused, waiver.in_force(as_of), lasts)


def _needs_expiry(finding: Finding, must: set[str]) -> bool:
    return finding.severity is Severity.ERROR and finding.rule_id in must


def _apply_waivers(
    findings: list[Finding],
    waivers: list[LoadedWaiver],
    as_of: date,
    must: set[str],
    document: str | None,
) -> None:
    """Mark the findings waivers cover; ``must`` holds the IDs of the EU MUST rules.

    ``document``: the path the profile was read from (None for data given directly), for
    waivers that name their document.
    """
    for finding in findings:
        matching = [
            w.entry for w in waivers if w.covers(finding.rule_id, finding.pointer, document)
        ]
        if not matching:
            continue
        chosen = max(matching, key=lambda w: _waiver_rank(w, finding, must, as_of))
        in_force = chosen.in_force(as_of)
        refused = (
            NEEDS_EXPIRY if chosen.expires_on is None and _needs_expiry(finding, must) else None
        )
        finding.waived = in_force and refused is None
        finding.waiver = Waiver.model_construct(
            justification=_bounded(chosen.justification),
            expires_on=chosen.expires_on,
            expired=not in_force,
            owner=_bounded(chosen.owner) if chosen.owner is not None else None,
            refused=refused,
        )
        if chosen.expires_on is not None and not in_force:
            finding.message = _bounded(
                f"{finding.message} (waiver expired on {chosen.expires_on.isoformat()})"
            )
        elif refused is not None:
            finding.message = _bounded(f"{finding.message} (waiver not applied: {refused})")


def must_rule_ids(rules: Iterable[Rule]) -> set[str]:
    """IDs of the rules of EU MUST provisions: their errors need a waiver with an expiry date."""
    return {r.id for r in rules if r.origin == "eu" and r.provision_info.force == "MUST"}


def prepare_waivers(
    waivers: WaiverDocument | Iterable[WaiverEntry] | Iterable[LoadedWaiver] | Source,
    rules: Iterable[Rule],
) -> list[LoadedWaiver]:
    """Load waivers and refuse any that can never match one of ``rules`` (``DocumentError``)."""
    from spocschema import schemas
    from spocschema.waivers import load_located, refuse_unmatchable

    located = load_located(waivers)
    refuse_unmatchable(located, (r.id for r in rules), schemas.load("spoc-profile"))
    return located


def _summary(
    findings: list[Finding], provisions: list[ProvisionResult], fail_level: Severity
) -> Summary:
    counts = dict.fromkeys(Severity, 0)
    waived = 0
    for finding in findings:
        if finding.waived:
            waived += 1
        else:
            counts[finding.severity] += 1
    by_status = {s.value: 0 for s in ProvisionStatus}
    for result in provisions:
        by_status[result.status.value] += 1
    passed = not any(not f.waived and f.severity.rank >= fail_level.rank for f in findings)
    return Summary.model_construct(
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        waived=waived,
        provisions=by_status,
        passed=passed,
        verdict=verdict_of(passed, provisions),
    )


def check(
    source: SpocProfile | Source,
    *,
    as_of: date | str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fail_on: Severity | str = "error",
    waivers: WaiverDocument | Iterable[WaiverEntry] | Iterable[LoadedWaiver] | Source | None = None,
    rule_packs: bool | Sequence[str | RulePack] | None = True,
    name: str | None = None,
) -> Report:
    """Check a SPOC profile and return the report.

    ``source``: a ``SpocProfile``, a mapping, JSON/YAML text or bytes, or a ``pathlib.Path``
    (an invalid document raises ``DocumentError``). ``as_of``: the evaluation date, a ``date``
    or an ISO ``YYYY-MM-DD`` string (default today; anything else, a ``datetime`` included,
    raises ``ArgumentError``). ``select``/``ignore``: rule IDs, tags or provision citations.
    ``fail_on``: the lowest severity that makes ``summary.passed`` false. ``waivers``: a waiver
    document, entries, or a waiver file. ``rule_packs``: True for every installed national
    pack, False for none, or a list of pack names or ``RulePack`` objects. Raises
    ``RulePackError`` if a pack overreaches.
    """
    from spocschema._version import __version__

    evaluation_date = _as_date(as_of)
    fail_level = Severity(fail_on)
    profile, document, label = _read(source, name)
    packs = resolve_packs(rule_packs)
    available = apply_packs(all_rules(), packs) if packs else list(all_rules())
    entries = prepare_waivers(waivers, available) if waivers is not None else None
    rules = select_rules(available, select, ignore)
    ctx = Context(as_of=evaluation_date, assessment=assessment_of(profile))

    run = _Run(ctx, document, label, profile)
    for rule in rules:
        run.record(rule, list(rule.evaluate(profile, ctx)))

    order = catalogue_order()
    findings = sorted(
        run.findings,
        key=lambda f: (order.get(f.provision, len(order)), f.rule_id, f.pointer, f.status),
    )
    if entries is not None:
        named = document is not None or name is not None  # a file, not bare data
        path = label if named and not label.startswith("<") else None
        _apply_waivers(findings, entries, evaluation_date, must_rule_ids(available), path)
    provisions = run.provision_results()
    return Report.model_construct(
        schema_version=REPORT_SCHEMA_VERSION,
        tool_version=__version__,
        document=_bounded(label),
        document_type="spoc-profile",
        country=profile.state.country,
        spoc_name=_bounded(profile.spoc.name),
        revision_date=profile.revision_date,
        as_of=evaluation_date,
        assessment=ctx.assessment,
        fail_level=fail_level,
        rule_packs=[pack.name for pack in packs],
        provisions=provisions,
        findings=findings,
        summary=_summary(findings, provisions, fail_level),
    )


def _as_date(value: date | str | None) -> date:
    from spocschema.instants import as_date

    return date.today() if value is None else as_date(value)
