"""Segmentation: the document's lines grouped into blocks, each with a zone and a language.

One public entry, :func:`segment`. Zones are found from the shape of lines and from repetition, never from
the text of one particular source:
    - ``header``: running heads and journal lines (a page number at the edge of a line whose other text
      repeats elsewhere, or that is set off by a wide gap), bare page numbers;
    - ``footnote``: ``1 . The Assembly of ...``, a bare marker line followed by `` . text``, a Persian line
      that ends in a marker (``... لقب .1``), Latin glosses that follow them;
    - ``abstract``: the English text before the first Persian line, and the section under a ``چکیده``
      heading up to the keywords line;
    - ``caption`` / ``table``: ``جدول 1: ...`` / ``Table 2`` / ``شکل 1`` and the rows under a table caption,
      up to its ``Source:`` line;
    - ``quote``: a boxed constitution quote (a short heading naming an article and before/after a reform,
      and the quoted lines under it);
    - ``heading``: short lines without sentence punctuation or numbers;
    - ``body``: the rest.
Lines whose zone is already known from layout (``Line.zone_hint``, set by the PDF loader) keep it.
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Block, Document, Line
from .script import fold_digits, lang_of

_WS = re.compile(r"\s+")
_EDGE_NUMBER = re.compile(r"^\s*(\d{1,4})(\s+)\S|\S(\s+)(\d{1,4})\s*$")
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_FOOTNOTE_LATIN = re.compile(r"^\s*\d{1,2}\s*\.\s+[A-Za-z]")
_FOOTNOTE_DOT_TEXT = re.compile(r"^\s*\.\s+\S")
_FOOTNOTE_FA_END = re.compile(r"[^\W\d_]\s*\.\s?[1-9]\s*$")  # ``... لقب .1``: marker after a word, not ``(.1``
_CAPTION_START = re.compile(r"^\s*(?P<kind>جدول|Table|شکل|Figure|نمودار)\s*\d{1,2}\s*[:.)\-–]", re.I)
# reversed extraction: the number glued before the word at the line end, a ``:`` or ``)`` elsewhere in the line
_CAPTION_END = re.compile(r"\d{1,2}\s*(?P<kind>جدول|شکل|نمودار)\s*$")
_ROW_NUMBER = re.compile(r"\d[،,٫٬.]\d{2,3}(?!\d)")  # a table figure: 77،18, 11،734،642, 6,163,516
_SOURCE_LINE = re.compile(r"^\s*(?:Source|Sources|منبع|منابع|مأخذ)\s*:", re.I)
_SENTENCE_PUNCT = re.compile(r"[.،؛:«»()!؟?;,\"“”]")
_ENUM = re.compile(r"^\s*\d{1,2}\s*\.\s*|\s*\.\s*\d{1,2}\s*$")
_ARTICLE_WORD = re.compile(r"(?:^|[\s\d،,.(])(?:اصل|لاص|اصول)(?=$|[\s\d،,.)])|\bArt(?:icle|\.)")
_BEFORE_AFTER_WORD = re.compile(r"(?<!\S)(?:پس|پیش|پيش)(?=\s|\d|$)|\b(?:before|after)\b", re.I)
_CONSTITUTION = re.compile(r"قانون\s*اساسی|Constitution", re.I)
_FROM_WORD = re.compile(r"(?<!\S)از(?!\S)")
_YEAR = re.compile(r"(?<!\d)(?:1[34]\d\d|19\d\d|20\d\d)(?!\d)")
_ABSTRACT_FA = re.compile(r"^\s*چکیده\s*$")
_KEYWORDS = re.compile(r"واژگان|واژه\s*های\s*کلیدی|کلیدواژه|Keywords", re.I)
_LETTER_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه"})


def _key(text: str) -> str:
    """A line's text without digits, punctuation or spacing: equal keys mean a repeated line."""
    t = fold_digits(text).translate(_LETTER_FOLD)
    t = re.sub(r"[\d\W_]+", " ", t)
    return _WS.sub(" ", t).strip()


def _is_header(line: Line, key_counts: Counter) -> bool:
    m = _EDGE_NUMBER.search(fold_digits(line.text))
    if not m:
        return False
    number = int(m.group(1) or m.group(4))
    if 1300 <= number <= 1499 or 1900 <= number <= 2099:
        return False  # a year at the edge of a line is not a page number
    gap = m.group(2) or m.group(3) or ""
    key = _key(line.text)
    if len(key) < 4 or len(line.text.strip()) > 160:
        return False
    if _SENTENCE_PUNCT.search(line.text.strip()[-1:] or "") and len(gap) < 3 and key_counts[key] < 2:
        return False
    return key_counts[key] >= 2 or len(gap) >= 3


