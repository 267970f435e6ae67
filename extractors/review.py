"""A self-contained review page per source: the document with every extraction highlighted and every check
listed beside its evidence (issue 10).

``render_review(ex)`` returns one HTML string; nothing is fetched from the network (styles and the script are
inline, fonts are the reader's system fonts). The page shows:

- the source's blocks in reading order, each with ``dir="rtl"`` (Persian) or ``dir="ltr"`` (English), one row
  per raw line with its line number; header and footnote zones are set apart;
- articles, citations, dates and statistics highlighted in four colours over the exact raw characters of their
  spans (``span`` plus any ``continued`` pieces); hovering or focusing a highlight shows the normalized value;
- every table drawn as a table (cells carry their ids), after the block holding its caption;
- a panel listing the checks, inconsistencies first; choosing one scrolls to and marks its evidence.

Overlapping items. Each raw line is cut at every span boundary into elementary segments; a segment that any
item covers becomes one ``<mark class="hl">`` whose ``data-item-id`` lists, space-separated, every item that
covers it (``data-cell-id`` likewise for table cells read on that line). So nesting and crossing spans need no
nested elements, and for every item the marks carrying its id, in document order, hold exactly the characters
of its span(s), each once. The first mark of an item's main span also lists the id in ``data-head``: an item
has exactly one head. Items whose span cannot be found in the blocks (a broken span) are still shown, once, in
a "not placed" list at the end of the document, so the page never hides an item.

Line numbers come from ``Block.lines``; an extraction.json written before that field existed gets numbers
counted from ``line_start``, shown grey.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from .models import Article, Check, Citation, DateItem, Extraction, Span, Statistic, Table
from .output import output_dir_for

__all__ = ["render_review", "review_path", "write_review"]

# item category -> (short kind used in classes, label shown, list attribute of Extraction)
KINDS: tuple[tuple[str, str, str], ...] = (
    ("art", "Article", "articles"),
    ("cit", "Citation", "citations"),
    ("date", "Date", "dates"),
    ("stat", "Statistic", "statistics"),
)
COLOURS = {  # background, border
    "art": ("#cfe2ff", "#1f5fbf"),
    "cit": ("#cdf0c8", "#2e7d32"),
    "date": ("#ffe0b0", "#c26a00"),
    "stat": ("#ecd5ff", "#7b2fbf"),
    "cell": ("#fff6a8", "#a08a00"),
}
VERDICT_ORDER = {"inconsistent": 0, "unverifiable": 1, "consistent": 2}

FONT_FA = "'Vazirmatn', 'Noto Naskh Arabic', 'Noto Sans Arabic', 'DejaVu Sans', 'Tahoma', 'Arial Unicode MS', sans-serif"
FONT_EN = "'DejaVu Sans', 'Noto Sans', 'Liberation Sans', 'Arial', sans-serif"
FONT_MONO = "'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono', monospace"

def review_path(out_dir: str | os.PathLike, source_path: str | os.PathLike) -> Path:
    """``DIR/<source file name>/review.html``: the review page beside the source's extraction.json."""
    return output_dir_for(out_dir, source_path) / "review.html"


def write_review(ex: Extraction, out_dir: str | os.PathLike, source_path: str | os.PathLike) -> Path:
    """Render and atomically write the review page of ``ex``; returns its path."""
    from .output import atomic_write_text

    path = review_path(out_dir, source_path)
    atomic_write_text(path, render_review(ex))
    return path


# ----------------------------------------------------------------------------------------------------------
# placing spans on the blocks' lines


@dataclass
class _Piece:
    """One highlighted interval of one raw line: an item's span (or continued piece) or a table cell's span."""

    start: int
    end: int
    ident: str
    kind: str  # art/cit/date/stat or "cell"
    head: bool  # the first piece of the item's main span
    order: int  # deterministic tie-break: the item's position in the page's item order


@dataclass
class _BlockView:
    block: Any
    texts: list[str]
    numbers: list[int]
    exact: list[bool]
    pieces: dict[int, list[_Piece]] = field(default_factory=lambda: defaultdict(list))
    tables_after: list[Table] = field(default_factory=list)


def _tok(ident: str) -> str:
    """An id as one token of a space-separated attribute (ids made by ``item_id`` have no spaces)."""
    return re.sub(r"\s+", "_", str(ident))


def _span_key(span: Span) -> tuple[Optional[int], int]:
    return (span.page, span.line)


def _fits(text: str, span: Span) -> bool:
    return 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text


