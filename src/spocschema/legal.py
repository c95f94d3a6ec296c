"""Structured legal bases for findings made outside the per-profile rules (network, diff).

The provisions catalogue is the one place that knows how a citation maps to the Official
Journal and whether the reference has been verified; this helper only splits a list of
citations and asks the catalogue for each.
"""

from __future__ import annotations

from spocschema.provisions import get_provision
from spocschema.report import LegalReference


def legal_basis(citations: str) -> list[LegalReference]:
    """One reference per citation of a ``;``-separated list such as ``Art 13(1); Art 13(3)``."""
    return [
        LegalReference.model_validate(
            get_provision(citation.strip()).legal_reference().to_document()
        )
        for citation in citations.split(";")
    ]
