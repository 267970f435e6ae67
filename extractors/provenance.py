"""From a match in a block's normalized view back to raw characters: the spans every item carries."""

from __future__ import annotations

from .document import Block, Document
from .models import Span


def locate(doc: Document, block: Block, start: int, end: int) -> tuple[Span, list[Span]]:
    """The raw span(s) of normalized ``block.normalized[start:end]``: the first line's piece, then the rest."""
    lo, hi = block.normalized.raw_span(start, end)
    spans = doc.spans(lo, hi)
    return spans[0], spans[1:]


def locate_raw(doc: Document, lo: int, hi: int) -> tuple[Span, list[Span]]:
    """The span(s) of a raw range ``[lo, hi)`` of ``doc.raw``."""
    spans = doc.spans(lo, hi)
    return spans[0], spans[1:]
