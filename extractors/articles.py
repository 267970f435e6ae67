"""Articles of a constitution (or a law) referred to in a document, in Persian and English.

One public entry, :func:`find_articles`. Forms read:
    - Persian: ``اصل 41``, ``مادۀ 24``, ``اصل 41، بند 1``, ``بند 3 اصل 44``, ``بندهای 1 و 2، اصل 62``,
      ``اصل 43 بندهای 3 و 4``, ``بند سوم اصل 44`` (ordinal words), ``اصول 71 تا 74`` (one item per article,
      ``from_range``), ``بخش چهارم قانون اساسی`` (a section); Persian or ASCII digits, ZWNJ or not;
    - English: ``Article 41(1)``, ``Art. 42, para. 5``, ``Articles 71 to 74``, ``arts. 44 and 45``,
      ``paragraph 3 of Article 44``, ``Section IV of the Constitution``;
    - the damaged order of PDF text (DEVELOPING.md): ``41اصل``, ``62، اصل 2و  1بندهای``, ``23 لاص در 2بند``.

How the number finds its keyword. In a clean line the keyword comes first (``اصل 41``). In a damaged line the
runs are reversed and runs break at numbers, so the text right of a number (up to the next number) is the
logical text that *precedes* it: its keyword is the first word there (``41اصل``, ``1بند ، ...``) or, when the
run before the number was longer (``5در مورد ... که در بند``), the first free keyword of that run. A keyword
already followed by its own ordinal (``بند سوم``) or counted (``دو بند``) is not free. Paragraph groups then
join the article group next to them when only the law's name, ``در``/``به`` or punctuation lies between.

Not articles: counts (``33 اصل``: the number precedes the keyword in reading order), ``این اصل``, table and
figure numbers, the paper's own section numbers (a ``بخش``/Section needs the law named next to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ._article_lines import LineView, Token, known_word, line_views, norm_word, tokenize
from .document import Document
from .models import Article, item_id
from .provenance import locate_raw

# ---------------------------------------------------------------------------------------------- keywords
_ART = {"اصل": False, "ماده": False, "مادهی": False, "اصول": True, "مواد": True, "اصلهای": True, "مادههای": True}
_PARA = {"بند": False, "بندهای": True, "بندها": True, "بندهایی": True}
_SEC = {"بخش": False, "فصل": False}


def _rotations(w: str) -> set[str]:
    return {w[i:] + w[:i] for i in range(1, len(w))}


# rotated keywords (``لاص`` for ``اصل``): only believed in damaged lines
_ROTATED = {r: ("art", False) for r in _rotations("اصل")}
_ROTATED.update({r: ("art", True) for r in _rotations("اصول")})
_ROTATED.update({r: ("para", False) for r in _rotations("بند")})
_GLUE_SUFFIXES = ("اصل", "اصول", "بند", "بندهای", "بخش", "فصل", "ماده")

_ORD_UNITS = {
    "اول": 1, "یکم": 1, "نخست": 1, "دوم": 2, "سوم": 3, "چهارم": 4, "پنجم": 5, "ششم": 6, "هفتم": 7, "هشتم": 8,
    "نهم": 9, "دهم": 10, "یازدهم": 11, "دوازدهم": 12, "سیزدهم": 13, "چهاردهم": 14, "پانزدهم": 15,
    "شانزدهم": 16, "هفدهم": 17, "هجدهم": 18, "هیجدهم": 18, "نوزدهم": 19, "بیستم": 20, "سیام": 30, "سیم": 30,
    "چهلم": 40, "پنجاهم": 50, "شصتم": 60, "هفتادم": 70, "هشتادم": 80, "نودم": 90, "صدم": 100,
}
_CARD_TENS = {"بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90}
_CARD_HUNDREDS = {"صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500}
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
           "ninth": 9, "tenth": 10}

_CONJ_RANGE = {"تا", "الی", "-", "–"}  # a range; anything else between numbers makes a list
# words that count or point at a keyword instead of naming a numbered provision: ``دو بند``, ``این اصل``
_QUANT = {"دو", "سه", "چهار", "پنج", "چند", "این", "آن", "هر", "برخی", "همه", "یک", "همین", "همان", "کدام",
          "چندین", "نخستین", "آخرین"}
_FILLER = {"در", "از", "به", "عنوان", "بهعنوان", "قانون", "اساسی", "جمهوری", "اسلامی", "مندرج", "مذکور",
           "های", "ها"}
_SENTENCE_PUNCT = {".", "؛", "؟", "!", "?", ";", ":"}
_LIST_PUNCT = {"،", ",", "ـ", "-", "–", "(", ")"}


def _is_year(n: int) -> bool:
    return 1300 <= n <= 1499 or 1800 <= n <= 2099


def _keyword(tok: Token, damaged: bool) -> Optional[tuple[str, bool]]:
    """(kind, plural) of a keyword token: kind ``art``/``para``/``sec``."""
    if tok.kind != "word":
        return None
    w = tok.norm
    if w in _ART:
        return "art", _ART[w]
    if w in _PARA:
        return "para", _PARA[w]
    if w in _SEC:
        return "sec", False
    if damaged and w in _ROTATED:
        return _ROTATED[w]
    return None


def _split_glued(tokens: list[Token]) -> list[Token]:
    """``قانونبخش`` -> ``قانون`` + ``بخش`` when the whole is no word and the head is one (damaged text glues
    words at run edges)."""
    out = []
    for t in tokens:
        if t.kind == "word" and len(t.norm) > 4 and not known_word(t.text):
            for suf in _GLUE_SUFFIXES:
                if t.text.endswith(suf) and len(t.text) - len(suf) >= 3 and known_word(t.text[: -len(suf)]):
                    cut = t.end - len(suf)
                    head = t.text[: -len(suf)]
                    out.append(Token("word", head, t.start, cut, norm_word(head)))
                    out.append(Token("word", suf, cut, t.end, norm_word(suf)))
                    break
            else:
                out.append(t)
        else:
            out.append(t)
    return out


def _ordinal(tokens: list[Token], i: int) -> Optional[tuple[int, int]]:
    """An ordinal number word (``سوم``, ``بیست و یکم``, ``یکصد و دهم``) at ``tokens[i]``: (value, index after
    it)."""
    total, j, n = 0, i, len(tokens)
    while j < n and tokens[j].kind == "word":
        w = tokens[j].norm
        if w in _ORD_UNITS:
            return total + _ORD_UNITS[w], j + 1
        card = _CARD_HUNDREDS.get(w) or _CARD_TENS.get(w)
        if not card or j + 1 >= n or tokens[j + 1].norm != "و":
            return None
        total += card
        j += 2
    return None


# -------------------------------------------------------------------------------------------- groups
@dataclass
class _Group:
    kind: str  # art | para | sec
    nums: list[int]
    lo: int  # first token index (in the chunk's token list)
    hi: int  # last token index, inclusive
    conjs: list[str] = field(default_factory=list)  # between the numbers, in reading order: و / تا
    plural: bool = False
    ordinal: bool = False
    partner: Optional["_Group"] = None

    @property
    def is_range(self) -> bool:
        return any(c in _CONJ_RANGE for c in self.conjs)


def _chain_clean(tokens: list[Token], j: int) -> tuple[list[int], list[str], int]:
    """Numbers from ``tokens[j]`` on, in reading order: ``1 و 2``, ``71 تا 74``, ``1، 2 و 3``.
    Returns (numbers, the conjunctions between them, index of the last number)."""
    nums = [tokens[j].value]
    conjs: list[str] = []
    last = j
    k = j + 1
    n = len(tokens)
    while k < n:
        a = k
        while a < n and tokens[a].kind == "punct" and tokens[a].text in ("،", ","):
            a += 1
        conj = None
        if a < n and (tokens[a].norm in ("و", "تا", "الی") or tokens[a].text in ("-", "–")):
            conj = tokens[a].norm or tokens[a].text
            a += 1
        elif a > k:
            conj = "،"
        while a < n and tokens[a].kind == "punct" and tokens[a].text in ("،", ","):
            a += 1
        if conj is None or a >= n or tokens[a].kind != "num":
            break
        v = tokens[a].value
        if conj == "،" and _is_year(v):
            break
        conjs.append(conj)
        nums.append(v)
        last = a
        k = a + 1
    return nums, conjs, last


def _groups_clean(tokens: list[Token]) -> list[_Group]:
    groups: list[_Group] = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        kw = _keyword(t, damaged=False)
        if not kw:
            continue
        kind, plural = kw
        if i and tokens[i - 1].norm in _QUANT:
            continue
        j = i + 1
        if j < n and tokens[j].kind == "word" and tokens[j].norm in ("های", "ها"):
            j += 1  # ``بند های 3 و 4``: the plural written apart, without its ZWNJ
            plural = True
        while j < n and tokens[j].kind == "punct" and tokens[j].text in ("،", ","):
            j += 1  # ``بند ،1``: a comma the PDF's bidi put before the number
        if j < n and tokens[j].kind == "num":
            nums, conjs, last = _chain_clean(tokens, j)
            groups.append(_Group(kind, nums, i, last, conjs, plural))
        else:
            o = _ordinal(tokens, i + 1)
            if o:
                groups.append(_Group(kind, [o[0]], i, o[1] - 1, [], plural, ordinal=True))
            elif i >= 1 and tokens[i - 1].kind == "word" and tokens[i - 1].norm.endswith("مین"):
                # ``چهارمین بند`` (the fourth paragraph)
                v = _ORD_UNITS.get(tokens[i - 1].norm[:-3] + "م") or _ORD_UNITS.get(tokens[i - 1].norm[:-2])
                if v:
                    groups.append(_Group(kind, [v], i - 1, i, [], plural, ordinal=True))
    return groups


def _is_fragment(tok: Token) -> bool:
    """``های``-headed pieces a ZWNJ break left: ``های``, ``هایعنوان``."""
    return tok.kind == "word" and tok.norm.startswith("های") and not known_word(tok.text)


def _groups_damaged(tokens: list[Token]) -> list[_Group]:
    groups: list[_Group] = []
    n = len(tokens)
    used: set[int] = set()
    # ordinal groups first: ``بند سوم`` reads in logical order inside its run
    for i, t in enumerate(tokens):
        kw = _keyword(t, damaged=True)
        if kw and not (i and tokens[i - 1].norm in _QUANT):
            o = _ordinal(tokens, i + 1)
            if o:
                groups.append(_Group(kw[0], [o[0]], i, o[1] - 1, [], kw[1], ordinal=True))
    satisfied = {g.lo for g in groups}
    for i, t in enumerate(tokens):
        if t.kind != "num" or i in used:
            continue
        # a chain right of the number: ``2و  1بندهای``, ``74تا  71. اصول``
        chain = [i]
        conjs: list[str] = []
        k = i
        while True:
            a = k + 1
            while a < n and tokens[a].kind == "punct" and tokens[a].text in ("،", ","):
                a += 1
            if a < n and tokens[a].kind == "word" and tokens[a].norm in ("و", "تا", "الی"):
                conj = tokens[a].norm
                a += 1
            elif a < n and tokens[a].kind == "punct" and tokens[a].text in ("-", "–"):
                conj = "تا"
                a += 1
            elif a > k + 1:
                conj = "،"
            else:
                break
            while a < n and tokens[a].kind == "punct" and tokens[a].text in ("،", ","):
                a += 1
            if a < n and tokens[a].kind == "num" and not (conj == "،" and _is_year(tokens[a].value)):
                conjs.append(conj)
                chain.append(a)
                k = a
            else:
                break
        last = chain[-1]
        # the logically preceding text: up to the next number
        end = last + 1
        while end < n and tokens[end].kind != "num":
            end += 1
        kw_at = _keyword_right(tokens, last + 1, end, satisfied)
        if kw_at is None:
            continue
        kind, plural = _keyword(tokens[kw_at], damaged=True)
        # the chain was read right to left: ``2و  1بندهای`` is ``بندهای 1 و 2``
        nums = [tokens[c].value for c in reversed(chain)]
        used.update(chain)
        groups.append(_Group(kind, nums, i, kw_at, list(reversed(conjs)), plural))
    return groups


def _keyword_right(tokens: list[Token], a: int, b: int, satisfied: set[int]) -> Optional[int]:
    """The keyword a number at ``a - 1`` belongs to, in the damaged order: searched in ``tokens[a:b]``."""
    words = []
    for k in range(a, b):
        t = tokens[k]
        if t.kind == "punct":
            if t.text in _SENTENCE_PUNCT and words:
                break
            continue
        words.append(k)
    if not words:
        return None
    first = 0
    if _is_fragment(tokens[words[0]]) and len(words) > 1:
        first = 1
    k0 = words[first]
    if _keyword(tokens[k0], True) and k0 not in satisfied:
        return k0
    for pos, k in enumerate(words[first:first + 12], first):
        if not _keyword(tokens[k], True) or k in satisfied:
            continue
        prev = tokens[words[pos - 1]].norm if pos > 0 else ""
        if prev in _QUANT:
            continue
        return k
    return None


def _filler_ok(tokens: list[Token], a: int, b: int) -> bool:
    """May ``tokens[a:b]`` stand between a paragraph group and its article group?"""
    if b - a > 9:
        return False
    words = [t for t in tokens[a:b] if t.kind == "word"]
    for t in tokens[a:b]:
        if t.kind == "num":
            return False
        if t.kind == "punct" and t.text not in _LIST_PUNCT:
            return False
    unknown = [w for w in words if w.norm not in _FILLER and not _is_fragment(w)]
    named_law = any(w.norm in ("قانون", "اساسی") for w in words)
    return len(unknown) == 0 or (named_law and len(unknown) <= 2)


def _pair(groups: list[_Group], tokens: list[Token]) -> None:
    """Join each paragraph group to the article group next to it (tightest first)."""
    arts = [g for g in groups if g.kind == "art"]
    paras = [g for g in groups if g.kind == "para"]
    cands = []
    for p in paras:
        for a in arts:
            if p.lo >= a.lo and p.hi <= a.hi or a.lo >= p.lo and a.hi <= p.hi:
                cands.append((0, p, a))  # one inside the other: ``44حذف بند سوم اصل``
            elif p.hi < a.lo and _filler_ok(tokens, p.hi + 1, a.lo):
                cands.append((a.lo - p.hi, p, a))
            elif a.hi < p.lo and _filler_ok(tokens, a.hi + 1, p.lo):
                cands.append((p.lo - a.hi, p, a))
    cands.sort(key=lambda c: c[0])
    for _, p, a in cands:
        if p.partner is None and a.partner is None:
            p.partner, a.partner = a, p


# ------------------------------------------------------------------------------------------ version
_BEFORE_FA = re.compile(r"(?<!س)(?:پیش|قبل)\s*از\s*(?:همه\s*پرسی|اصلاح|بازنگری|تغییر)|پرسی\s*(?:پیش|قبل)\s*از\s*همه")
_AFTER_FA = re.compile(r"(?<!س)(?:پس|بعد)\s*از\s*(?:همه\s*پرسی|اصلاح|بازنگری|تغییر)|پرسی\s*(?:پس|بعد)\s*از\s*همه")
_BEFORE_EN = re.compile(
    r"\b(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:\d{4}\s+)?(?:constitutional\s+)?"
    r"(?:amendments?|referendum|reforms?|revision)|\bpre-(?:\d{4}|amendment|referendum|reform)", re.I)
_AFTER_EN = re.compile(
    r"\b(?:after|following|since)\s+(?:the\s+)?(?:\d{4}\s+)?(?:constitutional\s+)?"
    r"(?:amendments?|referendum|reforms?|revision)|\bpost-(?:\d{4}|amendment|referendum|reform)|\bas\s+amended\b",
    re.I)
_DELETED_FA = {"حذف", "لغو"}
_DELETED_EN = re.compile(r"\b(?:deletion|removal|repeal|abolition)\s+of\s+(?:the\s+)?$", re.I)
_FATE_AFTER_REF = re.compile(
    r"^[^.؛;:!?؟]{0,40}?(?:(?P<gone>حذف\s*(?:شد|شده|گردید)|لغو\s*(?:شد|شده|گردید)|(?:was|were|has\s+been|have\s+been)\s+"
    r"(?:deleted|removed|repealed|abolished))|(?:افزوده|اضافه)\s*(?:شد|شده|گردید)|(?:was|were|has\s+been|have\s+been)"
    r"\s+(?:added|inserted|introduced))")
_CLAUSE_END = re.compile(r"[.؛؟!?;](?!\d)")
_ABBREV = re.compile(r"\b(?:Art|Arts|art|arts|para|paras|No|Vol|p|pp|e\.g|i\.e|etc|cf)\.$")


def _version_in(text: str, anchor: int) -> Optional[str]:
    """before/after named in ``text``; the phrase nearest ``anchor`` wins."""
    best = None
    for rx, v in ((_BEFORE_FA, "before"), (_AFTER_FA, "after"), (_BEFORE_EN, "before"), (_AFTER_EN, "after")):
        for m in rx.finditer(text.replace("\u200c", " ")):
            d = min(abs(m.start() - anchor), abs(m.end() - anchor))
            if best is None or d < best[0]:
                best = (d, v)
    return best[1] if best else None


def _version_bag(text: str) -> Optional[str]:
    """A quote heading's version from its words in any order (``پرسی از همه ، پس1بند``)."""
    words = {norm_word(t.text) for t in tokenize(text) if t.kind == "word"}
    if not words & {"پرسی", "همهپرسی", "اصلاحات", "اصلاح", "بازنگری", "referendum", "amendments", "amendment"}:
        return None
    after = bool(words & {"پس", "بعد", "after", "following"})
    before = bool(words & {"پیش", "قبل", "before", "prior"})
    if after != before and ("از" in words or words & {"after", "before", "prior", "following"}):
        return "after" if after else "before"
    return None


