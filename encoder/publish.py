"""The publish stage: what a build writes for readers, printers and repositories.

``document_files`` makes everything one document gives (in the worker that
built it); ``edition_files`` makes what needs every document (in the build's
parent, after them). Both return ``{path in the site: bytes}``; the build
writes them (each file whole or not at all). Nothing here reads the clock:
the dates that repositories need come from ``edition.toml`` (``published``).

The site, as written to the output folder::

    index.html                 the edition's index (with the search form)
    STEM.html                  a reading page per document
    persons.html places.html orgs.html
                               the registers, with back-references
    search-index.js search.js  the prebuilt search index and its script
    tei/STEM.xml               the TEI of each document
    pdf/STEM.pdf edition.pdf   print: one PDF per document, one for the edition
    meta/STEM.oai_dc.xml       Dublin Core (OAI-PMH) of each document
    meta/STEM.csl.json         CSL-JSON of each document (for Zotero, citeproc)
    meta/STEM.datacite.xml     DataCite kernel 4 (when ``published`` is set)
    meta/edition.*             the same three for the edition as a whole
    cmif.xml                   the correspondence metadata (correspSearch)
    bag/                       a BagIt bag of all of it, for a repository
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import os
import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Final, Protocol

from lxml import etree

from encoder import deposit, memory, pdf, site
from encoder.deposit.csl import csl_from_record
from encoder.deposit.datacite import datacite_xml_from_record
from encoder.deposit.record import MasterRegisters
from encoder.deposit.dublincore import oai_dc_from_record
from encoder.errors import EncoderError, TransformError
from encoder.model import Edition
from encoder.registers import FILES, Registers, RegisterStore
from encoder.render import INDEX_FIELDS, INDEX_STYLESHEET, check_param, render_html, run_stylesheet
from encoder.safexml import parse_xml, read_xml_bytes

__all__ = ["FORMATS", "document_files", "document_names", "edition_files", "index_page", "bag_payload",
           "stale_files", "file_kind", "BAG", "EditionIndex"]

#: What a build can make besides the TEI and the reading pages.
FORMATS: Final = ("pdf", "deposit")
BAG: Final = "bag"
CMIF: Final = "cmif.xml"
EDITION_PDF: Final = "edition.pdf"
#: The largest edition laid out as one PDF (WeasyPrint holds the whole book: about 3 MB a document).
EDITION_PDF_MAX: Final = 500


def _issued(edition: Edition) -> dt.date | None:
    return dt.date.fromisoformat(edition.published) if edition.published else None


def _master_registers(folder: str) -> MasterRegisters:
    """The editors' register files (their authority ids win in deposit records), indexed once per version.

    Keyed on each file's size and time of change: a build rewrites the registers at its end, and a
    process that builds again (the API, the tests) must not cite the old ones. The index is on disk
    (registers of any size cost no memory); a build's parent makes it with its first document, and
    its forked workers read that one.
    """
    paths = [Path(folder) / name for name in FILES.values()]
    stamps = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else None for p in paths)
    return _read_registers(folder, stamps)


@functools.lru_cache(maxsize=4)
def _read_registers(folder: str, stamps: tuple[tuple[int, int] | None, ...]) -> MasterRegisters:
    return MasterRegisters(Path(folder) / name for name, stamp in zip(FILES.values(), stamps) if stamp is not None)


def document_names(stem: str, edition: Edition, formats: Iterable[str] = FORMATS) -> list[str]:
    """The files ``document_files`` makes for a document, by name (what the site should hold for it)."""
    formats = set(formats)
    names = [f"tei/{stem}.xml", f"{stem}.html"]
    if "pdf" in formats:
        names.append(f"pdf/{stem}.pdf")
    if "deposit" in formats:
        names += [f"meta/{stem}.oai_dc.xml", f"meta/{stem}.csl.json"]
        if edition.published:
            names.append(f"meta/{stem}.datacite.xml")
    return names


_SITE_FILE = re.compile(r"[^/]+\.html|search(?:-index)?\.js|cmif\.xml|edition\.pdf|tei/[^/]+\.xml|pdf/[^/]+\.pdf"
                        r"|meta/[^/]+\.(?:xml|json)")


def stale_files(out: Path, expected: Iterable[str] | Container[str]) -> list[Path]:
    """Files of the site that this build did not make: a removed or failed document's, a format turned off.

    Only files of the kinds the build writes are considered (pages, TEI, PDFs, records, scripts), so
    nothing else a user keeps in the output folder is touched; nor is the bag or the build's state.
    ``expected`` (the files the build vouches for) may be a container that answers file by file, and
    the folders are read entry by entry: a site of 100,000 documents is never listed in memory.
    """
    keep = expected if isinstance(expected, (set, frozenset)) or not isinstance(expected, Iterable) \
        else set(expected)
    found = []
    # the build writes at the top and in these folders only (_SITE_FILE)
    for folder in ("", "tei", "pdf", "meta"):
        try:
            listing = os.scandir(out / folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        with listing:
            for entry in listing:
                rel = f"{folder}/{entry.name}" if folder else entry.name
                if not rel.startswith(".") and _SITE_FILE.fullmatch(rel) and rel not in keep and entry.is_file():
                    found.append(out / rel)
    return sorted(found)


def document_files(tree: etree._ElementTree, data: bytes, stem: str, edition: Edition, *,
                   registers_dir: Path, formats: Iterable[str] = FORMATS,
                   registers: Registers | None = None) -> dict[str, bytes]:
    """The files one document gives: its TEI, reading page and, as asked, PDF and deposit records."""
    formats = set(formats)
    params = {"edition-title": edition.title, "base-url": edition.base_url, "tei-href": f"tei/{stem}.xml",
              "index-href": "index.html"}  # part of a site: a navigation bar, names linked to the register pages
    if "pdf" in formats:
        params["pdf-href"] = f"pdf/{stem}.pdf"
    if "deposit" in formats:
        params.update({"dc-href": f"meta/{stem}.oai_dc.xml", "csl-href": f"meta/{stem}.csl.json"})
        if edition.published:
            params["datacite-href"] = f"meta/{stem}.datacite.xml"
    files = {f"tei/{stem}.xml": data, f"{stem}.html": render_html(tree, params=params)}
    if "pdf" in formats:
        files[f"pdf/{stem}.pdf"] = pdf.document_pdf(tree, edition_title=edition.title, registers=registers)
    if "deposit" in formats:
        page_url = deposit.document_url(edition, stem)
        masters = _master_registers(str(registers_dir))
        files[f"meta/{stem}.oai_dc.xml"] = deposit.oai_dc_xml(tree, edition=edition, page_url=page_url,
                                                               registers=masters)
        item = deposit.csl_json(tree, edition=edition, page_url=page_url, registers=masters)
        files[f"meta/{stem}.csl.json"] = _json([item])
        issued = _issued(edition)
        if issued is not None:
            files[f"meta/{stem}.datacite.xml"] = deposit.datacite_xml(
                tree, edition=edition, page_url=page_url, issued=issued, registers=masters)
    return files


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


class EditionIndex(Protocol):
    """The index entries of an edition's documents (``href``, ``title``, ``date``...), read when needed.

    A build reads them from its manifest; a list of entries is one too (``edition_files`` takes either).
    """

    def __len__(self) -> int: ...

    def by_date(self) -> Iterator[dict[str, str]]:
        """By date (undated first), then title, then as given."""

    def for_page(self) -> Iterator[dict[str, str]]:
        """As the index page lists them: by date (undated last), then title, then page."""

    def years(self) -> tuple[str, str] | None:
        """The years of the first and the last dated document."""


class _ListIndex:
    """A list of index entries as an ``EditionIndex``."""

    def __init__(self, entries: Iterable[dict[str, str]]) -> None:
        self._entries = list(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def by_date(self) -> Iterator[dict[str, str]]:
        return iter(sorted(self._entries, key=lambda e: (e.get("date", ""), e["title"])))

    def for_page(self) -> Iterator[dict[str, str]]:
        return iter(sorted(self._entries, key=lambda e: (not e.get("date"), e.get("date") or "", e["title"],
                                                           e["href"])))

    def years(self) -> tuple[str, str] | None:
        dates = sorted(e["date"] for e in self._entries if e.get("date"))
        return (dates[0][:4], dates[-1][:4]) if dates else None


class _TeiFolder(Mapping[str, etree._ElementTree]):
    """The site's TEI files by page URL, in the index's order (by date), each parsed only when asked for."""

    def __init__(self, out: Path, index: EditionIndex, edition: Edition) -> None:
        self._out, self._index, self._edition = out, index, edition
        self._prefix = deposit.document_url(edition, "")[:-len(".html")]

    def __getitem__(self, url: str) -> etree._ElementTree:
        if not (url.startswith(self._prefix) and url.endswith(".html")):
            raise KeyError(url)
        path = self._out / "tei" / f"{url[len(self._prefix):-len('.html')]}.xml"
        return parse_xml(read_xml_bytes(path), origin=str(path), collect_ids=False)

    def __iter__(self) -> Iterator[str]:
        return (deposit.document_url(self._edition, Path(e["href"]).stem) for e in self._index.by_date())

    def __len__(self) -> int:
        return len(self._index)


def edition_files(out: Path, edition: Edition, index: list[dict[str, str]] | EditionIndex,
                  facts: Iterable[site.DocFacts], registers: Registers | RegisterStore, registers_dir: Path, *,
                  formats: Iterable[str] = FORMATS, notes: list[str],
                  write: Callable[[str, bytes], None] | None = None,
                  write_parts: Callable[[str, Iterable[bytes]], None] | None = None) -> dict[str, bytes]:
    """The files that need every document: index, registers, search, CMIF, edition records and PDF.

    ``index`` and ``facts`` cover the documents published in ``out`` (built now
    or before); ``facts`` is read once, one document at a time, in any order,
    and their TEI is read back from ``out/tei/`` one file at a time. The
    register pages, the search index and the index page grow with the edition:
    with ``write_parts`` each is handed to it as its parts (name, an iterator
    of bytes to write as they come), so that none is ever whole in memory;
    with ``write`` each is handed to it (name, content) as soon as it is made,
    so that no two are in memory together; otherwise they are returned with
    the other files. ``index`` is a list of entries or an ``EditionIndex``
    (a build reads it from its manifest), ``registers`` a ``Registers`` or the
    build's ``RegisterStore``.
    What cannot be made (a CMIF file under another licence than CC BY 4.0, a
    DataCite record without a publication date) is said in ``notes``.
    """
    formats = set(formats)
    if isinstance(index, list):
        index = _ListIndex(index)
    files: dict[str, bytes] = {}

    def give(name: str, parts: Iterable[bytes]) -> None:
        if write_parts is not None:
            write_parts(name, parts)
            return
        data = _joined(parts)
        if write is not None:
            write(name, data)
        else:
            files[name] = data

    give("index.html", index_page(index, edition_title=edition.title))
    with site.gather(facts, folder=out) as store:  # its temporary folder: a dot folder in out
        for name, parts in site.edition_page_parts(registers, store, edition):
            give(name, parts)
    files.update(site.assets())
    if not len(index):
        return files
    documents = _TeiFolder(out, index, edition)
    if "deposit" in formats:
        masters = _master_registers(str(registers_dir))
        issued = _issued(edition)
        record = deposit.read_edition(documents, edition=edition)  # one pass over the TEI for all three
        files["meta/edition.oai_dc.xml"] = oai_dc_from_record(record, issued=issued)
        files["meta/edition.csl.json"] = _json([csl_from_record(record, issued=issued)])
        if issued is None:
            notes.append("DataCite records, the CMIF file and the deposit bag were not made: edition.toml has no "
                         "publication date\nhint: add published = \"YYYY-MM-DD\" (the day this release is published)")
        else:
            files["meta/edition.datacite.xml"] = datacite_xml_from_record(record, issued=issued)
            try:
                files[CMIF] = deposit.cmif_xml(documents, edition=edition, registers=masters,
                                               updated=dt.datetime(issued.year, issued.month, issued.day,
                                                                   tzinfo=dt.timezone.utc),
                                               editor=edition.editor or None, email=edition.email or None)
            except EncoderError as err:
                notes.append(f"{CMIF}: not made: {err.message}" + (f"\nhint: {err.hint}" if err.hint else ""))
    if "pdf" in formats and len(index) > EDITION_PDF_MAX:
        notes.append(f"{EDITION_PDF}: not made: the edition has {len(index)} documents, more than one PDF "
                     f"holds well ({EDITION_PDF_MAX}); each document has its own in pdf/\n"
                     "hint: print a selection from the documents' PDFs")
    elif "pdf" in formats:
        files[EDITION_PDF] = pdf.edition_pdf((documents[u] for u in documents), title=edition.title,
                                             publisher=edition.publisher, note=edition.licence_text,
                                             registers=registers)
    return files


_DOCS_MARK: Final = b"<!--tei-encoder docs-->"
_DOCTYPE: Final = b"<!DOCTYPE html>\n"
_INDEX_BATCH: Final = 1000


def index_page(index: list[dict[str, str]] | EditionIndex, *, edition_title: str,
               batch: int = _INDEX_BATCH) -> Iterator[bytes]:
    """index.html in parts: the bytes ``render_index`` gives for every entry, a batch of entries at a time.

    The page is made from its counts (xslt/index.xsl marks where its list
    goes), then the list's items from ``batch`` entries at a time, in the
    page's order: an index of 100,000 documents is never in memory whole.
    """
    if isinstance(index, list):
        index = _ListIndex(index)
    check_param("edition_title", edition_title)
    years = index.years()
    skeleton = etree.Element("edition", title=edition_title, count=str(len(index)))
    if years:
        skeleton.set("first-year", years[0])
        skeleton.set("last-year", years[1])
    page = run_stylesheet(INDEX_STYLESHEET, etree.ElementTree(skeleton), {"edition-title": edition_title})
    if page.count(_DOCS_MARK) != 1:
        raise TransformError(f"{INDEX_STYLESHEET}: the page does not mark where its documents go")
    head, tail = page.split(_DOCS_MARK)
    yield head
    entries = index.for_page()
    number = 0
    while chunk := list(itertools.islice(entries, batch)):
        listing = etree.Element("edition-docs")
        for entry in chunk:
            number += 1
            listing.append(_index_doc(entry, number))
        items = run_stylesheet(INDEX_STYLESHEET, etree.ElementTree(listing), {"edition-title": edition_title})
        del listing
        memory.release()  # what the run freed, given back before the next batch (see encoder.memory)
        # libxslt's html output puts the doctype before any result, and a line break after it
        if not (items.startswith(_DOCTYPE) and items.endswith(b"\n")):
            raise TransformError(f"{INDEX_STYLESHEET}: a batch of documents gave no HTML fragment")
        yield items[len(_DOCTYPE):-1]
    yield tail


def _index_doc(entry: dict[str, str], number: int) -> etree._Element:
    """An entry of the index page as index.xsl reads it (checked as ``render_index`` checks it)."""
    unknown = sorted(set(entry) - set(INDEX_FIELDS))
    if unknown:
        raise TransformError(f"index entry {number}: unknown field(s) {', '.join(map(repr, unknown))}",
                             hint="known fields: " + ", ".join(INDEX_FIELDS))
    missing = [key for key in ("href", "title") if not str(entry.get(key) or "").strip()]
    if missing:
        raise TransformError(f"index entry {number}: missing {', '.join(missing)}")
    doc = etree.Element("doc")
    for key in INDEX_FIELDS:  # fixed order: deterministic output
        value = entry.get(key)
        if value:
            check_param(f"index entry {number}: {key}", str(value))
            doc.set(key, str(value))
    return doc


def _joined(parts: Iterable[bytes]) -> bytes:
    buffer = bytearray()
    for part in parts:
        buffer += part
    return bytes(buffer)


def file_kind(name: str) -> str:
    """What a file of the site is, in the words of the build's summary."""
    if name.startswith(BAG + "/"):
        return "deposit bag"
    if name.startswith("meta/"):
        return "citation/deposit record"
    if name == CMIF:
        return "CMIF file"
    suffix = Path(name).suffix
    return {".html": "HTML page", ".xml": "TEI file", ".pdf": "PDF", ".js": "script/search index"}.get(suffix, "other")


def bag_payload(out: Path, names: Iterable[str]) -> dict[str, Path]:
    """What the deposit bag holds: the files of the site this build vouches for (``names``), by name."""
    return {name: out / name for name in sorted(set(names)) if (out / name).is_file()}