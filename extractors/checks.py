"""Checks of the document's figures against its tables. Placeholder until its issue (#5) lands: no checks yet."""

from __future__ import annotations

from .document import Document
from .models import Check, Extraction


def run_checks(doc: Document, extraction: Extraction) -> list[Check]:
    return []
