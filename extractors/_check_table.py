"""Checks inside one table: each percentage against its count and base, parts against their total.

The base of a percentage is found as a reader finds it: among the table's counts larger than the row's count,
the one that gives the printed percentage within rounding (half a unit of its last printed digit): turnout over
the registered voters, each vote category over the votes cast. When several fit, the total of the row's own
section (the rows under a section row such as ``آرا`` that add up to it) comes first, then the base the other
rows of the section use, then the nearest row above. A percentage that fits no base is checked against the base
the rest of its section uses: ``inconsistent``, with the figure it should have been.

Parts and totals: rows sharing a base whose counts add up to it exactly are parts of it (their percentages must
add up to 100 within rounding); rows sharing a base whose percentages add up to 100 are all the parts (their
counts must add up to the base); the rows of a section that add up to another row; a row labelled as a total
(``جمع``, ``Total``) against the rows above it. Inside a row, numbers written in a text cell that add up to the
row's count (``98 ... + 9 ...`` = 107 members) are a sum too.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Optional

from ._check_common import Fig, column_kinds, decimals, fmt, half_unit, make_check, table_figures
from ._check_vocab import concepts
from .models import Cell, Check, Table


def table_checks(table: Table) -> list[Check]:
    kinds = column_kinds(table)
    out: list[Check] = []
    count_cols = [c for c, k in enumerate(kinds) if k == "count"]
    for pc in (c for c, k in enumerate(kinds) if k == "percent"):
        left = [c for c in count_cols if c < pc]
        cc = left[-1] if left else (count_cols[0] if count_cols else None)
        if cc is not None:
            out += _percent_checks(table, cc, pc)
    for cc in count_cols:
        out += _section_sums(table, cc)
        out += _total_rows(table, cc)
    out += _row_text_sums(table)
    seen: set[str] = set()
    unique = []
    for c in out:
        if c.id not in seen:
            seen.add(c.id)
            unique.append(c)
    return unique


def _name(table: Table) -> str:
    return f"Table {table.number}" if table.number is not None else "table"


def _num(cell: Cell):
    return cell.value if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) else None


def _sections(table: Table) -> list[int]:
    """Section index of each row: a row whose cells are all empty opens a new section."""
    out, sec = [], 0
    for r in table.rows:
        if r.cells and all(c.value is None for c in r.cells):
            sec += 1
        out.append(sec)
    return out


def _percent_checks(table: Table, cc: int, pc: int) -> list[Check]:
    rows = table.rows
    cnt = {i: r.cells[cc] for i, r in enumerate(rows) if cc < len(r.cells) and _num(r.cells[cc]) is not None}
    pct = {i: r.cells[pc] for i, r in enumerate(rows) if pc < len(r.cells) and _num(r.cells[pc]) is not None}
    section = _sections(table)
    pairs = [i for i in pct if i in cnt]
    if not pairs:
        return []
    name = _name(table)

    # a base is a row of the table (its index) or, when no row holds it, the sum of a section's rows ("sum", s)
    sums = {s: sum(cnt[i].value for i in pairs if section[i] == s) for s in set(section[i] for i in pairs)}

    def value(b) -> float:
        return float(cnt[b].value) if isinstance(b, int) else float(sums[b[1]])

    def label(b) -> str:
        return rows[b].label if isinstance(b, int) else "the sum of the rows"

    def evidence(b) -> list[str]:
        return [cnt[b].id] if isinstance(b, int) else [cnt[i].id for i in pairs if section[i] == b[1]]

    def fits(i: int, b) -> bool:
        base = value(b)
        d = decimals(pct[i].text, pct[i].value)
        return base > 0 and abs(float(cnt[i].value) / base * 100 - float(pct[i].value)) <= half_unit(d) + 1e-9

    # section totals: the row (outside a section) that equals the sum of the section's rows
    sec_total: dict[int, Optional[int]] = {}
    for s in set(section):
        members = [i for i in cnt if section[i] == s]
        total = sum(cnt[i].value for i in members) if len(members) >= 2 else None
        sec_total[s] = next((j for j in cnt if section[j] != s and total is not None and cnt[j].value == total), None)

    chosen: dict[int, object] = {}
    for i in pairs:
        real = [j for j in cnt if j != i and cnt[j].value > cnt[i].value and fits(i, j)]
        t = sec_total.get(section[i])
        above = [j for j in real if j < i]
        if t in real:
            chosen[i] = t
        elif real:
            chosen[i] = max(above) if above else real[0]
        elif not any(value(j) == sums[section[i]] for j in cnt) and fits(i, ("sum", section[i])):
            chosen[i] = ("sum", section[i])
        else:
            chosen[i] = None
    fitted = {i for i in pairs if chosen[i] is not None}
    # a percentage that fits nothing is checked against the base the other rows of its section (else of the
    # table) use; when no row shows a base there is nothing to check it against
    for i in pairs:
        if i in fitted:
            continue
        same = Counter(chosen[j] for j in fitted if section[j] == section[i])
        every = Counter(chosen[j] for j in fitted)
        pick = same or every
        chosen[i] = pick.most_common(1)[0][0] if pick else sec_total.get(section[i])

    out: list[Check] = []
    for i in pairs:
        b = chosen[i]
        c, p = cnt[i], pct[i]
        d = decimals(p.text, p.value)
        if b is None:
            out.append(make_check(
                "table_arithmetic", f"{name}, {rows[i].label}: {fmt(p.value, d)} % of what?", "unverifiable",
                [p.id, c.id], observed=p.value,
                reason="no count of the table (nor the sum of its rows) gives this percentage, and no other row "
                       "shows which base the table uses"))
            continue
        exact = c.value / value(b) * 100
        claim = f"{name}, {rows[i].label}: {fmt(p.value, d)} % = {fmt(c.value)} / {fmt(value(b))} ({label(b)})"
        ev = [p.id, c.id] + [e for e in evidence(b) if e != c.id]
        if i in fitted:
            out.append(make_check("table_arithmetic", claim, "consistent", ev, expected=round(exact, d), observed=p.value,
                                  reason=f"{fmt(c.value)} / {fmt(value(b))} = {exact:.4f} %, within ±{half_unit(d):g} "
                                         f"of the printed {fmt(p.value, d)}"))
        else:
            out.append(make_check("table_arithmetic", claim, "inconsistent", ev, expected=round(exact, d),
                                  observed=p.value,
                                  reason=f"{fmt(c.value)} / {fmt(value(b))} = {exact:.4f} %, which does not round to "
                                         f"the printed {fmt(p.value, d)} (allowed ±{half_unit(d):g}); the other rows "
                                         f"are of {label(b)}, and no other count of the table gives it either"))

    # parts of a base: by exact counts, or by percentages adding up to 100
    groups: dict[object, list[int]] = {}
    for i in pairs:
        if chosen[i] is not None:
            groups.setdefault(chosen[i], []).append(i)
    for b, members in groups.items():
        if len(members) < 2:
            continue
        s_cnt = sum(cnt[i].value for i in members)
        s_pct = sum(float(pct[i].value) for i in members)
        tol = sum(half_unit(decimals(pct[i].text, pct[i].value)) for i in members) + 1e-9
        labels = " + ".join(rows[i].label for i in members)
        ev_pct = [pct[i].id for i in members]
        if not isinstance(b, int):
            verdict = "consistent" if abs(s_pct - 100) <= tol else "inconsistent"
            out.append(make_check("table_sum", f"{name}: percentages of {labels} add up to 100", verdict, ev_pct,
                                  expected=100, observed=round(s_pct, 6),
                                  reason=f"they are shares of the sum of the rows (±{tol:.3g} for rounding); "
                                         f"they make {s_pct:.4g}"))
            continue
        total = cnt[b].value
        ev_cnt = [cnt[i].id for i in members] + [cnt[b].id]
        if s_cnt == total:
            out.append(make_check("table_sum", f"{name}: {labels} = {rows[b].label}", "consistent", ev_cnt,
                                  expected=total, observed=s_cnt,
                                  reason=" + ".join(fmt(cnt[i].value) for i in members) + f" = {fmt(s_cnt)}"))
            verdict = "consistent" if abs(s_pct - 100) <= tol else "inconsistent"
            out.append(make_check("table_sum", f"{name}: percentages of {labels} add up to 100", verdict, ev_pct,
                                  expected=100, observed=round(s_pct, 6),
                                  reason=f"the counts add up to {rows[b].label}, so their shares must make 100 "
                                         f"(±{tol:.3g} for rounding); they make {s_pct:.4g}"))
        elif abs(s_pct - 100) <= tol:
            out.append(make_check("table_sum", f"{name}: {labels} = {rows[b].label}", "inconsistent", ev_cnt,
                                  expected=total, observed=s_cnt,
                                  reason=f"their percentages add up to 100 ({s_pct:.4g}), so they are all the parts of "
                                         f"{rows[b].label} ({fmt(total)}), but their counts add up to {fmt(s_cnt)}"))
            out.append(make_check("table_sum", f"{name}: percentages of {labels} add up to 100", "consistent", ev_pct,
                                  expected=100, observed=round(s_pct, 6)))
    return out


def _section_sums(table: Table, cc: int) -> list[Check]:
    """The rows of a section (under a section row) that add up to a row outside it."""
    rows = table.rows
    section = _sections(table)
    cnt = {i: r.cells[cc] for i, r in enumerate(rows) if cc < len(r.cells) and _num(r.cells[cc]) is not None}
    out = []
    for s in sorted(set(section)):
        if s == 0:
            continue
        members = [i for i in cnt if section[i] == s]
        if len(members) < 2:
            continue
        total = sum(cnt[i].value for i in members)
        for j in cnt:
            if section[j] != s and cnt[j].value == total:
                labels = " + ".join(rows[i].label for i in members)
                out.append(make_check("table_sum", f"{_name(table)}: {labels} = {rows[j].label}", "consistent",
                                      [cnt[i].id for i in members] + [cnt[j].id], expected=total, observed=total,
                                      reason=" + ".join(fmt(cnt[i].value) for i in members) + f" = {fmt(total)}"))
                break
    return out


def _total_rows(table: Table, cc: int) -> list[Check]:
    """A row labelled as a total against the rows above it (back to the previous total or section row)."""
    rows = table.rows
    out = []
    start = 0
    for j, r in enumerate(rows):
        if r.cells and all(c.value is None for c in r.cells):
            start = j + 1
            continue
        if "total" not in concepts(r.label) or cc >= len(r.cells) or _num(r.cells[cc]) is None:
            continue
        members = [i for i in range(start, j) if cc < len(rows[i].cells) and _num(rows[i].cells[cc]) is not None]
        start = j + 1
        if len(members) < 2:
            continue
        total = rows[j].cells[cc].value
        s = sum(rows[i].cells[cc].value for i in members)
        labels = " + ".join(rows[i].label for i in members)
        verdict = "consistent" if abs(s - total) <= 1e-9 * max(1, abs(total)) else "inconsistent"
        out.append(make_check("table_sum", f"{_name(table)}: {labels} = {r.label}", verdict,
                              [rows[i].cells[cc].id for i in members] + [rows[j].cells[cc].id],
                              expected=total, observed=s,
                              reason=" + ".join(fmt(rows[i].cells[cc].value) for i in members) + f" = {fmt(s)}; "
                                     f"the table prints {fmt(total)}"))
    return out


def _row_text_sums(table: Table) -> list[Check]:
    """Numbers in a row's text cells that add up to one of its counts (``98 ... 9 ...`` with 107 members)."""
    out = []
    figs = table_figures(table)
    by_row: dict[int, list[Fig]] = {}
    for f in figs:
        by_row.setdefault(f.row, []).append(f)
    for i, fs in by_row.items():
        totals = [f for f in fs if not f.embedded and f.kind == "count"]
        parts = [f for f in fs if f.embedded]
        for t in totals:
            cand = [p for p in parts if 0 < p.value < t.value][:8]
            found = None
            for k in range(2, len(cand) + 1):
                for combo in itertools.combinations(cand, k):
                    if sum(p.value for p in combo) == t.value:
                        found = combo
                        break
                if found:
                    break
            if found:
                header = table.columns[t.col] if t.col < len(table.columns) else ""
                out.append(make_check(
                    "table_sum", f"{_name(table)}, {table.rows[i].label}: {header or 'count'} {fmt(t.value)} = "
                    + " + ".join(fmt(p.value) for p in found), "consistent",
                    [t.cell.id] + sorted({p.cell.id for p in found}), expected=t.value,
                    observed=sum(p.value for p in found),
                    reason="the numbers written in the row's text add up to its count",
                    extra="|".join(str(p.value) for p in found)))
    return out
