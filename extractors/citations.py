"""Bibliographic citations in a document, in Persian and English, whole or broken by PDF extraction.

One public entry, :func:`find_citations`. Forms read:
    - parenthetical ``(Auyezov, 2022)``, several in one ``(Kim, 2023; Kim; Auyezov, 2022)`` (one item each; a
      bare name has no year), labels and pages ``(ODIHR 3, 2022: 21)``, organisations, ``(OSCE, retrieved on
      January 15, 2023)``, Persian ``(لطفیان، ۱۳۹۰: ۲۵)``;
    - narrative ``Umarov (2022) argues``, ``ساگار (2009)``, ``لطفیان (1390)`` (Solar Hijri years 1300-1499 are
      ``jalali``);
    - ``Source: ODIHR 3, 2022: 21`` lines (``source_line``; also a citation standing alone on the line under a
      figure or table caption); citations in footnote zones are ``footnote``;
    - damaged forms: parentheses mirrored (``(. Auyezov, 2022)``, ``,Wood)``), a Latin run whose words came out
      reversed (``)2022 ,Aljazeera)``), a year glued before the Persian name in the damaged order
      (``1390) انیلطف``, ``2009ساگار``), and citations broken over two lines (``Kursiv Media)`` ...
      ``Kazakhstan, 2022; ...``): the head at one edge of a line, the rest at an edge of the next line.

Each citation gets a ``source_key`` (author up to case/articles/punctuation, label, year) so repeated sources
group into one entry of the output's ``sources``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ._article_lines import LineView, known_word, line_views, norm_word
from ._citation_parse import (
    FA_STOP,
    YEAR,
    Entry,
    author_ok,
    clean_author,
    looks_reversed,
    parse_entry,
    source_key,
    unreverse_words,
)
from .document import Document
from .models import Citation, item_id

_RUN = re.compile(
    r"[ ,.;:&'’…()\[\]/\-–]*[A-Za-z\u00C0-\u024F0-9][A-Za-z\u00C0-\u024F0-9 ,.;:&'’…()\[\]/\-–]*")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_YEAR_RE = re.compile(r"(?<!\d)" + YEAR + r"(?!\d)")
_PAREN_PAIR = re.compile(r"\(([^()]*[A-Za-z\u00C0-\u024F][^()]*)\)")
_PAREN_GROUP = re.compile(r"[()]([^()]*[A-Za-z\u00C0-\u024F][^()]*)[()]")
_CORE = re.compile(r"[A-Za-z\u00C0-\u024F0-9](?:.*[A-Za-z\u00C0-\u024F0-9…])?", re.S)
_PAGE_TAIL = re.compile(r"^[\s().,:;]*(\d{1,4})[\s().,:;]*$")
_SOURCE_START = re.compile(r"^\s*(?:Sources?|منبع|منابع|مأخذ|ماخذ)\s*:\s*", re.I)
_SOURCE_END = re.compile(r"\s*:\s*(?:منبع|منابع|مأخذ|ماخذ)\s*$")
_FA_WORD = r"[\u0621-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u200c]{2,}"
# clean Persian: ``(لطفیان، 1390: 25)`` / ``(1390)`` after a name
_FA_PAREN = re.compile(r"[()]\s*(?P<body>[^()]{1,120}?)\s*[()]")
# English narrative: ``Umarov (2022) argues``, ``Kim and Lee (2023: 5)``, ``Kim et al. (2021)``, ``Smith, J. (2019)``
_EN_NARRATIVE = re.compile(
    r"(?<![\w.])(?P<author>[A-Z][A-Za-z'’\-]+(?:\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+|\s+et\s+al\.?)?)"
    r"(?:,\s*(?:[A-Z]\.\s*){1,3})?\s*"  # ``Smith, J. (2019).`` in a note or reference list
    r"\(\s*(?P<year>" + YEAR + r")[a-z]?(?:\s*[:,]\s*(?:pp?\.\s*)?(?P<page>\d{1,4}(?:[-–]\d{1,4})?))?\s*\)"
)
# damaged Persian narrative: the year glued before the name, a parenthesis next to them (``1390) انیلطف``)
_FA_DAMAGED = re.compile(
    r"(?:(?P<page>\d{1,4})\s*:\s*)?(?P<year>" + YEAR + r")(?P<mid>\s{0,2}[()]?\s{0,2}(?P<sep>[،,]\s*)?)(?P<name>" + _FA_WORD + ")"
)


@dataclass
class _Found:
    view: LineView
    s: int
    e: int
    entry: Entry
    kind: str
    more: list[tuple[LineView, int, int]] = field(default_factory=list)  # continuation pieces


@dataclass
class _Run:
    view: LineView
    s: int
    e: int
    text: str
    at_start: bool
    at_end: bool
    used: bool = False


def _runs(view: LineView) -> list[_Run]:
    t = view.text
    lead = len(t) - len(t.lstrip())
    trail = len(t.rstrip())
    out = []
    for m in _RUN.finditer(t):
        s, e = m.start(), m.end()
        while s < e and t[s] == " ":
            s += 1
        while e > s and t[e - 1] == " ":
            e -= 1
        if s >= e:
            continue
        out.append(_Run(view, s, e, t[s:e], s <= lead, e >= trail))
    return out


def _core(text: str) -> tuple[int, int]:
    m = _CORE.search(text)
    return (m.start(), m.end()) if m else (0, 0)


def _entries(text: str, base: int) -> list[tuple[int, int, Entry]]:
    """Entries of a citation text (``;``-separated), with their offsets; a bare name is kept only next to
    dated ones (``Kim, 2023; Kim; ...``)."""
    text_for_parse = text
    reversed_words = looks_reversed(text.strip(" ().,;:"))
    parts = []
    pos = 0
    for piece in re.split(r"([;؛])", text_for_parse):
        if piece in (";", "؛"):
            pos += 1
            continue
        parts.append((pos, pos + len(piece), piece))
        pos += len(piece)
    parsed: list[tuple[int, int, Optional[Entry], str]] = []
    for a, b, piece in parts:
        p = unreverse_words(piece) if reversed_words else piece
        parsed.append((a, b, parse_entry(p), p))
    dated = sum(1 for *_, en, _p in parsed if en and en.year)
    out = []
    for a, b, en, p in parsed:
        if en is None and dated and len(parsed) > 1:
            en = parse_entry(p, allow_bare=True)
        if en is None:
            continue
        # trim the piece to its text
        while a < b and text[a] in " .,:;":
            a += 1
        while b > a and text[b - 1] in " .,:;":
            b -= 1
        out.append((base + a, base + b, en))
    return out


def _whole_run_entries(run: _Run) -> list[tuple[int, int, Entry]]:
    """Citations inside one run: each parenthesised group, else the run's core when a parenthesis is there."""
    out = []
    taken: list[tuple[int, int]] = []
    # ``( ... )`` first; then the other orientations the damage makes (``) ... (``, ``( ... (``) in what is left
    for rx in (_PAREN_PAIR, _PAREN_GROUP):
        for m in rx.finditer(run.text):
            if any(m.start() < b and a < m.end() for a, b in taken) or not _YEAR_RE.search(m.group(1)):
                continue
            ents = _entries(m.group(1), run.s + m.start(1))
            if ents and any(en.year for *_, en in ents):
                taken.append((m.start(), m.end()))
                if len(ents) == 1:
                    ents = [(run.s + m.start(), run.s + m.end(), ents[0][2])]
                out.extend(ents)
    if out:
        return out
    # a parenthesis the damage left alone or mirrored (``:Odihr 3, 2022)``, ``(. Auyezov, 2022)``): the run's
    # words, when they are one short citation with a capitalised name
    if run.text.count("(") + run.text.count(")") >= 1 and _unbalanced(run.text):
        a, b = _core(run.text)
        core = run.text[a:b]
        readable = unreverse_words(core) if looks_reversed(core) else core
        if a < b and len(core) <= 120 and len(_YEAR_RE.findall(core)) <= 3 and re.search(r"(?:^|;\s*)[A-Z]", readable) \
                and _YEAR_RE.search(core):
            ents = _entries(run.text[a:b], run.s + a)
            if ents and any(en.year for *_, en in ents):
                if len(ents) == 1:
                    return [(run.s, run.e, ents[0][2])]
                return ents
    return []


