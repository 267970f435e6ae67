"""Tables found in a document. Placeholder until its issue (#5) lands: finds nothing yet."""

from __future__ import annotations

from .document import Document
from .models import Table


def find_tables(doc: Document) -> list[Table]:
    return []
