"""Structured legal bases for cross-check findings, taken from the provisions catalogue."""

from __future__ import annotations

import re

from spocschema.report import LegalReference

DIRECTIVE = "Directive (EU) 2023/977"
DIRECTIVE_CELEX = "32023L0977"
DIRECTIVE_ELI = "http://data.europa.eu/eli/dir/2023/977/oj"

_CITATION = re.compile(r"Art (?P<article>\d+)(?:\((?P<paragraph>\d+)\))?(?:\((?P<point>.+)\))?")
_VERIFIED = {"Art 14(1)", "Art 4(1)", "Art 13(1)", "Art 13(3)", "Art 11(2)"}


def legal_basis(citations: str) -> list[LegalReference]:
    """One reference per citation of a ``;``-separated list such as ``Art 13(1); Art 13(3)``."""
    references = []
    for citation in (part.strip() for part in citations.split(";")):
        match = _CITATION.fullmatch(citation)
        if match is None:
            raise ValueError(f"not a Directive citation: {citation!r}")
        parts = {k: v for k, v in match.groupdict().items() if v is not None}
        references.append(
            LegalReference(
                instrument=DIRECTIVE,
                celex=DIRECTIVE_CELEX,
                eli=DIRECTIVE_ELI,
                citation=citation,
                verified=citation in _VERIFIED,
                **parts,
            )
        )
    return references
