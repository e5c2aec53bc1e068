"""The teacher pack: quizzes for learning platforms (Moodle XML, QTI 2.1), student sheet and answer
key, editable plan (DOCX, ODT) and the packs, checked with readers that are not ours."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from moodle_xml_parser import parser as moodle_parser

from realharm import audit, cards, packcheck, quizexport, sitebuild, slides, teachpack
from realharm.pages import Page
from realharm.curriculum import entries, lesson_plans
from realharm.safe import inline_markdown

DATE = "2026-12-06"
QTI = {"qti": quizexport.QTI_NS}
CP = {"cp": quizexport.CP_NS}


def plain(text: str) -> str:
    md = inline_markdown()
    return lxml_html.fragment_fromstring(quizexport._html(md, text), create_parent="div").text_content().strip()


def own_languages(project, rel: str) -> list[str]:
    """The languages with their own page at docs/<lang>/<rel> (a file or a folder): the others show
    the default language's page, with its files."""
    return [lang for lang in project.languages() if (project.docs / lang / rel).exists()]


def quiz_pages(project):
    """(lang, entry, questions) of every page with a quiz, in every language."""
    out = []
    for lang in project.languages():
        for e in entries(project.docs, lang):
            questions = quizexport.page_questions(project.docs / lang / e.rel)
            if questions:
                out.append((lang, e, questions))
    return out


def moodle_problems(data: bytes, questions: list[dict]) -> list[str]:
    """What a Moodle XML file gets wrong against the site's quiz, read by moodle-xml-parser."""
    parsed = moodle_parser.parse_bytes(data)["multichoice"]
    problems = []
    if len(parsed) != len(questions):
        return [f"{len(parsed)} questions, the site has {len(questions)}"]
    for n, (got, q) in enumerate(zip(parsed, questions), 1):
        if len(got.options) != len(q["options"]):
            problems.append(f"question {n}: {len(got.options)} options, the site has {len(q['options'])}")
            continue
        for m, (opt, want) in enumerate(zip(got.options, q["options"]), 1):
            right = want.get("correct") is True
            if (opt.score_fraction > 0) != right:
                problems.append(f"question {n}, option {m}: fraction {opt.score_fraction}, right answer: {right}")
            if not (opt.feedback or "").strip():
                problems.append(f"question {n}, option {m}: no feedback")
        if got.single != (sum(o.get("correct") is True for o in q["options"]) == 1):
            problems.append(f"question {n}: single/multiple answer does not match")
    return problems


