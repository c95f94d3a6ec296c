"""A SPOC's progress over its revisions: each one checked as of its own date, then compared.

What a partner state shows a Heads-of-SPOC meeting is not one check but a path: which
provisions were met when, what changed, and which notifications each change owed. Input is
either a profile inside a git repository, whose committed revisions are read with ``git``
itself (``git log --follow`` finds them across renames, ``git show REV:PATH`` reads each; the
``.git`` folder is never parsed here), or several revision files given in order.

For each revision the date is its ``revision_date``, else (a revision that does not load) its
commit date. The revision is checked as of that date, so an obligation that applied only
later shows as *upcoming*, not as a failure of the past. Consecutive loadable revisions are
compared with :func:`spocschema.diff.diff_profiles`, which names the notifications a change
calls for. A revision that does not load stays in the timeline with its problems.

The result is a published document (``profile-history.schema.json``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import StrictBool

from spocschema._version import __version__
from spocschema.diff import Notification, diff_profiles
from spocschema.errors import DocumentError, SpocSchemaError
from spocschema.loading import DEFAULT_LIMITS, Limits
from spocschema.models.base import SpocModel, fact
from spocschema.models.profile import SpocProfile
from spocschema.network.models import DocumentProblem, files_label, problems_of, shown, stated
from spocschema.report import ProvisionStatus, Severity
from spocschema.types import Count, CountryCode, IsoDate, Maybe, Text

PROFILE_HISTORY_SCHEMA_VERSION = "1.1"

#: Order of the statuses in charts and tables, best first.
STATUS_ORDER = (
    ProvisionStatus.MET,
    ProvisionStatus.NOT_MET,
    ProvisionStatus.NOT_APPLICABLE,
    ProvisionStatus.NOT_ASSESSABLE,
    ProvisionStatus.UPCOMING,
)

_COLOURS = {
    ProvisionStatus.MET: "#1a7f37",
    ProvisionStatus.NOT_MET: "#b42318",
    ProvisionStatus.NOT_APPLICABLE: "#8c959f",
    ProvisionStatus.NOT_ASSESSABLE: "#d4a72c",
    ProvisionStatus.UPCOMING: "#0969da",
}


def status_label(status: ProvisionStatus) -> str:
    """``not_met`` -> ``not met``: the status as people read it."""
    return str(status.value).replace("_", " ")


def status_colour(status: ProvisionStatus) -> str:
    return _COLOURS[status]


class HistoryError(SpocSchemaError):
    """The revisions cannot be read: no git, not a repository, a shallow clone, no such file."""


@dataclass(frozen=True)
class Revision:
    """One revision to check: its bytes (or why there are none) and where it came from."""

    label: str
    path: str
    content: bytes | None
    commit: str | None = None
    commit_date: date | None = None
    error: str | None = None


# -- reading revisions -------------------------------------------------------------------


def _git(arguments: Sequence[str], cwd: Path, git: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # a fixed program and arguments, no shell
            [git, "-c", "core.quotePath=false", *arguments],
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except FileNotFoundError:
        raise HistoryError(
            f"git is not installed or not on PATH ({git!r}); install git, or pass the "
            "revisions as files"
        ) from None
    except subprocess.TimeoutExpired:
        raise HistoryError(f"git {arguments[0]} took longer than 120 s") from None


def _stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's own reason: its ``fatal:`` line (hints follow it), else its last line."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    chosen = fatal[0] if fatal else (lines[-1] if lines else f"exit code {result.returncode}")
    return "".join(ch if ch.isprintable() else " " for ch in chosen)[:300]


def git_revisions(
    path: Path, *, git: str = "git", limits: Limits = DEFAULT_LIMITS
) -> list[Revision]:
    """Every committed revision of ``path``, oldest first, followed across renames."""
    folder = path.parent if path.parent != Path() else Path()
    if not folder.is_dir():
        raise HistoryError(f"{path}: no such folder {folder}")
    top = _git(["rev-parse", "--show-toplevel"], folder, git)
    if top.returncode != 0:
        raise HistoryError(
            f"{path}: not inside a git repository ({_stderr(top)}); pass the revisions as "
            "files instead"
        )
    root = Path(top.stdout.decode("utf-8", "replace").strip())
    shallow = _git(["rev-parse", "--is-shallow-repository"], root, git)
    if shallow.stdout.strip() == b"true":
        raise HistoryError(
            f"{root}: a shallow clone holds only part of the history, so the timeline would "
            "start at an arbitrary commit; run `git fetch --unshallow` first"
        )
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise HistoryError(f"{path}: outside the repository {root}") from None
    log = _git(
        ["log", "--follow", "--format=%x00%H%x1f%cI", "--name-only", "--", relative], root, git
    )
    if log.returncode != 0:
        raise HistoryError(f"{path}: git log failed: {_stderr(log)}")
    revisions = []
    name = relative  # newest first: a commit listing no file (a merge) keeps the newer name
    for chunk in log.stdout.decode("utf-8", "replace").split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        commit, _, stamp = lines[0].partition("\x1f")
        name = lines[-1] if len(lines) > 1 else name
        committed = datetime.fromisoformat(stamp.strip()).date()
        label = commit[:10]
        shown = _git(["show", f"{commit}:{name}"], root, git)
        if shown.returncode != 0:
            error = f"the file {name} does not exist in commit {label} (deleted or moved)"
            revisions.append(Revision(label, name, None, commit, committed, error))
        elif len(shown.stdout) > limits.max_bytes:
            error = f"the revision is larger than {limits.max_bytes:,} bytes"
            revisions.append(Revision(label, name, None, commit, committed, error))
        else:
            revisions.append(Revision(label, name, shown.stdout, commit, committed))
    if not revisions:
        raise HistoryError(f"{relative} has no committed revision in the repository {root}")
    revisions.reverse()
    return revisions


def file_revisions(paths: Sequence[Path], *, limits: Limits = DEFAULT_LIMITS) -> list[Revision]:
    """Revision files given explicitly, in the order given."""
    revisions = []
    for path in paths:
        label = shown(str(path))
        try:
            if path.stat().st_size > limits.max_bytes:
                error = f"the file is larger than {limits.max_bytes:,} bytes"
                revisions.append(Revision(label, label, None, error=error))
                continue
            revisions.append(Revision(label, label, path.read_bytes()))
        except OSError as error:
            revisions.append(Revision(label, label, None, error=f"cannot read: {error.strerror}"))
    return revisions


# -- the published document --------------------------------------------------------------


class StatusChange(SpocModel):
    """A provision whose status differs from the previous loadable revision's."""

    provision: Text = fact("The catalogue provision.", required=True)
    before: Maybe[ProvisionStatus] = fact("Its status before (absent: not assessed then).")
    after: Maybe[ProvisionStatus] = fact("Its status now (absent: no longer assessed).")


