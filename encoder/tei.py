"""The one place that builds TEI: ``Encoded`` -> lxml tree -> bytes.

Only this module creates TEI elements or touches ``.text`` and ``.tail``.
Mixed content is built from source offsets by ``_emit``: spans nest by
containment, brackets are left out of the element text (``Span.trim``) and
line breaks inside a block become ``lb``. Indentation is added only to
element-only containers, never inside text, so no whitespace is invented.
``document_text`` turns the TEI back into the document text, brackets
restored: the round trip that proves nothing was lost.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from operator import attrgetter

from lxml import etree

from encoder.citation import parse_reference, split_citation
from encoder.languages import LANGUAGE_NAMES
from encoder.tagging.dates import CALENDARS
from encoder.model import Block, Encoded, Entry, Named, Region, Span

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS}
RELATORS = {
    "trl": ("http://id.loc.gov/vocabulary/relators/trl", "translated by"),
    "ctb": ("http://id.loc.gov/vocabulary/relators/ctb", "contributed by"),
    "edt": ("http://id.loc.gov/vocabulary/relators/edt", "edited by"),
    "trc": ("http://id.loc.gov/vocabulary/relators/trc", "transcribed by"),
    "ann": ("http://id.loc.gov/vocabulary/relators/ann", "annotated by"),
}
# Text-bearing elements: never indented inside.
_MIXED = frozenset(
    "p head note seg dateline salute signed title funder persName placeName orgName roleName date num "
    "supplied sic gap desc foreign ref resp name edition licence publisher idno catDesc language change "
    "settlement repository collection locus textLang geo label".split()
)
# Which span wins when two cross, and which is outer when two cover the same text.
_RANK = {"note": 0, "gap": 0, "ref": 0, "supplied": 1, "date": 2, "orgName": 3, "persName": 3,
         "placeName": 3, "sic": 4, "foreign": 4, "roleName": 5, "num": 6}
_BRACKETED = {"supplied", "gap"}


def tei(local: str) -> str:
    return f"{{{TEI_NS}}}{local}"


def _el(parent: etree._Element | None, local: str, attrs: Iterable[tuple[str, str]] = (),
        text: str | None = None) -> etree._Element:
    attrib = {(f"{{{XML_NS}}}{k[4:]}" if k.startswith("xml:") else k): v for k, v in attrs if v is not None}
    el = etree.Element(tei(local), attrib, nsmap={None: TEI_NS}) if parent is None \
        else etree.SubElement(parent, tei(local), attrib)
    if text is not None:
        el.text = text
    return el


_URI_CHAR = re.compile(r"%[0-9A-Fa-f]{2}|[A-Za-z0-9\-._~:/?@!$&'()*+,;=]")


def as_uri(value: str) -> str:
    """A URL as given (a sidecar's, edition.toml's), made a valid URI for an attribute of type anyURI.

    Characters RFC 3986 does not allow there (spaces, "[", a lone "%", a
    second "#", letters outside ASCII) are percent-encoded; what is allowed,
    and existing %XX escapes, stay as they are. libxml2 checks anyURI strictly,
    xmlschema leniently: a URL such as ".../search?f[0]=x" was refused by one.
    """
    out: list[str] = []
    fragment = False
    i = 0
    while i < len(value):
        m = _URI_CHAR.match(value, i)
        if m:
            out.append(m.group())
            i = m.end()
            continue
        ch = value[i]
        if ch == "#" and not fragment:
            fragment = True
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        i += 1
    return "".join(out)


# ---------------------------------------------------------------- mixed content

_NAME_PARTS = frozenset({"lb", "sic", "supplied", "gap"})
_ANY_BUT_NOTE = frozenset(_RANK) - {"note"}
# What each element may hold (the project schema's content models, which tei_all allows too).
_MAY_CONTAIN: dict[str, frozenset[str]] = {
    "persName": _NAME_PARTS | {"roleName"},
    "placeName": _NAME_PARTS,
    "orgName": _NAME_PARTS | {"placeName"},
    "date": _NAME_PARTS,
    "roleName": frozenset({"lb", "sic", "supplied"}),
    "num": frozenset({"lb", "sic", "supplied"}),
    "gap": frozenset(),
}


def _may_hold(outer: Span, inner: Span) -> bool:
    return inner.tag in _MAY_CONTAIN.get(outer.tag, _ANY_BUT_NOTE)


def resolve_spans(spans: Iterable[Span]) -> list[Span]:
    """Keep the spans that nest as the schema allows; the stronger span wins a conflict.

    Spans are taken in order of strength (brackets, dates, names, roleNames,
    numbers); one that crosses a kept span, holds a kept span it may not hold
    or sits in one that may not hold it is dropped. A roleName outside a
    persName and a span inside the brackets its parent leaves out go too.
    Each span is compared only with the kept spans that overlap it.
    """
    kept: list[Span] = []
    starts: list[tuple[int, int]] = []  # (start, index in kept), sorted
    longest = 0
    for sp in sorted(set(spans), key=lambda s: (_RANK.get(s.tag, 9), s.start, -s.end, s.tag)):
        if sp.end <= sp.start:
            continue
        lo = bisect.bisect_left(starts, (sp.start - longest, -1))
        hi = bisect.bisect_left(starts, (sp.end, -1))
        if all(_compatible(kept[i], sp) for _, i in starts[lo:hi]):
            bisect.insort(starts, (sp.start, len(kept)))
            kept.append(sp)
            longest = max(longest, sp.end - sp.start)
    persons = sorted((a.start, a.end) for a in kept if a.tag == "persName")
    return [a for a in kept if a.tag != "roleName" or _inside_any(a, persons)]


def _compatible(a: Span, sp: Span) -> bool:
    """Whether ``sp`` can stand beside the kept span ``a``."""
    if a.end <= sp.start or sp.end <= a.start:
        return True
    if a.start < sp.start < a.end < sp.end or sp.start < a.start < sp.end < a.end:
        return False  # crossing
    if a.start == sp.start and a.end == sp.end:
        return a.tag != sp.tag and (_may_hold(a, sp) or _may_hold(sp, a))
    if a.start <= sp.start and sp.end <= a.end:
        return _may_hold(a, sp) and not (sp.start < a.start + a.trim[0] or sp.end > a.end - a.trim[1])
    return _may_hold(sp, a)


def _inside_any(sp: Span, sorted_ranges: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(sorted_ranges, (sp.start, float("inf")))
    return any(s <= sp.start and sp.end <= e for s, e in sorted_ranges[max(0, i - 3):i])


def _nesting_key(s: Span) -> tuple[int, int, int]:
    return (s.start, -s.end, _RANK.get(s.tag, 9))


def _order(spans: Sequence[Span]) -> list[Span]:
    """Document order; of two spans over the same text, the one that may hold the other first."""
    out = sorted(spans, key=_nesting_key)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.start, a.end) == (b.start, b.end) and not _may_hold(a, b):
            out[i], out[i + 1] = b, a
    return out


def _add_text(parent: etree._Element, last: etree._Element | None, s: str) -> etree._Element | None:
    """Append text after ``last`` (or into ``parent``); a newline opens an lb."""
    lines = s.split("\n")
    for n, line in enumerate(lines):
        if n:
            last = _append_raw(parent, last, "\n")
            last = _el(parent, "lb")
        last = _append_raw(parent, last, line)
    return last


def _append_raw(parent: etree._Element, last: etree._Element | None, s: str) -> etree._Element | None:
    if not s:
        return last
    if last is None:
        parent.text = (parent.text or "") + s
    else:
        last.tail = (last.tail or "") + s
    return last


def _within(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """The spans inside [start, end) of a list sorted by start."""
    i = bisect.bisect_left(spans, start, key=attrgetter("start"))
    out = []
    while i < len(spans) and spans[i].start < end:
        if spans[i].end <= end:
            out.append(spans[i])
        i += 1
    return out


def _emit(parent: etree._Element, text: str, start: int, end: int, spans: Sequence[Span]) -> None:
    """Fill ``parent`` with text[start:end], nesting an element for each span."""
    ordered = _order([s for s in spans if start <= s.start and s.end <= end])
    last: etree._Element | None = None
    cursor = start
    i = 0
    while i < len(ordered):
        sp = ordered[i]
        j = i + 1
        while j < len(ordered) and ordered[j].start < sp.end:
            j += 1
        last = _add_text(parent, last, text[cursor:sp.start])
        el = _el(parent, sp.tag, sp.attrs)
        if sp.cert and sp.tag in ("date", "num"):
            el.set("cert", sp.cert)
        inner_start, inner_end = sp.start + sp.trim[0], sp.end - sp.trim[1]
        target = _el(el, "desc") if sp.tag == "gap" else el
        _emit(target, text, inner_start, inner_end, ordered[i + 1:j])
        last, cursor, i = el, sp.end, j
    _add_text(parent, last, text[cursor:end])


def _region(parent: etree._Element, local: str, enc: Encoded, region: Region,
            attrs: Iterable[tuple[str, str]] = ()) -> etree._Element:
    el = _el(parent, local, attrs)
    _emit(el, enc.parsed.source.text, region.start, region.end, _within(enc.spans, region.start, region.end))
    return el


# ---------------------------------------------------------------- header

def _named(parent: etree._Element, n: Named) -> etree._Element:
    return _el(parent, n.kind, [("ref", n.ref)], n.name)


def _from_page(enc: Encoded, where: Region | None, value: str) -> bool:
    """Whether a header value stands as it is at ``where`` in the source: then its names are tagged there."""
    return where is not None and enc.parsed.source.text[where.start:where.end] == value


def _title_stmt(fd: etree._Element, enc: Encoded) -> None:
    h, meta = enc.header, enc.parsed.meta
    ts = _el(fd, "titleStmt")
    _el(ts, "title", [("type", "main")], " ".join(meta.title.split()))
    for i, (role, person) in enumerate(h.credits):
        uri, label = RELATORS.get(role, (None, role))
        rs = _el(ts, "respStmt", [("xml:id", _resp_id(h.credits, i))])
        _el(rs, "resp", [("ref", uri)], label)
        _named(rs, person)
    if h.source_editor:
        rs = _el(ts, "respStmt", [("xml:id", "resp_src")])
        _el(rs, "resp", [], "editorial interventions in the source")
        _el(rs, "name", [], h.source_editor)
    rs = _el(ts, "respStmt", [("xml:id", "resp_enc")])
    _el(rs, "resp", [], "TEI encoding")
    _el(rs, "name", [], f"tei-encoder {h.version}")


def _resp_id(credits: Sequence[tuple[str, Named]], i: int) -> str:
    """resp_trl for the first translator, resp_trl2 for a second, and so on."""
    role = credits[i][0]
    n = sum(1 for r, _ in credits[:i] if r == role)
    return f"resp_{role}" + (str(n + 1) if n else "")


def _publication_stmt(fd: etree._Element, enc: Encoded) -> None:
    h = enc.header
    ps = _el(fd, "publicationStmt")
    _el(ps, "publisher", [], h.edition.publisher)
    _el(ps, "idno", [("type", "local")], h.doc_id)
    if h.edition.base_url:
        stem = enc.parsed.source.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]  # pages are STEM.html
        _el(ps, "idno", [("type", "URL")], f"{h.edition.base_url.rstrip('/')}/{stem}.html")
    av = _el(ps, "availability", [("status", "restricted")])
    _el(av, "licence", [("target", as_uri(h.edition.licence))], h.edition.licence_text)
    _el(av, "p", [], "The text of the document remains under the rights statement of its source, "
                     "recorded in the source description.")


def _source_desc(fd: etree._Element, enc: Encoded) -> None:
    h, meta = enc.header, enc.parsed.meta
    sd = _el(fd, "sourceDesc")
    bibl = _el(sd, "bibl", [("xml:id", "src_web" if meta.form == "wilson" else "src"),
                            ("type", "online" if meta.form == "wilson" or meta.url else None)])
    _el(bibl, "title", [], " ".join(meta.title.split()))
    if meta.date:
        _el(bibl, "date", [("when", meta.date), ("cert", meta.date_cert)], meta.date_text or meta.date)
    if meta.publisher:
        _el(bibl, "publisher", [], meta.publisher)
    for role, person in h.credits:
        uri, label = RELATORS.get(role, (None, role))
        rs = _el(bibl, "respStmt")
        _el(rs, "resp", [("ref", uri)], label)
        _named(rs, person)
    if meta.funder_region:
        _region(bibl, "funder", enc, meta.funder_region)
    elif meta.funder:
        _el(bibl, "funder", [], meta.funder)
    if meta.record_id:
        _el(bibl, "idno", [("type", "record")], meta.record_id)
    if meta.url:
        _el(bibl, "ref", [("target", as_uri(meta.url))], meta.url)  # the text keeps the URL as given
    if meta.published_in:
        _el(bibl, "note", [("type", "published-in")], meta.published_in)
    if meta.funding_region:
        _region(bibl, "note", enc, meta.funding_region, [("type", "funding")])
    if meta.suggested_citation_region:
        _region(bibl, "note", enc, meta.suggested_citation_region, [("type", "suggested-citation")])
    if meta.citation_region:
        _region(bibl, "note", enc, meta.citation_region, [("type", "citation")])
    elif meta.citation:
        _el(bibl, "note", [("type", "citation")], meta.citation)
    for value, where, kind in ((meta.archive, meta.archive_region, "archive"),
                               (meta.uploaded, meta.uploaded_region, "uploaded")):
        if value and _from_page(enc, where, value):
            _region(bibl, "note", enc, where, [("type", kind)])  # type: ignore[arg-type]
        elif value:
            _el(bibl, "note", [("type", kind)], value)
    if meta.classification:
        _el(bibl, "note", [("type", "classification")], meta.classification)
    if meta.rights_regions:
        note = _el(bibl, "note", [("type", "rights")])
        for r in meta.rights_regions:
            _region(note, "p", enc, r)
    elif meta.rights:
        note = _el(bibl, "note", [("type", "rights")])
        for r in meta.rights:
            _el(note, "p", [], r)
    for label, value, where in meta.keywords:
        attrs = [("type", "source-other" if not label else "keywords"), ("subtype", _slug(label) if label else None)]
        if _from_page(enc, where, value):
            _region(bibl, "note", enc, where, attrs)  # type: ignore[arg-type]
        else:
            _el(bibl, "note", attrs, value)
    gaps = list(meta.gaps)
    if gaps:
        listed = ", ".join(f"“{g}”" for g in gaps)
        _el(bibl, "note", [("type", "metadata-gap")], f"The source shows the field{'s' if len(gaps) > 1 else ''} "
                                                      f"{listed} with no value.")
    if meta.incomplete:
        _el(bibl, "note", [("type", "incomplete")],
            "The source text stops before the end of the document; only what it holds is encoded.")
    ref = _reference(enc)
    if ref is not None:
        ms = _el(sd, "msDesc", [("xml:id", "src_orig")])
        mi = _el(ms, "msIdentifier")
        if ref.archive:
            _el(mi, "settlement", [], ref.archive.settlement)
        _el(mi, "repository", [("ref", h.repository_ref)], ref.repository)
        for kind, value in ref.collections:
            _el(mi, "collection", [("type", kind)], value)
        for kind, value in ref.idnos:
            _el(mi, "idno", [("type", kind)], value)
        mc = _el(ms, "msContents")
        if h.original_language:
            _el(mc, "textLang", [("mainLang", h.original_language)], _language_name(enc))
        item = _el(mc, "msItem")
        if ref.locus:
            _el(item, "locus", [("from", ref.locus_from), ("to", ref.locus_to)], ref.locus)
        _el(item, "title", [("type", "supplied")], " ".join(meta.title.split()))


def _reference(enc: Encoded):  # type: ignore[no-untyped-def]
    meta = enc.parsed.meta
    if meta.form == "wilson" and meta.citation:
        return parse_reference(split_citation(meta.citation)[0])
    if meta.archive and meta.reference:
        return parse_reference(f"{meta.archive}, {meta.reference}") or None
    return None


def _encoding_desc(header: etree._Element, enc: Encoded) -> None:
    h, meta = enc.header, enc.parsed.meta
    ed = _el(header, "encodingDesc")
    app = _el(_el(ed, "appInfo"), "application", [("ident", "tei-encoder"), ("version", h.version)])
    _el(app, "label", [], "tei-encoder")
    decl = _el(ed, "editorialDecl")
    _el(_el(decl, "correction"), "p", [], "No corrections: spelling and capitals follow the source.")
    _el(_el(decl, "normalization"), "p", [],
        "None in the text; standard forms of names are in the registers (standOff).")
    _el(_el(decl, "segmentation"), "p", [],
        "One block element per block of the source (lines separated by blank lines, or single lines "
        "where the source has no blank lines); line breaks within a block are marked with lb.")
    _el(_el(decl, "interpretation"), "p", [],
        "Names, dates and numbers are tagged automatically and linked to the registers; machine-made "
        "register entries carry @resp and @cert. Years missing from partial dates are taken from the "
        "document date.")
    _el(decl, "p", [], "Square-bracket interventions of the source are encoded as supplied, gap, sic, "
                       "note or ref; the brackets are printed by the stylesheets.")
    if meta.furniture:
        listed = ", ".join(f"“{' '.join(f.split())}”" for f in meta.furniture)
        _el(decl, "p", [], f"Web-page furniture dropped from the source: {listed}.")
    if h.doc_type:
        tax = _el(_el(ed, "classDecl"), "taxonomy", [("xml:id", "doctypes")])
        cat = _el(tax, "category", [("xml:id", h.doc_type[0])])
        _el(cat, "catDesc", [], h.doc_type[1])


def _language_name(enc: Encoded) -> str:
    """The original's language as the page names it (never lose its words), else by its code."""
    code, meta = enc.header.original_language or "", enc.parsed.meta
    if meta.language_name and meta.language == code:
        return meta.language_name
    return LANGUAGE_NAMES.get(code, code)


