"""The pre/post check (teach/pre-post-check.md): eight items per course in every language that has
the page, each with one expected answer, and a tally sheet that expects the same answers."""

from __future__ import annotations

import re

import pytest

from realharm import quiz
from realharm.pages import Page
from support import ROOT

COURSES = ("11-13", "14-18")
ROW = re.compile(r"^\| (?P<n>\d+) \| (?P<expected>[^|]+?) \|", re.M)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_each_course_has_eight_items_and_a_tally_sheet_that_agrees(lang):
    page = Page.read(ROOT / "docs" / lang / "teach" / "pre-post-check.md")
    quizzes = [quiz.parse(source) for source in page.quizzes()]
    assert len(quizzes) == len(COURSES)
    for band, items in zip(COURSES, quizzes):
        assert len(items) == 8, band
        expected = []
        for item in items:
            right = [o["text"] for o in item["options"] if o.get("correct") is True]
            assert len(item["options"]) == 3 and len(right) == 1, item["question"]
            expected.append(right[0])
        section = page.body.split(f"{{ #tally-{band} }}", 1)[1].split("\n## ", 1)[0]
        rows = [(int(m["n"]), m["expected"]) for m in ROW.finditer(section)]
        assert rows == list(enumerate(expected, 1)), band


@pytest.mark.parametrize("lang", ["en", "it"])
def test_teachers_find_it_from_the_sequences_and_the_teach_index(lang):
    how = (ROOT / "docs" / lang / "teach" / "how-to-use.md").read_text(encoding="utf-8")
    sequences = how.split("{ #sequences }", 1)[1].split("\n## ", 1)[0]
    assert "(pre-post-check.md)" in sequences
    assert "(pre-post-check.md)" in (ROOT / "docs" / lang / "teach" / "index.md").read_text(encoding="utf-8")


def test_no_item_asks_about_a_students_own_experience():
    for lang, pattern in (("en", r"\bhave you ever\b|\bhas this happened to you\b"), ("it", r"\bti è mai\b|\bhai mai\b")):
        text = (ROOT / "docs" / lang / "teach" / "pre-post-check.md").read_text(encoding="utf-8")
        assert not re.search(pattern, text, re.I), lang
