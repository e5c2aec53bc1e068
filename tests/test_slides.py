"""The slides of every lesson plan: the PowerPoint file read back with python-pptx (slides, title,
language, notes, the help slide's phone numbers as the page shows them, no image), the browser deck
served with the site's headers (no console error, no CSP violation, arrow keys, axe), and the
safety slides every deck must have."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from realharm import sitebuild, slides, teachpack
from realharm.curriculum import lesson_plans
from support import PHONE_AND_DESKTOP, PageAudit, served

DATE = "2026-12-06"
SITE_URL = "https://example.org/realharm/"


def page_of(site: Path, plan) -> str:
    return (site / plan.url_path / "index.html").read_text(encoding="utf-8")


def make_deck(site: Path, plan, page_html: str | None = None) -> slides.Deck:
    e = plan.entry
    return slides.read_plan(page_html or page_of(site, plan), lang=plan.lang, source=f"docs/{plan.lang}/{e.rel}",
                            age=e.age_band, minutes=e.minutes, url=SITE_URL + plan.url_path, date=DATE,
                            licence=f"Real Harm · CC BY-SA 4.0 · {SITE_URL + plan.url_path} · {DATE}", module=e.module)


def read_pptx(path: Path):
    """(titles, texts, notes, images, core properties) of a PPTX file, read by python-pptx."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(path))
    titles, texts, notes, images = [], [], [], 0
    for slide in prs.slides:
        shapes = list(slide.shapes)
        images += sum(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in shapes)
        frames = [s.text_frame.text for s in shapes if s.has_text_frame]
        titles.append(frames[0] if frames else "")
        texts.append("\n".join(frames))
        notes.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
    with zipfile.ZipFile(path) as zf:
        images += sum(n.startswith(("ppt/media/", "docProps/thumbnail")) for n in zf.namelist())
    return titles, texts, notes, images, prs.core_properties


def help_numbers(page_html: str) -> list[str]:
    """The phone numbers of the services the handout's help box lists, as the page shows them."""
    doc = lxml_html.fromstring(page_html)
    box = doc.xpath('//*[@id="if-you-have-it"]')[0]
    numbers = []
    for el in box.itersiblings():
        if el.tag in ("h2", "h3"):
            break
        numbers += [a.text_content().strip() for a in el.xpath('.//a[starts-with(@href, "tel:")]')]
    return numbers


def pptx_problems(path: Path, *, lang: str, title: str, activities: int, numbers: list[str], url: str) -> list[str]:
    titles, texts, notes, images, props = read_pptx(path)
    problems = slides.safety_problems(titles, texts, lang, images=images)
    if len(titles) < activities + 4:
        problems.append(f"{len(titles)} slides for {activities} activities")
    if props.language != lang:
        problems.append(f"language {props.language!r}")
    if props.title != title or titles[0] != title:
        problems.append(f"title {props.title!r} / {titles[0]!r}")
    help_text = next((x for x, head in zip(texts, titles) if head.startswith(slides.t("admonitions", "gethelp", lang))), "")
    problems += [f"help slide without {n}" for n in numbers if n not in help_text]
    if sum(bool(n.strip()) for n in notes) < activities:
        problems.append("speaker notes missing")
    for needed in ("CC BY-SA 4.0", url, DATE):
        if needed not in texts[-1] or needed not in f"{props.subject} {props.comments} {props.identifier}":
            problems.append(f"no {needed!r} on the last slide and in the properties")
    return problems


def plans(project):
    return [p for p in teachpack.pages(project.docs, project.languages()) if p.entry.audience == "educators"]


def test_every_plan_has_a_pptx_that_follows_it(project, built_site, tmp_path):
    seen = set()
    for plan in plans(project):
        html = page_of(built_site, plan)
        deck = make_deck(built_site, plan, html)
        out = slides.pptx_deck(deck, tmp_path / f"{plan.lang}-{plan.stem}.pptx")
        activities = len(lxml_html.fromstring(html).xpath('//div[contains(@class, "admonition activity")]'))
        numbers = help_numbers(html)
        assert activities >= 3 and numbers, plan.url_path
        assert pptx_problems(out, lang=plan.lang, title=plan.entry.title, activities=activities, numbers=numbers,
                             url=SITE_URL + plan.url_path) == [], plan.url_path
        seen.add(plan.lang)
    plan_files = list((project.docs / project.languages()[0] / "teach" / "lessons").glob("*.md"))
    with_plans = {lang for lang in project.languages() if (project.docs / lang / "teach" / "lessons").is_dir()}
    assert seen == with_plans and len(plans(project)) == len(plan_files) * len(seen)