def _profile_desc(header: etree._Element, enc: Encoded) -> None:
    h, meta = enc.header, enc.parsed.meta
    pd = _el(header, "profileDesc")
    if h.date or h.place:
        cr = _el(pd, "creation")
        if h.date:
            _el(cr, "date", [("when", h.date), ("cert", h.date_cert)], h.date_text or h.date)
        if h.place:
            _named(cr, h.place)
    calendars = sorted({v[1:] for s in enc.spans for k, v in s.attrs if k == "calendar"})
    if calendars:
        cd = _el(pd, "calendarDesc")
        for cal in calendars:
            _el(_el(cd, "calendar", [("xml:id", cal)]), "p", [], CALENDARS.get(cal, cal))
    lu = _el(pd, "langUsage")
    if h.original_language:
        _el(lu, "language", [("ident", "en")], "English (translation)")
        _el(lu, "language", [("ident", h.original_language)], f"{_language_name(enc)} (original)")
    else:
        _el(lu, "language", [("ident", "en")], "English")
    foreign_langs = sorted({v for s in enc.spans for k, v in s.attrs if k == "xml:lang"})
    for lang in foreign_langs:
        _el(lu, "language", [("ident", lang)], f"{LANGUAGE_NAMES.get(lang.split('-')[0], lang)} (transliterated words)")
    if h.doc_type:
        _el(_el(pd, "textClass"), "catRef", [("scheme", "#doctypes"), ("target", f"#{h.doc_type[0]}")])
    if meta.summary_region:
        ab = _el(pd, "abstract", [("source", "#src_web")])
        _region(ab, "p", enc, meta.summary_region)
    elif meta.summary:
        ab = _el(pd, "abstract", [("source", "#src")])
        _el(ab, "p", [], meta.summary)
    sent = h.senders or h.sent_places or h.date
    received = h.recipients or h.received_places
    if sent or received:
        cd = _el(pd, "correspDesc", [("source", "#src_web" if meta.form == "wilson" else "#src")])
        if sent:
            ca = _el(cd, "correspAction", [("type", "sent")])
            for n in (*h.senders, *h.sent_places):
                _named(ca, n)
            if h.date:
                _el(ca, "date", [("when", h.date), ("cert", h.date_cert)])
        if received:
            ca = _el(cd, "correspAction", [("type", "received")])
            for n in (*h.recipients, *h.received_places):
                _named(ca, n)


