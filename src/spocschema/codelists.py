"""Country and language code lists, derived from pycountry rather than hand-copied.

The EU writes some codes differently from ISO 3166-1, and the Heads-of-SPOC network includes a
participant (Kosovo) that ISO does not list. Those deviations are the only hand-written data in
this module, and each is documented where it is declared.

The ISO code lists themselves come from pycountry's public API, written out once into
``spocschema/_code_tables.py`` (``python -m spocschema.codelists`` regenerates it, and a test
fails when it differs from what the installed pycountry says). Reading a committed tuple costs
nothing at start-up, whereas asking pycountry builds an object for each of thousands of
entries (about 0.2 s); it also keeps the published schemas' code enums the same whichever
pycountry release is installed. pycountry is still asked, lazily, for names in reports.

IANA time zone names come the same way from ``zoneinfo.available_timezones()``, asked of the
``tzdata`` package alone (a declared dependency), so the list does not depend on the tz
database of the machine that generated it.

Stored form: every country code is stored in its ISO 3166-1 alpha-2 form, with ``XK`` for
Kosovo. Greece may be written ``EL`` (the EU's interinstitutional code) or ``GR`` (ISO); it is
always stored and written back as ``GR`` so that a profile compares equal to any ISO-based tool.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
    from spocschema._code_tables import ISO_3166_1_ALPHA_2

    return frozenset(ISO_3166_1_ALPHA_2) | {KOSOVO}


@cache
def accepted_country_codes() -> tuple[str, ...]:
    """Every code a document may contain, sorted: the ISO codes, Kosovo and the aliases."""
    return tuple(sorted(iso_country_codes() | COUNTRY_ALIASES.keys()))


@cache
def iso_language_codes() -> tuple[str, ...]:
    """ISO 639-1 codes as pycountry knows them, sorted."""
    from spocschema._code_tables import ISO_639_1

    codes = ISO_639_1
    missing = EU_OFFICIAL_LANGUAGES.difference(codes)
    if missing:  # pragma: no cover - guards against a pycountry data change
        raise RuntimeError(f"pycountry lacks EU official languages: {sorted(missing)}")
    return codes


#: Codes most documents use, known without reading the ISO lists (a test proves every one of
#: them is in the full lists): the full lists are read only for a code outside these.
_COMMON_COUNTRY_CODES: frozenset[str] = (
    EU_MEMBER_STATES
    | SCHENGEN_ASSOCIATED_STATES
    | WESTERN_BALKANS_PARTNERS
    | frozenset(COUNTRY_ALIASES)
)


def is_accepted_country_code(code: str) -> bool:
    """True if ``code`` is in ``accepted_country_codes()``.

    The states of the Directive's network answer without loading the ISO list, which saves a
    command-line run the time of reading it.
    """
    return code in _COMMON_COUNTRY_CODES or code in accepted_country_codes()


def is_iso_language_code(code: str) -> bool:
    """True if ``code`` is in ``iso_language_codes()``.

    The EU's official languages answer without importing the full ISO 639-1 list.
    """
    return code in EU_OFFICIAL_LANGUAGES or code in iso_language_codes()


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


@cache
def time_zone_names() -> frozenset[str]:
    """IANA time zone names (``Europe/Lisbon``, ``UTC``) of the tzdata release listed."""
    from spocschema._code_tables import IANA_TIME_ZONES

    return frozenset(IANA_TIME_ZONES)


def time_zone_names_sorted() -> tuple[str, ...]:
    """IANA time zone names in order, as the published schemas list them."""
    from spocschema._code_tables import IANA_TIME_ZONES

    return IANA_TIME_ZONES


def is_time_zone(name: str) -> bool:
    """True if ``name`` is an IANA time zone name, spelt exactly (case matters)."""
    return name in time_zone_names()


def _tzdata_zones() -> list[str]:
    """The zones of the ``tzdata`` package, through ``zoneinfo``'s public API only."""
    import zoneinfo

    zoneinfo.reset_tzpath(to=[])  # no system directories: tzdata alone
    try:
        return sorted(zoneinfo.available_timezones())
    finally:
        zoneinfo.reset_tzpath()


def render_code_tables() -> str:
    """The text of ``spocschema/_code_tables.py``, from pycountry's and zoneinfo's public APIs."""
    import pycountry

    countries = sorted(country.alpha_2 for country in pycountry.countries)
    languages = sorted(
        language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")
    )

    def rows(codes: list[str]) -> str:
        line, lines = "   ", []
        for code in codes:
            item = f' "{code}",'
            if len(line) + len(item) > 99:
                lines.append(line)
                line = "   "
            line += item
        lines.append(line)
        return "\n".join(lines)

    return (
        '"""Code lists generated from pycountry\'s and zoneinfo\'s public APIs; do not edit.\n\n'
        "Regenerate with ``python -m spocschema.codelists`` after a pycountry or tzdata upgrade\n"
        '(tests/test_codelists_source.py fails while this file and pycountry disagree).\n"""\n\n'
        "# fmt: off\n"
        "#: ISO 3166-1 alpha-2 codes.\n"
        f"ISO_3166_1_ALPHA_2: tuple[str, ...] = (\n{rows(countries)}\n)\n\n"
        "#: ISO 639-1 (two-letter) language codes.\n"
        f"ISO_639_1: tuple[str, ...] = (\n{rows(languages)}\n)\n\n"
        "#: IANA time zone names (tzdata).\n"
        f"IANA_TIME_ZONES: tuple[str, ...] = (\n{rows(_tzdata_zones())}\n)\n"
        "# fmt: on\n"
    )


def generated_codes_path() -> Path:
    """Where the generated code lists live."""
    return Path(__file__).with_name("_code_tables.py")


if __name__ == "__main__":
    generated_codes_path().write_text(render_code_tables(), encoding="utf-8")
    print(f"wrote {generated_codes_path()}")
