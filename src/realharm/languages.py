"""Languages and their settings: one file per language, data/ui/<code>.yaml.

That file holds the interface text of generated page parts and, below it, everything else the
site needs to know about the language (its own name, direction, quick-exit target, search and
readability settings, words to avoid, countries listed first, palette, box and menu names, the
page frame's text, its minimum set of pages and whether it is published). A language is a folder
(docs/<code>/) plus this file: nothing in Python or in the tests names a language.

The default language is the one marked ``default: true`` in mkdocs.yml's i18n block; the others
are every data/ui/<code>.yaml, in the order of their codes.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# (key path, expected type(s), what to write) for every setting a language file must have
REQUIRED: list[tuple[str, tuple[type, ...], str]] = [
    ("language.name", (str,), "the language's own name, e.g. Español"),
    ("language.direction", (str,), "ltr or rtl"),
    ("language.published", (bool,), "true or false"),
    ("language.minimum_set", (list,), "a list of pages under docs/<code>/, e.g. [index.md]"),
    ("site.description", (str,), "one sentence saying what the site is"),
    ("site.copyright", (str,), "the licence line of the footer"),
    ("quick_exit_url", (str,), "the address of a neutral local site (weather, news)"),
    ("search.lang", (str,), "a search language code, or en"),
    ("search.separator", (str, type(None)), "a regular expression, or null"),
    ("readability.metric", (str,), "a measure of readability.METRICS (see data/ui/en.yaml), or none"),
    ("readability.target", (int, float, type(None)), "a number, or null with metric none"),
    ("avoid", (dict,), "words to avoid and what to use instead, or {}"),
    ("lead.services", (list,), "country codes listed first, or []"),
    ("lead.laws", (list,), "country codes listed first, or []"),
    ("palette.to_dark", (str,), "the name of the switch to the dark theme"),
    ("palette.to_light", (str,), "the name of the switch to the light theme"),
    ("admonitions", (dict,), "the titles of the boxes"),
    ("nav", (dict,), "menu names, or {}"),
    ("interface", (dict,), "the buttons and texts of the page frame"),
    ("style", (dict,), "the style rules the checks read (see style/en.md)"),
]
# readability measures (src/realharm/readability.py): is a page easier below or above the target?
METRICS = {"fk_grade": "<=", "gulpease": ">=", "fernandez_huerta": ">=", "wiener_sachtextformel": "<=",
           "flesch_reading_ease": ">=", "median_sentence_words": "<=", "none": None}


class LanguageError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def settings_dir(root: Path) -> Path:
    return root / "data" / "ui"


def codes(root: Path, default: str) -> list[str]:
    """The default language, then every other language with a settings file."""
    found = sorted(p.stem for p in settings_dir(root).glob("*.yaml"))
    return [default] + [code for code in found if code != default]


def get(settings: dict, path: str):
    node = settings
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            raise KeyError(path)
        node = node[key]
    return node


def problems(root: Path, languages: list[str]) -> list[str]:
    """One line per missing or wrong setting: file, field, what to do."""
    out = []
    template = f"data/ui/{languages[0]}.yaml"
    source = _load(root, languages[0])  # read once, not once per language
    for code in languages:
        label = f"data/ui/{code}.yaml"
        path = settings_dir(root) / f"{code}.yaml"
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            out.append(f"{label}: is missing: run `python -m realharm new-language {code}`")
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark else ""
            out.append(f"{label}: not valid YAML{where}: check quotes and indentation")
            continue
        if not isinstance(doc, dict):
            out.append(f"{label}: should hold the keys of {template}")
            continue
        for key, types, what in REQUIRED:
            try:
                value = get(doc, key)
            except KeyError:
                out.append(f"{label}: field {key}: is missing; copy it from {template} and set it ({what})")
                continue
            if not isinstance(value, types) or (bool in types) != isinstance(value, bool):
                out.append(f"{label}: field {key}: {value!r} is not right; write {what}")
        direction = (doc.get("language") or {}).get("direction") if isinstance(doc.get("language"), dict) else None
        if direction not in (None, "ltr", "rtl"):
            out.append(f"{label}: field language.direction: {direction!r} is not right; write ltr or rtl")
        metric = (doc.get("readability") or {}).get("metric") if isinstance(doc.get("readability"), dict) else None
        if metric is not None and metric not in METRICS:
            out.append(f"{label}: field readability.metric: {metric!r} is not right; write one of {', '.join(METRICS)}")
        if isinstance(doc.get("style"), dict):
            from .style import settings_problems

            out += settings_problems(label, doc["style"])
        for key in ("admonitions", "interface"):
            keys = source.get(key) or {}
            mine = doc.get(key)
            if isinstance(mine, dict):
                for missing in [k for k in keys if k not in mine]:
                    out.append(f"{label}: field {key}.{missing}: is missing; copy it from {template} and translate it")
    return out


def _load(root: Path, code: str) -> dict:
    path = settings_dir(root) / f"{code}.yaml"
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return doc if isinstance(doc, dict) else {}


def load(root: Path, languages: list[str]) -> dict[str, dict]:
    """Every language's settings; LanguageError (one line per problem) when one is incomplete."""
    found = problems(root, languages)
    if found:
        raise LanguageError(found)
    return {code: _load(root, code) for code in languages}


