"""The wheel with and without a C compiler (``hatch_build.py``).

The C scanner is optional: a user without a compiler must still get a working, pure-Python
package, and a user with one must get the scanner. Both wheels are built here by pip, as a
user's ``pip install .`` builds them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def build_wheel(tmp_path: Path, **environment: str) -> Path:
    env = {**os.environ, **environment}
    env.pop("SPOCSCHEMA_REQUIRE_EXTENSIONS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("spocschema-*.whl")
    return wheel


def test_without_a_compiler_the_wheel_is_pure_python(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path, CC="false")  # every compiler call fails
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "spocschema/_fastpath.py" in names
    assert not [name for name in names if name.endswith((".so", ".pyd", ".c"))]


def test_with_a_compiler_the_wheel_carries_the_scanner(tmp_path: Path) -> None:
    if not (shutil.which("cc") or shutil.which("gcc")):
        if os.environ.get("SPOCSCHEMA_REQUIRE_EXTENSIONS"):
            pytest.fail("SPOCSCHEMA_REQUIRE_EXTENSIONS is set but there is no C compiler")
        pytest.skip("no C compiler here")
    wheel = build_wheel(tmp_path)
    assert not wheel.name.endswith("-none-any.whl")  # tagged for this interpreter
    names = zipfile.ZipFile(wheel).namelist()
    compiled = [name for name in names if name.endswith((".so", ".pyd"))]
    assert len(compiled) == 1 and compiled[0].startswith("spocschema/_keyscan."), compiled
    assert "spocschema/_keyscan.pyi" in names
    assert not [name for name in names if name.endswith(".c")]
