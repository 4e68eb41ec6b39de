"""Square-bracket interventions: each kind becomes the TEI element for what it means."""

from __future__ import annotations

import pytest

from encoder.brackets import find_brackets


def kinds(text: str, lang: str | None = "ru") -> list[tuple[str, str | None, str]]:
    spans, _ = find_brackets(text, [(0, len(text))], resp="#resp_trl", original_lang=lang)
    return [(s.tag, s.attr("type") or s.attr("reason"), text[s.start:s.end]) for s in
            sorted(spans, key=lambda s: (s.start, -s.end))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("disarming [it].", [("supplied", "omitted-in-original", "[it]")]),
        ("let them go [after] receiving", [("supplied", "omitted-in-original", "[after]")]),
        ("Filippov [Stalin] agreed", [("note", "identification", "[Stalin]")]),
        ("[Chou] En-lai said", [("supplied", "omitted-in-original", "[Chou]")]),
        ("25 January [1950]", [("supplied", "omitted-in-original", "[1950]")]),
        ("Eden[2] said", [("ref", "footnote", "[2]")]),
        ("text [...] more", [("gap", "omitted", "[...]")]),
        ("text […] more", [("gap", "omitted", "[…]")]),
        ("word [illegible] word", [("gap", "illegible", "[illegible]")]),
        ('[handwritten: "agreed"]', [("note", "editorial", '[handwritten: "agreed"]')]),
        ("[Letterhead: Ministry of Foreign Affairs]", [("note", "editorial", "[Letterhead: Ministry of Foreign Affairs]")]),
        ("Signed\n[signature]", [("note", "editorial", "[signature]")]),
        ("the term [polozhenie] was used", [("note", "original-wording", "[polozhenie]"),
                                           ("foreign", None, "polozhenie")]),
        ("Darakshani [SIC, spelled Darakhshani later] came",
         [("sic", None, "Darakshani"), ("note", "sic", "[SIC, spelled Darakhshani later]")]),
    ],
    ids=["supplied-it", "supplied-after", "identification", "given-name", "year", "footnote", "gap-dots",
         "gap-ellipsis", "illegible", "handwritten", "letterhead", "signature", "transliteration", "sic"],
)
def test_bracket_kinds(text: str, expected) -> None:
    assert kinds(text) == expected


def test_brackets_keep_their_delimiters_out_of_the_content() -> None:
    spans, _ = find_brackets("go [after] now", [(0, 14)], resp="#r")
    (sp,) = spans
    assert sp.trim == (1, 1)
    assert sp.attr("resp") == "#r"


@pytest.mark.parametrize("text", ["an [unclosed bracket", "a closing] bracket", "nested [a [b] c]"],
                         ids=["unclosed", "unopened", "nested"])
def test_unbalanced_or_nested_brackets_warn(text: str) -> None:
    _, warnings = find_brackets(text, [(0, len(text))], resp="#r")
    assert warnings and all(isinstance(o, int) for o, _ in warnings)


def test_regions_bound_the_search() -> None:
    text = "[it] outside [it] inside"
    spans, _ = find_brackets(text, [(13, len(text))], resp="#r")
    assert [(s.start, s.end) for s in spans] == [(13, 17)]


def test_an_empty_bracket_across_a_line_break_is_kept_as_text() -> None:
    # Regression (found by the generated-paragraph property test, body "[\r]"): the gap's desc got a
    # line break, which desc cannot hold, and the document was invalid.
    text = "Text [\n] more, and an omission [ ] here."
    spans, _ = find_brackets(text, [(0, len(text))], resp="#r")
    assert [(text[s.start:s.end], s.tag) for s in spans] == [("[ ]", "gap")]
