"""Everything the build checks before it renders a page, in one place: used by the MkDocs hook
(which refuses to build) and by ``python -m realharm check`` (which also checks parity and words),
so that a clean ``make check`` means the build's checks pass too.

Each problem is one line: file, entry, field, what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import checks, glossary, languages as language_settings, ledger, markers, sources
from .lawstatus import build_date
from .data import DataError, Dataset, _url_pattern, future_date, iso_date, load_dataset, read_yaml, url_problem
from .pages import Page, markdown_files
from .project import Project


def today() -> date:
    """The build date; REALHARM_TODAY=YYYY-MM-DD sets another one (for tests)."""
    return build_date()


@dataclass
class Content:
    dataset: Dataset | None = None
    glossary: list[dict] = field(default_factory=list)
    curriculum: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    sources: "sources.Sources | None" = None


CURRICULUM_KEYS = ("sources", "notes", "lessons")
CURRICULUM_COLUMNS = ("it", "uk")  # Italy (civic education), England (RSHE, computing)


def curriculum_problems(path: Path, label: str, schemas: Path, when: date,
                        languages: list[str] = ("en",), plans: list[str] | None = None) -> tuple[dict, list[str]]:
    """data/curriculum.yaml: readable; each source dated, with a sound address; each lesson entry
    names a lesson plan (``plans``: the English plans' file names) and every plan has an entry; each
    column is a text with the sources it rests on."""
    if not path.is_file():
        return {}, []
    doc, problems = read_yaml(path, label)
    if problems:
        return {}, problems
    if not isinstance(doc, dict):
        return {}, [f"{label}: entry -: field -: must be a mapping with {', '.join(CURRICULUM_KEYS)}"]
    from .datatexts import inline_problems, merge

    problems += [f"{label}: entry -: field {key}: unknown field; use one of {', '.join(CURRICULUM_KEYS)}"
                 for key in doc if key not in CURRICULUM_KEYS]
    # each language's texts, from data/i18n/<lang>/curriculum.yaml
    problems += inline_problems("curriculum", label, doc)
    problems += merge(path.parent, "curriculum", [(label, doc)], languages)
    pattern = _url_pattern(schemas)
    found_sources = doc.get("sources") or {}
    if not isinstance(found_sources, dict):
        problems.append(f"{label}: entry -: field sources: must be a mapping of source ids to sources")
        found_sources = {}
    for ident, source in found_sources.items():
        if not isinstance(source, dict):
            problems.append(f"{label}: entry {ident}: field -: must be a source (title, url, published, verified_on)")
            continue
        if not isinstance(source.get("title"), str) or not source["title"].strip():
            problems.append(f"{label}: entry {ident}: field title: missing; write the document's title")
        bad = url_problem(source.get("url"), pattern)
        if bad:
            problems.append(f"{label}: entry {ident}: field url: {bad}")
        published = source.get("published")
        if not (iso_date(published) or (isinstance(published, int) and 1900 < published < 2100)):
            problems.append(f"{label}: entry {ident}: field published: {published!r} is not a date; write when the "
                            "document was published, as YYYY-MM-DD (or the year alone)")
        if iso_date(source.get("verified_on")) is None:
            problems.append(f"{label}: entry {ident}: field verified_on: {source.get('verified_on')!r} is not a date; "
                            "write the day you read the source, as YYYY-MM-DD")
        else:
            bad = future_date(source.get("verified_on"), when)
            if bad:
                problems.append(f"{label}: entry {ident}: field verified_on: {bad}")
    notes = doc.get("notes")
    if notes is not None and not (isinstance(notes, list) and all(isinstance(n, str) and n.strip() for n in notes)):
        problems.append(f"{label}: entry -: field notes: must be a list of texts (one note a line, in double quotes)")
    lessons = doc.get("lessons") or {}
    if not isinstance(lessons, dict):
        problems.append(f"{label}: entry -: field lessons: must be a mapping of lesson plan file names to entries")
        lessons = {}
    allowed = [f for col in CURRICULUM_COLUMNS for f in (col, f"{col}_sources")]
    for ident, entry in lessons.items():
        where = f"{label}: entry {ident}"
        if plans is not None and str(ident) not in plans:
            problems.append(f"{where}: field -: there is no lesson plan docs/en/teach/lessons/{ident}.md; write the "
                            "plan's file name without .md")
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            problems.append(f"{where}: field -: must be a mapping (write {{}} if no curriculum column fits)")
            continue
        problems += [f"{where}: field {key}: unknown field; use one of {', '.join(allowed)}"
                     for key in entry if key not in allowed]
        for col in CURRICULUM_COLUMNS:
            text, cited = entry.get(col), entry.get(f"{col}_sources")
            if text is None and cited is None:
                continue
            if not (isinstance(text, dict) and isinstance(text.get("en"), str) and text["en"].strip()):
                problems.append(f"{where}: field {col}: must be a text in English, written as {{en: \"...\"}}")
            if not (isinstance(cited, list) and cited):
                problems.append(f"{where}: field {col}_sources: missing; list the ids of the sources the {col} text "
                                "rests on, e.g. [it-legge-92]")
                continue
            for source in cited:
                if source not in found_sources:
                    known = ", ".join(map(str, found_sources)) or "none"
                    problems.append(f"{where}: field {col}_sources: {source!r} is not a source in sources "
                                    f"(listed: {known})")
    if plans is not None:
        problems += [f"{label}: entry {name}: field -: the lesson plan docs/en/teach/lessons/{name}.md has no entry; "
                     "add one ({} if no curriculum column fits, and say why in notes)"
                     for name in plans if name not in lessons]
    return doc, problems


def marker_problems(docs: Path, languages: list[str], dataset: Dataset | None) -> list[str]:
    codes = None if dataset is None else {"services": set(dataset.services), "law": set(dataset.laws)}
    problems = []
    for lang in languages:
        root = docs / lang
        for path in markdown_files(root):
            rel = path.relative_to(root).as_posix()
            problems += markers.check(Page.read(path).body, rel, f"docs/{lang}/{rel}", codes)
    return problems


def content(project: Project, languages: list[str], *, when: date | None = None) -> Content:
    """Load and check each language's settings, data/, the glossary, the curriculum links, the audit ledger
    (every law and service entry named by a row) and every page's front matter, quizzes and data markers."""
    when = when or today()
    result = Content()
    found = language_settings.problems(project.root, languages)
    result.problems += found
    if not found:
        from .translations import minimum_set_problems, passes_problems

        settings = language_settings.load(project.root, languages)
        result.problems += minimum_set_problems(project.root, settings)
        result.problems += passes_problems(project.root, settings, when)
        from .style import admonition_problems, guide_problems

        result.problems += guide_problems(project.root, settings)
        result.problems += admonition_problems(project.docs, languages,
                                               {code: s["admonitions"] for code, s in settings.items()})
    try:
        result.dataset = load_dataset(project.data, languages, label_root=project.root, today=when)
    except DataError as exc:
        result.problems += exc.problems
    try:
        result.glossary = glossary.load(project.data / "glossary.yaml", languages)
    except glossary.GlossaryError as exc:
        result.problems += str(exc).splitlines()
    plans = sorted(path.stem for path in (project.docs / languages[0] / "teach" / "lessons").glob("*.md"))
    result.curriculum, found = curriculum_problems(project.data / "curriculum.yaml", "data/curriculum.yaml",
                                                   project.schemas, when, languages, plans)
    result.problems += found
    result.sources, found = sources.load(project.data / "sources.yaml")
    result.problems += found
    if result.dataset is not None and not found:
        result.problems += sources.check(result.dataset, result.sources)
        result.problems += sources.check_curriculum(result.curriculum, result.sources)
    if result.sources is not None and not found:
        result.problems += sources.page_links(project.docs, languages, result.sources)
    if result.dataset is not None:
        result.problems += ledger.problems(project.data / "ledger.yaml", result.dataset, today=when)
    result.problems += checks.lint(project.docs, languages, project.schemas / "lesson.schema.json", today=when)
    result.problems += marker_problems(project.docs, languages, result.dataset)
    # translated pages keep the English page's ids, markers, boxes and quizzes (the page's own
    # mistakes, reported above, are not blamed on its translations)
    result.problems += checks.parity(project.docs, languages, pages_with_problems(result.problems, languages[0]),
                                     front_matter=False)
    return result


def pages_with_problems(problems: list[str], lang: str) -> set[str]:
    """Paths under docs/<lang>/ named at the start of a problem line."""
    prefix = f"docs/{lang}/"
    return {line.split(":", 1)[0][len(prefix):] for line in problems if line.startswith(prefix)}
