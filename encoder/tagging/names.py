"""Persons, places and organisations in running text, by rule (no statistical model).

``find_names`` returns ``persName``, ``placeName`` and ``orgName`` spans, and
``roleName`` spans inside persons, for the guideline in
``shared/corpus/dev/ANNOTATION.md``.

How it reads a text
-------------------
1. Words are cut into *chunks*: runs of capitalised words (also names in
   capitals, letter-spaced names ``M O L O T O V`` / ``K I M  I L  S U N G``,
   initials ``N. S.``, name particles ``von``/``al``/``os-``, ``U Thant``, an
   editorial insertion ``[Chou] En-lai``), never across a column gap, a region
   boundary or a line break, unless the break only wraps running prose
   (``Cdes. András\nHegedűs and ...``). Words a page dump glued together are
   cut apart (``BeriaTelegram``, ``Ulbrichtb`` when ``b`` opens a footnote).
2. A chunk loses a leading title (``Cde.``, ``Lt. Col.``, ``Ambassador``,
   ``Vice President``); a title followed by a name makes a person.
3. A chunk is an organisation when it holds a head noun (``Party``,
   ``Ministry``, ``Division``, ``Foundation``...), extended by a designation
   (``of Foreign Affairs``, ``of the Soviet Union``), or is a known body
   (``NATO``, ``CPSU``); governments are never organisations (``Soviet
   Government`` gives nothing, ``U.S. Government`` gives the place ``U.S.``).
4. The form of the text decides first where it can: a speaker's turn
   (``YUDIN: I said``), a month between a day and a year, a call number, a
   publisher in ``(Moscow: Nauka, 2004)``, an abbreviation and its expansion
   in brackets, a slogan before ``campaign``, an event (``Warsaw Treaty``).
   Otherwise the gazetteer and the words around decide between place and
   person (``the districts of X``, ``the X region``, ``in X``, ``X, an island``;
   ``X said``, ``X, the chief of``, ``(X)`` after a title, ``translated by X``;
   ``the X`` alone is no person).
5. The document then decides what one chunk cannot: a sequence it uses as a
   person (after a title, as a speaker, in a credit) is a person everywhere,
   whatever the gazetteer says of its first word (``Gao Gang``, ``MAO
   ZEDONG``); names joined in a list or a dash-joined route, or a name and its
   bracketed other form, are of one kind (``in Swatow and Kiungchow``); the
   verdict for a name is shared by all its mentions; a later short form
   (``Musavi``, ``the Volunteers``) takes the key of the full name; catalogue
   lines in inverted form (``Kim, Il Sung, 1912-1994``) are one person.

The name proper and roleName (the rule the benchmark scores by)
----------------------------------------------------------------
A ``persName`` span covers the name *and* a title right before it
(``Lt. Col. Zagirnia``, ``Cde. STALIN``, ``Seyyed Ziaeddin``); each title is
a ``roleName`` span inside it, typed ``rank``, ``office`` or ``honorific``.
The guideline's person mention, the *name proper*, is the persName span minus
its leading roleNames and the whitespace after them, except name-forming
honorifics (``Seyyed``, ``Sheikh``, ``Haji``... listed in
``encoder/data/name_cues.txt``), which the guideline counts as part of the
name. ``name_proper()`` computes it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from encoder.gazetteer import Gazetteer, GeoEntry, norm
from encoder.model import Span, TagContext

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

PERSON, PLACE, ORG = "persName", "placeName", "orgName"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Cues:
    rank: tuple[str, ...]
    office: tuple[str, ...]
    honorific: tuple[str, ...]
    name_forming: frozenset[str]
    name_suffix: frozenset[str]
    particles: frozenset[str]
    org_head: frozenset[str]
    org_standalone: frozenset[str]
    org_name: frozenset[str]
    not_org_acronym: frozenset[str]
    not_name: frozenset[str]
    demonym: frozenset[str]
    person_verb: frozenset[str]
    person_before: frozenset[str]
    place_before: frozenset[str]
    place_of: frozenset[str]
    place_after: frozenset[str]
    place_suffix: frozenset[str]
    given: frozenset[str]
    family: frozenset[str]
    place_prefix: frozenset[str]
    place_infix: frozenset[str]
    org_before: frozenset[str]
    org_of: frozenset[str]
    role_re: re.Pattern[str]
    role_type: dict[str, str]
    abbreviations: frozenset[str]


@functools.cache
def _cues() -> _Cues:
    sections: dict[str, list[str]] = defaultdict(list)
    current = ""
    for raw in (DATA_DIR / "name_cues.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections[current].append(line)

    def low(name: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in sections[name])

    def split(name: str) -> frozenset[str]:
        # sections of single words, several to a line
        return frozenset(w.casefold() for line in sections[name] for w in line.split())

    role_type: dict[str, str] = {}
    for kind, key in (("rank", "rank"), ("office", "office"), ("honorific", "honorific"),
                      ("name-forming", "honorific")):
        for phrase in sections[key if key != "honorific" or kind == "honorific" else kind]:
            role_type.setdefault(phrase.casefold(), "rank" if kind == "rank" else
                                 "office" if kind == "office" else "honorific")
    for phrase in sections["name-forming"]:
        role_type.setdefault(phrase.casefold(), "honorific")
    phrases = sorted(role_type, key=len, reverse=True)
    role_re = re.compile(
        r"(?:" + "|".join(_phrase_pattern(p) for p in phrases) + r")(?=[\s\]\)]|$)",
        re.IGNORECASE,
    )
    abbreviations = frozenset(
        w.casefold() for p in role_type for w in p.split() if w.endswith(".")
    ) | {"st.", "ft.", "mt.", "jr.", "sr.", "no.", "nos.", "gov.", "sen.", "rep.", "pres."}
    return _Cues(
        rank=tuple(sections["rank"]),
        office=tuple(sections["office"]),
        honorific=tuple(sections["honorific"]),
        name_forming=low("name-forming"),
        name_suffix=low("name-suffix"),
        particles=frozenset(sections["particle"]),
        org_head=low("org-head"),
        org_standalone=low("org-standalone"),
        org_name=frozenset(sections["org-name"]),
        not_org_acronym=frozenset(sections["not-org-acronym"]),
        not_name=low("not-name"),
        demonym=low("demonym"),
        person_verb=low("person-verb"),
        person_before=low("person-before"),
        place_before=low("place-before"),
        place_of=low("place-of"),
        place_after=low("place-after"),
        place_suffix=low("place-suffix"),
        given=low("given-name"),
        family=split("family-name"),
        place_prefix=split("place-prefix"),
        place_infix=frozenset(w for line in sections["place-infix"] for w in line.split()),
        org_before=split("org-before"),
        org_of=split("org-of"),
        role_re=role_re,
        role_type=role_type,
        abbreviations=abbreviations,
    )


def _phrase_pattern(phrase: str) -> str:
    parts = [re.sub(r"['’]", "['’]", re.escape(w)) for w in phrase.split()]
    return r"\b" + r"\s+".join(parts)


class _Lexicon(frozenset):
    """Common English words. The list is American (SCOWL's wamerican); a British spelling counts
    as its American form, since translations use both (defence, labour, centre, organisation)."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        return isinstance(word, str) and _british_in(self, word)


@functools.lru_cache(maxsize=1 << 15)
def _british_in(lexicon: frozenset[str], word: str) -> bool:
    return any(frozenset.__contains__(lexicon, w) for w in _american(word))


def _american(word: str) -> list[str]:
    """The American spellings a British one may stand for (none for most words)."""
    out = []
    for british, american in _BRITISH_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 2:
            out.append(word[: -len(british)] + american)
    if "our" in word and len(word) >= 5:
        out.append(word.replace("our", "or", 1))  # labour, honourable, favourite
    return out


_BRITISH_ENDINGS = (("ence", "ense"), ("ences", "enses"), ("tre", "ter"), ("tres", "ters"),
                    ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
                    ("isation", "ization"), ("isations", "izations"), ("ogue", "og"), ("ogues", "ogs"),
                    ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llers", "lers"))


@functools.cache
def _lexicon() -> _Lexicon:
    text = (DATA_DIR / "english_words.txt").read_text(encoding="utf-8")
    return _Lexicon(w for w in text.split("\n") if w and not w.startswith("#"))


# Words that often start a sentence or stand capitalised without being names,
# beyond the lexicon (function words are in the lexicon already).
_WEAK_VERBS = frozenset({"is", "was", "has", "had", "himself", "herself", "did", "does", "would",
                         "will", "may", "might", "should", "could", "cannot", "must", "left",
                         "received", "called", "reported", "read", "continued"})
_PREFIXES = frozenset({"anti", "pre", "pro", "non", "ex", "post", "neo", "pan", "trans", "inter",
                       "intra", "sub", "all", "semi", "quasi", "mid", "un", "counter", "over"})
_ORDINAL_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_PARALLEL_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)|(?:{_ORDINAL_TENS})-(?:{_ORDINAL_UNITS})|(?:{_ORDINAL_TENS})ieth)"
    r"\s+[Pp]arallel\b"
)
# letter-spaced capitals: one word (M O L O T O V) or several words two or three spaces
# apart (K I M  I L  S U N G); the length is checked in _spaced_runs
_SPACED_RE = re.compile(
    r"(?<![\w.])[A-ZÀ-ÞА-ЯЁ](?: [A-ZÀ-ÞА-ЯЁ])+(?: {2,3}[A-ZÀ-ÞА-ЯЁ](?: [A-ZÀ-ÞА-ЯЁ])+)*(?![\w.])"
)
# a gap of three spaces, a tab or two no-break spaces separates columns, not words of a name
_WIDE_GAP_RE = re.compile(r"\t| {3,}|[\u00a0 ]{3,}")
# Arabic name words that begin with ʿayn, which translations often print as an apostrophe
# ("Jamal 'Abd al-Nasir", "‘Ali"): the apostrophe belongs to the word, unless it opens a quotation
_AYN_WORDS = ("Abd", "Abdul", "Abdel", "Abdallah", "Abdullah", "Ali", "Alawi", "Umar", "Uthman", "Abbas",
              "Aziz", "Adil", "Arif", "Aref", "Isa", "Ubayd", "Imad", "Izz", "Izzat", "Ala", "Aqil", "Awad",
              "Amr", "Ammar", "Uday", "Azzam", "Iraq", "Iraqi", "Asir", "Adan", "Aden", "Ajman", "Akka")
