"""Month names (private to the date extractor): Gregorian months in English and in Persian transliteration,
Solar Hijri months, with the spellings damaged extraction produces.

``find_months(text)`` returns every month word of a text with its calendar and number. Besides the plain
spellings it knows:
    - the Persian ezafe forms ``ژانویۀ``, ``ژانویهٔ``, ``ژانویه‌ی``;
    - a stem whose final ``ۀ``/``ه`` was split off by the extraction (``ژانوی`` + a detached ``ۀ``), flagged
      ``stem`` (the caller must find the detached letter);
    - rotated spellings, the word's glyph chunks in reverse order (``سمار`` = مارس, ``ریلوآ`` = آوریل), only
      when the rotated string is not itself a word hazm's lexicon knows;
    - a rotated ``preposition + month`` phrase (``هدر م`` = ``در مه``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._date_context import PERSIAN_LETTER, chunk_reversals, common_word

GREGORIAN_FA: dict[int, tuple[str, ...]] = {
    1: ("ژانویه", "جنوری", "ینایر"),
    2: ("فوریه", "فبروری", "فبرایر"),
    3: ("مارس", "مارچ"),
    4: ("آوریل", "اوریل", "آپریل", "ابریل"),
    5: ("مه", "می", "مئی", "مای", "مایو"),
    6: ("ژوئن", "جون", "یونیو", "ژون"),
    7: ("ژوئیه", "جولای", "یولیو", "ژوییه"),
    8: ("اوت", "آگوست", "اگوست", "آگست", "اوگوست", "اغسطس"),
    9: ("سپتامبر", "سپتمبر"),
    10: ("اکتبر", "اکتوبر"),
    11: ("نوامبر", "نومبر"),
    12: ("دسامبر", "دیسامبر", "دسمبر", "دیسمبر"),
}
JALALI_FA: dict[int, tuple[str, ...]] = {
    1: ("فروردین",), 2: ("اردیبهشت",), 3: ("خرداد",), 4: ("تیر",), 5: ("مرداد", "امرداد"), 6: ("شهریور",),
    7: ("مهر",), 8: ("آبان",), 9: ("آذر",), 10: ("دی",), 11: ("بهمن",), 12: ("اسفند",),
}
ENGLISH: dict[int, tuple[str, ...]] = {
    1: ("january", "jan"), 2: ("february", "feb"), 3: ("march", "mar"), 4: ("april", "apr"), 5: ("may",),
    6: ("june", "jun"), 7: ("july", "jul"), 8: ("august", "aug"), 9: ("september", "sept", "sep"),
    10: ("october", "oct"), 11: ("november", "nov"), 12: ("december", "dec"),
}
# month words that are also common words: they are months only with a day or a year next to them, and
# ``weak`` ones (``می`` = the verb prefix, ``may``, ``mar``) only with both
AMBIGUOUS = frozenset({"مه", "می", "مای", "مئی", "تیر", "مهر", "دی", "آذر", "بهمن", "جون", "march", "may", "mar",
                       "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr"})
WEAK = frozenset({"می", "مای"})
PREPOSITIONS = ("در", "از", "تا", "اول")


@dataclass(frozen=True)
class MonthHit:
    start: int
    end: int
    month: int
    calendar: str  # gregorian | jalali
    lang: str  # fa | en
    stem: bool = False  # the final ۀ was split off ("ژانوی")
    rotated: bool = False
    word: str = ""
    prep: str = ""  # a preposition read inside a rotated phrase ("هدر م" -> "در")

    @property
    def ambiguous(self) -> bool:
        return self.word in AMBIGUOUS

    @property
    def weak(self) -> bool:
        return self.word in WEAK


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[int, str, bool, bool, str]], dict[str, tuple[int, str, str]]]:
    """word -> (month, calendar, stem, rotated, base word); rotated two-word phrases -> (month, calendar, prep)."""
    words: dict[str, tuple[int, str, bool, bool, str]] = {}
    phrases: dict[str, tuple[int, str, str]] = {}
    for cal, table in (("gregorian", GREGORIAN_FA), ("jalali", JALALI_FA)):
        for month, names in table.items():
            for name in names:
                words[name] = (month, cal, False, False, name)
                if name.endswith("ه"):
                    for ez in ("ۀ", "هٔ", "ه\u200cی", "هی"):
                        words[name[:-1] + ez] = (month, cal, False, False, name)
                    if len(name) >= 5:
                        words.setdefault(name[:-1], (month, cal, True, False, name))
                if len(name) >= 4:
                    for rot in chunk_reversals(name):
                        if rot not in words and not common_word(rot, 20):
                            words.setdefault(rot, (month, cal, False, True, name))
                if cal == "gregorian" and len(name) <= 3:
                    # the month's tail moved in front of its preposition: "در مه" -> "هدر م"
                    for prep in PREPOSITIONS:
                        phrase = f"{prep} {name}"
                        for k in range(len(prep) + 2, len(phrase)):
                            phrases.setdefault(phrase[k:] + phrase[:k], (month, cal, prep))
    for month, names in ENGLISH.items():
        for name in names:
            words[name] = (month, "gregorian", False, False, name)
    return words, phrases


@lru_cache(maxsize=1)
def _phrase_re() -> "re.Pattern | None":
    phrases = _table()[1]
    if not phrases:
        return None
    alts = "|".join(re.escape(p).replace("\\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![{PERSIAN_LETTER}])(?:{alts})(?![{PERSIAN_LETTER}])")


_FA_WORD = re.compile(f"[{PERSIAN_LETTER}\u06c0]+")
_EN_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def month_keys() -> frozenset[str]:
    """Every Persian month spelling :func:`find_months` knows (plain, ezafe, stems, rotated)."""
    return frozenset(w for w in _table()[0] if not w.isascii())


@lru_cache(maxsize=1)
def _scan_keys() -> frozenset[str]:
    """Month spellings and the first words of the rotated phrases: what a text must contain to hold a month."""
    firsts = {p.split(" ")[0] for p in _table()[1]}
    return month_keys() | frozenset(firsts)


@lru_cache(maxsize=256)
def _words_re(found: frozenset[str]) -> re.Pattern:
    """A regex for these whole Persian words (the few month spellings a text holds)."""
    alts = "|".join(sorted(map(re.escape, found), key=len, reverse=True))
    return re.compile(rf"(?<![{PERSIAN_LETTER}\u06c0])(?:{alts})(?![{PERSIAN_LETTER}\u06c0])")


def month_words(text: str) -> frozenset[str]:
    """The Persian month spellings (and rotated-phrase openings) present in ``text``: pass it to
    :func:`find_months` for this text or a reordering of it."""
    return _scan_keys().intersection(_FA_WORD.findall(text))


def find_months(text: str, present: "frozenset[str] | None" = None) -> list[MonthHit]:
    """Every month word of ``text``. ``present``: :func:`month_words` of the text (a shortcut when the caller
    already looked)."""
    words, phrases = _table()
    hits: list[MonthHit] = []
    if present is None:
        present = month_words(text)
    found_words = frozenset(w for w in present if w in words)
    if found_words:
        for m in _words_re(found_words).finditer(text):
            info = words[m.group(0)]
            hits.append(MonthHit(m.start(), m.end(), info[0], info[1], "fa", info[2], info[3], info[4]))
    phrase_re = _phrase_re()
    if phrase_re is not None and present and not present <= month_keys():
        for m in phrase_re.finditer(text):
            month, cal, prep = phrases[" ".join(m.group(0).split())]
            if not any(h.start < m.end() and m.start() < h.end for h in hits):
                hits.append(MonthHit(m.start(), m.end(), month, cal, "fa", False, True, m.group(0), prep))
    for m in _EN_WORD.finditer(text):
        w = m.group(0)
        info = words.get(w.lower())
        if info is None:
            continue
        if w.islower() and w.lower() in ("may", "march", "mar", "jan", "jun", "dec", "sep", "oct", "nov", "aug", "apr", "feb", "jul"):
            continue  # month names are capitalised in English; "may" / "march" lower case are other words
        hits.append(MonthHit(m.start(), m.end(), info[0], "gregorian", "en", False, False, w.lower()))
    hits.sort(key=lambda h: h.start)
    return hits
