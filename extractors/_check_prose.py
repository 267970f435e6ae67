"""Figures of the text against the tables (check 2), and counts that add up in the text (check 4).

Prose against tables. A statistic of the text is compared with the table figures of its kind (a percentage with
the percent cells, a count with the count cells and the numbers written in text cells, a duration with the cells
in years ...). What it is about is read from the words around it (its line and the lines next to it, its
``subject``, its unit) and compared with each row's *distinctive* concepts: those of the row's label that the
caption, the section row above it and the other rows do not all share (``موافق`` -> yes).
    - the same value, within the rounding of either figure, in a row it is about (or a value too precise to be a
      coincidence: ``77.18``, ``6,163,516``): linked (``Statistic.table_cell``) and ``consistent``;
    - another value where exactly one row is fully named (all its distinctive concepts around the figure), the
      table's topic is named too (its caption: the referendum) and no other year than the table's: ``inconsistent``
      (two digits swapped is said so);
    - anything else is not a claim about a table and gets no check.
Statistics read inside a table are linked to the cell they were read from.

Counts that add up: in one paragraph (a block, within a few lines), counts of one kind of thing (deputies,
representatives, members ...) where one is the sum of two or more others, said with a word that makes it a whole
and its parts (``in all``, ``of whom``, ``the rest``, ``مجموع``, ``بقیه``, ``متشکل از`` ...): ``consistent``; the
same shape with a sum that misses the total by a little (a tenth or less) is ``inconsistent``.
"""

from __future__ import annotations

import itertools
import re
from typing import Optional

from ._check_common import Context, Fig, decimals, digits_swapped, fmt, make_check, same_value, table_figures
from ._check_vocab import QUALIFIERS, UNIT_CONCEPTS, UNIT_FAMILY_CONCEPTS, concepts, same_unit
from ._check_abstract import text_of
from .models import Check, Extraction, Statistic, Table
from .script import fold_digits

PROSE_ZONES = ("body", "abstract", "quote", "footnote", "caption", "heading")
_YEAR = re.compile(r"(?<!\d)(1[34]\d\d|19\d\d|20\d\d)(?!\d)")
# words that make numbers a whole and its parts; the first set names the whole itself
_TOTAL_CUE = re.compile(r"\bin all\b|\bin total\b|\ba total of\b|\btotal(?:ling|ing)?\b|\baltogether\b|\bcompris|"
                        r"\bconsist|\bmade up of\b|مجموع|جمعاً|جمعا|درکل|در کل|متشکل|مرکب", re.I)
_PART_CUE = re.compile(r"\bof whom\b|\bof which\b|\bthe rest\b|\bremaining\b|\bplus\b|\bothers?\b|"
                       r"بقی|باقی|دیگر|تشکیل|شامل|از جمله", re.I)


def _kind_ok(s: Statistic, f: Fig) -> bool:
    if s.kind == "percent":
        return f.kind == "percent"
    if s.kind == "count":
        return f.kind == "count"
    if s.kind == "duration":
        return f.kind == "duration" and (not f.unit or not s.unit or f.unit == s.unit)
    return False


def _stat_decimals(s: Statistic) -> int:
    return decimals(s.span.text, s.value)


class _TableInfo:
    def __init__(self, table: Table):
        self.table = table
        self.topic = concepts(table.caption or "") - {"before", "after", "total"}
        self.years = set(_YEAR.findall(fold_digits(table.caption or "")))
        rows = table.rows
        section_concepts: set[str] = set()
        per_row: list[set[str]] = []
        sec_of: list[set[str]] = []
        for r in rows:
            if r.cells and all(c.value is None for c in r.cells):
                section_concepts = concepts(r.label)
                per_row.append(set())
                sec_of.append(set())
                continue
            per_row.append(concepts(r.label))
            sec_of.append(section_concepts)
        data = [c for c, r in zip(per_row, rows) if r.cells and not all(x.value is None for x in r.cells)]
        shared = set.intersection(*data) if len(data) > 1 else set()
        caption = concepts(table.caption or "")
        self.distinctive = [c - shared - caption - sec for c, sec in zip(per_row, sec_of)]
        self.headers = [concepts(h) for h in table.columns]
        self.bases = _bases(table)
        # everything a row's figures are about: label, section row, caption (used for what a count counts)
        self.about = [c | sec | caption for c, sec in zip(per_row, sec_of)]


