"""Handled requests as a CMS exports them, and the Art 18 annual statistics made from them.

``ExchangeRecord`` is one line of a case management system's export: a request sent or
received, what became of it, and when. ``AnnualStatistics`` is what Art 18(2)(a)-(d) asks a
state to send the Commission by 1 March. The record model refuses a record that contradicts
itself (a refusal without its ground, an answer that carries one) because an aggregate built
from such records would be wrong in ways no later check can see; the statistics model, like
the profile, is strict on form only and ``check_statistics`` notes figures that do not fit.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BeforeValidator, ConfigDict, JsonValue, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from spocschema.enums import AccessMode, CodeEnum, CopyExceptionGround, RefusalGround
from spocschema.models.base import SpocModel, fact
from spocschema.models.request import RequestSender
from spocschema.types import (
    AwareDateTime,
    Count,
    CountryCode,
    HttpUrl,
    Identifier,
    IsoDate,
    LanguageCode,
    Maybe,
    Text,
    Year,
)

T = TypeVar("T")


def due_date(year: int) -> date:
    """Art 18(1): statistics for ``year`` are due by 1 March of the following year.

    Declared with the model whose ``due_on`` it fills, so the statistics builder and the
    Art 18(1) rules read the one date without importing each other.
    """
    return date(year + 1, 3, 1)


#: The schema version of exchange records and annual statistics.
STATISTICS_SCHEMA_VERSION = "1.0"


class ExchangeDirection(CodeEnum):
    """Whether the SPOC received the request or its state sent it."""

    INCOMING = ("incoming", "Art 18(2)(b)", "Received from another state")
    OUTGOING = ("outgoing", "Art 18(2)(a)", "Sent to another state")


class ExchangeOutcome(CodeEnum):
    """What became of a request."""

    ANSWERED = ("answered", "Art 5(1)", "The requested information was provided")
    REFUSED = ("refused", "Art 6(1)", "Refused on one of the grounds of Art 6(1)")
    PENDING = ("pending", "", "Neither answered nor refused yet")


class ExchangeRoute(CodeEnum):
    """Between whom a request travelled: the SPOCs, or directly to or between authorities."""

    SPOC_TO_SPOC = ("spoc_to_spoc", "Art 4(1)", "From a SPOC or designated authority to a SPOC")
    SPOC_TO_AUTHORITY = (
        "spoc_to_authority",
        "Art 8(1)",
        "A SPOC's request sent directly to a competent law enforcement authority of the other "
        "state",
    )
    AUTHORITY_TO_AUTHORITY = (
        "authority_to_authority",
        "Art 8(2)",
        "Directly between competent law enforcement authorities of the two states",
    )


def _present(*keys: str) -> dict[str, JsonValue]:
    """A schema requiring ``keys``; it names them in ``properties`` (adding no constraint) so
    that strict validators such as ajv (``strictRequired``) see them defined."""
    return {"properties": dict.fromkeys(keys, True), "required": list(keys)}


# Cross-field rules, stated once for the JSON Schema and mirrored by ``_consistent`` below.
_RECORD_RULES: list[JsonValue] = [
    {
        "if": {"properties": {"outcome": {"const": "refused"}}, "required": ["outcome"]},
        "then": _present("refusal_ground"),
        "else": {"not": _present("refusal_ground")},
    },
    {
        "if": {"properties": {"direction": {"const": "incoming"}}, "required": ["direction"]},
        "then": _present("received_at"),
        "else": _present("sent_at", "sender"),
    },
]


def _base_schema_extra() -> dict[str, JsonValue]:
    """What every SpocModel adds to its schema (closed object, ``x-`` keys), to extend it."""
    extra = SpocModel.model_config.get("json_schema_extra")
    return dict(extra) if isinstance(extra, dict) else {}


class ExchangeRecord(SpocModel):
    """One handled request, as a case management system exports it (one JSON Lines record).

    Cross-field rules: a refused request names its refusal ground and only a refused one does;
    an incoming request has ``received_at``; an outgoing one has ``sent_at`` and ``sender``.
    """

    model_config = ConfigDict(
        json_schema_extra={**_base_schema_extra(), "allOf": _RECORD_RULES},
    )

    exchange_id: Identifier = fact(
        "The CMS reference of the request.", required=True, examples=["cms-2024-000123"]
    )
    direction: ExchangeDirection = fact(
        "Incoming (received by the SPOC) or outgoing (sent by the SPOC or a designated authority).",
        legal_basis=("Art 16(1)(a)", "Art 18(2)(a)", "Art 18(2)(b)"),
        required=True,
    )
    counterpart_state: CountryCode = fact(
        "The other state: the requesting state of an incoming request, the requested state of "
        "an outgoing one.",
        legal_basis="Art 18(2)(b)",
        required=True,
    )
    sender: Maybe[RequestSender] = fact(
        "Who submitted the request (required for outgoing requests).",
        legal_basis="Art 18(2)(a)",
    )
    urgent: StrictBool = fact(
        "True if the request was urgent.", legal_basis=("Art 4(4)", "Art 18(2)(b)"), required=True
    )
    information_access: Maybe[AccessMode] = fact(
        "Directly or indirectly accessible information (decides the Art 5(1) limit).",
        legal_basis="Art 5(1)",
    )
    sent_at: Maybe[AwareDateTime] = fact(
        "When the request was submitted (required for outgoing requests).",
        legal_basis="Art 18(2)(a)",
    )
    received_at: Maybe[AwareDateTime] = fact(
        "When the requested SPOC received the request (required for incoming requests); the "
        "Art 5(1) limits run from it.",
        legal_basis=("Art 5(1)", "Art 18(2)(b)"),
    )
    outcome: ExchangeOutcome = fact(
        "Answered, refused, or still pending.",
        legal_basis=("Art 18(2)(b)", "Art 18(2)(c)"),
        required=True,
    )
    replied_at: Maybe[AwareDateTime] = fact(
        "When the information was provided or the refusal communicated.",
        legal_basis=("Art 5(1)", "Art 6(2)"),
    )
    refusal_ground: Maybe[RefusalGround] = fact(
        "For a refused request: the Art 6(1) ground (the principal one, if several applied).",
        legal_basis=("Art 6(1)", "Art 18(2)(c)"),
    )
    judicial_deviation: Maybe[StrictBool] = fact(
        "True if the Art 5(1) limit was exceeded because judicial authorisation was needed "
        "(Art 5(2)). Left out means it was not.",
        legal_basis=("Art 5(2)", "Art 18(2)(d)"),
    )

    # Facts added in schema 1.1 for the rules of Arts 5(3), 6(2), 8 and 12; every one optional,
    # and a fact left out makes its rule "not assessable", never met or not met.
    route: Maybe[ExchangeRoute] = fact(
        "Between whom the request travelled: SPOC to SPOC, a SPOC directly to a competent "
        "authority (Art 8(1)), or directly between competent authorities (Art 8(2)).",
        legal_basis=("Art 8(1)", "Art 8(2)"),
    )
    copy_to_own_spoc: Maybe[StrictBool] = fact(
        "True if a copy of the request or of the information provided went to this state's SPOC "
        "at the same time.",
        legal_basis=("Art 8(1)", "Art 8(2)"),
    )
    copy_to_counterpart_spoc: Maybe[StrictBool] = fact(
        "True if a copy of the request or of the information provided went to the other "
        "state's SPOC at the same time.",
        legal_basis=("Art 8(1)", "Art 8(2)"),
    )
    copy_exception_ground: Maybe[CopyExceptionGround] = fact(
        "The ground on which a copy was omitted, where one was (Art 8(3)).",
        legal_basis="Art 8(3)",
    )
    request_language: Maybe[LanguageCode] = fact(
        "The language the request was written in (ISO 639-1).", legal_basis="Art 5(3)"
    )
    reply_language: Maybe[LanguageCode] = fact(
        "The language the information was provided in (ISO 639-1).", legal_basis="Art 5(3)"
    )
    refusal_reasons_given: Maybe[StrictBool] = fact(
        "For a refused request: true if the refusal was communicated with its reasons.",
        legal_basis="Art 6(2)",
    )
    europol_copy_assessed: Maybe[StrictBool] = fact(
        "True if staff assessed, for this case, whether to send Europol a copy.",
        legal_basis="Art 12",
    )
    europol_copy_sent: Maybe[StrictBool] = fact(
        "True if a copy went to Europol.", legal_basis="Art 12"
    )

    @model_validator(mode="after")
    def _consistent(self) -> ExchangeRecord:
        refused = self.outcome is ExchangeOutcome.REFUSED
        if refused and self.refusal_ground is None:
            raise PydanticCustomError(
                "refusal_ground_missing", "a refused request must name its Art 6(1) ground"
            )
        if not refused and self.refusal_ground is not None:
            raise PydanticCustomError(
                "refusal_ground_unexpected", "only a refused request carries a refusal ground"
            )
        if self.direction is ExchangeDirection.INCOMING:
            if self.received_at is None:
                raise PydanticCustomError(
                    "received_at_missing", "an incoming request must have received_at"
                )
        elif self.sent_at is None or self.sender is None:
            raise PydanticCustomError(
                "sent_at_missing", "an outgoing request must have sent_at and sender"
            )
        # A reply cannot precede its request; such a record is a data error in the CMS, and
        # counting it would put a wrong answer time into every figure built from it.
        start, name = (
            (self.received_at, "received_at")
            if self.direction is ExchangeDirection.INCOMING
            else (self.sent_at, "sent_at")
        )
        if self.replied_at is not None and start is not None and self.replied_at < start:
            raise PydanticCustomError(
                "replied_before_request",
                "replied_at is before {start}: a reply cannot precede the request",
                {"start": name},
            )
        return self


def _country_keys(value: Any) -> Any:
    # CountryCode stores EL as GR; a breakdown keyed by both would silently lose one of them.
    if isinstance(value, dict) and "EL" in value and "GR" in value:
        raise PydanticCustomError(
            "duplicate_country", "Greece appears twice, as EL and as GR; use one key"
        )
    return value


class _OneKeyForGreece:
    """The JSON Schema side of ``_country_keys``: EL and GR may not both be keys."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema: dict[str, Any] = handler(core_schema)
        # ``properties`` names the two keys so that strict validators (ajv's strictRequired)
        # see them defined; ``true`` adds no constraint of its own.
        schema["not"] = {"properties": {"EL": True, "GR": True}, "required": ["EL", "GR"]}
        return schema


