"""Read JSON or YAML documents safely, keeping enough to point at any value's line and column.

Bad input is a normal case here. Every way a file can be wrong (empty, not UTF-8, binary, too
large, too deep, duplicate keys, NaN, an alias bomb, object-constructing YAML tags) ends in a
``DocumentError`` naming the file and the place, never in a traceback or an unbounded loop.

What a document *means* is the same in both syntaxes: YAML is read with the YAML 1.2 core
schema, so ``NO`` (Norway) stays a string, ``2024-01-31`` stays a string for the date type to
check, and ``08:00`` is not the sexagesimal number 480 as YAML 1.1 would have it.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from spocschema.errors import DocumentError, LimitExceeded, Problem

Format = Literal["json", "yaml"]

JSON_SUFFIXES = frozenset({".json"})
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
DOCUMENT_SUFFIXES = JSON_SUFFIXES | YAML_SUFFIXES

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile input from exhausting time or memory; all can be raised."""

    #: Largest document read, in bytes (profiles are a few kilobytes).
    max_bytes: int = 10 * 1024 * 1024
    #: Deepest nesting of objects and arrays (a profile needs about six).
    max_depth: int = 64
    #: Most values in one document after YAML aliases are expanded (alias-bomb guard).
    max_values: int = 200_000


DEFAULT_LIMITS = Limits()


def pointer_token(token: str | int) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def make_pointer(path: tuple[str | int, ...] | list[str | int]) -> str:
    """The JSON Pointer of a path of keys and indexes."""
    return "".join("/" + pointer_token(part) for part in path)


@dataclass
class LoadedDocument:
    """A parsed document with its origin, and a way to find a value's line and column."""

    data: Any
    source: str
    format: Format
    text: str = ""
    _positions: dict[str, tuple[int, int]] | None = field(default=None, repr=False)
    _locator: Callable[[str], dict[str, tuple[int, int]]] | None = field(default=None, repr=False)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """1-based (line, column) of the value at ``pointer``, or of the closest parent."""
        if self._positions is None:
            if self._locator is None:
                return None
            try:
                self._positions = self._locator(self.text)
            except Exception:  # a locator is a best effort, never a reason to fail
                self._positions = {}
        probe = pointer
        while True:
            found = self._positions.get(probe)
            if found is not None:
                return found
            if not probe:
                return None
            probe = probe.rsplit("/", 1)[0]


# --------------------------------------------------------------------------------------------
# Reading bytes


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _fail(source: str, message: str, *, kind: str = "syntax", **where: Any) -> DocumentError:
    return DocumentError(source, [Problem(message, kind=kind, code=kind, **where)])  # type: ignore[arg-type]


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-32 or UTF-16, told by a byte-order mark or, without one, by where the NUL bytes of
    an ASCII first character fall (RFC 4627, section 3); ``None`` for anything else.

    UTF-32 is asked first: its little-endian mark begins with UTF-16's.
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:4]
    if len(head) == 4 and head[0] != 0 and head[1:] == b"\x00\x00\x00":
        return "UTF-32"  # little-endian, no mark
    if len(head) == 4 and head[:3] == b"\x00\x00\x00" and head[3] != 0:
        return "UTF-32"  # big-endian, no mark
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0) and (len(head) < 4 or 0 in head[2:]):
        return "UTF-16"
    return None


