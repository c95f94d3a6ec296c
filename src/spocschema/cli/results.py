"""What a run of ``validate`` or ``check`` produced: one result per file, and the whole run.

The engine (``spocschema.cli.engine``) fills these in and the reporters
(``spocschema.cli.reporters``) render them. Neither imports the other's module for them, so
the two never form an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from spocschema.errors import Problem
    from spocschema.report import Report

#: How far a document got: not readable as a profile, read but invalid, or fully checked.
Stage = Literal["input", "structure", "checked"]

#: Severity names, lowest first; a fail level fails on its own rank and above.
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class FileResult:
    """What happened to one document."""

    file: str
    stage: Stage
    problems: list[Problem] = field(default_factory=list)
    report: Report | None = None

    def failing_findings(self, fail_level: str) -> int:
        """Unwaived findings at or above the fail level."""
        if self.report is None:
            return 0
        threshold = SEVERITY_RANK[fail_level]
        return sum(
            1
            for finding in self.report.findings
            if not finding.waived and SEVERITY_RANK[finding.severity.value] >= threshold
        )

    def status(self, fail_level: str) -> str:
        """``unreadable``, ``invalid``, ``failed`` or ``passed``."""
        if self.stage == "input":
            return "unreadable"
        if self.stage == "structure" and self.problems:
            return "invalid"
        return "failed" if self.failing_findings(fail_level) else "passed"


@dataclass
class Run:
    """Every file's result, with the settings needed to judge and render them."""

    command: str
    fail_level: str
    files: list[FileResult] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2 if any input could not be read; else 1 if anything fails; else 0."""
        statuses = {result.status(self.fail_level) for result in self.files}
        if "unreadable" in statuses or not self.files:  # a run that read nothing never passes
            return EXIT_ERROR
        if statuses & {"invalid", "failed"}:
            return EXIT_FINDINGS
        return EXIT_OK

    def count(self, status: str) -> int:
        return sum(1 for result in self.files if result.status(self.fail_level) == status)
