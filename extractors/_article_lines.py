"""Shared by the article and citation extractors: the document's lines as they read them, tokens, and a guess
of which lines are still in the damaged (runs reversed) order.

The extractors read each line's *raw* text, with letters and digits folded one for one (so every offset is a
raw offset and a span is the raw line's own slice), and do their own, local reading of the damage around the
keywords, numbers and citations they look for. They do not rely on the normalized view's reading-order repair:
a half-repaired line (numbers moved, keywords not) or a clean line the repair took for a damaged one is harder
to read than the raw line. The normalized view is consulted for a Persian name the repair made one word again.

Orientation. In the damaged order (DEVELOPING.md) a line is its logical runs in reverse order, and runs break
at numbers, so a number ends up glued to the word that logically *precedes* it (``اصل 41`` -> ``41اصل``): a
digit directly followed by a Persian letter is the mark of a damaged line; a Persian letter directly followed
by a digit (``اصل41``) is no evidence either way (the damage makes it too: ``( در2011)``). Lines without the
mark take the document's habit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .document import Block, Document, Line
from .models import Span
from .provenance import locate_raw
from .script import fold_digits

ZWNJ = "\u200c"
TATWEEL = "\u0640"
_FA_LETTER = "\u0621-\u063A\u0641-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F"
# a digit glued to a following Persian letter or a tatweel: the damaged order's signature
_GLUE_DAMAGED = re.compile(r"\d+(?=[" + _FA_LETTER + TATWEEL + "])")
# a Persian letter glued to a following digit: how a clean line with a missing space looks
_GLUE_CLEAN = re.compile(r"[" + _FA_LETTER + r"](?=\d)")
_DIGIT = re.compile(r"\d")
_LIST_GLUE = re.compile(r"(?:و|تا)\s+\d")
_NON_ASCII_DIGIT = re.compile(r"[\u0660-\u0669\u06F0-\u06F9]")
_HAS_FA = re.compile(r"[" + _FA_LETTER + "]")

# tokens of a line: numbers (with - joined sub-labels like 1-1), words (letters, ZWNJ, diacritics), other
_TOKEN = re.compile(
    r"(?P<num>\d+(?:-\d+)*)"
    r"|(?P<word>[^\W\d_\u0640](?:[^\W\d_\u0640]|[\u200c\u064B-\u065F\u0670]|\u0640+(?=[^\W\d_\u0640]))*)"
    r"|(?P<punct>\S)"
)
_NORM_WORD = str.maketrans({"ۀ": "ه", "ة": "ه", "ي": "ی", "ك": "ک", "ى": "ی", "أ": "ا", "إ": "ا", ZWNJ: None,
                            TATWEEL: None})
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670]")


@dataclass(slots=True)
class Token:
    kind: str  # "num" | "word" | "punct"
    text: str
    start: int  # line-local offsets
    end: int
    norm: str = ""  # words: letters folded, no ZWNJ or diacritics; numbers: the digits

    @property
    def value(self) -> int:
        return int(self.text.split("-")[0])


@dataclass
class LineView:
    """One line as the extractors read it.

    ``text`` is what they parse: the raw line with letters and digits folded one for one (so offsets are raw
    offsets), read in the orientation :func:`line_views` guessed for it. The extractors do their own, local
    reading of the damaged order (the keyword and number region) instead of relying on the normalized view's
    repair: a half-repaired line (numbers moved, keywords not), or a clean line the repair took for a damaged
    one, is harder to read than the raw one. The normalized view is consulted for one thing, a Persian name
    the repair put back into one word (:meth:`repaired`).
    """

    block: Block
    line: Line
    text: str  # what the extractors read: the raw line, letters and digits folded one for one
    base: int  # offset of the line in ``block.normalized.text``
    index: int  # position in the document's list of line views
    damaged: bool = False
    norm: str = ""  # the normalized line (digits folded)

    def locate(self, doc: Document, s: int, e: int) -> tuple[Span, list[Span]]:
        """Raw span(s) of ``text[s:e]``."""
        return locate_raw(doc, self.line.offset + s, self.line.offset + e)

    def repaired(self, s: int, e: int) -> str:
        """How the normalized view reads the raw characters ``text[s:e]`` (read in a damaged form): the repair's
        word when it made them one word of the same letters (a rotated name put back: ``انیلطف`` ->
        ``لطفیان``), else the text as it is."""
        here = self.text[s:e]
        if self.block.normalized is None or not self.norm:
            return here
        at = self.block.normalized
        lo, hi = self.line.offset + s, self.line.offset + e
        idx = [k for k in range(self.base, self.base + len(self.norm)) if lo <= at.src[k] < hi and not at.inserted[k]]
        if not idx or idx[-1] - idx[0] + 1 != len(idx):
            return here
        word = self.norm[idx[0] - self.base: idx[-1] - self.base + 1]
        if sorted(word.replace(ZWNJ, "")) != sorted(here.replace(ZWNJ, "")):
            return here
        return word


def fast_fold(text: str) -> str:
    """:func:`extractors.script.fold_digits`, skipped when there is no non-ASCII digit to fold (most text)."""
    return fold_digits(text) if _NON_ASCII_DIGIT.search(text) else text


@lru_cache(maxsize=65536)
def norm_word(w: str) -> str:
    return _DIACRITICS.sub("", w).translate(_NORM_WORD)


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        t = m.group()
        out.append(Token(kind, t, m.start(), m.end(), norm_word(t) if kind == "word" else t))
    return out


def glue_votes(text: str, footnote: bool = False) -> tuple[int, int]:
    """(damaged, clean) votes of one line's digit/letter contacts. A one-digit number glued at the very start of
    the line is how a clean footnote starts (``1لقب ...``): it votes only when what it is glued to is ``و``/``تا``
    before another number (``4و  3بندهاي``), and never in a footnote zone."""
    lead = len(text) - len(text.lstrip())
    damaged = 0
    for m in _GLUE_DAMAGED.finditer(text):
        if m.start() == lead and (footnote or len(m.group()) == 1):
            if not footnote and _LIST_GLUE.match(text, m.end()):
                damaged += 1
            continue
        damaged += 1
    return damaged, len(_GLUE_CLEAN.findall(text))


@lru_cache(maxsize=1)
def _letter_fold() -> tuple[re.Pattern, dict[str, str]]:
    """hazm's one-for-one letter table (as the normalizer uses it) as a pattern of the letters it changes."""
    try:
        from .normalize import _letter_table

        table = {chr(k): chr(v) for k, v in _letter_table().items() if isinstance(v, int)}
    except Exception:  # pragma: no cover - the normalizer's table unavailable: the common Arabic forms
        table = {"ي": "ی", "ك": "ک", "ى": "ی"}
    return re.compile("[" + re.escape("".join(table)) + "]"), table


