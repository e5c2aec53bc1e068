"""Glossary data and the per-language search index split."""

import json

import pytest

from realharm import glossary, search


def test_real_glossary_has_30_terms_in_every_language(project):
    terms = glossary.load(project.data / "glossary.yaml", project.languages())
    assert len(terms) >= 30
    for lang in project.languages():
        lines = [line for line in glossary.abbreviations(terms, lang).splitlines() if line]
        assert len(lines) >= 30 and all(line.startswith("*[") for line in lines)


def test_glossary_rejects_missing_translation_and_long_tooltip(tmp_path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text(
        "terms:\n"
        "  - id: hash\n"
        "    term: {it: hash}\n"
        "    forms: {en: [hash], it: [hash]}\n"
        f"    short: {{en: \"{'x' * 141}\", it: \"impronta\"}}\n"
        "    definition: {en: d, it: d}\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError) as err:
        glossary.load(bad, ["en", "it"])
    assert "entry hash: field term.en: missing translation 'en'" in str(err.value)
    assert "entry hash: field short.en: longer than 140 characters" in str(err.value)


def test_first_use_of_each_term_gets_a_focusable_tooltip_and_later_uses_none():
    html = '<p><abbr title="x">y</abbr>, <abbr title="z">w</abbr> and <abbr title="x">ys</abbr></p>'
    assert glossary.first_use_tooltips(html) == (
        '<p><abbr tabindex="0" title="x">y</abbr>, <abbr tabindex="0" title="z">w</abbr> and ys</p>')


def test_no_focusable_tooltip_inside_a_link():
    """A focus stop inside a link is invalid HTML and a second, silent tab stop: a term inside a
    link stays plain text, and its tooltip goes to its first use outside a link."""
    html = ('<p><a href="x/"><abbr title="x">y</abbr> and <abbr title="z">w</abbr></a>, '
            '<a class="b" href="z/">z</a> <abbr title="x">ys</abbr></p>')
    assert glossary.first_use_tooltips(html) == (
        '<p><a href="x/">y and w</a>, <a class="b" href="z/">z</a> <abbr tabindex="0" title="x">ys</abbr></p>')


def test_search_index_is_split_per_language(tmp_path):
    merged = {"config": {"lang": ["en", "it"], "separator": "[\\s\\-]+"},
              "docs": [{"location": "", "title": "Home", "text": ""},
                       {"location": "law/", "title": "Law", "text": ""},
                       {"location": "it/", "title": "Home", "text": ""},
                       {"location": "it/law/#consent", "title": "Legge", "text": ""}]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    assert search.split_index(tmp_path, ["en", "it"]) == {"en": 2, "it": 2}
    en = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    it = json.loads((tmp_path / "it" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert en["config"]["lang"] == ["en"] and [d["location"] for d in en["docs"]] == ["", "law/"]
    assert it["config"]["lang"] == ["it"] and [d["location"] for d in it["docs"]] == ["", "law/#consent"]


def test_built_site_has_one_index_per_language(built_site):
    en = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    it = json.loads((built_site / "it" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert en["config"]["lang"] == ["en"] and it["config"]["lang"] == ["it"]
    assert not any(d["location"].startswith("it/") for d in en["docs"])
    print(f"\nsearch index: en {len(en['docs'])} entries, it {len(it['docs'])} entries")
