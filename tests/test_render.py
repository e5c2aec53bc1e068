"""Markdown rendered from data: finder choices, directory, law table and changes."""

import re
from pathlib import Path

import pytest

from realharm import render
from realharm.curriculum import lesson_plans
from realharm.data import load_dataset

# What a person in each situation must be shown, and must not be shown.
ITALY_UNDER_18_SHARED = {
    "must": {"it-114", "it-telefono-azzurro", "it-polizia-postale", "it-garante-privacy", "int-take-it-down"},
    "must_not": {"int-stopncii", "it-permessonegato"},
}
US_ADULT_THREATENED = {
    "must": {"us-ccri-helpline", "int-stopncii"},
    "must_not": {"us-ncmec-cybertipline", "int-take-it-down"},
}


def dataset(project):
    return load_dataset(project.data, project.languages())


def test_finder_italy_under_18_shared(project):
    ids = set(render.finder_services(dataset(project), country="IT", age="under18", situation="shared"))
    assert ITALY_UNDER_18_SHARED["must"] <= ids
    assert not ids & ITALY_UNDER_18_SHARED["must_not"]


def test_finder_us_adult_threatened(project):
    ids = set(render.finder_services(dataset(project), country="US", age="adult", situation="threatened"))
    assert US_ADULT_THREATENED["must"] <= ids
    assert not ids & US_ADULT_THREATENED["must_not"]
    assert not any(i.startswith("it-") for i in ids)


def test_matches_reads_ages_and_minor_situation():
    svc = {"ages": ["under18"], "situations": ["minor"]}
    assert render.matches(svc, age="under18", situation="shared")
    assert not render.matches(svc, age="adult", situation="shared")
    assert not render.matches({"ages": ["adult"], "situations": ["shared"]}, age="adult", situation="helping")


def test_directory_speaks_the_page_language(project):
    ds = dataset(project)
    en = render.render_services(ds, lang="en", country="IT")
    it = render.render_services(ds, lang="it", country="IT")
    assert "Who can use it" in en and "A chi si rivolge" in it
    assert "{ #it-1522 }" in en and "{ #it-1522 }" in it


def test_finder_lists_every_service_without_javascript(project):
    ds = dataset(project)
    html = render.render_finder(ds, lang="it")
    total = sum(len(doc["services"]) for doc in ds.services.values())
    assert html.count('class="rh-service"') == total
    assert html.index('id="country-it"') < html.index('id="country-au"')  # Italy first on Italian pages
    # the cards sit in one raw HTML block, shown only without scripts (a blank line would end it)
    cards = html[html.index('<noscript id="rh-finder-cards">'):]
    assert cards.count('class="rh-service"') == total and "\n\n" not in cards.strip()
    # everyone gets a link to every country's directory page
    assert all(f"](directory/{code.lower()}.md)" in html for code in ds.services)


def test_law_table_has_a_row_per_provision_and_italy_first_in_italian(project):
    ds = dataset(project)
    rows = [line for line in render.render_laws_table(ds, lang="it").splitlines() if line.startswith("| [")]
    assert len(rows) == sum(len(doc["provisions"]) for doc in ds.laws.values())
    assert rows[0].startswith("| [Italia](it.md)")


def test_a_lessons_law_table_keeps_its_places_and_links_to_the_law_pages(project):
    ds = dataset(project)
    rows = [line for line in render.render_laws_table(ds, lang="en", jurisdictions="GB,it", base="../../law/")
            .splitlines() if line.startswith("| [")]
    assert len(rows) == len(ds.laws["GB"]["provisions"]) + len(ds.laws["IT"]["provisions"])
    assert all(re.match(r"\| \[[^]]+\]\(\.\./\.\./law/(gb|it)\.md\) \|", r) for r in rows), rows
    ids = [ds.laws["IT"]["provisions"][0]["id"], ds.laws["GB"]["provisions"][0]["id"]]
    rows = [line for line in render.render_laws_table(ds, lang="en", provisions=",".join(ids)).splitlines()
            if line.startswith("| [")]
    assert len(rows) == 2 and all(f"#{i})" in "".join(rows) for i in ids)
    short = render.render_laws_table(ds, lang="en", provisions=ids[0], penalty="no").splitlines()
    long = render.render_laws_table(ds, lang="en", provisions=ids[0]).splitlines()
    assert [line.count(" | ") for line in short if line.startswith("| [")] == \
        [line.count(" | ") - 1 for line in long if line.startswith("| [")]
    for args in ({"jurisdictions": "XX"}, {"jurisdictions": ""}, {"provisions": "it-nothing"}):
        with pytest.raises(KeyError, match=f"{next(iter(args))}="):
            render.render_laws_table(ds, lang="en", **args)


def test_law_changes_are_newest_first(project):
    events = render.law_changes(dataset(project), "en")
    dates = [e[0] for e in events]
    assert dates == sorted(dates, reverse=True) and len(events) >= 12


def _card(phone: dict) -> dict:
    return {"id": "us-example", "name": "Example line", "kind": "helpline", "ages": ["adult"],
            "situations": ["shared"], "for": {"en": "Anyone"}, "does": {"en": "Listens"},
            "phone": phone, "url": "https://example.org/", "source_url": "https://example.org/",
            "verified_on": "2026-12-06"}


