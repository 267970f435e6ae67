"""The document model: a source as pages, lines and blocks, with exact offsets.

``Document.raw`` is the raw lines joined by ``\\n``; every line knows its offset in it, so an offset into
``raw`` (which is what the normalized views map to) turns into a :class:`~extractors.models.Span` of one raw
line. For a text source the lines are the file's lines; for a PDF they are the page lines in reading order.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from .aligned import AlignedText
from .models import Span


@dataclass
class Line:
    number: int  # 1-based line in the text file, or line in the page's reading order for a PDF
    text: str
    offset: int  # offset of the line's first character in Document.raw
    page: Optional[int] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    font_size: Optional[float] = None
    zone_hint: Optional[str] = None  # a zone known from layout (PDF), respected by segmentation

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


@dataclass
class Block:
    id: str
    zone: str
    lang: str
    lines: list[Line]
    normalized: Optional[AlignedText] = None  # set by the normalizer

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def start(self) -> int:
        return self.lines[0].offset

    @property
    def end(self) -> int:
        return self.lines[-1].end


@dataclass(repr=False)
class Document:
    path: str
    sha256: str
    format: str  # "text" | "pdf"
    lines: list[Line]
    pages: Optional[int] = None
    encoding: Optional[str] = None
    size: int = 0
    blocks: list[Block] = field(default_factory=list)
    tables_from_layout: list = field(default_factory=list)  # PDF tables found by pdfplumber (raw cells)
    boxes_from_layout: list = field(default_factory=list)  # PDF boxed quotes: {page, bbox, lines: [(page, line)]}
    footnote_links: list = field(default_factory=list)  # PDF: {page, line, marker, footnote_line}

    def __post_init__(self) -> None:
        self.raw = "\n".join(line.text for line in self.lines)
        self._starts = [line.offset for line in self.lines]
        pos = 0
        for line in self.lines:
            if line.offset != pos:
                raise ValueError(f"line {line.number} has offset {line.offset}, expected {pos}")
            pos += len(line.text) + 1

    @classmethod
    def from_lines(cls, path: str, sha256: str, fmt: str, texts: list[str], **kw) -> "Document":
        lines, pos = [], 0
        for i, t in enumerate(texts, 1):
            lines.append(Line(number=i, text=t, offset=pos))
            pos += len(t) + 1
        return cls(path=path, sha256=sha256, format=fmt, lines=lines, **kw)

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.format}, {len(self.lines)} lines, {len(self.blocks)} blocks)"

    def line_index(self, offset: int) -> int:
        """Index in ``self.lines`` of the line holding raw ``offset`` (a newline belongs to the line it ends)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def spans(self, start: int, end: int) -> list[Span]:
        """The raw range ``[start, end)`` as one span per line it touches (newlines themselves dropped)."""
        if not 0 <= start < end <= len(self.raw):
            raise ValueError(f"bad raw range {start}:{end}")
        out: list[Span] = []
        i = self.line_index(start)
        while i < len(self.lines):
            line = self.lines[i]
            if line.offset >= end:
                break
            a = max(start, line.offset) - line.offset
            b = min(end, line.end) - line.offset
            # trim whitespace at the piece edges so a span never starts or ends on a blank
            while a < b and line.text[a].isspace():
                a += 1
            while b > a and line.text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(
                    Span(page=line.page, line=line.number, start=a, end=b, text=line.text[a:b], bbox=line.bbox)
                )
            i += 1
        if not out:
            raise ValueError(f"raw range {start}:{end} holds only whitespace")
        return out

    def span(self, start: int, end: int) -> Span:
        """The first line's piece of a raw range (most items live on one line)."""
        return self.spans(start, end)[0]

    def block_at(self, offset: int) -> Optional[Block]:
        for b in self.blocks:
            if b.start <= offset <= b.end:
                return b
        return None
