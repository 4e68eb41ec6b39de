"""The build stage: a whole edition folder -> TEI, validated, and a site.

An edition folder holds ``edition.toml`` (title, publisher, base URL,
licence), ``sources/`` (the texts, each with its sidecar if it has one),
``registers/`` (persons, places, organisations: the editors' master copy)
and ``tei/`` (the generated TEI, one file per source, kept with the sources
so that every change shows in review). The site goes to the output folder.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from encoder.errors import EncoderError, MetadataError
from encoder.files import write_atomic
from encoder.fingerprint import check_overwrite, file_state, refusal
import encoder
from encoder.model import Edition, Entry
from encoder.pipeline import encode_file
from encoder.registers import FILES, Registers, load_registers
from encoder.render import render_html, render_index
from encoder.resources import schema_path, xslt_path
from encoder.safexml import parse_xml, read_xml_bytes
from encoder.sidecar import sidecar_for
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
    skipped: bool = False  # unchanged since the last build: not built again

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


@dataclass(frozen=True)
class DocJob:
    """One document to build: everything ``build_document`` needs (picklable)."""

    source: Path
    folder: Path
    out: Path
    edition: Edition
    force: bool = False
    catch_bugs: bool = True


@dataclass
class DocDone:
    """What building one document gave: its outcome, index entry, register growth, sizes."""

    outcome: Outcome
    index: dict[str, str] | None = None
    grown: list[Entry] = field(default_factory=list)
    bytes_written: int = 0
    pages: int = 0


def build_document(job: DocJob, registers: Registers) -> DocDone:
    """Encode, validate and render one source over ``registers`` (not changed: it is layered).

    A plain function of its inputs, so any pool or distributed engine can call it.
    """
    layer = registers.child()
    outcome = Outcome(source=job.source)
    totals = [0, 0]
    try:
        entry = _build_one(job.source, job.folder, job.out, outcome, layer, job.edition, job.force, totals)
    except EncoderError as err:
        outcome.errors.append(err.describe())
        entry = None
    except Exception as err:  # noqa: BLE001 - one document's bug must not stop the others
        if not job.catch_bugs:
            raise
        outcome.errors.append(f"{job.source}: internal error: {type(err).__name__}: {err}\nhint: {_HINT_BUG}")
        entry = None
    return DocDone(outcome=outcome, index=entry, grown=layer.own_entries(),
                   bytes_written=totals[0], pages=totals[1])


_WORKER_REGISTERS: Registers | None = None


def _init_worker(registers: Registers) -> None:
    global _WORKER_REGISTERS
    _WORKER_REGISTERS = registers


def _work(job: DocJob) -> DocDone:
    assert _WORKER_REGISTERS is not None
    return build_document(job, _WORKER_REGISTERS)


def build_edition(folder: str | Path, out_dir: str | Path | None = None,
                  progress: Callable[[Iterator[Path], int], Iterator[Path]] | None = None, *,
                  force: bool = False, catch_bugs: bool = True, jobs: int | None = None,
                  incremental: bool = True) -> BuildReport:
    """Encode, validate and render every source; write TEI, registers and the site.

    A document that fails is reported and the others still build; what was
    written before stays intact (every file is written whole or not at all).
    A TEI file in ``tei/`` that was edited since it was generated (or that
    tei-encoder did not write) is kept as it is, reported with a warning, and
    its page is rendered from it; ``force=True`` replaces it. With
    ``catch_bugs`` an unexpected exception fails only its document.

    Every document is built over the registers as they were at the start, so
    the result does not depend on the order or on ``jobs`` (worker processes;
    default: all cores). With ``incremental``, a document whose inputs
    (source, sidecar, registers, settings, schemas, stylesheets, tool version)
    have not changed since the last build is not built again.
    """
    started = time.perf_counter()
    folder = Path(folder)
    out = Path(out_dir) if out_dir else folder.parent / "build" / "site"
    edition = load_edition(folder)
    registers = load_registers(folder / "registers")
    paths = sources(folder)
    manifest = Manifest.load(out) if incremental and not force else Manifest()
    common = _common_key(folder, registers)
    keys = {p: _doc_key(p, common) for p in paths}
    todo = [p for p in paths if not manifest.fresh(p, keys[p], folder, out)]
    done: dict[Path, DocDone] = {}
    jobs = jobs or _default_jobs(len(todo))
    tasks = [DocJob(p, folder, out, edition, force, catch_bugs) for p in todo]
    iterator: Iterator[Path] = iter(todo)
    if progress is not None:
        iterator = progress(iterator, len(todo))
    if jobs > 1 and len(tasks) > 1:
        # The first document is built here: that loads the schemas, stylesheets, gazetteer and word
        # lists once, and forked workers share them instead of loading them again.
        first = next(iterator)
        done[first] = build_document(tasks[0], registers)
        rest = tasks[1:]
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() \
            else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                 initargs=(registers,)) as pool:
            for path, result in zip(iterator, pool.map(_work, rest, chunksize=max(1, len(rest) // (jobs * 8)))):
                done[path] = result
    else:
        for path, task in zip(iterator, tasks):
            done[path] = build_document(task, registers)
    outcomes: list[Outcome] = []
    index: list[dict[str, str]] = []
    totals = [0, 0]
    for path in paths:
        if path not in done:  # unchanged since the last build
            outcomes.append(Outcome(source=path, tei=folder / "tei" / f"{path.stem}.xml",
                                    html=out / f"{path.stem}.html", skipped=True))
            index.append(manifest.index(path))
            continue
        result = done[path]
        outcomes.append(result.outcome)
        for entry in result.grown:  # in source order, so the registers do not depend on the schedule
            registers.merge(entry)
        totals[0] += result.bytes_written
        totals[1] += result.pages
        if result.index is not None:
            index.append(result.index)
            if result.outcome.ok and not result.outcome.kept:
                manifest.record(path, keys[path], result.index)
        else:
            manifest.forget(path)
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
    manifest.save(out)
    return BuildReport(outcomes=outcomes, seconds=time.perf_counter() - started, out_dir=out,
                       pages=totals[1] + 1, bytes_written=totals[0] + len(html), warnings=notes)


def _default_jobs(n: int) -> int:
    """All cores, when there is enough work to pay for starting the workers."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n // 8))


