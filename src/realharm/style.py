"""Each language's style rules, and the checks and the rewrite they drive.

A language's style guide has two halves: `style/<code>.md`, which a translator reads first
(register, terms table, typography, dates and numbers, false friends), and the `style:` block of
data/ui/<code>.yaml, which the checks read:

    style:
      guide: style/it.md           # the human half
      enforce: true                # false: hits are reported, `make check` does not fail on them
      locale: it                   # Babel's locale for dates (optional; en_GB: 25 November 2026)
      quotes: "«»“”"               # outer open and close, nested open and close; null: no rule
      no_date: {use: "s.d.", avoid: ["n.d."]}
      dates: {first_day: "1°", elide: {il: "l'", dal: "dall'"}, elide_days: [8, 11]}
      terms:                       # one rendering per key term, and the variants to avoid
        - use: "deepfake sessuale"
          avoid: ['deepfake di nudo', 'finto nudo']     # regular expressions, case ignored
      stop_words: [il, la, ...]    # the language's own short words (the default language's ones
                                   # find its words left in a page of another language)
      untranslated: {stop_words: 3, share: 0.3}   # null: no check (the default language)

The rules, each on the page's visible text (not code, HTML tags and attributes, front matter,
link targets, addresses, data markers or box-title syntax):
- terms: no avoided variant (as `avoid:`; quotations in <q>, official names in <cite> are exempt);
- quotes: no straight double quotes in the prose of a language that sets `quotes`;
- iso_date: no ISO date (2026-11-25) in visible text: data keeps ISO, pages show dates in words;
- no_date: the language's abbreviation for "no date", not another one's;
- untranslated: no sentence of the default language left in another language's page (a
  stop-word count; names, quotations, marked terms and the Sources box's titles are exempt).

`rewrite` fixes the mechanical ones (dates, quotes, "no date") in place, idempotently.
Dates in words come from Babel (CLDR), the library Material for MkDocs already installs.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

import yaml
from jsonschema import Draft202012Validator

from .pages import markdown_files

RULES = ("terms", "quotes", "iso_date", "no_date", "untranslated")

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["guide", "enforce", "quotes", "no_date", "dates", "terms", "stop_words", "untranslated"],
    "properties": {
        "guide": {"type": "string", "pattern": r"^style/[A-Za-z-]+\.md$"},
        "enforce": {"type": "boolean"},
        "locale": {"type": "string", "pattern": r"^[a-z]{2,3}(?:_[A-Za-z0-9]+)*$"},
        "quotes": {"type": ["string", "null"], "minLength": 4, "maxLength": 4},
        "no_date": {"oneOf": [{"type": "null"}, {
            "type": "object", "additionalProperties": False, "required": ["use", "avoid"],
            "properties": {"use": {"type": "string", "minLength": 1}, "avoid": _WORDS}}]},
        "dates": {"type": "object", "additionalProperties": False, "properties": {
            "first_day": {"type": "string"},
            "elide": {"type": "object", "additionalProperties": {"type": "string"}},
            "elide_days": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 31}}}},
        "terms": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["use", "avoid"],
            "properties": {"use": {"type": "string", "minLength": 1}, "avoid": _WORDS,
                           "note": {"type": "string"}}}},
        "stop_words": _WORDS,
        "colon": {"type": "string", "pattern": "^[\u00a0\u202f ]?[:：]$"},
        "full_stop": {"type": "string", "pattern": "^[.。۔]$"},
        "brackets": {"type": "string", "pattern": "^(?:\\(\\)|（）)$"},
        "untranslated": {"oneOf": [{"type": "null"}, {
            "type": "object", "additionalProperties": False, "required": ["stop_words", "share"],
            "properties": {"stop_words": {"type": "integer", "minimum": 1},
                           "share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}]},
    },
}
WHAT = {
    "guide": "the path of the language's style guide, style/<code>.md",
    "enforce": "true or false",
    "locale": "the locale whose date format pages use, e.g. en_GB (optional; default: the language's code)",
    "quotes": "four characters (outer open and close, nested open and close, e.g. «»“”) or null",
    "no_date": "{use: ..., avoid: [...]} or null",
    "dates": "{} or first_day / elide / elide_days",
    "terms": "a list of {use: ..., avoid: [...]}",
    "stop_words": "a list of short words of the language",
    "untranslated": "{stop_words: 3, share: 0.3} or null",
    "full_stop": "the full stop that ends a generated sentence (\"。\" in Chinese; optional)",
    "brackets": "the brackets of a generated remark (\"（）\" in Chinese; optional)",
    "colon": "the colon after a label, with the space your language puts before it (\"\\u00a0:\" in French; optional)",
}


def settings_problems(label: str, style) -> list[str]:
    """One line per mistake in a language's `style:` block (schema above, and the regular
    expressions of its terms)."""
    if style is None:
        return [f"{label}: field style: is missing; copy it from data/ui/en.yaml and set it (see style/en.md)"]
    problems = []
    for error in sorted(Draft202012Validator(SCHEMA).iter_errors(style), key=lambda e: list(map(str, e.path))):
        path = [str(p) for p in error.absolute_path]
        where = ".".join(["style"] + path)
        top = path[0] if path else None
        if error.validator == "required":
            missing = re.search(r"'([^']+)'", error.message)
            name = missing.group(1) if missing else "?"
            key = name if top is None else top
            problems.append(f"{label}: field {where}.{name}: is missing; write {WHAT.get(key, 'it')}")
        elif error.validator == "additionalProperties":
            problems.append(f"{label}: field {where}: unknown key(s) {error.message.split('(')[-1].rstrip(')')}")
        else:
            problems.append(f"{label}: field {where}: {error.instance!r} is not right; write {WHAT.get(top, 'it')}")
    if not problems and style.get("locale"):
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(style["locale"])
        except (ValueError, UnknownLocaleError):
            problems.append(f"{label}: field style.locale: {style['locale']!r} is not a locale Babel knows; "
                            "write one such as en_GB or it")
    if not problems:
        for n, term in enumerate(style.get("terms") or []):
            for pattern in term["avoid"]:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    problems.append(f"{label}: field style.terms.{n}.avoid: {pattern!r} is not a valid pattern ({exc})")
    return problems


def guide_problems(root: Path, settings: dict[str, dict]) -> list[str]:
    """Each language's style guide (style.guide) exists."""
    return [f"data/ui/{code}.yaml: field style.guide: {s['style']['guide']} does not exist; write the language's "
            "style guide there (`python -m realharm new-language` starts one)"
            for code, s in settings.items() if not (root / s["style"]["guide"]).is_file()]


