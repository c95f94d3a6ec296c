"""Rule catalogue pages, generated from the rule registry at build time.

The input is the machine-readable rule list (``spocschema.rules.rules_as_json()``), the same
data ``spocschema rules --format json`` prints and SARIF rule metadata is made from, so the
catalogue, the command line and code-scanning tools can never describe a rule differently.

Each rule's failing and passing examples are the per-rule test cases of
``spocschema.rules.cases`` (a JSON merge patch over the bundled compliant profile and an
evaluation date). They are run through the checker while the pages are generated, and the
status and findings shown on the page are the ones the checker actually produced. A case whose
outcome differs from what it expects stops the build: the documentation would otherwise be
wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen_text import (
    code,
    fenced,
    json_text,
    legal_link,
    ref,
    slug,
    table_cell,
    write_if_changed,
)

SECTION_TITLES = {
    "A": "A. The SPOC itself (Directive (EU) 2023/977)",
    "B": "B. Requests, replies and refusals (Directive (EU) 2023/977)",
    "C": "C. Annual statistics (Art 18 of Directive (EU) 2023/977)",
    "D": "D. Recommendations beyond the Directive (Council guidance)",
}


class CatalogueError(Exception):
    """The registry and its examples disagree; the catalogue would be wrong if built."""


def rule_label(rule_id: str) -> str:
    """The Sphinx label of a rule's page."""
    return f"rule-{slug(rule_id)}"


def rule_page_name(rule_id: str) -> str:
    """The file name (without suffix) of a rule's page."""
    return rule_id


@dataclass(frozen=True)
class ExampleRun:
    """A rule's test case and what the checker said about it, for the rule's page."""

    patch: Mapping[str, Any]
    as_of: str
    expected: str
    status: str
    findings: list[dict[str, Any]]


def run_case(case: Mapping[str, Any], base: Mapping[str, Any]) -> ExampleRun:
    """Check the base profile with the case's patch applied, selecting only the case's rule."""
    from spocschema.checker import check
    from spocschema.rules.cases import merge_patch

    rule_id = case["rule_id"]
    report = check(
        merge_patch(base, case["patch"]), as_of=case["as_of"], select=[rule_id], rule_packs=False
    )
    document = report.to_document()
    findings = [f for f in document["findings"] if f["rule_id"] == rule_id]
    statuses = [p["status"] for p in document["provisions"] if p["provision"] == case["provision"]]
    return ExampleRun(
        patch=case["patch"],
        as_of=str(case["as_of"]),
        expected=str(case["expect"]["provision_status"]),
        status=statuses[0] if statuses else "",
        findings=findings,
    )


def _facts_table(rows: Sequence[tuple[str, str]]) -> list[str]:
    lines = ["| | |", "|---|---|"]
    lines += [f"| {name} | {table_cell(value)} |" for name, value in rows if value]
    return [*lines, ""]


def _legal_reference(ref: Mapping[str, Any]) -> str:
    parts = [legal_link(str(ref["citation"]))]
    if not str(ref["citation"]).startswith("Art"):
        parts.append(f"— {ref['instrument']}")
    where = [
        f"{label} {ref[key]}"
        for key, label in (("article", "Article"), ("paragraph", "paragraph"), ("point", "point"))
        if ref.get(key)
    ]
    details = [", ".join(where)] if where else []
    if ref.get("celex"):
        details.append(f"CELEX {code(str(ref['celex']))}")
    if ref.get("eli"):
        details.append(f"ELI <{ref['eli']}>")
    if details:
        parts.append("(" + "; ".join(details) + ")")
    if not ref.get("verified", True):
        parts.append("— **not yet verified** against the Official Journal")
    return "- " + " ".join(parts)


def _findings_text(run: ExampleRun, field_links: Mapping[str, str]) -> list[str]:
    if not run.findings:
        return ["The checker reports no finding for this rule."]
    lines = ["The checker reports:", ""]
    for finding in run.findings:
        pointer = finding["pointer"] or "(whole document)"
        label = field_links.get(pointer_to_path(finding["pointer"]))
        where = ref(pointer, label) if label and not set("<>`") & set(pointer) else code(pointer)
        lines.append(f"- **{finding['severity']}** at {where}: {finding['message']}")
    return lines