def _revision_desc(header: etree._Element, enc: Encoded) -> None:
    h, src = enc.header, enc.parsed.source
    rd = _el(header, "revisionDesc", [("status", "draft")])
    _el(rd, "change", [("who", "#resp_enc")],
        f"Generated by tei-encoder {h.version} from {src.name} (sha256 {src.sha256}).")


# ---------------------------------------------------------------- registers

_LIST = {"person": ("listPerson", "persName"), "place": ("listPlace", "placeName"), "org": ("listOrg", "orgName")}


def entry_element(entry: Entry) -> etree._Element:
    """A register entry as TEI (person, place or org)."""
    if entry.xml:
        return etree.fromstring(entry.xml)
    _, name_tag = _LIST[entry.kind]
    el = _el(None, entry.kind, [("xml:id", entry.id),
                                ("resp", "#resp_enc" if entry.machine else None),
                                ("cert", entry.cert if entry.machine else None)])
    _el(el, name_tag, [("type", "reg")], entry.reg)
    if entry.abbr:
        _el(el, name_tag, [("type", "abbr")], entry.abbr)
    for v in entry.variants:
        if v != entry.reg and v != entry.abbr:
            _el(el, name_tag, [("type", "variant")], v)
    if entry.geo:
        _el(_el(el, "location"), "geo", [], entry.geo)
    for kind, value in entry.idnos:
        _el(el, "idno", [("type", kind)], value)
    return el


