"""Bad input is a normal case: every kind ends in a located ``DocumentError``, never a crash.

Also checks that YAML means what JSON means (YAML 1.2 core schema: ``NO`` stays "NO"), that
positions point at the offending key, and that the JSON fast path (``spocschema._fastpath``)
reaches exactly the verdict and model of the slow, located path on generated documents.
"""

from __future__ import annotations

import io
import json
import math
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _strategies import Pairs, documents, json_values, mutants, write_json
from spocschema import DocumentError, load_profile, validate_profile
from spocschema.errors import Problem
from spocschema.loading import Limits, load_document
from spocschema.models.profile import SpocProfile
from spocschema.models.statistics import AnnualStatistics
from spocschema.report import Report
from spocschema.validation import validate_document

ROOT = Path(__file__).resolve().parents[1]
MINIMAL_JSON = (ROOT / "examples" / "minimal-profile.json").read_bytes()
MINIMAL: dict[str, Any] = json.loads(MINIMAL_JSON)
MINIMAL_YAML = b"""\
schema_version: "1.0"
revision_date: 2026-11-01
state:
  country: XK
  status: partner_aligning
spoc:
  name: Example International Police Cooperation Office (fictional)
"""

#: Finished well within this many seconds, or it counts as a hang.
PROMPT = 10.0


def problems_of(source: Any, **kwargs: Any) -> list[Problem]:
    """The problems ``load_profile`` reports; fails the test on success or a foreign exception."""
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        load_profile(source, **kwargs)
    assert time.perf_counter() - started < PROMPT
    error = caught.value
    assert error.problems, "a DocumentError must carry at least one problem"
    assert str(error) and all(len(p.message) <= 500 for p in error.problems)
    return error.problems


def only(source: Any, **kwargs: Any) -> Problem:
    (problem,) = problems_of(source, **kwargs)
    return problem


# --------------------------------------------------------------------------------------------
# Reading


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty"),
        ('{"a": 1}'.encode("utf-16"), "UTF-16"),
        ('{"a": 1}'.encode("utf-16-be"), "UTF-16"),
        ('{"a": 1}'.encode("utf-16-le"), "UTF-16"),
        ('{"a": 1}'.encode("utf-32"), "UTF-32"),
        ('{"a": 1}'.encode("utf-32-be"), "UTF-32"),
        ('{"a": 1}'.encode("utf-32-le"), "UTF-32"),
        (b'{"a": 1}\x00', "NUL byte"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL byte"),
    ],
    ids=[
        "empty",
        "whitespace",
        "utf16-bom",
        "utf16be-no-bom",
        "utf16le-no-bom",
        "utf32-bom",
        "utf32be-no-bom",
        "utf32le-no-bom",
        "nul",
        "binary",
    ],
)
def test_unreadable_bytes_are_refused(raw: bytes, fragment: str) -> None:
    problem = only(raw)
    assert fragment in problem.message
    assert problem.kind == "read"


def test_invalid_utf8_is_located() -> None:
    problem = only(b'{\n  "schema_version": "1.0",\n  "x-a": "caf\xe9"\n}')
    assert "not valid UTF-8" in problem.message and "0xe9" in problem.message
    assert (problem.line, problem.column) == (3, 14)  # the 14th character of line 3


@pytest.mark.parametrize("body", [MINIMAL_JSON, MINIMAL_YAML], ids=["json", "yaml"])
def test_a_utf8_byte_order_mark_is_accepted(body: bytes) -> None:
    assert load_profile(b"\xef\xbb\xbf" + body).state.country == "XK"


def test_size_limit_for_bytes_and_files(tmp_path: Path) -> None:
    small = Limits(max_bytes=100)
    assert "100-byte limit" in only(MINIMAL_JSON, limits=small).message
    path = tmp_path / "big.json"
    path.write_bytes(MINIMAL_JSON)
    problem = only(path, limits=small)
    assert problem.kind == "limit" and "limit" in problem.message
    assert load_profile(path).spoc.name.startswith("Example")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert only(tmp_path / "absent.json").message == "no such file"
    assert "directory" in only(tmp_path).message


