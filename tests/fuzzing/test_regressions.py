"""Crashes the fuzzers found, each pinned as a plain example so it can never come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from spocschema.errors import DocumentError
from spocschema.loading import load_document

from .test_fuzz_cli import run_cli

COMPLIANT = Path(__file__).resolve().parents[2] / "examples" / "compliant-profile.json"


@pytest.mark.parametrize("text", ["\x1f", "a: b\x7f", "key: [1, 2]\n\x0c: 3", "é\x1b"])
def test_unprintable_character_in_yaml_is_a_document_error(text: str) -> None:
    """PyYAML's reader refuses control characters before parsing starts; that was a crash."""
    with pytest.raises(DocumentError) as caught:
        load_document(text, format="yaml")
    (problem,) = caught.value.problems
    assert "is not allowed in YAML" in problem.message
    assert problem.line is not None and problem.column is not None


def test_unprintable_character_position() -> None:
    with pytest.raises(DocumentError) as caught:
        load_document("a: 1\nb: x\x1fy\n", format="yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 5)
    assert "U+001F" in problem.message


@pytest.mark.parametrize("stdin", [b"", b"[]", b'{"schema_version": "2"}', b"\xff"])
def test_validate_reports_bad_input_instead_of_an_internal_error(stdin: bytes) -> None:
    """``validate`` used an unbound name for any invalid document and hid it as exit code 2."""
    code, out, err = run_cli(["validate", "-"], stdin=stdin)
    assert code in (1, 2)
    assert "<stdin>" in out + err
    assert "internal error" not in err


@pytest.mark.parametrize("name", ["", "   ", "x" * 301])
def test_rule_pack_without_a_usable_name_is_refused(name: str) -> None:
    """A blank pack name made ``check`` return a Report that broke the Report schema."""
    from spocschema.checker import check
    from spocschema.rules.packs import RulePack, RulePackError

    with pytest.raises(RulePackError, match="rule pack name"):
        check(COMPLIANT, as_of="2026-11-01", rule_packs=[RulePack(name=name)])


@pytest.mark.parametrize(
    ("text", "syntax"),
    [
        ('a: "\\ud800"', "yaml"),
        ('{"a": "x\\udfff"}', "json"),
        ('{"\\udc00": 1}', "json"),
        ('"\\udc00 key": 1', "yaml"),
    ],
)
def test_lone_surrogate_escapes_are_refused(text: str, syntax: str) -> None:
    """Found by the campaign: a lone ``\\uD800`` escape loaded into a profile, and every JSON
    output of it (``diff --format json``, reports) then crashed while encoding."""
    with pytest.raises(DocumentError) as caught:
        load_document(text, format=syntax)  # type: ignore[arg-type]
    assert "unpaired surrogate" in caught.value.problems[0].message


def test_surrogate_pairs_are_joined_in_yaml_as_in_json() -> None:
    """JSON text read as YAML (a .yaml file holding JSON) keeps its escaped emoji whole."""
    pair = '"\\ud83d\\ude00"'
    assert load_document('{"a": ' + pair + "}", format="yaml").data == {"a": "\U0001f600"}
    assert load_document('{"a": ' + pair + "}", format="json").data == {"a": "\U0001f600"}


@pytest.mark.parametrize("text", ["!!: 1", "!!int a: 1", "!!python/name:os.system x: 1"])
def test_bad_tags_on_mapping_keys_are_document_errors(text: str) -> None:
    """Found by atheris: a key with an empty or mismatched ``!!`` tag raised a bare ValueError."""
    with pytest.raises(DocumentError):
        load_document(text, format="yaml")


def test_diff_of_a_profile_with_an_escaped_surrogate_pair(tmp_path: Path) -> None:
    old = COMPLIANT.read_text(encoding="utf-8")
    new = old.replace('"acronym": "EX-SPOC"', '"acronym": "EX-SPOC \\ud83d\\ude00"')
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    code, out, err = run_cli(
        ["diff", "--format", "json", str(COMPLIANT), str(tmp_path / "new.yaml")]
    )
    assert "internal error" not in err
    assert code in (0, 1)
    assert "\U0001f600" in out or "\\ud83d\\ude00" in out


# --------------------------------------------------------------------------------------------
# Issue 13, parsing and types: each found by the hostile-input campaign, each pinned here.


def _profile_with(tmp_path: Path, name: str, **spoc: object) -> Path:
    import json

    data = json.loads(COMPLIANT.read_text(encoding="utf-8"))
    data["spoc"].update(spoc)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_yaml_values_are_counted_while_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 10 MB ``[{}, {}, ...]`` was composed whole (146 s, 2.7 GB) before being counted."""
    import yaml

    from spocschema.loading import Limits

    composed = []
    original = yaml.composer.Composer.compose_mapping_node

    def counting(self: object, anchor: object) -> object:
        composed.append(1)
        return original(self, anchor)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml.composer.Composer, "compose_mapping_node", counting)
    text = "a: [" + ", ".join(["{}"] * 5_000) + "]"
    with pytest.raises(DocumentError) as caught:
        load_document(text, format="yaml", limits=Limits(max_values=100))
    (problem,) = caught.value.problems
    assert problem.message == "more than 100 values"  # no alias in sight: none named
    assert problem.kind == "limit" and problem.line == 1 and problem.column is not None
    assert len(composed) <= 101  # the root and the values up to the limit, not 5,000


def test_yaml_alias_expansion_is_still_counted_and_named() -> None:
    from spocschema.loading import Limits

    text = "a: &x [1, 2, 3, 4]\nb: [*x, *x, *x, *x, *x, *x]\n"
    with pytest.raises(DocumentError) as caught:
        load_document(text, format="yaml", limits=Limits(max_values=20))
    assert "once YAML aliases are expanded" in caught.value.problems[0].message


def test_json_values_are_counted_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 10 MB array of ints used 0.95 GB in ``json.loads`` before the walk refused it."""
    from spocschema import loading
    from spocschema.loading import Limits

    def never(*args: object, **kwargs: object) -> object:
        raise AssertionError("json.loads must not run on a text over the value limit")

    monkeypatch.setattr(loading.json, "loads", never)
    text = '{"x-a": [' + ",".join(["0"] * 5_000) + '], "x-b": "a,b,c"}'
    with pytest.raises(DocumentError) as caught:
        load_document(text, format="json", limits=Limits(max_values=100))
    (problem,) = caught.value.problems
    assert problem.message == "more than 100 values" and problem.kind == "limit"
    assert (problem.line, problem.column) == (1, 9 + 2 * 100)  # the 100th comma: 101 values


def test_commas_inside_strings_do_not_count_as_values() -> None:
    from spocschema.loading import Limits

    text = '{"x-a": "' + "," * 5_000 + '", "x-b": ["\\",", ","]}'
    assert load_document(text, limits=Limits(max_values=10)).data["x-b"] == ['",', ","]


@pytest.mark.parametrize("number", ["0x" + "f" * 50_000, "0o" + "7" * 50_000, "0x" + "1" * 3_600])
def test_hex_and_octal_integers_are_under_the_digit_cap(number: str) -> None:
    """``0x`` + 50,000 digits validated, then ``diff`` died converting it to text."""
    with pytest.raises(DocumentError) as caught:
        load_document(f"x-n: {number}\n", format="yaml")
    assert "too many digits" in caught.value.problems[0].message


def test_hex_and_octal_integers_within_the_cap_load() -> None:
    assert load_document("a: 0xff\nb: 0o17\n", format="yaml").data == {"a": 255, "b": 15}


def test_an_oversized_duration_never_shows_pythons_hint() -> None:
    """``deadline --judicial-delay P<5000 digits>D`` printed ``sys.set_int_max_str_digits``."""
    code, out, err = run_cli(
        [
            "deadline",
            "--urgent",
            "--direct",
            "--received",
            "2026-01-01T00:00:00Z",
            "--judicial-delay",
            "P" + "9" * 5_000 + "D",
        ]
    )
    assert code == 2 and "more than 4300 digits" in err
    assert "set_int_max_str_digits" not in out + err


@pytest.mark.parametrize("delay", ["P9999999D", "P99999999999999999999D", "PT99999999999999H"])
def test_a_judicial_delay_past_the_calendar_is_a_clear_error(delay: str) -> None:
    """``deadline --judicial-delay P9999999D`` overflowed (internal error)."""
    code, _, err = run_cli(
        [
            "deadline",
            "--urgent",
            "--direct",
            "--received",
            "2026-01-01T00:00:00Z",
            "--judicial-delay",
            delay,
        ]
    )
    assert code == 2 and "internal error" not in err
    assert "9999" in err or "longest span" in err


def test_the_last_day_of_the_calendar_is_a_fine_establishment_date(tmp_path: Path) -> None:
    """``established_on: 9999-12-31`` passed the schema, then check/html/network died on the
    month arithmetic (year 10000)."""
    from spocschema.checker import check

    profile = _profile_with(tmp_path, "edge.json", established_on="9999-12-31")
    report = check(profile, as_of="2026-11-01")
    assert report.summary.errors == 0  # a deadline past the calendar is never missed
    for argv in (
        ["check", str(profile)],
        ["html", str(profile), "-o", str(tmp_path / "r.html")],
        ["network", str(tmp_path)],
    ):
        code, _, err = run_cli(argv)
        assert code in (0, 1) and "internal error" not in err, (argv, err)


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_evaluation_dates_at_the_ends_of_the_calendar(as_of: str, tmp_path: Path) -> None:
    """``check --as-of 0001-01-01`` died in the same arithmetic."""
    profile = _profile_with(tmp_path, "edge.json", established_on="9999-12-31")
    for argv in (
        ["check", "--as-of", as_of, str(COMPLIANT)],
        ["check", "--as-of", as_of, str(profile)],
    ):
        code, _, err = run_cli(argv)
        assert code in (0, 1) and "internal error" not in err, (argv, err)


def test_durations_longer_than_a_timedelta_are_compared_not_crashed() -> None:
    """A 40-character duration (the type's maximum) overflowed ``timedelta`` in the rules."""
    from datetime import timedelta

    from spocschema.rules.dates import certainly_longer
    from spocschema.types import duration_bounds

    longest = "P" + "9" * 38 + "Y"
    assert duration_bounds(longest) == (timedelta.max, timedelta.max)
    assert certainly_longer(longest, "P6M") and not certainly_longer("P6M", longest)


@pytest.mark.parametrize(
    "zone", ["Mars/Base", "../../etc/passwd", "Europe/Lis\x00bon", "europe/lisbon", "", "UTC "]
)
def test_time_zone_must_be_an_iana_name(zone: str) -> None:
    """``availability.time_zone`` accepted any text; the model and the schema now agree."""
    import json

    from spocschema import schemas, validate_profile

    data = json.loads(COMPLIANT.read_text(encoding="utf-8"))
    data["availability"]["time_zone"] = zone
    problems = validate_profile(data)
    assert [p.pointer for p in problems] == ["/availability/time_zone"]
    assert not schemas.validator_for("spoc-profile").is_valid(data)
    data["availability"]["time_zone"] = "America/Argentina/Buenos_Aires"
    assert validate_profile(data) == []
    assert schemas.validator_for("spoc-profile").is_valid(data)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (object(), "not a JSON value"),
        (b"bytes", "bytes are not a JSON value"),
        (10**5000, "too many digits"),
        ([1, {"deep": object()}], "not a JSON value"),
        ((1, 2), "use a list"),
    ],
    ids=["object", "bytes", "huge-int", "nested-object", "tuple"],
)
def test_extensions_handed_over_as_python_objects_must_be_json(
    value: object, fragment: str
) -> None:
    """``load_profile(dict)`` kept such ``x-`` values and failed later, at dump time."""
    import json

    from spocschema import load_profile

    data = json.loads(COMPLIANT.read_text(encoding="utf-8"))
    with pytest.raises(DocumentError) as caught:
        load_profile({**data, "x-national": value})
    (problem,) = caught.value.problems
    assert fragment in problem.message and problem.pointer.startswith("/x-national")


