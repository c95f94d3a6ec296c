"""Read a folder of profiles, check each, and check them against each other.

A bad file never stops the run: it is listed with its problems and left out of the checks, so
one broken profile cannot hide the state of the other thirty-six.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from spocschema import codelists
from spocschema._version import __version__
from spocschema.errors import DocumentError
from spocschema.loading import DEFAULT_LIMITS, DOCUMENT_SUFFIXES, Limits, load_document
from spocschema.models.profile import SpocProfile
from spocschema.network.models import (
    DocumentProblem,
    NetworkGroup,
    NetworkMember,
    NetworkReport,
    NetworkSummary,
    SienaReadiness,
    UnreadableDocument,
    stated,
)
from spocschema.report import Report, Severity
from spocschema.rules.network_crosschecks import Entry, run_all, siena_readiness
from spocschema.validation import validate_document


def profile_files(directory: Path) -> list[Path]:
    """Every JSON or YAML file under ``directory``, recursively, in a stable order."""
    return walk_profiles(directory)[0]


def walk_profiles(directory: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The profile files under ``directory`` and the folders that could not be listed.

    A folder the user may not enter is reported, never skipped in silence: its profiles would
    otherwise be missing from the network without a word. Symbolic links to folders are not
    followed (no cycles).
    """
    found: list[Path] = []
    blocked: list[tuple[Path, str]] = []

    def refused(error: OSError) -> None:
        reason = (error.strerror or str(error)).lower()
        blocked.append((Path(error.filename or directory), f"cannot list directory: {reason}"))

    for root, dirs, files in os.walk(directory, onerror=refused):
        dirs.sort()
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() in DOCUMENT_SUFFIXES and not _is_folder(path):
                found.append(path)
    return sorted(found), blocked


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _label(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def read_profiles(
    paths: Iterable[Path], *, root: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Entry], list[UnreadableDocument]]:
    """Load every file; the valid profiles, and the files that are not, with their problems."""
    entries: list[Entry] = []
    unreadable: list[UnreadableDocument] = []
    for path in paths:
        label = _label(path, root)
        try:
            document = load_document(path, name=label, limits=limits)
            profile = validate_document(document, SpocProfile)
        except DocumentError as error:
            unreadable.append(
                UnreadableDocument(
                    file=label,
                    problems=[
                        DocumentProblem(
                            kind=problem.kind,
                            message=problem.message or "invalid",
                            pointer=problem.pointer,
                            **stated(line=problem.line, column=problem.column),
                        )
                        for problem in error.problems
                    ]
                    or [DocumentProblem(kind="read", message="invalid document", pointer="")],
                )
            )
        else:
            entries.append(Entry(label, profile))
    return entries, unreadable


def _member(entry: Entry, report: Report) -> NetworkMember:
    profile = entry.profile
    return NetworkMember(
        file=entry.file,
        country=profile.state.country,
        country_name=codelists.country_name(profile.state.country),
        status=profile.state.status,
        spoc_name=profile.spoc.name,
        revision_date=profile.revision_date,
        working_languages=list(profile.languages.working_languages) if profile.languages else [],
        siena_readiness=siena_readiness(profile),
        contact_points=list(profile.contact_points or []),
        report=report,
        **stated(
            spoc_identifier=profile.spoc.identifier,
            acronym=profile.spoc.acronym,
            parent_authority=profile.spoc.parent_authority,
            around_the_clock=(
                profile.availability.around_the_clock if profile.availability is not None else None
            ),
        ),
    )


def check_network(
    source: Path | Sequence[Path],
    *,
    as_of: date | None = None,
    expected: Sequence[NetworkGroup] = tuple(NetworkGroup),
    fail_level: Severity = Severity.ERROR,
    limits: Limits = DEFAULT_LIMITS,
) -> NetworkReport:
    """Check every profile of a folder (or of a list of files) one by one and across the set.

    ``as_of`` is the evaluation date (default: today); ``expected`` the groups of states the set
    should cover (default: EU Member States, Schengen associated states and Western Balkans
    partners); ``fail_level`` the lowest severity that makes the network fail.
    """
    from spocschema.checker import check

    as_of = as_of or date.today()
    blocked: list[tuple[Path, str]] = []
    if isinstance(source, Path):
        folder = _is_folder(source)
        root: Path | None = source if folder else source.parent
        paths, blocked = walk_profiles(source) if folder else ([source], [])
        label = str(source)
    else:
        root = None
        paths = list(source)
        label = ", ".join(str(p) for p in paths) or "(no files)"
    entries, unreadable = read_profiles(paths, root=root, limits=limits)
    unreadable += [
        UnreadableDocument(
            file=_label(path, root) if path != root else str(path),
            problems=[DocumentProblem(kind="read", message=message, pointer="")],
        )
        for path, message in blocked
    ]
    entries.sort(key=lambda e: (e.country, e.file))
    members = [
        _member(entry, check(entry.profile, as_of=as_of, fail_on=fail_level, name=entry.file))
        for entry in entries
    ]
    cross_checks, links, coverage = run_all(entries, as_of=as_of, expected=expected)
    counts = dict.fromkeys(Severity, 0)
    for finding in cross_checks:
        counts[finding.severity] += 1
    profiles_passed = sum(member.report.summary.passed for member in members)
    failing = any(f.severity.rank >= fail_level.rank for f in cross_checks)
    return NetworkReport(
        schema_version="1.0",
        tool_version=__version__,
        source=label,
        as_of=as_of,
        fail_level=fail_level,
        expected_groups=list(expected),
        members=members,
        unreadable=unreadable,
        cross_checks=cross_checks,
        coverage=coverage,
        language_links=links,
        summary=NetworkSummary(
            profiles=len(members),
            unreadable=len(unreadable),
            states=len({m.country for m in members}),
            missing_states=sum(len(group.missing) for group in coverage),
            siena_ready=sum(m.siena_readiness is SienaReadiness.READY for m in members),
            cross_check_errors=counts[Severity.ERROR],
            cross_check_warnings=counts[Severity.WARNING],
            cross_check_infos=counts[Severity.INFO],
            profiles_passed=profiles_passed,
            passed=not unreadable and not failing and profiles_passed == len(members),
        ),
    )
