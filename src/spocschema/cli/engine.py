"""The pipeline behind ``validate`` and ``check``: loader, then validator, then checker.

Each operand goes through the stages on its own, so one bad file never stops the others. The
outcome of every file is a ``FileResult``; a ``Run`` collects them, decides the exit code and is
handed to a reporter chosen by name (``spocschema.cli.reporters``), which only renders. Both live
in ``spocschema.cli.results``, which the reporters import instead of this module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spocschema.cli import EXIT_ERROR, resume_collection

# The results live in their own module so that reporters, which render them, never import the
# engine that runs them (no circle between the two); they stay importable from here.
from spocschema.cli.results import SEVERITY_RANK as SEVERITY_RANK
from spocschema.cli.results import FileResult as FileResult
from spocschema.cli.results import Run as Run
from spocschema.cli.results import Stage as Stage

if TYPE_CHECKING:
    from pathlib import Path

    from spocschema.cli.inputs import Operand
    from spocschema.errors import Problem
    from spocschema.loading import Limits, LoadedDocument
    from spocschema.report import Report

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
        try:
            raw = operand.read_stdin(limits.max_bytes)
        except OSError as error:
            message = f"cannot read standard input: {error.strerror or error}"
            problem = Problem(message, kind="read", code="read")
            raise DocumentError(operand.label, [problem]) from None
        if len(raw) > limits.max_bytes:
            message = (
                f"standard input is larger than the {limits.max_bytes}-byte limit "
                "(reading stopped there; raise it with --max-bytes)"
            )
            raise DocumentError(operand.label, [Problem(message, kind="limit", code="limit")])
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
    from spocschema.cli.output import OutputError, write
    from spocschema.cli.reporters import render_chunks
    from spocschema.cli.reporters.common import Settings
    from spocschema.display import printable

    for result in run.files:
        if result.stage == "input":
            for problem in result.problems:
                print(f"spocschema: {printable(problem.format(result.file))}", file=sys.stderr)
    if not run.files:  # never reached through the CLI (every operand yields a result)
        print("spocschema: no document to check", file=sys.stderr)
        return EXIT_ERROR
    settings = Settings(args.format, use_colour(args.color, args.output), args.quiet)
    try:
        write(args.output, render_chunks(run, settings))
    except OutputError as error:
        print(f"spocschema: {error}", file=sys.stderr)
        return EXIT_ERROR
    return run.exit_code


def refuse_overwriting_inputs(
    output: str | None, operands: list[Operand], *others: str | list[str] | None
) -> str | None:
    """The message refusing ``output`` when it names a file to read (an operand, or one of
    ``others`` such as the waiver file), else None."""
    from spocschema.cli.output import OutputError, refuse_input

    inputs: list[str | Path] = [op.path for op in operands if op.path is not None and not op.error]
    for other in others:  # a repeatable option (--waivers) gives a list
        inputs += [other] if isinstance(other, str) else list(other or ())
    try:
        refuse_input(output, inputs)
    except OutputError as error:
        return str(error)
    return None