_TOKEN_RE = re.compile(
    r"""
    (?P<init>(?<![\w.])(?:[A-ZÀ-Þ]|Yu|Ya|Ye|Yo|Zh|Ch|Sh|Kh|Ts|Gy|Sz|Cs|Ly|Ny)\.(?:-?[A-ZÀ-Þ]\.)*)
   |(?P<word>(?:(?<!\S)['‘’](?=(?:"""+ "|".join(_AYN_WORDS) + r""")(?![^\W\d_])))?
             [^\W\d_]+(?:['’\-‐][^\W\d_]+)*(?:(?<=s)['’](?![^\W\d_]))?)
   |(?P<num>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th)?)
   |(?P<punct>\S)
    """,
    re.VERBOSE,
)
_CREDIT_RE = re.compile(
    r"\b(?:translated|contributed|obtained|edited|compiled|transcribed|prepared|signed|written)"
    r"(?:\s+and\s+translated)?\s+(?:for\s+[^,.;]+?\s+)?by\s*$",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- tokens


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # word, init, num, punct, spaced, insert
    newline_before: bool = False
    space_before: bool = True
    wide_before: bool = False  # a column gap (three spaces, a tab) before the token


def _spaced_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Letter-spaced words: four letters or more, or several spaced words of five letters in all."""
    out = []
    for m in _SPACED_RE.finditer(text, start, end):
        words = _SPACED_GAP_RE.split(m.group())
        letters = sum(len(w.replace(" ", "")) for w in words)
        if (len(words) == 1 and letters >= 4) or (len(words) > 1 and letters >= 5):
            out.append((m.start(), m.end()))
    return out


def _soft_break(text: str, left: int, right: int) -> bool:
    """Is the line break between ``left`` and ``right`` a wrap inside running prose?

    Both lines must read as prose (long, with lower-case words), so that a
    list of names one a line, a signature block or a heading is never joined.
    """
    gap = text[left:right]
    if gap.count("\n") != 1 or gap.strip(" \t\u00a0\n"):
        return False
    line_start = text.rfind("\n", 0, left) + 1
    line_end = text.find("\n", right)
    before = text[line_start:left]
    after = text[right:line_end if line_end >= 0 else len(text)]
    return (len(before) >= 50 and len(_LOWER_WORD_RE.findall(before)) >= 5
            and len(_LOWER_WORD_RE.findall(after)) >= 3)


_LOWER_WORD_RE = re.compile(r"(?<![\w’'])[a-z]{2,}\b")


def _glued_markers(text: str) -> frozenset[str]:
    """Letters that open footnote lines ("b The telegram ..."): markers a page dump may glue to a word."""
    return frozenset(_FOOTNOTE_MARKER_RE.findall(text))


def _tokenise(text: str, start: int, end: int, cues: _Cues,
              markers: frozenset[str] = frozenset()) -> list[_Tok]:
    toks: list[_Tok] = []
    spaced = _spaced_runs(text, start, end)
    pos = start
    si = 0
    while pos < end:
        if si < len(spaced) and spaced[si][0] <= pos:
            s, e = spaced[si]
            si += 1
            if s >= pos:
                toks.append(_Tok(s, e, text[s:e], "spaced"))
                pos = e
            continue
        limit = spaced[si][0] if si < len(spaced) else end
        m = _TOKEN_RE.search(text, pos, limit)
        if not m:
            pos = limit
            continue
        kind = m.lastgroup or "punct"
        s, e = m.start(), m.end()
        word = text[s:e]
        if kind == "word" and word[0] in "'‘’" and text[e:e + 1] in ("'", "’"):
            # 'Ali': a quotation, not an ʿayn
            toks.append(_Tok(s, s + 1, word[0], "punct"))
            s += 1
            word = word[1:]
        if kind == "word":
            # an abbreviation keeps its full stop (Lt. Col. Cde. Mr.)
            if e < end and text[e] == "." and (word + ".").casefold() in cues.abbreviations:
                e += 1
                word += "."
            # anti-United States: a lower-case prefix is not part of the name
            head, sep, rest = word.partition("-")
            if sep and head.islower() and head.casefold() in _PREFIXES and rest[:1].isupper():
                toks.append(_Tok(s, s + len(head), head, "word"))
                toks.append(_Tok(s + len(head), s + len(head) + 1, "-", "punct"))
                s = s + len(head) + 1
                word = rest
            glued = _GLUED_RE.fullmatch(word) if not word[1:].islower() else None
            if glued and glued.group(2).casefold() in _lexicon() and len(glued.group(1)) >= 3:
                # "BeriaTelegram": two words a page dump glued together
                toks.append(_Tok(s, s + len(glued.group(1)), glued.group(1), "word"))
                s += len(glued.group(1))
                word = glued.group(2)
            elif (markers and len(word) >= 5 and word[-1] in markers and word[0].isupper()
                  and word[-2].islower() and _word_in(text, word[:-1])):
                # "Ulbrichtb": a footnote marker glued to a name used elsewhere on its own
                e -= 1
                word = word[:-1]
        toks.append(_Tok(s, e, word, kind))
        pos = e
    _lower_caps_links(toks)
    prev_end = start
    for t in toks:
        if t.start - prev_end == 1 and text[prev_end] == " ":
            t.newline_before = prev_end == start
            prev_end = t.end
            continue  # one space: the common case
        gap = text[prev_end:t.start]
        t.newline_before = ("\n" in gap and not _soft_break(text, prev_end, t.start)) or prev_end == start
        t.space_before = bool(gap) or prev_end == start
        t.wide_before = len(gap) > 2 and bool(_WIDE_GAP_RE.search(gap))
        prev_end = t.end
    return toks


_CAPS_LINKS = frozenset({"OF", "THE", "FOR", "AND", "IN", "ON", "AT", "TO"})


def _lower_caps_links(toks: list[_Tok]) -> None:
    """In a heading in capitals, the linking words read as in running text, so that a body's
    name is found as in prose: "MINISTRY OF FOREIGN AFFAIRS OF THE MONGOLIAN PEOPLE'S REPUBLIC"
    is "Ministry" with its designation, "KIM IL SUNG AND PAK HON YONG" two names."""
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.kind != "word" or t.text not in _CAPS_LINKS:
            continue
        a, b = toks[k - 1], toks[k + 1]
        if a.text.lower() in ("of", "the", "for", "and", "in", "on", "at", "to") and a.text.islower():
            a = toks[k - 2] if k >= 2 else a  # "OF THE": look past the link already lowered
        if all(x.kind == "word" and len(x.text) >= 2 and x.text.isupper() for x in (a, b)) \
                and "\n" not in t.text:
            t.text = t.text.lower()


# patterns of the hot paths, compiled once
_SPACED_GAP_RE = re.compile(r" {2,3}")
_FOOTNOTE_MARKER_RE = re.compile(r"(?m)^[ \t\u00a0]*([a-z])[ \t\u00a0]+[A-Z\u00c0-\u00de]")
_HYPHEN_RE = re.compile(r"[-‐]")
_SPACES_RE = re.compile(r"\s+")
_ONE_INITIAL_RE = re.compile(r"[A-Z]\.")
_BRACKETS_RE = re.compile(r"[\[\]]")
_ORDINAL_NUM_RE = re.compile(r"\d+(?:st|nd|rd|th)")
_DAY_NUM_RE = re.compile(r"\d{1,2}")
_YEAR_NUM_RE = re.compile(r"\d{3,4}")
_DOT_NUMBER_RE = re.compile(r"\.[ \u00a0]*\d")
_EDITOR_BEFORE_RE = re.compile(r"\beds?\.,\s*$")
_BRACKET_AFTER_RE = re.compile(r"[ \u00a0]*[(\[]([^()\[\]\n]{3,100})[)\]]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_SPEECH_AFTER_RE = re.compile(r"[ \t]*:[ \t]+(\S.*)")
_HYPHEN_SPLIT_RE = re.compile(r"([-‐])")
_LOWER_AFTER_RE = re.compile(r"\s+([a-z]+)")
_GOV_ACRONYM_RE = re.compile(r"GO[A-Z]{1,3}")
_FILE_SIGNATURE_RE = re.compile(r"[ \u00a0]+\d+[/.\-]\d")
_PROSE_WORD_RE = re.compile(r"\b[a-z]{2,}\b")
_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+)")
_PREV_WORDS_RE = re.compile(r"[^\W\d_]+\.?|[,;:(]")
_NEXT_WORDS_RE = re.compile(r"[^\W\d_]+|[,;:()]|\d+")
_ATTRIBUTIVE_RE = re.compile(r"[ \t\u00a0]+[A-Z]|[-‐–][^\W\d_]")
_NAME_WORDS_RE = re.compile(r"[^\W\d_]+(?:[-‐’'][^\W\d_]+)*")
_TELS_RE = re.compile(r"\w*tels?", re.IGNORECASE)
_GLUED_RE = re.compile(r"([A-ZÀ-Þ][a-zß-ÿ]+)([A-Z][a-z]{3,})")


# --------------------------------------------------------------------------- chunks


@dataclass(slots=True)
class _Chunk:
    toks: list[_Tok]
    index: int  # index of the first token in the region's token list
    initial: bool  # at the start of a sentence, a line or a heading
    region: int
    verdict: str | None = None
    score: dict[str, float] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


def _is_cap(t: _Tok) -> bool:
    if t.kind in ("init", "spaced", "insert"):
        return True
    if t.kind != "word" or len(t.text) == 1 or "º" in t.text or "ª" in t.text:
        return False  # Nº, 1ª: number signs, not names
    ch = t.text[1] if t.text[0] in _AYN_MARKS and len(t.text) > 1 else t.text[0]  # ʿAbd, 'Abd: an ʿayn first
    # the Arabic article in its Arabic and Persian spellings (al-Said, os-Saltaneh, ol-Molk)
    head, sep, rest = t.text.partition("-")
    return ch.isupper() or (bool(sep) and head in _ARTICLES and rest[:1].isupper())


# ʿayn and hamza as transliterations print them (modifier letters, or apostrophes before a capital)
_AYN_MARKS = frozenset("ʿʾʻʼ'‘’")
_ARTICLES = frozenset({"al", "el", "ad", "an", "as", "at", "az", "ar", "ash", "ad", "os", "ol",
                       "od", "ud", "ul", "ed", "es", "us", "ot", "oz", "ur"})


def _merge_inserts(toks: list[_Tok]) -> list[_Tok]:
    """``[Chou] En-lai``: a bracketed capitalised word before a name joins it."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (t.text == "[" and i + 3 < len(toks) and toks[i + 1].kind == "word"
                and toks[i + 1].text[:1].isupper() and toks[i + 2].text == "]"
                and not toks[i + 1].space_before and not toks[i + 2].space_before
                and _is_cap(toks[i + 3]) and toks[i + 3].space_before
                and not toks[i + 3].newline_before):
            out.append(_Tok(t.start, toks[i + 2].end, toks[i + 1].text, "insert",
                            t.newline_before, t.space_before))
            i += 3
            continue
        out.append(t)
        i += 1
    return out


def _chunks(toks: list[_Tok], region: int, cues: _Cues) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        particle_start = (t.kind == "word" and t.text in cues.particles and i + 1 < n
                          and _is_cap(toks[i + 1]) and not toks[i + 1].newline_before)
        if t.text == "U" and i + 1 < n and toks[i + 1].kind == "word" and _is_cap(toks[i + 1]) \
                and not toks[i + 1].newline_before and toks[i + 1].text.casefold() not in _lexicon():
            particle_start = True  # "U Thant": the Burmese honorific belongs to the name
        if not (_is_cap(t) or particle_start):
            i += 1
            continue
        j = i + 1
        while j < n and not _possessive(toks[j - 1]):  # a name ends at its possessive ("Sung's Visit")
            u = toks[j]
            if u.newline_before or u.wide_before or not u.space_before and u.kind != "insert":
                break
            if _is_cap(u):
                j += 1
                continue
            if (u.kind == "word" and (u.text in cues.particles or u.text in cues.place_infix)
                    and j + 1 < n and _is_cap(toks[j + 1]) and not toks[j + 1].newline_before):
                j += 1
                continue
            break
        chunks.append(_Chunk(toks[i:j], i, _initial(toks, i), region))
        i = j
    return chunks


_COLLECTIVE = frozenset({"people", "women", "children", "men", "nation", "youth", "country", "world"})


def _possessive(t: _Tok) -> bool:
    """A name's possessive ("Sung's"); a common noun's belongs to names ("People's Republic")."""
    return t.kind == "word" and len(t.text) > 3 and t.text.endswith(("'s", "’s")) \
        and t.text[:-2].casefold() not in _COLLECTIVE


def _initial(toks: list[_Tok], i: int) -> bool:
    """Is token i at the start of a sentence, a line or a quotation?"""
    k = i - 1
    if toks[i].newline_before:
        return True
    while k >= 0 and toks[k].kind == "punct" and toks[k].text in "“‘\"'([«":
        if toks[k].newline_before:
            return True
        k -= 1
    if k < 0:
        return True
    prev = toks[k]
    if prev.kind == "punct" and prev.text in ".!?:;—–":
        return True
    if prev.kind == "punct" and prev.text == "]" and k >= 1 and toks[k - 1].text in ".…":
        return True  # "[...] In Belgrade"
    if prev.kind == "num" and prev.newline_before:
        return True  # "703. Prime Minister ..."
    if prev.kind == "punct" and prev.text == ")" and k >= 1 and toks[k - 1].newline_before:
        return True  # "(a) Kim was killed"
    return False


# --------------------------------------------------------------------------- classification


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    tag: str
    key: str
    cert: str
    roles: list[tuple[int, int, str]] = field(default_factory=list)
    score: float = 0.0
    region: int = 0
    initial: bool = False
    chunk_id: int = -1
    tentative: bool = False  # a person by default only; may yield to document evidence
    strength: float = 0.0  # what the gazetteer alone says
    doubtful: bool = False  # "the X" with no cue: kept only if another mention decides it


class _Doc:
    """What one call knows: the text, the cues, the gazetteer and the evidence so far."""

    def __init__(self, text: str, context: TagContext, gazetteer: Gazetteer) -> None:
        self.text = text
        self.context = context
        self.gaz = gazetteer
        self.cues = _cues()
        self.lex = _lexicon()
        self._place_cache: dict[str, GeoEntry | None] = {}
        # the countries the document plainly names (set by find_names before classifying): a
        # small town of one of them is a place the gazetteer vouches for ("Kapsan" in a report
        # on North Korea), one of another country is only a weak hint
        self.countries: frozenset[str] = frozenset({context.country} if context.country else ())
        self._demonym_cache: dict[str, bool] = {}
        self._strength_cache: dict[str, float] = {}

    # -- word classes ------------------------------------------------------

    def word(self, t: _Tok) -> str:
        return t.text

    def is_common(self, w: str) -> bool:
        """A word used in lower case in English (or a listed non-name word)."""
        low = w.casefold().rstrip(".")
        if low in self.cues.not_name:
            return True
        base = low[:-2] if low.endswith(("’s", "'s")) else low
        if "-" in base:
            parts = base.split("-")
            return all(p in self.lex or p in self.cues.demonym or p in self.cues.not_name
                       or p in self.cues.role_type for p in parts)
        return base in self.lex or (base.endswith("s") and base[:-1] in self.lex)

    def is_demonym(self, w: str) -> bool:
        low = w.casefold().rstrip("’'")
        if low in self.cues.demonym:
            return True
        if low.endswith("s") and low[:-1] in self.cues.demonym:
            return True
        if low.endswith("es") and low[:-2] in self.cues.demonym:
            return True
        parts = _HYPHEN_RE.split(low)
        if len(parts) > 1 and all(p in self.cues.demonym or p in ("anglo", "sino", "franco",
                                                                  "italo", "afro", "inter", "pan")
                                  for p in parts):
            return True
        return self._derived_demonym(low)

    def _derived_demonym(self, low: str) -> bool:
        """Angolan, African, Brazilian, Japanese, Iraqi: a country's or continent's adjective,
        made from the gazetteer's name by the usual endings."""
        cache = self._demonym_cache
        if low in cache:
            return cache[low]
        stems: list[str] = []
        word = low[:-1] if low.endswith("ans") or (low.endswith("is") and len(low) > 5) else low
        if word.endswith("an"):
            stems += [word[:-1], word[:-2] + "o"]  # Angola, Africa; Mexico
        if word.endswith("ian"):
            stems += [word[:-3], word[:-3] + "a", word[:-3] + "y"]  # Brazil, Canada, Italy
        if word.endswith("ese"):
            stems += [word[:-3], word[:-3] + "a"]  # Japan, China
        if word.endswith("i"):
            stems += [word[:-1]]  # Iraq, Pakistan, Israel
        found = False
        if len(word) >= 5 and word.isalpha():
            for stem in stems:
                if len(stem) >= 4 and any(e.feature in ("country", "continent")
                                          for e in self.gaz.lookup(stem)[:3]):
                    found = True
                    break
        cache[low] = found
        return found

    def place(self, name: str) -> GeoEntry | None:
        if name not in self._place_cache:
            hits = self.gaz.lookup(name, country=self.context.country)
            self._place_cache[name] = hits[0] if hits else None
        return self._place_cache[name]

    def place_strength(self, name: str) -> float:
        """How strongly the gazetteer alone says this is a place (0: not at all)."""
        if name in self._strength_cache:
            return self._strength_cache[name]
        key = norm(name)
        best = 0.0
        if key:
            curated_ids = self.gaz._extra_keys.get(key, ())
            # the best six, and the entries in the document's country: a country hint must
            # not hide Paris behind six towns in Texas
            country = self.context.country
            hits = self.gaz.lookup(name)
            hits = hits[:6] + [e for e in hits[6:] if country and e.country == country]
            for e in hits:
                best = max(best, self._entry_strength(name, key, e, e.geonameid in curated_ids))
        self._strength_cache[name] = best
        return best

    def _entry_strength(self, name: str, key: str, e: GeoEntry, curated: bool) -> float:
        if name.isupper() and len(name) <= 4 and e.feature != "country" and not curated:
            return 0.0  # an acronym that happens to be a town's alternate name
        main = norm(e.name)
        if not curated and e.geonameid > 0 and main != key and _without_admin_word(main) != key:
            # (the main name with an administrative word is the main name: Kapsan-ŭp, Thị Trấn Đồng Đăng)
            # an alternate name (other languages' spellings): weak unless a big city, and
            # weak too when it looks nothing like the city's name (Beria for Aleppo, Mao
            # for Manaus: codes and ancient names that are also people's names)
            if e.population < 1_000_000:
                # a town's other spelling in a country the text names, alike in its first letter
                # (Quneitra for Al Qunayţirah, Jolfa for Julfa)
                bare = main[3:] if main[2:3] == " " and main[:2] in ("al", "el", "ar", "as", "an", "ad", "at", "az") else main
                alike = len(key) >= 5 and key[0] == bare[:1] and e.country in self.countries
                return 1.0 if alike else 0.2
            similar = len(key) >= 5 and (key[0] == main[:1] or e.country in self.countries)
            return 2.5 if similar else 1.0
        if e.feature in ("country", "continent") or e.geonameid < 0 or curated:
            return 3.0
        if e.feature == "region":
            return 2.0
        if e.population >= 1_000_000:
            return 2.5
        if e.population >= 100_000:
            return 1.5
        if e.country in self.countries:
            return 1.0
        return 0.5


# words that GeoNames' main names of towns carry beside the name itself (Korean, Vietnamese,
# Chinese, Japanese and Russian administrative words), as norm() leaves them
_ADMIN_SUFFIX = ("up", "eup", "si", "gun", "ri", "dong", "myon", "myeon", "shi", "xian", "zhen",
                 "machi", "mura", "cho", "town", "township")
_ADMIN_PREFIX = ("thi tran", "thanh pho", "thi xa", "xa", "posyolok", "selo", "gorod")


def _without_admin_word(main: str) -> str:
    """``kapsan up`` -> ``kapsan``, ``thi tran dong dang`` -> ``dong dang``; other names as they are."""
    head, _, last = main.rpartition(" ")
    if head and last in _ADMIN_SUFFIX:
        return head
    for prefix in _ADMIN_PREFIX:
        if main.startswith(prefix + " "):
            return main[len(prefix) + 1:]
    return main


def find_names(
    text: str,
    regions: Sequence[tuple[int, int]],
    context: TagContext,
    gazetteer: Gazetteer,
    *,
    known: Mapping[str, str] | None = None,
) -> list[Span]:
    """Persons, places and organisations in ``text[start:end]`` for each region.

    Offsets are global; no span crosses a region boundary. Each person, place
    or organisation is a Span with ``key`` (the normalised name used to link
    the register: ``stalin``, ``ahmed musavi``, ``iranian azerbaijan``) and
    ``cert`` (high, medium, low); titles inside a person are ``roleName``
    spans with ``attrs=(("type", "rank"|"office"|"honorific"),)``. ``known``
    maps surface forms from the registers to their kind: they are always tagged.
    Spans come sorted by start, a persName before the roleNames inside it.
    """
    doc = _Doc(text, context, gazetteer)
    cues = doc.cues
    regions = sorted((max(0, s), min(len(text), e)) for s, e in regions if e > s)

    fixed: list[_Cand] = []
    if known:
        fixed = _known_spans(doc, regions, known)
    listed = _listed_lower_orgs(doc, regions, fixed)
    if listed:
        fixed = sorted(fixed + listed, key=lambda c: c.start)

    region_toks: list[list[_Tok]] = []
    chunks: list[_Chunk] = []
    markers = _glued_markers(text)
    for r, (s, e) in enumerate(regions):
        toks = _merge_inserts(_tokenise(text, s, e, cues, markers))
        region_toks.append(toks)
        chunks.extend(_chunks(toks, r, cues))

    doc.countries = doc.countries | _named_countries(doc, chunks)
    per_chunk = [_classify(doc, ch, region_toks[ch.region]) for ch in chunks]
    _use_document_persons(doc, chunks, per_chunk, region_toks)
    _coordinate(doc, chunks, per_chunk, region_toks)
    cands: list[_Cand] = []
    for ci, found in enumerate(per_chunk):
        for c in found:
            c.chunk_id = ci
            cands.append(c)
    for r, (s, e) in enumerate(regions):
        for m in _PARALLEL_RE.finditer(text, s, e):
            cands.append(_Cand(m.start(), m.end(), PLACE, norm(m.group()), "medium", region=r))

    cands = _resolve_document(doc, cands)
    cands.extend(_short_forms(doc, regions, cands))
    cands.extend(_org_short_forms(doc, regions, cands))
    inverted = _inverted_names(doc, regions, cands)
    if inverted:
        # "Kim, Il Sung" is one name even where a register knows "Kim"
        fixed = [f for f in fixed if not any(i.start <= f.start and f.end <= i.end for i in inverted)]
    cands = _drop_overlaps(fixed, inverted + cands)
    return _to_spans(_bracketed_forms(doc, regions, cands))


# states that are no more, by their ISO 3166-3 codes: the countries their towns lie in today
_SUCCESSORS = {
    "SU": ("RU", "UA", "BY", "MD", "EE", "LV", "LT", "GE", "AM", "AZ", "KZ", "UZ", "TM", "KG", "TJ"),
    "CS": ("CZ", "SK"), "YU": ("RS", "HR", "SI", "BA", "MK", "ME", "XK"), "DD": ("DE",), "VD": ("VN",),
}


def _named_countries(doc: _Doc, chunks: list[_Chunk]) -> frozenset[str]:
    """The countries whose names stand in the text (each chunk whole, and its words one by one).

    Only a country's own name or one of our rows counts ("Korea", "DPRK", "Czechoslovakia"),
    never a city's alternate name, so that the hint is what a reader sees.
    """
    found: set[str] = set()
    seen: set[str] = set()
    text = doc.text
    for ch in chunks:
        names = [text[ch.start:ch.end]]
        if len(ch.toks) > 1:
            names += [t.text for t in ch.toks if t.kind == "word"]
        for name in names:
            if name in seen or len(name) < 2:
                continue
            seen.add(name)
            for e in doc.gaz.lookup(name)[:1]:
                if e.feature == "country" and e.country and (e.geonameid < 0 or norm(e.name) == norm(name)):
                    found.update(_SUCCESSORS.get(e.country, (e.country,)))
    return frozenset(found)


# --------------------------------------------------------------------------- known forms


def _known_spans(doc: _Doc, regions: list[tuple[int, int]], known: Mapping[str, str]) -> list[_Cand]:
    out: list[_Cand] = []
    forms = sorted(((f, k) for f, k in known.items() if f.strip()), key=lambda fk: -len(fk[0]))
    if not forms:
        return out
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(_phrase_pattern(f)[2:] for f, _ in forms) + r")(?![^\W_])",
        re.IGNORECASE,
    )
    kinds = {norm(f): k for f, k in forms}
    for r, (s, e) in enumerate(regions):
        for m in pattern.finditer(doc.text, s, e):
            kind = kinds.get(norm(m.group()))
            if kind not in (PERSON, PLACE, ORG):
                continue
            c = _Cand(m.start(), m.end(), kind, norm(m.group()), "high", region=r, score=99)
            if kind == PERSON:
                _attach_roles_before(doc, c, s)
            out.append(c)
    out.sort(key=lambda c: c.start)
    kept: list[_Cand] = []
    for c in out:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


