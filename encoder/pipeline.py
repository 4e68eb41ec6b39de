"""The encode stage: source -> parsed -> tagged -> linked -> TEI tree.

Read top to bottom, this is the whole pipeline for one document; each step
is a function of another module, and data flows one way.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

import encoder
from encoder import citation as cit
from encoder.brackets import find_brackets
from encoder.errors import SourceError
from encoder.gazetteer import Gazetteer, load_gazetteer
from encoder.model import (
    Edition, Encoded, Entry, Header, Named, Parsed, Region, Source, Span, TagContext,
)
from encoder.reading import load_bytes, load_source
from encoder.registers import KINDS, PREFIX, Registers, normalise, stable_slug
from encoder.sidecar import load_sidecar, parse_sidecar, sidecar_for
from encoder.tagging.dates import find_dates
from encoder.tagging.names import find_names
from encoder.tagging.numbers import find_numbers
from encoder.tei import build_tree, resolve_spans
from encoder.wilson import looks_like_wilson, parse_wilson


@dataclass(frozen=True)
class Result:
    """One encoded document: the TEI tree, the values it was built from, warnings."""

    tree: etree._ElementTree
    encoded: Encoded
    read_warnings: tuple[str, ...] = ()     # from reading the file (e.g. the encoding assumed)

    @property
    def warnings(self) -> tuple[str, ...]:
        return (*self.read_warnings, *self.encoded.warnings)


def encode_file(path: str | Path, *, meta: str | Path | None = None, encoding: str | None = None,
                registers: Registers | None = None, edition: Edition | None = None) -> Result:
    """Encode one source file; its sidecar is ``--meta`` or ``ID.meta.toml`` beside it."""
    path = Path(path)
    loaded = load_source(path, encoding=encoding)
    if meta is None and sidecar_for(path).is_file():
        meta = sidecar_for(path)
    result = encode_source(loaded.source, meta=meta, registers=registers, edition=edition)
    return replace(result, read_warnings=loaded.warnings)


def encode_bytes(raw: bytes, *, name: str = "stdin.txt", meta: str | Path | None = None,
                 encoding: str | None = None, registers: Registers | None = None,
                 edition: Edition | None = None) -> Result:
    """Encode source bytes (e.g. from standard input)."""
    loaded = load_bytes(raw, origin=name, name=name, encoding=encoding)
    result = encode_source(loaded.source, meta=meta, registers=registers, edition=edition)
    return replace(result, read_warnings=loaded.warnings)


def parse(source: Source, *, meta: str | Path | None = None) -> Parsed:
    """Split a source into header metadata and document blocks, by its form."""
    if meta is not None:
        values, warnings = load_sidecar(meta)
        return parse_sidecar(source, values, warnings)
    if looks_like_wilson(source.text):
        return parse_wilson(source)
    raise SourceError(
        "no metadata: this text is not an archive page and has no sidecar",
        origin=source.origin,
        hint="give its metadata with --meta FILE (a TOML file with at least title and date), "
             "or put ID.meta.toml beside ID.txt",
    )


def encode_source(source: Source, *, meta: str | Path | None = None, registers: Registers | None = None,
                  edition: Edition | None = None, gazetteer: Gazetteer | None = None) -> Result:
    """Encode a decoded source. ``registers`` grows by the machine-made entries it needs."""
    parsed = parse(source, meta=meta)
    encoded = encode_parsed(parsed, registers=registers if registers is not None else Registers(),
                            edition=edition or Edition(), gazetteer=gazetteer or load_gazetteer())
    return Result(tree=build_tree(encoded), encoded=encoded)


# ---------------------------------------------------------------- tagging

def _regions(parsed: Parsed) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(document regions, header regions) to tag, each in reading order."""
    meta = parsed.meta
    doc = [(b.start, b.end) for b in parsed.blocks]
    if parsed.head is not None:
        doc.insert(0, (parsed.head.start, parsed.head.end))
    text = parsed.source.text
    # header values the page gives as they stand (topic lists, archive, upload date): tagged there too
    values = [(value, where) for _, value, where in meta.keywords]
    values += [(meta.archive, meta.archive_region), (meta.uploaded, meta.uploaded_region)]
    topics = [where for value, where in values if value and where is not None and text[where.start:where.end] == value]
    header = [r for r in (meta.title_region if parsed.head is None else None, meta.funding_region,
                          meta.summary_region, meta.citation_region, meta.suggested_citation_region,
                          meta.funder_region, *meta.rights_regions, *topics)
              if r is not None]
    # the older layout's quoted citation line holds the title and the archival part: tagged whole, once
    outer = meta.suggested_citation_region
    if outer is not None:
        header = [r for r in header if r is outer or not (outer.start <= r.start and r.end <= outer.end)]
    return sorted(set(doc)), sorted({(r.start, r.end) for r in header})