def _unbalanced(text: str) -> bool:
    """Parentheses not paired as ``( ... )`` around the words (missing, mirrored or doubled)."""
    a, b = _core(text)
    inner = text[a:b]
    return "(" in inner or ")" in inner or text[:a].count("(") != text[b:].count(")") or ")" in text[:a]


def find_citations(doc: Document) -> list[Citation]:
    views = line_views(doc)
    runs = {v.index: _runs(v) for v in views}
    found: list[_Found] = []
    claimed: dict[int, list[tuple[int, int]]] = {}

    def claim(v: LineView, s: int, e: int) -> bool:
        spans = claimed.setdefault(v.index, [])
        if any(s < b and a < e for a, b in spans):
            return False
        spans.append((s, e))
        return True

    # 1. source lines
    for v in views:
        m = _SOURCE_START.match(v.text)
        end_m = None if m else _SOURCE_END.search(v.text)
        if not (m or end_m):
            continue
        a, b = (m.end(), len(v.text.rstrip())) if m else (0, end_m.start())
        body = v.text[a:b]
        ents = _entries(body, a)
        if ents and any(en.year for *_, en in ents):
            for s, e, en in ents:
                s0 = 0 if (m and len(ents) == 1) else s
                if claim(v, s0, e):
                    found.append(_Found(v, s0, e, en, "source_line"))
            for r in runs[v.index]:
                r.used = True

    # 2. citations broken over two lines: a head without a year at a line edge, the rest at an edge of the next
    for v in views:
        for r in runs[v.index]:
            if r.used or not (r.at_start or r.at_end):
                continue
            _join(r, v, views, runs, found, claim)

    # 3. whole citations in one run
    for v in views:
        for r in runs[v.index]:
            if r.used:
                continue
            ents = _whole_run_entries(r)
            if not ents:
                continue
            r.used = True
            kind = "parenthetical"
            for s, e, en in ents:
                if claim(v, s, e):
                    f = _Found(v, s, e, en, kind)
                    if len(ents) == 1 and _dangling_colon(r) and en.page is None:
                        _page_from_next(f, r, views, runs)
                    found.append(f)

    # 4. narrative English
    for v in views:
        for m in _EN_NARRATIVE.finditer(v.text):
            author = m.group("author")
            if not author_ok(author):
                continue
            en = Entry(author, None, int(m.group("year")), m.group("page"))
            if claim(v, m.start(), m.end()):
                found.append(_Found(v, m.start(), m.end(), en, "narrative"))

    # 5. Persian
    for v in views:
        _persian(v, found, claim)

    # 6. clean lines broken inside a citation: ``(لطفیان،`` / ``1390: 25)``, ``Umarov`` / ``(2022) argues``
    for v, w in zip(views, views[1:]):
        if not (v.damaged or w.damaged):
            _split_clean(v, w, found, claim)

    return _items(doc, views, found)


