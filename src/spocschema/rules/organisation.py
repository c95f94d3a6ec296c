"""Rules on how the SPOC is organised, composed and trained (Art 15).

The units of Art 15(2) are required only "in so far as" the state is bound to have them. The
profile declares that for each unit (``state_is_bound`` and a ``justification``); the rules
never assume it. A unit left out with the state declared not bound and a justification given is
*not applicable*; left out without saying whether the state is bound, it is *not assessable*.
"""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.enums import TrainingTopic, UnitType
from spocschema.models.profile import SpocProfile, UnitMembership
from spocschema.rules.base import Context, Outcome, Rule, missing, not_applicable, not_met, rule


@rule(
    id="SPOC-A-0014",
    fails_as="not_assessable",
    provision="Art 15(1)",
    title="The SPOC's organisation and composition are described",
    rationale="Art 15(1): Member States determine the organisation and composition of their "
    "SPOC so that it can carry out its tasks efficiently. A profile evidences this by describing "
    "the composition (units) or the organisation.",
    remediation="Describe organisation.composition (the units making up the SPOC) and "
    "organisation.description.",
    passing={"organisation": {"description": "One unit under one head."}},
    failing={"organisation": {"composition": None, "description": None}},
    tags=("organisation",),
)
def organisation_described(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    organisation = profile.organisation
    if organisation is None or (
        organisation.composition is None and organisation.description is None
    ):
        yield missing("/organisation", "The profile does not describe the SPOC's organisation.")


def _find_unit(
    profile: SpocProfile, unit: UnitType
) -> tuple[int, UnitMembership] | tuple[None, None]:
    composition = profile.organisation.composition if profile.organisation else None
    for index, entry in enumerate(composition or ()):
        if entry.unit_type is unit:
            return index, entry
    return None, None


def _unit_rule(number: int, unit: UnitType) -> Rule:
    label = unit.meaning

    def evaluate(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
        index, entry = _find_unit(profile, unit)
        if entry is None or index is None:
            yield missing(
                "/organisation/composition",
                f"The composition does not say whether the {label} is part of the SPOC.",
            )
            return
        if entry.included:
            return
        pointer = f"/organisation/composition/{index}"
        if entry.state_is_bound is None:
            yield missing(
                f"{pointer}/state_is_bound",
                f"The {label} is not part of the SPOC and the profile does not say whether the "
                "state is bound to have one.",
            )
        elif entry.state_is_bound:
            yield not_met(
                f"{pointer}/included",
                f"The {label} is not part of the SPOC although the state is bound to have one.",
            )
        elif entry.justification is None:
            yield missing(
                f"{pointer}/justification",
                f"The profile declares the state not bound to have a {label} but gives no "
                "justification.",
            )
        else:
            yield not_applicable(entry.justification, f"{pointer}/justification")

    return rule(
        id=f"SPOC-A-{number:04d}",
        provision=unit.legal_basis,
        title=f"The {label} is part of the SPOC, in so far as the state is bound",
        rationale=f"Art 15(2) requires the SPOC's staff to include the {label} in so far as the "
        "Member State is bound by the relevant law to have one. Whether it is bound is declared "
        "in the profile, never assumed.",
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


UNIT_RULES = tuple(
    _unit_rule(15 + i, unit)
    for i, unit in enumerate(
        (UnitType.EUROPOL_NATIONAL_UNIT, UnitType.SIRENE_BUREAU, UnitType.INTERPOL_NCB)
    )
)


@rule(
    id="SPOC-A-0018",
    fails_as="not_assessable",
    provision="Art 15(3)",
    title="SPOC staff have access to adequate and regular training",
    rationale="Art 15(3): SPOC staff must be adequately qualified and have access to adequate "
    "and regular training. A profile evidences this with its training programme or the "
    "interval at which training is offered.",
    remediation="Describe training.programme and training.interval (e.g. P1Y for yearly).",
    passing={"training": {"interval": "P1Y"}},
    failing={"training": {"programme": None, "interval": None}},
    tags=("training",),
)
def regular_training(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    training = profile.training
    if training is None or (training.programme is None and training.interval is None):
        yield missing("/training", "The profile does not describe the staff's training.")


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
