"""Search that speaks the reader's language.

The i18n plugin gathers every language into one search index. After the build we split it:
`search/search_index.json` keeps the default language, `<lang>/search/search_index.json` holds
each other language with its own lunr language (Italian stemming: "leggi" finds "legge"), and
pages of that language point their search at it (overrides/main.html sets the search base).
The worker loads lunr's language files relative to that base, so they are copied alongside.
A single-language build (BUILD_ONLY_LOCALE=it) builds that language at the root: its index is the
root one, with that language's settings. `problems` checks every index the build wrote: none empty,
every result a built page (and section) of that index's language.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

# what a search_index.js holds before the index's JSON: Material reads the variable from file://
INDEX_JS = "var __index = "


def split_index(site_dir: Path, languages: list[str], *, offline: bool = False,
                settings: dict[str, dict] | None = None) -> dict[str, int]:
    """Split site/search/search_index.json per language; returns the number of entries each.
    For the offline copy, also write search_index.js, which Material loads from file://.
    ``languages``: the languages built, the one at the site's root first (the default language,
    or the only one of a single-language build).
    ``settings``: each language's settings (search.lang and search.separator)."""
    merged_path = site_dir / "search" / "search_index.json"
    if not merged_path.is_file():
        return {}
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    default, others = languages[0], languages[1:]
    buckets: dict[str, list] = {lang: [] for lang in languages}
    for doc in merged["docs"]:
        lang = next((code for code in others if doc["location"].startswith(f"{code}/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1:]}
        buckets[lang].append(doc)
    for lang, docs in buckets.items():
        search = ((settings or {}).get(lang) or {}).get("search") or {}
        config = {**merged["config"], "lang": [search.get("lang") or lang]}
        if search.get("separator"):
            config["separator"] = search["separator"]
        target = merged_path if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        target.write_text(data, encoding="utf-8")
        if offline:
            target.with_suffix(".js").write_text(INDEX_JS + data, encoding="utf-8")
        if lang != default:
            lunr = site_dir / "assets" / "javascripts" / "lunr"
            if lunr.is_dir():
                shutil.copytree(lunr, site_dir / lang / "assets" / "javascripts" / "lunr", dirs_exist_ok=True)
    return {lang: len(docs) for lang, docs in buckets.items()}


def index_path(site_dir: Path, lang: str, languages: list[str]) -> Path:
    """Where the search index of a language is: the root one for the language built at the root."""
    return site_dir / ("" if lang == languages[0] else lang) / "search" / "search_index.json"


def _built_file(folder: Path, page: str) -> Path:
    """The file a search result's page address opens ("law/" or "law.html" or "")."""
    if page == "" or page.endswith("/"):
        return folder / page / "index.html"
    return folder / page


def problems(site_dir: Path, languages: list[str]) -> list[str]:
    """One line per problem of the split indexes: an index missing or empty, a result whose page
    or section is not in the built site of its language, a section without its page (the search
    shows such a result with the address ".../undefined")."""
    found: list[str] = []
    for lang in languages:
        path = index_path(site_dir, lang, languages)
        rel = path.relative_to(site_dir).as_posix()
        if not path.is_file():
            found.append(f"{rel}: the search index of {lang} is missing")
            continue
        docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
        if not docs:
            found.append(f"{rel}: the search index of {lang} is empty: search would find nothing")
        folder = path.parent.parent
        pages = {doc["location"] for doc in docs if "#" not in doc["location"]}
        ids: dict[str, set[str] | None] = {}
        for doc in docs:
            location = doc["location"]
            page, _, anchor = location.partition("#")
            if page not in ids:
                built = _built_file(folder, page)
                ids[page] = (set(re.findall(r'\sid="([^"]+)"', built.read_text(encoding="utf-8")))
                             if built.is_file() else None)
            if ids[page] is None:
                found.append(f"{rel}: result {location!r} ({doc['title']}) points to a page that was not built")
            elif anchor and anchor not in ids[page]:
                found.append(f"{rel}: result {location!r} ({doc['title']}) points to a section the page does not have")
            elif anchor and page not in pages:
                found.append(f"{rel}: result {location!r} ({doc['title']}) is a section without its page")
    return found
