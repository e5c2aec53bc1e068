"""Search per language: each language's index holds its own pages, every result opens a built
page of that language, a partly translated language finds its English pages at its own address,
and a single-language build (BUILD_ONLY_LOCALE) searches the language it built."""

from __future__ import annotations

import json
import os
import sys
import subprocess

from realharm import search
from support import build, copy_project


def _merged(site, docs, lang=("en",)):
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / "search" / "search_index.json").write_text(
        json.dumps({"config": {"lang": list(lang), "separator": "[\\s]+"}, "docs": docs}), encoding="utf-8")


def _page(site, rel, ids=()):
    path = site / rel / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<h1>x</h1>" + "".join(f'<h2 id="{i}">{i}</h2>' for i in ids), encoding="utf-8")


def _index(site, lang=""):
    return json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))


SETTINGS = {"en": {"search": {"lang": "en", "separator": "[\\s]+"}},
            "it": {"search": {"lang": "it", "separator": "[\\s']+"}}}


def test_a_single_language_build_gets_the_root_index_with_its_settings(tmp_path):
    _merged(tmp_path, [{"location": "", "title": "Casa", "text": "leggi"},
                       {"location": "law/#consenso", "title": "Legge", "text": ""}])
    assert search.split_index(tmp_path, ["it"], settings=SETTINGS) == {"it": 2}
    root = _index(tmp_path)
    assert root["config"]["lang"] == ["it"] and root["config"]["separator"] == "[\\s']+"
    assert [d["location"] for d in root["docs"]] == ["", "law/#consenso"]
    assert not (tmp_path / "it").exists()  # no second, empty index for the page to look in


def test_every_entry_of_a_partly_translated_language_is_kept_at_its_address(tmp_path):
    english = [{"location": "help/", "title": "Get help", "text": "t"},
               {"location": "help/#now", "title": "Now", "text": "same"}]
    _merged(tmp_path, english + [{**d, "location": "es/" + d["location"]} for d in english])
    assert search.split_index(tmp_path, ["en", "es"]) == {"en": 2, "es": 2}
    assert [d["location"] for d in _index(tmp_path, "es")["docs"]] == ["help/", "help/#now"]


def test_the_index_check_accepts_a_good_site_and_names_each_problem(tmp_path):
    _page(tmp_path, "", ["need-help"])
    _page(tmp_path, "law", ["consent"])
    _page(tmp_path, "it/law", ["consenso"])
    good = [{"location": "", "title": "Home", "text": ""}, {"location": "#need-help", "title": "Help", "text": ""},
            {"location": "law/", "title": "Law", "text": ""}, {"location": "law/#consent", "title": "Consent", "text": ""}]
    _merged(tmp_path, good + [{"location": "it/law/", "title": "Legge", "text": ""},
                              {"location": "it/law/#consenso", "title": "Consenso", "text": ""}])
    search.split_index(tmp_path, ["en", "it"])
    assert search.problems(tmp_path, ["en", "it"]) == []
    assert search.problems(tmp_path, ["en", "it", "es"]) == ["es/search/search_index.json: the search index of es is missing"]
    bad = [{"location": "law/#consenso", "title": "Consenso", "text": ""},  # a section the page lacks
           {"location": "gone/", "title": "Gone", "text": ""},  # a page not built
           {"location": "#consent", "title": "Orphan", "text": ""}]  # no such id on the home page
    _merged(tmp_path, [d for d in good if d["location"] != ""] + bad + [{"location": "it/law/#consenso", "title": "C", "text": ""}])
    search.split_index(tmp_path, ["en", "it"])
    found = search.problems(tmp_path, ["en", "it"])
    assert found == [
        "search/search_index.json: result '#need-help' (Help) is a section without its page",
        "search/search_index.json: result 'law/#consenso' (Consenso) points to a section the page does not have",
        "search/search_index.json: result 'gone/' (Gone) points to a page that was not built",
        "search/search_index.json: result '#consent' (Orphan) points to a section the page does not have",
        "it/search/search_index.json: result 'law/#consenso' (C) is a section without its page",
    ], found
    _merged(tmp_path, good)
    search.split_index(tmp_path, ["en", "it"])
    assert search.problems(tmp_path, ["en", "it"]) == [
        "it/search/search_index.json: the search index of it is empty: search would find nothing"]


def _locations(site, lang=""):
    return [d["location"] for d in _index(site, lang)["docs"]]


def test_a_partly_translated_language_and_a_single_language_build_search_their_own_pages(tmp_path):
    root = copy_project(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    made = subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "new-language", "nl"],
                          capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    english = (root / "docs" / "en" / "index.md").read_text(encoding="utf-8")
    (root / "docs" / "nl").mkdir()
    (root / "docs" / "nl" / "index.md").write_text(english.replace("# ", "# Vertaald ", 1), encoding="utf-8")
    site = tmp_path / "site"
    _seconds, proc = build(site, site_url="http://127.0.0.1:8000/", root=root, extra_env={"PYTHONPATH": str(root / "src")})
    assert proc.returncode == 0, proc.stderr
    languages = ["en", "it", "nl"]
    assert search.problems(site, languages) == []
    en, nl = _locations(site), _locations(site, "nl")
    assert _index(site, "nl")["config"]["lang"] == ["nl"]
    # the translated page is found in Dutch; every section of an English page is found at /nl/
    assert any(d["title"].startswith("Vertaald") for d in _index(site, "nl")["docs"])
    assert not any(d["title"].startswith("Vertaald") for d in _index(site)["docs"])
    help_en = [loc for loc in en if loc.startswith("help/")]
    assert help_en and set(help_en) <= set(nl)
    print(f"\nsearch index entries: en {len(en)}, it {len(_locations(site, 'it'))}, nl {len(nl)}")
    # one language on its own: the root index is that language's, with its settings
    alone = tmp_path / "alone"
    _seconds, proc = build(alone, site_url="http://127.0.0.1:8000/", root=root,
                           extra_env={"PYTHONPATH": str(root / "src"), "BUILD_ONLY_LOCALE": "it"})
    assert proc.returncode == 0, proc.stderr
    assert search.problems(alone, ["it"]) == []
    index = _index(alone)
    assert index["config"]["lang"] == ["it"] and len(index["docs"]) == len(_locations(site, "it"))
    assert not (alone / "it" / "search" / "search_index.json").exists()
