"""A request for information between SPOCs (Art 4), as the case management system records it.

Like the profile, the model records facts and is strict only on form. An urgent request without
a ground or without the Art 4(5) minimum content is a valid *document*; ``check_request`` is
what reports that the request falls short of the Directive. That way a CMS can store and
exchange an incomplete request while it is being drafted, and the check says what is missing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool

from spocschema.enums import AccessMode, CodeEnum, CopyExceptionGround, UrgencyGround
from spocschema.models.base import SpocModel, fact
from spocschema.types import (
    AwareDateTime,
    CountryCode,
    HttpUrl,
    Identifier,
    LanguageCode,
    LongText,
    Maybe,
    Text,
    UniqueList,
)

#: The schema version this release of the request model reads and writes.
REQUEST_SCHEMA_VERSION = "1.0"


class RequestSender(CodeEnum):
    """Who submits a request to another state's SPOC (Art 4(1))."""

    SINGLE_POINT_OF_CONTACT = (
        "single_point_of_contact",
        "Art 4(1)",
        "The requesting state's Single Point of Contact",
    )
    DESIGNATED_AUTHORITY = (
        "designated_authority",
        "Art 4(1)",
        "A designated law enforcement authority of the requesting state",
    )


class MinimumContent(SpocModel):
    """The content every request must contain at least (Art 4(5)(a)-(f))."""

    information_requested: Maybe[LongText] = fact(
        "A detailed description of the information requested, as precise as possible.",
        legal_basis="Art 4(5)(a)",
    )
    purpose: Maybe[LongText] = fact(
        "The purpose for which the information is requested.", legal_basis="Art 4(5)(b)"
    )
    facts: Maybe[LongText] = fact(
        "A description of the facts that give rise to the request.", legal_basis="Art 4(5)(b)"
    )
    underlying_offence: Maybe[Text] = fact(
        "The criminal offence the request concerns, where there is one.",
        legal_basis="Art 4(5)(b)",
    )
    reasons_information_available: Maybe[LongText] = fact(
        "Why the requesting side believes the requested state holds the information.",
        legal_basis="Art 4(5)(c)",
    )
    link_to_subject: Maybe[LongText] = fact(
        "Where applicable, the link between the purpose and the person or entity concerned.",
        legal_basis="Art 4(5)(d)",
    )
    urgency_reasons: Maybe[LongText] = fact(
        "Where the request is urgent, why it is.", legal_basis="Art 4(5)(e)"
    )
    use_restrictions: Maybe[list[Text]] = fact(
        "Restrictions on the use of the information contained in the request for other purposes "
        "(an empty list states that there are none).",
        legal_basis="Art 4(5)(f)",
    )


class InformationRequest(SpocModel):
    """A request for information to another state's SPOC (spocschema request, version 1.0).

    No personal data belong here beyond what the CMS already holds; examples and tests use
    fictional content only.
    """

    schema_uri: Maybe[HttpUrl] = fact(
        "Optional `$schema` link to this schema, for editors and `spocschema validate`; not "
        "part of the request (added in 1.1).",
        alias="$schema",
    )
    schema_version: Literal["1.0", "1.1"] = fact(
        "The version of the request schema this document follows.", required=True
    )
    request_id: Identifier = fact(
        "The requesting side's reference for the request.",
        required=True,
        examples=["req-2024-000123"],
    )
    requesting_state: CountryCode = fact(
        "The state submitting the request.", legal_basis="Art 4(1)", required=True
    )
    requested_state: CountryCode = fact(
        "The state whose SPOC receives the request.", legal_basis="Art 4(1)", required=True
    )
    sender: RequestSender = fact(
        "Whether the SPOC or a designated law enforcement authority submits the request.",
        legal_basis=("Art 4(1)", "Art 18(2)(a)"),
        required=True,
    )
    sender_authority: Maybe[Text] = fact(
        "Name of the designated authority, when it is the sender.", legal_basis="Art 4(1)"
    )
    copy_sent_to_own_spoc: Maybe[StrictBool] = fact(
        "For a designated authority: true if it sent a copy to its own SPOC at the same time.",
        legal_basis="Art 4(1)",
    )
    copy_exception_ground: Maybe[CopyExceptionGround] = fact(
        "For a designated authority that did not copy its SPOC: the Art 4(2) ground.",
        legal_basis="Art 4(2)",
    )
    urgent: StrictBool = fact(
        "True if the request is urgent. Every request says whether it is.",
        legal_basis="Art 4(4)",
        required=True,
    )
    urgency_grounds: Maybe[UniqueList[UrgencyGround]] = fact(
        "The Art 4(4) grounds that make the request urgent.", legal_basis="Art 4(4)"
    )
    content: MinimumContent = fact(
        "The minimum content of the request.", legal_basis="Art 4(5)", required=True
    )
    language: LanguageCode = fact(
        "Language the request is written in; must be on the requested state's Art 11 list.",
        legal_basis="Art 4(6)",
        required=True,
        examples=["en"],
    )
    information_access: Maybe[AccessMode] = fact(
        "How the requested SPOC can reach the information: directly or indirectly accessible. "
        "Decides the Art 5(1) limit for urgent requests; set by the requested side.",
        legal_basis="Art 5(1)",
    )
    sent_at: Maybe[AwareDateTime] = fact(
        "When the request was submitted (RFC 3339, with offset).", legal_basis="Art 4(1)"
    )
    received_at: Maybe[AwareDateTime] = fact(
        "When the requested SPOC received it; the Art 5(1) time limits run from this instant.",
        legal_basis="Art 5(1)",
        examples=["2024-03-01T09:30:00+01:00"],
    )
    judicial_authorisation_required: Maybe[StrictBool] = fact(
        "True if providing the information needs judicial authorisation in the requested state.",
        legal_basis=("Art 5(2)", "Art 9"),
    )
