"""HTML validity of the built site, checked with the Nu Html Checker (vnu.jar, installed from
tools/vnu by `make install`), and each error put down to its origin: the theme's own markup
(Material for MkDocs, which this project does not write) or the project's (pages, renderers,
templates). The project's count must stay 0; the theme's errors are listed by kind.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class ThemeKind:
    """Errors in markup that the theme writes: recognised by the message and by the element the
    checker quotes (Material's class names and ids), never by the page they are on."""

    name: str
    message: re.Pattern
    extract: re.Pattern


THEME_KINDS = (
    ThemeKind("autocomplete on the theme's checkbox toggles (menu drawer, search)",
              re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
              re.compile(r'<input class="md-toggle"[^>]*type="checkbox"')),
    ThemeKind("empty tabindex on navigation section labels",
              re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
              re.compile(r'<label class="md-nav__link[^"]*"[^>]*tabindex=""')),
    ThemeKind("table-of-contents label pointing to no control (pages without a table of contents)",
              re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden"),
              re.compile(r'<label class="md-nav__title" for="__toc"')),
)


def classify(message: dict) -> tuple[str, str]:
    """("theme", kind) for an error in the theme's markup, ("project", message) for any other:
    an error nobody has recognised counts against the project."""
    text, extract = message.get("message", ""), message.get("extract", "")
    for kind in THEME_KINDS:
        if kind.message.search(text) and kind.extract.search(extract):
            return "theme", kind.name
    return "project", text


def run_vnu(pages: list[Path], *, jar: Path = VNU_JAR) -> list[dict]:
    """Every error and warning vnu reports on the given pages, in ONE run of the checker."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is not installed (sudo apt-get install default-jre-headless)")
    if not jar.is_file():
        raise RuntimeError(f"{jar} is missing: run `make install` (npm ci in tools/vnu)")
    # --no-langdetect: the checker guesses a page's language from a sample of its text, and a
    # Chinese page listing Italian services (names, addresses) reads to it as Italian; the site
    # finds English left in a translation with its own check (make check, style "untranslated")
    proc = subprocess.run([java, "-jar", str(jar), "--format", "json", "--exit-zero-always", "--no-langdetect",
                           *map(str, pages)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"vnu failed: {proc.stderr[-2000:]}")
    messages = json.loads(proc.stderr)["messages"]  # vnu writes its JSON report on stderr
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "warning"]


def report(messages: list[dict], root: Path) -> tuple[list[str], Counter]:
    """(one line per project error: page, line, message; theme errors counted by kind)."""
    project, theme = [], Counter()
    for message in messages:
        origin, kind = classify(message)
        if origin == "theme":
            theme[kind] += 1
        else:
            page = message.get("url", "").removeprefix("file:")
            try:
                page = Path(page).relative_to(root).as_posix()
            except ValueError:
                pass
            project.append(f"{page}:{message.get('lastLine', '?')}: {kind}")
    return project, theme