def test_phone_link_dials_the_international_form_and_shows_the_national_one():
    block = render.service_block(_card({"local": "844-878-2274", "international": "+1 844-878-2274"}), "en")
    assert "[844-878-2274](tel:+18448782274)" in block
    assert "tel:8448782274" not in block


def test_short_number_without_international_form_keeps_its_national_link():
    block = render.service_block(_card({"local": "1522"}), "en")
    assert "[1522](tel:1522)" in block


def test_international_only_number_is_shown_as_from_abroad():
    block = render.service_block(_card({"international": "+353 1 963 7755"}), "en")
    assert "from abroad: [+353 1 963 7755](tel:+35319637755)" in block


def test_curriculum_map_lesson_column_is_links_not_raw_markdown(project):
    """The map goes through Python-Markdown as the site renders it: every lesson is a link."""
    import markdown

    for lang in project.languages():
        source = render.render_curriculum_map(project.docs, {}, lang=lang)
        html = markdown.markdown(source, extensions=["md_in_html", "attr_list", "tables"])
        links = re.findall(r'<td><a href="(lessons/[^"]+\.md)">', html)
        assert len(links) == source.count("<tr data-age=") >= 16, lang
        assert "](lessons/" not in html and 'markdown="' not in html, lang


def test_curriculum_map_shows_each_plans_own_columns_escaped(project):
    """Each row shows its own plan's entry (by file name), escaped; a plan without one shows empty cells."""
    plans = [e for e in lesson_plans(project.docs, "en")]
    first, second = Path(plans[0].rel).stem, Path(plans[1].rel).stem
    curriculum = {"lessons": {first: {"it": {"en": "Civic <b>education</b>", "it": "Educazione civica"},
                                      "uk": {"en": "Computing & more"}}}}
    rows = {}
    for lang in ("en", "it"):
        source = render.render_curriculum_map(project.docs, curriculum, lang=lang)
        rows[lang] = re.findall(r"<tr data-age=.*?</tr>", source, re.S)
    one = next(r for r in rows["en"] if f"{first}.md" in r)
    assert "<td>Civic &lt;b&gt;education&lt;/b&gt;</td><td>Computing &amp; more</td>" in one
    assert "<td>Educazione civica</td>" in next(r for r in rows["it"] if f"{first}.md" in r)
    two = next(r for r in rows["en"] if f"{second}.md" in r)
    assert two.endswith("<td></td><td></td></tr>") and "Civic" not in two


def test_data_headings_sit_one_level_under_their_page_heading(project):
    """Directory and law pages put the data under the page's h1: h2 each (an h3 right under an
    h1 skips a level); under a section's h2 the marker asks for level=3."""
    ds = dataset(project)
    heads = lambda md: {line.split(" ", 1)[0] for line in md.splitlines() if line.startswith("#")}  # noqa: E731
    assert heads(render.render_services(ds, lang="it", country="IT")) == {"##"}
    assert heads(render.render_law(ds, lang="en", jurisdiction="IT")) == {"##"}
    assert heads(render.render_law(ds, lang="en", jurisdiction="EU", level="3")) == {"###"}
    with pytest.raises(TypeError):
        render.render_law(ds, lang="en", jurisdiction="EU", level="7")


def test_about_names_the_maintainers_and_links_the_configured_repository():
    url = "https://example.org/real-harm/site"
    for lang in ("en", "it"):
        md = render.render_repository(url, lang=lang)
        assert f"]({url})" in md and f"]({url}/issues)" in md, lang
        assert "Real Harm" in md
    empty = render.render_repository("", lang="en")
    assert "](" not in empty and "not" in empty


def test_repository_address_must_be_a_web_address():
    for bad in ("javascript:alert(1)", "http://example.org/x", "https://example.org/a b", 'https://x.org/"',
                "https://x.org/a)[b]"):
        with pytest.raises(ValueError):
            render.repository_url(bad)
    assert render.repository_url(" https://example.org/x/ ") == "https://example.org/x"
    assert render.repository_url("") == ""


def test_the_curriculum_read_again_after_a_page_changes(tmp_path):
    """The listings keep what they read from the pages' front matter while nothing changes, and
    read a page again when it does."""
    from realharm import curriculum

    page = tmp_path / "en" / "learn" / "m1-x.md"
    page.parent.mkdir(parents=True)
    front = ('---\ntitle: "{title}"\nmodule: 1\naudience: learners\nage_band: "14-16"\n'
             'duration_minutes: 45\n---\n\n# x\n')
    page.write_text(front.format(title="First title"), encoding="utf-8")
    assert [e.title for e in curriculum.entries(tmp_path, "en")] == ["First title"]
    page.write_text(front.format(title="A longer second title"), encoding="utf-8")
    assert [e.title for e in curriculum.entries(tmp_path, "en")] == ["A longer second title"]
    found = curriculum.learner_modules(tmp_path, "en")
    found.clear()  # a caller changing the list it got
    assert [e.title for e in curriculum.learner_modules(tmp_path, "en")] == ["A longer second title"]
