"""Waivers: findings a national team has examined and accepts for a limited time.

A waiver names a rule and a place in the profile (a JSON Pointer; it covers that value and
everything under it), says why the finding is accepted, who owns closing the gap and until
when. A waived finding stays in the report, marked ``waived``, so accepting a gap never hides
it. After its expiry date a waiver no longer waives: the finding counts again and the report
shows the expired waiver, so the team sees why its check started failing.

Waivers stay honest in four ways:

- A waiver that can never match is an error, named by file and entry: an unknown rule ID, a
  rule ID in the wrong case, a wildcard, a pointer ending in ``/`` or naming a key the profile
  vocabulary does not have (``check_matchable``).
- An error-level finding of an EU MUST rule is never silenced by a waiver without an expiry
  date (schema 1.1 makes ``expires_on`` optional for the rest): the waiver is shown, refused.
- ``audit`` reports, after a run, waivers that matched no finding, waivers that expire within
  a window, and waivers still carrying the placeholder text ``baseline`` writes.
- ``baseline`` writes one waiver per current finding, with placeholders the audit keeps
  warning about until a person replaces them, so CI can be adopted on a profile that does not
  pass yet and fail only on new findings.

Waiver files are published documents (``waivers.schema.json``), YAML or JSON, read with the
same safe loader as profiles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final, Literal

from spocschema.models.base import SpocModel, fact
from spocschema.types import HttpUrl, IsoDate, LongText, Maybe, Text

if TYPE_CHECKING:
    from spocschema.errors import Problem
    from spocschema.loading import LoadedDocument, Source
    from spocschema.report import Finding

WAIVERS_SCHEMA_VERSION: Final = "1.1"

_POINTER_PATTERN = r"^(?:/(?:[^~/]|~[01])*)*$"

#: The justification ``baseline`` writes; the audit warns about it until it is replaced.
PLACEHOLDER_JUSTIFICATION = "TODO: say why this finding is accepted and how the gap will close"

#: The owner ``baseline`` writes; the audit warns about it until it is replaced.
PLACEHOLDER_OWNER = "TODO: the function responsible for closing the gap"

#: Days before expiry from which ``audit`` reports a waiver as expiring (``--expiry-window``).
DEFAULT_EXPIRY_WINDOW = 30

#: Days from the evaluation date to the expiry ``baseline`` sets unless told otherwise.
DEFAULT_BASELINE_DAYS = 90


class WaiverEntry(SpocModel):
    """One accepted finding: which rule, where, why, who owns it, and until when."""

    rule_id: Text = fact("ID of the rule whose finding is accepted.", required=True)
    pointer: str = fact(
        "JSON Pointer of the value the finding is about; the waiver covers that value and "
        "everything under it ('' covers the whole document).",
        required=True,
        pattern=_POINTER_PATTERN,
        max_length=1000,
    )
    justification: LongText = fact(
        "Why the finding is accepted (e.g. a transition plan and its decision reference).",
        required=True,
    )
    expires_on: Maybe[IsoDate] = fact(
        "Last day the waiver applies; from the next day the finding counts again. Required in "
        "1.0; optional from 1.1, but a waiver without it never waives an error-level finding of "
        "an EU MUST rule."
    )
    owner: Maybe[Text] = fact(
        "The function responsible for closing the gap (a role or unit, not a person's name). "
        "Added in 1.1."
    )
    approved_by: Maybe[Text] = fact(
        "The function that approved the waiver (a role, not a person's name)."
    )
    document: Maybe[Text] = fact(
        "The document the waiver is for: its path relative to the folder of the waiver file "
        "(absent: every document checked with this file). Added in 1.1; a baseline sets it, so "
        "a waiver for one profile never hides the same gap in another.",
        examples=["profiles/portugal.spoc.yaml"],
    )

    def covers(self, rule_id: str, pointer: str) -> bool:
        """True if this waiver is about that rule and that place (or a place inside it)."""
        if rule_id != self.rule_id:
            return False
        return pointer == self.pointer or pointer.startswith(self.pointer + "/")

    def in_force(self, as_of: date) -> bool:
        """True up to and including the expiry date; a waiver without one has no end."""
        return self.expires_on is None or as_of <= self.expires_on


class WaiverDocument(SpocModel):
    """A list of waivers for the findings of a SPOC profile (spocschema waivers, version 1.1)."""

    schema_uri: Maybe[HttpUrl] = fact(
        "Optional `$schema` link to this schema, for editors.", alias="$schema"
    )
    schema_version: Literal["1.0", "1.1"] = fact(
        "The version of the waivers schema this document follows.", required=True
    )
    waivers: list[WaiverEntry] = fact("The waivers.", required=True)


@dataclass(frozen=True)
class LoadedWaiver:
    """A waiver with the file and entry it came from, so every message can name them.

    ``document_path`` is the absolute path of the entry's ``document``, resolved against the
    waiver file's folder when the file was read (None: the waiver is for every document).
    """

    entry: WaiverEntry
    source: str
    index: int
    line: int | None = None
    document_path: str | None = None

    def applies_to(self, document: str | None) -> bool:
        """True if the waiver is for the document read from that file (a label or a path)."""
        if self.document_path is None:
            return True
        return document is not None and resolve_document(document) == self.document_path

    def covers(self, rule_id: str, pointer: str, document: str | None) -> bool:
        return self.entry.covers(rule_id, pointer) and self.applies_to(document)

    @property
    def pointer_in_file(self) -> str:
        return f"/waivers/{self.index}"

    def label(self) -> str:
        """``file:line: waiver N (RULE at /pointer)``, the way every notice names an entry."""
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        at = self.entry.pointer or "/"
        return f"{where}: waiver {self.index + 1} ({self.entry.rule_id} at {at})"


def resolve_document(path: str, base: str | None = None) -> str:
    """The absolute, normalised form of a document path, for comparing two spellings of it."""
    from pathlib import Path

    candidate = Path(path)
    if base is not None and not candidate.is_absolute():
        candidate = Path(base) / candidate
    return str(candidate.resolve())


def _located(entry: WaiverEntry, source: str, index: int, line: int | None) -> LoadedWaiver:
    from pathlib import Path

    base = str(Path(source).parent) if not source.startswith("<") else None
    where = resolve_document(entry.document, base) if entry.document is not None else None
    return LoadedWaiver(entry, source, index, line, where)


def _read(source: Source, name: str | None) -> tuple[WaiverDocument, LoadedDocument]:
    from spocschema.loading import load_document
    from spocschema.validation import validate_document

    document = load_document(source, name=name)
    return validate_document(document, WaiverDocument), document


def load_located(
    source: WaiverDocument | Iterable[WaiverEntry] | Iterable[LoadedWaiver] | Source,
    *,
    name: str | None = None,
) -> list[LoadedWaiver]:
    """Waivers with their file and entry; raises ``DocumentError`` for an invalid file.

    Entries given directly (not read from a file) resolve ``document`` against the working
    directory.
    """
    label = name or "<waivers>"
    if isinstance(source, WaiverDocument):
        return [_located(e, label, i, None) for i, e in enumerate(source.waivers)]
    if isinstance(source, (list, tuple)):
        if all(isinstance(w, LoadedWaiver) for w in source):
            return list(source)
        if all(isinstance(w, WaiverEntry) for w in source):
            return [_located(e, label, i, None) for i, e in enumerate(source)]
    document, loaded = _read(source, name)  # type: ignore[arg-type]
    located = []
    for index, entry in enumerate(document.waivers):
        where = loaded.position(f"/waivers/{index}")
        located.append(_located(entry, loaded.source, index, where[0] if where else None))
    return located


def load_waivers(source: WaiverDocument | Iterable[WaiverEntry] | Source) -> list[WaiverEntry]:
    """Waivers from a document, a list of entries, a mapping, bytes, text or a path.

    Raises ``DocumentError`` (with every problem located) for an invalid waiver file.
    """
    return [waiver.entry for waiver in load_located(source)]


# -- waivers that can never match -----------------------------------------------------------


def _pointer_tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _resolve(node: dict[str, Any], defs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a schema node stands for, with ``$ref``s followed."""
    ref = node.get("$ref")
    if isinstance(ref, str):
        return _resolve(defs[ref.rsplit("/", 1)[-1]], defs)
    found = [node]
    for keyword in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(keyword, []):
            found.extend(_resolve(sub, defs))
    return found


