"""Properties of the cross-checks and the diff, on generated variations of fictional profiles."""

from __future__ import annotations

import json
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from network_fixtures import ALL_STATES, profile_for
from spocschema import load_profile
from spocschema.diff import NotificationKind, diff_profiles
from spocschema.models.profile import SpocProfile
from spocschema.network.crosschecks import Entry, english_link, language_links

LANGUAGES = ["en", "de", "fr", "hu", "pt"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "compliant-profile.json"


@cache
def _profile(country: str, languages: tuple[str, ...]) -> SpocProfile:
    document = profile_for(country)
    document["languages"]["working_languages"] = list(languages)
    return load_profile(document)


language_lists = st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True)
networks = st.dictionaries(
    st.sampled_from(ALL_STATES), language_lists.map(tuple), min_size=2, max_size=6
)


@settings(max_examples=40, deadline=None)
@given(networks)
def test_language_links_are_the_intersections_and_english_findings_the_gaps(
    lists: dict[str, tuple[str, ...]],
) -> None:
    entries = [Entry(f"{c}.json", _profile(c, lists[c])) for c in sorted(lists)]
    links = language_links(entries)
    assert [link.states for link in links] == [list(p) for p in combinations(sorted(lists), 2)]
    for link in links:
        first, second = link.states
        assert link.shared_languages == sorted(set(lists[first]) & set(lists[second]))
        assert link.english == ("en" in link.shared_languages)
    findings = english_link(entries, links)
    assert [f.states[0] for f in findings] == sorted(c for c in lists if "en" not in lists[c])
    for finding in findings:
        stranded = [c for c in lists if c != finding.states[0]]
        stranded = [c for c in stranded if not set(lists[c]) & set(lists[finding.states[0]])]
        assert finding.states[1:] == sorted(stranded)


def _resolve(document: Any, pointer: str) -> Any:
    node = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return document


authorities = st.lists(
    st.sampled_from(["da-1", "da-2", "da-3", "da-4"]), unique=True, max_size=4
).map(lambda ids: [{"name": f"Fictional authority {i}", "identifier": i} for i in ids])


@settings(max_examples=40, deadline=None)
@given(
    languages=language_lists,
    designated=authorities,
    name=st.sampled_from(["Example Single Point of Contact (fictional)", "Renamed (fictional)"]),
)
def test_every_change_points_at_its_value_and_notifications_follow_the_facts(
    languages: list[str], designated: list[dict[str, str]], name: str
) -> None:
    old_document = _example()
    new_document = _example()
    new_document["languages"]["working_languages"] = languages
    new_document["designated_authorities"]["authorities"] = designated
    new_document["spoc"]["name"] = name
    old, new = load_profile(old_document), load_profile(new_document)
    diff = diff_profiles(old, new)
    before, after = old.to_document(), new.to_document()
    for change in diff.changes:  # pointers name OLD's place, except for additions
        if change.op == "add":
            assert _resolve(after, change.pointer) == change.new
        else:
            assert _resolve(before, change.pointer) == change.old
    expected = set()
    if languages != old_document["languages"]["working_languages"]:
        expected.add(NotificationKind.WORKING_LANGUAGES)
    if designated != old_document["designated_authorities"]["authorities"]:
        expected.add(NotificationKind.DESIGNATED_AUTHORITIES)
    if name != old_document["spoc"]["name"]:
        expected.add(NotificationKind.SPOC_IDENTITY)
    assert {n.notification for n in diff.notifications} == expected
    assert all(not n.recorded for n in diff.notifications)
