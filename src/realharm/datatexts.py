"""Data texts in every language: English in data/, every other language in data/i18n/<code>/.

English stays the source of truth in data/ (services, laws, glossary, places, curriculum): each
text for people is written there as ``{en: ...}``. A translation of language X lives in
``data/i18n/X/<kind>.yaml`` (kind: services, laws, glossary, places, curriculum), keyed by the
English entry's id, then the field, mirroring the English entry::

    it-112:                      # the id of the service in data/services/it.yaml
      for: "Chiunque si trovi in Italia..."
      does: "È il numero di emergenza europeo..."

A list of dated steps (a law's ``history``) is keyed by each step's date; places are simply
``CODE: name``; curriculum links are keyed by the lesson plan's file name, then the column (it, uk).

The loader merges the translations into the English documents, so that the rest of the code
sees every text as ``{en: ..., it: ...}`` as before; a text missing in X is shown in English,
marked (render.py). Mistakes are reported one line each: file, entry, field, what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from .data import KINDS as DATA_KINDS, read_yaml

KINDS = ("services", "laws", "glossary", "places", "curriculum")
FOLDER = "i18n"
# keys of a text mapping that are not languages
NOT_LANGUAGES = {"en", "iso"}
MOVE = "run `python -m realharm move-translations` to move it to"


def english_files(data_dir: Path, kind: str) -> list[Path]:
    """The English files holding texts of one kind."""
    if kind in DATA_KINDS:
        return sorted((data_dir / DATA_KINDS[kind][0]).glob("*.yaml"))
    path = data_dir / f"{kind}.yaml"
    return [path] if path.is_file() else []


def translation_file(data_dir: Path, lang: str, kind: str) -> Path:
    return data_dir / FOLDER / lang / f"{kind}.yaml"


def is_text(value: Any) -> bool:
    """A text for people: a mapping with its English version (``{en: ...}``)."""
    return isinstance(value, dict) and "en" in value


def _walk(node: dict, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], dict]]:
    for key, value in node.items():
        here = path + (str(key),)
        if is_text(value):
            yield here, value
        elif isinstance(value, dict):
            yield from _walk(value, here)
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, dict):
                    step = item.get("id") or item.get("date") or n
                    yield from _walk(item, here + (str(step),))


def slots(kind: str, doc: Any) -> Iterator[tuple[str, tuple[str, ...], dict]]:
    """(entry id, field path, text mapping) of every text of one English document, in order."""
    if not isinstance(doc, dict):
        return
    if kind == "places":
        for code, names in doc.items():
            if is_text(names):
                yield str(code), (), names
        return
    if kind == "curriculum":
        lessons = doc.get("lessons")
        for lesson, links in (lessons.items() if isinstance(lessons, dict) else ()):
            if isinstance(links, dict):
                for path, text in _walk(links, ()):
                    yield str(lesson), path, text
        return
    if kind == "laws" and is_text(doc.get("name")) and doc.get("jurisdiction"):
        yield str(doc["jurisdiction"]), ("name",), doc["name"]
    list_key = DATA_KINDS[kind][1] if kind in DATA_KINDS else "terms"
    for item in doc.get(list_key) or []:
        if isinstance(item, dict) and item.get("id"):
            for path, text in _walk(item, ()):
                yield str(item["id"]), path, text


def field_name(path: tuple[str, ...]) -> str:
    return ".".join(path) or "-"


def inline_problems(kind: str, label: str, doc: Any, data_root: str = "data") -> list[str]:
    """A text in another language written in an English data file: one line each."""
    out = []
    for entry, path, text in slots(kind, doc):
        for lang in text:
            if lang not in NOT_LANGUAGES:
                out.append(f"{label}: entry {entry}: field {field_name(path + (str(lang),))}: a text in '{lang}' "
                           f"in the English file; {MOVE} {data_root}/{FOLDER}/{lang}/{kind}.yaml")
    return out


def _is_translation(kind: str, path: tuple[str, ...], value: Any) -> bool:
    if kind == "glossary" and path == ("forms",):
        return isinstance(value, list) and all(isinstance(v, str) and v for v in value)
    return isinstance(value, str)


def _flatten(kind: str, entry: str, value: Any, fields: set[tuple[str, ...]], label: str,
             english: str) -> tuple[dict[tuple[str, ...], Any], list[str]]:
    """The (field path -> text) of one entry of a translation file, and its problems."""
    found: dict[tuple[str, ...], Any] = {}
    problems: list[str] = []

    def visit(node: Any, path: tuple[str, ...]) -> None:
        if path in fields:
            if node is None or node == "" or node == []:
                return  # left empty: not translated yet
            if not _is_translation(kind, path, node):
                what = "a list of words, e.g. [word, words]" if kind == "glossary" and path == ("forms",) \
                    else "a text (put it in double quotes)"
                problems.append(f"{label}: entry {entry}: field {field_name(path)}: must be {what}")
                return
            found[path] = node
            return
        if isinstance(node, dict) and any(f[:len(path)] == path for f in fields):
            for key, sub in node.items():
                visit(sub, path + (str(key),))
            return
        problems.append(f"{label}: entry {entry}: field {field_name(path)}: the English entry in {english} has no "
                        f"text {field_name(path)!r}; remove it, or write the field's name as in English")

    visit(value, ())
    return found, problems


class Index:
    """Every English text of one kind: entry id -> field path -> text mapping, and where each
    entry is (for messages)."""

    def __init__(self, kind: str, documents: list[tuple[str, Any]]):
        self.kind = kind
        self.texts: dict[str, dict[tuple[str, ...], dict]] = {}
        self.where: dict[str, str] = {}
        for label, doc in documents:
            for entry, path, text in slots(kind, doc):
                self.texts.setdefault(entry, {})[path] = text
                self.where.setdefault(entry, label)

    def english_label(self) -> str:
        return {"services": "data/services/", "laws": "data/laws/"}.get(self.kind, f"data/{self.kind}.yaml")


def read_translations(data_dir: Path, lang: str, index: Index, *, root_label: str = "data"
                      ) -> tuple[dict[tuple[str, tuple[str, ...]], Any], list[str]]:
    """((entry, field path) -> text) of data/i18n/<lang>/<kind>.yaml, and its problems."""
    path = translation_file(data_dir, lang, index.kind)
    label = f"{root_label}/{FOLDER}/{lang}/{index.kind}.yaml"
    if not path.is_file():
        return {}, []
    doc, problems = read_yaml(path, label)
    if problems:
        return {}, problems
    if doc is None:
        return {}, []  # only comments: nothing translated yet
    if not isinstance(doc, dict):
        return {}, [f"{label}: entry -: field -: must list the English entries' ids, each with its texts "
                    f"(id: then the fields, as in {index.english_label()})"]
    found: dict[tuple[str, tuple[str, ...]], Any] = {}
    for entry, value in doc.items():
        entry = str(entry)
        if entry not in index.texts:
            problems.append(f"{label}: entry {entry}: field -: there is no entry {entry!r} in English "
                            f"({index.english_label()}); remove it, or write the id as in English")
            continue
        texts, bad = _flatten(index.kind, entry, value, set(index.texts[entry]), label, index.where[entry])
        problems += bad
        found.update({(entry, p): v for p, v in texts.items()})
    return found, problems


def merge(data_dir: Path, kind: str, documents: list[tuple[str, Any]], languages: list[str],
          *, root_label: str = "data") -> list[str]:
    """Add each language's translations of one kind to the English documents (in place), as
    ``{en: ..., <lang>: ...}``; return the problems of the translation files."""
    index = Index(kind, documents)
    problems = []
    for lang in languages[1:]:
        found, bad = read_translations(data_dir, lang, index, root_label=root_label)
        problems += bad
        for (entry, path), value in found.items():
            index.texts[entry][path][lang] = value
    return problems


def unknown_folders(data_dir: Path, languages: list[str], root_label: str = "data") -> list[str]:
    """A folder of data/i18n/ for a language the site does not have."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return []
    return [f"{root_label}/{FOLDER}/{p.name}/: entry -: field -: there is no language '{p.name}' "
            f"(no data/ui/{p.name}.yaml); run `python -m realharm new-language {p.name}`, or remove the folder"
            for p in sorted(folder.iterdir()) if p.is_dir() and p.name not in languages[1:]]


