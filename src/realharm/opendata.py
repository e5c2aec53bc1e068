"""Open data: the facts of data/ published with the site as versioned JSON, so that a school, an
NGO or a helpline app can reuse them (About → Open data documents the fields).

Written by the build into ``<site>/data/v1/``:

  services.json  laws.json  glossary.json   the data, with the build date and the licence
  services.schema.json  laws.schema.json  glossary.schema.json   JSON Schemas they validate against
  LICENCE.txt                                the licence note (CC BY-SA 4.0)

``v1`` changes only when a field is renamed or removed or its meaning changes (a new major
version goes next to it); adding a field keeps ``v1``. Each file's entries are the data files'
entries unchanged; laws.json also carries the status each law had on the build date.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

from .data import Dataset
from .lawstatus import law_status

VERSION = "1"
FOLDER = f"data/v{VERSION}"
LICENCE = {
    "name": "CC BY-SA 4.0",
    "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "credit": "Real Harm (CC BY-SA 4.0)",
}
LICENCE_NOTE = """Real Harm open data, version {version} (built on {built_on})

services.json, laws.json and glossary.json are licensed under the Creative Commons
Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0):
https://creativecommons.org/licenses/by-sa/4.0/

You may copy, adapt and share them, also for commercial purposes, if you credit
"Real Harm (CC BY-SA 4.0)", link to the licence, say whether you changed anything, and share
your adapted version under the same licence.

Each entry says when it was last checked (verified_on) and when it is due to be checked again
(review_by). Laws change and services change their numbers: check the entry's source and
official text before relying on it, and show your readers the date it was checked.
The fields are documented on the site, About -> Open data.
"""

_WRAPPER = {
    "version": {"const": VERSION},
    "built_on": {"type": "string", "format": "date"},
    "licence": {
        "type": "object", "required": ["name", "url", "credit"],
        "properties": {"name": {"const": LICENCE["name"]}, "url": {"const": LICENCE["url"]}, "credit": {"type": "string"}},
    },
}

GLOSSARY_SCHEMA = {
    "type": "object",
    "required": ["id", "term", "forms", "short", "definition"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "term": {"$ref": "#/$defs/text"},
        "forms": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}}},
        "short": {"$ref": "#/$defs/text"},
        "definition": {"$ref": "#/$defs/text"},
    },
}


def _schema(name: str, title: str, items_key: str, item_schema: dict, defs: dict, languages: list[str],
            extra: dict | None = None) -> dict:
    defs = copy.deepcopy(defs)
    if "text" in defs:
        # as in data/: the default language always; another one may still be missing a text
        defs["text"]["required"] = list(languages[:1])
    defs["item"] = item_schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"realharm/{FOLDER}/{name}.schema.json",
        "title": title,
        "type": "object",
        "required": ["version", "built_on", "licence", "languages", items_key],
        "additionalProperties": False,
        "properties": {**_WRAPPER, "languages": {"type": "array", "items": {"type": "string"}},
                       items_key: {"type": "array", "items": {"$ref": "#/$defs/item"}}, **(extra or {})},
        "$defs": defs,
    }


def _file_schema(schemas: Path, kind: str) -> tuple[dict, dict]:
    """(schema of one data file without its $defs, its $defs)."""
    schema = json.loads((schemas / f"{kind}.schema.json").read_text(encoding="utf-8"))
    defs = schema.pop("$defs")
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return schema, defs


def build(dataset: Dataset, glossary: list[dict], schemas: Path, languages: list[str],
          today: date) -> dict[str, dict | str]:
    """File name -> content (a dict written as JSON, or text)."""
    head = {"version": VERSION, "built_on": today.isoformat(), "licence": LICENCE, "languages": list(languages)}
    services_file, services_defs = _file_schema(schemas, "services")
    laws_file, laws_defs = _file_schema(schemas, "laws")
    statuses = {}
    for doc in dataset.laws.values():
        for prov in doc["provisions"]:
            status = law_status(prov, today)
            statuses[prov["id"]] = {"key": status.key, "dates": status.dates}
    status_schema = {
        "type": "object",
        "description": "the status of each law on built_on, computed from its dates (key as in the documentation)",
        "additionalProperties": {
            "type": "object", "required": ["key", "dates"],
            "properties": {"key": {"enum": ["in_force", "scheduled", "scheduled_no_date", "unconfirmed",
                                            "unconfirmed_no_date", "directive", "directive_due_passed",
                                            "repealed", "bill"]},
                           "dates": {"type": "object", "additionalProperties": {"type": "string", "format": "date"}}},
        },
    }
    files: dict[str, dict | str] = {
        "services.json": {**head, "countries": [dataset.services[c] for c in sorted(dataset.services)]},
        "laws.json": {**head, "jurisdictions": [dataset.laws[c] for c in sorted(dataset.laws)],
                      "status_on_build_date": statuses},
        "glossary.json": {**head, "terms": list(glossary)},
        "services.schema.json": _schema("services", "Real Harm open data: services, one item per country",
                                        "countries", services_file, services_defs, languages),
        "laws.schema.json": _schema("laws", "Real Harm open data: laws, one item per jurisdiction",
                                    "jurisdictions", laws_file, laws_defs, languages,
                                    {"status_on_build_date": status_schema}),
        "glossary.schema.json": _schema("glossary", "Real Harm open data: glossary terms", "terms",
                                        GLOSSARY_SCHEMA, {"text": {"type": "object", "required": [],
                                                                   "additionalProperties": {"type": "string", "minLength": 1}}},
                                        languages),
        "LICENCE.txt": LICENCE_NOTE.format(version=VERSION, built_on=today.isoformat()),
    }
    laws_schema = files["laws.schema.json"]
    laws_schema["required"] = [*laws_schema["required"], "status_on_build_date"]
    return files


def write(files: dict[str, dict | str], site_dir: Path) -> Path:
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False, indent=1) + "\n"
        (folder / name).write_text(text, encoding="utf-8")
    return folder


FILES = ("services.json", "laws.json", "glossary.json", "services.schema.json", "laws.schema.json",
         "glossary.schema.json", "LICENCE.txt")


def render_files(lang: str, page_url: str) -> str:
    """The list of published files for the Open data page, linked relative to the page (HTML
    links, because the files are written by the build and are not pages MkDocs knows)."""
    import html
    import posixpath

    from .ui import strings

    words = strings(lang)["open_data"]
    # the folder the page is served from: about/open-data/ (directory URLs) or about/ (offline copy)
    base = page_url.rstrip("/") if page_url.endswith("/") else posixpath.dirname(page_url)
    lines = ['<ul class="rh-open-data">']
    for name in FILES:
        target = posixpath.relpath(f"{FOLDER}/{name}", base or ".")
        lines.append(f'<li><a href="{html.escape(target)}"><code>{FOLDER}/{name}</code></a>: '
                     f"{html.escape(words[name])}</li>")
    lines.append("</ul>")
    return "\n".join(lines) + "\n"
