"""Realistic test corpora of any size, invented from scratch: archive pages and sidecar texts.

    python benchmarks/corpus.py OUT_DIR -n 1000 [--seed 1] [--sidecar-share 0.3]

Every document is made up here, from word banks and sentence patterns written
for this generator: no text is copied from any archive. Persons, places and
organisations are invented (syllable-built surnames in the manner of Russian,
Hungarian, Czech and Polish, German, Chinese, Korean, Persian, English and
Spanish names), mixed with real capitals and states; archival call numbers,
record ids and credits are random.

Two input forms, in the shares of a mixed edition:

* archive pages saved as text (``ID.txt``) in every form of
  ``../shared/docs/wilson-pages.md``: the current page (blank lines, with or
  without labels in "Document Information", U+00A0 on blank-looking lines),
  single line breaks, the older layout with its citation panel, and truncated
  pages (stopping mid-sentence, with no summary and no information block);
* plain texts in the manner of FRUS with a ``ID.meta.toml`` sidecar.

The documents hold telegrams, records of conversation, letters, reports and
memoranda, with datelines, addressees, classification and number lines,
numbered paragraphs, speaker turns, signatures, receipts, footnotes, dates in
many forms, numbers and the translator's brackets (supplied words and years,
omissions, ``[SIC, ...]``, pseudonyms, parts of names, original wording,
editorial notes, footnote markers). Sizes follow a log-normal distribution
around the seed's (about 4 kB).

Document ``i`` depends only on ``(seed, i)``: the first 20 documents of a
corpus of 100,000 are the corpus of 20. Documents are written one at a time
(the corpus is never held in memory), with a ``MANIFEST.tsv`` line each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Document", "make_document", "generate", "write_corpus", "FORMS"]

#: The forms a document can take, with their share of a corpus (before the sidecar share).
FORMS = {"current": 0.45, "current-labelled": 0.15, "single-breaks": 0.15, "older": 0.12, "truncated": 0.13}

MEDIAN_SIZE = 4000  # bytes, the seed's size
NBSP = "\u00a0"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# ---------------------------------------------------------------------------
# Word banks: cultures (names, places, states), organisations, phrases
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Culture:
    key: str
    language: str              # the "Language" label of a page
    state: str                 # how a document names the state
    adjective: str
    cities: tuple[str, ...]    # real cities (the gazetteer knows most)
    given: tuple[str, ...]
    onsets: tuple[str, ...]    # surname = onset + middle + ending
    middles: tuple[str, ...]
    endings: tuple[str, ...]
    village_endings: tuple[str, ...]
    party: str
    archive: str               # a citation pattern, filled with random numbers
    words: tuple[str, ...] = ()  # transliterated words of the original ([polozhenie])
    given_style: str = "western"  # "western", "chinese", "korean"


CULTURES: tuple[Culture, ...] = (
    Culture("ru", "Russian", "the USSR", "Soviet",
            ("Moscow", "Leningrad", "Kiev", "Baku", "Tbilisi", "Tashkent", "Minsk", "Odessa", "Kharkov",
             "Riga", "Khabarovsk", "Vladivostok"),
            ("Ivan", "Pyotr", "Nikolai", "Sergei", "Andrei", "Mikhail", "Vasily", "Grigory", "Fyodor",
             "Arkady", "Lev", "Boris", "Yevgeny", "Konstantin", "Anatoly", "Valentina", "Yelena", "Tamara"),
            ("Kor", "Vol", "Bel", "Mar", "Zhur", "Lap", "Sem", "Tikh", "Gor", "Bur", "Pan", "Shev", "Kras",
             "Dub", "Len", "Ord", "Mel", "Sav", "Rus", "Fil", "Zar", "Kuz’", "Vasil’", "Grom"),
            ("", "", "an", "ich", "en", "ash", "ul", "in", "ar", "ot"),
            ("ov", "ev", "in", "enko", "sky", "ovich", "nikov", "chuk", "shin", "kov", "yev"),
            ("ovka", "ino", "evo", "skoye", "gorsk", "ovo"),
            "Communist Party of the Soviet Union (CPSU)",
            "RGASPI, f. {a}, op. {b}, d. {c}, ll. {p}-{q}.",
            ("polozhenie", "raikom", "ukazanie", "soveshchanie", "nachal’stvo", "zagotovki")),
    Culture("hu", "Hungarian", "the Hungarian People’s Republic", "Hungarian",
            ("Budapest", "Debrecen", "Szeged", "Miskolc", "Pécs", "Győr"),
            ("László", "Ferenc", "Gyula", "Imre", "Zoltán", "Erzsébet", "Béla", "Mátyás", "Sándor", "Katalin"),
            ("Szé", "Ker", "Bod", "Fal", "Hor", "Tót", "Vár", "Gál", "Pál", "Sza", "Fe", "Ber"),
            ("", "", "ke", "te", "ro", "ne"),
            ("lai", "ényi", "esi", "ó", "ős", "ányi", "áth", "csik", "di", "kovics"),
            ("háza", "falva", "szeg", "hegy", "vár"),
            "Hungarian Socialist Workers’ Party (HSWP)",
            "MNL OL, XIX-J-1-j, {word}, {a}. doboz, {b}/bc, 00{c}/{year}"),
    Culture("cs", "Czech", "Czechoslovakia", "Czechoslovak",
            ("Prague", "Brno", "Bratislava", "Ostrava", "Plzeň", "Olomouc"),
            ("Jiří", "Václav", "Tomáš", "Miroslav", "Jaroslav", "Karel", "Zdeněk", "Věra", "Milena"),
            ("Dvoř", "Hrub", "Kra", "Sed", "Kopeck", "Mar", "Pro", "Vesel", "Šim", "Ryb"),
            ("", "", "ov", "ič", "en"),
            ("ák", "ek", "ský", "ický", "ník", "ý", "ůnek", "ka"),
            ("ice", "ov", "any", "ín"),
            "Communist Party of Czechoslovakia (KSČ)",
            "Archive of the Ministry of Foreign Affairs (AMZV), TO-T, {word}, k. {a}, č.j. 0{c}/{yy}"),
    Culture("pl", "Polish", "the Polish People’s Republic", "Polish",
            ("Warsaw", "Kraków", "Gdańsk", "Łódź", "Wrocław", "Szczecin", "Poznań"),
            ("Bolesław", "Zbigniew", "Tadeusz", "Władysław", "Jan", "Stanisław", "Jadwiga", "Halina"),
            ("Wiś", "Kowal", "Jab", "Mły", "Stęp", "Łuk", "Zieliń", "Kamiń", "Grab", "Sob"),
            ("", "", "ni", "ar"),
            ("owski", "czyk", "iński", "ewicz", "ski", "ak", "ecki"),
            ("ów", "owo", "ice", "in"),
            "Polish United Workers’ Party (PZPR)",
            "AAN, KC PZPR, sygn. {a}/{b}, k. {p}-{q}"),
    Culture("de", "German", "the GDR", "East German",
            ("Berlin", "Leipzig", "Dresden", "Rostock", "Magdeburg", "Görlitz", "Erfurt"),
            ("Walter", "Heinz", "Kurt", "Gerhard", "Erich", "Otto", "Friedrich", "Ursula", "Hans", "Gisela"),
            ("Kl", "Br", "Sch", "Hof", "Weiß", "Gr", "M", "Lan", "R", "Stein", "Fr"),
            ("a", "e", "i", "ö", "ü", "au", "ei"),
            ("mann", "berg", "ner", "ke", "ler", "hardt", "dorf", "bach", "haupt"),
            ("dorf", "hausen", "feld", "au", "stedt"),
            "Socialist Unity Party of Germany (SED)",
            "SAPMO-BArch, DY 30/{c}, Bl. {p}-{q}"),
    Culture("zh", "Chinese", "the PRC", "Chinese",
            ("Beijing", "Shanghai", "Shenyang", "Tianjin", "Guangzhou", "Wuhan", "Harbin", "Dalian"),
            ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu",
             "Gao", "Lin", "Guo", "Luo"),
            ("guo", "hua", "ming", "jian", "wei", "de", "zhi", "qing", "lin", "hai", "yuan", "xiang", "ping",
             "dong", "feng", "zhen"),
            (), (), ("zhuang", "cun", "zhen", "xian"),
            "Communist Party of China (CPC)",
            "PRC FMA 1{a}-00{c}-0{b}, {p}-{q}",
            ("xiafang", "qunzhong", "zhengfeng", "dazibao"), given_style="chinese"),
    Culture("ko", "Korean", "the DPRK", "Korean",
            ("Pyongyang", "Kaesong", "Wonsan", "Hamhung", "Sinuiju", "Chongjin"),
            ("Kim", "Pak", "Ri", "Choe", "Kang", "Han", "Chong", "Yun", "Ho", "Nam"),
            ("Il", "Chol", "Song", "Ho", "Yong", "Nam", "Sok", "Hyon", "Gun", "Jin", "Tae", "Su"),
            (), (), ("-ri", "-dong", "-gun"),
            "Workers’ Party of Korea (WPK)",
            "AVP RF, f. 0102, op. {a}, p. {b}, d. {c}, ll. {p}-{q}.",
            ("juche", "chollima", "yangban"), given_style="korean"),
    Culture("fa", "Persian", "Iran", "Iranian",
            ("Tehran", "Tabriz", "Rasht", "Mashhad", "Isfahan", "Ardabil", "Urmia", "Qazvin"),
            ("Mohammad", "Ali", "Hossein", "Ja’far", "Reza", "Mahmud", "Karim", "Abbas", "Gholam", "Mehdi"),
            ("Tabri", "Kash", "Moh", "Nas", "Rahi", "Sadi", "Zand", "Ghaz", "Bahr", "Mir", "Khal"),
            ("", "", "an", "ol"),
            ("zadeh", "i", "ian", "pour", "nejad", "vand", "lu"),
            ("abad", "kand", "deh", "shahr"),
            "People’s Party of Iran (Tudeh)",
            "ARPIISSA, f. 1, op. {a}, d. {c}, ll. {p}-{q}",
            ("khaleseh", "zhandarm", "kadkhoda")),
    Culture("en", "English", "the United States", "American",
            ("Washington", "New York", "London", "Paris", "Geneva", "Bonn", "Rome", "Ottawa"),
            ("John", "Robert", "William", "Harold", "Charles", "Edward", "Margaret", "Thomas", "George",
             "Richard", "Dorothy", "Samuel"),
            ("Hal", "Whit", "Brad", "Ash", "Har", "Pem", "Cal", "Thorn", "Wick", "Fair", "Ald", "Strat"),
            ("", "", "ing", "er"),
            ("ford", "ton", "ley", "wood", "field", "worth", "by", "more", "well", "ham"),
            ("ville", "field", "ton", "bury"),
            "Democratic Party",
            "Department of State, Central Files, {c}.00/{b}-{a}{yy}"),
    Culture("es", "Spanish", "Cuba", "Cuban",
            ("Havana", "Santiago de Cuba", "Matanzas", "Camagüey", "Cienfuegos", "Holguín"),
            ("José", "Carlos", "Raúl", "Manuel", "Ernesto", "Osvaldo", "Armando", "Blas", "Celia", "Vilma"),
            ("Rodr", "Herr", "Vald", "Cas", "Men", "Ort", "Gonz", "Alv", "Fern", "Quint"),
            ("", "", "a", "e"),
            ("íguez", "era", "és", "tillo", "doza", "ega", "ález", "arez", "ández", "ana"),
            ("ito", "al", "ero"),
            "Integrated Revolutionary Organizations (ORI)",
            "Archive of the Cuban Ministry of Foreign Affairs, {word}, file {c}/{yy}"),
)
CULTURE = {c.key: c for c in CULTURES}

RANKS = ("Cde.", "Comrade", "Lt. Col.", "Col.", "Maj. Gen.", "General", "Ambassador", "Mr.", "Dr.",
         "Prof.", "Minister", "Deputy Minister", "Counsellor", "Consul General", "Marshal", "Captain")
OFFICES = ("Minister of Foreign Affairs", "first secretary of the Embassy", "chief of the General Staff",
           "head of the consular department", "secretary of the Central Committee", "chairman of the Regional "
           "Executive Committee", "chief of the border guard", "deputy chairman of the Council of Ministers",
           "military attaché", "director of the State Bank")
FUNDERS = ("Harwell Foundation", "Ostrander Fund for Historical Editions", "Meridian Trust",
           "Calloway Endowment for the Humanities", "Northgate Foundation", "Lindqvist Institute",
           "Abernathy Council for Documentary Editions", "Pellham Corporation of Boston")
PROGRAMS = ("International Documents Program Digital Archive", "Cold War Records Project Digital Archive",
            "Transnational History Digital Archive")
PEOPLE_FIRST = ("Miriam", "Oleg", "Teodora", "Jonas", "Aylin", "Piotr", "Hedda", "Rafael", "Nadia", "Tobias",
                "Ines", "Kirill", "Saskia", "Dmitri", "Leona", "Anders")
PEOPLE_LAST = ("Vantreight", "Okonedo-Hale", "Brennecke", "Szaboles", "Marchetti-Lowe", "Quillan", "Ravensdale",
               "Dufresne-Park", "Holmqvist", "Ebersole", "Tarkanian", "Wrenfield", "Castellanos-Roy")

TOPICS = ("the deliveries of equipment", "the repayment of the credit", "the training of specialists",
          "the work of the border commission", "the exchange of delegations", "cultural cooperation",
          "the new trade agreement", "the supply of grain", "the situation in the party organisation",
          "the construction of the power station", "the return of prisoners of war", "the fishing rights",
          "the transit of goods", "the status of the advisers", "the preparation of the congress",
          "the press campaign", "the harvest", "the reorganisation of the ministry", "the refugee question")
CLAUSES = ("the situation on the border remains tense", "the harvest this year was lower than planned",
           "the friends have not yet received the promised equipment", "the leadership is divided on this question",
           "the opposition is trying to use the discontent of the workers", "no decision has been taken yet",
           "the government intends to raise the question at the next session",
           "the local authorities did not carry out the instructions", "the mood of the population is calm",
           "the delegation was received with great warmth", "the plan for the quarter was fulfilled",
           "the western press is spreading false rumours", "the talks will have to be postponed",
           "the supplies arrived late and incomplete", "the question requires further study")
ACTS = ("postpone the talks", "send a delegation to {PL}", "increase the deliveries of grain",
        "reduce the number of advisers", "convene a plenum", "close the consulate in {PL}",
        "publish a statement in the press", "open a trade mission in {PL}", "review the agreement",
        "strengthen the border guard", "invite {P} for talks", "release the detained fishermen")
UNITS = ("battalions", "companies", "trucks", "tons of grain", "specialists", "students", "wagons of coal",
         "tractors", "families", "rifles", "workers", "delegates")
NUMWORDS = ("two", "three", "four", "five", "six", "several", "a dozen", "some twenty")
DOC_KINDS = ("telegram", "conversation", "letter", "report", "memorandum")
SUBJECTS = ("the Situation in the Border Region", "the Harvest and the Supply of Grain",
            "the Talks on the Trade Agreement", "the Events of the Past Week", "Relations with the Neighbours",
            "the Visit of the Delegation", "the Question of the Advisers", "the Work of the Embassy",
            "the Mood of the Population", "Preparations for the Congress")


# ---------------------------------------------------------------------------
# One document's cast and helpers
# ---------------------------------------------------------------------------

@dataclass
class Person:
    given: str
    surname: str
    culture: Culture
    rank: str
    office: str

    @property
    def full(self) -> str:
        if self.culture.given_style in ("chinese", "korean"):
            return f"{self.surname} {self.given}"
        return f"{self.given} {self.surname}"

    @property
    def initials(self) -> str:
        if self.culture.given_style in ("chinese", "korean"):
            return self.full
        return f"{self.given[0]}. {self.surname}"


@dataclass
class Cast:
    rng: random.Random
    home: Culture
    other: Culture
    date: dt.date
    persons: list[Person] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    language_given: bool = False
    allow_footnotes: bool = True

    def person(self) -> Person:
        # a few protagonists recur, as in real documents
        return self.persons[min(int(self.rng.expovariate(0.7)), len(self.persons) - 1)]

    def place(self) -> str:
        return self.places[min(int(self.rng.expovariate(0.6)), len(self.places) - 1)]

    def org(self) -> str:
        return self.orgs[min(int(self.rng.expovariate(0.8)), len(self.orgs) - 1)]


def _surname(rng: random.Random, c: Culture) -> str:
    if c.given_style == "chinese":
        return rng.choice(c.given)
    if c.given_style == "korean":
        return rng.choice(c.given)
    return rng.choice(c.onsets) + rng.choice(c.middles) + rng.choice(c.endings)


def _given(rng: random.Random, c: Culture) -> str:
    if c.given_style == "chinese":
        a, b = rng.sample(c.onsets, 2)
        return (a + b).capitalize() if rng.random() < 0.7 else a.capitalize()
    if c.given_style == "korean":
        a, b = rng.sample(c.onsets, 2)
        return f"{a}-{b.lower()}" if rng.random() < 0.5 else f"{a} {b}"
    return rng.choice(c.given)


def _make_person(rng: random.Random, c: Culture) -> Person:
    return Person(_given(rng, c), _surname(rng, c), c, rng.choice(RANKS), rng.choice(OFFICES))


def _village(rng: random.Random, c: Culture) -> str:
    if c.given_style == "korean":
        return rng.choice(c.onsets) + rng.choice(c.village_endings)
    if c.given_style == "chinese":
        return rng.choice(c.onsets).capitalize() + rng.choice(c.village_endings)
    stem = rng.choice(c.onsets) + rng.choice(c.middles or ("",))
    return stem.replace("’", "") + rng.choice(c.village_endings)


def _orgs(rng: random.Random, home: Culture, other: Culture, places: list[str]) -> list[str]:
    pool = [
        f"Ministry of Foreign Affairs of {home.state}",
        f"Central Committee of the {home.party}",
        f"Embassy of {home.state} in {rng.choice(other.cities)}",
        f"{home.adjective} Embassy",
        "State Planning Committee",
        f"Council of Ministers of {other.state}",
        f"Ministry of Internal Affairs",
        f"{rng.choice(places)} Regional Committee",
        f"{other.adjective} Trade Union Council",
        f"Institute of {rng.choice(('Oriental Studies', 'International Relations', 'Economics', 'History'))}",
        f"{_surname(rng, home)} Works",
        f"Committee for State Security",
        other.party,
    ]
    rng.shuffle(pool)
    return pool[: rng.randint(2, 5)]


def _cast(rng: random.Random, date: dt.date) -> Cast:
    home, other = rng.sample(CULTURES, 2)
    if rng.random() < 0.35:
        home = CULTURE["ru"]
        other = other if other is not home else CULTURE["ko"]
    cast = Cast(rng, home, other, date)
    n_people = rng.randint(3, 8)
    for _ in range(n_people):
        cast.persons.append(_make_person(rng, home if rng.random() < 0.55 else other))
    cities = list(home.cities[:3]) + list(other.cities)
    rng.shuffle(cities)
    cast.places = cities[: rng.randint(2, 5)]
    for _ in range(rng.randint(0, 2)):
        cast.places.append(_village(rng, rng.choice((home, other))))
    cast.orgs = _orgs(rng, home, other, cast.places)
    return cast


# ---------------------------------------------------------------------------
# Dates, numbers, mentions
# ---------------------------------------------------------------------------

def d_month_y(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_d_y(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _earlier(rng: random.Random, d: dt.date, days: int = 40) -> dt.date:
    return d - dt.timedelta(days=rng.randint(1, days))


def date_mention(cast: Cast) -> str:
    """A day (or a run of days) in the text, in one of many forms, before the document's date."""
    rng = cast.rng
    d = _earlier(rng, cast.date)
    e = d + dt.timedelta(days=rng.randint(1, 3))
    m = MONTHS[d.month - 1]
    same = e.month == d.month
    forms: list[Callable[[], str]] = [
        lambda: f"{d.day} {m}",
        lambda: f"{d.day} {m}",
        lambda: f"{d.day} {m} {d.year}",
        lambda: f"{d.day} {m} [{d.year}]",
        lambda: f"{m} {d.day}",
        lambda: f"{m} {d.day}, {d.year}",
        lambda: f"{d.day} {m[:3]}. {d.year}" if len(m) > 4 else f"{d.day} {m} {d.year}",
        lambda: f"{d.day}.{d.month}.{d.year % 100:02d}",
        lambda: f"{d.day}.{ROMAN[d.month - 1]}.{d.year % 100:02d}",
        lambda: f"{WEEKDAYS[d.weekday()]}, {d.day} {m}",
        lambda: f"{d.day} and {e.day} {m}" if same else f"{d.day} {m}",
        lambda: f"{d.day} to {e.day} {m}" if same else f"{d.day} {m}",
        lambda: f"{d.day}–{e.day} {m}" if same else f"{d.day} {m}",
    ]
    return rng.choice(forms)()