@functools.cache
def _lower_org_re() -> re.Pattern[str] | None:
    """Listed bodies whose names hold a lower-case word (Rudé právo, Literární listy, Zëri i
    Popullit), which the chunker, reading capitalised runs, cannot find whole."""
    names = sorted((n for n in _cues().org_name if " " in n and any(w[:1].islower() for w in n.split()[1:])),
                   key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(_phrase_pattern(n)[2:] for n in names) + r")(?![^\W_])")


def _listed_lower_orgs(doc: _Doc, regions: list[tuple[int, int]], fixed: list[_Cand]) -> list[_Cand]:
    pattern = _lower_org_re()
    out: list[_Cand] = []
    if pattern is None:
        return out
    for r, (s, e) in enumerate(regions):
        for m in pattern.finditer(doc.text, s, e):
            if any(f.start < m.end() and m.start() < f.end for f in fixed):
                continue
            out.append(_Cand(m.start(), m.end(), ORG, norm(m.group()), "high", region=r, score=4))
    return out


def _attach_roles_before(doc: _Doc, c: _Cand, region_start: int) -> None:
    """Extend a person leftwards over titles right before it (``Cde. `` + known name)."""
    pos = c.start
    while True:
        before = doc.text[max(region_start, pos - 60):pos]
        m = None
        for mm in doc.cues.role_re.finditer(before):
            if before[mm.end():].strip() == "" and before[mm.end():].count("\n") == 0 and mm.end() < len(before):
                m = mm
        if not m:
            return
        s = pos - len(before) + m.start()
        e = pos - len(before) + m.end()
        c.roles.insert(0, (s, e, _role_type(doc, m.group())))
        c.start = s
        pos = s


def _role_type(doc: _Doc, phrase: str) -> str:
    key = _SPACES_RE.sub(" ", phrase).casefold().replace("'", "’")
    return doc.cues.role_type.get(key) or doc.cues.role_type.get(key.replace("’", "'"), "office")


# --------------------------------------------------------------------------- one chunk


def _classify(doc: _Doc, ch: _Chunk, toks: list[_Tok]) -> list[_Cand]:
    cues = doc.cues
    text = doc.text
    items = list(ch.toks)

    # letter-spaced signature: one person, unless it spells a common word
    if len(items) == 1 and items[0].kind == "spaced":
        words = [w.replace(" ", "") for w in _SPACED_GAP_RE.split(items[0].text)]
        word = " ".join(words)
        if all(doc.is_common(w) for w in words) and not doc.place_strength(word.title()):
            return []
        tag = PLACE if doc.place_strength(word.title()) >= 2 else PERSON
        return [_Cand(ch.start, ch.end, tag, norm(word), "medium", region=ch.region, score=3)]

    out: list[_Cand] = []
    # "General of the Army S. M. Shtemenko": a rank with "of the" inside, which the chunk
    # begins in the middle of
    if len(items) >= 2 and items[0].text in ("Army", "Fleet", "Aviation", "Artillery") \
            and items[1].kind in ("init", "word"):
        m = _OF_THE_RANK_RE.search(text, max(0, ch.start - 30), ch.start)
        if m:
            name = _trim_name(doc, items[1:])
            if name:
                role = (m.start(), items[0].end, "rank")
                return [_Cand(m.start(), _strip_possessive(text, name[-1]), PERSON,
                              _key_of(" ".join(_name_text(t) for t in name)), "high", roles=[role],
                              score=5, region=ch.region, initial=ch.initial)]
    # 1. titles: split the chunk at the last title followed by a name
    roles, rest_from = _split_roles(doc, items)
    if roles:
        pre = items[:roles[0][0]]
        name = items[rest_from:]
        role_spans = [(items[a].start, items[b - 1].end, t) for a, b, t in roles]
        if pre:
            out.extend(_classify_plain(doc, ch, pre, toks))
        if not name:
            return out
        if name[0].kind == "word" and name[0].text.casefold() in _LINKS:
            # "USSR AMBASSADOR IN KOREA": a title then a place, in capitals
            return out + _classify_plain(doc, _Chunk(name[1:], ch.index, False, ch.region), name[1:], toks)
        owner = next((k for k, t in enumerate(name[:-1]) if t.text.endswith(("’s", "'s"))
                      and not doc.is_common(_name_text(t))), None)
        if owner is not None and _org_head_index(doc, name[owner + 1:]) is not None:
            # "General Jaruzelski’s Military Council": the person, then the body
            rest = name[owner + 1:]
            name = name[:owner + 1]
            tail = _classify_plain(doc, _Chunk(rest, ch.index, False, ch.region), rest, toks)
        else:
            tail = []
            # "General Assembly", "General Staff": a title word that begins a body's name
            org = _org(doc, ch, name, toks, allow_role_lead=True)
            lead = items[roles[-1][0]].text.casefold()
            if _org_head_index(doc, name) is not None and (
                    org is not None or lead in cues.org_head | _ORG_LEADS):
                full = _org(doc, ch, items[roles[-1][0]:], toks, allow_role_lead=True)
                if full is not None and lead in cues.org_head | _ORG_LEADS:
                    return out + [full]
                if org is not None:
                    return out + [org]
        if all(doc.is_demonym(t.text) or t.text.casefold() in cues.not_name for t in name):
            return out
        name_text = text[name[0].start:_strip_possessive(text, name[-1])]
        main = doc.place(name_text)
        if roles[-1][2] != "honorific" and main is not None and norm(main.name) == norm(name_text) \
                and doc.place_strength(name_text) >= 2.5:
            # "Ambassadors Washington, London": a title before a well-known place is no person
            return out + _classify_plain(doc, ch, name, toks)
        name = _trim_name(doc, name)
        if not name:
            return out
        end = name[-1].end
        key_text = " ".join(_name_text(t) for t in name)
        first_role_type = role_spans[0][2]
        start = role_spans[0][0]
        # a name-forming honorific (Seyyed) stays inside the name proper
        c = _Cand(start, _strip_possessive(text, name[-1]), PERSON, _key_of(key_text), "high",
                  roles=role_spans, score=5, region=ch.region, initial=ch.initial)
        del end, first_role_type
        out.append(c)
        out.extend(_classify_plain(doc, ch, items[rest_from + len(name):], toks) if
                   rest_from + len(name) < len(items) and not tail else [])
        return out + tail
    # "Władysław Gomułka First Secretary": a title after the name stays outside it
    k = _trailing_title(doc, items)
    return _classify_plain(doc, ch, items[:k] if k else items, toks)


_LINKS = frozenset({"in", "at", "to", "of", "for", "the", "on", "from", "and", "with"})
_OF_THE_RANK_RE = re.compile(r"\b(?:(?:Chief[ \u00a0]+)?Marshal|General|Admiral|GENERAL|ADMIRAL|MARSHAL)[ \u00a0]+of"
                             r"(?:[ \u00a0]+the)?[ \u00a0]+$")
_ORG_LEADS = frozenset({"general", "national", "supreme", "central"})


def _split_roles(doc: _Doc, items: list[_Tok]) -> tuple[list[tuple[int, int, str]], int]:
    """Find titles in a chunk: [(first, end, type)] token ranges and where the name starts."""
    cues = doc.cues
    text = doc.text
    roles: list[tuple[int, int, str]] = []
    i = 0
    n = len(items)
    while i < n:
        chunk_text = text[items[i].start:items[-1].end]
        m = cues.role_re.match(chunk_text)
        if not m or (items[i].text.isupper() and len(items[i].text) > 3 and not
                     items[i].text.casefold() in cues.role_type and False):
            if roles:
                break
            # a title may come after a place, an org or a demonym ("UK Chargé X", "Soviet Ambassador X")
            i += 1
            if i >= n:
                break
            continue
        # the tokens the match covers
        end_pos = items[i].start + m.end()
        j = i
        while j < n and items[j].end <= end_pos:
            j += 1
        if j == i:
            break
        phrase = text[items[i].start:items[j - 1].end]
        if i and phrase.casefold() in cues.name_forming and items[i - 1].text.casefold() in cues.place_prefix:
            break  # "Port Said": a place's name, not a title after "Port"
        if _ONE_INITIAL_RE.fullmatch(phrase) and (
                roles or j >= n or items[j].kind == "init" or items[j].text.isupper()
                or (i > 0 and items[i - 1].kind == "init")  # "V. M. Chebrikov": M. after an initial
                or _INITIALS_BEFORE_RE.search(text, max(0, items[i].start - 40), items[i].start)):
            # "M. D. Bagirov", "M. MALININ": an initial, not Monsieur
            if roles:
                break
            i = j
            continue
        roles.append((i, j, _role_type(doc, phrase)))
        i = j
    if not roles:
        return [], 0
    first = roles[0][0]
    # what came before the first title must not be a name proper itself
    # ("Kim Chairman" is odd); a lone title-like capital word before is kept outside
    if first > 0 and all(_is_cap(t) for t in items[:first]):
        pre_text = " ".join(t.text for t in items[:first])
        if not (doc.is_demonym(items[first - 1].text) or doc.place(pre_text)
                or _org_head_index(doc, items[:first]) is not None
                or items[first - 1].text.casefold() in {"mil", "military", "air", "naval", "acting",
                                                          "deputy", "vice", "chief", "first", "second",
                                                          "assistant", "under", "former", "new"}
                or doc.is_common(items[first - 1].text)):
            return [], 0
        if items[first - 1].text.casefold() in {"mil", "military", "air", "naval", "acting",
                                                "deputy", "vice", "chief", "first", "second",
                                                "assistant", "under", "former", "new"}:
            # the modifier joins the title
            k = first - 1
            roles[0] = (k, roles[0][1], roles[0][2])
    return roles, roles[-1][1]


# "Comrades W. Gomułka, J. Cyrankiewicz, M. Spychalski": in a list of initialled names, or
# after "Cde." / "Comrade", "M." is an initial, not "Monsieur"
_INITIALS_BEFORE_RE = re.compile(
    r"(?:(?:\b[A-Z][a-z]?\.[ \u00a0]?)+[^\W\d_]+(?:[-‐’'][^\W\d_]+)*,[ \u00a0]*(?:and[ \u00a0]+)?"
    r"|\b(?:Cdes?\.|Comrades?)[ \u00a0]+)$")


def _trim_name(doc: _Doc, name: list[_Tok]) -> list[_Tok]:
    """Cut a name after a title at the first word that cannot be part of it."""
    out: list[_Tok] = []
    for t in name:
        if t.kind == "word" and (t.text.casefold() in doc.cues.not_name or doc.is_demonym(t.text)) \
                and t.text.casefold() not in doc.cues.name_suffix:
            break
        out.append(t)
        if t.text.endswith(("’s", "'s", "’", "'")):
            break
    while out and out[-1].kind == "word" and out[-1].text in doc.cues.particles:
        out.pop()
    k = _trailing_title(doc, out)
    return out[:k] if k else out


def _trailing_title(doc: _Doc, items: list[_Tok]) -> int | None:
    """Where a title that ends the chunk begins, after a name ("Gomułka First Secretary")."""
    for k in range(1, len(items)):
        m = doc.cues.role_re.fullmatch(doc.text, items[k].start, items[-1].end)
        if m and _role_type(doc, m.group()) != "honorific" and not doc.is_common(items[k - 1].text):
            return k
    return None


def _name_text(t: _Tok) -> str:
    s = t.text
    if s.endswith(("’s", "'s")):
        s = s[:-2]
    return s.rstrip("’'")


def _strip_possessive(text: str, t: _Tok) -> int:
    s = text[t.start:t.end]
    if s.endswith(("’s", "'s")) and len(s) > 2:
        return t.end - 2
    if s.endswith(("’", "'")):
        return t.end - 1
    return t.end


def _key_of(name: str) -> str:
    name = _BRACKETS_RE.sub("", name)
    return norm(name)


def _org_head_index(doc: _Doc, items: list[_Tok]) -> int | None:
    heads = doc.cues.org_head
    for k in range(len(items) - 1, -1, -1):
        w = items[k].text.casefold().rstrip("’'")
        if w.endswith(("’s", "'s")):
            w = w[:-2]
        if w in heads and items[k].kind == "word" and items[k].text[:1].isupper():
            return k
    return None


_NAME_PREFIX_WORDS = frozenset({"san", "santa", "santo", "sao", "são", "st.", "saint", "ciudad",
                                "port", "fort", "mount", "new", "la", "le", "el", "al", "de",
                                "los", "las", "puerto", "porto", "costa", "rio", "río"})
_FUNCTION_WORDS = frozenset({"his", "her", "its", "our", "their", "the", "this", "that", "a", "an",
                             "my", "your", "these", "those", "every", "each", "any", "some"})
_GOV = frozenset({"government", "govt", "government’s", "government's", "regime", "governments"})
_GOV_MODIFIERS = frozenset({"provincial", "national", "central", "federal", "imperial", "royal",
                            "military", "local", "state", "puppet", "soviet", "communist",
                            "nationalist", "republican", "revolutionary", "provisional",
                            "people's", "people’s", "peoples"})
_ACTIVITY = frozenset({"assistance", "aid", "recovery", "arms", "development", "economic",
                       "military", "relief", "exchange", "nuclear", "space", "missile", "defense",
                       "defence", "reform", "five-year", "seven-year", "construction", "training",
                       "action", "work", "information"})


