"""A self-contained HTML report of a catalogue run: where to look first, then the rest, then the charts.

Pure: ``render(summary_document) -> str``. One file with no external loads: inline CSS and script, SVG charts.
Every value from the catalogue is HTML-escaped, and the page carries a strict Content-Security-Policy (a
``<meta http-equiv>``): nothing may load from anywhere, and only this module's own script and style run, allowed
by their SHA-256 hashes, so a value that an escaping slip let through still cannot run (no inline event handlers,
no ``style`` attributes, no ``javascript:`` URLs). The page's order: the products to review, worst first, with
filters (category, origin, brand, rule), sorting (worst first on the first click) and each product expandable to
its findings; the rows that could not be checked and the rows checked with a warning; counts by brand; a legend
of every code; the charts.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from exolabel import __version__
from exolabel.report.review import TIERS, split_term

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem auto;max-width:1200px;
color:#1d2329;padding:0 1rem}h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem}
.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid #d7dde3;border-radius:8px;
padding:.5rem .9rem;min-width:120px}.card b{display:block;font-size:1.3rem}.grid{display:grid;
grid-template-columns:1fr 1fr;gap:1.5rem}svg text{font-size:12px;fill:#1d2329}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e4e8ec;padding:.3rem .4rem;
text-align:left;vertical-align:top}thead th{cursor:pointer;background:#f3f5f7;position:sticky;top:0;user-select:none}
thead th:after{content:" \\2195";color:#9aa5b1}thead th[aria-sort=ascending]:after{content:" \\2191";color:#1d2329}
thead th[aria-sort=descending]:after{content:" \\2193";color:#1d2329}td.n{text-align:right}.muted{color:#5f6b76}
small{color:#5f6b76}tr.r{cursor:pointer}#review tr.r:hover{background:#f7f9fb}tr.r td:first-child:before{
content:"\\25B8 ";color:#5f6b76}tr.r[aria-expanded=true] td:first-child:before{content:"\\25BE "}
#review td:nth-child(1),#review td:nth-child(5){white-space:nowrap}
tr.detail td{white-space:normal!important;background:#fafbfc;padding:.6rem 1.2rem}
tr.detail ul{margin:.2rem 0 .5rem;padding-left:1.2rem}
.tier{display:inline-block;border-radius:4px;padding:0 .35rem;font-weight:600;white-space:nowrap}
.t0{background:#7a1020;color:#fff}.t1{background:#c0504d;color:#fff}.t2{background:#e8a33d;color:#1d2329}
.t3{background:#f3d36b;color:#1d2329}.t4{background:#cfe3f3;color:#1d2329}
.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.6rem 0}.filters select{max-width:16rem}
abbr{text-decoration:underline dotted;cursor:help}code{font-size:12px}dl.legend dt{font-weight:600;margin-top:.5rem}
dl.legend dd{margin-left:1.2rem}nav a{margin-right:1rem}
"""

