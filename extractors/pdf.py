"""PDF sources: pdfplumber's characters -> a :class:`~extractors.document.Document` in logical reading order.

One public entry, :func:`load_pdf` (called by :mod:`extractors.loaders`). A page becomes lines in its reading
order (``Line.number``, 1-based per page; ``Line.page``, 1-based; ``Line.bbox`` = x0, top, x1, bottom in points,
in the page as it is read, i.e. after a ``/Rotate``; ``Line.font_size``), each Persian line right to left with
numbers and Latin left to right inside it (see :mod:`._pdf_text`), and ``Line.zone_hint`` for what the layout
shows (see :mod:`._pdf_layout`):

* ``header``: running heads and feet (lines in the top/bottom band whose text, digits aside, repeats on other
  pages, or that sit above the page's head rule) and page numbers;
* ``footnote``: the lines under the footnote rule when they are smaller than the body text (or, without a rule,
  a run of smaller lines at the bottom that starts with a marker); body lines keep their superscript markers as
  digits (``قزاقستان1``);
* ``quote``: the lines inside a drawn box (a one-cell frame with letters in it);
* ``table``: one line per table row, cells in reading order joined by ``" | "`` (:data:`CELL_SEPARATOR`), and
  the line under a table that starts with a source label (``Source:``, ``منبع:``);
* ``caption``: the line that titles a table (just above it: a caption label, else bold, else centred over it;
  or just below it with a caption label).
Two-column pages are read column by column (the right one first on a right-to-left page).

Besides ``doc.tables_from_layout`` (plain dicts, see :func:`_table_dict`) the Document gets two plain
attributes: ``doc.footnote_links`` (``{"page", "line", "marker", "footnote_line"}``: a body line's superscript
marker and the footnote line of the same page that starts with it) and ``doc.boxes_from_layout``
(``{"page", "bbox", "lines": [(page, line), ...]}``: one per boxed quote, so two boxes in a row stay two).

Pages are read in two passes: geometry per page, then the text of every line once the document tells how its
producer wrote the text layer (:class:`._pdf_layout.TextMode`), then the document-wide decisions (running
heads, unmapped glyphs). Every failure is a :class:`~extractors.errors.SourceError` with a one-line reason:
encrypted (a password is needed; an empty user password opens as in any reader), no text layer (a scan), no
usable text layer (fonts without a Unicode map), corrupt or truncated, over the page limit.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from typing import Optional

from .document import Document, Line
from .errors import SourceError
from ._pdf_layout import (
    PLine, PTable, TextMode, cluster_lines, find_gutter, find_tables, footnote_rules, is_rtl_text,
    latin_line_directions, make_line, reading_order, rulings, set_text, split_at_gutter, table_direction, text_of,
)
from ._pdf_text import ActualTextDevice, PlaceholderMap, fold_ae, page_glyphs, resolve_placeholders

CELL_SEPARATOR = " | "
_TOP_BAND, _BOTTOM_BAND = 0.12, 0.88
_CAPTION_LABEL = re.compile(r"^\s*(?:جدول|Table|Tab\.|شکل|Figure|Fig\.|نمودار|تصویر)\s*[\d۰-۹٠-٩]", re.I)
_SOURCE_LABEL = re.compile(r"^\s*(?:Sources?|منبع|منابع|مأخذ|ماخذ|مآخذ)\s*:", re.I)
_NUMBER_ONLY = re.compile(r"^[\s\-–—.()\[\]|]*[\d۰-۹٠-٩]{1,4}[\s\-–—.()\[\]|]*$")
_KEY_DROP = re.compile(r"[\d۰-۹٠-٩\W_]+")
_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه", "\u200c": ""})


class _Page:
    __slots__ = ("number", "width", "height", "lines", "tables", "boxes", "rtl", "body", "head_rule", "n_glyphs",
                 "images")

    def __init__(self, number: int, width: float, height: float):
        self.number, self.width, self.height = number, width, height
        self.lines: list[PLine] = []
        self.tables: list[PTable] = []
        self.boxes: list[tuple] = []
        self.rtl = True
        self.body = 10.0
        self.head_rule: Optional[float] = None
        self.n_glyphs = 0
        self.images = 0


def load_pdf(name: str, data: bytes, max_pages: int | None = None) -> Document:
    """Read a PDF's text layer into a Document (lines in reading order, zones from layout, tables)."""
    import hashlib

    pdf = _open(name, data)
    try:
        n = len(pdf.pages)
        if n == 0:
            raise SourceError(name, "corrupt PDF: it has no pages")
        if max_pages is not None and n > max_pages:
            raise SourceError(name, f"{n} pages, over the limit of {max_pages}")
        cid_map = PlaceholderMap()
        fonts = _FontScripts()
        pages: list[_Page] = []
        for page in pdf.pages:
            try:
                pages.append(_read_page(name, page, cid_map, fonts))
            finally:
                page.close()
    finally:
        pdf.close()

    mode = fonts.mode()
    mode.mirror = _mirrored_brackets(pages, mode)
    for p in pages:
        _page_texts(p, mode)

    if not any(p.n_glyphs for p in pages):
        if any(p.images for p in pages):
            raise SourceError(name, "no text layer; OCR is not supported (the pages are images: a scan)")
        raise SourceError(name, "no text layer; OCR is not supported (the pages have no text)")

    _mark_headers(pages)
    lines = _assemble(pages, cid_map)
    ink = sum(len(ln.text) - ln.text.count(" ") for ln in lines)
    unknown = sum(ln.text.count("\ufffd") for ln in lines)
    if ink == 0 or unknown > 0.5 * ink:
        raise SourceError(name, "no usable text layer: its fonts map most glyphs to no character; OCR is not supported")
    doc = Document(path=name, sha256=hashlib.sha256(data).hexdigest(), format="pdf", lines=lines, pages=n,
                   size=len(data))
    doc.tables_from_layout = [_table_dict(p, t) for p in pages for t in p.tables]
    doc.footnote_links = _footnote_links(pages)
    doc.boxes_from_layout = [
        {"page": p.number, "bbox": b, "lines": [(p.number, ln.number) for ln in p.lines if ln.box == i]}
        for p in pages for i, b in enumerate(p.boxes)
        if any(ln.box == i for ln in p.lines)
    ]
    return doc


