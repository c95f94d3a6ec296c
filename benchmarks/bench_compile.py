"""Benchmark: ``stats compile`` over 37 states x 10 years of Art 18 statistics (issue 14).

The target is "well under a second" for the compilation of 370 documents. Each document is
read, validated and checked as ``stats check`` does, then compiled (figures, totals, who asks
whom, year-on-year change, gaps, cross-checks). The floor is reading and validating the same
370 files with bare ``AnnualStatistics.model_validate_json``: the part no compilation can skip.

Run on demand: ``python benchmarks/bench_compile.py [--quick]`` (prints seconds and the
ratio), or through ``benchmarks/run_all.py``. ``main`` also reports the best process CPU time
of five runs: on a shared machine wall time mostly measures waiting for a core, CPU time what
the compilation costs. Rendering the HTML page, the JSON and the CSV of the result are timed as
well, for information.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _common import Result, compare

from network_fixtures import ALL_STATES
from spocschema.charts import render_network_statistics
from spocschema.models.statistics import AnnualStatistics
from spocschema.statistics_network import compile_statistics, statistics_csv
from statistics_fixtures import write_statistics

YEARS = range(2016, 2026)
AS_OF = date(2026, 6, 1)


def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-compile-"))
    write_statistics(folder, ALL_STATES, YEARS)
    return folder


def run(quick: bool = False) -> list[Result]:
    folder = _folder()
    files = sorted(folder.rglob("*.json"))

    def floor() -> None:
        for path in files:
            AnnualStatistics.model_validate_json(path.read_bytes())

    target_note = f"{len(ALL_STATES)} states x {len(YEARS)} years = {len(files)} documents"
    return [
        compare(
            "stats compile (37 x 10)",
            lambda: compile_statistics(folder, as_of=AS_OF),
            "read + model_validate_json of the same files",
            floor,
            quick=quick,
            note=target_note,
        )
    ]


def main() -> int:
    quick = "--quick" in sys.argv
    (result,) = run(quick)
    folder = _folder()
    compiled = compile_statistics(folder, as_of=AS_OF)
    cpu = []
    for _ in range(5):
        started = time.process_time()
        compile_statistics(folder, as_of=AS_OF)
        cpu.append(time.process_time() - started)
    timings = {}
    for name, action in (
        ("HTML page", lambda: render_network_statistics(compiled)),
        ("JSON", compiled.to_json),
        ("CSV", lambda: statistics_csv(compiled)),
    ):
        started = time.perf_counter()
        output = action()
        timings[name] = (time.perf_counter() - started, len(output))
    print(f"{result.name}: {result.value:.3f} s ({result.note})")
    print(f"  floor ({result.floor_name}): {result.floor_value:.3f} s; ratio {result.ratio:.1f}")
    for name, (seconds, size) in timings.items():
        print(f"  {name}: {seconds:.3f} s, {size / 1e6:.1f} MB")
    print(f"  best CPU time of 5 runs: {min(cpu):.3f} s")
    print(f"  within one second (CPU): {'yes' if min(cpu) < 1.0 else 'NO'}")
    return 0 if min(cpu) < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
