"""Issue 13, the command-line part: hostile paths, outputs that cannot be written, empty runs,
escape sequences in every human output, and messages that say what went wrong.

Each test names the break it pins; each failed on the code before the fix.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cli_support import (
    COMPLIANT,
    EXAMPLES,
    ROOT,
    Result,
    run_cli,
    run_process,
    run_unprivileged,
    shared_tmp,
)
from spocschema.cli.output import OutputError, write_file
from spocschema.display import printable

__all__ = ["shared_tmp"]  # the fixture, imported to be found by pytest

MINIMAL = EXAMPLES / "minimal-profile.json"
AS_OF = "2026-11-22"

#: Every character a terminal, a log viewer or a Markdown renderer could act on.
CONTROLS = [
    *(chr(code) for code in range(0x20)),
    "\x7f",
    *(chr(code) for code in range(0x80, 0xA0)),
    "\u061c", "\u200e", "\u200f", "\u2028", "\u2029",
    *(chr(code) for code in range(0x202A, 0x202F)),
    *(chr(code) for code in range(0x2066, 0x206A)),
    "\ufeff",
]  # fmt: skip


def _raw_controls(text: str, allowed: str = "\n") -> list[str]:
    return [
        ch
        for ch in text
        if ch not in allowed and (unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"))
    ]


# --------------------------------------------------------------------------------------------
# The one escaping function


@pytest.mark.parametrize("character", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_printable_escapes_every_control_character(character: str) -> None:
    shown = printable(f"a{character}b")
    assert shown == f"a\\u{ord(character):04x}b"
    assert shown.isprintable()


def test_printable_leaves_ordinary_text_alone() -> None:
    text = "Ελληνική Αστυνομία — /spoc/name ~0 ~1 ü 😀 a b"
    assert printable(text) is text or printable(text) == text
    assert printable("\U000e0001") == "\\U000e0001"


# --------------------------------------------------------------------------------------------
# Permissions: a file or folder the user cannot enter


@pytest.fixture
def locked_tree(shared_tmp: Path) -> Path:
    """``ok/a.json`` readable; ``locked/b.json`` inside a folder nobody may enter."""
    (shared_tmp / "ok").mkdir()
    (shared_tmp / "ok" / "a.json").write_bytes(MINIMAL.read_bytes())
    (shared_tmp / "ok").chmod(0o755)
    (shared_tmp / "ok" / "a.json").chmod(0o644)
    locked = shared_tmp / "locked"
    locked.mkdir()
    (locked / "b.json").write_bytes(MINIMAL.read_bytes())
    locked.chmod(0)
    return shared_tmp


def _no_crash(result: Result) -> None:
    assert "internal error" not in result.err, result.err
    assert "Traceback" not in result.err, result.err


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "ok", "locked/b.json"],
        ["validate", "locked/b.json", "ok"],
        ["check", "--as-of", AS_OF, "locked/b.json", "ok/a.json"],
        ["validate", "ok/a.json", "locked/*.json"],
    ],
)
def test_unreachable_operand_is_reported_and_the_rest_checked(
    locked_tree: Path, argv: list[str]
) -> None:
    result = run_unprivileged(*argv, cwd=locked_tree)
    _no_crash(result)
    assert result.code == 2
    assert "permission denied" in result.err
    assert "ok/a.json: " in result.out  # the readable file was still checked
    assert "1 unreadable" in result.out


def test_unlistable_folder_inside_a_tree_is_reported(locked_tree: Path) -> None:
    result = run_unprivileged("check", "--as-of", AS_OF, ".", cwd=locked_tree)
    _no_crash(result)
    assert result.code == 2
    assert "locked: cannot list directory: permission denied" in result.err
    assert "ok/a.json: passed" in result.out


@pytest.mark.parametrize(
    ("argv", "prefix"),
    [
        (["html", "locked/b.json"], "spocschema html: locked/b.json: permission denied"),
        (["diff", "locked/b.json", "ok/a.json"], "spocschema diff: locked/b.json: permission"),
        (["diff", "ok/a.json", "locked/b.json"], "spocschema diff: locked/b.json: permission"),
        (["stats", "check", "locked/b.json"], "spocschema stats: locked/b.json: permission"),
        (["network", "locked"], "spocschema network: locked: cannot list directory: permission"),
        (["network", "locked/b.json"], "spocschema network: locked/b.json: not a folder (perm"),
    ],
)
def test_single_file_commands_name_the_unreachable_file(
    locked_tree: Path, argv: list[str], prefix: str
) -> None:
    result = run_unprivileged(*argv, cwd=locked_tree)
    _no_crash(result)
    assert result.code == 2
    assert result.err.startswith(prefix), result.err


def test_network_reports_a_folder_it_cannot_list(locked_tree: Path) -> None:
    result = run_unprivileged("network", "--as-of", AS_OF, "--format", "json", ".", cwd=locked_tree)
    _no_crash(result)
    assert result.code == 2  # before: exit 0, the locked profile silently left out
    report = json.loads(result.out)
    assert report["summary"]["profiles"] == 1
    (bad,) = report["unreadable"]
    assert bad["file"] == "locked"
    assert bad["problems"][0]["message"] == "cannot list directory: permission denied"


def test_html_of_a_folder_with_an_unlistable_part(locked_tree: Path) -> None:
    result = run_unprivileged("html", "--as-of", AS_OF, "-o", "page.html", ".", cwd=locked_tree)
    _no_crash(result)
    assert result.code == 2
    assert "locked: cannot list directory: permission denied" in result.err
    assert (locked_tree / "page.html").exists()


# --------------------------------------------------------------------------------------------
# Limits given on the command line


@pytest.mark.parametrize("value", ["9223372036854775807", "1073741825", "1" * 400])
def test_max_bytes_beyond_the_ceiling_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    result = run_cli(capsys, "validate", "--max-bytes", value, str(MINIMAL))
    assert result.code == 2
    assert "--max-bytes" in result.err
    assert "internal error" not in result.err
    assert len(result.err) < 2000


def test_max_bytes_at_the_ceiling_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "validate", "--max-bytes", str(1 << 30), str(MINIMAL)).code == 0


def test_oversized_stdin_names_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "validate", "--max-bytes", "100", "-", stdin=b" " * 5000)
    assert result.code == 2
    assert "standard input is larger than the 100-byte limit" in result.err
    assert "101 bytes" not in result.err


# --------------------------------------------------------------------------------------------
# Standard output that cannot be written

STDOUT_COMMANDS = [
    ["validate", str(MINIMAL)],
    ["check", "--as-of", AS_OF, str(MINIMAL)],
    ["check", "--as-of", AS_OF, "--format", "sarif", str(MINIMAL)],
    ["schema"],
    ["rules"],
    ["init"],
    ["diff", str(MINIMAL), str(COMPLIANT)],
    ["html", "--as-of", AS_OF, str(MINIMAL)],
    ["network", "--as-of", AS_OF, str(EXAMPLES)],
    ["deadline", "--received", "2026-03-01T09:30:00Z", "--not-urgent",
     "--at", "2026-03-02T00:00:00Z"],
]  # fmt: skip


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", STDOUT_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_full_standard_output_is_a_clear_error(argv: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with Path("/dev/full").open("w") as full:
        completed = subprocess.run(
            [sys.executable, "-m", "spocschema", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert completed.returncode == 2
    assert re.fullmatch(
        r"spocschema( \w+)?: cannot write standard output: No space left on device\n",
        completed.stderr,
    ), completed.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
@pytest.mark.parametrize("argv", STDOUT_COMMANDS[:7], ids=lambda a: " ".join(a[:2]))
def test_a_closed_standard_output_is_a_clear_error(argv: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    completed = subprocess.run(
        [sys.executable, "-m", "spocschema", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert completed.returncode == 2
    assert completed.stderr == "spocschema: cannot write standard output: it is closed\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
def test_closed_standard_output_does_not_stop_a_run_that_writes_a_file(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = tmp_path / "r.json"
    completed = subprocess.run(
        [sys.executable, "-m", "spocschema", "check", "-f", "json", "-o", str(out), str(MINIMAL)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["files"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("option", ["--html", "--export-json", "--export-csv"])
def test_network_export_to_a_full_device_names_it(
    capsys: pytest.CaptureFixture[str], option: str
) -> None:
    result = run_cli(capsys, "network", "--as-of", AS_OF, option, "/dev/full", str(EXAMPLES))
    assert result.code == 2
    assert "cannot write /dev/full: No space left on device" in result.err
    assert "None" not in result.err


# --------------------------------------------------------------------------------------------
# Writing files: atomically, and never over an input


def test_output_file_is_replaced_not_rewritten_in_place(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous good report\n")
    out.chmod(0o640)
    keep = tmp_path / "hard-link-to-the-old-report"
    os.link(out, keep)
    result = run_process("check", "--as-of", AS_OF, "-f", "json", "-o", str(out), str(MINIMAL))
    assert result.code == 0, result.err
    assert json.loads(out.read_text(encoding="utf-8"))["command"] == "check"
    assert keep.read_text() == "previous good report\n"  # a new file took the name
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [keep.name, out.name]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous good report\n")

    def chunks() -> object:
        yield "{\n  half of a report"
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match=r"cannot write .*report.json: No space left on device"):
        write_file(out, chunks())  # type: ignore[arg-type]
    assert out.read_text() == "previous good report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_an_interrupted_write_leaves_the_previous_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous\n")

    def chunks() -> object:
        yield "partial"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_file(out, chunks())  # type: ignore[arg-type]
    assert out.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_writing_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_file(link, "new")
    assert link.is_symlink()
    assert target.read_text() == "new"


def test_writing_to_a_folder_or_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a directory"):
        write_file(tmp_path, "x")
    with pytest.raises(OutputError, match="No such file or directory"):
        write_file(tmp_path / "missing" / "out.txt", "x")


def test_device_destinations_are_written_directly() -> None:
    write_file(os.devnull, "discarded")


@pytest.fixture
def profile_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "p.json"
    copy.write_bytes(MINIMAL.read_bytes())
    return copy


@pytest.mark.parametrize("spelling", ["same", "dotdot", "symlink", "hardlink"])
def test_check_refuses_to_write_over_an_input(
    capsys: pytest.CaptureFixture[str], profile_copy: Path, spelling: str
) -> None:
    folder = profile_copy.parent
    output = {
        "same": profile_copy,
        "dotdot": folder / ".." / folder.name / "p.json",
        "symlink": folder / "link.json",
        "hardlink": folder / "hard.json",
    }[spelling]
    if spelling == "symlink":
        output.symlink_to(profile_copy)
    if spelling == "hardlink":
        os.link(profile_copy, output)
    before = profile_copy.read_bytes()
    result = run_cli(capsys, "check", "-f", "json", "-o", str(output), str(profile_copy))
    assert result.code == 2
    assert "it is also an input" in result.err
    assert profile_copy.read_bytes() == before


def test_outputs_of_other_commands_never_replace_an_input(
    capsys: pytest.CaptureFixture[str], profile_copy: Path
) -> None:
    before = profile_copy.read_bytes()
    folder = str(profile_copy.parent)
    for argv in (
        ["validate", "-o", str(profile_copy), folder],
        ["check", "--waivers", str(profile_copy), "-o", str(profile_copy), str(MINIMAL)],
        ["html", "-o", str(profile_copy), str(profile_copy)],
        ["html", "-o", str(profile_copy), folder],
        ["network", "--export-json", str(profile_copy), folder],
        ["network", "--html", str(profile_copy), folder],
    ):
        result = run_cli(capsys, *argv)
        assert result.code == 2, argv
        assert "it is also an input" in result.err, (argv, result.err)
    assert profile_copy.read_bytes() == before


# --------------------------------------------------------------------------------------------
# A run that checks nothing never passes


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--select", "", str(MINIMAL)],
        ["check", "--select", " , ", str(MINIMAL)],
        ["check", "--ignore", "", str(MINIMAL)],
        ["check", "--select", "SPOC-A-0001", "--ignore", "SPOC-A-0001", str(MINIMAL)],
    ],
)
def test_a_selection_of_no_rule_is_refused(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    result = run_cli(capsys, *argv)
    assert result.code == 2
    assert "no rule" in result.err


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_glob_matching_no_document_fails_like_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a profile")
    named = run_cli(capsys, command, str(tmp_path))
    globbed = run_cli(capsys, command, str(tmp_path / "*"))
    assert named.code == globbed.code == 2
    assert "matches no .json, .yaml or .yml document" in globbed.err
    assert "OK" not in globbed.out


@pytest.mark.parametrize(
    "argv",
    [["validate", ""], ["check", ""], ["html", ""], ["network", ""], ["diff", "", str(MINIMAL)]],
)
def test_an_empty_operand_is_not_the_current_folder(
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "a.json").write_bytes(MINIMAL.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, *argv)
    assert result.code == 2
    assert "empty" in result.err
    assert "a.json" not in result.out


def test_html_of_a_folder_without_profiles_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(capsys, "html", str(tmp_path))
    assert result.code == 2
    assert "holds no JSON or YAML files" in result.err
    assert result.out == ""


# --------------------------------------------------------------------------------------------
# Messages that say what the operand is


@pytest.fixture
def odd_paths(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "folder"
    folder.mkdir()
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    return {"folder": folder, "loop": loop, "dangling": dangling, "device": Path("/dev/zero")}


EXPECTED = {
    "folder": "is a directory, not a document",
    "loop": "symbolic link loop",
    "dangling": "broken symbolic link",
    "device": "is a device, not a document file",
}


@pytest.mark.parametrize("kind", list(EXPECTED))
@pytest.mark.parametrize("command", ["diff", "html", "stats check"])
def test_odd_operands_are_named_for_what_they_are(
    capsys: pytest.CaptureFixture[str], odd_paths: dict[str, Path], kind: str, command: str
) -> None:
    if kind == "device" and not odd_paths[kind].exists():
        pytest.skip("no /dev/zero")
    if command == "html" and kind == "folder":
        pytest.skip("html renders a folder as the network page")
    argv = [*command.split(), str(odd_paths[kind])]
    if command == "diff":
        argv.append(str(MINIMAL))
    result = run_cli(capsys, *argv)
    assert result.code == 2
    assert EXPECTED[kind] in result.err
    assert "no such file" not in result.err or kind == "dangling"
    assert result.err.startswith(f"spocschema {command.split()[0]}: ")


def test_diff_errors_carry_the_program_prefix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = run_cli(capsys, "diff", str(bad), str(MINIMAL))
    assert result.code == 2
    assert all(line.startswith("spocschema diff: ") for line in result.err.splitlines())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--at", "2026-02-01T00:00:00Z"], "is before --received"),
        (
            ["--suspend", "2026-03-02T00:00:00Z/", "--suspend", "2026-03-03T00:00:00Z/"],
            "2 open suspensions",
        ),
        (["--time-zone", ""], "--time-zone is empty"),
        (["--time-zone", "  "], "--time-zone is empty"),
    ],
)
def test_deadline_refuses_impossible_arguments(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    argv = ["deadline", "--received", "2026-03-01T09:30:00Z", "--not-urgent", *extra]
    result = run_cli(capsys, *argv)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""


# --------------------------------------------------------------------------------------------
# Injection into outputs

HOSTILE_KEY = "x\x1b[2J\x1b]0;title\x07\r\n\u202e\x9b31m|`<img src=x>"


@pytest.fixture
def hostile_profile(tmp_path: Path) -> Path:
    document = json.loads(MINIMAL.read_text(encoding="utf-8"))
    document[HOSTILE_KEY] = 1  # an unknown key: a schema problem whose pointer holds it
    path = tmp_path / "p\x1b[31m\u202e\nname|`.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", ["text", "github", "markdown"])
def test_human_formats_carry_no_raw_control_character(
    capsys: pytest.CaptureFixture[str], hostile_profile: Path, output_format: str
) -> None:
    result = run_cli(
        capsys, "validate", "-f", output_format, "--color", "never", str(hostile_profile)
    )
    assert result.code == 1
    assert _raw_controls(result.out) == []
    assert _raw_controls(result.err) == []
    assert "\\u001b" in result.out


def test_colour_codes_survive_while_document_escapes_do_not(
    capsys: pytest.CaptureFixture[str], hostile_profile: Path
) -> None:
    result = run_cli(capsys, "validate", "--color", "always", str(hostile_profile))
    escapes = [index for index, ch in enumerate(result.out) if ch == "\x1b"]
    assert escapes  # the tool's own colours
    assert all(result.out[index + 1] == "[" for index in escapes)
    assert "\x1b]0;" not in result.out and "\x07" not in result.out


def test_markdown_rows_stay_rows(capsys: pytest.CaptureFixture[str], hostile_profile: Path) -> None:
    result = run_cli(capsys, "validate", "-f", "markdown", str(hostile_profile))
    rows = [line for line in result.out.splitlines() if line.startswith("|")]
    header = rows[0].count("|")
    summary = [row for row in rows if "invalid" in row]
    assert summary and all(_cells(row) == header - 1 for row in summary)
    findings = [row for row in rows if "SPOC-SCHEMA" in row]
    assert findings and all(_cells(row) == 5 for row in findings)
    assert re.search(r"(?<![\\`])<img", result.out) is None  # escaped, or inside a code span


def _cells(row: str) -> int:
    """Cells of a GitHub table row: split on every ``|`` not escaped with a backslash."""
    count, escaped = 0, False
    for ch in row:
        if ch == "|" and not escaped:
            count += 1
        escaped = ch == "\\" and not escaped
    return count - 1


def test_stderr_names_an_unreadable_file_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = tmp_path / "evil\x1b]0;pwned\x07\r.json"
    name.write_bytes(b"\xff\xfe")
    result = run_cli(capsys, "validate", str(name))
    assert result.code == 2
    assert _raw_controls(result.err) == []
    assert "\\u001b]0;pwned\\u0007\\u000d" in result.err


@pytest.mark.parametrize("output_format", ["json", "sarif", "junit"])
def test_structured_formats_stay_valid_with_hostile_values(
    capsys: pytest.CaptureFixture[str], hostile_profile: Path, output_format: str
) -> None:
    result = run_cli(capsys, "validate", "-f", output_format, str(hostile_profile))
    assert result.code == 1
    if output_format == "junit":
        root = ET.fromstring(result.out)
        assert root.tag == "testsuites"
    else:
        data = json.loads(result.out)
        assert any(HOSTILE_KEY in text for text in _strings(data))  # kept as it is


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_network_text_output_is_escaped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    document = json.loads(MINIMAL.read_text(encoding="utf-8"))
    document["spoc"]["name"] = "Office \x1b[2J\u202e (fictional)"
    (tmp_path / "x\x1b.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "broken\x07.json").write_text("{", encoding="utf-8")
    result = run_cli(capsys, "network", "--as-of", AS_OF, str(tmp_path))
    assert _raw_controls(result.out) == []
    assert _raw_controls(result.err) == []
    assert "broken\\u0007.json" in result.out
