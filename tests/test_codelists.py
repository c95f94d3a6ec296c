"""Country and language codes come from pycountry; the few EU deviations are explicit.

Kosovo (``XK``) is no ISO 3166-1 code but takes part in the Heads-of-SPOC network; Greece is
``EL`` in EU texts and ``GR`` in ISO, accepted as both and stored as ``GR``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from spocschema import DocumentError, codelists, load_profile, schemas
from spocschema.models.profile import SpocProfile

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = json.loads((ROOT / "examples" / "minimal-profile.json").read_text("utf-8"))

#: Names as pycountry spells them: an independent spelling of the 27 to check the codes against.
EU_27_NAMES = {
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia",
    "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia",
    "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania",
    "Slovakia", "Slovenia", "Spain", "Sweden",
}  # fmt: skip
EU_24_LANGUAGE_NAMES = {
    "Bulgarian", "Croatian", "Czech", "Danish", "Dutch", "English", "Estonian", "Finnish",
    "French", "German", "Modern Greek (1453-)", "Hungarian", "Irish", "Italian", "Latvian",
    "Lithuanian", "Maltese", "Polish", "Portuguese", "Romanian", "Slovak", "Slovenian",
    "Spanish", "Swedish",
}  # fmt: skip


def with_country(code: object) -> dict[str, object]:
    return {**MINIMAL, "state": {**MINIMAL["state"], "country": code}}


def test_eu_member_states_are_the_27_iso_codes() -> None:
    assert len(codelists.EU_MEMBER_STATES) == 27
    names = {pycountry.countries.get(alpha_2=code).name for code in codelists.EU_MEMBER_STATES}
    assert names == EU_27_NAMES
    assert "GR" in codelists.EU_MEMBER_STATES and "EL" not in codelists.EU_MEMBER_STATES


def test_eu_official_languages_are_the_24_iso_639_1_codes() -> None:
    assert len(codelists.EU_OFFICIAL_LANGUAGES) == 24
    names = {pycountry.languages.get(alpha_2=c).name for c in codelists.EU_OFFICIAL_LANGUAGES}
    assert names == EU_24_LANGUAGE_NAMES
    assert set(codelists.EU_OFFICIAL_LANGUAGES) <= set(codelists.iso_language_codes())


def test_partner_groups_are_disjoint_iso_or_kosovo() -> None:
    assert {"CH", "IS", "LI", "NO"} == codelists.SCHENGEN_ASSOCIATED_STATES
    assert codelists.KOSOVO in codelists.WESTERN_BALKANS_PARTNERS
    groups = [
        codelists.EU_MEMBER_STATES,
        codelists.SCHENGEN_ASSOCIATED_STATES,
        codelists.WESTERN_BALKANS_PARTNERS,
    ]
    assert sum(map(len, groups)) == len(set().union(*groups))
    assert set().union(*groups) <= codelists.iso_country_codes()


def test_country_codes_are_pycountry_plus_kosovo_and_the_greek_alias() -> None:
    iso = {country.alpha_2 for country in pycountry.countries}
    assert pycountry.countries.get(alpha_2="XK") is None  # why Kosovo is added by hand
    assert codelists.iso_country_codes() == iso | {"XK"}
    accepted = codelists.accepted_country_codes()
    assert list(accepted) == sorted(accepted)
    assert set(accepted) == iso | {"XK", "EL"}


def test_language_codes_are_pycountry_iso_639_1() -> None:
    codes = codelists.iso_language_codes()
    expected = {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    assert set(codes) == expected and list(codes) == sorted(codes)
    assert all(len(code) == 2 and code.islower() for code in codes)


def test_greece_is_accepted_as_el_or_gr_and_stored_as_gr() -> None:
    assert codelists.normalise_country("EL") == "GR"
    assert codelists.country_name("EL") == codelists.country_name("GR") == "Greece"
    stored = load_profile(with_country("EL"))
    assert stored.state.country == "GR"
    assert stored.to_document()["state"]["country"] == "GR"
    assert load_profile(with_country("GR")) == stored


def test_kosovo() -> None:
    assert load_profile(with_country("XK")).state.country == "XK"
    assert codelists.country_name("XK") == "Kosovo"


@pytest.mark.parametrize("code", ["gr", "el", "xk", "Gr", "GRC", "UK", "ZZ", "", " GR", 30])
def test_other_spellings_are_refused(code: object) -> None:
    with pytest.raises(DocumentError) as caught:
        load_profile(with_country(code))
    (problem,) = caught.value.problems
    assert problem.pointer == "/state/country"
    assert problem.code in {"country_code", "country_type"}


@pytest.mark.parametrize("code", ["EN", "eng", "english", "e", ""])
def test_language_spellings_are_refused(code: str) -> None:
    document = {**MINIMAL, "languages": {"working_languages": ["en", code]}}
    with pytest.raises(DocumentError) as caught:
        load_profile(document)
    assert caught.value.problems[0].pointer == "/languages/working_languages/1"


def test_names_for_messages() -> None:
    assert codelists.country_name("PT") == "Portugal"
    assert codelists.language_name("ga") == "Irish"
    assert codelists.language_name("zz") == "zz"


def test_schema_enums_are_the_code_lists() -> None:
    schema = schemas.load("spoc-profile")
    country = schema["$defs"]["StateDeclaration"]["properties"]["country"]
    assert country["enum"] == list(codelists.accepted_country_codes())
    languages = schema["$defs"]["Languages"]["properties"]["working_languages"]["items"]
    assert languages["enum"] == list(codelists.iso_language_codes())
    assert SpocProfile.model_json_schema()  # the live schema builds, too
