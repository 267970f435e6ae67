"""Loaders: a source file on disk becomes a :class:`~extractors.document.Document`.

One public entry, :func:`load`, dispatching on the file's kind:
    - text (``.txt``, ``.md``, anything that decodes as text): UTF-8 (with or without BOM), UTF-16 (BOM or
      NUL pattern), Windows-1256 (Persian text often comes so); the encoding found is recorded;
    - PDF (by the ``%PDF-`` magic, whatever the name): :mod:`extractors.pdf`.
Every failure is a :class:`~extractors.errors.SourceError` naming the source and the reason.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .document import Document
from .errors import SourceError, UnsupportedSource
from .script import script_counts

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise SourceError(str(path), "file not found (it may have been moved or deleted during the run)")
    except IsADirectoryError:
        raise SourceError(str(path), "is a directory, not a file")
    except PermissionError:
        raise SourceError(str(path), "permission denied when reading the file")
    except OSError as e:
        raise SourceError(str(path), f"cannot read the file: {e.strerror or e}")


def load(path: str | os.PathLike, data: bytes | None = None, *, max_pages: int | None = None) -> Document:
    """Read ``path`` (or the bytes already read from it) into a Document."""
    name = str(path)
    if data is None:
        data = read_source_bytes(path)
    if data.startswith(b"%PDF-") or Path(name).suffix.lower() in PDF_SUFFIXES:
        if not data.startswith(b"%PDF-"):
            raise SourceError(name, "named .pdf but is not a PDF (no %PDF- header)")
        return _load_pdf(name, data, max_pages=max_pages)
    return load_text(name, data)


def _load_pdf(name: str, data: bytes, *, max_pages: int | None) -> Document:
    try:
        from . import pdf  # noqa: F401  (PDF ingest lives in its own module)
    except ImportError:
        raise UnsupportedSource(name, "PDF sources are not supported yet")
    return pdf.load_pdf(name, data, max_pages=max_pages)


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """Decode text bytes, returning (text, encoding). Raises SourceError for empty or binary data."""
    if not data.strip():
        raise SourceError(name, "empty file (no text)")
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(name, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(name, data, "utf-16"), "utf-16"
    nul = data.count(b"\x00")
    if nul:
        # UTF-16 without BOM: NULs in every other byte of ASCII; Persian (U+06xx) gives 0x06 bytes
        even, odd = data[0::2], data[1::2]
        if nul > len(data) * 0.2 and (even.count(b"\x00") > len(even) * 0.3 or odd.count(b"\x00") > len(odd) * 0.3):
            enc = "utf-16-be" if even.count(b"\x00") > odd.count(b"\x00") else "utf-16-le"
            return _decode(name, data, enc), enc
        if data.count(b"\x06") > len(data) * 0.2 and len(data) % 2 == 0:
            enc = "utf-16-le" if odd.count(b"\x06") > even.count(b"\x06") else "utf-16-be"
            return _decode(name, data, enc), enc
        raise SourceError(name, "binary data, not text (NUL bytes in a file that is not UTF-16)")
    if data[:2] in (b"\x06\x00", b"\x00\x06") or (len(data) % 2 == 0 and data.count(b"\x06") > len(data) * 0.3):
        even, odd = data[0::2], data[1::2]
        enc = "utf-16-le" if odd.count(b"\x06") > even.count(b"\x06") else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")
            enc = "windows-1256"
        except UnicodeDecodeError:
            raise SourceError(name, "not valid UTF-8, UTF-16 or Windows-1256 text")
        fa, en = script_counts(text)
        if fa == 0 and en == 0:
            raise SourceError(name, "binary data, not text")
    _reject_binary(name, text)
    return text, enc


def _decode(name: str, data: bytes, enc: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        raise SourceError(name, f"looks like {enc} but does not decode: {e.reason} at byte {e.start}")
    if text.startswith("\ufeff"):
        text = text[1:]
    _reject_binary(name, text)
    return text


def _reject_binary(name: str, text: str) -> None:
    sample = text[:20000]
    if not sample.strip():
        raise SourceError(name, "empty file (no text)")
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\x7f" or 0xFFF0 <= ord(c))
    if controls > max(3, len(sample) * 0.01):
        raise SourceError(name, "binary data, not text (control characters)")


def load_text(name: str, data: bytes) -> Document:
    text, enc = decode_text(name, data)
    lines = text.split("\n")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    return Document.from_lines(name, sha256_bytes(data), "text", lines, encoding=enc, size=len(data))
