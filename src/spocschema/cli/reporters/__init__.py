"""Output formats, chosen by name: each module renders a finished ``Run`` and nothing else.

A reporter module has one function, ``render(run, settings) -> str``. Reporters are imported
only when chosen, so the SARIF or JUnit code costs nothing to a run that prints text.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import Run

#: Format name -> module under ``spocschema.cli.reporters``.
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown",
}


def render(run: Run, settings: Settings) -> str:
    """Render a run in the named format."""
    module = import_module(f"spocschema.cli.reporters.{REPORTERS[settings.format]}")
    text: str = module.render(run, settings)
    return text
