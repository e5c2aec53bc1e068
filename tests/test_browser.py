"""Every page of every language in headless Chromium, served with the site's own security
headers: no request to any other host, no console error, no CSP violation, no cookie, zero
axe-core violations (WCAG 2.x A/AA); the language switcher lands on the twin page; the help
finder, quick exit and quizzes work."""

from __future__ import annotations

import pytest

from realharm.project import Project
from realharm.ui import strings
from support import ROOT, PageAudit, free_port, neutral_site, page_urls, serve
from test_render import ITALY_UNDER_18_SHARED, US_ADULT_THREATENED

pytestmark = pytest.mark.browser

PROJECT = Project(ROOT)
LANGS = PROJECT.languages()
SETTINGS = PROJECT.settings()
PAGES = page_urls(PROJECT.docs, LANGS)
# Languages with their own learner pages: the others show the default language's pages in their
# place, whose quiz words and glossary tooltips are the default language's (tested with it)
LEARN_LANGS = [lang for lang in LANGS if (PROJECT.docs / lang / "learn").is_dir()]
PROJECT_SERVICE_FILES = sorted((PROJECT.data / "services").glob("*.yaml"))


def twin_path(lang: str, path: str, other: str) -> str:
    bare = path if lang == LANGS[0] else path[len(lang) + 1:]
    return bare if other == LANGS[0] else f"{other}/{bare}"


@pytest.mark.parametrize("lang, src, path", PAGES, ids=[f"{l}:{s}" for l, s, _p in PAGES])
def test_page_is_private_clean_accessible_and_switches_language(context, base_url, lang, src, path):
    page = context.new_page()
    audit = PageAudit(context, page)
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response.status == 200
    assert page.get_attribute("html", "lang") == lang
    assert audit.problems() == []
    # the language switcher lands on the same page in the other language
    other = next(code for code in LANGS if code != lang)
    page.hover(".md-header__option .md-select")
    page.click(f'a.md-select__link[hreflang="{other}"]')
    page.wait_for_load_state()
    assert page.url == base_url + twin_path(lang, path, other)
    assert audit.console == [] and audit.foreign == []


SAMPLE = ["", "help/finder/", "law/compare/", "it/", "it/help/", "it/law/it/"]


@pytest.mark.parametrize("path", SAMPLE)
def test_dark_scheme_is_accessible_too(browser, base_url, path):
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        audit = PageAudit(context, page)
        page.goto(base_url + path, wait_until="networkidle")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        assert audit.problems() == []
    finally:
        context.close()


def _audit_fixture(browser, headers: dict) -> str:
    from pathlib import Path

    port = free_port()
    server = serve(Path(__file__).parent / "fixtures" / "bad-page", port, headers)
    context = browser.new_context()
    try:
        page = context.new_page()
        audit = PageAudit(context, page)
        page.goto(f"http://127.0.0.1:{port}/index.html", wait_until="networkidle")
        return "\n".join(audit.problems())
    finally:
        context.close()
        server.shutdown()


def test_audit_rejects_a_bad_page(browser, built_site):
    """The same audit, on a fixture page that breaks every rule, finds every problem."""
    from support import site_headers

    text = _audit_fixture(browser, site_headers(built_site))  # served with the site's own policy
    assert "console error: something broke" in text
    assert "CSP violation: script-src-elem inline" in text
    assert "CSP violation: img-src https://tracker.example.com/pixel.png" in text
    assert "cookie set: tracking" in text
    for rule in ("html-has-lang", "image-alt", "color-contrast", "link-name"):
        assert f"axe {rule} " in text, text
    # without the policy, the same page reaches another host, and the audit says so
    assert "request to another host: https://tracker.example.com/pixel.png" in _audit_fixture(browser, {})


# ── help finder ──
def finder_result(page, base_url, lang, country, age, situation) -> set[str]:
    page.goto(base_url + ("help/finder/" if lang == "en" else f"{lang}/help/finder/"))
    page.select_option("#rh-country", country)
    page.select_option("#rh-age", age)
    page.select_option("#rh-situation", situation)
    page.click("#rh-finder button[type=submit]")
    page.wait_for_selector("#rh-finder-results:not([hidden])")
    return set(page.eval_on_selector_all("#rh-finder-list li", "items => items.map(i => i.dataset.id)"))


