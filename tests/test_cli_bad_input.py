"""Bad input never crashes the command line: one line naming the file, exit code 2."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_support import COMPLIANT, run_cli, run_process

_BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

#: name -> (file name, content writer, expected words in the message)
CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "empty": ("empty.json", lambda p: p.write_bytes(b""), "empty"),
    "whitespace only": ("blank.yaml", lambda p: p.write_bytes(b"  \n\n"), "empty"),
    "invalid UTF-8": ("latin1.json", lambda p: p.write_bytes(b'{"a": "caf\xe9"}'), "UTF-8"),
    "binary": ("binary.json", lambda p: p.write_bytes(bytes(range(256)) * 4), "binary"),
    "UTF-16": ("utf16.json", lambda p: p.write_bytes('{"a": 1}'.encode("utf-16")), "UTF-16"),
    "duplicate keys JSON": (
        "dup.json",
        lambda p: p.write_text('{"schema_version": "1.0",\n "schema_version": "1.0"}'),
        "duplicate key",
    ),
    "duplicate keys YAML": ("dup.yaml", lambda p: p.write_text("a: 1\nb: 2\na: 3\n"), "duplicate"),
    "NaN": ("nan.json", lambda p: p.write_text('{"a": NaN}'), "NaN"),
    "Infinity": ("inf.json", lambda p: p.write_text('{"a": -Infinity}'), "Infinity"),
    "YAML .nan": ("nan.yaml", lambda p: p.write_text("a: .nan\n"), "NaN"),
    "top-level array": ("array.json", lambda p: p.write_text("[1, 2]"), "top level"),
    "top-level scalar": ("scalar.yaml", lambda p: p.write_text("just text\n"), "top level"),
    "top-level number": ("number.json", lambda p: p.write_text("42"), "top level"),
    "deep JSON arrays": (
        "deep.json",
        lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
        "nesting",
    ),
    "deep JSON objects": (
        "deepobj.json",
        lambda p: p.write_text('{"a":' * 100_000 + "1" + "}" * 100_000),
        "nesting",
    ),
    "deep YAML flow": (
        "deep.yaml",
        lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
        "nesting",
    ),
    "deep YAML block": (
        "deepblock.yaml",
        lambda p: p.write_text("".join("  " * i + "a:\n" for i in range(2_000))),
        "nesting",
    ),
    "alias bomb": ("bomb.yaml", lambda p: p.write_text(_BOMB), "aliases"),
    "python tag": (
        "tag.yaml",
        lambda p: p.write_text('a: !!python/object/apply:os.system ["echo pwned"]\n'),
        "tag",
    ),
    "custom tag": ("custom.yaml", lambda p: p.write_text("a: !secret value\n"), "tag"),
    "invalid JSON": ("broken.json", lambda p: p.write_text('{"a": 1,,}'), "invalid JSON"),
    "invalid YAML": ("broken.yaml", lambda p: p.write_text("a: [1, 2\nb: 3\n"), "invalid YAML"),
    "huge integer": ("bigint.json", lambda p: p.write_text('{"a": ' + "9" * 5000 + "}"), ""),
}


def _assert_one_line_per_problem(err: str, name: str) -> None:
    lines = err.strip().splitlines()
    assert lines, "no message on standard error"
    assert "Traceback" not in err
    for line in lines:
        assert line.startswith(f"spocschema: {name}"), line


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["validate", "check"])
def test_bad_input_is_one_line_and_exit_2(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filename, write, words = CASES[case]
    path = tmp_path / filename
    write(path)
    started = time.monotonic()
    result = run_cli(capsys, command, str(path))
    assert time.monotonic() - started < 20
    assert result.code == 2, (result.out, result.err)
    _assert_one_line_per_problem(result.err, str(path))
    assert words in result.err


def test_bad_input_positions_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{\n  "a": 1,\n  "a": 2\n}')
    result = run_cli(capsys, "validate", str(path))
    assert f"spocschema: {path}:3:3: duplicate key 'a' (at /a)" in result.err


def test_utf8_bom_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + COMPLIANT.read_bytes())
    assert run_cli(capsys, "validate", str(path)).code == 0
    yaml_path = tmp_path / "bom.yaml"
    yaml_path.write_bytes(
        b"\xef\xbb\xbf" + (COMPLIANT.parent / "compliant-profile.yaml").read_bytes()
    )
    assert run_cli(capsys, "validate", str(yaml_path)).code == 0


def test_huge_file_is_refused_by_size_without_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: takes no disk space, reads would take seconds
        handle.truncate(600 * 1024 * 1024)
    started = time.monotonic()
    result = run_cli(capsys, "validate", str(path))
    assert time.monotonic() - started < 2
    assert result.code == 2
    assert "larger than the 10485760-byte limit (629145600 bytes)" in result.err


def test_size_limit_can_be_raised_and_lowered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "validate", "--max-bytes", "100", str(COMPLIANT)).code == 2
    assert run_cli(capsys, "validate", "--max-bytes", "1000000", str(COMPLIANT)).code == 0


def test_depth_limit_can_be_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nested.json"
    path.write_text('{"x-deep": ' + "[" * 80 + "]" * 80 + ', "schema_version": "1.0"}')
    assert "nesting" in run_cli(capsys, "validate", str(path)).err
    # Deep enough to parse now, so the only complaints left are about the profile's content.
    result = run_cli(capsys, "validate", "--max-depth", "200", str(path))
    assert result.code == 1
    assert "nesting" not in result.out + result.err


def test_depth_beyond_what_the_parser_handles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Raising --max-depth past the interpreter's recursion limit still fails cleanly."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    result = run_cli(capsys, "validate", "--max-depth", "1000000", str(path))
    assert result.code == 2
    assert result.err.strip() == f"spocschema: {path}: nesting too deep to parse"


def test_alias_value_limit_can_be_changed(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "validate", "--max-values", "10", str(COMPLIANT))
    assert result.code == 2
    assert "more than 10 values" in result.err


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_limits_must_be_positive_numbers(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "validate", "--max-bytes", value, str(COMPLIANT))
    assert result.code == 2
    assert "Traceback" not in result.err


def test_directory_missing_and_unmatched_glob(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    result = run_cli(
        capsys,
        "check",
        str(empty_dir),
        str(tmp_path / "missing.json"),
        str(tmp_path / "*.yaml"),
        str(COMPLIANT),
    )
    assert result.code == 2
    assert (
        f"spocschema: {empty_dir}: directory holds no .json, .yaml or .yml document" in result.err
    )
    assert f"spocschema: {tmp_path / 'missing.json'}: no such file or directory" in result.err
    assert "no file matches this pattern" in result.err
    assert f"{COMPLIANT}: passed" in result.out  # the good file was still checked


def test_path_through_a_file_is_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Works as root too: no permission bit makes a path under a regular file readable."""
    plain = tmp_path / "plain.json"
    plain.write_text("{}")
    result = run_cli(capsys, "validate", str(plain / "child.json"))
    assert result.code == 2
    assert result.err.startswith(f"spocschema: {plain / 'child.json'}: ")


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads files without permission"
)
def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    result = run_cli(capsys, "validate", str(path))
    assert result.code == 2
    assert f"spocschema: {path}: permission denied" in result.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_named_pipe_without_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = run_process("validate", str(fifo), timeout=30)
    assert result.code == 2
    assert result.err.startswith(f"spocschema: {fifo}: is a named pipe (FIFO) that gave no data")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    result = run_cli(capsys, "validate", str(loop))
    assert result.code == 2
    assert result.err.startswith(f"spocschema: {loop}: cannot read")