def qti_problems(data: bytes, questions: list[dict]) -> list[str]:
    """What a QTI content package gets wrong: items found through the manifest, their choices,
    correct responses and one feedback per choice."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    hrefs = manifest.xpath('//cp:resource[@type="imsqti_item_xmlv2p1"]/@href', namespaces=CP)
    if len(hrefs) != len(questions):
        return [f"{len(hrefs)} items in the manifest, the site has {len(questions)} questions"]
    if not manifest.xpath('//cp:resource[@type="imsqti_test_xmlv2p1"]', namespaces=CP):
        return ["no test in the manifest"]
    problems = []
    for n, (href, q) in enumerate(zip(hrefs, questions), 1):
        item = etree.fromstring(zf.read(href))
        choices = item.xpath("//qti:simpleChoice", namespaces=QTI)
        if [c.text for c in choices] != [plain(o["text"]) for o in q["options"]]:
            problems.append(f"question {n}: choices differ from the site")
            continue
        right = {c.get("identifier") for c, o in zip(choices, q["options"]) if o.get("correct") is True}
        correct = set(item.xpath("//qti:correctResponse/qti:value/text()", namespaces=QTI))
        if correct != right:
            problems.append(f"question {n}: correct response {sorted(correct)}, the site says {sorted(right)}")
        feedback = {f.get("identifier"): f.text for f in item.xpath("//qti:modalFeedback", namespaces=QTI)}
        if set(feedback) != {c.get("identifier") for c in choices} or not all(feedback.values()):
            problems.append(f"question {n}: not one feedback per option")
    return problems


def test_every_quiz_exports_to_moodle_and_qti_with_the_sites_answers(project):
    pages = quiz_pages(project)
    langs = own_languages(project, "learn")
    assert {lang for lang, _e, _q in pages} == set(langs)
    assert len(pages) >= 16 * len(langs)  # 8 learner pages and 8 plans have a quiz
    for lang, e, questions in pages:
        meta = quizexport.Meta(e.title, lang, f"https://example.org/{e.rel}", DATE)
        assert moodle_problems(quizexport.moodle_xml(questions, meta), questions) == [], (lang, e.rel)
        assert qti_problems(quizexport.qti_package(questions, meta), questions) == [], (lang, e.rel)


def test_the_import_checks_reject_a_wrong_export(project):
    lang, e, questions = quiz_pages(project)[0]
    meta = quizexport.Meta(e.title, lang, "https://example.org/", DATE)
    flipped = [{**q, "options": [{**o, "correct": not o.get("correct")} for o in q["options"]]} for q in questions]
    assert moodle_problems(quizexport.moodle_xml(flipped, meta), questions)
    assert qti_problems(quizexport.qti_package(flipped, meta), questions)
    assert qti_problems(quizexport.qti_package(questions[1:], meta), questions)


def test_exported_text_is_escaped_and_carries_licence_source_and_date():
    questions = [{"question": 'Is <script>alert(1)</script> & "this" fine?', "options": [
        {"text": "<b>Yes</b>", "feedback": "No & never."},
        {"text": "No", "correct": True, "feedback": "Right."}]}]
    meta = quizexport.Meta("Title <i>", "en", "https://example.org/learn/m1/", DATE)
    moodle = quizexport.moodle_xml(questions, meta)
    root = etree.fromstring(moodle)
    assert root.find(".//questiontext/text").text.startswith("Is &lt;script&gt;")  # escaped once, shown as text
    assert b"<script>" not in moodle
    assert "CC BY-SA 4.0 · https://example.org/learn/m1/ · 2026-12-06" in root.find(".//info/text").text
    zf = zipfile.ZipFile(io.BytesIO(quizexport.qti_package(questions, meta)))
    item = etree.fromstring(zf.read("items/item1.xml"))
    assert item.xpath("//qti:prompt/text()", namespaces=QTI) == ['Is <script>alert(1)</script> & "this" fine?']
    assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert b"CC BY-SA 4.0 \xc2\xb7 https://example.org/learn/m1/ \xc2\xb7 2026-12-06" in zf.read("imsmanifest.xml")


def test_a_quiz_with_no_right_option_stops_the_export_in_one_line(tmp_path):
    page = tmp_path / "m9-bad.md"
    page.write_text('---\ntitle: Bad\n---\n\n```quiz\n- question: "Q?"\n  options:\n'
                    '    - {text: A, feedback: "x"}\n    - {text: B, feedback: "y"}\n```\n', encoding="utf-8")
    with pytest.raises(quizexport.QuizExportError) as exc:
        quizexport.page_questions(page, label="docs/en/learn/m9-bad.md")
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith("docs/en/learn/m9-bad.md: quiz at line 6: question 1: no option is marked")


# -- from the built site: sheets, office files, packs (module 1, both languages) --------------

@pytest.fixture(scope="module")
def module_one_pack(project, built_site, tmp_path_factory, browser):
    site = tmp_path_factory.mktemp("pack") / "site"
    shutil.copytree(built_site, site)
    sitebuild.make_pdfs(project, site, modules={1}, browser=browser)
    files = sitebuild.make_teacher_packs(project, site, modules={1}, browser=browser)
    return site, files


def squash(text: str) -> str:
    """Text without whitespace and with ligatures undone (PDF text extraction keeps "ﬁ")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return squash("".join(page.extract_text() for page in PdfReader(path).pages))


def answer_leaks(sheet_text: str, questions: list[dict], ticket_answers: list[str]) -> list[str]:
    """Feedback or exit-ticket answers found in a sheet's text (whitespace ignored)."""
    found = [fb for q in questions for o in q["options"] if squash(plain(fb := o["feedback"])) in sheet_text]
    return found + [a for a in ticket_answers if squash(a) in sheet_text]


