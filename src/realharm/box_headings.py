"""Python-Markdown extension: the titles of a lesson's boxes (`!!! activity "…"`, preparation,
discussion, checks…) become real headings, so the table of contents lists them, screen readers
can move between them and "Skip to content" lands at the start of the content.

Registered in mkdocs.yml under markdown_extensions as `realharm.box_headings`, with the box
types to turn into headings. Runs after the admonition parser and attr_list, before `toc` (which
then gives each heading its permalink and lists it). The box keeps its look: the title keeps the
class "admonition-title", only the element changes from <p> to <hN>.

Ids are stable and the same in every language, because they come from the box type, not from the
translated title: `preparation`, `discussion`, `check`…, and for types that repeat (activities)
`activity-1`, `activity-2`… in page order. A second box of a non-numbered type gets `-2`, etc.
The level is one below the last heading before the box (h2 under the page title, h3 in a `##`
section). Only boxes at the top level of the page become headings (a box nested in another box
or in a list stays as it is).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class BoxHeadings(Treeprocessor):
    def __init__(self, md, types: list[str], numbered: list[str]):
        super().__init__(md)
        self.types = list(types)
        self.numbered = set(numbered)

    def run(self, root: etree.Element) -> None:
        taken = {el.get("id") for el in root.iter() if el.get("id")}
        counts: Counter = Counter()
        level = 1  # the page title (h1) is above everything
        for child in root:
            if child.tag in HEADINGS:
                level = int(child.tag[1])
                continue
            kind = self._box_type(child)
            if kind is None:
                continue
            title = child[0] if len(child) else None
            if title is None or title.tag != "p" or "admonition-title" not in (title.get("class") or "").split():
                continue
            counts[kind] += 1
            ident = self._ident(kind, counts[kind], taken)
            taken.add(ident)
            title.tag = f"h{min(level + 1, 6)}"
            title.set("id", ident)

    def _box_type(self, el: etree.Element) -> str | None:
        classes = (el.get("class") or "").split()
        if el.tag != "div" or "admonition" not in classes:
            return None
        return next((c for c in classes if c in self.types), None)

    def _ident(self, kind: str, n: int, taken: set) -> str:
        ident = f"{kind}-{n}" if kind in self.numbered or n > 1 else kind
        while ident in taken:  # an id the page already uses for something else
            ident += "-box"
        return ident


class BoxHeadingsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "types": [["activity", "preparation", "discussion", "check"],
                      "Box types whose title becomes a heading"],
            "numbered": [["activity"], "Box types whose ids are always numbered (activity-1, …)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # attr_list runs at 8 and toc at 5: in between, so toc sees the headings
        md.treeprocessors.register(BoxHeadings(md, self.getConfig("types"), self.getConfig("numbered")),
                                   "realharm_box_headings", 6)


def makeExtension(**kwargs):
    return BoxHeadingsExtension(**kwargs)
