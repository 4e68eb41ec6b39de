"""DataCite metadata (kernel 4) for a document or the whole edition.

The record is written in the DataCite JSON form that the ``datacite``
library defines, checked against that library's kernel-4.5 JSON Schema
(offline, every time), and turned into kernel-4 XML by the library's own
serializer. The library writes ``<identifier>`` only for a DOI; the
kernel-4.5 XSD requires an identifier but lets ``identifierType`` be any
string, so without a DOI the page's URL is written as
``<identifier identifierType="URL">``. DataCite itself registers DOIs only:
such a record can be deposited (Zenodo, an institutional repository), but
DataCite will not accept it until a DOI is minted and passed in as ``doi``.
"""

from __future__ import annotations

import datetime as _dt
import functools
from types import ModuleType
from typing import Any, Final

from lxml import etree

from encoder.deposit.record import Agent, DepositError, Record

DATACITE_NS: Final = "http://datacite.org/schema/kernel-4"
SCHEMA_VERSION: Final = "http://datacite.org/schema/kernel-4"
UNKNOWN: Final = ":unav"          # DataCite's standard value for "value unavailable"
_SUFFIXES: Final = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@functools.cache
def _schema45() -> ModuleType:
    # Imported on first use: the datacite package loads its API clients (requests) with it,
    # about 0.3 s that the other formats need not pay.
    from datacite import schema45

    return schema45


def split_name(name: str) -> tuple[str | None, str, str | None]:
    """(given, family, suffix) of a personal name written 'Family, Given' or 'Given Family [Jr.]'.

    A single word is a family name ('Stalin' -> (None, 'Stalin', None));
    'Terry B. Sanders Jr.' -> ('Terry B.', 'Sanders', 'Jr.'). Without a comma the last word is
    taken as the family name, which is wrong for names written family name first ('An Doo Hi'):
    the editors fix such a name by writing the register's regular form as 'An, Doo Hi'.
    """
    words = name.replace(",", " , ").split()
    suffix = None
    if len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
        if words[-1] == ",":
            words.pop()
    if "," in words:
        cut = words.index(",")
        family, given = " ".join(words[:cut]), " ".join(w for w in words[cut + 1:] if w != ",")
        return given or None, family, suffix
    if len(words) < 2:
        return None, " ".join(words), suffix
    return " ".join(words[:-1]), words[-1], suffix


_SCHEMES: Final = (("viaf.org", "VIAF"), ("d-nb.info/gnd", "GND"), ("id.loc.gov", "LCNAF"),
                   ("wikidata.org", "Wikidata"), ("orcid.org", "ORCID"))


def _name(agent: Agent) -> dict[str, Any]:
    if agent.kind == "orgName":
        out: dict[str, Any] = {"name": agent.name, "nameType": "Organizational"}
    else:
        given, family, suffix = split_name(agent.name)
        display = ", ".join(p for p in (family, given, suffix) if p)
        out = {"name": display, "nameType": "Personal", "familyName": family}
        if given:
            out["givenName"] = given
    if agent.uri:
        scheme = next((label for host, label in _SCHEMES if host in agent.uri), "URI")
        out["nameIdentifiers"] = [{"nameIdentifier": agent.uri, "nameIdentifierScheme": scheme}]
    return out


def datacite_from_record(record: Record, *, issued: _dt.date, doi: str | None = None) -> dict[str, Any]:
    """The DataCite JSON (kernel 4.5, as the ``datacite`` library defines it) of a record.

    ``issued`` is the date the edition is published (the build passes it, so output stays
    deterministic); ``doi`` only when one has really been registered.
    """
    ed = record.edition
    data: dict[str, Any] = {
        "titles": [{"title": record.title}],
        "publisher": {"name": ed.publisher},
        "publicationYear": str(issued.year),
        "language": record.language or "en",
        "formats": ["text/html", "application/tei+xml"],
        "rightsList": [{"rights": ed.licence_text, "rightsUri": ed.licence}],
        "schemaVersion": SCHEMA_VERSION,
        "dates": [{"date": issued.isoformat(), "dateType": "Issued"}],
    }
    if doi:
        data["doi"] = doi
    if record.kind == "document":
        data["types"] = {"resourceTypeGeneral": "Text", "resourceType": record.doc_type or "Document"}
        data["creators"] = [_name(a) for a in record.senders] or [{"name": UNKNOWN}]
        contributors = [{**_name(a), "contributorType": "Other"} for a in (*record.translators, *record.contributors)]
        if contributors:
            data["contributors"] = contributors
        if record.date:
            data["dates"].insert(0, {"date": record.date, "dateType": "Created"})
        if record.id:
            data["alternateIdentifiers"] = [{"alternateIdentifier": record.id, "alternateIdentifierType": "local"}]
        related = [{"relatedIdentifier": record.edition_url, "relatedIdentifierType": "URL",
                    "relationType": "IsPartOf"}]
        if record.source_url:
            related.append({"relatedIdentifier": record.source_url, "relatedIdentifierType": "URL",
                            "relationType": "IsDerivedFrom"})
        data["relatedIdentifiers"] = related
        descriptions = [{"description": ed.title, "descriptionType": "SeriesInformation"}]
        if record.summary:
            descriptions.insert(0, {"description": record.summary, "descriptionType": "Abstract"})
        source = _source_note(record)
        if source:
            descriptions.append({"description": source, "descriptionType": "Other"})
        data["descriptions"] = descriptions
        if record.source_rights:
            data["rightsList"].append({"rights": record.source_rights})
    else:
        data["types"] = {"resourceTypeGeneral": "Collection", "resourceType": "Digital scholarly edition"}
        data["creators"] = [{"name": ed.publisher, "nameType": "Organizational"}]
        data["relatedIdentifiers"] = [{"relatedIdentifier": url, "relatedIdentifierType": "URL",
                                       "relationType": "HasPart"} for url in record.parts]
        span = f", {record.date_range[0]} to {record.date_range[1]}" if record.date_range else ""
        data["descriptions"] = [{"description": f"{len(record.parts)} documents{span}, encoded in TEI P5.",
                                 "descriptionType": "Other"}]
    errors = sorted(_schema45().validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(record)"
        raise DepositError(f"DataCite record is invalid at {where}: {errors[0].message}",
                           origin=record.url, hint="this is a bug in encoder.deposit or a bad setting "
                                                   "in edition.toml (publisher, licence)")
    return data


def _source_note(record: Record) -> str | None:
    parts = []
    if record.source_publisher or record.source_title:
        parts.append(", ".join(p for p in (record.source_publisher, record.source_title) if p))
    for extra in (record.published_in, record.source_citation, record.source_url):
        if extra:
            parts.append(extra)
    return "Source: " + "; ".join(parts) if parts else None


def datacite_xml_from_record(record: Record, *, issued: _dt.date, doi: str | None = None) -> bytes:
    """DataCite kernel-4 XML of a record (see the module docstring on the identifier)."""
    data = datacite_from_record(record, issued=issued, doi=doi)
    root = _schema45().dump_etree(data)
    if not doi:
        ident = etree.Element(f"{{{DATACITE_NS}}}identifier", identifierType="URL")
        ident.text = record.url
        root.insert(0, ident)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
