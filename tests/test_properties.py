"""Property-based tests: for generated documents the output is valid, lossless and deterministic.

A thousand documents per property by default (TEI_HYPOTHESIS_EXAMPLES sets another number).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from encoder.errors import EncoderError
from encoder.pipeline import encode_source
from encoder.reading import source_from_bytes
from encoder.registers import Registers
from encoder.tei import document_text, serialize, source_document_text
from encoder.validate import validate

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
LETTERS = "abcdefghijklmnoprstuvyz"
# Names from several scripts and with diacritics, combining marks and apostrophes.
name_part = st.one_of(
    st.text(alphabet=LETTERS, min_size=2, max_size=9).map(str.capitalize),
    st.sampled_from(["Ḥasan", "Kuz’menko", "Šindelář", "Gerő", "Weißhaupt", "Mehrabī", "Zoë",
                     "محمد", "رضا", "דוד", "Ле́нин", "e\u0301tienne".capitalize()]),
)
name = st.lists(name_part, min_size=1, max_size=3).map(" ".join)
word = st.one_of(
    st.text(alphabet=LETTERS, min_size=1, max_size=10),
    st.sampled_from(["the", "of", "and", "to", "in", "gendarmes", "partisans", "reported", "-", "–", "—"]),
)
date = st.builds(lambda d, m, y: f"{d} {m}" + (f" {y}" if y else ""),
                 st.integers(1, 28), st.sampled_from(MONTHS), st.one_of(st.none(), st.integers(1940, 1989)))
number = st.one_of(st.integers(0, 99999).map(lambda n: f"{n:,}"), st.sampled_from(["two", "seven", "twenty"]))
bracket = st.one_of(
    st.sampled_from(["[it]", "[their]", "[...]", "[illegible]", "[1]", "[SIC]", "[polozhenie]",
                     "[handwritten: “yes”]", "[", "]", "[a [b] c]"]),
    name.map(lambda n: f"[{n}]"),
)
token = st.one_of(word, word, word, name, date, number, bracket,
                  st.sampled_from([",", ";", ".", "“", "”", "’", "\u00a0", "Cde.", "Lt. Col.", "Nº"]))
sentence = st.lists(token, min_size=3, max_size=25).map(lambda ts: " ".join(ts).strip() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


@st.composite
def wilson_page(draw) -> str:
    y = draw(st.integers(1940, 1989))
    m = draw(st.integers(0, 11))
    d = draw(st.integers(1, 28))
    parts = []
    if draw(st.booleans()):
        parts.append("Skip to content")
    parts.append(f"{MONTHS[m]} {d}, {y}")
    parts.append(f"Telegram from {draw(name)} to {draw(name)}, '{draw(sentence).rstrip('.')}'")
    funder = draw(st.one_of(st.none(), name.map(lambda n: f"{n} Foundation")))
    if funder:
        parts.append(f"This document was made possible with support from {funder}")
    if draw(st.booleans()):
        parts.append(f"FROM {draw(name).upper()} {d} {MONTHS[m]} {y}")
        parts.append(f"to {draw(name).upper()}, to Cde. {draw(name).upper()}")
    parts.extend(draw(st.lists(paragraph, min_size=1, max_size=5)))
    if draw(st.booleans()):
        parts.append(f"Received via VCh\n\n{d} {MONTHS[m][:3]} {y}")
    if draw(st.booleans()):
        parts.append(draw(paragraph))  # the summary
        parts.append("Document Information")
        parts.append(f"RGASPI, f. {d}, op. {m + 1}, d. {y % 100}, ll. 1-2. Translated by {draw(name)}.")
        parts.append("Some documents may be subject to copyright, which is retained by the rights holders.")
        if funder:
            parts.append(funder)
    sep = "\n" if draw(st.booleans()) else "\n\n"
    return sep.join(parts) + draw(st.sampled_from(["", "\n", "\r\n"]))


def _encode(text: str):
    source = source_from_bytes(text.encode("utf-8"), origin="gen.txt", name="gen.txt")
    return encode_source(source, registers=Registers())


COMMON = settings(max_examples=int(os.environ.get("TEI_HYPOTHESIS_EXAMPLES", "1000")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(wilson_page())
def test_generated_pages_are_valid_lossless_and_deterministic(page: str) -> None:
    try:
        result = _encode(page)
    except EncoderError as err:  # refusing is allowed, with a message that says where
        assert err.origin == "gen.txt" and err.hint
        return
    report = validate(result.tree, origin="gen.xml")
    assert report.ok, "\n".join(report.lines())
    parsed = result.encoded.parsed
    assert document_text(result.tree) == source_document_text(parsed.source.text, parsed.blocks)
    assert serialize(_encode(page).tree) == serialize(result.tree)


@COMMON
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=6), day=st.dates())
def test_generated_sidecar_texts_are_valid_and_lossless(paragraphs, day, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("sc")
    meta = folder / "doc.meta.toml"
    meta.write_text(f'title = "A document"\ndate = "{day.isoformat()}"\n', encoding="utf-8")
    text = "A document\n\n" + "\n\n".join(paragraphs) + "\n"
    source = source_from_bytes(text.encode("utf-8"), origin="doc.txt", name="doc.txt")
    result = encode_source(source, meta=meta, registers=Registers())
    report = validate(result.tree, origin="doc.xml")
    assert report.ok, "\n".join(report.lines())
    parsed = result.encoded.parsed
    assert document_text(result.tree) == source_document_text(parsed.source.text, parsed.blocks)
