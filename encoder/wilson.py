"""Wilson Center Digital Archive pages saved as text -> ``Parsed``.

The parts of a page are recognised by their form, never by one page's
wording: a page date is a line that is only a date; the title is the first
line after it; the funder line says "made possible with support from"; the
document runs until the archive's labels ("Document Information",
"Associated Topics" ...); the summary is the block just before them (or, in
the older layout, the block in the citation panel); label/value pairs and
unlabelled citation, rights and funder blocks follow. Web-page furniture is
dropped and listed, so the header can say what was left out.
"""

from __future__ import annotations

import re

from encoder import citation as cit
from encoder.errors import SourceError
from encoder.languages import code_for
from encoder.model import Credit, Metadata, Parsed, Region, Source
from encoder.structure import classify, line_mode, split_blocks

_MONTH_NUM = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
PAGE_DATE = re.compile(
    rf"^(?P<circa>(?:c\.|ca\.|circa)\s*)?(?:{_MONTH}\s+(?:(?P<day>\d{{1,2}}),\s+)?)?(?P<year>1[5-9]\d\d|20\d\d)s?$"
    rf"|^(?P<day2>\d{{1,2}})\s+(?P<month2>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(?P<year2>1[5-9]\d\d|20\d\d)$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^(?:•\s*)?(?:skip to (?:main )?content|search in|search|menu|home|digital archive|"
    r"digital archive international history declassified|international history declassified|"
    r"citation|get citation|share document|share|print|download|download pdf|pdf|"
    r"(?:[A-Z][a-z]+\s+)?(?:html|pdf|transcript|translation|scan)|original scan|"
    r"view original|english translation)$",
    re.IGNORECASE,
)
_FUNDING = re.compile(r"^This document was made possible with support from\s+(?P<funder>.+?)\.?$", re.IGNORECASE)
_INFO = re.compile(r"^Document Information:?$", re.IGNORECASE)
_TOPIC_LABEL = re.compile(
    r"^(?:Author\(s\)|Authors?|Associated Places|Associated Topics|Associated People(?: &| and) Organi[sz]ations|"
    r"Subjects Discussed|Keywords|Related Documents|Document Type|Collections?|Themes?)\s*:?$",
    re.IGNORECASE,
)
# Labels of the "Document Information" block, with the form their value takes. "At most N
# words" is written so that a word can be split only one way: "(?:\S+\s*){1,N}$" tried every
# split of every word of a long block and never ended.
def _words(n: int) -> str:
    return rf"^\S+(?:\s+\S+){{0,{n - 1}}}\s*$"


_LABELS: dict[str, re.Pattern[str]] = {
    "source": re.compile(r"."),
    "original archive": re.compile(_words(20)),
    "rights": re.compile(r"."),
    "original uploaded date": re.compile(r"^(?=.*\d)" + _words(8)[1:]),
    "type": re.compile(_words(5)),
    "language": re.compile(r"^[A-Z][\w ,/&()-]{1,60}$"),
    "record id": re.compile(r"^(?=.*\d)\S{1,24}$"),
    "original classification": re.compile(_words(6)),
}
_LABEL_LINE = re.compile(
    r"^(?P<label>Source|Original Archive|Rights|Original Uploaded Date|Type|Language|Record ID|"
    r"Original Classification)\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_QUOTED_CITATION = re.compile(
    r'^[“"](?P<title>.+?),?[”"],?\s+(?P<date>[^,]+(?:,\s*\d{4})?),\s+'
    r"(?:History and Public Policy Program Digital Archive|[^,]*Digital Archive),\s+(?P<source>.+)$",
    re.DOTALL,
)
_RIGHTS_WORDS = re.compile(r"(?i)\b(?:rights?|copyright|permission|reuse|licen[cs]e|reproduce)\b")
_FUNDER_WORDS = re.compile(r"\b(?:Foundation|Fund|Endowment|Trust|Corporation|Institute|Program|Programme|Council)\b")


def looks_like_wilson(text: str) -> bool:
    """True when the text has the marks of a saved archive page."""
    head = text[:4000]
    return bool(
        re.search(r"(?im)^\s*(?:Document Information|Skip to content|•?\s*get citation)\s*$", text)
        or re.search(r"(?i)made possible with support from", head)
        or re.search(r"(?i)History and Public Policy Program", text)
    )


def _single_line_page(text: str) -> bool:
    """Whether the page separates its blocks by single line breaks.

    Decided by the page's opening lines (page date, title, funder line, which
    the current layout separates by blank lines), or by how few blank lines
    the page has; a few blank lines further down (empty values in the
    Document Information block) do not change the form of the page.
    """
    lines = text.split("\n")
    opening: list[bool] = []  # blank or not, up to the fourth line with text
    for line in lines:
        opening.append(not line.strip())
        if sum(not b for b in opening) == 4:
            break
    first = opening.index(False) if False in opening else 0
    consecutive = not any(opening[first:])
    return consecutive or line_mode(text)


