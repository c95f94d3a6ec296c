"""A fast path for validating exchange records, for exports of millions of lines.

Full validation of an ``ExchangeRecord`` runs Python code for every field (null checks, code
lists, date-times, the cross-field rules) and costs about 30 microseconds, twenty times what
parsing the line takes. This module validates the common shape of a record with a lean
pydantic schema that runs entirely in pydantic-core (literals for the code lists, Rust regular
expressions for identifiers and date-times, no Python callbacks) straight from the line's bytes,
then applies in Python only what that schema cannot say: the cross-field rules, the days 29-31
that may not exist, and the stored form of Greece.

It is conservative by design: it answers "valid, and here are the facts" only for records it
can check completely, and ``None`` for anything else (an ``x-`` extension, a null, an unknown
key, a key written twice, a reply that seems to precede the request, any error). The caller
then runs the full model, which gives the authoritative verdict and the precise error message.
So the fast path can make a valid record cheaper but never make an invalid one pass; the tests
hold it to that against the model on generated records.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    with_config,
)
from typing_extensions import NotRequired, Required, TypedDict

from spocschema import codelists
from spocschema.enums import AccessMode, CopyExceptionGround, RefusalGround
from spocschema.instants import parse_date_time
from spocschema.models.request import RequestSender
from spocschema.models.statistics import (
    ExchangeDirection,
    ExchangeOutcome,
    ExchangeRecord,
    ExchangeRoute,
)
from spocschema.types import IDENTIFIER_PATTERN

#: The date-time pattern of :data:`~spocschema.types.AwareDateTime` made exact: it also knows
#: the length of each month and the leap years of 1900-2999, which the published schema leaves
#: to ``format: date-time``. Internal to the fast path, where no Python code runs per value.
_YEAR = r"(?:19|2[0-9])[0-9]{2}"
_LEAP_YEAR = r"(?:(?:19|2[0-9])(?:0[48]|[2468][048]|[13579][26])|2000|2400|2800)"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
EXACT_DATE_TIME_PATTERN = (
    rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
    r"[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?"
    r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"
)


def _literal(values: Any) -> Any:
    return Literal[tuple(values)]


_Country = _literal(codelists.accepted_country_codes())
_Ground = _literal(m.value for m in RefusalGround)
_Sender = _literal(m.value for m in RequestSender)
_Access = _literal(m.value for m in AccessMode)
_Route = _literal(m.value for m in ExchangeRoute)
_CopyGround = _literal(m.value for m in CopyExceptionGround)
_Language = _literal(sorted(codelists.EU_OFFICIAL_LANGUAGES))  # others go to the full model
_Instant = Annotated[str, StringConstraints(strict=True, pattern=EXACT_DATE_TIME_PATTERN)]
_Identifier = Annotated[
    str, StringConstraints(strict=True, pattern=IDENTIFIER_PATTERN, max_length=100)
]
_TypedDict: Any = TypedDict  # called with computed fields, which type checkers cannot follow


def _shape(direction: ExchangeDirection, refused: bool) -> Any:
    """One of the four shapes a record takes: incoming or outgoing, refused or not.

    The cross-field rules of ``ExchangeRecord`` become which keys each shape requires or
    forbids, so pydantic-core can check them without calling back into Python.
    """
    incoming = direction is ExchangeDirection.INCOMING
    outcomes = (
        ["refused"] if refused else [m.value for m in ExchangeOutcome if m.value != "refused"]
    )
    fields: dict[str, Any] = {
        "exchange_id": Required[_Identifier],
        "direction": Required[_literal([direction.value])],
        "counterpart_state": Required[_Country],
        "sender": NotRequired[_Sender] if incoming else Required[_Sender],
        "urgent": Required[StrictBool],
        "information_access": NotRequired[_Access],
        "sent_at": NotRequired[_Instant] if incoming else Required[_Instant],
        "received_at": Required[_Instant] if incoming else NotRequired[_Instant],
        "outcome": Required[_literal(outcomes)],
        "replied_at": NotRequired[_Instant],
        "judicial_deviation": NotRequired[StrictBool],
        # Schema 1.1 facts for the document rules; the statistics do not read them.
        "route": NotRequired[_Route],
        "copy_to_own_spoc": NotRequired[StrictBool],
        "copy_to_counterpart_spoc": NotRequired[StrictBool],
        "copy_exception_ground": NotRequired[_CopyGround],
        "request_language": NotRequired[_Language],
        "reply_language": NotRequired[_Language],
        "refusal_reasons_given": NotRequired[StrictBool],
        "europol_copy_assessed": NotRequired[StrictBool],
        "europol_copy_sent": NotRequired[StrictBool],
    }
    if refused:
        fields["refusal_ground"] = Required[_Ground]
    name = f"_{direction.value.capitalize()}{'Refused' if refused else 'Handled'}"
    shape = _TypedDict(name, fields, total=False)
    return with_config(ConfigDict(extra="forbid", strict=True, cache_strings="keys"))(shape)


def _by_outcome(direction: ExchangeDirection) -> Any:
    shapes = (_shape(direction, True), _shape(direction, False))
    return Annotated[shapes[0] | shapes[1], Field(discriminator="outcome")]


_RECORD: Any = Annotated[
    _by_outcome(ExchangeDirection.INCOMING) | _by_outcome(ExchangeDirection.OUTGOING),
    Field(discriminator="direction"),
]
_LEAN: TypeAdapter[dict[str, Any]] = TypeAdapter(_RECORD, config=ConfigDict(cache_strings="keys"))
#: Parse and validate one record's JSON bytes; ``ValidationError`` if the lean schema declines.
#: (The schema validator itself, without TypeAdapter's Python wrapper: a quarter of a
#: microsecond per line at a million lines.)
validate_record_json: Callable[[bytes], dict[str, Any]] = _LEAN.validator.validate_json
_validate_python = _LEAN.validate_python
_COVERED = {
    key
    for direction in ExchangeDirection
    for refused in (True, False)
    for key in _shape(direction, refused).__annotations__
}
if set(ExchangeRecord.model_fields) != _COVERED:  # pragma: no cover - guards a model change
    raise RuntimeError("the fast path no longer covers exactly the fields of ExchangeRecord")

#: Local dates whose year can change when the instant is read in another zone (two days on
#: each side of New Year: a UTC offset and a target zone together shift by less than 48 h).
NEAR_NEW_YEAR = frozenset({"01-01", "01-02", "12-30", "12-31"})


class Facts(NamedTuple):
    """What the statistics need from one valid record."""

    incoming: bool
    state: str
    urgent: bool
    outcome: str
    ground: str | None
    judicial: bool
    sender: str | None
    #: The instant that decides the year (received_at or sent_at), as written.
    instant: str
    #: The CMS reference, which may appear only once in an export.
    exchange_id: str


def _facts(data: dict[str, Any]) -> Facts:
    incoming = data["direction"] == "incoming"
    state = data["counterpart_state"]
    return Facts(
        incoming,
        "GR" if state == "EL" else state,
        data["urgent"],
        data["outcome"],
        data.get("refusal_ground"),
        data.get("judicial_deviation", False),
        data.get("sender"),
        data["received_at"] if incoming else data["sent_at"],
        data["exchange_id"],
    )


def written_once(line: bytes, data: dict[str, Any]) -> bool:
    """True if the line holds no key twice, given the lean schema accepted it as ``data``.

    JSON parsers keep the last of repeated keys, so ``data`` alone cannot tell. But no key or
    value the lean schema accepts contains a comma (identifiers, instants and code-list values
    cannot), so the commas of an accepted line are exactly the separators of its members: one
    fewer than its keys, unless a key was repeated. One C-speed count instead of a second parse.
    """
    return line.count(b",") == len(data) - 1


def precedes(first: str, second: str) -> bool:
    """True if RFC 3339 instant ``first`` is strictly before ``second``."""
    if len(first) == len(second) and first[10] == second[10] and first[19:] == second[19:]:
        # Same separator, offset and fraction: the text orders like the instants.
        return first < second
    return parse_date_time(first) < parse_date_time(second)


def replied_in_order(data: dict[str, Any]) -> bool:
    """False if ``replied_at`` precedes the instant the request started (received or sent).

    Mirrors the model's rule, cheaply: most instants compare as text.
    """
    replied = data.get("replied_at")
    if replied is None:
        return True
    start = data.get("received_at") if data["direction"] == "incoming" else data.get("sent_at")
    return start is None or not precedes(replied, start)


def facts_of(data: Any) -> Facts | None:
    """The facts of a parsed record if the fast checks prove it valid, else None."""
    try:
        checked = _validate_python(data)
    except ValidationError:
        return None
    return _facts(checked) if replied_in_order(checked) else None


def facts_of_line(line: bytes) -> Facts | None:
    """The facts of one JSON Lines record, parsed and checked in one step; None if declined."""
    try:
        data = validate_record_json(line)
    except ValidationError:
        return None
    return _facts(data) if written_once(line, data) and replied_in_order(data) else None


def facts_of_record(record: ExchangeRecord) -> Facts:
    """The same facts, taken from a fully validated record (the slow path)."""
    incoming = record.direction is ExchangeDirection.INCOMING
    instant = record.received_at if incoming else record.sent_at
    assert instant is not None  # the record's own validation guarantees it
    return Facts(
        incoming,
        record.counterpart_state,
        record.urgent,
        record.outcome.value,
        None if record.refusal_ground is None else record.refusal_ground.value,
        bool(record.judicial_deviation),
        None if record.sender is None else record.sender.value,
        instant.isoformat(),
        record.exchange_id,
    )


def year_of(instant: str, zone: tzinfo) -> int:
    """The calendar year of an RFC 3339 instant read in ``zone``.

    Away from New Year the year as written is the year in any zone, so only instants within
    two days of it are parsed and converted.
    """
    if instant[5:10] not in NEAR_NEW_YEAR:
        return int(instant[:4])
    return parse_date_time(instant).astimezone(zone).year