def pointer_to_path(pointer: str) -> str:
    """The schema-reference path of a JSON Pointer (array indexes become ``[]``)."""
    path = ""
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if part.isdigit():
            path += "[]"
        else:
            path += f".{part}" if path else part
    return path


def _example_section(
    title: str, run: ExampleRun, base_name: str, field_links: Mapping[str, str]
) -> list[str]:
    return [
        f"## {title}",
        "",
        f"This fragment, applied as a JSON merge patch (RFC 7396) over the bundled "
        f"{code(base_name)} and checked as of {run.as_of}:",
        "",
        fenced(json_text(dict(run.patch)), "json"),
        f"Provision status: {code(run.status)}.",
        *_findings_text(run, field_links),
        "",
    ]


def render_rule(
    rule: Mapping[str, Any],
    provision: Mapping[str, Any],
    failing: ExampleRun,
    passing: ExampleRun,
    field_links: Mapping[str, str],
    base_name: str,
) -> str:
    """The Markdown page of one rule."""
    rule_id = str(rule["id"])
    rows = [
        ("Severity", code(str(rule["severity"]))),
        ("Provision", f"{legal_link(str(rule['provision']))}: {provision['title']}"),
        ("Force", str(provision["force"])),
        ("Applies from", str(rule.get("applies_from", ""))),
        ("Tags", ", ".join(code(str(t)) for t in rule.get("tags", ()))),
        ("Origin", "EU rule" if rule.get("origin", "eu") == "eu" else str(rule["origin"])),
    ]
    lines = [f"({rule_label(rule_id)})=", f"# {rule_id}: {rule['title']}", ""]
    lines += _facts_table(rows)
    from spocschema.rules.base import basis_facts

    facts = basis_facts(rule)
    if facts:
        lines += [":::{note}", *(f"**{label}:** {text}  " for label, text in facts), ":::", ""]
    lines += [
        "## What it checks",
        "",
        f"{str(rule['title']).rstrip('.')}. The rule assesses {provision['citation']}: "
        f"{str(provision['title']).rstrip('.')}.",
        "",
        "## Why",
        "",
        str(rule["rationale"]),
        "",
        "## Legal basis",
        "",
    ]
    lines += [_legal_reference(ref) for ref in rule["legal_basis"]]
    lines.append("")
    lines += _example_section("Failing example", failing, base_name, field_links)
    lines += _example_section("Passing example", passing, base_name, field_links)
    lines += [
        "## How to fix",
        "",
        str(rule["remediation"]),
        "",
        f"On the command line: {code('spocschema explain ' + rule_id)}.",
        "",
    ]
    return "\n".join(lines)


#: The document type of the rules that have a page of their own, with checked examples.
PROFILE_DOCUMENT = "spoc-profile"


