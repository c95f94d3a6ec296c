"""The SPOC profile: what a national Single Point of Contact is, as facts a checker can read.

A profile records facts, never verdicts. A SPOC that works only office hours, lacks a SIRENE
Bureau or omits English is described by a perfectly valid profile; the compliance checker is
what says it falls short. The models are strict only on form: types, codes, formats and the
closed lists of the Directive. Leaving a key out means "not stated", which the checker reports
as "not assessable" rather than guessing.
"""

# No ``from __future__ import annotations`` here: pydantic would then compile and evaluate every
# field's annotation from its text when the classes are created, a measurable part of the
# command line's start-up. Classes are declared before they are used, so nothing needs quoting.

from typing import Literal

from pydantic import StrictBool

from spocschema.enums import (
    AccessMode,
    ActStage,
    AlternativeChannelGround,
    ChannelType,
    CmsFunction,
    ContactPointKind,
    CopyExceptionGround,
    DesignationEvidenceKind,
    DirectiveApplication,
    EstablishedBy,
    SpocTask,
    StaffAgency,
    StateStatus,
    TrainingTopic,
    UnitRelation,
    UnitType,
    Weekday,
)
from spocschema.models.base import SpocModel, fact
from spocschema.models.provenance import Provenance
from spocschema.types import (
    Count,
    CountryCode,
    EndTimeOfDay,
    HttpUrl,
    Identifier,
    IsoDate,
    IsoDuration,
    LanguageCode,
    LongText,
    Maybe,
    Text,
    TimeOfDay,
    TimeZoneName,
    UniqueList,
    Year,
)

#: The schema version this release of the models writes; it reads every version in
#: ``PROFILE_SCHEMA_VERSIONS`` (1.1 only adds optional facts and codes to 1.0).
PROFILE_SCHEMA_VERSION = "1.1"
PROFILE_SCHEMA_VERSIONS = ("1.0", "1.1")


class Section(SpocModel):
    """A section of a profile, which may say where its facts come from."""

    provenance: Maybe[Provenance] = fact(
        "Where this section's facts come from (schema 1.1); shown next to every verdict that "
        "rests on them."
    )


class LocalisedName(SpocModel):
    """The SPOC's official name in one language."""

    language: LanguageCode = fact("Language of this name (ISO 639-1).", required=True)
    name: Text = fact("The official name in that language.", required=True)


class LegalAct(SpocModel):
    """A national act that establishes or designates the SPOC or gives it its powers."""

    title: Text = fact("Title of the act as officially published.", required=True)
    reference: Maybe[Text] = fact("Official reference, e.g. the gazette number.")
    url: Maybe[HttpUrl] = fact("Public address of the act.")
    adopted_on: Maybe[IsoDate] = fact("Date the act was adopted.")
    stage: Maybe[ActStage] = fact(
        "Where the act stands: bill, adopted or in force (schema 1.1). Left out, an act "
        "listed is read as adopted (the 1.0 meaning of the list).",
    )
    introduced_on: Maybe[IsoDate] = fact(
        "Date the bill was introduced or the draft published (schema 1.1)."
    )
    in_force_from: Maybe[IsoDate] = fact("Date the act entered into force (schema 1.1).")


class DesignationEvidence(SpocModel):
    """Evidence that the state designated its SPOC, other than an act (schema 1.1)."""

    kind: DesignationEvidenceKind = fact(
        "What kind of evidence it is.", legal_basis="Art 14(1)", required=True
    )
    title: Text = fact("Title or description of the evidence.", required=True)
    reference: Maybe[Text] = fact("Official reference, e.g. a decision number.")
    url: Maybe[HttpUrl] = fact("Public address of the evidence.")
    issued_on: Maybe[IsoDate] = fact("Date of the decision or statement.")


