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
