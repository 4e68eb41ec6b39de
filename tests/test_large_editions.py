"""Builds of any size: registers on disk, written and read a piece at a time, with the same bytes and the
same merge rules as in memory; the manifest, the index page and the deposit records without a list per document."""

from __future__ import annotations

import dataclasses
import random
import shutil
from pathlib import Path

import pytest
from lxml import etree

from encoder.deposit import csl_json, datacite_xml, oai_dc_xml
from encoder.deposit.record import MasterRegisters
from encoder.edition import _texts, build_edition, register_losses
from encoder.errors import XMLInputError
from encoder.model import Edition, Entry
from encoder.publish import _ListIndex, index_page, stale_files
from encoder.registers import FILES, Registers, RegisterStore, load_registers
from encoder.render import render_index
from encoder.safexml import parse_xml
from encoder.site import edition_pages, register_pages, search_index
from encoder.tei import register_parts, register_tree, serialize

from conftest import DEV, need

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "editions"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _fields(entries) -> list[tuple]:
    return [dataclasses.astuple(e) for e in entries]


# ---------------------------------------------------------------- writing a register a batch at a time

EDITORS = [  # entries as editors write them (copied verbatim): other namespaces, comments, mixed content
    Entry(id="pers_aa_editor", kind="person", reg="Editor, A.", xml=(
        '<person xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:example" xml:id="pers_aa_editor">'
        '<persName type="reg">Editor, A.</persName><!-- checked --><note>Seen in <x:ref>two</x:ref> files.</note>'
        '<idno type="viaf">1</idno></person>')),
    Entry(id="place_zz_editor", kind="place", reg="Zed", xml=(
        '<place xmlns="http://www.tei-c.org/ns/1.0" xml:id="place_zz_editor"><placeName type="reg">Zed</placeName>'
        '<place xml:id="place_zz_inner"><placeName>Inner</placeName></place><?editor todo?></place>')),
    Entry(id="org_mm_editor", kind="org", reg="M", xml=(
        '<org xmlns="http://www.tei-c.org/ns/1.0" xml:id="org_mm_editor"><orgName type="reg">M &amp; N</orgName> '
        '<orgName type="abbr">MN</orgName></org>')),
]


@pytest.mark.parametrize("batch", [1, 2, 3, 7, 500], ids=lambda b: f"batch{b}")
@pytest.mark.parametrize("kind", list(FILES))
def test_register_parts_are_the_bytes_of_the_whole_register(kind: str, batch: int) -> None:
    entries = sorted([*load_registers(EDITION / "registers").entries(), *EDITORS], key=lambda e: e.id)
    whole = serialize(register_tree(kind, entries, edition_title="Ed"))
    assert b"".join(register_parts(kind, entries, edition_title="Ed", batch=batch)) == whole
    mine = [e for e in entries if e.kind == kind]
    for n in (0, 1, batch, batch + 1):
        assert b"".join(register_parts(kind, mine[:n], edition_title="Ed", batch=batch)) == \
            serialize(register_tree(kind, mine[:n], edition_title="Ed"))


def test_register_parts_refuse_entries_out_of_order() -> None:
    entries = [Entry(id="pers_b", kind="person", reg="B"), Entry(id="pers_a", kind="person", reg="A")]
    with pytest.raises(ValueError, match="id order"):
        b"".join(register_parts("person", entries, edition_title="E"))


def test_the_committed_registers_are_written_again_byte_for_byte(tmp_path: Path) -> None:
    # What the build writes: the store, filled from the files, written back a batch at a time.
    with RegisterStore(tmp_path) as store:
        store.load(EDITION / "registers")
        title = parse_xml(EDITION / "registers" / "persons.xml").findtext(f".//{TEI}title").split(": register")[0]
        for kind, name in FILES.items():
            data = b"".join(register_parts(kind, store.entries(kind), edition_title=title, batch=10))
            assert data == (EDITION / "registers" / name).read_bytes(), name
    assert not list(tmp_path.iterdir())  # the store's folder is gone


