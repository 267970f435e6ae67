"""PDF ingest, part 1: pdfplumber characters -> glyphs -> lines of text in logical reading order.

Used only by :mod:`extractors.pdf`. What is done here, and why:

* **ActualText** (``/Span <</ActualText ...>> BDC``) is what a producer says a run of glyphs *means*: LibreOffice
  writes every ZWNJ as a space glyph wrapped in ``ActualText <200C>``. pdfplumber drops the property, so pages
  are interpreted by a device that keeps it (:class:`ActualTextDevice`) and the glyphs take that text.
* **Presentation forms** (``U+FB50-FDFF``, ``U+FE70-FEFF``, what XeTeX and Apple's pstopdf put in the text layer)
  are folded to base letters with NFKC, on those characters only; a ligature (``ﻻ`` -> ``لا``) stays one glyph.
  Their shapes are used before they are folded: a final/isolated form of a letter that joins on both sides,
  directly followed (no gap) by another letter, had a ZWNJ after it (``ﻣﯽ|ﺷﻮﺩ`` -> ``می‌شود``).
* **Spaces** come from the geometry: a gap over 0.1 em between glyphs is a word space (XeTeX writes no space
  characters); a space glyph that takes no room between two letters (the next glyph starts where it starts) is
  a ZWNJ drawn as a space; so is a narrow unmapped glyph (``\\x00``) between two letters (pdfmake).
* **Order**: glyphs are sorted left to right (the visual order) and a line is turned into logical order with
  the Unicode bidi algorithm on that visual string (python-bidi ``get_display``, base direction R for a Persian
  line): reordering runs is its own inverse. What one line alone cannot tell is settled per document, from
  what the producer did (measured on the seed PDFs and the third-party ones):
    - brackets: LibreOffice/XeTeX-with-logical-maps write the logical character for a mirrored glyph (no
      mirroring wanted, and the Rust ``get_display`` does none), WeasyPrint writes the shape it drew; each kind
      of bracket is read both ways and the reading that opens before it closes wins (``mirror``, done with the
      pure-Python algorithm plus rule N0 for bracket pairs, which it lacks);
    - a Latin citation broken over two lines (``(Odihr`` / ``3, 2022: 1).``): LibreOffice sets the digits of a
      Latin run in the Latin font, so such marks are fenced with LRMs to stay in that run (``fence``; only when
      the document's digits next to Latin letters really are in the Latin font: not WeasyPrint's);
    - the base direction of a line is its own (its first and last strong letters); a line of Latin letters only
      on a Persian page takes its direction from layout (flush right, or a Persian line next to it in the same
      paragraph: ``Republic of Kazakhstan, 2022).``); a footnote's number leads a Persian footnote line.
* **Unmapped glyphs** (``(cid:NNN)``) become a placeholder character per font and glyph id with the direction of
  their font; :func:`resolve_placeholders` later picks the letter that makes the most words known to hazm's
  lexicon, document-wide, or leaves U+FFFD when no letter is clearly right.
* **Junk**: kashida/tatweel inside words (a bare ``ـ`` used as a list dash is kept), bidi controls, soft hyphens,
  zero-width spaces, NULs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Optional

from bidi import get_display
from pdfminer.utils import decode_text
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

ZWNJ = "\u200c"
LRM = "\u200e"
RLM = "\u200f"
REPLACEMENT = "\ufffd"
_CID = re.compile(r"^\(cid:(\d+)\)$")
# Dropped wherever they occur: bidi controls, zero-width space/joiner-likes that carry no letter, soft hyphen.
_JUNK = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"))
for _c in range(0x00, 0x20):
    _JUNK[_c] = None
_JUNK[0x7F] = None
# Letters that join only to the letter before them (right-joining) or not at all: no ZWNJ can follow them.
_RIGHT_JOINING = set("اآأإٱدذرزژوؤةۀەء")
# Placeholders for unmapped glyphs: strong right-to-left (Samaritan letters) for glyphs of a mostly Arabic
# font, strong left-to-right (private use) otherwise. Replaced by a letter or U+FFFD before lines are final.
_PH_RTL = [chr(c) for c in range(0x0800, 0x0816)]
_PH_LTR = [chr(c) for c in range(0xE000, 0xE100)]

KIND_CHAR, KIND_SPACE, KIND_ZWNJ, KIND_UNKNOWN = 0, 1, 2, 3
FORM_NONE, FORM_ISOLATED, FORM_FINAL, FORM_INITIAL, FORM_MEDIAL = 0, 1, 2, 3, 4
_FORMS = {"<isolated>": FORM_ISOLATED, "<final>": FORM_FINAL, "<initial>": FORM_INITIAL, "<medial>": FORM_MEDIAL}


class ActualTextDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's marked-content device, also keeping ``/ActualText`` (encoded in the char's ``tag``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stack: list[tuple] = []
        self._seq = 0

    def begin_tag(self, tag, props=None) -> None:  # noqa: ANN001
        self._stack.append((self.cur_tag, self.cur_mcid))
        super().begin_tag(tag, props)
        if isinstance(props, dict) and "ActualText" in props:
            try:
                raw = props["ActualText"]
                text = decode_text(raw) if isinstance(raw, bytes) else str(raw)
            except Exception:  # noqa: BLE001 - a broken property is simply ignored
                return
            self._seq += 1
            self.cur_tag = f"\x1f{self._seq}\x1f{text}"

    def end_tag(self) -> None:
        if self._stack:
            self.cur_tag, self.cur_mcid = self._stack.pop()
        else:
            super().end_tag()


class Glyph:
    __slots__ = ("x0", "x1", "top", "bottom", "size", "text", "font", "kind", "form", "ar", "cx", "base", "cy")

    def __init__(self, x0, x1, top, bottom, size, text, font, kind,  # noqa: ANN001
                 form=FORM_NONE, ar=False, base=None):
        self.x0, self.x1, self.top, self.bottom, self.size = x0, x1, top, bottom, size
        self.text, self.font, self.kind, self.form, self.ar = text, font, kind, form, ar
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2
        self.base = bottom if base is None else base  # the baseline, in the page's top-down coordinates


@lru_cache(maxsize=4096)
def _fold(ch: str) -> tuple[str, int, bool]:
    """(text, presentation form, is an Arabic letter) for one character as the PDF gives it."""
    o = ord(ch)
    form = FORM_NONE
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        dec = unicodedata.decomposition(ch)
        form = _FORMS.get(dec.split(" ", 1)[0], FORM_NONE) if dec else FORM_NONE
        text = unicodedata.normalize("NFKC", ch)
        if 0xFE70 <= o <= 0xFE7F:  # harakat forms: NFKC gives space/tatweel + the mark; keep the mark
            text = text.replace(" ", "").replace("\u0640", "")
        if ch == "\ufeff":
            text = ""
    elif 0x2160 <= o <= 0x217F or 0xFB00 <= o <= 0xFB06:
        # Roman-numeral letters (a font that maps its l and m there: ``Tabⅼe``) and Latin ligatures (ﬁ)
        text = unicodedata.normalize("NFKC", ch)
    else:
        text = ch
    if o == 0x06D5:  # ARABIC LETTER AE: what XeTeX fonts map a final heh to; folded with the document
        form = FORM_FINAL
    ar = len(text) >= 1 and _is_arabic_letter(text[0])
    return text, form, ar


@lru_cache(maxsize=4096)
def _is_arabic_letter(ch: str) -> bool:
    o = ord(ch)
    return (0x0620 <= o <= 0x064A or 0x066E <= o <= 0x06D5 or 0x06FA <= o <= 0x06FF or 0x0750 <= o <= 0x077F
            or 0x08A0 <= o <= 0x08FF) and o != 0x0640


@lru_cache(maxsize=4096)
def _rtl_text(text: str) -> bool:
    return bool(text) and unicodedata.bidirectional(text[0]) in ("R", "AL")


def page_glyphs(chars: list[dict], cid_map: "PlaceholderMap", yref: float) -> tuple[list[Glyph], int]:
    """Glyphs of a page from pdfplumber's chars (stream order); returns (glyphs, number of rotated chars skipped).

    ``yref`` turns a char's text-matrix y into the page's top-down coordinates (its baseline).
    """
    out: list[Glyph] = []
    skipped = 0
    last_seq = None
    at_glyph: Glyph | None = None
    cids: list[Glyph] = []
    append = out.append
    for c in chars:
        if not c["upright"]:
            skipped += 1
            continue
        x0, x1, top, bottom, size, font = c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["fontname"]
        base = yref - c["matrix"][5]
        if not (top - size <= base <= bottom + size):
            base = bottom  # a matrix that does not match the box (odd producers): the box decides
        tag = c.get("tag")
        if tag and tag[0] == "\x1f":
            _, seq, actual = tag.split("\x1f", 2)
            if seq == last_seq and at_glyph is not None:  # the rest of an ActualText run: widen its glyph
                at_glyph.x0, at_glyph.x1 = min(at_glyph.x0, x0), max(at_glyph.x1, x1)
                at_glyph.cx = (at_glyph.x0 + at_glyph.x1) / 2
                continue
            last_seq = seq
            if actual in (ZWNJ, "\u200d"):
                g = Glyph(x0, x0, top, bottom, size, ZWNJ, font, KIND_ZWNJ, base=base)
            elif not actual.translate(_JUNK).strip():
                g = Glyph(x0, x1, top, bottom, size, " ", font, KIND_SPACE, base=base)
            else:
                text = "".join(_fold(ch)[0] for ch in actual).translate(_JUNK)
                g = Glyph(x0, x1, top, bottom, size, text, font, KIND_CHAR, FORM_NONE,
                          _is_arabic_letter(text[0]) if text else False, base)
            at_glyph = g
            append(g)
            continue
        last_seq = None
        t = c["text"]
        if len(t) == 1:
            o = ord(t)
            if o < 0x80 and o > 0x20 and o != 0x7F:
                append(Glyph(x0, x1, top, bottom, size, t, font, KIND_CHAR, FORM_NONE, False, base))
            elif t == " " or t == "\u00a0" or t == "\u3000" or 0x2000 <= o <= 0x200A:
                append(Glyph(x0, x1, top, bottom, size, " ", font, KIND_SPACE, base=base))
            elif t == ZWNJ:
                append(Glyph(x0, x0, top, bottom, size, ZWNJ, font, KIND_ZWNJ, base=base))
            elif o < 0x20 or o == 0x7F or o == 0xFFFD:
                append(Glyph(x0, x1, top, bottom, size, REPLACEMENT, font, KIND_UNKNOWN, base=base))
            else:
                text, form, ar = _fold(t)
                text = text.translate(_JUNK)
                if text:
                    append(Glyph(x0, x1, top, bottom, size, text, font, KIND_CHAR, form, ar, base))
            continue
        m = _CID.match(t)
        if m:
            g = Glyph(x0, x1, top, bottom, size, "", font, KIND_CHAR, int(m.group(1)), False, base)
            cids.append(g)  # the glyph id rides in `form` until the placeholder is chosen below
            append(g)
            continue
        text = "".join(_fold(ch)[0] for ch in t).translate(_JUNK)
        if text:
            append(Glyph(x0, x1, top, bottom, size, text, font, KIND_CHAR, FORM_NONE, _is_arabic_letter(text[0]), base))
    for g in out:
        if g.kind == KIND_ZWNJ:
            g.x1 = g.cx = g.x0  # takes no room: sorts exactly where it was drawn
    if cids:
        # an unmapped glyph takes the direction of its font: mostly Arabic letters -> right-to-left
        ar: dict[str, int] = {}
        n: dict[str, int] = {}
        for g in out:
            if g.kind == KIND_CHAR and g.text:
                n[g.font] = n.get(g.font, 0) + 1
                if g.ar:
                    ar[g.font] = ar.get(g.font, 0) + 1
        page_rtl = sum(ar.values()) * 2 >= max(1, sum(n.values()))
        for g in cids:
            known = n.get(g.font, 0)
            rtl = ar.get(g.font, 0) * 2 >= known if known > 0 else page_rtl
            g.text = cid_map.get(g.font, g.form, rtl)
            g.form = FORM_NONE
            adv = (g.x1 - g.x0) / g.size if g.size else 0.0
            if adv > cid_map.advance.get(g.text, -1.0):
                cid_map.advance[g.text] = adv
            g.ar = g.text in _PH_RTL_SET
    return out, skipped


class PlaceholderMap:
    """One placeholder character per (font, glyph id) of an unmapped glyph; resolved document-wide later."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, int], str] = {}
        self.advance: dict[str, float] = {}  # placeholder -> widest advance seen, in em (0: a mark)
        self._n_rtl = self._n_ltr = 0

    def get(self, font: str, cid: int, rtl: bool) -> str:
        k = (font, cid)
        ph = self.keys.get(k)
        if ph is None:
            if rtl and self._n_rtl < len(_PH_RTL):
                ph = _PH_RTL[self._n_rtl]
                self._n_rtl += 1
            elif not rtl and self._n_ltr < len(_PH_LTR):
                ph = _PH_LTR[self._n_ltr]
                self._n_ltr += 1
            else:
                ph = REPLACEMENT
            self.keys[k] = ph
        return ph

    @property
    def placeholders(self) -> dict[str, tuple[str, int]]:
        return {v: k for k, v in self.keys.items() if v != REPLACEMENT}


