"""Structure stage: split text into blocks and say what each block is.

A block is a run of non-blank lines (a blank line may hold spaces or
U+00A0). Pages saved with single line breaks have no blank lines: then every
line is a block. Blocks of the document are sorted into opener (dateline,
addressee, classification, number, document-type and salutation lines),
body (paragraphs) and closer (receipt lines, signatures, closing dates) by
their form alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from encoder.model import Block, Region

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A date anywhere in a line: "21 November 1945", "November 21, 1945", "June 1961", "21.11.45".
DATE_IN_LINE = re.compile(
    rf"\b\d{{1,2}}\s+{_MONTHS}(?:\s+\[?\d{{4}}\]?)?\b|\b{_MONTHS}\s+\d{{1,2}}\b|\b{_MONTHS}\s+\d{{4}}\b"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}\.[IVX]{1,4}\.\d{2,4}\b",
    re.IGNORECASE,
)
_CLASSIFICATION_WORDS = {
    "top", "secret", "strictly", "confidential", "restricted", "special", "file", "personal",
    "priority", "urgent", "niact", "immediate", "most", "eyes", "only", "for", "your", "official",
    "use", "operational", "unclassified", "limited", "distribution", "of", "importance",
    "state", "copy", "not", "to", "be", "published", "highly", "flash", "routine", "plain",
}
_NUMBER_LINE = re.compile(
    r"^(?:\d+\s+copies|\d+(?:st|nd|rd|th)\s+copy|copy|no\.?|n[º°o]\.?|number|outgoing|incoming|ref\.?|reference|point|telegram|cable|"
    r"ciphered telegram|tel\.|file|protocol|minutes)\b[^\n]*\d", re.IGNORECASE
)
_DOCTYPE_WORDS = re.compile(
    r"\b(TELEGRAM|CABLE|RECORD|CONVERSATION|MEMORANDUM|LETTER|NOTE|REPORT|MINUTES|DECREE|RESOLUTION|"
    r"INSTRUCTION|DIRECTIVE|PROTOCOL|DIARY|JOURNAL|INFORMATION|STATEMENT|MESSAGE|RADIOGRAM|"
    r"TELEPHONOGRAM|TRANSCRIPT|SUMMARY|DRAFT|EXCERPT|ORDER|COMMUNIQUE|DECISION|REFERENCE|CERTIFICATE)S?\b"
)
_SALUTE_OPEN = re.compile(
    r"^(?:(?:my\s+)?dear|esteemed|respected|deeply respected|comrades?|cde\.|mr\.|mrs\.|madam|"
    r"(?:your\s+)?excellency|sir|gentlemen|to the)\b", re.IGNORECASE
)
_SALUTE_CLOSE = re.compile(
    r"^(?:respectfully|sincerely|yours|with (?:comradely|communist|best|warm|kind|deep)|"
    r"(?:best|kind|warm) regards|regards|faithfully|cordially|long live)\b", re.IGNORECASE
)
_RECEIPT = re.compile(
    r"^(?:received|deciphered|decoded|decrypted|sent|dispatched|despatched|transmitted|typed|printed|"
    r"copies|distributed|ciphered|enciphered|reproduced|teleprinted|delivered|repeated|"
    r"distribution|dictated|copied|filed)\b", re.IGNORECASE
)
_RECEIPT_LINE = re.compile(r"^[\[(]\s*(?:received|sent|transmitted|repeated|passed)\b", re.IGNORECASE)
_FOOTNOTE_TEXT = re.compile(r"^\[\d{1,3}\]\s+\S")
_FOOTNOTE_LINE = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}|[a-z]|[*†‡])\s+[\"“‘(]?[A-Z]")
_ADDRESSEE = re.compile(r"^to\b:?\s*\S", re.IGNORECASE)
_FROM = re.compile(r"^from\b:?\s*\S", re.IGNORECASE)
_LABELLED_CAPS = re.compile(r"^(?:SUBJECT|PARTICIPANTS|PRESENT|PARTICIPANTS?|ATTENDEES|REFERENCE|REF|"
                            r"LOCATION|VENUE|TIME|PLACE|DATE|ENCLOSURE|ATTACHMENT)S?:?\s*(?:\n|$)")
_LABELLED = re.compile(
    r"^(?:location|venue|place|present|participants|interpreter|notetaker|recorded by|"
    r"subject|re|attendees|time|date)\s*:", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_TIME_END = re.compile(r"(?:[ap]\.\s?m\.|\b(?:[A-Z][a-z]{1,3}|[A-Z]{1,3})\.)$")  # "11 a. m.", "Nov."


def is_blank(line: str) -> bool:
    return not line.strip()


def line_mode(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when the text separates its blocks by single line breaks only."""
    lines = text[start:end].split("\n")
    content = [l for l in lines if l.strip()]
    blank = len(lines) - len(content)
    return len(content) > 3 and blank * 5 < len(content)


