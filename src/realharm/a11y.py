"""Small fixes to the built HTML for screen readers."""

from __future__ import annotations

import re

# The permalink that `toc` appends to each heading: <a class="headerlink" href="#id" title="…">¶</a>
PERMALINK = re.compile(r'<a class="headerlink" href="(#[^"]*)" title="([^"]*)">')


def quiet_permalinks(html: str) -> str:
    """A heading's name is its text: the "¶" permalink inside it is hidden from assistive
    technology and out of the Tab order (it stays visible and clickable for copying a link)."""
    return PERMALINK.sub(r'<a class="headerlink" href="\1" title="\2" aria-hidden="true" tabindex="-1">', html)


# A list item whose first child is a nested list: Python-Markdown's output when an item's first
# line is followed at once by its nested list and the item has a second paragraph. The first
# line then comes after the nested list, so the page reads in the wrong order.
LOST_LEAD = re.compile(r"<li>\s*<(?:ul|ol)\b")


def lost_list_leads(html: str) -> list[str]:
    """The start of each nested list that comes before its item's own first line."""
    found = []
    for m in LOST_LEAD.finditer(html):
        first_item = html[m.end():].split("</li>", 1)[0]
        found.append(" ".join(re.sub(r"<[^>]+>", " ", first_item.split(">", 1)[-1]).split())[:60])
    return found
