"""Get help in every language, in the browser: a person on a phone in Italy who has chosen her
language reaches the services for "under 18, an image was shared, Italy" in two taps from her
language's home page, and everything she reads on the way is in that language."""

from __future__ import annotations

import pytest

from realharm import render, ui
from realharm.data import load_dataset
from realharm.project import Project
from support import PHONE_AND_DESKTOP, ROOT, tap_centre

pytestmark = pytest.mark.browser

PROJECT = Project(ROOT)
LANGS = PROJECT.languages()


def _ui(lang: str, path: str) -> str:
    return ui.setting(lang, path)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT / "data", LANGS, label_root=ROOT)


@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_in_italy_reaches_the_services_for_an_under_18_in_two_taps(browser, base_url, dataset, lang):
    wanted = render.finder_services(dataset, country="IT", age="under18", situation="shared")
    assert wanted, "Italy has services for an under-18 whose image was shared"
    context = browser.new_context(**PHONE_AND_DESKTOP["phone"])
    try:
        page = context.new_page()
        home = base_url + ("" if lang == LANGS[0] else f"{lang}/")
        page.goto(home, wait_until="networkidle")
        assert page.get_attribute("html", "lang") == lang
        # tap 1: the home page's shortcut to the finder, with Italy chosen
        link = page.locator('a.md-button[href$="finder/#country-it"]')
        assert link.count() == 1, "the home page offers Italy in one tap"
        assert link.inner_text().strip() == _ui(lang, "finder.in_country").format(
            place=dataset.place_name("IT", lang))
        link.scroll_into_view_if_needed()
        tap_centre(page, 'a.md-button[href$="finder/#country-it"]')
        page.wait_for_url("**/help/finder/#country-it")
        page.wait_for_load_state("networkidle")
        assert page.get_attribute("html", "lang") == lang
        assert page.input_value("#rh-country") == "IT"
        button = '#rh-finder-quick button[data-age="under18"][data-situation="shared"]'
        page.locator(button).wait_for(state="visible")
        assert page.locator(button).inner_text().strip() == _ui(lang, "finder.quick.under18_shared")
        # tap 2: "under 18, an image was made or shared"
        page.locator(button).scroll_into_view_if_needed()
        tap_centre(page, button)
        page.locator("#rh-finder-results").wait_for(state="visible")
        shown = page.eval_on_selector_all("#rh-finder-list > li", "items => items.map(i => i.dataset.id)")
        assert sorted(shown) == sorted(wanted)
        title = page.inner_text("#rh-finder-results-title").strip()
        assert title == _ui(lang, "finder.results")
    finally:
        context.close()


def test_the_quick_choices_stay_hidden_until_a_country_is_chosen(browser, base_url):
    """Without a country, the six quick choices would show services of no country: hidden."""
    context = browser.new_context(**PHONE_AND_DESKTOP["phone"])
    try:
        page = context.new_page()
        page.goto(base_url + "help/finder/", wait_until="networkidle")
        assert page.locator("#rh-finder-quick").is_hidden()
        page.select_option("#rh-country", "GB")
        assert page.locator("#rh-finder-quick").is_visible()
        page = context.new_page()
        page.goto(base_url + "help/finder/#country-zz", wait_until="networkidle")  # no such country
        assert page.input_value("#rh-country") == "" and page.locator("#rh-finder-quick").is_hidden()
    finally:
        context.close()


# ── Arabic, right to left, on a phone and a desktop ──
SHOTS = __import__("pathlib").Path("/tmp/shots-help-languages")


@pytest.mark.parametrize("path", ["ar/", "ar/help/", "ar/help/finder/#country-it", "ar/help/directory/it/"])
def test_arabic_get_help_reads_right_to_left_and_its_numbers_left_to_right(device, base_url, path):
    from support import PageAudit, screenshot

    name, context = device
    page = context.new_page()
    audit = PageAudit(context, page)
    page.goto(base_url + path, wait_until="networkidle")
    assert page.evaluate("[document.documentElement.dir, document.documentElement.lang, "
                         "getComputedStyle(document.body).direction]") == ["rtl", "ar", "rtl"]
    header = page.locator(".md-header").bounding_box()
    exit_box = page.locator("[data-rh-exit]").bounding_box()
    assert exit_box["x"] + exit_box["width"] / 2 < header["width"] / 2  # the quick exit at the header's end: the left
    if "finder" in path:
        button = '#rh-finder-quick button[data-age="under18"][data-situation="shared"]'
        page.locator(button).click()
        page.locator("#rh-finder-results").wait_for(state="visible")
    # every phone number and web address shown reads left to right, on one line, inside the Arabic text
    scope = "#rh-finder-results" if "finder" in path else "article"
    for link in page.locator(f'{scope} a[href^="tel:"], {scope} a[href^="http"]').all()[:40]:
        text = link.inner_text().strip()
        if not link.is_visible() or not (link.get_attribute("href").startswith("tel:")
                                         or text.startswith(("http", "www."))):
            continue  # a link whose words are Arabic ("its source") runs right to left, as it should
        assert link.evaluate("e => getComputedStyle(e).direction") == "ltr", text
        if link.get_attribute("href").startswith("tel:"):
            assert link.evaluate("e => e.getClientRects().length") == 1, link.inner_text()
            # its first characters are drawn left of its last ones: it reads as written
            first, last = link.evaluate("""e => {
                const t = e.firstChild, r = document.createRange(), n = t.textContent.length;
                const x = (a, b) => { r.setStart(t, a); r.setEnd(t, b); return r.getBoundingClientRect().left; };
                return [x(0, 1), x(n - 1, n)];
            }""")
            assert len(link.inner_text()) < 2 or first < last, link.inner_text()
    assert audit.problems() == []
    screenshot(page, SHOTS, f"{path.strip('/').replace('/', '-').replace('#', '-')}-{name}")


# ── Chinese: search finds Chinese pages by Chinese words ──
@pytest.mark.parametrize("query", ["勒索", "私密图像", "帮助"])
def test_chinese_search_finds_chinese_pages_by_chinese_words(context, base_url, query):
    """Chinese is written without spaces: the index is segmented into words when it is built, so
    a word typed in the search box finds the pages that use it, in the Chinese index only."""
    page = context.new_page()
    page.goto(base_url + "zh/", wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(base_url + "zh/") for h in hrefs), hrefs
    assert any(h.startswith(base_url + "zh/help/") for h in hrefs), hrefs


# ── pages a language has not translated yet: shown in English, in that language's frame ──
FALLBACK = ["learn/m1-synthetic-media/", "teach/lessons/m1-synthetic-media-11-13/", "law/it/"]


@pytest.mark.parametrize("lang", [code for code in LANGS[1:] if code != "it"])
def test_pages_not_yet_translated_pass_axe_and_say_so(browser, base_url, lang):
    from support import PageAudit

    for path in FALLBACK:
        context = browser.new_context()
        try:
            page = context.new_page()
            audit = PageAudit(context, page)
            page.goto(base_url + f"{lang}/{path}", wait_until="networkidle")
            assert page.get_attribute("html", "lang") == lang
            assert page.locator(".rh-fallback").count() == 1, path  # the notice, in the language
            assert page.locator('article div[lang="en"]').count() >= 1, path
            assert audit.problems() == [], (lang, path)
        finally:
            context.close()
