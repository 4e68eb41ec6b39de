"""Registers of persons, places and organisations: the editors' master copy.

Registers live in ``editions/registers/`` as TEI files (``persons.xml``,
``places.xml``, ``orgs.xml``), each a ``TEI`` with a ``standOff`` holding one
``listPerson`` / ``listPlace`` / ``listOrg``. A name in a document is linked
to the entry whose standard form or a variant matches it; a name no entry
knows gets a machine-made entry (``@resp="#resp_enc"``, ``@cert``) with an id
derived from the normalised name, never a counter, for the editors to review.
Entries written by editors are copied verbatim; corrections they make (a
variant added, an id merged, an authority id) are used on the next run.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import sqlite3
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from lxml import etree

from encoder.errors import RegisterError, XMLInputError
from encoder.model import Entry
from encoder.safexml import _RefuseResolver, declares_doctype

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
KINDS = {"persName": "person", "placeName": "place", "orgName": "org", "repository": "org"}
PREFIX = {"person": "pers_", "place": "place_", "org": "org_"}
FILES = {"person": "persons.xml", "place": "places.xml", "org": "orgs.xml"}
_NAME_TAG = {"person": "persName", "place": "placeName", "org": "orgName"}
_LIST_TAG = {"person": "listPerson", "place": "listPlace", "org": "listOrg"}


@functools.lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The form names are compared in: case-folded, apostrophes and spaces unified."""
    name = unicodedata.normalize("NFC", name).replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    return " ".join(_TRAILING_PUNCT.sub("", name).split()).casefold()


_TRAILING_PUNCT = re.compile(r"[.,;:]+$")


def slug(name: str) -> str:
    """An NCName-safe, ASCII id part from a name ("Ahmed Musavi" -> "ahmed_musavi")."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_")
    return s or "x" + format(abs(hash(name)) % 10**8, "d")


def stable_slug(name: str) -> str:
    """Like ``slug`` but deterministic for names with no ASCII letters."""
    s = re.sub(r"[^a-z0-9]+", "_", unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
               .decode().lower()).strip("_")
    if s:
        return s
    return "u" + "".join(f"{ord(c):x}" for c in name)[:40]


class Registers:
    """Lookup and growth of the three registers.

    ``child()`` gives a layer over these registers: lookups see both, growth
    stays in the layer. A build encodes every document over its own layer of
    the registers as they were when it started, so each document depends only
    on its source and those registers (in any order, in any process), and
    the layers' growth is merged afterwards, in a fixed order.
    """

    def __init__(self, entries: Iterable[Entry] = (), *, base: Registers | None = None) -> None:
        self._base = base
        self._entries: dict[str, Entry] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._idnos: dict[tuple[str, str], str] = {}
        self._known: dict[str, str] | None = None
        for e in entries:
            self.put(e)

    def editors(self) -> Registers:
        """The editors' entries alone (no machine-made ones): what a document is encoded over in a build.

        Machine-made entries are earlier builds' guesses; linking a document to
        them would make its TEI depend on which documents were built before.
        """
        return Registers(e for e in self.entries() if not e.machine)

    def child(self) -> Registers:
        """A layer over these registers (which must not change while it is used)."""
        return Registers(base=self)

    def put(self, entry: Entry) -> None:
        entry = _cleaned(entry)
        self._entries[entry.id] = entry
        self._known = None
        for name in (entry.reg, entry.abbr, *entry.variants):
            if name:
                self._names.setdefault((entry.kind, normalise(name)), entry.id)
        for idno in entry.idnos:
            self._idnos.setdefault(idno, entry.id)

    def merge(self, entry: Entry) -> None:
        """Take in an entry grown elsewhere: a machine entry's variants are united, its other fields replaced."""
        merged = _merged(self.get(entry.id), entry)
        if merged is not None:
            self.put(merged)

    def find_by_idno(self, kind: str, value: str) -> Entry | None:
        """The entry that carries an authority id (``("geonames", "121801")``)."""
        hit = self._idnos.get((kind, value))
        if hit:
            return self.get(hit)
        return self._base.find_by_idno(kind, value) if self._base else None

    def get(self, entry_id: str) -> Entry | None:
        hit = self._entries.get(entry_id)
        if hit is None and self._base is not None:
            return self._base.get(entry_id)
        return hit

    def find(self, kind: str, *names: str | None) -> Entry | None:
        """The entry that knows any of the names (standard form, abbreviation or variant)."""
        for name in names:
            if name:
                key = (kind, normalise(name))
                hit = self._names.get(key)
                if hit:
                    return self.get(hit)
                if self._base is not None:
                    found = self._base.find(kind, name)
                    if found is not None:
                        return self.get(found.id)
        return None

    def entries(self) -> list[Entry]:
        """All entries, the layer's over the base's, by id."""
        merged = {e.id: e for e in self._base.entries()} if self._base else {}
        merged.update(self._entries)
        return [merged[i] for i in sorted(merged)]

    def own_entries(self) -> list[Entry]:
        """The entries this layer added or grew."""
        return [self._entries[i] for i in sorted(self._entries)]

    def known_names(self) -> dict[str, str]:
        """Surface forms of the editors' entries, mapped to the TEI element that tags them.

        Machine-made entries are left out: they are the tagger's own guesses
        from other documents, so feeding them back would make a document's
        tagging depend on which documents were built before it (and grow the
        tagger's work with the edition). An entry the editors reviewed counts.
        """
        if self._known is None:
            out = dict(self._base.known_names()) if self._base else {}
            for e in self._entries.values():
                if e.machine:
                    continue
                for name in (e.reg, e.abbr, *e.variants):
                    if name:
                        out.setdefault(name, _NAME_TAG[e.kind])
            self._known = out
        return self._known

    def with_variant(self, entry: Entry, surface: str) -> Entry:
        """The entry with ``surface`` recorded as a variant (machine entries only)."""
        if not entry.machine or entry.xml or normalise(surface) in {
                normalise(n) for n in (entry.reg, entry.abbr, *entry.variants) if n}:
            return entry
        grown = replace(entry, variants=tuple(sorted({*entry.variants, surface})))
        self.put(grown)
        return grown