@pytest.mark.parametrize("lang", LANGS)
def test_finder_italy_under_18_shared(context, base_url, lang):
    page = context.new_page()
    audit = PageAudit(context, page)
    ids = finder_result(page, base_url, lang, "IT", "under18", "shared")
    assert ITALY_UNDER_18_SHARED["must"] <= ids and not ids & ITALY_UNDER_18_SHARED["must_not"]
    steps = page.inner_text("#rh-finder-steps")
    assert steps.count("\n") > 3
    assert page.locator("#rh-finder-steps [id]").count() == 0  # copied steps carry no duplicate ids
    assert audit.foreign == [] and audit.console == []


@pytest.mark.parametrize("lang", LANGS)
def test_finder_us_adult_threatened(context, base_url, lang):
    page = context.new_page()
    ids = finder_result(page, base_url, lang, "US", "adult", "threatened")
    assert US_ADULT_THREATENED["must"] <= ids and not ids & US_ADULT_THREATENED["must_not"]
    # each result is the whole card: what the service does, its phone and its website
    ccri = page.locator('#rh-finder-list li[data-id="us-ccri-helpline"]')
    assert ccri.locator('a[href^="tel:"]').count() >= 1 and ccri.locator('a[href^="https://"]').count() >= 1
    assert ccri.locator("[id]").count() == 0  # copied without the ids of the page's own cards
    # with scripts, the page shows the finder and the directory links; the full list of cards is
    # not even in the document
    assert page.locator("#all-services").count() == 0 and page.locator(".rh-service").count() == 0
    assert page.locator("#directory a").count() == len(PROJECT_SERVICE_FILES)


def test_finder_without_javascript_lists_every_service(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "it/help/finder/")
        assert page.locator("#rh-finder").is_hidden()
        assert page.locator(".rh-service").count() >= 40
        assert page.locator("#country-it").is_visible()
    finally:
        context.close()


# ── quick exit ──
NEUTRAL = {lang: SETTINGS[lang]["quick_exit_url"] for lang in LANGS}



@pytest.mark.parametrize("how", ["click", "keyboard"])
@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_leaves_no_way_back(browser, base_url, lang, how):
    context = browser.new_context()
    try:
        neutral_site(context)
        page = context.new_page()
        page.goto("about:blank")
        page.goto(base_url + ("help/" if lang == LANGS[0] else f"{lang}/help/"))
        if how == "click":
            page.click("[data-rh-exit]")
        else:
            page.keyboard.press("Escape")
            page.keyboard.press("Escape")
        page.wait_for_url(NEUTRAL[lang].rstrip("/") + "**")
        page.go_back()
        page.wait_for_load_state()
        assert not page.url.startswith(base_url), page.url
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_is_visible_on_a_small_screen(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    try:
        page = context.new_page()
        page.goto(base_url + ("" if lang == LANGS[0] else f"{lang}/") + "learn/")
        box = page.locator("[data-rh-exit]").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] < 120
        page.mouse.wheel(0, 2000)
        assert page.locator("[data-rh-exit]").is_visible()
    finally:
        context.close()


# ── quizzes ──
QUIZ_WORDS = {lang: (strings(lang)["quiz"]["correct"], strings(lang)["quiz"]["incorrect"]) for lang in LANGS}


@pytest.mark.parametrize("lang", LEARN_LANGS)
def test_quiz_answer_shows_feedback(context, base_url, lang):
    page = context.new_page()
    audit = PageAudit(context, page)
    page.goto(base_url + ("" if lang == LANGS[0] else f"{lang}/") + "learn/m1-synthetic-media/")
    question = page.locator(".rh-q").first
    answers = question.locator(".rh-q__answers")
    assert answers.get_attribute("open") is None  # with JavaScript, answers wait for the reader
    wrong = question.locator('input[data-correct="false"]').first
    wrong.check()
    question.locator(".rh-q__check").click()
    feedback = page.locator(f'[id="{wrong.get_attribute("id")}-fb"]')
    assert feedback.is_visible() and len(feedback.inner_text()) > 10
    assert question.locator(".rh-q__status").inner_text() == QUIZ_WORDS[lang][1]
    # the right answer, chosen with the keyboard
    right = question.locator('input[data-correct="true"]').first
    right.focus()
    page.keyboard.press("Space")
    question.locator(".rh-q__check").focus()
    page.keyboard.press("Enter")
    assert question.locator(".rh-q__status").inner_text() == QUIZ_WORDS[lang][0]
    assert page.locator(f'[id="{right.get_attribute("id")}-fb"]').is_visible()
    assert audit.console == []