def test_a_huge_int_in_a_typed_field_is_refused_at_load() -> None:
    import json

    from spocschema import load_profile

    data = json.loads(COMPLIANT.read_text(encoding="utf-8"))
    data["heads_of_spoc_meetings"]["x-count"] = 10**5000
    with pytest.raises(DocumentError, match="too many digits"):
        load_profile(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\t\n", {"a": 1}),
        ("a:\tvalue\n", {"a": "value"}),
        ("a: value\t# comment\n", {"a": "value"}),
        ("a: x\ty\n", {"a": "x\ty"}),
        ("a: [1,\t2]\n", {"a": [1, 2]}),
        ("\t\na: 1\n", {"a": 1}),
        ("a: 'q'\t\n", {"a": "q"}),
    ],
)
def test_tabs_yaml_1_2_allows_are_accepted(text: str, expected: object) -> None:
    """Valid YAML 1.2 (a trailing tab, ``key:\\tvalue``) was refused as invalid."""
    assert load_document(text, format="yaml").data == expected


def test_tab_indentation_is_still_refused() -> None:
    with pytest.raises(DocumentError) as caught:
        load_document("a:\n\t- b\n", format="yaml")
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (2, 1)


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_called_utf32(codec: str) -> None:
    """UTF-32 was called UTF-16 (with a mark) or binary data (without)."""
    with pytest.raises(DocumentError) as caught:
        load_document('{"a": 1}'.encode(codec))
    assert caught.value.problems[0].message == "document is UTF-32 encoded; save it as UTF-8"


def test_a_control_character_in_a_json_string_is_named_and_located() -> None:
    """The message ``Invalid control character at`` ended with nothing."""
    with pytest.raises(DocumentError) as caught:
        load_document('{\n  "a": "x\ty"\n}', format="json")
    (problem,) = caught.value.problems
    assert "U+0009" in problem.message and not problem.message.endswith(" at")
    assert (problem.line, problem.column) == (2, 10)  # the tab itself


@pytest.mark.parametrize(
    ("as_of", "fragment"),
    [
        ("datetime", "not a datetime"),
        ("2026-02-30", "not a real calendar date"),
        ("2026-2-3", "YYYY-MM-DD"),
        (20260203, "not int"),
    ],
)
def test_check_as_of_says_what_it_got(as_of: object, fragment: str) -> None:
    """``check(as_of=datetime(...))`` raised a bare TypeError, ``"2026-02-30"`` a ValueError."""
    from datetime import datetime, timezone

    from spocschema import ArgumentError
    from spocschema.checker import check

    given = datetime(2026, 2, 3, tzinfo=timezone.utc) if as_of == "datetime" else as_of
    with pytest.raises(ArgumentError, match=fragment) as caught:
        check(COMPLIANT, as_of=given)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
