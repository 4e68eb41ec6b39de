"""Print the edition: TEI -> print HTML (XSLT) -> PDF (WeasyPrint, CSS Paged Media).

``document_pdf`` makes the PDF of one document: the header as a title block,
the text with the source's footnotes at the foot of the page, the citation,
and an index of names with page numbers. ``edition_pdf`` makes one PDF of
many documents: a title page, a table of contents with page numbers, every
document in the order given, and one index of names across them.

Why WeasyPrint and not LaTeX: the PDF comes from the same HTML and CSS as the
reading edition (``xslt/tei-to-print.xsl`` imports ``tei-to-html.xsl``), so
brackets, names and the header print exactly as the site shows them, with no
second rendering of the TEI to keep in step; WeasyPrint implements what a
printed edition needs (``float: footnote``, ``target-counter()``, running
heads, PDF bookmarks) and is a Python package, where LaTeX would be a large
system dependency and a second escaping problem.

The index of names is built here from the anchors the stylesheet puts on
every name of the text (``span.ix``): grouped by register entry (``@ref``),
under the entry's standard name (from ``registers`` when given, else from the
document's own standOff copy, else the words of the text), each page once. The
text is laid out once; the page of every anchor is read from that layout, and
the index is laid out on its own (same CSS, page numbers continuing) and its
pages appended, so the index costs a small layout, not a second one of the
text. (``target-counter`` alone would list a page as often as the name is on
it.) The contents of the edition PDF use ``target-counter``.

Safety: WeasyPrint fetches nothing. Its URL fetcher refuses every URL but
``data:``, and there is no base URL, so relative references lead nowhere.
Output is deterministic: no dates, no random ids (WeasyPrint writes no
creation date unless the HTML asks for one, and no /ID unless asked).
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from lxml import etree, html

from encoder.errors import ResourceError, TransformError
from encoder.render import check_param, run_stylesheet

if TYPE_CHECKING:
    from encoder.registers import Registers

__all__ = ["document_pdf", "edition_pdf", "html_pdf", "print_html", "PRINT_STYLESHEET"]

PRINT_STYLESHEET: Final = "tei-to-print.xsl"

#: Index sections, in print order: the TEI element of a name, the heading.
INDEX_KINDS: Final = (("persName", "Persons"), ("placeName", "Places"), ("orgName", "Organisations"))


# ---------------------------------------------------------------- WeasyPrint


@functools.cache
def _weasy() -> Any:
    """Import WeasyPrint once; a missing Pango is a ResourceError with a hint."""
    try:
        import weasyprint
    except (ImportError, OSError) as err:
        raise ResourceError(f"cannot load WeasyPrint: {err}",
                            hint="run scripts/setup.sh: it installs Pango and fonts (or see "
                                 "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html)") from err
    return weasyprint


@functools.cache
def _font_config() -> Any:
    """One font configuration per process: fontconfig's font list is read once."""
    return _weasy().text.fonts.FontConfiguration()


