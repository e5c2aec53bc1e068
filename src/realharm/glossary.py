"""The glossary (data/glossary.yaml): one page per language, and a tooltip on the first use of a
term on every page, through Python-Markdown abbreviations appended in the page's language."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .data import braces_problem, read_yaml
from .safe import md_text

SHORT_MAX = 140


class GlossaryError(ValueError):
    pass


def load(path: Path, languages: list[str], label: str = "data/glossary.yaml") -> list[dict]:
    """The glossary's terms; raise GlossaryError listing every problem, one line each."""
    if not path.is_file():
        return []
    doc, problems = read_yaml(path, label, loader=yaml.SafeLoader)
    if problems:
        raise GlossaryError("\n".join(problems))
    terms = (doc or {}).get("terms", []) if isinstance(doc, dict) else []
    if isinstance(doc, dict):
        from .datatexts import inline_problems, merge

        # each language's texts, from data/i18n/<lang>/glossary.yaml
        problems += inline_problems("glossary", label, doc)
        # reported after the English file's own problems (a renamed id comes first, then its translation)
        translation_problems = merge(path.parent, "glossary", [(label, doc)], languages)
    else:
        translation_problems = []
    default = languages[0]

    def where(lang: str) -> str:
        """The file a language's text is in."""
        return label if lang == default else f"data/i18n/{lang}/glossary.yaml"
    seen: set = set()
    words: dict[tuple[str, str], str] = {}  # (language, word in lower case) -> id of the entry using it
    for n, term in enumerate(terms, 1):
        if not isinstance(term, dict):
            problems.append(f"{label}: entry #{n}: field -: must be an entry with id, term, forms, short and definition")
            continue
        ident = term.get("id", f"#{n}")
        if ident in seen:
            problems.append(f"{label}: entry {ident}: field id: used twice")
        seen.add(ident)
        for field in ("term", "forms", "short", "definition"):
            for lang in languages[:1]:  # other languages show the default one's text until translated
                if not (term.get(field) or {}).get(lang):
                    problems.append(f"{label}: entry {ident}: field {field}.{lang}: missing translation '{lang}'")
        for lang, name in (term.get("term") or {}).items():
            bad = braces_problem(name)
            if bad:
                problems.append(f"{where(lang)}: entry {ident}: field term.{lang}: {bad}")
        for lang in languages:
            forms = (term.get("forms") or {}).get(lang) or []
            for word in dict.fromkeys([(term.get("term") or {}).get(lang), *forms]):
                if not isinstance(word, str) or not word:
                    continue
                other = words.setdefault((lang, word.lower()), ident)
                if other != ident:
                    problems.append(f"{where(lang)}: entry {ident}: field forms.{lang}: {word!r} is already a term "
                                    f"of entry {other}; explain it in one entry only")
        for lang, short in (term.get("short") or {}).items():
            if len(short) > SHORT_MAX:
                problems.append(f"{where(lang)}: entry {ident}: field short.{lang}: longer than {SHORT_MAX} characters")
            if '"' in short:
                problems.append(f"{where(lang)}: entry {ident}: field short.{lang}: double quotes break the tooltip")
    problems += translation_problems
    if problems:
        raise GlossaryError("\n".join(problems))
    return terms


def abbreviations(terms: list[dict], lang: str) -> str:
    """Markdown abbreviation definitions for every form of every term in one language, one block
    each (in a single block, Python-Markdown re-tests the shrinking block once per line)."""
    lines = []
    for term in terms:
        for form in term["forms"].get(lang, []):
            # a short definition not translated yet: the English one
            lines.append(f"*[{form}]: {term['short'].get(lang) or term['short']['en']}")
    return "\n\n".join(lines)


def render(terms: list[dict], *, lang: str) -> str:
    def text(term: dict, field: str) -> tuple[str, bool]:
        """The text in ``lang``, or in English (True: to be marked) until it is translated."""
        value = term[field].get(lang)
        return (value, False) if value else (term[field]["en"], lang != "en")

    def marked(value: str, english: bool) -> str:
        return f'<span lang="en" dir="ltr">{md_text(value)}</span>' if english else md_text(value)

    entries = sorted(terms, key=lambda t: text(t, "term")[0].lower().strip("«»"))
    out = []
    for term in entries:
        name, english = text(term, "term")
        out += [f"## {marked(name[:1].upper() + name[1:], english)} {{ #{term['id']} }}", "",
                marked(*text(term, "definition")), ""]
    return "\n".join(out)


ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.S)
# A link, or a glossary term outside links (links do not nest, so the first closing tag ends one).
LINK_OR_ABBR = re.compile(r'(?P<link><a\b[^>]*>.*?</a>)|' + ABBR.pattern, re.S)


def first_use_tooltips(html: str) -> str:
    """A tooltip on the first use of each term in a page, as the content guide asks ("explained
    on first use"); later uses are plain text. The tooltip opens on keyboard focus too, so the
    term is focusable: one tab stop per term, not one per use. A focusable element may not sit
    inside a link (and would be a second stop on it): terms inside links stay plain text, and the
    term's first use outside a link gets the tooltip."""
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        if match.group("link"):
            return ABBR.sub(lambda m: m.group("text"), match.group("link"))
        title, text = match.group("title"), match.group("text")
        if title in seen:
            return text
        seen.add(title)
        return f'<abbr tabindex="0" title="{title}">{text}</abbr>'

    return LINK_OR_ABBR.sub(replace, html)
