"""The stats and deadline subcommands, run through spocschema.cli.main."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from exchange_samples import jsonl, year_of_records
from spocschema import schemas
from spocschema.cli import main

RECORDS = year_of_records(2024, 400, seed=7)
NOT_URGENT = ["--received", "2024-03-01T08:00:00Z", "--not-urgent"]


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.jsonl"
    path.write_bytes(jsonl(RECORDS))
    return path


def test_build_writes_valid_statistics(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "stats.json"
    code = main(
        ["stats", "build", str(export), "--year", "2024", "--state", "PT", "-o", str(output)]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    document = json.loads(output.read_text())
    assert schemas.validator_for("annual-statistics").is_valid(document)
    assert document["reporting_state"] == "PT" and document["year"] == 2024
    assert "400 lines" in err and "0 invalid lines skipped" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_build_to_stdout_in_a_time_zone(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["stats", "build", str(export), "--year", "2024", "--state", "PT"]
    assert main([*args, "--time-zone", "Europe/Lisbon"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["time_zone"] == "Europe/Lisbon"


def test_greece_as_el_is_the_same_state_as_gr(
    export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the sample has requests from EL; a report for Greece cannot count them as foreign
    assert main(["stats", "build", str(export), "--year", "2024", "--state", "EL"]) == 2
    assert "reporting state (GR)" in capsys.readouterr().err


def test_build_stops_at_the_first_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = jsonl(RECORDS[:5]).splitlines()
    lines[2] = b'{"exchange_id": "cms-1", "direction": "incoming"}'
    lines[3] = b"[not json"
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    output = tmp_path / "out.json"
    code = main(["stats", "build", str(path), "--year", "2024", "--state", "PT", "-o", str(output)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}:3: " in err and "required key" in err
    assert f"{path}:4:" not in err
    assert "stopped at line 3" in err
    assert not output.exists()
    assert "Traceback" not in err


def test_build_skips_lists_and_counts_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = jsonl(RECORDS[:5]).splitlines()
    lines[1] = b"{"
    lines[3] = b'{"direction": 3}'
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    code = main(["stats", "build", str(path), "--year", "2024", "--state", "PT", "--skip-invalid"])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{path}:2: column 2: invalid JSON" in captured.err
    assert f"{path}:4: " in captured.err
    assert "2 invalid lines skipped" in captured.err
    assert json.loads(captured.out)["schema_version"] == "1.0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--state", "Portugal"], "not an ISO 3166-1"),
        (["--state", "PT", "--time-zone", "Mars/Olympus"], "unknown time zone"),
        (["--state", "PT", "--submitted-on", "1 March"], "YYYY-MM-DD"),
    ],
)
def test_build_usage_errors(
    export: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "build", str(export), "--year", "2024", *args]) == 2
    assert message in capsys.readouterr().err


def test_build_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["stats", "build", str(tmp_path / "none.jsonl"), "--year", "2024", "--state", "PT"])
    assert code == 2
    assert "cannot read" in capsys.readouterr().err


def test_check_consistent_and_inconsistent(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "stats.json"
    main(["stats", "build", str(export), "--year", "2024", "--state", "PT", "-o", str(output)])
    capsys.readouterr()
    assert main(["stats", "check", str(output), "--as-of", "2025-01-15"]) == 0
    assert "consistent" in capsys.readouterr().out
    document = json.loads(output.read_text())
    document["refusals"]["total"] += 1
    output.write_text(json.dumps(document))
    # figures that do not fit are consistency notes (warning, info), not breaches: exit 0
    assert main(["stats", "check", str(output), "--as-of", "2025-01-15"]) == 0
    text = capsys.readouterr().out
    assert "passed, with notes" in text and "(consistency note)" in text
    assert main(["stats", "check", str(output), "--as-of", "2025-01-15", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {f["rule_id"] for f in report["findings"]} == {"SPOC-C-0031", "SPOC-C-0032"}
    assert {f["test_basis"] for f in report["findings"]} == {"consistency"}
    assert not any(f["breach"] for f in report["findings"])
    assert schemas.validator_for("report").is_valid(report)


def test_check_structurally_invalid_and_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "stats.json"
    bad.write_text('{"schema_version": "1.0", "year": "last"}')
    assert main(["stats", "check", str(bad)]) == 1
    assert "required key" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert main(["stats", "check", str(broken)]) == 2
    assert main(["stats", "check", str(tmp_path / "none.json")]) == 2


def test_deadline_text_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["deadline", "--received", "2024-03-29T10:00:00+01:00", "--urgent", "--indirect"]
    assert main([*base, "--at", "2024-04-01T10:59:00+02:00", "--time-zone", "Europe/Brussels"]) == 0
    out = capsys.readouterr().out
    assert "due:            2024-04-01T11:00:00+02:00" in out
    assert "remaining: 1 minute" in out
    assert main([*base, "--at", "2024-04-01T11:00:01+02:00"]) == 1
    assert "overdue by 1 second" in capsys.readouterr().out


def test_deadline_json_with_suspension_and_judicial_delay(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "deadline",
            "--received", "2024-03-01T08:00:00Z",
            "--urgent", "--direct",
            "--suspend", "2024-03-01T09:00:00Z/2024-03-01T10:30:00Z",
            "--judicial-delay", "PT2H",
            "--at", "2024-03-01T08:00:00Z",
            "--format", "json",
        ]
    )  # fmt: skip
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["statutory_due"] == "2024-03-01T17:30:00+00:00"
    assert result["due"] == "2024-03-01T19:30:00+00:00"
    assert result["suspended_for"] == "PT1H30M"
    assert result["remaining"] == "PT10H"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2024-03-01T08:00:00", "--not-urgent"], "offset"),
        (["--received", "2024-03-01T08:00:00Z", "--urgent"], "--direct or --indirect"),
        ([*NOT_URGENT, "--suspend", "x"], "START/END"),
        ([*NOT_URGENT, "--judicial-delay", "P1M"], "not months"),
        (
            [*NOT_URGENT, "--suspend", "2024-02-01T00:00:00Z/2024-02-02T00:00:00Z"],
            "before the request was received",
        ),
    ],
)
def test_deadline_errors_exit_2_without_traceback(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadline", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_deadline_requires_urgency(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "--received", "2024-03-01T08:00:00Z"]) == 2
    assert "--urgent" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal(
    export: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    args = ["stats", "build", str(export), "--year", "2024", "--state", "PT", "-o", os.devnull]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "\r[" in err and "100%" in err and "400 lines" in err


def test_deadline_starts_without_pydantic() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from spocschema.cli import main\n"
        "main(['deadline', '--received', '2024-03-01T08:00:00Z', '--not-urgent',\n"
        "      '--at', '2024-03-01T09:00:00Z'])\n"
        "print([m for m in ('pydantic', 'jsonschema', 'yaml', 'pycountry') if m in sys.modules])\n"
    )
    root = Path(__file__).resolve().parents[1]
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        check=True,
        timeout=120,
    )
    assert completed.stdout.splitlines()[-1] == "[]"


def test_max_errors_lists_some_and_counts_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"{}\n" * 5 + jsonl(RECORDS[:2]))
    args = ["stats", "build", str(path), "--year", "2024", "--state", "PT", "--skip-invalid"]
    assert main([*args, "--max-errors", "2"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1:" in err and f"{path}:2:" in err and f"{path}:3:" not in err
    assert "5 invalid lines skipped (3 not listed)" in err
