"""The batch HTML report in a real browser: headless Chromium driven by selenium (Debian's ``chromium`` and
``chromium-driver`` packages; nothing here downloads a browser or a driver). It checks what a buyer does: the
look-first table comes before any chart, sorting puts the worst first on the first click, the filters and the
expandable rows work, and a catalogue of XSS payloads in every field runs nothing, even when the escaping is
switched off (the Content-Security-Policy then blocks it). Screenshots go to the test's tmp folder, and to
``$EXOLABEL_SCREENSHOTS`` when that is set.

Skipped, with the reason, where Chromium, its driver or selenium is not installed (``.ci/run`` installs them).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import run_batch

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no headless browser: install Debian's chromium and chromium-driver (apt-get install chromium "
    "chromium-driver; .ci/run does) to run the browser tests",
)
webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (it is in the test extra: pip install -e '.[test]')"
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

TITLE = "exolabel catalogue report"
HFCM = "Human Fibroblast Conditioned Media"


@pytest.fixture(scope="module")
def browser() -> Any:
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium must never fetch a driver: we name ours
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def _open(browser: Any, html: Path) -> None:
    browser.get(html.resolve().as_uri())
    browser.get_log("browser")  # start each page with an empty console log


def _shot(browser: Any, tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    browser.save_screenshot(str(out))
    if os.environ.get("EXOLABEL_SCREENSHOTS"):
        Path(os.environ["EXOLABEL_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(os.environ["EXOLABEL_SCREENSHOTS"]) / name)
    assert out.stat().st_size > 10_000  # a rendered page, not a blank one
    return out


def _visible_rows(browser: Any) -> list[Any]:
    return [tr for tr in browser.find_elements(By.CSS_SELECTOR, "#review tbody tr.r") if tr.is_displayed()]


def _column(browser: Any, index: int) -> list[str]:
    return [tr.find_elements(By.TAG_NAME, "td")[index].get_attribute("data-v") for tr in _visible_rows(browser)]


def _header(browser: Any, text: str) -> Any:
    return next(th for th in browser.find_elements(By.CSS_SELECTOR, "#review thead th") if th.text.startswith(text))


CATALOGUE = [
    {"SKU": "S1", "Name": "Calm Cream", "Brand": "Beta", "Category": "Moisturizer", "INCI": "Water, Glycerin, Parfum"},
    {"SKU": "S2", "Name": "Glow Serum", "Brand": "Acme", "Category": "Serum", "INCI": f"Water, {HFCM}, Glycerin"},
    {"SKU": "S3", "Name": "MI Cream", "Brand": "Acme", "Category": "Cream", "INCI": "Aqua, Methylisothiazolinone"},
    {"SKU": "S4", "Name": "Lysate Mist", "Brand": "Beta", "Category": "Mist", "INCI": "Water, Bifida Ferment Lysate"},
    {
        "SKU": "S5",
        "Name": "Rose Ampoule",
        "Brand": "Gamma",
        "Category": "",
        "INCI": "Water, Rosa Damascena Callus Culture Exosomes, Methylisothiazolinone, Butylene Glycol",
    },
    {"SKU": "S6", "Name": "Empty", "Brand": "Gamma", "Category": "Serum", "INCI": ""},
    {"SKU": "S7", "Name": "Exosome Booster", "Brand": "Acme", "Category": "Gift Set", "INCI": "Water, Niacinamide"},
]


def test_look_first_table_sorts_filters_and_expands(browser: Any, tmp_path: Path, capsys) -> None:
    cat = _write(tmp_path / "cat.csv", CATALOGUE)
    html = tmp_path / "report.html"
    run_batch(capsys, str(cat), "--html", str(html), "--summary", str(tmp_path / "s.json"), "--fail-on", "never")
    doc = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    _open(browser, html)
    assert browser.title == TITLE
    # the first table is the look-first list, and it comes before any chart
    assert browser.find_element(By.TAG_NAME, "table").get_attribute("id") == "review"
    assert browser.execute_script(
        "return !!(document.getElementById('review').compareDocumentPosition(document.querySelector('svg')) & 4)"
    )
    # the page's own style and script ran under its CSP (the header's background is the stylesheet's)
    th = browser.find_element(By.CSS_SELECTOR, "#review thead th")
    assert th.value_of_css_property("background-color") in ("rgba(243, 245, 247, 1)", "rgb(243, 245, 247)")
    rows = len(doc["review"])
    assert rows == len(_visible_rows(browser)) >= 5
    assert _column(browser, 0) == sorted(_column(browser, 0), key=int)  # worst first as rendered
    assert _column(browser, 0)[0] == "0"  # human-origin / prohibited on top

    # sorting: the first click puts the worst first (most errors; then the highest priority), the second reverses
    _header(browser, "Row").click()
    assert _column(browser, 1) == sorted(_column(browser, 1), key=int)
    _header(browser, "Errors").click()
    errors = [int(v) for v in _column(browser, 5)]
    assert errors == sorted(errors, reverse=True) and errors[0] == max(r["errors"] for r in doc["review"])
    _header(browser, "Errors").click()
    assert [int(v) for v in _column(browser, 5)] == sorted(errors)
    _header(browser, "Priority").click()
    tiers = [int(v) for v in _column(browser, 0)]
    assert tiers == sorted(tiers) and tiers[0] == 0

    # expanding: a click opens the product's findings, a second click closes them (a detail row follows its row)
    first = _visible_rows(browser)[0]
    detail = first.find_element(By.XPATH, "following-sibling::tr[1]")
    assert "detail" in detail.get_attribute("class") and not detail.is_displayed()
    first.find_element(By.TAG_NAME, "td").click()
    assert detail.is_displayed() and first.get_attribute("aria-expanded") == "true"
    assert "Product type" in detail.text and "All rules that found something" in detail.text
    _shot(browser, tmp_path, "report-expanded.png")
    # sorting keeps each detail row under its product
    _header(browser, "Product").click()
    assert first.find_element(By.XPATH, "following-sibling::tr[1]") == detail and detail.is_displayed()
    first.find_element(By.TAG_NAME, "td").click()
    assert not detail.is_displayed()

    # filters: by brand, by origin, by rule, by category; "all" brings every row back
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=brand]")).select_by_value("Acme")
    acme = [r for r in doc["review"] if r["brand"] == "Acme"]
    assert len(_visible_rows(browser)) == len(acme) < rows
    assert browser.find_element(By.ID, "shown").text == f"{len(acme)} of {rows} shown"
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=origin]")).select_by_value("human")
    assert [tr.get_attribute("data-row") for tr in _visible_rows(browser)] == ["2"]
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=brand]")).select_by_value("")
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=origin]")).select_by_value("")
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=rule]")).select_by_value("RG01")
    assert {tr.get_attribute("data-row") for tr in _visible_rows(browser)} == {
        str(r["row"]) for r in doc["review"] if "RG01" in r["rules"]
    }
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=rule]")).select_by_value("")
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=category]")).select_by_value("lysate")
    assert [tr.get_attribute("data-row") for tr in _visible_rows(browser)] == ["4"]
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=category]")).select_by_value("")
    assert len(_visible_rows(browser)) == rows

    # the unchecked row is listed with its reason; the legend explains every code in the table
    unchecked = browser.find_element(By.ID, "unchecked").find_element(By.XPATH, "following-sibling::table[1]")
    assert "empty: no ingredient list" in unchecked.text
    legend = browser.find_element(By.CSS_SELECTOR, "dl.legend + h3 + p + dl.legend").text
    for code in {c for r in doc["review"] for c in r["rules"]}:
        assert code in legend
    errors_in_console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors_in_console, errors_in_console
    browser.execute_script("window.scrollTo(0, 0)")
    _shot(browser, tmp_path, "report.png")


PAYLOADS = (
    "<script>document.title='PWNED-script'</script>",
    "<img src=x onerror=\"document.title='PWNED-img'\">",
    '"><svg onload="document.title=\'PWNED-svg\'">',
    "'><script>window.__pwned=1</script>",
    "</title></style></table><script>document.title='PWNED-close'</script>",
    "<iframe srcdoc=\"<script>parent.document.title='PWNED-iframe'</script>\"></iframe>",
    "<a href=\"javascript:document.title='PWNED-a'\" id=pwnlink>x</a>",
    "<details open ontoggle=\"document.title='PWNED-toggle'\">",
    '<body onload="window.__pwned=2">',
    "<math><mtext></p><script>window.__pwned=3</script>",
)


def _hostile_catalogue(tmp_path: Path) -> Path:
    rows = []
    for i, p in enumerate(PAYLOADS):
        rows.append(
            {
                "SKU": f"{p}{i}",
                "Name": f"Exosome {p} Wash",
                "Brand": p,
                "Category": p,
                "Markets": f"EU, {p}",
                "Claims": f"vegan | {p}",
                "INCI": f"Water, {p}, {HFCM}, Glycerin",
            }
        )
    rows.append(
        {
            "SKU": PAYLOADS[0],
            "Name": PAYLOADS[1],
            "Brand": PAYLOADS[2],
            "Category": "",
            "Markets": "",
            "Claims": "",
            "INCI": "",
        }
    )  # a row that cannot be checked: listed with its reason
    return _write(tmp_path / "hostile.csv", rows)


def _nothing_ran(browser: Any) -> None:
    time.sleep(0.3)  # onload / onerror handlers would have fired by now
    assert browser.title == TITLE
    assert browser.execute_script("return window.__pwned === undefined")


def _exercise(browser: Any) -> None:
    """Click every header, expand every row, try every filter value: any handler a payload smuggled in fires."""
    for th in browser.find_elements(By.CSS_SELECTOR, "table.sortable thead th"):
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", th)
    for tr in browser.find_elements(By.CSS_SELECTOR, "#review tbody tr.r"):
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", tr)
    for sel in browser.find_elements(By.CSS_SELECTOR, "select[data-filter]"):
        for i in range(len(sel.find_elements(By.TAG_NAME, "option"))):
            browser.execute_script(
                "arguments[0].selectedIndex=arguments[1];arguments[0].dispatchEvent(new Event('change'))", sel, i
            )
    for link in browser.find_elements(By.ID, "pwnlink"):
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", link)


def test_xss_payloads_in_every_field_run_nothing(browser: Any, tmp_path: Path, capsys) -> None:
    cat = _hostile_catalogue(tmp_path)
    html = tmp_path / "hostile.html"
    run_batch(capsys, str(cat), "--html", str(html), "--fail-on", "never")
    _open(browser, html)
    _nothing_ran(browser)
    review = browser.find_element(By.ID, "review")
    assert len(review.find_elements(By.CSS_SELECTOR, "tbody tr.r")) == len(PAYLOADS)  # every product listed
    _exercise(browser)
    _nothing_ran(browser)
    text = browser.find_element(By.TAG_NAME, "body").text
    assert PAYLOADS[1] in text and PAYLOADS[0] in text  # shown as text, escaped
    assert not browser.find_elements(By.CSS_SELECTOR, "iframe, img, body script + script, details[ontoggle]")
    _shot(browser, tmp_path, "report-hostile.png")


def test_the_csp_blocks_payloads_even_when_escaping_slips(browser: Any, tmp_path: Path, capsys, monkeypatch) -> None:
    """With the report's escaping switched off, the payloads are live markup; the CSP still runs none of them."""
    from exolabel.report import html as report_html

    cat = _hostile_catalogue(tmp_path)
    summary = tmp_path / "s.json"
    run_batch(capsys, str(cat), "--summary", str(summary), "--fail-on", "never")
    monkeypatch.setattr(report_html, "_e", lambda v: "" if v is None else str(v))
    page = tmp_path / "unescaped.html"
    page.write_text(report_html.render(json.loads(summary.read_text(encoding="utf-8"))), encoding="utf-8")
    assert "<script>document.title='PWNED-script'</script>" in page.read_text(encoding="utf-8")
    _open(browser, page)
    _nothing_ran(browser)
    _exercise(browser)
    _nothing_ran(browser)
    blocked = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert blocked, "the payloads were not blocked by the CSP (did they not reach the page?)"
    # and the payloads are live: the same page without its CSP runs them (so this test can fail)
    bare = tmp_path / "unescaped-no-csp.html"
    bare.write_text(re.sub(r"<meta http-equiv='Content-Security-Policy'[^>]*>", "", page.read_text("utf-8")), "utf-8")
    _open(browser, bare)
    time.sleep(0.3)
    assert browser.title != TITLE or browser.execute_script("return window.__pwned !== undefined")
