"""The ``kavosh`` command.

    kavosh run [PATH ...] [--out DIR] [--force] [--max-pages N] [--quiet]
    kavosh schema
    kavosh repair SOURCE [-o FILE]      the repaired (normalized) text of a source, for people and other tools
    kavosh open SOURCE [--out DIR]      the path of a source's review page

Exit status: 0 when every source succeeded, 1 when any failed (the others are still written), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from flows.settings import configure_prefect_env


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kavosh", description="Extract constitution articles, citations, dates, "
                                "statistics and tables from Persian/English commentary sources, and check them.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process sources (files or folders; default raw/) and write DIR/")
    run.add_argument("paths", nargs="*", default=["raw"], metavar="PATH")
    run.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output/)")
    run.add_argument("--force", action="store_true", help="reprocess sources even when unchanged")
    run.add_argument("--max-pages", type=int, default=500, metavar="N", help="refuse PDFs over N pages (default 500)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    par = run.add_mutually_exclusive_group()
    par.add_argument("--workers", type=int, default=1, metavar="N",
                     help="process N sources at a time in a local process pool (default 1: one after another)")
    par.add_argument("--dask-address", metavar="tcp://HOST:PORT", help="run the sources on this Dask scheduler "
                     "(needs the dask extra: pip install '.[dask]')")
    par.add_argument("--dask-local", type=int, metavar="N", help="run the sources on a local Dask cluster of N workers")

    serve = sub.add_parser("serve", help="serve the run as a Prefect deployment on a schedule")
    serve.add_argument("paths", nargs="*", default=["raw"], metavar="PATH")
    serve.add_argument("--out", default="output", metavar="DIR")
    serve.add_argument("--max-pages", type=int, default=500, metavar="N")
    when = serve.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", metavar="EXPR", help="a cron schedule, e.g. '0 3 * * *'")
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS seconds")
    serve.add_argument("--name", default="kavosh", help="deployment name (default: kavosh)")

    exp = sub.add_parser("export", help="write every extracted item of the processed sources for other tools")
    exp.add_argument("--from", dest="from_dir", default="output", metavar="DIR", help="a kavosh run's output folder")
    exp.add_argument("--format", required=True, choices=["jsonl", "csv", "spacy"])
    exp.add_argument("--out", required=True, metavar="DIR")

    sub.add_parser("schema", help="print the JSON Schema of extraction.json")

    rep = sub.add_parser("repair", help="write the repaired text of a source")
    rep.add_argument("source")
    rep.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    op = sub.add_parser("open", help="print the path of a source's review page")
    op.add_argument("source")
    op.add_argument("--out", default="output", metavar="DIR")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        from extractors.models import extraction_schema

        print(json.dumps(extraction_schema(), ensure_ascii=False, indent=2))
        return 0
    if args.command == "run":
        return _run(args)
    if args.command == "export":
        return _export(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "repair":
        return _repair(args)
    if args.command == "open":
        return _open(args)
    return 2


def _task_runner(args):
    """The task runner for a parallel run, or None for one source after another."""
    if args.dask_address or args.dask_local:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise _Usage("Dask support is not installed: pip install '.[dask]'")
        if args.dask_address:
            return DaskTaskRunner(address=args.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": args.dask_local, "threads_per_worker": 1, "processes": True})
    if args.workers > 1:
        from prefect.task_runners import ProcessPoolTaskRunner

        from extractors.pipeline import warm_up

        return ProcessPoolTaskRunner(max_workers=args.workers, initializer=warm_up)
    return None


class _Usage(Exception):
    pass


def _run(args) -> int:
    for flag, value in (("--max-pages", args.max_pages), ("--workers", args.workers), ("--dask-local", args.dask_local)):
        if value is not None and value < 1:
            print(f"kavosh run: {flag} must be at least 1", file=sys.stderr)
            return 2
    configure_prefect_env(quiet=args.quiet)
    from extractors.errors import SourceError

    from flows.kavosh_flow import kavosh_run

    try:
        runner = _task_runner(args)
    except _Usage as e:
        print(f"kavosh run: {e}", file=sys.stderr)
        return 2
    flow_fn = kavosh_run.with_options(task_runner=runner) if runner else kavosh_run
    from flows.server import local_server

    # worker processes need a server they can all reach; a one-after-another run makes do with Prefect's own
    server = local_server() if runner is not None else contextlib.nullcontext()
    try:
        with server:
            entries = flow_fn(args.paths, args.out, force=args.force, max_pages=args.max_pages, quiet=args.quiet,
                              parallel=runner is not None)
    except SourceError as e:  # the output folder itself is unusable
        print(f"error: {e}", file=sys.stderr)
        return 1
    failed = [e for e in entries if e["status"] == "failed"]
    if not args.quiet:
        ok = sum(e["status"] == "ok" for e in entries)
        skipped = sum(e["status"] == "skipped" for e in entries)
        print(f"kavosh: {ok} processed, {skipped} unchanged, {len(failed)} failed; index: {Path(args.out) / 'index.json'}",
              file=sys.stderr)
    return 1 if failed else 0


def _serve(args) -> int:
    """Serve kavosh-run on a schedule until interrupted (Ctrl-C or SIGTERM), then stop everything cleanly."""
    import signal

    if args.interval is not None and args.interval <= 0:
        print("kavosh serve: --interval must be positive", file=sys.stderr)
        return 2
    if args.cron is not None:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=args.cron)
        except ValueError:
            print(f"kavosh serve: not a valid cron expression: {args.cron!r}", file=sys.stderr)
            return 2
    os.environ.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", "5")
    configure_prefect_env()

    def _stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    from flows.server import local_server

    params = {"paths": [str(Path(p).resolve()) for p in args.paths], "out_dir": str(Path(args.out).resolve()),
              "max_pages": args.max_pages, "quiet": False}
    try:
        with local_server() as api_url:
            from flows.kavosh_flow import kavosh_run

            dropped = _drop_stale_scheduled_runs(f"kavosh-run/{args.name}")
            if dropped:
                print(f"kavosh serve: dropped {dropped} scheduled runs left by an earlier serve", file=sys.stderr)
            when = f"cron {args.cron!r}" if args.cron else f"every {args.interval:g} s"
            print(f"kavosh serve: deployment kavosh-run/{args.name} on {api_url}, {when}; Ctrl-C stops",
                  file=sys.stderr, flush=True)
            kavosh_run.serve(name=args.name, cron=args.cron, interval=args.interval, parameters=params, limit=1,
                             print_starting_message=False)
    except (KeyboardInterrupt, SystemExit):  # Ctrl-C, or SIGTERM (Prefect's runner turns it into SystemExit)
        pass
    except RuntimeError as e:
        print(f"kavosh serve: {e}", file=sys.stderr)
        return 1
    print("kavosh serve: stopped", file=sys.stderr)
    return 0


def _export(args) -> int:
    from extractors.errors import SourceError
    from extractors.export import export

    try:
        counts = export(args.from_dir, args.format, args.out)
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print("kavosh export: " + ", ".join(f"{n} {c}" for c, n in counts.items()) + f" -> {args.out}", file=sys.stderr)
    return 0


def _drop_stale_scheduled_runs(deployment: str) -> int:
    """Delete the not-yet-started runs an earlier ``kavosh serve`` of this deployment scheduled: they carry that
    serve's parameters (its folders), not this one's."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId, FlowRunFilter, \
        FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            dep = client.read_deployment_by_name(deployment)
        except ObjectNotFound:
            return 0
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[dep.id])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))),
        )
        for run in runs:
            client.delete_flow_run(run.id)
        return len(runs)


def _repair(args) -> int:
    from extractors.errors import SourceError
    from extractors.pipeline import repaired_text

    try:
        text = repaired_text(args.source)
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.output:
        from extractors.output import atomic_write_text

        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _open(args) -> int:
    from extractors.output import output_dir_for

    page = output_dir_for(args.out, args.source) / "review.html"
    if not page.exists():
        print(f"error: {args.source}: no review page at {page} (run `kavosh run` first)", file=sys.stderr)
        return 1
    print(page.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
