"""Reading-order repair (issue 7): accuracy against a clean reading, known-word share, speed.

    .venv/bin/python bench/repair_accuracy.py               # measure and print
    .venv/bin/python bench/repair_accuracy.py --build-gold  # (re)build tests/fixtures/repair_gold.json

The gold set: real damaged Persian lines of the seed (raw/kazakhstan-2022-referendum.txt, 1-based line numbers
over ``read().split('\\n')``) with their correct logical reading. The main PDF
(../shared/sources/kazakhstan-2022-referendum.pdf) was typeset from a careful reading of the same text; its text
layer is read glyph by glyph (pdfplumber chars: a blank glyph drawn inside a letter is a ZWNJ), each visual line
turned back to logical order with python-bidi (base direction right-to-left for any line with Persian letters,
brackets and guillemets mirrored back), and the pages concatenated into one logical stream. Each seed line is then
found in that stream: the damage only permutes a line's characters, so the seed line's multiset of non-blank
characters (letters folded, brackets and digits normalized) equals that of its logical reading; a sliding window
over the stream's non-blank characters finds it (searched near the previous line's match first), and the window is
moved so both ends fall on word boundaries. The PDF reading cut at the window (line breaks as blanks) is the gold.
Lines where a PDF line break falls next to a Latin or digit run (bidi order across lines is not reliable) are left
out, as are lines whose gold cannot be produced from the raw line by reversing runs (the PDF's wording differs).

Word accuracy: both readings are split into words and punctuation marks; accuracy = 1 - (word edit distance /
gold words). Reported strict (ZWNJ part of the word) and ZWNJ-insensitive (ZWNJ as a blank), and an
order-free bag-of-words recall.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "raw" / "kazakhstan-2022-referendum.txt"
PDF = ROOT.parent / "shared" / "sources" / "kazakhstan-2022-referendum.pdf"
GOLD = ROOT / "tests" / "fixtures" / "repair_gold.json"
ZWNJ = "\u200c"
AR = re.compile(r"[\u0600-\u06ff]")
LA = re.compile(r"[A-Za-z]")


# ----------------------------------------------------------------------------------------- building the gold
def pdf_lines(path: Path) -> list[dict]:
    """The PDF's text lines in logical order, with ZWNJs (see the module docstring)."""
    import pdfplumber
    from bidi.algorithm import get_display

    placeholder = "\u05d0"  # a strong right-to-left letter stands in for ZWNJ through the bidi algorithm
    out = []
    with pdfplumber.open(path) as pdf:
        for pno, page in enumerate(pdf.pages, 1):
            rows: dict[float, list] = {}
            for c in page.chars:
                if not c["text"]:
                    continue
                key = round(c["top"] * 2) / 2
                for k in rows:
                    if abs(k - key) < 1.5:
                        key = k
                        break
                rows.setdefault(key, []).append(c)
            for top in sorted(rows):
                cs = rows[top]
                glyphs = [c for c in cs if c["text"] != " "]
                items = []
                for c in cs:
                    x, kind = c["x0"], 1
                    if c["text"] == " ":
                        for g in glyphs:
                            # a blank glyph drawn inside a Persian letter is a ZWNJ: it goes just left of it
                            if AR.match(g["text"]) and g["x0"] - 0.3 <= x and x + 1.0 < g["x1"]:
                                kind, x = 0, g["x0"]
                                break
                    items.append((x, kind, placeholder if kind == 0 else c["text"]))
                items.sort(key=lambda t: (t[0], t[1]))
                vis = re.sub(" {2,}", " ", "".join(t[2] for t in items)).strip()
                base = "R" if AR.search(vis) else "L"
                log = get_display(vis, base_dir=base)
                if base == "R":
                    log = log.translate(str.maketrans("()[]«»", ")(][»«"))
                out.append({"page": pno, "text": log.replace(placeholder, ZWNJ)})
    return out