def merged_documents(data_dir: Path, kind: str, languages: list[str]) -> list[tuple[str, Any]]:
    """(path, document) of the English files of one kind, each text with every language's
    translation merged in (a file that does not parse is left out: the data checks report it)."""
    import yaml

    from .data import _DataLoader

    documents = []
    for path in english_files(data_dir, kind):
        try:
            documents.append((str(path), yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)))
        except yaml.YAMLError:
            continue
    merge(data_dir, kind, documents, languages)
    return documents


def counts(data_dir: Path, languages: list[str]) -> dict[str, tuple[int, int]]:
    """(texts translated, texts in all) of data/ for each language but the default one, from the
    English files and data/i18n/<lang>/ (a text still written inline counts too)."""
    merged: list[dict] = []
    for kind in KINDS:
        documents = merged_documents(data_dir, kind, languages)
        merged += [text for _label, doc in documents for _e, _p, text in slots(kind, doc)]
    return {lang: (sum(1 for t in merged if t.get(lang)), len(merged)) for lang in languages[1:]}


WHAT = {
    "services": ("data/services/*.yaml", "who each help service is for, what it does, its hours and cost"),
    "laws": ("data/laws/*.yaml", "each law's title, summary, who brings the case, penalty and notes"),
    "glossary": ("data/glossary.yaml", "each term, the forms it takes in your pages, its short and long definition"),
    "places": ("data/places.yaml", "the names of countries and other places"),
    "curriculum": ("data/curriculum.yaml", "where each lesson plan sits in national guidance, by the plan's file name"),
}