def _dangling_colon(r: _Run) -> bool:
    a, b = _core(r.text)
    return ":" in r.text[:a] + r.text[b:] and not re.search(r":\s*\d", r.text[a:b])


def _page_from_next(f: _Found, r: _Run, views: list[LineView], runs: dict) -> None:
    """``(Odihr 3, 2022:`` at a line's end, ``1).`` at the next line's start: the page is there."""
    j = r.view.index + 1
    if j >= len(views):
        return
    for t in runs[j]:
        if (t.at_start or t.at_end) and not t.used:
            m = _PAGE_TAIL.match(t.text)
            if m:
                f.entry.page = m.group(1)
                f.more.append((t.view, t.s, t.e))
                t.used = True
                return


def _unmatched_open(text: str) -> int:
    """Index just after the last ``(`` not closed in ``text``, or -1."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return i + 1
            depth -= 1
    return -1


def _unmatched_close(text: str) -> int:
    """Index of the first ``)`` that closes nothing opened in ``text``, or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
    return -1


def _open_paren(text: str) -> bool:
    """Does ``text`` leave a parenthesis open (either way round: the damage mirrors them)?"""
    return _unmatched_open(text) >= 0 or _unmatched_close(text) >= 0


def _head_piece(head: _Run) -> tuple[int, int]:
    """The part of a run that opens a citation left unfinished at the line's end: after an unclosed ``(``
    when there is one (``... described (Kursiv Media``), else the whole run."""
    if head.at_end:
        k = _unmatched_open(head.text)
        if k >= 0:
            return k, len(head.text)
    return 0, len(head.text)


