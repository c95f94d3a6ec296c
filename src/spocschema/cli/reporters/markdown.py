"""Markdown for a pull-request comment: a verdict, a table per run, the findings per file.

Meant to be posted by a CI job (``gh pr comment --body-file``, GitLab notes). Cell text is
escaped so a message can never break the table or inject markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spocschema.cli.reporters.common import Item, all_items, items
from spocschema.cli.wording import plural
from spocschema.display import printable

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import Run


#: Characters with a meaning in (GitHub-flavoured) Markdown; a backslash makes each literal.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~&$-])")


def _cell(text: str) -> str:
    """Untrusted text as literal table-cell text: one line, no markup, no raw control character.

    Line breaks and runs of spaces become one space; every Markdown punctuation character is
    backslash-escaped (CommonMark allows it for any ASCII punctuation) and ``<`` written as
    ``&lt;``, so ``<img …>``, ``[link](…)``, emphasis and ``|`` stay text.
    """
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", printable(" ".join(text.split())))
    return escaped.replace("<", "&lt;")


def _code(text: str) -> str:
    """Untrusted text as a code span that nothing can leave.

    Line breaks and control characters are escaped (``printable``), so the span stays on its
    table row; ``|`` is escaped because GitHub splits table rows on it even inside code; the
    fence is one backtick longer than the longest run of backticks inside, with a space of
    padding where the text begins or ends with one.
    """
    if not text:
        return ""
    body = printable(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def _count(found: list[Item], severity: str) -> int:
    return sum(1 for item in found if item.severity == severity and not item.waived)


def render(run: Run, settings: Settings) -> str:
    verdict = run.verdict
    found = all_items(run)
    out = [
        f"## spocschema {run.command}: {verdict}",
        "",
        f"{plural(len(run.files), 'file')} at fail level **{run.fail_level}** "
        f"(exit code {run.exit_code}).",
        "",
        *(
            [
                "**Incomplete** means nothing fails, but a profile states too little to assess "
                "an obligation: it is not a pass.",
                "",
            ]
            if verdict == "incomplete"
            else []
        ),
        "| File | Status | Errors | Warnings | Info | Waived |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for result in run.files:
        mine = items(result)
        out.append(
            f"| {_code(result.file)} | {result.status(run.fail_level)} | "
            f"{_count(mine, 'error')} | {_count(mine, 'warning')} | {_count(mine, 'info')} | "
            f"{sum(1 for i in mine if i.waived)} |"
        )
    for result in run.files:
        mine = items(result)
        if not mine:
            continue
        out += [
            "",
            f"### {_code(result.file)}",
            "",
            "| Severity | Rule | Provision | Location | Message |",
            "| --- | --- | --- | --- | --- |",
        ]
        for item in mine:
            where = _code(item.location()) + (f" {_code(item.pointer)}" if item.pointer else "")
            severity = f"waived ({item.severity})" if item.waived else item.severity
            out.append(
                f"| {severity} | {_code(item.rule_id)} | {_cell(item.provision or '')} | "
                f"{where} | {_cell(item.message)} |"
            )
    if not found:
        out += ["", "No problems found."]
    return "\n".join(out) + "\n"
