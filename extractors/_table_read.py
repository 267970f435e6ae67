"""Reading a piece of a raw line (a table cell, a row label, a caption) as a person would.

Line by line: where :mod:`extractors.repair` put a line back in another order, its reading is the normalized
view's (the characters whose raw offsets fall in the piece, in normalized order). A line the repair left in raw
order, in a document that shows the PDF damage (see DEVELOPING.md), gets a conservative reading of its own, using
only the run boundaries the damage model makes certain (table cells are short: one word, a number and a word,
where the repair has little to go on):
    - a change of direction (digits or Latin against Persian letters): ``2022 سال`` -> ``سال 2022``;
    - a wide gap (two or more blanks): ``از  پس`` -> ``پس از``;
    - a ZWNJ the extraction dropped, when the pair read the other way is a word hazm knows:
      ``پرسی همه`` -> ``همه‌پرسی``, ``ها ویژگی`` -> ``ویژگی‌ها``;
    - a word whose letters were rotated, when one rotation is a known word: ``یندگاننما`` -> ``نمایندگان``.
Single spaces inside a Persian run are kept as they are (a run may have broken there, or not: only the repair
module, with its own evidence, decides that). A document without the damage is read as normalized.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .document import Block, Document
from .script import ZWNJ, lang_of

_WS = re.compile(r"\s+")
_PLURAL = ("های", "ها", "ان", "ات", "ی")
_SUFFIXES = {"ها", "های", "هایی", "تر", "ترین", "ای", "اند", "ام", "ایم", "اید"}
_FA_LETTER = r"\u0600-\u06FF\u200c"


def reading(doc: Document, block: Block | None, lo: int, hi: int, exclude: tuple[tuple[int, int], ...] = (),
            own: bool = False) -> str:
    """The reading of raw ``doc.raw[lo:hi]`` (one or more lines of one block), leaving out the raw ranges in
    ``exclude`` (a footnote marker glued to a word). ``own``: the piece is known to be whole runs (the parts of a
    reversed caption), read with the certain rules whatever the repair made of its line."""
    if hi <= lo:
        return ""

    def kept(s: int) -> bool:
        return lo <= s < hi and not any(x <= s < y for x, y in exclude)

    at = block.normalized if block is not None else None
    damaged = is_damaged(doc)
    parts: list[str] = []
    k = doc.line_index(lo)
    while k < len(doc.lines) and doc.lines[k].offset < hi:
        ln = doc.lines[k]
        a, b = max(lo, ln.offset), min(hi, ln.end)
        k += 1
        if b <= a:
            continue
        chars = [(c, s) for c, s in zip(at.text, at.src) if a <= s < b and kept(s)] if at is not None else []
        reordered = any(chars[i][1] < chars[i - 1][1] for i in range(1, len(chars)))
        if at is not None and (reordered and not own or not damaged):
            text = "".join(c for c, _ in chars)
        else:
            raw = "".join(c if kept(x) else " " for x, c in enumerate(doc.raw[a:b], a))
            text = private_reading(raw) if damaged and lang_of(raw) == "fa" else raw
        text = _WS.sub(" ", text).strip()
        if text:
            parts.append(text)
    return " ".join(parts)


def repair_active(doc: Document) -> bool:
    """True when some line's normalized view is not in raw order (the repair module reordered it)."""
    for b in doc.blocks:
        at = b.normalized
        if at is None:
            continue
        src = at.src
        for i in range(1, len(src)):
            if src[i] < src[i - 1] and at.text[i - 1] != "\n" and at.text[i] != "\n":
                return True
    return False


def is_damaged(doc: Document) -> bool:
    """Persian lines whose sentence punctuation sits at the start rather than the end: the PDF damage."""
    cached = getattr(doc, "_kavosh_damaged", None)
    if cached is None:
        cached = _damaged(doc)
        try:
            doc._kavosh_damaged = cached  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return cached


def _damaged(doc: Document) -> bool:
    start = end = 0
    for ln in doc.lines:
        t = ln.text.strip()
        if len(t.split()) < 3 or lang_of(t) != "fa":
            continue
        if re.match(r"^[.:،؛!؟]", t):
            start += 1
        if re.search(r"[.:؛!؟]$", t):
            end += 1
    return start >= 3 and start > end


def private_reading(raw: str) -> str:
    """The conservative logical reading of one damaged raw line (see the module docstring)."""
    runs = _runs(raw)
    runs.reverse()
    words = " ".join(r for r in runs if r).split()
    words = _join_reversed_pairs(words)
    return " ".join(_unrotate(w) for w in words)


def _runs(raw: str) -> list[str]:
    """Split a raw line at its certain run boundaries: wide gaps and changes of direction."""
    out: list[str] = []
    for piece in re.split(r"\s{2,}|\t", raw.strip()):
        if not piece:
            continue
        # direction changes: digits (with their separators) or Latin words against Persian letters
        for m in re.finditer(r"[0-9۰-۹٠-٩]+(?:[.,،٫٬/][0-9۰-۹٠-٩]+)*%?|[A-Za-z][A-Za-z .,'()-]*[A-Za-z.)]|[A-Za-z]|[^0-9۰-۹٠-٩A-Za-z]+", piece):
            s = m.group(0).strip()
            if s:
                out.append(s)
    return out


@lru_cache(maxsize=4096)
def known(word: str) -> bool:
    """hazm knows the word, or its stem without a plural/ezafe ending (``نمایندگان`` -> ``نماینده``)."""
    w = word.replace("ـ", "")
    if not w:
        return False
    if lexicon.knows(w):
        return True
    for suf in _PLURAL:
        stem = w[: -len(suf)].rstrip(ZWNJ) if w.endswith(suf) else ""
        if len(stem) >= 2 and (lexicon.knows(stem) or (stem.endswith("گ") and lexicon.knows(stem[:-1] + "ه"))):
            return True
    return False


def _join_reversed_pairs(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and _is_fa_word(words[i]) and _is_fa_word(words[i + 1]):
            w1, w2 = words[i], words[i + 1]
            forward = w1 + ZWNJ + w2
            backward = w2 + ZWNJ + w1
            if lexicon.frequency(forward) > 0 or (w2 in _SUFFIXES and known(w1)):
                out.append(forward)
                i += 2
                continue
            if not known(forward) and (lexicon.frequency(backward) > 0 or (w1 in _SUFFIXES and known(w2) and len(words) == 2)):
                out.append(backward)
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out


def join_pairs(text: str) -> str:
    """Put back the ZWNJs of word pairs hazm knows, either way round (``همه پرسی``, ``پرسی همه`` -> ``همه‌پرسی``)."""
    return " ".join(_join_reversed_pairs(text.split()))


def _is_fa_word(w: str) -> bool:
    return bool(re.fullmatch(f"[{_FA_LETTER}]+", w))


def _unrotate(w: str) -> str:
    if not _is_fa_word(w) or len(w) < 4 or known(w):
        return w
    for k in range(2, len(w) - 1):
        cand = w[k:] + w[:k]
        if known(cand):
            return cand
    return w