class HistoryRevision(SpocModel):
    """One revision: where it came from, whether it loaded, and its check as of its date."""

    index: Count = fact("Position in the timeline, from 0 (oldest).", required=True)
    label: Text = fact("Short name: the commit's abbreviated hash, or the file.", required=True)
    file: Text = fact("The file's path at this revision.", required=True)
    commit: Maybe[Text] = fact("The full commit hash, for revisions read from git.")
    commit_date: Maybe[IsoDate] = fact("The commit date, for revisions read from git.")
    revision_date: Maybe[IsoDate] = fact("The profile's revision_date, where it loaded.")
    date: Maybe[IsoDate] = fact(
        "The revision's date: revision_date, else the commit date (absent: neither known)."
    )
    date_source: Maybe[Literal["revision_date", "commit_date"]] = fact("Where date came from.")
    loaded: StrictBool = fact("True if the revision is a valid profile.", required=True)
    problems: list[DocumentProblem] = fact(
        "Why it does not load (empty when it loaded).", required=True
    )
    country: Maybe[CountryCode] = fact("The state the revision describes.")
    passed: Maybe[StrictBool] = fact("True if its check as of its date passed.")
    errors: Maybe[Count] = fact("Findings of severity error, not waived.")
    warnings: Maybe[Count] = fact("Findings of severity warning, not waived.")
    provisions_by_status: dict[ProvisionStatus, Count] = fact(
        "Number of provisions per status as of the revision's date (empty: did not load).",
        required=True,
    )
    statuses: dict[str, ProvisionStatus] = fact(
        "Each provision's status as of the revision's date (empty: did not load).",
        required=True,
    )
    compared_with: Maybe[Count] = fact(
        "Index of the previous loadable revision it is compared with (absent: none)."
    )
    changes: Maybe[Count] = fact("Values added, removed or replaced since that revision.")
    status_changes: list[StatusChange] = fact(
        "Provisions whose status changed since that revision.", required=True
    )
    notifications: list[Notification] = fact(
        "Notifications the changes call for (as `spocschema diff` names them).", required=True
    )