def test_a_small_heading_moves_to_the_next_slide_with_what_follows_it():
    long = slides.Block("p", "x" * (slides.BUDGET - 60))
    head, items = slides.Block("h", "My helping hand"), slides.Block("ol", items=[("Thumb", []), ("Index finger", [])])
    first, second = slides._split(slides.Slide("activity", "Activity 4", [long, head, items], []))
    assert first.blocks == [long] and second.blocks == [head, items] and second.title == "Activity 4 (2/2)"
    # a paragraph kept with the next block goes along with its heading
    note = slides.Block("p", "Write one person on each finger.", keep=True)
    first, second = slides._split(slides.Slide("activity", "Activity 4", [long, head, note, items], []))
    assert first.blocks == [long] and second.blocks == [head, note, items]
    # without a heading before it, a block starts the next slide alone
    first, second = slides._split(slides.Slide("activity", "Activity 4", [long, items], []))
    assert first.blocks == [long] and second.blocks == [items]


def test_a_worksheet_shows_on_its_slide_as_its_title_and_a_numbered_list_of_its_parts(project, built_site):
    seen = 0
    for plan in plans(project):
        html = page_of(built_site, plan)
        for fig in lxml_html.fromstring(html).xpath('//figure[contains(@class, "rh-worksheet")]'):
            labels = [" ".join(s.text_content().split())
                      for s in fig.xpath('.//*[contains(@class, "rh-worksheet__label")]/strong')]
            title = " ".join(fig.xpath("./figcaption")[0].text_content().split())
            # the title, as a small heading, on the same slide as the list of parts
            slide = next((s for s in make_deck(built_site, plan, html).slides
                          if any(b.kind == "h" and b.text == title for b in s.blocks)), None)
            assert slide, (plan.url_path, title)
            blocks = slide.blocks[[b.text for b in slide.blocks].index(title):]
            listed = next(b for b in blocks if b.kind == "ol")
            assert [text.split(" — ")[0] for text, _subs in listed.items] == labels, plan.url_path
            seen += 1
    assert seen >= 10  # five worksheets, in English and Italian


def test_the_deck_check_rejects_a_deck_without_its_safety_slides_or_with_an_image(project, built_site, tmp_path):
    from pptx.util import Inches

    plan = plans(project)[0]
    html = page_of(built_site, plan)
    args = dict(lang=plan.lang, title=plan.entry.title, activities=5, numbers=help_numbers(html),
                url=SITE_URL + plan.url_path)
    for kind in ("contentnote", "rules", "help"):
        deck = make_deck(built_site, plan, html)
        deck.slides = [s for s in deck.slides if s.kind != kind]
        problems = pptx_problems(slides.pptx_deck(deck, tmp_path / f"no-{kind}.pptx"), **args)
        assert any(p.startswith("no ") and p.endswith(" slide") for p in problems), kind
    deck = make_deck(built_site, plan, html)
    path = slides.pptx_deck(deck, tmp_path / "image.pptx")
    from pptx import Presentation

    prs = Presentation(str(path))
    from PIL import Image

    Image.new("RGB", (8, 8)).save(logo := tmp_path / "dot.png")
    prs.slides[1].shapes.add_picture(str(logo), Inches(1), Inches(1))
    prs.save(str(path))
    assert any("image" in p for p in pptx_problems(path, **args))


def test_a_plan_without_an_activity_stops_in_one_line(project, built_site):
    plan = plans(project)[0]
    doc = lxml_html.fromstring(page_of(built_site, plan))
    for box in doc.xpath('//div[contains(@class, "admonition activity")]'):
        box.drop_tree()
    with pytest.raises(slides.SlidesError) as exc:
        make_deck(built_site, plan, lxml_html.tostring(doc, encoding="unicode"))
    message = str(exc.value)
    assert "\n" not in message and message.startswith(f"docs/{plan.lang}/{plan.entry.rel}: no activity")


def test_deck_text_is_escaped(project, built_site):
    plan = plans(project)[0]
    doc = lxml_html.fromstring(page_of(built_site, plan))
    doc.xpath("//article//h1")[0].text = 'Plan <script>alert(1)</script> & "quotes"'
    deck = make_deck(built_site, plan, lxml_html.tostring(doc, encoding="unicode"))
    page = slides.html_deck(deck, "../../assets/")
    assert "<script>alert(1)" not in page and "Plan &lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page
    assert f'<html lang="{plan.lang}">' in page


