"""PDF tables: the cell grids :mod:`extractors.pdf` found with pdfplumber (``doc.tables_from_layout``) as the
same :class:`~extractors.models.Table` as the text path.

Each grid is a dict: ``page``, ``bbox``, ``rows`` ([[cell text or None]] in reading order, the label side first;
None = covered by a spanning cell, "" = empty), ``caption``, ``caption_line`` ((page, line)), ``direction``,
``lines`` ([(page, line)] of each row's line in the Document) and ``cells`` ([[(start, end) or None]]: where each
cell sits in its row's line). What a careful reader does with it:
    - leading rows without figures are the header (``درصد`` over the percent column; ``پارلمان`` over the two
      label columns);
    - the leading text columns are the row label (``سنا`` + ``پیش از همه‌پرسی سال 2022``), a label cell covered
      by a cell above it (a row span) is carried down, and the parts are joined by `` — ``;
    - a row with one cell over the whole width is a section row (``آرا``), cells null;
    - figure cells are numbers (``77،18`` -> 77.18; ``6 سال`` -> 6, its text kept), other cells text;
    - a grid without a caption right after a captioned one, with the same header, goes on with it (a table
      broken by a page).
Only the dicts' documented keys are read; a grid without ``lines``/``cells`` still converts, without spans.
"""

from __future__ import annotations

import re
from typing import Optional

from . import numbers
from ._table_text import SOURCE_LINE, YEAR, caption_number
from .document import Document, Line
from .models import Cell, Row, Span, Table, item_id
from .script import fold_digits, lang_of

_NUM = r"[-−]?\d+(?:[.,،٫٬]\d+)*"
_CUR = r"[$€£¥₹﷼]"
_FIGURE = re.compile(rf"^\s*(?:{_CUR}\s?)?(?:(?P<n1>{_NUM})\s*(?P<p1>[%٪])?\s*(?P<u1>[^\d\s.,;:]+(?:\s[^\d\s.,;:]+)?)?"
                     rf"|(?P<u2>[^\d\s.,;:$€£¥₹﷼]+)\s+(?P<n2>{_NUM})\s*(?P<p2>[%٪])?)\s*$")
_MARKER = re.compile(r"(?<=[^\W\d_])\d{1,2}$")


def figure(text: Optional[str], lang: Optional[str] = None) -> Optional[tuple[float | int, str]]:
    """(value, the number's own text) when a cell is a figure: ``77،18``, ``6 سال``, ``107 نماینده``, ``12%``."""
    if not text:
        return None
    m = _FIGURE.match(fold_digits(text))
    if not m:
        return None
    num = m.group("n1") or m.group("n2")
    unit = m.group("u1") or m.group("u2") or ""
    if len(unit.split()) > 2:
        return None
    value = numbers.parse_digits(num.lstrip("-−"), lang)
    if value is None:
        return None
    if num[0] in "-−":
        value = -value
    return value, num


def convert(doc: Document) -> list[Table]:
    by_pos = {(ln.page, ln.number): ln for ln in doc.lines}
    out: list[Table] = []
    prev: Optional[dict] = None
    for grid in doc.tables_from_layout:
        t = _convert(doc, grid, by_pos, prev)
        if t is None:
            continue
        table, state = t
        if prev is None or table is not prev["table"]:
            out.append(table)
        prev = state
    return out


def _key(cells: list[Optional[str]]) -> list[str]:
    return [re.sub(r"[\s\u200c]+", "", c or "") for c in cells]


