"""The network view: many SPOC profiles checked at once and against each other.

``check_network(folder)`` returns a ``NetworkReport``; ``build_directory`` and ``directory_csv``
turn it into the network directory; ``spocschema.html`` renders it as a page.
"""

from __future__ import annotations

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
