"""Text that remembers where every character came from.

An :class:`AlignedText` is a string plus, for each of its characters, the offset of the raw character it
stands for. Every transformation of the normalized view (letter folding, whitespace, ZWNJ, reading-order
repair) is an operation on an AlignedText, so any span found in the normalized text maps back to the raw
characters it was read from, even when the transformation reordered tokens.

Forms handled (all keep the map exact):
    - 1:1 character translation (``ي`` -> ``ی``, ``۴`` -> ``4``): :meth:`translate`
    - regex substitution, growing or shrinking the text (``همه پرسی`` -> ``همه‌پرسی``): :meth:`sub`
    - concatenation and slicing, e.g. tokens put back in another order: :meth:`concat`, slicing
"""

from __future__ import annotations

import re
from array import array
from typing import Callable, Iterable, Sequence


class AlignedText:
    """A string with a per-character map to raw offsets.

    ``src[i]`` is the raw offset of ``text[i]``. Inserted characters (a ZWNJ that the raw text did not have)
    borrow the offset of their neighbour and are flagged in ``inserted``.
    """

    __slots__ = ("text", "src", "inserted")

    def __init__(self, text: str, src: Sequence[int], inserted: Sequence[bool] | None = None):
        if len(src) != len(text):
            raise ValueError(f"offset map has {len(src)} entries for {len(text)} characters")
        self.text = text
        self.src = src if isinstance(src, array) else array("i", src)
        self.inserted = array("b", inserted) if inserted is not None else array("b", bytes(len(text)))

    @classmethod
    def identity(cls, text: str, base: int = 0) -> "AlignedText":
        """The raw text itself: character i comes from raw offset ``base + i``."""
        return cls(text, array("i", range(base, base + len(text))))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"AlignedText({self.text!r})"

    def __getitem__(self, key: slice) -> "AlignedText":
        if not isinstance(key, slice):
            raise TypeError("AlignedText supports slicing only")
        return AlignedText(self.text[key], self.src[key], self.inserted[key])

    @staticmethod
    def concat(parts: Iterable["AlignedText"]) -> "AlignedText":
        parts = list(parts)
        text = "".join(p.text for p in parts)
        src = array("i")
        ins = array("b")
        for p in parts:
            src.extend(p.src)
            ins.extend(p.inserted)
        return AlignedText(text, src, ins)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw extent ``[lo, hi)`` covered by normalized ``[start, end)``.

        When a repair reordered tokens, the normalized span's characters may come from scattered raw places;
        the raw extent is the smallest raw range that contains them all.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad span {start}:{end} in text of length {len(self.text)}")
        chunk = self.src[start:end]
        ins = self.inserted[start:end]
        real = [s for s, i in zip(chunk, ins) if not i] or list(chunk)
        return min(real), max(real) + 1

    def translate(self, table: dict[int, int | str | None]) -> "AlignedText":
        """Character translation; entries may map to one char, to a longer string, or to None (delete)."""
        out_chars: list[str] = []
        src = array("i")
        ins = array("b")
        for ch, s, i in zip(self.text, self.src, self.inserted):
            rep = table.get(ord(ch), ch)
            if rep is None:
                continue
            if isinstance(rep, int):
                rep = chr(rep)
            for k, c in enumerate(rep):
                out_chars.append(c)
                src.append(s)
                ins.append(i if k == 0 else 1)
        return AlignedText("".join(out_chars), src, ins)

    def sub(self, pattern: str | re.Pattern, repl: str | Callable[[re.Match], str]) -> "AlignedText":
        """Regex substitution that keeps the map.

        Inside a replaced match, characters of the replacement that equal the matched characters (aligned by a
        common prefix and suffix) keep their own offsets; the rest take the offset of the match start, or of
        the match's characters in order when the lengths agree.
        """
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        pieces: list[AlignedText] = []
        pos = 0
        for m in rx.finditer(self.text):
            a, b = m.span()
            new = m.expand(repl) if isinstance(repl, str) else repl(m)
            old = self.text[a:b]
            if new == old:
                continue
            pieces.append(self[pos:a])
            pieces.append(self._replace_piece(a, b, new))
            pos = b
        if not pieces:
            return self
        pieces.append(self[pos:])
        return AlignedText.concat(pieces)

    def _replace_piece(self, a: int, b: int, new: str) -> "AlignedText":
        old = self.text[a:b]
        # common prefix / suffix keep their offsets
        p = 0
        while p < len(old) and p < len(new) and old[p] == new[p]:
            p += 1
        s = 0
        while s < len(old) - p and s < len(new) - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
            s += 1
        src = array("i")
        ins = array("b")
        src.extend(self.src[a : a + p])
        ins.extend(self.inserted[a : a + p])
        mid_old = range(a + p, b - s)
        mid_new = len(new) - p - s
        if mid_new:
            if len(mid_old) == mid_new:
                src.extend(self.src[a + p : b - s])
                ins.extend(self.inserted[a + p : b - s])
            else:
                # borrow the nearest real neighbour's offset, flagged as inserted when nothing was there
                anchor = self.src[a + p] if len(mid_old) else (self.src[a + p - 1] if a + p > 0 else (self.src[a] if a < len(self.src) else 0))
                for k in range(mid_new):
                    if k < len(mid_old):
                        src.append(self.src[mid_old[k]])
                        ins.append(self.inserted[mid_old[k]])
                    else:
                        src.append(anchor)
                        ins.append(1)
        src.extend(self.src[b - s : b])
        ins.extend(self.inserted[b - s : b])
        return AlignedText(new, src, ins)
