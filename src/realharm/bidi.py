"""Right-to-left pages: the page's direction, and left-to-right runs kept whole inside them.

In Arabic (or Hebrew, Persian, Urdu) text, a phone number, an address or an e-mail address is a
left-to-right run; without isolation the bidirectional algorithm lets the punctuation around it
and its own parts (the "+" of "+44 800 1111", the "/" and "." of an address) change places with
the right-to-left text, and the reader sees a number that is not the service's. An element with
a `dir` attribute is isolated by the browser (HTML's `[dir] { unicode-bidi: isolate }`), so a
`dir="ltr"` on the link is enough; on left-to-right pages it changes nothing.
"""

from __future__ import annotations

import re

# an opening <a ...> tag, its attributes, and the text up to its closing tag (no nested tags)
_LINK = re.compile(r'<a(?P<attrs>\s[^>]*)?>(?P<text>[^<]*)</a>', re.I)
_HREF = re.compile(r'\shref="(?P<href>[^"]*)"', re.I)
_HAS_DIR = re.compile(r'\sdir=', re.I)
# link text that is itself a left-to-right run: an address, an e-mail address or a phone number
_LTR_TEXT = re.compile(r"""^\s*(?:
      (?:https?://|www\.)\S+                 # a web address
    | [^\s@]+@[^\s@]+\.[^\s@]+               # an e-mail address
    | \+?[\d\s().\-/]{3,}                    # a phone number
)\s*$""", re.X | re.I)
_HTML_TAG = re.compile(r"<html(?P<attrs>\s[^>]*)?>", re.I)


def isolate(html: str) -> str:
    """`dir="ltr"` on every tel: and mailto: link, and on every link whose text is an address, an
    e-mail address or a phone number (links that already say their direction are left alone)."""

    def fix(match: re.Match) -> str:
        attrs = match.group("attrs") or ""
        if _HAS_DIR.search(attrs):
            return match.group(0)
        href = _HREF.search(attrs)
        target = href.group("href").lower() if href else ""
        if not (target.startswith(("tel:", "mailto:")) or _LTR_TEXT.match(match.group("text"))):
            return match.group(0)
        return f'<a{attrs} dir="ltr">{match.group("text")}</a>'

    return _LINK.sub(fix, html)


def html_direction(page: str, direction: str) -> str:
    """The page's <html> element with dir="ltr" or dir="rtl" (the theme sets it on <body> only,
    after the <head>: the title, and the whole page for assistive technology, need it on <html>)."""
    if direction not in ("ltr", "rtl"):
        raise ValueError(f"direction {direction!r}: write ltr or rtl")

    def fix(match: re.Match) -> str:
        attrs = re.sub(r'\sdir="[^"]*"', "", match.group("attrs") or "")
        return f'<html{attrs} dir="{direction}">'

    return _HTML_TAG.sub(fix, page, count=1)
