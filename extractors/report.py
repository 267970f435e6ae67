"""The human report of one source, one public entry: :func:`render_report` -> ``output/<source>/report.md``.

What was extracted (counts), then every check with its verdict, the numbers, and where each piece of evidence
was read (line, or page and line): inconsistencies first, then what could not be verified, then what agrees;
then the tables as rebuilt. :func:`check_rows` and :func:`artifact_key` give the same checks as rows and a key
for the Prefect artifacts of a run.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

from .models import Check, Extraction, Span, Table

_TITLES = {"inconsistent": "Inconsistencies", "unverifiable": "Unverifiable", "consistent": "Consistent"}
_KINDS = {
    "table_arithmetic": "percentage vs count and base",
    "table_sum": "parts vs total in a table",
    "prose_vs_table": "text vs table",
    "abstract_vs_body": "abstract vs body",
    "prose_sum": "counts that add up in the text",
}


def render_report(ex: Extraction) -> str:
    ev = _Evidence(ex)
    name = Path(ex.source.path).name
    out: list[str] = [f"# Report: {name}", ""]
    src = ex.source
    pages = f", {src.pages} pages" if src.pages else ""
    out += [f"Source `{src.path}` ({src.format}{pages}), sha256 `{src.sha256[:12]}…`, pipeline {ex.pipeline_version}.", ""]
    out += ["## What was extracted", ""]
    counts = ex.counts()
    counts["cited sources"] = len(ex.sources)
    counts["repairs"] = len(ex.repairs)
    out += ["| " + " | ".join(counts) + " |", "|" + "---|" * len(counts),
            "| " + " | ".join(str(v) for v in counts.values()) + " |", ""]
    verdicts = {v: [c for c in ex.checks if c.verdict == v] for v in ("inconsistent", "unverifiable", "consistent")}
    out += [f"Checks: **{len(verdicts['inconsistent'])} inconsistent**, {len(verdicts['unverifiable'])} unverifiable, "
            f"{len(verdicts['consistent'])} consistent.", ""]
    linked = [s for s in ex.statistics if s.table_cell and s.zone != "table"]
    if linked:
        out += [f"Statistics of the text linked to a table cell: {len(linked)}.", ""]
    for verdict in ("inconsistent", "unverifiable", "consistent"):
        checks = verdicts[verdict]
        out += [f"## {_TITLES[verdict]} ({len(checks)})", ""]
        if not checks:
            out += ["None.", ""]
            continue
        if verdict == "consistent":
            out += _check_table(checks, ev)
            continue
        for n, c in enumerate(checks, 1):
            out += _check_section(n, c, ev)
    if ex.tables:
        out += ["## Tables", ""]
        for t in ex.tables:
            out += _table_section(t)
    return "\n".join(out).rstrip() + "\n"


def _check_section(n: int, c: Check, ev: "_Evidence") -> list[str]:
    lines = [f"### {n}. {_md(c.claim)}", "",
             f"- verdict: **{c.verdict}** ({_KINDS.get(c.kind, c.kind)})"]
    if c.expected is not None or c.observed is not None:
        lines.append(f"- expected: {_val(c.expected)} · observed: {_val(c.observed)}")
    if c.reason:
        lines.append(f"- reason: {_md(c.reason)}")
    lines.append("- evidence:")
    for e in c.evidence:
        lines.append(f"  - `{e}` {ev.describe(e)}")
    lines.append("")
    return lines


def _check_table(checks: list[Check], ev: "_Evidence") -> list[str]:
    """What agrees, one line each: the claim, the numbers and where each piece of evidence was read."""
    out = ["| # | kind | claim | expected | observed | evidence |", "|---|---|---|---|---|---|"]
    for n, c in enumerate(checks, 1):
        where = "; ".join(f"`{e}` ({ev.where(e)})" for e in c.evidence)
        out.append(f"| {n} | {_KINDS.get(c.kind, c.kind)} | {_md(c.claim)} | {_val(c.expected)} | {_val(c.observed)} "
                   f"| {_md(where)} |")
    return out + [""]


def _table_section(t: Table) -> list[str]:
    title = t.caption or (f"Table {t.number}" if t.number is not None else "Table")
    out = [f"### {_md(title)}", "", f"`{t.id}`, {_where(t.span)}" + (f"; source: {_md(t.source)}" if t.source else ""), ""]
    width = max((len(r.cells) for r in t.rows), default=0)
    if not width:
        return out + ["(no rows)", ""]
    cols = [(t.columns[c] if c < len(t.columns) else "") or f"column {c + 1}" for c in range(width)]
    out.append("| row | " + " | ".join(_md(c) for c in cols) + " |")
    out.append("|---|" + "---|" * width)
    for r in t.rows:
        cells = []
        for c in range(width):
            cell = r.cells[c] if c < len(r.cells) else None
            v = cell.value if cell is not None else None
            cells.append(_md(_short(_val(v) if not isinstance(v, str) else v)))
        out.append(f"| {_md(r.label)} | " + " | ".join(cells) + " |")
    out.append("")
    return out


class _Evidence:
    """What an evidence id names and where it was read."""

    def __init__(self, ex: Extraction):
        self.items: dict[str, str] = {}
        self.places: dict[str, str] = {}
        for name in ("articles", "citations", "dates", "statistics"):
            for it in getattr(ex, name):
                what = {"articles": "article", "citations": "citation", "dates": "date", "statistics": "statistic"}[name]
                extra = ""
                if name == "statistics":
                    extra = f" = {_val(it.value)} {it.unit}" + (f" ({it.subject})" if it.subject else "")
                elif name == "dates":
                    extra = f" = {it.gregorian or it.value}"
                self.items[it.id] = f"{what} «{_md(it.span.text.strip())}»{extra}, {it.zone}, {_where(it.span)}"
                self.places[it.id] = _where(it.span)
        for t in ex.tables:
            tname = f"Table {t.number}" if t.number is not None else "table"
            self.items[t.id] = f"{tname}, {_where(t.span)}"
            self.places[t.id] = _where(t.span)
            for r in t.rows:
                for c, cell in enumerate(r.cells):
                    col = t.columns[c] if c < len(t.columns) and t.columns[c] else f"column {c + 1}"
                    where = _where(cell.span or r.label_span or t.span)
                    value = _short(_val(cell.value)) if not isinstance(cell.value, str) else f"«{_short(cell.value)}»"
                    self.items[cell.id] = f"{tname}, row «{_md(r.label)}», {_md(col)} = {_md(value)}, {where}"
                    self.places[cell.id] = where

    def describe(self, eid: str) -> str:
        return self.items.get(eid, "(not found in this extraction)")

    def where(self, eid: str) -> str:
        return self.places.get(eid, "?")


def _where(span: Optional[Span]) -> str:
    if span is None:
        return "no position"
    if span.page is not None:
        return f"page {span.page}, line {span.line}"
    return f"line {span.line}"


def _val(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _md(text: Optional[str]) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


# --- Prefect artifacts -----------------------------------------------------------------------------------


def artifact_key(source_path: str, suffix: str = "") -> str:
    """A Prefect artifact key for a source: lowercase letters, digits and dashes only."""
    name = Path(source_path).name
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "source"
    if not name.isascii() or len(key) > 60:
        # letters the key cannot hold (a Persian name) or a long name: a short hash keeps sources apart
        key = f"{key[:50].strip('-')}-{hashlib.sha1(str(source_path).encode()).hexdigest()[:8]}"
    key = f"kavosh-{key}" + (f"-{suffix}" if suffix else "")
    return key.strip("-")


def check_rows(ex: Extraction) -> list[dict]:
    """The checks as table rows (inconsistencies first), evidence with its lines."""
    ev = _Evidence(ex)
    rows = []
    for c in ex.checks:
        rows.append({
            "verdict": c.verdict,
            "kind": c.kind,
            "claim": c.claim,
            "expected": _val(c.expected),
            "observed": _val(c.observed),
            "reason": c.reason or "",
            "evidence": "; ".join(f"{e}: {ev.describe(e)}" for e in c.evidence),
        })
    return rows
