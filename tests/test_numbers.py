"""Tests for encoder.tagging.numbers: quantities, qualifiers, what is left alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from encoder.model import Span, TagContext
from encoder.tagging.dates import find_dates
from encoder.tagging.numbers import find_numbers, is_identifier_word


def nums(text: str, exclude: tuple[Span, ...] = ()) -> list[tuple[str, dict[str, str], str | None]]:
    return [(text[s.start:s.end], dict(s.attrs), s.cert)
            for s in find_numbers(text, [(0, len(text))], exclude=exclude)]


def nums_after_dates(text: str) -> list[tuple[str, dict[str, str], str | None]]:
    ds = find_dates(text, [(0, len(text))], TagContext(date=dt.date(1945, 11, 21)))
    return nums(text, tuple(ds))


V = "value"

QUANTITIES = [
    ("digits", "with 25 armed horsemen", [("25", {V: "25"}, None)]),
    ("thousands", "In the city of Rezayeh 5,000 people", [("5,000", {V: "5000"}, None)]),
    ("millions-grouped", "valued at approximately $56,000,000, and",
     [("approximately $56,000,000", {V: "56000000"}, "medium")]),
    ("decimal", "a rise of 1.5 points", [("1.5", {V: "1.5"}, None)]),
    ("digit-scale", "some 40 million dollars", [("some 40 million", {V: "40000000"}, "medium")]),
    ("decimal-scale", "1.5 million tons", [("1.5 million", {V: "1500000"}, None)]),
    ("spaced-thousands", "a mob of 4, 000 people", [("4, 000", {V: "4000"}, None)]),
    ("word", "two battalions", [("two", {V: "2"}, None)]),
    ("word-seven", "seven gendarmes were killed", [("seven", {V: "7"}, None)]),
    ("word-hyphen", "in past twenty-five years", [("twenty-five", {V: "25"}, None)]),
    ("word-hundred", "three hundred men", [("three hundred", {V: "300"}, None)]),
    ("word-hundred-and", "three hundred and fifty men", [("three hundred and fifty", {V: "350"}, None)]),
    ("word-thousand", "two thousand five hundred rifles", [("two thousand five hundred", {V: "2500"}, None)]),
    ("a-hundred", "a hundred soldiers", [("a hundred", {V: "100"}, None)]),
    ("sentence-initial-word", "Five gendarmes fled.", [("Five", {V: "5"}, None)]),
    ("upper", "TWO BATTALIONS", [("TWO", {V: "2"}, None)]),
    ("one-count", "one company of the gendarmerie", [("one", {V: "1"}, None)]),
    ("one-or-two", "added one or two comments", [("one", {V: "1"}, None), ("two", {V: "2"}, None)]),
    ("percent-sign", "roughly 25% below", [("roughly 25%", {V: "25", "type": "percentage"}, "medium")]),
    ("percent-word", "some 30 per cent of", [("some 30 per cent", {V: "30", "type": "percentage"}, "medium")]),
    ("list", "2,000 in Khoy; 3,000 in Shahpur", [("2,000", {V: "2000"}, None), ("3,000", {V: "3000"}, None)]),
    ("age", "An Doo Hi, age 33, Korean", [("33", {V: "33"}, None)]),
    ("in-parentheses", "(about 5) were", [("about 5", {V: "5"}, "medium")]),
    ("by-is-not-a-clock", "increased by 2000", [("2000", {V: "2000"}, None)]),
    ("price-with-decimals", "it costs 15.40 rubles", [("15.40", {V: "15.4"}, None)]),
    ("capital-inside-sentence-with-count", "in Tabriz 20 people", [("20", {V: "20"}, None)]),
]

QUALIFIED = [
    ("more-than", "more than 2,000 in Maragheh", [("more than 2,000", {"atLeast": "2000"}, None)]),
    ("over", "over 300 people", [("over 300", {"atLeast": "300"}, None)]),
    ("at-least", "at least seven", [("at least seven", {"atLeast": "7"}, None)]),
    ("up-to", "up to 15,000 in Ahar", [("up to 15,000", {"atMost": "15000"}, None)]),
    ("less-than", "less than 100 men", [("less than 100", {"atMost": "100"}, None)]),
    ("no-more-than", "no more than five", [("no more than five", {"atMost": "5"}, None)]),
    ("about", "about 300 men", [("about 300", {V: "300"}, "medium")]),
    ("approximately", "approximately 2,000", [("approximately 2,000", {V: "2000"}, "medium")]),
    ("some", "some three months", [("some three", {V: "3"}, "medium")]),
    ("around", "around 40 villages", [("around 40", {V: "40"}, "medium")]),
    ("or-more", "20 or more", [("20 or more", {"atLeast": "20"}, None)]),
    ("or-so", "20 or so", [("20 or so", {V: "20"}, "medium")]),
    ("between", "between 2,000 and 3,000 people",
     [("between 2,000 and 3,000", {"atLeast": "2000", "atMost": "3000"}, None)]),
    ("dash-range", "2,000-3,000 people", [("2,000-3,000", {"atLeast": "2000", "atMost": "3000"}, None)]),
    ("approx-range", "about 2,000–3,000 people",
     [("about 2,000–3,000", {"atLeast": "2000", "atMost": "3000"}, "medium")]),
    ("capital-qualifier", "More than 20,000 in Tabriz", [("More than 20,000", {"atLeast": "20000"}, None)]),
]

NOT_NUMBERS = [
    ("ordinal-digits", "the 2nd Guards Infantry Division"),
    ("ordinal-word", "the third point"),
    ("ordinal-parallel", "the 38th parallel"),
    ("document-number", "No. 703"),
    ("number-sign", "Copy Nº 2"),
    ("number-sign-glued", "Outgoing Nº2"),
    ("archive", "SAPMO-BArch, DY 30/3497."),
    ("fond", "RGASPI, f. 558, op. 11, d. 99, ll. 0007-0008."),
    ("telegram-start", "703. Prime Minister requested"),
    ("paragraph-number", "1. Sokolov"),
    ("paragraph-parens", "(1) the first"),
    ("paragraph-half-paren", "2) renegotiating"),
    ("inline-enumeration", "steps: 1) transfer 2) notification"),
    ("footnote", "Eden[2] said"),
    ("tel-ref", "Re Deptel 1004 and"),
    ("tel-list", "Embtels 205 and 206 rptd"),
    ("routing", "Sent Tehran 15 rpt London 60."),
    ("routing-list", "rptd Ciudad Trujillo 1 and 2."),
    ("possessive-ref", "(London’s 6238)"),
    ("your-ref", "Your 1830. Follow"),
    ("bracketed-ref", "(Embtel [Deptel] 1756)"),
    ("article", "Article 6 of treaty"),
    ("part", "Part 1. From"),
    ("clock-colon", "at 11:45 this morning"),
    ("clock-pm", "at 3 p.m."),
    ("clock-dotted-am", "at 9.30 a.m."),
    ("clock-hhmm", "from 1900 to 0600"),
    ("clock-hours", "at 2200 hours"),
    ("model", "a MiG-15 fighter"),
    ("fraction", "4-1/2 lines"),
    ("name-three", "the Big Three met"),
    ("no-one", "no one came"),
    ("one-of", "is one of extreme delicacy"),
    ("one-pronoun", "a bilateral one between them"),
    ("one-another", "they blamed one another"),
    ("decade", "the 1940s"),
    ("file-number", "891.00/6–2448"),
    ("hyphen-compound", "a three-day visit"),
    ("clock-dotted-at", "Received at 15.40 on"),
    ("day-of-named-event", "the 4 May Movement"),
    ("am-pm-broken", "at 6 p.\nm."),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in QUANTITIES], ids=[c[0] for c in QUANTITIES])
def test_quantities(text: str, expected: list) -> None:
    assert nums(text) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in QUALIFIED], ids=[c[0] for c in QUALIFIED])
def test_qualifiers(text: str, expected: list) -> None:
    assert nums(text) == expected


@pytest.mark.parametrize("text", [c[1] for c in NOT_NUMBERS], ids=[c[0] for c in NOT_NUMBERS])
def test_not_numbers(text: str) -> None:
    assert nums(text) == []


def test_dates_are_excluded() -> None:
    text = "On 18 November 1945 some 5,000 people met in 1945."
    assert nums_after_dates(text) == [("some 5,000", {V: "5000"}, "medium")]


def test_exclude_removes_any_overlap() -> None:
    text = "more than 2,000 in Maragheh"
    cover = Span(10, 12, "persName")
    assert nums(text, (cover,)) == []


def test_seed_paragraph() -> None:
    text = ("In the city of Rezayeh 5,000 people participated in a rally, 2,000 in Khoy; 3,000 in "
            "Shahpur; more than 2,000 in Maragheh; more than 2,000 in Maranda; 600 in Julfa; up to "
            "15,000 in Ahar; and more than 20,000 in Tabriz.")
    got = [(t, a) for t, a, _ in nums(text)]
    assert got == [
        ("5,000", {V: "5000"}), ("2,000", {V: "2000"}), ("3,000", {V: "3000"}),
        ("more than 2,000", {"atLeast": "2000"}), ("more than 2,000", {"atLeast": "2000"}),
        ("600", {V: "600"}), ("up to 15,000", {"atMost": "15000"}),
        ("more than 20,000", {"atLeast": "20000"}),
    ]


def test_regions_bound_the_spans() -> None:
    text = "1. There were 25 men.\n2. There were 30 men."
    second = text.index("2.")
    spans = find_numbers(text, [(second, len(text))])
    assert [(text[s.start:s.end], s.attr("value")) for s in spans] == [("30", "30")]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("No.", True), ("Nº", True), ("Deptel", True), ("ReEmbtel", True), ("urtels", True),
     ("(mytel", True), ("f.", True), ("ll.", True), ("your", True), ("people", False),
     ("in", False), ("than", False)],
)
def test_identifier_words(token: str, expected: bool) -> None:
    assert is_identifier_word(token) is expected


# --- invariants (hypothesis) ------------------------------------------------------

PIECES = [
    "5,000", "more than 2,000", "up to 15,000", "about 300", "two", "twenty-five", "three hundred",
    "one", "No. 703", "703.", "(1)", "[2]", "Deptel 1004", "1.5 million", "25%", "between 3 and 5",
    "2,000-3,000", "11:45", "3 p.m.", "2nd", "people", "men", "in", "the", "and", ",", ".", " ", "\n",
    "Bonn 124", "MiG-15", "4-1/2", "0600", "21 November 1945",
]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(PIECES), max_size=25),
       cuts=st.lists(st.integers(min_value=0, max_value=300), max_size=4))
def test_invariants(parts: list[str], cuts: list[int]) -> None:
    text = " ".join(parts)
    bounds = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    regions = list(zip(bounds, bounds[1:]))
    ds = find_dates(text, regions, TagContext(date=dt.date(1945, 11, 21)))
    spans = find_numbers(text, regions, exclude=ds)
    last_end = -1
    for s in spans:
        assert s.tag == "num"
        assert any(a <= s.start < s.end <= b for a, b in regions)
        assert s.start >= last_end
        last_end = s.end
        assert not any(d.start < s.end and s.start < d.end for d in ds), "overlaps a date"
        attrs = dict(s.attrs)
        assert attrs.keys() & {"value", "atLeast", "atMost"}
        for k in ("value", "atLeast", "atMost"):
            if k in attrs:
                assert Decimal(attrs[k]) >= 0 and "," not in attrs[k]
        if "atLeast" in attrs and "atMost" in attrs:
            assert Decimal(attrs["atLeast"]) < Decimal(attrs["atMost"])
        assert s.cert in (None, "medium")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–/()[]%onetwhrdaisx\n")), max_size=80))
def test_arbitrary_text_never_breaks(text: str) -> None:
    for s in find_numbers(text, [(0, len(text))]):
        assert 0 <= s.start < s.end <= len(text)
