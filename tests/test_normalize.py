"""The normalized view: letters, spacing, ZWNJ, language gating, and the exact offset map to the raw lines."""

from __future__ import annotations

import pytest

from extractors import _repair_model as M
from extractors.aligned import AlignedText
from extractors.document import Block, Document, Line
from extractors.normalize import letters, normalize, normalize_line, spacing, zwnj

ZWNJ = "\u200c"


@pytest.fixture(scope="module", autouse=True)
def lexicon_loaded():
    M.load()


def _doc(texts: list[str], langs: list[str]) -> Document:
    doc = Document.from_lines("x.txt", "0" * 64, "text", texts)
    doc.blocks = [Block(id=f"b{k}", zone="body", lang=lang, lines=[ln]) for k, (ln, lang) in enumerate(zip(doc.lines, langs))]
    return doc


def test_arabic_yeh_and_kaf_become_persian_one_for_one():
    at = letters(AlignedText.identity("يك كتاب", base=10))
    assert at.text == "یک کتاب"
    assert list(at.src) == list(range(10, 17))


def test_spacing_collapses_blanks_and_keeps_offsets():
    at = spacing(AlignedText.identity("  a   b\u00a0 c ", base=5))
    assert at.text == "a b c"
    assert at.raw_span(0, 1) == (7, 8)
    assert at.raw_span(4, 5) == (14, 15)


@pytest.mark.parametrize("raw,expected", [
    ("می شود", "می‌شود"),
    ("نمی تواند", "نمی‌تواند"),
    ("همه پرسی سال", "همه‌پرسی سال"),
    ("کتاب ها", "کتاب‌ها"),
    ("می در", "می در"),  # not a verb: left alone
])
def test_zwnj_is_put_back_where_hazm_is_sure(raw, expected):
    out = zwnj(AlignedText.identity(raw))
    assert out.text == expected
    assert len(out.src) == len(out.text)


def test_a_line_that_kept_its_zwnjs_is_left_as_written():
    text = "رئیس‌جمهور گفت که انجام شده است"
    assert zwnj(AlignedText.identity(text)).text == text


def test_persian_line_gets_letters_order_and_zwnj_with_records():
    recs = []
    raw = ' 2022پرسی سال  بررسی انتقادهاي واردشده بر همه'  # seed line 1085
    out = normalize_line(Line(3, raw, 0), recs, lang="fa")
    assert out.text == "بررسی انتقادهای واردشده بر همه‌پرسی سال 2022"
    rules = {r.rule for r in recs}
    assert "reading-order" in rules and "arabic-letters" in rules
    for r in recs:
        assert r.line == 3 and r.before == raw[r.start : r.end]


def test_english_line_only_loses_extra_blanks():
    line = Line(1, "  The  Constitution (1995)  of Kazakhstan ", 0)
    assert normalize_line(line, [], lang="en").text == "The Constitution (1995) of Kazakhstan"


def test_normalize_fills_every_block_and_maps_the_newline_between_lines():
    doc = Document.from_lines("x.txt", "0" * 64, "text", [" شود.  می", "رئیس جمهور گفت"])
    doc.blocks = [Block(id="b1", zone="body", lang="fa", lines=doc.lines)]
    repairs = normalize(doc)
    at = doc.blocks[0].normalized
    first, second = at.text.split("\n")
    assert first == "می‌شود."
    nl = at.text.index("\n")
    assert at.src[nl] == doc.lines[0].end  # the raw newline after line 1
    assert all(0 <= s <= len(doc.raw) for s in at.src)
    assert any(r.rule == "reading-order" for r in repairs)


def test_language_of_the_block_decides():
    doc = _doc(["Introduction: a  national referendum", "انجام داد.  ها در کشور نارضایتی"], ["en", "fa"])
    normalize(doc)
    assert doc.blocks[0].normalized.text == "Introduction: a national referendum"
    assert doc.blocks[1].normalized.text == "نارضایتی‌ها در کشور انجام داد."
