"""Rules on the single electronic case management system (Art 16).

Each function of Art 16(1) is its own rule. A function the profile does not list is missing
only where the list is declared complete (``functions_complete``); otherwise it is not stated.
The functions a system must have are read from the ``CmsFunction`` code list, whose members
carry their Art 16(1) point, so the list of rules and
the vocabulary of the profile cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator

from spocschema.enums import CmsFunction
from spocschema.models.profile import SpocProfile
from spocschema.rules.base import Context, Outcome, Rule, missing, not_met, rule, yes_no_fact
from spocschema.rules.dates import certainly_longer

_ALL_FUNCTIONS = [f.value for f in CmsFunction]


@rule(
    id="SPOC-A-0022",
    provision="Art 16(1)",
    title="The SPOC operates a single electronic case management system",
    rationale="Art 16(1): the SPOC deploys and operates a single electronic case management "
    "system as the repository for carrying out its tasks; several unconnected registers do not "
    "meet it.",
    remediation="Operate one electronic case management system and set "
    "case_management_system.single_system to true.",
    passing={"case_management_system": {"single_system": True}},
    failing={"case_management_system": {"single_system": False}},
    tags=("case-management",),
)
def single_system(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    cms = profile.case_management_system
    if cms is None:
        yield missing(
            "/case_management_system", "The profile does not describe a case management system."
        )
    elif not cms.single_system:
        yield not_met(
            "/case_management_system/single_system",
            "The SPOC does not operate a single electronic case management system.",
        )


def _function_rule(number: int, function: CmsFunction) -> Rule:
    def evaluate(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
        cms = profile.case_management_system
        if cms is None or cms.functions is None:
            yield missing(
                "/case_management_system/functions",
                "The profile does not list the case management system's functions.",
            )
        elif function in cms.functions:
            return
        elif cms.functions_complete:
            yield not_met(
                "/case_management_system/functions",
                f"The case management system lacks the function '{function.value}'.",
            )
        else:
            yield missing(
                "/case_management_system/functions",
                f"The functions listed do not include '{function.value}' and the list is not "
                "declared complete (functions_complete), so its absence is not shown.",
            )

    return rule(
        id=f"SPOC-A-{number:04d}",
        provision=function.legal_basis,
        title=f"The case management system has the function '{function.value}'",
        rationale=f"Art 16(1) lists the functions the case management system must have at "
        f"least; point {function.legal_basis[-2]} is: {function.meaning}.",
        remediation=f"Provide the function and add '{function.value}' to "
        "case_management_system.functions.",
        passing={"case_management_system": {"functions": _ALL_FUNCTIONS}},
        failing={
            "case_management_system": {
                "functions": [f for f in _ALL_FUNCTIONS if f != function.value],
                "functions_complete": True,
            }
        },
        tags=("case-management",) + (("siena",) if "SIENA" in function.meaning else ()),
    )(evaluate)


FUNCTION_RULES = tuple(_function_rule(23 + i, f) for i, f in enumerate(CmsFunction))


@rule(
    id="SPOC-A-0031",
    provision="Art 16(2)",
    title="Cybersecurity risks of the case management system are managed",
    rationale="Art 16(2): the cybersecurity risks of the case management system, in particular "
    "its architecture, governance and control, are managed prudently, with safeguards against "
    "unauthorised access and abuse.",
    remediation="Manage those risks, list the safeguards in security_measures and set "
    "cybersecurity_risk_managed to true.",
    passing={"case_management_system": {"cybersecurity_risk_managed": True}},
    failing={"case_management_system": {"cybersecurity_risk_managed": False}},
    tags=("case-management", "security"),
)
def cybersecurity(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    cms = profile.case_management_system
    pointer = "/case_management_system/cybersecurity_risk_managed"
    if cms is None or cms.cybersecurity_risk_managed is None:
        yield missing(
            pointer, "The profile does not state how CMS cybersecurity risks are managed."
        )
    elif not cms.cybersecurity_risk_managed:
        yield not_met(pointer, "The case management system's cybersecurity risks are not managed.")
    if cms is not None and cms.security_measures == []:
        yield not_met(
            "/case_management_system/security_measures",
            "No safeguards against unauthorised access and abuse are listed.",
        )


@rule(
    id="SPOC-A-0032",
    provision="Art 16(3)",
    title="Personal data past their retention are irrevocably deleted",
    rationale="Art 16(3): personal data are kept in the case management system only as long as "
    "necessary and proportionate for the SPOC's tasks, and then irrevocably deleted.",
    remediation="Apply a retention rule with irrevocable deletion and set "
    "case_management_system.retention.irrevocable_deletion to true.",
    passing={"case_management_system": {"retention": {"irrevocable_deletion": True}}},
    failing={"case_management_system": {"retention": {"irrevocable_deletion": False}}},
    tags=("case-management", "data-protection"),
)
def irrevocable_deletion(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    cms = profile.case_management_system
    retention = cms.retention if cms else None
    yield from yes_no_fact(
        retention,
        "/case_management_system/retention/irrevocable_deletion",
        unstated="The profile does not state whether expired data are deleted.",
        untrue="Personal data past retention are not irrevocably deleted.",
    )


@rule(
    id="SPOC-A-0033",
    provision="Art 16(4)",
    title="Retention is first reviewed within six months, then regularly",
    rationale="Art 16(4): the retention of personal data in the case management system is "
    "reviewed for the first time no later than six months after an exchange is concluded, and "
    "regularly afterwards.",
    remediation="Review retention within P6M of the conclusion of an exchange, record it in "
    "retention.first_review_within, and state retention.review_interval.",
    passing={
        "case_management_system": {
            "retention": {"first_review_within": "P6M", "review_interval": "P1Y"}
        }
    },
    failing={"case_management_system": {"retention": {"first_review_within": "P1Y"}}},
    tags=("case-management", "data-protection"),
)
def retention_review(profile: SpocProfile, ctx: Context) -> Iterator[Outcome]:
    cms = profile.case_management_system
    retention = cms.retention if cms else None
    base = "/case_management_system/retention"
    if retention is None or retention.first_review_within is None:
        yield missing(
            f"{base}/first_review_within",
            "The profile does not state when retention is first reviewed.",
        )
    elif certainly_longer(retention.first_review_within, "P6M"):
        yield not_met(
            f"{base}/first_review_within",
            f"The first retention review ({retention.first_review_within}) comes later than "
            "six months (P6M) after an exchange is concluded.",
        )
    if retention is not None and retention.review_interval is None:
        yield missing(
            f"{base}/review_interval",
            "The profile does not state how often retention is reviewed after the first review.",
        )