def _tail_piece(tail: _Run) -> tuple[int, int]:
    """The part of a run at a line's start that finishes a citation: up to its first unopened ``)``."""
    if tail.at_start:
        first = _core(tail.text)[0]
        k = _unmatched_close(tail.text[first:])
        if k >= 0:
            return 0, first + k + 1
    return 0, len(tail.text)


def _join(head: _Run, v: LineView, views: list[LineView], runs: dict, found: list[_Found], claim) -> None:
    hs, he = _head_piece(head)
    a, b = _core(head.text[hs:he])
    a, b = a + hs, b + hs
    core = head.text[a:b]
    if not core or not _LATIN.search(core) or _YEAR_RE.search(core) or not re.match(r"[A-Za-z]", core):
        return
    # a mirrored opening parenthesis left of the words: they were laid out right to left (``)of Constitution The``)
    head_reversed = ")" in head.text[hs:a] and "(" not in head.text[hs:a]
    for w in _following(views, v):
        if _join_with(head, hs, v, w, a, core, head_reversed, runs, found, claim):
            return


def _following(views: list[LineView], v: LineView) -> list[LineView]:
    """The next line with text, and past a page's footnotes (or a table) to the line after them."""
    out = []
    j = v.index + 1
    while j < len(views) and len(out) < 8:
        w = views[j]
        out.append(w)
        if w.block.zone not in ("footnote", "table", "caption") or w.block.zone == v.block.zone:
            break
        j += 1
    return out


def _join_with(head: _Run, hs: int, v: LineView, w: LineView, a: int, core: str, head_reversed: bool, runs: dict,
               found: list[_Found], claim) -> bool:
    for t in runs[w.index]:
        if t.used or not (t.at_start or t.at_end):
            continue
        ps, pe = _tail_piece(t)
        ta, tb = _core(t.text[ps:pe])
        ta, tb = ta + ps, tb + ps
        tcore = t.text[ta:tb]
        if not _YEAR_RE.search(tcore):
            continue
        # one of the two pieces must hold the parenthesis the other lacks: a gloss line followed by a whole
        # citation (``... Rights (ODIHR)`` / ``(OSCE, 2023)``) is no broken citation
        if not (_open_paren(head.text) or _unmatched_close(t.text[ps:pe]) >= 0 or _unmatched_open(t.text[ps:pe]) >= 0):
            continue
        tail_reversed = looks_reversed(tcore)
        hc = unreverse_words(core) if (head_reversed or tail_reversed) else core
        if not author_ok(clean_author(hc)):
            continue
        hspan = (head.s + hs - 1, head.e) if hs > 0 else (head.s, head.e)
        if tail_reversed:
            # words reversed on both lines: put each back, then read them as one text
            ents = _entries(hc + " " + unreverse_words(tcore), 0)
            if not ents or ents[0][0] != 0 or not ents[0][2].year:
                continue
            if not (claim(v, *hspan) and claim(w, t.s + ps, t.s + pe)):
                return True
            _use(head, hs, runs, v)
            _use_tail(t, pe, runs, w)
            for k, (_, _, en) in enumerate(ents):
                f = _Found(v, *hspan, en, "parenthetical") if k == 0 else _Found(w, t.s + ta, t.s + tb, en, "parenthetical")
                if k == 0:
                    f.more.append((w, t.s + ta, t.s + tb))
                found.append(f)
            return True
        # the head's words run on into the tail's: parse them as one text
        split = len(hc) + 1
        ents = _entries(hc + " " + tcore, 0)
        if not ents or ents[0][0] != 0 or not ents[0][2].year:
            continue
        if not (claim(v, *hspan) and claim(w, t.s + ps, t.s + pe)):
            return True
        _use(head, hs, runs, v)
        _use_tail(t, pe, runs, w)
        for k, (s, e, en) in enumerate(ents):
            if k == 0:
                f = _Found(v, *hspan, en, "parenthetical")
                if e > split:
                    f.more.append((w, t.s + ta, t.s + min(tb, ta + (e - split))))
                found.append(f)
            else:
                found.append(_Found(w, t.s + ta + (s - split), t.s + ta + (e - split), en, "parenthetical"))
        return True
    return False


