"""Reading documents: our safe loader and validator against the parsers they build on.

The loader adds duplicate-key, NaN, depth and size checks and keeps positions for messages;
validation adds the problem translation. Each is measured against its floor so that a change
making the front door slower shows as a growing ratio:

- ``load JSON`` vs ``json.loads`` (the JSON parse floor);
- ``load YAML`` vs PyYAML's ``safe_load`` (with the C loader where it is built);
- ``load_profile`` (bytes to model) vs ``SpocProfile.model_validate_json`` (bare pydantic).
"""

from __future__ import annotations

import json

import yaml
from _common import EXAMPLES, Result, compare


def run(quick: bool = False) -> list[Result]:
    from spocschema.loading import load_document
    from spocschema.models.profile import SpocProfile
    from spocschema.validation import load_profile

    raw_json = (EXAMPLES / "compliant-profile.json").read_bytes()
    raw_yaml = (EXAMPLES / "compliant-profile.yaml").read_bytes()
    text_yaml = raw_yaml.decode("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [
        compare(
            "load_document (JSON)",
            lambda: load_document(raw_json),
            "json.loads",
            lambda: json.loads(raw_json),
            quick=quick,
        ),
        compare(
            "load_document (YAML)",
            lambda: load_document(raw_yaml),
            f"yaml.load ({loader.__name__})",
            lambda: yaml.load(text_yaml, Loader=loader),
            quick=quick,
        ),
        compare(
            "load_profile (JSON bytes)",
            lambda: load_profile(raw_json),
            "SpocProfile.model_validate_json",
            lambda: SpocProfile.model_validate_json(raw_json),
            quick=quick,
        ),
    ]
