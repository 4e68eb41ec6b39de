"""Tests for encoder.tagging.dates: the forms, the year inference, and invariants."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from encoder.model import Span, TagContext
from encoder.tagging.dates import find_dates

NOV_1945 = TagContext(date=dt.date(1945, 11, 21))
ISO = re.compile(r"^\d{4}(-\d\d(-\d\d(T\d\d:\d\d:\d\d)?)?)?$")
CORPUS = Path("/work/shared/corpus")


def dates(text: str, ctx: TagContext = NOV_1945) -> list[tuple[str, str | None]]:
    return [(text[s.start:s.end], s.attr("when")) for s in find_dates(text, [(0, len(text))], ctx)]


def certs(text: str, ctx: TagContext = NOV_1945) -> list[tuple[str, str | None, str | None]]:
    return [(text[s.start:s.end], s.attr("when"), s.cert)
            for s in find_dates(text, [(0, len(text))], ctx)]


FORMS = [
    ("dmy", "FROM BAKU 21 November 1945", [("21 November 1945", "1945-11-21")]),
    ("mdy", "November 21, 1945", [("November 21, 1945", "1945-11-21")]),
    ("dmy-abbr", "Received via VCh\n\n21 Nov 1945", [("21 Nov 1945", "1945-11-21")]),
    ("mdy-abbr-dot", "1096. Nov. 10 Amb Ala", [("Nov. 10", "1945-11-10")]),
    ("mdy-abbr-nodot", "Re Deptel 1021 Oct 29. We", [("Oct 29", "1945-10-29")]),
    ("upper", "MOSCOW 21 NOVEMBER 1945", [("21 NOVEMBER 1945", "1945-11-21")]),
    ("partial-dm", "in the village of Kerej on 18 November, were",
     [("18 November", "1945-11-18")]),
    ("month-year", "the page is dated August 1961.", [("August 1961", "1961-08")]),
    ("month-comma-year", "in July, 1981 include", [("July, 1981", "1981-07")]),
    ("year-in", "who in 1945 worked among", [("1945", "1945")]),
    ("year-of", "will invoke treaty of 1921.", [("1921", "1921")]),
    ("year-by", "by 1965 the economy", [("1965", "1965")]),
    ("year-attributive", "the 1954 elections", [("1954", "1954")]),
    ("year-no-cue", "Unlike situation 1948 Soviets will", [("1948", "1948")]),
    ("numeric-roman", "approved 8.II.1950 by", [("8.II.1950", "1950-02-08")]),
    ("numeric-us-slash", "dated 10/14/50", [("10/14/50", "1950-10-14")]),
    ("numeric-dm-slash", "dated 23/12/45", [("23/12/45", "1945-12-23")]),
    ("numeric-dotted", "21.11.45", [("21.11.45", "1945-11-21")]),
    ("iso", "Original Uploaded Date\n\n2011-11-11", [("2011-11-11", "2011-11-11")]),
    ("weekday", "Tuesday, 9 March 1982", [("Tuesday, 9 March 1982", "1982-03-09")]),
    ("weekday-mdy", "Early in the morning of Tuesday, June 29, Ambassador",
     [("Tuesday, June 29", "1945-06-29")]),
    ("mid-month", "until mid-November the", [("mid-November", "1945-11")]),
    ("mid-year", "in mid-1950 the", [("mid-1950", "1950")]),
    ("editorial-year", "25 January [1950]", [("25 January [1950]", "1950-01-25")]),
    ("editorial-year-mdy", "January 25, [1950]", [("January 25, [1950]", "1950-01-25")]),
    ("ordinal-word", "your letter of August twentieth on", [("August twentieth", "1945-08-20")]),
    ("ordinal-of", "on the 21st of November, 1945", [("21st of November, 1945", "1945-11-21")]),
    ("ordinal-suffix", "on November 2d the", [("November 2d", "1945-11-02")]),
    ("last-month", "conveyed Barros Hurtado last December.", [("December", "1944-12")]),
    ("in-month", "elections in December.", [("December", "1945-12")]),
    ("relative-this-year", "on 19 November of this year", [("19 November", "1945-11-19")]),
    ("relative-next-year", "on 5 January of next year", [("5 January", "1946-01-05")]),
    ("footnote-glued-digits", "on 18 November12 the", [("18 November", "1945-11-18")]),
    ("footnote-glued-letter", "in 1945a the", [("1945", "1945")]),
    ("line-break-inside", "on 18\nNovember the", [("18\nNovember", "1945-11-18")]),
    ("citation-year", "(Moscow: Nauka, 1995), 123-125", [("1995", "1995")]),
    ("season-year", "CWIHP Bulletin 6-7 (Winter 1995/1996)", [("1995", "1995"), ("1996", "1996")]),
    ("first-half-of", "In the first half of 1956", [("1956", "1956")]),
    ("numeric-in-note", "[handwritten: 'Agreed 12.III.50']", [("12.III.50", "1950-03-12")]),
    ("numeric-german", "Berlin, den 12.3.1953", [("12.3.1953", "1953-03-12")]),
    ("time-not-attached-at", "On 16 December 1949 at 12 o'clock Moscow time",
     [("16 December 1949", "1949-12-16")]),
]

OTHER_CALENDARS = [
    # the lunar hijri calendar with its year (tabular reckoning), the Iranian one in figures and with a weekday
    ("hijri", "corresponding to 6 Dhu al-Qaʿda 1400, and 1 Muharram 1400 AH",
     [("6 Dhu al-Qaʿda 1400", "1980-09-16"), ("1 Muharram 1400 AH", "1979-11-21")]),
    ("hijri-romanised", "on 12 Ramadan 1390 and 3 Rabi II 1391 H.",
     [("12 Ramadan 1390", "1970-11-11"), ("3 Rabi II 1391 H.", "1971-05-29")]),
    ("persian-figures-weekday", "No. 1359/1/20 of Wednesday, 20 Farvardin 1359",
     [("1359/1/20", "1980-04-09"), ("Wednesday, 20 Farvardin 1359", "1980-04-09")]),
    ("no-month-no-date", "Report 12 Annex 1400 and 3 Items 1391", []),
]


def test_a_date_in_another_calendar_says_which() -> None:
    text = "on 6 Dhu al-Qaʿda 1400, 20 Farvardin 1359 and 16 September 1980"
    spans = find_dates(text, [(0, len(text))], TagContext(date=dt.date(1980, 6, 1)))
    assert [s.attr("calendar") for s in spans] == ["#cal_hijri", "#cal_persian", None]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in OTHER_CALENDARS], ids=[c[0] for c in OTHER_CALENDARS])
def test_other_calendars(text: str, expected: list[tuple[str, str]]) -> None:
    spans = find_dates(text, [(0, len(text))], TagContext(date=dt.date(1980, 6, 1)))
    assert [(text[s.start:s.end], s.attr("when")) for s in spans] == expected


TIMES = [
    ("hhmm-before", "as of 2200 20 November.", [("2200 20 November", "1945-11-20T22:00:00")]),
    # "on" joins a time before the date into one expression; four digits that could be a year need "hours"
    ("hhmm-on", "begins at 0400 hours on 18 November", [("0400 hours on 18 November", "1945-11-18T04:00:00")]),
    ("hhmm-on-bare", "at 0700 on 18 November", [("0700 on 18 November", "1945-11-18T07:00:00")]),
    ("ampm-on", "at 11:57 p.m. on November 14", [("11:57 p.m. on November 14", "1945-11-14T23:57:00")]),
    ("year-on-is-no-time", "in 1944 on 3 May", [("1944", "1944"), ("3 May", "1945-05-03")]),
    # the end of a day is written as the next day's first instant (Jing refuses T24:00:00)
    ("hhmm-2400", "2400 1 December 1945", [("2400 1 December 1945", "1945-12-02T00:00:00")]),
    ("hhmm-2400-year-end", "2400 31 December 1945", [("2400 31 December 1945", "1946-01-01T00:00:00")]),
    ("dash-noon", "November 21, 1945—noon", [("November 21, 1945—noon", "1945-11-21T12:00:00")]),
    ("dash-am-spaced", "Tehran, June 24, 1948—11 a. m.",
     [("June 24, 1948—11 a. m.", "1948-06-24T11:00:00")]),
    ("dash-pm-minutes", "[Received September 22—10:17 p.m.]",
     [("September 22—10:17 p.m.", "1945-09-22T22:17:00")]),
    ("comma-pm", "Guatemala City, June 28, 1954, 9:42 p.m.",
     [("June 28, 1954, 9:42 p.m.", "1954-06-28T21:42:00")]),
    ("comma-midnight", "Berlin, November 19, 1958, midnight.",
     [("November 19, 1958, midnight", "1958-11-20T00:00:00")]),
    ("time-before-mdy", "was killed at 12:20 p. m., June 26 in",
     [("12:20 p. m., June 26", "1945-06-26T12:20:00")]),
    ("time-before-dmy-bracket", "10.30 a.m., 5 May [1946]",
     [("10.30 a.m., 5 May [1946]", "1946-05-05T10:30:00")]),
    ("dateline-dotted-time", "21 November 1945   14.30",
     [("21 November 1945   14.30", "1945-11-21T14:30:00")]),
    ("time-not-attached", "Diaz at 11:45 this morning June 28 issued", [("June 28", "1945-06-28")]),
    ("time-after-mdy-no-year", "Korea October 14, 6 a. m. (as", [("October 14, 6 a. m.", "1945-10-14T06:00:00")]),
    ("hhmm-after-telegram-number", "Re Embtel 1030 20 November.", [("20 November", "1945-11-20")]),
    ("hhmm-comma-is-a-number", "(London’s 1947, Nov 28)", [("Nov 28", "1945-11-28")]),
    ("hhmm-after-possessive", "(London’s 1930 20 November)", [("20 November", "1945-11-20")]),
    ("dotted-24h-before", "Time: 22.00, 25 June", [("22.00, 25 June", "1945-06-25T22:00:00")]),
    ("am-pm-broken-by-line", "New Delhi, January 25, 1951—6 p.\nm.",
     [("January 25, 1951—6 p.\nm.", "1951-01-25T18:00:00")]),
]

RANGES = [
    ("years", "the plan for 1944-1950", [("1944", "1944"), ("1950", "1950")]),
    ("years-short", "in 1944–50 the", [("1944", "1944"), ("50", "1950")]),
    ("days-or", "on 4 or 5 December 1946",
     [("4", "1946-12-04"), ("5 December 1946", "1946-12-05")]),
    ("days-from-to", "from 3 to 5 March", [("3", "1945-03-03"), ("5 March", "1945-03-05")]),
    ("days-list", "on 3, 4 and 5 October", [("3", "1945-10-03"), ("4", "1945-10-04"),
                                            ("5 October", "1945-10-05")]),
    ("mdy-days", "until July 12-13. The", [("July 12", "1945-07-12"), ("13", "1945-07-13")]),
    ("mdy-days-year", "on March 3 and 4, 1946", [("March 3", "1946-03-03"), ("4, 1946", "1946-03-04")]),
    ("months", "from March to May 1946", [("March", "1946-03"), ("May 1946", "1946-05")]),
    ("months-dash", "March–April 1947", [("March", "1947-03"), ("April 1947", "1947-04")]),
    ("years-and", "in 1945 and 1946", [("1945", "1945"), ("1946", "1946")]),
    ("months-hyphen", "In January-February 1950 the", [("January", "1950-01"), ("February 1950", "1950-02")]),
    ("night-of-slash", "on the night of 12/13 October", [("12", "1945-10-12"), ("13 October", "1945-10-13")]),
    ("days-hyphen-year", "11-12 March 1956", [("11", "1956-03-11"), ("12 March 1956", "1956-03-12")]),
    ("first-takes-second-year", "from 30 November to 2 December 1946",
     [("30 November", "1946-11-30"), ("2 December 1946", "1946-12-02")]),
    ("range-over-new-year", "from 30 December to 2 January 1946",
     [("30 December", "1945-12-30"), ("2 January 1946", "1946-01-02")]),
    ("footnote-days", "telegrams 1509 and 1557 from New Delhi, December 18 and 27, 1950",
     [("December 18", "1950-12-18"), ("27, 1950", "1950-12-27")]),
]

NOT_DATES = [
    ("quantity", "5,000 people participated"),
    ("quantity-plain", "we counted 1948 rifles"),
    ("file-number", "891.00/6–2448: Telegram"),
    ("file-number-2", "761.00/11–2145"),
    ("bare-time-range", "from 1900 to 0600 the troops moved"),
    ("bare-time-at", "at 1930 the meeting began"),
    ("bare-time-hours", "at 2200 hours"),
    ("bare-time-pm", "at 3 p.m. the meeting"),
    ("anniversary", "the 40th anniversary of"),
    ("ordinal-parallel", "the 38th parallel"),
    ("duration", "for a year and a half"),
    ("age", "An Doo Hi, age 33, Korean"),
    ("decade", "during the 1940s"),
    ("telegram-number-line", "1129. Suggest you discuss"),
    ("telegram-ref", "Re Deptel 1921 and urtel 1948"),
    ("routing", "Pass Bonn 1950 Berlin 63"),
    ("possessive-routing", "(London’s 1947 message)"),
    ("archive-ref", "RGASPI, f. 558, op. 11, d. 99, ll. 0007-0008."),
    ("folio-range", "ll. 1945-1946"),
    ("number-sign", "Copy Nº 1945"),
    ("weekday-alone", "on Saturday the"),
    ("month-verb", "He may come. May I ask?"),
    ("month-no-cue", "General March said"),
    ("revolution", "the October Revolution"),
    ("abbr-in-name", "Marshall and Jan Masaryk"),
    ("ordinal-day-alone", "on the twenty-sixth"),
    ("percentage-year", "a 1950% rise"),
    ("movement-name", "the 26th of July Movement"),
    ("total-of", "a total of 1947"),
    ("up-to", "up to 1948"),
    ("no-sign-then-month", "Order No. 5 May"),
]

# Forms of other writing habits and calendars (invented sentences).
OTHER_FORMS = [
    ("spaced-dots", "Bratislava, 3. 11. 1958", [("3. 11. 1958", "1958-11-03")]),
    ("spaced-dots-no-year-after-cue", "the article of 12. 10. was reprinted", [("12. 10.", "1945-10-12")]),
    ("spaced-dots-needs-a-cue", "see points 2. 3. above", []),
    ("iranian-calendar", "Tehran, 5 Azar 1324", [("5 Azar 1324", "1945-11-26")]),
    ("iranian-calendar-no-year", "your telegram of 28 Aban", [("28 Aban", "1945-11-19")]),
    ("japanese-era", "Tokyo, 2 March, Shōwa 20", [("2 March, Shōwa 20", "1945-03-02")]),
    ("bracketed-year-after-full-date", "dated 3 June, Shōwa 21 [1946]",
     [("3 June, Shōwa 21", "1946-06-03"), ("1946", "1946")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in OTHER_FORMS], ids=[c[0] for c in OTHER_FORMS])
def test_other_forms(text: str, expected: list[tuple[str, str]]) -> None:
    _check(text, expected)


def _check(text: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FORMS], ids=[c[0] for c in FORMS])
def test_forms(text: str, expected: list[tuple[str, str]]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TIMES], ids=[c[0] for c in TIMES])
def test_times_attached(text: str, expected: list[tuple[str, str]]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in RANGES], ids=[c[0] for c in RANGES])
def test_ranges_split(text: str, expected: list[tuple[str, str]]) -> None:
    _check(text, expected)


@pytest.mark.parametrize("text", [c[1] for c in NOT_DATES], ids=[c[0] for c in NOT_DATES])
def test_not_dates(text: str) -> None:
    assert dates(text) == []


# --- the year of a partial date ------------------------------------------------

JAN_1948 = TagContext(date=dt.date(1948, 1, 8))
DEC_1948 = TagContext(date=dt.date(1948, 12, 20))


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        ("urtel 1101 Nov 12", JAN_1948, [("Nov 12", "1947-11-12", None)]),
        ("urtel 8, Jan 3", JAN_1948, [("Jan 3", "1948-01-03", None)]),
        ("(London’s 6531, Dec 17)", JAN_1948, [("Dec 17", "1947-12-17", None)]),
        ("they met on 5 January", DEC_1948, [("5 January", "1948-01-05", "low")]),
        ("the talks will resume on 5 January", DEC_1948, [("5 January", "1949-01-05", "medium")]),
        ("on 5 January next year", DEC_1948, [("5 January", "1949-01-05", None)]),
        ("on 5 January of last year", DEC_1948, [("5 January", "1947-01-05", None)]),
        ("next March", DEC_1948, [("March", "1949-03", None)]),
        ("last March", DEC_1948, [("March", "1948-03", None)]),
        ("in June", DEC_1948, [("June", "1948-06", None)]),
        # the weekday settles it: 3 January 1949 was a Monday
        ("on Monday, 3 January", DEC_1948, [("Monday, 3 January", "1949-01-03", None)]),
    ],
    ids=["back-to-last-year", "same-month", "december-in-january", "january-in-december",
         "january-in-december-future", "next-year", "last-year", "next-month", "last-month",
         "month-in-past", "weekday-decides"],
)
def test_year_inference(text: str, ctx: TagContext,
                        expected: list[tuple[str, str, str | None]]) -> None:
    assert certs(text, ctx) == expected


def test_same_year_refers_to_the_last_stated_year() -> None:
    text = "On 5 May 1944 he left, and on 7 June of the same year he came back."
    assert dates(text) == [("5 May 1944", "1944-05-05"), ("7 June", "1944-06-07")]


def test_no_document_date_uses_first_full_date_with_low_cert() -> None:
    text = "FROM BAKU 21 November 1945\n\nOn 18 November the partisans"
    got = certs(text, TagContext())
    assert got == [("21 November 1945", "1945-11-21", None), ("18 November", "1945-11-18", "low")]


def test_no_anchor_at_all_leaves_when_out() -> None:
    spans = find_dates("On 18 November the partisans", [(0, 28)], TagContext())
    assert [(s.attrs, s.cert) for s in spans] == [((), "low")]


def test_year_precision_keeps_the_year() -> None:
    ctx = TagContext(date=dt.date(1950, 1, 1), date_precision="year")
    assert certs("on 18 November", ctx) == [("18 November", "1950-11-18", None)]


@pytest.mark.parametrize(
    ("text", "ctx", "when"),
    [
        ("5/6/50", TagContext(date=dt.date(1950, 5, 10), language="en"), "1950-05-06"),
        ("5/6/50", TagContext(date=dt.date(1950, 6, 10), language="ru"), "1950-06-05"),
        ("5/6/50", TagContext(date=dt.date(1950, 5, 2), language="ru"), "1950-05-06"),
        ("5.6.50", TagContext(date=None, language="de"), "1950-06-05"),
    ],
    ids=["us-near-may", "ru-near-june", "closeness-beats-convention", "dotted-day-first"],
)
def test_ambiguous_numeric_order(text: str, ctx: TagContext, when: str) -> None:
    assert [w for _, w in dates(text, ctx)] == [when]


# --- regions -------------------------------------------------------------------


def test_only_regions_are_searched_and_offsets_are_global() -> None:
    text = "21 November 1945\n\nOn 18 November they left.\n\nSent 20 November."
    second = text.index("On 18")
    region = (second, text.index("\n\nSent"))
    spans = find_dates(text, [region], NOV_1945)
    assert [(text[s.start:s.end], s.attr("when")) for s in spans] == [("18 November", "1945-11-18")]
    assert spans[0].start == text.index("18 November")


def test_a_date_is_never_cut_across_regions() -> None:
    text = "on 21 November 1945 there"
    cut = text.index(" 1945")
    spans = find_dates(text, [(0, cut), (cut, len(text))], NOV_1945)
    for s in spans:
        assert s.end <= cut or s.start >= cut
    assert [(text[s.start:s.end]) for s in spans] == ["21 November", "1945"]


def test_editorial_bracket_outside_the_region_is_left_out() -> None:
    text = "25 January [1950]"
    spans = find_dates(text, [(0, 12), (12, len(text))], NOV_1945)
    assert all(s.end <= 12 or s.start >= 12 for s in spans)


# --- invariants (hypothesis) ------------------------------------------------------

PIECES = [
    "21 November 1945", "Nov. 10", "in 1945", "5,000 people", "2200 20 November",
    "June 24, 1948—11 a. m.", "from 3 to 5 March", "1944-1950", "8.II.1950", "10/14/50",
    "Tuesday, 9 March 1982", "mid-January", "25 January [1950]", "last December",
    "Embtel 1072, November 20", "891.00/6–2448", "No. 703", "the", "and", ",", ".", " ",
    "\n", "\n\n", "May", "March 3 and 4, 1946", "12:20 p. m., June 26", "at 1900",
]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from(PIECES), max_size=25),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=4),
    year=st.integers(min_value=1900, max_value=1999),
    month=st.integers(min_value=1, max_value=12),
    precision=st.sampled_from(["day", "month", "year"]),
    has_date=st.booleans(),
)
def test_invariants(parts: list[str], cuts: list[int], year: int, month: int,
                    precision: str, has_date: bool) -> None:
    text = " ".join(parts)
    bounds = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    regions = list(zip(bounds, bounds[1:]))
    ctx = TagContext(date=dt.date(year, month, 28) if has_date else None, date_precision=precision)
    spans = find_dates(text, regions, ctx)
    last_end = -1
    for s in spans:
        assert isinstance(s, Span) and s.tag == "date"
        assert any(a <= s.start < s.end <= b for a, b in regions), "span crosses a region"
        assert s.start >= last_end, "spans overlap or are unsorted"
        last_end = s.end
        assert text[s.start:s.end] == text[s.start:s.end].strip(), "span has outer space"
        when = s.attr("when")
        if when is None:
            assert s.cert == "low"
            continue
        assert ISO.match(when), when
        _parses(when)
        assert s.cert in (None, "low", "medium")


def _parses(when: str) -> None:
    if "T24:00:00" in when:  # xs:dateTime allows 24:00:00, Python does not
        dt.date.fromisoformat(when[:10])
    elif len(when) > 10:
        dt.datetime.fromisoformat(when)
    elif len(when) == 10:
        dt.date.fromisoformat(when)
    elif len(when) == 7:
        dt.date.fromisoformat(when + "-01")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ./-–,:[]NovJanMayDec\n")), max_size=80))
def test_arbitrary_text_never_breaks(text: str) -> None:
    for s in find_dates(text, [(0, len(text))], NOV_1945):
        when = s.attr("when")
        assert when is None or ISO.match(when)
        assert 0 <= s.start < s.end <= len(text)


# --- the gold corpus ------------------------------------------------------------------

def _gold_docs() -> list[tuple[str, str, TagContext, list[dict]]]:
    docs = []
    for txt in sorted((CORPUS / "dev").glob("*.txt")):
        meta = tomllib.loads(txt.with_suffix(".meta.toml").read_text(encoding="utf-8"))
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))["dates"]
        docs.append((txt.stem, txt.read_text(encoding="utf-8"),
                     TagContext(date=dt.date.fromisoformat(meta["date"])), gold))
    for txt in sorted((CORPUS / "seed").glob("*.txt")):
        gold = json.loads(txt.with_name(txt.stem + ".gold.json").read_text(encoding="utf-8"))["dates"]
        docs.append((txt.stem, txt.read_text(encoding="utf-8"), NOV_1945, gold))
    return docs


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_gold_f1_at_least_095() -> None:
    tp = fp = fn = 0
    for _, text, ctx, gold in _gold_docs():
        got = {(s.start, s.end, re.sub(r"(T\d\d:\d\d):00$", r"\1", s.attr("when") or ""))
               for s in find_dates(text, [(0, len(text))], ctx)}
        want = {(g["start"], g["end"], g["when"]) for g in gold}
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)


def test_inferred_year_never_leaves_the_calendar() -> None:
    """Regression (found by hypothesis): a partial date in a document of year 1 gave year 0000."""
    import datetime as dt

    from encoder.model import TagContext
    from encoder.tagging.dates import find_dates

    text = "a a 1 August."
    for span in find_dates(text, [(0, len(text))], TagContext(date=dt.date(1, 1, 1))):
        when = span.attr("when")
        assert when is None or not when.startswith("0000")
