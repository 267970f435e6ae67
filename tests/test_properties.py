"""Arbitrary Persian/English/mixed text and digits through every extractor: no exception, every span valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from extractors import pipeline
from extractors.document import Document

PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكۀأؤئءآ"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
PUNCT = " ،؛.:()«»-ـ%٪/٫٬,;\u200c\t"
WORDS = ["اصل", "لاص", "اصول", "بند", "بندهای", "تا", "و", "درصد", "سال", "روز", "ماه", "نماینده", "تن", "نفر",
         "جدول", "Table", "Source:", "Article", "Art.", "para.", "June", "ژوئن", "اوت", "دی", "فروردین", "پیش از",
         "پس از", "همه‌پرسی", "هفت", "سی و سه", "دو سوم", "one-third", "per cent", "%", "(", ")", "Auyezov,",
         "2022", "1403", "۱۴۰۳", "77،18", "11،734،642", "09/10/1403", "1401/03/15", "Kim;", ":"]

token = st.one_of(st.sampled_from(WORDS), st.text(alphabet=PERSIAN + LATIN + DIGITS + PUNCT, min_size=1, max_size=8))
line = st.lists(token, max_size=14).map(" ".join)
lines = st.lists(line, min_size=1, max_size=12)


def _check(doc: Document, ex) -> None:
    raw = {(ln.page, ln.number): ln.text for ln in doc.lines}
    for cat in ("articles", "citations", "dates", "statistics"):
        for item in getattr(ex, cat):
            for span in [item.span, *item.continued]:
                text = raw[(span.page, span.line)]
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start:span.end] == span.text
    for t in ex.tables:
        for row in t.rows:
            for cell in row.cells:
                if cell.span is not None:
                    assert raw[(cell.span.page, cell.span.line)][cell.span.start:cell.span.end] == cell.span.text
    ids = [i.id for cat in ("articles", "citations", "dates", "statistics") for i in getattr(ex, cat)]
    assert len(ids) == len(set(ids))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_every_extractor_survives_arbitrary_text(texts):
    doc = Document.from_lines("random.txt", "0" * 64, "text", texts)
    pipeline.segment_document(doc)
    repairs = pipeline.normalize_document(doc)
    items = {name: pipeline.run_extractor(name, doc) for name in pipeline.EXTRACTORS}
    ex = pipeline.check_extraction(doc, pipeline.assemble(doc, items, repairs))
    _check(doc, ex)
    pipeline.companion_files(doc, ex)  # report and review page render too
