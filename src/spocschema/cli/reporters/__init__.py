"""Output formats, chosen by name: each module renders a finished ``Run`` and nothing else.

A reporter module has one function, ``render(run, settings) -> str``, and may add
``chunks(run, settings)`` yielding the same text in pieces for large runs. Reporters are imported
only when chosen, so the SARIF or JUnit code costs nothing to a run that prints text.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    return "".join(render_chunks(run, settings))


def render_chunks(run: Run, settings: Settings) -> Iterable[str]:
    """The rendering in pieces, for writers that stream: a reporter with ``chunks`` yields
    its output piece by piece (one file, one result), so a large run is never held whole."""
    module = import_module(f"spocschema.cli.reporters.{REPORTERS[settings.format]}")
    if hasattr(module, "chunks"):
        pieces: Iterable[str] = module.chunks(run, settings)
        return pieces
    text: str = module.render(run, settings)
    return (text,)
