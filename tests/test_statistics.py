"""Exchange records, their aggregation into the Art 18 statistics, and the consistency check."""

from __future__ import annotations

import calendar
import copy
import io
import json
import re
from collections import Counter
from datetime import date, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from exchange_samples import jsonl, year_of_records
from spocschema import schemas
from spocschema.fast_records import EXACT_DATE_TIME_PATTERN, facts_of, facts_of_record
from spocschema.instants import parse_date_time
from spocschema.models.statistics import AnnualStatistics, ExchangeRecord
from spocschema.statistics import (
    MAX_LINE_BYTES,
    RecordRejected,
    StatisticsAggregator,
    aggregate,
    due_date,
    iter_line_batches,
    records_from,
)
from spocschema.statistics_check import STATISTICS_RULES, check_statistics

YEAR = 2024
RECORDS = year_of_records(YEAR, 3000)


def in_year(record: dict[str, Any]) -> bool:
    key = "received_at" if record["direction"] == "incoming" else "sent_at"
    return parse_date_time(record[key]).astimezone(timezone.utc).year == YEAR


def state(record: dict[str, Any]) -> str:
    return "GR" if record["counterpart_state"] == "EL" else record["counterpart_state"]


@pytest.fixture(scope="module")
def built() -> AnnualStatistics:
    outcome = records_from(io.BytesIO(jsonl(RECORDS)), StatisticsAggregator("PT", YEAR))
    assert outcome.errors == [] and outcome.statistics is not None
    return outcome.statistics


def test_a_year_of_exchanges_validates_against_the_schema(built: AnnualStatistics) -> None:
    document = built.to_document()
    assert schemas.validator_for("annual-statistics").is_valid(document)
    assert AnnualStatistics.model_validate(document) == built
    assert built.due_on == date(2025, 3, 1)


def test_totals_re_derived_independently(built: AnnualStatistics) -> None:
    counted = [r for r in RECORDS if in_year(r)]
    assert 0 < len(counted) < len(RECORDS)  # the sample straddles the year boundary
    incoming = [r for r in counted if r["direction"] == "incoming"]
    outgoing = [r for r in counted if r["direction"] == "outgoing"]

    sent = built.requests_sent
    assert sent.total == len(outgoing)
    assert sent.by_designated_authorities == sum(
        r["sender"] == "designated_authority" for r in outgoing
    )
    received = built.requests_received
    assert received.received == len(incoming)
    assert received.answered == sum(r["outcome"] == "answered" for r in incoming)
    assert received.urgent.received == sum(r["urgent"] for r in incoming)
    assert received.non_urgent.answered == sum(
        not r["urgent"] and r["outcome"] == "answered" for r in incoming
    )
    assert {k: v.received for k, v in received.by_requesting_state.items()} == Counter(
        state(r) for r in incoming
    )
    refused = [r for r in incoming if r["outcome"] == "refused"]
    assert built.refusals.total == len(refused)
    assert built.refusals.by_requesting_state == Counter(state(r) for r in refused)
    assert {k.value: v for k, v in built.refusals.by_ground.items()} == Counter(
        r["refusal_ground"] for r in refused
    )
    judicial = [r for r in incoming if r.get("judicial_deviation")]
    assert built.judicial_deviations.by_requesting_state == Counter(state(r) for r in judicial)


def test_built_statistics_pass_the_consistency_check(built: AnnualStatistics) -> None:
    report = check_statistics(built, as_of=date(2025, 2, 1))
    assert report.findings == [] and report.summary.passed
    assert schemas.validator_for("report").is_valid(report.to_document())


def test_fast_and_model_paths_count_the_same() -> None:
    models = [ExchangeRecord.model_validate(r) for r in RECORDS]
    assert aggregate(models, reporting_state="PT", year=YEAR) == records_from(
        io.BytesIO(jsonl(RECORDS)), StatisticsAggregator("PT", YEAR)
    ).statistics.model_copy(update={"time_zone": "UTC"})


def test_time_zone_decides_the_year() -> None:
    record = {**RECORDS[0], "direction": "incoming", "received_at": "2024-12-31T23:30:00-01:00"}
    record.pop("sent_at", None)
    record.pop("replied_at", None)
    line = json.dumps(record).encode()
    utc = StatisticsAggregator("PT", 2025)
    assert utc.add_line(line)  # 00:30 UTC on 1 January 2025
    from zoneinfo import ZoneInfo

    azores = StatisticsAggregator("PT", 2025, ZoneInfo("Atlantic/Azores"))
    assert not azores.add_line(line)  # still 31 December in the Azores
    assert azores.outside_year == 1


def test_self_exchange_is_rejected() -> None:
    record = ExchangeRecord.model_validate({**RECORDS[0], "counterpart_state": "PT"})
    with pytest.raises(RecordRejected, match="itself"):
        StatisticsAggregator("PT", YEAR).add(record)


