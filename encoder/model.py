"""Plain, frozen values passed between the stages of the pipeline.

Offsets are always Python ``str`` indices into ``Source.text`` (the whole
decoded, newline-normalised source file), end exclusive. Nothing here knows
about XML: only ``encoder.tei`` builds elements.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of source text that becomes one TEI element.

    ``tag`` is the TEI element's local name (persName, placeName, orgName,
    roleName, date, num, supplied, note, gap, sic, ref, foreign...).
    ``key`` is the normalised name a name span is linked by (register lookup);
    ``cert`` is the tagger's certainty (high, medium, low).
    ``trim`` is how many delimiter characters at each end are source syntax
    that the element replaces (the square brackets of ``[it]``): they are
    left out of the element's text and printed back by the stylesheets.
    """

    start: int
    end: int
    tag: str
    attrs: Attrs = ()
    key: str | None = None
    cert: str | None = None
    trim: tuple[int, int] = (0, 0)

    def attr(self, name: str) -> str | None:
        for k, v in self.attrs:
            if k == name:
                return v
        return None


@dataclass(frozen=True, slots=True)
class TagContext:
    """What a tagger may know about the document besides its text."""

    date: _dt.date | None = None          # the document date (year inference)
    date_precision: str = "day"           # day, month or year
    country: str | None = None            # ISO 3166 alpha-2 the document is about, if known
    language: str | None = None           # language of the original (ISO 639-1)
    places: tuple[str, ...] = field(default=())  # place names known from metadata


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded source file: the text every offset points into."""

    text: str
    origin: str          # the path as the user gave it, for messages
    name: str            # the file name, recorded in the header
    sha256: str          # of the raw bytes, recorded in revisionDesc

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of the source that fills one header field or one block."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the document text (lines between blank lines).

    ``zone`` is opener, body or closer; ``kind`` what the block is:
    p, dateline, addressee, receipt, classification, doctype, number,
    salute, signature, heading.
    """

    start: int
    end: int
    zone: str
    kind: str


@dataclass(frozen=True, slots=True)
class Credit:
    """A person credited by the source: translator (trl), contributor (ctb)..."""

    role: str
    name: str
    region: Region | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """Everything the header says, from the page's own blocks or a sidecar.

    Values are verbatim strings; ``*_region`` fields give where in the source
    a value stands (None when it came from a sidecar), so it can be tagged.
    """

    form: str                                   # "wilson" or "sidecar"
    title: str
    title_region: Region | None = None
    date: str | None = None                     # ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD)
    date_text: str | None = None                # as printed
    date_cert: str | None = None                # "low" for "c. 1950"
    date_region: Region | None = None           # the page date line
    time: str | None = None                     # hh:mm from a sidecar
    place: str | None = None
    sender: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    doc_type: str | None = None
    classification: str | None = None
    language: str | None = None                 # language of the original (ISO 639-1)
    language_name: str | None = None            # that language as the page names it ("Serbo-Croatian")
    funder: str | None = None
    funder_region: Region | None = None         # the funder's name alone (trailing line)
    funding_region: Region | None = None        # "This document was made possible ..."
    summary: str | None = None
    summary_region: Region | None = None
    citation: str | None = None
    citation_region: Region | None = None
    suggested_citation_region: Region | None = None  # the older layout's quoted citation line
    rights: tuple[str, ...] = ()
    rights_regions: tuple[Region, ...] = ()
    credits: tuple[Credit, ...] = ()
    archive: str | None = None
    reference: str | None = None
    record_id: str | None = None
    uploaded: str | None = None
    archive_region: Region | None = None    # where the page gives the archive (its names are tagged there)
    uploaded_region: Region | None = None
    url: str | None = None
    published_in: str | None = None
    publisher: str | None = None
    keywords: tuple[tuple[str, str, Region | None], ...] = ()  # (label, value, where) from topic lists
    gaps: tuple[str, ...] = ()                  # labelled fields the source left empty
    furniture: tuple[str, ...] = ()             # web-page furniture dropped, verbatim
    incomplete: bool = False                    # the source visibly stops mid-document


@dataclass(frozen=True, slots=True)
class Parsed:
    """A source split into its header metadata and its document blocks."""

    source: Source
    meta: Metadata
    head: Region | None          # the document's heading in the source, if it has one
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """A register entry: a person, place or organisation with its names and ids.

    ``xml`` keeps an editor-made entry verbatim (serialised TEI), so that
    what the editors wrote is copied as they wrote it; machine-made entries
    (``machine=True``) are built from the other fields.
    """

    id: str
    kind: str                                   # person, place, org
    reg: str                                    # the standard form of the name
    variants: tuple[str, ...] = ()
    abbr: str | None = None
    idnos: tuple[tuple[str, str], ...] = ()     # (type, value): geonames, wikidata, viaf
    geo: str | None = None                      # "lat lon"
    machine: bool = False
    cert: str | None = None
    xml: str | None = None


@dataclass(frozen=True, slots=True)
class Named:
    """A name in the header (sender, recipient, credited person) and its link."""

    name: str
    ref: str | None = None
    kind: str = "persName"


@dataclass(frozen=True, slots=True)
class Edition:
    """Settings of the edition a document belongs to (editions/edition.toml)."""

    title: str = "Documents encoded with tei-encoder"
    publisher: str = "tei-encoder"
    base_url: str = ""
    licence: str = "https://creativecommons.org/licenses/by/4.0/"
    licence_text: str = "The markup and editorial additions are available under CC BY 4.0."
    published: str = ""   # ISO date of this release: DataCite's publication date, the bag's date
    editor: str = ""      # the edition's contact, as CMIF asks (name)
    email: str = ""       # ... and e-mail address


@dataclass(frozen=True, slots=True)
class Header:
    """The header values the pipeline resolved from metadata and tagging."""

    doc_id: str
    version: str
    edition: Edition
    credits: tuple[tuple[str, Named], ...]      # (relator code, person)
    bracket_resp: str | None                    # "#resp_trl" or "#resp_src" when brackets exist
    source_editor: str | None                   # who is resp_src
    date: str | None                            # ISO of the document date
    date_text: str | None
    date_cert: str | None
    date_region: Region | None                  # the dateline date, if the text dates itself
    place: Named | None                         # place of writing
    senders: tuple[Named, ...]
    sent_places: tuple[Named, ...]
    recipients: tuple[Named, ...]
    received_places: tuple[Named, ...]
    doc_type: tuple[str, str] | None            # (category id, label)
    original_language: str | None               # ISO 639-1 of the original, if not English
    repository_ref: str | None


@dataclass(frozen=True, slots=True)
class Encoded:
    """Everything the TEI builder needs: the parse, the tagging, the links."""

    parsed: Parsed
    spans: tuple[Span, ...]                     # names carry ("ref", "#id") in attrs
    entries: tuple[Entry, ...]                  # register entries the document uses
    header: Header
    warnings: tuple[str, ...] = ()
