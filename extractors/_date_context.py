"""Shared by the date and statistics extractors (private): the views of a block they read, reading-order
damage, raw spans, bibliographic contexts, and rotated spellings.

Views (:func:`block_views`, computed once per block): ``v0`` is the block's raw text with letters folded
(hazm's 1:1 table), digits folded to ASCII and blanks kept, every character mapped to its raw offset. A
clean source reads as logical text there. When the source shows the reversed-run damage described in
docs/DEVELOPING.md, ``v1`` is v0 with each Persian line's runs put back in logical order (runs break at
digits, Latin, wide gaps and a detached ``ۀ``), and ``vrep`` is the normalizer's repaired reading. Reading the
raw text keeps the extractors independent of how well the reading-order repair did on a line.
"""

from __future__ import annotations

import bisect
import operator
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .aligned import AlignedText
from .document import Block, Document
from .models import Span
from .script import fold_digits

PERSIAN_LETTER = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u0622\u0623\u0624\u0626\u0629"
P = f"[{PERSIAN_LETTER}]"
# damage evidence: a digit glued to the Persian word after it ("2022ژوئن"), a detached ezafe letter opening a
# word ("ۀاز" = the end of "ژانویۀ")
_GLUED_DIGIT = re.compile(rf"[0-9۰-۹٠-٩]{P}|(?<!\S)ۀ{P}")
_PUNCT_START = re.compile(r"^\s*[.،؛:]\S")
_PUNCT_END = re.compile(r"[.؟!:؛]\s*$")
_DIGIT = re.compile(r"[0-9]")
_PERSIAN_WORD = re.compile(rf"{P}{{2,}}")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_TWO_PERSIAN_WORDS = re.compile(rf"{P}{{2,}}.*?(?<!{P}){P}{{2,}}")


# --- damage ---------------------------------------------------------------------------------------------

def doc_is_damaged(doc: Document) -> bool:
    """True when the Persian lines look like reversed glyph runs: digits glued to the Persian word after them
    (``2022ژوئن``, ``5در``), a detached ``ۀ`` opening a word, sentence punctuation opening a line (``.کشور``)
    more often than closing one. (The seed: 181 glued and 78 opening marks against 16 closing ones in 588
    Persian lines; the same article's logical text layer: 2, 0 and 156.) Cached on the document."""
    cached = getattr(doc, "_kavosh_damaged", None)
    if cached is not None:
        return cached
    persian = glued = opening = closing = 0
    for line in doc.lines:
        t = line.text
        if not _TWO_PERSIAN_WORDS.search(t):
            continue
        persian += 1
        glued += bool(_GLUED_DIGIT.search(t))
        opening += bool(_PUNCT_START.match(t))
        closing += bool(_PUNCT_END.search(t))
    evidence = glued + opening
    damaged = evidence >= 1 and evidence >= 0.03 * persian and glued + 2 * opening > closing
    try:
        doc._kavosh_damaged = damaged  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return damaged


@dataclass
class LineView:
    """One line of a block view: ``at`` (digits folded), its start in the block view, whether it is in raw order
    (always, for the raw view; a reordered view would say no), and whether it is a Persian line."""

    at: AlignedText
    start: int
    raw_order: bool
    persian: bool
    number: int  # the raw line number


def _monotonic(src) -> bool:
    return all(map(operator.lt, src, src[1:]))