def test_quiz_without_javascript_and_in_print_shows_answers(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "it/learn/m1-synthetic-media/")
        assert page.locator(".rh-q__answers[open]").count() == page.locator(".rh-q").count() >= 6
        assert page.locator(".rh-q__answers .is-right").first.is_visible()
    finally:
        context.close()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "learn/m1-synthetic-media/")
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator(".rh-q__answers[open]").count() == page.locator(".rh-q").count()
        assert page.locator(".md-header").is_hidden() and page.locator(".rh-q__check").first.is_hidden()
    finally:
        context.close()


# ── glossary tooltips ──
@pytest.mark.parametrize("lang", LEARN_LANGS)
def test_glossary_tooltip_on_hover_and_keyboard_focus(context, base_url, lang):
    page = context.new_page()
    page.goto(base_url + ("" if lang == "en" else f"{lang}/") + "learn/m1-synthetic-media/", wait_until="networkidle")
    term = page.locator("article abbr[title]").first
    definition = term.get_attribute("title")
    assert definition and term.get_attribute("tabindex") == "0"
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip()[:40] == definition[:40]
    page.mouse.move(0, 0)
    page.locator(".md-tooltip2--active").wait_for(state="detached")
    page.locator("body").focus()
    for _ in range(200):  # reach the term with the Tab key, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    tooltip.wait_for(state="visible")
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
    focused = page.evaluate("document.activeElement.textContent").strip()
    from realharm.glossary import load

    shorts = {form: t["short"][lang] for t in load(ROOT / "data" / "glossary.yaml", LANGS) for form in t["forms"][lang]}
    assert described.strip() == shorts[focused]  # announced as the term's description, in the page's language


# ── search in the page's language ──
def search(page, query: str) -> list[str]:
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item a")
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


def test_italian_search_finds_inflected_forms_and_only_italian_pages(context, base_url):
    page = context.new_page()
    page.goto(base_url + "it/learn/", wait_until="networkidle")
    hits = search(page, "leggi")
    assert hits and all(h.startswith(base_url + "it/") for h in hits), hits
    # "leggi" is also "read" (activity titles such as "Leggi i numeri", now headings, come
    # first); the law pages are reached through "reati", a plural
    page.goto(base_url + "it/learn/", wait_until="networkidle")
    hits = search(page, "reati")
    assert hits and all(h.startswith(base_url + "it/") for h in hits), hits
    assert any(h.split("?")[0].startswith(base_url + "it/law/") for h in hits), hits


CRISIS_SEARCHES = [("en", "sextortion"), ("it", "ricatto"), ("it", "sextortion")]


@pytest.mark.parametrize("lang,query", CRISIS_SEARCHES)
def test_a_person_in_crisis_who_searches_finds_get_help_first(context, base_url, lang, query):
    """The Get help pages carry a search boost in their front matter: they come first."""
    prefix = "" if lang == "en" else f"{lang}/"
    page = context.new_page()
    page.goto(base_url + prefix + "teach/", wait_until="networkidle")
    hits = [h.split("?")[0].split("#")[0] for h in search(page, query)]
    help_pages = {base_url + prefix + "help/", base_url + prefix + "help/finder/"}
    assert hits[0] in help_pages, f"{query!r} in {lang}: first result {hits[0]}, Get help at " + str(
        [n + 1 for n, h in enumerate(hits) if h in help_pages][:1])


def test_english_search_returns_only_english_pages(context, base_url):
    page = context.new_page()
    page.goto(base_url + "learn/", wait_until="networkidle")
    hits = search(page, "law")
    assert hits and not any(h.startswith(base_url + "it/") for h in hits), hits
    assert page.get_attribute("input.md-search__input", "placeholder") == "Search"



def test_search_costs_nothing_until_the_reader_opens_it(context, base_url):
    """The search worker and index are fetched when the reader opens search, not on page load."""
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "teach/lessons/m1-synthetic-media-11-13/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in requested if "/workers/search." in u or "search_index" in u], requested
    assert page.workers == []
    hits = search(page, "consent")
    assert hits and any("/workers/search." in u for u in requested) and any("search_index" in u for u in requested)
    assert len(page.workers) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_reached_from_a_search_result_highlights_the_words(context, base_url, lang):
    page = context.new_page()
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    page.goto(base_url + prefix + "learn/m3-consent/?h=" + {"it": "consenso"}.get(lang, "consent"))
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=10000)
    assert marks.count() > 1