def ticket_answers(site: Path, url_path: str) -> list[str]:
    """The exit ticket's answers, as the page shows them: the list after the ```exit-ticket block
    of the plan's check box, or the second list of a ticket written in prose."""
    doc = lxml_html.fromstring((site / url_path / "index.html").read_text(encoding="utf-8"))
    box = doc.xpath('//div[contains(@class, "admonition") and contains(@class, "check")]')[0]
    if box.xpath('.//*[contains(@class, "rh-q")]'):
        return []
    lists = box.xpath("./ol|./ul")
    answers = lists[0] if box.xpath('./*[contains(@class, "rh-ticket")]') and lists else \
        (lists[1] if len(lists) > 1 else None)
    return [li.text_content().strip()[:60] for li in answers.xpath("./li")] if answers is not None else []


def test_student_sheet_has_no_answers_and_answer_key_has_them(project, module_one_pack):
    site, _files = module_one_pack
    for plan in teachpack.pages(project.docs, project.languages(), {1}):
        if plan.entry.audience != "educators":
            continue
        questions = quizexport.page_questions(project.docs / plan.lang / plan.entry.rel)
        tickets = ticket_answers(site, plan.url_path)
        assert questions or tickets, plan.url_path
        sheet = pdf_text(site / "downloads" / plan.lang / f"{plan.stem}-student-sheet.pdf")
        key = pdf_text(site / "downloads" / plan.lang / f"{plan.stem}-answer-key.pdf")
        assert answer_leaks(sheet, questions, tickets) == [], plan.url_path
        # the same check finds every answer in the answer key: it can fail
        assert len(answer_leaks(key, questions, tickets)) == sum(len(q["options"]) for q in questions) + len(tickets)
        for text in (sheet, key):
            assert squash(plan.entry.title)[:30] in text
            assert "CCBY-SA4.0" in text and squash(plan.url_path) in text and DATE[:4] in text
        handout = "Handout" if plan.lang == "en" else "Scheda"
        assert handout in sheet
        # the written question of a 14-16 or 16-18 plan is on the sheet, what a good answer contains only in the key
        question, answer = packcheck.written_item((site / plan.url_path / "index.html").read_text(encoding="utf-8"))
        assert bool(question) == bool(answer) == (plan.entry.age_band in audit.WRITTEN_BANDS), plan.url_path
        assert all(squash(q) in sheet and squash(q) in key for q in question), plan.url_path
        assert all(squash(a) not in sheet and squash(a) in key for a in answer), plan.url_path


def office_problems(path: Path, *, title: str, lang: str, url: str) -> list[str]:
    """Title, language, licence line, source address and date of a DOCX or ODT file."""
    problems = []
    if path.suffix == ".docx":
        import docx

        doc = docx.Document(str(path))
        got_title, got_lang = doc.core_properties.title, doc.core_properties.language
        styles = doc.styles.element.xml
        text = "\n".join(p.text for p in doc.paragraphs)
        if f'w:val="{lang}' not in styles and got_lang != lang:
            problems.append(f"language is not {lang}")
    else:
        from odf import dc, opendocument, teletype, text as odf_text

        doc = opendocument.load(str(path))
        got_title = teletype.extractText(doc.meta.getElementsByType(dc.Title)[0]) if doc.meta.getElementsByType(dc.Title) else ""
        langs = doc.meta.getElementsByType(dc.Language)
        got_lang = teletype.extractText(langs[0]) if langs else ""
        text = "\n".join(teletype.extractText(p) for p in doc.getElementsByType(odf_text.P))
        if not got_lang.startswith(lang):
            problems.append(f"language is {got_lang!r}, not {lang}")
    if got_title != title:
        problems.append(f"title is {got_title!r}")
    for needed in ("CC BY-SA 4.0", url, DATE[:4]):
        if needed not in text:
            problems.append(f"no {needed!r} in the text")
    return problems


def test_editable_plans_carry_title_language_licence_source_and_date(project, module_one_pack):
    site, _files = module_one_pack
    for plan in teachpack.pages(project.docs, project.languages(), {1}):
        if plan.entry.audience != "educators":
            continue
        for ext in ("docx", "odt"):
            path = site / "downloads" / plan.lang / f"{plan.stem}.{ext}"
            assert office_problems(path, title=plan.entry.title, lang=plan.lang,
                                   url=sitebuild.site_address() + plan.url_path) == [], path.name


def test_the_office_check_rejects_a_file_without_metadata(tmp_path):
    import pypandoc

    for ext in ("docx", "odt"):
        out = tmp_path / f"bare.{ext}"
        pypandoc.convert_text("<p>Plain text only</p>", ext, format="html", outputfile=str(out))
        problems = office_problems(out, title="A plan", lang="it", url="https://example.org/x/")
        assert any("title" in p for p in problems) and any("CC BY-SA" in p for p in problems)
        assert any("language" in p for p in problems)


