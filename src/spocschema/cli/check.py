"""Check documents for structure and for compliance with Directive (EU) 2023/977.

Each document is read, validated against the published schema, then run through every
compliance rule (or those chosen with ``--select``/``--ignore``: rule IDs, tags or provision
citations such as ``"Art 14(3)(a)(ii)"``). Obligations are judged as they stand on ``--as-of``
(default: today), so an obligation that applies from a later date is reported as upcoming.

Each document's verdict is "passed" (nothing fails and every obligation in force could be
assessed), "incomplete" (nothing fails, but the profile states too little to assess an
obligation) or "failed".

Exit codes: 0 nothing unwaived at or above --fail-on (an incomplete profile too, unless
--fail-on-incomplete); 1 a document breaks the schema or has such a finding, or is incomplete
with --fail-on-incomplete; 2 a document or the waiver file could not be read (or a usage
error).
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

from spocschema.cli.options import add_input_arguments

if TYPE_CHECKING:
    from spocschema.loading import LoadedDocument
    from spocschema.report import Report
    from spocschema.rules.base import Rule
    from spocschema.rules.packs import RulePack

HELP = "check documents for structure and compliance"


def _iso_date(text: str) -> str:
    from datetime import date

    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid calendar date") from None
    return text


def _keys(text: str) -> list[str]:
    keys = [part.strip() for part in text.split(",") if part.strip()]
    if not keys:  # ``--select ''`` would otherwise select nothing and pass
        raise argparse.ArgumentTypeError(
            f"{text!r} names no rule: give rule IDs, tags or provisions, comma-separated"
        )
    return keys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="lowest severity that makes the check fail (default: error)",
    )
    parser.add_argument(
        "--fail-on-incomplete",
        action="store_true",
        help="exit 1 also when a profile is incomplete: it states too little to assess an "
        "obligation (default: exit 0, reported as incomplete)",
    )
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="evaluation date, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--select",
        type=_keys,
        action="extend",
        metavar="KEYS",
        help="only these rules: IDs, tags or provisions, comma-separated (repeatable)",
    )
    parser.add_argument(
        "--ignore",
        type=_keys,
        action="extend",
        metavar="KEYS",
        help="skip these rules: IDs, tags or provisions, comma-separated (repeatable)",
    )
    from spocschema.cli import waiving

    waiving.add_arguments(parser, _iso_date)


def installed_rules(select: list[str] | None, ignore: list[str] | None) -> list[RulePack]:
    """The installed national rule packs, once per run, with the selection checked against them.

    A ``--select``/``--ignore`` key that names no rule is refused before any file is read: a
    typo would otherwise select nothing and pass silently. Raises ``SelectionError``, or
    ``RulePackError`` for a pack that cannot be applied.
    """
    from spocschema.checker import select_rules
    from spocschema.rules import all_rules
    from spocschema.rules.packs import apply_packs, resolve_packs

    packs = resolve_packs(True)
    rules = apply_packs(all_rules(), packs) if packs else list(all_rules())
    if not select_rules(rules, select, ignore):
        from spocschema.checker import SelectionError

        raise SelectionError("the --select/--ignore options leave no rule to run")
    return packs


def run(args: argparse.Namespace) -> int:
    import sys

    from spocschema.cli import EXIT_ERROR
    from spocschema.cli.engine import emit, locate, process, refuse_overwriting_inputs
    from spocschema.cli.inputs import expand
    from spocschema.cli.options import limits_from
    from spocschema.errors import SpocSchemaError

    try:
        packs = installed_rules(args.select, args.ignore)
    except SpocSchemaError as error:  # an unknown selector, or a rule pack that cannot apply
        print(f"spocschema check: {error}; see `spocschema rules`", file=sys.stderr)
        return EXIT_ERROR
    operands = expand(args.files)
    refused = refuse_overwriting_inputs(args.output, operands, args.waivers)
    if refused is not None:
        print(f"spocschema check: {refused}", file=sys.stderr)
        return EXIT_ERROR
    limits = limits_from(args)
    from spocschema.cli import waiving

    problem = waiving.usage_problem(args)
    if problem is not None:
        print(f"spocschema check: {problem}", file=sys.stderr)
        return EXIT_ERROR
    rules = _rules_with(packs)
    loaded = waiving.load(args, rules)
    if loaded is None:  # each problem was named on standard error
        return EXIT_ERROR
    waivers = loaded.entries

    from spocschema.checker import check

    def checker(document: LoadedDocument, profile: Any) -> Report:
        report = check(
            profile,
            as_of=args.as_of,
            select=args.select,
            ignore=args.ignore,
            fail_on=args.fail_on,
            waivers=waivers,
            rule_packs=packs,
            name=document.source,
        )
        return locate(report, document)

    try:
        result = process(
            "check",
            operands,
            limits,
            fail_level=args.fail_on,
            checker=checker,
            fail_on_incomplete=args.fail_on_incomplete,
        )
    except SpocSchemaError as error:  # e.g. a national rule pack that cannot be applied
        print(f"spocschema: {error}", file=sys.stderr)
        return EXIT_ERROR
    waiving.audit(loaded, result, args, rules)
    if args.baseline_out is not None and not waiving.write_baseline(result, args):
        emit(result, args)
        return EXIT_ERROR
    return emit(result, args)


def _rules_with(packs: list[RulePack]) -> list[Rule]:
    """Every rule this run can report (EU rules and installed packs, before any selection)."""
    from spocschema.rules import all_rules
    from spocschema.rules.packs import apply_packs

    return apply_packs(all_rules(), packs) if packs else list(all_rules())
