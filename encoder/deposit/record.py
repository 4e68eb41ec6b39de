"""What the citation and deposit formats say, read from the TEI files (the product).

Every format in this package is built from a ``Record``: the values a
citation or a repository needs (title, date, people, source, rights,
identifiers), read from a document's ``teiHeader`` and ``standOff``, or
summed up for the whole edition. Nothing is read from the pipeline's
internal objects, so the deposit of an edition can be remade from
``editions/tei/`` alone.

Identifiers: a document's URL is ``{base_url}/{file stem}.html`` and a
paragraph's is that URL plus ``#p1``, ``#p2``... (the paragraphs'
``xml:id``). When the edition has no ``base_url`` the URLs are relative to
the site's root (``STEM.html``, ``index.html``): such records describe the
site as built, but are not fit to deposit until a base URL is set.
No DOI is ever made up: a record carries one only when the caller passes it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from lxml import etree

from encoder.errors import EncoderError
from encoder.model import Edition
from encoder.tei import NS, TEI_NS, XML_NS

RELATORS: Final = "http://id.loc.gov/vocabulary/relators/"

# Authority files, in the order a name's URI is chosen: CMIF recommends VIAF,
# GND and LC for persons and organisations, GeoNames for places; Wikidata is
# the general fallback. Values that are already URIs are kept as they are.
AUTHORITY_URIS: Final = {
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "http://d-nb.info/gnd/{}",
    "lc": "http://id.loc.gov/authorities/names/{}",
    "geonames": "https://www.geonames.org/{}",
    "wikidata": "http://www.wikidata.org/entity/{}",
}
_PREFERENCE: Final = {
    "person": ("viaf", "gnd", "lc", "wikidata"),
    "org": ("viaf", "gnd", "lc", "wikidata"),
    "place": ("geonames", "wikidata"),
}
_ISO_DAY = re.compile(r"^-?\d{4}(?:-\d{2}(?:-\d{2})?)?")


class DepositError(EncoderError, ValueError):
    """A citation or deposit record cannot be made from the given TEI and settings."""


@dataclass(frozen=True, slots=True)
class Agent:
    """A person or organisation named in a record, with its authority URI if known."""

    name: str                                  # the register's regular form, else as written
    kind: Literal["persName", "orgName"] = "persName"
    uri: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    uri: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """The values every citation and deposit format is made from."""

    kind: Literal["document", "edition"]
    id: str                                    # the TEI's xml:id, or "edition"
    url: str                                   # the page's URL (relative when base_url is empty)
    title: str
    edition: Edition
    edition_url: str
    language: str | None = None                # of this text (ISO 639-1)
    original_language: str | None = None       # of the original, when this is a translation
    date: str | None = None                    # ISO 8601 at day precision at most
    date_text: str | None = None
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    sent_places: tuple[Place, ...] = ()
    translators: tuple[Agent, ...] = ()
    contributors: tuple[Agent, ...] = ()
    doc_type: str | None = None                # "Telegram", from the header's taxonomy
    summary: str | None = None
    source_title: str | None = None
    source_publisher: str | None = None
    source_url: str | None = None
    published_in: str | None = None
    source_citation: str | None = None
    source_rights: str | None = None
    archive: str | None = None
    archive_location: str | None = None
    paragraphs: tuple[str, ...] = ()           # xml:id of each paragraph, in order
    parts: tuple[str, ...] = ()                # for the edition: its documents' URLs
    date_range: tuple[str, str] | None = None  # for the edition: first and last document date


def document_url(edition: Edition, stem: str) -> str:
    """The URL of a document's reading page: ``{base_url}/{stem}.html`` (relative if no base URL)."""
    base = edition.base_url.rstrip("/")
    return f"{base}/{stem}.html" if base else f"{stem}.html"


def edition_url(edition: Edition) -> str:
    """The URL of the edition's home page (``index.html`` when there is no base URL)."""
    base = edition.base_url.rstrip("/")
    return f"{base}/" if base else "index.html"


def paragraph_urls(tei: etree._ElementTree, page_url: str) -> dict[str, str]:
    """Each paragraph's stable URL, ``page_url#p1``..., keyed by its xml:id."""
    return {pid: f"{page_url}#{pid}" for pid in _paragraph_ids(tei)}


def day(value: str | None) -> str | None:
    """An ISO date or dateTime cut to day precision (YYYY, YYYY-MM or YYYY-MM-DD); None if not ISO."""
    if not value:
        return None
    m = _ISO_DAY.match(value.strip())
    return m.group(0) if m else None


# --- reading the TEI -----------------------------------------------------------------------------