def _line_numbers(block, texts: list[str]) -> tuple[list[int], list[bool]]:
    """The file/page line number of each raw line of ``block`` (from ``block.lines``), and whether it is known.

    An extraction.json from before ``Block.lines`` existed gives only the range; its lines are then numbered from
    ``line_start`` and flagged as not known.
    """
    if len(block.lines) == len(texts):
        return list(block.lines), [True] * len(texts)
    exact = block.line_end - block.line_start + 1 == len(texts)
    return [block.line_start + i for i in range(len(texts))], [exact] * len(texts)


class _Layout:
    """The blocks with their line numbers, and where each span lands: (block index, line index)."""

    def __init__(self, ex: Extraction):
        self.views: list[_BlockView] = []
        self.at: dict[tuple[Optional[int], int], tuple[int, int]] = {}
        self.ranges: dict[Optional[int], list[tuple[int, int, int]]] = defaultdict(list)  # page -> (lo, hi, view)
        for k, b in enumerate(ex.blocks):
            texts = b.text.split("\n")
            numbers, exact = _line_numbers(b, texts)
            self.views.append(_BlockView(b, texts, numbers, exact))
            for i, ln in enumerate(numbers):
                self.at.setdefault((b.page, ln), (k, i))
            self.ranges[b.page].append((b.line_start, b.line_end, k))

    def place(self, span: Span) -> Optional[tuple[int, int]]:
        """The (view, line) whose raw text holds ``span`` exactly, or None."""
        hit = self.at.get(_span_key(span))
        if hit is not None and _fits(self.views[hit[0]].texts[hit[1]], span):
            return hit
        # the line number was inferred wrongly (or the block range is odd): the nearest line of a block whose
        # range holds the span's line and whose text fits it
        best, best_d = None, None
        for lo, hi, k in self.ranges.get(span.page, ()):
            if not lo <= span.line <= hi:
                continue
            v = self.views[k]
            for i, text in enumerate(v.texts):
                if _fits(text, span):
                    d = abs(v.numbers[i] - span.line)
                    if best_d is None or d < best_d:
                        best, best_d = (k, i), d
        return best


# ----------------------------------------------------------------------------------------------------------
# what a highlight says when hovered