class Participation(SpocModel):
    """The state's own declaration of the instruments it is bound by (schema 1.1).

    For most states ``spocschema.participation`` knows this from the code list; states with a
    position of their own (Denmark, Ireland, Cyprus for SIS) must declare it here.
    """

    europol_regulation: Maybe[StrictBool] = fact(
        "True if the state is bound by Regulation (EU) 2016/794 (Europol), which establishes "
        "the Europol national unit.",
        legal_basis="Art 15(2)(a)",
    )
    sis_police_regulation: Maybe[StrictBool] = fact(
        "True if the state is bound by Regulation (EU) 2018/1862 (SIS, police cooperation), "
        "which establishes the SIRENE Bureau.",
        legal_basis="Art 15(2)(b)",
    )
    interpol_member: Maybe[StrictBool] = fact(
        "True if the state is a member of Interpol, whose Constitution (Art 32) establishes "
        "the National Central Bureau.",
        legal_basis="Art 15(2)(c)",
    )


class StateDeclaration(Section):
    """The state that runs the SPOC and how the Directive applies to it, as it declares."""

    country: CountryCode = fact(
        "The state, as an ISO 3166-1 alpha-2 code (XK for Kosovo; EL is accepted for Greece "
        "and stored as GR).",
        legal_basis="Art 14(1)",
        required=True,
        examples=["PT", "XK"],
    )
    status: StateStatus = fact(
        "EU Member State, Schengen associated state or partner aligning voluntarily.",
        required=True,
    )
    directive_application: Maybe[DirectiveApplication] = fact(
        "How far Directive (EU) 2023/977 applies to the state. Declared, never assumed: "
        "Denmark and Ireland have positions of their own, partners are not bound.",
        legal_basis="Art 22",
    )
    position_statement: Maybe[LongText] = fact(
        "Free-text explanation of the state's position (e.g. an opt-in decision)."
    )
    partial_application: Maybe[LongText] = fact(
        "Where the Directive applies to the state only in part: which parts apply and on what "
        "legal basis (schema 1.1).",
        legal_basis="Art 22",
    )
    participation: Maybe[Participation] = fact(
        "The instruments the state declares itself bound by (schema 1.1); required in substance "
        "for states whose position the code list leaves to them.",
        legal_basis="Art 15(2)",
    )


class SpocIdentity(Section):
    """Who the SPOC is: the one entity the state established or designated."""

    identifier: Maybe[Identifier] = fact(
        "A stable identifier for this SPOC, unique across the network.",
        examples=["spoc-xx-example"],
    )
    name: Text = fact(
        "The SPOC's official name (in English where one exists).",
        legal_basis="Art 14(1)",
        required=True,
    )
    official_names: Maybe[list[LocalisedName]] = fact(
        "The official name in each national language.", legal_basis="Art 14(1)"
    )
    acronym: Maybe[Text] = fact("Short name in common use.")
    parent_authority: Maybe[Text] = fact(
        "The authority the SPOC belongs to (e.g. the national police headquarters).",
        legal_basis="Art 14(1)",
    )
    national_legal_basis: Maybe[list[LegalAct]] = fact(
        "The national acts establishing or designating the SPOC.", legal_basis="Art 14(1)"
    )
    established_on: Maybe[IsoDate] = fact(
        "Date the SPOC was established or designated.", legal_basis=("Art 14(1)", "Art 14(4)")
    )
    designation_evidence: Maybe[list[DesignationEvidence]] = fact(
        "Evidence of the designation other than an act: a government decision, a published "
        "statement, the notification to the Commission (schema 1.1).",
        legal_basis="Art 14(1)",
    )


class SystemAccess(SpocModel):
    """One national information source and how the SPOC reaches it."""

    system: Text = fact("Name of the national system or register.", required=True)
    access: AccessMode = fact(
        "Direct (the SPOC consults it itself) or indirect (through another authority).",
        legal_basis=("Art 14(3)(a)(i)", "Art 5(1)"),
        required=True,
    )
    holder: Maybe[Text] = fact("Authority that holds the information.")


