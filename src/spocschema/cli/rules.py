"""List the compliance rules: ID, severity, provision and title, or everything as JSON.

``--format json`` prints the machine-readable rule list: each rule's metadata with its
structured legal basis (instrument, CELEX, ELI, article, paragraph, point, citation, whether it
is verified), the provisions catalogue and the coverage table from provision to rules.
"""

from __future__ import annotations

import argparse

HELP = "list the compliance rules (text, or JSON with the structured legal basis)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", "-f", choices=("text", "json"), default="text", help="output format"
    )


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from spocschema.cli import EXIT_OK
    from spocschema.rules import all_rules, rules_as_json

    if args.format == "json":
        json.dump(rules_as_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    rules = all_rules()
    width = max((len(rule.id) for rule in rules), default=0)
    for rule in rules:
        flags = " (awaits verification)" if rule.awaits_verification else ""
        print(
            f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.provision:<18}  "
            f"{rule.title}{flags}"
        )
    print(f"{len(rules)} rules; `spocschema explain ID` tells more about one of them")
    return EXIT_OK
