"""Cold start: each command imports only what it uses (the benchmark measures the time)."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest

from cli_support import COMPLIANT, ROOT
from spocschema.cli import SUBCOMMANDS, build_parser

HEAVY = ("pydantic", "jsonschema", "yaml", "pycountry", "spocschema.checker", "spocschema.rules")


def _imported(*argv: str) -> set[str]:
    script = (
        "import json, sys, contextlib, io\n"
        "from spocschema.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(argv)!r})\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=True,
        timeout=120,
    )
    return set(json.loads(completed.stdout.splitlines()[-1]))


@pytest.mark.parametrize("argv", [["--version"], ["check", "--help"], ["init"]])
def test_light_commands_import_nothing_heavy(argv: list[str]) -> None:
    assert _imported(*argv) == set()


def test_validate_loads_neither_rules_nor_yaml_nor_pycountry_objects() -> None:
    assert _imported("validate", str(COMPLIANT)) == {"pydantic"}


def test_check_loads_the_rules_but_not_jsonschema() -> None:
    assert _imported("check", str(COMPLIANT)) == {
        "pydantic",
        "spocschema.checker",
        "spocschema.rules",
    }


def _console_run(*argv: str) -> dict[str, Any]:
    """Run the ``spocschema`` executable's entry point in a fresh interpreter; what it loaded."""
    script = (
        "import gc, json, sys, contextlib, io\n"
        f"sys.argv = ['spocschema', *{list(argv)!r}]\n"
        "from spocschema import codelists\n"
        "from spocschema.cli import console\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = console()\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules),\n"
        "    'languages_read': codelists.iso_language_codes.cache_info().currsize,\n"
        "    'countries_read': codelists.iso_country_codes.cache_info().currsize,\n"
        "    'gc_enabled': gc.isenabled()}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(completed.stdout.splitlines()[-1])
    return result


def test_check_of_a_compliant_profile_loads_only_what_it_uses() -> None:
    # Guards the start-up time of `spocschema check` (benchmarks/bench_cli_startup.py): each of
    # these was once imported or read on this path and cost milliseconds for nothing.
    result = _console_run("check", str(COMPLIANT))
    assert result["code"] == 0
    modules = set(result["modules"])
    not_needed = {
        "jsonschema",  # the published schemas are not used to check a profile
        "referencing",
        "yaml",  # a JSON file
        "json_source_map",  # positions are looked up only for findings, and there are none
        "pycountry",  # the code lists are generated from it (spocschema._code_tables)
        "jinja2",
        "spocschema.waivers",  # no --waivers
        "spocschema.schemas",
        "spocschema.cli.validate",  # other subcommands' modules
        "spocschema.cli.stats",
        "spocschema.cli.network",
        "spocschema.cli.reporters.sarif",  # other output formats
        "spocschema.cli.reporters.json_report",
        "spocschema.cli.rulebook",  # rule descriptors are for SARIF, `rules` and `explain`
    }
    assert modules & not_needed == set()
    # The profile's languages and countries are all in the common lists: the ISO databases
    # are not read at all.
    assert result["languages_read"] == 0
    assert result["countries_read"] == 0


def test_the_executable_turns_the_collector_back_on() -> None:
    result = _console_run("check", str(COMPLIANT), str(COMPLIANT))
    assert result["code"] == 0
    assert result["gc_enabled"] is True


def test_main_leaves_the_collector_alone() -> None:
    import gc

    from spocschema.cli import main

    assert gc.isenabled()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", str(COMPLIANT)]) == 0
    assert gc.isenabled()


def _help(parser: argparse.ArgumentParser, argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args(argv)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_a_subcommand_alone_parses_as_in_the_full_parser(name: str) -> None:
    # `main` builds only the named subcommand's parser: its help (every option, every default)
    # must be exactly what the full parser gives.
    assert _help(build_parser(only=name), [name, "--help"]) == _help(
        build_parser(), [name, "--help"]
    )
