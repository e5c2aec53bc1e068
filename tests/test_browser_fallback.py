"""A partly translated language in the browser, on a copy of the project with Dutch started and
only its home page translated (support.nl_project): a page not yet translated shows the notice in
Dutch and its content in English, marked; the link to the English page works; the quick exit
works; axe finds nothing; Dutch has its own "page not found". Screenshots in /tmp/shots-fallback/."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import NL_TEXTS, PHONE_AND_DESKTOP, PageAudit, leave_by_quick_exit, neutral_site, screenshot, served

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-fallback")
PAGE = "nl/learn/m1-synthetic-media/"  # not translated: the English page, marked
NOTICE = NL_TEXTS["translations"]


@pytest.fixture(scope="module")
def nl_url(nl_site):
    yield from served(nl_site[0])


def shot(page, name: str) -> None:
    screenshot(page, SHOTS, name)


def _lang_of(page, selector: str) -> str:
    """The language an element is read in: its nearest lang attribute."""
    return page.locator(selector).first.evaluate("e => e.closest('[lang]').lang")


@pytest.mark.parametrize("path", [PAGE, "nl/help/", "nl/"])
def test_dutch_pages_pass_axe_and_mark_english(device, nl_url, path):
    name, context = device
    page = context.new_page()
    audit = PageAudit(context, page)
    response = page.goto(nl_url + path, wait_until="networkidle")
    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == "nl"
    notice = page.locator(".rh-fallback")
    if path == "nl/":  # translated: Dutch, no notice
        assert notice.count() == 0 and _lang_of(page, "article h1") == "nl"
        assert "misbruik met deepfakes" in page.locator("article h1").inner_text()
    else:
        assert notice.is_visible() and _lang_of(page, ".rh-fallback") == "nl"
        assert NOTICE["fallback_title"] in notice.inner_text()
        assert _lang_of(page, "article h1") == "en" and _lang_of(page, "article p:not(.rh-fallback p)") == "en"
        assert page.evaluate("document.querySelector('title').lang") == "en"
        if name == "desktop":  # the header's title is shown on wide screens once the page scrolls
            assert _lang_of(page, "[data-md-component=header-topic] .md-ellipsis") == "en"
    assert audit.problems() == []
    shot(page, f"{path.strip('/').replace('/', '-')}-{name}")


def test_the_link_to_the_english_page_and_to_translating_work(browser, nl_url):
    context = browser.new_context(**PHONE_AND_DESKTOP["phone"])
    try:
        page = context.new_page()
        page.goto(nl_url + PAGE, wait_until="networkidle")
        page.get_by_role("link", name=NOTICE["fallback_english"]).click()
        page.wait_for_load_state("networkidle")
        assert page.url == nl_url + "learn/m1-synthetic-media/"
        assert page.evaluate("document.documentElement.lang") == "en" and page.locator(".rh-fallback").count() == 0
        page.go_back()
        page.get_by_role("link", name=NOTICE["fallback_help"]).click()
        page.wait_for_load_state("networkidle")
        assert page.url == nl_url + "nl/about/contribute/"
        assert page.locator("article h1").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("how", ["tap", "escape"])
def test_quick_exit_leaves_a_page_not_translated(browser, nl_url, how):
    context = browser.new_context(**PHONE_AND_DESKTOP["phone"])
    try:
        neutral_site(context)
        page = context.new_page()
        page.goto(nl_url + PAGE, wait_until="networkidle")
        assert NL_TEXTS["interface"]["quick_exit"] in page.locator("[data-rh-exit]").inner_text()
        leave_by_quick_exit(page, how)
    finally:
        context.close()


def test_dutch_page_not_found(device, nl_url):
    name, context = device
    page = context.new_page()
    audit = PageAudit(context, page)
    response = page.goto(nl_url + "nl/no-such-page/", wait_until="networkidle")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == "nl"
    text = NL_TEXTS["interface"]
    assert text["not_found_title"] in page.locator("article").inner_text()
    # the only console line is the browser reporting the 404 itself
    assert [p for p in audit.problems() if "status of 404" not in p] == []
    shot(page, f"nl-404-{name}")
    # search works there, in Dutch's own index (pages not translated included)
    if name == "phone":
        page.locator("label.md-header__button[for=__search]").tap()
        page.wait_for_function("document.getElementById('__search').checked")
        page.wait_for_timeout(400)  # the search box slides in
    else:
        page.click("input.md-search__input")
    page.keyboard.type("deepfake")
    page.wait_for_selector(".md-search-result__item a", timeout=10000)
    hits = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert hits and all(h.startswith(nl_url + "nl/") for h in hits), hits
    assert any(h.split("?")[0] != nl_url + "nl/" for h in hits), hits  # pages not translated are found
    page.keyboard.press("Escape")
    # its "Get help" leads to the Dutch help page
    href = page.locator("article a.rh-404-help").first.evaluate("e => e.href")
    assert href == nl_url + "nl/help/"
    assert page.goto(href).status == 200
