"""Segmentation of the real seed: zones and languages a reader would give its lines."""

from __future__ import annotations

import pytest

from extractors.document import Document
from extractors.segment import segment


def zone_of(doc, line_number):
    for b in doc.blocks:
        if any(ln.number == line_number for ln in b.lines):
            return b.zone, b.lang
    return None


# (line, zone, lang) read off the seed by hand
SEED_ZONES = [
    (84, "header", "en"),     # Journal of Central Eurasia Studies, Vol. 17, ...   59
    (781, "header", "fa"),    # 75 ... running head
    (1081, "header", "fa"),   # 1403 پاییز و زمستان ... 80
    (1419, "header", "fa"),   # 87 ... running head
    (5, "abstract", "en"),
    (40, "abstract", "en"),
    (201, "abstract", "fa"),  # the Persian abstract under چکیده
    (199, "heading", "fa"),   # چكيده
    (230, "heading", "fa"),   # مقدمه
    (484, "caption", "fa"),   # جدول 1: ...
    (490, "table", "fa"),     # 68،05 7،985،769 میزان مشارکت
    (515, "table", "fa"),     # the row that comes after the page's footnotes
    (517, "table", "en"),     # Source: ODIHR 3, 2022: 21
    (503, "footnote", "en"),  # 1 . Office for Democratic Institutions ...
    (414, "footnote", "en"),
    (605, "footnote", "fa"),  # Persian footnote ending in its marker .1
    (833, "footnote", "en"),
    (531, "quote", "fa"),     # boxed quote heading: Article 41(1) after the referendum
    (535, "quote", "fa"),
    (551, "quote", "fa"),
    (842, "caption", "fa"),   # جدول 2
    (900, "table", "fa"),
    (933, "table", "en"),
    (401, "body", "fa"),
    (1301, "body", "fa"),
]


@pytest.mark.parametrize("line,zone,lang", SEED_ZONES)
def test_seed_zones(seed_doc, line, zone, lang):
    assert zone_of(seed_doc, line) == (zone, lang)


def test_every_nonblank_line_is_in_exactly_one_block(seed_doc):
    seen = [ln.number for b in seed_doc.blocks for ln in b.lines]
    assert len(seen) == len(set(seen))
    assert set(seen) == {ln.number for ln in seed_doc.lines if ln.text.strip()}
    assert seen == sorted(seen)


def test_running_heads_found_by_repetition_not_text():
    # an invented journal: the same running head on two pages with different page numbers, and a page number alone
    lines = [
        "مقدمه",
        "این یک متن آزمایشی است که چند خط دارد و هیچ عددی ندارد.",
        "12 مجلۀ مطالعات حقوقی، سال سوم",
        "متن صفحۀ بعد ادامه دارد و باز هم چیزی نمی‌گوید.",
        "13 مجلۀ مطالعات حقوقی، سال سوم",
        "14",
        "خط آخر متن.",
    ]
    doc = Document.from_lines("x.txt", "0", "text", lines)
    segment(doc)
    zones = {ln.number: b.zone for b in doc.blocks for ln in b.lines}
    assert zones[3] == zones[5] == zones[6] == "header"
    assert zones[2] == zones[4] == zones[7] == "body"


def test_english_lines_before_persian_are_the_english_abstract():
    lines = ["Abstract", "This paper studies the 2022 referendum in Kazakhstan.", "متن فارسی مقاله اینجا آغاز می‌شود."]
    doc = Document.from_lines("x.txt", "0", "text", lines)
    segment(doc)
    assert [(b.zone, b.lang) for b in doc.blocks] == [("heading", "en"), ("abstract", "en"), ("body", "fa")]
