"""Run every benchmark of the project and print each as a ratio to its floor.

Usage, from the repository root::

    python benchmarks/run_all.py [--quick] [--only NAME ...] [--json FILE]

Every ``benchmarks/bench_*.py`` is run: modules that follow the protocol of ``_common.py``
(a ``run(quick) -> list[Result]`` function) are imported and tabulated; plain scripts are run
as processes and their output is shown under their name. The exit code is 1 if a result
exceeds its target ratio, a script exits non-zero (it missed its own target) or a benchmark
fails, so the command can gate a release.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]

from _common import Result  # noqa: E402  (after the path is set)


def discover(only: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if only:
        found = [path for path in found if any(name in path.stem for name in only)]
    return found


def run_module(path: Path, quick: bool) -> list[Result] | str:
    """Results of a protocol module, or the captured output of a plain script."""
    module = importlib.import_module(path.stem)
    run = getattr(module, "run", None)
    if callable(run):
        results: list[Result] = run(quick=quick)
        return results
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(HERE)])}
    completed = subprocess.run(
        [sys.executable, str(path)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    output = (completed.stdout + completed.stderr).rstrip()
    if completed.returncode != 0:  # scripts exit non-zero when they miss their target
        output += f"\n(exit code {completed.returncode}: {_MISSED})"
    return output


_MISSED = "target missed or failed"


def _format_value(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:8.2f} s "
    if seconds >= 1e-3:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds * 1e6:8.1f} µs"


def print_table(rows: list[tuple[str, Result]]) -> None:
    header = f"{'benchmark':<34} {'value':>11}  {'floor':<34} {'floor value':>11}  {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for _, result in rows:
        flag = "" if result.within_target else f"  OVER TARGET {result.target:.2f}"
        target = f" (target ≤ {result.target:.2f})" if result.target and not flag else ""
        value = _format_value(result.value) if result.unit == "s" else f"{result.value:11.3g}"
        floor = (
            _format_value(result.floor_value)
            if result.unit == "s"
            else f"{result.floor_value:11.3g}"
        )
        print(
            f"{result.name[:34]:<34} {value:>11}  {result.floor_name[:34]:<34} {floor:>11}  "
            f"{result.ratio:6.2f}{target}{flag}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME", help="bench_NAME only")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    args = parser.parse_args(argv)

    rows: list[tuple[str, Result]] = []
    scripts: list[tuple[str, str]] = []
    failed: list[str] = []
    for path in discover(args.only):
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        try:
            outcome = run_module(path, args.quick)
        except Exception:
            failed.append(path.stem)
            traceback.print_exc()
            continue
        if isinstance(outcome, str):
            scripts.append((path.stem, outcome))
        else:
            rows.extend((path.stem, result) for result in outcome)

    if rows:
        print_table(rows)
    for name, output in scripts:
        print(f"\n== {name} (a plain script: its own output; adopt run() to join the table)")
        print(output)
    if args.json:
        payload = {
            "python": sys.version.split()[0],
            "results": [{"module": module, **r.to_dict()} for module, r in rows],
            "scripts": dict(scripts),
            "failed": failed,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    over = [result.name for _, result in rows if not result.within_target]
    over += [name for name, output in scripts if output.endswith(f"{_MISSED})")]
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    if over:
        print(f"\nover target: {', '.join(over)}", file=sys.stderr)
    return 1 if failed or over else 0


if __name__ == "__main__":
    raise SystemExit(main())
