"""JUnit XML for CI dashboards: a test suite per label file, a failing test case per finding (an ``<error>``
for a file that could not be checked, one passing case for a clean file). No timestamps, so output is stable.
Pure: ``render(...) -> str``."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from exolabel.ci.check import CheckResult


def render(result: CheckResult) -> str:
    root = ET.Element("testsuites", name="exolabel")
    total = failures = errors = 0
    for fr in result.files:
        suite = ET.SubElement(root, "testsuite", name=fr.path)
        if fr.suppressed or fr.baselined:  # JUnit puts properties before the test cases
            props = ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", name="suppressed", value=str(len(fr.suppressed)))
            ET.SubElement(props, "property", name="baselined", value=str(len(fr.baselined)))
        if fr.error:
            case = ET.SubElement(suite, "testcase", classname=fr.path, name="read label", file=fr.path)
            ET.SubElement(case, "error", type="input", message=fr.error).text = fr.error
            cases, n_err, n_fail = 1, 1, 0
        else:
            n_err, n_fail = 0, len(fr.findings)
            for f in fr.findings:
                p = f.position
                name = f"{f.finding.rule} {f.finding.name} at {p.line}:{p.column}"
                case = ET.SubElement(suite, "testcase", classname=fr.path, name=name, file=fr.path, line=str(p.line))
                fail = ET.SubElement(case, "failure", type=f.severity.value, message=f.finding.message)
                fail.text = f"{f.path}:{p.line}:{p.column}: {f.severity.value} {f.finding.rule} {f.finding.message}"
            cases = len(fr.findings)
            if not fr.findings:
                ET.SubElement(suite, "testcase", classname=fr.path, name="label", file=fr.path)
                cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(n_fail))
        suite.set("errors", str(n_err))
        total, failures, errors = total + cases, failures + n_fail, errors + n_err
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
