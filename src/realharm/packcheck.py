"""Every file of every teacher pack opened and checked, on a built site (`python -m realharm pack-check`).

For each <plan>-teacher-pack.zip and module-<n>-teacher-pack.zip under downloads/<lang>/ of a
built site, and for the offline zip:

- the pack holds what its plan (or module) needs, and nothing else: no file twice, no source map;
- every file opens with a reader that is not ours: PDFs with pypdf, DOCX with python-docx, ODT
  with odfpy, PPTX with python-pptx, Moodle XML and the QTI package (manifest and every item)
  with lxml's XML parser, the HTML deck with lxml's HTML parser;
- its language (the PDF's /Lang, the office files' language, the XML's xml:lang or LOM language,
  the deck's lang attribute; the Moodle file, which has no language field, by its questions being
  those of the page in that language) is the pack's language, and its title holds the title of
  the plan or page it belongs to;
- what a learner is handed (the student sheet, the card pack, the exit-ticket sheet) has no
  answer: no option's feedback, no "Right answer" label, no exit-ticket answer, no card's "for the
  teacher" line, not what a good written answer contains; the student sheet carries the plan's
  written question (the check box's paragraphs marked .rh-written);
- the HTML deck has its content note, ground rules and "where to get help" slides, and every
  stylesheet and script it loads is in the pack beside it (so it runs from the unzipped folder).

Each problem is one line: the pack, the file, what is wrong.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath

from . import cards, quizexport, teachpack
from .pages import Page
from .ui import t

# what a learner is handed: none of it may carry an answer
STUDENT_FILES = ("-student-sheet.pdf", f"-{teachpack.CARDS}.pdf", f"-{teachpack.TICKETS}.pdf")


def squash(text: str) -> str:
    """Text without whitespace and with ligatures undone (PDF text extraction keeps "ﬁ")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _plain(text: str) -> str:
    return quizexport._plain(quizexport._md(), text)


def _text_of(fragment: str) -> str:
    from lxml import html as lxml_html

    return lxml_html.fragment_fromstring(fragment, create_parent="div").text_content().strip() if fragment else ""


def ticket_answers(page_html: str) -> list[str]:
    """The exit ticket's answers as a built plan page shows them (their first 60 characters): the
    list after the ```exit-ticket block of the plan's check box, or the second list of a ticket
    written in prose; none for a quiz."""
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(page_html)
    boxes = doc.xpath('//div[contains(@class, "admonition") and contains(@class, "check")]')
    if not boxes or boxes[0].xpath('.//*[contains(@class, "rh-q")]'):
        return []
    box = boxes[0]
    lists = box.xpath("./ol|./ul")
    answers = lists[0] if box.xpath('./*[contains(@class, "rh-ticket")]') and lists else \
        (lists[1] if len(lists) > 1 else None)
    return [li.text_content().strip()[:60] for li in answers.xpath("./li")] if answers is not None else []


def written_item(page_html: str) -> tuple[list[str], list[str]]:
    """The written question of a plan's check box (paragraphs marked .rh-written) and what a good
    answer contains (.rh-written-answer), as the built page shows them (their first 60 characters)."""
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(page_html)

    def texts(cls: str) -> list[str]:
        return [" ".join(p.text_content().split())[:60] for p in doc.xpath(f'//p[contains(@class, "{cls}")]')
                if cls in (p.get("class") or "").split()]

    return texts("rh-written"), texts("rh-written-answer")


