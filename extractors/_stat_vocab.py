"""The small bilingual vocabulary of the statistics extractor (private): what a number counts (its unit, a short
English word), what it measures (its subject), and the nouns that make a number a reference instead.

Units are the same English words in both languages (``98 نماینده`` and ``98 deputies`` both give
``deputies``), so the checks can compare a claim of the English abstract with the Persian body.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ._date_context import PERSIAN_LETTER, chunk_reversals, common_word

ZWNJ = "\u200c"

# Persian count nouns -> unit. Plural and ezafe forms are generated; ``*`` marks a noun whose unit depends on
# the sentence (resolved by the extractor).
COUNT_FA: dict[str, str] = {
    "نماینده": "*representative", "نمایندگان": "*representative", "سناتور": "senators", "سناتورها": "senators",
    "نفر": "people", "تن": "*people", "شهروند": "people", "شهروندان": "people",
    "عضو": "members", "اعضا": "members", "اعضای": "members", "عضوها": "members",
    "قاضی": "judges", "قضات": "judges", "قاضیان": "judges",
    "نامزد": "candidates", "نامزدها": "candidates", "کاندیدا": "candidates", "کاندیداها": "candidates",
    "همه‌پرسی": "referendums", "همه‌پرسی‌ها": "referendums", "رفراندوم": "referendums",
    "اصلاحیه": "amendments", "اصلاحیه‌ها": "amendments", "متمم": "amendments", "متمم‌ها": "amendments",
    "اصل": "articles", "اصول": "articles", "ماده": "articles", "مواد": "articles",
    "بند": "paragraphs", "بندها": "paragraphs",
    "رأی": "votes", "رای": "votes", "آرا": "votes", "آراء": "votes", "آرای": "votes",
    "رأی‌دهنده": "voters", "رأی‌دهندگان": "voters", "رای‌دهندگان": "voters", "رای‌دهنده": "voters",
    "برگه": "ballots", "برگه‌های": "ballots",
    "حزب": "parties", "احزاب": "parties", "حزب‌ها": "parties",
    "رئیس‌جمهور": "presidents", "رئیس‌جمهوران": "presidents", "رؤسای‌جمهور": "presidents",
    "روش": "methods", "روش‌ها": "methods",
    "بار": "times", "دفعه": "times", "مرتبه": "times",
    "بازنگری": "revisions",
    "دوره": "terms", "دوره‌ی": "terms", "دورۀ": "terms",
    "کرسی": "seats", "کرسی‌ها": "seats",
    "کشور": "countries", "کشورها": "countries", "استان": "provinces", "استان‌ها": "provinces",
    "شهر": "cities", "شهرها": "cities", "منطقه": "regions", "مناطق": "regions",
    "حوزه": "constituencies", "حوزه‌ها": "constituencies",
    "مورد": "*case",
    "همه": "*referendum-split",
    "رئیس": "*president-split",
}
DURATION_FA: dict[str, str] = {
    "سال": "years", "ساله": "years", "سالۀ": "years", "سالِ": "years", "سالی": "years",
    "ماه": "months", "ماهه": "months", "ماهۀ": "months",
    "روز": "days", "روزه": "days", "روزۀ": "days",
    "هفته": "weeks", "هفتۀ": "weeks",
    "دهه": "decades", "دهۀ": "decades",
    "قرن": "centuries", "سده": "centuries",
    "ساعت": "hours",
}
PERCENT_FA = ("درصد", "درصدِ")

COUNT_EN: dict[str, str] = {
    "deputy": "deputies", "deputies": "deputies", "representative": "representatives",
    "representatives": "representatives", "senator": "senators", "senators": "senators",
    "member": "members", "members": "members", "mp": "deputies", "mps": "deputies", "seat": "seats", "seats": "seats",
    "person": "people", "persons": "people", "people": "people", "citizen": "people", "citizens": "people",
    "judge": "judges", "judges": "judges", "candidate": "candidates", "candidates": "candidates",
    "referendum": "referendums", "referendums": "referendums", "amendment": "amendments",
    "amendments": "amendments", "article": "articles", "articles": "articles", "paragraph": "paragraphs",
    "paragraphs": "paragraphs", "vote": "votes", "votes": "votes", "voter": "voters", "voters": "voters",
    "ballot": "ballots", "ballots": "ballots", "party": "parties", "parties": "parties",
    "president": "presidents", "presidents": "presidents", "method": "methods", "methods": "methods",
    "time": "times", "times": "times", "revision": "revisions", "revisions": "revisions", "term": "terms",
    "terms": "terms", "country": "countries", "countries": "countries", "region": "regions",
    "regions": "regions", "province": "provinces", "provinces": "provinces", "city": "cities", "cities": "cities",
    "constituency": "constituencies", "constituencies": "constituencies",
}
DURATION_EN: dict[str, str] = {
    "year": "years", "years": "years", "month": "months", "months": "months", "day": "days", "days": "days",
    "week": "weeks", "weeks": "weeks", "decade": "decades", "decades": "decades", "century": "centuries",
    "centuries": "centuries", "hour": "hours", "hours": "hours",
}
ONCE_EN = {"once": 1, "twice": 2, "thrice": 3}

# nouns before a number that make it a reference, not a quantity: "اصل 42", "بند 1", "Table 2", "page 5"
REFERENCE_FA = ("اصل", "اصول", "بند", "بندهای", "ماده", "مواد", "تبصره", "فصل", "بخش", "جدول", "شکل", "نمودار",
                "صفحه", "صفحات", "ص", "شماره", "شمارۀ", "دوره", "دورۀ", "جلد", "سطر", "پیوست", "قانون", "مصوبه",
                "ردیف", "کد", "تلفن", "نسخه", "نسخۀ")
REFERENCE_EN = ("article", "articles", "art", "para", "paragraph", "paragraphs", "section", "sections", "chapter",
                "table", "figure", "fig", "page", "pages", "p", "pp", "vol", "volume", "no", "number", "issue",
                "item", "part", "version", "v", "isbn", "tel", "phone", "footnote", "note", "line", "clause")

_EXPLICIT = frozenset(w.replace(ZWNJ, "") for w in (*COUNT_FA, *DURATION_FA, *PERCENT_FA))


@lru_cache(maxsize=1)
def _fa_table() -> dict[str, tuple[str, str, bool]]:
    """Persian surface -> (kind, unit, rotated) with ezafe/plural forms and rotated spellings."""
    out: dict[str, tuple[str, str, bool]] = {}

    def add(word: str, kind: str, unit: str) -> None:
        forms = {word, word.replace(ZWNJ, ""), word.replace(ZWNJ, " ")}
        if word.endswith("ه"):
            forms |= {word[:-1] + "ۀ", word + "ٔ", word + ZWNJ + "ی", word + "‌ای"}
        elif not word.endswith(("ها", "های")) and kind != "percent":
            forms |= {word + "ی", word + ZWNJ + "ها", word + ZWNJ + "های", word + "ها", word + "های"}
        for f in forms:
            if f != word and common_word(f.replace(ZWNJ, ""), 2000) and f.replace(ZWNJ, "") not in _EXPLICIT:
                continue  # "تنها" (alone) is not a plural of "تن"
            out.setdefault(f, (kind, unit, False))
        # rotated spellings: the word's glyph chunks in reverse order ("قاضی" -> "یقاض", "نمایندۀ" -> "ۀنمایند")
        for f in {word, word[:-1] + "ۀ"} if word.endswith("ه") else {word}:
            if len(f) >= 4 and ZWNJ not in f:
                for rot in chunk_reversals(f, 3 if len(f) >= 6 else 2):
                    if rot not in out and not common_word(rot, 20):
                        out[rot] = (kind, unit, True)
        # the stem that lost its last letter to a rotation ("قاض" + "ی" elsewhere)
        if len(word) >= 4 and word[-1] in "یهۀ" and ZWNJ not in word:
            stem = word[:-1]
            if not common_word(stem, 20):
                out.setdefault(stem, (kind, unit, True))

    for w, u in COUNT_FA.items():
        add(w, "count", u)
    for w, u in DURATION_FA.items():
        add(w, "duration", u)
    for w in PERCENT_FA:
        out[w] = ("percent", "percent", False)
    return out


def lookup_fa(word: str) -> Optional[tuple[str, str, bool]]:
    """(kind, unit, rotated) for a Persian word, or None. Accepts a leftover rotated letter glued in front
    (``یتن`` = ``تن`` + the ``ی`` of the word before)."""
    table = _fa_table()
    w = word.strip("ـ")
    hit = table.get(w)
    if hit:
        return hit
    if len(w) >= 3 and w[0] in "یهۀ" and w[1:] in table and not table[w[1:]][2]:
        kind, unit, _ = table[w[1:]]
        return kind, unit, True
    return None


def lookup_en(word: str) -> Optional[tuple[str, str, bool]]:
    w = word.lower().strip(".,;:")
    if w in COUNT_EN:
        return "count", COUNT_EN[w], False
    if w in DURATION_EN:
        return "duration", DURATION_EN[w], False
    if w in ("percent", "pct"):
        return "percent", "percent", False
    return None


def lookup(word: str) -> Optional[tuple[str, str, bool]]:
    if re.match(r"[A-Za-z]", word):
        return lookup_en(word)
    return lookup_fa(word)


def split_glued(word: str) -> list[str]:
    """A token that is two runs glued together (``مجلسنمایندۀ``, ``بهدرصد``): its known suffixes, longest
    first."""
    table = _fa_table()
    out = []
    for k in range(1, len(word) - 1):
        suf = word[k:]
        if suf in table and len(suf) >= 2:
            out.append(suf)
    return out


def unit_word_at(text: str, pos: int, side: str) -> bool:
    """Is the word right after (``side='right'``) or right before ``pos`` a count noun (people, votes ...)?
    Durations and percent are not counted here (``سال 2022`` is a date). Used to keep counts out of years."""
    if side == "right":
        m = re.match(rf"[ \t]*([{PERSIAN_LETTER}{ZWNJ}\u06c0]+|[A-Za-z]+)", text[pos : pos + 30])
    else:
        m = re.search(rf"([{PERSIAN_LETTER}{ZWNJ}\u06c0]+|[A-Za-z]+)[ \t]*$", text[max(0, pos - 30) : pos])
    if not m:
        return False
    hit = lookup(m.group(1))
    if not hit or hit[0] != "count":
        return False
    unit = hit[1]
    # nouns that also name things a year qualifies ("2022 referendum", "همه‌پرسی 2022", "اصلاحات 2022")
    return unit in ("people", "deputies", "representatives", "*representative", "*people", "members", "judges",
                    "votes", "voters", "ballots", "seats", "senators", "candidates")


# --- subjects --------------------------------------------------------------------------------------------

# Subjects are short English phrases from this vocabulary, the same for both languages, so a claim of the
# English abstract and of the Persian body can be compared (value + unit + subject).
_VOTE_SUBJECTS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"علیه\s*همه|against\s+all", re.I), "against all"),
    (re.compile(r"^\s*(?:yes|for|بله|آری)\s*$|موافق|پاسخ\s*مثبت|رأی\s*مثبت|رای\s*مثبت|said\s+yes|voted\s+yes|\byes\s+votes?|in\s+favou?r", re.I), "yes votes"),
    (re.compile(r"^\s*(?:no|against|خیر)\s*$|مخالف|voted\s+no|\bno\s+votes?|\bagainst\b", re.I), "no votes"),
    (re.compile(r"نامعتبر|باطل|invalid|spoil", re.I), "invalid ballots"),
    (re.compile(r"مشارکت|turnout|participat", re.I), "turnout"),
    (re.compile(r"(?<![\u0600-\u06ff])ثبت|registered", re.I), "registered voters"),
    (re.compile(r"آرا|رأی|رای|vote", re.I), "votes"),
]
_PRESIDENT = re.compile(r"ریاست[\s\u200cۀ]*جمهور|رئیس[\s\u200c]*جمهور|جمهور\s*(?:رئیس|ریاست)|presiden", re.I)
_SENATE_CTX = re.compile(r"سنا(?![\u0600-\u06ff])|senat", re.I)
_LOWER_CTX = re.compile(r"پائین|پایین|سفلی|نیپائ|mazhilis|lower\s+house|مجلس(?!\s*سنا)", re.I)
_TERM = re.compile(r"دوره|دورۀ|مدت|ساله|term", re.I)
_OTHER_BODY = re.compile(r"کمیسیون|دیوان|دادگاه|حزب|commission|court|party|chamber", re.I)
_COURT = re.compile(r"دادگاه\s*قانون\s*اساسی|constitutional\s+court", re.I)
_CONSTITUTION = re.compile(r"قانون\s*اساسی|constitution", re.I)


def subject_for(kind: str, unit: str, context: str, chamber: Optional[str] = None) -> Optional[str]:
    """A short English description of what a number measures, from the words around it (``context``) and,
    for parliament counts, the chamber (``senate`` / ``lower``) the sentence is about; None if unsure."""
    if kind == "percent" or unit in ("votes", "voters", "ballots"):
        for rx, subject in _VOTE_SUBJECTS:
            if rx.search(context):
                return subject
        return None
    if unit in ("representatives", "deputies", "senators"):
        if unit == "senators" or chamber == "senate" or (chamber is None and _SENATE_CTX.search(context)):
            return "senators"
        if unit == "deputies" or chamber == "lower" or (chamber is None and _LOWER_CTX.search(context)):
            return "deputies"
        return None
    if unit in ("members", "people", "seats"):
        # only when the words around name one chamber and nothing else a member could belong to
        senate, lower = bool(_SENATE_CTX.search(context)), bool(_LOWER_CTX.search(context))
        if _OTHER_BODY.search(context) or senate == lower:
            return None
        return "senators" if senate else "deputies"
    if kind == "duration" and unit == "years":
        if _PRESIDENT.search(context) and _TERM.search(context):
            return "presidential term"
        if chamber == "senate":
            return "senate term"
        if chamber == "lower":
            return "lower house term"
        return None
    if unit == "judges":
        return "constitutional court judges" if _COURT.search(context) else "judges"
    if unit == "amendments":
        return "constitutional amendments" if _CONSTITUTION.search(context) else "amendments"
    if unit == "articles":
        return "constitution articles" if _CONSTITUTION.search(context) else None
    if kind == "fraction":
        return "constitution" if _CONSTITUTION.search(context) else None
    if unit in ("candidates", "referendums", "parties", "presidents"):
        return unit
    return None
