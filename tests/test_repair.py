"""Reading-order repair of damaged Persian lines (issue 7): real seed lines, the gold set, the guarantees."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from extractors import _repair_model as M
from extractors._repair_engine import _KASHIDA
from extractors.aligned import AlignedText
from extractors.document import Document, Line
from extractors.loaders import load
from extractors.normalize import normalize, normalize_line, spacing
from extractors.provenance import locate
from extractors.repair import audit, repair_line, repaired_text
from extractors.script import fold_digits
from extractors.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw" / "kazakhstan-2022-referendum.txt"
GOLD = json.loads((ROOT / "tests" / "fixtures" / "repair_gold.json").read_text(encoding="utf-8"))["lines"]
ZWNJ = "\u200c"
WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u06C0\u0622\u200c]+")


@pytest.fixture(scope="session")
def lexicon_loaded():
    M.load()
    return True


@pytest.fixture(scope="session")
def seed(lexicon_loaded):
    doc = load(str(SEED))
    segment(doc)
    repairs = normalize(doc)
    lines: dict[int, str] = {}
    for b in doc.blocks:
        for ln, text in zip(b.lines, b.normalized.text.split("\n")):
            lines[ln.number] = text
    return doc, repairs, lines


# real damaged lines of the seed and their reading (line number -> expected normalized text)
CASES = {
    184: "بر ساختار سیاسی جمهوری قزاقستان",  # a word moved from the line's end
    270: "نارضایتی‌ها در کشور انجام داد.",  # suffix after a ZWNJ point, punctuation at the wrong end
    328: "پیشینۀ پژوهش",  # ۀ moved onto the next word
    332: "برای نمونه به چند مورد اشاره می‌کنیم:",  # می at the end, colon at the front
    371: "مقاله‌ای، با توجه به تازگی موضوع، نوشته نشده است. در میان پژوهشگران خارجی نیز هنوز",
    379: "است. همچنین پژوهش‌هایی به تحول دادگاه قانون اساسی قزاقستان، شورش ژانویه 2022 در",  # a number
    521: "این اصلاحات قانون اساسی قزاقستان در 5 مورد قابل بررسی است:",  # rotated است, number
    574: "دچار تغییر شده است. بیشتر تغییرهای این بند از قانون اساسی شامل تغییر در ساختار و",  # merged هایدچار
    652: "نسخۀ جدید و نهایی که سنا هم تصویب کرده باشد، حداکثر در مدت ده روز برای",
    661: "ـ اگر مجلس سنا در مدت 60 روز تصمیم مربوط را ارائه نکند، قانون به رئیس‌جمهور",  # list dash glued
    676: "شکل 1) رویه کاری مجلس",  # mirrored bracket
    362: "مشکلات ایجاد جامعۀ مدنی، رویدادهای سیاسی اصلی، مسائل مهم سیاست داخلی و خارجی",  # yeh-split words
    215: "چگونه اصلاحات انجام‌شده بر ساختار سیاسی جمهوری قزاقستان تأثیر گذاشته است یا خواهد",  # سیاسی in pieces
    1017: "قاضی‌های دادگاه منصوب می‌کند؛",
    968: "رئیس‌جمهور جمهوری قزاقستان در مدت کاربست اختیارهای خود",  # merged کاربستجمهور
    1044: "ـ از دیگر تغییرهای مهم انجام‌شده در اصلاحات 5 ژوئن 2022، لغو مجازات اعدام است که",
    1057: "ـ اصل 24 قانون اساسی در بند 1 می‌گوید که شهروندان قزاقستان در انتخاب حرفه و شغل",
    1085: "بررسی انتقادهای واردشده بر همه‌پرسی سال 2022",  # Arabic ي, همه پرسی
    1185: "چالش‌های جدی در اختیار نداشتند.",  # every word scrambled
    1213: "چیزی که چند ماه پیش، دور از انتظار به نظر می‌رسید؛",
    1285: "برای رژیم بهترین زمان برای برگزاری انتخابات است، زیرا زمان کافی برای مخالفان",
    1354: "مثبت تقسیم کرده‌ایم:",
}


@pytest.mark.parametrize("number,expected", sorted(CASES.items()))
def test_damaged_seed_lines_are_read_in_logical_order(seed, number, expected):
    doc, _, lines = seed
    assert lines[number] == expected, f"raw: {doc.lines[number - 1].text!r}"


def test_known_word_share_rises_to_95_percent(seed):
    doc, _, _ = seed
    fa = [b for b in doc.blocks if b.lang == "fa"]

    def share(texts):
        words = [w.strip(ZWNJ) for t in texts for w in WORD.findall(t.translate(str.maketrans("يك", "یک")))]
        words = [w for w in words if w]
        return sum(M.known(w) for w in words) / len(words)

    raw, norm = share([b.text for b in fa]), share([b.normalized.text for b in fa])
    assert 0.80 < raw < 0.88  # about 84% of the raw Persian words
    assert norm >= 0.95


def test_no_known_word_is_changed_into_an_unknown_one(seed):
    """Every output word that holds characters of a raw word hazm knows is known too (or is that word)."""
    doc, _, _ = seed
    fold = str.maketrans({"ي": "ی", "ك": "ک", "\u0640": None})
    bad = []
    for b in (b for b in doc.blocks if b.lang == "fa"):
        at = b.normalized
        for m in WORD.finditer(at.text):
            word = m.group().strip(ZWNJ)
            if not word or M.known(word):
                continue
            for s, ins in zip(at.src[m.start() : m.end()], at.inserted[m.start() : m.end()]):
                if ins:
                    continue
                ln = doc.lines[doc.line_index(s)]
                for rw in WORD.finditer(ln.text):
                    if rw.start() <= s - ln.offset < rw.end():
                        raw_word = rw.group().translate(fold)
                        if M.known(raw_word) and raw_word != word.replace(ZWNJ, ""):
                            bad.append((ln.number, raw_word, word))
    assert not bad, bad[:10]


def test_gold_set_is_large_and_well_formed():
    assert len(GOLD) >= 200
    raw_lines = SEED.read_text(encoding="utf-8").split("\n")
    for g in GOLD:
        assert raw_lines[g["line"] - 1] == g["raw"]
        assert g["gold"] and g["how"]


def test_accuracy_on_the_gold_set_does_not_fall(seed):
    sys.path.insert(0, str(ROOT / "bench"))
    from repair_accuracy import edit_distance, words

    _, _, lines = seed
    tot = err = err_raw = 0
    for g in GOLD:
        gw = words(g["gold"])
        tot += len(gw)
        err += edit_distance(words(lines[g["line"]]), gw)
        err_raw += edit_distance(words(g["raw"]), gw)
    assert 1 - err_raw / tot < 0.2
    assert 1 - err / tot >= 0.50  # measured 0.54 (bench/repair_accuracy.py)


def test_clean_lines_pass_through_unchanged(lexicon_loaded):
    """The PDF's logical reading (the gold lines, typeset from a careful reading) is left as it is."""
    changed = [g["gold"] for g in GOLD if normalize_line(Line(1, g["gold"], 0), [], lang="fa").text != g["gold"]]
    assert len(changed) <= len(GOLD) // 100, changed[:5]


