"""An example national rule pack, for the tests: a fictional state ("XX") that answers urgent
requests for directly accessible information within six hours, and makes functional contact
points mandatory. Registered through the ``spocschema.rule_packs`` entry-point group."""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.models.profile import SpocProfile
from spocschema.report import Severity
from spocschema.rules import Context, Outcome, make_rule, missing, not_met
from spocschema.rules.dates import certainly_longer
from spocschema.rules.packs import RulePack


def _six_hours(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    declared = profile.time_limits.urgent_directly_accessible if profile.time_limits else None
    pointer = "/time_limits/urgent_directly_accessible"
    if declared is None:
        yield missing(pointer, "The profile does not state the urgent reply time.")
    elif certainly_longer(declared, "PT6H"):
        yield not_met(pointer, f"The urgent reply time ({declared}) exceeds the national PT6H.")


SIX_HOURS = make_rule(
    id="XX-0001",
    provision="Art 5(1)(a)",
    title="Urgent direct requests are answered within six hours (national rule)",
    rationale="The fictional national act of state XX shortens the Directive's eight hours.",
    remediation="Commit to PT6H in time_limits.urgent_directly_accessible.",
    passing={"time_limits": {"urgent_directly_accessible": "PT6H"}},
    failing={"time_limits": {"urgent_directly_accessible": "PT8H"}},
    evaluate=_six_hours,
    tags=("national", "time-limits"),
    origin="xx",
)

PACK = RulePack(
    name="example-xx",
    rules=(SIX_HOURS,),
    severity_overrides={"SPOC-D-0009": Severity.ERROR},
    description="Example pack for a fictional state XX.",
)


def weakening_pack() -> RulePack:
    """A pack that tries to turn an EU MUST rule into a warning; loading it must fail."""
    return RulePack(name="weakening", severity_overrides={"SPOC-A-0009": Severity.WARNING})