class InformationAccess(Section):
    """The SPOC's access to information available to its competent authorities."""

    all_competent_authority_information: Maybe[StrictBool] = fact(
        "True if the SPOC has access to all information available to its competent law "
        "enforcement authorities, as far as needed for its tasks.",
        legal_basis="Art 14(3)(a)(i)",
    )
    systems: Maybe[list[SystemAccess]] = fact(
        "The national systems the SPOC consults, each direct or indirect.",
        legal_basis="Art 14(3)(a)(i)",
    )


class ScheduleSlot(SpocModel):
    """A staffed period on one weekday."""

    day: Weekday = fact("Day of the week.", required=True)
    opens: TimeOfDay = fact("Start of the staffed period (HH:MM).", required=True)
    closes: EndTimeOfDay = fact(
        "End of the staffed period (HH:MM, 24:00 for midnight).", required=True
    )


class Availability(Section):
    """When the SPOC is operational."""

    around_the_clock: StrictBool = fact(
        "True if the SPOC operates 24 hours a day, 7 days a week.",
        legal_basis="Art 14(3)(a)(ii)",
        required=True,
    )
    weekly_schedule: Maybe[list[ScheduleSlot]] = fact(
        "The staffed periods, where the SPOC is not operational around the clock.",
        legal_basis="Art 14(3)(a)(ii)",
    )
    time_zone: Maybe[TimeZoneName] = fact(
        "IANA time zone of the schedule (e.g. Europe/Lisbon).", examples=["Europe/Brussels"]
    )
    out_of_hours_arrangement: Maybe[LongText] = fact(
        "How urgent requests are handled outside the staffed periods."
    )


class Translation(SpocModel):
    """The SPOC's translation capability."""

    available: StrictBool = fact(
        "True if the SPOC has translation capability.",
        legal_basis="Art 14(3)(a)(iii)",
        required=True,
    )
    around_the_clock: Maybe[StrictBool] = fact(
        "True if translation is available 24/7.", legal_basis="Art 14(3)(a)(iii)"
    )
    in_house_languages: Maybe[UniqueList[LanguageCode]] = fact(
        "Languages the SPOC's own staff translate.", legal_basis="Art 14(3)(a)(iii)"
    )
    external_service: Maybe[StrictBool] = fact("True if an external translation service is used.")


class Resources(Section):
    """Staff, tools and means the SPOC has to work adequately and rapidly."""

    staff_full_time_equivalents: Maybe[Count] = fact(
        "Staff assigned to the SPOC, in full-time equivalents.",
        legal_basis="Art 14(3)(a)(iii)",
    )
    staff_qualified: Maybe[StrictBool] = fact(
        "True if the staff are adequately qualified for their tasks.",
        legal_basis=("Art 14(3)(a)(iii)", "Art 15(3)"),
    )
    operational_tools: Maybe[list[Text]] = fact(
        "Operational tools available to the staff.", legal_basis="Art 14(3)(a)(iii)"
    )
    translation: Maybe[Translation] = fact(
        "Translation capability.", legal_basis="Art 14(3)(a)(iii)"
    )
    resources_statement: Maybe[LongText] = fact(
        "How technical and financial resources, infrastructure and capabilities are ensured.",
        legal_basis="Art 14(3)(a)(iii)",
    )


class JudicialAvailability(Section):
    """Availability of the judicial authorities competent to grant Art 9 authorisations."""

    around_the_clock: StrictBool = fact(
        "True if the competent judicial authorities are available to the SPOC 24/7.",
        legal_basis="Art 14(3)(b)",
        required=True,
    )
    arrangement: Maybe[LongText] = fact(
        "How the SPOC reaches them (on-call prosecutor, duty judge).", legal_basis="Art 14(3)(b)"
    )


