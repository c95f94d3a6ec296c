"""Which states are bound to have which unit of Art 15(2): one code list, with its sources.

Art 15(2) (read in the German text) requires the SPOC's staff to include the Europol national
unit, the SIRENE Bureau and the Interpol National Central Bureau "in so far as the Member State
concerned is bound by the relevant law or international agreement to establish or designate
such units or bureaux". Whether a state is bound is a fact about the state, not about its
profile: a profile that writes "not bound" for its SIRENE Bureau is only believed where the
state's status allows it.

The list is deliberately conservative. It records what follows from the instrument that
establishes each unit and the state's status, and marks as ``DECLARED`` every case where the
state has a position of its own that the library must not guess: Denmark and Ireland (their
protocols on the area of freedom, security and justice), Cyprus for SIS, and the partners of
the Western Balkans. For those states the rules read ``state.participation`` (schema 1.1) or
the unit's own ``state_is_bound``, and never assume an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from spocschema import codelists
from spocschema.enums import StateStatus, UnitType

__all__ = [
    "EU_MEMBER_STATES",
    "SCHENGEN_ASSOCIATED",
    "SOURCES",
    "WESTERN_BALKANS",
    "Bound",
    "UnitObligation",
    "unit_obligation",
]


class Bound(str, Enum):
    """Whether a state is bound to have a unit, according to the code list."""

    BOUND = "bound"
    NOT_BOUND = "not_bound"
    #: The state has a position of its own; the profile must declare it.
    DECLARED = "declared"


#: The instrument that establishes each unit, as Art 15(2) names it.
SOURCES: dict[UnitType, str] = {
    UnitType.EUROPOL_NATIONAL_UNIT: "Regulation (EU) 2016/794 (Europol), Art 7",
    UnitType.SIRENE_BUREAU: "Regulation (EU) 2018/1862 (SIS, police cooperation), Art 7(2)",
    UnitType.INTERPOL_NCB: "Constitution of the International Criminal Police Organisation, Art 32",
}

# The groups of states are the code lists' own (one definition, in spocschema.codelists).
EU_MEMBER_STATES = codelists.EU_MEMBER_STATES
#: Schengen associated states: bound by the Schengen acquis (SIS), not members of the Union.
SCHENGEN_ASSOCIATED = codelists.SCHENGEN_ASSOCIATED_STATES
WESTERN_BALKANS = codelists.WESTERN_BALKANS_PARTNERS

#: Member States whose participation in an instrument is a position of their own.
_OWN_POSITION: dict[UnitType, frozenset[str]] = {
    # Protocols 21 and 22 to the Treaties: Denmark and Ireland take part in measures of the
    # area of freedom, security and justice only as they decide.
    UnitType.EUROPOL_NATIONAL_UNIT: frozenset({"DK", "IE"}),
    # Denmark (Schengen acquis as international law), Ireland (partial participation) and
    # Cyprus (not yet fully applying the Schengen acquis).
    UnitType.SIRENE_BUREAU: frozenset({"DK", "IE", "CY"}),
    UnitType.INTERPOL_NCB: frozenset(),
}


@dataclass(frozen=True)
class UnitObligation:
    """The code list's answer for one state and one unit, with the reason to show a reader."""

    bound: Bound
    reason: str


def unit_obligation(country: str, status: StateStatus, unit: UnitType) -> UnitObligation:
    """Whether ``country`` (of declared ``status``) is bound to have ``unit`` (Art 15(2))."""
    source = SOURCES[unit]
    if country in _OWN_POSITION.get(unit, frozenset()):
        return UnitObligation(
            Bound.DECLARED,
            f"{country} has a position of its own on {source}; the profile must declare it.",
        )
    if status is StateStatus.EU_MEMBER_STATE and country in EU_MEMBER_STATES:
        return UnitObligation(
            Bound.BOUND, f"As an EU Member State, {country} is bound by {source}."
        )
    if status is StateStatus.SCHENGEN_ASSOCIATED and country in SCHENGEN_ASSOCIATED:
        if unit is UnitType.SIRENE_BUREAU:
            return UnitObligation(
                Bound.BOUND,
                f"As a Schengen associated state, {country} applies {source}.",
            )
        if unit is UnitType.EUROPOL_NATIONAL_UNIT:
            return UnitObligation(
                Bound.NOT_BOUND,
                f"{country} is not a Member State and so not bound by {source}.",
            )
    # Interpol membership outside the Union, partners, and any status that contradicts the
    # country code: the library does not know, so the state declares it.
    return UnitObligation(
        Bound.DECLARED, f"The code list does not settle {country}'s position on {source}."
    )
