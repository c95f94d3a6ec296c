"""AwareDateTime: the model and its JSON Schema (pattern + format) agree on every string."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import regress
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError as ValidationError_
from pydantic import TypeAdapter, ValidationError

from spocschema.types import AwareDateTime

ADAPTER = TypeAdapter(AwareDateTime)


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    # JSON Schema patterns are ECMA-262 regular expressions. Python's ``re`` lets ``$`` match
    # before a final newline, ECMA's does not; regress implements ECMA's semantics.
    if isinstance(instance, str) and regress.Regex(pattern).find(instance) is None:
        yield ValidationError_(f"{instance!r} does not match {pattern!r}")


EcmaValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})
SCHEMA_VALIDATOR = EcmaValidator(
    ADAPTER.json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)


def model_accepts(value: object) -> bool:
    try:
        ADAPTER.validate_python(value)
    except ValidationError:
        return False
    return True


def two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


date_times = st.builds(
    lambda y, mo, d, sep, h, mi, s, frac, off: f"{y}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{off}",
    st.sampled_from(["0000", "1899", "1900", "2024", "2023", "2100", "2999", "3000", "24"]),
    two(0, 13),
    two(0, 32),
    st.sampled_from(["T", "t", " ", "_", ""]),
    two(0, 24),
    two(0, 60),
    two(0, 61),
    st.sampled_from(["", ".", ".5", ".123456", ".1234567", ".12345678901"]),
    st.sampled_from(["Z", "z", "", "+01:00", "-03:30", "+24:00", "+23:59", "-00:00", "+0100"]),
)


@settings(max_examples=400, deadline=None)
@given(date_times)
def test_model_and_schema_agree(text: str) -> None:
    schema_accepts = SCHEMA_VALIDATOR.is_valid(text)
    assert model_accepts(text) == schema_accepts, text


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01T09:30:00+01:00",
        "2024-03-01t09:30:00z",
        "2024-02-29T23:59:59.999999-23:59",
        "2024-03-31T01:30:00-00:00",
    ],
)
def test_valid_examples_round_trip(text: str) -> None:
    value = ADAPTER.validate_python(text)
    assert value.utcoffset() is not None
    dumped = ADAPTER.dump_python(value, mode="json")
    assert SCHEMA_VALIDATOR.is_valid(dumped)
    assert ADAPTER.validate_python(dumped) == value


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01T09:30:00",  # no offset
        "2024-02-30T09:30:00Z",  # no such day
        "2023-02-29T09:30:00Z",  # not a leap year
        "2016-12-31T23:59:60Z",  # leap second: no Python datetime can hold it
        "2024-03-01 09:30:00Z",  # space separator
        "2024-03-01T09:30:00.1234567Z",  # beyond microseconds
        "2024-03-01T09:30:00Z\n",
    ],
)
def test_invalid_examples(text: str) -> None:
    assert not model_accepts(text)
    assert not SCHEMA_VALIDATOR.is_valid(text)


def test_naive_datetime_refused_with_a_clear_message() -> None:
    with pytest.raises(ValidationError, match="without a UTC offset"):
        ADAPTER.validate_python(datetime(2024, 3, 1, 9, 30))


def test_aware_datetime_objects_accepted() -> None:
    lisbon = datetime(2024, 3, 1, 9, 30, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert ADAPTER.validate_python(lisbon) == lisbon
    odd_offset = datetime(2024, 3, 1, tzinfo=timezone(timedelta(seconds=30)))
    assert not model_accepts(odd_offset)
