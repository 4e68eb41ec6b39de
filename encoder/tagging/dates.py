"""Find calendar dates in plain text and resolve each to an ISO 8601 ``when``.

The forms are those of archival translations and diplomatic telegrams:
``21 November 1945``, ``November 21, 1945``, ``21 Nov 1945``, ``Nov. 21``,
``18 November`` (year from the document date), ``August 1961``, a year alone
where the wording makes it a date (``in 1945``), numeric dates (``8.II.1950``,
``10/14/50``, ``23/12/45``, ``1945-11-21``), weekday forms
(``Tuesday, 9 March 1982``), ``mid-January``, editorial years
(``25 January [1950]``), ordinal words (``August twentieth``), a time of day
attached before or after the date (``2200 20 November``,
``June 24, 1948—11 a. m.``, ``12:20 p. m., June 26``, ``…, midnight``), and
ranges or alternatives split into their endpoints (``4 or 5 December 1946``,
``1944-1950``, ``March–April 1946``).

Not dates: durations, ages, anniversaries, bare times, telegram and file
numbers (``Deptel 1004``, ``891.00/11–2145``), quantities (``5,000``).

A missing year comes from ``TagContext.date``. A date that would fall far in
the document's future is read as the year before (telegrams refer back); one
that would fall far in its past (a January date in a December document) keeps
the document's year with ``cert="low"`` unless the sentence says it is ahead.
With no document date, the first full date of the text is the anchor and every
inferred year is ``cert="low"``; with no anchor at all ``when`` is left out.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from encoder.model import Span, TagContext
from encoder.tagging.numbers import COUNTED_NOUNS, is_identifier_word

__all__ = ["find_dates"]

# --------------------------------------------------------------------------
# lexicon

_MONTHS: Final = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)
_MONTH_NUM: Final[dict[str, int]] = {m: i for i, m in enumerate(_MONTHS, 1)}
_ABBR_NUM: Final[dict[str, int]] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS: Final = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
_ROMAN: Final[dict[str, int]] = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
    "IX": 9, "X": 10, "XI": 11, "XII": 12,
}
_ORD_UNITS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9,
}
_ORD_WORDS: Final[dict[str, int]] = {
    **_ORD_UNITS,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}


def _cased(words: Sequence[str]) -> str:
    """Title-case and upper-case variants (never lower case: ``may``, ``march``)."""
    out: list[str] = []
    for w in sorted(words, key=len, reverse=True):
        out += [w.title(), w.upper()]
    return "|".join(out)


# Horizontal space; a whitespace run holding at most one line break.
_HS: Final = r"[ \t\u00a0]+"
_WS: Final = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"

_MONTH: Final = (
    rf"(?:(?:{_cased(_MONTHS)})|(?:{_cased(list(_ABBR_NUM))})\.?)(?![A-Za-z])"
)
_MONTH_FULL: Final = rf"(?:{_cased(_MONTHS)})(?![A-Za-z])"
_WEEKDAY: Final = rf"(?:{_cased(_WEEKDAYS)})(?![A-Za-z])"
_DAY: Final = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD_SUFFIX: Final = r"(?:st|nd|rd|th|d)?"
_ORD_WORD: Final = (
    r"(?:(?:[Tt]wenty|[Tt]hirty)[- ](?:" + "|".join(_ORD_UNITS) + r")|"
    + "|".join(sorted((w for w in _ORD_WORDS), key=len, reverse=True))
    + "|" + "|".join(w.title() for w in _ORD_WORDS) + r")(?![A-Za-z])"
)
_YEAR: Final = r"(?:1[6-9]\d\d|20\d\d)"
_YEAR_B: Final = rf"(?:\[{_YEAR}\]|{_YEAR})"
_NOT_TIME_AFTER_YEAR: Final = r"(?!\d)(?![ \t\u00a0]*(?:hours|hrs|h\b))"
_ROMAN_RE: Final = "XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I"

_AMPM: Final = r"(?:[aApP]\.[ \u00a0\n]?[mM]\.?|[aApP][mM](?![A-Za-z]))"
_NOON: Final = r"(?:12[ \u00a0])?(?:noon|midnight|Noon|Midnight|NOON|MIDNIGHT)(?![A-Za-z])"
_HOURS_WORD: Final = r"(?:[ \t\u00a0]?(?:hours|hrs\.?|h\.)(?![A-Za-z]))"

# A time of day written before the date (``2200 20 November``, ``12:20 p. m., June 26``,
# ``0400 hours on 25 June``: "on" joins them into one expression).
_TIME_PRE: Final = (
    rf"(?P<tpre>(?:{_NOON}"
    rf"|\d{{1,2}}(?:[:.]\d{{2}})?[ \u00a0]?{_AMPM}"
    rf"|\d{{1,2}}[:.]\d{{2}}{_HOURS_WORD}?)"
    rf"(?:,?{_HS}|{_HS}?[—–]{_HS}?|{_HS}on{_HS})"
    # four bare digits are a time only when nothing but a space (or "on") joins them to
    # the date: "2200 20 November" (not "London’s 1947, Nov 28")
    rf"|[0-2]\d[0-5]\d{_HOURS_WORD}?{_HS}"
    # ("1947 on 3 May" is a year: with "on", four digits that could be one need "hours")
    rf"|(?:0\d|1[0-8]|2[1-3])[0-5]\d{_HS}on{_HS}"
    rf"|[0-2]\d[0-5]\d{_HOURS_WORD}{_HS}on{_HS})"
)
# A time of day written after the date (``—11 a. m.``, ``, 9:42 p.m.``, ``, midnight``).
_TIME_POST: Final = (
    rf"(?P<tpost>(?:[ \t\u00a0]*[—–-][ \t\u00a0]*|,[ \t\u00a0]*|{_HS})"
    rf"(?:{_NOON}"
    rf"|\d{{1,2}}(?:[:.]\d{{2}})?[ \u00a0]?{_AMPM}"
    rf"|\d{{1,2}}:\d{{2}}(?![\d:]){_HOURS_WORD}?"
    rf"|\d{{1,2}}\.\d{{2}}(?:{_HOURS_WORD}|(?=[ \t\u00a0]*$))"
    rf"|[0-2]\d[0-5]\d{_HOURS_WORD}))"
)

_LB: Final = r"(?<![\w./:])"  # a date never starts glued to a word or a number chain

# Before a day-first date a slash is allowed only after a bare day: "12/13 October".
_LB_DMY: Final = r"(?<![\w.:])(?:(?<!/)|(?<=(?<![\w./:])\d/)|(?<=(?<![\w./:])\d\d/))"

_DMY_RE: Final = re.compile(
    rf"""{_LB_DMY}(?:{_TIME_PRE})?
    (?:(?P<wd>{_WEEKDAY}),?{_WS})?
    (?P<day>{_DAY}){_ORD_SUFFIX}(?:{_WS}of)?{_WS}(?P<mon>{_MONTH})
    (?:,?{_WS}(?P<year>{_YEAR_B}){_NOT_TIME_AFTER_YEAR})?
    (?:{_TIME_POST})?""",
    re.VERBOSE | re.MULTILINE,
)
_MDY_RE: Final = re.compile(
    rf"""{_LB}(?:{_TIME_PRE})?
    (?:(?P<wd>{_WEEKDAY}),?{_WS})?
    (?P<mon>{_MONTH}){_WS}(?P<day>{_DAY}){_ORD_SUFFIX}(?!\d|%|[A-Za-z][A-Za-z\d])(?![.:]\d)(?!,\d{{3}})
    (?:(?:,{_WS}?|{_WS})(?P<year>{_YEAR_B}){_NOT_TIME_AFTER_YEAR})?
    (?:{_TIME_POST})?""",
    re.VERBOSE | re.MULTILINE,
)
_ORDWORD_RE: Final = re.compile(
    rf"""(?<![\w-])(?:
        (?P<mon>{_MONTH}){_WS}(?P<oday>{_ORD_WORD})
      | (?P<oday2>{_ORD_WORD}){_WS}of{_WS}(?P<mon2>{_MONTH}))
    (?:,?{_WS}(?P<year>{_YEAR_B}){_NOT_TIME_AFTER_YEAR})?""",
    re.VERBOSE,
)
_MY_RE: Final = re.compile(
    rf"(?<![\w./:])(?<!\d-)(?P<mid>[Mm]id-|MID-)?(?P<mon>{_MONTH}),?{_WS}(?P<year>{_YEAR_B})"
    rf"{_NOT_TIME_AFTER_YEAR}(?![.,/]\d)"
)
_MID_MONTH_RE: Final = re.compile(rf"(?<![\w-])(?P<mid>[Mm]id-|MID-)(?P<mon>{_MONTH_FULL})")
# Digit-led forms start with a consuming digit and test what precedes it in a
# lookbehind *after* it: a pattern that starts with a lookbehind is tried at
# every position of the text, one that starts with a character class is not.
_NUMERIC_RE: Final = re.compile(
    rf"""(?P<a>\d(?<![\w./\-:–]\d)\d?)(?P<sep>[./-])(?P<b>\d{{1,2}}|{_ROMAN_RE})(?P=sep)
    (?P<c>\d{{4}}|\d{{2}})(?![\w/]|[.\-:,–]\d)
    (?:{_TIME_POST})?""",
    re.VERBOSE | re.MULTILINE,
)
_ISO_RE: Final = re.compile(
    r"(?P<y>[12](?<![\w./\-:][12])(?:(?<=1)[6-9]\d\d|(?<=2)0\d\d))"
    r"-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:[T ](?P<hh>[01]\d|2[0-4]):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?)?"
    r"(?![\w/]|[.\-:]\d)"
)
_YEAR_LED: Final = r"[12](?<![\w./\-–—:$£#№][12])(?:(?<=1)[6-9]\d\d|(?<=2)0\d\d)"
_YEAR_RANGE_RE: Final = re.compile(
    rf"(?P<y1>{_YEAR_LED})(?P<sep>[ \t\u00a0]?[-–—][ \t\u00a0]?|/)"
    rf"(?P<y2>{_YEAR}|\d\d)(?![\w/%]|[.,:\-–]\d)"
)
_YEAR_RE: Final = re.compile(
    rf"(?P<y>{_YEAR_LED})(?!\d|s\b|[.,/:]\d|[ \t\u00a0]?%)"
)
_MID_YEAR_RE: Final = re.compile(rf"(?:[Mm]id|MID)-(?P<y>{_YEAR})(?!\d)")
# Every month name, found fast (literal-led); the boundaries are checked in code.
_MONTH_HIT_RE: Final = re.compile(rf"(?:{_cased(_MONTHS)}|{_cased(list(_ABBR_NUM))})")

# Words before a bare year that make it a date, and before a bare month.
_YEAR_CUES: Final = frozenset(
    "in of since by until till to from during before after through throughout "
    "between early late mid end beginning spring summer autumn fall winter year "
    "years the for circa c. ca. around about fiscal fy as and or".split()
)
_MONTH_CUES: Final = frozenset(
    "in since by until till during before after from through throughout last "
    "next this early late".split()
)
_MONTH_OF_HEADS: Final = frozenset(
    "end beginning middle start half part course days weeks month".split()
)
_QUALIFIERS: Final = frozenset(
    "than over approximately nearly almost some total least most about around".split()
)
_QUANTITY_HEADS: Final = frozenset(
    "up total number sum amount figure strength force population crowd group tally".split()
)
# A capitalised noun after a day and month makes them a name: "26th of July Movement".
_EVENT_HEADS: Final = frozenset("Movement Revolution Uprising Incident Manifesto Coup".split())
_NUMBER_SIGNS: Final = frozenset("no nº n° № # nos nr number".split())
_NOT_DATE_AFTER_MONTH: Final = frozenset(
    "revolution day days uprising manifesto theses plenum".split()
)
_FUTURE_CUES_RE: Final = re.compile(
    r"\b(?:will|shall|would|next|coming|plan(?:s|ned)?|scheduled|expected|intends?|"
    r"due|until|postponed|is\s+to|are\s+to)\b",
    re.IGNORECASE,
)
_REL_YEAR_RE: Final = re.compile(
    r"^,?[ \t\u00a0]+(?:of[ \t\u00a0]+)?(?P<rel>this|the[ \t\u00a0]+current|the[ \t\u00a0]+present|"
    r"last|the[ \t\u00a0]+last|the[ \t\u00a0]+past|the[ \t\u00a0]+previous|the[ \t\u00a0]+preceding|"
    r"next|the[ \t\u00a0]+next|the[ \t\u00a0]+following|the[ \t\u00a0]+coming|the[ \t\u00a0]+same)"
    r"[ \t\u00a0]+year\b",
    re.IGNORECASE,
)
_PREV_TOKEN_RE: Final = re.compile(r"(\S+)[ \t\u00a0]*\n?[ \t\u00a0]*$")
_NEXT_WORD_RE: Final = re.compile(r"^[ \t\u00a0]*\n?[ \t\u00a0]*([A-Za-z]+)")
_PREV_DAYS_RE: Final = re.compile(
    rf"(?<![\w./:,])(?P<d>{_DAY}){_ORD_SUFFIX}"
    rf"(?P<j>[ \t\u00a0]*,[ \t\u00a0]*(?:(?:and|or)[ \t\u00a0]+)?|[ \t\u00a0]*[-–—/&][ \t\u00a0]*"
    rf"|[ \t\u00a0]+(?:or|and|to|till|until|through)[ \t\u00a0]+)$"
)
_NEXT_DAY_RE: Final = re.compile(
    rf"^(?P<j>[ \t\u00a0]*,[ \t\u00a0]*(?:(?:and|or)[ \t\u00a0]+)?|[ \t\u00a0]*[-–—][ \t\u00a0]*"
    rf"|[ \t\u00a0]+(?:or|and|to|till|until|through)[ \t\u00a0]+)"
    rf"(?P<d>{_DAY}){_ORD_SUFFIX}(?![\w%])(?![.,:]\d)"
    rf"(?:,?{_WS}(?P<year>{_YEAR_B}){_NOT_TIME_AFTER_YEAR})?"
)
_RANGE_JOIN_RE: Final = re.compile(
    r"^[ \t\u00a0]*(?:[-–—/]|,|and|or|to|till|until|through)[ \t\u00a0]*"
)
_TIME_RANGE_AFTER_RE: Final = re.compile(
    r"^[ \t\u00a0]*(?:to|-|–|—|until|till)[ \t\u00a0]*(?P<t>\d{4})(?!\d)"
)
_TIME_WORD_AFTER_RE: Final = re.compile(
    r"^[ \t\u00a0]*(?:hours|hrs|h\b|gmt|utc|z\b|local|moscow[ \t\u00a0]+time)",
    re.IGNORECASE,
)
_TIME_PARTS_RE: Final = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?")
_HHMM_RE: Final = re.compile(r"^([0-2]\d)([0-5]\d)")
_PREV_DATE_END_RE: Final = re.compile(r"[ \t\u00a0]*$")


# --------------------------------------------------------------------------
# one found date before its year is settled


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    month: int | None = None
    day: int | None = None
    year: int | None = None            # explicit in the text
    time: tuple[int, int] | None = None
    weekday: int | None = None
    prefix_cue: str | None = None      # last / next / this before a month
    rel: str | None = None             # "of this year" etc. after the date
    share: _Cand | None = None         # the date whose year this one shares (lists, ranges)
    year_cert: str | None = None       # cert already decided while reading (two-digit years)
    kind: str = "full"
    calendar: str | None = None        # the calendar the text writes in, if not the Gregorian


def _month_num(word: str) -> int:
    w = word.rstrip(".").lower()
    return _MONTH_NUM.get(w) or _ABBR_NUM[w]


def _ord_value(word: str) -> int:
    w = word.lower().replace(" ", "-")
    if "-" in w:
        tens, unit = w.split("-", 1)
        return (20 if tens == "twenty" else 30) + _ORD_UNITS[unit]
    return _ORD_WORDS[w]


def _year_of(group: str | None) -> int | None:
    return int(group.strip("[]")) if group else None


def _parse_time(s: str | None) -> tuple[int, int] | None:
    """``11 a. m.`` → (11, 0); ``2200`` → (22, 0); ``midnight`` → (24, 0)."""
    if not s:
        return None
    s = s.strip(" \t\u00a0,—–-")
    low = s.lower()
    if "noon" in low:
        return (12, 0)
    if "midnight" in low:
        return (24, 0)
    m4 = _HHMM_RE.match(s)
    if m4 and (len(s) == 4 or not s[4].isdigit()) and ":" not in s[:4] and "." not in s[:4]:
        h, mi = int(m4.group(1)), int(m4.group(2))
    else:
        m = _TIME_PARTS_RE.match(s)
        if not m:
            return None
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        rest = "".join(low[m.end():].split())
        if rest.startswith(("p.m", "pm")):
            if not 1 <= h <= 12:
                return None
            h = h % 12 + 12
        elif rest.startswith(("a.m", "am")):
            if not 1 <= h <= 12:
                return None
            h = h % 12
    if h > 24 or mi > 59 or (h == 24 and mi):
        return None
    return (h, mi)


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if d is None:
        return 1 <= m <= 12
    if not (1 <= m <= 12 and d >= 1):
        return False
    return d <= (calendar.monthrange(y, m)[1] if y else (29 if m == 2 else 31 if m in (1, 3, 5, 7, 8, 10, 12) else 30))


def _prev_token(text: str, lo: int, pos: int) -> str | None:
    m = _PREV_TOKEN_RE.search(text, max(lo, pos - 40), pos)
    return m.group(1) if m else None


def _next_word(text: str, pos: int, hi: int) -> str | None:
    m = _NEXT_WORD_RE.match(text[pos:min(hi, pos + 40)])
    return m.group(1) if m else None


def _sentence_initial(text: str, lo: int, pos: int) -> bool:
    j = pos - 1
    while j >= lo and text[j] in " \t\u00a0":
        j -= 1
    return j < lo or text[j] in "\n.!?:;\"“”'‘’(["


# --------------------------------------------------------------------------
# reading one region


def _month_hits(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Where month names stand as words (``Mar`` in ``Marshall`` does not)."""
    hits = []
    for m in _MONTH_HIT_RE.finditer(text, lo, hi):
        s, e = m.span()
        if (s > 0 and text[s - 1].isalpha()) or (e < len(text) and text[e].isalpha()):
            continue
        hits.append((s, e))
    return hits


