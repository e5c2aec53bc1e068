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
from support import PHONE_AND_DESKTOP, ROOT, PageAudit, neutral_site, tap_centre

pytestmark = pytest.mark.browser

LANGS = Project(ROOT).languages()
NEUTRAL = {lang: settings["quick_exit_url"] for lang, settings in Project(ROOT).settings().items()}
PHONE = PHONE_AND_DESKTOP["phone"]


def prefix(lang: str) -> str:
    return "" if lang == LANGS[0] else f"{lang}/"



# ── quick exit on a phone ──
def _open_drawer(page):
    tap_centre(page, "label.md-header__button[for=__drawer]")
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.wait_for_timeout(400)  # the drawer slides in


def _open_search(page):
    tap_centre(page, "label.md-header__button[for=__search]")
    page.wait_for_function("document.getElementById('__search').checked")
    page.wait_for_timeout(400)
    page.keyboard.type("a fake photo of my classmate shared without consent")


def _open_tooltip(page):
    page.locator("article abbr[title]").first.scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    tap_centre(page, "article abbr[title]")
    page.locator(".md-tooltip2--active").wait_for(state="visible")


STATES = {"drawer": _open_drawer, "search": _open_search, "tooltip": _open_tooltip}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("lang", LANGS)
def test_one_tap_on_quick_exit_leaves_from_any_state(browser, base_url, lang, state):
    context = browser.new_context(**PHONE)
    try:
        neutral_site(context)
        page = context.new_page()
        page.goto(base_url + prefix(lang) + "learn/m1-synthetic-media/", wait_until="networkidle")
        STATES[state](page)
        box = page.locator("[data-rh-exit]").bounding_box()
        on_top = page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('[data-rh-exit]')",
                               [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert on_top, f"with the {state} open, something covers the quick exit"
        tap_centre(page, "[data-rh-exit]")
        page.wait_for_url(NEUTRAL[lang].rstrip("/") + "**", timeout=3000)
    finally:
        context.close()


def test_quick_exit_does_not_cover_what_is_typed_in_search(browser, base_url):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "it/", wait_until="networkidle")
        _open_search(page)
        text = page.evaluate("""() => {
            const input = document.querySelector('.md-search__input'), s = getComputedStyle(input);
            const r = input.getBoundingClientRect();
            return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight),
                    top: r.top, bottom: r.bottom};
        }""")
        exit_box = page.locator("[data-rh-exit]").bounding_box()
        assert page.locator("[data-rh-exit]").is_visible()
        overlaps = not (exit_box["x"] >= text["right"] or exit_box["x"] + exit_box["width"] <= text["left"]
                        or exit_box["y"] >= text["bottom"] or exit_box["y"] + exit_box["height"] <= text["top"])
        assert not overlaps, (exit_box, text)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_crisis_controls_are_44_px_touch_targets_on_a_phone(browser, base_url, lang):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + prefix(lang) + "help/", wait_until="networkidle")
        for selector in ("[data-rh-exit]", ".rh-help-link"):
            box = page.locator(selector).bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, (selector, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= 0, (selector, box)
        header = page.locator(".md-header").bounding_box()
        assert header["height"] <= 56  # the header stays one row
    finally:
        context.close()


# words of the page itself (docs/<lang>/help/safer-browsing.md), for the languages it is written in
BACK_BUTTON = {"en": "Back", "it": "Indietro"}


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang in BACK_BUTTON])
def test_safer_browsing_says_what_back_does_after_a_quick_exit(browser, base_url, lang):
    """The quick exit replaces only the current page: Back on the neutral site shows the page of
    this site read before it. The page that explains the quick exit says so, and what to do."""
    context = browser.new_context()
    try:
        neutral_site(context)
        page = context.new_page()
        page.goto(base_url + prefix(lang) + "help/")
        page.goto(base_url + prefix(lang) + "help/safer-browsing/")
        section = page.locator("#quick-exit ~ ul").first.inner_text()
        assert BACK_BUTTON[lang] in section and ("close the tab" in section or "chiudi anche la scheda" in section)
        page.click("[data-rh-exit]")
        page.wait_for_url(NEUTRAL[lang].rstrip("/") + "**")
        page.go_back()
        page.wait_for_load_state()
        assert page.url == base_url + prefix(lang) + "help/"  # what the page warns about
    finally:
        context.close()


# ── keyboard ──
FOCUS_JS = r"""
(el) => {
  function rgba(c) { const m = c.match(/[\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }
  function lum(c) {
    const [r, g, b] = rgba(c).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function background(node) {
    for (; node; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (rgba(c)[3] > 0.5) return c;
    }
    return getComputedStyle(document.body).backgroundColor;
  }
  /* the palette switch is a hidden radio button: its label shows the focus */
  const shown = el.matches('input.md-option') ? el.nextElementSibling : el;
  const s = getComputedStyle(shown), r = shown.getBoundingClientRect();
  const offset = parseFloat(s.outlineOffset) || 0;
  const behind = offset >= 0 ? background(shown.parentElement) : background(shown);
  const a = lum(s.outlineColor), b = lum(behind);
  return {what: shown.tagName + '.' + (typeof shown.className === 'string' ? shown.className : '') + ' "' +
                (shown.textContent || shown.getAttribute('aria-label') || '').trim().slice(0, 20) + '"',
          width: r.width, height: r.height, style: s.outlineStyle, outline: parseFloat(s.outlineWidth),
          colour: s.outlineColor, behind: behind,
          ratio: Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 100) / 100,
          inArticle: !!el.closest('article')};
}
"""


