"""The protocol every benchmark module follows, and the timing helpers they share.

A benchmark module is a file ``benchmarks/bench_<topic>.py`` that defines::

    def run(quick: bool = False) -> list[Result]: ...

Each ``Result`` pairs a measurement with its *floor*: the same work done by the thing we build
on (bare pydantic validation, ``json.loads``, the interpreter starting), measured in the same
run. Machines differ and CI runners are noisy, but the ratio of the two is stable, so a ratio
that grows is a regression in our code, not a slower machine. ``target`` is the highest ratio
the project accepts, where it has one. ``quick`` asks for fewer repetitions (a smoke run).

``benchmarks/run_all.py`` imports every ``bench_*.py``, calls ``run``, and prints the table.
A module may still be a plain script (``main``/``__main__``); ``run_all`` then runs it as a
process and shows its output, but only modules with ``run`` appear in the ratio table.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Result:
    """One measurement and its floor, in the same unit (seconds unless ``unit`` says)."""

    name: str
    value: float
    floor_name: str
    floor_value: float
    unit: str = "s"
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.floor_value if self.floor_value else float("inf")

    @property
    def within_target(self) -> bool:
        return self.target is None or self.ratio <= self.target

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "within_target": self.within_target}


def per_call(function: Callable[[], object], *, repeat: int = 7) -> float:
    """Median seconds per call, with the call count chosen so one sample lasts ~0.2 s."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=repeat, number=number)) / number


def compare(
    name: str,
    subject: Callable[[], object],
    floor_name: str,
    floor: Callable[[], object],
    *,
    quick: bool = False,
    target: float | None = None,
    note: str = "",
) -> Result:
    """Time a subject and its floor alternately, so a load spike hits both alike."""
    rounds = 3 if quick else 9
    subject_times, floor_times = [], []
    subject_timer, floor_timer = timeit.Timer(subject), timeit.Timer(floor)
    subject_number, _ = subject_timer.autorange()
    floor_number, _ = floor_timer.autorange()
    for _ in range(rounds):
        subject_times.append(subject_timer.timeit(subject_number) / subject_number)
        floor_times.append(floor_timer.timeit(floor_number) / floor_number)
    return Result(
        name,
        statistics.median(subject_times),
        floor_name,
        statistics.median(floor_times),
        target=target,
        note=note,
    )


def process_seconds(argv: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one process run from the repository root, output discarded."""
    started = time.perf_counter()
    subprocess.run(
        list(argv),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def compare_processes(
    name: str,
    argv: Sequence[str],
    floor_name: str,
    floor_argv: Sequence[str],
    *,
    quick: bool = False,
    target: float | None = None,
    note: str = "",
) -> Result:
    """Median wall time of two commands, run alternately, with ``src`` on the import path."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = 3 if quick else 15
    process_seconds(argv, env=env)  # warm the file-system cache for both
    process_seconds(floor_argv, env=env)
    subject_times, floor_times = [], []
    for _ in range(runs):
        subject_times.append(process_seconds(argv, env=env))
        floor_times.append(process_seconds(floor_argv, env=env))
    return Result(
        name,
        statistics.median(subject_times),
        floor_name,
        statistics.median(floor_times),
        target=target,
        note=note,
    )


#: The interpreter every benchmark uses for processes it starts.
PYTHON = sys.executable
