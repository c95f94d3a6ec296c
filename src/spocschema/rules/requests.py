"""Rules on how requests are handled: designated authorities and copies (Art 4), time limits
(Art 5) and judicial authorisation (Arts 5(2) and 9).

Time limits are ISO 8601 durations. A declared reply time breaks a limit only when it is longer
whatever the length of its months (``certainly_longer``), so a finding never depends on which
month it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.models.profile import SpocProfile
from spocschema.rules.base import (
    Context,
    Outcome,
    Rule,
    missing,
    not_applicable,
    not_met,
    rule,
    yes_no_fact,
)
from spocschema.rules.dates import certainly_longer


@rule(
    id="SPOC-A-0040",
    fails_as="not_assessable",
    provision="Art 4(1)",
    title="The list of designated law enforcement authorities has been notified",
    rationale="Art 4(1): Member States send the Commission the list of their designated law "
    "enforcement authorities (those allowed to send requests to other SPOCs) and inform it of "
    "changes.",
    remediation="Notify the list and record designated_authorities.notified_on.",
    passing={"designated_authorities": {"notified_on": "2024-12-20"}},
    failing={"designated_authorities": {"notified_on": None}},
    tags=("designated-authorities", "notification"),
)
def designated_notified(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    designated = profile.designated_authorities
    if designated is None:
        yield missing(
            "/designated_authorities", "The profile does not list designated authorities."
        )
    elif designated.notified_on is None:
        yield missing(
            "/designated_authorities/notified_on",
            "The profile does not state when the designated authorities were notified.",
        )


@rule(
    id="SPOC-A-0041",
    provision="Art 4(1)",
    title="Designated authorities copy their SPOC on the requests they send",
    rationale="Art 4(1): a designated authority that sends a request to another Member State's "
    "SPOC sends a copy to its own SPOC at the same time, so the SPOC keeps the full picture.",
    remediation="Require the copy and set designated_authorities.copy_to_spoc to true.",
    passing={"designated_authorities": {"copy_to_spoc": True}},
    failing={"designated_authorities": {"copy_to_spoc": False}},
    tags=("designated-authorities", "copies"),
)
def copy_to_spoc(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    designated = profile.designated_authorities
    if designated is None:
        yield missing(
            "/designated_authorities", "The profile does not list designated authorities."
        )
    elif not designated.authorities:
        yield not_applicable("The profile declares no designated law enforcement authority.")
    elif designated.copy_to_spoc is None:
        yield missing(
            "/designated_authorities/copy_to_spoc",
            "The profile does not state whether designated authorities copy their SPOC.",
        )
    elif not designated.copy_to_spoc:
        yield not_met(
            "/designated_authorities/copy_to_spoc",
            "Designated authorities do not copy their SPOC on the requests they send.",
        )


@rule(
    id="SPOC-A-0042",
    provision="Art 4(2)",
    title="Copies are omitted only on grounds the Directive allows",
    rationale="Art 4(2), 5(3), 7(3) and 8(3) let Member States allow copies to the SPOC to be "
    "omitted case by case, only where a copy would jeopardise a highly sensitive investigation, "
    "a terrorism case outside emergency management, or a person's safety.",
    remediation="Where copy_exceptions.applies is true, list the grounds (from the three of the "
    "Directive) in copy_exceptions.grounds.",
    passing={"copy_exceptions": {"applies": True, "grounds": ["personal_safety"]}},
    failing={"copy_exceptions": {"applies": True, "grounds": []}},
    tags=("copies",),
)
def copy_exception_grounds(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    policy = profile.copy_exceptions
    if policy is None:
        yield missing("/copy_exceptions", "The profile does not state the copy-exception policy.")
    elif policy.applies and policy.grounds is None:
        yield missing(
            "/copy_exceptions/grounds",
            "The profile does not state on which grounds copies to the SPOC may be omitted.",
        )
    elif policy.applies and not policy.grounds:
        yield not_met(
            "/copy_exceptions/grounds",
            "Copies to the SPOC may be omitted but no ground of the Directive is stated.",
        )


_LIMITS = (
    (
        "Art 5(1)(a)",
        "urgent_directly_accessible",
        "PT8H",
        "urgent requests for directly accessible information",
        "8 hours",
    ),
    (
        "Art 5(1)(b)",
        "urgent_indirectly_accessible",
        "P3D",
        "urgent requests for indirectly accessible information",
        "3 calendar days",
    ),
    ("Art 5(1)(c)", "other_requests", "P7D", "all other requests", "7 calendar days"),
)


def _limit_rule(number: int, provision: str, key: str, limit: str, what: str, words: str) -> Rule:
    pointer = f"/time_limits/{key}"
    too_long = {"PT8H": "PT12H", "P3D": "P5D", "P7D": "P14D"}[limit]

    def evaluate(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
        declared = getattr(profile.time_limits, key) if profile.time_limits else None
        if declared is None:
            yield missing(pointer, f"The profile does not state the reply time for {what}.")
        elif certainly_longer(declared, limit):
            yield not_met(
                pointer,
                f"The reply time for {what} ({declared}) exceeds the limit of {words} ({limit}).",
            )

    return rule(
        id=f"SPOC-A-{number:04d}",
        provision=provision,
        title=f"Reply time for {what} is at most {words}",
        rationale=f"{provision}: the SPOC provides requested information as soon as possible "
        f"and within {words} of receipt for {what}.",
        remediation=f"Commit to a reply time of at most {limit} and record it in "
        f"time_limits.{key}.",
        passing={"time_limits": {key: limit}},
        failing={"time_limits": {key: too_long}},
        tags=("time-limits",),
    )(evaluate)


LIMIT_RULES = tuple(_limit_rule(43 + i, *spec) for i, spec in enumerate(_LIMITS))


@rule(
    id="SPOC-A-0046",
    provision="Art 5(2)",
    title="The requester is told at once of delays due to judicial authorisation",
    rationale="Art 5(2): where judicial authorisation is needed, the time limits may be "
    "exceeded only as far as necessary, and the requesting Member State is informed immediately "
    "of the expected delay, its length and reasons, and kept informed.",
    remediation="Inform requesters immediately and set "
    "judicial_authorisation.requester_informed_of_delay to true.",
    passing={"judicial_authorisation": {"requester_informed_of_delay": True}},
    failing={"judicial_authorisation": {"requester_informed_of_delay": False}},
    tags=("judicial", "time-limits"),
)
def delay_reported(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yes_no_fact(
        profile.judicial_authorisation,
        "/judicial_authorisation/requester_informed_of_delay",
        unstated="The profile does not state whether requesters are told of delays.",
        untrue="Requesters are not informed at once of delays due to judicial authorisation.",
    )


@rule(
    id="SPOC-A-0047",
    provision="Art 9(1)",
    title="Judicial authorisation is required only where required domestically",
    rationale="Art 9(1): providing information to another Member State needs no judicial "
    "authorisation where none would be needed for providing it to national authorities.",
    remediation="Align the rule with domestic practice and set "
    "judicial_authorisation.required_only_where_domestically_required to true.",
    passing={"judicial_authorisation": {"required_only_where_domestically_required": True}},
    failing={"judicial_authorisation": {"required_only_where_domestically_required": False}},
    tags=("judicial",),
)
def authorisation_equivalence(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yes_no_fact(
        profile.judicial_authorisation,
        "/judicial_authorisation/required_only_where_domestically_required",
        unstated="The profile does not state when judicial authorisation applies.",
        untrue="Cross-border provision needs judicial authorisation where domestic provision "
        "would not.",
    )


@rule(
    id="SPOC-A-0048",
    fails_as="not_assessable",
    provision="Art 9(2)",
    title="Where judicial authorisation is required, steps to obtain it are taken immediately",
    rationale="Art 9(2) (German text): where national law requires judicial authorisation, the "
    "SPOC or the competent authorities take immediately (unverzüglich) all necessary steps "
    "under national law to obtain it as quickly as possible. A procedure described in words "
    "is recorded but cannot show immediacy; the rule reads the profile's declaration that the "
    "steps are taken immediately.",
    remediation="Make immediate steps the standing rule and set "
    "judicial_authorisation.steps_taken_immediately to true (describe the procedure too).",
    passing={"judicial_authorisation": {"steps_taken_immediately": True}},
    failing={"judicial_authorisation": {"steps_taken_immediately": None}},
    tags=("judicial",),
)
def authorisation_procedure(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    authorisation = profile.judicial_authorisation
    if authorisation is None or authorisation.steps_taken_immediately is None:
        described = authorisation is not None and authorisation.procedure is not None
        yield missing(
            "/judicial_authorisation/steps_taken_immediately",
            "The profile describes the authorisation procedure but does not state that the "
            "steps are taken immediately."
            if described
            else "The profile does not state how judicial authorisation is obtained.",
        )
    elif not authorisation.steps_taken_immediately:
        yield not_met(
            "/judicial_authorisation/steps_taken_immediately",
            "The steps to obtain judicial authorisation are not taken immediately.",
        )


@rule(
    id="SPOC-A-0051",
    provision="Art 4(1)",
    title="Designated authorities send requests only where national law provides for it",
    rationale="Art 4(1) (German text): requests to other SPOCs come from the SPOC and, where "
    "national law provides for it, from designated law enforcement authorities. A state that "
    "lists designated authorities evidences that its law provides for them.",
    remediation="Name the national provision and set "
    "designated_authorities.provided_by_national_law to true, or designate no authority.",
    passing={"designated_authorities": {"provided_by_national_law": True}},
    failing={"designated_authorities": {"provided_by_national_law": False}},
    tags=("designated-authorities",),
)
def designated_by_law(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    designated = profile.designated_authorities
    if designated is None:
        yield missing(
            "/designated_authorities", "The profile does not list designated authorities."
        )
    elif not designated.authorities:
        yield not_applicable("The profile declares no designated law enforcement authority.")
    elif designated.provided_by_national_law is None:
        yield missing(
            "/designated_authorities/provided_by_national_law",
            "The profile lists designated authorities but does not state that national law "
            "provides for them.",
        )
    elif not designated.provided_by_national_law:
        yield not_met(
            "/designated_authorities/provided_by_national_law",
            "Authorities are designated to send requests although national law does not "
            "provide for it.",
        )


@rule(
    id="SPOC-A-0056",
    fails_as="not_assessable",
    provision="Art 4(1)",
    title="The Commission is informed of every change to the list of designated authorities",
    rationale="Art 4(1) (German text): Member States send the Commission the list of their "
    "designated authorities and inform it of any change to that list; the Commission "
    "publishes the lists and their updates online.",
    remediation="Notify every change and set designated_authorities.notified_list_current to true.",
    passing={"designated_authorities": {"notified_list_current": True}},
    failing={"designated_authorities": {"notified_list_current": None}},
    tags=("designated-authorities", "notification"),
)
def designated_list_current(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yes_no_fact(
        profile.designated_authorities,
        "/designated_authorities/notified_list_current",
        unstated="The profile does not state whether the notified list of designated "
        "authorities is current.",
        untrue="The list of designated authorities sent to the Commission is out of date.",
    )
