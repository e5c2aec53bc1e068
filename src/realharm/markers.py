"""Data markers: one line such as ``<!-- realharm:services country=IT -->`` that the build
replaces with Markdown rendered from data/ in the page's language."""

from __future__ import annotations

import re
from typing import Callable

MARKER = re.compile(r"^[ \t]*<!--\s*realharm:(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z_]+=[^\s>]+)*)\s*-->[ \t]*$",
                    re.MULTILINE)

Renderer = Callable[..., str]


class MarkerError(ValueError):
    pass


def find(markdown: str) -> list[tuple[str, dict[str, str]]]:
    """Every marker in a page, in order, as (name, arguments)."""
    return [(m.group("name"), _args(m.group("args"))) for m in MARKER.finditer(markdown)]


def _args(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split())


def expand(markdown: str, renderers: dict[str, Renderer], *, lang: str, page: str = "") -> str:
    """Replace every marker with its renderer's output; unknown markers are an error."""

    def replace(match: re.Match) -> str:
        name = match.group("name")
        renderer = renderers.get(name)
        if renderer is None:
            raise MarkerError(f"{page}: unknown data marker 'realharm:{name}'")
        try:
            return renderer(lang=lang, **_args(match.group("args")))
        except TypeError as exc:
            raise MarkerError(f"{page}: marker 'realharm:{name}' has wrong arguments: {exc}") from exc

    return MARKER.sub(replace, markdown)
