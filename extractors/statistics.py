"""Statistics found in a document: percentages, counts, durations and fractions, with what they count.

One public entry, :func:`find_statistics`. Forms (digits in any of the three systems, or words):
    - percent: ``77،18 درصد``, ``90.01 %``, ``۶۸٫۰۶٪``, ``۹۹/۵ درصد``, ``68 per cent``;
    - count, unit from the counted noun: ``98 نماینده`` (deputies), ``200 تن`` (people), ``56 اصلاحیه در 33 اصل``
      (amendments; articles), ``دو نفر از هر منطقه`` (people), ``6,163,516 votes``, ``four judges``,
      ``from 15 to 10 representatives`` (two counts), ``بیش از یک بار`` / ``twice`` (times);
    - duration: ``هفت سال``, ``پنج‌ساله``, ``seven-year``, ``60 روز``, ``یک ماه``, ``دو دهۀ``;
    - fraction: ``دو سوم``, ``سه چهارم``, ``one-third`` (unit ``fraction``);
    - table rows: the numbers of a row take their unit and subject from the row label (``موافق`` votes,
      ``نامعتبر`` ballots, ``تعداد رأی‌دهندگان ثبت‌شده`` voters); a decimal in a table with a percent column is
      a percent; a cell ``6`` over a line ``سال`` is 6 years.
``unit`` is a short English word, the same for both languages; ``subject`` is a short English description from
a small bilingual vocabulary (yes votes, turnout, registered voters, deputies, senators, presidential term ...)
so claims of an English abstract and a Persian body can be compared.

What is read: each block's raw text, letters and digits folded (:mod:`extractors._date_context`). Clean text
is read as logical text (the noun follows the number). A source with reversed-run damage (docs/DEVELOPING.md)
is read in its raw order as the damage model describes it: the counted noun is the first word of the run
*before* the number (``تن کشته شدند 200`` = ``200 تن کشته شدند``), the noun before a number in reading order is
the last word of the run after it (``42اصل`` = ``اصل 42``, a reference), and a number opening a raw line ends
its logical line, its noun at the end of the next raw line. The normalizer's repaired reading is not used here:
on the seed it only added errors (words split or merged, ``درصد`` read as ``در صد``).

Not statistics: dates and years, article/paragraph/table/figure/page/volume numbers (``اصل 42``, ``42اصل`` in
raw order), citation labels and pages, ordinals (``دورۀ هفتم``), list enumerators, footnote markers, the
indefinite ``یک`` (``یک فرد``), numbers with nothing counted, anything in running headers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from ._date_context import PERSIAN_LETTER, block_views, citation_years, common_word, gaps, spans_for
from ._stat_vocab import (
    ONCE_EN,
    REFERENCE_EN,
    REFERENCE_FA,
    lookup,
    split_glued,
    subject_for,
)
from .dates import date_offsets
from .document import Block, Document
from .models import Statistic, item_id
from .numbers import AMBIGUOUS_WORDS, PERSIAN_CARDINALS, PERSIAN_SCALES, find_numbers

ZWNJ = "\u200c"
_TOKEN = re.compile(
    rf"(?P<num>[0-9]+(?:[.,،٫٬/][0-9]+)*)|(?P<fa>[{PERSIAN_LETTER}\u06c0{ZWNJ}]+)"
    r"|(?P<en>[A-Za-z]+(?:['’][A-Za-z]+)?)|(?P<pct>[%٪])|(?P<p>[^\s])"
)
_SENT_PUNCT = set(".،؛:!؟?;,()«»\"")
_EN_STOP = {"of", "the", "a", "an", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "was",
            "were", "is", "are", "be", "been", "has", "have", "had", "that", "which", "who", "than", "as", "per"}
_SMALL_CARDINALS = {w: v for w, v in PERSIAN_CARDINALS.items() if 1 <= v <= 9 and w not in ("یه", "شیش")}
_AMBIGUOUS_WORDS = AMBIGUOUS_WORDS
_YEK = {"یک", "one", "a", "an"}
_SENATE = re.compile(r"سنا(?![\u0600-\u06ff])|senat", re.I)
_LOWER = re.compile(r"پائین|پایین|سفلی|نیپائ|نییپا|mazhilis|lower\s+house|مجلس\s+نمایندگان", re.I)
_ELECTION = re.compile(r"پرسی|انتخابات|رأی|آرا|referendum|election|votes", re.I)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])|(?:م|ام|مین|امین)(?![\u0600-\u06ff])", re.I)
_PER_REGION = re.compile(r"هر\s+منطقه|per\s+region|each\s+region|every\s+region", re.I)
_PERCENT_WORD = re.compile(r"\s*(?:درصد|per\s*cent\b|percent\b|pct\b)", re.I)
_LATIN_CITE = re.compile(r"[A-Z][\w'’.&\-…]*(?:[ \t]+[\w'’.&\-…]+){0,8}?[ \t]*(\d{1,3})?[ \t]*,[ \t]*\d{4}[a-z]?(?:[ \t]*:[ \t]*(\d+(?:[-–]\d+)?))?")


class _Tok:
    """One token of a block's view: ``kind`` is num | fa | en | pct | p."""

    __slots__ = ("start", "end", "kind", "text")

    def __init__(self, start: int, end: int, kind: str, text: str):
        self.start, self.end, self.kind, self.text = start, end, kind, text

    def __repr__(self) -> str:
        return f"_Tok({self.start}, {self.end}, {self.kind!r}, {self.text!r})"