#: A breakdown keyed by country code (each state once; Greece as EL or GR, stored as GR).
ByState = Annotated[dict[CountryCode, T], BeforeValidator(_country_keys), _OneKeyForGreece()]


class ReceivedAnswered(SpocModel):
    """Requests received and, of those, answered."""

    received: Count = fact("Requests received.", legal_basis="Art 18(2)(b)", required=True)
    answered: Count = fact(
        "Of those, requests answered.", legal_basis="Art 18(2)(b)", required=True
    )


class SentRequests(SpocModel):
    """Requests sent to other states (Art 18(2)(a))."""

    total: Count = fact(
        "All requests sent: by the SPOC and by competent law enforcement authorities.",
        legal_basis="Art 18(2)(a)",
        required=True,
    )
    by_single_point_of_contact: Count = fact(
        "Requests sent by the SPOC.", legal_basis="Art 18(2)(a)", required=True
    )
    by_designated_authorities: Maybe[Count] = fact(
        "Requests sent by the state's competent law enforcement authorities, where they send "
        "requests themselves (Art 18(2)(a): 'zuständigen Strafverfolgungsbehörden' in the German "
        "text). The key keeps its 1.0 name; the count covers every competent authority, the "
        "designated authorities of Art 4(1) among them.",
        legal_basis="Art 18(2)(a)",
    )