def _stand_off(root: etree._Element, entries: Sequence[Entry]) -> None:
    if not entries:
        return
    so = _el(root, "standOff")
    for kind in ("person", "place", "org"):
        of_kind = sorted((e for e in entries if e.kind == kind), key=lambda e: e.id)
        if of_kind:
            lst = _el(so, _LIST[kind][0])
            for e in of_kind:
                el = entry_element(e)
                lst.append(el)


# ---------------------------------------------------------------- text

_SEG_TYPES = {"addressee", "receipt", "classification", "doctype", "number", "heading", "subject",
              "participants", "editorial"}


def _block(parent: etree._Element, enc: Encoded, b: Block, n: int) -> None:
    if b.kind == "p":
        local, attrs = "p", [("xml:id", f"p{n}")]
    elif b.kind in ("dateline", "salute"):
        local, attrs = b.kind, [("xml:id", f"b{n}")]
    elif b.kind == "signature":
        local, attrs = "signed", [("xml:id", f"b{n}")]
    else:
        local, attrs = "seg", [("type", b.kind if b.kind in _SEG_TYPES else "other"), ("xml:id", f"b{n}")]
    _region(parent, local, enc, Region(b.start, b.end), attrs)


def _text(root: etree._Element, enc: Encoded) -> None:
    meta = enc.parsed.meta
    text = _el(root, "text", [("xml:lang", "en")])
    body = _el(text, "body")
    div = _el(body, "div", [("type", "document"),
                            ("subtype", enc.header.doc_type[0].removeprefix("doctype_") if enc.header.doc_type else None),
                            ("xml:id", "text")])
    if enc.parsed.head is not None:
        _region(div, "head", enc, enc.parsed.head, [("type", "editorial")])
    else:
        _el(div, "head", [("type", "editorial")], " ".join(meta.title.split()))
    zone_el: dict[str, etree._Element] = {}
    counters = {"p": 0, "b": 0, "fn": 0}
    for b in enc.parsed.blocks:
        if b.zone == "notes":
            counters["fn"] += 1
            n = re.match(r"\[(\d+)\]", enc.parsed.source.text[b.start:b.end])
            _region(div, "note", enc, Region(b.start, b.end),
                    [("type", "footnote"), ("place", "end"), ("n", n.group(1) if n else None),
                     ("xml:id", f"fn{counters['fn']}")])
            continue
        if b.zone == "body":
            counters["p"] += 1
            _block(div, enc, b, counters["p"])
            continue
        if b.zone not in zone_el or (b.zone == "opener" and any(x.tag == tei("p") for x in div)):
            zone_el[b.zone] = _el(div, b.zone)
        counters["b"] += 1
        _block(zone_el[b.zone], enc, b, counters["b"])


