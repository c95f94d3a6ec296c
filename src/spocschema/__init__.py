"""spocschema: the minimum criteria for a national SPOC (Directive (EU) 2023/977) as code.

Attributes are imported lazily: ``import spocschema`` stays cheap for command-line tools and
pre-commit hooks, and jsonschema or the YAML parser load only when a call needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from spocschema._version import __version__

if TYPE_CHECKING:
    from spocschema.checker import check
    from spocschema.errors import ArgumentError, DocumentError, Problem, SpocSchemaError
    from spocschema.models.profile import SpocProfile
    from spocschema.validation import load_profile, validate_profile

_LAZY = {
    "check": "spocschema.checker",
    "SpocProfile": "spocschema.models.profile",
    "ArgumentError": "spocschema.errors",
    "DocumentError": "spocschema.errors",
    "Problem": "spocschema.errors",
    "SpocSchemaError": "spocschema.errors",
    "load_profile": "spocschema.validation",
    "validate_profile": "spocschema.validation",
}

__all__ = [
    "ArgumentError",
    "DocumentError",
    "Problem",
    "SpocProfile",
    "SpocSchemaError",
    "__version__",
    "check",
    "load_profile",
    "validate_profile",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'spocschema' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
