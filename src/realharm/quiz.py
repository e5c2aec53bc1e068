"""Quizzes written as ```quiz fenced blocks of YAML, rendered to accessible HTML.

Written here rather than with a quiz plugin: the content guide asks for feedback on every
option, and the plugins available for MkDocs give one feedback per question. Without
JavaScript, or on paper, each question shows its options and an open list of answers with
explanations; with JavaScript (assets/js/realharm.js) the reader picks and checks an answer.
"""

from __future__ import annotations

import copy
import hashlib
import html

import yaml

from .data import yaml_error
from .ui import current_language, t


class QuizError(ValueError):
    pass


# quizzes already parsed and found right, by their source: a page not yet translated shows the
# same quiz in every language, and the checks read each quiz before the pages do
_PARSED: dict[str, list[dict]] = {}


def parse(source: str, first_line: int = 1) -> list[dict]:
    """Parse and check a quiz block; raise QuizError naming what is wrong. ``first_line`` is the
    line of the page on which the block's YAML starts, so that a syntax error names that line."""
    if source not in _PARSED:
        if len(_PARSED) > 2000:  # a long `mkdocs serve` session: forget quizzes edited since
            _PARSED.clear()
        _PARSED[source] = _parse(source, first_line)
    return copy.deepcopy(_PARSED[source])


def _parse(source: str, first_line: int) -> list[dict]:
    try:
        questions = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise QuizError(f"not valid YAML, {yaml_error(exc, source, first_line)}") from None
    if not isinstance(questions, list) or not questions:
        raise QuizError("quiz must be a list of questions")
    for n, q in enumerate(questions, 1):
        if not isinstance(q, dict) or not isinstance(q.get("question"), str):
            raise QuizError(f"question {n}: needs a 'question' text")
        options = q.get("options")
        if not isinstance(options, list) or len(options) < 2:
            raise QuizError(f"question {n}: needs at least two options")
        for m, opt in enumerate(options, 1):
            if not isinstance(opt, dict) or not isinstance(opt.get("text"), str):
                raise QuizError(f"question {n}, option {m}: needs a 'text'")
            if not isinstance(opt.get("feedback"), str) or not opt["feedback"].strip():
                raise QuizError(f"question {n}, option {m}: needs 'feedback'")
        if "applied" in q and not isinstance(q["applied"], bool):
            raise QuizError(f"question {n}: 'applied' must be true or false (true: a short scenario with a "
                            "person, asking what to do or what is true in that case)")
        if not any(opt.get("correct") is True for opt in options):
            raise QuizError(f"question {n}: no option is marked as the right answer "
                            "(add 'correct: true' to the right option)")
    return questions


def _inline(md, text: str) -> str:
    """Render inline Markdown (links, emphasis) of one short text."""
    rendered = md.convert(text) if md is not None else f"<p>{html.escape(text)}</p>"
    if md is not None:
        md.reset()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def render(source: str, md=None, lang: str | None = None) -> str:
    questions = parse(source)
    lang = lang or current_language.get()
    qid = "q" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    out = [f'<div class="rh-quiz" data-rh-quiz data-score-text="{html.escape(t("quiz", "score", lang))}">']
    for n, q in enumerate(questions, 1):
        options = q["options"]
        multi = sum(1 for o in options if o.get("correct") is True) > 1
        kind = "checkbox" if multi else "radio"
        name = f"{qid}-{n}"
        hint = t("quiz", "choose_many" if multi else "choose_one", lang)
        out.append(f'<fieldset class="rh-q" id="{name}" data-multi="{str(multi).lower()}">')
        out.append(f'<legend><span class="rh-q__n">{html.escape(t("quiz", "question", lang))} {n}.</span> '
                   f'{_inline(md, q["question"])}</legend>')
        out.append(f'<p class="rh-q__hint">{html.escape(hint)}</p>')
        out.append('<ul class="rh-q__options">')
        for m, opt in enumerate(options):
            oid = f"{name}-{m}"
            correct = "true" if opt.get("correct") is True else "false"
            out.append(
                f'<li><input type="{kind}" id="{oid}" name="{name}" value="{m}" data-correct="{correct}">'
                f' <label for="{oid}">{_inline(md, opt["text"])}</label>'
                f'<p class="rh-q__feedback" id="{oid}-fb" hidden></p></li>'
            )
        out.append("</ul>")
        out.append(f'<p class="rh-q__actions"><button type="button" class="md-button rh-q__check rh-js-only">'
                   f'{html.escape(t("quiz", "check", lang))}</button></p>')
        out.append(f'<p class="rh-q__status" role="status" aria-live="polite" '
                   f'data-pick-first="{html.escape(t("quiz", "pick_first", lang))}" '
                   f'data-correct="{html.escape(t("quiz", "correct", lang))}" '
                   f'data-incorrect="{html.escape(t("quiz", "incorrect", lang))}"></p>')
        out.append(f'<details class="rh-q__answers" open><summary>{html.escape(t("quiz", "answers", lang))}'
                   "</summary><ul>")
        for opt in options:
            right = opt.get("correct") is True
            label = t("quiz", "right_answer" if right else "wrong_answer", lang)
            cls = "is-right" if right else "is-wrong"
            out.append(f'<li class="{cls}"><strong>{html.escape(label)}:</strong> {_inline(md, opt["text"])}'
                       f' — <span class="rh-q__why">{_inline(md, opt["feedback"])}</span></li>')
        out.append("</ul></details></fieldset>")
    out.append("</div>")
    return "\n".join(out)


def count_questions(source: str) -> int:
    return len(parse(source))


def count_applied(source: str) -> int:
    """Questions marked ``applied: true``: a short scenario with a (fictional) person asking what
    to do, what is true in that case or what the best reply is, rather than a definition. The
    mark is for the checks only: it is never shown on the page nor exported."""
    return sum(1 for q in parse(source) if q.get("applied") is True)


# pymdownx.superfences hooks (named in mkdocs.yml)
def fence_validator(language, inputs, options, attrs, md) -> bool:
    return True


def fence_format(source, language, css_class, options, md, **kwargs) -> str:
    """A broken quiz stops the build: superfences would otherwise print the block as code,
    every answer included (the build checks every quiz before any page, see validate.py).
    Quiz text goes through a Markdown instance that cannot emit raw HTML (safe.inline_markdown)."""
    from pymdownx.superfences import SuperFencesException

    from .safe import inline_markdown

    try:
        return render(source, inline_markdown())
    except QuizError as exc:
        raise SuperFencesException(f"quiz: {exc}") from None