class BlockViews:
    """The views of one block the date and statistics extractors read (built lazily, once per block).

    ``v0``: the block's raw text, letters folded (hazm's 1:1 table) and digits folded, blanks kept. For a
    clean source that is its logical text; for a source with reversed-run damage it is the reading the damage
    model describes. Either way it does not depend on how well the normalizer's reading-order repair did (a
    repair that misreads a line cannot take a figure away).
    ``v1``: damaged sources only, v0 with each Persian line's runs put back in reverse order.
    ``vrep``: damaged sources only, the normalizer's (repaired) view, read as logical text.
    """

    def __init__(self, doc: Document, block: Block):
        self.doc, self.block = doc, block
        self.damaged = doc_is_damaged(doc)
        self.v0 = raw_view(block)
        self.lines = block_lines(doc, block, self.v0)
        self._v1: Optional[AlignedText] = None
        self._vrep: Optional[AlignedText] = None
        self._cites: Optional[tuple[set[int], set[int]]] = None
        self._line_starts = [lv.start for lv in self.lines]

    @property
    def v1(self) -> Optional[AlignedText]:
        if self._v1 is None and self.damaged:
            self._v1 = view1(self.doc, self.block, self.lines) or AlignedText("", [])
        return self._v1 if self._v1 is not None and len(self._v1) else None

    @property
    def vrep(self) -> Optional[AlignedText]:
        if self._vrep is None and self.damaged and self.block.normalized is not None:
            self._vrep = _undo_digit_spacing(folded_view(self.block))
        return self._vrep

    def citation_years(self) -> tuple[set[int], set[int]]:
        """Citation-year starts in view0 and (brackets on both sides) in view1, computed once."""
        if self._cites is None:
            c1: set[int] = set()
            t = self.v0.text
            if self.damaged and ("(" in t or ")" in t) and _FOUR_DIGITS.search(t) and self.v1 is not None:
                c1 = citation_years(self.v1.text, enclosed_only=True)
            self._cites = (citation_years(self.v0.text), c1)
        return self._cites

    def in_raw_persian(self, pos: int) -> bool:
        """Is view0 position ``pos`` on a Persian line still in damaged raw order?"""
        if not self.damaged:
            return False
        k = bisect.bisect_right(self._line_starts, pos) - 1
        if k < 0:
            return False
        lv = self.lines[k]
        return pos <= lv.start + len(lv.at) and lv.persian and lv.raw_order


def block_views(doc: Document, block: Block) -> BlockViews:
    """The views of a block, computed once (cached on the block, renewed when its normalized view changes)."""
    cached = getattr(block, "_kavosh_views", None)
    if cached is not None and cached[0] is block.normalized:
        return cached[1]
    bv = BlockViews(doc, block)
    try:
        block._kavosh_views = (block.normalized, bv)  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return bv


def raw_view(block: Block) -> AlignedText:
    """The block's raw lines, joined by newlines, with letters folded (hazm's 1:1 table) and digits folded to
    ASCII: both one for one, so character i is raw offset ``block.start + i``. Blanks are kept as they are
    (a run of them is a wide gap of the extraction); the rules read any blank run as a separator."""
    text = "\n".join(line.text for line in block.lines).translate(_fold_table())
    # lines of a block are consecutive raw lines (blank lines are not in blocks): map each piece to its line
    src = array("i", range(block.lines[0].offset, block.lines[0].end)) if block.lines else array("i")
    for prev, line in zip(block.lines, block.lines[1:]):
        src.append(prev.end)
        src.extend(range(line.offset, line.end))
    return AlignedText(text, src)


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    """Letters (:func:`_letters`) and Persian/Arabic-Indic digits (to ASCII) in one translation table."""
    from .script import DIGITS_TO_ASCII

    return {**_letters(), **DIGITS_TO_ASCII}


@lru_cache(maxsize=1)
def _letters() -> dict[int, int]:
    """The normalizer's one-for-one letter folding (hazm's table: Arabic ي/ك -> ی/ک, presentation forms ->
    letters) as a ``str.translate`` table, read off :func:`extractors.normalize.letters`; a character it maps
    to more than one, or to a blank, is left alone so offsets never move."""
    from .normalize import letters

    chars = "".join(chr(c) for r in ((0x0600, 0x0780), (0x08A0, 0x0900), (0xFB50, 0xFE00), (0xFE70, 0xFF00))
                    for c in range(*r))
    folded = letters(AlignedText.identity(chars))
    if len(folded.text) != len(chars):
        return {}
    return {ord(a): ord(b) for a, b in zip(chars, folded.text) if a != b and not b.isspace()}


