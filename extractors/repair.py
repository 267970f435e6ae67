"""Repair of reading-order damage in Persian lines extracted from PDFs.

One public entry, :func:`repair_line`. This first version changes nothing: the normalized view is the raw
order. The full repair (runs reversed around numbers and Latin, rotated letter chunks, merged words) lands
with its own issue.
"""

from __future__ import annotations

from .aligned import AlignedText
from .document import Line
from .models import Repair


def repair_line(at: AlignedText, line: Line, repairs: list[Repair] | None = None) -> AlignedText:
    """Return the line in logical reading order (currently: unchanged)."""
    return at
