"""The offline copy holds each English text once: a language's fallback pages (the default
language's text in that language's frame) are left out, and every link to them goes to the default
language's page in the copy (sitebuild.prune_fallback_pages)."""

from __future__ import annotations

import json
from pathlib import Path

from realharm import sitebuild


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    """docs/ with English help and teach pages and an Arabic help page only, and the offline
    build of it: the Arabic teach page is a fallback page."""
    docs, offline = tmp_path / "docs", tmp_path / "realharm"
    for rel in ("help/index.md", "teach/index.md"):
        _write(docs / "en" / rel, "# en")
    _write(docs / "ar" / "help/index.md", "# ar")
    _write(offline / "help/index.html", '<a href="../teach/index.html">Teach</a>')
    _write(offline / "teach/index.html", '<a href="../ar/teach/index.html#part" hreflang="ar">العربية</a>')
    _write(offline / "ar/help/index.html",
           '<a href="../teach/index.html#lessons">Teach</a> <a href="https://example.org/ar/teach/index.html">x</a>'
           ' <a href="index.html">here</a>')
    _write(offline / "ar/teach/index.html", '<a href="../help/index.html">Get help</a>')
    _write(offline / "ar/404.html", '<a href="/ar/index.html">home</a>')
    index = {"config": {"lang": ["ar"]}, "docs": [{"location": "help/index.html"}, {"location": "teach/index.html#a"}]}
    _write(offline / "ar/search/search_index.js", "var __index = " + json.dumps(index))
    _write(offline / "ar/search/search_index.json", json.dumps(index))
    for name in ("min/lunr.ar.min.js", "min/lunr.de.min.js", "min/lunr.stemmer.support.min.js",
                 "min/lunr.multi.min.js", "tinyseg.js"):
        _write(offline / "ar/assets/javascripts/lunr" / name, "//")
    return docs, offline


def test_fallback_pages_leave_the_copy_and_their_links_go_to_the_default_language(tmp_path):
    docs, offline = _copy(tmp_path)
    assert sitebuild.prune_fallback_pages(offline, docs, ["en", "ar"]) == {"ar": 1}
    assert not (offline / "ar/teach/index.html").exists()
    assert (offline / "ar/help/index.html").read_text(encoding="utf-8") == (
        '<a href="../../teach/index.html#lessons">Teach</a> <a href="https://example.org/ar/teach/index.html">x</a>'
        ' <a href="index.html">here</a>')
    # the language switcher of the English page to the Arabic fallback page: the English page itself
    assert 'href="index.html#part"' in (offline / "teach/index.html").read_text(encoding="utf-8")
    assert (offline / "ar/404.html").is_file()
    js = (offline / "ar/search/search_index.js").read_text(encoding="utf-8")
    assert [d["location"] for d in json.loads(js[js.index("{"):])["docs"]] == ["help/index.html"]
    assert not (offline / "ar/search/search_index.json").exists()
    lunr = offline / "ar/assets/javascripts/lunr"
    assert sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*.js")) == [
        "min/lunr.ar.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"]


def test_a_page_without_its_default_language_twin_stays(tmp_path):
    docs, offline = _copy(tmp_path)
    (offline / "teach/index.html").unlink()  # not in the copy: the Arabic page is the only one
    assert sitebuild.prune_fallback_pages(offline, docs, ["en", "ar"]) == {"ar": 0}
    assert (offline / "ar/teach/index.html").is_file()
    assert 'href="../teach/index.html#lessons"' in (offline / "ar/help/index.html").read_text(encoding="utf-8")
