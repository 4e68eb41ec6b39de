"""Persons, places and organisations in running text, by rule (no statistical model).

``find_names`` returns ``persName``, ``placeName`` and ``orgName`` spans, and
``roleName`` spans inside persons, for the guideline in
``shared/corpus/dev/ANNOTATION.md``.

How it reads a text
-------------------
1. Words are cut into *chunks*: runs of capitalised words (also names in
   capitals, letter-spaced names ``M O L O T O V``, initials ``N. S.``, name
   particles ``von``/``al``, an editorial insertion ``[Chou] En-lai``), never
   across a line break or a region boundary.
2. A chunk loses a leading title (``Cde.``, ``Lt. Col.``, ``Ambassador``,
   ``Vice President``); a title followed by a name makes a person.
3. A chunk is an organisation when it holds a head noun (``Party``,
   ``Ministry``, ``Division``, ``Foundation``...), extended by a designation
   (``of Foreign Affairs``, ``of the Soviet Union``), or is a known body
   (``NATO``, ``CPSU``); governments are never organisations (``Soviet
   Government`` gives nothing, ``U.S. Government`` gives the place ``U.S.``).
4. Otherwise the gazetteer and the words around decide between place and
   person (``the village of X``, ``the X region``, ``in X``; ``X said``,
   ``X, the chief of``, ``(X)`` after a title, ``translated by X``); the
   verdict for a name is shared by all its mentions in the document, and a
   later short form (``Musavi``) takes the key of the full name
   (``ahmed musavi``).

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
        role_re=role_re,
        role_type=role_type,
        abbreviations=abbreviations,
    )


def _phrase_pattern(phrase: str) -> str:
    parts = [re.sub(r"['’]", "['’]", re.escape(w)) for w in phrase.split()]
    return r"\b" + r"\s+".join(parts)


@functools.cache
def _lexicon() -> frozenset[str]:
    text = (DATA_DIR / "english_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


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
_SPACED_RE = re.compile(r"(?<![\w.])(?:[A-ZÀ-ÞА-ЯЁ] ){3,}[A-ZÀ-ÞА-ЯЁ](?![\w.])")
_TOKEN_RE = re.compile(
    r"""
    (?P<init>(?<![\w.])[A-ZÀ-Þ]\.(?:-?[A-ZÀ-Þ]\.)*)
   |(?P<word>[^\W\d_]+(?:['’\-‐][^\W\d_]+)*(?:(?<=s)['’](?![^\W\d_]))?)
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


def _tokenise(text: str, start: int, end: int, cues: _Cues) -> list[_Tok]:
    toks: list[_Tok] = []
    spaced = [(m.start(), m.end()) for m in _SPACED_RE.finditer(text, start, end)]
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
        toks.append(_Tok(s, e, word, kind))
        pos = e
    prev_end = start
    for t in toks:
        gap = text[prev_end:t.start]
        t.newline_before = "\n" in gap or prev_end == start
        t.space_before = bool(gap) or prev_end == start
        prev_end = t.end
    return toks


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
    if t.kind != "word" or len(t.text) == 1:
        return False
    ch = t.text[0]
    return ch.isupper() or (t.text[:3] in ("al-", "el-", "ad-", "an-", "as-", "at-", "az-", "ar-")
                            and len(t.text) > 3 and t.text[3].isupper())


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
        if not (_is_cap(t) or particle_start):
            i += 1
            continue
        j = i + 1
        while j < n:
            u = toks[j]
            if u.newline_before or not u.space_before and u.kind != "insert":
                break
            if _is_cap(u):
                j += 1
                continue
            if (u.kind == "word" and u.text in cues.particles and j + 1 < n
                    and _is_cap(toks[j + 1]) and not toks[j + 1].newline_before):
                j += 1
                continue
            break
        chunks.append(_Chunk(toks[i:j], i, _initial(toks, i), region))
        i = j
    return chunks


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


