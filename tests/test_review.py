"""The review page (issue 10): every item highlighted exactly once, every check listed, Persian right-to-left.

Two pages are tested: the seed as the pipeline sees it today (real blocks, whatever the extractors find), and a
synthetic Extraction on the same real blocks carrying the hand-annotated items of tests/fixtures (articles,
citations, dates), some statistics, a table and checks, so every feature is exercised. The assertions are
generic (every item of ``ex``, every check of ``ex``), so they hold unchanged once the real extractors land.

The browser tests drive Debian's ``chromium`` headless through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: no port, no extra Python package), take screenshots into ``test-artifacts/`` and
read everything they assert from the page itself. They skip only when chromium is not installed.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import shutil
import subprocess
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractors.models import (
    Article, Cell, Check, Citation, DateItem, Extraction, Row, Span, Statistic, Table, item_id,
)
from extractors.review import render_review, review_path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw" / "kazakhstan-2022-referendum.txt"
FIXTURES = ROOT / "tests" / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"
KIND_ATTRS = ("articles", "citations", "dates", "statistics")


# ----------------------------------------------------------------------------------------------------------
# the Extractions under test


@pytest.fixture(scope="module")
def seed_ex() -> Extraction:
    from extractors.pipeline import process

    return process(str(SEED.relative_to(ROOT)) if Path.cwd() == ROOT else str(SEED))


def _raw_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def _block_of(ex: Extraction, line: int):
    for b in ex.blocks:
        if b.line_start <= line <= b.line_end:
            return b
    raise AssertionError(f"line {line} is in no block")


def _span(raw: list[str], line: int, surface: str, after: int = 0) -> Span:
    start = raw[line - 1].index(surface, after)
    return Span(line=line, start=start, end=start + len(surface), text=surface)


def _continuation(raw: list[str], line: int) -> Span:
    """The first words of a continuation line, as a continued piece."""
    text = raw[line - 1]
    a = len(text) - len(text.lstrip())
    b = min(len(text.rstrip()), a + 24)
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(line=line, start=a, end=b, text=text[a:b])


def build_synthetic(seed: Extraction) -> Extraction:
    """The seed's real blocks with items on real lines: spans are exact raw slices."""
    raw = _raw_lines()
    ex = seed.model_copy(deep=True)

    def where(span: Span) -> dict:
        b = _block_of(ex, span.line)
        return {"lang": b.lang, "zone": b.zone, "block": b.id}

    fx = {n: json.loads((FIXTURES / f"seed_{n}.json").read_text(encoding="utf-8"))["items"]
          for n in ("articles", "citations", "dates")}
    ex.articles = []
    for k, it in enumerate(fx["articles"]):
        s = _span(raw, it["line"], it["surface"])
        ex.articles.append(Article(
            id=item_id("art", s, it["article"], k), span=s, **where(s), article=it["article"],
            paragraphs=it["paragraphs"], subparagraphs=it["subparagraphs"], version=it["version"],
            section=it["section"], from_range=it["from_range"], law=it["law"]))
    ex.citations = []
    for k, it in enumerate(fx["citations"]):
        s = _span(raw, it["line"], it["surface"])
        cont = [_continuation(raw, it["line_end"])] if it.get("line_end", it["line"]) != it["line"] else []
        ex.citations.append(Citation(
            id=item_id("cit", s, it["author"], k), span=s, continued=cont, **where(s), author=it["author"],
            label=it["label"], year=it["year"], calendar=it["calendar"],
            page=None if it["page"] is None else str(it["page"]), kind=it["kind"], source_key=it["author"].lower()))
    ex.dates = []
    for k, it in enumerate(fx["dates"]):
        s = _span(raw, it["line"], it["surface"])
        cont = [_continuation(raw, it["line_end"])] if it.get("line_end", it["line"]) != it["line"] else []
        ex.dates.append(DateItem(
            id=item_id("date", s, it["value"], k), span=s, continued=cont, **where(s), calendar=it["calendar"],
            value=it["value"], gregorian=it["gregorian"], precision=it["precision"]))

    # table 1 of the seed (lines 484-500): label at the line's end, numbers before it
    caption_line = 484
    cap = raw[caption_line - 1].strip()
    rows = []
    for ln in range(488, 501, 2):
        text = raw[ln - 1]
        nums = list(re.finditer(r"\d[\d،]*", text))
        if not nums or ln == 494:
            continue
        label_start = nums[-1].end() if ln != 492 else nums[0].end()
        label = text[label_start:].strip()
        ls = text.index(label, label_start)
        cells = []
        for j, m in enumerate(reversed(nums if ln != 492 else nums[:1])):
            cs = Span(line=ln, start=m.start(), end=m.end(), text=m.group())
            value = float(m.group().replace("،", ".")) if "،" in m.group() and len(m.group().split("،")[-1]) == 2 \
                else int(m.group().replace("،", ""))
            cells.append(Cell(id=f"tbl-1-r{len(rows) + 1}-c{j + 1}", value=value, text=m.group(), span=cs))
        rows.append(Row(label=label, label_span=Span(line=ln, start=ls, end=ls + len(label), text=label), cells=cells))
    table = Table(id="tbl-1", number=1, caption=cap, columns=["", "تعداد", "درصد"], rows=rows,
                  source="ODIHR 3, 2022: 21", span=_span(raw, caption_line, cap), lang="fa")
    ex.tables = [table]
    cell = {c.text: c for r in rows for c in r.cells}

    def stat(line, surface, value, kind, unit, subject=None, table_cell=None, after=0):
        s = _span(raw, line, surface, after)
        return Statistic(id=item_id("stat", s), span=s, **where(s), value=value, kind=kind, unit=unit,
                         subject=subject, table_cell=table_cell)

    ex.statistics = [
        stat(5, "33", 33, "count", "amendments", "proposed constitutional amendments"),
        stat(34, "90.01 %", 90.01, "percent", "%", "votes for the 1995 constitution"),
        stat(40, "77.18 %", 77.18, "percent", "%", "votes for the amendments"),
        stat(234, "90،01", 90.01, "percent", "%", "votes for the 1995 constitution"),
        stat(468, "77،18", 77.18, "percent", "%", "votes for the amendments"),
        stat(943, "70", 70, "percent", "%", "seats by proportional vote"),
        stat(943, "30", 30, "percent", "%", "seats by direct vote"),
        stat(496, "77،18", 77.18, "percent", "%", "yes votes", table_cell=cell["77،18"].id),
        stat(496, "6،163،516", 6163516, "count", "votes", "yes votes", table_cell=cell["6،163،516"].id),
    ]
    s = {x.span.line: x for x in ex.statistics if x.table_cell is None}
    ex.checks = [
        Check(id="chk-1", kind="table_arithmetic", claim="6,163,516 / 7,985,769 = 77.18 %", expected=77.18,
              observed=77.18, verdict="consistent", evidence=[cell["6،163،516"].id, cell["7،985،769"].id, cell["77،18"].id]),
        Check(id="chk-2", kind="prose_vs_table", claim="درصد موافقان در متن و جدول ۱", expected=77.18, observed=77.18,
              verdict="consistent", evidence=[s[468].id, cell["77،18"].id]),
        Check(id="chk-3", kind="table_sum", claim="77.18 + 18.66 + 2.58 = 100", expected=100, observed=98.42,
              verdict="inconsistent", reason="the row of blank ballots (1.58 %) lies outside the table block",
              evidence=[cell["77،18"].id, cell["18،66"].id, cell["2،58"].id]),
        Check(id="chk-4", kind="abstract_vs_body", claim="90.01 % in the abstract, 90،01 in the body", expected=90.01,
              observed=90.01, verdict="consistent", evidence=[s[34].id, s[234].id]),
        Check(id="chk-5", kind="prose_sum", claim="70 % + 30 % of the seats = 100 %", expected=100, observed=100,
              verdict="unverifiable", reason="synthetic: evidence includes an id that is not on the page",
              evidence=[s[943].id, "stat-missing"]),
        Check(id="chk-6", kind="prose_vs_table", claim="77.18 % (abstract) vs the table", expected=77.18,
              observed=77.0, verdict="inconsistent", evidence=[s[40].id, cell["77،18"].id]),
    ]
    return Extraction.model_validate(ex.model_dump())


