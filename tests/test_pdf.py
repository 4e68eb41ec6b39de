"""The printed edition: PDF of a document and of the whole edition (WeasyPrint), read back with pdftotext.

Skipped when WeasyPrint cannot load (Pango missing) or pdftotext (poppler-utils)
is not installed, except with ``TEI_BROWSER_REQUIRED=1`` (CI), where they fail.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from lxml import etree

from encoder.errors import ResourceError
from encoder.pdf import document_pdf, edition_pdf, html_pdf
from encoder.pipeline import encode_file
from encoder.registers import load_registers
from encoder.render import render_html
from encoder.safexml import parse_xml
from encoder.tei import document_text

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "editions"
SEED_TEI = EDITION / "tei" / "000_81cf47d306a12892.xml"
FOOTNOTE_SOURCE = ROOT / "tests" / "corpus" / "wilson" / "08_record-venue-hungary.txt"
REQUIRED = os.environ.get("TEI_BROWSER_REQUIRED") == "1"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"TEI_BROWSER_REQUIRED=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module", autouse=True)
def pdf_tools() -> None:
    """WeasyPrint with Pango, and pdftotext, or skip (fail in CI)."""
    if shutil.which("pdftotext") is None:
        _unavailable("pdftotext is not installed (apt-get install poppler-utils)")
    try:
        html_pdf("<!DOCTYPE html><title>check</title><p>check</p>")
    except ResourceError as err:
        _unavailable(f"WeasyPrint cannot run here: {err}")


def pdf_pages(data: bytes, tmp: Path) -> list[str]:
    """The text of each page (pdftotext, reading order)."""
    path = tmp / "out.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def words(text: str) -> list[str]:
    """Words for comparison: NFKC, case folded; hyphens dropped with the line break after them."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"[-\u2010\u2011]\s*", "", text)
    return re.findall(r"\w+", text.casefold())


def missing_from(expected: Sequence[str], actual: Sequence[str]) -> list[str]:
    """The words of ``expected`` not found, in order, in ``actual`` (empty: a subsequence)."""
    it = iter(actual)
    missing = []
    for n, word in enumerate(expected):
        if not any(word == w for w in it):
            missing = list(expected[n:n + 12])
            break
    return missing


def title_of(tree: etree._ElementTree) -> str:
    return " ".join(tree.xpath("string(/t:TEI/t:teiHeader/t:fileDesc/t:titleStmt/t:title[1])", namespaces=NS).split())


def index_lines(pages: Sequence[str]) -> dict[str, list[int]]:
    """The index of names as printed: 'Name (forms), 2, 5' -> {'Name (forms)': [2, 5]}."""
    start = next(n for n, page in enumerate(pages) if page.lstrip().startswith("Index of names"))
    found = {}
    for line in "\n".join(pages[start:]).splitlines():
        m = re.fullmatch(r"(.+?), ((?:\d+, )*\d+)", line.strip())
        if m:
            found[m.group(1)] = [int(p) for p in m.group(2).split(", ")]
    return found


# ---------------------------------------------------------------- one document


@pytest.fixture(scope="module")
def seed() -> etree._ElementTree:
    return parse_xml(SEED_TEI)


@pytest.fixture(scope="module")
def seed_pdf(seed: etree._ElementTree) -> bytes:
    return document_pdf(seed, edition_title="Cold War Documents: A Sample Edition")


def test_seed_pdf_holds_every_word_of_the_document_in_order(seed, seed_pdf, tmp_path) -> None:
    text = " ".join(pdf_pages(seed_pdf, tmp_path))
    expected = words(document_text(seed))
    assert len(expected) > 400
    assert missing_from(expected, words(text)) == []