@dataclass
class _Num:
    start: int
    end: int
    value: float
    kind: str  # digits | words | fraction
    shape: str
    ti: int  # first token index
    tj: int  # one past the last token index
    text: str
    glued: str = ""  # "suffix": the number ends a glued token ("مهمدو نفر"); "prefix": it starts one ("سهسنا")
    unit_hint: Optional["_Unit"] = None  # a unit glued to the number in the same token ("دوبار", "سه‌ساله")


class _BlockReader:
    """Everything the extractor needs about one block: its view, tokens, wide gaps, numbers."""

    def __init__(self, doc: Document, block: Block, dates: frozenset[int]):
        self.doc = doc
        self.block = block
        bv = block_views(doc, block)
        self.bv = bv
        self.at = bv.v0
        self.text = self.at.text
        self.toks = [_Tok(m.start(), m.end(), m.lastgroup or "p", m.group(0)) for m in _TOKEN.finditer(self.text)]
        self.starts = [t.start for t in self.toks]
        self.wide = gaps(self.at) if bv.damaged else set()
        self.dates = dates
        self.claimed: set[int] = set()  # token indices already used as a unit
        # what separates token i-1 from token i
        self._bnd = ["line"] * (len(self.toks) + 1)
        wide = sorted(self.wide)
        for i in range(1, len(self.toks)):
            a, b = self.toks[i - 1].end, self.toks[i].start
            if a == b:
                self._bnd[i] = "glue"
                continue
            between = self.text[a:b]
            if "\n" in between:
                continue
            k = bisect.bisect_left(wide, a)
            self._bnd[i] = "gap" if k < len(wide) and wide[k] < b else "space"

    # -- tokens --
    def tok_from(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def tok_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def boundary(self, i: int) -> str:
        """What separates token i-1 from token i: ``line`` (a newline), ``gap`` (a wide raw gap), ``glue`` (no
        space), ``space``."""
        if i <= 0 or i >= len(self.toks):
            return "line"
        return self._bnd[i]

    def raw(self, a: int, b: int) -> frozenset[int]:
        return frozenset(s for s, ins in zip(self.at.src[a:b], self.at.inserted[a:b]) if not ins)

    def damaged_at(self, pos: int) -> bool:
        return self.bv.in_raw_persian(pos)

    def line_span(self, pos: int) -> tuple[int, int]:
        a = self.text.rfind("\n", 0, pos) + 1
        b = self.text.find("\n", pos)
        return a, (len(self.text) if b < 0 else b)


# --- numbers of a block ---------------------------------------------------------------------------------

def _numbers(r: _BlockReader) -> list[_Num]:
    out: list[_Num] = []
    for n in find_numbers(r.text, lang=r.block.lang):
        if n.kind == "ordinal":
            continue
        ti = r.tok_at(n.start)
        tj = r.tok_at(n.end - 1) + 1
        out.append(_Num(n.start, n.end, float(n.value), n.kind, n.shape, ti, tj, n.text))
    glued = _glued_numbers(r)
    hinted = {n.start for n in glued if n.unit_hint}
    out = [n for n in out if n.start not in hinted]  # "پنج‌ساله": the reading with its noun wins
    out.extend(glued)
    # English "once", "twice"
    for i, t in enumerate(r.toks):
        if t.kind == "en" and t.text.lower() in ONCE_EN:
            out.append(_Num(t.start, t.end, float(ONCE_EN[t.text.lower()]), "once", "int", i, i + 1, t.text,
                            unit_hint=_Unit("count", "times", i)))
    out.sort(key=lambda n: n.start)
    return out


def _glued_numbers(r: _BlockReader) -> list[_Num]:
    """Number words the extraction glued to other letters:
    a rotated letter in front (``یسه قاض`` = ``سه قاضی``, ``هپنج سال`` = ``پنج‌ساله``);
    the number ending a glued token, its noun next (``مهمدو نفر``, ``استیهفت ساله``, ``فیپنج نامزد``);
    the number opening a glued token whose rest is a word (``سهسنا`` = ``سنا و سه``);
    the number and its noun in one token (``دوبار``, ``سه‌ساله``)."""
    out: list[_Num] = []
    toks = r.toks
    for i, t in enumerate(toks):
        w = t.text
        if t.kind != "fa" or len(w) < 3 or w in PERSIAN_CARDINALS:
            continue
        heads = [k for k in range(2, min(7, len(w) - 1)) if w[:k] in _GLUE_CARDINALS]
        tails = [k for k in range(max(1, len(w) - 6), len(w) - 1) if w[k:] in _GLUE_CARDINALS]
        debris = w[0] in "یهۀ" and w[1:] in _GLUE_CARDINALS
        if not (heads or tails or debris):
            continue
        # a number and its noun in one token: "دوبار", "سه‌ساله", "پنج‌ساله"
        done = False
        for k in heads:
            head, tail = w[:k], w[k:].lstrip(ZWNJ)
            if len(tail) >= 2:
                hit = lookup(tail)
                # a ZWNJ at the joint says it is a compound ("پنج‌ساله"); glued letters could be a word ("دوباره")
                if hit and not hit[1].startswith("*") and (w[k : k + 1] == ZWNJ or not common_word(w.replace(ZWNJ, ""), 200)):
                    out.append(_Num(t.start, t.start + k, float(PERSIAN_CARDINALS[head]), "words", "int", i, i + 1,
                                    head, "prefix", _Unit(hit[0], hit[1], i)))
                    done = True
                    break
        if done:
            continue
        if debris:
            out.append(_Num(t.start + 1, t.end, float(PERSIAN_CARDINALS[w[1:]]), "words", "int", i, i + 1, w[1:]))
            continue
        if common_word(w.replace(ZWNJ, ""), 200):
            continue
        if tails and i + 1 < len(toks) and r.boundary(i + 1) in ("space", "glue") and _lookup_tok(r, i + 1):
            k = tails[0]
            out.append(_Num(t.start + k, t.end, float(PERSIAN_CARDINALS[w[k:]]), "words", "int", i, i + 1, w[k:], "suffix"))
            continue
        for k in heads:
            if common_word(w[k:], 200) and len(w) - k >= 2:
                out.append(_Num(t.start, t.start + k, float(PERSIAN_CARDINALS[w[:k]]), "words", "int", i, i + 1,
                                w[:k], "prefix"))
                break
    return out


_GLUE_CARDINALS = frozenset(w for w in PERSIAN_CARDINALS if len(w) >= 2 and w not in _AMBIGUOUS_WORDS and w != "یه")


def _split_fractions(r: _BlockReader, nums: list[_Num]) -> list[_Num]:
    """Damaged raw order separates the two words of a fraction: ``چهارم مجموع نمایندگان هریک از با اکثریت سه``
    = ``سه‌چهارم``. A denominator ordinal at the head of a stretch, a small cardinal up to seven words after it on
    the same line, and the ordinal not after a noun that makes it an ordinal (``بند سوم``)."""
    out: list[_Num] = []
    from .numbers import PERSIAN_DENOMINATORS

    for i, t in enumerate(r.toks):
        if t.kind != "fa" or t.text not in PERSIAN_DENOMINATORS or not r.damaged_at(t.start):
            continue
        den = PERSIAN_DENOMINATORS[t.text]
        if i > 0 and r.toks[i - 1].kind == "fa" and r.boundary(i) in ("space", "glue"):
            prev = r.toks[i - 1].text
            if prev in REFERENCE_FA or lookup(prev) or prev in ("دورۀ", "دوره", "بخش", "فصل", "مرحله", "مرحلۀ", "نسل"):
                continue
        words = 0
        for j in range(i + 1, min(len(r.toks), i + 16)):
            u = r.toks[j]
            if r.boundary(j) == "line" or u.kind in ("num", "en"):
                break
            if u.kind != "fa":
                continue
            words += 1
            if words > 10:
                break
            if u.text in _SMALL_CARDINALS and _SMALL_CARDINALS[u.text] < den:
                value = round(_SMALL_CARDINALS[u.text] / den, 4)
                out.append(_Num(t.start, u.end, value, "fraction", "int", i, j + 1, t.text + " " + u.text))
                break
    return out


# --- what a number counts -----------------------------------------------------------------------------

@dataclass
class _Unit:
    kind: str  # percent | count | duration
    unit: str
    ti: int  # token index of the unit word (-1 for a sign)
    tj: int = -1


def _resolve(r: _BlockReader, word_i: int, hit: tuple[str, str, bool], word: str) -> Optional[_Unit]:
    """A vocabulary hit whose unit depends on the sentence (``*...``) made concrete."""
    kind, unit, _ = hit
    if not unit.startswith("*"):
        return _Unit(kind, unit, word_i)
    pos = r.toks[word_i].start
    a, b = r.line_span(pos)
    damaged = r.damaged_at(pos)
    # the words around: the line in a raw-order line, the sentence in logical text
    line = r.text[a:b] if damaged else _sentence(r.text, pos, r.toks[word_i].end)
    if unit == "*people":  # تن: "دو تن از اعضای" are members
        nxt = " ".join(t.text for t in r.toks[word_i + 1 : word_i + 3])
        return _Unit("count", "members" if re.match(r"از\s+(?:اعضا|عضو)", nxt) else "people", word_i)
    if unit == "*case":  # مورد: "56 مورد اصلاحات", "5 مورد دیگر" (of the revisions the sentence is about)
        near = " ".join(t.text for t in r.toks[max(0, word_i - 2) : word_i + 3])
        if "اصلاح" in near:
            return _Unit("count", "amendments", word_i)
        after = r.toks[word_i + 1].text if word_i + 1 < len(r.toks) else ""
        if "بازنگری" in line and (after == "دیگر" or damaged and "دیگر" in r.text[max(0, a - 200) : b + 200]):
            return _Unit("count", "revisions", word_i)
        return None
    if unit == "*referendum-split":  # همه + پرسی split by the extraction
        return _Unit("count", "referendums", word_i) if "پرسی" in line else None
    if unit == "*president-split":  # رئیس + جمهور split by the extraction
        return _Unit("count", "presidents", word_i) if "جمهور" in line else None
    if unit == "*representative":
        return _Unit("count", _chamber_unit(r, word_i), word_i)
    return None


def _chamber_unit(r: _BlockReader, word_i: int) -> str:
    """نماینده: ``representatives`` in the Senate, ``deputies`` in the lower house."""
    return "representatives" if _chamber(r, r.toks[word_i].start) == "senate" else "deputies"


def _chamber(r: _BlockReader, pos: int) -> Optional[str]:
    """Which chamber of a parliament the text at ``pos`` is about: ``senate``, ``lower`` or None. In logical
    text the sentence names it (the mention nearest the number when it names both); in a raw-order line, the
    line or the next one; else the chamber named last in the 60 lines before."""
    doc = r.doc
    li = doc.line_index(r.at.src[min(pos, len(r.at.src) - 1)])
    if r.damaged_at(pos):
        near = [(doc.lines[li].text, None)]
        nxt = next((ln.text for ln in doc.lines[li + 1 : li + 4] if ln.text.strip()), "")
        near.append((nxt, None))
    elif r.block.zone == "table":
        # a table row belongs to the chamber named last above it (its row group), never below
        before = r.text[:pos]
        s = [m.start() for m in _SENATE.finditer(before)]
        l = [m.start() for m in _LOWER.finditer(before)]
        if s or l:
            return "senate" if (s[-1] if s else -1) > (l[-1] if l else -1) else "lower"
        near = []
    else:
        a, b = _sentence_bounds(r.text, pos, pos)
        near = [(r.text[a:b], pos - a)]
    for text, at in near:
        s = [m.start() for m in _SENATE.finditer(text)]
        l = [m.start() for m in _LOWER.finditer(text)]
        if s and l and at is not None:
            return "senate" if min(abs(x - at) for x in s) <= min(abs(x - at) for x in l) else "lower"
        if s:
            return "senate"
        if l:
            return "lower"
    for ln in reversed(doc.lines[max(0, li - 60) : li]):
        s, l = _SENATE.search(ln.text), _LOWER.search(ln.text)
        if s and not l:
            return "senate"
        if l and not s:
            return "lower"
    return None


def _lookup_tok(r: _BlockReader, i: int, glued_suffix: bool = False, glued_prefix: bool = False) -> Optional[_Unit]:
    if not 0 <= i < len(r.toks):
        return None
    t = r.toks[i]
    if t.kind == "pct":
        return _Unit("percent", "percent", i)
    if t.kind not in ("fa", "en"):
        return None
    if t.kind == "fa" and t.text[:1] in "یهۀ" and t.text[1:] in PERSIAN_CARDINALS:
        return None  # "ۀهفت" is the number هفت after a rotated letter, not a noun
    hit = lookup(t.text)
    if hit is None and t.kind == "fa" and "\u200c" in t.text:
        hit = lookup(t.text.split("\u200c")[0])
    if hit is None and glued_suffix and t.kind == "fa":
        for suf in split_glued(t.text):
            hit = lookup(suf)
            if hit:
                break
    if hit is None and glued_prefix and t.kind == "fa" and not common_word(t.text, 200):
        for k in range(len(t.text) - 2, 1, -1):
            if common_word(t.text[k:], 200):
                hit = lookup(t.text[:k])
                if hit:
                    break
    if hit is None:
        return None
    if t.kind == "en" and t.text.lower() in ("percent", "pct"):
        return _Unit("percent", "percent", i)
    return _resolve(r, i, hit, t.text)


def _unit_logical(r: _BlockReader, n: _Num) -> Optional[_Unit]:
    """The noun after the number: ``98 نماینده``, ``33 proposed constitutional amendments``, ``7 years``,
    ``seven-year``, ``90.01 %``, ``from 15 to 10 representatives``."""
    rest = r.text[n.end : n.end + 20]
    m = re.match(r"\s*[%٪]", rest)
    if m:
        return _Unit("percent", "percent", r.tok_at(n.end + m.end() - 1))
    m = _PERCENT_WORD.match(rest)
    if m:
        return _Unit("percent", "percent", r.tok_at(n.end + m.end() - 1))
    j = n.tj
    english = r.block.lang == "en" or (j < len(r.toks) and r.toks[j].kind == "en")
    if j < len(r.toks) and r.toks[j].text in ("-", "‐", "–") and r.boundary(j) == "glue":
        j += 1  # seven-year, 98-member
    skipped = 0
    while j < len(r.toks):
        t = r.toks[j]
        u = _lookup_tok(r, j)
        if u:
            return u
        if english and t.kind == "en" and t.text.lower() not in _EN_STOP and skipped < 2 and t.text[:1].islower():
            skipped += 1
            j += 1
            continue
        break
    # a range: "from 15 to 10 representatives", "از 15 به 10 نماینده"
    m = re.match(r"\s*(?:to|-|–|تا|به)\s*([0-9]+(?:[.,،٫٬][0-9]+)*)\s+", r.text[n.end : n.end + 30])
    if m:
        k = r.tok_at(n.end + m.end())
        u = _lookup_tok(r, k)
        if u and u.kind == "count":
            return _Unit(u.kind, u.unit, -1)
    return None


def _run_left(r: _BlockReader, n: _Num) -> list[int]:
    """Token indices of the stretch left of the number in raw order, back to the last boundary (digits, Latin,
    a line start, or a wide gap other than the one right before the number)."""
    toks = r.toks
    end = n.ti - 1
    i = end
    while i >= 0:
        t = toks[i]
        if t.kind in ("num", "en"):
            break
        b = r.boundary(i + 1)
        if b == "line" or (b == "gap" and i < end):
            break
        i -= 1
    return list(range(i + 1, end + 1))


def _next_line_noun(r: _BlockReader, n: _Num) -> Optional[_Unit]:
    """A number opening its raw line ends the logical line; its noun opens the next line, i.e. sits at the end of
    the next raw line: the first word of its last run, else its last word."""
    a, b = r.line_span(n.start)
    if r.text[a : n.start].strip(" ،,.ـ") or b >= len(r.text):
        return None
    nb = r.text.find("\n", b + 1)
    nxt_end = len(r.text) if nb < 0 else nb
    last = r.tok_at(nxt_end - 1)
    if r.toks[last].start <= b:
        return None
    k = last
    while k > 0 and r.toks[k].kind == "p":
        k -= 1
    first = k
    while first > 0 and r.toks[first - 1].start > b and r.toks[first - 1].kind == "fa" and r.boundary(first) == "space":
        first -= 1
    for idx in (first, k):
        u = _lookup_tok(r, idx, glued_suffix=True)
        if u and idx not in r.claimed:
            return u
    return None


def _unit_damaged(r: _BlockReader, n: _Num) -> Optional[_Unit]:
    """The noun of a number in a raw-order (reversed) Persian line."""
    toks = r.toks
    if n.unit_hint:
        return n.unit_hint
    # a percent sign next to the number, either side
    if n.tj < len(toks) and toks[n.tj].kind == "pct" and r.boundary(n.tj) in ("glue", "space"):
        return _Unit("percent", "percent", n.tj)
    if n.ti > 0 and toks[n.ti - 1].kind == "pct" and r.boundary(n.ti) in ("glue", "space"):
        return _Unit("percent", "percent", n.ti - 1)
    if n.kind in ("words", "once"):
        return _unit_damaged_words(r, n)
    run = _run_left(r, n)
    words = [k for k in run if toks[k].kind in ("fa", "pct")]
    if words and toks[words[0]].text in PERSIAN_SCALES:
        # "میلیون رأی ... ۳": the scale word opens the run after the number
        n.value *= PERSIAN_SCALES[toks[words[0]].text]
        words = words[1:]
        run = run[run.index(words[0]):] if words else []
    if run and toks[run[0]].kind == "p" and toks[run[0]].text in _SENT_PUNCT and len(run) <= 2:
        return None  # "62، اصل 2": the number is followed by a comma, nothing is counted
    if words:
        # "درصد" anywhere in the stretch: the number is a percent ("درصد از شهروندان ... 77،18")
        for k in words[:8]:
            if toks[k].text == "درصد" or toks[k].text.endswith("درصد"):
                return _Unit("percent", "percent", k)
        u = _lookup_tok(r, words[0], glued_suffix=True)
        if u and words[0] not in r.claimed:
            return u
        # the nearest noun to the left, not across sentence punctuation, at most seven words
        if len(n.text) == 1 and r.text[n.end : n.end + 1].strip() and not r.text[n.end : n.end + 1].isdigit():
            # one digit glued to the word after it: a footnote marker unless its noun is right there
            u = _lookup_tok(r, words[-1], glued_suffix=True) if words[-1] == n.ti - 1 else None
            return u if u and words[-1] not in r.claimed else None
        count = 0
        for k in reversed(run):
            t = toks[k]
            if t.kind == "p" and t.text in ".؛!؟?":
                break
            if t.kind not in ("fa", "pct"):
                continue
            count += 1
            if count > 7:
                break
            u = _lookup_tok(r, k, glued_suffix=True)
            if u and k not in r.claimed:
                return u
        return None
    return _next_line_noun(r, n)


def _unit_damaged_words(r: _BlockReader, n: _Num) -> Optional[_Unit]:
    toks = r.toks
    ambiguous = n.text in _AMBIGUOUS_WORDS
    # words of one run read in logical order: the noun follows ("هفت ساله", "دو نفر", "یازده قاضی")
    if n.tj < len(toks) and r.boundary(n.tj) in ("space", "glue", "gap"):
        u = _lookup_tok(r, n.tj, glued_prefix=True)
        if u:
            return u
    if ambiguous:
        return None
    if n.text in _YEK:
        # "یک" is only "one" with "بار" or a duration right after it; else the indefinite article
        return _unit_damaged_words_far(r, n)
    # a rotated pair "را یقاض سه", "نفر ـ دو", "ی قاض سهسنا": the noun just before
    k = n.ti - 1
    while k >= 0 and toks[k].text in ("ـ", "-"):
        k -= 1
    if k >= 0 and r.boundary(k + 1) != "line":
        u = _lookup_tok(r, k)
        if u and u.unit not in ("articles", "paragraphs") and k not in r.claimed:
            return u
    u = _next_line_noun(r, n)
    if u:
        return u
    return _unit_damaged_words_far(r, n)


def _unit_damaged_words_far(r: _BlockReader, n: _Num) -> Optional[_Unit]:
    """The number ends its run: the noun is the first word of the run before it in raw order
    (``بار، به  تمدید برای یک``, ``قاضی آن تواند رئیس دادگاه و چهار``); only for nouns that cannot be anything
    else there."""
    toks = r.toks
    count = 0
    for k in range(n.ti - 1, max(-1, n.ti - 14), -1):
        t = toks[k]
        if t.kind in ("num", "en") or r.boundary(k + 1) == "line":
            break
        if t.kind != "fa":
            continue
        if t.text in PERSIAN_CARDINALS:
            break
        count += 1
        if count > 6:
            break
        u = _lookup_tok(r, k)
        if u and k not in r.claimed and u.unit in ("times", "judges"):
            return u
    return None


_LINK = {"و", "and", "،", ",", "-", "–", "تا", "to", "یا", "or"}


def _is_reference(r: _BlockReader, n: _Num, damaged: bool) -> bool:
    """``اصل 42``, ``بندهای 3 و 4``, ``Table 2``, ``Vol. 17``; raw order ``42اصل``, ``44حذف بند سوم اصل``: the noun
    before the number (in reading order) makes it a reference."""
    toks = r.toks
    if damaged:
        # the logical predecessor is the last word of the run right of the number in raw order
        k = n.tj
        while k < len(toks) and (toks[k].kind == "num" or toks[k].text in _LINK or toks[k].text in ".:") \
                and r.boundary(k) != "line":
            k += 1
        if k >= len(toks) or r.boundary(k) == "line":
            return False
        if _ref_word(toks[k].text):
            return True
        j = k
        while j + 1 < len(toks) and toks[j + 1].kind in ("fa", "p") and r.boundary(j + 1) in ("space", "glue"):
            j += 1
        while j > k and toks[j].kind == "p":
            j -= 1
        return j != k and toks[j].kind == "fa" and _ref_word(toks[j].text) and j - k <= 6
    # logical text: the noun before the number, possibly at the end of the line before ("... در بند" / "2 اصل 15")
    k = n.ti - 1
    dotted = False
    while k >= 0 and (toks[k].kind == "num" or toks[k].text in _LINK or toks[k].text in ".:"):
        dotted = dotted or toks[k].text == "."
        k -= 1
    if k >= 0:
        t = toks[k]
        if t.kind == "fa":
            return _ref_word(t.text)
        if t.kind == "en":
            w = t.text.lower()
            # "No. 2", "p. 5", "v. 3" need their period: "No 1,490,470" is a row of no votes
            return w in REFERENCE_EN and (dotted or w not in ("no", "p", "v", "art", "fig", "vol"))
    return False


def _ref_word(w: str) -> bool:
    return w in REFERENCE_FA or w.split("\u200c")[0] in REFERENCE_FA


def _enumerator(r: _BlockReader, n: _Num) -> bool:
    """``1.`` / ``.1`` / ``1-2`` / ``1.1`` at a line edge (either edge: raw order moves it): a list or section
    number."""
    if n.value >= 100 or n.shape != "int":
        return False
    a, b = r.line_span(n.start)
    left = r.text[a : n.start]
    right = r.text[n.end : b]
    m_left = re.fullmatch(r"[\s.()\-ـ0-9]*", left)
    m_right = re.fullmatch(r"[\s.()\-ـ0-9]*", right)
    if not (m_left or m_right):
        return False
    near = left[-2:] + right[:2]
    return bool(re.search(r"\.|-\d|\d-", near))


def _rotated_heh_before(r: _BlockReader, n: _Num) -> bool:
    """``ۀاندازی دوبار``: the token is a word whose last letter ``ۀ`` was moved to the run before (``دوبارۀ``)."""
    k = n.ti - 1
    word = r.toks[n.ti].text
    return k >= 0 and r.toks[k].text.startswith("ۀ") and (common_word(word + "ه", 200) or common_word(word + "ۀ", 200))


# --- tables -----------------------------------------------------------------------------------------------

_LABEL_UNITS = [
    (re.compile(r"برگه|ballot", re.I), "ballots"),
    (re.compile(r"نامعتبر|باطل|invalid|spoil", re.I), "ballots"),
    (re.compile(r"دهندگان|دهنده|voters|electors|مشارکت|turnout", re.I), "voters"),
    (re.compile(r"رأی|رای|آرا|vote|موافق|مخالف|yes|\bno\b|favou?r|against", re.I), "votes"),
    (re.compile(r"نماینده|نمایندگان|اعضا|عضو|members|seats|کرسی", re.I), "members"),
]


def _table_row(r: _BlockReader, n: _Num) -> Optional[tuple[_Unit, str]]:
    """A number in a table row: (unit, row label). The label is the row's words; the unit comes from them, a
    percent from a percent column; a bare cell takes its unit from the line under it (``6`` / ``سال``) or the
    table's header (``شمار نمایندگان``)."""
    a, b = r.line_span(n.start)
    line = r.text[a:b]
    words = " ".join(t.text for t in r.toks[r.tok_from(a) : r.tok_at(max(a, b - 1)) + 1] if t.kind in ("fa", "en")
                     and t.start >= a)
    table_text = _table_text(r)
    if words and re.search(r"\d[.,،٫٬]\d", line):
        # a data row: a label and its figures
        if len(n.text) == 1 and (re.match(rf"[{PERSIAN_LETTER}A-Za-z]", r.text[n.end : n.end + 1])
                                 or re.match(rf"[{PERSIAN_LETTER}A-Za-z]", r.text[n.start - 1 : n.start])):
            return None  # a footnote marker glued to the label ("2وی", "اِی‌سی‌وی1")
        percent_col = bool(re.search(r"درصد|%|٪|percent", table_text, re.I))
        if n.shape == "decimal" and percent_col and n.value <= 100:
            return _Unit("percent", "percent", -1), words
        unit = next((u for rx, u in _LABEL_UNITS if rx.search(words)), None)
        if unit is None and _ELECTION.search(table_text):
            unit = "votes"
        return (_Unit("count", unit, -1), words) if unit else None
    if "|" in line:
        cell_unit = _pipe_cell_unit(r, n, a, b)
        if cell_unit:
            return cell_unit
    if not words:
        # a bare cell: the unit on the line under it, else the header's "number of ..."
        if b < len(r.text):
            k = r.tok_from(b + 1)
            if k < len(r.toks) and r.boundary(k) == "line" and (k + 1 >= len(r.toks) or r.boundary(k + 1) == "line"):
                u = _lookup_tok(r, k)
                if u:
                    return u, ""
        m = re.search(r"(?:شمار|تعداد)\s*\n?\s*(\S+)|number\s+of\s+(\w+)", r.text[:400], re.I)
        if m and n.shape == "int":
            noun = m.group(1) or m.group(2)
            hit = lookup(noun)
            if hit and hit[0] == "count" and hit[1] in ("*representative", "representatives", "deputies", "members", "seats", "senators"):
                return _Unit("count", "members", -1), ""
            unit = next((u for rx, u in _LABEL_UNITS if rx.search(noun)), None)
            if unit:
                return _Unit("count", unit, -1), ""
    return None


def _pipe_cell_unit(r: _BlockReader, n: _Num, a: int, b: int) -> Optional[tuple[_Unit, str]]:
    """A table whose rows the loader wrote as cells joined by `` | ``: a cell holding only the number takes its
    unit from its column's header (the table's first row; cells aligned from the right, since a spanning first
    column makes rows longer than the header)."""
    line = r.text[a:b]
    cells, pos = [], a
    for cell in line.split("|"):
        cells.append((pos, pos + len(cell), cell.strip()))
        pos += len(cell) + 1
    k = next((i for i, (x, y, _) in enumerate(cells) if x <= n.start < y), None)
    if k is None or cells[k][2] != n.text.strip():
        return None
    first = r.text.split("\n", 1)[0]
    if "|" not in first or first == line:
        return None
    header = [c.strip() for c in first.split("|")]
    j = len(header) - (len(cells) - k)
    if not 0 <= j < len(header):
        return None
    m = re.search(r"(?:شمار|تعداد)\s+(\S+)|number\s+of\s+(\w+)", header[j], re.I)
    if not m or n.shape != "int":
        return None
    hit = lookup(m.group(1) or m.group(2))
    if hit and hit[0] == "count":
        unit = "members" if hit[1] in ("*representative", "representatives", "deputies", "senators", "seats") else hit[1]
        if not unit.startswith("*"):
            return _Unit("count", unit, -1), ""
    return None


def _table_text(r: _BlockReader) -> str:
    """The text of the table a block belongs to: its caption and every table block since the caption."""
    blocks = r.doc.blocks
    k = blocks.index(r.block)
    out = [r.block.text]
    for b in reversed(blocks[max(0, k - 12) : k]):
        if b.zone in ("table", "footnote"):
            if b.zone == "table":
                out.append(b.text)
            continue
        if b.zone == "caption":
            out.append(b.text)
        break
    return "\n".join(out)


# --- assembly ------------------------------------------------------------------------------------------

def _citation_numbers(text: str) -> set[int]:
    """Start offsets of labels and pages of Latin citations: ``Satubaldina 2, 2022``, ``ODIHR 3, 2022: 21``."""
    out = set()
    for m in _LATIN_CITE.finditer(text):
        for g in (1, 2):
            if m.group(g):
                out.add(m.start(g))
    return out


_SENTENCE_END = re.compile(r"[!?؟؛;]|\.(?!\d)")


def _context(r: _BlockReader, n: _Num) -> str:
    """The words a subject is read from: the sentence of the number in logical text; in a raw-order line (where
    sentences are scrambled) the line and its neighbours."""
    if r.damaged_at(n.start):
        a, b = r.line_span(n.start)
        pa = r.text.rfind("\n", 0, max(0, a - 1)) + 1
        nb = r.text.find("\n", b + 1)
        nb = len(r.text) if nb < 0 else nb
        return r.text[pa:nb]
    return _sentence(r.text, n.start, n.end)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of logical ``text`` around ``[start, end)`` (at most 300 characters each side)."""
    a, b = _sentence_bounds(text, start, end)
    return text[a:b]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    a = starts[-1] if starts else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + 300))
    return a, (m.start() if m else min(len(text), end + 300))


def find_statistics(doc: Document) -> list[Statistic]:
    """Every statistic in the document, in reading order; see the module docstring for the forms."""
    dates = date_offsets(doc)
    items: list[Statistic] = []
    for block in doc.blocks:
        if block.zone == "header":
            continue  # running heads: page, volume and issue numbers
        r = _BlockReader(doc, block, dates)
        for n, u, label, reader in _read_block(r):
            items.append(_item(doc, reader, n, u, label))
    items.sort(key=lambda it: (it.span.page or 0, it.span.line, it.span.start))
    return items


def _read_block(r: _BlockReader) -> list[tuple]:
    """(number, unit, row label, reader) for every statistic of a block's view."""
    block = r.block
    fractions = _split_fractions(r, [])
    nums = _numbers(r) + fractions
    skip = set(r.dates) | _citation_offsets(r)
    cites = _citation_numbers(r.text)
    frac_spans: list[tuple[int, int]] = []
    found: list[tuple] = []
    # digits first: they claim their nouns before number words look further away
    nums.sort(key=lambda n: (n.kind != "digits", n.start))
    for n in nums:
        core = r.raw(n.start, n.end)
        if core & skip or n.start in cites:
            continue
        if any(a <= n.start < b for a, b in frac_spans):
            continue
        if n.kind == "fraction":
            found.append((n, _Unit("fraction", "fraction", -1), "", r))
            frac_spans.append((n.start, n.end))
            continue
        damaged = r.damaged_at(n.start) and (block.lang == "fa" or _persian_context(r, n))
        if n.kind == "digits" and (_is_reference(r, n, damaged) or _enumerator(r, n)):
            continue
        if n.kind == "digits" and _ORDINAL_SUFFIX.match(r.text, n.end):
            continue  # "21st century", "۵ام", "دهمین"
        if n.glued == "prefix" and n.unit_hint and _rotated_heh_before(r, n):
            continue
        if block.zone == "table" and n.kind == "digits":
            row = _table_row(r, n)
            if row:
                found.append((n, row[0], row[1], r))
                continue
        u = _unit_damaged(r, n) if damaged else (n.unit_hint or _unit_logical(r, n))
        if u is None:
            continue
        if not _acceptable(r, n, u):
            continue
        if u.ti >= 0 and u.ti != n.ti:
            if u.ti in r.claimed:
                continue
            r.claimed.add(u.ti)
        found.append((n, u, "", r))
    return found


def _citation_offsets(r: _BlockReader) -> set[int]:
    """Raw offsets of the years of bibliographic citations in the block (either view)."""
    out: set[int] = set()
    c0, c1 = r.bv.citation_years()
    for s in c0:
        out |= r.raw(s, s + 4)
    v1 = r.bv.v1
    for s in c1:
        out |= frozenset(x for x, i in zip(v1.src[s : s + 4], v1.inserted[s : s + 4]) if not i)
    return out


def _persian_context(r: _BlockReader, n: _Num) -> bool:
    a, b = r.line_span(n.start)
    return len(re.findall(f"[{PERSIAN_LETTER}]{{2,}}", r.text[a:b])) >= 2


def _acceptable(r: _BlockReader, n: _Num, u: _Unit) -> bool:
    """Filters on the pair (number, unit): the indefinite ``یک``, frequencies, implausible values."""
    word = n.text.strip().lower()
    if n.kind in ("words", "once") and word in _YEK or (n.kind == "words" and n.value == 1):
        if u.kind == "count" and u.unit != "times":
            return False  # "یک فرد", "یک دورۀ", "a party": the indefinite article
        if u.unit == "times":
            # "هر 7 سال یک بار" is a frequency, the duration carries the figure
            k = n.ti - 1
            if k >= 0 and r.toks[k].kind == "fa":
                hit = lookup(r.toks[k].text)
                if hit and hit[0] == "duration":
                    return False
    if word in _AMBIGUOUS_WORDS and u.ti >= 0 and abs(u.ti - n.tj) > 1 and abs(n.ti - 1 - u.ti) > 1:
        return False
    if u.kind == "percent" and n.value > 1000:
        return False
    if u.kind == "duration" and n.value > 1000:
        return False  # "2022 سال" is a year
    return True


def _item(doc: Document, r: _BlockReader, n: _Num, u: _Unit, label: str) -> Statistic:
    a, b = n.start, n.end
    if u.ti >= 0 and u.ti < len(r.toks):
        t = r.toks[u.ti]
        # the span covers the number and its unit word when they are on one line
        if r.line_span(t.start) == r.line_span(n.start):
            a, b = min(a, t.start), max(b, t.end)
    span, continued = spans_for(doc, r.at, a, b)
    if continued:
        span, continued = spans_for(doc, r.at, n.start, n.end)
    value = round(n.value, 4)
    context = label or _context(r, n)
    chamber = None
    if u.unit in ("representatives", "deputies", "members", "people", "seats") or (
            u.kind == "duration" and r.block.zone == "table"):
        if r.block.lang == "fa" or u.kind == "duration":
            chamber = _chamber(r, n.start)
    subject = subject_for(u.kind, u.unit, context, chamber)
    la, lb = r.line_span(n.start)
    if subject and _PER_REGION.search(r.text[la:lb]):
        subject += " per region"
    return Statistic(
        id=item_id("stat", span, value, u.unit),
        span=span,
        continued=continued,
        lang=r.block.lang,
        zone=r.block.zone,
        block=r.block.id,
        value=value,
        kind=u.kind,
        unit=u.unit,
        subject=subject,
    )