def _clause_bounds(text: str, lo: int, hi: int) -> tuple[int, int]:
    a = 0
    for m in _CLAUSE_END.finditer(text, 0, lo):
        if not _ABBREV.search(text[: m.end()]):
            a = m.end()
    b = len(text)
    for m in _CLAUSE_END.finditer(text, hi):
        if not _ABBREV.search(text[: m.end()]):
            b = m.start()
            break
    return a, b


# -------------------------------------------------------------------------------------------- English
_EN_LIST = r"\d+(?:\s*(?:,|and|&|to|through|–|-)\s*\d+)*"
_EN_PARA = r"(?:paragraphs?|paras?\.?|§§?)"
_EN_ART1 = r"(?:[Aa]rticle|Art\.?|art\.)"
_EN_ARTS = r"(?:[Aa]rticles|Arts\.?|arts\.)"
_EN_PATTERNS = [
    # paragraph 3 of Article 44 / paragraphs 1 and 2 of Art. 62 / the third paragraph of Article 44
    re.compile(
        rf"\b(?:(?P<pk>{_EN_PARA})\s*(?P<plist>{_EN_LIST})|(?:the\s+)?(?P<pord>{'|'.join(_EN_ORD)})\s+paragraph)"
        rf"\s+of\s+(?:the\s+)?{_EN_ART1}\s*(?P<art>\d+)", re.I),
    # Articles 71 to 74 / arts. 44 and 45
    re.compile(rf"\b{_EN_ARTS}\s*(?P<alist>\d+(?:\s*(?:,|and|&|to|through|–|-)\s*\d+)+)"),
    # Article 41(1)(a) / Art. 42, para. 5 / Article 42 paragraphs 1 and 2
    re.compile(
        rf"\b{_EN_ART1}\s*(?P<art>\d+)(?:\s*\(\s*(?P<p>\d+)\s*\))?(?:\s*\(\s*(?P<sp>[a-z]|[ivx]+)\s*\))?"
        rf"(?:\s*,?\s*{_EN_PARA}\s*(?P<plist>{_EN_LIST}))?"),
    # Section IV of the Constitution
    re.compile(
        r"\b(?:Section|Chapter|Part)\s+(?P<sec>\d+|[IVXLC]+)\b"
        r"(?=\s+of\s+(?:the\s+)?(?:[A-Z]\w*\s+){0,3}?(?:Constitution|Law|Code|Act)\b)"),
]
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_EN_LAW = re.compile(r"^\s*,?\s*of\s+(?:the\s+)?(?P<law>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|on|and|the|for))*)")


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def _en_list(s: str) -> tuple[list[int], list[str]]:
    parts = re.split(r"\s*(,|and|&|to|through|–|-)\s*", s)
    nums = [int(x) for x in parts[0::2] if x.isdigit()]
    conjs = ["تا" if op in ("to", "through", "–", "-") else "و" for op in parts[1::2]]
    return nums, conjs[: max(0, len(nums) - 1)]


