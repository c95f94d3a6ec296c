"""The bundled examples validate as ``tests/examples_expected.json`` documents them.

Every example is well formed, for the models and for the published schema alike; the
non-compliant ones load (judging them is the checker's job) and each shows the one fact it was
built to break. Compliance verdicts themselves are tested with the checker.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from spocschema import load_profile, schemas
from spocschema.enums import CmsFunction, UnitType
from spocschema.loading import load_document
from spocschema.models.profile import SpocProfile
from spocschema.types import duration_bounds

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXPECTED: dict[str, Any] = json.loads((ROOT / "tests" / "examples_expected.json").read_text())
LISTED = sorted(EXPECTED["examples"])


def test_every_example_is_listed_and_every_listed_example_exists() -> None:
    present = sorted(path.name for path in EXAMPLES.iterdir() if path.suffix in {".json", ".yaml"})
    assert present == LISTED


@pytest.mark.parametrize("name", LISTED)
def test_example_validates_as_documented(name: str) -> None:
    expected = EXPECTED["examples"][name]
    assert expected["well_formed"] is True  # every bundled example is well formed
    profile = load_profile(EXAMPLES / name)
    data = load_document(EXAMPLES / name).data
    errors = list(schemas.validator_for("spoc-profile").iter_errors(data))
    assert errors == [], [e.message for e in errors]
    assert isinstance(profile, SpocProfile)
    assert profile.schema_version in schemas.PUBLISHED_VERSIONS
    # a 1.0 document stays valid under every later version (each version only adds)
    for version in schemas.PUBLISHED_VERSIONS:
        schema = schemas.load("spoc-profile", version)
        assert (
            schemas.validator_for("spoc-profile")
            .__class__(schema, registry=schemas.registry())
            .is_valid(data)
        ), version


@pytest.mark.parametrize("name", LISTED)
def test_examples_are_clearly_fictional(name: str) -> None:
    text = (EXAMPLES / name).read_text("utf-8")
    for url in re.findall(r"https?://([^/\s\"']+)", text):
        assert url.endswith(("example.org", "readthedocs.io")), url
    for mail in re.findall(r"[\w.+-]+@([\w.-]+)", text):
        assert mail.endswith("example.org"), mail
    for phone in re.findall(r"\+[0-9][0-9 ]{5,}", text):
        assert phone.startswith("+000"), phone
    assert "fictional" in text.lower()


def test_the_yaml_example_has_comments() -> None:
    text = (EXAMPLES / "compliant-profile.yaml").read_text("utf-8")
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 3


def _profile(name: str) -> SpocProfile:
    return load_profile(EXAMPLES / name)


def test_each_non_compliant_example_shows_its_own_breach() -> None:
    """Each breaks one thing, the one its name says; the compliant profile breaks none."""
    compliant = _profile("compliant-profile.json")

    def english(p: SpocProfile) -> bool:
        return p.languages is not None and "en" in p.languages.working_languages

    def urgent_within_8h(p: SpocProfile) -> bool:
        limit = p.time_limits and p.time_limits.urgent_directly_accessible
        return bool(limit) and duration_bounds(str(limit))[1].total_seconds() <= 8 * 3600

    def sirene(p: SpocProfile) -> bool:
        units = (p.organisation and p.organisation.composition) or []
        return any(u.unit_type is UnitType.SIRENE_BUREAU and u.included for u in units)

    def around_the_clock(p: SpocProfile) -> bool:
        return p.availability is not None and p.availability.around_the_clock

    def cms_f_and_h(p: SpocProfile) -> bool:
        functions = (p.case_management_system and p.case_management_system.functions) or []
        return {
            CmsFunction.SIENA_INTEROPERABILITY,
            CmsFunction.LOG_ACCESS_AND_PROCESSING,
        } <= set(functions)

    facts = {
        "noncompliant-no-english.json": english,
        "noncompliant-twelve-hour-limit.json": urgent_within_8h,
        "noncompliant-no-sirene.json": sirene,
        "noncompliant-office-hours.json": around_the_clock,
        "noncompliant-cms-functions.json": cms_f_and_h,
    }
    assert set(facts) == {name for name in LISTED if name.startswith("noncompliant-")}
    for name, holds in facts.items():
        assert holds(compliant), f"the compliant example fails {holds.__name__}"
        assert holds(_profile("compliant-profile.yaml")), holds.__name__
        profile = _profile(name)
        assert not holds(profile), f"{name} does not break {holds.__name__}"
        others = [other for other in facts.values() if other is not holds]
        assert all(other(profile) for other in others), f"{name} breaks more than one thing"


def test_expected_breaks_name_catalogue_provisions() -> None:
    # The provisions catalogue in the package is the machine-readable form of the requirements
    # catalogue, so this runs in a fresh clone without ../shared.
    from spocschema.provisions import PROVISIONS

    citations = {provision.citation for provision in PROVISIONS}
    for name, expected in EXPECTED["examples"].items():
        for provision in expected["breaks"] or ():
            assert provision in citations, (name, provision)
