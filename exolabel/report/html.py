"""A self-contained HTML report of a catalogue run: inline CSS, SVG bar charts and a sortable table (no assets).

Pure: ``render(summary_document) -> str``. Every value from the catalogue is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from exolabel import __version__

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#1d2329;padding:0 1rem}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d7dde3;border-radius:8px;padding:.7rem 1rem;
min-width:140px}.card b{display:block;font-size:1.4rem}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
svg text{font-size:12px;fill:#1d2329}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e4e8ec;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f3f5f7;position:sticky;top:0}th:after{content:" \\2195";color:#9aa5b1}
td.n{text-align:right}.muted{color:#5f6b76}
"""
_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th,i){th.addEventListener('click',function(){
var tb=th.closest('table').tBodies[0],rows=Array.from(tb.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
rows.sort(function(a,b){var x=a.cells[i].dataset.v||a.cells[i].textContent,
y=b.cells[i].dataset.v||b.cells[i].textContent;
var nx=parseFloat(x),ny=parseFloat(y),c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?c:-c;});
rows.forEach(function(r){tb.appendChild(r);});});});
"""
_COLOURS = ("#2f6f9f", "#c0504d", "#4f8f4f", "#8064a2", "#d08a2c", "#4bacc6", "#7f7f7f")


def bar_chart(title: str, items: Sequence[tuple[str, int]], width: int = 500) -> str:
    """A horizontal SVG bar chart."""
    if not items:
        return f"<div><h3>{escape(title)}</h3><p class='muted'>none</p></div>"
    top = max(n for _label, n in items) or 1
    row_h, label_w = 22, 210
    parts = [
        f"<div><h3>{escape(title)}</h3><svg role='img' aria-label='{escape(title)}' width='{width}' "
        f"height='{row_h * len(items) + 4}' viewBox='0 0 {width} {row_h * len(items) + 4}'>"
    ]
    for i, (label, n) in enumerate(items):
        y = i * row_h
        w = max(1, round((width - label_w - 70) * n / top))
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f"<text x='0' y='{y + 15}'><title>{escape(label)}</title>{escape(short)}</text>"
            f"<rect x='{label_w}' y='{y + 3}' width='{w}' height='{row_h - 7}' fill='{_COLOURS[i % len(_COLOURS)]}'/>"
            f"<text x='{label_w + w + 6}' y='{y + 15}'>{n:,}</text>"
        )
    parts.append("</svg></div>")
    return "".join(parts)


def _table(flagged: Sequence[Mapping[str, Any]]) -> str:
    head = ("Row", "Id", "Name", "Errors", "Warnings", "EV-family terms", "Rules")
    rows = []
    for r in flagged:
        rows.append(
            "<tr>"
            f"<td class='n' data-v='{r['row']}'>{r['row']:,}</td><td>{escape(str(r['id'] or ''))}</td>"
            f"<td>{escape(str(r['name'] or ''))}</td><td class='n'>{r['errors']}</td><td class='n'>{r['warnings']}</td>"
            f"<td>{'<br>'.join(escape(t) for t in r['ev_terms'])}</td><td>{escape(', '.join(r['rules']))}</td></tr>"
        )
    return (
        "<table class='sortable'><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def render(doc: Mapping[str, Any]) -> str:
    st, fnd = doc["status"], doc["findings"]
    flagged = doc.get("flagged", [])
    cards = [
        ("rows read", doc["rows_read"]),
        ("rows written", doc["rows_written"]),
        ("EV-family products", doc["ev_products"]),
        ("with findings", st["findings"]),
        ("could not be checked", st["error"]),
        ("error findings", fnd["errors"]),
    ]
    charts = [
        bar_chart("EV-family products by category", list(doc["categories"].items())),
        bar_chart("EV-family products by origin", list(doc["origins"].items())),
        bar_chart("Top findings (products)", [(f"{r['rule']} {r['name'] or ''}", r["products"]) for r in doc["rules"]]),
        bar_chart("Top unrecognized ingredients", [(u["name"], u["occurrences"]) for u in doc["unrecognized"]]),
        bar_chart("Top EV-family terms (products)", [(t["term"], t["products"]) for t in doc["terms"]]),
        bar_chart("Rows by status", [(k, v) for k, v in st.items() if v]),
    ]
    shown = (
        f"all {len(flagged):,}"
        if len(flagged) == doc["flagged_products"]
        else f"the first {len(flagged):,} of {doc['flagged_products']:,} (all are in the output file)"
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>exolabel catalogue report</title><style>{_CSS}</style></head><body>"
        f"<h1>exolabel catalogue report</h1>"
        f"<p class='muted'>{escape(str(doc['catalogue']))} · exolabel {__version__}</p>"
        "<div class='cards'>"
        + "".join(f"<div class='card'><b>{n:,}</b>{escape(label)}</div>" for label, n in cards)
        + "</div><h2>Figures</h2><div class='grid'>"
        + "".join(charts)
        + f"</div><h2>Flagged products</h2><p class='muted'>Products with an EV-family ingredient or an error finding: "
        f"{shown}. Click a column to sort.</p>" + _table(flagged) + f"<script>{_JS}</script></body></html>\n"
    )
