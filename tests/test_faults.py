"""Bad input and faults: one clear line naming the source and the reason, an index entry, exit 1, no partial
output, and every other source still processed. Plus a run killed in the middle, then run again."""

from __future__ import annotations

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
from extractors import batch
from flows.cli import main

pytestmark = pytest.mark.flow

GOOD = "قانون اساسی قزاقستان در 30 اوت 1995 با 90،01 درصد آرا تصویب شد (Auyezov, 2022).\nاصل 41، بند 1\n"


def _index(out: Path) -> dict[str, dict]:
    return {Path(e["path"]).name: e for e in json.loads((out / "index.json").read_text())["sources"]}


BAD_TEXT = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (bytes(range(256)) * 16, "binary data"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary data"),
    "fake.pdf": (b"this is not a pdf at all", "not a PDF"),
}


def test_bad_text_sources_fail_alone(prefect_server, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, (content, _) in BAD_TEXT.items():
        (raw / name).write_bytes(content)
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    index = _index(out)
    assert index["good.txt"]["status"] == "ok" and (out / "good.txt" / "extraction.json").exists()
    for name, (_, reason) in BAD_TEXT.items():
        e = index[name]
        assert e["status"] == "failed" and name in e["error"] and reason in e["error"], e
        assert not (out / name).exists()
        lines = [ln for ln in err.splitlines() if ln.startswith("error:") and name in ln]
        assert len(lines) == 1 and reason in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("encoding,expected", [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("cp1256", "windows-1256")])
def test_persian_in_legacy_encodings_is_decoded_and_reported(prefect_server, tmp_path, capsys, encoding, expected):
    text = GOOD if encoding != "cp1256" else GOOD.replace("ی", "ي").replace("ک", "ك")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "legacy.txt").write_bytes(text.encode(encoding))
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out)]) == 0
    assert f"legacy.txt: decoded as {expected}" in capsys.readouterr().err
    entry = _index(out)["legacy.txt"]
    assert entry["status"] == "ok" and entry["encoding"] == expected
    ex = json.loads((out / "legacy.txt" / "extraction.json").read_text())
    assert ex["source"]["encoding"] == expected
    assert ex["blocks"][0]["text"].startswith(text.split("\n")[0][:20])


def test_a_file_that_disappears_mid_run(prefect_server, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "stays.txt").write_text(GOOD, encoding="utf-8")
    (raw / "goes.txt").write_text(GOOD, encoding="utf-8")
    real_discover = batch.discover

    def discover_then_delete(paths):
        found, missing = real_discover(paths)
        (raw / "goes.txt").unlink()  # listed, then gone before it is read
        return found, missing

    monkeypatch.setattr(batch, "discover", discover_then_delete)
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "-q"]) == 1
    index = _index(out)
    assert index["stays.txt"]["status"] == "ok"
    assert index["goes.txt"]["status"] == "failed" and "file not found" in index["goes.txt"]["error"]
    assert not (out / "goes.txt").exists()


def test_an_unusable_output_folder_is_one_clear_error(prefect_server, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    assert main(["run", str(raw), "--out", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert "output folder is not writable" in err and str(blocker) in err and "Traceback" not in err


def test_a_run_killed_midway_leaves_no_half_file_and_the_next_run_completes(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(8):
        shutil.copy(SEED_TXT, raw / f"s{i}.txt")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "flows.cli", "run", str(raw), "--out", str(out), "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list(out.glob("*/extraction.json")):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    for f in out.glob("*/*"):
        if f.name.endswith(".json"):
            json.loads(f.read_text(encoding="utf-8"))  # every file there is whole
    # the next run cleans up and completes
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert not list(out.glob("**/.*.tmp"))
    index = _index(out)
    assert len(index) == 8 and {e["status"] for e in index.values()} <= {"ok", "skipped"}
    for i in range(8):
        json.loads((out / f"s{i}.txt" / "extraction.json").read_text(encoding="utf-8"))
