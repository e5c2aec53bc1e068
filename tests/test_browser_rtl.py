"""Right-to-left pages in the browser, on a copy of the project with Arabic started and one page
written in Arabic (support.rtl_project): mirrored layout, the quick exit, the help finder,
quizzes, glossary tooltips, search and print, with screenshots in /tmp/shots-rtl/ to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import PHONE_AND_DESKTOP, PageAudit, leave_by_quick_exit, neutral_site, screenshot, served

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-rtl")


@pytest.fixture(scope="module")
def rtl_url(rtl_site):
    yield from served(rtl_site[0])


def shot(page, name: str) -> None:
    screenshot(page, SHOTS, name)



def _exit_side(page) -> float:
    """Where the quick exit's middle is, from 0 (left edge of the header) to 1 (right edge)."""
    header = page.locator(".md-header").bounding_box()
    box = page.locator("[data-rh-exit]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= header["width"] and box["y"] < 60, box
    return (box["x"] + box["width"] / 2) / header["width"]


@pytest.mark.parametrize("path", ["ar/", "ar/help/"])
def test_arabic_and_fallback_pages_are_mirrored_and_pass_axe(device, rtl_url, path):
    name, context = device
    page = context.new_page()
    audit = PageAudit(context, page)
    page.goto(rtl_url + path, wait_until="networkidle")
    assert page.evaluate("[document.documentElement.dir, document.documentElement.lang, "
                         "getComputedStyle(document.body).direction]") == ["rtl", "ar", "rtl"]
    # the mirrored header: the quick exit at its end, which is the left on a right-to-left page
    assert _exit_side(page) < 0.5
    if path == "ar/help/":
        english = page.locator('article div[lang="en"]').first
        assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert audit.problems() == []
    shot(page, f"{path.strip('/').replace('/', '-')}-{name}")


def test_the_quick_exit_is_on_the_other_side_on_left_to_right_pages(browser, rtl_url):
    context = browser.new_context(**PHONE_AND_DESKTOP["phone"])
    try:
        page = context.new_page()
        page.goto(rtl_url + "help/", wait_until="networkidle")
        assert _exit_side(page) > 0.5
    finally:
        context.close()


@pytest.mark.parametrize("how", ["tap", "escape"])
def test_quick_exit_leaves_an_arabic_page(browser, rtl_url, how):
    context = browser.new_context(**PHONE_AND_DESKTOP["phone"])
    try:
        neutral_site(context)
        page = context.new_page()
        page.goto(rtl_url + "ar/", wait_until="networkidle")
        leave_by_quick_exit(page, how)
    finally:
        context.close()


def test_the_phone_number_in_arabic_text_reads_left_to_right(device, rtl_url):
    name, context = device
    page = context.new_page()
    page.goto(rtl_url + "ar/", wait_until="networkidle")
    tel = page.locator('article a[href^="tel:"]')
    assert tel.evaluate("e => [getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi]") == ["ltr", "isolate"]
    # "0800" is drawn to the left of "1111", as written, though the sentence runs right to left
    first, last = page.evaluate("""() => {
        const text = document.querySelector('article a[href^="tel:"]').firstChild, r = document.createRange();
        const x = (a, b) => { r.setStart(text, a); r.setEnd(text, b); return r.getBoundingClientRect().left; };
        return [x(0, 4), x(text.length - 4, text.length)];
    }""")
    assert first < last
    assert tel.evaluate("e => e.getClientRects().length") == 1  # on one line, never split
    url = page.locator('article a[href="https://stopncii.org/"]')
    assert url.evaluate("e => getComputedStyle(e).direction") == "ltr"
    tel.scroll_into_view_if_needed()
    shot(page, f"ar-phone-number-{name}")


def test_finder_quiz_tooltip_and_search_work_in_arabic(device, rtl_url):
    name, context = device
    page = context.new_page()
    audit = PageAudit(context, page)
    # help finder: cards that fit, their phone numbers isolated
    page.goto(rtl_url + "ar/help/finder/", wait_until="networkidle")
    page.select_option("#rh-country", "GB")
    page.select_option("#rh-age", "under18")
    page.select_option("#rh-situation", "shared")
    page.click("#rh-finder button[type=submit]")
    page.wait_for_selector("#rh-finder-results:not([hidden])")
    assert page.locator("#rh-finder-list li").count() > 0
    tels = page.locator('#rh-finder-list a[href^="tel:"]')
    assert tels.count() > 0 and all(t.evaluate("e => getComputedStyle(e).direction") == "ltr" for t in tels.all())
    page.locator("#rh-finder-results").scroll_into_view_if_needed()
    shot(page, f"ar-finder-{name}")
    # quiz: an answer checked gives its feedback
    page.goto(rtl_url + "ar/learn/m1-synthetic-media/", wait_until="networkidle")
    question = page.locator(".rh-q").first
    wrong = question.locator('input[data-correct="false"]').first
    wrong.check()
    question.locator(".rh-q__check").click()
    assert page.locator(f'[id="{wrong.get_attribute("id")}-fb"]').is_visible()
    question.scroll_into_view_if_needed()
    shot(page, f"ar-quiz-{name}")
    # glossary tooltip: opens inside the screen
    term = page.locator("article abbr[title]").first
    term.scroll_into_view_if_needed()
    term.hover() if name == "desktop" else term.tap()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    box = tooltip.bounding_box()
    width = PHONE_AND_DESKTOP[name]["viewport"]["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    shot(page, f"ar-tooltip-{name}")
    # search: the Arabic page is found in the Arabic index
    page.goto(rtl_url + "ar/", wait_until="networkidle")
    if name == "phone":
        page.locator("label.md-header__button[for=__search]").tap()
        page.wait_for_function("document.getElementById('__search').checked")
        page.wait_for_timeout(400)  # the search box slides in
    else:
        page.click("input.md-search__input")
    page.keyboard.type("Childline")
    page.wait_for_selector(".md-search-result__item a")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any(h.startswith(rtl_url + "ar/") for h in hrefs), hrefs
    # with the search open, the quick exit stays whole on the screen (once the box has slid in)
    page.wait_for_function("""() => { const r = document.querySelector('[data-rh-exit]').getBoundingClientRect();
        return r.width > 0 && r.left >= 0 && r.right <= innerWidth; }""", timeout=3000)
    shot(page, f"ar-search-{name}")
    assert audit.console == [] and audit.foreign == []


def test_arabic_pages_print_and_embed_a_font_that_draws_arabic(browser, rtl_url, tmp_path):
    from pypdf import PdfReader

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(rtl_url + "ar/", wait_until="networkidle")
        page.emulate_media(media="print")
        assert page.locator(".md-header").is_hidden()
        pdf = tmp_path / "ar.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    fonts = set()
    for pdf_page in PdfReader(pdf).pages:
        for font in (pdf_page.get("/Resources", {}).get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    # Noto's Arabic (fonts-noto-core), not the fallback glyphs of the Latin system fonts
    assert any("NotoSansArabic" in f or "NotoNaskhArabic" in f for f in fonts), fonts
