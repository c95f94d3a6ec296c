"""``diff`` on real edits of the bundled examples names the notifications they call for."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spocschema import load_profile, schemas
from spocschema.cli import main
from spocschema.diff import NotificationKind, ProfileDiff, diff_profiles, format_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
COMPLIANT = EXAMPLES / "compliant-profile.json"


def _example(name: str = "compliant-profile.json") -> dict[str, Any]:
    document: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return document


def _diff(old: dict[str, Any], new: dict[str, Any]) -> ProfileDiff:
    return diff_profiles(load_profile(old), load_profile(new))


def _kinds(diff: ProfileDiff) -> dict[NotificationKind, bool]:
    return {n.notification: n.recorded for n in diff.notifications}


def test_an_identical_revision_has_no_changes() -> None:
    diff = _diff(_example(), _example())
    assert diff.changes == []
    assert diff.notifications == []


def test_the_no_english_example_calls_for_a_new_language_list() -> None:
    old = load_profile(COMPLIANT)
    new = load_profile(EXAMPLES / "noncompliant-no-english.json")
    diff = diff_profiles(old, new)
    assert _kinds(diff) == {NotificationKind.WORKING_LANGUAGES: False}
    language_changes = [c for c in diff.changes if c.pointer.startswith("/languages/")]
    assert {(c.op, c.old, c.new) for c in language_changes} == {
        ("remove", "en", None),
        ("add", None, "es"),
    }
    notification = diff.notifications[0]
    assert [ref.citation for ref in notification.legal_basis] == ["Art 11(2)"]
    assert notification.recorded_by == "/languages/notified_on"


def test_examples_that_change_no_notified_fact_call_for_nothing() -> None:
    for name in ("noncompliant-twelve-hour-limit.json", "noncompliant-no-sirene.json"):
        diff = diff_profiles(load_profile(COMPLIANT), load_profile(EXAMPLES / name))
        assert diff.changes, name
        assert diff.notifications == [], name


def test_renaming_the_spoc_calls_for_an_article_14_4_update() -> None:
    new = _example()
    new["spoc"]["name"] = "Renamed Example SPOC (fictional)"
    new["spoc"]["identifier"] = "spoc-example-pt-2"
    diff = _diff(_example(), new)
    assert _kinds(diff) == {NotificationKind.SPOC_IDENTITY: False}
    assert diff.notifications[0].triggered_by == ["/spoc/identifier", "/spoc/name"]
    assert [ref.citation for ref in diff.notifications[0].legal_basis] == ["Art 14(4)"]


def test_a_notification_counts_as_recorded_when_its_date_moves_on() -> None:
    new = _example()
    new["spoc"]["parent_authority"] = "Example Ministry of the Interior (fictional)"
    new["commission_notification"]["last_update_notified_on"] = "2026-11-20"
    assert _kinds(_diff(_example(), new)) == {NotificationKind.SPOC_IDENTITY: True}
    new["commission_notification"]["last_update_notified_on"] = "2025-01-01"
    assert _kinds(_diff(_example(), new)) == {NotificationKind.SPOC_IDENTITY: False}


def test_adding_a_designated_authority_calls_for_an_article_4_1_list() -> None:
    new = _example()
    new["designated_authorities"]["authorities"].insert(
        1, {"name": "Example Customs Investigation Service (fictional)", "identifier": "da-3"}
    )
    new["languages"]["working_languages"].append("fr")
    new["languages"]["notified_on"] = "2026-11-21"
    diff = _diff(_example(), new)
    assert _kinds(diff) == {
        NotificationKind.WORKING_LANGUAGES: True,
        NotificationKind.DESIGNATED_AUTHORITIES: False,
    }
    # An insertion is one change, not a shift of every later element.
    authority_changes = [c for c in diff.changes if c.pointer.startswith("/designated")]
    assert [(c.op, c.pointer) for c in authority_changes] == [
        ("add", "/designated_authorities/authorities/1")
    ]
    assert diff.summary.notifications_due == 1


def test_json_and_yaml_of_the_same_facts_do_not_differ(tmp_path: Path) -> None:
    import yaml

    document = _example()
    document["state"]["country"] = "EL"  # stored as GR either way
    path = tmp_path / "same.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    document["state"]["country"] = "GR"
    assert diff_profiles(load_profile(document), load_profile(path)).changes == []


def test_the_text_form_lists_changes_and_notifications() -> None:
    new = _example()
    new["languages"]["working_languages"] = ["en"]
    text = format_text(_diff(_example(), new))
    assert '  - /languages/working_languages/1: "pt"' in text
    assert "[DUE] Art 11(2)" in text


def test_control_characters_never_reach_the_terminal() -> None:
    new = _example()
    new["x-\x1b[31mred"] = "value"
    text = format_text(_diff(_example(), new))
    assert "\x1b" not in text
    assert "\\u001b" in text


def test_cli_exit_codes_follow_the_notifications_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(COMPLIANT), str(COMPLIANT)]) == 0
    assert "notifications: none" in capsys.readouterr().out
    no_english = EXAMPLES / "noncompliant-no-english.json"
    assert main(["diff", str(COMPLIANT), str(no_english)]) == 1
    assert "Art 11(2)" in capsys.readouterr().out
    assert main(["diff", str(COMPLIANT), str(tmp_path / "missing.json")]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["diff", str(broken), str(COMPLIANT)]) == 2
    assert "broken.json" in capsys.readouterr().err


def test_cli_json_validates_against_the_published_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    no_english = EXAMPLES / "noncompliant-no-english.json"
    assert main(["diff", str(COMPLIANT), str(no_english), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert list(schemas.validator_for("profile-diff").iter_errors(document)) == []
    assert [n["notification"] for n in document["notifications"]] == ["working_languages"]
    assert ProfileDiff.model_validate(document).summary.notifications_due == 1
