"""Tables in text sources: found by their caption, rebuilt from the lines the segmenter zoned ``table``.

Forms handled:
    - a caption ``جدول 1: ...`` / ``Table 2. ...``, or reversed by the extraction ``...: 1جدول``;
    - one row per line, a label and its figures: ``Turnout 7,985,769 68.05`` (logical order) or
      ``68،05 7،985،769 میزان مشارکت`` (a right-to-left row drawn left to right: the figures come first and in
      reverse order). Cells are numbered outward from the label, which is the reading order in both cases;
    - a footnote marker glued to a label (``2وی``), a row with fewer figures than columns (each figure goes to the
      column whose kind it fits: counts, percentages), a line with a label and no figures between rows (a
      section row, cells null), a header line naming some or all columns (``درصد``);
    - a table whose cells come one per line (``سنا`` / ``پیش از`` / ``همه‌پرسی`` / ``سال 2022`` / ``6`` / ``سال``
      / ``49`` / features ...): rows are found from the groups of figure lines; the label lines before a group
      and the text lines after it make the row; a label cell that spans rows is carried down;
    - footnotes, running heads and page numbers that interrupt a table (zoned apart by the segmenter), and the
      ``Source: ...`` / ``منبع: ...`` line that ends it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Optional, Union

from . import numbers
from ._table_read import is_damaged, join_pairs, reading
from .document import Block, Document, Line
from .models import Cell, Row, Span, Table, item_id
from .script import fold_digits, lang_of

Value = Union[int, float, None]

CAPTION_START = re.compile(r"^\s*(?P<kind>جدول|Table|TABLE|Tab\.)\s*(?P<n>\d{1,3})\s*(?P<sep>[:.)\-–—]?)", re.I)
CAPTION_END = re.compile(r"(?P<n>\d{1,3})\s*(?P<kind>جدول)\s*$")
SOURCE_LINE = re.compile(r"^\s*(?P<word>Source|Sources|منبع|منابع|مأخذ|ماخذ)\s*:\s*(?P<rest>.*?)\s*$", re.I)
# a figure token: digits with separators, an optional sign, percent sign or parentheses around it
NUM_TOKEN = re.compile(r"^[(\[]?(?P<sign>[-−–]?)(?P<num>\d+(?:[.,،٫٬]\d+)*)(?P<pct>[%٪]?)[)\]]?$")
EMPTY_TOKEN = re.compile(r"^(?:-|–|—|…|\.\.\.|n/?a|ـ)$", re.I)
PERCENT_WORD = re.compile(r"درصد|%|٪|percent|per\s*cent|share|سهم", re.I)
YEAR = re.compile(r"^(?:1[34]\d\d|19\d\d|20\d\d)$")
SENTENCE_PUNCT = re.compile(r"[.؛;:!?؟]")
GAP = re.compile(r"\s{2,}|\t|\s*\|\s*")


@dataclass
class Num:
    a: int  # offsets in the line's text
    b: int
    text: str
    value: Value
    decimals: int = 0
    pct: bool = False
    single_comma3: bool = False  # ``14،538``: a comma before exactly three digits (thousands, or a decimal)


@dataclass
class TLine:
    line: Line
    block: Block
    nums: list[Num] = field(default_factory=list)  # the figure cells, nearest the label first
    label: Optional[tuple[int, int]] = None  # label extent in the line
    at_start: bool = False  # figures at the start of the string (a right-to-left row drawn left to right)

    @property
    def text(self) -> str:
        return self.line.text


@dataclass
class Region:
    caption: Optional[TLine]
    number: Optional[int]
    lines: list[TLine]
    source: Optional[TLine]


# --- finding the regions -------------------------------------------------------------------------------


def caption_number(text: str) -> Optional[int]:
    """The table number of a caption line, or None when the line is not a table caption."""
    t = fold_digits(text).strip()
    if len(t) > 160:
        return None
    m = CAPTION_START.match(t)
    if m and (m.group("sep") or len(t) < 40):
        return int(m.group("n"))
    m = CAPTION_END.search(t)
    if m and re.search(r"[:()]", t):
        return int(m.group("n"))
    return None


def regions(doc: Document) -> list[Region]:
    """Each table's caption, its lines (in order, interruptions left out) and its Source line.

    The lines the segmenter zoned ``table`` are taken; footnotes and running heads between them are passed over
    (a page break). Lines it zoned otherwise right under a caption are taken too when they have the shape of a
    table line (a short label and figures at one end, or a short header right under the caption), so a table is
    not lost when a row looks like a running head (``Elected by the regions      40``)."""
    flat = [(ln, b) for b in doc.blocks for ln in b.lines]
    repeated = _repeated_keys(doc)
    out: list[Region] = []
    p = 0
    while p < len(flat):
        ln, b = flat[p]
        n = caption_number(ln.text) if b.zone == "caption" else None
        if n is None and not (b.zone == "table" and not _is_source(ln.text)):
            p += 1
            continue
        caption = TLine(ln, b) if n is not None else None
        lines: list[TLine] = []
        source = None
        q = p + 1 if caption else p
        end = q - 1
        skipped = 0
        while q < len(flat) and skipped <= 30:
            lq, bq = flat[q]
            if _is_source(lq.text) and bq.zone in ("table", "body", "abstract", "heading", "caption", "footnote"):
                source = TLine(lq, bq)
                end = q
                break
            if bq.zone == "table":
                lines.append(TLine(lq, bq))
                end, skipped = q, 0
            elif bq.zone == "caption":
                break
            elif _FOOTNOTE_START.match(lq.text) or (bq.zone in ("footnote", "header")
                                                    and not _row_like(lq, repeated, doc)):
                skipped += 1  # footnotes, running heads, page numbers: a page break inside the table
            elif _row_like(lq, repeated, doc) or (not lines and caption and _header_like(lq.text)):
                lines.append(TLine(lq, bq))
                end, skipped = q, 0
            else:
                break
            q += 1
        if caption or lines:
            out.append(Region(caption, n, lines, source))
        p = max(end + 1, p + 1)
    return out


_FOOTNOTE_START = re.compile(r"^\s*[\d۰-۹]{1,3}\s*[.)]\s|^\s*[\d۰-۹]{1,3}\s*$|^\s*\.\s")


def _repeated_keys(doc: Document) -> dict[str, list[int]]:
    """Lines by their text without digits: a running head repeats on other pages."""
    out: dict[str, list[int]] = {}
    for k, ln in enumerate(doc.lines):
        if ln.text.strip():
            out.setdefault(_key(ln.text), []).append(k)
    return out


def _key(text: str) -> str:
    return re.sub(r"[\d\W_]+", " ", fold_digits(text)).strip()


def _row_like(line: Line, repeated: dict[str, list[int]], doc: Document) -> bool:
    """A table line: a short label and figures at one end (not a running head that repeats pages away)."""
    text = line.text
    tl = tokenize(Line(number=0, text=text, offset=0), None)
    if not tl.nums or is_year_only(tl):
        return False
    here = doc.line_index(line.offset)
    if any(abs(k - here) > 40 for k in repeated.get(_key(text), [])):
        return False
    if tl.label is None:
        return True
    label = text[tl.label[0]:tl.label[1]]
    return len(label.split()) <= 8 and not re.search(r"[.!?؟؛]\s*$", label)


def _header_like(text: str) -> bool:
    t = text.strip()
    return 0 < len(t.split()) <= 6 and not re.search(r"[.!?؟؛:]", t)


def _is_source(text: str) -> bool:
    return bool(SOURCE_LINE.match(text))


# --- lines -> figures and labels -------------------------------------------------------------------------


def parse_num(tok: str, lang: Optional[str]) -> Optional[Num]:
    m = NUM_TOKEN.match(fold_digits(tok))
    if not m:
        return None
    num = m.group("num")
    value = numbers.parse_digits(num, lang)
    if value is None:
        return None
    if m.group("sign"):
        value = -value
    seps = re.findall(r"[.,،٫٬]", num)
    decimals = 0
    if isinstance(value, float):
        decimals = len(re.split(r"[.,،٫٬]", num)[-1])
    single3 = len(seps) == 1 and seps[0] in "،," and len(num.split(seps[0])[1]) == 3
    return Num(0, 0, tok, value, decimals, bool(m.group("pct")), single3)


def tokenize(line: Line, lang: Optional[str]) -> TLine:
    """A line's figures (the run of figure tokens at one end of the line) and its label (the rest)."""
    tl = TLine(line, None)  # block set by the caller
    toks = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", line.text)]
    if not toks:
        return tl

    def is_cell(tok: str) -> bool:
        return parse_num(tok, lang) is not None or bool(EMPTY_TOKEN.match(tok))

    lead = 0
    while lead < len(toks) and is_cell(toks[lead][2]):
        lead += 1
    trail = 0
    while trail < len(toks) - lead and is_cell(toks[len(toks) - 1 - trail][2]):
        trail += 1
    if lead == len(toks):  # figures only
        chosen, at_start = toks, False
    elif lead > trail:
        chosen, at_start = toks[:lead], True
    else:
        chosen, at_start = toks[len(toks) - trail:] if trail else [], False
    # a lone dash at the edge of a label line is punctuation, not an empty cell (unless set off by a wide gap)
    if chosen and all(EMPTY_TOKEN.match(t[2]) for t in chosen) and len(chosen) < 2:
        a = chosen[0][0] if not at_start else chosen[-1][1]
        gap = line.text[:a][-2:] if not at_start else line.text[a:a + 2]
        if gap != "  ":
            chosen = []
    # a number bound to the label by one space while the figures are set apart by wide gaps is the label's
    # (``Article 5      12``)
    while len(chosen) >= 2:
        near, nxt = (chosen[-1], chosen[-2]) if at_start else (chosen[0], chosen[1])
        rest = [t for t in toks if t not in chosen]
        if not rest:
            break
        label_gap = line.text[near[1]:rest[0][0]] if at_start else line.text[rest[-1][1]:near[0]]
        cell_gap = line.text[nxt[1]:near[0]] if at_start else line.text[near[1]:nxt[0]]
        if label_gap == " " and (len(cell_gap) >= 2 or "\t" in cell_gap) and parse_num(near[2], lang) is not None:
            chosen = chosen[:-1] if at_start else chosen[1:]
        else:
            break
    nums: list[Num] = []
    for a, b, t in chosen:
        n = parse_num(t, lang)
        if n is None:
            n = Num(a, b, t, None)
        n.a, n.b = a, b
        nums.append(n)
    if at_start:
        nums.reverse()  # nearest the label first
    tl.nums = nums
    tl.at_start = at_start and bool(nums)
    rest = [t for t in toks if t not in chosen]
    if rest:
        tl.label = (rest[0][0], rest[-1][1])
    return tl


