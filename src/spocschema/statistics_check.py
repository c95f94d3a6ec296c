"""Deprecated home of ``check_statistics``; use ``spocschema.rules.annual_statistics``.

The statistics rules moved into the rules package, where every rule of the library is
registered once; ``from spocschema.statistics_check import check_statistics`` keeps working.
"""

from __future__ import annotations

from spocschema.rules.annual_statistics import (
    STATISTICS_PROVISIONS,
    STATISTICS_RULES,
    check_statistics,
)

__all__ = ["STATISTICS_PROVISIONS", "STATISTICS_RULES", "check_statistics"]