def test_every_plan_has_its_pack_with_every_file_and_each_module_one(project, module_one_pack):
    site, _files = module_one_pack
    for lang in own_languages(project, "teach/lessons"):
        plans = [e for e in lesson_plans(project.docs, lang) if e.module == 1]
        for e in plans:
            stem = Path(e.rel).stem
            names = set(zipfile.ZipFile(site / "downloads" / lang / f"{stem}-teacher-pack.zip").namelist())
            want = {f"{stem}.pdf", f"{stem}-student-sheet.pdf", f"{stem}-answer-key.pdf", f"{stem}.docx",
                    f"{stem}.odt", "LICENCE.txt", f"{stem}-slides.pptx", f"{stem}-slides.html",
                    *(teachpack.PACK_ASSETS + a for a in slides.ASSETS),
                    teachpack.PACK_ASSETS + "vendor/reveal/LICENSE"}
            if quizexport.page_questions(project.docs / lang / e.rel):
                want |= {f"{stem}-quiz.moodle.xml", f"{stem}-quiz.qti.zip"}
            sets, tickets, _ = cards.page_blocks(Page.read(project.docs / lang / e.rel), e.rel)
            want |= {f"{stem}-cards.pdf"} if sets else set()
            want |= {f"{stem}-exit-tickets.pdf"} if tickets else set()
            assert names == want, stem
        module = set(zipfile.ZipFile(site / teachpack.module_pack(lang, 1)).namelist())
        assert {"m1-synthetic-media.pdf", "m1-synthetic-media-quiz.moodle.xml",
                "m1-synthetic-media-quiz.qti.zip"} <= module
        assert all(f"{Path(e.rel).stem}-student-sheet.pdf" in module for e in plans)


def test_the_lesson_list_puts_each_plans_slides_beside_its_pack(project):
    """Teach's list of lesson plans (render_lessons), in both languages: in each plan's row, the
    browser slides right after the teacher pack, labelled in the page's language."""
    from realharm.render import render_lessons

    for lang in project.languages():
        up = "../" if lang == project.languages()[0] else "../../"
        label = {"en": "Slides", "it": "Slide"}.get(lang) or teachpack.t("teachpack", "slides", lang)
        rows = [line for line in render_lessons(project.docs, lang=lang).splitlines() if "rh-pack" in line]
        plans = lesson_plans(project.docs, lang)
        page_lang = lang
        if not plans:  # no plan of its own: the default language's plans, with their slides
            page_lang, plans = project.languages()[0], lesson_plans(project.docs, project.languages()[0])
        assert len(rows) == len(plans)
        for row, e in zip(rows, plans):
            cell = lxml_html.fragment_fromstring(row.rsplit("|", 2)[1], create_parent="div")
            links = [(a.get("class"), a.get("href"), a.text_content()) for a in cell.xpath("a")]
            stem = Path(e.rel).stem
            assert links[1:] == [("rh-slides", f"{up}downloads/{page_lang}/{stem}-slides.html", label)], e.rel


def test_every_plan_links_its_pack_and_teach_lists_them_with_their_slides(project, built_site):
    from urllib.parse import urljoin

    def targets(html: str, url: str, cls: str) -> set[str]:
        doc = lxml_html.fromstring(html)
        return {urljoin(url, a.get("href")) for a in doc.xpath(f'//a[contains(@class, "{cls}")]')}

    root = "http://site/"
    for lang in project.languages():
        prefix = "" if lang == project.languages()[0] else f"{lang}/"
        listing = targets((built_site / prefix / "teach" / "index.html").read_text(encoding="utf-8"),
                          f"{root}{prefix}teach/", "rh-pack")
        plans = lesson_plans(project.docs, lang)
        if not plans:  # no plan of its own: Teach lists the default language's plans and packs
            default = project.languages()[0]
            assert listing == {f"{root}{teachpack.pack_link(e.rel, default)}"
                               for e in lesson_plans(project.docs, default)}, lang
            continue
        want = {f"{root}{teachpack.pack_link(e.rel, lang)}" for e in plans}
        assert listing == want
        # and each plan's browser slides beside its pack, labelled in the page's language
        teach = lxml_html.fromstring((built_site / prefix / "teach" / "index.html").read_text(encoding="utf-8"))
        label = {"en": "Slides", "it": "Slide"}.get(lang) or teachpack.t("teachpack", "slides", lang)
        decks = [(urljoin(f"{root}{prefix}teach/", a.get("href")), a.text_content().strip())
                 for a in teach.xpath('//a[contains(@class, "rh-slides")]')]
        assert decks == [(f"{root}{teachpack.slides_link(e.rel, lang)}", label) for e in plans]
        for a in teach.xpath('//a[contains(@class, "rh-slides")]'):
            assert a.getparent().xpath('a[contains(@class, "rh-pack")]'), "slides not beside the pack"
        for e in plans:
            url = f"{root}{prefix}{e.rel[:-3]}/"
            page = targets((built_site / prefix / e.rel[:-3] / "index.html").read_text(encoding="utf-8"), url, "rh-pack")
            assert page == {f"{root}{teachpack.pack_link(e.rel, lang)}"}, e.rel