def is_year_only(tl: TLine) -> bool:
    return bool(tl.nums) and all(n.value is not None and isinstance(n.value, int) and YEAR.match(str(n.value)) for n in tl.nums)


# --- the table model -------------------------------------------------------------------------------------


def span_of(doc: Document, line: Line, a: int, b: int) -> Optional[Span]:
    try:
        return doc.span(line.offset + a, line.offset + b)
    except ValueError:
        return None


def read(doc: Document, tl: TLine, a: int, b: int, exclude: tuple[tuple[int, int], ...] = ()) -> str:
    off = tl.line.offset
    return reading(doc, tl.block, off + a, off + b, tuple((off + x, off + y) for x, y in exclude))


_MARKER = re.compile(r"(?<=[^\W\d_])\d{1,2}(?=\s|$)|(?:(?<=\s)|^)\d{1,2}(?=[^\W\d_])")


def read_label(doc: Document, tl: TLine) -> str:
    """A row label, without a footnote marker glued to a word (``اِی‌سی‌وی2``, raw ``2وی``) or edge colons."""
    a, b = tl.label
    piece = fold_digits(tl.text[a:b])
    markers = tuple((a + m.start(), a + m.end()) for m in _MARKER.finditer(piece))
    return read(doc, tl, a, b, markers).strip(" :|")


