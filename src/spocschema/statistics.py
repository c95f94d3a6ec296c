"""Build the Art 18 annual statistics from a CMS export, in one pass and constant memory.

The export is JSON Lines: one :class:`~spocschema.models.statistics.ExchangeRecord` per line.
Counting rules, where Art 18 leaves a choice:

- a request belongs to the year in which it was **received** (incoming) or **sent** (outgoing),
  read on the calendar of the given time zone (UTC unless told otherwise), so one request is
  never counted in two years;
- "answered" and "refused" count the requests *of that year* that were answered or refused by
  the time of the export, whenever the reply went out; so they never exceed "received";
- judicial-authorisation deviations (Art 18(2)(d)) are counted for incoming requests only: on
  an outgoing request the deviation is the other state's to report;
- a record whose counterpart is the reporting state itself is rejected, not counted;
- each ``exchange_id`` is counted once: a later record with an identifier already seen is a bad
  line (reported with its number and not counted, whether or not it repeats the first one), so
  a request exported twice never inflates a figure, and a conflict is never settled silently;
- a record is read with the rules of every other document: a key written twice, NaN or
  Infinity, or a reply dated before the request make the line invalid, never "last one wins".

Memory holds one counter per state, urgency and ground, and the set of exchange identifiers
seen (about 120 bytes per record: the price of counting each request once); never the records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timezone, tzinfo
from typing import IO, Any

from pydantic import ValidationError

from spocschema.codelists import COUNTRY_ALIASES, normalise_country
from spocschema.errors import SpocSchemaError
from spocschema.fast_records import (
    NEAR_NEW_YEAR,
    Facts,
    facts_of_line,
    facts_of_record,
    precedes,
    validate_record_json,
    year_of,
)
from spocschema.models.request import RequestSender
from spocschema.models.statistics import (
    AnnualStatistics,
    ExchangeRecord,
    JudicialDeviations,
    ReceivedAnswered,
    ReceivedRequests,
    Refusals,
    SentRequests,
)
from spocschema.models.statistics import due_date as due_date  # Art 18(1); public name

#: Longest export line accepted; a record is a few hundred bytes.
MAX_LINE_BYTES = 64 * 1024


class RecordRejected(SpocSchemaError, ValueError):
    """A well-formed record that cannot be counted (a state exchanging with itself, a repeat)."""


def repeated_id_message(exchange_id: str) -> str:
    """Why a record whose ``exchange_id`` was already counted is not counted again."""
    return (
        f"exchange_id {exchange_id!r} already appeared on an earlier line; "
        "each request is counted once, so this record is not counted"
    )


@dataclass(frozen=True)
class LineError:
    """A line of the export that could not be counted, and why."""

    line: int
    message: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}: {self.message}"


@dataclass
class StatisticsAggregator:
    """Counts exchange records into the Art 18 figures of one state and one year.

    Two counters hold everything: incoming requests keyed by the facts Art 18 breaks them down
    by (state, urgency, outcome, ground, judicial deviation), outgoing ones by sender. Their size
    is bounded by the code lists, so memory does not grow with the number of records.
    """

    reporting_state: str
    year: int
    time_zone: tzinfo = timezone.utc
    time_zone_name: str = "UTC"
    counted: int = 0
    outside_year: int = 0
    #: Incoming requests by (state, urgent, outcome, refusal ground, judicial deviation).
    _received: defaultdict[tuple[Any, ...], int] = field(default_factory=lambda: defaultdict(int))
    #: Outgoing requests by sender.
    _sent: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: Every exchange_id counted or found outside the year, so that none is counted twice.
    _seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.reporting_state = normalise_country(self.reporting_state)
        self._year_text = f"{self.year:04d}"
        aliases = {alias for alias, code in COUNTRY_ALIASES.items() if code == self.reporting_state}
        self._own_codes = frozenset({self.reporting_state, *aliases})

    def add(self, record: ExchangeRecord) -> bool:
        """Count one validated record; False if it belongs to another year.

        Raises ``RecordRejected`` for a record that cannot be counted.
        """
        return self.add_facts(facts_of_record(record))

    def add_line(self, line: bytes) -> bool:
        """Validate and count one JSON Lines record; ``ValueError`` says why it is invalid.

        The lean schema of :mod:`spocschema.fast_records` validates the line; anything it
        declines goes to the full model, which accepts it or says precisely what is wrong.
        """
        return self.add_facts(facts_of_line(line) or _facts_the_slow_way(line))

    def add_batch(
        self, lines: list[bytes], number: int, errors: list[LineError], *, stop: bool
    ) -> int:
        """Count lines numbered from ``number + 1``; append each bad line to ``errors``.

        Returns the number of the last line handled: the end of the batch, or the first bad line
        when ``stop`` is set. This is the hot loop of a build, written out for speed: a record the
        lean schema accepts is counted inline with local names and no intermediate objects;
        every other line (invalid, extended, or from the reporting state) goes through
        ``add_line``, which gives the model's verdict or rejects it.
        """
        validate, received, sent = validate_record_json, self._received, self._sent
        near, own, year, zone = NEAR_NEW_YEAR, self._own_codes, self._year_text, self.time_zone
        seen, seen_add = self._seen, self._seen.add
        counted = outside = 0
        for number, line in enumerate(lines, start=number + 1):  # noqa: B020 - continues the count
            try:
                data = validate(line)
            except ValidationError:
                data = None
            if data is not None and line.count(b",") == len(data) - 1:  # see written_once
                incoming = data["direction"] == "incoming"
                instant = data["received_at"] if incoming else data["sent_at"]
                replied = data.get("replied_at")
                if replied is not None:  # replied_in_order, inlined: most compare as text
                    if (
                        len(replied) == len(instant)
                        and replied[19:] == instant[19:]
                        and replied[10] == instant[10]
                    ):
                        if replied < instant:
                            data = None
                    elif precedes(replied, instant):
                        data = None
            else:
                data = None
            if data is not None and data["counterpart_state"] not in own:
                identifier = data["exchange_id"]
                if identifier in seen:
                    errors.append(LineError(number, repeated_id_message(identifier)))
                    if stop:
                        break
                    continue
                seen_add(identifier)
                if instant[5:10] not in near:
                    in_year = instant[:4] == year
                else:
                    in_year = year_of(instant, zone) == self.year
                if not in_year:
                    outside += 1
                elif incoming:
                    counted += 1
                    # Greece may arrive as EL: ``result`` merges it into GR.
                    received[
                        data["counterpart_state"],
                        data["urgent"],
                        data["outcome"],
                        data.get("refusal_ground"),
                        data.get("judicial_deviation", False),
                    ] += 1
                else:
                    counted += 1
                    sent[data["sender"]] += 1
                continue
            try:
                self.add_line(line)
            except ValueError as error:
                errors.append(LineError(number, str(error)))
                if stop:
                    break
        self.counted += counted
        self.outside_year += outside
        return number

    def add_facts(self, facts: Facts) -> bool:
        """Count the facts of one valid record (see :mod:`spocschema.fast_records`)."""
        return self._count(tuple(facts[:7]), facts.instant, facts.exchange_id)

    def _count(self, key: tuple[Any, ...], instant: str, identifier: str) -> bool:
        if key[1] == self.reporting_state:
            raise RecordRejected(
                f"the counterpart state is the reporting state ({self.reporting_state}); "
                "a state does not exchange requests with itself"
            )
        if identifier in self._seen:
            raise RecordRejected(repeated_id_message(identifier))
        self._seen.add(identifier)
        if instant[5:10] in NEAR_NEW_YEAR:
            in_year = year_of(instant, self.time_zone) == self.year
        else:
            in_year = instant[:4] == self._year_text
        if not in_year:
            self.outside_year += 1
            return False
        self.counted += 1
        if key[0]:
            self._received[key[1:6]] += 1
        else:
            self._sent[key[6]] += 1
        return True

    def result(self, *, submitted_on: date | None = None) -> AnnualStatistics:
        """The statistics as counted so far."""
        sent = Counter(self._sent)
        received: Counter[tuple[str, bool]] = Counter()
        answered: Counter[tuple[str, bool]] = Counter()
        refused: Counter[str] = Counter()
        grounds: Counter[str] = Counter()
        judicial: Counter[str] = Counter()
        for (code, urgent, outcome, ground, deviation), n in self._received.items():
            state = normalise_country(code)
            received[(state, urgent)] += n
            if outcome == "answered":
                answered[(state, urgent)] += n
            elif outcome == "refused":
                refused[state] += n
                grounds[ground] += n
            if deviation:
                judicial[state] += n
        states = sorted({state for state, _ in received})

        def pair(received: int, answered: int) -> ReceivedAnswered:
            return ReceivedAnswered(received=received, answered=answered)

        def total(counter: Counter[tuple[str, bool]], urgent: bool | None = None) -> int:
            return sum(n for (_, u), n in counter.items() if urgent is None or u is urgent)

        def of_state(counter: Counter[tuple[str, bool]], state: str) -> int:
            return counter[(state, True)] + counter[(state, False)]

        extra = {} if submitted_on is None else {"submitted_on": submitted_on}
        return AnnualStatistics(
            **extra,
            schema_version="1.0",
            reporting_state=self.reporting_state,
            year=self.year,
            due_on=due_date(self.year),
            time_zone=self.time_zone_name,
            requests_sent=SentRequests(
                total=sum(sent.values()),
                by_single_point_of_contact=sent[RequestSender.SINGLE_POINT_OF_CONTACT.value],
                by_designated_authorities=sent[RequestSender.DESIGNATED_AUTHORITY.value],
            ),
            requests_received=ReceivedRequests(
                received=total(received),
                answered=total(answered),
                urgent=pair(total(received, True), total(answered, True)),
                non_urgent=pair(total(received, False), total(answered, False)),
                by_requesting_state={
                    s: pair(of_state(received, s), of_state(answered, s)) for s in states
                },
            ),
            refusals=Refusals(
                total=sum(refused.values()),
                by_requesting_state=dict(sorted(refused.items())),
                by_ground=dict(sorted(grounds.items())),
            ),
            judicial_deviations=JudicialDeviations(
                total=sum(judicial.values()),
                by_requesting_state=dict(sorted(judicial.items())),
            ),
        )


def _facts_the_slow_way(line: bytes) -> Facts:
    if len(line) > MAX_LINE_BYTES:
        raise ValueError(f"line longer than {MAX_LINE_BYTES} bytes")
    if not line.strip():
        raise ValueError("empty line; each line must hold one exchange record")
    return facts_of_record(parse_record(line))


def _describe_problems(problems: Iterable[Any]) -> str:
    parts = []
    for problem in problems:
        at = f" (at {problem.pointer})" if problem.pointer else ""
        column = f"column {problem.column}: " if problem.column else ""
        parts.append(f"{column}{problem.message}{at}")
    return "; ".join(parts)


def _describe(error: ValidationError) -> str:
    from spocschema.validation import problems_from

    parts = []
    for problem in problems_from(error):
        if problem.code == "json_invalid":
            parts.append(f"not valid JSON ({problem.message})")
        elif problem.pointer:
            parts.append(f"{problem.pointer}: {problem.message}")
        else:
            parts.append(problem.message)
    return "; ".join(parts)


def parse_record(line: bytes) -> ExchangeRecord:
    """One export line as a record; raises ``ValueError`` with a readable reason.

    The line is parsed by the loader every document goes through (so a key written twice, NaN,
    Infinity, a lone surrogate or invalid UTF-8 are refused as they are in a profile) and the
    data validated in Python mode, so a record gets exactly the verdict a document gets.
    """
    from spocschema.errors import DocumentError
    from spocschema.loading import load_document

    try:
        data = load_document(bytes(line), name="<line>", format="json").data
    except DocumentError as error:
        raise ValueError(_describe_problems(error.problems)) from None
    try:
        return ExchangeRecord.model_validate(data)
    except ValidationError as error:
        raise ValueError(_describe(error)) from None


#: Bytes read at a time; lines are split from these chunks in C rather than read one by one.
CHUNK_BYTES = 1 << 20


def iter_line_batches(
    stream: IO[bytes], max_line_bytes: int = MAX_LINE_BYTES, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[list[bytes]]:
    r"""The lines of a binary stream, in batches, without their ``\n``; memory stays bounded.

    Reading a chunk and splitting it costs far less per line than reading line by line, which
    matters at a million lines. A line longer than ``max_line_bytes`` is yielded cut at that
    length plus one byte (no record is that long, so it is reported) and the rest of it is
    skipped, however long it is. A ``\r`` before the ``\n`` and a UTF-8 byte order mark at the
    start are left for the JSON parser, which treats the first as whitespace and the caller
    strips the second.
    """
    carry = b""
    skipping = False  # inside an overlong line that was already reported
    while chunk := stream.read(chunk_bytes):
        lines = chunk.split(b"\n")
        tail = lines.pop()  # after the last newline: the start of a line yet to end
        if lines:
            if skipping:
                del lines[0]  # the end of the overlong line
                skipping = False
            else:
                lines[0] = carry + lines[0]
            carry = b""
            if lines:
                yield lines
        if skipping:
            continue
        carry += tail
        if len(carry) > max_line_bytes:
            yield [carry[: max_line_bytes + 1]]
            carry, skipping = b"", True
    if carry and not skipping:
        yield [carry]


@dataclass
class BuildOutcome:
    """The result of reading an export: the statistics and the lines not counted."""

    statistics: AnnualStatistics | None
    lines_read: int
    counted: int
    outside_year: int
    #: Number of lines not counted because they were invalid.
    invalid: int
    #: The invalid lines themselves, unless they were passed to ``on_error`` instead.
    errors: list[LineError]
    stopped_at: int | None


def records_from(
    stream: IO[bytes],
    aggregator: StatisticsAggregator,
    *,
    skip_invalid: bool = False,
    on_lines: Callable[[int, int], None] | None = None,
    on_error: Callable[[LineError], None] | None = None,
) -> BuildOutcome:
    """Stream an export into ``aggregator``.

    By default the first bad line stops the build (``stopped_at`` gives its number and no
    statistics are returned); with ``skip_invalid`` every bad line is reported and the rest
    counted. Bad lines are collected in ``errors``, or, if ``on_error`` is given, handed to it
    as they are found, so that memory stays bounded even when every line is bad.
    ``on_lines``, if given, is called with the number of lines and of bytes read after each
    batch of lines (for a progress display).
    """
    kept: list[LineError] = []
    invalid = number = 0
    for batch in iter_line_batches(stream):
        if number == 0 and batch[0].startswith(b"\xef\xbb\xbf"):
            batch[0] = batch[0][3:]  # a byte order mark some exporters write
        found: list[LineError] = []
        number = aggregator.add_batch(batch, number, found, stop=not skip_invalid)
        if found:
            invalid += len(found)
            if on_error is None:
                kept.extend(found)
            else:
                for error in found:
                    on_error(error)
            if not skip_invalid:
                return BuildOutcome(
                    None, number, aggregator.counted, aggregator.outside_year, invalid, kept, number
                )
        if on_lines is not None:
            on_lines(len(batch), sum(map(len, batch)) + len(batch))
    statistics = aggregator.result()
    return BuildOutcome(
        statistics, number, aggregator.counted, aggregator.outside_year, invalid, kept, None
    )


def aggregate(
    records: Iterable[ExchangeRecord],
    *,
    reporting_state: str,
    year: int,
    time_zone: tzinfo = timezone.utc,
) -> AnnualStatistics:
    """Count an iterable of records (already validated) into the statistics of one year."""
    aggregator = StatisticsAggregator(reporting_state, year, time_zone, str(time_zone))
    for record in records:
        aggregator.add(record)
    return aggregator.result()