def _cleaned(entry: Entry) -> Entry:
    """The entry without variants that repeat its standard form or abbreviation."""
    if entry.reg in entry.variants or (entry.abbr and entry.abbr in entry.variants):
        entry = replace(entry, variants=tuple(v for v in entry.variants if v not in (entry.reg, entry.abbr)))
    return entry


def _merged(mine: Entry | None, entry: Entry) -> Entry | None:
    """What ``entry``, grown elsewhere, makes of the registers' ``mine`` (None: ``mine`` stays)."""
    if mine is not None and mine.machine and entry.machine and mine.kind == entry.kind:
        # this build's reading wins over an earlier one (a corrected place, a better name); the
        # variants met in every document are kept
        return replace(entry, variants=tuple(sorted({*mine.variants, *entry.variants})))
    if mine is not None and not mine.machine:
        return None  # what the editors wrote wins
    return entry


# ---------------------------------------------------------------- a build's registers, on disk

class RegisterStore:
    """Every entry of the three registers in an SQLite database, for a build of any size.

    What a build does with its registers, without holding them in memory:
    the register files are read into it one entry at a time (``load``), each
    document's new entries are merged into it as ``Registers.merge`` does
    (``merge``), and the files are written back from it in id order
    (``entries``). It answers ``get`` and ``entries`` like ``Registers``,
    not name lookups: documents are encoded over the editors' entries
    (``editors()``, a ``Registers``: few, and wanted in every worker).
    The database lives in a temporary folder (inside ``folder``, whose name
    starts with a dot, or the system's) until ``close``.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        if folder is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
        self._tmp = tempfile.TemporaryDirectory(prefix=".tei-encoder-registers-", dir=folder)
        self.db = sqlite3.connect(os.path.join(self._tmp.name, "registers.sqlite3"))
        self.db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -4000;"
            # origin: the register file an entry was read from ('' once a build has merged it)
            "CREATE TABLE entry (id TEXT PRIMARY KEY, kind TEXT NOT NULL, machine INTEGER NOT NULL,"
            "                    origin TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;"
            "CREATE INDEX entry_kind ON entry (kind, id);")

    def close(self) -> None:
        self.db.close()
        self._tmp.cleanup()

    def __enter__(self) -> RegisterStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load(self, folder: str | Path) -> None:
        """Read the register files of a folder (missing files are empty registers), one entry at a time.

        As ``load_registers``: an id met again replaces the entry read before;
        an id used twice in one file is an error.
        """
        for kind, fname in FILES.items():
            path = Path(folder) / fname
            if not path.exists():
                continue
            for entry, line in _read_file(path, kind):
                row = self.db.execute("SELECT origin FROM entry WHERE id = ?", (entry.id,)).fetchone()
                if row is not None and row[0] == fname:
                    raise _duplicate(entry.id, path, line)
                self._put(_cleaned(entry), fname)
        self.db.commit()

    def put(self, entry: Entry) -> None:
        self._put(_cleaned(entry), "")

    def _put(self, entry: Entry, origin: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO entry VALUES (?, ?, ?, ?, ?)",
                        (entry.id, entry.kind, int(entry.machine), origin, _dump(entry)))

    def merge(self, entry: Entry) -> None:
        """Take in an entry grown elsewhere, as ``Registers.merge`` does."""
        merged = _merged(self.get(entry.id), entry)
        if merged is not None:
            self.put(merged)

    def get(self, entry_id: str) -> Entry | None:
        row = self.db.execute("SELECT id, kind, data FROM entry WHERE id = ?", (entry_id,)).fetchone()
        return _load(*row) if row else None

    def get_many(self, ids: Iterable[str]) -> list[Entry]:
        """The entries of ``ids`` that the registers hold, by id."""
        wanted = sorted(set(ids))
        found: list[Entry] = []
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            found += (_load(*row) for row in self.db.execute(
                f"SELECT id, kind, data FROM entry WHERE id IN ({', '.join('?' * len(part))}) ORDER BY id", part))
        return found

    def entries(self, kind: str | None = None) -> Iterator[Entry]:
        """Every entry (of one kind), by id; read a batch at a time."""
        self.db.commit()
        where, args = ("WHERE kind = ?", (kind,)) if kind is not None else ("", ())
        last = None
        while True:
            after = "" if last is None else ("AND" if where else "WHERE") + " id > ?"
            rows = self.db.execute(f"SELECT id, kind, data FROM entry {where} {after} ORDER BY id LIMIT 1000",
                                   (*args, *(() if last is None else (last,)))).fetchall()
            if not rows:
                return
            for row in rows:
                yield _load(*row)
            last = rows[-1][0]

    def editors(self) -> Registers:
        """The editors' entries alone, in memory: what every document of a build is encoded over."""
        return Registers(_load(*row) for row in self.db.execute(
            "SELECT id, kind, data FROM entry WHERE machine = 0 ORDER BY id").fetchall())


