"""Screen-reader fixes to the built HTML (src/realharm/a11y.py) and their effect on real pages."""

from __future__ import annotations

import re

from realharm import a11y


def test_permalink_is_hidden_from_the_heading_name():
    html = '<h2 id="why">Why<a class="headerlink" href="#why" title="Link to this section">&para;</a></h2>'
    assert a11y.quiet_permalinks(html) == (
        '<h2 id="why">Why<a class="headerlink" href="#why" title="Link to this section" aria-hidden="true" '
        'tabindex="-1">&para;</a></h2>')


def test_built_pages_mark_language_names_and_quiet_permalinks(built_site):
    for page in ("teach/lessons/m1-synthetic-media-11-13", "it/about"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a [^>]*class="md-select__link"[^>]*>', html)
        assert links and all(re.search(r'hreflang="(\w+)" lang="\1"', link) for link in links), links
        permalinks = re.findall(r'<a class="headerlink"[^>]*>', html)
        assert permalinks and all('aria-hidden="true" tabindex="-1"' in link for link in permalinks), page