def test_every_malformed_line_is_reported_with_its_number() -> None:
    lines = [json.dumps(r).encode() for r in RECORDS[:10]]
    lines[1] = b'{"exchange_id": "x-1", '  # truncated JSON
    lines[4] = json.dumps(
        {**RECORDS[4], "outcome": "refused", "refusal_ground": "weather"}
    ).encode()
    lines[6] = b""
    lines[8] = json.dumps({**RECORDS[8], "counterpart_state": "PT"}).encode()
    data = b"\n".join(lines) + b"\n" + b"x" * (MAX_LINE_BYTES + 10) + b"\n"
    outcome = records_from(io.BytesIO(data), StatisticsAggregator("PT", YEAR), skip_invalid=True)
    assert [e.line for e in outcome.errors] == [2, 5, 7, 9, 11]
    messages = [e.message for e in outcome.errors]
    assert "invalid JSON" in messages[0]
    assert "/refusal_ground" in messages[1]
    assert "empty line" in messages[2]
    assert "itself" in messages[3]
    assert "longer than" in messages[4]
    assert outcome.lines_read == 11
    assert outcome.statistics is not None
    stopped = records_from(io.BytesIO(data), StatisticsAggregator("PT", YEAR))
    assert stopped.stopped_at == 2 and stopped.statistics is None
    assert [e.line for e in stopped.errors] == [2]


def test_byte_order_mark_and_crlf_are_tolerated() -> None:
    data = b"\xef\xbb\xbf" + jsonl(RECORDS[:3]).replace(b"\n", b"\r\n")
    outcome = records_from(io.BytesIO(data), StatisticsAggregator("PT", YEAR))
    assert outcome.errors == [] and outcome.lines_read == 3


# --- the fast path never accepts what the model refuses -----------------------------------

MUTATIONS: list[tuple[str, Any]] = [
    ("exchange_id", ""),
    ("exchange_id", "-leading-dash"),
    ("exchange_id", "a" * 101),
    ("exchange_id", "ok\n"),
    ("direction", "sideways"),
    ("counterpart_state", "gr"),
    ("counterpart_state", "EL"),
    ("counterpart_state", "PT"),
    ("counterpart_state", "ZZ"),
    ("urgent", 1),
    ("urgent", None),
    ("outcome", "refused"),
    ("outcome", "answered"),
    ("refusal_ground", "not_available"),
    ("refusal_ground", None),
    ("received_at", "2024-02-30T10:00:00Z"),
    ("received_at", "2024-02-29T10:00:00Z"),
    ("received_at", "2024-03-01T10:00:00"),
    ("received_at", "2024-03-01T10:00:00Z\n"),
    ("received_at", "2024-12-31T23:30:00-01:00"),
    ("sent_at", "2025-01-01T00:30:00+01:00"),
    ("sent_at", "2023-04-31T10:00:00+02:00"),
    ("replied_at", 20240301),
    ("sender", "single_point_of_contact"),
    ("sender", "the minister"),
    ("information_access", "telepathic"),
    ("judicial_deviation", "true"),
    ("judicial_deviation", True),
    ("x-local", {"any": "thing"}),
    ("unknown_key", 1),
]


def model_facts(data: Any) -> Any:
    try:
        return facts_of_record(ExchangeRecord.model_validate(data))
    except ValidationError:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(RECORDS[:200]),
    st.lists(st.sampled_from(MUTATIONS), max_size=3),
    st.lists(st.sampled_from(sorted(ExchangeRecord.model_fields)), max_size=2),
)
def test_fast_path_agrees_with_the_model(
    record: dict[str, Any], mutations: list[tuple[str, Any]], removals: list[str]
) -> None:
    data = copy.deepcopy(record)
    for key, value in mutations:
        data[key] = value
    for key in removals:
        data.pop(key, None)
    fast = facts_of(data)
    slow = model_facts(data)
    if fast is not None:
        assert slow is not None, data
        assert fast._replace(instant="") == slow._replace(instant="")
        assert parse_date_time(fast.instant) == parse_date_time(slow.instant)


# --- schema and model agree on records and statistics --------------------------------------


@pytest.mark.parametrize("record", RECORDS[:50])
def test_generated_records_are_valid_for_model_and_schema(record: dict[str, Any]) -> None:
    assert schemas.validator_for("exchange-record").is_valid(record)
    ExchangeRecord.model_validate(record)


