"""Country and language code lists, derived from pycountry rather than hand-copied.

The EU writes some codes differently from ISO 3166-1, and the Heads-of-SPOC network includes a
participant (Kosovo) that ISO does not list. Those deviations are the only hand-written data in
this module, and each is documented where it is declared.

Stored form: every country code is stored in its ISO 3166-1 alpha-2 form, with ``XK`` for
Kosovo. Greece may be written ``EL`` (the EU's interinstitutional code) or ``GR`` (ISO); it is
always stored and written back as ``GR`` so that a profile compares equal to any ISO-based tool.
"""

from __future__ import annotations

from functools import cache

import pycountry

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


@cache
def iso_country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes as pycountry knows them, plus Kosovo."""
    return frozenset(c.alpha_2 for c in pycountry.countries) | {KOSOVO}


@cache
def accepted_country_codes() -> tuple[str, ...]:
    """Every code a document may contain, sorted: the ISO codes, Kosovo and the aliases."""
    return tuple(sorted(iso_country_codes() | COUNTRY_ALIASES.keys()))


@cache
def iso_language_codes() -> tuple[str, ...]:
    """ISO 639-1 codes as pycountry knows them, sorted."""
    codes = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    missing = EU_OFFICIAL_LANGUAGES.difference(codes)
    if missing:  # pragma: no cover - guards against a pycountry data change
        raise RuntimeError(f"pycountry lacks EU official languages: {sorted(missing)}")
    return tuple(codes)


def normalise_country(code: str) -> str:
    """Return the stored form of an accepted country code (``EL`` becomes ``GR``)."""
    return COUNTRY_ALIASES.get(code, code)


def country_name(code: str) -> str:
    """A human-readable name, for messages and reports."""
    code = normalise_country(code)
    if code == KOSOVO:
        return "Kosovo"
    country = pycountry.countries.get(alpha_2=code)
    return str(country.name) if country is not None else code


def language_name(code: str) -> str:
    """A human-readable language name, for messages and reports."""
    language = pycountry.languages.get(alpha_2=code)
    return str(language.name) if language is not None else code