def settings(lang: str) -> dict:
    from .ui import strings

    return strings(lang).get("style") or {}


# ── dates ───────────────────────────────────────────────────────────────────
ISO_DATE = re.compile(r"(?<![\w/-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")


def format_date(value, lang: str) -> str:
    """A date from the data as people of ``lang`` write it (Babel's long format, CLDR): a full
    ISO date (2026-11-25), a month (2024-05) or a year (2024); anything else unchanged."""
    from babel.dates import format_date as babel_date, format_skeleton

    text = value.isoformat() if isinstance(value, date) else str(value)
    locale = settings(lang).get("locale") or lang
    try:
        if re.fullmatch(r"\d{4}", text):
            return text
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return format_skeleton("yMMMM", date.fromisoformat(text + "-01"), locale=locale)
        day = date.fromisoformat(text)
    except ValueError:
        return text
    words = babel_date(day, format="long", locale=locale)
    first = (settings(lang).get("dates") or {}).get("first_day")
    if first and day.day == 1:
        words = re.sub(r"(?<!\d)1(?!\d)", first, words, count=1)
    return words


def date_phrases(text: str, lang: str) -> str:
    """Elisions before a day (Italian «dal 8» → «dall'8», «il 11» → «l'11»), as the language's
    `style.dates.elide` says."""
    dates = settings(lang).get("dates") or {}
    elide, days = dates.get("elide") or {}, dates.get("elide_days") or []
    if not elide or not days:
        return text
    words = "|".join(re.escape(w) for w in sorted(elide, key=len, reverse=True))
    numbers = "|".join(str(d) for d in sorted(days, reverse=True))
    return re.sub(rf"(?<!\w)({words}) ({numbers})(?!\d)", lambda m: elide[m.group(1)] + m.group(2), text)


