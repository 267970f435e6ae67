"""Tables: the seed's two tables against the hand-annotated key, and small tables of every form in both
languages and digit systems, text and PDF paths."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractors.document import Document, Line
from extractors.loaders import load, load_text
from extractors.normalize import normalize
from extractors.segment import segment
from extractors.tables import find_tables

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures"
SEED = ROOT / "raw" / "kazakhstan-2022-referendum.txt"
SEED_PDF = ROOT / "raw" / "kazakhstan-2022-referendum.pdf"
KEY = json.loads((FIX / "seed_tables.json").read_text(encoding="utf-8"))


def prepared(doc: Document) -> Document:
    segment(doc)
    normalize(doc)
    return doc


def tables_of(text: str, name: str = "t.txt"):
    doc = prepared(load_text(name, text.encode("utf-8")))
    return doc, find_tables(doc)


def key(text: str) -> str:
    """Letters only, ZWNJ and spacing aside: for comparing labels whatever the spacing."""
    return re.sub(r"[\s\u200c]+", "", text or "")


@pytest.fixture(scope="module")
def seed():
    doc = prepared(load(SEED))
    return doc, find_tables(doc)


def values(row):
    return [c.value for c in row.cells]


# --- the seed --------------------------------------------------------------------------------------------


def test_seed_has_both_tables(seed):
    doc, tables = seed
    assert [t.number for t in tables] == [1, 2]
    for t, k in zip(tables, KEY["tables"]):
        assert t.span.line == k["caption_line"]
        assert key(t.caption) == key(k["caption"])
        assert t.source == k["source"]


def test_seed_table1_every_row_and_exact_numbers(seed):
    doc, tables = seed
    t, k = tables[0], KEY["tables"][0]
    assert t.columns == k["columns"]  # ['', 'درصد']: only the percent column has a printed header
    assert [r.label_span.line for r in t.rows] == [r["line"] for r in k["rows"]]
    for row, want in zip(t.rows, k["rows"]):
        assert values(row) == want["cells"], want["label_en"]
        for v in row.cells:
            assert type(v.value) is type(v.value) if v.value is None else isinstance(v.value, (int, float))
    counts = [r.cells[0].value for r in t.rows]
    assert 11734642 in counts and 7985769 in counts and 125859 in counts
    assert isinstance(t.rows[0].cells[0].value, int) and isinstance(t.rows[4].cells[1].value, float)


def test_seed_table1_row_after_the_footnotes(seed):
    doc, tables = seed
    last = tables[0].rows[-1]
    assert last.label_span.line == 515 and values(last) == [125859, 1.58]


def test_seed_table1_labels_readable_where_the_line_is_one_run(seed):
    doc, tables = seed
    by_line = {r.label_span.line: r.label for r in tables[0].rows}
    for line, label in ((490, "میزان مشارکت"), (494, "آرا"), (496, "موافق"), (498, "مخالف"), (500, "نامعتبر")):
        assert by_line[line] == label
    assert "2" not in by_line[492]  # the footnote marker glued to the label is not part of it


@pytest.mark.xfail(reason="labels are the reading-order repair's reading (issue 7): it now reads 6 of the 8 labels, "
                          "but gives 'تعداد رأی ثبت‌شده دهندگان' for 'تعداد رأی‌دهندگان ثبت‌شده' and garbles "
                          "'رأی از راه اِی‌سی‌وی' (rotated pieces)", strict=False)
def test_seed_table1_labels_in_logical_order(seed):
    doc, tables = seed
    assert [key(r.label) for r in tables[0].rows] == [key(r["label"]) for r in KEY["tables"][0]["rows"]]


def test_seed_table2_chambers_periods_terms_members(seed):
    doc, tables = seed
    t, k = tables[1], KEY["tables"][1]
    assert len(t.rows) == len(k["rows"]) == 4
    assert t.columns[:2] == k["columns"] and key(t.columns[2]) == key(k["header"][3])
    for row, want in zip(t.rows, k["rows"]):
        chamber, period = row.label.split(" — ")
        assert key(chamber) == key(want["chamber"])  # the spanning chamber cell carried down
        assert key(period) == key(want["period"])  # ``از  پس`` / ``پرسی همه`` / ``2022 سال`` read back
        assert values(row)[:2] == want["cells"]
        assert row.label_span.line == want["line"]
        assert row.cells[0].span.line == want["term_line"] and row.cells[1].span.line == want["members_line"]
        assert key(row.cells[0].text) == key(want["term"])
        assert isinstance(row.cells[2].value, str) and row.cells[2].value  # the features text


def test_seed_cell_ids_and_spans(seed):
    doc, tables = seed
    raw = SEED.read_text(encoding="utf-8").split("\n")
    ids = []
    for t in tables:
        for i, r in enumerate(t.rows, 1):
            for j, c in enumerate(r.cells, 1):
                assert c.id == f"{t.id}-r{i}-c{j}"
                ids.append(c.id)
                if isinstance(c.value, (int, float)):
                    sp = c.span
                    assert sp.text == raw[sp.line - 1][sp.start:sp.end]
                    assert re.fullmatch(r"[\d،,.٫٬]+", sp.text)
    assert len(ids) == len(set(ids))
    again = find_tables(prepared(load(SEED)))
    assert [c.id for t in again for r in t.rows for c in r.cells] == ids  # stable


# --- text tables of every form ---------------------------------------------------------------------------

ENGLISH = """Some text before the table.

