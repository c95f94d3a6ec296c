"""The rule registry: every compliance rule, its metadata, and the coverage of the catalogue.

Every rule of the library is registered here, whatever document it checks: profiles (the
modules by article group, ``check``), requests (``request_documents``), exchange records
(``exchange_records``), annual statistics (``annual_statistics``) and sets of profiles
(``network_crosschecks``). ``every_rule()`` walks them all in the order of the Directive, and
everything published about rules is made from that one walk: ``rules_as_json()`` (the
``rules`` command, the rule pages, SARIF rule metadata), ``rule_metadata(id)`` (``explain``)
and ``coverage()`` (the coverage matrix). Nothing about a rule is written twice.

``all_rules()`` and ``get_rule(id)`` are the profile rules, which the profile checker runs.
The rule modules are imported on first use so that ``import spocschema`` stays cheap.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from spocschema.provisions import PROVISIONS, Provision, get_provision
from spocschema.rules.base import (
    EU_RULES,
    RETIRED_IDS,
    Context,
    Example,
    Outcome,
    Rule,
    RuleRegistry,
    TestBasis,
    Verification,
    make_rule,
    missing,
    not_applicable,
    not_met,
)

if TYPE_CHECKING:
    from spocschema.rules.documents import DocumentRule

__all__ = [
    "RETIRED_IDS",
    "Context",
    "Example",
    "Outcome",
    "Rule",
    "RuleRegistry",
    "TestBasis",
    "Verification",
    "all_rules",
    "article_coverage",
    "coverage",
    "document_rules",
    "every_rule",
    "get_rule",
    "make_rule",
    "missing",
    "not_applicable",
    "not_met",
    "rule_metadata",
    "rules_as_json",
]

#: The modules declaring profile rules, by article group.
RULE_MODULES = (
    "spocschema.rules.identity",
    "spocschema.rules.organisation",
    "spocschema.rules.case_management",
    "spocschema.rules.communication",
    "spocschema.rules.requests",
    "spocschema.rules.network",
    "spocschema.rules.guidelines",
)

#: The modules declaring rules of the other documents, in the order of the Directive: requests
#: (Art 4), exchange records (Arts 5-12), statistics (Art 18), sets of profiles.
DOCUMENT_RULE_MODULES = (
    "spocschema.rules.request_documents",
    "spocschema.rules.exchange_records",
    "spocschema.rules.annual_statistics",
    "spocschema.rules.network_crosschecks",
)


@cache
def _eu_rules() -> tuple[Rule, ...]:
    for module in RULE_MODULES:
        import_module(module)
    return tuple(sorted(EU_RULES, key=lambda r: r.id))


@cache
def document_rules() -> tuple[DocumentRule, ...]:
    """Every rule of a request, exchange record, statistics document or set of profiles."""
    from spocschema.rules.documents import DOCUMENT_RULES

    for module in DOCUMENT_RULE_MODULES:
        import_module(module)
    return tuple(sorted(DOCUMENT_RULES.values(), key=lambda r: r.rule_id))


def all_rules() -> tuple[Rule, ...]:
    """Every EU profile rule, sorted by ID (national packs are added by the checker)."""
    return _eu_rules()


def get_rule(rule_id: str) -> Rule:
    """The EU profile rule with this ID; ``KeyError`` naming it otherwise."""
    _eu_rules()
    return EU_RULES.get(rule_id)


_NUMBER = re.compile(r"\d+")


def directive_order(provision: Provision) -> tuple[int, int, str]:
    """Sort key laying rules out like the Directive: by article and paragraph, guidance last."""
    if provision.article is None or not provision.article.isdigit():
        return (1000, 0, provision.citation)
    paragraph = _NUMBER.match(provision.paragraph or "")
    return (int(provision.article), int(paragraph.group()) if paragraph else 0, provision.citation)


@cache
def every_rule() -> tuple[Rule | DocumentRule, ...]:
    """Every rule of the library, whatever it checks, in the order of the Directive.

    Ordered by the article of the provision checked, then by ID; guidance comes last. This is
    the one walk behind ``rules``, ``explain``, SARIF rule metadata, the rule pages and the
    coverage matrix.
    """
    found: list[Rule | DocumentRule] = [*all_rules(), *document_rules()]
    return tuple(sorted(found, key=lambda r: (directive_order(get_provision(r.provision)), r.id)))


def rule_metadata(rule_id: str) -> dict[str, Any]:
    """The published metadata of any rule by ID; ``KeyError`` naming it otherwise."""
    for rule in every_rule():
        if rule.id == rule_id:
            return rule.metadata()
    raise KeyError(f"unknown rule {rule_id!r}")


def coverage() -> dict[str, list[str]]:
    """Provision citation -> IDs of every rule assessing it, for every catalogue provision.

    A provision no rule assesses maps to an empty list; its ``no_rule_reason`` in the
    catalogue says why.
    """
    table: dict[str, list[str]] = {p.citation: [] for p in PROVISIONS}
    for rule in every_rule():
        table[rule.provision].append(rule.id)
    return {citation: sorted(ids) for citation, ids in table.items()}


#: The articles of the Directive that oblige a SPOC or its exchanges: Art 4 (requests) to
#: Art 18 (statistics). The coverage matrix lists every one of them.
MATRIX_ARTICLES = tuple(str(number) for number in range(4, 19))


def article_coverage() -> list[dict[str, Any]]:
    """Every article 4-18, each provision of it, the rules assessing it, or why there is none.

    A provision without a rule carries its ``no_rule_reason`` from the catalogue, so the
    coverage matrix never shows a gap without saying why.
    """
    table = coverage()
    articles = []
    for article in MATRIX_ARTICLES:
        rows = [
            {
                "citation": p.citation,
                "section": p.section,
                "force": p.force,
                "title": p.title,
                "rules": table[p.citation],
                **({} if table[p.citation] else {"no_rule_reason": p.no_rule_reason}),
            }
            for p in sorted((p for p in PROVISIONS if p.article == article), key=directive_order)
        ]
        articles.append({"article": article, "provisions": rows})
    return articles


def rules_as_json() -> dict[str, Any]:
    """The machine-readable rule list: every rule's metadata and the coverage table.

    ``rules`` holds every rule in the order of the Directive, each naming the ``document`` type
    it checks (``spoc-profile``, ``information-request``, ``exchange-record``,
    ``annual-statistics``, ``network-report``).
    """
    from spocschema._version import __version__

    return {
        "tool_version": __version__,
        "id_scheme": "SPOC-<section A|D>-<nnnn> for profile rules, SPOC-B-<nnnn> for rules of "
        "requests and exchange records, SPOC-C-<nnnn> for statistics rules and SPOC-N-<nnnn> "
        "for checks across a set of profiles; IDs are never reused; national packs use IDs not "
        "starting with SPOC-",
        "retired_ids": sorted(RETIRED_IDS),
        "rules": [rule.metadata() for rule in every_rule()],
        "provisions": [p.to_dict() for p in PROVISIONS],
        "coverage": coverage(),
        "articles": article_coverage(),
    }
