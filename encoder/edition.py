"""The build stage: a whole edition folder -> TEI, validated, and a site.

An edition folder holds ``edition.toml`` (title, publisher, base URL,
licence), ``sources/`` (the texts, each with its sidecar if it has one),
``registers/`` (persons, places, organisations: the editors' master copy)
and ``tei/`` (the generated TEI, one file per source, kept with the sources
so that every change shows in review). The site goes to the output folder.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sqlite3
import sys
import time
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, overload

from lxml import etree

from encoder.errors import EncoderError, MetadataError, OutputError
from encoder.files import atomic_writer, sync_all, write_atomic
from encoder.fingerprint import check_overwrite, file_state, refusal
import encoder
from encoder.model import Edition, Entry
from encoder.pipeline import encode_file
from encoder.registers import FILES, Registers, RegisterStore, stream_xml
from encoder.publish import (BAG, FORMATS, bag_payload, document_files, document_names, edition_files,
                             file_kind, stale_files)
from encoder.deposit import write_bag
from encoder.site import DocFacts, Mention, document_facts
from encoder.resources import schema_path, xslt_path
from encoder.safexml import parse_xml, read_xml_bytes
from encoder.sidecar import sidecar_for
from encoder.tei import register_parts, serialize
from encoder.validate import validate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EDITION_KEYS = {"title", "publisher", "base_url", "licence", "licence_text", "published", "editor", "email"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    published = data.get("published", "")
    if published and not (_ISO_DAY.fullmatch(published) and _real_day(published)):
        raise MetadataError(f"published = {published!r} is not a date", origin=str(path),
                            hint='write the day this release is published as YYYY-MM-DD, e.g. published = "2026-11-25"')
    return Edition(**data)


def _real_day(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def sources(folder: str | Path) -> list[Path]:
    """The source texts of an edition, in a fixed order."""
    src = Path(folder) / "sources"
    return [src / name for name in _source_names(folder)]


def _source_names(folder: str | Path) -> list[str]:
    """The file names of ``sources()``, in the same order (small strings: an edition may have 100,000)."""
    src = Path(folder) / "sources"
    if not src.is_dir():
        raise EncoderError("no sources/ folder in the edition", origin=str(folder),
                           hint="put the texts to encode in EDITION/sources/ (ID.txt, with ID.meta.toml if any)")
    with os.scandir(src) as listing:
        found = sorted(e.name for e in listing if e.name.endswith(".txt") and e.is_file())
    taken = [name for name in found if name[:-4].lower() in RESERVED_STEMS]
    if taken:
        stem = taken[0][:-4]
        raise EncoderError(f"the source name {taken[0]} is taken by a page of the site "
                           f"({stem}.html or meta/{stem}.*)", origin=str(src / taken[0]),
                           hint="rename the source (and its .meta.toml); these names are the site's own: "
                                + ", ".join(sorted(RESERVED_STEMS)))
    return found


#: File names the site uses for its own pages and records: no source may have them.
RESERVED_STEMS = frozenset({"index", "edition", "persons", "places", "orgs", "search", "search-index", "cmif"})


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


class _Outcomes(Sequence[Outcome]):
    """Every source's outcome, in source order, holding little per source (an edition may have 100,000):
    an ``Outcome`` is kept only for a source with something to say (errors, warnings, a kept file);
    the others' are made when asked for."""

    def __init__(self, folder: Path, out: Path, names: list[str]) -> None:
        self._folder, self._out, self._names = folder, out, names
        self._built = bytearray(len(names))
        self._said: dict[int, Outcome] = {}

    def set(self, name: str, outcome: Outcome) -> None:
        """The outcome of a source built now."""
        i = bisect_left(self._names, name)
        if i == len(self._names) or self._names[i] != name:
            raise KeyError(name)
        self._built[i] = 1
        plain = self._plain(i, skipped=False)
        if outcome != plain:
            self._said[i] = outcome

    def _plain(self, i: int, *, skipped: bool) -> Outcome:
        name = self._names[i]
        stem = name[:-4] if name.endswith(".txt") else Path(name).stem
        return Outcome(source=self._folder / "sources" / name, tei=self._folder / "tei" / f"{stem}.xml",
                       html=self._out / f"{stem}.html", skipped=skipped)

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, i: int) -> Outcome: ...
    @overload
    def __getitem__(self, i: slice) -> list[Outcome]: ...

    def __getitem__(self, i: int | slice) -> Outcome | list[Outcome]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._said.get(i) or self._plain(i, skipped=not self._built[i])

    def said(self) -> list[Outcome]:
        """The outcomes with something to say, in source order."""
        return [self._said[i] for i in sorted(self._said)]