def test_card_packs_and_ticket_sheets_carry_language_title_every_card_and_no_answer(project, module_one_pack):
    """Module 1's plans in both languages: every card's text and label, every ticket prompt on
    each ticket of the sheet, the licence and address on every page, and no teacher-only answer nor ticket answer."""
    from pypdf import PdfReader

    site, _files = module_one_pack
    seen = 0
    for plan in teachpack.pages(project.docs, project.languages(), {1}):
        if plan.entry.audience != "educators":
            continue
        sets, tickets, _ = cards.page_blocks(Page.read(project.docs / plan.lang / plan.entry.rel), plan.entry.rel)
        assert sets, f"{plan.lang} {plan.stem}: no structured card set"
        for name, wanted in (("cards", sets), ("exit-tickets", tickets)):
            path = site / "downloads" / plan.lang / f"{plan.stem}-{name}.pdf"
            if not wanted:
                assert not path.exists()
                continue
            reader = PdfReader(path)
            assert str(reader.trailer["/Root"]["/Lang"]) == plan.lang
            assert reader.metadata.title.startswith(plan.entry.title)
            pages = [squash(p.extract_text()) for p in reader.pages]
            text = "".join(pages)
            assert all("CCBY-SA4.0" in p and squash(plan.url_path) in p for p in pages)
            if name == "cards":
                for block in sets:
                    for n, card in enumerate(block["cards"], 1):
                        assert squash(plain(card["text"])) in text, card["text"]
                        assert squash(f"{block['title']} · {cards.label(card, n)}") in text
                        if "answer" in card:  # "true"/"vero" alone would be found in other words
                            assert squash(f"{card['text']} {card['answer']}") not in text
                seen += 1
            else:
                # identical tickets, as many as fit (four, or two for the Italian 11-13 ones, longer)
                copies = {text.count(squash(plain(prompt))) for prompt in tickets[0]["prompts"]}
                assert len(copies) == 1 and copies <= {2, 4}, (plan.lang, plan.stem, copies)
                assert answer_leaks(text, [], ticket_answers(site, plan.url_path)) == []
                seen += 1
    assert seen == 6  # m1 11-13 (cards, tickets) and 14-16 (cards), in English and Italian


def test_a_plan_lists_its_card_pack_and_tickets_on_its_download_line(project, built_site):
    for lang in project.languages():
        prefix = "" if lang == project.languages()[0] else f"{lang}/"
        for e in lesson_plans(project.docs, lang):
            doc = lxml_html.fromstring((built_site / prefix / e.rel[:-3] / "index.html").read_text(encoding="utf-8"))
            links = {a.get("href").rsplit("/", 1)[-1] for a in doc.xpath('//a[contains(@class, "rh-print")]')}
            sets, tickets, _ = cards.page_blocks(Page.read(project.docs / lang / e.rel), e.rel)
            stem = Path(e.rel).stem
            assert links == ({f"{stem}-cards.pdf"} if sets else set()) | \
                ({f"{stem}-exit-tickets.pdf"} if tickets else set()), e.rel
            assert len(doc.xpath('//*[contains(@class, "rh-cards")][@data-rh-cards]')) == len(sets)


# -- whole-school documents: the letter to families (per country), the leadership brief, the staff briefing

