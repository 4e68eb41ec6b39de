"""How tei-encoder copes with large inputs: time and memory, by size.

    python benchmarks/large_input.py [--sizes 50,100,200,400,800] [--read-mb 50]

1. The 50 MB file of issue 4: ``encode`` refuses it from its size (a stat,
   the bytes are never read); time and peak memory of that refusal.
2. The read stage alone (decode, LF, NFC, XML character check) on a
   ``--read-mb`` MB text held in memory, past the size limit, to show that
   reading is linear and cheap.
3. The whole job (read, encode, serialise, validate) on sidecar texts of
   ``--sizes`` KB made by repeating documents of ../shared/corpus/dev, each
   size in a fresh process (so that peak RSS is that size's own), and the
   time extrapolated to the 2 MiB limit from the growth between the two
   largest sizes.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from encoder.errors import SourceError  # noqa: E402
from encoder.reading import MAX_SOURCE_BYTES, _decode, load_source, normalise  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"
META = 'title = "A long report"\ndate = "1950-03-02"\n'


def body(size: int) -> str:
    """About ``size`` bytes of real document text: dev documents, one after another."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))] or [
        "The Ambassador in Iran (Allen) to the Secretary of State.\n\nTehran, March 2, 1948.\n"]
    parts, total, i = ["A long report\n\n"], 0, 0
    while True:  # whole documents, as many as fit in ``size``
        part = texts[i % len(texts)] + "\n\n"
        if total + len(part.encode("utf-8")) > size - 32:
            return "".join(parts)
        parts.append(part)
        total += len(part.encode("utf-8"))
        i += 1


def refuse_50mb(folder: Path, mb: int) -> None:
    big = folder / "big.txt"
    line = b"The Ambassador in Iran to the Secretary of State. " * 20 + b"\n"
    with big.open("wb") as fh:
        for _ in range(mb * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        load_source(big)
    except SourceError as err:
        message = str(err)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"1. {big.stat().st_size / 1e6:.1f} MB source: refused in {seconds * 1000:.2f} ms, "
          f"peak Python memory {peak / 1024:.0f} KiB\n   {message}")


def read_stage(mb: int) -> None:
    raw = body(mb * 1024 * 1024).encode("utf-8").replace(b"\n", b"\r\n")
    started = time.perf_counter()
    text = _decode(raw, "big.txt", None)[0]
    decoded = time.perf_counter()
    normalise(text, origin="big.txt")
    done = time.perf_counter()
    print(f"2. read stage on {len(raw) / 1e6:.1f} MB (CRLF, UTF-8): decode {decoded - started:.2f} s, "
          f"LF + NFC + XML check {done - decoded:.2f} s, peak RSS {_peak_rss_kb() / 1024:.0f} MiB")


def one_size(kb: int) -> dict[str, float]:
    """Run in a child process: the whole job on a text of ``kb`` KB."""
    from encoder.pipeline import encode_file
    from encoder.gazetteer import load_gazetteer
    from encoder.registers import Registers
    from encoder.tei import serialize
    from encoder.validate import validate, xsd_schema

    load_gazetteer()
    xsd_schema()
    base = _peak_rss_kb()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.txt"
        src.write_text(body(kb * 1024), encoding="utf-8")
        (Path(tmp) / "doc.meta.toml").write_text(META, encoding="utf-8")
        t0 = time.perf_counter()
        result = encode_file(src, registers=Registers())
        t1 = time.perf_counter()
        data = serialize(result.tree, fingerprint=True)
        report = validate(result.tree)
        t2 = time.perf_counter()
    return {"encode": t1 - t0, "validate": t2 - t1, "out_kb": len(data) / 1024, "ok": report.ok,
            "rss_mb": _peak_rss_kb() / 1024, "base_mb": base / 1024}


def _peak_rss_kb() -> int:
    # VmHWM is this process's own peak; ru_maxrss on Linux carries the parent's over fork + exec.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def whole_job(sizes: list[int]) -> None:
    print("3. whole job (sidecar text; encode = read + parse + tag + link + TEI tree)")
    print(f"   {'KB':>6} {'encode s':>9} {'validate s':>11} {'TEI KB':>8} {'peak RSS MiB':>13} "
          f"{'(at start)':>10} valid")
    rows = []
    for kb in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(kb)], capture_output=True, text=True)
        if out.returncode:
            print(f"   {kb:>6} failed: {(out.stderr.strip().splitlines() or ['?'])[-1]}")
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((kb, row))
        print(f"   {kb:>6} {row['encode']:>9.2f} {row['validate']:>11.2f} {row['out_kb']:>8.0f} "
              f"{row['rss_mb']:>13.0f} {row['base_mb']:>10.0f} {row['ok']}")
    if len(rows) >= 2:
        (k1, r1), (k2, r2) = rows[-2], rows[-1]
        t1, t2 = r1["encode"] + r1["validate"], r2["encode"] + r2["validate"]
        exponent = math.log(t2 / t1) / math.log(k2 / k1)
        limit_kb = MAX_SOURCE_BYTES / 1024
        print(f"   time grows as size^{exponent:.2f} between {k1} and {k2} KB; "
              f"extrapolated to the {limit_kb / 1024:.0f} MiB limit: {t2 * (limit_kb / k2) ** exponent:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,100,200,400,800", help="KB sizes for the whole job")
    parser.add_argument("--read-mb", type=int, default=50, help="MB for the read stage alone")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_size(args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        refuse_50mb(Path(tmp), 50)
    read_stage(args.read_mb)
    whole_job([int(s) for s in args.sizes.split(",") if s])


if __name__ == "__main__":
    main()
