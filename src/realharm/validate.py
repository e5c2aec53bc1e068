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
from .data import DataError, Dataset, _url_pattern, future_date, load_dataset, read_yaml, url_problem
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


def curriculum_problems(path: Path, label: str, schemas: Path, when: date,
                        languages: list[str] = ("en",)) -> tuple[dict, list[str]]:
    """data/curriculum.yaml: readable, and each source's address and date are sound."""
    if not path.is_file():
        return {}, []
    doc, problems = read_yaml(path, label)
    if problems:
        return {}, problems
    doc = doc if isinstance(doc, dict) else {}
    from .datatexts import inline_problems, merge

    # each language's texts, from data/i18n/<lang>/curriculum.yaml
    problems += inline_problems("curriculum", label, doc)
    problems += merge(path.parent, "curriculum", [(label, doc)], languages)
    pattern = _url_pattern(schemas)
    for ident, source in (doc.get("sources") or {}).items():
        if not isinstance(source, dict):
            continue
        bad = url_problem(source.get("url"), pattern)
        if bad:
            problems.append(f"{label}: entry {ident}: field url: {bad}")
        bad = future_date(source.get("verified_on"), when)
        if bad:
            problems.append(f"{label}: entry {ident}: field verified_on: {bad}")
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
        from .translations import minimum_set_problems

        settings = language_settings.load(project.root, languages)
        result.problems += minimum_set_problems(project.root, settings)
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
    result.curriculum, found = curriculum_problems(project.data / "curriculum.yaml", "data/curriculum.yaml",
                                                   project.schemas, when, languages)
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
