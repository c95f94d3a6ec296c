"""The chart pages (network statistics, profile history) in a real headless Chromium.

Each chart must render, log no console error, and show the document's numbers: every mark of
an SVG chart carries its number (``data-value``), which is read back in the browser and
compared with the JSON document, as is the table beside it; mark sizes are checked to be
proportional to their numbers. The pages hold no script at all.

``SPOCSCHEMA_UPDATE_SCREENSHOTS=1`` also writes the screenshots used by the guides to
``docs/_static/`` (the same pages, so the docs show what the tests saw).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from network_fixtures import ALL_STATES
from spocschema.charts import render_history, render_network_statistics
from spocschema.history import ProfileHistory, history_of
from spocschema.statistics_network import NetworkStatistics, compile_statistics
from statistics_fixtures import write_statistics
from test_history import repo  # noqa: F401 - the repository fixture, shared
from test_html_report import _console_errors, _open, browser  # noqa: F401 - shared browser

DOCS_STATIC = Path(__file__).resolve().parents[1] / "docs" / "_static"
HOSTILE_FILE = '<img src=x onerror="window.__pwned=1">.json'
YEAR = 2025


@pytest.fixture(scope="module")
def statistics(tmp_path_factory: pytest.TempPathFactory) -> NetworkStatistics:
    folder = tmp_path_factory.mktemp("network-statistics")

    def undercounted(document: dict[str, Any]) -> None:
        document["requests_sent"] = {"total": 40, "by_single_point_of_contact": 40}

    write_statistics(
        folder,
        ALL_STATES,
        range(2021, 2026),
        omit=[("LU", 2025), ("XK", 2025), ("ME", 2022)],
        edits={("PT", 2025): undercounted},
    )
    (folder / HOSTILE_FILE).write_text("{", encoding="utf-8")
    return compile_statistics(folder, as_of=date(2026, 6, 1))


@pytest.fixture(scope="module")
def statistics_page(
    statistics: NetworkStatistics, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("pages") / "statistics.html"
    shown = statistics.model_copy(update={"source": "statistics/"})  # no temporary path on show
    path.write_text(render_network_statistics(shown), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def history(repo: Path) -> ProfileHistory:  # noqa: F811 - the fixture imported above
    return history_of([repo / "profiles" / "pt.json"])


@pytest.fixture(scope="module")
def history_page(history: ProfileHistory, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "history.html"
    shown = history.model_copy(update={"source": "profiles/pt.json"})
    path.write_text(render_history(shown), encoding="utf-8")
    return path


def _marks(browser: Any, chart: str, *keys: str) -> list[dict[str, Any]]:  # noqa: F811
    found: list[dict[str, Any]] = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg#' + arguments[0] + ' rect.mark'))"
        ".map(function (r) { var b = r.getBBox(); return {"
        "value: Number(r.dataset.value), width: b.width, height: b.height,"
        "data: Object.assign({}, r.dataset)}; });",
        chart,
    )
    assert found, f"chart {chart} has no marks"
    for mark in found:
        assert all(key in mark["data"] for key in keys)
    return found


def _cells(browser: Any, table: str) -> list[dict[str, str]]:  # noqa: F811
    cells: list[dict[str, str]] = browser.execute_script(
        "return Array.from(document.querySelectorAll("
        "'table[data-chart=\"' + arguments[0] + '\"] td[data-value]'))"
        ".map(function (td) { var row = td.closest('tr');"
        "return Object.assign({text: td.textContent.trim(), label: row.dataset.label || '',"
        "x: row.dataset.x || ''}, td.dataset); });",
        table,
    )
    return cells


def _screenshot(browser: Any, name: str, tmp_path: Path, height: int) -> None:  # noqa: F811
    browser.set_window_size(1400, height)
    try:
        target = tmp_path / name
        assert browser.save_screenshot(str(target))
        assert target.stat().st_size > 20_000  # a blank page compresses to a few kilobytes
        if os.environ.get("SPOCSCHEMA_UPDATE_SCREENSHOTS") == "1":
            DOCS_STATIC.mkdir(parents=True, exist_ok=True)
            (DOCS_STATIC / name).write_bytes(target.read_bytes())
    finally:
        browser.set_window_size(1400, 1000)


# -- the pages as text ---------------------------------------------------------------------


def test_the_pages_hold_no_script_and_load_nothing(
    statistics_page: Path, history_page: Path
) -> None:
    for page in (statistics_page, history_page):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html
        assert re.search(r"<(link|img|iframe|object|embed)\b", html) is None
        assert "url(" not in html and "http://" not in html.replace(
            'xmlns="http://www.w3.org/2000/svg"', ""
        )
        policy = unescape(re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1))  # type: ignore[union-attr]
        assert "default-src 'none'" in policy and "script-src 'none'" in policy


# -- the pages in a real browser -----------------------------------------------------------


def test_the_statistics_page_renders_its_numbers(
    browser: Any,  # noqa: F811
    statistics_page: Path,
    statistics: NetworkStatistics,
    tmp_path: Path,
) -> None:
    _open(browser, statistics_page)
    assert _console_errors(browser) == []
    assert browser.title == "SPOC network statistics (Art 18)"
    assert browser.execute_script(
        "return window.__pwned === undefined && document.scripts.length === 0;"
    )
    assert HOSTILE_FILE in browser.execute_script("return document.body.textContent;")
    _screenshot(browser, "network-statistics.png", tmp_path, 2000)

    expected = {
        (c.requesting_state, c.requested_state): c.received
        for c in statistics.exchange_matrix
        if c.year == YEAR and c.received
    }
    marks = _marks(browser, "chart-matrix", "row", "column")
    assert {(m["data"]["row"], m["data"]["column"]): m["value"] for m in marks} == expected
    cells = _cells(browser, "chart-matrix")
    assert {(c["row"], c["column"]): int(c["text"]) for c in cells} == expected
    assert "LU" not in {m["data"]["column"] for m in marks}  # LU sent nothing for 2025

    rows = {f.state: f for f in statistics.figures if f.year == YEAR}
    urgent = _marks(browser, "chart-urgent", "label")
    assert {m["data"]["label"] for m in urgent} == set(rows)
    for mark in urgent:
        row = rows[mark["data"]["label"]]
        assert mark["value"] == pytest.approx(row.urgent_received / row.requests_received)
    per_unit = {round(m["width"] / m["value"], 3) for m in urgent if m["value"]}
    assert max(per_unit) / min(per_unit) < 1.002  # bar length proportional to the share

    refusals = _marks(browser, "chart-refusals", "label", "category")
    assert {(m["data"]["label"], m["data"]["category"]): m["value"] for m in refusals} == {
        (state, ground.value): n
        for state, row in rows.items()
        for ground, n in row.refusals_by_ground.items()
    }
    table = _cells(browser, "chart-refusals")
    assert {(c["label"], c["category"]): int(c["text"]) for c in table if c["text"] != "0"} == {
        (state, ground.value): n
        for state, row in rows.items()
        for ground, n in row.refusals_by_ground.items()
    }
    judicial = _marks(browser, "chart-judicial", "label")
    assert {m["data"]["label"]: m["value"] for m in judicial} == {
        s: r.judicial_deviations for s, r in rows.items()
    }

    totals = {str(t.year): t for t in statistics.totals}
    for measure in ("requests_sent", "requests_received", "refusals", "judicial_deviations"):
        marks = _marks(browser, f"chart-trend-{measure}", "x")
        assert {m["data"]["x"]: m["value"] for m in marks} == {
            year: getattr(total, measure) for year, total in totals.items()
        }
        table = [c for c in _cells(browser, "trends") if c["series"] == measure]
        assert {c["x"]: int(c["value"]) for c in table} == {
            year: getattr(total, measure) for year, total in totals.items()
        }
    changes = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.state-changes td[data-value]'))"
        ".map(function (td) { return [td.closest('tr').dataset.label, td.dataset.series,"
        " Number(td.dataset.value)]; });"
    )
    shown = ("requests_sent", "requests_received", "refusals", "judicial_deviations")
    assert {(a, b): c for a, b, c in changes} == {
        (c.state, c.measure.value): c.change
        for c in statistics.changes
        if c.state and c.year == YEAR and c.measure.value in shown
    }
    assert changes  # states that reported 2024 and 2025
    questions = browser.execute_script("return document.querySelectorAll('tr.question').length;")
    assert questions == len(statistics.cross_checks) == 1
    assert _console_errors(browser) == []


def test_the_history_page_renders_its_timeline(
    browser: Any,  # noqa: F811
    history_page: Path,
    history: ProfileHistory,
    tmp_path: Path,
) -> None:
    _open(browser, history_page)
    assert _console_errors(browser) == []
    assert browser.title == "SPOC profile history"
    _screenshot(browser, "profile-history.png", tmp_path, 1300)
    marks = _marks(browser, "chart-timeline", "x", "category")
    expected = {
        (str(r.index), status.value): n
        for r in history.revisions
        for status, n in r.provisions_by_status.items()
    }
    drawn = {(m["data"]["x"], m["data"]["category"]): m["value"] for m in marks}
    assert drawn.pop(("1", "unloadable")) == 0  # the broken revision keeps its place
    assert drawn == expected
    per_unit = {round(m["height"] / m["value"], 3) for m in marks if m["value"]}
    assert max(per_unit) / min(per_unit) < 1.002  # column height proportional to the count
    cells = _cells(browser, "chart-timeline")
    assert {(c["x"], c["category"]): int(c["text"]) for c in cells if c["text"] != "0"} == {
        (r.label, status.value): n
        for r in history.revisions
        for status, n in r.provisions_by_status.items()
    }
    rows = browser.execute_script(
        "return document.querySelectorAll('table.provision-timeline tbody tr').length;"
    )
    assert rows == len(history.provisions)
    text = browser.execute_script("return document.querySelector('table.changes').textContent;")
    assert "Art 11(1): not met → met" in text and "did not load" in text
    assert _console_errors(browser) == []


def test_json_of_the_statistics_page_document_round_trips(statistics: NetworkStatistics) -> None:
    assert NetworkStatistics.model_validate(json.loads(statistics.to_json())) == statistics
