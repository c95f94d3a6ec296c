"""National rule packs: rules a Member State adds on top of the EU minimum, as plugins.

A pack is a ``RulePack`` published under the entry-point group ``spocschema.rule_packs`` by any
installed distribution::

    [project.entry-points."spocschema.rule_packs"]
    pt = "spocschema_pt.pack:PACK"

The entry point names a ``RulePack`` (or a function without arguments returning one). A pack
may add rules (IDs not starting with ``SPOC-``, e.g. ``PT-0001``), national provisions for them
to cite, and raise the severity of existing rules. It may not remove, replace or weaken any
rule: an EU MUST rule stays an error whatever the pack says. ``RulePackError`` is raised when a
pack tries; the checker never silently applies half a pack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spocschema.errors import SpocSchemaError
from spocschema.report import Severity
from spocschema.rules.base import PACK_RULE_ID, Rule

#: The entry-point group national packs register under.
ENTRY_POINT_GROUP = "spocschema.rule_packs"


class RulePackError(SpocSchemaError):
    """A rule pack is malformed or tries to remove, replace or weaken a rule."""


@dataclass(frozen=True)
class RulePack:
    """Rules and severity increases contributed by a national team."""

    name: str
    rules: tuple[Rule, ...] = ()
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    description: str = ""


def _as_pack(obj: object, origin: str) -> RulePack:
    if callable(obj) and not isinstance(obj, RulePack):
        obj = obj()
    if not isinstance(obj, RulePack):
        raise RulePackError(f"{origin}: entry point does not provide a RulePack")
    return obj


def installed_packs() -> list[RulePack]:
    """Every pack registered under the entry-point group, sorted by name."""
    # Imported here: importlib.metadata (with the email package it needs) is a noticeable part
    # of a cold start, and commands that never look for packs should not pay for it.
    from importlib.metadata import entry_points

    packs = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded: object = point.load()
        except Exception as error:  # a broken plugin must name itself, not crash obscurely
            raise RulePackError(f"rule pack {point.name!r} could not be loaded: {error}") from None
        packs.append(_as_pack(loaded, f"rule pack {point.name!r}"))
    return sorted(packs, key=lambda p: p.name)


def resolve_packs(selection: bool | Sequence[str | RulePack] | None) -> list[RulePack]:
    """The packs a check uses: all installed (True), none (False/None), or those listed."""
    if selection is None or selection is False:
        return []
    if selection is True:
        return installed_packs()
    chosen: list[RulePack] = []
    installed: dict[str, RulePack] | None = None
    for item in selection:
        if isinstance(item, RulePack):
            chosen.append(item)
            continue
        if installed is None:
            installed = {p.name: p for p in installed_packs()}
        if item not in installed:
            known = ", ".join(sorted(installed)) or "none installed"
            raise RulePackError(f"unknown rule pack {item!r} (known: {known})")
        chosen.append(installed[item])
    return chosen


def _check_name(pack: RulePack) -> None:
    # The name goes into every report (``rule_packs``), whose schema makes it a Text.
    from pydantic import TypeAdapter, ValidationError

    from spocschema.types import Text

    try:
        TypeAdapter(Text).validate_python(pack.name)
    except ValidationError:
        raise RulePackError(
            f"rule pack name {pack.name[:40]!r} must be 1 to 300 characters and not blank"
        ) from None


def apply_packs(base: Iterable[Rule], packs: Sequence[RulePack]) -> list[Rule]:
    """The rules after applying the packs, or ``RulePackError`` if a pack overreaches.

    Enforced: a pack has a name a report can carry; pack rule IDs are new and follow the pack
    scheme; overrides only name existing rules and never lower a severity. There is no way to
    remove a rule.
    """
    rules: dict[str, Rule] = {rule.id: rule for rule in base}
    for pack in packs:
        _check_name(pack)
        for rule in pack.rules:
            if not PACK_RULE_ID.fullmatch(rule.id):
                raise RulePackError(
                    f"rule pack {pack.name!r}: rule ID {rule.id!r} must not start with SPOC- "
                    "and must look like PT-0001"
                )
            if rule.id in rules:
                raise RulePackError(
                    f"rule pack {pack.name!r}: rule {rule.id!r} already exists; a pack cannot "
                    "replace a rule"
                )
            rules[rule.id] = rule
        for rule_id, wanted in sorted(pack.severity_overrides.items()):
            severity = Severity(wanted)
            if rule_id not in rules:
                raise RulePackError(f"rule pack {pack.name!r}: no rule {rule_id!r} to override")
            current = rules[rule_id]
            if severity.rank < current.severity.rank:
                raise RulePackError(
                    f"rule pack {pack.name!r}: cannot lower {rule_id} from "
                    f"{current.severity.value} to {severity.value}; packs may only raise "
                    "severities"
                )
            rules[rule_id] = current.with_severity(severity)
    return list(rules.values())
