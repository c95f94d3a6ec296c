"""What a rule is: one declaration carrying its legal basis, metadata, examples and logic.

A rule is declared once, with the ``rule`` decorator, next to the function that evaluates it.
Everything published about it (the machine-readable rule list, the documentation, SARIF rule
metadata, the per-rule test cases) is generated from that declaration, so the explanation of a
rule cannot drift from what it checks.

Rule IDs
--------
``SPOC-<section>-<nnnn>``: ``SPOC-A-0009`` checks a provision of section A of the requirements
catalogue (the Directive's minimum criteria for the SPOC itself), ``SPOC-D-0003`` a
recommendation of section D (Council guidance). Numbers are assigned in catalogue order when a
rule is added and are never reused: a withdrawn rule's ID goes to ``RETIRED_IDS`` and stays
there. National rule packs use IDs of their own that must not start with ``SPOC-`` (by
convention ``<country code>-<name or number>``, e.g. ``PT-0001``).

Evaluating
----------
A rule function receives the validated profile and a ``Context`` (evaluation date, assessment)
and yields ``Outcome`` values: ``not_met(pointer, message)`` where the profile shows the
provision is not met, ``missing(pointer, message)`` where it does not state a fact the rule
needs, ``not_applicable(justification)`` where the profile gives a reason the provision does not
apply. A rule that yields nothing found the provision met. Messages are fixed sentences that may
name codes, dates and durations from the profile but never free text, names or contact values.

What a verdict rests on
-----------------------
Every rule declares ``verification`` (was its reference read in the German text, in an English
copy, or not yet) and ``test_basis``: ``text`` (the test follows the wording),
``interpretation`` (the project's documented reading of a quality word, stated in
``interpretation``; one severity below the provision's force and never a breach),
``recommendation`` (Council Conclusions or guidelines; warning or info, ``addressee`` names whom
they address) or ``consistency`` (a data-quality note with no obligation behind it; info).
Findings carry ``test_basis`` and ``interpretation`` so a reader sees when a verdict rests on
the project's reading rather than on the law.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from spocschema.provisions import Provision, get_provision
from spocschema.report import Assessment, LegalReference, Severity
from spocschema.report import TestBasis as TestBasis  # re-exported: rule metadata vocabulary
from spocschema.report import Verification as Verification

if TYPE_CHECKING:
    from spocschema.models.profile import SpocProfile

OutcomeStatus = Literal["not_met", "not_assessable", "not_applicable"]

#: EU rule IDs: ``SPOC-A-0001`` (section A) or ``SPOC-D-0001`` (section D).
EU_RULE_ID = re.compile(r"^SPOC-[AD]-[0-9]{4}$")
#: National pack rule IDs: letters, digits and hyphens, never starting with ``SPOC-``.
PACK_RULE_ID = re.compile(r"^(?!SPOC-)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")

#: IDs of withdrawn rules, with why. They are never assigned again.
RETIRED: Mapping[str, str] = {
    "SPOC-C-0030": "answered plus refused requests may exceed those received (a request can be "
    "answered in part and refused in part): no article limits them",
}
RETIRED_IDS: frozenset[str] = frozenset(RETIRED)

#: Longest message a rule may produce (the Report's Text limit).
MAX_MESSAGE = 300

#: The rule metadata every rule must declare; a rule built without them falls back to the
#: defaults of ``make_rule`` and lists them in ``Rule.undeclared``.
DECLARED_METADATA = ("verification", "test_basis")

#: Severity that follows a provision's force.
SEVERITY_OF_FORCE: Mapping[str, Severity] = {
    "MUST": Severity.ERROR,
    "SHOULD": Severity.WARNING,
    "MAY": Severity.INFO,
}


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the profile: the evaluation date and the assessment."""

    as_of: date
    assessment: Assessment = Assessment.BINDING


@dataclass(frozen=True, slots=True)
class Outcome:
    """One thing a rule found; a rule that yields nothing found its provision met."""

    status: OutcomeStatus
    pointer: str = ""
    message: str = ""
    justification: str = ""


def not_met(pointer: str, message: str) -> Outcome:
    """The profile shows the provision is not met at ``pointer``."""
    return Outcome("not_met", pointer, message)


