"""Archival citations and credits, parsed by form."""

from __future__ import annotations

import pytest

from encoder.citation import credits_in, parse_reference, split_citation


@pytest.mark.parametrize(
    "text, repository, collections, idnos, locus",
    [
        ("RGASPI, f. 558, op. 11, d. 99, ll. 0007-0008", "RGASPI", (("fond", "558"), ("opis", "11")),
         (("delo", "99"),), ("7", "8")),
        ("AVP RF, f. 06, op. 9, p. 18, d. 241, ll. 12-15", "AVP RF",
         (("fond", "06"), ("opis", "9"), ("papka", "18")), (("delo", "241"),), ("12", "15")),
        ("TsAMO RF, fond 3, opis 1, delo 45, list 7", "TsAMO RF", (("fond", "3"), ("opis", "1")),
         (("delo", "45"),), ("7", "7")),
        ("SAPMO-BArch, DY 30/3497", "SAPMO-BArch", (), (("callNumber", "DY 30/3497"),), None),
        ("MNL OL, XIX-J-1-j", "MNL OL", (), (("callNumber", "XIX-J-1-j"),), None),
    ],
    ids=["rgaspi", "avp-papka", "tsamo-words", "sapmo", "mnl"],
)
def test_archival_reference(text, repository, collections, idnos, locus) -> None:
    ref = parse_reference(text)
    assert ref is not None
    assert ref.repository == repository
    assert ref.collections == collections
    assert ref.idnos == idnos
    assert (ref.locus_from, ref.locus_to) == (locus or (None, None))


def test_known_archive_gives_settlement_and_language() -> None:
    ref = parse_reference("RGASPI, f. 17, op. 128, d. 1")
    assert ref and ref.archive and ref.archive.settlement == "Moscow" and ref.archive.language == "ru"


def test_published_source_is_not_an_archival_reference() -> None:
    assert parse_reference("A. Editor, ed., Some Documents (Moscow: Nauka, 1995), 12-14") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Contributed by Ann Lee and translated by Bo Park.", [("ctb", "Ann Lee"), ("trl", "Bo Park")]),
        ("Translated by Bo Park.", [("trl", "Bo Park")]),
        ("Translated for CWIHP by Bo Park and Ann Lee.", [("trl", "Bo Park"), ("trl", "Ann Lee")]),
        ("Obtained and translated by Ann Lee.", [("ctb", "Ann Lee"), ("trl", "Ann Lee")]),
        ("No credits here.", []),
    ],
    ids=["contributed-translated", "translated", "for-project", "obtained-and", "none"],
)
def test_credits(text: str, expected: list[tuple[str, str]]) -> None:
    found = credits_in(text, offset=10)
    assert [(c.role, c.name) for c in found] == expected
    for c in found:
        assert c.region is not None
        assert text[c.region.start - 10:c.region.end - 10] == c.name


def test_split_citation() -> None:
    assert split_citation("GARF, f. 1, op. 2. Translated by X Y.") == ("GARF, f. 1, op. 2.", "Translated by X Y.")
