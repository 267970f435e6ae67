"""The abstract against the body (check 3): every figure and date of the abstract is aligned with the body by
value, unit and subject.

Figures (statistics of zone ``abstract``) are compared with the body's figures of the same kind, in either
language (the units and subjects of :mod:`extractors.statistics` are the same English words in both):
    - a body figure with the same value (within rounding) and unit, about the same thing: ``consistent``;
    - none, but body figures about the same thing (the same subject, or the same concepts around them in both
      languages) with another value, or the same value in another unit: ``inconsistent`` against the closest one
      (an abstract that says a five-year term where the body says seven years);
    - nothing about it in the body: ``unverifiable``.
Dates (DateItem of zone ``abstract``) are aligned by their Gregorian value; a body date of the same year about
the same event with another day or month is ``inconsistent``; no counterpart is ``unverifiable``.
"""

from __future__ import annotations

from typing import Optional

from ._check_common import Context, decimals, fmt, make_check, same_value
from ._check_vocab import QUALIFIERS, UNIT_CONCEPTS, concepts, same_unit
from .models import Check, DateItem, Extraction, Statistic

BODY_ZONES = ("body", "quote", "table", "caption", "heading")
_NOT_EVENTS = frozenset({"before", "after", "total"})


def _about(s: Statistic | DateItem, ctx: Context) -> set[str]:
    """The concepts named around an item (its clause in English, its lines in Persian): the words only, not its
    subject or unit, which two figures of one kind share anyway."""
    text = ctx.clause(s.span) if s.lang == "en" else ctx.lines(s.span, 1)
    return concepts(text)


def _missed(a: Statistic, da: int, about: set[str], ex: Extraction, ctx: Context) -> Optional[str]:
    """Where the body writes the abstract's number without a statistic read there (the statistics extractor
    missed it), on a line about the same things: then the body cannot be said to disagree."""
    from . import numbers
    from .script import fold_digits

    covered: dict[tuple, list[tuple[int, int]]] = {}
    for st in ex.statistics:
        for sp in (st.span, *st.continued):
            covered.setdefault((sp.page, sp.line), []).append((sp.start, sp.end))
    for block in ctx.doc.blocks:
        if block.zone not in BODY_ZONES:
            continue
        for ln in block.lines:
            for m in numbers.find_numbers(fold_digits(ln.text)):
                if not same_value(a.value, da, m.value, 0 if m.shape != "decimal" else da):
                    continue
                if any(x < m.end and m.start < y for x, y in covered.get((ln.page, ln.number), [])):
                    continue
                if (concepts(ctx.lines(_span_of(ln, m.start, m.end), 1)) & about) - QUALIFIERS:
                    where = f"page {ln.page}, line {ln.number}" if ln.page else f"line {ln.number}"
                    return f"«{ln.text[m.start:m.end]}» ({where})"
    return None


def _span_of(ln, a: int, b: int):
    from .models import Span

    return Span(page=ln.page, line=ln.number, start=a, end=b, text=ln.text[a:b])


_DAYS = {"days": 1, "weeks": 7, "months": 30.4375, "years": 365.25, "decades": 3652.5, "centuries": 36525}


def _same_thing(a: Statistic, b: Statistic, ca: set[str], cb: set[str]) -> tuple[bool, int]:
    """(same subject, concepts named around both). Two subjects that differ are two things; without a subject on
    one side the concepts around the figures (qualifiers such as before/after do not count) decide."""
    shared = len((ca & cb) - QUALIFIERS)
    if a.subject and b.subject:
        return a.subject.strip().lower() == b.subject.strip().lower(), shared
    return False, shared


def _equal(a: Statistic, da: int, b: Statistic) -> bool:
    """Same value in the same unit, or the same duration in another unit (``24 months`` = ``2 years``)."""
    db = decimals(b.span.text, b.value)
    if same_unit(a.unit, b.unit):
        return same_value(a.value, da, b.value, db)
    if a.kind == b.kind == "duration" and a.unit in _DAYS and b.unit in _DAYS:
        return abs(a.value * _DAYS[a.unit] - b.value * _DAYS[b.unit]) <= 0.02 * b.value * _DAYS[b.unit]
    return False


def text_of(item) -> str:
    """An item's text with its continued pieces (a figure whose unit is on the next line)."""
    return " ".join([item.span.text.strip(), *(c.text.strip() for c in item.continued)]).strip()