@functools.cache
def _no_fetch_class() -> Any:
    class NoFetch(_weasy().urls.URLFetcher):  # type: ignore[misc, name-defined]
        """Refuses every URL but data: (WeasyPrint logs the refusal and goes on without it)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.lower().startswith("data:"):
                raise ValueError(f"tei-encoder fetches nothing: {url[:80]!r} refused")
            return super().fetch(url, headers)

    return NoFetch


def _fetcher() -> Any:
    """A URL fetcher that refuses everything but data: URLs (nothing leaves the machine)."""
    return _no_fetch_class()(timeout=1, allowed_protocols={"data"}, allow_redirects=False)


def _layout(page: bytes | str) -> Any:
    """Lay out an HTML page (a WeasyPrint Document), with no base URL and no fetching."""
    weasy = _weasy()
    text = page.decode("utf-8") if isinstance(page, bytes) else page
    doc = weasy.HTML(string=text, base_url=None, url_fetcher=_fetcher(), media_type="print")
    return doc.render(font_config=_font_config())


def _write(document: Any) -> bytes:
    # pdf_identifier False: no /ID (it would be random or time-based); no dates are written
    # because the page has no dcterms.created / dcterms.modified meta.
    out: bytes = document.write_pdf(pdf_identifier=False, uncompressed_pdf=False)
    return out


def html_pdf(page: bytes | str) -> bytes:
    """Any HTML page as PDF, with its @media print CSS, fetching nothing (no images, no stylesheets)."""
    return _write(_layout(page))


# ---------------------------------------------------------------- print HTML


def print_html(tree: etree._ElementTree | etree._Element, *, edition_title: str = "") -> bytes:
    """One TEI document as the print page (UTF-8 HTML) a PDF is made from, without its index."""
    check_param("edition_title", edition_title)
    return run_stylesheet(PRINT_STYLESHEET, tree, {"edition-title": edition_title})


@dataclass(frozen=True, slots=True)
class _Mention:
    anchor: str   # HTML id of the anchor at the name
    kind: str     # persName, placeName, orgName
    ref: str      # register entry id, or "" when the name has none
    name: str     # the entry's standard name, else the words of the text
    form: str     # the words of the text, without titles and ranks


def _mentions(root: html.HtmlElement) -> list[_Mention]:
    return [_Mention(el.get("id", ""), el.get("data-ix-kind", ""), el.get("data-ix-ref", ""),
                     " ".join(el.get("data-ix-name", "").split()), " ".join(el.get("data-ix-form", "").split()))
            for el in root.iter("span") if el.get("class") == "ix" and el.get("id")]


def _sort_key(name: str) -> tuple[str, str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.casefold(), name


@dataclass(frozen=True, slots=True)
class _IndexEntry:
    line_id: str                    # HTML id of the entry's line in the index
    ref: str                        # register entry id, "" for a name without one
    name: str                       # the standard name
    forms: tuple[str, ...]          # other forms the text uses
    mentions: tuple[_Mention, ...]  # in text order


def _index(mentions: Sequence[_Mention], registers: Registers | None) -> dict[str, list[_IndexEntry]]:
    """The entries of the index of names by kind, sorted by name: mentions grouped by register entry."""
    groups: dict[tuple[str, str], list[_Mention]] = {}
    for m in mentions:
        if m.kind and m.name:
            groups.setdefault((m.kind, m.ref or "~" + m.name.casefold()), []).append(m)
    out: dict[str, list[_IndexEntry]] = {}
    for (kind, key), found in groups.items():
        entry = registers.get(found[0].ref) if registers is not None and found[0].ref else None
        name = entry.reg if entry is not None and entry.reg else found[0].name
        # the forms the text uses, when they differ from the standard name (Rezayeh for Orūmīyeh)
        forms = sorted({m.form for m in found if m.form and m.form.casefold() != name.casefold()}, key=_sort_key)
        out.setdefault(kind, []).append(_IndexEntry(f"ixe-{kind}-{_id_part(key)}", found[0].ref, name,
                                                    tuple(forms), tuple(found)))
    for entries in out.values():
        entries.sort(key=lambda e: (_sort_key(e.name), e.line_id))
    return out


def _index_section(index: Mapping[str, Sequence[_IndexEntry]], pages: Mapping[str, int]) -> html.HtmlElement:
    """The index of names: each entry with the pages (once each) where the text names it, as links."""
    section = html.Element("section", {"class": "name-index", "id": "name-index"})
    etree.SubElement(section, "h1").text = "Index of names"
    etree.SubElement(section, "p", {"class": "intro"}).text = (
        "Persons, places and organisations named in the text, under the standard form of the name in "
        "the register (other forms the text uses in brackets), with the pages where they are named.")
    for kind, heading in INDEX_KINDS:
        if not index.get(kind):
            continue
        etree.SubElement(section, "h2").text = heading
        ul = etree.SubElement(section, "ul", {"class": f"ix-{kind}"})
        for entry in index[kind]:
            li = etree.SubElement(ul, "li", {"id": entry.line_id})
            last = etree.SubElement(li, "span", {"class": "ix-name"})
            last.text = entry.name
            if entry.forms:
                last.tail = " "
                last = etree.SubElement(li, "span", {"class": "ix-forms"})
                last.text = "(" + "; ".join(entry.forms) + ")"
            first_of_page: dict[int, str] = {}
            for m in entry.mentions:
                if m.anchor in pages:
                    first_of_page.setdefault(pages[m.anchor], m.anchor)
            for page, anchor in sorted(first_of_page.items()):
                last.tail = ", "
                last = etree.SubElement(li, "a", {"class": "ix-page", "href": f"#{anchor}"})
                last.text = str(page)
    return section


def _id_part(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", key.lstrip("~")) or "x"


def _relink_names(root: html.HtmlElement, index: Mapping[str, Sequence[_IndexEntry]]) -> None:
    """Names in the text link to their line of the index (the register is not printed)."""
    lines = {e.ref: e.line_id for entries in index.values() for e in entries if e.ref}
    for a in root.iter("a"):
        ref = a.get("data-ref", "").strip()
        if a.get("href", "").startswith("#") and ref.startswith("#"):
            target = lines.get(ref[1:])
            if target is not None:
                a.set("href", f"#{target}")
            else:
                del a.attrib["href"]


def _prefix_ids(root: html.HtmlElement, prefix: str) -> None:
    """Make the ids of one document unique within the edition: id="x" -> id="PREFIX-x"."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id"):
            el.set("id", f"{prefix}-{el.get('id')}")
        href = el.get("href", "")
        if href.startswith("#") and len(href) > 1:
            el.set("href", f"#{prefix}-{href[1:]}")
        for attr in ("aria-labelledby", "aria-describedby"):
            if el.get(attr):
                el.set(attr, " ".join(f"{prefix}-{v}" for v in el.get(attr, "").split()))