def raw_reading(line: Line) -> str:
    """The raw line with letters and digits folded one for one: same length, raw offsets."""
    rx, table = _letter_fold()
    return rx.sub(lambda m: table[m.group()], fast_fold(line.text))


def line_views(doc: Document, skip_zones: tuple[str, ...] = ("header",)) -> list[LineView]:
    """Every line of every block (but ``skip_zones``) as a :class:`LineView`, in document order, with its
    orientation guessed from the raw line. Kept on the document for the next extractor while its blocks and
    their normalized views stay the same objects."""
    stamp = (skip_zones, tuple((id(b), id(b.normalized)) for b in doc.blocks))
    cached = doc.__dict__.get("_line_views")
    if cached is not None and cached[0] == stamp:
        return cached[1]
    views = _line_views(doc, skip_zones)
    doc.__dict__["_line_views"] = (stamp, views)
    return views


def _line_views(doc: Document, skip_zones: tuple[str, ...]) -> list[LineView]:
    views: list[LineView] = []
    for block in doc.blocks:
        if block.zone in skip_zones:
            continue
        parts = fast_fold(block.normalized.text).split("\n") if block.normalized is not None else []
        if len(parts) != len(block.lines):  # no normalized view line by line: raw only
            parts = [""] * len(block.lines)
        base = 0
        for line, part in zip(block.lines, parts):
            views.append(LineView(block, line, raw_reading(line), base, len(views), norm=part))
            base += len(part) + 1
    _orient(views)
    return views


def _orient(views: list[LineView]) -> None:
    has_fa = [bool(_HAS_FA.search(v.text)) for v in views]
    votes = [glue_votes(v.text, v.block.zone == "footnote") if fa else (0, 0) for v, fa in zip(views, has_fa)]
    with_digits = sum(1 for v, fa in zip(views, has_fa) if fa and _DIGIT.search(v.text))
    dam = sum(1 for d, c in votes if d > c)
    cln = sum(1 for d, c in votes if c > d)
    # the document's habit, for lines that show no sign either way: damaged when a fair share of its Persian
    # lines with numbers show the mark
    prior = dam >= 3 and dam > 2 * cln and dam >= 0.15 * with_digits
    for v, fa, (d, c) in zip(views, has_fa, votes):
        # a letter glued to a digit (``در2011``) shows up in damaged lines as often as in clean ones: only the
        # digit-before-letter glue is evidence; without it a line follows the document
        v.damaged = d > c or (prior and fa)


@lru_cache(maxsize=4096)
def known_word(w: str) -> bool:
    from . import lexicon

    return lexicon.knows(w)
