"""What real use found broken, in the browser: the quick exit on a phone (one tap from any state,
never over the search box, big enough to hit), the keyboard (quick exit among the first Tab
stops, focus rings with 3:1 contrast, no invisible stop), the certificate's name field, learner
progress across languages, and the "page not found" page."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest

from realharm.project import Project
from support import ROOT, PageAudit

pytestmark = pytest.mark.browser

LANGS = Project(ROOT).languages()
NEUTRAL = {"en": "https://www.bbc.com/weather", "it": "https://www.meteoam.it/"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def prefix(lang: str) -> str:
    return "" if lang == LANGS[0] else f"{lang}/"


def _neutral_site(context):
    context.route("https://**/*", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Neutral</title><p>Weather</p>"))


def tap_centre(page, selector: str):
    """A finger on the middle of the element, hitting whatever is drawn on top there."""
    box = page.locator(selector).first.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


# ── page not found ──
@pytest.mark.parametrize("lang, missing", [("en", "no/such/page/"), ("it", "it/pagina-che-non-esiste/")])
def test_page_not_found_is_in_its_language_with_working_search_and_help(browser, base_url, lang, missing):
    context = browser.new_context()
    try:
        page = context.new_page()
        audit = PageAudit(context, page)
        response = page.goto(base_url + missing, wait_until="networkidle")
        assert response.status == 404
        assert page.get_attribute("html", "lang") == lang
        assert page.locator("[data-rh-exit]").get_attribute("href") == NEUTRAL[lang]
        # no alternate language links to an unrelated page
        alternates = page.locator("link[rel=alternate][hreflang]").evaluate_all("ls => ls.map(l => l.href)")
        assert alternates == [], alternates
        switcher = page.locator("a.md-select__link").evaluate_all("ls => ls.map(l => l.href)")
        assert set(switcher) == {base_url + prefix(code) for code in LANGS}, switcher
        # "Get help" leads to the help page of the same language, in the header and in the text
        for selector in (".rh-help-link", "article a.rh-404-help"):
            href = page.locator(selector).first.get_attribute("href")
            target = urljoin(page.url, href)
            assert target == base_url + prefix(lang) + "help/", (selector, target)
            assert page.request.get(target).status == 200
        # search works, in the page's language
        page.click("input.md-search__input")
        page.keyboard.type("deepfake")
        page.wait_for_selector(".md-search-result__item a", timeout=10000)
        hits = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert hits and all(h.startswith(base_url + prefix(lang)) for h in hits)
        if lang == LANGS[0]:
            assert not any(h.startswith(base_url + "it/") for h in hits)
        # nothing broke: the only console line is the browser reporting the 404 itself
        errors = [m for m in audit.console if "status of 404" not in m]
        assert errors == [] and audit.foreign == []
        assert page.evaluate("window.__rhCsp") == []
        assert len([m for m in audit.console if "status of 404" in m]) <= 1
    finally:
        context.close()