# ------------------------------------------------------------------------------------------ opening, errors


def _open(name: str, data: bytes):  # noqa: ANN202
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    tail = data[-2048:]
    truncated = b"%%EOF" not in tail
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 - reads the page tree now, so its errors are reported here
    except PDFPasswordIncorrect:
        raise SourceError(name, "encrypted PDF: a password is needed to open it")
    except PDFEncryptionError as e:
        raise SourceError(name, f"encrypted PDF: {_one_line(e) or 'unsupported encryption'}")
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds of errors for damaged files
        cause = e.args[0] if e.args and isinstance(e.args[0], BaseException) else (e.__cause__ or e.__context__ or e)
        if type(cause).__name__ in ("PDFPasswordIncorrect",):
            raise SourceError(name, "encrypted PDF: a password is needed to open it")
        if type(cause).__name__ in ("PDFEncryptionError",) or "encrypt" in str(cause).lower():
            raise SourceError(name, f"encrypted PDF: {_one_line(cause) or 'unsupported encryption'}")
        if truncated:
            raise SourceError(name, "truncated PDF: the file ends before its %%EOF marker and cannot be read")
        kind = "corrupt PDF"
        if isinstance(cause, PDFSyntaxError):
            kind = "corrupt PDF (syntax error)"
        raise SourceError(name, f"{kind}: {_one_line(cause) or type(cause).__name__}")
    if truncated:
        pdf.close()
        raise SourceError(name, "truncated PDF: the file ends before its %%EOF marker (cut short in a download "
                                "or a copy?)")
    return pdf


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:160]