# ---------------------------------------------------------------- incremental builds

_MANIFEST = ".tei-encoder-build.json"


def _digest_files(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode() + b"\0")
        h.update(p.read_bytes() if p.is_file() else b"-")
    return h.hexdigest()


def _common_key(folder: Path, registers: Registers) -> str:
    """What every document depends on: the editors' registers, settings, schemas, stylesheets, the tool.

    Machine-made register entries are the build's own output, so they are left
    out: counting them would make every build rebuild everything, as each one
    adds entries. (``--all`` rebuilds with the latest of them.)
    """
    editors = hashlib.sha256()
    for entry in registers.entries():
        if not entry.machine:
            editors.update(f"{entry.id}\0{entry.xml or entry}\0".encode())
    parts = [
        encoder.__version__,
        editors.hexdigest(),
        _digest_files([folder / "edition.toml"]),
        _digest_files(schema_path("tei-encoder.xsd").parent.glob("*")),
        _digest_files(xslt_path("tei-to-html.xsl").parent.glob("*.xsl")),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _doc_key(path: Path, common: str) -> str:
    return hashlib.sha256((common + _digest_files([path, sidecar_for(path)])).encode()).hexdigest()


@dataclass
class Manifest:
    """What the last build made of each source: its input key and index entry (in the site folder)."""

    docs: dict[str, dict[str, object]] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        try:
            data = json.loads((out / _MANIFEST).read_text(encoding="utf-8"))
            return cls(docs=dict(data["docs"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()  # no manifest, or a damaged one: build everything

    def fresh(self, path: Path, key: str, folder: Path, out: Path) -> bool:
        """Whether the last build of ``path`` had the same inputs and its outputs are still there, unedited."""
        doc = self.docs.get(path.name)
        if not doc or doc.get("key") != key:
            return False
        tei = folder / "tei" / f"{path.stem}.xml"
        return (out / f"{path.stem}.html").is_file() and file_state(tei) == "generated"

    def index(self, path: Path) -> dict[str, str]:
        return dict(self.docs[path.name]["index"])  # type: ignore[arg-type]

    def record(self, path: Path, key: str, index: dict[str, str]) -> None:
        self.docs[path.name] = {"key": key, "index": index}

    def forget(self, path: Path) -> None:
        self.docs.pop(path.name, None)

    def save(self, out: Path) -> None:
        data = json.dumps({"docs": {k: self.docs[k] for k in sorted(self.docs)}}, ensure_ascii=False, indent=1)
        write_atomic(out / _MANIFEST, data.encode("utf-8"))


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
