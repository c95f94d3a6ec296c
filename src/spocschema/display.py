"""Untrusted text made safe to show to a person: one escaping function for every human output.

File names, JSON Pointers (made of a document's keys), messages quoting values and waiver
justifications all come from files someone else wrote. Printed raw, an ESC sequence clears the
terminal or retitles the window, a CR overwrites the line before it, an LF forges a line of
output, a bidirectional override reorders what the reader sees. ``printable`` writes every
character that is not printable (Unicode categories Cc, Cf, Cs, Co, Cn, Zl, Zp and every space
but U+0020) as a visible ``\\uXXXX`` escape, so what reaches a terminal, a log or a Markdown
comment is exactly what the file says, one item on one line.

Reporters apply it at their boundary, to each value they place into a line; structured formats
(JSON, SARIF, JUnit XML) have their own escaping and keep the values as they are.
"""

from __future__ import annotations


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every non-printable character shown as a ``\\uXXXX`` escape."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)
