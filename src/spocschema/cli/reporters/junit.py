"""JUnit XML (the Apache Ant schema), which GitLab, Jenkins and Azure show as test results.

One ``testsuite`` per document. Its test cases are the checks made on it: ``input`` (the file
could be read; an ``error`` if not), ``structure`` (it follows the schema; a ``failure`` listing
every problem if not) and, for ``check``, one per provision of the report, failing when a
finding at or above the fail level is not waived, ``skipped`` when the provision does not apply
or when its findings are waived (the message gives the justification, owner and expiry),
or when it is an obligation the profile states too little to assess (so an incomplete profile
never shows as all green; the suite's ``verdict`` property says ``incomplete``).
Each failure's text lists ``file:line:column`` and the JSON Pointer of every finding.
"""

from __future__ import annotations

import re
import socket
from datetime import datetime
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from spocschema.cli.reporters.common import Item, is_failing, items
from spocschema.cli.wording import plural

if TYPE_CHECKING:
    from spocschema.cli.reporters.common import Settings
    from spocschema.cli.results import FileResult, Run


#: Characters XML 1.0 cannot carry, even escaped; a file name or key could contain them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in element.attrib.items():
            element.set(key, _NOT_XML.sub("\ufffd", value))


def _case(suite: ET.Element, name: str, classname: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", name=name, classname=classname, time="0")


def _describe(found: list[Item]) -> str:
    lines = []
    for item in found:
        at = f" (at {item.pointer})" if item.pointer else ""
        waived = f" [waived: {item.waiver_details()}]" if item.waived else ""
        lines.append(
            f"{item.location()}: {item.severity} {item.rule_id}: {item.message}{at}{waived}"
        )
    return "\n".join(lines)


def _suite_cases(suite: ET.Element, result: FileResult, fail_level: str) -> tuple[int, int, int]:
    """Add the test cases of one document; returns (failures, errors, skipped)."""
    classname = result.file
    found = items(result)
    input_case = _case(suite, "input", classname)
    if result.stage == "input":
        error = ET.SubElement(input_case, "error", type="input", message=found[0].message)
        error.text = _describe(found)
        return 0, 1, 0
    structure = _case(suite, "structure", classname)
    if result.stage == "structure":
        failure = ET.SubElement(
            structure,
            "failure",
            type="structure",
            message=f"{plural(len(found), 'schema problem')}; first: {found[0].message}",
        )
        failure.text = _describe(found)
        return 1, 0, 0
    failures = skipped = 0
    report = result.report
    if report is None:
        return 0, 0, 0
    findings = [item for item in found if item.kind == "finding"]
    covered: set[str] = set()
    for provision in report.provisions:
        mine = [item for item in findings if item.rule_id in provision.rule_ids]
        covered.update(provision.rule_ids)
        case = _case(suite, f"{provision.provision}: {provision.title}", classname)
        failing = [item for item in mine if is_failing(item, fail_level)]
        if failing:
            failures += 1
            failure = ET.SubElement(
                case, "failure", type=failing[0].severity, message=failing[0].message
            )
            failure.text = _describe(mine)
        elif provision.status.value == "not_applicable":
            skipped += 1
            ET.SubElement(case, "skipped", message=provision.justification or "not applicable")
        elif any(item.waived for item in mine):
            skipped += 1
            _waived(case, [item for item in mine if item.waived])
        elif provision.status.value == "not_assessable" and provision.force == "MUST":
            skipped += 1
            skip = ET.SubElement(
                case,
                "skipped",
                message="not assessable: the profile does not state the facts needed "
                "(incomplete, not passed)",
            )
            skip.text = _describe(mine)
    for item in findings:
        if item.rule_id in covered:
            continue
        case = _case(suite, f"{item.rule_id}: {item.provision or ''}".strip(": "), classname)
        if is_failing(item, fail_level):
            failures += 1
            failure = ET.SubElement(case, "failure", type=item.severity, message=item.message)
            failure.text = _describe([item])
        elif item.waived:
            skipped += 1
            _waived(case, [item])
    return failures, 0, skipped


def _waived(case: ET.Element, waived: list[Item]) -> None:
    """A check whose findings are all waived is skipped, saying by which waiver and until when."""
    first = waived[0]
    more = f" (and {len(waived) - 1} more)" if len(waived) > 1 else ""
    element = ET.SubElement(case, "skipped", message=f"waived: {first.waiver_details()}{more}")
    element.text = _describe(waived)


def document(run: Run) -> ET.Element:
    """The run as a ``testsuites`` element."""
    root = ET.Element("testsuites")
    hostname = socket.gethostname() or "localhost"
    timestamp = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    for index, result in enumerate(run.files):
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"spocschema {run.command} {result.file}",
            package="spocschema",
            id=str(index),
            timestamp=timestamp,
            hostname=hostname,
            tests="0",
            failures="0",
            errors="0",
            skipped="0",
            time="0",
        )
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="file", value=result.file)
        ET.SubElement(properties, "property", name="fail_level", value=run.fail_level)
        status = result.status(run.fail_level)
        ET.SubElement(properties, "property", name="verdict", value=status)
        failures, errors, skipped = _suite_cases(suite, result, run.fail_level)
        suite.set("tests", str(len(suite.findall("testcase"))))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", str(skipped))
        ET.SubElement(suite, "system-out").text = status
        ET.SubElement(suite, "system-err").text = ""
    _clean(root)
    return root


def render(run: Run, settings: Settings) -> str:
    root = document(run)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
