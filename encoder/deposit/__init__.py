"""Citation and deposit outputs of an edition, made from its TEI files.

Each function takes parsed TEI (lxml trees of ``editions/tei/*.xml``) and
the edition's settings, and returns bytes or a dict; nothing is written
except by ``write_bag``, and nothing reaches the network.

========================  ====================================================
``datacite_xml``          DataCite kernel-4 XML of a document
``oai_dc_xml``            Dublin Core (OAI-PMH ``oai_dc``) of a document
``csl_json``              CSL-JSON item of a document (for citeproc, Zotero...)
``edition_*``             the same three for the edition as a whole
``cmif_xml``              one CMIF file (correspSearch) for the whole edition
``cmif_problems``         what breaks CMIF's rules in a CMIF file
``write_bag``             a BagIt bag of TEI, HTML and metadata, validated
``document_url``          a page's URL, ``{base_url}/{stem}.html``
``paragraph_urls``        each paragraph's URL, ``...#p1``
========================  ====================================================

Dates that depend on the day of the build (``issued``, ``updated``,
``bagging_date``) are passed in by the caller, so that the same input
always gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree

from encoder.deposit.bag import write_bag
from encoder.deposit.cmif import cmif_problems, cmif_xml
from encoder.deposit.csl import csl_from_record
from encoder.deposit.datacite import datacite_from_record, datacite_xml_from_record
from encoder.deposit.dublincore import oai_dc_from_record
from encoder.deposit.record import (
    DepositError,
    MasterRegisters,
    Record,
    document_url,
    edition_url,
    paragraph_urls,
    read_document,
    read_edition,
)
from encoder.model import Edition

__all__ = [
    "DepositError",
    "MasterRegisters",
    "Record",
    "cmif_problems",
    "cmif_xml",
    "csl_json",
    "datacite_json",
    "datacite_xml",
    "document_url",
    "edition_csl_json",
    "edition_datacite_xml",
    "edition_oai_dc_xml",
    "edition_url",
    "oai_dc_xml",
    "paragraph_urls",
    "read_document",
    "read_edition",
    "write_bag",
]

Documents = Mapping[str, etree._ElementTree]
#: The editors' master registers: their trees, or an index of their files (``MasterRegisters``).
Masters = Iterable[etree._ElementTree] | MasterRegisters


def datacite_json(tei: etree._ElementTree, *, edition: Edition, page_url: str, issued: _dt.date,
                  doi: str | None = None, registers: Masters = ()) -> dict[str, Any]:
    """A document's DataCite record in the ``datacite`` library's JSON form (checked against its schema)."""
    record = read_document(tei, edition=edition, page_url=page_url, registers=registers)
    return datacite_from_record(record, issued=issued, doi=doi)


def datacite_xml(tei: etree._ElementTree, *, edition: Edition, page_url: str, issued: _dt.date,
                 doi: str | None = None, registers: Masters = ()) -> bytes:
    """A document's DataCite kernel-4 XML; the identifier is the page URL unless a real ``doi`` is given."""
    record = read_document(tei, edition=edition, page_url=page_url, registers=registers)
    return datacite_xml_from_record(record, issued=issued, doi=doi)


def oai_dc_xml(tei: etree._ElementTree, *, edition: Edition, page_url: str,
               registers: Masters = ()) -> bytes:
    """A document's Dublin Core record in the OAI-PMH ``oai_dc`` container."""
    return oai_dc_from_record(read_document(tei, edition=edition, page_url=page_url, registers=registers))


def csl_json(tei: etree._ElementTree, *, edition: Edition, page_url: str,
             registers: Masters = ()) -> dict[str, Any]:
    """A document's CSL-JSON item (a dict; ``json.dumps([item])`` is a CSL-JSON file)."""
    return csl_from_record(read_document(tei, edition=edition, page_url=page_url, registers=registers))


def edition_datacite_xml(documents: Documents, *, edition: Edition, issued: _dt.date,
                         doi: str | None = None) -> bytes:
    """DataCite XML of the whole edition (a Collection with a HasPart link to each document's page)."""
    return datacite_xml_from_record(read_edition(documents, edition=edition), issued=issued, doi=doi)


def edition_oai_dc_xml(documents: Documents, *, edition: Edition, issued: _dt.date | None) -> bytes:
    """Dublin Core (oai_dc) of the whole edition."""
    return oai_dc_from_record(read_edition(documents, edition=edition), issued=issued)


def edition_csl_json(documents: Documents, *, edition: Edition, issued: _dt.date | None) -> dict[str, Any]:
    """CSL-JSON item of the whole edition."""
    return csl_from_record(read_edition(documents, edition=edition), issued=issued)
