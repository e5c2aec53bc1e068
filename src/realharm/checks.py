"""Content checks run by the tests and by ``python -m realharm check``.

Each returns a list of problems, one line each, naming the file; an empty list means clean.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from . import cards, quiz, worksheets
from .data import future_date, yaml_error
from .pages import FRONT_MATTER, Page, markdown_files

# Front-matter values that are facts about the lesson, not words for people: equal in every language.
SHARED_FRONT_MATTER = ("module", "audience", "age_band", "duration_minutes", "digcomp", "content_note")


def is_lesson(rel: Path) -> bool:
    """Lesson plans (teach/lessons/) and learner module pages (learn/m<N>-*.md)."""
    parts = rel.parts
    return (parts[:2] == ("teach", "lessons")) or (
        len(parts) == 2 and parts[0] == "learn" and re.match(r"m\d+-", parts[1]) is not None)


WHAT_TO_DO = {
    "heading ids": "keep every { #id } of the English page, unchanged and in the same order",
    "data markers": "keep every <!-- realharm:... --> line of the English page exactly as it is",
    "admonition types": "keep the English page's boxes (!!! type) of the same types and in the same order; "
                        "translate only their titles and text",
}


def parity(docs: Path, languages: list[str], skip: set[str] | frozenset = frozenset(), *,
           structure: bool = True, front_matter: bool = True) -> list[str]:
    """Every page of the default language that has a twin in another language has the same
    heading ids, data markers, admonition types and quizzes (questions, options and right
    answers) (``structure``: the build checks these too), and the same shared front matter
    (``front_matter``). Pages in ``skip`` (paths under docs/<default>/ with problems of their
    own, reported on their own line) are not compared: their mistakes would be blamed on the twins."""
    default, others = languages[0], languages[1:]
    source_root = docs / default
    problems: list[str] = []
    for lang in others:
        twin_root = docs / lang
        for src in markdown_files(source_root):
            rel = src.relative_to(source_root)
            twin = twin_root / rel
            label = f"docs/{lang}/{rel.as_posix()}"
            source = f"docs/{default}/{rel.as_posix()}"
            if not twin.is_file():
                continue  # not translated yet: the build shows the source page, marked as such
            if rel.as_posix() in skip:
                continue
            a, b = Page.read(src), Page.read(twin)
            if structure:
                for what, left, right in (
                    ("heading ids", a.heading_ids(), b.heading_ids()),
                    ("data markers", a.markers(), b.markers()),
                    ("admonition types", country_runs_sorted(a.admonitions()), country_runs_sorted(b.admonitions())),
                ):
                    if left != right:
                        problems.append(f"{label}: {what} differ from {source}: {_diff(left, right)}: {WHAT_TO_DO[what]}")
                problems += quiz_parity(a, b, label, source)
                problems += cards.parity(a, b, label, source)
                problems += worksheets.parity(a, b, label, source)
            if not front_matter:
                continue
            try:
                fa, fb = a.front_matter, b.front_matter
            except yaml.YAMLError:
                continue  # reported by lint()
            if set(fa) != set(fb):
                problems.append(f"{label}: front-matter keys differ: {_diff(sorted(fa), sorted(fb))}")
            for key in SHARED_FRONT_MATTER:
                if key in fa and fa.get(key) != fb.get(key):
                    problems.append(f"{label}: front matter '{key}' is {fb.get(key)!r}, "
                                    f"source has {fa.get(key)!r}")
        if not structure:
            continue
        for extra in markdown_files(twin_root):
            rel = extra.relative_to(twin_root)
            if not (source_root / rel).is_file():
                problems.append(f"docs/{lang}/{rel.as_posix()}: has no source page docs/{default}/{rel.as_posix()}")
    return problems


# what applies in one country only, in boxes: the UK, Italy, and everywhere else
COUNTRY_BOXES = ("uk", "italy", "elsewhere")


def country_runs_sorted(kinds: list[str]) -> list[str]:
    """Box types in order, except that a run of country boxes (uk, italy, elsewhere) side by side
    may come in any order: an Italian page puts Italy first."""
    out: list[str] = []
    run: list[str] = []
    for kind in kinds + [""]:
        if kind in COUNTRY_BOXES:
            run.append(kind)
            continue
        out += sorted(run)
        run = []
        if kind:
            out.append(kind)
    return out


def quiz_parity(source_page: Page, twin: Page, label: str, source: str) -> list[str]:
    """A translated page's quizzes have the English page's questions, options and right answers:
    one line for the first difference of each quiz."""
    try:
        mine = [quiz.parse(q) for q in twin.quizzes()]
        theirs = [quiz.parse(q) for q in source_page.quizzes()]
    except quiz.QuizError:
        return []  # reported by lint()
    if len(mine) != len(theirs):
        return [f"{label}: {len(mine)} quiz(zes), {source} has {len(theirs)}: keep every quiz of the English page"]
    problems = []
    for n, (qa, qb) in enumerate(zip(theirs, mine), 1):
        if len(qa) != len(qb):
            problems.append(f"{label}: quiz questions {[len(q) for q in mine]} differ from {[len(q) for q in theirs]} "
                            f"in {source} (quiz {n}): translate the English page's questions, without adding or "
                            "removing any")
            continue
        for m, (a, b) in enumerate(zip(qa, qb), 1):
            right_a = [i for i, o in enumerate(a["options"], 1) if o.get("correct") is True]
            right_b = [i for i, o in enumerate(b["options"], 1) if o.get("correct") is True]
            if len(a["options"]) != len(b["options"]):
                problems.append(f"{label}: quiz {n}, question {m}: {len(b['options'])} options, {source} has "
                                f"{len(a['options'])}: translate the English page's options, without adding or removing any")
                break
            if right_a != right_b:
                problems.append(f"{label}: quiz {n}, question {m}: the right answer is option(s) {right_b}, in "
                                f"{source} option(s) {right_a}: mark the same options 'correct: true' as the English page")
                break
    return problems


def _diff(left: list, right: list) -> str:
    missing = [x for x in left if x not in right]
    extra = [x for x in right if x not in left]
    bits = []
    if missing:
        bits.append(f"missing {missing}")
    if extra:
        bits.append(f"unexpected {extra}")
    if not bits:
        bits.append(f"order {right} instead of {left}")
    return "; ".join(bits)


_REQUIRED = re.compile(r"^'([^']+)' is a required property$")


def front_matter_problems(page: Page, label: str, validator, *, lesson: bool, today: date) -> list[str]:
    """One page's front matter: readable YAML, a title and description, and for lessons the
    schema (data/schema/lesson.schema.json) and a last_reviewed date that is not in the future."""
    match = FRONT_MATTER.match(page.text)
    try:
        fm = page.front_matter
    except yaml.YAMLError as exc:
        return [f"{label}: front matter: not valid YAML, {yaml_error(exc, match.group(1) if match else page.text, 2)}"]
    problems = [f"{label}: front matter: field {key}: is missing" for key in ("title", "description")
                if not fm.get(key)]
    if not lesson:
        return problems
    for error in sorted(validator.iter_errors(fm), key=lambda e: str(e.absolute_path)):
        where = ".".join(str(p) for p in error.absolute_path)
        message = error.message
        missing = _REQUIRED.match(message) if error.validator == "required" else None
        if missing:
            if missing.group(1) in ("title", "description"):
                continue  # reported above
            where, message = missing.group(1), "is missing (see data/schema/lesson.schema.json)"
        elif error.validator == "additionalProperties":
            message = message.replace("Additional properties are not allowed", "unknown field(s)")
        problems.append(f"{label}: front matter: field {where or '-'}: {message}")
    bad = future_date(fm.get("last_reviewed"), today)
    if bad:
        problems.append(f"{label}: front matter: field last_reviewed: {bad}")
    return problems


# The short sessions page (teach/short-sessions.md): one session per module, each a
# "## ... { #m<N>-short }" section whose parts ("### ... (N min)") add up to SHORT_MINUTES.
SHORT_SESSIONS = Path("teach/short-sessions.md")
SHORT_MINUTES = 25
SHORT_SESSION = re.compile(r"^##[ \t].*\{[ \t]*#m(?P<module>\d+)-short[ \t]*\}[ \t]*$", re.MULTILINE)
SECTION = re.compile(r"^##[ \t]", re.MULTILINE)
PART_MINUTES = re.compile(r"^###[ \t].*\((\d+)[ \t]*min\)", re.MULTILINE)


def short_session_problems(body: str, label: str, modules: set[int]) -> list[str]:
    """Every module of the lesson plans has a session, and each session's parts add up to
    SHORT_MINUTES."""
    problems = []
    found = set()
    for match in SHORT_SESSION.finditer(body):
        module = int(match.group("module"))
        found.add(module)
        end = SECTION.search(body, match.end())
        section = body[match.end():end.start() if end else len(body)]
        minutes = [int(m) for m in PART_MINUTES.findall(section)]
        if sum(minutes) != SHORT_MINUTES:
            problems.append(f"{label}: session m{module}-short: the parts' timings ('### ... (N min)') add up to "
                            f"{sum(minutes)} min, not {SHORT_MINUTES}")
    for module in sorted(modules - found):
        problems.append(f"{label}: module {module} has lesson plans but no session '## ... {{ #m{module}-short }}'")
    return problems


def lint(docs: Path, languages: list[str], schema_path: Path, *, today: date | None = None) -> list[str]:
    """Front matter of every page (lesson pages against the schema); quizzes, card sets and exit
    tickets are well formed; lesson plans' activity timings add up to duration_minutes, and the
    short sessions' to 25."""
    today = today or date.today()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    problems: list[str] = []
    for lang in languages:
        root = docs / lang
        modules: set[int] = set()
        short: tuple[str, str] | None = None
        for path in markdown_files(root):
            rel = path.relative_to(root)
            label = f"docs/{lang}/{rel.as_posix()}"
            page = Page.read(path)
            if rel == SHORT_SESSIONS:
                short = (page.body, label)
            found = front_matter_problems(page, label, validator, lesson=is_lesson(rel), today=today)
            problems += found
            for n, (line, block) in enumerate(page.quiz_blocks(), 1):
                try:
                    quiz.parse(block, first_line=line)
                except quiz.QuizError as exc:
                    problems.append(f"{label}: quiz {n}: {exc}")
            problems += cards.page_blocks(page, label)[2]
            problems += worksheets.page_worksheets(page, label)[1]
            if found or not is_lesson(rel):
                continue
            fm = page.front_matter
            if fm.get("audience") == "educators" and isinstance(fm.get("module"), int):
                modules.add(fm["module"])
            if fm.get("audience") == "educators":
                minutes = page.activity_minutes()
                if not minutes:
                    problems.append(f"{label}: a lesson plan needs activities titled '... (NN min)'")
                elif isinstance(fm.get("duration_minutes"), int) and sum(minutes) != fm["duration_minutes"]:
                    problems.append(f"{label}: activity timings add up to {sum(minutes)} min, "
                                    f"duration_minutes is {fm['duration_minutes']}")
        if short:
            problems += short_session_problems(*short, modules)
    return problems