Table 4: Results of the 2019 referendum
                       Votes        %
Registered voters      2,000,000
Turnout                1,500,000    75.0
Votes cast
Yes                    1,200,000    80.0
No                       255,000    17.0
Invalid                   45,000     3.0
Blank                          —       —
Source: Electoral Commission (2019)

More text after it.
"""


def test_english_table_in_reading_order():
    doc, (t,) = tables_of(ENGLISH)
    assert t.number == 4 and t.lang == "en" and t.caption.startswith("Table 4: Results")
    assert t.columns == ["Votes", "%"] and t.source == "Electoral Commission (2019)"
    assert [r.label for r in t.rows] == ["Registered voters", "Turnout", "Votes cast", "Yes", "No", "Invalid", "Blank"]
    assert [values(r) for r in t.rows] == [[2000000, None], [1500000, 75.0], [None, None], [1200000, 80.0],
                                           [255000, 17.0], [45000, 3.0], [None, None]]
    assert t.rows[-1].cells[0].text == "—"  # an empty cell keeps what was printed


PERSIAN = """متن پیش از جدول.

جدول ۲: نتایج همه‌پرسی ۱۴۰۲
\tتعداد\tدرصد
واجدان شرایط\t۱۲٬۳۴۵٬۶۷۸
شرکت‌کنندگان\t۸٬۶۴۱٬۹۷۴\t۷۰٫۰۰
موافق\t۶٬۴۸۱٬۴۸۰\t۷۵٫۰۰
مخالف\t۲٬۱۶۰٬۴۹۴\t۲۵٫۰۰
منبع: ستاد انتخابات، ۱۴۰۲

متن پس از جدول.
"""


def test_persian_table_persian_digits_and_separators():
    doc, (t,) = tables_of(PERSIAN)
    assert t.number == 2 and t.lang == "fa"
    assert t.columns == ["تعداد", "درصد"]
    assert [r.label for r in t.rows] == ["واجدان شرایط", "شرکت‌کنندگان", "موافق", "مخالف"]
    assert [values(r) for r in t.rows] == [[12345678, None], [8641974, 70.0], [6481480, 75.0], [2160494, 25.0]]
    assert t.source == "ستاد انتخابات، ۱۴۰۲"


ARABIC_COMMA = """جدول 7: رأی‌ها
 درصد
11،734،642 کل
14،538 الف
77،18 9،056،512 ب
2،58 303،000 ج
"""


@pytest.mark.parametrize("row,expect", [(0, [11734642, None]), (1, [14538, None]), (2, [9056512, 77.18]),
                                        (3, [303000, 2.58])])
def test_arabic_comma_decimal_or_thousands(row, expect):
    """``،`` before groups of three is a thousands separator, before one or two digits a decimal comma; a row
    drawn right to left (figures first) has its figures in reverse order."""
    doc, (t,) = tables_of(ARABIC_COMMA)
    assert values(t.rows[row]) == expect


INTERRUPTED = """Table 3: Seats won
Party A      120
Party B       80
                                                  