def vague_date(cast: Cast) -> str:
    """A month or part of a month, as "in ..." takes it."""
    rng = cast.rng
    d = _earlier(rng, cast.date, 90)
    m = MONTHS[d.month - 1]
    return rng.choice((f"mid-{m}", f"the beginning of {m}", f"the first half of {m}", f"{m} {d.year}",
                       f"{m}", f"late {m}"))


def time_of_day(rng: random.Random) -> str:
    h, mi = rng.randint(0, 23), rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50))
    return rng.choice((f"{h:02d}.{mi:02d}", f"{h:02d}:{mi:02d}", f"{(h % 12) or 12}:{mi:02d} "
                       + ("a.m." if h < 12 else "p.m."), f"{h:02d}{mi:02d} hours"))


def number_phrase(rng: random.Random) -> str:
    unit = rng.choice(UNITS)
    r = rng.random()
    if r < 0.35:
        return f"{rng.choice(NUMWORDS)} {unit}"
    if r < 0.7:
        return f"{rng.randint(2, 99)} {unit}"
    if r < 0.9:
        return f"{rng.randint(1, 60) * 250:,} {unit}"
    return f"{rng.randint(2, 40)} percent of the {unit}"


def person_mention(cast: Cast) -> str:
    rng = cast.rng
    p = cast.person()
    r = rng.random()
    if r < 0.2:
        return f"{p.rank} {p.surname}"
    if r < 0.35:
        return f"{p.rank} {p.initials}"
    if r < 0.45:
        return f"Cde. {p.surname.upper()}"
    if r < 0.52 and p.culture.given_style == "western":
        return f"[{p.given}] {p.surname}"        # part of a name supplied by the translator
    if r < 0.57 and p.culture.given_style == "western":
        code = rng.choice(("Filin", "Ivanov", "Karlsen", "Petrov", "Morozko", "Lindstrom"))
        return f"{code} [{p.surname}]"           # a pseudonym resolved
    if r < 0.75:
        return p.full
    if r < 0.85:
        return f"{p.surname}, the {p.office},"
    return p.surname


