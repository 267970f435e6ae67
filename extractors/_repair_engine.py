"""Reading-order repair of one Persian line: find the glyph runs and put them back in logical order.

The damage (docs/DEVELOPING.md): a raw line is its logical glyph runs in reverse order, ``raw = r_k ... r_1``.
Runs break at direction changes (numbers, Latin), where a ZWNJ was, around some letters (yeh), and at
justification gaps. :func:`read_line` chooses the run boundaries that make the best reading:

* **Clean lines stay as they are.** A line with no sign of damage (:func:`damage_signals`: no justification
  gap, no number glued to a word, no punctuation in front of a word, no bracket facing away from its word, no
  suffix or ``می`` that cannot attach where it stands, no scrambled word, at most one unknown word) is one run.
* The line is cut into *atoms*: Persian letter runs, digit groups (``90،01``), Latin phrases
  (``(The Constitution of Kazakhstan, 2022)``), single punctuation marks, blanks. Certain run boundaries (a
  word against a number or Latin, a double blank, a blank before sentence punctuation, punctuation glued in
  front of a word) cut it into *sections*, which are simply reversed.
* Inside a section a dynamic program (beam search over run starts, :func:`_section_dp`) reads the raw text
  from its right end in runs, each in its own order, and scores the words formed in logical order with hazm's
  lexicon (:mod:`extractors._repair_model`), plus a cost for every run boundary it assumes (log-odds measured
  on a damaged source, by the characters around the boundary). Where two runs meet with no blank between them
  in the raw text, the pieces are one word (``ر``+``ئ``+``یس``) or two (a blank the extraction moved away);
  where the raw text had a blank, two words or a ZWNJ compound (``همه``+``پرسی``, ``رویه``+``های``).
  Boundaries inside a word are considered only in words hazm does not know, next to a yeh, a known word or a
  function word; blanks between plain known words inside a longer stretch are kept.
* The repaired reading replaces the raw one only when it wins by a margin, counting only what the words say
  (boundary priors are evidence only once a line is damaged).

Hard rule: a raw word that hazm knows is never turned into a word it does not know (an unknown word may not
contain any piece of a known raw word); :mod:`extractors.repair` checks it again on the result.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from . import _repair_model as M
from .aligned import AlignedText

ZWNJ = "\u200c"
TATWEEL = "\u0640"
INF = float("inf")

# ---------------------------------------------------------------------------------------------- characters
_DIGIT = "0-9\u06F0-\u06F9\u0660-\u0669"
_NONJOIN = set("اآأإدذرزژوؤۀةء")
_YEH = set("یئيى")
SENTENCE_PUNCT = set("،.؛:؟!?,;")
OPENERS = "([{«"
CLOSERS = ")]}»"
_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "«": "»", "»": "«"}

_DIGIT_GROUP = re.compile(rf"[{_DIGIT}]+(?:[.,،٫٬/:\-][{_DIGIT}]+)*")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# a Latin phrase: Latin words with the digits, blanks and marks that go between them
_LATIN_PHRASE = re.compile(rf"[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F{_DIGIT}.,;:&'’\-–/%()\[\]…]| (?=[A-Za-z\u00C0-\u024F{_DIGIT}(&]))*")
_KASHIDA = re.compile(r"(?<=[\u0621-\u063A\u0641-\u064A\u067E-\u06D3])\u0640+(?=[\u0621-\u063A\u0641-\u064A\u067E-\u06D3])")


_LETTER_SET = frozenset(
    chr(c) for c in list(range(0x0621, 0x063B)) + list(range(0x0641, 0x0660)) + [0x0670] + list(range(0x0671, 0x06D4))
    + [0x06D5] + list(range(0x06FA, 0x0700)) + [0x200C]
)


def is_letter(ch: str) -> bool:
    return ch in _LETTER_SET


def _cls(ch: str) -> str:
    """Character class for run-boundary costs: Y (yeh), N (non-joining letter), A (other letter), D, L, P, S."""
    if ch == " ":
        return "S"
    if ch in _YEH:
        return "Y"
    if ch in _NONJOIN:
        return "N"
    if is_letter(ch):
        return "A"
    if ch.isdigit():
        return "D"
    if _LATIN.match(ch):
        return "L"
    return "P"


# log-odds of a run boundary between two raw characters with no blank between them (measured on a damaged
# source: glyph runs break around yeh, after punctuation, rarely between two joined letters)
_BREAK_NOSPACE = {
    ("A", "A"): 3.1, ("N", "A"): 3.2, ("A", "N"): 3.8, ("N", "N"): 3.3,
    ("A", "Y"): 1.8, ("Y", "A"): 0.9, ("N", "Y"): 2.7, ("Y", "N"): 0.9, ("Y", "Y"): 2.5,
    ("P", "A"): -2.5, ("P", "N"): -2.5, ("P", "Y"): -2.5, ("A", "P"): 1.7, ("N", "P"): 2.3, ("Y", "P"): 1.0,
    ("D", "P"): 0.4, ("P", "D"): 0.7, ("P", "P"): -0.3, ("L", "P"): 0.3, ("P", "L"): 0.0,
}
# a single blank: the run boundary is on one side of it, and the blank becomes a word gap of its own
_BREAK_SPACE = {
    ("A", "A"): 0.6, ("N", "A"): 0.9, ("A", "N"): 1.0, ("N", "N"): 0.9, ("Y", "A"): 0.7, ("Y", "N"): 1.0,
    ("A", "Y"): -0.4, ("N", "Y"): -0.5, ("Y", "Y"): -0.3,
    ("P", "A"): 0.4, ("P", "N"): 0.6, ("P", "Y"): -2.0, ("A", "P"): -3.0, ("N", "P"): -2.0, ("Y", "P"): -2.0,
    ("P", "P"): -1.5, ("D", "P"): 0.5, ("P", "D"): 0.6,
}
_BREAK_DEFAULT = 2.0

# penalties of the reading itself
PUNCT_LEADING = 3.0  # sentence punctuation at the start of a word: ``، قزاقستان`` / ``.قزاقستان``
PUNCT_GLUED = 2.5  # sentence punctuation glued to the next word inside one run: ``،جمهور``
PUNCT_AFTER_BLANK = 1.0  # sentence punctuation after a blank: `` ،`` (the blank is moved when spacing)
LINE_START_PUNCT = 3.0  # a line that starts with sentence punctuation
DASH_NOT_FIRST = 4.0  # a list dash ``ـ`` that is not at the start of the line
DOUBLE_BLANK_RAW = 1.5  # keeping the raw order although it has a justification gap
GLUED_NUMBER_RAW = 2.0  # keeping the raw order although a number is glued to a word: ``2022ژوئن``
DAMAGED_PRIOR = 1.0  # the reversed reading, before any evidence
MARGIN = 2.0  # the repaired reading must win by this much


# ------------------------------------------------------------------------------------------------ atoms
@dataclass
class Atom:
    kind: str  # F letters, D digits, L Latin phrase, P punctuation, W blanks
    a: int
    b: int


def atomize(s: str) -> list[Atom]:
    atoms: list[Atom] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch == " ":
            j = i
            while j < n and s[j] == " ":
                j += 1
            atoms.append(Atom("W", i, j))
            i = j
            continue
        if _LATIN.match(ch):
            m = _LATIN_PHRASE.match(s, i)
            j = _trim_latin(s, i, m.end())
            atoms.append(Atom("L", i, j))
            i = j
            continue
        if ch == "(" or ch == "[":
            # a bracket that opens a Latin phrase and is closed inside it belongs to the phrase
            m = _LATIN_PHRASE.match(s, i + 1) if i + 1 < n and _LATIN.match(s[i + 1]) else None
            if m:
                j = _trim_latin(s, i + 1, m.end())
                if j < n and s[j] in ")]" and s[i:j].count("(") == s[i:j].count(")") + 1:
                    atoms.append(Atom("L", i, j + 1))
                    i = j + 1
                    continue
        m = _DIGIT_GROUP.match(s, i)
        if m:
            atoms.append(Atom("D", i, m.end()))
            i = m.end()
            continue
        if is_letter(ch) and ch != ZWNJ:
            j = i
            while j < n and (is_letter(s[j]) or (s[j] == TATWEEL and j + 1 < n and is_letter(s[j + 1]) and j > i)):
                j += 1
            atoms.append(Atom("F", i, j))
            i = j
            continue
        atoms.append(Atom("P", i, i + 1))
        i += 1
    return atoms


def _trim_latin(s: str, a: int, b: int) -> int:
    """End of a Latin phrase without trailing marks or unbalanced brackets."""
    while b > a + 1:
        t = s[a:b]
        last = t[-1]
        if last in ")]":
            if t.count("(") + t.count("[") >= t.count(")") + t.count("]"):
                break
            b -= 1
            continue
        if last.isalnum():
            break
        b -= 1
    return b


# --------------------------------------------------------------------------------------------- sections
@dataclass
class LineModel:
    s: str
    atoms: list[Atom]
    tok_of: list[int]  # per char: index of the raw word (letter run) it belongs to, or -1
    tok_known: list[bool]  # per raw word: hazm knows it
    tok_text: list[str]
    memo: dict = field(default_factory=dict)


def _line_model(s: str, atoms: list[Atom]) -> LineModel:
    tok_of = [-1] * len(s)
    known, texts = [], []
    for at in atoms:
        if at.kind == "F":
            k = len(texts)
            w = s[at.a : at.b].replace(TATWEEL, "")
            texts.append(w)
            known.append(M.known(w))
            for i in range(at.a, at.b):
                tok_of[i] = k
    return LineModel(s, atoms, tok_of, known, texts)


def _sections(atoms: list[Atom], s: str = "") -> list[tuple]:
    """The line cut at certain run boundaries, in raw order: ``("S", i, j)`` a section of atoms[i:j],
    ``("W", atom)`` a blank that is a run boundary, ``("X",)`` a boundary with no blank (a word against a number)."""
    out: list[tuple] = []
    start, n = 0, len(atoms)
    for i, at in enumerate(atoms):
        if at.kind == "W":
            forced = at.b - at.a >= 2 or i == 0 or i == n - 1 or _hard_pair(atoms[i - 1], atoms[i + 1]) or _punct_gap(s, atoms, i)
            if forced:
                if start < i:
                    out.append(("S", start, i))
                out.append(("W", at))
                start = i + 1
        elif i > start and atoms[i - 1].kind != "W" and (_hard_pair(atoms[i - 1], at) or _punct_glued(s, atoms, i)):
            out.append(("S", start, i))
            out.append(("X",))
            start = i
    if start < n:
        out.append(("S", start, n))
    return out


_SENT = frozenset("،؛:؟!.")


def _punct_gap(s: str, atoms: list[Atom], i: int) -> bool:
    """A blank between a word and sentence punctuation (``X ،``): almost always a run boundary."""
    x, y = atoms[i - 1], atoms[i + 1]
    return bool(s) and x.kind in ("F", "D") and y.kind == "P" and s[y.a] in _SENT


def _punct_glued(s: str, atoms: list[Atom], i: int) -> bool:
    """Sentence punctuation glued before a word (``،Y``): almost always a run boundary."""
    x, y = atoms[i - 1], atoms[i]
    return bool(s) and x.kind == "P" and y.kind == "F" and s[x.a] in _SENT


def _hard_pair(x: Atom, y: Atom) -> bool:
    """A certain run boundary: Persian letters against digits, anything against a Latin phrase."""
    k = {x.kind, y.kind}
    return k == {"F", "D"} or ("L" in k and k != {"L", "W"})


# ---------------------------------------------------------------------------------------------- scoring
# The price of each choice at a run boundary read in logical order, by what the raw text had there:
# a blank ('B': the two runs are separate words, or a ZWNJ compound) or nothing ('C': a glued word, or two
# words whose blank the extraction moved away)
_JOIN_OPTIONS = {
    "B": ((" ", 0.0), (ZWNJ, 0.3)),
    "C": (("", 0.0), (" ", 1.2)),
}


@lru_cache(maxsize=500_000)
def _score(frags: tuple, types: tuple) -> tuple[float, tuple]:
    """Cost of fragments read in this order with the given joins between them ('C' only: no blank), and the
    separator chosen at each join. A fragment is (text, flag): flag 2 a whole raw word hazm knows, 1 a piece of
    one, 0 anything else. A word hazm does not know may not contain any part of a word it knows (unless it is
    that word, unchanged)."""
    texts = [f[0] for f in frags]
    chars = "".join(texts)
    owner: list[int] = []
    for k, t in enumerate(texts):
        owner.extend([k] * len(t))
    joins: list[int] = []
    k = 0
    for t in texts[:-1]:
        k += len(t)
        joins.append(k)
    n = len(chars)
    total = 0.0
    fixed: dict[int, str] = {}
    for i, ch in enumerate(chars):
        if ch in SENTENCE_PUNCT:
            if i == 0:
                total += PUNCT_AFTER_BLANK
            elif chars[i - 1] in SENTENCE_PUNCT or chars[i - 1] in OPENERS:
                total += PUNCT_LEADING
            inside_number = i > 0 and chars[i - 1].isdigit() and i + 1 < n and chars[i + 1].isdigit()  # 77،18
            if i + 1 < n and not inside_number and (is_letter(chars[i + 1]) or chars[i + 1].isdigit()):
                if i + 1 in joins:
                    fixed[i + 1] = " "
                else:
                    total += PUNCT_GLUED
        elif ch == TATWEEL:
            if i > 0:
                total += DASH_NOT_FIRST
            if i + 1 in joins:
                fixed[i + 1] = " "
    for j in joins:
        if j in fixed:
            continue
        x, y = chars[j - 1], chars[j]
        if not (is_letter(x) and is_letter(y)):
            if (x.isdigit() or is_letter(x) or x in CLOSERS) and (y.isdigit() or is_letter(y)):
                fixed[j] = " "
            else:
                fixed[j] = ""
    seps = dict(fixed)
    i = 0
    while i < n:
        if not is_letter(chars[i]) or chars[i] == ZWNJ:
            i += 1
            continue
        j = i
        while j < n and is_letter(chars[j]):
            j += 1
        inner = tuple(x for x in joins if i < x < j)
        c, choice = _letter_run(chars, owner, frags, i, j, inner)
        total += c
        if total == INF:
            return INF, tuple("" for _ in joins)
        for x, sep in zip(inner, choice):
            seps[x] = sep
        i = j
    return total, tuple(seps.get(j, "") for j in joins)


def _letter_run(chars, owner, frags, i: int, j: int, inner: tuple) -> tuple[float, tuple]:
    """Best reading of chars[i:j] (letters only) with a choice at each join point."""
    if not inner:
        return _word_cost(chars[i:j], owner, frags, i, j), ()
    points = (i,) + inner + (j,)
    m = len(points)
    best = [INF] * m
    back: list = [None] * m
    best[0] = 0.0
    for e in range(1, m):
        for b in range(max(0, e - 4), e):
            if best[b] == INF:
                continue
            c, zw = _one_word(chars, owner, frags, points[b], points[e], points[b + 1 : e])
            c += best[b] + (_JOIN_OPTIONS["C"][1][1] if b > 0 else 0.0)
            if c < best[e]:
                best[e] = c
                back[e] = (b, zw)
    if best[m - 1] == INF:
        return INF, tuple("" for _ in inner)
    parts = []
    e = m - 1
    while e > 0:
        b, zw = back[e]
        parts.append((e, zw))
        e = b
    parts.reverse()
    seps: list[str] = []
    for e, zw in parts:
        seps.extend(zw)
        if e < m - 1:
            seps.append(" ")
    return best[m - 1], tuple(seps)


def _one_word(chars, owner, frags, a: int, b: int, joins: tuple) -> tuple[float, tuple]:
    """chars[a:b] as one word, glued at its joins (a ZWNJ never falls where the raw text had no blank)."""
    return _word_cost(chars[a:b], owner, frags, a, b), tuple("" for _ in joins)


def _word_cost(word: str, owner, frags, a: int, b: int) -> float:
    c = M.cost(word)
    if c < M.UNKNOWN_BASE:
        return c
    c = M.unknown_cost(word, c)
    ks = set(owner[a:b])
    if len(ks) == 1:
        k = next(iter(ks))
        text, known_any, whole = frags[k]
        if not known_any:
            return c  # an unknown raw word kept as it is, or a piece of one
        off = sum(len(frags[x][0]) for x in range(k))
        if (a - off, b - off) in whole:
            return c  # a raw word kept as it is
        return INF
    if any(frags[k][1] for k in ks):
        return INF
    return c + 4.0  # a new unknown word made of pieces


# ------------------------------------------------------------------------------------------ break costs
def _break_cost(s: str, p: int) -> float:
    """Cost of a run boundary at raw position p (between s[p-1] and s[p], neither a blank)."""
    return _BREAK_NOSPACE.get((_cls(s[p - 1]), _cls(s[p])), _BREAK_DEFAULT)


def _space_break_cost(s: str, w: int) -> float:
    """Cost of a run boundary at the single blank s[w]."""
    left = _cls(s[w - 1]) if w > 0 else "P"
    right = _cls(s[w + 1]) if w + 1 < len(s) else "P"
    return _BREAK_SPACE.get((left, right), 0.8)


# ------------------------------------------------------------------------------------------------ the DP
@dataclass
class Unit:
    a: int
    b: int
    text: str
    tok: int  # raw token (blank-delimited) index within the section


@dataclass
class SectionReading:
    groups: list[tuple[int, int]]
    seps: dict[int, str]  # separator before the unit with this index (at a run boundary), in logical order
    cost: float
    reward: float = 0.0  # the part of ``cost`` that run boundaries earned (<= 0): evidence only once damaged


# log-odds of a run boundary inside a raw word hazm does not know, by what is around the cut: a yeh on either
# side (Y), a known word ending or starting there (W), a function word or suffix at the edge (F), one letter
# from the word's edge (E) (measured on a damaged source; inside words hazm knows, boundaries are very rare)
_INNER_BREAK = {
    "YFW-": -1.6, "Y-WE": -0.7, "-FWE": -0.2, "YF-E": 1.6, "Y-W-": 0.7, "-FW-": 0.6, "--WE": 0.4,
    "Y--E": 0.2, "---W": 1.8, "Y---": 1.2, "YFWE": 2.4, "-F-E": 1.9, "YF--": 1.4, "-F--": 2.6, "--W-": 1.8,
}


def _inner_cuts(lm: LineModel, at: Atom) -> dict[int, float]:
    """Raw positions inside a letter run where a run boundary is considered, with its cost: only in words hazm
    does not know as they stand, next to a yeh, a known word or a function word."""
    s = lm.s
    a, b = at.a, at.b
    word = s[a:b]
    n = b - a
    if n < 2 or M.strong(word):
        return {}
    out: dict[int, float] = {}
    for k in range(1, n):
        y = word[k - 1] in _YEH or word[k] in _YEH
        f = word[:k] in _FW or word[k:] in _FW or word[k:] in _SUF
        w = (k >= 3 and M.strong(word[:k])) or (n - k >= 3 and M.strong(word[k:]))
        e = k == 1 or k == n - 1
        if not (y or f or w):
            if n <= 4:
                out[a + k] = 3.0
            continue
        key = ("Y" if y else "-") + ("F" if f else "-") + ("W" if w else "-") + ("E" if e else "-")
        c = _INNER_BREAK.get(key)
        if c is None:
            c = _INNER_BREAK.get(key[:3] + "-", 1.5)
        out[a + k] = c
    return out


_FW = frozenset(M.FUNCTION_WORDS)
_SUF = frozenset(M.SUFFIXES)


CAP = 8  # a run spans at most this many possible boundaries, unless it reaches the start of its section
BEAM = 3
CAP_GLUED = 2  # ... or this many after a boundary inside a word
MAX_PIECES = 4  # pieces of one word from different runs


@lru_cache(maxsize=100_000)
def _letters_only(t: str) -> bool:
    return all(c in _LETTER_SET for c in t)


def _edge_words(frags: tuple, seps: tuple) -> tuple[str, str]:
    """First and last word of fragments joined with the chosen separators."""
    text = frags[0][0] + "".join(sep + f[0] for sep, f in zip(seps, frags[1:]))
    i = 0
    while i < len(text) and is_letter(text[i]):
        i += 1
    j = len(text)
    while j > 0 and is_letter(text[j - 1]):
        j -= 1
    return text[:i], text[j:]


_SINGLE: dict = {}


def _single_cost(f: tuple) -> float:
    """A raw fragment of letters read as one word, as it stands."""
    c = _SINGLE.get(f)
    if c is None:
        c = _SINGLE[f] = _single_cost_(f)
    return c


def _single_cost_(f: tuple) -> float:
    text, known_any, whole = f
    c = M.cost(text)
    if c >= M.UNKNOWN_BASE:
        if known_any and (0, len(text)) not in whole:
            return INF
        return M.unknown_cost(text, c)
    return c


def _glued_cost(fs: tuple) -> float:
    """Letter fragments glued into one word."""
    text = "".join(f[0] for f in fs)
    c = M.cost(text)
    if c >= M.UNKNOWN_BASE:
        if any(f[1] for f in fs):
            return INF
        return M.unknown_cost(text, c + 4.0)
    return c


_BLANK_C = _JOIN_OPTIONS["C"][1][1]


@lru_cache(maxsize=200_000)
def _complete_word(frags: tuple) -> tuple[float, tuple, str, str]:
    """Cost, separators, first and last word of the word being built (fragments joined with no blank)."""
    n = len(frags)
    if all(_letters_only(f[0]) for f in frags):
        if n == 1:
            return _single_cost(frags[0]), (), frags[0][0], frags[0][0]
        # each join glued or a blank: best split into words
        best = [0.0] + [INF] * n
        back = [0] * (n + 1)
        for y in range(1, n + 1):
            for x in range(max(0, y - 4), y):
                if best[x] == INF:
                    continue
                c = _single_cost(frags[x]) if y - x == 1 else _glued_cost(frags[x:y])
                c += best[x] + (_BLANK_C if x else 0.0)
                if c < best[y]:
                    best[y], back[y] = c, x
        if best[n] == INF:
            return INF, ("",) * (n - 1), "", ""
        cuts = []
        y = n
        while y > 0:
            cuts.append(back[y])
            y = back[y]
        cutset = set(cuts)
        seps = tuple(" " if k in cutset else "" for k in range(1, n))
        first_end = min((k for k in cutset if k > 0), default=n)
        last_start = max(cutset)
        return best[n], seps, "".join(f[0] for f in frags[:first_end]), "".join(f[0] for f in frags[last_start:])
    c, seps = _score(frags, ("C",) * (n - 1))
    if c == INF:
        return INF, seps, "", ""
    first, last = _edge_words(frags, seps)
    return c, seps, first, last


@lru_cache(maxsize=200_000)
def _zwnj_join(left: str, right: str) -> float:
    """Gain (<= 0) of writing two neighbouring words as one ZWNJ compound, when hazm knows the compound."""
    if not left or not right or left[-1] in _NONJOIN:
        return 0.0
    comp = M.cost(left + ZWNJ + right)
    if comp >= M.UNKNOWN_BASE or not M.known(left + ZWNJ + right):
        return 0.0
    gain = comp + _JOIN_OPTIONS["B"][1][1] - M.word_cost(left) - M.word_cost(right)
    return gain if gain < 0 else 0.0


def _section_dp(lm: LineModel, atoms: list[Atom], beam: int | None = None, allowed: set | None = None,
                prev_word: str = "", line_start: bool = False) -> SectionReading | None:
    """Best logical reading of one section (atoms with no certain boundary inside).

    ``prev_word`` is the last word read before this section (across a justification gap), for ZWNJ compounds.
    ``allowed`` (diagnostics) restricts the runs to these raw ranges, to score a given reading."""
    beam = beam or BEAM
    s = lm.s
    cuts: dict[int, float] = {}
    for k, at in enumerate(atoms):
        if at.kind == "W":
            continue
        if k > 0 and atoms[k - 1].kind != "W":
            cuts[at.a] = _break_cost(s, at.a)
        if at.kind == "F":
            cuts.update(_inner_cuts(lm, at))
    units: list[Unit] = []
    T: list[str] = [""]
    bcost: list[float] = [0.0]
    tok = 0
    for k, at in enumerate(atoms):
        if at.kind == "W":
            tok += 1
            continue
        pts = [at.a] + sorted(c for c in cuts if at.a < c < at.b) + [at.b]
        for x, y in zip(pts, pts[1:]):
            if units:
                if s[x - 1] == " ":
                    T.append("B")
                    bcost.append(_space_break_cost(s, x - 1))
                else:
                    T.append("C")
                    bcost.append(cuts[x])
            units.append(Unit(x, y, s[x:y], tok))
    m = len(units)
    if m == 0:
        return None
    if allowed is None and all(at.kind in ("W", "D") or (at.kind == "F" and M.strong(s[at.a : at.b])) for at in atoms):
        # nothing to repair inside: the section is read as one run (its words in raw order)
        c = sum(_score(((s[at.a : at.b], False, ()),), ())[0] for at in atoms if at.kind == "F")
        if prev_word:
            first = next(at for at in atoms if at.kind != "W")
            g = _zwnj_join(prev_word, s[first.a : first.b]) if first.kind == "F" else 0.0
            return SectionReading([(atoms[0].a, atoms[-1].b)], {atoms[0].a: ZWNJ if g < 0 else " "}, c + g)
        return SectionReading([(atoms[0].a, atoms[-1].b)], {}, c)
    tok_units: dict[int, list[int]] = {}
    for k, u in enumerate(units):
        tok_units.setdefault(u.tok, []).append(k)
    frag_memo: dict = {}

    def frag(j: int, e: int) -> tuple:
        """Units j..e-1 (inside one raw token) glued: (text, holds part of a known word, spans of whole words)."""
        hit = frag_memo.get((j, e))
        if hit is not None:
            return hit
        a, b = units[j].a, units[e - 1].b
        known_any = False
        whole = []
        p = a
        while p < b:
            t = lm.tok_of[p]
            if t < 0:
                p += 1
                continue
            q = p
            while q < b and lm.tok_of[q] == t:
                q += 1
            if lm.tok_known[t]:
                known_any = True
                if (p == 0 or lm.tok_of[p - 1] != t) and (q >= len(s) or lm.tok_of[q] != t):
                    whole.append((p - a, q - a))
            p = q
        res = (s[a:b], known_any, tuple(whole))
        frag_memo[(j, e)] = res
        return res

    tok_cost: dict[int, float] = {}
    plain: dict[int, bool] = {}
    for t, ks in tok_units.items():
        tok_cost[t] = _complete_word((frag(ks[0], ks[-1] + 1),))[0]
        plain[t] = len(ks) == 1 and is_letter(units[ks[0]].text[0]) and M.strong(units[ks[0]].text)
    # a blank inside a stretch of plain known words is not a run boundary we can tell from the words: keep it
    breakable = [True] * (m + 1)
    for k in range(1, m):
        if T[k] == "B":
            t0, t1 = units[k - 1].tok, units[k].tok
            if plain[t0] and plain[t1] and plain.get(t0 - 1, False) and plain.get(t1 + 1, False):
                breakable[k] = False

    # states[i]: (open, previous word, unit where open starts) -> (cost, back); the next run ends before unit i
    states: list[dict] = [dict() for _ in range(m + 1)]
    states[m][((), prev_word, m)] = (0.0, None)
    for i in range(m, 0, -1):
        st = states[i]
        if not st or not breakable[i]:
            continue
        if len(st) > beam:
            st = dict(sorted(st.items(), key=lambda kv: kv[1][0] + _estimate(kv[0][0]))[:beam])
            states[i] = st
        jtype = T[i] if i < m else "B"
        bc = bcost[i] if i < m else 0.0
        trail = None
        trail_start = -1
        inner = 0.0
        lead_end = i
        # what ending the word being built costs does not depend on where the next run starts
        closed: dict = {}
        for key0, (cost, _) in st.items():
            open_, pw, ostart = key0
            if open_ and jtype == "C":
                closed[key0] = None
                continue
            if open_:
                c, _, fw, lw = _complete_word(open_)
                if c == INF:
                    closed[key0] = False
                    continue
                g = _zwnj_join(pw, fw) if pw else 0.0
                closed[key0] = (cost + bc + c + g, (ostart, ZWNJ if g < 0 else " "), pw + ZWNJ + lw if (g < 0 and fw == lw) else lw)
            else:
                closed[key0] = (cost + bc, None, pw)
        steps = 0
        blanks = 0
        for j in range(i - 1, -1, -1):
            if j < i - 1 and T[j + 1] == "B":
                blanks += 1
                if trail is None:
                    trail = frag(j + 1, i)
                    trail_start = j + 1
                else:
                    inner += tok_cost[units[j + 1].tok]
                lead_end = j + 1
            if not breakable[j] and j != 0:
                continue
            steps += 1
            if (steps > CAP or (jtype == "C" and blanks > CAP_GLUED)) and j != 0:
                continue
            if allowed is not None and (units[j].a, units[i - 1].b) not in allowed:
                continue
            lead = frag(j, lead_end)
            lead_pen = LINE_START_PUNCT if (i == m and line_start and not prev_word and lead[0][:1] in SENTENCE_PUNCT) else 0.0
            if trail is not None:
                c2, _, fw2, _ = _complete_word((lead,))
                if c2 == INF:
                    continue
            bucket = states[j]
            for key0, (cost, _) in st.items():
                open_, pw, ostart = key0
                cl = closed[key0]
                if cl is False:
                    continue
                if cl is None:  # a boundary inside a word: the run's first piece continues it
                    if len(open_) >= MAX_PIECES:
                        continue
                    if trail is None:
                        total = cost + bc + lead_pen
                        key = (open_ + (lead,), pw, ostart)
                        decisions = ()
                    else:
                        c, _, fw, lw = _complete_word(open_ + (lead,))
                        if c == INF:
                            continue
                        g = _zwnj_join(pw, fw) if pw else 0.0
                        total = cost + bc + lead_pen + c + g + inner
                        decisions = ((ostart, ZWNJ if g < 0 else " "),)
                        key = ((trail,), "", trail_start)
                else:
                    total, dec, pw2 = cl
                    total += lead_pen
                    if trail is None:
                        key = ((lead,), pw2, j)
                        decisions = (dec,) if dec else ()
                    else:
                        g2 = _zwnj_join(pw2, fw2) if pw2 else 0.0
                        total += c2 + g2 + inner
                        decisions = ((dec, (j, ZWNJ if g2 < 0 else " ")) if dec else ((j, ZWNJ if g2 < 0 else " "),))
                        key = ((trail,), "", trail_start)
                old = bucket.get(key)
                if old is None or total < old[0]:
                    bucket[key] = (total, (i, key0, decisions))
    return _finish(states, units, T, frag, m, bcost)


def _finish(states, units, T, frag, m, bcost):
    final = states[0]
    best_key, best_val, best_dec = None, INF, []
    for key, (cost, _) in final.items():
        open_, pw, ostart = key
        dec = []
        if open_:
            c, _, fw, _ = _complete_word(open_)
            g = _zwnj_join(pw, fw) if pw else 0.0
            dec = [(ostart, ZWNJ if g < 0 else " ")]
            c += g
        else:
            c = 0.0
        if cost + c < best_val:
            best_val, best_key, best_dec = cost + c, key, dec
    if best_key is None:
        return None
    runs: list[tuple[int, int]] = []
    bsep: dict[int, str] = dict(best_dec)
    j, key = 0, best_key
    while True:
        entry = states[j].get(key)
        back = entry[1]
        if back is None:
            break
        i, key, decisions = back
        for u, sep in decisions:
            bsep[u] = sep
        runs.append((j, i))
        j = i
    runs.reverse()
    # separators at joins inside built words ('C'), from the same scoring
    seps: dict[int, str] = {}
    word_units: list[int] = []
    word_frags: list[tuple] = []

    def flush():
        if len(word_frags) > 1:
            _, ch, _, _ = _complete_word(tuple(word_frags))
            for u, c in zip(word_units[1:], ch):
                seps[u] = c
        word_units.clear()
        word_frags.clear()

    for j, i in runs:
        blanks = [k for k in range(j + 1, i) if T[k] == "B"]
        lead_end = blanks[0] if blanks else i
        if j in bsep:
            flush()
            seps[j] = bsep[j]
        word_units.append(j)
        word_frags.append(frag(j, lead_end))
        if blanks:
            flush()
            word_units.append(blanks[-1])
            word_frags.append(frag(blanks[-1], i))
    flush()
    groups = [(units[j].a, units[i - 1].b) for j, i in runs]
    unit_seps = {units[k].a: v for k, v in seps.items()}
    reward = sum(min(0.0, bcost[i]) for _, i in runs if i < m)
    return SectionReading(groups, unit_seps, best_val, reward)


EST_VIABLE = 5.0


_EST: dict = {}


def _estimate(open_: tuple) -> float:
    """A guess at what the word being built will still cost (for ranking partial readings): little when it can
    still grow into a word hazm knows, else what it costs now."""
    if not open_:
        return 0.0
    e = _EST.get(open_)
    if e is None:
        e = _EST[open_] = _estimate_texts(tuple(f[0] for f in open_))
    return e


@lru_cache(maxsize=200_000)
def _estimate_texts(texts: tuple) -> float:
    pre = M.prefixes()
    glued = "".join(texts).replace(ZWNJ, "")
    if _last_letters(glued) in pre:
        return EST_VIABLE
    k = 0
    for t in texts[:-1]:
        k += len(t)
        rest = _last_letters(glued[k:])
        if rest and rest in pre:
            return EST_VIABLE + 1.2
    frags = tuple((t, False, ()) for t in texts)
    return _complete_word(frags)[0]


def _last_letters(t: str) -> str:
    i = len(t)
    while i > 0 and is_letter(t[i - 1]):
        i -= 1
    return t[i:]


# ------------------------------------------------------------------------------------------- the line
@dataclass
class LineReading:
    text: AlignedText
    reordered: bool  # the repaired reading was chosen over the raw order
    raw_cost: float
    repaired_cost: float
    damaged: bool = True  # the raw line shows signs of reading-order damage


def _raw_cost(lm: LineModel) -> float:
    """Cost of reading the line in its raw order."""
    s, atoms = lm.s, lm.atoms
    total = 0.0
    prev = ""
    last_end = -2
    for m in re.finditer(r"[^ ]+", s):
        tok = m.group()
        total += _complete_word(((tok, False, ()),))[0]
        # the raw order gets the same credit for ZWNJ compounds as a repaired reading
        if prev and m.start() == last_end + 1 and _letters_only(tok):
            g = _zwnj_join(prev, tok)
            total += g
            prev = prev + ZWNJ + tok if g < 0 else tok
        else:
            prev = tok if _letters_only(tok) else ""
        last_end = m.end()
    for k, at in enumerate(atoms):
        if at.kind == "W" and at.b - at.a >= 2 and 0 < k < len(atoms) - 1:
            total += DOUBLE_BLANK_RAW
        if k > 0 and {atoms[k - 1].kind, at.kind} == {"F", "D"}:
            total += GLUED_NUMBER_RAW
    return total


_SUFFIX_TOKENS = frozenset(("ها", "های", "هایی", "ای", "اند", "ام", "ایم", "اید", "ترین", "تر", "ی"))
_PREFIX_TOKENS = frozenset(("می", "نمی"))


def damage_signals(lm: LineModel) -> int:
    """How many signs of reading-order damage the raw line shows. A clean line has none: no justification
    gap, no number or Latin glued to a Persian word, no punctuation at the front of a word, no bracket
    facing away from its word, no suffix or prefix standing where it cannot attach, no word scrambled."""
    s, atoms = lm.s, lm.atoms
    n = 0
    toks = [(m.start(), m.group()) for m in re.finditer(r"[^ ]+", s)]
    for k, at in enumerate(atoms):
        if at.kind == "W" and at.b - at.a >= 2 and 0 < k < len(atoms) - 1:
            n += 1
        if k and atoms[k - 1].kind in ("D", "L") and at.kind == "F":
            n += 1  # a number glued in front of a word (2022ژوئن); a word then a number may be a footnote mark
    for idx, (a, t) in enumerate(toks):
        if t[0] in _SENT and len(t) > 1 and (is_letter(t[1]) or t[1].isdigit()):
            n += 1
        if idx == 0 and t[0] in _SENT:
            n += 1
        if t[-1] in OPENERS and len(t) > 1 or t[0] in CLOSERS and len(t) > 1 and is_letter(t[1]):
            n += 1
        if t in OPENERS and idx + 1 < len(toks) or t in CLOSERS and idx > 0:
            n += 1
        if t in _SUFFIX_TOKENS:
            left = toks[idx - 1][1] if idx else ""
            if not (left and _letters_only(left) and M.cost(left + ZWNJ + t) < M.UNKNOWN_BASE):
                n += 1
        if t in _PREFIX_TOKENS:
            right = toks[idx + 1][1].rstrip("".join(_SENT)) if idx + 1 < len(toks) else ""
            if not (right and (t + ZWNJ + right) in M.lexicon.verbs()):
                n += 1
    for at in atoms:
        if at.kind == "F":
            t = s[at.a : at.b].replace(TATWEEL, "")
            if ZWNJ in t and all(M.known(p) for p in t.split(ZWNJ) if p):
                continue  # a compound written with its ZWNJ: به‌دلیل
            if M.word_cost(t) >= M.UNKNOWN_BASE:
                n += 1 if (len(t) >= 3 and _scrambled(t)) else 0.5
    return int(n)


@lru_cache(maxsize=50_000)
def _scrambled(t: str) -> bool:
    """An unknown word that is a known word with its pieces in the wrong order (a short word only when a yeh
    moved: یها for های, یکل for کلی)."""
    if len(t) <= 4:
        # short words turn into other short words too easily: only a moved yeh, or a rotation into a common word
        return (any(M.strong(M._yeh_reversed(t, y)) for y in ("ی", "یئ")) or (t[0] == "ی" and M.strong(t[1:] + "ی"))
                or any(M.cost(t[k:] + t[:k]) < 13.0 for k in range(1, len(t))))
    if any(M.strong(t[k:] + t[:k]) for k in range(1, len(t))):
        return True
    if any(M.strong(t[j:] + t[i:j] + t[:i]) for i in range(1, len(t)) for j in range(i + 1, len(t))):
        return True
    return any(M.strong(t[:k]) and M.strong(t[k:]) and len(t[:k]) > 1 and len(t[k:]) > 1 for k in range(2, len(t) - 1))


def _insert(ch: str, src: int) -> AlignedText:
    return AlignedText(ch, [src], [1])


def read_line(at: AlignedText) -> LineReading:
    """The logical reading of one Persian line (``at`` is its letter-folded raw text)."""
    at = at.sub(_KASHIDA, "")
    s = at.text
    atoms = atomize(s)
    lm = _line_model(s, atoms)
    raw_cost = _raw_cost(lm)
    signals = damage_signals(lm)
    if signals == 0 or (ZWNJ in s and signals < 3):
        # a clean line (one glyph run, or a source that kept its ZWNJs): nothing to put back in order
        return LineReading(orient_brackets(at), False, raw_cost, raw_cost, False)
    items = _sections(atoms, s)
    total = DAMAGED_PRIOR
    # sections in logical order (the raw line read from its right end)
    logical: list[tuple] = []
    prev_word = ""
    first = True
    across_punct = False  # the word before this section is on the other side of a punctuation mark
    for it in reversed(items):
        if it[0] == "S":
            sect = atoms[it[1] : it[2]]
            if all(a.kind in ("P", "W") for a in sect) and prev_word:
                # a mark between two sections (``ویژگی : های``): the word before it still takes a suffix after it
                r = _section_dp(lm, sect, line_start=first)
                if r is None:
                    return LineReading(orient_brackets(at), False, raw_cost, INF)
                total += r.cost - r.reward
                logical.append((it, r, False))
                across_punct = True
                first = False
                continue
            r = _section_dp(lm, sect, prev_word=prev_word, line_start=first)
            if r is None:
                return LineReading(orient_brackets(at), False, raw_cost, INF)
            total += r.cost - r.reward  # the raw order is not damaged until the words say so
            logical.append((it, r, across_punct))
            text = "".join((r.seps.get(a, "") if n else "") + s[a:b] for n, (a, b) in enumerate(r.groups))
            prev_word = _last_letters(text)
            first = False
            across_punct = False
        else:
            logical.append((it, None, False))
            if not (it[0] == "W" and (it[1].b - it[1].a >= 2 or across_punct)):
                prev_word = ""
                across_punct = False
    if not (total + MARGIN <= raw_cost):
        return LineReading(orient_brackets(at), False, raw_cost, total)
    pieces: list = []
    for k, (it, r, no_join) in enumerate(logical):
        if it[0] == "W":
            pieces.append(("W", it[1]))
            continue
        if it[0] == "X":
            pieces.append(("X", None))
            continue
        for n, (a, b) in enumerate(r.groups):
            sep = r.seps.get(a, "")
            if n == 0:
                if sep == ZWNJ and pieces and pieces[-1][0] == "W" and not no_join:
                    w = pieces.pop()[1]
                    pieces.append(("T", _insert(ZWNJ, at.src[w.a])))
            elif sep:
                pieces.append(("T", _insert(sep, at.src[a])))
            pieces.append(("T", at[a:b]))
    out: list[AlignedText] = []
    for k, (kind, p) in enumerate(pieces):
        if kind == "W":
            out.append(at[p.a : p.b])
        elif kind == "X":
            left = out[-1].text[-1:] if out else ""
            nxt = next((q for kk, q in pieces[k + 1 :] if kk == "T" and len(q)), None)
            right = nxt.text[:1] if nxt is not None else ""
            if _word_char(left) and _word_char(right):
                out.append(_insert(" ", nxt.src[0]))
        else:
            out.append(p)
    text = AlignedText.concat(out) if out else at[0:0]
    return LineReading(orient_brackets(text), True, raw_cost, total)


def _word_char(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or is_letter(ch))


def orient_brackets(at: AlignedText) -> AlignedText:
    """Turn each bracket and guillemet the way its neighbours say: opening before a word, closing after one."""
    t = at.text
    if not any(c in _MIRROR for c in t):
        return at
    table_pos: list[int] = []
    for i, ch in enumerate(t):
        if ch not in _MIRROR:
            continue
        prev = t[i - 1] if i > 0 else ""
        nxt = t[i + 1] if i + 1 < len(t) else ""
        opening = _word_char(nxt) or nxt in OPENERS
        closing = _word_char(prev) or prev in CLOSERS or prev in SENTENCE_PUNCT
        if opening and not closing:
            want_open = True
        elif closing and not opening:
            want_open = False
        else:
            continue
        if (ch in OPENERS) != want_open:
            table_pos.append(i)
    if not table_pos:
        return at
    chars = list(t)
    for i in table_pos:
        chars[i] = _MIRROR[chars[i]]
    return AlignedText("".join(chars), at.src, at.inserted)


def clear_caches() -> None:
    """Forget cached readings (the document's own vocabulary changed)."""
    for fn in (_score, _complete_word, _zwnj_join, _estimate_texts):
        fn.cache_clear()
    _EST.clear()
    _SINGLE.clear()