@pytest.mark.parametrize(
    "change",
    [
        {"direction": "incoming", "received_at": None},
        {"direction": "outgoing", "sent_at": "2024-03-01T10:00:00Z", "sender": None},
        {"outcome": "refused", "refusal_ground": None},
        {"outcome": "answered", "refusal_ground": "not_available"},
        {"outcome": "refused", "refusal_ground": "bad_weather"},
        {"received_at": "2024-03-01T10:00:00"},
        {"counterpart_state": "Portugal"},
    ],
)
def test_invalid_records_are_refused_by_model_and_schema(change: dict[str, Any]) -> None:
    data = {**RECORDS[0], "direction": "incoming", "received_at": "2024-03-01T10:00:00Z"}
    data.pop("sender", None)
    data.pop("refusal_ground", None)
    data["outcome"] = "pending"
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    with pytest.raises(ValidationError):
        ExchangeRecord.model_validate(data)
    assert not schemas.validator_for("exchange-record").is_valid(data)


def test_statistics_with_greece_twice_are_refused(built: AnnualStatistics) -> None:
    document = built.to_document()
    document["refusals"]["by_requesting_state"]["EL"] = 1
    document["refusals"]["by_requesting_state"]["GR"] = 1
    with pytest.raises(ValidationError, match="Greece"):
        AnnualStatistics.model_validate(document)
    assert not schemas.validator_for("annual-statistics").is_valid(document)


def test_refusal_grounds_come_from_the_closed_list(built: AnnualStatistics) -> None:
    document = built.to_document()
    document["refusals"]["by_ground"]["too_busy"] = 1
    with pytest.raises(ValidationError):
        AnnualStatistics.model_validate(document)
    assert not schemas.validator_for("annual-statistics").is_valid(document)


# --- consistency rules ---------------------------------------------------------------------


def rule_ids(stats: AnnualStatistics, as_of: date = date(2025, 2, 1)) -> list[str]:
    return sorted({f.rule_id for f in check_statistics(stats, as_of=as_of).findings})


def edited(stats: AnnualStatistics, edit: Any) -> AnnualStatistics:
    document = stats.to_document()
    edit(document)
    return AnnualStatistics.model_validate(document)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.update(due_on="2025-03-31"), ["SPOC-C-0001"]),
        (lambda d: d["requests_sent"].update(total=0), ["SPOC-C-0010"]),
        (
            lambda d: d["requests_received"]["urgent"].update(answered=10**6),
            ["SPOC-C-0020", "SPOC-C-0021"],
        ),
        (
            lambda d: d["requests_received"]["by_requesting_state"]["FR"].update(received=0),
            ["SPOC-C-0020", "SPOC-C-0022", "SPOC-C-0041"],
        ),
        (
            lambda d: d["requests_received"]["by_requesting_state"].update(
                PT={"received": 0, "answered": 0}
            ),
            ["SPOC-C-0023"],
        ),
        (
            lambda d: d["refusals"].update(total=d["refusals"]["total"] + 1),
            ["SPOC-C-0031", "SPOC-C-0032"],
        ),
        (
            lambda d: d["refusals"].update(
                total=10**6,
                by_requesting_state={"FR": 10**6},
                by_ground={"not_available": 10**6},
            ),
            [],  # answered + refused may exceed received (partial refusals): no rule says no
        ),
        (
            lambda d: d["judicial_deviations"].update(
                total=10**6, by_requesting_state={"FR": 10**6}
            ),
            ["SPOC-C-0041"],
        ),
        (lambda d: d["judicial_deviations"].update(total=0), ["SPOC-C-0040"]),
    ],
)
def test_consistency_rules(built: AnnualStatistics, edit: Any, expected: list[str]) -> None:
    assert rule_ids(edited(built, edit)) == expected


def test_dates_against_article_18_1(built: AnnualStatistics) -> None:
    assert rule_ids(built, as_of=date(2024, 12, 31)) == ["SPOC-C-0002"]
    assert rule_ids(built, as_of=date(2025, 3, 2)) == ["SPOC-C-0004"]
    late = built.model_copy(update={"submitted_on": date(2025, 3, 2)})
    assert rule_ids(late, as_of=date(2025, 4, 1)) == ["SPOC-C-0003"]
    early = built.model_copy(update={"submitted_on": date(2024, 12, 1)})
    assert rule_ids(early, as_of=date(2025, 4, 1)) == ["SPOC-C-0005"]
    on_time = built.model_copy(update={"submitted_on": due_date(YEAR)})
    assert rule_ids(on_time, as_of=date(2025, 4, 1)) == []


def test_every_statistics_rule_cites_article_18() -> None:
    for rule in STATISTICS_RULES.values():
        assert rule.provision.startswith("Art 18") and rule.rule_id.startswith("SPOC-C-")


def test_committed_schemas_match_the_models() -> None:
    for name in ("information-request", "exchange-record", "annual-statistics"):
        committed = schemas.source_schema_dir() / schemas.SCHEMA_VERSION / f"{name}.schema.json"
        assert committed.read_text(encoding="utf-8") == schemas.dumps(schemas.generate(name)), (
            f"{name}: run `spocschema schema --write`"
        )