class _Page:
    """What the checks need of one lesson plan or learner page, read once."""

    def __init__(self, project, site_dir: Path, plan: teachpack.Plan):
        self.plan, self.lang, self.stem, self.title = plan, plan.lang, plan.stem, plan.entry.title
        source = project.docs / plan.lang / plan.entry.rel
        self.questions = quizexport.page_questions(source, label=f"docs/{plan.lang}/{plan.entry.rel}")
        self.sets, self.tickets, _problems = cards.page_blocks(Page.read(source), plan.entry.rel)
        built = site_dir / plan.url_path / "index.html"
        html = built.read_text(encoding="utf-8") if built.is_file() else ""
        self.tickets_answers = ticket_answers(html) if html else []
        self.written, self.written_answers = written_item(html) if html else ([], [])

    @property
    def educators(self) -> bool:
        return self.plan.entry.audience == "educators"

    def files(self) -> set[str]:
        """The files of this page in a pack (a learner page: its PDF and quiz exports)."""
        s = self.stem
        out = {f"{s}.pdf"}
        if self.questions:
            out |= {f"{s}-quiz.moodle.xml", f"{s}-quiz.qti.zip"}
        if self.educators:
            out |= {f"{s}-student-sheet.pdf", f"{s}-answer-key.pdf", f"{s}.docx", f"{s}.odt",
                    f"{s}-slides.pptx", f"{s}-slides.html"}
            out |= {f"{s}-{teachpack.CARDS}.pdf"} if self.sets else set()
            out |= {f"{s}-{teachpack.TICKETS}.pdf"} if self.tickets else set()
        return out

    def leaks(self, text: str) -> list[str]:
        """Answers found in the squashed text of a file a learner is handed."""
        found = [f"the feedback {fb[:40]!r}" for q in self.questions for o in q["options"]
                 if squash(_plain(fb := o["feedback"])) in text]
        found += [f"the label {label!r}" for key in ("right_answer", "wrong_answer")
                  if squash((label := t("quiz", key, self.lang)) + ":") in text]
        label = t("cards", "answer", self.lang)
        if squash(label + ":") in text:
            found.append(f"a card's {label!r} line")
        found += [f"what a good written answer contains {a[:40]!r}" for a in self.written_answers if squash(a) in text]
        return found + [f"the exit-ticket answer {a[:40]!r}" for a in self.tickets_answers if squash(a) in text]


def assets() -> set[str]:
    """What a pack holds beside its HTML decks: reveal.js, the slides' stylesheet and script, reveal's licence."""
    from . import slides

    return {teachpack.PACK_ASSETS + a for a in slides.ASSETS} | {teachpack.PACK_ASSETS + "vendor/reveal/LICENSE"}


# -- one file ---------------------------------------------------------------------------------

def _pdf(data: bytes, page: _Page, name: str) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    problems = []
    lang = str(reader.trailer["/Root"].get("/Lang", ""))
    if lang != page.lang:
        problems.append(f"language is {lang!r}, not {page.lang!r}")
    title = (reader.metadata or {}).get("/Title") or ""
    if page.title not in title:
        problems.append(f"title {title!r} does not hold the page's title {page.title!r}")
    if name.endswith(STUDENT_FILES):
        text = squash("".join(p.extract_text() for p in reader.pages))
        leaks = page.leaks(text)
        if leaks:
            more = f" and {len(leaks) - 3} more" if len(leaks) > 3 else ""
            problems.append(f"a learner's sheet shows {len(leaks)} answer(s): {'; '.join(leaks[:3])}{more}")
        if name.endswith("-student-sheet.pdf"):
            problems += [f"the written question {q[:40]!r} is not on the student sheet"
                         for q in page.written if squash(q) not in text]
    return problems


def _docx(data: bytes, page: _Page) -> list[str]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    problems = []
    lang = doc.core_properties.language or ""
    styles = re.findall(r'<w:lang [^>]*w:val="([^"]+)"', doc.styles.element.xml)
    if not (lang.startswith(page.lang) or (not lang and styles and styles[0].startswith(page.lang))):
        problems.append(f"language is {lang or (styles or [''])[0]!r}, not {page.lang!r}")
    if page.title not in (doc.core_properties.title or ""):
        problems.append(f"title {doc.core_properties.title!r} does not hold the page's title {page.title!r}")
    return problems


def _odt(data: bytes, page: _Page) -> list[str]:
    from odf import dc, opendocument, teletype

    doc = opendocument.load(io.BytesIO(data))
    langs = [teletype.extractText(x) for x in doc.meta.getElementsByType(dc.Language)]
    titles = [teletype.extractText(x) for x in doc.meta.getElementsByType(dc.Title)]
    problems = []
    if not langs or not langs[0].startswith(page.lang):
        problems.append(f"language is {(langs or [''])[0]!r}, not {page.lang!r}")
    if not titles or page.title not in titles[0]:
        problems.append(f"title {(titles or [''])[0]!r} does not hold the page's title {page.title!r}")
    return problems


def _pptx(data: bytes, page: _Page) -> list[str]:
    from pptx import Presentation

    from . import slides

    prs = Presentation(io.BytesIO(data))
    props = prs.core_properties
    problems = []
    if not (props.language or "").startswith(page.lang):
        problems.append(f"language is {props.language!r}, not {page.lang!r}")
    if page.title not in (props.title or ""):
        problems.append(f"title {props.title!r} does not hold the page's title {page.title!r}")
    titles = [shape.text_frame.text for s in prs.slides for shape in s.shapes
              if shape.name == "Title" and shape.has_text_frame]
    images = sum(1 for s in prs.slides for shape in s.shapes if shape.shape_type == 13)  # MSO_SHAPE_TYPE.PICTURE
    problems += slides.safety_problems(titles, [], page.lang, images=images)
    return problems


