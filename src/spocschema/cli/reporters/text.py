"""Plain text for people: one line per problem, ``file:line:column: severity RULE message``.

The ``file:line:column:`` prefix is the form editors and terminals turn into links. Colour is
added only when asked for (``--color``) or when writing to a terminal and ``NO_COLOR`` is unset.
Inputs that could not be read are reported on standard error by the engine, not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spocschema.cli.reporters.common import Item, is_failing, items, shown
from spocschema.display import printable

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import Run

_COLOURS = {"error": "31", "warning": "33", "info": "36", "ok": "32", "dim": "2", "bold": "1"}


def _paint(text: str, style: str, enabled: bool) -> str:
    return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if enabled else text


def _line(item: Item, colour: bool) -> str:
    item = shown(item)
    severity = _paint(item.severity, item.severity, colour)
    provision = f" [{item.provision}]" if item.provision else ""
    at = _paint(f" (at {item.pointer})", "dim", colour) if item.pointer else ""
    waived = " (waived: " + (item.waiver_justification or "") + ")" if item.waived else ""
    return f"{item.location()}: {severity} {item.rule_id}{provision}: {item.message}{at}{waived}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(run: Run, settings: Settings) -> str:
    colour = settings.color
    lines: list[str] = []
    totals = {"error": 0, "warning": 0, "info": 0, "waived": 0}
    for result in run.files:
        if result.stage == "input":
            continue
        found = items(result)
        for item in found:
            if item.waived:
                totals["waived"] += 1
            else:
                totals[item.severity] += 1
            if settings.quiet and not is_failing(item, run.fail_level):
                continue
            lines.append(_line(item, colour))
        if not settings.quiet and result.status(run.fail_level) == "passed":
            word = "valid" if run.command == "validate" else "passed"
            lines.append(f"{printable(result.file)}: {_paint(word, 'ok', colour)}")
    if not settings.quiet:
        lines.append(_summary(run, totals, colour))
    return "".join(line + "\n" for line in lines)


def _summary(run: Run, totals: dict[str, int], colour: bool) -> str:
    parts = [_plural(len(run.files), "file")]
    statuses = ("passed", "failed", "invalid", "unreadable")
    parts += [f"{run.count(status)} {status}" for status in statuses if run.count(status)]
    counts = [
        _plural(totals["error"], "error"),
        _plural(totals["warning"], "warning"),
        f"{totals['info']} info",
    ]
    if totals["waived"]:
        counts.append(f"{totals['waived']} waived")
    verdict = (
        _paint("OK", "ok", colour) if run.exit_code == 0 else _paint("FAILED", "error", colour)
    )
    return (
        f"{verdict}: {', '.join(parts)}; {', '.join(counts)} "
        f"(fail level: {run.fail_level}, exit code {run.exit_code})"
    )
