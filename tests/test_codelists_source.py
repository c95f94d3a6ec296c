"""The code lists read pycountry's data files directly; they must equal pycountry's own view."""

from __future__ import annotations

import pycountry

from spocschema.codelists import KOSOVO, country_name, iso_country_codes, iso_language_codes


def test_language_codes_match_pycountry() -> None:
    expected = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    assert list(iso_language_codes()) == expected


def test_country_codes_match_pycountry() -> None:
    expected = {country.alpha_2 for country in pycountry.countries} | {KOSOVO}
    assert iso_country_codes() == expected


def test_names_still_come_from_pycountry() -> None:
    assert country_name("EL") == "Greece"
    assert country_name(KOSOVO) == "Kosovo"