def place_mention(cast: Cast) -> str:
    rng = cast.rng
    pl = cast.place()
    r = rng.random()
    if r < 0.15:
        return f"the city of {pl}"
    if r < 0.25 and " " not in pl:
        return f"the {pl} region"
    if r < 0.3:
        return f"the village of {_village(rng, rng.choice((cast.home, cast.other)))}"
    return pl


def footnote_marker(cast: Cast) -> str:
    if not cast.allow_footnotes or len(cast.footnotes) >= 4 or cast.rng.random() > 0.5:
        return ""
    n = len(cast.footnotes) + 1
    subject = cast.rng.choice(("The name is spelled differently in the original.",
                               f"{cast.person().full} served in this post until {cast.date.year + 1}.",
                               f"{cast.place()} is written in the original with its older name.",
                               "The figure is corrected by hand in the original.",
                               f"See the report of {d_month_y(_earlier(cast.rng, cast.date, 90))}."))
    cast.footnotes.append(f"[{n}] {subject}")
    return f"[{n}]"


# ---------------------------------------------------------------------------
# Sentences and paragraphs
# ---------------------------------------------------------------------------

SENTENCES = (
    "According to a report from {PL}, {N} of the {O} arrived in {PL} on {D}.",
    "{P} informed us that the {O} intends to {ACT} before {D1}.",
    "On {D} {P} received {P} and discussed with him {T}.",
    "The {O} considers it advisable to {ACT} in view of the situation in {PL}.",
    "In the conversation {P} stressed that {C}.",
    "{Cc}, as {P} noted at the meeting of {D}.",
    "The delegation, headed by {P}, left {PL} for {CITY} on {D}.",
    "We request instructions on {T}.",
    "Up to {N} took part in the meetings held in {PL} and the surrounding districts.",
    "{P} said that {T} must be settled by the end of the month.",
    "I replied that I have no instructions on this question and that {C}.",
    "According to information of the {O}, {C}.",
    "In {PL} the local authorities detained {N}; {P} demanded that they be released.",
    "At the talks in {PL} the {O} proposed to {ACT}.",
    "It should be noted that {C}.",
    "{P} asked [me] to convey that the {O} regards {T} as urgent.",
    "On {D} at {TM} {P} telephoned and asked that {T} be discussed without delay.",
    "The {O} has sent {N} to {PL}, of which only a part has arrived.",
    "In our opinion {C}, and we consider it necessary to {ACT}.",
    "The losses amount to {NUM} killed and {NUM} wounded; the losses of the other side [are] not established.",
    "{P} complained that {C} [...]",
    "The text of the statement [illegible] was handed to {P} on {D}.",
    "The meeting, which was attended by {P} and {P}, lasted {NUM} hours.",
    "The matter of {T} was raised again by {P} in {DR}.",
    "The {ORD} Guards Infantry Division was moved from {PL} to {CITY} in {DR}.",
    "{P} declared: “We shall not retreat from the decisions of the plenum of {D}.”",
    "The credit of {MONEY} granted in {YEAR} is to be repaid over the years {YEAR}–{YEAR2}.",
    "Telegram Nº {NUM}/{NUM2} of {D} ({P}) has been received and its contents passed to the {O}.",
    "Of the {NUM3} crossing points only {NUM} remained open — the rest were closed on {D}.",
    "{P} (who had returned from {CITY} on {D}) did not take part in the discussion.",
    "The {O} was asked to prepare, by {D1}, a report on {T}; {P} is responsible for it.",
    "In {PL}, {PL} and {PL} the situation is calm; in {PL} there were {NUM} arrests.",
    "As for {T}, {P} referred to the letter of the {O} of {D} and promised an answer within {NUM} days.",
    "{P} expressed his gratitude to the {O} for the help rendered in {PL}.",
    "Since {DR} the {O} has held {NUM} sessions on {T}.",
    "The friends intend to discuss {T} with {P} in {PL} in {M}.",
    "By {D1} the plan had been fulfilled by {PCT} percent.",
    "{P} reported that the {O} in {PL} had received the instructions of {D} [SIC] only yesterday.",
    "In {DR} {C}.",
    "The {O} agreed to {ACT}; {P} will inform [it] of the details.",
)
TRANSLIT_SENTENCES = (
    "The {O} issued a new {W} [{WL}] on {T}.",
    "{P} spoke of the {W} [{WL}] of the district leadership in {PL}.",
)