def _root(tei: etree._ElementTree | etree._Element) -> etree._Element:
    root = tei.getroot() if isinstance(tei, etree._ElementTree) else tei
    if root.tag != f"{{{TEI_NS}}}TEI":
        raise DepositError(f"not a TEI document: the root element is {root.tag!r}",
                           hint="give a TEI file of the edition (editions/tei/*.xml)")
    return root


def _text(el: etree._Element | None) -> str | None:
    """The element's text with whitespace normalised; paragraphs inside it are joined by a space."""
    if el is None:
        return None
    paragraphs = el.findall("tei:p", NS)
    chunks = ["".join(p.itertext()) for p in paragraphs] if paragraphs else ["".join(el.itertext())]
    text = " ".join(" ".join(chunks).split())
    return text or None


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces=NS)
    return found[0] if found else None


def _paragraph_ids(tei: etree._ElementTree | etree._Element) -> list[str]:
    root = _root(tei)
    return [str(p) for p in root.xpath("tei:text/tei:body//tei:p/@xml:id", namespaces=NS)]


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str                                  # person, place, org
    reg: str | None
    idnos: tuple[tuple[str, str], ...]
    cert: str | None


_NAME_TAGS: Final = {"person": "persName", "place": "placeName", "org": "orgName"}


def _entry_of(el: etree._Element, kind: str) -> _Entry:
    name_tag = _NAME_TAGS[kind]
    reg = el.find(f"tei:{name_tag}[@type='reg']", NS)
    if reg is None:
        reg = el.find(f"tei:{name_tag}", NS)
    idnos = tuple((i.get("type", "").lower(), (i.text or "").strip())
                  for i in el.findall("tei:idno", NS) if (i.text or "").strip())
    return _Entry(kind, _text(reg), idnos, el.get("cert"))


class Authorities:
    """Register entries by xml:id: regular names and authority URIs.

    Built from the editors' master registers (``editions/registers/*.xml``),
    which win, and from the copies each TEI file carries in its ``standOff``.
    The masters are given as trees or, for registers of any size, as a
    ``MasterRegisters`` index read one entry at a time.
    An authority id on an entry the encoder itself marked ``cert="low"`` is
    not exported: it is a guess awaiting review, and a wrong id in a union
    index such as correspSearch would link letters to the wrong person or place.
    """

    def __init__(self, trees: Iterable[etree._ElementTree | etree._Element] = (),
                 masters: MasterRegisters | None = None) -> None:
        self._entries: dict[str, _Entry] = {}
        self._masters = masters
        self._asked: dict[str, _Entry | None] = {}
        for tree in trees:
            self.add(tree)

    def add(self, tree: etree._ElementTree | etree._Element) -> None:
        """Add the entries of a register or TEI file; entries already known are kept."""
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        for kind in ("person", "place", "org"):
            for el in root.iter(f"{{{TEI_NS}}}{kind}"):
                eid = el.get(f"{{{XML_NS}}}id")
                if not eid or eid in self._entries:
                    continue
                self._entries[eid] = _entry_of(el, kind)

    def _get(self, ref: str | None) -> _Entry | None:
        eid = (ref or "").removeprefix("#")
        if self._masters is not None:
            if eid not in self._asked:
                self._asked[eid] = self._masters.get(eid)
            if self._asked[eid] is not None:
                return self._asked[eid]
        return self._entries.get(eid)

    def regular_name(self, ref: str | None) -> str | None:
        entry = self._get(ref)
        return entry.reg if entry else None

    def uri(self, ref: str | None) -> str | None:
        """The authority URI of the entry a local ``@ref`` points to, if it has a trusted one."""
        if ref and ref.startswith(("http://", "https://")):
            return ref
        entry = self._get(ref)
        if entry is None or entry.cert == "low":
            return None
        idnos = dict(reversed(entry.idnos))        # the first idno of a type wins
        for kind in _PREFERENCE[entry.kind]:
            value = idnos.get(kind)
            if value:
                return value if value.startswith(("http://", "https://")) else AUTHORITY_URIS[kind].format(value)
        return None