# --------------------------------------------------------------------------------------------
# JSON


@pytest.mark.parametrize(
    "text",
    [
        '{"schema_version": "1.0",\n "schema_version": "1.0"}',
        '{"a": {"b": 1,\n "b": 2}}',
    ],
)
def test_duplicate_json_keys_are_refused_with_their_line(text: str) -> None:
    dup = next(p for p in problems_of(text) if "duplicate key" in p.message)
    assert dup.line == 2 and dup.column == 2


def test_duplicate_keys_in_an_otherwise_valid_profile_are_refused() -> None:
    """pydantic's own JSON parser keeps the last value silently; the fast path must not."""
    text = MINIMAL_JSON.decode().replace(
        '"revision_date": "2026-11-01",',
        '"revision_date": "2026-11-01",\n  "revision_date": "2026-11-02",',
    )
    problem = only(text)
    assert "duplicate key 'revision_date'" in problem.message
    assert problem.pointer == "/revision_date" and problem.line == 4
    extension = text.replace('"revision_date": "2026-11-02",', '"x-a": 1, "x-a": 1,')
    assert "duplicate key 'x-a'" in only(extension).message


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
@pytest.mark.parametrize("where", ["top", "extension", "count"])
def test_non_finite_numbers_are_refused(token: str, where: str) -> None:
    body = {
        "top": '"x-n": {t}',
        "extension": '"x-n": {{"deep": [1, {t}]}}',
        "count": '"resources": {{"staff_full_time_equivalents": {t}}}',
    }[where].format(t=token)
    text = MINIMAL_JSON.decode().replace("{", "{" + body + ",", 1)
    problem = only(text)
    assert "finite" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize(
    ("text", "kind"),
    [("[1, 2]", "an array"), ("42", "a single value"), ('"text"', "a single value")],
)
def test_the_top_level_must_be_an_object(text: str, kind: str) -> None:
    problem = only(text.encode())
    assert f"not {kind}" in problem.message and (problem.line, problem.column) == (1, 1)


def test_huge_integers() -> None:
    text = MINIMAL_JSON.decode().replace(
        "{", '{"resources": {"staff_full_time_equivalents": %s},', 1
    )
    assert load_profile(text % (10**30)).resources.staff_full_time_equivalents == 10**30
    problem = only(text % ("9" * 5000))
    assert "too many digits" in problem.message and problem.line == 1


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_json_nesting_100000_deep_is_refused_promptly(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    text = opening * 100_000 + "1" * (opening != "[") + closing * 100_000
    problem = only(text)
    assert problem.kind == "limit" and "nesting deeper" in problem.message
    assert problem.line == 1 and problem.column == 65 * len(opening) - len(opening) + 1


def test_depth_limit_is_the_same_for_fast_and_slow_paths() -> None:
    def deep(levels: int) -> str:
        return json.dumps({**MINIMAL, "x-deep": json.loads("[" * levels + "]" * levels)})

    assert load_profile(deep(64)).extensions["x-deep"]
    assert "nesting deeper" in only(deep(65)).message
    assert load_profile(deep(3), limits=Limits(max_depth=3)).extensions["x-deep"] == [[[]]]
    assert "nesting deeper" in only(deep(3), limits=Limits(max_depth=2)).message
    assert "nesting deeper" in only(MINIMAL_JSON, limits=Limits(max_depth=1)).message


def test_value_limit() -> None:
    text = json.dumps({**MINIMAL, "x-many": list(range(1000))})
    assert "more than 1000 values" in only(text, limits=Limits(max_values=1000)).message
    assert load_profile(text, limits=Limits(max_values=1009)).extensions["x-many"][-1] == 999


# --------------------------------------------------------------------------------------------
# YAML


def test_yaml_duplicate_keys_are_refused_with_their_line() -> None:
    problem = only(MINIMAL_YAML + b"state: {}\n")
    assert "duplicate key 'state'" in problem.message
    assert (problem.line, problem.column, problem.pointer) == (8, 1, "/state")


def test_yaml_nesting_100000_deep_is_refused_promptly() -> None:
    assert "nesting deeper" in only(b"a: " + b"[" * 100_000 + b"]" * 100_000).message
    block = "".join("  " * i + "a:\n" for i in range(2000)).encode()
    assert "nesting deeper" in only(block).message


def test_yaml_alias_bomb_is_refused_promptly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    problem = only("\n".join(lines).encode())
    assert problem.kind == "limit" and "aliases" in problem.message


def test_yaml_recursive_alias_is_refused() -> None:
    assert "recursive" in only(b"a: &loop [*loop]\n").message


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['echo owned']",
        "!!python/name:builtins.print",
        "!!binary aGVsbG8=",
        "!!timestamp 2024-01-01",
        "!!set {a, b}",
        "!custom 1",
        "!<tag:example.org,2024:thing> 1",
    ],
)
def test_yaml_tags_that_construct_objects_are_refused(tagged: str) -> None:
    problem = only(MINIMAL_YAML + f"x-tagged: {tagged}\n".encode())
    assert "tag" in problem.message and "not allowed" in problem.message
    assert problem.pointer == "/x-tagged" and problem.line == 8


