"""Fuzz the command line on files and on standard input: an exit code, never a traceback."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from datetime import date
from pathlib import Path
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from spocschema.cli import main
from spocschema.testing import (
    compliant_profile_documents,
    documents,
    exchange_record_documents,
)
from spocschema.waivers import WaiverDocument

from ._harness import FUZZ, outcome
from ._inputs import JSON_VALUES, byte_mutations, mutated_texts, tree_mutations, valid_texts

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
    assert code in (0, 1, 2, 130), code
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    if code == 2:
        assert (out + err).strip(), "an error must say what went wrong"
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


REPORT_FORMATS = st.sampled_from(["text", "json", "sarif", "junit", "github", "markdown"])
WAIVER_FILES = byte_mutations(documents(WaiverDocument).map(lambda d: json.dumps(d).encode()))


@FUZZ
@given(
    raw=CONTENTS,
    output_format=REPORT_FORMATS,
    waivers=st.none() | WAIVER_FILES,
    options=st.lists(
        st.sampled_from(
            [["--fail-on", "warning"], ["--as-of", "2027-07-01"], ["--as-of", "2026-02-30"],
             ["--select", "SPOC-A-0001,nope"], ["--ignore", "guideline"], ["--quiet"],
             ["--max-depth", "3"], ["--max-bytes", "100"], ["--max-values", "5"]]
        ),
        max_size=3,
    ),
)  # fmt: skip
def test_check_stdin(
    tmp_path_factory: object,
    raw: bytes,
    output_format: str,
    waivers: bytes | None,
    options: list[list[str]],
) -> None:
    argv = ["check", "--format", output_format]
    if waivers is not None:
        path: Path = tmp_path_factory.mktemp("waivers") / "waivers.json"  # type: ignore[attr-defined]
        path.write_bytes(waivers)
        argv += ["--waivers", str(path)]
    for option in options:
        argv += option
    code, out, err = run_cli([*argv, "-"], stdin=raw)
    _contract(code, out, err, output_format)


@FUZZ
@given(contents=st.lists(CONTENTS, min_size=1, max_size=2), output_format=REPORT_FORMATS)
def test_check_files(tmp_path_factory: object, contents: list[bytes], output_format: str) -> None:
    directory: Path = tmp_path_factory.mktemp("check")  # type: ignore[attr-defined]
    for index, raw in enumerate(contents):
        (directory / f"doc{index}.yaml").write_bytes(raw)
    code, out, err = run_cli(
        ["check", "--format", output_format, "--as-of", "2026-11-01", str(directory)]
    )
    _contract(code, out, err, output_format)


JSONL = st.lists(
    exchange_record_documents(year=2025).map(lambda d: json.dumps(d).encode())
    | JSON_VALUES.map(lambda v: json.dumps(v).encode())
    | st.binary(max_size=40),
    max_size=6,
).map(lambda lines: b"\n".join(lines))


@FUZZ
@given(
    export=JSONL | byte_mutations(JSONL),
    state=st.sampled_from(["PT", "EL", "XK", "pt", "ZZ", ""]),
    year=st.sampled_from(["2025", "1800", "x", "-1"]),
    skip=st.booleans(),
    zone=st.sampled_from([[], ["--time-zone", "Europe/Lisbon"], ["--time-zone", "Mars/Base"]]),
)
def test_stats_build_stdin(
    export: bytes, state: str, year: str, skip: bool, zone: list[str]
) -> None:
    argv = ["stats", "build", "--year", year, "--state", state, *zone]
    if skip:
        argv.append("--skip-invalid")
    code, out, err = run_cli([*argv, "-"], stdin=export)
    _contract(code, out, err, "json" if code == 0 else "text")


@FUZZ
@given(raw=CONTENTS | documents(WaiverDocument).map(lambda d: json.dumps(d).encode()))
def test_stats_check_stdin(raw: bytes) -> None:
    code, out, err = run_cli(["stats", "check", "-"], stdin=raw)
    _contract(code, out, err, "text")


INSTANTS = st.sampled_from(
    ["2026-03-01T09:30:00+01:00", "2026-03-01T09:30:00", "2026-02-30T00:00:00Z", "now", "",
     "2026-03-05T00:00:00Z/2026-03-06T00:00:00Z", "2026-03-05T00:00:00Z/", "/", "PT12H", "P-1D"]
) | st.text(max_size=12)  # fmt: skip


@FUZZ
@given(
    received=INSTANTS,
    flags=st.lists(
        st.sampled_from(["--urgent", "--not-urgent", "--direct", "--indirect", "--format"])
        | st.tuples(
            st.sampled_from(["--suspend", "--judicial-delay", "--at", "--time-zone"]), INSTANTS
        ).map(list),
        max_size=4,
    ),
)
def test_deadline_arguments(received: str, flags: list[object]) -> None:
    argv = ["deadline", "--received", received]
    for flag in flags:
        argv += flag if isinstance(flag, list) else [str(flag)]
    code, out, err = run_cli(argv)
    _contract(code, out, err, "text")


PROFILE_FILES = CONTENTS | compliant_profile_documents(as_of=date(2026, 11, 1)).map(
    lambda d: json.dumps(d).encode()
)


@FUZZ
@given(
    old=PROFILE_FILES, new=PROFILE_FILES | tree_mutations().map(lambda t: json.dumps(t).encode())
)
def test_diff_files(tmp_path_factory: object, old: bytes, new: bytes) -> None:
    directory: Path = tmp_path_factory.mktemp("diff")  # type: ignore[attr-defined]
    (directory / "old.json").write_bytes(old)
    (directory / "new.yaml").write_bytes(new)
    for output_format in ("text", "json"):
        argv = ["diff", "--format", output_format, str(directory / "old.json")]
        code, out, err = run_cli([*argv, str(directory / "new.yaml")])
        _contract(code, out, err, output_format)


@FUZZ
@given(contents=st.lists(PROFILE_FILES, min_size=1, max_size=3))
def test_network_and_html_on_a_folder(tmp_path_factory: object, contents: list[bytes]) -> None:
    directory: Path = tmp_path_factory.mktemp("network")  # type: ignore[attr-defined]
    for index, raw in enumerate(contents):
        (directory / f"profile{index}.json").write_bytes(raw)
    exports = tmp_path_factory.mktemp("exports")  # type: ignore[attr-defined]
    argv = ["network", "--as-of", "2026-11-01", "--format", "json", str(directory)]
    argv += ["--html", str(exports / "n.html"), "--export-csv", str(exports / "n.csv")]
    code, out, err = run_cli(argv)
    _contract(code, out, err, "json")
    single = directory / "profile0.json"
    code, out, err = run_cli(["html", "--output", str(exports / "p.html"), str(single)])
    _contract(code, out, err, "text")


# --------------------------------------------------------------------------------------------
# Issue 13: hostile strings in every field of every output, odd paths, broken output streams

#: Characters that act on a terminal, a log or a Markdown renderer when printed raw.
_ACTIVE = (
    [chr(c) for c in range(0x20) if c != 0] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u202e", "\u2066", "\u200f", "\u2028", "\u2029", "\ufeff", "|", "`", "<img src=x>", "%"]
)  # fmt: skip
HOSTILE_TEXT = st.lists(
    st.sampled_from(_ACTIVE) | st.text(alphabet="ab/~01 -", max_size=3), min_size=1, max_size=6
).map("".join)
HUMAN_FORMATS = ("text", "github", "markdown")


def _no_raw_control(text: str) -> None:
    import unicodedata

    bad = [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")]
    assert not bad, f"raw control characters in a human output: {bad!r}"


def _well_formed(output_format: str, out: str) -> None:
    if output_format in ("json", "sarif"):
        json.loads(out)
    elif output_format == "junit":
        from xml.etree import ElementTree

        ElementTree.fromstring(out)
    else:
        _no_raw_control(out)


def _hostile_profile(key: str, value: str) -> bytes:
    document = {
        "schema_version": "1.0",
        "revision_date": "2026-11-01",
        "state": {"country": "XK", "status": "partner_aligning"},
        "spoc": {"name": f"Example office {value} (fictional)"},
        key: value,  # an unknown key: its pointer and its value reach every output
    }
    return json.dumps(document).encode()


@FUZZ
@given(
    key=HOSTILE_TEXT,
    value=HOSTILE_TEXT,
    name=HOSTILE_TEXT.filter(lambda n: "/" not in n and n not in (".", "..")),
    output_format=REPORT_FORMATS,
)
def test_hostile_strings_in_every_output_format(
    tmp_path_factory: object, key: str, value: str, name: str, output_format: str
) -> None:
    directory: Path = tmp_path_factory.mktemp("hostile")  # type: ignore[attr-defined]
    path = directory / f"{name}.json"
    path.write_bytes(_hostile_profile(key, value))
    broken = directory / f"{name}.yaml"
    broken.write_bytes(b"{" + value.encode("utf-8", "surrogatepass"))
    for command in ("validate", "check"):
        code, out, err = run_cli(
            [command, "--format", output_format, "--color", "never", str(path), str(broken)]
        )
        _contract(code, out, err, "text")
        _well_formed(output_format, out)
        _no_raw_control(err)


@FUZZ
@given(key=HOSTILE_TEXT, value=HOSTILE_TEXT, name=HOSTILE_TEXT.filter(lambda n: "/" not in n))
def test_hostile_strings_in_diff_network_and_stats_text(
    tmp_path_factory: object, key: str, value: str, name: str
) -> None:
    directory: Path = tmp_path_factory.mktemp("hostile-network")  # type: ignore[attr-defined]
    (directory / f"a{name}.json").write_bytes(_hostile_profile(key, value))
    (directory / f"b{name}.yaml").write_bytes(b"[" + value.encode("utf-8", "surrogatepass"))
    for argv in (
        ["network", "--as-of", "2026-11-01", str(directory)],
        ["diff", str(MINIMAL), str(directory / f"a{name}.json")],
        ["diff", str(directory / f"b{name}.yaml"), str(MINIMAL)],
        ["stats", "check", str(directory / f"a{name}.json")],
    ):
        code, out, err = run_cli(argv)
        _contract(code, out, err, "text")
        _no_raw_control(out)
        _no_raw_control(err)


MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal-profile.json"

#: Paths that are not plain files, in every spelling a user might give one.
ODD_PATHS = st.sampled_from(
    ["", ".", "folder/..", "/dev/null", "/dev/zero", "/nonexistent/x.json", "*.nothing",
     "{missing}", "[", "~", "-x", "a\x00b", "loop.json", "dangling.json", "folder",
     "folder/*", "fifo", "file.json/child", "file.json"]
)  # fmt: skip


def _odd_tree(directory: Path) -> None:
    import os

    (directory / "folder").mkdir(exist_ok=True)
    (directory / "file.json").write_bytes(MINIMAL.read_bytes())
    for name, target in (("loop.json", "loop.json"), ("dangling.json", "nowhere.json")):
        if not (directory / name).is_symlink():
            (directory / name).symlink_to(directory / target)
    if hasattr(os, "mkfifo") and not (directory / "fifo").exists():
        os.mkfifo(directory / "fifo")


_WARM: list[bool] = []


def _warm_up() -> None:
    """Import what the folder commands use once, outside the per-call time budget."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["html", "--as-of", "2026-11-01", str(MINIMAL.parent)])