def _fill(template: str, cast: Cast, *, capital: bool = True) -> str:
    rng = cast.rng
    out: list[str] = []
    i = 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            break
        out.append(template[i:j])
        k = template.index("}", j)
        key = template[j + 1:k]
        out.append(_slot(key, cast))
        i = k + 1
    s = "".join(out)
    return s[0].upper() + s[1:] if capital and s[0].islower() else s


def _slot(key: str, cast: Cast) -> str:
    rng = cast.rng
    if key == "P":
        mention = person_mention(cast)
        return mention + footnote_marker(cast) if rng.random() < 0.08 and mention[-1].isalpha() else mention
    if key == "PL":
        return place_mention(cast)
    if key == "O":
        return cast.org()
    if key == "D":
        return date_mention(cast)
    if key == "D1":
        return d_month_y(_earlier(rng, cast.date)) if rng.random() < 0.5 else \
            f"{_earlier(rng, cast.date).day} {MONTHS[_earlier(rng, cast.date, 1).month - 1]}"
    if key == "CITY":
        return rng.choice(cast.other.cities + cast.home.cities[:2])
    if key == "ORD":
        n = rng.randint(1, 40)
        return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    if key == "MONEY":
        return rng.choice((f"{rng.randint(2, 90)} million rubles", f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million dollars",
                           f"{rng.randint(100, 900)},000 yuan"))
    if key == "YEAR":
        return str(cast.date.year - rng.randint(0, 2))
    if key == "YEAR2":
        return str(cast.date.year + rng.randint(3, 8))
    if key == "NUM2":
        return str(rng.randint(100, 9999))
    if key == "NUM3":
        return str(rng.randint(20, 120))
    if key == "DR":
        return vague_date(cast)
    if key == "N":
        return number_phrase(rng)
    if key == "NUM":
        return str(rng.randint(2, 140))
    if key == "PCT":
        return f"{rng.randint(40, 130)}.{rng.randint(0, 9)}"
    if key == "T":
        return rng.choice(TOPICS)
    if key == "TX":
        t = rng.choice(TOPICS)
        return t[4:] if t.startswith("the ") else t
    if key == "C":
        return rng.choice(CLAUSES)
    if key == "Cc":
        c = rng.choice(CLAUSES)
        return c[0].upper() + c[1:]
    if key == "ACT":
        return _fill(rng.choice(ACTS), cast, capital=False)
    if key == "TM":
        return time_of_day(rng)
    if key == "M":
        return MONTHS[(cast.date.month + rng.randint(0, 2)) % 12]
    if key == "W":
        return rng.choice(("instruction", "decision", "situation", "meeting", "procurement"))
    if key == "WL":
        return rng.choice(cast.home.words)
    raise KeyError(key)