def _expand(nums: list[int], conjs: list[str]) -> list[tuple[int, bool]]:
    """Numbers and the conjunctions between them -> (number, came from a range): ``71 تا 74 و 80`` ->
    71..74 from a range, 80 not."""
    if not nums:
        return []
    segments = [[nums[0]]]
    for k in range(1, len(nums)):
        if k - 1 < len(conjs) and conjs[k - 1] in _CONJ_RANGE:
            segments[-1].append(nums[k])
        else:
            segments.append([nums[k]])
    out: list[tuple[int, bool]] = []
    for seg in segments:
        lo, hi = min(seg), max(seg)
        if len(seg) > 1 and 0 < hi - lo <= 60:
            out.extend((x, True) for x in range(lo, hi + 1))
        else:
            out.extend((x, False) for x in seg)
    seen: set[int] = set()
    return [(x, r) for x, r in out if not (x in seen or seen.add(x))]


def _law_en(tail: str) -> str:
    """``of the Civil Code`` -> ``Civil Code``, ``of the Law on Elections`` -> ``Law on Elections``; the
    constitution when it is named or no law is."""
    m = _EN_LAW.match(tail)
    if not m:
        return "constitution"
    law = re.sub(r"(?:\s+(?:of|on|and|the|for))+$", "", m.group("law").rstrip(".'’-"))
    if "constitution" in law.lower() or not re.search(r"\b(?:Law|Code|Act|Decree|Statute|Charter|Treaty)\b", law):
        return "constitution"
    return law


