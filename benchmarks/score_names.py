"""Score encoder.tagging.names.find_names against the gold of the dev corpus and the seed.

    python benchmarks/score_names.py [--corpus DIR] [--seed DIR] [--show]

Every ``*.txt`` with a ``.gold.json`` beside it is tagged as one region (the
whole text), with the context of its ``.meta.toml`` (date; country from the
place via the gazetteer). A mention counts when its span is exactly the gold
span; a persName is compared by its name proper (``names.name_proper``: the
span minus leading titles, except name-forming honorifics). Prints precision,
recall and F1 per type, overall and per document, and the time per document.
``--show`` lists the misses and false alarms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from encoder.gazetteer import load_gazetteer  # noqa: E402
from encoder.model import TagContext  # noqa: E402
from encoder.tagging.names import find_names, name_proper  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
TYPES = {"persons": "persName", "places": "placeName", "orgs": "orgName"}


def context_for(txt: Path, gaz) -> TagContext:
    meta_path = txt.with_suffix(".meta.toml")
    if not meta_path.exists():
        return TagContext()
    meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    date = None
    if isinstance(meta.get("date"), str):
        try:
            date = dt.date.fromisoformat(meta["date"][:10])
        except ValueError:
            date = None
    elif isinstance(meta.get("date"), dt.date):
        date = meta["date"]
    country = None
    place = meta.get("place")
    if place:
        hits = gaz.lookup(str(place).strip("[] ,"))
        country = hits[0].country if hits else None
    return TagContext(date=date, country=country, language=meta.get("language"),
                      places=(place,) if place else ())


def predicted(text: str, spans) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {t: set() for t in TYPES}
    for s in spans:
        if s.tag == "persName":
            out["persons"].add(name_proper(text, s, spans))
        elif s.tag == "placeName":
            out["places"].add((s.start, s.end))
        elif s.tag == "orgName":
            out["orgs"].add((s.start, s.end))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "dev")
    ap.add_argument("--seed", type=Path, default=SHARED / "seed")
    ap.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    gaz = load_gazetteer()
    load_s = time.perf_counter() - t0

    files = sorted(args.seed.glob("*.txt")) + sorted(args.corpus.glob("*.txt"))
    files = [f for f in files if f.with_suffix(".gold.json").exists()]
    totals = {t: Counter() for t in TYPES}
    times = []
    chars = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        gold = json.loads(f.with_suffix(".gold.json").read_text(encoding="utf-8"))
        ctx = context_for(f, gaz)
        t1 = time.perf_counter()
        spans = find_names(text, [(0, len(text))], ctx, gaz)
        times.append(time.perf_counter() - t1)
        chars += len(text)
        pred = predicted(text, spans)
        line = [f"{f.stem[:28]:28}"]
        for t in TYPES:
            g = {(m["start"], m["end"]) for m in gold.get(t, [])}
            p = pred[t]
            tp, fp, fn = len(g & p), len(p - g), len(g - p)
            totals[t].update(tp=tp, fp=fp, fn=fn)
            line.append(f"{t[:4]} {tp:3d}/{len(g):3d} fp {fp:2d}")
            if args.show:
                for s, e in sorted(g - p):
                    print(f"  MISS {t:7} {text[s:e]!r} @{s}  «{text[max(0, s-30):s]}⟦{text[s:e]}⟧{text[e:e+30]}»".replace("\n", "⏎"))
                for s, e in sorted(p - g):
                    print(f"  FALSE {t:7} {text[s:e]!r} @{s}  «{text[max(0, s-30):s]}⟦{text[s:e]}⟧{text[e:e+30]}»".replace("\n", "⏎"))
        print("  ".join(line) + f"  {times[-1] * 1000:6.1f} ms")

    print()
    print(f"{'type':8} {'P':>6} {'R':>6} {'F1':>6}   tp   fp   fn")
    for t in TYPES:
        c = totals[t]
        p, r, f1 = prf(c["tp"], c["fp"], c["fn"])
        print(f"{t:8} {p:6.3f} {r:6.3f} {f1:6.3f} {c['tp']:4d} {c['fp']:4d} {c['fn']:4d}")
    print()
    print(f"gazetteer load {load_s * 1000:.0f} ms; {len(files)} documents, {chars} chars; "
          f"tagging {sum(times) * 1000:.0f} ms total, {sum(times) / len(files) * 1000:.1f} ms/doc, "
          f"{sum(times) / chars * 4096 * 1000:.1f} ms per 4 kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
