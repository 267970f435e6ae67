"""Running kavosh as users do: scheduled runs, parallel batches (process pool, Dask), and exports."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED_TXT

pytestmark = [pytest.mark.flow, pytest.mark.slow]

KAVOSH = [sys.executable, "-m", "flows.cli"]
SMALL = "قانون اساسی قزاقستان در 30 اوت 1995 با 90،01 درصد آرا تصویب شد (Auyezov, 2022).\nاصل 41، بند 1\n"


def _batch(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if i == 0:
            shutil.copy(SEED_TXT, folder / "seed.txt")
        else:
            (folder / f"s{i}.txt").write_text(SMALL.replace("1995", str(1990 + i)), encoding="utf-8")
    return folder


def _run(args, timeout=600):
    return subprocess.run(KAVOSH + args, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in sorted(out.glob("*/extraction.json"))}


@pytest.fixture(scope="module")
def sequential(tmp_path_factory):
    raw = _batch(tmp_path_factory.mktemp("raw"), 4)
    out = tmp_path_factory.mktemp("seq")
    proc = _run(["run", str(raw), "--out", str(out), "-q"])
    assert proc.returncode == 0, proc.stderr
    return raw, out


def test_process_pool_gives_the_same_bytes(sequential, tmp_path):
    raw, seq_out = sequential
    out = tmp_path / "pool"
    proc = _run(["run", str(raw), "--out", str(out), "-q", "--workers", "2"])
    assert proc.returncode == 0, proc.stderr
    assert _outputs(out) == _outputs(seq_out) and len(_outputs(out)) == 4


def test_dask_local_cluster_gives_the_same_bytes(sequential, tmp_path):
    pytest.importorskip("prefect_dask")
    raw, seq_out = sequential
    out = tmp_path / "dask"
    proc = _run(["run", str(raw), "--out", str(out), "-q", "--dask-local", "2"])
    assert proc.returncode == 0, proc.stderr
    assert _outputs(out) == _outputs(seq_out) and len(_outputs(out)) == 4
    index = json.loads((out / "index.json").read_text())
    assert {e["status"] for e in index["sources"]} == {"ok"}


def test_a_failing_source_in_a_parallel_batch_does_not_stop_the_rest(tmp_path):
    raw = _batch(tmp_path / "raw", 3)
    (raw / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out"
    proc = _run(["run", str(raw), "--out", str(out), "-q", "--workers", "2"])
    assert proc.returncode == 1
    index = {Path(e["path"]).name: e for e in json.loads((out / "index.json").read_text())["sources"]}
    assert index["broken.txt"]["status"] == "failed" and "binary data" in index["broken.txt"]["error"]
    assert all(index[n]["status"] == "ok" for n in ("seed.txt", "s1.txt", "s2.txt"))


def test_export_formats(sequential, tmp_path):
    raw, out = sequential
    ex = json.loads((out / "seed.txt" / "extraction.json").read_text())
    expected = sum(len(ex[c]) for c in ("articles", "citations", "dates", "statistics", "tables", "checks"))
    for fmt in ("jsonl", "csv", "spacy"):
        proc = _run(["export", "--from", str(out), "--format", fmt, "--out", str(tmp_path / fmt)])
        assert proc.returncode == 0, proc.stderr
        assert json.loads((tmp_path / fmt / "items.schema.json").read_text())["title"] == "ExportRecord"
    rows = [json.loads(line) for line in (tmp_path / "jsonl" / "items.jsonl").read_text().splitlines()]
    seed_rows = [r for r in rows if r["source_path"].endswith("seed.txt")]
    assert len(seed_rows) == expected
    for r in seed_rows:
        if r["line"] is not None:
            raw_line = SEED_TXT.read_text(encoding="utf-8").split("\n")[r["line"] - 1]
            assert raw_line[r["start"]:r["end"]] == r["text"]
    with open(tmp_path / "csv" / "items.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == len(rows)
    import spacy
    from spacy.tokens import DocBin

    docs = list(DocBin().from_bytes((tmp_path / "spacy" / "items.spacy").read_bytes()).get_docs(spacy.blank("fa").vocab))
    assert docs and all("source_id" in d.user_data for d in docs)
    spans = [s for d in docs for key in d.spans for s in d.spans[key]]
    n_items = sum(1 for r in rows if r["category"] in ("articles", "citations", "dates", "statistics"))
    assert len(spans) >= 0.95 * n_items
    assert all(s.id_ for s in spans)


def test_serve_processes_a_new_file_on_schedule_and_stops_cleanly(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "first.txt").write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(KAVOSH + ["serve", str(raw), "--out", str(out), "--interval", "5"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def index_paths():
        try:
            return {Path(e["path"]).name: e["status"] for e in json.loads((out / "index.json").read_text())["sources"]}
        except (OSError, ValueError):
            return {}

    try:
        deadline = time.monotonic() + 240
        while "first.txt" not in index_paths():
            assert proc.poll() is None, proc.stdout.read()
            assert time.monotonic() < deadline, "no scheduled run processed the first file"
            time.sleep(1)
        (raw / "second.txt").write_text(SMALL.replace("41", "42"), encoding="utf-8")
        while index_paths().get("second.txt") != "ok":
            assert proc.poll() is None
            assert time.monotonic() < deadline, "the new file was not picked up by a scheduled run"
            time.sleep(1)
        assert index_paths()["first.txt"] == "skipped"  # unchanged: not processed again
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            log, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    assert proc.returncode == 0, log
    assert "kavosh serve: stopped" in log
    # the local Prefect server it started is gone with it
    assert subprocess.run(["pgrep", "-f", f"prefect server start.*{proc.pid}"], capture_output=True).returncode != 0
