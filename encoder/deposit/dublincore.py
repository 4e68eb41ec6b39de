"""Simple Dublin Core in the OAI-PMH ``oai_dc`` container, for a document or the edition.

The content model is the one of ``oai_dc.xsd`` (OAI-PMH 2.0): one ``oai_dc:dc``
holding, in any order and number, the fifteen DCMES 1.1 elements, each plain
text with an optional ``xml:lang`` and no child elements.
"""

from __future__ import annotations

import datetime as _dt
from typing import Final

from lxml import etree

from encoder.deposit.record import Record

OAI_DC_NS: Final = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS: Final = "http://purl.org/dc/elements/1.1/"
XSI_NS: Final = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA: Final = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_ELEMENTS: Final = ("title", "creator", "subject", "description", "publisher", "contributor", "date",
                      "type", "format", "identifier", "source", "language", "relation", "coverage", "rights")


def oai_dc_from_record(record: Record, *, issued: _dt.date | None = None) -> bytes:
    """oai_dc XML of a record; ``issued`` (the edition's publication date) dates the edition's record."""
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")

    def dc(name: str, value: str | None) -> None:
        assert name in DC_ELEMENTS, name
        if value:
            etree.SubElement(root, f"{{{DC_NS}}}{name}").text = value

    ed = record.edition
    dc("title", record.title)
    if record.kind == "document":
        for agent in record.senders:
            dc("creator", agent.name)
        for agent in (*record.translators, *record.contributors):
            dc("contributor", agent.name)
        dc("subject", record.doc_type)
        dc("description", record.summary)
        dc("publisher", ed.publisher)
        dc("date", record.date)
        dc("type", "Text")
    else:
        dc("creator", ed.publisher)
        if record.date_range:
            dc("coverage", f"{record.date_range[0]}/{record.date_range[1]}")
        dc("description", f"A digital edition of {len(record.parts)} documents, encoded in TEI P5.")
        dc("publisher", ed.publisher)
        dc("date", issued.isoformat() if issued else None)
        dc("type", "Collection")
    dc("format", "text/html")
    dc("format", "application/tei+xml")
    dc("identifier", record.url)
    if record.kind == "document":
        source = "; ".join(p for p in (record.source_publisher, record.source_title, record.published_in,
                                       record.source_citation, record.source_url) if p)
        dc("source", source or None)
    dc("language", record.language)
    if record.kind == "document":
        dc("relation", record.edition_url)
        for place in record.sent_places:
            dc("coverage", place.name)
    else:
        for url in record.parts:
            dc("relation", url)
    dc("rights", f"{ed.licence_text} {ed.licence}")
    if record.source_rights:
        dc("rights", record.source_rights)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