def split_blocks(text: str, start: int = 0, end: int | None = None,
                 *, single_lines: bool | None = None) -> list[Region]:
    """Regions of the blocks in ``text[start:end]``, stripped of outer whitespace."""
    end = len(text) if end is None else end
    if single_lines is None:
        single_lines = line_mode(text, start, end)
    regions: list[Region] = []
    block_start: int | None = None
    block_end = start
    pos = start
    for line in text[start:end].split("\n"):
        line_end = pos + len(line)
        if is_blank(line):
            if block_start is not None:
                regions.append(_strip(text, block_start, block_end))
                block_start = None
        else:
            if single_lines and block_start is not None:
                regions.append(_strip(text, block_start, block_end))
                block_start = None
            if block_start is None:
                block_start = pos
            block_end = line_end
        pos = line_end + 1
    if block_start is not None:
        regions.append(_strip(text, block_start, block_end))
    return regions


def _strip(text: str, start: int, end: int) -> Region:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Region(start, end)


def words(s: str) -> list[str]:
    return s.split()


def is_sentence(s: str) -> bool:
    """A block that reads as prose: ends like a sentence and is not a short label line."""
    s = s.rstrip().rstrip("])").rstrip()
    return bool(_SENTENCE_END.search(s)) and not _TIME_END.search(s)


_DATE_COMPANIONS = re.compile(
    r"(?i)^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midnight|hours?|hrs|"
    r"at|on|of|the|in|a|p|m|am|pm|local|time|moscow|gmt|utc|sent|dated|undated)$"
)


def is_date_only(s: str) -> bool:
    """The line is a date, with at most a place, weekday or time beside it."""
    m = DATE_IN_LINE.search(s)
    if not m:
        return False
    rest = re.findall(r"[^\W\d_]+", s[: m.start()] + " " + s[m.end():])
    if len(rest) > 5:
        return False
    return all(w[0].isupper() or _DATE_COMPANIONS.match(w) for w in rest)


def _opener_kind(s: str) -> str | None:
    flat = " ".join(s.split())
    n = len(flat.split())
    tokens = re.findall(r"[A-Za-zº]+", flat.lower())
    if tokens and n <= 8 and all(t in _CLASSIFICATION_WORDS for t in tokens):
        return "classification"
    if n <= 10 and _NUMBER_LINE.match(flat):
        return "number"
    if (_RECEIPT_LINE.match(flat) or _RECEIPT.match(flat) and not re.match(
            r"(?i)(?:sent|dispatched|despatched|transmitted)\b", flat)) and n <= 20:
        return "receipt"
    caps = _LABELLED_CAPS.match(s)
    if caps:
        label = caps.group().strip(" :\n").lower()
        return {"subject": "subject", "participants": "participants", "participant": "participants",
                "present": "participants", "attendees": "participants"}.get(label, "heading")
    if re.match(r"(?i)^(?:subject|re)\s*:", flat):
        return "subject"
    if re.match(r"(?i)^(?:present|participants|attendees)\s*:", flat):
        return "participants"
    if _LABELLED.match(flat) and n <= 25:
        return "heading"
    if flat.startswith("[") and flat.endswith("]") and flat.count("[") == 1:
        return "editorial"
    if _FROM.match(flat) and n <= 14:
        return "dateline" if DATE_IN_LINE.search(flat) or flat.isupper() else "heading"
    if _ADDRESSEE.match(flat) and n <= 60 and (not is_sentence(flat.rstrip(".")) or flat.count(",") >= 1):
        return "addressee"
    if DATE_IN_LINE.search(flat) and n <= 10 and not is_sentence(flat):
        return "dateline"
    if is_date_only(flat):
        return "dateline"
    if flat.isupper() and n <= 8 and _DOCTYPE_WORDS.search(flat):
        return "doctype"
    if _SALUTE_OPEN.match(flat) and n <= 12 and re.search(r"[,!:]$", flat):
        return "salute"
    return None


def _short_line(s: str) -> bool:
    """A line of a letterhead or heading: a few words, not a sentence."""
    return all(len(l.split()) <= 12 and (not is_sentence(l) or len(l.split()) <= 4)
               for l in s.split("\n") if l.strip())