@dataclass
class BuildReport:
    outcomes: Sequence[Outcome]
    seconds: float
    out_dir: Path
    produced: dict[str, list[int]] = field(default_factory=dict)  # kind of file -> [files, bytes]
    warnings: list[str] = field(default_factory=list)  # about the edition as a whole (registers, deposit)

    def count(self, name: str, size: int) -> None:
        entry = self.produced.setdefault(file_kind(name), [0, 0])
        entry[0] += 1
        entry[1] += size

    @property
    def pages(self) -> int:
        return self.produced.get("HTML page", [0, 0])[0]

    @property
    def bytes_written(self) -> int:
        return sum(size for _, size in self.produced.values())

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self._said() if not o.ok]

    @property
    def kept(self) -> list[Outcome]:
        return [o for o in self._said() if o.kept]

    def _said(self) -> Sequence[Outcome]:
        return self.outcomes.said() if isinstance(self.outcomes, _Outcomes) else self.outcomes


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
    formats: tuple[str, ...] = FORMATS


@dataclass
class DocDone:
    """What building one document gave: its outcome, index entry, register growth, sizes."""

    outcome: Outcome
    index: dict[str, str] | None = None
    facts: DocFacts | None = None
    grown: list[Entry] = field(default_factory=list)
    written: list[tuple[str, int]] = field(default_factory=list)  # (file in the site, size)


def build_document(job: DocJob, registers: Registers) -> DocDone:
    """Encode, validate and render one source over ``registers`` (not changed: it is layered).

    A plain function of its inputs, so any pool or distributed engine can call it.
    """
    layer = registers.child()
    outcome = Outcome(source=job.source)
    written: list[tuple[str, int]] = []
    entry, facts = None, None
    try:
        published = _build_one(job, outcome, layer, written)
        if published is not None:
            entry, facts = published
    except EncoderError as err:
        outcome.errors.append(err.describe())
    except Exception as err:  # noqa: BLE001 - one document's bug must not stop the others
        if not job.catch_bugs:
            raise
        outcome.errors.append(f"{job.source}: internal error: {type(err).__name__}: {err}\nhint: {_HINT_BUG}")
    return DocDone(outcome=outcome, index=entry, facts=facts, grown=layer.own_entries(),
                   written=written)


_WORKER_REGISTERS: Registers | None = None


def _init_worker(registers: Registers) -> None:
    global _WORKER_REGISTERS
    _WORKER_REGISTERS = registers


def _work(job: DocJob) -> DocDone:
    assert _WORKER_REGISTERS is not None
    return build_document(job, _WORKER_REGISTERS)


def _work_chunk(jobs: list[DocJob]) -> list[DocDone]:
    return [_work(job) for job in jobs]


def build_edition(folder: str | Path, out_dir: str | Path | None = None,
                  progress: Callable[[Iterator[Path], int], Iterator[Path]] | None = None, *,
                  force: bool = False, catch_bugs: bool = True, jobs: int | None = None,
                  incremental: bool = True, formats: Iterable[str] = FORMATS) -> BuildReport:
    """Encode, validate and publish every source; write TEI, registers and the site.

    A document that fails is reported and the others still build; what was
    written before stays intact (every file is written whole or not at all).
    A TEI file in ``tei/`` that was edited since it was generated (or that
    tei-encoder did not write) is kept as it is, reported with a warning, and
    published from it; ``force=True`` replaces it. With ``catch_bugs`` an
    unexpected exception fails only its document.

    Every document is built over the registers as they were at the start, so
    the result does not depend on the order or on ``jobs`` (worker processes;
    default: all cores). With ``incremental``, a document whose inputs
    (source, sidecar, the editors' registers, settings, schemas, stylesheets,
    the tool's code) have not changed since the last build is not built again,
    and the pages that need every document are remade only when one changed.
    ``formats`` are the outputs besides TEI and HTML (``publish.FORMATS``:
    "pdf", "deposit"). Results are taken in one at a time, in source order,
    and only what the edition pages need is kept of each.

    Memory does not grow with the edition: the registers are kept on disk
    while the build runs (``RegisterStore``), the manifest of what was built
    is an SQLite file, each document's facts a file, and the pages that
    gather every document are made part by part from them.
    """
    started = time.perf_counter()
    folder = Path(folder)
    out = Path(out_dir) if out_dir else folder.parent / "build" / "site"
    formats = _formats(formats)
    edition = load_edition(folder)
    names = _source_names(folder)
    # a site this tool built before (by this version or an older one): only then are stale files removed
    ours = (out / _MANIFEST).is_file() or (out / _OLD_MANIFEST).is_file()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        reason = f"{out} is a file, not a folder" if isinstance(err, (FileExistsError, NotADirectoryError)) \
            else err.strerror or str(err)
        raise OutputError(f"cannot make the site's folder: {reason}", origin=str(out),
                          hint="give -o a folder that is writable (or that can be made)") from None
    with Manifest.load(out) as manifest, RegisterStore(out) as registers:  # the store: a dot folder in out
        return _build(folder, out, edition, names, manifest, registers, ours, progress, started,
                      force=force, catch_bugs=catch_bugs, jobs=jobs, incremental=incremental, formats=formats)