def _windows(hits: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """Stretches around the month names, wide enough for a weekday, a day and a time."""
    out: list[tuple[int, int]] = []
    for s, e in hits:
        a, b = max(lo, s - 60), min(hi, e + 60)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _full_forms(text: str, lo: int, hi: int, hits: list[tuple[int, int]], out: list[_Cand]) -> None:
    windows = _windows(hits, lo, hi)
    for rx in (_DMY_RE, _MDY_RE):
        for m in (m for ws, we in windows for m in rx.finditer(text, ws, we)):
            mon = _month_num(m.group("mon"))
            day = int(m.group("day"))
            year = _year_of(m.group("year"))
            if not _valid(year, mon, day):
                continue
            start, end = m.start(), m.end()
            if rx is _DMY_RE and not m.group("tpre") and not m.group("wd"):
                prev = _prev_token(text, lo, start)
                if prev and prev.lower().strip(".:") in _NUMBER_SIGNS:
                    continue  # "No. 5 May…": a number, then a month
            time = None
            if m.group("tpre"):
                time = _parse_time(m.group("tpre"))
                prev = _prev_token(text, lo, m.start("tpre"))
                if time is None or (prev and (is_identifier_word(prev) or prev.endswith(("’s", "'s")))):
                    time = None
                    start = m.start("wd") if m.group("wd") else m.start("day") if rx is _DMY_RE else m.start("mon")
            if m.group("tpost"):
                tp = _parse_time(m.group("tpost"))
                if tp is None:
                    end = m.start("tpost")
                elif time is None:
                    time = tp
            if rx is _MDY_RE and year is None and end == m.end("day"):
                # "in March 3 battalions": the number counts something.
                nxt = _next_word(text, m.end("day"), hi)
                if nxt and nxt.lower() in COUNTED_NOUNS:
                    continue
            wd = _WEEKDAYS.index(m.group("wd").lower()) if m.group("wd") else None
            out.append(_Cand(start, end, mon, day, year, time, wd))
    for m in (m for ws, we in windows for m in _ORDWORD_RE.finditer(text, ws, we)):
        mon = _month_num(m.group("mon") or m.group("mon2"))
        day = _ord_value(m.group("oday") or m.group("oday2"))
        year = _year_of(m.group("year"))
        if _valid(year, mon, day):
            out.append(_Cand(m.start(), m.end(), mon, day, year))
    for m in (m for ws, we in windows for m in _MY_RE.finditer(text, ws, we)):
        out.append(_Cand(m.start(), m.end(), _month_num(m.group("mon")), None, _year_of(m.group("year"))))
    for m in (m for ws, we in windows for m in _MID_MONTH_RE.finditer(text, ws, we)):
        out.append(_Cand(m.start(), m.end(), _month_num(m.group("mon")), kind="month"))
    for m in _ISO_RE.finditer(text, lo, hi):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if not _valid(y, mo, d):
            continue
        time = None
        if m.group("hh"):
            time = (int(m.group("hh")), int(m.group("mm")))
            if time[0] == 24 and time[1]:
                continue
        out.append(_Cand(m.start(), m.end(), mo, d, y, time))


def _numeric_forms(text: str, lo: int, hi: int, ctx: TagContext, anchor: _dt.date | None,
                   out: list[_Cand]) -> None:
    for m in _NUMERIC_RE.finditer(text, lo, hi):
        a, b, c = m.group("a"), m.group("b"), m.group("c")
        prev = _prev_token(text, lo, m.start())
        if prev and is_identifier_word(prev):
            continue
        if len(c) == 4:
            year = int(c)
            if not 1600 <= year <= 2099:
                continue
            ycert = None
        else:
            base = anchor.year if anchor else 1950
            year = min((cent + int(c) for cent in (1800, 1900, 2000)), key=lambda y: abs(y - base))
            if abs(year - base) > 40:
                continue
            ycert = None if anchor else "low"
        x = int(a)
        pairs = [(x, _ROMAN[b])] if b in _ROMAN else [(x, int(b)), (int(b), x)]
        readings = list(dict.fromkeys(r for r in pairs if _valid(year, r[1], r[0])))
        nxt = _next_word(text, m.end(), hi)
        if not readings or (nxt and nxt.lower() in COUNTED_NOUNS):
            continue
        cert = ycert
        if len(readings) == 2:
            day, mon, by_convention = _pick_order(readings, year, ctx, anchor, m.group("sep"))
            if by_convention and m.group("sep") == "/":
                cert = cert or "medium"  # slashes are written both ways; dots are day first
        else:
            day, mon = readings[0]
        time = None
        end = m.end()
        if m.group("tpost"):
            time = _parse_time(m.group("tpost"))
            if time is None:
                end = m.start("tpost")
        cand = _Cand(m.start(), end, mon, day, year, time)
        cand.year_cert = cert
        out.append(cand)


# Central European numeric dates, spaced after each full stop: "22. 4. 1968", "of 17. 4."
_SPACED_DOTS_RE: Final = re.compile(
    rf"(?P<d>\d(?<![\w.,/:\-]\d)\d?)\.[ \u00a0](?P<m>1[0-2]|0?[1-9])\."
    rf"(?:[ \u00a0](?P<y>{_YEAR})(?![\d.,/:\-]\d|\d))?(?![ \u00a0]?\d)"
)
_SPACED_DOTS_CUES: Final = frozenset("of on from since until till to by and dated".split())
# The months of the Iranian (solar hijri) calendar, in the usual romanisations.
_PERSIAN_MONTHS: Final[dict[str, int]] = {
    "farvardin": 1, "ordibehesht": 2, "ordibehisht": 2, "khordad": 3, "tir": 4, "mordad": 5,
    "amordad": 5, "shahrivar": 6, "shahrewar": 6, "mehr": 7, "mihr": 7, "aban": 8, "azar": 9,
    "dey": 10, "dei": 10, "bahman": 11, "esfand": 12, "isfand": 12, "esfand": 12,
}
_PERSIAN_RE: Final = re.compile(
    rf"(?<![\w.])(?:{_WEEKDAY},{_HS})?(?P<d>{_DAY})[ \u00a0]+(?P<m>{'|'.join(sorted((m.title() for m in _PERSIAN_MONTHS), key=len, reverse=True))})"
    rf"(?![\w])(?:[ \u00a0]+(?P<y>1[23]\d\d)(?!\d))?"
)
# The calendars dates are written in besides the Gregorian: the ids of their <calendar>
# entries (encoder.tei describes them in profileDesc/calendarDesc), with their descriptions
PERSIAN: Final = "cal_persian"
HIJRI: Final = "cal_hijri"
CALENDARS: Final[dict[str, str]] = {
    PERSIAN: "Iranian (solar hijri) calendar; @when gives the Gregorian date.",
    HIJRI: "Islamic (lunar hijri) calendar; @when gives the Gregorian date by the tabular reckoning, "
           "which a sighting of the moon may put one day off.",
}
# The Iranian calendar in figures, year first: "1359/1/20"
_PERSIAN_NUMERIC_RE: Final = re.compile(r"(?<![\w/.])(?P<y>13\d\d)/(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\w/])")
# The Islamic (lunar hijri) calendar with its year: "6 Dhu al-Qaʿda 1400"; the month's name in
# any usual romanisation is read by its letters alone (Dhu'l-Qa'da, Dhu al-Qaʿda, Zul Qada)
_HIJRI_RE: Final = re.compile(
    rf"(?<![\w.])(?P<d>{_DAY})[ \u00a0]+(?P<m>[A-Z][A-Za-z'ʿʾ’‘\- ]{{3,24}}?),?[ \u00a0]+(?P<y>1[234]\d\d)(?!\d)"
    r"(?:[ \u00a0]?(?:AH|A\.H\.|H\.)(?![A-Za-z]))?")
_HIJRI_MONTHS: Final[dict[str, int]] = {
    **dict.fromkeys(("muharram", "moharram"), 1), "safar": 2,
    **dict.fromkeys(("rabialawwal", "rabiulawwal", "rabiawwal", "rabii"), 3),
    **dict.fromkeys(("rabialthani", "rabiulthani", "rabialakhir", "rabiulakhir", "rabiii", "rabiussani"), 4),
    **dict.fromkeys(("jumadaalula", "jumadaalawwal", "jumadaula", "jumadai"), 5),
    **dict.fromkeys(("jumadaalakhira", "jumadaalakhirah", "jumadaalthani", "jumadaakhira", "jumadaii"), 6),
    "rajab": 7, **dict.fromkeys(("shaban", "shaaban"), 8), **dict.fromkeys(("ramadan", "ramazan"), 9),
    "shawwal": 10,
    **dict.fromkeys(("dhualqada", "dhulqada", "dhualqadah", "dhulqadah", "dhualqida", "dhulqida",
                     "dhualqidah", "dhulqidah", "zulqada", "zulqadah"), 11),
    **dict.fromkeys(("dhualhijja", "dhulhijja", "dhualhijjah", "dhulhijjah", "zulhijja", "zulhijjah"), 12),
}


def _from_hijri(y: int, m: int, d: int) -> _dt.date | None:
    """The Gregorian date of a day of the tabular Islamic calendar (the civil reckoning; a
    sighting of the moon may put the day one off)."""
    if not 1 <= d <= 30:
        return None
    days = d + -(-59 * (m - 1) // 2) + (y - 1) * 354 + (3 + 11 * y) // 30 + 227014
    return _dt.date.fromordinal(days)


# Japanese era years after a day and month: "9 May, Shōwa 31" is 9 May 1956.
_ERA_START: Final[dict[str, int]] = {"meiji": 1867, "taisho": 1911, "taishō": 1911, "showa": 1925,
                                     "shōwa": 1925, "heisei": 1988}
_ERA_RE: Final = re.compile(
    rf"(?<![\w.])(?P<d>{_DAY})[ \u00a0]+(?P<mon>{_MONTH_FULL}),?[ \u00a0]+"
    r"(?P<era>Meiji|Taish[oō]|Sh[oō]wa|Heisei)[ \u00a0]+(?P<ey>\d{1,2})(?!\d)"
)
_JALALI_BREAKS: Final = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097,
                         2192, 2262, 2324, 2394, 2456, 3178)


def _nowruz(jy: int) -> _dt.date:
    """The Gregorian date of 1 Farvardin of the Iranian year ``jy`` (the arithmetic of the
    jalaali calendar, exact for the 20th century)."""
    gy = jy + 621
    leap_j = -14
    jp = _JALALI_BREAKS[0]
    jump = 0
    for jm in _JALALI_BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += (jump // 33) * 8 + (jump % 33) // 4
        jp = jm
    n = jy - jp
    leap_j += (n // 33) * 8 + ((n % 33) + 3) // 4
    if jump % 33 == 4 and jump - n == 4:
        leap_j += 1
    leap_g = gy // 4 - ((gy // 100 + 1) * 3) // 4 - 150
    return _dt.date(gy, 3, 20 + leap_j - leap_g)


def _deaccent(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _from_persian(jy: int, jm: int, jd: int) -> _dt.date | None:
    if jd > (31 if jm <= 6 else 30):
        return None
    return _nowruz(jy) + _dt.timedelta(days=(jm - 1) * 31 + jd - 1 if jm <= 7 else 186 + (jm - 7) * 30 + jd - 1)


def _other_forms(text: str, lo: int, hi: int, anchor: _dt.date | None, out: list[_Cand]) -> None:
    """Dates in the forms of other writing habits and calendars: spaced dots (``22. 4. 1968``),
    the Iranian calendar (``27 Shahrivar 1341``, given its Gregorian ``when``) and Japanese era
    years (``9 May, Shōwa 31``)."""
    if ". " in text[lo:hi] or ".\u00a0" in text[lo:hi]:
        for m in _SPACED_DOTS_RE.finditer(text, lo, hi):
            d, mo = int(m.group("d")), int(m.group("m"))
            y = int(m.group("y")) if m.group("y") else None
            prev = _prev_token(text, lo, m.start())
            if not _valid(y, mo, d) or (y is None and (prev is None or prev.lower() not in _SPACED_DOTS_CUES)):
                continue
            if prev and is_identifier_word(prev):
                continue
            out.append(_Cand(m.start(), m.end(), mo, d, y))
    for m in _PERSIAN_RE.finditer(text, lo, hi):
        jm, jd = _PERSIAN_MONTHS[m.group("m").lower()], int(m.group("d"))
        if m.group("y"):
            g = _from_persian(int(m.group("y")), jm, jd)
        elif anchor is not None:
            # the Iranian year whose date lies nearest the document's date
            options = [x for x in (_from_persian(anchor.year - 622, jm, jd),
                                   _from_persian(anchor.year - 621, jm, jd)) if x is not None]
            g = min(options, key=lambda x: abs((x - anchor).days), default=None)
        else:
            g = None
        if g is not None:
            out.append(_Cand(m.start(), m.end(), g.month, g.day, g.year, calendar=PERSIAN))
    if "/" in text[lo:hi]:
        for m in _PERSIAN_NUMERIC_RE.finditer(text, lo, hi):
            g = _from_persian(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if g is not None:
                out.append(_Cand(m.start(), m.end(), g.month, g.day, g.year, calendar=PERSIAN))
    for m in _HIJRI_RE.finditer(text, lo, hi):
        month = _HIJRI_MONTHS.get(re.sub(r"[^a-z]", "", _deaccent(m.group("m")).lower()))
        g = _from_hijri(int(m.group("y")), month, int(m.group("d"))) if month else None
        if g is not None:
            out.append(_Cand(m.start(), m.end(), g.month, g.day, g.year, calendar=HIJRI))
    if "Sh" in text[lo:hi] or "Meiji" in text[lo:hi] or "Taish" in text[lo:hi] or "Heisei" in text[lo:hi]:
        for m in _ERA_RE.finditer(text, lo, hi):
            y = _ERA_START[m.group("era").lower()] + int(m.group("ey"))
            mo, d = _month_num(m.group("mon")), int(m.group("d"))
            if _valid(y, mo, d):
                out.append(_Cand(m.start(), m.end(), mo, d, y))


_DAY_FIRST_ENGLISH: Final = frozenset("GB IE AU NZ IN PK ZA".split())


def _pick_order(readings: list[tuple[int, int]], year: int, ctx: TagContext,
                anchor: _dt.date | None, sep: str) -> tuple[int, int, bool]:
    """Choose day-month or month-day for an ambiguous numeric date.

    Returns (day, month, whether only the writing convention decided).
    """
    if anchor is not None:
        # the reading closer to the document date wins when the two are far apart
        dists = [abs((_dt.date(year, mo, d) - anchor).days) for d, mo in readings]
        if abs(dists[0] - dists[1]) > 20:
            day, month = readings[dists.index(min(dists))]
            return day, month, False
    # American usage writes the month first with slashes; almost everyone else the day.
    if sep != "/" or (ctx.language not in (None, "en")):
        american = False
    elif ctx.language == "en":
        american = ctx.country not in _DAY_FIRST_ENGLISH
    else:
        american = ctx.country in (None, "US")
    day, month = readings[1] if american else readings[0]
    return day, month, True


def _year_cands(text: str, lo: int, hi: int, anchor: _dt.date | None, taken: _Taken) -> None:
    """Bare years: ranges (``1944-1950``) first, then single years with a cue."""
    ay = anchor.year if anchor else None
    for m in _YEAR_RANGE_RE.finditer(text, lo, hi):
        if taken.overlaps(m.start(), m.end()):
            continue
        y1 = int(m.group("y1"))
        raw2 = m.group("y2")
        y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
        ok = (y1 < y2 <= y1 + 100 if m.group("sep") != "/" else y2 == y1 + 1) \
            and _plausible(y1, ay, wide=True) and _plausible(y2, ay, wide=True)
        prev = _prev_token(text, lo, m.start())
        if not ok or (prev and (is_identifier_word(prev) or prev.lower().rstrip(".") in _QUALIFIERS)):
            continue
        nxt = _next_word(text, m.end(), hi)
        if nxt and nxt.lower() in COUNTED_NOUNS:
            continue
        taken.add(_Cand(m.start(), m.start("y1") + 4, year=y1, kind="year"))
        taken.add(_Cand(m.start("y2"), m.end(), year=y2, kind="year"))
    for m in _MID_YEAR_RE.finditer(text, lo, hi):
        if not taken.overlaps(m.start(), m.end()) and (m.start() == 0 or not text[m.start() - 1].isalpha()):
            taken.add(_Cand(m.start(), m.end(), year=int(m.group("y")), kind="year"))
    for m in _YEAR_RE.finditer(text, lo, hi):
        start, end = m.span()
        if start > lo and end < hi and text[start - 1] == "[" and text[end] == "]":
            before = _PREV_DATE_END_RE.search(text, max(lo, start - 4), start - 1)
            full = taken.ending_at(before.start()) if before else None
            if full is None or full.year is None:
                start, end = start - 1, end + 1  # an editorial year: "[1950]"
            # else: the same year in another reckoning after a full date, a mention of its own
        if taken.overlaps(start, end):
            continue
        y = int(m.group("y"))
        if _year_ok(text, lo, hi, start, end, y, ay, taken):
            taken.add(_Cand(start, end, year=y, kind="year"))


def _year_ok(text: str, lo: int, hi: int, start: int, end: int, y: int, ay: int | None,
             taken: _Taken) -> bool:
    """Decide whether a bare four-digit number is a year (and not a quantity, a time, an id)."""
    prev = _prev_token(text, lo, start)
    p = prev.lower().rstrip(",;:") if prev else None
    nxt = _next_word(text, end, hi)
    if nxt and nxt.lower() in COUNTED_NOUNS:
        return False
    after = text[end:min(hi, end + 30)]
    if _TIME_WORD_AFTER_RE.match(after):
        return False
    tr = _TIME_RANGE_AFTER_RE.match(after)
    if tr and (tr.group("t")[0] == "0" or int(tr.group("t")) < y):
        return False
    hhmm_valid = int(str(y)[:2]) <= 24 and int(str(y)[2:]) <= 59
    if p == "at" and hhmm_valid:
        return False
    # a telegram or paragraph number at the start of a line: "1129. Suggest…"
    ls = text.rfind("\n", lo, start) + 1
    ls = max(ls, lo)
    if not text[ls:start].strip(" \t\u00a0([") and text[end:end + 1] in (".", ")"):
        return False
    if prev is None:
        return _plausible(y, ay, wide=False)
    if is_identifier_word(prev):
        return False
    if p in _QUALIFIERS:
        return p in ("about", "around") and _plausible(y, ay, wide=False)
    if p in ("of", "to"):
        before = _prev_token(text, lo, start - len(prev) - 1)
        if before and before.lower() in _QUANTITY_HEADS:
            return False  # "a total of 1947", "up to 1948"
    if p in _YEAR_CUES:
        if p in ("and", "or", "to"):
            # "1945 and 1946", "from 1944 to 1950": only next to another year
            ps = _prev_token(text, lo, start - len(prev) - 1) if start - len(prev) - 1 > lo else None
            if not (taken.ends_near(start - len(prev) - 1) or (ps and ps.lower() in ("from", "between"))):
                return _plausible(y, ay, wide=False)
        return _plausible(y, ay, wide=True)
    stripped = prev.strip("([“\"'‘")
    if stripped[:1].isupper() and stripped[-1:].isalnum() and not _sentence_initial(text, lo, start - len(prev)):
        # "Bonn 1240", "London’s 6238": a post and a telegram number
        return False
    if prev.endswith(("'s", "’s")):
        return False
    # a publication year: "(Moscow: Nauka, 1995)", "(1995)"
    cited = prev[-1] in ",:" or (text[start - 1:start] == "(" and text[end:end + 1] == ")")
    return _plausible(y, None if cited else ay, wide=False)


def _plausible(y: int, ay: int | None, *, wide: bool) -> bool:
    if ay is None:
        return (1600 if wide else 1850) <= y <= 2030
    if wide:
        return y <= ay + 60
    return ay - 70 <= y <= ay + 15


def _month_alone_cands(text: str, lo: int, hi: int, hits: list[tuple[int, int]],
                       taken: _Taken) -> None:
    """A month named alone is a date after ``in``, ``since``, ``last``… or in a range."""
    for s, e in hits:
        name = text[s:e]
        if name.lower() not in _MONTH_NUM or taken.overlaps(s, e) or text[s - 1:s] == "-":
            continue
        nxt = _next_word(text, e, hi)
        if nxt and nxt.lower() in _NOT_DATE_AFTER_MONTH:
            continue
        prev = _prev_token(text, lo, s)
        p = prev.lower().strip(",;:(") if prev else None
        cue = None
        ok = False
        if p in _MONTH_CUES:
            ok = True
            cue = p if p in ("last", "next", "this") else None
        elif p == "of" and prev is not None:
            before = _prev_token(text, lo, s - len(prev) - 1)
            ok = before is not None and before.lower() in _MONTH_OF_HEADS
        elif prev is not None and (p in ("and", "or", "to") or prev in ("-", "–", "—", "/")):
            # the second month of a range: "from March to May"
            ok = taken.ends_near(s - len(prev) - 1)
        joined = _RANGE_JOIN_RE.match(text[e:min(hi, e + 20)])
        if joined:
            # the first month of a range: "March–April 1947", "from March to May"
            nxt_c = taken.starting_at(e + joined.end())
            ok = ok or (nxt_c is not None and nxt_c.month is not None)
        if ok:
            taken.add(_Cand(s, e, _month_num(name), kind="month", prefix_cue=cue))


class _Taken:
    """The candidates chosen so far in one region, kept sorted by start."""

    __slots__ = ("starts", "cands")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.cands: list[_Cand] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)
        # chosen spans are disjoint, so only the last one starting before e can reach s
        return i > 0 and self.cands[i - 1].end > s

    def add(self, c: _Cand) -> None:
        i = bisect.bisect_left(self.starts, c.start)
        self.starts.insert(i, c.start)
        self.cands.insert(i, c)

    def ends_near(self, pos: int) -> bool:
        """A chosen date ends at ``pos`` or a few characters (space, comma) before it."""
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and pos - 3 <= self.cands[i - 1].end <= pos + 1

    def ending_at(self, pos: int) -> _Cand | None:
        """The chosen date that ends exactly at ``pos``."""
        i = bisect.bisect_left(self.starts, pos)
        return self.cands[i - 1] if i > 0 and self.cands[i - 1].end == pos else None

    def starting_at(self, pos: int) -> _Cand | None:
        i = bisect.bisect_left(self.starts, pos)
        if i < len(self.starts) and self.starts[i] == pos:
            return self.cands[i]
        return None


def _extend_lists(text: str, lo: int, hi: int, taken: _Taken) -> None:
    """Split ``4 or 5 December 1946`` and ``March 3 and 4`` into one date per day."""
    for c in list(taken.cands):
        if c.kind != "full" or c.day is None or c.time is not None or c.weekday is not None:
            continue
        head = text[c.start:c.end]
        if head[:1].isdigit():
            # day first: bare days listed before it share its month and year
            pos, day = c.start, c.day
            while True:
                m = _PREV_DAYS_RE.search(text, max(lo, pos - 24), pos)
                if not m:
                    break
                d = int(m.group("d"))
                prev = _prev_token(text, lo, m.start())
                if d >= day or (prev and (is_identifier_word(prev) or prev[-1:].isdigit())):
                    break
                if taken.overlaps(m.start(), m.start("j")):
                    break
                taken.add(_Cand(m.start(), m.start("j"), c.month, d, share=c))
                pos, day = m.start(), d
        elif head.rstrip()[-1:].isdigit() and (c.year is None or head.rstrip().endswith(str(c.day))):
            # month first: "March 3 and 4[, 1946]" — the days that follow
            pos, day = c.end, c.day
            followers: list[_Cand] = []
            while True:
                m = _NEXT_DAY_RE.match(text[pos:min(hi, pos + 40)])
                if not m:
                    break
                d = int(m.group("d"))
                nxt = _next_word(text, pos + m.end("d"), hi)
                if d <= day or (nxt and nxt.lower() in COUNTED_NOUNS):
                    break
                s, e = pos + m.start("d"), pos + m.end()
                if taken.overlaps(s, e):
                    break
                year = _year_of(m.group("year"))
                followers.append(_Cand(s, e, c.month, d, year))
                pos, day = e, d
                if year is not None:
                    break
            if followers and followers[-1].year is not None and c.year is None:
                c.year = followers[-1].year
            for f in followers:
                if f.year is None:
                    f.share = c
                taken.add(f)


# --------------------------------------------------------------------------
# settling the year


def _resolve(c: _Cand, anchor: _dt.date | None, precision: str, weak_anchor: bool,
             sentence: str, same_year: int | None) -> tuple[int | None, str | None]:
    """The year of a date that does not state one, and the certainty of that guess."""
    if c.year is not None:
        return c.year, c.year_cert
    rel_word = c.rel.lower().split()[-1] if c.rel else None
    if rel_word == "same":
        return (same_year, None) if same_year else (None, None)
    if anchor is None:
        return None, None
    y = anchor.year
    cert = "low" if weak_anchor else None
    if rel_word in ("this", "current", "present"):
        return y, cert
    if rel_word in ("last", "past", "previous", "preceding"):
        return y - 1, cert
    if rel_word in ("next", "following", "coming"):
        return y + 1, cert
    mon = c.month or 1
    if c.prefix_cue == "last":
        return (y if precision != "year" and mon < anchor.month else y - 1), cert
    if c.prefix_cue == "next":
        return (y if precision != "year" and mon > anchor.month else y + 1), cert
    if c.prefix_cue == "this" or precision == "year":
        return y, cert
    ref = anchor if precision == "day" else anchor.replace(day=15)
    if c.weekday is not None and c.day is not None:
        # the weekday settles the year when only one of the neighbours fits
        fits = [cy for cy in (y, y - 1, y + 1) if _valid(cy, mon, c.day)
                and _dt.date(cy, mon, c.day).weekday() == c.weekday]
        if fits:
            return fits[0], cert
    delta = (_dt.date(y, mon, min(c.day or 15, 28)) - ref).days
    if delta > 183:
        # far ahead of the document: a reference back ("urtel Nov 12" in January)
        return y - 1, cert or (None if delta >= 245 else "low")
    if delta < -300:
        # far behind it: a January date in a December document may be next year
        if _FUTURE_CUES_RE.search(sentence):
            return y + 1, cert or "medium"
        return y, "low"
    return y, cert


def _iso(year: int | None, c: _Cand) -> str | None:
    if year is None or not 1 <= year <= 9999:  # xs:date has no year 0 and no 5-digit years here
        return None
    if c.month is None:
        return f"{year:04d}"
    if c.day is None:
        return f"{year:04d}-{c.month:02d}"
    if not _valid(year, c.month, c.day):
        return None
    s = f"{year:04d}-{c.month:02d}-{c.day:02d}"
    if c.time == (24, 0):
        # the end of the day is the next day's first instant: xs:dateTime's 24:00:00 is refused by
        # validators (Jing) that read the TEI schema's datatypes strictly
        if (year, c.month, c.day) == (9999, 12, 31):
            return s
        return (_dt.date(year, c.month, c.day) + _dt.timedelta(days=1)).isoformat() + "T00:00:00"
    if c.time is not None:
        s += f"T{c.time[0]:02d}:{c.time[1]:02d}:00"
    return s


def _sentence_around(text: str, lo: int, hi: int, s: int, e: int) -> str:
    a = max(lo, text.rfind(". ", lo, s) + 1, text.rfind("\n", lo, s) + 1)
    ends = [x for x in (text.find(". ", e, hi), text.find("\n", e, hi)) if x != -1]
    return text[a:min(ends) if ends else hi]


def _range_years(text: str, hi: int, taken: _Taken) -> None:
    """The first date of a range takes its year from the second: ``30 November to 2 December 1945``."""
    cands = taken.cands
    for c, nxt in zip(cands, cands[1:]):
        if c.year is not None or c.month is None or c.share is not None or nxt.month is None:
            continue
        joined = _RANGE_JOIN_RE.match(text[c.end:min(hi, c.end + 20)])
        if joined is None or c.end + joined.end() != nxt.start:
            continue
        in_order = (c.month, c.day or 0) <= (nxt.month, nxt.day or 32)
        if nxt.year is not None:
            c.year = nxt.year if in_order else nxt.year - 1
        elif in_order and nxt.share is None:
            c.share = nxt


def _read_region(text: str, lo: int, hi: int, ctx: TagContext,
                 anchor: _dt.date | None) -> list[_Cand]:
    found: list[_Cand] = []
    hits = _month_hits(text, lo, hi)
    _full_forms(text, lo, hi, hits, found)
    _numeric_forms(text, lo, hi, ctx, anchor, found)
    _other_forms(text, lo, hi, anchor, found)
    # longest first, then leftmost: the fullest reading of each stretch wins
    found = [c for c in found if c.year is not None or _next_word(text, c.end, hi) not in _EVENT_HEADS]
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken = _Taken()
    for c in found:
        if not taken.overlaps(c.start, c.end):
            taken.add(c)
    _extend_lists(text, lo, hi, taken)
    _year_cands(text, lo, hi, anchor, taken)
    _month_alone_cands(text, lo, hi, hits, taken)
    _range_years(text, hi, taken)
    for c in taken.cands:
        if c.year is None and c.rel is None:
            rel = _REL_YEAR_RE.match(text[c.end:min(hi, c.end + 40)])
            if rel:
                c.rel = rel.group("rel")
    return taken.cands


# --------------------------------------------------------------------------
# public


def find_dates(text: str, regions: Sequence[tuple[int, int]], context: TagContext) -> list[Span]:
    """Return one ``date`` span for every calendar date inside ``regions``.

    Offsets are global (into ``text``); spans never cross a region boundary
    and never overlap. ``when`` is ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or
    ``YYYY-MM-DDThh:mm:ss``; ``cert="low"`` marks a year guessed on weak
    grounds, and a date whose year cannot be known has no ``when``.
    """
    anchor = context.date
    per_region: list[tuple[int, int, list[_Cand]]] = []
    for lo, hi in sorted(regions):
        lo, hi = max(0, lo), min(len(text), hi)
        if lo < hi:
            per_region.append((lo, hi, _read_region(text, lo, hi, context, anchor)))
    weak = False
    if anchor is None:
        # no document date: the first full date of the text stands in for it
        for _, _, cands in per_region:
            full = next((c for c in cands if c.year and c.month and c.day and not c.year_cert), None)
            if full is not None and full.month and full.day and full.year:
                anchor, weak = _dt.date(full.year, full.month, full.day), True
                break
    precision = context.date_precision if context.date is not None else "day"
    spans: list[Span] = []
    same_year: int | None = None
    for lo, hi, cands in per_region:
        settled: dict[int, tuple[int | None, str | None]] = {}

        def settle(c: _Cand) -> tuple[int | None, str | None]:
            key = id(c)
            if key not in settled:
                if c.share is not None and c.year is None:
                    settled[key] = settle(c.share)
                else:
                    sentence = _sentence_around(text, lo, hi, c.start, c.end)
                    settled[key] = _resolve(c, anchor, precision, weak, sentence, same_year)
            return settled[key]

        for c in cands:
            year, cert = settle(c)
            if c.year is not None:
                same_year = c.year
            when = _iso(year, c)
            attrs = ((("when", when),) if when else ()) + ((("calendar", "#" + c.calendar),) if c.calendar else ())
            spans.append(Span(c.start, c.end, "date", attrs, cert=cert if when else "low"))
    return _disjoint(spans)


def _disjoint(spans: list[Span]) -> list[Span]:
    """Sorted, and without the repeats that overlapping regions would give."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda x: (x.start, -x.end)):
        if not out or sp.start >= out[-1].end:
            out.append(sp)
    return out
