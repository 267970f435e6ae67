"""The word model behind the reading-order repair: how plausible a Persian word is, from hazm's lexicon.

Costs are in nats (negative log probabilities), so word costs and the break costs of
:mod:`extractors._repair_engine` add up. Everything is cached per process: the lexicon is loaded once, and a
word's cost or knownness is computed once.
"""

from __future__ import annotations

import math
from functools import lru_cache

from . import lexicon

ZWNJ = "\u200c"

# suffixes written after a stem (with or without ZWNJ); the stem must be a frequent word or a verb form
SUFFIXES = ("هایی", "های", "ها", "ترین", "تر", "ای", "ایی", "اند", "ایم", "اید", "ام", "ات", "اش", "یی", "ی", "ۀ", "مان", "تان",
            "شان", "ان", "یان", "گان")
_SUFFIX_SET = frozenset(SUFFIXES)
# short function words that stick to a neighbour when a run boundary has no space
FUNCTION_WORDS = ("از", "در", "به", "با", "بر", "را", "و", "که", "تا", "است", "این", "آن", "اند", "می", "نمی", "ها", "های", "ای", "یا")

UNKNOWN_BASE = 26.0  # an unknown word costs this plus UNKNOWN_PER_CHAR per letter
UNKNOWN_PER_CHAR = 0.6
ZERO_FREQ = 20.0  # a lexicon entry with no corpus frequency
VERB = 12.5  # a conjugated verb form (hazm's verb list)
LEMMA_ONLY = 22.0  # known only through hazm's Lemmatizer
SUFFIX_EXTRA = 2.0
ZWNJ_COMPOUND_EXTRA = 0.5


@lru_cache(maxsize=1)
def _log_total() -> float:
    return math.log(sum(lexicon.words().values()) or 1)


@lru_cache(maxsize=1)
def _lemmatizer():
    from hazm import Lemmatizer

    return Lemmatizer()


def load() -> None:
    """Load the lexicon, verbs, prefixes and lemmatizer now (so a timed run does not pay for it)."""
    lexicon.words()
    lexicon.verbs()
    _log_total()
    prefixes()
    _lemmatizer()
    if not _COSTS:
        for w in lexicon.words():
            cost(w)
    import gc

    gc.freeze()  # the lexicon's millions of objects are never garbage: keep the collector off them


@lru_cache(maxsize=1)
def prefixes() -> frozenset:
    """Every prefix of every word hazm knows (ZWNJ removed): can a partly built word still become a word?"""
    out = set()
    for w in list(lexicon.words()) + [v for v in lexicon.verbs() if " " not in v]:
        w = w.replace(ZWNJ, "")
        for i in range(1, len(w) + 1):
            out.add(w[:i])
    return frozenset(out)


def _variants(word: str) -> tuple[str, ...]:
    """Spellings to look up: as written, without ZWNJ, with the ezafe letter ۀ as plain ه."""
    out = [word]
    if ZWNJ in word:
        out.append(word.replace(ZWNJ, ""))
    if word.endswith("ۀ") or "ۀ" + ZWNJ in word or "ۀ" in word:
        out.extend(v.replace("ۀ", "ه") for v in list(out))
    return tuple(out)


@lru_cache(maxsize=None)
def known(word: str) -> bool:
    """hazm knows the word: a lexicon entry (as written, without its ZWNJs, or with ۀ written ه), a verb form,
    or a word whose lemma (hazm's Lemmatizer) is one."""
    if not word:
        return False
    w = lexicon.words()
    v = lexicon.verbs()
    for x in _variants(word):
        if x in w or x in v:
            return True
    if word.endswith("گان") and word[:-3] + "ه" in w:
        return True
    try:
        lemma = _lemmatizer().lemmatize(word.replace("ۀ", "ه"))
    except Exception:  # pragma: no cover - hazm on odd input
        return False
    return lemma in w or "#" in lemma


@lru_cache(maxsize=None)
def strong(word: str) -> bool:
    """A word with corpus evidence: a lexicon entry with a frequency, or a verb form (two letters or more)."""
    if len(word) < 2 and word != "و":
        return False
    if ZWNJ in word and known(word) and all(strong(p) or p in _SUFFIX_SET for p in word.split(ZWNJ) if p):
        return True  # a ZWNJ compound of known parts, as written: لایحه‌ها، رئیس‌جمهور
    for x in _variants(word):
        f = lexicon.words().get(x)
        if (f is not None and f > 0) or (len(x) >= 2 and x in lexicon.verbs()):
            return True
    return False


def _freq_cost(f: int) -> float:
    return max(3.0, _log_total() - math.log(f))


_COSTS: dict[str, float] = {}


def cost(word: str) -> float:
    """Negative log plausibility of one Persian word (letters and ZWNJ only)."""
    c = _COSTS.get(word)
    if c is None:
        if not word:
            c = 0.0
        elif len(word) > 1 and _surely_unknown(word):
            c = UNKNOWN_BASE + UNKNOWN_PER_CHAR * len(word)
        else:
            c = _cached_cost(word)
        if len(_COSTS) < 2_000_000:
            _COSTS[word] = c
    return c


