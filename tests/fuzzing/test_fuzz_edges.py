"""Fuzz at the edges: documents sized at each limit, dates and durations at the ends of their
types, hostile text in every field (issue 13).

The other fuzz tests start from small, well-shaped documents; none of them came near a limit, a
year-9999 date or a terminal escape, which is where the hostile-input campaign found its
breaks. Each property here is exact where it can be: a document one value under the limit
loads and one over is refused, whichever syntax and shape; the fast path agrees with the slow
one at the boundary.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from spocschema import ArgumentError, DocumentError, load_profile
from spocschema.checker import check
from spocschema.diff import diff_profiles
from spocschema.html import render_report
from spocschema.loading import Limits, load_document
from spocschema.models.profile import SpocProfile
from spocschema.report import Report

from ._harness import FUZZ, input_size, outcome
from ._inputs import EDGE_DATES, deep_documents, dump, edge_documents, sized_documents

#: Small limits keep each example fast; the code paths are the ones the defaults take.
VALUE_LIMIT = 400
DEPTH_LIMIT = 12
SYNTAX = st.sampled_from(["json", "yaml"])


@FUZZ
@given(sized=sized_documents(VALUE_LIMIT), syntax=SYNTAX, flow=st.booleans())
def test_values_at_the_limit(sized: tuple[Any, int], syntax: str, flow: bool) -> None:
    """Loaded exactly when the document holds no more values than the limit, in both syntaxes,
    whether the bulk is written in flow style (one line) or block style."""
    tree, values = sized
    text = json.dumps(tree) if syntax == "json" or flow else dump(tree, "yaml")
    limits = Limits(max_values=VALUE_LIMIT)
    result = outcome(
        lambda: load_document(text, format=syntax, limits=limits),  # type: ignore[arg-type]
        input_size=len(text),
    )
    if values <= VALUE_LIMIT:
        assert not isinstance(result, DocumentError), result
    else:
        assert isinstance(result, DocumentError)
        (problem,) = result.problems
        assert problem.message == f"more than {VALUE_LIMIT} values" and problem.kind == "limit"


@FUZZ
@given(sized=sized_documents(VALUE_LIMIT))
def test_fast_path_agrees_at_the_value_limit(sized: tuple[Any, int]) -> None:
    """``load_profile`` of JSON bytes (the fast path first) reaches the located path's verdict."""
    tree, values = sized
    raw = json.dumps(tree).encode()
    limits = Limits(max_values=VALUE_LIMIT)
    fast = outcome(lambda: load_profile(raw, limits=limits), input_size=len(raw))
    slow = outcome(lambda: load_profile(tree, limits=limits), input_size=len(raw))
    assert isinstance(fast, DocumentError) == isinstance(slow, DocumentError) == (
        values > VALUE_LIMIT
    ) or not isinstance(slow, SpocProfile)  # a generated profile may break the schema too
    if isinstance(fast, SpocProfile) and isinstance(slow, SpocProfile):
        assert fast == slow


@FUZZ
@given(deep=deep_documents(DEPTH_LIMIT), syntax=SYNTAX)
def test_depth_at_the_limit(deep: tuple[Any, int], syntax: str) -> None:
    tree, depth = deep
    text = json.dumps(tree) if syntax == "json" else dump(tree, "yaml")
    limits = Limits(max_depth=DEPTH_LIMIT)
    result = outcome(
        lambda: load_document(text, format=syntax, limits=limits),  # type: ignore[arg-type]
        input_size=len(text),
    )
    if depth <= DEPTH_LIMIT:
        assert not isinstance(result, DocumentError), result
    else:
        assert isinstance(result, DocumentError)
        assert "nesting deeper" in result.problems[0].message
        assert "alias" not in result.problems[0].message  # there is none


@FUZZ
@given(tree=edge_documents(), as_of=EDGE_DATES)
def test_edge_values_are_checked_rendered_and_compared(tree: Any, as_of: str) -> None:
    """Dates at the ends of the calendar, the longest durations and hostile text: a profile
    that loads is checked, rendered as HTML and compared with itself without a crash."""
    profile = outcome(lambda: load_profile(tree), input_size=input_size(tree))
    if not isinstance(profile, SpocProfile):
        return
    report = outcome(lambda: check(profile, as_of=as_of, rule_packs=False))
    assert isinstance(report, Report), report
    Report.model_validate(report.to_document())
    assert "<html" in render_report(report).lower()
    json.dumps(profile.to_document())  # what loaded can be written out
    assert diff_profiles(profile, profile).summary.changes == 0


@FUZZ
@given(
    as_of=EDGE_DATES
    | st.datetimes(timezones=st.none() | st.just(timezone.utc))
    | st.text(max_size=12)
    | st.integers()
    | st.none()
)
def test_as_of_is_a_date_a_date_string_or_a_clear_error(as_of: Any) -> None:
    from pathlib import Path

    compliant = Path(__file__).resolve().parents[2] / "examples" / "compliant-profile.json"
    result = outcome(lambda: check(compliant, as_of=as_of), allowed=(ArgumentError,))
    if isinstance(as_of, datetime) or not isinstance(as_of, date | str | None):
        assert isinstance(result, ArgumentError)
    elif isinstance(result, ArgumentError):
        assert isinstance(as_of, str)
        assert repr(as_of[:40]) in str(result)  # what it got, escaped
    else:
        assert isinstance(result, Report)
