"""Benchmark: running every rule on a validated profile versus validating it.

Run on demand (never part of the test suite)::

    PYTHONPATH=src python benchmarks/bench_check.py [PROFILE.json]

Prints the time per call of

- ``validate``: ``SpocProfile.model_validate_json`` on the profile's bytes;
- ``rules``: every EU rule evaluated on the already validated profile;
- ``check``: the whole ``check()`` on the validated profile (rules, provision statuses,
  findings, summary: the Report the CLI prints);

and the ratios ``rules / validate`` and ``check / validate``. The target is a ratio of at most
1.0: checking must not cost more than reading the document in the first place.
"""

from __future__ import annotations

import statistics
import sys
import timeit
from collections.abc import Callable
from datetime import date
from pathlib import Path

from spocschema.checker import assessment_of, check
from spocschema.models.profile import SpocProfile
from spocschema.rules import Context, all_rules

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 22)


def _per_call(function: Callable[[], object], repeat: int = 7) -> float:
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    runs = timer.repeat(repeat=repeat, number=number)
    return statistics.median(runs) / number


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "examples" / "compliant-profile.json"
    raw = path.read_bytes()
    profile = SpocProfile.model_validate_json(raw)
    rules = all_rules()
    ctx = Context(as_of=AS_OF, assessment=assessment_of(profile))

    def run_rules() -> None:
        for rule in rules:
            for _ in rule.evaluate(profile, ctx):
                pass

    validate = _per_call(lambda: SpocProfile.model_validate_json(raw))
    evaluate = _per_call(run_rules)
    whole = _per_call(lambda: check(profile, as_of=AS_OF, rule_packs=False))

    print(f"profile:  {path.name} ({len(raw)} bytes), {len(rules)} rules")
    print(f"validate: {validate * 1e6:9.1f} µs")
    print(f"rules:    {evaluate * 1e6:9.1f} µs   ratio rules/validate = {evaluate / validate:.2f}")
    print(f"check:    {whole * 1e6:9.1f} µs   ratio check/validate = {whole / validate:.2f}")
    return 0 if evaluate / validate <= 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
