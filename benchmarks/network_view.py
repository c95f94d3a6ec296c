"""Benchmark of the network view on the generated set of 37 fictional profiles.

Run on demand (never part of the test suite):
``PYTHONPATH=src python benchmarks/network_view.py [ROUNDS]``. Prints the median time of
reading and checking the set, of the cross-checks alone, of rendering the HTML page and of the
directory exports, with the page's size.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from network_fixtures import write_network
from spocschema.html import render_network
from spocschema.network import build_directory, check_network, directory_csv
from spocschema.network.build import profile_files, read_profiles
from spocschema.network.crosschecks import run_all
from spocschema.network.models import NetworkGroup

AS_OF = date(2026, 11, 22)


def _median(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_network(root)
        report = check_network(root, as_of=AS_OF)
        entries, _ = read_profiles(profile_files(root), root=root)
        page = render_network(report)
        figures = {
            "check_network (37 profiles)": _median(
                lambda: check_network(root, as_of=AS_OF), rounds
            ),
            "read and validate only": _median(
                lambda: read_profiles(profile_files(root), root=root), rounds
            ),
            "cross-checks only": _median(
                lambda: run_all(entries, as_of=AS_OF, expected=list(NetworkGroup)), rounds
            ),
            "render_network (HTML)": _median(lambda: render_network(report), rounds),
            "directory JSON + CSV": _median(
                lambda: (build_directory(report).to_json(), directory_csv(build_directory(report))),
                rounds,
            ),
        }
    for name, seconds in figures.items():
        print(f"{name:32} {seconds * 1000:8.1f} ms (median of {rounds})")
    print(f"{'HTML page size':32} {len(page.encode('utf-8')) / 1024:8.0f} KiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