def caption_text(doc: Document, tl: TLine) -> str:
    """The caption as read: ``جدول 1: <title>``. A caption the extraction reversed (``<title> : <t0>1جدول``)
    is rebuilt: the title starts after the colon (``t0``) and goes on with the part before it, each part read
    as its own run."""
    text = tl.line.text
    m = CAPTION_END.search(fold_digits(text))
    if not m:
        return reading(doc, tl.block, tl.line.offset, tl.line.end)
    body = text[: m.start()]
    colon = max(body.rfind(":"), body.rfind("："))
    head, tail = (body[colon + 1:], body[:colon]) if colon >= 0 else ("", body)
    pieces = []
    off = tl.line.offset
    for piece in (head, tail):
        if piece.strip():
            a = text.index(piece)
            pieces.append(reading(doc, tl.block, off + a, off + a + len(piece), own=True))
    title = join_pairs(" ".join(pieces).replace(":", " "))
    return f"{m.group('kind')} {m.group('n')}: {' '.join(title.split())}".strip()


def build(doc: Document, region: Region) -> Optional[Table]:
    """The Table of one region, or None when its lines hold no table."""
    lang = region.caption.block.lang if region.caption else (region.lines[0].block.lang if region.lines else "fa")
    lines = []
    for tl in region.lines:
        parsed = tokenize(tl.line, lang)
        parsed.block = tl.block
        lines.append(parsed)
    if region.caption:
        first = region.caption
        span = span_of(doc, first.line, 0, len(first.line.text))
    elif lines:
        span = span_of(doc, lines[0].line, 0, len(lines[0].line.text))
    else:
        return None
    if span is None:
        return None
    table_id = item_id("tbl", span)
    table = Table(id=table_id, number=region.number, span=span, lang=lang if lang in ("fa", "en") else "fa")
    if region.caption:
        table.caption = caption_text(doc, region.caption)
    if region.source:
        m = SOURCE_LINE.match(region.source.line.text)
        rest = m.group("rest")
        if lang_of(rest, "en") == "fa":
            a = region.source.line.text.index(rest) if rest else 0
            rest = read(doc, region.source, a, a + len(rest))
        table.source = rest
    if not lines:
        return table
    if _is_stacked(lines):
        _build_stacked(doc, table, lines)
    else:
        _build_rows(doc, table, lines)
    return table


