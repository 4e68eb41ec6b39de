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
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from encoder.errors import RegisterError
from encoder.model import Entry
from encoder.safexml import parse_xml

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
        if entry.reg in entry.variants or (entry.abbr and entry.abbr in entry.variants):
            entry = replace(entry, variants=tuple(v for v in entry.variants if v not in (entry.reg, entry.abbr)))
        self._entries[entry.id] = entry
        self._known = None
        for name in (entry.reg, entry.abbr, *entry.variants):
            if name:
                self._names.setdefault((entry.kind, normalise(name)), entry.id)
        for idno in entry.idnos:
            self._idnos.setdefault(idno, entry.id)

    def merge(self, entry: Entry) -> None:
        """Take in an entry grown elsewhere: a machine entry's variants are united, its other fields replaced."""
        mine = self.get(entry.id)
        if mine is not None and mine.machine and entry.machine and mine.kind == entry.kind:
            # this build's reading wins over an earlier one (a corrected place, a better name); the
            # variants met in every document are kept
            entry = replace(entry, variants=tuple(sorted({*mine.variants, *entry.variants})))
        elif mine is not None and not mine.machine:
            return  # what the editors wrote wins
        self.put(entry)

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


# ---------------------------------------------------------------- files

def load_registers(folder: str | Path | None) -> Registers:
    """Read the register files in a folder (missing files are empty registers)."""
    regs = Registers()
    if folder is None:
        return regs
    for kind, fname in FILES.items():
        path = Path(folder) / fname
        if path.exists():
            for entry in _read_file(path, kind):
                regs.put(entry)
    return regs


def _read_file(path: Path, kind: str) -> list[Entry]:
    tree = parse_xml(path)
    ns = {"tei": TEI_NS}
    out = []
    for el in tree.iterfind(f".//{{{TEI_NS}}}{kind}"):
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
        out.append(Entry(id=eid, kind=kind, reg=reg, variants=variants, abbr=abbr, idnos=idnos,
                         geo=geo.strip() if geo else None, machine=machine, cert=el.get("cert"), xml=xml))
    return out


def _compact(el: etree._Element) -> str:
    """An editor's entry as XML text, without the layout whitespace around it."""
    copy = etree.fromstring(etree.tostring(el))
    for node in copy.iter():
        # only layout (whitespace with a line break) goes; a space between two names stays
        if len(node) and node.text is not None and not node.text.strip() and "\n" in node.text:
            node.text = None
        if node.tail is not None and not node.tail.strip() and "\n" in node.tail:
            node.tail = None
    return etree.tostring(copy, encoding="unicode")
