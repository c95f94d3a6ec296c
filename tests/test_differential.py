"""The models and the published schema reach the same verdict on any document.

Hypothesis generates valid documents from the models' field types, then edits them once
(missing keys, wrong types, bad codes, extra and ``x-`` keys, impossible dates, boundary
values) and asks both the pydantic model and jsonschema's Draft 2020-12 validator, with format
checking, whether the result is valid. Any disagreement is a bug in a type or in the schema
generator.

The ``pattern`` keyword is checked with ``regress``, an ECMA-262 regular expression engine.
JSON Schema defines ``pattern`` as ECMA-262, and Python's ``re`` differs: its ``$`` also
matches before a trailing newline, so with plain jsonschema ``"PT8H\\n"`` passes
``^P...$`` while every ECMA-262 validator (and the models) refuse it.

Set ``SPOCSCHEMA_HYPOTHESIS_EXAMPLES`` to run more examples (e.g. 5000 before a release).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator, ValidationError, validators
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from _strategies import documents, mutants
from spocschema import schemas
from spocschema.models.profile import SpocProfile
from spocschema.report import Report

regress = pytest.importorskip("regress", reason="regress (ECMA-262 regex) is a test extra")

EXAMPLES = int(os.environ.get("SPOCSCHEMA_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def _ecma(pattern: str) -> Any:
    return regress.Regex(pattern)


def _ecma_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and _ecma(pattern).find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


#: Draft 2020-12 with the ``pattern`` keyword evaluated as ECMA-262 requires.
EcmaValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def schema_validator(name: str) -> Any:
    return EcmaValidator(
        schemas.load(name),
        registry=schemas.registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def verdicts(name: str, model: type[BaseModel], document: Any) -> tuple[bool, bool, str]:
    try:
        model.model_validate(document)
        by_model, why_model = True, ""
    except PydanticError as error:
        by_model, why_model = False, str(error.errors(include_url=False)[:2])
    errors = list(schema_validator(name).iter_errors(document))
    by_schema = not errors
    why_schema = "; ".join(f"{list(e.absolute_path)}: {e.message[:120]}" for e in errors[:3])
    return by_model, by_schema, f"model: {why_model or 'valid'} | schema: {why_schema or 'valid'}"


def assert_agree(name: str, model: type[BaseModel], document: Any, what: str = "") -> bool:
    by_model, by_schema, why = verdicts(name, model, document)
    assert by_model == by_schema, f"{what}\n{why}\ndocument: {document!r:.2000}"
    return by_model


@SETTINGS
@given(documents(SpocProfile))
def test_generated_profiles_are_valid_for_both(document: dict[str, Any]) -> None:
    assert assert_agree("spoc-profile", SpocProfile, document), "generator made an invalid profile"


@SETTINGS
@given(mutants(SpocProfile))
def test_mutated_profiles_get_the_same_verdict(mutant: tuple[dict[str, Any], str]) -> None:
    document, what = mutant
    assert_agree("spoc-profile", SpocProfile, document, what)


@SETTINGS
@given(documents(Report))
def test_generated_reports_are_valid_for_both(document: dict[str, Any]) -> None:
    assert assert_agree("report", Report, document), "generator made an invalid report"


@settings(SETTINGS, max_examples=max(EXAMPLES // 2, 20))
@given(mutants(Report))
def test_mutated_reports_get_the_same_verdict(mutant: tuple[dict[str, Any], str]) -> None:
    document, what = mutant
    assert_agree("report", Report, document, what)


MINIMAL: dict[str, Any] = {
    "schema_version": "1.0",
    "revision_date": "2026-11-01",
    "state": {"country": "XK", "status": "partner_aligning"},
    "spoc": {"name": "Example Police Cooperation Office (fictional)"},
}


def _with(path: str, value: Any) -> dict[str, Any]:
    import copy

    document = copy.deepcopy(MINIMAL)
    *parents, last = path.split("/")
    target: Any = document
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value
    return document


#: (path, value, valid?): the edge cases named in the issue, pinned so a regression is obvious.
PINNED = [
    ("revision_date", "2024-02-29", True),
    ("revision_date", "2023-02-30", False),
    ("revision_date", "0000-01-01", False),
    ("revision_date", "2024-01-01\n", False),
    ("revision_date", "20240101", False),
    ("revision_date", 20240101, False),
    ("state/country", "EL", True),
    ("state/country", "GR", True),
    ("state/country", "XK", True),
    ("state/country", "xk", False),
    ("state/country", "UK", False),
    ("spoc/name", "", False),
    ("spoc/name", " \t", False),
    ("spoc/name", "\ufeff", False),  # ECMA-262 white space
    ("spoc/name", "\x85", True),  # not ECMA-262 white space (Rust's regex says it is)
    ("spoc/name", "\x1c", True),  # not ECMA-262 white space (Python's re says it is)
    ("spoc/name", "a" * 300, True),
    ("spoc/name", "a" * 301, False),
    ("spoc/name", "\U0001f600" * 300, True),  # lengths count code points, not UTF-16 units
    ("spoc/x-anything", {"nested": [1, None]}, True),
    ("spoc/X-anything", 1, False),
    ("spoc/nmae", "typo", False),
    ("spoc/acronym", None, False),
    ("time_limits/urgent_directly_accessible", "PT8H", True),
    ("time_limits/urgent_directly_accessible", "PT8H\n", False),
    ("time_limits/urgent_directly_accessible", "P", False),
    ("time_limits/urgent_directly_accessible", "PT", False),
    ("time_limits/urgent_directly_accessible", "P1W2D", False),
    ("time_limits/urgent_directly_accessible", "P1W", True),
    ("time_limits/urgent_directly_accessible", "PT12H", True),  # non-compliant, well formed
    ("resources/staff_full_time_equivalents", 0, True),
    ("resources/staff_full_time_equivalents", -1, False),
    ("resources/staff_full_time_equivalents", 3.0, True),
    ("resources/staff_full_time_equivalents", 3.5, False),
    ("resources/staff_full_time_equivalents", True, False),
    ("resources/staff_full_time_equivalents", "3", False),
    ("resources/staff_full_time_equivalents", 10**30, True),
    ("statistics/last_reporting_year", 2200, True),
    ("statistics/last_reporting_year", 2201, False),
    ("languages/working_languages", ["en", "en"], False),
    ("languages/working_languages", ["EN"], False),
    ("languages/working_languages", [], True),
    ("$schema", "https://example.org/schema\n", False),
    ("$schema", "ftp://example.org/schema", False),
    ("schema_uri", "https://example.org/schema", False),
]


@pytest.mark.parametrize(("path", "value", "valid"), PINNED, ids=lambda v: repr(v)[:30])
def test_pinned_edge_cases(path: str, value: Any, valid: bool) -> None:
    assert assert_agree("spoc-profile", SpocProfile, _with(path, value)) is valid


def test_plain_python_re_would_disagree_on_a_trailing_newline() -> None:
    """Why the differential test needs an ECMA-262 engine (documents the pitfall)."""
    document = _with("time_limits/urgent_directly_accessible", "PT8H\n")
    plain = Draft202012Validator(schemas.load("spoc-profile"), registry=schemas.registry())
    assert plain.is_valid(document)
    assert not schema_validator("spoc-profile").is_valid(document)
