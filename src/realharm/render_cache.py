"""Markdown to HTML of a page not yet translated, once for every language that shows it.

The i18n plugin builds each language in turn in the same process, and a page that a language
has not translated is built from the default language's page: the same Markdown, turned into the
same HTML in every such language. `PageRenders` keeps the result of MkDocs's `Page.render` for
such a page and gives it to the next language instead of converting the Markdown again.

A result is reused only where it cannot differ. The key holds everything the conversion reads:
- the page's source path and the exact Markdown after every `on_page_markdown` hook (markers
  expanded, box titles, glossary abbreviations);
- the Markdown extensions and their settings as they are when the page is converted;
- the language the page's own texts are written in (quizzes read it while they are converted);
- the page's address without the language's folder, and how deep that folder is: a link from
  the page is written relative to its address, and every page of a language sits at the same
  path under that language's folder, so `ro/learn/x/` and `ar/learn/x/` give the same relative
  links, while `learn/x/` (the default language, at the site's root) does not share with them.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass

from .ui import current_language


@dataclass(frozen=True)
class _Render:
    content: str
    toc: object
    title: str | None
    anchors: frozenset
    links: dict[str, dict[str, str]] | None  # path of the linked page in its language -> {anchor: link}


def _path(file) -> str:
    """A file's path inside its language's folder (the i18n plugin's `norm_src_uri`)."""
    return getattr(file, "norm_src_uri", file.src_uri)


def page_place(url: str, lang: str | None) -> tuple[str, int]:
    """The page's address inside its language's folder, and how many folders deep that is."""
    if lang and (url == lang or url.startswith(f"{lang}/")):
        return url[len(lang):].lstrip("/"), 1
    return url, 0


def markdown_settings(config) -> str:
    """The Markdown extensions and their settings, as a string to compare."""
    return repr((config["markdown_extensions"], config["mdx_configs"]))


class PageRenders:
    """`Page.render` results of one build of every language, by what the conversion reads."""

    def __init__(self):
        self._store: dict[tuple, _Render] = {}
        self.hits = 0
        self.misses = 0
        self._files: tuple[object, dict] = (None, {})

    def key(self, page, config, lang: str | None) -> tuple:
        return (page.file.src_uri, page.markdown, markdown_settings(config), current_language.get(),
                page_place(page.file.url, lang))

    def render(self, page, config, files, lang: str | None, fresh) -> None:
        """Set on ``page`` what `Page.render` sets: from the store when the same page was converted
        from the same Markdown at the same place in another language; otherwise by ``fresh()``
        (the page's own `render`), whose result is then kept."""
        key = self.key(page, config, lang)
        found = self._store.get(key)
        if found is not None and self._apply(page, self._by_path(files), found):
            self.hits += 1
            return
        self.misses += 1
        fresh(config, files)
        links = page.links_to_anchors
        self._store[key] = _Render(
            content=page.content, toc=copy.deepcopy(page.toc), title=page._title_from_render,
            anchors=frozenset(page.present_anchor_ids or ()),
            links=None if links is None else {_path(f): dict(v) for f, v in links.items()})

    def _by_path(self, files) -> dict:
        """This build's files by their path inside the language's folder; a path that two files
        share is left out (a page linking to it is converted afresh)."""
        if self._files[0] is not files:
            found: dict = {}
            for f in files:
                found[_path(f)] = None if _path(f) in found else f
            self._files = (files, found)
        return self._files[1]

    @staticmethod
    def _apply(page, files: dict, found: _Render) -> bool:
        links = None
        if found.links is not None:
            # the linked pages of this language's build, which sit at the same place under its
            # folder (the anchor checks read their anchors)
            links = {}
            for path, anchors in found.links.items():
                target = files.get(path)
                if target is None:
                    return False
                links[target] = dict(anchors)
        page.content = found.content
        page.toc = copy.deepcopy(found.toc)
        page._title_from_render = found.title
        page.present_anchor_ids = set(found.anchors)
        if links is not None and logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links
        return True