def _anchor_pages(document: Any) -> dict[str, int]:
    """The page number (from 1) of every anchor of a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def _serialize(root: html.HtmlElement) -> bytes:
    return b"<!DOCTYPE html>\n" + html.tostring(root, encoding="utf-8", method="html")


def _finish(root: html.HtmlElement, container: html.HtmlElement, registers: Registers | None) -> bytes:
    """Lay out the page, then its index of names on the pages after it: the PDF.

    The index is laid out on its own (a small page with the same CSS, its page
    numbers continuing the text's) and its pages are appended: the text is laid
    out once, and every page number of the index is the page where WeasyPrint
    put the name, each listed once per entry. Its links still lead to the names.
    """
    index = _index(_mentions(container), registers)
    _relink_names(container, index)
    main = _layout(_serialize(root))
    if not index:
        return _write(main)
    page = html.Element("html", {"lang": root.get("lang", "en")})
    head = root.find("head")
    if head is not None:
        page.append(copy.deepcopy(head))
        etree.SubElement(page[0], "style").text = (
            f"@page :first {{ counter-reset: page {len(main.pages) + 1}; }}")
    body = etree.SubElement(page, "body", {"class": "print"})
    etree.SubElement(body, "main").append(_index_section(index, _anchor_pages(main)))
    pages = _layout(_serialize(page)).pages
    return _write(main.copy([*main.pages, *pages]))


# ---------------------------------------------------------------- public


def document_pdf(tree: etree._ElementTree | etree._Element, *, edition_title: str = "",
                 registers: Registers | None = None) -> bytes:
    """One TEI document as a PDF: title block, text with footnotes, citation, index of names.

    ``registers`` (optional) gives the standard names of the index; without
    it they come from the document's own standOff. Raises ``TransformError``
    when the TEI does not render and ``ResourceError`` when WeasyPrint cannot
    load (Pango missing).
    """
    root = html.document_fromstring(print_html(tree, edition_title=edition_title))
    main = root.find(".//main")
    if main is None:  # the stylesheet always writes one; keep the page as it is otherwise
        return _write(_layout(_serialize(root)))
    return _finish(root, main, registers)


@dataclass(frozen=True, slots=True)
class _Part:
    prefix: str   # of the document's ids, "d3"
    article: html.HtmlElement
    title: str
    date: str


def edition_pdf(trees: Iterable[etree._ElementTree | etree._Element], *, title: str,
                publisher: str = "", note: str = "", registers: Registers | None = None) -> bytes:
    """Many TEI documents as one PDF, in the order given.

    A title page (``title``, ``publisher``, ``note`` such as a licence
    statement), a table of contents with page numbers, every document as in
    ``document_pdf`` (each from a new page, its ids prefixed ``dN-``), and one
    index of names across them (standard names from ``registers`` when given).
    """
    for key, value in (("title", title), ("publisher", publisher), ("note", note)):
        check_param(key, value)
    parts: list[_Part] = []
    head = None
    for n, tree in enumerate(trees, start=1):
        page = html.document_fromstring(print_html(tree, edition_title=title))
        article = page.find(".//article")
        if article is None:
            continue
        if head is None:
            head = page.find("head")
        _prefix_ids(article, f"d{n}")
        h1 = article.find(".//h1")
        date = article.find(".//p[@class='doc-date']")
        parts.append(_Part(f"d{n}", article, " ".join((h1.text_content() if h1 is not None else "").split()),
                           " ".join((date.text_content() if date is not None else "").split())))
    if not parts:
        raise TransformError("edition_pdf: no documents to print", hint="pass at least one TEI document")
    root = html.Element("html", {"lang": "en"})
    if head is not None:
        for meta in head.findall("meta"):
            if meta.get("name") in ("description", "author"):
                head.remove(meta)
        head_title = head.find("title")
        if head_title is not None:
            head_title.text = title
        root.append(head)
    body = etree.SubElement(root, "body", {"class": "print"})
    main = etree.SubElement(body, "main")
    cover = etree.SubElement(main, "section", {"class": "cover", "id": "cover"})
    etree.SubElement(cover, "h1").text = title
    etree.SubElement(cover, "p").text = f"{len(parts)} document{'s' if len(parts) != 1 else ''}"
    for line in (publisher, note):
        if line.strip():
            etree.SubElement(cover, "p").text = line
    toc = etree.SubElement(main, "nav", {"class": "toc", "id": "toc"})
    etree.SubElement(toc, "h1").text = "Contents"
    ol = etree.SubElement(toc, "ol")
    for part in parts:
        li = etree.SubElement(ol, "li")
        a = etree.SubElement(li, "a", {"href": f"#{part.prefix}-ed-title"})
        a.text = part.title
        if part.date:
            etree.SubElement(li, "span", {"class": "toc-date"}).text = part.date
    for part in parts:
        main.append(part.article)
    return _finish(root, main, registers)