_PH_RTL_SET = frozenset(_PH_RTL)
_LETTERS = list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأؤئءة")
_MARKS = ["", "\u064b", "\u064c", "\u064d", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670"]
_SUFFIXES = {"ها", "های", "هایی", "ی", "ای", "ایی", "ام", "ات", "اش", "مان", "تان", "شان", "تر", "ترین", "اند", "ایم",
             "اید"}


def _plausible(word: str) -> float:
    """1 for a word hazm knows; 0.6 for a known word with suffixes after ZWNJ (``الگوریتم‌ها``, ``دانشکده‌ی``) or an
    ezafe ``ی``; else 0."""
    from . import lexicon

    if len(word) < 2:
        return 0.0
    if lexicon.knows(word):
        return 1.0
    parts = word.split(ZWNJ)
    if len(parts) > 1 and len(parts[0]) > 1 and lexicon.knows(parts[0]) \
            and all(p in _SUFFIXES or (len(p) > 1 and lexicon.knows(p)) for p in parts[1:]):
        return 0.6
    return 0.6 if len(word) > 3 and word.endswith("ی") and lexicon.knows(word[:-1]) else 0.0


def _family(font: str) -> str:
    """``ABCDEF+XBNiloofar-Bold`` -> ``xbniloofar``: fonts of one family often share glyph ids."""
    name = font.split("+", 1)[-1]
    return re.split(r"[-,]", name, 1)[0].lower()


def _choose(ph_words: dict[str, Counter], present: set[str], advance: float = 0.5) -> Optional[str]:
    """The character for a placeholder from the words it occurs in (or None when nothing is clearly right).

    A *decisive* word is one that only one candidate makes plausible (``دانشXده‌ی``: only ``ک``); a candidate with
    decisive words, when no other has any, wins if it fits at least half the words. Otherwise a letter must fit
    at least two words and clearly more than the next letter (ties go to the far more frequent words).
    A vowel mark or nothing (a glyph that is a mark) counts as one candidate, "nothing" preferred. A glyph that
    takes room on the line (``advance``, in em) is a letter, one that takes none is a mark.
    """
    from . import lexicon

    uniq = sorted({(ph, w) for ph, words in ph_words.items() for w in words})
    if not uniq:
        return None
    cands = _LETTERS if advance > 0.12 else _MARKS
    fit: list[dict[str, float]] = []
    freq: Counter = Counter()
    for ph, w in uniq:
        row = {}
        for c in cands:
            w2 = "".join(ch for ch in w.replace(ph, c) if ch not in present)
            p = _plausible(w2)
            if p:
                row[c] = p
                freq[c] += lexicon.frequency(w2.split(ZWNJ)[0])
        fit.append(row)
    score: Counter = Counter()
    for row in fit:
        for c, p in row.items():
            score[c] += p

    def group(c: str) -> str:
        return "MARK" if c in _MARKS else c

    decisive: Counter = Counter()
    for row in fit:
        groups = {group(c) for c in row}
        if len(groups) == 1:
            decisive[groups.pop()] += 1
    u = len(uniq)
    if len(decisive) == 1:
        g = next(iter(decisive))
        members = _MARKS if g == "MARK" else [g]
        best = max(members, key=lambda c: (score[c], c == ""))
        if score[best] >= 0.5 * u:
            return best
    if advance <= 0.12:
        best = max(_MARKS, key=lambda c: (score[c], c == ""))
        return best if score[best] >= 0.5 * u else None
    letters = sorted(((score[c], freq[c], c) for c in _LETTERS), reverse=True)
    (b1, f1, best), (b2, f2, _) = letters[0], letters[1]
    marks = 0
    if b1 >= 2 and b1 >= 0.4 * u and b1 > marks and (b1 >= 1.5 * b2 + 0.5 or (b1 == b2 and f1 >= 10 * max(f2, 1))):
        return best
    if u == 1 and b1 >= 1 and b2 == 0 and marks == 0:
        return best
    return None


def resolve_placeholders(texts: list[str], ph_map: PlaceholderMap) -> tuple[list[str], dict[str, str]]:
    """Replace each placeholder by the character that makes its words known to hazm's lexicon.

    Per font first; a glyph id still open is decided with the same id in the other fonts of its family (a bold
    and a regular cut usually share glyph ids), when that choice also fits the font's own words. A letter must
    make at least two words known and clearly more than any other letter; nothing (or a vowel mark) is taken
    for a glyph whose words are known without a letter. Whatever stays open becomes U+FFFD (a visible unknown
    glyph).
    """
    places = ph_map.placeholders
    if not places:
        return texts, {}
    present = {ph for t in texts for ph in places if ph in t}
    if not present:
        return texts, {}
    word_re = re.compile(r"[\w" + ZWNJ + "".join(sorted(present)) + r"]+")
    words_with: dict[str, Counter] = {ph: Counter() for ph in present}
    for t in texts:
        if not any(ph in t for ph in present):
            continue
        for w in word_re.findall(t):
            for ph in present:
                if ph in w:
                    words_with[ph][w] += 1
    chosen: dict[str, str] = {}
    for ph in present:
        c = _choose({ph: words_with[ph]}, present, ph_map.advance.get(ph, 0.5))
        if c is not None:
            chosen[ph] = c
    by_family: dict[tuple[str, int], list[str]] = {}
    for ph in present:
        font, cid = places[ph]
        by_family.setdefault((_family(font), cid), []).append(ph)
    for phs in by_family.values():
        open_ = [ph for ph in phs if ph not in chosen]
        if not open_ or len(phs) < 2:
            continue
        c = _choose({ph: words_with[ph] for ph in phs}, present, max(ph_map.advance.get(ph, 0.5) for ph in phs))
        if c is None:
            continue
        for ph in open_:
            own = [w for w in words_with[ph]]
            if any(_plausible("".join(ch for ch in w.replace(ph, c) if ch not in present)) for w in own):
                chosen[ph] = c
    for ph in present:
        chosen.setdefault(ph, REPLACEMENT)
    table = str.maketrans(chosen)
    return [t.translate(table) if any(ph in t for ph in chosen) else t for t in texts], chosen


def line_text(glyphs: list[Glyph], base_rtl: bool | None, latin_fonts: frozenset = frozenset(),
              arabic_fonts: frozenset = frozenset(), force_rtl: bool | None = None,
              mirror: frozenset = frozenset(), lead_marker: bool = False) -> tuple[str, bool]:
    """The logical text of one line's glyphs and whether its base direction is right-to-left.

    ``base_rtl`` is the direction of the line's block, used when the line's own letters do not decide;
    ``force_rtl``, when given, is the line's direction as its layout shows it (for a line of Latin letters only).
    ``mirror``: brackets the producer maps by the shape of their mirrored glyph (WeasyPrint: the ``(`` drawn at
    the left end of a right-to-left parenthesis is ``(``); those the reordering puts at a right-to-left level are
    mirrored back.
    ``latin_fonts``: fonts that set only Latin letters. A producer that picks fonts by script run (LibreOffice)
    tells with them which run a digit or a punctuation mark belongs to: set in a Latin font it belongs to a Latin
    run (``(Odihr`` / ``3, 2022: 1).`` across a line break; ``Security…,``). Such marks are fenced with LRMs so
    the bidi algorithm keeps them in that run instead of resolving them by their neighbours on this line alone.
    (Not the other way round: a Persian date ``02/03/1403`` has its digits in the Arabic font and its slashes in
    a third one.) ``arabic_fonts`` is accepted for symmetry and unused.
    ``lead_marker``: the line opens a footnote; in a Persian line the number at its right end is the marker, the
    first thing read (``2 Office for ... (ODIHR) دفتر``), not the tail of the Latin run next to it.
    """
    gs = sorted(glyphs, key=_cx)
    marker_from = len(gs)
    if lead_marker and any(g.ar for g in gs):
        k = len(gs) - 1
        while k >= 0 and gs[k].kind == KIND_SPACE:
            k -= 1
        while k >= 0 and gs[k].text.isdigit():
            k -= 1
        marker_from = k + 1
    parts: list[str] = []
    prev: Glyph | None = None
    right = -1e9
    pending_space: Glyph | None = None
    pending_zwnj = False
    pending_unknown: list[Glyph] = []
    for i, g in enumerate(gs):
        k = g.kind
        if k == KIND_SPACE:
            pending_space = g
            continue
        if k == KIND_ZWNJ:
            pending_zwnj = True
            continue
        if k == KIND_UNKNOWN and (g.x1 - g.x0) < 0.35 * g.size:
            pending_unknown.append(g)
            continue
        if prev is not None:
            em = g.size if g.size > prev.size else prev.size
            gap = g.x0 - right
            letters = prev.ar and g.ar
            if pending_zwnj:
                parts.append(ZWNJ if gap < 0.1 * em else " ")
            elif gap > 0.1 * em:
                parts.append(" ")
            elif pending_space is not None or pending_unknown:
                # a space glyph (or a narrow unmapped one) that takes no room: a ZWNJ between letters
                if letters:
                    parts.append(ZWNJ)
            elif letters and g.form and (g.form == FORM_FINAL or g.form == FORM_ISOLATED) \
                    and g.text[-1:] not in _RIGHT_JOINING and prev.form != FORM_MEDIAL and prev.form != FORM_FINAL:
                # the logically earlier glyph (on the right) does not join the next letter: a ZWNJ was there
                parts.append(ZWNJ)
        elif pending_zwnj or pending_space is not None:
            pass
        t = g.text
        if len(t) > 1 and _rtl_text(t):
            t = t[::-1]  # a ligature's text is logical; the line is put together visually
        if i >= marker_from:
            t = RLM + t + RLM
        elif not g.ar and not t.isalpha() and g.font in latin_fonts:
            t = LRM + t + LRM
        parts.append(t)
        prev = g
        if g.x1 > right or g.x0 > right:
            right = g.x1 if g.x1 > g.x0 else g.x0
        pending_space = None
        pending_zwnj = False
        pending_unknown = []
    visual = "".join(parts)
    if LRM in visual or RLM in visual:  # one fence around a run of fenced glyphs, not one per glyph
        visual = visual.replace(LRM + LRM, "").replace(RLM + RLM, "")
    rtl = _base_rtl(visual, base_rtl) if force_rtl is None else force_rtl
    if any(_rtl_text(ch) for ch in visual) or rtl:
        if mirror and any(ch in mirror for ch in visual):
            logical = _get_display_mirrored(visual, "R" if rtl else "L", mirror)
        else:
            logical = get_display(visual, base_dir="R" if rtl else "L")
    else:
        logical = visual
    return clean(logical), rtl


_ZWNJ_STAND_IN = "\u08b5"  # ARABIC LETTER QAF WITH DOT BELOW AND NO DOTS ABOVE (bidi class AL), never in Persian
MIRROR_PAIRS = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "«": "»", "»": "«", "‹": "›", "›": "‹"}


