"""Statistics found in a document. Placeholder until its issue (#4) lands: finds nothing yet."""

from __future__ import annotations

from .document import Document
from .models import Statistic


def find_statistics(doc: Document) -> list[Statistic]:
    return []
