"""Benchmark: ``spocschema check`` over many small profiles, per output format.

Run on demand (never part of the test suite)::

    PYTHONPATH=src python benchmarks/bench_check_many.py [--files 2000] [--formats json sarif]

Writes ``--files`` copies of the minimal example profile (each with its own file name, as a
real folder of national profiles would have) into a temporary folder, then runs
``python -m spocschema check --format F -o OUT FOLDER`` once per format as a separate process
and prints, per format: wall-clock time, peak resident memory of the process, size of the
output and the output bytes per input file. Output and memory should grow in proportion to
the findings, never with the product of files and rules.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "examples" / "minimal-profile.json"


def _measure(argv: list[str]) -> tuple[float, int, int]:
    """Seconds, peak RSS in bytes and exit code of one child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.stderr is not None:
        child.stderr.close()
    return elapsed, usage.ru_maxrss * 1024, child.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--formats", nargs="+", default=["text", "json", "sarif", "junit"])
    args = parser.parse_args(argv)
    raw = MINIMAL.read_bytes()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "profiles"
        folder.mkdir()
        for index in range(args.files):
            (folder / f"profile-{index:05d}.json").write_bytes(raw)
        size_in = args.files * len(raw)
        print(f"{args.files} profiles, {size_in / 1024:.0f} KB in ({sys.version.split()[0]})")
        print(f"{'format':<8} {'time s':>8} {'peak RSS MB':>12} {'output MB':>10} {'B/file':>8}")
        for output_format in args.formats:
            out = Path(work) / f"out.{output_format}"
            command = [sys.executable, "-m", "spocschema", "check", "--as-of", "2026-11-22"]
            command += ["--format", output_format, "-o", str(out), str(folder)]
            seconds, rss, code = _measure(command)
            size = out.stat().st_size if out.exists() else 0
            print(
                f"{output_format:<8} {seconds:8.2f} {rss / 2**20:12.1f} {size / 2**20:10.2f} "
                f"{size // max(args.files, 1):8d}  (exit {code})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