def _num(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _describe(kind: str, it: Any) -> list[str]:
    """The normalized value of an item, as short lines (first line is the headline)."""
    if kind == "art" and isinstance(it, Article):
        head = f"Article {it.article}" if it.article is not None else "Article (number unknown)"
        if it.paragraphs:
            head += ", paragraph" + ("s " if len(it.paragraphs) > 1 else " ") + ", ".join(map(str, it.paragraphs))
        lines = [head]
        if it.subparagraphs:
            lines.append("subparagraphs " + ", ".join(it.subparagraphs))
        if it.section is not None:
            lines.append(f"section {it.section}")
        lines.append("version: " + (f"{it.version} the amendments" if it.version else "not stated"))
        lines.append(f"law: {it.law}" + (" · one article of a range" if it.from_range else ""))
        return lines
    if kind == "cit" and isinstance(it, Citation):
        head = it.author + (f" {it.label}" if it.label is not None else "")
        head += f", {it.year}" if it.year is not None else ", n.d."
        lines = [head, f"calendar: {it.calendar}" + (f" · page {it.page}" if it.page else ""), f"kind: {it.kind}"]
        if it.source_key:
            lines.append(f"source: {it.source_key}")
        return lines
    if kind == "date" and isinstance(it, DateItem):
        lines = [f"{it.value} ({it.calendar})"]
        lines.append("Gregorian: " + (it.gregorian if it.gregorian else "— (a Jalali year alone)"))
        lines.append(f"precision: {it.precision}")
        return lines
    if kind == "stat" and isinstance(it, Statistic):
        unit = it.unit or ""
        value = _num(it.value) + ("%" if unit in ("%", "percent") else (f" {unit}" if unit else ""))
        lines = [value, f"kind: {it.kind}"]
        lines.append("subject: " + (it.subject if it.subject else "—"))
        if it.table_cell:
            lines.append(f"table cell: {it.table_cell}")
        return lines
    return [str(getattr(it, "id", ""))]


def _span_text(span: Span) -> str:
    where = (f"p{span.page} " if span.page is not None else "") + f"L{span.line}:{span.start}-{span.end}"
    return where


# ----------------------------------------------------------------------------------------------------------
# HTML


def _e(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _segment_attrs(pieces: list[_Piece]) -> str:
    items = [p for p in pieces if p.kind != "cell"]
    cells = [p for p in pieces if p.kind == "cell"]
    order = sorted(items, key=lambda p: (p.start, -p.end, p.order))
    ids = list(dict.fromkeys(_tok(p.ident) for p in order))
    heads = list(dict.fromkeys(_tok(p.ident) for p in order if p.head))
    cell_ids = list(dict.fromkeys(_tok(p.ident) for p in sorted(cells, key=lambda p: (p.start, -p.end, p.order))))
    kinds = list(dict.fromkeys(p.kind for p in sorted(items, key=lambda p: [k for k, _, _ in KINDS].index(p.kind))))
    attrs = []
    classes = ["hl"] + [f"k-{k}" for k in kinds] + (["k-cell"] if cells else [])
    if len(ids) > 1:
        classes.append("multi")
    attrs.append(f'class="{" ".join(classes)}"')
    if ids:
        attrs.append(f'data-item-id="{_e(" ".join(ids))}"')
    if heads:
        attrs.append(f'data-head="{_e(" ".join(heads))}"')
    if cell_ids:
        attrs.append(f'data-cell-id="{_e(" ".join(cell_ids))}"')
    attrs.append(f'data-tip="{_e(" ".join(ids + cell_ids))}"')
    colours = [COLOURS[k][0] for k in kinds] + ([COLOURS["cell"][0]] if cells and not kinds else [])
    if len(colours) > 1:
        step = 100 / len(colours)
        stops = ", ".join(f"{c} {i * step:.0f}% {(i + 1) * step:.0f}%" for i, c in enumerate(colours))
        attrs.append(f'style="background: linear-gradient(to bottom, {stops})"')
    attrs.append('tabindex="0"')
    return " ".join(attrs)


def _render_line(text: str, pieces: list[_Piece]) -> str:
    if not pieces:
        return _e(text)
    cuts = sorted({0, len(text)} | {p.start for p in pieces} | {p.end for p in pieces})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        cover = [p for p in pieces if p.start <= a and b <= p.end]
        # a head is the first elementary segment of the main span only
        cover = [p if not p.head or p.start == a else _Piece(p.start, p.end, p.ident, p.kind, False, p.order)
                 for p in cover]
        if cover:
            out.append(f"<mark {_segment_attrs(cover)}>{_e(text[a:b])}</mark>")
        else:
            out.append(_e(text[a:b]))
    return "".join(out)


def _line_id(page: Optional[int], line: int) -> str:
    return (f"p{page}-" if page is not None else "") + f"L{line}"


def _render_table(t: Table) -> str:
    lang = t.lang or "fa"
    direction = "rtl" if lang == "fa" else "ltr"
    width = max((len(r.cells) for r in t.rows), default=0)
    parts = [f'<figure class="table-view" data-table-id="{_e(_tok(t.id))}" dir="{direction}" lang="{lang}">']
    title = f"Table {t.number}" if t.number is not None else "Table"
    parts.append(f'<figcaption><span class="tag">{_e(title)}</span> {_e(t.caption or "")} '
                 f'<span class="meta" dir="ltr">{_e(t.id)} · {_e(_span_text(t.span))}</span></figcaption>')
    parts.append("<table>")
    cols = list(t.columns)
    if cols:
        if len(cols) == width:
            cols = [""] + cols
        parts.append("<thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in cols) + "</tr></thead>")
    parts.append("<tbody>")
    for row in t.rows:
        cells = []
        for c in row.cells:
            shown = c.text if c.text is not None else ("" if c.value is None else _num(c.value))
            cells.append(f'<td data-cell-id="{_e(_tok(c.id))}" data-tip="{_e(_tok(c.id))}" tabindex="0">'
                         f"{_e(shown)}</td>")
        cells += ["<td class=\"empty\"></td>"] * (width - len(row.cells))
        parts.append(f'<tr><th scope="row">{_e(row.label)}</th>{"".join(cells)}</tr>')
    parts.append("</tbody></table>")
    if t.source:
        parts.append(f'<div class="table-source">{_e(t.source)}</div>')
    parts.append("</figure>")
    return "".join(parts)


def _json_for_script(obj: Any) -> str:
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_review(ex: Extraction) -> str:
    """The review page of ``ex`` as one self-contained HTML string (deterministic: same input, same bytes)."""
    # the items, once each, in a fixed order
    items: list[tuple[str, Any]] = []
    seen: set[str] = set()
    warnings: list[str] = []
    for kind, _label, attr in KINDS:
        for it in getattr(ex, attr):
            if it.id in seen:
                warnings.append(f"duplicate item id {it.id} ({attr}): shown once")
                continue
            seen.add(it.id)
            items.append((kind, it))
    cells = [(t, row, c) for t in ex.tables for row in t.rows for c in row.cells]

    layout = _Layout(ex)

    unplaced: list[tuple[str, Any, list[Span]]] = []
    for order, (kind, it) in enumerate(items):
        spans = [it.span, *it.continued]
        where = [layout.place(s) if s.end > s.start else None for s in spans]
        if any(w is None for w in where):
            # all or nothing: an item is shown whole in the text, or whole in the "not placed" list
            unplaced.append((kind, it, spans))
            continue
        for j, (s, (k, i)) in enumerate(zip(spans, where)):
            layout.views[k].pieces[i].append(_Piece(s.start, s.end, it.id, kind, j == 0, order))
    for order, (_t, _row, c) in enumerate(cells, len(items)):
        if c.span is None or c.span.end <= c.span.start:
            continue
        w = layout.place(c.span)
        if w is not None:
            layout.views[w[0]].pieces[w[1]].append(_Piece(c.span.start, c.span.end, c.id, "cell", False, order))
    loose_tables: list[Table] = []
    for t in ex.tables:
        w = layout.place(t.span) if t.span.end > t.span.start else None
        if w is None:
            w = layout.at.get(_span_key(t.span))
        if w is None:
            loose_tables.append(t)
        else:
            layout.views[w[0]].tables_after.append(t)

    # data for the tooltips and the panel
    data: dict[str, dict] = {}
    for kind, it in items:
        data[_tok(it.id)] = {
            "k": kind,
            "label": dict((k, l) for k, l, _ in KINDS)[kind],
            "v": _describe(kind, it),
            "raw": " ⏎ ".join(s.text for s in [it.span, *it.continued]),
            "at": _span_text(it.span),
            "zone": it.zone,
            "dir": "rtl" if it.lang == "fa" else "ltr",
        }
    for t, row, c in cells:
        v = c.text if c.text is not None else ("" if c.value is None else _num(c.value))
        data[_tok(c.id)] = {
            "k": "cell", "label": "Table cell",
            "v": [f"{v}", f"row: {row.label}", f"table: {t.id}" + (f" ({t.number})" if t.number is not None else "")],
            "raw": c.span.text if c.span else "", "at": _span_text(c.span) if c.span else "", "zone": "table",
            "dir": "rtl" if t.lang == "fa" else "ltr",
        }
    known = set(data) | {_tok(t.id) for t in ex.tables} | {_tok(b.id) for b in ex.blocks}

    out: list[str] = []
    w = out.append
    src = ex.source
    name = Path(src.path).name
    w("<!DOCTYPE html>\n")
    w('<html lang="en" dir="ltr"><head><meta charset="utf-8">')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">')
    w("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'; img-src data:\">")
    w(f"<title>kavosh review · {_e(name)}</title>")
    w(f"<style>{_CSS}</style></head>")
    w('<body data-ready="0">')

    # header
    counts = ex.counts()
    w('<header class="top"><div class="title">')
    w(f'<h1>{_e(name)}</h1><div class="meta">{_e(src.path)} · {_e(src.format)}'
      + (f" · {src.pages} pages" if src.pages else "")
      + f' · sha256 {_e(src.sha256[:12])} · kavosh {_e(ex.pipeline_version)} · schema {_e(ex.schema_version)}'
      + f" · {len(ex.blocks)} blocks · {len(ex.repairs)} repairs</div></div>")
    w('<div class="legend">')
    for kind, label, attr in KINDS:
        w(f'<span class="hl k-{kind} legend-key">{_e(label)}s <b>{counts[attr]}</b></span>')
    w(f'<span class="legend-key">Tables <b>{counts["tables"]}</b></span>')
    w('<label class="toggle"><input type="checkbox" id="show-norm"> normalized reading</label>')
    w("</div></header>")

    # the document
    w('<div class="layout"><main id="doc">')
    prev_page: Any = object()
    for v in layout.views:
        b = v.block
        if b.page != prev_page and b.page is not None:
            w(f'<div class="page-break" id="page-{b.page}">page {b.page}</div>')
        prev_page = b.page
        direction = "rtl" if b.lang == "fa" else "ltr"
        w(f'<section class="block zone-{_e(b.zone)}" id="{_e(_tok(b.id))}" data-block-id="{_e(_tok(b.id))}" '
          f'data-zone="{_e(b.zone)}" lang="{_e(b.lang)}" dir="{direction}">')
        where = (f"p{b.page} " if b.page is not None else "") + (
            f"L{b.line_start}" if b.line_start == b.line_end else f"L{b.line_start}–{b.line_end}")
        w(f'<div class="block-meta" dir="ltr"><span class="zone-tag">{_e(b.zone)}</span> {_e(b.id)} · {_e(b.lang)} '
          f"· {where}</div>")
        w('<div class="raw">')
        for i, text in enumerate(v.texts):
            ln = v.numbers[i]
            cls = "no" if v.exact[i] else "no inferred"
            title = "" if v.exact[i] else ' title="line number inferred"'
            w(f'<div class="ln" id="{_line_id(b.page, ln)}" data-line="{ln}"><span class="{cls}" dir="ltr"{title}>{ln}'
              f'</span><span class="tx">{_render_line(text, v.pieces.get(i, []))}</span></div>')
        w("</div>")
        if b.normalized and b.normalized != b.text:
            w(f'<div class="norm"><span class="norm-tag" dir="ltr">normalized</span>{_e(b.normalized)}</div>')
        w("</section>")
        for t in v.tables_after:
            w(_render_table(t))
    if loose_tables:
        w('<section class="extra"><h2>Tables not anchored in the text</h2>')
        for t in loose_tables:
            w(_render_table(t))
        w("</section>")
    if unplaced:
        w('<section class="extra unplaced"><h2>Items not placed in the text</h2>'
          "<p>Their spans do not match any block line (a span must be the exact raw characters).</p><ul>")
        for kind, it, spans in unplaced:
            t = _tok(it.id)
            w(f'<li dir="auto"><mark class="hl k-{kind}" data-item-id="{_e(t)}" data-head="{_e(t)}" data-tip="{_e(t)}" '
              f'data-unplaced="1" tabindex="0">{_e(" ⏎ ".join(s.text for s in spans) or "(empty span)")}</mark> '
              f'<span class="meta" dir="ltr">{_e(it.id)} · {_e(", ".join(_span_text(s) for s in spans))}</span></li>')
        w("</ul></section>")
    w("</main>")

    # the panel
    w('<aside id="panel"><section class="checks"><h2>Checks</h2>')
    checks = sorted(ex.checks, key=lambda c: VERDICT_ORDER.get(c.verdict, 3))
    tally = {k: sum(c.verdict == k for c in ex.checks) for k in VERDICT_ORDER}
    w(f'<div class="tally"><span class="v-inconsistent">{tally["inconsistent"]} inconsistent</span> · '
      f'<span class="v-unverifiable">{tally["unverifiable"]} unverifiable</span> · '
      f'<span class="v-consistent">{tally["consistent"]} consistent</span></div>')
    if not checks:
        w('<p class="none">No checks for this source.</p>')
    w('<ol class="check-list">')
    for c in checks:
        w(_render_check(c, known))
    w("</ol></section>")
    w('<section class="items"><h2>Items</h2>')
    for kind, label, attr in KINDS:
        group = [it for k, it in items if k == kind]
        w(f'<details class="item-group"><summary><span class="hl k-{kind}">{_e(label)}s</span> {len(group)}</summary><ul>')
        for it in group:
            w(f'<li><button type="button" class="goto" data-goto="{_e(_tok(it.id))}">'
              f'<span class="v">{_e(_describe(kind, it)[0])}</span> <span class="meta">{_e(_span_text(it.span))}</span>'
              f"</button></li>")
        w("</ul></details>")
    if warnings:
        w('<div class="warnings"><h3>Warnings</h3><ul>' + "".join(f"<li>{_e(x)}</li>" for x in warnings) + "</ul></div>")
    w("</section></aside></div>")
    w('<div id="tip" role="tooltip" hidden></div>')
    w(f'<script type="application/json" id="kavosh-data">{_json_for_script(data)}</script>')
    w(f"<script>{_JS}</script>")
    w("</body></html>\n")
    return "".join(out)


def _render_check(c: Check, known: set[str]) -> str:
    ev = [_tok(e) for e in c.evidence]
    found = [e for e in ev if e in known]
    parts = [f'<li class="check v-{_e(c.verdict)}">']
    parts.append(f'<button type="button" class="check-btn" data-check-id="{_e(_tok(c.id))}" '
                 f'data-evidence="{_e(" ".join(found))}" data-verdict="{_e(c.verdict)}">')
    parts.append(f'<span class="verdict">{_e(c.verdict)}</span> <span class="kind">{_e(c.kind)}</span>')
    parts.append(f'<span class="claim" dir="auto">{_e(c.claim)}</span>')
    if c.expected is not None or c.observed is not None:
        parts.append(f'<span class="nums">expected <b>{_e(_num(c.expected))}</b> · observed <b>{_e(_num(c.observed))}</b>'
                     "</span>")
    if c.reason:
        parts.append(f'<span class="reason" dir="auto">{_e(c.reason)}</span>')
    parts.append("</button>")
    if ev:
        parts.append('<div class="ev">evidence: ')
        for e in ev:
            if e in known:
                parts.append(f'<button type="button" class="goto chip" data-goto="{_e(e)}">{_e(e)}</button> ')
            else:
                parts.append(f'<span class="chip missing" title="not found on this page">{_e(e)}</span> ')
        parts.append("</div>")
    parts.append("</li>")
    return "".join(parts)


def _kind_css() -> str:
    rules = []
    for k, (bg, border) in COLOURS.items():
        rules.append(f"mark.hl.k-{k}, .hl.k-{k} {{ background: {bg}; box-shadow: inset 0 -2px 0 {border}; }}")
    return "\n".join(rules)


_CSS = (
    """
:root { --fa: """ + FONT_FA + """; --en: """ + FONT_EN + """; --mono: """ + FONT_MONO + """; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: var(--en); color: #1d1d1f; background: #f4f4f2; font-size: 15px; }
header.top { position: sticky; top: 0; z-index: 5; background: #23272e; color: #f0f0f0; padding: 8px 16px;
  display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; justify-content: space-between; }
header.top h1 { font-size: 17px; margin: 0; }
header.top .meta { font-size: 12px; color: #b8bcc4; }
.legend { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 13px; }
.legend-key { padding: 2px 8px; border-radius: 3px; color: #1d1d1f; background: #ddd; }
.toggle { color: #f0f0f0; font-size: 13px; cursor: pointer; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 390px; gap: 0; align-items: start; }
main#doc { padding: 12px 20px 60vh 20px; min-width: 0; }
aside#panel { position: sticky; top: 52px; height: calc(100vh - 52px); overflow: auto; background: #fff;
  border-inline-start: 1px solid #d6d6d2; padding: 8px 12px; font-size: 13px; }
aside h2 { font-size: 15px; margin: 6px 0; }
.block { background: #fff; border: 1px solid #e2e2dc; border-radius: 4px; margin: 8px 0; padding: 4px 10px 6px; }
.block[lang="fa"] { font-family: var(--fa); font-size: 17px; line-height: 1.9; }
.block[lang="en"] { font-family: var(--en); line-height: 1.6; }
.block-meta { font-family: var(--en); font-size: 11px; color: #80838a; text-align: left; }
.zone-tag { text-transform: uppercase; letter-spacing: .04em; font-weight: bold; }
.ln { display: flex; gap: 10px; align-items: baseline; }
.ln .no { flex: 0 0 3.2em; font-family: var(--mono); font-size: 11px; color: #8a8d93; text-align: end;
  user-select: none; direction: ltr; unicode-bidi: isolate; }
.ln .no.inferred { color: #b4b7bc; font-style: italic; }
.ln .no.inferred::before { content: "~"; }
.ln .tx { white-space: pre-wrap; overflow-wrap: anywhere; flex: 1 1 auto; min-width: 0; }
.ln:target { background: #fffbd6; }
.zone-heading .tx { font-weight: bold; }
.zone-abstract { background: #fbfbf6; }
.zone-quote { border-inline-start: 4px solid #9aa7b8; background: #f7f9fc; }
.zone-caption .tx { font-style: italic; }
.zone-table .tx { font-family: var(--mono), var(--fa); font-size: 14px; }
.block[lang="fa"].zone-table .tx { font-family: var(--fa); }
.zone-header, .zone-footnote { background: #ecebe6; border: 1px dashed #a7a59c; color: #4a4a46; font-size: 13px;
  margin-inline-start: 3em; }
.zone-header .zone-tag { color: #8d5a00; }
.zone-footnote .zone-tag { color: #006a70; }
.block[lang="fa"].zone-header, .block[lang="fa"].zone-footnote { font-size: 14px; }
.page-break { text-align: center; color: #8a8d93; font-size: 12px; border-top: 2px solid #c9c9c3; margin: 16px 0 4px;
  padding-top: 2px; }
.norm { display: none; white-space: pre-wrap; border-top: 1px dotted #c9c9c3; margin-top: 4px; padding-top: 4px;
  color: #3a4a5a; }
body.show-norm .norm { display: block; }
.norm-tag { font-family: var(--en); font-size: 10px; color: #80838a; text-transform: uppercase; margin-inline-end: 8px; }
mark.hl { color: inherit; border-radius: 2px; padding: 0; cursor: help; }
mark.hl.multi { outline: 1px dotted #555; outline-offset: -1px; }
mark.hl:focus { outline: 2px solid #000; outline-offset: 1px; }
.ev-marked { outline: 3px solid #e0245e !important; outline-offset: 1px; animation: pulse 1.2s ease-out 2; }
@keyframes pulse { 0% { outline-color: #ff7aa2; } 100% { outline-color: #e0245e; } }
figure.table-view { background: #fff; border: 1px solid #c9c9c3; margin: 8px 0 12px; padding: 6px 10px; }
figure.table-view[lang="fa"] { font-family: var(--fa); }
figcaption { font-size: 14px; margin-bottom: 4px; }
figcaption .tag { font-weight: bold; }
figcaption .meta, .meta { font-family: var(--en); font-size: 11px; color: #80838a; }
figure table { border-collapse: collapse; font-size: 14px; }
figure th, figure td { border: 1px solid #bdbdb6; padding: 2px 8px; text-align: center; }
figure thead th { background: #eeede8; }
figure tbody th { text-align: start; background: #f7f7f3; font-weight: normal; }
figure td[data-cell-id]:focus { outline: 2px solid #000; }
.table-source { font-size: 12px; color: #5a5a56; margin-top: 4px; }
.extra { background: #fff4f4; border: 1px solid #e7b4b4; padding: 6px 12px; margin: 12px 0; }
.tally { margin-bottom: 6px; }
.v-inconsistent .verdict, .tally .v-inconsistent { color: #b00020; font-weight: bold; }
.v-unverifiable .verdict, .tally .v-unverifiable { color: #8a6d00; font-weight: bold; }
.v-consistent .verdict, .tally .v-consistent { color: #1e7b34; font-weight: bold; }
ol.check-list { list-style: none; margin: 0; padding: 0; }
li.check { border: 1px solid #e2e2dc; border-inline-start: 5px solid #bbb; border-radius: 3px; margin: 6px 0; padding: 0; }
li.check.v-inconsistent { border-inline-start-color: #b00020; background: #fff6f7; }
li.check.v-unverifiable { border-inline-start-color: #d6a800; }
li.check.v-consistent { border-inline-start-color: #1e7b34; }
li.check.selected { box-shadow: 0 0 0 2px #e0245e; }
.check-btn { display: block; width: 100%; text-align: start; background: none; border: 0; padding: 6px 8px; cursor: pointer;
  font: inherit; color: inherit; }
.check-btn > span { display: block; }
.check-btn .verdict, .check-btn .kind { display: inline; }
.check-btn .kind { color: #5a5a56; font-family: var(--mono); font-size: 12px; }
.check-btn .claim { font-family: var(--fa); margin: 2px 0; }
.check-btn .reason { color: #5a5a56; font-size: 12px; }
.ev { padding: 0 8px 6px; font-size: 12px; color: #5a5a56; }
.chip { font-family: var(--mono); font-size: 11px; border: 1px solid #c9c9c3; border-radius: 10px; background: #f7f7f3;
  padding: 0 6px; cursor: pointer; }
.chip.missing { text-decoration: line-through; color: #b00020; cursor: default; }
.item-group ul { list-style: none; padding: 0; margin: 2px 0 6px; }
.goto { background: none; border: 0; padding: 1px 2px; cursor: pointer; font: inherit; text-align: start; color: inherit; }
.goto:hover { background: #f0f0ea; }
.item-group .v { font-family: var(--fa); }
#tip { position: absolute; z-index: 20; max-width: 380px; background: #111; color: #fff; font-family: var(--en);
  font-size: 13px; line-height: 1.45; padding: 6px 9px; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.35);
  pointer-events: none; direction: ltr; text-align: left; }
#tip .it + .it { border-top: 1px solid #555; margin-top: 4px; padding-top: 4px; }
#tip .lab { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; opacity: .75; }
#tip .v0 { font-weight: bold; font-family: var(--en), var(--fa); unicode-bidi: plaintext; }
#tip .raw { opacity: .85; }
#tip .raw bdi { font-family: var(--fa); }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } aside#panel { position: static; height: auto; } }
"""
    + _kind_css()
)

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kavosh-data").textContent);
  var tip = document.getElementById("tip");
  var shownFor = null;

  function q(attr, id) { return '[' + attr + '~="' + CSS.escape(id) + '"]'; }
  function targets(id) {
    return Array.prototype.slice.call(document.querySelectorAll(
      'main ' + q("data-item-id", id) + ', main ' + q("data-cell-id", id) + ', ' +
      q("data-table-id", id) + ', ' + q("data-block-id", id)));
  }
  function showTip(el) {
    var ids = (el.getAttribute("data-tip") || "").split(" ").filter(Boolean);
    if (!ids.length) return;
    tip.textContent = "";
    ids.forEach(function (id) {
      var d = data[id]; if (!d) return;
      var box = document.createElement("div"); box.className = "it"; box.setAttribute("data-for", id);
      var lab = document.createElement("div"); lab.className = "lab"; lab.textContent = d.label + " · " + d.at;
      box.appendChild(lab);
      d.v.forEach(function (line, i) {
        var p = document.createElement("div"); p.className = i === 0 ? "v0" : "v"; p.textContent = line; box.appendChild(p);
      });
      if (d.raw) {
        var r = document.createElement("div"); r.className = "raw";
        var rl = document.createElement("span"); rl.className = "lab"; rl.textContent = "raw ";
        var rt = document.createElement("bdi"); rt.setAttribute("dir", d.dir || "auto"); rt.textContent = d.raw;
        r.appendChild(rl); r.appendChild(rt); box.appendChild(r);
      }
      tip.appendChild(box);
    });
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 6;
    var left = window.scrollX + Math.max(4, Math.min(r.left, document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.top = top + "px"; tip.style.left = left + "px";
    shownFor = el;
  }
  function hideTip(el) { if (!el || el === shownFor) { tip.hidden = true; shownFor = null; } }
  document.addEventListener("mouseover", function (e) {
    var el = e.target.closest && e.target.closest("[data-tip]"); if (el) showTip(el);
  });
  document.addEventListener("mouseout", function (e) {
    var el = e.target.closest && e.target.closest("[data-tip]");
    if (el && el !== document.activeElement) hideTip(el);
  });
  document.addEventListener("focusin", function (e) {
    var el = e.target.closest && e.target.closest("[data-tip]"); if (el) showTip(el);
  });
  document.addEventListener("focusout", function (e) {
    var el = e.target.closest && e.target.closest("[data-tip]"); if (el) hideTip(el);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(null); });

  function clearMarks() {
    document.querySelectorAll(".ev-marked").forEach(function (el) { el.classList.remove("ev-marked"); });
    document.querySelectorAll("li.check.selected").forEach(function (el) { el.classList.remove("selected"); });
  }
  function mark(ids) {
    var first = null;
    ids.forEach(function (id) {
      targets(id).forEach(function (el) {
        el.classList.add("ev-marked");
        var d = el.closest("details"); if (d) d.open = true;
        if (!first) first = el;
      });
    });
    if (first) first.scrollIntoView({ block: "center", inline: "nearest" });
    return first;
  }
  function selectCheck(btn) {
    clearMarks();
    btn.closest("li.check").classList.add("selected");
    mark((btn.getAttribute("data-evidence") || "").split(" ").filter(Boolean));
    if (history.replaceState) history.replaceState(null, "", "#check=" + encodeURIComponent(btn.getAttribute("data-check-id")));
  }
  window.kavoshSelectCheck = function (id) {
    var btn = document.querySelector(q("data-check-id", id)); if (btn) selectCheck(btn); return !!btn;
  };
  window.kavoshGoto = function (id) { clearMarks(); return !!mark([id]); };
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest(".check-btn");
    if (btn) { selectCheck(btn); return; }
    var go = e.target.closest && e.target.closest("[data-goto]");
    if (go) { clearMarks(); mark([go.getAttribute("data-goto")]); }
  });
  var norm = document.getElementById("show-norm");
  norm.addEventListener("change", function () { document.body.classList.toggle("show-norm", norm.checked); });
  var m = /^#check=(.+)$/.exec(location.hash);
  if (m) window.kavoshSelectCheck(decodeURIComponent(m[1]));
  document.body.setAttribute("data-ready", "1");
})();
"""