def _dump(e: Entry) -> str:
    return json.dumps([e.reg, e.variants, e.abbr, e.idnos, e.geo, e.machine, e.cert, e.xml],
                      ensure_ascii=False, separators=(",", ":"))


def _load(entry_id: str, kind: str, data: str) -> Entry:
    reg, variants, abbr, idnos, geo, machine, cert, xml = json.loads(data)
    return Entry(id=entry_id, kind=kind, reg=reg, variants=tuple(variants), abbr=abbr,
                 idnos=tuple((t, v) for t, v in idnos), geo=geo, machine=machine, cert=cert, xml=xml)


# ---------------------------------------------------------------- files

def load_registers(folder: str | Path | None) -> Registers:
    """Read the register files in a folder (missing files are empty registers)."""
    regs = Registers()
    if folder is None:
        return regs
    for kind, fname in FILES.items():
        path = Path(folder) / fname
        if path.exists():
            seen: set[str] = set()
            for entry, line in _read_file(path, kind):
                if entry.id in seen:
                    raise _duplicate(entry.id, path, line)
                seen.add(entry.id)
                regs.put(entry)
    return regs


def _duplicate(entry_id: str, path: Path, line: int | None) -> XMLInputError:
    return XMLInputError(f'xml:id "{entry_id}" is used more than once', origin=str(path), line=line,
                         hint="give each element its own xml:id")


def _read_file(path: Path, kind: str) -> Iterator[tuple[Entry, int | None]]:
    """The entries of a register file with their lines, read one at a time (the file is never whole in memory)."""
    ns = {"tei": TEI_NS}
    tag = f"{{{TEI_NS}}}{kind}"
    for outer in outermost(path, (tag,)):
        for el in outer.iter(tag):  # an entry inside another (a place in a place) is an entry too
            eid = el.get(XML_ID)
            if not eid:
                raise RegisterError(f"<{kind}> without xml:id", origin=str(path), line=el.sourceline,
                                    hint=f'give every entry an id, e.g. xml:id="{PREFIX[kind]}name"')
            names = el.findall(f"tei:{_NAME_TAG[kind]}", ns)
            if not names:
                raise RegisterError(f"entry {eid} has no <{_NAME_TAG[kind]}>", origin=str(path), line=el.sourceline,
                                    hint="give the standard form of the name, type=\"reg\"")
            texts = [(n.get("type"), " ".join("".join(n.itertext()).split())) for n in names]
            reg = next((t for ty, t in texts if ty == "reg"), texts[0][1])
            abbr = next((t for ty, t in texts if ty == "abbr"), None)
            variants = tuple(t for ty, t in texts if t != reg and t != abbr)
            idnos = tuple((i.get("type", ""), (i.text or "").strip()) for i in el.findall("tei:idno", ns))
            geo = el.findtext("tei:location/tei:geo", namespaces=ns)
            machine = el.get("resp") == "#resp_enc"
            xml = None if machine else _compact(el)
            yield Entry(id=eid, kind=kind, reg=reg, variants=variants, abbr=abbr, idnos=idnos,
                        geo=geo.strip() if geo else None, machine=machine, cert=el.get("cert"), xml=xml), el.sourceline