class _Doc:
    """What one call knows: the text, the cues, the gazetteer and the evidence so far."""

    def __init__(self, text: str, context: TagContext, gazetteer: Gazetteer) -> None:
        self.text = text
        self.context = context
        self.gaz = gazetteer
        self.cues = _cues()
        self.lex = _lexicon()
        self._place_cache: dict[str, GeoEntry | None] = {}
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
        parts = re.split(r"[-‐]", low)
        return len(parts) > 1 and all(p in self.cues.demonym or p in ("anglo", "sino", "franco",
                                                                    "italo", "afro", "inter", "pan")
                                      for p in parts)

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
            for e in self.gaz.lookup(name, country=self.context.country)[:6]:
                best = max(best, self._entry_strength(name, key, e, e.geonameid in curated_ids))
        self._strength_cache[name] = best
        return best

    def _entry_strength(self, name: str, key: str, e: GeoEntry, curated: bool) -> float:
        if name.isupper() and len(name) <= 4 and e.feature != "country" and not curated:
            return 0.0  # an acronym that happens to be a town's alternate name
        if not curated and e.geonameid > 0 and norm(e.name) != key:
            # an alternate name (other languages' spellings): weak unless a big city
            return 2.5 if e.population >= 1_000_000 else 0.2
        if e.feature in ("country", "continent") or e.geonameid < 0 or curated:
            return 3.0
        if e.feature == "region":
            return 2.0
        if e.population >= 1_000_000:
            return 2.5
        if e.population >= 100_000:
            return 1.5
        if self.context.country and e.country == self.context.country:
            return 1.0
        return 0.5


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

    region_toks: list[list[_Tok]] = []
    chunks: list[_Chunk] = []
    for r, (s, e) in enumerate(regions):
        toks = _merge_inserts(_tokenise(text, s, e, cues))
        region_toks.append(toks)
        chunks.extend(_chunks(toks, r, cues))

    cands: list[_Cand] = []
    for ci, ch in enumerate(chunks):
        for c in _classify(doc, ch, region_toks[ch.region]):
            c.chunk_id = ci
            cands.append(c)
    for r, (s, e) in enumerate(regions):
        for m in _PARALLEL_RE.finditer(text, s, e):
            cands.append(_Cand(m.start(), m.end(), PLACE, norm(m.group()), "medium", region=r))

    cands = _resolve_document(doc, cands)
    cands.extend(_short_forms(doc, regions, cands))
    cands = _drop_overlaps(fixed, cands)
    return _to_spans(cands)


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
    key = re.sub(r"\s+", " ", phrase).casefold().replace("'", "’")
    return doc.cues.role_type.get(key) or doc.cues.role_type.get(key.replace("’", "'"), "office")


# --------------------------------------------------------------------------- one chunk


def _classify(doc: _Doc, ch: _Chunk, toks: list[_Tok]) -> list[_Cand]:
    cues = doc.cues
    text = doc.text
    items = list(ch.toks)

    # letter-spaced signature: one person, unless it spells a common word
    if len(items) == 1 and items[0].kind == "spaced":
        word = items[0].text.replace(" ", "")
        if doc.is_common(word) and not doc.place_strength(word.title()):
            return []
        tag = PLACE if doc.place_strength(word.title()) >= 2 else PERSON
        return [_Cand(ch.start, ch.end, tag, norm(word), "medium", region=ch.region, score=3)]

    out: list[_Cand] = []
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
        # "General Assembly": a title word that begins a body's name
        org = _org(doc, ch, name, toks, allow_role_lead=True)
        if org is not None and len(name) >= 1 and _org_head_index(doc, name) is not None:
            full = _org(doc, ch, items[roles[-1][0]:], toks, allow_role_lead=True)
            if full is not None and items[roles[-1][0]].text.casefold() in cues.org_head | {"general", "national", "supreme", "central"}:
                return out + [full]
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
                   rest_from + len(name) < len(items) else [])
        return out
    return _classify_plain(doc, ch, items, toks)


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
    return out


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
    name = re.sub(r"[\[\]]", "", name)
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
    surface = text[items[0].start:items[-1].end]
    # a known body by name or abbreviation
    if surface in cues.org_name or surface.rstrip("’'s") in cues.org_name:
        end = _strip_possessive(text, items[-1])
        end = _extend_of(doc, items, toks, end)
        return _Cand(items[0].start, end, ORG, norm(text[items[0].start:end]), "high",
                     region=ch.region, score=4, initial=ch.initial)
    h = _org_head_index(doc, items)
    if h is None:
        return None
    head = _name_text(items[h]).casefold()
    words = [_name_text(t).casefold() for t in items]
    if norm(surface) in cues.not_name:
        return None  # "Digital Archive": a website, not a body
    if any(w in _GOV for w in words):
        return None
    if head in ("program", "programme") and any(w in _ACTIVITY for w in words[:h]):
        return None
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
    if k is not None and k >= 1 and not items[0].newline_before:
        before = toks[k - 1]
        if before.kind == "num" and re.fullmatch(r"\d+(?:st|nd|rd|th)", before.text):
            start = before.start  # "2nd Guards Infantry Division"
        elif (before.text == "and" and k >= 2 and _is_cap(toks[k - 2]) and not before.newline_before
              and doc.is_common(toks[k - 2].text) and not doc.is_demonym(toks[k - 2].text)
              and (k < 3 or not _is_cap(toks[k - 3]) or toks[k - 3].text in ("The", "THE"))
              and not doc.place(toks[k - 2].text)):
            start = toks[k - 2].start  # "History and Public Policy Program"
    return _Cand(start, end, ORG, norm(text[start:end]), "high" if len(items) > 1 else "medium",
                 region=ch.region, score=4, initial=ch.initial)


