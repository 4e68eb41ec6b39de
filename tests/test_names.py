"""Names in running text: invented sentences in the style of the archive's translations."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from encoder.gazetteer import Gazetteer, load_gazetteer
from encoder.model import Span, TagContext
from encoder.tagging.names import find_names, name_proper


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def tag(text: str, gaz: Gazetteer, **kw) -> list[Span]:
    return find_names(text, [(0, len(text))], TagContext(country=kw.pop("country", None)), gaz, **kw)


def mentions(text: str, spans: list[Span]) -> set[tuple[str, str]]:
    """(tag, name proper) pairs, the way the guideline counts them."""
    out = set()
    for s in spans:
        if s.tag == "persName":
            a, b = name_proper(text, s, spans)
            out.add((s.tag, text[a:b]))
        elif s.tag in ("placeName", "orgName"):
            out.add((s.tag, text[s.start:s.end]))
    return out


P, L, O = "persName", "placeName", "orgName"

CASES = [
    ("comrade-caps", "to KIEV, to Cde. KAGANOVICH, and to Cde. ZHDANOV",
     {(L, "KIEV"), (P, "KAGANOVICH"), (P, "ZHDANOV")}),
    ("rank-outside", "Lt. Col. Petrenko, the commander of the garrison, left Tabriz.",
     {(P, "Petrenko"), (L, "Tabriz")}),
    ("name-forming-honorific", "a supporter of Seyyed Jalaleddin spoke in Ardebil.",
     {(P, "Seyyed Jalaleddin"), (L, "Ardebil")}),
    ("khan-suffix", "Karim Khan, a big landowner, fled to Tehran.",
     {(P, "Karim Khan"), (L, "Tehran")}),
    ("village-of", "partisans attacked a post in the village of Dzhalilabad on 3 May.",
     {(L, "Dzhalilabad")}),
    ("region-generic-head", "the situation in the Sarab region is calm.", {(L, "Sarab")}),
    ("compound-region", "We report the situation in Iranian Azerbaijan today.",
     {(L, "Iranian Azerbaijan")}),
    ("historical-name", "Rallies were held in Rezayeh and in Mukden.",
     {(L, "Rezayeh"), (L, "Mukden")}),
    ("org-division", "two battalions of the 4th Mountain Rifle Division crossed the border.",
     {(O, "4th Mountain Rifle Division")}),
    ("org-of-designation", "The Central Committee of the Communist Party of the Soviet Union decided.",
     {(O, "Central Committee of the Communist Party of the Soviet Union")}),
    # "CC CPSU" is the Central Committee of the CPSU: one body (as the test corpus reads it)
    ("org-acronym", "The CC CPSU approved the draft prepared by the MID.",
     {(O, "CC CPSU"), (O, "MID")}),
    ("government-not-org", "The Soviet Government informed the U.S. Government.", {(L, "U.S.")}),
    ("government-of-country", "a note to the Government of Turkey", {(L, "Turkey")}),
    ("party-alone-not-org", "The Party must strengthen its work in Baku.", {(L, "Baku")}),
    ("nationality-not-place", "Iranian troops and Soviet officers met Kurds.", set()),
    ("credits", "Contributed by Rustam Aliyev and translated by Anna Petrova.",
     {(P, "Rustam Aliyev"), (P, "Anna Petrova")}),
    ("foundation-footer", "This document was made possible with support from Carnegie Corporation",
     {(O, "Carnegie Corporation")}),
    ("office-title", "Prime Minister Nehru told Ambassador Bowles that Peking insisted.",
     {(P, "Nehru"), (P, "Bowles"), (L, "Peking")}),
    ("bare-title", "The Shah received the Ambassador and the President.", set()),
    ("letter-spaced", "Yours faithfully,\n\nV L A S O V\n", {(P, "V L A S O V")}),
    ("initials", "N. S. Khrushchev met J. B. Tito in Belgrade.",
     {(P, "N. S. Khrushchev"), (P, "J. B. Tito"), (L, "Belgrade")}),
    ("possessive", "Molotov’s reply reached London’s embassy.", {(P, "Molotov"), (L, "London")}),
    ("bracket-insert", "a talk with [Chou] En-lai in Geneva", {(P, "[Chou] En-lai"), (L, "Geneva")}),
    ("hyphen-pair", "the Tabriz–Tehran road and the Gromyko-Dulles talks",
     {(L, "Tabriz"), (L, "Tehran"), (P, "Gromyko"), (P, "Dulles")}),
    ("parallel", "clashes along the 38th parallel continued", {(L, "38th parallel")}),
    ("signature", "We await instructions.\n\nVASILIEV\n", {(P, "VASILIEV")}),
    # a small town the gazetteer knows under its main name with an administrative word (Kapsan-ŭp),
    # in a country the text names, after a word that fits a place
    ("town-of-named-country", "In North Korea the former partisans from Kapsan were purged.",
     {(L, "North Korea"), (L, "Kapsan")}),
    ("town-in-brackets", "The trains went from Vinh to Dong Dang [Đồng Đăng] in Vietnam.",
     {(L, "Vinh"), (L, "Dong Dang"), (L, "Đồng Đăng"), (L, "Vietnam")}),
    ("code-names", 'Agent "KAREL" reports that source "VÁCLAV" met the informer "Lutz" in Cheb.',
     {(P, "KAREL"), (P, "VÁCLAV"), (P, "Lutz"), (L, "Cheb")}),
    ("newspaper-list", "His newspapers Die Welt and Bild attacked Brandt.",
     {(O, "Die Welt"), (O, "Bild"), (P, "Brandt")}),
    ("hyphenated-place", "The party in Baden-Württemberg expects gains; trains go through Zamyn-Üüd and Erenhot.",
     {(L, "Baden-Württemberg"), (L, "Zamyn-Üüd"), (L, "Erenhot")}),
    # an other-language name of a big city in a country the text names ("Cologne" is also an English word)
    ("alternate-of-named-country", "Germany said orders would be placed by a mission in Cologne, and soon.",
     {(L, "Germany"), (L, "Cologne")}),
    ("frontier-lines", "Clashes south of the McMahon Line and along the Military Demarcation Line; the party line held.",
     {(L, "McMahon Line"), (L, "Military Demarcation Line")}),
    # an ʿayn printed as an apostrophe belongs to the name; a quotation mark does not
    ("ayn-apostrophe", "Jamal 'Abd al-Nasir met ‘Ali Sabri; the word 'Ali' was printed.",
     {(P, "Jamal 'Abd al-Nasir"), (P, "‘Ali Sabri"), (P, "Ali")}),
    ("family-name-then-city", "Present were Wu Jinan, the counsellor, and Le Duan; the train left Jinan.",
     {(P, "Wu Jinan"), (P, "Le Duan"), (L, "Jinan")}),
    ("bracketed-form-of-listed-place", "It left the islands of Kunashiri [Kunashir] and Etorofu [Iturup] to them.",
     {(L, "Kunashiri"), (L, "Kunashir"), (L, "Etorofu"), (L, "Iturup")}),
    ("ayn-letter", "Present were Tariq ʿAziz, Saʿdun Hammadi and ʿAbd al-Jabbar Shanshal.",
     {(P, "Tariq ʿAziz"), (P, "Saʿdun Hammadi"), (P, "ʿAbd al-Jabbar Shanshal")}),
    # British spellings are common words as the American ones are (the word list is American)
    ("british-spelling", "He asked the Minister of Defence to act. Labour was short.", set()),
    ("enterprises", "The strike spread to the Parnica Shipyard and the Warski Shipyard.",
     {(O, "Parnica Shipyard"), (O, "Warski Shipyard")}),
    ("title-case-heading", "Cable, 'On Nehru's Statement', and the People's Republic of China.",
     {(P, "Nehru"), (L, "People's Republic of China")}),
    ("possessive-ends-name", "Kim Il Sung's Visit was noted.", {(P, "Kim Il Sung")}),
    ("speaker-after-list-comma", "Before leaving for Colombo, Nehru told reporters at Delhi that he would act.",
     {(L, "Colombo"), (P, "Nehru"), (L, "Delhi")}),
    ("mccune-reischauer-place", "The command post moved to Chŏn'gok; Kim Ch'aek and Pak Hŏn-yŏng agreed.",
     {(L, "Chŏn'gok"), (P, "Kim Ch'aek"), (P, "Pak Hŏn-yŏng")}),
    ("apposition-after-place", "The Prime Minister of Dominica, Eugenia Charles, asked George Bush for help.",
     {(L, "Dominica"), (P, "Eugenia Charles"), (P, "George Bush")}),
    ("town-and-country", "The rally in Mahabad, Iran was large; in Görlitz, Fürstenwalde and other districts too.",
     {(L, "Mahabad"), (L, "Iran"), (L, "Görlitz"), (L, "Fürstenwalde")}),
    ("saints-places-and-areas", "Arrests in St. George's, in the Joint Security Area and at Clark Air Base.",
     {(L, "St. George's"), (L, "Joint Security Area"), (L, "Clark Air Base")}),
    ("feast-as-surname", "Taha Yasin Ramadan: That is correct. Choi Yung Sik Saturday arrived.",
     {(P, "Taha Yasin Ramadan"), (P, "Choi Yung Sik")}),
    ("inverted-with-forenames", "Kaul, T. N. (Triloki Nath), 1913-2000\n", {(P, "Kaul, T. N. (Triloki Nath)")}),
    ("towns-other-spellings", "Supplies came from Tawang in India, and the railway ran through Jolfa in Iran.",
     {(L, "Tawang"), (L, "India"), (L, "Jolfa"), (L, "Iran")}),
    ("original-form-in-brackets", "Xinhua [Tân Hoa xã] and the Border Defence Force [Công an Nhân dân Vũ trang] "
     "said so in Moscow [sic]; in Saigon [Sài Gòn–Chợ Lớn] too.",
     {(O, "Xinhua"), (O, "Tân Hoa xã"), (O, "Border Defence Force"), (O, "Công an Nhân dân Vũ trang"),
      (L, "Moscow"), (L, "Saigon"), (L, "Sài Gòn"), (L, "Chợ Lớn")}),
    ("title-ends-designation", "The Office of the Prime Minister, the Presidential Diwan and the Federal Chancellery; "
     "THE PRESIDIUM OF THE USSR COMRADE STALIN agreed.",
     {(O, "Office of the Prime Minister"), (O, "Presidential Diwan"), (O, "Federal Chancellery"),
      (O, "PRESIDIUM OF THE USSR"), (P, "STALIN")}),
    # cable-ese ranks without full stops, ranks of other armies, clerical and parliamentary titles
    ("ranks-and-titles", "Maj Gen Suharto met Brig Gens Pandjaitan; Marshal of Aviation A. I. Koldunov, "
     "Generalleutnant Hummitzsch, Rabbi Rafael Saban and Speaker Albert agreed.",
     {(P, "Suharto"), (P, "Pandjaitan"), (P, "A. I. Koldunov"), (P, "Hummitzsch"), (P, "Rafael Saban"),
      (P, "Albert")}),
    ("commands-and-broadcasters", "Units of the Lanzhou Military Region; Radio Alma-Ata and Bulgarian Television.",
     {(O, "Lanzhou Military Region"), (O, "Radio Alma-Ata"), (O, "Bulgarian Television")}),
    ("initial-m-after-an-initial", "The report of V. M. Chebrikov arrived; named after S. M. Budennyi.",
     {(P, "V. M. Chebrikov"), (P, "S. M. Budennyi")}),
    ("numerals-and-buildings", "I. On the situation. He quoted VIII of the statute at the Thomaskirche.",
     {(L, "Thomaskirche")}),
    ("website-after-body", "History and Public Policy Program Digital Archive, RGASPI",
     {(O, "History and Public Policy Program"), (O, "RGASPI")}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cases(gaz: Gazetteer, text: str, expected: set[tuple[str, str]]) -> None:
    assert mentions(text, tag(text, gaz)) == expected


# One invented case for each kind of failure seen on documents no rule was written for.
GENERAL = [
    # persons and places
    ("document-person-beats-gazetteer",  # "Bo" is a town; the text shows a person
     "Cde. Bo Yibo arrived from Beijing. The proposal of Bo Yibo was accepted.",
     {(P, "Bo Yibo"), (L, "Beijing")}),
    ("given-name-before-city-name", "a meeting between Otto Grotewohl and Vladimir Semyonov",
     {(P, "Otto Grotewohl"), (P, "Vladimir Semyonov")}),
    ("person-cue-over-lesser-city", "the guarantee of non-invasion given by Kennedy is a success",
     {(P, "Kennedy")}),
    ("odd-alias-of-a-city", "Copies: Stalin, Molotov, Beria, Kaganovich, file.",
     {(P, "Stalin"), (P, "Molotov"), (P, "Beria"), (P, "Kaganovich")}),
    ("list-of-districts", "Grain was requisitioned in the districts of Tungwa and Lishan last month.",
     {(L, "Tungwa"), (L, "Lishan")}),
    ("list-with-known-place", "The commission visited Potsdam and Zossen on 4 May.",
     {(L, "Potsdam"), (L, "Zossen")}),
    ("list-before-generic-noun", "Meetings were held in the Kreuzbach and Mittelfeld districts.",
     {(L, "Kreuzbach"), (L, "Mittelfeld")}),
    ("direction-in-name", "the harvest in the provinces of Hamgyong and South Kangwon was poor",
     {(L, "Hamgyong"), (L, "South Kangwon")}),
    ("dash-route", "Our units hold the line Bellavista – Santa Irene – Porto Velho.",
     {(L, "Bellavista"), (L, "Santa Irene"), (L, "Porto Velho")}),
    ("alternative-form", "The Americans will protect Kulangyu [Amoy] only if it is needed.",
     {(L, "Kulangyu"), (L, "Amoy")}),
    ("the-river", "The last echelons will cross the Tevra at Julfa on 9 May.",
     {(L, "Tevra"), (L, "Julfa")}),
    ("the-alone-no-person", "Traffic on the Ringbahn resumed on Monday.", set()),
    ("the-facility", "the restoration of the Sonbong hydroelectric station", {(L, "Sonbong")}),
    ("apposition", "The meeting took place on Tiran, an island in the Red Sea.",
     {(L, "Tiran"), (L, "Red Sea")}),
    ("derived-demonym", "the withdrawal of the South African troops from Angolan territory", set()),
    ("country-hint-keeps-capital", "Paris saw no reason to take the initiative.", {(L, "Paris")}),
    ("event-name", "the ratification of the Moscow Treaty was postponed", set()),
    ("slogan", "The “Defend Cuba, Fight Imperialism” campaign is being pressed in the factories.",
     set()),
    ("month-of-another-calendar", "Tehran, 12 Aban 1330", {(L, "Tehran")}),
    # forms of names
    ("speaker-turns", "KORNEV: I asked whether the talks would begin soon.\n"
                      "LI HUAN: We agree with the Soviet comrades on this point.",
     {(P, "KORNEV"), (P, "LI HUAN")}),
    ("letter-spaced-words", "With deep respect,\n\nP A K  T O N G  C H O L\n",
     {(P, "P A K  T O N G  C H O L")}),
    ("name-across-line-break", "The delegation was received at the ministry, and the talks were "
                               "attended by Cdes. Ferenc\nBalogh and Imre Szabo, who spoke about the harvest.",
     {(P, "Ferenc\nBalogh"), (P, "Imre Szabo")}),
    ("column-gap", "Marshal of the Soviet Union                G. PETROV\n[signature]",
     {(L, "Soviet Union"), (P, "G. PETROV")}),
    ("inline-rank-and-initials", "Marshal of the Soviet Union G. K. Zhukov arrived.",
     {(L, "Soviet Union"), (P, "G. K. Zhukov")}),
    ("m-is-an-initial", "To Cde. M. K. SAFAROV", {(P, "M. K. SAFAROV")}),
    ("name-in-capitals", "FROM: HAROLD BROWN", {(P, "HAROLD BROWN")}),
    ("title-after-name", "The plenum elected Cde. Władysław Gomułka First Secretary.",
     {(P, "Władysław Gomułka")}),
    ("title-then-place-in-capitals", "USSR AMBASSADOR IN ROMANIA\n(KAVTARADZE)",
     {(L, "USSR"), (L, "ROMANIA"), (P, "KAVTARADZE")}),
    ("portfolio-then-name", "he will discuss the budget with the Minister of Finance Haravi",
     {(P, "Haravi")}),
    ("person-before-government", "the Department believes that the Mossadegh Government should act",
     {(O, "Department"), (P, "Mossadegh")}),
    ("burmese-u", "The visit of U Thant brought no result.", {(P, "U Thant")}),
    ("persian-article", "Pishevari told him that Vosugh od-Dowleh had agreed.",
     {(P, "Pishevari"), (P, "Vosugh od-Dowleh")}),
    ("glued-words", "the text was signed by Cde. ZhukovReport Nº 5 of 2 June", {(P, "Zhukov")}),
    ("number-sign", "Copy Nº 2", set()),
    ("section-number", "I.\n\n1. The units have withdrawn.", set()),
    ("after-editorial-gap", "Kovačević. [...] In Belgrade the statement was welcomed.",
     {(P, "Kovačević"), (L, "Belgrade")}),
    ("peoples-republic", "Cde. Dušan Kovačević, Ambassador of the Federal People’s Republic of Yugoslavia",
     {(P, "Dušan Kovačević"), (L, "Federal People’s Republic of Yugoslavia")}),
    # organisations
    ("ordinal-designation", "Decree of the Military Council of the 2nd Ukrainian Front on the Supply "
                            "of Bread to the City",
     {(O, "Military Council of the 2nd Ukrainian Front")}),
    ("generic-the-front", "the Military Council of the Front DECIDES:", {(O, "Military Council")}),
    ("organ-and-party", "We ask the CC KWP to send the report to the PB CC CPSU.",
     {(O, "CC KWP"), (O, "PB CC CPSU")}),
    ("listed-abbreviations", "AVP RF, f. 07, op. 4, d. 12, l. 3.", {(O, "AVP RF")}),
    ("expansion-in-brackets", "in the CDR [Committees for the Defense of the Revolution] there are doubts",
     {(O, "CDR"), (O, "Committees for the Defense of the Revolution")}),
    ("explained-abbreviation", "GOPAPIRDA (former Party Archive of the Tula Region), f. 3, d. 12.",
     {(O, "GOPAPIRDA"), (O, "Party Archive of the Tula Region")}),
    ("call-numbers", "SAPMO-BArch, NY 4090/123, Bl. 12-14; MOL, XIV-B-2, 3. doboz.",
     {(O, "SAPMO-BArch"), (O, "MOL")}),
    ("publisher", "Ivan Petrov, ed., Vospominaniya (Budapest: Kossuth, 1990), 45–48.",
     {(P, "Ivan Petrov"), (L, "Budapest"), (O, "Kossuth")}),
    ("couple-foundation", "This document was made possible with support from Henry S. and Mary T. "
                          "Fielding Foundation",
     {(O, "Henry S. and Mary T. Fielding Foundation")}),
    ("foreign-head-noun", "This document was made possible with support from Fritz Thyssen Stiftung",
     {(O, "Fritz Thyssen Stiftung")}),
    ("title-word-begins-body", "the fedai units will be subordinated to the General Staff in Baku",
     {(O, "General Staff"), (L, "Baku")}),
    ("owner-then-body", "General Dobrev’s Military Council of National Defense has taken power.",
     {(P, "Dobrev"), (O, "Military Council of National Defense")}),
    ("body-named-with-of", "Embassy of the Hungarian People’s Republic\nPrague",
     {(O, "Embassy of the Hungarian People’s Republic"), (L, "Prague")}),
    ("archive-of", "Source: Archive of the Ministry of Foreign Affairs of Hungary, XIX-J-1-k.",
     {(O, "Archive of the Ministry of Foreign Affairs of Hungary")}),
    ("peoples-body-and-short-form",
     "The Chinese People’s Volunteers will leave Korea. The staff of the Volunteers will go last.",
     {(O, "Chinese People’s Volunteers"), (L, "Korea"), (O, "Volunteers")}),
    ("congress-is-a-meeting", "before the Party Congress in October and after its Third Congress",
     set()),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in GENERAL], ids=[c[0] for c in GENERAL])
def test_general_cases(gaz: Gazetteer, text: str, expected: set[tuple[str, str]]) -> None:
    country = "US" if "Paris saw" in text else None
    assert mentions(text, tag(text, gaz, country=country)) == expected


# One invented case for each rule added for documents of other countries' archives: headings in
# capitals, numbered units, enterprises, names left in the original language, lists of places.
RULE_CASES = [
    ("honorific-after-place-prefix", "The convoy was held at Port Said for two days.", {(L, "Port Said")}),
    ("listed-broadcaster-before-place", "The commentary of Radio Warsaw was rebroadcast.", {(O, "Radio Warsaw")}),
    ("place-opening-with-common-word-at-line-start", "Secret\nNew Delhi, 3 May", {(L, "New Delhi")}),
    ("place-opening-with-the", "The talks resumed near The Hague in June.", {(L, "The Hague")}),
    ("title-after-and-ends-designation", "The Presidium of the Council of Ministers and Marshal Tito agreed.",
     {(O, "Presidium of the Council of Ministers"), (P, "Tito")}),
    ("initials-outweigh-a-list", "He spoke with the representative of Finland, V. Lehtinen, on Monday.",
     {(L, "Finland"), (P, "V. Lehtinen")}),
    ("portfolio-with-and-then-name", "Present: Minister of Agriculture and Forestry Sato Eisaku; others.",
     {(P, "Sato Eisaku")}),
    ("portfolio-with-the-then-name", "Also present: the Minister of the Coal Industry A. F. Zasyadko.",
     {(P, "A. F. Zasyadko")}),
    ("numbered-units", "Elements of the 12th Division and of Department V were moved.",
     {(O, "12th Division"), (O, "Department V")}),
    ("roman-ordinal-before-unit", "the head of the III. Directorate of the SNB reported",
     {(O, "III. Directorate of the SNB")}),
    ("command-districts", "The commanders of the Carpathian Military District and of the 3rd Border Guard "
     "District reported.", {(O, "Carpathian Military District"), (O, "3rd Border Guard District")}),
    ("heading-in-capitals", "MINISTRY OF FOREIGN AFFAIRS OF THE CZECHOSLOVAK SOCIALIST REPUBLIC\nSecret",
     {(O, "MINISTRY OF FOREIGN AFFAIRS OF THE CZECHOSLOVAK SOCIALIST REPUBLIC")}),
    ("embassy-in-capitals", "FROM: ROYAL AFGHAN EMBASSY, KABUL", {(O, "ROYAL AFGHAN EMBASSY"), (L, "KABUL")}),
    ("title-in-capitals-ends-designation", "TO THE CHAIRMAN OF THE COUNCIL OF MINISTERS OF THE USSR COMRADE BULGANIN",
     {(O, "COUNCIL OF MINISTERS OF THE USSR"), (P, "BULGANIN")}),
    ("the-ministry", "I suggest that the Ministry inform our embassies.", {(O, "Ministry")}),
    ("foreign-heads", "a report of the Ministerium für Außenhandel and of the Bund der Steuerzahler",
     {(O, "Ministerium für Außenhandel"), (O, "Bund der Steuerzahler")}),
    ("foreign-archive", "Source: Arhiv Srbije, fond 12.", {(O, "Arhiv Srbije")}),
    ("unit-with-letter", "Abteilung C\nSecret", {(O, "Abteilung C")}),
    ("enterprises", "Workers of the Nowa Huta Steel Works and of the Leuna Chemical Combine struck.",
     {(O, "Nowa Huta Steel Works"), (O, "Leuna Chemical Combine")}),
    ("enterprise-with-and", "the managers of the Kladno Iron and Steel Works", {(O, "Kladno Iron and Steel Works")}),
    ("committee-with-and", "The members of the Foreign Affairs and Defence Committee met.",
     {(O, "Foreign Affairs and Defence Committee")}),
    ("collected-works-no-body", "He quoted the Collected Works of Lenin.", {(P, "Lenin")}),
    ("list-after-locative", "Traffic through Bregova, Tomak and Hradek has risen.",
     {(L, "Bregova"), (L, "Tomak"), (L, "Hradek")}),
    ("list-across-bracket", "the border posts in Chebín [Egersdorf] and Mníšek were closed",
     {(L, "Chebín"), (L, "Egersdorf"), (L, "Mníšek")}),
    ("south-asian-honorific", "a letter from Shri Mohan Lal Gupta arrived", {(P, "Mohan Lal Gupta")}),
    ("academic-title", "the report was signed by Ing. Karel Vondráček", {(P, "Karel Vondráček")}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_rule_cases(gaz: Gazetteer, text: str, expected: set[tuple[str, str]]) -> None:
    assert mentions(text, tag(text, gaz)) == expected


def test_same_name_same_kind_in_the_whole_document(gaz: Gazetteer) -> None:
    """A name in capitals, in a title or as a speaker is the person the text names elsewhere."""
    text = ("Record of a Conversation between Bo Yibo and Ambassador Yudin\n"
            "BO YIBO: I asked you to come because I want to speak about the plan.\n"
            "YUDIN: I said that the CC CPSU holds the same view.")
    got = mentions(text, tag(text, gaz))
    assert got == {(P, "Bo Yibo"), (P, "Yudin"), (P, "BO YIBO"), (P, "YUDIN"), (O, "CC CPSU")}


def test_inverted_names_in_catalogue_lines(gaz: Gazetteer) -> None:
    text = ("Cde. Kim Il Sung spoke.\n\nAuthor(s):\n\nPetrov, Ivan Sergeevich, 1901-1970\n\n"
            "Associated People & Organizations\n\nKim, Il Sung, 1912-1994\nKorea, North\n")
    spans = tag(text, gaz)
    pers = {text[s.start:s.end]: s.key for s in spans if s.tag == P}
    assert pers["Petrov, Ivan Sergeevich"] == "ivan sergeevich petrov"
    assert pers["Kim, Il Sung"] == "kim il sung"  # the key of the name as the text writes it
    assert (L, "Korea") in mentions(text, spans)


def test_posts_in_a_list_are_places(gaz: Gazetteer) -> None:
    text = ("He is calling home Ger Ambassadors Washington, London and Paris. "
            "The ministers will meet in Rome or Washington.")
    assert mentions(text, tag(text, gaz)) == {(L, "Washington"), (L, "London"), (L, "Paris"),
                                              (L, "Rome")}


def test_glued_footnote_marker(gaz: Gazetteer) -> None:
    text = ("Note on a talk of Georgi Dimitrov.\n1st copy: Cde. Dimitrovb\n"
            "b The copy was returned to the file.")
    assert (P, "Dimitrov") in mentions(text, tag(text, gaz))


def test_role_name_spans_and_types(gaz: Gazetteer) -> None:
    text = "to Cde. STALIN and Lt. Col. Zagirnia and Ambassador Smith"
    spans = tag(text, gaz)
    roles = {text[s.start:s.end]: s.attr("type") for s in spans if s.tag == "roleName"}
    assert roles == {"Cde.": "honorific", "Lt. Col.": "rank", "Ambassador": "office"}
    pers = [s for s in spans if s.tag == "persName"]
    assert [text[s.start:s.end] for s in pers] == ["Cde. STALIN", "Lt. Col. Zagirnia", "Ambassador Smith"]
    assert [s.key for s in pers] == ["stalin", "zagirnia", "smith"]


def test_short_form_takes_full_key(gaz: Gazetteer) -> None:
    text = "the landowners Ahmed Karimi and Paymaan fled. Later Karimi returned."
    pers = [s for s in tag(text, gaz) if s.tag == "persName"]
    assert [(text[s.start:s.end], s.key) for s in pers] == [
        ("Ahmed Karimi", "ahmed karimi"), ("Paymaan", "paymaan"), ("Karimi", "ahmed karimi")]


def test_known_forms_are_tagged(gaz: Gazetteer) -> None:
    text = "The Committee for State Security reported that Blue Hill was quiet."
    spans = tag(text, gaz, known={"Blue Hill": "placeName",
                                  "Committee for State Security": "orgName"})
    got = {(s.tag, text[s.start:s.end]) for s in spans}
    assert {("placeName", "Blue Hill"), ("orgName", "Committee for State Security")} <= got


def test_known_person_gets_title(gaz: Gazetteer) -> None:
    text = "a message to Cde. Grey Wolf"
    spans = tag(text, gaz, known={"Grey Wolf": "persName"})
    pers = [s for s in spans if s.tag == "persName"]
    assert len(pers) == 1 and text[slice(*name_proper(text, pers[0], spans))] == "Grey Wolf"


def test_only_regions_are_searched(gaz: Gazetteer) -> None:
    text = "Molotov met Bevin. Stalin met Attlee in Potsdam."
    cut = text.index("Stalin")
    spans = find_names(text, [(cut, len(text))], TagContext(), gaz)
    assert spans and all(s.start >= cut for s in spans)
    assert "Molotov" not in {text[s.start:s.end] for s in spans}


def test_speed(gaz: Gazetteer) -> None:
    import time
    para = ("According to a report from Tabriz, Lt. Col. Zagirnia and Cde. Bagirov met the "
            "chairman of the National Assembly in the village of Tark near Maragheh. ")
    text = para * (4096 // len(para) + 1)
    tag(text, gaz)
    t0 = time.perf_counter()
    tag(text, gaz)
    assert time.perf_counter() - t0 < 0.1


# --------------------------------------------------------------------------- properties

WORDS = st.sampled_from([
    "Cde.", "Comrade", "STALIN", "Molotov", "Lt.", "Col.", "Zagirnia", "the", "village", "of",
    "Tabriz", "Iranian", "Azerbaijan", "Party", "Communist", "Ministry", "Foreign", "Affairs",
    "said", "in", "and", ",", ".", "\n", "\n\n", "Seyyed", "Khan", "Aziz", "[Chou]", "En-lai",
    "M O L O T O V", "N.", "S.", "Khrushchev", "USSR", "CPSU", "Ambassador", "’s", "-", "–",
    "translated", "by", "Gary", "Goldberg", "38th", "parallel", "Government", "U.S.",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=40), st.lists(st.integers(0, 400), max_size=6))
def test_spans_are_well_formed(words: list[str], cuts: list[int]) -> None:
    gaz = load_gazetteer()
    text = " ".join(words)
    points = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    regions = [(a, b) for a, b in zip(points, points[1:]) if b > a][::2] or [(0, len(text))]
    spans = find_names(text, regions, TagContext(), gaz)
    names = [s for s in spans if s.tag in ("persName", "placeName", "orgName")]
    for s in spans:
        assert any(a <= s.start < s.end <= b for a, b in regions), (s, regions)
        assert s.tag in ("persName", "placeName", "orgName", "roleName")
    # names never overlap one another
    ordered = sorted(names, key=lambda s: s.start)
    for x, y in zip(ordered, ordered[1:]):
        assert x.end <= y.start, (x, y)
    # every roleName sits inside a persName
    for r in (s for s in spans if s.tag == "roleName"):
        assert any(p.tag == "persName" and p.start <= r.start and r.end <= p.end for p in names)
    for s in names:
        assert s.key and s.cert in ("high", "medium", "low")
        assert text[s.start:s.end] == text[s.start:s.end].strip()


# --------------------------------------------------------------------------- evidence for a person
# An unknown capitalised sequence is a person only with a person's cue or a name's shape; a
# place's or a newspaper's shape or cue wins over the old default (issue 3: unseen documents).

EVIDENCE_CASES = [
    # two unknown words with no given or family name, after "in": a place, not a person
    ("unshaped-after-in", "The convoy reached the depot in Tarvan Khoor before noon.",
     {(L, "Tarvan Khoor")}),
    # a place word first (Jebel, Port, Bandar, Sierra...) makes a place
    ("place-prefix", "Jebel Tarik was shelled by the artillery.", {(L, "Jebel Tarik")}),
    # a place word inside (nad, am, sur) joins one place name
    ("place-infix", "The delegation crossed at Horná Lipa nad Dunajom yesterday.",
     {(L, "Horná Lipa nad Dunajom")}),
    # a place-name ending (-sk, -grad, -stadt, -abad) with no person cue
    ("place-ending", "Troops were moved to Nizhnetarkhovsk in the spring.", {(L, "Nizhnetarkhovsk")}),
    # newspapers and agencies are orgs: listed ones, and any after "the newspaper"
    ("newspaper-listed", "The article appeared in Trybuna Ludu and in Granma.",
     {(O, "Trybuna Ludu"), (O, "Granma")}),
    ("newspaper-cue", "Yesterday the newspaper Zolotaya Zarya printed the appeal.",
     {(O, "Zolotaya Zarya")}),
    ("newspaper-editors-of", "The editors of Sovetskaya Zarya complained.", {(O, "Sovetskaya Zarya")}),
    # a listed name with a lower-case word is found whole
    ("newspaper-lower-case-word", "Rudé právo printed the statement.", {(O, "Rudé právo")}),
    # the modern form in brackets after a historical place name is a place too
    ("bracketed-modern-form", "He stayed at the consulate in Peiping [Beiping] for a week.",
     {(L, "Peiping"), (L, "Beiping")}),
    # a gazetteer's full name is not cut into its parts
    ("gazetteer-full-name", "The delegation arrived in Santiago de Cuba on Monday.",
     {(L, "Santiago de Cuba")}),
    # "the town of X" is a place even where the document names a person X as well
    ("town-of-beats-namesake", "In the town of Choibalsan the fodder is exhausted. "
     "Marshal Choibalsan settled the question.", {(L, "Choibalsan"), (P, "Choibalsan")}),
]


@pytest.mark.parametrize("text,want", [c[1:] for c in EVIDENCE_CASES], ids=[c[0] for c in EVIDENCE_CASES])
def test_evidence_for_names(gaz: Gazetteer, text: str, want: set[tuple[str, str]]) -> None:
    assert mentions(text, tag(text, gaz)) == want


ROLE_CASES = [
    # two-letter Russian initials (Yu., Ya., Zh., Kh.) are initials, inside the name proper
    ("two-letter-initial", "to Cde. Yu. Tsedenbal", "Yu. Tsedenbal", "Cde."),
    # in a list of initialled names "M." is an initial, not "Monsieur"
    ("initial-in-list", "Present: Comrades W. Gomułka, J. Cyrankiewicz, M. Spychalski.", "M. Spychalski", None),
    # a rank with "of the" inside: the whole rank is the roleName
    ("rank-of-the", "General of the Army S. M. Shtemenko reported.", "S. M. Shtemenko",
     "General of the Army"),
]


@pytest.mark.parametrize("text,name,role", [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES])
def test_roles_and_initials(gaz: Gazetteer, text: str, name: str, role: str | None) -> None:
    spans = tag(text, gaz)
    assert (P, name) in mentions(text, spans)
    if role is not None:
        assert role in {text[s.start:s.end] for s in spans if s.tag == "roleName"}
    assert not [s for s in spans if s.tag == O]


def test_initials_open_no_designation(gaz: Gazetteer) -> None:
    """"the Journal of A. A. Lavrentiev": a person's initials do not extend a body's name."""
    text = "From the Journal of A. A. Lavrentiev"
    assert mentions(text, tag(text, gaz)) == {(P, "A. A. Lavrentiev")}


def test_town_of_named_country_needs_a_word_that_fits_a_place(gaz: Gazetteer) -> None:
    # Eden is a town in the United States, which the text names; with no word around that fits a
    # place ("from", "in", a list), the gazetteer alone does not make a surname a place
    text = "They discussed the purpose of the Eden visit with the United States."
    assert (L, "Eden") not in mentions(text, tag(text, gaz))
    text = "The convoy came from Eden in the United States."
    assert (L, "Eden") in mentions(text, tag(text, gaz))


def test_a_family_name_first_is_no_city_by_the_citys_other_name(gaz: Gazetteer) -> None:
    # "Ho Chi Minh" is another name of Ho Chi Minh City in the gazetteer; an East Asian family name
    # first leaves it to the person's cues, while the city's own name stays a place
    text = "Ho Chi Minh said so. Ho Chi Minh City was quiet."
    found = mentions(text, tag(text, gaz))
    assert (L, "Ho Chi Minh") not in found and (L, "Ho Chi Minh City") in found
