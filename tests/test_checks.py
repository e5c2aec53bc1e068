"""Parity, front matter, quizzes and terminology: the real docs pass, bad fixtures fail."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from realharm import checks
from support import ROOT

SCHEMA = ROOT / "data" / "schema" / "lesson.schema.json"

PAGE_EN = """\
---
title: Page
description: A page for the tests.
---

# Page { #top }

<!-- realharm:services country=IT -->

!!! gethelp

    Text.

## Section { #section }
"""

PAGE_IT = """\
---
title: Pagina
description: Una pagina per i test.
---

# Pagina { #top }

<!-- realharm:services country=IT -->

!!! gethelp

    Testo.

## Sezione { #section }
"""

LESSON = """\
---
title: "Lesson"
description: "A lesson for the tests."
module: 1
audience: educators
age_band: "11-13"
duration_minutes: 45
objectives: ["Explain a thing", "Identify another thing"]
digcomp: ["1.2"]
content_note: true
last_reviewed: 2026-11-25
---

!!! activity "Activity 1 — Warm-up (15 min)"

    Do it.

!!! activity "Activity 2 — Main (30 min)"

    Do it.

```quiz
- question: "Q?"
  options:
    - text: "A"
      correct: true
      feedback: "Yes."
    - text: "B"
      feedback: "No."
```
"""


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


# ── the real content ──
def test_real_docs_have_parity(project):
    assert checks.parity(project.docs, project.languages()) == []


def test_real_docs_pass_lint(project):
    assert checks.lint(project.docs, project.languages(), SCHEMA) == []


def test_real_docs_use_the_guide_words(project):
    assert checks.terminology(project.docs, project.languages()) == []


# ── parity ──
def test_parity_accepts_twins(tmp_path):
    docs = tree(tmp_path, {"en/a.md": PAGE_EN, "it/a.md": PAGE_IT})
    assert checks.parity(docs, ["en", "it"]) == []


def test_parity_accepts_a_page_not_translated_yet(tmp_path):
    """The build shows the source page there, marked (tests/test_languages.py)."""
    docs = tree(tmp_path, {"en/a.md": PAGE_EN, "en/b/c.md": PAGE_EN, "it/a.md": PAGE_IT})
    assert checks.parity(docs, ["en", "it"]) == []


def test_a_link_to_a_page_not_translated_yet_is_accepted(tmp_path):
    docs = tree(tmp_path, {"en/a.md": "[x](b.md) [y](c.md)\n", "en/b.md": "# b\n", "it/a.md": "[x](b.md) [y](c.md)\n"})
    assert checks.links(docs, ["en", "it"]) == [
        "docs/en/a.md:1: the link to 'c.md' points to a page that does not exist",
        "docs/it/a.md:1: the link to 'c.md' points to a page that does not exist"]


def test_parity_names_a_drifted_id(tmp_path):
    docs = tree(tmp_path, {"en/a.md": PAGE_EN, "it/a.md": PAGE_IT.replace("{ #section }", "{ #sezione }")})
    found = checks.parity(docs, ["en", "it"])
    assert len(found) == 1 and found[0].startswith("docs/it/a.md: heading ids differ")
    assert "missing ['section']" in found[0] and "unexpected ['sezione']" in found[0]


def test_parity_names_a_changed_marker_and_admonition(tmp_path):
    bad = PAGE_IT.replace("country=IT", "country=FR").replace("!!! gethelp", "!!! note")
    docs = tree(tmp_path, {"en/a.md": PAGE_EN, "it/a.md": bad})
    found = checks.parity(docs, ["en", "it"])
    assert any(line.startswith("docs/it/a.md: data markers differ") for line in found), found
    assert any(line.startswith("docs/it/a.md: admonition types differ") for line in found), found


def test_parity_names_an_orphan_translation(tmp_path):
    docs = tree(tmp_path, {"en/a.md": PAGE_EN, "it/a.md": PAGE_IT, "it/z.md": PAGE_IT})
    assert checks.parity(docs, ["en", "it"]) == ["docs/it/z.md: has no source page docs/en/z.md"]


def test_parity_checks_shared_front_matter_and_quiz_size(tmp_path):
    it = LESSON.replace('age_band: "11-13"', 'age_band: "14-16"')
    it = it.replace('    - text: "B"\n      feedback: "No."\n```',
                    '    - text: "B"\n      feedback: "No."\n- question: "Q2?"\n  options:\n'
                    '    - {text: "A", correct: true, feedback: "Si."}\n    - {text: "B", feedback: "No."}\n```')
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON, "it/teach/lessons/l.md": it})
    found = checks.parity(docs, ["en", "it"])
    assert any("front matter 'age_band' is '14-16', source has '11-13'" in line for line in found), found
    assert any("quiz questions [2] differ from [1]" in line for line in found), found


# ── lint ──
def test_lint_accepts_a_good_lesson(tmp_path):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON})
    assert checks.lint(docs, ["en"], SCHEMA) == []


def test_lint_rejects_bad_front_matter(tmp_path):
    bad = LESSON.replace("audience: educators", "audience: parents").replace(
        'objectives: ["Explain a thing", "Identify another thing"]', 'objectives: ["Explain"]')
    docs = tree(tmp_path, {"en/teach/lessons/l.md": bad})
    found = checks.lint(docs, ["en"], SCHEMA)
    assert any(line.startswith("docs/en/teach/lessons/l.md: front matter: field audience:") for line in found), found
    assert any(line.startswith("docs/en/teach/lessons/l.md: front matter: field objectives:") for line in found), found


@pytest.mark.parametrize("codes", ['["3.5"]', '["1.4"]', '["4.2", "4.2"]', '["1.2", "6.1"]'])
def test_lint_rejects_a_digcomp_code_not_in_digcomp_2_2(tmp_path, codes):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON.replace('digcomp: ["1.2"]', f"digcomp: {codes}")})
    found = checks.lint(docs, ["en"], SCHEMA)
    assert len(found) == 1 and found[0].startswith("docs/en/teach/lessons/l.md: front matter: field digcomp"), found


def test_lint_rejects_timings_that_do_not_add_up(tmp_path):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON.replace("(30 min)", "(20 min)")})
    assert checks.lint(docs, ["en"], SCHEMA) == [
        "docs/en/teach/lessons/l.md: activity timings add up to 35 min, duration_minutes is 45"]


SHORT = """\
---
title: Short sessions
description: Short sessions for the tests.
---

