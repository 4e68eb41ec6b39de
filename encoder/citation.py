"""Archival citations and credit lines, parsed into their parts.

``RGASPI, f. 558, op. 11, d. 99, ll. 0007-0008. Contributed by A and
translated by B.`` gives the repository, fond, opis, delo and folios of the
original, and the people credited. What cannot be parsed is kept verbatim by
the caller; nothing here guesses.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from encoder.model import Credit, Region


@dataclass(frozen=True, slots=True)
class Archive:
    abbr: str
    name: str
    settlement: str
    language: str


@dataclass(frozen=True, slots=True)
class ArchivalReference:
    """The parts of an archival reference, each verbatim from the citation."""

    text: str                                   # the archival part, verbatim
    repository: str
    archive: Archive | None
    collections: tuple[tuple[str, str], ...]    # (type, value): fond, opis, papka
    idnos: tuple[tuple[str, str], ...]          # (type, value): delo, callNumber
    locus: str | None                           # "ll. 0007-0008" as printed
    locus_from: str | None
    locus_to: str | None


@functools.cache
def archives() -> dict[str, Archive]:
    """The archives table, keyed by normalised abbreviation."""
    text = resources.files("encoder").joinpath("data/archives.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((l for l in text.splitlines() if not l.startswith("#")), delimiter="\t")
    return {_archive_key(r["abbr"]): Archive(r["abbr"], r["name"], r["settlement"], r["language"])
            for r in rows}


def _archive_key(name: str) -> str:
    return re.sub(r"[\s.]+(RF)$", "", name.strip()).casefold()


def find_archive(name: str) -> Archive | None:
    table = archives()
    key = _archive_key(name)
    if key in table:
        return table[key]
    paren = re.search(r"\(([^()]+)\)", name)  # "Archive of ... (AVP RF)"
    if paren and _archive_key(paren.group(1)) in table:
        return table[_archive_key(paren.group(1))]
    for archive in table.values():  # written out in full
        if archive.name.casefold() == name.strip().casefold():
            return archive
    return None


# Russian-style reference parts: "f. 558", "fond 558", "op. 11", "p. 18", "d. 99", "ll. 7-8".
_PART = re.compile(
    r"^(?P<label>f|fond|F|op|opis|p|papka|d|delo|file|ll|l|list|listy|pp|folios?|fol)\.?\s+"
    r"(?P<value>[\w/-]+(?:\s*[-–]\s*[\w]+)?(?:\s*ob\.?)?)$",
    re.IGNORECASE,
)
_KIND = {
    "f": "fond", "fond": "fond", "op": "opis", "opis": "opis", "p": "papka", "papka": "papka",
    "d": "delo", "delo": "delo", "file": "delo",
}
_LOCUS = {"ll", "l", "list", "listy", "pp", "folio", "folios", "fol"}
_PUBLISHED = re.compile(r"\b(eds?\.|ed\. by|edited by)|\([^()]*:\s*[^()]*\d{4}\)|\bWorking Paper\b|\bBulletin\b")


def parse_reference(text: str) -> ArchivalReference | None:
    """Parse the archival part of a citation; None for a published source."""
    text = text.strip().rstrip(".").strip()
    if not text or _PUBLISHED.search(text):
        return None
    pieces = [p.strip() for p in re.split(r",\s*", text) if p.strip()]
    if len(pieces) < 2:
        return None
    repository = pieces[0]
    if len(repository.split()) > 12:
        return None
    collections: list[tuple[str, str]] = []
    idnos: list[tuple[str, str]] = []
    locus = locus_from = locus_to = None
    rest: list[str] = []
    for piece in pieces[1:]:
        m = _PART.match(piece)
        label = m.group("label").lower() if m else ""
        if m and label in _LOCUS:
            locus = piece
            numbers = re.findall(r"\d+", m.group("value"))
            if numbers:
                locus_from = str(int(numbers[0]))
                locus_to = str(int(numbers[-1]))
        elif m and _KIND.get(label) == "delo":
            idnos.append(("delo", m.group("value")))
        elif m and label in _KIND:
            collections.append((_KIND[label], m.group("value")))
        else:
            rest.append(piece)
    if rest:
        # Call numbers of other archives ("DY 30/3497", "XIX-J-1-j") stay one idno.
        idnos.append(("callNumber", ", ".join(rest)))
    return ArchivalReference(
        text=text,
        repository=repository,
        archive=find_archive(repository),
        collections=tuple(collections),
        idnos=tuple(idnos),
        locus=locus,
        locus_from=locus_from,
        locus_to=locus_to,
    )


_VERBS = {
    "contributed": "ctb", "obtained": "ctb", "provided": "ctb", "translated": "trl",
    "edited": "edt", "transcribed": "trc", "annotated": "ann",
}
_CREDIT = re.compile(
    r"\b(?P<verbs>(?:contributed|obtained|provided|translated|edited|transcribed|annotated)"
    r"(?:\s*(?:,|and|&)\s*(?:contributed|obtained|provided|translated|edited|transcribed|annotated))*)"
    r"(?:\s+(?:for|from|into)\s+[^.]*?)?\s+by\s+",
    re.IGNORECASE,
)
_NAME_END = re.compile(r"\.(?:\s|$)(?<!\b[A-Z]\.)|;|$")


def credits_in(text: str, offset: int = 0) -> tuple[Credit, ...]:
    """Credits ("Contributed by A and translated by B.") found in a text.

    ``offset`` is where ``text`` starts in the source, so each credit keeps
    the region of the name.
    """
    found: list[Credit] = []
    matches = list(_CREDIT.finditer(text))
    for i, m in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        names_text = text[m.end():stop]
        names_text = re.split(r"(?<![A-Z])\.(?:\s|$)|;|\s+and\s+(?=(?:contributed|obtained|provided|translated|edited|transcribed|annotated)\b)",
                              names_text, maxsplit=1, flags=re.IGNORECASE)[0]
        roles = [_VERBS[v.lower()] for v in re.findall(r"[A-Za-z]+", m.group("verbs")) if v.lower() in _VERBS]
        for name_m in re.finditer(r"[^,&]+?(?=\s*(?:,|&|\band\b|$))", names_text):
            name = name_m.group().strip()
            name = re.sub(r"^and\s+", "", name).strip().rstrip(".")
            if not name or not name[0].isupper():
                continue
            start = m.end() + names_text.index(name, name_m.start())
            region = Region(offset + start, offset + start + len(name))
            for role in dict.fromkeys(roles):
                found.append(Credit(role=role, name=name, region=region))
    return tuple(found)


def split_citation(text: str) -> tuple[str, str]:
    """Split a citation into its archival part and its credits part."""
    m = re.search(r"(?:(?<=\.)|^)\s*(?=(?:Contributed|Obtained|Provided|Translated|Edited|Transcribed)\b)", text)
    if not m:
        return text, ""
    return text[: m.start()].strip(), text[m.start():].strip()
