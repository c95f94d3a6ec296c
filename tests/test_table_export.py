"""CSV and Excel exports through a column mapping: the same statistics as JSON Lines."""

from __future__ import annotations

import copy
import csv
import io
import json
import random
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange_samples import jsonl, record
from spocschema import schemas
from spocschema.cli import main
from spocschema.enums import RefusalGround
from spocschema.instants import parse_date_time
from spocschema.mapping_init import guess_date_format, guess_fields, starting_mapping
from spocschema.models.column_mapping import ColumnMapping
from spocschema.statistics import StatisticsAggregator, records_from
from spocschema.table_export import MappingError, csv_rows, records_from_table

YEAR = 2024
ZONE = "Asia/Kolkata"  # no daylight saving time: every local time exists exactly once
FORMAT = "%d.%m.%Y %H:%M:%S"
STATES = {
    "FR": "Frankreich", "DE": "Deutschland", "ES": "Spanien", "IT": "Italien",
    "NL": "Niederlande", "BE": "Belgien", "EL": "Griechenland", "NO": "Norwegen",
    "XK": "Kosovo", "PT": "Portugal",
}  # fmt: skip
OUTCOMES = {"answered": "Erledigt", "refused": "Abgelehnt", "pending": "Offen"}
GROUNDS = {g.value: f"G{i}" for i, g in enumerate(RefusalGround, start=1)}
SENDERS = {"single_point_of_contact": "SPOC", "designated_authority": "LEA"}
HEADER = [
    "Ref", "Dir", "Land", "Eilig", "Zugang", "Gesendet", "Eingang", "Absender", "Status",
    "Antwort", "Grund", "Justiz", "Queue",
]  # fmt: skip
MAPPING: dict[str, Any] = {
    "schema_version": "1.1",
    "csv": {"delimiter": ";"},
    "time_zone": ZONE,
    "fields": {
        "exchange_id": {"column": "Ref"},
        "direction": {"column": "Dir", "values": {"IN": "incoming", "OUT": "outgoing"}},
        "counterpart_state": {"column": "Land", "values": {v: k for k, v in STATES.items()}},
        "urgent": {"column": "Eilig", "values": {"J": True, "N": False}},
        "information_access": {"column": "Zugang", "values": {"D": "direct", "I": "indirect"}},
        "sent_at": {"column": "Gesendet", "format": FORMAT},
        "received_at": {"column": "Eingang", "format": FORMAT},
        "sender": {"column": "Absender", "values": {v: k for k, v in SENDERS.items()}},
        "outcome": {"column": "Status", "values": {v: k for k, v in OUTCOMES.items()}},
        "replied_at": {"column": "Antwort", "format": FORMAT},
        "refusal_ground": {"column": "Grund", "values": {v: k for k, v in GROUNDS.items()}},
        "judicial_deviation": {"column": "Justiz", "values": {"J": True}},
    },
    "ignored_columns": ["Queue"],
}


def local(instant: str | None) -> str:
    if instant is None:
        return ""
    return parse_date_time(instant).astimezone(ZoneInfo(ZONE)).strftime(FORMAT)


def row_of(data: dict[str, Any]) -> list[str]:
    return [
        data["exchange_id"],
        "IN" if data["direction"] == "incoming" else "OUT",
        STATES[data["counterpart_state"]],
        "J" if data["urgent"] else "N",
        {"direct": "D", "indirect": "I"}.get(data.get("information_access", ""), ""),
        local(data.get("sent_at")),
        local(data.get("received_at")),
        SENDERS.get(data.get("sender", ""), ""),
        OUTCOMES[data["outcome"]],
        local(data.get("replied_at")),
        GROUNDS.get(data.get("refusal_ground", ""), ""),
        "J" if data.get("judicial_deviation") else "",
        # An ignored column with the separator and a line break inside its quotes.
        "night;\ndesk" if "x-cms-queue" in data else "day",
    ]


