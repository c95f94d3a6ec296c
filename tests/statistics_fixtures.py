"""Generate consistent, fictional Art 18 statistics for a whole network over several years.

A seeded flow of requests between every pair of states is drawn first (who sent how many to
whom, how many urgent, answered, refused and on which ground, how many Art 5(2) cases); each
state's document is then derived from it, so every figure adds up, every state's requests
submitted equal what the others received from it, and tests can break one thing on purpose.
The figures are invented; they describe no real state.

Run as a script to write a folder for a demonstration:
``python tests/statistics_fixtures.py OUT_DIR [STATES] [YEARS]``.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from network_fixtures import ALL_STATES
from spocschema.codelists import WESTERN_BALKANS_PARTNERS as PARTNERS

GROUNDS = (
    "not_available",
    "request_not_compliant",
    "ongoing_investigation",
    "national_security",
    "personal_safety",
)

Edit = Callable[[dict[str, Any]], None]


def _flows(states: Sequence[str], year: int, seed: int) -> dict[tuple[str, str], dict[str, Any]]:
    rng = random.Random(f"{seed}-{year}")
    flows = {}
    for sender in states:
        for receiver in states:
            if sender == receiver or rng.random() < 0.35:
                continue
            sent = rng.randint(1, 60)
            urgent = rng.randint(0, sent // 3)
            refused = rng.randint(0, sent // 10)
            answered = rng.randint(0, sent - refused)
            urgent_answered = min(urgent, answered)
            grounds: dict[str, int] = {}
            for _ in range(refused):
                ground = rng.choice(GROUNDS)
                grounds[ground] = grounds.get(ground, 0) + 1
            flows[(sender, receiver)] = {
                "sent": sent,
                "urgent": urgent,
                "answered": answered,
                "urgent_answered": urgent_answered,
                "refused": refused,
                "grounds": grounds,
                "judicial": rng.randint(0, 2) if sent > 20 else 0,
            }
    return flows


def _document(
    state: str, year: int, flows: Mapping[tuple[str, str], dict[str, Any]]
) -> dict[str, Any]:
    # Art 18(1) counts the exchange "mit anderen Mitgliedstaaten gemäß dieser Richtlinie": a
    # bound state's requests submitted leave out those to partners; a partner counts all.
    bound = state not in PARTNERS
    sent = sum(
        f["sent"] for (a, b), f in flows.items() if a == state and (not bound or b not in PARTNERS)
    )
    incoming = {a: f for (a, b), f in flows.items() if b == state}
    received = sum(f["sent"] for f in incoming.values())
    answered = sum(f["answered"] for f in incoming.values())
    urgent = sum(f["urgent"] for f in incoming.values())
    urgent_answered = sum(f["urgent_answered"] for f in incoming.values())
    grounds: dict[str, int] = {}
    for flow in incoming.values():
        for ground, count in flow["grounds"].items():
            grounds[ground] = grounds.get(ground, 0) + count
    designated = sent // 5
    return {
        "schema_version": "1.0",
        "reporting_state": state,
        "year": year,
        "due_on": f"{year + 1}-03-01",
        "submitted_on": f"{year + 1}-02-20",
        "time_zone": "UTC",
        "requests_sent": {
            "total": sent,
            "by_single_point_of_contact": sent - designated,
            "by_designated_authorities": designated,
        },
        "requests_received": {
            "received": received,
            "answered": answered,
            "urgent": {"received": urgent, "answered": urgent_answered},
            "non_urgent": {"received": received - urgent, "answered": answered - urgent_answered},
            "by_requesting_state": {
                a: {"received": f["sent"], "answered": f["answered"]}
                for a, f in sorted(incoming.items())
            },
        },
        "refusals": {
            "total": sum(f["refused"] for f in incoming.values()),
            "by_requesting_state": {
                a: f["refused"] for a, f in sorted(incoming.items()) if f["refused"]
            },
            "by_ground": dict(sorted(grounds.items())),
        },
        "judicial_deviations": {
            "total": sum(f["judicial"] for f in incoming.values()),
            "by_requesting_state": {
                a: f["judicial"] for a, f in sorted(incoming.items()) if f["judicial"]
            },
        },
    }


def network_statistics(
    states: Sequence[str] = ALL_STATES, years: Iterable[int] = (2024,), seed: int = 0
) -> dict[tuple[str, int], dict[str, Any]]:
    """One consistent statistics document per state and year, keyed by (state, year)."""
    documents = {}
    for year in years:
        flows = _flows(states, year, seed)
        for state in states:
            documents[(state, year)] = _document(state, year, flows)
    return documents


def write_statistics(
    folder: Path,
    states: Sequence[str] = ALL_STATES,
    years: Iterable[int] = (2024,),
    *,
    omit: Iterable[tuple[str, int]] = (),
    edits: Mapping[tuple[str, int], Edit] | None = None,
    seed: int = 0,
) -> list[Path]:
    """Write the documents as ``<year>/<state>.json``; ``omit`` leaves some out, ``edits``
    changes some (after generation, so the change is the only inconsistency)."""
    skipped = set(omit)
    written = []
    for key, document in network_statistics(states, years, seed).items():
        if key in skipped:
            continue
        if edits and key in edits:
            edits[key](document)
        state, year = key
        path = folder / str(year) / f"{state}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else len(ALL_STATES)
    span = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    write_statistics(target, ALL_STATES[:count], range(2026 - span, 2026))
    print(f"wrote statistics of {count} states for {span} years under {target}")