def _compact(el: etree._Element) -> str:
    """An editor's entry as XML text, without the layout whitespace around it."""
    copy = etree.fromstring(etree.tostring(el, with_tail=False))
    for node in copy.iter():
        # only layout (whitespace with a line break) goes; a space between two names stays
        if len(node) and node.text is not None and not node.text.strip() and "\n" in node.text:
            node.text = None
        if node.tail is not None and not node.tail.strip() and "\n" in node.tail:
            node.tail = None
    return etree.tostring(copy, encoding="unicode")


# ---------------------------------------------------------------- reading large register files

def stream_xml(source: str | Path | bytes, *, tags: Iterable[str] | None = None,
               collect_ids: bool = True) -> Iterator[etree._Element]:
    """Each element of an XML file (or bytes) as its end tag is read, as safely as ``safexml.parse_xml``.

    For files too large to hold whole (a register of an archive of 100,000
    documents): the caller removes what it has read (see ``outermost``).
    No DTD, entity or network resource is read; a DOCTYPE is refused; errors
    are ``XMLInputError`` with the file's line and column. With ``tags``, only
    elements of those names (Clark names) are given. ``collect_ids=False``
    lets a duplicate ``xml:id`` through (as ``parse_xml`` does).
    """
    if isinstance(source, bytes):
        origin, stream = "<bytes>", io.BytesIO(source)
    else:
        origin = str(source)
        try:
            info = os.stat(source)
            if not stat.S_ISREG(info.st_mode):
                raise XMLInputError("not a regular file", origin=origin, hint="give a TEI XML file")
            stream = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as err:
            raise XMLInputError(f"cannot read the file: {err.strerror or err}", origin=origin,
                                hint="check that the file exists and that you may read it") from None
    with stream:
        head = stream.read(65536)
        if not head.strip():
            raise XMLInputError("the file is empty", origin=origin, hint="give a TEI XML file")
        if declares_doctype(head):
            raise XMLInputError("the file declares a DOCTYPE, which is refused (it can carry entity attacks)",
                                origin=origin, line=1, hint="remove the <!DOCTYPE ...> declaration; TEI needs none")
        # A pull parser fed a piece at a time (lxml's iterparse ignores collect_ids)
        parser = etree.XMLPullParser(events=("end",), tag=list(tags) if tags is not None else None,
                                     resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                     attribute_defaults=False, huge_tree=False, collect_ids=collect_ids)
        parser.resolvers.add(_RefuseResolver())
        piece = head
        try:
            while piece:
                parser.feed(piece)
                for _, el in parser.read_events():
                    yield el
                piece = stream.read(1 << 16)
            parser.close()
            for _, el in parser.read_events():
                yield el
        except etree.XMLSyntaxError as err:
            line, col = err.position if err.position else (None, None)
            msg = re.sub(r", line \d+, column \d+$", "", err.msg or str(err))
            duplicate = re.match(r"ID (\S+) already defined", msg)
            if duplicate:
                raise XMLInputError(f'xml:id "{duplicate.group(1)}" is used more than once', origin=origin,
                                    line=line or None, column=col or None,
                                    hint="give each element its own xml:id") from None
            raise XMLInputError(f"not well-formed XML: {msg}", origin=origin, line=line or None, column=col or None,
                                hint="fix the XML at that place (an unclosed tag, a stray '&' or '<')") from None


def outermost(source: str | Path | bytes, tags: Iterable[str], *,
              collect_ids: bool = True) -> Iterator[etree._Element]:
    """Each element named one of ``tags`` (Clark names) that is in no other such element, whole,
    in document order; it is removed from memory (with what came before it) once the caller is done."""
    wanted = frozenset(tags)
    for el in stream_xml(source, tags=wanted, collect_ids=collect_ids):
        if el.tag not in wanted or any(a.tag in wanted for a in el.iterancestors()):
            continue
        yield el
        el.clear(keep_tail=True)
        parent = el.getparent()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]