# ── the visible text of a page ──────────────────────────────────────────────
FRONT = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
FENCE = re.compile(r"^(?P<i>[ \t]*)(?P<f>`{3,}|~{3,})(?P<info>[^\n]*)\n.*?^(?P=i)(?P=f)[ \t]*$", re.S | re.M)
HIDDEN = [
    re.compile(r"<!--.*?-->", re.S),                                   # comments and data markers
    re.compile(r"``.+?``|`[^`\n]+`"),                                   # inline code
    re.compile(r"</?[A-Za-z][^<>]*>"),                                  # HTML tags, autolinks
    re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"),  # link targets and titles
    re.compile(r"\]\[[^\]\n]*\]"),                                      # reference links' labels
    re.compile(r"^[ \t]*\*?\[[^\]\n]+\]:[ \t]*\S.*$", re.M),            # reference definitions
    re.compile(r"\{[ \t]*[:#.][^{}\n]*\}"),                             # attribute lists, { #id }
    re.compile(r"\b(?:https?|ftp|mailto|tel):[^\s<>()\]]+"),            # bare addresses
    re.compile(r"\bwww\.[^\s<>()\]]+"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),                        # e-mail addresses
    re.compile(r"&#?\w+;"),                                             # entities
    re.compile(r"\[\^[^\]\n]+\]"),                                      # footnote references
]
BOX_HEAD = re.compile(r'^(?P<head>[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*)'
                      r'(?:[ \t]+(?P<q1>")(?P<title>[^"\n]*)(?P<q2>"))?', re.M)
QUIZ_KEY = re.compile(r'^(?P<key>[ \t]*(?:-[ \t]+)?[A-Za-z_]+:[ \t]*)(?P<q1>["\']?)(?P<value>.*?)(?P<q2>(?P=q1))[ \t]*$',
                      re.M)


@dataclass
class Visible:
    """A page's text with everything a reader does not see as words blanked out (same length,
    newlines kept): ``text`` for dates and words; ``prose`` also without quizzes (their YAML
    quotes are syntax), for quotation marks."""

    source: str
    text: str
    prose: str


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def visible(text: str) -> Visible:
    chars = list(text)
    quiz_spans = []
    front = FRONT.match(text)
    if front:
        _blank(chars, 0, front.end())
    for match in FENCE.finditer(text):
        if match.group("info").strip().startswith("quiz"):
            quiz_spans.append((match.start(), match.end()))
            lines = match.group(0).split("\n")
            _blank(chars, match.start(), match.start() + len(lines[0]))            # ```quiz
            _blank(chars, match.end() - len(lines[-1]), match.end())               # ```
            for key in QUIZ_KEY.finditer(text, match.start() + len(lines[0]) + 1, match.end() - len(lines[-1])):
                _blank(chars, key.start("key"), key.end("q1"))
                _blank(chars, key.start("q2"), key.end("q2"))
                if key.group("value").strip() in ("true", "false"):
                    _blank(chars, key.start("value"), key.end("value"))
        else:
            _blank(chars, match.start(), match.end())
    for match in BOX_HEAD.finditer(text):
        _blank(chars, match.start("head"), match.end("head"))
        if match.group("q1"):
            _blank(chars, match.start("q1"), match.end("q1"))
            _blank(chars, match.start("q2"), match.end("q2"))
    masked = "".join(chars)
    for pattern in HIDDEN:
        for match in pattern.finditer(masked):
            _blank(chars, match.start(), match.end())
    shown = "".join(chars)
    prose = list(shown)
    for start, end in quiz_spans:
        _blank(prose, start, end)
    return Visible(text, shown, "".join(prose))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# ── hits ────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Hit:
    label: str   # docs/it/x.md:12, or data/i18n/it/services.yaml: entry it-x: field does
    rule: str
    found: str
    advice: str

    def line(self) -> str:
        return f"{self.label}: {self.rule}: {self.found}: {self.advice}"


def word_start(pattern: str) -> str:
    """Where a term to avoid may start: after a non-letter in a language that spaces its words;
    anywhere for a term in Chinese or Japanese characters (every character there is a letter)."""
    from .checks import UNSPACED

    return "" if UNSPACED.search(pattern) else r"(?<!\w)"


