"""Hypothesis strategies for testing tools that read or write SPOC documents.

National teams build their own tools around SPOC data: case management exports, registries,
report generators. These strategies give them (and this project's own tests) an endless supply
of documents that are right by construction, derived from the models and the rule registry
rather than copied from the schema, so they follow every release of the vocabulary::

    from datetime import date

    from hypothesis import given
    from spocschema.testing import compliant_profiles, profiles, statistics_reports

    @given(profiles())
    def test_my_exporter_round_trips(profile):
        assert my_import(my_export(profile.to_document())) == profile.to_document()

    @given(compliant_profiles(as_of=date(2026, 11, 1)))
    def test_my_dashboard_shows_green(profile): ...

    @given(statistics_reports())
    def test_my_report_generator_accepts_any_year(stats): ...

Each strategy yields validated models; the ``*_documents`` variants yield the JSON-compatible
dicts (what a file holds), and ``documents(Model)`` does so for any published model.
``profiles_breaking("SPOC-A-0009")`` yields profiles that break exactly that rule, for testing
how a tool shows a finding. Compliance comes from the bundled compliant example and the rule
registry (see ``spocschema.testing._profiles``), so it follows the rules as they evolve.

Hypothesis is an optional dependency: install ``spocschema[testing]``.

Stability
---------
The names in ``__all__`` are public API under semantic versioning: their names, parameters and
the promise of what they generate (documents the schema accepts; compliant profiles with no
error or warning finding on ``as_of``; profiles breaking the chosen rule as its docstring
states) change only in a major release. *Which* examples they generate, their distribution and
how they shrink are not part of that promise and may change in any release, as the models and
rules grow. Modules whose names start with an underscore are private.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (fail here, with a useful message, not deep inside)
except ImportError as error:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "spocschema.testing needs Hypothesis, an optional dependency; "
        "install it with: pip install 'spocschema[testing]'"
    ) from error

from spocschema.testing._derive import model_documents as documents
from spocschema.testing._exchanges import (
    exchange_record_documents,
    exchange_records,
    information_request_documents,
    information_requests,
    statistics_report_documents,
    statistics_reports,
)
from spocschema.testing._profiles import (
    compliant_profile_documents,
    compliant_profiles,
    profile_documents,
    profile_documents_breaking,
    profiles,
    profiles_breaking,
)

__all__ = [
    "compliant_profile_documents",
    "compliant_profiles",
    "documents",
    "exchange_record_documents",
    "exchange_records",
    "information_request_documents",
    "information_requests",
    "profile_documents",
    "profile_documents_breaking",
    "profiles",
    "profiles_breaking",
    "statistics_report_documents",
    "statistics_reports",
]
