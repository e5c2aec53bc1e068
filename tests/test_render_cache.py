"""A page not yet translated is converted to HTML once for every language that shows it
(src/realharm/render_cache.py): what the store gives a page must be what MkDocs's own
`Page.render` gives it, and anything that changes the Markdown must convert it afresh."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from realharm.render_cache import PageRenders

PAGE = """# Where to get help

See [the other page](other.md#first-steps) and [below](#talk-to-someone).

## Talk to someone

| a | b |
|---|---|
| 1 | 2 |

## Keep what you have
"""
OTHER = "# Other\n\n## First steps\n"


def _build(tmp_path, lang: str | None):
    """One language's build: the English source files, at <lang>/... (at the root for the
    default language, lang None), as the i18n plugin lays them out."""
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True, exist_ok=True)
    (docs / "en" / "page.md").write_text(PAGE, encoding="utf-8")
    (docs / "en" / "other.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: docs\nmarkdown_extensions:\n  - tables\n  - toc:\n      permalink: true\n",
        encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    prefix = f"{lang}/" if lang else ""
    files = Files([File(f"en/{name}.md", str(docs), str(tmp_path / "site"), True,
                        dest_uri=f"{prefix}{name}/index.html") for name in ("page", "other")])
    pages = {f.src_uri: Page(None, f, config) for f in files}
    for page in pages.values():
        page.read_source(config)
    return config, files, pages["en/page.md"]


def _rendered(page, files) -> dict:
    """Everything Page.render sets, comparable across builds (a linked file by its address, and
    checked to be one of this build's files)."""
    links = page.links_to_anchors or {}
    assert all(any(f is target for f in files) for target in links)
    return {"content": page.content, "toc": [str(item) for item in page.toc], "title": page.title,
            "anchors": page.present_anchor_ids,
            "links": {target.url: anchors for target, anchors in links.items()}}


def _fresh(tmp_path, lang, markdown=None) -> dict:
    config, files, page = _build(tmp_path / f"fresh-{lang}", lang)
    if markdown is not None:
        page.markdown = markdown
    page.render(config, files)
    return _rendered(page, files)


def test_the_stored_render_is_the_fresh_render_of_the_page_in_the_next_language(tmp_path):
    store = PageRenders()
    config, files, page = _build(tmp_path / "ro", "ro")
    store.render(page, config, files, "ro", page.render)
    config, files, page = _build(tmp_path / "ar", "ar")
    store.render(page, config, files, "ar", page.render)
    assert (store.hits, store.misses) == (1, 1)
    found = _rendered(page, files)
    assert found == _fresh(tmp_path, "ar")
    assert found["links"]["ar/other/"] == {"first-steps": "other.md#first-steps"}
    assert found["links"]["ar/page/"]["talk-to-someone"] == "#talk-to-someone"


def test_a_page_at_another_depth_is_converted_afresh(tmp_path):
    """The default language's page sits at the site's root: its relative links differ."""
    store = PageRenders()
    config, files, page = _build(tmp_path / "ro", "ro")
    store.render(page, config, files, "ro", page.render)
    config, files, page = _build(tmp_path / "en", None)
    store.render(page, config, files, None, page.render)
    assert (store.hits, store.misses) == (0, 2)
    assert _rendered(page, files) == _fresh(tmp_path, None)


def test_changed_markdown_is_converted_afresh(tmp_path):
    store = PageRenders()
    config, files, page = _build(tmp_path / "ro", "ro")
    store.render(page, config, files, "ro", page.render)
    config, files, page = _build(tmp_path / "ar", "ar")
    changed = PAGE.replace("Keep what you have", "Keep what you have, and ask")
    page.markdown = changed
    store.render(page, config, files, "ar", page.render)
    assert (store.hits, store.misses) == (0, 2)
    found = _rendered(page, files)
    assert "Keep what you have, and ask" in found["content"]
    assert found == _fresh(tmp_path, "ar", changed)