def profile_rules(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The profile rules of the walk (the others are listed on the exchange page)."""
    return [
        rule for rule in data["rules"] if rule.get("document", PROFILE_DOCUMENT) == PROFILE_DOCUMENT
    ]


def render_index(data: Mapping[str, Any]) -> str:
    """The catalogue landing page: the ID scheme and every rule in a table."""
    rules = profile_rules(data)
    lines = [
        "(rule-catalogue)=",
        "# Rule catalogue",
        "",
        f"spocschema {data['tool_version']} ships {len(rules)} rules. This catalogue is generated "
        "from the rule registry at every build; `spocschema rules --format json` prints the "
        "same data, and SARIF output carries it as rule metadata.",
        "",
        f"**Rule IDs**: {data['id_scheme']}.",
    ]
    retired = data.get("retired_ids") or []
    lines.append(
        "Retired IDs: " + ", ".join(code(r) for r in retired) + "."
        if retired
        else "No ID has been retired yet."
    )
    lines += [
        "",
        "The severity of a rule follows the force of its provision: MUST gives `error`, SHOULD "
        "gives `warning`, MAY and notes give `info` (see {ref}`concept-severities`). The "
        "{doc}`coverage matrix <coverage>` shows which rules assess each provision.",
        "",
        "| Rule | Title | Severity | Provision |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        lines.append(
            f"| [{rule['id']}]({rule_page_name(rule['id'])}.md) | {table_cell(rule['title'])} | "
            f"{code(rule['severity'])} | {table_cell(rule['provision'])} |"
        )
    lines += [
        "",
        "Requests for information, exchange records, annual statistics and sets of profiles "
        "have rules of their own: {doc}`exchange`.",
        "",
        "```{toctree}",
        ":hidden:",
        "",
    ]
    lines += [rule_page_name(rule["id"]) for rule in rules]
    lines.append("exchange")
    lines += ["```", ""]
    return "\n".join(lines)


def exchange_rule_label(rule_id: str) -> str:
    """The Sphinx label of an exchange rule's row."""
    return f"rule-{slug(rule_id)}"


def render_exchange(rules: Sequence[Mapping[str, Any]]) -> str:
    """The page of the rules of requests, records, statistics and networks, one entry each."""
    from spocschema.rules.base import basis_facts

    lines = [
        "(rule-catalogue-exchange)=",
        "# Rules for requests, exchange records, statistics and networks",
        "",
        "These rules check a request for information (`spocschema.rules.request_documents`), "
        "an exchange record (`spocschema.rules.exchange_records`), a set of annual statistics "
        "(`spocschema.rules.annual_statistics`) or a set of profiles (`spocschema network`) "
        "rather than one profile. They follow the conventions of the profile rules: the "
        "severity follows the provision's force and the test basis, and a fact not stated is "
        "reported as not assessable, one severity lower. Generated from the rule registry, in "
        "the order of the Directive, at every build.",
        "",
    ]
    for rule in rules:
        lines += [
            f"({exchange_rule_label(str(rule['id']))})=",
            f"## {rule['id']}: {rule['title']}",
            "",
            f"- **Checks**: {code(str(rule['document']))} documents",
            f"- **Severity**: {code(str(rule['severity']))}",
            f"- **Provision**: {legal_link(str(rule['provision']))}",
            f"- **Legal basis**: "
            f"{'; '.join(legal_link(str(ref['citation'])) for ref in rule['legal_basis'])}",
            f"- **Message**: {table_cell(str(rule['message']))}",
            *(f"- **{label}**: {table_cell(text)}" for label, text in basis_facts(rule)),
            "",
        ]
    return "\n".join(lines)


def render_coverage(data: Mapping[str, Any], exchange: Sequence[Mapping[str, Any]] = ()) -> str:
    """The coverage matrix: every provision of the catalogue and the rules assessing it."""
    coverage: dict[str, list[str]] = {k: list(v) for k, v in data["coverage"].items()}
    exchange_ids = {str(rule["id"]) for rule in exchange}
    lines = [
        "(rule-coverage)=",
        "# Coverage matrix",
        "",
        "Every provision of the provisions catalogue and the rules that assess it, generated "
        "from the registry. A provision of section A without a rule fails the test suite, and "
        "so does any provision without a rule that does not say why. Sections B and C concern "
        "requests, exchange records and statistics, not the SPOC profile: their rules are on "
        "the page {doc}`exchange`.",
        "",
        "Verification: **V** read in the adopted text; **P** partly read or confirmed "
        "indirectly; **U** not yet verified against the Official Journal.",
        "",
    ]
    lines += _articles_table(data.get("articles", ()), exchange_ids)
    by_section: dict[str, list[Mapping[str, Any]]] = {}
    for provision in data["provisions"]:
        by_section.setdefault(str(provision["section"]), []).append(provision)
    for section, provisions in sorted(by_section.items()):
        lines += [
            f"## {SECTION_TITLES.get(section, 'Section ' + section)}",
            "",
            "| Provision | Force | Requirement | Rules | Verification |",
            "|---|---|---|---|---|",
        ]
        for provision in provisions:
            rule_ids = coverage.get(str(provision["citation"]), ())
            links = ", ".join(_rule_link(r, exchange_ids) for r in rule_ids) or "—"
            lines.append(
                f"| {table_cell(legal_link(str(provision['citation']), short=True))} | "
                f"{provision['force']} | "
                f"{table_cell(str(provision['title']))} | {links} | "
                f"{provision.get('verification', '')} |"
            )
        lines.append("")
    return "\n".join(lines)


def _articles_table(articles: Sequence[Mapping[str, Any]], exchange_ids: set[str]) -> list[str]:
    """Articles 4-18 of the Directive, each provision with its rules or why it has none."""
    if not articles:
        return []
    lines = [
        "## By article (Articles 4 to 18)",
        "",
        "Every article that obliges a SPOC or its exchanges, with the rules of every document "
        "(profile, request, exchange record, statistics, set of profiles) that assess it. A "
        "provision without a rule says why.",
        "",
        "| Article | Provision | Force | Rules, or why there is none |",
        "|---|---|---|---|",
    ]
    for article in articles:
        for row in article["provisions"]:
            rules = ", ".join(_rule_link(r, exchange_ids) for r in row["rules"])
            reason = row.get("no_rule_reason") or "no rule"
            lines.append(
                f"| {article['article']} | "
                f"{table_cell(legal_link(str(row['citation']), short=True))} | {row['force']} | "
                f"{rules or table_cell('No rule: ' + str(reason))} |"
            )
    return [*lines, ""]


def _rule_link(rule_id: str, exchange_ids: set[str]) -> str:
    if rule_id in exchange_ids:
        return ref(rule_id, exchange_rule_label(rule_id))
    return f"[{rule_id}]({rule_page_name(rule_id)}.md)"


def schema_field_links() -> dict[str, str]:
    """Path of every profile field -> the label of its entry in the schema reference."""
    import schema_reference

    from spocschema import schemas

    schema = schemas.load("spoc-profile")
    return {
        f.path: schema_reference.field_label("spoc-profile", f.path)
        for f in schema_reference.iter_fields(schema)
    }


def check_case(rule_id: str, kind: str, run: ExampleRun) -> None:
    """Stop the build if a case's outcome is not the one it declares."""
    if run.status != run.expected:
        raise CatalogueError(
            f"{rule_id}: the {kind} example gives status {run.status!r}, not {run.expected!r}"
        )
    if kind == "failing" and not run.findings:
        raise CatalogueError(f"{rule_id}: the failing example produces no finding")
    if kind == "passing" and run.findings:
        raise CatalogueError(f"{rule_id}: the passing example produces a finding")


def write_pages(out_dir: Path, root: Path) -> list[Path]:
    """Generate every catalogue page into ``out_dir``; returns the files it is made of."""
    from spocschema.rules import rules_as_json
    from spocschema.rules.cases import export

    data = rules_as_json()
    cases = export()
    base = _load_json(root / cases["base"])
    runs: dict[tuple[str, str], ExampleRun] = {}
    for case in cases["cases"]:
        run = run_case(case, base)
        check_case(case["rule_id"], case["kind"], run)
        runs[(case["rule_id"], case["kind"])] = run
    provisions = {str(p["citation"]): p for p in data["provisions"]}
    field_links = schema_field_links()
    written = []
    for rule in profile_rules(data):
        rule_id = str(rule["id"])
        page = out_dir / f"{rule_page_name(rule_id)}.md"
        text = render_rule(
            rule,
            provisions[str(rule["provision"])],
            runs[(rule_id, "failing")],
            runs[(rule_id, "passing")],
            field_links,
            str(cases["base"]),
        )
        write_if_changed(page, text)
        written.append(page)
    # The rules of the other documents, from the same walk as the profile rules.
    exchange = [rule for rule in data["rules"] if rule.get("document") != PROFILE_DOCUMENT]
    pages = (
        ("index", render_index(data)),
        ("coverage", render_coverage(data, exchange)),
        ("exchange", render_exchange(exchange)),
    )
    for name, text in pages:
        page = out_dir / f"{name}.md"
        write_if_changed(page, text)
        written.append(page)
    return written


def _load_json(path: Path) -> Any:
    import json

    return json.loads(path.read_text(encoding="utf-8"))
