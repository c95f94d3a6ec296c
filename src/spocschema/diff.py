"""What changed between two revisions of a profile, and which notifications the change calls for.

Some facts about a SPOC are known to the Commission and the other states only through a
notification, and the Directive asks for an update when they change: the SPOC itself
(Art 14(4)), the list of working languages (Art 11(2)) and the list of designated law
enforcement authorities (Art 4(1)). ``diff_profiles`` compares two revisions value by value, as
JSON Pointers, and names each notification the changes trigger, saying whether the new revision
records it (its notification date moved on) or it is still due.

Both revisions are compared as validated documents, so JSON against YAML, key order or ``EL``
against ``GR`` make no difference; only facts do. The result is a published document
(``profile-diff.schema.json``), for example::

    {"schema_version": "1.0", "tool_version": "0.1.0", "old": "a.json", "new": "b.json",
     "old_revision_date": "2026-11-01", "new_revision_date": "2026-12-01",
     "changes": [{"op": "add", "pointer": "/languages/working_languages/1", "new": "es"}],
     "notifications": [{"notification": "working_languages", "message": "...",
                        "legal_basis": [{"citation": "Art 11(2)", "...": "..."}],
                        "triggered_by": ["/languages/working_languages/1"],
                        "recorded": false, "recorded_by": "/languages/notified_on"}],
     "summary": {"changes": 1, "notifications": 1, "notifications_due": 1}}

``op`` is ``add``, ``remove`` or ``replace``; ``old`` is absent for ``add`` and ``new`` for
``remove``; ``pointer`` is OLD's place of the value, except for ``add`` (NEW's place).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from difflib import SequenceMatcher
from typing import Any, Literal

from pydantic import StrictBool

from spocschema._version import __version__
from spocschema.display import printable as _printable
from spocschema.enums import CodeEnum
from spocschema.legal import legal_basis
from spocschema.loading import make_pointer
from spocschema.models.base import SpocModel, fact
from spocschema.models.profile import SpocProfile
from spocschema.report import LegalReference
from spocschema.types import Count, IsoDate, Text

PROFILE_DIFF_SCHEMA_VERSION = "1.0"


class NotificationKind(CodeEnum):
    """A notification to the Commission that a change of the profile calls for."""

    SPOC_IDENTITY = (
        "spoc_identity",
        "Art 14(4)",
        "Update of the notification of the SPOC (its identity, name, authority or legal basis)",
    )
    WORKING_LANGUAGES = (
        "working_languages",
        "Art 11(2)",
        "Updated list of the languages in which the SPOC can exchange information",
    )
    DESIGNATED_AUTHORITIES = (
        "designated_authorities",
        "Art 4(1)",
        "Updated list of the designated law enforcement authorities",
    )


#: What triggers each notification (JSON Pointer prefixes of NEW or OLD) and the pointer of the
#: date that records it in a profile.
TRIGGERS: dict[NotificationKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    NotificationKind.SPOC_IDENTITY: (
        ("/spoc", "/state/country"),
        ("commission_notification", "last_update_notified_on"),
    ),
    NotificationKind.WORKING_LANGUAGES: (
        ("/languages/working_languages",),
        ("languages", "notified_on"),
    ),
    NotificationKind.DESIGNATED_AUTHORITIES: (
        ("/designated_authorities/authorities",),
        ("designated_authorities", "notified_on"),
    ),
}


class Change(SpocModel):
    """One value added, removed or replaced.

    ``pointer`` locates the value in OLD for ``remove`` and ``replace`` and in NEW for ``add``;
    a change inside an array names the element's index in that revision.
    """

    op: Literal["add", "remove", "replace"] = fact("What happened to the value.", required=True)
    pointer: str = fact("JSON Pointer of the value (empty: the whole document).", required=True)
    old: Any = fact("The value in OLD (absent for add).")
    new: Any = fact("The value in NEW (absent for remove).")


class Notification(SpocModel):
    """A notification the changes call for, and whether NEW records that it was made."""

    notification: NotificationKind = fact("The notification.", required=True)
    message: Text = fact("What must be notified, and why, in one sentence.", required=True)
    legal_basis: list[LegalReference] = fact("Structured legal basis.", required=True)
    triggered_by: list[str] = fact("Pointers of the changes that call for it.", required=True)
    recorded: StrictBool = fact(
        "True if NEW records a notification made after OLD's (its notification date is later "
        "than OLD's, or newly stated); false: the notification is still due.",
        required=True,
    )
    recorded_by: str = fact("Pointer of the date that records the notification.", required=True)


class DiffSummary(SpocModel):
    """Counts, for exit codes."""

    changes: Count = fact("Values added, removed or replaced.", required=True)
    notifications: Count = fact("Notifications the changes call for.", required=True)
    notifications_due: Count = fact("Of those, notifications NEW does not record.", required=True)


class ProfileDiff(SpocModel):
    """The changes between two revisions of a SPOC profile (spocschema profile diff, 1.0)."""

    schema_version: Literal["1.0", "1.1"] = fact(
        "Version of the profile diff schema.", required=True
    )
    tool_version: Text = fact("Version of spocschema that produced it.", required=True)
    old: Text = fact("The earlier revision (file name or label).", required=True)
    new: Text = fact("The later revision (file name or label).", required=True)
    old_revision_date: IsoDate = fact("revision_date of OLD.", required=True)
    new_revision_date: IsoDate = fact("revision_date of NEW.", required=True)
    changes: list[Change] = fact("Every change, in document order.", required=True)
    notifications: list[Notification] = fact(
        "Notifications the changes call for, in the order of NotificationKind.", required=True
    )
    summary: DiffSummary = fact("Counts.", required=True)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _changes(old: Any, new: Any, path: tuple[str | int, ...]) -> Iterator[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old:
            if key not in new:
                yield Change(op="remove", pointer=make_pointer((*path, key)), old=old[key])
            else:
                yield from _changes(old[key], new[key], (*path, key))
        for key in new:
            if key not in old:
                yield Change(op="add", pointer=make_pointer((*path, key)), new=new[key])
    elif isinstance(old, list) and isinstance(new, list):
        yield from _list_changes(old, new, path)
    elif type(old) is not type(new) or old != new:
        yield Change(op="replace", pointer=make_pointer(path), old=old, new=new)


def _list_changes(old: list[Any], new: list[Any], path: tuple[str | int, ...]) -> Iterator[Change]:
    """Align the arrays so an insertion reads as one ``add``, not as every later element."""
    matcher = SequenceMatcher(a=[_key(v) for v in old], b=[_key(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            yield from _changes(old[i1 + offset], new[j1 + offset], (*path, i1 + offset))
        for index in range(i1 + paired, i2):
            yield Change(op="remove", pointer=make_pointer((*path, index)), old=old[index])
        for index in range(j1 + paired, j2):
            yield Change(op="add", pointer=make_pointer((*path, index)), new=new[index])


def _under(pointer: str, prefix: str) -> bool:
    return pointer == prefix or pointer.startswith(prefix + "/")


def _date_at(document: dict[str, Any], path: tuple[str, ...]) -> date | None:
    node: Any = document
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return date.fromisoformat(node) if isinstance(node, str) else None


def _notifications(
    changes: list[Change], old: dict[str, Any], new: dict[str, Any]
) -> list[Notification]:
    result = []
    for kind, (prefixes, date_path) in TRIGGERS.items():
        triggered = [
            c.pointer for c in changes if any(_under(c.pointer, prefix) for prefix in prefixes)
        ]
        if not triggered:
            continue
        before, after = _date_at(old, date_path), _date_at(new, date_path)
        recorded = after is not None and (before is None or after > before)
        status = "recorded in NEW" if recorded else "still due"
        result.append(
            Notification(
                notification=kind,
                message=(
                    f"{kind.meaning} to the Commission ({kind.legal_basis}): {status}; "
                    f"{len(triggered)} change(s)."
                ),
                legal_basis=legal_basis(kind.legal_basis),
                triggered_by=triggered,
                recorded=recorded,
                recorded_by=make_pointer(date_path),
            )
        )
    return result


def diff_profiles(
    old: SpocProfile, new: SpocProfile, *, old_label: str = "OLD", new_label: str = "NEW"
) -> ProfileDiff:
    """Compare two revisions of a profile; see the module documentation."""
    old_document, new_document = old.to_document(), new.to_document()
    changes = list(_changes(old_document, new_document, ()))
    notifications = _notifications(changes, old_document, new_document)
    return ProfileDiff(
        schema_version="1.0",
        tool_version=__version__,
        old=old_label,
        new=new_label,
        old_revision_date=old.revision_date,
        new_revision_date=new.revision_date,
        changes=changes,
        notifications=notifications,
        summary=DiffSummary(
            changes=len(changes),
            notifications=len(notifications),
            notifications_due=sum(not n.recorded for n in notifications),
        ),
    )


def _short(value: Any, limit: int = 80) -> str:
    text = _printable(json.dumps(value, ensure_ascii=False))  # JSON leaves C1 and bidi raw
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_text(diff: ProfileDiff) -> str:
    """The diff for people: one line per change, then the notifications."""
    lines = [
        f"{_printable(diff.old)} ({diff.old_revision_date}) -> {_printable(diff.new)} "
        f"({diff.new_revision_date}): "
        f"{diff.summary.changes} change(s)"
    ]
    if diff.new_revision_date <= diff.old_revision_date and diff.changes:
        lines.append("  note: NEW's revision_date is not later than OLD's")
    if any(change.pointer == "/state/country" for change in diff.changes):
        lines.append("  note: OLD and NEW describe different states")
    for change in diff.changes:
        where = _printable(change.pointer) or "/"
        if change.op == "add":
            lines.append(f"  + {where}: {_short(change.new)}")
        elif change.op == "remove":
            lines.append(f"  - {where}: {_short(change.old)}")
        else:
            lines.append(f"  ~ {where}: {_short(change.old)} -> {_short(change.new)}")
    if diff.notifications:
        lines.append("notifications:")
        for notification in diff.notifications:
            state = "recorded" if notification.recorded else "DUE"
            lines.append(
                f"  [{state}] {notification.notification.legal_basis}: "
                f"{notification.notification.meaning} "
                f"(changed: {', '.join(_printable(p) for p in notification.triggered_by[:5])}"
                f"{', ...' if len(notification.triggered_by) > 5 else ''}; "
                f"recorded by {notification.recorded_by})"
            )
    else:
        lines.append("notifications: none")
    return "\n".join(lines)
