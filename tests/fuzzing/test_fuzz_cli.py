"""Fuzz the command line on files and on standard input: an exit code, never a traceback."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from spocschema.cli import main

from ._harness import FUZZ, outcome
from ._inputs import mutated_texts, valid_texts

CONTENTS = mutated_texts | st.binary(max_size=512) | valid_texts.map(str.encode)
OUTPUT_FORMATS = st.sampled_from(["text", "json"])


def run_cli(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``spocschema`` in-process with the given standard input; return code and output."""
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    with (
        mock.patch.object(sys, "stdin", fake_stdin),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        result = outcome(lambda: main(argv), input_size=len(stdin))
    assert isinstance(result, int), f"main() raised {result!r}"
    return result, out.getvalue(), err.getvalue()


def _contract(code: int, out: str, err: str, output_format: str) -> None:
    assert code in (0, 1, 2), code
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    if code != 0:
        assert (out + err).strip(), "a failure must say why"
    if output_format == "json" and out.strip():
        json.loads(out)  # machine-readable output stays machine-readable, whatever the input


@FUZZ
@given(
    contents=st.lists(CONTENTS, min_size=1, max_size=3),
    suffix=st.sampled_from([".json", ".yaml", ".yml"]),
    output_format=OUTPUT_FORMATS,
)
def test_validate_files(
    tmp_path_factory: object, contents: list[bytes], suffix: str, output_format: str
) -> None:
    directory: Path = tmp_path_factory.mktemp("cli")  # type: ignore[attr-defined]
    paths = []
    for index, raw in enumerate(contents):
        path = directory / f"doc{index}{suffix}"
        path.write_bytes(raw)
        paths.append(str(path))
    code, out, err = run_cli(["validate", "--format", output_format, *paths])
    _contract(code, out, err, output_format)


@FUZZ
@given(raw=CONTENTS, output_format=OUTPUT_FORMATS)
def test_validate_stdin(raw: bytes, output_format: str) -> None:
    code, out, err = run_cli(["validate", "--format", output_format, "-"], stdin=raw)
    _contract(code, out, err, output_format)


@FUZZ
@given(
    argv=st.lists(
        st.sampled_from(
            ["validate", "schema", "-", "--format", "json", "text", "--quiet", "--max-bytes",
             "--max-depth", "0", "-1", "99999999999999999999", "--list", "--check", "nonexistent",
             "--version", "--help", "spoc-profile", "", "\x00", "é"]
        )
        | st.text(max_size=6),
        max_size=5,
    )
)  # fmt: skip
def test_arbitrary_arguments(argv: list[str]) -> None:
    """Any argument vector ends in an exit code; usage errors are code 2 with a message."""
    if "--write" in argv or "--output" in argv:  # would write into the source tree
        return
    code, out, err = run_cli(argv, stdin=b"{}")
    _contract(code, out, err, "text")