def _build(folder: Path, out: Path, edition: Edition, names: list[str], manifest: Manifest, registers: RegisterStore,
           ours: bool, progress: Callable[[Iterator[Path], int], Iterator[Path]] | None, started: float, *,
           force: bool, catch_bugs: bool, jobs: int | None, incremental: bool,
           formats: tuple[str, ...]) -> BuildReport:
    src = folder / "sources"
    # The register files are read (one entry at a time, into the store) only when the build needs them: a
    # re-build with nothing changed knows the editors' part of them from the last build, by their digest.
    files_digest = _digest_files((folder / "registers").glob("*.xml"))
    editors_digest = manifest.state("editors") if manifest.state("registers") == files_digest else ""
    loaded = False
    if not editors_digest:
        registers.load(folder / "registers")
        loaded = True
        editors_digest = _editors_digest(registers.editors())
    manifest.set_state("registers", files_digest)
    manifest.set_state("editors", editors_digest)
    common = _common_key(folder, editors_digest, formats)
    rebuild_all = not incremental or force
    doc_keys = hashlib.sha256()  # every document's inputs, in source order: part of the edition pages' key
    todo: list[str] = []
    for name in names:
        key = _doc_key(src / name, common)
        doc_keys.update(key.encode() + b"|")
        if rebuild_all or not manifest.fresh(src / name, key, folder, out):
            todo.append(name)
            manifest.pending(name, key)
    if todo:
        # The documents about to be rewritten are no longer vouched for: should the build stop half-way
        # (a crash, a power cut before the final sync), the next one builds them again.
        manifest.unvouch(todo)
        manifest.save(out)
        if not loaded:
            registers.load(folder / "registers")
            loaded = True
    report = BuildReport(outcomes=_Outcomes(folder, out, names), seconds=0.0, out_dir=out)
    assert isinstance(report.outcomes, _Outcomes)
    tasks = (DocJob(src / name, folder, out, edition, force, catch_bugs, formats) for name in todo)
    # Documents are built over the editors' entries as they were at the start (not over machine-made
    # ones: a document's TEI depends on its inputs alone, never on what was built before); what they
    # add is merged into the registers (on disk), in source order, whatever the schedule or the workers.
    editors = registers.editors() if todo else Registers()
    for path, result in _results(tasks, (src / name for name in todo), len(todo), editors,
                                 jobs or _default_jobs(len(todo)), progress):
        report.outcomes.set(path.name, result.outcome)
        for entry in result.grown:
            registers.merge(entry)
        for name, size in result.written:
            report.count(name, size)
        if result.index is not None and result.facts is not None:
            fresh = result.outcome.ok and not result.outcome.kept
            manifest.record(path, manifest.pending_key(path.name) if fresh else "", result.index, result.facts)
        elif manifest.has(path.name) and manifest.has_facts(path):
            pass  # failed now: the last good version stays published (unvouched: built again next time)
        else:
            manifest.forget(path)
    manifest.keep_only(names)
    if todo:  # nothing built, nothing grown: the register files stay as they are
        report.warnings.extend(_write_registers(folder, registers, edition, force))
    edition_key = _edition_key(common, doc_keys.hexdigest(), folder)
    if todo or manifest.state("edition") != edition_key or not (out / "index.html").is_file():
        if not loaded:
            registers.load(folder / "registers")
        _publish_edition(folder, out, edition, registers, manifest, formats, report, sweep=ours)
        manifest.set_state("edition", edition_key)
    sync_all()  # every page on the disk before the manifest says it was made
    manifest.save(out)
    report.seconds = time.perf_counter() - started
    return report


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(sorted(set(formats)))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise EncoderError(f"unknown output format {unknown[0]!r}", hint=f"known: {', '.join(FORMATS)}")
    return chosen


