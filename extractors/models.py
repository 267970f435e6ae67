"""The output contract of kavosh: every model that extraction.json and index.json are made of.

The JSON Schema printed by ``kavosh schema`` is generated from :class:`Extraction`; nothing here is written
by hand twice. ``SCHEMA_VERSION`` changes only when a field is renamed or removed; adding fields is free.
"""

from __future__ import annotations

import hashlib
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Zone = Literal["abstract", "body", "heading", "quote", "table", "caption", "footnote", "header"]
Lang = Literal["fa", "en"]
Calendar = Literal["gregorian", "jalali"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Where an item was read: always characters of one raw line.

    ``text`` is exactly ``raw_line[start:end]``. For a text source ``line`` is the 1-based line in the file and
    ``page`` is null; for a PDF ``page`` is 1-based and ``line`` is the line in that page's reading order.
    """

    page: Optional[int] = None
    line: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    bbox: Optional[tuple[float, float, float, float]] = Field(
        default=None, description="PDF only: x0, top, x1, bottom of the line in points"
    )


class Item(_Model):
    """What every extracted item has: a stable id, where it was read, and the zone/language of its block."""

    id: str
    span: Span
    continued: list[Span] = Field(
        default_factory=list, description="further pieces when the item runs over more than one line"
    )
    lang: Lang
    zone: Zone
    block: str = Field(description="id of the block the item was read in")


class Article(Item):
    article: Optional[int] = None
    paragraphs: list[int] = Field(default_factory=list)
    subparagraphs: list[str] = Field(default_factory=list)
    version: Optional[Literal["before", "after"]] = None
    section: Optional[int] = None
    from_range: bool = False
    law: str = "constitution"


class Citation(Item):
    author: str
    label: Optional[int] = None
    year: Optional[int] = None
    calendar: Calendar = "gregorian"
    page: Optional[str] = None
    kind: Literal["parenthetical", "narrative", "source_line", "footnote"]
    source_key: str = ""


class CitedSource(_Model):
    """One distinct source, with every place it is cited."""

    source_key: str
    author: str
    label: Optional[int] = None
    year: Optional[int] = None
    calendar: Calendar = "gregorian"
    count: int
    citations: list[str] = Field(description="ids of the citations of this source")


class DateItem(Item):
    calendar: Calendar
    value: str = Field(description="ISO date in its own calendar: 1403-10-09, 2022-06 or 2022")
    gregorian: Optional[str] = Field(description="ISO Gregorian equivalent; null for a Jalali year alone")
    precision: Literal["day", "month", "year"]


class Statistic(Item):
    value: float
    kind: Literal["percent", "count", "duration", "fraction"]
    unit: str
    subject: Optional[str] = None
    table_cell: Optional[str] = Field(default=None, description="id of the table cell this value was read from")


class Cell(_Model):
    id: str
    value: Union[float, int, str, None] = None
    text: Optional[str] = None
    span: Optional[Span] = None


class Row(_Model):
    label: str
    label_span: Optional[Span] = None
    cells: list[Cell]


class Table(_Model):
    id: str
    number: Optional[int] = None
    caption: Optional[str] = None
    columns: list[str] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    source: Optional[str] = None
    span: Span = Field(description="the caption line, or the first line of the table")
    lang: Lang = "fa"
    zone: Zone = "table"


class Check(_Model):
    id: str
    kind: str = Field(description="table_arithmetic, table_sum, prose_vs_table, abstract_vs_body, prose_sum")
    claim: str
    expected: Union[float, int, str, None] = None
    observed: Union[float, int, str, None] = None
    verdict: Literal["consistent", "inconsistent", "unverifiable"]
    reason: Optional[str] = None
    evidence: list[str] = Field(default_factory=list)


class Block(_Model):
    id: str
    page: Optional[int] = None
    line_start: int
    line_end: int
    zone: Zone
    lang: Lang
    lines: list[int] = Field(default_factory=list, description="the line number of each line of `text` (blank lines are in no block)")
    text: str = Field(description="raw text of the block's lines in reading order, joined by newlines")
    normalized: str = Field(description="the normalized (repaired) reading of the block")


class SourceInfo(_Model):
    path: str
    sha256: str
    format: Literal["text", "pdf"]
    pages: Optional[int] = None
    encoding: Optional[str] = None
    size: int = 0


class Repair(_Model):
    """One change the normalizer made to a word, kept so repairs can be audited."""

    line: int
    page: Optional[int] = None
    start: int
    end: int
    before: str = Field(alias="from")
    after: str = Field(alias="to")
    rule: str

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ExportRecord(_Model):
    """One extracted item in `kavosh export` (jsonl/csv): which source, which category, where, and its fields."""

    source_id: str = Field(description="sha256 of the source file")
    source_path: str
    category: Literal["articles", "citations", "dates", "statistics", "tables", "checks"]
    id: str
    page: Optional[int] = None
    line: Optional[int] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None
    lang: Optional[Lang] = None
    zone: Optional[Zone] = None
    data: dict = Field(description="the item's own fields, as in extraction.json")


class Extraction(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    pipeline_version: str
    source: SourceInfo
    blocks: list[Block]
    articles: list[Article] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    sources: list[CitedSource] = Field(default_factory=list)
    dates: list[DateItem] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in CATEGORIES}


CATEGORIES = ("articles", "citations", "dates", "statistics", "tables", "checks")


class IndexEntry(_Model):
    path: str
    sha256: Optional[str] = None
    status: Literal["ok", "failed", "skipped"]
    error: Optional[str] = None
    encoding: Optional[str] = Field(default=None, description="text sources: the encoding detected")
    output: Optional[str] = None
    counts: dict[str, int] = Field(default_factory=dict)
    pipeline_version: Optional[str] = None
    seconds: Optional[float] = None


class RunRecord(_Model):
    started: str
    finished: str
    pipeline_version: str
    processed: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)
    failed: list[str] = Field(default_factory=list)


class Index(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    sources: list[IndexEntry]
    runs: list[RunRecord] = Field(default_factory=list)


def item_id(prefix: str, span: Span, *extra: object) -> str:
    """A stable, readable id: same input, same id. ``art-L563-12-17`` (``-p3`` for PDF pages), plus a short
    hash of any extra discriminator (e.g. the article number of one item of a range)."""
    page = f"p{span.page}-" if span.page is not None else ""
    base = f"{prefix}-{page}L{span.line}-{span.start}-{span.end}"
    if extra:
        digest = hashlib.sha1("|".join(map(str, extra)).encode()).hexdigest()[:6]
        base += f"-{digest}"
    return base


def extraction_schema() -> dict:
    """The JSON Schema of extraction.json, generated from the models."""
    schema = Extraction.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://kavosh.local/schema/extraction-1.json"
    return schema