def _is_stacked(lines: list[TLine]) -> bool:
    """Cells one per line: several lines that are a figure alone."""
    numeric = [tl for tl in lines if tl.nums and not is_year_only(tl)]
    bare = [tl for tl in numeric if tl.label is None]
    return len(bare) >= 2 and len(bare) * 3 >= len(numeric)


# --- one row per line ------------------------------------------------------------------------------------


def _build_rows(doc: Document, table: Table, lines: list[TLine]) -> None:
    data_idx = [k for k, tl in enumerate(lines) if tl.nums and tl.label is not None and not (k == 0 and is_year_only(tl))]
    if not data_idx:
        # no row with a label and figures: keep the lines as label-only rows
        data_idx = [k for k, tl in enumerate(lines) if tl.nums]
    first = data_idx[0] if data_idx else len(lines)
    header_lines = lines[:first]
    body = lines[first:]
    ncols = _width(body)
    for tl in body:
        if len(tl.nums) > ncols and tl.label is not None:
            _give_to_label(tl, len(tl.nums) - ncols)  # ``Article 5   12``: the 5 is part of the label
    reversed_rows = sum(tl.at_start for tl in body if tl.nums) > sum((not tl.at_start) for tl in body if tl.nums and tl.label)
    header_parts = _header_parts(doc, header_lines, reversed_rows)
    pct_header = [False] * ncols
    names = _column_names(header_parts, ncols, body, pct_header)
    kinds = _column_kinds(body, ncols, pct_header)
    table.columns = names
    rows: list[Row] = []
    for tl in body:
        if not tl.nums and tl.label is None:
            continue
        label = read_label(doc, tl) if tl.label else ""
        label_span = span_of(doc, tl.line, *tl.label) if tl.label else None
        slots = _assign(tl.nums, kinds) if tl.nums else [None] * ncols
        r = len(rows) + 1
        cells = []
        for c, n in enumerate(slots, 1):
            cid = f"{table.id}-r{r}-c{c}"
            if n is None or n.value is None:
                cells.append(Cell(id=cid, value=None, text=n.text if n else None,
                                  span=span_of(doc, tl.line, n.a, n.b) if n else None))
                continue
            value = n.value
            if kinds[c - 1] == "pct" and n.single_comma3 and isinstance(value, int) and value > 100:
                value = float(fold_digits(n.text).replace("،", ".").replace(",", ".").strip("%٪()"))
            cells.append(Cell(id=cid, value=value, text=n.text, span=span_of(doc, tl.line, n.a, n.b)))
        rows.append(Row(label=label, label_span=label_span, cells=cells))
    table.rows = rows


