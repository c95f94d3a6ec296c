"""The pre-commit hooks, run for real by the ``pre-commit`` tool on a temporary repository.

pre-commit installs hooks from a repository at a commit, so the test points a fresh repository's
configuration at this checkout (``repo:`` a local path, ``rev:`` its ``HEAD``). The hooks
definition must therefore be committed; the test is skipped, saying why, where pre-commit, git
or a committed checkout is not available.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import EXAMPLES, ROOT

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")


def _git(*argv: str, cwd: Path) -> str:
    completed = subprocess.run(
        ["git", *argv], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout.strip()


@pytest.fixture(scope="module")
def head() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        _git("cat-file", "-e", "HEAD:.pre-commit-hooks.yaml", cwd=ROOT)
        return _git("rev-parse", "HEAD", cwd=ROOT)
    except (subprocess.CalledProcessError, OSError):
        pytest.skip("the checkout is not a git repository with .pre-commit-hooks.yaml committed")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, head: str) -> Path:
    repo = tmp_path_factory.mktemp("profiles")
    _git("init", "-q", cwd=repo)
    (repo / "spoc").mkdir()
    shutil.copy(EXAMPLES / "compliant-profile.json", repo / "spoc" / "good-profile.json")
    shutil.copy(
        EXAMPLES / "noncompliant-office-hours.json", repo / "spoc" / "office-hours-profile.json"
    )
    (repo / "package.json").write_text('["not a profile, outside the hooks\' files"]')
    # Beside the profiles, with "spoc" in their paths, but not profiles: the default `files:`
    # must leave them alone (they would fail as profiles).
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "spoc.yml").write_text("on: [push]\njobs: {}\n")
    (repo / "spoc" / "waivers.yaml").write_text("schema_version: '1.0'\nwaivers: []\n")
    (repo / "spoc" / "statistics-2025.json").write_text('{"schema_version": "1.0"}\n')
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {head}\n"
        "    hooks:\n"
        "      - id: spocschema-validate\n"
        "      - id: spocschema-check\n"
        '        args: ["--as-of", "2026-11-22"]\n'
    )
    return repo


def _pre_commit(repo: Path, home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)  # the hooks must run from their own installed environment
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *argv],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def test_hooks_run_for_real(project: Path, home: Path) -> None:
    _git("add", "-A", cwd=project)
    result = _pre_commit(project, home, "run", "--all-files")
    output = result.stdout + result.stderr
    assert "spocschema validate" in output, output
    assert result.returncode == 1, output
    # Structure: both profiles are well formed; compliance: the office-hours profile fails.
    validate_line = next(line for line in output.splitlines() if "spocschema validate" in line)
    assert validate_line.rstrip().endswith("Passed"), output
    check_line = next(line for line in output.splitlines() if "spocschema check" in line)
    assert check_line.rstrip().endswith("Failed"), output
    assert "spoc/office-hours-profile.json:" in output
    assert "SPOC-A-0009" in output
    assert "spoc/good-profile.json" not in output  # --quiet: passing files are not listed
    for other in ("package.json", "spoc.yml", "waivers.yaml", "statistics-2025.json"):
        assert other not in output, other


def test_hooks_report_unreadable_files(project: Path, home: Path) -> None:
    (project / "spoc" / "broken-profile.yaml").write_text("state: [unclosed\n")
    _git("add", "-A", cwd=project)
    result = _pre_commit(
        project, home, "run", "spocschema-validate", "--files", "spoc/broken-profile.yaml"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "spocschema: spoc/broken-profile.yaml:" in output
    assert "invalid YAML" in output
    assert "exit code: 2" in output