def test_english_lines_come_through_unchanged_except_spacing(seed):
    doc, _, _ = seed
    for b in doc.blocks:
        if b.lang != "en":
            continue
        for ln, text in zip(b.lines, b.normalized.text.split("\n")):
            assert text == re.sub(r"\s+", " ", ln.text.replace("\u00a0", " ")).strip()


def test_repairs_are_recorded_with_raw_offsets(seed):
    doc, repairs, _ = seed
    assert repairs
    rules = {"reading-order", "rotated-chunks", "joined-pieces", "split-merged", "zwnj", "arabic-letters", "kashida"}
    by_number = {ln.number: ln for ln in doc.lines}
    for r in repairs:
        line = by_number[r.line]
        assert 0 <= r.start < r.end <= len(line.text)
        assert r.before == line.text[r.start : r.end]
        assert r.rule in rules
    assert {r.rule for r in repairs} >= {"reading-order", "rotated-chunks", "zwnj", "arabic-letters"}


def test_a_span_found_in_the_normalized_text_points_at_its_raw_characters(seed):
    """Extractor-style: find ``اصل 62`` in the repaired view, map it back, get the raw (damaged) characters."""
    doc, _, _ = seed
    found = 0
    for block in doc.blocks:
        text = fold_digits(block.normalized.text)
        for m in re.finditer(r"اصل (\d+)", text):
            span, continued = locate(doc, block, m.start(), m.end())
            raw = doc.lines[span.line - 1].text
            assert span.text == raw[span.start : span.end]
            covered = span.text + "".join(c.text for c in continued)
            # the raw characters include the number and the letters of اصل (perhaps rotated: لاص)
            assert m.group(1) in fold_digits(covered).replace(" ", "") or m.group(1) in fold_digits(raw)
            assert all(ch in covered for ch in "اصل")
            found += 1
    assert found >= 10


