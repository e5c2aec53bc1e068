"""Translation status from git history: for every page of every language, up to date,
outdated (the source page changed in git after the translation last changed) or missing."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .pages import markdown_files


@dataclass(frozen=True)
class Change:
    date: str   # ISO 8601 commit date
    sha: str


@dataclass(frozen=True)
class Status:
    lang: str
    page: str                 # path under docs/<lang>/
    state: str                # "up-to-date" | "outdated" | "missing" | "unknown"
    source: Change | None     # last change of the source page
    translation: Change | None


def last_changes(root: Path, folder: str = "docs") -> dict[str, Change] | None:
    """Newest commit touching each file under folder, from one `git log`; None without git."""
    try:
        out = subprocess.run(["git", "log", "--format=\x1e%cI %H", "--name-only", "--", folder],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    changes: dict[str, Change] = {}
    for block in out.split("\x1e")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        date, sha = lines[0].split(" ", 1)
        for name in lines[1:]:
            changes.setdefault(name, Change(date, sha))
    return changes


def status(root: Path, languages: list[str]) -> list[Status]:
    docs = root / "docs"
    default = languages[0]
    changes = last_changes(root)
    out = []
    for lang in languages[1:]:
        for src in markdown_files(docs / default):
            rel = src.relative_to(docs / default).as_posix()
            if not (docs / lang / rel).is_file():
                out.append(Status(lang, rel, "missing", None, None))
                continue
            if changes is None:
                out.append(Status(lang, rel, "unknown", None, None))
                continue
            source = changes.get(f"docs/{default}/{rel}")
            translation = changes.get(f"docs/{lang}/{rel}")
            if source is None or translation is None:
                state = "unknown"  # not committed yet
            elif source.date > translation.date:
                state = "outdated"
            else:
                state = "up-to-date"
            out.append(Status(lang, rel, state, source, translation))
    return out


def report(statuses: list[Status]) -> str:
    lines = []
    for s in statuses:
        when = f" (source changed {s.source.date[:10]}, translation {s.translation.date[:10]})" \
            if s.state == "outdated" else ""
        lines.append(f"{s.lang}\t{s.state}\t{s.page}{when}")
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.state] = counts.get(s.state, 0) + 1
    lines.append("summary: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return "\n".join(lines)


def render(statuses: list[Status], *, lang: str, names: dict[str, str], repo_url: str = "") -> str:
    """The translation status page: a summary and a table per language."""
    from .render import _cell, _date, _m, _t

    out = []
    for code in sorted({s.lang for s in statuses}):
        rows = [s for s in statuses if s.lang == code]
        counts = {state: sum(1 for s in rows if s.state == state) for state in ("up-to-date", "outdated", "missing")}
        out += [_m(lang, "translations.summary", lang=names.get(code, code), ok=counts["up-to-date"],
                   total=len(rows), outdated=counts["outdated"], missing=counts["missing"]), ""]
        head = [_m(lang, f"translations.{k}") for k in ("page", "state", "source_changed", "translation_changed")]
        out += ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
        for s in rows:
            state = _cell(_t(lang, f"translations.{s.state}"))
            src = _cell(_date(s.source.date[:10], lang)) if s.source else ""
            if s.state == "outdated" and repo_url and s.source:
                src += f" ([{_cell(_t(lang, 'translations.diff'))}]({repo_url.rstrip('/')}/commit/{s.source.sha}))"
            tr = _cell(_date(s.translation.date[:10], lang)) if s.translation else ""
            out.append(f"| `{_cell(s.page)}` | {state} | {src} | {tr} |")
        out.append("")
    return "\n".join(out)


def banner(statuses: list[Status], lang: str, page: str) -> str:
    """An admonition for the top of an outdated translation, or ''."""
    from .render import _date, _m

    for s in statuses:
        if s.lang == lang and s.page == page and s.state == "outdated" and s.source:
            text = _m(lang, "translations.banner", date=_date(s.source.date[:10], lang))
            title = _m(lang, "translations.banner_title").replace('"', "&quot;")
            return f'!!! outdated "{title}"\n\n    {text}\n\n'
    return ""