def unknown_place(pointer: str, schema: dict[str, Any]) -> str | None:
    """The first token of ``pointer`` no document of ``schema`` can have there, or None.

    Keys under an ``x-`` extension are the team's own and always possible; array positions
    must be written as unsigned integers without leading zeros (RFC 6901).
    """
    defs: Mapping[str, Any] = schema.get("$defs", {})
    nodes = _resolve(schema, defs)
    for token in _pointer_tokens(pointer):
        following: list[dict[str, Any]] = []
        for node in nodes:
            properties = node.get("properties", {})
            if token in properties:
                following.extend(_resolve(properties[token], defs))
            elif token.startswith("x-") and "patternProperties" in node:
                return None  # inside a national extension: anything goes
            elif "items" in node and re.fullmatch(r"0|[1-9][0-9]*", token):
                following.extend(_resolve(node["items"], defs))
            elif isinstance(node.get("additionalProperties"), dict):
                following.extend(_resolve(node["additionalProperties"], defs))
        if not following:
            return token
        nodes = following
    return None


def _rule_problem(rule_id: str, known: set[str]) -> str | None:
    if rule_id in known:
        return None
    if any(ch in rule_id for ch in "*?[]"):
        return (
            f"rule ID {rule_id!r} is a wildcard; a waiver names exactly one rule "
            "(see `spocschema rules`)"
        )
    folded = {k.casefold(): k for k in known}
    if rule_id.strip().casefold() in folded:
        right = folded[rule_id.strip().casefold()]
        return f"rule ID {rule_id!r} is not a rule ID; rule IDs are exact: did you mean {right!r}?"
    return f"rule ID {rule_id!r} is not the ID of any rule (see `spocschema rules`)"


