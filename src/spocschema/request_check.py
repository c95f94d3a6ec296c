"""Deprecated home of ``check_request``; use ``spocschema.rules.request_documents``.

The request rules moved into the rules package, where every rule of the library is
registered once; ``from spocschema.request_check import check_request`` keeps working.
"""

from __future__ import annotations

from spocschema.rules.request_documents import (
    REQUEST_PROVISIONS,
    REQUEST_RULES,
    check_request,
)

__all__ = ["REQUEST_PROVISIONS", "REQUEST_RULES", "check_request"]