def _width(body: list[TLine]) -> int:
    """Figure columns: the count most rows with a label have (when it is most of them), else the largest."""
    from collections import Counter

    counts = Counter(len(tl.nums) for tl in body if tl.nums and tl.label is not None)
    if not counts:
        return max((len(tl.nums) for tl in body), default=0)
    common, n = counts.most_common(1)[0]
    return common if n * 2 > sum(counts.values()) else max(counts)


def _give_to_label(tl: TLine, k: int) -> None:
    """Move the ``k`` figures nearest the label into it."""
    moved, tl.nums = tl.nums[:k], tl.nums[k:]
    a, b = tl.label
    for n in moved:
        a, b = min(a, n.a), max(b, n.b)
    tl.label = (a, b)


def _header_parts(doc: Document, header_lines: list[TLine], reverse: bool) -> list[tuple[str, int]]:
    """(name, line index) of each header cell: cells split at wide gaps, in reading order."""
    parts: list[tuple[str, int]] = []
    for k, tl in enumerate(header_lines):
        pieces = []
        pos = 0
        text = tl.line.text
        for m in list(GAP.finditer(text)) + [None]:
            end = m.start() if m else len(text)
            seg = text[pos:end]
            if seg.strip():
                a = pos + (len(seg) - len(seg.lstrip()))
                b = pos + len(seg.rstrip())
                pieces.append(read(doc, tl, a, b))
            pos = m.end() if m else len(text)
        if reverse:
            pieces.reverse()
        parts.extend((p, k) for p in pieces if p)
    return parts


def _column_names(parts: list[tuple[str, int]], ncols: int, body: list[TLine], pct_header: list[bool]) -> list[str]:
    names = [""] * ncols
    if not parts or not ncols:
        return names
    texts = [p for p, _ in parts]
    if len(texts) == ncols + 1:
        texts = texts[1:]
    if len(texts) > ncols:
        texts = [" ".join(texts[: len(texts) - ncols + 1])] + texts[len(texts) - ncols + 1:]
        texts = texts[1:] if len(texts) > ncols else texts
    if len(texts) == ncols:
        names = list(texts)
    else:
        # fewer names than columns: a percent name goes over the column of percentages, the rest from the end
        free = list(range(ncols))
        kinds = _column_kinds(body, ncols, [False] * ncols)
        for t in texts:
            if PERCENT_WORD.search(t):
                pcts = [c for c in free if kinds[c] == "pct"]
                if pcts:
                    names[pcts[-1]] = t
                    free.remove(pcts[-1])
                    continue
        rest = [t for t in texts if t not in names]
        for t, c in zip(reversed(rest), reversed(free)):
            names[c] = t
    for c, n in enumerate(names):
        pct_header[c] = bool(PERCENT_WORD.search(n))
    return names


def _column_kinds(body: list[TLine], ncols: int, pct_header: list[bool]) -> list[str]:
    """``pct`` (percentages), ``int`` (counts) or ``num`` for each figure column, from the full rows."""
    kinds = []
    full = [tl for tl in body if len(tl.nums) == ncols]
    for c in range(ncols):
        vals = [tl.nums[c] for tl in full if tl.nums[c].value is not None]
        if pct_header[c] or (vals and all(n.pct for n in vals)):
            kinds.append("pct")
        elif vals and all(isinstance(n.value, int) for n in vals) and any(abs(n.value) > 100 for n in vals):
            kinds.append("int")
        elif vals and all(abs(n.value) <= 100 for n in vals) and any(n.decimals for n in vals):
            kinds.append("pct")
        elif vals and all(isinstance(n.value, int) for n in vals):
            kinds.append("int")
        else:
            kinds.append("num")
    return kinds