def _extend_of(doc: _Doc, items: list[_Tok], toks: list[_Tok], end: int) -> int:
    """Extend an org over ``of [the] X`` / ``for [the] X`` / ``on X`` designations."""
    text = doc.text
    # locate the token after the item list
    last = items[-1]
    idx = None
    for k in range(len(toks)):
        if toks[k].start == last.start:
            idx = k
            break
    if idx is None or end < last.end:
        return end
    k = idx + 1
    while k < len(toks):
        t = toks[k]
        if t.newline_before or t.kind != "word" or t.text not in ("of", "for", "on"):
            break
        j = k + 1
        if j < len(toks) and toks[j].text in ("the",) and not toks[j].newline_before:
            j += 1
        if j >= len(toks) or not _is_cap(toks[j]) or toks[j].newline_before:
            break
        m = j
        while m < len(toks) and not toks[m].newline_before and (
                _is_cap(toks[m]) or (toks[m].text in ("and", "of", "for") and m + 1 < len(toks)
                                     and _is_cap(toks[m + 1]) and toks[m].text != "of" or
                                     toks[m].text in doc.cues.particles)):
            if toks[m].text == "and" and not _is_cap(toks[m + 1]):
                break
            m += 1
        piece = toks[j:m]
        # "Division of Iranian troops": an adjective is no designation
        if not piece or all(doc.is_demonym(p.text) for p in piece):
            break
        if piece[0].text.casefold() in ("january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"):
            break
        end = _strip_possessive(text, piece[-1])
        k = m
        if toks[m - 1].text.endswith(("’s", "'s")):
            break
    return end


