"""Articles found in a document. Placeholder until its issue (#3) lands: finds nothing yet."""

from __future__ import annotations

from .document import Document
from .models import Article


def find_articles(doc: Document) -> list[Article]:
    return []
