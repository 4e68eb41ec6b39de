"""Archive pages in all their forms: the parts are found by form, not wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from encoder.reading import source_from_bytes
from encoder.wilson import looks_like_wilson, page_date, parse_wilson

from conftest import CORPUS, SEED, need


def parse(path):
    return parse_wilson(source_from_bytes(path.read_bytes(), origin=str(path), name=path.name))


def test_seed_page_parts() -> None:
    p = parse(need(SEED))
    m = p.meta
    assert m.title == "Telegram from Baku to Moscow, 'The Situation in Iranian Azerbaijan'"
    assert (m.date, m.date_text) == ("1945-11-21", "November 21, 1945")
    assert m.funder == "Leon Levy Foundation" and m.funder_region and m.funding_region
    assert m.summary and m.summary.startswith("Telegram to top Soviet officials")
    assert m.citation and m.citation.startswith("RGASPI, f. 558")
    assert [(c.role, c.name) for c in m.credits] == [("ctb", "Jamil Hasanli"), ("trl", "Gary Goldberg")]
    assert len(m.rights) == 2
    assert m.gaps == ("Original Uploaded Date", "Record ID")
    assert "Skip to content" in m.furniture and "Document Information" in m.furniture
    kinds = [(b.zone, b.kind) for b in p.blocks]
    assert kinds == [("opener", "dateline"), ("opener", "addressee")] + [("body", "p")] * 5 + \
        [("closer", "receipt"), ("closer", "receipt")]


# (file, title starts, ISO date, funder, summary?, incomplete?, credit roles, footnote blocks)
CASES = [
    ("01_cipher-pyongyang-labeled", "Ciphered Telegram", "1949-09-14", "Korea Foundation", True, False,
     ["ctb", "trl"], 1),
    ("02_conversation-single-breaks", "Record of Conversation", "1957-04-02", "Henry Luce Foundation", True,
     False, ["trl"], 0),
    ("03_older-layout-letter", "Letter, Kim Il Sung to Stalin", "1950-03-09", None, True, False, ["ctb", "trl"], 0),
    ("04_truncated-report", "Report, Hungarian Embassy", "1961-08", "Carnegie Corporation of New York", False,
     True, [], 0),
    ("05_decree-year-date", "Decree of the Military Council", "1945", "Leon Levy Foundation", True, False,
     ["trl"], 1),
    ("07_characters-gdr", "Note on a Conversation", "1953-06-10", "Robert Bosch Stiftung", True, False, ["trl"], 1),
    ("11_older-layout-single-breaks", "Cable from Zhou Enlai", "1958-01-24", None, True, False, ["trl"], 0),
    ("13_older-layout-truncated", "Report, Cuban Embassy in Luanda", "1976-03-12", None, True, True, ["trl"], 0),
]


@pytest.mark.parametrize("name, title, date, funder, summary, incomplete, roles, footnotes", CASES,
                         ids=[c[0] for c in CASES])
def test_page_forms(name, title, date, funder, summary, incomplete, roles, footnotes) -> None:
    p = parse(CORPUS / "wilson" / f"{name}.txt")
    m = p.meta
    assert m.title.startswith(title)
    assert m.date == date
    assert m.funder == funder
    assert bool(m.summary) == summary
    assert m.incomplete == incomplete
    assert [c.role for c in m.credits] == roles
    assert sum(b.zone == "notes" for b in p.blocks) == footnotes
    # nothing of the page's own labels or furniture is left in the document
    text = p.source.text
    body = " ".join(text[b.start:b.end] for b in p.blocks)
    for label in ("Document Information", "Skip to content", "get citation", "Original Uploaded Date"):
        assert label not in body


def test_circa_page_date_is_uncertain() -> None:
    p = parse(CORPUS / "wilson" / "06_diary-circa-date.txt")
    assert (p.meta.date, p.meta.date_cert) == ("1950", "low")


@pytest.mark.parametrize("line, value", [
    ("November 21, 1945", ("1945-11-21", None)), ("August 1961", ("1961-08", None)), ("1945", ("1945", None)),
    ("c. 1950", ("1950", "low")), ("21 November 1945", ("1945-11-21", None)), ("Telegram", None),
], ids=["us", "month", "year", "circa", "dmy", "not-a-date"])
def test_page_date(line, value) -> None:
    assert page_date(line) == value


def test_detection() -> None:
    assert looks_like_wilson(need(SEED).read_text(encoding="utf-8"))
    assert not looks_like_wilson("The Ambassador in Iran to the Secretary of State\n\nSecret\n\nText.")


def test_single_line_page_with_blank_lines_among_its_labels() -> None:
    """Regression: a short page in the single-line form, whose empty Document Information values are
    blank lines, was read as a blank-line page and lost its title ("no title found")."""
    page = ("March 3, 1961\nTelegram from Havana to Prague\n"
            "This document was made possible with support from Some Foundation\n"
            "Top Secret\nHavana, 3 March 1961\nThe situation is calm.\nThe embassy reports no incidents.\n"
            "A short telegram on the situation in Havana.\n"
            "Document Information\n\n\nOriginal Uploaded Date\n\n\n\nRecord ID\n\n\n")
    p = parse_wilson(source_from_bytes(page.encode(), origin="p.txt", name="p.txt"))
    assert p.meta.title == "Telegram from Havana to Prague"
    assert p.meta.date == "1961-03-03" and p.meta.funder == "Some Foundation"
    assert p.meta.summary == "A short telegram on the situation in Havana."
    assert [b.kind for b in p.blocks] == ["classification", "dateline", "p", "p"]


def test_a_long_block_after_a_label_is_read_in_linear_time() -> None:
    # Regression (found by a blind test page with single line breaks): "at most N words" was
    # (?:\S+\s*){1,N}$, which tries every split of every word of a long block that fails it: the
    # page never finished. Run in a child process so that a regression fails instead of hanging.
    import subprocess
    import sys
    code = (
        "from encoder.wilson import _LABELS\n"
        "block = 'word ' * 400 + 'end.'\n"
        "assert not any(p.search(block) for k, p in _LABELS.items() if k not in ('source', 'rights'))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=str(Path(__file__).resolve().parents[1]))
    assert run.returncode == 0, run.stderr