def sentence(cast: Cast) -> str:
    rng = cast.rng
    if cast.language_given and cast.home.words and rng.random() < 0.04:
        return _fill(rng.choice(TRANSLIT_SENTENCES), cast)
    s = _fill(rng.choice(SENTENCES), cast)
    if rng.random() < 0.1:
        s = s[:-1] + footnote_marker(cast) + s[-1] if s.endswith(".") else s
    return s


def paragraph(cast: Cast, target: int) -> str:
    parts: list[str] = []
    size = 0
    while size < target or not parts:
        s = sentence(cast)
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)


def paragraphs(cast: Cast, body_size: int) -> list[str]:
    """Paragraphs totalling about ``body_size`` characters, of varied lengths."""
    rng = cast.rng
    out: list[str] = []
    total = 0
    while total < body_size or not out:
        target = int(rng.lognormvariate(math.log(420), 0.6))
        p = paragraph(cast, min(target, body_size - total + 80))
        out.append(p)
        total += len(p)
    style = rng.random()
    if style < 0.3 and len(out) > 1:
        out = [f"{i}. {p}" for i, p in enumerate(out, 1)]
    elif style < 0.4 and len(out) > 2:
        out = [f"({i}) {p}" for i, p in enumerate(out, 1)]
    elif style < 0.5 and len(out) > 2:
        out = [out[0]] + [f"{'abcdefghijklmnopqrstuvwxyz'[i % 26]}) {p}" for i, p in enumerate(out[1:])]
    return out


# ---------------------------------------------------------------------------
# Documents: the text of the document itself
# ---------------------------------------------------------------------------

def letter_spaced(name: str) -> str:
    return "  ".join(" ".join(w.upper()) for w in name.split())


def classification(rng: random.Random) -> str:
    return rng.choice(("Top Secret", "Secret", "Strictly Secret", "Strictly Secret!", "Top Secret!",
                       "Confidential", "(Top Secret)"))


