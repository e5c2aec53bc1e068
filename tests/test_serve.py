"""`make serve` rebuilds when the data or the code changes, not only the pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from support import ROOT


def watched(config_file: Path) -> set[Path]:
    config = load_config(config_file=str(config_file))
    return {Path(p).resolve() for p in config.watch}


def test_serve_watches_data_and_src():
    paths = watched(ROOT / "mkdocs.yml")
    assert {ROOT / "data", ROOT / "src"} <= paths, paths


def test_readme_shows_how_to_serve_on_another_address():
    assert "make serve HOST=0.0.0.0:8000" in (ROOT / "README.md").read_text(encoding="utf-8")
