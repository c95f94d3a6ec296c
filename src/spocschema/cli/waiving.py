"""The waiver options of ``check``: several waiver files, the audit after the run, a baseline.

``--waivers`` may be given more than once: the files are merged (a team keeps a file per
topic or per owner), and every message names the file and entry it is about. Giving the same
file twice is refused rather than doubling every waiver. A waiver that can never match (unknown
or wrongly cased rule ID, a wildcard, a pointer with a trailing ``/`` or a key no profile has)
stops the run before any profile is read, exit 2.

After the run every waiver is audited (``spocschema.waivers.audit``) and each notice goes to
standard error, whatever the output format, and into SARIF and JSON output: unused waivers and
waivers expiring within ``--expiry-window`` days are info; placeholder text left by
``--baseline-out`` and a missing expiry that leaves an EU MUST error standing are warnings,
which fail a run with ``--fail-on warning`` or ``info``. ``--fail-on-unused-waivers`` makes an
unused waiver fail the run (exit 1).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spocschema.cli.engine import Run
    from spocschema.rules.base import Rule
    from spocschema.waivers import LoadedWaiver, WaiverNotice


def _days(text: str) -> int:
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= value <= 3660:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 3660 days")
    return value


def add_arguments(parser: argparse.ArgumentParser, iso_date: object) -> None:
    """The waiver options (``iso_date``: the date argument type of ``check``)."""
    group = parser.add_argument_group("waivers")
    group.add_argument(
        "--waivers",
        metavar="FILE",
        action="append",
        help="waiver file (YAML or JSON) of accepted findings; repeatable, files are merged",
    )
    group.add_argument(
        "--baseline-out",
        metavar="FILE",
        help="write a waiver for every current unwaived finding to FILE (gradual adoption)",
    )
    group.add_argument(
        "--baseline-expires-on",
        type=iso_date,  # type: ignore[arg-type]
        metavar="DATE",
        help="expiry of the baseline's waivers, YYYY-MM-DD (default: 90 days after --as-of)",
    )
    group.add_argument(
        "--expiry-window",
        type=_days,
        default=30,
        metavar="DAYS",
        help="report waivers that expire within DAYS days (default: 30)",
    )
    group.add_argument(
        "--fail-on-unused-waivers",
        action="store_true",
        help="fail (exit 1) when a waiver matched no finding",
    )


@dataclass
class Waiving:
    """The waivers of one run, as loaded, and what the audit found afterwards."""

    located: list[LoadedWaiver] = field(default_factory=list)
    notices: list[WaiverNotice] = field(default_factory=list)

    @property
    def entries(self) -> list[LoadedWaiver] | None:
        return list(self.located) if self.located else None


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).samefile(b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return Path(a).resolve() == Path(b).resolve()


def usage_problem(args: argparse.Namespace) -> str | None:
    """A contradiction among the waiver options and the inputs, or None."""
    files: list[str] = list(args.waivers or ())
    for index, name in enumerate(files):
        if any(_same_file(name, other) for other in files[:index]):
            return f"--waivers {name} is given twice"
    if args.baseline_out is not None:
        if any(_same_file(args.baseline_out, name) for name in files):
            return f"--baseline-out {args.baseline_out} is also a --waivers file; write elsewhere"
        if any(_same_file(args.baseline_out, name) for name in args.files):
            return f"--baseline-out {args.baseline_out} is one of the documents to check"
    if args.baseline_expires_on is not None and args.baseline_out is None:
        return "--baseline-expires-on needs --baseline-out"
    return None


def load(args: argparse.Namespace, rules: list[Rule]) -> Waiving | None:
    """Every waiver file, merged; None (after printing each problem) if any cannot be used."""
    from spocschema import schemas
    from spocschema.errors import DocumentError
    from spocschema.waivers import check_matchable, load_located

    waiving = Waiving()
    failed = False
    known = {rule.id for rule in rules}
    profile_schema = schemas.load("spoc-profile")
    for name in args.waivers or ():
        try:
            located = load_located(Path(name), name=name)
        except DocumentError as error:
            for line in error.lines():
                print(f"spocschema: waivers: {line}", file=sys.stderr)
            failed = True
            continue
        for problem in check_matchable(located, known, profile_schema):
            print(f"spocschema: waivers: {problem.format(name)}", file=sys.stderr)
            failed = True
        waiving.located.extend(located)
    return None if failed else waiving


def audit(waiving: Waiving, run: Run, args: argparse.Namespace, rules: list[Rule]) -> None:
    """Audit the waivers against every finding of the run; report and record the notices."""
    from spocschema.checker import must_rule_ids
    from spocschema.waivers import audit as audit_waivers

    if not waiving.located:
        return
    findings = [f for result in run.files if result.report for f in result.report.findings]
    waiving.notices = audit_waivers(
        waiving.located,
        findings,
        as_of=_as_of(args),
        window_days=args.expiry_window,
        must_error_rules=must_rule_ids(rules),
    )
    _print(waiving.notices)
    run.waiver_notices = [notice.to_dict() for notice in waiving.notices]
    fails_on_warnings = args.fail_on in ("warning", "info")
    run.waivers_fail = any(
        (notice.kind == "unused" and args.fail_on_unused_waivers)
        or (notice.severity == "warning" and fails_on_warnings)
        for notice in waiving.notices
    )


#: Notices of one kind printed in full on standard error; the rest are counted (JSON, SARIF
#: carry every one), so a fresh baseline of 60 waivers does not bury the run's output.
SHOWN_PER_KIND = 5


def _print(notices: list[WaiverNotice]) -> None:
    shown: dict[str, int] = {}
    for notice in notices:
        shown[notice.kind] = shown.get(notice.kind, 0) + 1
        if shown[notice.kind] <= SHOWN_PER_KIND:
            print(f"spocschema: waivers: {notice.format()}", file=sys.stderr)
    for kind, count in shown.items():
        if count > SHOWN_PER_KIND:
            more = count - SHOWN_PER_KIND
            what = kind.replace("_", " ")
            print(
                f"spocschema: waivers: ... and {more} more {what} notice"
                f"{'s' if more != 1 else ''} (all of them in --format json or sarif)",
                file=sys.stderr,
            )


def _as_of(args: argparse.Namespace) -> date:
    return date.fromisoformat(args.as_of) if args.as_of else date.today()


def write_baseline(run: Run, args: argparse.Namespace) -> bool:
    """Write ``--baseline-out``; False (after saying why) if it cannot be written."""
    from spocschema import schemas
    from spocschema.waivers import baseline, baseline_yaml, default_baseline_expiry

    expires = (
        date.fromisoformat(args.baseline_expires_on)
        if args.baseline_expires_on
        else default_baseline_expiry(_as_of(args))
    )
    reports = [result.report for result in run.files if result.report is not None]
    findings = [finding for report in reports for finding in report.findings]
    target = Path(args.baseline_out)
    document = baseline(
        findings,
        expires_on=expires,
        schema_uri=schemas.document_type("waivers").editor_schema_id,
        relative_to=str(target.resolve().parent),
    )
    notes = {}
    messages = {(f.rule_id, f.pointer): f for f in reversed(findings)}
    for index, entry in enumerate(document.waivers):
        finding = messages[(entry.rule_id, entry.pointer)]
        notes[index] = f"{finding.severity.value} [{finding.provision}] {finding.message}"
    text = baseline_yaml(document, comments=notes)
    if target.suffix.lower() == ".json":
        text = document.model_dump_json(by_alias=True, exclude_none=True, indent=2) + "\n"
    try:
        _write_atomically(target, text)
    except OSError as error:
        print(
            f"spocschema: cannot write {target}: {error.strerror or error}",
            file=sys.stderr,
        )
        return False
    count = len(document.waivers)
    print(
        f"spocschema: wrote {count} waiver{'s' if count != 1 else ''} to {target} "
        f"(expiring {expires.isoformat()}); replace each placeholder before committing",
        file=sys.stderr,
    )
    return True


def _write_atomically(target: Path, text: str) -> None:
    """Write beside the target, then rename: a failure never leaves half a file behind."""
    import tempfile

    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