_JS = """
(function(){
function key(td){var v=td.getAttribute('data-v');if(v===null)return td.textContent.trim().toLowerCase();
var n=parseFloat(v);return isNaN(n)?v:n;}
function pairs(tb){var out=[],rows=tb.rows;for(var i=0;i<rows.length;i++){var r=rows[i];if(!r.classList.contains('r'))
continue;var d=r.nextElementSibling;out.push([r,d&&d.classList.contains('detail')?d:null]);}return out;}
document.querySelectorAll('table.sortable').forEach(function(table){
var heads=table.tHead.rows[0].cells;
Array.prototype.forEach.call(heads,function(th,i){th.tabIndex=0;
function sort(){var tb=table.tBodies[0],ps=pairs(tb),was=th.getAttribute('aria-sort'),
first=th.getAttribute('data-first')||'ascending',dir=was?(was==='ascending'?'descending':'ascending'):first;
Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir);
ps.sort(function(a,b){var x=key(a[0].cells[i]),y=key(b[0].cells[i]);
var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));
if(c!==0)return dir==='ascending'?c:-c;return a[0].getAttribute('data-row')-b[0].getAttribute('data-row');});
ps.forEach(function(p){tb.appendChild(p[0]);if(p[1])tb.appendChild(p[1]);});}
th.addEventListener('click',sort);th.addEventListener('keydown',function(e){if(e.key==='Enter')sort();});});});
var review=document.getElementById('review');if(!review)return;var body=review.tBodies[0];
function toggle(tr){var open=tr.getAttribute('aria-expanded')!=='true';tr.setAttribute('aria-expanded',String(open));
var d=tr.nextElementSibling;if(d&&d.classList.contains('detail'))d.hidden=!open;}
body.addEventListener('click',function(e){var tr=e.target.closest('tr.r');if(tr)toggle(tr);});
body.addEventListener('keydown',function(e){var tr=e.target.closest('tr.r');
if(tr&&(e.key==='Enter'||e.key===' ')){e.preventDefault();toggle(tr);}});
var selects=document.querySelectorAll('select[data-filter]'),shown=document.getElementById('shown');
function apply(){var want=[];
selects.forEach(function(s){if(s.value)want.push([s.getAttribute('data-filter'),s.value]);});
var n=0;pairs(body).forEach(function(p){var ok=want.every(function(w){
return (p[0].getAttribute('data-'+w[0])||'').split('\\n').indexOf(w[1])>=0;});p[0].hidden=!ok;
if(p[1])p[1].hidden=!ok||p[0].getAttribute('aria-expanded')!=='true';if(ok)n++;});
shown.textContent=n+' of '+pairs(body).length+' shown';}
selects.forEach(function(s){s.addEventListener('change',apply);});
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# No source is allowed but this page's own style and script, by hash: no network, no plugin, no frame, no form.
CSP = (
    f"default-src 'none'; script-src {_hash(_JS)}; style-src {_hash(_CSS)}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_COLOURS = ("#2f6f9f", "#c0504d", "#4f8f4f", "#8064a2", "#d08a2c", "#4bacc6", "#7f7f7f")
_TIER_DOC = {t: doc for t, _label, doc in TIERS}


def _e(v: Any) -> str:
    return escape("" if v is None else str(v), quote=True)


def bar_chart(title: str, items: Sequence[tuple[str, int]], width: int = 500) -> str:
    """A horizontal SVG bar chart (presentation attributes only: no style attributes)."""
    if not items:
        return f"<div><h3>{_e(title)}</h3><p class='muted'>none</p></div>"
    top = max(n for _label, n in items) or 1
    row_h, label_w = 22, 210
    parts = [
        f"<div><h3>{_e(title)}</h3><svg role='img' aria-label='{_e(title)}' width='{width}' "
        f"height='{row_h * len(items) + 4}' viewBox='0 0 {width} {row_h * len(items) + 4}'>"
    ]
    for i, (label, n) in enumerate(items):
        y = i * row_h
        w = max(1, round((width - label_w - 70) * n / top))
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f"<text x='0' y='{y + 15}'><title>{_e(label)}</title>{_e(short)}</text>"
            f"<rect x='{label_w}' y='{y + 3}' width='{w}' height='{row_h - 7}' fill='{_COLOURS[i % len(_COLOURS)]}'/>"
            f"<text x='{label_w + w + 6}' y='{y + 15}'>{n:,}</text>"
        )
    parts.append("</svg></div>")
    return "".join(parts)


def _code(code: str, legend: Mapping[str, Mapping[str, Any]]) -> str:
    entry = legend.get(code)
    if not entry:
        return _e(code)
    return f"<abbr title='{_e(entry['name'])}: {_e(entry['summary'])}'>{_e(code)}</abbr>"


def _finding(text: str, legend: Mapping[str, Mapping[str, Any]]) -> str:
    code, _, rest = text.partition(" ")
    return f"<li>{_code(code, legend)} {_e(rest)}</li>"


def _attr(values: Iterable[Any]) -> str:
    """Filter values for a data attribute: one per line (the script splits on newlines)."""
    return _e("\n".join(" ".join(str(v).split()) for v in values if v))


def _review_rows(review: Sequence[Mapping[str, Any]], legend: Mapping[str, Mapping[str, Any]]) -> str:
    out = []
    for r in review:
        cats, origins = r.get("ev_categories") or [], r.get("ev_origins") or []
        rules = r.get("rules") or []
        tier = r["tier"]
        out.append(
            f"<tr class='r' tabindex='0' aria-expanded='false' data-row='{int(r['row'])}' "
            f"data-category='{_attr(cats)}' data-origin='{_attr(origins)}' data-brand='{_attr([r.get('brand')])}' "
            f"data-rule='{_attr(rules)}'>"
            f"<td data-v='{tier}'><span class='tier t{tier}' title='{_e(_TIER_DOC[tier])}'>"
            f"{_e(r['priority'])}</span></td>"
            f"<td class='n' data-v='{int(r['row'])}'>{int(r['row']):,}</td>"
            f"<td>{_e(r.get('name'))}<br><small>{_e(r.get('id'))}</small></td><td>{_e(r.get('brand'))}</td>"
            f"<td>{_e(r.get('product_type'))}</td>"
            f"<td class='n' data-v='{int(r['errors'])}'>{int(r['errors'])}</td>"
            f"<td class='n' data-v='{int(r['warnings'])}'>{int(r['warnings'])}</td>"
            f"<td>{'<br>'.join(_e(x) for x in r['reasons'])}</td></tr>"
        )
        terms = "".join(
            f"<li>{_e(t)} <small>({_e(c)}, {_e(o)})</small></li>"
            for t, c, o in (split_term(x) for x in r.get("ev_terms") or [])
        )
        findings = "".join(_finding(f, legend) for f in r.get("findings") or [])
        info = [c for c in rules if legend.get(c, {}).get("severity") == "info" or not findings]
        kit = r.get("sections") or []  # a kit's products: the findings name theirs ("Parfum (in Serum)")
        out.append(
            "<tr class='detail' hidden><td colspan='8'>"
            + (f"<p class='kit'><b>Kit of {len(kit)}</b>: {_e('; '.join(kit))}</p>" if kit else "")
            + (f"<b>EV-family ingredients</b><ul>{terms}</ul>" if terms else "")
            + (f"<b>Error and warning findings</b><ul>{findings}</ul>" if findings else "")
            + f"<b>All rules that found something</b>: {', '.join(_code(c, legend) for c in rules) or 'none'}"
            + (f" <small>(of them info only: {', '.join(_e(c) for c in info)})</small>" if info and findings else "")
            + f"<br><b>Product type</b>: {_e(r.get('product_type'))} "
            + f"<small>({_e(r.get('product_type_source'))})</small>"
            + f"; <b>markets</b>: {_e(', '.join(r.get('markets') or []) or 'none given')}"
            + (f"<br><b>Row warning</b>: {_e(r.get('message'))}" if r.get("message") else "")
            + "</td></tr>"
        )
    return "".join(out)


def _select(name: str, label: str, values: Iterable[str]) -> str:
    opts = "".join(f"<option value='{_e(v)}'>{_e(v)}</option>" for v in sorted(set(values), key=str.casefold))
    return f"<label>{_e(label)} <select data-filter='{name}'><option value=''>all</option>{opts}</select></label>"


def _review_section(doc: Mapping[str, Any], legend: Mapping[str, Mapping[str, Any]]) -> str:
    review = doc.get("review") or []
    total = doc.get("review_products", len(review))
    tiers = doc.get("review_tiers") or {}
    shown = f"all {total:,}" if len(review) == total else f"the worst {len(review):,} of {total:,}"
    head = (
        "<thead><tr><th data-first='ascending'>Priority</th><th data-first='ascending'>Row</th>"
        "<th data-first='ascending'>Product</th><th data-first='ascending'>Brand</th>"
        "<th data-first='ascending'>Type</th>"
        "<th data-first='descending'>Errors</th><th data-first='descending'>Warnings</th><th>Why</th></tr></thead>"
    )
    filters = (
        "<div class='filters'>"
        + _select("category", "Category", (c for r in review for c in r.get("ev_categories") or []))
        + _select("origin", "Origin", (o for r in review for o in r.get("ev_origins") or []))
        + _select("brand", "Brand", (" ".join(str(r["brand"]).split()) for r in review if r.get("brand")))
        + _select("rule", "Rule", (c for r in review for c in r.get("rules") or []))
        + f"<span id='shown' class='muted'>{len(review):,} of {len(review):,} shown</span></div>"
    )
    counts = ", ".join(f"{_e(k)} {v:,}" for k, v in tiers.items())
    return (
        "<h2 id='look'>Look here first</h2>"
        f"<p>Products to review, worst first: {shown}{f' ({counts})' if counts else ''}. "
        "Click a product for its findings; click a column to sort it (the worst first on the first click).</p>"
        + (
            filters + f"<table id='review' class='sortable'>{head}<tbody>{_review_rows(review, legend)}</tbody></table>"
            if review
            else "<p class='muted'>Nothing to review: no product has an EV-family ingredient, an error or a claim.</p>"
        )
    )


def _rows_table(title: str, anchor: str, rows: Sequence[Mapping[str, Any]], total: int, none: str) -> str:
    if not rows:
        return f"<h2 id='{anchor}'>{_e(title)}</h2><p class='muted'>{_e(none)}</p>"
    more = f" (the first {len(rows):,} of {total:,})" if total > len(rows) else f" ({total:,})"
    body = "".join(
        f"<tr class='r' data-row='{int(r['row'])}'><td class='n' data-v='{int(r['row'])}'>{int(r['row']):,}</td>"
        f"<td>{_e(r['message'])}</td></tr>"
        for r in rows
    )
    return (
        f"<h2 id='{anchor}'>{_e(title)}{more}</h2><table class='sortable'><thead><tr>"
        f"<th data-first='ascending'>Row</th><th data-first='ascending'>Reason</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _brands(doc: Mapping[str, Any]) -> str:
    brands = doc.get("brands") or []
    if not brands:
        return ""
    body = "".join(
        f"<tr class='r' data-row='{i}'><td>{_e(b['brand'])}</td>"
        + "".join(f"<td class='n' data-v='{int(b[k])}'>{int(b[k]):,}</td>" for k in _BRAND_KEYS)
        + "</tr>"
        for i, b in enumerate(brands)
    )
    heads = "".join(f"<th data-first='descending'>{h}</th>" for h in _BRAND_HEADS)
    return (
        "<h2 id='brands'>By brand</h2><p class='muted'>Flagged: an EV-family ingredient or an error finding.</p>"
        f"<table class='sortable'><thead><tr><th data-first='ascending'>Brand</th>{heads}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


_BRAND_KEYS = ("products", "ev_products", "flagged", "unchecked")
_BRAND_HEADS = ("Products", "EV-family", "Flagged", "Not checked")


def _legend(doc: Mapping[str, Any], legend: Mapping[str, Mapping[str, Any]]) -> str:
    tiers = "".join(f"<dt><span class='tier t{t}'>{_e(label)}</span></dt><dd>{_e(d)}</dd>" for t, label, d in TIERS)
    used = {c for r in doc.get("review") or [] for c in r.get("rules") or []} | {r["rule"] for r in doc["rules"]}
    codes = "".join(
        f"<dt><code>{_e(code)}</code> {_e(e['name'])} <small>({_e(e['severity'])})</small></dt>"
        f"<dd>{_e(e['summary'])}<details><summary>Why</summary>{_e(e['doc'])}</details></dd>"
        for code, e in sorted(legend.items())
        if code in used
    )
    return (
        "<h2 id='legend'>Legend</h2><h3>Priorities</h3><dl class='legend'>" + tiers + "</dl><h3>Codes</h3>"
        "<p class='muted'>Every code in this report: hover over a code anywhere for its summary; open 'Why' for "
        "its explanation.</p><dl class='legend'>" + (codes or "<dd>none</dd>") + "</dl>"
    )


def render(doc: Mapping[str, Any]) -> str:
    st, fnd = doc["status"], doc["findings"]
    legend: Mapping[str, Mapping[str, Any]] = doc.get("legend") or {}
    output = doc.get("output")
    written = (
        "not written (no output file)"
        if output is None and "output" in doc
        else f"{doc['rows_written']:,} written" + (" to stdout" if output == "stdout" else "")
    )
    cards = [
        ("rows read", doc["rows_read"]),
        ("rows checked", doc.get("rows_checked", doc["rows_written"])),
        ("to review", doc.get("review_products", 0)),
        ("could not be checked", st["error"]),
        ("of them no ingredient list", (doc.get("unchecked") or {}).get("no_list", 0)),
        ("EV-family products", doc["ev_products"]),
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
    types = doc.get("product_types") or {}
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>exolabel catalogue report</title><style>{_CSS}</style></head><body>"
        "<h1>exolabel catalogue report</h1>"
        f"<p class='muted'>{_e(doc['catalogue'])} · exolabel {_e(__version__)} · rows {written}"
        + (" · product types: " + _e(", ".join(f"{k} {v:,}" for k, v in types.items())) if types else "")
        + "</p><nav><a href='#look'>Look here first</a><a href='#unchecked'>Not checked</a><a href='#brands'>By brand"
        "</a><a href='#legend'>Legend</a><a href='#figures'>Figures</a></nav><div class='cards'>"
        + "".join(f"<div class='card'><b>{n:,}</b>{_e(label)}</div>" for label, n in cards)
        + "</div>"
        + _review_section(doc, legend)
        + _rows_table(
            "Rows that could not be checked",
            "unchecked",
            doc.get("errors") or [],
            doc.get("errors_total", len(doc.get("errors") or [])),
            "Every row was checked.",
        )
        + _rows_table(
            "Rows checked with a warning",
            "warned",
            doc.get("row_warnings") or [],
            doc.get("row_warnings_total", 0),
            "No row warnings (product type and market values were all understood).",
        )
        + _brands(doc)
        + _legend(doc, legend)
        + "<h2 id='figures'>Figures</h2><div class='grid'>"
        + "".join(charts)
        + f"</div><script>{_JS}</script></body></html>\n"
    )
