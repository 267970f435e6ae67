"""Errors that name a source and a reason, for a one-line message instead of a traceback."""

from __future__ import annotations


class SourceError(Exception):
    """A source that cannot be processed: ``str(err)`` is the one-line message users see."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedSource(SourceError):
    """A source of a kind kavosh does not read (yet)."""