class CommissionNotification(Section):
    """Notification of the SPOC to the European Commission."""

    notified_on: Maybe[IsoDate] = fact(
        "Date the SPOC was notified to the Commission. Required in schema 1.0; from 1.1 it may "
        "be left out where only the Official Journal reference is known.",
        legal_basis="Art 14(4)",
    )
    official_journal_reference: Maybe[Text] = fact(
        "Reference of the Commission's publication in the Official Journal.",
        legal_basis="Art 14(4)",
    )
    last_update_notified_on: Maybe[IsoDate] = fact(
        "Date the latest update was notified.", legal_basis="Art 14(4)"
    )
    up_to_date: Maybe[StrictBool] = fact(
        "True if the notification (with its updates) matches the SPOC as it stands (schema 1.1).",
        legal_basis="Art 14(4)",
    )


class UnitMembership(SpocModel):
    """One unit and whether it is part of the SPOC's staff."""

    unit_type: UnitType = fact("The kind of unit.", legal_basis="Art 15(2)", required=True)
    name: Maybe[Text] = fact("The unit's name.")
    included: StrictBool = fact(
        "True if the unit's staff are part of the SPOC.", legal_basis="Art 15(2)", required=True
    )
    relation_to_spoc: Maybe[UnitRelation] = fact(
        "How the unit stands to the SPOC: the SPOC is that unit, the unit is part of it, or a "
        "separate body attached to it (schema 1.1).",
    )
    state_is_bound: Maybe[StrictBool] = fact(
        "Whether the state is bound to have such a unit (e.g. no SIRENE Bureau without SIS "
        "participation). Declared, never assumed.",
        legal_basis="Art 15(2)",
    )
    justification: Maybe[LongText] = fact(
        "Why the unit is not included, in particular the reason the state is not bound.",
        legal_basis="Art 15(2)",
    )


class FrontOffice(SpocModel):
    """The intake desk: registration, triage, urgent cases."""

    around_the_clock: StrictBool = fact(
        "True if the front office is staffed 24/7.", legal_basis="G-FRONTBACK", required=True
    )
    tasks: Maybe[LongText] = fact("What the front office handles.")


class Organisation(Section):
    """How the state organises and composes its SPOC."""

    composition: Maybe[list[UnitMembership]] = fact(
        "The units whose staff make up the SPOC, and those absent with the reason.",
        legal_basis=("Art 15(1)", "Art 15(2)"),
    )
    composition_complete: Maybe[StrictBool] = fact(
        "True if composition lists every unit of the SPOC, so that a unit not listed is not "
        "part of it (schema 1.1). Left out, a unit not listed is 'not stated'.",
    )
    single_management: Maybe[StrictBool] = fact(
        "True if all international channels sit in one unit under one management.",
        legal_basis="G-ONESTOP",
    )
    front_office: Maybe[FrontOffice] = fact("The front office.", legal_basis="G-FRONTBACK")
    back_office: Maybe[StrictBool] = fact(
        "True if a back office handles complex follow-up and analysis.", legal_basis="G-FRONTBACK"
    )
    staff_agencies: Maybe[UniqueList[StaffAgency]] = fact(
        "Services whose officers serve in the SPOC.", legal_basis="G-MULTIAGENCY"
    )
    other_staff_agencies: Maybe[list[Text]] = fact(
        "Names of the other services (code 'other') whose officers serve in the SPOC (schema 1.1).",
        legal_basis="G-MULTIAGENCY",
    )
    staff_agencies_complete: Maybe[StrictBool] = fact(
        "True if staff_agencies lists every service that staffs the SPOC (schema 1.1).",
    )
    judicial_liaison_on_call: Maybe[StrictBool] = fact(
        "True if a prosecutor or judicial liaison is on call for the SPOC.",
        legal_basis="G-MULTIAGENCY",
    )
    description: Maybe[LongText] = fact(
        "How the organisation lets the SPOC perform its tasks efficiently.",
        legal_basis="Art 15(1)",
    )