# ----------------------------------------------------------------------------------------- the finder
# any keyword (or rotated keyword) at all: lines without one are not tokenized
_PREFILTER = re.compile(
    r"(?:اصل|اصول|ماده|مادۀ|مواد|بند|بندها|بندهای|بخش|فصل|لاص|صلا|ولاص|لاصو|صولا|ندب|دبن)(?![\u0621-\u064A\u06A9\u06AF\u06CC\u067E\u0686\u0698])"
    r"|\b(?:[Aa]rticles?|[Pp]aragraphs?|Section|Chapter|Part)\b|\b(?:Arts?|arts?|paras?)\.|§")
@dataclass
class _Chunk:
    views: list[LineView]
    text: str
    damaged: bool

    def starts(self) -> list[int]:
        out, pos = [], 0
        for v in self.views:
            out.append(pos)
            pos += len(v.text) + 1
        return out

    def locate(self, doc: Document, s: int, e: int):
        """Raw span(s) of ``text[s:e]`` (a clean chunk runs over several lines)."""
        starts = self.starts()
        i = max(k for k, st in enumerate(starts) if st <= s)
        j = max(k for k, st in enumerate(starts) if st <= e - 1)
        lo = self.views[i].line.offset + s - starts[i]
        hi = self.views[j].line.offset + e - starts[j]
        return locate_raw(doc, lo, hi)