def missing(pointer: str, message: str) -> Outcome:
    """The profile does not state a fact the rule needs (``pointer``: where it would go)."""
    return Outcome("not_assessable", pointer, message)


def not_applicable(justification: str, pointer: str = "") -> Outcome:
    """The provision does not apply, for the reason the profile gives."""
    return Outcome("not_applicable", pointer, "", justification)


def yes_no_fact(
    section: object | None, pointer: str, *, unstated: str, untrue: str
) -> Iterator[Outcome]:
    """The outcome of a rule that reads one true/false fact of a profile section.

    Many provisions come down to one declared yes or no at ``pointer``, whose last token names
    the field of ``section``. Left out (or its whole section left out) it cannot be assessed;
    stated false, the provision is not met; true, it is met.
    """
    value = None if section is None else getattr(section, pointer.rsplit("/", 1)[1])
    if value is None:
        yield missing(pointer, unstated)
    elif not value:
        yield not_met(pointer, untrue)


Evaluate = Callable[["SpocProfile", Context], Iterable[Outcome]]


@dataclass(frozen=True)
class Example:
    """A profile fragment applied as a JSON merge patch (RFC 7396) over the base profile."""

    patch: Mapping[str, Any]
    as_of: date | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"patch": dict(self.patch)}
        if self.as_of is not None:
            data["as_of"] = self.as_of.isoformat()
        return data


@dataclass(frozen=True)
class Rule:
    """A compliance rule: metadata for people and tools, and the function that evaluates it."""

    id: str
    title: str
    provision: str
    severity: Severity
    rationale: str
    remediation: str
    evaluate: Evaluate = field(repr=False, compare=False)
    passing: Example
    failing: Example
    tags: tuple[str, ...] = ()
    applies_from: date | None = None
    origin: str = "eu"
    #: What the failing example shows: a provision not met, or a fact the profile leaves out
    #: (rules about facts that can only be stated or not, such as a documented procedure).
    fails_as: Literal["not_met", "not_assessable"] = "not_met"
    #: Whether the reference was read in the text (German, English) or is still unverified.
    verification: Verification = Verification.UNVERIFIED
    #: What the test rests on (text, interpretation, recommendation, consistency).
    test_basis: TestBasis = TestBasis.TEXT
    #: The project's reading, for ``test_basis`` interpretation (and any rule that applies one).
    interpretation: str | None = None
    #: Whom a recommendation addresses ("network of Heads of SPOC", "Member State", ...).
    addressee: str | None = None
    #: Names of ``DECLARED_METADATA`` the rule left to defaults (empty once fully declared).
    undeclared: tuple[str, ...] = ()

    #: The document type profile rules check (document rules name theirs).
    document: ClassVar[str] = "spoc-profile"

    @property
    def breaches(self) -> bool:
        """Whether an unmet finding of this rule can be a breach: a MUST read on its wording.

        Interpretations, recommendations and consistency notes never are, whatever the force.
        """
        return (
            self.provision_info.force == "MUST"
            and self.test_basis is TestBasis.TEXT
            and self.origin == "eu"
        )

    @property
    def provision_info(self) -> Provision:
        return get_provision(self.provision)

    @cached_property
    def legal_basis(self) -> list[LegalReference]:
        """The structured legal basis: the provision checked, then any it also cites."""
        info = self.provision_info
        refs = [info.legal_reference()]
        refs.extend(get_provision(c).legal_reference() for c in info.also_cites if _known(c))
        return refs

    @property
    def awaits_verification(self) -> bool:
        """True if the provision's reference has not been verified in the Official Journal."""
        return not self.provision_info.verified

    def metadata(self) -> dict[str, Any]:
        """Everything published about the rule, JSON-compatible (rule list, docs, SARIF)."""
        info = self.provision_info
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "provision": self.provision,
            "force": info.force,
            "severity": self.severity.value,
            "legal_basis": [ref.to_document() for ref in self.legal_basis],
            "tags": list(self.tags),
            "rationale": self.rationale,
            "remediation": self.remediation,
            "examples": {
                "passing": self.passing.to_dict(),
                "failing": {**self.failing.to_dict(), "status": self.fails_as},
            },
            "origin": self.origin,
            "document": self.document,
            "verification": self.verification.value,
            "test_basis": self.test_basis.value,
        }
        if self.interpretation is not None:
            data["interpretation"] = self.interpretation
        if self.addressee is not None:
            data["addressee"] = self.addressee
        if self.applies_from is not None:
            data["applies_from"] = self.applies_from.isoformat()
        if self.awaits_verification:
            data["verification_note"] = info.verification_note
        return data

    def with_severity(self, severity: Severity) -> Rule:
        """A copy with another severity (rule packs may only raise it)."""
        return replace(self, severity=severity)