class Training(Section):
    """The SPOC staff's access to adequate and regular training."""

    programme: Maybe[LongText] = fact(
        "The training programme for SPOC staff.", legal_basis="Art 15(3)"
    )
    interval: Maybe[IsoDuration] = fact(
        "How often training is offered, as an ISO 8601 duration (P1Y: yearly).",
        legal_basis="Art 15(3)",
        examples=["P6M", "P1Y"],
    )
    topics: Maybe[UniqueList[TrainingTopic]] = fact(
        "Subjects covered.", legal_basis=("Art 15(3)(a)", "Art 15(3)(b)", "Art 15(3)(c)")
    )
    cepol_participation: Maybe[StrictBool] = fact(
        "True if staff attend CEPOL activities.", legal_basis="G-TRAINING"
    )
    last_delivered_on: Maybe[IsoDate] = fact("Date of the latest training session.")


class Retention(SpocModel):
    """How long personal data stay in the case management system, and their review."""

    policy: Maybe[LongText] = fact("The retention rule applied.", legal_basis="Art 16(3)")
    irrevocable_deletion: Maybe[StrictBool] = fact(
        "True if data past retention are irrevocably deleted.", legal_basis="Art 16(3)"
    )
    first_review_within: Maybe[IsoDuration] = fact(
        "Time from the conclusion of an exchange to the first retention review (at most P6M).",
        legal_basis="Art 16(4)",
        examples=["P6M"],
    )
    review_interval: Maybe[IsoDuration] = fact(
        "Interval of the regular reviews after the first.", legal_basis="Art 16(4)"
    )


class CaseManagementSystem(Section):
    """The single electronic case management system the SPOC operates."""

    name: Maybe[Text] = fact("Name of the system.")
    single_system: StrictBool = fact(
        "True if one single electronic system is the SPOC's repository.",
        legal_basis="Art 16(1)",
        required=True,
    )
    functions: Maybe[UniqueList[CmsFunction]] = fact(
        "Functions the system provides, from the closed list of Art 16(1).",
        legal_basis="Art 16(1)",
    )
    functions_complete: Maybe[StrictBool] = fact(
        "True if functions lists every Art 16(1) function the system has, so that one not "
        "listed is lacking (schema 1.1). Left out, a function not listed is 'not stated'.",
    )
    security_measures: Maybe[list[Text]] = fact(
        "Safeguards against unauthorised access and abuse.", legal_basis="Art 16(2)"
    )
    cybersecurity_risk_managed: Maybe[StrictBool] = fact(
        "True if cybersecurity risks (architecture, governance, control) are managed.",
        legal_basis="Art 16(2)",
    )
    retention: Maybe[Retention] = fact(
        "Retention and review of personal data.", legal_basis=("Art 16(3)", "Art 16(4)")
    )


class Languages(Section):
    """The languages in which the SPOC can exchange information."""

    working_languages: UniqueList[LanguageCode] = fact(
        "The languages on the state's Art 11 list (official EU languages, including English).",
        legal_basis="Art 11(1)",
        required=True,
        examples=[["en", "pt"]],
    )
    notified_on: Maybe[IsoDate] = fact(
        "Date the list (or its latest update) was sent to the Commission.",
        legal_basis="Art 11(2)",
    )
    notified_list_current: Maybe[StrictBool] = fact(
        "True if the list last sent to the Commission is the list in use (schema 1.1).",
        legal_basis="Art 11(2)",
    )


