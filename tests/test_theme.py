"""The theme's file names that overrides/main.html repeats exist in the installed Material."""

from __future__ import annotations

from realharm import theme
from support import ROOT

MAIN = ROOT / "overrides" / "main.html"


def test_main_html_names_the_installed_themes_bundle_and_search_worker():
    names = theme.asset_names(MAIN)
    assert any("/bundle." in n for n in names) and any("/workers/search." in n for n in names)
    assert theme.stale_asset_names(MAIN) == []
    # and the same names as the theme's own base.html (which main.html extends)
    base = (theme.material_templates() / "base.html").read_text(encoding="utf-8")
    assert all(name in base for name in names)


def test_a_name_from_another_release_is_reported(tmp_path):
    stale = tmp_path / "main.html"
    worker = next(n for n in theme.asset_names(MAIN) if "/workers/search." in n)
    stale.write_text(MAIN.read_text(encoding="utf-8").replace(worker, "assets/javascripts/workers/search.00000000.min.js"),
                     encoding="utf-8")
    problems = theme.stale_asset_names(stale)
    assert len(problems) == 1 and "search.00000000.min.js is not in the installed theme" in problems[0]
    assert problems[0].startswith("main.html, line ")
    # and against a theme that ships neither file, both names are reported
    assert len(theme.stale_asset_names(MAIN, tmp_path)) == 2