def _convert(doc: Document, grid: dict, by_pos: dict, prev: Optional[dict]):
    rows: list[list[Optional[str]]] = [list(r) for r in grid.get("rows") or []]
    if not rows:
        return None
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    row_lines: list[Optional[Line]] = [by_pos.get(tuple(p)) if p else None for p in grid.get("lines") or []]
    row_lines += [None] * (len(rows) - len(row_lines))
    spans = grid.get("cells") or []
    caption = grid.get("caption")
    lang = lang_of(caption or " ".join(c for r in rows for c in r if c), "fa")

    def is_fig(c: Optional[str]) -> bool:
        f = figure(c, lang)
        return f is not None and not (isinstance(f[0], int) and YEAR.match(str(f[0])) and not c.strip().isdigit())

    # a grid without a caption on the page after a table, as wide, repeating its header: the table goes on
    continuation = (
        prev is not None and not caption and prev["width"] == width and grid.get("page", 0) - prev["page"] in (0, 1)
        and (not prev["header_rows"] or _key(rows[0]) == _key(prev["header_rows"][0]))
    )
    if continuation:
        h = len(prev["header_rows"]) if prev["header_rows"] and _key(rows[0]) == _key(prev["header_rows"][0]) else 0
    elif not any(is_fig(c) for r in rows for c in r):
        h = 1 if len(rows) > 1 else 0  # a table of words: its first row names the columns
    else:
        # header: leading rows without figures
        h = 0
        while h < len(rows) - 1 and not any(is_fig(c) for c in rows[h]):
            h += 1
    header_rows, body = rows[:h], rows[h:]
    # label columns: leading columns holding no figure in any body row
    nlab = 0
    while nlab < width - 1 and not any(is_fig(r[nlab]) for r in body):
        nlab += 1
    nlab = max(nlab, 1) if any(is_fig(c) for r in body for c in r) else 1
    header = [" ".join(r[c] for r in header_rows if r[c]).strip() for c in range(width)]
    state = {"width": width, "page": grid.get("page", 0), "header_rows": header_rows}
    if continuation:
        state["header_rows"] = prev["header_rows"]
        nlab = prev["nlab"]

    cap_line = by_pos.get(tuple(grid["caption_line"])) if grid.get("caption_line") else None
    if continuation:
        table = prev["table"]
        carried = _last_labels(table, nlab)
    else:
        anchor = cap_line or next((ln for ln in row_lines if ln is not None), None)
        span = _whole(doc, anchor) if anchor is not None else Span(page=grid.get("page"), line=1, start=0, end=0, text="")
        table = Table(id=item_id("tbl", span), number=caption_number(caption) if caption else None,
                      caption=caption, span=span, lang=lang if lang in ("fa", "en") else "fa")
        table.columns = header[nlab:]
        table.source = _source(doc, row_lines, by_pos)
        carried = [""] * nlab
    state["table"] = table
    state["nlab"] = nlab
    if continuation and table.source is None:
        table.source = _source(doc, row_lines, by_pos)

    for k, r in enumerate(body):
        ri = h + k
        line = row_lines[ri]
        cell_pos = spans[ri] if ri < len(spans) else []

        def span_at(ci: int) -> Optional[Span]:
            if line is None or ci >= len(cell_pos) or not cell_pos[ci]:
                return None
            a, b = cell_pos[ci]
            if b <= a:
                return None
            try:
                return doc.span(line.offset + a, line.offset + b)
            except ValueError:
                return None

        present = [ci for ci, c in enumerate(r) if c is not None]
        section = len(present) == 1 and width > 1 and r[present[0]]
        n = len(table.rows) + 1
        if section:
            ci = present[0]
            label = _strip_marker(r[ci])
            cells = [Cell(id=f"{table.id}-r{n}-c{c + 1}") for c in range(width - nlab)]
            table.rows.append(Row(label=label, label_span=span_at(ci), cells=cells))
            continue
        parts = []
        label_span = None
        for c in range(nlab):
            if r[c] is None:
                parts.append(carried[c])  # covered by the cell above: a row span
                continue
            carried[c] = _strip_marker(r[c])
            parts.append(carried[c])
            if r[c].strip() and label_span is None:
                label_span = span_at(c)
        label = " — ".join(p for p in parts if p)
        cells = []
        for c in range(nlab, width):
            cid = f"{table.id}-r{n}-c{c - nlab + 1}"
            text = r[c]
            if text is None or not text.strip():
                cells.append(Cell(id=cid, value=None, text=None))
                continue
            f = figure(text, lang)
            value = f[0] if f else text
            cells.append(Cell(id=cid, value=value, text=text, span=span_at(c)))
        table.rows.append(Row(label=label, label_span=label_span, cells=cells))
    return table, state


def _last_labels(table: Table, nlab: int) -> list[str]:
    if not table.rows:
        return [""] * nlab
    parts = table.rows[-1].label.split(" — ")
    return (parts + [""] * nlab)[:nlab] if len(parts) <= nlab else parts[:nlab]


def _strip_marker(text: str) -> str:
    t = text.strip()
    return _MARKER.sub("", fold_digits(t)) if _MARKER.search(fold_digits(t)) else t


def _whole(doc: Document, line: Line) -> Span:
    try:
        return doc.span(line.offset, line.end)
    except ValueError:
        return Span(page=line.page, line=line.number, start=0, end=len(line.text), text=line.text)


def _source(doc: Document, row_lines: list[Optional[Line]], by_pos: dict) -> Optional[str]:
    last = next((ln for ln in reversed(row_lines) if ln is not None), None)
    if last is None:
        return None
    for k in range(1, 4):
        ln = by_pos.get((last.page, last.number + k))
        if ln is None:
            break
        m = SOURCE_LINE.match(ln.text)
        if m:
            return m.group("rest")
    return None
