"""Self-contained HTML pages with charts: the network's statistics and a SPOC's history.

Each page is one file: its CSS inline and allowed by hash in a Content-Security-Policy that
forbids every script and every load, so it opens offline and nothing in it can reach the
network. Charts are inline SVG laid out by :mod:`spocschema.charts.svg` and drawn by Jinja2
templates (autoescape on: file names and profile text are untrusted); every chart has a table
of its numbers beside it, for screen readers, for print and for copying.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from functools import cache
from typing import TYPE_CHECKING, Any

from spocschema._version import __version__
from spocschema.charts import svg

if TYPE_CHECKING:
    from jinja2 import Environment

    from spocschema.history import ProfileHistory
    from spocschema.statistics_network.models import NetworkStatistics


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("spocschema.charts", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _css() -> str:
    from importlib import resources

    return (resources.files("spocschema.charts") / "templates" / "charts.css").read_text("utf-8")


def _render(template: str, title: str, **context: Any) -> str:
    css = _css()
    csp = (
        f"default-src 'none'; style-src {_hash(css)}; script-src 'none'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    page = _environment().get_template(template)
    return page.render(title=title, css=css, csp=csp, tool_version=__version__, **context)


#: Symbols in the provision timeline, so the status reads without colour.
STATUS_SYMBOLS = {
    "met": "\u2713",
    "not_met": "\u2717",
    "not_applicable": "\u2013",
    "not_assessable": "?",
    "upcoming": "\u25f7",
}


def share(part: int, whole: int) -> str:
    """A share as the page prints it: whole per cent, or a dash when there is no whole."""
    return f"{part / whole:.0%}" if whole else "\u2013"


def render_network_statistics(statistics: NetworkStatistics, *, year: int | None = None) -> str:
    """The network statistics page; charts of one year (default: the latest) and the trends.

    Raises ``ValueError`` if ``year`` has no statistics in the document.
    """
    from spocschema.enums import RefusalGround
    from spocschema.statistics_network.compile import SUMMED, value_of

    covered = sorted({row.year for row in statistics.figures})
    if year is None:
        year = covered[-1] if covered else (statistics.years[-1] if statistics.years else 0)
    elif year not in covered:
        shown = ", ".join(str(y) for y in covered) or "none"
        raise ValueError(f"no statistics for {year} in the compilation (years: {shown})")
    rows = [row for row in statistics.figures if row.year == year]
    cells = [cell for cell in statistics.exchange_matrix if cell.year == year]
    matrix = {(c.requesting_state, c.requested_state): c.received for c in cells if c.received}
    reporting = sorted({row.state for row in rows})
    requesting = sorted({c.requesting_state for c in cells} | set(reporting))
    grounds = [
        (g.value, g.meaning)
        for g in RefusalGround
        if any(row.refusals_by_ground.get(g, 0) for row in rows)
    ]
    changes = {(c.year, c.measure): c for c in statistics.changes if c.state is None}
    change_measures = [
        m
        for m in SUMMED
        if m.value in ("requests_sent", "requests_received", "refusals", "judicial_deviations")
    ]
    per_state: dict[str, dict[Any, Any]] = defaultdict(dict)
    for c in statistics.changes:
        if c.state is not None and c.year == year and c.measure in change_measures:
            per_state[c.state][c.measure] = c
    missing: dict[int, list[Any]] = defaultdict(list)
    for gap in statistics.missing:
        missing[gap.year].append(gap)
    years = [str(total.year) for total in statistics.totals]
    trends = [
        (
            measure,
            svg.line_chart(
                years, [(measure.meaning, [value_of(t, measure) or 0 for t in statistics.totals])]
            ),
        )
        for measure in SUMMED
        if measure.value in ("requests_sent", "requests_received", "requests_answered")
        or measure.value in ("urgent_received", "refusals", "judicial_deviations")
    ]
    return _render(
        "statistics.html.j2",
        "SPOC network statistics (Art 18)",
        stats=statistics,
        year=year,
        year_rows=rows,
        failed=[d for d in statistics.documents if not d.passed],
        heat=svg.heat_map(
            requesting,
            reporting,
            matrix,
            cell=20,
            describe="{row} asked {column}: {value} requests received",
        ),
        matrix=matrix,
        matrix_rows=requesting,
        matrix_columns=reporting,
        urgent=svg.bars(
            [
                (
                    row.state,
                    row.urgent_received / row.requests_received if row.requests_received else 0.0,
                )
                for row in rows
            ],
            maximum=1.0,
            text="{value:.0%}",
        ),
        refusals=svg.stacked_bars(
            [(row.state, {g.value: n for g, n in row.refusals_by_ground.items()}) for row in rows],
            grounds,
        ),
        judicial=svg.bars(
            [(row.state, row.judicial_deviations) for row in rows],
            colour=svg.CATEGORY_COLOURS[5],
        ),
        grounds=grounds,
        trends=trends,
        value_of=value_of,
        network_change=lambda y, m: changes.get((y, m)),
        share=share,
        missing=sorted(missing.items()),
        change_measures=change_measures,
        state_changes=sorted(per_state.items()),
    )


def render_history(history: ProfileHistory) -> str:
    """The history page: provisions met over time, what changed when, and each provision."""
    from spocschema.history import STATUS_ORDER, status_colour, status_label

    columns: list[tuple[str, dict[str, int] | None, str]] = []
    for revision in history.revisions:
        when = revision.date.isoformat() if revision.date is not None else "date unknown"
        described = f"revision {revision.index} ({revision.label}, {when})"
        if revision.loaded:
            parts = {s.value: n for s, n in revision.provisions_by_status.items()}
            columns.append((str(revision.index), parts, described))
        else:
            message = revision.problems[0].message if revision.problems else ""
            columns.append((str(revision.index), None, f"{described}: did not load: {message}"))
    categories = [(s.value, status_label(s), status_colour(s)) for s in STATUS_ORDER]
    return _render(
        "history.html.j2",
        "SPOC profile history",
        history=history,
        timeline=svg.stacked_columns(columns, categories),
        statuses=STATUS_ORDER,
        status_label=status_label,
        symbols=STATUS_SYMBOLS,
    )
