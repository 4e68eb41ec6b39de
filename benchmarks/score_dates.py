"""Score ``find_dates`` against the gold dates of the development corpus and the seed.

Usage: ``python benchmarks/score_dates.py [--show] [--corpus DIR]``

For every ``DIR/dev/*.txt`` (context date from the ``.meta.toml`` sidecar) and
the seed (document date 1945-11-21) the whole text is one region. Prints
precision, recall and F1 for exact spans, and for exact spans with the right
ISO ``when`` (``T22:00:00`` and ``T22:00`` count as the same value), then the
time per document. ``--show`` lists every miss and every false alarm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from encoder.model import TagContext  # noqa: E402
from encoder.tagging.dates import find_dates  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus")
SEED_DATE = dt.date(1945, 11, 21)


def normalise_when(when: str | None) -> str | None:
    """Drop zero seconds so that ``…T22:00:00`` equals the gold's ``…T22:00``."""
    if when is None:
        return None
    return re.sub(r"(T\d\d:\d\d):00$", r"\1", when)


def documents(corpus: Path) -> list[tuple[str, str, TagContext, list[dict]]]:
    docs = []
    for txt in sorted((corpus / "dev").glob("*.txt")):
        meta = tomllib.loads(txt.with_suffix(".meta.toml").read_text(encoding="utf-8"))
        date = dt.date.fromisoformat(meta["date"]) if "date" in meta else None
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))["dates"]
        docs.append((txt.stem, txt.read_text(encoding="utf-8"),
                     TagContext(date=date, language=meta.get("language")), gold))
    for txt in sorted((corpus / "seed").glob("*.txt")):
        gold_path = txt.with_name(txt.stem + ".gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["dates"]
        docs.append((txt.stem, txt.read_text(encoding="utf-8"), TagContext(date=SEED_DATE), gold))
    return docs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list misses and false alarms")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)

    tp = fp = fn = vtp = vfp = vfn = 0
    elapsed: list[tuple[float, int]] = []
    for name, text, ctx, gold in documents(args.corpus):
        t0 = time.perf_counter()
        for _ in range(20):
            spans = find_dates(text, [(0, len(text))], ctx)
        elapsed.append(((time.perf_counter() - t0) / 20, len(text)))
        got = {(s.start, s.end): normalise_when(s.attr("when")) for s in spans}
        want = {(g["start"], g["end"]): normalise_when(g["when"]) for g in gold}
        both = got.keys() & want.keys()
        tp += len(both)
        fp += len(got.keys() - want.keys())
        fn += len(want.keys() - got.keys())
        good = {k for k in both if got[k] == want[k]}
        vtp += len(good)
        vfp += len(got) - len(good)
        vfn += len(want) - len(good)
        if args.show:
            for k in sorted(got.keys() | want.keys()):
                if k in good:
                    continue
                frag = text[k[0]:k[1]].replace("\n", "⏎")
                ctxt = text[max(0, k[0] - 30):k[1] + 20].replace("\n", "⏎")
                print(f"{name}: {frag!r} got={got.get(k)} gold={want.get(k)}   …{ctxt}…")
    p, r, f = prf(tp, fp, fn)
    print(f"spans        P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})")
    p, r, f = prf(vtp, vfp, vfn)
    print(f"spans+when   P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={vtp} fp={vfp} fn={vfn})")
    per_4k = [t / n * 4096 * 1000 for t, n in elapsed]
    print(f"time: mean {sum(t for t, _ in elapsed) / len(elapsed) * 1000:.3f} ms/doc, "
          f"{sum(per_4k) / len(per_4k):.3f} ms per 4 kB (max {max(per_4k):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
