"""Fictional exchange records for the tests: a reproducible year of a SPOC's traffic."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from typing import Any

from spocschema.enums import RefusalGround

COUNTERPARTS = ("FR", "DE", "ES", "IT", "NL", "BE", "EL", "NO", "XK")
ZONES = (timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-3)))


def record(rng: random.Random, index: int, year: int) -> dict[str, Any]:
    """One plausible record; some fall just outside ``year`` to exercise the boundary."""
    start = datetime(year, 1, 1, tzinfo=timezone.utc) - timedelta(days=2)
    instant = start + timedelta(seconds=rng.randrange(369 * 86_400))
    instant = instant.astimezone(rng.choice(ZONES))
    incoming = rng.random() < 0.75
    data: dict[str, Any] = {
        "exchange_id": f"cms-{year}-{index:06d}",
        "direction": "incoming" if incoming else "outgoing",
        "counterpart_state": rng.choice(COUNTERPARTS),
        "urgent": rng.random() < 0.25,
    }
    if rng.random() < 0.7:
        data["information_access"] = rng.choice(("direct", "indirect"))
    if incoming:
        data["received_at"] = instant.isoformat()
    else:
        data["sent_at"] = instant.isoformat()
        data["sender"] = rng.choice(("single_point_of_contact", "designated_authority"))
    outcome = rng.choice(("answered", "answered", "answered", "refused", "pending"))
    data["outcome"] = outcome
    if outcome != "pending":
        data["replied_at"] = (instant + timedelta(hours=rng.randrange(1, 200))).isoformat()
    if outcome == "refused":
        data["refusal_ground"] = rng.choice(list(RefusalGround)).value
    if rng.random() < 0.05:
        data["judicial_deviation"] = True
    if rng.random() < 0.02:
        data["x-cms-queue"] = "night-desk"
    return data


def year_of_records(year: int, count: int, seed: int = 2024) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [record(rng, index, year) for index in range(count)]


def jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)
