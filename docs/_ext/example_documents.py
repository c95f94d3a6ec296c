"""Example documents for the schema reference: bundled files first, then library output.

Every example the reference shows is a real document, valid against its schema: the bundled
examples (``examples/``), the documentation-only examples (``docs/_examples/``: a partner
profile, a waiver file, a request, a CMS export), and, for the documents only the library
produces (check reports, statistics, network reports and directories, profile diffs), what
the library makes of those examples when the site is built.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

#: Where example files live, in the order they are searched.
EXAMPLE_DIRS = ("examples", "docs/_examples")
#: The fictional CMS export is the compliant example SPOC's, for this year.
STATISTICS_YEAR = 2026
#: The profile revisions compared in the profile-diff example.
DIFF_OLD = "examples/compliant-profile.json"
DIFF_NEW = "examples/noncompliant-no-english.json"


def _files(root: Path) -> Iterator[Path]:
    for directory in EXAMPLE_DIRS:
        yield from sorted((root / directory).glob("*"))


def _documents_in(path: Path) -> Iterator[tuple[str, Any]]:
    """The documents of one example file, with a label naming where each comes from."""
    from spocschema.errors import DocumentError
    from spocschema.loading import load_document

    if path.suffix == ".jsonl":
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                yield f"{path.name}, line {number}", json.loads(line)
    elif path.suffix in {".json", ".yaml", ".yml"}:
        try:
            yield path.name, load_document(path).data
        except DocumentError:
            return


def example_files(root: Path, name: str) -> list[tuple[Path, str, Any]]:
    """``(file, label, document)`` for every example document valid against a schema."""
    from spocschema.schemas import validator_for

    validator = validator_for(name)
    return [
        (path, label, data)
        for path in _files(root)
        for label, data in _documents_in(path)
        if validator.is_valid(data)
    ]


def _evaluation_date() -> date:
    from spocschema.rules.cases import DEFAULT_AS_OF

    return date.fromisoformat(DEFAULT_AS_OF)


def _reports(root: Path) -> list[tuple[str, Any]]:
    """Reports on the non-compliant profiles, with the example waivers applied."""
    from spocschema.checker import check
    from spocschema.waivers import load_waivers

    waivers = [
        entry for path, _, _ in example_files(root, "waivers") for entry in load_waivers(path)
    ]
    examples = []
    for path in sorted((root / "examples").glob("noncompliant-*.json")):
        report = check(path, as_of=_evaluation_date(), waivers=waivers, rule_packs=False)
        examples.append((f"spocschema check {path.relative_to(root).as_posix()}", report))
    return [(label, report.to_document()) for label, report in examples]


#: The day the example statistics were sent to the Commission (before the 1 March deadline).
STATISTICS_SUBMITTED_ON = date(2027, 2, 26)


def _statistics(root: Path) -> list[tuple[str, Any]]:
    from spocschema.loading import load_document
    from spocschema.models.statistics import ExchangeRecord
    from spocschema.statistics import aggregate

    state = load_document(root / "examples" / "compliant-profile.json").data["state"]["country"]
    records = [
        ExchangeRecord.model_validate(data) for _, _, data in example_files(root, "exchange-record")
    ]
    statistics = aggregate(records, reporting_state=state, year=STATISTICS_YEAR)
    submitted = statistics.model_copy(update={"submitted_on": STATISTICS_SUBMITTED_ON})
    from spocschema.schemas import document_type

    # as a team would keep it: with the $schema link editors and `spocschema validate` use
    document = {"$schema": document_type("annual-statistics").schema_id, **submitted.to_document()}
    return [("the statistics of the example CMS export, as submitted", document)]


def _network(root: Path) -> tuple[Any, Any]:
    """The network of the bundled examples, plus one file that cannot be read.

    The unreadable file shows how a network report names what it could not check; it is
    written to a temporary folder, never into the checkout.
    """
    import shutil
    import tempfile

    from spocschema.network import build_directory, check_network

    with tempfile.TemporaryDirectory() as folder:
        examples = Path(folder) / "examples"
        shutil.copytree(root / "examples", examples)
        broken = examples / "truncated-profile.json"
        broken.write_text('{"schema_version": "1.0",\n  "state": ', encoding="utf-8")
        report = check_network(examples, as_of=_evaluation_date())
    report = report.model_copy(update={"source": "examples"})  # not the temporary folder
    return report, build_directory(report)


def _diff(root: Path) -> list[tuple[str, Any]]:
    from spocschema import load_profile
    from spocschema.diff import diff_profiles

    diff = diff_profiles(
        load_profile(root / DIFF_OLD),
        load_profile(root / DIFF_NEW),
        old_label=DIFF_OLD,
        new_label=DIFF_NEW,
    )
    return [(f"spocschema diff {DIFF_OLD} {DIFF_NEW}", diff.to_document())]


def generated(root: Path, name: str) -> list[tuple[str, Any]]:
    """Documents the library produces from the examples, for the types it alone produces."""
    if name == "report":
        return _reports(root)
    if name == "annual-statistics":
        return _statistics(root)
    if name == "network-report":
        return [("spocschema network examples/", _network(root)[0].to_document())]
    if name == "network-directory":
        return [("the directory of examples/", _network(root)[1].to_document())]
    if name == "profile-diff":
        return _diff(root)
    return []


def documents(root: Path, name: str) -> list[tuple[str, Any]]:
    """Every example of a document type, labelled: files first, then library output."""
    found = [(label, data) for _, label, data in example_files(root, name)]
    return found + generated(root, name)


def all_documents(root: Path) -> dict[str, list[tuple[str, Any]]]:
    """The examples of every published document type."""
    from spocschema.schemas import DOCUMENT_TYPES

    return {name: documents(root, name) for name in DOCUMENT_TYPES}


def related(everything: dict[str, list[tuple[str, Any]]], name: str) -> list[tuple[str, Any]]:
    """The examples of every other type, where embedded parts find theirs."""
    return [item for other, items in everything.items() if other != name for item in items]
