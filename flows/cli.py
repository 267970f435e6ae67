"""The ``kavosh`` command.

    kavosh run [PATH ...] [--out DIR] [--force] [--max-pages N] [--quiet]
    kavosh schema
    kavosh repair SOURCE [-o FILE]      the repaired (normalized) text of a source, for people and other tools
    kavosh open SOURCE [--out DIR]      the path of a source's review page

Exit status: 0 when every source succeeded, 1 when any failed (the others are still written), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .settings import configure_prefect_env


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
    if args.command == "repair":
        return _repair(args)
    if args.command == "open":
        return _open(args)
    return 2


def _run(args) -> int:
    if args.max_pages is not None and args.max_pages < 1:
        print("kavosh run: --max-pages must be at least 1", file=sys.stderr)
        return 2
    configure_prefect_env(quiet=args.quiet)
    from extractors.errors import SourceError

    from .kavosh_flow import kavosh_run

    try:
        entries = kavosh_run(args.paths, args.out, force=args.force, max_pages=args.max_pages, quiet=args.quiet)
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