def _pointer_problem(pointer: str, schema: dict[str, Any] | None) -> str | None:
    if pointer.endswith("/"):
        return (
            f"pointer {pointer!r} ends with '/', which names an empty key no profile has; "
            f"write {pointer.rstrip('/')!r}"
        )
    if schema is None:
        return None
    token = unknown_place(pointer, schema)
    if token is not None:
        return f"pointer {pointer!r} names {token!r}, which no profile can have at that place"
    return None


def check_matchable(
    waivers: Sequence[LoadedWaiver],
    known_rule_ids: Iterable[str],
    schema: dict[str, Any] | None = None,
) -> list[Problem]:
    """One problem for every waiver that can never match a finding (see the module docstring).

    ``schema`` is the published schema of the documents checked (the SPOC profile's); without
    it only the form of the pointer is checked.
    """
    from spocschema.errors import Problem

    known = set(known_rule_ids)
    problems = []
    for waiver in waivers:
        for field_name, message in (
            ("rule_id", _rule_problem(waiver.entry.rule_id, known)),
            ("pointer", _pointer_problem(waiver.entry.pointer, schema)),
        ):
            if message is not None:
                problems.append(
                    Problem(
                        f"waiver {waiver.index + 1}: {message}; it can never match a finding",
                        pointer=f"{waiver.pointer_in_file}/{field_name}",
                        kind="structure",
                        code="waiver_never_matches",
                        line=waiver.line,
                    )
                )
    return problems


def refuse_unmatchable(
    waivers: Sequence[LoadedWaiver],
    known_rule_ids: Iterable[str],
    schema: dict[str, Any] | None = None,
) -> None:
    """Raise ``DocumentError`` naming the file and entry of each waiver that can never match.

    Waivers from several files are checked file by file; the error is about the first file
    with such a waiver and lists every one of them in it.
    """
    from spocschema.errors import DocumentError

    known = set(known_rule_ids)  # read once: it may be an iterator
    for source in dict.fromkeys(w.source for w in waivers):
        mine = [w for w in waivers if w.source == source]
        problems = check_matchable(mine, known, schema)
        if problems:
            raise DocumentError(source, problems)


# -- after a run: what the waivers did ------------------------------------------------------

NoticeKind = Literal[
    "unused", "expiring", "placeholder_justification", "placeholder_owner", "needs_expiry"
]


@dataclass(frozen=True)
class WaiverNotice:
    """Something a team must know about one of its waivers after a run."""

    kind: NoticeKind
    severity: Literal["warning", "info"]
    waiver: LoadedWaiver
    message: str

    def format(self) -> str:
        return f"{self.waiver.label()}: {self.severity}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "file": self.waiver.source,
            "line": self.waiver.line,
            "pointer": self.waiver.pointer_in_file,
            "rule_id": self.waiver.entry.rule_id,
            "message": self.message,
        }


