"""How fast profile bytes are validated through the library, against two yardsticks.

Run on demand (never part of the test suite)::

    PYTHONPATH=src python benchmarks/bench_validate.py [--rounds 15] [--seconds 0.2]

Targets (issue 2): ``spocschema.load_profile(bytes)`` within 1.3x the time of a bare
``SpocProfile.model_validate_json`` on the same documents, and at least 20x faster than
pure-Python jsonschema validation of them (``json.loads`` plus a Draft 2020-12 validator with
format checking, as ``spocschema.schemas.validator_for`` builds it).

The fast path (``spocschema._fastpath``) is pure Python: pydantic's ``model_validate_json``,
then a census of the model that proves nothing was lost (duplicate keys, NaN, limits).
``--breakdown`` times the census's parts on their own.

Methods are timed in CPU time, in interleaved rounds, and the best round of each is kept, so
that load from other processes on a shared machine inflates every figure alike rather than one
of them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import spocschema  # noqa: E402
from spocschema import schemas  # noqa: E402
from spocschema.loading import load_document  # noqa: E402
from spocschema.models.profile import SpocProfile  # noqa: E402
from spocschema.validation import validate_document  # noqa: E402


def documents() -> list[bytes]:
    """The bundled JSON examples: a complete profile, a minimal one, non-compliant variants."""
    found = [path.read_bytes() for path in sorted((ROOT / "examples").glob("*.json"))]
    if not found:
        raise SystemExit("no examples/*.json to benchmark")
    return found


def per_document(run: Callable[[bytes], object], docs: list[bytes], seconds: float) -> float:
    """CPU seconds per document for one round of about ``seconds``.

    CPU time of this process, not wall time: on a shared machine other processes then slow
    every method alike (through caches) instead of adding their own run time at random.
    """
    loops = 0
    start = time.process_time()
    elapsed = 0.0
    while elapsed < seconds:
        for doc in docs:
            run(doc)
        loops += 1
        elapsed = time.process_time() - start
    return elapsed / (loops * len(docs))


def fast_path_parts(docs: list[bytes]) -> dict[str, Callable[[bytes], object]]:
    """The fast path's own work besides ``model_validate_json``, part by part.

    Timed apart from validation, in a warm loop, so each part looks cheaper than it is inside
    ``load_profile`` (where the validation before it has just used the caches): the parts
    add up to less than the difference between the first two rows.
    """
    from spocschema import _fastpath
    from spocschema.loading import DEFAULT_LIMITS

    models = {doc: SpocProfile.model_validate_json(doc) for doc in docs}
    census = _fastpath._census
    return {
        "  part: census of the model (_census)": lambda doc: census(models[doc], DEFAULT_LIMITS),
        "  part: keys in the text (count_keys)": _fastpath.count_keys,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=0.1, help="length of one round")
    parser.add_argument(
        "--breakdown", action="store_true", help="also time the fast path's parts on their own"
    )
    args = parser.parse_args(argv)

    docs = documents()
    validator = schemas.validator_for("spoc-profile")
    for doc in docs:  # every method must accept every document, or the comparison is void
        spocschema.load_profile(doc)
        SpocProfile.model_validate_json(doc)
        validator.validate(json.loads(doc))

    methods: dict[str, Callable[[bytes], object]] = {
        "spocschema.load_profile(bytes)": spocschema.load_profile,
        "SpocProfile.model_validate_json": SpocProfile.model_validate_json,
        "located path (load_document + validate)": lambda doc: validate_document(
            load_document(doc), SpocProfile
        ),
        "jsonschema (pure Python)": lambda doc: validator.validate(json.loads(doc)),
    }
    if args.breakdown:
        methods.update(fast_path_parts(docs))
    best = dict.fromkeys(methods, float("inf"))
    for _ in range(args.rounds):
        for name, run in methods.items():
            seconds = args.seconds / (4 if name.startswith("jsonschema") else 1)
            best[name] = min(best[name], per_document(run, docs, seconds))

    api = best["spocschema.load_profile(bytes)"]
    bare = best["SpocProfile.model_validate_json"]
    pure = best["jsonschema (pure Python)"]
    print(f"{len(docs)} documents, {sum(map(len, docs)) // len(docs)} bytes on average")
    print()
    print(f"{'method':42} {'µs/doc':>9} {'vs API':>8}")
    for name, seconds in best.items():
        print(f"{name:42} {seconds * 1e6:9.1f} {seconds / api:7.2f}x")
    api_vs_bare = api / bare
    pure_vs_api = pure / api
    print()
    print(f"API / bare model_validate_json : {api_vs_bare:5.2f}x  (target <= 1.30x)")
    print(f"jsonschema / API               : {pure_vs_api:5.1f}x  (target >= 20x)")
    return 0 if api_vs_bare <= 1.3 and pure_vs_api >= 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
