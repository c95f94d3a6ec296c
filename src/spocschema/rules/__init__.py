"""The rule registry: every compliance rule, its metadata, and the coverage of the catalogue.

``all_rules()`` and ``get_rule(id)`` are what the ``rules`` and ``explain`` commands, the
documentation and the SARIF writer read. ``rules_as_json()`` is the machine-readable rule list
and ``coverage()`` the table from each provision to the rules that assess it; both are
generated from the rule declarations, never written by hand.

The EU rules live in modules named for what they check; they are imported on first use so that
``import spocschema`` stays cheap.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

from spocschema.provisions import PROVISIONS
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
    "coverage",
    "get_rule",
    "make_rule",
    "missing",
    "not_applicable",
    "not_met",
    "rules_as_json",
]

#: The modules declaring EU rules, in catalogue order.
RULE_MODULES = (
    "spocschema.rules.identity",
    "spocschema.rules.organisation",
    "spocschema.rules.case_management",
    "spocschema.rules.communication",
    "spocschema.rules.requests",
    "spocschema.rules.network",
    "spocschema.rules.guidelines",
)


@cache
def _eu_rules() -> tuple[Rule, ...]:
    for module in RULE_MODULES:
        import_module(module)
    return tuple(sorted(EU_RULES, key=lambda r: r.id))


def all_rules() -> tuple[Rule, ...]:
    """Every EU rule, sorted by ID (national packs are added by the checker)."""
    return _eu_rules()


def get_rule(rule_id: str) -> Rule:
    """The EU rule with this ID; ``KeyError`` naming it otherwise."""
    _eu_rules()
    return EU_RULES.get(rule_id)


def coverage() -> dict[str, list[str]]:
    """Provision citation -> IDs of the EU rules assessing it, for every catalogue provision.

    Provisions no profile rule assesses (sections B and C, checked on other documents) map to
    an empty list.
    """
    table: dict[str, list[str]] = {p.citation: [] for p in PROVISIONS}
    for rule in all_rules():
        table[rule.provision].append(rule.id)
    return table


def rules_as_json() -> dict[str, Any]:
    """The machine-readable rule list: every rule's metadata and the coverage table.

    ``rules`` are the profile rules (``check``); ``exchange_rules`` those of information
    requests (``check_request``) and annual statistics (``stats check``), each naming the
    document type it checks.
    """
    from spocschema._version import __version__
    from spocschema.exchange_rules import exchange_rules

    return {
        "tool_version": __version__,
        "id_scheme": "SPOC-<section A|D>-<nnnn> for profile rules, SPOC-B-<nnnn> for request "
        "rules and SPOC-C-<nnnn> for statistics rules; IDs are never reused; national packs use "
        "IDs not starting with SPOC-",
        "retired_ids": sorted(RETIRED_IDS),
        "rules": [rule.metadata() for rule in all_rules()],
        "exchange_rules": [rule.metadata(document) for document, rule in exchange_rules().values()],
        "provisions": [p.to_dict() for p in PROVISIONS],
        "coverage": coverage(),
    }
