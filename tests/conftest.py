"""Shared fixtures: the seed source, processed once per session, and one Prefect test server for flow tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_TXT = ROOT / "raw" / "kazakhstan-2022-referendum.txt"
SEED_PDF = ROOT / "raw" / "kazakhstan-2022-referendum.pdf"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"

os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def seed_doc():
    """The seed text loaded, segmented and normalized (no Prefect)."""
    from extractors.pipeline import load_source, normalize_document, segment_document

    doc = load_source(SEED_TXT)
    segment_document(doc)
    normalize_document(doc)
    return doc


@pytest.fixture(scope="session")
def seed_extraction():
    from extractors.pipeline import process

    return process(SEED_TXT)


@pytest.fixture(scope="session")
def raw_lines():
    return SEED_TXT.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def prefect_server():
    """One Prefect test server for every flow test in the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
