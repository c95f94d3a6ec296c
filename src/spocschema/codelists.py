"""Country and language code lists, derived from pycountry rather than hand-copied.

The EU writes some codes differently from ISO 3166-1, and the Heads-of-SPOC network includes a
participant (Kosovo) that ISO does not list. Those deviations are the only hand-written data in
this module, and each is documented where it is declared.

Stored form: every country code is stored in its ISO 3166-1 alpha-2 form, with ``XK`` for
Kosovo. Greece may be written ``EL`` (the EU's interinstitutional code) or ``GR`` (ISO); it is
always stored and written back as ``GR`` so that a profile compares equal to any ISO-based tool.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

#: Kosovo: a user-assigned code used by the EU and the Heads-of-SPOC network; not in ISO 3166-1.
KOSOVO = "XK"

#: Codes accepted as input and the code they are stored as.
COUNTRY_ALIASES: dict[str, str] = {
    "EL": "GR",  # EU interinstitutional style for Greece
}

#: The 27 EU Member States, in ISO form (Greece as GR).
EU_MEMBER_STATES: frozenset[str] = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)

#: States associated with the Schengen acquis (Council documents write them CH, FL, N, ISL).
SCHENGEN_ASSOCIATED_STATES: frozenset[str] = frozenset({"CH", "IS", "LI", "NO"})

#: Western Balkans partners taking part in Heads-of-SPOC meetings since October 2021.
WESTERN_BALKANS_PARTNERS: frozenset[str] = frozenset({"AL", "BA", "ME", "MK", "RS", KOSOVO})

#: The 24 official languages of the EU (ISO 639-1), checked against pycountry on first use.
EU_OFFICIAL_LANGUAGES: frozenset[str] = frozenset(
    {
        "bg",
        "cs",
        "da",
        "de",
        "el",
        "en",
        "es",
        "et",
        "fi",
        "fr",
        "ga",
        "hr",
        "hu",
        "it",
        "lt",
        "lv",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "sk",
        "sl",
        "sv",
    }
)


def _pycountry_database(filename: str, key: str) -> list[dict[str, Any]]:
    """The entries of one of pycountry's bundled ISO databases, read as plain data.

    The code lists need only the codes. Going through ``pycountry.countries`` or
    ``pycountry.languages`` would import pycountry and build an indexed object for each of
    thousands of entries, which costs a command-line run tens of milliseconds; the JSON files
    pycountry ships are the same data. The package is located without being imported.
    """
    spec = find_spec("pycountry")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:  # pragma: no cover - pycountry is a declared dependency
        raise RuntimeError("pycountry is not installed")
    database = Path(locations[0]) / "databases" / filename
    entries: list[dict[str, Any]] = json.loads(database.read_text(encoding="utf-8"))[key]
    return entries


@cache
def iso_country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes as pycountry knows them, plus Kosovo."""
    entries = _pycountry_database("iso3166-1.json", "3166-1")
    return frozenset(entry["alpha_2"] for entry in entries) | {KOSOVO}


@cache
def accepted_country_codes() -> tuple[str, ...]:
    """Every code a document may contain, sorted: the ISO codes, Kosovo and the aliases."""
    return tuple(sorted(iso_country_codes() | COUNTRY_ALIASES.keys()))


@cache
def iso_language_codes() -> tuple[str, ...]:
    """ISO 639-1 codes as pycountry knows them, sorted."""
    entries = _pycountry_database("iso639-3.json", "639-3")
    codes = sorted(entry["alpha_2"] for entry in entries if "alpha_2" in entry)
    missing = EU_OFFICIAL_LANGUAGES.difference(codes)
    if missing:  # pragma: no cover - guards against a pycountry data change
        raise RuntimeError(f"pycountry lacks EU official languages: {sorted(missing)}")
    return tuple(codes)


def normalise_country(code: str) -> str:
    """Return the stored form of an accepted country code (``EL`` becomes ``GR``)."""
    return COUNTRY_ALIASES.get(code, code)


def country_name(code: str) -> str:
    """A human-readable name, for messages and reports."""
    import pycountry

    code = normalise_country(code)
    if code == KOSOVO:
        return "Kosovo"
    country = pycountry.countries.get(alpha_2=code)
    return str(country.name) if country is not None else code


def language_name(code: str) -> str:
    """A human-readable language name, for messages and reports."""
    import pycountry

    language = pycountry.languages.get(alpha_2=code)
    return str(language.name) if language is not None else code