def test_every_plan_links_its_slides(project, built_site):
    from urllib.parse import urljoin

    for lang in project.languages():
        if not (project.docs / lang / "teach" / "lessons").is_dir():
            continue  # no plan of its own: the default language's plans are shown, with their slides
        prefix = "" if lang == project.languages()[0] else f"{lang}/"
        label = {"en": "Project the slides", "it": "Proietta le slide"}[lang]
        for e in lesson_plans(project.docs, lang):
            url = f"http://site/{prefix}{e.rel[:-3]}/"
            doc = lxml_html.fromstring((built_site / prefix / e.rel[:-3] / "index.html").read_text(encoding="utf-8"))
            links = doc.xpath('//a[contains(@class, "rh-slides")]')
            assert [(urljoin(url, a.get("href")), a.text_content().strip()) for a in links] == [
                (f"http://site/{teachpack.slides_link(e.rel, lang)}", label)], e.rel


# -- in the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deck_site(project, built_site, tmp_path_factory):
    """A copy of the built site with the decks of module 1 (both languages), served with its headers."""
    site = tmp_path_factory.mktemp("slides") / "site"
    shutil.copytree(built_site, site)
    for plan in teachpack.pages(project.docs, project.languages(), {1}):
        if plan.entry.audience == "educators":
            teachpack.slide_files(site, plan, site_url=sitebuild.site_address(), date=DATE)
    yield from served(site)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "it"])
@pytest.mark.parametrize("device", list(PHONE_AND_DESKTOP))
def test_browser_deck_loads_clean_and_advances_with_the_arrow_key(browser, deck_site, lang, device, tmp_path):
    context = browser.new_context(**PHONE_AND_DESKTOP[device])
    try:
        page = context.new_page()
        audit = PageAudit(context, page)
        page.goto(f"{deck_site}downloads/{lang}/m1-synthetic-media-11-13-slides.html", wait_until="networkidle")
        page.wait_for_function("window.Reveal && window.Reveal.isReady()")
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.evaluate("Reveal.getIndices().h") == 0
        page.keyboard.press("ArrowRight")
        assert page.evaluate("Reveal.getIndices().h") == 1
        assert page.locator("section.present h2").inner_text().strip()
        assert page.locator("section[data-rh-kind=help] a, img, svg image").count() == 0
        assert audit.problems() == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(390, 844), (844, 390)], ids=["portrait", "landscape"])
def test_the_slide_number_is_small_and_out_of_the_way_on_a_phone(browser, tmp_path, viewport):
    """On a phone the slide is scaled down to a third; the slide number was a 63 × 42 px purple
    block beside it. It stays a 24 px tap target, in the bottom-left corner, clear of the arrows
    and of the progress bar. (A deck of twelve slides with the site's own assets, opened from a
    file as in the offline copy.)"""
    from support import ROOT

    S, B = slides.Slide, slides.Block
    deck = slides.Deck("en", "A plan", [S("title", "A plan", [], [], "Ages 11–13")] + [
        S("activity", f"Activity {n}", [B("p", "Work in pairs and agree on one answer.")], []) for n in range(1, 12)],
        "Real Harm · CC BY-SA 4.0", "https://example.org/", DATE)
    path = tmp_path / "deck.html"
    path.write_text(slides.html_deck(deck, (ROOT / "docs" / "assets").as_uri() + "/"), encoding="utf-8")
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(path.as_uri() + "#/1")
        page.wait_for_function("window.Reveal && window.Reveal.isReady()")
        box = page.locator(".reveal .slide-number").bounding_box()
        link = page.locator(".reveal .slide-number a").bounding_box()
        bar = page.locator(".reveal .progress").bounding_box()
        arrows = [page.locator(f".reveal .controls .navigate-{d}").bounding_box() for d in ("left", "right")]
        size = page.locator(".reveal .slide-number").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    finally:
        context.close()
    assert page.url.endswith("#/1")
    assert box["width"] <= 48 and box["height"] <= 26 and size <= 11, (box, size)
    assert link["width"] >= 24 and link["height"] >= 24  # still a target a finger can hit (WCAG 2.2)
    assert box["x"] <= 8 and box["y"] + box["height"] <= bar["y"], (box, bar)  # bottom-left, above the bar
    assert all(box["x"] + box["width"] < a["x"] for a in arrows)