def basis_facts(meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What a rule's verdict rests on, as labelled sentences, from its published metadata.

    ``explain`` and the rule pages both show these, so a reader of either learns whether the
    reference was read in the text and whether the test is the text or the project's reading.
    """
    facts: list[tuple[str, str]] = []
    verification = meta.get("verification")
    if verification:
        text = Verification(verification).meaning
        note = meta.get("verification_note")
        facts.append(("Verification", f"{text}. {note}" if note else f"{text}."))
    basis = meta.get("test_basis")
    if basis:
        facts.append(("Test basis", f"{basis}: {TestBasis(basis).meaning}."))
    if meta.get("interpretation"):
        label = "Interpretation (the project's reading, not the law)"
        facts.append((label, str(meta["interpretation"])))
    if meta.get("addressee"):
        facts.append(("Addressed to", str(meta["addressee"])))
    return facts


def _known(citation: str) -> bool:
    try:
        get_provision(citation)
    except KeyError:
        return False
    return True


def _parse_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _default_tags(info: Provision, extra: Iterable[str]) -> tuple[str, ...]:
    tags = [info.force.lower()]
    if info.section in ("A", "B", "C"):
        tags.append("directive")
        if info.article:
            tags.append(f"art-{info.article}")
    else:
        tags.append("guideline")
    if not info.verified:
        tags.append("unverified")
    if info.applies_from is not None:
        tags.append("dated")
    tags.extend(extra)
    return tuple(dict.fromkeys(tags))


def make_rule(
    *,
    id: str,
    provision: str,
    title: str,
    rationale: str,
    remediation: str,
    passing: Mapping[str, Any],
    failing: Mapping[str, Any],
    evaluate: Evaluate,
    tags: Iterable[str] = (),
    severity: Severity | None = None,
    passing_as_of: str | date | None = None,
    failing_as_of: str | date | None = None,
    origin: str = "eu",
    fails_as: Literal["not_met", "not_assessable"] = "not_met",
    verification: Verification | None = None,
    test_basis: TestBasis | None = None,
    interpretation: str | None = None,
    addressee: str | None = None,
) -> Rule:
    """Build a rule; severity and tags follow the provision unless given.

    ``passing`` and ``failing`` are profile fragments, applied as JSON merge patches over the
    base profile (the bundled compliant example), evaluated on ``*_as_of`` if given; examples of
    a dated obligation default to the day it starts to apply.

    ``verification`` and ``test_basis`` should always be given; left out, they default to
    ``unverified`` and to ``recommendation`` for guidance (section D) or ``text`` otherwise, and
    the rule lists them in ``undeclared``. The severity of an interpretation defaults to one
    below the provision's force, that of a consistency note to info.
    """
    info = get_provision(provision)
    # What was read, in which language, is recorded once per provision in the catalogue
    # (``provisions.READ_IN``); a rule declares its own only where it read more than that.
    if verification is None and info.verification != Verification.UNVERIFIED.value:
        verification = Verification(info.verification)
    given = {"verification": verification, "test_basis": test_basis}
    undeclared = tuple(name for name in DECLARED_METADATA if given[name] is None)
    if test_basis is None:
        test_basis = TestBasis.RECOMMENDATION if info.section == "D" else TestBasis.TEXT
    else:
        check_basis(id, test_basis, interpretation, addressee, severity)
    if severity is None:
        severity = default_severity(info.force, test_basis)
    if origin == "eu" and not EU_RULE_ID.fullmatch(id):
        raise ValueError(f"EU rule ID {id!r} does not follow SPOC-<A|D>-<nnnn>")
    if origin != "eu" and not PACK_RULE_ID.fullmatch(id):
        raise ValueError(f"pack rule ID {id!r} must not start with SPOC- (use e.g. PT-0001)")
    if id in RETIRED_IDS:
        raise ValueError(f"rule ID {id!r} was retired and is never reused")
    return Rule(
        id=id,
        title=title,
        provision=provision,
        severity=severity,
        rationale=" ".join(rationale.split()),
        remediation=" ".join(remediation.split()),
        evaluate=evaluate,
        passing=Example(passing, _parse_date(passing_as_of) or info.applies_from),
        failing=Example(failing, _parse_date(failing_as_of) or info.applies_from),
        tags=_default_tags(info, tags),
        applies_from=info.applies_from,
        origin=origin,
        fails_as=fails_as,
        verification=verification or Verification.UNVERIFIED,
        test_basis=test_basis,
        interpretation=None if interpretation is None else " ".join(interpretation.split()),
        addressee=addressee,
        undeclared=undeclared,
    )


_LOWER: Mapping[Severity, Severity] = {
    Severity.ERROR: Severity.WARNING,
    Severity.WARNING: Severity.INFO,
    Severity.INFO: Severity.INFO,
}


def default_severity(force: str, test_basis: TestBasis) -> Severity:
    """The severity a rule takes unless it says otherwise.

    The text: the provision's force. The project's interpretation: one below it, so a verdict
    on a reading never weighs as much as a breach of the wording. A recommendation: at most a
    warning. A consistency note: info.
    """
    severity = SEVERITY_OF_FORCE[force]
    if test_basis is TestBasis.INTERPRETATION:
        return _LOWER[severity]
    if test_basis is TestBasis.RECOMMENDATION:
        return _LOWER[severity] if severity is Severity.ERROR else severity
    if test_basis is TestBasis.CONSISTENCY:
        return Severity.INFO
    return severity


def check_basis(
    rule_id: str,
    test_basis: TestBasis,
    interpretation: str | None,
    addressee: str | None,
    severity: Severity | None,
) -> None:
    """Refuse metadata that would present a reading or guidance as the law."""
    if test_basis is TestBasis.INTERPRETATION and not (interpretation or "").strip():
        raise ValueError(f"rule {rule_id}: an interpretation must state its reading")
    if test_basis is TestBasis.RECOMMENDATION and not (addressee or "").strip():
        raise ValueError(f"rule {rule_id}: a recommendation must say whom it addresses")
    if test_basis is not TestBasis.TEXT and severity is Severity.ERROR:
        raise ValueError(f"rule {rule_id}: only a test of the text may be an error")


class RuleRegistry:
    """An ordered collection of rules with unique IDs."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if rule.id in self._rules:
            raise ValueError(f"duplicate rule ID {rule.id!r}")
        self._rules[rule.id] = rule
        return rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise KeyError(f"unknown rule {rule_id!r}") from None


#: The EU rules (sections A and D), filled by the rule modules when they are imported.
EU_RULES = RuleRegistry()


def rule(
    *,
    id: str,
    provision: str,
    title: str,
    rationale: str,
    remediation: str,
    passing: Mapping[str, Any],
    failing: Mapping[str, Any],
    tags: Iterable[str] = (),
    passing_as_of: str | None = None,
    failing_as_of: str | None = None,
    fails_as: Literal["not_met", "not_assessable"] = "not_met",
    severity: Severity | None = None,
    verification: Verification | None = None,
    test_basis: TestBasis | None = None,
    interpretation: str | None = None,
    addressee: str | None = None,
) -> Callable[[Evaluate], Rule]:
    """Declare an EU rule on its evaluating function and register it."""

    def register(function: Evaluate) -> Rule:
        return EU_RULES.add(
            make_rule(
                id=id,
                provision=provision,
                title=title,
                rationale=rationale,
                remediation=remediation,
                passing=passing,
                failing=failing,
                evaluate=function,
                tags=tags,
                passing_as_of=passing_as_of,
                failing_as_of=failing_as_of,
                fails_as=fails_as,
                severity=severity,
                verification=verification,
                test_basis=test_basis,
                interpretation=interpretation,
                addressee=addressee,
            )
        )

    return register
