"""Every tagged mention of a TEI file, for an editor to review in a spreadsheet.

One row per persName, placeName, orgName and date in the header and the text
(the registers in standOff are not mentions): its type, the text as printed,
@ref, the register entry's standard name, whether the entry is machine-made,
the certainty, and where it stands (file:line and the nearest block id).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

from encoder.safexml import parse_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TYPES = ("persName", "placeName", "orgName", "date")
_ENTRY = {"persName": "person", "placeName": "place", "orgName": "org"}
COLUMNS = ("file", "line", "where", "type", "text", "ref", "entry", "machine", "cert", "when")


@dataclass(frozen=True, slots=True)
class Mention:
    file: str
    line: int | None
    where: str          # the id of the block (p3, b1) or the header element it stands in
    type: str
    text: str
    ref: str
    entry: str          # the register entry's standard name
    machine: str        # "yes" when the entry awaits an editor's review
    cert: str
    when: str


def mentions(path: str | Path) -> list[Mention]:
    """The mentions of one TEI file, in document order."""
    tree = parse_xml(path)
    root = tree.getroot()
    entries: dict[str, etree._Element] = {}
    for so in root.iter(f"{{{TEI_NS}}}standOff"):
        for el in so.iter():
            if isinstance(el.tag, str) and el.get(XML_ID):
                entries[el.get(XML_ID)] = el
    rows = []
    for el in root.iter(*(f"{{{TEI_NS}}}{t}" for t in TYPES)):
        if any(etree.QName(a).localname == "standOff" for a in el.iterancestors()):
            continue
        local = etree.QName(el).localname
        ref = el.get("ref", "")
        entry = entries.get(ref[1:]) if ref.startswith("#") else None
        reg = ""
        if entry is not None:
            names = [n for n in entry if etree.QName(n).localname == f"{_ENTRY.get(local, '')}Name"
                     or etree.QName(n).localname == local]
            reg = next((" ".join("".join(n.itertext()).split()) for n in names if n.get("type") == "reg"),
                       " ".join("".join(names[0].itertext()).split()) if names else "")
        cert = el.get("cert") or (entry.get("cert") if entry is not None else None) or ""
        rows.append(Mention(
            file=str(path), line=el.sourceline, where=_where(el), type=local,
            text=" ".join("".join(el.itertext()).split()), ref=ref, entry=reg,
            machine="yes" if entry is not None and entry.get("resp") == "#resp_enc" else "",
            cert=cert, when=el.get("when", "")))
    return rows


def _where(el: etree._Element) -> str:
    for a in el.iterancestors():
        if a.get(XML_ID):
            return a.get(XML_ID)
        local = etree.QName(a).localname
        if local in ("title", "abstract", "note", "funder", "respStmt", "correspAction", "creation", "head"):
            return local + (f"[@type='{a.get('type')}']" if a.get("type") else "")
    return ""


def to_tsv(rows: Iterable[Mention]) -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([getattr(r, c) if getattr(r, c) is not None else "" for c in COLUMNS])
    return out.getvalue()


def to_json(rows: Iterable[Mention]) -> str:
    return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2)


def to_table(rows: Sequence[Mention]) -> str:
    cols = ("line", "where", "type", "text", "ref", "entry", "cert")
    cells = [[str(getattr(r, c) or "") for c in cols] for r in rows]
    widths = [min(32, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths))]
    for row, r in zip(cells, rows):
        flag = " *" if r.machine else ""
        lines.append("  ".join(v[:w].ljust(w) for v, w in zip(row, widths)).rstrip() + flag)
    return "\n".join(lines)
