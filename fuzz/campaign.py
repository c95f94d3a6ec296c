"""The long fuzzing campaign, run on demand: every Hypothesis fuzz test at a large size, then
coverage-guided fuzzing with atheris where it is installed.

    python fuzz/campaign.py                       # 1000 examples per test, atheris 600 s
    python fuzz/campaign.py --examples 300 --atheris-seconds 300

The normal test suite runs the same fuzz tests at a small, fixed size (``tests/fuzzing``);
this script only turns the size up. Failures are reproducible: Hypothesis prints the failing
example and stores it in ``.hypothesis/``; libFuzzer writes ``crash-*`` files under
``fuzz/artifacts/``. The exit code is non-zero if either part found a failure.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def hypothesis_part(examples: int, seconds: float) -> int:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "SPOCSCHEMA_FUZZ_EXAMPLES": str(examples),
        "SPOCSCHEMA_FUZZ_SECONDS": str(seconds),
    }
    command = [sys.executable, "-m", "pytest", "tests/fuzzing", "-q", "-p", "no:cacheprovider"]
    print(f"== Hypothesis: {examples} examples per fuzz test\n$ {' '.join(command)}", flush=True)
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def edge_seeds() -> list[bytes]:
    """Seeds at the edges issue 13 found breaks at, so libFuzzer starts from them: dates at the
    ends of the calendar, the longest durations, tabs YAML 1.2 allows, hex and octal numbers,
    wide encodings, control characters in strings, values and nesting near the limits (sized
    for the loader's small-limit paths, the benchmark covers the default size)."""
    profile = (ROOT / "examples" / "compliant-profile.json").read_text(encoding="utf-8")
    yaml_profile = (ROOT / "examples" / "compliant-profile.yaml").read_text(encoding="utf-8")
    texts = [
        profile.replace('"established_on": "', '"established_on": "9999-12-31", "x-was": "'),
        profile.replace('"P6M"', '"P' + "9" * 38 + 'Y"'),
        profile.replace('"Europe/Lisbon"', '"../../etc/passwd"'),
        yaml_profile.replace(": ", ":\t", 5) + "x-tab: trailing\t\n",
        "x-hex: 0x" + "f" * 5000 + "\nx-oct: 0o" + "7" * 5000 + "\n",
        '{"x-a": "control\tcharacter"}',
        "x-a: [" + ",".join(["{}"] * 3000) + "]\n",
        '{"x-a": [' + ",".join(["0"] * 3000) + "]}",
        "x-a: " + "[" * 80 + "]" * 80 + "\n",
        "x-a: &a [1, 2]\nx-b: [*a, *a, *a, *a]\n",
    ]
    seeds = [text.encode("utf-8") for text in texts]
    seeds += ['{"x-a": 1}'.encode(codec) for codec in ("utf-32", "utf-32-be", "utf-16-le")]
    return seeds


def atheris_part(seconds: int) -> int:
    if importlib.util.find_spec("atheris") is None:
        print("== atheris is not installed (pip install atheris): coverage-guided part skipped")
        return 0
    artifacts = ROOT / "fuzz" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work)
        for index, example in enumerate(sorted((ROOT / "examples").iterdir())):
            for selector in range(6):  # one seed per entry point
                (corpus / f"{index}-{selector}").write_bytes(
                    bytes([selector]) + example.read_bytes()
                )
        for index, seed in enumerate(edge_seeds()):
            for selector in range(7):
                (corpus / f"edge-{index}-{selector}").write_bytes(bytes([selector]) + seed)
        command = [
            sys.executable,
            str(ROOT / "fuzz" / "atheris_documents.py"),
            f"-max_total_time={seconds}",
            "-timeout=10",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={artifacts}/",
            "-print_final_stats=1",
            str(corpus),
        ]
        print(f"== atheris: {seconds} s\n$ {' '.join(command)}", flush=True)
        code = subprocess.run(command, cwd=work, check=False).returncode
    if not any(artifacts.iterdir()):
        shutil.rmtree(artifacts)
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000, help="examples per fuzz test")
    parser.add_argument("--call-seconds", type=float, default=10, help="hang threshold per call")
    parser.add_argument("--atheris-seconds", type=int, default=600, help="0 skips atheris")
    args = parser.parse_args()
    started = time.monotonic()
    hypothesis_code = hypothesis_part(args.examples, args.call_seconds)
    atheris_code = atheris_part(args.atheris_seconds) if args.atheris_seconds else 0
    minutes = (time.monotonic() - started) / 60
    print(
        f"== campaign done in {minutes:.1f} min: hypothesis exit {hypothesis_code}, "
        f"atheris exit {atheris_code}"
    )
    return 1 if hypothesis_code or atheris_code else 0


if __name__ == "__main__":
    raise SystemExit(main())
