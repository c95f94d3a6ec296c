"""The committed ISO code lists are what pycountry's public API says, and nothing else is read.

``spocschema/_code_tables.py`` is generated from ``pycountry.countries`` and
``pycountry.languages`` (``python -m spocschema.codelists``); these tests fail while it drifts
from the installed pycountry, and while the code lists read anything of pycountry's but its
public objects.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pycountry

from spocschema import codelists
from spocschema.codelists import KOSOVO, country_name, iso_country_codes, iso_language_codes


def test_the_generated_file_is_current() -> None:
    committed = codelists.generated_codes_path().read_text(encoding="utf-8")
    assert committed == codelists.render_code_tables(), (
        "spocschema/_code_tables.py is out of date: run python -m spocschema.codelists"
    )


def test_language_codes_match_pycountry() -> None:
    expected = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    assert list(iso_language_codes()) == expected


def test_country_codes_match_pycountry() -> None:
    expected = {country.alpha_2 for country in pycountry.countries} | {KOSOVO}
    assert iso_country_codes() == expected


def test_time_zones_are_what_zoneinfo_finds_in_tzdata() -> None:
    import zoneinfo

    names = codelists.time_zone_names()
    assert {"UTC", "Europe/Lisbon", "Europe/Brussels", "America/Argentina/Buenos_Aires"} <= names
    assert not names & {"Mars/Base", "../../etc/passwd", "localtime", "europe/lisbon", ""}
    for name in sorted(names)[::25]:  # each one loads (tzdata is a dependency)
        assert zoneinfo.ZoneInfo(name).key == name


def test_names_still_come_from_pycountry() -> None:
    assert country_name("EL") == "Greece"
    assert country_name(KOSOVO) == "Kosovo"


def test_no_private_pycountry_layout_is_read() -> None:
    """Neither pycountry's data files nor its package location are touched by the code lists."""
    source = Path(codelists.__file__).read_text(encoding="utf-8")
    names = {
        node.id if isinstance(node, ast.Name) else node.attr
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Name | ast.Attribute)
    }
    assert not names & {"find_spec", "submodule_search_locations", "read_text", "open"}
    assert "databases" not in source and ".json" not in source
