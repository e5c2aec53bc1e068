"""Translation status from git history: for every page of every language, up to date,
outdated (the source page changed in git after the translation last changed) or untranslated
(no page in docs/<lang>/, or a copy identical to the source page: readers get the source page,
marked as such); and the data texts each language has."""

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
    state: str                # "up-to-date" | "outdated" | "untranslated" | "unknown"
    source: Change | None     # last change of the source page
    translation: Change | None


UNAFFECTED = "unaffected"
UNAFFECTED_FILE = "translations-unaffected.txt"


def unaffected_commits(root: Path) -> set[str]:
    """Commits made before the trailer existed that changed only the English wording's form (one
    full hash per line in translations-unaffected.txt, then a space and why; # starts a comment)."""
    path = root / UNAFFECTED_FILE
    if not path.is_file():
        return set()
    return {line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")}


def last_changes(root: Path, folder: str = "docs") -> dict[str, Change] | None:
    """Newest commit touching each file under folder, from one `git log`; None without git.
    A commit whose message ends with the trailer `Translations: unaffected` (a fix to the English
    wording that the translations never had, such as a missing article) does not count: it leaves
    the translations up to date."""
    try:
        out = subprocess.run(["git", "log", "--format=\x1e%cI %H %(trailers:key=Translations,valueonly,separator=%x2C)",
                              "--name-only", "--", folder],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    listed = unaffected_commits(root)
    changes: dict[str, Change] = {}
    for block in out.split("\x1e")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        date, sha, *trailer = lines[0].split(" ", 2)
        if (trailer and trailer[0].strip().lower() == UNAFFECTED) or sha in listed:
            continue
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
            if not is_translated(docs, lang, rel, default):
                out.append(Status(lang, rel, "untranslated", None, None))
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


def is_translated(docs: Path, lang: str, rel: str, default: str) -> bool:
    """docs/<lang>/<rel> exists and is not a copy of the source page."""
    twin = docs / lang / rel
    return twin.is_file() and twin.read_bytes() != (docs / default / rel).read_bytes()


def minimum_set_problems(root: Path, settings: dict[str, dict]) -> list[str]:
    """A published language must have its minimum set of pages translated: one line per page."""
    default = next(iter(settings))
    out = []
    for lang, s in list(settings.items())[1:]:
        if not s["language"]["published"]:
            continue
        for rel in s["language"]["minimum_set"]:
            if not is_translated(root / "docs", lang, rel, default):
                out.append(f"docs/{lang}/{rel}: not translated yet, and data/ui/{lang}.yaml publishes "
                           f"{lang} with this page in its minimum_set: translate it, or set published: false")
    return out


def passes_problems(root: Path, settings: dict[str, dict], today) -> list[str]:
    """A published translation records the date of both passes (the translator's, then an
    independent reader's) of each page of its minimum set, of its interface file and of its data
    texts: `passes:` in data/ui/<code>.yaml, one line per file, {first: date, second: date}, no
    names. A language whose pages are adapted rather than translated (carry_over: false) is not held
    to it."""
    from datetime import date as Date

    out = []
    for lang, s in list(settings.items())[1:]:
        if not s["language"]["published"] or s.get("carry_over", True) is False:
            continue
        label = f"data/ui/{lang}.yaml: field passes"
        record = s.get("passes")
        if not isinstance(record, dict):
            out.append(f"{label}: missing; record the date of both passes of each translated file "
                       f"(e.g. index.md: {{first: 2026-12-06, second: 2026-12-06}}), see TRANSLATING.md")
            continue
        files = list(s["language"]["minimum_set"]) + [f"data/ui/{lang}.yaml"]
        files += [f"data/i18n/{lang}/{p.name}" for p in sorted((root / "data" / "i18n" / lang).glob("*.yaml"))
                  if _has_texts(p)]
        for name in files:
            dates = record.get(name)
            if not isinstance(dates, dict):
                out.append(f"{label}.{name}: missing; write {{first: <date>, second: <date>}}")
                continue
            when = {}
            for key in ("first", "second"):
                value = dates.get(key)
                try:
                    when[key] = value if isinstance(value, Date) else Date.fromisoformat(str(value))
                except ValueError:
                    out.append(f"{label}.{name}: {key} {value!r} is not a date; write it as 2026-12-06")
                    continue
                if when[key] > today:
                    out.append(f"{label}.{name}: {key} {when[key]} is after today; write the day the pass was done")
            if len(when) == 2 and when["second"] < when["first"]:
                out.append(f"{label}.{name}: the second pass ({when['second']}) is before the first ({when['first']})")
    return out


def _has_texts(path: Path) -> bool:
    import yaml

    try:
        return bool(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError:
        return False  # reported by the data checks


def unpublished(root: Path, settings: dict[str, dict]) -> set[str]:
    """Languages left out of the switcher and the sitemap: not published, or minimum set not translated."""
    default = next(iter(settings))
    return {lang for lang, s in list(settings.items())[1:]
            if not s["language"]["published"]
            or not all(is_translated(root / "docs", lang, rel, default) for rel in s["language"]["minimum_set"])}


def data_counts(data_dir: Path, languages: list[str]) -> dict[str, tuple[int, int]]:
    """(texts translated, texts in all) of data/ (services, laws, glossary, places, curriculum)
    for each language but the default one: the English texts, and those of data/i18n/<lang>/."""
    from .datatexts import counts

    return counts(data_dir, languages)


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


def summary(rows: list[Status], texts: tuple[int, int] | None = None) -> dict[str, int]:
    """Counts of one language: translated (up to date, outdated or not yet committed), outdated,
    untranslated, pages in all, and data texts translated / in all."""
    counts = {state: sum(1 for s in rows if s.state == state) for state in ("up-to-date", "outdated", "untranslated", "unknown")}
    return {"ok": counts["up-to-date"] + counts["unknown"] + counts["outdated"], "outdated": counts["outdated"],
            "missing": counts["untranslated"], "total": len(rows),
            "texts": (texts or (0, 0))[0], "texts_total": (texts or (0, 0))[1]}


def render(statuses: list[Status], *, lang: str, names: dict[str, str], repo_url: str = "",
           texts: dict[str, tuple[int, int]] | None = None) -> str:
    """The translation status page: a summary and a table per language."""
    from .render import _cell, _date, _m, _t

    out = []
    for code in sorted({s.lang for s in statuses}):
        rows = [s for s in statuses if s.lang == code]
        out += [_m(lang, "translations.summary", lang=names.get(code, code),
                   **summary(rows, (texts or {}).get(code))), ""]
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
