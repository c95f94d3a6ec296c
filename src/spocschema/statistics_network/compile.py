"""Compile a folder of Art 18 statistics documents into the network statistics (Art 18(3)).

Each file is validated and checked exactly as ``stats check`` does. A file that is not a
statistics document, or a second document for a state and year already covered, is reported
and left out; the compilation never stops at a bad file, because one state's broken upload
must not hide the other thirty-six.

Duplicates: when two documents cover the same state and year, there is no telling which one
the state meant to send, so neither is used, unless they carry the same figures (a copy), in
which case the first by file name is kept and the copy is listed as left out.

A document whose own check fails (figures that do not add up, a late submission) is still
included, as reported, and marked ``passed: false``: the compilation shows what the states
sent; the per-document check says what is wrong with it.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from spocschema._version import __version__
from spocschema.enums import RefusalGround
from spocschema.errors import DocumentError
from spocschema.loading import (
    DEFAULT_LIMITS,
    DOCUMENT_SUFFIXES,
    Limits,
    load_document,
    read_bytes,
)
from spocschema.models.statistics import STATISTICS_SCHEMA_VERSION, AnnualStatistics
from spocschema.network.crosschecks import GROUP_STATES
from spocschema.network.models import (
    DocumentProblem,
    NetworkGroup,
    files_label,
    problems_of,
    shown,
    stated,
)
from spocschema.report import Severity
from spocschema.statistics_check import check_statistics
from spocschema.statistics_network.crosschecks import (
    BOUND_STATES,
    DEFAULT_TOLERANCE,
    sent_versus_received,
)
from spocschema.statistics_network.models import (
    ExchangeCell,
    IncludedDocument,
    LeftOutDocument,
    LeftOutReason,
    Measure,
    MissingStatistics,
    NetworkStatistics,
    NetworkStatisticsSummary,
    StateYearFigures,
    YearChange,
    YearTotals,
)
from spocschema.validation import load


class NoStatisticsError(ValueError):
    """The folder holds no file the compilation could even look at."""


@dataclass(frozen=True)
class Loaded:
    """A valid statistics document, the file it came from and its own check result."""

    file: str
    statistics: AnnualStatistics
    document: IncludedDocument


def _walk(directory: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """JSON and YAML files under ``directory`` and the folders that could not be listed.

    Hidden folders (``.git``) are skipped and links to folders are not followed, so a link
    loop cannot make the walk endless.
    """
    errors: list[OSError] = []
    found: list[Path] = []
    for root, folders, files in os.walk(directory, onerror=errors.append):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(
            Path(root) / name for name in files if Path(name).suffix.lower() in DOCUMENT_SUFFIXES
        )
    unlisted = [
        (str(error.filename or directory), f"cannot list the folder: {error.strerror}")
        for error in errors
    ]
    return sorted(found), unlisted


def statistics_files(directory: Path) -> list[Path]:
    """Every JSON or YAML file under ``directory`` (hidden folders skipped), in a stable order."""
    return _walk(directory)[0]


def _what_it_is(raw: bytes, label: str, limits: Limits) -> list[DocumentProblem]:
    """A first line saying what the file seems to be, when it is plainly not statistics.

    The schema's own messages (a missing ``due_on``) are exact but do not tell a secretariat
    that someone uploaded a SPOC profile or a document of another schema version.
    """
    try:
        data = load_document(raw, name=label, limits=limits).data
    except DocumentError:
        return []
    version = data.get("schema_version")
    if "spoc" in data and "state" in data:
        message = "this is a SPOC profile, not annual statistics"
    elif "reporting_state" not in data or "requests_received" not in data:
        message = "not an annual statistics document (no reporting_state or requests_received)"
    elif version != STATISTICS_SCHEMA_VERSION:
        message = (
            f"statistics of schema version {version!r}; this release reads version "
            f"{STATISTICS_SCHEMA_VERSION}"
        )
    else:
        return []
    return [DocumentProblem(kind="structure", message=message, pointer="")]


def _label(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return shown(path.relative_to(root).as_posix())
        except ValueError:
            pass
    return shown(str(path))


def _read(
    paths: Iterable[Path], root: Path | None, as_of: date, limits: Limits
) -> tuple[list[Loaded], list[LeftOutDocument]]:
    loaded: list[Loaded] = []
    left_out: list[LeftOutDocument] = []
    for path in paths:
        label = _label(path, root)
        try:
            raw, _, _ = read_bytes(path, name=label, limits=limits)
            stats = load(raw, AnnualStatistics, name=label, limits=limits)
        except DocumentError as error:
            problems = problems_of(error)
            structural = all(p.kind == "structure" for p in problems)
            reason = LeftOutReason.NOT_STATISTICS if structural else LeftOutReason.UNREADABLE
            if structural:
                problems = [*_what_it_is(raw, label, limits), *problems]
            left_out.append(
                LeftOutDocument(file=label, reason=reason, problems=problems, same_as=[])
            )
            continue
        report = check_statistics(stats, as_of=as_of, document=label)
        broken = [
            f.rule_id for f in report.findings if f.severity is Severity.ERROR and not f.waived
        ]
        loaded.append(
            Loaded(
                label,
                stats,
                IncludedDocument(
                    file=label,
                    state=stats.reporting_state,
                    year=stats.year,
                    passed=report.summary.passed,
                    errors=report.summary.errors,
                    warnings=report.summary.warnings,
                    rule_ids=list(dict.fromkeys(broken)),
                ),
            )
        )
    return loaded, left_out


def _figures_key(stats: AnnualStatistics) -> str:
    """The document's facts without when it was sent: two uploads of the same figures match."""
    return stats.model_copy(update={"submitted_on": None}).to_json(indent=None)


