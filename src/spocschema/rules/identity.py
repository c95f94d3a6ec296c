"""Rules on the SPOC itself: its establishment, tasks, capabilities and notification (Art 14).

Each task of Art 14(2) and each capability of Art 14(3) is its own rule, so that a report names
exactly which one is missing and a national team can waive or discuss one without the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spocschema.enums import ActStage, SpocTask
from spocschema.models.profile import SpocIdentity, SpocProfile
from spocschema.provisions import TRANSPOSITION_DEADLINE
from spocschema.rules.base import (
    Context,
    Outcome,
    Rule,
    TestBasis,
    missing,
    not_met,
    rule,
    yes_no_fact,
)
from spocschema.rules.dates import add_months

_ALL_TASKS = [task.value for task in SpocTask]


def _designation_evidence(spoc: SpocIdentity) -> tuple[bool, bool]:
    """(designated, only_bills): whether anything shows the designation, and whether the acts
    listed are all still bills."""
    acts = spoc.national_legal_basis or []
    adopted = [a for a in acts if a.stage is not ActStage.BILL]
    other = spoc.designation_evidence or []
    return bool(adopted or other), bool(acts) and not adopted and not other


@rule(
    id="SPOC-A-0001",
    fails_as="not_assessable",
    provision="Art 14(1)",
    title="The state has established or designated its SPOC",
    rationale="Art 14(1) (German text): each Member State establishes or designates a SPOC, the "
    "central entity responsible for coordinating and facilitating exchanges under the "
    "Directive. A named SPOC with evidence of its designation (an act adopted or in force, a "
    "government decision, a published statement, the notification to the Commission) shows it. "
    "The date of designation matters for the notification of Art 14(4), not here.",
    remediation="State spoc.national_legal_basis (with its stage) or spoc.designation_evidence "
    "(a decision or statement designating the SPOC, with its source).",
    passing={
        "spoc": {
            "national_legal_basis": None,
            "established_on": None,
            "designation_evidence": [
                {"kind": "published_statement", "title": "Ministry press release (example)"}
            ],
        }
    },
    failing={
        "spoc": {"national_legal_basis": None, "established_on": None},
        "commission_notification": None,
    },
    tags=("identity",),
)
def establishment_documented(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    spoc = profile.spoc
    designated, only_bills = _designation_evidence(spoc)
    if designated:
        return
    if profile.commission_notification is not None:
        # A SPOC notified to the Commission has been designated (Art 14(4) presupposes it).
        return
    if only_bills:
        yield missing(
            "/spoc/national_legal_basis",
            "The acts listed are bills not yet adopted, and the profile gives no other evidence "
            "that the SPOC has been designated.",
        )
    else:
        yield missing(
            "/spoc/designation_evidence",
            "The profile names the SPOC but gives no evidence of its establishment or "
            "designation (an act, a decision, a statement or the notification).",
        )


def _task_rule(number: int, task: SpocTask) -> Rule:
    others = [value for value in _ALL_TASKS if value != task.value]

    def evaluate(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
        if profile.tasks is None:
            yield missing("/tasks", "The profile does not list the SPOC's tasks.")
        elif task not in profile.tasks:
            yield not_met("/tasks", f"The SPOC's tasks do not include '{task.value}'.")

    return rule(
        id=f"SPOC-A-{number:04d}",
        provision=task.legal_basis,
        title=f"The SPOC performs the task '{task.value}'",
        rationale=f"Art 14(2) lists the tasks every SPOC must be equipped and empowered to "
        f"carry out; point {task.legal_basis[-2]} is: {task.meaning}.",
        remediation=f"Add '{task.value}' to tasks once the SPOC is empowered to perform it.",
        passing={"tasks": _ALL_TASKS},
        failing={"tasks": others},
        tags=("tasks",),
    )(evaluate)


TASK_RULES = tuple(_task_rule(2 + i, task) for i, task in enumerate(SpocTask))


@rule(
    id="SPOC-A-0008",
    provision="Art 14(3)(a)(i)",
    title="The SPOC has access to all information of its competent authorities",
    rationale="Art 14(3)(a)(i): the SPOC must have access to all information available to its "
    "competent law enforcement authorities, in so far as necessary to carry out its tasks.",
    remediation="Give the SPOC that access and set "
    "information_access.all_competent_authority_information to true.",
    passing={"information_access": {"all_competent_authority_information": True}},
    failing={"information_access": {"all_competent_authority_information": False}},
    tags=("capabilities", "information-access"),
)
def information_access(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yes_no_fact(
        profile.information_access,
        "/information_access/all_competent_authority_information",
        unstated="The profile does not state the SPOC's access to information.",
        untrue="The SPOC does not have access to all information available to its competent "
        "authorities.",
    )


@rule(
    id="SPOC-A-0009",
    provision="Art 14(3)(a)(ii)",
    title="The SPOC operates 24 hours a day, 7 days a week",
    rationale="Art 14(3)(a)(ii): the SPOC must be operational 24/7. Urgent requests have to be "
    "answered within 8 hours (Art 5(1)(a)), which office hours cannot guarantee.",
    remediation="Staff the SPOC around the clock (at least a front office for urgent cases) "
    "and set availability.around_the_clock to true.",
    passing={"availability": {"around_the_clock": True}},
    failing={
        "availability": {
            "around_the_clock": False,
            "weekly_schedule": [{"day": "monday", "opens": "08:00", "closes": "18:00"}],
        }
    },
    tags=("capabilities", "availability"),
)
def around_the_clock(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.availability is None:
        yield missing("/availability", "The profile does not state the SPOC's operating hours.")
    elif not profile.availability.around_the_clock:
        yield not_met(
            "/availability/around_the_clock",
            "The SPOC does not operate 24 hours a day, 7 days a week.",
        )


@rule(
    id="SPOC-A-0010",
    provision="Art 14(3)(a)(iii)",
    title="The SPOC has qualified staff",
    rationale="Art 14(3)(a)(iii): the SPOC must have qualified staff, operational tools, "
    "technical and financial resources to work adequately and rapidly within the Art 5 time "
    "limits.",
    remediation="State resources.staff_qualified (true once staff are adequately qualified) "
    "and resources.staff_full_time_equivalents.",
    passing={"resources": {"staff_qualified": True, "staff_full_time_equivalents": 42}},
    failing={"resources": {"staff_qualified": False}},
    tags=("capabilities", "resources"),
)
def qualified_staff(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    resources = profile.resources
    if resources is None or resources.staff_qualified is None:
        yield missing(
            "/resources/staff_qualified", "The profile does not state whether staff are qualified."
        )
    elif not resources.staff_qualified:
        yield not_met(
            "/resources/staff_qualified", "The SPOC's staff are not adequately qualified."
        )
    if resources is not None and resources.staff_full_time_equivalents == 0:
        yield not_met(
            "/resources/staff_full_time_equivalents", "No staff are assigned to the SPOC."
        )


@rule(
    id="SPOC-A-0011",
    provision="Art 14(3)(a)(iii)",
    title="The SPOC has translation capability",
    rationale="Art 14(3)(a)(iii) names translation among the capabilities the SPOC must have "
    "to answer requests in the languages on its Art 11 list within the time limits.",
    remediation="Provide translation (in-house or an external service) and set "
    "resources.translation.available to true.",
    passing={"resources": {"translation": {"available": True}}},
    failing={"resources": {"translation": {"available": False}}},
    tags=("capabilities", "resources", "languages"),
)
def translation(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    resources = profile.resources
    if resources is None or resources.translation is None:
        yield missing(
            "/resources/translation", "The profile does not state the translation capability."
        )
    elif not resources.translation.available:
        yield not_met("/resources/translation/available", "The SPOC has no translation capability.")


@rule(
    id="SPOC-A-0012",
    provision="Art 14(3)(b)",
    title="Competent judicial authorities are available to the SPOC 24/7",
    rationale="Art 14(3)(b): the judicial authorities competent to grant the authorisations of "
    "Art 9 must be available to the SPOC 24/7, or urgent requests needing authorisation stall.",
    remediation="Arrange an on-call prosecutor or duty judge and set "
    "judicial_availability.around_the_clock to true.",
    passing={"judicial_availability": {"around_the_clock": True}},
    failing={"judicial_availability": {"around_the_clock": False}},
    tags=("capabilities", "judicial"),
)
def judicial_availability(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.judicial_availability is None:
        yield missing(
            "/judicial_availability",
            "The profile does not state whether judicial authorities are available 24/7.",
        )
    elif not profile.judicial_availability.around_the_clock:
        yield not_met(
            "/judicial_availability/around_the_clock",
            "The competent judicial authorities are not available to the SPOC 24/7.",
        )


_FOURTEEN_FOUR_TEXT = (
    "Art 14(4) (wording not found in any stored copy; catalogue paraphrase): Member States "
    "notify the Commission of their SPOC within one month of its establishment or designation "
    "and keep the notification updated; the Commission publishes the notifications in the "
    "Official Journal."
)


def _notification_start(profile: SpocProfile) -> tuple[date | None, bool]:
    """(established, before the transposition deadline) for the notification rules."""
    established = profile.spoc.established_on
    return established, established is not None and established < TRANSPOSITION_DEADLINE


def _late(profile: SpocProfile, start: date) -> Iterator[Outcome]:
    notification = profile.commission_notification
    if notification is None:
        yield missing(
            "/commission_notification",
            "The profile does not state when the SPOC was notified to the Commission.",
        )
        return
    if notification.notified_on is None:
        yield missing(
            "/commission_notification/notified_on",
            "The profile does not state the date of the notification"
            + (
                " (only its Official Journal reference), so its timeliness cannot be assessed."
                if notification.official_journal_reference
                else ", so its timeliness cannot be assessed."
            ),
        )
        return
    deadline = add_months(start, 1)
    if notification.notified_on > deadline:
        yield not_met(
            "/commission_notification/notified_on",
            f"The SPOC was notified on {notification.notified_on.isoformat()}, after the "
            f"one-month deadline of {deadline.isoformat()}.",
        )


@rule(
    id="SPOC-A-0013",
    provision="Art 14(4)",
    title="The SPOC was notified to the Commission within one month of its designation",
    rationale=_FOURTEEN_FOUR_TEXT + " This rule checks SPOCs established or designated on or "
    "after 12 December 2024; for those designated earlier see SPOC-A-0052.",
    remediation="Notify the Commission and record commission_notification.notified_on (and the "
    "Official Journal reference once published).",
    passing={
        "spoc": {"established_on": "2025-01-05"},
        "commission_notification": {"notified_on": "2025-01-10"},
    },
    failing={
        "spoc": {"established_on": "2025-01-05"},
        "commission_notification": {"notified_on": "2025-03-01"},
    },
    tags=("notification",),
)
def commission_notification(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    established, earlier = _notification_start(profile)
    if established is None:
        yield missing(
            "/spoc/established_on",
            "The profile does not state when the SPOC was established, so the one-month "
            "notification period cannot be checked.",
        )
    elif not earlier:
        yield from _late(profile, established)


@rule(
    id="SPOC-A-0052",
    provision="Art 14(4)",
    title="A SPOC designated before 12 December 2024 was notified by 12 January 2025",
    rationale=_FOURTEEN_FOUR_TEXT + " For a SPOC that existed before the transposition "
    "deadline the text gives no starting day; the project counts the month from that "
    "deadline.",
    remediation="Record commission_notification.notified_on.",
    passing={
        "spoc": {"established_on": "2024-12-01"},
        "commission_notification": {"notified_on": "2024-12-20"},
    },
    failing={
        "spoc": {"established_on": "2024-12-01"},
        "commission_notification": {"notified_on": "2025-03-01"},
    },
    tags=("notification",),
    test_basis=TestBasis.INTERPRETATION,
    interpretation="For a SPOC established or designated before the transposition deadline "
    "(12 December 2024), the one-month notification period of Art 14(4) is read as running "
    "from that deadline, so the notification was due by 12 January 2025. This is the "
    "project's reading, not the text.",
)
def earlier_notification(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    established, earlier = _notification_start(profile)
    if established is not None and earlier:
        yield from _late(profile, TRANSPOSITION_DEADLINE)


@rule(
    id="SPOC-A-0053",
    fails_as="not_assessable",
    provision="Art 14(4)",
    title="The notification to the Commission is kept up to date",
    rationale=_FOURTEEN_FOUR_TEXT + " A profile evidences the update duty by stating that "
    "the notification matches the SPOC; it shows a breach where it declares it does not, or "
    "where the SPOC's designation is later than every notification.",
    remediation="Notify the Commission of every change and set "
    "commission_notification.up_to_date to true.",
    passing={"commission_notification": {"up_to_date": True}},
    failing={"commission_notification": {"up_to_date": None}},
    tags=("notification",),
)
def notification_updated(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    notification = profile.commission_notification
    if notification is None:
        yield missing(
            "/commission_notification",
            "The profile does not state whether the SPOC was notified to the Commission.",
        )
        return
    established = profile.spoc.established_on
    dates = [d for d in (notification.notified_on, notification.last_update_notified_on) if d]
    # A designation stated for a day after the evaluation date has not happened yet, so it
    # cannot have made an earlier notification out of date.
    if established is not None and dates and max(dates) < established <= ctx.as_of:
        yield not_met(
            "/commission_notification",
            f"The SPOC was designated on {established.isoformat()}, after its latest "
            f"notification ({max(dates).isoformat()}): the notification is out of date.",
        )
        return
    if notification.up_to_date is None:
        yield missing(
            "/commission_notification/up_to_date",
            "The profile does not state whether the notification is kept up to date.",
        )
    elif not notification.up_to_date:
        yield not_met(
            "/commission_notification/up_to_date",
            "The notification to the Commission does not match the SPOC as it stands.",
        )
