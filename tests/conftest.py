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
TEI_ALL_RNG = SHARED / "reference" / "tei" / "tei_all.rng"
REQUIRED = os.environ.get("TEI_REFERENCE_REQUIRED") == "1"


def need(path: Path) -> Path:
    """A file from ../shared: skip when absent, fail when CI requires it."""
    if not path.exists():
        if REQUIRED:
            pytest.fail(f"{path} is missing and TEI_REFERENCE_REQUIRED=1")
        pytest.skip(f"{path} is not here (it lives in ../shared beside the checkout)")
    return path


def dev_sources() -> list[Path]:
    return sorted(DEV.glob("*.txt")) if DEV.is_dir() else []


def own_sources() -> list[Path]:
    """Our own test documents (Wilson page forms and sidecar texts)."""
    return sorted(CORPUS.glob("*/*.txt")) if CORPUS.is_dir() else []


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all RELAX NG schema, compiled once per test run (~10 s)."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(need(TEI_ALL_RNG))))
