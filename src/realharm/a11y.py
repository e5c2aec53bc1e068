"""Small fixes to the built HTML for screen readers."""

from __future__ import annotations

import re

# The permalink that `toc` appends to each heading: <a class="headerlink" href="#id" title="…">¶</a>
PERMALINK = re.compile(r'<a class="headerlink" href="(#[^"]*)" title="([^"]*)">')


def quiet_permalinks(html: str) -> str:
    """A heading's name is its text: the "¶" permalink inside it is hidden from assistive
    technology and out of the Tab order (it stays visible and clickable for copying a link)."""
    return PERMALINK.sub(r'<a class="headerlink" href="\1" title="\2" aria-hidden="true" tabindex="-1">', html)
