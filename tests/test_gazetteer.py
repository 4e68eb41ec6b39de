"""The packaged gazetteer: lookups, historical names, speed, and a fresh index."""

from __future__ import annotations

import gzip
import importlib.util
import math
import time
from pathlib import Path

import pytest

from encoder.gazetteer import INDEX_PATH, GeoEntry, Gazetteer, load_gazetteer, norm

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("raw", "key"),
    [("U. S. S. R.", "ussr"), ("USSR", "ussr"), ("Bogotá", "bogota"),
     ("Democratic Peoples’ Republic of Korea", "democratic peoples republic of korea"),
     ("Alma-Ata", "alma ata"), ("  Tabriz ", "tabriz"), ("Đồng Đăng", "dong dang"), ("Tromsø", "tromso"),
     ("Łódź", "lodz")],
    ids=["dotted", "acronym", "diacritic", "apostrophe", "hyphen", "spaces", "stroke-d", "slashed-o", "stroke-l"],
)
def test_norm(raw: str, key: str) -> None:
    assert norm(raw) == key


@pytest.mark.parametrize(
    ("name", "country", "expect_name", "expect_cc"),
    [
        ("Moscow", None, "Moscow", "RU"),
        ("Tabriz", None, "Tabriz", "IR"),
        ("Washington", None, "Washington", "US"),
        ("Georgia", None, "Georgia", "GE"),
        ("Georgia", "US", "Georgia", "US"),
        ("Astara", "IR", "Āstārā", "IR"),
        ("Astara", "AZ", "Astara", "AZ"),
    ],
    ids=["capital", "city", "capital-over-state", "country-over-state", "hint-state",
         "hint-iran", "hint-azerbaijan"],
)
def test_lookup_best_first(gaz: Gazetteer, name: str, country: str | None,
                           expect_name: str, expect_cc: str) -> None:
    best = gaz.lookup(name, country=country)[0]
    assert (best.name, best.country) == (expect_name, expect_cc)


@pytest.mark.parametrize(
    ("old", "today"),
    [("Rezayeh", "Orūmīyeh"), ("Shahpur", "Salmās"), ("Leningrad", "Saint Petersburg"),
     ("Stalingrad", "Volgograd"), ("Peking", "Beijing"), ("Peiping", "Beijing"),
     ("Canton", "Guangzhou"), ("Mukden", "Shenyang"), ("Tihwa", "Ürümqi"),
     ("Königsberg", "Kaliningrad"), ("Persia", "Iran")],
)
def test_historical_names_resolve_to_today(gaz: Gazetteer, old: str, today: str) -> None:
    assert gaz.lookup(old)[0].name == today


@pytest.mark.parametrize("old", ["Port Arthur", "Lushun", "Lüshun", "Ryojun"])
def test_port_arthur_is_lushun_not_dalian(gaz: Gazetteer, old: str) -> None:
    best = gaz.lookup(old)[0]
    assert (best.geonameid, best.name) == (1801722, "Lüshun")


@pytest.mark.parametrize("old", ["Dalny", "Dairen"])
def test_dalny_is_dalian(gaz: Gazetteer, old: str) -> None:
    assert gaz.lookup(old)[0].name == "Dalian"
    assert gaz.lookup(old)[0].geonameid != gaz.lookup("Port Arthur")[0].geonameid


@pytest.mark.parametrize(
    ("name", "not_same_as"),
    [("Hankow", "Wuhan"), ("East Prussia", "Prussia"), ("East Bengal", "West Bengal"),
     ("Transcaucasia", "Caucasus")],
)
def test_historical_rows_are_not_conflated(gaz: Gazetteer, name: str, not_same_as: str) -> None:
    """A historical name resolves to the place of its own extent, not to a larger or
    neighbouring one that absorbed it."""
    assert gaz.lookup(name)[0].geonameid != gaz.lookup(not_same_as)[0].geonameid


@pytest.mark.parametrize(("name", "cc"), [("Gaza", "PS"), ("Trieste", "IT"), ("Kaesong", "KP")])
def test_cities_keep_their_geonames_entry(gaz: Gazetteer, name: str, cc: str) -> None:
    """A city with an entry of its own is not shadowed by a region row of ours."""
    best = gaz.lookup(name)[0]
    assert best.geonameid > 0 and best.country == cc and best.feature == "city"


def test_lookups_are_remembered_but_not_shared(gaz: Gazetteer) -> None:
    first = gaz.lookup("Tabriz")
    first.clear()
    assert gaz.lookup("Tabriz") and gaz.lookup("Tabriz")[0].name == "Tabriz"


@pytest.mark.parametrize(
    "name",
    ["Iranian Azerbaijan", "Manchuria", "Sinkiang", "Indochina", "East Germany", "West Germany",
     "West Berlin", "Soviet Union", "U.S.S.R.", "Persian Gulf", "Kremlin", "Middle East"],
)
def test_own_entries(gaz: Gazetteer, name: str) -> None:
    assert gaz.is_place(name)
    e = gaz.lookup(name)[0]
    assert isinstance(e, GeoEntry)
    assert e.feature in ("city", "country", "continent", "region")


def test_own_entries_have_no_invented_ids_or_coordinates(gaz: Gazetteer) -> None:
    e = gaz.lookup("Manchuria")[0]
    assert e.geonameid < 0 and math.isnan(e.lat) and math.isnan(e.lon)


def test_soviet_union_is_a_historical_state(gaz: Gazetteer) -> None:
    e = gaz.lookup("USSR")[0]
    assert (e.name, e.country, e.feature) == ("Soviet Union", "SU", "country")


def test_not_places(gaz: Gazetteer) -> None:
    for word in ("Department", "Comrade", "Embassy", "Zagirnia"):
        assert not gaz.is_place(word), word
    assert gaz.lookup("") == []


def test_entry_by_id(gaz: Gazetteer) -> None:
    moscow = gaz.lookup("Moscow")[0]
    assert gaz.entry(moscow.geonameid) == moscow
    assert gaz.entry(999_999_999) is None


def test_loading_is_fast_and_cached() -> None:
    load_gazetteer.cache_clear()
    t0 = time.perf_counter()
    first = load_gazetteer()
    elapsed = time.perf_counter() - t0
    assert load_gazetteer() is first
    assert elapsed < 1.0, f"loading took {elapsed:.2f} s"


def test_lookup_is_fast(gaz: Gazetteer) -> None:
    t0 = time.perf_counter()
    for _ in range(1000):
        gaz.lookup("Tabriz")
    assert time.perf_counter() - t0 < 0.5


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_index_is_fresh() -> None:
    """The committed index is what scripts/build_gazetteer.py makes from the installed data."""
    build = _load_script("build_gazetteer")
    assert gzip.decompress(INDEX_PATH.read_bytes()) == build.build(), \
        "run: python scripts/build_gazetteer.py"


def test_wordlist_is_fresh() -> None:
    build = _load_script("build_wordlist")
    if not build.SOURCE.exists():
        pytest.skip(f"{build.SOURCE} absent (apt-get install wamerican)")
    assert build.TARGET.read_text(encoding="utf-8") == build.build(), \
        "run: python scripts/build_wordlist.py"