# ---------------------------------------------------------------- reading a register one entry at a time

def _reference_read(folder: Path) -> list[tuple]:
    """The entries as the whole-tree reader found them (before registers were read one entry at a time)."""
    from encoder.registers import _NAME_TAG, _compact

    regs = Registers()
    ns = {"tei": TEI[1:-1]}
    for kind, fname in FILES.items():
        if not (folder / fname).exists():
            continue
        tree = parse_xml(folder / fname)
        for el in tree.iterfind(f".//{TEI}{kind}"):
            names = el.findall(f"tei:{_NAME_TAG[kind]}", ns)
            texts = [(n.get("type"), " ".join("".join(n.itertext()).split())) for n in names]
            reg = next((t for ty, t in texts if ty == "reg"), texts[0][1])
            abbr = next((t for ty, t in texts if ty == "abbr"), None)
            geo = el.findtext("tei:location/tei:geo", namespaces=ns)
            machine = el.get("resp") == "#resp_enc"
            regs.put(Entry(id=el.get(XML_ID), kind=kind, reg=reg, abbr=abbr,
                           variants=tuple(t for ty, t in texts if t != reg and t != abbr),
                           idnos=tuple((i.get("type", ""), (i.text or "").strip()) for i in el.findall("tei:idno", ns)),
                           geo=geo.strip() if geo else None, machine=machine, cert=el.get("cert"),
                           xml=None if machine else _compact(el)))
    return _fields(regs.entries())


def test_registers_read_one_entry_at_a_time_are_the_registers(tmp_path: Path) -> None:
    expected = _reference_read(EDITION / "registers")
    assert _fields(load_registers(EDITION / "registers").entries()) == expected
    with RegisterStore(tmp_path) as store:
        store.load(EDITION / "registers")
        assert _fields(store.entries()) == expected
        assert _fields(store.editors().entries()) == _fields(load_registers(EDITION / "registers").editors().entries())


PLACES = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>P</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<standOff><listPlace>
  <!-- the editors' comment -->
  <place xml:id="place_a"><placeName type="reg">A</placeName>
    <place xml:id="place_a_north"><placeName type="reg">North A</placeName></place></place>
  <place xml:id="place_b" resp="#resp_enc" cert="low"><placeName type="reg">B</placeName></place>
