"""Build a gold corpus (tests/corpus2, tests/corpus3) from annotated sources, and check it.

    python tests/corpus2/build.py          # src/NAME.ann -> NAME.txt + NAME.gold.json, then check
    python tests/corpus2/build.py --check  # only check every NAME.txt against its NAME.gold.json

(Each corpus's build.py calls ``main`` here with its own folder.)

An annotated source is the document's text with its mentions marked inline:
``{P|Name}`` person, ``{L|Name}`` place, ``{O|Name}`` organisation,
``{D|text|ISO}`` date. ``%RIGHTS%`` expands to the archive's rights paragraphs
(annotated). Braces occur nowhere else in these documents. A line ``%NBSP%``
alone stands for a blank-looking line holding U+00A0.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

KINDS = {"P": "persons", "L": "places", "O": "orgs", "D": "dates"}
RIGHTS = (
    "The {O|History and Public Policy Program} welcomes reuse of Digital Archive materials for research "
    "and educational purposes. Some documents may be subject to copyright, which is retained by the "
    "rights holders in accordance with {L|US} and international copyright laws. When possible, rights "
    "holders have been contacted for permission to reproduce their materials.\n\n"
    "To enquire about this document's rights status or request permission for commercial use, please "
    "contact the {O|History and Public Policy Program} at [email\u00a0protected]."
)
MARK = re.compile(r"\{([PLOD])\|([^{}|]*)(?:\|([^{}|]*))?\}")


def build(ann: str) -> tuple[str, dict[str, list[dict]]]:
    ann = ann.replace("%RIGHTS%", RIGHTS)
    ann = re.sub(r"(?m)^%NBSP%$", "\u00a0", ann)
    out: list[str] = []
    gold: dict[str, list[dict]] = {k: [] for k in KINDS.values()}
    pos = 0
    length = 0
    for m in MARK.finditer(ann):
        plain = ann[pos:m.start()]
        if "{" in plain or "}" in plain:
            raise SystemExit(f"stray brace near {plain[-40:]!r}")
        out.append(plain)
        length += len(plain)
        kind, surface, when = m.group(1), m.group(2), m.group(3)
        item = {"text": surface, "start": length, "end": length + len(surface)}
        if kind == "D":
            if not when:
                raise SystemExit(f"date without ISO value: {surface!r}")
            item["when"] = when
        elif when is not None:
            raise SystemExit(f"a {kind} mention has a third field: {m.group()!r}")
        gold[KINDS[kind]].append(item)
        out.append(surface)
        length += len(surface)
        pos = m.end()
    tail = ann[pos:]
    if "{" in tail or "}" in tail:
        raise SystemExit(f"stray brace near {tail[:40]!r}")
    out.append(tail)
    return "".join(out), gold


def check(txt: Path) -> list[str]:
    text = txt.read_text(encoding="utf-8")
    gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
    problems = []
    spans = []
    for kind in KINDS.values():
        items = gold.get(kind, [])
        if [x["start"] for x in items] != sorted(x["start"] for x in items):
            problems.append(f"{txt.name}: {kind} not sorted")
        for x in items:
            if text[x["start"]:x["end"]] != x["text"]:
                problems.append(f"{txt.name}: {kind} {x} does not match {text[x['start']:x['end']]!r}")
            if x["text"] != x["text"].strip() or not x["text"]:
                problems.append(f"{txt.name}: {kind} {x['text']!r} has outer space")
            if kind == "dates" and not re.fullmatch(r"\d{4}(-\d\d(-\d\d(T\d\d:\d\d)?)?)?", x.get("when", "")):
                problems.append(f"{txt.name}: date {x} has a bad ISO value")
            spans.append((x["start"], x["end"], kind))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            problems.append(f"{txt.name}: overlap {a} {b}")
    return problems


def main(here: Path) -> None:
    """Build (unless --check) and check the corpus in the folder ``here``; exit 1 on a problem."""
    if "--check" not in sys.argv:
        for ann in sorted((here / "src").glob("*.ann")):
            text, gold = build(ann.read_text(encoding="utf-8"))
            (here / (ann.stem + ".txt")).write_text(text, encoding="utf-8", newline="")
            (here / (ann.stem + ".gold.json")).write_text(
                json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    problems = [p for txt in sorted(here.glob("*.txt")) for p in check(txt)]
    for p in problems:
        print(p)
    counts = {k: 0 for k in KINDS.values()}
    n = 0
    for g in here.glob("*.gold.json"):
        n += 1
        for k, v in json.loads(g.read_text(encoding="utf-8")).items():
            counts[k] += len(v)
    print(f"{n} documents; " + ", ".join(f"{v} {k}" for k, v in counts.items())
          + ("; OK" if not problems else f"; {len(problems)} problems"))
    sys.exit(1 if problems else 0)