def to_csv(records: list[dict[str, Any]], *, bom: bool = True) -> tuple[bytes, list[int]]:
    """The export as CSV bytes, and the line on which each record's row starts."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    starts = []
    for data in records:
        starts.append(out.getvalue().count("\n") + 1)
        writer.writerow(row_of(data))
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(), starts


def mapping(**changes: Any) -> ColumnMapping:
    document = copy.deepcopy(MAPPING)
    document.update(changes)
    document = {key: value for key, value in document.items() if value is not None}
    return ColumnMapping.model_validate(document)


def build_csv(data: bytes, document: ColumnMapping | None = None, skip: bool = True) -> Any:
    chosen = document or mapping()
    return records_from_table(
        csv_rows(io.BytesIO(data), chosen),
        chosen,
        StatisticsAggregator("PT", YEAR),
        skip_invalid=skip,
    )


def build_jsonl(records: list[dict[str, Any]]) -> Any:
    return records_from(
        io.BytesIO(jsonl(records)), StatisticsAggregator("PT", YEAR), skip_invalid=True
    )


# --- the same records give the same statistics --------------------------------------------


def damaged(records: list[dict[str, Any]], damage: list[tuple[str, int]]) -> list[dict[str, Any]]:
    out = copy.deepcopy(records)
    for kind, index in damage:
        index %= len(out)
        if kind == "repeat":
            out.append(copy.deepcopy(out[index]))
        elif kind == "self":
            out[index]["counterpart_state"] = "PT"
        elif kind == "early_reply":
            start = out[index].get("received_at") or out[index]["sent_at"]
            out[index]["replied_at"] = (
                parse_date_time(start).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            )
            out[index]["replied_at"] = local_minus_hour(start)
    return out


def local_minus_hour(instant: str) -> str:
    from datetime import timedelta

    return (parse_date_time(instant) - timedelta(hours=1)).isoformat()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.randoms(use_true_random=False),
    st.integers(1, 60),
    st.lists(
        st.tuples(st.sampled_from(["repeat", "self", "early_reply"]), st.integers(0, 10_000)),
        max_size=4,
    ),
)
def test_csv_and_jsonl_of_the_same_records_give_the_same_statistics(
    rng: random.Random, count: int, damage: list[tuple[str, int]]
) -> None:
    records = damaged([record(rng, i, YEAR) for i in range(count)], damage)
    from_jsonl = build_jsonl(records)
    data, starts = to_csv(records)
    from_csv = build_csv(data)
    assert from_csv.statistics is not None
    assert from_csv.statistics == from_jsonl.statistics
    assert (from_csv.counted, from_csv.outside_year) == (
        from_jsonl.counted,
        from_jsonl.outside_year,
    )
    bad_records = [e.line - 1 for e in from_jsonl.errors]  # JSON Lines: record k on line k + 1
    assert [e.line for e in from_csv.errors] == [starts[k] for k in bad_records]
    assert from_csv.lines_read == len(records)


def test_a_year_of_records_agrees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [record(random.Random(7), i, YEAR) for i in range(800)]
    data, _ = to_csv(records)
    (tmp_path / "export.csv").write_bytes(data)
    (tmp_path / "export.jsonl").write_bytes(jsonl(records))
    (tmp_path / "mapping.yaml").write_text(yaml.safe_dump(MAPPING, allow_unicode=True))
    common = ["--year", "2024", "--state", "PT"]
    assert main(["stats", "build", str(tmp_path / "export.jsonl"), *common]) == 0
    expected = capsys.readouterr().out
    mapped = ["--mapping", str(tmp_path / "mapping.yaml")]
    assert main(["stats", "build", str(tmp_path / "export.csv"), *mapped, *common]) == 0
    captured = capsys.readouterr()
    assert captured.out == expected
    assert "800 rows" in captured.err and "columns neither mapped" not in captured.err


# --- every bad row named by line and column -----------------------------------------------

GOOD = row_of(record(random.Random(1), 0, YEAR) | {"x-cms-queue": "x"})


def csv_of(*rows: list[str], header: list[str] = HEADER) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def with_cell(column: str, value: str, row: list[str] = GOOD, ref: str = "cms-x") -> list[str]:
    changed = list(row)
    changed[HEADER.index(column)] = value
    changed[0] = ref
    return changed


def test_line_numbers_stay_right_after_quoted_line_breaks() -> None:
    data = csv_of(GOOD, with_cell("Eilig", "vielleicht"))  # GOOD spans two lines
    outcome = build_csv(data)
    assert [e.line for e in outcome.errors] == [4]
    message = outcome.errors[0].message
    assert "column 'Eilig' (urgent)" in message and "'vielleicht'" in message
    assert "'J', 'N'" in message


def test_every_bad_cell_of_a_row_is_named() -> None:
    row = with_cell("Land", "Atlantis", with_cell("Eingang", "31.02.2024 10:00:00"))
    outcome = build_csv(csv_of(row))
    message = outcome.errors[0].message
    assert "column 'Land' (counterpart_state)" in message
    assert "column 'Eingang' (received_at)" in message and FORMAT in message


def test_model_verdicts_name_the_column_and_cell() -> None:
    mapped = mapping(fields={**MAPPING["fields"], "counterpart_state": {"column": "Land"}})
    outcome = build_csv(csv_of(with_cell("Land", "Atlantis")), mapped)
    assert "column 'Land' (counterpart_state) 'Atlantis':" in outcome.errors[0].message


def test_formula_looking_cells_are_refused_with_a_hint() -> None:
    outcome = build_csv(csv_of(with_cell("Status", "=A1+1")))
    assert "spreadsheet formula" in outcome.errors[0].message


def test_undecodable_bytes_are_reported_for_their_cell_and_reading_goes_on() -> None:
    data = csv_of(with_cell("Land", "Frankreich"), with_cell("Ref", "cms-y", ref="cms-y"))
    data = data.replace(b"Frankreich", b"Fr\xe4nkreich", 1)
    outcome = build_csv(data)
    assert [e.line for e in outcome.errors] == [2]
    assert "not valid in the declared encoding" in outcome.errors[0].message
    assert outcome.counted + outcome.outside_year == 1


def test_a_declared_encoding_is_used() -> None:
    data = csv_of(with_cell("Land", "Frankreich")).replace(b"Frankreich", b"Fr\xe4nkreich")
    values = {**MAPPING["fields"]["counterpart_state"]["values"], "Fränkreich": "FR"}
    fields = {**MAPPING["fields"], "counterpart_state": {"column": "Land", "values": values}}
    document = mapping(csv={"delimiter": ";", "encoding": "cp1252"}, fields=fields)
    outcome = build_csv(data, document)
    assert outcome.errors == []


def test_broken_quoting_wrong_widths_and_inner_blank_rows_are_reported() -> None:
    good = csv_of(GOOD).decode().split("\n", 1)[1]
    text = (
        ";".join(HEADER)
        + "\n"
        + good
        + '"cms-q"x;IN\n'  # text after a closing quote
        + "cms-w;IN;Frankreich\n"  # three cells
        + "\n"
        + ";;;;;;;;;;;;\n"
        + good.replace(GOOD[0], "cms-z")
        + "\n\n"  # blank rows at the very end are no records
    )
    outcome = build_csv(text.encode())
    assert [e.line for e in outcome.errors] == [4, 5, 6]
    messages = [e.message for e in outcome.errors]
    assert "not valid CSV" in messages[0]
    assert "3 cells, but the header has 13" in messages[1]
    assert "2 empty rows" in messages[2]
    assert outcome.invalid == 4 and outcome.lines_read == 6


def test_a_strict_build_stops_at_the_first_bad_row() -> None:
    outcome = build_csv(csv_of(GOOD, with_cell("Eilig", "?")), skip=False)
    assert outcome.stopped_at == 4 and outcome.statistics is None


def test_local_times_that_do_not_exist_are_refused_and_repeated_ones_read_as_the_first() -> None:
    document = mapping(time_zone="Europe/Lisbon")
    base = with_cell("Eingang", "31.03.2024 01:30:00", ref="cms-gap")  # clocks jump 01:00->02:00
    gap = build_csv(csv_of(with_cell("Antwort", "", base)), document)
    assert "does not exist in Europe/Lisbon" in gap.errors[0].message
    fold = with_cell("Eingang", "27.10.2024 01:30:00", ref="cms-fold")  # 01:00-02:00 twice
    reply = with_cell("Antwort", "27.10.2024 01:10:00", fold)  # 01:10 before 01:30 (first) passes
    outcome = build_csv(csv_of(with_cell("Dir", "IN", reply)), document)
    assert "precede" in outcome.errors[0].message  # read in the first occurrence: before


def test_a_date_without_offset_needs_a_time_zone() -> None:
    outcome = build_csv(csv_of(GOOD), mapping(time_zone=None))
    assert "no UTC offset and the mapping names no time_zone" in outcome.errors[0].message


def test_a_mapped_column_missing_from_the_header_stops_before_any_row() -> None:
    header = [h if h != "Eilig" else "Dringend" for h in HEADER]
    with pytest.raises(MappingError, match="'Eilig' \\(mapped to urgent\\) is not in the header"):
        build_csv(csv_of(GOOD, header=header))
    with pytest.raises(MappingError, match="empty"):
        build_csv(b"")


INCOMING = {
    "exchange_id": "cms-in",
    "direction": "incoming",
    "counterpart_state": "FR",
    "urgent": True,
    "received_at": "2024-05-02T10:00:00+02:00",
    "outcome": "pending",
}


def test_fixed_values_and_blank_values() -> None:
    fields = {**MAPPING["fields"], "direction": {"value": "incoming"}}
    document = mapping(fields=fields, blank_values=["NULL"], ignored_columns=["Queue", "Dir"])
    row = with_cell("Dir", "OUT", with_cell("Zugang", "NULL", row_of(INCOMING)), ref="cms-in")
    outcome = build_csv(csv_of(row), document)
    assert outcome.errors == [] and outcome.counted == 1
    assert outcome.statistics.requests_received.received == 1  # the fixed value, not "OUT"
    outcome = build_csv(csv_of(with_cell("Zugang", "NULL", row_of(INCOMING))))
    assert "column 'Zugang' (information_access): 'NULL' is not one" in outcome.errors[0].message


def test_formula_hint_only_for_formula_like_cells() -> None:
    message = build_csv(csv_of(with_cell("Status", "Later"))).errors[0].message
    assert "'Later' is not one of the values" in message and "formula" not in message


# --- Excel --------------------------------------------------------------------------------


def test_an_excel_export_gives_the_same_statistics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import datetime

    records = [record(random.Random(11), i, YEAR) for i in range(120)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Export"
    sheet.append(HEADER)
    for data in records:
        row: list[Any] = list(row_of(data))
        for column in ("Gesendet", "Eingang", "Antwort"):  # real Excel date cells
            index = HEADER.index(column)
            if row[index]:
                row[index] = datetime.strptime(row[index], FORMAT)
        sheet.append(row)
    sheet.append([None] * len(HEADER))  # a formatted but empty last row
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    (tmp_path / "mapping.yaml").write_text(yaml.safe_dump({**MAPPING, "sheet": "Export"}))
    (tmp_path / "export.jsonl").write_bytes(jsonl(records))
    assert main(["stats", "build", str(tmp_path / "export.jsonl"), *COMMON]) == 0
    expected = capsys.readouterr().out
    args = ["stats", "build", str(path), "--mapping", str(tmp_path / "mapping.yaml"), *COMMON]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.out == expected
    assert "120 rows" in captured.err
    (tmp_path / "mapping.yaml").write_text(yaml.safe_dump({**MAPPING, "sheet": "Other"}))
    assert main(args) == 2
    assert "no worksheet 'Other'" in capsys.readouterr().err
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    broken = ["stats", "build", str(tmp_path / "broken.xlsx"), *args[3:]]
    assert main(broken) == 2
    assert "not a readable Excel workbook" in capsys.readouterr().err


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    records = [record(random.Random(3), i, YEAR) for i in range(40)]
    data, _ = to_csv(records)
    paths = {
        "csv": tmp_path / "export.csv",
        "txt": tmp_path / "export.txt",
        "mapping": tmp_path / "mapping.yaml",
        "jsonl": tmp_path / "export.jsonl",
    }
    paths["csv"].write_bytes(data)
    paths["txt"].write_bytes(data)
    paths["jsonl"].write_bytes(jsonl(records))
    paths["mapping"].write_text(yaml.safe_dump(MAPPING, allow_unicode=True))
    return paths


COMMON = ["--year", "2024", "--state", "PT"]


def test_the_format_follows_the_extension_or_the_option(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    mapped = ["--mapping", str(files["mapping"])]
    assert main(["stats", "build", str(files["txt"]), *mapped, *COMMON]) == 2
    assert "JSON Lines export needs none" in capsys.readouterr().err
    args = ["stats", "build", str(files["txt"]), "--input-format", "csv", *mapped, *COMMON]
    assert main(args) == 0
    assert main(["stats", "build", str(files["csv"]), *COMMON]) == 2
    assert "stats mapping --init" in capsys.readouterr().err


def test_an_invalid_mapping_is_exit_2_with_its_place(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["mapping"].write_text(
        'schema_version: "1.1"\nfields:\n  exchange_id: {column: Ref}\n'
        "  urgent: {column: Eilig, values: {J: maybe}}\n"
    )
    code = main(["stats", "build", str(files["csv"]), "--mapping", str(files["mapping"]), *COMMON])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{files['mapping']}:4:" in err and "/fields/urgent/values/J" in err
    assert "/fields/direction" in err  # a required field left out


def test_unmapped_columns_are_reported(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["mapping"].write_text(yaml.safe_dump({**MAPPING, "ignored_columns": []}))
    code = main(["stats", "build", str(files["csv"]), "--mapping", str(files["mapping"]), *COMMON])
    assert code == 0
    assert "columns neither mapped nor in ignored_columns: 'Queue'" in capsys.readouterr().err


def test_a_missing_column_is_exit_2(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["csv"].write_bytes(files["csv"].read_bytes().replace(b"Eilig", b"Dringend", 1))
    code = main(["stats", "build", str(files["csv"]), "--mapping", str(files["mapping"]), *COMMON])
    assert code == 2
    assert "'Eilig' (mapped to urgent) is not in the header" in capsys.readouterr().err


def test_bad_rows_skip_and_exit_1(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with files["csv"].open("a", newline="") as out:
        csv.writer(out, delimiter=";").writerow(with_cell("Eilig", "?"))
    args = ["stats", "build", str(files["csv"]), "--mapping", str(files["mapping"]), *COMMON]
    assert main(args) == 2
    assert "stopped at row" in capsys.readouterr().err
    assert main([*args, "--skip-invalid"]) == 1
    err = capsys.readouterr().err
    assert f"{files['csv']}:" in err and "column 'Eilig' (urgent)" in err
    assert "1 invalid row skipped" in err


def test_standard_input_csv(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(files["csv"].read_bytes())))
    args = ["stats", "build", "-", "--input-format", "csv", "--mapping", str(files["mapping"])]
    assert main([*args, *COMMON]) == 0
    assert json.loads(capsys.readouterr().out)["year"] == 2024
    assert main(["stats", "build", "-", "--input-format", "xlsx", "--mapping", "m", *COMMON]) == 2


# --- mapping --init -----------------------------------------------------------------------


def test_init_guesses_plain_columns_and_leaves_the_rest(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        "Case ref,Direction,Country,Urgent,Received,Status,Officer\n"
        "cms-1,IN,FR,Y,2024-05-02 10:00,Closed,desk\n"
        "cms-2,OUT,DE,N,2024-05-03 11:00,answered,desk\n"
    )
    out = tmp_path / "mapping.yaml"
    assert main(["stats", "mapping", "--init", str(export), "-o", str(out)]) == 0
    text = out.read_text()
    data = yaml.safe_load(text)
    assert text.startswith("# yaml-language-server: $schema=https://")
    assert data["csv"]["delimiter"] == ","
    fields = data["fields"]
    assert fields["exchange_id"] == {"column": "Case ref"}
    assert fields["direction"]["values"] == {"IN": "incoming", "OUT": "outgoing"}
    assert fields["urgent"]["values"] == {"Y": True, "N": False}
    assert fields["outcome"]["values"] == {"answered": "answered"}
    assert '# TODO: "Closed": ...' in text
    assert "# time_zone:" in text  # never guessed
    assert data["ignored_columns"] == ["Officer"]
    assert main(["stats", "mapping", "--init", str(export), "-o", str(out)]) == 2  # exists


def test_init_output_is_refused_until_the_todos_are_filled(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("Case ref;Country;Urgent;Status\ncms-1;FR;Y;Closed\n")
    out = tmp_path / "mapping.yaml"
    assert main(["stats", "mapping", "--init", str(export), "-o", str(out)]) == 0
    args = ["stats", "build", str(export), "--mapping", str(out), *COMMON]
    assert main(args) == 2  # direction is required and was not guessed


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=6, unique=True))
def test_init_writes_valid_yaml_for_any_header(header: list[str]) -> None:
    header = [h.strip() for h in header]
    text = starting_mapping(header, [], delimiter=";", source="x.csv")
    data = yaml.safe_load(text)
    assert data["csv"]["delimiter"] == ";"
    mapped = [v["column"] for v in (data["fields"] or {}).values()]
    assert sorted([*mapped, *(data.get("ignored_columns") or [])]) == sorted(h for h in header if h)


def test_guesses() -> None:
    assert guess_fields(["Case Ref", "Received on", "STATUS"]) == {
        "exchange_id": "Case Ref",
        "received_at": "Received on",
        "outcome": "STATUS",
    }
    assert guess_date_format(["02/05/2024 10:00", "13/05/2024 10:00"]) == (
        "%d/%m/%Y %H:%M",
        True,
        False,
    )
    assert guess_date_format(["2024-05-02T10:00:00+02:00"]) == (None, False, False)
    assert guess_date_format(["02/05/2024 10:00"])[2]  # day and month could swap


# --- the published schema -----------------------------------------------------------------


def test_the_mapping_schema_agrees_with_the_model() -> None:
    validator = schemas.validator_for("column-mapping")
    assert validator.is_valid(MAPPING)
    for bad in (
        {**MAPPING, "schema_version": "1.0"},
        {
            **MAPPING,
            "fields": {**MAPPING["fields"], "direction": {"column": "Dir", "value": "incoming"}},
        },
        {
            **MAPPING,
            "fields": {**MAPPING["fields"], "urgent": {"column": "E", "values": {"J": "ja"}}},
        },
        {**MAPPING, "fields": {**MAPPING["fields"], "outcome": {"value": "pending", "values": {}}}},
        {**MAPPING, "csv": {"delimiter": ";;"}},
    ):
        assert not validator.is_valid(bad), bad
        with pytest.raises(ValueError):
            ColumnMapping.model_validate(bad)


def test_the_docs_example_mapping_builds_the_docs_example_export(
    capsys: pytest.CaptureFixture[str],
) -> None:
    examples = Path(__file__).resolve().parents[1] / "docs" / "_examples"
    mapping_file = examples / "cms-export.mapping.yaml"
    assert schemas.validator_for("column-mapping").is_valid(
        yaml.safe_load(mapping_file.read_text())
    )
    common = ["--year", "2026", "--state", "PT", "--time-zone", "Europe/Lisbon"]
    assert main(["stats", "build", str(examples / "cms-export.jsonl"), *common]) == 0
    expected = capsys.readouterr().out
    args = ["stats", "build", str(examples / "cms-export.csv"), "--mapping", str(mapping_file)]
    assert main([*args, *common]) == 0
    captured = capsys.readouterr()
    assert captured.out == expected  # the same five requests, the same statistics
    assert "5 rows, 5 records counted" in captured.err


# --- the fast date parser reads exactly what strptime reads -------------------------------

_FORMATS = [
    "%d/%m/%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S.%f", "%d-%m-%Y", "%m/%d/%Y %H:%M",
    "%Y%m%d%H%M%S", "%d %m %Y  %H:%M", "%d/%m/%Y %H:%M %%", "%Y-%m-%dT%H:%M:%S",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_FORMATS),
    st.datetimes(),
    st.text(alphabet="0123456789 /.:-T%", max_size=4),
    st.booleans(),
)
def test_compiled_date_formats_agree_with_strptime(
    pattern: str, moment: Any, noise: str, spoil: bool
) -> None:
    from datetime import datetime

    from spocschema.table_export import compile_date_format

    cell = moment.strftime(pattern)
    if spoil:  # hostile variations: unpadded, extra or missing characters
        cell = (cell.replace("0", "", 1) + noise) if noise else cell[:-1]
    try:
        expected: Any = datetime.strptime(cell, pattern)
    except ValueError:
        expected = ValueError
    try:
        got: Any = compile_date_format(pattern)(cell)
    except ValueError:
        got = ValueError
    assert got == expected, (pattern, cell)


def test_an_overlong_line_is_reported_and_skipped_without_being_held(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spocschema import table_export

    monkeypatch.setattr(table_export._BoundedLines.__init__, "__defaults__", (200,))
    long = ";".join(["x"] * 400)  # 800 characters, many cells
    data = csv_of(GOOD, with_cell("Ref", "cms-2", ref="cms-2")).decode()
    head, rest = data.split("\n", 1)
    text = head + "\n" + long + "\n" + rest.replace("night;\ndesk", "n")
    outcome = build_csv(text.encode())
    assert [(e.line, e.message) for e in outcome.errors] == [(2, "line longer than 200 characters")]
    assert outcome.counted + outcome.outside_year == 2
    assert outcome.lines_read == 3


def test_init_reads_an_excel_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import datetime

    workbook = openpyxl.Workbook()
    workbook.active.append(["Reference", "Urgent", "Received on"])
    workbook.active.append(["cms-1", "Yes", datetime(2024, 5, 2, 10, 0)])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    assert main(["stats", "mapping", "--init", str(path)]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["fields"]["exchange_id"] == {"column": "Reference"}
    assert data["fields"]["urgent"]["values"] == {"Yes": True}
    assert data["fields"]["received_at"] == {"column": "Received on"}  # ISO: no format needed
