"""Closed lists of the profile vocabulary, each member tied to the provision that defines it.

Every member carries its legal basis and a one-line meaning, declared once here. The JSON
Schema export, the generated documentation and the compliance rules read them from these
classes, so a member and its explanation can never drift apart.

References use the form of the requirements catalogue: ``Art 14(2)(a)`` means Directive (EU)
2023/977, Article 14(2), point (a). Guideline references start with ``G-``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class CodeEnum(str, Enum):
    """A string enumeration whose members document their meaning and legal basis."""

    legal_basis: str
    meaning: str

    def __new__(cls, value: str, legal_basis: str = "", meaning: str = "") -> CodeEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.legal_basis = legal_basis
        obj.meaning = meaning
        return obj

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def describe(cls) -> str:
        """The class docstring followed by one line per member, for schema descriptions."""
        head = " ".join((cls.__doc__ or "").split())
        lines = [head, ""]
        for member in cls:
            ref = f" ({member.legal_basis})" if member.legal_basis else ""
            lines.append(f"- `{member.value}`: {member.meaning}{ref}")
        return "\n".join(lines)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema: dict[str, Any] = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["description"] = cls.describe()
        refs = sorted({m.legal_basis for m in cls if m.legal_basis})
        if refs:
            schema["$comment"] = "legal_basis: " + "; ".join(refs)
        return schema


class StateStatus(CodeEnum):
    """How the state takes part in the SPOC framework; decides whether rules bind or guide."""

    EU_MEMBER_STATE = ("eu_member_state", "Art 1, Art 22", "EU Member State bound by the Directive")
    SCHENGEN_ASSOCIATED = (
        "schengen_associated",
        "Art 22; Council Conclusions of 7 October 2019 (doc 12825/19)",
        "Schengen associated state (CH, IS, LI, NO), bound as a development of the acquis",
    )
    PARTNER_ALIGNING = (
        "partner_aligning",
        "Report of the Heads-of-SPOC meeting of October 2021",
        "Partner aligning voluntarily (Western Balkans); checked as alignment, not as breach",
    )


class DirectiveApplication(CodeEnum):
    """To what extent Directive (EU) 2023/977 applies to the state, as the state declares it."""

    FULL = ("full", "Art 22", "The Directive applies in full")
    SCHENGEN_ACQUIS_ONLY = (
        "schengen_acquis_only",
        "Recitals on Denmark and Ireland",
        "Applies only in so far as it builds on the Schengen acquis (e.g. Denmark)",
    )
    NOT_BOUND = ("not_bound", "", "Not bound; any alignment is voluntary (partners)")


class SpocTask(CodeEnum):
    """The tasks of the SPOC, the closed list of Article 14(2)."""

    RECEIVE_AND_EVALUATE_REQUESTS = (
        "receive_and_evaluate_requests",
        "Art 14(2)(a)",
        "Receive and evaluate requests in the languages notified under Art 11(2)",
    )
    CHANNEL_AND_COORDINATE_REQUESTS = (
        "channel_and_coordinate_requests",
        "Art 14(2)(b)",
        "Channel requests to competent national authorities and coordinate processing and replies",
    )
    COORDINATE_ANALYSIS = (
        "coordinate_analysis",
        "Art 14(2)(c)",
        "Coordinate analysis and structuring of information to be provided",
    )
    PROVIDE_INFORMATION = (
        "provide_information",
        "Art 14(2)(d)",
        "Provide information on request or on own initiative (Arts 5 and 7)",
    )
    REFUSE_AND_SEEK_CLARIFICATION = (
        "refuse_and_seek_clarification",
        "Art 14(2)(e)",
        "Refuse under Art 6 and, where needed, request clarification (Art 6(3))",
    )
    SEND_REQUESTS = (
        "send_requests",
        "Art 14(2)(f)",
        "Send requests to other SPOCs and provide clarifications when asked",
    )


class AccessMode(CodeEnum):
    """How the SPOC reaches information held by national authorities (Art 5(1), Art 14(3))."""

    DIRECT = ("direct", "Art 2(6)", "Directly accessible: the SPOC can consult the system itself")
    INDIRECT = (
        "indirect",
        "Art 2(7)",
        "Indirectly accessible: obtained from another authority without undue delay",
    )


class Weekday(CodeEnum):
    """Days of the week for a staffing schedule."""

    MONDAY = ("monday", "", "Monday")
    TUESDAY = ("tuesday", "", "Tuesday")
    WEDNESDAY = ("wednesday", "", "Wednesday")
    THURSDAY = ("thursday", "", "Thursday")
    FRIDAY = ("friday", "", "Friday")
    SATURDAY = ("saturday", "", "Saturday")
    SUNDAY = ("sunday", "", "Sunday")


class UnitType(CodeEnum):
    """Units and channels that may make up the SPOC (Art 15(2); one-stop-shop guidance)."""

    EUROPOL_NATIONAL_UNIT = ("europol_national_unit", "Art 15(2)(a)", "Europol national unit")
    SIRENE_BUREAU = ("sirene_bureau", "Art 15(2)(b)", "SIRENE Bureau")
    INTERPOL_NCB = ("interpol_ncb", "Art 15(2)(c)", "Interpol National Central Bureau")
    LIAISON_OFFICERS = (
        "liaison_officers",
        "G-ONESTOP",
        "Desk for the state's liaison officers abroad and foreign liaison officers",
    )
    PRUEM_CONTACT_POINT = ("pruem_contact_point", "G-ONESTOP", "Prüm national contact point")
    PCCC_LINK = (
        "pccc_link",
        "G-ONESTOP",
        "Link to Police and Customs Cooperation Centres",
    )
    CUSTOMS_DESK = ("customs_desk", "G-MULTIAGENCY", "Customs desk")
    BORDER_GUARD_DESK = ("border_guard_desk", "G-MULTIAGENCY", "Border guard desk")
    JUDICIAL_LIAISON = ("judicial_liaison", "G-MULTIAGENCY", "Prosecutor or judicial liaison")
    OTHER = ("other", "", "Another unit, named in the entry")


#: The three units Art 15(2) requires "in so far as the state is bound" to have them.
REQUIRED_UNITS: tuple[UnitType, ...] = (
    UnitType.EUROPOL_NATIONAL_UNIT,
    UnitType.SIRENE_BUREAU,
    UnitType.INTERPOL_NCB,
)


class StaffAgency(CodeEnum):
    """Services whose staff serve in the SPOC (multi-agency guidance, 10492/14)."""

    POLICE = ("police", "G-MULTIAGENCY", "Police")
    CUSTOMS = ("customs", "G-MULTIAGENCY", "Customs")
    BORDER_GUARD = ("border_guard", "G-MULTIAGENCY", "Border guard")
    JUDICIARY = ("judiciary", "G-MULTIAGENCY", "Prosecution service or judiciary")
    GENDARMERIE = (
        "gendarmerie",
        "G-MULTIAGENCY",
        "Gendarmerie (police force with military status)",
    )
    OTHER = ("other", "", "Another service, named in organisation.other_staff_agencies")


class TrainingTopic(CodeEnum):
    """Training subjects named by Article 15(3), plus CEPOL courses."""

    SIENA = ("siena", "Art 15(3)(a)", "Use of SIENA")
    CASE_MANAGEMENT_SYSTEM = (
        "case_management_system",
        "Art 15(3)(a)",
        "Use of the case management system",
    )
    UNION_AND_NATIONAL_LAW = (
        "union_and_national_law",
        "Art 15(3)(b)",
        "Relevant Union and national law",
    )
    DATA_PROTECTION = (
        "data_protection",
        "Art 15(3)(b)",
        "Personal data protection, in particular Directive (EU) 2016/680",
    )
    CROSS_BORDER_COOPERATION = (
        "cross_border_cooperation",
        "Art 15(3)(b)",
        "Cross-border law enforcement cooperation",
    )
    LANGUAGES = ("languages", "Art 15(3)(c)", "The languages on the state's Art 11 list")
    OTHER = ("other", "", "Another subject")


class CmsFunction(CodeEnum):
    """Functions of the single case management system, the closed list of Article 16(1)."""

    RECORD_REQUESTS_AND_COMMUNICATIONS = (
        "record_requests_and_communications",
        "Art 16(1)(a)",
        "Record incoming and outgoing requests and related communications, incl. refusals",
    )
    RECORD_NATIONAL_COMMUNICATIONS = (
        "record_national_communications",
        "Art 16(1)(b)",
        "Record communications with national competent authorities",
    )
    RECORD_INFORMATION_PROVIDED = (
        "record_information_provided",
        "Art 16(1)(c)",
        "Record information provided to other SPOCs and authorities",
    )
    CROSS_CHECK_REQUESTS = (
        "cross_check_requests",
        "Art 16(1)(d)",
        "Cross-check incoming requests against information available to the SPOC",
    )
    TRACK_TIME_LIMITS = (
        "track_time_limits",
        "Art 16(1)(e)",
        "Ensure rapid follow-up of incoming requests within the Art 5 time limits",
    )
    SIENA_INTEROPERABILITY = (
        "siena_interoperability",
        "Art 16(1)(f)",
        "Record SIENA messages directly and send them directly from the system",
    )
    GENERATE_STATISTICS = (
        "generate_statistics",
        "Art 16(1)(g)",
        "Generate statistics on exchanges, in particular for Art 18",
    )
    LOG_ACCESS_AND_PROCESSING = (
        "log_access_and_processing",
        "Art 16(1)(h)",
        "Log access and processing (Art 25 of Directive (EU) 2016/680)",
    )


class ChannelType(CodeEnum):
    """Communication channels other than SIENA that a SPOC may declare (Art 13(2))."""

    INTERPOL_I24_7 = ("interpol_i24_7", "Art 13(2)(a)", "Interpol I-24/7 network")
    SIRENE_COMMUNICATION = ("sirene_communication", "", "SIRENE communication infrastructure")
    LIAISON_OFFICERS = ("liaison_officers", "", "Liaison officers")
    PCCC = ("pccc", "", "Police and Customs Cooperation Centre")
    SECURE_EMAIL = ("secure_email", "", "Secure e-mail")
    TELEPHONE = ("telephone", "", "Telephone")
    OTHER = ("other", "", "Another channel, described in the entry")


class AlternativeChannelGround(CodeEnum):
    """Grounds on which a channel other than SIENA may be used, the closed list of Art 13(2)."""

    THIRD_COUNTRY_OR_INTERNATIONAL_ORGANISATION = (
        "third_country_or_international_organisation",
        "Art 13(2)(a)",
        "The exchange also involves third countries or international organisations",
    )
    URGENCY = ("urgency", "Art 13(2)(b)", "Urgency requires temporary use of another channel")
    SIENA_INCIDENT = (
        "siena_incident",
        "Art 13(2)(c)",
        "An unexpected technical or operational incident prevents the use of SIENA",
    )


class CopyExceptionGround(CodeEnum):
    """Grounds to omit the copy to the SPOC, the closed list of Art 4(2), 5(3), 7(3), 8(3)."""

    SENSITIVE_INVESTIGATION = (
        "sensitive_investigation",
        "Art 4(2)(a)",
        "The copy would jeopardise a highly sensitive ongoing investigation",
    )
    TERRORISM_CASE = (
        "terrorism_case",
        "Art 4(2)(b)",
        "A terrorism case not involving emergency or crisis management",
    )
    PERSONAL_SAFETY = (
        "personal_safety",
        "Art 4(2)(c)",
        "The copy would jeopardise a person's safety",
    )


class ContactPointKind(CodeEnum):
    """Kinds of functional contact point (desk mailbox or line, never a person's own)."""

    EMAIL = ("email", "G-FUNCTIONAL", "Functional desk mailbox")
    TELEPHONE = ("telephone", "G-FUNCTIONAL", "Desk telephone line")
    SIENA_MAILBOX = ("siena_mailbox", "Art 13", "SIENA mailbox")
    OTHER = ("other", "", "Another functional contact point")


class RefusalGround(CodeEnum):
    """Grounds for refusing a request, the closed list of Article 6(1)."""

    NOT_AVAILABLE = ("not_available", "Art 6(1)(a)", "The information is not available")
    REQUEST_NOT_COMPLIANT = (
        "request_not_compliant",
        "Art 6(1)(b)",
        "The request does not meet the requirements of Art 4",
    )
    JUDICIAL_AUTHORISATION_REFUSED = (
        "judicial_authorisation_refused",
        "Art 6(1)(c)",
        "Judicial authorisation required under Art 9 was refused",
    )
    DATA_CATEGORY_NOT_ALLOWED = (
        "data_category_not_allowed",
        "Art 6(1)(d)",
        "Personal data outside the categories referred to in Art 10(b)",
    )
    INACCURATE_OR_OUTDATED = (
        "inaccurate_or_outdated",
        "Art 6(1)(e)",
        "Inaccurate, incomplete or out of date, and not to be transmitted (Art 7(2) of "
        "Directive (EU) 2016/680)",
    )
    NATIONAL_SECURITY = (
        "national_security",
        "Art 6(1)(f)(i)",
        "Contrary to or harmful to essential national security interests",
    )
    ONGOING_INVESTIGATION = (
        "ongoing_investigation",
        "Art 6(1)(f)(ii)",
        "Would jeopardise the success of an ongoing criminal investigation",
    )
    PERSONAL_SAFETY = (
        "personal_safety",
        "Art 6(1)(f)(ii)",
        "Would jeopardise the safety of a natural person",
    )
    LEGAL_PERSON_INTERESTS = (
        "legal_person_interests",
        "Art 6(1)(f)(iii)",
        "Would unduly harm the protected important interests of a legal person",
    )
    MINOR_OFFENCE = (
        "minor_offence",
        "Art 6(1)(g)(i)",
        "Offence punishable by imprisonment of one year or less in the requested state",
    )
    NOT_AN_OFFENCE = (
        "not_an_offence",
        "Art 6(1)(g)(ii)",
        "Matter that is not a criminal offence under the law of the requested state",
    )
    NO_CONSENT = (
        "no_consent",
        "Art 6(1)(h)",
        "The originating Member State or third country has not consented",
    )


class UrgencyGround(CodeEnum):
    """Grounds that make a request urgent, the closed list of Article 4(4)."""

    PUBLIC_SECURITY_THREAT = (
        "public_security_threat",
        "Art 4(4)(a)",
        "Immediate and serious threat to the public security of a Member State",
    )
    THREAT_TO_LIFE = (
        "threat_to_life",
        "Art 4(4)(b)",
        "Imminent threat to a person's life or physical integrity",
    )
    DEPRIVATION_OF_LIBERTY = (
        "deprivation_of_liberty",
        "Art 4(4)(c)",
        "Needed for a decision on maintaining a restrictive measure amounting to detention",
    )
    LOSS_OF_RELEVANCE = (
        "loss_of_relevance",
        "Art 4(4)(d)",
        "Imminent risk of the information losing relevance if not provided urgently",
    )


class ActStage(CodeEnum):
    """Where a national act stands in the legislative process (schema 1.1)."""

    BILL = ("bill", "Art 14(1)", "A bill before parliament or a draft; not yet adopted")
    ADOPTED = ("adopted", "Art 14(1)", "Adopted but not yet in force")
    IN_FORCE = ("in_force", "Art 14(1)", "In force")


class DesignationEvidenceKind(CodeEnum):
    """Evidence of the SPOC's designation other than an act of parliament (schema 1.1)."""

    GOVERNMENT_DECISION = (
        "government_decision",
        "Art 14(1)",
        "A decision of the government or a minister (decree, order, resolution)",
    )
    ADMINISTRATIVE_INSTRUCTION = (
        "administrative_instruction",
        "Art 14(1)",
        "An instruction or internal order of the authority concerned",
    )
    PUBLISHED_STATEMENT = (
        "published_statement",
        "Art 14(1)",
        "A public statement by the government or the authority naming the SPOC",
    )
    COMMISSION_NOTIFICATION = (
        "commission_notification",
        "Art 14(4)",
        "The notification to the Commission (or its publication in the Official Journal)",
    )


class UnitRelation(CodeEnum):
    """How a unit stands to the SPOC (schema 1.1)."""

    IS_SPOC = ("is_spoc", "Art 15(2)", "The SPOC is this unit: one authority acts as both")
    PART_OF_SPOC = ("part_of_spoc", "Art 15(2)", "The unit is part of the SPOC")
    ATTACHED_TO_SPOC = (
        "attached_to_spoc",
        "Art 15(2)",
        "The unit is a separate body attached to the SPOC (same directorate, shared premises)",
    )


class EstablishedBy(CodeEnum):
    """Where a service level or a working rule comes from (schema 1.1)."""

    NATIONAL_LAW = ("national_law", "Art 5(1), Art 13(1)", "Set by national law or regulation")
    ADMINISTRATIVE_INSTRUCTION = (
        "administrative_instruction",
        "Art 5(1), Art 13(1)",
        "Set by an internal instruction or service order",
    )
    PRACTICE = ("practice", "Art 5(1), Art 13(1)", "Practised, without a written rule")