class TimelinePoint(SpocModel):
    revision: Count = fact("Index of the revision.", required=True)
    status: ProvisionStatus = fact("The provision's status in it.", required=True)


class ProvisionTimeline(SpocModel):
    """One provision's status through the loadable revisions."""

    provision: Text = fact("The catalogue provision.", required=True)
    title: Text = fact("What it requires, briefly.", required=True)
    points: list[TimelinePoint] = fact(
        "Its status in each loadable revision assessing it, oldest first.", required=True
    )
    changed_in: list[Count] = fact(
        "Indexes of the revisions in which its status changed.", required=True
    )


class HistorySummary(SpocModel):
    revisions: Count = fact("Revisions in the timeline.", required=True)
    loaded: Count = fact("Revisions that loaded.", required=True)
    unloadable: Count = fact("Revisions that did not load.", required=True)
    met_first: Maybe[Count] = fact("Provisions met in the first loadable revision.")
    met_last: Maybe[Count] = fact("Provisions met in the last loadable revision.")
    notifications_due: Count = fact(
        "Notifications owed by a change and not recorded in the revision making it.",
        required=True,
    )
    latest_loaded: StrictBool = fact("True if the latest revision loaded.", required=True)


class ProfileHistory(SpocModel):
    """A profile's revisions checked over time (spocschema profile history, 1.1)."""

    schema_version: Literal["1.1"] = fact("Version of the profile history schema.", required=True)
    tool_version: Text = fact("Version of spocschema that produced it.", required=True)
    source: Text = fact("The file (git) or the files given.", required=True)
    from_git: StrictBool = fact("True if the revisions were read from git.", required=True)
    revisions: list[HistoryRevision] = fact("The revisions, oldest first.", required=True)
    provisions: list[ProvisionTimeline] = fact(
        "Each provision's timeline, in catalogue order.", required=True
    )
    summary: HistorySummary = fact("Counts.", required=True)


# -- building it -------------------------------------------------------------------------


def profile_history(
    revisions: Sequence[Revision],
    *,
    source: str,
    from_git: bool,
    fail_on: Severity | str = "error",
    limits: Limits = DEFAULT_LIMITS,
) -> ProfileHistory:
    """Check each revision as of its date and compare it with the previous loadable one."""
    from spocschema.checker import check
    from spocschema.provisions import catalogue_order
    from spocschema.validation import load_profile

    entries: list[HistoryRevision] = []
    titles: dict[str, str] = {}
    previous: tuple[int, SpocProfile, dict[str, ProvisionStatus]] | None = None
    for index, revision in enumerate(revisions):
        base = {"index": index, "label": revision.label, "file": shown(revision.path)}
        where = stated(commit=revision.commit, commit_date=revision.commit_date)
        profile = None
        problems: list[DocumentProblem] = []
        if revision.content is None:
            problems = [DocumentProblem(kind="read", message=revision.error or "", pointer="")]
        else:
            try:
                profile = load_profile(revision.content, name=revision.label, limits=limits)
            except DocumentError as error:
                problems = problems_of(error)
        if profile is None:
            entries.append(
                HistoryRevision(
                    **base,
                    **where,
                    **stated(
                        date=revision.commit_date,
                        date_source="commit_date" if revision.commit_date else None,
                    ),
                    loaded=False,
                    problems=problems,
                    provisions_by_status={},
                    statuses={},
                    status_changes=[],
                    notifications=[],
                )
            )
            continue
        day = profile.revision_date
        report = check(profile, as_of=day, fail_on=fail_on, name=revision.label)
        statuses = {p.provision: p.status for p in report.provisions}
        titles.update({p.provision: p.title for p in report.provisions})
        counts = {s: sum(v is s for v in statuses.values()) for s in STATUS_ORDER}
        compared: dict[str, object] = {}
        changes: list[StatusChange] = []
        notifications: list[Notification] = []
        if previous is not None:
            before_index, before_profile, before = previous
            diff = diff_profiles(
                before_profile,
                profile,
                old_label=revisions[before_index].label,
                new_label=revision.label,
            )
            notifications = list(diff.notifications)
            compared = {"compared_with": before_index, "changes": diff.summary.changes}
            for provision in dict.fromkeys([*before, *statuses]):
                old, new = before.get(provision), statuses.get(provision)
                if old is not new:
                    changes.append(
                        StatusChange(provision=provision, **stated(before=old, after=new))
                    )
        entries.append(
            HistoryRevision(
                **base,
                **where,
                **compared,
                revision_date=day,
                date=day,
                date_source="revision_date",
                loaded=True,
                problems=[],
                country=profile.state.country,
                passed=report.summary.passed,
                errors=report.summary.errors,
                warnings=report.summary.warnings,
                provisions_by_status={s: n for s, n in counts.items() if n},
                statuses=statuses,
                status_changes=changes,
                notifications=notifications,
            )
        )
        previous = (index, profile, statuses)
    order = catalogue_order()
    timelines = []
    for provision in sorted(titles, key=lambda c: (order.get(c, len(order)), c)):
        points = [
            TimelinePoint(revision=e.index, status=e.statuses[provision])
            for e in entries
            if provision in e.statuses
        ]
        changed = [
            e.index for e in entries if any(c.provision == provision for c in e.status_changes)
        ]
        timelines.append(
            ProvisionTimeline(
                provision=provision, title=titles[provision], points=points, changed_in=changed
            )
        )
    loaded = [e for e in entries if e.loaded]
    met = [e.provisions_by_status.get(ProvisionStatus.MET, 0) for e in loaded]
    return ProfileHistory(
        schema_version="1.1",
        tool_version=__version__,
        source=source,
        from_git=from_git,
        revisions=entries,
        provisions=timelines,
        summary=HistorySummary(
            revisions=len(entries),
            loaded=len(loaded),
            unloadable=len(entries) - len(loaded),
            notifications_due=sum(not n.recorded for e in entries for n in e.notifications),
            latest_loaded=bool(entries) and entries[-1].loaded,
            **stated(met_first=met[0] if met else None, met_last=met[-1] if met else None),
        ),
    )