def test_seed_pdf_opens_with_the_header_as_title_block(seed, seed_pdf, tmp_path) -> None:
    first = " ".join(pdf_pages(seed_pdf, tmp_path)[0].split())
    assert title_of(seed) in first
    for part in ("21 November 1945", "Wilson Center Digital Archive", "RGASPI (Moscow), fond 558, opis 11, delo 99",
                 "Translated by Gary Goldberg", "Contributed by Jamil Hasanli", "CC BY 4.0",
                 "Telegram to top Soviet officials describing strikes"):
        assert part in first, part
    # the document text starts on the next page, after the title block
    assert "We report the situation" not in first


def test_seed_pdf_prints_the_translators_brackets(seed, seed_pdf, tmp_path) -> None:
    text = " ".join(" ".join(pdf_pages(seed_pdf, tmp_path)).split())
    supplied = [" ".join(s.split()) for s in seed.xpath("//t:text//t:supplied/text()", namespaces=NS)]
    assert supplied
    for word in supplied:
        assert f"[{word}]" in text


def test_seed_pdf_has_an_index_of_names_with_the_pages_of_each_name(seed, seed_pdf, tmp_path) -> None:
    pages = pdf_pages(seed_pdf, tmp_path)
    index = index_lines(pages)
    # standard names from the register, the text's own form in brackets when it differs
    for name, form in (("Stalin", "STALIN"), ("Molotov", "MOLOTOV"), ("Tabriz", "Tabriz"),
                       ("Orūmīyeh (Rezayeh)", "Rezayeh"), ("National Assembly", "National Assembly")):
        assert name in index, f"{name} not in the index: {sorted(index)}"
        for page in index[name]:
            assert form in pages[page - 1], f"{name}: page {page} does not name {form}"
    # one entry per register entry named in the text
    refs = set(seed.xpath("//t:text//*[self::t:persName or self::t:placeName or self::t:orgName]/@ref", namespaces=NS))
    assert len(index) == len(refs)
    assert all(p == sorted(set(p)) for p in index.values())  # each page once


def test_footnotes_are_printed_at_the_foot_of_the_page_that_calls_them(tmp_path) -> None:
    tree = encode_file(FOOTNOTE_SOURCE).tree
    pages = pdf_pages(document_pdf(tree), tmp_path)
    note = "Brijuni, islands in the northern Adriatic"
    called = [n for n, page in enumerate(pages) if "Brioni[1]" in page]
    assert called, "the footnote call [1] is printed after Brioni"
    page = " ".join(pages[called[0]].split())
    assert f"1. {note}" in page
    assert page.index(note) > page.index("Brioni[1]")
    assert sum(" ".join(p.split()).count(note) for p in pages) == 1  # a footnote, not also an endnote
    assert "Notes" not in [line.strip() for p in pages for line in p.splitlines()]