def _chunks(views: list[LineView]) -> list[_Chunk]:
    """Consecutive clean lines of a block read as one text (references may run over a line break); a damaged
    line is read alone."""
    out: list[_Chunk] = []
    for v in views:
        prev = out[-1] if out else None
        if (prev and not prev.damaged and not v.damaged and prev.views[-1].block is v.block
                and prev.views[-1].index + 1 == v.index):
            prev.views.append(v)
            prev.text += "\n" + v.text
        else:
            out.append(_Chunk([v], v.text, v.damaged))
    return out


def _law_fa(tokens: list[Token], hi: int) -> str:
    """``مادۀ 5 قانون مدنی`` -> ``قانون مدنی``; the constitution when the law named is ``قانون اساسی`` or none."""
    k = hi + 1
    if k < len(tokens) and tokens[k].norm == "قانون" and k + 1 < len(tokens):
        nxt = tokens[k + 1]
        if nxt.kind == "word" and nxt.norm not in ("اساسی",) and nxt.norm not in _FILLER:
            return f"قانون {nxt.text}"
    return "constitution"


def find_articles(doc: Document) -> list[Article]:
    views = line_views(doc)
    items: list[tuple[Article, LineView, int, int]] = []  # item, its line, and its line-local span
    for chunk in _chunks(views):
        if not _PREFILTER.search(chunk.text):
            continue
        block = chunk.views[0].block
        tokens = _split_glued(tokenize(chunk.text))
        groups = _groups_damaged(tokens) if chunk.damaged else _groups_clean(tokens)
        _pair(groups, tokens)
        made: list[tuple[int, int, Optional[int], list[int], bool, Optional[int], str, int]] = []
        for g in groups:
            if g.kind == "para":
                continue
            p = g.partner
            lo = min(g.lo, p.lo) if p else g.lo
            hi = max(g.hi, p.hi) if p else g.hi
            s, e = tokens[lo].start, tokens[hi].end
            if (g.kind == "sec" or g.ordinal) and not _law_near(tokens, lo, hi, chunk.damaged):
                continue  # ``بخش دوم این مقاله``, ``اصل اول این است که ...``: no law named, not a provision
            if g.kind == "sec":
                made.append((s, e, None, [], False, g.nums[0], "constitution", lo))
                continue
            arts = _expand(g.nums, g.conjs)
            if any(_is_year(a) or a <= 0 or a > 2000 for a, _ in arts):
                continue
            paras = sorted({x for x, _ in _expand(p.nums, p.conjs)}) if p else []
            law = "constitution" if chunk.damaged else _law_fa(tokens, g.hi)
            for a, ranged in arts:
                made.append((s, e, a, paras, ranged, None, law, lo))
        # English forms
        for rx in _EN_PATTERNS:
            for m in rx.finditer(chunk.text):
                if any(not (m.end() <= x[0] or m.start() >= x[1]) for x in made):
                    continue
                made.extend(_english(m, chunk.text))
        for s, e, art, paras, ranged, sec, law, _ in made:
            view = _view_at(chunk, s)
            span, cont = chunk.locate(doc, s, e)
            version = _version(chunk, views, view, s, e, tokens)
            items.append((Article(
                id=item_id("art", span, art, sec, tuple(paras)) if ranged or sec else item_id("art", span, art),
                span=span, continued=cont, lang=block.lang, zone=block.zone, block=block.id,
                article=art, paragraphs=paras, version=version, section=sec, from_range=ranged, law=law,
            ), view, s, e))
    _quote_extras(items, views)
    out = [it for it, *_ in items]
    out.sort(key=lambda a: (a.span.page or 0, a.span.line, a.span.start, a.article or 0))
    return _dedupe(out)


