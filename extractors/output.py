"""Writing results: atomic files, the per-source folder, and index.json with its run history.

Every file is written to a temporary file in the same folder and renamed over the target, so a crash never
leaves half a file and a reader never sees one.
"""

from __future__ import annotations

import json
import os
import tempfile

_UMASK = os.umask(0)
os.umask(_UMASK)
from pathlib import Path
from typing import Any

from .errors import SourceError
from .models import Index, IndexEntry, RunRecord


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def dumps(obj: Any) -> str:
    """Deterministic JSON: same data, same bytes (sorted keys are not used: field order is the contract's)."""
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def check_output_dir(out_dir: str | os.PathLike) -> None:
    """Fail early, with one clear line, when the output folder cannot be written."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kavosh-probe.", dir=out)
        os.close(fd)
        os.unlink(tmp)
    except OSError as e:
        raise SourceError(str(out), f"output folder is not writable: {e.strerror or e}")


def remove_stale_temporaries(out_dir: str | os.PathLike) -> int:
    """Delete temporary files a killed run left behind (``.<name>.<random>.tmp``); return how many."""
    n = 0
    for p in Path(out_dir).glob("**/.*.tmp"):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def output_dir_for(out_dir: str | os.PathLike, source_path: str | os.PathLike) -> Path:
    """``DIR/<source file name>/`` for a source."""
    return Path(out_dir) / Path(source_path).name


def read_index(out_dir: str | os.PathLike) -> Index:
    p = Path(out_dir) / "index.json"
    if not p.exists():
        return Index(sources=[])
    try:
        return Index.model_validate_json(p.read_text(encoding="utf-8"))
    except Exception:
        # an index from an incompatible version is rebuilt rather than trusted
        return Index(sources=[])


def write_index(out_dir: str | os.PathLike, entries: list[IndexEntry], run: RunRecord, keep_runs: int = 200) -> Index:
    """Merge this run's entries into index.json (other sources stay listed) and append the run to its history."""
    old = read_index(out_dir)
    by_path = {e.path: e for e in old.sources}
    for e in entries:
        by_path[e.path] = e
    index = Index(sources=sorted(by_path.values(), key=lambda e: e.path), runs=(old.runs + [run])[-keep_runs:])
    atomic_write_text(Path(out_dir) / "index.json", dumps(index.model_dump(mode="json")))
    return index
