"""The network statistics for people reading a terminal: totals, states, gaps, questions."""

from __future__ import annotations

from collections import defaultdict

from spocschema.statistics_network.models import NetworkStatistics, StateYearFigures


def _printable(text: str) -> str:
    """File names are untrusted: control characters are shown as escapes, never sent."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def _state_line(row: StateYearFigures) -> str:
    return (
        f"  {row.state}  sent {row.requests_sent:>7,}  received {row.requests_received:>7,}  "
        f"urgent {_share(row.urgent_received, row.requests_received):>4}  "
        f"answered {row.requests_answered:>7,}  refused {row.refusals:>6,}  "
        f"Art 5(2) {row.judicial_deviations:>5,}"
    )


def format_text(statistics: NetworkStatistics, *, quiet: bool = False) -> str:
    """Left-out files and questions always; with ``quiet`` nothing else."""
    lines: list[str] = []
    for bad in statistics.left_out:
        if bad.problems:
            for problem in bad.problems[:5]:
                where = ":".join(
                    str(p) for p in (_printable(bad.file), problem.line, problem.column) if p
                )
                at = f" (at {problem.pointer})" if problem.pointer else ""
                lines.append(f"{where}: left out ({bad.reason.value}): {problem.message}{at}")
        else:
            others = ", ".join(_printable(f) for f in bad.same_as)
            lines.append(
                f"{_printable(bad.file)}: left out ({bad.reason.value}): {bad.state} {bad.year} "
                f"is also covered by {others}"
            )
    for document in statistics.documents:
        if not document.passed:
            lines.append(
                f"{_printable(document.file)}: included, but its own check did not pass "
                f"({document.errors} error(s): {', '.join(document.rule_ids) or '-'}); "
                "run `spocschema stats check` on it"
            )
    for finding in statistics.cross_checks:
        lines.append(
            f"question [{finding.check.value}] {finding.message} "
            f"({_printable(finding.document)} against {len(finding.compared_with)} document(s))"
        )
    if quiet:
        return "\n".join(lines)
    by_year: dict[int, list[StateYearFigures]] = defaultdict(list)
    for row in statistics.figures:
        by_year[row.year].append(row)
    missing: dict[int, list[str]] = defaultdict(list)
    for gap in statistics.missing:
        missing[gap.year].append(gap.state)
    for total in statistics.totals:
        lines.append(
            f"{total.year}: {total.states} state(s); sent {total.requests_sent:,}, received "
            f"{total.requests_received:,} ({_share(total.urgent_received, total.requests_received)}"
            f" urgent), answered {total.requests_answered:,}, refused {total.refusals:,}, "
            f"Art 5(2) cases {total.judicial_deviations:,}"
        )
        lines.extend(_state_line(row) for row in by_year[total.year])
    for year in statistics.years:
        if missing[year]:
            lines.append(f"{year}: no statistics from {', '.join(missing[year])}")
    s = statistics.summary
    lines.append(
        f"compiled {s.documents} document(s) from {s.states} state(s) over {s.years} year(s); "
        f"{s.left_out} left out, {s.documents_failed} failing their own check, "
        f"{s.missing} expected state-year(s) missing, {s.cross_check_findings} question(s)"
    )
    return "\n".join(lines)
