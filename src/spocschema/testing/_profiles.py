"""Strategies for SPOC profiles: well formed, fully compliant, or breaking one chosen rule.

Compliance is not re-derived here from the law; it comes from the two places that already
define it. The bundled compliant example (``examples/compliant-profile.json``) is the skeleton,
and the rule registry says which facts the rules read: every fact that any rule's passing or
failing example touches keeps the skeleton's value, every other fact is drawn at random from
its type, and optional facts no rule reads are added or left out at random. A profile breaking
one rule is a compliant one with that rule's own failing example applied over it.

Dates follow the evaluation date: the skeleton's dates move with ``as_of`` so that "within
twelve months", "within one month of" and the like keep holding. Facts counted in calendar
years (the Art 18 reporting year and the dates beside it) move by whole reporting years, since
their deadline (1 March) is fixed in the calendar.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from spocschema.models.profile import SpocProfile
from spocschema.testing._derive import (
    field_strategy,
    kind_of,
    model_documents,
)

__all__ = [
    "compliant_profile_documents",
    "compliant_profiles",
    "profile_documents",
    "profile_documents_breaking",
    "profiles",
    "profiles_breaking",
]

#: Where a wheel carries the compliant example, and where a source checkout has it.
_PACKAGED_EXAMPLE = ("_examples", "compliant-profile.json")
_SOURCE_EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "compliant-profile.json"

Path_ = tuple[str, ...]


def profile_documents() -> st.SearchStrategy[dict[str, Any]]:
    """Well-formed profile documents (JSON-compatible dicts) that the schema accepts.

    Every key may or may not be present, values range over their whole type, and national
    ``x-`` extensions appear now and then. Compliance is not considered: most generated
    profiles break several rules, as real drafts do.
    """
    return model_documents(SpocProfile)


def profiles() -> st.SearchStrategy[SpocProfile]:
    """Well-formed profiles, as validated ``SpocProfile`` models (see ``profile_documents``)."""
    return profile_documents().map(SpocProfile.model_validate)


# --------------------------------------------------------------------------------------------
# The skeleton and what the rules read


@cache
def compliant_skeleton() -> dict[str, Any]:
    """The bundled compliant example profile, as a document (a fresh copy is up to callers)."""
    packaged = resources.files("spocschema") / _PACKAGED_EXAMPLE[0] / _PACKAGED_EXAMPLE[1]
    if packaged.is_file():
        text = packaged.read_text(encoding="utf-8")
    else:
        text = _SOURCE_EXAMPLE.read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _leaf_paths(patch: Mapping[str, Any], prefix: Path_ = ()) -> Iterator[Path_]:
    for key, value in patch.items():
        if isinstance(value, Mapping) and value:
            yield from _leaf_paths(value, (*prefix, key))
        else:
            yield (*prefix, key)


def _document_paths(document: Mapping[str, Any], prefix: Path_ = ()) -> Iterator[Path_]:
    for key, value in document.items():
        yield (*prefix, key)
        if isinstance(value, Mapping):
            yield from _document_paths(value, (*prefix, key))


def _probes(document: Mapping[str, Any], path: Path_) -> Iterator[dict[str, Any]]:
    """The skeleton with one fact removed, and, for lists and booleans, emptied or negated."""
    value: Any = document
    for key in path:
        value = value[key]
    replacements: list[Any] = [None]
    if isinstance(value, list) and value:
        replacements.append([])
    if isinstance(value, bool):
        replacements.append(not value)
    for replacement in replacements:
        patch: Any = replacement
        for key in reversed(path):
            patch = {key: patch}
        probe: dict[str, Any] = merge_patch(document, patch)
        yield probe


@cache
def rule_read_paths() -> frozenset[Path_]:
    """Paths of the facts the rules read, which compliant profiles never vary.

    Two sources, both the rules' own: every fact a rule's passing or failing example sets, and
    every fact of the skeleton whose removal (or, for a list, emptying; for a flag, negation)
    changes the checker's verdict on it. Computed once, on first use (about a second).
    """
    from spocschema.checker import check
    from spocschema.errors import DocumentError
    from spocschema.rules import all_rules

    paths: set[Path_] = set()
    for rule in all_rules():
        for example in (rule.passing, rule.failing):
            paths.update(_leaf_paths(example.patch))
    skeleton = compliant_skeleton()
    as_of = _reference_date()
    for path in _document_paths(skeleton):
        if path in paths or path[-1].startswith("x-") or path[0] == "$schema":
            continue
        for probe in _probes(skeleton, path):
            try:
                report = check(probe, as_of=as_of, rule_packs=False)
            except DocumentError:  # a required fact, or one that cannot be empty: it stays
                paths.add(path)
                break
            if report.findings:
                paths.add(path)
                break
    return frozenset(paths)


def _reference_date() -> date:
    return date.fromisoformat(compliant_skeleton()["revision_date"])


# --------------------------------------------------------------------------------------------
# Moving dates with the evaluation date


def _reporting_year(as_of: date) -> int:
    from spocschema.rules.network import due_reporting_year

    return due_reporting_year(as_of)


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def shift_dates(
    document: Mapping[str, Any], model: type[BaseModel], days: int, years: int
) -> dict[str, Any]:
    """A copy of ``document`` (a whole or partial one) with its dates moved.

    Dates move by ``days``; in an object that also holds a calendar year, dates and years move
    by ``years`` instead (their deadlines are fixed in the calendar).
    """
    kinds = {
        info.alias or name: kind_of(info.annotation, list(info.metadata))
        for name, info in model.model_fields.items()
    }
    calendar = any(kind == "year" for kind, _ in kinds.values())
    result: dict[str, Any] = {}
    for key, value in document.items():
        kind, detail = kinds.get(key, ("other", None))
        result[key] = _shift_value(value, kind, detail, days, years, calendar)
    return result


def _shift_value(value: Any, kind: str, detail: Any, days: int, years: int, calendar: bool) -> Any:
    if value is None:
        return None
    if kind == "date" and isinstance(value, str):
        day = date.fromisoformat(value)
        moved = _shift_year(day, years) if calendar else day + timedelta(days=days)
        return moved.isoformat()
    if kind == "year" and isinstance(value, int):
        return value + years
    if kind == "model" and isinstance(value, Mapping):
        return shift_dates(value, detail, days, years)
    if kind == "list" and isinstance(value, list):
        item_kind, item_detail = kind_of(detail)
        return [_shift_value(v, item_kind, item_detail, days, years, calendar) for v in value]
    return value


def _moved_for(as_of: date) -> tuple[int, int]:
    reference = _reference_date()
    return (as_of - reference).days, _reporting_year(as_of) - _reporting_year(reference)


# --------------------------------------------------------------------------------------------
# Compliant and breaking profiles


def merge_patch(target: Any, patch: Any) -> Any:
    """Apply a JSON merge patch (RFC 7396): objects merge, ``null`` removes, the rest replaces."""
    if not isinstance(patch, Mapping):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@st.composite
def _varied(
    draw: st.DrawFn, document: Mapping[str, Any], model: type[BaseModel], prefix: Path_ = ()
) -> dict[str, Any]:
    """Keep every fact a rule reads; draw the others (and add optional ones) at random."""
    read = rule_read_paths()
    holding = _read_prefixes()
    result: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = (*prefix, key)
        present = key in document
        kind, detail = kind_of(info.annotation, list(info.metadata))
        holds_read_facts = path in holding
        if present and kind == "model" and holds_read_facts:
            result[key] = draw(_varied(document[key], detail, path))
            continue
        if path in read or holds_read_facts:
            if present:
                result[key] = document[key]
            continue
        if present and not draw(st.booleans()):
            result[key] = document[key]
        elif present or draw(st.booleans()):
            result[key] = draw(field_strategy(info))
    result.update({k: v for k, v in document.items() if k.startswith("x-")})
    return result


@cache
def _read_prefixes() -> frozenset[Path_]:
    """Every path that lies above a fact some rule reads (so the draw keeps what is below)."""
    return frozenset(path[:end] for path in rule_read_paths() for end in range(1, len(path)))


def compliant_profile_documents(*, as_of: date | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Profile documents the checker finds compliant on ``as_of`` (default: today, as ``check``).

    "Compliant" means no finding at error or warning level from the EU rules; upcoming
    obligations (Art 13 before 12 June 2027) are met as well.
    """
    # Which facts the rules read is found once, by probing the checker (a few hundred ms):
    # done here rather than inside the first draw, which Hypothesis times as input generation.
    _read_prefixes()
    return st.deferred(lambda: _compliant(as_of or date.today()))


