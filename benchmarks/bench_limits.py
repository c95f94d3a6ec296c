"""Time and peak memory of hostile documents at the default size limit (issue 13).

Run on demand (never part of the test suite)::

    PYTHONPATH=src python benchmarks/bench_limits.py [--cap-mib 1024] [--timeout 300]

Each case is a document just under ``Limits.max_bytes`` (10 MiB) built to hit one limit:

- YAML ``[{}, {}, ...]`` in block and in flow style, and an object holding such a list (the
  value-count limit), and a deep flow nesting (the depth limit);
- JSON ``[0, 0, ...]`` (a flat array of ints) and ``{"a": [{}, {}, ...]}`` (the value-count
  limit), and a deep nesting (the depth limit).

Every case runs in a fresh interpreter under an address-space cap (``RLIMIT_AS``, default
1 GiB, the bound issue 13 names), so a loader that builds the whole tree first dies with
``MemoryError`` here instead of taking the machine's memory. The parent reports wall time of the
whole process, the child's peak resident memory (``VmHWM`` of ``/proc/self/status``, interpreter
included; ``ru_maxrss`` where there is no ``/proc``, which on Linux carries the parent's peak
over ``exec``), and how the load ended: ``refused`` with the loader's message,
``accepted``, or the failure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 10 * 1024 * 1024  # Limits.max_bytes, the default


def _fill(head: str, item: str, separator: str, tail: str) -> str:
    """``head`` + as many ``item``s as fit under the limit + ``tail``."""
    room = LIMIT - len(head) - len(tail)
    count = room // (len(item) + len(separator))
    return head + separator.join([item] * count) + tail


def cases() -> dict[str, tuple[str, str]]:
    """name -> (suffix, document text), every one within the default size limit."""
    deep = LIMIT // 2 - 16
    return {
        "YAML flow [{},{},...]": ("yaml", _fill("[", "{}", ",", "]")),
        "YAML block - {} list": ("yaml", _fill("", "- {}", "\n", "\n")),
        "YAML a: [{},{},...]": ("yaml", _fill("a: [", "{}", ",", "]")),
        "YAML deep [[[...]]]": ("yaml", "[" * deep + "]" * deep),
        "YAML x-a: long string": ("yaml", _fill('x-a: "', "a", "", '"\n')),
        "JSON [0,0,...]": ("json", _fill("[", "0", ",", "]")),
        'JSON {"a":[{},{},...]}': ("json", _fill('{"a":[', "{}", ",", "]}")),
        "JSON deep [[[...]]]": ("json", "[" * deep + "]" * deep),
        'JSON {"x-a": long string}': ("json", _fill('{"x-a": "', "a", "", '"}')),
    }


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
cap = int(sys.argv[2])
if cap:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from spocschema.errors import DocumentError
from spocschema.loading import load_document
path = Path(sys.argv[1])
started = time.perf_counter()
try:
    load_document(path)
    outcome = "accepted"
except DocumentError as error:
    outcome = "refused: " + error.problems[0].message
except MemoryError:
    outcome = "MemoryError"
def peak_mib():
    # VmHWM belongs to this process image; ru_maxrss would carry the parent's peak over exec.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "outcome": outcome,
    "seconds": time.perf_counter() - started,
    "peak_mib": peak_mib(),
}))
"""


def run_case(text: str, suffix: str, cap: int, timeout: float, src: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / f"doc.{suffix}"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), str(cap)],
                capture_output=True,
                text=True,
                timeout=timeout,
                env={"PYTHONPATH": str(src)},
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {
                "outcome": f"timed out after {timeout:.0f} s",
                "seconds": timeout,
                "peak_mib": "?",
            }
        wall = time.perf_counter() - started
    result: dict[str, object] = {"seconds": wall, "peak_mib": "?"}
    try:
        result.update(json.loads(done.stdout.strip().splitlines()[-1]))
        result["seconds"] = wall  # the whole process: start-up, read, parse
    except (IndexError, json.JSONDecodeError):
        result["outcome"] = f"exit {done.returncode}: {done.stderr.strip()[-200:]}"
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap-mib", type=int, default=1024, help="address-space cap (0: none)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    parser.add_argument("--only", help="run the cases whose name contains this text")
    parser.add_argument(
        "--src",
        type=Path,
        default=ROOT / "src",
        help="the package source to measure (a copy of "
        "an older checkout, for before/after figures)",
    )
    args = parser.parse_args(argv)
    cap = args.cap_mib * 1024 * 1024
    print(f"{'case':26} {'bytes':>9} {'seconds':>8} {'peak MiB':>9}  outcome")
    for name, (suffix, text) in cases().items():
        if args.only and args.only not in name:
            continue
        result = run_case(text, suffix, cap, args.timeout, args.src)
        peak = result["peak_mib"]
        peak_text = f"{peak:9.0f}" if isinstance(peak, float) else f"{peak:>9}"
        print(
            f"{name:26} {len(text):9d} {result['seconds']:8.2f} {peak_text}  "
            f"{str(result['outcome'])[:110]}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
