"""Reading one citation's text: ``Kim, 2023``, ``ODIHR 3, 2022: 21``, ``OSCE, retrieved on January 15, 2023``,
``لطفیان، 1390: 25``; and the source key that tells repeated sources apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ._article_lines import norm_word

YEAR = r"(?:1[34]\d\d|1[89]\d\d|20\d\d)"
_PAGE = r"(?P<page>\d{1,4}(?:\s*[-–]\s*\d{1,4})?)"
_BARE = re.compile(r"^[A-Z][\w.&'’\-]*(?:\s+[\w.&'’\-]+){0,5}$")
_EDGE_PUNCT = " \t\n()[].,;:…،؛«»\"'“”"
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
_EN_STOP = {
    "in", "on", "at", "by", "for", "from", "since", "until", "to", "during", "between", "after", "before", "circa",
    "c", "ca", "about", "around", "and", "or", "of", "as", "see", "cf", "e.g", "i.e", "vol", "no", "table",
    "figure", "fig", "page", "pp", "p", "chapter", "section", "article", "art", "year", "years", "law", "act",
    "spring", "summer", "autumn", "fall", "winter", "than", "up", "over", "under", "almost", "nearly", "some",
    "percent", "per", "is", "was", "were", "are", "be", "it", "this", "that", "these", "those", "with", "only",
}
FA_STOP = {
    "در", "از", "به", "با", "تا", "و", "یا", "که", "را", "این", "آن", "سال", "سالهای", "ماه", "روز", "تاریخ",
    "کتاب", "مقاله", "مقالۀ", "مقالهی", "گزارش", "پس", "پیش", "قبل", "بعد", "بر", "برای", "تا", "نیز", "هم",
    "اصل", "ماده", "بند", "جدول", "شکل", "نمودار", "صفحه", "ص", "حدود", "نزدیک", "بیش", "کمتر", "درصد", "مورد",
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
    "ژانویۀ", "همهپرسی", "پرسی", "انتخابات", "اصلاحات", "قانون", "اساسی", "دوره", "دورۀ", "نسخه", "نسخۀ",
    "شماره", "شمارۀ", "پذیرش", "دریافت", "چاپ", "ویرایش", "میلادی", "شمسی", "هجری", "قمری", "خورشیدی",
    "است", "شد", "شده", "کرد", "کند", "کرده", "دارد", "بود", "باشد", "می", "نمی", "هست", "نیست", "گفت", "کشور",
    "مردم", "دولت", "مجلس", "پارلمان", "حزب", "رئیس", "جمهور", "نخست", "وزیر", "دادگاه", "سازمان", "تن", "نفر",
}


FA_FUNCTION = {"در", "از", "به", "با", "تا", "و", "یا", "که", "را", "این", "آن", "پس", "پیش", "قبل", "بعد", "بر",
               "برای", "نیز", "هم", "سال", "طی", "طبق", "بنابر", "براساس", "اساس", "مانند", "حدود", "نزدیک"}


@dataclass
class Entry:
    author: str
    label: Optional[int]
    year: Optional[int]
    page: Optional[str]


def clean_author(s: str) -> str:
    s = re.sub(r"[()\[\]]", " ", s)
    s = s.strip(_EDGE_PUNCT + "-–")
    return re.sub(r"\s+", " ", s)


def author_ok(author: str) -> bool:
    """Does ``author`` look like a name (person, organisation, title), not a date or a word of prose?"""
    if not author or len(author) > 120 or re.search(r"\d{3,}", author):
        return False
    words = author.split()
    if len(words) > 14:
        return False
    first = words[0].lower().strip(".,")
    if first in MONTHS or first in _EN_STOP:
        return False
    if re.match(r"[A-Za-z]", author):
        # a name has a capital somewhere (``the Library of Congress``); all lower case, it may still be a
        # garbled name, but not prose (``the vote of``)
        lower = [w.lower().strip(".,") for w in words]
        return any(w[:1].isupper() for w in words) or not any(w in _EN_STOP or w in ("the", "a", "an") for w in lower)
    # Persian: at most five words, not opened by a function word nor closed by a time word
    fa_words = [norm_word(w) for w in words if w not in ("و", "،")]
    if not 0 < len(fa_words) <= 5:
        return False
    if len(fa_words) == 1:
        return fa_words[0] not in FA_STOP
    return fa_words[0] not in FA_FUNCTION and fa_words[-1] not in FA_STOP


_YEAR_AT = re.compile(r"(?<!\d)(?P<year>" + YEAR + r")[a-z]?(?!\d)")
_AFTER_YEAR = re.compile(r"(?:\s*[:،,]\s*(?:pp?\.\s*|ص\s*\.?\s*)?" + _PAGE + r")?")
_BEFORE_YEAR = re.compile(r"(?:\s+(?P<label>\d{1,2}))?\s*[,،]?\s*$")
_LEAD_IN = re.compile(r"^(?:see\s+also|see|cf\.?|e\.\s?g\.,?|for\s+example,?|quoted\s+in|as\s+cited\s+in|به\s+نقل\s+از|نک\.?|رک\.?)\s+", re.I)
_RETRIEVED_WORD = re.compile(r"\b(?:retrieved|accessed|viewed|available)\b", re.I)


def parse_entry(text: str, allow_bare: bool = False) -> Optional[Entry]:
    """One citation entry (what lies between ``;``), its surrounding parentheses and punctuation ignored."""
    t = re.sub(r"\s+", " ", text.replace("(", " ").replace(")", " ")).strip(_EDGE_PUNCT)
    t = _LEAD_IN.sub("", t).strip(_EDGE_PUNCT)
    if not t:
        return None
    years = list(_YEAR_AT.finditer(t))
    r = _RETRIEVED_WORD.search(t)
    if r and years and years[-1].start() > r.end() and not t[years[-1].end():].strip(_EDGE_PUNCT):
        author = clean_author(t[: r.start()])
        if author_ok(author):
            return Entry(author, None, int(years[-1].group("year")), None)
        return None
    for y in reversed(years):
        rest = _AFTER_YEAR.match(t, y.end())
        if rest is None or rest.end() != len(t):
            continue
        head = t[: y.start()]
        lab = _BEFORE_YEAR.search(head)
        author = clean_author(head[: lab.start()] if lab else head)
        if not re.search(r"[^\W\d_]", author) or not author_ok(author):
            return None
        page = re.sub(r"\s+", "", rest.group("page")) if rest.group("page") else None
        label = int(lab.group("label")) if lab and lab.group("label") else None
        return Entry(author, label, int(y.group("year")), page)
    if allow_bare and _BARE.match(t) and author_ok(t):
        return Entry(clean_author(t), None, None, None)
    return None


def unreverse_words(text: str) -> str:
    """A Latin citation whose words came out in reverse order (``2022 ,Kazakhstan of Constitution The``): the
    words put back, a comma that led a word moved behind it."""
    toks = text.split()
    out = []
    for t in reversed(toks):
        lead = re.match(r"^[,;:]+", t)
        if lead and len(t) > len(lead.group()):
            t = t[len(lead.group()):] + lead.group()
        out.append(t)
    return " ".join(out)


def looks_reversed(core: str) -> bool:
    """A year first, then the comma that followed the name: the signature of a Latin run whose words were laid
    out right to left (``2022 ,Aljazeera``, ``2022 , 2 Satubaldina``, ``2023 15, January on retrieved ,OSCE``,
    ``1 2022: 3,`` for ``3, 2022: 1``). ``2022 census`` is no reversed citation."""
    return bool(_REVERSED.match(core))


_REVERSED = re.compile(
    r"^" + YEAR + r"\s+,\s*(?:\d{1,2}\s+)?[A-Za-z]"
    r"|^" + YEAR + r"\s+\d{1,2},\s*[A-Za-z]"
    r"|^\d{1,4}\s+" + YEAR + r"\s*[:,]")


_KEY_STOP = {"the", "of", "a", "an", "and", "&"}


def source_key(author: str, label: Optional[int], year: Optional[int]) -> str:
    """Same author (up to case, articles, punctuation and a country's ``Republic of``), label and year -> same
    key."""
    a = norm_word(author).casefold()
    a = re.sub(r"[^\w\s]", " ", a)
    words = [w for w in a.split() if w not in _KEY_STOP]
    words = [w for i, w in enumerate(words) if not (w == "republic" and i + 1 < len(words))]
    slug = "-".join(words) or "unknown"
    return f"{slug}|{label if label is not None else ''}|{year if year is not None else ''}"