def plugin_languages(settings: dict[str, dict], default: str, only: str | None = None) -> list[dict]:
    """The i18n plugin's `languages:` entries, built from the settings files.
    ``only`` (BUILD_ONLY_LOCALE) builds that language alone, as the default."""
    out = []
    for code, s in settings.items():
        extra = {"quick_exit_url": s["quick_exit_url"], "ui": dict(s["interface"])}
        if code != default and only is None:
            extra["search_root"] = code  # its own search index (search.split_index)
        out.append({
            "locale": code,
            "name": s["language"]["name"],
            "default": code == (only or default),
            "build": only is None or code == only,
            "site_description": s["site"]["description"].strip(),
            "copyright": s["site"]["copyright"].strip(),
            "extra": extra,
            "theme": {"palette": [{"toggle": {"name": s["palette"]["to_dark"]}},
                                  {"toggle": {"name": s["palette"]["to_light"]}}]},
            "admonition_translations": dict(s["admonitions"]),
            "nav_translations": dict(s["nav"] or {}),
        })
    return out


def visible(settings: dict[str, dict], missing: dict[str, list[str]]) -> list[str]:
    """Languages offered in the switcher and the sitemap: published, with their minimum set."""
    return [code for code, s in settings.items() if s["language"]["published"] and not missing.get(code)]


MARKER = "# ── the language's settings"


def scaffold(root: Path, code: str, default: str = "en") -> Path:
    """data/ui/<code>.yaml for a new language: the default language's file with every text marked
    `# translate`, its own name and direction from Babel (CLDR), published: false; and a stub of
    its style guide, style/<code>.md."""
    import json
    import re

    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise LanguageError([f"{code}: not a language code; use a two-letter code such as nl or es"]) from None
    target = settings_dir(root) / f"{code}.yaml"
    if target.exists():
        raise LanguageError([f"data/ui/{code}.yaml: already exists; edit it instead"])
    source = (settings_dir(root) / f"{default}.yaml").read_text(encoding="utf-8")
    english = _load(root, default)
    interface, _sep, _settings = source.partition(MARKER)
    marked = []
    for line in interface.splitlines():
        text = re.match(r"^(\s*[\w-]+:)\s+(?!#)(\S.*)$", line)
        marked.append(f"{line}  # translate" if text and not text.group(2).startswith(("[", "{")) else line)
    name = locale.get_display_name(code) or code
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    from mkdocs_static_i18n.reconfigure import LUNR_LANGUAGES

    def q(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def block(key: str) -> list[str]:
        return [f"{key}:"] + [f"  {k}: {q(v)}  # translate" for k, v in english[key].items()]

    lines = marked + [
        f"{MARKER} (see data/{default}/ui... in data/ui/{default}.yaml for what each one means) ──",
        "language:",
        f"  name: {q(name[:1].upper() + name[1:])}",
        f"  direction: {direction}",
        "  published: false          # true once the minimum set below is translated",
        f"  minimum_set: {q(english['language']['minimum_set'])}",
        "site:",
        f"  description: {q(english['site']['description'].strip())}  # translate",
        f"  copyright: {q(english['site']['copyright'].strip())}  # translate",
        f"quick_exit_url: {q(english['quick_exit_url'])}  # a neutral site of your country",
        "search:",
        f"  lang: {code if code in LUNR_LANGUAGES else 'en'}",
        "  separator: null",
        "readability:",
        "  metric: median_sentence_words  # or the formula textstat has for your language (see data/ui/en.yaml)",
        "  target: 15",
        "avoid: {}                    # words to avoid in your language: 'word': what to use instead",
        "lead:",
        "  services: []               # codes of data/places.yaml listed first, e.g. [NL]",
        "  laws: []",
        *block("palette"),
        *block("admonitions"),
        "nav: {}                      # menu names, e.g. {Get help: ...}; a missing one stays English",
        *block("interface"),
        f"# the rules the checks read; the guide for people is style/{code}.md (see style/{default}.md)",
        "style:",
        f"  guide: style/{code}.md",
        "  enforce: false             # true once your pages follow the rules below",
        f"  locale: {code}",
        "  quotes: null               # your quotation marks: outer open, close, nested open, close (e.g. \"«»“”\")",
        "  no_date: null              # {use: your abbreviation for 'no date', avoid: [others]}",
        "  dates: {}",
        "  terms: []                  # your terms table: - {use: ..., avoid: ['variant', ...]}",
        "  stop_words: []             # short words of your language (the, and, of …), to tell it from English",
        "  untranslated: null         # once stop_words lists your short words: {stop_words: 2, share: 0.2}",
    ]
    text = "\n".join(lines).replace(f" (see data/{default}/ui... in", " (see").rstrip() + "\n"
    target.write_text(text, encoding="utf-8")
    from .style import scaffold_guide

    scaffold_guide(root, code, name[:1].upper() + name[1:], default)  # style/<code>.md, to fill in
    doc = yaml.safe_load(text)
    assert {k: v for k, v in doc.items() if k in english} is not None
    return target