def _use(head: _Run, hs: int, runs: dict, v: LineView) -> None:
    """The head of a joined citation is used; what its run had before it is read on its own."""
    head.used = True
    if hs > 1 and head.text[: hs - 1].strip():
        runs[v.index].append(_Run(v, head.s, head.s + hs - 1, head.text[: hs - 1], False, False))


def _use_tail(t: _Run, pe: int, runs: dict, w: LineView) -> None:
    t.used = True
    if pe < len(t.text) and t.text[pe:].strip():
        runs[w.index].append(_Run(w, t.s + pe, t.e, t.text[pe:], False, False))


_SURNAME_END = ("ی", "یان", "زاده", "پور", "نیا", "فر", "راد", "وند", "لو", "اف", "یف", "وف", "اوغلو", "نژاد")


def _fa_name_ok(name: str) -> bool:
    """A Persian name before (or, damaged, after) a bracketed year: not a stop word, and a word the lexicon
    knows only when it ends like a surname (``موسوی``; not ``نتیجه (2022)``)."""
    n = norm_word(name)
    if len(n) < 2 or n in FA_STOP:
        return False
    return not known_word(name) or n.endswith(_SURNAME_END)


_FA_WORD_RE = re.compile(_FA_WORD)
_FA_COMMA_YEAR = re.compile(r"[،,]\s*(?:" + YEAR + r")")
_YEAR_PAGE = re.compile(r"\s*(?P<year>" + YEAR + r")(?:\s*[:،,]\s*(?:ص\s*\.?\s*)?(?P<page>\d{1,4}(?:[-–]\d{1,4})?))?\s*")
_NAME_BEFORE = re.compile(r"(?P<name>" + _FA_WORD + r"(?:\s+و\s+" + _FA_WORD + r")?)$")
_PARENS = re.compile(r"[()]")


def _persian(v: LineView, found: list[_Found], claim) -> None:
    t = v.text
    if not _YEAR_RE.search(t) or not _PARENS.search(t):
        return
    # clean: ``(لطفیان، 1390: 25)`` or ``ساگار (2009)``
    for m in _FA_PAREN.finditer(t):
        body = m.group("body")
        if _LATIN.search(body) or not _YEAR_RE.search(body):
            continue
        if _FA_WORD_RE.search(body):
            if not _FA_COMMA_YEAR.search(body):
                continue  # a Persian author and year are parted by a comma: ``(لطفیان، 1390)``
            ents = _entries(body, m.start("body"))
            ents = [x for x in ents if x[2].year and not _LATIN.search(x[2].author)]
            if ents:
                for s, e, en in (ents if len(ents) > 1 else [(m.start(), m.end(), ents[0][2])]):
                    if claim(v, s, e):
                        found.append(_Found(v, s, e, en, "parenthetical"))
            continue
        ym = _YEAR_PAGE.fullmatch(body)
        if not ym:
            continue
        before = t[: m.start()].rstrip()
        nm = _NAME_BEFORE.search(before)
        if not nm:
            continue
        name = nm.group("name")
        if not all(_fa_name_ok(x) for x in name.split(" و ")):
            continue
        if v.damaged and " " not in name:
            name = v.repaired(nm.start(), nm.end())
        en = Entry(name, None, int(ym.group("year")), ym.group("page"))
        if claim(v, nm.start(), m.end()):
            found.append(_Found(v, nm.start(), m.end(), en, "narrative"))
    # damaged: ``1390) انیلطف``, ``2009ساگار )`` (a parenthesis next to the year or the name). In a line not
    # known to be damaged, a tight ``(2022)`` is a clean bracketed year, and what follows it is no name
    for m in _FA_DAMAGED.finditer(t):
        name = m.group("name")
        s, e = m.start("year"), m.end("name")
        if not v.damaged and t[:s].rstrip().endswith("("):
            continue
        if not _PARENS.search(m.group("mid") + t[e: e + 3]):
            continue
        if not _fa_name_ok(name):
            continue
        page = m.group("page")
        kind = "parenthetical" if m.group("sep") else "narrative"
        name = v.repaired(m.start("name"), m.end("name"))  # read in the damaged form: the repair may know it
        en = Entry(name, None, int(m.group("year")), page)
        s0 = m.start() if page else s
        if claim(v, s0, e):
            found.append(_Found(v, s0, e, en, kind))


