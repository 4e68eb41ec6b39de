"""The command line: a thin shell over the library.

Commands parse options, call the library and print; one error boundary turns
``EncoderError`` into ``Error: file:line: message`` plus a hint, exit 1.
Usage mistakes exit 2 (click's own). Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

import encoder
from encoder.errors import EncoderError


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


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (one source), '-' for stdout, or a folder (several sources). "
                   "Default: ID.xml beside each source.")
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (TOML) for a source that carries none. Default: ID.meta.toml beside ID.txt.")
@click.option("--encoding", help="Encoding of the source text if not UTF-8 (e.g. cp1252, cp1251).")
@click.option("--registers", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of register files (persons.xml, places.xml, orgs.xml) to link names to.")
def encode(sources: tuple[Path, ...], output: Path | None, meta: Path | None, encoding: str | None,
           registers: Path | None) -> None:
    """Encode plain-text SOURCES as TEI (validated before it is written).

    \b
    Examples:
      tei-encoder encode page.txt -o page.xml
      tei-encoder encode letter.txt --meta letter.meta.toml -o -
      tei-encoder encode texts/*.txt -o tei/
    """
    from encoder.files import write_atomic
    from encoder.pipeline import encode_file
    from encoder.registers import load_registers
    from encoder.tei import serialize
    from encoder.validate import validate

    if meta is not None and len(sources) > 1:
        raise click.UsageError("--meta applies to one source; for several, put ID.meta.toml beside each ID.txt")
    if output is not None and len(sources) > 1 and output.exists() and not output.is_dir():
        raise click.UsageError("several sources need -o DIR (a folder)")
    with _user_errors():
        regs = load_registers(registers)
        for src in sources:
            result = encode_file(src, meta=meta, encoding=encoding, registers=regs)
            _warn(result.warnings)
            report = validate(result.tree, origin=f"{src.stem}.xml")
            _warn(i for i in report.lines() if ": warning:" in i)
            if not report.ok:
                for line in report.lines():
                    click.echo(line, err=True)
                raise UserError(f"{src}: the TEI made from this source is not valid; nothing was written\n"
                                "hint: this is a bug in tei-encoder; please report it with the source file")
            data = serialize(result.tree)
            if output is not None and str(output) == "-":
                sys.stdout.buffer.write(data)
                continue
            if output is None:
                target = src.with_suffix(".xml")
            elif len(sources) > 1 or output.is_dir():
                target = output / f"{src.stem}.xml"
            else:
                target = output
            write_atomic(target, data)
            click.echo(f"{src} -> {target}", err=True)


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report on stdout.")
def validate_cmd(files: tuple[Path, ...], as_json: bool) -> None:
    """Validate TEI FILES against the project schema and rules; exit 0 only if all are valid.

    \b
    Example:
      tei-encoder validate editions/tei/*.xml
    """
    from encoder.validate import validate_file

    reports = [validate_file(f) for f in files]
    if as_json:
        click.echo(json.dumps({"ok": all(r.ok for r in reports), "files": [r.to_json() for r in reports]},
                              indent=2, ensure_ascii=False))
    else:
        for r in reports:
            for line in r.lines():
                click.echo(line)
            if r.ok:
                click.echo(f"{r.origin}: valid", err=True)
    if not all(r.ok for r in reports):
        bad = sum(not r.ok for r in reports)
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

    \b
    Example:
      tei-encoder render editions/tei/seed.xml -o seed.html
    """
    from encoder.files import write_atomic
    from encoder.render import render_html
    from encoder.safexml import parse_xml

    with _user_errors():
        for f in files:
            tree = parse_xml(f)
            html = render_html(tree, params={"base-url": base_url, "tei-href": f.name})
            if output is not None and str(output) == "-":
                sys.stdout.buffer.write(html)
                continue
            if output is None:
                target = f.with_suffix(".html")
            elif len(files) > 1 or output.is_dir():
                target = output / f"{f.stem}.html"
            else:
                target = output
            write_atomic(target, html)
            click.echo(f"{f} -> {target}", err=True)


@cli.command()
@click.argument("edition_dir", default="editions", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the site. Default: build/site beside the edition folder.")
def build(edition_dir: Path, output: Path | None) -> None:
    """Build the edition: every source -> TEI (kept in the edition), validated, rendered to a site.

    \b
    Example:
      tei-encoder build editions -o build/site
    """
    from encoder.edition import build_edition, sources

    with _user_errors():
        n = len(sources(edition_dir))

        def progress(it: Iterator[Path]) -> Iterator[Path]:
            with click.progressbar(it, length=n, label="Encoding", file=sys.stderr,
                                   item_show_func=lambda p: p.name if p else "") as bar:
                yield from bar

        report = build_edition(edition_dir, output, progress=progress)
    for o in report.outcomes:
        _warn(o.warnings)
        for e in o.errors:
            click.echo(f"Error: {e}", err=True)
    ok = len(report.outcomes) - len(report.failed)
    click.echo(f"Built {ok} of {len(report.outcomes)} document(s) in {report.seconds:.2f} s: "
               f"TEI in {edition_dir / 'tei'}, {report.pages} page(s), "
               f"{report.bytes_written / 1024:.0f} KiB in {report.out_dir}", err=True)
    if report.failed:
        click.echo(f"{len(report.failed)} document(s) failed: "
                   + ", ".join(o.source.name for o in report.failed), err=True)
        sys.exit(1)


def main() -> None:
    """Entry point: run the CLI; an unexpected error is reported in one line, not a traceback."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as err:  # noqa: BLE001 - the last boundary: a bug, said plainly
        if os.environ.get("TEI_ENCODER_DEBUG"):
            raise
        click.echo(f"Error: internal error: {type(err).__name__}: {err}", err=True)
        click.echo("hint: this is a bug in tei-encoder; rerun with TEI_ENCODER_DEBUG=1 and report it", err=True)
        sys.exit(1)
