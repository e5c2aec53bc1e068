"""The strict build of every language, and what each built page must carry."""

from __future__ import annotations

import re

from support import page_urls

from realharm import a11y


def html_of(site, site_path):
    return (site / site_path / "index.html").read_text(encoding="utf-8")


def test_every_page_is_built_in_every_language(project, built_site):
    """Every English page is built in every language: translated, or the English page marked."""
    langs = project.languages()
    pages = page_urls(project.docs, langs)
    missing = [p for _l, _s, p in pages if not (built_site / p / "index.html").is_file()]
    assert missing == []
    english = [p for lang, _s, p in pages if lang == langs[0]]
    for lang in langs[1:]:
        absent = [p for p in english if not (built_site / lang / p / "index.html").is_file()]
        assert absent == [], (lang, absent[:5])
    counts = {lang: sum(1 for l, _s, _p in pages if l == lang) for lang in langs}
    print(f"\npages written per language: {counts}; {len(english)} built in each")


def test_html_lang_and_absolute_hreflang(project, built_site, port):
    from realharm.translations import unpublished

    base = f"http://127.0.0.1:{port}/"
    hidden = unpublished(project.root, project.settings())
    published = [code for code in project.languages() if code not in hidden]
    for lang, _src, path in page_urls(project.docs, project.languages()):
        html = html_of(built_site, path)
        assert f'<html lang="{lang}"' in html, path
        hreflangs = {lang_: href for href, lang_ in
                     re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', html)}
        assert set(hreflangs) >= {*published, "x-default"}, path
        assert not set(hreflangs) & hidden, path  # a language not yet published is not offered
        assert all(href.startswith(base) for href in hreflangs.values()), (path, hreflangs)
        default = project.languages()[0]
        twin = path if lang == default else path[len(lang) + 1:]
        for other in published:
            assert hreflangs[other] == base + ("" if other == default else f"{other}/") + twin, (path, hreflangs)


def test_no_third_party_reference_in_built_html(built_site):
    """Nothing the browser would fetch from another host: scripts, styles, fonts, images."""
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//(?!127\.0\.0\.1)', re.I)
    offenders = []
    for page in built_site.rglob("*.html"):
        for match in pattern.finditer(page.read_text(encoding="utf-8")):
            tag = match.group(0)
            if tag.startswith("<link") and re.search(r'rel="(alternate|canonical|prev|next)"', tag):
                continue
            offenders.append((page.relative_to(built_site).as_posix(), tag))
    assert offenders == []


def test_header_has_get_help_and_quick_exit(project, built_site):
    for lang, _src, path in page_urls(project.docs, project.languages()):
        html = html_of(built_site, path)
        assert 'class="rh-help-link"' in html and "data-rh-exit" in html, path


def test_security_headers_are_shipped(built_site):
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    csp = next(line for line in headers.splitlines() if "Content-Security-Policy" in line)
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert (built_site / "nginx-headers.conf").read_text(encoding="utf-8").count("add_header") >= 5
    assert not (built_site / "it" / "_headers").exists()


def test_a_term_has_one_tooltip_per_page(project, built_site):
    """The glossary tooltip marks a term's first use in a page, not every use."""
    for _lang, _src, path in page_urls(project.docs, project.languages()):
        html = html_of(built_site, path)
        titles = re.findall(r'<abbr tabindex="0" title="([^"]*)"', html)
        assert len(titles) == len(set(titles)), path
        assert "<abbr title=" not in html, path
    assert re.search(r'<abbr tabindex="0" title=', html_of(built_site, "learn/m1-synthetic-media"))


def test_finder_contents_list_only_what_a_scripted_page_shows(project, built_site):
    """The finder's full list of cards is in <noscript>, absent from the page when scripts run:
    its headings must not be in the table of contents, where they would lead nowhere."""
    for lang in project.languages():
        html = html_of(built_site, "help/finder" if lang == "en" else f"{lang}/help/finder")
        nav = html[:html.index('<div class="md-content"')]
        assert 'href="#steps"' in nav and 'href="#all-services"' not in nav and 'href="#country-it"' not in nav
        assert html.count('class="rh-service"') >= 40 and 'id="directory"' in html


def test_curriculum_map_links_every_lesson_plan(project, built_site):
    for lang in project.languages():
        path = "teach/curriculum-map" if lang == "en" else f"{lang}/teach/curriculum-map"
        html = html_of(built_site, path)
        rows = re.findall(r"<tr data-age=.*?</tr>", html, re.S)
        assert len(rows) >= 16 and "](lessons/" not in html, lang
        for row in rows:
            href = re.search(r'<td><a href="([^"]+)">', row)
            assert href, f"{path}: a row has no link: {row[:200]}"
            target = (built_site / path / href.group(1)).resolve()
            assert (target / "index.html").is_file(), f"{path}: {href.group(1)} leads nowhere"


def test_every_form_in_page_content_has_a_submit_button(built_site):
    """A form without a submit button cannot be sent from the keyboard as forms are (WCAG 3.2.2):
    controls that act as they change are a group of controls, not a form."""
    forms = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start = html.find('<article class="md-content__inner')
        if start < 0:
            continue
        for form in re.findall(r"<form\b.*?</form>", html[start:html.find("</article>", start)], re.S):
            forms.append(form)
            assert 'type="submit"' in form, f"{page.relative_to(built_site)}: form without a submit button: {form[:120]}"
    assert forms  # the help finder's form, in every language


def test_about_pages_link_the_repository_set_in_configuration(tmp_path, project):
    """REPO_URL set once (environment, or extra.repository in mkdocs.yml) reaches About and
    Contribute in every language; without it the build warns and the pages say so."""
    from support import build

    url = "https://example.org/real-harm/site"
    seconds, proc = build(tmp_path / "with", site_url="http://127.0.0.1:8000/",
                          extra_env={"REPO_URL": url})
    assert proc.returncode == 0, proc.stderr
    assert "REPO_URL" not in proc.stderr
    for lang in project.languages():
        prefix = "" if lang == "en" else f"{lang}/"
        for page in ("about", "about/contribute"):
            html = html_of(tmp_path / "with", prefix + page)
            assert f'href="{url}/issues"' in html and f'href="{url}"' in html, (lang, page)
    seconds, proc = build(tmp_path / "without", site_url="http://127.0.0.1:8000/", extra_env={"REPO_URL": ""})
    assert proc.returncode == 0, proc.stderr
    assert "REPO_URL" in proc.stderr and "repository" in proc.stderr
    assert 'href="https://' not in html_of(tmp_path / "without", "about").split('id="who"')[1].split("<h2")[0]


def test_a_step_printed_after_its_own_sub_list_is_found():
    """What the build made of a loose step whose sub-list followed its first line directly (the
    Markdown of the 16-18 law plan's expert groups): the step's own words came after the list."""
    bad = ('<ol>\n<li>\n<ul>\n<li>the provisions that matter (name and citation);</li>\n</ul>\n'
           '<p>(10 min) <strong>Expert groups.</strong> Using the comparison page…</p>\n</li>\n</ol>')
    good = ('<ol>\n<li>\n<p>(10 min) <strong>Expert groups.</strong> Using the comparison page…</p>\n'
            '<ul>\n<li>the provisions that matter (name and citation);</li>\n</ul>\n</li>\n</ol>')
    assert a11y.lost_list_leads(bad) == ["the provisions that matter (name and citation);"]
    assert a11y.lost_list_leads(good) == []
