"""Find cardinal quantities (``5,000``, ``seven``, ``1.5 million``) and their qualifiers.

Each becomes a ``num`` span. A qualifier in front of the number belongs to the
span and sets TEI's ranging attributes: ``more than 2,000`` → ``atLeast="2000"``,
``up to 15,000`` → ``atMost="15000"``, ``about 500`` → ``value="500"`` with
``cert="medium"``; ``between 2,000 and 3,000`` and ``2,000–3,000`` give both
bounds. Percentages get ``type="percentage"``.

Numbers that only name or point at something are left alone: ordinals
(``2nd``, ``third``), document, telegram and file numbers (``No. 703``,
``Deptel 1004``, ``Bonn 124``, ``DY 30/3497``, ``f. 558``), paragraph numbers
(``1.``, ``(1)``, ``2)``), footnote markers (``[1]``), times of day
(``11:45``, ``7 p.m.``, ``2200 hours``), model designations (``MiG-15``) and
anything in ``exclude`` (the dates).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from encoder.model import Span

__all__ = ["find_numbers", "COUNTED_NOUNS", "IDENTIFIER_WORDS", "is_identifier_word"]

# Nouns that follow a number counting things: a four-digit number before one of
# them is a quantity, not a year; a day before one is not a day of a month.
COUNTED_NOUNS: Final = frozenset(
    """people persons person men man women children troops soldiers officers
    workers peasants partisans gendarmes horsemen policemen fighters rebels
    guerrillas volunteers specialists advisers advisors experts families
    households inhabitants residents refugees prisoners casualties dead wounded
    killed deputies delegates members students voters votes
    rifles guns pistols tanks aircraft airplanes planes vehicles trucks cars
    horses ships vessels boats shells rounds bombs mines machine
    battalions divisions regiments companies brigades units squadrons
    villages towns cities lines copies pages sheets
    years months weeks days hours minutes seconds
    tons tonnes kilometers kilometres km miles meters metres kilograms kg
    hectares acres barrels liters litres
    rubles roubles dollars rials tomans yuan won marks pounds francs lire""".split()
)

# Words after which a number is a label (a document, telegram, file, folio or
# paragraph number), not a quantity and not a date.
IDENTIFIER_WORDS: Final = frozenset(
    """no no. nos nos. nº n° № # nr nr. number numbers num. tel tel. telegram
    telegrams cable cables despatch despatches dispatch dispatches airgram
    airgrams circular rpt rptd article art. articles point points paragraph
    paragraphs para para. paras section sec. sections item items clause chapter
    ch. page pages p. pp. f. op. d. l. ll. ob. fond opis delo list folio folios
    fol. sheet file box folder vol vol. volume reel record id code serial order
    decree resolution protocol annex appendix part table figure fig. footnote
    hill height route room flight series inv. dy your my our ur""".split()
)

_TEL_RE: Final = re.compile(r"^(?:re)?[a-z]*tels?$")  # Deptel, Embtel, urtel, ReEmbtel, reftels


def is_identifier_word(token: str) -> bool:
    """True when a number after ``token`` is a label: ``No.``, ``Deptel``, ``f.``, ``your``."""
    t = token.strip("()[]“”\"'‘’,;:").lower()
    return t in IDENTIFIER_WORDS or bool(_TEL_RE.match(t))


_HS: Final = r"[ \t\u00a0]+"

_UNITS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES: Final[dict[str, int]] = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_ALL_WORDS: Final = sorted([*_UNITS, *_TENS, "hundred", *_SCALES], key=len, reverse=True)
_W: Final = "(?:" + "|".join(_ALL_WORDS) + ")"  # lower case: matched on a lowered copy

_DIGITS: Final = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:,[ ]000)+|\d+)(?:\.\d+)?"
_DIGIT_SCALE: Final = rf"(?:{_HS}(?:million|billion|thousand)(?![\w-]))"
_PERCENT: Final = rf"(?:[ \t\u00a0]?%|{_HS}per[ \t\u00a0]?cent(?!\w)|{_HS}percent(?!\w))"

# Both scanners start with a consuming character, not a lookbehind: a pattern
# that opens with a lookbehind is tried at every position of the text.
_DIGIT_NUM_RE: Final = re.compile(
    rf"""(?P<d1>\d(?<![\w.,/\-–#№:]\d)(?:\d{{0,2}}(?:,\d{{3}})+|\d{{0,2}}(?:,[ ]000)+|\d*)(?:\.\d+)?)
    (?P<s1>{_DIGIT_SCALE})?
    (?:(?P<rsep>[ \t\u00a0]?[-–][ \t\u00a0]?)(?P<d2>{_DIGITS})(?P<s2>{_DIGIT_SCALE})?)?
    (?![\w]|[.,/:\-–]\d|-\w)
    (?P<pct>{_PERCENT})?""",
    re.VERBOSE,
)
# Runs of number words, matched on an ASCII-lower-cased copy of the region.
_WORD_RUN_RE: Final = re.compile(rf"{_W}(?:(?:{_HS}and{_HS}|-|{_HS}){_W})*")
_ARTICLE_BEFORE_RE: Final = re.compile(r"(?<![\w])an?[ \t\u00a0]+$")
_PERCENT_AFTER_RE: Final = re.compile(rf"^{_PERCENT}")
_MONTH_NAMES: Final = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec"
).split()
_MONTH_AFTER_RE: Final = re.compile(
    r"[ \t\u00a0]+(?:" + "|".join([*_MONTH_NAMES, *(m.upper() for m in _MONTH_NAMES)]) + r")\.?(?![A-Za-z])"
)
_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD_TOKEN_RE: Final = re.compile(rf"(?i){_W}|and")

_QUAL_RE: Final = re.compile(
    r"(?i)(?<![\w])(?P<q>more\s+than|over|above|in\s+excess\s+of|upwards\s+of|at\s+least|"
    r"no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|not\s+fewer\s+than|a\s+minimum\s+of|"
    r"up\s+to|less\s+than|fewer\s+than|under|below|no\s+more\s+than|not\s+more\s+than|"
    r"at\s+most|a\s+maximum\s+of|not\s+exceeding|about|approximately|approx\.|some|around|"
    r"roughly|nearly|almost|close\s+to|circa|ca\.|an\s+estimated|estimated|between)[ \t\u00a0]+$"
)
_AT_LEAST: Final = frozenset(
    "more than|over|above|in excess of|upwards of|at least|no less than|not less than|"
    "no fewer than|not fewer than|a minimum of".split("|")
)
_AT_MOST: Final = frozenset(
    "up to|less than|fewer than|under|below|no more than|not more than|at most|"
    "a maximum of|not exceeding".split("|")
)
_SUFFIX_RE: Final = re.compile(r"^[ \t\u00a0]+or[ \t\u00a0]+(?P<s>more|less|fewer|so)(?![\w])")
_AND_NEXT_RE: Final = re.compile(r"^[ \t\u00a0]+and[ \t\u00a0]+")
_LIST_GAP_RE: Final = re.compile(r"^[ \t\u00a0]*(?:,|and|or|&|,[ \t\u00a0]*and|rpt|rptd)[ \t\u00a0]*$")
_PREV_TOKEN_RE: Final = re.compile(r"(\S+)[ \t\u00a0]*\n?[ \t\u00a0]*$")
_NEXT_WORD_RE: Final = re.compile(r"^[ \t\u00a0]*([A-Za-z’']+)")
_TIME_AFTER_RE: Final = re.compile(
    r"^[ \t\u00a0]?(?:[aApP]\.?[ \u00a0\n]?[mM](?![A-Za-z])|o['’]clock)"
)
_HOURS_AFTER_RE: Final = re.compile(r"^[ \t\u00a0]?(?:hours|hrs|h)(?![A-Za-z])")
_TIME_RANGE_AFTER_RE: Final = re.compile(r"^[ \t\u00a0]*(?:to|-|–|until|till)[ \t\u00a0]*0\d{3}(?!\d)")
_CLOCK_RE: Final = re.compile(r"^(\d\d)(\d\d)$|^(\d{1,2})\.(\d\d)$")
_CLOCK_PREPOSITIONS: Final = frozenset("at until till".split())
_PRONOUN_BEFORE_ONE: Final = frozenset(
    "no any every each the this that which some such a another".split()
)
# After these, "one" stands for a noun ("one of them", "a bilateral one between"):
# a pronoun, not a count.
_NOT_AFTER_ONE: Final = frozenset(
    """another other of who whom whose which that in between at on by for with to
    from into is was are were has had have will would can could may might must
    should does did be and but as than""".split()
)


_CURRENCY: Final = "$£€¥"


def _fmt(d: Decimal) -> str:
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def _digits_value(s: str, scale: str | None) -> Decimal:
    v = Decimal(s.replace(",", "").replace(" ", ""))
    if scale:
        v *= _SCALES[scale.strip().lower()]
    return v


def _word_numbers(run: str, *, article: bool = False) -> list[tuple[int, int, int]]:
    """Split a run of number words into numbers: (start, end, value) inside ``run``.

    ``article`` says an ``a``/``an`` stands before the run (``a hundred``).
    """
    out: list[tuple[int, int, int]] = []
    total = current = 0
    last: str | None = None          # kind of the last word taken
    if article:
        current, last = 1, "unit"
    start = end = -1
    pending_and = False

    def flush() -> None:
        nonlocal total, current, last, start, pending_and
        if start >= 0:
            out.append((start, end, total + current))
        total = current = 0
        last, start, pending_and = None, -1, False

    for m in _WORD_TOKEN_RE.finditer(run):
        w = m.group().lower()
        if w == "and":
            if last in ("hundred", "scale"):
                pending_and = True
                continue
            flush()
            continue
        kind = ("unit" if _UNITS[w] < 10 else "teen") if w in _UNITS else \
            "tens" if w in _TENS else "hundred" if w == "hundred" else "scale"
        allowed = {
            "unit": (None, "scale", "hundred", "tens"),
            "teen": (None, "scale", "hundred"),
            "tens": (None, "scale", "hundred"),
            "hundred": ("unit", "teen", "tens"),
            "scale": ("unit", "teen", "tens", "hundred"),
        }[kind]
        if last not in allowed or (pending_and and kind in ("hundred", "scale")):
            flush()
            if kind in ("hundred", "scale"):
                continue
        if start < 0:
            start = m.start()
        end = m.end()
        pending_and = False
        if kind in ("unit", "teen"):
            current += _UNITS[w]
        elif kind == "tens":
            current += _TENS[w]
        elif kind == "hundred":
            current *= 100
        else:
            total += current * _SCALES[w]
            current = 0
        last = kind
    flush()
    return out


class _Excluded:
    __slots__ = ("starts", "ends")

    def __init__(self, spans: Sequence[Span]) -> None:
        pairs = sorted((s.start, s.end) for s in spans)
        self.starts = [p[0] for p in pairs]
        self.ends = [p[1] for p in pairs]
        # running maximum of ends, so that nested or overlapping spans are handled
        run = 0
        for i, e in enumerate(self.ends):
            run = max(run, e)
            self.ends[i] = run

    def hits(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)
        return i > 0 and self.ends[i - 1] > s


def _prev_token(text: str, lo: int, pos: int) -> str | None:
    m = _PREV_TOKEN_RE.search(text, max(lo, pos - 40), pos)
    return m.group(1) if m else None


def _next_word(text: str, pos: int, hi: int) -> str | None:
    m = _NEXT_WORD_RE.match(text[pos:min(hi, pos + 40)])
    return m.group(1).lower() if m else None


def _sentence_initial(text: str, lo: int, pos: int) -> bool:
    j = pos - 1
    while j >= lo and text[j] in " \t\u00a0":
        j -= 1
    return j < lo or text[j] in "\n.!?:;\"“”'‘’([—–-"


def _line_start(text: str, lo: int, pos: int) -> int:
    return max(lo, text.rfind("\n", lo, pos) + 1)


class _Raw:
    __slots__ = ("start", "end", "low", "high", "value", "pct", "words", "qual", "cert")

    def __init__(self, start: int, end: int, value: Decimal, *, words: bool,
                 pct: bool = False, high: Decimal | None = None) -> None:
        self.start, self.end = start, end
        self.value, self.high = value, high
        self.low: Decimal | None = None
        self.pct, self.words = pct, words
        self.qual: str | None = None
        self.cert: str | None = None


def _pronoun_one(text: str, lo: int, hi: int, s: int, e: int) -> bool:
    """``one`` as a pronoun (``no one``, ``one of them``, ``one another``), not a count."""
    prev = _prev_token(text, lo, s)
    if prev and prev.lower() in _PRONOUN_BEFORE_ONE:
        return True
    if not re.match(r"[ \t\u00a0]+[A-Za-z]", text[e:e + 2]):
        return True  # followed by punctuation or a possessive: "the one.", "one's"
    nxt = _next_word(text, e, hi)
    if nxt == "or":
        return False  # "one or two"
    return nxt is None or nxt in _NOT_AFTER_ONE


def _label_like(text: str, lo: int, hi: int, s: int, e: int, raw: str) -> bool:
    """A digit number that names something (``No. 5``, ``Bonn 124``, ``1.`` at a line start)."""
    if len(raw) > 1 and raw[0] == "0" and not raw.startswith("0."):
        return True  # "0600", "0007": times and folio numbers
    before = text[s - 1:s] if s > lo else ""
    after = text[e:e + 1] if e < hi else ""
    if before == "[" and after == "]":
        return True  # footnote marker
    if after == ")" and before == "(" and len(raw) <= 2:
        return True  # "(1)"
    ls = _line_start(text, lo, s)
    lead = text[ls:s].strip(" \t\u00a0")
    if lead in ("", "(") and after in (".", ")") and "," not in raw:
        return True  # paragraph or telegram number: "703. Prime Minister", "1)"
    if after == ")" and len(raw) <= 2:
        opened = text.rfind("(", ls, s)
        closed = text.rfind(")", ls, s)
        if opened <= closed:
            return True  # inline enumeration "1) … 2) …"
    prev = _prev_token(text, lo, s)
    if prev is None:
        return False
    if is_identifier_word(prev):
        return True
    stripped = prev.strip("([“\"'‘")
    if stripped.endswith(("’s", "'s")) and stripped[:1].isupper():
        return True  # "London’s 6238"
    if (stripped[:1].isupper() and stripped[-1:].isalpha() and "," not in raw
            and not _sentence_initial(text, lo, s - len(prev))):
        nxt = _next_word(text, e, hi)
        if not (nxt and nxt in COUNTED_NOUNS):
            return True  # "Bonn 124", "Trujillo 1", "Hill 304"
    return False


def _time_like(text: str, lo: int, hi: int, s: int, e: int, raw: str) -> bool:
    after = text[e:min(hi, e + 12)]
    if _TIME_AFTER_RE.match(after):
        return True
    clock = _CLOCK_RE.match(raw)
    hh, mm = (clock.group(1, 2) if clock.group(1) else clock.group(3, 4)) if clock else ("99", "99")
    if int(hh) <= 24 and int(mm) <= 59:
        # "2200", "15.40": a clock reading when "hours" follows or "at"/"from"… precedes
        if _HOURS_AFTER_RE.match(after) or _TIME_RANGE_AFTER_RE.match(after):
            return True
        prev = _prev_token(text, lo, s)
        if prev and prev.lower() in _CLOCK_PREPOSITIONS:
            return True
    return False


def find_numbers(text: str, regions: Sequence[tuple[int, int]], *,
                 exclude: Sequence[Span] = ()) -> list[Span]:
    """Return a ``num`` span for every cardinal quantity inside ``regions``.

    Offsets are global; spans never cross a region boundary, never overlap
    each other and never overlap a span of ``exclude``.
    """
    excluded = _Excluded(exclude)
    spans: list[Span] = []
    for lo, hi in sorted(regions):
        lo, hi = max(0, lo), min(len(text), hi)
        if lo < hi:
            spans.extend(_region(text, lo, hi, excluded))
    # overlapping regions would find the same number twice: keep the first
    out: list[Span] = []
    for sp in sorted(spans, key=lambda x: (x.start, -x.end)):
        if not out or sp.start >= out[-1].end:
            out.append(sp)
    return out


def _region(text: str, lo: int, hi: int, excluded: _Excluded) -> list[Span]:
    raws = _digit_numbers(text, lo, hi, excluded) + _word_run_numbers(text, lo, hi, excluded)
    raws.sort(key=lambda r: r.start)
    return [_to_span(r) for r in _qualify(text, lo, hi, raws)]


def _digit_numbers(text: str, lo: int, hi: int, excluded: _Excluded) -> list[_Raw]:
    raws: list[_Raw] = []
    label_end = -1  # end of the last number read as a label, for lists: "Embtels 205 and 206"
    for m in _DIGIT_NUM_RE.finditer(text, lo, hi):
        pct = bool(m.group("pct"))
        s, e = m.start("d1"), m.end()
        raw = m.group("d1")
        last = m.end("d2") if m.group("d2") else m.end("d1")
        if s > lo and text[s - 1] in _CURRENCY:
            s -= 1  # "$56,000,000": the sign belongs to the quantity
        if excluded.hits(s, e):
            continue
        if label_end >= 0 and _LIST_GAP_RE.match(text[label_end:s]) \
                and _next_word(text, last, hi) not in COUNTED_NOUNS:
            label_end = last
            continue  # the next label of a list: "Embtels 205 and 206"
        if _label_like(text, lo, hi, s, m.end("d1"), raw):
            label_end = last
            continue
        if _time_like(text, lo, hi, s, last, raw) or _MONTH_AFTER_RE.match(text, last, min(hi, last + 12)):
            continue  # a clock time, or a day of a month the date tagger did not take
        v1 = _digits_value(raw, m.group("s1"))
        if m.group("d2"):
            v2 = _digits_value(m.group("d2"), m.group("s2") or m.group("s1"))
            if v2 <= v1 or m.group("d2")[0] == "0":
                continue  # "3-1", "0007-0008": a score or a folio range, not a quantity
            raws.append(_Raw(s, e, v1, words=False, pct=pct, high=v2))
        else:
            raws.append(_Raw(s, e, v1, words=False, pct=pct))
    return raws


def _word_run_numbers(text: str, lo: int, hi: int, excluded: _Excluded) -> list[_Raw]:
    raws: list[_Raw] = []
    seg = text[lo:hi]
    low = seg.lower()
    if len(low) != len(seg):  # "İ" lowers to two code points: keep offsets aligned
        low = seg.translate(_LOWER)
    for m in _WORD_RUN_RE.finditer(low):
        rs, re_ = lo + m.start(), lo + m.end()
        if (rs > lo and (text[rs - 1].isalnum() or text[rs - 1] == "-")) or \
                (re_ < hi and (text[re_].isalnum() or text[re_] == "-")):
            continue  # inside a word ("often", "someone") or a compound ("three-day")
        art = _ARTICLE_BEFORE_RE.search(low, max(0, m.start() - 4), m.start())
        article = bool(art) and low.startswith(("hundred", "thousand", "million"), m.start())
        pct = _PERCENT_AFTER_RE.match(text[re_:min(hi, re_ + 10)])
        for ws, we, value in _word_numbers(m.group(), article=article):
            s, e = rs + ws, rs + we
            if article and ws == 0 and art is not None:
                s = lo + art.start()
            at_end = we == len(m.group())
            if at_end and pct:
                e = re_ + pct.end()
            if excluded.hits(s, e):
                continue
            word = text[s:e]
            if word[:1].isupper() and not word.isupper() and not _sentence_initial(text, lo, s):
                continue  # part of a name: "Big Three", "Council of Ten"
            if word.lower() == "one" and _pronoun_one(text, lo, hi, s, e):
                continue
            if _time_like(text, lo, hi, s, e, word):
                continue
            raws.append(_Raw(s, e, Decimal(value), words=True, pct=bool(pct) and at_end))
    return raws


def _qualify(text: str, lo: int, hi: int, raws: list[_Raw]) -> list[_Raw]:
    out: list[_Raw] = []
    i = 0
    while i < len(raws):
        r = raws[i]
        q = _QUAL_RE.search(text, max(lo, r.start - 30), r.start)
        if q:
            word = " ".join(q.group("q").lower().split())
            if word == "between":
                nxt = raws[i + 1] if i + 1 < len(raws) else None
                gap = _AND_NEXT_RE.match(text[r.end:nxt.start]) if nxt else None
                if nxt is not None and gap and gap.end() == nxt.start - r.end and nxt.high is None \
                        and nxt.value > r.value and r.high is None:
                    merged = _Raw(q.start("q"), nxt.end, r.value, words=r.words,
                                  pct=nxt.pct, high=nxt.value)
                    out.append(merged)
                    i += 2
                    continue
            else:
                r.start = q.start("q")
                r.qual = "atLeast" if word in _AT_LEAST else "atMost" if word in _AT_MOST else "approx"
        if r.qual is None and r.high is None:
            suf = _SUFFIX_RE.match(text[r.end:min(hi, r.end + 16)])
            if suf:
                r.end += suf.end()
                s = suf.group("s")
                r.qual = "atLeast" if s == "more" else "approx" if s == "so" else "atMost"
        out.append(r)
        i += 1
    return out


def _to_span(r: _Raw) -> Span:
    attrs: list[tuple[str, str]] = []
    cert = None
    if r.high is not None:
        attrs += [("atLeast", _fmt(r.value)), ("atMost", _fmt(r.high))]
        if r.qual == "approx":
            cert = "medium"
    elif r.qual == "atLeast":
        attrs.append(("atLeast", _fmt(r.value)))
    elif r.qual == "atMost":
        attrs.append(("atMost", _fmt(r.value)))
    else:
        attrs.append(("value", _fmt(r.value)))
        if r.qual == "approx":
            cert = "medium"
    if r.pct:
        attrs.append(("type", "percentage"))
    return Span(r.start, r.end, "num", tuple(attrs), cert=cert)