def tab_stops(page, until_article: int = 0, limit: int = 80) -> list[dict]:
    """Press Tab from the top of the page; the focused element at each stop (header, tabs, then
    until `until_article` stops inside the page's text)."""
    page.locator("body").focus()
    stops, in_article = [], 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input[type=text]')"):
            page.wait_for_timeout(400)  # a text field opens (search): its look settles
        info = page.evaluate_handle("document.activeElement").evaluate(FOCUS_JS)
        stops.append(info)
        in_article += info["inArticle"]
        if in_article >= until_article and len(stops) >= 12:
            break
    return stops


@pytest.mark.parametrize("path", ["", "help/", "teach/lessons/m1-synthetic-media-14-16/", "it/", "it/learn/"])
def test_quick_exit_is_an_early_tab_stop_and_no_stop_is_invisible(context, base_url, path):
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    stops = tab_stops(page)
    first_two = [s["what"] for s in stops[:2]]
    assert any("rh-exit" in s for s in first_two), first_two
    invisible = [s["what"] for s in stops if s["width"] < 1 or s["height"] < 1]
    assert invisible == [], invisible


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["help/", "it/learn/m1-synthetic-media/"])
def test_every_focus_indicator_reaches_3_to_1(browser, base_url, path, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1366, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        stops = tab_stops(page, until_article=4)
        weak = [f'{s["what"]}: {s["style"]} {s["outline"]}px {s["colour"]} on {s["behind"]} = {s["ratio"]}:1'
                for s in stops if s["style"] == "none" or s["outline"] < 2 or s["ratio"] < 3]
        assert weak == [], "\n".join(weak)
        assert any("rh-exit" in s["what"] for s in stops) and sum(s["inArticle"] for s in stops) >= 4
    finally:
        context.close()


# ── certificate ──
def _all_done(lang_total=8) -> str:
    quiz = {str(m): {str(n): True for n in range(1, lang_total + 1)} for m in range(1, 9)}
    data = {"visited": {str(m): True for m in range(1, 9)}, "quiz": quiz,
            "total": {str(m): lang_total for m in range(1, 9)}}
    return json.dumps(data)


@pytest.mark.parametrize("lang", LANGS)
def test_certificate_name_field_is_visible_in_light_mode(browser, base_url, lang):
    context = browser.new_context(color_scheme="light")
    try:
        context.add_init_script(f"localStorage.setItem('realharm.progress.v1', {json.dumps(_all_done())});")
        page = context.new_page()
        page.goto(base_url + prefix(lang) + "learn/", wait_until="networkidle")
        field = page.locator("#rh-learner")
        assert field.is_visible()
        edge = field.evaluate(FOCUS_JS.replace("s.outlineColor", "s.borderTopColor"))
        width = field.evaluate("el => parseFloat(getComputedStyle(el).borderBottomWidth)")
        assert width >= 1 and edge["ratio"] >= 3, edge
    finally:
        context.close()


# ── learner progress across languages ──
def answer_every_question(page):
    for question in page.locator(".rh-q").all():
        for option in question.locator('input[data-correct="true"]').all():
            option.check()
        question.locator(".rh-q__check").click()


def shown_numbers(page) -> tuple[int, int]:
    text = page.locator('[data-rh-progress="1"]').inner_text()
    right, total = map(int, re.findall(r"\d+", text)[:2])
    return right, total


def test_progress_counts_each_question_once_across_languages(browser, base_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "learn/m1-synthetic-media/")
        total = page.locator(".rh-q").count()
        answer_every_question(page)
        page.goto(base_url + "it/learn/m1-synthetic-media/")
        answer_every_question(page)
        for lang in LANGS:
            page.goto(base_url + prefix(lang) + "learn/")
            assert shown_numbers(page) == (total, total), page.locator('[data-rh-progress="1"]').inner_text()
            assert "is-complete" in page.locator('[data-rh-progress="1"]').get_attribute("class")
    finally:
        context.close()


def test_progress_stored_by_an_older_version_is_counted_once(browser, base_url):
    """Answers stored under each language's own question ids (before this version) are read
    back by question number: the same question answered in two languages counts once."""
    context = browser.new_context()
    try:
        page = context.new_page()
        ids = {}
        for lang in LANGS:
            page.goto(base_url + prefix(lang) + "learn/m1-synthetic-media/")
            ids[lang] = page.locator(".rh-q").evaluate_all("qs => qs.map(q => q.id)")
        total = len(ids[LANGS[0]])
        old = {"visited": {"1": True}, "total": {"1": total},
               "quiz": {"1": {**{i: True for i in ids[LANGS[0]]}, **{i: True for i in ids[LANGS[1]][:6]}}}}
        page.evaluate("data => localStorage.setItem('realharm.progress.v1', JSON.stringify(data))", old)
        page.goto(base_url + "it/learn/")
        assert shown_numbers(page) == (total, total)
    finally:
        context.close()


# ── page not found ──
@pytest.mark.parametrize("lang, missing", [(lang, prefix(lang) + "no/such/page/") for lang in LANGS])
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
