"""A run over many sources, as plain functions: which files, which are already done, where outputs go.

The Prefect flow (flows/) orchestrates these; nothing here imports Prefect.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SourceError
from .loaders import SUPPORTED_SUFFIXES, read_source_bytes, sha256_bytes
from .models import Extraction, IndexEntry
from .output import atomic_write_text, dumps, output_dir_for

EXTRACTION_FILE = "extraction.json"


def discover(paths: list[str | os.PathLike]) -> tuple[list[Path], list[IndexEntry]]:
    """Sources named by ``paths`` (files, or folders searched recursively for supported files), in a stable order.

    A named file is always a source (a wrong kind fails with a clear message when it is read); in folders only
    files with a supported suffix are taken and hidden files are passed over. A path that does not exist becomes
    a failed entry.
    """
    found: list[Path] = []
    missing: list[IndexEntry] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(f)
        elif p.exists():
            found.append(p)
        else:
            missing.append(IndexEntry(path=str(p), status="failed", error=f"{p}: no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def read_source(path: Path) -> tuple[bytes, str]:
    data = read_source_bytes(path)
    return data, sha256_bytes(data)


def up_to_date(previous: IndexEntry | None, sha256: str, version: str, out_dir: str | os.PathLike, path: Path) -> bool:
    """True when the last run processed the same bytes with the same pipeline version and its output is there."""
    return (
        previous is not None
        and previous.status in ("ok", "skipped")
        and previous.sha256 == sha256
        and previous.pipeline_version == version
        and (output_dir_for(out_dir, path) / EXTRACTION_FILE).exists()
    )


def write_outputs(out_dir: str | os.PathLike, path: Path, ex: Extraction, extra: dict[str, str] | None = None) -> Path:
    """Write extraction.json (and any extra files, name -> text) for one source, each atomically."""
    folder = output_dir_for(out_dir, path)
    try:
        atomic_write_text(folder / EXTRACTION_FILE, dumps(ex.model_dump(mode="json", by_alias=True)))
        for name, text in (extra or {}).items():
            atomic_write_text(folder / name, text)
    except OSError as e:
        raise SourceError(str(path), f"cannot write output to {folder}: {e.strerror or e}")
    return folder / EXTRACTION_FILE