def _context(parsed: Parsed, gazetteer: Gazetteer) -> TagContext:
    meta = parsed.meta
    date = None
    precision = "day"
    if meta.date:
        parts = [int(p) for p in meta.date.split("-")]
        precision = ("year", "month", "day")[len(parts) - 1]
        date = _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    country = None
    if meta.place:
        hits = gazetteer.lookup(meta.place)
        country = hits[0].country if hits else None
    return TagContext(date=date, date_precision=precision, country=country, language=meta.language,
                      places=(meta.place,) if meta.place else ())


def tag(parsed: Parsed, *, registers: Registers, gazetteer: Gazetteer,
        bracket_resp: str) -> tuple[list[Span], list[str]]:
    """All spans of a document: brackets, dates, numbers, names (not yet linked)."""
    text = parsed.source.text
    doc, header = _regions(parsed)
    context = _context(parsed, gazetteer)
    brackets, bracket_warnings = find_brackets(text, doc, resp=bracket_resp,
                                               original_lang=_original_language(parsed))
    # a footnote is itself a note: the brackets inside it stay text, but for its marker
    notes = [(b.start, b.end) for b in parsed.blocks if b.zone == "notes"]
    brackets = [s for s in brackets if s.tag not in ("note", "gap", "foreign")
                or not any(a <= s.start and s.end <= z for a, z in notes)]
    dates = find_dates(text, doc + header, context)
    numbers = find_numbers(text, [(b.start, b.end) for b in parsed.blocks], exclude=dates)
    names = _archive_as_one(parsed, _listed_places(parsed, find_names(text, doc + header, context, gazetteer,
                                                                      known=registers.known_names())))
    warnings = [f"{parsed.source.origin}:{parsed.source.line_of(o)}: {m}" for o, m in bracket_warnings]
    return [*brackets, *dates, *numbers, *names], warnings


def _listed_places(parsed: Parsed, names: list[Span]) -> list[Span]:
    """A name in a page's list of places ("Associated Places") is a place, whatever it looks like."""
    lists = [where for label, _, where in parsed.meta.keywords if where is not None and "place" in label.lower()]
    if not lists:
        return names
    return [replace(n, tag="placeName", attrs=()) if n.tag == "persName"
            and any(a <= n.start and n.end <= z for a, z in ((w.start, w.end) for w in lists)) else n
            for n in names]


def _archive_as_one(parsed: Parsed, names: list[Span]) -> list[Span]:
    """The page's "Original Archive" value names one archive: one orgName, whatever words it holds.

    Archives give their names in their own language ("Stiftung Archiv der
    Parteien und Massenorganisationen der DDR im Bundesarchiv"), where the
    tagger would see persons and places; the label says what the value is.
    """
    meta, text = parsed.meta, parsed.source.text
    where = meta.archive_region
    if where is None or not meta.archive or text[where.start:where.end] != meta.archive or "\n" in meta.archive:
        return names
    value = meta.archive.strip()
    start = where.start + meta.archive.index(value)
    whole = Span(start, start + len(value), "orgName", cert="high")
    return [n for n in names if n.end <= where.start or n.start >= where.end] + [whole]


def _original_language(parsed: Parsed) -> str | None:
    meta = parsed.meta
    if meta.language:
        return meta.language
    if meta.form == "wilson" and meta.citation:
        ref = cit.parse_reference(cit.split_citation(meta.citation)[0])
        if ref and ref.archive and ref.archive.language != "en":
            return ref.archive.language
    return None


