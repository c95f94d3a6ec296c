"""Plain text for people: one line per problem, ``file:line:column: severity RULE message``.

The ``file:line:column:`` prefix is the form editors and terminals turn into links. Colour is
added only when asked for (``--color``) or when writing to a terminal and ``NO_COLOR`` is unset.
Inputs that could not be read are reported on standard error by the engine, not here.

Written for a person reading a terminal, so:

- findings that say the same thing about the same place and differ only in the member they
  name (six missing tasks, eight missing CMS functions) are one line listing the members;
- each rule's first finding is followed by the hint ``spocschema explain ID``, once per rule;
- a waived finding starts with "waived", never with its severity, so it is not read as a
  failure;
- counts have the right plural ("1 warning", "2 warnings").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spocschema.cli.reporters.common import Item, is_failing, items, shown
from spocschema.cli.wording import plural
from spocschema.display import printable

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import Run

_COLOURS = {"error": "31", "warning": "33", "info": "36", "ok": "32", "dim": "2", "bold": "1"}

#: One quoted member in a message: ``... lacks the function 'track_time_limits'.`` (an
#: apostrophe inside a word, as in "SPOC's", is not a quote).
_MEMBER = re.compile(r"(?<!\w)'[^'\s][^']*'(?!\w)")


def _paint(text: str, style: str, enabled: bool) -> str:
    return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if enabled else text


@dataclass
class _Group:
    """Findings printed as one line: the same message about the same place.

    ``members`` is empty when the messages are identical; otherwise it holds the quoted member
    each finding names (the message with it cut out is ``template``).
    """

    items: list[Item]
    template: str
    members: list[str]


def _cut(item: Item) -> tuple[str, str | None]:
    """The message with its only quoted member cut out, and that member (None if not one)."""
    found = _MEMBER.findall(item.message)
    if len(found) != 1:
        return item.message, None
    return _MEMBER.sub("{}", item.message), found[0]


def _place(item: Item) -> tuple[object, ...]:
    return (
        item.kind,
        item.file,
        item.line,
        item.column,
        item.severity,
        item.pointer,
        item.waived,
        item.waiver_justification,
    )


def group(found: list[Item]) -> list[_Group]:
    """Consecutive findings at one place with the same message, or the same message but for
    the member it names, become one group; problems of earlier stages are never grouped."""
    groups: list[_Group] = []
    for item in found:
        last = groups[-1] if groups else None
        if item.kind == "finding" and last is not None and _place(last.items[0]) == _place(item):
            head = last.items[0]
            if not last.members and item.message == head.message:
                last.items.append(item)
                continue
            template, member = _cut(item)
            if (
                member is not None
                and template == last.template
                and (last.members or len(last.items) == 1)
            ):
                if not last.members:
                    last.members.append(_cut(head)[1] or "")
                last.items.append(item)
                last.members.append(member)
                continue
        template, _ = _cut(item)
        groups.append(_Group([item], template, []))
    return groups


def _provisions(values: list[str]) -> str:
    """``Art 16(1)(b), (c), (d)`` for points of one paragraph; otherwise each in full."""
    values = list(dict.fromkeys(value for value in values if value))
    stems = {value.rsplit("(", 1)[0] for value in values if "(" in value}
    if len(values) > 1 and len(stems) == 1 and all("(" in value for value in values):
        stem = stems.pop()
        return stem + ", ".join(value[len(stem) :] for value in values)
    return ", ".join(values)


def _line(entry: _Group, colour: bool) -> str:
    item = entry.items[0]
    rule = ",".join(dict.fromkeys(member.rule_id for member in entry.items))
    provisions = _provisions([member.provision or "" for member in entry.items])
    if entry.members:
        before, _, after = entry.template.partition("{}")
        listed = ", ".join(entry.members)
        message = f"{before.rstrip()}: {listed}{after}"
    else:
        message = item.message
    provision = f" [{provisions}]" if provisions else ""
    at = _paint(f" (at {item.pointer})", "dim", colour) if item.pointer else ""
    if item.waived:
        # A waived finding reads as waived first: never "error ..." at a glance or to a grep.
        lead = _paint("waived", "dim", colour)
        details = _paint(f" [{item.severity} waived: {item.waiver_details()}]", "dim", colour)
        return f"{item.location()}: {lead} {rule}{provision}: {message}{at}{details}"
    severity = _paint(item.severity, item.severity, colour)
    return f"{item.location()}: {severity} {rule}{provision}: {message}{at}"


def _hint(entry: _Group, explained: set[str]) -> str | None:
    """``spocschema explain ID`` for the rules of a line not explained yet; once per rule."""
    new = [
        rule_id
        for rule_id in dict.fromkeys(item.rule_id for item in entry.items)
        if rule_id not in explained
    ]
    explained.update(new)
    if not new:
        return None
    if len(new) == 1:
        return f"  help: spocschema explain {new[0]}"
    return f"  help: spocschema explain {new[0]} (likewise {', '.join(new[1:])})"


def render(run: Run, settings: Settings) -> str:
    colour = settings.color
    lines: list[str] = []
    totals = {"error": 0, "warning": 0, "info": 0, "waived": 0}
    explained: set[str] = set()
    for result in run.files:
        if result.stage == "input":
            continue
        found = [shown(item) for item in items(result)]  # escaped for the terminal
        for item in found:
            if item.waived:
                totals["waived"] += 1
            else:
                totals[item.severity] += 1
        visible = [item for item in found if not settings.quiet or is_failing(item, run.fail_level)]
        for entry in group(visible):
            lines.append(_line(entry, colour))
            hint = None if settings.quiet else _hint(entry, explained)
            if hint is not None:
                lines.append(_paint(hint, "dim", colour))
        status = result.status(run.fail_level)
        used = f" ({result.schema.label})" if result.schema is not None else ""
        name = printable(result.file)
        if not settings.quiet and status == "passed":
            word = "valid" if run.command == "validate" else "passed"
            lines.append(f"{name}: {_paint(word, 'ok', colour)}{used}")
        elif not settings.quiet and status == "invalid" and run.command == "validate" and used:
            lines.append(f"{name}: {_paint('invalid', 'error', colour)}{used}")
        elif status == "incomplete" and (not settings.quiet or run.fail_on_incomplete):
            missing = result.not_assessable_obligations()
            lines.append(
                f"{name}: {_paint('incomplete', 'warning', colour)}: nothing fails, but "
                f"{plural(missing, 'obligation')} cannot be assessed from what the profile "
                "states (not assessable); this is not a pass"
            )
    if not settings.quiet:
        lines.append(_summary(run, totals, colour))
    return "".join(line + "\n" for line in lines)


def _summary(run: Run, totals: dict[str, int], colour: bool) -> str:
    parts = [plural(len(run.files), "file")]
    statuses = ("passed", "incomplete", "failed", "invalid", "unreadable")
    parts += [f"{run.count(status)} {status}" for status in statuses if run.count(status)]
    counts = [
        plural(totals["error"], "error"),
        plural(totals["warning"], "warning"),
        plural(totals["info"], "info"),
    ]
    if totals["waived"]:
        counts.append(f"{totals['waived']} waived")
    verdict = {
        "passed": _paint("OK", "ok", colour),
        "incomplete": _paint("INCOMPLETE", "warning", colour),
        "failed": _paint("FAILED", "error", colour),
    }[run.verdict if run.exit_code != 2 else "failed"]
    return (
        f"{verdict}: {', '.join(parts)}; {', '.join(counts)} "
        f"(fail level: {run.fail_level}, exit code {run.exit_code})"
    )