class SienaConnection(SpocModel):
    """The SPOC's connection to SIENA, Europol's Secure Information Exchange Network."""

    connected: StrictBool = fact(
        "True if the SPOC is connected to SIENA.", legal_basis="Art 13(3)", required=True
    )
    direct_connection: Maybe[StrictBool] = fact(
        "True if the SPOC is directly connected.", legal_basis="Art 13(3)"
    )
    mobile_access: Maybe[StrictBool] = fact(
        "True if SIENA is reachable from mobile devices.", legal_basis="Art 13(3)"
    )
    default_channel: Maybe[StrictBool] = fact(
        "True if SIENA is the default channel for requests, replies and own-initiative "
        "information.",
        legal_basis="Art 13(1)",
    )
    competent_authorities_connected: Maybe[StrictBool] = fact(
        "True if all competent authorities that may be involved are directly connected.",
        legal_basis="Art 13(3)",
    )
    default_channel_established_by: Maybe[EstablishedBy] = fact(
        "Whether SIENA's use as default channel is set by national law, by an instruction, or "
        "practised without a written rule (schema 1.1).",
        legal_basis="Art 13(1)",
    )


class AlternativeChannel(SpocModel):
    """A channel other than SIENA and the Art 13(2) grounds on which it is used."""

    channel_type: ChannelType = fact("The channel.", legal_basis="Art 13(2)", required=True)
    grounds: UniqueList[AlternativeChannelGround] = fact(
        "The Art 13(2) grounds for using it.", legal_basis="Art 13(2)", required=True
    )
    description: Maybe[LongText] = fact("When and how the channel is used.")


class Channels(Section):
    """How the SPOC communicates with other SPOCs and authorities."""

    siena: Maybe[SienaConnection] = fact("The SIENA connection.", legal_basis="Art 13")
    alternative_channels: Maybe[list[AlternativeChannel]] = fact(
        "Other channels, each with its Art 13(2) grounds.", legal_basis="Art 13(2)"
    )
    alternative_channels_complete: Maybe[StrictBool] = fact(
        "True if alternative_channels lists every channel other than SIENA in use; with an "
        "empty list, it declares that no other channel is used (schema 1.1).",
        legal_basis="Art 13(2)",
    )
    channel_choice_criteria: Maybe[LongText] = fact(
        "Documented criteria for choosing a channel (SIENA, SIRENE, Interpol, bilateral).",
        legal_basis="G-CHANNEL",
    )


class DesignatedAuthority(SpocModel):
    """A law enforcement authority allowed to send requests to other states' SPOCs."""

    name: Text = fact("The authority's name.", legal_basis="Art 4(1)", required=True)
    identifier: Maybe[Identifier] = fact("Identifier of the authority, unique in the profile.")


class DesignatedAuthorities(Section):
    """The designated law enforcement authorities and their notification."""

    authorities: list[DesignatedAuthority] = fact(
        "The designated authorities (an empty list: none designated).",
        legal_basis="Art 4(1)",
        required=True,
    )
    notified_on: Maybe[IsoDate] = fact(
        "Date the list was sent to the Commission.", legal_basis="Art 4(1)"
    )
    copy_to_spoc: Maybe[StrictBool] = fact(
        "True if a designated authority copies its own SPOC when it sends a request.",
        legal_basis="Art 4(1)",
    )
    provided_by_national_law: Maybe[StrictBool] = fact(
        "True if national law provides for designated authorities to send requests to other "
        "SPOCs (schema 1.1).",
        legal_basis="Art 4(1)",
    )
    notified_list_current: Maybe[StrictBool] = fact(
        "True if the list last sent to the Commission is the list in force, every change "
        "having been notified (schema 1.1).",
        legal_basis="Art 4(1)",
    )


class CopyExceptionPolicy(Section):
    """When copies to the SPOC may be omitted, case by case."""

    applies: StrictBool = fact(
        "True if the state allows copies to be omitted.",
        legal_basis=("Art 4(2)", "Art 5(3)", "Art 7(3)", "Art 8(3)"),
        required=True,
    )
    grounds: Maybe[UniqueList[CopyExceptionGround]] = fact(
        "The grounds on which a copy may be omitted (only the three of the Directive).",
        legal_basis="Art 4(2)",
    )
    procedure: Maybe[LongText] = fact("Who decides and how the decision is recorded.")