# ---------------------------------------------------------------- linking

def _display(kind: str, surface: str) -> str:
    """The standard form for a new entry: names printed in capitals get title case."""
    if surface.isupper() and (kind == "person" or (kind == "place" and len(surface) > 4)):
        return surface.title()
    return surface


def _new_entry(kind: str, key: str, surface: str, gazetteer: Gazetteer, country: str | None,
               cert: str | None) -> Entry:
    display = _display(kind, surface)
    if kind == "org":
        archive = cit.find_archive(surface)
        if archive is not None:
            return Entry(id=PREFIX[kind] + stable_slug(archive.abbr), kind=kind, reg=archive.name,
                         abbr=surface, machine=True, cert="high")
    if kind == "place":
        hits = [h for h in gazetteer.lookup(surface, country=country) if h.geonameid > 0] or \
               [h for h in gazetteer.lookup(key, country=country) if h.geonameid > 0]
        own = [h for h in gazetteer.lookup(surface, country=country) if h.geonameid <= 0]
        if own and surface.isupper() and len(surface.replace(".", "").replace(" ", "")) <= 5:
            hits = []  # an abbreviation we list ("GDR", "DPRK") is ours, not another place's alternate name
        if hits:
            best = hits[0]
            sure = len(hits) == 1 or (country is not None and best.country == country)
            geo = None if best.lat != best.lat else f"{best.lat:.5f} {best.lon:.5f}"  # nan: no coordinates
            # One id, one place: when this document's context picks another place than the name alone
            # would ("London" in a document about Ohio), the id says which, so that documents that pick
            # differently never share an id.
            plain = [h for h in gazetteer.lookup(surface) if h.geonameid > 0] or \
                [h for h in gazetteer.lookup(key) if h.geonameid > 0]
            suffix = "" if not plain or plain[0].geonameid == best.geonameid else f"_{best.geonameid}"
            return Entry(id=PREFIX[kind] + stable_slug(key) + suffix, kind=kind, reg=best.name, variants=(surface,),
                         idnos=(("geonames", str(best.geonameid)),), geo=geo, machine=True,
                         cert="medium" if sure else "low")
        if own:
            return Entry(id=PREFIX[kind] + stable_slug(key), kind=kind, reg=own[0].name, variants=(surface,),
                         machine=True, cert="medium")
    return Entry(id=PREFIX[kind] + stable_slug(key), kind=kind, reg=display, variants=(surface,),
                 machine=True, cert=cert or "medium")


def link(parsed: Parsed, spans: list[Span], *, registers: Registers, gazetteer: Gazetteer,
         country: str | None, people: dict[str, Entry] | None = None) -> tuple[list[Span], dict[str, Entry]]:
    """Give every name span a @ref to a register entry, creating entries as needed.

    ``people`` maps the surname of a person the metadata names in full (the
    sender "John C. Wiley") to that person's entry, so that the text's
    "Wiley" is the same person.
    """
    text = parsed.source.text
    people = people or {}
    used: dict[str, Entry] = {}
    out: list[Span] = []
    country = country or _country_of_places(text, spans, gazetteer)
    roles = _roles(spans)
    for sp in sorted(spans, key=lambda s: (s.start, -s.end)):
        kind = KINDS.get(sp.tag)
        if kind is None:
            out.append(sp)
            continue
        surface = _surface(text, sp, roles)
        entry = registers.find(kind, surface, sp.key)
        if entry is None and kind == "person":
            entry = people.get(normalise(surface))
        if entry is None:
            candidate = _new_entry(kind, sp.key or normalise(surface), surface, gazetteer, country, sp.cert)
            # the same authority id is the same place, whatever the name ("Mukden", "Shenyang")
            entry = next((e for e in (registers.find_by_idno(*i) for i in candidate.idnos) if e), None) \
                or registers.get(candidate.id)
            if entry is None or entry.kind != kind:
                entry = candidate
                registers.put(entry)
        entry = registers.with_variant(entry, surface)
        used[entry.id] = entry
        attrs = tuple((k, v) for k, v in sp.attrs if k != "ref") + (("ref", "#" + entry.id),)
        out.append(replace(sp, attrs=attrs))
    out = _pseudonyms(text, out, registers)
    refs = {s.attr("ref")[1:] for s in out if s.attr("ref")}  # type: ignore[index]
    return out, {i: registers.get(i) or e for i, e in used.items() if i in refs}


