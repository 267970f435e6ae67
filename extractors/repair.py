"""Repair of reading-order damage in Persian lines extracted from PDFs (issue 7).

The damage (docs/DEVELOPING.md, "THE DAMAGE MODEL"): a raw line is its logical glyph runs in reverse order.
:mod:`extractors._repair_engine` finds the runs and reads them back in logical order, scoring readings with
hazm's lexicon (:mod:`extractors._repair_model`); this module is the public face:

* :func:`repair_line` -- one line's normalized view in logical order, as an
  :class:`~extractors.aligned.AlignedText` (every character still maps to the raw character it came from;
  reordering is a permutation of raw slices, inserted blanks/ZWNJs borrow a neighbour's offset), and the
  audit records (:class:`~extractors.models.Repair`) of every word it changed.
* :func:`repaired_text` -- a whole document's repaired reading as plain text (one line per raw line), for the
  ``kavosh repair`` command.

Only Persian lines are repaired; English lines come through unchanged. A raw word hazm knows is never turned
into a word it does not know: the engine forbids it, and :func:`repair_line` checks it again and falls back to
the raw order if it ever happened.
"""

from __future__ import annotations

import re

from . import _repair_engine as E
from . import _repair_model as M
from .aligned import AlignedText
from .document import Document, Line
from .models import Repair
from .script import ZWNJ, lang_of

_LETTERS = "\u0621-\u063A\u0641-\u064A\u064B-\u065F\u0670\u0671-\u06D3\u06D5\u06FA-\u06FF"
_WORD = re.compile(f"[{_LETTERS}\u200c\u0640]+")
_PERSIAN = re.compile(f"[{_LETTERS}]")
# blanks around punctuation, as a Persian text is written
_BLANK_BEFORE_PUNCT = re.compile(r"(?<=\S) +(?=[،؛:!؟.](?:\s|$|[»)\]]))")
_BLANK_AFTER_OPENER = re.compile(r"(?<=[(«\[]) +(?=\S)")
_BLANK_BEFORE_CLOSER = re.compile(r"(?<=\S) +(?=[)»\]])")
_NO_BLANK_AFTER_PUNCT = re.compile(f"(?<=[{_LETTERS}\\d)»])([،؛:!؟])(?=[{_LETTERS}\\d(«])")


def _spacing_marks(at: AlignedText) -> AlignedText:
    at = at.sub(_BLANK_BEFORE_PUNCT, "")
    at = at.sub(_BLANK_AFTER_OPENER, "")
    at = at.sub(_BLANK_BEFORE_CLOSER, "")
    at = at.sub(_NO_BLANK_AFTER_PUNCT, lambda m: m.group(1) + " ")
    return at


def is_persian(line: Line, lang: str | None = None) -> bool:
    if lang is not None:
        return lang == "fa" and bool(_PERSIAN.search(line.text))
    return bool(_PERSIAN.search(line.text)) and lang_of(line.text) == "fa"


def repair_line(at: AlignedText, line: Line, repairs: list[Repair] | None = None, lang: str | None = None) -> AlignedText:
    """The line in logical reading order (Persian lines; others are returned unchanged).

    ``at`` is the line's letter-folded raw text (offsets into ``Document.raw``); ``lang`` the language of the
    line's block (``fa`` lines are repaired), or None to decide from the line's own letters. Every word changed
    is appended to ``repairs``."""
    return repair_reading(at, line, repairs, lang)[0]


def repair_reading(at: AlignedText, line: Line, repairs: list[Repair] | None = None,
                   lang: str | None = None) -> tuple[AlignedText, bool]:
    """:func:`repair_line`, and whether the line showed reading-order damage (a clean line is left as its
    writer spaced it: no ZWNJ is added to it later either)."""
    if not is_persian(line, lang):
        return at, False
    reading = E.read_line(at)
    out = reading.text
    if reading.reordered or out.text != at.text:
        out = _spacing_marks(out)
    if _breaks_known_word(line, out):
        out = _spacing_marks(E.orient_brackets(at.sub(E._KASHIDA, "")))
        reading = E.LineReading(out, False, reading.raw_cost, reading.repaired_cost, reading.damaged)
    if repairs is not None:
        repairs.extend(audit(line, out, reading.reordered))
    return out, reading.damaged