def _dedupe(items: list[Article]) -> list[Article]:
    seen: set[str] = set()
    out = []
    for a in items:
        if a.id in seen:
            continue
        seen.add(a.id)
        out.append(a)
    return out


def _view_at(chunk: _Chunk, s: int) -> LineView:
    pos = 0
    for v in chunk.views:
        if s <= pos + len(v.text):
            return v
        pos += len(v.text) + 1
    return chunk.views[-1]


def _law_near(tokens: list[Token], lo: int, hi: int, damaged: bool) -> bool:
    """A section counts only when the law is named next to it (``بخش چهارم قانون اساسی``)."""
    window = tokens[max(0, lo - 2): hi + 4]
    return any(t.norm in ("قانون", "اساسی") for t in window) or any(
        t.kind == "word" and t.norm.lower() in ("constitution", "law", "code") for t in window)


def _english(m: re.Match, text: str) -> list[tuple]:
    g = m.groupdict()
    s, e = m.start(), m.end()
    law = _law_en(text[e:e + 80])
    out = []
    if g.get("sec"):
        sec = g["sec"]
        n = int(sec) if sec.isdigit() else _roman(sec)
        return [(s, e, None, [], False, n, law, 0)]
    if g.get("alist"):
        nums, conjs = _en_list(g["alist"])
        for a, ranged in _expand(nums, conjs):
            out.append((s, e, a, [], ranged, None, law, 0))
        return out
    art = int(g["art"])
    paras: list[int] = []
    if g.get("p"):
        paras.append(int(g["p"]))
    if g.get("plist"):
        nums, conjs = _en_list(g["plist"])
        paras.extend(x for x, _ in _expand(nums, conjs))
    if g.get("pord"):
        paras.append(_EN_ORD[g["pord"].lower()])
    out.append((s, e, art, sorted(set(paras)), False, None, law, 0))
    return out


