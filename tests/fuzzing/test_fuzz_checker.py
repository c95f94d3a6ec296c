"""Fuzz ``check`` with its options, the waiver loader and the rule-pack loader.

``check`` promises a Report or a ``DocumentError`` for a bad profile or waiver file; a malformed
or overreaching rule pack is a ``RulePackError``; an unknown selector or an unreadable option
value is a ``ValueError`` or ``KeyError`` naming it. Nothing else may come out.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from spocschema.checker import check
from spocschema.report import Report, Severity
from spocschema.rules import all_rules, make_rule, not_met
from spocschema.rules.packs import RulePack, RulePackError, resolve_packs
from spocschema.testing import compliant_profile_documents, documents
from spocschema.waivers import WaiverDocument, load_waivers

from ._harness import FUZZ, input_size, outcome
from ._inputs import JSON_VALUES, byte_mutations, mutated_texts, tree_mutations

RULE_IDS = [rule.id for rule in all_rules()]
SELECTORS = st.lists(
    st.sampled_from([*RULE_IDS, "directive", "guideline", "Art 17", "must", "should"])
    | st.text(max_size=8),
    max_size=3,
)
AS_OF = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)) | st.sampled_from(
    ["2026-11-01", "2026-02-30", "", "tomorrow", "20261101"]
)
#: What check may raise besides DocumentError, each for a documented misuse.
CHECK_ERRORS = (RulePackError, ValueError, KeyError)


def _report(result: object) -> None:
    """Whatever the input, a report passes its own schema and its summary counts its findings."""
    if isinstance(result, Report):
        Report.model_validate(result.to_document())
        unwaived = [f for f in result.findings if not f.waived]
        assert result.summary.errors == sum(f.severity is Severity.ERROR for f in unwaived)
        assert result.summary.waived == len(result.findings) - len(unwaived)


@FUZZ
@given(tree=tree_mutations(), as_of=AS_OF, select=SELECTORS, ignore=SELECTORS)
def test_check_on_damaged_profiles(
    tree: Any, as_of: date | str, select: list[str], ignore: list[str]
) -> None:
    call = lambda: check(  # noqa: E731
        tree, as_of=as_of, select=select or None, ignore=ignore or None, rule_packs=False
    )
    _report(outcome(call, input_size=input_size(tree), allowed=CHECK_ERRORS))


@FUZZ
@given(raw=mutated_texts, fail_on=st.sampled_from(["error", "warning", "info", "fatal"]))
def test_check_on_damaged_text(raw: bytes, fail_on: str) -> None:
    call = lambda: check(raw, as_of="2026-11-01", fail_on=fail_on, rule_packs=False)  # noqa: E731
    _report(outcome(call, input_size=len(raw), allowed=CHECK_ERRORS))


WAIVER_TEXTS = documents(WaiverDocument).map(lambda d: json.dumps(d).encode())


@FUZZ
@given(
    waivers=byte_mutations(WAIVER_TEXTS)
    | JSON_VALUES.map(lambda v: json.dumps(v).encode())
    | WAIVER_TEXTS
)
def test_waiver_loader(waivers: bytes) -> None:
    result = outcome(lambda: load_waivers(waivers), input_size=len(waivers))
    assert isinstance(result, list | Exception)


@FUZZ
@given(
    profile=compliant_profile_documents(as_of=date(2026, 11, 1)),
    waivers=documents(WaiverDocument) | tree_mutations().map(lambda t: {"waivers": [t]}),
    as_of=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)),
)
def test_check_with_any_waivers(profile: dict[str, Any], waivers: Any, as_of: date) -> None:
    call = lambda: check(profile, as_of=as_of, waivers=waivers, rule_packs=False)  # noqa: E731
    _report(outcome(call, input_size=input_size(waivers), allowed=CHECK_ERRORS))


def _evaluate_nothing(profile: Any, ctx: Any) -> Any:
    yield not_met("/tasks", "A fuzzed national rule always fails.")


@st.composite
def rule_packs(draw: st.DrawFn) -> RulePack:
    """Packs that may be well formed or overreach: bad IDs, existing IDs, lowered severities."""
    rules = []
    for rule_id in draw(
        st.lists(
            st.sampled_from(["PT-0001", "XX-TEST-1", "SPOC-A-0001", "bad", "PT-0001"])
            | st.from_regex(r"[A-Z]{2}-[0-9]{4}", fullmatch=True),
            max_size=3,
        )
    ):
        try:
            rules.append(
                make_rule(
                    id=rule_id,
                    provision="Art 17",
                    title="A fuzzed national rule",
                    rationale="Fuzzing.",
                    remediation="None.",
                    passing={},
                    failing={},
                    evaluate=_evaluate_nothing,
                    origin="pack",
                )
            )
        except ValueError as error:  # make_rule refuses a bad ID with a message
            assert str(error)
    overrides = draw(
        st.dictionaries(
            st.sampled_from([*RULE_IDS[:5], "PT-0001", "NOPE-1"]),
            st.sampled_from(list(Severity)),
            max_size=3,
        )
    )
    return RulePack(
        name=draw(st.text(max_size=8)), rules=tuple(rules), severity_overrides=overrides
    )


@FUZZ
@given(
    document=compliant_profile_documents(as_of=date(2026, 11, 1)),
    packs=st.lists(rule_packs(), max_size=3),
    names=st.lists(st.text(max_size=6), max_size=2),
)
def test_rule_pack_loader(
    document: dict[str, Any], packs: list[RulePack], names: list[str]
) -> None:
    call = lambda: check(document, as_of="2026-11-01", rule_packs=[*packs, *names])  # noqa: E731
    _report(outcome(call, allowed=(RulePackError,)))


class _FakeEntryPoint:
    def __init__(self, name: str, loaded: object, fails: bool) -> None:
        self.name, self._loaded, self._fails = name, loaded, fails

    def load(self) -> object:
        if self._fails:
            raise ImportError(f"module of {self.name} is broken")
        return self._loaded


@FUZZ
@given(
    points=st.lists(
        st.tuples(
            st.text(max_size=6),
            st.sampled_from([None, 42, "text", RulePack(name="ok")]) | rule_packs(),
            st.booleans(),
        ),
        max_size=3,
    )
)
def test_installed_pack_discovery(points: list[tuple[str, object, bool]]) -> None:
    """Whatever a distribution registers under the entry-point group: a pack or a RulePackError."""
    fakes = [_FakeEntryPoint(*point) for point in points]
    with mock.patch("importlib.metadata.entry_points", return_value=fakes):
        result = outcome(lambda: resolve_packs(True), allowed=(RulePackError,))
    assert isinstance(result, list | RulePackError)