_DIGIT_SEP_BLANK = re.compile(r"(?<=[0-9][،,٫٬.]) (?=[0-9])")


def _undo_digit_spacing(at: AlignedText) -> AlignedText:
    """Drop blanks the normalizer inserted inside a number (``77، 18`` -> ``77،18``)."""
    drop = [m.start() for m in _DIGIT_SEP_BLANK.finditer(at.text) if at.inserted[m.start()]]
    if not drop:
        return at
    pieces, pos = [], 0
    for d in drop:
        pieces.append(at[pos:d])
        pos = d + 1
    pieces.append(at[pos:])
    return AlignedText.concat(pieces)


def block_lines(doc: Document, block: Block, v0: Optional[AlignedText] = None) -> list[LineView]:
    """A block view split into its lines (views join lines with ``\\n``); by default the raw view."""
    at = v0 if v0 is not None else raw_view(block)
    text = at.text
    out: list[LineView] = []
    pos = 0
    # the whole block still in raw order (the usual case when nothing was repaired): no per-line check
    all_raw = not any(at.inserted) and _monotonic(at.src)
    for piece in text.split("\n"):
        n = len(piece)
        sub = AlignedText(piece, at.src[pos : pos + n], at.inserted[pos : pos + n])
        if all_raw:
            raw_order = True
            first = sub.src[0] if n else None
        else:
            real = [s for s, i in zip(sub.src, sub.inserted) if not i]
            raw_order = _monotonic(real) if real else True
            first = real[0] if real else None
        number = doc.lines[doc.line_index(first)].number if first is not None else 0
        m = _TWO_PERSIAN_WORDS.search(piece)
        persian = bool(m) or (bool(_PERSIAN_WORD.search(piece)) and not _LATIN_WORD.search(piece))
        out.append(LineView(sub, pos, raw_order, persian, number))
        pos += len(piece) + 1
    return out


def folded_view(block: Block) -> AlignedText:
    """The block's normalized view (the normalizer's reading) with ASCII digits."""
    at = block.normalized
    return AlignedText(fold_digits(at.text), at.src, at.inserted)


# --- reversed runs --------------------------------------------------------------------------------------

_RUN_TOKEN = re.compile(
    r"(?P<num>[0-9]+(?:[.,،٫٬/:\-][0-9]+)*%?)"
    r"|(?P<lat>[A-Za-z][A-Za-z0-9.,'’&…:;!?\-]*(?:\s+[A-Za-z0-9(][A-Za-z0-9.,'’&…:;!?()\-]*)*\)?)"
    r"|(?P<heh>(?<![^\s0-9])ۀ(?=" + P + "))"
)


_BLANK_RUN = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}")


def gaps(at: AlignedText) -> set[int]:
    """Positions in ``at`` (a raw view, blanks kept) where a wide gap of the extraction starts: two or more
    blanks in a row."""
    return {m.start() for m in _BLANK_RUN.finditer(at.text)}


def runs(at: AlignedText) -> list[tuple[int, int, str]]:
    """A raw-order line cut into its glyph runs: (start, end, kind) with kind ``num``, ``lat``, ``heh`` (a
    detached ``ۀ`` that belongs to the end of the logically previous run) or ``fa``."""
    text = at.text
    cuts: list[tuple[int, int, str]] = []
    for m in _RUN_TOKEN.finditer(text):
        cuts.append((m.start(), m.end(), m.lastgroup or "fa"))
    wide = gaps(at)
    out: list[tuple[int, int, str]] = []
    pos = 0

    def add_fa(a: int, b: int) -> None:
        # split Persian stretches at wide gaps
        start = a
        for g in sorted(x for x in wide if a <= x < b):
            if text[start:g].strip():
                out.append((start, g, "fa"))
            start = g + 1
        if text[start:b].strip():
            out.append((start, b, "fa"))

    for a, b, kind in cuts:
        if a > pos:
            add_fa(pos, a)
        out.append((a, b, kind))
        pos = b
    if pos < len(text):
        add_fa(pos, len(text))
    return out


