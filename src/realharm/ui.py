"""Interface text of generated page parts, one YAML file per language in data/ui/."""

from __future__ import annotations

import contextvars
from functools import lru_cache
from pathlib import Path

import yaml

# The language of the page being rendered; set by the build hook before Markdown runs.
current_language: contextvars.ContextVar[str] = contextvars.ContextVar("realharm_language", default="en")

UI_DIR = Path(__file__).resolve().parents[2] / "data" / "ui"


def use(root: Path) -> None:
    """Read the language files of the project at ``root`` (the build hook calls it)."""
    global UI_DIR
    if UI_DIR != root / "data" / "ui":
        UI_DIR = root / "data" / "ui"
        strings.cache_clear()


@lru_cache(maxsize=None)
def strings(lang: str, ui_dir: Path | None = None) -> dict:
    ui_dir = ui_dir or UI_DIR
    path = ui_dir / f"{lang}.yaml"
    if not path.is_file():
        path = ui_dir / "en.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def t(section: str, key: str, lang: str | None = None) -> str:
    return strings(lang or current_language.get())[section][key]


def setting(lang: str, path: str):
    """One of a language's settings (see languages.REQUIRED), e.g. setting("it", "lead.laws")."""
    node = strings(lang)
    for key in path.split("."):
        node = node[key]
    return node
