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
- a record whose counterpart is the reporting state itself is rejected, not counted.

Memory holds one counter per state, urgency and ground, never the records: a million lines
take the same memory as ten thousand. Duplicate exchange identifiers are therefore not
detected here; the CMS export is trusted to list each request once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timezone, tzinfo
from typing import IO

from pydantic import ValidationError

from spocschema.errors import SpocSchemaError
from spocschema.fast_records import Facts, facts_of_line, facts_of_record, year_of
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

#: Longest export line accepted; a record is a few hundred bytes.
MAX_LINE_BYTES = 64 * 1024


def due_date(year: int) -> date:
    """Art 18(1): statistics for ``year`` are due by 1 March of the following year."""
    return date(year + 1, 3, 1)


class RecordRejected(SpocSchemaError, ValueError):
    """A well-formed record that cannot be counted (e.g. a state exchanging with itself)."""


@dataclass
class StatisticsAggregator:
    """Counts exchange records into the Art 18 figures of one state and one year."""

    reporting_state: str
    year: int
    time_zone: tzinfo = timezone.utc
    time_zone_name: str = "UTC"
    counted: int = 0
    outside_year: int = 0
    _sent: Counter[str] = field(default_factory=Counter)
    _received: Counter[tuple[str, bool]] = field(default_factory=Counter)
    _answered: Counter[tuple[str, bool]] = field(default_factory=Counter)
    _refused: Counter[str] = field(default_factory=Counter)
    _grounds: Counter[str] = field(default_factory=Counter)
    _judicial: Counter[str] = field(default_factory=Counter)

    def add(self, record: ExchangeRecord) -> bool:
        """Count one validated record; False if it belongs to another year.

        Raises ``RecordRejected`` for a record that cannot be counted.
        """
        return self.add_facts(facts_of_record(record))

    def add_line(self, line: bytes) -> bool:
        """Validate and count one JSON Lines record; ``ValueError`` says why it is invalid."""
        facts = facts_of_line(line)
        if facts is None:  # not provably valid on the fast path: the model decides
            facts = facts_of_record(parse_record(line))
        return self.add_facts(facts)

    def add_facts(self, facts: Facts) -> bool:
        """Count the facts of one valid record (see :mod:`spocschema.fast_records`)."""
        state = facts.state
        if state == self.reporting_state:
            raise RecordRejected(
                f"the counterpart state is the reporting state ({state}); "
                "a state does not exchange requests with itself"
            )
        if year_of(facts.instant, self.time_zone) != self.year:
            self.outside_year += 1
            return False
        self.counted += 1
        if not facts.incoming:
            self._sent[facts.sender or ""] += 1
            return True
        key = (state, facts.urgent)
        self._received[key] += 1
        if facts.outcome == "answered":
            self._answered[key] += 1
        elif facts.outcome == "refused":
            self._refused[state] += 1
            self._grounds[facts.ground or ""] += 1
        if facts.judicial:
            self._judicial[state] += 1
        return True

    def result(self, *, submitted_on: date | None = None) -> AnnualStatistics:
        """The statistics as counted so far."""
        states = sorted({state for state, _ in self._received})

        def pair(received: int, answered: int) -> ReceivedAnswered:
            return ReceivedAnswered(received=received, answered=answered)

        def total(counter: Counter[tuple[str, bool]], urgent: bool | None = None) -> int:
            return sum(n for (_, u), n in counter.items() if urgent is None or u is urgent)

        def of_state(counter: Counter[tuple[str, bool]], state: str) -> int:
            return counter[(state, True)] + counter[(state, False)]

        designated = self._sent[RequestSender.DESIGNATED_AUTHORITY.value]
        extra = {} if submitted_on is None else {"submitted_on": submitted_on}
        return AnnualStatistics(
            **extra,
            schema_version="1.0",
            reporting_state=self.reporting_state,
            year=self.year,
            due_on=due_date(self.year),
            time_zone=self.time_zone_name,
            requests_sent=SentRequests(
                total=sum(self._sent.values()),
                by_single_point_of_contact=self._sent[RequestSender.SINGLE_POINT_OF_CONTACT.value],
                by_designated_authorities=designated,
            ),
            requests_received=ReceivedRequests(
                received=total(self._received),
                answered=total(self._answered),
                urgent=pair(total(self._received, True), total(self._answered, True)),
                non_urgent=pair(total(self._received, False), total(self._answered, False)),
                by_requesting_state={
                    s: pair(of_state(self._received, s), of_state(self._answered, s))
                    for s in states
                },
            ),
            refusals=Refusals(
                total=sum(self._refused.values()),
                by_requesting_state=dict(sorted(self._refused.items())),
                by_ground=dict(sorted(self._grounds.items())),
            ),
            judicial_deviations=JudicialDeviations(
                total=sum(self._judicial.values()),
                by_requesting_state=dict(sorted(self._judicial.items())),
            ),
        )


@dataclass(frozen=True)
class LineError:
    """A line of the export that could not be counted, and why."""

    line: int
    message: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}: {self.message}"


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
    """One export line as a record; raises ``ValueError`` with a readable reason."""
    try:
        return ExchangeRecord.model_validate_json(line)
    except ValidationError as error:
        raise ValueError(_describe(error)) from None


def iter_lines(stream: IO[bytes], max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The lines of a binary stream without their line ends, each read in bounded memory.

    A line longer than the limit is yielded cut at the limit plus one byte, which no record
    parses, so it is reported rather than read whole; the rest of it is skipped.
    """
    first = True
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line
                rest = stream.readline(max_line_bytes)
                if not rest or rest.endswith(b"\n"):
                    break
        if first and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        first = False
        yield line.rstrip(b"\r\n")


@dataclass
class BuildOutcome:
    """The result of reading an export: the statistics and every line not counted."""

    statistics: AnnualStatistics | None
    lines_read: int
    counted: int
    outside_year: int
    errors: list[LineError]
    stopped_at: int | None


def records_from(
    stream: IO[bytes],
    aggregator: StatisticsAggregator,
    *,
    skip_invalid: bool = False,
    on_line: Callable[[int], None] | None = None,
) -> BuildOutcome:
    """Stream an export into ``aggregator``.

    By default the first bad line stops the build (``stopped_at`` gives its number and no
    statistics are returned); with ``skip_invalid`` every bad line is listed and the rest
    counted. ``on_line``, if given, is called with the bytes consumed after each line (for a
    progress display).
    """
    errors: list[LineError] = []
    number = 0
    for number, line in enumerate(iter_lines(stream), start=1):
        if on_line is not None:
            on_line(len(line) + 1)
        try:
            if len(line) > MAX_LINE_BYTES:
                raise ValueError(f"line longer than {MAX_LINE_BYTES} bytes")
            if not line.strip():
                raise ValueError("empty line; each line must hold one exchange record")
            aggregator.add_line(line)
        except ValueError as error:
            errors.append(LineError(number, str(error)))
            if not skip_invalid:
                return BuildOutcome(
                    None, number, aggregator.counted, aggregator.outside_year, errors, number
                )
    return BuildOutcome(
        aggregator.result(), number, aggregator.counted, aggregator.outside_year, errors, None
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
