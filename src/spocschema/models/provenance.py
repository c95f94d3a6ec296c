"""Where a fact comes from: shared by the profile (per section) and the report (per finding).

Profiles of real SPOCs are often compiled from public sources by someone other than the SPOC. A
reader of a verdict must see what it rests on, so the checker copies a section's provenance
into every finding about that section, and the HTML report shows it next to the verdict.
"""

# No ``from __future__ import annotations`` (see ``spocschema.models.profile``).

from spocschema.models.base import SpocModel, fact
from spocschema.types import HttpUrl, IsoDate, Maybe, Text


class Provenance(SpocModel):
    """Where the facts of a section come from and who asserts them (schema 1.1)."""

    source_title: Maybe[Text] = fact(
        "Title of the source (an act, a web page, a Council document).",
        examples=["Council document 10492/14 ADD 1"],
    )
    source_url: Maybe[HttpUrl] = fact("Public address of the source.")
    consulted_on: Maybe[IsoDate] = fact("Date the source was consulted.")
    asserted_by: Maybe[Text] = fact(
        "Who asserts the facts: the SPOC itself, its ministry, or a third party compiling them "
        "(an organisation, never a person's name).",
        examples=["the SPOC", "a third party from public sources"],
    )
