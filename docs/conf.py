"""Sphinx configuration of the spocschema documentation site.

Build it with warnings as errors, from the repository root::

    python -m sphinx -W --keep-going -b html docs docs/_build/html

The package is imported from ``../src`` (no installation needed) because the API reference,
the rule catalogue and the schema reference are all generated from it at build time.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

from spocschema import __version__  # noqa: E402

project = "spocschema"
author = "spocschema contributors"
copyright = "spocschema contributors; EUPL-1.2"
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "spocschema_docs",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_generated", "Thumbs.db", ".DS_Store"]

# Every internal reference must resolve; external Python types that have no page here are
# listed below rather than silenced wholesale.
nitpicky = True
_EXTERNAL_MODULES = (
    "pydantic|pydantic_core|referencing|jsonschema|typing|typing_extensions|collections\\.abc"
    "|pathlib|datetime|enum|annotated_types"
)
_SHORT_NAMES = (
    "Path|date|Any|Literal|BaseModel|Registry|ValidationError|Iterator|Sequence|Mapping|Callable"
    "|Iterable|Enum|Annotated|StrictBool|TypeVar|M|T|Source|Format|ProblemKind"
)
_BUILTINS = "str|int|bool|bytes|dict|list|tuple|float|object|type|None|NoneType|set|frozenset"
nitpick_ignore_regex = [
    (r"py:(class|obj|exc|data)", rf"({_EXTERNAL_MODULES})\..*"),
    (r"py:(class|obj)", rf"({_SHORT_NAMES}|{_BUILTINS})"),
    # Private helpers (a leading underscore) are not part of the API and have no entry.
    (r"py:(class|obj)", r"spocschema\..*\._[A-Za-z]\w*"),
]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "none"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = True

html_theme = "furo"
html_title = f"spocschema {release}"
html_copy_source = False
html_show_sourcelink = False

# Keep quotes as typed: titles and messages are compared with the registry verbatim.
smartquotes = False

suppress_warnings: list[str] = []
