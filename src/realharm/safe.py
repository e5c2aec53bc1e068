"""Text and links from data/ and front matter, made safe for the page they reach.

Data texts (services, laws, glossary, places, interface strings) and page titles are plain text:
nothing in them may become HTML, an attribute or a link. The renderers build Markdown, so a
text is escaped for Markdown *and* HTML before it goes in: ``<``, ``>`` and ``&`` become
entities (no raw HTML, no autolink), and the brackets and braces that would make a link, a
reference, an abbreviation or an attribute list (``{: onclick=…}``) become numeric character
references, which Markdown leaves alone and the browser shows as the characters themselves.

Links built from data go through ``href``: only http, https, mailto and tel addresses are
ever emitted; anything else (``javascript:``, ``data:``…) stops the build with one line naming
the entry.

Short Markdown written in pages outside the page body (quiz questions, options and feedback) is
rendered by ``inline_markdown``, a Python-Markdown instance that cannot emit raw HTML and
drops links with other schemes.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

LINK_SCHEMES = ("http", "https", "mailto", "tel")

# Markdown punctuation that could turn plain text into a link, a reference or abbreviation
# definition, a footnote or an attribute list; written as numeric references instead.
_MARKDOWN_REFS = {"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"}
_MARKDOWN_SPECIAL = re.compile(r"[\[\]{}]")


class UnsafeLink(ValueError):
    """A link from data whose scheme is not one the site publishes."""


def md_text(value) -> str:
    """Plain text (from data or front matter) for a Markdown source: shown as written, never
    read as HTML, a link or an attribute list."""
    text = html.escape(str(value), quote=False)
    return _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_REFS[m.group()], text)


def html_text(value) -> str:
    """Plain text for HTML (element content or a quoted attribute value)."""
    return html.escape(str(value), quote=True)


def href(url, where: str = "") -> str:
    """A link target from data, for a Markdown link or an HTML attribute: refused unless its
    scheme is http, https, mailto or tel; characters that would end the link are encoded."""
    text = str(url).strip()
    scheme = urlsplit(text).scheme.lower() if ":" in text else ""
    if scheme not in LINK_SCHEMES or re.search(r"[\x00-\x1f\x7f]", text):
        prefix = f"{where}: " if where else ""
        raise UnsafeLink(f"{prefix}{text[:80]!r} is not a web, e-mail or phone address "
                         "(a link must start with https://, http://, mailto: or tel:)")
    for char, code in ((" ", "%20"), ('"', "%22"), ("<", "%3C"), (">", "%3E"), ("`", "%60"), ("\\", "%5C")):
        text = text.replace(char, code)
    return text


class _DropUnsafeLinks(Treeprocessor):
    def run(self, root):
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is None:
                    continue
                scheme = urlsplit(value.strip()).scheme.lower() if ":" in value else ""
                if scheme and scheme not in LINK_SCHEMES:
                    del el.attrib[attr]


def inline_markdown() -> markdown.Markdown:
    """Python-Markdown for short texts that may use emphasis and links but never raw HTML: the
    raw-HTML block and inline processors are removed, so ``<script>`` stays text, and links or
    images with a scheme other than http, https, mailto or tel lose their target."""
    md = markdown.Markdown()
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DropUnsafeLinks(md), "rh_drop_unsafe_links", 0)
    return md