def term_rules(lang: str) -> list[tuple[str, str]]:
    """(pattern, what to use) of the language's terms table."""
    return [(pattern, term["use"]) for term in settings(lang).get("terms") or [] for pattern in term["avoid"]]


def term_hits_in(text: str, lang: str) -> Iterator[tuple[int, str, str]]:
    """(offset, word found, what to use): the terms table's avoided variants outside quotations
    (<q>), official names (<cite>), comments and addresses (as `avoid:`, checks.EXEMPT)."""
    from .checks import EXEMPT

    cleaned = EXEMPT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for pattern, use in term_rules(lang):
        for match in re.finditer(rf"{word_start(pattern)}{pattern}", cleaned, re.IGNORECASE):
            yield match.start(), match.group(0), use


def quote_positions(view: Visible) -> list[int]:
    return [m.start() for m in re.finditer('"', view.prose)]


def no_date_pattern(lang: str) -> re.Pattern | None:
    rule = settings(lang).get("no_date")
    if not rule or not rule.get("avoid"):
        return None
    words = "|".join(re.escape(w) for w in rule["avoid"])
    return re.compile(rf"(?<![\w.])(?:{words})(?![\w.])(?!\s?[a-z]\.)")


def page_hits(text: str, lang: str, label: str, default: str = "en") -> list[Hit]:
    """Every hit of every rule on one page of language ``lang``."""
    style = settings(lang)
    view = visible(text)
    hits = []
    for offset, word, use in term_hits_in(text, lang):
        hits.append(Hit(f"{label}:{_line(text, offset)}", "terms", repr(word),
                        f"use {use} (or mark a quotation/official name with <q>/<cite>)"))
    if style.get("quotes"):
        quotes = style["quotes"]
        for offset in quote_positions(view):
            hits.append(Hit(f"{label}:{_line(text, offset)}", "quotes", "straight double quote",
                            f"write {quotes[0]}…{quotes[1]} ({quotes[2]}…{quotes[3]} inside them)"))
    for match in ISO_DATE.finditer(view.text):
        hits.append(Hit(f"{label}:{_line(text, match.start())}", "iso_date", match.group(0),
                        f"write the date in words ({format_date(match.group(0), lang)})"))
    pattern = no_date_pattern(lang)
    if pattern:
        for match in pattern.finditer(view.text):
            hits.append(Hit(f"{label}:{_line(text, match.start())}", "no_date", repr(match.group(0)),
                            f"write {style['no_date']['use']}"))
    if lang != default and style.get("untranslated"):
        for offset, sentence in untranslated_sentences(view, lang, default):
            hits.append(Hit(f"{label}:{_line(text, offset)}", "untranslated", repr(_short(sentence)),
                            "translate it, or mark a name or quotation with <q>, <cite> or lang=\"" + default + "\""))
    return hits


def _short(text: str, size: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"


# ── words of the default language left in a page ────────────────────────────
QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"\n]*\"")
SOURCES_BOX = re.compile(r"^(?P<i>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+sources\b[^\n]*\n(?P<body>(?:(?P=i)[ \t]+[^\n]*\n|[ \t]*\n)*)",
                         re.M)
TOKEN = re.compile(r"[^\W\d_]+")
SENTENCE = re.compile(r"[^.!?;:|\n]+(?:\n(?![ \t]*(?:[-*+]|\d+\.|>|\||#)[ \t])[^.!?;:|\n]+)*")


def _marked(default: str) -> re.Pattern:
    return re.compile(rf'<(?P<tag>q|cite|[a-z]+(?=[^>]*\blang="{re.escape(default)}"))\b[^>]*>.*?</(?P=tag)>',
                      re.S | re.I)


