"""Dates found in a document: Gregorian and Solar Hijri, in Persian and English, in clean or damaged text.

One public entry, :func:`find_dates`. Forms (digits in any of the three systems):
    - Gregorian, English: ``June 5, 2022``, ``5 June 2022``, ``the 5th of June, 2022``, ``in March 2019``,
      ``2022-09-17``; split over lines (``August 30,`` / ``1995``);
    - Gregorian, Persian month names: ``5 ژوئن 2022``, ``30 اوت 1995``, ``اول ژانویۀ 2023``, ``ژانویۀ 2022``,
      ``14 ژانویه و 19 مارس 2023`` (one year for both);
    - Solar Hijri: ``12 فروردین 1358``, ``۹ دی ۱۴۰۳``, ``آذر ۱۳۵۸``; numeric ``09/10/1403`` (day/month/year) and
      ``1401/03/15`` (year/month/day): the four-digit part decides; Gregorian equivalents by jdatetime
      (a Jalali month gives the Gregorian month of its 15th day; a Jalali year alone has none);
    - bare years in prose (``در سال 2020``, ``the 2000 law``), each year of a list (``1998، 2007 و 2011``) and
      of a range (``1991 تا 2019``, ``2024-25``); a Solar Hijri year only with ``سال``, ``دهۀ``, a season, a
      Jalali marker or an event noun (``انتخابات ۱۴۰۰``) next to it;
    - a day and month, or a month with ``اواخر``/``early``..., without a year: the year of the closest date
      before it (within 60 lines), or of a date right after it in the block; else nothing;
    - damaged raw order (docs/DEVELOPING.md): ``2022ژوئن  5``, ``1991 سمار 17`` (rotated month),
      ``2000دسامبر  تا اول``, ``2023 ۀاز اول ژانوی``, ``(09/10/1403تاریخ``, a date split over two lines.

What is read (:mod:`extractors._date_context`): the block's raw text (letters and digits folded), as logical
text, and for a source with reversed-run damage also in mirror order and with its runs put back in order; the
normalizer's repaired reading adds dates no raw reading found. Where readings overlap, the most precise wins.
Not dates: years of bibliographic citations (``(Auyezov, 2022)``, ``ساگار (2009)``, ``Satubaldina 2, 2022``),
``Source:`` lines, access dates (``retrieved on January 15, 2023``), numbers with a unit (``2000 نفر``),
durations, page/volume numbers.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import re
from dataclasses import dataclass, field
from typing import Optional

from ._date_context import (
    block_views,
    citation_continuation,
    doc_is_damaged,
    is_source_line,
    preceded_by_access,
    raw_offsets,
    spans_for,
    spans_of_offsets,
)
from ._date_months import MonthHit, find_months, month_keys, month_words
from ._stat_vocab import unit_word_at
from .aligned import AlignedText
from .document import Block, Document
from .models import DateItem, item_id
from .numbers import ENGLISH_ORDINALS, PERSIAN_ORDINALS

try:  # jdatetime is a declared dependency; keep the module importable without it
    import jdatetime
except ImportError:  # pragma: no cover
    jdatetime = None

_DAY_WORDS = {w: v for w, v in PERSIAN_ORDINALS.items() if 1 <= v <= 31 and not w.endswith("ین")}
_DAY_WORDS_RE = "|".join(sorted(map(re.escape, _DAY_WORDS), key=len, reverse=True))
_SEASONS = r"(?:بهار|تابستان|پاییز|پائیز|زمستان|spring|summer|autumn|fall|winter)"
_JALALI_MARK = r"(?:ه\.?\s?ش\.?|هـ\.?\s?ش\.?|خورشیدی|شمسی|ش\.)"
_EARLY_LATE = r"(?:اوایل|اوائل|اواسط|اواخر|ابتدای|اوسط|early|mid|late|end\s+of|beginning\s+of)"
_NUM_DATE = re.compile(r"(?<![\d/.\-])(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})(?![\d/]|\.\d)")
_YEAR_TOKEN = re.compile(r"(?<!\d)(?<!\d[.,،٫٬/:\-])(\d{4})(?:\s*[-–—]\s*(\d{4}|\d{2})(?!\d|[.,،٫٬/]\d))?(?![\d.,،٫٬/:]\d)")
_VERSION_BEFORE = re.compile(r"(?:version|ver\.?|v|release|no\.?|نسخه|نسخۀ|ویرایش|شماره|شمارۀ)\s*$", re.I)
_LAT = re.compile(r"[A-Za-z]")
_RUN_AFTER = re.compile(r"([^\d\nA-Za-z]*?)(?=[ \t]{2,}|\d|[A-Za-z]|\n|$)")
_YEAR_WORD_BEFORE = re.compile(r"(?:سال|year|in)[\s\u200c]*$", re.I)


@dataclass
class _Cand:
    calendar: str
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    core: frozenset  # raw offsets of the characters read (day, month, year)
    view: AlignedText
    start: int
    end: int
    block: Block
    rank: int = 0
    inferred: bool = False
    extra: tuple = field(default_factory=tuple)

    @property
    def precision(self) -> str:
        return "day" if self.day else ("month" if self.month else "year")


def _valid(cal: str, y: int, m: int, d: Optional[int]) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    if cal == "gregorian":
        return 1 <= d <= _calendar.monthrange(y, m)[1]
    if jdatetime is None:
        return 1 <= d <= 31
    try:
        jdatetime.date(y, m, d)
        return True
    except ValueError:
        return False


def _year_ok(cal: str, y: int) -> bool:
    return 1000 <= y <= 2199 if cal == "gregorian" else 1200 <= y <= 1599


def _gregorian(cal: str, y: int, m: Optional[int], d: Optional[int]) -> Optional[str]:
    if cal == "gregorian":
        return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")
    if m is None or jdatetime is None:
        return None
    g = jdatetime.date(y, m, d or 15).togregorian()
    return g.isoformat() if d else f"{g.year:04d}-{g.month:02d}"


def _value(cal: str, y: int, m: Optional[int], d: Optional[int]) -> str:
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")


# --- month-anchored dates ------------------------------------------------------------------------------

_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_D = r"(?<![\d.,،٫٬/])(?P<d>" + _DAY + r")(?:st|nd|rd|th|م|ام)?"
_Y = r"(?P<y>\d{4})(?![\d.,،٫٬/]\d)"


def _en_day_words() -> dict[str, int]:
    out = {w: v for w, v in ENGLISH_ORDINALS.items() if v <= 20 or v == 30}
    for w, v in ENGLISH_ORDINALS.items():
        if v < 10:
            out[f"twenty-{w}"] = 20 + v
            out[f"twenty {w}"] = 20 + v
    out["thirty-first"] = out["thirty first"] = 31
    return out


_EN_DAY_WORDS = _en_day_words()
_EN_DAY_RE = re.compile(r"(?<![A-Za-z-])(?P<w>" + "|".join(sorted(map(re.escape, _EN_DAY_WORDS), key=len, reverse=True))
                        + r")(?:\s+of)?\s*$", re.I)


def _day_before(text: str, h: MonthHit) -> Optional[tuple[int, int, int]]:
    """A day just before the month: ``5 ژوئن``, ``اول ژانویۀ``, ``5th of June``, ``the 5 June``."""
    left = text[max(0, h.start - 24) : h.start]
    m = re.search(_D + r"(?:\s+of)?\s*$", left)
    if m:
        a = h.start - len(left) + m.start("d")
        return int(m.group("d")), a, a + len(m.group("d"))
    if h.lang == "fa":
        m = re.search(rf"(?<![\u0600-\u06ff])(?P<w>{_DAY_WORDS_RE})\s*$", left)
        if m:
            a = h.start - len(left) + m.start("w")
            return _DAY_WORDS[m.group("w")], a, a + len(m.group("w"))
    else:
        m = _EN_DAY_RE.search(text[max(0, h.start - 30) : h.start])
        if m:
            a = h.start - len(text[max(0, h.start - 30) : h.start]) + m.start("w")
            return _EN_DAY_WORDS[m.group("w").lower()], a, a + len(m.group("w"))
    return None


def _year_after(text: str, end: int, cal: str) -> Optional[tuple[int, int, int]]:
    m = re.match(r"\s*[،,]?\s*(?:سال\s+)?" + _Y, text[end : end + 16])
    if m and _year_ok(cal, int(m.group("y"))):
        a = end + m.start("y")
        return int(m.group("y")), a, a + 4
    return None


def _en_day_year_after(text: str, end: int) -> tuple[Optional[tuple[int, int, int]], Optional[tuple[int, int, int]]]:
    """``June 5, 2022`` / ``June 5th 2022`` / ``June 5``: (day, year) after an English month."""
    m = re.match(r"\.?\s+(?P<d>" + _DAY + r")(?:st|nd|rd|th)?(?![.,،٫٬/]\d)(?:\s*,?\s+" + _Y + r")?", text[end : end + 24])
    if not m:
        return None, None
    day = (int(m.group("d")), end + m.start("d"), end + m.end("d"))
    year = (int(m.group("y")), end + m.start("y"), end + m.end("y")) if m.group("y") else None
    return day, year


def _shared_year(text: str, end: int, cal: str) -> Optional[tuple[int, int, int]]:
    """``14 ژانویه و 19 مارس 2023``, ``June 5 and July 7, 2022``: the year written once after the next date."""
    m = re.match(r"\s*(?:و|and|,|،|تا|to|-|–)\s*(?:" + _DAY + r")\s*(?:st|nd|rd|th)?\s*(?:of\s+)?[^\d\s]{2,12}\s*,?\s*" + _Y,
                 text[end : end + 40])
    if m and _year_ok(cal, int(m.group("y"))):
        months = find_months(m.group(0))
        if months:
            a = end + m.start("y")
            return int(m.group("y")), a, a + 4
    m = re.match(r"\s*(?:و|and|,|،|تا|to|-|–)\s*[^\d\s]{2,12}\s+(?:" + _DAY + r")\s*,?\s*" + _Y, text[end : end + 40])
    if m and _year_ok(cal, int(m.group("y"))) and find_months(m.group(0)):
        a = end + m.start("y")
        return int(m.group("y")), a, a + 4
    return None


def _month_dates(view: AlignedText, block: Block, logical: bool, mirror: bool, present=None) -> list[_Cand]:
    """Dates anchored on a month word. ``logical``: day before, year after (Persian) or ``June 5, 2022``.
    ``mirror``: the damaged raw order, year before the month and the day after it (``2022ژوئن  5``,
    ``2000دسامبر  تا اول``), or the year then a run holding ``[prep] day month-stem`` (``2023 ۀاز اول ژانوی``)."""
    text = view.text
    out: list[_Cand] = []
    for h in find_months(text, present):
        cal = h.calendar
        parts: list[tuple[int, int]] = [(h.start, h.end)]
        day = year = None
        if h.prep == "اول":
            day = (1, h.start, h.end)
        no_day = h.prep in ("در", "از", "تا")  # "هدر م" = "در مه": nothing stands between them
        if logical and not h.stem:
            if h.lang == "en":
                db = _day_before(text, h)
                d_after, y_after = _en_day_year_after(text, h.end)
                if d_after and not db:
                    day, year = d_after, y_after
                else:
                    day = db or day
                    year = _year_after(text, h.end, cal)
            else:
                day = None if no_day else (_day_before(text, h) or day)
                year = _year_after(text, h.end, cal)
            shared = False
            if day and not year:
                year = _shared_year(text, h.end, cal)
                shared = year is not None
            if year or day:
                _add(out, view, block, h, day, year, parts, rank=0, year_core=not shared)
                if year:
                    continue
            if not year and not day:
                # "اواخر اکتبر", "early March": a month without its year
                left = text[max(0, h.start - 16) : h.start]
                em = re.search(_EARLY_LATE + r"[\s\-]*$", left, re.I)
                if em and not h.ambiguous:
                    a = h.start - len(left) + em.start()
                    _add(out, view, block, h, None, None, parts + [(a, h.start)], rank=0)
        if mirror and h.lang == "fa":
            left = text[max(0, h.start - 12) : h.start]
            right = text[h.end : h.end + 16]
            if h.stem:
                # the detached ۀ sits right after the year; the run "[prep] [day] ژانوی" follows it
                m = re.search(r"(?<![\d.,،٫٬/])(?P<y>\d{4})\s*ۀ(?P<mid>[^\d\n()]{0,80}?)$", text[max(0, h.start - 90) : h.start])
                if m:
                    base = max(0, h.start - 90)
                    y = int(m.group("y"))
                    if _year_ok(cal, y):
                        mid = m.group("mid")
                        dm = re.search(rf"(?<![\u0600-\u06ff])(?P<w>{_DAY_WORDS_RE})\s*$", mid)
                        dd = None
                        if dm:
                            a = base + m.start("mid") + dm.start("w")
                            dd = (_DAY_WORDS[dm.group("w")], a, a + len(dm.group("w")))
                        _add(out, view, block, h, dd, (y, base + m.start("y"), base + m.start("y") + 4), parts, rank=2)
                continue
            ym = re.search(r"(?<![\d.,،٫٬/])(?P<y>\d{4})\s*$", left)
            if ym and _year_ok(cal, int(ym.group("y"))):
                a = h.start - len(left) + ym.start("y")
                yy = (int(ym.group("y")), a, a + 4)
                dd = None
                dm = None if no_day else re.match(rf"\s*(?:(?:تا|از|در)\s+)?(?:(?P<d>{_DAY})(?![.,،٫٬/]\d)|(?P<w>{_DAY_WORDS_RE})(?![\u0600-\u06ff]))", right)
                if dm:
                    key = "d" if dm.group("d") else "w"
                    b = h.end + dm.start(key)
                    val = int(dm.group("d")) if dm.group("d") else _DAY_WORDS[dm.group("w")]
                    dd = (val, b, b + len(dm.group(key)))
                _add(out, view, block, h, dd or day, yy, parts, rank=1)
    return out


def _add(out: list[_Cand], view: AlignedText, block: Block, h: MonthHit, day, year, parts, rank: int,
         year_core: bool = True) -> None:
    cal = h.calendar
    if h.weak and not (day and year):
        return
    if h.ambiguous and not year and not (day and h.lang == "en"):
        # "۹ دی" without a year could be anything; "دی" / "مه" need their year
        if cal == "jalali" or h.word in ("مه", "می", "تیر", "مهر", "دی", "آذر", "بهمن"):
            return
    d = day[0] if day else None
    y = year[0] if year else None
    if y is not None and not _valid(cal, y, h.month, d):
        if d is not None and _valid(cal, y, h.month, None):
            d, day = None, None
        else:
            return
    offs: set[int] = set()
    spans_idx = [p for p in parts]
    if day:
        spans_idx.append((day[1], day[2]))
    if year and year_core:
        spans_idx.append((year[1], year[2]))
    for a, b in spans_idx:
        offs |= raw_offsets(view, a, b)
    lo = min(a for a, _ in spans_idx)
    hi = max(b for _, b in spans_idx)
    out.append(_Cand(cal, y, h.month, d, frozenset(offs), view, lo, hi, block, rank=rank))


# --- numeric dates -------------------------------------------------------------------------------------

def _numeric_dates(view: AlignedText, block: Block, lang: str) -> list[_Cand]:
    """``09/10/1403``, ``1401/03/15``, ``2022-09-17``, ``17.09.2022``: the four-digit part is the year."""
    out: list[_Cand] = []
    text = view.text
    for m in _NUM_DATE.finditer(text):
        a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
        if _VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if len(a) == 4 and len(c) <= 2:
            y, mo, d = int(a), int(b), int(c)
        elif len(c) == 4 and len(a) <= 2:
            y = int(c)
            first, second = int(a), int(b)
            if y >= 1700 and lang == "en" and sep == "/" and first <= 12 < second:
                mo, d = first, second  # 09/17/2022
            else:
                d, mo = first, second
        else:
            continue
        cal = "jalali" if 1200 <= y <= 1599 else "gregorian"
        if not (_year_ok(cal, y) and _valid(cal, y, mo, d)):
            continue
        out.append(_Cand(cal, y, mo, d, raw_offsets(view, m.start(), m.end()), view, m.start(), m.end(), block, rank=0))
    return out


# --- bare years ----------------------------------------------------------------------------------------

_CTX_WORD = re.compile(r"[^\s\d.,،؛:()]+")
_UNIT_AFTER = re.compile(r"\s*(?:%|٪|درصد|per\s*cent|percent)", re.I)
_SAL_NEAR = re.compile(r"سال|\byears?\b|\bin\b|\bsince\b|\buntil\b|\bby\b|century|قرن", re.I)
_JALALI_NEAR = re.compile(_SEASONS + "|" + _JALALI_MARK + "|سال|خورشیدی|شمسی|دهه|دهۀ", re.I)
# nouns a bare Solar Hijri year qualifies ("انتخابات ۱۴۰۰", "سرشماری 1395"): the year needs no "سال" then
_EVENT_NOUNS = frozenset({"انتخابات", "همه‌پرسی", "همه‌پرسی", "سرشماری", "انقلاب", "بودجه", "مصوب", "مصوبۀ",
                          "مصوبه", "قانون", "اصلاحات", "اصلاحیۀ", "بازنگری", "کنکور", "جنگ", "تیرماه", "مهرماه"})


def _context_words(text: str, a: int, b: int, n: int = 3) -> tuple[str, str]:
    left = text[max(0, a - 40) : a]
    right = text[b : b + 40]
    lw = " ".join(_CTX_WORD.findall(left)[-n:])
    rw = " ".join(_CTX_WORD.findall(right)[:n])
    return lw, rw


def _bare_years(view: AlignedText, block: Block, skip: set[int], cites: set[int], damaged_line,
                block_doc: Document) -> list[_Cand]:
    text = view.text

    def line_of(pos: int) -> tuple[int, str]:
        ln = block_doc.lines[block_doc.line_index(view.src[pos])]
        return ln.number, ln.text

    out: list[_Cand] = []
    fa = block.lang == "fa"
    for m in _YEAR_TOKEN.finditer(text):
        y = int(m.group(1))
        a, b = m.start(1), m.end(1)
        items = [(y, a, b)]
        if m.group(2):
            end = m.group(2)
            y2 = int(end) if len(end) == 4 else (y // 100) * 100 + int(end)
            if len(end) == 2 and not 0 < y2 - y <= 10:
                y2 = None
            if y2 and y2 > y:
                items.append((y2, m.start(2), m.end(2)))
        for k, (yy, ya, yb) in enumerate(items):
            core = raw_offsets(view, ya, yb)
            if k == 1 and yb - ya == 2:
                ya = a  # "2024-25": the item reads the whole "2024-25", its own characters are "25"
            if any(o in skip for o in core):
                continue
            if ya in cites or (k == 1 and a in cites):
                continue
            line_no, line_text = line_of(ya)
            if citation_continuation(block_doc, line_no, line_text):
                continue
            if _LAT.match(text[yb : yb + 1]) or (ya and _LAT.match(text[ya - 1])):
                continue  # glued to Latin: "COVID19", "v2022"
            lw, rw = _context_words(text, ya, yb)
            if damaged_line(ya):
                # raw order: the word logically before the year ends the run glued after it
                # ("1403مطالعات اوراسیای مرکزی، پاییز و زمستان" = "... پاییز و زمستان 1403")
                rm = _RUN_AFTER.match(text, yb)
                run_words = rm.group(1).split() if rm else []
                if run_words:
                    lw = f"{lw} {run_words[-1]}"
            # a number with a unit is a count, not a year ("2000 نفر", "1500 votes", "2022 %")
            if _UNIT_AFTER.match(text, yb, yb + 12):
                continue
            year_word_before = bool(_YEAR_WORD_BEFORE.search(text, max(0, ya - 12), ya))
            if not year_word_before and (unit_word_at(text, yb, "right") or (damaged_line(ya) and unit_word_at(text, ya, "left"))):
                continue
            near = f"{lw} | {rw}"
            sal = bool(_SAL_NEAR.search(near))
            jalali_ctx = bool(_JALALI_NEAR.search(near))
            if fa and 1200 <= yy <= 1499:
                event = bool(lw.split()) and lw.split()[-1] in _EVENT_NOUNS or (
                    damaged_line(ya) and bool(rw.split()) and rw.split()[0] in _EVENT_NOUNS)
                if not (jalali_ctx or event) and k == 0:
                    continue
                cal = "jalali"
            elif 1900 <= yy <= 2099:
                cal = "gregorian"
            elif 1000 <= yy <= 2199 and (sal or k == 1):
                cal = "gregorian"
            else:
                continue
            out.append(_Cand(cal, yy, None, None, core, view, ya, yb, block, rank=3, extra=(k,)))
    return out


# --- assembly ------------------------------------------------------------------------------------------

_PREC = {"day": 0, "month": 1, "year": 2}


def find_dates(doc: Document) -> list[DateItem]:
    """Every date in the document, in reading order; see the module docstring for the forms."""
    damaged = doc_is_damaged(doc)
    cands: list[_Cand] = []
    years: list[_Cand] = []
    for block in doc.blocks:
        bv = block_views(doc, block)
        v0 = bv.v0
        in_damaged = bv.in_raw_persian

        present0 = month_words(v0.text)
        block_cands = _month_dates(v0, block, logical=True, mirror=damaged, present=present0)
        block_cands = [c for c in block_cands if c.rank != 1 and c.rank != 2 or in_damaged(c.start)]
        v1 = bv.v1 if present0 else None  # reordering runs only matters where a month word is
        if v1 is not None:
            # view1 has view0's words, and a stem may have got its detached ۀ back ("ژانوی" + "ۀ")
            present1 = present0 | (month_keys() & {w + "ۀ" for w in present0})
            block_cands += _month_dates(v1, block, logical=True, mirror=False, present=present1)
        block_cands += _numeric_dates(v0, block, block.lang)
        if bv.vrep is not None:
            # the normalizer's repaired reading, as logical text: it may read what the raw-order rules miss
            for c in _month_dates(bv.vrep, block, logical=True, mirror=False):
                c.rank = 10  # never over a reading of the raw order
                block_cands.append(c)
        # drop access dates and dates on Source lines
        kept = []
        for c in block_cands:
            line_text = doc.lines[doc.line_index(min(c.core))].text if c.core else ""
            if is_source_line(line_text) or preceded_by_access(c.view.text, c.start):
                continue
            kept.append(c)
        cands += kept
        # citation years: in either view, as raw offsets, then back to view0 positions
        cite_offsets: set[int] = set()
        c0, c1 = bv.citation_years()
        for s in c0:
            cite_offsets |= raw_offsets(v0, s, s + 4)
        for s in c1:
            cite_offsets |= raw_offsets(bv.v1, s, s + 4)
        cite_starts: set[int] = set()
        for o in cite_offsets:
            i = bisect.bisect_left(v0.src, o)  # the raw view's offsets only grow
            if i < len(v0.src) and v0.src[i] == o:
                for k in range(max(0, i - 3), i + 1):
                    if v0.text[k : k + 4].isdigit():
                        cite_starts.add(k)
        years += _bare_years(v0, block, set(), cite_starts, in_damaged, doc)

    # resolve overlaps: the most precise reading of a stretch of raw characters wins
    cands.sort(key=lambda c: (c.rank >= 10, _PREC[c.precision] if c.year or c.precision != "year" else 3, c.rank,
                              min(c.core) if c.core else 0))
    taken: set[int] = set()
    accepted: list[_Cand] = []
    for c in cands:
        if c.core & taken:
            continue
        accepted.append(c)
        taken |= c.core
    for c in years:
        if c.core & taken:
            continue
        accepted.append(c)
        taken |= c.core

    # year-less day/month dates take the year of the closest date before them (within 60 lines), else of a
    # date right after them in the same block ("June 5 and again on July 7, 2022")
    accepted.sort(key=lambda c: min(c.core) if c.core else 0)
    last_year: dict[str, tuple[int, int]] = {}
    items: list[DateItem] = []
    cores: set[int] = set()
    for k, c in enumerate(accepted):
        line_no = doc.lines[doc.line_index(min(c.core))].number if c.core else 0
        if c.year is None:
            prev = last_year.get(c.calendar)
            if prev is None or line_no - prev[1] > 60:
                nxt = next((x for x in accepted[k + 1 : k + 3] if x.year is not None and x.block is c.block
                            and x.calendar == c.calendar and x.month is not None), None)
                if nxt is None or abs(nxt.start - c.end) > 80:
                    continue
                prev = (nxt.year, line_no)
            c.year = prev[0]
            c.inferred = True
            if not _valid(c.calendar, c.year, c.month, c.day):
                continue
        else:
            last_year[c.calendar] = (c.year, line_no)
        items.append(_item(doc, c))
        cores.update(c.core)
    items.sort(key=lambda it: (it.span.page or 0, it.span.line, it.span.start))
    try:
        doc._kavosh_date_cores = (len(doc.blocks), frozenset(cores))  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return items


def date_offsets(doc: Document) -> frozenset[int]:
    """Raw offsets of the characters every date of ``doc`` was read from (its day, month and year), so other
    extractors can leave them alone. Computed by :func:`find_dates`, reused when it already ran."""
    cached = getattr(doc, "_kavosh_date_cores", None)
    if cached is None or cached[0] != len(doc.blocks):
        find_dates(doc)
        cached = getattr(doc, "_kavosh_date_cores", (0, frozenset()))
    return cached[1]


def _item(doc: Document, c: _Cand) -> DateItem:
    span, continued = spans_for(doc, c.view, c.start, c.end)
    if continued and c.core:
        # over several lines, keep only the characters read (day, month, year), per line
        span, continued = spans_of_offsets(doc, c.core)
    value = _value(c.calendar, c.year, c.month, c.day)
    return DateItem(
        id=item_id("date", span, value),
        span=span,
        continued=continued,
        lang=c.block.lang,
        zone=c.block.zone,
        block=c.block.id,
        calendar=c.calendar,
        value=value,
        gregorian=_gregorian(c.calendar, c.year, c.month, c.day),
        precision=c.precision,
    )
