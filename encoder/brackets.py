"""Square brackets: what the translator's or editors' interventions mean.

The source prints interventions in square brackets; the TEI records what
each one is, and the stylesheets print the brackets back. Every span found
here covers the brackets themselves (``trim=(1, 1)``), so the text between
is the element's content and the round trip can restore the brackets.

| source                     | TEI                                               |
| -------------------------- | ------------------------------------------------- |
| ``[it]``, ``[Washington,]``| supplied reason="omitted-in-original"             |
| ``[1950]`` after a date    | supplied (the year)                               |
| ``Name [SIC, ...]``        | sic on the word before + note type="sic"          |
| ``term [polagaemaya]``     | note type="original-wording" with foreign         |
| ``Filippov [Stalin]``      | note type="identification" (names tagged inside)  |
| ``[...]``, ``[illegible]`` | gap reason="omitted" / "illegible", desc          |
| ``[Letterhead: ...]``      | note type="editorial"                             |
| ``Eden[2]``                | ref type="footnote"                               |
| anything else              | note type="translator" (reported for review)      |
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from encoder.model import Span

_GAP_OMITTED = re.compile(r"^(?:\.\s?){2,}\.?$|^…$|^-+$|^(?:text |passage )?omitted$", re.IGNORECASE)
_GAP_ILLEGIBLE = re.compile(r"^(?:illegible|unreadable|indecipherable|text missing|missing)(?: \w+)?$", re.IGNORECASE)
_SIC = re.compile(r"^sic\b", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\d{1,3}[a-z]?$|^[*†‡]$")
_YEAR = re.compile(r"^1[6-9]\d\d$|^20\d\d$")
_LABELLED = re.compile(r"^[\w][\w ’'-]{0,40}:\s*\S")
_EDITORIAL_WORDS = re.compile(
    r"^(?:signature|signed|illegible signature|stamp|seal|handwritten|in handwriting|"
    r"crossed out|underlined|in the margin|initials|unsigned|letterhead|page \d+|"
    r"no signature|original in \w+)\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset("""
a an the it its it's he him his she her hers they them their theirs we us our you your i me my
this that these those there here who whom whose which what where when why how
of in on at to for from by with without about after before during until since into onto upon
and or but nor so as than then also not no yes is are was were be been being has have had do does
did will would shall should can could may might must one ones some any all each other such own
same both either neither more most less least only very too up down out over under again
further once per via vs et al said following above below
""".split())
# Letter clusters of romanised Russian, Persian, Chinese, Korean words, rare in English.
_TRANSLIT = re.compile(
    r"(?:kh|zh|shch|ts(?!\b)|yy|iy\b|aya\b|oye\b|yye|iye\b|yu|ya\b|yo|ii\b|nyi\b|skii\b|skaya\b|"
    r"ovat|ost'|'|ʹ|ʼ|q[^u]|x[iu]|zh|eo|eu\b|ae\b)",
    re.IGNORECASE,
)


def find_brackets(
    text: str, regions: Sequence[tuple[int, int]], *, resp: str, original_lang: str | None = None
) -> tuple[list[Span], list[tuple[int, str]]]:
    """Spans for every bracket pair in the regions, and warnings (offset, message)."""
    spans: list[Span] = []
    warnings: list[tuple[int, str]] = []
    for start, end in regions:
        depth, opened = 0, -1
        for i in range(start, end):
            ch = text[i]
            if ch == "[":
                if depth == 0:
                    opened = i
                depth += 1
            elif ch == "]":
                if depth == 0:
                    warnings.append((i, "a closing ']' without an opening '[' is kept as text"))
                    continue
                depth -= 1
                if depth == 0:
                    if "[" in text[opened + 1:i]:
                        warnings.append((opened, "nested square brackets: the inner pair is kept as text"))
                    spans.extend(_classify(text, opened, i + 1, resp, original_lang))
        if depth:
            warnings.append((opened, "an opening '[' without a closing ']' is kept as text"))
    return spans, warnings


def _classify(text: str, start: int, end: int, resp: str, lang: str | None) -> list[Span]:
    inner = text[start + 1:end - 1]
    content = inner.strip()
    trim = (1, 1)
    r = (("resp", resp),)

    def note(kind: str) -> Span:
        return Span(start, end, "note", (("type", kind), ("place", "inline"), *r), trim=trim)

    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    line_start = before.rfind("\n")
    alone_on_line = not before[line_start + 1:].strip() and not after.split("\n", 1)[0].strip()
    if not content:
        # "[ ]" marks an omission; "[" at a line's end and "]" on the next marks nothing: kept as text
        # (a gap's desc could not hold the line break, and the Schematron warns of the bare brackets).
        return [] if "\n" in inner else [Span(start, end, "gap", (("reason", "omitted"), *r), trim=trim)]
    if _FOOTNOTE.match(content) and (start > 0 and not text[start - 1].isspace() or
                                      not before[line_start + 1:].strip()):
        return [Span(start, end, "ref", (("type", "footnote"),), trim=trim)]
    if _GAP_OMITTED.match(content):
        return [Span(start, end, "gap", (("reason", "omitted"), *r), trim=trim)]
    if _GAP_ILLEGIBLE.match(content):
        return [Span(start, end, "gap", (("reason", "illegible"), *r), trim=trim)]
    if _SIC.match(content):
        spans = [note("sic")]
        word = re.search(r"([^\W\d_][\w’'.-]*)\s*$", before)
        if word:
            w_end = start - (len(before) - word.end(1))
            spans.append(Span(w_end - len(word.group(1)), w_end, "sic"))
        return spans
    if _YEAR.match(content):
        return [Span(start, end, "supplied", (("reason", "omitted-in-original"), *r), trim=trim)]
    if alone_on_line or _LABELLED.match(content) or _EDITORIAL_WORDS.match(content):
        return [note("editorial")]
    first = content[0]
    prev_word = re.search(r"(\S+)\s*$", before)
    next_word = re.match(r"\s*(\S+)", after)
    if first.isupper():
        if next_word and next_word.group(1)[:1].isupper() and after[:1] == " ":
            return [Span(start, end, "supplied", (("reason", "omitted-in-original"), *r), trim=trim)]
        if prev_word and prev_word.group(1)[:1].isupper() and len(content.split()) <= 4:
            return [note("identification")]
        return [Span(start, end, "supplied", (("reason", "omitted-in-original"), *r), trim=trim)]
    tokens = re.findall(r"[^\W\d_]+(?:[’'][^\W\d_]+)?", content.lower())
    if tokens and len(tokens) <= 4 and all(t in _FUNCTION_WORDS for t in tokens):
        return [Span(start, end, "supplied", (("reason", "omitted-in-original"), *r), trim=trim)]
    if tokens and len(tokens) <= 3 and lang != "en" and any(_TRANSLIT.search(t) for t in tokens) \
            and content == content.lower():
        spans = [note("original-wording")]
        s0 = start + 1 + inner.index(content)
        spans.append(Span(s0, s0 + len(content), "foreign",
                          (("xml:lang", f"{lang}-Latn" if lang else "und-Latn"),)))
        return spans
    if tokens and len(tokens) <= 6 and content == content.lower():
        return [Span(start, end, "supplied", (("reason", "omitted-in-original"), *r), trim=trim)]
    return [note("translator")]
