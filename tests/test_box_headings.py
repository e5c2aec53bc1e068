"""Lesson boxes become headings with stable ids (src/realharm/box_headings.py)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from support import page_urls

FIXTURE = Path(__file__).parent / "fixtures" / "box-headings.md"
TYPES = ["contentnote", "questions", "activity", "discussion", "check"]


def convert(text: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=["admonition", "attr_list", "toc", "realharm.box_headings"],
                           extension_configs={"realharm.box_headings": {"types": TYPES},
                                              "toc": {"permalink": True}})
    html = md.convert(text)
    return html, md.toc_tokens


def test_box_titles_become_headings_listed_in_the_table_of_contents():
    html, toc = convert(FIXTURE.read_text(encoding="utf-8"))
    headings = re.findall(r'<(h\d) class="admonition-title" id="([^"]+)">', html)
    assert headings == [("h2", "contentnote"), ("h2", "activity-1"), ("h2", "discussion"), ("h2", "activity-2"),
                        ("h3", "check"), ("h3", "check-2"), ("h3", "questions-box")]
    assert '<p class="admonition-title">Not a heading: nested</p>' in html  # nested box unchanged
    assert '<p class="admonition-title">Warning</p>' in html                # not a listed type
    top = [t["id"] for t in toc]
    assert top == ["contentnote", "activity-1", "discussion", "activity-2", "handout", "questions"]
    assert [t["id"] for t in toc[4]["children"]] == ["check", "check-2"]


def test_ids_come_from_the_box_type_not_the_translated_title():
    en, _ = convert('!!! activity "Activity 1 — Real or made?"\n    x\n')
    it, _ = convert('!!! activity "Attività 1 — Vero o creato?"\n    x\n')
    assert 'id="activity-1"' in en and 'id="activity-1"' in it


def test_lesson_plans_list_their_boxes_in_the_table_of_contents(project, built_site):
    """Every lesson plan, in every language: the boxes are headings in the table of contents,
    with the same ids in every language, and "Skip to content" goes to the first of them."""
    ids_by_page: dict[str, list[list[str]]] = {}
    for lang, src, path in page_urls(project.docs, project.languages()):
        if not src.startswith("teach/lessons/"):
            continue
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        toc = html[html.index('data-md-component="toc"'):html.index('<div class="md-content"')]
        ids = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', toc)
        assert {"contentnote", "preparation", "activity-1", "discussion", "check", "handout"} <= set(ids), path
        skip = re.search(r'<a href="([^"]+)" class="md-skip">', html).group(1)
        assert skip == "#contentnote", f"{path}: Skip to content goes to {skip}"
        ids_by_page.setdefault(src, []).append(ids)
    assert len(ids_by_page) >= 16
    for src, per_lang in ids_by_page.items():
        assert all(ids == per_lang[0] for ids in per_lang), src