def test_standard_yaml_tags_are_honoured() -> None:
    profile = load_profile(MINIMAL_YAML + b'x-s: !!str 123\nx-i: !!int "7"\n')
    assert profile.extensions == {"x-s": "123", "x-i": 7}
    assert "not a valid !!int" in only(MINIMAL_YAML + b"x-i: !!int seven\n").message


def test_multiple_yaml_documents_are_refused() -> None:
    assert "single document" in only(MINIMAL_YAML + b"---\nspoc: {}\n").message


def test_yaml_means_what_json_means() -> None:
    """YAML 1.2 core schema: no Norway problem, no sexagesimal numbers, no yes/no booleans."""
    loaded = load_document(
        b"country: NO\nwords: [yes, no, on, off, y, n]\ntime: 08:00\nsexagesimal: 1:20\n"
        b"octal: 0o17\nleading_zero: 017\ndate: 2024-01-01\nbool: true\nnull_value: ~\n"
        b"merge: {<<: {a: 1}}\n"
    )
    assert loaded.data == {
        "country": "NO",
        "words": ["yes", "no", "on", "off", "y", "n"],
        "time": "08:00",
        "sexagesimal": "1:20",
        "octal": 15,
        "leading_zero": 17,
        "date": "2024-01-01",
        "bool": True,
        "null_value": None,
        "merge": {"<<": {"a": 1}},
    }


def test_norway_and_yaml_dates_reach_the_model_as_strings() -> None:
    norway = MINIMAL_YAML.replace(b"country: XK", b"country: NO")
    assert load_profile(norway).state.country == "NO"
    impossible = only(MINIMAL_YAML.replace(b"2026-11-01", b"2026-02-30"))
    assert impossible.message == "'2026-02-30' is not a real calendar date"
    assert (impossible.line, impossible.pointer) == (2, "/revision_date")
    yes = only(MINIMAL_YAML + b"availability:\n  around_the_clock: yes\n")
    assert (
        yes.pointer == "/availability/around_the_clock" and yes.message == "expected true or false"
    )


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e999"])
def test_yaml_non_finite_numbers_are_refused(value: str) -> None:
    problem = only(MINIMAL_YAML + f"x-n: {value}\n".encode())
    assert "finite" in problem.message or "NaN" in problem.message
    assert problem.line == 8


def test_yaml_syntax_errors_are_located() -> None:
    problem = only(b"schema_version: '1.0'\nstate: [1,\nspoc: x\n")
    assert problem.message.startswith("invalid YAML") and problem.line == 4


# --------------------------------------------------------------------------------------------
# Source kinds