class ReceivedRequests(SpocModel):
    """Requests received and answered, by urgency and by requesting state (Art 18(2)(b))."""

    received: Count = fact(
        "All requests received by the SPOC and the competent law enforcement authorities.",
        legal_basis="Art 18(2)(b)",
        required=True,
    )
    answered: Count = fact("All requests answered.", legal_basis="Art 18(2)(b)", required=True)
    urgent: ReceivedAnswered = fact(
        "Urgent requests received and answered.", legal_basis="Art 18(2)(b)", required=True
    )
    non_urgent: ReceivedAnswered = fact(
        "Non-urgent requests received and answered.", legal_basis="Art 18(2)(b)", required=True
    )
    by_requesting_state: ByState[ReceivedAnswered] = fact(
        "Requests received and answered, per requesting state.",
        legal_basis="Art 18(2)(b)",
        required=True,
    )


class Refusals(SpocModel):
    """Requests refused under Art 6, by requesting state and by ground (Art 18(2)(c))."""

    total: Count = fact("All requests refused.", legal_basis="Art 18(2)(c)", required=True)
    by_requesting_state: ByState[Count] = fact(
        "Refusals per requesting state.", legal_basis="Art 18(2)(c)", required=True
    )
    by_ground: dict[RefusalGround, Count] = fact(
        "Refusals per Art 6(1) ground, from its closed list. A refusal resting on several "
        "grounds counts under each, so these may add up to more than the refusals.",
        legal_basis=("Art 18(2)(c)", "Art 6(1)"),
        required=True,
    )