def untranslated_sentences(view: Visible, lang: str, default: str = "en") -> Iterator[tuple[int, str]]:
    """(offset, sentence) of every sentence that reads as the default language: at least
    `untranslated.stop_words` of its short words (`stop_words` of the default language that are
    not words of ``lang`` too), and that share of its words. Names (capitalised words after the
    first), quotations, <q>, <cite>, lang="<default>" spans and the Sources box (its authors and
    titles are written as published) are not counted."""
    rule = settings(lang).get("untranslated") or {}
    theirs = {w.lower() for w in settings(default).get("stop_words") or []}
    ours = {w.lower() for w in settings(lang).get("stop_words") or []}
    words = theirs - ours
    if not rule or not words:
        return
    chars = list(view.text)
    for match in _marked(default).finditer(view.source):
        _blank(chars, match.start(), match.end())
    for match in QUOTED.finditer(view.text):
        _blank(chars, match.start(), match.end())
    for box in SOURCES_BOX.finditer(view.source):
        _blank(chars, box.start("body"), box.end("body"))  # authors and titles of sources, as published
    text = "".join(chars)
    for match in SENTENCE.finditer(text):
        tokens = [(m.group(0), m.start()) for m in TOKEN.finditer(match.group(0))]
        if not tokens:
            continue
        counted = [w for n, (w, _at) in enumerate(tokens) if (n == 0 or not w[:1].isupper()) and w.lower() in words]
        if len(counted) >= rule["stop_words"] and len(counted) / len(tokens) >= rule["share"]:
            yield match.start() + tokens[0][1], view.source[match.start() + tokens[0][1]:match.end()]


# ── data texts ──────────────────────────────────────────────────────────────
def data_texts(data_dir: Path, lang: str, default: str = "en") -> Iterator[tuple[str, str]]:
    """(label, text) of every data text of a language: the default language's inline ones in
    data/, the others' in data/i18n/<code>/."""
    from . import datatexts

    if lang == default:
        for kind in datatexts.KINDS:
            for path in datatexts.english_files(data_dir, kind):
                doc = yaml.safe_load(path.read_text(encoding="utf-8"))
                rel = f"data/{path.relative_to(data_dir).as_posix()}"
                for entry, field, text in datatexts.slots(kind, doc):
                    if isinstance(text.get(default), str):
                        yield f"{rel}: entry {entry}: field {'.'.join(field) or '-'}", text[default]
        return
    folder = data_dir / datatexts.FOLDER / lang
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        rel = f"data/{path.relative_to(data_dir).as_posix()}"
        for entry, value in (doc or {}).items() if isinstance(doc, dict) else []:
            for field, text in _strings(value, ()):
                yield f"{rel}: entry {entry}: field {'.'.join(field) or '-'}", text


def _strings(node, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (str(key),))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _strings(value, path + (str(n),))


def data_hits(data_dir: Path, lang: str, default: str = "en") -> list[Hit]:
    """The terms table's avoided variants in a language's data texts."""
    hits = []
    for label, text in data_texts(data_dir, lang, default):
        for _offset, word, use in term_hits_in(text, lang):
            hits.append(Hit(label, "terms", repr(word), f"use {use} (or mark a quotation/official name with <q>/<cite>)"))
    return hits


# ── every page and data text ────────────────────────────────────────────────
def hits(docs: Path, data_dir: Path, languages: list[str], only: str | None = None) -> list[Hit]:
    default = languages[0]
    found = []
    for lang in languages:
        if only and lang != only:
            continue
        root = docs / lang
        for path in markdown_files(root):
            label = f"docs/{lang}/{path.relative_to(root).as_posix()}"
            found += page_hits(path.read_text(encoding="utf-8"), lang, label, default)
        found += data_hits(data_dir, lang, default)
    return found


def language_of(label: str, default: str) -> str:
    """The language of a hit's page or data text."""
    parts = label.split("/")
    if parts[0] == "docs":
        return parts[1]
    if parts[:2] == ["data", "i18n"]:
        return parts[2]
    return default


def split(found: list[Hit], languages: list[str]) -> tuple[list[Hit], list[Hit]]:
    """(hits that fail the check, hits only reported): a language's hits count once its
    `style.enforce` is true."""
    on = {lang for lang in languages if settings(lang).get("enforce")}
    fail = [h for h in found if language_of(h.label, languages[0]) in on]
    return fail, [h for h in found if h not in fail]


def counts(found: list[Hit]) -> dict[str, int]:
    return {rule: sum(1 for h in found if h.rule == rule) for rule in RULES}


