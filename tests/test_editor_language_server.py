"""The editor schemas in a real editor's language server: completion, hover, squiggles.

No editor runs headless here, so no screenshot; instead the Red Hat YAML language server (the
one VS Code's YAML extension, Neovim's yamlls and Emacs' lsp-mode start) is driven over LSP
exactly as an editor drives it, on a profile whose modeline names the editor schema, and what
it would show the user is asserted: the codes offered with their meaning and article, the
hover text with the legal basis and rule links, and a diagnostic for a wrong code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from _yaml_ls import LanguageServer
from cli_support import EXAMPLES, run_cli
from spocschema import schemas

pytestmark = pytest.mark.external

SCHEMA_URI = schemas.schema_path("spoc-profile", editor=True).resolve().as_uri()


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    running = LanguageServer()
    yield running
    running.close()


def _profile(tmp_path: Path, name: str, edit: tuple[str, str] | None = None) -> tuple[str, str]:
    text = (EXAMPLES / "compliant-profile.yaml").read_text("utf-8")
    if edit is not None:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1], 1)
    text = f"# yaml-language-server: $schema={SCHEMA_URI}\n{text}"
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path.as_uri(), text


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines()) if line.startswith(start))


def test_a_valid_profile_gets_no_squiggles(server: LanguageServer, tmp_path: Path) -> None:
    uri, _ = _profile(tmp_path, "valid.spoc.yaml")
    assert server.open(uri, _) == []


def test_a_wrong_code_is_underlined(server: LanguageServer, tmp_path: Path) -> None:
    uri, text = _profile(tmp_path, "wrong.spoc.yaml", ("  - coordinate_analysis", "  - analyse"))
    diagnostics = server.open(uri, text)
    line = _line_of(text, "  - analyse")
    assert [d["range"]["start"]["line"] for d in diagnostics] == [line]
    assert "receive_and_evaluate_requests" in diagnostics[0]["message"]


def test_completion_offers_every_task_with_its_article(
    server: LanguageServer, tmp_path: Path
) -> None:
    uri, text = _profile(tmp_path, "complete.spoc.yaml", ("  - coordinate_analysis", "  - "))
    server.open(uri, text)
    line = text.splitlines().index("  - ")
    result = server.at("textDocument/completion", uri, line, 4)
    items = result["items"] if isinstance(result, dict) else result
    offered = {item["label"]: item["documentation"]["value"] for item in items}
    tasks = schemas.load("spoc-profile", editor=True)["definitions"]["SpocTask"]
    assert set(tasks["enum"]) <= set(offered)
    assert "Art 14(2)(c)" in offered["coordinate_analysis"]
    assert offered["coordinate_analysis"].startswith("**`coordinate_analysis`**")


def test_hover_shows_legal_basis_and_rule_links(server: LanguageServer, tmp_path: Path) -> None:
    uri, text = _profile(tmp_path, "hover.spoc.yaml")
    server.open(uri, text)
    line = _line_of(text, "  around_the_clock:")
    hover = server.at("textDocument/hover", uri, line, 4)
    markdown = hover["contents"]["value"]
    assert "**Legal basis:** Art 14(3)(a)(ii)" in markdown
    assert "[SPOC-A-0009](https://spocschema.readthedocs.io/rules/SPOC-A-0009.html)" in markdown


def test_the_offline_template_is_read_through_its_local_schema(
    server: LanguageServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "offline.spoc.yaml"
    local = tmp_path / "schemas" / "spoc-profile.editor.schema.json"
    assert run_cli(capsys, "init", "-o", str(target), "--local-schema", str(local)).code == 0
    text = target.read_text("utf-8")
    uri = target.as_uri()
    assert server.open(uri, text) == []
    broken = text.replace("schema_version:", "schema_versoin:", 1)
    broken_uri = (tmp_path / "broken.spoc.yaml").as_uri()
    (tmp_path / "broken.spoc.yaml").write_text(broken, "utf-8")
    assert server.open(broken_uri, broken)  # the local schema is in force
