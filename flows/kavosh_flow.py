"""The kavosh Prefect flows: a run over sources maps a per-source flow
(load -> segment -> normalize -> extract (one task per extractor) -> check -> write).

Tasks are thin calls into extractors/; nothing here knows how extraction works.
"""

from __future__ import annotations

import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

from .settings import configure_prefect_env

configure_prefect_env()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NONE  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from .settings import quiet_prefect_loggers  # noqa: E402

quiet_prefect_loggers()

from extractors import batch, pipeline  # noqa: E402
from extractors.errors import SourceError  # noqa: E402
from extractors.models import IndexEntry, RunRecord  # noqa: E402
from extractors.output import check_output_dir, read_index, write_index  # noqa: E402

Progress = Callable[[str], None]


def _stderr_progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _silent(msg: str) -> None:
    pass


# Progress goes to stderr unless the run is quiet; kept out of flow parameters (they must be JSON).
_progress: Progress = _stderr_progress


def progress(msg: str) -> None:
    _progress(msg)


TASK = dict(cache_policy=NONE, persist_result=False, retries=0)


@task(name="load", **TASK)
def load_task(path: str, data: bytes, max_pages: Optional[int]):
    return pipeline.load_source(path, data, max_pages=max_pages)


@task(name="segment", **TASK)
def segment_task(doc):
    return pipeline.segment_document(doc)


@task(name="normalize", **TASK)
def normalize_task(doc):
    return pipeline.normalize_document(doc)


@task(name="extract", **TASK)
def extract_task(name: str, doc):
    return pipeline.run_extractor(name, doc)


@task(name="check", **TASK)
def check_task(doc, ex):
    return pipeline.check_extraction(doc, ex)


@task(name="write", **TASK)
def write_task(out_dir: str, path: str, ex, doc):
    return str(batch.write_outputs(out_dir, Path(path), ex, pipeline.companion_files(doc, ex)))


@flow(name="kavosh-source", persist_result=False, log_prints=False)
def process_source(path: str, out_dir: str, force: bool = False, previous: Optional[dict] = None,
                   max_pages: Optional[int] = None) -> dict:
    """One source end to end; never raises for bad input: a failed source is a failed index entry."""
    t0 = time.perf_counter()
    name = Path(path).name
    try:
        progress(f"{name}: read")
        data, sha = batch.read_source(Path(path))
        prev = IndexEntry.model_validate(previous) if previous else None
        if not force and batch.up_to_date(prev, sha, pipeline.PIPELINE_VERSION, out_dir, Path(path)):
            progress(f"{name}: unchanged, skipped")
            return prev.model_copy(update={"status": "skipped", "seconds": round(time.perf_counter() - t0, 3)}).model_dump()
        progress(f"{name}: load")
        doc = load_task(path, quote(data), max_pages)
        progress(f"{name}: segment")
        segment_task(quote(doc))
        progress(f"{name}: normalize")
        repairs = normalize_task(quote(doc))
        items = {}
        for extractor in pipeline.EXTRACTORS:
            progress(f"{name}: extract {extractor}")
            items[extractor] = extract_task(extractor, quote(doc))
        ex = pipeline.assemble(doc, items, repairs)
        progress(f"{name}: check")
        ex = check_task(quote(doc), quote(ex))
        progress(f"{name}: write")
        out = write_task(out_dir, path, quote(ex), quote(doc))
        entry = IndexEntry(path=path, sha256=sha, status="ok", output=out, counts=ex.counts(),
                           pipeline_version=pipeline.PIPELINE_VERSION)
    except SourceError as e:
        entry = IndexEntry(path=path, status="failed", error=str(e), pipeline_version=pipeline.PIPELINE_VERSION,
                           sha256=locals().get("sha"))
    except Exception as e:  # a bug must not stop the other sources; the message still names the source
        detail = "".join(traceback.format_exception_only(type(e), e)).strip()
        entry = IndexEntry(path=path, status="failed", error=f"{path}: internal error: {detail}",
                           pipeline_version=pipeline.PIPELINE_VERSION, sha256=locals().get("sha"))
    entry.seconds = round(time.perf_counter() - t0, 3)
    if entry.status == "failed":
        progress(f"error: {entry.error}")
    return entry.model_dump()


@flow(name="kavosh-run", persist_result=False, log_prints=False)
def kavosh_run(paths: list[str], out_dir: str = "output", force: bool = False, max_pages: Optional[int] = None,
               quiet: bool = False) -> list[dict]:
    """Every source under ``paths`` through :func:`process_source`; writes ``out_dir/index.json``."""
    global _progress
    _progress = _silent if quiet else _stderr_progress
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    check_output_dir(out_dir)
    sources, entries = batch.discover(paths)
    if sources:
        progress("loading the lexicon")
        pipeline.warm_up()
    for e in entries:
        progress(f"error: {e.error}")
    previous = {e.path: e for e in read_index(out_dir).sources}
    for n, src in enumerate(sources, 1):
        progress(f"[{n}/{len(sources)}] {src}")
        prev = previous.get(str(src))
        entries.append(IndexEntry.model_validate(
            process_source(str(src), out_dir, force=force, previous=prev.model_dump() if prev else None,
                           max_pages=max_pages)
        ))
    run = RunRecord(
        started=started, finished=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        pipeline_version=pipeline.PIPELINE_VERSION,
        processed=[e.path for e in entries if e.status == "ok"],
        skipped=[e.path for e in entries if e.status == "skipped"],
        failed=[e.path for e in entries if e.status == "failed"],
    )
    write_index(out_dir, entries, run)
    return [e.model_dump() for e in entries]
