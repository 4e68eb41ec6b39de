"""The cross-document pages of the web edition: registers with back-references, and search.

A build reads each TEI document once (in its worker) into a small, picklable
``DocFacts``: its title and date, every name in it that points to a register
entry (with the anchor on the reading page where the name stands) and the
words a search needs. From those facts alone, without any document in memory:

``register_pages``  persons.html, places.html, orgs.html: every register entry
                    (anchor = its xml:id) with its names, authority links,
                    coordinates and the documents and paragraphs naming it,
                    made by ``xslt/register.xsl`` (XSLT 1.0);
``search_index``    search-index.js, a prebuilt index assigned to a global, so
                    that the search works from ``file://`` too (where fetch()
                    of a JSON file fails); ``assets`` gives search.js, the
                    script that reads it on the index page.

However many documents: ``gather`` reads the facts once, one document at a
time and in any order, into a ``FactStore`` (SQLite, in a temporary folder);
each page is then made part by part from it: the page itself from its counts
and letters, and the entries in batches (each batch's TEI entries and the
documents naming them, one XSLT run), put in where the page marks their group.
``edition_pages`` gives the pages one at a time, each joined from its parts
when asked for, so that the build holds no more than one of them.

Anchors are the ones the reading page has (``xslt/html-text.xsl``): a block's
xml:id (``p3``, ``b2``), ``para-N`` for a paragraph without one (as
``block-id`` in ``html-common.xsl`` counts them), the division's id for a
heading, and ``ed-about`` (the header panel) for a name in the header.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import itertools
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lxml import etree

from encoder import memory
from encoder.errors import EncoderError, TransformError
from encoder.model import Edition, Entry
from encoder.registers import FILES, KINDS, Registers, RegisterStore
from encoder.render import render_register
from encoder.resources import xslt_path
from encoder.safexml import parse_xml
from encoder.tei import register_tree

__all__ = ["Mention", "DocFacts", "PAGES", "FactStore", "document_facts", "gather", "register_pages",
           "edition_pages", "edition_page_parts", "search_index", "assets", "fold", "words", "initial"]

TEI_NS: Final = "http://www.tei-c.org/ns/1.0"
XML_ID: Final = "{http://www.w3.org/XML/1998/namespace}id"
_NS: Final = {"t": TEI_NS}

#: The register page of each kind of entry (the same names in every site).
PAGES: Final = {"person": "persons.html", "place": "places.html", "org": "orgs.html"}
#: What the build writes besides the pages: the search index and the script that reads it.
SEARCH_INDEX: Final = "search-index.js"
SEARCH_SCRIPT: Final = "search.js"

# The blocks the reading page renders as <p> with the block's id (html-text.xsl).
_BLOCKS: Final = frozenset({"p", "dateline", "salute", "signed", "trailer", "byline", "docAuthor"})
_OPENER_BLOCKS: Final = frozenset({"seg", "address"})
# Elements whose own xml:id the reading page keeps as an HTML id.
_ID_KEPT: Final = frozenset({"div", "head", "item"})
# Names in these parts of the header are boilerplate (the archive's rights and funding
# statements name the same country and foundation in every document), not mentions.
_BOILERPLATE: Final = "ancestor::t:availability or ancestor::t:funder or ancestor::t:note[@type='rights' or @type='funding']"
# Elements the reading page prints apart from the words around them (brackets, breaks).
_APART: Final = frozenset({"note", "supplied", "gap", "ref", "lb", "pb", "p", "head", "seg", "dateline",
                           "signed", "salute", "opener", "closer", "item", "cell", "l", "desc"})
_FOOTNOTE_PLACES: Final = frozenset({"foot", "end", "bottom"})
_MONTHS: Final = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in a document that points to a register entry."""

    ref: str        # the entry's xml:id
    tag: str        # persName, placeName, orgName, repository
    anchor: str     # the HTML id on the reading page where the name stands
    label: str      # how a back-reference shows the place: "¶ p3", "the heading", "note 2", "the header"
    text: str       # the name as the document writes it


@dataclass(frozen=True, slots=True)
class DocFacts:
    """What the cross-document pages need of one document (small: no text, no tree)."""

    stem: str
    title: str
    date: str = ""                       # ISO 8601, or "" when undated
    summary: str = ""
    kind: str = ""                       # "Telegram", from the document's category
    mentions: tuple[Mention, ...] = ()   # in document order (header first)
    words: tuple[str, ...] = ()          # the folded words of the document, sorted, each once

    @property
    def href(self) -> str:
        return f"{self.stem}.html"


# ---------------------------------------------------------------- words

def fold(text: str) -> str:
    """The form words are compared in: no diacritics, lower case (search.js folds queries the same way)."""
    if text.isascii():  # the common case, and the same result: ASCII has nothing to decompose
        return text.lower()
    # ASCII characters neither decompose nor reorder (they are starters), so only the runs of
    # other characters need the slow path; lower() is applied to the whole, as before
    return _NON_ASCII.sub(_strip_marks, text).lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_marks(run: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", run.group())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of a text, in order; one-letter words (but not digits) are left out."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 or w.isdigit()]