def page_date(s: str) -> tuple[str, str | None] | None:
    """ISO value and certainty of a page date line, or None if it is not one."""
    m = PAGE_DATE.match(s.strip())
    if not m:
        return None
    if m.group("year2"):
        month = _MONTH_NUM[m.group("month2").lower()]
        return f"{m.group('year2')}-{month:02d}-{int(m.group('day2')):02d}", None
    year = m.group("year")
    cert = "low" if m.group("circa") or s.strip().endswith("s") else None
    if not m.group("month"):
        return year, cert
    month = _MONTH_NUM[m.group("month").lower()]
    if not m.group("day"):
        return f"{year}-{month:02d}", cert
    return f"{year}-{month:02d}-{int(m.group('day')):02d}", cert


def parse_wilson(source: Source) -> Parsed:
    """Split a saved archive page into header metadata and document blocks."""
    text = source.text
    regions = split_blocks(text, single_lines=_single_line_page(text))
    get = lambda r: text[r.start:r.end]  # noqa: E731
    f: dict[str, object] = {}
    furniture: list[str] = []
    doc: list[Region] = []
    rights: list[Region] = []
    keywords: list[tuple[str, str, Region | None]] = []
    gaps: list[str] = []
    credits: list[Credit] = []
    state = "top"
    label: str | None = None
    label_filled = False
    end_marker = False

    def close_label() -> None:
        nonlocal label
        if label and not label_filled and label in _LABELS:
            gaps.append(_LABEL_NAMES[label])
        label = None

    for r in regions:
        s = get(r).strip()
        first = s.split("\n", 1)[0].strip()
        if state in ("top", "panel", "tabs", "doc") and _FURNITURE.match(first) and "\n" not in s:
            furniture.append(s)
            if first.lstrip("• ").lower() in ("citation", "get citation"):
                state = "panel"
            elif first.lstrip("• ").lower() in ("share document", "share"):
                state = "tabs" if state == "panel" else state
            continue
        m = _FUNDING.match(s)
        if m and "funding_region" not in f and state != "info":
            f["funding_region"] = r
            f["funder"] = m.group("funder").strip()
            continue
        if state == "top":
            pd = page_date(s)
            if pd and "date" not in f:
                f["date"], f["date_cert"] = pd
                f["date_text"] = s
                f["date_region"] = r
                continue
            if "title" not in f and "\n" not in s:
                f["title"], f["title_region"] = s, r
                state = "doc"
                continue
            state = "doc"
        if state == "panel":
            q = _QUOTED_CITATION.match(s)
            if q:
                t0 = r.start + q.start("title")
                f.setdefault("title", q.group("title"))
                f.setdefault("title_region", Region(t0, t0 + len(q.group("title"))))
                src0 = r.start + q.start("source")
                f["citation_region"] = Region(src0, r.start + len(s.rstrip()))
                f["suggested_citation_region"] = r
                continue
            if "summary_region" not in f:
                f["summary_region"] = r
                continue
            doc.append(r)
            continue
        if state == "tabs":
            state = "doc"
        if state == "doc":
            if _INFO.match(s) or _TOPIC_LABEL.match(first):
                end_marker = True
                state = "info"
            elif "title" in f and s == f["title"]:
                furniture.append(s)  # the page repeats its title
                continue
            else:
                doc.append(r)
                continue
        # state == "info": labels, values and unlabelled blocks
        if _INFO.match(s):
            close_label()
            furniture.append(s)
            continue
        if _TOPIC_LABEL.match(first):
            close_label()
            label = "topic:" + first.rstrip(":").strip()
            label_filled = False
            furniture.append(first)
            at = r.start + len(first)
            for line in s.split("\n")[1:]:
                if line.strip():
                    start = text.index(line.strip(), at)
                    at = start + len(line.strip())
                    keywords.append((label[6:], line.strip(), Region(start, at)))
            continue
        lm = _LABEL_LINE.match(first)
        if lm and (not lm.group("value") or lm.group("label").lower() not in ("source", "rights", "type")):
            close_label()
            label = lm.group("label").lower()
            label_filled = False
            furniture.append(lm.group("label"))
            rest = s[len(first):].strip()
            value = (lm.group("value") + ("\n" + rest if rest else "")).strip()
            if value:
                vstart = r.start + get(r).index(value)
                _store(f, label, Region(vstart, vstart + len(value)), value, rights, keywords)
                label_filled = True
            continue
        if label and label.startswith("topic:") and len(s.split()) <= 12:
            at = r.start
            for line in s.split("\n"):  # one value per line
                if line.strip():
                    start = text.index(line.strip(), at)
                    at = start + len(line.strip())
                    keywords.append((label[6:], line.strip(), Region(start, at)))
            label_filled = True
            continue
        if label in _LABELS and _LABELS[label].search(s) and (
            label in ("rights", "source") or not label_filled
        ) and not (label != "rights" and f.get("funder") == s):
            _store(f, label, r, s, rights, keywords)
            label_filled = True
            continue
        close_label()
        # unlabelled blocks: recognised by what they hold
        if f.get("funder") and s == f["funder"] or (
            "funder" not in f and r is regions[-1] and len(s.split()) <= 8 and _FUNDER_WORDS.search(s)
        ):
            f["funder"] = s
            f["funder_region"] = r
        elif "citation_region" not in f and not _RIGHTS_WORDS.search(s):
            f["citation_region"] = r
        elif _RIGHTS_WORDS.search(s) or rights:
            rights.append(r)
        else:
            keywords.append(("", s, r))
    close_label()

    if "title" not in f:
        raise SourceError(
            "no title found: this does not look like an archive page",
            origin=source.origin,
            line=1,
            hint="give the page as saved from the archive, or a plain text with --meta FILE",
        )
    # The summary closes the document when the page goes on to its labels.
    if end_marker and "summary_region" not in f and len(doc) > 1:
        last = doc[-1]
        if "\n" not in get(last).strip() and len(get(last).split()) >= 5:
            f["summary_region"] = doc.pop()
    if not doc:
        raise SourceError(
            "no document text found on the page",
            origin=source.origin,
            line=source.line_of(f["title_region"].end) if f.get("title_region") else 1,  # type: ignore[union-attr]
            hint="the page seems to hold only its title and labels; save the page again with its text",
        )

    citation_text = get(f["citation_region"]) if "citation_region" in f else None  # type: ignore[arg-type]
    if citation_text is not None:
        credits.extend(cit.credits_in(citation_text, f["citation_region"].start))  # type: ignore[union-attr]
    blocks = classify(text, doc)
    last = blocks[-1]
    # A page that stops mid-sentence, with no closer and none of the archive's labels after it.
    incomplete = not end_marker and last.zone == "body" and not re.search(
        r"[.!?\"”’)\]:]$", text[last.start:last.end].rstrip())
    meta = Metadata(
        form="wilson",
        title=f["title"],  # type: ignore[arg-type]
        title_region=f.get("title_region"),  # type: ignore[arg-type]
        date=f.get("date"),  # type: ignore[arg-type]
        date_text=f.get("date_text"),  # type: ignore[arg-type]
        date_cert=f.get("date_cert"),  # type: ignore[arg-type]
        date_region=f.get("date_region"),  # type: ignore[arg-type]
        doc_type=f.get("type"),  # type: ignore[arg-type]
        classification=f.get("original classification"),  # type: ignore[arg-type]
        language=code_for(f.get("language")),  # type: ignore[arg-type]
        language_name=f.get("language"),  # type: ignore[arg-type]
        funder=f.get("funder"),  # type: ignore[arg-type]
        funder_region=f.get("funder_region"),  # type: ignore[arg-type]
        funding_region=f.get("funding_region"),  # type: ignore[arg-type]
        summary=get(f["summary_region"]) if "summary_region" in f else None,  # type: ignore[arg-type]
        summary_region=f.get("summary_region"),  # type: ignore[arg-type]
        citation=citation_text,
        citation_region=f.get("citation_region"),  # type: ignore[arg-type]
        suggested_citation_region=f.get("suggested_citation_region"),  # type: ignore[arg-type]
        rights=tuple(get(r) for r in rights),
        rights_regions=tuple(rights),
        credits=tuple(credits),
        archive=f.get("original archive"),  # type: ignore[arg-type]
        archive_region=f.get("original archive region"),  # type: ignore[arg-type]
        record_id=f.get("record id"),  # type: ignore[arg-type]
        uploaded=f.get("original uploaded date"),  # type: ignore[arg-type]
        uploaded_region=f.get("original uploaded date region"),  # type: ignore[arg-type]
        publisher="Wilson Center Digital Archive",
        keywords=tuple(keywords),
        gaps=tuple(gaps),
        furniture=tuple(furniture),
        incomplete=incomplete,
    )
    return Parsed(source=source, meta=meta, head=meta.title_region, blocks=blocks)


_LABEL_NAMES = {
    "source": "Source", "original archive": "Original Archive", "rights": "Rights",
    "original uploaded date": "Original Uploaded Date", "type": "Type", "language": "Language",
    "record id": "Record ID", "original classification": "Original Classification",
}


def _store(f: dict[str, object], label: str, r: Region, value: str,
           rights: list[Region], keywords: list[tuple[str, str, Region | None]]) -> None:
    if label == "rights":
        rights.append(r)
    elif label == "source":
        if "citation_region" in f:
            keywords.append(("Source", value, r))
        else:
            f["citation_region"] = r
    else:
        f[label] = value
        f[label + " region"] = r
