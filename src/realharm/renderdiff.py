"""`python -m realharm render-diff OLD_SITE NEW_SITE`: what an upgrade changes in the pages.

Before upgrading a package that renders Markdown or draws the page (pymdown-extensions, Material),
build the site before and after and compare: every page's main content (its <article>), with
whitespace and the theme's fingerprinted asset names (`bundle.1a2b3c4d.min.js`) normalised, so only
real changes in what a reader sees remain. Each differing page is printed with a compact diff.

Written on the standard library (html.parser, difflib): the comparison needs only the article's
markup as text, and a parser dependency for that would be one more package to keep up to date.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ASSET_HASH = re.compile(r"\.[0-9a-f]{8}(\.min\.(?:js|css)\b)")


class _Article(HTMLParser):
    """Finds the first <article> element and remembers where it starts and ends."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.start: tuple[int, int] | None = None
        self.end: tuple[int, int] | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "article" or self.end:
            return
        if self.depth == 0 and self.start is None:
            self.start = self.getpos()
        self.depth += 1

    def handle_endtag(self, tag):
        if tag != "article" or self.end or not self.depth:
            return
        self.depth -= 1
        if self.depth == 0:
            self.end = self.getpos()


def article(html: str) -> str | None:
    """The page's <article>…</article> as written, or None when it has none."""
    parser = _Article()
    parser.feed(html)
    parser.close()
    if parser.start is None or parser.end is None:
        return None
    starts = [0] + [match.end() for match in re.finditer("\n", html)]  # the parser counts lines by \n
    begin, finish = (starts[line - 1] + col for line, col in (parser.start, parser.end))
    return html[begin: html.index(">", finish) + 1]


def normalise(fragment: str) -> str:
    """One tag or text run per line, whitespace collapsed, asset fingerprints removed."""
    text = ASSET_HASH.sub(r".HASH\1", fragment)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r">\s+<", "><", text)
    return "\n".join(part.strip() for part in re.split(r"(?=<)", text) if part.strip())


@dataclass
class PageDiff:
    page: str
    diff: list[str]


def pages(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*.html"))}


def compare(old_site: Path, new_site: Path, *, context: int = 1) -> list[PageDiff]:
    """Every page whose main content differs between two built sites, with a compact diff;
    a page that exists on one side only is reported too."""
    old, new = pages(old_site), pages(new_site)
    out = []
    for name in sorted(old.keys() | new.keys()):
        if name not in new:
            out.append(PageDiff(name, ["only in the old site"]))
            continue
        if name not in old:
            out.append(PageDiff(name, ["only in the new site"]))
            continue
        before = article(old[name].read_text(encoding="utf-8"))
        after = article(new[name].read_text(encoding="utf-8"))
        if before is None and after is None:
            continue  # not a content page (e.g. a redirect)
        a = normalise(before or "").splitlines()
        b = normalise(after or "").splitlines()
        if a == b:
            continue
        diff = [line for line in difflib.unified_diff(a, b, lineterm="", n=context)
                if not line.startswith(("---", "+++"))]
        out.append(PageDiff(name, diff))
    return out


def report(diffs: list[PageDiff], *, max_lines: int = 40) -> str:
    if not diffs:
        return "render-diff: every page's content is the same"
    lines = []
    for item in diffs:
        lines.append(f"== {item.page}")
        lines += item.diff[:max_lines]
        if len(item.diff) > max_lines:
            lines.append(f"… {len(item.diff) - max_lines} more diff lines")
    lines.append(f"render-diff: {len(diffs)} page(s) differ")
    return "\n".join(lines)


def main(old_site: Path, new_site: Path) -> int:
    for site in (old_site, new_site):
        if not site.is_dir():
            print(f"render-diff: {site}: no such folder (build the site there first)")
            return 2
    diffs = compare(old_site, new_site)
    print(report(diffs))
    return 1 if diffs else 0