# ---------------------------------------------------------------- whole

def build_tree(enc: Encoded) -> etree._ElementTree:
    """The TEI document for an encoded source."""
    enc = replace(enc, spans=tuple(sorted(enc.spans, key=_nesting_key)))  # _within needs them by start
    root = _el(None, "TEI", [("xml:id", enc.header.doc_id), ("xml:lang", "en")])
    header = _el(root, "teiHeader")
    fd = _el(header, "fileDesc")
    _title_stmt(fd, enc)
    es = _el(fd, "editionStmt")
    _el(es, "edition", [("n", enc.header.version)], "Machine-generated TEI encoding; not yet proof-read.")
    _publication_stmt(fd, enc)
    _source_desc(fd, enc)
    _encoding_desc(header, enc)
    _profile_desc(header, enc)
    _revision_desc(header, enc)
    _stand_off(root, enc.entries)
    _text(root, enc)
    etree.cleanup_namespaces(root)
    indent(root)
    return etree.ElementTree(root)


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only containers; leave text-bearing elements untouched."""
    children = list(el)
    if not children or etree.QName(el).localname in _MIXED or (el.text and el.text.strip()):
        return
    if any(c.tail and c.tail.strip() for c in children):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for c in children:
        c.tail = pad
        indent(c, level + 1)
    children[-1].tail = "\n" + "  " * level


def serialize(tree: etree._ElementTree, *, fingerprint: bool = False) -> bytes:
    """UTF-8 bytes with an XML declaration and a final newline.

    ``fingerprint=True`` adds ``<?tei-encoder fingerprint="sha256:..."?>`` after
    the declaration (``encoder.fingerprint``): every file the tool writes has
    it, so that a later run can tell a hand-corrected file from its own output.
    """
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
    if fingerprint:
        from encoder.fingerprint import stamp

        data = stamp(data)
    return data


# ---------------------------------------------------------------- round trip

def _reading(el: etree._Element) -> str:
    """The text of an element as the source printed it, brackets restored."""
    if not isinstance(el.tag, str):
        return ""
    local = etree.QName(el).localname
    inner = (el.text or "") + "".join(_reading(c) + (c.tail or "") for c in el)
    if local == "lb":
        return ""
    if local == "gap":
        desc = el.find(tei("desc"))
        return "[" + (_reading(desc) if desc is not None else "") + "]"
    if local == "desc":
        return inner
    if local in _BRACKETED or (local == "note" and el.get("place") == "inline") or \
            (local == "ref" and el.get("type") == "footnote"):
        return "[" + inner + "]"
    return inner


def _block_elements(tree: etree._ElementTree | etree._Element) -> list[etree._Element]:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    div = root.find(f"{tei('text')}/{tei('body')}/{tei('div')}")
    if div is None:
        return []
    out: list[etree._Element] = []
    for child in div:
        local = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if local in ("opener", "closer"):
            out.extend(c for c in child if isinstance(c.tag, str))
        elif local and local != "head":
            out.append(child)
    return out


def document_text(tree: etree._ElementTree | etree._Element) -> str:
    """The document text from the TEI: one line group per block, brackets restored."""
    return "\n".join(_reading(b) for b in _block_elements(tree))


def source_document_text(text: str, blocks: Sequence[Block]) -> str:
    """The same view of the source: each block verbatim, one after the other."""
    return "\n".join(text[b.start:b.end] for b in blocks)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# ---------------------------------------------------------------- register files

_REGISTER_TITLES = {"person": "Register of persons", "place": "Register of places", "org": "Register of organisations"}


def register_tree(kind: str, entries: Sequence[Entry], *, edition_title: str) -> etree._ElementTree:
    """A register file: a TEI document whose standOff holds one list."""
    root = _el(None, "TEI", [("xml:lang", "en")])
    fd = _el(_el(root, "teiHeader"), "fileDesc")
    _el(_el(fd, "titleStmt"), "title", [], f"{edition_title}: {_REGISTER_TITLES[kind].lower()}")
    _el(_el(fd, "publicationStmt"), "p", [], "Maintained by the editors; entries with @resp=\"#resp_enc\" "
                                             "were made by tei-encoder and await review.")
    _el(_el(fd, "sourceDesc"), "p", [], "Compiled from the documents of the edition.")
    lst = _el(_el(root, "standOff"), _LIST[kind][0])
    for e in sorted((e for e in entries if e.kind == kind), key=lambda e: e.id):
        lst.append(entry_element(e))
    etree.cleanup_namespaces(root)
    indent(root)
    return etree.ElementTree(root)


def register_parts(kind: str, entries: Iterable[Entry], *, edition_title: str,
                   batch: int = 500) -> Iterable[bytes]:
    """``serialize(register_tree(kind, entries, ...))`` in parts, holding one batch of entries at a time.

    For registers too large to build as one tree. ``entries`` must come in id
    order (those of other kinds are left out, as ``register_tree`` does).
    Each batch is laid out by ``register_tree`` itself and its entries are
    cut out of the list it makes, so the bytes are the same for any batch size.
    """
    list_tag = _LIST[kind][0]
    opening, closing = f"<{list_tag}>".encode(), f"</{list_tag}>".encode()
    last_pad = b"\n    "  # what indent() puts before the list's end tag (the list is at depth 2)

    def laid_out(chunk: list[Entry]) -> tuple[bytes, bytes, bytes]:
        data = serialize(register_tree(kind, chunk, edition_title=edition_title))
        start, end = data.index(opening) + len(opening), data.rindex(closing)
        if not data[start:end].endswith(last_pad):
            raise AssertionError("register_tree lays out its list otherwise: update register_parts")
        return data[:start], data[start:end], data[end:]

    chunk: list[Entry] = []
    started, previous = False, ""
    for entry in entries:
        if entry.kind != kind:
            continue
        if entry.id < previous:
            raise ValueError(f"register entries out of id order: {entry.id} after {previous}")
        previous = entry.id
        chunk.append(entry)
        if len(chunk) == batch:
            head, body, tail = laid_out(chunk)
            if not started:
                yield head
                started = True
            yield body[:-len(last_pad)]
            chunk = []
    if not started and not chunk:
        yield serialize(register_tree(kind, [], edition_title=edition_title))  # an empty list: <listPerson/>
    elif chunk:
        head, body, tail = laid_out(chunk)
        yield (b"" if started else head) + body + tail
    else:
        yield last_pad + tail