def _classify_plain(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok]) -> list[_Cand]:
    """A chunk (or part of one) with no title: org, place, person or nothing."""
    cues = doc.cues
    text = doc.text
    # leading capitalised function words at a sentence start ("In Peru", "The Shah")
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

    # split a chunk that runs on past its name
    for k in range(len(items) - 1):
        t, u = items[k], items[k + 1]
        cut = False
        if t.text.endswith(("’s", "'s")) and _org_head_index(doc, items[k + 1:]) is None \
                and items[-1].text.casefold() not in cues.place_suffix:
            cut = True  # "Chou’s Bandung report"
        elif t.kind == "init" and len(t.text) > 2 and u.kind == "word" and doc.is_common(u.text):
            cut = True  # "against U.S. He also"
        elif _acronymish(_name_text(t)) and _acronymish(_name_text(u)) and t.kind == "word" \
                and u.kind == "word":
            cut = True  # "UN SYG"
        elif _acronymish(_name_text(u)) and _name_text(t).casefold() in cues.org_head:
            cut = True  # "informed Dept MA"
        elif _name_text(t).casefold() in cues.org_head and \
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
        return [c for c in res if c.tag == PLACE]

    # split hyphenated pairs (Qavam-Sadchikov, Tabriz-Tehran); kept whole if neither half stands alone
    if len(items) == 1 and items[0].kind == "word" and re.search(r"[-‐]", items[0].text):
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

    # the chunk holds a place then a name ("Maragheh Ittikhari") or then common words
    # ("Berlin Plebiscite"), or a name then a place ("Ala Washington"): split
    if len(items) >= 2:
        for k in range(len(items) - 1, 0, -1):
            head_text = text[items[0].start:items[k - 1].end]
            if doc.place_strength(head_text) >= 1.5 and \
                    _name_text(items[k - 1]).casefold() not in _NAME_PREFIX_WORDS:
                rest = items[k:]
                if all(doc.is_common(_name_text(t)) for t in rest):
                    return _classify_plain(doc, ch, items[:k], toks)
                if not doc.is_common(items[k].text):
                    return (_classify_plain(doc, ch, items[:k], toks)
                            + _classify_plain(doc, _Chunk(rest, ch.index + k, False, ch.region),
                                              rest, toks))
        for k in range(1, len(items)):
            tail_text = text[items[k].start:_strip_possessive(text, items[-1])]
            if doc.place_strength(tail_text) >= 2.5 and not doc.is_common(items[k - 1].text) \
                    and not doc.is_demonym(items[k - 1].text):
                return (_classify_plain(doc, ch, items[:k], toks)
                        + _classify_plain(doc, _Chunk(items[k:], ch.index + k, False, ch.region),
                                          items[k:], toks))

    # persons and unknowns
    return _person_or_place(doc, ch, items, toks)


def _split_hyphen(doc: _Doc, t: _Tok) -> list[_Tok]:
    pieces = re.split(r"([-‐])", t.text)
    names = pieces[::2]
    if len(names) < 2 or not all(p[:1].isupper() for p in names):
        return []
    stand = [doc.place_strength(p) >= 1.5 or doc.is_demonym(p) or p.casefold() in doc.cues.not_name
             or _standalone(doc, p) for p in names]
    after = re.match(r"\s+([a-z]+)", doc.text[t.end:t.end + 30])
    attributive = after is not None and all(len(p) >= 3 and not doc.is_common(p) for p in names)
    if not any(stand) and not attributive:
        return []
    out = []
    pos = t.start
    for p in names:
        out.append(_Tok(pos, pos + len(p), p, "word", t.newline_before, True))
        pos += len(p) + 1
    return out


def _standalone(doc: _Doc, word: str) -> bool:
    """Does ``word`` stand alone as a capitalised word elsewhere in the document?"""
    cache = doc.__dict__.setdefault("_standalone_cache", {}) if hasattr(doc, "__dict__") else {}
    if word in cache:
        return cache[word]
    found = re.search(r"(?<![\w\-‐])" + re.escape(word) + r"(?![\w\-‐])", doc.text) is not None
    cache[word] = found
    return found


_CAMEL_RE = re.compile(r"(?!Mc|Mac|De|Di|Du|La|Le|Van|Von|O’|O')(?:[A-Z]+[a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]+)(?<!tel)(?<!tels)")


def _acronymish(w: str) -> bool:
    core = w.replace(".", "").replace("-", "")
    return 2 <= len(core) <= 7 and core.isupper() and core.isalpha()


