"""Worksheets (```worksheet): checked against their schema with one line per problem, kept in step
between languages, shown on the page escaped, and printed one to an A4 page in the student sheet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from realharm import checks, teachpack, worksheets
from realharm.__main__ import main
from realharm.cards import BlockError
from realharm.pages import Page
from realharm.project import Project
from realharm.safe import inline_markdown

from support import ROOT, copy_project

FIXTURES = Path(__file__).parent / "fixtures" / "worksheets"
GOOD = Page.read(FIXTURES / "good.md")
# the sheets the plans ask for (docs/<lang>/teach/lessons/<plan>.md: worksheet ids), in every language
CONVERTED = {
    "m2-real-harm-11-13": ["m2-11-13-helping-hand"],
    "m4-threats-and-scams-11-13": ["m4-11-13-comic-strip"],
    "m6-law-14-16": ["m6-14-16-report"],
    "m8-case-study-16-18": ["m8-16-18-case-file"],
    "m8-case-study-adults": ["m8-adults-lever-map"],
}


def found(name: str):
    return worksheets.page_worksheets(Page.read(FIXTURES / name), f"docs/en/{name}")


def test_a_good_page_parses_to_its_worksheets():
    sheets, problems = worksheets.page_worksheets(GOOD, "good.md")
    assert problems == []
    assert [(w["id"], w["layout"], len(w["parts"])) for w in sheets] == [("report", "boxes", 4), ("strip", "strip", 3)]
    assert [p["lines"] for p in sheets[0]["parts"]] == [4, 3, 2, 3]
    assert sheets[0]["parts"][0]["hint"].startswith("Say it in words")


def test_a_part_without_lines_gets_the_default():
    block = worksheets.parse('id: x\ntitle: "T"\ninstructions: "Do it."\nlayout: list\nparts:\n  - label: "A"\n')
    assert block["parts"][0]["lines"] == worksheets.DEFAULT_LINES


@pytest.mark.parametrize("name, line, message", [
    ("bad-layout.md", 10, "field layout: 'grid' is not one of boxes, strip, list"),
    ("image.md", 10, "field parts.0.hint: worksheets are text only: remove the image"),
    ("missing-label.md", 10, "field parts.1.label: is missing"),
    ("bad-yaml.md", 10, "not valid YAML, line 11"),
    ("unknown-field.md", 10, "field (top level): unknown field(s) columns"),
    ("duplicate-id.md", 28, "field id: 'report' is already used at line 10"),
    ("too-many-parts.md", 10, "field parts: has 9, at most 8 allowed"),
    ("bad-id.md", 10, "field id: 'Report Sheet' must be lower case letters, digits and hyphens"),
])
def test_each_bad_block_is_one_line_naming_file_line_and_field(name, line, message):
    _sheets, problems = found(name)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"docs/en/{name}: worksheet block at line {line}: "), problems[0]
    assert message in problems[0] and "\n" not in problems[0] and "Traceback" not in problems[0]


@pytest.mark.parametrize("name, message", [
    ("twin-other-id.md", "worksheet blocks ['segnalazione', 'strip'] differ from ['report', 'strip']"),
    ("twin-part-missing.md", "worksheet report: 3 parts, good.md has 4"),
    ("twin-other-layout.md", "worksheet report: field layout: 'list', good.md has 'boxes'"),
    ("twin-other-lines.md", "worksheet report: field parts.2.lines: 5, good.md has 2"),
])
def test_a_translation_keeps_ids_layout_and_parts(name, message):
    assert worksheets.parity(GOOD, Page.read(FIXTURES / "twin-ok.md"), "twin-ok.md", "good.md") == []
    problems = worksheets.parity(GOOD, Page.read(FIXTURES / name), name, "good.md")
    assert len(problems) == 1 and problems[0].startswith(f"{name}: ") and message in problems[0], problems


def test_the_parity_check_and_make_check_cover_worksheets(tmp_path, capsys):
    docs = tmp_path / "docs"
    for lang, name in (("en", "good.md"), ("it", "twin-part-missing.md")):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "page.md").write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert any("docs/it/page.md: worksheet report: 3 parts" in p for p in checks.parity(docs, ["en", "it"]))
    (tmp_path / "copy").mkdir()
    root = copy_project(tmp_path / "copy")
    page = root / "docs/en/teach/lessons/m1-synthetic-media-11-13.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + (FIXTURES / "bad-layout.md").read_text(
        encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^docs/en/teach/lessons/m1-synthetic-media-11-13\.md: worksheet block at line \d+: "
                     r"field layout: 'grid' is not one of", out, re.M), out
    body = Page.read(page).blocks(("worksheet",))[-1][2]
    with pytest.raises(Exception, match="worksheet: field layout: 'grid'"):
        worksheets.fence_format(body, "worksheet", "worksheet", {}, None)


def test_a_worksheet_renders_escaped_as_a_labelled_figure():
    sheets, _ = worksheets.page_worksheets(GOOD, "good.md")
    out = worksheets.render(sheets[0], inline_markdown())
    assert out.startswith('<figure class="rh-worksheet rh-worksheet--boxes" id="worksheet-report" '
                          'data-rh-worksheet="report" data-layout="boxes" aria-labelledby="worksheet-report-title">')
    assert '<figcaption class="rh-worksheet__title" id="worksheet-report-title"><strong>Report &lt;b&gt;now&lt;/b&gt; &amp; fast' in out
    assert "<script>" not in out and "&lt;script&gt;" in out and "<em>one</em>" in out
    assert "What &lt;i&gt;happened&lt;/i&gt;" in out and "<i>" not in out and "<b>" not in out
    assert "Say it in words &amp; never attach the image" in out
    assert out.count('<li class="rh-worksheet__part"') == 4 and 'data-lines="4"' in out
    assert "style=" not in out  # the content security policy refuses style attributes
    assert out.count('<span class="rh-worksheet__line"></span>') == 4 + 3 + 2 + 3
    strip = worksheets.render(sheets[1], inline_markdown())
    assert strip.count('class="rh-worksheet__panel" aria-hidden="true"') == 3
    assert '<span class="rh-worksheet__n">2</span> <strong>I stop</strong>' in strip


def test_the_plans_carry_their_worksheets_in_english_and_italian():
    project = Project(ROOT)
    for lang in ("en", "it"):
        for stem, ids in CONVERTED.items():
            page = Page.read(project.docs / lang / "teach" / "lessons" / f"{stem}.md")
            sheets, problems = worksheets.page_worksheets(page, stem)
            assert problems == [] and [w["id"] for w in sheets] == ids, (lang, stem)
            # the preparation box names the sheet and where it is printed
            prep = page.body.split("!!! preparation", 1)[1].split("\n!!! ", 1)[0]
            where = "student sheet" if lang == "en" else "scheda per la classe"
            assert where in prep.lower(), (lang, stem)


@pytest.fixture(scope="module")
def sheet_url(built_site):
    """The built site served as `make site` serves it to print the sheets (sitebuild.serve)."""
    from realharm import sitebuild

    server, base = sitebuild.serve(built_site)
    yield base
    server.shutdown()


def test_the_student_sheet_prints_each_worksheet_on_its_own_page_without_answers(project, built_site, sheet_url,
                                                                                 browser, tmp_path):
    from pypdf import PdfReader

    from test_teachpack import answer_leaks, plain, squash, ticket_answers
    from realharm import quizexport

    plans = [p for p in teachpack.pages(project.docs, ["en", "it"], {6})
             if p.stem == "m6-law-14-16" and p.entry.audience == "educators"]
    assert len(plans) == 2
    written = teachpack.print_sheets(sheet_url, tmp_path, plans, browser=browser, site_url="https://example.org/",
                                     date="2026-12-06")
    for plan in plans:
        sheet = tmp_path / "downloads" / plan.lang / f"{plan.stem}-student-sheet.pdf"
        assert sheet in written
        pages = [squash(p.extract_text()) for p in PdfReader(sheet).pages]
        [block], _ = worksheets.page_worksheets(Page.read(project.docs / plan.lang / plan.entry.rel), plan.stem)
        own = [n for n, text in enumerate(pages) if squash(block["title"]) in text]
        assert len(own) == 1, (plan.lang, own)  # one page, and only one, carries the worksheet
        text = pages[own[0]]
        assert squash(plan.entry.title)[:30] in text and "CCBY-SA4.0" in text and "2026" in text
        assert squash(plain(block["instructions"]))[:40] in text
        for part in block["parts"]:
            assert squash(part["label"]) in text, part["label"]
        questions = quizexport.page_questions(project.docs / plan.lang / plan.entry.rel)
        assert answer_leaks("".join(pages), questions, ticket_answers(built_site, plan.url_path)) == []


def test_a_worksheet_too_long_for_a_page_is_found(project, sheet_url, browser):
    plan = next(p for p in teachpack.pages(project.docs, ["en"], {6}) if p.stem == "m6-law-14-16")
    tab = browser.new_page(viewport={"width": 680, "height": 1000})
    tab.goto(sheet_url + plan.url_path)
    tab.emulate_media(media="print")
    tab.evaluate(teachpack.SHEET_JS, ["student", "Student sheet", "l", "Name", "Quiz", "Expected",
                                      teachpack.WORKSHEET_CSS])
    assert tab.evaluate(teachpack.WORKSHEET_FIT_JS) == []
    tab.evaluate("() => document.querySelector('.rh-sheet__worksheet .rh-worksheet__instructions')"
                 ".textContent = 'Write it all down. '.repeat(400)")
    assert tab.evaluate(teachpack.WORKSHEET_FIT_JS) == ["m6-14-16-report"]
    tab.close()
