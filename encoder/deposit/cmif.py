"""One CMIF file (Correspondence Metadata Interchange Format) for the whole edition.

What correspSearch harvests: a TEI file whose ``profileDesc`` holds one
``correspDesc`` per document, each with a ``sent`` and a ``received``
``correspAction`` that contain only ``persName``, ``orgName``, ``placeName``
and ``date``. The exporter copies each document's own ``correspDesc``
mechanically and:

* writes names in the register's regular form, with ``@ref`` the authority
  URI where the register has a trusted one (VIAF, GND, LC or Wikidata for
  people and organisations, GeoNames for places) and no ``@ref`` otherwise;
* writes ``persName`` "Unknown" where an action names neither a person nor
  an organisation (CMIF: ``orgName`` stands in for ``persName`` when no
  person applies), and a received action with "Unknown" when the document
  has none;
* cuts dates to day precision (YYYY, YYYY-MM or YYYY-MM-DD) and leaves out a
  date it cannot read;
* points ``correspDesc/@ref`` at the document's page and ``@source`` at the
  one ``sourceDesc/bibl`` (the edition), whose ``xml:id`` holds a UUID made
  from the edition's URL or title (stable across builds).

The header licenses the file under CC BY 4.0 with CMIF's fixed sentence, as
correspSearch requires; an edition with another licence cannot publish one.
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Final

from lxml import etree

from encoder.deposit.record import Authorities, DepositError, MasterRegisters, authorities, day
from encoder.model import Edition
from encoder.tei import NS, TEI_NS, XML_NS

CC_BY_4: Final = "https://creativecommons.org/licenses/by/4.0/"
CMIF_LICENCE_TEXT: Final = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
_ACTION_CHILDREN: Final = frozenset({"persName", "orgName", "placeName", "date"})
_DATE_ATTRS: Final = ("when", "from", "to", "notBefore", "notAfter")
_CMIF_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _t(local: str) -> str:
    return f"{{{TEI_NS}}}{local}"


def _sub(parent: etree._Element, local: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _t(local))
    for key, value in attrs.items():
        el.set(key, value)
    if text is not None:
        el.text = text
    return el


def bibl_id(edition: Edition) -> str:
    """The xml:id of the edition's bibl: a UUID (CMIF W0001) made from its URL or title.

    An xml:id must not start with a digit, so the UUID follows a short prefix.
    """
    key = edition.base_url.rstrip("/") or edition.title
    return f"edition-{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def _action(parent: etree._Element, kind: str, source: etree._Element | None, auth: Authorities) -> None:
    action = _sub(parent, "correspAction", type=kind)
    names: list[etree._Element] = [] if source is None else [
        el for el in source if isinstance(el.tag, str) and etree.QName(el).localname in ("persName", "orgName")]
    if not names:
        _sub(action, "persName", "Unknown")
    for el in names:
        name = auth.regular_name(el.get("ref")) or " ".join("".join(el.itertext()).split()) or "Unknown"
        out = _sub(action, etree.QName(el).localname, name)
        uri = auth.uri(el.get("ref"))
        if uri:
            out.set("ref", uri)
    if source is None:
        return
    for el in source.findall("tei:placeName", NS):
        name = auth.regular_name(el.get("ref")) or " ".join("".join(el.itertext()).split())
        if not name:
            continue
        out = _sub(action, "placeName", name)
        uri = auth.uri(el.get("ref"))
        if uri:
            out.set("ref", uri)
    for el in source.findall("tei:date", NS):
        attrs = {a: d for a in _DATE_ATTRS if (d := day(el.get(a))) and not d.startswith("-")}
        if attrs:
            _sub(action, "date", **attrs)


def cmif_xml(documents: Mapping[str, etree._ElementTree], *, edition: Edition, updated: _dt.datetime,
             registers: Iterable[etree._ElementTree] | MasterRegisters = (), file_url: str | None = None,
             editor: str | None = None, email: str | None = None) -> bytes:
    """The CMIF file of the edition; ``documents`` maps each document's page URL to its TEI.

    ``updated`` is the time of this export (``publicationStmt/date/@when``, an xsd:dateTime);
    ``file_url`` the CMIF file's own URL (default ``{base_url}/cmif.xml``); ``editor`` and
    ``email`` the contact CMIF asks for, if the edition has one; ``registers`` the editors'
    master registers (trees, or a ``MasterRegisters`` index), whose authority ids win over the copies in
    each TEI file.
    """
    if edition.licence.rstrip("/") != CC_BY_4.rstrip("/"):
        raise DepositError(f"CMIF requires the CC BY 4.0 licence, the edition has {edition.licence!r}",
                           hint=f'set licence = "{CC_BY_4}" in edition.toml, or do not publish a CMIF file')
    if not isinstance(updated, _dt.datetime):
        raise DepositError("CMIF needs the time of the export (publicationStmt/date/@when is an xsd:dateTime)",
                           hint="pass a datetime, not a date")
    if not isinstance(registers, MasterRegisters):
        registers = list(registers)
    base = edition.base_url.rstrip("/")
    root = etree.Element(_t("TEI"), nsmap={None: TEI_NS})
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", edition.title)
    if editor or email:
        ed_el = _sub(title_stmt, "editor", f"{editor} " if editor and email else editor)
        if email:
            _sub(ed_el, "email", email)
    pub = _sub(file_desc, "publicationStmt")
    _sub(pub, "publisher", edition.publisher)
    _sub(pub, "idno", file_url or (f"{base}/cmif.xml" if base else "cmif.xml"), type="URL")
    _sub(pub, "date", when=updated.isoformat())
    _sub(_sub(pub, "availability"), "licence", CMIF_LICENCE_TEXT, target=CC_BY_4)
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl", edition.title, type="online")
    bibl.set(f"{{{XML_NS}}}id", bibl_id(edition))
    if base:
        bibl.text = f"{edition.title}, "
        _sub(bibl, "ref", f"{base}/", target=f"{base}/")
    profile = _sub(header, "profileDesc")

    # Each document's correspDesc is made as its TEI is read, and only that small element is kept:
    # ``documents`` may parse its files one at a time, so an edition of any size fits in memory.
    entries = []
    for url, tei in documents.items():
        tei_root = tei.getroot() if isinstance(tei, etree._ElementTree) else tei
        desc = tei_root.find("tei:teiHeader/tei:profileDesc/tei:correspDesc", NS)
        sent = desc.find("tei:correspAction[@type='sent']", NS) if desc is not None else None
        date = None
        if sent is not None:
            d = sent.find("tei:date", NS)
            date = day(d.get("when") or d.get("notBefore") or d.get("from")) if d is not None else None
        auth = authorities(registers, tei_root)
        out = etree.Element(_t("correspDesc"), ref=url, source=f"#{bibl_id(edition)}")
        for kind in ("sent", "received"):
            src = desc.find(f"tei:correspAction[@type='{kind}']", NS) if desc is not None else None
            _action(out, kind, src, auth)
        entries.append((date or "9999", url, out))
    for _, _, out in sorted(entries, key=lambda e: (e[0], e[1])):
        profile.append(out)
    _sub(_sub(_sub(root, "text"), "body"), "p")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def cmif_problems(tree: etree._ElementTree | etree._Element) -> list[str]:
    """What breaks CMIF's rules in a CMIF file: its Schematron (E0001-E0004) and its documented constraints.

    Empty when the file follows them. (tei_all validity is checked separately, with the TEI schema.)
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    problems: list[str] = []
    header = "tei:teiHeader/tei:fileDesc/"
    required = {
        "titleStmt/title": header + "tei:titleStmt/tei:title",
        "publicationStmt/publisher": header + "tei:publicationStmt/tei:publisher",
        'publicationStmt/idno[@type="URL"]': header + "tei:publicationStmt/tei:idno[@type='URL']",
        "publicationStmt/date/@when": header + "tei:publicationStmt/tei:date/@when",
        f'licence[@target="{CC_BY_4}"]':
            header + f"tei:publicationStmt/tei:availability/tei:licence[@target='{CC_BY_4}']",
        'sourceDesc/bibl[@type="print" or @type="online"]':
            header + "tei:sourceDesc/tei:bibl[@type='print' or @type='online']",
    }
    for what, path in required.items():
        if not root.xpath(path, namespaces=NS):
            problems.append(f"header: {what} is missing")
    licence = root.xpath(header + "tei:publicationStmt/tei:availability/tei:licence", namespaces=NS)
    if licence and " ".join("".join(licence[0].itertext()).split()) != CMIF_LICENCE_TEXT:
        problems.append("header: the licence statement is not CMIF's fixed CC-BY 4.0 sentence")
    bibl_ids = {str(i) for i in root.xpath("//tei:bibl/@xml:id", namespaces=NS)}
    descs = root.xpath("tei:teiHeader/tei:profileDesc/tei:correspDesc", namespaces=NS)
    if not descs:
        problems.append("profileDesc holds no correspDesc")
    for n, desc in enumerate(descs, 1):
        where = f"correspDesc {n} ({desc.get('ref')})"
        for kind, code in (("sent", "E0001"), ("received", "E0002")):
            if not desc.findall(f"tei:correspAction[@type='{kind}']", NS):
                problems.append(f"{where}: [{code}] no correspAction type={kind!r}")
        source = desc.get("source")
        if source is not None and source.removeprefix("#") not in bibl_ids:
            problems.append(f"{where}: [E0003] @source {source!r} is no bibl/@xml:id")
        if not desc.get("ref"):
            problems.append(f"{where}: no @ref (the document's URL)")
        for action in desc.findall("tei:correspAction", NS):
            kind = action.get("type")
            if kind not in ("sent", "received"):
                problems.append(f"{where}: correspAction type {kind!r} is not sent or received")
            if (action.text or "").strip() or any((c.tail or "").strip() for c in action):
                problems.append(f"{where}: correspAction {kind} holds text")
            children = [etree.QName(c).localname for c in action if isinstance(c.tag, str)]
            for name in children:
                if name not in _ACTION_CHILDREN:
                    problems.append(f"{where}: correspAction {kind} holds {name}, not allowed in CMIF")
            if "persName" not in children and "orgName" not in children:
                problems.append(f"{where}: correspAction {kind} names no person (write persName 'Unknown')")
            for date in action.findall("tei:date", NS):
                attrs = [a for a in _DATE_ATTRS if date.get(a) is not None]
                if not attrs:
                    problems.append(f"{where}: [E0004] a date without @when, @from, @to, @notBefore or @notAfter")
                for a in attrs:
                    if not _CMIF_DATE.match(date.get(a, "")):
                        problems.append(f"{where}: date/@{a} {date.get(a)!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if root.xpath("tei:text/tei:body//text()[normalize-space()]", namespaces=NS):
        problems.append("text/body is not empty")
    return problems