def _example(data_dir: Path, kind: str) -> list[str]:
    """The first English entry's first texts, written as a translation would be (commented)."""
    import json

    import yaml

    from .data import _DataLoader

    lines: list[str] = []
    for path in english_files(data_dir, kind):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)
        for entry, field, text in slots(kind, doc):
            if kind == "laws" and entry.isupper():
                continue  # the jurisdiction's own name: a law is the better example
            if lines and (not field or not lines[0].startswith(f"{entry}:")):
                return lines
            english = text.get("en")
            if isinstance(english, str) and len(english) > 70:
                english = english[:67].rsplit(" ", 1)[0] + " ..."
            value = json.dumps(english, ensure_ascii=False)
            if not field:
                return [f"{entry}: {value}"]
            if len(field) != 1:
                continue
            if not lines:
                lines.append(f"{entry}:")
            lines.append(f"  {field[0]}: {value}")
            if len(lines) == 3:
                return lines
    return lines


def scaffold(data_dir: Path, code: str, name: str) -> list[Path]:
    """data/i18n/<code>/ for a new language: one file per kind, comments only, saying what goes
    there with an example taken from the English file. An existing file is left as it is."""
    made = []
    for kind in KINDS:
        target = translation_file(data_dir, code, kind)
        if target.exists():
            continue
        english, what = WHAT[kind]
        example = _example(data_dir, kind)
        how = (["# then your text in double quotes; indent with two spaces. For example (the English",
                "# text is shown: remove the # and write yours in its place):"])
        first = f"# The English texts are in {english}. Write the English entry's id, then the field,"
        if kind == "places":
            first = f"# The English names are in {english}. Write the code of the place, then a colon,"
            how = ["# then its name in double quotes. For example (the English name is shown: remove",
                   "# the # and write yours in its place):"]
        text = [f"# {name} ({code}): {what}.", first, *how,
                "#",
                *[f"# {line}" for line in example],
                "#",
                "# A text you leave out is shown in English. data/i18n/it/ has every id and field."]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(text) + "\n", encoding="utf-8")
        made.append(target)
    return made