1  . The Assembly is elected every five years.
2  . Independent candidates are counted with Party C.
Party C       50
Total        250
Source: Parliament (2020)
"""


def test_rows_after_footnotes_belong_to_the_table():
    doc, (t,) = tables_of(INTERRUPTED)
    assert [r.label for r in t.rows] == ["Party A", "Party B", "Party C", "Total"]
    assert [r.cells[0].value for r in t.rows] == [120, 80, 50, 250]


def test_reversed_caption():
    doc, tables = tables_of("متن.\n\n :ترکیب مجلس 3جدول\nسنا 49\nمجلس 107\nSource: Constitution (2022)\n")
    assert tables[0].number == 3 and tables[0].caption.startswith("جدول 3: ")
    assert [r.cells[0].value for r in tables[0].rows] == [49, 107]


STACKED = """جدول ۵: ترکیب پارلمان
مجلس\tدوره\tشمار
سنا
پیش از اصلاح
۶
سال
۴۹
پس از اصلاح
۶
سال
۵۰
مجلس سفلی
پیش از اصلاح
۵
سال
۱۰۷
پس از اصلاح
۵
سال
۹۸
منبع: قانون اساسی
"""


def test_cells_one_per_line_with_a_spanning_label():
    doc, (t,) = tables_of(STACKED)
    assert t.columns == ["دوره", "شمار"]
    assert [r.label for r in t.rows] == ["سنا — پیش از اصلاح", "سنا — پس از اصلاح", "مجلس سفلی — پیش از اصلاح",
                                         "مجلس سفلی — پس از اصلاح"]
    assert [values(r) for r in t.rows] == [[6, 49], [6, 50], [5, 107], [5, 98]]
    assert t.rows[0].cells[0].text == "۶ سال"


def test_no_table_without_rows_or_caption():
    doc, tables = tables_of("Just text, with 12 numbers and 2022 years.\nAnother line of 5 words here.\n")
    assert tables == []


# --- PDF tables ------------------------------------------------------------------------------------------


def _pdf_doc(page_lines: dict[int, list[str]], grids: list[dict]) -> Document:
    lines, pos = [], 0
    for page, texts in page_lines.items():
        for n, t in enumerate(texts, 1):
            lines.append(Line(number=n, text=t, offset=pos, page=page))
            pos += len(t) + 1
    doc = Document(path="x.pdf", sha256="0", format="pdf", lines=lines, pages=max(page_lines))
    doc.tables_from_layout = grids
    return prepared(doc)


def _grid(page, caption_line, first_line, rows):
    cells, lines = [], []
    for k, r in enumerate(rows):
        pos, spans = 0, []
        for c in r:
            if c is None:
                spans.append(None)
                continue
            if pos:
                pos += 3
            spans.append((pos, pos + len(c)))
            pos += len(c)
        cells.append(spans)
        lines.append((page, first_line + k))
    return {"page": page, "bbox": (0, 0, 1, 1), "rows": rows, "caption": None, "caption_line": caption_line,
            "direction": "rtl", "lines": lines, "cells": cells}


def test_pdf_grid_becomes_the_same_model():
    rows = [["", "", "درصد"], ["میزان مشارکت", "7،985،769", "68،05"], [None, None, "آرا"],
            ["موافق", "6،163،516", "77،18"], ["رأی از راه اِی‌سی‌وی1", "14،538", ""]]
    texts = ["جدول 1: همه‌پرسی"] + [" | ".join(c for c in r if c is not None) for r in rows] + ["Source: ODIHR"]
    grid = _grid(9, (9, 1), 2, rows)
    grid["caption"] = texts[0]
    doc = _pdf_doc({9: texts}, [grid])
    (t,) = find_tables(doc)
    assert t.number == 1 and t.span.page == 9 and t.source == "ODIHR"
    assert t.columns == ["", "درصد"]
    assert [r.label for r in t.rows] == ["میزان مشارکت", "آرا", "موافق", "رأی از راه اِی‌سی‌وی"]
    assert [values(r) for r in t.rows] == [[7985769, 68.05], [None, None], [6163516, 77.18], [14538, None]]
    sp = t.rows[0].cells[1].span
    assert (sp.page, sp.line, sp.text) == (9, 3, "68،05")


def test_pdf_grid_row_spans_carry_the_label_down():
    rows = [[None, "پارلمان", "دوره", "شمار نمایندگان"], ["سنا", "پیش از همه‌پرسی", "6 سال", "49"],
            [None, "پس از همه‌پرسی", "6 سال", "49"], ["مجلس سفلی", "پیش از همه‌پرسی", "5 سال", "107 نماینده"]]
    texts = ["جدول 2: پارلمان"] + [" | ".join(c for c in r if c is not None) for r in rows]
    grid = _grid(15, (15, 1), 2, rows)
    grid["caption"] = texts[0]
    (t,) = find_tables(_pdf_doc({15: texts}, [grid]))
    assert t.columns == ["دوره", "شمار نمایندگان"]
    assert [r.label for r in t.rows] == ["سنا — پیش از همه‌پرسی", "سنا — پس از همه‌پرسی", "مجلس سفلی — پیش از همه‌پرسی"]
    assert [values(r) for r in t.rows] == [[6, 49], [6, 49], [5, 107]]
    assert t.rows[2].cells[1].text == "107 نماینده"


def test_seed_pdf_tables_match_the_key():
    try:
        doc = prepared(load(SEED_PDF))
    except Exception as e:  # the PDF loader is its own issue
        pytest.skip(f"PDF loading failed: {e}")
    tables = find_tables(doc)
    assert [t.number for t in tables] == [1, 2]
    t1, t2 = tables
    assert [values(r) for r in t1.rows] == [r["cells"] for r in KEY["tables"][0]["rows"]]
    assert [key(r.label) for r in t1.rows] == [key(r["label"]) for r in KEY["tables"][0]["rows"]]
    assert [values(r)[:2] for r in t2.rows] == [r["cells"] for r in KEY["tables"][1]["rows"]]
    assert [key(r.label) for r in t2.rows] == [key(r["chamber"] + "—" + r["period"]) for r in KEY["tables"][1]["rows"]]


def test_a_number_inside_a_label_stays_in_the_label():
    doc, (t,) = tables_of("Table 9: Amendments by article\nArticle 5      12\nArticle 41      3\nArticle 42      7\n"
                          "Source: Constitution (2022)\n")
    assert [r.label for r in t.rows] == ["Article 5", "Article 41", "Article 42"]
    assert [values(r) for r in t.rows] == [[12], [3], [7]]