def _org(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok], *,
         allow_role_lead: bool = False) -> _Cand | None:
    """An organisation made of ``items`` (plus an ``of X`` designation), or None."""
    cues = doc.cues
    text = doc.text
    if not items:
        return None
    if len(items) >= 3 and norm(text[items[-2].start:items[-1].end]) in cues.not_name:
        items = items[:-2]  # "History and Public Policy Program Digital Archive": the body, not its website
    surface = text[items[0].start:items[-1].end]
    # a known body by name or abbreviation
    if surface in cues.org_name or surface.rstrip("’'s") in cues.org_name:
        end = _strip_possessive(text, items[-1])
        end = _extend_of(doc, items, toks, end)
        return _Cand(items[0].start, end, ORG, norm(text[items[0].start:end]), "high",
                     region=ch.region, score=4, initial=ch.initial)
    h = _org_head_index(doc, items)
    words = [_name_text(t).casefold() for t in items]
    if len(items) >= 2 and words[-1] in ("district", "region", "sub-district", "subdistrict") \
            and (words[-2] == "military" or words[-1] == "district" and h == len(items) - 2):
        h = len(items) - 1  # "Military District", "Lanzhou Military Region", "Border Guard District": a command
    if h is None:
        return _peoples_body(doc, ch, items)
    head = _name_text(items[h]).casefold()
    if norm(surface) in cues.not_name:
        # "Digital Archive": a website, not a body; "the Embassy" alone is no name either,
        # but "Embassy of the Hungarian People’s Republic", "Archive of ..." are
        end = _extend_of(doc, items, toks, _strip_possessive(text, items[-1])) if len(items) == 1 else 0
        if end <= items[-1].end:
            return None
        return _Cand(items[0].start, end, ORG, norm(text[items[0].start:end]), "medium",
                     region=ch.region, score=3, initial=ch.initial)
    if any(w in _GOV for w in words):
        return None
    if head in ("congress", "congresses") and h and (words[h - 1] == "party" or _ORDINAL_WORD_RE.fullmatch(words[h - 1])):
        return None  # "the Party Congress", "its Third Congress": a meeting
    if head == "leadership" and all(doc.is_demonym(t.text) for t in items[:h]):
        return None  # "the Soviet Leadership": generic; "the Central Leadership" is a body
    if head == "headquarters" and len(items) == 1:
        return None  # "Headquarters of the Central Leadership": the body is the one named after
    if head in ("program", "programme") and any(w in _ACTIVITY for w in words[:h]):
        return None
    if head == "works" and h and words[h - 1] in ("collected", "selected", "complete"):
        return None  # "Collected Works": a book
    if head in ("union", "unions") and h > 0 and words[h - 1] in ("soviet",):
        return None
    # the head must be the last word, or followed only by a name-like qualifier (Council Ministers)
    tail = items[h + 1:]
    if tail and any(doc.is_demonym(t.text) or t.text.casefold() in cues.not_name
                    or t.text.casefold() in ("officer", "officers", "leader", "leaders", "member",
                                             "members", "chief", "head", "conference")
                    for t in tail):
        return None
    lead = items[:h]
    if lead and all(w in _FUNCTION_WORDS for w in words[:h]):
        return None  # "His Party"
    if lead and words[0] in ("western", "eastern", "free", "socialist", "communist") and h == 1 \
            and head in ("alliance", "bloc", "world", "camp", "powers"):
        return None  # a political bloc
    if len(items) == 1 and head in _NUMBERED_UNITS:
        numbered = _numbered_unit(doc, ch, items[0], toks)
        if numbered is not None:
            return numbered
    if len(items) == 1:
        # a head alone: a body only if it is one on its own (the Department), or has "of X"
        end = _extend_of(doc, items, toks, _strip_possessive(text, items[-1]))
        if end > items[-1].end:
            return _Cand(items[0].start, end, ORG, norm(text[items[0].start:end]), "medium",
                         region=ch.region, score=3, initial=ch.initial)
        if head in cues.org_standalone and not (ch.initial and head in ("congress", "senate") and False):
            return _Cand(items[0].start, _strip_possessive(text, items[-1]), ORG, norm(items[0].text.rstrip("’'s")),
                         "medium", region=ch.region, score=3, initial=ch.initial)
        return None
    if head in ("embassy", "emb", "mission", "delegation", "del", "press", "radio", "soviet",
                "staff", "cabinet", "moon", "shin", "youth", "guard", "service", "services",
                "center", "centre", "office", "group", "court", "board", "daily", "news",
                "times", "journal") and not lead and not tail:
        return None
    if head == "soviet" and (not lead or words[h - 1] not in ("supreme", "city", "village", "district",
                                                               "regional", "moscow", "petrograd")):
        return None
    if head in ("moon", "shin") and h == len(items) - 1 and len(items) < 3:
        return None
    end = _strip_possessive(text, items[-1])
    end = _extend_of(doc, items, toks, end)
    start = items[0].start
    k = _tok_index(doc, toks, items[0])
    if k is not None and h == 0 and head in _NUMBERED_UNITS:
        start = _numeral_before(toks, k, start)  # "the II. Directorate of the SNB"
    if k is not None and k >= 1 and not items[0].newline_before:
        before = toks[k - 1]
        if before.kind == "num" and _ORDINAL_NUM_RE.fullmatch(before.text):
            start = before.start  # "2nd Guards Infantry Division"
        elif before.text == "and" and not before.newline_before and _words_before_and(doc, toks, k, head) is not None:
            # "History and Public Policy Program", "Foreign Affairs and Security Committee",
            # "Thai Nguyen Iron and Steel Works": the words before "and" belong to the name
            start = _words_before_and(doc, toks, k, head)  # type: ignore[assignment]
        elif before.text == "and" and not before.newline_before:
            given = _given_names_before(doc, toks, k - 1, items)
            if given is not None:
                start = given  # "John D. and Catherine T. MacArthur Foundation"
    return _Cand(start, end, ORG, norm(text[start:end]), "high" if len(items) > 1 else "medium",
                 region=ch.region, score=4, initial=ch.initial)


_ENTERPRISES = frozenset({"works", "factory", "plant", "combine", "kombinat", "complex", "railway",
                          "railways", "enterprise", "cooperative"})
# heads of a body's numbered units: "30th Division", "Department IV", "II. Directorate"
_NUMBERED_UNITS = frozenset({"division", "divisions", "department", "directorate", "administration",
                             "bureau", "army", "corps", "brigade", "regiment", "battalion", "fleet",
                             "group", "district", "command", "front", "hauptverwaltung", "abteilung",
                             "verwaltung", "otdel", "upravlenie", "odbor", "správa", "departament"})
_NUMBER_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:[IVX]{1,4}(?=[ \u00a0]+[a-z])|(?:[IVX]{1,4}|\d{1,2}|[A-Z])(?=[ \u00a0]*(?:$|\n|[,;:)](?!\d)|\.(?!\d))))")


def _numeral_before(toks: list[_Tok], k: int, start: int) -> int:
    """Where a Roman ordinal with a full stop right before a unit's head starts ("II. Directorate")."""
    if k >= 2 and toks[k - 1].text == "." and not toks[k - 1].space_before and toks[k].space_before \
            and not toks[k].newline_before and toks[k - 2].kind == "word" \
            and _ROMAN_RE.fullmatch(toks[k - 2].text):
        return toks[k - 2].start
    return start


def _numbered_unit(doc: _Doc, ch: _Chunk, t: _Tok, toks: list[_Tok]) -> _Cand | None:
    """A unit's head alone with its number: "the 30th Division", "Department IV", "the II.
    Directorate"; the number makes it one specific body."""
    k = _tok_index(doc, toks, t)
    if k is None:
        return None
    start, end = t.start, _strip_possessive(doc.text, t)
    bare = end
    if k >= 1 and toks[k - 1].kind == "num" and _ORDINAL_NUM_RE.fullmatch(toks[k - 1].text) \
            and not t.newline_before:
        start = toks[k - 1].start
    start = _numeral_before(toks, k, start)
    if start == t.start and end == t.end:
        m = _NUMBER_AFTER_RE.match(doc.text, t.end)
        if m:
            end = m.end()
    if (start, end) == (t.start, bare):
        return None
    end = _extend_of(doc, [t], toks, end) if end == t.end else end
    return _Cand(start, end, ORG, norm(doc.text[start:end]), "medium", region=ch.region, score=3,
                 initial=ch.initial)


def _words_before_and(doc: _Doc, toks: list[_Tok], k: int, head: str) -> int | None:
    """Where the capitalised words before "X and" + a body's name start, when they are part of
    the name: common words ("Foreign Affairs and Security Committee"), or, for an enterprise, a
    place and its product ("Thai Nguyen Iron and Steel Works")."""
    if k < 2 or toks[k - 2].kind != "word" or not _is_cap(toks[k - 2]) \
            or not doc.is_common(toks[k - 2].text) or doc.is_demonym(toks[k - 2].text) \
            or doc.place(toks[k - 2].text):
        return None
    a = k - 2
    while a >= 1 and _is_cap(toks[a - 1]) and not toks[a].newline_before and toks[a - 1].space_before \
            and toks[a - 1].text not in ("The", "THE"):
        a -= 1
    if head in _ENTERPRISES or all(t.kind == "word" and doc.is_common(t.text) and not doc.is_demonym(t.text)
                                   for t in toks[a:k - 1]):
        return toks[a].start
    return None


def _given_names_before(doc: _Doc, toks: list[_Tok], and_at: int, items: list[_Tok]) -> int | None:
    """Where "X and" starts when X is given names and initials only and the body's name
    opens with a given name too: a couple sharing the surname of a foundation."""
    def given_like(k: int, seq: list[_Tok]) -> bool:
        t = seq[k]
        return t.kind == "init" or (t.kind == "word" and (
            t.text.casefold() in doc.cues.given or k + 1 < len(seq) and seq[k + 1].kind == "init"))

    if not (len(items) >= 3 and given_like(0, items)):
        return None
    a = and_at
    while a > 0 and and_at - a < 3 and given_like(a - 1, toks) and not toks[a].newline_before:
        a -= 1
    if a == and_at or (a > 0 and _is_cap(toks[a - 1]) and not toks[a].newline_before):
        return None
    if not any(t.kind == "word" for t in toks[a:and_at]):
        return None
    return toks[a].start


def _peoples_body(doc: _Doc, ch: _Chunk, items: list[_Tok]) -> _Cand | None:
    """``Chinese People’s Volunteers``: a nation's "people's" body (not its republic)."""
    if len(items) < 3 or not doc.is_demonym(items[0].text):
        return None
    if _name_text(items[1]).casefold() not in ("people", "peoples", "people’s") \
            and not items[1].text.casefold().startswith("people"):
        return None
    last = _name_text(items[-1]).casefold()
    if last in ("republic", "republics") or last in doc.cues.place_suffix or doc.is_demonym(last):
        return None
    end = _strip_possessive(doc.text, items[-1])
    return _Cand(items[0].start, end, ORG, norm(doc.text[items[0].start:end]), "medium",
                 region=ch.region, score=3, initial=ch.initial)


def _extend_of(doc: _Doc, items: list[_Tok], toks: list[_Tok], end: int) -> int:
    """Extend an org over ``of [the] X`` / ``for [the] X`` designations, and ``on X`` right
    after a committee's head (``Committee on Foreign Relations``)."""
    text = doc.text
    cues = doc.cues
    last = items[-1]
    idx = _tok_index(doc, toks, last)
    if idx is None or end < last.end:
        return end
    upper = last.text.isupper()
    k = idx + 1
    while k < len(toks):
        t = toks[k]
        if t.newline_before or t.kind != "word" or t.text not in ("of", "for", "on", "für"):
            break  # "für": "Ministerium für Staatssicherheit", a name left in German
        if t.text == "on" and (k != idx + 1 or _name_text(last).casefold() not in _ON_HEADS):
            break  # "Decree of the Military Council ... on the Food Supply": a subject
        j = k + 1
        the = j < len(toks) and toks[j].text in ("the", "die", "das") and not toks[j].newline_before
        if the:
            j += 1
        if j < len(toks) and toks[j].kind == "num" and _ORDINAL_RE.fullmatch(toks[j].text) \
                and j + 1 < len(toks) and _is_cap(toks[j + 1]) and not toks[j + 1].newline_before:
            m = j + 1  # "of the 1st Belorussian Front"
        elif j >= len(toks) or not _is_cap(toks[j]) or toks[j].newline_before or toks[j].kind == "init":
            break  # "the Journal of A. A. Lavrentiev": a person's initials open no designation
        else:
            m = j
        while m < len(toks) and not toks[m].newline_before and (
                _is_cap(toks[m]) or (toks[m].text in ("and", "of", "for") and m + 1 < len(toks)
                                     and _is_cap(toks[m + 1]) and toks[m].text != "of" or
                                     toks[m].text in cues.particles)):
            if toks[m].text == "and" and (not _is_cap(toks[m + 1]) or _title_then_name(doc, toks[m + 1].start)):
                break  # "... Party and Premier Zhou Enlai": a title opens a person, not the name
            if not upper and m > j and toks[m].kind == "word" and toks[m].text.isupper() \
                    and len(toks[m].text) > 3 and toks[m].text not in cues.org_name:
                break  # "the Military Council of the Front DECREES:"
            if m > j and toks[m].kind == "word" and toks[m].text.casefold() in cues.role_type \
                    and m + 1 < len(toks) and _is_cap(toks[m + 1]) and not toks[m + 1].newline_before:
                break  # "OF THE USSR COMRADE STALIN": a title opens a person ("Office of the Prime
                # Minister": a title with no name after it is the designation)
            m += 1
        piece = toks[j:m]
        # "Division of Iranian troops": an adjective is no designation
        if not piece or all(doc.is_demonym(p.text) for p in piece):
            break
        if piece[0].text.casefold() in ("january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"):
            break
        more = m + 1 < len(toks) and toks[m].text in ("of", "for") and not toks[m].newline_before \
            and (_is_cap(toks[m + 1]) or toks[m + 1].text == "the")
        if the and len(piece) == 1 and _name_text(piece[0]).casefold() in cues.org_head \
                and piece[0].text not in cues.org_name and not more:
            break  # "Military Council of the Front": "the Front" alone is no name
        end = _strip_possessive(text, piece[-1])
        k = m
        if toks[m - 1].text.endswith(("’s", "'s")):
            break
    return end


def _title_then_name(doc: _Doc, pos: int) -> bool:
    """Does a title begin at ``pos``, followed by a word that is no body's head noun
    ("Premier Zhou Enlai", not "General Staff")?"""
    m = doc.cues.role_re.match(doc.text, pos, min(len(doc.text), pos + 40))
    if not m:
        return False
    nxt = _NEXT_WORD_RE.match(doc.text, m.end(), m.end() + 40)
    return nxt is not None and nxt.group(1)[:1].isupper() and nxt.group(1).casefold() not in doc.cues.org_head


_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)")
_ORDINAL_WORD_RE = re.compile(
    rf"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    rf"|twelfth|(?:{_ORDINAL_TENS})-(?:{_ORDINAL_UNITS})|(?:thir|four|fif|six|seven|eigh|nine)teenth"
    r"|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth")
_ON_HEADS = frozenset({"committee", "commission", "subcommittee", "council", "board", "conference"})


