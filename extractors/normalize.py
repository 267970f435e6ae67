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
def _mi_verb(m: re.Match) -> str:
    """``می شود`` -> ``می‌شود`` when hazm knows the verb form (not ``می در``)."""
    verb = m.group(1) + ZWNJ + m.group(2)
    return verb if verb in lexicon.verbs() else m.group(0)


_MI = re.compile(r"(?<![^\s«(])(ن?می) ([" + _PERSIAN_LETTERS + "]+)")
_AFFIX_RULES = [
    # (pattern, replacement): hazm's affix spacing, restricted to Persian letters around the joint
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
    """Put back the ZWNJs the extraction lost, where hazm's rules or lexicon are sure.

    A line that has ZWNJs already did not lose them: it is left as its writer spaced it."""
    if ZWNJ in at.text:
        return at
    at = at.sub(_MI, _mi_verb)
    for rx, repl in _AFFIX_RULES:
        at = at.sub(rx, lambda m, rx=rx, repl=repl: _affix_if_known(at.text, m, repl))
    return _join_known_pairs(at)


def _affix_if_known(text: str, m: re.Match, repl: str) -> str:
    """Join a suffix with a ZWNJ only when hazm knows the joined word (never glue ``ها`` to a broken word)."""
    from . import _repair_model

    new = m.expand(repl)
    start = m.start()
    while start > 0 and text[start - 1] not in " \n" + ZWNJ and _WORD.match(text[start - 1]):
        start -= 1
    stem = text[start : m.start()]
    return new if _repair_model.known(stem + new) else m.group(0)


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


def _unsplit_numbers(at: AlignedText) -> AlignedText:
    """Drop a blank the repair inserted inside a number (``11، 734، 642`` -> ``11،734،642``): a separator between
    digits is part of the number, never the end of a sentence (a raw blank there is kept)."""
    t = at.text
    drop = [i for i in range(2, len(t) - 1)
            if t[i] == " " and at.inserted[i] and t[i - 1] in "،,٫٬" and t[i - 2].isdigit() and t[i + 1].isdigit()]
    if not drop:
        return at
    keep = [i for i in range(len(t)) if i not in set(drop)]
    return AlignedText("".join(t[i] for i in keep), [at.src[i] for i in keep], [at.inserted[i] for i in keep])


def normalize_line(line: Line, repairs: list[Repair] | None = None, lang: str | None = None) -> AlignedText:
    """The normalized view of one raw line (offsets map into ``Document.raw``).

    ``lang`` is the language of the line's block; Persian lines (``fa``, or by their letters when None) get
    letters, reading order, spacing and ZWNJ; other lines only their blanks normalized."""
    from .repair import is_persian, repair_reading  # reading order and rotated letters (its own module)

    at = AlignedText.identity(line.text, base=line.offset)
    if not is_persian(line, lang):
        return spacing(at)
    at = letters(at)
    at, damaged = repair_reading(at, line, repairs, lang="fa")
    at = _unsplit_numbers(at)
    at = spacing(at)
    if not damaged:
        return at  # a clean line keeps its writer's spacing
    before = at
    at = zwnj(at)
    if repairs is not None and at.text != before.text:
        repairs.extend(_zwnj_repairs(line, before, at))
    return at


def _zwnj_repairs(line: Line, before: AlignedText, after: AlignedText) -> list[Repair]:
    """A Repair for each word the ZWNJ step joined (it only turns blanks into ZWNJs, one for one)."""
    out: list[Repair] = []
    if len(before.text) != len(after.text):  # pragma: no cover - the ZWNJ rules keep the length
        return out
    changed = [i for i, (x, y) in enumerate(zip(before.text, after.text)) if x != y]
    for m in _WORD.finditer(after.text):
        if any(m.start() <= i < m.end() for i in changed):
            srcs = [s - line.offset for s, ins in zip(after.src[m.start() : m.end()], after.inserted[m.start() : m.end()]) if not ins]
            if not srcs:
                continue
            lo, hi = min(srcs), max(srcs) + 1
            out.append(Repair(line=line.number, page=line.page, start=lo, end=hi, before=line.text[lo:hi],
                              after=m.group(), rule="zwnj"))
    return out


def normalize(doc: Document) -> list[Repair]:
    """Set ``block.normalized`` for every block; return the audit list of repairs made."""
    from . import _repair_engine, _repair_model

    # names and terms the document repeats intact count as known words while reading it
    tokens = [w for b in doc.blocks if b.lang == "fa" for ln in b.lines for w in _RAW_WORD.findall(ln.text.translate(_FOLD))]
    if _repair_model.set_document_words(_repair_model.document_words(tokens)):
        _repair_engine.clear_caches()
    repairs: list[Repair] = []
    _normalize_blocks(doc, repairs)
    return repairs


def _normalize_blocks(doc: Document, repairs: list[Repair]) -> None:
    for block in doc.blocks:
        parts: list[AlignedText] = []
        for k, line in enumerate(block.lines):
            if k:
                # the newline between two lines maps to the raw newline after the previous line
                parts.append(AlignedText("\n", [block.lines[k - 1].end]))
            parts.append(normalize_line(line, repairs, lang=block.lang))
        block.normalized = AlignedText.concat(parts)


_RAW_WORD = re.compile("[" + _PERSIAN_LETTERS + "]+")
_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