# ── admonition titles ───────────────────────────────────────────────────────
def admonition_problems(docs: Path, languages: list[str], titles: dict[str, dict]) -> list[str]:
    """Every box type used in a page of any language has a title in every language's settings
    (`admonitions:` of data/ui/<code>.yaml): otherwise the box shows the theme's English title."""
    from .pages import Page

    used: dict[str, str] = {}
    for lang in languages:
        root = docs / lang
        if not root.is_dir():
            continue
        for path in markdown_files(root):
            for kind in Page.read(path).admonitions():
                used.setdefault(kind, f"docs/{lang}/{path.relative_to(root).as_posix()}")
    problems = []
    for lang in languages:
        mine = {str(k).lower() for k in (titles.get(lang) or {})}
        for kind, where in sorted(used.items()):
            if kind not in mine:
                problems.append(f"data/ui/{lang}.yaml: field admonitions.{kind}: is missing; the box type {kind!r} "
                                f"is used in {where}: add its title in this language")
    return problems


# ── the rewrite ─────────────────────────────────────────────────────────────
def _opening(text: str, at: int) -> bool:
    """A straight quote opens when it follows a space, an opening bracket or dash, or the
    start of emphasis (*"…"*)."""
    n = at
    while n and text[n - 1] in "*_" and at + 1 < len(text) and not text[at + 1].isspace():
        n -= 1
    before = text[n - 1] if n else "\n"
    return before.isspace() or before in "([{—–-/«“"