def _deduplicate(loaded: list[Loaded]) -> tuple[list[Loaded], list[LeftOutDocument]]:
    groups: dict[tuple[str, int], list[Loaded]] = defaultdict(list)
    for entry in loaded:
        groups[(entry.statistics.reporting_state, entry.statistics.year)].append(entry)
    kept: list[Loaded] = []
    left_out: list[LeftOutDocument] = []
    for (state, year), group in groups.items():
        group.sort(key=lambda e: e.file)
        if len(group) == 1:
            kept.append(group[0])
            continue
        files = [e.file for e in group]
        same = len({_figures_key(e.statistics) for e in group}) == 1
        if same:
            kept.append(group[0])
        for entry in group[1:] if same else group:
            others = [f for f in files if f != entry.file]
            left_out.append(
                LeftOutDocument(
                    file=entry.file,
                    reason=LeftOutReason.DUPLICATE_COPY if same else LeftOutReason.DUPLICATE,
                    problems=[],
                    state=state,
                    year=year,
                    same_as=others,
                )
            )
    return kept, left_out


def _figures(entry: Loaded) -> StateYearFigures:
    stats = entry.statistics
    sent, received = stats.requests_sent, stats.requests_received
    return StateYearFigures(
        state=stats.reporting_state,
        year=stats.year,
        file=entry.file,
        requests_sent=sent.total,
        sent_by_single_point_of_contact=sent.by_single_point_of_contact,
        requests_received=received.received,
        requests_answered=received.answered,
        urgent_received=received.urgent.received,
        urgent_answered=received.urgent.answered,
        non_urgent_received=received.non_urgent.received,
        non_urgent_answered=received.non_urgent.answered,
        refusals=stats.refusals.total,
        refusals_by_ground={
            ground: count
            for ground in RefusalGround
            if (count := stats.refusals.by_ground.get(ground, 0))
        },
        judicial_deviations=stats.judicial_deviations.total,
        **stated(sent_by_competent_authorities=sent.by_designated_authorities),
    )


#: The figures added up into the network totals and compared year on year.
SUMMED = tuple(m for m in Measure if m not in (Measure.SENT_BY_SPOC, Measure.SENT_BY_COMPETENT))


def value_of(figures: StateYearFigures | YearTotals, measure: Measure) -> int | None:
    """The figure ``measure`` of a state-year or of a year's totals (None: not stated)."""
    value = getattr(figures, measure.value, None)
    return value if isinstance(value, int) else None


def _totals(year: int, rows: Sequence[StateYearFigures]) -> YearTotals:
    grounds: dict[RefusalGround, int] = {}
    for ground in RefusalGround:
        count = sum(row.refusals_by_ground.get(ground, 0) for row in rows)
        if count:
            grounds[ground] = count
    sums = {m.value: sum(value_of(row, m) or 0 for row in rows) for m in SUMMED}
    return YearTotals(year=year, states=len(rows), refusals_by_ground=grounds, **sums)


@cache
def _validator(kind: Any) -> TypeAdapter[Any]:
    """One validator for a whole list: thousands of cells validated in one call, about half
    the cost of building them one model at a time."""
    return TypeAdapter(kind)


def _matrix(entries: Sequence[Loaded]) -> list[ExchangeCell]:
    cells: list[dict[str, Any]] = []
    for entry in entries:
        stats = entry.statistics
        received = stats.requests_received.by_requesting_state
        refused = stats.refusals.by_requesting_state
        judicial = stats.judicial_deviations.by_requesting_state
        for requesting in sorted(set(received) | set(refused) | set(judicial)):
            pair = received.get(requesting)
            cells.append(
                {
                    "year": stats.year,
                    "requesting_state": requesting,
                    "requested_state": stats.reporting_state,
                    "received": 0 if pair is None else pair.received,
                    "answered": 0 if pair is None else pair.answered,
                    "refused": refused.get(requesting, 0),
                    "judicial_deviations": judicial.get(requesting, 0),
                }
            )
    return _validator(list[ExchangeCell]).validate_python(cells)  # type: ignore[no-any-return]


