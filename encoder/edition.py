"""The build stage: a whole edition folder -> TEI, validated, and a site.

An edition folder holds ``edition.toml`` (title, publisher, base URL,
licence), ``sources/`` (the texts, each with its sidecar if it has one),
``registers/`` (persons, places, organisations: the editors' master copy)
and ``tei/`` (the generated TEI, one file per source, kept with the sources
so that every change shows in review). The site goes to the output folder.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from encoder.errors import EncoderError, MetadataError
from encoder.files import write_atomic
from encoder.fingerprint import check_overwrite, file_state, refusal
from encoder.model import Edition
from encoder.pipeline import encode_file
from encoder.registers import FILES, Registers, load_registers
from encoder.render import render_html, render_index
from encoder.safexml import parse_xml, read_xml_bytes
from encoder.tei import register_tree, serialize
from encoder.validate import validate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
    except UnicodeDecodeError as err:
        raise MetadataError(f"not UTF-8 (byte 0x{err.object[err.start]:02x} at offset {err.start})",
                            origin=str(path), hint="save edition.toml as UTF-8") from None
    except OSError as err:
        raise MetadataError(f"cannot read the file: {err.strerror or err}", origin=str(path),
                            hint="edition.toml must be a readable file") from None
    unknown = sorted(set(data) - _EDITION_KEYS)
    if unknown:
        raise MetadataError(f"unknown key(s) {', '.join(unknown)}", origin=str(path),
                            hint=f"known keys: {', '.join(sorted(_EDITION_KEYS))}")
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        raise MetadataError(f"key {bad[0]!r} must be a string", origin=str(path), hint=f'write {bad[0]} = "..."')
    for key, value in data.items():
        if _NOT_XML.search(value):
            raise MetadataError(f"key {key!r} holds a control character, which XML cannot hold", origin=str(path),
                                hint="remove it (or its \\u escape)")
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
    kept: bool = False  # the TEI file was edited by hand and kept as it is

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
    warnings: list[str] = field(default_factory=list)  # about the edition as a whole (registers)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def kept(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kept]


_HINT_KEPT = ("the page was made from the file as it is; to replace the file with a fresh encoding of the source "
              "(losing what was changed in it), rerun with --force")
_HINT_BUG = "this is a bug in tei-encoder; rerun with TEI_ENCODER_DEBUG=1 and report it with the source file"


def build_edition(folder: str | Path, out_dir: str | Path | None = None,
                  progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None, *,
                  force: bool = False, catch_bugs: bool = True) -> BuildReport:
    """Encode, validate and render every source; write TEI, registers and the site.

    A document that fails is reported and the others still build; what was
    written before stays intact (every file is written whole or not at all).
    A TEI file in ``tei/`` that was edited since it was generated (or that
    tei-encoder did not write) is kept as it is, reported with a warning, and
    its page is rendered from it; ``force=True`` replaces it. With
    ``catch_bugs`` an unexpected exception fails only its document.
    """
    started = time.perf_counter()
    folder = Path(folder)
    out = Path(out_dir) if out_dir else folder.parent / "build" / "site"
    edition = load_edition(folder)
    registers = load_registers(folder / "registers")
    paths = sources(folder)
    outcomes: list[Outcome] = []
    index: list[dict[str, str]] = []
    totals = [0, 0]  # bytes written, pages
    iterator: Iterator[Path] = iter(paths)
    if progress is not None:
        iterator = progress(iterator)
    for path in iterator:
        outcome = Outcome(source=path)
        outcomes.append(outcome)
        try:
            entry = _build_one(path, folder, out, outcome, registers, edition, force, totals)
        except EncoderError as err:
            outcome.errors.append(err.describe())
            continue
        except Exception as err:  # noqa: BLE001 - one document's bug must not stop the others
            if not catch_bugs:
                raise
            outcome.errors.append(f"{path}: internal error: {type(err).__name__}: {err}\nhint: {_HINT_BUG}")
            continue
        if entry is not None:
            index.append(entry)
    notes: list[str] = []
    for kind, fname in FILES.items():
        data = serialize(register_tree(kind, registers.entries(), edition_title=edition.title))
        path = folder / "registers" / fname
        lost = [] if force else register_losses(path, data)
        if lost:
            notes.append(f"{path}: not updated: rewriting it would drop what the editors wrote there ("
                         + "; ".join(lost[:3]) + (f"; and {len(lost) - 3} more" if len(lost) > 3 else "")
                         + f")\nhint: {_HINT_REGISTER}")
            continue
        write_atomic(path, data)
    index.sort(key=lambda e: (e["date"], e["title"]))
    html = render_index(index, edition_title=edition.title)
    write_atomic(out / "index.html", html)
    return BuildReport(outcomes=outcomes, seconds=time.perf_counter() - started, out_dir=out,
                       pages=totals[1] + 1, bytes_written=totals[0] + len(html), warnings=notes)


_HINT_REGISTER = ("keep such notes inside entries you own (remove resp=\"#resp_enc\" from an entry you reviewed), "
                  "not in comments, the header or machine-made entries; "
                  "to rewrite the register anyway, rerun with --force")


def register_losses(path: Path, new: bytes) -> list[str]:
    """What of the register file at ``path`` the new content would drop: texts and comments, in words.

    A register is the editors' master copy, rewritten by every build with the
    entries it found; anything the rewrite cannot carry (a comment, an edited
    header, a note in a machine-made entry) would be lost without a word.
    """
    try:
        old = read_xml_bytes(path)
    except EncoderError:
        return []  # no file yet (or none to read): nothing to lose
    old_items, new_items = _texts(old), _texts(new)
    return [f"{kind} “{text[:60]}”" for kind, text in sorted(old_items - new_items)]


def _texts(data: bytes) -> set[tuple[str, str]]:
    try:
        root = parse_xml(data, collect_ids=False).getroot()
    except EncoderError:
        return set()
    found: set[tuple[str, str]] = set()
    # The register's title is made from edition.toml: a new edition title is no loss.
    generated = set(root.iterfind("{*}teiHeader/{*}fileDesc/{*}titleStmt/{*}title"))
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



def _build_one(path: Path, folder: Path, out: Path, outcome: Outcome, registers: Registers,
               edition: Edition, force: bool, totals: list[int]) -> dict[str, str] | None:
    """Build one document; its index entry, or None when it failed (the reason is in ``outcome``)."""
    tei_path = folder / "tei" / f"{path.stem}.xml"
    if not force and file_state(tei_path) == "edited":
        # Hand corrections win: not even re-encoded, so a source that no longer encodes cannot hide them.
        return _keep(tei_path, "edited", path, out, outcome, edition, totals)
    result = encode_file(path, registers=registers, edition=edition)
    warnings = list(result.warnings)
    outcome.warnings.extend(warnings)
    report = validate(result.tree, origin=f"{path.stem}.xml")
    outcome.warnings.extend(i for i in report.lines() if ": warning:" in i)
    if not report.ok:
        outcome.errors.extend(i for i in report.lines() if ": warning:" not in i)
        return None
    data = serialize(result.tree, fingerprint=True)
    found = None if force else check_overwrite(tei_path, data)
    if found is not None:
        return _keep(tei_path, found, path, out, outcome, edition, totals)
    write_atomic(tei_path, data)
    meta, header = result.encoded.parsed.meta, result.encoded.header
    return _publish(result.tree, data, path, out, outcome, edition, totals, tei_path, {
        "title": " ".join(meta.title.split()), "date": header.date or "", "summary": meta.summary or "",
        "id": header.doc_id})


def _keep(tei_path: Path, found: str, path: Path, out: Path, outcome: Outcome, edition: Edition,
          totals: list[int]) -> dict[str, str] | None:
    """Leave a hand-edited TEI file as it is and publish it (if it is valid)."""
    outcome.kept = True
    outcome.warnings.append(f"{tei_path}: {refusal(found)}: kept\nhint: {_HINT_KEPT}")
    data = read_xml_bytes(tei_path)
    tree = parse_xml(data, origin=str(tei_path), collect_ids=False)
    report = validate(tree, origin=str(tei_path))
    outcome.warnings.extend(i for i in report.lines() if ": warning:" in i)
    if not report.ok:
        outcome.errors.extend(i for i in report.lines() if ": warning:" not in i)
        return None
    return _publish(tree, data, path, out, outcome, edition, totals, tei_path, _index_fields(tree))


def _publish(tree: etree._ElementTree, data: bytes, path: Path, out: Path, outcome: Outcome, edition: Edition,
             totals: list[int], tei_path: Path, fields: dict[str, str]) -> dict[str, str]:
    """Copy the TEI into the site and render its page; the page's index entry."""
    html = render_html(tree, params={
        "edition-title": edition.title, "base-url": edition.base_url, "tei-href": f"tei/{path.stem}.xml"})
    write_atomic(out / "tei" / f"{path.stem}.xml", data)
    html_path = out / f"{path.stem}.html"
    write_atomic(html_path, html)
    totals[0] += len(data) * 2 + len(html)
    totals[1] += 1
    outcome.tei, outcome.html = tei_path, html_path
    return {"href": html_path.name, **fields}


_NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _index_fields(tree: etree._ElementTree) -> dict[str, str]:
    """Title, date, summary and id of a TEI document, read from its header."""
    def first(xpath: str) -> str:
        found = tree.xpath(xpath, namespaces=_NS)
        if not found:
            return ""
        hit = found[0]
        text = hit if isinstance(hit, str) else "".join(hit.itertext())
        return " ".join(str(text).split())

    root = tree.getroot()
    return {
        "title": first("/t:TEI/t:teiHeader/t:fileDesc/t:titleStmt/t:title[1]") or "Untitled document",
        "date": first("/t:TEI/t:teiHeader/t:profileDesc/t:creation/t:date/@when"),
        "summary": first("/t:TEI/t:teiHeader/t:profileDesc/t:abstract"),
        "id": root.get("{http://www.w3.org/XML/1998/namespace}id") or "",
    }