def _pairs(text: str, prose: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """(opening, closing) offsets of the straight double quotes of prose[start:end], or None when
    they do not clearly pair up (an odd number, or one that opens where one should close)."""
    marks = [start + m.start() for m in re.finditer('"', prose[start:end])]
    if len(marks) % 2 or [_opening(text, at) for at in marks] != [n % 2 == 0 for n in range(len(marks))]:
        return None
    return list(zip(marks[::2], marks[1::2]))


def rewrite(text: str, lang: str) -> tuple[str, dict[str, int]]:
    """The page with its mechanical typography fixed: ISO dates in visible text in words, straight
    double quotes in prose as the language's quotation marks (nested ones inside), the
    abbreviation for "no date" of the language. Code, attributes, addresses, front matter, markers
    and box-title syntax stay as they are. Returns (text, changes per rule)."""
    style = settings(lang)
    changes = {"iso_date": 0, "quotes": 0, "no_date": 0}
    view = visible(text)
    edits: list[tuple[int, int, str]] = []
    dates = style.get("dates") or {}
    elide, days = dates.get("elide") or {}, set(dates.get("elide_days") or [])
    for match in ISO_DATE.finditer(view.text):
        start, words = match.start(), format_date(match.group(0), lang)
        word = re.search(r"(?<!\w)(\w+) $", text[max(0, start - 12):start])
        if word and int(match.group(3)) in days and word.group(1).lower() in elide:
            elided = elide[word.group(1).lower()]
            start -= len(word.group(0))
            words = (elided[:1].upper() + elided[1:] if word.group(1)[:1].isupper() else elided) + words
        edits.append((start, match.end(), words))
        changes["iso_date"] += 1
    pattern = no_date_pattern(lang)
    if pattern:
        for match in pattern.finditer(view.text):
            edits.append((match.start(), match.end(), style["no_date"]["use"]))
            changes["no_date"] += 1
    quotes = style.get("quotes")
    if quotes:
        for block in re.finditer(r"(?:[^\n]*\S[^\n]*\n?)+", view.prose):
            # the paragraph as a whole when its quotes pair up (a quotation may run over lines),
            # else each line whose quotes pair up there
            pieces = [(block.start(), block.end())]
            if _pairs(text, view.prose, *pieces[0]) is None:
                pieces = [(block.start() + m.start(), block.start() + m.end())
                          for m in re.finditer(r"[^\n]+", block.group(0))]
            for a, b in pieces:
                for start, end in _pairs(text, view.prose, a, b) or []:
                    before = text[block.start():start]
                    nested = before.count(quotes[0]) > before.count(quotes[1])
                    open_, close = (quotes[2], quotes[3]) if nested else (quotes[0], quotes[1])
                    edits += [(start, start + 1, open_), (end, end + 1, close)]
                    changes["quotes"] += 2
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text, changes


def rewrite_files(docs: Path, languages: list[str], only: str | None = None, *,
                  write: bool) -> dict[str, dict[str, int]]:
    """Changes per page (rule counts); with ``write`` the pages are rewritten."""
    out = {}
    for lang in languages:
        if only and lang != only:
            continue
        root = docs / lang
        for path in markdown_files(root):
            text = path.read_text(encoding="utf-8")
            new, changes = rewrite(text, lang)
            if new != text:
                out[f"docs/{lang}/{path.relative_to(root).as_posix()}"] = changes
                if write:
                    path.write_text(new, encoding="utf-8")
    return out


# ── a new language ──────────────────────────────────────────────────────────
GUIDE_STUB = """# Style guide: {name} ({code})

Read this before you translate a page, and keep it up to date: every translator of {name} follows
it. The rules a machine can check are in the `style:` block of `data/ui/{code}.yaml`;
`make check` reads them there (see TRANSLATING.md, section 8). `style/{default}.md` and
`style/it.md` are complete examples.

## Register by audience

- Students (learner modules, handouts): …
- Parents and carers: …
- Teachers: …

## Terms table

One rendering per key term, everywhere. Put the variants to avoid under `style.terms` too.

| English | Use | Never |
|---|---|---|
| sexual deepfake | … | … |
| nudify app | … | … |
| sextortion | … | … |
| image-based sexual abuse | … | … |
| child sexual abuse material (CSAM) | … | … |
| safeguarding lead | … | … |

## Typography

- Quotation marks: … (write them in `style.quotes`).
- Dates in running text: in words, as your language writes them (data files keep ISO dates).
- "No date" in a source list: … (`style.no_date`).
- Numbers: thousands separator …, decimal separator ….

## Dates and numbers

…

## False friends

Words that look like the English one and mean something else: …
"""


def scaffold_guide(root: Path, code: str, name: str, default: str = "en") -> Path | None:
    """style/<code>.md for a new language: the headings a style guide needs, to fill in."""
    path = root / "style" / f"{code}.md"
    if path.exists():
        return None
    path.parent.mkdir(exist_ok=True)
    path.write_text(GUIDE_STUB.format(name=name, code=code, default=default), encoding="utf-8")
    return path


# ── the commands ────────────────────────────────────────────────────────────
def summary(found: list[Hit], what: str) -> str:
    by_lang: dict[str, dict[str, int]] = {}
    for hit in found:
        lang = hit.label.split("/")[1] if hit.label.startswith("docs/") else language_of(hit.label, "en")
        by_lang.setdefault(lang, {rule: 0 for rule in RULES})[hit.rule] += 1
    parts = [f"{lang}: " + ", ".join(f"{rule} {n}" for rule, n in rules.items() if n) for lang, rules in by_lang.items()]
    return f"style: {len(found)} hit(s) {what} ({'; '.join(parts)}); `python -m realharm style` lists them"


def style_main(docs: Path, data_dir: Path, languages: list[str], only: str | None) -> int:
    found = hits(docs, data_dir, languages, only)
    enforced_hits, _reported = split(found, languages)
    for hit in found:
        print(hit.line())
    for lang in languages:
        if only and lang != only:
            continue
        mine = [h for h in found if language_of(h.label, languages[0]) == lang]
        state = "enforced" if settings(lang).get("enforce") else "not enforced yet"
        print(f"{lang} ({state}): " + ", ".join(f"{rule} {n}" for rule, n in counts(mine).items()), file=sys.stderr)
    return 1 if enforced_hits else 0


def typography_main(docs: Path, languages: list[str], only: str | None, *, fix: bool) -> int:
    changed = rewrite_files(docs, languages, only, write=fix)
    total = {"iso_date": 0, "quotes": 0, "no_date": 0}
    for label, changes in changed.items():
        print(f"{label}: " + ", ".join(f"{rule} {n}" for rule, n in changes.items() if n))
        for rule, n in changes.items():
            total[rule] += n
    verb = "rewritten" if fix else "to rewrite (run again with --fix)"
    print(f"typography: {len(changed)} page(s) {verb}: " + ", ".join(f"{rule} {n}" for rule, n in total.items()),
          file=sys.stderr)
    return 0
