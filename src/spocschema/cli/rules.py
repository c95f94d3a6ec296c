"""List the compliance rules: ID, severity, provision and title, or everything as JSON.

Profile rules first, then the rules of information requests and of annual statistics, each
under the document it checks.

``--format json`` prints the machine-readable rule list: each rule's metadata with its
structured legal basis (instrument, CELEX, ELI, article, paragraph, point, citation, whether it
is verified), the provisions catalogue and the coverage table from provision to rules.
"""

from __future__ import annotations

import argparse

HELP = "list the compliance rules (text, or JSON with the structured legal basis)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from spocschema.cli.options import add_format_argument, add_output_argument

    add_format_argument(parser)
    add_output_argument(parser)


def run(args: argparse.Namespace) -> int:
    from spocschema.cli.options import write_output

    return write_output(args, lambda: _run(args), "spocschema rules")


def _run(args: argparse.Namespace) -> int:
    import json
    import sys

    from spocschema.cli import EXIT_OK
    from spocschema.rules import all_rules, rules_as_json

    if args.format == "json":
        json.dump(rules_as_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    from spocschema.exchange_rules import exchange_rules

    rules = all_rules()
    others = exchange_rules()
    width = max((len(rule_id) for rule_id in [*(r.id for r in rules), *others]), default=0)

    def line(rule_id: str, severity: str, provision: str, title: str, verified: bool) -> None:
        flags = "" if verified else " (not yet verified against the Official Journal)"
        print(f"{rule_id:<{width}}  {severity:<7}  {provision:<18}  {title}{flags}")

    print("Profiles (spocschema check):")
    for rule in rules:
        line(rule.id, rule.severity.value, rule.provision, rule.title, not rule.awaits_verification)
    for heading, document in (
        ("Information requests (spocschema.check_request)", "information-request"),
        ("Annual statistics (spocschema stats check)", "annual-statistics"),
    ):
        print(f"\n{heading}:")
        for rule_id, (kind, other) in others.items():
            if kind == document:
                info = other.provision_info
                line(rule_id, other.severity.value, other.provision, other.title, info.verified)
    print(
        f"\n{len(rules) + len(others)} rules; `spocschema explain ID` tells more about one of them"
    )
    return EXIT_OK