def history_of(
    paths: Sequence[Path],
    *,
    from_git: bool | None = None,
    git: str = "git",
    fail_on: Severity | str = "error",
) -> ProfileHistory:
    """The history of a profile: its committed revisions (git), or the files as revisions.

    ``from_git`` None (default) reads git for one path and takes several paths as revision
    files, in order. Raises ``HistoryError`` when the revisions cannot be read at all.
    """
    if not paths:
        raise HistoryError("no profile given")
    if from_git is None:
        from_git = len(paths) == 1
    if from_git:
        if len(paths) != 1:
            raise HistoryError("git history is read for one file at a time")
        return profile_history(
            git_revisions(paths[0], git=git),
            source=shown(str(paths[0])),
            from_git=True,
            fail_on=fail_on,
        )
    return profile_history(
        file_revisions(paths), source=files_label(paths), from_git=False, fail_on=fail_on
    )


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def format_text(history: ProfileHistory) -> str:
    """The timeline for a terminal: one line per revision, its changes beneath it."""
    lines = []
    for entry in history.revisions:
        when = (
            f"{entry.date} ({entry.date_source.replace('_', ' ')})"
            if entry.date_source
            else "date unknown"
        )
        head = f"{entry.index:>3}  {_printable(entry.label)}  {when}: "
        if not entry.loaded:
            problem = entry.problems[0] if entry.problems else None
            message = "did not load"
            if problem is not None:
                at = f" (at {problem.pointer})" if problem.pointer else ""
                line = f"line {problem.line}: " if problem.line else ""
                message = f"{line}{problem.message}{at}"
            lines.append(head + f"DID NOT LOAD: {message}")
            continue
        counts = ", ".join(f"{n} {status_label(s)}" for s, n in entry.provisions_by_status.items())
        verdict = "passed" if entry.passed else "FAILED"
        lines.append(head + f"{verdict} ({entry.errors} error(s)); {counts}")
        if entry.compared_with is not None:
            lines.append(
                f"       {entry.changes} value(s) changed since revision {entry.compared_with}"
            )
        for change in entry.status_changes:
            before = status_label(change.before) if change.before else "not assessed"
            after = status_label(change.after) if change.after else "not assessed"
            lines.append(f"       {change.provision}: {before} -> {after}")
        for notification in entry.notifications:
            state = "recorded" if notification.recorded else "DUE"
            lines.append(
                f"       [{state}] {notification.notification.legal_basis}: "
                f"{notification.notification.meaning}"
            )
    s = history.summary
    trend = f"; provisions met {s.met_first} -> {s.met_last}" if s.met_first is not None else ""
    lines.append(
        f"{_printable(history.source)}: {s.revisions} revision(s), {s.unloadable} did not load"
        f"{trend}; {s.notifications_due} notification(s) not recorded when due"
    )
    return "\n".join(lines)
