"""Right-to-left languages: pages of a language whose data/ui/<code>.yaml says `direction: rtl`
are mirrored, English text inside them stays left-to-right, and phone numbers and addresses are
isolated so that they read in the right order (tested on a copy of the project with Arabic
started and one page written in Arabic: support.rtl_project)."""

from __future__ import annotations

import re

import pytest

from realharm import bidi, render


# ── isolation of left-to-right runs ──
@pytest.mark.parametrize("link", [
    '<a href="tel:+448001111">0800 1111</a>',
    '<a href="mailto:help@example.org">write to us</a>',
    '<a href="https://stopncii.org/">https://stopncii.org/</a>',
    '<a class="x" href="../x/">www.example.org/a?b=c</a>',
    '<a href="#contact">+44 345 600 0459</a>',
])
def test_phone_numbers_and_addresses_in_links_are_isolated(link):
    out = bidi.isolate(f"<p>اتصل على الرقم {link}.</p>")
    assert out.count(' dir="ltr">') == 1, out
    assert bidi.isolate(out) == out  # never twice


@pytest.mark.parametrize("link", [
    '<a href="help/">احصل على المساعدة</a>',
    '<a href="https://stopncii.org/">StopNCII</a>',
    '<a href="tel:+448001111" dir="rtl">x</a>',
])
def test_other_links_are_left_alone(link):
    assert bidi.isolate(link) == link


def test_the_html_element_says_the_direction():
    page = '<!doctype html>\n<html lang="ar" class="no-js">\n<head></head><body dir="rtl"><html></body>'
    out = bidi.html_direction(page, "rtl")
    assert out.startswith('<!doctype html>\n<html lang="ar" class="no-js" dir="rtl">') and out.count('dir="rtl"') == 2
    assert bidi.html_direction(out, "ltr").count('<html lang="ar" class="no-js" dir="ltr">') == 1
    with pytest.raises(ValueError, match="write ltr or rtl"):
        bidi.html_direction(page, "sideways")


def test_service_names_and_english_texts_are_isolated(project):
    from realharm.data import load_dataset

    dataset = load_dataset(project.data, project.languages(), label_root=project.root)
    service = next(s for s in dataset.services["GB"]["services"] if s.get("phone"))
    service = {**service, "does": {"en": service["does"]["en"]}}  # a text not yet in Arabic
    block = render.service_block(service, "ar")
    assert f"<bdi>{render.md_text(service['name'])}</bdi>" in block.splitlines()[0]
    assert f'<span lang="en" dir="ltr">{render.md_text(service["does"]["en"])}</span>' in block


# ── the built pages ──
def _page(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_pages_of_a_right_to_left_language_are_mirrored(rtl_site):
    site, proc = rtl_site
    warnings = [line for line in proc.stderr.splitlines() if "WARNING" in line and "REPO_URL" not in line]
    assert warnings == []  # strict, and no warning of the theme or the i18n plugin either
    for rel in ("ar/index.html", "ar/help/index.html", "ar/404.html"):
        html = _page(site, rel)
        assert re.search(r'<html lang="ar"[^>]* dir="rtl">', html), rel
        assert '<body dir="rtl"' in html, rel  # the theme's mirrored layout
    for rel in ("index.html", "it/index.html", "404.html"):
        assert re.search(r'<html lang="(en|it)"[^>]* dir="ltr">', _page(site, rel)), rel


def test_english_text_in_a_right_to_left_page_stays_left_to_right(rtl_site):
    site, _proc = rtl_site
    fallback = _page(site, "ar/help/index.html")
    assert '<div lang="en" dir="ltr"><h1 id="get-help-now">' in fallback
    # a page whose title comes from its front matter: the title inside the English block too
    module = _page(site, "ar/learn/m1-synthetic-media/index.html")
    assert re.search(r'<div lang="en" dir="ltr"><h1>Synthetic media: real, fake and why it still hurts</h1>', module)
    assert module.count("<h1") == 1


def test_the_phone_number_and_address_in_arabic_text_are_isolated(rtl_site):
    site, _proc = rtl_site
    home = _page(site, "ar/index.html")
    assert '<a href="tel:+448001111" dir="ltr">0800 1111</a>' in home
    assert '<a href="https://stopncii.org/" dir="ltr">https://stopncii.org/</a>' in home
    # written as plain text (tests/fixtures/rtl/index.md): isolated too, on right-to-left pages only
    for run in ("116 111", "help@example.org", "www.example.org/help?lang=ar"):
        assert f'<bdi dir="ltr">{run}</bdi>' in home, run
    assert '<bdi dir="ltr">' not in _page(site, "it/help/index.html")
    cards = _page(site, "ar/help/finder/index.html")
    tel = re.findall(r'<a href="tel:[^"]*"[^>]*>', cards)
    assert tel and all('dir="ltr"' in a for a in tel)


# ── left-to-right runs written as plain text ──
@pytest.mark.parametrize("run", ["116 111", "+39 06 1234 5678", "0800 1111", "(06) 1234 5678",
                                 "help@example.org", "first.last+tag@mail.example.co.uk",
                                 "https://www.example.org/a?b=c", "www.example.org/help"])
def test_numbers_and_addresses_in_plain_text_are_isolated(run):
    out = bidi.isolate_text(f"<p>اتصل على {run}، شكرًا.</p>")
    assert f'<bdi dir="ltr">{run}</bdi>،' in out, out
    assert bidi.isolate_text(out) == out  # never twice


def test_punctuation_around_a_plain_text_run_stays_outside():
    out = bidi.isolate_text("<p>(0800 1111) أو https://example.org/x.</p>")
    assert out == '<p>(<bdi dir="ltr">0800 1111</bdi>) أو <bdi dir="ltr">https://example.org/x</bdi>.</p>'


@pytest.mark.parametrize("html", [
    "<p>في 2026-12-06 قرأنا 10 صفحات عن 112 في عام 2019.</p>",   # a date, short numbers, a year
    '<p><a href="tel:+448001111">0800 1111</a> <code>+44 800 1111</code> <pre>help@example.org</pre></p>',
    '<p><bdi>0800 1111</bdi> <img alt="0800 1111"> <abbr title="www.example.org">AI</abbr></p>',
])
def test_other_text_is_left_alone(html):
    assert bidi.isolate_text(html) == html
