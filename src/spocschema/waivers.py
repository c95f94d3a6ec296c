"""Waivers: findings a national team has examined and accepts for a limited time.

A waiver names a rule and a place in the profile (a JSON Pointer; it covers that value and
everything under it), says why the finding is accepted and until when. A waived finding stays
in the report, marked ``waived``, so accepting a gap never hides it. After its expiry date a
waiver no longer waives: the finding counts again and the report shows the expired waiver, so
the team sees why its check started failing.

Waiver files are published documents (``waivers.schema.json``), YAML or JSON, read with the
same safe loader as profiles.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Literal

from spocschema.models.base import SpocModel, fact
from spocschema.types import HttpUrl, IsoDate, LongText, Maybe, Text

if TYPE_CHECKING:
    from spocschema.loading import Source

WAIVERS_SCHEMA_VERSION = "1.0"

_POINTER_PATTERN = r"^(?:/(?:[^~/]|~[01])*)*$"


class WaiverEntry(SpocModel):
    """One accepted finding: which rule, where, why, and until when."""

    rule_id: Text = fact("ID of the rule whose finding is accepted.", required=True)
    pointer: str = fact(
        "JSON Pointer of the value the finding is about; the waiver covers that value and "
        "everything under it ('' covers the whole document).",
        required=True,
        pattern=_POINTER_PATTERN,
        max_length=1000,
    )
    justification: LongText = fact(
        "Why the finding is accepted (e.g. a transition plan and its decision reference).",
        required=True,
    )
    expires_on: IsoDate = fact(
        "Last day the waiver applies; from the next day the finding counts again.",
        required=True,
    )
    approved_by: Maybe[Text] = fact(
        "The function that approved the waiver (a role, not a person's name)."
    )

    def covers(self, rule_id: str, pointer: str) -> bool:
        """True if this waiver is about that rule and that place (or a place inside it)."""
        if rule_id != self.rule_id:
            return False
        return pointer == self.pointer or pointer.startswith(self.pointer + "/")

    def in_force(self, as_of: date) -> bool:
        return as_of <= self.expires_on


class WaiverDocument(SpocModel):
    """A list of waivers for the findings of a SPOC profile (spocschema waivers, version 1.0)."""

    schema_uri: Maybe[HttpUrl] = fact(
        "Optional `$schema` link to this schema, for editors.", alias="$schema"
    )
    schema_version: Literal["1.0", "1.1"] = fact(
        "The version of the waivers schema this document follows.", required=True
    )
    waivers: list[WaiverEntry] = fact("The waivers.", required=True)


def load_waivers(source: WaiverDocument | Iterable[WaiverEntry] | Source) -> list[WaiverEntry]:
    """Waivers from a document, a list of entries, a mapping, bytes, text or a path.

    Raises ``DocumentError`` (with every problem located) for an invalid waiver file.
    """
    from spocschema.validation import load

    if isinstance(source, WaiverDocument):
        return list(source.waivers)
    if isinstance(source, (list, tuple)) and all(isinstance(w, WaiverEntry) for w in source):
        return list(source)
    document = load(source, WaiverDocument)  # type: ignore[arg-type]
    return list(document.waivers)
