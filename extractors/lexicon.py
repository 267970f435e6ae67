"""hazm's bundled Persian lexicon (words.dat: ~193k words with corpus frequencies) and verb list, loaded once.

Loading takes a fraction of a second; it is cached per process so the per-document path never pays it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _hazm_data() -> Path:
    import hazm

    return Path(hazm.__file__).parent / "data"


@lru_cache(maxsize=1)
def words() -> dict[str, int]:
    """word -> frequency, for every word in hazm's lexicon (ZWNJ kept as in the lexicon)."""
    out: dict[str, int] = {}
    with open(_hazm_data() / "words.dat", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                try:
                    out[parts[0]] = int(parts[1]) if len(parts) > 1 else 1
                except ValueError:
                    out[parts[0]] = 1
    return out


@lru_cache(maxsize=1)
def verbs() -> frozenset[str]:
    """Conjugated verb forms as hazm's Lemmatizer knows them (for ZWNJ after می/نمی)."""
    from hazm import Lemmatizer

    return frozenset(Lemmatizer(joined_verb_parts=False).verbs)


def knows(word: str) -> bool:
    """True when hazm's lexicon (or its verb list) knows the word, with or without its ZWNJs."""
    w = words()
    return word in w or word.replace("\u200c", "") in w or word in verbs()


def frequency(word: str) -> int:
    return words().get(word, 0)
