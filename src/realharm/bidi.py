"""Right-to-left pages: the page's direction, and left-to-right runs kept whole inside them.

In Arabic (or Hebrew, Persian, Urdu) text, a phone number, an address or an e-mail address is a
left-to-right run; without isolation the bidirectional algorithm lets the punctuation around it
and its own parts (the "+" of "+44 800 1111", the "/" and "." of an address) change places with
the right-to-left text, and the reader sees a number that is not the service's. An element with
a `dir` attribute is isolated by the browser (HTML's `[dir] { unicode-bidi: isolate }`), so a
`dir="ltr"` on the link is enough; on left-to-right pages it changes nothing. The same runs
written as plain text in a sentence are wrapped in `<bdi dir="ltr">` on right-to-left pages
(`isolate_text`).
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

# the same runs written as plain text in a sentence (not a link): each is wrapped in <bdi dir="ltr">
_LTR_RUN = re.compile(r"""
      (?P<url>(?:https?://|www\.)[!-~]*[\w/#=&%~+-])             # a web address (ASCII), without the full stop after it
    | (?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)                     # an e-mail address
    | (?P<phone>(?<![\w+/.-])\+?\(?\d[\d\s().\-/]*\d(?![\w/-]))     # a phone number (checked below)
""", re.X)
# elements whose text is left as it is: links (isolate() handles them), code, already isolated text
_SKIP = ("a", "bdi", "code", "pre", "kbd", "script", "style", "textarea", "svg", "title")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>")


def _is_phone(run: str) -> bool:
    """A run of digits long enough to be a phone number (at least 6 digits: 116 111, 0800 1111,
    +39 06 1234 5678), on one line; not a date written as 2026-12-06."""
    digits = sum(c.isdigit() for c in run)
    return digits >= 6 and "\n" not in run and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", run)


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


def isolate_text(html: str) -> str:
    """Phone numbers, e-mail addresses and web addresses written as plain text (outside links
    and code) wrapped in `<bdi dir="ltr">`, for the pages of a right-to-left language."""
    out, depth, pos = [], 0, 0

    def fix(match: re.Match) -> str:
        run = match.group(0)
        if match.group("phone") is not None:
            run = run.strip()
            if not _is_phone(run):
                return match.group(0)
            if run.startswith("(") and ")" not in run:
                run = run[1:].lstrip()  # "(0800 1111)": the brackets stay outside
            lead = match.group(0)[:match.group(0).index(run)]
            trail = match.group(0)[len(lead) + len(run):]
            return f'{lead}<bdi dir="ltr">{run}</bdi>{trail}'
        return f'<bdi dir="ltr">{run}</bdi>'

    for tag in _TAG.finditer(html):
        text = html[pos:tag.start()]
        out.append(text if depth else _LTR_RUN.sub(fix, text))
        closing, name, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name in _SKIP and not selfclosing:
            depth = max(depth - 1, 0) if closing else depth + 1
        out.append(tag.group(0))
        pos = tag.end()
    tail = html[pos:]
    out.append(tail if depth else _LTR_RUN.sub(fix, tail))
    return "".join(out)