def _get_display_mirrored(visual: str, base_dir: str, mirror: frozenset) -> str:
    """python-bidi's pure-Python algorithm (the Rust one gives no levels), mirroring only ``mirror`` characters
    at right-to-left levels (rule L4)."""
    from bidi import algorithm as A

    storage = A.get_empty_storage()
    storage["base_level"] = A.PARAGRAPH_LEVELS[base_dir]
    storage["base_dir"] = base_dir
    # the algorithm drops ZWNJ (class BN, rule X9); it only ever sits between two letters here, so an Arabic
    # letter stands in for it and resolves the same way
    A.get_embedding_levels(visual.replace(ZWNJ, _ZWNJ_STAND_IN), storage)
    A.explicit_embed_and_overrides(storage)
    A.resolve_weak_types(storage)
    _paired_brackets(storage["chars"], "R" if storage["base_level"] % 2 else "L")
    A.resolve_neutral_types(storage, False)
    A.resolve_implicit_levels(storage, False)
    A.reorder_resolved_levels(storage, False)
    out = []
    for c in storage["chars"]:
        ch = c["ch"]
        if ch in mirror and c["level"] % 2 == 1:
            ch = MIRROR_PAIRS[ch]
        out.append(ch)
    return "".join(out).replace(_ZWNJ_STAND_IN, ZWNJ)