def _acronym(doc: _Doc, ch: _Chunk, t: _Tok) -> list[_Cand]:
    cues = doc.cues
    w = t.text
    bare = w.rstrip("’'s") if w.endswith(("’s", "'s")) else w
    end = t.start + len(bare)
    if bare in cues.not_org_acronym or re.fullmatch(r"GO[A-Z]{1,3}", bare):
        return []
    if bare in cues.org_name:
        return [_Cand(t.start, end, ORG, norm(bare), "high", region=ch.region, score=4)]
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
    if prev and prev[0] in cues.person_before and len(core) >= 3:
        return _person_or_place(doc, ch, [t], [], caps=True)  # DEAR DICK
    line_start = doc.text.rfind("\n", 0, t.start) + 1
    line_end = doc.text.find("\n", t.end)
    line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
    in_prose = len(re.findall(r"\b[a-z]{2,}\b", line)) >= 3
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
    if len(items) >= 2 and last in cues.place_suffix and items[-1].text[:1].isupper():
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
    if strength >= 2.5 or (strength >= 1.5 and len(items) == 1):
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
    m = re.match(r"[ \t]+([^\W\d_]+)", doc.text[end:end + 40])
    return m.group(1).casefold() if m else ""


def _prev_words(doc: _Doc, start: int, n: int = 3) -> list[str]:
    before = doc.text[max(0, start - 60):start]
    if "\n" in before:
        before = before[before.rindex("\n") + 1:]
    return re.findall(r"[^\W\d_]+\.?|[,;:(]", before)[-n:]


def _next_words(doc: _Doc, end: int, n: int = 3) -> list[str]:
    after = doc.text[end:end + 60]
    if "\n" in after:
        after = after[:after.index("\n")]
    return re.findall(r"[^\W\d_]+|[,;:()]|\d+", after)[:n]


def _person_or_place(doc: _Doc, ch: _Chunk, items: list[_Tok], toks: list[_Tok], *,
                     caps: bool = False) -> list[_Cand]:
    cues = doc.cues
    text = doc.text
    # drop trailing particles / leading common words
    while items and items[-1].kind == "word" and items[-1].text in cues.particles:
        items = items[:-1]
    # leading demonyms and non-name words are outside ("Soviet Razin", "Deputy" handled as role)
    while len(items) > 1 and (doc.is_demonym(items[0].text) or items[0].text.casefold() in cues.not_name):
        items = items[1:]
        ch = _Chunk(items, ch.index, False, ch.region)
    while len(items) > 1 and items[-1].text.casefold() in cues.not_name and \
            items[-1].text.casefold() not in cues.name_suffix:
        items = items[:-1]
    if not items:
        return []
    start = items[0].start
    end = _strip_possessive(text, items[-1])
    surface = text[start:end]
    words = [_name_text(t) for t in items]
    if all(doc.is_demonym(w) or w.casefold() in cues.not_name for w in words):
        return []
    if len(words) == 1 and re.fullmatch(r"\w*tels?", words[0], re.IGNORECASE):
        return []  # Embtel, Deptel, urtel
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
    if prev:
        p1 = prev[-1]
        if p1 in cues.place_before:
            place += 1.0
        if len(prev) >= 2 and p1 == "of" and prev[-2] in cues.place_of:
            place += 4.0
        if p1 in cues.person_before:
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
    if len(items) >= 2 and sum(nameish) >= 2:
        person += 1.5
    if len(items) >= 2 and words[-1].casefold() in cues.name_suffix:
        person += 2.0

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
    if ch.initial and not any(nameish[:1]) and person < 3 and place < 3:
        return []

    if place > person and place >= 1.5:
        tag = PLACE
        score = place
    else:
        tag = PERSON
        score = person
    tentative = tag == PERSON and person < 1.0
    cert = "high" if score >= 3 else "medium" if score >= 1.5 else "low"
    key = _key_of(" ".join(w for w in words))
    return [_Cand(start, end, tag, key, cert, score=score - (place if tag == PERSON else person),
                  region=ch.region, initial=ch.initial, tentative=tentative, strength=strength)]


# --------------------------------------------------------------------------- document level


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
        words = re.findall(r"[^\W\d_]+(?:[-‐’'][^\W\d_]+)*", doc.text[name_start:c.end])
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


def _drop_overlaps(fixed: list[_Cand], cands: list[_Cand]) -> list[_Cand]:
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out = list(fixed)
    taken = sorted((c.start, c.end) for c in fixed)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for c in cands:
        if c.end <= c.start:
            continue
        if free(c.start, c.end):
            out.append(c)
            taken.append((c.start, c.end))
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
