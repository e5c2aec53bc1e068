"""Data markers: one line such as ``<!-- realharm:services country=IT -->`` that the build
replaces with Markdown rendered from data/ in the page's language."""

from __future__ import annotations

import re
from typing import Callable

MARKER = re.compile(r"^[ \t]*<!--\s*realharm:(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z_]+=[^\s>]+)*)\s*-->[ \t]*$",
                    re.MULTILINE)

Renderer = Callable[..., str]

# Every marker and the arguments it takes (the renderers are in render.py and mkdocs_hook.py).
ARGUMENTS: dict[str, tuple[str, ...]] = {
    "services": ("country",), "law": ("jurisdiction",), "finder": (), "laws-table": (),
    "law-changes": (), "modules": (), "lessons": (), "curriculum-map": (), "glossary": (),
    "translations": (), "repository": (), "open-data": (), "handout-help": (),
    "quick-help": (),
}
# Arguments a marker may also take: law level=3 puts its headings under a section's h2;
# law-changes latest=N keeps the N newest steps, base=law/ links from a page outside law/;
# handout-help audience=adults speaks to parents and staff instead of students, and country=GB
# names one country's services only (a letter to families in that country; the renderer checks the
# code) (None: any value, checked below).
OPTIONAL: dict[str, dict[str, tuple[str, ...] | None]] = {
    "law": {"level": ("2", "3", "4")}, "law-changes": {"latest": None, "base": None},
    "laws-table": {"jurisdictions": None, "provisions": None, "base": None, "penalty": ("yes", "no")},
    "handout-help": {"audience": ("students", "adults"), "country": None}}
# Pages that show one place's data (named by its code, help/directory/it.md, law/gb.md): the
# marker's code must be the page's file name.
PLACE_PAGES = {"services": ("help", "directory"), "law": ("law",)}


class MarkerError(ValueError):
    pass


def find(markdown: str) -> list[tuple[str, dict[str, str]]]:
    """Every marker in a page, in order, as (name, arguments)."""
    return [(m.group("name"), _args(m.group("args"))) for m in MARKER.finditer(markdown)]


def _args(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split())


def check(markdown: str, rel: str, label: str, data_codes: dict[str, set[str]] | None) -> list[str]:
    """Problems of a page's markers: unknown names, wrong arguments, a place with no data
    (``data_codes``: marker name -> codes that have data; None when data/ could not be read), and on
    a place page (help/directory/xx.md, law/xx.md) a code other than the file's name."""
    problems = []
    parts = tuple(rel.split("/"))
    for name, args in find(markdown):
        where = f"{label}: marker realharm:{name}"
        if name not in ARGUMENTS:
            problems.append(f"{where}: unknown data marker (known: {', '.join(sorted(ARGUMENTS))})")
            continue
        optional = OPTIONAL.get(name, {})
        if sorted(a for a in args if a not in optional) != sorted(ARGUMENTS[name]):
            wanted = " ".join(f"{a}=..." for a in ARGUMENTS[name]) or "no arguments"
            wanted += "".join(f" (and, if needed, {a}={'/'.join(v) if v else '...'})" for a, v in optional.items())
            problems.append(f"{where}: wrong arguments {' '.join(sorted(args)) or '(none)'}; it takes {wanted}")
            continue
        bad = [f"{a}={args[a]}" for a, values in optional.items() if values and a in args and args[a] not in values]
        if bad:
            problems.append(f"{where}: {', '.join(bad)} is not allowed; use "
                            + "; ".join(f"{a}={'/'.join(v)}" for a, v in optional.items() if v))
            continue
        if "latest" in args and not args["latest"].isdigit():
            problems.append(f"{where}: latest={args['latest']} must be a number of entries, e.g. latest=3")
        if name not in PLACE_PAGES:
            continue
        key = ARGUMENTS[name][0]
        code = args[key].upper()
        folder = "services" if name == "services" else "laws"
        if data_codes is not None and code not in data_codes.get(name, set()):
            problems.append(f"{where}: {key} {args[key]!r} has no data (there is no data/{folder}/"
                            f"{code.lower()}.yaml); use the code of a file in data/{folder}/")
        stem = parts[-1][:-3] if parts[-1].endswith(".md") else parts[-1]
        place_page = parts[:-1] == PLACE_PAGES[name] and re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{1,3})?", stem)
        if place_page and stem.upper() != code:
            problems.append(f"{where}: {key} {args[key]!r} does not match the page's file name "
                            f"{parts[-1]!r}; use {key}={stem.upper()}")
    return problems


def expand(markdown: str, renderers: dict[str, Renderer], *, lang: str, page: str = "") -> str:
    """Replace every marker with its renderer's output (indented as the marker is, so that a
    marker inside an admonition stays in it); unknown markers are an error."""

    def replace(match: re.Match) -> str:
        name = match.group("name")
        indent = match.group(0)[:len(match.group(0)) - len(match.group(0).lstrip(" \t"))]
        if indent:  # a marker inside a box (!!! gethelp): its Markdown stays inside the box
            return "\n".join(indent + line if line.strip() else line
                             for line in _render(match, name).splitlines())
        return _render(match, name)

    def _render(match: re.Match, name: str) -> str:
        renderer = renderers.get(name)
        if renderer is None:
            raise MarkerError(f"{page}: unknown data marker 'realharm:{name}'")
        try:
            return renderer(lang=lang, **_args(match.group("args")))
        except TypeError as exc:
            raise MarkerError(f"{page}: marker 'realharm:{name}' has wrong arguments: {exc}") from None
        except KeyError as exc:
            raise MarkerError(f"{page}: marker 'realharm:{name}': {exc.args[0] if exc.args else exc}") from None

    return MARKER.sub(replace, markdown)


def remembered(renderers: dict[str, Renderer]) -> dict[str, Renderer]:
    """The same renderers, each giving its output once per language and arguments and then
    repeating it. Only for renderers that read nothing but what stays the same while one build
    runs (the data, the pages' front matter): a page not yet translated asks for the same table
    in the default language in every language built. An error is raised again on every call."""
    def remember(renderer: Renderer) -> Renderer:
        made: dict[tuple, str] = {}

        def render(*, lang: str, **args) -> str:
            key = (lang, tuple(sorted(args.items())))
            if key not in made:
                made[key] = renderer(lang=lang, **args)
            return made[key]
        return render
    return {name: remember(renderer) for name, renderer in renderers.items()}