def test_sources_path_bytes_str_and_dict_give_the_same_profile(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_bytes(MINIMAL_YAML)
    expected = load_profile(MINIMAL)
    for source in (ROOT / "examples" / "minimal-profile.json", path, MINIMAL_JSON, MINIMAL_YAML):
        assert load_profile(source) == expected
    assert load_profile(MINIMAL_JSON.decode()) == expected
    assert load_profile(MINIMAL_YAML.decode()) == expected
    assert validate_profile(MINIMAL) == []


def test_a_str_is_text_never_a_path() -> None:
    problem = only("examples/minimal-profile.json")
    assert "pass a pathlib.Path" in problem.message


def test_dict_input_is_checked_like_parsed_text() -> None:
    assert "finite" in only({**MINIMAL, "x-n": math.nan}).message
    assert only({**MINIMAL, "x-n": {"a": [math.inf]}}).pointer == "/x-n/a/0"
    assert "strings" in only({**MINIMAL, 1: "a"}).message
    assert (
        "nesting deeper" in only({**MINIMAL, "x-d": [[[[]]]]}, limits=Limits(max_depth=3)).message
    )


def test_unsupported_source_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        load_profile(42)  # type: ignore[arg-type]


def test_format_can_be_forced() -> None:
    assert load_profile(MINIMAL_JSON, format="yaml") == load_profile(MINIMAL_JSON)  # JSON is YAML
    assert "invalid JSON" in only(MINIMAL_YAML, format="json").message


# --------------------------------------------------------------------------------------------
# Positions


def test_structure_errors_point_at_the_key_in_json() -> None:
    text = (
        b'{\n  "schema_version": "1.0",\n  "revision_date": "2023-02-30",\n'
        b'  "state": {"country": "ZZ", "status": "eu_member_state"},\n'
        b'  "spoc": {\n    "nmae": "x"\n  },\n'
        b'  "languages": {"working_languages": ["en", 5]}\n}'
    )
    found = {p.pointer: (p.line, p.column, p.code) for p in problems_of(text)}
    assert found == {
        "/revision_date": (3, 3, "date_impossible"),
        "/state/country": (4, 13, "country_code"),
        "/spoc/name": (5, 3, "missing"),  # a missing key points at its parent object
        "/spoc/nmae": (6, 5, "extra_forbidden"),
        "/languages/working_languages/1": (8, 45, "language_type"),
    }


def test_structure_errors_point_at_the_key_in_yaml() -> None:
    text = (
        b'schema_version: "1.0"\nrevision_date: 2023-02-30\nstate:\n  country: ZZ\n'
        b"  status: eu_member_state\nspoc:\n  nmae: x\nlanguages:\n  working_languages:\n"
        b"    - en\n    - 5\n"
    )
    found = {p.pointer: (p.line, p.column) for p in problems_of(text)}
    assert found == {
        "/revision_date": (2, 1),
        "/state/country": (4, 3),
        "/spoc/name": (6, 1),
        "/spoc/nmae": (7, 3),
        "/languages/working_languages/1": (11, 7),
    }


def test_problems_come_in_document_order() -> None:
    problems = problems_of(b'{"x": 1,\n"y": 2,\n"z": 3}')
    lines = [p.line or 0 for p in problems]
    assert lines == sorted(lines)


# --------------------------------------------------------------------------------------------
# Fast path and slow path agree


def slow(text: str | bytes) -> SpocProfile:
    return validate_document(load_document(text), SpocProfile)


def verdict(run: Any, text: str | bytes) -> tuple[bool, Any]:
    try:
        return True, run(text)
    except DocumentError as error:
        return False, [(p.pointer, p.message) for p in error.problems]


def write(value: Any, spaced: bool) -> str:
    return write_json(value, " : " if spaced else ": ")


@st.composite
def texts(draw: st.DrawFn) -> str:
    """JSON texts of profiles, valid or not, with duplicates, NaN and odd spacing now and then."""
    document, _ = (
        draw(mutants(SpocProfile)) if draw(st.booleans()) else (draw(documents(SpocProfile)), "")
    )
    objects = [document]
    stack = [document]
    while stack:
        for child in (v for v in (stack.pop()).values() if isinstance(v, dict)):
            objects.append(child)
            stack.append(child)
    target = draw(st.sampled_from(objects))
    edit = draw(st.sampled_from(["none", "duplicate", "nan", "escaped"]))
    if edit == "duplicate" and target:
        key = draw(st.sampled_from(sorted(target)))
        pairs = Pairs(target.items())
        pairs.insert(
            draw(st.integers(0, len(pairs))), (key, draw(st.just(target[key]) | json_values(2)))
        )
        parent = (
            next(o for o in objects if any(v is target for v in o.values()))
            if target is not document
            else None
        )
        if parent is None:
            return write(pairs, draw(st.booleans()))
        parent_key = next(k for k, v in parent.items() if v is target)
        parent[parent_key] = pairs
    elif edit == "nan":
        target["x-n"] = draw(st.sampled_from([math.nan, math.inf, -math.inf]))
    elif edit == "escaped":
        target["x-q"] = draw(st.sampled_from(['a":b', '\\":', '"', 'x" : 1']))
    return write(document, draw(st.booleans()))


@settings(
    max_examples=int(os.environ.get("SPOCSCHEMA_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(texts())
def test_fast_and_slow_paths_agree(text: str) -> None:
    assert verdict(load_profile, text) == verdict(slow, text)
    raw = text.encode()
    assert verdict(load_profile, raw) == verdict(slow, raw)


@pytest.mark.parametrize("value", ["null", "1", '"x"', "{}"])
def test_unknown_keys_are_refused_on_the_fast_path(value: str) -> None:
    """pydantic does not check extra keys when it validates JSON; the fast path must."""
    text = MINIMAL_JSON.decode().replace('"name"', f'"nmae": {value}, "name"')
    problem = only(text)
    assert problem.code == "extra_forbidden" and problem.pointer == "/spoc/nmae"
    assert load_profile(text.replace('"nmae"', '"x-nmae"')).spoc.extensions


def test_keys_spaced_before_the_colon_and_escaped_quotes() -> None:
    spaced = MINIMAL_JSON.decode().replace('":', '" :')
    assert load_profile(spaced) == load_profile(MINIMAL_JSON)
    quoted = json.dumps({**MINIMAL, "x-q": 'say "a": b', "x-r": '\\":'})
    assert load_profile(quoted).extensions["x-q"] == 'say "a": b'
    colon_first = json.dumps({**MINIMAL, "x-c": ": starts with a colon", ":": 1})
    assert only(colon_first).pointer == "/:"  # an unknown key, found even so
    duplicated = spaced.replace('"state" :', '"x-a" : 1, "x-a" : 2, "state" :')
    assert "duplicate key 'x-a'" in only(duplicated).message


def test_characters_yaml_forbids_are_located() -> None:
    problem = only(MINIMAL_YAML + b'x-c: "a\x7fb"\n')
    assert "U+007F" in problem.message and (problem.line, problem.column) == (8, 8)


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A valid document with a few bytes inserted, deleted or replaced."""
    data = bytearray(draw(st.sampled_from([MINIMAL_JSON, MINIMAL_YAML])))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        junk = draw(
            st.binary(max_size=4) | st.sampled_from([b"&a ", b"*a", b"!!", b"{", b"]", b"\\"])
        )
        data[at : at + draw(st.integers(0, 3))] = junk
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(damaged() | st.binary(max_size=200) | st.text(max_size=200))
def test_any_input_gives_a_profile_or_a_document_error(source: bytes | str) -> None:
    """Never a crash: whatever the bytes, the one exception type, with a message."""
    try:
        load_profile(source)
    except DocumentError as error:
        assert error.problems and all(p.message for p in error.problems)


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _keys_in(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_keys_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(_keys_in(v) for v in value)
    return 0


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(json_values(12).filter(lambda v: isinstance(v, dict)), st.sampled_from([None, 1, 2]))
def test_count_keys_is_an_upper_bound_and_exact_in_practice(
    value: dict[str, Any], indent: int | None
) -> None:
    from spocschema._fastpath import count_keys

    raw = json.dumps(value, indent=indent, ensure_ascii=False).encode()
    counted = count_keys(raw.replace(b'": ', b'" : '))  # white space before colons, too
    assert counted >= _keys_in(value)
    if b'\\"' not in raw and not any(s.lstrip(" \t\r\n").startswith(":") for s in _strings(value)):
        assert counted == _keys_in(value)


def test_fast_path_declines_what_it_cannot_vouch_for() -> None:
    from spocschema._fastpath import validate_json_fast

    limits = Limits()
    assert validate_json_fast(MINIMAL_JSON, SpocProfile, limits) == load_profile(MINIMAL)
    assert validate_json_fast(b"\xef\xbb\xbf" + MINIMAL_JSON, SpocProfile, limits) is not None
    duplicate = MINIMAL_JSON.replace(b'"state"', b'"x-a": 1, "x-a": 1, "state"')
    assert validate_json_fast(duplicate, SpocProfile, limits) is None
    assert (
        validate_json_fast(MINIMAL_JSON.replace(b"{", b'{"x-n": NaN,', 1), SpocProfile, limits)
        is None
    )
    # The minimal profile nests two levels and holds 8 values; the census declines a depth
    # limit below what the model could hold.
    assert validate_json_fast(MINIMAL_JSON, SpocProfile, Limits(max_depth=1)) is None
    assert validate_json_fast(MINIMAL_JSON, SpocProfile, Limits(max_values=7)) is None
    assert validate_json_fast(MINIMAL_JSON, SpocProfile, Limits(max_values=8)) is not None
    assert validate_json_fast(MINIMAL_YAML, SpocProfile, limits) is None


def _items_in(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_items_in(v) for v in value.values())
    if isinstance(value, list):
        return len(value) + sum(_items_in(v) for v in value)
    return 0


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.json")), ids=lambda p: p.name)
def test_census_counts_what_the_text_holds(path: Path) -> None:
    """The census (a walk written per model class) finds every key and array item."""
    from spocschema._fastpath import _census

    raw = path.read_bytes()
    data = json.loads(raw)
    model = SpocProfile.model_validate_json(raw)
    assert _census(model, Limits()) == (_keys_in(data), _items_in(data))


@pytest.mark.parametrize(
    "where",
    [
        '"official_names": [{"language": "en", "name": "N", %s}]',  # spoc: a list of leaves
        '"x-e": 1, %s',  # spoc itself
    ],
    ids=["leaf-in-list", "model"],
)
@pytest.mark.parametrize(
    "extra",
    ['"nmae": 1', '"x-n": NaN', '"x-d": ' + "[" * 61 + "]" * 61, '"x-d": ' + "[" * 64 + "]" * 64],
    ids=["unknown", "nan", "deep", "too-deep"],
)
def test_keys_below_the_top_are_checked_on_the_fast_path(where: str, extra: str) -> None:
    """Unknown keys, NaN and depth in extensions below the top level, as the slow path sees them."""
    text = MINIMAL_JSON.decode().replace('"spoc": {', '"spoc": {' + where % extra + ", ")
    assert verdict(load_profile, text) == verdict(slow, text)
    fine = text.replace(extra, '"x-ok": [1]')
    assert load_profile(fine) == slow(fine)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(Report))
def test_census_counts_reports(document: dict[str, Any]) -> None:
    """The per-class census steps on another document type (lists of models in models)."""
    from spocschema._fastpath import _census

    instance = Report.model_validate_json(json.dumps(document))
    assert _census(instance, Limits()) == (_keys_in(document), _items_in(document))


def test_census_counts_maps_of_models() -> None:
    """Annual statistics hold maps of models (per requesting state), walked value by value."""
    from exchange_samples import jsonl, year_of_records
    from spocschema._fastpath import _census, validate_json_fast
    from spocschema.statistics import StatisticsAggregator, records_from

    outcome = records_from(
        io.BytesIO(jsonl(year_of_records(2024, 300))), StatisticsAggregator("PT", 2024)
    )
    assert outcome.statistics is not None
    raw = outcome.statistics.to_json().encode()
    document = json.loads(raw)
    assert document["requests_received"]["by_requesting_state"]
    instance = AnnualStatistics.model_validate_json(raw)
    assert _census(instance, Limits()) == (_keys_in(document), _items_in(document))
    assert validate_json_fast(raw, AnnualStatistics, Limits()) == instance
    state = next(iter(document["requests_received"]["by_requesting_state"]))
    unknown = raw.replace(f'"{state}": {{'.encode(), f'"{state}": {{"nmae": 1, '.encode(), 1)
    assert unknown != raw and validate_json_fast(unknown, AnnualStatistics, Limits()) is None
