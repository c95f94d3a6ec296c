"""Document models of spocschema."""

from spocschema.models.base import SpocModel
from spocschema.models.profile import PROFILE_SCHEMA_VERSION, SpocProfile

__all__ = ["PROFILE_SCHEMA_VERSION", "SpocModel", "SpocProfile"]
