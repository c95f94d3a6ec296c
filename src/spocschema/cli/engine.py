"""The pipeline behind ``validate`` and ``check``: loader, then validator, then checker.

Each operand goes through the stages on its own, so one bad file never stops the others. The
outcome of every file is a ``FileResult``; a ``Run`` collects them, decides the exit code and is
handed to a reporter chosen by name (``spocschema.cli.reporters``), which only renders.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, resume_collection

if TYPE_CHECKING:
    from spocschema.cli.inputs import Operand
    from spocschema.dispatch import SchemaChoice
    from spocschema.errors import Problem
    from spocschema.loading import Limits, LoadedDocument
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
    #: ``--fail-on-incomplete``: an incomplete profile fails the run (exit code 1).
    fail_on_incomplete: bool = False

    @property
    def exit_code(self) -> int:
        """2 if any input could not be read; else 1 if anything fails; else 0.

        An incomplete profile exits 0 unless ``fail_on_incomplete``: by default the exit code
        follows the fail level, as documented, while every format says "incomplete".
        """
        statuses = {result.status(self.fail_level) for result in self.files}
        if "unreadable" in statuses:
            return EXIT_ERROR
        if statuses & {"invalid", "failed"}:
            return EXIT_FINDINGS
        if self.fail_on_incomplete and "incomplete" in statuses:
            return EXIT_FINDINGS
        return EXIT_OK

    @property
    def verdict(self) -> str:
        """The run at a glance: ``failed`` (incl. unreadable), ``incomplete`` or ``passed``."""
        statuses = {result.status(self.fail_level) for result in self.files}
        if statuses & {"unreadable", "invalid", "failed"}:
            return "failed"
        return "incomplete" if "incomplete" in statuses else "passed"

    def count(self, status: str) -> int:
        return sum(1 for result in self.files if result.status(self.fail_level) == status)


#: A checker stage: turns a structurally valid document into a report.
Checker = Callable[["LoadedDocument", Any], "Report"]


def locate(report: Report, document: LoadedDocument) -> Report:
    """Give every finding the file, line and column of the value its pointer names.

    The checker works on the typed profile and knows only JSON Pointers; the loaded document
    knows where each value was written, so the place is filled in here for every format.
    """
    for finding in report.findings:
        if finding.file is None:
            finding.file = document.source
        if finding.line is None:
            where = document.position(finding.pointer)
            if where is not None:
                finding.line, finding.column = where
    return report


def load_operand(operand: Operand, limits: Limits) -> LoadedDocument:
    """Read and parse one operand; raises ``DocumentError`` for anything unreadable."""
    from spocschema.errors import DocumentError, Problem
    from spocschema.loading import load_document

    if operand.error is not None:
        raise DocumentError(operand.label, [Problem(operand.error, kind="read", code="read")])
    if operand.path is None:
        raw = operand.read_stdin(limits.max_bytes)
        return load_document(raw, name=operand.label, limits=limits)
    return load_document(operand.path, name=operand.label, limits=limits)


def process(
    command: str,
    operands: list[Operand],
    limits: Limits,
    *,
    fail_level: str = "error",
    checker: Checker | None = None,
    fail_on_incomplete: bool = False,
) -> Run:
    """Load, validate and (with a checker) check every operand."""
    run = Run(command, fail_level, fail_on_incomplete=fail_on_incomplete)
    for operand in operands:
        run.files.append(process_one(operand, limits, checker))
        resume_collection()  # the models and rules are built: start-up is over
    return run


def process_one(operand: Operand, limits: Limits, checker: Checker | None = None) -> FileResult:
    """Load, validate and (with a checker) check one operand.

    The schema is the one the document names in ``$schema`` (``spocschema.dispatch``; a SPOC
    profile when it names none): ``validate`` validates any published document type, while
    ``check`` (with a checker) refuses a document that says it is not a profile.
    """
    from spocschema.errors import DocumentError, Problem
    from spocschema.validation import validate_document

    try:
        document = load_operand(operand, limits)
    except DocumentError as error:
        return FileResult(operand.label, "input", list(error.problems))
    if checker is not None and _plainly_a_profile(document.data):
        # check's common case, without loading the schema registry (start-up time)
        from spocschema.models.profile import SpocProfile

        try:
            profile = validate_document(document, SpocProfile)
        except DocumentError as error:
            return FileResult(operand.label, "structure", list(error.problems))
        return FileResult(operand.label, "checked", [], checker(document, profile))
    from spocschema.dispatch import choose_schema

    choice = choose_schema(document.data)
    if isinstance(choice, Problem):
        return FileResult(operand.label, "structure", [_located(choice, document)])
    if checker is not None and choice.document_type.name != "spoc-profile":
        title = choice.document_type.title
        other = "spocschema stats check" if choice.document_type.name == "annual-statistics" else ""
        hint = f"`spocschema validate`{' or `' + other + '`' if other else ''}"
        wrong = Problem(
            f"$schema says this is not a SPOC profile but a document of type {title!r}; "
            f"spocschema check checks profiles, {hint} checks this one",
            pointer="/$schema",
            code="not_a_profile",
        )
        return FileResult(operand.label, "structure", [_located(wrong, document)], schema=choice)
    try:
        parsed = validate_document(document, choice.document_type.model())
    except DocumentError as error:
        return FileResult(operand.label, "structure", list(error.problems), schema=choice)
    report = checker(document, parsed) if checker is not None else None
    return FileResult(operand.label, "checked", [], report, schema=choice)


def _plainly_a_profile(data: Any) -> bool:
    """No ``$schema``, or one that names a profile schema: no dispatch needed."""
    declared = data.get("$schema") if isinstance(data, dict) else None
    return declared is None or (
        isinstance(declared, str) and declared.endswith("/spoc-profile.schema.json")
    )


def _located(problem: Problem, document: LoadedDocument) -> Problem:
    from dataclasses import replace

    where = document.position(problem.pointer)
    if where is None:
        return problem
    return replace(problem, line=where[0], column=where[1])


def use_colour(choice: str, output: str | None) -> bool:
    """Colour on a terminal only, never with ``NO_COLOR`` set (https://no-color.org)."""
    import os

    if choice != "auto":
        return choice == "always"
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def emit(run: Run, args: Any) -> int:
    """Render the run with the chosen reporter, write it, and return the exit code.

    Inputs that could not be read are named on standard error, one line each, whatever the
    format, so a pipeline log shows them even when the output goes to a file; structured formats
    carry them in their document too.
    """
    from spocschema.cli.reporters import render
    from spocschema.cli.reporters.common import Settings

    for result in run.files:
        if result.stage == "input":
            for problem in result.problems:
                print(f"spocschema: {problem.format(result.file)}", file=sys.stderr)
    settings = Settings(args.format, use_colour(args.color, args.output), args.quiet)
    text = render(run, settings)
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return run.exit_code
    from pathlib import Path

    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"spocschema: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    return run.exit_code
