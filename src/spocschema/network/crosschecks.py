"""The network cross-checks; they live in :mod:`spocschema.rules.network_crosschecks`.

Every rule of the library has one home in the rules package and one registry; this module
keeps the names importable from their former place.
"""

from __future__ import annotations

from spocschema.rules.network_crosschecks import (
    BOUND_STATUSES,
    ENGLISH,
    GROUP_STATES,
    NETWORK_RULES,
    RULE_OF_CHECK,
    SIENA_OBLIGATION_DATE,
    Entry,
    coverage,
    english_link,
    language_links,
    missing_states,
    one_spoc_per_state,
    run_all,
    siena_findings,
    siena_readiness,
    unique_authority_identifiers,
    unique_spoc_identifiers,
)

__all__ = [
    "BOUND_STATUSES",
    "ENGLISH",
    "GROUP_STATES",
    "NETWORK_RULES",
    "RULE_OF_CHECK",
    "SIENA_OBLIGATION_DATE",
    "Entry",
    "coverage",
    "english_link",
    "language_links",
    "missing_states",
    "one_spoc_per_state",
    "run_all",
    "siena_findings",
    "siena_readiness",
    "unique_authority_identifiers",
    "unique_spoc_identifiers",
]