def abstract_vs_body(ex: Extraction, ctx: Context) -> list[Check]:
    out: list[Check] = []
    abstract = [s for s in ex.statistics if s.zone == "abstract"]
    body = [s for s in ex.statistics if s.zone in BODY_ZONES]
    about = {s.id: _about(s, ctx) for s in abstract + body}
    for a in abstract:
        if a.kind == "fraction" and a.value >= 1:
            continue
        others = [b for b in body if b.kind == a.kind]
        da = decimals(a.span.text, a.value)
        scored = [(b, *_same_thing(a, b, about[a.id], about[b.id])) for b in others]
        equal = [(b, same, n) for b, same, n in scored if _equal(a, da, b)]
        strong = da >= 1 or abs(a.value) >= 100
        agreeing = [(b, same, n) for b, same, n in equal if same or n >= 1 or strong]
        if agreeing:
            b, same, n = max(agreeing, key=lambda x: (x[1], x[2]))
            out.append(make_check(
                "abstract_vs_body", f"abstract «{text_of(a)}» = body «{text_of(b)}»", "consistent", [a.id, b.id],
                expected=b.value, observed=a.value,
                reason=f"same value ({fmt(a.value, da)} {a.unit}" + (f" = {fmt(b.value)} {b.unit}" if b.unit != a.unit else "")
                       + ")" + (", same subject" if same else ", same things named around both" if n else "")))
            continue
        # another value for the same thing: the same subject, or (without subjects) two concepts in common
        rivals = [(b, same, n) for b, same, n in scored
                  if same_unit(a.unit, b.unit) and ((same and n >= 1) or (not (a.subject and b.subject) and n >= 2))]
        missed = _missed(a, da, about[a.id], ex, ctx) if rivals else None
        if rivals and missed:
            b, same, n = max(rivals, key=lambda x: (x[1], x[2]))
            out.append(make_check(
                "abstract_vs_body", f"abstract «{text_of(a)}» against body «{text_of(b)}»", "unverifiable",
                [a.id, b.id], expected=b.value, observed=a.value,
                reason=f"the body gives {fmt(b.value)} {b.unit} for {a.subject or 'the same thing'}, but also writes "
                       f"{missed} where no figure was read: which it means cannot be told"))
            continue
        if rivals:
            b, same, n = max(rivals, key=lambda x: (x[1], x[2]))
            db = decimals(b.span.text, b.value)
            reason = f"the body gives {fmt(b.value, db)} {b.unit} for {a.subject or 'the same thing'}, the abstract {fmt(a.value, da)}"
            also = [x for x, _, _ in scored if x is not b and same_value(a.value, da, x.value, decimals(x.span.text, x.value))]
            if also:
                reason += f"; the same number in the body counts {also[0].unit} («{text_of(also[0])}»)"
            out.append(make_check(
                "abstract_vs_body", f"abstract «{text_of(a)}» against body «{text_of(b)}»", "inconsistent", [a.id, b.id],
                expected=b.value, observed=a.value, reason=reason))
            continue
        # the same subject given in another unit
        other_unit = [b for b, same, n in scored if same and n >= 1 and not same_unit(a.unit, b.unit)]
        if other_unit:
            b = other_unit[0]
            out.append(make_check(
                "abstract_vs_body", f"abstract «{text_of(a)}» against body «{text_of(b)}»", "inconsistent", [a.id, b.id],
                expected=f"{fmt(b.value)} {b.unit}", observed=f"{fmt(a.value, da)} {a.unit}",
                reason=f"the same subject in another unit: {b.unit} in the body, {a.unit} in the abstract"))
            continue
        out.append(make_check(
            "abstract_vs_body", f"abstract «{text_of(a)}» ({fmt(a.value, da)} {a.unit})", "unverifiable",
            [a.id], observed=a.value, reason="the body does not state this figure, nor another one for the same thing"))
    out += _dates(ex, ctx)
    return out


def _dates(ex: Extraction, ctx: Context) -> list[Check]:
    out: list[Check] = []
    abstract = [d for d in ex.dates if d.zone == "abstract"]
    body = [d for d in ex.dates if d.zone in BODY_ZONES]
    if not abstract:
        return out
    about = {d.id: concepts(ctx.clause(d.span) if d.lang == "en" else ctx.lines(d.span, 1)) for d in abstract + body}
    first: dict[str, DateItem] = {}
    for a in abstract:
        first.setdefault(f"{a.calendar}:{a.value}", a)
    for a in first.values():
        ga = a.gregorian or (a.value if a.calendar == "gregorian" else None)
        equal = [b for b in body if _greg(b) == ga and ga is not None
                 or (b.calendar == a.calendar and b.value == a.value)]
        if equal:
            best = max(equal, key=lambda b: len((about[a.id] & about[b.id]) - QUALIFIERS))
            out.append(make_check("abstract_vs_body", f"abstract date «{text_of(a)}» = body «{text_of(best)}»",
                                  "consistent", [a.id, best.id], expected=_greg(best), observed=ga,
                                  reason=f"the same date ({ga})"))
            continue
        rival: Optional[DateItem] = None
        if ga and a.precision in ("day", "month"):
            year = ga[:4]
            cands = [b for b in body if (_greg(b) or "")[:4] == year and b.precision == a.precision
                     and _one_part_off(ga, _greg(b) or "")]
            cands = [b for b in cands if len((about[a.id] & about[b.id]) - _NOT_EVENTS) >= 1]
            if cands:
                rival = max(cands, key=lambda b: len((about[a.id] & about[b.id]) - _NOT_EVENTS))
        if rival is not None:
            out.append(make_check("abstract_vs_body", f"abstract date «{text_of(a)}» against body «{text_of(rival)}»",
                                  "inconsistent", [a.id, rival.id], expected=_greg(rival), observed=ga,
                                  reason=f"the body dates the same event {_greg(rival)}, the abstract {ga}"))
        else:
            out.append(make_check("abstract_vs_body", f"abstract date «{text_of(a)}»", "unverifiable", [a.id],
                                  observed=ga, reason="the body does not give this date, nor another for the same event"))
    return out


def _one_part_off(x: str, y: str) -> bool:
    """Two ISO dates that differ in one part only (a slip: ``2021-05-19`` for ``2021-05-09``)."""
    px, py = x.split("-"), y.split("-")
    return len(px) == len(py) and sum(a != b for a, b in zip(px, py)) == 1


def _greg(d: DateItem) -> Optional[str]:
    return d.gregorian or (d.value if d.calendar == "gregorian" else None)
