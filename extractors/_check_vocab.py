"""What a piece of text is about, in both languages: a small bilingual vocabulary of the things commentary on
constitutions, referendums and elections counts, so that a Persian table row, a Persian sentence and an English
abstract can be compared by subject (``موافق`` = ``پاسخ مثبت`` = ``said yes``).

:func:`concepts` maps a text to a set of concept names. Words are compared after folding (Arabic letter forms,
ZWNJ, diacritics, common plural and ezafe endings), so damaged word order does not matter. ``before``/``after``
are concepts too: they tell the two periods of a reform apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

# concept -> Persian stems/phrases, English stems/phrases. A Persian entry with a space is a phrase matched on the
# folded text; others match whole folded words (with the endings :func:`_fa_forms` adds). English entries match
# word starts (``regist`` covers registered/registration).
CONCEPTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "yes": (("موافق", "موافقان", "پاسخ مثبت", "رأی مثبت", "رای مثبت", "آری"), ("yes", "in favour", "in favor", "voted for", "approv")),
    "no": (("مخالف", "مخالفان", "پاسخ منفی", "رأی منفی", "رای منفی"), ("no vote", "voted no", "said no", "re:against(?!\\s+all)", "reject", "oppos")),
    "against_all": (("علیه همه", "هیچ کدام"), ("against all", "none of the")),
    "invalid": (("نامعتبر", "باطل", "باطله", "مخدوش"), ("invalid", "spoil", "void", "blank")),
    "turnout": (("مشارکت", "شرکت کنندگان", "شرکت‌کنندگان"), ("turnout", "participat", "took part")),
    "registered": (("ثبت", "ثبت‌شده", "ثبت‌نام", "واجد"), ("regist", "eligible", "electorate")),
    "votes": (("رأی", "رای", "آرا", "آراء", "آرای", "برگه", "برگه‌های"), ("vote", "ballot")),
    "voters": (("رأی‌دهندگان", "رای‌دهندگان", "رأی‌دهنده", "دهندگان"), ("voter", "electorate")),
    "absentee": (("غایب", "اِی‌سی‌وی", "ای‌سی‌وی"), ("absentee", "avc")),
    "senate": (("سنا", "سناتور", "سناتورها"), ("senat",)),
    "lower_house": (("مجلس سفلی", "مجلس پائین", "مجلس پایین", "سفلی", "پائین", "مجلس نمایندگان"),
                    ("mazhilis", "majilis", "majlis", "lower house", "lower chamber", "house of representatives")),
    "parliament": (("پارلمان", "مجلس"), ("parliament", "chamber", "legislat")),
    "president": (("رئیس‌جمهور", "رییس‌جمهور", "ریاست‌جمهوری", "ریاست جمهوری", "رئیس جمهور"),
                  ("president",)),
    "term": (("دوره", "دورۀ", "مدت"), ("term", "tenure", "mandate")),
    "members": (("نماینده", "نمایندگان", "نمایندۀ", "عضو", "اعضا", "اعضای", "کرسی", "نفر", "تن"),
                ("member", "deput", "representative", "seat", "mp")),
    "elected": (("انتخاب", "انتخابی", "منتخب", "انتخابات"), ("elect",)),
    "appointed": (("انتصاب", "منصوب", "انتصابی"), ("appoint", "nominat")),
    "assembly": (("مجمع",), ("assembly",)),
    "court": (("دادگاه",), ("court",)),
    "judges": (("قاضی", "قضات", "قاضیان"), ("judge",)),
    "amendments": (("اصلاحیه", "اصلاحات", "اصلاح", "متمم", "بازنگری"), ("amend", "revision", "reform")),
    "articles": (("اصل", "اصول", "ماده", "مواد"), ("article",)),
    "constitution": (("قانون اساسی",), ("constitution",)),
    "referendum": (("همه‌پرسی", "رفراندوم", "همه پرسی"), ("referend", "plebiscit")),
    "citizens": (("شهروندان", "مردم", "شهروند"), ("citizen", "people", "public")),
    "candidates": (("نامزد", "نامزدها", "کاندیدا"), ("candidate",)),
    "election": (("انتخابات",), ("election",)),
    "death_penalty": (("اعدام",), ("death penalty", "capital punishment")),
    "total": (("مجموع", "جمع", "کل", "جمعاً", "کلی"), ("total", "in all", "altogether", "overall")),
    "before": (("پیش", "قبل", "پیشین", "سابق", "تا پایان"), ("before", "prior", "previous", "former", "until", "used to")),
    "after": (("پس", "بعد", "کنونی", "جدید"), ("after", "since", "following", "current")),
    "regions": (("منطقه", "مناطق", "استان"), ("region", "province", "oblast")),
}

# concepts that qualify others rather than name a quantity (they never make a subject on their own)
QUALIFIERS = frozenset({"before", "after", "total", "citizens", "constitution", "referendum", "election", "parliament"})

_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و",
                       "\u200c": " ", "ـ": None, "\u064b": None, "\u064c": None, "\u064d": None, "\u064e": None,
                       "\u064f": None, "\u0650": None, "\u0651": None, "\u0652": None, "\u0654": None})
_FA_ENDINGS = ("های", "ها", "ان", "ی", "ه")


def fold(text: str) -> str:
    """Letters folded, ZWNJ as a space, lower case, runs of blanks as one."""
    t = text.translate(_FOLD).lower()
    return re.sub(r"\s+", " ", t).strip()


def _stem(word: str) -> str:
    for end in _FA_ENDINGS:
        if len(word) > len(end) + 2 and word.endswith(end):
            return word[: -len(end)]
    return word


@lru_cache(maxsize=1)
def _tables():
    fa_words: dict[str, set[str]] = {}
    fa_phrases: list[tuple[str, str]] = []
    en: list[tuple[re.Pattern, str]] = []
    for concept, (fa, eng) in CONCEPTS.items():
        for w in fa:
            f = fold(w)
            if " " in f:
                fa_phrases.append((f, concept))
            else:
                fa_words.setdefault(f, set()).add(concept)
                fa_words.setdefault(_stem(f), set()).add(concept)
        for w in eng:
            pattern = w[3:] if w.startswith("re:") else re.escape(w).replace(r"\ ", r"\s+")
            en.append((re.compile(r"\b" + pattern, re.I), concept))
    return fa_words, fa_phrases, en


def words(text: str) -> list[str]:
    return re.findall(r"[\u0600-\u06FF]+|[a-z]+", fold(text))


def concepts(text: str) -> set[str]:
    """The concepts a text names, in either language."""
    if not text:
        return set()
    fa_words, fa_phrases, en = _tables()
    out: set[str] = set()
    f = fold(text)
    padded = f" {f} "
    glued = f.replace(" ", "")
    for phrase, c in fa_phrases:
        if f" {phrase} " in padded or phrase.replace(" ", "") in glued:
            out.add(c)
    for w in re.findall(r"[\u0600-\u06FF]+", f):
        hit = fa_words.get(w) or fa_words.get(_stem(w))
        if hit:
            out |= hit
    if re.search(r"[a-z]", f):
        for rx, c in en:
            if rx.search(f):
                out.add(c)
    return out


UNIT_CONCEPTS = {
    "votes": "votes", "ballots": "votes", "voters": "voters", "deputies": "members", "representatives": "members",
    "members": "members", "senators": "senate", "seats": "members", "judges": "judges", "amendments": "amendments",
    "articles": "articles", "candidates": "candidates", "referendums": "referendum", "people": "citizens",
}

# what a count's unit can be a count of, as concepts a table row, column or caption names
UNIT_FAMILY_CONCEPTS: dict[str, set[str]] = {
    "votes": {"votes", "voters", "turnout", "registered", "yes", "no", "invalid", "absentee", "against_all"},
    "ballots": {"votes", "voters", "turnout", "yes", "no", "invalid", "absentee", "against_all"},
    "voters": {"votes", "voters", "turnout", "registered", "absentee"},
    "people": {"voters", "votes", "yes", "no", "invalid", "turnout", "registered", "citizens", "members", "senate",
               "lower_house"},
    "deputies": {"members", "lower_house", "parliament", "senate"},
    "representatives": {"members", "lower_house", "parliament", "senate"},
    "*representative": {"members", "lower_house", "parliament", "senate"},
    "members": {"members", "lower_house", "parliament", "senate"},
    "senators": {"senate", "members"},
    "seats": {"members", "lower_house", "parliament", "senate"},
    "judges": {"judges", "court"},
    "amendments": {"amendments"},
    "articles": {"articles"},
    "candidates": {"candidates"},
    "referendums": {"referendum"},
}

# units that count the same things (a chamber's deputies, representatives, members, seats)
UNIT_FAMILIES = [
    {"deputies", "representatives", "members", "seats", "senators", "people", "*representative", "*people"},
    {"votes", "ballots", "voters"},
]


def same_unit(a: str, b: str) -> bool:
    a, b = (a or "").lower(), (b or "").lower()
    if a == b:
        return True
    return any(a in fam and b in fam for fam in UNIT_FAMILIES)
