"""Rules on how the SPOC is organised, composed and trained (Art 15).

The units of Art 15(2) are required only "in so far as" the state is bound to have them.
Whether it is bound comes from ``spocschema.participation`` (the state's status and the
instrument that establishes the unit); only where the code list leaves the position to the
state does the profile's own declaration (``state_is_bound``, ``state.participation``) decide,
with its justification. A unit the composition does not list is *not assessable* unless the
list is declared complete.
"""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.enums import TrainingTopic, UnitType
from spocschema.models.profile import SpocProfile, UnitMembership
from spocschema.participation import SOURCES, Bound, unit_obligation
from spocschema.rules.base import (
    Context,
    Outcome,
    Rule,
    TestBasis,
    missing,
    not_applicable,
    not_met,
    rule,
)
from spocschema.rules.dates import certainly_longer

_EFFICIENT_READING = (
    "Art 15(1) sets a quality (organised so that the SPOC carries out its tasks efficiently "
    "and effectively) and leaves the organisation to the state. The project reads it as "
    "evidenced when the profile describes the composition for each unit of Art 15(2): the "
    "unit is listed, or the list is declared complete. A free-text description alone is "
    "recorded, never taken as proof of efficiency, and the rule is then not assessable."
)


@rule(
    id="SPOC-A-0014",
    fails_as="not_assessable",
    provision="Art 15(1)",
    title="The SPOC's composition is described for every unit of Art 15(2)",
    rationale="Art 15(1): Member States determine the organisation and composition of their "
    "SPOC so that it can carry out its tasks efficiently and effectively. Efficiency cannot be "
    "read from a description; what a profile can show is a composition that accounts for the "
    "units the Directive names.",
    remediation="List each Art 15(2) unit in organisation.composition (included, or absent "
    "with the reason), or declare the list complete with organisation.composition_complete.",
    passing={},
    failing={"organisation": {"composition": None, "description": "One unit under one head."}},
    tags=("organisation",),
    test_basis=TestBasis.INTERPRETATION,
    interpretation=_EFFICIENT_READING,
)
def organisation_described(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    organisation = profile.organisation
    if organisation is None or organisation.composition is None:
        only_text = organisation is not None and organisation.description is not None
        yield missing(
            "/organisation/composition",
            "The profile describes the organisation only in free text, which cannot show it is "
            "efficient; the composition is not stated."
            if only_text
            else "The profile does not describe the SPOC's composition.",
        )
        return
    if organisation.composition_complete:
        return
    listed = {entry.unit_type for entry in organisation.composition}
    absent = [u.value for u in ART_15_2_UNITS if u not in listed]
    if absent:
        yield missing(
            "/organisation/composition",
            "The composition does not account for: " + ", ".join(absent) + ".",
        )


#: The units of Art 15(2), points (a) to (c).
ART_15_2_UNITS = (UnitType.EUROPOL_NATIONAL_UNIT, UnitType.SIRENE_BUREAU, UnitType.INTERPOL_NCB)


def _find_unit(
    profile: SpocProfile, unit: UnitType
) -> tuple[int, UnitMembership] | tuple[None, None]:
    composition = profile.organisation.composition if profile.organisation else None
    for index, entry in enumerate(composition or ()):
        if entry.unit_type is unit:
            return index, entry
    return None, None


_PARTICIPATION_FIELD = {
    UnitType.EUROPOL_NATIONAL_UNIT: "europol_regulation",
    UnitType.SIRENE_BUREAU: "sis_police_regulation",
    UnitType.INTERPOL_NCB: "interpol_member",
}


def _declared_bound(
    profile: SpocProfile, unit: UnitType, entry: UnitMembership | None
) -> bool | None:
    """What the profile declares about the state being bound: the unit entry, else the state."""
    if entry is not None and entry.state_is_bound is not None:
        return entry.state_is_bound
    participation = profile.state.participation
    if participation is None:
        return None
    value: bool | None = getattr(participation, _PARTICIPATION_FIELD[unit])
    return value


def _unit_rule(number: int, unit: UnitType) -> Rule:
    label = unit.meaning

    def evaluate(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
        index, entry = _find_unit(profile, unit)
        organisation = profile.organisation
        listed_complete = bool(organisation and organisation.composition_complete)
        if entry is not None and entry.included:
            return
        if entry is None and not listed_complete:
            yield missing(
                "/organisation/composition",
                f"The composition does not say whether the {label} is part of the SPOC.",
            )
            return
        pointer = (
            f"/organisation/composition/{index}"
            if index is not None
            else "/organisation/composition"
        )
        obligation = unit_obligation(profile.state.country, profile.state.status, unit)
        declared = _declared_bound(profile, unit, entry)
        justification = entry.justification if entry is not None else None
        if obligation.bound is Bound.BOUND:
            if declared is False:
                yield not_met(
                    f"{pointer}/state_is_bound" if entry is not None else pointer,
                    f"The profile declares the state not bound to have a {label}, but "
                    f"{obligation.reason} The {label} is not part of the SPOC.",
                )
            else:
                yield not_met(
                    f"{pointer}/included" if entry is not None else pointer,
                    f"The {label} is not part of the SPOC although the state is bound to have "
                    f"one. {obligation.reason}",
                )
        elif obligation.bound is Bound.NOT_BOUND:
            yield not_applicable(justification or obligation.reason, pointer)
        elif declared is None:
            yield missing(
                f"{pointer}/state_is_bound" if entry is not None else "/state/participation",
                f"The {label} is not part of the SPOC and the profile does not say whether the "
                "state is bound to have one.",
            )
        elif declared:
            yield not_met(
                f"{pointer}/included" if entry is not None else pointer,
                f"The {label} is not part of the SPOC although the state is bound to have one.",
            )
        elif justification is None:
            yield missing(
                f"{pointer}/justification" if entry is not None else pointer,
                f"The profile declares the state not bound to have a {label} but gives no "
                "justification.",
            )
        else:
            yield not_applicable(justification, f"{pointer}/justification")

    return rule(
        id=f"SPOC-A-{number:04d}",
        provision=unit.legal_basis,
        title=f"The {label} is part of the SPOC, in so far as the state is bound",
        rationale=f"Art 15(2) requires the SPOC's staff to include the {label} in so far as the "
        f"Member State is bound by the relevant law or international agreement "
        f"({SOURCES[unit]}) to have one. Whether it is bound follows from the state's status "
        "and participation (spocschema.participation); only states whose position the code "
        "list leaves open declare it, and a declaration that contradicts the code list is not "
        "accepted.",
        remediation=f"Include the {label} in the SPOC (included: true), or, if the state is not "
        "bound to have one, set state_is_bound to false and give the justification.",
        passing={
            "organisation": {
                "composition": [{"unit_type": unit.value, "included": True, "state_is_bound": True}]
            }
        },
        failing={
            "organisation": {
                "composition": [
                    {"unit_type": unit.value, "included": False, "state_is_bound": True}
                ]
            }
        },
        tags=("organisation", "composition"),
    )(evaluate)


UNIT_RULES = tuple(_unit_rule(15 + i, unit) for i, unit in enumerate(ART_15_2_UNITS))

#: The project's reading of "regular" training (Art 15(3)): offered at least once a year.
REGULAR_TRAINING_INTERVAL = "P1Y"


@rule(
    id="SPOC-A-0018",
    fails_as="not_met",
    provision="Art 15(3)",
    title="Training is offered at least once a year (the project's reading of 'regular')",
    rationale="Art 15(3): Member States give SPOC staff access to adequate and regular "
    "training. The Directive does not say how regular; a programme described in words cannot "
    "show it. The rule tests the stated interval against the project's reading.",
    remediation="State training.interval as an ISO 8601 duration of at most P1Y.",
    passing={"training": {"interval": "P1Y"}},
    failing={"training": {"interval": "P10Y"}},
    tags=("training",),
    test_basis=TestBasis.INTERPRETATION,
    interpretation="'Regular' training (Art 15(3)) is read as training offered at least once a "
    "year: an interval longer than P1Y whatever the length of its months is not regular. A "
    "programme without an interval is recorded but not assessable.",
)
def regular_training(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    training = profile.training
    if training is None or training.interval is None:
        described = training is not None and training.programme is not None
        yield missing(
            "/training/interval",
            "The profile describes a training programme but not how often training is offered."
            if described
            else "The profile does not state how often training is offered.",
        )
    elif certainly_longer(training.interval, REGULAR_TRAINING_INTERVAL):
        yield not_met(
            "/training/interval",
            f"Training is offered every {training.interval}, less often than once a year (P1Y), "
            "the project's reading of 'regular'.",
        )


def _topics_rule(number: int, point: str) -> Rule:
    required = [t for t in TrainingTopic if t.legal_basis == point]
    codes = [t.value for t in required]
    meaning = "; ".join(t.meaning for t in required)

    def evaluate(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
        training = profile.training
        if training is None or training.topics is None:
            yield missing("/training/topics", "The profile does not list the training topics.")
            return
        absent = [t.value for t in required if t not in training.topics]
        if absent:
            yield not_met(
                "/training/topics",
                "The training topics do not include: " + ", ".join(absent) + ".",
            )

    all_topics = [t.value for t in TrainingTopic if t is not TrainingTopic.OTHER]
    return rule(
        id=f"SPOC-A-{number:04d}",
        provision=point,
        title="Training covers " + ", ".join(codes),
        rationale=f"{point} names training subjects every SPOC must offer: {meaning}.",
        remediation="Cover " + ", ".join(codes) + " in the training and list them in "
        "training.topics.",
        passing={"training": {"topics": all_topics}},
        failing={"training": {"topics": [t for t in all_topics if t not in codes]}},
        tags=("training",),
    )(evaluate)


TOPIC_RULES = tuple(
    _topics_rule(19 + i, point)
    for i, point in enumerate(("Art 15(3)(a)", "Art 15(3)(b)", "Art 15(3)(c)"))
)