def _change(
    state: str | None, measure: Measure, year: int, before: int, now: int
) -> dict[str, Any]:
    return {
        "measure": measure,
        "year": year,
        "previous": before,
        "current": now,
        "change": now - before,
        **stated(state=state, relative_change=(now - before) / before if before else None),
    }


def _changes(figures: Sequence[StateYearFigures], totals: Sequence[YearTotals]) -> list[YearChange]:
    by_key = {(row.state, row.year): row for row in figures}
    result: list[dict[str, Any]] = []
    for row in figures:
        before = by_key.get((row.state, row.year - 1))
        if before is None:
            continue
        for measure in SUMMED:
            old, new = value_of(before, measure), value_of(row, measure)
            if old is not None and new is not None:
                result.append(_change(row.state, measure, row.year, old, new))
    by_year = {total.year: total for total in totals}
    for total in totals:
        previous = by_year.get(total.year - 1)
        if previous is None:
            continue
        for measure in SUMMED:
            result.append(
                _change(
                    None,
                    measure,
                    total.year,
                    value_of(previous, measure) or 0,
                    value_of(total, measure) or 0,
                )
            )
    return _validator(list[YearChange]).validate_python(result)  # type: ignore[no-any-return]


def expected_states(groups: Sequence[NetworkGroup]) -> dict[str, NetworkGroup]:
    """Every state of the expected groups, with the group it belongs to."""
    return {state: group for group in groups for state in sorted(GROUP_STATES[group])}


def _missing(
    years: Sequence[int], present: set[tuple[str, int]], groups: Sequence[NetworkGroup]
) -> list[MissingStatistics]:
    expected = expected_states(groups)
    return [
        MissingStatistics(
            state=state,
            year=year,
            group=group,
            bound=state in BOUND_STATES,
        )
        for year in years
        for state, group in sorted(expected.items())
        if (state, year) not in present
    ]


def compile_statistics(
    source: Path | Sequence[Path],
    *,
    as_of: date | None = None,
    expected: Sequence[NetworkGroup] = tuple(NetworkGroup),
    tolerance: float = DEFAULT_TOLERANCE,
    limits: Limits = DEFAULT_LIMITS,
) -> NetworkStatistics:
    """Compile the statistics documents of a folder (or a list of files) into one document.

    ``as_of`` is the evaluation date of each document's own check (default: today);
    ``expected`` the groups of states expected to send statistics (as ``network --expect``);
    ``tolerance`` the relative difference under which the sent-versus-received comparison
    raises no question. Raises ``NoStatisticsError`` if there is no file to look at; every
    other problem is reported in the result.
    """
    day = as_of or date.today()
    if isinstance(source, Path):
        if not source.is_dir():
            raise NoStatisticsError(f"{source}: not a folder")
        root: Path | None = source
        paths, unlisted = _walk(source)
        label = shown(str(source))
    else:
        root = None
        paths, unlisted = list(source), []
        label = files_label(paths)
    if not paths and not unlisted:
        raise NoStatisticsError(f"{label or '(no files)'}: no JSON or YAML files found")
    loaded, unreadable = _read(paths, root, day, limits)
    unreadable += [
        LeftOutDocument(
            file=shown(_label(Path(folder), root)),
            reason=LeftOutReason.UNREADABLE,
            problems=[DocumentProblem(kind="read", message=message, pointer="")],
            same_as=[],
        )
        for folder, message in unlisted
    ]
    kept, duplicates = _deduplicate(loaded)
    kept.sort(key=lambda e: (e.statistics.year, e.statistics.reporting_state))
    left_out = sorted([*unreadable, *duplicates], key=lambda d: d.file)

    figures = [_figures(entry) for entry in kept]
    covered = sorted({row.year for row in figures})
    years = list(range(covered[0], covered[-1] + 1)) if covered else []
    by_year: dict[int, list[StateYearFigures]] = defaultdict(list)
    for row in figures:
        by_year[row.year].append(row)
    totals = [_totals(year, by_year[year]) for year in years if by_year[year]]
    present = {(row.state, row.year) for row in figures}
    missing = _missing(years, present, expected)
    findings = sent_versus_received(
        [(e.file, e.statistics) for e in kept],
        expected=set(expected_states(expected)),
        tolerance=tolerance,
    )
    documents = [entry.document for entry in kept]
    return NetworkStatistics(
        schema_version="1.1",
        tool_version=__version__,
        source=label,
        as_of=day,
        expected_groups=list(expected),
        tolerance=tolerance,
        years=years,
        documents=documents,
        left_out=left_out,
        figures=figures,
        totals=totals,
        exchange_matrix=_matrix(kept),
        changes=_changes(figures, totals),
        missing=missing,
        cross_checks=findings,
        summary=NetworkStatisticsSummary(
            documents=len(documents),
            left_out=len(left_out),
            states=len({row.state for row in figures}),
            years=len(years),
            missing=len(missing),
            documents_failed=sum(not d.passed for d in documents),
            cross_check_findings=len(findings),
        ),
    )
