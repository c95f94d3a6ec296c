"""The HTML report: self-contained, escaped, and working in a real headless Chromium.

The browser tests drive Debian's chromium through its chromedriver with Selenium; nothing is
downloaded. Without chromium, chromedriver or selenium they are skipped with the reason (CI
installs them: ``apt-get install -y chromium chromium-driver`` and ``pip install selenium``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from network_fixtures import profile_for, write_network
from spocschema.checker import check
from spocschema.html import render_network, render_report
from spocschema.network import NetworkReport, check_network

AS_OF = date(2026, 11, 22)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
HOSTILE_FILE = '<img src=x onerror="window.__pwned=4">.json'


def _hostile(document: dict[str, Any]) -> None:
    document["spoc"]["name"] = HOSTILE
    document["spoc"]["acronym"] = '"><svg onload="window.__pwned=3">'
    document["languages"]["working_languages"] = ["hu"]


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> NetworkReport:
    folder = tmp_path_factory.mktemp("html-network")
    write_network(
        folder,
        omit=["LU", "XK", "HU"],
        edits={"RO": lambda d: d["channels"].update(siena={"connected": False})},
    )
    hostile = profile_for("HU", 3)
    _hostile(hostile)
    (folder / HOSTILE_FILE).write_text(json.dumps(hostile), encoding="utf-8")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    return check_network(folder, as_of=AS_OF)


@pytest.fixture(scope="module")
def network_page(network: NetworkReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "network.html"
    path.write_text(render_network(network), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def profile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = check(EXAMPLES / "noncompliant-cms-functions.json", as_of=AS_OF)
    path = tmp_path_factory.mktemp("pages") / "profile.html"
    path.write_text(render_report(report), encoding="utf-8")
    return path


# -- the page as text ----------------------------------------------------------------------


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_profile_text_is_escaped(network_page: Path) -> None:
    html = network_page.read_text(encoding="utf-8")
    assert HOSTILE not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<svg" not in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=4&#34;&gt;.json" in html


def test_the_page_loads_nothing_and_allows_only_its_own_style_and_script(
    network_page: Path,
) -> None:
    html = network_page.read_text(encoding="utf-8")
    assert re.search(r"<(link|img|iframe|object|embed)\b", html) is None
    assert re.search(r"<[a-z][^>]*\s(src|srcset|background)=", html) is None
    assert "@import" not in html and "url(" not in html
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert style is not None and script is not None
    assert html.count("<script>") == 1
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found is not None
    policy = unescape(found.group(1))
    assert "default-src 'none'" in policy
    assert f"style-src '{_sha256(style.group(1))}'" in policy
    assert f"script-src '{_sha256(script.group(1))}'" in policy


def test_legal_bases_link_to_the_article(profile_page: Path) -> None:
    html = profile_page.read_text(encoding="utf-8")
    # ELI subdivision of the article, built from the structured citation (EUR-Lex's form)
    assert html.count('href="http://data.europa.eu/eli/dir/2023/977/art_16/oj"') > 10
    assert re.search(
        r'href="http://data\.europa\.eu/eli/dir/2023/977/art_14/oj"[^>]*>Art 14\(2\)\(a\)</a>', html
    )
    assert 'href="http://data.europa.eu/eli/dir/2023/977/oj"' not in html  # every one deeper
    assert "Art 16(1)(f)" in html and "not met" in html


def test_eli_article_uri_is_built_from_the_citation() -> None:
    from spocschema.links import eli_article_uri

    act = "http://data.europa.eu/eli/dir/2023/977/oj"
    assert eli_article_uri(act, "14") == "http://data.europa.eu/eli/dir/2023/977/art_14/oj"
    assert eli_article_uri(act, None) == act  # a reference to the whole act
    assert eli_article_uri(None, "14") is None  # guidance has no ELI


def test_question_mark_means_not_assessable_on_every_page(
    network_page: Path, profile_page: Path
) -> None:
    for page in (network_page, profile_page):
        html = page.read_text(encoding="utf-8")
        # "?" appears only as the not-assessable symbol; unverified references use a dagger
        assert not re.search(r"<sup[^>]*>\?</sup>", html)
        assert '<sup class="unverified"' in html
        legend = html[html.index('id="legend"') :]
        assert "? not assessable" in re.sub(r"<[^>]+>", "", legend)
        assert "not yet verified against the Official Journal" in legend


def test_print_css_hides_the_filters_and_keeps_colours(network_page: Path) -> None:
    html = network_page.read_text(encoding="utf-8")
    print_css = html[html.index("@media print") :]
    assert ".filters" in print_css and "display: none" in print_css
    assert "print-color-adjust: exact" in print_css


# -- the page in a real browser ------------------------------------------------------------


def _tool(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium = _tool("chromium", "chromium-browser")
    driver_path = _tool("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip(
            "needs Debian's chromium and chromium-driver "
            "(apt-get install -y chromium chromium-driver)"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip)")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, page: Path) -> None:
    browser.get(page.as_uri())
    browser.get_log("browser")  # drop messages of earlier pages


def _console_errors(browser: Any) -> list[str]:
    return [str(e["message"]) for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def _visible(browser: Any, selector: str) -> int:
    count: int = browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".filter(function (e) { return e.getClientRects().length > 0; }).length;",
        selector,
    )
    return count


def _choose(browser: Any, select_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, select_id)).select_by_value(value)


def test_the_network_page_renders_without_console_errors(
    browser: Any, network_page: Path, tmp_path: Path
) -> None:
    _open(browser, network_page)
    screenshot = tmp_path / "network.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 20_000  # a blank page compresses to a few kilobytes
    assert _console_errors(browser) == []
    assert browser.title == "SPOC network report"
    assert _visible(browser, "table.provisions-matrix tbody tr") == 35
    assert _visible(browser, "table.language-matrix tbody tr") == 35
    shown = browser.find_element("id", "filter-shown").text
    assert re.fullmatch(r"(\d+) of \1 findings shown", shown), shown


def test_hostile_profile_text_stays_text_in_the_browser(browser: Any, network_page: Path) -> None:
    _open(browser, network_page)
    assert browser.execute_script("return window.__pwned === undefined;")
    assert browser.execute_script("return document.querySelectorAll('img, svg').length;") == 0
    assert HOSTILE in browser.execute_script("return document.body.textContent;")


def test_filters_change_the_visible_rows(browser: Any, network_page: Path) -> None:
    _open(browser, network_page)
    rows = "table.cross-checks tbody tr"
    everything = _visible(browser, rows)
    assert everything == 4  # HU English, RO SIENA, LU missing (error), XK missing (info)

    _choose(browser, "filter-severity", "error")
    errors = _visible(browser, rows)
    assert 0 < errors < everything
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".filter(function (e) { return e.getClientRects().length > 0; })"
        ".every(function (e) { return e.dataset.severity === 'error'; });",
        rows,
    )
    _choose(browser, "filter-severity", "")

    _choose(browser, "filter-state", "RO")
    assert _visible(browser, "table.provisions-matrix tbody tr") == 1
    assert _visible(browser, "details.state") == 1
    assert 0 < _visible(browser, rows) < everything
    _choose(browser, "filter-state", "")

    columns = _visible(browser, "table.provisions-matrix thead th.col")
    _choose(browser, "filter-article", "Art\u00a013")
    assert 0 < _visible(browser, "table.provisions-matrix thead th.col") < columns
    assert _visible(browser, rows) == 1  # the SIENA finding for RO

    browser.find_element("id", "filter-reset").click()
    assert _visible(browser, rows) == everything
    assert _visible(browser, "table.provisions-matrix thead th.col") == columns
    assert _console_errors(browser) == []


def test_the_profile_page_renders_and_filters(
    browser: Any, profile_page: Path, tmp_path: Path
) -> None:
    _open(browser, profile_page)
    assert browser.save_screenshot(str(tmp_path / "profile.png"))
    assert _console_errors(browser) == []
    provisions = _visible(browser, "table.provisions tbody tr")
    assert provisions > 40
    _choose(browser, "filter-severity", "error")
    assert _visible(browser, "table.provisions tbody tr") == 2  # Art 16(1)(f) and (h)
    _choose(browser, "filter-severity", "")
    _choose(browser, "filter-article", "Art\u00a016")
    assert 0 < _visible(browser, "table.provisions tbody tr") < provisions


def test_the_print_layout_hides_the_filters(
    browser: Any, network_page: Path, profile_page: Path
) -> None:
    _open(browser, network_page)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert _visible(browser, ".filters") == 0
        assert _visible(browser, "table.provisions-matrix tbody tr") == 35
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    _open(browser, profile_page)
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# -- what a reader sees first --------------------------------------------------------------


@pytest.fixture(scope="module")
def incomplete_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = check(EXAMPLES / "minimal-profile.json", as_of=AS_OF)
    path = tmp_path_factory.mktemp("pages") / "minimal.html"
    path.write_text(render_report(report), encoding="utf-8")
    return path


def _texts(browser: Any, selector: str) -> list[str]:
    texts: list[str] = browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".map(function (e) { return e.textContent.trim(); });",
        selector,
    )
    return texts


def _top(browser: Any, selector: str) -> float:
    top: float = browser.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY;",
        selector,
    )
    return top


def test_the_profile_page_header_names_the_spoc_and_its_revision(
    browser: Any, profile_page: Path
) -> None:
    _open(browser, profile_page)
    header = browser.find_element("css selector", "header").text
    assert "Example Single Point of Contact (fictional)" in header
    assert "profile revision of 2026-11-01" in header
    assert _texts(browser, "header .verdict") == ["Failed"]


def test_what_is_not_met_comes_first_with_its_fix_and_rule_page(
    browser: Any, profile_page: Path
) -> None:
    _open(browser, profile_page)
    # the "not met" section is the first thing under the header, above the tables
    assert _top(browser, "#not-met") < _top(browser, "table.provisions")
    assert _top(browser, "#not-met") < _top(browser, ".cards")
    fixes = browser.find_elements("css selector", "#not-met li.fix")
    assert len(fixes) == 2  # Art 16(1)(f) and (h)
    for fix in fixes:
        assert "How to fix:" in fix.text
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('#not-met a.rule'))"
        ".map(function (a) { return a.getAttribute('href'); });"
    )
    assert links == [
        "https://spocschema.readthedocs.io/rules/SPOC-A-0028.html",
        "https://spocschema.readthedocs.io/rules/SPOC-A-0030.html",
    ]
    statuses = _texts(browser, "table.provisions tbody tr td:nth-child(3)")
    assert statuses[:2] == ["✗ not met", "✗ not met"]  # the provisions table too
    assert "✗ not met" not in statuses[2:]


def test_the_legend_explains_every_symbol_on_the_page(
    browser: Any, profile_page: Path, network_page: Path
) -> None:
    for page in (profile_page, network_page):
        _open(browser, page)
        legend = browser.find_element("id", "legend").text
        shown = browser.execute_script(
            "return Array.from(document.querySelectorAll('.symbol, table.matrix td,"
            " sup.unverified')).map(function (e) { return e.textContent.trim(); });"
        )
        symbols = {s for s in shown if s and s in "✓✗\u2013?◷†∅"}
        assert symbols, page
        for symbol in symbols:
            assert symbol in legend, (page.name, symbol)


def test_an_incomplete_profile_is_not_shown_as_passed(browser: Any, incomplete_page: Path) -> None:
    _open(browser, incomplete_page)
    assert _texts(browser, "header .verdict") == ["Incomplete"]
    assert "Passed" not in browser.find_element("css selector", "header").text
    assert "too little to assess" in browser.find_element("id", "not-met").text


def test_the_network_page_opens_with_its_summary(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("few-states")
    write_network(folder, states=["PT", "ES", "FR", "AL"])  # 33 of the 37 states missing
    network = check_network(folder, as_of=AS_OF)
    page = folder / "network.html"
    page.write_text(render_network(network), encoding="utf-8")
    _open(browser, page)
    assert _console_errors(browser) == []
    assert _top(browser, "#summary") < _top(browser, "table.cross-checks")
    missing = browser.find_elements("css selector", "table.cross-checks tr.missing-states")
    states = " ".join(row.get_attribute("data-state") for row in missing).split()
    assert len(states) == 33
    assert len(missing) <= 3  # one row per severity (error, warning, info), never one per state
    assert "33" in browser.find_element("id", "summary").text  # the count, in the summary
