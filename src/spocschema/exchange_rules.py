"""Deprecated home of the request and statistics rule framework; use ``spocschema.rules``.

The framework moved to :mod:`spocschema.rules.documents` when every rule got one registry
(profile, request, exchange record, statistics and network rules alike). These names stay
importable from here for existing code; new code imports from ``spocschema.rules.documents``.
"""

from __future__ import annotations

from typing import Any

from spocschema.rules.documents import DocumentRule as Rule
from spocschema.rules.documents import ReportBuilder, assessment_for, legal_reference

__all__ = [
    "ReportBuilder",
    "Rule",
    "assessment_for",
    "exchange_rule_metadata",
    "exchange_rules",
    "legal_reference",
]


def exchange_rules() -> dict[str, tuple[str, Rule]]:
    """Every document rule by ID, with the document type it checks (deprecated)."""
    from spocschema.rules import document_rules

    return {rule.rule_id: (rule.document, rule) for rule in document_rules()}


def exchange_rule_metadata(rule_id: str) -> dict[str, Any]:
    """The published metadata of one document rule; ``KeyError`` otherwise (deprecated)."""
    from spocschema.rules import rule_metadata

    return rule_metadata(rule_id)
