"""Properties of the checker: leaving facts out never turns into a breach, and any report it
produces is valid against the published schema.

The normal suite tries 40 examples; set ``SPOC_PROPERTY_EXAMPLES`` (e.g. 1500) for a long run.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from spocschema.checker import check
from spocschema.models.profile import SpocProfile
from spocschema.report import ProvisionStatus
from spocschema.schemas import validator_for

ROOT = Path(__file__).resolve().parents[1]
COMPLIANT = json.loads((ROOT / "examples" / "compliant-profile.json").read_text(encoding="utf-8"))
AS_OF = "2026-11-22"


def _key_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path that ends at an object key (list items are kept: removing one is a change
    of fact, not an omission)."""
    paths: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            paths.append((*prefix, key))
            paths.extend(_key_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths.extend(_key_paths(value, (*prefix, index)))
    return paths


PATHS = _key_paths(COMPLIANT)


def _without(data: dict[str, Any], paths: list[tuple[Any, ...]]) -> dict[str, Any]:
    result = copy.deepcopy(data)
    for path in sorted(paths, key=len, reverse=True):
        node: Any = result
        for part in path[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError):
                break
        else:
            node.pop(path[-1], None)
    return result


@settings(
    max_examples=int(os.environ.get("SPOC_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(PATHS), min_size=1, max_size=6, unique=True))
def test_leaving_facts_out_is_never_a_breach(removed: list[tuple[Any, ...]]) -> None:
    data = _without(COMPLIANT, removed)
    try:
        SpocProfile.model_validate(data)
    except ValidationError:
        assume(False)
    report = check(data, as_of=AS_OF, rule_packs=False)
    assert not any(p.status is ProvisionStatus.NOT_MET for p in report.provisions)
    assert {f.status for f in report.findings} <= {"not_assessable"}
    assert not list(validator_for("report").iter_errors(report.to_document()))