def _dateline(cast: Cast, city: str) -> str:
    rng, d = cast.rng, cast.date
    return rng.choice((
        f"FROM {city.upper()}   {d_month_y(d)}   {time_of_day(rng).split()[0] if rng.random() < 0.5 else ''}".rstrip(),
        f"{city}, {d_month_y(d)}",
        f"{WEEKDAYS[d.weekday()]}, {d_month_y(d)}",
        f"{d_month_y(d)}",
        f"Sent {d_month_y(d)}",
    ))


def body_text(cast: Cast, kind: str, body_size: int) -> tuple[list[str], str, str]:
    """The document's blocks (each a string, lines joined by \\n), a title and a summary."""
    rng, d = cast.rng, cast.date
    sender, recipient = cast.persons[0], cast.persons[1]
    city_from = cast.places[0]
    city_to = next((c for c in cast.places[1:] if c in cast.other.cities + cast.home.cities), rng.choice(
        cast.other.cities))
    blocks: list[str] = []
    subject = rng.choice(SUBJECTS)
    paras = paragraphs(cast, body_size)

    if kind == "telegram":
        title = rng.choice((f"Telegram from {city_from} to {city_to}, ‘{subject}’",
                            f"Ciphered Telegram from {sender.surname} to {recipient.surname}",
                            f"Cable from the {cast.home.adjective} Embassy in {city_from} on {subject}"))
        blocks.append(rng.choice(("CIPHERED TELEGRAM", "DECIPHERED TELEGRAM", "CABLE")))
        blocks.append(classification(rng))
        if rng.random() < 0.6:
            blocks.append(f"Copy Nº {rng.randint(1, 9)}")
        if rng.random() < 0.5:
            blocks.append(f"{rng.choice(('Outgoing', 'Incoming'))} Nº {rng.randint(1, 30)}/{rng.randint(10, 9999)}")
        if rng.random() < 0.3:
            blocks.append(f"[handwritten: “To Cde. {recipient.surname}. For information. "
                          f"{d.day}.{ROMAN[d.month - 1]}.{d.year % 100:02d}”]")
        blocks.append(_dateline(cast, city_from))
        addressees = ", ".join(f"to Cde. {p.surname.upper()}" for p in cast.persons[1:rng.randint(2, 4)])
        blocks.append(f"to {city_to.upper()}, {addressees}")
        blocks.extend(paras)
        closer_office = f"{cast.home.adjective.upper()} AMBASSADOR IN {cast.other.state.upper().replace('THE ', '')}"
        blocks.append(f"{closer_office}\n({sender.surname.upper()})")
        if rng.random() < 0.6:
            recv = d + dt.timedelta(days=rng.randint(0, 1))
            blocks.append("Received via VCh")
            blocks.append(rng.choice((f"{recv.day} {MONTHS[recv.month - 1][:3]} {recv.year}",
                                      f"{recv.day}.{ROMAN[recv.month - 1]}.{recv.year % 100:02d}")))
        if rng.random() < 0.4:
            blocks.append(f"Deciphered by Cde. {_surname(rng, cast.home)}\n"
                          f"Copies: {', '.join(p.surname for p in cast.persons[1:4])}, file.")
        summary = (f"Telegram from {sender.full} reporting on {rng.choice(TOPICS)} and on "
                   f"{rng.choice(TOPICS)} in {city_from}.")
    elif kind == "conversation":
        title = rng.choice((f"Record of Conversation between {sender.full} and {recipient.full}",
                            f"From the Journal of {sender.initials}, ‘Record of a Conversation with "
                            f"{recipient.full}, {d_month_y(d)}’"))
        blocks.append(f"From the journal of {sender.initials.upper()}")
        blocks.append(classification(rng))
        blocks.append("RECORD OF A CONVERSATION")
        blocks.append(f"with the {recipient.office} {recipient.full}")
        blocks.append(d_month_y(d))
        blocks.append(f"Location: {cast.places[0]}")
        if rng.random() < 0.6:
            blocks.append(f"Interpreter: {_make_person(rng, cast.other).full}")
        turns = []
        a, b = sender.surname.upper(), recipient.surname.upper()
        dotted = rng.random() < 0.3
        for i, p in enumerate(paras):
            who = a if i % 2 == 0 else b
            turns.append(f"{who.title()}. {p}" if dotted else f"{who}: {p}")
        blocks.extend(turns)
        blocks.append(f"The conversation lasted {rng.randint(1, 3)} hours {rng.randint(5, 55)} minutes.")
        blocks.append(f"{cast.home.adjective.upper()} AMBASSADOR\n{sender.initials.upper()}")
        summary = (f"Record of a conversation in which {recipient.full} and {sender.full} discuss "
                   f"{rng.choice(TOPICS)} and {rng.choice(TOPICS)}.")
    elif kind == "letter":
        title = f"Letter, {sender.full} to {recipient.full}"
        blocks.append(f"[Letterhead: {cast.orgs[0]}]")
        blocks.append(classification(rng))
        blocks.append(f"No. {rng.randint(10, 999)}")
        blocks.append(f"{city_from}, {d_month_y(d)}")
        blocks.append(f"To the {recipient.office}\nComrade {recipient.initials.upper()}\n{city_to.upper()}")
        blocks.append(f"Dear Comrade {recipient.surname}!")
        blocks.extend(paras)
        blocks.append(rng.choice(("With deep respect,", "With comradely greetings,", "Respectfully,")))
        blocks.append(f"{sender.office[0].upper()}{sender.office[1:]}\nof {cast.home.state}")
        blocks.append(letter_spaced(sender.full if rng.random() < 0.5 else sender.surname))
        blocks.append("[signature]")
        summary = f"{sender.full} asks {recipient.full} for help with {rng.choice(TOPICS)}."
    elif kind == "report":
        title = f"Report, {cast.orgs[0]} to {cast.orgs[-1]}, ‘{subject}’"
        blocks.append(f"{cast.orgs[0]}\n{city_from}")
        blocks.append(classification(rng))
        blocks.append(f"No. {rng.randint(10, 999)}/{d.year}")
        blocks.append(f"Subject: {subject}")
        blocks.append(f"To Comrade {recipient.full}\n{recipient.office[0].upper()}{recipient.office[1:]}\n{city_to}")
        blocks.extend(paras)
        blocks.append(f"{sender.full}\n{sender.office[0].upper()}{sender.office[1:]}")
        summary = f"Report on {rng.choice(TOPICS)} and {rng.choice(TOPICS)}, with a note on {city_from}."
    else:  # memorandum
        title = f"Memorandum on {subject}"
        blocks.append("MEMORANDUM")
        blocks.append(classification(rng))
        blocks.append(f"{city_from}, {d_month_y(d)}")
        blocks.extend(paras)
        blocks.append(f"[signature] ({sender.surname})")
        summary = f"Memorandum on {rng.choice(TOPICS)} prepared by {sender.full}."
    if cast.footnotes:
        blocks.extend(cast.footnotes)
    return blocks, title, summary


