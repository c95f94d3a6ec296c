"""``history``: a profile's committed revisions (read with git) or revision files, over time."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_support import COMPLIANT, run_cli
from spocschema import schemas
from spocschema.history import HistoryError, ProfileHistory, history_of
from spocschema.report import ProvisionStatus

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="needs git")
BASE: dict[str, Any] = json.loads(COMPLIANT.read_text(encoding="utf-8"))


def revision(edit: Callable[[dict[str, Any]], None] | None = None, **top: Any) -> str:
    document = copy.deepcopy(BASE)
    document.update(top)
    if edit is not None:
        edit(document)
    return json.dumps(document, indent=1)


def no_english(document: dict[str, Any]) -> None:
    document["languages"]["working_languages"] = ["pt"]


def add_spanish(document: dict[str, Any]) -> None:
    document["languages"]["working_languages"].append("es")


def git(repo: Path, *args: str, date: str = "2026-01-10T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env=env,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository where spoc.json was committed four times, once broken, then renamed."""
    if GIT is None:
        pytest.skip("needs git")
    root = tmp_path_factory.mktemp("repo")
    git(root, "init", "-q")
    (root / "profiles").mkdir()
    target = root / "profiles" / "spoc.json"
    steps = [
        (revision(no_english, revision_date="2026-04-01"), "2026-04-02T09:00:00+00:00"),
        ('{"schema_version": "1.0",', "2026-05-15T09:00:00+00:00"),
        (revision(revision_date="2026-06-01"), "2026-06-02T09:00:00+00:00"),
        (revision(add_spanish, revision_date="2026-11-01"), "2026-11-02T09:00:00+00:00"),
    ]
    for index, (text, when) in enumerate(steps):
        target.write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"revision {index}", date=when)
    git(root, "mv", "profiles/spoc.json", "profiles/pt.json")
    git(root, "commit", "-q", "-m", "rename", date="2026-11-20T09:00:00+00:00")
    return root


@pytest.fixture(scope="module")
def history(repo: Path) -> ProfileHistory:
    return history_of([repo / "profiles" / "pt.json"])


@needs_git
def test_every_committed_revision_is_in_the_timeline_across_the_rename(
    history: ProfileHistory,
) -> None:
    revisions = history.revisions
    assert history.from_git and len(revisions) == 5
    assert [r.file for r in revisions] == ["profiles/spoc.json"] * 4 + ["profiles/pt.json"]
    assert [r.loaded for r in revisions] == [True, False, True, True, True]
    assert [str(r.date) for r in revisions] == [
        "2026-04-01",
        "2026-05-15",  # did not load: its commit date
        "2026-06-01",
        "2026-11-01",
        "2026-11-01",
    ]
    assert [r.date_source for r in revisions] == [
        "revision_date",
        "commit_date",
        "revision_date",
        "revision_date",
        "revision_date",
    ]
    broken = revisions[1]
    assert broken.problems and broken.problems[0].kind == "syntax"
    assert broken.statuses == {} and broken.commit is not None and len(broken.commit) == 40


@needs_git
def test_each_revision_is_checked_as_of_its_date_and_compared(history: ProfileHistory) -> None:
    first, _, fixed, spanish, renamed = history.revisions
    assert first.statuses["Art 11(1)"] is ProvisionStatus.NOT_MET and not first.passed
    assert fixed.statuses["Art 11(1)"] is ProvisionStatus.MET and fixed.passed
    assert fixed.compared_with == 0  # skips the revision that did not load
    (change,) = [c for c in fixed.status_changes if c.provision == "Art 11(1)"]
    assert (change.before, change.after) == (ProvisionStatus.NOT_MET, ProvisionStatus.MET)
    # the languages changed twice; the profile's notified_on never moved: both owe Art 11(2)
    assert [n.notification.value for n in fixed.notifications] == ["working_languages"]
    assert [n.recorded for n in spanish.notifications] == [False]
    assert renamed.changes == 0 and renamed.notifications == []
    assert history.summary.notifications_due == 2
    timeline = {t.provision: t for t in history.provisions}["Art 11(1)"]
    assert [(p.revision, p.status.value) for p in timeline.points] == [
        (0, "not_met"),
        (2, "met"),
        (3, "met"),
        (4, "met"),
    ]
    assert timeline.changed_in == [2]
    met = [r.provisions_by_status.get(ProvisionStatus.MET, 0) for r in history.revisions]
    assert met[0] + 1 == met[2]
    assert history.summary.met_first == met[0] and history.summary.met_last == met[-1]


@needs_git
def test_json_output_follows_its_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = run_cli(capsys, "history", str(repo / "profiles" / "pt.json"), "--format", "json")
    assert outcome.code == 1  # notifications not recorded
    document = json.loads(outcome.out)
    assert schemas.validator_for("profile-history").is_valid(document)
    assert ProfileHistory.model_validate(document).summary.revisions == 5
    text = run_cli(capsys, "history", str(repo / "profiles" / "pt.json")).out
    assert "DID NOT LOAD: line 1: invalid JSON" in text
    assert "Art 11(1): not met -> met" in text


