"""Coverage-guided fuzzing (atheris/libFuzzer) of every document input path, run on demand.

Hypothesis explores the input space by structure; libFuzzer explores it by coverage: it keeps
inputs that reach new branches of the loader, the YAML and JSON parsers and the validators,
and mutates those. The first byte of each input picks the entry point, so one corpus serves
all of them:

    0 ``load_profile`` on bytes      1 ``load_document`` as YAML    2 ``load_document`` as JSON
    3 ``check`` on bytes             4 waiver loader                5 record/statistics/request
    6 the JSON fast path against the slow, located path

The property is the project's: a result, or ``DocumentError`` with problems that all have a
message. Entry 6 adds one: the fast path (pydantic's JSON parser and the census) and the slow path
reach the same verdict and the same model, so a duplicate key or a NaN the census wrongly
vouched for shows up as a disagreement. Anything else is a crash libFuzzer saves to
``crash-*`` for reproduction.

    pip install atheris
    python fuzz/atheris_documents.py -max_total_time=300 -timeout=10 -rss_limit_mb=2048 \
        fuzz/corpus-work examples
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

with atheris.instrument_imports(include=["spocschema", "yaml", "json_source_map"]):
    from spocschema.checker import check
    from spocschema.errors import DocumentError
    from spocschema.loading import load_document
    from spocschema.models.profile import SpocProfile
    from spocschema.models.request import InformationRequest
    from spocschema.models.statistics import AnnualStatistics, ExchangeRecord
    from spocschema.validation import load, load_profile, validate_document
    from spocschema.waivers import load_waivers

_OTHER_MODELS = (ExchangeRecord, AnnualStatistics, InformationRequest)


def _verdict(run: object, data: bytes) -> object:
    try:
        return run(data)  # type: ignore[operator]
    except DocumentError:
        return DocumentError


def _fast_and_slow_agree(data: bytes) -> object:
    fast = _verdict(lambda raw: load_profile(raw, format="json"), data)
    slow = _verdict(
        lambda raw: validate_document(load_document(raw, format="json"), SpocProfile), data
    )
    if fast != slow:
        raise AssertionError(f"fast path {fast!r} but slow path {slow!r} for {data!r}")
    return fast


def _entry(selector: int, data: bytes) -> object:
    choice = selector % 7
    if choice == 6:
        return _fast_and_slow_agree(data)
    if choice == 0:
        return load_profile(data)
    if choice == 1:
        return load_document(data, format="yaml")
    if choice == 2:
        return load_document(data, format="json")
    if choice == 3:
        return check(data, as_of="2026-11-01", rule_packs=False)
    if choice == 4:
        return load_waivers(data)
    return load(data, _OTHER_MODELS[selector % len(_OTHER_MODELS)])


def test_one_input(raw: bytes) -> None:
    if not raw:
        return
    try:
        _entry(raw[0], raw[1:])
    except DocumentError as error:
        if not error.problems or not all(p.message.strip() for p in error.problems):
            raise AssertionError(f"DocumentError without a usable message: {error!r}") from None


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
