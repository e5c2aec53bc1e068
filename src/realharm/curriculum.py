"""The curriculum as its pages describe it: learner modules and lesson plans, read from their
front matter (the single source for the Learn and Teach listings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .pages import Page

AGE_ORDER = {"11-13": 0, "14-16": 1, "16-18": 2, "adults": 3}


@dataclass(frozen=True)
class Entry:
    rel: str          # path under docs/<lang>/, e.g. "teach/lessons/m1-synthetic-media-11-13.md"
    title: str
    module: int
    audience: str
    age_band: str
    minutes: int
    digcomp: tuple[str, ...]


# entries already read, by the files they were read from (path, size, time of last change): each
# language's listings read the same front matter again while one build runs
_READ: dict[tuple, list[Entry]] = {}


def entries(docs: Path, lang: str) -> list[Entry]:
    root = docs / lang
    paths = [path for folder in ("learn", "teach/lessons") for path in sorted((root / folder).glob("m*.md"))]
    stats = [path.stat() for path in paths]
    key = (root, tuple((path, st.st_size, st.st_mtime_ns) for path, st in zip(paths, stats)))
    if key not in _READ:
        if len(_READ) > 100:  # a long `mkdocs serve` session: forget files edited since
            _READ.clear()
        _READ[key] = _entries(root, paths)
    return list(_READ[key])


def _entries(root: Path, paths: list[Path]) -> list[Entry]:
    found = []
    for path in paths:
        fm = Page.read(path).front_matter
        if "module" not in fm:
            continue
        found.append(Entry(path.relative_to(root).as_posix(), str(fm["title"]), int(fm["module"]),
                           str(fm["audience"]), str(fm["age_band"]), int(fm["duration_minutes"]),
                           tuple(fm.get("digcomp", []))))
    return sorted(found, key=lambda e: (e.module, e.audience, AGE_ORDER.get(e.age_band, 9), e.rel))


def learner_modules(docs: Path, lang: str) -> list[Entry]:
    return [e for e in entries(docs, lang) if e.audience == "learners"]


def lesson_plans(docs: Path, lang: str) -> list[Entry]:
    return [e for e in entries(docs, lang) if e.audience == "educators"]


def shown(docs: Path, lang: str, audience: str) -> list[tuple[Entry, str]]:
    """(entry, language of its page) of every learner module or lesson plan as the language's
    site shows it: its own page where it has one, else the default language's, shown in its place
    (a language that has translated only its Get help pages still lists every plan on Teach)."""
    from .project import Project

    default = Project(Path(docs).parent).default_language()
    own = {e.rel: e for e in entries(docs, lang) if e.audience == audience} if lang != default else {}
    out = []
    for e in entries(docs, default):
        if e.audience == audience:
            out.append((own[e.rel], lang) if e.rel in own else (e, default))
    return out