def test_pdf_is_the_same_bytes_for_the_same_input_in_another_process(seed_pdf, tmp_path) -> None:
    assert document_pdf(parse_xml(SEED_TEI), edition_title="Cold War Documents: A Sample Edition") == seed_pdf
    out = tmp_path / "again.pdf"
    script = ("import sys; from pathlib import Path; from encoder.pdf import document_pdf; "
              "from encoder.safexml import parse_xml; Path(sys.argv[2]).write_bytes(document_pdf("
              "parse_xml(sys.argv[1]), edition_title='Cold War Documents: A Sample Edition'))")
    subprocess.run([sys.executable, "-c", script, str(SEED_TEI), str(out)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert out.read_bytes() == seed_pdf
    assert b"/CreationDate" not in seed_pdf and b"/ModDate" not in seed_pdf


# ---------------------------------------------------------------- nothing is fetched


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request made to it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_html_with_outside_images_and_stylesheets_fetches_nothing(server, tmp_path, caplog) -> None:
    url, hits = server
    page = f"""<!DOCTYPE html><html><head><title>t</title>
<link rel="stylesheet" href="{url}/link.css">
<style>@import url("{url}/import.css");
@font-face {{ font-family: X; src: url({url}/font.woff); }}
body {{ background: url({url}/background.png); font-family: X; }}</style></head>
<body><p>Hostile page</p><img src="{url}/image.png" alt="i"><img src="file:///etc/hostname" alt="f">
<object data="{url}/object.svg"></object><iframe src="{url}/frame.html"></iframe>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="d"></body></html>"""
    data = html_pdf(page)
    assert data.startswith(b"%PDF-")
    assert "Hostile page" in pdf_pages(data, tmp_path)[0]
    assert hits == []
    assert f"{url}/image.png' refused" in caplog.text  # asked for, and refused
    assert "file:///etc/hostname' refused" in caplog.text


def test_tei_with_outside_urls_fetches_nothing(server, seed) -> None:
    url, hits = server
    tree = etree.ElementTree(etree.fromstring(etree.tostring(seed)))
    p = tree.find(".//t:text//t:p", NS)
    t = "{http://www.tei-c.org/ns/1.0}"
    etree.SubElement(p, f"{t}ref", target=f"{url}/ref").text = "a link"
    figure = etree.SubElement(p, f"{t}figure")
    etree.SubElement(figure, f"{t}graphic", url=f"{url}/graphic.png")
    data = document_pdf(tree, edition_title=f"Edition <img src='{url}/title.png'>")
    assert data.startswith(b"%PDF-")
    assert hits == []


# ---------------------------------------------------------------- the web page printed from a browser


def test_the_web_page_prints_without_navigation_and_with_readable_links(seed, tmp_path) -> None:
    page = render_html(seed, params={"edition-title": "Cold War Documents", "index-href": "index.html",
                                     "tei-href": "tei/000_81cf47d306a12892.xml"})
    assert b"@media print" in page
    text = " ".join(" ".join(pdf_pages(html_pdf(page), tmp_path)).split())
    assert "Skip to the document text" not in text
    assert "TEI XML source" not in text  # the site footer
    assert "¶" not in text  # links to passages
    assert "<https://creativecommons.org/licenses/by/4.0/>" in text.replace("/ ", "/")
    assert missing_from(words(document_text(seed)), words(text)) == []


# ---------------------------------------------------------------- the whole edition


@pytest.fixture(scope="module")
def edition() -> tuple[list[etree._ElementTree], bytes]:
    trees = [parse_xml(p) for p in sorted((EDITION / "tei").glob("*.xml"))]
    trees.sort(key=lambda t: (t.xpath("string(//t:profileDesc/t:creation/t:date/@when)", namespaces=NS),
                              title_of(t)))
    data = edition_pdf(trees, title="Cold War Documents: A Sample Edition", publisher="tei-encoder sample edition",
                       registers=load_registers(EDITION / "registers"))
    return trees, data


def test_edition_pdf_holds_every_document_with_contents_and_page_numbers(edition, tmp_path) -> None:
    trees, data = edition
    assert len(trees) >= 29
    pages = pdf_pages(data, tmp_path)
    assert "Cold War Documents: A Sample Edition 29 documents" in " ".join(pages[0].split())
    whole = words(" ".join(pages))
    contents = " ".join(" ".join(pages[1:4]).split())
    for tree in trees:
        title = title_of(tree)
        assert missing_from(words(document_text(tree)), whole) == [], title
        # the contents give the page of the document's title block
        m = re.search(re.escape(title) + r"[ .]*?(\d+) ", contents)
        assert m, f"{title} not in the contents"
        assert title in " ".join(pages[int(m.group(1)) - 1].split()), title
    # the documents come in the order given
    starts = [" ".join(whole).find(" ".join(words(title_of(t)))) for t in trees]
    assert all(s >= 0 for s in starts)


def test_edition_pdf_has_one_index_of_names_across_documents(edition, tmp_path) -> None:
    _, data = edition
    pages = pdf_pages(data, tmp_path)
    index = index_lines(pages)
    assert len(index) > 200
    stalin = next(pages_ for name, pages_ in index.items() if name.startswith("Stalin"))
    assert len(stalin) >= 1 and all("STALIN" in pages[p - 1].upper() for p in stalin)
    # a name named in several documents is one entry with the pages of all of them
    assert any(len(p) >= 3 for p in index.values())
