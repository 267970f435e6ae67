"""What every check needs: stable check ids, the rounding of a printed figure, the figures of a table by column
kind, and the words around an item in the document."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Optional, Union

from . import numbers
from .document import Block, Document
from .models import Cell, Check, Span, Table
from .script import fold_digits

Number = Union[int, float]

PERCENT_WORD = re.compile(r"درصد|%|٪|percent|per\s*cent|\bshare\b|سهم", re.I)
DURATION_WORD = re.compile(r"سال|ماه|روز|هفته|دهه|\byears?\b|\bmonths?\b|\bdays?\b|\bweeks?\b|\bdecades?\b", re.I)
DURATION_UNITS = {"سال": "years", "year": "years", "ماه": "months", "month": "months", "روز": "days", "day": "days",
                  "هفته": "weeks", "week": "weeks", "دهه": "decades", "decade": "decades"}


def check_id(kind: str, evidence: list[str], extra: str = "") -> str:
    digest = hashlib.sha1("|".join([kind, extra, *evidence]).encode()).hexdigest()[:10]
    return f"chk-{kind.replace('_', '-')}-{digest}"


def make_check(kind: str, claim: str, verdict: str, evidence: list[str], expected=None, observed=None,
               reason: Optional[str] = None, extra: str = "") -> Check:
    return Check(id=check_id(kind, evidence, extra), kind=kind, claim=claim, expected=_plain(expected),
                 observed=_plain(observed), verdict=verdict, reason=reason, evidence=evidence)


def _plain(v):
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def decimals(text: Optional[str], value: Optional[Number] = None) -> int:
    """Digits after the decimal separator of the printed number in ``text`` (0 for integers and words)."""
    if not text:
        if isinstance(value, float) and not value.is_integer():
            return len(repr(value).split(".")[1])
        return 0
    for m in numbers.find_numbers(fold_digits(text), words=False):
        if value is None or _close(m.value, value):
            if m.shape == "decimal":
                return len(re.split(r"[.,،٫٬/]", m.text)[-1])
            return 0
    if isinstance(value, float) and not value.is_integer():
        return len(repr(value).split(".")[1])
    return 0


def _close(a: Number, b: Number) -> bool:
    return abs(float(a) - float(b)) < 1e-9 * max(1.0, abs(float(b)))


def half_unit(d: int) -> float:
    return 0.5 * 10 ** (-d)


def fmt(v: Optional[Number], d: Optional[int] = None) -> str:
    if v is None:
        return "—"
    if d is not None and d > 0:
        return f"{float(v):,.{d}f}"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,}"
    return f"{int(v):,}"


def same_value(a: Number, da: int, b: Number, db: int) -> bool:
    """Two printed figures name the same value: each is the other rounded to its own printed precision."""
    tol = max(half_unit(da), half_unit(db)) + 1e-9
    return abs(float(a) - float(b)) <= tol


def digits_swapped(a: Number, b: Number) -> bool:
    """The same digits with two of them exchanged (``6163516`` / ``6136516``)."""
    def digits(v: Number) -> str:
        return str(int(v)) if float(v).is_integer() else repr(float(v))

    sa, sb = digits(a), digits(b)
    if len(sa) != len(sb) or sa == sb or sorted(sa) != sorted(sb):
        return False
    diff = [k for k in range(len(sa)) if sa[k] != sb[k]]
    return len(diff) == 2 and sa[diff[0]] == sb[diff[1]] and sa[diff[1]] == sb[diff[0]]


# --- table figures ---------------------------------------------------------------------------------------


@dataclass
class Fig:
    """A figure of a table: a cell's number, or a number written inside a text cell."""

    table: Table
    row: int  # index in table.rows
    col: int  # index in row.cells
    cell: Cell
    value: Number
    kind: str  # percent | count | duration | number
    decimals: int
    unit: str = ""
    embedded: bool = False  # a number inside a text cell

    @property
    def label(self) -> str:
        return self.table.rows[self.row].label