_KEY_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", ")": "(", "»": "«", "]": "(", "[": "(",
                           **{c: str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}})


def _key(ch: str) -> str | None:
    if ch.isspace() or ch in (ZWNJ, "\u200f", "\u200e", "\u0650", "\u0640"):
        return None
    return ch.translate(_KEY_FOLD)


def _keys(s: str) -> list[tuple[str, int]]:
    return [(k, i) for i, ch in enumerate(s) if (k := _key(ch))]


def run_segments(raw: str, gold: str) -> list[tuple[int, int]] | None:
    """The fewest raw runs (raw offsets, logical order) whose reversal gives the gold's characters, or None."""
    rk, gk = _keys(raw), _keys(gold)
    R = [c for c, _ in rk]
    G = [c for c, _ in gk]
    if Counter(R) != Counter(G):
        return None
    n = len(R)
    best = {n: (0, None)}
    for e in range(n, 0, -1):
        if e not in best:
            continue
        i = n - e
        for s in range(e - 1, -1, -1):
            if R[s:e] == G[i : i + e - s] and (s not in best or best[s][0] > best[e][0] + 1):
                best[s] = (best[e][0] + 1, e)
    if 0 not in best:
        return None
    segs, s = [], 0
    while s != n:
        e = best[s][1]
        segs.append((rk[s][1], rk[e - 1][1] + 1))
        s = e
    segs.reverse()
    return segs


# gold lines read side by side with their raw line while building the set (reading order, words, ZWNJs)
CHECKED_BY_EYE = frozenset((
    182, 184, 186, 187, 201, 213, 225, 227, 229, 230, 232, 234, 236, 238, 244, 246, 248, 250, 254, 256, 258, 262,
    264, 266, 268, 270, 271, 273, 275, 277, 279, 281, 283, 285, 287, 289, 291, 293, 295, 297, 299, 301, 303, 305,
    307, 309, 311, 313, 315, 317, 318, 320, 334, 336, 350, 632, 636, 644, 648, 650, 655, 661, 665,
))


def build_gold() -> list[dict]:
    lines = pdf_lines(PDF)
    stream = "\n".join(ln["text"] for ln in lines)
    page_of = []
    for ln in lines:
        page_of += [ln["page"]] * (len(ln["text"]) + 1)
    K, P = [], []
    for i, ch in enumerate(stream):
        k = _key(ch)
        if k:
            K.append(k)
            P.append(i)

    def edge_score(q: int, n: int) -> int:
        a, b = P[q], P[q + n - 1] + 1
        return (a == 0 or stream[a - 1].isspace()) + (b >= len(stream) or stream[b].isspace())

    def find(C: Counter, n: int, lo: int, hi: int) -> int | None:
        lo, hi = max(0, lo), min(len(K) - n, hi)
        if hi < lo:
            return None
        win = Counter(K[lo : lo + n])
        for p in range(lo, hi + 1):
            if p > lo:
                a = K[p - 1]
                win[a] -= 1
                if not win[a]:
                    del win[a]
                win[K[p + n - 1]] += 1
            if win == C:
                cands, q = [p], p
                while q + n < len(K) and K[q] == K[q + n]:
                    q += 1
                    cands.append(q)
                return max(cands, key=lambda q: edge_score(q, n))
        return None

    raw_lines = SEED.read_text(encoding="utf-8").split("\n")
    out, ptr = [], 0
    for no, raw in enumerate(raw_lines, 1):
        if not AR.search(raw) or len(AR.findall(raw)) < len(LA.findall(raw)):
            continue
        ks = [k for k in map(_key, raw) if k]
        n = len(ks)
        if n < 3:
            continue
        C = Counter(ks)
        p = find(C, n, ptr - 50, ptr + 400)
        if p is None:
            p = find(C, n, ptr - 3000, ptr + 6000)
        if p is None:
            continue
        ptr = p + n
        a, b = P[p], P[p + n - 1] + 1
        if "\u0640" in raw and stream[max(0, a - 2) : a].strip() == "\u0640":
            a = stream.rindex("\u0640", 0, a)  # a list dash before the first letter belongs to the line
        cut = stream[a:b]
        risky = any(
            (stream[i - 1 : i].isdigit() or LA.match(stream[i - 1 : i] or " ") or stream[i + 1 : i + 2].isdigit()
             or LA.match(stream[i + 1 : i + 2] or " "))
            for i in range(a, b) if stream[i] == "\n"
        )
        gold = re.sub(" {2,}", " ", cut.replace("\n", " ")).strip().translate(str.maketrans({"ي": "ی", "ك": "ک"}))
        if risky or re.search(r"[\u0600-\u06ff]\d|\d[\u0621-\u06ff]", gold):
            continue  # bidi order across PDF lines, or a table row whose cells the text layer glued together
        segs = run_segments(raw, gold)
        if segs is None:
            continue
        out.append({
            "line": no, "raw": raw, "gold": gold, "runs": len(segs), "page": page_of[a],
            "how": "pdf-text-layer: multiset-aligned window of the logical PDF reading"
                   + ("; checked by eye against the raw line" if no in CHECKED_BY_EYE else ""),
        })
    return out


# ---------------------------------------------------------------------------------------------- measuring
_PUNCT = re.compile(r"([«»()\[\]،؛:.!؟?,;])")


def words(s: str, zwnj: bool = True) -> list[str]:
    s = s.translate(str.maketrans({"ي": "ی", "ك": "ک"})).replace("\u0640", " \u0640 ")
    if not zwnj:
        s = s.replace(ZWNJ, " ")
    return _PUNCT.sub(r" \1 ", s).split()


def edit_distance(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def known_share(texts: list[str]) -> tuple[int, int]:
    """(known, total) Persian words: hazm's lexicon (as written, without ZWNJ, ۀ as ه), a verb form, or a
    lemma (hazm's Lemmatizer) that is one. The list dash ـ is not a word."""
    from extractors import _repair_model as M

    tok = re.compile(r"[\u0621-\u063A\u0641-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u06C0\u0622\u200c]+")
    k = t = 0
    for s in texts:
        for w in tok.findall(s.translate(str.maketrans({"ي": "ی", "ك": "ک"}))):
            w = w.strip(ZWNJ)
            if w:
                t += 1
                k += M.known(w)
    return k, t


def measure(gold: list[dict], verbose: bool = False) -> dict:
    from extractors import _repair_model as M
    from extractors.loaders import load
    from extractors.normalize import normalize
    from extractors.segment import segment

    t0 = time.perf_counter()
    M.load()
    t_load = time.perf_counter() - t0

    doc = load(str(SEED))
    segment(doc)
    w0, c0 = time.perf_counter(), time.process_time()
    repairs = normalize(doc)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0

    fa = [b for b in doc.blocks if b.lang == "fa"]
    k_raw, t_raw = known_share([b.text for b in fa])
    k_norm, t_norm = known_share([b.normalized.text for b in fa])

    normalized_line: dict[int, str] = {}
    for b in doc.blocks:
        for ln, text in zip(b.lines, b.normalized.text.split("\n")):
            normalized_line[ln.number] = text
    tot = e_raw = e_out = e_raw_z = e_out_z = bag_raw = bag_out = exact = 0
    rows = []
    for g in gold:
        out = normalized_line.get(g["line"], "")
        gw, ow, rw = words(g["gold"]), words(out), words(g["raw"])
        eo, er = edit_distance(ow, gw), edit_distance(rw, gw)
        tot += len(gw)
        e_out += eo
        e_raw += er
        e_out_z += edit_distance(words(out, False), words(g["gold"], False))
        e_raw_z += edit_distance(words(g["raw"], False), words(g["gold"], False))
        G = Counter(gw)
        bag_out += sum((Counter(ow) & G).values())
        bag_raw += sum((Counter(rw) & G).values())
        exact += eo == 0
        rows.append((eo, g["line"], g["raw"], out, g["gold"]))
    res = {
        "seed_persian_lines": sum(len(b.lines) for b in fa),
        "known_share_raw": round(k_raw / t_raw, 4), "known_share_normalized": round(k_norm / t_norm, 4),
        "known_words": [k_raw, t_raw, k_norm, t_norm],
        "gold_lines": len(gold), "gold_words": tot,
        "word_accuracy_raw": round(1 - e_raw / tot, 4), "word_accuracy_repaired": round(1 - e_out / tot, 4),
        "word_accuracy_raw_zwnj_insensitive": round(1 - e_raw_z / tot, 4),
        "word_accuracy_repaired_zwnj_insensitive": round(1 - e_out_z / tot, 4),
        "bag_of_words_recall_raw": round(bag_raw / tot, 4), "bag_of_words_recall_repaired": round(bag_out / tot, 4),
        "gold_lines_exact": exact,
        "repair_seconds_wall": round(wall, 3), "repair_seconds_cpu": round(cpu, 3),
        "lexicon_load_seconds": round(t_load, 2),
        "repairs": len(repairs), "repairs_by_rule": dict(Counter(r.rule for r in repairs)),
    }
    if verbose:
        rows.sort(reverse=True)
        for eo, line, raw, out, gold in rows[:15]:
            print(f"L{line} errors={eo}\n  raw  {raw}\n  out  {out}\n  gold {gold}")
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-gold", action="store_true", help="rebuild tests/fixtures/repair_gold.json from the PDF")
    ap.add_argument("--verbose", action="store_true", help="show the worst gold lines")
    args = ap.parse_args()
    if args.build_gold:
        items = build_gold()
        GOLD.write_text(json.dumps({"source": "raw/kazakhstan-2022-referendum.txt", "pdf": "shared/sources/kazakhstan-2022-referendum.pdf",
                                    "method": " ".join(__doc__.split("\n\n")[2].split()),
                                    "lines": items}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(items)} gold lines to {GOLD.relative_to(ROOT)}")
        return
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["lines"]
    res = measure(gold, verbose=args.verbose)
    for k, v in res.items():
        print(f"{k:42s} {v}")


if __name__ == "__main__":
    main()