def reversed_line(at: AlignedText) -> AlignedText:
    """The line with its runs in reverse order (the logical order of a damaged line). Runs are joined by one
    (inserted) space; a detached ``ۀ`` is glued back to the end of the run before it in the new order."""
    text, src, ins = at.text, at.src, at.inserted
    chars: list[str] = []
    osrc = array("i")
    oins = array("b")
    for a, b, kind in reversed(runs(at)):
        while a < b and text[a] == " ":
            a += 1
        while b > a and text[b - 1] == " ":
            b -= 1
        if a >= b:
            continue
        if chars and kind != "heh":
            chars.append(" ")
            osrc.append(src[a])
            oins.append(1)
        chars.append(text[a:b])
        osrc.extend(src[a:b])
        oins.extend(ins[a:b])
    return AlignedText("".join(chars), osrc, oins)


def view1(doc: Document, block: Block, lines: Optional[list[LineView]] = None) -> Optional[AlignedText]:
    """The block with every raw-order Persian line reversed run by run (lines joined by newlines); None when the
    document shows no reversed-run damage or no line needs it."""
    if not doc_is_damaged(doc):
        return None
    lines = lines if lines is not None else block_lines(doc, block)
    parts: list[AlignedText] = []
    changed = False
    for k, lv in enumerate(lines):
        if k:
            anchor = lv.at.src[0] if len(lv.at) else (parts[-1].src[-1] if parts and len(parts[-1]) else 0)
            parts.append(AlignedText("\n", [anchor], [1]))
        # a line with no digit is one run apart from its gaps: its order only matters next to a number, so
        # it is reversed only when it holds one or sits beside a line that does
        near_digit = any(_DIGIT.search(x.at.text) for x in lines[max(0, k - 1) : k + 2])
        if lv.persian and lv.raw_order and near_digit:
            parts.append(reversed_line(lv.at))
            changed = True
        else:
            parts.append(lv.at)
    if not changed:
        return None
    return AlignedText.concat(parts)


# --- raw spans --------------------------------------------------------------------------------------------

def spans_for(doc: Document, at: AlignedText, start: int, end: int) -> tuple[Span, list[Span]]:
    """The raw span(s) of ``at[start:end]``: per raw line, the extent of the characters read there (blanks and
    inserted characters ignored), ordered by line; the first is the item's span."""
    offsets = [s for s, i, c in zip(at.src[start:end], at.inserted[start:end], at.text[start:end])
               if not i and not c.isspace()]
    if not offsets:
        offsets = list(at.src[start:end])
    return spans_of_offsets(doc, offsets)


def spans_of_offsets(doc: Document, offsets: Iterable[int]) -> tuple[Span, list[Span]]:
    by_line: dict[int, list[int]] = {}
    for o in offsets:
        by_line.setdefault(doc.line_index(o), []).append(o)
    spans: list[Span] = []
    for li in sorted(by_line):
        lo, hi = min(by_line[li]), max(by_line[li]) + 1
        spans.extend(doc.spans(lo, hi))
    return spans[0], spans[1:]


def raw_offsets(at: AlignedText, start: int, end: int) -> frozenset[int]:
    return frozenset(s for s, i, c in zip(at.src[start:end], at.inserted[start:end], at.text[start:end])
                     if not i and not c.isspace())


# --- bibliographic contexts -----------------------------------------------------------------------------

_MONTHS_EN = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
              r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
# "Author, 2022", "Odihr 3, 2022", "the Library of Congress, 2022", "Kim et al., 2023"
_LATIN_AUTHOR_YEAR = re.compile(
    r"(?P<who>[A-Za-z][\w'’.&\-…]*(?:[ \t]+[\w'’.&\-…]+){0,8}?)[ \t]*(?:\d{1,3}[ \t]*)?,[ \t]*(?P<y>\d{4})[a-z]?(?!\d)"
)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_SOURCE_LINE = re.compile(r"^\s*(?:Source|Sources|منبع|منابع|مأخذ|ماخذ)\s*:", re.I)
_ACCESS = re.compile(r"(?:retrieved|accessed|viewed|last\s+visited)(?:\s+(?:on|at|from))?\s*:?\s*$|(?:تاریخ\s+)?(?:دسترسی|بازیابی)(?:\s+در)?\s*:?\s*$", re.I)


