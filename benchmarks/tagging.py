"""Tagging quality and speed of the whole encoder, measured against gold annotations.

    python benchmarks/tagging.py [--show] [CORPUS_DIR ...]

Every ``ID.txt`` with an ``ID.gold.json`` beside it is encoded by the real
pipeline (page or sidecar form, brackets, structure, tagging, linking; the
spans are the ones that end up in the TEI). A mention counts when its span
equals the gold span exactly (a persName is compared by its name proper:
the span less leading titles such as "Cde." or "Lt. Col.", which the gold
leaves out); dates also count as "dates+ISO" when @when equals the gold ISO
value (seconds ":00" ignored). The page date of an archive page counts as a
date mention (it is the header's bibl/date). Prints precision, recall, F1 per
type and corpus, and the median encode and tagging time per document.
Default corpora: the seed, ../shared/corpus/dev, and tests/corpus (our own
documents in the archive's forms, which no rule was tuned on).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from encoder.gazetteer import load_gazetteer  # noqa: E402
from encoder.model import Edition  # noqa: E402
from encoder.pipeline import encode_parsed, parse  # noqa: E402
from encoder.reading import read_source  # noqa: E402
from encoder.registers import Registers  # noqa: E402
from encoder.sidecar import sidecar_for  # noqa: E402
from encoder.tagging.names import name_proper  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
TYPES = {"persons": "persName", "places": "placeName", "orgs": "orgName", "dates": "date"}


def _iso(v: str | None) -> str | None:
    """One form for one instant: seconds dropped, the end of a day (T24:00, as the gold may write
    it) as the next day's T00:00 (as the encoder writes it)."""
    v = v[:-3] if v and len(v) == 19 and v.endswith(":00") else v
    if v and v.endswith("T24:00"):
        v = (dt.date.fromisoformat(v[:10]) + dt.timedelta(days=1)).isoformat() + "T00:00"
    return v


def mentions(path: Path, timings: dict[str, list[float]]) -> dict[str, set[tuple]]:
    source = read_source(path)
    meta = sidecar_for(path) if sidecar_for(path).exists() else None
    t0 = time.perf_counter()
    parsed = parse(source, meta=meta)
    t1 = time.perf_counter()
    enc = encode_parsed(parsed, registers=Registers(), edition=Edition(), gazetteer=load_gazetteer())
    t2 = time.perf_counter()
    timings["encode"].append(t2 - t0)
    timings["tag"].append(t2 - t1)
    text = source.text
    out: dict[str, set[tuple]] = {k: set() for k in (*TYPES, "dates+ISO")}
    for s in enc.spans:
        for kind, tag in TYPES.items():
            if s.tag == tag:
                start, end = name_proper(text, s, enc.spans) if tag == "persName" else (s.start, s.end)
                out[kind].add((start, end))
                if tag == "date":
                    out["dates+ISO"].add((s.start, s.end, _iso(s.attr("when"))))
    m = parsed.meta
    if m.date_region is not None and m.date:
        out["dates"].add((m.date_region.start, m.date_region.end))
        out["dates+ISO"].add((m.date_region.start, m.date_region.end, m.date))
    return out


def gold(path: Path) -> dict[str, set[tuple]]:
    g = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    out = {k: {(x["start"], x["end"]) for x in g.get(k, [])} for k in TYPES}
    out["dates+ISO"] = {(x["start"], x["end"], _iso(x.get("when"))) for x in g.get("dates", [])}
    return out


def score(paths: list[Path], show: bool) -> tuple[dict[str, tuple[int, int, int]], dict[str, list[float]]]:
    counts = {k: [0, 0, 0] for k in (*TYPES, "dates+ISO")}  # tp, fp, fn
    timings: dict[str, list[float]] = {"encode": [], "tag": []}
    for p in paths:
        pred, want = mentions(p, timings), gold(p)
        text = p.read_text(encoding="utf-8")
        for k in counts:
            tp = pred[k] & want[k]
            counts[k][0] += len(tp)
            counts[k][1] += len(pred[k] - want[k])
            counts[k][2] += len(want[k] - pred[k])
            if show and k != "dates+ISO":
                for s in sorted(pred[k] - want[k]):
                    print(f"  {p.name} {k} false: {text[s[0]:s[1]]!r}")
                for s in sorted(want[k] - pred[k]):
                    print(f"  {p.name} {k} missed: {text[s[0]:s[1]]!r}")
    return {k: tuple(v) for k, v in counts.items()}, timings  # type: ignore[misc]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--show", action="store_true", help="list false and missed mentions")
    args = ap.parse_args()
    corpora = args.corpora or [SHARED / "seed", SHARED / "dev", ROOT / "tests" / "corpus"]
    load_gazetteer()
    # Warm the word lists and compiled patterns with one document first, so that the times are the
    # steady state (the first call also loads the lists: about 30 ms).
    first = next((p for folder in corpora for p in sorted(folder.rglob("*.txt"))), None)
    if first is not None:
        mentions(first, {"encode": [], "tag": []})
    for folder in corpora:
        paths = sorted(p for p in folder.rglob("*.txt") if p.with_suffix(".gold.json").exists())
        if not paths:
            continue
        counts, timings = score(paths, args.show)
        print(f"\n{folder} ({len(paths)} documents)")
        print(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6}   (tp/fp/fn)")
        for k, (tp, fp, fn) in counts.items():
            p, r, f = prf(tp, fp, fn)
            print(f"{k:<10} {p:6.3f} {r:6.3f} {f:6.3f}   ({tp}/{fp}/{fn})")
        print(f"median per document: encode (parse+tag+link) {statistics.median(timings['encode']) * 1000:.1f} ms, "
              f"tag+link {statistics.median(timings['tag']) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
