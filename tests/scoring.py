"""Scoring extracted items against the hand-annotated answer keys of the seed (tests/fixtures/seed_*.json).

A key item is found when an unused extracted item is at the same place (see the two placement rules) and has the
same values (``same(key, item)``); precision and recall follow, with the misses and the false positives.
"""

from __future__ import annotations

from typing import Callable


def _surface(lines: list[str], key: dict) -> tuple[int, int]:
    s = lines[key["line"] - 1].find(key["surface"])
    assert s >= 0, f"surface {key['surface']!r} not on line {key['line']}"
    return s, s + len(key["surface"])


def on_key_line(lines: list[str], key: dict, item) -> bool:
    """A piece of the item on the key's line overlaps the key's surface."""
    s, e = _surface(lines, key)
    return any(sp.line == key["line"] and sp.start < e and s < sp.end for sp in [item.span, *item.continued])


def on_key_line_or_line_end(lines: list[str], key: dict, item) -> bool:
    """The item starts on the key's line (or on its ``line_end``, for an item broken over two lines) and a piece
    of it on the key's line overlaps the key's surface."""
    s, e = _surface(lines, key)
    if item.span.line not in (key["line"], key.get("line_end") or key["line"]):
        return False
    pieces = [sp for sp in [item.span, *item.continued] if sp.line == key["line"]]
    return any(sp.start < e and s < sp.end for sp in pieces) or (not pieces and item.span.line == key.get("line_end"))


def score(items, key_items, lines: list[str], same: Callable[[dict, object], bool],
          placed: Callable[[list[str], dict, object], bool] = on_key_line) -> tuple[float, float, list, list]:
    """(precision, recall, missed key items, extracted items matching no key item)."""
    used: set[int] = set()
    misses = []
    for k in key_items:
        _surface(lines, k)  # every key surface must be on its line, matched or not
        hit = next((i for i, it in enumerate(items) if i not in used and same(k, it) and placed(lines, k, it)), None)
        if hit is None:
            misses.append(k)
        else:
            used.add(hit)
    tp = len(key_items) - len(misses)
    extra = [it for i, it in enumerate(items) if i not in used]
    return tp / max(1, len(items)), tp / max(1, len(key_items)), misses, extra