_YEAR4 = re.compile(r"(?<!\d)(\d{4})[a-z]?(?!\d)")
_HAS_BRACKET = re.compile(r"[()\[\]{}]")
_BRACKET_LEFT = re.compile(r"[()\[\]{}][\s.,;:]*$")
_BRACKET_RIGHT = re.compile(r"[\s.,;:]*(?::\s*\d+(?:[-–]\d+)?\s*)?[()\[\]{}]")
_RANGE_RIGHT = re.compile(r"\s*[-–]\s*\d")
_RANGE_LEFT = re.compile(r"\d\s*[-–]\s*$")
_SAL_LEFT = re.compile(r"سال\s*$|سال[\s\u200c]*ها?ی?\s*$")
_SAL_RIGHT = re.compile(r"\s*سال(?![\u0600-\u06ff])")
_MONTH_LEFT_EN = re.compile(_MONTHS_EN + r"\s*(?:\d{1,2},?)?\s*$", re.I)
_MONTH_LEFT_FA = re.compile(r"(?:ژانویه|ژانویۀ|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|فروردین|"
                            r"اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند)\s*$")
_NARRATIVE = re.compile(rf"(?<!\d)(\d{{4}})\s*({P}+)\s*[()]")


_COMMA_YEAR = re.compile(r",[ \t]*(\d{4})[a-z]?(?!\d)")


def _latin_author_years(text: str):
    """``Author, 2022`` matches, found from each ``, YYYY`` backwards (cheaper than scanning every letter)."""
    for cm in _COMMA_YEAR.finditer(text):
        lo = max(0, cm.start() - 90)
        seg = text[lo : cm.end()]
        if not re.search(r"[A-Za-z]", seg):
            continue
        for m in _LATIN_AUTHOR_YEAR.finditer(seg):
            if lo + m.end("y") == cm.end(1):
                yield _Shifted(m, lo)
                break


class _Shifted:
    """A match of a slice, with offsets in the whole text."""

    def __init__(self, m: re.Match, lo: int):
        self.m, self.lo = m, lo

    def group(self, g):
        return self.m.group(g)

    def start(self, g=0):
        return self.m.start(g) + self.lo


def is_source_line(text: str) -> bool:
    return bool(_SOURCE_LINE.match(text))


def citation_years(text: str, enclosed_only: bool = False) -> set[int]:
    """Start offsets of four-digit years in ``text`` that belong to bibliographic citations:
    ``(Auyezov, 2022)``, ``Satubaldina 2, 2022``, ``(Kim et al., 2023: 5)``, a year wrapped in brackets
    (``ساگار (2009)``, mirrored ``( در 1997)``, the tail ``(2023`` / ``2022 .)`` of a citation broken over lines),
    every year of a ``Source:`` line. A year next to ``سال`` or a month name is never a citation year.
    ``enclosed_only``: a bracket is needed on both sides (for a reconstructed view, where one bracket next to a
    year may come from a neighbouring run)."""
    out: set[int] = set()
    if not _FOUR_DIGITS.search(text):
        return out
    if is_source_line(text):
        return {m.start() for m in re.finditer(r"(?<!\d)\d{4}(?!\d)", text)}
    for m in _latin_author_years(text):
        who = m.group("who")
        words = re.findall(r"[A-Za-z][\w'’.\-]*", who)
        if not words:
            continue
        last = words[-1]
        if re.fullmatch(_MONTHS_EN, last, re.I) or re.fullmatch(r"\d+", who.strip()):
            continue  # "June 5, 2022" is a date
        if not any(w[:1].isupper() for w in words):
            continue
        out.add(m.start("y"))
    for m in _YEAR4.finditer(text):
        a, b = m.start(1), m.end(1)
        left = text[max(0, a - 12) : a]
        right = text[b : b + 12]
        if not _HAS_BRACKET.search(left) and not _HAS_BRACKET.search(right):
            continue
        lm = _BRACKET_LEFT.search(left)
        rm = _BRACKET_RIGHT.match(right)
        if _RANGE_RIGHT.match(right) or _RANGE_LEFT.search(left):
            continue  # a range of years "(1991-2019)" is a period, not a citation
        if not (lm or rm) or (enclosed_only and not (lm and rm)):
            continue
        # the bracket group around the year must not make it a date: "(پس از اصلاحات سال 2022)"
        near_left = text[max(0, a - 8) : a]
        near_right = text[b : b + 8]
        if _SAL_LEFT.search(near_left) or _SAL_RIGHT.match(near_right):
            continue
        if _MONTH_LEFT_EN.search(near_left) or _MONTH_LEFT_FA.search(near_left):
            continue
        out.add(a)
    # a narrative citation in raw order: the year glued to the author's name, then the name's bracket
    # ("2009ساگار )" = "ساگار (2009)"); the name is not a common word
    for m in _NARRATIVE.finditer(text):
        name = m.group(2)
        if name.startswith("سال") or re.search(r"سال[\s\u200c]*(?:ها|های)?\s*$", text[max(0, m.start() - 8) : m.start()]):
            continue
        if not common_word(name, 500):
            out.add(m.start(1))
    return out