def audit(
    waivers: Sequence[LoadedWaiver],
    findings: Iterable[Finding],
    *,
    as_of: date,
    window_days: int = DEFAULT_EXPIRY_WINDOW,
    must_error_rules: Iterable[str] = (),
) -> list[WaiverNotice]:
    """Notices about the waivers of a run, given every finding of every document checked.

    ``must_error_rules``: IDs of EU MUST rules, whose error-level findings a waiver without an
    expiry date cannot waive (the notice says so, once per waiver).
    """
    findings = list(findings)
    must = set(must_error_rules)
    notices: list[WaiverNotice] = []
    for waiver in waivers:
        entry = waiver.entry
        matched = [f for f in findings if waiver.covers(f.rule_id, f.pointer, f.file)]
        if not matched:
            notices.append(
                WaiverNotice(
                    "unused",
                    "info",
                    waiver,
                    "matched no finding in this run; remove it if the gap is closed",
                )
            )
        if entry.expires_on is not None and entry.in_force(as_of):
            left = (entry.expires_on - as_of).days
            if left <= window_days:
                when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
                notices.append(
                    WaiverNotice(
                        "expiring",
                        "info",
                        waiver,
                        f"expires {when} ({entry.expires_on.isoformat()}); renew it or close "
                        "the gap",
                    )
                )
        if entry.expires_on is None and any(
            f.rule_id in must and f.severity.value == "error" for f in matched
        ):
            notices.append(
                WaiverNotice(
                    "needs_expiry",
                    "warning",
                    waiver,
                    "has no expires_on, so it does not waive the error of an EU MUST rule it "
                    "matches; set the date the gap will be closed by",
                )
            )
        if entry.justification.strip() == PLACEHOLDER_JUSTIFICATION:
            notices.append(
                WaiverNotice(
                    "placeholder_justification",
                    "warning",
                    waiver,
                    "justification is still the placeholder written by --baseline-out; say why "
                    "the finding is accepted",
                )
            )
        if entry.owner is not None and entry.owner.strip() == PLACEHOLDER_OWNER:
            notices.append(
                WaiverNotice(
                    "placeholder_owner",
                    "warning",
                    waiver,
                    "owner is still the placeholder written by --baseline-out; name the function "
                    "responsible",
                )
            )
    return notices


# -- a baseline for gradual adoption --------------------------------------------------------


def baseline(
    findings: Iterable[Finding],
    *,
    expires_on: date,
    schema_uri: str | None = None,
    relative_to: str | None = None,
) -> WaiverDocument:
    """A waiver document with one entry per current finding not already waived.

    Entries carry the placeholder justification and owner (``audit`` warns about both until a
    person replaces them) and the given expiry, so the baseline is temporary by construction.
    With ``relative_to`` (the folder the baseline is written to) each entry names its document
    relative to it, so a new profile with the same gap is not waived by another's baseline;
    findings read from standard input have no path and get no ``document``.
    """
    import os

    seen: dict[tuple[str, str, str], WaiverEntry] = {}
    for finding in findings:
        if finding.waived:
            continue
        document = None
        if relative_to is not None and finding.file and not finding.file.startswith("<"):
            document = os.path.relpath(resolve_document(finding.file), relative_to)
            document = document.replace(os.sep, "/")
        key = (document or "", finding.rule_id, finding.pointer)
        if key not in seen:
            seen[key] = WaiverEntry.model_construct(
                rule_id=finding.rule_id,
                pointer=finding.pointer,
                justification=PLACEHOLDER_JUSTIFICATION,
                expires_on=expires_on,
                owner=PLACEHOLDER_OWNER,
                approved_by=None,
                document=document,
            )
    return WaiverDocument.model_construct(
        schema_uri=schema_uri,
        schema_version=WAIVERS_SCHEMA_VERSION,
        waivers=[seen[key] for key in sorted(seen)],
    )


def baseline_yaml(document: WaiverDocument, *, comments: Mapping[int, str] | None = None) -> str:
    """A waiver document as commented YAML, each entry preceded by what it waives.

    Scalars are written as JSON strings, which YAML 1.2 reads as the same strings, so the
    file needs no YAML emitter and round-trips exactly through the safe loader.
    """
    from spocschema import schemas

    editor_id = schemas.document_type("waivers").editor_schema_id
    lines = [
        f"# yaml-language-server: $schema={editor_id}",
        "#",
        "# Baseline written by `spocschema check --baseline-out`: one waiver per finding of the",
        "# run. Each stays a warning until a person replaces its placeholder justification",
        "# and owner; every waiver expires on the date shown. Review before committing.",
        "",
        f"schema_version: {json.dumps(document.schema_version)}",
    ]
    if not document.waivers:
        lines.append("waivers: []")
    else:
        lines.append("waivers:")
    for index, entry in enumerate(document.waivers):
        note = (comments or {}).get(index)
        if note:
            lines.append(f"  # {' '.join(note.split())}")
        lines.append(f"  - rule_id: {json.dumps(entry.rule_id)}")
        if entry.document is not None:
            lines.append(f"    document: {json.dumps(entry.document)}")
        lines.append(f"    pointer: {json.dumps(entry.pointer)}")
        lines.append(f"    justification: {json.dumps(entry.justification)}")
        if entry.owner is not None:
            lines.append(f"    owner: {json.dumps(entry.owner)}")
        if entry.expires_on is not None:
            lines.append(f"    expires_on: {json.dumps(entry.expires_on.isoformat())}")
    return "\n".join(lines) + "\n"


def default_baseline_expiry(as_of: date, days: int = DEFAULT_BASELINE_DAYS) -> date:
    return as_of + timedelta(days=days)
