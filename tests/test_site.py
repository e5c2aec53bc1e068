"""`make site`: PDFs (title text, metadata, tagging), packs, Download PDF links, and the
offline copy opened from file:// with a working search."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from realharm import pdf, sitebuild

pytestmark = pytest.mark.browser


def test_every_download_link_points_to_a_planned_pdf(project, built_site):
    planned = {t.pdf_path for t in pdf.page_targets(project.docs, project.languages())}
    linked = set()
    for page in built_site.rglob("index.html"):
        for href in re.findall(r'class="md-button rh-pdf" href="([^"]+)"', page.read_text(encoding="utf-8")):
            resolved = (page.parent / href).resolve().relative_to(built_site.resolve()).as_posix()
            linked.add(resolved)
    assert linked == planned and len(planned) >= 2 * 24


@pytest.fixture(scope="module")
def module_one_pdfs(project, built_site, tmp_path_factory, browser):
    site = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(built_site, site)
    return sitebuild.make_pdfs(project, site, modules={1}, browser=browser)


def test_pdfs_carry_title_language_and_date(project, module_one_pdfs):
    targets = [t for t in pdf.page_targets(project.docs, project.languages()) if t.module == 1]
    with_pages = {t.lang for t in targets}  # languages with their own module 1 pages
    assert len(module_one_pdfs) == len(targets) + len(with_pages)  # pages + one pack each
    for target in targets:
        path = next(p for p in module_one_pdfs if p.as_posix().endswith(target.pdf_path))
        reader = PdfReader(path)
        first_page = reader.pages[0].extract_text()
        assert target.title.split(":")[0] in first_page
        assert reader.metadata.title == target.title
        assert reader.trailer["/Root"]["/Lang"] == target.lang
        assert reader.metadata.get("/CreationDate", "").startswith("D:20")
        assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for accessibility
        assert "Download PDF" not in first_page and "Scarica il PDF" not in first_page


def test_module_pack_holds_every_page_of_the_module(project, module_one_pdfs):
    pack = next(p for p in module_one_pdfs if p.name == "module-1.pdf" and "/it/" in p.as_posix())
    parts = [p for p in module_one_pdfs if "/it/" in p.as_posix() and p.name != "module-1.pdf"]
    assert len(PdfReader(pack).pages) == sum(len(PdfReader(p).pages) for p in parts)
    assert PdfReader(pack).trailer["/Root"]["/Lang"] == "it"


def test_offline_copy_searches_from_disk(project, tmp_path, browser):
    site = tmp_path / "site"
    (site / "downloads" / "it").mkdir(parents=True)
    # the whole-school documents go into the offline copy; other loose files are in the packs
    (site / "downloads" / "it" / "letter-to-families-it.odt").write_bytes(b"odt")
    (site / "downloads" / "it" / "m1-synthetic-media-11-13.odt").write_bytes(b"odt")
    zip_path = sitebuild.make_offline_zip(project, site, tmp_path / "work")
    with zipfile.ZipFile(zip_path) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "unzipped")
    assert "realharm/downloads/it/letter-to-families-it.odt" in names
    assert "realharm/downloads/it/m1-synthetic-media-11-13.odt" not in names
    root = tmp_path / "unzipped" / "realharm"
    assert (root / "index.html").is_file() and (root / "it" / "search" / "search_index.js").is_file()
    # each English text once: a Get-help language keeps its own pages, its other links go to English
    assert "realharm/ar/help/index.html" in names and "realharm/teach/index.html" in names
    assert "realharm/ar/teach/index.html" not in names
    assert not [n for n in names if n.endswith("search_index.json")]
    broken = [(page.relative_to(root).as_posix(), m["url"]) for page in root.rglob("*.html") if page.name != "404.html"
              for m in sitebuild._PAGE_LINK.finditer(page.read_text(encoding="utf-8"))
              if "downloads/" not in m["url"] and not (page.parent / m["url"]).is_file()]
    assert broken == []
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((root / "it" / "learn" / "index.html").as_uri())
        page.click("input.md-search__input")
        page.keyboard.type("leggi")
        page.wait_for_selector(".md-search-result__item a")
        hits = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert hits and all(h.startswith((root / "it").as_uri()) for h in hits)
        page.goto(hits[0])
        assert page.url.startswith("file://") and page.locator("article h1").count() == 1
        assert errors == []
    finally:
        context.close()


def test_printed_plans_draw_no_box_icons_or_round_bullets(project, module_one_pdfs):
    """The print stylesheet leaves out what a PDF draws as curves or many small shapes: box-title
    icons (one form object each), dashed borders (one rectangle per dash), round corners and round
    bullets. Before, a plan had about 120 icon objects and
    3,900 curves."""
    import pikepdf

    plan = next(p for p in module_one_pdfs if p.name == "m1-synthetic-media-14-16.pdf" and "/en/" in p.as_posix())
    with pikepdf.open(plan) as doc:
        forms = sum(1 for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form")
        curves = sum(1 for page in doc.pages for _, op in pikepdf.parse_content_stream(page) if str(op) == "c")
        text = "".join(page.extract_text() for page in PdfReader(plan).pages)
    assert forms < 5 and curves < 300, (forms, curves)  # a dashed card border alone made ~20 forms
    assert "\u2022" in text  # bullets are text now