def _results(tasks: Iterable[DocJob], paths: Iterable[Path], count: int, registers: Registers, jobs: int,
             progress: Callable[[Iterator[Path], int], Iterator[Path]] | None) -> Iterator[tuple[Path, DocDone]]:
    """Build the documents (in worker processes when ``jobs`` > 1); yield each result in source order.

    ``tasks`` (and ``paths``, their sources, for ``progress``) are read as the workers need more:
    only the documents in flight are held, never the whole list.
    """
    tasks = iter(tasks)
    iterator: Iterator[Path] = iter(paths)
    if progress is not None:
        iterator = progress(iterator, count)
    if jobs <= 1 or count <= 1:
        for path, task in zip(iterator, tasks):
            yield path, build_document(task, registers)
        return
    # The first document is built here: that loads the schemas, stylesheets, gazetteer and word
    # lists once, and forked workers share them instead of loading them again.
    yield next(iterator), build_document(next(tasks), registers)
    size = max(1, min(32, (count - 1) // (jobs * 8)))
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(registers,)) as pool:
        flight: deque[Future[list[DocDone]]] = deque()

        def submit() -> None:
            chunk = list(islice(tasks, size))
            if chunk:
                flight.append(pool.submit(_work_chunk, chunk))

        for _ in range(jobs * 4):  # a few chunks ahead of each worker
            submit()
        while flight:
            results = flight.popleft().result()
            submit()
            for result in results:
                yield next(iterator), result
    for _ in iterator:  # (none left: lets the progress bar finish)
        pass


def _write_registers(folder: Path, registers: RegisterStore, edition: Edition, force: bool) -> list[str]:
    """Rewrite the register files with this build's entries, unless that would drop the editors' words.

    Each file is written from the store in id order, a batch of entries at a time, beside the old one,
    compared with it as both are read (an element at a time), and only then put in its place.
    """
    notes = []
    for kind, fname in FILES.items():
        path = folder / "registers" / fname
        with atomic_writer(path) as new:
            for part in register_parts(kind, registers.entries(kind), edition_title=edition.title):
                new.write(part)
            new.flush()
            lost = register_losses(path, new.temporary)
            listed = "; ".join(lost[:3]) + (f"; and {len(lost) - 3} more" if len(lost) > 3 else "")
            if lost and not force:
                notes.append(f"{path}: not updated: rewriting it would drop what the editors wrote there ("
                             + listed + f")\nhint: {_HINT_REGISTER}")
                new.discard()
            elif lost:  # --force: rewritten, but never without a word
                notes.append(f"{path}: rewritten (--force), dropping what the editors wrote there: {listed}"
                             "\nhint: the previous version is in your version control, if you keep the edition there")
    return notes


def _publish_edition(folder: Path, out: Path, edition: Edition, registers: RegisterStore, manifest: Manifest,
                     formats: tuple[str, ...], report: BuildReport, *, sweep: bool = True) -> None:
    """Write what needs every document: index, register pages, search, CMIF, edition PDF, the bag."""
    made: set[str] = set()

    def write(name: str, data: bytes) -> None:
        write_atomic(out / name, data, durable=False)
        report.count(name, len(data))
        made.add(name)

    def write_parts(name: str, parts: Iterable[bytes]) -> None:
        size = 0
        with atomic_writer(out / name, durable=False) as new:  # the site can be remade; synced at the end
            for part in parts:
                new.write(part)
                size += len(part)
        report.count(name, size)
        made.add(name)

    # Facts are read from their files one document at a time; the pages that grow with the edition (the
    # index, the registers, the search index) are written part by part as they are made.
    files = edition_files(out, edition, manifest.index_view(), (manifest.facts(n) for n in manifest.names()),
                          registers, folder / "registers", formats=formats, notes=report.warnings, write=write,
                          write_parts=write_parts)
    for name, data in files.items():
        write(name, data)
    # The site holds what this build vouches for, and nothing else: a removed or failed document's files,
    # or those of a format no longer made, go (and so never reach the bag).
    expected = _Published(made, manifest, edition, formats)
    for path in stale_files(out, expected) if sweep else ():  # never in a folder the tool did not build
        path.unlink()
    if "deposit" in formats and edition.published and len(manifest):
        payload = bag_payload(out, expected.names())
        write_bag(out / BAG, payload, bagging_date=datetime.date.fromisoformat(edition.published),
                  info={"Source-Organization": edition.publisher, "External-Description": edition.title})
        report.produced["deposit bag"] = [len(payload), sum(p.stat().st_size for p in payload.values())]
    elif (out / BAG).is_dir():
        shutil.rmtree(out / BAG)  # not made this time: an old bag would deposit what the site no longer says


# The files document_files makes, by the end of their names: what a document's stem is cut from.
_DOC_SUFFIXES = (".oai_dc.xml", ".csl.json", ".datacite.xml", ".html", ".xml", ".pdf")


class _Published(Container[str]):
    """The files of the site this build vouches for: the edition's own (``made``) and each published
    document's, asked of the manifest file by file instead of listed (an edition may have 100,000)."""

    def __init__(self, made: set[str], manifest: Manifest, edition: Edition, formats: tuple[str, ...]) -> None:
        self._made, self._manifest, self._edition, self._formats = made, manifest, edition, formats

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name in self._made:
            return True
        base = name.rsplit("/", 1)[-1]
        return any(self._manifest.has(base[:-len(suffix)] + ".txt")
                   and name in document_names(base[:-len(suffix)], self._edition, self._formats)
                   for suffix in _DOC_SUFFIXES if base.endswith(suffix))

    def names(self) -> Iterator[str]:
        yield from self._made
        for source in self._manifest.names():
            yield from document_names(Path(source).stem, self._edition, self._formats)


def _default_jobs(n: int) -> int:
    """All cores, when there is enough work to pay for starting the workers."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n // 8))


# ---------------------------------------------------------------- incremental builds

_MANIFEST = ".tei-encoder-build.sqlite3"
_OLD_MANIFEST = ".tei-encoder-build.json"  # an older version's manifest: its site is ours, its documents built again
_FACTS = ".tei-encoder-facts"  # one file per document: what the edition's pages need of it


def _digest_files(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode() + b"\0")
        if p.is_file():
            with open(p, "rb") as fh:  # a register of a large edition is read a piece at a time
                for piece in iter(lambda: fh.read(1 << 20), b""):
                    h.update(piece)
        else:
            h.update(b"-")
    return h.hexdigest()


def _editors_digest(registers: Registers) -> str:
    """The editors' entries (machine-made ones are left out: see ``_common_key``)."""
    editors = hashlib.sha256()
    for entry in registers.entries():
        if not entry.machine:
            editors.update(f"{entry.id}\0{entry.xml or entry}\0".encode())
    return editors.hexdigest()


def _common_key(folder: Path, editors: str, formats: tuple[str, ...] = FORMATS) -> str:
    """What every document depends on: the editors' registers (``_editors_digest``), settings, schemas,
    stylesheets, the tool.

    Machine-made register entries are the build's own output, so they are left
    out: counting them would make every build rebuild everything, as each one
    adds entries. (``--all`` rebuilds with the latest of them.)
    """
    parts = [
        encoder.__version__,
        _code_digest(),
        ",".join(formats),
        editors,
        _digest_files([folder / "edition.toml"]),
        _digest_files(schema_path("tei-encoder.xsd").parent.glob("*")),
        _digest_files(xslt_path("tei-to-html.xsl").parent.glob("*.xsl")),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@functools.cache
def _code_digest() -> str:
    """The tool's own code and data: a change to any of them rebuilds everything, not only a new version."""
    package = Path(encoder.__file__).parent
    return _digest_files(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _edition_key(common: str, doc_keys: str, folder: Path) -> str:
    """What the pages that need every document depend on: every document's inputs (``doc_keys``, their
    digest in source order) and the registers."""
    registers = _digest_files((folder / "registers").glob("*.xml"))
    return hashlib.sha256("|".join([common, registers, doc_keys]).encode()).hexdigest()


def _doc_key(path: Path, common: str) -> str:
    return hashlib.sha256((common + _digest_files([path, sidecar_for(path)])).encode()).hexdigest()


_MANIFEST_FORMAT = "1"


class Manifest:
    """What the last build made of each source (input key, index entry), in an SQLite file in the site folder.

    A document's key is "" when it must be built again whatever happens (its
    TEI was edited by hand and kept, or it is being rebuilt). ``state`` keys
    the pages that need every document (and remembers the registers' digest).
    What those pages need of each document (its ``DocFacts``: names and
    words) is kept in a file of its own beside the manifest, written as the
    document comes in and read back only when those pages are made. Nothing
    is held in memory per document: the index is read from the file in the
    order a page needs, and a build's changes become the manifest at once,
    when ``save`` commits them (after the site is on the disk).
    """

    def __init__(self, out: Path, db: sqlite3.Connection, *, new: bool = False) -> None:
        self.out, self.db = out, db
        self._new, self._saved = new, False  # a manifest never saved is no manifest: the folder is not ours

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest of the site in ``out`` (an empty one when there is none, or it is damaged)."""
        out.mkdir(parents=True, exist_ok=True)
        path = out / _MANIFEST
        new = not path.exists()
        for attempt in range(2):
            db = sqlite3.connect(path)
            try:
                db.executescript(
                    "CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS doc (name TEXT PRIMARY KEY, key TEXT NOT NULL, date TEXT NOT NULL,"
                    "  title TEXT NOT NULL, href TEXT NOT NULL, fields TEXT NOT NULL) WITHOUT ROWID;"
                    "CREATE TEMP TABLE pending (name TEXT PRIMARY KEY, key TEXT NOT NULL) WITHOUT ROWID;")
                row = db.execute("SELECT value FROM state WHERE name = 'format'").fetchone()
                if row is None and db.execute("SELECT COUNT(*) FROM doc").fetchone()[0] == 0:
                    db.execute("INSERT OR REPLACE INTO state VALUES ('format', ?)", (_MANIFEST_FORMAT,))
                    db.commit()
                elif row is None or row[0] != _MANIFEST_FORMAT:
                    raise sqlite3.DatabaseError("another version's manifest")
                return cls(out, db, new=new)
            except sqlite3.DatabaseError:
                db.close()
                if attempt:
                    raise
                # damaged, or another version's: build everything (as with no manifest)
                for stale in (path, path.with_name(path.name + "-journal")):
                    stale.unlink(missing_ok=True)
                new = True
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.db.close()
        if self._new and not self._saved:
            for made in (self.out / _MANIFEST, self.out / (_MANIFEST + "-journal")):
                made.unlink(missing_ok=True)

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # what was not saved is not vouched for

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM doc").fetchone()[0])

    def state(self, name: str) -> str:
        row = self.db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else ""

    def set_state(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (name, value))

    @property
    def edition(self) -> str:
        """The key of the pages that need every document, as the last build made them."""
        return self.state("edition")

    def _facts_path(self, name: str) -> Path:
        return self.out / _FACTS / f"{Path(name).stem}.json"

    def fresh(self, path: Path, key: str, folder: Path, out: Path) -> bool:
        """Whether the last build of ``path`` had the same inputs and its outputs are still there, unedited."""
        row = self.db.execute("SELECT key FROM doc WHERE name = ?", (path.name,)).fetchone()
        if not row or not row[0] or row[0] != key:
            return False
        tei = folder / "tei" / f"{path.stem}.xml"
        return _nonempty(out / f"{path.stem}.html") and _nonempty(self._facts_path(path.name)) \
            and file_state(tei) == "generated"

    def pending(self, name: str, key: str) -> None:
        """Remember the key of a source about to be built (until the build ends)."""
        self.db.execute("INSERT OR REPLACE INTO pending VALUES (?, ?)", (name, key))

    def pending_key(self, name: str) -> str:
        row = self.db.execute("SELECT key FROM pending WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else ""

    def unvouch(self, names: Iterable[str]) -> None:
        """The sources about to be built are no longer vouched for (their last good version stays listed)."""
        self.db.executemany("UPDATE doc SET key = '' WHERE name = ?", ((n,) for n in names))

    def has(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM doc WHERE name = ?", (name,)).fetchone() is not None

    def has_facts(self, path: Path) -> bool:
        return _nonempty(self._facts_path(path.name))

    def names(self) -> Iterator[str]:
        """The sources the manifest lists, in source order (read a batch at a time)."""
        last = ""
        while True:
            rows = self.db.execute("SELECT name FROM doc WHERE name > ? ORDER BY name LIMIT 1000", (last,)).fetchall()
            if not rows:
                return
            for (name,) in rows:
                yield name
            last = rows[-1][0]

    def index(self, path: Path | str) -> dict[str, str]:
        row = self.db.execute("SELECT fields FROM doc WHERE name = ?", (Path(path).name,)).fetchone()
        if row is None:
            raise KeyError(str(path))
        return dict(json.loads(row[0]))

    def index_view(self) -> IndexView:
        return IndexView(self.db)

    def facts(self, path: Path | str) -> DocFacts:
        return _facts_from_json(json.loads(self._facts_path(Path(path).name).read_text(encoding="utf-8")))

    def record(self, path: Path, key: str, index: dict[str, str], facts: DocFacts) -> None:
        data = json.dumps(dataclasses.asdict(facts), ensure_ascii=False, separators=(",", ":"))
        write_atomic(self._facts_path(path.name), data.encode("utf-8"), durable=False)
        self.db.execute("INSERT OR REPLACE INTO doc VALUES (?, ?, ?, ?, ?, ?)",
                        (path.name, key, index.get("date") or "", index.get("title") or "", index.get("href") or "",
                         json.dumps(index, ensure_ascii=False, separators=(",", ":"))))

    def forget(self, path: Path) -> None:
        self.db.execute("DELETE FROM doc WHERE name = ?", (path.name,))
        self._facts_path(path.name).unlink(missing_ok=True)

    def keep_only(self, names: Iterable[str]) -> None:
        """Forget sources that are no longer in the edition."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS present (name TEXT PRIMARY KEY) WITHOUT ROWID")
        self.db.execute("DELETE FROM present")
        self.db.executemany("INSERT OR IGNORE INTO present VALUES (?)", ((n,) for n in names))
        gone = [n for (n,) in self.db.execute("SELECT name FROM doc WHERE name NOT IN (SELECT name FROM present)")]
        for name in gone:
            self.forget(Path(name))
        self.db.execute("DELETE FROM present")

    def save(self, out: Path) -> None:
        """Make what was recorded the manifest (one commit: written whole, or not at all)."""
        self.db.commit()
        self._saved = True
        (out / _OLD_MANIFEST).unlink(missing_ok=True)


class IndexView:
    """The index entries of the documents a manifest lists, read from it in the order a page needs."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM doc").fetchone()[0])

    def _rows(self, order: str) -> Iterator[dict[str, str]]:
        # one query, read a batch of rows at a time (the manifest is not written while the pages are made)
        rows = self._db.execute(f"SELECT fields FROM doc ORDER BY {order}")
        while batch := rows.fetchmany(1000):
            for (fields,) in batch:
                yield dict(json.loads(fields))

    def by_date(self) -> Iterator[dict[str, str]]:
        """By date (undated first), then title, then source."""
        return self._rows("date, title, name")

    def for_page(self) -> Iterator[dict[str, str]]:
        """As the index page lists them (index.xsl): by date (undated last), then title, then page."""
        return self._rows("date = '', date, title, href")

    def years(self) -> tuple[str, str] | None:
        """The years of the first and the last dated document."""
        row = self._db.execute("SELECT MIN(date), MAX(date) FROM doc WHERE date != ''").fetchone()
        return (row[0][:4], row[1][:4]) if row and row[0] is not None else None


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _facts_from_json(data: dict[str, Any]) -> DocFacts:
    fields = dict(data)
    fields["mentions"] = tuple(Mention(**m) for m in fields.get("mentions", ()))
    fields["words"] = tuple(fields.get("words", ()))
    return DocFacts(**fields)


_HINT_REGISTER = ("keep such notes inside entries you own (remove resp=\"#resp_enc\" from an entry you reviewed), "
                  "not in comments, the header or machine-made entries; "
                  "to rewrite the register anyway, rerun with --force")


def register_losses(path: Path, new: bytes | Path) -> list[str]:
    """What of the register file at ``path`` the new content (bytes, or a file) would drop: texts and
    comments, in words.

    A register is the editors' master copy, rewritten by every build with the
    entries it found; anything the rewrite cannot carry (a comment, an edited
    header, a note in a machine-made entry) would be lost without a word.
    Both are read one element at a time: a register may be larger than memory allows.
    """
    if not path.exists():
        return []  # no file yet: nothing to lose
    old_items, new_items = _texts(path), _texts(new)
    return [f"{kind} “{text[:60]}”" for kind, text in sorted(old_items - new_items)]


_MACHINE_FIELDS = frozenset({"persName", "placeName", "orgName", "location", "idno"})
_TITLE_PATH = ("titleStmt", "fileDesc", "teiHeader")


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _generated(node: etree._Element) -> bool:
    """Whether a node is the build's own output: the register's title (made from edition.toml), or a
    machine-made entry's own fields (names, place, authority id, and all within them), which the next
    build may correct; a note or comment an editor put in such an entry is not."""
    if _local(node) == "title":
        up = [_local(a) for a in node.iterancestors()]
        if len(up) == 4 and tuple(up[:3]) == _TITLE_PATH:
            return True
    for field_ in (node, *node.iterancestors()):
        entry = field_.getparent()
        if entry is None or entry.getparent() is None:  # the root is no entry
            return False
        if _local(field_) in _MACHINE_FIELDS and entry.get("resp") == "#resp_enc":
            return True
    return False


def _texts(source: bytes | Path) -> set[tuple[str, str]]:
    """The texts, comments and processing instructions of a register (what the editors may have written),
    read one element at a time; an empty set when it cannot be read."""
    found: set[tuple[str, str]] = set()

    def take(node: etree._Element) -> None:
        # a node inside an element, with its tail, once both are read in full
        if _generated(node):
            return
        if isinstance(node, etree._Comment):
            found.add(("comment", " ".join((node.text or "").split())))
        elif isinstance(node, etree._ProcessingInstruction):
            found.add(("processing instruction", f"{node.target} {node.text or ''}".strip()))
        if (node.tail or "").strip():
            found.add(("text", " ".join(node.tail.split())))

    try:
        for el in stream_xml(source, collect_ids=False):
            if (el.text or "").strip() and not _generated(el):
                found.add(("text", " ".join(el.text.split())))
            for child in el:  # read in full now
                take(child)
            del el[:]
            parent = el.getparent()
            if parent is not None:
                # what came before this element in its parent is read in full too (tails included): drop it
                while (before := el.getprevious()) is not None:
                    take(before)
                    parent.remove(before)
    except EncoderError:
        return set()
    return found


def _build_one(job: DocJob, outcome: Outcome, registers: Registers,
               written: list[tuple[str, int]]) -> tuple[dict[str, str], DocFacts] | None:
    """Build one document; its index entry and facts, or None when it failed (the reason is in ``outcome``)."""
    path = job.source
    tei_path = job.folder / "tei" / f"{path.stem}.xml"
    if not job.force and file_state(tei_path) == "edited":
        # Hand corrections win: not even re-encoded, so a source that no longer encodes cannot hide them.
        return _keep(job, tei_path, "edited", outcome, registers, written)
    result = encode_file(path, registers=registers, edition=job.edition)
    outcome.warnings.extend(result.warnings)
    report = validate(result.tree, origin=f"{path.stem}.xml")
    outcome.warnings.extend(i for i in report.lines() if ": warning:" in i)
    if not report.ok:
        outcome.errors.extend(i for i in report.lines() if ": warning:" not in i)
        return None
    data = serialize(result.tree, fingerprint=True)
    found = None if job.force else check_overwrite(tei_path, data)
    if found is not None:
        return _keep(job, tei_path, found, outcome, registers, written)
    # Not flushed one by one: the build syncs once at the end, before its manifest records the file.
    # (After a power cut before that, the document is built again; an empty file left behind is replaced.)
    write_atomic(tei_path, data, durable=False)
    return _publish(job, result.tree, data, outcome, registers, written, tei_path, _index_fields(result.tree))


def _keep(job: DocJob, tei_path: Path, found: str, outcome: Outcome, registers: Registers,
          written: list[tuple[str, int]]) -> tuple[dict[str, str], DocFacts] | None:
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
    return _publish(job, tree, data, outcome, registers, written, tei_path, _index_fields(tree))


def _publish(job: DocJob, tree: etree._ElementTree, data: bytes, outcome: Outcome, registers: Registers,
             written: list[tuple[str, int]], tei_path: Path, fields: dict[str, str]) -> tuple[dict[str, str], DocFacts]:
    """Write the document's files into the site; its index entry and the facts the edition pages need."""
    stem = job.source.stem
    files = document_files(tree, data, stem, job.edition, registers_dir=job.folder / "registers",
                           formats=job.formats, registers=registers)
    for name, content in files.items():
        write_atomic(job.out / name, content, durable=False)  # the site can be remade; synced at the end
        written.append((name, len(content)))
    outcome.tei, outcome.html = tei_path, job.out / f"{stem}.html"
    return {"href": f"{stem}.html", **fields}, document_facts(tree, stem)


_NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _index_fields(tree: etree._ElementTree) -> dict[str, str]:
    """What the index lists of a document, read from its header: title, date, kind, sender, recipients, summary."""
    def first(xpath: str) -> str:
        found = tree.xpath(xpath, namespaces=_NS)
        if not found:
            return ""
        hit = found[0]
        text = hit if isinstance(hit, str) else "".join(hit.itertext())
        return " ".join(str(text).split())

    def names(action: str) -> str:
        """Sender or recipients, in the register's standard form ("Stalin", not the telegram's "STALIN")."""
        found = tree.xpath(f"/t:TEI/t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction[@type='{action}']"
                           "/*[self::t:persName or self::t:orgName]", namespaces=_NS)
        out = []
        for n in found:
            reg = tree.xpath("//t:standOff//*[@xml:id = $id]/*[@type = 'reg']", namespaces=_NS,
                             id=(n.get("ref") or "").removeprefix("#"))
            out.append(" ".join("".join((reg[0] if reg else n).itertext()).split()))
        return ", ".join(out)

    root = tree.getroot()
    kind = first("/t:TEI/t:teiHeader/t:profileDesc/t:textClass/t:catRef/@target").lstrip("#")
    return {
        "title": first("/t:TEI/t:teiHeader/t:fileDesc/t:titleStmt/t:title[1]") or "Untitled document",
        "date": first("/t:TEI/t:teiHeader/t:profileDesc/t:creation/t:date/@when"),
        "type": first(f"//t:taxonomy/t:category[@xml:id = '{kind}']/t:catDesc") if kind and "'" not in kind else "",
        "from": names("sent"),
        "to": names("received"),
        "summary": first("/t:TEI/t:teiHeader/t:profileDesc/t:abstract"),
        "id": root.get("{http://www.w3.org/XML/1998/namespace}id") or "",
    }
