"""`stats build` reads a record with the rules of every document and counts each request once.

Regression tests for issue 13: before, a key written twice was accepted (the last value won: an
urgent request counted as non-urgent), NaN passed in an extension, a repeated exchange_id was
counted again, a reply dated before its request was counted, a FIFO operand blocked forever and
``--max-errors -1`` was accepted.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exchange_samples import jsonl, year_of_records
from spocschema.cli import main
from spocschema.fast_records import facts_of, precedes
from spocschema.instants import parse_date_time
from spocschema.models.statistics import ExchangeRecord
from spocschema.statistics import RecordRejected, StatisticsAggregator, aggregate, records_from

YEAR = 2024
INCOMING = {
    "exchange_id": "cms-2024-000001",
    "direction": "incoming",
    "counterpart_state": "FR",
    "urgent": True,
    "received_at": "2024-05-02T10:00:00+02:00",
    "outcome": "answered",
    "replied_at": "2024-05-02T15:00:00+02:00",
}


def build(data: bytes, *, skip: bool = True) -> Any:
    return records_from(io.BytesIO(data), StatisticsAggregator("PT", YEAR), skip_invalid=skip)


def line(record: dict[str, Any]) -> bytes:
    return json.dumps(record).encode()


# --- a key written twice ------------------------------------------------------------------


def test_a_key_written_twice_is_a_bad_line_not_last_one_wins() -> None:
    text = line(INCOMING)[:-1] + b', "urgent": false}\n'
    outcome = build(text)
    assert [e.line for e in outcome.errors] == [1]
    assert "duplicate key 'urgent'" in outcome.errors[0].message
    assert "/urgent" in outcome.errors[0].message
    assert outcome.statistics.requests_received.received == 0
    assert build(text, skip=False).stopped_at == 1


def test_a_key_written_twice_inside_an_extension_is_refused() -> None:
    text = line({**INCOMING, "x-cms": {"queue": "a"}}).replace(
        b'"queue": "a"', b'"queue": "a", "queue": "b"'
    )
    outcome = build(text + b"\n")
    assert "duplicate key 'queue'" in outcome.errors[0].message
    assert "/x-cms/queue" in outcome.errors[0].message


def test_the_same_duplicate_is_exit_2_for_build_as_for_a_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_bytes(line(INCOMING)[:-1] + b', "urgent": false}\n')
    code = main(["stats", "build", str(export), "--year", "2024", "--state", "PT"])
    assert code == 2
    assert f"{export}:1: " in capsys.readouterr().err


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_non_finite_numbers_are_refused(constant: bytes) -> None:
    text = line({**INCOMING, "x-score": 0}).replace(b'"x-score": 0', b'"x-score": ' + constant)
    outcome = build(text + b"\n")
    assert [e.line for e in outcome.errors] == [1]
    assert "finite" in outcome.errors[0].message and "/x-score" in outcome.errors[0].message


# --- each exchange_id once ----------------------------------------------------------------


def test_a_repeated_exchange_id_is_counted_once_and_reported() -> None:
    other = {**INCOMING, "urgent": False}
    outcome = build(jsonl([INCOMING, INCOMING, other, {**INCOMING, "exchange_id": "cms-2"}]))
    assert [e.line for e in outcome.errors] == [2, 3]
    assert all("cms-2024-000001" in e.message for e in outcome.errors)
    assert outcome.statistics.requests_received.received == 2
    assert outcome.statistics.requests_received.urgent.received == 2  # the first one counted


def test_a_repeated_exchange_id_stops_a_strict_build() -> None:
    assert build(jsonl([INCOMING, INCOMING]), skip=False).stopped_at == 2


def test_a_repeat_outside_the_year_is_still_a_repeat() -> None:
    old = {**INCOMING, "received_at": "2023-05-02T10:00:00Z", "replied_at": "2023-05-03T10:00:00Z"}
    outcome = build(jsonl([old, INCOMING]))
    assert [e.line for e in outcome.errors] == [2]
    assert outcome.outside_year == 1 and outcome.counted == 0


def test_repeats_are_found_on_the_slow_path_too() -> None:
    extended = {**INCOMING, "x-queue": "night"}  # an extension takes the full model
    outcome = build(jsonl([INCOMING, extended, extended]))
    assert [e.line for e in outcome.errors] == [2, 3]


def test_aggregate_refuses_a_repeated_record() -> None:
    record = ExchangeRecord.model_validate(INCOMING)
    with pytest.raises(RecordRejected, match="counted once"):
        aggregate([record, record], reporting_state="PT", year=YEAR)


def test_many_distinct_records_with_shared_facts_all_count() -> None:
    records = year_of_records(YEAR, 500)
    assert build(jsonl(records)).errors == []


# --- a reply before the request -----------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"replied_at": "2024-05-02T09:59:59+02:00"},
        {"replied_at": "2024-05-02T07:59:59Z"},  # earlier once the offsets are applied
        {"replied_at": "2024-05-02T09:59:59.999+02:00"},
        {
            "direction": "outgoing",
            "sender": "single_point_of_contact",
            "sent_at": "2024-05-02T10:00:00Z",
            "replied_at": "2024-05-01T10:00:00Z",
        },
    ],
)
def test_a_reply_before_the_request_is_refused(change: dict[str, Any]) -> None:
    record = {**INCOMING, **change}
    if record["direction"] == "outgoing":
        record.pop("received_at")
    outcome = build(jsonl([record]))
    assert [e.line for e in outcome.errors] == [1]
    assert "cannot precede the request" in outcome.errors[0].message
    assert facts_of(record) is None
    with pytest.raises(ValueError, match="precede"):
        ExchangeRecord.model_validate(record)


@pytest.mark.parametrize(
    "replied",
    ["2024-05-02T10:00:00+02:00", "2024-05-02T08:00:00Z", "2024-05-02T10:00:00.5+02:00"],
)
def test_a_reply_at_or_after_the_request_is_counted(replied: str) -> None:
    outcome = build(jsonl([{**INCOMING, "replied_at": replied}]))
    assert outcome.errors == [] and outcome.counted == 1


_instants = st.builds(
    lambda seconds, micro, offset, upper: (
        (
            datetime(2024, 1, 1, tzinfo=timezone(timedelta(minutes=offset)))
            + timedelta(seconds=seconds, microseconds=micro)
        )
        .isoformat(timespec="microseconds" if micro else "seconds")
        .replace("+00:00", "Z" if upper else "+00:00")
    ),
    st.integers(0, 3 * 86_400),
    st.sampled_from([0, 0, 500_000, 1]),
    st.sampled_from([0, 60, -180, 330]),
    st.booleans(),
)


@given(_instants, _instants)
def test_the_text_comparison_of_instants_agrees_with_parsing(first: str, second: str) -> None:
    assert precedes(first, second) == (parse_date_time(first) < parse_date_time(second))


# --- operands and options -----------------------------------------------------------------


def _run_build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "spocschema",
            "stats",
            "build",
            *args,
            "--year",
            "2024",
            "--state",
            "PT",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_instead_of_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "export.jsonl"
    os.mkfifo(fifo)
    result = _run_build(str(fifo))  # before: blocked for ever (the timeout fails the test)
    assert result.returncode == 2
    assert "not a regular file" in result.stderr and "`-`" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("operand", ["/dev/zero", "."])
def test_devices_and_folders_are_refused(operand: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path(operand).exists():
        pytest.skip(f"{operand} does not exist here")
    assert main(["stats", "build", operand, "--year", "2024", "--state", "PT"]) == 2
    err = capsys.readouterr().err
    assert "not a regular file" in err or "a folder" in err


def test_standard_input_still_streams(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(jsonl([INCOMING])))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["stats", "build", "-", "--year", "2024", "--state", "PT"]) == 0
    assert json.loads(capsys.readouterr().out)["requests_received"]["received"] == 1


@pytest.mark.parametrize("value", ["-1", "many", "1.5"])
def test_max_errors_must_be_a_count(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_bytes(jsonl([INCOMING]))
    code = main(
        [
            "stats",
            "build",
            str(export),
            "--year",
            "2024",
            "--state",
            "PT",
            "--skip-invalid",
            "--max-errors",
            value,
        ]
    )
    assert code == 2
    assert "--max-errors" in capsys.readouterr().err


def test_max_errors_zero_lists_none_and_counts_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_bytes(b"{}\n{}\n" + jsonl([INCOMING]))
    code = main(
        [
            "stats",
            "build",
            str(export),
            "--year",
            "2024",
            "--state",
            "PT",
            "--skip-invalid",
            "--max-errors",
            "0",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert f"{export}:1:" not in err and "2 invalid lines skipped (2 not listed)" in err
