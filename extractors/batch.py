"""A run over many sources, as plain functions: which files, which are already done, where outputs go.

The Prefect flow (flows/) orchestrates these; nothing here imports Prefect.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SourceError
from .loaders import SUPPORTED_SUFFIXES, read_source_bytes, sha256_bytes
from .models import Extraction, IndexEntry
from .output import atomic_write_text, dumps, output_dir_for

EXTRACTION_FILE = "extraction.json"


def discover(paths: list[str | os.PathLike]) -> tuple[list[Path], list[IndexEntry]]:
    """Sources named by ``paths`` (files, or folders searched recursively for supported files), in a stable order.

    A named file is always a source (a wrong kind fails with a clear message when it is read); in folders only
    files with a supported suffix are taken and hidden files are passed over. A path that does not exist becomes
    a failed entry.
    """
    found: list[Path] = []
    missing: list[IndexEntry] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(f)
        elif p.exists():
            found.append(p)
        else:
            missing.append(IndexEntry(path=str(p), status="failed", error=f"{p}: no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def read_source(path: Path) -> tuple[bytes, str]:
    data = read_source_bytes(path)
    return data, sha256_bytes(data)


def up_to_date(previous: IndexEntry | None, sha256: str, version: str, out_dir: str | os.PathLike, path: Path) -> bool:
    """True when the last run processed the same bytes with the same pipeline version and its output is there."""
    return (
        previous is not None
        and previous.status in ("ok", "skipped")
        and previous.sha256 == sha256
        and previous.pipeline_version == version
        and (output_dir_for(out_dir, path) / EXTRACTION_FILE).exists()
    )


def unchanged_entry(path: str, out_dir: str | os.PathLike, previous: IndexEntry | None) -> IndexEntry | None:
    """The ``skipped`` entry for a source whose bytes and pipeline version are those of its last run (its output
    still there), or None when it has to be processed. Cheap: one read and one hash, no pipeline."""
    import time

    from .pipeline import PIPELINE_VERSION

    if previous is None:
        return None
    t0 = time.perf_counter()
    try:
        _, sha = read_source(Path(path))
    except SourceError:
        return None  # let the run report it
    if not up_to_date(previous, sha, PIPELINE_VERSION, out_dir, Path(path)):
        return None
    return previous.model_copy(update={"status": "skipped", "seconds": round(time.perf_counter() - t0, 3)})


def write_outputs(out_dir: str | os.PathLike, path: Path, ex: Extraction, extra: dict[str, str] | None = None) -> Path:
    """Write extraction.json (and any extra files, name -> text) for one source, each atomically."""
    folder = output_dir_for(out_dir, path)
    try:
        atomic_write_text(folder / EXTRACTION_FILE, dumps(ex.model_dump(mode="json", by_alias=True)))
        for name, text in (extra or {}).items():
            atomic_write_text(folder / name, text)
    except OSError as e:
        raise SourceError(str(path), f"cannot write output to {folder}: {e.strerror or e}")
    return folder / EXTRACTION_FILE


class Stages:
    """The pipeline's stages as plain calls. The Prefect flow passes a subclass whose stages are tasks."""

    def load(self, path: str, data: bytes, max_pages: int | None):
        from . import pipeline

        return pipeline.load_source(path, data, max_pages=max_pages)

    def segment(self, doc):
        from . import pipeline

        return pipeline.segment_document(doc)

    def normalize(self, doc):
        from . import pipeline

        return pipeline.normalize_document(doc)

    def extract(self, name: str, doc):
        from . import pipeline

        return pipeline.run_extractor(name, doc)

    def check(self, doc, ex):
        from . import pipeline

        return pipeline.check_extraction(doc, ex)

    def write(self, out_dir: str, path: str, ex, doc):
        from . import pipeline

        return str(write_outputs(out_dir, Path(path), ex, pipeline.companion_files(doc, ex)))


def _silent(msg: str) -> None:
    pass


def process_one(path: str, out_dir: str, *, max_pages: int | None = None, stages: Stages | None = None,
                progress=_silent) -> IndexEntry:
    """One source end to end: read, run every stage, write. Never raises for bad input: a bad source (or a bug)
    becomes a failed entry whose one-line error names the source. (Unchanged sources are skipped before this:
    :func:`unchanged_entry`.)"""
    import time
    import traceback

    from . import pipeline

    stages = stages or Stages()
    t0 = time.perf_counter()
    name = Path(path).name
    sha = None
    try:
        progress(f"{name}: read")
        data, sha = read_source(Path(path))
        progress(f"{name}: load")
        doc = stages.load(path, data, max_pages)
        progress(f"{name}: segment")
        stages.segment(doc)
        progress(f"{name}: normalize")
        repairs = stages.normalize(doc)
        items = {}
        for extractor in pipeline.EXTRACTORS:
            progress(f"{name}: extract {extractor}")
            items[extractor] = stages.extract(extractor, doc)
        ex = pipeline.assemble(doc, items, repairs)
        progress(f"{name}: check")
        ex = stages.check(doc, ex)
        progress(f"{name}: write")
        out = stages.write(out_dir, path, ex, doc)
        entry = IndexEntry(path=path, sha256=sha, status="ok", output=out, counts=ex.counts(),
                           pipeline_version=pipeline.PIPELINE_VERSION, encoding=doc.encoding)
        if doc.encoding not in (None, "utf-8"):
            progress(f"{name}: decoded as {doc.encoding}")
    except SourceError as e:
        entry = IndexEntry(path=path, sha256=sha, status="failed", error=str(e),
                           pipeline_version=pipeline.PIPELINE_VERSION)
    except Exception as e:  # a bug must not stop the other sources; the message still names the source
        detail = "".join(traceback.format_exception_only(type(e), e)).strip().replace("\n", " ")
        entry = IndexEntry(path=path, sha256=sha, status="failed", error=f"{path}: internal error: {detail}",
                           pipeline_version=pipeline.PIPELINE_VERSION)
    entry.seconds = round(time.perf_counter() - t0, 3)
    if entry.status == "failed":
        progress(f"error: {entry.error}")
    return entry