_OPEN = {"(": ")", "[": "]", "{": "}"}


def _paired_brackets(chars: list[dict], embedding: str) -> None:
    """UBA rule N0 (which python-bidi's pure-Python algorithm lacks): a bracket pair around text of the other
    direction, after text of that direction, takes that direction (``Human Rights (ODIHR)`` stays one run)."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for i, c in enumerate(chars):
        ch = c["ch"]
        if ch in _OPEN:
            stack.append((_OPEN[ch], i))
        elif stack and ch == stack[-1][0]:
            pairs.append((stack.pop()[1], i))
    opposite = "L" if embedding == "R" else "R"

    def strong(t: str) -> str:
        return "R" if t in ("R", "AL", "EN", "AN") else t

    for a, b in sorted(pairs):
        inside = {strong(c["type"]) for c in chars[a + 1:b]} & {"L", "R"}
        if not inside:
            continue
        if embedding in inside:
            d = embedding
        else:
            before = next((strong(c["type"]) for c in reversed(chars[:a]) if strong(c["type"]) in ("L", "R")),
                          embedding)
            d = opposite if before == opposite else embedding
        chars[a]["type"] = chars[b]["type"] = d


def _cx(g: Glyph) -> float:
    return g.cx


_STRONG_RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_STRONG_LTR = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\uE000-\uE0FF]")
_STRONG = re.compile(_STRONG_RTL.pattern[:-1] + _STRONG_LTR.pattern[1:])


def _base_rtl(visual: str, block_rtl: bool | None) -> bool:
    """Base direction of a visual line: its leftmost and rightmost strong letters, else the block's direction."""
    strong = _STRONG.findall(visual)
    if not strong:
        return bool(block_rtl)
    first_rtl = bool(_STRONG_RTL.match(strong[0]))
    last_rtl = bool(_STRONG_RTL.match(strong[-1]))
    if first_rtl == last_rtl:
        return first_rtl
    if block_rtl is not None:
        return block_rtl
    n_rtl = sum(1 for ch in strong if _STRONG_RTL.match(ch))
    return n_rtl * 2 >= len(strong)


def clean(text: str) -> str:
    """Kashida inside words out, bidi marks and invisible junk out, runs of blanks to one space, edges trimmed."""
    text = text.translate(_JUNK)
    if "\u0640" in text:
        out = []
        for ch in text:
            if ch == "\u0640" and out and _is_arabic_letter(out[-1]):
                continue
            out.append(ch)
        text = "".join(out)
    if "  " in text:
        text = re.sub(r" {2,}", " ", text)
    return text.strip(" ")


def fold_ae(text: str) -> str:
    """ARABIC LETTER AE (U+06D5), a final heh in XeTeX fonts, back to heh; a ZWNJ when a letter follows it."""
    return re.sub("\u06d5(?=[\u0620-\u064a\u067e-\u06d3])", "\u0647" + ZWNJ, text).replace("\u06d5", "\u0647")


def strong_counts(text: str) -> tuple[int, int]:
    """(right-to-left letters, left-to-right letters) in a text."""
    return len(_STRONG_RTL.findall(text)), len(_STRONG_LTR.findall(text))