def test_revision_files_given_explicitly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for name, text in [
        ("a.json", revision(no_english, revision_date="2026-04-01")),
        ("b.yaml", "spoc: [unclosed"),
        ("c.json", revision(revision_date="2026-06-01")),
    ]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(str(tmp_path / name))
    result = history_of([Path(f) for f in files])
    assert not result.from_git and [r.loaded for r in result.revisions] == [True, False, True]
    assert result.revisions[1].date is None and result.revisions[1].date_source is None
    assert result.revisions[2].compared_with == 0
    assert run_cli(capsys, "history", *files, str(tmp_path / "missing.json")).code == 2


@needs_git
def test_bad_git_situations_are_clear_errors(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    shutil.copy(COMPLIANT, outside / "spoc.json")
    cases = {
        "not inside a git repository": outside / "spoc.json",
        "has no committed revision": repo / "profiles" / "never-committed.json",
    }
    (repo / "profiles" / "never-committed.json").write_text("{}", encoding="utf-8")
    try:
        for message, path in cases.items():
            outcome = run_cli(capsys, "history", str(path))
            assert outcome.code == 2 and message in outcome.err, outcome.err
            assert "Traceback" not in outcome.err
    finally:
        (repo / "profiles" / "never-committed.json").unlink()

    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)],
        check=True,
        capture_output=True,
    )
    outcome = run_cli(capsys, "history", str(shallow / "profiles" / "pt.json"))
    assert outcome.code == 2 and "shallow clone" in outcome.err and "--unshallow" in outcome.err

    with pytest.raises(HistoryError, match="git is not installed"):
        history_of([repo / "profiles" / "pt.json"], git=str(tmp_path / "no-git-here"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    outcome = run_cli(capsys, "history", str(repo / "profiles" / "pt.json"))
    assert outcome.code == 2 and "git is not installed" in outcome.err
    assert run_cli(capsys, "history", str(tmp_path)).code == 2


VARIANTS = {
    "early": revision(no_english, revision_date="2026-04-01"),
    "fixed": revision(revision_date="2026-06-01"),
    "spanish": revision(add_spanish, revision_date="2026-11-01"),
    "broken": "{",
    "not-a-profile": '{"schema_version": "1.0"}',
}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(sorted(VARIANTS)), min_size=1, max_size=6))
def test_the_timeline_follows_the_revisions(
    tmp_path_factory: pytest.TempPathFactory, sequence: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("revisions")
    paths = []
    for index, name in enumerate(sequence):
        path = folder / f"{index}-{name}.json"
        path.write_text(VARIANTS[name], encoding="utf-8")
        paths.append(path)
    result = history_of(paths, from_git=False)
    loaded = [r for r in result.revisions if r.loaded]
    assert len(result.revisions) == len(sequence)
    assert result.summary.loaded + result.summary.unloadable == len(sequence)
    assert [r.loaded for r in result.revisions] == [
        name not in ("broken", "not-a-profile") for name in sequence
    ]
    for r in loaded:
        assert sum(r.provisions_by_status.values()) == len(r.statuses)
    previous: dict[str, ProvisionStatus] | None = None
    for r in loaded:
        if previous is not None:
            moved = {p for p in {*previous, *r.statuses} if previous.get(p) != r.statuses.get(p)}
            assert {c.provision for c in r.status_changes} == moved
        previous = r.statuses
    for timeline in result.provisions:
        assert [p.revision for p in timeline.points] == [
            r.index for r in loaded if timeline.provision in r.statuses
        ]
        assert set(timeline.changed_in) <= {r.index for r in loaded}


@needs_git
def test_merges_are_read_with_the_files_name_at_the_time(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    target = tmp_path / "spoc.json"
    target.write_text(revision(revision_date="2026-06-01"), encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first")
    git(tmp_path, "checkout", "-q", "-b", "languages")
    target.write_text(revision(add_spanish, revision_date="2026-11-01"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "spanish")
    git(tmp_path, "checkout", "-q", "main")
    (tmp_path / "other.txt").write_text("unrelated", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "other")
    git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge", "languages")
    git(tmp_path, "mv", "spoc.json", "pt.json")
    git(tmp_path, "commit", "-q", "-m", "rename")
    result = history_of([tmp_path / "pt.json"])
    assert all(r.loaded for r in result.revisions), [r.problems for r in result.revisions]
    assert result.revisions[0].revision_date is not None
    assert str(result.revisions[0].revision_date) == "2026-06-01"
    assert str(result.revisions[-1].revision_date) == "2026-11-01"


def test_the_page_and_the_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(revision(no_english, revision_date="2026-04-01"), encoding="utf-8")
    second.write_text(revision(revision_date="2026-06-01"), encoding="utf-8")
    page, out = tmp_path / "history.html", tmp_path / "history.json"
    outcome = run_cli(
        capsys,
        "history",
        str(first),
        str(second),
        "--html",
        str(page),
        "-o",
        str(out),
        "--format",
        "json",
    )
    assert outcome.code == 1 and outcome.out == ""  # the languages changed, not notified
    assert ProfileHistory.model_validate_json(out.read_text(encoding="utf-8")).summary.loaded == 2
    html = page.read_text(encoding="utf-8")
    assert "Art 11(1): not met → met" in html and "<script" not in html
    single = run_cli(capsys, "history", "--no-git", str(second))
    assert single.code == 0 and "1 revision(s), 0 did not load" in single.out
