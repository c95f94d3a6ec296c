"""The network view: many SPOC profiles checked at once and against each other.

``check_network(folder)`` returns a ``NetworkReport``; ``build_directory`` and ``directory_csv``
turn it into the network directory; ``spocschema.html`` renders it as a page.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spocschema.network.build import check_network, profile_files, read_profiles
    from spocschema.network.directory import (
        DirectoryEntry,
        NetworkDirectory,
        build_directory,
        directory_csv,
    )
    from spocschema.network.models import (
        CrossCheck,
        CrossCheckFinding,
        GroupCoverage,
        LanguageLink,
        NetworkGroup,
        NetworkMember,
        NetworkReport,
        SienaReadiness,
        UnreadableDocument,
    )

#: Where each public name lives. Imported on first use, so that a module of the package (the
#: models, say) can be imported without building the whole network check, and the rules of
#: ``spocschema.rules.network_crosschecks`` can use the models without a circular import.
_LAZY = {
    "check_network": "build",
    "profile_files": "build",
    "read_profiles": "build",
    "DirectoryEntry": "directory",
    "NetworkDirectory": "directory",
    "build_directory": "directory",
    "directory_csv": "directory",
    "CrossCheck": "models",
    "CrossCheckFinding": "models",
    "GroupCoverage": "models",
    "LanguageLink": "models",
    "NetworkGroup": "models",
    "NetworkMember": "models",
    "NetworkReport": "models",
    "SienaReadiness": "models",
    "UnreadableDocument": "models",
}

__all__ = [
    "CrossCheck",
    "CrossCheckFinding",
    "DirectoryEntry",
    "GroupCoverage",
    "LanguageLink",
    "NetworkDirectory",
    "NetworkGroup",
    "NetworkMember",
    "NetworkReport",
    "SienaReadiness",
    "UnreadableDocument",
    "build_directory",
    "check_network",
    "directory_csv",
    "profile_files",
    "read_profiles",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'spocschema.network' has no attribute {name!r}")
    value = getattr(import_module(f"spocschema.network.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