def _words(at: AlignedText) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(at.text) if m.group().strip(ZWNJ + "\u0640")]


def _breaks_known_word(line: Line, out: AlignedText) -> bool:
    """A raw word hazm knows whose characters ended up in a word hazm does not know (other than itself)."""
    raw = line.text
    for a, b in _words(out):
        word = out.text[a:b].strip(ZWNJ)
        if not word or M.known(word.replace("\u0640", "")):
            continue
        srcs = [s - line.offset for s, ins in zip(out.src[a:b], out.inserted[a:b]) if not ins]
        for m in _WORD.finditer(raw):
            if any(m.start() <= s < m.end() for s in srcs):
                rw = m.group().translate(_FOLD).replace("\u0640", "")
                if M.known(rw) and rw != word.replace(ZWNJ, "").replace("\u0640", ""):
                    return True
    return False


_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


def audit(line: Line, out: AlignedText, reordered: bool) -> list[Repair]:
    """The Repair records of one line: each changed word (raw extent, before, after, rule), raw words split
    apart, and the line's reading order when it changed."""
    raw = line.text
    base = line.offset
    recs: list[Repair] = []

    def rec(lo: int, hi: int, to: str, rule: str) -> None:
        recs.append(Repair(line=line.number, page=line.page, start=lo, end=hi, before=raw[lo:hi], after=to, rule=rule))

    word_of: dict[int, int] = {}  # raw offset (in line) -> index of the output word holding it
    spans = _words(out)
    for k, (a, b) in enumerate(spans):
        word = out.text[a:b]
        real = [(s - base, c) for s, c, ins in zip(out.src[a:b], word, out.inserted[a:b]) if not ins]
        if not real:
            continue
        for s, _ in real:
            word_of[s] = k
        offs = [s for s, _ in real]
        lo, hi = min(offs), max(offs) + 1
        in_order = offs == sorted(offs) and len(set(offs)) == len(offs)
        raw_piece = raw[lo:hi].replace(" ", "")
        same_chars = "".join(c for _, c in real) == raw[lo:hi].translate(_FOLD).replace("\u0640", "") if in_order else False
        if not in_order or (not same_chars and raw_piece.translate(_FOLD).replace("\u0640", "") != "".join(c for _, c in real)):
            toks = {m.start() for m in _WORD.finditer(raw) for s in offs if m.start() <= s < m.end()}
            rec(lo, hi, word, "rotated-chunks" if len(toks) == 1 else "joined-pieces")
            continue
        if any(ins and c == ZWNJ for c, ins in zip(word, out.inserted[a:b])):
            rec(lo, hi, word, "zwnj")
        elif "\u0640" in raw[lo:hi] and "\u0640" not in word:
            rec(lo, hi, word, "kashida")
        elif raw[lo:hi] != raw[lo:hi].translate(_FOLD):
            rec(lo, hi, word, "arabic-letters")
    for m in _WORD.finditer(raw):
        owners = sorted({word_of[p] for p in range(m.start(), m.end()) if p in word_of})
        if len(owners) > 1:
            to = " ".join(out.text[spans[k][0] : spans[k][1]] for k in owners)
            rec(m.start(), m.end(), to, "split-merged")
    if reordered:
        rec(0, len(raw), out.text, "reading-order")
    return recs


def repaired_text(doc: Document) -> str:
    """The whole document's repaired reading as plain text: one line per raw line (blank lines and lines outside
    any block as they are), blocks in order. Normalizes the document if it was not yet."""
    from .normalize import normalize

    if any(b.normalized is None for b in doc.blocks):
        normalize(doc)
    by_line: dict[int, str] = {}
    for block in doc.blocks:
        parts = block.normalized.text.split("\n")
        if len(parts) != len(block.lines):  # pragma: no cover - normalize keeps one part per line
            continue
        for line, text in zip(block.lines, parts):
            by_line[id(line)] = text
    out = []
    for line in doc.lines:
        out.append(by_line.get(id(line), line.text.strip()))
    return "\n".join(out) + "\n"