def _fit(n: Num, kind: str) -> float:
    if n.value is None:
        return 0.0
    is_int = isinstance(n.value, int)
    if kind == "int":
        return 1.0 if is_int else -1.0
    if kind == "pct":
        if n.pct or (not is_int and abs(n.value) <= 100):
            return 1.0
        if n.single_comma3 and is_int:
            return 0.5
        return 0.3 if abs(n.value) <= 100 else -1.0
    return 0.5


def _assign(nums: list[Num], kinds: list[str]) -> list[Optional[Num]]:
    """Place a row's figures (nearest the label first) in the columns they fit, keeping their order."""
    ncols = len(kinds)
    if len(nums) >= ncols:
        return list(nums[:ncols])
    best, best_pos = None, None
    for pos in itertools.combinations(range(ncols), len(nums)):
        score = sum(_fit(n, kinds[p]) for n, p in zip(nums, pos))
        if best is None or score > best:
            best, best_pos = score, pos
    slots: list[Optional[Num]] = [None] * ncols
    for n, p in zip(nums, best_pos or ()):
        slots[p] = n
    return slots


# --- cells one per line ----------------------------------------------------------------------------------


@dataclass
class _Fig:
    tl: TLine
    num: Num
    unit_line: Optional[TLine] = None  # a unit word on the next line (``6`` / ``سال``)
    unit: str = ""


def _is_label_line(tl: TLine) -> bool:
    words = tl.text.split()
    return 0 < len(words) <= 4 and not SENTENCE_PUNCT.search(tl.text) and len(tl.text.strip()) <= 40


