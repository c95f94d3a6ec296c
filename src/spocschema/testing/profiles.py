"""Strategies for SPOC profiles: well formed, fully compliant, or breaking one chosen rule."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from spocschema.models.profile import SpocProfile
from spocschema.testing._derive import model_documents


def profile_documents() -> st.SearchStrategy[dict[str, Any]]:
    """Well-formed profile documents (JSON-compatible dicts) that the schema accepts.

    Every key may or may not be present, values range over their whole type, and national
    ``x-`` extensions appear now and then. Compliance is not considered: most generated
    profiles break several rules, as real drafts do.
    """
    return model_documents(SpocProfile)


def profiles() -> st.SearchStrategy[SpocProfile]:
    """Well-formed profiles, as validated ``SpocProfile`` models (see ``profile_documents``)."""
    return profile_documents().map(SpocProfile.model_validate)