def _country_of_places(text: str, spans: Sequence[Span], gazetteer: Gazetteer) -> str | None:
    """The country most unambiguous place names of the document lie in (a hint for the others)."""
    counts: dict[str, int] = {}
    for sp in spans:
        if sp.tag == "placeName":
            countries = {h.country for h in gazetteer.lookup(text[sp.start:sp.end]) if h.feature == "city"}
            if len(countries) == 1:
                c = countries.pop()
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda c: counts[c])
    return best if counts[best] >= 2 else None


def _roles(spans: Sequence[Span]) -> dict[int, int]:
    """Where each roleName starts -> where it ends (to find the name proper fast)."""
    return {r.start: r.end for r in spans if r.tag == "roleName"}


def _surface(text: str, sp: Span, roles: dict[int, int]) -> str:
    """The name as printed, without leading roleNames ("Cde. STALIN" -> "STALIN")."""
    start = sp.start
    while roles.get(start, sp.end) < sp.end:
        start = roles[start]
        while start < sp.end and text[start].isspace():
            start += 1
    return " ".join(text[start:sp.end].replace("[", "").replace("]", "").split())


def _pseudonyms(text: str, spans: list[Span], registers: Registers) -> list[Span]:
    """``Filippov [Stalin]``: the first name is a pseudonym of the person named in the note."""
    notes = [s for s in spans if s.tag == "note" and s.attr("type") == "identification"]
    for note in notes:
        inside = [s for s in spans if s.tag == "persName" and note.start < s.start and s.end < note.end]
        before = [s for s in spans if s.tag == "persName" and s.end <= note.start
                  and not text[s.end:note.start].strip()]
        if inside and before:
            ref = inside[0].attr("ref")
            first = before[-1]
            entry = registers.get((ref or "#")[1:])
            if entry is not None:
                registers.with_variant(entry, _surface(text, first, _roles(spans)))
            attrs = tuple((k, v) for k, v in first.attrs if k not in ("ref", "type"))
            spans[spans.index(first)] = replace(first, attrs=attrs + (("ref", ref or ""), ("type", "pseudonym")))
    return spans


# ---------------------------------------------------------------- header

_DOC_TYPES = re.compile(
    r"^(?:(?:Ciphered|Deciphered|Coded|Secret|Top Secret)\s+)?(?P<type>Telegram|Cable|Letter|Record of (?:a )?Conversation|"
    r"Memorandum of Conversation|Memorandum|Report|Minutes|Note|Diary|Journal|Decree|Resolution|Directive|"
    r"Instruction|Message|Statement|Speech|Transcript|Protocol|Information|Order|Draft|Excerpt|Cablegram|"
    r"Radiogram|Notes|Summary|Communiqu[eé]|Agreement|Treaty|Appeal|Declaration|Despatch|Dispatch|Airgram)\b",
    re.IGNORECASE,
)


def _doc_type(parsed: Parsed) -> tuple[str, str] | None:
    meta = parsed.meta
    label = meta.doc_type
    if not label:
        m = _DOC_TYPES.match(re.sub(r"^(?:From the|The)\s+", "", meta.title.strip()))
        label = m.group("type") if m else None
        if label and label.lower() == "journal":
            label = "Diary"
    if not label:
        return None
    label = label.strip()
    return "doctype_" + stable_slug(label), label[0].upper() + label[1:]


def _names_in(spans: Sequence[Span], start: int, end: int, tag: str, text: str) -> list[Named]:
    out = []
    roles = _roles(spans)
    for s in sorted(spans, key=lambda s: s.start):
        if s.tag == tag and start <= s.start and s.end <= end:
            name = _surface(text, s, roles)
            out.append(Named(name=name, ref=s.attr("ref"), kind=tag))
    seen: set[str | None] = set()
    unique = []
    for n in out:
        if (n.ref or n.name) not in seen:
            seen.add(n.ref or n.name)
            unique.append(n)
    return unique


