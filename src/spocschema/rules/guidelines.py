"""Rules on the recommendations of Council guidance (section D): warnings or info, never breaches.

These go beyond the Directive. Each carries the Council document as its legal basis, says whom
the document addresses (a recommendation to the network of Heads of SPOC is not a duty of one
SPOC), and has the severity ``warning`` or ``info``; a national pack may raise them where
national law makes them binding. Lists are read as complete only where the profile says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.enums import StaffAgency, UnitType
from spocschema.models.profile import SpocProfile
from spocschema.report import Severity
from spocschema.rules.base import Context, Outcome, TestBasis, missing, not_met, rule, yes_no_fact
from spocschema.rules.dates import add_months
from spocschema.rules.network import yearly_attendance

#: The 2019 Conclusions were adopted on 7 October 2019; 2020 is the first full year after.
_CONCLUSIONS_FIRST_YEAR = 2020
_NETWORK = "network of Heads of SPOC (established by the Member States and Schengen associated "
_NETWORK += "countries)"


@rule(
    id="SPOC-D-0001",
    provision="G-NET-2019",
    title="The Heads-of-SPOC network meets twice a year: the head takes part in both",
    rationale="The Council Conclusions of 7 October 2019 invite the Member States and the "
    "Schengen associated countries to establish a network of Heads of SPOC which meets at "
    "least twice a year at the invitation of the Council Presidency. The recommendation is "
    "addressed to the network; a profile can show its head's part in it, per calendar year "
    "once the year has closed.",
    remediation="Take part in both meetings each year, record them in "
    "heads_of_spoc_meetings.attended_on and declare the record complete.",
    passing={"heads_of_spoc_meetings": {"attended_on": ["2025-03-18", "2025-10-21"]}},
    failing={
        "heads_of_spoc_meetings": {
            "attended_on": ["2025-10-21"],
            "attendance_record_complete": True,
        }
    },
    passing_as_of="2026-06-01",
    failing_as_of="2026-06-01",
    tags=("network",),
    addressee=_NETWORK,
)
def twice_yearly_meetings(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yearly_attendance(
        profile,
        ctx.as_of,
        _CONCLUSIONS_FIRST_YEAR,
        2,
        "the 2019 Conclusions invite the network to meet at least twice a year",
    )


@rule(
    id="SPOC-D-0002",
    provision="G-NET-2019",
    title="The Council working party is informed of the network's activities",
    rationale="The 2019 Conclusions request that the Council's DAPIX working party (now IXIM) "
    "be informed about the activities of the network on a regular basis. The request concerns "
    "the network as a whole, not each SPOC; the rule records what a profile declares about it.",
    remediation="Set heads_of_spoc_meetings.reports_to_working_party once the network reports.",
    passing={"heads_of_spoc_meetings": {"reports_to_working_party": True}},
    failing={"heads_of_spoc_meetings": {"reports_to_working_party": False}},
    tags=("network",),
    severity=Severity.INFO,
    addressee=_NETWORK,
)
def reports_to_working_party(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yes_no_fact(
        profile.heads_of_spoc_meetings,
        "/heads_of_spoc_meetings/reports_to_working_party",
        unstated="The profile does not state whether the network's activities are reported.",
        untrue="The profile declares the working party is not informed of the network's "
        "activities.",
    )


#: Channels the one-stop shop brings together besides the three units of Art 15(2), which the
#: Art 15(2) rules already check (a missing SIRENE Bureau is reported once, as a breach).
ONE_STOP_CHANNELS = (UnitType.LIAISON_OFFICERS, UnitType.PRUEM_CONTACT_POINT, UnitType.PCCC_LINK)


@rule(
    id="SPOC-D-0003",
    provision="G-ONESTOP",
    title="All international channels sit in one unit under one management",
    rationale="The Council SPOC Guidelines (10492/14, updating 7968/08) recommend a one-stop "
    "shop: the Europol national unit, SIRENE, the Interpol NCB, liaison officers, Prüm contact "
    "points and links to Police and Customs Cooperation Centres in one unit under one "
    "management. The three units of Art 15(2) are checked by their own rules.",
    remediation="Bring the channels into the SPOC, list them in organisation.composition with "
    "included: true, and set organisation.single_management to true.",
    passing={"organisation": {"single_management": True}},
    failing={"organisation": {"single_management": False}},
    tags=("organisation", "composition"),
    addressee="Member State",
)
def one_stop_shop(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    organisation = profile.organisation
    if organisation is None:
        yield missing("/organisation", "The profile does not describe the SPOC's organisation.")
        return
    if organisation.single_management is None:
        yield missing(
            "/organisation/single_management",
            "The profile does not state whether the channels are under one management.",
        )
    elif not organisation.single_management:
        yield not_met(
            "/organisation/single_management",
            "The international channels are not under one management.",
        )
    if organisation.composition is None:
        yield missing("/organisation/composition", "The profile does not list the SPOC's units.")
        return
    listed = {entry.unit_type: i for i, entry in enumerate(organisation.composition)}
    for unit in ONE_STOP_CHANNELS:
        index = listed.get(unit)
        if index is None and organisation.composition_complete:
            yield not_met(
                "/organisation/composition",
                f"The composition, declared complete, does not include the channel '{unit.value}'.",
            )
        elif index is None:
            yield missing(
                "/organisation/composition",
                f"The composition does not say whether the channel '{unit.value}' is part of "
                "the SPOC.",
            )
        elif not organisation.composition[index].included:
            yield not_met(
                f"/organisation/composition/{index}/included",
                f"The channel '{unit.value}' is not part of the SPOC.",
            )


@rule(
    id="SPOC-D-0004",
    provision="G-FRONTBACK",
    title="A 24/7 front office and a back office",
    rationale="The Council SPOC Guidelines recommend a front office staffed around the clock "
    "for intake, registration, triage and urgent cases, and a back office for complex follow-up "
    "and analysis.",
    remediation="Set up both, then describe organisation.front_office (around_the_clock: true) "
    "and set organisation.back_office to true.",
    passing={"organisation": {"front_office": {"around_the_clock": True}, "back_office": True}},
    failing={"organisation": {"front_office": {"around_the_clock": False}}},
    tags=("organisation",),
    addressee="Member State",
)
def front_and_back_office(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    organisation = profile.organisation
    if organisation is None or organisation.front_office is None:
        yield missing("/organisation/front_office", "The profile does not describe a front office.")
    elif not organisation.front_office.around_the_clock:
        yield not_met(
            "/organisation/front_office/around_the_clock",
            "The front office is not staffed around the clock.",
        )
    if organisation is None or organisation.back_office is None:
        yield missing(
            "/organisation/back_office",
            "The profile does not state whether there is a back office.",
        )
    elif not organisation.back_office:
        yield not_met("/organisation/back_office", "The SPOC has no back office.")


_AGENCIES = (StaffAgency.POLICE, StaffAgency.CUSTOMS, StaffAgency.BORDER_GUARD)


@rule(
    id="SPOC-D-0005",
    provision="G-MULTIAGENCY",
    title="Police, customs and border guard staff, with a judicial liaison on call",
    rationale="The Council SPOC Guidelines recommend staff from police, customs and border "
    "guard, and a prosecutor or judicial liaison on call, so the SPOC can handle every kind of "
    "request without hand-offs.",
    remediation="Staff the SPOC from those services, list them in organisation.staff_agencies "
    "and set organisation.judicial_liaison_on_call to true.",
    passing={"organisation": {"staff_agencies": ["police", "customs", "border_guard"]}},
    failing={"organisation": {"staff_agencies": ["police"], "staff_agencies_complete": True}},
    tags=("organisation",),
    addressee="Member State",
)
def multi_agency(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    organisation = profile.organisation
    agencies = organisation.staff_agencies if organisation else None
    if agencies is None:
        yield missing(
            "/organisation/staff_agencies", "The profile does not state which services staff it."
        )
    else:
        absent = [a.value for a in _AGENCIES if a not in agencies]
        if absent and organisation is not None and organisation.staff_agencies_complete:
            yield not_met(
                "/organisation/staff_agencies",
                "The SPOC has no staff from: " + ", ".join(absent) + ".",
            )
        elif absent:
            yield missing(
                "/organisation/staff_agencies_complete",
                "The services listed do not include " + ", ".join(absent) + " and the list is "
                "not declared complete.",
            )
    on_call = organisation.judicial_liaison_on_call if organisation else None
    if on_call is None:
        yield missing(
            "/organisation/judicial_liaison_on_call",
            "The profile does not state whether a judicial liaison is on call.",
        )
    elif not on_call:
        yield not_met("/organisation/judicial_liaison_on_call", "No judicial liaison is on call.")


@rule(
    id="SPOC-D-0006",
    fails_as="not_assessable",
    provision="G-CHANNEL",
    title="Criteria for choosing a channel are documented",
    rationale="The Council SPOC Guidelines and the Manual on Law Enforcement Information "
    "Exchange recommend documented criteria for choosing between SIENA, SIRENE, Interpol and "
    "bilateral channels.",
    remediation="Document the criteria and summarise them in channels.channel_choice_criteria.",
    passing={"channels": {"channel_choice_criteria": "SIENA by default."}},
    failing={"channels": {"channel_choice_criteria": None}},
    tags=("channels",),
    addressee="Member State",
)
def channel_criteria(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.channels is None or profile.channels.channel_choice_criteria is None:
        yield missing(
            "/channels/channel_choice_criteria",
            "The profile does not document criteria for choosing a channel.",
        )


@rule(
    id="SPOC-D-0007",
    provision="G-TRAINING",
    title="CEPOL's support is used in SPOC staff training",
    rationale="The 2019 Council Conclusions welcome the support of CEPOL, the EU agency for "
    "law enforcement training, in planning training activities for SPOC staff, and consider "
    "that SPOCs should have a core group of experts for that training. They welcome, they do "
    "not require: the rule is information for the Member State.",
    remediation="Consider CEPOL activities for SPOC staff and record training.cepol_participation.",
    passing={"training": {"cepol_participation": True}},
    failing={"training": {"cepol_participation": False}},
    tags=("training",),
    severity=Severity.INFO,
    addressee="Member States and Schengen associated countries",
)
def cepol(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yes_no_fact(
        profile.training,
        "/training/cepol_participation",
        unstated="The profile does not state whether staff attend CEPOL training.",
        untrue="SPOC staff do not take part in CEPOL training.",
    )


@rule(
    id="SPOC-D-0008",
    provision="G-FACTSHEET",
    title="The national fact sheet was updated in the last six months",
    rationale="The Council Manual on Law Enforcement Information Exchange holds a fact sheet "
    "per state, updated twice a year; an outdated sheet misdirects requests.",
    remediation="Update the fact sheet and record fact_sheet.last_updated_on.",
    passing={"fact_sheet": {"last_updated_on": "2026-07-01"}},
    failing={"fact_sheet": {"last_updated_on": "2025-01-15"}},
    tags=("network",),
    addressee="Member State",
)
def fact_sheet_current(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.fact_sheet is None:
        yield missing("/fact_sheet", "The profile does not state when the fact sheet was updated.")
        return
    updated = profile.fact_sheet.last_updated_on
    if updated < add_months(ctx.as_of, -6):
        yield not_met(
            "/fact_sheet/last_updated_on",
            f"The fact sheet was last updated on {updated.isoformat()}, more than six months "
            f"before {ctx.as_of.isoformat()}.",
        )


@rule(
    id="SPOC-D-0009",
    provision="G-FUNCTIONAL",
    title="Contact points are functional, not personal",
    rationale="No instrument requires it: the project infers from the principle of data "
    "minimisation that a SPOC is best reached through desk mailboxes and lines that survive "
    "staff changes, not through an individual officer's own address or number.",
    remediation="Replace personal contact points with functional ones and set functional: true.",
    passing={
        "contact_points": [
            {"kind": "email", "value": "spoc-desk@police.example.org", "functional": True}
        ]
    },
    failing={
        "contact_points": [
            {"kind": "email", "value": "officer@police.example.org", "functional": False}
        ]
    },
    tags=("contact-points", "data-protection"),
    severity=Severity.INFO,
    test_basis=TestBasis.INTERPRETATION,
    interpretation="The project's own inference, not a provision of Directive (EU) 2016/680 or "
    "of Council guidance: contact points published for a SPOC should be functional.",
    addressee="Member State",
)
def functional_contacts(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.contact_points is None:
        yield missing("/contact_points", "The profile does not list contact points.")
        return
    for index, contact in enumerate(profile.contact_points):
        if not contact.functional:
            yield not_met(
                f"/contact_points/{index}/functional",
                f"Contact point {index + 1} ({contact.kind.value}) is personal, not functional.",
            )