# ---------------------------------------------------------------------------
# Archive pages
# ---------------------------------------------------------------------------

def _page_date(rng: random.Random, d: dt.date) -> str:
    r = rng.random()
    if r < 0.75:
        return month_d_y(d)
    if r < 0.87:
        return f"{MONTHS[d.month - 1]} {d.year}"
    if r < 0.95:
        return str(d.year)
    return f"c. {d.year}"


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(PEOPLE_FIRST)} {rng.choice(PEOPLE_LAST)}"


def _citation(rng: random.Random, cast: Cast) -> str:
    c = cast.home
    a, b, cc = rng.randint(1, 99), rng.randint(1, 40), rng.randint(10, 2999)
    p = rng.randint(1, 200)
    ref = c.archive.format(a=a, b=b, c=cc, p=p, q=p + rng.randint(1, 9), year=cast.date.year,
                           yy=f"{cast.date.year % 100:02d}", word=cast.other.state.replace("the ", "").title())
    credit = rng.choice((f"Contributed by {_person_name(rng)} and translated by {_person_name(rng)}.",
                         f"Translated by {_person_name(rng)}.",
                         f"Obtained and translated by {_person_name(rng)}.",
                         f"Translated for the Benchmark Editions Project by {_person_name(rng)}."))
    return f"{ref.rstrip('.')}. {credit}"


RIGHTS = ("This page was invented by the tei-encoder benchmark generator and is not a historical record. "
          "It may be copied, reused and reproduced without permission (CC0).",
          "To ask about the rights status of this generated page write to [email\u00a0protected].")


def _join(blocks: list[str], sep: str) -> str:
    return sep.join(blocks)


def wilson_page(rng: random.Random, cast: Cast, form: str, body_size: int, kind: str) -> str:
    labelled = form == "current-labelled" or (form == "single-breaks" and rng.random() < 0.3)
    cast.language_given = labelled
    cast.allow_footnotes = form != "truncated"
    blocks, title, summary = body_text(cast, kind, body_size)
    funder = rng.choice(FUNDERS)
    pdate = _page_date(rng, cast.date)
    citation = _citation(rng, cast)
    nbsp = rng.random() < 0.15
    blank = NBSP if nbsp else ""

    if form == "truncated":
        blocks = _truncate(rng, blocks)

    if form == "older":
        head = ["Search in", "Digital Archive International History Declassified", pdate, "• Citation",
                "get citation", summary,
                f"\"{title},\" {month_d_y(cast.date)}, {rng.choice(PROGRAMS)}, {citation}",
                "• share document", "English HTML"]
        sep = "\n\n" if rng.random() < 0.6 else "\n"
        return _join(head + blocks, sep) + "\n"

    head = [] if form == "single-breaks" else ["Skip to content"]
    head += [pdate, title, f"This document was made possible with support from {funder}"]
    tail: list[str] = []
    if form != "truncated":
        tail.append(summary)
        if labelled and rng.random() < 0.5:
            tail += ["Author(s):", f"{cast.persons[0].surname}, {cast.persons[0].given}",
                     "Associated Places", cast.places[0], "Associated Topics", rng.choice(TOPICS).capitalize()]
        tail.append("Document Information")
        if labelled:
            tail += ["Source", citation, "Original Archive", cast.home.archive.split(",")[0].split(" (")[0],
                     "Rights", *RIGHTS,
                     "Original Uploaded Date", f"{rng.randint(2011, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                     "Type", kind.capitalize() if kind != "conversation" else "Memorandum of Conversation",
                     "Language", cast.home.language,
                     "Record ID", str(rng.randint(100000, 299999)),
                     "Original Classification", "Top Secret"]
        else:
            tail += [citation, *RIGHTS, "Original Uploaded Date"]
            tail += [f"{rng.randint(2011, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"] \
                if rng.random() < 0.5 else [blank] * 3
            tail += ["Record ID"] + ([str(rng.randint(100000, 299999))] if rng.random() < 0.5 else [blank] * 2)
        tail.append(funder)
    if form == "single-breaks":
        # no blank line at all: an empty value is simply absent
        return "\n".join(b for b in head + blocks + tail if b.strip()) + ("\n" if rng.random() < 0.5 else "")
    # current form: blank lines, sometimes two, sometimes holding U+00A0
    out: list[str] = []
    for i, b in enumerate(head + blocks + tail):
        if i:
            out.append(("\n" + blank) * rng.choice((1, 1, 2)) + "\n")
        out.append(b)
    end = "" if form == "truncated" or rng.random() < 0.3 else "\n"
    return "".join(out) + end