@pytest.fixture(scope="module")
def synthetic_ex(seed_ex) -> Extraction:
    return build_synthetic(seed_ex)


def all_items(ex: Extraction) -> list:
    return [it for attr in KIND_ATTRS for it in getattr(ex, attr)]


def expected_text(it) -> str:
    """An item's characters in document order: what its highlights must hold, each once."""
    spans = sorted([it.span, *it.continued], key=lambda s: (s.page or 0, s.line, s.start))
    return "".join(s.text for s in spans)


# ----------------------------------------------------------------------------------------------------------
# static checks of the HTML (no browser)


class _Marks(HTMLParser):
    """Collects, for every mark inside <main>, its ids and its text; and the check buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.stack: list[dict | None] = []
        self.marks: list[dict] = []
        self.checks: list[dict] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "main":
            self.in_main += 1
        if tag == "mark" and self.in_main:
            m = {"ids": (a.get("data-item-id") or "").split(), "heads": (a.get("data-head") or "").split(),
                 "cells": (a.get("data-cell-id") or "").split(), "text": "", "attrs": a}
            self.marks.append(m)
            self.stack.append(m)
        if "data-check-id" in a:
            self.checks.append(a)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        if tag == "mark" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"] += data


def parse(html: str) -> _Marks:
    p = _Marks()
    p.feed(html)
    p.close()
    return p


def assert_items_once(ex: Extraction, texts: dict[str, list[str]], heads: dict[str, int], where: str) -> None:
    ids = {it.id for it in all_items(ex)}
    assert set(texts) == ids, f"{where}: highlighted ids differ: missing {sorted(ids - set(texts))[:5]}, " \
                              f"extra {sorted(set(texts) - ids)[:5]}"
    for it in all_items(ex):
        assert "".join(texts[it.id]) == expected_text(it), f"{where}: {it.id} highlights {texts[it.id]!r}"
        assert heads.get(it.id) == 1, f"{where}: {it.id} has {heads.get(it.id)} heads"


def static_audit(ex: Extraction, html: str) -> _Marks:
    p = parse(html)
    texts: dict[str, list[str]] = {}
    heads: dict[str, int] = {}
    for m in p.marks:
        for i in m["ids"]:
            texts.setdefault(i, []).append(m["text"])
        for i in m["heads"]:
            heads[i] = heads.get(i, 0) + 1
    assert_items_once(ex, texts, heads, "static")
    assert sorted(c["data-check-id"] for c in p.checks) == sorted(c.id for c in ex.checks)
    verdicts = [c["data-verdict"] for c in p.checks]
    rank = {"inconsistent": 0, "unverifiable": 1, "consistent": 2}
    assert verdicts == sorted(verdicts, key=rank.__getitem__), "inconsistencies first"
    return p


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_every_item_highlighted_once_and_every_check_listed(which, seed_ex, synthetic_ex):
    ex = seed_ex if which == "seed" else synthetic_ex
    html = render_review(ex)
    p = static_audit(ex, html)
    assert not any(m["attrs"].get("data-unplaced") for m in p.marks), "every item is placed in the text"


def test_synthetic_exercises_every_feature(synthetic_ex):
    ex = synthetic_ex
    html = render_review(ex)
    p = parse(html)
    assert all(getattr(ex, a) for a in KIND_ATTRS) and ex.tables and ex.checks
    assert any(it.continued for it in all_items(ex)), "continued spans"
    multi = [m for m in p.marks if len(m["ids"]) > 1]
    assert multi, "overlapping items share marks"
    assert any(len({i.split("-")[0] for i in m["ids"]}) > 1 for m in multi), "items of different kinds overlap"
    assert any(m["cells"] and m["ids"] for m in p.marks), "a statistic over a table cell"
    cells = [a for t, a in p.tags if t == "td" and "data-cell-id" in a]
    assert {a["data-cell-id"] for a in cells} == {c.id for t in ex.tables for r in t.rows for c in r.cells}
    assert 'class="block zone-header' in html and 'class="block zone-footnote' in html
    assert 'stat-missing' in html and 'chip missing' in html  # evidence not on the page is shown as such


def test_blocks_in_reading_order_with_direction(synthetic_ex):
    html = render_review(synthetic_ex)
    sections = [a for t, a in parse(html).tags if t == "section" and "data-block-id" in a]
    assert [a["data-block-id"] for a in sections] == [b.id for b in synthetic_ex.blocks]
    for a, b in zip(sections, synthetic_ex.blocks):
        assert a["dir"] == ("rtl" if b.lang == "fa" else "ltr") and a["lang"] == b.lang
    # every raw line of every block is shown; a line number not marked inferred is the file's line
    raw = _raw_lines()
    p = parse(html)
    lines = [a for t, a in p.tags if t == "div" and a.get("class") == "ln"]
    assert len(lines) == sum(len(b.text.split("\n")) for b in synthetic_ex.blocks)
    numbers = [a for t, a in p.tags if t == "span" and a.get("class") in ("no", "no inferred")]
    assert len(numbers) == len(lines)
    texts = [t for b in synthetic_ex.blocks for t in b.text.split("\n")]
    for a, no, text in zip(lines, numbers, texts):
        if no["class"] == "no":
            assert raw[int(a["data-line"]) - 1] == text, f"line {a['data-line']} is not the file's line"
    # each item's line is known (its span pins it)
    pinned = {s.line for it in all_items(synthetic_ex) for s in [it.span, *it.continued]}
    exact = {int(a["data-line"]) for a, no in zip(lines, numbers) if no["class"] == "no"}
    assert pinned <= exact


def test_line_numbers_are_the_files_lines(seed_ex):
    from extractors.pipeline import load_source, normalize_document, segment_document

    doc = load_source(str(SEED))
    segment_document(doc)
    normalize_document(doc)
    html = render_review(seed_ex)
    shown = [int(a["data-line"]) for t, a in parse(html).tags if t == "div" and a.get("class") == "ln"]
    assert shown == [ln.number for b in doc.blocks for ln in b.lines]
    assert "inferred" not in re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)


def test_self_contained_and_deterministic(synthetic_ex):
    html = render_review(synthetic_ex)
    assert html == render_review(synthetic_ex)
    assert not re.search(r"<(link|img|iframe|script|source)\b[^>]*\b(src|href)=", html)
    assert "@import" not in html and "url(" not in html.split("</style>")[0]
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html


def test_escaping_and_unplaced_items(seed_ex):
    ex = seed_ex.model_copy(deep=True)
    b = next(b for b in ex.blocks if b.lang == "en" and b.zone == "body")
    line = b.text.split("\n")[0]
    good = Span(line=b.line_start, start=0, end=5, text=line[:5])
    bad = Span(line=b.line_start, start=0, end=5, text="<b>x</b>")
    ex.citations = [
        Citation(id="cit-good", span=good, lang="en", zone="body", block=b.id, author="<script>alert(1)</script>",
                 year=2020, kind="parenthetical"),
        Citation(id="cit-bad", span=bad, lang="en", zone="body", block=b.id, author="X", kind="narrative"),
    ]
    ex.checks = [Check(id="c1", kind="prose_sum", claim="</script><script>alert(2)</script>", verdict="consistent",
                       evidence=["cit-good"])]
    html = render_review(ex)
    assert "<script>alert" not in html
    p = static_audit(ex, html)
    unplaced = [m for m in p.marks if m["attrs"].get("data-unplaced")]
    assert [m["ids"] for m in unplaced] == [["cit-bad"]]


def test_review_path(tmp_path):
    assert review_path(tmp_path, "raw/a b.txt") == tmp_path / "a b.txt" / "review.html"
    assert review_path("output", Path("/x/raw/kazakhstan-2022-referendum.txt")) == \
        Path("output/kazakhstan-2022-referendum.txt/review.html")


def test_line_numbers_come_from_block_lines():
    """Blank lines inside a block: Block.lines says which lines they are; without it (an older extraction.json)
    numbers are counted from line_start, shown as inferred, and items are still placed on the line holding them."""
    from extractors.models import Block, SourceInfo

    s = Span(line=4, start=0, end=4, text="beta")

    def page(lines):
        blk = Block(id="b1", line_start=1, line_end=6, lines=lines, zone="body", lang="en",
                    text="alpha one\nbeta two\ngamma", normalized="alpha one\nbeta two\ngamma")
        ex = Extraction(pipeline_version="t", source=SourceInfo(path="x.txt", sha256="0" * 64, format="text"),
                        blocks=[blk], dates=[DateItem(id="d1", span=s, lang="en", zone="body", block="b1",
                                                      calendar="gregorian", value="2020", gregorian="2020",
                                                      precision="year")])
        return parse(render_review(ex))

    p = page([1, 4, 6])
    assert [int(a["data-line"]) for t, a in p.tags if t == "div" and a.get("class") == "ln"] == [1, 4, 6]
    assert [m["text"] for m in p.marks] == ["beta"]
    p = page([])
    assert [a["class"] for t, a in p.tags if t == "span" and a.get("class", "").startswith("no")] == ["no inferred"] * 3
    assert [m["text"] for m in p.marks] == ["beta"]


# ----------------------------------------------------------------------------------------------------------
# the page in headless Chromium


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe"]


class Browser:
    """A minimal DevTools-protocol client over ``--remote-debugging-pipe`` (fd 3: commands in, fd 4: out)."""

    def __init__(self, exe: str, profile: Path, log: Path):
        cmd_r, self._cmd_w = os.pipe()
        self._out_r, out_w = os.pipe()

        def child_fds():
            a = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(out_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._log = open(log, "wb")
        self.proc = subprocess.Popen([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                     preexec_fn=child_fds, close_fds=False)
        os.close(cmd_r)
        os.close(out_w)
        self._next = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cv = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = None

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._out_r, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cv:
                    self._replies[-1] = {"error": "chromium closed the pipe"}
                    self._cv.notify_all()
                return
            buf += chunk
            *msgs, buf = buf.split(b"\0")
            with self._cv:
                for raw in msgs:
                    msg = json.loads(raw)
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                self._cv.notify_all()

    def send(self, method: str, params: dict | None = None, session: str | None = "page", timeout: float = 30):
        self._next += 1
        mid = self._next
        msg = {"id": mid, "method": method, "params": params or {}}
        if session == "page":
            session = self.session
        if session:
            msg["sessionId"] = session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._cv:
            while mid not in self._replies:
                if -1 in self._replies:
                    raise RuntimeError(f"{method}: chromium closed the pipe (see {self._log.name})")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{method}: no reply in {timeout}s")
                self._cv.wait(left)
            reply = self._replies.pop(mid)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def open_page(self, width: int = 1400, height: int = 1000):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=None)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=None)["sessionId"]
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def goto(self, url: str, timeout: float = 60):
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while self.eval("document.readyState === 'complete' && document.body && "
                        "document.body.getAttribute('data-ready')") != "1":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} not ready in {timeout}s")
            time.sleep(0.05)

    def eval(self, expr: str):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"page error: {r['exceptionDetails']}")
        return r["result"].get("value")

    def mouse(self, kind: str, x: float, y: float):
        params = {"type": kind, "x": x, "y": y}
        if kind in ("mousePressed", "mouseReleased"):
            params.update(button="left", clickCount=1)
        self.send("Input.dispatchMouseEvent", params)

    def click(self, x: float, y: float):
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y)
        self.mouse("mouseReleased", x, y)

    def screenshot(self, path: Path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self):
        try:
            self.send("Browser.close", session=None, timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()  # only the chromium this test started, by its own handle
            self.proc.wait(timeout=15)
        os.close(self._cmd_w)
        self._log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium); the review page's browser "
                    "tests need it")
    d = tmp_path_factory.mktemp("chromium")
    b = Browser(CHROMIUM, d / "profile", d / "chromium.log")
    try:
        b.open_page()
        yield b
    finally:
        b.close()


PAGE_AUDIT = r"""
(() => {
  const out = {items: {}, heads: {}, checks: [], blocks: [], unhighlighted: [], unplaced: 0, kindColours: {}};
  for (const m of document.querySelectorAll('main mark[data-item-id]')) {
    for (const id of m.dataset.itemId.split(' ')) (out.items[id] = out.items[id] || []).push(m.textContent);
    for (const id of (m.dataset.head || '').split(' ').filter(Boolean)) out.heads[id] = (out.heads[id] || 0) + 1;
    const cs = getComputedStyle(m), r = m.getBoundingClientRect();
    const painted = cs.backgroundColor !== 'rgba(0, 0, 0, 0)' || cs.backgroundImage !== 'none';
    if (!painted || r.width <= 0 || r.height <= 0 || cs.visibility !== 'visible') out.unhighlighted.push(m.dataset.itemId);
    const kinds = [...m.classList].filter(c => c.startsWith('k-'));
    if (kinds.length === 1) out.kindColours[kinds[0]] = cs.backgroundColor;
    if (m.dataset.unplaced) out.unplaced++;
  }
  out.checks = [...document.querySelectorAll('[data-check-id]')].map(b => [b.dataset.checkId, b.dataset.verdict,
    b.getBoundingClientRect().height > 0]);
  out.blocks = [...document.querySelectorAll('section.block')].map(s => [s.dataset.blockId, s.lang,
    getComputedStyle(s).direction, getComputedStyle(s.querySelector('.tx')).direction]);
  return out;
})()
"""


def page_audit(b: Browser, ex: Extraction, where: str) -> dict:
    a = b.eval(PAGE_AUDIT)
    assert_items_once(ex, a["items"], a["heads"], where)
    assert not a["unhighlighted"], f"{where}: marks without a visible highlight: {a['unhighlighted'][:5]}"
    assert a["unplaced"] == 0
    assert sorted(c[0] for c in a["checks"]) == sorted(c.id for c in ex.checks), f"{where}: checks listed"
    assert all(c[2] for c in a["checks"]), f"{where}: every check is displayed"
    rank = {"inconsistent": 0, "unverifiable": 1, "consistent": 2}
    assert [c[1] for c in a["checks"]] == sorted((c[1] for c in a["checks"]), key=rank.__getitem__)
    assert [x[0] for x in a["blocks"]] == [bl.id for bl in ex.blocks]
    for bid, lang, direction, line_direction in a["blocks"]:
        want = "rtl" if lang == "fa" else "ltr"
        assert direction == want and line_direction == want, f"{where}: block {bid} ({lang}) is {direction}"
    return a


def _write_page(tmp: Path, name: str, html: str) -> str:
    p = tmp / name
    p.write_text(html, encoding="utf-8")
    return p.as_uri()


def test_seed_page_in_chromium(browser, seed_ex, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    url = _write_page(tmp_path, "review.html", render_review(seed_ex))
    browser.goto(url)
    a = page_audit(browser, seed_ex, "seed")
    assert any(x[1] == "fa" and x[2] == "rtl" for x in a["blocks"])
    assert not [u for u in browser.requests() if not u.startswith(("file:", "data:", "about:"))], "no network"
    # screenshot: the first Persian block with a highlight (else the first Persian body block) near the top
    browser.eval("(document.querySelector('section.block[lang=fa] mark[data-item-id]') || "
                 "document.querySelector('section.block[lang=fa][data-zone=body]'))"
                 ".closest('section').scrollIntoView({block: 'start'}); window.scrollBy(0, -60); true")
    shot = ARTIFACTS / f"review-{SEED.stem}.png"
    browser.screenshot(shot)
    assert shot.stat().st_size > 10_000


def test_synthetic_page_in_chromium(browser, synthetic_ex, tmp_path):
    ex = synthetic_ex
    ARTIFACTS.mkdir(exist_ok=True)
    url = _write_page(tmp_path, "review.html", render_review(ex))
    browser.goto(url)
    a = page_audit(browser, ex, "synthetic")
    colours = a["kindColours"]
    assert {"k-art", "k-cit", "k-date", "k-stat"} <= set(colours)
    assert len({colours[k] for k in ("k-art", "k-cit", "k-date", "k-stat")}) == 4, "distinct colours"
    # header/footnote zones are set apart: a background of their own
    bg = browser.eval("[...document.querySelectorAll('section.block')].map(s => [s.dataset.zone, "
                      "getComputedStyle(s).backgroundColor])")
    body_bg = {c for z, c in bg if z == "body"}
    assert {c for z, c in bg if z in ("header", "footnote")}.isdisjoint(body_bg)

    # choosing the first check (an inconsistency) by a real click scrolls to and marks its evidence
    first = min(ex.checks, key=lambda c: {"inconsistent": 0, "unverifiable": 1, "consistent": 2}[c.verdict])
    assert first.verdict == "inconsistent"
    box = browser.eval("(() => { const r = document.querySelector('.check-btn').getBoundingClientRect();"
                       " return [r.x + r.width / 2, r.y + Math.min(12, r.height / 2)]; })()")
    browser.eval("window.scrollTo(0, 0); true")
    browser.click(*box)
    time.sleep(0.3)
    marked = browser.eval(r"""(() => {
      const h = innerHeight;
      return [...document.querySelectorAll('.ev-marked')].map(el => {
        const r = el.getBoundingClientRect();
        return [el.dataset.itemId || el.dataset.cellId || el.dataset.tableId || '', el.tagName,
                r.bottom > 0 && r.top < h];
      });
    })()""")
    marked_ids = {i for m in marked for i in m[0].split()}
    assert set(first.evidence) <= marked_ids, f"evidence {first.evidence} marked: {marked}"
    assert any(m[2] for m in marked), "the evidence was scrolled into view"
    assert browser.eval("document.querySelector('li.check.selected .check-btn').dataset.checkId") == first.id
    # every table cell is drawn in a table
    assert browser.eval("document.querySelectorAll('figure.table-view table td[data-cell-id]').length") == \
        sum(len(r.cells) for t in ex.tables for r in t.rows)

    # hovering a date shows its normalized value (ISO + Gregorian); focusing an article shows its number
    near = ex.tables[0].span.line  # a date near the marked evidence, so the screenshot shows both
    date = min((d for d in ex.dates if d.precision == "day" and d.lang == "fa"), key=lambda d: abs(d.span.line - near))
    pos = browser.eval(f"""(() => {{ const m = document.querySelector('main mark[data-head~="{date.id}"]');
      m.scrollIntoView({{block: 'center'}}); const r = m.getBoundingClientRect();
      return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
    browser.mouse("mouseMoved", *pos)
    time.sleep(0.1)
    tip = browser.eval("(() => { const t = document.getElementById('tip'); return [t.hidden, t.innerText]; })()")
    assert not tip[0] and date.value in tip[1] and f"Gregorian: {date.gregorian}" in tip[1], tip
    shot = ARTIFACTS / f"review-{SEED.stem}-synthetic.png"
    browser.screenshot(shot)
    art = next(x for x in ex.articles if x.paragraphs)
    tip = browser.eval(f"""(() => {{ document.querySelector('main mark[data-head~="{art.id}"]').focus();
      const t = document.getElementById('tip'); return [t.hidden, t.innerText]; }})()""")
    assert not tip[0] and f"Article {art.article}, paragraph" in tip[1], tip
    # the normalized reading can be shown
    browser.eval("document.getElementById('show-norm').click(); true")
    assert browser.eval("getComputedStyle(document.querySelector('.norm')).display") == "block"
    assert not [u for u in browser.requests() if not u.startswith(("file:", "data:", "about:"))], "no network"
