"""The network directory: one line per SPOC, for a spreadsheet or another system.

The directory is a projection of the network report: who each state's SPOC is, the languages it
works in, how to reach its desk, and how its check went. It is published as JSON (with its own
schema, ``network-directory.schema.json``) and as CSV, which spreadsheets open directly.

Profile text is untrusted. A CSV cell that a spreadsheet would run as a formula (starting with
``=``, ``@``, a tab, a line break, or ``+``/``-`` followed by anything but a telephone number
of digit groups or a plain negative number) is written with a leading apostrophe, the OWASP
remedy for CSV injection; ``+000 0000`` stays a number people can read, ``+1-2`` does not
become ``-1``.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Literal

from pydantic import StrictBool

from spocschema.enums import ContactPointKind, StateStatus
from spocschema.models.base import SpocModel, fact
from spocschema.network.models import NetworkReport, SienaReadiness, stated
from spocschema.types import Count, CountryCode, Identifier, IsoDate, LanguageCode, Maybe, Text

NETWORK_DIRECTORY_SCHEMA_VERSION = "1.0"


class DirectoryContact(SpocModel):
    """A functional contact point of a SPOC."""

    kind: ContactPointKind = fact("Kind of contact point.", required=True)
    value: Text = fact("The address or number.", required=True)
    label: Maybe[Text] = fact("What it is for.")
    around_the_clock: Maybe[StrictBool] = fact("True if answered 24/7.")


class DirectoryEntry(SpocModel):
    """One SPOC of the network."""

    country: CountryCode = fact("The state.", required=True)
    country_name: Text = fact("The state's name.", required=True)
    status: StateStatus = fact("The state's status, as declared.", required=True)
    spoc_identifier: Maybe[Identifier] = fact("The SPOC's identifier.")
    spoc_name: Text = fact("The SPOC's official name.", required=True)
    acronym: Maybe[Text] = fact("The SPOC's short name.")
    parent_authority: Maybe[Text] = fact("The authority the SPOC belongs to.")
    working_languages: list[LanguageCode] = fact("Working languages.", required=True)
    around_the_clock: Maybe[StrictBool] = fact("True if the SPOC operates 24/7.")
    siena_readiness: SienaReadiness = fact("Readiness for SIENA.", required=True)
    contact_points: list[DirectoryContact] = fact("Functional contact points.", required=True)
    revision_date: IsoDate = fact("Date of the profile's revision.", required=True)
    file: Text = fact("The profile file.", required=True)
    provisions_met: Count = fact("Provisions met.", required=True)
    provisions_not_met: Count = fact("Provisions not met.", required=True)
    errors: Count = fact("Unwaived findings of severity error.", required=True)
    warnings: Count = fact("Unwaived findings of severity warning.", required=True)
    passed: StrictBool = fact("True if the profile's own check passed.", required=True)


class NetworkDirectory(SpocModel):
    """The directory of a network's SPOCs (spocschema network directory, version 1.0)."""

    schema_version: Literal["1.0", "1.1"] = fact("Version of the directory schema.", required=True)
    tool_version: Text = fact("Version of spocschema that produced it.", required=True)
    source: Text = fact("The folder the profiles were read from.", required=True)
    as_of: IsoDate = fact("Evaluation date of the checks.", required=True)
    entries: list[DirectoryEntry] = fact("One entry per profile, by state.", required=True)


def build_directory(report: NetworkReport) -> NetworkDirectory:
    """The directory of the valid profiles of a network report."""
    entries = []
    for member in report.members:
        provisions = member.report.summary.provisions
        entries.append(
            DirectoryEntry(
                country=member.country,
                country_name=member.country_name,
                status=member.status,
                spoc_name=member.spoc_name,
                working_languages=list(member.working_languages),
                siena_readiness=member.siena_readiness,
                contact_points=[
                    DirectoryContact(
                        kind=point.kind,
                        value=point.value,
                        **stated(label=point.label, around_the_clock=point.around_the_clock),
                    )
                    for point in member.contact_points
                ],
                revision_date=member.revision_date,
                file=member.file,
                provisions_met=provisions.get("met", 0),
                provisions_not_met=provisions.get("not_met", 0),
                errors=member.report.summary.errors,
                warnings=member.report.summary.warnings,
                passed=member.report.summary.passed,
                **stated(
                    spoc_identifier=member.spoc_identifier,
                    acronym=member.acronym,
                    parent_authority=member.parent_authority,
                    around_the_clock=member.around_the_clock,
                ),
            )
        )
    return NetworkDirectory(
        schema_version="1.0",
        tool_version=report.tool_version,
        source=report.source,
        as_of=report.as_of,
        entries=entries,
    )


#: Columns of the CSV export, in order; contact points get one column per kind.
CSV_COLUMNS = (
    "country",
    "country_name",
    "status",
    "spoc_identifier",
    "spoc_name",
    "acronym",
    "parent_authority",
    "working_languages",
    "around_the_clock",
    "siena_readiness",
    *(f"contact_{kind.value}" for kind in ContactPointKind),
    "revision_date",
    "file",
    "provisions_met",
    "provisions_not_met",
    "errors",
    "warnings",
    "passed",
)

#: The only ``+``/``-`` cells left as they are: a telephone number in international notation
#: (``+`` and groups of digits separated by single spaces; with no operator after the sign a
#: spreadsheet cannot compute anything from it) and a plain negative number. ``+1-2`` or
#: ``-1-2`` would be evaluated, so they are defused like any formula.
_INERT = re.compile(r"\+[0-9]+(?: [0-9]+)*|-[0-9]+(?:\.[0-9]+)?")


def neutralise_cell(text: str) -> str:
    """Text a spreadsheet shows as text, never evaluates (see the module documentation)."""
    if not text:
        return text
    risky = text[0] in "=@\t\r\n" or (text[0] in "+-" and _INERT.fullmatch(text) is None)
    return "'" + text if risky else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise_cell(str(value))


def directory_csv(directory: NetworkDirectory) -> str:
    """The directory as CSV text: RFC 4180, a header row, lists joined by "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in directory.entries:
        row: dict[str, object] = entry.model_dump(mode="json", exclude={"contact_points"})
        row["working_languages"] = " ".join(entry.working_languages)
        for kind in ContactPointKind:
            row[f"contact_{kind.value}"] = (
                "; ".join(point.value for point in entry.contact_points if point.kind is kind)
                or None
            )
        writer.writerow([_cell(row.get(column)) for column in CSV_COLUMNS])
    return buffer.getvalue()