def column_kinds(table: Table) -> list[str]:
    width = max((len(r.cells) for r in table.rows), default=0)
    kinds = []
    for c in range(width):
        header = table.columns[c] if c < len(table.columns) else ""
        cells = [r.cells[c] for r in table.rows if c < len(r.cells) and isinstance(r.cells[c].value, (int, float))]
        texts = [x.text or "" for x in cells]
        text_cells = [r.cells[c] for r in table.rows if c < len(r.cells) and isinstance(r.cells[c].value, str)]
        if not cells or len(text_cells) > len(cells):
            kinds.append("text")
        elif PERCENT_WORD.search(header) or all(re.search(r"[%٪]", t) for t in texts):
            kinds.append("percent")
        elif texts and all(DURATION_WORD.search(t) for t in texts):
            kinds.append("duration")
        elif all(isinstance(x.value, int) or float(x.value).is_integer() for x in cells) and not any(
                decimals(x.text, x.value) for x in cells):
            kinds.append("count")
        elif all(0 <= float(x.value) <= 100 for x in cells):
            kinds.append("percent")
        else:
            kinds.append("number")
    return kinds


def table_figures(table: Table, embedded: bool = True) -> list[Fig]:
    kinds = column_kinds(table)
    out: list[Fig] = []
    for i, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            kind = kinds[c] if c < len(kinds) else "number"
            if isinstance(cell.value, bool):
                continue
            if isinstance(cell.value, (int, float)):
                unit = ""
                if kind == "duration":
                    m = DURATION_WORD.search(cell.text or "")
                    unit = DURATION_UNITS.get(m.group(0).lower().rstrip("s"), "years") if m else "years"
                elif kind == "percent":
                    unit = "percent"
                out.append(Fig(table, i, c, cell, cell.value, kind, decimals(cell.text, cell.value), unit))
            elif embedded and isinstance(cell.value, str):
                for m in numbers.find_numbers(fold_digits(cell.value), words=False):
                    if m.shape in ("int", "grouped") and not (1300 <= m.value <= 1499 or 1900 <= m.value <= 2099):
                        out.append(Fig(table, i, c, cell, m.value, "count", 0, "", embedded=True))
    return out


# --- context of an item ----------------------------------------------------------------------------------


class Context:
    """The normalized lines around a span, found by (page, line)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.where: dict[tuple[Optional[int], int], tuple[Block, int]] = {}
        self.norm: dict[str, list[str]] = {}
        for b in doc.blocks:
            texts = b.normalized.text.split("\n") if b.normalized is not None else [ln.text for ln in b.lines]
            if len(texts) != len(b.lines):
                texts = [ln.text for ln in b.lines]
            self.norm[b.id] = texts
            for k, ln in enumerate(b.lines):
                self.where[(ln.page, ln.number)] = (b, k)

    def locate(self, span: Span) -> Optional[tuple[Block, int]]:
        return self.where.get((span.page, span.line))

    def lines(self, span: Span, radius: int) -> str:
        hit = self.locate(span)
        if hit is None:
            return span.text
        b, k = hit
        texts = self.norm[b.id]
        return "\n".join(texts[max(0, k - radius): k + radius + 1])

    def line_text(self, span: Span) -> str:
        return self.lines(span, 0)

    def sentence(self, span: Span) -> str:
        """The sentence holding the span (blocks in logical order: English, or repaired Persian)."""
        hit = self.locate(span)
        if hit is None:
            return span.text
        b, k = hit
        texts = self.norm[b.id]
        before = " ".join(texts[max(0, k - 3):k])
        here = texts[k]
        after = " ".join(texts[k + 1:k + 4])
        text = f"{before} \x00{here}\x00 {after}"
        a = text.index("\x00")
        z = text.rindex("\x00")
        start = max(text.rfind(". ", 0, a), text.rfind("; ", 0, a), -1) + 1
        stops = [p for p in (text.find(". ", z), text.find("; ", z)) if p >= 0]
        end = min(stops) + 1 if stops else len(text)
        return text[start:end].replace("\x00", "")

    def clause(self, span: Span) -> str:
        """The clause of the sentence that holds the span: cut at commas, semicolons, colons, brackets and
        ``and``/``but`` (for logical-order text: English, or repaired Persian)."""
        sent = self.sentence(span)
        here = span.text.strip()
        at = sent.find(here)
        if at < 0:
            return sent
        cuts = [m for m in re.finditer(r"[,;:()،؛]|\s(?:and|but|while|whereas|و|اما)\s", sent)]
        start = max([m.end() for m in cuts if m.end() <= at], default=0)
        end = min([m.start() for m in cuts if m.start() >= at + len(here)], default=len(sent))
        return sent[start:end]

    def zone_of(self, span: Span) -> Optional[str]:
        hit = self.locate(span)
        return hit[0].zone if hit else None
