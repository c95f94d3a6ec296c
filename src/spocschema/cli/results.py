"""What a run of ``validate`` or ``check`` produced: one result per file, and the whole run.

The engine (``spocschema.cli.engine``) fills these in and the reporters
(``spocschema.cli.reporters``) render them. Neither imports the other's module for them, so
the two never form an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from spocschema.dispatch import SchemaChoice
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
    #: The schema the document was validated against (``spocschema.dispatch``), once known.
    schema: SchemaChoice | None = None

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
        """``unreadable``, ``invalid``, ``failed``, ``incomplete`` or ``passed``.

        ``incomplete``: nothing fails, but the profile states too little to assess an obligation
        in force (the report's verdict), so it must not be shown as passed.
        """
        if self.stage == "input":
            return "unreadable"
        if self.stage == "structure" and self.problems:
            return "invalid"
        if self.failing_findings(fail_level):
            return "failed"
        return "incomplete" if self.incomplete else "passed"

    @property
    def incomplete(self) -> bool:
        """The report's verdict is ``incomplete`` (never true without a report)."""
        summary = self.report.summary if self.report is not None else None
        verdict = getattr(summary, "verdict", None)
        return verdict is not None and verdict.value == "incomplete"

    def not_assessable_obligations(self) -> int:
        """Obligations (MUST provisions) in force that the profile does not let the rules judge."""
        if self.report is None:
            return 0
        return sum(
            1
            for p in self.report.provisions
            if p.force == "MUST" and p.status.value == "not_assessable"
        )


@dataclass
class Run:
    """Every file's result, with the settings needed to judge and render them."""

    command: str
    fail_level: str
    files: list[FileResult] = field(default_factory=list)
    #: Notices about the run's waivers (``spocschema.waivers.WaiverNotice.to_dict``).
    waiver_notices: list[dict[str, Any]] = field(default_factory=list)
    #: True when a waiver notice fails the run (``--fail-on-unused-waivers``, placeholders).
    waivers_fail: bool = False
    #: ``--fail-on-incomplete``: an incomplete profile fails the run (exit code 1).
    fail_on_incomplete: bool = False

    @property
    def exit_code(self) -> int:
        """2 if any input could not be read; else 1 if anything fails; else 0.

        An incomplete profile exits 0 unless ``fail_on_incomplete``: by default the exit code
        follows the fail level, as documented, while every format says "incomplete".
        """
        statuses = {result.status(self.fail_level) for result in self.files}
        if "unreadable" in statuses or not self.files:  # a run that read nothing never passes
            return EXIT_ERROR
        if statuses & {"invalid", "failed"} or self.waivers_fail:
            return EXIT_FINDINGS
        if self.fail_on_incomplete and "incomplete" in statuses:
            return EXIT_FINDINGS
        return EXIT_OK

    @property
    def verdict(self) -> str:
        """The run at a glance: ``failed`` (incl. unreadable), ``incomplete`` or ``passed``."""
        statuses = {result.status(self.fail_level) for result in self.files}
        if statuses & {"unreadable", "invalid", "failed"} or not self.files or self.waivers_fail:
            return "failed"
        return "incomplete" if "incomplete" in statuses else "passed"

    def count(self, status: str) -> int:
        return sum(1 for result in self.files if result.status(self.fail_level) == status)
