"""Rules on languages and channels: the Art 11 language list and SIENA (Art 13).

The SIENA obligations of Art 13(1) and 13(3) apply from 12 June 2027. Before that date the
checker reports them as *upcoming*: the rules still run so a team sees what it will have to fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.codelists import EU_OFFICIAL_LANGUAGES
from spocschema.models.profile import SpocProfile
from spocschema.rules.base import Context, Outcome, missing, not_met, rule


@rule(
    id="SPOC-A-0034",
    provision="Art 11(1)",
    title="English is on the list of working languages",
    rationale="Art 11(1): each Member State keeps a list of one or more official EU languages "
    "in which its SPOC can exchange information, and the list includes English, so that every "
    "SPOC can reach every other.",
    remediation="Add 'en' to languages.working_languages (and notify the updated list).",
    passing={"languages": {"working_languages": ["en", "pt"]}},
    failing={"languages": {"working_languages": ["pt", "es"]}},
    tags=("languages",),
)
def english_listed(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.languages is None:
        yield missing("/languages", "The profile does not list the SPOC's working languages.")
    elif "en" not in profile.languages.working_languages:
        yield not_met(
            "/languages/working_languages", "English is not on the list of working languages."
        )


@rule(
    id="SPOC-A-0035",
    provision="Art 11(1)",
    title="Working languages are official languages of the Union",
    rationale="Art 11(1): the list holds official languages of the Union; other languages may "
    "be used in practice but do not belong on the notified list.",
    remediation="Keep only official EU languages (ISO 639-1) in languages.working_languages.",
    passing={"languages": {"working_languages": ["en", "pt"]}},
    failing={"languages": {"working_languages": ["en", "ru"]}},
    tags=("languages",),
)
def official_languages(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.languages is None:
        yield missing("/languages", "The profile does not list the SPOC's working languages.")
        return
    for index, code in enumerate(profile.languages.working_languages):
        if code not in EU_OFFICIAL_LANGUAGES:
            yield not_met(
                f"/languages/working_languages/{index}",
                f"'{code}' is not an official language of the European Union.",
            )


@rule(
    id="SPOC-A-0036",
    fails_as="not_assessable",
    provision="Art 11(2)",
    title="The language list has been notified to the Commission",
    rationale="Art 11(2): Member States send their list, and any update, to the Commission, "
    "which publishes a compilation; requesters rely on it to choose a language (Art 4(6)).",
    remediation="Notify the list and record the date in languages.notified_on.",
    passing={"languages": {"notified_on": "2024-12-20"}},
    failing={"languages": {"notified_on": None}},
    tags=("languages", "notification"),
)
def languages_notified(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.languages is None or profile.languages.notified_on is None:
        yield missing(
            "/languages/notified_on",
            "The profile does not state when the language list was notified.",
        )


_SIENA = "/channels/siena"


@rule(
    id="SPOC-A-0037",
    provision="Art 13(1)",
    title="SIENA is the default channel",
    rationale="Art 13(1): from 12 June 2027 the SPOC and the competent authorities use SIENA "
    "for requests, replies, own-initiative information and copies to the SPOC.",
    remediation="Make SIENA the default channel and set channels.siena.default_channel to true.",
    passing={"channels": {"siena": {"connected": True, "default_channel": True}}},
    failing={"channels": {"siena": {"default_channel": False}}},
    tags=("siena", "channels"),
)
def siena_default(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    siena = profile.channels.siena if profile.channels else None
    if siena is None or siena.default_channel is None:
        yield missing(
            f"{_SIENA}/default_channel",
            "The profile does not state whether SIENA is the default channel.",
        )
    elif not siena.default_channel:
        yield not_met(f"{_SIENA}/default_channel", "SIENA is not the default channel.")


@rule(
    id="SPOC-A-0038",
    provision="Art 13(2)",
    title="Each alternative channel is used on an Art 13(2) ground",
    rationale="Art 13(2) allows channels other than SIENA only where third countries or "
    "international organisations are involved, urgency requires it temporarily, or an incident "
    "prevents the use of SIENA. A channel declared without any ground has no basis.",
    remediation="List the Art 13(2) grounds for each alternative channel, or stop using it.",
    passing={
        "channels": {
            "alternative_channels": [
                {
                    "channel_type": "interpol_i24_7",
                    "grounds": ["third_country_or_international_organisation"],
                }
            ]
        }
    },
    failing={"channels": {"alternative_channels": [{"channel_type": "telephone", "grounds": []}]}},
    tags=("channels",),
)
def alternative_channel_grounds(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    if profile.channels is None:
        yield missing("/channels", "The profile does not describe the SPOC's channels.")
        return
    for index, channel in enumerate(profile.channels.alternative_channels or ()):
        if not channel.grounds:
            yield not_met(
                f"/channels/alternative_channels/{index}/grounds",
                f"The alternative channel '{channel.channel_type.value}' has no Art 13(2) ground.",
            )


@rule(
    id="SPOC-A-0039",
    provision="Art 13(3)",
    title="The SPOC and competent authorities are directly connected to SIENA",
    rationale="Art 13(3): from 12 June 2027 the SPOC and all competent authorities that may be "
    "involved in exchanges are directly connected to SIENA, where appropriate also from mobile "
    "devices.",
    remediation="Connect the SPOC and the competent authorities directly to SIENA and state "
    "connected, direct_connection and competent_authorities_connected as true.",
    passing={
        "channels": {
            "siena": {
                "connected": True,
                "direct_connection": True,
                "competent_authorities_connected": True,
            }
        }
    },
    failing={"channels": {"siena": {"competent_authorities_connected": False}}},
    tags=("siena", "channels"),
)
def siena_connection(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    siena = profile.channels.siena if profile.channels else None
    if siena is None:
        yield missing(_SIENA, "The profile does not describe the SIENA connection.")
        return
    if not siena.connected:
        yield not_met(f"{_SIENA}/connected", "The SPOC is not connected to SIENA.")
        return
    if siena.direct_connection is None:
        yield missing(
            f"{_SIENA}/direct_connection",
            "The profile does not state whether the SPOC is directly connected to SIENA.",
        )
    elif not siena.direct_connection:
        yield not_met(f"{_SIENA}/direct_connection", "The SPOC is not directly connected to SIENA.")
    if siena.competent_authorities_connected is None:
        yield missing(
            f"{_SIENA}/competent_authorities_connected",
            "The profile does not state whether the competent authorities are connected.",
        )
    elif not siena.competent_authorities_connected:
        yield not_met(
            f"{_SIENA}/competent_authorities_connected",
            "Not all competent authorities that may be involved are directly connected to SIENA.",
        )
