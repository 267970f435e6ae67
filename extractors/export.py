"""Exports for other tools: every extracted item of every processed source as JSONL, CSV or a spaCy DocBin.

One public entry, :func:`export`. Records follow :class:`~extractors.models.ExportRecord`, whose JSON Schema is
written beside them (``items.schema.json``). The DocBin has one Doc per block (its raw text) with the block's
items as spans in ``doc.spans[category]`` (``span.id_`` is the item id), and ``doc.user_data`` naming the source,
block and lines.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Iterator

from .errors import SourceError
from .models import CATEGORIES, ExportRecord, Extraction
from .output import atomic_write_bytes, atomic_write_text, dumps, read_index

FORMATS = ("jsonl", "csv", "spacy")


def processed_extractions(from_dir: str | os.PathLike) -> Iterator[Extraction]:
    """The extraction of every source index.json lists as ok or skipped (unchanged), in index order."""
    index = read_index(from_dir)
    for entry in index.sources:
        if entry.status in ("ok", "skipped") and entry.output and Path(entry.output).exists():
            yield Extraction.model_validate_json(Path(entry.output).read_text(encoding="utf-8"))


def records(ex: Extraction) -> Iterator[ExportRecord]:
    for category in CATEGORIES:
        for item in getattr(ex, category):
            data = item.model_dump(mode="json", by_alias=True)
            span = data.pop("span", None) or {}
            yield ExportRecord(
                source_id=ex.source.sha256, source_path=ex.source.path, category=category, id=data.pop("id"),
                page=span.get("page"), line=span.get("line"), start=span.get("start"), end=span.get("end"),
                text=span.get("text"), lang=data.pop("lang", None), zone=data.pop("zone", None), data=data,
            )


def export(from_dir: str | os.PathLike, fmt: str, out_dir: str | os.PathLike) -> dict[str, int]:
    """Write ``out_dir/items.<fmt>`` and ``out_dir/items.schema.json``; return counts per category."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not (Path(from_dir) / "index.json").exists():
        raise SourceError(str(from_dir), "no index.json here: run `kavosh run` first")
    out = Path(out_dir)
    extractions = list(processed_extractions(from_dir))
    counts = {c: 0 for c in CATEGORIES}
    for ex in extractions:
        for c in CATEGORIES:
            counts[c] += len(getattr(ex, c))
    if fmt == "jsonl":
        lines = [json.dumps(r.model_dump(mode="json"), ensure_ascii=False) for ex in extractions for r in records(ex)]
        atomic_write_text(out / "items.jsonl", "".join(line + "\n" for line in lines))
    elif fmt == "csv":
        buf = io.StringIO()
        fields = list(ExportRecord.model_fields)
        w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for ex in extractions:
            for r in records(ex):
                row = r.model_dump(mode="json")
                row["data"] = json.dumps(row["data"], ensure_ascii=False)
                w.writerow(row)
        atomic_write_text(out / "items.csv", buf.getvalue())
    else:
        atomic_write_bytes(out / "items.spacy", _docbin(extractions))
    schema = ExportRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    atomic_write_text(out / "items.schema.json", dumps(schema))
    return counts


def _docbin(extractions: list[Extraction]) -> bytes:
    import spacy
    from spacy.tokens import DocBin

    nlp = {"fa": spacy.blank("fa"), "en": spacy.blank("en")}
    db = DocBin(store_user_data=True)
    for ex in extractions:
        for block in ex.blocks:
            doc = nlp[block.lang](block.text)
            line_offsets = {}
            pos = 0
            for number, line in zip(block.lines, block.text.split("\n")):
                line_offsets[(block.page, number)] = pos
                pos += len(line) + 1
            doc.user_data.update({"source_id": ex.source.sha256, "source_path": ex.source.path, "block": block.id,
                                  "zone": block.zone, "lines": block.lines, "page": block.page})
            for category in ("articles", "citations", "dates", "statistics"):
                spans = []
                for item in getattr(ex, category):
                    if item.block != block.id:
                        continue
                    base = line_offsets.get((item.span.page, item.span.line))
                    if base is None:
                        continue
                    sp = doc.char_span(base + item.span.start, base + item.span.end, label=category,
                                       alignment_mode="expand")
                    if sp is not None:
                        sp.id_ = item.id
                        spans.append(sp)
                doc.spans[category] = spans
            db.add(doc)
    return db.to_bytes()