def _version(chunk: _Chunk, views: list[LineView], view: LineView, s: int, e: int, tokens: list[Token]) -> Optional[str]:
    """before/after from the reference's own clause (or, in a quote, from the quote's heading)."""
    text = chunk.text
    # deleted provisions are quoted in their old wording: ``حذف بند سوم اصل 44``, ``the repeal of Article 5``
    inside = [t for t in tokens if s <= t.start and t.end <= e]
    before_ref = [t for t in tokens if t.end <= s][-2:]
    if chunk.damaged:
        words = [t.norm for t in inside[:3]]
    else:
        words = [t.norm for t in before_ref]
    if any(w in _DELETED_FA for w in words) or _DELETED_EN.search(text[max(0, s - 30):s]):
        return "before"
    if not chunk.damaged:
        # ``بند سوم اصل 44 ... حذف شد`` / ``paragraph 3 of Article 44 was deleted``: the old wording;
        # ``... به‌عنوان بندهای 3 و 4 افزوده شد`` / ``Article 5a was added``: the new one (but a provision
        # something was added *to* (``به بند 1 ... افزوده``) exists before and after)
        tail = text[e:e + 60]
        m = _FATE_AFTER_REF.match(tail)
        if m:
            if m.group("gone"):
                return "before"
            prev = [t.norm for t in tokens if t.end <= s][-1:]
            if prev != ["به"] and not re.search(r"\bto\s+$", text[max(0, s - 6):s]):
                return "after"
    if view.block.zone == "quote" and view.block.lines[0] is view.line:
        return _version_in(view.text, (s + e) // 2) or _version_bag(view.text)
    clause = _clause(chunk, views, view, s, e)
    for piece, anchor in clause:
        v = _version_in(piece, anchor)
        if v:
            return v
    # ``the changes made in the 2022 amendments ... are stated in paragraph 2 of Article 15``: a change of
    # the amendments located *in* the provision is its new wording (something added *to* a provision, ``به
    # بند 1 ... افزوده``, is not: the provision is there before and after)
    if _located_in(tokens, text, s, e) and any(_IN_AMENDMENTS.search(p.replace("\u200c", " ")) for p, _ in clause):
        return "after"
    return None


def _clause(chunk: _Chunk, views: list[LineView], view: LineView, s: int, e: int) -> list[tuple[str, int]]:
    """The reference's clause: its own piece of the text between sentence marks, and in a damaged line the
    pieces of the lines around it that the clause runs on into (a damaged line's logical start is its raw
    end: the clause goes on at the raw start of the previous line and at the raw end of the next)."""
    text = chunk.text
    a, b = _clause_bounds(text, s, e)
    out = [(text[a:b], (s + e) // 2 - a)]
    if not chunk.damaged:
        return out
    if b == len(text):
        prev = _neighbour(views, view, -1)
        if prev is not None:
            n = len(prev.text)
            pa, pb = _clause_bounds(prev.text, 0, 0) if prev.damaged else _clause_bounds(prev.text, n, n)
            out.append((prev.text[pa:pb], n if prev.damaged else 0))
    if a == 0:
        nxt = _neighbour(views, view, 1)
        if nxt is not None:
            n = len(nxt.text)
            na, nb = _clause_bounds(nxt.text, n, n) if nxt.damaged else _clause_bounds(nxt.text, 0, 0)
            out.append((nxt.text[na:nb], 0))
    return out


_IN_AMENDMENTS = re.compile(
    r"(?:در|طی)\s+(?:اصلاحات|اصلاحیه|بازنگری)\s+(?:\S+\s+){0,3}?[،,]?(?:1[34]\d\d|20\d\d)"
    r"|(?:1[34]\d\d|20\d\d)\S*\s+(?:\S+\s+){0,3}?(?:در|طی)\s+(?:اصلاحات|اصلاحیه|بازنگری)"
    r"|\bin\s+the\s+(?:\d{4}\s+)?(?:constitutional\s+)?(?:amendments?|revision|reform)\s+of\s+(?:\w+\s+){0,2}\d{4}"
    r"|\bin\s+the\s+\d{4}\s+(?:constitutional\s+)?(?:amendments?|revision|reform)", re.I)


def _located_in(tokens: list[Token], text: str, s: int, e: int) -> bool:
    """Is the reference introduced by ``در`` / ``in`` (``در بند 2 اصل 15``, damaged ``15اصل  2در بند``)?"""
    before = [t for t in tokens if t.end <= s][-1:]
    if before and before[0].norm == "در":
        return True
    inside = [t for t in tokens if s <= t.start and t.end <= e]
    for k in range(1, len(inside)):
        if inside[k - 1].norm == "در" and _keyword(inside[k], True):
            return True
    return bool(re.search(r"\bin\s+$", text[max(0, s - 4):s]))


def _neighbour(views: list[LineView], v: LineView, step: int) -> Optional[LineView]:
    j = v.index + step
    if 0 <= j < len(views) and views[j].block is v.block:
        return views[j]
    return None


_LABEL = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})(?![\d-])")


def _quote_extras(items: list[tuple[Article, LineView, int, int]], views: list[LineView]) -> None:
    """In a boxed quote: sub-item labels (``1-1``, ``1-2``) under the heading's paragraph become its
    subparagraphs; a heading that names no version takes the one of the same provision cited just before."""
    for n, (art, view, s, e) in enumerate(items):
        block = view.block
        if block.zone != "quote" or block.lines[0] is not view.line:
            continue
        if art.paragraphs:
            labels: list[str] = []
            for v in views:
                if v.block is block and v.line is not view.line:
                    for m in _LABEL.finditer(v.text):
                        a, b = int(m.group(1)), int(m.group(2))
                        # ``1-2`` is item 2 of paragraph 1; a bidi flip may print it ``2-1``
                        label = f"{a}-{b}" if a in art.paragraphs else f"{b}-{a}" if b in art.paragraphs else None
                        if label and label not in labels:
                            labels.append(label)
            art.subparagraphs = labels
        if art.version is None:
            for prev, pview, *_ in reversed(items[:n]):
                if view.line.number - pview.line.number > 60:
                    break
                if prev.article == art.article and prev.paragraphs == art.paragraphs and prev.version:
                    art.version = prev.version
                    break
