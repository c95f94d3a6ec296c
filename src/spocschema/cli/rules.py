"""List the compliance rules: ID, severity, provision and title, or everything as JSON.

Every rule from the one registry walk, under the document it checks (profiles, requests,
exchange records, statistics, sets of profiles); a rule whose test is not the wording says
what it rests on (interpretation, recommendation, consistency).

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


#: The documents rules check, with the heading they are listed under, in this order.
DOCUMENT_HEADINGS = {
    "spoc-profile": "Profiles (spocschema check)",
    "information-request": "Information requests (spocschema.rules.request_documents)",
    "exchange-record": "Exchange records (spocschema.rules.exchange_records)",
    "annual-statistics": "Annual statistics (spocschema stats check)",
    "network-report": "Sets of profiles (spocschema network)",
}


def run(args: argparse.Namespace) -> int:
    from spocschema.cli.options import write_output

    return write_output(args, lambda: _run(args), "spocschema rules")


def _run(args: argparse.Namespace) -> int:
    import json
    import sys

    from spocschema.cli import EXIT_OK
    from spocschema.report import TestBasis
    from spocschema.rules import every_rule, rules_as_json

    if args.format == "json":
        json.dump(rules_as_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    rules = every_rule()
    width = max((len(rule.id) for rule in rules), default=0)
    for document, heading in DOCUMENT_HEADINGS.items():
        chosen = [rule for rule in rules if rule.document == document]
        if not chosen:
            continue
        print(f"{heading}:")
        for rule in chosen:
            flags = (
                ""
                if rule.provision_info.verified
                else " (not yet verified against the Official Journal)"
            )
            if rule.test_basis is not TestBasis.TEXT:
                flags += f" [{rule.test_basis.value}]"
            print(
                f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.provision:<18}  "
                f"{rule.title}{flags}"
            )
        print()
    print(f"{len(rules)} rules; `spocschema explain ID` tells more about one of them")
    return EXIT_OK