def _title_sides(parsed: Parsed) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The sender and recipient parts of a title "... from A to B, ..." / "A to B"."""
    region = parsed.head or parsed.meta.title_region
    if region is None:
        return None, None
    t = parsed.source.text[region.start:region.end]
    cut = re.search(r"[,:]\s*['‘“\"]|\s+(?:regarding|concerning|on the|about)\s", t)
    main = t[: cut.start()] if cut else t
    m = re.search(r"(?:\bfrom\s+|^|,\s*)(?P<a>[^,]*?)\s+to\s+(?P<b>.+)$", main)
    if not m:
        return None, None
    a0, b0 = region.start + m.start("a"), region.start + m.start("b")
    return (a0, a0 + len(m.group("a"))), (b0, b0 + len(m.group("b")))


def _registered(names: Sequence[str], kind: str, registers: Registers, gazetteer: Gazetteer,
                used: dict[str, Entry], country: str | None) -> list[Named]:
    out = []
    tag = {"person": "persName", "place": "placeName", "org": "orgName"}[kind]
    for name in names:
        k = kind
        if kind == "person" and re.search(r"\b(?:Department|Ministry|Office|Embassy|Committee|Council|"
                                          r"Government|Secretariat|Bureau|Agency|Legation|Consulate)\b", name):
            k, tag = "org", "orgName"
        entry = registers.find(k, name)
        if entry is None:
            entry = _new_entry(k, normalise(name), name, gazetteer, country, "medium")
            entry = registers.get(entry.id) or entry
            registers.put(entry)
        used[entry.id] = entry
        out.append(Named(name=name, ref="#" + entry.id, kind=tag))
    return out


def header_for(parsed: Parsed, spans: Sequence[Span], *, registers: Registers, gazetteer: Gazetteer,
               used: dict[str, Entry], edition: Edition, bracket_resp: str | None,
               country: str | None) -> Header:
    meta, text = parsed.meta, parsed.source.text
    credits = []
    for c in meta.credits:
        named = None
        if c.region:
            named = next(iter(_names_in(spans, c.region.start, c.region.end, "persName", text)), None)
            named = Named(c.name, named.ref, "persName") if named else None
        if named is None:
            named = _registered([c.name], "person", registers, gazetteer, used, country)[0]
        credits.append((c.role, named))
    # the document dates itself in its dateline; the page date is the archive's
    datelines = [b for b in parsed.blocks if b.kind == "dateline"]
    date, date_text, date_region, date_cert = meta.date, meta.date_text, None, meta.date_cert
    for b in datelines[:1]:
        d = next((s for s in sorted(spans, key=lambda s: s.start)
                  if s.tag == "date" and b.start <= s.start and s.end <= b.end and s.attr("when")), None)
        if d is not None and (not meta.date or d.attr("when", ).startswith(meta.date[:4])):  # type: ignore[union-attr]
            date, date_text, date_region, date_cert = d.attr("when"), text[d.start:d.end], Region(d.start, d.end), d.cert
    if date and meta.time and "T" not in date and len(date) == 10:
        date = f"{date}T{int(meta.time.split(':')[0]):02d}:{meta.time.split(':')[1]}:00"
    place = None
    for b in datelines[:1]:
        found = _names_in(spans, b.start, b.end, "placeName", text)
        place = found[0] if found else None
    if place is None and meta.place:
        place = _registered([meta.place], "place", registers, gazetteer, used, country)[0]
    a_side, b_side = _title_sides(parsed)
    senders = _registered(meta.sender, "person", registers, gazetteer, used, country) if meta.sender else (
        _names_in(spans, *a_side, "persName", text) if a_side else [])
    sent_places = [place] if place else (_names_in(spans, *a_side, "placeName", text) if a_side else [])
    addressees = [b for b in parsed.blocks if b.kind == "addressee"]
    if meta.recipients:
        recipients = _registered(meta.recipients, "person", registers, gazetteer, used, country)
    else:
        recipients = [n for b in addressees for n in _names_in(spans, b.start, b.end, "persName", text)]
        if not recipients and b_side:
            recipients = _names_in(spans, *b_side, "persName", text)
    received_places = [n for b in addressees for n in _names_in(spans, b.start, b.end, "placeName", text)]
    if not received_places and b_side:
        received_places = _names_in(spans, *b_side, "placeName", text)
    repository_ref = None
    ref = cit.parse_reference(cit.split_citation(meta.citation)[0]) if meta.form == "wilson" and meta.citation \
        else (cit.parse_reference(f"{meta.archive}, {meta.reference}") if meta.archive and meta.reference else None)
    if ref is not None:
        entry = registers.find("org", ref.repository, ref.archive.name if ref.archive else None)
        if entry is None:
            entry = Entry(id=PREFIX["org"] + stable_slug(ref.archive.abbr if ref.archive else ref.repository),
                          kind="org", reg=ref.archive.name if ref.archive else ref.repository,
                          abbr=ref.repository if ref.archive else None, machine=True, cert="high")
            registers.put(entry)
        used[entry.id] = entry
        repository_ref = "#" + entry.id
    has_translator = any(role == "trl" for role, _ in credits)
    source_editor = None
    if bracket_resp == "#resp_src":
        source_editor = meta.published_in or meta.publisher or meta.archive or "the editors of the source"
    return Header(
        doc_id="doc_" + stable_slug(Path(parsed.source.name).stem.removesuffix(".meta")),
        version=encoder.__version__,
        edition=edition,
        credits=tuple(credits),
        bracket_resp=bracket_resp if bracket_resp != "#resp_trl" or has_translator else None,
        source_editor=source_editor,
        date=date,
        date_text=date_text,
        date_cert=date_cert,
        date_region=date_region,
        place=place,
        senders=tuple(senders),
        sent_places=tuple(n for n in sent_places if n is not None),
        recipients=tuple(recipients),
        received_places=tuple(received_places),
        doc_type=_doc_type(parsed),
        original_language=_original_language(parsed),
        repository_ref=repository_ref,
    )


def _people_by_surname(parsed: Parsed, *, registers: Registers, gazetteer: Gazetteer,
                       country: str | None) -> dict[str, Entry]:
    """Entries of the people the metadata names in full, by their surname (unique ones only)."""
    meta = parsed.meta
    names = [n for n in (*meta.sender, *meta.recipients) if len(n.split()) > 1]
    found: dict[str, list[Entry]] = {}
    for named in _registered(names, "person", registers, gazetteer, {}, country):
        entry = registers.get((named.ref or "#")[1:])
        if entry is not None and entry.kind == "person":
            found.setdefault(normalise(named.name.split()[-1]), []).append(entry)
    return {k: v[0] for k, v in found.items() if len({e.id for e in v}) == 1}


def encode_parsed(parsed: Parsed, *, registers: Registers, edition: Edition, gazetteer: Gazetteer) -> Encoded:
    """Tag, link and resolve the header of a parsed document."""
    translator = any(c.role == "trl" for c in parsed.meta.credits)
    bracket_resp = "#resp_trl" if translator else "#resp_src"
    spans, warnings = tag(parsed, registers=registers, gazetteer=gazetteer, bracket_resp=bracket_resp)
    spans = resolve_spans(spans)
    if not any(s.attr("resp") == bracket_resp for s in spans):
        bracket_resp_used = None
    else:
        bracket_resp_used = bracket_resp
    country = _context(parsed, gazetteer).country
    people = _people_by_surname(parsed, registers=registers, gazetteer=gazetteer, country=country)
    spans, used = link(parsed, spans, registers=registers, gazetteer=gazetteer, country=country, people=people)
    header = header_for(parsed, spans, registers=registers, gazetteer=gazetteer, used=used, edition=edition,
                        bracket_resp=bracket_resp_used, country=country)
    entries = tuple(registers.get(i) or e for i, e in sorted(used.items()))
    return Encoded(parsed=parsed, spans=tuple(spans), entries=entries, header=header,
                   warnings=tuple([*parsed.warnings, *warnings]))
