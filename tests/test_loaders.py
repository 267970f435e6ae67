"""Loader: line numbers, encodings, and one-line errors for bad input."""

from __future__ import annotations

import pytest

from extractors.errors import SourceError
from extractors.loaders import load
from extractors.script import fold_digits

from conftest import SEED_TXT

PERSIAN = "قانون اساسی جمهوری قزاقستان در ۳۰ اوت ۱۹۹۵ تصویب شد.\nاصل ۴۱، بند ۱\n"


def test_seed_lines_are_numbered_from_one_like_the_file(raw_lines):
    doc = load(SEED_TXT)
    assert doc.format == "text" and doc.encoding == "utf-8"
    assert len(doc.lines) == len(raw_lines)
    assert doc.lines[4].number == 5
    assert doc.lines[4].text.startswith("held in Kazakhstan on June 5, 2022")
    for line in doc.lines:
        assert doc.raw[line.offset:line.end] == line.text == raw_lines[line.number - 1]


@pytest.mark.parametrize(
    "encoding,label",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
     ("utf-16-be", "utf-16-be"), ("cp1256", "windows-1256")],
)
def test_persian_text_in_common_encodings_is_detected_and_decoded(tmp_path, encoding, label):
    p = tmp_path / "fa.txt"
    text = PERSIAN
    if encoding == "cp1256":
        # Windows-1256 has Arabic yeh/kaf and ASCII digits only, as such files really come
        text = fold_digits(text).replace("ی", "ي").replace("ک", "ك")
    p.write_bytes(text.encode(encoding))
    doc = load(p)
    assert doc.encoding == label
    assert doc.lines[0].text == text.split("\n")[0]
    assert doc.lines[1].number == 2


def test_windows_line_endings_are_not_part_of_lines(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("first line\r\nاصل 41\r\n".encode())
    doc = load(p)
    assert [ln.text for ln in doc.lines] == ["first line", "اصل 41", ""]


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (bytes(range(256)) * 20, "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary data"),
    ],
)
def test_bad_text_sources_raise_one_line_errors_naming_the_source(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(SourceError) as e:
        load(p)
    msg = str(e.value)
    assert str(p) in msg and reason in msg and "\n" not in msg


def test_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="file not found"):
        load(tmp_path / "gone.txt")


def test_pdf_named_file_that_is_not_a_pdf(tmp_path):
    p = tmp_path / "fake.pdf"
    p.write_text("hello")
    with pytest.raises(SourceError, match="not a PDF"):
        load(p)