def _classify_plain(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok]) -> list[_Cand]:
    """A chunk (or part of one) with no title: org, place, person or nothing."""
    cues = doc.cues
    text = doc.text
    # leading capitalised function words at a sentence start ("In Peru", "The Shah"), unless
    # the word begins a place's own name ("The Hague", "New Delhi", "Tel Aviv")
    # "Radio Omdurman", "Radio Alma-Ata": a broadcaster named after its city, before the city is read
    if len(items) == 2 and items[0].text == "Radio" and items[1].kind == "word":
        end = _strip_possessive(text, items[-1])
        return [_Cand(items[0].start, end, ORG, norm(text[items[0].start:end]), "medium",
                      score=3, region=ch.region, initial=ch.initial)]
    whole = _main_place(doc, ch, items)
    if whole is not None:
        return [whole]
    while items and items[0].kind == "word" and (
            items[0].text.casefold() in ("the", "a", "an", "in", "at", "on", "of", "for", "to", "from",
                                         "by", "with", "and", "but", "if", "as", "when", "while",
                                         "since", "after", "before", "during", "according",
                                         "following", "re", "dear", "sent", "pass", "for",
                                         "rptd", "repeated", "info", "mr")
            and (ch.initial or items[0].text.isupper() or items[0].text in ("The", "A", "An"))
            and len(items) > 1
            or len(items) > 1 and items[0].text in cues.not_org_acronym):
        items = items[1:]
    if not items:
        return []

    form = _by_form(doc, ch, items, toks)
    if form is not None:
        return form

    # "Minister of Finance Amini", "Minister of the Fishing Industry A. A. Ishkov", "Minister of
    # Agriculture and Forestry Kōno Ichirō": the portfolio, then the minister's name
    if len(items) >= 2 and _after_portfolio(doc, items[0].start) \
            and _org_head_index(doc, items) is None:
        k = 0
        while k < len(items) - 1 and items[k].kind == "word" and doc.is_common(items[k].text) \
                and not doc.is_demonym(items[k].text) and not items[k].text.isupper():
            k += 1
        if k and items[0].text.casefold() not in _DIRECTIONS \
                and not any(t.kind == "word" and doc.is_common(t.text) or t.kind != "word" and t.kind != "init"
                            for t in items[k:]) \
                and doc.place_strength(text[items[k].start:items[-1].end]) < 1.0:
            rest = items[k:]
            end = _strip_possessive(text, rest[-1])
            return [_Cand(rest[0].start, end, PERSON, _key_of(" ".join(_name_text(t) for t in rest)),
                          "medium", score=3, region=ch.region)]

    # "CC CPSU", "AVP RF": abbreviations that together name one body
    merged = _acronym_org(doc, ch, items, toks)
    if merged is not None:
        return merged

    # a speaker's turn: "MAO ZEDONG: I asked you ..." at the start of a line
    speaker = _speaker(doc, ch, items)
    if speaker is not None:
        return speaker

    # split a chunk that runs on past its name
    for k in range(len(items) - 1):
        t, u = items[k], items[k + 1]
        cut = False
        if t.text.endswith(("’s", "'s")) and _org_head_index(doc, items[k + 1:]) is None \
                and items[-1].text.casefold() not in cues.place_suffix \
                and not doc.is_common(_name_text(t)):
            cut = True  # "Chou’s Bandung report" (but "People’s Republic" is one name)
        elif t.kind == "init" and len(t.text) > 2 and u.kind == "word" and doc.is_common(u.text):
            cut = True  # "against U.S. He also"
        elif _acronymish(_name_text(t)) and _acronymish(_name_text(u)) and t.kind == "word" \
                and u.kind == "word" and _name_text(t).casefold() not in cues.given \
                and not all(doc.is_common(_name_text(x)) or doc.is_demonym(_name_text(x)) for x in (t, u)):
            cut = True  # "UN SYG" (but "RICHARD PIPES" is a name, "IRANIAN EMBASSY" words, in capitals)
        elif _acronymish(_name_text(u)) and _name_text(t).casefold() in cues.org_head \
                and not (k + 2 == len(items) and _ROMAN_RE.fullmatch(u.text)
                         and _name_text(t).casefold() in _NUMBERED_UNITS):
            cut = True  # "informed Dept MA" (but "Department IV" is one unit)
        elif u.kind == "init" and t.kind == "word" and \
                doc.place_strength(text[items[0].start:t.end]) >= 2.5:
            cut = True  # "Marshal of the Soviet Union G. K. Zhukov"
        elif t.kind == "word" and _acronymish(_name_text(t)) and not u.text.isupper() \
                and u.kind == "word" and not doc.is_common(u.text) \
                and _org_head_index(doc, items[k + 1:]) is None \
                and not doc.place_strength(_name_text(t)) \
                and (_name_text(t) in cues.org_name or k > 0 and _name_text(items[k - 1]) == "CC"):
            cut = True  # "the CC CPC Mao Zedong": a body, then a person
        elif _name_text(t).casefold() in cues.org_head and \
                text[items[0].start:_strip_possessive(text, items[-1])] not in cues.org_name and \
                doc.place_strength(text[u.start:_strip_possessive(text, items[-1])]) >= 2.5:
            cut = True  # "General Assembly Paris"
        if cut:
            rest = _Chunk(items[k + 1:], ch.index + k + 1, u.kind == "word" and t.kind == "init", ch.region)
            return (_classify_plain(doc, ch, items[:k + 1], toks)
                    + _classify_plain(doc, rest, items[k + 1:], toks))

    # organisations (whole chunk)
    org = _org(doc, ch, items, toks)
    if org is not None:
        # "Tudeh Party": fine; "Moscow Embassy": a place + embassy stays an org too
        return [org]
    if len(items) == 1 and _org_head_index(doc, items) is not None:
        return []  # a body's head noun alone ("Hauptverwaltung") is no one's name

    # governments: a place inside is still a place ("U.S. Government", "Sinkiang Provincial Government")
    words = [t.text.casefold() for t in items]
    if any(w in _GOV for w in words):
        g = next(k for k, w in enumerate(words) if w in _GOV)
        pre = items[:g]
        while pre and pre[-1].text.casefold() in _GOV_MODIFIERS:
            pre = pre[:-1]
        res = _classify_plain(doc, ch, pre, toks) if pre else []
        rest = items[g + 1:]
        if rest:
            res.extend(_classify_plain(doc, ch, rest, toks))
        # "Zahedi Government": a person's name before Government is the person
        return [c for c in res if c.tag == PLACE or (c.tag == PERSON and len(pre) == 1 and not c.strength
                                                     and c.start == pre[0].start)]

    # split hyphenated pairs (Qavam-Sadchikov, Tabriz-Tehran); kept whole if neither half stands alone
    if len(items) == 1 and items[0].kind == "word" and _HYPHEN_RE.search(items[0].text):
        parts = _split_hyphen(doc, items[0])
        if parts:
            res = []
            for p in parts:
                res.extend(_classify_plain(doc, ch, [p], toks))
            return res

    surface = text[items[0].start:_strip_possessive(text, items[-1])]
    single = len(items) == 1

    # acronyms and capitals
    if single and items[0].kind in ("word", "init") and _acronymish(_name_text(items[0])):
        return _acronym(doc, ch, items[0])
    # a clipped compound in camel case (FonOff, USGADel) is a body, unless a place (FedRep)
    if single and items[0].kind == "word" and _CAMEL_RE.fullmatch(_name_text(items[0])) \
            and not doc.place(_name_text(items[0])) and items[0].text.casefold() not in cues.not_name:
        w = _name_text(items[0])
        return [_Cand(items[0].start, items[0].start + len(w), ORG, norm(w), "low",
                      region=ch.region, score=1)]

    # places: the whole chunk, or chunk + place suffix, direction + place, demonym + place
    p = _place_chunk(doc, ch, items, toks)
    if p is not None:
        return p

    # a common word that only starts the sentence ("Moreover Chou En-lai")
    if ch.initial and len(items) > 1 and items[0].kind == "word" and doc.is_common(items[0].text) \
            and not doc.is_demonym(items[0].text) and not doc.place_strength(items[0].text) \
            and items[0].text.casefold() not in cues.name_forming \
            and items[0].text.casefold() not in cues.given:
        rest = items[1:]
        return _classify_plain(doc, _Chunk(rest, ch.index + 1, False, ch.region), rest, toks)

    # a place by its first word (Port Said, Bandar Shahpur, Jebel Awlia), or a place's full
    # name in the gazetteer (Santiago de Cuba), before any part of it is read as a place alone
    if len(items) >= 2 and not (items[0].kind == "word" and items[0].text.casefold() in cues.given
                                and not doc.is_common(items[1].text)):
        words_ = [_name_text(t) for t in items]
        pw = [w.casefold() for w in _prev_words(doc, items[0].start, 2)]
        personal = bool(pw) and (pw[-1] in cues.person_before
                                 or pw[-1] == "of" and len(pw) == 2 and pw[0] in cues.person_before)
        whole = doc.place(surface) if not personal else None
        if (_place_shaped(doc, items, words_) and not personal) or (
                whole is not None and norm(whole.name) == norm(surface) and doc.place_strength(surface) >= 1.5):
            # a saint's place keeps its possessive: it is the name (St. George's, St. John's)
            end = items[-1].end if items[0].text in _SAINTS else _strip_possessive(text, items[-1])
            return [_Cand(items[0].start, end, PLACE, norm(text[items[0].start:end]), "medium",
                          score=2.5, region=ch.region, initial=ch.initial,
                          strength=doc.place_strength(surface))]
    # the chunk holds a place then a name ("Maragheh Ittikhari") or then common words
    # ("Berlin Plebiscite"), or a name then a place ("Ala Washington"): split
    if len(items) >= 2:
        # (a given name that is no English word makes a person whatever follows: George Bush)
        given_first = items[0].kind == "word" and items[0].text.casefold() in cues.given \
            and (not doc.is_common(items[1].text) or not doc.is_common(items[0].text))
        for k in range(len(items) - 1, 0, -1):
            if given_first:
                break  # "Vladimir Semyonov": a given name, not the city
            head_text = text[items[0].start:items[k - 1].end]
            if doc.place_strength(head_text) >= 1.5 and \
                    _name_text(items[k - 1]).casefold() not in _NAME_PREFIX_WORDS:
                rest = items[k:]
                if _name_text(rest[0]).casefold() in _EVENT_NOUNS:
                    return []  # "Warsaw Treaty", "Berlin Blockade": no place inside an event's name
                if all(doc.is_common(_name_text(t)) for t in rest):
                    return _classify_plain(doc, ch, items[:k], toks)
                if not doc.is_common(items[k].text):
                    return (_classify_plain(doc, ch, items[:k], toks)
                            + _classify_plain(doc, _Chunk(rest, ch.index + k, False, ch.region),
                                              rest, toks))
        # "Wu Jinan", "Li Tianjin": an East Asian family name first, then the given name, whatever
        # city it spells
        family_first = items[0].kind == "word" and items[0].text.casefold() in cues.family and len(items) <= 3
        for k in range(1, len(items)):
            if given_first or family_first:
                break
            tail_text = text[items[k].start:_strip_possessive(text, items[-1])]
            # a lone word then a place is telegraphese for "X in Y" (Ala Washington)
            need = 1.5 if len(items) == 2 else 2.5
            if doc.place_strength(tail_text) >= need and not doc.is_common(items[k - 1].text) \
                    and not doc.is_demonym(items[k - 1].text):
                return (_classify_plain(doc, ch, items[:k], toks)
                        + _classify_plain(doc, _Chunk(items[k:], ch.index + k, False, ch.region),
                                          items[k:], toks))

    # persons and unknowns
    return _person_or_place(doc, ch, items, toks)


def _main_place(doc: _Doc, ch: _Chunk, items: list[_Tok]) -> _Cand | None:
    """A chunk of two or three words opening with a common word that is, whole, the main name
    of a place of some size: "The Hague", "New Delhi", "Tel Aviv" (at a line's start too)."""
    if not 2 <= len(items) <= 3 or items[0].kind != "word" or not doc.is_common(items[0].text) \
            or any(t.kind != "word" for t in items):
        return None
    end = _strip_possessive(doc.text, items[-1])
    surface = doc.text[items[0].start:end]
    e = doc.place(surface)
    if e is None or norm(e.name) != norm(surface) or doc.place_strength(surface) < 1.5:
        return None
    return _Cand(items[0].start, end, PLACE, norm(surface), "medium", score=2.5, region=ch.region,
                 initial=ch.initial, strength=doc.place_strength(surface))


_PORTFOLIO_BEFORE_RE = re.compile(
    r"\b([A-Z][a-z]+)[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?:([A-Z][a-z]+(?:[ \u00a0]+[A-Z][a-z]+)?),?[ \u00a0]+and[ \u00a0]+)?$")


def _after_portfolio(doc: _Doc, start: int) -> bool:
    """Does an office's portfolio open right before ``start`` ("Minister of", "Minister of the",
    "Minister of Agriculture and"), so that the chunk is the rest of the portfolio, then a name?"""
    m = _PORTFOLIO_BEFORE_RE.search(doc.text, max(0, start - 60), start)
    if not m or doc.cues.role_type.get(m.group(1).casefold()) != "office":
        return False
    return m.group(2) is None or all(doc.is_common(w) and not doc.is_demonym(w) for w in m.group(2).split())


# abbreviations of a body's organ that take the body's abbreviation after them (CC CPSU)
_ORGAN_ABBREVIATIONS = frozenset({"CC", "CEC", "PB"})


_QUOTED_EVENT_RE = re.compile(r"[”\"’']?\s+(?:campaign|movement|slogan|drive|operation)s?\b")
_PUBLISHER_BEFORE_RE = re.compile(r"\([^()\n]{2,40}:\s*$")
_PUBLISHER_AFTER_RE = re.compile(r"\s*,\s*(?:1[5-9]|20)\d\d\b")


def _by_form(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok]) -> list[_Cand] | None:
    """What the shape of the text around a chunk decides, before any word list is asked."""
    text = doc.text
    first, last = items[0], items[-1]
    start, end = first.start, _strip_possessive(text, last)
    k = _tok_index(doc, toks, first)
    after_k = (k + len(items)) if k is not None else None
    nxt = toks[after_k] if after_k is not None and after_k < len(toks) else None
    before = toks[k - 1] if k else None
    # "5 Mehr 1332": a month between a day and a year (a date, not a name)
    if len(items) == 1 and before is not None and nxt is not None and before.kind == "num" \
            and nxt.kind == "num" and _DAY_NUM_RE.fullmatch(before.text) \
            and _YEAR_NUM_RE.fullmatch(nxt.text):
        return []
    # "Bl. 45-47", "I.": an abbreviation before a number, a section number on its own
    if len(items) == 1 and first.kind == "word" and len(first.text) <= 3 and nxt is not None \
            and nxt.text == "." and _DOT_NUMBER_RE.match(text[first.end:first.end + 4]):
        return []
    if len(items) == 1 and first.kind == "init" and len(first.text) == 2:
        return []
    just_before = text[max(0, start - 3):start].rstrip()
    # "(Moscow: Nauka, 2004)": the publisher of a book
    if just_before.endswith(":") and _PUBLISHER_BEFORE_RE.search(text, max(0, start - 44), start) \
            and _PUBLISHER_AFTER_RE.match(text, end):
        return [_Cand(start, end, ORG, norm(text[start:end]), "medium", region=ch.region, score=3)]
    # "ed., Iz dnevnikov ...": a title begins after the editor
    if just_before.endswith(",") and _EDITOR_BEFORE_RE.search(text[max(0, start - 8):start]):
        return []
    # the “Resist America, Aid Korea” campaign: no name inside a slogan's name
    window = max(text.rfind("\n", max(0, start - 60), start) + 1, start - 60, 0)
    opening = max(text.rfind("“", window, start), text.rfind('"', window, start))
    if opening >= 0:
        line_end = text.find("\n", end, opening + 61)
        line_end = opening + 61 if line_end < 0 else line_end
        closing = min((x for x in (text.find("”", end, line_end), text.find('"', end, line_end)) if x >= 0),
                      default=-1)
        if closing >= 0 and _QUOTED_EVENT_RE.match(text, closing + 1):
            return []
    # "ARPIISSA (former Party Archive of ...)": a long abbreviation explained in brackets
    if len(items) == 1 and first.kind == "word" and first.text.isupper() and len(first.text) > 7 \
            and not doc.is_common(first.text):
        explained = _explained(doc, first.text, end)
        if explained:
            return [_Cand(start, end, ORG, norm(text[start:end]), "medium", region=ch.region, score=3)]
    # "ORI [Integrated Revolutionary Organizations]": the expansion of an abbreviation
    if k is not None and k >= 2 and toks[k - 1].text in "[(" and _acronymish(toks[k - 2].text):
        closing = "]" if toks[k - 1].text == "[" else ")"
        stop = text.find(closing, start, min(toks[-1].end, start + 120))
        inside = text[start:stop].rstrip() if stop >= 0 else ""
        if inside and "\n" not in inside and _initials_match(
                toks[k - 2].text, [w for w in _NAME_WORD_RE.findall(inside) if w[:1].isupper()]):
            # the whole bracket, function words and all: "CDR [Committees for the Defense of ...]"
            return [_Cand(start, start + len(inside), ORG, norm(inside), "medium", region=ch.region,
                          score=3)]
    return None


