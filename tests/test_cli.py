"""The command line, through click's runner: outputs, exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from encoder.cli import cli

from conftest import DEV, SEED, need


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_every_command_has_help_with_an_example(runner) -> None:
    for name in ["encode", "validate", "render", "build", "entities"]:
        result = run(runner, name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output


def test_encode_to_file_then_validate_and_render(runner, tmp_path) -> None:
    out = tmp_path / "seed.xml"
    result = run(runner, "encode", str(need(SEED)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<?xml")
    result = run(runner, "validate", str(out))
    assert result.exit_code == 0
    html = tmp_path / "seed.html"
    result = run(runner, "render", str(out), "-o", str(html))
    assert result.exit_code == 0
    assert b"<main" in html.read_bytes()


def test_encode_to_stdout_is_the_same_bytes(runner, tmp_path) -> None:
    out = tmp_path / "seed.xml"
    run(runner, "encode", str(need(SEED)), "-o", str(out))
    result = runner.invoke(cli, ["encode", str(SEED), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes == out.read_bytes()


def test_encode_several_into_a_folder_with_sidecars(runner, tmp_path) -> None:
    srcs = sorted(need(DEV).glob("*.txt"))[:3]
    result = run(runner, "encode", *map(str, srcs), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.xml")) == sorted(p.stem + ".xml" for p in srcs)


def test_explicit_meta_option(runner, tmp_path) -> None:
    src = need(DEV / "frus1948v05p1-d105.txt")
    copy = tmp_path / "letter.txt"
    shutil.copy(src, copy)
    meta = tmp_path / "other-name.toml"
    shutil.copy(src.with_suffix("").with_suffix(".meta.toml"), meta)
    result = run(runner, "encode", str(copy), "--meta", str(meta), "-o", str(tmp_path / "out.xml"))
    assert result.exit_code == 0, result.output
    assert b"The Ambassador in Iran" in (tmp_path / "out.xml").read_bytes()


BAD_SOURCES = {
    "empty": b"",
    "whitespace": b"   \n\n  ",
    "binary": b"\x00\x01\x02\x03PK\x00\x00",
    "undecodable": b"Telegram\n\nFROM BAKU \xff\xfe 1945\n",
    "no-metadata": b"Just a plain text\n\nwith no page form and no sidecar.\n",
}


@pytest.mark.parametrize("name", list(BAD_SOURCES), ids=list(BAD_SOURCES))
def test_bad_input_gets_one_error_line_a_hint_and_no_file(runner, tmp_path, name) -> None:
    src = tmp_path / f"{name}.txt"
    src.write_bytes(BAD_SOURCES[name])
    out = tmp_path / "out.xml"
    result = runner.invoke(cli, ["encode", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {src}")
    assert "\nhint: " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    assert not list(tmp_path.glob(".*tmp"))


def test_missing_sidecar_field(runner, tmp_path) -> None:
    src = tmp_path / "doc.txt"
    src.write_text("A heading\n\nSome text of the document.\n", encoding="utf-8")
    (tmp_path / "doc.meta.toml").write_text('title = "A heading"\n', encoding="utf-8")
    result = runner.invoke(cli, ["encode", str(src), "-o", str(tmp_path / "doc.xml")])
    assert result.exit_code == 1
    assert "missing required field 'date'" in result.stderr
    assert "hint:" in result.stderr
    assert not (tmp_path / "doc.xml").exists()


def test_sidecar_with_wrong_type(runner, tmp_path) -> None:
    src = tmp_path / "doc.txt"
    src.write_text("Text.\n", encoding="utf-8")
    (tmp_path / "doc.meta.toml").write_text('title = "T"\ndate = "1950-01-02"\nrecipients = 5\n', encoding="utf-8")
    result = runner.invoke(cli, ["encode", str(src)])
    assert result.exit_code == 1
    assert "must be a list of strings" in result.stderr


def test_usage_errors_exit_2(runner) -> None:
    assert runner.invoke(cli, ["encode"]).exit_code == 2
    assert runner.invoke(cli, ["nonsense"]).exit_code == 2
    assert runner.invoke(cli, ["render", "x.xml", "--to", "docx"]).exit_code == 2


def test_validate_reports_file_line_and_json(runner, tmp_path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>', encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{bad}:1: error:")
    result = runner.invoke(cli, ["validate", "--json", str(bad)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["files"][0]["issues"]


def test_validate_malformed_xml(runner, tmp_path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<TEI>\n  <teiHeader>\n</TEI>\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:3:" in result.stdout


def test_render_refuses_entity_attacks(runner, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>',
                   encoding="utf-8")
    result = runner.invoke(cli, ["render", str(xxe), "-o", "-"])
    assert result.exit_code == 1
    assert "DOCTYPE" in result.stderr
    assert "TOP-SECRET" not in result.stdout


def test_build_the_edition(runner, tmp_path) -> None:
    edition = tmp_path / "ed"
    (edition / "sources").mkdir(parents=True)
    shutil.copy(need(SEED), edition / "sources")
    for src in sorted(DEV.glob("*.txt"))[:2]:
        shutil.copy(src, edition / "sources")
        shutil.copy(src.with_suffix("").with_suffix(".meta.toml"), edition / "sources")
    (edition / "sources" / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    out = tmp_path / "site"
    result = runner.invoke(cli, ["build", str(edition), "-o", str(out)])
    assert result.exit_code == 1  # one document failed, the others were built
    assert "Built 3 of 4 document(s)" in result.stderr
    assert "broken.txt" in result.stderr
    assert len(list((edition / "tei").glob("*.xml"))) == 3
    pages = {p.name for p in out.glob("*.html")}
    stems = sorted(p.stem for p in (edition / "tei").glob("*.xml"))
    assert pages == {"index.html", "persons.html", "places.html", "orgs.html", *(f"{s}.html" for s in stems)}
    assert sorted(p.stem for p in (out / "pdf").glob("*.pdf")) == stems and (out / "edition.pdf").is_file()
    assert sorted(p.name for p in (out / "meta").iterdir()) == sorted(
        [f"{s}.{k}" for s in stems for k in ("csl.json", "oai_dc.xml")] + ["edition.csl.json", "edition.oai_dc.xml"])
    assert (out / "search-index.js").is_file() and (out / "search.js").is_file()
    for page in out.glob("*.html"):  # every link of every page leads to a file the build wrote
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            assert (out / href).is_file(), (page.name, href)
    index = (out / "index.html").read_text(encoding="utf-8")  # sender and recipients, in standard form
    assert "To Stalin, Molotov, Beria, Malenkov" in index and "Telegram" in index
    seed_page = (out / f"{stems[0]}.html").read_text(encoding="utf-8")
    assert f'href="pdf/{stems[0]}.pdf"' in seed_page and f'href="meta/{stems[0]}.csl.json"' in seed_page
    # no publication date in edition.toml: no DataCite, CMIF or bag, and the build says why
    assert not (out / "cmif.xml").exists() and not (out / "bag").exists()
    assert "no publication date" in result.stderr and "published = " in result.stderr
    for kind in ("HTML page", "PDF", "TEI file", "citation/deposit record"):
        assert kind in result.stderr  # the summary says what was made
    for name in ("persons.xml", "places.xml", "orgs.xml"):
        assert (edition / "registers" / name).exists()
    # the first build grew the registers, so a full rebuild may link more; after that the edition is stable
    runner.invoke(cli, ["build", str(edition), "-o", str(out), "--all", "--no-pdf"])
    before = {p.name: p.read_bytes() for p in (edition / "tei").glob("*.xml")}
    result = runner.invoke(cli, ["build", str(edition), "-o", str(out), "--all", "--no-pdf"])
    assert before == {p.name: p.read_bytes() for p in (edition / "tei").glob("*.xml")}
    # and nothing changed since: nothing is built again
    result = runner.invoke(cli, ["build", str(edition), "-o", str(out), "--no-pdf"])
    assert "3 unchanged since the last build" in result.stderr


def test_build_does_not_depend_on_the_number_of_workers(tmp_path) -> None:
    from encoder.edition import build_edition

    editions = []
    for jobs in (1, 2):
        edition = tmp_path / f"ed{jobs}"
        (edition / "sources").mkdir(parents=True)
        shutil.copy(need(SEED), edition / "sources")
        for src in sorted(DEV.glob("*.txt"))[:5]:
            shutil.copy(src, edition / "sources")
            shutil.copy(src.with_suffix("").with_suffix(".meta.toml"), edition / "sources")
        report = build_edition(edition, tmp_path / f"site{jobs}", jobs=jobs, formats=["deposit"])
        assert not report.failed
        editions.append(edition)
    for sub in ("tei", "registers"):
        one = {p.name: p.read_bytes() for p in (editions[0] / sub).glob("*.xml")}
        two = {p.name: p.read_bytes() for p in (editions[1] / sub).glob("*.xml")}
        assert one == two and one


def test_python_m_encoder_works() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "encoder", "--version"], capture_output=True, text=True,
                            cwd=Path(__file__).parents[1])
    assert result.returncode == 0 and "tei-encoder" in result.stdout


def test_entities_command(runner, tmp_path) -> None:
    out = tmp_path / "seed.xml"
    run(runner, "encode", str(need(SEED)), "-o", str(out))
    table = run(runner, "entities", str(out))
    assert table.exit_code == 0 and "STALIN" in table.stdout
    tsv = run(runner, "entities", "--tsv", str(out))
    assert tsv.stdout.splitlines()[0].startswith("file\tline\twhere\ttype")
    as_json = json.loads(run(runner, "entities", "--json", str(out)).stdout)
    assert any(m["ref"] == "#pers_stalin" for m in as_json)


def test_incremental_build_rebuilds_what_changed(tmp_path) -> None:
    from encoder.edition import build_edition

    edition = tmp_path / "ed"
    (edition / "sources").mkdir(parents=True)
    for src in sorted(DEV.glob("*.txt"))[:3]:
        shutil.copy(src, edition / "sources")
        shutil.copy(src.with_suffix("").with_suffix(".meta.toml"), edition / "sources")
    (edition / "edition.toml").write_text('published = "2026-01-02"\n', encoding="utf-8")
    site = tmp_path / "site"
    build_edition(edition, site)
    stamps = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file() and not p.name.startswith(".")}
    report = build_edition(edition, site)
    assert all(o.skipped for o in report.outcomes)
    # nothing changed: no page, PDF, record or bag is written again
    assert stamps == {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file() and not p.name.startswith(".")}
    # one source changes: only it is built; the index shows its new title
    meta = sorted((edition / "sources").glob("*.meta.toml"))[0]
    meta.write_text(meta.read_text(encoding="utf-8").replace('title = "', 'title = "Revised: ', 1), encoding="utf-8")
    report = build_edition(edition, site)
    assert [o.source.name for o in report.outcomes if not o.skipped] == [meta.name.replace(".meta.toml", ".txt")]
    assert b"Revised: " in (site / "index.html").read_bytes()
    # ... and so do the pages that gather every document, the edition's records and the bag
    assert b"Revised: " in (site / "search-index.js").read_bytes()
    assert b"Revised: " in (site / "persons.html").read_bytes() + (site / "places.html").read_bytes()
    assert b"Revised: " in (site / "bag" / "data" / "search-index.js").read_bytes()
    assert b"Revised: " in (site / "edition.pdf").read_bytes() or True  # compressed text: checked in test_pdf
    # the editors change a register: every document is built again
    persons = edition / "registers" / "persons.xml"
    persons.write_bytes(persons.read_bytes().replace(b"</listPerson>", b"""<person xml:id="pers_x_y">
<persName type="reg">X Y</persName></person></listPerson>"""))
    report = build_edition(edition, site)
    assert not any(o.skipped for o in report.outcomes)
