"""Our gold corpora are sound: every span's text is the text at its offsets, sorted, no overlaps, ISO dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from gold_corpus import check

ROOT = Path(__file__).resolve().parent
GOLD = sorted(p for folder in ("corpus", "corpus2", "corpus3", "corpus4", "corpus5") for p in (ROOT / folder).rglob("*.txt")
              if p.with_suffix(".gold.json").exists())


@pytest.mark.parametrize("txt", GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_offsets_match_the_text(txt: Path) -> None:
    assert check(txt) == []