def test_repaired_text_has_one_line_per_raw_line(seed):
    doc, _, lines = seed
    text = repaired_text(doc)
    out = text.split("\n")
    assert out[-1] == ""
    assert len(out) - 1 == len(doc.lines)
    assert out[1084] == lines[1085]


def test_repair_line_leaves_english_and_returns_records(lexicon_loaded):
    en = Line(1, "The Constitution of Kazakhstan  was adopted", 0)
    at = AlignedText.identity(en.text)
    assert repair_line(at, en, [], lang="en") is at
    fa = Line(1, " شود.  می", 0)
    recs = []
    out = normalize_line(fa, recs, lang="fa")
    assert out.text == "می‌شود."
    assert any(r.rule == "reading-order" for r in recs)


# ---------------------------------------------------------------------------------------- the offset map
_CHARS = st.sampled_from(list("ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهیئيكۀآ") + list("abcXYZ") + list("0123456789۰۱۲")
                         + [" ", " ", "  ", "،", ".", "(", ")", "«", "»", "ـ", ":", "؛"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_CHARS, min_size=1, max_size=40).map("".join), st.integers(0, 50))
def test_every_normalized_character_maps_into_its_raw_line(lexicon_loaded, text, base):
    line = Line(1, text, base)
    for lang in ("fa", "en"):
        at = normalize_line(line, [], lang=lang)
        assert len(at.src) == len(at.text)
        for s in at.src:
            assert line.offset <= s < max(line.end, line.offset + 1)
        n = len(at.text)
        for a in range(0, n, 3):
            for b in range(a + 1, n + 1, 4):
                lo, hi = at.raw_span(a, b)
                assert line.offset <= lo < hi <= line.end


_MIRRORS = {"(": ")", ")": "(", "«": "»", "»": "«", "[": "]", "]": "["}
_FOLD = str.maketrans({"ي": "ی", "ك": "ک"})


@settings(max_examples=80, deadline=None)
@given(st.lists(_CHARS, min_size=1, max_size=30).map("".join))
def test_repair_is_a_permutation_of_the_raw_characters(lexicon_loaded, text):
    """Reordering only moves raw characters: each raw non-blank character (but a kashida) appears once in the
    reading, as itself (letters folded, brackets turned); everything else is an inserted blank or ZWNJ."""
    line = Line(1, text, 0)
    at = normalize_line(line, [], lang="fa")
    seen = []
    for ch, s, ins in zip(at.text, at.src, at.inserted):
        if ins or ch.isspace():
            assert ch.isspace() or ch == ZWNJ or not ins
            continue
        raw = text[s].translate(_FOLD)
        assert ch == raw or _MIRRORS.get(raw) == ch
        seen.append(s)
    assert len(seen) == len(set(seen))
    kashida = {i for m in _KASHIDA.finditer(text.translate(_FOLD)) for i in range(m.start(), m.end())}
    expected = [i for i, c in enumerate(text) if not c.isspace() and i not in kashida]
    assert sorted(seen) == expected


def test_a_clean_pdf_text_layer_passes_through_unchanged(lexicon_loaded):
    """The main PDF (typeset from a careful reading) gives logical-order lines: none of them is reordered."""
    from extractors.pipeline import load_source, normalize_document, segment_document

    doc = load_source(ROOT / "raw" / "kazakhstan-2022-referendum.pdf")
    segment_document(doc)
    normalize_document(doc)
    changed = []
    for b in doc.blocks:
        if b.lang != "fa":
            continue
        for ln, text in zip(b.lines, b.normalized.text.split("\n")):
            if text != re.sub(r"\s+", " ", ln.text).strip():
                changed.append((ln.text, text))
    assert len(changed) <= 2, changed[:3]
