"""The cross-document pages of the web edition: registers with back-references, and search.

A build reads each TEI document once (in its worker) into a small, picklable
``DocFacts``: its title and date, every name in it that points to a register
entry (with the anchor on the reading page where the name stands) and the
words a search needs. From those facts alone, without any document in memory:

``register_pages``  persons.html, places.html, orgs.html: every register entry
                    (anchor = its xml:id) with its names, authority links,
                    coordinates and the documents and paragraphs naming it,
                    made by ``xslt/register.xsl`` (XSLT 1.0) from the TEI
                    register and a ``<mentions>`` listing built here;
``search_index``    search-index.js, a prebuilt index assigned to a global, so
                    that the search works from ``file://`` too (where fetch()
                    of a JSON file fails); ``assets`` gives search.js, the
                    script that reads it on the index page.

Anchors are the ones the reading page has (``xslt/html-text.xsl``): a block's
xml:id (``p3``, ``b2``), ``para-N`` for a paragraph without one (as
``block-id`` in ``html-common.xsl`` counts them), the division's id for a
heading, and ``ed-about`` (the header panel) for a name in the header.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lxml import etree

from encoder.errors import EncoderError
from encoder.model import Edition
from encoder.registers import FILES, KINDS, Registers
from encoder.render import render_register
from encoder.resources import xslt_path
from encoder.safexml import parse_xml
from encoder.tei import register_tree

__all__ = ["Mention", "DocFacts", "PAGES", "document_facts", "register_pages", "search_index", "assets",
           "fold", "words"]

TEI_NS: Final = "http://www.tei-c.org/ns/1.0"
XML_ID: Final = "{http://www.w3.org/XML/1998/namespace}id"
_NS: Final = {"t": TEI_NS}

#: The register page of each kind of entry (the same names in every site).
PAGES: Final = {"person": "persons.html", "place": "places.html", "org": "orgs.html"}
#: What the build writes besides the pages: the search index and the script that reads it.
SEARCH_INDEX: Final = "search-index.js"
SEARCH_SCRIPT: Final = "search.js"

# The blocks the reading page renders as <p> with the block's id (html-text.xsl).
_BLOCKS: Final = frozenset({"p", "dateline", "salute", "signed", "trailer", "byline", "docAuthor"})
_OPENER_BLOCKS: Final = frozenset({"seg", "address"})
# Elements whose own xml:id the reading page keeps as an HTML id.
_ID_KEPT: Final = frozenset({"div", "head", "item"})
# Names in these parts of the header are boilerplate (the archive's rights and funding
# statements name the same country and foundation in every document), not mentions.
_BOILERPLATE: Final = "ancestor::t:availability or ancestor::t:funder or ancestor::t:note[@type='rights' or @type='funding']"
# Elements the reading page prints apart from the words around them (brackets, breaks).
_APART: Final = frozenset({"note", "supplied", "gap", "ref", "lb", "pb", "p", "head", "seg", "dateline",
                           "signed", "salute", "opener", "closer", "item", "cell", "l", "desc"})
_FOOTNOTE_PLACES: Final = frozenset({"foot", "end", "bottom"})
_MONTHS: Final = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in a document that points to a register entry."""

    ref: str        # the entry's xml:id
    tag: str        # persName, placeName, orgName, repository
    anchor: str     # the HTML id on the reading page where the name stands
    label: str      # how a back-reference shows the place: "¶ p3", "the heading", "note 2", "the header"
    text: str       # the name as the document writes it


@dataclass(frozen=True, slots=True)
class DocFacts:
    """What the cross-document pages need of one document (small: no text, no tree)."""

    stem: str
    title: str
    date: str = ""                       # ISO 8601, or "" when undated
    summary: str = ""
    kind: str = ""                       # "Telegram", from the document's category
    mentions: tuple[Mention, ...] = ()   # in document order (header first)
    words: tuple[str, ...] = ()          # the folded words of the document, sorted, each once

    @property
    def href(self) -> str:
        return f"{self.stem}.html"


# ---------------------------------------------------------------- words

