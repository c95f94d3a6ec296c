"""Public addresses the outputs link to: the documentation site's rule pages, and the law.

Every format that links somewhere (SARIF ``helpUri``, the HTML report, the text hints) takes
the address from here, so a rule's page and an article's address are spelled once.
"""

from __future__ import annotations

import re

#: Where users read about the tool and its rules (the documentation site).
INFORMATION_URI = "https://spocschema.readthedocs.io/"

#: Identifiers of the two problems found before the rules run (see ``cli.reporters.common``).
_STAGE_RULES = ("SPOC-INPUT", "SPOC-SCHEMA")


def rule_page_uri(rule_id: str) -> str:
    """The documentation page of one rule (the site's rule catalogue, generated per rule).

    Profile rules (``SPOC-A-``, ``SPOC-D-``) have a page each; request and statistics rules
    (``SPOC-B-``, ``SPOC-C-``) a section of the exchange page; the two pre-checker identifiers
    are explained with the output formats. A rule of a national pack has no page here.
    """
    if re.fullmatch(r"SPOC-[AD]-[0-9]{4}", rule_id):
        return f"{INFORMATION_URI}rules/{rule_id}.html"
    if re.fullmatch(r"SPOC-[BC]-[0-9]{4}", rule_id):
        return f"{INFORMATION_URI}rules/exchange.html#rule-{rule_id.lower()}"
    if rule_id in _STAGE_RULES:
        return f"{INFORMATION_URI}cli.html#output-formats"
    return INFORMATION_URI


def eli_article_uri(eli: str | None, article: str | None) -> str | None:
    """The ELI of one article of an EU act, built from the act's ELI and the article number.

    EUR-Lex documents the article subdivision as ``.../eli/{type}/{year}/{number}/art_{n}/oj``
    (its ELI help page gives ``http://data.europa.eu/eli/reg/2019/1241/art_2/oj`` for Article 2
    of Regulation (EU) 2019/1241). Paragraph and point subdivisions are not documented there,
    so links stop at the article; without an article (or an ELI) the act's own ELI is used.
    """
    if not eli:
        return None
    if article and re.fullmatch(r"[0-9]+[a-z]?", article) and eli.endswith("/oj"):
        return f"{eli.removesuffix('/oj')}/art_{article}/oj"
    return eli