# ── applied questions ───────────────────────────────────────────────────────
def applied(docs: Path, languages: list[str]) -> list[str]:
    """At least half the questions of every quiz of a lesson plan or learner module are applied
    (marked ``applied: true``: a short scenario with a person, asking what to do, what is true in
    that case or what the best reply is), not definitions to recall. One line per quiz."""
    problems = []
    for lang in languages:
        root = docs / lang
        for path in markdown_files(root):
            rel = path.relative_to(root)
            if not is_lesson(rel):
                continue
            for n, source in enumerate(Page.read(path).quizzes(), 1):
                try:
                    total, marked = quiz.count_questions(source), quiz.count_applied(source)
                except quiz.QuizError:
                    continue  # reported by lint()
                if 2 * marked < total:
                    problems.append(f"docs/{lang}/{rel.as_posix()}: quiz {n}: {marked} of {total} questions are "
                                    f"applied, at least {(total + 1) // 2} must be: rewrite a recall question as a "
                                    "short scenario with a person and mark it 'applied: true'")
    return problems


# ── links between pages ─────────────────────────────────────────────────────
LINK = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]+?\.md)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)"
                  r"|^\s*\[[^\]]+\]:\s*<?(?P<ref>[^\s>]+?\.md)(?:#\S*)?>?\s*$", re.MULTILINE)


