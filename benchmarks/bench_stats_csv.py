"""Benchmark: `stats build` on a CSV export, beside JSON Lines and beside a bare csv.reader pass.

The same fictional records (``bench_stats.write_export``) are written three ways: JSON Lines, a
CSV whose columns are the record fields written as JSON would write them (the identity mapping:
no value maps, ISO 8601 instants), and a CSV as a CMS exports it (local codes such as ``Y``/``N``
translated by value maps, local date-times in ``%d/%m/%Y %H:%M:%S`` read in Europe/Lisbon).
For each CSV, the build is timed against

- the JSON Lines build of the same records (what CSV costs over JSON Lines), and
- a bare ``csv.reader`` pass over the same file, decoding it and splitting it into cells and
  nothing else (what the mapping, validation and counting cost over reading the table at all).

Run on demand::

    PYTHONPATH=src python benchmarks/bench_stats_csv.py [--records 200000] [--repeat 3]

or through ``benchmarks/run_all.py`` (``run``). Times are best-of CPU times of one process.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson
from _common import Result
from bench_stats import write_export

FIELDS = (
    "exchange_id", "direction", "counterpart_state", "sender", "urgent", "information_access",
    "sent_at", "received_at", "outcome", "replied_at", "refusal_ground", "judicial_deviation",
)  # fmt: skip
LOCAL_FORMAT = "%d/%m/%Y %H:%M:%S"
LISBON = ZoneInfo("Europe/Lisbon")
YES_NO = {True: "Y", False: "N"}


def _identity_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _local_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES_NO[value]
    if name.endswith("_at"):
        return datetime.fromisoformat(value).astimezone(LISBON).strftime(LOCAL_FORMAT)
    return str(value)


def write_csv(jsonl: Path, target: Path, *, local: bool) -> None:
    with jsonl.open("rb") as source, target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(FIELDS)
        for line in source:
            record = orjson.loads(line)
            if local:
                writer.writerow([_local_cell(f, record.get(f)) for f in FIELDS])
            else:
                writer.writerow([_identity_cell(record.get(f)) for f in FIELDS])


def mapping(*, local: bool) -> Any:
    from spocschema.models.column_mapping import ColumnMapping

    fields: dict[str, Any] = {name: {"column": name} for name in FIELDS}
    if local:
        for name in ("sent_at", "received_at", "replied_at"):
            fields[name]["format"] = LOCAL_FORMAT
        for name in ("urgent", "judicial_deviation"):
            fields[name]["values"] = {"Y": True, "N": False}
    document = {"schema_version": "1.1", "fields": fields}
    if local:
        document["time_zone"] = "Europe/Lisbon"
    return ColumnMapping.model_validate(document)


def build_jsonl(path: Path) -> Any:
    from spocschema.statistics import StatisticsAggregator, records_from

    with path.open("rb") as stream:
        outcome = records_from(stream, StatisticsAggregator("PT", 2024))
    assert outcome.statistics is not None and not outcome.errors, outcome.errors[:3]
    return outcome.statistics


def build_csv(path: Path, chosen: Any) -> Any:
    from spocschema.statistics import StatisticsAggregator
    from spocschema.table_export import csv_rows, records_from_table

    with path.open("rb") as stream:
        outcome = records_from_table(
            csv_rows(stream, chosen), chosen, StatisticsAggregator("PT", 2024)
        )
    assert outcome.statistics is not None and not outcome.errors, outcome.errors[:3]
    return outcome.statistics


def bare_reader(path: Path) -> int:
    """Decode and split every row, as the build's reader does, and do nothing else."""
    rows = 0
    with path.open("rb") as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        for _ in csv.reader(text, strict=True):
            rows += 1
    return rows


def best_cpu(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def measure(records: int, repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "export.jsonl"
        plain, local = Path(tmp) / "plain.csv", Path(tmp) / "local.csv"
        write_export(jsonl, records)
        write_csv(jsonl, plain, local=False)
        write_csv(jsonl, local, local=True)
        plain_mapping, local_mapping = mapping(local=False), mapping(local=True)
        expected = build_jsonl(jsonl)
        assert build_csv(plain, plain_mapping) == expected
        assert build_csv(local, local_mapping) == expected
        jsonl_cpu = best_cpu(repeat, lambda: build_jsonl(jsonl))
        results = []
        for label, path, chosen in (
            ("identity mapping", plain, plain_mapping),
            ("CMS-style mapping", local, local_mapping),
        ):
            csv_cpu = best_cpu(repeat, lambda p=path, m=chosen: build_csv(p, m))
            reader_cpu = best_cpu(repeat, lambda p=path: bare_reader(p))
            note = f"{records:,} records; {records / csv_cpu:,.0f} rows/s"
            results.append(
                Result(
                    f"stats build CSV ({label})",
                    csv_cpu,
                    "stats build JSON Lines",
                    jsonl_cpu,
                    note=note,
                )
            )
            results.append(
                Result(
                    f"stats build CSV ({label})",
                    csv_cpu,
                    "bare csv.reader pass",
                    reader_cpu,
                    note=note,
                )
            )
        return results


def run(quick: bool = False) -> list[Result]:
    return measure(20_000 if quick else 200_000, 1 if quick else 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for result in measure(args.records, args.repeat):
        print(
            f"{result.name:<36} {result.value:7.2f} s CPU  vs {result.floor_name:<24} "
            f"{result.floor_value:6.2f} s  ratio {result.ratio:5.2f}  ({result.note})"
        )


if __name__ == "__main__":
    main()