</listPlace></standOff></TEI>
"""


def test_nested_entries_and_errors_are_read_as_before(tmp_path: Path) -> None:
    (tmp_path / "places.xml").write_text(PLACES, encoding="utf-8")
    assert _fields(load_registers(tmp_path).entries()) == _reference_read(tmp_path)
    assert [e.id for e in load_registers(tmp_path).entries()] == ["place_a", "place_a_north", "place_b"]
    (tmp_path / "places.xml").write_text(PLACES.replace("place_b", "place_a_north"), encoding="utf-8")
    with pytest.raises(XMLInputError, match="used more than once"):
        load_registers(tmp_path)
    with RegisterStore(tmp_path / "store") as store, pytest.raises(XMLInputError, match="used more than once"):
        store.load(tmp_path)
    (tmp_path / "places.xml").write_text('<!DOCTYPE x [<!ENTITY e "e">]>' + PLACES.split("?>", 1)[1], encoding="utf-8")
    with pytest.raises(XMLInputError, match="DOCTYPE"):
        load_registers(tmp_path)
    (tmp_path / "places.xml").write_text(PLACES.replace("</listPlace>", ""), encoding="utf-8")
    with pytest.raises(XMLInputError, match="not well-formed") as err:
        load_registers(tmp_path)
    assert err.value.line


# ---------------------------------------------------------------- merging on disk as in memory

def _random_entries(rng: random.Random, n: int) -> list[Entry]:
    out = []
    for _ in range(n):
        i = rng.randrange(12)
        kind = ("person", "place", "org")[i % 3] if rng.random() < 0.9 else "place"
        machine = rng.random() < 0.8
        reg = rng.choice(["Ali", "Baku", "Tabriz", "UN", "Stalin"])
        variants = tuple(rng.sample(["A", "B", "C", reg, "Ali"], rng.randrange(4)))
        out.append(Entry(id=f"id_{i}", kind=kind, reg=reg, variants=variants,
                         abbr=rng.choice([None, "UN"]), idnos=(("geonames", str(i)),) if rng.random() < 0.3 else (),
                         geo="1 2" if rng.random() < 0.2 else None, machine=machine,
                         cert=rng.choice([None, "low", "high"]) if machine else None,
                         xml=None if machine else f'<person xmlns="http://www.tei-c.org/ns/1.0" xml:id="id_{i}"/>'))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_the_store_merges_as_the_registers_do(seed: int, tmp_path: Path) -> None:
    # A machine entry takes the latest reading with the variants of both; the editors' entries win.
    rng = random.Random(seed)
    start, grown = _random_entries(rng, 10), _random_entries(rng, 60)
    memory = Registers(start).child()
    with RegisterStore(tmp_path) as store:
        for e in start:
            store.put(e)
        for e in grown:
            memory.merge(e)
            store.merge(e)
        assert _fields(store.entries()) == _fields(memory.entries())
        for kind in FILES:
            assert _fields(store.entries(kind)) == _fields(e for e in memory.entries() if e.kind == kind)
        assert store.get("id_3") == memory.get("id_3") and store.get("nothing") is None
        assert _fields(store.get_many(["id_1", "id_2", "nothing"])) == \
            _fields(e for e in (memory.get("id_1"), memory.get("id_2")) if e)


# ---------------------------------------------------------------- what a rewrite would drop, read as it streams

def _reference_texts(data: bytes) -> set[tuple[str, str]]:
    """What the editors may have written in a register, from the whole tree (the earlier way)."""
    root = parse_xml(data, collect_ids=False).getroot()
    generated = set(root.iterfind("{*}teiHeader/{*}fileDesc/{*}titleStmt/{*}title"))
    for entry in root.iterfind(".//*[@resp='#resp_enc']"):
        for child in entry:
            if isinstance(child.tag, str) and etree.QName(child).localname in \
                    {"persName", "placeName", "orgName", "location", "idno"}:
                generated.update(child.iter())
    found = set()
    for node in root.iter():
        if node in generated:
            continue
        if isinstance(node, etree._Comment):
            found.add(("comment", " ".join((node.text or "").split())))
        elif isinstance(node, etree._ProcessingInstruction):
            found.add(("processing instruction", f"{node.target} {node.text or ''}".strip()))
        elif isinstance(node.tag, str) and (node.text or "").strip():
            found.add(("text", " ".join(node.text.split())))
        if (node.tail or "").strip():
            found.add(("text", " ".join(node.tail.split())))
    return found


TRICKY = """<?xml version="1.0" encoding="UTF-8"?>
<!-- before the root: not the register's -->
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Old title <hi>kept</hi> tail</title>
<!-- a comment in the header --></titleStmt><publicationStmt><p>Edited <?page 3?> by hand.</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson>text between entries
  <person xml:id="p1" resp="#resp_enc"><persName type="reg">Machine <!-- inside a field --> name</persName>
    <note>checked <emph>by</emph> me</note> after the note<!-- c2 --></person>
  <person xml:id="p2"><persName type="reg">Editor</persName><idno type="viaf">12</idno></person>
  <person xml:id="p3" resp="#resp_enc"><location><geo>1 2</geo></location><persName>X</persName></person>
