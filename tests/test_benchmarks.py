"""The benchmark tools work: the corpus generator and the throughput benchmark (no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from encoder.pipeline import encode_file
from encoder.validate import validate

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

N = 20


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(out, N, seed=3)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_corpus_is_deterministic_for_a_seed(small_corpus: Path, tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "again", N, seed=3)
    assert _files(tmp_path / "again") == _files(small_corpus)


def test_corpus_prefix_does_not_depend_on_its_size(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "five", 5, seed=3)
    corpus.write_corpus(tmp_path / "ten", 10, seed=3)
    five = {k: v for k, v in _files(tmp_path / "five").items() if k != "MANIFEST.tsv"}
    ten = _files(tmp_path / "ten")
    assert all(ten[name] == data for name, data in five.items())


def test_another_seed_gives_another_corpus(small_corpus: Path, tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "other", N, seed=4)
    assert _files(tmp_path / "other") != _files(small_corpus)


def test_corpus_command_line_gives_the_same_documents(tmp_path: Path) -> None:
    # another process, another hash seed: the same bytes
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(BENCH / "corpus.py"), str(tmp_path / "cli"), "-n", "7", "--seed", "2"],
                   check=True, capture_output=True, env=env)
    corpus.write_corpus(tmp_path / "here", 7, seed=2)
    assert len(list((tmp_path / "cli").glob("*.txt"))) == 7
    assert _files(tmp_path / "cli") == _files(tmp_path / "here")


def test_corpus_covers_every_form() -> None:
    # the forms are drawn at random; 200 documents hold each of them
    forms = {doc.form for doc in corpus.generate(200, seed=1)}
    assert forms == {*corpus.FORMS, "sidecar"}


def test_sidecar_documents_have_their_metadata(small_corpus: Path) -> None:
    for txt in small_corpus.glob("*-sidecar.txt"):
        assert txt.with_name(txt.stem + ".meta.toml").exists()


@pytest.mark.parametrize("index", range(N), ids=lambda i: f"doc{i}")
def test_generated_documents_encode_and_validate(small_corpus: Path, index: int) -> None:
    path = sorted(small_corpus.glob("*.txt"))[index]
    result = encode_file(path)
    report = validate(result.tree, origin=path.name)
    assert report.ok, "\n".join(report.lines())


def test_throughput_runs_end_to_end_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "corpus", 5, seed=1)
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "throughput.py"), str(tmp_path / "corpus"), "-n", "5", "--runs", "1",
         "--jobs", "2", "--json", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for heading in ("encode", "validate", "render", "end to end", "floor", "XSD schema", "gazetteer",
                    "peak memory", "machine:"):
        assert heading in proc.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["documents"] == 5 and not figures["failed"]
    assert set(figures["stages"]) == {"encode", "validate", "render", "end to end", "floor"}


def test_publish_benchmark_runs_and_reports_every_kind(tmp_path: Path) -> None:
    import shutil

    root = BENCH.parent
    edition = tmp_path / "ed"
    (edition / "tei").mkdir(parents=True)
    for tei in sorted((root / "editions" / "tei").glob("*.xml"))[:2]:
        shutil.copy(tei, edition / "tei")
    shutil.copytree(root / "editions" / "registers", edition / "registers")
    shutil.copy(root / "editions" / "edition.toml", edition)
    out = tmp_path / "figures.json"
    result = subprocess.run([sys.executable, str(BENCH / "publish.py"), str(edition), "--runs", "1",
                             "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    assert set(figures["per document (ms)"]) >= {"reading page (HTML)", "PDF", "records (DC, CSL, DataCite)"}
    assert all(v > 0 for v in figures["per document (ms)"].values())
    assert "edition PDF" in figures["whole edition (ms)"] and "ms/doc" in result.stdout


def test_throughput_measures_builds_of_several_sizes(tmp_path: Path) -> None:
    # the real build, cold, for each size: time and the peak memory of the parent and of its largest worker
    out = tmp_path / "builds.json"
    proc = subprocess.run([sys.executable, str(BENCH / "throughput.py"), "--build-sizes", "3,6", "--jobs", "2",
                           "--work", str(tmp_path), "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "parent MB" in proc.stdout and "largest worker MB" in proc.stdout
    builds = json.loads(out.read_text(encoding="utf-8"))["builds"]
    assert list(builds) == ["3", "6"]
    assert [b["built"] for b in builds.values()] == [3, 6] and all(b["self_mb"] > 0 for b in builds.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["builds.json"]  # corpora and sites are removed
