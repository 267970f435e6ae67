"""Checks: inside tables, prose against tables, abstract against body, counts that add up.

The planted documents (tests/fixtures/planted_*.txt) are written in clean reading order, one Persian (Persian
digits, an English abstract) and one English, each in a clean version and a version with one planted
inconsistency of every kind. Their statistics and dates are given here by hand (as the statistics and dates
extractors give them: value, kind, unit, subject, zone), with and without subjects, so the checks are tested
apart from those extractors; the seed is checked with its hand-annotated statistics too, and through the whole
pipeline once statistics land.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractors._check_common import decimals, digits_swapped, same_value
from extractors.checks import run_checks
from extractors.loaders import load
from extractors.models import DateItem, Extraction, SourceInfo, Statistic, item_id
from extractors.normalize import normalize
from extractors.script import fold_digits
from extractors.segment import segment
from extractors.tables import find_tables

FIX = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "kazakhstan-2022-referendum.txt"

# (line, surface, value, kind, unit, subject, zone or None for the block's zone)
FA_STATS = [
    (2, "4,210,300", 4210300, "count", "voters", "registered voters", "abstract"),
    (3, "2,946,950", 2946950, "count", "voters", "turnout", "abstract"),
    (3, "81.4 %", 81.4, "percent", "percent", "yes votes", "abstract"),
    (4, "years and", None, "duration", "years", "presidential term", "abstract"),
    (4, "120 deputies", 120, "count", "deputies", "deputies", "abstract"),
    (8, "درصد", None, "percent", "percent", "yes votes", "body"),  # the value is read from the line
    (9, "نفر", None, "count", "people", "yes votes", "body"),
    (13, "۴٬۲۱۰٬۳۰۰", 4210300, "count", "voters", "registered voters", "table"),
    (14, "۲٬۹۴۶٬۹۵۰", 2946950, "count", "voters", "turnout", "table"),
    (16, "۲٬۳۹۸٬۸۲۱", 2398821, "count", "votes", "yes votes", "table"),
    (16, "۸۱٫۴۰", 81.4, "percent", "percent", "yes votes", "table"),
    (22, "شش سال", 6, "duration", "years", "presidential term", "body"),
    (23, "۱۲۰ نماینده", 120, "count", "deputies", "deputies", "body"),
    (23, "۱۰۰ نماینده", 100, "count", "deputies", "deputies", "body"),
    (23, "نماینده منصوب", None, "count", "deputies", "deputies", "body"),
]
# (line, zone): the date on the line, read by day, month name and year
FA_DATES = [(2, "abstract"), (7, "body")]

EN_STATS = [
    (2, "64.2 %", 64.2, "percent", "percent", "turnout", "abstract"),
    (3, "58.7 %", 58.7, "percent", "percent", "yes votes", "abstract"),
    (4, "60 members", 60, "count", "members", "senators", "abstract"),
    (4, "years", None, "duration", "years", "presidential term", "abstract"),
    (8, "%", None, "percent", "percent", "yes votes", "body"),
    (9, "voters", None, "count", "voters", "yes votes", "body"),
    (22, "five years", 5, "duration", "years", "presidential term", "body"),
    (23, "60 members", 60, "count", "members", "senators", "body"),
    (23, "40", 40, "count", "members", "senators", "body"),
    (23, "12", 12, "count", "members", "senators", "body"),
    (24, "are appointed by the assembly", None, "count", "members", "senators", "body"),
]
EN_DATES = [(2, "abstract"), (7, "body")]
MONTHS = {"March": 3, "May": 5, "مارس": 3}


def _value_near(text: str, surface: str) -> tuple[int, int, float]:
    """The number nearest a surface word on its line (for specs whose value the planted variant changes)."""
    from extractors import numbers
    from extractors.script import fold_digits

    at = text.index(surface)
    best = None
    for m in numbers.find_numbers(fold_digits(text), lang=None):
        if m.kind not in ("digits", "words"):
            continue
        d = min(abs(m.start - (at + len(surface))), abs(at - m.end))
        if best is None or d < best[0]:
            best = (d, m)
    m = best[1]
    return min(m.start, at), max(m.end, at + len(surface)), m.value


def build(name: str, stats=(), dates=(), subjects: bool = True):
    path = FIX / name if not Path(name).is_absolute() else Path(name)
    doc = load(path)
    segment(doc)
    normalize(doc)
    items = []
    for line, surface, value, kind, unit, subject, zone in stats:
        ln = doc.lines[line - 1]
        if value is None:
            a, b, value = _value_near(ln.text, surface)
        else:
            a = ln.text.index(surface)
            b = a + len(surface)
        span = doc.span(ln.offset + a, ln.offset + b)
        block = doc.block_at(ln.offset + a)
        items.append(Statistic(id=item_id("stat", span, value), span=span, lang=block.lang, zone=zone or block.zone,
                               block=block.id, value=value, kind=kind, unit=unit,
                               subject=subject if subjects else None))
    date_items = []
    for line, zone in dates:
        ln = doc.lines[line - 1]
        m = re.search(r"([0-9۰-۹]{1,2}) (March|May|مارس) ([0-9۰-۹]{4})", ln.text)
        day, year = int(fold_digits(m.group(1))), int(fold_digits(m.group(3)))
        greg = f"{year:04d}-{MONTHS[m.group(2)]:02d}-{day:02d}"
        span = doc.span(ln.offset + m.start(), ln.offset + m.end())
        block = doc.block_at(ln.offset + m.start())
        date_items.append(DateItem(id=item_id("date", span), span=span, lang=block.lang, zone=zone, block=block.id,
                                   calendar="gregorian", value=greg, gregorian=greg, precision="day"))
    ex = Extraction(pipeline_version="test", source=SourceInfo(path=str(path), sha256=doc.sha256, format="text"),
                    blocks=[], statistics=items, dates=date_items, tables=find_tables(doc))
    ex.checks = run_checks(doc, ex)
    return doc, ex


def found(ex, kind, verdict="inconsistent"):
    return [c for c in ex.checks if c.kind == kind and c.verdict == verdict]


def stat_on(ex, line, value=None):
    return next(s for s in ex.statistics if s.span.line == line and (value is None or s.value == value))


# --- helpers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a,da,b,db,same", [
    (77.18, 2, 77.18, 2, True), (77, 0, 77.18, 2, True), (77.2, 1, 77.18, 2, True), (72, 0, 77.18, 2, False),
    (68.05, 2, 68.053, 3, True), (68.05, 2, 68.06, 2, False), (6163516, 0, 6163516, 0, True),
])
def test_same_value_within_rounding(a, da, b, db, same):
    assert same_value(a, da, b, db) is same


@pytest.mark.parametrize("a,b,swapped", [
    (6163516, 6136516, True), (1490470, 1409470, True), (2398821, 2389821, True), (6163516, 6163517, False),
    (107, 701, True), (98, 89, True), (100, 100, False), (1234, 4321, False),
])
def test_digits_swapped(a, b, swapped):
    assert digits_swapped(a, b) is swapped


@pytest.mark.parametrize("text,value,d", [
    ("77،18", 77.18, 2), ("۶۸٫۰۵", 68.05, 2), ("68.10", 68.1, 2), ("11،734،642", 11734642, 0), ("81.4 %", 81.4, 1),
    ("seven-year", 7, 0), ("1،58", 1.58, 2),
])
def test_printed_decimals(text, value, d):
    assert decimals(text, value) == d


# --- the seed --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tables_only():
    return build(str(SEED))


def test_seed_table1_arithmetic_all_consistent(seed_tables_only):
    doc, ex = seed_tables_only
    t1 = next(t for t in ex.tables if t.number == 1)
    arith = [c for c in ex.checks if c.kind == "table_arithmetic" and any(e.startswith(t1.id) for e in c.evidence)]
    # every row with a count and a percentage: turnout, yes, no, invalid, the row after the footnotes
    assert len(arith) == 5
    assert all(c.verdict == "consistent" for c in arith), [c.claim for c in arith if c.verdict != "consistent"]
    bases = {c.evidence[0]: c.evidence[2] for c in arith}
    turnout_count = t1.rows[1].cells[0].id
    registered = t1.rows[0].cells[0].id
    assert bases[t1.rows[1].cells[1].id] == registered  # turnout over registered voters
    for r in (4, 5, 6, 7):  # vote categories over ballots cast (turnout)
        assert bases[t1.rows[r].cells[1].id] == turnout_count
    sums = [c for c in ex.checks if c.kind == "table_sum" and any(e.startswith(t1.id) for e in c.evidence)]
    assert {c.verdict for c in sums} == {"consistent"}
    assert any(c.expected == 7985769 and c.observed == 7985769 for c in sums)
    assert any(c.expected == 100 for c in sums)
    assert not [c for c in ex.checks if c.verdict == "inconsistent"]


def test_seed_table2_members_add_up(seed_tables_only):
    doc, ex = seed_tables_only
    c = next(c for c in ex.checks if c.kind == "table_sum" and c.expected == 107)
    assert c.verdict == "consistent" and c.observed == 107  # 98 elected + 9 appointed


@pytest.fixture(scope="module")
def seed_with_key_statistics():
    """The seed with the hand-annotated statistics (their surfaces and values) standing in for the extractor."""
    key = json.loads((FIX / "seed_statistics.json").read_text(encoding="utf-8"))
    spec = [(it["line"], it["surface"], it["value"], it["kind"], it["unit"], it.get("subject"), it["zone"])
            for it in key["items"]]
    return build(str(SEED), spec)


def test_seed_prose_and_abstract_linked_to_the_yes_cell(seed_with_key_statistics):
    doc, ex = seed_with_key_statistics
    t1 = next(t for t in ex.tables if t.number == 1)
    yes_pct = next(r for r in t1.rows if r.label_span.line == 496).cells[1].id
    body = stat_on(ex, 468, 77.18)
    abstract = stat_on(ex, 40, 77.18)
    assert body.table_cell == yes_pct
    assert abstract.table_cell == yes_pct
    for s in (body, abstract):
        c = next(c for c in ex.checks if c.kind == "prose_vs_table" and s.id in c.evidence)
        assert c.verdict == "consistent" and yes_pct in c.evidence


def test_seed_no_false_inconsistency_with_key_statistics(seed_with_key_statistics):
    doc, ex = seed_with_key_statistics
    bad = [c for c in ex.checks if c.verdict == "inconsistent" and c.kind in ("table_arithmetic", "table_sum",
                                                                              "prose_vs_table", "prose_sum")]
    assert not bad, [(c.claim, c.reason) for c in bad]


def test_seed_table_statistics_linked_to_their_cells(seed_with_key_statistics):
    doc, ex = seed_with_key_statistics
    cells = {c.id: c for t in ex.tables for r in t.rows for c in r.cells}
    linked = [s for s in ex.statistics if s.zone == "table" and s.span.line in (488, 490, 496, 515)]
    assert linked and all(s.table_cell in cells and cells[s.table_cell].value == s.value for s in linked)


def test_seed_mazhilis_sum_in_prose(seed_with_key_statistics):
    doc, ex = seed_with_key_statistics
    sums = found(ex, "prose_sum", "consistent")
    assert any(c.expected == 107 and c.observed == 107 for c in sums)


def test_seed_pipeline_links_the_prose_to_table1():
    """Through the real extractors (statistics.find_statistics): the body's ``77،18 درصد`` and the abstract's
    ``77.18 %`` are linked to the yes cell."""
    from extractors.pipeline import process

    ex = process(SEED)
    body = [s for s in ex.statistics if s.span.line == 468 and abs(s.value - 77.18) < 1e-9]
    abstract = [s for s in ex.statistics if s.span.line == 40 and abs(s.value - 77.18) < 1e-9]
    if not body or not abstract:
        pytest.xfail("statistics.find_statistics has not landed: no statistic on line 468 / 40 to link")
    t1 = next(t for t in ex.tables if t.number == 1)
    yes_pct = next(r for r in t1.rows if r.label_span.line == 496).cells[1].id
    assert body[0].table_cell == yes_pct and abstract[0].table_cell == yes_pct
    assert not [c for c in ex.checks if c.verdict == "inconsistent" and c.kind in ("table_arithmetic", "table_sum")]


# --- planted documents -----------------------------------------------------------------------------------


@pytest.mark.parametrize("subjects", [True, False], ids=["with-subjects", "no-subjects"])
@pytest.mark.parametrize("name,stats,dates", [
    ("planted_referendum_fa.txt", FA_STATS, FA_DATES),
    ("planted_referendum_en.txt", EN_STATS, EN_DATES),
])
def test_clean_documents_give_no_inconsistency(name, stats, dates, subjects):
    doc, ex = build(name, stats, dates, subjects)
    bad = [c for c in ex.checks if c.verdict == "inconsistent"]
    assert not bad, [(c.claim, c.reason) for c in bad]
    kinds = {c.kind for c in ex.checks if c.verdict == "consistent"}
    assert {"table_arithmetic", "table_sum", "prose_vs_table", "abstract_vs_body", "prose_sum"} <= kinds


@pytest.mark.parametrize("subjects", [True, False], ids=["with-subjects", "no-subjects"])
def test_planted_persian_inconsistencies_are_found(subjects):
    doc, ex = build("planted_referendum_fa_errors.txt", FA_STATS, FA_DATES, subjects)
    t1 = ex.tables[0]
    invalid_pct = t1.rows[5].cells[1]
    # 1. inside the table: 94,328 / 2,946,950 = 3.20 %, printed 3.50; the shares then make 100.30
    c = next(c for c in found(ex, "table_arithmetic") if invalid_pct.id in c.evidence)
    assert c.expected == 3.2 and c.observed == 3.5
    assert any(abs(c.observed - 100.3) < 1e-6 for c in found(ex, "table_sum"))
    # 2. prose against the table: 72 % yes where the table gives 81.40; 2,389,821 with two digits swapped
    yes = t1.rows[3]
    p = stat_on(ex, 8)
    c = next(c for c in found(ex, "prose_vs_table") if p.id in c.evidence)
    assert c.expected == 81.4 and c.observed == 72 and yes.cells[1].id in c.evidence
    n = stat_on(ex, 9)
    c = next(c for c in found(ex, "prose_vs_table") if n.id in c.evidence)
    assert c.expected == 2398821 and c.observed == 2389821 and "swapped" in c.reason
    # 3. abstract against body: five years where the body says six
    a = stat_on(ex, 4, 5)
    c = next(c for c in found(ex, "abstract_vs_body") if a.id in c.evidence)
    assert c.expected == 6 and c.observed == 5
    # 4. counts that add up: 100 + 25 = 125, not 120
    c = next(iter(found(ex, "prose_sum")))
    assert c.expected == 120 and c.observed == 125
    # inconsistencies come first
    verdicts = [c.verdict for c in ex.checks]
    assert verdicts == sorted(verdicts, key=lambda v: {"inconsistent": 0, "unverifiable": 1, "consistent": 2}[v])


@pytest.mark.parametrize("subjects", [True, False], ids=["with-subjects", "no-subjects"])
def test_planted_english_inconsistencies_are_found(subjects):
    doc, ex = build("planted_referendum_en_errors.txt", EN_STATS, EN_DATES, subjects)
    t1, t2 = ex.tables
    # 1. a count that does not give its percentage; the parts then miss the total; a Total row that is wrong
    no = t1.rows[4]
    c = next(c for c in found(ex, "table_arithmetic") if no.cells[1].id in c.evidence)
    assert c.observed == 37.23 and c.expected == pytest.approx(39.43)
    assert any(c.expected == 3275698 and c.observed == 3347698 for c in found(ex, "table_sum"))
    assert any(c.expected == 62 and c.observed == 60 for c in found(ex, "table_sum"))
    # 2. 52.7 % yes where the table gives 58.70; 1,292,834 for 1,922,834
    p = stat_on(ex, 8)
    c = next(c for c in found(ex, "prose_vs_table") if p.id in c.evidence)
    assert (c.expected, c.observed) == (58.7, 52.7)
    n = stat_on(ex, 9)
    c = next(c for c in found(ex, "prose_vs_table") if n.id in c.evidence)
    assert (c.expected, c.observed) == (1922834, 1292834) and "swapped" in c.reason
    # 3. the abstract's seven years against the body's five; its 19 May against the body's 9 May
    a = stat_on(ex, 4, 7)
    c = next(c for c in found(ex, "abstract_vs_body") if a.id in c.evidence)
    assert (c.expected, c.observed) == (5, 7)
    assert any(c.observed == "2021-05-19" and c.expected == "2021-05-09" for c in found(ex, "abstract_vs_body"))
    # 4. 40 + 12 + 6 = 58, not 60
    c = next(iter(found(ex, "prose_sum")))
    assert c.expected == 60 and c.observed == 58


def test_planted_clean_links_restatements():
    doc, ex = build("planted_referendum_fa.txt", FA_STATS, FA_DATES)
    t1 = ex.tables[0]
    assert stat_on(ex, 8).table_cell == t1.rows[3].cells[1].id  # ۸۱٫۴ درصد -> 81.40 (rounding)
    assert stat_on(ex, 9).table_cell == t1.rows[3].cells[0].id  # ۲٬۳۹۸٬۸۲۱ نفر
    assert stat_on(ex, 3, 81.4).table_cell == t1.rows[3].cells[1].id  # the abstract's 81.4 %


def test_figures_about_something_else_are_left_alone():
    """A percentage of another election in the same document is not compared with the referendum table."""
    doc, ex = build("planted_referendum_fa.txt", FA_STATS + [
        (21, "ساختار", 55.0, "percent", "percent", None, "body"),
    ], FA_DATES)
    s = stat_on(ex, 21)
    assert not [c for c in ex.checks if s.id in c.evidence and c.kind == "prose_vs_table"]


def test_unverifiable_when_the_body_is_silent():
    doc, ex = build("planted_referendum_en.txt", EN_STATS + [
        (3, "registered voters", 12, "count", "regions", "regions", "abstract"),
    ], EN_DATES)
    s = stat_on(ex, 3, 12)
    c = next(c for c in ex.checks if s.id in c.evidence)
    assert c.verdict == "unverifiable" and c.reason


# --- tables alone ----------------------------------------------------------------------------------------


def _table_checks(text: str):
    from extractors.loaders import load_text

    doc = load_text("t.txt", text.encode("utf-8"))
    segment(doc)
    normalize(doc)
    ex = Extraction(pipeline_version="test", source=SourceInfo(path="t.txt", sha256=doc.sha256, format="text"),
                    blocks=[], tables=find_tables(doc))
    return run_checks(doc, ex)


def test_shares_of_an_unprinted_total_are_of_the_sum_of_the_rows():
    checks = _table_checks("Table 1: Seats won in 2020\n            Seats      %\nParty A       120   48.0\n"
                           "Party B        80   32.0\nParty C        50   20.0\nSource: Parliament (2020)\n")
    assert checks and all(c.verdict == "consistent" for c in checks), [(c.claim, c.verdict) for c in checks]
    assert sum(c.kind == "table_arithmetic" for c in checks) == 3


def test_one_share_off_among_shares_of_the_sum():
    checks = _table_checks("Table 1: Seats won in 2020\n            Seats      %\nParty A       120   48.0\n"
                           "Party B        80   30.0\nParty C        50   20.0\nSource: Parliament (2020)\n")
    bad = [c for c in checks if c.verdict == "inconsistent"]
    assert any(c.kind == "table_arithmetic" and c.observed == 30 and c.expected == 32 for c in bad)


def test_a_percentage_with_no_base_is_unverifiable():
    checks = _table_checks("Table 2: Two figures\n            Count      %\nTurnout       120   61.3\n"
                           "Yes            80   12.0\nSource: Nowhere (2020)\n")
    assert {c.verdict for c in checks if c.kind == "table_arithmetic"} == {"unverifiable"}
    assert all(c.reason for c in checks)


def test_a_number_the_body_writes_but_no_statistic_holds_is_not_a_disagreement():
    """The body's ``شش سال`` was not read as a statistic, and a wrong one stands for the same subject: the
    abstract's six years cannot be said to disagree with the body."""
    stats = [s for s in FA_STATS if s[1] != "شش سال"] + [
        (22, "یک بار", 1, "duration", "years", "presidential term", "body")]
    doc, ex = build("planted_referendum_fa.txt", stats, FA_DATES)
    a = stat_on(ex, 4, 6)
    c = next(c for c in ex.checks if a.id in c.evidence and c.kind == "abstract_vs_body")
    assert c.verdict == "unverifiable" and "شش" in c.reason


def test_dates_far_apart_are_other_events_not_slips():
    doc, ex = build("planted_referendum_en.txt", EN_STATS, EN_DATES)
    from extractors._check_abstract import _one_part_off

    assert _one_part_off("2021-05-19", "2021-05-09") and not _one_part_off("2022-04-26", "2022-06-05")
