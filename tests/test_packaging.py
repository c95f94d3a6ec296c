"""The wheel is pure Python: one ``py3-none-any`` wheel for every platform and interpreter.

The package once carried an optional C scanner; it was removed (issue 15) so that no platform
needs its own build and no hand-written C parses untrusted bytes. This builds the wheel as a
user's ``pip install .`` does and checks that nothing compiled, and no build hook, came back.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_is_pure_python(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("spocschema-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert "spocschema/_fastpath.py" in names
    assert not [name for name in names if name.endswith((".so", ".pyd", ".c", ".pyi"))]
    wheel_meta = next(name for name in names if name.endswith(".dist-info/WHEEL"))
    assert "Root-Is-Purelib: true" in zipfile.ZipFile(wheel).read(wheel_meta).decode()


def test_the_build_needs_no_compiler_toolchain() -> None:
    # Read as text: tomllib is not in Python 3.10, which the package supports.
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires = ["hatchling>=1.24"]' in text
    assert "setuptools" not in text
    assert ".hooks." not in text
    assert not list((ROOT / "src").rglob("*.c"))
