"""Self-contained HTML pages for people: one profile's report, or the whole network.

A page is one file with its CSS and JavaScript inline; opening it loads nothing (a
Content-Security-Policy that allows only the page's own style and script, by hash, makes sure
of it). Profile text is untrusted input: Jinja2 escapes every value (autoescape), the page
embeds no data in its script, and the policy would stop an injected script even if escaping
failed. Filters (severity, state, article) work on the page's own rows; print CSS lays the page
out on A4 landscape with the colours kept.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from spocschema import codelists
from spocschema._version import __version__
from spocschema.links import eli_article_uri, rule_page_uri
from spocschema.report import (
    Finding,
    LegalReference,
    ProvisionResult,
    ProvisionStatus,
    Report,
    Severity,
)
from spocschema.report import verdict_of as report_verdict

if TYPE_CHECKING:
    from jinja2 import Environment

    from spocschema.network.models import LanguageLink, NetworkReport

STATUS_LABELS = {
    "met": "met",
    "not_met": "not met",
    "not_applicable": "not applicable",
    "not_assessable": "not assessable",
    "upcoming": "upcoming",
}

#: Symbols of the statuses, so a status reads without colour (printing, colour blindness). Each
#: symbol has one meaning on every page ("?" is always "not assessable"), and the legend of
#: each page explains every symbol it shows.
STATUS_SYMBOLS = {
    "met": "✓",
    "not_met": "✗",
    "not_applicable": "\u2013",
    "not_assessable": "?",
    "upcoming": "◷",
}

#: Marks a legal reference not yet verified against the Official Journal (not "?": that is
#: "not assessable").
UNVERIFIED_MARK = "\u2020"

#: Order of the provisions on a page: what is not met first, then what would not be met once it
#: applies, what cannot be assessed, and last what is met or does not apply.
STATUS_ORDER = {"not_met": 0, "upcoming": 1, "not_assessable": 2, "met": 3, "not_applicable": 4}

#: One-word verdicts of a report's summary, as the page shows them.
VERDICT_LABELS = {"passed": "Passed", "incomplete": "Incomplete", "failed": "Failed"}

SIENA_CLASSES = {
    "ready": "status-met",
    "partial": "status-not_assessable",
    "not_connected": "status-not_met",
    "not_stated": "status-not_applicable",
}

_ARTICLE = re.compile(r"(Art \d+)")


def article_of(citation: str) -> str:
    """The filter key of a citation: ``Art 14(3)(a)(ii)`` -> ``Art 14``; guidance -> its code."""
    match = _ARTICLE.match(citation)
    return match.group(1).replace(" ", "\u00a0") if match else citation


def _article_sort_key(article: str) -> tuple[int, int, str]:
    match = re.match(r"Art\s(\d+)", article)
    return (0, int(match.group(1)), "") if match else (1, 0, article)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=PackageLoader("spocschema.html", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["article_of"] = article_of
    environment.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        STATUS_SYMBOLS=STATUS_SYMBOLS,
        UNVERIFIED_MARK=UNVERIFIED_MARK,
        VERDICT_LABELS=VERDICT_LABELS,
        verdict_of=verdict_of,
        legal_uri=legal_uri,
        rule_uri=rule_page_uri,
        ordered_provisions=ordered_provisions,
        ordered_findings=ordered_findings,
        to_fix=to_fix,
        SIENA_CLASSES=SIENA_CLASSES,
        article_of=article_of,
        country_name=codelists.country_name,
        findings_by_provision=_findings_by_provision,
    )
    return environment


def _asset(name: str) -> str:
    from importlib import resources

    return (resources.files("spocschema.html") / "templates" / name).read_text(encoding="utf-8")


def legal_uri(reference: LegalReference) -> str | None:
    """Where a legal basis links: the article's ELI, built from the structured citation."""
    return eli_article_uri(reference.eli, reference.article)


def verdict_of(report: Report) -> str:
    """``passed``, ``incomplete`` or ``failed``; a 1.0 report without a verdict is judged here."""
    verdict = report.summary.verdict
    if verdict is not None:
        return str(verdict.value)
    return str(report_verdict(report.summary.passed, report.provisions).value)


def ordered_provisions(report: Report) -> list[ProvisionResult]:
    """The provisions, not met first (catalogue order within each status)."""
    return sorted(report.provisions, key=lambda p: STATUS_ORDER.get(p.status.value, 5))


