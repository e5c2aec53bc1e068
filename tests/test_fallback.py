"""Pages not yet translated (src/realharm/fallback.py): every English string of the page frame is
marked lang="en", and box titles stay English inside the English block; tested on functions and
on a copy of the project with Dutch started and only its home page translated
(support.nl_project)."""

from __future__ import annotations

import re

from realharm import fallback
from support import NL_TEXTS

NL = NL_TEXTS["admonitions"]
EN = {"contentnote": "Content note", "keypoints": "Key points", "gethelp": "Where to get help", "objectives": "Learning objectives"}


# ── functions ──
def test_box_titles_written_by_the_language_go_back_to_the_source_language():
    markdown = ('!!! contentnote "Let op, gevoelige inhoud"\n\n    x\n\n'
                '    ??? keypoints "Kernpunten"\n\n'
                '!!! keypoints "A title the page wrote itself"\n\n'
                '!!! activity "Activity 1 (10 min)"\n')
    out = fallback.source_box_titles(markdown, NL, EN)
    assert '!!! contentnote "Content note"' in out and '    ??? keypoints "Key points"' in out
    assert '!!! keypoints "A title the page wrote itself"' in out and '!!! activity "Activity 1 (10 min)"' in out
    assert "Kernpunten" not in out and "gevoelige" not in out


def test_english_titles_are_the_untranslated_menu_names_and_pages():
    titles = fallback.english_titles({"Get help", "Learn", "Help finder"}, {"Get help": "Hulp zoeken"},
                                     ["Glossary", "Hulp zoeken", "Rock &amp; roll &ndash; more"])
    assert titles == {"Learn", "Help finder", "Glossary", "Rock & roll – more"}


FRAME = """<title>Glossary - Real Harm</title>
<span class="md-ellipsis">
  Glossary
</span>
<span class="md-ellipsis">Hulp zoeken</span>
<a href="../" class="md-tabs__link">
  Learn
</a>
<a href="../help/" class="md-tabs__link">Hulp zoeken</a>
<label class="md-nav__title" for="__nav_3">
  <span class="md-nav__icon md-icon"></span>
  Learn
</label>
<div class="md-ellipsis">Glossary</div>
<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>"""


def test_the_page_frame_marks_english_strings_only():
    out = fallback.mark(FRAME, {"Glossary", "Learn"}, untranslated=True)
    assert '<title lang="en">' in out and '<ul class="md-nav__list" data-md-component="toc" lang="en"' in out
    assert out.count('<span class="md-ellipsis" lang="en">') == 1 and '<div class="md-ellipsis" lang="en">Glossary' in out
    assert '<a href="../" class="md-tabs__link" lang="en">' in out and '<span lang="en">Learn</span></label>' in out
    assert '<span class="md-ellipsis">Hulp zoeken</span>' in out and '<a href="../help/" class="md-tabs__link">Hulp' in out
    translated = fallback.mark(FRAME, {"Learn"}, untranslated=False)
    assert "<title>" in translated and 'data-md-component="toc" data-md-scrollfix' in translated
    assert 'class="md-ellipsis" lang="en"' not in translated
    assert fallback.mark(FRAME, set(), untranslated=False) == FRAME


# ── the built pages ──
def _page(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def _marked(page: str, text: str) -> bool:
    """An element holding exactly `text` carries lang="en"."""
    return re.search(rf'lang="en"[^>]*>\s*{re.escape(text)}\s*<', page) is not None


def test_a_page_not_translated_marks_its_english_frame(nl_site):
    site, _proc = nl_site
    page = _page(site, "nl/learn/m1-synthetic-media/index.html")
    title = "Synthetic media: real, fake and why it still hurts"
    assert f'<title lang="en">{title} - Real Harm</title>' in page
    header = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis"( lang="en")?>', page)
    assert header and header.group(1)
    footer = re.findall(r'<div class="md-ellipsis"( lang="en")?>\s*([^<]*?)\s*</div>', page)
    assert footer and all(marked for marked, _text in footer), footer  # its neighbours: not translated either
    assert page.count('data-md-component="toc" lang="en"') == 2  # the page's and the phone menu's
    assert _marked(page, "Learn") and not _marked(page, "Hulp zoeken") and "Hulp zoeken" in page
    # the rest of the frame is Dutch, not marked
    assert '<html lang="nl"' in page and '<a class="rh-help-link" href="../../help/">Hulp zoeken</a>' in page


def test_box_titles_on_a_page_not_translated_are_english_inside_the_english_block(nl_site):
    site, _proc = nl_site
    page = _page(site, "nl/learn/m1-synthetic-media/index.html")
    english = page.split('<div lang="en" dir="ltr">', 1)[1]
    assert re.search(r'<h2 class="admonition-title" id="contentnote">Content note<', english)
    for dutch in NL.values():
        assert dutch not in page, dutch
    home = _page(site, "nl/index.html")  # translated: the language's own box titles, no English block
    assert '<div lang="en" dir="ltr">' not in home and '<title>' in home


def test_a_translated_page_marks_only_the_english_menu_names(nl_site):
    site, _proc = nl_site
    home = _page(site, "nl/index.html")
    assert "<title>Real Harm</title>" in home or "<title>Real Harm - Real Harm</title>" in home
    assert _marked(home, "Learn") and _marked(home, "Teach") and not _marked(home, "Hulp zoeken")
    english_home = _page(site, "index.html")
    assert 'lang="en"' not in re.sub(r'<(?:html|link|a)\b[^>]*>', "", english_home)  # nothing to mark in English
    missing = _page(site, "nl/404.html")
    assert _marked(missing, "Learn") and not _marked(missing, "Hulp zoeken")
