"""Every code example of the documentation runs, so the docs cannot drift from the code.

- ``python`` blocks are executed, page by page in one namespace (a page reads as a session);
- ``console`` blocks: each ``$ spocschema ...`` line is run and must not be a usage or input
  error (exit code 2) nor show a traceback (the README's commands name placeholder paths such
  as ``profiles/``, so there they are only parsed);
- ``yaml`` and ``json`` blocks must parse; profiles and waiver files among them must be valid,
  and every ``spocschema`` command inside them (CI recipes) must be accepted by the parser;
- ``toml`` blocks must parse; ``sh`` scripts' ``spocschema`` lines must parse.

Everything runs in a temporary directory holding a copy of ``examples/`` and
``docs/_examples/``, so the commands the
docs show (which write files) never touch the checkout.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from docs_blocks import ROOT, Block, blocks, commands, doc_sources

PAGES = [p for p in doc_sources() if blocks(p)]
SHELL_METACHARACTERS = set("|><;&`")
SHELLS = {"sh", "bash", "shell"}
#: A command substitution in a recipe, e.g. ``"$(date +%F)"``, replaced by a sample value.
_SUBSTITUTION = re.compile(r'"?\$\([^)]*\)"?')


def _page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "docs" / "_examples", tmp_path / "docs" / "_examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env["NO_COLOR"] = "1"
    return env


def _spocschema_argv(command: str, where: str) -> list[str] | None:
    """The arguments of a ``spocschema`` command line, or None for other commands (pip...)."""
    assert not SHELL_METACHARACTERS & set(command), (
        f"{where}: keep documented commands free of pipes and redirections: {command}"
    )
    argv = shlex.split(command, comments=True)
    if not argv or argv[0] != "spocschema":
        return None
    return argv[1:]


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _assert_parses(argv: list[str], where: str) -> None:
    from spocschema.cli import build_parser

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        try:
            build_parser().parse_args(argv)
        except SystemExit as stop:
            if stop.code not in (0, None):
                rejected = f"`spocschema {shlex.join(argv)}` is rejected"
                pytest.fail(f"{where}: {rejected}: {stderr.getvalue()}")


def _check_data(data: Any, text: str, block: Block) -> None:
    """Documents recognised by their keys are validated for real."""
    if not isinstance(data, dict):
        return
    if "schema_version" in data and "state" in data:
        from spocschema import load_profile

        load_profile(text, name=block.where)
    if "schema_version" in data and "waivers" in data:
        from spocschema.rules import get_rule
        from spocschema.waivers import load_waivers

        for waiver in load_waivers(text):
            get_rule(waiver.rule_id)
    if "repos" in data:
        hooks_file = ROOT / ".pre-commit-hooks.yaml"
        offered = {hook["id"] for hook in yaml.safe_load(hooks_file.read_text(encoding="utf-8"))}
        for repo in data["repos"]:
            for hook in repo.get("hooks", ()):
                assert hook["id"] in offered, f"{block.where}: unknown hook {hook['id']!r}"
    for value in _strings(data):
        for line in value.splitlines():
            if line.strip().startswith("spocschema "):
                argv = _spocschema_argv(line.strip(), block.where)
                assert argv is not None
                _assert_parses(argv, block.where)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_python_examples_run(page: Path, workdir: Path) -> None:
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in blocks(page):
        if block.language != "python":
            continue
        code = compile(block.text, block.where, "exec")
        exec(code, namespace)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_console_commands_run(page: Path, workdir: Path) -> None:
    for block in blocks(page):
        if block.language != "console":
            continue
        for command in commands(block):
            argv = _spocschema_argv(command, block.where)
            if argv is None:
                continue
            if page.name == "README.md":
                _assert_parses(argv, block.where)
                continue
            result = subprocess.run(
                [sys.executable, "-m", "spocschema", *argv],
                cwd=workdir,
                env=_environment(),
                capture_output=True,
                text=True,
                timeout=120,
            )
            output = result.stdout + result.stderr
            exited = f"{block.where}: `{command}` exited {result.returncode}"
            assert result.returncode in (0, 1), f"{exited}: {output}"
            assert "Traceback" not in output, f"{block.where}: `{command}`: {output}"


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_shell_scripts_use_valid_commands(page: Path) -> None:
    """Shell recipes name placeholder paths; their ``spocschema`` lines must parse."""
    for block in blocks(page):
        if block.language not in SHELLS:
            continue
        for line in block.text.splitlines():
            line = line.strip()
            if line.startswith("spocschema "):
                argv = _spocschema_argv(_SUBSTITUTION.sub("2026-11-01", line), block.where)
                assert argv is not None
                _assert_parses(argv, block.where)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_data_examples_are_valid(page: Path, workdir: Path) -> None:
    for block in blocks(page):
        if block.language == "yaml":
            for data in yaml.safe_load_all(block.text):
                _check_data(data, block.text, block)
        elif block.language == "json":
            _check_data(json.loads(block.text), block.text, block)
        elif block.language == "toml":
            tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")
            tomllib.loads(block.text)


def test_every_page_with_code_is_exercised() -> None:
    """A language no test knows would make its blocks silently unchecked."""
    known = {"python", "console", "yaml", "json", "toml", "text", "", *SHELLS}
    unknown = {
        (block.where, block.language)
        for page in PAGES
        for block in blocks(page)
        if block.language not in known
    }
    assert not unknown, f"blocks in languages no test runs: {sorted(unknown)}"
    assert any(block.language == "python" for page in PAGES for block in blocks(page))


@pytest.mark.parametrize(
    "path",
    # A CSV export is a table, not a document: test_table_export builds it through its mapping.
    sorted(p for p in (ROOT / "docs" / "_examples").glob("*.*") if p.suffix != ".csv"),
    ids=lambda p: p.name,
)
def test_documentation_examples_are_valid_documents(path: Path) -> None:
    """Each example the docs include is valid against one of the published schemas."""
    from spocschema import schemas
    from spocschema.loading import load_document

    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        documents = [json.loads(line) for line in lines if line.strip()]
    else:
        documents = [load_document(path).data]
    assert documents
    for data in documents:
        valid = [n for n in schemas.DOCUMENT_TYPES if schemas.validator_for(n).is_valid(data)]
        assert valid, f"{path.name}: a document is valid against no published schema"


#: Modules the API reference leaves out on purpose, and why.
NOT_IN_API_REFERENCE = {
    "spocschema.__main__": "entry point of `python -m spocschema`",
    "spocschema.cli": "the command line is documented from its argument parser (cli-help)",
    "spocschema.rules.reference": "a one-page Markdown rule list; the site's catalogue replaces it",
}


def test_api_reference_documents_every_public_module() -> None:
    """A module added to the package must be added to docs/api.md (or excluded above)."""
    import pkgutil

    import spocschema
    from spocschema.rules import RULE_MODULES  # their rules are in the rule catalogue

    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"automodule:: ([\w.]+)", api))
    public = {
        info.name
        for info in pkgutil.walk_packages(spocschema.__path__, "spocschema.")
        if not any(part.startswith("_") for part in info.name.split("."))
    }
    excluded = {
        name
        for name in public
        if any(name == skip or name.startswith(skip + ".") for skip in NOT_IN_API_REFERENCE)
        or name in RULE_MODULES
    }
    missing = sorted(public - excluded - documented)
    assert not missing, f"add these modules to docs/api.md: {missing}"
    assert documented <= public | {"spocschema"}, documented - public