def _date_words(iso: str) -> list[str]:
    """"1945-11-21" gives 1945, 11, 21 and november, so that "November 1945" finds it."""
    found = _WORD.findall(iso.split("T")[0])
    if len(found) >= 2 and found[1].isdigit() and 1 <= int(found[1]) <= 12:
        found.append(_MONTHS[int(found[1]) - 1])
    if len(found) >= 3 and found[2].isdigit():
        found.append(str(int(found[2])))
    return found


# ---------------------------------------------------------------- one document

def _text(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _first(root: etree._Element, xpath: str) -> str:
    for hit in root.xpath(xpath, namespaces=_NS):
        value = " ".join(str(hit).split()) if isinstance(hit, str) else _text(hit)
        if value:
            return value
    return ""


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _numbers(text: etree._Element) -> dict[etree._Element, int]:
    """The numbers the stylesheets give what has no xml:id: a paragraph's para-N (block-id in
    html-common.xsl) and a foot or end note's note-N (note-id in html-editorial.xsl)."""
    paras = text.xpath(".//t:p[not(@xml:id)]", namespaces=_NS)
    notes = text.xpath("//t:note[@place = 'foot' or @place = 'end' or @place = 'bottom']", namespaces=_NS)
    return {**{p: n for n, p in enumerate(paras, start=1)}, **{e: n for n, e in enumerate(notes, start=1)}}


def _anchor(el: etree._Element, numbers: dict[etree._Element, int]) -> tuple[str, str]:
    """The HTML id of the place on the reading page where a name in the text stands, and its label."""
    for node in el.iterancestors():
        name = _local(node)
        eid = node.get(XML_ID)
        if name == "note" and node.get("place") in _FOOTNOTE_PLACES:
            # printed in the Notes section, as <li id="note-id"> (html-editorial.xsl)
            label = " ".join((node.get("n") or "").split()) or str(numbers.get(node, ""))
            return eid or f"note-{numbers.get(node, 0)}", f"note {label}"
        # A p inside a note or quotation is printed as a span, without its id (html-text.xsl).
        inline = node.xpath("boolean(ancestor::t:note or ancestor::t:q or ancestor::t:quote[ancestor::t:p])",
                            namespaces=_NS)
        parent = node.getparent()
        in_opener = parent is not None and _local(parent) in ("opener", "closer")
        if not inline and (name in _BLOCKS or (in_opener and name in _OPENER_BLOCKS)):
            if eid:
                return eid, f"¶\u00a0{eid}"
            if name == "p" and node in numbers:
                return f"para-{numbers[node]}", f"¶\u00a0para-{numbers[node]}"
            continue
        if name in _ID_KEPT and eid:
            in_head = name == "head" or el.xpath("boolean(ancestor::t:head)", namespaces=_NS)
            return eid, "the heading" if in_head else f"¶\u00a0{eid}"
        if name == "text":
            break
    return "ed-text", "the text"


def _reading_text(el: etree._Element) -> str:
    """The text of an element as the reading page shows it, for its words: an editorial
    insertion (printed in brackets) is a word of its own, any other element is not."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        apart = _local(node) in _APART
        parts.append(" " if apart else "")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")  # a comment's tail is text too; its own text is not
        parts.append(" " if apart else "")

    walk(el)
    return "".join(parts)


def _refs(el: etree._Element) -> list[str]:
    return [token[1:] for token in (el.get("ref") or "").split() if token.startswith("#") and len(token) > 1]


def document_facts(tree: etree._ElementTree | etree._Element, stem: str) -> DocFacts:
    """Read what the cross-document pages need from one TEI document (``stem``: its page is stem.html)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    header = "/t:TEI/t:teiHeader"
    title = (_first(root, f"{header}/t:fileDesc/t:titleStmt/t:title[@type='main']")
             or _first(root, f"{header}/t:fileDesc/t:titleStmt/t:title")
             or _first(root, "/t:TEI/t:text//t:head") or "Untitled document")
    date = (_first(root, f"{header}/t:profileDesc/t:creation/t:date/@when")
            or _first(root, f"{header}/t:profileDesc/t:correspDesc/t:correspAction[@type='sent']/t:date/@when")
            or _first(root, f"{header}/t:fileDesc/t:sourceDesc/t:bibl/t:date/@when"))
    summary = _first(root, f"{header}/t:profileDesc/t:abstract")
    category = _first(root, f"{header}/t:profileDesc/t:textClass/t:catRef[1]/@target").lstrip("#")
    kind = _first(root, f"{header}/t:encodingDesc/t:classDecl//t:category[@xml:id='{category}']/t:catDesc") \
        if category and "'" not in category else ""
    found: list[Mention] = []
    names = "self::t:persName or self::t:placeName or self::t:orgName or self::t:repository"
    for el in root.xpath(f"{header}//*[{names}][@ref][not({_BOILERPLATE})]", namespaces=_NS):
        found += [Mention(ref, _local(el), "ed-about", "the header", _text(el)) for ref in _refs(el)]
    text_words: list[str] = []
    for text in root.xpath("/t:TEI/t:text", namespaces=_NS):
        numbers = _numbers(text)
        for el in text.xpath(f".//*[{names}][@ref]", namespaces=_NS):
            anchor, label = _anchor(el, numbers)
            found += [Mention(ref, _local(el), anchor, label, _text(el)) for ref in _refs(el)]
        text_words += words(_reading_text(text))
    everything = [*words(title), *words(summary), *_date_words(date), *words(kind), *text_words,
                  *(w for m in found for w in words(m.text))]
    return DocFacts(stem=stem, title=title, date=date, summary=summary, kind=kind, mentions=tuple(found),
                    words=tuple(sorted(set(everything))))


# ---------------------------------------------------------------- every document's facts, on disk

class FactStore:
    """Every document's facts, gathered in one pass into an SQLite database in a temporary folder.

    The pages that gather every document read back only what one part of a
    page needs (one batch of register entries and the documents naming them;
    the search records one at a time, in the index's order), so that memory
    does not grow with the number of documents. SQLite (standard library)
    rather than one file per register letter: it sorts and counts on the disk
    (documents in the index's order, mentions by entry), and one batch of
    entries is one indexed query. The store is made by ``gather`` and removed
    by ``close`` (or at the end of a ``with`` block).
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        if folder is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
        # Its name starts with a dot: not part of the site (nor of its deposit bag) while it exists.
        self._tmp = tempfile.TemporaryDirectory(prefix=".tei-encoder-site-", dir=folder)
        self.db = sqlite3.connect(os.path.join(self._tmp.name, "facts.sqlite3"))
        self.db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -8000;"
            "CREATE TABLE doc (id INTEGER PRIMARY KEY, stem TEXT, href TEXT, title TEXT, date TEXT,"
            "                  kind TEXT, summary TEXT, words TEXT);"
            "CREATE TABLE named (doc INTEGER, seq INTEGER, ref TEXT, tag TEXT, anchor TEXT, label TEXT,"
            "                    text TEXT);"
            # the index's order: rank = position on the index page (by date, undated last, title, file)
            "CREATE TABLE docorder (rank INTEGER PRIMARY KEY, doc INTEGER UNIQUE);"
            # the names again, kept in the order the register pages read them: an entry's names are
            # together, their documents in the index's order (one seek per entry)
            "CREATE TABLE mention (ref TEXT, rank INTEGER, seq INTEGER, doc INTEGER, tag TEXT, anchor TEXT,"
            "                      label TEXT, text TEXT, PRIMARY KEY (ref, rank, seq)) WITHOUT ROWID;")
        self._counts: dict[str, tuple[int, int]] | None = None

    def _add(self, facts: Iterable[DocFacts]) -> None:
        with self.db:  # one transaction
            for doc in facts:
                row = self.db.execute(
                    "INSERT INTO doc (stem, href, title, date, kind, summary, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc.stem, doc.href, doc.title, doc.date, doc.kind, doc.summary, " ".join(doc.words)))
                self.db.executemany("INSERT INTO named VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    ((row.lastrowid, seq, m.ref, m.tag, m.anchor, m.label, m.text)
                                     for seq, m in enumerate(doc.mentions)))
            self.db.execute("INSERT INTO docorder (doc) SELECT id FROM doc "
                            "ORDER BY date = '', date, title, stem, id")
            self.db.execute("INSERT INTO mention SELECT n.ref, o.rank, n.seq, n.doc, n.tag, n.anchor, n.label, n.text "
                            "FROM named n JOIN docorder o ON o.doc = n.doc ORDER BY n.ref, o.rank, n.seq")
            self.db.execute("DROP TABLE named")
            # how many names point to each entry, and from how many documents
            self.db.execute("CREATE TABLE counted (ref TEXT PRIMARY KEY, names INTEGER, docs INTEGER) WITHOUT ROWID")
            self.db.execute("INSERT INTO counted SELECT ref, COUNT(*), COUNT(DISTINCT doc) FROM mention GROUP BY ref")

    def close(self) -> None:
        self.db.close()
        self._tmp.cleanup()

    def __enter__(self) -> FactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def first_href(self, hrefs: Iterable[str]) -> str | None:
        """The first of ``hrefs`` (in code point order) that is a document's page, if any."""
        wanted = sorted(hrefs)
        marks = ", ".join("?" * len(wanted))
        row = self.db.execute(f"SELECT href FROM doc WHERE href IN ({marks}) ORDER BY href LIMIT 1", wanted).fetchone()
        return row[0] if row else None

    def docs(self) -> Iterator[tuple[str, str, str, str, str, str]]:
        """Each document's href, title, words, date, kind and summary, in the index's order."""
        return self.db.execute("SELECT d.href, d.title, d.words, d.date, d.kind, d.summary FROM docorder o "
                               "JOIN doc d ON d.id = o.doc ORDER BY o.rank")

    def counts(self) -> dict[str, tuple[int, int]]:
        """Entry id -> (names pointing to it, documents naming it), for every id named anywhere."""
        if self._counts is None:
            self._counts = {ref: (rows, docs) for ref, rows, docs in self.db.execute(
                "SELECT ref, names, docs FROM counted")}
        return self._counts

    def missing(self, refs: Iterable[str]) -> Iterator[tuple[str, str, list[tuple[str, int]]]]:
        """For ids no register holds: (id, the tag of its first name in the index's order, [(form, uses)])."""
        with self.db:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (ref TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM wanted")
            self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((r,) for r in refs))
        first = self.db.execute("SELECT m.ref, m.tag FROM wanted w JOIN mention m ON m.ref = w.ref "
                                "ORDER BY m.ref, m.rank, m.seq")
        forms = self.db.execute("SELECT m.ref, m.text, COUNT(*) FROM wanted w JOIN mention m ON m.ref = w.ref "
                                "WHERE m.text != '' GROUP BY m.ref, m.text ORDER BY m.ref")
        tags: dict[str, str] = {}
        for ref, tag in first:
            tags.setdefault(ref, tag)
        found: dict[str, list[tuple[str, int]]] = {}
        for ref, text, uses in forms:
            found.setdefault(ref, []).append((text, uses))
        for ref in sorted(tags):
            yield ref, tags[ref], found.get(ref, [])

    # -- register entries, filed on the disk (an archive's registers hold hundreds of thousands)

    def file_entries(self, filed: Iterable[tuple[str, _Filed]]) -> None:
        """Take in every register entry as its page files it: (kind, filing), in the registers' order.

        An entry listed twice in a register counts once (the first); an id in two registers belongs to
        the last of persons, places, orgs. Then each page's listing is made: entries named in some
        document (by letter, then name), those no document names (by name), with their names' counts.
        """
        with self.db:
            self.db.executescript(
                "DROP TABLE IF EXISTS filed; DROP TABLE IF EXISTS owner; DROP TABLE IF EXISTS listing;"
                "CREATE TABLE filed (kind TEXT, id TEXT, initial TEXT, key TEXT, plain TEXT,"
                "                    PRIMARY KEY (kind, id)) WITHOUT ROWID;"
                "CREATE TABLE owner (id TEXT PRIMARY KEY, kind TEXT) WITHOUT ROWID;"
                # rowid: the order of a page (a group's entries are together, in their order)
                "CREATE TABLE listing (kind TEXT, grp TEXT, id TEXT, names INTEGER);")
            for kind, f in filed:  # registers in FILES order: the last that holds an id owns it
                self.db.execute("INSERT OR IGNORE INTO filed VALUES (?, ?, ?, ?, ?)",
                                (kind, f.id, f.initial, f.key, f.plain))
                self.db.execute("INSERT OR REPLACE INTO owner VALUES (?, ?)", (f.id, kind))
            named = ("EXISTS (SELECT 1 FROM counted c WHERE c.ref = f.id) AND "
                     "EXISTS (SELECT 1 FROM owner o WHERE o.id = f.id AND o.kind = f.kind)")
            self.db.execute("INSERT INTO listing SELECT f.kind, f.initial, f.id, c.names FROM filed f "
                            f"JOIN counted c ON c.ref = f.id WHERE {named} "
                            "ORDER BY f.kind, f.initial = '#', f.initial, f.key, f.id")
            self.db.execute("INSERT INTO listing SELECT f.kind, 'unnamed', f.id, 0 FROM filed f "
                            f"WHERE NOT ({named}) ORDER BY f.kind, f.plain, f.id")
            self.db.execute("CREATE INDEX listing_group ON listing (kind, grp)")

    def groups(self, kind: str) -> list[tuple[str, int]]:
        """The groups of a register page (initial letters in order, then "unnamed") and their sizes."""
        return [(g, n) for g, n, _ in self.db.execute(
            "SELECT grp, COUNT(*), MIN(rowid) FROM listing WHERE kind = ? GROUP BY grp ORDER BY MIN(rowid)", (kind,))]

    def group(self, kind: str, group: str) -> Iterator[tuple[str, int]]:
        """The entries of a group of a register page, in order: (id, names pointing to it); a batch at a time."""
        last = 0
        while True:
            rows = self.db.execute("SELECT rowid, id, names FROM listing WHERE kind = ? AND grp = ? AND rowid > ? "
                                   "ORDER BY rowid LIMIT 500", (kind, group, last)).fetchall()
            if not rows:
                return
            for _, eid, names in rows:
                yield eid, names
            last = rows[-1][0]

    def unowned(self) -> Iterator[tuple[str, str, list[tuple[str, int]]]]:
        """``missing`` for every id named in a document that no register holds."""
        return self.missing(r for (r,) in self.db.execute(
            "SELECT ref FROM counted WHERE ref NOT IN (SELECT id FROM owner)").fetchall())

    def counts_of(self, refs: Sequence[str], what: str = "names") -> dict[str, int]:
        """How many names point to each of ``refs`` (``what="docs"``: from how many documents)."""
        column = {"names": "names", "docs": "docs"}[what]
        found: dict[str, int] = {}
        for start in range(0, len(refs), 500):
            part = list(refs[start:start + 500])
            found.update(self.db.execute(f"SELECT ref, {column} FROM counted WHERE ref IN "
                                         f"({', '.join('?' * len(part))})", part).fetchall())
        return found

    def mentions(self, refs: Sequence[str]) -> Iterator[tuple[str, int, str, str, str, str, str, str, str]]:
        """(ref, rank, href, title, date, kind, anchor, label, text) of the names pointing to ``refs``,
        by ref, then documents in the index's order, then names in document order."""
        marks = ", ".join("?" * len(refs))
        return self.db.execute(
            "SELECT m.ref, m.rank, d.href, d.title, d.date, d.kind, m.anchor, m.label, m.text FROM mention m "
            f"JOIN doc d ON d.id = m.doc WHERE m.ref IN ({marks}) ORDER BY m.ref, m.rank, m.seq", list(refs))


def gather(facts: Iterable[DocFacts], *, folder: str | Path | None = None) -> FactStore:
    """Read every document's facts once, in any order, into a ``FactStore`` (in a temporary folder
    inside ``folder``, or the system's); the pages made from it do not depend on that order."""
    store = FactStore(folder)
    try:
        store._add(facts)
    except BaseException:
        store.close()
        raise
    return store


@contextlib.contextmanager
def _gathered(facts: Iterable[DocFacts] | FactStore, folder: str | Path | None = None) -> Iterator[FactStore]:
    if isinstance(facts, FactStore):
        yield facts
        return
    with gather(facts, folder=folder) as store:
        yield store


# ---------------------------------------------------------------- register entries and their filing

_LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ#"
# Latin letters with a stroke have no decomposition; filed under the letter they are written with.
_STROKED: Final = {"Ł": "L", "ł": "L", "Ø": "O", "ø": "O", "Đ": "D", "đ": "D"}
_NAMES: Final = "t:persName | t:placeName | t:orgName"
# Register batches: one XSLT run renders at most this many entries or (about) this many names pointing to them.
_BATCH_ENTRIES: Final = 500
_BATCH_MENTIONS: Final = 5_000


@functools.lru_cache(maxsize=4096)
def _filed_as(c: str) -> str:
    """How a character files: a Latin letter with diacritics as its base letter, upper case
    ("é", "Ł" -> "E", "L"), ASCII letters upper case, anything else as it is."""
    if c.isascii():
        return c.upper()
    if c in _STROKED:
        return _STROKED[c]
    d = unicodedata.normalize("NFD", c)
    if len(d) > 1 and d[0].isascii() and d[0].isalpha() and all(unicodedata.combining(x) for x in d[1:]):
        return d[0].upper()
    return c


def initial(name: str) -> str:
    """The letter a register page files a name under: A-Z (Latin letters with diacritics under their
    base letter: "Éze" under E), or "#" for anything else (digits, other scripts, no name)."""
    c = _filed_as(_space(name)[:1]) if name else ""
    return c if len(c) == 1 and c in _LETTERS[:-1] else "#"


def _space(text: str) -> str:
    """XPath's normalize-space (only space, tab, CR and LF are spaces)."""
    return " ".join(t for t in re.split("[ \t\r\n]+", text) if t)


@dataclass(frozen=True, slots=True)
class _Filed:
    """A register entry as its page files it."""

    id: str
    initial: str  # from the name its section shows (register.xsl's entry-name)
    key: str      # among the named entries of a letter: its name, diacritics and case folded
    plain: str    # among the entries no document names: its name, ASCII upper-cased


def _filing(el: etree._Element) -> _Filed:
    names = el.xpath("t:persName | t:placeName | t:orgName | t:term", namespaces=_NS)
    labels = el.xpath("t:label", namespaces=_NS)
    # the name the section shows (entry-name, html-names.xsl): a reg name, else the first name, else the label
    regs = [n for n in names if n.get("type") == "reg"]
    shown = (regs or names or labels or [None])[0]
    # the name it is sorted by: a reg persName, placeName or orgName, else the first of them
    names = [n for n in names if etree.QName(n).localname != "term"]
    regs = [n for n in names if n.get("type") == "reg"]
    sort = (regs or names or [None])[0]
    sort_name = _space(sort.xpath("string()")) if sort is not None else ""
    return _Filed(id=el.get(XML_ID) or "",
                  initial=initial(shown.xpath("string()")) if shown is not None else "#",
                  key="".join(map(_filed_as, sort_name)),
                  plain="".join(c.upper() if c.isascii() else c for c in sort_name))


class _Register:
    """The entries of the three registers, read a batch at a time as TEI (the build's ``RegisterStore``,
    a ``Registers``, or the register files of a folder)."""

    def __init__(self, registers: Registers | RegisterStore | str | Path, edition: Edition) -> None:
        self._title = edition.title
        self._entries: dict[str, dict[str, Entry]] = {kind: {} for kind in FILES}
        self._trees: dict[str, etree._ElementTree] = {}
        self._by_id: dict[str, dict[str, list[etree._Element]]] = {}
        self._store: RegisterStore | None = None
        if isinstance(registers, RegisterStore):
            self._store = registers  # on the disk: read a batch at a time
        elif isinstance(registers, Registers):
            for e in registers.entries():
                if e.kind in self._entries:
                    self._entries[e.kind][e.id] = e
        else:
            folder = Path(registers)
            self._trees = {kind: parse_xml(folder / fname) for kind, fname in FILES.items()
                           if (folder / fname).exists()}

    def elements(self, kind: str) -> Iterator[etree._Element]:
        """Every entry of a register as TEI, in the register's order."""
        if kind in self._trees:
            yield from self._trees[kind].xpath(f"//t:standOff//t:{kind}[@xml:id]", namespaces=_NS)
            return
        entries: Iterable[Entry] = self._store.entries(kind) if self._store is not None \
            else self._entries[kind].values()
        iterator = iter(entries)
        while batch := list(itertools.islice(iterator, _BATCH_ENTRIES)):
            yield from register_tree(kind, batch, edition_title=self._title).xpath(
                f"//t:standOff//t:{kind}[@xml:id]", namespaces=_NS)

    def tei(self, kind: str, ids: Sequence[str]) -> etree._Element:
        """A TEI register holding the entries ``ids`` of a register (as its file has them)."""
        if self._store is not None:
            chosen = [e for e in self._store.get_many(ids) if e.kind == kind]
            return register_tree(kind, chosen, edition_title=self._title).getroot()
        if kind not in self._trees:
            chosen = [self._entries[kind][i] for i in ids if i in self._entries[kind]]
            return register_tree(kind, chosen, edition_title=self._title).getroot()
        if kind not in self._by_id:
            self._by_id[kind] = {}
            for el in self.elements(kind):
                self._by_id[kind].setdefault(el.get(XML_ID) or "", []).append(el)
        root = etree.Element(f"{{{TEI_NS}}}TEI")
        for eid in dict.fromkeys(ids):
            for el in self._by_id[kind].get(eid, []):
                root.append(copy.deepcopy(el))
        return root

    def filed(self) -> Iterator[tuple[str, _Filed]]:
        """Every entry as its page files it, register by register, in each register's order."""
        for kind in FILES:
            for el in self.elements(kind):
                yield kind, _filing(el)


# ---------------------------------------------------------------- register pages

def register_pages(registers: Registers | RegisterStore | str | Path, facts: Iterable[DocFacts] | FactStore, edition: Edition, *,
                   index_href: str = "index.html") -> dict[str, bytes]:
    """The register pages (file name -> HTML) from the registers and every document's facts.

    ``registers`` is a ``Registers`` (the build's, with this build's entries)
    or the folder of persons.xml, places.xml and orgs.xml. ``facts`` (any
    order) or a ``FactStore`` gathered from them. A mention is listed
    on the page of the register that holds its entry; a name pointing to an
    id no register holds is listed on the page of its kind (persName: persons)
    under "Not in the register", so that every link has a target.
    Raises ``EncoderError`` when a document's page would have a register page's name.
    For a large edition, ``edition_pages`` gives the same pages one at a time.
    """
    with _gathered(facts) as store:
        pages = _RegisterPages(registers, store, edition, index_href)
        return {page: b"".join(pages.page(kind)) for kind, page in PAGES.items()}


def edition_pages(registers: Registers | RegisterStore | str | Path, facts: Iterable[DocFacts] | FactStore,
                  edition: Edition, *, index_href: str = "index.html") -> Iterator[tuple[str, bytes]]:
    """The register pages and search-index.js (file name, content), one at a time: each is made from
    its parts when asked for, so that no two are in memory together. The same bytes as
    ``register_pages`` and ``search_index``; ``facts`` is read once, in any order."""
    for name, parts in edition_page_parts(registers, facts, edition, index_href=index_href):
        yield name, _joined(parts)


def edition_page_parts(registers: Registers | RegisterStore | str | Path, facts: Iterable[DocFacts] | FactStore,
                       edition: Edition, *, index_href: str = "index.html") -> Iterator[tuple[str, Iterator[bytes]]]:
    """Like ``edition_pages``, each page as its parts, to be written as they come (a page of an archive's
    register is larger than memory should hold); each page's parts must be read before the next page."""
    with _gathered(facts) as store:
        pages = _RegisterPages(registers, store, edition, index_href)
        for kind, page in PAGES.items():
            yield page, pages.page(kind)
        yield SEARCH_INDEX, _search_parts(store, registers, edition)


def _joined(parts: Iterable[bytes]) -> bytes:
    # Grown in place (a large buffer is moved, not copied, as it grows), and not copied again at the end:
    # a page takes its own size in memory, not twice that. (A bytearray is written like bytes.)
    buffer = bytearray()
    for part in parts:
        buffer += part
    return buffer  # type: ignore[return-value]


_MARK = re.compile(rb"<!--tei-encoder entries ([A-Z#]|missing|unnamed)-->")
_BACKREFS: Final = b'<ul class="backrefs">'


def _by_documents(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    """``FactStore.mentions`` rows of one entry in chunks of about ``size``, never splitting a document's."""
    chunk: list[tuple] = []
    for rank, group in itertools.groupby(rows, key=lambda r: r[1]):
        if len(chunk) >= size:
            yield chunk
            chunk = []
        chunk.extend(group)
    if chunk:
        yield chunk


class _RegisterPages:
    """The register pages, each made part by part: the page from its counts and letters
    (xslt/register.xsl), with each group's entries put in where it marks them, a batch at a time."""

    def __init__(self, registers: Registers | RegisterStore | str | Path, store: FactStore, edition: Edition,
                 index_href: str) -> None:
        clash = store.first_href(PAGES.values())
        if clash:
            raise EncoderError(f"a document's page would overwrite the register page {clash}",
                               hint="rename the source file (the register pages are persons, places and orgs .html)")
        self._store, self._edition, self._index_href = store, edition, index_href
        self._register = _Register(registers, edition)
        store.file_entries(self._register.filed())  # filed and ordered on the disk, not in memory
        # names pointing to an id no register holds (rare: every name the build tags gets an entry)
        self._missing: dict[str, list[tuple[str, str]]] = {kind: [] for kind in FILES}
        for ref, tag, forms in store.unowned():
            # the form most used, the first in code point order among equals
            name = min(forms, key=lambda f: (-f[1], f[0]))[0] if forms else ref
            self._missing[KINDS.get(tag, "person")].append((name, ref))

    def page(self, kind: str) -> Iterator[bytes]:
        sizes = self._store.groups(kind)
        missing = sorted(self._missing[kind])
        groups = [g for g, _ in sizes if g != "unnamed"] + (["missing"] if missing else []) \
            + [g for g, _ in sizes if g == "unnamed"]
        count = dict(sizes)
        skeleton = etree.Element("register-page", kind=kind, page=PAGES[kind],
                                 named=str(sum(n for g, n in sizes if g != "unnamed")),
                                 unnamed=str(count.get("unnamed", 0)), missing=str(len(missing)),
                                 initials="".join(g for g in groups if len(g) == 1))
        parts = _MARK.split(self._render(skeleton))
        marked = parts[1::2]
        if [m.decode() for m in marked] != groups:
            raise TransformError(f"register.xsl: the page marks {marked!r}, not the groups {groups!r}")
        yield parts[0]
        for group, rest in zip(groups, parts[2::2]):
            items: Iterable[tuple[str, str | None, int]]
            if group == "missing":
                counts = self._store.counts_of([ref for _, ref in missing])
                items = ((ref, name, counts.get(ref, 0)) for name, ref in missing)
            else:
                items = ((eid, None, names) for eid, names in self._store.group(kind, group))
            for batch, large in self._batches(items):
                if large:  # one entry named in very many documents: its documents a batch at a time
                    yield from self._entry_in_parts(kind, *batch[0])
                    continue
                data = self._render(self._entries(kind, batch))
                memory.release()  # what the run freed, given back before the next batch (see encoder.memory)
                yield data
            yield rest

    def _batches(self, group: Iterable[tuple[str, str | None, int]]
                 ) -> Iterator[tuple[list[tuple[str, str | None]], bool]]:
        """The entries of a group in batches of at most _BATCH_ENTRIES entries or (about) _BATCH_MENTIONS names;
        an entry with more names than that comes alone, marked large."""
        batch: list[tuple[str, str | None]] = []
        names = 0
        for ref, name, uses in group:
            if uses > _BATCH_MENTIONS:
                if batch:
                    yield batch, False
                    batch, names = [], 0
                yield [(ref, name)], True
                continue
            batch.append((ref, name))
            names += uses
            if len(batch) >= _BATCH_ENTRIES or names >= _BATCH_MENTIONS:
                yield batch, False
                batch, names = [], 0
        if batch:
            yield batch, False

    def _entry_in_parts(self, kind: str, ref: str, name: str | None) -> Iterator[bytes]:
        """One entry named in very many documents (an archive's capital, its ministry), its documents a batch
        at a time: the first batch gives the entry with their number, each batch its items of the list,
        spliced; the same bytes as one run over them all."""
        rows = self._store.mentions([ref])
        total = self._store.counts_of([ref], "docs").get(ref, 0)
        tail = b""
        for number, chunk in enumerate(_by_documents(rows, _BATCH_MENTIONS)):
            listing = self._entries(kind, [(ref, name)], rows=chunk, docs=total if number == 0 else None)
            html = self._render(listing)
            del listing
            memory.release()
            start, end = html.find(_BACKREFS), html.rfind(b"</ul>")
            if start < 0 or end < start:
                raise TransformError("register.xsl: an entry's documents are not a list <ul class=\"backrefs\">")
            if number == 0:
                yield html[:end]
                tail = html[end:]
            else:
                yield html[start + len(_BACKREFS):end]
        yield tail

    def _entries(self, kind: str, batch: list[tuple[str, str | None]], *,
                 rows: Iterable[tuple] | None = None, docs: int | None = None) -> etree._Element:
        """The input of one batch of entries: their TEI and, for each, the documents naming it (``rows``
        of ``FactStore.mentions``: all of them unless given; ``docs``: how many in all, when not all)."""
        root = etree.Element("register-entries", kind=kind)
        refs = [ref for ref, _ in batch]
        if any(name is None for _, name in batch):
            root.append(self._register.tei(kind, [ref for ref, name in batch if name is None]))
        found: dict[str, list[tuple]] = {}
        for row in self._store.mentions(refs) if rows is None else rows:
            found.setdefault(row[0], []).append(row)
        for ref, name in batch:
            entry = etree.SubElement(root, "entry", ref=ref)
            if name is not None:
                entry.set("missing", "yes")
                entry.set("name", name)
            if docs is not None:
                entry.set("docs", str(docs))
            for _, group in itertools.groupby(found.pop(ref, []), key=lambda r: r[1]):
                mentions = list(group)
                _, _, href, title, date, doc_kind = mentions[0][:6]
                el = etree.SubElement(entry, "doc", href=href, title=title)
                for key, value in (("date", date), ("type", doc_kind)):
                    if value:
                        el.set(key, value)
                seen: set[str] = set()
                for *_, anchor, label, _text in mentions:
                    if anchor not in seen:
                        seen.add(anchor)
                        etree.SubElement(el, "at", anchor=anchor, label=label)
                for form in sorted({m[8] for m in mentions if m[8]}):
                    etree.SubElement(el, "form").text = form
        return root

    def _render(self, listing: etree._Element) -> bytes:
        return render_register(etree.ElementTree(listing), edition_title=self._edition.title,
                               index_href=self._index_href)


# ---------------------------------------------------------------- search

def search_index(facts: Iterable[DocFacts] | FactStore, registers: Registers | RegisterStore | str | Path | None = None,
                 edition: Edition | None = None) -> bytes:
    """search-index.js: the prebuilt search index as a script that sets ``window.teiSearchIndex``.

    ``docs`` lists each document (href, title, date, type, summary) with its
    folded words, space-separated, in the index's order (``facts`` may come in
    any order, or as a ``FactStore``); ``entries`` (when ``registers`` is given)
    lists each register entry with its page link, names and how many documents
    name it. Same facts, same bytes: keys sorted, ASCII only (\\u escapes), so
    the browser reads it right whatever encoding it assumes for the file.
    """
    with _gathered(facts) as store:
        return b"".join(_search_parts(store, registers, edition))


def _json(record: dict[str, object]) -> bytes:
    return json.dumps(record, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")


def _search_parts(store: FactStore, registers: Registers | RegisterStore | str | Path | None,
                  edition: Edition | None) -> Iterator[bytes]:
    # The bytes json.dumps({"docs": [...], "entries": [...]}, sort_keys=True) gives, a record at a time.
    yield (f"/* tei-encoder search index: read by {SEARCH_SCRIPT} on the index page. */\n"
           f'window.teiSearchIndex = {{"docs":[').encode("ascii")
    for number, (href, title, words_, date, kind, summary) in enumerate(store.docs()):
        record = {"h": href, "t": title, "w": words_}
        for key, value in (("d", date), ("y", kind), ("s", summary)):
            if value:
                record[key] = value
        yield (b"," if number else b"") + _json(record)
    yield b'],"entries":['
    if registers is not None:
        # each entry's record, kept on the disk in the order of the index (by page and id), then read back
        store.db.executescript("DROP TABLE IF EXISTS found; CREATE TABLE found (seq INTEGER PRIMARY KEY, href TEXT,"
                               "  kind TEXT, id TEXT, name TEXT, others TEXT);")
        register = _Register(registers, edition or Edition())
        with store.db:
            for kind in FILES:
                for el in register.elements(kind):
                    names = [_text(n) for n in el.xpath(_NAMES, namespaces=_NS)]
                    names = [n for n in names if n]
                    regs = [_text(n) for n in el.xpath(f"({_NAMES})[@type='reg']", namespaces=_NS)]
                    eid = el.get(XML_ID)
                    reg = next((n for n in regs if n), names[0] if names else eid)
                    store.db.execute("INSERT INTO found (href, kind, id, name, others) VALUES (?, ?, ?, ?, ?)",
                                     (f"{PAGES[kind]}#{eid}", kind, eid, reg,
                                      " · ".join(sorted({n for n in names if n != reg}))))
        last, first = (-1, ""), True
        while True:
            rows = store.db.execute(
                "SELECT f.seq, f.href, f.kind, f.name, f.others, c.docs FROM found f LEFT JOIN counted c ON c.ref = f.id"
                " WHERE (f.href, f.seq) > (?, ?) ORDER BY f.href, f.seq LIMIT 1000", (last[1], last[0])).fetchall()
            if not rows:
                break
            for seq, href, kind, name, others, docs in rows:
                record = {"h": href, "k": kind, "n": name, "c": docs or 0}
                if others:
                    record["v"] = others
                yield (b"" if first else b",") + _json(record)
                first = False
            last = (rows[-1][0], rows[-1][1])
        store.db.execute("DROP TABLE found")
    yield b"]};\n"


def assets() -> Mapping[str, bytes]:
    """The static files the site needs beside its pages (the search script)."""
    return {SEARCH_SCRIPT: xslt_path(SEARCH_SCRIPT).read_bytes()}