def _explained(doc: _Doc, acronym: str, end: int) -> bool:
    """Is the abbreviation followed by a bracket naming a body (its expansion, or a phrase
    with a body's head noun: "ARPIISSA (former Party Archive of the Azerbaijan CP)")?"""
    m = _BRACKET_AFTER_RE.match(doc.text[end:end + 110])
    if not m:
        return False
    words = _LETTERS_RE.findall(m.group(1))
    return _initials_match(acronym, words) or any(
        w.casefold() in doc.cues.org_head and w[:1].isupper() for w in words)


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Do the capitalised words give the acronym's letters (in any order: ORI, Integrated
    Revolutionary Organizations, from Spanish word order)?"""
    letters = sorted(acronym.replace(".", "").upper())
    initials = sorted(w[0].upper() for w in words if w[:1].isupper())
    return len(letters) >= 2 and letters == initials


def _acronym_org(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok]) -> list[_Cand] | None:
    """A run of abbreviations that is one body: a listed name (``AVP RF``, ``PRC FMA``) or an
    organ before its party (``CC CPSU``, ``CC CPC``); the rest of the chunk is classified apart."""
    cues = doc.cues
    text = doc.text
    n = len(items)
    for a in range(n - 1):
        if not (items[a].kind == "word" and _acronymish(_name_text(items[a]))):
            continue
        best = None
        for b in range(min(n, a + 4), a + 1, -1):
            run = items[a:b]
            if not all(t.kind == "word" and _acronymish(_name_text(t)) for t in run):
                continue
            surface = text[run[0].start:_strip_possessive(text, run[-1])]
            names = [_name_text(t) for t in run]
            # organs, then the body they belong to: "CC CPSU", "PB CC CPSU"
            organs = all(w in _ORGAN_ABBREVIATIONS for w in names[:-1]) \
                and names[-1] not in _ORGAN_ABBREVIATIONS and names[-1] not in cues.not_org_acronym
            if surface in cues.org_name or organs:
                best = b
                break
        if best is None:
            continue
        run = items[a:best]
        end = _strip_possessive(text, run[-1])
        out = []
        if a:
            out.extend(_classify_plain(doc, _Chunk(items[:a], ch.index, ch.initial, ch.region), items[:a], toks))
        out.append(_Cand(run[0].start, end, ORG, norm(text[run[0].start:end]), "high",
                         region=ch.region, score=4))
        if best < n:
            rest = items[best:]
            out.extend(_classify_plain(doc, _Chunk(rest, ch.index + best, False, ch.region), rest, toks))
        return out
    return None


def _speaker(doc: _Doc, ch: _Chunk, items: list[_Tok]) -> list[_Cand] | None:
    """A name opening a line and followed by a colon and speech: a speaker (``YUDIN: I said``)."""
    text = doc.text
    first, last = items[0], items[-1]
    j = first.start
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    if j > 0 and text[j - 1] != "\n":
        return None  # not at the start of a line
    m = _SPEECH_AFTER_RE.match(text[last.end:last.end + 200])
    if not m or len(_LOWER_WORD_RE.findall(m.group(1))) < 2:
        return None
    words = [_name_text(t) for t in items]
    if any(doc.is_common(w) or doc.is_demonym(w) or w.casefold() in doc.cues.role_type
           or w in doc.cues.org_name for w in words if len(w) > 1):
        return None  # "Location: ...", "SUBJECT: ...", "Present: ...", "USSR: ..."
    if doc.place_strength(text[first.start:last.end].title()) >= 1.0:
        return None  # "Tabriz: the situation is calm" opens a report from a place
    return [_Cand(first.start, last.end, PERSON, _key_of(" ".join(words)), "high", score=4,
                  region=ch.region, initial=True)]


def _split_hyphen(doc: _Doc, t: _Tok) -> list[_Tok]:
    pieces = _HYPHEN_SPLIT_RE.split(t.text)
    names = pieces[::2]
    if len(names) < 2 or not all(p[:1].isupper() for p in names) or any(len(p) == 1 for p in names):
        return []
    if doc.place_strength(t.text) >= 1.5:
        return []  # "Gobi-Altai", "Khalkhin-Gol": one place's name
    stand = [doc.place_strength(p) >= 1.5 or doc.is_demonym(p) or p.casefold() in doc.cues.not_name
             or _standalone(doc, p) for p in names]
    # "the Gromyko-Dulles talks": two names before a noun; but "in Baden-Württemberg expects",
    # "through Zamyn-Üüd and Erenhot": one name after a word that leads to a place
    after = _LOWER_AFTER_RE.match(doc.text[t.end:t.end + 30])
    before = _prev_words(doc, t.start, 1)
    attributive = after is not None and after.group(1) not in _FUNCTION_AFTER \
        and not (before and before[0].casefold() in _TOWARDS) \
        and all(len(p) >= 3 and not doc.is_common(p) for p in names)
    if not any(stand) and not attributive:
        return []
    out = []
    pos = t.start
    for p in names:
        out.append(_Tok(pos, pos + len(p), p, "word", t.newline_before, True))
        pos += len(p) + 1
    return out


_FUNCTION_AFTER = frozenset({"and", "or", "in", "at", "to", "of", "on", "for", "from", "with", "by", "the",
                             "was", "were", "is", "are", "has", "had", "have", "will", "would", "which",
                             "who", "that"})


def _word_in(text: str, word: str) -> bool:
    """Does ``word`` stand as a whole word somewhere in ``text``?"""
    return re.search(r"(?<![\w\-‐])" + re.escape(word) + r"(?![\w\-‐])", text) is not None


def _standalone(doc: _Doc, word: str) -> bool:
    """Does ``word`` stand alone as a capitalised word elsewhere in the document?"""
    cache = doc.__dict__.setdefault("_standalone_cache", {}) if hasattr(doc, "__dict__") else {}
    if word in cache:
        return cache[word]
    found = re.search(r"(?<![\w\-‐])" + re.escape(word) + r"(?![\w\-‐])", doc.text) is not None
    cache[word] = found
    return found


_CAMEL_RE = re.compile(r"(?!Mc|Mac|De|Di|Du|La|Le|Van|Von|O’|O')(?:[A-Z]+[a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]+)(?<!tel)(?<!tels)")


_ROMAN_RE = re.compile(r"[IVXLC]+")


def _acronymish(w: str) -> bool:
    core = w.replace(".", "").replace("-", "")
    return 2 <= len(core) <= 7 and core.isupper() and core.isalpha()


def _acronym(doc: _Doc, ch: _Chunk, t: _Tok) -> list[_Cand]:
    cues = doc.cues
    w = t.text
    bare = w.rstrip("’'s") if w.endswith(("’s", "'s")) else w
    end = t.start + len(bare)
    if bare in cues.not_org_acronym or _GOV_ACRONYM_RE.fullmatch(bare) or _ROMAN_RE.fullmatch(bare):
        return []  # (a Roman numeral, VIII, is no body)
    if bare in cues.org_name:
        return [_Cand(t.start, end, ORG, norm(bare), "high", region=ch.region, score=4)]
    parts = bare.split("-")
    if len(parts) > 1 and any(len(p) == 1 or _ROMAN_RE.fullmatch(p) for p in parts):
        return []  # "TO-T", "XIX-J": parts of a call number
    if len(bare) <= 3 and _FILE_SIGNATURE_RE.match(doc.text[end:end + 12]):
        return []  # "DY 30/3497": a file signature
    if _explained(doc, bare, end):
        # "AMZV (Archive of ...)": an abbreviation explained in brackets
        return [_Cand(t.start, end, ORG, norm(bare), "medium", region=ch.region, score=3)]
    e = doc.place(bare)
    if e is not None and (e.feature == "country" or e.geonameid < 0):
        return [_Cand(t.start, end, PLACE, norm(bare), "high", region=ch.region, score=4)]
    if e is not None and e.feature in ("city", "region") and len(bare.replace(".", "")) >= 4 \
            and doc.place_strength(bare.title()) >= 1:
        return [_Cand(t.start, end, PLACE, norm(bare), "medium", region=ch.region, score=3)]
    core = bare.replace(".", "")
    if t.kind == "init":
        return []
    prev = [w.casefold() for w in _prev_words(doc, t.start, 1)]
    if prev and (prev[0] in cues.person_before or _code_name(doc, t.start, end, prev[0])) and len(core) >= 3:
        return _person_or_place(doc, ch, [t], [], caps=True)  # DEAR DICK, source "VÁCLAV"
    line_start = doc.text.rfind("\n", 0, t.start) + 1
    line_end = doc.text.find("\n", t.end)
    line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
    in_prose = len(_PROSE_WORD_RE.findall(line)) >= 3
    if doc.is_common(core) and not (in_prose and len(core) <= 5):
        # a word in capitals (FROM, SECRET, TELEGRAM); in running text a short one is an acronym
        return []
    line_start = doc.text.rfind("\n", 0, t.start) + 1
    line_end = doc.text.find("\n", t.end)
    alone = doc.text[line_start:t.start].strip(" \t\u00a0[(") == "" and \
        doc.text[t.end:line_end if line_end >= 0 else len(doc.text)].strip(" \t\u00a0.,)]") == ""
    if len(core) >= 4 and (alone or (prev and prev[0] in cues.person_before)):
        # a name written in capitals (a signature, DEAR DICK)
        return _person_or_place(doc, ch, [t], [], caps=True)
    if len(core) > 7:
        return []
    return [_Cand(t.start, end, ORG, norm(bare), "low", region=ch.region, score=1)]


def _place_chunk(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok]) -> list[_Cand] | None:
    cues = doc.cues
    text = doc.text
    end = _strip_possessive(text, items[-1])
    surface = text[items[0].start:end]
    words = [_name_text(t) for t in items]
    last = words[-1].casefold()
    # "Fars Province", "Helmand River", "Congress Building": a place suffix makes a place
    if len(items) >= 2 and last in cues.place_suffix and items[-1].text[:1].isupper() \
            and not (last == "line" and words[-2].casefold() in _POLICY_LINES) \
            and not (last in ("region", "district", "sub-district", "zone") and words[-2].casefold() == "military"):
        # ("McMahon Line", "Military Demarcation Line": a frontier; "the General Line": a policy)
        base = " ".join(words[:-1])
        if not all(doc.is_demonym(w) for w in words[:-1]) or last in ("sea", "ocean", "gulf"):
            return [_Cand(items[0].start, end, PLACE, norm(surface), "medium", region=ch.region,
                          score=3, initial=ch.initial)]
        del base
    # "Republic of Korea", "Sea of Japan": a place name with "of [the]"
    nxt = _tok_after(doc, toks, items[-1])
    if nxt is not None and toks[nxt].text == "of" and not toks[nxt].newline_before:
        j = nxt + 1
        if j < len(toks) and toks[j].text == "the":
            j += 1
        m = j
        while m < len(toks) and _is_cap(toks[m]) and not toks[m].newline_before and m - j < 4:
            m += 1
        for mm in range(m, j, -1):
            long_end = _strip_possessive(text, toks[mm - 1])
            long = text[items[0].start:long_end]
            if doc.place(long) is not None and doc.place_strength(long) >= 2.5:
                return [_Cand(items[0].start, long_end, PLACE, norm(long), "high", region=ch.region,
                              score=3, initial=ch.initial)]
    strength = doc.place_strength(surface)
    # a well-known place; a lesser one (a city of 100,000) is weighed against the cues
    # for a person later ("given by Kennedy")
    # ("Ho Chi Minh": an East Asian family name first, and the city only calls itself so in
    # another name, Ho Chi Minh City: the person's cues decide)
    family_alias = len(items) >= 2 and words[0].casefold() in cues.family and not any(
        norm(e.name) == norm(surface) for e in doc.gaz.lookup(surface)[:3])
    if strength >= 2.5 and not family_alias:
        if not (len(items) == 1 and doc.is_common(words[0]) and strength < 3):
            return [_Cand(items[0].start, end, PLACE, norm(surface),
                          "high" if strength >= 2.5 else "medium", region=ch.region,
                          score=strength, initial=ch.initial)]
    if len(items) >= 2:
        first = words[0].casefold()
        rest = text[items[1].start:end]
        rest_strength = doc.place_strength(rest)
        directions = ("north", "south", "east", "west", "northern", "southern", "eastern", "western",
                      "central", "upper", "lower", "inner", "outer", "northeast", "northwest",
                      "southeast", "southwest", "greater")
        if first in directions and rest_strength >= 1:
            return [_Cand(items[0].start, end, PLACE, norm(surface), "medium", region=ch.region,
                          score=3, initial=ch.initial)]
        if doc.is_demonym(words[0]) and len(items) == 2 and rest_strength > 0 \
                and not doc.is_common(words[1]):
            hits = doc.gaz.lookup(rest)
            if hits and (hits[0].feature in ("region", "city", "country")):
                return [_Cand(items[0].start, end, PLACE, norm(surface), "medium",
                              region=ch.region, score=3, initial=ch.initial)]
        if doc.is_demonym(words[0]) and rest_strength >= 1.5:
            return [_Cand(items[1].start, end, PLACE, norm(rest), "medium", region=ch.region,
                          score=rest_strength, initial=False)]
    return None


def _tok_index(doc: _Doc, toks: list[_Tok], t: _Tok) -> int | None:
    index = doc.__dict__.get("_index")
    if index is None or index[0] is not toks:
        index = (toks, {x.start: k for k, x in enumerate(toks)})
        doc._index = index  # type: ignore[attr-defined]
    return index[1].get(t.start)


def _tok_after(doc: _Doc, toks: list[_Tok], t: _Tok) -> int | None:
    """Index in ``toks`` of the token after ``t``."""
    index = doc.__dict__.get("_index")
    if index is None or index[0] is not toks:
        index = (toks, {x.start: k for k, x in enumerate(toks)})
        doc._index = index  # type: ignore[attr-defined]
    k = index[1].get(t.start)
    if k is None or k + 1 >= len(toks):
        return None
    return k + 1


def nxt_word(doc: _Doc, end: int) -> str:
    m = _NEXT_WORD_RE.match(doc.text[end:end + 40])
    return m.group(1).casefold() if m else ""


def _prev_words(doc: _Doc, start: int, n: int = 3) -> list[str]:
    before = doc.text[max(0, start - 60):start]
    if "\n" in before:
        before = before[before.rindex("\n") + 1:]
    return _PREV_WORDS_RE.findall(before)[-n:]


def _next_words(doc: _Doc, end: int, n: int = 3) -> list[str]:
    after = doc.text[end:end + 60]
    if "\n" in after:
        after = after[:after.index("\n")]
    return _NEXT_WORDS_RE.findall(after)[:n]


def _person_or_place(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok], *,
                     caps: bool = False) -> list[_Cand]:
    cues = doc.cues
    text = doc.text
    # drop trailing particles / leading common words
    while items and items[-1].kind == "word" and items[-1].text in cues.particles:
        items = items[:-1]
    # leading demonyms and non-name words are outside ("Soviet Razin", "Deputy" handled as role)
    lead_direction = None
    if len(items) == 2 and items[0].kind == "word" and items[0].text.casefold() in _DIRECTIONS \
            and items[0].text[:1].isupper():
        lead_direction = items[0].start
    while len(items) > 1 and (doc.is_demonym(items[0].text) or items[0].text.casefold() in cues.not_name
                              or items[0].text.casefold() in _HEADLINE_LEADS):
        items = items[1:]  # ("On Nehru's Statement": a title in title case leads with a preposition)
        ch = _Chunk(items, ch.index, False, ch.region)
    while len(items) > 1 and items[-1].text.casefold() in cues.not_name and \
            items[-1].text.casefold() not in cues.name_suffix and not (
                # "Taha Yasin Ramadan": after two name words, a month's or feast's name is a surname
                len(items) >= 3 and items[-1].text[:1].isupper()
                and items[-1].text.casefold().rstrip(".") not in _CALENDAR_WORDS
                and not any(doc.is_common(t.text) or t.text.casefold() in cues.not_name for t in items[:-1])):
        items = items[:-1]
    if not items:
        return []
    start = items[0].start
    end = _strip_possessive(text, items[-1])
    surface = text[start:end]
    words = [_name_text(t) for t in items]
    if all(doc.is_demonym(w) or w.casefold() in cues.not_name for w in words):
        return []
    if len(words) == 1 and _TELS_RE.fullmatch(words[0]):
        return []  # Embtel, Deptel, urtel
    if len(words) == 1 and len(words[0]) > 1 and _ROMAN_RE.fullmatch(words[0]):
        return []  # "VIII": a numeral (of a congress, a section), no name
    if len(items) >= 2 and items[-1].kind == "word" and items[-1].text.casefold() in _HEADLINE_LEADS \
            and all(t.kind == "init" for t in items[:-1]):
        return []  # "I. On the situation": a section's numeral and a preposition
    if nxt_word(doc, end) in ("tribe", "tribes", "tribal", "tribesmen", "clan", "clans", "nomads"):
        return []  # an ethnonym
    common = [doc.is_common(w) or (caps and doc.is_common(w.title())) for w in words]
    nameish = [(not c or (k == 0 and len(words) > 1 and w.casefold() in cues.given))
               and not doc.is_demonym(w) and t.kind != "init"
               for k, (w, c, t) in enumerate(zip(words, common, items))]
    any_init = any(t.kind == "init" for t in items)

    prev_raw = _prev_words(doc, start)
    prev = [w.casefold() for w in prev_raw]
    nxt = [w.casefold() for w in _next_words(doc, end)]
    person = 0.0
    place = 0.0
    strength = doc.place_strength(surface.title() if caps else surface)
    place += strength

    # cues before
    after_the = False
    if prev:
        p1 = prev[-1]
        if p1 in cues.place_before:
            place += 1.0
        if len(prev) >= 2 and p1 == "of" and _plural_in(prev[-2], cues.place_of):
            place += 4.0  # "the districts of X"
        if p1 in _DIRECTION_ADJECTIVES:
            place += 2.0  # "the northern X": people are not northern
        if p1 == "the" and not caps:
            # persons rarely follow "the": a place after "in the", "cross the", or before
            # "district", "station"; else no name at all ("on the Autobahn")
            after_the = True
            if len(prev) >= 2 and (prev[-2] in cues.place_before or prev[-2] in _CROSSING):
                place += 1.5
            following = [w for w in nxt[:3] if w.isalpha()]
            if any(w in cues.place_after or w in _FACILITIES for w in following[:2]) or \
                    (following[:1] == ["and"] and len(following) >= 3 and
                     _plural_in(following[2], cues.place_after)):
                place += 2.0
        if p1 in cues.person_before or _code_name(doc, start, end, p1):
            person += 3.0
        if p1 == "of" and len(prev) >= 2 and prev[-2] in cues.person_before and prev[-2] != "by":
            person += 3.0  # "the statue of San Martin"
        if p1 in ("in", "at", "near", "via", "into"):
            place += 0.5
        if p1 == "(" and len(prev) >= 2 and (prev_raw[-2][:1].isupper() or prev[-2] in
                                               cues.role_type or prev[-2] in ("state",)):
            # "the Ambassador in Iran (Wiley)": a name in brackets after a title
            person += 3.0 if nxt[:1] == [")"] else 1.5
        if p1 == "(" and len(prev) >= 2 and prev[-2] == "or":
            person += 0.5
    before_line = text[max(0, start - 80):start]
    if _CREDIT_RE.search(before_line):
        person += 4.0
    # cues after
    if nxt:
        n1 = nxt[0]
        if n1 in cues.place_after:
            place += 2.0
        noun = nxt[2] if len(nxt) >= 3 and nxt[1] in ("a", "an", "the") else nxt[1] if len(nxt) >= 2 else ""
        if n1 == "," and _plural_in(noun, cues.place_of):
            place += 3.0  # "Brijuni, islands in the Adriatic", "Tiran, an island in the Red Sea"
        if n1 in cues.person_verb:
            person += 0.7 if n1 in _WEAK_VERBS else 2.0
        if n1 == "," and len(nxt) >= 2 and nxt[1] in ("the", "a", "an", "who", "whom", "whose",
                                                      "his", "her", "our", "their", "native", "age"):
            person += 1.5
        if n1 == ")" and prev and prev[-1] == "(":
            person += 0.5
    # a line with the name alone: a signature (or a heading place)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    alone = text[line_start:start].strip(" \t\u00a0[(") == "" and \
        text[end:line_end].strip(" \t\u00a0.,)]") == ""
    if alone and len(items) <= 4:
        person += 2.0
        before = text[:line_start].rstrip()
        after = text[line_end:].strip()
        if before.endswith(",") or not after or after.startswith("["):
            person += 1.5  # a signature after "Sincerely yours," or closing the text
    if any_init:
        person += 2.0
    if len(items) >= 2 and words[0].casefold() in cues.given:
        person += 2.0
    if len(items) >= 2 and words[-1].casefold() in cues.name_suffix:
        person += 2.0
    # the shape of a personal name: a known given or family name first, initials, a
    # name-forming suffix, an East Asian given name in syllables (En-lai, Hon-yong), a
    # surname's ending (-ov, -sky, -enko, -wicz, -shvili)
    shaped = any_init or _person_shaped(doc, words)
    if len(items) >= 2 and sum(nameish) >= 2:
        person += 1.5 if shaped else 0.7
    elif len(items) == 1 and shaped and not common[0]:
        person += 1.0
    # the shape of a place name: a place word first (Port Said, Jebel Awlia), a place
    # word inside (Čierna nad Tisou), a place-name ending (Eisenhüttenstadt, Solovyevsk)
    if _place_shaped(doc, items, words) and not (len(items) >= 2 and words[0].casefold() in cues.given):
        place += 2.5
    # a newspaper or an agency: "the newspaper Unen", "the editors of X", "articles in X"
    if prev and (prev[-1] in cues.org_before or (
            len(prev) >= 2 and prev[-1] in ("of", "in") and _plural_in(prev[-2], cues.org_of))) \
            and not any_init and person < 3.0:
        return [_Cand(start, end, ORG, _key_of(" ".join(words)), "medium", score=2.0,
                      region=ch.region, initial=ch.initial)]

    # a common English word needs a cue to be a name
    if not any(nameish) and not any_init:
        if place >= 3.0 and strength:
            pass
        elif person >= 3.0 and not all(w.casefold() in cues.not_name for w in words):
            pass
        elif place >= 4.0:
            pass
        else:
            return []
    if ch.initial and not any(nameish[:1]) and items[0].kind != "init" and person < 3 and place < 3:
        return []  # a capitalised word that only starts the sentence ("A. Gromyko" is a name)

    doubtful = False
    # a town the gazetteer knows in a country the document names, with no person's cue: a place
    # and a word around that fits a place ("from Kapsan", "through Zamyn-Üüd and Erenhot", "Kapsan in")
    vouched = strength >= 1.0 and person < 1.0 and not any_init and (
        place > strength or bool(prev) and prev[-1] in _TOWARDS or nxt[:1] == ["in"]
        or text[:start].endswith("["))
    if place > person and (place >= 1.5 or vouched):
        tag = PLACE
        score = place
    else:
        tag = PERSON
        score = person
        # "the X Government", "the X Doctrine": X stands before a name, not alone
        attributive = _ATTRIBUTIVE_RE.match(text[end:end + 3]) is not None
        doubtful = after_the and person < 1.0 and not any_init and len(items) == 1 and not attributive
    if tag == PERSON and len(items) >= 2 and not shaped and person < 1.5 and not caps:
        # several capitalised words with neither a person's cue nor a name's shape
        # ("Trybuna Ludu", "Quang Binh"): a place where the words around say so, else nothing
        if place >= 1.5:
            tag, score = PLACE, place
    if tag == PERSON and person < 1.0 and len(items) == 1 and _MR_BREVE_RE.search(words[0]) \
            and len(words[0]) >= 5 and words[0].casefold() not in cues.family and not any_init:
        # one word in McCune-Reischauer (Chŏn'gok, P'och'ŏn): Korean persons are named by family
        # and given name, so a lone romanised word with no person's cue is a place
        tag, score = PLACE, 1.5
    tentative = tag == PERSON and person < 1.0
    if tag == PLACE and lead_direction is not None:
        start = lead_direction  # "South Pyongan": a capitalised direction belongs to the name
        words = [text[start:items[0].start].strip()] + words
    cert = "high" if score >= 3 else "medium" if score >= 1.5 else "low"
    key = _key_of(" ".join(w for w in words))
    return [_Cand(start, end, tag, key, cert, score=score - (place if tag == PERSON else person),
                  region=ch.region, initial=ch.initial, tentative=tentative, strength=strength,
                  doubtful=doubtful)]


_SURNAME_END_RE = re.compile(
    r"(?:ov|ova|ev|eva|yov|ski|sky|skiy|skii|ska|skaya|cki|cka|dzki|enko|chuk|czuk|vich|vić|vič|wicz|"
    r"shvili|dze|yan|ová|escu|ić)$")
_PLACE_END_RE = re.compile(r"(?:stadt|grad|gorod|abad|shahr|polis|hafen|dorf|hausen|ville|burg|sk|stan|"
                            r"kirche|platz|straße|strasse|bahnhof|brücke)$")  # (and German buildings, squares, streets)
_SYLLABLES_RE = re.compile(r"[A-ZÀ-Þ][^\W\d_]*[-‐][a-zà-ÿŏŭ’'][^\W\d_’']*(?:[’'][^\W\d_]+)?")


def _person_shaped(doc: _Doc, words: list[str]) -> bool:
    """Does a sequence of name words have the shape of a personal name?"""
    cues = doc.cues
    if not words:
        return False
    first, last = words[0].casefold(), words[-1]
    if len(words) >= 2 and (first in cues.given or first in cues.family):
        return True
    if len(words) >= 2 and any(_SYLLABLES_RE.fullmatch(w) for w in words[1:]):
        return True  # Chou En-lai, Pak Hon-yong, Kim Kwang-hyŏp
    if words[-1].casefold() in cues.name_suffix and len(words) >= 2:
        return True
    return len(last) >= 5 and _SURNAME_END_RE.search(last.casefold()) is not None \
        and not doc.is_common(last) and not doc.is_demonym(last)


def _place_shaped(doc: _Doc, items: list[_Tok], words: list[str]) -> bool:
    """Does a sequence of name words have the shape of a place name?"""
    cues = doc.cues
    if len(items) >= 2 and words[0].casefold() in cues.place_prefix and items[1].kind == "word" \
            and not doc.is_common(words[1]):
        return True
    if len(items) >= 3 and any(t.text in cues.place_infix for t in items[1:-1]):
        return True
    last = words[-1]
    return (len(items) == 1 and len(last) >= 6 and not doc.is_common(last)
            and _PLACE_END_RE.search(last.casefold()) is not None
            and _SURNAME_END_RE.search(last.casefold()) is None)


_EVENT_NOUNS = frozenset({"treaty", "pact", "blockade", "airlift", "uprising", "conference",
                          "accord", "accords", "agreement", "protocol", "convention", "declaration",
                          "crisis", "war", "incident", "affair", "revolt", "summit"})


def _plural_in(word: str, words: frozenset[str]) -> bool:
    """``word`` or its singular (districts, provinces, cities) is in ``words``."""
    return (word in words or word.endswith("s") and word[:-1] in words
            or word.endswith("ies") and word[:-3] + "y" in words)


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                         "western", "central", "upper", "lower", "northeast", "northwest",
                         "southeast", "southwest"})
_DIRECTION_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "northeastern",
                                   "northwestern", "southeastern", "southwestern"})
_CROSSING = frozenset({"cross", "crossed", "crossing", "crosses", "along", "beyond", "up", "down",
                       "reach", "reached", "reaching"})
# nouns after "the X" that make X a place ("the Supung hydroelectric station")
_FACILITIES = frozenset({"station", "works", "mines", "mine", "plant", "dam", "canal", "bridge",
                         "railway", "railroad", "port", "harbour", "harbor", "airfield", "base",
                         "shipyard", "oilfield", "oilfields", "refinery", "combine", "reservoir"})


# --------------------------------------------------------------------------- document level

_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-‐][^\W\d_]+)*")


def _words_key(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _NAME_WORD_RE.findall(text))


def _tok_words(t: _Tok) -> tuple[str, ...]:
    if t.kind == "spaced":
        return tuple(w.replace(" ", "").casefold() for w in _SPACED_GAP_RE.split(t.text))
    return _words_key(_name_text(t))


_LIST_GOES_ON_RE = re.compile(r",?[ \t]+(?:and|or|etc)\b")  # "Görlitz, Fürstenwalde and other districts"
_LIST_SEPARATORS = {(",",), ("and",), (",", "and"), ("or",), (",", "or"), ("–",), ("—",)}


def _member(doc: _Doc, ch: _Chunk, found: list[_Cand]) -> str | None:
    """What one member of a list says by itself: "place", "person", "weak" (a guess that the
    list may overrule), "org", or None (nothing a list could make a name of)."""
    if len(found) > 1:
        return None
    if not found:
        t = ch.toks[0]
        if len(ch.toks) == 1 and t.kind == "word" and not ch.initial and not doc.is_demonym(t.text) \
                and t.text.casefold() not in doc.cues.not_name and doc.place_strength(t.text) > 0:
            return "weak"  # "in Wedding, Neukölln and Lichtenberg": a common word, a district
        return None
    c = found[0]
    if c.tag == ORG:
        return "org"
    if c.tag == PERSON and any(t.kind == "init" and c.start <= t.start < c.end for t in ch.toks):
        return "person"  # "H. Böx": initials make a person, whatever the list holds
    if c.tag == PLACE:
        return "place" if c.strength >= 2.5 or c.score >= 1.5 else "weak"
    if c.roles:
        if _names_a_place(doc, c):
            return "weak"  # "Ambassadors Washington, London and Paris": the posts, not persons
        return "person"
    if not c.tentative and c.score >= 2.5:
        return "person"
    if c.tag == PERSON and nxt_word(doc, c.end) in doc.cues.person_verb - _WEAK_VERBS:
        return "person"  # "before leaving for Colombo, Nehru told reporters": no list of places
    return "weak"


def _coordinate(doc: _Doc, chunks: list[_Chunk], found: list[list[_Cand]],
                region_toks: list[list[_Tok]]) -> None:
    """Names joined in a list are of one kind: "in Swatow and Kiungchow", "the districts of
    Shunte and Chungshan", "the Frankfurt and Küstrin districts", "Stalin, Molotov, Beria"; a
    chain joined by dashes is a route ("the line Moçâmedes – Sá da Bandeira – Serpa Pinto");
    and a name with its other form in brackets shares its kind ("Jinmen [Quemoy]")."""
    cues = doc.cues
    groups: list[list[int]] = []
    dashes: list[bool] = []
    joined: list[bool] = []  # the list has an "and", "or" or dash (not only commas)
    pairs: list[tuple[int, int]] = []  # a name and its other form in brackets
    for ci, ch in enumerate(chunks):
        if ci and chunks[ci - 1].region == ch.region:
            prev = chunks[ci - 1]
            toks = region_toks[ch.region]
            between = toks[prev.index + len(prev.toks):ch.index]
            sep = tuple(t.text for t in between)
            if sep[:1] == ("]",) and sep[1:] in _LIST_SEPARATORS and ci >= 2 \
                    and chunks[ci - 2].region == ch.region:
                sep = sep[1:]  # "Cheb [Eger] and Aš": the list goes on after a bracketed other form
            if sep in _LIST_SEPARATORS and not any(t.newline_before for t in between) \
                    and not ch.toks[0].newline_before and groups and groups[-1][-1] == ci - 1:
                groups[-1].append(ci)
                dashes[-1] = dashes[-1] and sep[0] in "–—"
                joined[-1] = joined[-1] or sep != (",",)
                continue
            after = ch.index + len(ch.toks)
            if sep == ("[",) and after < len(toks) and toks[after].text == "]":
                _alternative(doc, prev, found, ci - 1, ci, ch)
                pairs.append((ci - 1, ci))
        groups.append([ci])
        dashes.append(True)
        joined.append(False)
    for group, dashed, linked in zip(groups, dashes, joined):
        if len(group) < 2:
            continue
        if len(group) == 2 and not linked and not _LIST_GOES_ON_RE.match(doc.text, chunks[group[1]].end):
            # two names and a comma: "Mahabad, Iran" (a place and its country), or a name after
            # it in apposition ("the Prime Minister of Dominica, Eugenia Charles,"): only the
            # first may follow the second
            k0, k1 = _member(doc, chunks[group[0]], found[group[0]]), _member(doc, chunks[group[1]], found[group[1]])
            if k0 == "weak" and k1 == "place" and found[group[0]]:
                found[group[0]] = [_as_place(doc, chunks[group[0]], found[group[0]])]
            continue
        kinds = [_member(doc, chunks[ci], found[ci]) for ci in group]
        if None in kinds:
            continue
        if "org" in kinds:
            lead = _prev_words(doc, chunks[group[0]].start, 1)
            if kinds[0] == "org" and lead and lead[0].casefold() in cues.org_before:
                # "the newspapers Die Welt and Bild": the list the cue opens is of its kind
                for ci, kind in zip(group, kinds):
                    c = found[ci][0] if found[ci] else None
                    if kind == "weak" and c is not None and c.tag == PERSON and not c.roles:
                        c.tag, c.tentative = ORG, False
            continue
        last = chunks[group[-1]]
        after = nxt_word(doc, _strip_possessive(doc.text, last.toks[-1]))
        place_cue = _plural_in(after, cues.place_after) or (dashed and len(group) >= 3)
        first = chunks[group[0]]
        lead = _prev_words(doc, first.start, 1)
        if doc.text[:first.start].endswith("[") and group[0] and chunks[group[0] - 1].region == first.region:
            first = chunks[group[0] - 1]  # "in Cheb [Eger] and Aš": the list begins before the bracket
            lead = _prev_words(doc, first.start, 1)
        if lead and lead[0] in _LOCATIVES and all(k == "weak" for k in kinds) \
                and all(c.tag != PERSON or not c.roles for ci in group for c in found[ci]) \
                and not any(chunks[ci].toks[0].text.casefold() in cues.given
                            or chunks[ci].toks[0].text.casefold() in cues.family for ci in group):
            place_cue = True  # "at Rozvadov, Folmava and Horní Ves": names in a list after "at" are places
        if "place" in kinds or place_cue:
            if "person" in kinds:
                continue
            for ci, kind in zip(group, kinds):
                if kind == "weak":
                    found[ci] = [_as_place(doc, chunks[ci], found[ci])]
        elif "person" in kinds:
            for ci, kind in zip(group, kinds):
                c = found[ci][0] if found[ci] else None
                if kind == "weak" and c is not None and c.tag == PLACE and c.strength < 2.5:
                    c.tag, c.tentative, c.score = PERSON, False, 2.0
    for a, b in pairs:
        # "the islands of Kunashiri [Kunashir] and Etorofu [Iturup]": a list made Etorofu a place
        x, y = (found[a][0] if len(found[a]) == 1 else None), (found[b][0] if len(found[b]) == 1 else None)
        if x is not None and y is not None and x.tag == PLACE and x.score >= 2.0 and y.tag == PERSON \
                and not y.roles and _member(doc, chunks[b], found[b]) == "weak":
            found[b] = [_as_place(doc, chunks[b], found[b])]


def _code_name(doc: _Doc, start: int, end: int, before: str) -> bool:
    """Source "VÁCLAV": a name in quotes right after "source" is an agent's code name."""
    return before in ("source", "sources") and doc.text[start - 1:start] in _QUOTES \
        and doc.text[end:end + 1] in _QUOTES