@FUZZ
@given(
    paths=st.lists(ODD_PATHS, min_size=1, max_size=3),
    command=st.sampled_from(["validate", "check", "html", "diff", "network", "stats check"]),
    output=st.sampled_from([None, "out.txt", "file.json", "folder", "/dev/full", "missing/o"]),
)
def test_odd_paths_and_outputs(
    tmp_path_factory: object, paths: list[str], command: str, output: str | None
) -> None:
    """Any path, any output destination: an exit code and a message, never a crash, never an
    input overwritten, never a run that checks nothing reported as passed."""
    import os

    directory: Path = tmp_path_factory.mktemp("odd")  # type: ignore[attr-defined]
    _odd_tree(directory)
    if not _WARM:
        _warm_up()
        _WARM.append(True)
    before = (directory / "file.json").read_bytes()
    argv = command.split()
    if output is not None and command in ("validate", "check", "html"):
        argv += ["-o", output]
    if command in ("html", "network", "stats check"):
        paths = paths[:1]
    if command == "diff":
        paths = [*paths, "file.json"][:2]
    argv += paths
    cwd = Path.cwd()
    os.chdir(directory)
    try:
        code, out, err = run_cli(argv)
    finally:
        os.chdir(cwd)
    _contract(code, out, err, "text")
    if output != "file.json" or {"file.json", ".", "*.json"} & set(paths):
        assert (directory / "file.json").read_bytes() == before, "an input was overwritten"
    if all(p in ("", "folder", "folder/*", "*.nothing", "/nonexistent/x.json") for p in paths):
        assert code == 2, "a run that read no document passed"
