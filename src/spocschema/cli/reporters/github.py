"""GitHub Actions workflow commands: each problem becomes an annotation on the file and line.

``::error file=F,line=L,col=C,title=RULE::message`` shows in the pull request's diff and the
run summary without uploading anything. Severities map to ``error``, ``warning`` and
``notice``; waived findings are not annotated. Values are escaped as the runner requires
(``%``, carriage returns and newlines everywhere; ``:`` and ``,`` in properties too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spocschema.cli.reporters.common import Item, all_items
from spocschema.cli.wording import plural
from spocschema.display import printable

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import Run

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """Escaped as the runner requires; other control characters shown as ``\\uXXXX``."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(item: Item) -> str:
    """One workflow command for one item."""
    fields = [f"file={_property(item.file)}"]
    if item.line is not None:
        fields.append(f"line={item.line}")
        if item.column is not None:
            fields.append(f"col={item.column}")
    title = item.rule_id + (f" {item.provision}" if item.provision else "")
    fields.append(f"title={_property(title)}")
    at = f" (at {item.pointer})" if item.pointer else ""
    return f"::{_COMMANDS[item.severity]} {','.join(fields)}::{_data(item.message + at)}"


def render(run: Run, settings: Settings) -> str:
    lines = [annotation(item) for item in all_items(run) if not item.waived]
    for result in run.files:
        if result.status(run.fail_level) == "incomplete":
            missing = result.not_assessable_obligations()
            message = (
                f"incomplete, not passed: {plural(missing, 'obligation')} cannot be assessed "
                "from what the profile states"
            )
            lines.append(
                f"::warning file={_property(result.file)},title=spocschema incomplete::"
                f"{_data(message)}"
            )
    verdict = run.verdict
    lines.append(
        f"spocschema {run.command}: {verdict} ({plural(len(run.files), 'file')}, "
        f"fail level {run.fail_level}, exit code {run.exit_code})"
    )
    return "".join(line + "\n" for line in lines)
