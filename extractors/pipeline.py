"""The whole pipeline as plain functions: source -> document -> normalized view -> extractors -> checks -> JSON.

Prefect tasks (flows/) are thin calls into these; tests and the benchmark call them directly.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable

from . import articles, checks, citations, dates, statistics, tables
from .document import Document
from .loaders import load
from .models import (
    Block as BlockModel,
    CitedSource,
    Extraction,
    Repair,
    SourceInfo,
)
from .normalize import normalize
from .segment import segment

PIPELINE_VERSION = "0.1.0"

# name -> extractor; each takes the segmented, normalized Document and returns its items
EXTRACTORS: dict[str, Callable[[Document], list]] = {
    "articles": articles.find_articles,
    "citations": citations.find_citations,
    "dates": dates.find_dates,
    "statistics": statistics.find_statistics,
    "tables": tables.find_tables,
}


def load_source(path: str | os.PathLike, data: bytes | None = None, max_pages: int | None = None) -> Document:
    return load(path, data, max_pages=max_pages)


def segment_document(doc: Document) -> Document:
    segment(doc)
    return doc


def normalize_document(doc: Document) -> list[Repair]:
    return normalize(doc)


def run_extractor(name: str, doc: Document) -> list:
    return EXTRACTORS[name](doc)


def cited_sources(citation_items: list) -> list[CitedSource]:
    """The distinct sources cited, once each, with how often and where."""
    by_key: dict[str, CitedSource] = {}
    for c in citation_items:
        s = by_key.get(c.source_key)
        if s is None:
            by_key[c.source_key] = CitedSource(
                source_key=c.source_key, author=c.author, label=c.label, year=c.year, calendar=c.calendar,
                count=1, citations=[c.id],
            )
        else:
            s.count += 1
            s.citations.append(c.id)
    return list(by_key.values())


def assemble(doc: Document, items: dict[str, list], repairs: list[Repair]) -> Extraction:
    blocks = [
        BlockModel(
            id=b.id, page=b.lines[0].page, line_start=b.lines[0].number, line_end=b.lines[-1].number,
            lines=[ln.number for ln in b.lines], zone=b.zone, lang=b.lang, text=b.text, normalized=b.normalized.text if b.normalized else b.text,
        )
        for b in doc.blocks
    ]
    ex = Extraction(
        pipeline_version=PIPELINE_VERSION,
        source=SourceInfo(path=doc.path, sha256=doc.sha256, format=doc.format, pages=doc.pages,
                          encoding=doc.encoding, size=doc.size),
        blocks=blocks,
        repairs=repairs,
        **{k: v for k, v in items.items()},
    )
    ex.sources = cited_sources(ex.citations)
    return ex


def check_extraction(doc: Document, ex: Extraction) -> Extraction:
    ex.checks = checks.run_checks(doc, ex)
    return ex


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, t0: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0


def process(path: str | os.PathLike, data: bytes | None = None, timings: Timings | None = None,
            max_pages: int | None = None) -> Extraction:
    """Run every stage on one source and return its Extraction (raises SourceError for bad input)."""
    tm = timings or Timings()
    t = time.perf_counter()
    doc = load_source(path, data, max_pages=max_pages)
    tm.add("load", t)
    t = time.perf_counter()
    segment_document(doc)
    tm.add("segment", t)
    t = time.perf_counter()
    repairs = normalize_document(doc)
    tm.add("normalize", t)
    items = {}
    for name in EXTRACTORS:
        t = time.perf_counter()
        items[name] = run_extractor(name, doc)
        tm.add(name, t)
    ex = assemble(doc, items, repairs)
    t = time.perf_counter()
    check_extraction(doc, ex)
    tm.add("checks", t)
    return ex


def companion_files(doc: Document, ex: Extraction) -> dict[str, str]:
    """Files written beside extraction.json (name -> text): the human report and the review page, when present."""
    from .report import render_report
    from .review import render_review

    files: dict[str, str] = {}
    files.update({"report.md": render_report(ex)})
    files.update({"review.html": render_review(ex)})
    return files


def repaired_text(path: str | os.PathLike) -> str:
    """The repaired reading of a source as plain text, one line per raw line (for ``kavosh repair``)."""
    from .repair import repaired_text as document_text

    doc = load_source(path)
    segment_document(doc)
    return document_text(doc)


def warm_up() -> None:
    """Load what every document needs once per process (hazm, its lexicon and verbs), outside the per-document path."""
    from . import lexicon
    from .normalize import _letter_table

    _letter_table()
    lexicon.words()
    lexicon.verbs()
