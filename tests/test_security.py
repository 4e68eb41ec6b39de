"""Hostile XML: every attack of the issue is tried, and nothing leaks, nothing is read, nothing hangs.

Each attack points at a local file holding a secret; the test proves that
the secret appears in no output and that the command ends at once with a
one-line error (or, for attacks that are mere markup, a normal result).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from encoder import render as render_module
from encoder.cli import cli
from encoder.errors import EncoderError, ResourceError, TransformError, XMLInputError
from encoder.render import DOCUMENT_PARAMS, render_html
from encoder.safexml import declares_doctype, parse_xml, safe_parser

from conftest import ROOT

SECRET = "TOP-SECRET-CONTENT"
SEED_TEI = ROOT / "tests" / "golden" / "seed.tei.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def tei(body: str, prolog: str = "") -> str:
    return (f'{prolog}<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
            f"<teiHeader/><text><body><p>{body}</p></body></text></TEI>")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def secret_xml(tmp_path: Path) -> Path:
    path = tmp_path / "secret.xml"
    path.write_text(f"<s>{SECRET}</s>", encoding="utf-8")
    return path


def _billion_laughs() -> str:
    ents = ['<!ENTITY l0 "lollollollollollollollollollol">']
    ents += [f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    return tei("&l9;", "<!DOCTYPE TEI [" + "".join(ents) + "]>")


ATTACKS = {
    "xxe-local-file": lambda s: tei("&x;", f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{s}">]>'),
    "xxe-parameter-entity": lambda s: tei("x", f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "file://{s}"> %p;]>'),
    "external-dtd": lambda s: tei("x", f'<!DOCTYPE TEI SYSTEM "file://{s}">'),
    "external-dtd-network": lambda s: tei("x", '<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">'),
    "billion-laughs": lambda s: _billion_laughs(),
    "doctype-after-comment": lambda s: tei("&x;", f'<?xml version="1.0"?>\n<!-- c -->\n'
                                                  f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{s}">]>'),
}


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
@pytest.mark.parametrize("command", ["validate", "render"])
def test_doctype_attacks_are_refused_at_once(tmp_path, secret, attack, command) -> None:
    doc = tmp_path / "attack.xml"
    doc.write_text(ATTACKS[attack](secret), encoding="utf-8")
    started = time.perf_counter()
    args = ["render", str(doc), "-o", "-"] if command == "render" else ["validate", "--json", str(doc)]
    result = CliRunner().invoke(cli, args)
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert SECRET not in result.output and "lol" not in result.output
    assert "DOCTYPE" in result.output
    assert "Traceback" not in result.output


def test_the_parser_itself_reads_nothing_external(tmp_path, secret) -> None:
    """Below the DOCTYPE refusal, the parser reads no DTD, even with collect_ids=False.

    libxml2 loads the external DTD subset whenever IDs are not collected,
    load_dtd=False notwithstanding: the unguarded parser fails on the
    secret file's content (so it read it); the safe parser never opens it.
    """
    doc = tei("x", f'<!DOCTYPE TEI SYSTEM "file://{secret}">').encode()
    unguarded = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, collect_ids=False)
    with pytest.raises(etree.XMLSyntaxError, match="external subset"):
        etree.fromstring(doc, unguarded)
    for collect_ids in (True, False):
        root = etree.fromstring(doc, safe_parser(collect_ids=collect_ids))
        assert SECRET not in etree.tostring(root, encoding="unicode")


def test_entities_are_never_expanded_by_the_parser(secret) -> None:
    doc = tei("&x;", f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY y "expanded">]>')
    root = etree.fromstring(doc.replace("&x;", "&x;&y;").encode(), safe_parser())
    text = etree.tostring(root, encoding="unicode")
    assert SECRET not in text and "expanded" not in text


def test_billion_laughs_does_not_blow_up_the_parser() -> None:
    started = time.perf_counter()
    try:
        root = etree.fromstring(_billion_laughs().encode(), safe_parser())
        assert len(etree.tostring(root)) < 10_000
    except etree.XMLSyntaxError:
        pass  # libxml2's amplification limit: also fine
    assert time.perf_counter() - started < 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_dtd_that_is_a_pipe_does_not_hang_validate(tmp_path) -> None:
    """A DOCTYPE naming a FIFO would block a parser that opened it; ours never does."""
    fifo = tmp_path / "pipe.dtd"
    os.mkfifo(fifo)
    doc = tmp_path / "doc.xml"
    doc.write_text(tei("x", f'<!DOCTYPE TEI SYSTEM "file://{fifo}">'), encoding="utf-8")
    code = ("import sys; from encoder.cli import cli; "
            "sys.exit(cli.main(['validate', sys.argv[1]], standalone_mode=False))")
    proc = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert "DOCTYPE" in proc.stdout + proc.stderr


def test_validate_file_api_reads_no_external_dtd(tmp_path, secret) -> None:
    from encoder.validate import validate_file

    doc = tmp_path / "doc.xml"
    doc.write_text(tei("x", f'<!DOCTYPE TEI SYSTEM "file://{secret}">'), encoding="utf-8")
    report = validate_file(doc)
    assert "DOCTYPE" in report.issues[0].message and "external subset" not in report.issues[0].message


def test_a_file_opening_with_many_blanks_does_not_hang_validate(tmp_path) -> None:
    """Regression: the prolog check tried every split of a run of blanks (minutes for a few dozen)."""
    doc = tmp_path / "doc.xml"
    doc.write_text(" " * 200 + "\n" * 200 + tei("x"), encoding="utf-8")
    code = ("import sys; from encoder.cli import cli; "
            "sys.exit(cli.main(['validate', sys.argv[1]], standalone_mode=False))")
    proc = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert "Traceback" not in proc.stderr
    assert not declares_doctype((" " * 100_000 + "<TEI/>").encode())


def test_doctype_is_found_in_any_prolog() -> None:
    assert declares_doctype(b'<?xml version="1.0"?>\n<!-- x -->\n<?pi x?>\n<!DOCTYPE TEI>')
    assert declares_doctype('\ufeff<!DOCTYPE TEI>'.encode("utf-8"))
    assert declares_doctype('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE TEI>'.encode("utf-16"))
    assert not declares_doctype(b"<TEI><p>&lt;!DOCTYPE TEI&gt;</p><!-- <!DOCTYPE x> --></TEI>")


@pytest.mark.parametrize("command", ["validate", "render"])
def test_xinclude_is_never_processed(tmp_path, secret, secret_xml, command) -> None:
    doc = tmp_path / "xi.xml"
    doc.write_text(tei(f'<xi:include href="file://{secret}" parse="text"/>'
                       f'<xi:include href="{secret_xml}"/>'), encoding="utf-8")
    tree = parse_xml(doc)
    assert SECRET not in etree.tostring(tree, encoding="unicode")
    args = ["render", str(doc), "-o", "-"] if command == "render" else ["validate", str(doc)]
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert SECRET not in result.output
    if command == "validate":  # the include is reported as an element TEI does not allow
        assert result.exit_code == 1 and "include" in result.output


def test_schema_location_hints_are_ignored(tmp_path, secret) -> None:
    evil = tmp_path / "evil.xsd"
    evil.write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation='
                    f'"file://{secret}"/></xs:schema>', encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(f'<TEI xmlns="{TEI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                   f'xsi:schemaLocation="{TEI_NS} file://{evil} http://127.0.0.1:9/x.xsd"><teiHeader/></TEI>',
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 1  # invalid TEI, reported by our own schema
    assert SECRET not in result.output and "evil" not in result.output


@pytest.mark.parametrize("name", sorted(DOCUMENT_PARAMS))
def test_a_parameter_pointing_outside_reads_nothing(secret, secret_xml, name) -> None:
    tree = parse_xml(SEED_TEI)
    for value in (str(secret), f"file://{secret_xml}", "../../../../etc/passwd",
                  f"') or document('file://{secret_xml}') or ('"):
        html = render_html(tree, params={name: value}).decode("utf-8")
        assert SECRET not in html
        assert "root:" not in html  # /etc/passwd


def test_a_parameter_on_the_command_line_reads_nothing(tmp_path, secret_xml) -> None:
    result = CliRunner().invoke(cli, ["render", str(SEED_TEI), "-o", "-", "--base-url", f"file://{secret_xml}"])
    assert result.exit_code == 0
    assert SECRET not in result.output


@pytest.mark.parametrize("value", ["a\x00b", "a\x07b", "\ufffe"])
def test_a_parameter_xml_cannot_hold_is_an_error(value) -> None:
    with pytest.raises(TransformError, match="cannot hold"):
        render_html(parse_xml(SEED_TEI), params={"base-url": value})


@pytest.fixture
def hostile_stylesheet(tmp_path, monkeypatch):
    """Swap in a stylesheet of our own making (the packaged ones never try any of this)."""
    folder = tmp_path / "xslt"
    folder.mkdir()

    def install(body: str) -> Path:
        path = folder / "hostile.xsl"
        path.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
                        'xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">'
                        f'<xsl:template match="/">{body}</xsl:template></xsl:stylesheet>', encoding="utf-8")
        monkeypatch.setattr(render_module, "xslt_path", lambda name: folder / name)
        render_module._stylesheet.cache_clear()
        return path

    yield install
    render_module._stylesheet.cache_clear()


def test_the_stylesheet_may_not_read_a_file(hostile_stylesheet, secret_xml) -> None:
    hostile_stylesheet(f"<out><xsl:copy-of select=\"document('file://{secret_xml}')\"/></out>")
    with pytest.raises(TransformError, match="read rights .* denied") as info:
        render_module.run_stylesheet("hostile.xsl", parse_xml(SEED_TEI), {})
    assert SECRET not in str(info.value)


def test_the_stylesheet_may_not_write_a_file(hostile_stylesheet, tmp_path) -> None:
    target = tmp_path / "written.txt"
    hostile_stylesheet(f'<exsl:document href="{target}" method="text">pwned</exsl:document><out/>')
    with pytest.raises(TransformError, match="write rights .* denied"):
        render_module.run_stylesheet("hostile.xsl", parse_xml(SEED_TEI), {})
    assert not target.exists()


def test_the_stylesheet_may_not_include_from_outside(tmp_path, hostile_stylesheet, secret_xml) -> None:
    outside = tmp_path / "outside.xsl"
    outside.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>',
                       encoding="utf-8")
    path = hostile_stylesheet("<out/>")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "<xsl:template", f'<xsl:include href="{outside}"/><xsl:template', 1), encoding="utf-8")
    with pytest.raises(ResourceError):
        render_module.run_stylesheet("hostile.xsl", parse_xml(SEED_TEI), {})


MALFORMED = {
    "unclosed": ("<TEI>\n  <teiHeader>\n</TEI>\n", 3),
    "stray-ampersand": ("<TEI>\n<p>a & b</p></TEI>", 2),
    "undeclared-entity": ("<TEI>\n\n<p>&nbsp;</p></TEI>", 3),
    "garbage-after-root": ("<TEI/>\n<TEI/>", 2),
    "deep-nesting": ("<a>" * 5000 + "</a>" * 5000, 1),
    "duplicate-id": ('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p xml:id="a"/><p xml:id="a"/></TEI>', 2),
}


@pytest.mark.parametrize("name", list(MALFORMED), ids=list(MALFORMED))
def test_malformed_xml_is_file_line_column_message(tmp_path, name) -> None:
    text, line = MALFORMED[name]
    doc = tmp_path / f"{name}.xml"
    doc.write_text(text, encoding="utf-8")
    with pytest.raises(XMLInputError) as info:
        parse_xml(doc)
    err = info.value
    assert err.line == line and err.column
    if name == "duplicate-id":  # for render; validate reports it through the schema
        assert str(err) == f'{doc}:{line}:{err.column}: xml:id "a" is used more than once'
        return
    assert str(err).startswith(f"{doc}:{line}:{err.column}: not well-formed XML: ")
    result = CliRunner().invoke(cli, ["render", str(doc), "-o", "-"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {doc}:{line}:{err.column}: not well-formed XML: ")
    assert "\nhint: " in result.stderr
    result = CliRunner().invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{doc}:{line}:{err.column}: error: not well-formed XML: ")


def test_refusals_are_encoder_errors() -> None:
    with pytest.raises(EncoderError):
        parse_xml(b"<!DOCTYPE x><x/>")
    with pytest.raises(XMLInputError, match="empty"):
        parse_xml(b"  \n")


def test_rendered_pages_carry_no_script_links(tmp_path) -> None:
    """A hostile TEI file cannot put javascript: links into the page through its @target values."""
    from lxml import etree

    from encoder.render import render_html

    xml = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        '<publicationStmt><availability><licence target="javascript:alert(1)">L</licence></availability>'
        '</publicationStmt><sourceDesc><bibl><ref target="javascript:alert(2)">x</ref></bibl></sourceDesc>'
        '</fileDesc></teiHeader><text><body><div><p>A <ref target="javascript:alert(3)">link</ref>.</p>'
        '</div></body></text></TEI>'
    )
    html = render_html(etree.fromstring(xml)).decode()
    assert "javascript:" not in html
