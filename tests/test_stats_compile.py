"""``stats compile``: many states' Art 18 statistics compiled, checked and compared."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_support import COMPLIANT, run_cli
from network_fixtures import ALL_STATES
from spocschema import schemas
from spocschema.statistics_network import (
    CSV_COLUMNS,
    LeftOutReason,
    Measure,
    NetworkStatistics,
    NoStatisticsError,
    compile_statistics,
    statistics_csv,
)
from statistics_fixtures import network_statistics, write_statistics

AS_OF = date(2026, 6, 1)
SMALL = ("AT", "BE", "DE", "FR", "PT")


def compiled(folder: Path, **kw: Any) -> NetworkStatistics:
    return compile_statistics(folder, as_of=AS_OF, **kw)


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> NetworkStatistics:
    folder = tmp_path_factory.mktemp("stats")
    write_statistics(folder, ALL_STATES, range(2023, 2026), omit=[("LU", 2024), ("XK", 2025)])
    return compiled(folder)


def test_a_consistent_network_compiles_without_questions(network: NetworkStatistics) -> None:
    s = network.summary
    assert (s.documents, s.states, s.years, s.left_out, s.documents_failed) == (109, 37, 3, 0, 0)
    assert network.years == [2023, 2024, 2025]
    assert network.cross_checks == []  # every state's sent equals what the others received
    assert [(m.state, m.year, m.bound) for m in network.missing] == [
        ("LU", 2024, True),
        ("XK", 2025, False),
    ]
    assert schemas.validator_for("network-statistics").is_valid(network.to_document())


def test_the_matrix_is_each_requested_states_breakdown(network: NetworkStatistics) -> None:
    documents = network_statistics(ALL_STATES, range(2023, 2026))
    cells = {(c.year, c.requesting_state, c.requested_state): c for c in network.exchange_matrix}
    pt = documents[("PT", 2024)]
    for requesting, pair in pt["requests_received"]["by_requesting_state"].items():
        cell = cells[(2024, requesting, "PT")]
        assert (cell.received, cell.answered) == (pair["received"], pair["answered"])
        assert cell.refused == pt["refusals"]["by_requesting_state"].get(requesting, 0)
    assert not any(key[1] == key[2] for key in cells)
    assert not any(key[2] == "LU" and key[0] == 2024 for key in cells)


def test_year_on_year_change(network: NetworkStatistics) -> None:
    figures = {(f.state, f.year): f for f in network.figures}
    change = next(
        c
        for c in network.changes
        if c.state == "DE" and c.year == 2025 and c.measure is Measure.REQUESTS_RECEIVED
    )
    before, now = figures[("DE", 2024)].requests_received, figures[("DE", 2025)].requests_received
    assert (change.previous, change.current, change.change) == (before, now, now - before)
    assert change.relative_change == pytest.approx((now - before) / before)
    # LU sent nothing for 2024: no change for 2024 nor 2025 (no consecutive pair)
    assert not any(c.state == "LU" for c in network.changes)
    network_change = next(
        c
        for c in network.changes
        if c.state is None and c.year == 2024 and c.measure.value == "refusals"
    )
    totals = {t.year: t for t in network.totals}
    assert network_change.change == totals[2024].refusals - totals[2023].refusals


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    states=st.lists(st.sampled_from(ALL_STATES), min_size=1, max_size=8, unique=True),
    seed=st.integers(0, 1000),
    years=st.integers(1, 3),
)
def test_totals_are_the_sum_of_the_states(
    tmp_path_factory: pytest.TempPathFactory, states: list[str], seed: int, years: int
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    write_statistics(folder, states, range(2020, 2020 + years), seed=seed)
    result = compiled(folder)
    by_year: dict[int, list[Any]] = defaultdict(list)
    for row in result.figures:
        by_year[row.year].append(row)
    for total in result.totals:
        rows = by_year[total.year]
        assert total.states == len(rows)
        for measure in ("requests_sent", "requests_received", "refusals", "judicial_deviations"):
            assert getattr(total, measure) == sum(getattr(r, measure) for r in rows)
        for ground, count in total.refusals_by_ground.items():
            assert count == sum(r.refusals_by_ground.get(ground, 0) for r in rows)
        received = sum(c.received for c in result.exchange_matrix if c.year == total.year)
        assert received == total.requests_received
    assert_csv_round_trips(result)


def assert_csv_round_trips(result: NetworkStatistics) -> None:
    rows = list(csv.DictReader(io.StringIO(statistics_csv(result))))
    assert all(list(row) == list(CSV_COLUMNS) for row in rows)
    scalar = {
        (r["state"], int(r["year"]), r["measure"]): int(r["value"])
        for r in rows
        if not r["requesting_state"] and not r["refusal_ground"]
    }
    for figures in result.figures:
        for measure in Measure:
            value = getattr(figures, measure.value)
            assert scalar.get((figures.state, figures.year, measure.value)) == value
    grounds = {
        (r["state"], int(r["year"]), r["refusal_ground"]): int(r["value"])
        for r in rows
        if r["refusal_ground"]
    }
    assert grounds == {
        (f.state, f.year, g.value): n
        for f in result.figures
        for g, n in f.refusals_by_ground.items()
    }
    pairs = {
        (r["state"], int(r["year"]), r["requesting_state"], r["measure"]): int(r["value"])
        for r in rows
        if r["requesting_state"]
    }
    for cell in result.exchange_matrix:
        key = (cell.requested_state, cell.year, cell.requesting_state)
        assert pairs[(*key, "requests_received")] == cell.received
        assert pairs[(*key, "refusals")] == cell.refused
        assert pairs[(*key, "judicial_deviations")] == cell.judicial_deviations


def _sent(total: int) -> Any:
    def edit(document: dict[str, Any]) -> None:
        document["requests_sent"] = {"total": total, "by_single_point_of_contact": total}

    return edit


def test_more_received_from_a_state_than_it_sent_is_a_question(tmp_path: Path) -> None:
    write_statistics(tmp_path, SMALL, [2024], edits={("PT", 2024): _sent(3)})
    (question,) = compiled(tmp_path, expected=[]).cross_checks
    assert question.state == "PT" and question.year == 2024 and question.reported == 3
    assert question.document == "2024/PT.json"
    assert "2024/PT.json" not in question.compared_with and question.compared_with
    documents = network_statistics(SMALL, [2024])
    assert question.counterpart_total == sum(
        documents[(b, 2024)]["requests_received"]["by_requesting_state"]
        .get("PT", {})
        .get("received", 0)
        for b in SMALL
    )
    assert "?" in question.message and "breach" not in question.message


def test_a_shortfall_is_asked_only_when_every_expected_state_reported(tmp_path: Path) -> None:
    write_statistics(tmp_path, SMALL, [2024], edits={("PT", 2024): _sent(100_000)})
    # SMALL is not every EU Member State: the others may have received the rest
    assert compiled(tmp_path).cross_checks == []
    from spocschema.network.models import NetworkGroup

    complete = tmp_path / "complete"
    eu = sorted(
        s
        for s in ALL_STATES
        if s not in ("CH", "IS", "LI", "NO", "AL", "BA", "ME", "MK", "RS", "XK")
    )
    write_statistics(complete, eu, [2024], edits={("PT", 2024): _sent(100_000)})
    (question,) = compiled(complete, expected=[NetworkGroup.EU_MEMBER_STATES]).cross_checks
    assert question.state == "PT" and question.complete and question.reported == 100_000


def test_small_differences_within_the_tolerance_raise_nothing(tmp_path: Path) -> None:
    documents = network_statistics(SMALL, [2024])
    sent = documents[("PT", 2024)]["requests_sent"]["total"]
    write_statistics(tmp_path, SMALL, [2024], edits={("PT", 2024): _sent(sent - 1)})
    assert compiled(tmp_path, expected=[]).cross_checks == []
    assert len(compiled(tmp_path, expected=[], tolerance=0.0).cross_checks) == 1


def test_duplicates_are_left_out_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_statistics(tmp_path, SMALL, [2024])
    shutil.copy(tmp_path / "2024" / "DE.json", tmp_path / "2024" / "DE-again.json")
    other = json.loads((tmp_path / "2024" / "FR.json").read_text())
    other["submitted_on"] = "2025-02-27"  # a resubmission of the same figures is a copy
    (tmp_path / "FR-resent.json").write_text(json.dumps(other))
    changed = json.loads((tmp_path / "2024" / "AT.json").read_text())
    changed["requests_sent"] = {"total": 1, "by_single_point_of_contact": 1}
    (tmp_path / "AT-corrected.json").write_text(json.dumps(changed))
    result = compiled(tmp_path)
    left = {bad.file: bad for bad in result.left_out}
    # of two identical copies the first by file name is kept, the other listed as left out
    assert left["2024/DE.json"].reason is LeftOutReason.DUPLICATE_COPY
    assert left["2024/DE.json"].same_as == ["2024/DE-again.json"]
    assert "2024/DE-again.json" not in left
    assert left["FR-resent.json"].reason is LeftOutReason.DUPLICATE_COPY
    assert left["AT-corrected.json"].reason is LeftOutReason.DUPLICATE
    assert left["2024/AT.json"].reason is LeftOutReason.DUPLICATE  # neither AT document is used
    assert {f.state for f in result.figures} == {"BE", "DE", "FR", "PT"}
    assert any(m.state == "AT" and m.year == 2024 for m in result.missing)

    outcome = run_cli(capsys, "stats", "compile", str(tmp_path), "--as-of", "2026-06-01")
    assert outcome.code == 1
    assert (
        "AT-corrected.json: left out (duplicate): AT 2024 is also covered by 2024/AT.json"
        in outcome.out
    )


def test_bad_files_are_reported_left_out_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_statistics(tmp_path, SMALL, [2024])
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    shutil.copy(COMPLIANT, tmp_path / "a-profile.json")
    fiscal = json.loads((tmp_path / "2024" / "PT.json").read_text())
    fiscal["year"] = "2024/25"
    fiscal["reporting_state"] = "ES"
    (tmp_path / "fiscal.json").write_text(json.dumps(fiscal))
    later = json.loads((tmp_path / "2024" / "FR.json").read_text())
    later.update(schema_version="2.0", reporting_state="IT")
    (tmp_path / "version-2.yaml").write_text(json.dumps(later))
    html, csv_file = tmp_path.parent / "page.html", tmp_path.parent / "out.csv"
    outcome = run_cli(
        capsys,
        "stats",
        "compile",
        str(tmp_path),
        "--as-of",
        "2026-06-01",
        "--html",
        str(html),
        "--csv",
        str(csv_file),
        "-q",
    )
    assert outcome.code == 2
    assert "broken.json:1:2: left out (unreadable): invalid JSON" in outcome.out
    assert "a-profile.json: left out (not_statistics): this is a SPOC profile" in outcome.out
    assert "fiscal.json:1:52: left out (not_statistics): expected a whole number (at /year)" in (
        outcome.out
    )
    assert "version-2.yaml: left out (not_statistics): statistics of schema version '2.0'" in (
        outcome.out
    )
    assert "Traceback" not in outcome.out + outcome.err
    assert html.is_file() and "broken.json" in html.read_text(encoding="utf-8")
    as_csv = run_cli(capsys, "stats", "compile", str(tmp_path), "--format", "csv")
    assert as_csv.code == 2 and "broken.json:1:2: left out (unreadable)" in as_csv.err
    assert "PT,2024,requests_sent" in csv_file.read_text(encoding="utf-8")


def test_a_document_failing_its_own_check_is_included_and_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def late(document: dict[str, Any]) -> None:
        document["submitted_on"] = "2025-04-02"

    write_statistics(tmp_path, SMALL, [2024], edits={("BE", 2024): late})
    result = compiled(tmp_path)
    (be,) = [d for d in result.documents if d.state == "BE"]
    assert not be.passed and be.rule_ids == ["SPOC-C-0003"]
    assert result.summary.documents == 5
    assert run_cli(capsys, "stats", "compile", str(tmp_path), "--as-of", "2026-06-01").code == 1


@pytest.mark.parametrize("setup", ["empty", "missing", "only-bad"])
def test_nothing_to_compile_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str
) -> None:
    folder = tmp_path / "in"
    if setup != "missing":
        folder.mkdir()
    if setup == "only-bad":
        (folder / "notes.yaml").write_text("- a list\n", encoding="utf-8")
    outcome = run_cli(capsys, "stats", "compile", str(folder))
    assert outcome.code == 2
    expected = {
        "empty": "no JSON or YAML files found",
        "missing": "not a folder",
        "only-bad": "no file is a usable statistics document",
    }[setup]
    assert expected in outcome.err and "Traceback" not in outcome.err
    if setup != "only-bad":
        with pytest.raises(NoStatisticsError):
            compile_statistics(folder)


def test_outputs_json_csv_and_formula_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_statistics(tmp_path, SMALL, [2024])
    (tmp_path / "2024" / "PT.json").rename(tmp_path / "=HYPERLINK(1).json")
    out = run_cli(
        capsys, "stats", "compile", str(tmp_path), "--as-of", "2026-06-01", "--format", "json"
    )
    assert out.code == 0
    document = json.loads(out.out)
    assert schemas.validator_for("network-statistics").is_valid(document)
    assert NetworkStatistics.model_validate(document).summary.documents == 5
    out = run_cli(
        capsys, "stats", "compile", str(tmp_path), "--as-of", "2026-06-01", "--format", "csv"
    )
    rows = list(csv.reader(io.StringIO(out.out)))
    pt = [row for row in rows if row[0] == "PT"]
    assert pt and all(row[-1] == "'=HYPERLINK(1).json" for row in pt)
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert run_cli(capsys, "stats", "compile", str(tmp_path), "--tolerance", "2").code == 2
    assert run_cli(capsys, "stats", "compile", str(tmp_path), "--as-of", "x").code == 2


def test_partners_statistics_are_compiled_but_not_compared(tmp_path: Path) -> None:
    """Art 18(1) counts exchanges "mit anderen Mitgliedstaaten gemäß dieser Richtlinie"."""
    states = (*SMALL, "RS")
    write_statistics(tmp_path, states, [2024], edits={("RS", 2024): _sent(1)})
    result = compiled(tmp_path, expected=[])
    assert "RS" in {f.state for f in result.figures}
    assert result.cross_checks == []
    assert any(c.requesting_state == "RS" for c in result.exchange_matrix)


def test_a_long_list_of_files_and_the_statistics_module_entry_point(tmp_path: Path) -> None:
    from spocschema import statistics

    paths = write_statistics(tmp_path / ("deep-" * 30), ALL_STATES, [2024])
    result = statistics.compile_statistics(paths, as_of=AS_OF)  # the API named in the issue
    assert result.summary.documents == len(ALL_STATES)
    assert len(result.source) <= 300 and result.source.startswith(f"{len(paths)} files: ")
    assert all(len(document.file) <= 300 for document in result.documents)


def test_link_loops_hidden_folders_and_unlistable_folders(tmp_path: Path) -> None:
    write_statistics(tmp_path, SMALL, [2024])
    (tmp_path / "2024" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "junk.json").write_text("{", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.json").write_text("{}", encoding="utf-8")
    locked.chmod(0)
    try:
        result = compiled(tmp_path)
    finally:
        locked.chmod(0o755)
    assert result.summary.documents == len(SMALL)
    if os.geteuid() != 0:  # root lists any folder
        (bad,) = result.left_out
        assert bad.file == "locked" and "cannot list the folder" in bad.problems[0].message
    else:
        assert [bad.file for bad in result.left_out] == ["locked/x.json"]


def test_the_page_shows_the_year_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    write_statistics(folder, SMALL, [2023, 2024])
    page, document = tmp_path / "page.html", tmp_path / "out.json"
    argv = ["stats", "compile", str(folder), "--as-of", "2026-06-01", "--html", str(page)]
    assert run_cli(capsys, *argv, "--year", "2023", "--json", str(document)).code == 0
    html = page.read_text(encoding="utf-8")
    assert "Who asks whom, 2023" in html and "Change from" not in html
    assert json.loads(document.read_text(encoding="utf-8"))["years"] == [2023, 2024]
    assert run_cli(capsys, *argv).code == 0
    assert "Who asks whom, 2024" in page.read_text(encoding="utf-8")
    assert "Change from 2023 to 2024, per state" in page.read_text(encoding="utf-8")
    outcome = run_cli(capsys, *argv, "--year", "1999")
    assert outcome.code == 2 and "no statistics for 1999" in outcome.err
