"""JSON for programs: one envelope per run, holding a Report for every document checked.

The shape is the same whatever the number of files, so a script never has to guess::

    {
      "tool": {"name": "spocschema", "version": "..."},
      "command": "check",
      "fail_level": "error",
      "verdict": "failed",
      "passed": false,
      "exit_code": 1,
      "summary": {"files": 2, "passed": 1, "incomplete": 0, "failed": 1, "invalid": 0,
                  "unreadable": 0, "errors": 1, "warnings": 0, "infos": 0, "waived": 0},
      "files": [
        {"file": "a.json", "status": "passed", "problems": [], "report": {...}},
        ...
      ]
    }

``waiver_notices`` lists what the run found about its waivers (unused, expiring,
placeholder text, missing expiry), each with ``kind``, ``severity``, ``file``, ``line``,
``pointer`` (the entry in the waiver file), ``rule_id`` and ``message``.

``verdict`` is what to show people: ``passed``, ``incomplete`` (nothing fails, but a profile
states too little to assess an obligation) or ``failed``; ``passed`` is true when the exit code
is 0, which an incomplete profile also gives unless ``--fail-on-incomplete``. A file's
``status`` is ``passed``, ``incomplete``, ``failed``, ``invalid`` or ``unreadable``.

``report`` is a document of the published Report schema (``report.schema.json``), present
when the document was checked; ``problems`` lists what stopped it earlier (``kind`` read,
syntax, limit or structure), each with ``file``, ``line``, ``column`` and ``pointer``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from spocschema._version import __version__
from spocschema.cli.reporters.common import all_items

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import FileResult, Run


def _file_entry(run: Run, result: FileResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "status": result.status(run.fail_level),
        "schema": result.schema.schema_id if result.schema is not None else None,
        "problems": [{"file": result.file, **problem.to_dict()} for problem in result.problems],
        "report": result.report.to_document() if result.report is not None else None,
    }


def _head(run: Run) -> dict[str, Any]:
    """Everything but ``files``: the verdict and the counts, computed without rendering."""
    found = all_items(run)
    summary = {
        "files": len(run.files),
        **{s: run.count(s) for s in ("passed", "incomplete", "failed", "invalid", "unreadable")},
        "errors": sum(1 for i in found if i.severity == "error" and not i.waived),
        "warnings": sum(1 for i in found if i.severity == "warning" and not i.waived),
        "infos": sum(1 for i in found if i.severity == "info" and not i.waived),
        "waived": sum(1 for i in found if i.waived),
    }
    return {
        "tool": {"name": "spocschema", "version": __version__},
        "command": run.command,
        "fail_level": run.fail_level,
        "verdict": run.verdict,
        "passed": run.exit_code == 0,
        "exit_code": run.exit_code,
        "summary": summary,
        "waiver_notices": list(run.waiver_notices),
    }


def envelope(run: Run) -> dict[str, Any]:
    """The run as JSON-compatible data."""
    return {**_head(run), "files": [_file_entry(run, result) for result in run.files]}


def chunks(run: Run, settings: Settings) -> Iterator[str]:
    """The envelope as text, one file's entry at a time.

    Each entry is built, encoded and released before the next, so the memory a run needs does
    not grow with the size of its output; and each is encoded compactly on a line of its own by
    the C encoder (an indented encoding runs in pure Python: for 2,000 profiles it took most of
    the run's time and tripled the output for whitespace).
    """
    head = json.dumps(_head(run), ensure_ascii=False)
    yield head[:-1] + ',\n"files": ['
    for index, result in enumerate(run.files):
        yield ("\n" if index == 0 else ",\n") + json.dumps(
            _file_entry(run, result), ensure_ascii=False
        )
    yield "\n]}\n"


def render(run: Run, settings: Settings) -> str:
    return "".join(chunks(run, settings))