class MasterRegisters:
    """The editors' register files as authorities, indexed on disk: ``get`` reads one entry.

    The files are read once, an element at a time, into an SQLite file in a
    temporary folder, so that registers of any size (an archive's hundreds of
    thousands of entries) take no memory, and each record asks only for the
    entries its document names. An entry of an earlier file, or of an earlier
    kind (person, place, org) in the same file, wins, as in ``Authorities``.
    Each process opens its own connection: the workers of a build read the
    index their parent made.
    """

    def __init__(self, paths: Iterable[str | Path]) -> None:
        from encoder.registers import outermost  # the registers' reader: a file an element at a time

        self._dir = tempfile.mkdtemp(prefix="tei-encoder-masters-")
        self._finalizer = weakref.finalize(self, _remove_folder, self._dir, os.getpid())
        self._path = os.path.join(self._dir, "masters.sqlite3")
        self._pid, self._db = os.getpid(), sqlite3.connect(self._path)
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2000;"
            "CREATE TABLE entry (id TEXT PRIMARY KEY, rank INTEGER, kind TEXT, reg TEXT, idnos TEXT,"
            "                    cert TEXT) WITHOUT ROWID;")
        kinds = ("person", "place", "org")
        tags = {f"{{{TEI_NS}}}{kind}": number for number, kind in enumerate(kinds)}
        with self._db:
            for number, path in enumerate(paths):
                for outer in outermost(Path(path), tags, collect_ids=False):
                    for el in outer.iter(*tags):
                        eid = el.get(f"{{{XML_NS}}}id")
                        if not eid:
                            continue
                        kind = tags[el.tag]
                        e = _entry_of(el, kinds[kind])
                        self._db.execute(
                            "INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                            "rank = excluded.rank, kind = excluded.kind, reg = excluded.reg, idnos = excluded.idnos, "
                            "cert = excluded.cert WHERE excluded.rank < entry.rank",
                            (eid, number * len(kinds) + kind, e.kind, e.reg, json.dumps(e.idnos), e.cert))

    def get(self, entry_id: str) -> _Entry | None:
        if self._pid != os.getpid():  # a forked worker: its own connection to the same file
            self._pid, self._db = os.getpid(), sqlite3.connect(self._path)
        row = self._db.execute("SELECT kind, reg, idnos, cert FROM entry WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            return None
        kind, reg, idnos, cert = row
        return _Entry(kind, reg, tuple((t, v) for t, v in json.loads(idnos)), cert)

    def close(self) -> None:
        if self._pid == os.getpid():
            self._db.close()
        self._finalizer()


def _remove_folder(folder: str, pid: int) -> None:
    if os.getpid() == pid:  # never the parent's index, from a worker that inherited it
        shutil.rmtree(folder, ignore_errors=True)


def authorities(registers: Iterable[etree._ElementTree] | MasterRegisters,
                *trees: etree._ElementTree | etree._Element) -> Authorities:
    """The authorities of a document: the master ``registers`` (trees or an index) over its own copies."""
    if isinstance(registers, MasterRegisters):
        return Authorities(trees, masters=registers)
    return Authorities([*registers, *trees])


def _agent(el: etree._Element, auth: Authorities) -> Agent:
    kind: Literal["persName", "orgName"] = "orgName" if el.tag == f"{{{TEI_NS}}}orgName" else "persName"
    ref = el.get("ref")
    name = auth.regular_name(ref) or _text(el) or ""
    return Agent(name=name, kind=kind, uri=auth.uri(ref))


def _place(el: etree._Element, auth: Authorities) -> Place:
    ref = el.get("ref")
    return Place(name=auth.regular_name(ref) or _text(el) or "", uri=auth.uri(ref))


def _document_date(root: etree._Element) -> tuple[str | None, str | None]:
    for path in ("tei:teiHeader/tei:profileDesc/tei:creation/tei:date",
                 "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date",
                 "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:date"):
        el = _first(root, path)
        if el is None:
            continue
        for attr in ("when", "notBefore", "from", "notAfter", "to"):
            value = day(el.get(attr))
            if value:
                return value, _text(el)
    return None, None


_LOCATION_PREFIX: Final = {"fond": "f.", "opis": "op.", "delo": "d."}


def _archive(root: etree._Element) -> tuple[str | None, str | None]:
    ident = _first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc/tei:msIdentifier")
    if ident is None:
        return None, None
    repository = _text(ident.find("tei:repository", NS))
    parts = []
    for el in ident:
        if el.tag in (f"{{{TEI_NS}}}collection", f"{{{TEI_NS}}}idno") and _text(el):
            prefix = _LOCATION_PREFIX.get(el.get("type", ""))
            parts.append(f"{prefix} {_text(el)}" if prefix else str(_text(el)))
    locus = _first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc//tei:locus")
    if _text(locus):
        parts.append(str(_text(locus)))
    return repository, ", ".join(parts) or None


def _credits(root: etree._Element, auth: Authorities, role: str) -> tuple[Agent, ...]:
    found = root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:respStmt"
                       "[tei:resp/@ref = $ref]/tei:persName | "
                       "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:respStmt"
                       "[tei:resp/@ref = $ref]/tei:orgName", namespaces=NS, ref=RELATORS + role)
    return tuple(_agent(el, auth) for el in found)


