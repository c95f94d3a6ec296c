"""SARIF 2.1.0, the format GitHub code scanning and other analysis platforms ingest.

One run, one tool driver whose ``rules`` describe every rule reported (metadata from the rule
registry: title, rationale, remediation and the structured legal basis under
``properties.legal_basis``), and one result per problem or finding. Each result has a physical
location (file relative to the checkout, start line and column) and the JSON Pointer as a
logical location, so both people and tools can find the value. Waived findings are kept, with an
external suppression carrying the waiver's justification, owner and expiry, as SARIF intends
(``rejected`` for a waiver that matched but expired or was refused); notices about the waivers
themselves (unused, expiring, placeholders) are tool execution notifications.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from spocschema._version import __version__
from spocschema.cli.reporters.common import INFORMATION_URI, Item, items, relative_uri
from spocschema.cli.wording import plural

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import Run
    from spocschema.cli.rulebook import RuleInfo

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    citations = ", ".join(str(ref.get("citation", "")) for ref in rule.legal_basis)
    help_text = rule.remediation or rule.rationale
    markdown = f"**{rule.title}**\n\n{rule.rationale}"
    if citations:
        markdown += f"\n\nLegal basis: {citations}"
    if rule.remediation:
        markdown += f"\n\nHow to fix: {rule.remediation}"
    properties: dict[str, Any] = {"tags": ["spoc", "compliance"] if rule.provision else ["spoc"]}
    if rule.provision:
        properties["provision"] = rule.provision
    if rule.legal_basis:
        properties["legal_basis"] = list(rule.legal_basis)
    if rule.test_basis:  # the registry's metadata: text, interpretation, recommendation, ...
        properties["test_basis"] = rule.test_basis
        properties["verification"] = rule.verification
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.replace("-", " ").split()),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale or rule.title},
        "help": {"text": help_text or rule.title, "markdown": markdown},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": _LEVELS.get(rule.severity, "warning")},
        "properties": properties,
    }


#: Name of the fingerprint in ``partialFingerprints`` (versioned, as SARIF recommends).
FINGERPRINT = "spocschemaFinding/v1"


def fingerprint(item: Item) -> str:
    """What identifies a finding across commits: rule, JSON Pointer and file path.

    Line numbers move whenever a line is added above; the pointer names the value itself, so
    code scanning keeps one alert per finding however the file is edited around it.
    """
    import hashlib

    key = "\x00".join((item.rule_id, item.pointer, relative_uri(item.file)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _result(item: Item, rule_index: int, artifact_index: int) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": item.line or 1}
    if item.column is not None:
        region["startColumn"] = item.column
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": _artifact_location(item.file, artifact_index),
            "region": region,
        }
    }
    if item.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": item.pointer, "kind": "member"}]
    message = item.message + (f" (at {item.pointer})" if item.pointer else "")
    result: dict[str, Any] = {
        "ruleId": item.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVELS[item.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint(item)},
        "properties": {"pointer": item.pointer, "kind": item.kind},
    }
    if item.provision:
        result["properties"]["provision"] = item.provision
    suppression = _suppression(item)
    if suppression is not None:
        result["suppressions"] = [suppression]
    return result


def _suppression(item: Item) -> dict[str, Any] | None:
    """The waiver as an external suppression: ``accepted`` if it waives, else ``rejected``.

    An expired waiver, or one refused because an EU MUST error needs an expiry date, still
    matched the result; SARIF records that as a rejected suppression, so the result counts.
    """
    if item.waiver_state is None:
        return None
    properties: dict[str, Any] = {"waiver_state": item.waiver_state}
    if item.waiver_expires_on:
        properties["expires_on"] = item.waiver_expires_on
    if item.waiver_owner:
        properties["owner"] = item.waiver_owner
    return {
        "kind": "external",
        "status": "accepted" if item.waived else "rejected",
        "justification": item.waiver_justification or "waived",
        "properties": properties,
    }


def _notifications(run: Run) -> list[dict[str, Any]]:
    """Waiver notices (unused, expiring, placeholders) as tool execution notifications."""
    notifications = []
    for notice in run.waiver_notices:
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": relative_uri(str(notice["file"]))},
                "region": {"startLine": notice["line"] or 1},
            },
            "logicalLocations": [{"fullyQualifiedName": notice["pointer"], "kind": "member"}],
        }
        notifications.append(
            {
                "descriptor": {"id": f"waiver-{notice['kind'].replace('_', '-')}"},
                "level": _LEVELS[str(notice["severity"])],
                "message": {"text": f"waiver for {notice['rule_id']}: {notice['message']}"},
                "locations": [location],
            }
        )
    return notifications


def _artifact_location(name: str, index: int | None = None) -> dict[str, Any]:
    """A file as SARIF names it; only a relative reference is resolved against %SRCROOT%."""
    uri = relative_uri(name)
    location: dict[str, Any] = {"uri": uri}
    if ":" not in uri.split("/", 1)[0]:
        location["uriBaseId"] = "%SRCROOT%"
    if index is not None:
        location["index"] = index
    return location


def _invocation(run: Run) -> dict[str, Any]:
    """Exit code and verdict; an incomplete profile gets a notification saying it is no pass."""
    invocation: dict[str, Any] = {
        "executionSuccessful": run.exit_code != 2,
        "exitCode": run.exit_code,
        "properties": {"verdict": run.verdict},
    }
    notes = [
        {
            "level": "warning",
            "descriptor": {"id": "incomplete"},
            "message": {
                "text": f"{result.file}: incomplete, not passed: "
                f"{plural(result.not_assessable_obligations(), 'obligation')} cannot be "
                "assessed from what the profile states"
            },
            "locations": [
                {"physicalLocation": {"artifactLocation": _artifact_location(result.file)}}
            ],
        }
        for result in run.files
        if result.status(run.fail_level) == "incomplete"
    ]
    if run.waiver_notices:
        notes = [*_notifications(run), *notes]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _head(run: Run) -> tuple[dict[str, Any], dict[str, int], dict[str, int]]:
    """The log without its results, with the rule and artifact indexes results refer to.

    Rule metadata is written once per run, in ``tool.driver.rules``; each result refers to its
    rule by ``ruleIndex``, never repeats it.
    """
    from pathlib import Path

    from spocschema.cli.rulebook import describe

    seen: dict[str, None] = {}
    for result in run.files:
        for item in items(result):
            seen.setdefault(item.rule_id)
    rules = describe(list(seen), run)
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    files = list(dict.fromkeys(result.file for result in run.files))
    artifact_index = {name: index for index, name in enumerate(files)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "spocschema",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "artifacts": [{"location": _artifact_location(name)} for name in files],
                "invocations": [_invocation(run)],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return log, rule_index, artifact_index


def _results(
    run: Run, rule_index: dict[str, int], artifact_index: dict[str, int]
) -> Iterator[dict[str, Any]]:
    for result in run.files:
        for item in items(result):
            yield _result(item, rule_index[item.rule_id], artifact_index.get(item.file, 0))


def document(run: Run) -> dict[str, Any]:
    """The run as a SARIF log."""
    log, rule_index, artifact_index = _head(run)
    log["runs"][0]["results"] = list(_results(run, rule_index, artifact_index))
    return log


def chunks(run: Run, settings: Settings) -> Iterator[str]:
    """The log as text, one result per line, encoded as it is produced (see json_report)."""
    log, rule_index, artifact_index = _head(run)
    head = json.dumps(log, ensure_ascii=False)
    yield head[: -len("}]}")] + ',\n"results": ['
    for index, result in enumerate(_results(run, rule_index, artifact_index)):
        yield ("\n" if index == 0 else ",\n") + json.dumps(result, ensure_ascii=False)
    yield "\n]}]}\n"


def render(run: Run, settings: Settings) -> str:
    return "".join(chunks(run, settings))