def links(docs: Path, languages: list[str]) -> list[str]:
    """Links to other pages (``[text](../help/index.md)``) point to a page that exists in the same
    language: the build warns about the others, and --strict stops on them."""
    problems = []
    for lang in languages:
        root = docs / lang
        for path in markdown_files(root):
            text = path.read_text(encoding="utf-8")
            for match in LINK.finditer(text):
                target = match.group("target") or match.group("ref")
                if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
                    continue
                resolved = (path.parent / target).resolve()
                if lang != languages[0] and not resolved.is_file():
                    # a page not translated yet: the build shows the default language's one there
                    try:
                        resolved = docs / languages[0] / resolved.relative_to((docs / lang).resolve())
                    except ValueError:
                        pass
                if not resolved.is_file():
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"docs/{lang}/{path.relative_to(root).as_posix()}:{line}: the link to "
                                    f"{target!r} points to a page that does not exist")
    return problems


# ── terminology ─────────────────────────────────────────────────────────────
# The "avoid" column of the content guide, per language: `avoid:` in data/ui/<code>.yaml (the
# default language's words apply to every language). Allowed only inside <q>…</q> (a marked
# quotation) or <cite>…</cite> (the official name of a law, report or service). See CONTRIBUTING.md.
def avoid_words(lang: str, default: str = "en") -> dict[str, str]:
    from .ui import setting

    rules = dict(setting(default, "avoid") or {})
    if lang != default:
        rules.update(setting(lang, "avoid") or {})
    return rules