class TimeLimits(Section):
    """The service levels the SPOC declares for replying to requests, as ISO 8601 durations."""

    urgent_directly_accessible: Maybe[IsoDuration] = fact(
        "Reply time for urgent requests for directly accessible information (at most PT8H).",
        legal_basis="Art 5(1)(a)",
        examples=["PT8H"],
    )
    urgent_indirectly_accessible: Maybe[IsoDuration] = fact(
        "Reply time for urgent requests for indirectly accessible information (at most P3D).",
        legal_basis="Art 5(1)(b)",
        examples=["P3D"],
    )
    other_requests: Maybe[IsoDuration] = fact(
        "Reply time for all other requests (at most P7D).",
        legal_basis="Art 5(1)(c)",
        examples=["P7D"],
    )
    established_by: Maybe[EstablishedBy] = fact(
        "Whether these reply times are set by national law, by an instruction, or are the "
        "times practised (schema 1.1).",
        legal_basis="Art 5(1)",
    )


class JudicialAuthorisation(Section):
    """How judicial authorisation for providing information is handled."""

    required_only_where_domestically_required: Maybe[StrictBool] = fact(
        "True if authorisation is required for cross-border provision only where it would be "
        "required domestically.",
        legal_basis="Art 9(1)",
    )
    procedure: Maybe[LongText] = fact(
        "How authorisation is sought, immediately, when required.", legal_basis="Art 9(2)"
    )
    steps_taken_immediately: Maybe[StrictBool] = fact(
        "True if, where authorisation is required, all necessary steps to obtain it are taken "
        "immediately, as a standing rule of the SPOC (schema 1.1).",
        legal_basis="Art 9(2)",
    )
    requester_informed_of_delay: Maybe[StrictBool] = fact(
        "True if the requester is told at once of an expected delay, its length and reasons.",
        legal_basis="Art 5(2)",
    )


class HeadsOfSpocMeetings(Section):
    """The SPOC head's participation in the Heads-of-SPOC network."""

    attended_on: UniqueList[IsoDate] = fact(
        "Dates of meetings the head of the SPOC attended.",
        legal_basis=("Art 17", "G-NET-2019"),
        required=True,
    )
    attendance_record_complete: Maybe[StrictBool] = fact(
        "True if attended_on lists every Heads-of-SPOC meeting the head attended, so that a "
        "calendar year without a date had no attendance (schema 1.1).",
        legal_basis="Art 17",
    )
    reports_to_working_party: Maybe[StrictBool] = fact(
        "True if the network's results are reported to the Council working party (IXIM).",
        legal_basis="G-NET-2019",
    )


class StatisticsArrangement(Section):
    """How the annual Art 18 statistics are produced and sent."""

    generated_by_cms: Maybe[StrictBool] = fact(
        "True if the case management system generates the statistics.",
        legal_basis="Art 16(1)(g)",
    )
    last_reporting_year: Maybe[Year] = fact(
        "The latest calendar year reported to the Commission.", legal_basis="Art 18"
    )
    last_submitted_on: Maybe[IsoDate] = fact(
        "Date the latest statistics were sent (due by 1 March).", legal_basis="Art 18"
    )


class ContactPoint(SpocModel):
    """A functional contact point of the SPOC: a desk, never an individual officer."""

    kind: ContactPointKind = fact("Kind of contact point.", required=True)
    value: Text = fact(
        "The address or number (use reserved example values in examples).",
        required=True,
        examples=["spoc-desk@police.example.org", "+000 0000 0000"],
    )
    label: Maybe[Text] = fact("What the contact point is for.")
    functional: StrictBool = fact(
        "True if the contact point belongs to a desk, not to a person.",
        legal_basis="G-FUNCTIONAL",
        required=True,
    )
    around_the_clock: Maybe[StrictBool] = fact(
        "True if it is answered 24/7.", legal_basis="Art 14(3)(a)(ii)"
    )


