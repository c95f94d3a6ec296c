"""Markdown for a pull-request comment: a verdict, a table per run, the findings per file.

Meant to be posted by a CI job (``gh pr comment --body-file``, GitLab notes). Cell text is
escaped so a message can never break the table or inject markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spocschema.cli.reporters.common import Item, all_items, items
from spocschema.cli.wording import plural

if TYPE_CHECKING:
    from spocschema.cli.engine import Run
    from spocschema.cli.reporters.common import Settings


def _cell(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return " ".join(escaped.split())


def _code(text: str) -> str:
    return f"`{text.replace('`', '')}`" if text else ""


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
