"""Per-rule test cases as data, generated from the rule declarations.

Each rule declares a passing and a failing profile fragment. This module turns them into a
language-neutral JSON document (``tests/rule_cases/eu-rules.json``) that any implementation of
the rules can run: apply the fragment as a JSON merge patch (RFC 7396) over the base profile,
check only that rule on the given date, and compare the provision's status and the IDs of the
rules that report a finding. The test suite runs the committed file and fails if it drifts
from the declarations.

Regenerate with ``PYTHONPATH=src python -m spocschema.rules.cases tests/rule_cases/eu-rules.json``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from spocschema.rules import all_rules
from spocschema.rules.base import Example, Rule

#: The base every fragment is applied to (path relative to the repository root).
BASE_PROFILE = "examples/compliant-profile.json"
#: Evaluation date of cases that do not name their own.
DEFAULT_AS_OF = "2026-11-22"


def merge_patch(target: Any, patch: Any) -> Any:
    """Apply a JSON merge patch (RFC 7396, section 2): objects merge, ``null`` deletes a key,
    anything else (arrays included) replaces the target."""
    if not isinstance(patch, Mapping):
        return patch
    result = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _case(rule: Rule, kind: str, example: Example) -> dict[str, Any]:
    status = rule.fails_as if kind == "failing" else "met"
    return {
        "rule_id": rule.id,
        "provision": rule.provision,
        "kind": kind,
        "as_of": example.as_of.isoformat() if example.as_of else DEFAULT_AS_OF,
        "patch": example.patch,
        "expect": {
            "provision_status": status,
            "finding_rule_ids": [] if status == "met" else [rule.id],
        },
    }


def export() -> dict[str, Any]:
    """The cases document for every EU rule, in rule-ID order."""
    cases = []
    for rule in all_rules():
        cases.append(_case(rule, "passing", rule.passing))
        cases.append(_case(rule, "failing", rule.failing))
    return {
        "description": "Per-rule test cases for the spocschema EU rules. Apply each patch as a "
        "JSON merge patch (RFC 7396) to the base profile, check only the rule on 'as_of', and "
        "expect the provision's status and the IDs of the rules reporting a finding.",
        "base": BASE_PROFILE,
        "cases": cases,
    }


def dumps(document: Mapping[str, Any]) -> str:
    """Canonical text of the cases file."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m spocschema.rules.cases OUTPUT.json", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(dumps(export()), encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