def prose_vs_tables(ex: Extraction, ctx: Context) -> list[Check]:
    out: list[Check] = []
    if not ex.tables:
        return out
    infos = {t.id: _TableInfo(t) for t in ex.tables}
    figs = [f for t in ex.tables for f in table_figures(t)]
    _link_table_statistics(ex, figs)
    for s in ex.statistics:
        if s.zone == "table" or s.zone not in PROSE_ZONES:
            continue
        cands = [f for f in figs if _kind_ok(s, f)]
        if not cands:
            continue
        near_text = ctx.lines(s.span, 1)
        far_text = ctx.lines(s.span, 2)
        near = concepts(near_text) | concepts(s.subject or "")
        if s.unit in UNIT_CONCEPTS:
            near.add(UNIT_CONCEPTS[s.unit])
        around = near | concepts(far_text)
        ds = _stat_decimals(s)

        def score(f: Fig, pool: set[str]) -> float:
            d = infos[f.table.id].distinctive[f.row]
            return len(d & pool) / len(d) if d else 0.0

        def unit_fits(f: Fig) -> Optional[bool]:
            """Can the figure count what the statistic counts? None when neither says."""
            if s.kind != "count":
                return True
            family = UNIT_FAMILY_CONCEPTS.get(s.unit)
            if not family:
                return None
            info = infos[f.table.id]
            have = set(info.about[f.row])
            if f.col < len(info.headers):
                have |= info.headers[f.col]
            have |= concepts(f.cell.text or "") if not f.embedded else concepts(f.cell.value or "")
            return bool(have & family)

        def names_row(f: Fig, pool: set[str]) -> bool:
            d = infos[f.table.id].distinctive[f.row]
            core = d - QUALIFIERS
            return bool(core & pool) if core else bool(d & pool)

        fits = {id(f): unit_fits(f) for f in cands}
        cands = [f for f in cands if fits[id(f)] is not False]
        equal = [f for f in cands if same_value(s.value, ds, f.value, f.decimals)]
        strong = ds >= 2 or abs(s.value) >= 1000
        if equal:
            best = max(equal, key=lambda f: (names_row(f, around), score(f, around), not f.embedded, -f.row))
            # a one-digit figure is linked only when all that tells its row apart is named around it
            small = abs(s.value) < 10 and ds == 0
            if (names_row(best, around) and (not small or score(best, around) == 1.0)) or (strong and not best.embedded):
                s.table_cell = best.cell.id
                where = _where(best)
                out.append(make_check(
                    "prose_vs_table", f"{_quote(s)} restates {where}", "consistent", [s.id, best.cell.id],
                    expected=best.value, observed=s.value,
                    reason=f"same value as the cell ({fmt(best.value)}) within rounding" +
                           ("" if score(best, around) > 0 else "; a figure this precise is no coincidence")))
                continue
        # another value for a row the text names fully
        full = [f for f in cands if not f.embedded and score(f, near) == 1.0 and names_row(f, near)
                and fits[id(f)] is True]
        rows_named = {(f.table.id, f.row) for f in full}
        swapped = [f for f in cands if not f.embedded and f.kind == "count" and digits_swapped(s.value, f.value)
                   and (names_row(f, around) or strong) and fits[id(f)] is not False]
        if s.subject:
            # the subject alone names one row: that row (``yes votes`` -> موافق, whatever else is around)
            subj = concepts(s.subject)
            by_subject = [f for f in full if infos[f.table.id].distinctive[f.row] <= subj]
            if len({(f.table.id, f.row) for f in by_subject}) == 1:
                full = by_subject
                rows_named = {(f.table.id, f.row) for f in full}
        if len(rows_named) > 1:
            # "X % of the participants voted yes": a named row that is the base of another named row is the base
            parts = [f for f in full if not any((f.table.id, f.row) != (g.table.id, g.row) and f.table is g.table
                                                and f.row in infos[f.table.id].bases.get(g.row, set()) for g in full)]
            if len({(f.table.id, f.row) for f in parts}) == 1:
                full = parts
                rows_named = {(f.table.id, f.row) for f in full}
        target: Optional[Fig] = None
        if len(rows_named) == 1:
            f = full[0]
            info = infos[f.table.id]
            years = set(_YEAR.findall(fold_digits(near_text)))
            other_year = bool(info.years) and bool(years) and not (years & info.years)
            topic_ok = not info.topic or bool(info.topic & around)
            in_row = any(same_value(s.value, ds, g.value, g.decimals) for g in figs
                         if g.table is f.table and g.row == f.row)
            restated = _value_in(near_text, f.value, f.decimals)
            if topic_ok and not other_year and not in_row and not restated:
                target = f
        if target is None and len(swapped) == 1:
            target = swapped[0]
        if target is not None and not digits_swapped(s.value, target.value):
            # a restatement gone wrong stays near the value; a year, or a figure many times off, is something else
            ratio = abs(s.value) / abs(target.value) if target.value else float("inf")
            year_like = s.kind == "count" and float(s.value).is_integer() and _YEAR.fullmatch(str(int(s.value)))
            if year_like or not 1 / 3 <= ratio <= 3:
                target = None
        if target is not None:
            swap = digits_swapped(s.value, target.value)
            reason = (f"the text gives {fmt(s.value, ds)} where {_where(target)} gives {fmt(target.value, target.decimals)}"
                      + ("; two digits are swapped" if swap else ""))
            out.append(make_check("prose_vs_table", f"{_quote(s)} against {_where(target)}", "inconsistent",
                                  [s.id, target.cell.id], expected=target.value, observed=s.value, reason=reason))
    return out


