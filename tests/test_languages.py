"""Each language's settings live in its own file (data/ui/<code>.yaml): the build's language
blocks come from there, and a file that lacks a setting stops `make check` and the build with one
line naming the file, the field and what to do."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import urlparse

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


# ── a new, partly translated language ──
def _run(root, *args):
    return subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(root / "src")})


def _git(root, *args):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}).stdout


def test_new_language_scaffolds_and_builds_with_one_page_translated(tmp_path):
    root = copy_project(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "copy")
    made = _run(root, "new-language", "nl")
    assert made.returncode == 0 and "Next steps" in made.stdout and "docs/nl/" in made.stdout, made
    settings = yaml.safe_load((root / "data" / "ui" / "nl.yaml").read_text(encoding="utf-8"))
    assert settings["language"]["name"] == "Nederlands" and settings["language"]["direction"] == "ltr"
    assert settings["language"]["published"] is False and "# translate" in (root / "data" / "ui" / "nl.yaml").read_text()
    assert _run(root, "new-language", "nl").returncode == 1  # never overwrites a translator's file
    assert "not a language code" in _run(root, "new-language", "zz-nothing").stderr
    # translate one page
    english = (root / "docs" / "en" / "index.md").read_text(encoding="utf-8")
    (root / "docs" / "nl").mkdir()
    (root / "docs" / "nl" / "index.md").write_text(english.replace("# ", "# (nl) ", 1), encoding="utf-8")
    # data texts: the folder is made, its files say what goes in them; translate two
    folder = root / "data" / "i18n" / "nl"
    assert sorted(p.name for p in folder.iterdir()) == ["curriculum.yaml", "glossary.yaml", "laws.yaml",
                                                        "places.yaml", "services.yaml"]
    assert all(yaml.safe_load(p.read_text(encoding="utf-8")) is None for p in folder.iterdir())  # comments only
    assert "Write the English entry's id, then the field" in (folder / "services.yaml").read_text(encoding="utf-8")
    (folder / "services.yaml").write_text('it-112:\n  for: "Iedereen in Italië, bij direct gevaar."\n', encoding="utf-8")
    (folder / "places.yaml").write_text('IT: "Italië"\n', encoding="utf-8")
    assert sorted(_git(root, "status", "--porcelain").split("\n")[:-1]) == [
        "?? data/i18n/nl/", "?? data/ui/nl.yaml", "?? docs/nl/", "?? style/nl.md"]
    guide = (root / "style" / "nl.md").read_text(encoding="utf-8")  # a stub style guide to fill in
    assert "# Style guide: Nederlands (nl)" in guide and "## Terms table" in guide and "## False friends" in guide
    assert settings["style"]["guide"] == "style/nl.md" and settings["style"]["enforce"] is False
    check = _run(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    site = tmp_path / "site"
    _seconds, proc = build(site, site_url="http://127.0.0.1:8000/", root=root, extra_env={"PYTHONPATH": str(root / "src")})
    assert proc.returncode == 0, proc.stderr
    home = (site / "nl" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home and "rh-fallback" not in home
    untranslated = (site / "nl" / "help" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in untranslated
    assert 'class="admonition outdated rh-fallback" lang="nl"' in untranslated and "not yet in Nederlands" in untranslated
    assert '<div lang="en" dir="ltr"><h1 id="get-help-now">' in untranslated
    assert 'href="../../help/" hreflang="en"' in untranslated and 'href="../about/contribute/"' in untranslated
    # not published: not offered in the switcher, not in the sitemap
    for page in (site / "index.html", site / "nl" / "index.html", site / "it" / "help" / "index.html"):
        assert 'hreflang="nl"' not in page.read_text(encoding="utf-8"), page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # pages under the language's root, not a page that happens to be named nl (the Netherlands directory)
    paths = [urlparse(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert not [p for p in paths if p.startswith("/nl/")] and 'hreflang="nl"' not in sitemap
    assert any(p.startswith("/it/") for p in paths)
    total = len(list((root / "docs" / "en").rglob("*.md")))
    status = (site / "about" / "translations" / "index.html").read_text(encoding="utf-8")
    assert f"Nederlands: 1 of {total} pages translated, 0 of them outdated, {total - 1} not translated" in status
    report = _run(root, "translations").stdout
    assert f"Nederlands (nl): 1 of {total} pages translated" in report
    texts = int(report.split("data texts 2 of ", 1)[1].split()[0])  # the Italian count: every text
    assert f"Nederlands (nl): 1 of {total} pages translated, 0 outdated, {total - 1} not translated; " \
           f"data texts 2 of {texts} translated" in report and f"Italiano (it): " in report
    # on a translated page, a translated text is Dutch and the others English, marked
    from realharm import render
    from realharm.data import load_dataset

    from realharm.project import Project

    dataset = load_dataset(root / "data", Project(root).languages(), label_root=root)
    block = render.service_block(next(s for s in dataset.services["IT"]["services"] if s["id"] == "it-112"), "nl")
    assert "- **" in block and "Iedereen in Italië, bij direct gevaar." in block
    assert '<span lang="en" dir="ltr">The European emergency number' in block
    assert dataset.place_name("IT", "nl") == "Italië"


def test_a_published_language_without_its_minimum_set_stops_check_and_build(tmp_path):
    root = copy_project(tmp_path)
    assert _run(root, "new-language", "nl").returncode == 0
    path = root / "data" / "ui" / "nl.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  published: false", "  published: true"), encoding="utf-8")
    minimum = yaml.safe_load(path.read_text(encoding="utf-8"))["language"]["minimum_set"]
    (root / "docs" / "nl").mkdir()
    (root / "docs" / "nl" / minimum[0]).write_text("---\ntitle: x\ndescription: y\n---\n# Vertaald\n", encoding="utf-8")
    lines = [f"docs/nl/{rel}: not translated yet, and data/ui/nl.yaml publishes nl with this page in its "
             f"minimum_set: translate it, or set published: false" for rel in minimum[1:]]
    check = _run(root, "check")
    assert check.returncode == 1 and all(line in check.stdout for line in lines), check.stdout
    assert f"docs/nl/{minimum[0]}: not translated yet" not in check.stdout
    _seconds, proc = build(tmp_path / "site", site_url="http://127.0.0.1:8000/", root=root,
                           extra_env={"PYTHONPATH": str(root / "src")})
    assert proc.returncode != 0 and all(line in proc.stderr for line in lines) and "Traceback" not in proc.stderr


def test_a_data_text_not_yet_translated_is_shown_in_english_marked(project):
    from realharm import glossary, render
    from realharm.data import load_dataset

    dataset = load_dataset(project.data, project.languages(), label_root=project.root)
    service = dataset.services["IT"]["services"][0]
    block = render.service_block(service, "nl")  # a language with no data texts yet
    assert f'<span lang="en" dir="ltr">{render.md_text(service["does"]["en"])}</span>' in block
    translated = render.service_block(service, "it")
    assert '<span lang="en" dir="ltr">' not in translated and render.md_text(service["does"]["it"]) in translated
    terms = glossary.load(project.data / "glossary.yaml", project.languages())
    page = glossary.render(terms, lang="nl")
    assert page.count('<span lang="en" dir="ltr">') == 2 * len(terms)
    assert '<span lang="en" dir="ltr">' not in glossary.render(terms, lang="it")
