"""Reading numbers in Persian and English text: digits in three systems, separators, number words, ordinals,
fractions.

A stable, shared API (dates, statistics, articles and citations read numbers through it):

    parse_number(text, lang=None)     -> int | float | None    one number written any way
    parse_digits(text, lang=None)     -> int | float | None    digits with separators only
    words_to_number(words)            -> int | None            ``سی و سه``, ``twenty-one``, ``یازده میلیون و ...``
    ordinal_value(word)               -> int | None            ``چهارم``, ``سومین``, ``اول``, ``third``, ``21st``
    fraction_value(text)              -> float | None          ``دو سوم``, ``سه‌چهارم``, ``one-third``
    find_numbers(text, lang=None, words=True) -> list[NumberMatch]   every number in a text, with offsets
    PERSIAN_CARDINALS, PERSIAN_ORDINALS, ENGLISH_CARDINALS, ENGLISH_ORDINALS   word -> value tables
    PERSIAN_DENOMINATORS, ENGLISH_DENOMINATORS   fraction denominators; AMBIGUOUS_WORDS   number words that are
    also other words (``نه`` "no", ``ده`` "village", ``one`` the pronoun): callers decide from context

``find_numbers`` also reads a scale word after digits (``2.5 million`` 2500000, ``۳ میلیون``), compound
ordinals (``بیست و یکم``, ``سی‌ام``) and fractions written as one word (``یک‌سوم``); ZWNJ separates words.

Separators (digits are folded to ASCII first, one for one, so offsets never move):
    ``٫`` (U+066B) is a decimal point, ``٬`` (U+066C) a thousands separator;
    ``،`` (Arabic comma) is a thousands separator before groups of exactly three digits (``11،734،642``) and a
    decimal comma before one or two digits (``77،18``, ``5،8``); before four or more digits it is a list comma;
    ``,`` is a thousands separator before groups of three (``6,163,516``), a decimal comma before one or two
    digits only in Persian text;
    ``.`` is a decimal point (``90.01``), or a thousands separator when every group has three digits and there
    are at least two of them (``1.234.567``); ``1.2.3`` is a version number, not a number;
    ``/`` is a decimal point in Persian text (``۹۹/۵``) when it is used once; ``a/b/c`` is a date, not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Union

from .script import PERSIAN_DIGITS, ARABIC_DIGITS, ZWNJ, fold_digits

Number = Union[int, float]

# --- word tables -----------------------------------------------------------------------------------------

PERSIAN_CARDINALS: dict[str, int] = {
    "صفر": 0, "یک": 1, "یه": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8,
    "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "پونزده": 15,
    "شانزده": 16, "شونزده": 16, "هفده": 17, "هیفده": 17, "هجده": 18, "هیجده": 18, "هژده": 18, "نوزده": 19,
    "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90,
    "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500, "ششصد": 600,
    "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}
PERSIAN_SCALES: dict[str, int] = {
    "هزار": 1_000, "میلیون": 1_000_000, "ملیون": 1_000_000, "میلیارد": 1_000_000_000, "بیلیون": 1_000_000_000,
    "تریلیون": 1_000_000_000_000,
}

ENGLISH_CARDINALS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
ENGLISH_SCALES: dict[str, int] = {
    "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}


def _persian_ordinals() -> dict[str, int]:
    out: dict[str, int] = {"اول": 1, "یکم": 1, "نخست": 1, "نخستین": 1, "اولین": 1, "یکمین": 1,
                           "سوم": 3, "سومین": 3, "سوّم": 3, "سی‌ام": 30, "سی‌امین": 30, "سیام": 30}
    for word, value in PERSIAN_CARDINALS.items():
        if word in ("یک", "یه", "سه", "سی", "صفر", "یکصد", "شیش", "پونزده", "شونزده", "هیفده", "هژده"):
            continue
        out.setdefault(word + "م", value)
        out.setdefault(word + "مین", value)
    for word, value in PERSIAN_SCALES.items():
        out.setdefault(word + "م", value)
        out.setdefault(word + "مین", value)
    return out


PERSIAN_ORDINALS: dict[str, int] = _persian_ordinals()

ENGLISH_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}

# fraction denominators written as words (an ordinal or its plural)
ENGLISH_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
}
PERSIAN_DENOMINATORS: dict[str, int] = {
    w: v for w, v in PERSIAN_ORDINALS.items() if 2 <= v <= 100 and not w.endswith("ین") and w not in ("نخست", "اول")
}

# words that are numbers only in some uses: ``نه`` (no/not), ``ده`` (village), ``سی`` (in ``سی‌دی``), ``یه``
AMBIGUOUS_WORDS = frozenset({"نه", "ده", "سی", "یه", "صد", "شش", "one"})

_LETTER_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا"})


@lru_cache(maxsize=16384)
def _key(word: str) -> str:
    """A word as the tables spell it: Arabic letter forms folded, ZWNJ and tatweel removed, lower case."""
    return word.translate(_LETTER_FOLD).replace(ZWNJ, "").replace("ـ", "").lower()


_P_CARD = {_key(k): v for k, v in PERSIAN_CARDINALS.items()}
_P_SCALE = {_key(k): v for k, v in PERSIAN_SCALES.items()}
_P_ORD = {_key(k): v for k, v in PERSIAN_ORDINALS.items()}
_P_DEN = {_key(k): v for k, v in PERSIAN_DENOMINATORS.items()}
# "یک‌سوم" with its ZWNJ dropped: numerator and denominator in one word
_P_GLUED_FRACTIONS = {num_w + den_w: round(num / den, 4) for num_w, num in _P_CARD.items() if 1 <= num <= 9
                      for den_w, den in _P_DEN.items() if num < den}
# every word that can be (part of) a number: anything else is skipped at once
_NUMBERISH = (frozenset(_P_CARD) | frozenset(_P_SCALE) | frozenset(_P_ORD) | frozenset(_P_GLUED_FRACTIONS)
              | frozenset(ENGLISH_CARDINALS) | frozenset(ENGLISH_SCALES) | frozenset(ENGLISH_ORDINALS)
              | frozenset(ENGLISH_DENOMINATORS) | {"نیم", "نصف", "half", "a", "an"})

# --- digits ----------------------------------------------------------------------------------------------

_DIGIT = r"[0-9۰-۹٠-٩]"
# a run of digits with internal separators; the interpretation is done by parse_digits
DIGITS_RE = re.compile(rf"(?<![0-9۰-۹٠-٩]){_DIGIT}+(?:[.,،٫٬/]{_DIGIT}+)*")


def _is_persian_text(text: str, lang: Optional[str]) -> bool:
    if lang:
        return lang == "fa"
    return any(c in PERSIAN_DIGITS or c in ARABIC_DIGITS for c in text) or "،" in text or "٫" in text


def _split_digits(text: str, lang: Optional[str] = None) -> list[tuple[int, int, Number, str]]:
    """Interpret one digit run (``DIGITS_RE`` match) as one or more numbers: (start, end, value, shape).

    shape is ``int``, ``decimal``, ``grouped`` (thousands separators), ``version`` or ``date`` (the last two are
    not numbers; their value is 0). A list written without spaces (``1998،2007``) gives several numbers.
    """
    t = fold_digits(text)
    persian = _is_persian_text(text, lang)
    parts = re.split(r"([.,،٫٬/])", t)
    groups = parts[0::2]
    seps = parts[1::2]
    if not seps:
        return [(0, len(t), int(t), "int")]
    if seps.count("/") >= 2 or (len(seps) == 2 and set(seps) <= {".", "-"} and len(groups[-1]) == 4 and len(groups[0]) <= 2):
        return [(0, len(t), 0, "date")]
    # thousands grouping: every group after the first has exactly three digits
    grouping_seps = [s for s in seps if s != "٫"]
    if grouping_seps and len(set(grouping_seps)) == 1 and len(groups[0]) <= 3:
        sep = grouping_seps[0]
        n_group = len(grouping_seps)
        tail_ok = all(len(g) == 3 for g in groups[1 : 1 + n_group])
        decimal_tail = seps[n_group:] == ["٫"] if len(seps) > n_group else True
        if tail_ok and decimal_tail and sep in ",،٬" or (sep == "." and n_group >= 2 and tail_ok):
            whole = int("".join(groups[: 1 + n_group]))
            if len(seps) > n_group:
                return [(0, len(t), float(f"{whole}.{groups[-1]}"), "decimal")]
            return [(0, len(t), whole, "grouped")]
    # grouping with one separator and a decimal with another: 6,163,516.25 or 1.234,5
    if len(set(seps)) == 2 and len(seps) >= 2:
        dec = seps[-1]
        thou = seps[0]
        if all(s == thou for s in seps[:-1]) and dec != thou and all(len(g) == 3 for g in groups[1:-1]):
            whole = int("".join(groups[:-1]))
            return [(0, len(t), float(f"{whole}.{groups[-1]}"), "decimal")]
    if len(seps) == 1:
        sep, a, b = seps[0], groups[0], groups[1]
        if sep == "٫" or sep == ".":
            return [(0, len(t), float(f"{a}.{b}"), "decimal")]
        if sep == "،" and len(b) <= 2:
            return [(0, len(t), float(f"{a}.{b}"), "decimal")]
        if sep == "," and len(b) <= 2 and persian:
            return [(0, len(t), float(f"{a}.{b}"), "decimal")]
        if sep == "/" and persian and len(b) <= 3:
            return [(0, len(t), float(f"{a}.{b}"), "decimal")]
        if sep == "/":
            return [(0, len(t), 0, "ratio")]
    if set(seps) == {"."} and len(seps) >= 2:
        return [(0, len(t), 0, "version")]
    # a list written without spaces, or separators that make no number: split at every separator
    out: list[tuple[int, int, Number, str]] = []
    pos = 0
    for g, s in zip(groups, seps + [""]):
        out.append((pos, pos + len(g), int(g), "int"))
        pos += len(g) + len(s)
    return out


def parse_digits(text: str, lang: Optional[str] = None) -> Optional[Number]:
    """The value of a number written in digits (any of the three digit systems) with its separators.

    >>> parse_digits("77،18"), parse_digits("11،734،642"), parse_digits("۶۸٫۰۶"), parse_digits("۹۹/۵")
    (77.18, 11734642, 68.06, 99.5)
    Returns None for anything that is not exactly one number (a date ``09/10/1403``, a version ``1.2.3``).
    """
    t = text.strip()
    m = DIGITS_RE.fullmatch(t)
    if not m:
        return None
    parts = _split_digits(t, lang)
    if len(parts) != 1 or parts[0][3] in ("date", "version", "ratio"):
        return None
    return parts[0][2]


# --- words -----------------------------------------------------------------------------------------------

_WORD_SPLIT = re.compile(r"[\s\u200c\-‐–]+")


def _word_value(word: str) -> tuple[str, int] | None:
    """('card'|'scale', value) for one number word of either language."""
    k = _key(word)
    if k in _P_CARD:
        return "card", _P_CARD[k]
    if k in _P_SCALE:
        return "scale", _P_SCALE[k]
    if k in ENGLISH_CARDINALS:
        return "card", ENGLISH_CARDINALS[k]
    if k in ENGLISH_SCALES:
        return "scale", ENGLISH_SCALES[k]
    return None


def words_to_number(words: Union[str, Iterable[str]]) -> Optional[int]:
    """The value of a number written in words, Persian or English.

    ``هفت`` 7, ``سی و سه`` 33, ``پنجاه و شش`` 56, ``یازده میلیون و هفتصد و سی و چهار هزار و ششصد و چهل و دو``
    11734642, ``دو هزار و بیست و دو`` 2022, ``seven`` 7, ``twenty-one`` 21, ``one hundred and five`` 105,
    ``two thousand twenty-two`` 2022. Connectors ``و`` / ``and`` are allowed only between number words.
    Returns None when any word is not a number word.
    """
    tokens = _WORD_SPLIT.split(words.strip()) if isinstance(words, str) else list(words)
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    total = 0
    current = 0
    seen = False
    prev_connector = False
    for i, tok in enumerate(tokens):
        k = _key(tok)
        if k in ("و", "and"):
            if not seen or i == len(tokens) - 1 or prev_connector:
                return None
            prev_connector = True
            continue
        wv = _word_value(tok)
        if wv is None:
            return None
        kind, value = wv
        if kind == "card":
            if value == 100 and current and current < 10:
                current *= 100  # "two hundred", "سه صد"
            else:
                current += value
        else:
            if value == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * value
                current = 0
        seen = True
        prev_connector = False
    if not any((_word_value(t) or ("", 0))[0] == "card" for t in tokens if _key(t) not in ("و", "and")):
        return None  # a scale word alone ("میلیون", "thousand") is not a number
    return total + current


def ordinal_value(word: str) -> Optional[int]:
    """The value of an ordinal: ``اول`` 1, ``سوم`` 3, ``چهارم`` 4, ``بیستمین`` 20, ``third`` 3, ``21st`` 21,
    ``بیست و یکم`` 21 (a compound written as several words)."""
    w = word.strip()
    m = re.fullmatch(r"([0-9۰-۹٠-٩]+)\s*(?:st|nd|rd|th|م|ام|مین|امین|-?ام)", w, re.I)
    if m:
        return int(fold_digits(m.group(1)))
    k = _key(w)
    if k in _P_ORD:
        return _P_ORD[k]
    if k in ENGLISH_ORDINALS:
        return ENGLISH_ORDINALS[k]
    # compounds: "بیست و یکم", "twenty-first"
    tokens = [t for t in _WORD_SPLIT.split(w) if t]
    if len(tokens) >= 2:
        last = ordinal_value(tokens[-1])
        head = words_to_number([t for t in tokens[:-1] if _key(t) not in ("و", "and")])
        if last is not None and head is not None and last < 10 <= head:
            return head + last
    return None


def fraction_value(text: str) -> Optional[float]:
    """``دو سوم`` 0.667, ``سه‌چهارم`` 0.75, ``یک سوم`` 0.333, ``one-third`` 0.333, ``two thirds`` 0.667,
    ``three-quarters`` 0.75, ``a quarter`` 0.25, ``1/3`` (English) 0.333, ``نیم`` / ``نصف`` / ``half`` 0.5.
    Values are rounded to four decimals."""
    t = text.strip()
    k = _key(t)
    if k in ("نیم", "نصف", "half", "one half", "a half", "one-half"):
        return 0.5
    m = re.fullmatch(r"([0-9]+)\s*/\s*([0-9]+)", fold_digits(t))
    if m and int(m.group(2)):
        return round(int(m.group(1)) / int(m.group(2)), 4)
    tokens = [x for x in re.split(r"[\s\u200c\-‐–]+", t) if x]
    if len(tokens) < 2:
        # glued Persian: "یک‌سوم" after ZWNJ removal is "یکسوم"
        return _P_GLUED_FRACTIONS.get(k)
    head, den_word = tokens[:-1], tokens[-1]
    den = _P_DEN.get(_key(den_word)) or ENGLISH_DENOMINATORS.get(den_word.lower())
    if not den:
        return None
    if len(head) == 1 and head[0].lower() in ("a", "an"):
        num: Optional[int] = 1
    else:
        num = words_to_number(head)
        if num is None and len(head) == 1:
            num = parse_digits(head[0])  # "2 سوم" is rare but harmless
    if num is None or not 0 < num < den:
        return None
    return round(num / den, 4)


# --- finding numbers in text -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberMatch:
    """One number found in a text: ``text[start:end]`` reads ``value``.

    kind: ``digits`` | ``words`` | ``ordinal`` | ``fraction``;
    shape (digits only): ``int`` | ``decimal`` | ``grouped``.
    """

    start: int
    end: int
    value: Number
    kind: str
    shape: str = "int"
    text: str = ""

    @property
    def is_integer(self) -> bool:
        return isinstance(self.value, int) or float(self.value).is_integer()


_P_LETTERS = "آ-ی\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u200c"
# ZWNJ separates words here: "یک‌سوم", "پنج‌ساله" and the extractor's "یک‌یک" are read word by word
_WORD_RE = re.compile(rf"[{_P_LETTERS.replace(chr(0x200c), '')}]+|[A-Za-z]+(?:-[A-Za-z]+)*")


_SCALE_AFTER = re.compile(r"[ \u200c]+(thousand|million|billion|trillion|هزار|میلیون|ملیون|میلیارد|بیلیون)(?![A-Za-z\u0600-\u06ff])", re.I)


def find_numbers(text: str, lang: Optional[str] = None, words: bool = True) -> list[NumberMatch]:
    """Every number in ``text``, in order: digit numbers (separators interpreted as described in the module
    docstring; dates and version numbers are skipped), and with ``words`` number words (cardinals, joined by
    ``و``/``and``), ordinals and fractions (``دو سوم``, ``one-third``). Offsets are offsets into ``text``.
    Ambiguous single words (``نه``, ``ده``, ``one`` ...) are returned too: callers decide from context."""
    out: list[NumberMatch] = []
    for m in DIGITS_RE.finditer(text):
        parts = _split_digits(m.group(0), lang)
        for a, b, value, shape in parts:
            if shape in ("date", "version", "ratio"):
                continue
            start, end = m.start() + a, m.start() + b
            if len(parts) == 1:
                # "2.5 million", "۳ میلیون", "11 هزار": a digit number with a scale word
                sm = _SCALE_AFTER.match(text, end)
                if sm:
                    scale = _P_SCALE.get(_key(sm.group(1))) or ENGLISH_SCALES.get(sm.group(1).lower())
                    value = value * scale
                    value = int(value) if float(value).is_integer() else value
                    end = sm.end()
            out.append(NumberMatch(start, end, value, "digits", shape, text[start:end]))
    if words:
        out.extend(_find_word_numbers(text))
        out.sort(key=lambda n: n.start)
    return out


def _find_word_numbers(text: str) -> list[NumberMatch]:
    toks = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(text)]
    out: list[NumberMatch] = []
    i = 0
    while i < len(toks):
        a, b, w = toks[i]
        if "-" not in w and _key(w) not in _NUMBERISH and not w[:1].isdigit():
            i += 1
            continue
        # English hyphenated forms: "one-third", "twenty-one", "seven-year" (the number part only)
        if "-" in w:
            pieces = w.split("-")
            frac = fraction_value(w)
            if frac is not None:
                out.append(NumberMatch(a, b, frac, "fraction", text=w))
                i += 1
                continue
            n = words_to_number(pieces)
            if n is not None:
                out.append(NumberMatch(a, b, n, "words", text=w))
                i += 1
                continue
            k = 0
            while k < len(pieces) and _word_value(pieces[k]):
                k += 1
            if k:
                end = a + len("-".join(pieces[:k]))
                out.append(NumberMatch(a, end, words_to_number(pieces[:k]), "words", text=text[a:end]))
            i += 1
            continue
        if _word_value(w) is None:
            o = ordinal_value(w)
            if o is not None:
                out.append(NumberMatch(a, b, o, "ordinal", text=w))
            else:
                frac = fraction_value(w)  # glued "یک‌سوم"
                if frac is not None and _key(w) not in ("نیم", "نصف", "half"):
                    out.append(NumberMatch(a, b, frac, "fraction", text=w))
            i += 1
            continue
        # greedy: number words joined by و / and
        j = i
        last_ok = i
        while j + 1 < len(toks):
            nxt = toks[j + 1][2]
            gap = text[toks[j][1] : toks[j + 1][0]]
            if gap.strip(" \u200c") or "\n" in gap:
                break
            if _key(nxt) in ("و", "and") and j + 2 < len(toks) and _word_value(toks[j + 2][2]):
                gap2 = text[toks[j + 1][1] : toks[j + 2][0]]
                if gap2.strip(" \u200c"):
                    break
                j += 2
                last_ok = j
                continue
            if _word_value(nxt) and _combines(toks[j][2], nxt):
                j += 1
                last_ok = j
                continue
            break
        # a compound ordinal: "بیست و یکم", "twenty-first" is one token and handled above
        if last_ok + 2 < len(toks) and _key(toks[last_ok + 1][2]) in ("و", "and"):
            oa, ob, ow = toks[last_ok + 2]
            o = ordinal_value(ow)
            head = words_to_number([t[2] for t in toks[i : last_ok + 1]])
            if o is not None and o < 10 and head is not None and head >= 20 and head % 10 == 0 \
                    and not text[toks[last_ok][1] : oa].replace(toks[last_ok + 1][2], "").strip(" \u200c"):
                out.append(NumberMatch(a, ob, head + o, "ordinal", text=text[a:ob]))
                i = last_ok + 3
                continue
        words_seq = [t[2] for t in toks[i : last_ok + 1]]
        value = words_to_number(words_seq)
        end = toks[last_ok][1]
        # a fraction: cardinal followed by a denominator ordinal ("دو سوم", "two thirds", "a third"); an
        # ordinal written with a ZWNJ ("سی‌ام", "بیست‌وپنجمین" is one word)
        if last_ok + 1 < len(toks):
            na, nb, nw = toks[last_ok + 1]
            if nw in ("ام", "امین") and text[end:na] == ZWNJ and value is not None:
                out.append(NumberMatch(a, nb, value, "ordinal", text=text[a:nb]))
                i = last_ok + 2
                continue
            if not text[end:na].strip(" \u200c") and "\n" not in text[end:na]:
                frac = fraction_value(text[a:nb])
                if frac is not None:
                    out.append(NumberMatch(a, nb, frac, "fraction", text=text[a:nb]))
                    i = last_ok + 2
                    continue
                o = ordinal_value(nw)
                if o is not None and value is not None and value >= 20 and o < 10:
                    out.append(NumberMatch(a, nb, value + o, "ordinal", text=text[a:nb]))
                    i = last_ok + 2
                    continue
        if value is not None:
            out.append(NumberMatch(a, end, value, "words", text=text[a:end]))
        i = last_ok + 1
    return out


def _combines(prev: str, nxt: str) -> bool:
    """Can number word ``nxt`` follow ``prev`` without a connector (``two hundred``, ``دو هزار``, ``twenty one``)?"""
    p, n = _word_value(prev), _word_value(nxt)
    if not p or not n:
        return False
    if n[0] == "scale" or (n[1] == 100 and p[1] < 10):
        return True
    # English "twenty one"; Persian always writes و between tens and units
    return prev.isascii() and p[1] % 10 == 0 and 20 <= p[1] <= 90 and n[1] < 10


def parse_number(text: str, lang: Optional[str] = None) -> Optional[Number]:
    """One number written any way: digits with separators (``77،18``, ``11،734،642``, ``۶۸٫۰۶``, ``6,163,516``,
    ``۹۹/۵``), words (``سی و سه``, ``seven``, ``twenty-one``), a fraction (``دو سوم``, ``one-third``) or an
    ordinal (``چهارم``, ``third``). A percent sign or word around the number is ignored (``۶۸٫۰۶٪``,
    ``77 درصد``, ``68 per cent``). None when the text is not exactly one number."""
    t = text.strip()
    t = re.sub(r"\s*(?:%|٪|درصد|per\s*cent|percent)\s*$|^\s*(?:%|٪)\s*", "", t, flags=re.I).strip()
    if not t:
        return None
    v = parse_digits(t, lang)
    if v is not None:
        return v
    v = words_to_number(t)
    if v is not None:
        return v
    f = fraction_value(t)
    if f is not None:
        return f
    return ordinal_value(t)
