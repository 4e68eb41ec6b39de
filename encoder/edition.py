"""The build stage: a whole edition folder -> TEI, validated, and a site.

An edition folder holds ``edition.toml`` (title, publisher, base URL,
licence), ``sources/`` (the texts, each with its sidecar if it has one),
``registers/`` (persons, places, organisations: the editors' master copy)
and ``tei/`` (the generated TEI, one file per source, kept with the sources
so that every change shows in review). The site goes to the output folder.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from encoder.errors import EncoderError, MetadataError
from encoder.files import write_atomic
from encoder.model import Edition
from encoder.pipeline import encode_file
from encoder.registers import FILES, load_registers
from encoder.render import render_html, render_index
from encoder.tei import register_tree, serialize
from encoder.validate import validate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_EDITION_KEYS = {"title", "publisher", "base_url", "licence", "licence_text"}


def load_edition(folder: str | Path) -> Edition:
    """Read ``edition.toml``; defaults for whatever it leaves out."""
    path = Path(folder) / "edition.toml"
    if not path.exists():
        return Edition()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise MetadataError(f"not valid TOML: {err}", origin=str(path),
                            hint="check quotes and '=' signs") from None
    unknown = sorted(set(data) - _EDITION_KEYS)
    if unknown:
        raise MetadataError(f"unknown key(s) {', '.join(unknown)}", origin=str(path),
                            hint=f"known keys: {', '.join(sorted(_EDITION_KEYS))}")
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        raise MetadataError(f"key {bad[0]!r} must be a string", origin=str(path), hint=f'write {bad[0]} = "..."')
    return Edition(**data)


def sources(folder: str | Path) -> list[Path]:
    """The source texts of an edition, in a fixed order."""
    src = Path(folder) / "sources"
    if not src.is_dir():
        raise EncoderError("no sources/ folder in the edition", origin=str(folder),
                           hint="put the texts to encode in EDITION/sources/ (ID.txt, with ID.meta.toml if any)")
    return sorted(p for p in src.glob("*.txt") if p.is_file())


@dataclass
class Outcome:
    """What happened to one source in a build."""

    source: Path
    tei: Path | None = None
    html: Path | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class BuildReport:
    outcomes: list[Outcome]
    seconds: float
    out_dir: Path
    pages: int = 0
    bytes_written: int = 0

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def build_edition(folder: str | Path, out_dir: str | Path | None = None,
                  progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None) -> BuildReport:
    """Encode, validate and render every source; write TEI, registers and the site.

    A document that fails is reported and the others still build; what was
    written before stays intact (every file is written whole or not at all).
    """
    started = time.perf_counter()
    folder = Path(folder)
    out = Path(out_dir) if out_dir else folder.parent / "build" / "site"
    edition = load_edition(folder)
    registers = load_registers(folder / "registers")
    paths = sources(folder)
    outcomes: list[Outcome] = []
    index: list[dict[str, str]] = []
    written = 0
    pages = 0
    iterator: Iterator[Path] = iter(paths)
    if progress is not None:
        iterator = progress(iterator)
    for path in iterator:
        outcome = Outcome(source=path)
        outcomes.append(outcome)
        try:
            result = encode_file(path, registers=registers, edition=edition)
        except EncoderError as err:
            outcome.errors.append(err.describe())
            continue
        outcome.warnings.extend(result.warnings)
        doc_id = result.encoded.header.doc_id
        report = validate(result.tree, origin=f"{path.stem}.xml")
        outcome.warnings.extend(i for i in report.lines() if ": warning:" in i)
        if not report.ok:
            outcome.errors.extend(i for i in report.lines() if ": warning:" not in i)
            continue
        data = serialize(result.tree)
        tei_path = folder / "tei" / f"{path.stem}.xml"
        write_atomic(tei_path, data)
        write_atomic(out / "tei" / f"{path.stem}.xml", data)
        html = render_html(result.tree, params={
            "edition-title": edition.title, "base-url": edition.base_url, "tei-href": f"tei/{path.stem}.xml"})
        html_path = out / f"{path.stem}.html"
        write_atomic(html_path, html)
        written += len(data) * 2 + len(html)
        pages += 1
        outcome.tei, outcome.html = tei_path, html_path
        meta, header = result.encoded.parsed.meta, result.encoded.header
        index.append({"href": html_path.name, "title": " ".join(meta.title.split()),
                      "date": header.date or "", "summary": meta.summary or "", "id": doc_id})
    for kind, fname in FILES.items():
        data = serialize(register_tree(kind, registers.entries(), edition_title=edition.title))
        write_atomic(folder / "registers" / fname, data)
    index.sort(key=lambda e: (e["date"], e["title"]))
    html = render_index(index, edition_title=edition.title)
    write_atomic(out / "index.html", html)
    written += len(html)
    return BuildReport(outcomes=outcomes, seconds=time.perf_counter() - started, out_dir=out,
                       pages=pages + 1, bytes_written=written)
