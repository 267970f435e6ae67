"""Characters and scripts: which letters are Persian, which Latin, and the digit systems.

Shared by every module that has to tell Persian from English or read digits in three systems.
"""

from __future__ import annotations

import re

ZWNJ = "\u200c"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
# 1:1 digit folding to ASCII: safe for any view, it never changes a length
DIGITS_TO_ASCII = {ord(c): ord("0") + i for i, c in enumerate(PERSIAN_DIGITS)}
DIGITS_TO_ASCII.update({ord(c): ord("0") + i for i, c in enumerate(ARABIC_DIGITS)})

ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")
DIGIT_CLASS = "0-9۰-۹٠-٩"


def is_persian_letter(ch: str) -> bool:
    return bool(ARABIC_LETTER_RE.match(ch))


def script_counts(text: str) -> tuple[int, int]:
    """(Persian/Arabic letters, Latin letters) in ``text``."""
    return len(ARABIC_LETTER_RE.findall(text)), len(LATIN_LETTER_RE.findall(text))


def lang_of(text: str, default: str = "fa") -> str:
    """``fa`` or ``en`` by the script that has more letters; ``default`` when there are none."""
    fa, en = script_counts(text)
    if fa == en == 0:
        return default
    return "en" if en > fa else "fa"


def fold_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII, one for one."""
    return text.translate(DIGITS_TO_ASCII)
