"""The normalized view: each block's text as a reader should see it, with an offset map to the raw lines.

One public entry, :func:`normalize`. Steps, each an :class:`~extractors.aligned.AlignedText` operation so the
map stays exact:
    1. letters: hazm's 1:1 translation table (Arabic ي/ك -> ی/ک, presentation forms -> letters);
    2. reading order and rotated letters: :mod:`extractors.repair` (records every change it makes);
    3. spacing: runs of blanks -> one space, line edges trimmed;
    4. ZWNJ: hazm's affix rules (``می شود`` -> ``می‌شود``, ``کتاب ها`` -> ``کتاب‌ها``) and joining word
       pairs hazm's lexicon knows with a ZWNJ (``همه پرسی`` -> ``همه‌پرسی``).
Digits are not touched here (hazm's Normalizer breaks ``77،18`` and ``1403/10/09``): extractors read numbers
through the 1:1 digit fold of :mod:`extractors.script`, which never moves an offset.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .aligned import AlignedText
from .document import Document, Line
from .models import Repair
from .script import ZWNJ

_PERSIAN_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئۀأؤء"


@lru_cache(maxsize=1)
def _letter_table() -> dict[int, int]:
    """hazm's own letter translation (the safe part of its Normalizer: one character for one)."""
    from hazm import Normalizer

    n = Normalizer(correct_spacing=False, decrease_repeated_chars=False, seperate_mi=False, persian_numbers=False)
    src, dst = n.translation_src, n.translation_dst
    table = {}
    for a, b in zip(src, dst):
        if a != b and a not in "“”":  # keep typographic quotes: they are not letters
            table[ord(a)] = ord(b)
    return table


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_AFFIX_RULES = [
    # (pattern, replacement): hazm's affix spacing, restricted to Persian letters around the joint
    (re.compile(r"(?<![^\s«(])(ن?می) (?=[" + _PERSIAN_LETTERS + "])"), "\\1" + ZWNJ),
    (re.compile(r"(?<=[" + _PERSIAN_LETTERS + "]{2}) (ها|های|هایی|تر|ترین)(?=[\\s.،؛:!؟»)]|$)"), ZWNJ + "\\1"),
    (re.compile(r"(?<=[" + _PERSIAN_LETTERS + "]ه) (ای|اند|ام|ایم|اید|اش)(?=[\\s.،؛:!؟»)]|$)"), ZWNJ + "\\1"),
]
_WORD = re.compile(r"[" + _PERSIAN_LETTERS + ZWNJ + "]+")


def letters(at: AlignedText) -> AlignedText:
    return at.translate(_letter_table())


def spacing(at: AlignedText) -> AlignedText:
    at = at.sub(_SPACES, " ")
    text = at.text
    a, b = 0, len(text)
    while a < b and text[a] == " ":
        a += 1
    while b > a and text[b - 1] == " ":
        b -= 1
    return at[a:b]


def zwnj(at: AlignedText) -> AlignedText:
    """Put back the ZWNJs the extraction lost, where hazm's rules or lexicon are sure."""
    for rx, repl in _AFFIX_RULES:
        at = at.sub(rx, repl)
    return _join_known_pairs(at)


def _join_known_pairs(at: AlignedText) -> AlignedText:
    words = lexicon.words()
    verbs = lexicon.verbs()
    spans = [m.span() for m in _WORD.finditer(at.text)]
    joins: list[int] = []  # offsets of spaces to turn into ZWNJ
    for (a1, b1), (a2, b2) in zip(spans, spans[1:]):
        if a2 != b1 + 1 or at.text[b1] != " ":
            continue
        w1, w2 = at.text[a1:b1], at.text[a2:b2]
        pair = w1 + ZWNJ + w2
        if (pair in words and words[pair] > 0) or pair in verbs:
            joins.append(b1)
    if not joins:
        return at
    chars = list(at.text)
    for j in joins:
        chars[j] = ZWNJ
    return type(at)("".join(chars), at.src, at.inserted)


def normalize_line(line: Line, repairs: list[Repair] | None = None) -> AlignedText:
    """The normalized view of one raw line (offsets map into ``Document.raw``)."""
    from .repair import repair_line  # reading order and rotated letters (its own module)

    at = AlignedText.identity(line.text, base=line.offset)
    at = letters(at)
    at = repair_line(at, line, repairs)
    at = spacing(at)
    at = zwnj(at)
    return at


def normalize(doc: Document) -> list[Repair]:
    """Set ``block.normalized`` for every block; return the audit list of repairs made."""
    repairs: list[Repair] = []
    for block in doc.blocks:
        parts: list[AlignedText] = []
        for k, line in enumerate(block.lines):
            if k:
                # the newline between two lines maps to the raw newline after the previous line
                parts.append(AlignedText("\n", [block.lines[k - 1].end]))
            parts.append(normalize_line(line, repairs))
        block.normalized = AlignedText.concat(parts)
    return repairs