def test_aggregator_memory_is_bounded_by_states_not_records() -> None:
    aggregator = StatisticsAggregator("PT", YEAR)
    record = {**RECORDS[0], "direction": "incoming", "received_at": "2024-06-01T10:00:00Z"}
    record.pop("replied_at", None)
    for index in range(2000):
        aggregator.add_line(json.dumps({**record, "exchange_id": f"cms-{index}"}).encode())
    assert aggregator.counted == 2000
    assert len(aggregator._received) == 1  # one key per combination of counted facts
    assert len(aggregator._seen) == 2000  # only the identifiers grow, to count each once


def test_fast_path_takes_every_plain_record() -> None:
    plain = [r for r in RECORDS if not any(k.startswith("x-") for k in r)]
    assert all(facts_of(r) is not None for r in plain)
    assert all(facts_of(r) is None for r in RECORDS if r not in plain)  # left to the model


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=12),
    st.booleans(),
    st.integers(1, 7),
    st.integers(1, 9),
)
def test_line_batches_split_like_split_and_never_hold_an_overlong_line_whole(
    lines: list[bytes], final_newline: bool, limit: int, chunk: int
) -> None:
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    expected = data.split(b"\n")
    if expected and expected[-1] == b"":
        expected.pop()
    batches = list(iter_line_batches(io.BytesIO(data), limit, chunk))
    got = [line for batch in batches for line in batch]
    assert len(got) == len(expected)
    for line, whole in zip(got, expected, strict=True):
        if len(whole) <= limit:
            assert line == whole
        else:  # reported as overlong: a prefix longer than the limit, at most a chunk more
            assert whole.startswith(line) and limit < len(line) <= limit + chunk + 1


def test_exact_date_time_pattern_knows_month_lengths_and_leap_years() -> None:
    exact = re.compile(EXACT_DATE_TIME_PATTERN)

    def real(text: str) -> bool:
        try:
            parse_date_time(text)
        except ValueError:
            return False
        return True

    for year in range(1900, 3000):
        text = f"{year}-02-29T00:00:00Z"
        assert (exact.fullmatch(text) is not None) == calendar.isleap(year) == real(text), text
    for year in (2023, 2024, 2100):
        for month in range(0, 14):
            for day in range(0, 33):
                text = f"{year}-{month:02d}-{day:02d}T12:00:00+01:00"
                assert (exact.fullmatch(text) is not None) == real(text), text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(RECORDS[:300]), st.lists(st.sampled_from(MUTATIONS), max_size=2)),
        min_size=1,
        max_size=25,
    )
)
def test_the_hot_loop_counts_and_rejects_exactly_as_the_model(
    rows: list[tuple[dict[str, Any], list[tuple[str, Any]]]],
) -> None:
    documents = []
    for record, mutations in rows:
        data = copy.deepcopy(record)
        for key, value in mutations:
            data[key] = value
        documents.append(data)
    expected_bad, valid, seen = [], [], set()
    for number, data in enumerate(documents, start=1):
        try:
            model = ExchangeRecord.model_validate(data)
        except ValidationError:
            expected_bad.append(number)
            continue
        if model.counterpart_state == "PT" or model.exchange_id in seen:
            expected_bad.append(number)  # a repeated identifier is counted once, the first time
        else:
            seen.add(model.exchange_id)
            valid.append(model)
    outcome = records_from(
        io.BytesIO(jsonl(documents)), StatisticsAggregator("PT", YEAR), skip_invalid=True
    )
    assert [e.line for e in outcome.errors] == expected_bad
    assert outcome.statistics == aggregate(valid, reporting_state="PT", year=YEAR).model_copy(
        update={"time_zone": "UTC"}
    )


def test_errors_can_be_streamed_instead_of_kept() -> None:
    seen: list[int] = []
    data = b"{}\n" * 3 + jsonl(RECORDS[:2])
    outcome = records_from(
        io.BytesIO(data),
        StatisticsAggregator("PT", YEAR),
        skip_invalid=True,
        on_error=lambda error: seen.append(error.line),
    )
    assert seen == [1, 2, 3]
    assert outcome.invalid == 3 and outcome.errors == []


def test_greece_reporting_as_el_rejects_records_from_gr() -> None:
    record = {**RECORDS[0], "counterpart_state": "GR"}
    aggregator = StatisticsAggregator("EL", YEAR)
    assert aggregator.reporting_state == "GR"
    with pytest.raises(RecordRejected):
        aggregator.add_line(json.dumps(record).encode())
    errors: list[Any] = []
    aggregator.add_batch([json.dumps(record).encode()], 0, errors, stop=False)
    assert [e.line for e in errors] == [1]