def _closer_kind(s: str, after_receipt: bool) -> str | None:
    flat = " ".join(s.split())
    n = len(flat.split())
    if _RECEIPT.match(flat) and n <= 30:
        return "receipt"
    if is_date_only(flat):
        return "receipt" if after_receipt else "dateline"
    if (_SALUTE_CLOSE.match(flat) or (flat.endswith(",") and re.search(
            r"(?i)\b(?:yours|sincerely|regards|respectfully|greetings|esteem|faithfully)\b", flat))) and n <= 14:
        return "salute"
    kind = _opener_kind(s)
    if kind in ("classification", "number", "editorial", "heading"):
        return kind
    if n <= 12 and not is_sentence(flat):
        return "signature"
    if re.fullmatch(r"\(?[A-ZÀ-Ý][A-ZÀ-Ý .’'-]+\)?\.?", flat) and n <= 12:
        return "signature"
    return None


def _is_footnotes(s: str, text: str) -> bool:
    """Footnote texts at the end: "[1] ..." or lines each opening with a marker ("b The ...").

    A bare number counts as a marker only when the same number stands glued to a word
    earlier in the text (``Kaesong3``), as footnote markers do.
    """
    lines = [l.strip() for l in s.split("\n") if l.strip()]
    if _FOOTNOTE_TEXT.match(s):
        return True
    if len(lines) > 20:
        return False
    for line in lines:
        m = _FOOTNOTE_LINE.match(line)
        if not m or len(line.split()) < 4 or is_date_only(line):
            return False
        marker = line.split()[0]
        if marker.isdigit() and not re.search(rf"[^\W\d_][’'.,;:)]?{marker}(?!\d)", text):
            return False
    return True


def _lines(text: str, r: Region) -> list[Region]:
    out, pos = [], r.start
    for line in text[r.start:r.end].split("\n"):
        if line.strip():
            out.append(_strip(text, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _unit_kinds(text: str, r: Region, kind_of) -> list[tuple[Region, str]] | None:
    """Kinds for a block as a whole, or line by line when every line has one."""
    kind = kind_of(text[r.start:r.end])
    lines = _lines(text, r)
    if len(lines) > 1:
        kinds = [kind_of(text[l.start:l.end]) for l in lines]
        if all(kinds):
            return list(zip(lines, kinds))  # type: ignore[arg-type]
    return [(r, kind)] if kind else None


def classify(text: str, regions: Sequence[Region]) -> tuple[Block, ...]:
    """Sort document blocks into opener, body and closer, each with its kind.

    Opener and closer lines are recognised by form; a block of several lines
    that are each an opener or closer line is split into its lines.
    """
    regions = list(regions)
    footnotes: list[Region] = []
    while len(regions) > 1 and _is_footnotes(text[regions[-1].start:regions[-1].end], text):
        footnotes.insert(0, regions.pop())
    opener: list[tuple[Region, str]] = []
    i = 0
    pending: list[tuple[Region, str]] = []  # short lines kept only if a known opener line follows
    while i < len(regions) - 1:
        units = _unit_kinds(text, regions[i], _opener_kind)
        if units is None:
            if not _short_line(text[regions[i].start:regions[i].end]) or len(pending) >= 4:
                break
            pending.append((regions[i], "heading"))
        else:
            opener.extend(pending)
            pending = []
            opener.extend(units)
        i += 1
    i -= len(pending)
    body_start = i
    closer: list[tuple[Region, str]] = []
    j = len(regions)
    while j - 1 > body_start:
        r = regions[j - 1]
        prev = text[regions[j - 2].start:regions[j - 2].end] if j >= 2 else ""

        def kind_of(s: str, _prev: str = prev) -> str | None:
            return _closer_kind(s, bool(_RECEIPT.match(_prev.strip())))

        units = _unit_kinds(text, r, kind_of)
        if units is None:
            break
        # within a split block, a date line right after a receipt line is the receipt's date
        fixed = []
        for k, (u, kind) in enumerate(units):
            if kind == "dateline" and k and units[k - 1][1] == "receipt":
                kind = "receipt"
            fixed.append((u, kind))
        closer[:0] = fixed
        j -= 1
    blocks = [Block(r.start, r.end, "opener", k) for r, k in opener]
    blocks += [Block(r.start, r.end, "body", "p") for r in regions[body_start:j]]
    blocks += [Block(r.start, r.end, "closer", k) for r, k in closer]
    blocks += [Block(r.start, r.end, "notes", "footnote") for r in footnotes]
    return tuple(blocks)
