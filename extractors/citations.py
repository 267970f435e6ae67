"""Citations found in a document. Placeholder until its issue (#3) lands: finds nothing yet."""

from __future__ import annotations

from .document import Document
from .models import Citation


def find_citations(doc: Document) -> list[Citation]:
    return []
