"""The lesson audit: every plan states the limits of confidentiality, carries the "if you
already have an image" box with each country's services, and links the script for predictable
questions; a plan without them is reported part by part and fails the command."""

import json
import re
from pathlib import Path

import pytest

from realharm import audit
from realharm.__main__ import main
from realharm.pages import Page
from realharm.project import Project

from support import ROOT, copy_project

BAD = Path(__file__).parent / "fixtures" / "lesson-audit" / "m1-without-safeguarding-parts.md"


def test_every_plan_has_every_required_part():
    project = Project(ROOT)
    rows = audit.audit(project.docs, project.languages())
    assert len(rows) == 34
    assert audit.failures(rows) == []


def test_a_plan_without_the_parts_is_reported_part_by_part():
    parts = audit.audit_page(Page.read(BAD), "en")
    # an 11-13 plan has no written question (n/a); the test below takes one from a 14-16 plan
    required = [p.key for p in audit.PARTS if p.required and parts[p.key] != audit.NOT_APPLICABLE]
    assert parts["written_item"] == audit.NOT_APPLICABLE
    assert [k for k in required if not audit.has(parts, k)] == required
    lines = audit.failures([("en", "teach/lessons/m1-synthetic-media-11-13.md", parts)])
    assert len(lines) == len(required)
    assert lines[0].startswith("docs/en/teach/lessons/m1-synthetic-media-11-13.md: confidentiality is missing: ")


def test_the_confidentiality_line_needs_both_the_ground_rule_and_no_promise():
    text = Page.read(ROOT / "docs/en/teach/lessons/m1-synthetic-media-11-13.md").text
    without_promise = Page(BAD, text.replace("Never promise a student", "Do tell a student"))
    assert audit.audit_page(without_promise, "en")["confidentiality"] == audit.ABSENT


def test_an_adults_plan_needs_the_adults_box():
    text = Page.read(ROOT / "docs/en/teach/lessons/m8-case-study-adults.md").text
    assert audit.audit_page(Page(BAD, text), "en")["if_you_have_it"] == audit.PRESENT
    students_box = text.replace("handout-help audience=adults", "handout-help")
    assert audit.audit_page(Page(BAD, students_box), "en")["if_you_have_it"] == audit.ABSENT


def test_the_command_fails_on_a_plan_without_the_parts(tmp_path, capsys):
    root = copy_project(tmp_path)
    target = root / "docs/en/teach/lessons/m1-synthetic-media-11-13.md"
    target.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--root", str(root), "lesson-audit"]) == 1
    out = capsys.readouterr().out
    assert "en | m1-synthetic-media-11-13 | MISSING | MISSING | MISSING | MISSING" in out
    assert "docs/en/teach/lessons/m1-synthetic-media-11-13.md: question script is missing" in out
    assert main(["--root", str(ROOT), "lesson-audit"]) == 0


def test_differentiation_country_boxes_and_starter_revisited_are_found_by_their_box_types():
    text = Page.read(ROOT / "docs/en/teach/lessons/m4-threats-and-scams-14-16.md").text
    parts = audit.audit_page(Page(BAD, text), "en")
    assert [parts[k] for k in ("differentiation", "country_boxes", "starter_revisited")] == [audit.PRESENT] * 3
    # a box that only says it in its title does not count; each country needs its box
    plain = text.replace("!!! differentiation", '!!! note "Differentiation"').replace("!!! revisit", "!!! note")
    no_elsewhere = plain.replace("!!! elsewhere", "!!! note")
    parts = audit.audit_page(Page(BAD, no_elsewhere), "en")
    assert [parts[k] for k in ("differentiation", "country_boxes", "starter_revisited")] == [audit.ABSENT] * 3
    lines = audit.failures([("en", "x.md", parts)], {"differentiation", "country-boxes", "revisit"})
    assert [line.split(": ")[1] for line in lines] == [
        "differentiation is missing", "country boxes is missing", "starter revisited is missing"]


def test_country_boxes_side_by_side_may_come_in_any_order_in_a_translation():
    from realharm.checks import country_runs_sorted

    english = ["activity", "uk", "italy", "elsewhere", "note", "uk", "italy"]
    italian = ["activity", "italy", "uk", "elsewhere", "note", "italy", "uk"]
    assert country_runs_sorted(english) == country_runs_sorted(italian)
    # but not across other boxes, and not a box more or less
    assert country_runs_sorted(english) != country_runs_sorted(["activity", "italy", "uk", "note", "elsewhere", "uk", "italy"])
    assert country_runs_sorted(english) != country_runs_sorted(["activity", "uk", "italy", "note", "uk", "italy"])


def test_no_card_repeats_within_a_course():
    project = Project(ROOT)
    assert audit.repeated_cards(project.docs, project.languages()) == []


def test_a_card_repeated_in_another_plan_of_the_course_fails_the_audit(tmp_path):
    from realharm import cards

    root = copy_project(tmp_path)
    lessons = root / "docs/en/teach/lessons"
    sets, _t, _p = cards.page_blocks(Page.read(lessons / "m7-getting-help-11-13.md"), "m7")
    copied = next(c["text"] for b in sets for c in b["cards"] if len(c["text"]) >= audit.REPEAT_MIN_CHARS)

    def put_in(plan: str) -> None:
        # the copied text in place of the plan's first long card
        target = lessons / plan
        text = target.read_text(encoding="utf-8")
        card = re.search(r'(\n *(?:- )?text: )"(?:[^"\\\n]|\\.){40,}"', text[text.index("```cards"):])
        start = text.index("```cards") + card.start()
        target.write_text(text[:start] + card.group(1) + json.dumps(copied) + text[start + len(card.group(0)):],
                          encoding="utf-8")

    put_in("m2-real-harm-14-16.md")  # another course: not a repeat
    assert audit.repeated_cards(root / "docs", ["en"]) == []
    put_in("m2-real-harm-11-13.md")  # the same course
    problems = audit.repeated_cards(root / "docs", ["en"])
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/en/teach/lessons/m7-getting-help-11-13.md: card "), problems
    assert "repeats a card of docs/en/teach/lessons/m2-real-harm-11-13.md (ages 11-13" in problems[0]
    assert main(["--root", str(root), "lesson-audit"]) == 1


def test_a_14_16_plan_needs_its_written_question_and_what_a_good_answer_contains():
    text = Page.read(ROOT / "docs/en/teach/lessons/m6-law-14-16.md").text
    assert audit.audit_page(Page(BAD, text), "en")["written_item"] == audit.PRESENT
    no_question = Page(BAD, text.replace("{ .rh-written }", ""))
    no_answer = Page(BAD, text.replace("{ .rh-written-answer }", ""))
    for page in (no_question, no_answer):
        parts = audit.audit_page(page, "en")
        assert parts["written_item"] == audit.ABSENT
        assert [line.split(": ", 1)[1] for line in audit.failures([("en", "teach/lessons/m6-law-14-16.md", parts)])] \
            == [f"written item is missing: {line}" for line in ["give the check box a written question: its label "
                "and question paragraphs end with a line `{ .rh-written }`, what a good answer contains with "
                "`{ .rh-written-answer }` (CONTRIBUTING.md, \"Written question\")"]]