def read_document(tei: etree._ElementTree, *, edition: Edition, page_url: str,
                  registers: Iterable[etree._ElementTree] | MasterRegisters = ()) -> Record:
    """The record of one TEI document of the edition; ``registers`` are the master registers, if any
    (trees, or a ``MasterRegisters`` index of their files)."""
    root = _root(tei)
    auth = authorities(registers, root)
    header = "tei:teiHeader/"
    title = _text(_first(root, header + "tei:fileDesc/tei:titleStmt/tei:title[@type='main']")) \
        or _text(_first(root, header + "tei:fileDesc/tei:titleStmt/tei:title"))
    if not title:
        raise DepositError("the TEI document has no title in titleStmt",
                           hint="every TEI file of the edition should have titleStmt/title")
    lang = root.get(f"{{{XML_NS}}}lang")
    original = [str(i) for i in root.xpath(header + "tei:profileDesc/tei:langUsage/tei:language/@ident",
                                           namespaces=NS) if str(i) != lang]
    date, date_text = _document_date(root)
    corresp = header + "tei:profileDesc/tei:correspDesc/tei:correspAction"
    senders = tuple(_agent(el, auth) for el in root.xpath(
        f"{corresp}[@type='sent']/tei:persName | {corresp}[@type='sent']/tei:orgName", namespaces=NS))
    recipients = tuple(_agent(el, auth) for el in root.xpath(
        f"{corresp}[@type='received']/tei:persName | {corresp}[@type='received']/tei:orgName", namespaces=NS))
    places = tuple(_place(el, auth) for el in root.xpath(f"{corresp}[@type='sent']/tei:placeName",
                                                         namespaces=NS))
    doc_type = None
    target = _first(root, header + "tei:profileDesc/tei:textClass/tei:catRef/@target")
    if target is not None:
        cat = root.xpath("//tei:category[@xml:id = $id]/tei:catDesc", namespaces=NS,
                         id=str(target).removeprefix("#"))
        doc_type = _text(cat[0]) if cat else None
    bibl = _first(root, header + "tei:fileDesc/tei:sourceDesc/tei:bibl")
    archive, location = _archive(root)

    def in_bibl(path: str) -> str | None:
        return _text(bibl.find(path, NS)) if bibl is not None else None

    ref = bibl.find("tei:ref", NS) if bibl is not None else None
    return Record(
        kind="document",
        id=root.get(f"{{{XML_NS}}}id") or "",
        url=page_url,
        title=title,
        edition=edition,
        edition_url=edition_url(edition),
        language=lang,
        original_language=original[0] if original else None,
        date=date,
        date_text=date_text,
        senders=senders,
        recipients=recipients,
        sent_places=places,
        translators=_credits(root, auth, "trl"),
        contributors=_credits(root, auth, "ctb"),
        doc_type=doc_type,
        summary=_text(_first(root, header + "tei:profileDesc/tei:abstract")),
        source_title=in_bibl("tei:title"),
        source_publisher=in_bibl("tei:publisher"),
        source_url=ref.get("target") if ref is not None else None,
        published_in=in_bibl("tei:note[@type='published-in']"),
        source_citation=in_bibl("tei:note[@type='citation']"),
        source_rights=in_bibl("tei:note[@type='rights']"),
        archive=archive,
        archive_location=location,
        paragraphs=tuple(_paragraph_ids(root)),
    )


def read_edition(documents: Mapping[str, etree._ElementTree] | Sequence[tuple[str, etree._ElementTree]],
                 *, edition: Edition) -> Record:
    """The record of the edition as a whole; ``documents`` maps each document's URL to its TEI."""
    # One pass, keeping only what the record needs: ``documents`` may parse its files one at a time.
    urls, found, langs = [], [], set()
    for url, tei in (documents.items() if isinstance(documents, Mapping) else documents):
        root = _root(tei)
        urls.append(url)
        date = _document_date(root)[0]
        if date:
            found.append(date)
        if root.get(f"{{{XML_NS}}}lang"):
            langs.add(str(root.get(f"{{{XML_NS}}}lang")))
    if not urls:
        raise DepositError("the edition has no documents", hint="build the edition's TEI files first")
    dates, languages = sorted(found), sorted(langs)
    return Record(
        kind="edition",
        id="edition",
        url=edition_url(edition),
        title=edition.title,
        edition=edition,
        edition_url=edition_url(edition),
        language=languages[0] if len(languages) == 1 else None,
        parts=tuple(sorted(urls)),
        date_range=(dates[0], dates[-1]) if dates else None,
    )