</listPerson><?pi at the end?></standOff></TEI>
"""


@pytest.mark.parametrize("name", ["persons.xml", "places.xml", "orgs.xml", "tricky"])
def test_register_texts_read_as_they_stream_are_the_texts_of_the_tree(name: str, tmp_path: Path) -> None:
    data = TRICKY.encode() if name == "tricky" else (EDITION / "registers" / name).read_bytes()
    (tmp_path / "r.xml").write_bytes(data)
    assert _texts(data) == _texts(tmp_path / "r.xml") == _reference_texts(data)
    assert _texts(b"<not xml") == set()


def test_register_losses_compare_files_as_they_stream(tmp_path: Path) -> None:
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    old.write_text(TRICKY, encoding="utf-8")
    new.write_text(TRICKY.replace("<note>checked <emph>by</emph> me</note>", ""), encoding="utf-8")
    assert register_losses(old, new) == register_losses(old, new.read_bytes()) == \
        ["text “after the note”", "text “by”", "text “checked”", "text “me”"]
    assert register_losses(tmp_path / "none.xml", new) == []


# ---------------------------------------------------------------- builds

def _small_edition(tmp_path: Path, n: int = 4) -> Path:
    edition = tmp_path / "ed"
    (edition / "sources").mkdir(parents=True)
    for src in sorted(need(DEV).glob("*.txt"))[:n]:
        shutil.copy(src, edition / "sources")
        shutil.copy(src.with_suffix("").with_suffix(".meta.toml"), edition / "sources")
    return edition


def test_the_sample_edition_builds_to_the_committed_registers_and_tei(tmp_path: Path) -> None:
    edition = tmp_path / "editions"
    shutil.copytree(EDITION, edition)
    report = build_edition(edition, tmp_path / "site", formats=[], jobs=2)
    assert not report.failed
    for folder in ("registers", "tei"):
        for path in sorted((EDITION / folder).glob("*.xml")):
            assert (edition / folder / path.name).read_bytes() == path.read_bytes(), f"{folder}/{path.name}"


def test_a_rebuild_keeps_the_editors_corrections_and_the_other_documents_entries(tmp_path: Path) -> None:
    edition, site = _small_edition(tmp_path), tmp_path / "site"
    build_edition(edition, site, formats=[])
    persons = edition / "registers" / "persons.xml"
    machine = [e for e in load_registers(edition / "registers").entries() if e.machine and e.kind == "person"]
    assert len(machine) > 2
    # An editor reviews one machine-made entry: takes it over (no @resp), adds a variant and an authority id.
    chosen = machine[0]
    tree = parse_xml(persons)
    el = next(e for e in tree.iter(f"{TEI}person") if e.get(XML_ID) == chosen.id)
    del el.attrib["resp"], el.attrib["cert"]
    etree.SubElement(el, f"{TEI}persName", type="variant").text = "Reviewed Variant"
    etree.SubElement(el, f"{TEI}idno", type="viaf").text = "123456"
    persons.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    # and one source changes: only it is built again, over the corrected registers
    first = sorted((edition / "sources").glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = build_edition(edition, site, formats=[])
    assert not report.failed and sum(not o.skipped for o in report.outcomes) == len(report.outcomes)  # editors' change
    again = load_registers(edition / "registers")
    kept = again.get(chosen.id)
    assert kept is not None and not kept.machine and "Reviewed Variant" in kept.variants
    assert ("viaf", "123456") in kept.idnos
    # every other machine-made entry is still there (merged with this build's readings)
    assert {e.id for e in machine} <= {e.id for e in again.entries()}
    # the documents that name it carry the editors' entry
    copies = [p for t in (edition / "tei").glob("*.xml") for p in parse_xml(t).iter(f"{TEI}person")
              if p.get(XML_ID) == chosen.id]
    assert copies and all(p.get("resp") is None and p.find(f"{TEI}idno[@type='viaf']") is not None for p in copies)
    # an unchanged rebuild builds nothing and leaves the registers as they are
    before = {p.name: p.read_bytes() for p in (edition / "registers").glob("*.xml")}
    report = build_edition(edition, site, formats=[])
    assert all(o.skipped for o in report.outcomes)
    assert {p.name: p.read_bytes() for p in (edition / "registers").glob("*.xml")} == before


def test_serial_and_parallel_builds_write_the_same_registers(tmp_path: Path) -> None:
    written = []
    for jobs in (1, 2):
        edition = _small_edition(tmp_path / f"j{jobs}", 6)
        build_edition(edition, tmp_path / f"site{jobs}", formats=[], jobs=jobs)
        written.append({p.name: p.read_bytes() for p in (edition / "registers").glob("*.xml")})
    assert written[0] == written[1]


def test_the_manifest_is_a_database_and_a_damaged_one_builds_everything(tmp_path: Path) -> None:
    edition, site = _small_edition(tmp_path, 2), tmp_path / "site"
    build_edition(edition, site, formats=[])
    assert (site / ".tei-encoder-build.sqlite3").is_file()
    assert all(o.skipped for o in build_edition(edition, site, formats=[]).outcomes)
    (site / ".tei-encoder-build.sqlite3").write_bytes(b"not a database")
    report = build_edition(edition, site, formats=[])
    assert not any(o.skipped for o in report.outcomes) and not report.failed
    assert all(o.skipped for o in build_edition(edition, site, formats=[]).outcomes)


def test_a_failed_build_leaves_no_manifest_in_a_folder_of_ones_own(tmp_path: Path) -> None:
    # the folder is the build's only once a manifest was saved: a build that stopped early claims nothing
    edition, site = _small_edition(tmp_path, 1), tmp_path / "mine"
    site.mkdir()
    (edition / "registers").mkdir()
    (edition / "registers" / "persons.xml").write_text("<TEI", encoding="utf-8")
    with pytest.raises(XMLInputError):
        build_edition(edition, site, formats=[])
    assert not (site / ".tei-encoder-build.sqlite3").exists()
    assert not [p for p in site.iterdir() if p.name.startswith(".tei-encoder")]


def test_outcomes_are_made_when_asked_for(tmp_path: Path) -> None:
    edition, site = _small_edition(tmp_path, 3), tmp_path / "site"
    report = build_edition(edition, site, formats=[])
    names = sorted(p.name for p in (edition / "sources").glob("*.txt"))
    assert [o.source for o in report.outcomes] == [edition / "sources" / n for n in names]
    assert all(o.ok and o.tei == edition / "tei" / f"{o.source.stem}.xml" and o.html == site / f"{o.source.stem}.html"
               for o in report.outcomes)
    assert report.outcomes[-1] == report.outcomes[len(names) - 1] and report.outcomes[:2] == list(report.outcomes)[:2]


# ---------------------------------------------------------------- the pages that gather every document

INDEX = [
    {"href": "b.html", "title": "Zeta", "date": "1950-01-02", "summary": "s", "type": "Telegram"},
    {"href": "a.html", "title": "Alpha", "date": ""},
    {"href": "c.html", "title": "Émile", "date": "1945", "from": "Stalin", "to": "Molotov"},
    {"href": "d.html", "title": "Émile", "date": "1945", "id": "d"},
    {"href": "e.html", "title": "Ångström", "date": "1945-03"},
]


@pytest.mark.parametrize("entries", [INDEX, INDEX[:1], INDEX[1:2], INDEX[2:4], []], ids=["all", "one", "undated",
                                                                                        "one-year", "none"])
@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_the_index_page_in_parts_is_the_index_page(entries: list[dict[str, str]], batch: int) -> None:
    whole = render_index(sorted(entries, key=lambda e: (e.get("date", ""), e["title"])), edition_title="E")
    assert b"".join(index_page(entries, edition_title="E", batch=batch)) == whole
    assert b"".join(index_page(_ListIndex(entries), edition_title="E", batch=batch)) == whole


def test_register_pages_from_the_store_are_the_pages_from_memory(tmp_path: Path) -> None:
    from encoder.site import document_facts

    regs = load_registers(EDITION / "registers")
    facts = [document_facts(parse_xml(p), p.stem) for p in sorted((EDITION / "tei").glob("*.xml"))[:8]]
    with RegisterStore(tmp_path) as store:
        store.load(EDITION / "registers")
        assert dict(edition_pages(store, facts, Edition(title="T"))) == \
            dict(edition_pages(regs, facts, Edition(title="T"))) == \
            {**register_pages(EDITION / "registers", facts, Edition(title="T")),
             "search-index.js": search_index(facts, EDITION / "registers", Edition(title="T"))}


def test_stale_files_are_found_by_asking_file_by_file(tmp_path: Path) -> None:
    for name in ("index.html", "a.html", "gone.html", "tei/a.xml", "tei/gone.xml", "notes.txt", "bag/a.html",
                 ".hidden.html", "meta/a.csl.json", "deep/x/y.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")

    class Asked:
        def __contains__(self, name: object) -> bool:
            return name in {"index.html", "a.html", "tei/a.xml", "meta/a.csl.json"}

    assert stale_files(tmp_path, Asked()) == stale_files(tmp_path, ["index.html", "a.html", "tei/a.xml",
                                                                    "meta/a.csl.json"]) == \
        [tmp_path / "gone.html", tmp_path / "tei" / "gone.xml"]


# ---------------------------------------------------------------- deposit records from an index of the registers

def test_deposit_records_from_the_register_index_are_the_records_from_the_trees() -> None:
    trees = [parse_xml(EDITION / "registers" / name) for name in FILES.values()]
    index = MasterRegisters(EDITION / "registers" / name for name in FILES.values())
    edition = Edition(title="E", base_url="https://example.org/ed/", published="2026-01-01")
    import datetime

    for path in sorted((EDITION / "tei").glob("*.xml")):
        tei = parse_xml(path)
        url = f"https://example.org/ed/{path.stem}.html"
        assert oai_dc_xml(tei, edition=edition, page_url=url, registers=trees) == \
            oai_dc_xml(tei, edition=edition, page_url=url, registers=index)
        assert csl_json(tei, edition=edition, page_url=url, registers=trees) == \
            csl_json(tei, edition=edition, page_url=url, registers=index)
        issued = datetime.date(2026, 1, 1)
        assert datacite_xml(tei, edition=edition, page_url=url, issued=issued, registers=trees) == \
            datacite_xml(tei, edition=edition, page_url=url, issued=issued, registers=index)
    index.close()


def test_the_register_index_keeps_the_first_entry_as_the_trees_do(tmp_path: Path) -> None:
    from encoder.deposit.record import Authorities

    first = tmp_path / "a.xml"
    first.write_text(PLACES.replace('<place xml:id="place_b"', '<person xml:id="place_a_north"><persName '
                                    'type="reg">Person</persName><idno type="viaf">1</idno></person>'
                                    '<place xml:id="place_b"'), encoding="utf-8")
    second = tmp_path / "b.xml"
    second.write_text(PLACES.replace(">A<", ">Other A<"), encoding="utf-8")
    trees = Authorities([parse_xml(first, collect_ids=False), parse_xml(second, collect_ids=False)])
    masters = MasterRegisters([first, second])
    index = Authorities(masters=masters)
    for ref in ("#place_a", "#place_a_north", "#place_b", "#nothing"):
        assert trees.regular_name(ref) == index.regular_name(ref) and trees.uri(ref) == index.uri(ref)
    assert index.regular_name("#place_a_north") == "Person"
    masters.close()


def test_register_pages_made_in_small_batches_are_the_same_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # An entry named in more documents than a batch holds is made a batch of documents at a time and its
    # lists spliced; pages from batches of any size are the same bytes.
    from encoder import site
    from encoder.site import document_facts

    regs = load_registers(EDITION / "registers")
    facts = [document_facts(parse_xml(p), p.stem) for p in sorted((EDITION / "tei").glob("*.xml"))]
    whole = dict(edition_pages(regs, facts, Edition(title="T")))
    spliced: list[str] = []
    in_parts = site._RegisterPages._entry_in_parts

    def spy(self, kind, ref, name):  # type: ignore[no-untyped-def]
        spliced.append(ref)
        return in_parts(self, kind, ref, name)

    monkeypatch.setattr(site._RegisterPages, "_entry_in_parts", spy)
    monkeypatch.setattr(site, "_BATCH_MENTIONS", 3)
    monkeypatch.setattr(site, "_BATCH_ENTRIES", 2)
    assert dict(edition_pages(regs, facts, Edition(title="T"))) == whole
    assert len(spliced) > 10
