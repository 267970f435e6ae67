"""The offset map: every normalized character points back at the raw character it was read from."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from extractors.aligned import AlignedText
from extractors.document import Document, Line
from extractors.normalize import normalize_line

PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكۀأؤئءآ"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
PUNCT = " ،؛.:()«»-ـ%٪/٫٬,\u200c\t  "

mixed_text = st.text(alphabet=PERSIAN + LATIN + DIGITS + PUNCT, max_size=120)


def test_translate_and_sub_keep_offsets():
    at = AlignedText.identity("كتاب  هاي من", base=100)
    at = at.translate({ord("ك"): "ک", ord("ي"): "ی"})
    at = at.sub(r" {2,}", " ")
    at = at.sub(r"(?<=ب) (?=ها)", "\u200c")
    assert at.text == "کتاب\u200cهای من"
    assert at.raw_span(0, 4) == (100, 104)  # کتاب
    assert at.raw_span(5, 8) == (106, 109)  # های
    assert at.raw_span(9, 11) == (110, 112)  # من


def test_a_reordered_view_maps_a_span_to_the_raw_extent():
    # raw (damaged order) "62، اصل" ; a repair puts "اصل 62" in reading order
    raw = AlignedText.identity("62، اصل", base=10)
    view = AlignedText.concat([raw[4:7], AlignedText(" ", [13], [1]), raw[0:2]])
    assert view.text == "اصل 62"
    assert view.raw_span(0, 6) == (10, 17)
    assert view.raw_span(4, 6) == (10, 12)


@settings(max_examples=300, deadline=None)
@given(mixed_text, st.integers(min_value=0, max_value=5000))
def test_every_normalized_char_maps_into_its_raw_line(text, offset):
    line = Line(number=1, text=text, offset=offset)
    at = normalize_line(line)
    assert len(at.src) == len(at.text)
    for s in at.src:
        assert offset <= s <= offset + max(len(text) - 1, 0)
    # any span of the normalized view maps to a raw extent inside the line
    for start in range(0, len(at.text), 7):
        end = min(len(at.text), start + 5)
        if start < end:
            lo, hi = at.raw_span(start, end)
            assert offset <= lo < hi <= offset + len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(mixed_text, min_size=1, max_size=6))
def test_document_spans_slice_exactly_the_raw_line(texts):
    doc = Document.from_lines("x.txt", "0", "text", texts)
    for line in doc.lines:
        for m in re.finditer(r"\S+", line.text):
            (span,) = doc.spans(line.offset + m.start(), line.offset + m.end())
            assert span.line == line.number
            assert span.text == line.text[span.start:span.end] == m.group()
