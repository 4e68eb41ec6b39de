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
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Final

from lxml import etree

from encoder import deposit, pdf, site
from encoder.deposit.csl import csl_from_record
from encoder.deposit.datacite import datacite_xml_from_record
from encoder.deposit.dublincore import oai_dc_from_record
from encoder.errors import EncoderError
from encoder.model import Edition
from encoder.registers import FILES, Registers
from encoder.render import render_html, render_index
from encoder.safexml import parse_xml, read_xml_bytes

__all__ = ["FORMATS", "document_files", "document_names", "edition_files", "bag_payload", "stale_files",
           "file_kind", "BAG"]

#: What a build can make besides the TEI and the reading pages.
FORMATS: Final = ("pdf", "deposit")
BAG: Final = "bag"
CMIF: Final = "cmif.xml"
EDITION_PDF: Final = "edition.pdf"
#: The largest edition laid out as one PDF (WeasyPrint holds the whole book: about 3 MB a document).
EDITION_PDF_MAX: Final = 500


def _issued(edition: Edition) -> dt.date | None:
    return dt.date.fromisoformat(edition.published) if edition.published else None


def _master_registers(folder: str) -> tuple[etree._ElementTree, ...]:
    """The editors' register files (their authority ids win in deposit records), read once per version.

    Keyed on each file's size and time of change: a build rewrites the registers at its end, and a
    process that builds again (the API, the tests) must not cite the old ones.
    """
    paths = [Path(folder) / name for name in FILES.values()]
    stamps = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else None for p in paths)
    return _read_registers(folder, stamps)


@functools.lru_cache(maxsize=4)
def _read_registers(folder: str, stamps: tuple[tuple[int, int] | None, ...]) -> tuple[etree._ElementTree, ...]:
    trees = []
    for name, stamp in zip(FILES.values(), stamps):
        path = Path(folder) / name
        if stamp is not None:
            trees.append(parse_xml(read_xml_bytes(path), origin=str(path), collect_ids=False))
    return tuple(trees)


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


def stale_files(out: Path, expected: Iterable[str]) -> list[Path]:
    """Files of the site that this build did not make: a removed or failed document's, a format turned off.

    Only files of the kinds the build writes are considered (pages, TEI, PDFs, records, scripts), so
    nothing else a user keeps in the output folder is touched; nor is the bag or the build's state.
    """
    keep = set(expected)
    found = []
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in keep and rel.split("/")[0] != BAG and not rel.startswith(".") \
                and _SITE_FILE.fullmatch(rel):
            found.append(path)
    return found


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


class _TeiFolder(Mapping[str, etree._ElementTree]):
    """The site's TEI files by page URL, each parsed only when asked for (one at a time)."""

    def __init__(self, out: Path, stems: list[str], edition: Edition) -> None:
        self._out, self._edition = out, edition
        self._urls = {deposit.document_url(edition, s): s for s in stems}

    def __getitem__(self, url: str) -> etree._ElementTree:
        path = self._out / "tei" / f"{self._urls[url]}.xml"
        return parse_xml(read_xml_bytes(path), origin=str(path), collect_ids=False)

    def __iter__(self) -> Iterator[str]:
        return iter(self._urls)

    def __len__(self) -> int:
        return len(self._urls)


def edition_files(out: Path, edition: Edition, index: list[dict[str, str]], facts: Iterable[site.DocFacts],
                  registers: Registers, registers_dir: Path, *, formats: Iterable[str] = FORMATS,
                  notes: list[str], write: Callable[[str, bytes], None] | None = None) -> dict[str, bytes]:
    """The files that need every document: index, registers, search, CMIF, edition records and PDF.

    ``index`` and ``facts`` cover the documents published in ``out`` (built now
    or before); ``facts`` is read once, one document at a time, in any order,
    and their TEI is read back from ``out/tei/`` one file at a time. The
    register pages and the search index grow with the edition: with ``write``
    each is handed to it (name, content) as soon as it is made, so that no two
    are in memory together, instead of being returned with the other files.
    What cannot be made (a CMIF file under another licence than CC BY 4.0, a
    DataCite record without a publication date) is said in ``notes``.
    """
    formats = set(formats)
    index = sorted(index, key=lambda e: (e.get("date", ""), e["title"]))
    files = {"index.html": render_index(index, edition_title=edition.title)}
    with site.gather(facts, folder=out) as store:  # its temporary folder: a dot folder in out
        for name, data in site.edition_pages(registers, store, edition):
            if write is not None:
                write(name, data)
            else:
                files[name] = data
            del data
    files.update(site.assets())
    stems = [Path(e["href"]).stem for e in index]
    if not stems:
        return files
    documents = _TeiFolder(out, stems, edition)
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
    if "pdf" in formats and len(stems) > EDITION_PDF_MAX:
        notes.append(f"{EDITION_PDF}: not made: the edition has {len(stems)} documents, more than one PDF "
                     f"holds well ({EDITION_PDF_MAX}); each document has its own in pdf/\n"
                     "hint: print a selection from the documents' PDFs")
    elif "pdf" in formats:
        files[EDITION_PDF] = pdf.edition_pdf((documents[u] for u in documents), title=edition.title,
                                             publisher=edition.publisher, note=edition.licence_text,
                                             registers=registers)
    return files


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