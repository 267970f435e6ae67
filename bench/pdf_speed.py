"""PDF ingest speed: time per page of ``extractors.pdf.load_pdf`` against pdfplumber's own ``page.extract_text()``.

    .venv/bin/python bench/pdf_speed.py [PDF ...] [--repeat N]

Both sides open the PDF from the same bytes and read every page (the character extraction by pdfminer is most
of either). Times are CPU time of this process (``time.process_time``), so other work on a shared machine does
not count; ``--wall`` measures wall-clock time instead. Runs alternate (baseline, ours, baseline, ours, ...) and
the best of ``--repeat`` runs is kept. A first, unmeasured run of ours loads hazm's lexicon (used only for
unmapped glyphs) and warms caches. The last column is the ratio ours / extract_text; the target is at most 1.5.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = [
    ROOT.parent / "shared" / "sources" / "kazakhstan-2022-referendum.pdf",
    ROOT.parent / "shared" / "sources" / "kazakhstan-2022-referendum.weasyprint.pdf",
    *sorted((ROOT.parent / "shared" / "external" / "pdfs").glob("*.pdf")),
]


def baseline(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


def ours(name: str, data: bytes) -> int:
    from extractors.pdf import load_pdf

    return load_pdf(name, data).pages or 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = ap.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    paths = args.pdfs or [p for p in DEFAULT if p.exists()]
    print(f"{'file':48} {'pages':>5} {'extract_text ms/p':>18} {'load_pdf ms/p':>14} {'ratio':>6}"
          f"   ({'wall' if args.wall else 'CPU'} time, best of {args.repeat})")
    worst = 0.0
    total_base = total_ours = 0.0
    total_pages = 0
    for path in paths:
        data = path.read_bytes()
        ours(path.name, data)  # warm-up: imports, hazm's lexicon when a font has unmapped glyphs
        best_b = best_o = float("inf")
        pages = 0
        for _ in range(args.repeat):
            t = clock()
            pages = baseline(data)
            best_b = min(best_b, clock() - t)
            t = clock()
            ours(path.name, data)
            best_o = min(best_o, clock() - t)
        ratio = best_o / best_b
        worst = max(worst, ratio)
        total_base += best_b
        total_ours += best_o
        total_pages += pages
        print(f"{path.name[:48]:48} {pages:5d} {1000 * best_b / pages:18.1f} {1000 * best_o / pages:14.1f} "
              f"{ratio:6.2f}")
    if total_pages:
        print(f"{'all':48} {total_pages:5d} {1000 * total_base / total_pages:18.1f} "
              f"{1000 * total_ours / total_pages:14.1f} {total_ours / total_base:6.2f}")
    print(f"worst ratio {worst:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