# Short sessions { #short-sessions }

## Module 1 — One (25 min) { #m1-short }

### Opening (2 min) { #m1-short-opening }

### Starter (3 min) { #m1-short-starter }

### Activity: a vote (15 min) { #m1-short-activity }

### Close (2 min) { #m1-short-close }

### Where to get help (3 min) { #m1-short-help }

## Where to get help { #help }
"""


def test_lint_adds_up_the_short_sessions(tmp_path):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON, "en/teach/short-sessions.md": SHORT})
    assert checks.lint(docs, ["en"], SCHEMA) == []
    docs = tree(tmp_path, {"en/teach/short-sessions.md": SHORT.replace("a vote (15 min)", "a vote (16 min)")})
    assert checks.lint(docs, ["en"], SCHEMA) == [
        "docs/en/teach/short-sessions.md: session m1-short: the parts' timings ('### ... (N min)') add up to "
        "26 min, not 25"]


def test_lint_wants_a_short_session_for_every_module_with_plans(tmp_path):
    other = LESSON.replace("module: 1", "module: 2")
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON, "en/teach/lessons/l2.md": other,
                           "en/teach/short-sessions.md": SHORT})
    assert checks.lint(docs, ["en"], SCHEMA) == [
        "docs/en/teach/short-sessions.md: module 2 has lesson plans but no session '## ... { #m2-short }'"]


def test_lint_reads_the_real_short_sessions_page(tmp_path):
    """The check understands the page as written, in both languages: a part taken out of a real
    session is found."""
    for lang in ("en", "it"):
        text = (ROOT / "docs" / lang / "teach" / "short-sessions.md").read_text(encoding="utf-8")
        start = text.index("{ #m3-short-close }")
        bad = text[:start].rsplit("(2 min)", 1)
        docs = tree(tmp_path / lang, {f"{lang}/teach/short-sessions.md": "(0 min)".join(bad) + text[start:]})
        assert checks.lint(docs, [lang], SCHEMA) == [
            f"docs/{lang}/teach/short-sessions.md: session m3-short: the parts' timings ('### ... (N min)') "
            "add up to 23 min, not 25"]


def test_lint_rejects_a_quiz_without_feedback(tmp_path):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON.replace('      feedback: "No."\n', "")})
    found = checks.lint(docs, ["en"], SCHEMA)
    assert found == ["docs/en/teach/lessons/l.md: quiz 1: question 1, option 2: needs 'feedback'"]


def test_lint_requires_a_description(tmp_path):
    docs = tree(tmp_path, {"en/a.md": PAGE_EN.replace("description: A page for the tests.\n", "")})
    assert checks.lint(docs, ["en"], SCHEMA) == ["docs/en/a.md: front matter: field description: is missing"]


# ── terminology ──
def test_terminology_flags_avoid_words_in_both_languages(tmp_path):
    docs = tree(tmp_path, {
        "en/a.md": "Intro.\n\nThis is revenge porn and her photos were leaked.\n",
        "it/a.md": "Si parla di porno vendetta.\n",
    })
    found = checks.terminology(docs, ["en", "it"])
    assert [line.split(": avoid")[0] for line in found] == ["docs/en/a.md:3", "docs/en/a.md:3", "docs/it/a.md:1"]


def test_terminology_allows_marked_quotations_and_official_names(tmp_path):
    docs = tree(tmp_path, {
        "en/a.md": "The <cite>Revenge Porn Helpline</cite> helps adults. A student said <q>it was leaked</q>.\n",
        "it/a.md": "La stampa parla di <q>revenge porn</q>. Fonte: <https://example.org/revenge-porn-guida>.\n",
    })
    assert checks.terminology(docs, ["en", "it"]) == []


def test_parity_names_a_quiz_whose_right_answer_moved(tmp_path):
    it = LESSON.replace('      correct: true\n', '').replace('    - text: "B"\n', '    - text: "B"\n      correct: true\n')
    assert it != LESSON
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON, "it/teach/lessons/l.md": it})
    assert checks.parity(docs, ["en", "it"], front_matter=False) == [
        "docs/it/teach/lessons/l.md: quiz 1, question 1: the right answer is option(s) [2], in "
        "docs/en/teach/lessons/l.md option(s) [1]: mark the same options 'correct: true' as the English page"]


# ── applied questions ──
RECALL = ROOT / "tests" / "fixtures" / "applied" / "m9-recall-quiz.md"


def test_real_quizzes_are_at_least_half_applied(project):
    assert checks.applied(project.docs, project.languages()) == []


def test_a_quiz_of_mostly_recall_questions_is_named_in_one_line(tmp_path):
    docs = tree(tmp_path, {"en/learn/m9-recall.md": RECALL.read_text(encoding="utf-8")})
    assert checks.applied(docs, ["en"]) == [
        "docs/en/learn/m9-recall.md: quiz 1: 1 of 3 questions are applied, at least 2 must be: rewrite a recall "
        "question as a short scenario with a person and mark it 'applied: true'"]


def test_a_quiz_half_applied_passes_and_pages_other_than_lessons_are_not_asked(tmp_path):
    text = RECALL.read_text(encoding="utf-8")
    half = text.replace('- question: "What is lateral reading?"\n', '- question: "What is lateral reading?"\n'
                        '  applied: true\n')
    docs = tree(tmp_path, {"en/learn/m9-recall.md": half, "en/teach/faq.md": text})
    assert checks.applied(docs, ["en"]) == []
