"""The profile models: strict on form, open to ``x-`` extensions, documented down to each code.

Also the public API's promises: one exception type carrying every problem, the same result from
a path, bytes, text or a dict, and an ``import spocschema`` that stays light.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from spocschema import DocumentError, Problem, SpocProfile, load_profile, validate_profile
from spocschema import enums as enums_module
from spocschema.enums import CodeEnum
from spocschema.models.base import legal_basis_of
from spocschema.models.profile import Languages, StateDeclaration, TimeLimits
from spocschema.types import duration_bounds, duration_parts

ROOT = Path(__file__).resolve().parents[1]
MINIMAL: dict[str, Any] = json.loads((ROOT / "examples" / "minimal-profile.json").read_text())
COMPLETE: dict[str, Any] = json.loads((ROOT / "examples" / "compliant-profile.json").read_text())

ENUMS = [
    value
    for value in vars(enums_module).values()
    if isinstance(value, type) and issubclass(value, CodeEnum) and value is not CodeEnum
]
#: Lists that are plain vocabulary with no legal content of their own.
PLAIN_VOCABULARY = {"Weekday"}
#: The closed lists of the Directive: every member must cite its provision.
CLOSED_LISTS = {
    "SpocTask": ("Art 14(2)", 6),
    "CmsFunction": ("Art 16(1)", 8),
    "AlternativeChannelGround": ("Art 13(2)", 3),
    "CopyExceptionGround": ("Art 4(2)", 3),
    "RefusalGround": ("Art 6", None),
    "UrgencyGround": ("Art", None),
}


def problems(document: Any) -> list[Problem]:
    with pytest.raises(DocumentError) as caught:
        load_profile(document)
    return caught.value.problems


# --------------------------------------------------------------------------------------------
# Code lists of the vocabulary


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_code_is_documented(enum: type[CodeEnum]) -> None:
    assert enum.__doc__ and len(enum.__doc__) > 20
    for member in enum:
        assert member.meaning, f"{enum.__name__}.{member.name} has no meaning"
        assert member.value == member.value.lower() and " " not in member.value
        assert f"`{member.value}`" in enum.describe()
    refs = [m.legal_basis for m in enum if m.legal_basis]
    assert refs or enum.__name__ in PLAIN_VOCABULARY, f"{enum.__name__} cites no legal basis"


#: Points of the Directive that name two grounds at once: Art 6(1)(f)(ii) covers both an ongoing
#: criminal investigation and the safety of a natural person.
SHARED_POINTS = {"Art 6(1)(f)(ii)"}


@pytest.mark.parametrize("name", sorted(CLOSED_LISTS))
def test_closed_lists_cite_their_provision_member_by_member(name: str) -> None:
    prefix, size = CLOSED_LISTS[name]
    enum = getattr(enums_module, name)
    if size is not None:
        assert len(enum) == size
    for member in enum:
        assert member.legal_basis.startswith(prefix), (member, member.legal_basis)
    points = [m.legal_basis for m in enum if m.legal_basis not in SHARED_POINTS]
    assert len(points) == len(set(points)), "two members cite the same point"


def test_required_units_are_the_three_of_art_15_2() -> None:
    refs = sorted(unit.legal_basis for unit in enums_module.REQUIRED_UNITS)
    assert refs == ["Art 15(2)(a)", "Art 15(2)(b)", "Art 15(2)(c)"]


def test_codes_are_compared_as_strings() -> None:
    assert enums_module.SpocTask("send_requests") == "send_requests"
    assert str(enums_module.SpocTask.SEND_REQUESTS) == "send_requests"


def test_legal_basis_of_fields() -> None:
    assert legal_basis_of(StateDeclaration, "country") == ("Art 14(1)",)
    assert legal_basis_of(TimeLimits, "urgent_directly_accessible") == ("Art 5(1)(a)",)
    assert legal_basis_of(Languages, "working_languages") == ("Art 11(1)",)
    assert legal_basis_of(StateDeclaration, "position_statement") == ()


# --------------------------------------------------------------------------------------------
# Form


def test_well_formed_but_non_compliant_facts_load() -> None:
    document = copy.deepcopy(COMPLETE)
    document["time_limits"]["urgent_directly_accessible"] = "PT12H"
    document["languages"]["working_languages"] = ["pt"]
    document["availability"] = {"around_the_clock": False}
    profile = load_profile(document)
    assert profile.time_limits is not None
    assert profile.time_limits.urgent_directly_accessible == "PT12H"


def test_unknown_keys_are_errors_at_every_level_and_x_keys_are_kept() -> None:
    document = copy.deepcopy(COMPLETE)
    document["spoc"]["nmae"] = "typo"
    document["organisation"]["composition"][0]["includd"] = True
    document["X-upper"] = 1
    document["x_underscore"] = 1
    found = {p.pointer: p for p in problems(document)}
    assert set(found) == {
        "/spoc/nmae",
        "/organisation/composition/0/includd",
        "/X-upper",
        "/x_underscore",
    }
    assert all(p.code == "extra_forbidden" and "unknown key" in p.message for p in found.values())
    for pointer in found:
        *parents, key = pointer.split("/")[1:]
        target: Any = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[key]
        target["x-" + key] = {"kept": [1, None]}
    profile = load_profile(document)
    assert profile.spoc.extensions == {"x-nmae": {"kept": [1, None]}}
    assert profile.organisation is not None and profile.organisation.composition is not None
    assert profile.organisation.composition[0].extensions == {"x-includd": {"kept": [1, None]}}
    assert list(profile.extensions)[-2:] == ["x-X-upper", "x-x_underscore"]


def test_extensions_are_a_live_mapping() -> None:
    profile = load_profile(MINIMAL)
    profile.extensions["x-added"] = [1]
    profile.spoc.extensions["x-note"] = "n"
    dumped = profile.to_document()
    assert dumped["x-added"] == [1] and dumped["spoc"]["x-note"] == "n"


@pytest.mark.parametrize(
    "pointer",
    ["/spoc/acronym", "/spoc/name", "/state/directive_application", "/tasks", "/languages"],
)
def test_null_is_refused_for_optional_and_required_keys(pointer: str) -> None:
    document = copy.deepcopy(COMPLETE)
    *parents, key = pointer.split("/")[1:]
    target = document
    for part in parents:
        target = target[part]
    target[key] = None
    (problem,) = problems(document)
    assert problem.pointer == pointer
    assert problem.code == "null_not_allowed" and "null is not allowed" in problem.message


def test_absent_optional_facts_are_none() -> None:
    profile = load_profile(MINIMAL)
    assert profile.spoc.acronym is None and profile.tasks is None
    assert "acronym" not in profile.to_document()["spoc"]


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (("schema_version", "1.2"), "literal_error"),
        (("schema_version", 1.0), "literal_error"),
        (("revision_date", "2024-02-30"), "date_impossible"),
        (("revision_date", "2024-2-3"), "date_format"),
        (("revision_date", "2024-01-01T00:00:00Z"), "date_format"),
        (("tasks", ["send_requests", "send_requests"]), "unique_items"),
        (("tasks", ["Send_Requests"]), "enum"),
        (("tasks", "send_requests"), "list_type"),
        (("spoc", "Office"), "model_type"),
        (("spoc", {"name": "a" * 301}), "string_too_long"),
        (("spoc", {"name": "", "identifier": "-bad"}), "string_too_short"),
        (("spoc", {"name": "ok", "identifier": "bad id"}), "invalid_identifier"),
        (("time_limits", {"other_requests": "P1W2D"}), "invalid_duration"),
        (("time_limits", {"other_requests": "7 days"}), "invalid_duration"),
        (("availability", {"around_the_clock": "true"}), "bool_type"),
        (("availability", {"around_the_clock": 1}), "bool_type"),
        (
            (
                "availability",
                {
                    "around_the_clock": False,
                    "weekly_schedule": [{"day": "monday", "opens": "8:00", "closes": "24:00"}],
                },
            ),
            "invalid_time_of_day",
        ),
        (("resources", {"staff_full_time_equivalents": 2.5}), "int_type"),
        (("resources", {"staff_full_time_equivalents": -1}), "greater_than_equal"),
        (("statistics", {"last_reporting_year": 1989}), "year_range"),
        (("$schema", "file:///etc/passwd"), "invalid_http_url"),
    ],
    ids=lambda value: str(value)[:40],
)
def test_form_errors_have_stable_codes(edit: tuple[str, Any], code: str) -> None:
    key, value = edit
    found = problems({**MINIMAL, key: value})
    assert code in {p.code for p in found}, [p.to_dict() for p in found]
    assert all(p.kind == "structure" and p.pointer.startswith(f"/{key}") for p in found)


def test_a_document_error_carries_every_problem() -> None:
    document = copy.deepcopy(MINIMAL)
    document["revision_date"] = "2024-13-01"
    document["state"]["country"] = "ZZ"
    document["spoc"] = {"nmae": "typo"}
    document["tasks"] = ["fly"]
    document["languages"] = {"working_languages": ["xx"]}
    error_problems = problems(document)
    assert [p.pointer for p in error_problems] == [
        "/languages/working_languages/0",
        "/revision_date",
        "/spoc/name",
        "/spoc/nmae",
        "/state/country",
        "/tasks/0",
    ]  # data without positions: in pointer order
    error = DocumentError("<data>", error_problems)
    assert str(error).startswith("<data>: 6 problems; first:")
    assert len(error.lines()) == 6
    assert all(set(p.to_dict()) >= {"kind", "message", "pointer", "code"} for p in error_problems)


def test_messages_never_echo_long_input() -> None:
    (problem,) = problems({**MINIMAL, "revision_date": "9" * 10_000})
    assert len(problem.message) < 120


# --------------------------------------------------------------------------------------------
# API


def test_load_and_validate_from_every_kind_of_source(tmp_path: Path) -> None:
    path = ROOT / "examples" / "compliant-profile.json"
    expected = load_profile(path)
    assert expected == load_profile(path.read_bytes()) == load_profile(path.read_text("utf-8"))
    assert expected == load_profile(COMPLETE) == load_profile(bytearray(path.read_bytes()))
    for source in (path, path.read_bytes(), path.read_text("utf-8"), COMPLETE):
        assert validate_profile(source) == []
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**COMPLETE, "tasks": ["fly"]}), "utf-8")
    (problem,) = validate_profile(broken)
    assert problem.pointer == "/tasks/0" and problem.line is not None
    (named,) = validate_profile(broken.read_bytes(), name="upload.json")
    assert named.format("upload.json").startswith("upload.json:")


def test_duration_helpers() -> None:
    assert duration_parts("P1Y2M3DT4H5M6S") == {
        "weeks": 0, "years": 1, "months": 2, "days": 3, "hours": 4, "minutes": 5, "seconds": 6,
    }  # fmt: skip
    low, high = duration_bounds("P1M")
    assert (low.days, high.days) == (28, 31)
    assert duration_bounds("PT8H")[1].total_seconds() == 8 * 3600
    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        duration_parts("8 hours")


def test_import_is_light() -> None:
    """``import spocschema`` loads neither jsonschema nor YAML; loading JSON needs neither."""
    code = textwrap.dedent(
        """
        import sys
        import spocschema
        heavy = {"jsonschema", "yaml", "referencing"}
        print(sorted(heavy & set(sys.modules)))
        spocschema.load_profile(sys.stdin.buffer.read())
        print(sorted(heavy & set(sys.modules)))
        spocschema.load_profile(b"schema_version: '1.0'\\nrevision_date: 2026-01-01\\n"
                                b"state: {country: XK, status: partner_aligning}\\n"
                                b"spoc: {name: Office}\\n")
        print(sorted(heavy & set(sys.modules)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=(ROOT / "examples" / "minimal-profile.json").read_bytes(),
        capture_output=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    after_import, after_json, after_yaml = done.stdout.decode().splitlines()
    assert after_import == "[]"
    assert after_json == "[]"
    assert after_yaml == "['yaml']"


def test_public_names() -> None:
    import spocschema

    assert set(spocschema.__all__) <= set(dir(spocschema))
    assert spocschema.SpocProfile is SpocProfile
    with pytest.raises(AttributeError):
        spocschema.no_such_name  # noqa: B018


def test_a_misspelt_attribute_fails_instead_of_becoming_a_key() -> None:
    profile = load_profile(MINIMAL)
    with pytest.raises(AttributeError, match="no field 'nmae'"):
        profile.nmae = "x"  # type: ignore[attr-defined]
    profile.spoc.acronym = "EX"
    assert profile.to_document()["spoc"]["acronym"] == "EX"
    assert "nmae" not in profile.to_document()