# Exempt: marked quotations and names, HTML comments, and web addresses (not our wording).
EXEMPT = re.compile(r"<(q|cite)\b[^>]*>.*?</\1>|<!--.*?-->|https?://[^\s)>\]]+", re.DOTALL | re.IGNORECASE)


# scripts written without spaces between words: a term may start anywhere in a run of characters
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def terminology_text(text: str, lang: str) -> list[tuple[int, str, str]]:
    """(line, word found, what to use) for each avoid word outside an exempt span."""
    rules = avoid_words(lang)
    # blank out exempt spans, keeping line numbers
    cleaned = EXEMPT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    found = []
    for pattern, use in rules.items():
        start = "" if UNSPACED.search(pattern) else "\\b"
        for match in re.finditer(rf"{start}{pattern}", cleaned, re.IGNORECASE):
            line = cleaned.count("\n", 0, match.start()) + 1
            found.append((line, match.group(0), use))
    return sorted(found)


def terminology(docs: Path, languages: list[str]) -> list[str]:
    problems = []
    for lang in languages:
        root = docs / lang
        for path in markdown_files(root):
            for line, word, use in terminology_text(path.read_text(encoding="utf-8"), lang):
                problems.append(f"docs/{lang}/{path.relative_to(root).as_posix()}:{line}: "
                                f"avoid {word!r}, use {use} (or mark a quotation/official name with <q>/<cite>)")
    return problems
