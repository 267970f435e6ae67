"""PDF ingest, part 2: the layout of one page: rulings, tables and boxes, lines, columns, footnotes, captions.

Used only by :mod:`extractors.pdf`. Everything here is geometry; text is read through :mod:`._pdf_text`.

* **Rulings**: stroked lines, stroked rectangles' sides, thin filled rectangles, and the visible strips of
  *frames* (an outer filled rectangle with an inner one just inside it, filled even-odd: how WeasyPrint draws
  borders). Large filled rectangles are cell shading, not rulings.
* **Tables and boxes**: pdfplumber's table finder on those rulings (explicit edges: no text strategy, no page
  rescans). A one-cell "table" is a box (a boxed quote); the rest are tables, read cell by cell.
* **Lines**: glyphs grouped by baseline; a cluster of smaller glyphs raised or lowered against a line
  (footnote markers) joins it, and so do clusters side by side whose baselines differ by under half an em (two
  scripts' fonts on one table row, pdfmake).
* **Columns**: a vertical gutter with no ink in most lines, with lines on both sides; lines are split at it and
  read column by column (the right column first on a right-to-left page), full-width lines break the runs.
* **Footnotes**: the lines under a rule in the lower part of the page that starts or ends at a text margin (not a
  fraction bar), when they are smaller than the body text; without a rule, a run of smaller lines at the bottom
  that starts with a marker.
* **Table direction**: its script, or for Latin cells their alignment (pdfmake's ``rtl: true``).
* **Lines of Latin letters only** on a right-to-left page take their direction from layout.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ._pdf_text import Glyph, KIND_SPACE, KIND_ZWNJ, line_text, strong_counts

BBox = tuple[float, float, float, float]


@dataclass
class PLine:
    """A line of a page before numbering: its glyphs, box, text and what layout knows about it."""

    glyphs: list[Glyph]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    text: str = ""
    rtl: bool = True
    zone: Optional[str] = None
    col: int = 0  # 0: full width; 1: left column; 2: right column
    box: Optional[int] = None
    markers: list[str] = field(default_factory=list)  # superscript numbers in the line (footnote markers)
    table: Optional[int] = None  # index into the page's tables for a table row line
    row: Optional[int] = None
    block_rtl: bool = True  # direction of the line's block (the page's, or its table's)
    lead_marker: bool = False  # the first line of a footnote (its number leads)
    number: int = 0  # line number in the page's reading order, set when the page is assembled
    force_rtl: Optional[bool] = None  # direction from layout for a line of Latin letters only

    @property
    def bbox(self) -> BBox:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


@dataclass
class PTable:
    bbox: BBox
    rows: list[list[Optional[BBox]]]  # pdfplumber rows, cells left to right (None: covered by a spanning cell)
    rtl: bool = True
    cells: list[list[Optional[str]]] = field(default_factory=list)  # reading order
    cell_bboxes: list[list[Optional[BBox]]] = field(default_factory=list)
    lines: list[PLine] = field(default_factory=list)  # one per row
    cell_spans: list[list[Optional[tuple[int, int]]]] = field(default_factory=list)  # in the row line's text
    caption: Optional[PLine] = None
    cell_lines: list[list[Optional[list[PLine]]]] = field(default_factory=list)  # reading order, per cell


# --------------------------------------------------------------------------------------------- rulings


def rulings(page_lines: list[dict], rects: list[dict]) -> tuple[list[dict], list[dict]]:
    """(horizontal, vertical) ruling edges of a page as pdfplumber line-like dicts."""
    h: list[dict] = []
    v: list[dict] = []
    for ln in page_lines:
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if bottom - top <= 1.0 and x1 - x0 > 1.0:
            h.append(_edge(x0, x1, (top + bottom) / 2, (top + bottom) / 2))
        elif x1 - x0 <= 1.0 and bottom - top > 1.0:
            v.append(_edge((x0 + x1) / 2, (x0 + x1) / 2, top, bottom))
    filled = []
    for r in rects:
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        w, ht = x1 - x0, bottom - top
        if w < 0.5 and ht < 0.5:
            continue
        if ht <= 2.0:
            h.append(_edge(x0, x1, (top + bottom) / 2, (top + bottom) / 2))
        elif w <= 2.0:
            v.append(_edge((x0 + x1) / 2, (x0 + x1) / 2, top, bottom))
        elif r.get("stroke"):
            h.append(_edge(x0, x1, top, top))
            h.append(_edge(x0, x1, bottom, bottom))
            v.append(_edge(x0, x0, top, bottom))
            v.append(_edge(x1, x1, top, bottom))
        elif r.get("fill"):
            filled.append((x0, top, x1, bottom))
    # frames: an outer filled rectangle with an inner one just inside: the strips between them are borders
    if 1 < len(filled) <= 400:
        filled.sort(key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)
        for i, a in enumerate(filled):
            for b in filled[i + 1:]:
                ml, mt, mr, mb = b[0] - a[0], b[1] - a[1], a[2] - b[2], a[3] - b[3]
                if min(ml, mt, mr, mb) < -0.01 or max(ml, mt, mr, mb) > 3.0 or max(ml, mt, mr, mb) < 0.05:
                    continue
                if mt > 0.05:
                    h.append(_edge(a[0], a[2], (a[1] + b[1]) / 2, (a[1] + b[1]) / 2))
                if mb > 0.05:
                    h.append(_edge(a[0], a[2], (a[3] + b[3]) / 2, (a[3] + b[3]) / 2))
                if ml > 0.05:
                    v.append(_edge((a[0] + b[0]) / 2, (a[0] + b[0]) / 2, a[1], a[3]))
                if mr > 0.05:
                    v.append(_edge((a[2] + b[2]) / 2, (a[2] + b[2]) / 2, a[1], a[3]))
                break
    return h, v


def _edge(x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top}


def find_tables(page, h: list[dict], v: list[dict]) -> tuple[list[PTable], list[BBox]]:  # noqa: ANN001
    """Tables (two cells or more) and boxes (one cell) from the page's rulings with pdfplumber's table finder."""
    if len(h) < 2 or len(v) < 2:
        return [], []
    from pdfplumber.table import TableFinder, TableSettings

    settings = TableSettings.resolve({
        "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
        "explicit_vertical_lines": v, "explicit_horizontal_lines": h,
        "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3, "edge_min_length": 3,
    })
    finder = TableFinder(page, settings)
    tables, boxes = [], []
    in_tables = set()
    for t in finder.tables:
        in_tables.update(t.cells)
        x0, top, x1, bottom = t.bbox
        if x1 - x0 < 5 or bottom - top < 5:
            continue
        tables.append(PTable(bbox=t.bbox, rows=[list(r.cells) for r in t.rows]))
    for c in finder.cells:  # pdfplumber drops one-cell tables: those are the boxes
        if c not in in_tables and c[2] - c[0] >= 20 and c[3] - c[1] >= 8:
            boxes.append(c)
    return tables, boxes


# --------------------------------------------------------------------------------------------- lines


def cluster_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines by baseline; smaller raised/lowered clusters (markers) join their line."""
    if not glyphs:
        return []
    gs = sorted(glyphs, key=_base)
    clusters: list[list[Glyph]] = []
    cur = [gs[0]]
    ref = gs[0].base
    ref_size = gs[0].size
    for g in gs[1:]:
        if g.base - ref <= 0.25 * (g.size if g.size < ref_size else ref_size):
            cur.append(g)
        else:
            clusters.append(cur)
            cur = [g]
            ref = g.base
            ref_size = g.size
    clusters.append(cur)
    if len(clusters) == 1:
        return clusters
    # a cluster of smaller glyphs set off the baseline of a neighbouring line (superscript/subscript) joins it
    info = [_cinfo(c) for c in clusters]
    merged_into: dict[int, int] = {}
    for i, (size, base, x0, x1, n) in enumerate(info):
        best = None
        for j in (i - 2, i - 1, i + 1, i + 2):
            if j < 0 or j >= len(info) or j == i or j in merged_into:
                continue
            s2, b2, a0, a1, n2 = info[j]
            if s2 < size * 1.15 or n2 < n:
                continue
            if not (b2 - 0.65 * s2 <= base <= b2 + 0.4 * s2):
                continue
            if x1 < a0 - 1.5 * s2 or x0 > a1 + 1.5 * s2:
                continue
            d = abs(base - b2)
            if best is None or d < best[0]:
                best = (d, j)
        if best is not None:
            merged_into[i] = best[1]
    out = []
    for i, c in enumerate(clusters):
        if i in merged_into:
            j = merged_into[i]
            while j in merged_into:
                j = merged_into[j]
            clusters[j].extend(c)
    for i, c in enumerate(clusters):
        if i not in merged_into:
            out.append(c)
    return _merge_side_by_side(out)