def _compliant(as_of: date) -> st.SearchStrategy[dict[str, Any]]:
    days, years = _moved_for(as_of)
    skeleton = shift_dates(compliant_skeleton(), SpocProfile, days, years)
    skeleton["revision_date"] = min(
        date.fromisoformat(skeleton["revision_date"]), as_of
    ).isoformat()
    return _varied(skeleton, SpocProfile)


def compliant_profiles(*, as_of: date | None = None) -> st.SearchStrategy[SpocProfile]:
    """Profiles compliant on ``as_of``, as models (see ``compliant_profile_documents``)."""
    return compliant_profile_documents(as_of=as_of).map(SpocProfile.model_validate)


def breaking_patch(rule_id: str, *, as_of: date | None = None) -> dict[str, Any]:
    """The rule's own failing example, with its dates moved to ``as_of`` like the skeleton's."""
    from spocschema.rules import get_rule

    rule = get_rule(rule_id)
    days, years = _moved_for(as_of or date.today())
    # A merge patch may null a key; shift_dates leaves None values as they are.
    return shift_dates(rule.failing.patch, SpocProfile, days, years)


def profile_documents_breaking(
    rule_id: str, *, as_of: date | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Documents compliant on ``as_of`` except for the one rule ``rule_id``.

    The rule's own failing example is applied over a compliant profile, as a JSON merge patch
    (RFC 7396) exactly as the rule declares it. The rule then reports its provision not met, or
    not assessable where its failing example leaves the fact out. Any other finding at error or
    warning level lies inside the part of the profile the failing example rewrites: some facts
    cannot break one rule alone (one meeting a year breaks the yearly minimum and the
    twice-yearly recommendation; a patched list replaces the whole list). An obligation not yet
    in force on ``as_of`` (Art 13 before 12 June 2027) is broken all the same, but the checker
    reports it as upcoming, at info level. ``KeyError`` for an unknown rule ID.
    """
    from spocschema.rules import get_rule

    get_rule(rule_id)  # fail now, not at the first draw, for an unknown ID

    def build(as_of_day: date) -> st.SearchStrategy[dict[str, Any]]:
        patch = breaking_patch(rule_id, as_of=as_of_day)
        return _compliant(as_of_day).map(lambda doc: merge_patch(doc, patch))

    return st.deferred(lambda: build(as_of or date.today()))


def profiles_breaking(rule_id: str, *, as_of: date | None = None) -> st.SearchStrategy[SpocProfile]:
    """Profiles breaking exactly the rule ``rule_id``, as models (see
    ``profile_documents_breaking``)."""
    return profile_documents_breaking(rule_id, as_of=as_of).map(SpocProfile.model_validate)
