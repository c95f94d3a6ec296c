"""Benchmark: building the Art 18 statistics from a JSON Lines CMS export.

Two questions, from issue 6:

1. Throughput. Streaming N validated exchange records into the statistics must run at no less
   than a quarter of the rate at which orjson merely parses the same lines.
2. Memory. Peak memory grows only by the set of exchange identifiers the build keeps so that
   each request is counted once (issue 13; about 120 bytes a record), never by the records
   (10 000 against 1 000 000).

Run on demand (it writes a temporary export of about 240 MB for a million records)::

    PYTHONPATH=src python benchmarks/bench_stats.py [--records 1000000] [--repeat 3]

Times are the best of ``--repeat`` runs, in process CPU time (the machine may be shared, and
CPU time is what other load disturbs least) and, for reference, wall-clock time. Both sides read
the same file the same way, line by line, so file reading is in both measurements. Memory is
measured in fresh subprocesses, once with ``tracemalloc`` (peak of Python allocations during
the build) and once without it (growth of the peak resident set size over the process after
imports), for the small and the large export.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

STATES = ("FR", "DE", "ES", "IT", "NL", "BE", "EL", "AT", "PL", "SE", "NO", "XK")
GROUNDS = (
    "not_available",
    "request_not_compliant",
    "ongoing_investigation",
    "minor_offence",
    "no_consent",
)
ZONES = (timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=2)))


def write_export(path: Path, count: int, year: int = 2024, seed: int = 977) -> None:
    """A fictional export: mostly incoming requests, a few lines just outside the year."""
    rng = random.Random(seed)
    start = datetime(year, 1, 1, tzinfo=timezone.utc) - timedelta(days=1)
    with path.open("wb") as out:
        for index in range(count):
            instant = start + timedelta(seconds=rng.randrange(367 * 86_400))
            instant = instant.astimezone(rng.choice(ZONES))
            incoming = rng.random() < 0.8
            record: dict[str, object] = {
                "exchange_id": f"cms-{year}-{index:07d}",
                "direction": "incoming" if incoming else "outgoing",
                "counterpart_state": rng.choice(STATES),
                "urgent": rng.random() < 0.2,
                "information_access": rng.choice(("direct", "indirect")),
            }
            if incoming:
                record["received_at"] = instant.isoformat()
            else:
                record["sent_at"] = instant.isoformat()
                record["sender"] = rng.choice(("single_point_of_contact", "designated_authority"))
            outcome = rng.choice(("answered", "answered", "answered", "refused", "pending"))
            record["outcome"] = outcome
            if outcome != "pending":
                record["replied_at"] = (
                    instant + timedelta(hours=rng.randrange(1, 150))
                ).isoformat()
            if outcome == "refused":
                record["refusal_ground"] = rng.choice(GROUNDS)
            if rng.random() < 0.02:
                record["judicial_deviation"] = True
            out.write(orjson.dumps(record) + b"\n")


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Best CPU time and best wall-clock time of ``repeat`` runs."""
    cpu, wall = float("inf"), float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        work()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall


def parse_only(path: Path) -> None:
    loads = orjson.loads
    with path.open("rb") as stream:
        for line in stream:
            loads(line)


def build(path: Path) -> object:
    from spocschema.statistics import StatisticsAggregator, records_from

    with path.open("rb") as stream:
        outcome = records_from(stream, StatisticsAggregator("PT", 2024))
    if outcome.errors or outcome.statistics is None:
        raise SystemExit(f"unexpected invalid lines: {outcome.errors[:3]}")
    return outcome


def measure_memory(path: Path, traced: bool) -> None:
    """Run in a subprocess: print the build's peak memory, in bytes, as JSON."""
    import resource
    import tracemalloc

    import spocschema.statistics  # noqa: F401 - imports are not the build's memory

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if traced:
        tracemalloc.start()
    outcome = build(path)
    peak_traced = tracemalloc.get_traced_memory()[1] if traced else None
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    counted = outcome.counted  # type: ignore[attr-defined]
    print(
        json.dumps(
            {"traced_peak": peak_traced, "rss_growth": (after - before) * 1024, "counted": counted}
        )
    )


def memory(path: Path, traced: bool) -> dict[str, int]:
    command = [sys.executable, __file__, "--memory-of", str(path)]
    if traced:
        command.append("--traced")
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    data: dict[str, int] = json.loads(result.stdout)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-of", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        measure_memory(args.memory_of, args.traced)
        return

    with tempfile.TemporaryDirectory() as tmp:
        large, small = Path(tmp) / "large.jsonl", Path(tmp) / "small.jsonl"
        print(f"writing {args.records:,} and {args.small:,} fictional records ...", flush=True)
        write_export(large, args.records)
        write_export(small, args.small)
        size = large.stat().st_size
        print(f"export: {size / 1e6:.0f} MB, {size / args.records:.0f} bytes per line")

        build(small)  # warm up imports and schema construction outside the timings
        parse_cpu, parse_wall = best_of(args.repeat, lambda: parse_only(large))
        build_cpu, build_wall = best_of(args.repeat, lambda: build(large))
        n = args.records
        print(
            f"orjson parse only : {n / parse_cpu:>10,.0f} lines/s CPU, "
            f"{n / parse_wall:>10,.0f} lines/s wall"
        )
        print(
            f"validate+aggregate: {n / build_cpu:>10,.0f} lines/s CPU, "
            f"{n / build_wall:>10,.0f} lines/s wall"
        )
        ratio_cpu, ratio_wall = parse_cpu / build_cpu, parse_wall / build_wall
        verdict = "meets" if ratio_cpu >= 0.25 else "misses"
        print(f"ratio: {ratio_cpu:.2f} (CPU), {ratio_wall:.2f} (wall); {verdict} the 0.25 target")

        for label, path in ((f"{args.small:,}", small), (f"{args.records:,}", large)):
            traced = memory(path, traced=True)
            plain = memory(path, traced=False)
            print(
                f"memory for {label:>9} records: tracemalloc peak "
                f"{traced['traced_peak'] / 1024:,.0f} KiB; peak RSS growth "
                f"{plain['rss_growth'] / 1024:,.0f} KiB ({plain['counted']:,} counted)"
            )


if __name__ == "__main__":
    main()