def _is_heading(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 70:
        return False
    core = _ENUM.sub("", t)
    if _SENTENCE_PUNCT.search(core) or re.search(r"\d", fold_digits(core)):
        return False
    words = core.split()
    if not 1 <= len(words) <= 7:
        return False
    return lang_of(core) == "fa" or (len(words) <= 4 and core[:1].isupper())


def segment(doc: Document) -> list[Block]:
    """Assign a zone and language to every non-blank line and group them into blocks (stored on ``doc``)."""
    lines = [ln for ln in doc.lines if ln.text.strip()]
    zones: dict[int, str] = {}
    block_starts: set[int] = set()  # lines that open a new block even when the zone goes on (a new quote)
    key_counts = Counter(_key(ln.text) for ln in lines if _EDGE_NUMBER.search(fold_digits(ln.text)))

    for i, ln in enumerate(lines):
        if ln.zone_hint:
            zones[i] = ln.zone_hint

    first_fa = next((i for i, ln in enumerate(lines) if lang_of(ln.text) == "fa" and not _BARE_NUMBER.match(ln.text)), len(lines))

    i = 0
    while i < len(lines):
        if i in zones:
            i += 1
            continue
        ln = lines[i]
        t = ln.text
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        caption = _caption_kind(t)
        if _BARE_NUMBER.match(t):
            if _FOOTNOTE_DOT_TEXT.match(nxt) or (int(fold_digits(t)) < 10 and re.match(r"\s*[A-Za-z]", nxt) and i > first_fa):
                zones[i] = zones[i + 1] = "footnote"
                i += 2
                continue
            zones[i] = "header"
        elif caption:
            zones[i] = "caption"
            if caption == "table":
                i = _take_table(lines, i + 1, zones, key_counts)
                continue
        elif _is_quote_heading(t):
            zones[i] = "quote"
            block_starts.add(i)
            i = _take_quote(lines, i + 1, zones)
            continue
        elif _is_header(ln, key_counts):
            zones[i] = "header"
        elif i < first_fa and lang_of(t) == "en" and (first_fa < len(lines) or _in_en_abstract(lines, i)):
            # English before the Persian text is the English abstract; an all-English document has one only
            # under an "Abstract" heading, up to the next heading or its keywords
            zones[i] = "heading" if (_is_heading_en(t) and (i == 0 or _ABSTRACT_EN.match(t))) else "abstract"
        elif _is_heading(t):
            zones[i] = "heading"
        elif _FOOTNOTE_LATIN.match(t) or (lang_of(t) == "fa" and _FOOTNOTE_FA_END.search(t) and len(t) < 200 and i >= first_fa):
            zones[i] = "footnote"
        i += 1

    # Latin glosses right after a footnote line in a Persian region belong to the footnote
    for i, ln in enumerate(lines):
        if i not in zones and i > first_fa and zones.get(i - 1) == "footnote" and lang_of(ln.text) == "en" and not ln.text.strip().startswith("("):
            zones[i] = "footnote"

    # The Persian abstract: from a چکیده heading to the keywords line
    for i, ln in enumerate(lines):
        if _ABSTRACT_FA.match(ln.text.translate(_LETTER_FOLD)):
            zones[i] = "heading"
            j = i + 1
            while j < len(lines) and j - i < 40 and zones.get(j) != "heading":
                if zones.get(j) in (None, "body"):
                    zones[j] = "abstract"
                if _KEYWORDS.search(lines[j].text):
                    break
                j += 1
            break

    # a PDF's boxed quotes: each box is a block of its own
    box_of = {line: k for k, box in enumerate(doc.boxes_from_layout) for line in map(tuple, box["lines"])}
    for i, ln in enumerate(lines):
        k = box_of.get((ln.page, ln.number))
        if k is not None and (i == 0 or box_of.get((lines[i - 1].page, lines[i - 1].number)) != k):
            block_starts.add(i)

    blocks: list[Block] = []
    for i, ln in enumerate(lines):
        zone = zones.get(i, "body")
        lang = lang_of(ln.text, default=blocks[-1].lang if blocks else "fa")
        same_page = blocks and (blocks[-1].lines[-1].page == ln.page or zone == "quote")
        # a quote keeps its lines together whatever their script (a Latin citation inside a boxed quote)
        same_lang = blocks and (blocks[-1].lang == lang or zone == "quote")
        if same_page and same_lang and i not in block_starts and blocks[-1].zone == zone \
                and zone not in ("heading", "header", "caption"):
            blocks[-1].lines.append(ln)
        else:
            blocks.append(Block(id="", zone=zone, lang=lang, lines=[ln]))
    for b in blocks:
        if b.zone == "quote":
            b.lang = lang_of(b.text, default=b.lang)
    for n, b in enumerate(blocks, 1):
        b.id = f"b{n:04d}"
    doc.blocks = blocks
    return blocks


_ABSTRACT_EN = re.compile(r"^\s*(?:Abstract|Summary|Extended Abstract)\s*:?\s*$", re.I)


def _in_en_abstract(lines: list[Line], i: int) -> bool:
    """In an all-English document: is line i between an Abstract heading and the next heading/keywords line?"""
    for k in range(i, -1, -1):
        t = lines[k].text
        if _ABSTRACT_EN.match(t):
            return True
        if k < i and (_KEYWORDS.match(t.strip()) or (_is_heading_en(t) and not t.strip().endswith(":"))):
            return False
    return False


def _is_heading_en(text: str) -> bool:
    t = text.strip()
    return len(t.split()) <= 4 and not _SENTENCE_PUNCT.search(t)


def _is_quote_heading(text: str) -> bool:
    """A boxed quote's heading: a short line naming an article, a year and before/after (``پس``/``پیش`` ... ``از``)."""
    t = fold_digits(text).strip()
    return (
        bool(_ARTICLE_WORD.search(t)) and bool(_YEAR.search(t))
        and bool(_BEFORE_AFTER_WORD.search(t)) and bool(_FROM_WORD.search(t) or re.search("before|after", t, re.I))
        and len(t) < 110 and len(t.split()) <= 16 and "؛" not in t and not re.search(r"[.:]\s*$|^\s*[.:]", t)
    ) or (
        # without a version: a short title line naming an article of a constitution, with no sentence marks
        bool(_ARTICLE_WORD.search(t)) and bool(re.search(r"\d", t)) and bool(_CONSTITUTION.search(t))
        and len(t.split()) <= 9 and not re.search(r"[.:؛«»()]", t)
    )


def _caption_kind(text: str) -> str | None:
    """``table`` or ``figure`` when the line is a caption (``جدول 1: ...``, reversed ``...: 1جدول``)."""
    t = fold_digits(text).strip()
    if len(t) > 120:
        return None
    m = _CAPTION_START.match(t)
    if not m:
        m = _CAPTION_END.search(t)
        if not m or not re.search(r"[:()]", t):
            return None
    return "table" if m.group("kind").lower() in ("جدول", "table") else "figure"


def _take_quote(lines: list[Line], j: int, zones: dict[int, str]) -> int:
    """Mark the quoted lines under a quote heading; stop after the line that closes the quoted sentence."""
    start = j
    while j < len(lines) and j - start < 10:
        if j in zones:
            j += 1
            continue
        t = lines[j].text.strip()
        if _is_header(lines[j], Counter()) or _FOOTNOTE_LATIN.match(t) or _BARE_NUMBER.match(t) or _is_quote_heading(t):
            break
        zones[j] = "quote"
        j += 1
        if "." in re.sub(r"\d+(?:-\d+)?\s*\.|\.\s*\d+(?:-\d+)?", "", fold_digits(t)):
            # a sentence closed: the quote ends unless the next line goes on with a list item (ـ or 1-2)
            nxt = lines[j].text.strip() if j < len(lines) else ""
            if not (nxt.startswith("ـ") or nxt.endswith("ـ") or re.search(r"\d+-\d+", fold_digits(nxt))):
                break
    return j


def _take_table(lines: list[Line], j: int, zones: dict[int, str], key_counts: Counter) -> int:
    """Mark the rows under a table caption up to its Source line (footnotes inside stay footnotes)."""
    start = j
    limit = 60
    in_footnote = False
    while j < len(lines) and j - start < limit:
        ln = lines[j]
        t = ln.text
        if _SOURCE_LINE.match(t):
            zones[j] = "table"
            return j + 1
        if j in zones:
            j += 1
            continue
        if _is_header(ln, key_counts) and key_counts[_key(t)] >= 2:
            break  # a running head (it repeats) ends the table; a row with a wide gap before its number does not
        if _BARE_NUMBER.match(t) and j + 1 < len(lines) and _FOOTNOTE_DOT_TEXT.match(lines[j + 1].text):
            zones[j] = zones[j + 1] = "footnote"
            in_footnote = True
            j += 2
            continue
        if _FOOTNOTE_LATIN.match(t) or (in_footnote and not _ROW_NUMBER.search(fold_digits(t))):
            # a page's footnotes can interrupt a table: they last until a line that looks like a row again
            zones[j] = "footnote"
            in_footnote = True
            j += 1
            continue
        in_footnote = False
        zones[j] = "table"
        j += 1
    # no Source line: keep only the lines up to the last one with a number
    last = start - 1
    for k in range(start, j):
        if zones.get(k) == "table" and re.search(r"\d", fold_digits(lines[k].text)):
            last = k
    for k in range(last + 1, j):
        if zones.get(k) == "table":
            del zones[k]
    return last + 1