def _moodle(data: bytes, page: _Page) -> list[str]:
    from lxml import etree

    root = etree.fromstring(data)
    category = root.findtext('question[@type="category"]/category/text') or ""
    problems = [] if category.endswith(page.title) else [f"category {category!r} is not named after {page.title!r}"]
    texts = [squash(_text_of(q.findtext("questiontext/text") or ""))
             for q in root.findall('question[@type="multichoice"]')]
    want = [squash(_plain(q["question"])) for q in page.questions]
    if texts != want:
        problems.append(f"its {len(texts)} questions are not the {len(want)} of docs/{page.lang}/"
                        f"{page.plan.entry.rel} (another language, or an old export)")
    return problems


def _qti(data: bytes, page: _Page) -> list[str]:
    from lxml import etree

    zf = zipfile.ZipFile(io.BytesIO(data))
    manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    lom = lambda tag: manifest.xpath(f'//*[local-name()="general"]/*[local-name()="{tag}"]')  # noqa: E731
    problems = []
    lang = lom("language")[0].text if lom("language") else ""
    if lang != page.lang:
        problems.append(f"the manifest's language is {lang!r}, not {page.lang!r}")
    title = "".join(lom("title")[0].itertext()) if lom("title") else ""
    if page.title not in title:
        problems.append(f"the manifest's title {title!r} does not hold the page's title {page.title!r}")
    hrefs = manifest.xpath('//*[local-name()="resource"][@type="imsqti_item_xmlv2p1"]/@href')
    if len(hrefs) != len(page.questions):
        problems.append(f"{len(hrefs)} items in the manifest, the page has {len(page.questions)} questions")
    for href in hrefs:
        item = etree.fromstring(zf.read(href))
        if item.get("{http://www.w3.org/XML/1998/namespace}lang") != page.lang:
            problems.append(f"{href}: language is not {page.lang!r}")
        if not (item.get("title") or "").startswith(page.title):
            problems.append(f"{href}: title {item.get('title')!r} does not hold the page's title")
    return problems


def _deck(data: bytes, page: _Page, name: str, members: set[str]) -> list[str]:
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(data)
    problems = []
    if doc.get("lang") != page.lang:
        problems.append(f"lang attribute is {doc.get('lang')!r}, not {page.lang!r}")
    title = doc.findtext(".//title") or ""
    if page.title not in title:
        problems.append(f"title {title!r} does not hold the page's title {page.title!r}")
    kinds = set(doc.xpath("//section/@data-rh-kind"))
    for kind, what in (("contentnote", "content note"), ("rules", "ground rules"), ("help", "where to get help")):
        if kind not in kinds:
            problems.append(f"no {what} slide")
    folder = posixpath.dirname(name)
    for ref in doc.xpath("//link[@rel='stylesheet']/@href | //script/@src"):
        target = posixpath.normpath(posixpath.join(folder, ref))
        if target not in members:
            problems.append(f"loads {ref}, which is not in the pack (the deck does not run from the unzipped folder)")
    return problems


def check_file(name: str, data: bytes, page: _Page, members: set[str]) -> list[str]:
    """What is wrong with one file of a pack, as one-line problems (without the pack's name)."""
    try:
        if name.endswith(".pdf"):
            return _pdf(data, page, name)
        if name.endswith(".docx"):
            return _docx(data, page)
        if name.endswith(".odt"):
            return _odt(data, page)
        if name.endswith(".pptx"):
            return _pptx(data, page)
        if name.endswith(".moodle.xml"):
            return _moodle(data, page)
        if name.endswith(".qti.zip"):
            return _qti(data, page)
        if name.endswith("-slides.html"):
            return _deck(data, page, name, members)
    except Exception as exc:  # a file a reader cannot open: say which, in one line
        return [f"does not open: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"]
    return []


# -- packs --------------------------------------------------------------------------------------

