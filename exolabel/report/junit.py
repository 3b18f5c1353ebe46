"""JUnit XML for CI dashboards: a test suite per label file, a failing test case per finding (an ``<error>``
for each problem of a file that could not be checked, one passing case for a clean file; info notes counted,
not listed, unless asked for). No timestamps, so output is stable.
Pure: ``render(...) -> str``."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from exolabel.ci.check import CheckResult
from exolabel.model import Severity


def render(result: CheckResult, *, show_info: bool = False) -> str:
    """Info notes are counted in each suite's properties, not listed as failing cases, unless ``show_info``."""
    root = ET.Element("testsuites", name="exolabel")
    total = failures = errors = 0
    for fr in result.files:
        suite = ET.SubElement(root, "testsuite", name=fr.path)
        shown = [f for f in fr.findings if show_info or f.severity is not Severity.INFO]
        info = len(fr.findings) - len(shown)
        if fr.suppressed or fr.baselined or info:  # JUnit puts properties before the test cases
            props = ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", name="suppressed", value=str(len(fr.suppressed)))
            ET.SubElement(props, "property", name="baselined", value=str(len(fr.baselined)))
            ET.SubElement(props, "property", name="info", value=str(info))
        if fr.problems:
            for d in fr.problems:
                where = f" at {d.line}:{d.column or 1}" if d.line else ""
                case = ET.SubElement(suite, "testcase", classname=fr.path, name=f"read label{where}", file=fr.path)
                if d.line:
                    case.set("line", str(d.line))
                ET.SubElement(case, "error", type="input", message=d.message).text = str(d)
            cases, n_err, n_fail = len(fr.problems), len(fr.problems), 0
        else:
            n_err, n_fail = 0, len(shown)
            for f in shown:
                p = f.position
                name = f"{f.finding.rule} {f.finding.name} at {p.line}:{p.column}"
                case = ET.SubElement(suite, "testcase", classname=fr.path, name=name, file=fr.path, line=str(p.line))
                fail = ET.SubElement(case, "failure", type=f.severity.value, message=f.finding.message)
                fail.text = f"{f.path}:{p.line}:{p.column}: {f.severity.value} {f.finding.rule} {f.finding.message}"
            cases = len(shown)
            if not shown:
                ET.SubElement(suite, "testcase", classname=fr.path, name="label", file=fr.path)
                cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(n_fail))
        suite.set("errors", str(n_err))
        total, failures, errors = total + cases, failures + n_fail, errors + n_err
    if result.diagnostics:  # the run's own problems (config, no label file, skipped links) as one suite
        suite = ET.SubElement(root, "testsuite", name="exolabel")
        for d in result.diagnostics:
            case = ET.SubElement(suite, "testcase", classname="exolabel", name=d.message, file=d.path or "")
            if d.level == "error":
                ET.SubElement(case, "error", type="run", message=d.message).text = str(d)
            else:
                ET.SubElement(case, "skipped", message=d.message)
        n_err = len(result.run_errors)
        suite.set("tests", str(len(result.diagnostics)))
        suite.set("failures", "0")
        suite.set("errors", str(n_err))
        total, errors = total + len(result.diagnostics), errors + n_err
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