def _merge_side_by_side(clusters: list[list[Glyph]]) -> list[list[Glyph]]:
    """Clusters side by side (their ink does not overlap horizontally) whose baselines differ by under half an em
    are one line: fonts of two scripts set on one row do not always share a baseline (pdfmake's Roboto and Cairo
    in one table row)."""
    if len(clusters) < 2:
        return clusters
    info = [_cinfo(c) for c in clusters]
    order = sorted(range(len(clusters)), key=lambda i: info[i][1])
    out: list[list[Glyph]] = []
    cur = clusters[order[0]]
    cs, cb = info[order[0]][0], info[order[0]][1]
    ink = _runs(cur, cs)
    for i in order[1:]:
        size, base = info[i][0], info[i][1]
        em = min(size, cs)
        if base - cb <= 0.5 * em and 0.75 <= size / cs <= 1.33:
            other = _runs(clusters[i], size)
            if all(b1 < a0 - 0.5 * em or a1 > b0 + 0.5 * em for a0, b0 in ink for a1, b1 in other):
                cur = cur + clusters[i]
                ink = ink + other
                continue
        out.append(cur)
        cur, cs, cb = clusters[i], size, base
        ink = _runs(cur, cs)
    out.append(cur)
    return out


def _runs(glyphs: list[Glyph], em: float) -> list[tuple[float, float]]:
    """Horizontal extents of a cluster's ink, glyphs closer than an em joined."""
    out: list[list[float]] = []
    for g in sorted(glyphs, key=lambda g: g.x0):
        if g.kind == KIND_SPACE:
            continue
        if out and g.x0 - out[-1][1] < em:
            out[-1][1] = max(out[-1][1], g.x1)
        else:
            out.append([g.x0, g.x1])
    return [(a, b) for a, b in out]