def check_packs(site_dir: Path, project, counts: Counter | None = None) -> list[str]:
    """Every problem of every teacher pack under site_dir/downloads/ (and of the offline zip, when
    there is one), one line each. ``counts`` (if given) gets the files checked per language."""
    languages = project.languages()
    known: dict[tuple[str, str], _Page] = {}
    for plan in teachpack.pages(project.docs, languages):
        known[(plan.lang, plan.stem)] = _Page(project, site_dir, plan)
    problems: list[str] = []
    seen: dict[tuple, list[str]] = {}  # a file found in a plan's pack and its module's: checked once
    packs = sorted((site_dir / teachpack.FOLDER).glob("*/*-teacher-pack.zip"))
    if not packs:
        return [f"{site_dir / teachpack.FOLDER}: no teacher pack (build them with `make site`)"]
    for pack in packs:
        lang, rel = pack.parent.name, pack.relative_to(site_dir).as_posix()
        pages = {stem: p for (lg, stem), p in known.items() if lg == lang}
        module = re.fullmatch(r"module-(\d+)-teacher-pack\.zip", pack.name)
        if module:
            owners = [p for p in pages.values() if p.plan.entry.module == int(module.group(1))]
            decks = any(p.educators for p in owners)
        else:
            stem = pack.name.removesuffix("-teacher-pack.zip")
            owners = [pages[stem]] if stem in pages and pages[stem].educators else []
            decks = True
        if not owners:
            problems.append(f"{rel}: no lesson plan or module of docs/{lang}/ gives this pack")
            continue
        want = {"LICENCE.txt"}.union(*(p.files() for p in owners)) | (assets() if decks else set())
        with zipfile.ZipFile(pack) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            members = set(names)
            for name, n in Counter(names).items():
                if n > 1:
                    problems.append(f"{rel}: {name}: {n} times in the pack")
            problems += [f"{rel}: {name}: a source map (for developers, not for a pack)" for name in names
                         if name.endswith(".map")]
            problems += [f"{rel}: {name}: missing" for name in sorted(want - members)]
            problems += [f"{rel}: {name}: not a file of this pack" for name in sorted(members - want)
                         if not name.endswith(".map")]
            licence = zf.read("LICENCE.txt").decode("utf-8") if "LICENCE.txt" in members else ""
            if licence and "CC BY-SA 4.0" not in licence:
                problems.append(f"{rel}: LICENCE.txt: no CC BY-SA 4.0 licence line")
            for info in infos:
                name = info.filename
                owner = max((p for p in owners if name.startswith((f"{p.stem}.", f"{p.stem}-"))),
                            key=lambda p: len(p.stem), default=None)
                if owner is None or name not in want:
                    continue
                key = (lang, name, info.CRC, info.file_size)
                if key not in seen:
                    seen[key] = check_file(name, zf.read(name), owner, members)
                    if counts is not None:
                        counts[lang] += 1
                problems += [f"{rel}: {name}: {p}" for p in seen[key]]
    offline = site_dir / "downloads" / "realharm-offline.zip"
    if offline.is_file():
        problems += check_offline(offline, site_dir)
    return problems


def check_offline(path: Path, site_dir: Path | None = None) -> list[str]:
    """No file twice (by name, or a teaching file by content: loose and again inside a plan's
    pack) and no source map in the offline zip."""
    rel = path.relative_to(site_dir).as_posix() if site_dir else path.name
    problems = []
    by_content: dict[tuple[int, int], list[str]] = {}
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        for name, n in Counter(names).items():
            if n > 1:
                problems.append(f"{rel}: {name}: {n} times in the zip")
        problems += [f"{rel}: {name}: a source map (for developers, not for the offline copy)"
                     for name in names if name.endswith(".map")]
        for info in zf.infolist():
            parts = PurePosixPath(info.filename).parts
            if "downloads" not in parts and "pdf" not in parts:
                continue  # the theme's files: each language's search has its own copy
            by_content.setdefault((info.CRC, info.file_size), []).append(info.filename)
            if info.filename.endswith("-teacher-pack.zip"):
                with zipfile.ZipFile(io.BytesIO(zf.read(info))) as inner:
                    for sub in inner.infolist():
                        if sub.filename != "LICENCE.txt":
                            by_content.setdefault((sub.CRC, sub.file_size), []).append(
                                f"{info.filename}/{sub.filename}")
    for (_crc, size), where in sorted(by_content.items()):
        if len(where) > 1 and size:
            problems.append(f"{rel}: {where[0]}: the same file again as {', '.join(where[1:])}")
    return problems


def main(site_dir: Path, project) -> int:
    """`python -m realharm pack-check SITE`: the problems, then the files checked per language."""
    import time

    start = time.perf_counter()
    counts: Counter = Counter()
    problems = check_packs(site_dir, project, counts)
    for line in problems:
        print(line)
    checked = ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items()))
    print(f"pack-check: {sum(counts.values())} files opened ({checked}), {len(problems)} problem(s) "
          f"in {time.perf_counter() - start:.1f} s")
    return 1 if problems else 0