def citation_continuation(doc: Document, line_no: int, text: str) -> bool:
    """A line holding only a year (``2022.``, ``2022 .)``) that ends a citation begun on the line before it
    (``(Constitution of the Republic of Kazakhstan,`` / mirrored ``,Constitution of ... Kazakhstan)``)."""
    if not re.fullmatch(r"[\s.,;:()\[\]]*\d{4}[a-z]?[\s.,;:()\[\]]*", fold_digits(text)):
        return False
    idx = next((i for i, ln in enumerate(doc.lines) if ln.number == line_no), None)
    if idx is None:
        return False
    j = idx - 1
    while j >= 0 and not doc.lines[j].text.strip():
        j -= 1
    if j < 0:
        return False
    prev = doc.lines[j].text
    name = r"[A-Z][\w.’'&\-]*(?:\s+(?:of|the|and|for|on|&|[A-Z][\w.’'&\-]*))*"
    return bool(re.search(name + r"\s*,\s*\(?\s*$", prev) or re.search(r",\s*" + name + r"\s*\)", prev))


def preceded_by_access(text: str, start: int) -> bool:
    """``retrieved on January 15, 2023``: the date at ``start`` is a citation's access date."""
    return bool(_ACCESS.search(text[max(0, start - 30) : start]))


# --- rotated spellings ----------------------------------------------------------------------------------

def chunk_reversals(word: str, max_chunks: int = 3) -> set[str]:
    """Spellings of ``word`` whose glyph chunks came out in reverse order: ``مارس`` -> ``سمار`` (``مار|س``),
    ``آوریل`` -> ``ریلوآ`` (``آ|و|ریل``), ``اصلاحیه`` -> ``هیاصلاح`` (``اصلاح|ی|ه``), ``قاضی`` -> ``یقاض``. Two
    chunks anywhere, or three of which two are single letters (what a detached letter looks like); the word
    itself is not included."""
    n = len(word)
    out: set[str] = set()
    for k in range(1, n):
        out.add(word[k:] + word[:k])
    if max_chunks >= 3:
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                a, b, c = word[:i], word[i:j], word[j:]
                if (len(a) == 1) + (len(b) == 1) + (len(c) == 1) >= 2:
                    out.add(c + b + a)
    out.discard(word)
    return out


@lru_cache(maxsize=None)
def common_word(word: str, threshold: int = 50) -> bool:
    """True when hazm's lexicon knows ``word`` as a real word (so a rotated reading of it would be a guess)."""
    from . import lexicon

    return lexicon.frequency(word) >= threshold or word in lexicon.verbs()