def decode(raw: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Bytes to text: UTF-8 only, an optional byte-order mark tolerated, binary refused."""
    if len(raw) > limits.max_bytes:
        raise _fail(
            source,
            f"document is larger than the {limits.max_bytes}-byte limit ({len(raw)} bytes)",
            kind="limit",
        )
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    encoding = _wide_encoding(raw)
    if encoding is not None:
        raise _fail(source, f"document is {encoding} encoded; save it as UTF-8", kind="read")
    if not raw.strip():
        raise _fail(source, "document is empty", kind="read")
    nul = raw.find(b"\x00")
    if nul != -1:
        raise _fail(
            source, f"binary data, not a text document (NUL byte at offset {nul})", kind="read"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8", errors="replace")
        line, column = _line_col(prefix, len(prefix))
        raise _fail(
            source,
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})",
            kind="read",
            line=line,
            column=column,
        ) from None


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a file without ever reading more than the size limit, and without hanging.

    The size is checked on the open file before reading, so a file of hundreds of megabytes is
    refused at once; the read itself is bounded too, for pipes and devices whose size is
    unknown. The file is opened non-blocking: opening a named pipe (FIFO) that no process
    writes to would otherwise wait forever, whereas a non-blocking open returns at once and the
    read then sees end-of-file (an empty document).
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise _fail(source, "no such file", kind="read") from None
    except IsADirectoryError:
        raise _fail(source, "is a directory, not a document", kind="read") from None
    except PermissionError:
        raise _fail(source, "permission denied", kind="read") from None
    except OSError as error:
        raise _fail(source, f"cannot read: {error.strerror or error}", kind="read") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(source, "is a directory, not a document", kind="read")
        if stat.S_ISREG(info.st_mode) and info.st_size > limits.max_bytes:
            raise _fail(
                source,
                f"document is larger than the {limits.max_bytes}-byte limit ({info.st_size} bytes)",
                kind="limit",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limits.max_bytes + 1)
    except DocumentError:
        raise
    except PermissionError:
        raise _fail(source, "permission denied", kind="read") from None
    except OSError as error:
        raise _fail(source, f"cannot read: {error.strerror or error}", kind="read") from None
    finally:
        os.close(fd)
    if len(raw) > limits.max_bytes:
        raise _fail(
            source, f"document is larger than the {limits.max_bytes}-byte limit", kind="limit"
        )
    return raw


# --------------------------------------------------------------------------------------------
# JSON


def _parse_constant(token: str) -> float:
    # NaN and Infinity are kept as floats here and refused, with their place, by _check_tree.
    return float(token)


_DUPLICATES = object()


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        result[_DUPLICATES] = repeated  # type: ignore[index]
    return result


def _json_positions(text: str) -> dict[str, tuple[int, int]]:
    from json_source_map import calculate

    positions: dict[str, tuple[int, int]] = {}
    for pointer, entry in calculate(text).items():
        where = entry.key_start or entry.value_start
        positions[pointer] = (where.line + 1, where.column + 1)
    return positions


def _deep_position(text: str, limit: int) -> tuple[int, int] | None:
    """Where nesting first passes ``limit``, skipping over strings."""
    depth = 0
    in_string = escaped = False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return _line_col(text, offset)
        elif char in "]}":
            depth -= 1
    return None


_LONG_NUMBER = r"(?<![0-9\"])-?[0-9]{4000,}"

#: A JSON string (unrolled loop: linear, no backtracking), or a comma outside one.
_JSON_STRING_OR_COMMA = r'"[^"\\]*(?:\\.[^"\\]*)*"|,'
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'


def json_commas(text: str | bytes) -> int:
    """How many commas a JSON text has outside its strings (one C-level pass per step)."""
    if isinstance(text, bytes):
        if b'"' in text:
            text = re.sub(_JSON_STRING.encode(), b'""', text)
        return text.count(b",")
    if '"' in text:
        text = re.sub(_JSON_STRING, '""', text)
    return text.count(",")


def _json_values_refused(text: str, source: str, limits: Limits) -> None:
    """Refuse a JSON text with more values than the limit *before* it is parsed.

    ``json.loads`` would build the whole tree first: a 10 MB array of numbers costs about a
    gigabyte before a walk could count it. Every comma outside a string separates two items or
    members, so a valid text holds at least one value more than it has such commas; counting
    them is one C-level pass (strings are blanked first, so a comma inside one is not counted).
    A text shorter than the limit cannot hold that many values and is not scanned at all.
    """
    if len(text) <= limits.max_values or json_commas(text) + 1 <= limits.max_values:
        return
    seen = 0  # find where the limit is passed: at most ``max_values`` matches
    for match in re.finditer(_JSON_STRING_OR_COMMA, text):
        if match.group() == ",":
            seen += 1
            if seen + 1 > limits.max_values:
                line, column = _line_col(text, match.start())
                raise _fail(
                    source,
                    f"more than {limits.max_values} values",
                    kind="limit",
                    line=line,
                    column=column,
                )
    raise _fail(source, f"more than {limits.max_values} values", kind="limit")  # pragma: no cover


def _json_message(error: json.JSONDecodeError, text: str) -> str:
    """``json``'s message, completed where it ends in "at" and leaves the reader hanging."""
    message = error.msg
    if message == "Invalid control character at":
        char = text[error.pos] if error.pos < len(text) else ""
        code = f"U+{ord(char):04X} " if char else ""
        return f"control character {code}inside a string; write it as an escape (\\n, \\t, \\u0000)"
    if message == "Unterminated string starting at":
        return "a string starts here and is never closed"
    if message.endswith(" at"):
        return f"{message[:-3]} here"
    return message


def parse_json(text: str, source: str, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Parse JSON text, refusing duplicate keys, NaN and Infinity, and excessive depth."""
    _json_values_refused(text, source, limits)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs_hook,
            parse_constant=_parse_constant,
        )
    except json.JSONDecodeError as error:
        raise _fail(
            source,
            f"invalid JSON: {_json_message(error, text)}",
            line=error.lineno,
            column=error.colno,
        ) from None
    except RecursionError:
        # Either the configured limit or, when it was raised past what the parser can
        # handle, the interpreter's own recursion limit; say which.
        where = _deep_position(text, limits.max_depth)
        line, column = where if where else (None, None)
        message = (
            f"nesting deeper than the limit of {limits.max_depth} levels"
            if where
            else "nesting too deep to parse"
        )
        raise _fail(source, message, kind="limit", line=line, column=column) from None
    except ValueError:  # an integer with more digits than Python converts (sys.int_info)
        long_number = re.search(_LONG_NUMBER, text)
        line, column = _line_col(text, long_number.start()) if long_number else (None, None)
        raise _fail(
            source,
            _TOO_MANY_DIGITS,
            kind="limit",
            line=line,
            column=column,
        ) from None
    document = LoadedDocument(data, source, "json", text, _locator=_json_positions)
    _check_tree(document, limits)
    return document


# --------------------------------------------------------------------------------------------
# YAML


#: YAML 1.2 core schema scalars; passed to ``re.fullmatch`` (compiled on first use and cached
#: by ``re``), so a JSON-only run does not compile them.
_YAML_NULL = r"~|null|Null|NULL|"
_YAML_BOOL = r"true|True|TRUE|false|False|FALSE"
_YAML_INT = r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
_YAML_FLOAT = (
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_PLAIN = "!spocschema/plain"
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_STD}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


def _yaml_scalar(value: str, tag: str) -> Any:
    """Resolve a scalar with the YAML 1.2 core schema; explicit standard tags are honoured."""
    if tag == _PLAIN:
        if re.fullmatch(_YAML_NULL, value):
            return None
        if re.fullmatch(_YAML_BOOL, value):
            return value.lower() == "true"
        if re.fullmatch(_YAML_INT, value):
            return _yaml_int(value)
        if re.fullmatch(_YAML_FLOAT, value):
            return _yaml_float(value)
        return value
    kind = tag[len(_STD) :]
    if kind == "str":
        return value
    if kind == "null" and re.fullmatch(_YAML_NULL, value):
        return None
    if kind == "bool" and re.fullmatch(_YAML_BOOL, value):
        return value.lower() == "true"
    if kind == "int" and re.fullmatch(_YAML_INT, value):
        return _yaml_int(value)
    if kind == "float" and (re.fullmatch(_YAML_FLOAT, value) or re.fullmatch(_YAML_INT, value)):
        return _yaml_float(value)
    raise ValueError(f"{value[:40]!r} is not a valid !!{kind}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unpaired_surrogates_refused(value: Any) -> Any:
    """Join ``\\uD83D\\uDE00``-style escape pairs, as JSON does; refuse a lone surrogate.

    YAML decodes each ``\\u`` escape on its own, so a JSON file read as YAML would otherwise
    carry half characters that no output can encode.
    """
    if not isinstance(value, str) or _SURROGATE.search(value) is None:
        return value
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        raise ValueError(_LONE_SURROGATE) from None


_LONE_SURROGATE = (
    "a string contains an unpaired surrogate escape (\\uD800-\\uDFFF), which is not a "
    "Unicode character"
)


_TOO_MANY_DIGITS = "a number has too many digits (more than 4300); no fact needs such a number"

#: Most decimal digits a number may have: what Python converts to and from text
#: (``sys.int_info.default_max_str_digits``), so that every accepted number can be written out.
MAX_DIGITS = 4300


def _too_large(number: int) -> bool:
    """True if ``number`` has more than ``MAX_DIGITS`` decimal digits (bit length first: cheap)."""
    return number.bit_length() > 14_280 and abs(number) >= 10**MAX_DIGITS


def _yaml_int(value: str) -> int:
    # Hexadecimal and octal digits convert without Python's decimal-digit limit, so the
    # number is measured after conversion: ``0x`` + 50,000 digits would load, then fail to be
    # written out (in ``diff``, a report, a dump).
    if len(value) > 4 * MAX_DIGITS:  # far beyond the limit in any base; skip the conversion
        raise ValueError(_TOO_MANY_DIGITS)
    try:
        if value.startswith("0o"):
            number = int(value[2:], 8)
        elif value.startswith("0x"):
            number = int(value[2:], 16)
        else:
            number = int(value)
    except ValueError:  # more digits than Python converts (sys.int_info)
        raise ValueError(_TOO_MANY_DIGITS) from None
    if _too_large(number):
        raise ValueError(_TOO_MANY_DIGITS)
    return number


def _yaml_float(value: str) -> float:
    lowered = value.lower()
    if lowered.endswith((".inf", ".nan")):
        raise ValueError("NaN and Infinity are not allowed (JSON has no such numbers)")
    result = float(value)
    if math.isinf(result):
        raise ValueError(
            f"{value[:40]} is beyond the double range; numbers must be finite (JSON has no "
            "Infinity)"
        )
    return result


#: What YAML 1.2 allows around tokens besides spaces: a tab (``s-white``), except as indentation.
_SEPARATION = " \t"
_LINE_END = "\0#\r\n\x85\u2028\u2029"


def _yaml_loader_class(limits: Limits) -> type[Any]:
    import yaml

    class Loader(yaml.SafeLoader):
        """Composes nodes only: no Python objects, core-schema resolution done by us.

        Limits are enforced as nodes are composed, so a document of millions of tiny values
        is refused after ``max_values`` of them, not after PyYAML has built a node for each
        (a 10 MB ``[{}, {}, ...]`` took minutes and gigabytes that way). The builder counts
        again with aliases expanded.
        """

        yaml_implicit_resolvers: dict[str, Any] = {}
        depth = 0
        composed = 0  # values composed so far (mapping keys are not values)
        aliases = False  # whether the document uses an alias at all, for the builder's message

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                return _PLAIN if implicit[0] else f"{_STD}str"
            if kind is yaml.SequenceNode:
                return f"{_STD}seq"
            return f"{_STD}map"

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases = True
            elif not (index is None and isinstance(parent, yaml.MappingNode)):
                self.composed += 1
                if self.composed > limits.max_values:
                    mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                    raise LimitExceeded(
                        f"more than {limits.max_values} values", mark.line + 1, mark.column + 1
                    )
            self.depth += 1
            if self.depth > limits.max_depth:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise LimitExceeded(
                    f"nesting deeper than the limit of {limits.max_depth} levels",
                    mark.line + 1,
                    mark.column + 1,
                )
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        # YAML 1.2 allows tabs as separation white space (``key:\tvalue``, a tab before a
        # comment or at the end of a line); PyYAML, written for YAML 1.1, refuses every tab
        # outside a quoted string. Tabs are still refused where they would be indentation.

        def scan_to_next_token(self) -> None:
            if self.index == 0 and self.peek() == "\ufeff":
                self.forward()
            while True:
                length = 0
                while self.peek(length) in _SEPARATION:
                    length += 1
                if length and not (
                    self.flow_level
                    or self.peek(length) in _LINE_END
                    or self.buffer[self.pointer - self.column : self.pointer].strip(" ")
                ):
                    # At the start of a line, before content: only spaces are indentation.
                    length = 0
                    while self.peek(length) == " ":
                        length += 1
                self.forward(length)
                if self.peek() == "#":
                    while self.peek() not in "\0\r\n\x85\u2028\u2029":
                        self.forward()
                if self.scan_line_break():  # type: ignore[no-untyped-call]
                    if not self.flow_level:
                        self.allow_simple_key = True
                else:
                    return

        def scan_plain_spaces(self, indent: Any, start_mark: Any) -> Any:
            # A tab inside a plain scalar (``a\tb``) is part of it, and one at its end is
            # separation: count tabs with the spaces, as YAML 1.2 does (``s-white``).
            length = 0
            while self.peek(length) == "\t" or (self.peek(length) == " "):
                length += 1
            if length and "\t" in self.prefix(length):
                after = self.peek(length)
                if after not in "\r\n\x85\u2028\u2029":
                    whitespaces = self.prefix(length)
                    self.forward(length)
                    return [whitespaces]
                self.forward(length)
            return super().scan_plain_spaces(indent, start_mark)

    return Loader


class _YamlBuilder:
    """Turns composed YAML nodes into JSON-compatible data, recording each value's position."""

    def __init__(self, source: str, limits: Limits, aliases: bool = False):
        self.source = source
        self.limits = limits
        self.aliases = aliases
        self.values = 0
        self.positions: dict[str, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def _problem(self, message: str, node: Any, pointer: str, kind: str = "syntax") -> None:
        self.problems.append(
            Problem(
                message,
                pointer=pointer,
                kind=kind,  # type: ignore[arg-type]
                code=kind,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
        )

    def build(self, node: Any, pointer: str = "", depth: int = 0) -> Any:
        import yaml

        self.values += 1
        if self.values > self.limits.max_values:
            raise LimitExceeded(
                f"more than {self.limits.max_values} values"
                + (" once YAML aliases are expanded" if self.aliases else ""),
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        if depth > self.limits.max_depth:
            raise LimitExceeded(
                f"nesting deeper than the limit of {self.limits.max_depth} levels"
                + (" (a recursive YAML alias?)" if self.aliases else ""),
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        self.positions.setdefault(pointer, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _ALLOWED_TAGS and node.tag != _PLAIN:
            self._problem(f"YAML tag {node.tag!r} is not allowed (plain data only)", node, pointer)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)
            ]
        try:
            return _unpaired_surrogates_refused(_yaml_scalar(node.value, node.tag))
        except ValueError as error:
            self._problem(str(error), node, pointer)
            return None

    def _mapping(self, node: Any, pointer: str, depth: int) -> dict[str, Any]:
        import yaml

        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem("a mapping key must be a plain string", key_node, pointer)
                continue
            if key_node.tag not in _ALLOWED_TAGS and key_node.tag != _PLAIN:
                self._problem(
                    f"YAML tag {key_node.tag!r} is not allowed (plain data only)", key_node, pointer
                )
                continue
            try:
                key = _unpaired_surrogates_refused(
                    _yaml_scalar(key_node.value, key_node.tag)
                    if key_node.tag != _PLAIN
                    else key_node.value
                )
            except ValueError as error:
                self._problem(str(error), key_node, pointer)
                continue
            if not isinstance(key, str):
                self._problem(f"mapping key {key!r} must be a string", key_node, pointer)
                continue
            child = f"{pointer}/{pointer_token(key)}"
            if key in result:
                self._problem(f"duplicate key {key[:80]!r}", key_node, child)
                continue
            self.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result


def parse_yaml(text: str, source: str, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Parse one YAML document as plain data (YAML 1.2 core schema)."""
    import yaml

    try:
        # The reader refuses characters YAML does not allow (e.g. U+007F) as it is built.
        loader = _yaml_loader_class(limits)(text)
    except yaml.reader.ReaderError as error:
        line, column = _line_col(text, error.position)
        raise _fail(
            source,
            f"invalid YAML: character U+{error.character:04X} is not allowed in YAML "
            "(control characters must be escaped in a double-quoted string)",
            line=line,
            column=column,
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise _fail(source, "document is empty", kind="read")
        builder = _YamlBuilder(source, limits, aliases=loader.aliases)
        data = builder.build(node)
    except LimitExceeded as error:
        raise _fail(
            source, str(error), kind="limit", line=error.line, column=error.column
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(filter(None, [error.context, error.problem]))
        raise _fail(
            source,
            f"invalid YAML: {message}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:
        raise _fail(source, f"invalid YAML: {error}") from None
    except RecursionError:
        raise _fail(source, "nesting too deep to parse", kind="limit") from None
    finally:
        loader.dispose()
    if builder.problems:
        raise DocumentError(source, builder.problems)
    positions = builder.positions
    return LoadedDocument(data, source, "yaml", text, _positions=positions)


# --------------------------------------------------------------------------------------------
# Shared checks and the entry point


_JSON_SCALARS = (str, bool, int, float, type(None))


def _not_json(value: Any) -> str | None:
    """Why a Python value cannot sit in a JSON document, or ``None`` if it can."""
    if isinstance(value, tuple):
        return "a tuple is not a JSON value; use a list"
    if isinstance(value, bytes | bytearray | memoryview):
        return "bytes are not a JSON value; decode them to text"
    if not isinstance(value, (dict, list, *_JSON_SCALARS)):
        return f"a Python {type(value).__name__} is not a JSON value"
    return None


def _check_tree(document: LoadedDocument, limits: Limits, *, python: bool = False) -> None:
    """Walk the parsed data once: depth, size, duplicate keys and non-finite numbers.

    ``python``: the data was handed over as Python objects rather than parsed, so it may hold
    what no document can: an ``object()``, bytes, a number too long to write out. Typed facts
    are left to the model (a ``date`` object is a fine value for a date), but national
    extensions (``x-`` keys, at any level) are stored as they are, so they must be JSON.
    """
    problems: list[Problem] = []
    # (value, path, inside an extension)
    stack: list[tuple[Any, tuple[str | int, ...], bool]] = [(document.data, (), False)]
    count = 0
    while stack:
        value, path, free = stack.pop()
        count += 1
        if count > limits.max_values:
            raise _fail(document.source, f"more than {limits.max_values} values", kind="limit")
        if len(path) > limits.max_depth:
            pointer = make_pointer(path)
            where = document.position(pointer)
            raise _fail(
                document.source,
                f"nesting deeper than the limit of {limits.max_depth} levels",
                kind="limit",
                line=where[0] if where else None,
                column=where[1] if where else None,
            )
        if isinstance(value, dict):
            repeated = value.pop(_DUPLICATES, None)
            for key in repeated or ():
                problems.append(_located(document, f"duplicate key {key[:80]!r}", (*path, key)))
            for key in value:
                if isinstance(key, str) and _SURROGATE.search(key):
                    problems.append(_located(document, _LONE_SURROGATE, path))
            stack.extend(
                (
                    child,
                    (*path, key),
                    free or (isinstance(key, str) and key.startswith(_EXTENSION_PREFIX)),
                )
                for key, child in value.items()
            )
        elif isinstance(value, str):
            if _SURROGATE.search(value):  # json.loads joins valid pairs; what is left is alone
                problems.append(_located(document, _LONE_SURROGATE, path))
        elif isinstance(value, list):
            stack.extend((child, (*path, index), free) for index, child in enumerate(value))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(
                _located(
                    document,
                    "numbers must be finite: NaN, Infinity and numbers beyond the double "
                    "range (such as 1e999) are not allowed",
                    path,
                )
            )
        elif python:
            if isinstance(value, int) and not isinstance(value, bool) and _too_large(value):
                problems.append(_located(document, _TOO_MANY_DIGITS, path))
            elif free and (reason := _not_json(value)) is not None:
                problems.append(
                    _located(document, f"{reason} (national extensions hold JSON data)", path)
                )
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.pointer))
        raise DocumentError(document.source, problems)


#: The prefix of national extension keys (``spocschema.models.base.EXTENSION_PREFIX``; not
#: imported from there, which would load pydantic for a bare parse).
_EXTENSION_PREFIX = "x-"


def _located(document: LoadedDocument, message: str, path: tuple[str | int, ...]) -> Problem:
    pointer = make_pointer(path)
    where = None
    try:
        where = document.position(pointer)
    except Exception:  # pragma: no cover - positions are best effort
        where = None
    return Problem(
        message,
        pointer=pointer,
        kind="syntax",
        code="syntax",
        line=where[0] if where else None,
        column=where[1] if where else None,
    )


def detect_format(text: str, suffix: str = "") -> Format:
    """JSON for ``.json`` files or text starting with ``{`` or ``[``; YAML otherwise."""
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


Source = str | bytes | os.PathLike[str] | Mapping[str, Any]


def read_bytes(
    source: str | bytes | bytearray | memoryview | os.PathLike[str],
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[bytes, str, str]:
    """The raw bytes of a source, its label and its file suffix; ``str`` is document text."""
    if isinstance(source, os.PathLike):
        path = Path(source)
        return read_path(path, limits), name or str(path), path.suffix.lower()
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), name or "<bytes>", ""
    if isinstance(source, str):
        return source.encode("utf-8", errors="surrogatepass"), name or "<string>", ""
    raise TypeError(f"cannot load a document from {type(source).__name__}")


def read_text(
    source: str | bytes | bytearray | memoryview | os.PathLike[str],
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[str, str, str]:
    """Read a source to text: returns ``(text, label, suffix)``; ``str`` is document text."""
    raw, label, suffix = read_bytes(source, name=name, limits=limits)
    return decode(raw, label, limits), label, suffix


def parse_text(
    text: str,
    label: str,
    format: Format,
    limits: Limits = DEFAULT_LIMITS,
    *,
    text_input: bool = False,
) -> LoadedDocument:
    """Parse text in the given syntax; the top level must be an object."""
    document = (parse_json if format == "json" else parse_yaml)(text, label, limits)
    _require_object(document, text_input)
    return document


def _require_object(document: LoadedDocument, text_input: bool) -> None:
    if not isinstance(document.data, dict):
        kind = "an array" if isinstance(document.data, list) else "a single value"
        hint = "; to read a file, pass a pathlib.Path" if text_input else ""
        raise _fail(
            document.source,
            f"the top level must be an object (a mapping of keys), not {kind}{hint}",
            kind="structure",
            line=1,
            column=1,
        )


def load_document(
    source: Source,
    *,
    name: str | None = None,
    format: Format | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LoadedDocument:
    """Load a document from a path, bytes, text or an already parsed mapping.

    ``str`` is document *text*; pass a ``pathlib.Path`` for a file. ``name`` labels the
    document in messages (default: the path, or ``<bytes>``/``<string>``/``<data>``).
    The top level must be an object.
    """
    if isinstance(source, Mapping):
        document = LoadedDocument(dict(source), name or "<data>", "json")
        _check_tree(document, limits, python=True)
        return document
    text, label, suffix = read_text(source, name=name, limits=limits)
    chosen = format or detect_format(text, suffix)
    text_input = isinstance(source, str)
    return parse_text(text, label, chosen, limits, text_input=text_input)
