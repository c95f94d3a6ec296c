"""The ``docs`` extra alone is enough to build the site (what Read the Docs installs).

Read the Docs installs the package with the ``docs`` extra only; a module that the API page
documents but that imports a package of another extra stops autodoc there. Each documented
module is imported in a fresh interpreter in which every package of the other extras, and not of
the ``docs`` extra or the dependencies, is made unimportable. (``.ci/run`` also builds the site
in a virtual environment holding only that extra.)
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from docs_blocks import DOCS, ROOT

tomllib = pytest.importorskip("tomllib")


def _module_names(requirements: list[str]) -> set[str]:
    """Import names of requirement strings, by the usual convention (dashes to underscores)."""
    names = set()
    for requirement in requirements:
        match = re.match(r"[A-Za-z0-9_.-]+", requirement)
        assert match, requirement
        names.add(match.group(0).lower().replace("-", "_"))
    return names


def test_documented_modules_import_with_the_docs_extra_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    allowed = _module_names(project["dependencies"]) | _module_names(extras["docs"])
    others = set().union(*(_module_names(reqs) for name, reqs in extras.items() if name != "docs"))
    blocked = sorted(others - allowed)
    assert "hypothesis" not in blocked  # spocschema.testing is documented and needs it
    modules = re.findall(r"^\.\. automodule:: (\S+)", (DOCS / "api.md").read_text("utf-8"), re.M)
    assert "spocschema.testing" in modules
    script = (
        "import sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None  # import of a package outside the docs extra fails\n"
        "import importlib\n"
        f"for module in {modules!r}:\n"
        "    importlib.import_module(module)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