# ── curriculum map ──
@pytest.mark.parametrize("lang", LANGS)
def test_curriculum_map_filters_in_the_browser(context, base_url, lang):
    page = context.new_page()
    page.goto(base_url + ("" if lang == "en" else f"{lang}/") + "teach/curriculum-map/")
    rows = page.locator("#rh-map tbody tr")
    total = rows.count()
    assert total >= 16
    page.select_option("#rh-map-age", "11-13")
    visible = page.locator("#rh-map tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all(a == "11-13" for a in visible.evaluate_all("rs => rs.map(r => r.dataset.age)"))
    page.select_option("#rh-map-age", "")
    page.select_option("#rh-map-module", "8")
    assert visible.count() == 2


# ── self-study progress and certificate ──
def answer_every_question(page, right=True):
    for question in page.locator(".rh-q").all():
        question.locator(f'input[data-correct="{str(right).lower()}"]').first.check()
        question.locator(".rh-q__check").click()


@pytest.mark.parametrize("lang", LANGS)
def test_progress_is_recorded_shown_and_forgotten(browser, base_url, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    context = browser.new_context()
    try:
        context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
        page = context.new_page()
        audit = PageAudit(context, page)
        page.goto(base_url + prefix + "learn/")
        assert page.locator('[data-rh-progress="1"]').inner_text() in ("not started", "non iniziato")
        page.goto(base_url + prefix + "learn/m1-synthetic-media/")
        total = page.locator(".rh-q").count()
        answer_every_question(page)
        page.goto(base_url + prefix + "learn/")
        shown = page.locator('[data-rh-progress="1"]').inner_text()
        assert f"{total}" in shown and "quiz" in shown
        assert "is-complete" in page.locator('[data-rh-progress="1"]').get_attribute("class")
        assert page.locator("#rh-certificate").is_hidden()  # not before every module is done
        # finish every other module: the certificate appears, in the page's language
        modules = page.locator("[data-rh-module] a").evaluate_all("links => links.map(a => a.href)")
        for href in modules[1:]:
            page.goto(href)
            answer_every_question(page, right=False)
        page.goto(base_url + prefix + "learn/")
        assert page.locator("#rh-certificate").is_visible()
        page.fill("#rh-learner", "Alex Example")
        page.click("#rh-certificate-form button[type=submit]")
        assert page.locator("[data-rh-cert-name]").inner_text() == "Alex Example"
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")  # on paper: the certificate alone, without its form
        assert page.locator("#rh-certificate-output").is_visible()
        assert page.locator("#rh-certificate-form").is_hidden() and page.locator("ol.rh-modules").is_hidden()
        page.emulate_media(media="screen")
        # forget
        page.click("#rh-forget")
        assert page.locator('[data-rh-progress="1"]').inner_text() in ("not started", "non iniziato")
        assert page.evaluate("localStorage.getItem('realharm.progress.v1')") is None
        assert audit.foreign == [] and audit.console == []
    finally:
        context.close()


def test_learn_page_without_javascript_is_a_plain_ordered_list(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "learn/")
        assert page.locator("ol.rh-modules > li").count() == 8
        assert page.locator("#rh-progress").is_hidden() and page.locator("#rh-certificate").is_hidden()
    finally:
        context.close()


# ── printing ──
@pytest.mark.parametrize("lang", LANGS)
def test_incident_checklist_prints_on_one_page(browser, base_url, lang, tmp_path):
    from pypdf import PdfReader

    context = browser.new_context()
    try:
        context.add_init_script("window.print = () => { window.__printed = true; };")
        page = context.new_page()
        page.goto(base_url + ("" if lang == "en" else f"{lang}/") + "teach/incident-response/")
        page.click("[data-rh-print=rh-checklist]")
        assert page.evaluate("window.__printed") is True
        pdf_path = tmp_path / "checklist.pdf"
        page.pdf(path=str(pdf_path), format="A4", margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"})
        reader = PdfReader(pdf_path)
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())  # a right-to-left page spaces words wider
        assert "☐" in text and ("First hour" in text or "Prima ora" in text)
        assert "Sources" not in text and "Fonti" not in text
    finally:
        context.close()


def test_lesson_plan_prints_without_navigation_and_with_answers(browser, base_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "teach/lessons/m1-synthetic-media-14-16/")
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".rh-pdf", ".rh-exit"):
            assert page.locator(selector).first.is_hidden(), selector
        assert page.evaluate("getComputedStyle(document.getElementById('handout')).breakBefore") == "page"
        link = page.locator('article a[href^="http"]').first
        assert "http" in link.evaluate("a => getComputedStyle(a, '::after').content")
        answers = page.locator(".rh-q__answers .is-right")
        assert answers.count() > 0 and answers.first.is_visible()  # quiz answers shown on paper
    finally:
        context.close()
