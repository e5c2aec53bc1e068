"""Quizzes: rendered as accessible form controls with feedback for every option."""

import re

import pytest

from realharm import quiz

SOURCE = """\
- question: "Is it OK to forward it?"
  options:
    - text: "Yes"
      feedback: "No: forwarding spreads it."
    - text: "No"
      correct: true
      feedback: "Right: don't forward, tell someone."
"""


def test_render_has_labelled_options_and_every_feedback():
    html = quiz.render(SOURCE, lang="en")
    assert html.count('type="radio"') == 2
    assert html.count("<label for=") == 2
    assert "<legend>" in html and "Question 1." in html
    assert "forwarding spreads it." in html and "tell someone." in html
    assert 'data-correct="true"' in html and 'data-correct="false"' in html
    assert "<details class=\"rh-q__answers\" open>" in html  # shown without JavaScript


def test_render_speaks_the_page_language():
    html = quiz.render(SOURCE, lang="it")
    assert "Domanda 1." in html and "Verifica la risposta" in html and "Risposte e spiegazioni" in html


def test_several_correct_options_use_checkboxes():
    source = SOURCE.replace('    - text: "Yes"\n', '    - text: "Yes"\n      correct: true\n')
    assert quiz.render(source, lang="en").count('type="checkbox"') == 2


@pytest.mark.parametrize("bad, message", [
    ("- question: Q\n  options: []\n", "question 1: needs at least two options"),
    ('- question: Q\n  options:\n    - {text: A, feedback: x}\n    - {text: B, feedback: y}\n',
     "question 1: no option is marked as the right answer (add 'correct: true' to the right option)"),
    ('- question: Q\n  options:\n    - {text: A, correct: true}\n    - {text: B, feedback: y}\n',
     "question 1, option 1: needs 'feedback'"),
    ("just text", "quiz must be a list of questions"),
    ('- question: Q\n  applied: "yes"\n  options:\n    - {text: A, correct: true, feedback: x}\n'
     '    - {text: B, feedback: y}\n', "question 1: 'applied' must be true or false"),
])
def test_bad_quizzes_are_rejected(bad, message):
    with pytest.raises(quiz.QuizError, match=message.replace("(", r"\(").replace(")", r"\)")):
        quiz.parse(bad)


def test_a_quiz_parsed_once_is_kept_but_each_caller_gets_its_own_copy():
    first = quiz.parse(SOURCE)
    first[0]["options"][1]["correct"] = False  # a caller changing what it got
    assert quiz.parse(SOURCE)[0]["options"][1]["correct"] is True
    changed = SOURCE.replace("Is it OK to forward it?", "Should you share it?")
    assert quiz.parse(changed)[0]["question"] == "Should you share it?"


def test_a_bad_quiz_is_rejected_every_time_it_is_read():
    bad = SOURCE.replace("      correct: true\n", "")
    for _ in range(2):
        with pytest.raises(quiz.QuizError, match="no option is marked"):
            quiz.parse(bad)


def test_the_applied_mark_is_counted_but_never_shown_or_exported():
    from realharm import quizexport

    source = SOURCE.replace('- question: "Is it OK to forward it?"\n',
                            '- question: "Is it OK to forward it?"\n  applied: true\n')
    assert quiz.count_applied(source) == 1 and quiz.count_applied(SOURCE) == 0
    # the same page, once the quiz's id (a hash of its source) is set aside
    same_ids = lambda html: re.sub(r"\bq[0-9a-f]{8}", "q-id", html)  # noqa: E731
    assert same_ids(quiz.render(source, lang="en")) == same_ids(quiz.render(SOURCE, lang="en"))
    meta = quizexport.Meta("T", "en", "https://example.org/t/", "2026-12-06")
    for exported in (quizexport.moodle_xml(quiz.parse(source), meta),
                     quizexport.qti_item(quiz.parse(source)[0], 1, meta, quizexport._md())):
        assert b"applied" not in exported.lower()