def test_one_bad_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    result = run_cli(capsys, "validate", str(bad), str(COMPLIANT))
    assert result.code == 2
    assert f"{COMPLIANT}: valid" in result.out
    assert f"spocschema: {bad}:1:1: the top level must be an object" in result.err


def test_stdin_bad_and_good(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "validate", "-", stdin=b"").code == 2
    result = run_cli(capsys, "validate", "-", stdin=b"\x00\x01")
    assert result.err.startswith("spocschema: <stdin>: binary data")
    good = run_cli(capsys, "validate", "-", stdin=COMPLIANT.read_bytes())
    assert good.code == 0
    assert "<stdin>: valid" in good.out


def test_oversize_stdin_is_cut_at_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "validate", "--max-bytes", "1000", "-", stdin=b" " * 50_000)
    assert result.code == 2
    assert "larger than the 1000-byte limit" in result.err


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits need POSIX")
def test_hostile_files_in_bounded_memory_as_a_real_process(tmp_path: Path) -> None:
    """Deep nesting, an alias bomb and a huge file together, under a 1 GiB address-space cap."""
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "bomb.yaml").write_text(_BOMB)
    with (tmp_path / "huge.yaml").open("wb") as handle:
        handle.truncate(400 * 1024 * 1024)
    script = (
        "import resource, runpy, sys;"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
        "sys.argv = ['spocschema', 'check', *sys.argv[1:]];"
        "runpy.run_module('spocschema', run_name='__main__')"
    )
    import subprocess

    from cli_support import ROOT

    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert time.monotonic() - started < 60
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"spocschema: {tmp_path}") for line in lines)
