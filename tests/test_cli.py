"""The kavosh command and the Prefect flow, end to end on the real seed (one Prefect test server per session)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SEED_TXT
from flows.cli import main

pytestmark = pytest.mark.flow


def all_spans(ex: dict):
    for cat in ("articles", "citations", "dates", "statistics"):
        for item in ex[cat]:
            yield item["id"], item["span"]
            for s in item.get("continued", []):
                yield item["id"], s
    for t in ex["tables"]:
        yield t["id"], t["span"]
        for row in t["rows"]:
            for cell in row["cells"]:
                if cell.get("span"):
                    yield cell["id"], cell["span"]


@pytest.fixture(scope="module")
def seed_run(prefect_server, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(SEED_TXT, raw / SEED_TXT.name)
    code = main(["run", str(raw), "--out", str(out), "--quiet"])
    return code, out, raw


def test_seed_run_exits_zero_and_writes_extraction_and_index(seed_run):
    code, out, raw = seed_run
    assert code == 0
    ex = json.loads((out / SEED_TXT.name / "extraction.json").read_text(encoding="utf-8"))
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    (entry,) = index["sources"]
    assert entry["status"] == "ok" and entry["error"] is None
    assert entry["sha256"] == ex["source"]["sha256"]
    assert entry["output"].endswith("kazakhstan-2022-referendum.txt/extraction.json")
    assert set(entry["counts"]) == {"articles", "citations", "dates", "statistics", "tables", "checks"}
    assert index["runs"][-1]["processed"] == [entry["path"]]


def test_extraction_validates_against_the_published_schema(seed_run, capsys):
    code, out, raw = seed_run
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    ex = json.loads((out / SEED_TXT.name / "extraction.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(ex, schema)
    assert ex["schema_version"] == "1" and ex["source"]["format"] == "text"


def test_every_span_is_exactly_its_raw_line_slice_and_ids_are_unique(seed_run, raw_lines):
    code, out, raw = seed_run
    ex = json.loads((out / SEED_TXT.name / "extraction.json").read_text(encoding="utf-8"))
    ids = [i for i, _ in all_spans(ex) if True]
    item_ids = [item["id"] for cat in ("articles", "citations", "dates", "statistics") for item in ex[cat]]
    assert len(item_ids) == len(set(item_ids))
    for _, span in all_spans(ex):
        assert span["page"] is None
        assert raw_lines[span["line"] - 1][span["start"]:span["end"]] == span["text"]
    # blocks: raw text of their lines, zones and languages
    for b in ex["blocks"]:
        assert b["text"] == "\n".join(raw_lines[n - 1] for n in range(b["line_start"], b["line_end"] + 1) if raw_lines[n - 1].strip())
    langs = {b["line_start"]: (b["zone"], b["lang"]) for b in ex["blocks"]}
    assert langs[3] == ("abstract", "en")
    assert ids is not None


def test_rerun_gives_the_same_bytes(seed_run, tmp_path):
    code, out, raw = seed_run
    again = tmp_path / "again"
    assert main(["run", str(raw), "--out", str(again), "--quiet"]) == 0
    a = (out / SEED_TXT.name / "extraction.json").read_bytes()
    b = (again / SEED_TXT.name / "extraction.json").read_bytes()
    assert a == b


def test_a_bad_source_fails_alone_with_a_one_line_error(prefect_server, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED_TXT, raw / "good.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    code = main(["run", str(raw), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    index = {Path(e["path"]).name: e for e in json.loads((out / "index.json").read_text())["sources"]}
    assert index["good.txt"]["status"] == "ok"
    assert (out / "good.txt" / "extraction.json").exists()
    for name, reason in (("empty.txt", "empty file"), ("binary.txt", "binary data")):
        assert index[name]["status"] == "failed"
        assert name in index[name]["error"] and reason in index[name]["error"]
        assert not (out / name).exists()  # no partial output
        line = next(ln for ln in err.splitlines() if name in ln and ln.startswith("error:"))
        assert reason in line
    assert "Traceback" not in err
    assert "[1/3]" in err and "good.txt: normalize" in err  # progress: which source, which step


def test_unchanged_source_is_skipped_and_force_reprocesses(prefect_server, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED_TXT, raw / "a.txt")
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "-q"]) == 0
    assert main(["run", str(raw), "--out", str(out), "-q"]) == 0
    index = json.loads((out / "index.json").read_text())
    assert index["sources"][0]["status"] == "skipped"
    assert index["runs"][-1]["skipped"] == [str(raw / "a.txt")]
    assert main(["run", str(raw), "--out", str(out), "-q", "--force"]) == 0
    assert json.loads((out / "index.json").read_text())["sources"][0]["status"] == "ok"


def test_missing_path_is_reported_and_exit_one(prefect_server, tmp_path):
    assert main(["run", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"), "-q"]) == 1
    entry = json.loads((tmp_path / "o" / "index.json").read_text())["sources"][0]
    assert entry["status"] == "failed" and "no such file" in entry["error"]


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["run", "--max-pages", "zero"], ["run", "--max-pages", "0"]])
def test_usage_errors_exit_two(argv):
    with pytest.raises(SystemExit) as e:
        code = main(argv)
        raise SystemExit(code)
    assert e.value.code == 2


def test_console_script_runs_the_flow(tmp_path):
    """The installed `kavosh` command, as a user runs it (its own temporary Prefect server)."""
    exe = Path(sys.executable).parent / "kavosh"
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED_TXT, raw / SEED_TXT.name)
    proc = subprocess.run([str(exe), "run", str(raw), "--out", str(tmp_path / "out")], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / SEED_TXT.name / "extraction.json").exists()
    assert f"{SEED_TXT.name}: extract articles" in proc.stderr
    schema = subprocess.run([str(exe), "schema"], capture_output=True, text=True, timeout=60)
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"] == "Extraction"


def test_single_source_flow(prefect_server, tmp_path):
    from flows.kavosh_flow import process_source

    entry = process_source(str(SEED_TXT), str(tmp_path), quiet=True)
    assert entry["status"] == "ok" and entry["counts"]["articles"] > 0
    assert (tmp_path / SEED_TXT.name / "extraction.json").exists()