def _surely_unknown(word: str) -> bool:
    """A quick test: no lexicon word starts with it, no known stem + suffix makes it, it is no verb form."""
    pre = prefixes()
    w = word.replace(ZWNJ, "") if ZWNJ in word else word
    if w in pre or word in lexicon.verbs():
        return False
    if "ۀ" in w and w.replace("ۀ", "ه") in pre:
        return False
    words = lexicon.words()
    for k in range(1, 5):
        if len(w) > k + 1 and w[-k:] in _SUFFIX_SET and (w[:-k] in words or w[:-k].replace("ۀ", "ه") in words):
            return False
    if w.endswith("گان") and w[:-3] + "ه" in words:
        return False
    return True


@lru_cache(maxsize=None)
def _cached_cost(word: str) -> float:
    if len(word) == 1:
        return _freq_cost(lexicon.words().get(word, 0)) if word == "و" else UNKNOWN_BASE + UNKNOWN_PER_CHAR
    c = _cost(word)
    if "ۀ" in word:
        c = min(c, _cost(word.replace("ۀ", "ه")) + 0.5)
    return c


def _cost(word: str) -> float:
    words = lexicon.words()
    f = words.get(word)
    if f:
        return _freq_cost(f)
    if word in lexicon.verbs():
        return VERB
    if ZWNJ in word:
        g = words.get(word.replace(ZWNJ, ""))
        if g:
            return _freq_cost(g) + ZWNJ_COMPOUND_EXTRA
    best = None
    for k in range(1, 5):
        suf = word[-k:]
        if len(word) <= k + 1 or suf not in _SUFFIX_SET:
            continue
        stem = word[:-k]
        joined = stem.endswith(ZWNJ)
        stem = stem.rstrip(ZWNJ)
        if suf == "گان":
            stem += "ه"  # نمایندگان: نماینده + ان
        f_stem = words.get(stem) or words.get(stem.replace("ۀ", "ه"))
        if len(stem) >= 2 and f_stem:
            if suf in ("ی", "یی", "ۀ") and joined:
                continue
            if not known(word):
                continue
            c = cost(stem) + SUFFIX_EXTRA
            best = c if best is None or c < best else best
    if best is not None:
        return best
    if f is not None or word.replace(ZWNJ, "") in words:
        return ZERO_FREQ + (3.0 if len(word) <= 2 else 0.0)
    return UNKNOWN_BASE + UNKNOWN_PER_CHAR * len(word)


def is_unknown_cost(c: float) -> bool:
    return c >= UNKNOWN_BASE


# ------------------------------------------------------------------------------- the document's own words
DOC_WORD = 15.0  # a word the lexicon lacks but the document itself uses intact, again and again (a name)
_doc_words: frozenset = frozenset()


def set_document_words(words: frozenset) -> bool:
    """Use these words (names and terms the document repeats) as known; returns True when they changed."""
    global _doc_words
    words = frozenset(words)
    if words == _doc_words:
        return False
    _doc_words = words
    return True


def word_cost(word: str) -> float:
    """:func:`cost`, with the document's own repeated words counted as rare known words."""
    c = cost(word)
    if c >= UNKNOWN_BASE and word in _doc_words:
        return DOC_WORD
    return c


def unknown_cost(word: str, c: float) -> float:
    """The cost of a word hazm does not know: a document word is cheaper than a random string."""
    return DOC_WORD if word in _doc_words else c


def document_words(tokens: list[str], min_count: int = 3) -> frozenset:
    """Letter words hazm does not know that the document writes intact at least ``min_count`` times, and that
    are not a scrambled known word (a rotation of a known word, or two known words glued)."""
    from collections import Counter

    counts = Counter(t for t in tokens if len(t) >= 4)
    out = set()
    for t, c in counts.items():
        if c < min_count or known(t):
            continue
        if any(strong(t[k:] + t[:k]) for k in range(1, len(t))):
            continue
        if any(strong(t[:k]) and strong(t[k:]) for k in range(2, len(t) - 1)):
            continue
        if any(strong(_reverse_chunks(t, i, j)) for i in range(1, len(t)) for j in range(i + 1, len(t))):
            continue
        if strong(t[1:]) or strong(t[:-1]) or known(_yeh_reversed(t, "ی")) or known(_yeh_reversed(t, "یئ")):
            continue
        out.add(t)
    return frozenset(out)


def _reverse_chunks(t: str, i: int, j: int) -> str:
    return t[j:] + t[i:j] + t[:i]


def _yeh_reversed(t: str, yehs: str) -> str:
    """The word cut around every yeh, pieces in reverse order (how yeh-split glyph runs scramble a word)."""
    import re as _re

    parts = [p for p in _re.split("([" + yehs + "])", t) if p]
    return "".join(reversed(parts))