def _interpret(name: str, page) -> None:  # noqa: ANN001
    """Lay the page out with a device that keeps ActualText (pdfplumber then reads its chars from it)."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = ActualTextDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as e:  # noqa: BLE001
        raise SourceError(name, f"corrupt PDF: page {page.page_number} cannot be read ({_one_line(e)})")
    page._layout = device.get_result()


# ------------------------------------------------------------------------------------------ one page


class _FontScripts:
    """Which fonts set only Latin / only Arabic-script letters, and whether digits follow the script of their run.

    A producer that picks fonts by script run (LibreOffice) sets the digits of a Latin citation in the Latin font;
    one that picks them by glyph coverage (WeasyPrint) sets every digit in the Arabic font. Only the first tells
    by its fonts which run a digit belongs to (:class:`TextMode` ``fence``).
    """

    def __init__(self) -> None:
        self.ar: Counter = Counter()
        self.lat: Counter = Counter()
        self.digit_near_latin: Counter = Counter()  # (digit font, Latin letter font) pairs

    def add(self, glyphs: list, lines: list[PLine]) -> None:
        for g in glyphs:
            if g.ar:
                self.ar[g.font] += 1
            elif g.text.isalpha():
                self.lat[g.font] += 1
        for ln in lines:
            gs = [g for g in ln.glyphs if g.kind == 0]
            if not any(g.ar for g in gs):
                continue
            gs.sort(key=lambda g: g.cx)
            for i, g in enumerate(gs):
                if not g.text.isdigit():
                    continue
                for d in (1, 2, 3, 4):
                    near = [gs[j] for j in (i - d, i + d) if 0 <= j < len(gs) and gs[j].text.isalpha()]
                    if near:
                        if not near[0].ar:
                            self.digit_near_latin[(g.font, near[0].font)] += 1
                        break

    def mode(self) -> TextMode:
        latin = frozenset(f for f, n in self.lat.items() if n >= 3 and self.ar[f] * 20 < n)
        arabic = frozenset(f for f, n in self.ar.items() if n >= 3 and self.lat[f] * 20 < n)
        same = sum(n for (a, b), n in self.digit_near_latin.items() if a == b and a in latin)
        total = sum(self.digit_near_latin.values())
        fence = bool(latin and arabic and same >= 5 and same >= 0.8 * total)
        return TextMode(latin_fonts=latin, arabic_fonts=arabic, fence=fence)


_BRACKETS = {"()": (re.compile(r"\([^()]*\)"), re.compile(r"\)[^()]*\(")),
             "[]": (re.compile(r"\[[^\[\]]*\]"), re.compile(r"\][^\[\]]*\[")),
             "«»": (re.compile(r"«[^«»]*»"), re.compile(r"»[^«»]*«"))}


def _mirrored_brackets(pages: list[_Page], mode: TextMode) -> frozenset:
    """Which brackets does the producer map by the shape of their mirrored glyph? The right-to-left lines with
    brackets are read both ways; a kind of bracket is mirrored when that reading opens them before it closes them
    more often."""
    sample = []
    for p in pages:
        cell_lines = [x for t in p.tables for row in t.cell_lines for parts in row if parts for x in parts]
        for ln in [ln for ln in p.lines if ln.table is None] + cell_lines:
            if any(g.ar for g in ln.glyphs) and any(g.text in "()[]«»" for g in ln.glyphs):
                sample.append(ln)
        if len(sample) >= 200:
            break
    if not sample:
        return frozenset()
    every = frozenset("()[]«»")
    score = {kind: [0, 0] for kind in _BRACKETS}
    for k, mirror in enumerate((frozenset(), every)):
        m = TextMode(mode.latin_fonts, mode.arabic_fonts, mode.fence, mirror)
        for ln in sample:
            t = text_of(ln.glyphs, ln.block_rtl, m, ln.force_rtl)[0]
            for kind, (good, bad) in _BRACKETS.items():
                if kind[0] in t:
                    score[kind][k] += len(good.findall(t)) - len(bad.findall(t))
    return frozenset(ch for kind, (plain, mirrored) in score.items() if mirrored > plain for ch in kind)


def _page_texts(P: _Page, mode: TextMode) -> None:
    """The text of every line of a page (and of its tables' cells and rows) once the document's mode is known."""
    for ln in P.lines:
        if ln.table is None:
            set_text(ln, ln.block_rtl, mode)
    for t in P.tables:
        _table_texts(t, mode)


def _read_page(name: str, page, cid_map: PlaceholderMap, fonts: _FontScripts) -> _Page:  # noqa: ANN001
    _interpret(name, page)
    P = _Page(page.page_number, float(page.width), float(page.height))
    try:
        objects = page.objects
    except Exception as e:  # noqa: BLE001
        raise SourceError(name, f"corrupt PDF: page {page.page_number} cannot be read ({_one_line(e)})")
    chars = objects.get("char", [])
    page_lines, rects = objects.get("line", []), objects.get("rect", [])
    P.images = len(objects.get("image", []))
    yref = float(page.height) + float(page.mediabox[1])
    turn = _page_turn(chars)
    if turn is not None:  # a page turned by /Rotate or set sideways: read it as it is meant to be read
        chars, page_lines, rects, P.width, P.height = _turned(turn, chars, page_lines, rects, P.width, P.height)
        yref = P.height
    glyphs, _rotated = page_glyphs(chars, cid_map, yref)
    P.n_glyphs = sum(1 for g in glyphs if g.kind == 0)
    if not glyphs:
        return P

    h, v = rulings(page_lines, rects)
    tables, boxes = find_tables(page, h, v) if len(h) >= 2 and len(v) >= 2 else ([], [])
    P.boxes = [tuple(round(x, 2) for x in b) for b in boxes]

    # glyphs by region: table cells, boxes, the rest
    in_table: list[list] = [[] for _ in tables]
    in_box: list[list] = [[] for _ in boxes]
    free = []
    for g in glyphs:
        cx, cy = g.cx, (g.top + g.bottom) / 2
        for i, t in enumerate(tables):
            b = t.bbox
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                in_table[i].append(g)
                break
        else:
            for i, b in enumerate(boxes):
                if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                    in_box[i].append(g)
                    break
            else:
                free.append(g)

    lines: list[PLine] = []
    for i, gs in enumerate(in_box):
        quote = sum(1 for g in gs if g.text.isalpha()) >= 3  # a frame around figures or digits is no quote
        for c in cluster_lines(gs):
            ln = make_line(c)
            if ln is not None:
                if quote:
                    ln.zone, ln.box = "quote", i
                lines.append(ln)
    for c in cluster_lines(free):
        ln = make_line(c)
        if ln is not None:
            lines.append(ln)

    sizes: Counter = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.glyphs)
    P.body = sizes.most_common(1)[0][0] if sizes else 10.0
    P.rtl = is_rtl_text(lines) if lines else True

    # footnotes under a rule
    regions = [t.bbox for t in tables] + list(boxes)
    if lines:
        tx0 = min(ln.x0 for ln in lines)
        tx1 = max(ln.x1 for ln in lines)
        for rule in footnote_rules(h, tx0, tx1, P.height, regions):
            # the lines under it (a page number aside) are smaller than the body text: footnotes
            below = [ln for ln in lines if ln.top >= rule - 1 and ln.zone is None]
            notes = [ln for ln in below if not _NUMBER_ONLY.match("".join(g.text for g in ln.glyphs))]
            if notes and sorted(ln.size for ln in notes)[len(notes) // 2] < 0.95 * P.body:
                for ln in notes:
                    ln.zone = "footnote"
                break
        P.head_rule = _head_rule(h, tx0, tx1, P.height, regions)

    # columns
    cand = [ln for ln in lines
            if ln.zone is None and ln.top > _TOP_BAND * P.height and ln.bottom < _BOTTOM_BAND * P.height]
    gutter = find_gutter(cand, P.body)
    if gutter is not None:
        keep = [ln for ln in lines if ln not in cand]
        lines = keep + split_at_gutter(cand, gutter)

    fonts.add(glyphs, lines)
    if P.rtl:
        latin_line_directions(lines)
    for ln in lines:
        ln.block_rtl = P.rtl

    # tables: cells in reading order, one line per row
    for ti, (t, gs) in enumerate(zip(tables, in_table)):
        _read_table(t, gs, P.rtl)
        for ri, ln in enumerate(t.lines):
            ln.table, ln.row = ti, ri
            ln.zone = "table"
            if gutter is not None:
                ln.col = 1 if t.bbox[2] <= gutter[0] + 1 else 2 if t.bbox[0] >= gutter[1] - 1 else 0
    outer = [t for t in tables if not any(o is not t and _inside(t.bbox, o.bbox) for o in tables)]
    for t in outer:
        _caption(t, lines, above=True)
    for t in outer:
        if t.caption is None:
            _caption(t, lines, above=False)
    for t in outer:
        _source_line(t, lines)

    if not any(ln.zone == "footnote" for ln in lines):
        _footnotes_without_rule(lines, P)
    _footnote_leads(lines + [ln for t in tables for ln in t.lines])

    P.lines = reading_order(lines + [ln for t in tables for ln in t.lines], P.rtl)
    P.tables = tables
    return P


def _page_turn(chars: list[dict]) -> Optional[tuple[int, int]]:
    """The direction text runs in on a page whose characters mostly do not run left to right ((0, 1): upwards,
    (0, -1): downwards, (-1, 0): upside down), or None."""
    turned = Counter()
    upright = 0
    for c in chars:
        a, b = c["matrix"][0], c["matrix"][1]
        if a > 0 and abs(b) < a:
            upright += 1
            continue
        turned[(0, 1 if b > 0 else -1) if abs(b) > abs(a) else (-1, 0)] += 1
    if not turned or sum(turned.values()) <= upright:
        return None
    return turned.most_common(1)[0][0]


def _turned(d: tuple[int, int], chars: list[dict], lines: list[dict], rects: list[dict], width: float,
            height: float) -> tuple[list[dict], list[dict], list[dict], float, float]:
    """Characters, lines and rectangles of a page turned so its text runs left to right (and their page size)."""
    dx, dy = d

    def rot(x: float, y: float) -> tuple[float, float]:  # maps the text direction (dx, dy) to (1, 0)
        return dx * x + dy * y, -dy * x + dx * y

    corners = [rot(x, y) for x in (0.0, width) for y in (0.0, height)]
    mx, my = min(c[0] for c in corners), min(c[1] for c in corners)
    w2, h2 = max(c[0] for c in corners) - mx, max(c[1] for c in corners) - my

    def box(o: dict) -> dict:
        pts = [rot(o["x0"], o["y0"]), rot(o["x1"], o["y1"]), rot(o["x0"], o["y1"]), rot(o["x1"], o["y0"])]
        x0, x1 = min(p[0] for p in pts) - mx, max(p[0] for p in pts) - mx
        y0, y1 = min(p[1] for p in pts) - my, max(p[1] for p in pts) - my
        out = dict(o, x0=x0, x1=x1, y0=y0, y1=y1, top=h2 - y1, bottom=h2 - y0)
        out["width"], out["height"] = x1 - x0, y1 - y0
        return out

    new_chars = []
    for c in chars:
        n = box(c)
        ex, ey = rot(c["matrix"][4], c["matrix"][5])
        n["matrix"] = (1.0, 0.0, 0.0, 1.0, ex - mx, ey - my)
        n["upright"] = True
        new_chars.append(n)
    return new_chars, [box(o) for o in lines], [box(o) for o in rects], w2, h2


def _head_rule(h: list[dict], tx0: float, tx1: float, page_h: float, regions) -> Optional[float]:  # noqa: ANN001
    """The y of a wide horizontal rule in the top band (under a running head)."""
    best = None
    for e in h:
        if e["top"] > _TOP_BAND * page_h or (e["x1"] - e["x0"]) < 0.5 * (tx1 - tx0):
            continue
        if any(r[0] - 2 <= e["x0"] and e["x1"] <= r[2] + 2 and r[1] - 2 <= e["top"] <= r[3] + 2 for r in regions):
            continue
        if best is None or e["top"] > best:
            best = e["top"]
    return best


def _read_table(t: PTable, glyphs: list, page_rtl: bool) -> None:
    """Cells in reading order (their lines; text comes later) and one PLine per row."""
    cell_glyphs: dict[tuple[int, int], list] = defaultdict(list)
    boxes = {(ri, ci): c for ri, row in enumerate(t.rows) for ci, c in enumerate(row) if c is not None}
    index = sorted(boxes.items(), key=lambda kv: (kv[1][1], kv[1][0]))
    for g in glyphs:
        cx, cy = g.cx, (g.top + g.bottom) / 2
        for key, b in index:
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                cell_glyphs[key].append(g)
                break
    keys = list(cell_glyphs)
    t.rtl = table_direction([cell_glyphs[k] for k in keys], [boxes[k] for k in keys]) if keys else page_rtl
    ncol = max((len(r) for r in t.rows), default=0)
    lefts = sorted({b[0] for b in boxes.values()})
    rights = lefts[1:] + [t.bbox[2]]
    for ri, row in enumerate(t.rows):
        order = list(range(len(row)))
        if t.rtl:
            # a cell spanning columns reads where it starts: at its rightmost column in a right-to-left table
            moved: list[Optional[tuple]] = [None] * ncol
            src: dict[int, int] = {}
            for ci, b in enumerate(row):
                if b is None:
                    continue
                last = min(range(len(rights)), key=lambda k: abs(rights[k] - b[2]))
                last = max(ci, min(last, ncol - 1))
                if moved[last] is not None:
                    last = ci
                moved[last] = b
                src[last] = ci
            row = moved
            order = list(range(ncol - 1, -1, -1))
        else:
            src = {ci: ci for ci in range(len(row))}
        cells: list[Optional[list[PLine]]] = []
        bbs = []
        for ci in order:
            b = row[ci]
            if b is None:
                cells.append(None)
                bbs.append(None)
                continue
            cg = cell_glyphs.get((ri, src[ci]), [])
            parts = [ln for ln in (make_line(c) for c in cluster_lines(cg)) if ln is not None]
            parts.sort(key=lambda ln: ln.top)
            rtl = _cell_rtl(cg, b, t.rtl)
            for p in parts:
                p.block_rtl = rtl
            cells.append(parts)
            bbs.append(tuple(round(x, 2) for x in b))
        t.cell_lines.append(cells)
        t.cell_bboxes.append(bbs)
        present = [b for b in row if b is not None]
        gs = [g for ci in src.values() for g in cell_glyphs.get((ri, ci), [])]
        sizes = sorted(g.size for g in gs) or [0.0]
        ln = PLine(glyphs=gs, x0=min(b[0] for b in present), x1=max(b[2] for b in present),
                   top=min(b[1] for b in present), bottom=max(b[3] for b in present),
                   size=round(sizes[len(sizes) // 2], 2))
        ln.rtl = ln.block_rtl = t.rtl
        t.lines.append(ln)


def _cell_rtl(glyphs: list, box: tuple, table_rtl: bool) -> bool:
    """A cell's own direction: its script, or for mixed text its alignment (flush right: right-to-left)."""
    ar = sum(1 for g in glyphs if g.ar)
    lat = sum(1 for g in glyphs if not g.ar and g.text.isalpha())
    if not ar and not lat:
        return table_rtl
    if not lat or not ar:
        return bool(ar)
    left = min(g.x0 for g in glyphs) - box[0]
    right = box[2] - max(g.x1 for g in glyphs)
    if right + 2 < left:
        return True
    if left + 2 < right:
        return False
    return ar >= lat


def _table_texts(t: PTable, mode: TextMode) -> None:
    """Cell texts (a cell's lines joined by a space) and each row's line: its cells joined by the separator."""
    t.cells, t.cell_spans = [], []
    for cells, ln in zip(t.cell_lines, t.lines):
        texts: list[Optional[str]] = []
        for parts in cells:
            if parts is None:
                texts.append(None)
                continue
            texts.append(" ".join(x for x in (text_of(p.glyphs, p.block_rtl, mode)[0] for p in parts) if x))
        spans: list[Optional[tuple[int, int]]] = []
        pieces: list[str] = []
        pos = 0
        for txt in texts:
            if not txt:
                spans.append(None if txt is None else (pos, pos))
                continue
            if pieces:
                pos += len(CELL_SEPARATOR)
            spans.append((pos, pos + len(txt)))
            pieces.append(txt)
            pos += len(txt)
        t.cells.append(texts)
        t.cell_spans.append(spans)
        ln.text = CELL_SEPARATOR.join(pieces)


def _provisional(ln: PLine) -> str:
    """A line's text read with the default mode (enough for a label at its start), before the document's is known."""
    if not ln.text:
        ln.text = text_of(ln.glyphs, ln.block_rtl, TextMode(), ln.force_rtl)[0]
    return ln.text


def _inside(a: tuple, b: tuple) -> bool:
    return b[0] - 1 <= a[0] and a[2] <= b[2] + 1 and b[1] - 1 <= a[1] and a[3] <= b[3] + 1


def _caption(t: PTable, lines: list[PLine], above: bool) -> None:
    """The line that titles a table: just above it (a caption label, else bold, else centred over it), or, on a
    second pass for tables still without one, just below it with a caption label (LaTeX's habit)."""
    x0, top, x1, bottom = t.bbox
    if above:
        near = [ln for ln in lines if ln.zone is None and ln.bottom <= top + 1 and ln.x1 > x0 and ln.x0 < x1
                and top - ln.bottom <= 3.5 * ln.size]
        near.sort(key=lambda ln: -ln.bottom)
        near = near[:2]
        if len(near) == 2 and near[0].top - near[1].bottom > 2.0 * near[0].size:
            near = near[:1]
        cap = next((ln for ln in near if _CAPTION_LABEL.match(_provisional(ln))), None)
        if cap is None:
            cap = next((ln for ln in near if ln.bold), None)
        if cap is None and near:
            ln = near[0]
            if abs((ln.x0 + ln.x1) / 2 - (x0 + x1) / 2) < 0.1 * (x1 - x0) and (ln.x1 - ln.x0) < 0.9 * (x1 - x0):
                cap = ln
    else:
        near = [ln for ln in lines if ln.zone is None and ln.top >= bottom - 1 and ln.bottom - bottom <= 3.5 * ln.size
                and ln.x1 > x0 and ln.x0 < x1]
        near.sort(key=lambda ln: ln.top)
        cap = next((ln for ln in near[:2] if _CAPTION_LABEL.match(_provisional(ln))), None)
    if cap is not None:
        cap.zone = "caption"
        t.caption = cap


def _source_line(t: PTable, lines: list[PLine]) -> None:
    """The line right under a table that starts with a source label belongs to the table."""
    bottom = t.bbox[3]
    below = [ln for ln in lines if ln.zone is None and ln.top >= bottom - 1 and ln.top - bottom <= 2.5 * ln.size]
    below.sort(key=lambda ln: ln.top)
    if below and _SOURCE_LABEL.match(_provisional(below[0])):
        below[0].zone = "table"


def _footnotes_without_rule(lines: list[PLine], P: _Page) -> None:
    """A run of smaller lines at the page bottom, the first starting with a marker: footnotes."""
    body = [ln for ln in lines if ln.zone is None or ln.zone == "footnote"]
    body.sort(key=lambda ln: ln.top)
    run: list[PLine] = []
    for ln in reversed(body):
        if ln.bottom > _BOTTOM_BAND * P.height and _NUMBER_ONLY.match("".join(g.text for g in ln.glyphs)):
            continue  # a page number under the footnotes
        if ln.size < 0.92 * P.body and ln.top > 0.5 * P.height:
            run.append(ln)
        else:
            break
    if not run:
        return
    run.reverse()
    ink = sorted((g for g in run[0].glyphs if g.kind == 0), key=lambda g: g.cx)
    if run[0].markers or (ink and (ink[0].text.isdigit() or ink[-1].text.isdigit() or ink[0].text in "*†")):
        for ln in run:
            ln.zone = "footnote"


def _footnote_leads(lines: list[PLine]) -> None:
    """Mark the footnote lines that open a footnote: they start with a number that a body line has as a marker
    (or, when the page's markers were not seen, the first footnote line)."""
    markers = {m for ln in lines if ln.zone != "footnote" for m in ln.markers}
    notes = sorted((ln for ln in lines if ln.zone == "footnote"), key=lambda ln: ln.top)
    for k, ln in enumerate(notes):
        ink = sorted((g for g in ln.glyphs if g.kind == 0), key=lambda g: g.cx)
        if not ink:
            continue
        for edge in (ink[::-1], ink):  # the right end (a Persian note), the left end (an English one)
            digits = ""
            for g in edge:
                if not g.text.isdigit():
                    break
                digits += g.text
            if edge is ink[::-1]:
                digits = digits[::-1]
            if digits and (digits.translate(_DIGIT_FOLD) in markers or (not markers and k == 0)):
                ln.lead_marker = True
                break


_DIGIT_FOLD = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


# ------------------------------------------------------------------------------------------ whole document


def _key(text: str) -> str:
    return _KEY_DROP.sub("", text.translate(_FOLD)).lower()


def _mark_headers(pages: list[_Page]) -> None:
    """Running heads/feet and page numbers: lines at the page edge that repeat across pages (digits aside)."""
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    cands: list[tuple[PLine, str, str]] = []
    for p in pages:
        for ln in p.lines:
            if ln.zone is not None and ln.zone != "caption":
                continue
            band = "top" if ln.bottom <= _TOP_BAND * p.height else "bottom" if ln.top >= _BOTTOM_BAND * p.height else ""
            if not band and p.head_rule is not None and ln.bottom <= p.head_rule + 1:
                band = "top"
            if not band:
                continue
            k = _key(ln.text)
            cands.append((ln, band, k))
            if k:
                seen[(band, k)].add(p.number)
    for ln, band, k in cands:
        if not k:
            if _NUMBER_ONLY.match(ln.text):
                ln.zone = "header"
            continue
        if len(seen[(band, k)]) >= 2:
            ln.zone = "header"
    # a line above the head rule is a running head even when it is the only one of its kind
    for p in pages:
        if p.head_rule is None:
            continue
        for ln in p.lines:
            if ln.zone is None and ln.bottom <= p.head_rule + 1:
                ln.zone = "header"


def _assemble(pages: list[_Page], cid_map: PlaceholderMap) -> list[Line]:
    texts = [ln.text for p in pages for ln in p.lines]
    kurdish = any(ch in t for t in texts for ch in "ێۆڵڕ")
    if not kurdish:
        texts = [fold_ae(t) if "\u06d5" in t else t for t in texts]
    texts, _ = resolve_placeholders(texts, cid_map)
    # the table row lines were cut into cells before; keep the cells in step with their line
    i = 0
    out: list[Line] = []
    pos = 0
    for p in pages:
        n = 0
        for ln in p.lines:
            t = texts[i]
            i += 1
            if t != ln.text and ln.table is not None:
                _retext_row(p.tables[ln.table], ln.row, t)
            ln.text = t
            if not t and ln.table is not None:
                ln.number = 0  # an empty row (a table nested in a cell leaves some): no line of its own
                continue
            n += 1
            out.append(Line(number=n, text=t, offset=pos, page=p.number, bbox=ln.bbox, font_size=ln.size,
                            zone_hint=ln.zone))
            ln.number = n
            pos += len(t) + 1
        p.lines = [ln for ln in p.lines if ln.number]
    for p in pages:
        for t in p.tables:
            if t.caption is not None:
                t.caption.text = next(ln.text for ln in p.lines if ln is t.caption)
    return out


def _retext_row(t: PTable, row: int, text: str) -> None:
    """Re-cut a row line whose text changed (placeholders resolved) into its cells by the separator."""
    pieces = text.split(CELL_SEPARATOR)
    present = [ci for ci, c in enumerate(t.cells[row]) if c]
    if len(pieces) != len(present):
        return
    pos = 0
    for ci, piece in zip(present, pieces):
        t.cells[row][ci] = piece
        t.cell_spans[row][ci] = (pos, pos + len(piece))
        pos += len(piece) + len(CELL_SEPARATOR)


def _table_dict(p: _Page, t: PTable) -> dict:
    """A table found by pdfplumber, as the tables issue takes it:

    ``page`` (1-based), ``bbox`` (x0, top, x1, bottom), ``rows`` ([[cell text or None, ...], ...] in reading
    order: the rightmost column first for a right-to-left table; None = covered by a spanning cell, "" = empty),
    ``caption`` (text or None), ``caption_line`` ((page, line) or None), ``direction`` ("rtl"/"ltr"),
    ``lines`` ([(page, line)] of each row's line in the Document), ``cells`` ([[(start, end) or None]]: where each
    cell's text sits in its row's line), ``cell_bboxes`` ([[bbox or None]]).
    """
    cap = t.caption
    return {
        "page": p.number,
        "bbox": tuple(round(x, 2) for x in t.bbox),
        "rows": [list(r) for r in t.cells],
        "caption": cap.text if cap is not None else None,
        "caption_line": (p.number, cap.number) if cap is not None else None,  # type: ignore[attr-defined]
        "direction": "rtl" if t.rtl else "ltr",
        "lines": [(p.number, ln.number) if ln.number else None for ln in t.lines],
        "cells": [list(s) for s in t.cell_spans],
        "cell_bboxes": [list(b) for b in t.cell_bboxes],
    }


def _footnote_links(pages: list[_Page]) -> list[dict]:
    """Superscript markers in body lines linked to the footnote line of the same page that starts with them."""
    links = []
    for p in pages:
        notes: dict[str, int] = {}
        for ln in p.lines:
            if ln.zone == "footnote":
                m = re.match(r"^\s*([\d۰-۹٠-٩]{1,3})", ln.text)
                if m:
                    notes.setdefault(m.group(1).translate(_DIGIT_FOLD), ln.number)
        for ln in p.lines:
            if ln.zone == "footnote":
                continue
            for mk in ln.markers:
                if mk in notes:
                    links.append({"page": p.number, "line": ln.number, "marker": mk,  # type: ignore[attr-defined]
                                  "footnote_line": notes[mk]})
    return links
