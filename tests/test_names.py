"""Names in running text: invented sentences in the style of the archive's translations."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from encoder.gazetteer import Gazetteer, load_gazetteer
from encoder.model import Span, TagContext
from encoder.tagging.names import find_names, name_proper


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def tag(text: str, gaz: Gazetteer, **kw) -> list[Span]:
    return find_names(text, [(0, len(text))], TagContext(country=kw.pop("country", None)), gaz, **kw)


def mentions(text: str, spans: list[Span]) -> set[tuple[str, str]]:
    """(tag, name proper) pairs, the way the guideline counts them."""
    out = set()
    for s in spans:
        if s.tag == "persName":
            a, b = name_proper(text, s, spans)
            out.add((s.tag, text[a:b]))
        elif s.tag in ("placeName", "orgName"):
            out.add((s.tag, text[s.start:s.end]))
    return out


P, L, O = "persName", "placeName", "orgName"

CASES = [
    ("comrade-caps", "to KIEV, to Cde. KAGANOVICH, and to Cde. ZHDANOV",
     {(L, "KIEV"), (P, "KAGANOVICH"), (P, "ZHDANOV")}),
    ("rank-outside", "Lt. Col. Petrenko, the commander of the garrison, left Tabriz.",
     {(P, "Petrenko"), (L, "Tabriz")}),
    ("name-forming-honorific", "a supporter of Seyyed Jalaleddin spoke in Ardebil.",
     {(P, "Seyyed Jalaleddin"), (L, "Ardebil")}),
    ("khan-suffix", "Karim Khan, a big landowner, fled to Tehran.",
     {(P, "Karim Khan"), (L, "Tehran")}),
    ("village-of", "partisans attacked a post in the village of Dzhalilabad on 3 May.",
     {(L, "Dzhalilabad")}),
    ("region-generic-head", "the situation in the Sarab region is calm.", {(L, "Sarab")}),
    ("compound-region", "We report the situation in Iranian Azerbaijan today.",
     {(L, "Iranian Azerbaijan")}),
    ("historical-name", "Rallies were held in Rezayeh and in Mukden.",
     {(L, "Rezayeh"), (L, "Mukden")}),
    ("org-division", "two battalions of the 4th Mountain Rifle Division crossed the border.",
     {(O, "4th Mountain Rifle Division")}),
    ("org-of-designation", "The Central Committee of the Communist Party of the Soviet Union decided.",
     {(O, "Central Committee of the Communist Party of the Soviet Union")}),
    ("org-acronym", "The CC CPSU approved the draft prepared by the MID.",
     {(O, "CC"), (O, "CPSU"), (O, "MID")}),
    ("government-not-org", "The Soviet Government informed the U.S. Government.", {(L, "U.S.")}),
    ("government-of-country", "a note to the Government of Turkey", {(L, "Turkey")}),
    ("party-alone-not-org", "The Party must strengthen its work in Baku.", {(L, "Baku")}),
    ("nationality-not-place", "Iranian troops and Soviet officers met Kurds.", set()),
    ("credits", "Contributed by Rustam Aliyev and translated by Anna Petrova.",
     {(P, "Rustam Aliyev"), (P, "Anna Petrova")}),
    ("foundation-footer", "This document was made possible with support from Carnegie Corporation",
     {(O, "Carnegie Corporation")}),
    ("office-title", "Prime Minister Nehru told Ambassador Bowles that Peking insisted.",
     {(P, "Nehru"), (P, "Bowles"), (L, "Peking")}),
    ("bare-title", "The Shah received the Ambassador and the President.", set()),
    ("letter-spaced", "Yours faithfully,\n\nV L A S O V\n", {(P, "V L A S O V")}),
    ("initials", "N. S. Khrushchev met J. B. Tito in Belgrade.",
     {(P, "N. S. Khrushchev"), (P, "J. B. Tito"), (L, "Belgrade")}),
    ("possessive", "Molotov’s reply reached London’s embassy.", {(P, "Molotov"), (L, "London")}),
    ("bracket-insert", "a talk with [Chou] En-lai in Geneva", {(P, "[Chou] En-lai"), (L, "Geneva")}),
    ("hyphen-pair", "the Tabriz–Tehran road and the Gromyko-Dulles talks",
     {(L, "Tabriz"), (L, "Tehran"), (P, "Gromyko"), (P, "Dulles")}),
    ("parallel", "clashes along the 38th parallel continued", {(L, "38th parallel")}),
    ("signature", "We await instructions.\n\nVASILIEV\n", {(P, "VASILIEV")}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cases(gaz: Gazetteer, text: str, expected: set[tuple[str, str]]) -> None:
    assert mentions(text, tag(text, gaz)) == expected


def test_role_name_spans_and_types(gaz: Gazetteer) -> None:
    text = "to Cde. STALIN and Lt. Col. Zagirnia and Ambassador Smith"
    spans = tag(text, gaz)
    roles = {text[s.start:s.end]: s.attr("type") for s in spans if s.tag == "roleName"}
    assert roles == {"Cde.": "honorific", "Lt. Col.": "rank", "Ambassador": "office"}
    pers = [s for s in spans if s.tag == "persName"]
    assert [text[s.start:s.end] for s in pers] == ["Cde. STALIN", "Lt. Col. Zagirnia", "Ambassador Smith"]
    assert [s.key for s in pers] == ["stalin", "zagirnia", "smith"]


def test_short_form_takes_full_key(gaz: Gazetteer) -> None:
    text = "the landowners Ahmed Karimi and Paymaan fled. Later Karimi returned."
    pers = [s for s in tag(text, gaz) if s.tag == "persName"]
    assert [(text[s.start:s.end], s.key) for s in pers] == [
        ("Ahmed Karimi", "ahmed karimi"), ("Paymaan", "paymaan"), ("Karimi", "ahmed karimi")]


def test_known_forms_are_tagged(gaz: Gazetteer) -> None:
    text = "The Committee for State Security reported that Blue Hill was quiet."
    spans = tag(text, gaz, known={"Blue Hill": "placeName",
                                  "Committee for State Security": "orgName"})
    got = {(s.tag, text[s.start:s.end]) for s in spans}
    assert {("placeName", "Blue Hill"), ("orgName", "Committee for State Security")} <= got


def test_known_person_gets_title(gaz: Gazetteer) -> None:
    text = "a message to Cde. Grey Wolf"
    spans = tag(text, gaz, known={"Grey Wolf": "persName"})
    pers = [s for s in spans if s.tag == "persName"]
    assert len(pers) == 1 and text[slice(*name_proper(text, pers[0], spans))] == "Grey Wolf"


def test_only_regions_are_searched(gaz: Gazetteer) -> None:
    text = "Molotov met Bevin. Stalin met Attlee in Potsdam."
    cut = text.index("Stalin")
    spans = find_names(text, [(cut, len(text))], TagContext(), gaz)
    assert spans and all(s.start >= cut for s in spans)
    assert "Molotov" not in {text[s.start:s.end] for s in spans}


def test_speed(gaz: Gazetteer) -> None:
    import time
    para = ("According to a report from Tabriz, Lt. Col. Zagirnia and Cde. Bagirov met the "
            "chairman of the National Assembly in the village of Tark near Maragheh. ")
    text = para * (4096 // len(para) + 1)
    tag(text, gaz)
    t0 = time.perf_counter()
    tag(text, gaz)
    assert time.perf_counter() - t0 < 0.1


# --------------------------------------------------------------------------- properties

WORDS = st.sampled_from([
    "Cde.", "Comrade", "STALIN", "Molotov", "Lt.", "Col.", "Zagirnia", "the", "village", "of",
    "Tabriz", "Iranian", "Azerbaijan", "Party", "Communist", "Ministry", "Foreign", "Affairs",
    "said", "in", "and", ",", ".", "\n", "\n\n", "Seyyed", "Khan", "Aziz", "[Chou]", "En-lai",
    "M O L O T O V", "N.", "S.", "Khrushchev", "USSR", "CPSU", "Ambassador", "’s", "-", "–",
    "translated", "by", "Gary", "Goldberg", "38th", "parallel", "Government", "U.S.",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=40), st.lists(st.integers(0, 400), max_size=6))
def test_spans_are_well_formed(words: list[str], cuts: list[int]) -> None:
    gaz = load_gazetteer()
    text = " ".join(words)
    points = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    regions = [(a, b) for a, b in zip(points, points[1:]) if b > a][::2] or [(0, len(text))]
    spans = find_names(text, regions, TagContext(), gaz)
    names = [s for s in spans if s.tag in ("persName", "placeName", "orgName")]
    for s in spans:
        assert any(a <= s.start < s.end <= b for a, b in regions), (s, regions)
        assert s.tag in ("persName", "placeName", "orgName", "roleName")
    # names never overlap one another
    ordered = sorted(names, key=lambda s: s.start)
    for x, y in zip(ordered, ordered[1:]):
        assert x.end <= y.start, (x, y)
    # every roleName sits inside a persName
    for r in (s for s in spans if s.tag == "roleName"):
        assert any(p.tag == "persName" and p.start <= r.start and r.end <= p.end for p in names)
    for s in names:
        assert s.key and s.cert in ("high", "medium", "low")
        assert text[s.start:s.end] == text[s.start:s.end].strip()
