"""What every reporter shares: one flat view of problems and findings.

Problems that stop a document before the checker (it cannot be read, or it breaks the schema)
and findings of the compliance rules are different records, but every output format shows
both. ``items`` turns them into one list of ``Item`` so no format can forget either kind, and
gives the pre-checker problems two stable rule identifiers of their own:

- ``SPOC-INPUT``: the document could not be read or parsed (exit code 2);
- ``SPOC-SCHEMA``: the document breaks the published schema (exit code 1).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# Where users read about the tool and each rule, re-exported for the reporters.
from spocschema.links import INFORMATION_URI as INFORMATION_URI
from spocschema.links import rule_page_uri as rule_page_uri

if TYPE_CHECKING:
    from spocschema.cli.results import FileResult, Run
    from spocschema.report import Finding

INPUT_RULE_ID = "SPOC-INPUT"
SCHEMA_RULE_ID = "SPOC-SCHEMA"


@dataclass(frozen=True)
class Settings:
    """Rendering choices taken from the command line."""

    format: str = "text"
    color: bool = False
    quiet: bool = False


@dataclass(frozen=True)
class Item:
    """One problem or finding, located, in the form every reporter consumes."""

    file: str
    rule_id: str
    severity: str
    message: str
    pointer: str
    line: int | None
    column: int | None
    kind: str
    provision: str | None = None
    waived: bool = False
    waiver_justification: str | None = None
    #: The matching waiver's expiry (ISO date), owner, and why it did not waive, if it did not.
    waiver_expires_on: str | None = None
    waiver_owner: str | None = None
    waiver_state: str | None = None

    def waiver_details(self) -> str:
        """``justification; owner: X; expires YYYY-MM-DD`` of the matching waiver, if any."""
        parts = [self.waiver_justification or "no justification"]
        if self.waiver_owner:
            parts.append(f"owner: {self.waiver_owner}")
        parts.append(
            f"expires {self.waiver_expires_on}" if self.waiver_expires_on else "no expiry date"
        )
        return "; ".join(parts)

    def location(self) -> str:
        """``file:line:column`` as far as known."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


def _finding_item(result: FileResult, finding: Finding) -> Item:
    waiver = finding.waiver
    return Item(
        file=finding.file or result.file,
        rule_id=finding.rule_id,
        severity=finding.severity.value,
        message=finding.message,
        pointer=finding.pointer,
        line=finding.line,
        column=finding.column,
        kind="finding",
        provision=finding.provision,
        waived=finding.waived,
        waiver_justification=waiver.justification if waiver is not None else None,
        waiver_expires_on=(
            waiver.expires_on.isoformat() if waiver is not None and waiver.expires_on else None
        ),
        waiver_owner=waiver.owner if waiver is not None else None,
        waiver_state=_waiver_state(finding),
    )


def _waiver_state(finding: Finding) -> str | None:
    """``waived``, ``expired`` or ``refused`` (matched, in force, but not allowed to waive)."""
    waiver = finding.waiver
    if waiver is None:
        return None
    if finding.waived:
        return "waived"
    return "expired" if waiver.expired else "refused"


def items(result: FileResult) -> list[Item]:
    """Problems first (they come from earlier stages), then findings in report order."""
    rule = INPUT_RULE_ID if result.stage == "input" else SCHEMA_RULE_ID
    found = [
        Item(
            file=result.file,
            rule_id=rule,
            severity="error",
            message=problem.message,
            pointer=problem.pointer,
            line=problem.line,
            column=problem.column,
            kind=problem.kind,
        )
        for problem in result.problems
    ]
    if result.report is not None:
        found.extend(_finding_item(result, finding) for finding in result.report.findings)
    return found


def all_items(run: Run) -> list[Item]:
    return [item for result in run.files for item in items(result)]


def shown(item: Item) -> Item:
    """The item as the human formats (text, GitHub annotations, Markdown) show it: every text
    field passed through ``spocschema.display.printable``, so no control character, line break
    or bidirectional override from a document reaches a terminal, a log or a comment."""
    from dataclasses import replace

    from spocschema.display import printable

    return replace(
        item,
        file=printable(item.file),
        rule_id=printable(item.rule_id),
        message=printable(item.message),
        pointer=printable(item.pointer),
        provision=None if item.provision is None else printable(item.provision),
        waiver_justification=(
            None if item.waiver_justification is None else printable(item.waiver_justification)
        ),
    )


def is_failing(item: Item, fail_level: str) -> bool:
    """Whether an item counts against the run (unwaived, at or above the fail level)."""
    from spocschema.cli.results import SEVERITY_RANK

    return not item.waived and SEVERITY_RANK[item.severity] >= SEVERITY_RANK[fail_level]


def relative_uri(label: str) -> str:
    """A file label as a URI reference relative to the working directory, with ``/``.

    Code-scanning services match results to files by repository-relative path, so paths under
    the working directory are made relative; others become ``file:`` URIs.
    """
    if label.startswith("<"):
        return label.strip("<>")
    path = Path(label)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    text = os.path.normpath(path).replace(os.sep, "/")
    from urllib.parse import quote

    return quote(text, safe="/:@!$&'()*+,;=-._~")
