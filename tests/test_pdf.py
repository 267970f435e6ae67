"""PDF ingest (issue 6): lines in logical reading order, zones from layout, tables, provenance, one-line errors.

Real PDFs: the seed article as LibreOffice and WeasyPrint typeset it, and third-party PDFs (XeLaTeX, pdfmake,
pdf.js; see their README). Small PDFs made here (a simple font whose ToUnicode maps one byte per character,
glyphs drawn left to right as a PDF draws them) pin down one behaviour each: columns, running heads, footnotes,
boxes, ruled tables, presentation forms, and the errors (encrypted, scan, truncated, corrupt, page limit).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from bidi import get_display

from extractors import lexicon
from extractors.errors import SourceError
from extractors.loaders import load
from extractors.pdf import CELL_SEPARATOR, load_pdf

SHARED = Path(__file__).resolve().parents[2] / "shared"
MAIN = SHARED / "sources" / "kazakhstan-2022-referendum.pdf"
WEASY = SHARED / "sources" / "kazakhstan-2022-referendum.weasyprint.pdf"
EXTERNAL = SHARED / "external" / "pdfs"
ZWNJ = "\u200c"

needs_shared = pytest.mark.skipif(not MAIN.exists(), reason="shared PDFs not present")


@lru_cache(maxsize=None)
def doc_of(path: Path):
    return load_pdf(str(path), path.read_bytes())


def line(doc, page: int, number: int):
    return next(ln for ln in doc.lines if ln.page == page and ln.number == number)


def lines_of(doc, page: int):
    return [ln for ln in doc.lines if ln.page == page]


# ------------------------------------------------------------------------------------------ a tiny PDF writer

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


class PDF:
    """Pages of drawing ops -> PDF bytes. Ops: ("text", x, y, size, visual_string), ("line", x0, y0, x1, y1),
    ("rect", x, y, w, h), ("image",). Text is drawn glyph after glyph left to right (the visual order), each
    character one byte code of one font, width 500/1000 em (a space 250, a ZWNJ 0). ``build(user_password=...)``
    encrypts it (standard security handler, revision 2, RC4 40-bit)."""

    def __init__(self, width=500, height=700):
        self.w, self.h = width, height
        self.pages: list[list[tuple]] = []

    def page(self, *ops):
        self.pages.append(list(ops))
        return self

    def build(self, user_password=None, owner_password="owner") -> bytes:
        chars = sorted({ch for ops in self.pages for op in ops if op[0] == "text" for ch in op[4]})
        if len(chars) > 250:
            raise ValueError("too many distinct characters for one simple font")
        code = {ch: i + 1 for i, ch in enumerate(chars)}
        objs: list[bytes] = []

        def add(body) -> int:
            objs.append(b"" if body is None else body if isinstance(body, bytes) else body.encode("latin-1"))
            return len(objs)

        cmap = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                "/CMapName /Test-UCS def /CMapType 2 def",
                "1 begincodespacerange <00> <FF> endcodespacerange"]
        items = [f"<{code[ch]:02X}> <{ch.encode('utf-16-be').hex().upper()}>" for ch in chars]
        for k in range(0, len(items), 100):
            chunk = items[k:k + 100]
            cmap.append(f"{len(chunk)} beginbfchar")
            cmap.extend(chunk)
            cmap.append("endbfchar")
        cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
        cmap_data = "\n".join(cmap).encode("latin-1")
        self._streams = {}
        cmap_id = add(None)
        self._streams[cmap_id] = (b"", cmap_data)
        widths = " ".join("250" if ch == " " else "0" if ch == "\u200c" else "500" for ch in chars) or "500"
        desc_id = add("<< /Type /FontDescriptor /FontName /KavoshTest /Flags 32 /FontBBox [0 -200 1000 800] "
                      "/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
        font_id = add(f"<< /Type /Font /Subtype /Type1 /BaseFont /KavoshTest /FirstChar 1 "
                      f"/LastChar {max(1, len(chars))} /Widths [{widths}] /FontDescriptor {desc_id} 0 R /ToUnicode {cmap_id} 0 R >>")
        img_id = add(None)
        self._streams[img_id] = (b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                                 b"/BitsPerComponent 8", b"\x00\xff\xff\x00")
        page_ids = []
        pages_id_placeholder = len(objs) + 1 + 2 * len(self.pages)
        for ops in self.pages:
            content = []
            for op in ops:
                if op[0] == "text":
                    _, x, y, size, s = op
                    hexs = "".join(f"{code[ch]:02X}" for ch in s)
                    content.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm <{hexs}> Tj ET")
                elif op[0] == "line":
                    _, x0, y0, x1, y1 = op
                    content.append(f"0.5 w {x0} {y0} m {x1} {y1} l S")
                elif op[0] == "rect":
                    _, x, y, w, h = op
                    content.append(f"0.5 w {x} {y} {w} {h} re S")
                elif op[0] == "image":
                    content.append(f"q {self.w - 100} 0 0 {self.h - 100} 50 50 cm /Im1 Do Q")
            cid = add(None)
            self._streams[cid] = (b"", "\n".join(content).encode("latin-1"))
            pid = add(f"<< /Type /Page /Parent {pages_id_placeholder} 0 R /MediaBox [0 0 {self.w} {self.h}] "
                      f"/Resources << /Font << /F1 {font_id} 0 R >> /XObject << /Im1 {img_id} 0 R >> >> "
                      f"/Contents {cid} 0 R >>")
            page_ids.append(pid)
        kids = " ".join(f"{p} 0 R" for p in page_ids)
        pages_id = add(f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>")
        assert pages_id == pages_id_placeholder
        catalog_id = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
        file_id = hashlib.md5(b"kavosh-test").digest()
        encrypt = None
        key = None
        if user_password is not None:
            p_value = -44
            o = rc4(hashlib.md5((owner_password.encode() + PAD)[:32]).digest()[:5], (user_password.encode() + PAD)[:32])
            seed = (user_password.encode() + PAD)[:32] + o + struct.pack("<i", p_value) + file_id
            key = hashlib.md5(seed).digest()[:5]
            u = rc4(key, PAD)
            encrypt = add(f"<< /Filter /Standard /V 1 /R 2 /O <{o.hex()}> /U <{u.hex()}> /P {p_value} >>")
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(objs, 1):
            offsets.append(len(out))
            if n in self._streams:
                extra, data = self._streams[n]
                if key is not None:
                    data = rc4(hashlib.md5(key + struct.pack("<i", n)[:3] + b"\x00\x00").digest()[:10], data)
                out += f"{n} 0 obj\n<< ".encode() + extra + f" /Length {len(data)} >>\nstream\n".encode() + data \
                    + b"\nendstream\nendobj\n"
            else:
                out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        trailer = f"<< /Size {len(objs) + 1} /Root {catalog_id} 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
        if encrypt:
            trailer += f" /Encrypt {encrypt} 0 R"
        out += f"trailer\n{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def visual(logical: str) -> str:
    """How a right-to-left line of ``logical`` text sits on the page, left to right (what a PDF draws)."""
    return get_display(logical, base_dir="R")


def rtl_text(x_right: float, y: float, size: float, logical: str) -> tuple:
    """A right-aligned Persian line ending at ``x_right`` (widths as the test font has them)."""
    vis = visual(logical)
    width = sum(0.25 if ch == " " else 0 if ch == ZWNJ else 0.5 for ch in vis) * size
    return ("text", round(x_right - width, 2), y, size, vis)


# ------------------------------------------------------------------------------------------ the seed PDFs


@needs_shared
def test_main_pdf_lines_in_logical_order():
    doc = doc_of(MAIN)
    assert doc.format == "pdf" and doc.pages == 24
    # the title (the PDF's own metadata has it in logical order), a date line with slashes, Persian with Latin
    assert line(doc, 4, 2).text == "تأثیر همه‌پرسی سال 2022 بازنگری قانون اساسی بر ساختار"
    assert line(doc, 4, 8).text == "(تاریخ دریافت: 02/03/1403 - تاریخ پذیرش: 09/10/1403)"
    assert line(doc, 5, 2).text == "90،01 درصد آرا تصویب شد (The Constitution of Kazakhstan, 2022). این قانون بارها"
    # a Latin citation broken over two lines stays one Latin run on both
    assert line(doc, 5, 5).text.endswith("یا از راه همه‌پرسی ملی (Odihr")
    assert line(doc, 5, 6).text.startswith("3, 2022: 1). از میان بازنگری‌های انجام‌شده")
    assert line(doc, 5, 15).text.endswith("برگزار کرد (The Commission on Security…,")
    # the tail of a Persian paragraph with Latin letters only keeps its closing marks at the end
    assert line(doc, 12, 7).text == "Republic of Kazakhstan, 2022)."
    # the Table 1 caption and a boxed quote's heading
    assert line(doc, 9, 6).text == "جدول 1: همه‌پرسی جمهوری قزاقستان، 5 ژوئن 2022"
    assert line(doc, 9, 22).text == "اصل 41 قانون اساسی جمهوری قزاقستان، بند 1، پس از همه‌پرسی سال 2022"
    # a footnote that opens with its number before an English name
    assert line(doc, 8, 29).text.startswith("1Office for Democratic Institutions and Human Rights (ODIHR) دفتر")
    # list dashes (a bare tatweel) are kept; ZWNJ from the PDF's ActualText is kept
    assert line(doc, 11, 17).text.startswith("ـ مجلس پائین حق دارد")
    assert sum(ln.text.count(ZWNJ) for ln in doc.lines) > 600


@needs_shared
def test_main_pdf_provenance_and_offsets():
    doc = doc_of(MAIN)
    pos = 0
    for p in range(1, 25):
        lines = lines_of(doc, p)
        assert [ln.number for ln in lines] == list(range(1, len(lines) + 1))
        for ln in lines:
            assert ln.offset == pos and doc.raw[ln.offset:ln.end] == ln.text
            pos += len(ln.text) + 1
            x0, top, x1, bottom = ln.bbox
            assert 0 <= x0 < x1 <= 499 and 0 <= top < bottom <= 709
            assert ln.font_size and ln.font_size > 5
    # a span read from the Document carries page, line and the line's box
    caption = line(doc, 9, 6)
    start = caption.offset + caption.text.index("5 ژوئن 2022")
    span = doc.span(start, start + len("5 ژوئن 2022"))
    assert (span.page, span.line, span.text, span.bbox) == (9, 6, "5 ژوئن 2022", caption.bbox)


@needs_shared
def test_main_pdf_zones_from_layout():
    doc = doc_of(MAIN)
    for p in range(1, 25):
        first = lines_of(doc, p)[0]
        assert first.zone_hint == "header", (p, first.text)
        assert re.search(r"\b(5[89]|[6-7]\d|8[01])\b", first.text)  # the page number is in the running head
    assert sum(ln.zone_hint == "header" for ln in doc.lines) == 24
    assert line(doc, 7, 30).zone_hint == "footnote" and line(doc, 7, 30).text == "1The Assembly of People of Kazakhstan"
    assert [ln.zone_hint for ln in lines_of(doc, 20)[-4:]] == ["footnote"] * 4
    assert line(doc, 9, 6).zone_hint == "caption"
    assert [line(doc, 9, n).zone_hint for n in range(7, 17)] == ["table"] * 10  # nine rows and the Source line
    assert line(doc, 9, 16).text == "Source: ODIHR 3, 2022: 21"
    assert [line(doc, 9, n).zone_hint for n in (22, 23, 24)] == ["quote"] * 3
    assert line(doc, 15, 2).zone_hint == "quote"  # a boxed quote carried over to the next page
    assert line(doc, 9, 17).zone_hint is None and line(doc, 5, 2).zone_hint is None
    # superscript markers linked to their notes on the same page
    assert {"page": 7, "line": 20, "marker": "1", "footnote_line": 30} in doc.footnote_links
    assert line(doc, 7, 20).text.startswith("توکایف در نشست مجمع خلق قزاقستان1 در 26")


TABLE1_ROWS = [
    ["", "", "درصد"],
    ["تعداد رأی‌دهندگان ثبت‌شده", "11،734،642", ""],
    ["میزان مشارکت", "7،985،769", "68،05"],
    ["رأی از راه اِی‌سی‌وی1", "14،538", ""],
    ["آرا", None, None],
    ["موافق", "6،163،516", "77،18"],
    ["مخالف", "1،490،470", "18،66"],
    ["نامعتبر", "205،924", "2،58"],
    ["برگه‌های رأی با گزینه‌های بله و خیر", "125،859", "1،58"],
]


@needs_shared
def test_main_pdf_table1_cells_in_reading_order():
    doc = doc_of(MAIN)
    t = doc.tables_from_layout[0]
    assert set(t) >= {"page", "bbox", "rows", "caption", "caption_line", "direction", "lines", "cells"}
    assert t["page"] == 9 and t["direction"] == "rtl"
    assert t["caption"] == "جدول 1: همه‌پرسی جمهوری قزاقستان، 5 ژوئن 2022" and t["caption_line"] == (9, 6)
    assert t["rows"] == TABLE1_ROWS
    # every cell's text sits at its span in its row's line
    for (page, number), cells, spans in zip(t["lines"], t["rows"], t["cells"]):
        text = line(doc, page, number).text
        for cell, span in zip(cells, spans):
            assert (span is None) == (cell is None)
            if cell is not None:
                assert text[span[0]:span[1]] == cell
    assert line(doc, 9, 9).text == "میزان مشارکت" + CELL_SEPARATOR + "7،985،769" + CELL_SEPARATOR + "68،05"
    t2 = doc.tables_from_layout[1]
    assert t2["page"] == 15 and t2["caption"] == "جدول 2: ویژگی‌های پارلمان جمهوری قزاقستان"
    assert t2["rows"][0] == ["پارلمان", None, "دوره", "شمار نمایندگان", "ویژگی‌ها"]  # a header spanning two columns
    assert t2["rows"][1][:4] == ["سنا", "پیش از همه‌پرسی سال 2022", "6 سال", "49"]
    assert t2["rows"][2][:4] == [None, "پس از همه‌پرسی سال 2022", "6 سال", "49"]  # سنا spans two rows
    assert t2["rows"][3][3] == "107 نماینده" and t2["rows"][4][3] == "98 نماینده"


@needs_shared
def test_weasyprint_pdf_same_content_second_producer():
    """WeasyPrint draws the same article differently: mirrored parentheses mapped by their shape, digits in the
    Arabic font inside Latin citations, footnotes as floats under a full-width rule, borders as frames, no ZWNJ."""
    doc = doc_of(WEASY)
    texts = [ln.text for ln in doc.lines]
    assert "90،01 درصد آرا تصویب شد (The Constitution of Kazakhstan, 2022). این قانون بارها" in texts
    assert "2 Office for Democratic Institutions and Human Rights (ODIHR) دفتر نهادهای دموکراتیک و حقوق بشر،" in texts
    assert not any(ZWNJ in t for t in texts)
    t = doc.tables_from_layout[0]
    assert t["caption"] == "جدول 1: همهپرسی جمهوری قزاقستان، 5 ژوئن 2022"
    assert [r[1:] for r in t["rows"]] == [r[1:] for r in TABLE1_ROWS]
    labels = [r[0] for r in TABLE1_ROWS]
    labels[3] = "رأی از راه اِی‌سی‌وی3"  # footnotes are numbered through the article here
    assert [r[0] for r in t["rows"]] == [x.replace(ZWNJ, "") if x else x for x in labels]
    heads = [ln for ln in doc.lines if ln.zone_hint == "header"]
    assert len(heads) == 22 and all(ln.number == 1 for ln in heads)
    notes = [ln.text for ln in doc.lines if ln.zone_hint == "footnote"]
    assert "1 The Assembly of People of Kazakhstan" in notes and "11 Saltanat Tursynbekova" in notes
    quotes = [ln.text for ln in doc.lines if ln.zone_hint == "quote"]
    assert "اصل 41 قانون اساسی جمهوری قزاقستان، بند 1، پس از همهپرسی سال 2022" in quotes


@needs_shared
def test_both_producers_give_the_same_words():
    """The two PDFs of one article, read independently, agree word for word outside layout-only differences
    (footnote numbering, line breaks inside citations, ZWNJ)."""
    def words(doc):
        c = Counter()
        for ln in doc.lines:
            if ln.zone_hint not in ("header", "footnote"):
                c.update(ln.text.replace(ZWNJ, "").replace(CELL_SEPARATOR, " ").split())
        return c

    a, b = words(doc_of(MAIN)), words(doc_of(WEASY))
    differ = sum(((a - b) + (b - a)).values())
    assert differ < 0.01 * sum(a.values()), ((a - b) + (b - a)).most_common(20)


# ------------------------------------------------------------------------------------------ third-party PDFs

_WORD = re.compile(r"[\u0621-\u064a\u0670-\u06d3\u06fa-\u06ff\u200c]+")
_NOT_PERSIAN = re.compile(r"[\u064a\u0643\u0649\u0629\u06d2\u06ba\u06c1\u06be\u0679\u0688\u0691\u06d3\u06c2]")
_PERSIAN_ONLY = re.compile(r"[\u067e\u0686\u0698\u06af\u06a9\u06cc]")
_SUFFIXES = {"ها", "های", "هایی", "ی", "ای", "ایی", "ام", "ات", "اش", "مان", "تان", "شان", "تر", "ترین", "اند", "ایم",
             "اید", "هاست"}


def persian_words(doc) -> list[str]:
    """Words of the Persian text of a document: table cells and lines with a Persian-only letter (پ چ ژ گ ک ی)
    and no Arabic- or Urdu-only one (ي ك ى ة ے ں ہ ھ ٹ ڈ ڑ), two letters or more."""
    out = []
    for ln in doc.lines:
        for seg in ln.text.split(CELL_SEPARATOR):
            if _NOT_PERSIAN.search(seg) or not _PERSIAN_ONLY.search(seg):
                continue
            out.extend(w.strip(ZWNJ) for w in _WORD.findall(seg) if len(w.replace(ZWNJ, "")) >= 2)
    return out


def known(word: str) -> bool:
    """hazm's lexicon knows the word (``lexicon.knows``), or, for a ZWNJ compound it does not list
    (``نمونه‌ی``, ``الگوریتم‌ها``), every part is a word it knows or an inflection suffix."""
    if lexicon.knows(word):
        return True
    parts = word.split(ZWNJ)
    return len(parts) > 1 and all(lexicon.knows(p) or p in _SUFFIXES for p in parts)


def known_share(words: list[str]) -> float:
    return sum(map(known, words)) / len(words)


EXTERNAL_PDFS = ["fa_xepersian_aut_assignment_main.pdf", "fa_persian_latex_assignment_with_table.pdf",
                 "multi_pdfmake_rtl_tables_fa_ar_ur.pdf", "ar_pdfjs_ArabicCIDTrueType.pdf"]


@needs_shared
@pytest.mark.parametrize("name", EXTERNAL_PDFS)
def test_external_pdfs_read_without_error_and_their_persian_is_words(name):
    doc = doc_of(EXTERNAL / name)
    assert doc.lines and all(ln.page and ln.bbox for ln in doc.lines)
    # no unknown glyph left, but pdfmake's demo of a font without the glyphs (it draws empty boxes: tofu)
    assert not any("\ufffd" in ln.text for ln in doc.lines if not re.search("Roboto|Cairo|forced", ln.text))
    assert not any(re.search(r"[\ufb50-\ufdff\ufe70-\ufeff\u0640]", ln.text) for ln in doc.lines)
    words = persian_words(doc)
    if name.startswith("ar_"):
        assert not words  # Arabic only: a smoke test
        return
    assert len(words) > 40
    share = known_share(words)
    assert share >= 0.90, (share, Counter(w for w in words if not known(w)).most_common(10))
    # the measure tells reversed text: the same words read backwards are mostly unknown
    assert known_share([w[::-1] for w in words]) < 0.5


@needs_shared
def test_external_pdfs_known_lines():
    xe = [ln.text for ln in doc_of(EXTERNAL / "fa_xepersian_aut_assignment_main.pdf").lines]
    assert "۲۴ آبان ۱۳۹۶" in xe
    assert "تعریف یک پروژه‌ی خوب اینجا آمده است، این پروژه‌ی خوب خیلی خوب است. خیلی‌ها" in xe  # ZWNJs from glyph forms
    assert "۱.۱ زیر تیتر پروژه‌ی خوب" in xe
    tex = doc_of(EXTERNAL / "fa_persian_latex_assignment_with_table.pdf")
    texts = [ln.text for ln in tex.lines]
    assert "سوال ۱: نمونه‌ی تئوری (فرمول، اثبات، فهرست‌ها)" in texts
    assert "هوش مصنوعی" in texts and "دانشگاه صنعتی شریف" in texts  # unmapped glyphs (cid:876) -> ی
    assert "ش�ل" not in " ".join(texts) and "شکل ۱: یک نمونه شکل برای قرار دادن تصویر̸دیاگرام" in texts
    rows = [r for t in tex.tables_from_layout for r in t["rows"]]
    assert ["Item", "توضیح"] in rows and ["O(n)", "مرتبه‌ی خطی؛ مثلا پیمایش یک آرایه"] in rows
    cap = [ln for ln in tex.lines if ln.zone_hint == "caption"]
    assert [ln.text for ln in cap] == ["Table ۱: An LTR table example"]  # under its table; Roman-numeral l folded
    pm = doc_of(EXTERNAL / "multi_pdfmake_rtl_tables_fa_ar_ur.pdf")
    pmt = [ln.text for ln in pm.lines]
    assert "فارسی | سلام و خوش آمدید به جلسه ما | خداحافظ و تا دیدار بعدی" in pmt  # lam-alef is one glyph: سلام
    assert "داده های فارسی در ستون اول | محتوای ستون دوم به فارسی | متن فارسی در ستون سوم" in pmt
    assert "اردو | فارسی | Français | العربية | English" in pmt  # an RTL table: rightmost column first
    assert "# | Employee Name | Department | Position | Salary" in pmt  # an LTR table left to right
    ar = [ln.text for ln in doc_of(EXTERNAL / "ar_pdfjs_ArabicCIDTrueType.pdf").lines]
    assert ar == ["انواع الخطوط العربية"] * 4  # presentation forms (and the ligature لخ) folded


# ------------------------------------------------------------------------------------------ small PDFs


def test_two_columns_read_column_by_column_right_first():
    ops = []
    for i in range(10):
        ops.append(rtl_text(450, 600 - 14 * i, 10, f"ستون راست خط {i + 1} با متن فارسی"))
        ops.append(rtl_text(230, 600 - 14 * i, 10, f"ستون چپ خط {i + 1} با متن فارسی"))
    doc = load_pdf("cols.pdf", PDF().page(*ops).build())
    assert [ln.text for ln in doc.lines] == [f"ستون راست خط {i} با متن فارسی" for i in range(1, 11)] + \
        [f"ستون چپ خط {i} با متن فارسی" for i in range(1, 11)]
    assert all(ln.bbox[0] >= 250 for ln in doc.lines[:10]) and all(ln.bbox[2] <= 235 for ln in doc.lines[10:])


def test_running_heads_page_numbers_footnotes_and_markers():
    pdf = PDF()
    for n in (1, 2, 3):
        body = rtl_text(450, 600, 10, f"متن اصلی صفحه {n} درباره همه‌پرسی است")
        ops = [("text", 50, 670, 9, f"{n + 10}"), rtl_text(450, 670, 9, "فصلنامه آزمایشی کاوش"), body,
               rtl_text(450, 586, 10, "و این خط دوم متن اصلی است"),
               ("line", 350, 120, 450, 120),  # a short rule at the right margin: the footnote separator
               rtl_text(450, 108, 8, "1 یادداشت پایین صفحه با حروف ریزتر"),
               ("text", 245, 40, 9, f"- {n} -")]
        if n == 2:
            ops.append(("text", body[1] - 3, 603, 6, "1"))  # a raised, smaller footnote marker after the last word
        pdf.page(*ops)
    doc = load_pdf("heads.pdf", pdf.build())
    for p in (1, 2, 3):
        lines = lines_of(doc, p)
        assert lines[0].zone_hint == "header" and lines[0].text == f"فصلنامه آزمایشی کاوش {p + 10}"
        assert lines[1].text.startswith(f"متن اصلی صفحه {p}") and lines[1].zone_hint is None
        assert lines[-2].zone_hint == "footnote" and lines[-2].text == "1 یادداشت پایین صفحه با حروف ریزتر"
        assert lines[-1].zone_hint == "header" and lines[-1].text == f"- {p} -"  # a page number at the foot
    assert line(doc, 2, 2).text == "متن اصلی صفحه 2 درباره همه‌پرسی است1"
    assert doc.footnote_links == [{"page": 2, "line": 2, "marker": "1", "footnote_line": 4}]


def test_box_is_a_quote_and_ruled_rtl_table_reads_right_to_left():
    ops = [
        rtl_text(450, 640, 10, "جدول 1: نتیجه آزمایش"),
        # a 3 x 2 grid: columns (right to left) label | count | percent
        *[("line", 50, y, 450, y) for y in (620, 600, 580)], *[("line", x, 580, x, 620) for x in (50, 190, 320, 450)],
        rtl_text(445, 606, 10, "موافق"), ("text", 200, 606, 10, "6,163,516"), ("text", 60, 606, 10, "77.18"),
        rtl_text(445, 586, 10, "مخالف"), ("text", 200, 586, 10, "1,490,470"), ("text", 60, 586, 10, "18.66"),
        rtl_text(450, 520, 10, "متنی میان جدول و کادر"),
        ("rect", 60, 440, 380, 60),
        rtl_text(430, 480, 10, "اصل 41 قانون اساسی، پس از همه‌پرسی"),
        rtl_text(430, 460, 10, "متن نقل‌شده در کادر"),
        rtl_text(450, 400, 10, "متن پس از کادر"),
    ]
    doc = load_pdf("grid.pdf", PDF().page(*ops).build())
    zones = [(ln.text, ln.zone_hint) for ln in doc.lines]
    assert zones == [
        ("جدول 1: نتیجه آزمایش", "caption"),
        ("موافق | 6,163,516 | 77.18", "table"),
        ("مخالف | 1,490,470 | 18.66", "table"),
        ("متنی میان جدول و کادر", None),
        ("اصل 41 قانون اساسی، پس از همه‌پرسی", "quote"),
        ("متن نقل‌شده در کادر", "quote"),
        ("متن پس از کادر", None),
    ]
    assert doc.boxes_from_layout == [{"page": 1, "bbox": (60.0, 200.0, 440.0, 260.0), "lines": [(1, 5), (1, 6)]}]
    t = doc.tables_from_layout[0]
    assert t["rows"] == [["موافق", "6,163,516", "77.18"], ["مخالف", "1,490,470", "18.66"]]
    assert t["caption"] == "جدول 1: نتیجه آزمایش" and t["caption_line"] == (1, 1) and t["lines"] == [(1, 2), (1, 3)]
    assert t["direction"] == "rtl" and t["cells"][0] == [(0, 5), (8, 17), (20, 25)]


def test_presentation_forms_folded_zwnj_from_glyph_forms_and_kashida_removed():
    # می‌شود drawn as presentation forms, left to right: ﺩ ﻮ ﺷ | ﯽ ﻣ  (final yeh, then initial sheen: a ZWNJ)
    word = "\ufea9\ufeee\ufeb7\ufbfd\ufee3"
    # لا as one glyph (a ligature) inside سلام: ﻡ ﻼ ﺳ
    salam = "\ufee1\ufefc\ufeb3"
    ops = [
        ("text", 300, 600, 10, word),
        ("text", 300, 580, 10, salam),
        rtl_text(450, 560, 10, "مـــــن و تـو"),  # kashida inside words
        rtl_text(450, 540, 10, "ـ مورد نخست فهرست"),  # a tatweel used as a list dash stays
    ]
    doc = load_pdf("forms.pdf", PDF().page(*ops).build())
    assert [ln.text for ln in doc.lines] == ["می‌شود", "سلام", "من و تو", "ـ مورد نخست فهرست"]


def test_zwnj_drawn_as_a_space_that_takes_no_room():
    # XeTeX (and LibreOffice, which also says so in ActualText) draw a ZWNJ as a space glyph whose next glyph
    # starts where it starts; a real word space leaves a gap
    def glyphs(xs_chars):
        return [("text", x, 600 - 20 * k, 10, ch) for k, row in enumerate(xs_chars) for x, ch in row]

    zwnj = [(300, "ی"), (305, "س"), (310, "ر"), (315, "پ"), (320, " "), (320, "ه"), (325, "م"), (330, "ه")]
    space = [(300, "ی"), (305, "س"), (310, "ر"), (315, "پ"), (320, " "), (322.5, "ه"), (327.5, "م"), (332.5, "ه")]
    doc = load_pdf("z.pdf", PDF().page(*glyphs([zwnj, space])).build())
    assert [ln.text for ln in doc.lines] == ["همه‌پرسی", "همه پرسی"]


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_turned_pages_read_as_they_are_meant_to_be_read(rotate):
    data = PDF().page(rtl_text(450, 600, 10, "سلام دنیا 2022"), ("text", 50, 500, 10, "Hello world"),
                      ("line", 350, 100, 450, 100), rtl_text(450, 90, 8, "1 یادداشت")).build()
    data = data.replace(b"/Type /Page /Parent", b"/Type /Page /Rotate %d /Parent" % rotate)
    doc = load_pdf("turned.pdf", data)
    assert [(ln.text, ln.zone_hint) for ln in doc.lines] == [
        ("سلام دنیا 2022", None), ("Hello world", None), ("1 یادداشت", "footnote")]
    assert doc.lines[0].bbox == (385.0, 92.0, 450.0, 102.0)  # in the page as read


# ------------------------------------------------------------------------------------------ errors


def _main_bytes() -> bytes:
    return MAIN.read_bytes() if MAIN.exists() else PDF().page(("text", 50, 600, 10, "x")).build()


def test_encrypted_pdf_is_reported_as_such():
    data = PDF().page(rtl_text(450, 600, 10, "متن محرمانه")).build(user_password="secret")
    with pytest.raises(SourceError) as e:
        load_pdf("locked.pdf", data)
    assert str(e.value) == "locked.pdf: encrypted PDF: a password is needed to open it"
    # encrypted with an empty user password (permissions only): it opens, as in any PDF reader
    data = PDF().page(rtl_text(450, 600, 10, "متن آزاد")).build(user_password="")
    assert [ln.text for ln in load_pdf("open.pdf", data).lines] == ["متن آزاد"]


def test_scan_without_text_layer():
    data = PDF().page(("image",)).page(("image",)).build()
    with pytest.raises(SourceError, match=r"^scan\.pdf: no text layer; OCR is not supported"):
        load_pdf("scan.pdf", data)


def test_truncated_and_corrupt_pdfs():
    data = _main_bytes()
    with pytest.raises(SourceError, match=r"^cut\.pdf: truncated PDF"):
        load_pdf("cut.pdf", data[: len(data) // 2])
    with pytest.raises(SourceError, match=r"^junk\.pdf: corrupt PDF"):
        load_pdf("junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(SourceError) as e:
        load_pdf("empty.pdf", b"%PDF-1.4\n%%EOF\n")
    assert "\n" not in str(e.value)


@needs_shared
def test_page_limit():
    with pytest.raises(SourceError) as e:
        load_pdf("big.pdf", MAIN.read_bytes(), max_pages=5)
    assert str(e.value) == "big.pdf: 24 pages, over the limit of 5"
    assert load_pdf("ok.pdf", MAIN.read_bytes(), max_pages=24).pages == 24


def test_loader_dispatches_pdf_by_magic(tmp_path):
    p = tmp_path / "paper.bin"
    p.write_bytes(PDF().page(rtl_text(450, 600, 10, "سلام دنیا 2022")).build())
    doc = load(p)
    assert doc.format == "pdf" and doc.lines[0].text == "سلام دنیا 2022" and doc.lines[0].page == 1
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()


@needs_shared
def test_pipeline_runs_on_the_main_pdf():
    from extractors.pipeline import process

    ex = process(MAIN)
    assert ex.source.format == "pdf" and ex.source.pages == 24
    zones = Counter(b.zone for b in ex.blocks)
    assert zones["header"] == 24 and zones["table"] >= 2 and zones["quote"] >= 8 and zones["footnote"] >= 8
    assert all(b.page for b in ex.blocks)
