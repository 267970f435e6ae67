"""kavosh benchmark: prints every speed and memory figure the project tracks, on this machine.

    make bench            (or .venv/bin/python bench/run.py [--repeat N] [--batch 50] [--quick])

Figures (medians over --repeat runs unless said otherwise):
  1. start-up costs kept out of the per-document path (imports, lexicon, Prefect server);
  2. time per stage on the seed text and the seed PDF; each extractor over the whole seed (target: well under 100 ms);
  3. the whole text pipeline (load .. checks, no Prefect) against hazm's Normalizer().normalize on the same text
     (target: within 3x);
  4. PDF ingest per page against pdfplumber's own extract_text (target: within 1.5x) — bench/pdf_speed.py;
  5. a batch of N sources: documents per second without Prefect and with it, Prefect's overhead per source
     (target: under 0.3 s), memory as the batch grows (target: flat), and a rerun over an unchanged folder of 20
     (target: under a fifth of the first run, nothing processed);
  6. repair accuracy against the gold set — bench/repair_accuracy.py, when present.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")

SEED_TXT = ROOT / "raw" / "kazakhstan-2022-referendum.txt"
SEED_PDF = ROOT / "raw" / "kazakhstan-2022-referendum.pdf"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<58} {value:>14}  {target}")


def section(title: str) -> None:
    print(f"\n{title}")


def startup() -> None:
    section("1. start-up (once per process, not per document)")
    t = time.perf_counter()
    import hazm  # noqa: F401

    row("import hazm", f"{time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    from extractors import pipeline

    row("import kavosh extractors", f"{time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    pipeline.warm_up()
    row("hazm lexicon + verbs + letter table (warm_up)", f"{time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    import prefect  # noqa: F401

    row("import prefect", f"{time.perf_counter() - t:.2f} s")


def stages(path: Path, repeat: int, label: str) -> dict[str, float]:
    from extractors.pipeline import Timings, process

    runs = []
    for _ in range(repeat):
        tm = Timings()
        process(path, timings=tm)
        runs.append(tm.seconds)
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    section(f"2. stages on the {label} (median of {repeat})")
    for k, v in med.items():
        target = "target < 100 ms" if k in ("articles", "citations", "dates", "statistics", "tables") else ""
        row(k, f"{v * 1000:.1f} ms", target)
    row("total", f"{sum(med.values()) * 1000:.1f} ms")
    return med


def versus_hazm(repeat: int) -> None:
    from hazm import Normalizer

    from extractors.pipeline import process

    text = SEED_TXT.read_text(encoding="utf-8")
    data = SEED_TXT.read_bytes()
    normalizer = Normalizer()
    t_hazm = median_time(lambda: normalizer.normalize(text), repeat)
    t_ours = median_time(lambda: process(SEED_TXT, data=data), repeat)
    section("3. whole text pipeline vs hazm's Normalizer().normalize on the seed")
    row("hazm Normalizer().normalize", f"{t_hazm * 1000:.1f} ms")
    row("kavosh load..checks (no Prefect)", f"{t_ours * 1000:.1f} ms")
    row("ratio", f"{t_ours / t_hazm:.2f}x", "target <= 3x")


def pdf_speed(repeat: int) -> None:
    section("4. PDF ingest per page vs pdfplumber extract_text")
    script = ROOT / "bench" / "pdf_speed.py"
    if not script.exists():
        row("bench/pdf_speed.py", "missing")
        return
    out = subprocess.run([sys.executable, str(script), "--repeat", str(repeat)], capture_output=True, text=True)
    print("\n".join("  " + ln for ln in (out.stdout + out.stderr).strip().splitlines()))


def _make_batch(folder: Path, n: int) -> list[Path]:
    """n sources: the seed text, and variants of it (a different tail, so each has its own sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = SEED_TXT.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        p = folder / f"source-{i:03d}.txt"
        p.write_text(base + f"\nsource {i}\n", encoding="utf-8")
        paths.append(p)
    return paths


def batches(n: int) -> None:
    from extractors.batch import process_one

    section(f"5. batches (one process, after warm-up)")
    tmp = Path(tempfile.mkdtemp(prefix="kavosh-bench-"))
    try:
        paths = _make_batch(tmp / "raw", n)
        # without Prefect
        out = tmp / "plain"
        marks = {}
        t = time.perf_counter()
        for i, p in enumerate(paths, 1):
            process_one(str(p), str(out))
            if i in (max(1, n // 5), n // 2, n):
                marks[i] = rss_mb()
        t_plain = time.perf_counter() - t
        row(f"{n} sources without Prefect", f"{n / t_plain:.2f} docs/s")
        row("memory (RSS) after " + ", ".join(f"{k}" for k in marks) + " sources",
            " / ".join(f"{v:.0f}" for v in marks.values()) + " MB", "target: flat")

        # with Prefect (its temporary server is started first and timed apart)
        from prefect import flow

        from flows.kavosh_flow import kavosh_run

        @flow
        def _noop():
            return 1

        t = time.perf_counter()
        _noop()
        row("Prefect temporary server start + first flow run", f"{time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        kavosh_run([str(tmp / "raw")], str(tmp / "prefect"), force=True, quiet=True)
        t_prefect = time.perf_counter() - t
        row(f"{n} sources with Prefect (a flow per source, a task per stage)", f"{n / t_prefect:.2f} docs/s")
        row("Prefect overhead per source", f"{(t_prefect - t_plain) / n:.3f} s", "target < 0.3 s")

        # incremental: 20 sources, first run and an unchanged rerun
        raw20 = tmp / "raw20"
        raw20.mkdir()
        for p in paths[:20]:
            shutil.copy(p, raw20 / p.name)
        t = time.perf_counter()
        first = kavosh_run([str(raw20)], str(tmp / "inc"), quiet=True)
        t_first = time.perf_counter() - t
        t = time.perf_counter()
        again = kavosh_run([str(raw20)], str(tmp / "inc"), quiet=True)
        t_again = time.perf_counter() - t
        processed = sum(e["status"] == "ok" for e in again)
        row("20 sources: first run", f"{t_first:.2f} s")
        row("20 sources: rerun, unchanged", f"{t_again:.2f} s", f"{t_again / t_first:.2f} of the first (target < 0.2)")
        row("sources processed again on the rerun", f"{processed}", "target 0")
        row("peak memory of this process", f"{peak_mb():.0f} MB")
        assert all(e["status"] == "ok" for e in first)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def repair_accuracy() -> None:
    section("6. repair accuracy (word level, against the gold set)")
    script = ROOT / "bench" / "repair_accuracy.py"
    if not script.exists():
        row("bench/repair_accuracy.py", "missing")
        return
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    print("\n".join("  " + ln for ln in (out.stdout + out.stderr).strip().splitlines()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--quick", action="store_true", help="fewer repeats and a batch of 10")
    args = ap.parse_args()
    if args.quick:
        args.repeat, args.batch = 2, 10
    print(f"kavosh benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} cores")
    startup()
    stages(SEED_TXT, args.repeat, "seed text")
    if SEED_PDF.exists():
        try:
            stages(SEED_PDF, max(1, args.repeat // 2), "seed PDF")
        except Exception as e:  # PDF ingest may not be available
            row("seed PDF", f"not run: {e}")
    versus_hazm(args.repeat)
    pdf_speed(args.repeat)
    batches(args.batch)
    repair_accuracy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