_QUOTES = frozenset('"“”„«»‘’\'')
_HEADLINE_LEADS = frozenset({"on", "about", "regarding", "concerning", "to", "from", "with", "for",
                             "in", "at", "of", "by", "the", "a", "an", "and", "re"})
_MR_BREVE_RE = re.compile("[ŏŭŎŬ]")
_SAINTS = frozenset({"St.", "Saint", "Ste.", "Sainte", "Sankt", "San", "Santa", "Santo", "São"})
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split())
_POLICY_LINES = frozenset({"party", "general", "hot", "hard", "political", "mass", "main", "production"})
_LOCATIVES = frozenset({"in", "at", "near", "through", "via"})
_TOWARDS = _LOCATIVES | {"from", "to", "into", "and", "or", "["}


def _names_a_place(doc: _Doc, c: _Cand) -> bool:
    """Is the name after the titles the main name of a city or country (Washington)?"""
    name = doc.text[max([c.start] + [e for _, e, _ in c.roles]):c.end].strip()
    main = doc.place(name)
    return main is not None and norm(main.name) == norm(name) and doc.place_strength(name) >= 1.5


def _as_place(doc: _Doc, ch: _Chunk, found: list[_Cand]) -> _Cand:
    """The chunk's name as a place (a capitalised direction before it included)."""
    items = ch.toks
    start = found[0].start if found else items[0].start
    end = found[0].end if found else _strip_possessive(doc.text, items[-1])
    if found and found[0].roles:
        after = max(e for _, e, _ in found[0].roles)
        start = next(t.start for t in items if t.start >= after)
    k = next((k for k, t in enumerate(items) if t.start == start), 0)
    if k and items[k - 1].text.casefold() in _DIRECTIONS:
        start = items[k - 1].start
    return _Cand(start, end, PLACE, norm(doc.text[start:end]), "medium", score=2.0,
                 region=ch.region, initial=ch.initial, strength=doc.place_strength(doc.text[start:end]))


