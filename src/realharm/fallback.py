"""Pages not yet translated: everything English on them says so.

A page of language X with no translation is built from the default language's page (the i18n
plugin's fallback), its content wrapped in `<div lang="en">` by the hook. The page frame around
it is X's, but some of its strings are English too: the page's title (in the header, the browser
tab and the footer's "previous / next" of the pages next to it), the table of contents, and the
menu entries that X has not translated yet (titles of untranslated pages, menu names missing from
X's `nav:` settings). Each of those gets `lang` of the default language, so that a screen reader
reads it with the right voice and a browser hyphenates and translates it rightly.

Box titles on such a page stay in the default language, like the rest of the content inside the
English block: the i18n plugin writes X's box titles into every page of X, and
`source_box_titles` puts the default language's back on a page that is not translated.
"""

from __future__ import annotations

import html
import re

# `!!! type "title"` (or ??? / ???+ for collapsible boxes), as the i18n plugin writes it
_BOX = re.compile(r'^(?P<head>[ \t]*(?:!!!|\?\?\?\+?)[ \t]*(?P<type>[\w-]+)) "(?P<title>[^"\n]*)"[ \t]*$', re.M)
# the theme's one-line texts: menu entries, the header's page title, the footer's previous / next
_ELLIPSIS = re.compile(r'<(?P<tag>span|div) class="md-ellipsis">(?P<text>[^<]*)</(?P=tag)>')
# the title of a menu section, above its entries on phones
_NAV_TITLE = re.compile(r'(?P<head><label class="md-nav__title" for="[^"]*">\s*<span class="md-nav__icon md-icon"></span>)'
                        r'(?P<text>[^<]*)(?P<tail></label>)')
# the tabs of the menu's sections, above the page on wide screens
_TAB = re.compile(r'(?P<head><a href="[^"]*" class="md-tabs__link")>(?P<text>[^<]*)</a>')
_TITLE = re.compile(r"<title>")
_TOC = re.compile(r'<ul class="md-nav__list" data-md-component="toc"')


def source_box_titles(markdown: str, titles: dict[str, str], source_titles: dict[str, str]) -> str:
    """The source language's box titles instead of the page language's ones written by the i18n
    plugin (a box whose title the page wrote itself is left alone)."""
    translated = {k.lower(): v for k, v in titles.items()}
    source = {k.lower(): v for k, v in source_titles.items()}

    def fix(match: re.Match) -> str:
        kind = match.group("type").lower()
        if kind in source and translated.get(kind) == match.group("title"):
            return f'{match.group("head")} "{source[kind]}"'
        return match.group(0)

    return _BOX.sub(fix, markdown)


def english_titles(nav_titles: set[str], translated_nav: dict, untranslated_pages: list[str]) -> set[str]:
    """Titles a page frame of a language shows in the source language: menu names its settings do
    not translate, and the titles of its pages not yet translated (unless the menu names them)."""
    named = set(translated_nav.values())
    return ({t for t in nav_titles if t not in translated_nav}
            | {html.unescape(t) for t in untranslated_pages if t and t not in named})


def mark(page: str, titles: set[str], *, untranslated: bool, lang: str = "en") -> str:
    """`lang` on the strings of the page frame that are in the source language: the menu entries
    and tabs, header and footer titles that are one of ``titles``; on a page not translated, also its
    <title> and its table of contents."""
    attr = f' lang="{html.escape(lang, quote=True)}"'

    def ellipsis(match: re.Match) -> str:
        if html.unescape(match.group("text").strip()) not in titles:
            return match.group(0)
        return f'<{match.group("tag")} class="md-ellipsis"{attr}>{match.group("text")}</{match.group("tag")}>'

    def nav_title(match: re.Match) -> str:
        text = match.group("text")
        if html.unescape(text.strip()) not in titles:
            return match.group(0)
        return f'{match.group("head")}<span{attr}>{text.strip()}</span>{match.group("tail")}'

    def tab(match: re.Match) -> str:
        if html.unescape(match.group("text").strip()) not in titles:
            return match.group(0)
        return f'{match.group("head")}{attr}>{match.group("text")}</a>'

    page = _ELLIPSIS.sub(ellipsis, page)
    page = _TAB.sub(tab, page)
    page = _NAV_TITLE.sub(nav_title, page)
    if untranslated:
        page = _TITLE.sub(f"<title{attr}>", page, count=1)
        page = _TOC.sub(lambda m: m.group(0) + attr, page)
    return page
