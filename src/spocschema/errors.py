"""The exceptions spocschema raises, and the problem records they carry.

Callers catch one type per concern: ``DocumentError`` for anything wrong with a document (it
could not be read, parsed, or it breaks the schema), carrying *all* problems found, each with a
JSON Pointer and, for files, line and column. Everything else the library raises derives from
``SpocSchemaError`` too, so a tool can catch the library's errors apart from its own bugs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: What stage found a problem: the bytes could not be read or parsed, a limit was hit, or the
#: parsed document breaks the schema.
ProblemKind = Literal["read", "syntax", "limit", "structure"]

#: Messages are cut to this many characters so no input can flood a log or a terminal.
MAX_MESSAGE_LENGTH = 500


def _bounded(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_MESSAGE_LENGTH:
        return text[: MAX_MESSAGE_LENGTH - 1] + "…"
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document, located as precisely as the input allows."""

    message: str
    pointer: str = ""
    kind: ProblemKind = "structure"
    code: str = ""
    line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", _bounded(self.message))

    def location(self, source: str | None = None) -> str:
        """``file:line:column`` as far as it is known, for one-line messages."""
        parts = [source] if source else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, source: str | None = None) -> str:
        """A one-line, human-readable rendering: ``where: message (at /pointer)``."""
        where = self.location(source)
        at = f" (at {self.pointer})" if self.pointer else ""
        return f"{where}: {self.message}{at}" if where else f"{self.message}{at}"

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "message": self.message}
        if self.code:
            data["code"] = self.code
        data["pointer"] = self.pointer
        if self.line is not None:
            data["line"] = self.line
        if self.column is not None:
            data["column"] = self.column
        return data


class SpocSchemaError(Exception):
    """Base of every error the library raises on purpose."""


@dataclass
class DocumentError(SpocSchemaError):
    """A document could not be loaded or is not valid; ``problems`` lists everything found."""

    source: str
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        if count == 1:
            return self.problems[0].format(self.source)
        first = self.problems[0].format(self.source) if self.problems else "invalid"
        return f"{self.source}: {count} problems; first: {first}"

    def __str__(self) -> str:
        return self.summary()

    def lines(self) -> list[str]:
        """One formatted line per problem."""
        return [p.format(self.source) for p in self.problems]


class ArgumentError(SpocSchemaError, ValueError):
    """An argument of a library call has a type or value it cannot take (not a document
    problem): ``check(as_of=datetime(...))``, ``as_of="2026-02-30"``. A ``ValueError``, so code
    that caught the bare one before keeps working; the message says what was expected and what
    was given."""


class LimitExceeded(SpocSchemaError):
    """Raised inside loaders when an input exceeds a configured limit; becomes a Problem."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column