def _alternative(doc: _Doc, ch: _Chunk, found: list[list[_Cand]], a: int, b: int,
                 other: _Chunk | None = None) -> None:
    """``Jinmen [Quemoy]``: a name followed by its other form in brackets is of the same kind;
    so is a modern form after a historical place name (``Ulan-Bator [Ulaanbaatar]``)."""
    if len(found[a]) != 1 or len(found[b]) != 1:
        return
    x, y = found[a][0], found[b][0]
    if x.tag == PERSON and y.tag == PLACE and _member(doc, ch, found[a]) == "weak" \
            and (y.strength >= 1.5 or y.score >= 2.5):
        found[a] = [_as_place(doc, ch, found[a])]
    elif other is not None and x.tag == PLACE and y.tag == PERSON and not y.roles \
            and _member(doc, other, found[b]) == "weak" and (x.strength >= 1.5 or x.score >= 2.5):
        found[b] = [_as_place(doc, other, found[b])]


def _sure_persons(doc: _Doc, found: list[list[_Cand]]) -> dict[tuple[str, ...], str]:
    """Names the document itself shows to be persons: after a title (Cde. Gao Gang), in a
    credit, as a speaker, or with strong cues. Words casefolded, so capitals match too."""
    out: dict[tuple[str, ...], str] = {}
    for cands in found:
        for c in cands:
            if c.tag != PERSON or c.tentative or not (c.roles or c.score >= 3) or _names_a_place(doc, c):
                continue
            name_start = max([c.start] + [e for _, e, _ in c.roles])
            words = _words_key(doc.text[name_start:c.end])
            if words and not all(doc.is_common(w) for w in words):
                out.setdefault(words, c.key)
    return out


def _use_document_persons(doc: _Doc, chunks: list[_Chunk], found: list[list[_Cand]],
                          region_toks: list[list[_Tok]]) -> None:
    """A capitalised sequence the document uses as a person elsewhere is a person here
    too, whatever the gazetteer says of its first word ("Gao Gang" is no town in Mali
    when the text has "Cde. Gao Gang"; "MAO ZEDONG:" speaks where "Mao Zedong" is named)."""
    sure = _sure_persons(doc, found)
    if not sure:
        return
    longest = max(len(k) for k in sure)
    first_words = {k[0] for k in sure}
    for ci, ch in enumerate(chunks):
        items = ch.toks
        if not any(t.text.casefold() in first_words or t.kind == "spaced" or "’" in t.text
                   or "'" in t.text for t in items):
            continue  # no known name can start in this chunk
        words: list[tuple[str, ...]] = [_tok_words(t) for t in items]
        flat: list[str] = []
        owner: list[int] = []
        for k, w in enumerate(words):
            flat.extend(w)
            owner.extend([k] * len(w))
        hit = None
        for n in range(min(longest, len(flat)), 0, -1):
            for a in range(0, len(flat) - n + 1):
                key = tuple(flat[a:a + n])
                if key not in sure:
                    continue
                i, j = owner[a], owner[a + n - 1] + 1
                # whole tokens only
                if (a and owner[a - 1] == i) or (a + n < len(flat) and owner[a + n] == j - 1):
                    continue
                if n == 1 and len(items) > 1:
                    # a one-word name splits a chunk only from a place beside it (Ala Washington)
                    rest = items[:i] + items[j:]
                    rest_text = doc.text[rest[0].start:_strip_possessive(doc.text, rest[-1])]
                    if not (i == 0 or j == len(items)) or doc.place_strength(rest_text) < 1.5:
                        continue
                hit = (i, j, sure[key])
                break
            if hit:
                break
        if hit is None:
            continue
        i, j, key = hit
        start, end = items[i].start, _strip_possessive(doc.text, items[j - 1])
        if any(c.tag == PERSON and c.end == end and c.start <= start for c in found[ci]):
            continue  # the chunk says so already (with its titles: "Mr. Chaucer Wu")
        if any(c.tag == PLACE and c.score >= 4 and c.start <= start and end <= c.end for c in found[ci]):
            continue  # "the town of Choibalsan": the words around say place, whoever else bears the name
        if len(items) == 1 and not found[ci]:
            continue  # a word the chunk rejected on purpose ("Qashqai tribes": an ethnonym)
        if any(c.tag != PERSON and c.start < end and start < c.end and (c.start < start or c.end > end)
               for c in found[ci]):
            continue  # a body or place named after the person ("Kim Il Sung University")
        toks = region_toks[ch.region]
        out: list[_Cand] = []
        if i:
            pre = _Chunk(items[:i], ch.index, ch.initial, ch.region)
            out.extend(_classify(doc, pre, toks))
        out.append(_Cand(start, end, PERSON, key, "high", score=4, region=ch.region,
                         initial=ch.initial and not i))
        if j < len(items):
            post = _Chunk(items[j:], ch.index + j, False, ch.region)
            out.extend(_classify_plain(doc, post, items[j:], toks))
        found[ci] = out



def _resolve_document(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Share verdicts between mentions; give short forms the key of the full name."""
    # 1. the verdict for a key: the best-scored non-tentative mention wins
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for c in cands:
        if c.tag == PLACE and not c.strength:
            c.strength = doc.place_strength(doc.text[c.start:c.end])
    for c in cands:
        if c.tag in (PERSON, PLACE) and not c.tentative:
            votes[c.key][c.tag] += max(c.score, 0.5)
    for c in cands:
        if c.tag in (PERSON, PLACE) and c.key in votes:
            v = votes[c.key]
            best = max(v, key=v.get)
            if best == PERSON and c.tag == PLACE and (c.strength >= 2.5 or c.score >= 3):
                continue  # a well-known place stays a place
            if best != c.tag and v[best] > (c.score if not c.tentative else 0) + 0.5 and not c.roles:
                c.tag = best
                c.tentative = False

    # a "the X" that no other mention made a place is no person either ("on the Autobahn")
    cands = [c for c in cands if not (c.doubtful and c.tag == PERSON)]

    # 2. short forms of full person names
    full: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.tag == PERSON:
            parts = c.key.split()
            if len(parts) >= 2:
                for p in parts:
                    if len(p) > 1 and p not in doc.cues.particles:
                        full[p].add(c.key)
    first_full: dict[str, int] = {}
    for c in cands:
        if c.tag == PERSON and len(c.key.split()) >= 2:
            first_full.setdefault(c.key, c.start)
    out: list[_Cand] = []
    for c in cands:
        if c.tag == PERSON and len(c.key.split()) == 1 and c.key in full:
            keys = full[c.key]
            if len(keys) == 1:
                k = next(iter(keys))
                if first_full.get(k, 1 << 60) < c.start:
                    c.key = k
        out.append(c)

    return out


def _short_forms(doc: _Doc, regions: list[tuple[int, int]], cands: list[_Cand]) -> list[_Cand]:
    """Later mentions by one part of a full name that the chunker passed over ("An" of "An Doo Hi")."""
    parts: dict[str, set[str]] = defaultdict(set)
    first_at: dict[str, int] = {}
    for c in cands:
        if c.tag != PERSON:
            continue
        name_start = max([c.start] + [e for _, e, _ in c.roles])
        words = _NAME_WORDS_RE.findall(doc.text[name_start:c.end])
        if len(words) >= 2:
            for w in (words[0], words[-1]):
                if w[:1].isupper() and len(w) >= 2 and w not in doc.cues.particles:
                    parts[w].add(c.key)
            first_at.setdefault(c.key, c.end)
    taken = sorted((c.start, c.end) for c in cands)
    out: list[_Cand] = []
    for w, keys in parts.items():
        if len(keys) != 1 or not doc.is_common(w):
            continue  # names not in the lexicon were found by the chunker already
        key = next(iter(keys))
        for r, (s, e) in enumerate(regions):
            for m in re.finditer(r"(?<![\w\-‐])" + re.escape(w) + r"(?![\w\-‐])(?!\s+[A-Z])", doc.text[s:e]):
                a, b = s + m.start(), s + m.end()
                if a < first_at.get(key, 1 << 60):
                    continue
                if any(x < b and a < y for x, y in taken):
                    continue
                out.append(_Cand(a, b, PERSON, key, "medium", region=r, score=2))
    return out


def _org_short_forms(doc: _Doc, regions: list[tuple[int, int]], cands: list[_Cand]) -> list[_Cand]:
    """``the Volunteers`` after ``the Chinese People’s Volunteers``: a body's distinctive last
    word, capitalised after "the", names it again. Type nouns (the Party, the Front, the
    Embassy) do not: they are generic references."""
    cues = doc.cues
    words: dict[str, tuple[str, int]] = {}
    for c in cands:
        if c.tag != ORG:
            continue
        last = _NAME_WORD_RE.findall(doc.text[c.start:c.end])
        if len(last) < 2:
            continue
        w = last[-1]
        low = w.casefold()
        if (len(w) >= 4 and w[:1].isupper() and not w.isupper() and low not in cues.org_head
                and low not in cues.place_suffix and low not in cues.not_name
                and not doc.is_demonym(w) and not doc.place_strength(w)):
            words.setdefault(w, (c.key, c.end))
    out: list[_Cand] = []
    if not words:
        return out
    taken = sorted((c.start, c.end) for c in cands)
    for w, (key, after) in words.items():
        for r, (s, e) in enumerate(regions):
            for m in re.finditer(r"\bthe\s+(" + re.escape(w) + r")(?![\w\-‐])(?!\s+[A-Z])", doc.text[s:e]):
                a, b = s + m.start(1), s + m.end(1)
                if a < after or any(x < b and a < y for x, y in taken):
                    continue
                out.append(_Cand(a, b, ORG, key, "medium", region=r, score=2))
    return out


_INVERTED_RE = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<name>(?P<surname>[A-ZÀ-Þ][^\W\d_]+(?:[-‐’'][^\W\d_]+)*), "
    r"(?P<given>[A-ZÀ-Þ][^\W\d_]*\.?(?:[-‐’'][^\W\d_]+)*(?:[ \-‐][A-ZÀ-Þ][^\W\d_]*\.?){0,3})"
    # the forenames in full after initials: "Kaul, T. N. (Triloki Nath), 1913-2000"
    r"(?: \([A-ZÀ-Þ][^()\n]{1,60}\))?)"
    r"(?P<years>, (?:c\. )?\d{4}(?:[-–]\d{4})?)?[ \t\u00a0]*$")


def _inverted_names(doc: _Doc, regions: list[tuple[int, int]], cands: list[_Cand]) -> list[_Cand]:
    """Names in a catalogue's inverted form, one a line: ``Kim, Il Sung, 1912-1994``,
    ``Shtykov, Terentii Fomich``. Life years, or a given name after the comma, make a
    person; a place on either side ("Korea, North", "Paris, France") does not."""
    out: list[_Cand] = []
    keys = {c.key for c in cands if c.tag == PERSON}
    for r, (s, e) in enumerate(regions):
        for m in _INVERTED_RE.finditer(doc.text, s, e):
            surname, given = m.group("surname"), m.group("given")
            if doc.place_strength(surname) >= 1.5 or doc.place_strength(given) >= 1.5 \
                    or doc.is_common(surname) or doc.is_demonym(surname):
                continue
            first = given.split()[0].casefold()
            if not (m.group("years") or first in doc.cues.given or not doc.is_common(first)):
                continue
            a, b = m.start("name"), m.end("name")
            # the key of the name as the text writes it: "Kim Il Sung" (surname first), else
            # the usual Western order
            key = _key_of(f"{surname} {given}")
            if key not in keys:
                key = _key_of(f"{given} {surname}")
            out.append(_Cand(a, b, PERSON, key, "high", score=5, region=r))
    return out


_BRACKETED_FORM_RE = re.compile(r"[ \u00a0]?\[([ʿʾ'‘]?[A-ZÀ-Þ][^\[\]\n.,;:!?()–—/]{0,80})\]")


def _bracketed_forms(doc: _Doc, regions: list[tuple[int, int]], cands: list[_Cand]) -> list[_Cand]:
    """``Xinhua [Tân Hoa xã]``, ``Border Defence Force [Công an Nhân dân Vũ trang]``: the name of a
    body or place in the original language, in brackets after it, is one name of the same kind,
    whatever its words look like to an English reader (at least one of them is no English word)."""
    out = list(cands)
    for c in cands:
        if c.tag not in (ORG, PLACE):
            continue
        m = _BRACKETED_FORM_RE.match(doc.text, c.end)
        if not m:
            continue
        a, b = m.start(1), m.end(1)
        inner = m.group(1).strip()
        words = _LETTERS_RE.findall(inner)
        if not words or len(words) > 7 or inner != m.group(1) \
                or all(doc.is_common(w) or doc.is_demonym(w) for w in words):
            continue
        if any(o.start < b and a < o.end and (o.tag == c.tag and (o.start, o.end) == (a, b)) for o in out):
            continue  # already read so
        if not any(r0 <= a and b <= r1 for r0, r1 in regions):
            continue
        rest = [o for o in out if not (a <= o.start and o.end <= b)]
        if any(o.start < b and a < o.end for o in rest):
            continue  # something crosses the bracket: leave it as it was read
        out = rest + [_Cand(a, b, c.tag, norm(inner), "medium", score=2.5, region=c.region)]
    out.sort(key=lambda x: (x.start, -x.end))
    return out


def _drop_overlaps(fixed: list[_Cand], cands: list[_Cand]) -> list[_Cand]:
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out = list(fixed)
    taken = sorted((c.start, c.end) for c in fixed)  # disjoint, so sorted by start and by end

    def free(s: int, e: int) -> bool:
        k = bisect.bisect_right(taken, (s, 1 << 62))
        if k and taken[k - 1][1] > s:
            return False
        return k >= len(taken) or taken[k][0] >= e

    for c in cands:
        if c.end <= c.start:
            continue
        if free(c.start, c.end):
            out.append(c)
            bisect.insort(taken, (c.start, c.end))
    return sorted(out, key=lambda c: c.start)


def _to_spans(cands: list[_Cand]) -> list[Span]:
    spans: list[Span] = []
    for c in cands:
        spans.append(Span(c.start, c.end, c.tag, key=c.key, cert=c.cert))
        if c.tag == PERSON:
            for s, e, t in c.roles:
                if c.start <= s < e <= c.end:
                    spans.append(Span(s, e, "roleName", attrs=(("type", t),)))
    return spans


def name_proper(text: str, pers: Span, spans: Sequence[Span]) -> tuple[int, int]:
    """The guideline's person mention inside a persName: see the module docstring."""
    cues = _cues()
    start = pers.start
    roles = sorted((s for s in spans if s.tag == "roleName" and pers.start <= s.start and s.end <= pers.end),
                   key=lambda s: s.start)
    for r in roles:
        if r.start != start:
            break
        if text[r.start:r.end].casefold() in cues.name_forming:
            break
        start = r.end
        while start < pers.end and text[start].isspace():
            start += 1
    return start, pers.end