_OPEN_END = re.compile(r"\(\s*(?P<author>(?:" + _FA_WORD + r"|[A-Z][\w.&'’\-]*)(?:\s+[\w.&'’\-\u200c]+){0,5})\s*[،,]?\s*$")
_CLOSE_START = re.compile(
    r"^\s*(?P<year>" + YEAR + r")[a-z]?(?:\s*[:،,]\s*(?:pp?\.\s*|ص\s*\.?\s*)?(?P<page>\d{1,4}(?:[-–]\d{1,4})?))?\s*\)")
_NAME_END = re.compile(r"(?P<author>" + _FA_WORD + r"|(?<![\w.])[A-Z][A-Za-z'’\-]+(?:\s+et\s+al\.?)?)\s*$")
_YEAR_START = re.compile(
    r"^\s*\(\s*(?P<year>" + YEAR + r")[a-z]?(?:\s*[:،,]\s*(?:pp?\.\s*)?(?P<page>\d{1,4}(?:[-–]\d{1,4})?))?\s*\)")


def _split_clean(v: LineView, w: LineView, found: list[_Found], claim) -> None:
    m, n = _OPEN_END.search(v.text), _CLOSE_START.match(w.text)
    if m and n and author_ok(clean_author(m.group("author"))):
        if claim(v, m.start(), len(v.text.rstrip())) and claim(w, n.start("year"), n.end()):
            en = Entry(clean_author(m.group("author")), None, int(n.group("year")), n.group("page"))
            found.append(_Found(v, m.start(), len(v.text.rstrip()), en, "parenthetical", [(w, n.start("year"), n.end())]))
        return
    m, n = _NAME_END.search(v.text), _YEAR_START.match(w.text)
    if m and n:
        name = m.group("author")
        ok = _fa_name_ok(name) if _FA_WORD_RE.fullmatch(name) else author_ok(name)
        if ok and claim(v, m.start(), m.end()) and claim(w, n.start(), n.end()):
            en = Entry(name, None, int(n.group("year")), n.group("page"))
            found.append(_Found(v, m.start(), m.end(), en, "narrative", [(w, n.start(), n.end())]))


def _standalone(v: LineView, s: int, e: int) -> bool:
    rest = (v.text[:s] + v.text[e:]).strip(" .,;:()")
    return not rest


def _items(doc: Document, views: list[LineView], found: list[_Found]) -> list[Citation]:
    out: list[Citation] = []
    for f in found:
        v = f.view
        block = v.block
        span, cont = v.locate(doc, f.s, f.e)
        for w, a, b in f.more:
            if b > a:
                sp, more = w.locate(doc, a, b)
                cont.extend([sp, *more])
        kind = f.kind
        if block.zone == "footnote" and kind != "source_line":
            kind = "footnote"
        elif kind == "parenthetical" and _standalone(v, f.s, f.e) and not f.more:
            prev = views[v.index - 1] if v.index > 0 else None
            if prev is not None and prev.block.zone in ("caption", "table"):
                kind = "source_line"
        en = f.entry
        calendar = "jalali" if en.year and 1300 <= en.year <= 1499 else "gregorian"
        out.append(Citation(
            id=item_id("cit", span, en.author, en.year, en.label),
            span=span, continued=cont, lang=block.lang, zone=block.zone, block=block.id,
            author=en.author, label=en.label, year=en.year, calendar=calendar, page=en.page, kind=kind,
            source_key=source_key(en.author, en.label, en.year),
        ))
    out.sort(key=lambda c: (c.span.page or 0, c.span.line, c.span.start))
    return out
