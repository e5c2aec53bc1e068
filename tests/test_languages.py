"""Each language's settings live in its own file (data/ui/<code>.yaml): the build's language
blocks come from there, and a file that lacks a setting stops `make check` and the build with one
line naming the file, the field and what to do."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from realharm import languages
from support import copy_project, build


def test_every_language_has_complete_settings(project):
    codes = project.languages()
    assert codes[0] == project.default_language()
    assert sorted(codes[1:]) == sorted(p.stem for p in (project.data / "ui").glob("*.yaml") if p.stem != codes[0])
    assert languages.problems(project.root, codes) == []


def test_the_plugin_languages_come_from_the_settings(project):
    settings = project.settings()
    blocks = {b["locale"]: b for b in languages.plugin_languages(settings, project.languages()[0])}
    for code, s in settings.items():
        block = blocks[code]
        assert block["name"] == s["language"]["name"] and block["default"] == (code == project.languages()[0])
        assert block["extra"]["quick_exit_url"] == s["quick_exit_url"]
        assert block["extra"].get("search_root") == (None if block["default"] else code)
        assert block["theme"]["palette"][0]["toggle"]["name"] == s["palette"]["to_dark"]
        assert block["admonition_translations"] == s["admonitions"]
    only = languages.plugin_languages(settings, project.languages()[0], only=project.languages()[-1])
    assert [b["locale"] for b in only if b["build"]] == [project.languages()[-1]]
    assert all("search_root" not in b["extra"] for b in only)


def test_the_built_pages_use_each_languages_settings(project, built_site):
    for code, s in project.settings().items():
        page = built_site / ("" if code == project.languages()[0] else code) / "help" / "index.html"
        html = page.read_text(encoding="utf-8")
        assert f'href="{s["quick_exit_url"]}"' in html, code
        assert s["interface"]["quick_exit"] in html and s["palette"]["to_dark"] in html, code


def _without(root, code: str, key: str) -> None:
    """data/ui/<code>.yaml: a copy of the second language's file without one setting."""
    source = root / "data" / "ui" / "it.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    node = doc
    *parents, last = key.split(".")
    for part in parents:
        node = node[part]
    del node[last]
    (root / "data" / "ui" / f"{code}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def test_a_missing_setting_is_named_on_one_line(tmp_path):
    root = copy_project(tmp_path)
    for key in ("quick_exit_url", "search.separator", "language.minimum_set"):
        _without(root, "xx", key)
        found = languages.problems(root, ["en", "xx"])
        assert found == [f"data/ui/xx.yaml: field {key}: is missing; copy it from data/ui/en.yaml and set it "
                         f"({dict((k, w) for k, _t, w in languages.REQUIRED)[key]})"], found


def test_a_wrong_setting_is_named(tmp_path):
    root = copy_project(tmp_path)
    path = root / "data" / "ui" / "it.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  direction: ltr", "  direction: sideways").replace("  published: true", "  published: yes please"),
                    encoding="utf-8")
    found = languages.problems(root, ["en", "it"])
    assert "data/ui/it.yaml: field language.direction: 'sideways' is not right; write ltr or rtl" in found
    assert "data/ui/it.yaml: field language.published: 'yes please' is not right; write true or false" in found


def test_a_missing_setting_stops_check_and_build_with_one_line(tmp_path):
    root = copy_project(tmp_path)
    _without(root, "xx", "search")
    line = "data/ui/xx.yaml: field search.lang: is missing; copy it from data/ui/en.yaml"
    check = subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "check"],
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root / "src")})
    assert check.returncode == 1 and line in check.stdout and "Traceback" not in check.stderr, check
    _seconds, proc = build(tmp_path / "site", site_url="http://127.0.0.1:8000/", root=root,
                           extra_env={"PYTHONPATH": str(root / "src")})
    assert proc.returncode != 0 and line in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