ITALIAN_LAW = re.compile(r"\b(?:[Ll]egge|L\.|D\.M\.|d\.lgs\.?)\s*(?:n\.\s*)?\d+|\bart(?:icolo|\.)\s*\d+(?:-\w+)?|\bc\.p\.p?\."
                         r"|\b6\d\d-[a-z]+\b|[Cc]odice (?:penale|di procedura penale)")
ENGLISH_STATUTE = re.compile(r"\b[A-Z][a-z]+ (?:(?:of|and|the|[A-Z][a-z]+) )*Act(?: \d{4})?\b|\bKCSIE\b|Keeping children safe|\bRSHE\b|\bRSE\b"
                             r"|statutory guidance|Relationships Education")


def law_names(text: str, pattern: re.Pattern) -> list[str]:
    return sorted({m.group(0) for m in pattern.finditer(text)})


def office_text(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        doc = docx.Document(str(path))
        cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    from odf import opendocument, teletype, text as odf_text

    doc = opendocument.load(str(path))
    return "\n".join(teletype.extractText(p) for p in doc.getElementsByType(odf_text.P))


def school_titles(project, lang: str, stem: str) -> dict[str, str]:
    """The file stems a whole-school page gives, each with the title its files must carry: the page's
    title, and for the letter each country section's heading after it (read from the Markdown)."""
    page = (project.docs / lang / "teach" / f"{stem}.md").read_text(encoding="utf-8")
    title = re.search(r'^title: "(.*)"$', page, re.MULTILINE).group(1)
    out = {stem: title}
    if stem == teachpack.LETTER:
        for version in teachpack.LETTER_VERSIONS:
            heading = re.search(rf"^## (.+?) \{{ #{version} \}}$", page, re.MULTILINE).group(1)
            out[f"{stem}-{version}"] = f"{title} — {heading}"
    return out


def test_whole_school_documents_open_with_title_language_and_licence(project, module_one_pack):
    site, files = module_one_pack
    made = {p.name for p in files}
    for lang in own_languages(project, "teach/letter-to-families.md"):
        prefix = "" if lang == project.languages()[0] else f"{lang}/"
        for stem in teachpack.SCHOOL_PAGES:
            url = sitebuild.site_address() + f"{prefix}teach/{stem}/"
            for name, title in school_titles(project, lang, stem).items():
                for ext in ("docx", "odt"):
                    path = site / "downloads" / lang / f"{name}.{ext}"
                    assert path.name in made and teachpack.is_school_document(path.name)
                    assert office_problems(path, title=title, lang=lang, url=url) == [], path


def test_each_country_letter_names_only_its_own_law(project, module_one_pack):
    site, _files = module_one_pack
    for lang in own_languages(project, "teach/letter-to-families.md"):
        for ext in ("docx", "odt"):
            folder = site / "downloads" / lang
            uk, it = office_text(folder / f"letter-to-families-uk.{ext}"), office_text(folder / f"letter-to-families-it.{ext}")
            assert law_names(uk, ITALIAN_LAW) == [], (lang, ext)
            assert law_names(it, ENGLISH_STATUTE) == [], (lang, ext)
            # each names its own country's services; the leadership brief names both countries' laws,
            # and the same checks find them there (they can fail)
            assert "Report Remove" in uk and "Report Remove" not in it and "Polizia Postale" in it
            brief = office_text(folder / f"leadership-brief.{ext}")
            assert law_names(brief, ITALIAN_LAW) and law_names(brief, ENGLISH_STATUTE), (lang, ext)


def test_the_law_checks_find_named_laws():
    assert law_names("Legge 71/2017 e art. 331 c.p.p., art. 612-ter", ITALIAN_LAW) == ["Legge 71", "art. 331", "art. 612-ter", "c.p.p."]
    assert law_names("the Protection of Children Act 1978 and KCSIE", ENGLISH_STATUTE) == ["KCSIE", "Protection of Children Act 1978"]
    assert law_names("che cosa dice la legge; what the law says", ITALIAN_LAW) == []


def test_every_office_download_link_points_to_a_made_file(project, module_one_pack):
    from urllib.parse import urljoin

    site, files = module_one_pack
    made = {p.resolve() for p in files}
    linked = set()
    for lang in project.languages():
        prefix = "" if lang == project.languages()[0] else f"{lang}/"
        for stem in teachpack.SCHOOL_PAGES:
            url_path = f"{prefix}teach/{stem}/"
            doc = lxml_html.fromstring((site / url_path / "index.html").read_text(encoding="utf-8"))
            hrefs = doc.xpath('//a[contains(@class, "rh-office")]/@href')
            assert hrefs, url_path
            for href in hrefs:
                target = urljoin(f"http://site/{url_path}", href)[len("http://site/"):]
                linked.add((site / target).resolve())
    assert linked and linked <= made
    assert {p for p in made if teachpack.is_school_document(p.name)} == linked


def test_a_letter_without_a_country_section_stops_in_one_line(tmp_path):
    page = tmp_path / "site" / "teach" / "letter-to-families"
    page.mkdir(parents=True)
    page.joinpath("index.html").write_text('<article class="md-content__inner"><h1>Letter</h1>'
                                           '<h2 id="uk">UK</h2><p>Dear</p></article>', encoding="utf-8")
    for stem in ("leadership-brief", "staff-briefing"):
        (tmp_path / "site" / "teach" / stem).mkdir()
        (tmp_path / "site" / "teach" / stem / "index.html").write_text(
            '<article class="md-content__inner"><h1>X</h1></article>', encoding="utf-8")
    with pytest.raises(ValueError) as exc:
        teachpack.school_documents(tmp_path / "site", ["en"], site_url="https://example.org/", date=DATE)
    assert "\n" not in str(exc.value) and str(exc.value).startswith("docs/en/teach/letter-to-families.md: no section { #it }")


# -- every file of every pack opened (packcheck.py, `python -m realharm pack-check`) ------------

def test_the_pack_check_opens_every_file_of_module_ones_packs(project, module_one_pack):
    from collections import Counter

    from realharm import packcheck

    site, _files = module_one_pack
    counts: Counter = Counter()
    assert packcheck.check_packs(site, project, counts) == []
    langs = own_languages(project, "teach/lessons")
    assert set(counts) == set(langs) and all(n >= 20 for n in counts.values()), counts


def repack(source: Path, target: Path, replace: dict[str, bytes | None]) -> Path:
    """A copy of a pack with some files replaced (or, given None, left out)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    out.writestr(info.filename, replace[info.filename])
            else:
                out.writestr(info, src.read(info.filename))
    return target


def test_the_pack_check_rejects_an_answer_a_wrong_language_a_wrong_title_and_a_deck_without_assets(
        project, module_one_pack, tmp_path):
    """Each fault in one pack, each found in one line naming the pack and the file."""
    import docx
    from pptx import Presentation

    from realharm import packcheck

    site, _files = module_one_pack
    bad = tmp_path / "site"
    shutil.copytree(site, bad, ignore=shutil.ignore_patterns("*.zip"))
    en, it = site / "downloads" / "en", site / "downloads" / "it"
    stem = "m1-synthetic-media-14-16"  # has a quiz: its answer key shows every option's feedback
    deck = Presentation(str(en / f"{stem}-slides.pptx"))
    deck.core_properties.language = "it"
    wrong_lang = io.BytesIO()
    deck.save(wrong_lang)
    doc = docx.Document(str(en / f"{stem}.docx"))
    doc.core_properties.title = "Another plan"
    wrong_title = io.BytesIO()
    doc.save(wrong_title)
    repack(en / f"{stem}-teacher-pack.zip", bad / "downloads" / "en" / f"{stem}-teacher-pack.zip", {
        f"{stem}-student-sheet.pdf": (en / f"{stem}-answer-key.pdf").read_bytes(),
        f"{stem}-slides.pptx": wrong_lang.getvalue(),
        f"{stem}.docx": wrong_title.getvalue()})
    # an Italian pack whose deck lost the stylesheet it loads
    it_stem = "m1-synthetic-media-11-13"
    repack(it / f"{it_stem}-teacher-pack.zip", bad / "downloads" / "it" / f"{it_stem}-teacher-pack.zip",
           {"slides-assets/slides/slides.css": None})
    # an Italian plan page whose written question the printed student sheet does not carry
    repack(it / f"{stem}-teacher-pack.zip", bad / "downloads" / "it" / f"{stem}-teacher-pack.zip", {})
    page = bad / "it" / "teach" / "lessons" / stem / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<p class="rh-written">', '<p class="rh-written">Una domanda che la scheda non ha</p><p class="rh-written">', 1),
        encoding="utf-8")
    problems = packcheck.check_packs(bad, project)
    assert all("\n" not in p for p in problems)
    pack = f"downloads/en/{stem}-teacher-pack.zip"
    sheet = [p for p in problems if p.startswith(f"{pack}: {stem}-student-sheet.pdf: ")]
    assert len(sheet) == 1 and "a learner's sheet shows" in sheet[0] and "the feedback 'No. " in sheet[0]
    assert [p for p in problems if f"{stem}-slides.pptx" in p] == [
        f"{pack}: {stem}-slides.pptx: language is 'it', not 'en'"]
    assert [p for p in problems if p.startswith(f"{pack}: {stem}.docx")] == [
        f"{pack}: {stem}.docx: title 'Another plan' does not hold the page's title "
        f"{teachpack.pages(project.docs, ['en'], {1})[1].entry.title!r}"]
    it_pack = f"downloads/it/{it_stem}-teacher-pack.zip"
    assert sorted(p for p in problems if p.startswith(it_pack)) == [
        f"{it_pack}: {it_stem}-slides.html: loads slides-assets/slides/slides.css, which is not in the pack "
        "(the deck does not run from the unzipped folder)",
        f"{it_pack}: slides-assets/slides/slides.css: missing"]
    missing = [p for p in problems if "is not on the student sheet" in p]
    assert missing and all(p.endswith(f"{stem}-student-sheet.pdf: the written question 'Una domanda che la "
                                      "scheda non ha' is not on the student sheet") for p in missing), missing
    assert len(problems) == 5 + len(missing), problems


def test_the_offline_check_finds_a_file_twice_and_a_source_map(tmp_path):
    from realharm import packcheck

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("LICENCE.txt", "CC BY-SA 4.0")
        zf.writestr("m1-a-answer-key.pdf", b"%PDF the key")
    path = tmp_path / "realharm-offline.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("realharm/downloads/en/m1-a-answer-key.pdf", b"%PDF the key")
        zf.writestr("realharm/downloads/en/m1-a-teacher-pack.zip", inner.getvalue())
        zf.writestr("realharm/assets/javascripts/bundle.js.map", "{}")
        zf.writestr("realharm/assets/javascripts/lunr/wordcut.js", "x")
        zf.writestr("realharm/it/assets/javascripts/lunr/wordcut.js", "x")  # each language's search: allowed
    assert packcheck.check_offline(path) == [
        "realharm-offline.zip: realharm/assets/javascripts/bundle.js.map: a source map (for developers, not for the offline copy)",
        "realharm-offline.zip: realharm/downloads/en/m1-a-answer-key.pdf: the same file again as "
        "realharm/downloads/en/m1-a-teacher-pack.zip/m1-a-answer-key.pdf"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_module_packs_deck_runs_from_the_unzipped_folder(browser, module_one_pack, lang, tmp_path):
    """Module 1's pack unzipped into a folder, each of its decks opened from the file (no server, no
    network): reveal.js starts, counts the slides, and nothing is logged as an error."""
    site, _files = module_one_pack
    with zipfile.ZipFile(site / teachpack.module_pack(lang, 1)) as zf:
        zf.extractall(tmp_path)
    decks = sorted(tmp_path.glob("*-slides.html"))
    assert len(decks) == 2, decks
    context = browser.new_context()
    try:
        for deck in decks:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("requestfailed", lambda req: errors.append(f"failed: {req.url}"))
            page.goto(deck.as_uri())
            page.wait_for_function("window.Reveal && window.Reveal.isReady()", timeout=10_000)
            assert page.evaluate("Reveal.getTotalSlides()") >= 8, deck.name
            assert page.evaluate("document.documentElement.lang") == lang
            assert errors == [], (deck.name, errors)
            page.close()
    finally:
        context.close()


def test_pack_check_on_a_site_without_packs_says_so_in_one_line(tmp_path, capsys):
    from realharm.__main__ import main

    (tmp_path / "site" / "downloads").mkdir(parents=True)
    assert main(["pack-check", str(tmp_path / "site")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{tmp_path / 'site' / 'downloads'}: no teacher pack (build them with `make site`)"
    assert out[1].startswith("pack-check: 0 files opened")