class FactSheet(Section):
    """The national fact sheet in the Council Manual on Law Enforcement Information Exchange."""

    last_updated_on: IsoDate = fact(
        "Date the fact sheet was last updated.", legal_basis="G-FACTSHEET", required=True
    )


class SpocProfile(SpocModel):
    """A national Single Point of Contact described as facts (spocschema profile, version 1.1).

    The document a national IT team writes about its SPOC. Structural validity (this schema)
    says the document is well formed; compliance with Directive (EU) 2023/977 is judged
    separately by the checker.
    """

    schema_uri: Maybe[HttpUrl] = fact(
        "Optional `$schema` link to this schema, for editors; not part of the facts.",
        alias="$schema",
    )
    schema_version: Literal["1.0", "1.1"] = fact(
        "The version of the profile schema this document follows.", required=True
    )
    revision_date: IsoDate = fact("Date of this revision of the profile.", required=True)
    state: StateDeclaration = fact("The state and how the Directive applies to it.", required=True)
    spoc: SpocIdentity = fact("Identity of the SPOC.", legal_basis="Art 14(1)", required=True)
    tasks: Maybe[UniqueList[SpocTask]] = fact(
        "The tasks the SPOC performs, from the closed list of Art 14(2).",
        legal_basis="Art 14(2)",
    )
    information_access: Maybe[InformationAccess] = fact(
        "Access to national information.", legal_basis="Art 14(3)(a)(i)"
    )
    availability: Maybe[Availability] = fact("Operating hours.", legal_basis="Art 14(3)(a)(ii)")
    resources: Maybe[Resources] = fact(
        "Staff, tools, translation and other means.", legal_basis="Art 14(3)(a)(iii)"
    )
    judicial_availability: Maybe[JudicialAvailability] = fact(
        "Availability of the competent judicial authorities.", legal_basis="Art 14(3)(b)"
    )
    commission_notification: Maybe[CommissionNotification] = fact(
        "Notification of the SPOC to the Commission.", legal_basis="Art 14(4)"
    )
    organisation: Maybe[Organisation] = fact(
        "Organisation and composition.", legal_basis=("Art 15(1)", "Art 15(2)")
    )
    training: Maybe[Training] = fact("Staff training.", legal_basis="Art 15(3)")
    case_management_system: Maybe[CaseManagementSystem] = fact(
        "The case management system.", legal_basis="Art 16"
    )
    languages: Maybe[Languages] = fact("Working languages.", legal_basis="Art 11")
    channels: Maybe[Channels] = fact("Communication channels.", legal_basis="Art 13")
    designated_authorities: Maybe[DesignatedAuthorities] = fact(
        "Designated law enforcement authorities.", legal_basis="Art 4(1)"
    )
    copy_exceptions: Maybe[CopyExceptionPolicy] = fact(
        "Policy on omitting copies to the SPOC.", legal_basis="Art 4(2)"
    )
    time_limits: Maybe[TimeLimits] = fact("Declared reply times.", legal_basis="Art 5(1)")
    judicial_authorisation: Maybe[JudicialAuthorisation] = fact(
        "Judicial authorisation procedure.", legal_basis=("Art 5(2)", "Art 9")
    )
    heads_of_spoc_meetings: Maybe[HeadsOfSpocMeetings] = fact(
        "Participation in Heads-of-SPOC meetings.", legal_basis=("Art 17", "G-NET-2019")
    )
    statistics: Maybe[StatisticsArrangement] = fact(
        "Annual statistics arrangement.", legal_basis="Art 18"
    )
    contact_points: Maybe[list[ContactPoint]] = fact(
        "Functional contact points.", legal_basis="G-FUNCTIONAL"
    )
    fact_sheet: Maybe[FactSheet] = fact(
        "National fact sheet in the Council Manual.", legal_basis="G-FACTSHEET"
    )