def fold(text: str) -> str:
    """The form words are compared in: no diacritics, lower case (search.js folds queries the same way)."""
    if text.isascii():  # the common case, and the same result: ASCII has nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of a text, in order; one-letter words (but not digits) are left out."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 or w.isdigit()]


def _date_words(iso: str) -> list[str]:
    """"1945-11-21" gives 1945, 11, 21 and november, so that "November 1945" finds it."""
    found = _WORD.findall(iso.split("T")[0])
    if len(found) >= 2 and found[1].isdigit() and 1 <= int(found[1]) <= 12:
        found.append(_MONTHS[int(found[1]) - 1])
    if len(found) >= 3 and found[2].isdigit():
        found.append(str(int(found[2])))
    return found


# ---------------------------------------------------------------- one document

def _text(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _first(root: etree._Element, xpath: str) -> str:
    for hit in root.xpath(xpath, namespaces=_NS):
        value = " ".join(str(hit).split()) if isinstance(hit, str) else _text(hit)
        if value:
            return value
    return ""


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _numbers(text: etree._Element) -> dict[etree._Element, int]:
    """The numbers the stylesheets give what has no xml:id: a paragraph's para-N (block-id in
    html-common.xsl) and a foot or end note's note-N (note-id in html-editorial.xsl)."""
    paras = text.xpath(".//t:p[not(@xml:id)]", namespaces=_NS)
    notes = text.xpath("//t:note[@place = 'foot' or @place = 'end' or @place = 'bottom']", namespaces=_NS)
    return {**{p: n for n, p in enumerate(paras, start=1)}, **{e: n for n, e in enumerate(notes, start=1)}}


def _anchor(el: etree._Element, numbers: dict[etree._Element, int]) -> tuple[str, str]:
    """The HTML id of the place on the reading page where a name in the text stands, and its label."""
    for node in el.iterancestors():
        name = _local(node)
        eid = node.get(XML_ID)
        if name == "note" and node.get("place") in _FOOTNOTE_PLACES:
            # printed in the Notes section, as <li id="note-id"> (html-editorial.xsl)
            label = " ".join((node.get("n") or "").split()) or str(numbers.get(node, ""))
            return eid or f"note-{numbers.get(node, 0)}", f"note {label}"
        # A p inside a note or quotation is printed as a span, without its id (html-text.xsl).
        inline = node.xpath("boolean(ancestor::t:note or ancestor::t:q or ancestor::t:quote[ancestor::t:p])",
                            namespaces=_NS)
        parent = node.getparent()
        in_opener = parent is not None and _local(parent) in ("opener", "closer")
        if not inline and (name in _BLOCKS or (in_opener and name in _OPENER_BLOCKS)):
            if eid:
                return eid, f"¶\u00a0{eid}"
            if name == "p" and node in numbers:
                return f"para-{numbers[node]}", f"¶\u00a0para-{numbers[node]}"
            continue
        if name in _ID_KEPT and eid:
            in_head = name == "head" or el.xpath("boolean(ancestor::t:head)", namespaces=_NS)
            return eid, "the heading" if in_head else f"¶\u00a0{eid}"
        if name == "text":
            break
    return "ed-text", "the text"


def _reading_text(el: etree._Element) -> str:
    """The text of an element as the reading page shows it, for its words: an editorial
    insertion (printed in brackets) is a word of its own, any other element is not."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        apart = _local(node) in _APART
        parts.append(" " if apart else "")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")  # a comment's tail is text too; its own text is not
        parts.append(" " if apart else "")

    walk(el)
    return "".join(parts)


def _refs(el: etree._Element) -> list[str]:
    return [token[1:] for token in (el.get("ref") or "").split() if token.startswith("#") and len(token) > 1]


def document_facts(tree: etree._ElementTree | etree._Element, stem: str) -> DocFacts:
    """Read what the cross-document pages need from one TEI document (``stem``: its page is stem.html)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    header = "/t:TEI/t:teiHeader"
    title = (_first(root, f"{header}/t:fileDesc/t:titleStmt/t:title[@type='main']")
             or _first(root, f"{header}/t:fileDesc/t:titleStmt/t:title")
             or _first(root, "/t:TEI/t:text//t:head") or "Untitled document")
    date = (_first(root, f"{header}/t:profileDesc/t:creation/t:date/@when")
            or _first(root, f"{header}/t:profileDesc/t:correspDesc/t:correspAction[@type='sent']/t:date/@when")
            or _first(root, f"{header}/t:fileDesc/t:sourceDesc/t:bibl/t:date/@when"))
    summary = _first(root, f"{header}/t:profileDesc/t:abstract")
    category = _first(root, f"{header}/t:profileDesc/t:textClass/t:catRef[1]/@target").lstrip("#")
    kind = _first(root, f"{header}/t:encodingDesc/t:classDecl//t:category[@xml:id='{category}']/t:catDesc") \
        if category and "'" not in category else ""
    found: list[Mention] = []
    names = "self::t:persName or self::t:placeName or self::t:orgName or self::t:repository"
    for el in root.xpath(f"{header}//*[{names}][@ref][not({_BOILERPLATE})]", namespaces=_NS):
        found += [Mention(ref, _local(el), "ed-about", "the header", _text(el)) for ref in _refs(el)]
    text_words: list[str] = []
    for text in root.xpath("/t:TEI/t:text", namespaces=_NS):
        numbers = _numbers(text)
        for el in text.xpath(f".//*[{names}][@ref]", namespaces=_NS):
            anchor, label = _anchor(el, numbers)
            found += [Mention(ref, _local(el), anchor, label, _text(el)) for ref in _refs(el)]
        text_words += words(_reading_text(text))
    everything = [*words(title), *words(summary), *_date_words(date), *words(kind), *text_words,
                  *(w for m in found for w in words(m.text))]
    return DocFacts(stem=stem, title=title, date=date, summary=summary, kind=kind, mentions=tuple(found),
                    words=tuple(sorted(set(everything))))


# ---------------------------------------------------------------- register pages

def _ordered(facts: Iterable[DocFacts]) -> list[DocFacts]:
    """Documents as the index lists them: by date (undated last), then title, then file."""
    return sorted(facts, key=lambda f: (f.date == "", f.date, f.title, f.stem))


def _register_trees(registers: Registers | str | Path, edition: Edition) -> dict[str, etree._ElementTree]:
    if isinstance(registers, Registers):
        entries = registers.entries()
        return {kind: register_tree(kind, entries, edition_title=edition.title) for kind in FILES}
    folder = Path(registers)
    return {kind: parse_xml(folder / fname) if (folder / fname).exists()
            else register_tree(kind, [], edition_title=edition.title) for kind, fname in FILES.items()}


def _entry_ids(tree: etree._ElementTree, kind: str) -> set[str]:
    return set(tree.xpath(f"//t:standOff//t:{kind}/@xml:id", namespaces=_NS))


def register_pages(registers: Registers | str | Path, facts: Iterable[DocFacts], edition: Edition, *,
                   index_href: str = "index.html") -> dict[str, bytes]:
    """The register pages (file name -> HTML) from the registers and every document's facts.

    ``registers`` is a ``Registers`` (the build's, with this build's entries)
    or the folder of persons.xml, places.xml and orgs.xml. A mention is listed
    on the page of the register that holds its entry; a name pointing to an
    id no register holds is listed on the page of its kind (persName: persons)
    under "Not in the register", so that every link has a target.
    Raises ``EncoderError`` when a document's page would have a register page's name.
    """
    docs = _ordered(facts)
    clash = sorted({f.href for f in docs} & set(PAGES.values()))
    if clash:
        raise EncoderError(f"a document's page would overwrite the register page {clash[0]}",
                           hint="rename the source file (the register pages are persons, places and orgs .html)")
    trees = _register_trees(registers, edition)
    owner = {eid: kind for kind, tree in trees.items() for eid in _entry_ids(tree, kind)}
    # entry id -> {stem: [mentions]}, documents in index order, mentions in document order
    by_entry: dict[str, dict[str, list[Mention]]] = {}
    kind_of: dict[str, str] = {}
    for doc in docs:
        for m in doc.mentions:
            by_entry.setdefault(m.ref, {}).setdefault(doc.stem, []).append(m)
            kind_of.setdefault(m.ref, owner.get(m.ref) or KINDS.get(m.tag, "person"))
    facts_by_stem = {d.stem: d for d in docs}
    pages: dict[str, bytes] = {}
    for kind, page in PAGES.items():
        wrapper = etree.Element("register-page", kind=kind, page=page)
        wrapper.append(trees[kind].getroot())
        listing = etree.SubElement(wrapper, "mentions")
        for ref in sorted(r for r in by_entry if kind_of[r] == kind):
            entry = etree.SubElement(listing, "entry", ref=ref)
            if ref not in owner:
                forms = Counter(m.text for ms in by_entry[ref].values() for m in ms if m.text)
                entry.set("missing", "yes")
                entry.set("name", min(forms, key=lambda t: (-forms[t], t)) if forms else ref)
            for stem, mentions in by_entry[ref].items():
                doc = facts_by_stem[stem]
                el = etree.SubElement(entry, "doc", href=doc.href, title=doc.title)
                for key, value in (("date", doc.date), ("type", doc.kind)):
                    if value:
                        el.set(key, value)
                seen: set[str] = set()
                for m in mentions:
                    if m.anchor not in seen:
                        seen.add(m.anchor)
                        etree.SubElement(el, "at", anchor=m.anchor, label=m.label)
                for form in sorted({m.text for m in mentions if m.text}):
                    etree.SubElement(el, "form").text = form
        pages[page] = render_register(etree.ElementTree(wrapper), edition_title=edition.title,
                                      index_href=index_href)
    return pages


# ---------------------------------------------------------------- search

def search_index(facts: Iterable[DocFacts], registers: Registers | str | Path | None = None,
                 edition: Edition | None = None) -> bytes:
    """search-index.js: the prebuilt search index as a script that sets ``window.teiSearchIndex``.

    ``docs`` lists each document (href, title, date, type, summary) with its
    folded words, space-separated; ``entries`` (when ``registers`` is given)
    lists each register entry with its page link, names and how many documents
    name it. Same facts, same bytes: keys sorted, ASCII only (\\u escapes), so
    the browser reads it right whatever encoding it assumes for the file.
    """
    docs = _ordered(facts)
    records = []
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update({m.ref for m in doc.mentions})
        record = {"h": doc.href, "t": doc.title, "w": " ".join(doc.words)}
        for key, value in (("d", doc.date), ("y", doc.kind), ("s", doc.summary)):
            if value:
                record[key] = value
        records.append(record)
    entries = []
    if registers is not None:
        trees = _register_trees(registers, edition or Edition())
        for kind, tree in trees.items():
            for el in tree.xpath(f"//t:standOff//t:{kind}[@xml:id]", namespaces=_NS):
                names = [_text(n) for n in el.xpath("t:persName | t:placeName | t:orgName", namespaces=_NS)]
                names = [n for n in names if n]
                regs = [_text(n) for n in el.xpath("(t:persName | t:placeName | t:orgName)[@type='reg']",
                                                    namespaces=_NS)]
                reg = next((n for n in regs if n), names[0] if names else el.get(XML_ID))
                eid = el.get(XML_ID)
                record = {"h": f"{PAGES[kind]}#{eid}", "k": kind, "n": reg, "c": counts[eid]}
                others = sorted({n for n in names if n != reg})
                if others:
                    record["v"] = " · ".join(others)
                entries.append(record)
        entries.sort(key=lambda r: (r["h"]))
    data = json.dumps({"docs": records, "entries": entries}, ensure_ascii=True, sort_keys=True,
                      separators=(",", ":"))
    return (f"/* tei-encoder search index: read by {SEARCH_SCRIPT} on the index page. */\n"
            f"window.teiSearchIndex = {data};\n").encode("ascii")


def assets() -> Mapping[str, bytes]:
    """The static files the site needs beside its pages (the search script)."""
    return {SEARCH_SCRIPT: xslt_path(SEARCH_SCRIPT).read_bytes()}
