"""Build hook: compile the optional C scanner ``spocschema._keyscan`` into the wheel.

spocschema is a pure-Python package with one optional accelerator: a single-pass check of JSON
bytes for duplicate keys, depth, size and non-finite numbers (``src/spocschema/_keyscan.c``).
With it, validating a profile costs little more than pydantic's own ``model_validate_json``;
without it, the same checks run in Python (``spocschema._fastpath``) and give the same verdicts,
only slower. So a machine without a C compiler still installs the package: the build warns and
carries on, as simplejson's and MarkupSafe's builds do.

Set ``SPOCSCHEMA_NO_EXTENSIONS=1`` to skip the compiler, or ``SPOCSCHEMA_REQUIRE_EXTENSIONS=1``
(CI does) to make a failed compilation fail the build instead of warning.

Run as a script (``python hatch_build.py``) it builds the scanner in place, next to its source,
for working from a checkout with ``PYTHONPATH=src``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
SOURCE = "src/spocschema/_keyscan.c"
MODULE = "spocschema._keyscan"


def compile_scanner(work: Path) -> Path:
    """Compile the scanner with setuptools' compiler support; return the built file."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extension = Extension(MODULE, [SOURCE], optional=False)
    command = build_ext(Distribution({"name": "spocschema", "ext_modules": [extension]}))
    command.build_lib = str(work / "lib")
    command.build_temp = str(work / "temp")
    previous = Path.cwd()
    os.chdir(ROOT)  # setuptools wants the source path relative to the project
    try:
        command.ensure_finalized()
        command.run()
        return Path(command.get_ext_fullpath(MODULE)).resolve()
    finally:
        os.chdir(previous)


def build_in_place() -> Path:
    """Compile the scanner next to its source, where an import from ``src`` finds it."""
    with tempfile.TemporaryDirectory() as work:
        built = compile_scanner(Path(work))
        target = ROOT / "src" / "spocschema" / built.name
        shutil.copyfile(built, target)
    return target


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, outside a build
    BuildHookInterface = object  # type: ignore[assignment,misc]


class KeyscanBuildHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Adds the compiled scanner to wheels (and, for editable installs, to the source tree)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("SPOCSCHEMA_NO_EXTENSIONS"):
            return
        self._work = Path(tempfile.mkdtemp(prefix="spocschema-build-"))
        try:
            built = compile_scanner(self._work)
        except Exception as error:  # any compiler or setuptools failure
            if os.environ.get("SPOCSCHEMA_REQUIRE_EXTENSIONS"):
                raise
            self.app.display_warning(
                f"spocschema: the optional C scanner was not built ({error}); "
                "installing the pure-Python version, which validates the same but slower"
            )
            return
        if version == "editable":
            # An editable install imports from src/: the scanner must sit there.
            shutil.copyfile(built, ROOT / "src" / "spocschema" / built.name)
            return
        build_data["force_include"][str(built)] = f"spocschema/{built.name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(build_in_place())
