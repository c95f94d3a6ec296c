"""Cold-start benchmark of the command line, side by side with its reference points.

pre-commit and CI start ``spocschema`` once per run, so the whole process matters, not a
function call. This script times, interleaved in one run so machine load affects all alike:

- ``spocschema check examples/compliant-profile.json`` (and ``validate``), as processes;
- ``check-jsonschema --schemafile schemas/1.0/spoc-profile.schema.json <same file>``;
- ``python -c "from pydantic import BaseModel"``.

Targets: ``check`` at most 0.6x check-jsonschema and at most 2x the pydantic import. All are
started with this interpreter (``python -m ...``), so launcher scripts add nothing to either
side, and the package's bytecode is compiled first, as an installed wheel's would be.

Usage: ``python benchmarks/bench_cli_startup.py [--runs N]`` from the repository root.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/compliant-profile.json"
SCHEMA = "schemas/1.0/spoc-profile.schema.json"


def _commands() -> dict[str, list[str]]:
    python = sys.executable
    commands = {
        "spocschema check": [python, "-m", "spocschema", "check", EXAMPLE],
        "spocschema validate": [python, "-m", "spocschema", "validate", EXAMPLE],
        "pydantic import": [python, "-c", "from pydantic import BaseModel"],
    }
    has_cjs = subprocess.run(
        [python, "-c", "import check_jsonschema"], capture_output=True, check=False
    )
    if has_cjs.returncode == 0:
        commands["check-jsonschema"] = [
            python, "-m", "check_jsonschema", "--schemafile", SCHEMA, EXAMPLE,
        ]  # fmt: skip
    elif shutil.which("check-jsonschema"):
        commands["check-jsonschema"] = ["check-jsonschema", "--schemafile", SCHEMA, EXAMPLE]
    return commands


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command")
    args = parser.parse_args()

    compileall.compile_dir(ROOT / "src", quiet=1)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    commands = _commands()
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file-system cache
        _time(command, env)
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(_time(command, env))

    medians = {name: statistics.median(values) for name, values in samples.items()}
    for name, median in medians.items():
        best = min(samples[name])
        print(f"{name:<22} median {median * 1000:7.1f} ms   best {best * 1000:7.1f} ms")
    for subject in ("spocschema check", "spocschema validate"):
        if "check-jsonschema" in medians:
            ratio = medians[subject] / medians["check-jsonschema"]
            print(f"{subject} / check-jsonschema: {ratio:.2f} (target <= 0.60)")
        ratio = medians[subject] / medians["pydantic import"]
        print(f"{subject} / pydantic import:  {ratio:.2f} (target <= 2.00)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