class JudicialDeviations(SpocModel):
    """Cases where the Art 5(1) limits were exceeded for judicial authorisation (Art 18(2)(d))."""

    total: Count = fact("All such cases.", legal_basis=("Art 18(2)(d)", "Art 5(2)"), required=True)
    by_requesting_state: ByState[Count] = fact(
        "Such cases per requesting state.", legal_basis=("Art 18(2)(d)", "Art 5(2)"), required=True
    )


class AnnualStatistics(SpocModel):
    """The statistics a state sends the Commission each year (spocschema statistics, 1.0)."""

    schema_uri: Maybe[HttpUrl] = fact(
        "Optional `$schema` link to this schema, for editors and `spocschema validate`; not "
        "part of the statistics (added in 1.1).",
        alias="$schema",
    )
    schema_version: Literal["1.0", "1.1"] = fact(
        "The version of the statistics schema this document follows.", required=True
    )
    reporting_state: CountryCode = fact(
        "The state reporting.", legal_basis="Art 18(1)", required=True, examples=["PT"]
    )
    year: Year = fact(
        "The calendar year covered (the year before submission).",
        legal_basis="Art 18(1)",
        required=True,
    )
    due_on: IsoDate = fact(
        "The date the statistics are due: 1 March of the following year.",
        legal_basis="Art 18(1)",
        required=True,
    )
    submitted_on: Maybe[IsoDate] = fact(
        "The date the statistics were sent to the Commission.", legal_basis="Art 18(1)"
    )
    time_zone: Maybe[Text] = fact(
        "IANA time zone whose calendar decided which year a request belongs to.",
        examples=["Europe/Lisbon", "UTC"],
    )
    requests_sent: SentRequests = fact("Requests sent.", legal_basis="Art 18(2)(a)", required=True)
    requests_received: ReceivedRequests = fact(
        "Requests received and answered.", legal_basis="Art 18(2)(b)", required=True
    )
    refusals: Refusals = fact("Requests refused.", legal_basis="Art 18(2)(c)", required=True)
    judicial_deviations: JudicialDeviations = fact(
        "Limits exceeded for judicial authorisation.", legal_basis="Art 18(2)(d)", required=True
    )