def _bases(table: Table) -> dict[int, set[int]]:
    """row -> the rows its percentage is of (from the table's own arithmetic checks)."""
    from ._check_table import table_checks

    row_of = {c.id: i for i, r in enumerate(table.rows) for c in r.cells}
    out: dict[int, set[int]] = {}
    for c in table_checks(table):
        if c.kind == "table_arithmetic" and len(c.evidence) == 3 and c.verdict == "consistent":
            out.setdefault(row_of[c.evidence[0]], set()).add(row_of[c.evidence[2]])
    return out


def _value_in(text: str, value, d: int) -> bool:
    from . import numbers

    return any(same_value(m.value, 0 if m.shape != "decimal" else d, value, d)
               for m in numbers.find_numbers(fold_digits(text), words=False))


def _link_table_statistics(ex: Extraction, figs: list[Fig]) -> None:
    """A statistic read inside a table gets the id of the cell it was read from (same line, overlapping)."""
    cells = [f.cell for f in figs if f.cell.span is not None]
    for s in ex.statistics:
        if s.zone != "table" or s.table_cell:
            continue
        spans = [s.span, *s.continued]
        for cell in cells:
            cs = cell.span
            if any(sp.line == cs.line and sp.page == cs.page and sp.start < cs.end and cs.start < sp.end for sp in spans):
                s.table_cell = cell.id
                break
        else:
            # a number written in a text cell that runs over several lines: the nearest such cell above it
            texts = [f for f in figs if f.embedded and f.cell.span is not None and f.value == s.value
                     and f.cell.span.page == s.span.page and f.cell.span.line <= s.span.line]
            if texts:
                s.table_cell = max(texts, key=lambda f: f.cell.span.line).cell.id


def _where(f: Fig) -> str:
    t = f.table
    name = f"Table {t.number}" if t.number is not None else "the table"
    col = t.columns[f.col] if f.col < len(t.columns) and t.columns[f.col] else f"column {f.col + 1}"
    inside = " (in its text)" if f.embedded else ""
    return f"{name}, row «{f.label}», {col}{inside}"


def _quote(s: Statistic) -> str:
    return f"«{text_of(s)}»"


# --- counts that add up ----------------------------------------------------------------------------------


def prose_sums(ex: Extraction, ctx: Context) -> list[Check]:
    out: list[Check] = []
    by_block: dict[str, list[Statistic]] = {}
    for s in ex.statistics:
        if s.kind == "count" and s.zone in PROSE_ZONES and s.value >= 0:
            by_block.setdefault(s.block, []).append(s)
    for items in by_block.values():
        items.sort(key=lambda s: (s.span.page or 0, s.span.line, s.span.start))
        pos = {s.id: _index(ctx, s) for s in items}
        used: set[str] = set()
        for t in sorted(items, key=lambda s: -s.value):
            if t.id in used:
                continue
            window = [p for p in items if p is not t and abs(pos[p.id] - pos[t.id]) <= 2
                      and p.value < t.value and same_unit(p.unit, t.unit) and p.value > 0]
            window.sort(key=lambda p: abs(pos[p.id] - pos[t.id]))
            if len(window) < 2:
                continue
            text = ctx.lines(t.span, 2)
            total_cue = bool(_TOTAL_CUE.search(text))
            if not (total_cue or _PART_CUE.search(text)):
                continue
            found = None
            best_miss = None
            for k in range(2, min(len(window), 5) + 1):
                for combo in itertools.combinations(window, k):
                    total = sum(p.value for p in combo)
                    if total == t.value:
                        found = combo
                        break
                    miss = abs(total - t.value)
                    # a near miss: all the parts listed (the most of them), then the smallest miss
                    if miss <= 0.1 * t.value and (best_miss is None or (-k, miss) < best_miss[0]):
                        best_miss = ((-k, miss), combo)
                if found:
                    break
            if found:
                out.append(make_check(
                    "prose_sum", f"{_quote(t)} = " + " + ".join(_quote(p) for p in found), "consistent",
                    [t.id] + [p.id for p in found], expected=t.value, observed=sum(p.value for p in found),
                    reason=" + ".join(fmt(p.value) for p in found) + f" = {fmt(t.value)}"))
                used |= {t.id, *(p.id for p in found)}
            elif best_miss is not None and t.value >= 10 and total_cue:
                combo = best_miss[1]
                total = sum(p.value for p in combo)
                out.append(make_check(
                    "prose_sum", f"{_quote(t)} = " + " + ".join(_quote(p) for p in combo), "inconsistent",
                    [t.id] + [p.id for p in combo], expected=t.value, observed=total,
                    reason=" + ".join(fmt(p.value) for p in combo) + f" = {fmt(total)}, not {fmt(t.value)}"))
                used |= {t.id, *(p.id for p in combo)}
    return out


def _index(ctx: Context, s: Statistic) -> int:
    hit = ctx.locate(s.span)
    return hit[1] if hit else s.span.line