def _truncate(rng: random.Random, blocks: list[str]) -> list[str]:
    """Stop in the middle of a body paragraph, between two words, outside any bracket."""
    long = [i for i, b in enumerate(blocks) if len(b) > 200 and "\n" not in b]
    if not long:
        return blocks
    i = rng.choice(long[len(long) // 2:] or long)
    para = blocks[i]
    depth, cuts = 0, []
    for j, ch in enumerate(para):
        depth += ch == "["
        depth -= ch == "]"
        if ch == " " and depth == 0 and j > 80 and para[j - 1].isalpha() and para[j + 1:j + 2].isalpha():
            cuts.append(j)
    if not cuts:
        return blocks[: i + 1]
    return blocks[:i] + [para[: rng.choice(cuts)]]


# ---------------------------------------------------------------------------
# Sidecar documents (FRUS-like plain texts)
# ---------------------------------------------------------------------------

def _toml_value(v: object) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)  # a JSON string is a TOML basic string


def sidecar_document(rng: random.Random, cast: Cast, body_size: int) -> tuple[str, str]:
    d = cast.date
    sender = cast.persons[0]
    c = cast.other if cast.other.given_style == "western" else CULTURE["en"]
    sender = Person(_given(rng, CULTURE["en"]), _surname(rng, CULTURE["en"]), CULTURE["en"], "Mr.",
                    "Ambassador")
    place = rng.choice(c.cities)
    kind = rng.choice(("telegram", "despatch", "memorandum of conversation", "letter"))
    country = c.state.replace("the ", "").title() if c.key != "en" else "France"
    titles = {
        "telegram": f"The Ambassador in {country} ({sender.surname}) to the Department of State",
        "despatch": f"The Consul General at {place} ({sender.surname}) to the Secretary of State",
        "memorandum of conversation": "Memorandum of Conversation",
        "letter": f"Letter From {sender.full} to {cast.persons[1].full}",
    }
    title = titles[kind]
    cast.allow_footnotes = True
    lines: list[str] = [title, ""]
    cls = rng.choice(("Secret", "Confidential", "Top Secret", "Restricted", "Limited Official Use"))
    lines.append(cls)
    hour = rng.randint(1, 11)
    lines.append(f"{place}, {month_d_y(d)}—{hour} {rng.choice(('a.m.', 'p.m.'))}")
    if kind == "telegram":
        lines.append(f"[Received {MONTHS[d.month - 1]} {d.day}—{rng.randint(1, 11)}:{rng.randint(10, 59)} p.m.]")
    lines.append("")
    if kind == "memorandum of conversation":
        lines += [f"SUBJECT: {rng.choice(SUBJECTS)}", "",
                  "PARTICIPANTS:", *(f"{p.full}, {p.office}" for p in cast.persons[:3]), ""]
    paras = paragraphs(cast, body_size)
    if kind == "telegram":
        paras[0] = f"{rng.randint(10, 999)}. {paras[0].lstrip('0123456789.() ')}"
    for p in paras:
        lines += [p, ""]
    lines.append(sender.surname)
    if cast.footnotes:
        lines += [""] + [f"{f}" for f in cast.footnotes]
    text = "\n".join(lines) + "\n"

    meta: dict[str, object] = {"title": title, "date": d.isoformat()}
    optional: dict[str, object] = {
        "doc_type": kind,
        "time": f"{hour + 12 if rng.random() < 0.5 else hour:02d}:00",
        "place": place,
        "sender": sender.full,
        "recipients": ["Department of State"] if kind != "letter" else [cast.persons[1].full],
        "classification": cls,
        "archive": "Department of State, Central Files",
        "reference": f"{rng.randint(100, 999)}.00/{d.month}–{d.day}{d.year % 100:02d}",
        "source_note": f"Source: Department of State, Central Files. {cls}.",
        "rights": "Invented by the tei-encoder benchmark generator; not a historical record. CC0.",
        "language": "en",
        "summary": f"{sender.full} reports on {rng.choice(TOPICS)}.",
        "record_id": str(rng.randint(1000, 99999)),
        "keywords": [rng.choice(TOPICS).replace("the ", "", 1), place],
    }
    for key, value in optional.items():
        if rng.random() < 0.7:
            meta[key] = value
    if "time" in meta and kind == "telegram":
        meta.pop("time")  # the dateline's hour would disagree with an invented time
    return text, "".join(f"{k} = {_toml_value(v)}\n" for k, v in meta.items())


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    name: str            # file stem
    form: str            # a key of FORMS, or "sidecar"
    text: str
    meta: str | None     # the sidecar's TOML, for the sidecar form


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    r = rng.random() * sum(weights.values())
    for key, w in weights.items():
        r -= w
        if r <= 0:
            return key
    return key


def make_document(seed: int, index: int, *, sidecar_share: float = 0.3) -> Document:
    """Document number ``index`` of the corpus of ``seed`` (independent of the corpus size)."""
    rng = random.Random(f"tei-encoder-corpus:{seed}:{index}")
    date = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randint(0, 46 * 365))
    cast = _cast(rng, date)
    # total size ~ log-normal around the seed's; the page furniture takes its share
    size = min(max(int(rng.lognormvariate(math.log(MEDIAN_SIZE), 0.5)), 900), 40000)
    if rng.random() < sidecar_share:
        text, meta = sidecar_document(rng, cast, max(size - 500, 300))
        return Document(f"{index:06d}-sidecar", "sidecar", text, meta)
    form = _pick(rng, FORMS)
    kind = rng.choice(DOC_KINDS)
    text = wilson_page(rng, cast, form, max(size - 1400, 300), kind)
    return Document(f"{index:06d}-{form}", form, text, None)


def generate(n: int, *, seed: int = 1, sidecar_share: float = 0.3, start: int = 0) -> Iterator[Document]:
    """Documents ``start`` .. ``start + n - 1``, one at a time."""
    for i in range(start, start + n):
        yield make_document(seed, i, sidecar_share=sidecar_share)


def write_corpus(out_dir: str | Path, n: int, *, seed: int = 1, sidecar_share: float = 0.3) -> dict[str, int]:
    """Write ``n`` documents (and sidecars) to ``out_dir``, streaming; returns counts per form and bytes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {"documents": 0, "bytes": 0}
    with (out / "MANIFEST.tsv").open("w", encoding="utf-8") as manifest:
        manifest.write("name\tform\tbytes\n")
        for doc in generate(n, seed=seed, sidecar_share=sidecar_share):
            data = doc.text.encode("utf-8")
            (out / f"{doc.name}.txt").write_bytes(data)
            if doc.meta is not None:
                (out / f"{doc.name}.meta.toml").write_text(doc.meta, encoding="utf-8")
            manifest.write(f"{doc.name}\t{doc.form}\t{len(data)}\n")
            counts[doc.form] = counts.get(doc.form, 0) + 1
            counts["documents"] += 1
            counts["bytes"] += len(data)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example: python benchmarks/corpus.py /tmp/corpus -n 1000 --seed 7")
    ap.add_argument("out_dir", type=Path, help="folder to write ID.txt (+ ID.meta.toml) files into")
    ap.add_argument("-n", type=int, default=1000, help="number of documents (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--sidecar-share", type=float, default=0.3,
                    help="share of plain texts with a sidecar (default 0.3)")
    args = ap.parse_args(argv)
    if args.n < 0 or not 0 <= args.sidecar_share <= 1:
        ap.error("-n must be >= 0 and --sidecar-share between 0 and 1")
    t0 = time.perf_counter()
    counts = write_corpus(args.out_dir, args.n, seed=args.seed, sidecar_share=args.sidecar_share)
    secs = time.perf_counter() - t0
    n = counts.pop("documents")
    size = counts.pop("bytes")
    forms = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{n} documents, {size / 1e6:.1f} MB (mean {size / max(n, 1) / 1000:.1f} kB) in {secs:.1f} s "
          f"-> {args.out_dir}\n  {forms}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
