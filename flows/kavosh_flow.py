"""The kavosh Prefect flows: a run over sources maps the per-source pipeline
(load -> segment -> normalize -> extract (one task per extractor) -> check -> write) over its sources.

Tasks are thin calls into extractors/; nothing here knows how extraction works.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Optional

from flows.settings import configure_prefect_env

configure_prefect_env()

from prefect import flow, tags, task  # noqa: E402
from prefect.cache_policies import NONE  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from flows.settings import quiet_prefect_loggers  # noqa: E402

quiet_prefect_loggers()

from extractors import batch, pipeline  # noqa: E402
from extractors.models import IndexEntry, RunRecord  # noqa: E402
from extractors.output import check_output_dir, read_index, remove_stale_temporaries, write_index  # noqa: E402

def _stderr_progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _silent(msg: str) -> None:
    pass


def _progress_for(quiet: bool):
    """Progress goes to stderr unless the run is quiet (a flag, not a callable: flow parameters are JSON)."""
    return _silent if quiet else _stderr_progress


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


@task(name="artifacts", **TASK)
def artifacts_task(ex):
    """The source's report in the Prefect UI: a markdown artifact and a table artifact of its checks."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    from extractors import report

    key = report.artifact_key(ex.source.path)
    try:
        create_markdown_artifact(markdown=report.render_report(ex), key=f"{key}-report",
                                 description=f"kavosh report of {ex.source.path}")
        create_table_artifact(table=report.check_rows(ex), key=f"{key}-checks",
                              description=f"kavosh checks of {ex.source.path}, inconsistencies first")
    except Exception as e:  # the artifacts show a run's findings; they must not fail the source
        print(f"{ex.source.path}: artifacts not created: {e}", file=sys.stderr)


@task(name="write", **TASK)
def write_task(out_dir: str, path: str, ex, doc):
    return batch.Stages().write(out_dir, path, ex, doc)


class PrefectStages(batch.Stages):
    """Each stage of a source as a Prefect task (the document is passed quoted: Prefect must not walk it)."""

    def load(self, path, data, max_pages):
        return load_task(path, quote(data), max_pages)

    def segment(self, doc):
        return segment_task(quote(doc))

    def normalize(self, doc):
        return normalize_task(quote(doc))

    def extract(self, name, doc):
        return extract_task(name, quote(doc))

    def check(self, doc, ex):
        ex = check_task(quote(doc), quote(ex))
        artifacts_task(quote(ex))
        return ex

    def write(self, out_dir, path, ex, doc):
        return write_task(out_dir, path, quote(ex), quote(doc))


@flow(name="kavosh-source", persist_result=False, log_prints=False)
def process_source(path: str, out_dir: str, max_pages: Optional[int] = None, quiet: bool = False) -> dict:
    """One source as a flow of its own: load -> segment -> normalize -> extract (a task per extractor) -> check
    -> write (for running or deploying a single source; a batch runs the same tasks inside kavosh-run)."""
    entry = batch.process_one(path, out_dir, max_pages=max_pages, stages=PrefectStages(),
                              progress=_progress_for(quiet))
    return entry.model_dump()


@task(name="source", **TASK)
def source_task(path: str, out_dir: str, max_pages: Optional[int], quiet: bool) -> dict:
    """One source as one task, so a batch can be spread over a process pool or a Dask cluster: the stages run
    as plain calls inside the worker (a worker process has no Prefect server of its own to report them to)."""
    return batch.process_one(path, out_dir, max_pages=max_pages, progress=_progress_for(quiet)).model_dump()


@flow(name="kavosh-run", persist_result=False, log_prints=False)
def kavosh_run(paths: list[str], out_dir: str = "output", force: bool = False, max_pages: Optional[int] = None,
               quiet: bool = False, parallel: bool = False) -> list[dict]:
    """Every source under ``paths`` through :func:`process_source`; writes ``out_dir/index.json``.

    With ``parallel``, sources are submitted to the flow's task runner (a process pool or a Dask cluster, chosen
    by the caller with ``kavosh_run.with_options(task_runner=...)``); otherwise they run one after another.
    """
    progress = _progress_for(quiet)
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    check_output_dir(out_dir)
    if remove_stale_temporaries(out_dir):
        progress("removed temporary files left by an interrupted run")
    sources, entries = batch.discover(paths)
    for e in entries:
        progress(f"error: {e.error}")
    previous = {e.path: e for e in read_index(out_dir).sources}
    todo = []
    for src in sources:
        skipped = None if force else batch.unchanged_entry(str(src), out_dir, previous.get(str(src)))
        if skipped is not None:
            progress(f"{src.name}: unchanged, skipped")
            entries.append(skipped)
        else:
            todo.append(src)
    if todo:
        progress("loading the lexicon")
        pipeline.warm_up()
    if parallel and len(todo) > 1:
        futures = [source_task.submit(str(src), out_dir, max_pages, quiet) for src in todo]
        for src, fut in zip(todo, futures):
            try:
                entries.append(IndexEntry.model_validate(fut.result()))
            except Exception as e:  # a worker that died: the source fails, the batch goes on
                entries.append(IndexEntry(path=str(src), status="failed", error=f"{src}: worker failed: {e}"))
                progress(f"error: {entries[-1].error}")
    else:
        # each source's stages run as tasks of this flow, tagged with the source: a nested flow run per source
        # costs about 2 s of Prefect bookkeeping, its tasks about 0.1 s (bench/run.py)
        for n, src in enumerate(todo, 1):
            progress(f"[{n}/{len(todo)}] {src}")
            with tags(f"source:{src.name}"):
                entries.append(batch.process_one(str(src), out_dir, max_pages=max_pages, stages=PrefectStages(),
                                                 progress=progress))
    run = RunRecord(
        started=started, finished=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        pipeline_version=pipeline.PIPELINE_VERSION,
        processed=[e.path for e in entries if e.status == "ok"],
        skipped=[e.path for e in entries if e.status == "skipped"],
        failed=[e.path for e in entries if e.status == "failed"],
    )
    write_index(out_dir, entries, run)
    return [e.model_dump() for e in entries]