def _build_stacked(doc: Document, table: Table, lines: list[TLine]) -> None:
    # words that follow figures more than once are units (``سال``, ``نماینده``)
    def figure(tl: TLine) -> Optional[Num]:
        if len(tl.nums) != 1 or is_year_only(tl) or tl.nums[0].value is None:
            return None
        if tl.label is None:
            return tl.nums[0]
        words = tl.text[tl.label[0]:tl.label[1]].split()
        return tl.nums[0] if len(words) == 1 and not SENTENCE_PUNCT.search(words[0]) else None

    unit_counts: dict[str, int] = {}
    for k, tl in enumerate(lines):
        if figure(tl) is not None:
            if tl.label is not None:
                w = tl.text[tl.label[0]:tl.label[1]].strip()
                unit_counts[w] = unit_counts.get(w, 0) + 1
            elif k + 1 < len(lines) and len(lines[k + 1].text.split()) == 1 and not lines[k + 1].nums:
                w = lines[k + 1].text.strip()
                unit_counts[w] = unit_counts.get(w, 0) + 1
    units = {w for w, c in unit_counts.items() if c >= 2}

    # groups of figure lines -> rows
    items: list[Union[_Fig, TLine]] = []
    k = 0
    while k < len(lines):
        tl = lines[k]
        n = figure(tl)
        if n is not None and (tl.label is None or tl.text[tl.label[0]:tl.label[1]].strip() in units):
            fig = _Fig(tl, n, unit=tl.text[tl.label[0]:tl.label[1]].strip() if tl.label else "")
            if tl.label is None and k + 1 < len(lines) and lines[k + 1].text.strip() in units:
                fig.unit_line = lines[k + 1]
                fig.unit = lines[k + 1].text.strip()
                k += 1
            items.append(fig)
        else:
            items.append(tl)
        k += 1
    groups: list[list[_Fig]] = []
    segments: list[list[TLine]] = [[]]
    for it in items:
        if isinstance(it, _Fig):
            if segments[-1] or not groups:
                groups.append([])
                segments.append([])
            groups[-1].append(it)
        else:
            segments[-1].append(it)
    # segments[0] = header + first label; segments[i] = text of row i-1 + label of row i; segments[-1] = text
    if not groups:
        return
    label_parts: list[list[TLine]] = []
    tails: list[list[TLine]] = []
    for i in range(len(groups)):
        seg = segments[i]
        if i == 0:
            label_parts.append(seg)  # split from the header below
            continue
        cut = len(seg)
        while cut > 0 and _is_label_line(seg[cut - 1]):
            cut -= 1
        tails.append(seg[:cut])
        label_parts.append(seg[cut:])
    tails.append(segments[len(groups)])
    has_text_col = any(t for t in tails)
    lengths = [len(p) for p in label_parts[1:] if p]
    inner = min(lengths) if lengths else len(label_parts[0])
    spanning = any(n > inner for n in lengths)
    first = label_parts[0]
    first_len = min(len(first), inner + (1 if spanning else 0))
    header = first[: len(first) - first_len]
    label_parts[0] = first[len(first) - first_len:]

    ncols = max(len(g) for g in groups)
    reversed_rows = is_damaged(doc) or any(f.tl.at_start for g in groups for f in g)
    parts = _header_parts(doc, header, reversed_rows)
    table.columns = _stacked_names(parts, ncols, has_text_col)

    outer = ""
    outer_span = None
    rows: list[Row] = []
    for i, g in enumerate(groups):
        part = label_parts[i]
        inner_lines = part[len(part) - inner:] if spanning else part
        outer_lines = part[: len(part) - inner] if spanning else []
        if outer_lines:
            outer = " ".join(read(doc, tl, 0, len(tl.text)) for tl in outer_lines)
            outer_span = span_of(doc, outer_lines[0].line, 0, len(outer_lines[0].line.text))
        inner_text = " ".join(read(doc, tl, 0, len(tl.text)) for tl in inner_lines)
        label = f"{outer} — {inner_text}" if outer and inner_text else (outer or inner_text)
        anchor = inner_lines[0] if inner_lines else (outer_lines[0] if outer_lines else None)
        label_span = span_of(doc, anchor.line, 0, len(anchor.line.text)) if anchor else outer_span
        r = len(rows) + 1
        cells: list[Cell] = []
        for c in range(ncols):
            cid = f"{table.id}-r{r}-c{c + 1}"
            if c >= len(g):
                cells.append(Cell(id=cid))
                continue
            f = g[c]
            text = f.num.text + (" " + f.unit if f.unit and f.unit_line is not None else "")
            if f.tl.label is not None:
                text = read(doc, f.tl, 0, len(f.tl.text))
            elif f.unit_line is not None:
                text = f"{f.num.text} {read(doc, f.unit_line, 0, len(f.unit_line.text))}"
            cells.append(Cell(id=cid, value=f.num.value, text=text, span=span_of(doc, f.tl.line, f.num.a, f.num.b)))
        if has_text_col:
            tail = tails[i]
            text = " ".join(read(doc, tl, 0, len(tl.text)) for tl in tail)
            cells.append(Cell(id=f"{table.id}-r{r}-c{ncols + 1}", value=text or None, text=text or None,
                              span=span_of(doc, tail[0].line, 0, len(tail[0].line.text)) if tail else None))
        rows.append(Row(label=label, label_span=label_span, cells=cells))
    table.rows = rows


def _stacked_names(parts: list[tuple[str, int]], ncols: int, has_text_col: bool) -> list[str]:
    """Column names for the figure columns (and the text column): the header's first cell names the labels; a
    line holding several cells is complete, single-cell lines are wrapped pieces joined when there are too many."""
    want = ncols + (1 if has_text_col else 0)
    if not parts:
        return [""] * want
    pieces = [[p] for p, _ in parts]
    line_of = [k for _, k in parts]
    multi = {k for k in line_of if line_of.count(k) > 1}
    body = pieces[1:]  # the first cell names the label column
    body_lines = line_of[1:]
    while len(body) > want:
        # join the first pair of neighbouring pieces that both stand alone on their lines
        for j in range(len(body) - 1):
            if body_lines[j] not in multi and body_lines[j + 1] not in multi and body_lines[j] != body_lines[j + 1]:
                body[j] = body[j] + body[j + 1]
                del body[j + 1]
                del body_lines[j + 1]
                break
        else:
            body[-2] = body[-2] + body[-1]
            del body[-1]
            del body_lines[-1]
    names = [" ".join(b) for b in body]
    return names + [""] * (want - len(names))
