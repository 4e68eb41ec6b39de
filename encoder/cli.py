"""The command line: a thin shell over the library.

Commands parse options, call the library and print; one error boundary turns
``EncoderError`` into ``Error: file:line: message`` plus a hint, exit 1.
Usage mistakes exit 2 (click's own). Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

import encoder
from encoder.errors import EncoderError

if TYPE_CHECKING:
    from lxml import etree

    from encoder.registers import Registers


class UserError(click.ClickException):
    """An EncoderError as click shows it: 'Error: ...' on stderr, exit 1."""

    exit_code = 1


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except EncoderError as err:
        raise UserError(err.describe()) from err


def _warn(lines: object) -> None:
    for line in lines:  # type: ignore[attr-defined]
        click.echo(line if ": warning:" in line else f"warning: {line}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(encoder.__version__, prog_name="tei-encoder")
def cli() -> None:
    """Encode archival documents as TEI P5 editions: encode, validate, render, build.

    \b
    Example:
      tei-encoder build editions -o build/site
    """


_HINT_BUG = "this is a bug in tei-encoder; rerun with TEI_ENCODER_DEBUG=1 and report it with the input file"


def _debug() -> bool:
    return bool(os.environ.get("TEI_ENCODER_DEBUG"))


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (one source), '-' for stdout, or a folder (several sources). "
                   "Default: ID.xml beside each source.")
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (TOML) for a source that carries none. Default: ID.meta.toml beside ID.txt.")
@click.option("--encoding", help="Encoding of the source text if not UTF-8 (e.g. cp1252, cp1251). "
                                 "Default: UTF-8; a plain cp1251 or cp1252 file is recognised, with a warning.")
@click.option("--registers", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of register files (persons.xml, places.xml, orgs.xml) to link names to.")
@click.option("--force", is_flag=True,
              help="Overwrite an output file even if it was edited since tei-encoder wrote it (the edits are lost).")
def encode(sources: tuple[Path, ...], output: Path | None, meta: Path | None, encoding: str | None,
           registers: Path | None, force: bool) -> None:
    """Encode plain-text SOURCES as TEI (validated before it is written).

    An existing output file that was edited by hand since tei-encoder wrote
    it (or that tei-encoder did not write) is not replaced without --force.

    \b
    Examples:
      tei-encoder encode page.txt -o page.xml
      tei-encoder encode letter.txt --meta letter.meta.toml -o -
      tei-encoder encode texts/*.txt -o tei/
    """
    from encoder.registers import load_registers

    if meta is not None and len(sources) > 1:
        raise click.UsageError("--meta applies to one source; for several, put ID.meta.toml beside each ID.txt")
    if output is not None and str(output) != "-" and len(sources) > 1 and output.exists() and not output.is_dir():
        raise click.UsageError("several sources need -o DIR (a folder)")
    with _user_errors():
        regs = load_registers(registers)
    _each(sources, "source(s)", lambda src: _encode_one(
        src, output=output, meta=meta, encoding=encoding, registers=regs, force=force, several=len(sources) > 1))


def _encode_one(src: Path, *, output: Path | None, meta: Path | None, encoding: str | None,
                registers: Registers, force: bool, several: bool) -> None:
    from encoder.pipeline import encode_file
    from encoder.files import write_atomic
    from encoder.fingerprint import guard
    from encoder.tei import serialize
    from encoder.validate import validate

    result = encode_file(src, meta=meta, encoding=encoding, registers=registers)
    warnings = list(result.warnings)
    _warn(warnings)
    report = validate(result.tree, origin=f"{src.stem}.xml")
    _warn(i for i in report.lines() if ": warning:" in i)
    if not report.ok:
        for line in report.lines():
            click.echo(line, err=True)
        raise EncoderError("the TEI made from this source is not valid; nothing was written", origin=str(src),
                           hint="this is a bug in tei-encoder; please report it with the source file")
    data = serialize(result.tree, fingerprint=True)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = _target(src, output, several=several, suffix=".xml")
    guard(target, data, force=force,
          hint=f"keep your corrections: write the new encoding beside it (-o {target.with_suffix('.new.xml')}) "
               "and compare the two; to replace the file anyway, rerun with --force")
    write_atomic(target, data)
    click.echo(f"{src} -> {target}", err=True)


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report on stdout.")
def validate_cmd(files: tuple[Path, ...], as_json: bool) -> None:
    """Validate TEI FILES against the project schema and rules; exit 0 only if all are valid.

    Files are read safely: a DOCTYPE is refused, nothing external is loaded.

    \b
    Example:
      tei-encoder validate editions/tei/*.xml
    """
    from encoder.errors import XMLInputError
    from encoder.safexml import parse_xml
    from encoder.validate import ERROR, Issue, Report, validate

    reports = []
    for f in files:
        try:
            # collect_ids=False: a duplicate xml:id is reported by the schema, not as a parse error.
            tree = parse_xml(f, collect_ids=False)
        except XMLInputError as err:
            column = f" (column {err.column})" if err.column else ""
            issue = Issue(ERROR, err.message + column, err.line, None, "wellformed", err.hint)
            reports.append((Report(origin=str(f), issues=(issue,)), err))
            continue
        reports.append((validate(tree, origin=str(f)), None))
    if as_json:
        click.echo(json.dumps({"ok": all(r.ok for r, _ in reports), "files": [r.to_json() for r, _ in reports]},
                              indent=2, ensure_ascii=False))
    else:
        for r, err in reports:
            if err is not None:
                click.echo(f"{err.where()}error: {err.message}")
                continue
            for line in r.lines():
                click.echo(line)
            if r.ok:
                click.echo(f"{r.origin}: valid", err=True)
    if not all(r.ok for r, _ in reports):
        bad = sum(not r.ok for r, _ in reports)
        click.echo(f"{bad} of {len(reports)} file(s) invalid", err=True)
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "fmt", type=click.Choice(["html"]), default="html", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (one input), '-' for stdout, or a folder. Default: ID.html beside each file.")
@click.option("--base-url", default="", help="Base URL of the edition, for citations.")
def render(files: tuple[Path, ...], fmt: str, output: Path | None, base_url: str) -> None:
    """Render TEI FILES as reading pages (HTML).

    Files are read safely (no DOCTYPE, nothing external); the stylesheet may
    not read, write or fetch anything.

    \b
    Example:
      tei-encoder render editions/tei/seed.xml -o seed.html
    """
    from encoder.files import write_atomic
    from encoder.render import render_html
    from encoder.safexml import parse_xml

    def render_one(f: Path) -> None:
        tree = parse_xml(f)
        _check_tei(tree, f)
        html = render_html(tree, params={"base-url": base_url, "tei-href": f.name})
        if output is not None and str(output) == "-":
            sys.stdout.buffer.write(html)
            sys.stdout.buffer.flush()
            return
        target = _target(f, output, several=len(files) > 1, suffix=".html")
        write_atomic(target, html)
        click.echo(f"{f} -> {target}", err=True)

    _each(files, "file(s)", render_one)


def _target(src: Path, output: Path | None, *, several: bool, suffix: str) -> Path:
    """Where the output of ``src`` goes: beside it, into the -o folder, or the -o file; never over ``src``."""
    if output is None:
        target = src.with_suffix(suffix)
    elif several or output.is_dir():
        target = output / f"{src.stem}{suffix}"
    else:
        target = output
    if target.exists() and target.resolve() == src.resolve():
        raise EncoderError("the output would replace the input itself; nothing was written", origin=str(src),
                           hint="give another output file with -o FILE")
    return target


def _each(items: tuple[Path, ...], what: str, work: Callable[[Path], None]) -> None:
    """Do ``work`` on every item; a failure is reported and the others still run; exit 1 if any failed."""
    failed = 0
    for item in items:
        try:
            work(item)
        except EncoderError as err:
            click.echo(f"Error: {err.describe()}", err=True)
            failed += 1
    if failed:
        if len(items) > 1:
            click.echo(f"{failed} of {len(items)} {what} failed; the others were done", err=True)
        sys.exit(1)


def _check_tei(tree: etree._ElementTree, path: Path) -> None:
    """Refuse to render what is not a TEI document with a text: the page would be empty."""
    from lxml import etree

    from encoder.errors import XMLInputError

    tei = "http://www.tei-c.org/ns/1.0"
    root = tree.getroot()
    if root.tag != f"{{{tei}}}TEI":
        raise XMLInputError(f"not a TEI document: the root element is <{etree.QName(root).localname}>",
                            origin=str(path), line=root.sourceline,
                            hint=f'a TEI file has the root <TEI xmlns="{tei}">')
    if root.find(f"{{{tei}}}text") is None:
        raise XMLInputError("the TEI document has no <text>: there is nothing to render", origin=str(path),
                            line=root.sourceline, hint="check it with 'tei-encoder validate'")


@cli.command()
@click.argument("edition_dir", default="editions", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the site. Default: build/site beside the edition folder.")
@click.option("--force", is_flag=True,
              help="Regenerate TEI files in EDITION_DIR/tei even if they were edited by hand, and rewrite the "
                   "registers even if that drops what editors wrote in them (the edits are lost).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: all cores (one for small editions).")
@click.option("--all", "rebuild_all", is_flag=True,
              help="Build every document, even those unchanged since the last build.")
@click.option("--no-pdf", is_flag=True, help="Make no PDFs (the slowest output: about 0.1-0.3 s per document).")
@click.option("--no-deposit", is_flag=True,
              help="Make no citation/deposit records, CMIF file or BagIt bag.")
def build(edition_dir: Path, output: Path | None, force: bool, jobs: int | None, rebuild_all: bool,
          no_pdf: bool, no_deposit: bool) -> None:
    """Build the edition: every source -> TEI (kept in the edition), validated, published as a site.

    The site (default build/site) holds the reading pages, the index with an
    offline search, register pages with back-references, the TEI, a PDF per
    document and one for the edition, citation and deposit records (Dublin
    Core, CSL-JSON, DataCite), a CMIF file and a BagIt bag for a repository.

    A document that fails is reported and the others still build (exit 1 at
    the end). A TEI file edited by hand since it was generated is kept as it
    is (with a warning) and its page is made from it; a register is not
    rewritten if that would drop what editors wrote in it; --force does both.

    \b
    Example:
      tei-encoder build editions -o build/site
    """
    from encoder.edition import build_edition

    with _user_errors():
        def progress(it: Iterator[Path], n: int) -> Iterator[Path]:
            started, count = time.perf_counter(), [0]

            def show(p: Path | None) -> str:
                rate = count[0] / max(time.perf_counter() - started, 1e-9)
                return f"{rate:.0f} doc/s  {p.name}" if p else ""

            with click.progressbar(it, length=n, label="Building", file=sys.stderr, show_pos=True,
                                   item_show_func=show) as bar:
                for p in bar:
                    count[0] += 1
                    yield p

        report = build_edition(edition_dir, output, progress=progress, force=force, catch_bugs=not _debug(),
                               jobs=jobs, incremental=not rebuild_all,
                               formats=[f for f, off in (("pdf", no_pdf), ("deposit", no_deposit)) if not off])
    for o in report.outcomes:
        _warn(o.warnings)
        for e in o.errors:
            click.echo(f"Error: {e}", err=True)
    _warn(report.warnings)
    skipped = sum(o.skipped for o in report.outcomes)
    ok = len(report.outcomes) - len(report.failed) - skipped
    kept = f" ({len(report.kept)} edited TEI file(s) kept as they are)" if report.kept else ""
    kept += f", {skipped} unchanged since the last build" if skipped else ""
    click.echo(f"Built {ok} of {len(report.outcomes)} document(s){kept} in {report.seconds:.2f} s: "
               f"TEI in {edition_dir / 'tei'}, site in {report.out_dir}", err=True)
    for kind in sorted(report.produced):
        files, size = report.produced[kind]
        click.echo(f"  {kind:<26} {files:>6} file(s) {size / 1024:>10,.0f} KiB", err=True)
    if report.failed:
        click.echo(f"{len(report.failed)} document(s) failed: "
                   + ", ".join(o.source.name for o in report.failed), err=True)
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "fmt", flag_value="json", help="Print JSON (a list of mentions).")
@click.option("--tsv", "fmt", flag_value="tsv", help="Print tab-separated values, for a spreadsheet.")
def entities(files: tuple[Path, ...], fmt: str | None) -> None:
    """List every tagged name and date of TEI FILES, with its register entry and place, for review.

    Machine-made register entries (to review) are marked with '*' in the table.
    Correct the registers in the edition (editions/registers/*.xml): the next
    build links the names to what the editors wrote.

    \b
    Examples:
      tei-encoder entities editions/tei/*.xml
      tei-encoder entities --tsv editions/tei/*.xml > mentions.tsv
    """
    from encoder.entities import mentions, to_json, to_table, to_tsv

    with _user_errors():
        rows = [m for f in files for m in mentions(f)]
    click.echo({"json": to_json, "tsv": to_tsv}.get(fmt or "", to_table)(rows), nl=fmt != "tsv")


def main() -> None:
    """Entry point: run the CLI; an unexpected error is reported in one line, not a traceback."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as err:  # noqa: BLE001 - the last boundary: a bug, said plainly
        if _debug():
            raise
        click.echo(f"Error: internal error: {type(err).__name__}: {err}", err=True)
        click.echo(f"hint: {_HINT_BUG}", err=True)
        sys.exit(1)