def _base(g: Glyph) -> float:
    return g.base


def _cinfo(c: list[Glyph]) -> tuple[float, float, float, float, int]:
    sizes = sorted(g.size for g in c)
    return (sizes[len(sizes) // 2], sum(g.base for g in c) / len(c), min(g.x0 for g in c), max(g.x1 for g in c), len(c))


def make_line(glyphs: list[Glyph]) -> Optional[PLine]:
    ink = [g for g in glyphs if g.kind != KIND_SPACE]
    if not ink:
        return None
    sizes = sorted(g.size for g in ink)
    size = sizes[len(sizes) // 2]
    x0 = min(g.x0 for g in ink)
    x1 = max(g.x1 for g in ink)
    top = min(g.top for g in ink if g.size >= 0.85 * size)
    bottom = max(g.bottom for g in ink if g.size >= 0.85 * size)
    fonts = Counter(g.font for g in ink)
    bold = sum(n for f, n in fonts.items() if _is_bold(f)) * 2 > len(ink)
    ln = PLine(glyphs=glyphs, x0=x0, x1=x1, top=top, bottom=bottom, size=round(size, 2), bold=bold)
    # superscript digits: footnote markers
    small = [g for g in ink if g.size < 0.85 * size and g.text.isdigit()]
    if small:
        small.sort(key=lambda g: g.x0)
        run = [small[0]]
        for g in small[1:]:
            if g.x0 - run[-1].x1 < 0.3 * g.size:
                run.append(g)
            else:
                ln.markers.append(_digits("".join(x.text for x in run)))
                run = [g]
        ln.markers.append(_digits("".join(x.text for x in run)))
    return ln


_BOLD = re.compile(r"bold|black|heavy|semibold|demi|medium", re.I)


@lru_cache(maxsize=256)
def _is_bold(font: str) -> bool:
    return bool(_BOLD.search(font or ""))


_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def _digits(s: str) -> str:
    return s.translate(_DIGITS)


@dataclass
class TextMode:
    """How this document's producer wrote its text layer (decided once per document)."""

    latin_fonts: frozenset = frozenset()
    arabic_fonts: frozenset = frozenset()
    fence: bool = False  # fonts follow script runs: fence digits/punctuation by their font (LibreOffice)
    mirror: frozenset = frozenset()  # brackets whose mirrored glyphs are mapped by their shape (WeasyPrint: parens)


def text_of(glyphs: list[Glyph], block_rtl: bool, mode: TextMode, force_rtl: Optional[bool] = None,
            lead_marker: bool = False) -> tuple[str, bool]:
    if mode.fence:
        return line_text(glyphs, block_rtl, mode.latin_fonts, mode.arabic_fonts, force_rtl, mode.mirror, lead_marker)
    return line_text(glyphs, block_rtl, force_rtl=force_rtl, mirror=mode.mirror, lead_marker=lead_marker)


def set_text(ln: PLine, block_rtl: bool, mode: TextMode) -> None:
    ln.text, ln.rtl = text_of(ln.glyphs, block_rtl, mode, ln.force_rtl, ln.lead_marker)


def latin_line_directions(lines: list[PLine]) -> None:
    """Direction of lines of Latin letters only on a right-to-left page, from layout.

    Such a line may be the tail of a Persian paragraph (``Republic of Kazakhstan, 2022).``: its closing marks sit
    on the left) or an English line (a footnote). A short line says it by its alignment (flush right: the
    paragraph is right-to-left); a full line by its paragraph: a neighbour line with Persian letters.
    """
    scripts = []
    for ln in lines:
        ar = lat = False
        for g in ln.glyphs:
            if g.ar:
                ar = True
            elif g.text.isalpha():
                lat = True
        scripts.append((ar, lat))
    by_col: dict[tuple, list[int]] = {}
    for i, ln in enumerate(lines):
        by_col.setdefault((ln.col, ln.box, ln.zone), []).append(i)
    for idx in by_col.values():
        idx.sort(key=lambda i: lines[i].top)
        left = min(lines[i].x0 for i in idx)
        right = max(lines[i].x1 for i in idx)
        for k, i in enumerate(idx):
            ar, lat = scripts[i]
            if ar or not lat:
                continue
            ln = lines[i]
            em = ln.size
            lgap, rgap = ln.x0 - left, right - ln.x1
            if lgap > 2 * em and rgap < em:
                ln.force_rtl = True
                continue
            if rgap > 2 * em and lgap < em:
                ln.force_rtl = False
                continue
            rtl = False
            for j in (k - 1, k + 1):
                if 0 <= j < len(idx):
                    nb = lines[idx[j]]
                    gap = nb.top - ln.bottom if j > k else ln.top - nb.bottom
                    if gap < 1.2 * em and abs(nb.size - ln.size) < 1.0 and scripts[idx[j]][0]:
                        rtl = True
            ln.force_rtl = rtl


# --------------------------------------------------------------------------------------------- columns


def find_gutter(lines: list[PLine], body: float) -> Optional[tuple[float, float]]:
    """A vertical strip with no ink in (nearly) all lines and enough lines on both sides: a column gutter."""
    if len(lines) < 8:
        return None
    x0 = min(ln.x0 for ln in lines)
    x1 = max(ln.x1 for ln in lines)
    width = x1 - x0
    if width < 20 * body:
        return None
    nb = int(width) + 2
    cover = [0] * (nb + 1)
    inks = []
    for ln in lines:
        iv = _ink(ln, body)
        inks.append(iv)
        for a, b in iv:
            cover[int(a - x0)] += 1
            cover[min(nb, int(b - x0) + 1)] -= 1
    run = 0
    for i in range(nb):
        run += cover[i]
        cover[i] = run
    limit = max(1, int(0.04 * len(lines)))
    lo, hi = int(0.25 * width), int(0.75 * width)
    best = None
    i = lo
    while i < hi:
        if cover[i] <= limit:
            j = i
            while j < nb and cover[j] <= limit:
                j += 1
            k = i
            while k > 0 and cover[k - 1] <= limit:
                k -= 1
            if j - k >= max(6.0, 0.8 * body) and (best is None or j - k > best[1] - best[0]):
                best = (k, j)
            i = j
        i += 1
    if best is None:
        return None
    g0, g1 = x0 + best[0], x0 + best[1]
    left = right = both = 0
    for iv in inks:
        has_l = any(b <= g0 + 0.5 for a, b in iv)
        has_r = any(a >= g1 - 0.5 for a, b in iv)
        left += has_l
        right += has_r
        both += has_l and has_r
    if left < 0.25 * len(lines) or right < 0.25 * len(lines) or both < 3:
        return None
    return g0, g1


def _ink(ln: PLine, body: float) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for g in sorted((g for g in ln.glyphs if g.kind != KIND_SPACE and g.kind != KIND_ZWNJ), key=lambda g: g.x0):
        if out and g.x0 - out[-1][1] < body:
            if g.x1 > out[-1][1]:
                out[-1][1] = g.x1
        else:
            out.append([g.x0, g.x1])
    return [(a, b) for a, b in out]


def split_at_gutter(lines: list[PLine], gutter: tuple[float, float]) -> list[PLine]:
    g0, g1 = gutter
    mid = (g0 + g1) / 2
    out = []
    for ln in lines:
        # a line crosses the gutter when its ink covers the gutter's middle or leaves less than an em there
        ink = [g for g in ln.glyphs if g.kind != KIND_SPACE]
        left_end = max((g.x1 for g in ink if g.cx < mid), default=None)
        right_start = min((g.x0 for g in ink if g.cx >= mid), default=None)
        crosses = any(g.x0 < mid < g.x1 for g in ink) or (
            left_end is not None and right_start is not None and right_start - left_end < ln.size)
        if crosses:
            ln.col = 0
            out.append(ln)
            continue
        left = [g for g in ln.glyphs if g.cx < mid]
        right = [g for g in ln.glyphs if g.cx >= mid]
        for part, col in ((left, 1), (right, 2)):
            p = make_line(part)
            if p is not None:
                p.col = col
                p.zone, p.box = ln.zone, ln.box
                out.append(p)
    return out


# --------------------------------------------------------------------------------------------- order


def reading_order(items: list[PLine], rtl_page: bool) -> list[PLine]:
    """Top to bottom; runs of column lines between full-width lines are read column by column."""
    items = sorted(items, key=lambda ln: (ln.top, -ln.x1 if rtl_page else ln.x0))
    out: list[PLine] = []
    i = 0
    while i < len(items):
        if items[i].col == 0:
            out.append(items[i])
            i += 1
            continue
        j = i
        while j < len(items) and items[j].col != 0:
            j += 1
        run = items[i:j]
        first, second = (2, 1) if rtl_page else (1, 2)
        out.extend(ln for ln in run if ln.col == first)
        out.extend(ln for ln in run if ln.col == second)
        i = j
    return out


# --------------------------------------------------------------------------------------------- footnotes


def footnote_rules(h: list[dict], text_x0: float, text_x1: float, page_h: float,
                   regions: list[BBox]) -> list[float]:
    """The y of horizontal rules that may open a footnote area: in the lower part of the page, outside tables
    and boxes, starting or ending at a margin of the text (not a fraction bar), top first."""
    width = text_x1 - text_x0
    out = []
    for e in h:
        w = e["x1"] - e["x0"]
        y = e["top"]
        if y < 0.45 * page_h or w < 0.05 * width or w > 1.05 * width:
            continue
        if abs(e["x0"] - text_x0) > 0.03 * width and abs(e["x1"] - text_x1) > 0.03 * width:
            continue
        if any(r[0] - 2 <= e["x0"] and e["x1"] <= r[2] + 2 and r[1] - 2 <= y <= r[3] + 2 for r in regions):
            continue
        out.append(y)
    return sorted(set(out))


def is_rtl_text(lines: list[PLine]) -> bool:
    rtl = ltr = 0
    for ln in lines:
        for g in ln.glyphs:
            if g.ar:
                rtl += 1
            elif g.text.isalpha():
                ltr += 1
    return rtl >= ltr


def table_direction(cell_glyphs: list[list[Glyph]], cell_boxes: list[BBox]) -> bool:
    """True when a table reads right to left: mostly Arabic-script letters, or Latin cells set flush right."""
    rtl = ltr = 0
    right_aligned = left_aligned = 0
    for gs, box in zip(cell_glyphs, cell_boxes):
        text = "".join(g.text for g in gs)
        r, l = strong_counts(text)
        rtl += r
        ltr += l
        if l > r and gs:
            lm = min(g.x0 for g in gs) - box[0]
            rm = box[2] - max(g.x1 for g in gs)
            if rm + 2 < lm:
                right_aligned += 1
            elif lm + 2 < rm:
                left_aligned += 1
    if rtl >= ltr:
        return rtl > 0 or right_aligned > left_aligned
    return right_aligned >= 2 and right_aligned >= 0.7 * (right_aligned + left_aligned)
