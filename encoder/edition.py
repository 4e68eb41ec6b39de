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
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from encoder.errors import EncoderError, MetadataError
from encoder.files import sync_all, write_atomic
from encoder.fingerprint import check_overwrite, file_state, refusal
import encoder
from encoder.model import Edition, Entry
from encoder.pipeline import encode_file
from encoder.registers import FILES, Registers, load_registers
from encoder.publish import (BAG, FORMATS, bag_payload, document_files, document_names, edition_files,
                             file_kind, stale_files)
from encoder.deposit import write_bag
from encoder.site import DocFacts, Mention, document_facts
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
    if not src.is_dir():
        raise EncoderError("no sources/ folder in the edition", origin=str(folder),
                           hint="put the texts to encode in EDITION/sources/ (ID.txt, with ID.meta.toml if any)")
    found = sorted(p for p in src.glob("*.txt") if p.is_file())
    taken = [p for p in found if p.stem.lower() in RESERVED_STEMS]
    if taken:
        raise EncoderError(f"the source name {taken[0].name} is taken by a page of the site "
                           f"({taken[0].stem}.html or meta/{taken[0].stem}.*)", origin=str(taken[0]),
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


@dataclass
class BuildReport:
    outcomes: list[Outcome]
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
    """
    started = time.perf_counter()
    folder = Path(folder)
    out = Path(out_dir) if out_dir else folder.parent / "build" / "site"
    formats = _formats(formats)
    edition = load_edition(folder)
    registers = load_registers(folder / "registers")
    paths = sources(folder)
    manifest = Manifest.load(out)  # also for --all: what it published stays until a new version replaces it
    ours = (out / _MANIFEST).is_file()  # a site this tool built before: only then are stale files removed
    common = _common_key(folder, registers, formats)
    keys = {p: _doc_key(p, common) for p in paths}
    rebuild_all = not incremental or force
    todo = [p for p in paths if rebuild_all or not manifest.fresh(p, keys[p], folder, out)]
    tasks = [DocJob(p, folder, out, edition, force, catch_bugs, formats) for p in todo]
    previous = {p.name: manifest.docs.pop(p.name) for p in todo if p.name in manifest.docs}
    if todo:
        # The documents about to be rewritten are no longer vouched for: should the build stop half-way
        # (a crash, a power cut before the final sync), the next one builds them again.
        manifest.save(out)
    report = BuildReport(outcomes=[], seconds=0.0, out_dir=out)
    built: dict[Path, Outcome] = {}
    # Documents are built over the editors' entries as they were at the start (not over machine-made
    # ones: a document's TEI depends on its inputs alone, never on what was built before); what they
    # add goes to a layer above the registers, in source order, whatever the schedule or the workers.
    grown = registers.child()
    for path, result in _results(tasks, registers.editors(), jobs or _default_jobs(len(todo)), progress):
        built[path] = result.outcome
        for entry in result.grown:
            grown.merge(entry)
        for name, size in result.written:
            report.count(name, size)
        if result.index is not None and result.facts is not None:
            fresh = result.outcome.ok and not result.outcome.kept
            manifest.record(path, keys[path] if fresh else "", result.index, result.facts)
        elif path.name in previous and manifest.has_facts(path):
            # Failed now: the last good version stays published (and is built again next time).
            manifest.docs[path.name] = {**previous[path.name], "key": ""}
        else:
            manifest.forget(path)
    for path in paths:
        report.outcomes.append(built.get(path) or Outcome(
            source=path, tei=folder / "tei" / f"{path.stem}.xml", html=out / f"{path.stem}.html", skipped=True))
    manifest.keep_only(paths)
    if built:  # nothing built, nothing grown: the register files stay as they are
        report.warnings.extend(_write_registers(folder, grown, edition, force))
    edition_key = _edition_key(common, [keys[p] for p in paths], folder)
    if built or manifest.edition != edition_key or not (out / "index.html").is_file():
        _publish_edition(folder, out, edition, grown, manifest, paths, formats, report, sweep=ours)
        manifest.edition = edition_key
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


def _results(tasks: list[DocJob], registers: Registers, jobs: int,
             progress: Callable[[Iterator[Path], int], Iterator[Path]] | None) -> Iterator[tuple[Path, DocDone]]:
    """Build the documents (in worker processes when ``jobs`` > 1); yield each result in source order."""
    iterator: Iterator[Path] = iter([t.source for t in tasks])
    if progress is not None:
        iterator = progress(iterator, len(tasks))
    if jobs <= 1 or len(tasks) <= 1:
        for path, task in zip(iterator, tasks):
            yield path, build_document(task, registers)
        return
    # The first document is built here: that loads the schemas, stylesheets, gazetteer and word
    # lists once, and forked workers share them instead of loading them again.
    yield next(iterator), build_document(tasks[0], registers)
    rest = tasks[1:]
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(registers,)) as pool:
        yield from zip(iterator, pool.map(_work, rest, chunksize=max(1, min(32, len(rest) // (jobs * 8)))))


def _write_registers(folder: Path, registers: Registers, edition: Edition, force: bool) -> list[str]:
    """Rewrite the register files with this build's entries, unless that would drop the editors' words."""
    notes = []
    for kind, fname in FILES.items():
        data = serialize(register_tree(kind, registers.entries(), edition_title=edition.title))
        path = folder / "registers" / fname
        lost = register_losses(path, data)
        listed = "; ".join(lost[:3]) + (f"; and {len(lost) - 3} more" if len(lost) > 3 else "")
        if lost and not force:
            notes.append(f"{path}: not updated: rewriting it would drop what the editors wrote there ("
                         + listed + f")\nhint: {_HINT_REGISTER}")
            continue
        if lost:  # --force: rewritten, but never without a word
            notes.append(f"{path}: rewritten (--force), dropping what the editors wrote there: {listed}"
                         "\nhint: the previous version is in your version control, if you keep the edition there")
        write_atomic(path, data)
    return notes


def _publish_edition(folder: Path, out: Path, edition: Edition, registers: Registers, manifest: Manifest,
                     paths: list[Path], formats: tuple[str, ...], report: BuildReport, *, sweep: bool = True) -> None:
    """Write what needs every document: index, register pages, search, CMIF, edition PDF, the bag."""
    published = [p for p in paths if p.name in manifest.docs]
    made: set[str] = set()

    def write(name: str, data: bytes) -> None:
        write_atomic(out / name, data, durable=False)
        report.count(name, len(data))
        made.add(name)

    # Facts are read from their files one document at a time; the large pages are written as they are made.
    files = edition_files(out, edition, [manifest.index(p) for p in published],
                          (manifest.facts(p) for p in published), registers, folder / "registers",
                          formats=formats, notes=report.warnings, write=write)
    for name, data in files.items():
        write(name, data)
    # The site holds what this build vouches for, and nothing else: a removed or failed document's files,
    # or those of a format no longer made, go (and so never reach the bag).
    expected = made | {n for p in published for n in document_names(p.stem, edition, formats)}
    for path in stale_files(out, expected) if sweep else ():  # never in a folder the tool did not build
        path.unlink()
    if "deposit" in formats and edition.published and published:
        payload = bag_payload(out, expected)
        write_bag(out / BAG, payload, bagging_date=datetime.date.fromisoformat(edition.published),
                  info={"Source-Organization": edition.publisher, "External-Description": edition.title})
        report.produced["deposit bag"] = [len(payload), sum(p.stat().st_size for p in payload.values())]
    elif (out / BAG).is_dir():
        shutil.rmtree(out / BAG)  # not made this time: an old bag would deposit what the site no longer says


def _default_jobs(n: int) -> int:
    """All cores, when there is enough work to pay for starting the workers."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n // 8))


# ---------------------------------------------------------------- incremental builds

_MANIFEST = ".tei-encoder-build.json"
_FACTS = ".tei-encoder-facts"  # one file per document: what the edition's pages need of it


def _digest_files(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode() + b"\0")
        h.update(p.read_bytes() if p.is_file() else b"-")
    return h.hexdigest()


def _common_key(folder: Path, registers: Registers, formats: tuple[str, ...] = FORMATS) -> str:
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
        _code_digest(),
        ",".join(formats),
        editors.hexdigest(),
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


def _edition_key(common: str, doc_keys: list[str], folder: Path) -> str:
    """What the pages that need every document depend on: every document's inputs and the registers."""
    registers = _digest_files((folder / "registers").glob("*.xml"))
    return hashlib.sha256("|".join([common, registers, *doc_keys]).encode()).hexdigest()


def _doc_key(path: Path, common: str) -> str:
    return hashlib.sha256((common + _digest_files([path, sidecar_for(path)])).encode()).hexdigest()


@dataclass
class Manifest:
    """What the last build made of each source (input key, index entry), in the site folder.

    A document's key is "" when it must be built again whatever happens (its
    TEI was edited by hand and kept). ``edition`` keys the pages that need
    every document. What those pages need of each document (its ``DocFacts``:
    names and words) is kept in a file of its own beside the manifest, written
    as the document comes in and read back only when those pages are made, so
    that a build holds no more than the index in memory however large the edition.
    """

    out: Path
    docs: dict[str, dict[str, object]] = field(default_factory=dict)
    edition: str = ""

    @classmethod
    def load(cls, out: Path) -> Manifest:
        try:
            data = json.loads((out / _MANIFEST).read_text(encoding="utf-8"))
            docs = {name: {"key": str(doc["key"]), "index": dict(doc["index"])} for name, doc in data["docs"].items()}
            return cls(out=out, docs=docs, edition=str(data.get("edition", "")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(out=out)  # no manifest, or a damaged one (or an older build's): build everything

    def _facts_path(self, name: str) -> Path:
        return self.out / _FACTS / f"{Path(name).stem}.json"

    def fresh(self, path: Path, key: str, folder: Path, out: Path) -> bool:
        """Whether the last build of ``path`` had the same inputs and its outputs are still there, unedited."""
        doc = self.docs.get(path.name)
        if not doc or not doc.get("key") or doc.get("key") != key:
            return False
        tei = folder / "tei" / f"{path.stem}.xml"
        return _nonempty(out / f"{path.stem}.html") and _nonempty(self._facts_path(path.name)) \
            and file_state(tei) == "generated"

    def has_facts(self, path: Path) -> bool:
        return _nonempty(self._facts_path(path.name))

    def index(self, path: Path) -> dict[str, str]:
        return dict(self.docs[path.name]["index"])  # type: ignore[arg-type]

    def facts(self, path: Path) -> DocFacts:
        return _facts_from_json(json.loads(self._facts_path(path.name).read_text(encoding="utf-8")))

    def record(self, path: Path, key: str, index: dict[str, str], facts: DocFacts) -> None:
        data = json.dumps(dataclasses.asdict(facts), ensure_ascii=False, separators=(",", ":"))
        write_atomic(self._facts_path(path.name), data.encode("utf-8"), durable=False)
        self.docs[path.name] = {"key": key, "index": index}

    def forget(self, path: Path) -> None:
        self.docs.pop(path.name, None)
        self._facts_path(path.name).unlink(missing_ok=True)

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget sources that are no longer in the edition."""
        names = {p.name for p in paths}
        for name in [n for n in self.docs if n not in names]:
            self.forget(Path(name))

    def save(self, out: Path) -> None:
        data = json.dumps({"edition": self.edition, "docs": {k: self.docs[k] for k in sorted(self.docs)}},
                          ensure_ascii=False, separators=(",", ":"))
        write_atomic(out / _MANIFEST, data.encode("utf-8"))


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


_MACHINE_FIELDS = frozenset({"persName", "placeName", "orgName", "location", "idno"})


def _texts(data: bytes) -> set[tuple[str, str]]:
    try:
        root = parse_xml(data, collect_ids=False).getroot()
    except EncoderError:
        return set()
    found: set[tuple[str, str]] = set()
    # The register's title is made from edition.toml: a new edition title is no loss.
    generated = set(root.iterfind("{*}teiHeader/{*}fileDesc/{*}titleStmt/{*}title"))
    # What a machine-made entry's own fields say is the build's output, which the next build may correct
    # (names, place, authority id); a note or comment an editor put there is not, and is kept.
    for entry in root.iterfind(".//*[@resp='#resp_enc']"):
        for child in entry:
            if isinstance(child.tag, str) and etree.QName(child).localname in _MACHINE_FIELDS:
                generated.update(child.iter())
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
