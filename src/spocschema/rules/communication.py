"""Rules on languages and channels: the Art 11 language list and SIENA (Art 13).

The SIENA obligations of Art 13 (and the Art 13(2) exception, which shares their date) apply
from 12 June 2027. Before that date the checker reports them as *upcoming*, and says whether the
profile already meets them: the rules still run, so a team sees what it will have to fix and a
team that complies early can show it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.codelists import EU_OFFICIAL_LANGUAGES
from spocschema.models.profile import SpocProfile
from spocschema.rules.base import Context, Outcome, missing, not_met, rule, yes_no_fact


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


@rule(
    id="SPOC-A-0055",
    fails_as="not_assessable",
    provision="Art 11(2)",
    title="The language list sent to the Commission is kept up to date",
    rationale="Art 11(2) (catalogue paraphrase; wording not found in a stored copy): Member "
    "States send their list, and any update, to the Commission. A profile evidences the update "
    "duty by declaring that the list last sent is the list in use.",
    remediation="Send every change of the list and set languages.notified_list_current to true.",
    passing={"languages": {"notified_list_current": True}},
    failing={"languages": {"notified_list_current": None}},
    tags=("languages", "notification"),
)
def languages_list_current(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    yield from yes_no_fact(
        profile.languages,
        "/languages/notified_list_current",
        unstated="The profile does not state whether the notified language list is current.",
        untrue="The language list sent to the Commission is not the list in use.",
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
    fails_as="not_assessable",
    provision="Art 13(2)",
    title="The channels other than SIENA are declared",
    rationale="Art 13(2) (German text) lets Member States allow channels other than SIENA only "
    "where (a) third countries or international organisations are or will be involved, (b) "
    "urgency requires another channel temporarily, or (c) an unexpected technical or "
    "operational incident prevents the use of SIENA. The exception shares the date of the "
    "obligation it qualifies (Art 13(1), 12 June 2027). Whether it is used within those bounds "
    "can only be told from the channels the profile declares: a profile that lists none, "
    "without declaring that it uses none, leaves the question open.",
    remediation="List every channel other than SIENA in channels.alternative_channels with its "
    "grounds, and set channels.alternative_channels_complete to true (with an empty list if "
    "no other channel is used).",
    passing={"channels": {"alternative_channels": [], "alternative_channels_complete": True}},
    failing={"channels": {"alternative_channels": None}},
    tags=("channels",),
)
def alternative_channels_declared(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    channels = profile.channels
    if channels is None or channels.alternative_channels is None:
        yield missing(
            "/channels/alternative_channels",
            "The profile does not state which channels other than SIENA are used.",
        )
    elif not channels.alternative_channels and not channels.alternative_channels_complete:
        yield missing(
            "/channels/alternative_channels_complete",
            "The profile lists no channel other than SIENA but does not declare that none is used.",
        )


@rule(
    id="SPOC-A-0054",
    provision="Art 13(1)",
    title="No channel other than SIENA is used without an Art 13(2) ground",
    rationale="Art 13(1) requires SIENA for requests, replies and own-initiative information; "
    "Art 13(2) is the only exception. A channel declared without any of its grounds is used "
    "outside the exception, which breaches Art 13(1) from 12 June 2027.",
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
    tags=("channels", "siena"),
)
def alternative_channel_grounds(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    channels = profile.channels
    if channels is None or channels.alternative_channels is None:
        return  # SPOC-A-0038 reports the channels as not stated.
    for index, channel in enumerate(channels.alternative_channels):
        if not channel.grounds:
            yield not_met(
                f"/channels/alternative_channels/{index}/grounds",
                f"The channel '{channel.channel_type.value}' is used without any Art 13(2) "
                "ground, outside the exception to SIENA.",
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
