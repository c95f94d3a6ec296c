"""``spocschema network``: exit codes, outputs, and the directory exports (JSON and CSV)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from network_fixtures import write_network
from spocschema import schemas
from spocschema.cli import main
from spocschema.network.directory import CSV_COLUMNS, NetworkDirectory, neutralise_cell


def _formula_name(document: dict[str, Any]) -> None:
    document["spoc"]["name"] = '=HYPERLINK("https://attacker.example.org","open")'


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("network")
    write_network(folder, edits={"MT": _formula_name})
    return folder


def test_a_clean_network_exits_0_and_writes_every_output(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html, exported_json, exported_csv = (
        tmp_path / "network.html",
        tmp_path / "directory.json",
        tmp_path / "directory.csv",
    )
    code = main(
        [
            "network",
            str(folder),
            "--as-of",
            "2026-11-22",
            "--html",
            str(html),
            "--export-json",
            str(exported_json),
            "--export-csv",
            str(exported_csv),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "network: passed; 37 profiles" in out
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    document = json.loads(exported_json.read_text(encoding="utf-8"))
    assert list(schemas.validator_for("network-directory").iter_errors(document)) == []
    directory = NetworkDirectory.model_validate(document)
    assert len(directory.entries) == 37
    portugal = next(e for e in directory.entries if e.country == "PT")
    assert portugal.spoc_identifier == "spoc-fictional-pt"
    assert portugal.working_languages[0] == "en"

    rows = list(csv.DictReader(io.StringIO(exported_csv.read_text(encoding="utf-8"))))
    assert len(rows) == 37
    assert tuple(rows[0]) == CSV_COLUMNS
    by_state = {row["country"]: row for row in rows}
    assert by_state["PT"]["contact_email"] == "spoc-desk@police-pt.example.org"
    assert by_state["PT"]["contact_telephone"].startswith("+000 0000")  # a number stays a number
    assert by_state["MT"]["spoc_name"].startswith("'=HYPERLINK")  # a formula is defused


def test_json_output_is_a_network_report(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["network", str(folder), "--as-of", "2026-11-22", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(schemas.validator_for("network-report").iter_errors(document)) == []
    assert document["summary"]["profiles"] == 37


def test_findings_exit_1_and_unparsable_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_network(tmp_path, omit=["LU"])
    assert main(["network", str(tmp_path), "--as-of", "2026-11-22"]) == 0  # a warning only
    assert main(["network", str(tmp_path), "--as-of", "2026-11-22", "--fail-on", "warning"]) == 1
    assert "missing_state" in capsys.readouterr().out
    (tmp_path / "invalid.json").write_text('{"schema_version": "1.0"}', encoding="utf-8")
    assert main(["network", str(tmp_path), "--as-of", "2026-11-22", "--quiet"]) == 1
    (tmp_path / "broken.json").write_text("\x00\x01binary", encoding="utf-8")
    assert main(["network", str(tmp_path), "--as-of", "2026-11-22", "--quiet"]) == 2
    out = capsys.readouterr().out
    assert "broken.json" in out
    assert "invalid.json" in out
    assert "Traceback" not in out


def test_usage_errors_exit_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["network", str(tmp_path / "nowhere")]) == 2
    assert main(["network", str(tmp_path)]) == 2  # an empty folder is a mistake, not a network
    assert main(["network", str(tmp_path), "--as-of", "22/11/2026"]) == 2
    assert main(["network", str(tmp_path), "--expect", "mars"]) == 2
    err = capsys.readouterr().err
    assert "not a folder" in err
    assert "no JSON or YAML files found" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("+1-2", "'+1-2"),
        ("-1-2", "'-1-2"),
        ("+1 (2)", "'+1 (2)"),
        ("-5", "-5"),
        ("+000 0000 0001", "+000 0000 0001"),
        ("\tTAB", "'\tTAB"),
        ("Plain name", "Plain name"),
        ("", ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_defused(cell: str, written: str) -> None:
    assert neutralise_cell(cell) == written


def test_html_command_writes_a_page_for_one_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    page = tmp_path / "one.html"
    args = ["html", "--as-of", "2026-11-22", "-o", str(page)]
    assert main([*args, str(examples / "compliant-profile.json")]) == 0
    assert "Art 14(1)" in page.read_text(encoding="utf-8")
    assert main([*args, str(examples / "noncompliant-no-english.json")]) == 1
    assert "Art 11(1)" in page.read_text(encoding="utf-8")
    assert main([*args, str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    folder = tmp_path / "network"
    write_network(folder, states=["PT", "ES"])
    assert main([*args, str(folder)]) == 0
    assert "SPOC network report" in page.read_text(encoding="utf-8")


def test_building_the_command_line_imports_none_of_the_heavy_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from spocschema.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('jinja2', 'spocschema.network', 'spocschema.html', "
        "'spocschema.diff', 'spocschema.checker') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
