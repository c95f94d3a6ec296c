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
from functools import cache
from typing import TYPE_CHECKING, Any

from spocschema import codelists
from spocschema._version import __version__
from spocschema.report import Finding, ProvisionStatus, Report

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

#: Symbols in the matrix, so the status reads without colour (printing, colour blindness).
STATUS_SYMBOLS = {
    "met": "✓",
    "not_met": "✗",
    "not_applicable": "\u2013",
    "not_assessable": "?",
    "upcoming": "◷",
}

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
        SIENA_CLASSES=SIENA_CLASSES,
        article_of=article_of,
        country_name=codelists.country_name,
        findings_by_provision=_findings_by_provision,
    )
    return environment


def _asset(name: str) -> str:
    from importlib import resources

    return (resources.files("spocschema.html") / "templates" / name).read_text(encoding="utf-8")


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
    )


def render_network(network: NetworkReport) -> str:
    """A page for a network: cross-checks, states by provisions, languages, SIENA, each state."""
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
    )
