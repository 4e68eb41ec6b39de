"""Citation and deposit outputs (issue 5), each checked by the tool its consumers use.

All outputs are made from the committed TEI of the sample edition (``editions/tei/``):
the seed telegram (Wilson Center page: translator, contributor, archival reference, no
named sender) and a FRUS telegram (sidecar metadata: sender, an organisation as
addressee, a dateline with a time of day), plus, for the CMIF file, every document.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import re
import socket
from pathlib import Path

import bagit
import pytest
import xmlschema
from datacite import schema45
from lxml import etree

from encoder import deposit
from encoder.deposit import DepositError
from encoder.deposit.dublincore import DC_ELEMENTS, DC_NS, OAI_DC_NS
from encoder.model import Edition
from encoder.tei import NS, TEI_NS, XML_NS

ROOT = Path(__file__).resolve().parents[1]
TEI_DIR = ROOT / "editions" / "tei"
REGISTERS = ROOT / "editions" / "registers"
SEED, FRUS, NO_RECIPIENT = "000_81cf47d306a12892", "frus1948v05p1-d57", "frus1942China-d190"
CASES = [SEED, FRUS]
BASE = "https://example.org/cold-war"
EDITION = Edition(title="Cold War Documents: A Sample Edition", publisher="tei-encoder sample edition",
                  base_url=BASE + "/")
LOCAL = Edition(title=EDITION.title, publisher=EDITION.publisher, base_url="")
ISSUED = dt.date(2026, 5, 1)
UPDATED = dt.datetime(2026, 5, 1, 12, 30, tzinfo=dt.timezone.utc)
DC = "{http://datacite.org/schema/kernel-4}"


def tei(stem: str) -> etree._ElementTree:
    return etree.parse(str(TEI_DIR / f"{stem}.xml"))


def url(stem: str, edition: Edition = EDITION) -> str:
    return deposit.document_url(edition, stem)


def all_documents(edition: Edition = EDITION) -> dict[str, etree._ElementTree]:
    return {url(p.stem, edition): etree.parse(str(p)) for p in sorted(TEI_DIR.glob("*.xml"))}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here fails if anything tries to open a connection."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("encoder.deposit tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- identifiers -------------------------------------------------------------------------------

def test_urls_come_from_base_url_and_file_stem() -> None:
    assert url(SEED) == f"{BASE}/{SEED}.html"                        # trailing slash of base_url dropped
    assert url(SEED, LOCAL) == f"{SEED}.html"                       # no base URL: relative to the site
    assert deposit.edition_url(EDITION) == f"{BASE}/"
    assert deposit.edition_url(LOCAL) == "index.html"


@pytest.mark.parametrize("stem", CASES)
def test_paragraph_urls_are_the_paragraph_ids(stem: str) -> None:
    tree = tei(stem)
    ids = [str(i) for i in tree.xpath("//tei:body//tei:p/@xml:id", namespaces=NS)]
    urls = deposit.paragraph_urls(tree, url(stem))
    assert ids and list(urls) == ids
    assert urls[ids[0]] == f"{url(stem)}#p1"
    assert deposit.paragraph_urls(tei(stem), url(stem)) == urls     # rebuilt from the same TEI: the same


@pytest.mark.parametrize(("name", "parts"), [
    ("Stalin", (None, "Stalin", None)),
    ("George C. Marshall", ("George C.", "Marshall", None)),
    ("Terry B. Sanders Jr.", ("Terry B.", "Sanders", "Jr.")),
    ("Marshall, George C.", ("George C.", "Marshall", None)),
    ("An, Doo Hi", ("Doo Hi", "An", None)),                         # the editors' way to say "family first"
], ids=lambda v: v if isinstance(v, str) else "")
def test_personal_names_are_split_for_citations(name: str, parts: tuple) -> None:
    from encoder.deposit.datacite import split_name

    assert split_name(name) == parts


@pytest.mark.parametrize("stem", CASES)
def test_same_tei_same_bytes(stem: str) -> None:
    def outputs() -> tuple[bytes, bytes, str]:
        tree = tei(stem)
        return (deposit.datacite_xml(tree, edition=EDITION, page_url=url(stem), issued=ISSUED),
                deposit.oai_dc_xml(tree, edition=EDITION, page_url=url(stem)),
                json.dumps(deposit.csl_json(tree, edition=EDITION, page_url=url(stem)), sort_keys=True))

    assert outputs() == outputs()


# --- DataCite ----------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", CASES)
def test_datacite_record_is_valid_for_the_datacite_library(stem: str) -> None:
    data = deposit.datacite_json(tei(stem), edition=EDITION, page_url=url(stem), issued=ISSUED)
    errors = [e.message for e in schema45.validator.iter_errors(data)]
    assert not errors and schema45.validate(data)
    assert "doi" not in data                                        # never invented


@pytest.mark.parametrize("stem", CASES)
def test_datacite_xml_is_the_librarys_kernel4_serialisation_with_the_url_as_identifier(stem: str) -> None:
    data = deposit.datacite_json(tei(stem), edition=EDITION, page_url=url(stem), issued=ISSUED)
    xml = deposit.datacite_xml(tei(stem), edition=EDITION, page_url=url(stem), issued=ISSUED)
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    assert root.tag == f"{DC}resource"
    ident = root.find(f"{DC}identifier")
    assert ident is not None and ident.get("identifierType") == "URL" and ident.text == url(stem)
    assert b"DOI" not in xml
    # Everything else is what the datacite library itself writes for the record.
    root.remove(ident)
    assert etree.tostring(root) == etree.tostring(schema45.dump_etree(data))
    # The properties kernel 4 requires, filled as its XSD says.
    assert root.findtext(f"{DC}creators/{DC}creator/{DC}creatorName")
    assert root.findtext(f"{DC}titles/{DC}title")
    assert root.findtext(f"{DC}publisher") == EDITION.publisher
    assert re.fullmatch(r"\d{4}", root.findtext(f"{DC}publicationYear") or "")
    general = root.find(f"{DC}resourceType").get("resourceTypeGeneral")
    assert general in schema45.validator.schema["definitions"]["resourceTypeGeneral"]["enum"]


def test_datacite_for_the_seed() -> None:
    root = etree.fromstring(deposit.datacite_xml(tei(SEED), edition=EDITION, page_url=url(SEED), issued=ISSUED))
    assert root.findtext(f"{DC}creators/{DC}creator/{DC}creatorName") == ":unav"   # no sender is named
    assert {c.findtext(f"{DC}contributorName") for c in root.iter(f"{DC}contributor")} == {
        "Goldberg, Gary", "Hasanli, Jamil"}
    assert root.findtext(f"{DC}dates/{DC}date[@dateType='Created']") == "1945-11-21"
    assert root.findtext(f"{DC}resourceType") == "Telegram"
    assert "f. 558, op. 11, d. 99" in root.findtext(f"{DC}descriptions/{DC}description[@descriptionType='Other']")


def test_datacite_for_a_frus_document() -> None:
    root = etree.fromstring(deposit.datacite_xml(tei(FRUS), edition=EDITION, page_url=url(FRUS), issued=ISSUED))
    creator = root.find(f"{DC}creators/{DC}creator")
    assert creator.findtext(f"{DC}creatorName") == "Marshall, George C."
    assert creator.findtext(f"{DC}familyName") == "Marshall"
    assert root.findtext(f"{DC}dates/{DC}date[@dateType='Created']") == "1948-01-08"   # 18:00 cut off
    related = {r.get("relationType"): r.text for r in root.iter(f"{DC}relatedIdentifier")}
    assert related == {"IsPartOf": f"{BASE}/",
                       "IsDerivedFrom": "https://history.state.gov/historicaldocuments/frus1948v05p1/d57"}


def test_datacite_takes_a_doi_only_when_given_one() -> None:
    xml = deposit.datacite_xml(tei(FRUS), edition=EDITION, page_url=url(FRUS), issued=ISSUED, doi="10.5281/zenodo.1")
    ident = etree.fromstring(xml).find(f"{DC}identifier")
    assert (ident.get("identifierType"), ident.text) == ("DOI", "10.5281/zenodo.1")


def test_datacite_of_the_edition_lists_every_document() -> None:
    docs = all_documents()
    data_xml = deposit.edition_datacite_xml(docs, edition=EDITION, issued=ISSUED)
    root = etree.fromstring(data_xml)
    assert root.find(f"{DC}resourceType").get("resourceTypeGeneral") == "Collection"
    assert sorted(r.text for r in root.iter(f"{DC}relatedIdentifier") if r.get("relationType") == "HasPart") \
        == sorted(docs)
    assert root.findtext(f"{DC}identifier") == f"{BASE}/"


def test_a_file_that_is_not_tei_is_refused() -> None:
    with pytest.raises(DepositError, match="not a TEI document"):
        deposit.datacite_xml(etree.ElementTree(etree.fromstring(b"<html/>")), edition=EDITION,
                             page_url="x.html", issued=ISSUED)


# --- Dublin Core (oai_dc) ----------------------------------------------------------------------

@functools.cache
def oai_dc_schema() -> xmlschema.XMLSchema10:
    """The official oai_dc.xsd of OAI-PMH 2.0 (shipped by the eulxml package), read offline.

    It imports the DCMI's simpledc20021212.xsd from dublincore.org, which no package we
    can install ships: the import is pointed at tests/schemas/simpledc.xsd, the fifteen
    DCMES 1.1 elements as simple literals, written for these tests from DCMI's definition.
    """
    spec = importlib.util.find_spec("eulxml")
    if spec is None or spec.origin is None:
        pytest.skip("eulxml (which ships oai_dc.xsd) is not installed: pip install -e '.[test]'")
    official = (Path(spec.origin).parent / "schema_data" / "oai_dc.xsd").read_text(encoding="utf-8")
    local = (Path(__file__).parent / "schemas" / "simpledc.xsd").resolve().as_uri()
    text = official.replace("http://dublincore.org/schemas/xmls/simpledc20021212.xsd", local)
    assert text != official, "oai_dc.xsd no longer imports simpledc20021212.xsd"
    return xmlschema.XMLSchema10(text, base_url=str(Path(__file__).parent / "schemas"), allow="local")


def assert_oai_dc(xml: bytes) -> etree._Element:
    """Valid against the official oai_dc.xsd (see ``oai_dc_schema``), with no empty element."""
    oai_dc_schema().validate(xml.decode("utf-8"))
    root = etree.fromstring(xml)
    assert root.tag == f"{{{OAI_DC_NS}}}dc"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == \
        f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    assert not (root.text or "").strip()
    for el in root:
        assert isinstance(el.tag, str) and etree.QName(el).namespace == DC_NS, el.tag
        assert etree.QName(el).localname in DC_ELEMENTS
        assert len(el) == 0 and set(el.attrib) <= {f"{{{XML_NS}}}lang"}
        assert (el.text or "").strip(), f"empty {el.tag}"
        assert not (el.tail or "").strip()
    return root


@pytest.mark.parametrize("stem", CASES)
def test_oai_dc_follows_the_oai_dc_schema(stem: str) -> None:
    root = assert_oai_dc(deposit.oai_dc_xml(tei(stem), edition=EDITION, page_url=url(stem)))
    values = {}
    for el in root:
        values.setdefault(etree.QName(el).localname, []).append(el.text)
    assert values["identifier"] == [url(stem)]
    assert values["title"] == [tei(stem).findtext(".//tei:titleStmt/tei:title", namespaces=NS)]
    assert values["publisher"] == [EDITION.publisher]
    assert values["type"] == ["Text"] and values["language"] == ["en"]
    assert values["date"] == [{SEED: "1945-11-21", FRUS: "1948-01-08"}[stem]]
    assert values["relation"] == [f"{BASE}/"]


def test_oai_dc_names_sender_and_translator() -> None:
    seed = assert_oai_dc(deposit.oai_dc_xml(tei(SEED), edition=EDITION, page_url=url(SEED)))
    assert [e.text for e in seed.findall(f"{{{DC_NS}}}contributor")] == ["Gary Goldberg", "Jamil Hasanli"]
    assert seed.find(f"{{{DC_NS}}}creator") is None
    frus = assert_oai_dc(deposit.oai_dc_xml(tei(FRUS), edition=EDITION, page_url=url(FRUS)))
    assert [e.text for e in frus.findall(f"{{{DC_NS}}}creator")] == ["George C. Marshall"]


def test_oai_dc_of_the_edition() -> None:
    docs = all_documents()
    root = assert_oai_dc(deposit.edition_oai_dc_xml(docs, edition=EDITION, issued=ISSUED))
    assert sorted(e.text for e in root.findall(f"{{{DC_NS}}}relation")) == sorted(docs)


# --- CSL-JSON, rendered by citeproc-py ---------------------------------------------------------

def render(items: list[dict]) -> tuple[list[str], list[str]]:
    """Citations and bibliography entries, as citeproc-py renders them in a style it ships."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON(json.loads(json.dumps(items)))             # through JSON, as a file would go
    style = CitationStylesStyle("harvard-cite-them-right", validate=True)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    citations = [Citation([CitationItem(item["id"])]) for item in items]
    for citation in citations:
        bibliography.register(citation)
    missing: list[str] = []
    cites = [str(bibliography.cite(c, lambda item: missing.append(item.key))) for c in citations]
    assert not missing
    return cites, [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize("stem", CASES)
def test_csl_json_renders_with_citeproc(stem: str) -> None:
    item = deposit.csl_json(tei(stem), edition=EDITION, page_url=url(stem))
    assert item["type"] == "letter" and item["container-title"] == EDITION.title
    cites, entries = render([item])
    year = {SEED: "1945", FRUS: "1948"}[stem]
    assert year in cites[0]
    entry = entries[0]
    for part in (item["title"], EDITION.title, EDITION.publisher, url(stem), year):
        assert part in entry, (part, entry)


def test_csl_json_people() -> None:
    seed = deposit.csl_json(tei(SEED), edition=EDITION, page_url=url(SEED))
    assert "author" not in seed and seed["translator"] == [{"family": "Goldberg", "given": "Gary"}]
    assert seed["archive"] == "RGASPI" and seed["archive_location"] == "f. 558, op. 11, d. 99, ll. 0007-0008"
    frus = deposit.csl_json(tei(FRUS), edition=EDITION, page_url=url(FRUS))
    assert frus["author"] == [{"family": "Marshall", "given": "George C."}]
    assert frus["recipient"] == [{"literal": "Embassy in Iran"}]
    assert frus["issued"] == {"date-parts": [[1948, 1, 8]]}
    _, entries = render([frus])
    assert entries[0].startswith("Marshall, G.C. (1948)")


def test_csl_json_of_the_edition_renders() -> None:
    item = deposit.edition_csl_json(all_documents(), edition=EDITION, issued=ISSUED)
    _, entries = render([item])
    assert EDITION.title in entries[0] and "2026" in entries[0] and f"{BASE}/" in entries[0]


# --- CMIF --------------------------------------------------------------------------------------

def correspondence(xml: bytes) -> list[etree._Element]:
    return etree.fromstring(xml).xpath("//tei:profileDesc/tei:correspDesc", namespaces=NS)


def test_cmif_of_the_edition_is_valid_tei_all_and_follows_cmif(tei_all: etree.RelaxNG) -> None:
    docs = all_documents()
    xml = deposit.cmif_xml(docs, edition=EDITION, updated=UPDATED, registers=[
        etree.parse(str(p)) for p in sorted(REGISTERS.glob("*.xml"))], editor="The editors",
        email="editors@example.org")
    tree = etree.ElementTree(etree.fromstring(xml))
    assert tei_all.validate(tree), "\n".join(str(e) for e in tei_all.error_log)
    assert deposit.cmif_problems(tree) == []
    descs = correspondence(xml)
    assert sorted(d.get("ref") for d in descs) == sorted(docs)      # one correspDesc per document
    bibl_id = tree.find(".//tei:sourceDesc/tei:bibl", NS).get(f"{{{XML_NS}}}id")
    assert re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", bibl_id)  # W0001
    assert {d.get("source") for d in descs} == {f"#{bibl_id}"}
    for date in tree.iter(f"{{{TEI_NS}}}date"):
        if date.getparent().tag == f"{{{TEI_NS}}}correspAction":
            assert all(re.fullmatch(r"\d{4}(-\d\d){0,2}", v) for v in date.attrib.values()), date.attrib
    for ref in tree.xpath("//tei:correspAction/*/@ref", namespaces=NS):
        assert re.match(r"https://www\.geonames\.org/\d+$|http://www\.wikidata\.org/entity/Q\d+$|"
                        r"http://viaf\.org/viaf/\d+$|http://d-nb\.info/gnd/", ref), ref
    assert tree.findtext(".//tei:titleStmt/tei:editor/tei:email", namespaces=NS) == "editors@example.org"


def action(desc: etree._Element, kind: str) -> list[tuple[str, str | None, str | None]]:
    act = desc.find(f"tei:correspAction[@type='{kind}']", NS)
    return [(etree.QName(c).localname, c.text, c.get("ref") or c.get("when")) for c in act]


def expected(tree: etree._ElementTree, ref: str) -> tuple[str, str | None]:
    """The regular name and exported URI of a document's register entry (no URI for a low-certainty guess)."""
    entry = tree.xpath("//tei:standOff//*[@xml:id = $id]", namespaces=NS, id=ref.removeprefix("#"))[0]
    reg = entry.xpath("*[@type = 'reg']", namespaces=NS)[0].text
    geonames = entry.findtext("tei:idno[@type='geonames']", namespaces=NS)
    uri = f"https://www.geonames.org/{geonames}" if geonames and entry.get("cert") != "low" else None
    return reg, uri


def test_cmif_entries_for_seed_frus_and_a_letter_without_addressee() -> None:
    docs = {url(s): tei(s) for s in (SEED, FRUS, NO_RECIPIENT)}
    descs = {d.get("ref"): d for d in correspondence(deposit.cmif_xml(docs, edition=EDITION, updated=UPDATED))}
    seed, seed_tei = descs[url(SEED)], tei(SEED)
    # No sender named: "Unknown". Names in the register's regular form (not the text's capitals),
    # with the GeoNames URI unless the encoder's choice was a low-certainty guess.
    assert action(seed, "sent") == [("persName", "Unknown", None),
                                    ("placeName", *expected(seed_tei, "#place_baku")),
                                    ("date", None, "1945-11-21")]
    received = action(seed, "received")
    assert ("persName", expected(seed_tei, "#pers_stalin")[0], None) in received
    assert ("placeName", *expected(seed_tei, "#place_moscow")) in received
    assert "STALIN" not in [text for _, text, _ in received]
    frus = descs[url(FRUS)]
    assert action(frus, "sent")[0] == ("persName", "George C. Marshall", None)
    assert action(frus, "sent")[-1] == ("date", None, "1948-01-08")       # 1948-01-08T18:00:00 cut
    assert action(frus, "received")[0] == ("orgName", "Embassy in Iran", None)   # an organisation stands
    assert action(descs[url(NO_RECIPIENT)], "received") == [("persName", "Unknown", None)]


def test_cmif_uses_the_authority_ids_of_the_editors_registers(tmp_path: Path) -> None:
    register = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><standOff><listPerson>
        <person xml:id="pers_stalin"><persName type="reg">Stalin, Iosif Vissarionovich</persName>
          <idno type="wikidata">Q855</idno></person>
        <person xml:id="pers_george_c_marshall"><persName type="reg">Marshall, George C.</persName>
          <idno type="wikidata">Q200040</idno><idno type="viaf">42640836</idno></person>
      </listPerson><listPlace>
        <place xml:id="place_moscow"><placeName type="reg">Moscow</placeName><idno type="geonames">524901</idno></place>
      </listPlace></standOff></TEI>""".encode())
    docs = {url(s): tei(s) for s in (SEED, FRUS)}
    descs = {d.get("ref"): d for d in correspondence(
        deposit.cmif_xml(docs, edition=EDITION, updated=UPDATED, registers=[etree.ElementTree(register)]))}
    assert ("persName", "Stalin, Iosif Vissarionovich", "http://www.wikidata.org/entity/Q855") \
        in action(descs[url(SEED)], "received")
    assert ("placeName", "Moscow", "https://www.geonames.org/524901") in action(descs[url(SEED)], "received")
    assert action(descs[url(FRUS)], "sent")[0] == ("persName", "Marshall, George C.", "http://viaf.org/viaf/42640836")


def test_cmif_is_deterministic_and_relative_without_base_url(tei_all: etree.RelaxNG) -> None:
    docs = all_documents(LOCAL)
    first = deposit.cmif_xml(docs, edition=LOCAL, updated=UPDATED)
    assert tei_all.validate(etree.ElementTree(etree.fromstring(first))), str(tei_all.error_log)
    again = deposit.cmif_xml(dict(reversed(list(all_documents(LOCAL).items()))), edition=LOCAL, updated=UPDATED)
    assert first == again
    assert {d.get("ref") for d in correspondence(first)} == {f"{p.stem}.html" for p in TEI_DIR.glob("*.xml")}


def test_authority_uris_skip_low_certainty_guesses() -> None:
    from encoder.deposit.record import Authorities

    auth = Authorities([etree.fromstring(f"""<standOff xmlns="{TEI_NS}"><listPerson>
        <person xml:id="a" cert="low"><persName type="reg">A</persName><idno type="viaf">1</idno></person>
        <person xml:id="b" cert="medium"><persName type="reg">B</persName>
          <idno type="wikidata">Q2</idno><idno type="viaf">2</idno></person>
        <person xml:id="c"><persName>C</persName><idno type="gnd">https://d-nb.info/gnd/3</idno></person>
      </listPerson><listPlace><place xml:id="p"><placeName type="reg">P</placeName>
        <idno type="wikidata">Q9</idno><idno type="geonames">9</idno></place></listPlace></standOff>""".encode())])
    assert auth.uri("#a") is None and auth.regular_name("#a") == "A"
    assert auth.uri("#b") == "http://viaf.org/viaf/2"                 # VIAF before Wikidata for people
    assert auth.uri("#c") == "https://d-nb.info/gnd/3"                # a URI is kept as written
    assert auth.uri("#p") == "https://www.geonames.org/9"             # GeoNames first for places
    assert auth.uri("#nobody") is None and auth.uri(None) is None


def test_cmif_refuses_another_licence_and_a_date_for_updated() -> None:
    other = Edition(title="E", publisher="P", licence="https://creativecommons.org/licenses/by-nc/4.0/")
    with pytest.raises(DepositError, match="CC BY 4.0"):
        deposit.cmif_xml({url(SEED): tei(SEED)}, edition=other, updated=UPDATED)
    with pytest.raises(DepositError, match="xsd:dateTime"):
        deposit.cmif_xml({url(SEED): tei(SEED)}, edition=EDITION, updated=dt.date(2026, 5, 1))  # type: ignore[arg-type]


def test_cmif_problems_finds_what_breaks_the_rules() -> None:
    tree = etree.fromstring(deposit.cmif_xml({url(FRUS): tei(FRUS)}, edition=EDITION, updated=UPDATED))
    desc = tree.find(".//tei:correspDesc", NS)
    desc.remove(desc.find("tei:correspAction[@type='received']", NS))
    desc.set("source", "#nowhere")
    date = desc.find(".//tei:date", NS)
    date.set("when", "1948-01-08T18:00:00")
    etree.SubElement(desc.find("tei:correspAction", NS), f"{{{TEI_NS}}}date")
    problems = "\n".join(deposit.cmif_problems(tree))
    for expected in ("[E0002]", "[E0003]", "[E0004]", "'1948-01-08T18:00:00' is not YYYY"):
        assert expected in problems


# --- BagIt -------------------------------------------------------------------------------------

def payload_for(stem: str) -> dict[str, bytes]:
    from encoder.render import render_html

    tree, page = tei(stem), url(stem)
    return {
        f"tei/{stem}.xml": (TEI_DIR / f"{stem}.xml").read_bytes(),
        f"html/{stem}.html": render_html(tree, params={"edition-title": EDITION.title}),
        f"metadata/{stem}.datacite.xml": deposit.datacite_xml(tree, edition=EDITION, page_url=page, issued=ISSUED),
        f"metadata/{stem}.oai_dc.xml": deposit.oai_dc_xml(tree, edition=EDITION, page_url=page),
        f"metadata/{stem}.csl.json": json.dumps([deposit.csl_json(tree, edition=EDITION, page_url=page)],
                                                indent=2).encode(),
    }


@pytest.mark.parametrize("stem", CASES)
def test_bag_holds_tei_html_and_metadata_and_validates(stem: str, tmp_path: Path) -> None:
    payload = payload_for(stem)
    folder = deposit.write_bag(tmp_path / "bag", payload, bagging_date=ISSUED,
                               info={"Source-Organization": EDITION.publisher, "External-Identifier": url(stem)})
    bag = bagit.Bag(str(folder))
    bag.validate()                                                  # checksums recomputed, every file
    assert bag.is_valid()
    assert set(bag.payload_files()) == {f"data/{name}" for name in payload}
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert bag.info["Bagging-Date"] == "2026-05-01"
    assert bag.info["External-Identifier"] == url(stem)
    assert (folder / "data" / f"tei/{stem}.xml").read_bytes() == payload[f"tei/{stem}.xml"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]       # no staging left behind


def test_bag_detects_a_changed_file_and_can_be_rewritten(tmp_path: Path) -> None:
    payload = payload_for(FRUS)
    folder = deposit.write_bag(tmp_path / "bag", payload, info={}, bagging_date=ISSUED)
    (folder / "data" / "tei" / f"{FRUS}.xml").write_bytes(b"<changed/>")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(folder)).validate()
    deposit.write_bag(folder, payload, info={}, bagging_date=ISSUED)         # replaces the old bag
    bagit.Bag(str(folder)).validate()


@pytest.mark.parametrize("name", ["../escape.xml", "/etc/passwd", "data/x.xml", ""])
def test_bag_refuses_payload_paths_outside_data(name: str, tmp_path: Path) -> None:
    with pytest.raises(DepositError, match="bad payload path"):
        deposit.write_bag(tmp_path / "bag", {name: b"x"}, info={}, bagging_date=ISSUED)
    assert not (tmp_path / "bag").exists()


def test_the_oai_dc_schema_refuses_what_oai_dc_forbids() -> None:
    good = deposit.oai_dc_xml(tei(SEED), edition=EDITION, page_url=url(SEED))
    assert oai_dc_schema().is_valid(good.decode("utf-8"))
    root = etree.fromstring(good)
    etree.SubElement(root[0], f"{{{DC_NS}}}title").text = "nested"   # a dc element holds text only
    assert not oai_dc_schema().is_valid(etree.tostring(root).decode("utf-8"))
    root = etree.fromstring(good)
    etree.SubElement(root, f"{{{DC_NS}}}abstract").text = "not one of the fifteen"
    assert not oai_dc_schema().is_valid(etree.tostring(root).decode("utf-8"))


def test_a_build_publishes_every_record_checked_by_its_consumers_tool(tmp_path: Path, tei_all) -> None:
    # The build's own files, not only the library functions: oai_dc against its XSD, CSL-JSON through
    # citeproc, DataCite parsed, CMIF valid TEI that follows CMIF's rules, the bag validated by bagit.
    import shutil

    from encoder.edition import build_edition

    edition = tmp_path / "ed"
    (edition / "sources").mkdir(parents=True)
    for stem in (SEED, FRUS):
        for src in (ROOT / "editions" / "sources").glob(f"{stem}*"):
            shutil.copy(src, edition / "sources")
    (edition / "edition.toml").write_text(
        f'title = "{EDITION.title}"\npublisher = "{EDITION.publisher}"\nbase_url = "{BASE}/"\n'
        'published = "2026-05-01"\neditor = "An Editor"\nemail = "editor@example.org"\n', encoding="utf-8")
    site = tmp_path / "site"
    report = build_edition(edition, site, formats=["deposit"])
    assert not report.failed
    meta = site / "meta"
    for stem in (SEED, FRUS, "edition"):
        assert_oai_dc((meta / f"{stem}.oai_dc.xml").read_bytes())
        items = json.loads((meta / f"{stem}.csl.json").read_text(encoding="utf-8"))
        cites, entries = render(items)
        assert items[0]["title"] in entries[0]
        datacite = etree.parse(str(meta / f"{stem}.datacite.xml")).getroot()
        assert datacite.tag == f"{DC}resource" and datacite.findtext(f"{DC}publicationYear") == "2026"
    cmif = etree.parse(str(site / "cmif.xml"))
    assert tei_all.validate(cmif), str(tei_all.error_log)
    assert deposit.cmif_problems(cmif) == []
    assert cmif.getroot().find(".//{http://www.tei-c.org/ns/1.0}email").text == "editor@example.org"
    bag = bagit.Bag(str(site / "bag"))
    bag.validate()
    payload = set(bag.payload_files())
    for name in (f"data/{SEED}.html", f"data/tei/{SEED}.xml", f"data/meta/{SEED}.datacite.xml", "data/cmif.xml",
                 "data/index.html", "data/persons.html"):
        assert name in payload, name
    assert bag.info["Bagging-Date"] == "2026-05-01"


def test_deposit_records_read_the_registers_as_they_are_now(tmp_path: Path) -> None:
    # Review: the editors' registers were cached by folder for the life of the process, so a second
    # build in the same process (the API, a server) cited the registers as they had been.
    from encoder.publish import _master_registers

    (tmp_path / "persons.xml").write_bytes((REGISTERS / "persons.xml").read_bytes())
    first = _master_registers(str(tmp_path))
    assert _master_registers(str(tmp_path)) is first  # read once per version
    (tmp_path / "persons.xml").write_bytes((REGISTERS / "persons.xml").read_bytes() + b"\n")
    assert _master_registers(str(tmp_path)) is not first