def ordered_findings(report: Report) -> list[Finding]:
    """The findings, those that count first: unwaived, not met, most severe."""
    kinds = {"not_met": 0, "upcoming": 1, "not_assessable": 2}
    return sorted(
        report.findings,
        key=lambda f: (f.waived, kinds.get(f.status, 3), -f.severity.rank),
    )


@dataclass(frozen=True)
class Fix:
    """One thing to fix: a rule's unwaived findings of a provision not met, and the remedy."""

    rule_id: str
    provision: str
    severity: Severity
    findings: list[Finding]
    remediation: str
    rule_uri: str
    legal_basis: list[LegalReference]


def to_fix(report: Report) -> list[Fix]:
    """What is not met, rule by rule, most severe first, each with the rule's remediation."""
    from spocschema.rules import get_rule

    grouped: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.status == "not_met" and not finding.waived:
            grouped.setdefault(finding.rule_id, []).append(finding)
    fixes = []
    for rule_id, findings in grouped.items():
        try:
            remediation = get_rule(rule_id).remediation
        except KeyError:  # a national rule pack's rule: its findings are all we know
            remediation = ""
        first = findings[0]
        fixes.append(
            Fix(
                rule_id,
                first.provision,
                max((f.severity for f in findings), key=lambda s: s.rank),
                findings,
                remediation,
                rule_page_uri(rule_id),
                first.legal_basis,
            )
        )
    return sorted(fixes, key=lambda fix: -fix.severity.rank)


def _findings_by_provision(report: Report, provision: str) -> list[Finding]:
    return [finding for finding in report.findings if finding.provision == provision]


def _render(template: str, title: str, **context: Any) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        _environment()
        .get_template(template)
        .render(title=title, css=css, js=js, csp=csp, tool_version=__version__, **context)
    )


def _articles(citations: list[str]) -> list[str]:
    return sorted({article_of(c) for c in citations}, key=_article_sort_key)


def render_report(report: Report) -> str:
    """A page for one profile: each provision with its status, legal basis and findings."""
    where = f" — {codelists.country_name(report.country)}" if report.country else ""
    citations = [p.provision for p in report.provisions] + [f.provision for f in report.findings]
    return _render(
        "profile.html.j2",
        f"SPOC compliance report{where}",
        report=report,
        articles=_articles(citations),
        statuses=list(ProvisionStatus),
    )


def render_network(network: NetworkReport) -> str:
    """A page for a network: cross-checks, states by provisions, languages, SIENA, each state."""
    from spocschema.network.models import CrossCheck, CrossCheckFinding
    from spocschema.provisions import catalogue_order

    order = catalogue_order()
    seen = {p.provision for m in network.members for p in m.report.provisions}
    provisions = sorted(seen, key=lambda c: (order.get(c, len(order)), c))
    citations = list(provisions) + [
        ref.citation for finding in network.cross_checks for ref in finding.legal_basis
    ]
    counts: dict[str, int] = {}
    for member in network.members:
        counts[member.country] = counts.get(member.country, 0) + 1
    links = {tuple(link.states): link for link in network.language_links}
    own: dict[str, list[str]] = {}
    for member in network.members:
        own.setdefault(member.country, [])
        own[member.country] = sorted(set(own[member.country]) | set(member.working_languages))
    states = sorted({m.country for m in network.members})

    def link_of(first: str, second: str) -> LanguageLink:
        key = (first, second) if first < second else (second, first)
        return links[key]

    def status_map(report: Report) -> dict[str, ProvisionStatus]:
        return {p.provision: p.status for p in report.provisions}

    def duplicated(code: str) -> bool:
        return counts.get(code, 0) > 1

    # States without a profile are one row per severity, not one row each: a folder holding a
    # few profiles would otherwise open with dozens of "missing state" rows.
    missing: dict[str, list[CrossCheckFinding]] = {}
    others = []
    for finding in network.cross_checks:
        if finding.check is CrossCheck.MISSING_STATE:
            missing.setdefault(finding.severity.value, []).append(finding)
        else:
            others.append(finding)
    missing_groups = [
        (findings[0].severity, sorted({s for f in findings for s in f.states}), findings)
        for _, findings in sorted(missing.items(), key=lambda item: -Severity(item[0]).rank)
    ]

    return _render(
        "network.html.j2",
        "SPOC network report",
        network=network,
        provisions=provisions,
        statuses=list(ProvisionStatus),
        states=[(code, codelists.country_name(code)) for code in states],
        articles=_articles(citations),
        language_states=states,
        own_languages=own,
        link_of=link_of,
        status_map=status_map,
        duplicated=duplicated,
        cross_checks=others,
        missing_groups=missing_groups,
    )
