"""HTML validity with the Nu Html Checker: the project's own markup has no error, and the
theme's remaining errors are listed by kind."""

from __future__ import annotations

from realharm import htmlcheck

THEME_SAMPLES = [
    {"message": "Attribute “autocomplete” is only allowed when the input type is “color”, “date”.",
     "extract": '\n    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'},
    {"message": "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     "extract": '   <label class="md-nav__link " for="__nav_6" id="__nav_6_label" tabindex="">\n'},
    {"message": "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     "extract": '  \n    <label class="md-nav__title" for="__toc">\n'},
]
PROJECT_SAMPLES = [
    # the same messages on markup the project writes
    {"message": THEME_SAMPLES[0]["message"], "extract": '<input id="rh-name" type="checkbox" autocomplete="off">'},
    {"message": THEME_SAMPLES[1]["message"], "extract": '<label class="rh-x" for="rh-age" tabindex="">'},
    {"message": THEME_SAMPLES[2]["message"], "extract": '<label for="rh-missing">'},
    # and the kinds the project once had
    {"message": "An element with the attribute “tabindex” must not appear as a descendant of the “a” element.",
     "extract": 'sull\'<abbr tabindex="0" title="Programmi">IA</ab'},
    {"message": "The heading “h3” (with computed level 3) follows the heading “h1” (with computed level 1), "
                "skipping 1 heading level.", "extract": '</p>\n<h3 id="ai"><abbr '},
    {"message": "Attribute “spogliano\"” not allowed on element “meta” at this point.", "extract": 'a figlia.">'},
    {"message": "A message nobody has seen before.", "extract": ""},
]


def test_classifier_puts_each_sample_down_to_its_origin():
    kinds = {htmlcheck.classify(m) for m in THEME_SAMPLES}
    assert {origin for origin, _ in kinds} == {"theme"} and len(kinds) == len(htmlcheck.THEME_KINDS)
    for sample in PROJECT_SAMPLES:
        assert htmlcheck.classify(sample) == ("project", sample["message"]), sample


def test_report_names_page_and_line_of_each_project_error(tmp_path):
    messages = [{**PROJECT_SAMPLES[3], "url": f"file:{tmp_path}/it/law/index.html", "lastLine": 12},
                {**THEME_SAMPLES[0], "url": f"file:{tmp_path}/index.html"},
                {**THEME_SAMPLES[0], "url": f"file:{tmp_path}/it/index.html"}]
    project, theme = htmlcheck.report(messages, tmp_path)
    assert project == [f"it/law/index.html:12: {PROJECT_SAMPLES[3]['message']}"]
    assert list(theme.values()) == [2]


def test_checker_finds_errors_in_a_bad_page(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><h1>x</h1><h3>y</h3>'
                   '<a href="/"><abbr tabindex="0" title="t">z</abbr></a>', encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text('<!doctype html><html lang="en"><title>x</title><h1>x</h1><h2>y</h2>', encoding="utf-8")
    project, _ = htmlcheck.report(htmlcheck.run_vnu([bad, good]), tmp_path)
    assert len(project) == 2 and all(line.startswith("bad.html:") for line in project), project


def test_built_pages_have_no_error_of_the_project(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    project, theme = htmlcheck.report(htmlcheck.run_vnu(pages), built_site)
    print(f"\nvnu on {len(pages)} pages: {len(project)} project errors, {sum(theme.values())} theme errors")
    for kind, count in theme.most_common():
        print(f"  theme: {count:4d}  {kind}")
    assert not project, f"{len(project)} HTML errors in the project's markup:\n" + "\n".join(project[:40])
