"""Search that speaks the reader's language.

The i18n plugin gathers every language into one search index. After the build we split it:
`search/search_index.json` keeps the default language, `<lang>/search/search_index.json` holds
each other language with its own lunr language (Italian stemming: "leggi" finds "legge"), and
pages of that language point their search at it (overrides/main.html sets the search base).
The worker loads lunr's language files relative to that base, so they are copied alongside.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

def split_index(site_dir: Path, languages: list[str], *, offline: bool = False,
                settings: dict[str, dict] | None = None) -> dict[str, int]:
    """Split site/search/search_index.json per language; returns the number of entries each.
    For the offline copy, also write search_index.js, which Material loads from file://.
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
            target.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
        if lang != default:
            lunr = site_dir / "assets" / "javascripts" / "lunr"
            if lunr.is_dir():
                shutil.copytree(lunr, site_dir / lang / "assets" / "javascripts" / "lunr", dirs_exist_ok=True)
    return {lang: len(docs) for lang, docs in buckets.items()}
