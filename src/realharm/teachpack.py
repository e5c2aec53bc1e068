"""The teacher pack of every lesson plan and module, in every language, from the built site.

For each lesson plan (file names in English, the same in every language, under
downloads/<lang>/):

- <plan>-student-sheet.pdf: the exit quiz or ticket without answers, the written question (the check
  box's paragraphs marked { .rh-written }) with lines to write on, each worksheet (```worksheet,
  worksheets.py) on an A4 page of its own, and the handout;
- <plan>-answer-key.pdf: the quiz with every option's feedback, the exit ticket's answers, what
  to look for in each activity and the discussion prompts;
- <plan>.docx and <plan>.odt: the plan and its handout, editable;
- <plan>-quiz.moodle.xml and <plan>-quiz.qti.zip where the plan has a quiz (quizexport.py);
- <plan>-slides.html (projected from the site or the offline copy) and <plan>-slides.pptx
  (slides.py); the pack's copy of the HTML deck brings reveal.js and the slides' stylesheet and
  script in slides-assets/, so it runs from the unzipped folder;
- <plan>-cards.pdf where the plan has card sets (```cards blocks) and <plan>-exit-tickets.pdf where
  it has an exit ticket (```exit-ticket): made from the parsed blocks (cards.py), not the page;
- <plan>-teacher-pack.zip: all of the above and the plan's PDF.

Each module gets module-<n>-teacher-pack.zip: its plans' packs (their HTML decks with slides-assets/
once), the learner page's PDF and quiz.

The whole-school documents (teach/letter-to-families, teach/leadership-brief, teach/staff-briefing)
become <page>.docx and <page>.odt in every language; the letter also gives one file per country
version (letter-to-families-uk, -it, -other: the page's sections of those ids), so a school edits
only its own letter.

Everything is made from the pages the build rendered (markers, quizzes, glossary and links
already in place): the sheets are the plan page printed by Chromium after the print view keeps
only the parts a sheet needs, and the office files are the page's article converted by pandoc
(the pandoc binary of the pypandoc-binary package, so a fresh machine needs no system package).
Every file carries the licence (CC BY-SA 4.0), the source page's address and the date.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import cards, pdf, quizexport
from .curriculum import Entry, entries
from .pages import Page
from .style import format_date
from .ui import t

FOLDER = "downloads"


@dataclass(frozen=True)
class Plan:
    lang: str
    entry: Entry
    url_path: str     # e.g. "it/teach/lessons/m1-synthetic-media-11-13/"

    @property
    def stem(self) -> str:
        return Path(self.entry.rel).stem


def folder(lang: str) -> str:
    return f"{FOLDER}/{lang}"


def pack_link(src_uri: str, lang: str) -> str | None:
    """The teacher pack of a lesson plan (by its language-less source path), or None."""
    parts = Path(src_uri).parts
    if parts[:2] == ("teach", "lessons") and Path(src_uri).name.startswith("m"):
        return f"{folder(lang)}/{Path(src_uri).stem}-teacher-pack.zip"
    return None


def slides_link(src_uri: str, lang: str) -> str | None:
    """The browser slides of a lesson plan (by its language-less source path), or None."""
    pack = pack_link(src_uri, lang)
    return pack.replace("-teacher-pack.zip", "-slides.html") if pack else None


CARDS, TICKETS = "cards", "exit-tickets"


def print_links(src_uri: str, lang: str, markdown: str) -> list[tuple[str, str]]:
    """(interface key, file) of a lesson plan's card pack and exit-ticket sheet, for the download
    line: only those the plan's blocks make."""
    pack = pack_link(src_uri, lang)
    if pack is None:
        return []
    kinds = {kind for kind, _line, _body in Page(Path(src_uri), markdown).blocks()}
    stem = Path(src_uri).stem
    return ([("download_cards", f"{folder(lang)}/{stem}-{CARDS}.pdf")] if "cards" in kinds else []) + \
        ([("download_tickets", f"{folder(lang)}/{stem}-{TICKETS}.pdf")] if "exit-ticket" in kinds else [])


def module_pack(lang: str, module: int) -> str:
    return f"{folder(lang)}/module-{module}-teacher-pack.zip"


def pages(docs: Path, languages: list[str], modules: set[int] | None = None) -> list[Plan]:
    """Every lesson plan and learner page of every language (as Plan), in curriculum order."""
    out = []
    for lang in languages:
        prefix = "" if lang == languages[0] else f"{lang}/"
        for e in entries(docs, lang):
            if modules is None or e.module in modules:
                out.append(Plan(lang, e, f"{prefix}{e.rel[:-3]}/"))
    return out


# -- student sheet and answer key --------------------------------------------------------------

SHEET_JS = r"""
([mode, heading, licence, nameLine, quizLabel, expectedLabel, worksheetCss]) => {
  const article = document.querySelector('article.md-content__inner');
  const h1 = article.querySelector('h1');
  const title = h1 ? h1.textContent.replace('¶', '').trim() : document.title;
  const el = (tag, text, cls) => { const e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; return e; };
  const out = [el('h1', title + ' — ' + heading), el('p', licence, 'rh-sheet__licence')];
  const check = article.querySelector('.admonition.check');
  const kids = (node) => [...node.children].filter(c => !c.classList.contains('admonition-title'));
  if (mode === 'student') {
    out.push(el('p', nameLine, 'rh-sheet__name'));
    if (check) {
      const c = check.cloneNode(true);
      c.querySelectorAll('.rh-q__answers, .rh-q__feedback, .rh-q__status, .rh-q__actions').forEach(e => e.remove());
      if (c.querySelector('.rh-q')) {
        out.push(el('h2', quizLabel), ...c.querySelectorAll('.rh-q'));
      } else {
        // an exit ticket: the ```exit-ticket block, or (in prose) the first list; what follows are the answers
        let seen = false;
        for (const child of kids(c)) {
          if (seen) break;
          out.push(child);
          if (child.classList.contains('rh-ticket')) seen = true;
          else if (/^(OL|UL)$/.test(child.tagName)) { seen = true; child.classList.add('rh-sheet__ticket'); }
        }
      }
    }
    // the written question (a paragraph marked { .rh-written } in the check box), with lines to write on
    const written = check ? [...check.querySelectorAll('.rh-written')] : [];
    if (written.length) {
      const box = document.createElement('section');
      box.className = 'rh-sheet__written';
      box.append(...written.map(p => p.cloneNode(true)), el('div', '', 'rh-sheet__lines'));
      out.push(box);
    }
    // each worksheet (```worksheet) on a page of its own, headed like the sheet, filling the page
    for (const ws of article.querySelectorAll('.rh-worksheet')) {
      const sheet = document.createElement('section');
      sheet.className = 'rh-sheet__worksheet rh-sheet__break';
      const copy = ws.cloneNode(true);
      copy.querySelectorAll('[data-lines]').forEach(li => { li.style.flexGrow = li.dataset.lines; });
      sheet.append(el('p', title + ' — ' + heading + ' · ' + licence, 'rh-sheet__licence'),
                   el('p', nameLine, 'rh-sheet__name'), copy);
      out.push(sheet);
    }
    const start = article.querySelector('#handout');
    if (start) {
      const hand = [start.cloneNode(true)];
      for (let n = start.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling) hand.push(n.cloneNode(true));
      hand[0].classList.add('rh-sheet__break');
      out.push(...hand);
    }
  } else {
    if (check) {
      const c = check.cloneNode(true);
      c.querySelectorAll('.rh-q__options, .rh-q__hint, .rh-q__status, .rh-q__actions').forEach(e => e.remove());
      c.querySelectorAll('details').forEach(d => d.open = true);
      out.push(el('h2', quizLabel), ...kids(c));
    }
    out.push(el('h2', expectedLabel));
    for (const act of article.querySelectorAll('.admonition.activity')) {
      const heads = [...act.querySelectorAll(':scope > p')].filter(p => p.children.length === 1 && p.firstElementChild.tagName === 'STRONG' && p.textContent.trim() === p.firstElementChild.textContent.trim());
      const last = heads[heads.length - 1];
      if (!last) continue;
      const title = act.querySelector('.admonition-title');
      out.push(el('h3', title ? title.textContent.trim() : ''));
      for (let n = last.nextElementSibling; n; n = n.nextElementSibling) out.push(n.cloneNode(true));
    }
    const disc = article.querySelector('.admonition.discussion');
    if (disc) out.push(disc.cloneNode(true));
  }
  article.replaceChildren(...out);
  article.querySelectorAll('.headerlink').forEach(e => e.remove());
  document.querySelectorAll('.rh-pdf, .rh-pack, .rh-translation-banner').forEach(e => e.remove());
  const style = document.createElement('style');
  style.textContent = '.rh-sheet__licence{font-size:.6rem;color:#444}.rh-sheet__name{margin:1em 0 1.5em}' +
    '.rh-sheet__break{break-before:page}.rh-sheet__ticket li{margin-bottom:4em}' +
    '.rh-sheet__written{break-inside:avoid;margin-top:1.5em}.rh-sheet__lines{height:11em;' +
    'background:repeating-linear-gradient(transparent 0 2.2em,#777 2.2em calc(2.2em + 1px))}.md-typeset .rh-q input{width:1em;height:1em}' +
    (worksheetCss || '');
  document.head.append(style);
}
"""


# A worksheet's page in the student sheet: one A4 page (267 mm inside the margins), the parts
# sharing what the title and instructions leave, each part's lines spread over its space.
WORKSHEET_CSS = (
    ".rh-sheet__worksheet{height:262mm;display:flex;flex-direction:column}"
    ".rh-sheet__worksheet .rh-sheet__name{margin:.3em 0 .8em}"
    ".md-typeset .rh-sheet__worksheet .rh-worksheet{flex:1 1 0;min-height:0;display:flex;flex-direction:column;"
    "margin:0;border:0;padding:0;break-inside:auto}"
    ".md-typeset .rh-sheet__worksheet .rh-worksheet__title{font-size:1.4em;margin-bottom:.3em}"
    ".md-typeset .rh-sheet__worksheet .rh-worksheet ol.rh-worksheet__parts{flex:1 1 0;min-height:0;grid-template-columns:1fr 1fr;"
    "grid-auto-rows:1fr;gap:4mm;margin-top:3mm}"
    ".md-typeset .rh-sheet__worksheet .rh-worksheet--list ol.rh-worksheet__parts{display:flex;flex-direction:column}"
    ".md-typeset .rh-sheet__worksheet .rh-worksheet--list .rh-worksheet__part{flex-shrink:1;flex-basis:0}"
    ".md-typeset .rh-sheet__worksheet .rh-worksheet ol.rh-worksheet__parts>li{display:flex;flex-direction:column;min-height:0;"
    "border:1.5px solid #000;padding:2mm 3mm}"
    ".rh-sheet__worksheet .rh-worksheet__panel{flex:3 1 0;height:auto;min-height:20mm;border:1.5px solid #000}"
    ".rh-sheet__worksheet .rh-worksheet__lines{flex:1 1 0;display:flex;flex-direction:column;min-height:0}"
    ".rh-sheet__worksheet .rh-worksheet__line{flex:1 1 0;height:auto;min-height:6mm;max-height:11mm;"
    "border-bottom:1px solid #777}"
)

# Worksheets whose page overflows (their text and lines do not fit one A4 page), measured after SHEET_JS
WORKSHEET_FIT_JS = r"""
() => [...document.querySelectorAll('.rh-sheet__worksheet')].filter(s => s.scrollHeight > s.clientHeight + 1)
  .map(s => s.querySelector('[data-rh-worksheet]').dataset.rhWorksheet)
"""


def print_sheets(base_url: str, site_dir: Path, plans: list[Plan], *, browser, site_url: str, date: str) -> list[Path]:
    """<plan>-student-sheet.pdf and <plan>-answer-key.pdf of every lesson plan."""
    written = []
    # as wide as an A4 page inside its margins (180 mm), so that a worksheet is measured as it prints
    page = browser.new_page(viewport={"width": 680, "height": 1000})
    for plan in plans:
        if plan.entry.audience != "educators":
            continue
        lang = plan.lang
        licence = t("teachpack", "licence", lang).format(url=site_url + plan.url_path, date=format_date(date, lang))
        for mode, key, name in (("student", "student_sheet", "student-sheet"), ("key", "answer_key", "answer-key")):
            page.goto(base_url + plan.url_path, wait_until="networkidle")
            page.emulate_media(media="print")
            heading = t("teachpack", key, lang)
            page.evaluate(SHEET_JS, [mode, heading, licence, t("teachpack", "name_line", lang),
                                     t("teachpack", "quiz", lang), t("teachpack", "expected", lang), WORKSHEET_CSS])
            too_long = page.evaluate(WORKSHEET_FIT_JS)
            if too_long:
                raise cards.BlockError(f"docs/{lang}/{plan.entry.rel}: worksheet {too_long[0]}: too long for one A4 "
                                       "page: shorten the instructions or the labels, or give the parts fewer lines")
            out = site_dir / folder(lang) / f"{plan.stem}-{name}.pdf"
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format="A4", print_background=True, tagged=True, outline=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
            pdf.set_metadata(out, title=f"{plan.entry.title} — {heading}", lang=lang,
                             subject=f"Real Harm · module {plan.entry.module} · {licence}")
            written.append(out)
    page.close()
    return written


# -- card packs and exit-ticket sheets ---------------------------------------------------------

# Cards per A4 page by the length of the longest text of a set: signs 2×4 at 32 pt, short texts 2×4 at 16 pt,
# medium 2×3 at 14 pt, long ones (stories, cases) 1×2 at 14 pt.
LAYOUTS = (("size-s", 110, 2, 4), ("size-m", 260, 2, 3), ("size-l", 10_000, 1, 2))


def _layout(block: dict) -> tuple[str, int, int]:
    longest = max(len(c["text"]) for c in block["cards"])
    if block["kind"] == "sign" and longest <= 40:
        return "size-sign", 2, 4  # a word or two held up to the class: as large as the card allows
    return next((size, cols, rows) for size, limit, cols, rows in LAYOUTS if longest <= limit)


def card_sheets(blocks: list[dict]) -> list[dict]:
    """The A4 pages of a card pack: consecutive sets of the same layout share pages; every card
    carries its set's title and its own label."""
    from markupsafe import Markup

    from .quiz import _inline
    from .safe import inline_markdown

    md = inline_markdown()
    sheets: list[dict] = []
    for block in blocks:
        size, cols, rows = _layout(block)
        for n, card in enumerate(block["cards"], 1):
            if not sheets or sheets[-1]["size"] != size or len(sheets[-1]["items"]) == cols * rows:
                sheets.append({"size": size, "cols": cols, "rows": rows, "items": []})
            sheets[-1]["items"].append({"set_title": block["title"], "label": cards.label(card, n),
                                        "text": Markup(_inline(md, card["text"]))})
    return sheets


# Exit tickets per A4 page, tried in this order until every ticket fits its cell (fit_tickets):
# four (2×2), two (1×2), one.
TICKET_LAYOUTS = ((2, 2), (1, 2), (1, 1))

# What does not fit on a printed sheet: a cell whose text runs past its cut lines (and is cut
# off), a grid whose last cut line runs into the footer, a footer below the page's edge.
FIT_JS = r"""
() => [...document.querySelectorAll('.sheet')].flatMap((sheet, n) => {
  const page = sheet.getBoundingClientRect(), grid = sheet.querySelector('.grid').getBoundingClientRect();
  const foot = sheet.querySelector('footer').getBoundingClientRect();
  const out = [...sheet.querySelectorAll('.cell')].filter(c => c.scrollHeight > c.clientHeight + 1)
    .map(c => `page ${n + 1}: a card or ticket is ${c.scrollHeight - c.clientHeight} px taller than its cell`);
  const last = Math.max(...[...sheet.querySelectorAll('.cell')].map(c => c.getBoundingClientRect().bottom));
  if (Math.max(grid.bottom, last) > foot.top) out.push(`page ${n + 1}: the footer overlaps the last cut line`);
  if (foot.bottom > page.bottom) out.push(`page ${n + 1}: the footer runs off the page`);
  return out;
})
"""


def ticket_sheets(ticket: dict, cols: int = 2, rows: int = 2) -> list[dict]:
    """One A4 page of identical tickets, ``cols`` × ``rows`` of them."""
    from markupsafe import Markup

    from .quiz import _inline
    from .safe import inline_markdown

    md = inline_markdown()
    item = {"prompts": [Markup(_inline(md, p)) for p in ticket["prompts"]], "lines": ticket["lines"]}
    return [{"size": "ticket", "cols": cols, "rows": rows, "items": [item] * (cols * rows)}]


def fit_tickets(page, ticket: dict, render) -> list[dict]:
    """The ticket sheet with as many tickets as fit on the page, measured in the browser that
    prints it (``page``, a Playwright page; ``render(sheets)`` gives the print HTML): the length of
    a prompt in print depends on the language and the font, which a count of characters only
    guesses. A ticket too long for a page of its own is an error in one line."""
    for cols, rows in TICKET_LAYOUTS:
        sheets = ticket_sheets(ticket, cols, rows)
        page.set_content(render(sheets))
        if not page.evaluate(FIT_JS):
            return sheets
    raise cards.BlockError(f"exit-ticket {ticket['id']}: too long to print even one ticket on an A4 page: "
                           "shorten the prompts or give them fewer lines")


def print_html(mode: str, *, lang: str, title: str, plan_title: str, licence: str, sheets: list[dict]) -> str:
    """The print page of a card pack (mode "cards") or ticket sheet ("tickets"): the package's
    template, every value escaped."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("realharm", "templates"), autoescape=True)
    return env.get_template("print-cards.html").render(
        mode=mode, lang=lang, title=title, plan_title=plan_title, licence=licence, sheets=sheets,
        heading=t("cards", "exit_ticket", lang), cut=t("cards", "cut", lang))


def print_cards(docs: Path, site_dir: Path, plans: list[Plan], *, browser, site_url: str, date: str) -> list[Path]:
    """<plan>-cards.pdf and <plan>-exit-tickets.pdf of every lesson plan that has the blocks,
    printed by the same Chromium as the sheets, from the page's parsed blocks."""
    written = []
    page = browser.new_page()
    page.emulate_media(media="print")  # measured (fit_tickets) as it prints
    for plan in plans:
        if plan.entry.audience != "educators":
            continue
        source = docs / plan.lang / plan.entry.rel
        sets, tickets, problems = cards.page_blocks(Page.read(source), f"docs/{plan.lang}/{plan.entry.rel}")
        if problems:
            raise cards.BlockError(problems[0])
        licence = t("teachpack", "licence", plan.lang).format(url=site_url + plan.url_path, date=format_date(date, plan.lang))
        jobs = []  # (file, title's interface key, the card pack's pages or the ticket to fit)
        if sets:
            jobs.append((CARDS, "card_pack", card_sheets(sets)))
        if tickets:
            jobs.append((TICKETS, "ticket_sheet", tickets[0]))
        for name, key, what in jobs:
            heading = t("cards", key, plan.lang)
            title = f"{plan.entry.title} — {heading}"
            mode = "cards" if name == CARDS else "tickets"

            def render(sheets, mode=mode, title=title, licence=licence, plan=plan):
                return print_html(mode, lang=plan.lang, title=title, plan_title=plan.entry.title,
                                  licence=licence, sheets=sheets)

            if name == CARDS:
                page.set_content(render(what))
            else:
                try:
                    fit_tickets(page, what, render)  # leaves the page holding the sheet that fits
                except cards.BlockError as exc:
                    raise cards.BlockError(f"docs/{plan.lang}/{plan.entry.rel}: {exc}") from None
            out = site_dir / folder(plan.lang) / f"{plan.stem}-{name}.pdf"
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format="A4", print_background=True, tagged=True,
                     prefer_css_page_size=True, margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
            pdf.set_metadata(out, title=title, lang=plan.lang,
                             subject=f"Real Harm · module {plan.entry.module} · {licence}")
            written.append(out)
    page.close()
    return written


# -- editable plan and handout (DOCX, ODT) -----------------------------------------------------

DROP = (".headerlink", ".rh-q__status", ".rh-q__actions", ".rh-q__feedback", ".rh-q__hint", "button", "input",
        "script", "style", ".rh-pdf", ".rh-pack", "svg")


def article_html(page_html: str, page_url: str) -> str:
    """The rendered article of a built page, ready for pandoc: controls removed, links absolute."""
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(page_html)
    article = doc.xpath('//article[contains(@class, "md-content__inner")]')[0]
    for selector in DROP:
        xpath = (f'.//*[contains(concat(" ", normalize-space(@class), " "), " {selector[1:]} ")]'
                 if selector.startswith(".") else f".//{selector}")
        for node in article.xpath(xpath):
            node.drop_tree()
    article.make_links_absolute(page_url)
    return lxml_html.tostring(article, encoding="unicode")


def _office(body: str, target: Path, *, title: str, lang: str, licence: str, date: str) -> list[Path]:
    """<target>.docx and <target>.odt from an article's HTML, the licence line first and last."""
    import pypandoc
    from html import escape

    source = f'<p>{escape(licence)}</p>\n{body}\n<p>{escape(licence)}</p>'
    written = []
    for fmt in ("docx", "odt"):
        out = target.with_name(f"{target.name}.{fmt}")
        out.parent.mkdir(parents=True, exist_ok=True)
        pypandoc.convert_text(source, fmt, format="html", outputfile=str(out), extra_args=[
            "--metadata", f"title={title}", "--metadata", f"lang={lang}",
            "--metadata", f"date={date}", "--metadata", "author=Real Harm",
            "--metadata", f"subject={licence}", "--metadata", f"description={licence}",
            "--metadata", "keywords=CC BY-SA 4.0"])
        written.append(out)
    return written


def office_files(site_dir: Path, plan: Plan, *, site_url: str, date: str) -> list[Path]:
    """<plan>.docx and <plan>.odt from the built page, with title, language, date and licence."""
    page_url = site_url + plan.url_path
    body = article_html((site_dir / plan.url_path / "index.html").read_text(encoding="utf-8"), page_url)
    shown = format_date(date, plan.lang)  # the date as the plan's language writes it (style.format_date)
    licence = t("teachpack", "licence", plan.lang).format(url=page_url, date=shown)
    return _office(body, site_dir / folder(plan.lang) / plan.stem, title=plan.entry.title, lang=plan.lang,
                   licence=licence, date=shown)


# -- whole-school documents (DOCX, ODT) ---------------------------------------------------------

SCHOOL_PAGES = ("letter-to-families", "leadership-brief", "staff-briefing")
# the letter's country versions: the id of the page's section, which is also the file's suffix
LETTER = "letter-to-families"
LETTER_VERSIONS = ("uk", "it", "other")


def is_school_document(name: str) -> bool:
    """A file name of a whole-school document (for the offline copy)."""
    stem, _dot, ext = name.rpartition(".")
    return ext in ("docx", "odt") and (stem in SCHOOL_PAGES or stem in {f"{LETTER}-{v}" for v in LETTER_VERSIONS})


def _section(article: str, section_id: str) -> tuple[str, str]:
    """(heading text, HTML) of an article's h2 section with the given id, up to the next h2."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(article)
    found = root.xpath(f'.//h2[@id="{section_id}"]')
    if not found:
        raise ValueError(f"no section {{ #{section_id} }}")
    parts, node = [], found[0].getnext()
    while node is not None and node.tag != "h2":
        parts.append(lxml_html.tostring(node, encoding="unicode"))
        node = node.getnext()
    return found[0].text_content().replace("\u00b6", "").strip(), "\n".join(parts)


def school_documents(site_dir: Path, languages: list[str], *, site_url: str, date: str,
                     docs: Path | None = None) -> list[Path]:
    """The whole-school documents of every language as DOCX and ODT, and the letter's versions;
    a page missing from the built site is an error in one line. With ``docs``, a language that
    has not translated a document gets none of its own (its site shows the default language's
    page, which links the default language's files)."""
    from lxml import html as lxml_html

    written = []
    for lang in languages:
        prefix = "" if lang == languages[0] else f"{lang}/"
        for stem in SCHOOL_PAGES:
            if docs is not None and lang != languages[0] and not (docs / lang / "teach" / f"{stem}.md").is_file():
                continue
            url_path = f"{prefix}teach/{stem}/"
            built = site_dir / url_path / "index.html"
            if not built.is_file():
                raise FileNotFoundError(f"{built}: the page teach/{stem} was not built; it is listed in "
                                        f"teachpack.SCHOOL_PAGES, so it needs docs/{languages[0]}/teach/{stem}.md")
            page_url = site_url + url_path
            page_html = built.read_text(encoding="utf-8")
            h1 = lxml_html.fromstring(page_html).xpath('//article//h1')
            title = h1[0].text_content().replace("\u00b6", "").strip() if h1 else stem
            body = article_html(page_html, page_url)
            shown = format_date(date, lang)
            licence = t("teachpack", "licence", lang).format(url=page_url, date=shown)
            target = site_dir / folder(lang) / stem
            written += _office(body, target, title=title, lang=lang, licence=licence, date=shown)
            if stem != LETTER:
                continue
            for version in LETTER_VERSIONS:
                try:
                    heading, section = _section(body, version)
                except ValueError as exc:
                    raise ValueError(f"docs/{lang}/teach/{stem}.md: {exc}: each country version of the letter "
                                     f"is a section with one of the ids {', '.join(LETTER_VERSIONS)}") from None
                written += _office(section, target.with_name(f"{stem}-{version}"), title=f"{title} — {heading}",
                                   lang=lang, licence=licence, date=shown)
    return written


# -- slides -----------------------------------------------------------------------------------

PACK_ASSETS = "slides-assets/"


def slide_files(site_dir: Path, plan: Plan, *, site_url: str, date: str) -> tuple[list[Path], dict[str, bytes]]:
    """<plan>-slides.html and <plan>-slides.pptx from the built page; returns the files and what the
    pack adds for its own copy of the HTML deck (the deck with its assets beside it)."""
    from . import slides

    page_url = site_url + plan.url_path
    e = plan.entry
    deck = slides.read_plan((site_dir / plan.url_path / "index.html").read_text(encoding="utf-8"), lang=plan.lang,
                            source=f"docs/{plan.lang}/{e.rel}", age=_age(e.age_band, plan.lang), minutes=e.minutes,
                            licence=t("teachpack", "licence", plan.lang).format(url=page_url, date=date),
                            url=page_url, date=date, module=e.module)
    out = site_dir / folder(plan.lang)
    out.mkdir(parents=True, exist_ok=True)
    html_path = out / f"{plan.stem}-slides.html"
    html_path.write_text(slides.html_deck(deck, "../../assets/"), encoding="utf-8")
    pptx_path = slides.pptx_deck(deck, out / f"{plan.stem}-slides.pptx")
    extra = {html_path.name: slides.html_deck(deck, PACK_ASSETS).encode("utf-8")}
    for asset in slides.ASSETS:
        extra[PACK_ASSETS + asset] = (site_dir / "assets" / asset).read_bytes()
    extra[PACK_ASSETS + "vendor/reveal/LICENSE"] = (site_dir / "assets" / "vendor/reveal/LICENSE").read_bytes()
    return [pptx_path], extra


def _age(band: str, lang: str) -> str:
    return t("curriculum", "adults", lang) if band == "adults" else band.replace("-", "–")


# -- packs ------------------------------------------------------------------------------------

def _zip(target: Path, files: list[Path], readme: str, extra: dict[str, bytes] | None = None) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("LICENCE.txt", readme)
        for path in files:
            zf.write(path, path.name)
        for name, data in sorted((extra or {}).items()):
            zf.writestr(name, data)
    return target


def make(project, site_dir: Path, *, browser, base_url: str, site_url: str, date: str,
         modules: set[int] | None = None) -> list[Path]:
    """Every quiz export, sheet, office file and pack; returns the files written."""
    languages = project.languages()
    plans = pages(project.docs, languages, modules)
    written: list[Path] = []
    own: dict[tuple[str, str], list[Path]] = {}
    extras: dict[tuple[str, str], dict[str, bytes]] = {}
    for plan in plans:
        files = own.setdefault((plan.lang, plan.stem), [])
        questions = quizexport.page_questions(project.docs / plan.lang / plan.entry.rel)
        if questions:
            meta = quizexport.Meta(plan.entry.title, plan.lang, site_url + plan.url_path, date)
            files += quizexport.write(questions, meta, site_dir / folder(plan.lang), plan.stem)
        if plan.entry.audience == "educators":
            files += office_files(site_dir, plan, site_url=site_url, date=date)
            deck_files, extras[(plan.lang, plan.stem)] = slide_files(site_dir, plan, site_url=site_url, date=date)
            files += deck_files
            written.append(site_dir / folder(plan.lang) / f"{plan.stem}-slides.html")
    written += school_documents(site_dir, languages, site_url=site_url, date=date, docs=project.docs)
    sheets = print_sheets(base_url, site_dir, plans, browser=browser, site_url=site_url, date=date)
    for path in sheets:
        lang = path.parent.name
        stem = path.name.rsplit("-", 2)[0]
        own[(lang, stem)].append(path)
    for path in print_cards(project.docs, site_dir, plans, browser=browser, site_url=site_url, date=date):
        stem = path.name.removesuffix(f"-{CARDS}.pdf").removesuffix(f"-{TICKETS}.pdf")
        own[(path.parent.name, stem)].append(path)
    for files in own.values():
        written += files
    by_module: dict[tuple[str, int], list[Path]] = {}
    # a module pack holds its plans' HTML decks too, and the decks' assets (slides-assets/) once
    module_extras: dict[tuple[str, int], dict[str, bytes]] = {}
    for plan in plans:
        files = [site_dir / pdf.page_pdf(plan.lang, plan.entry.rel)] + own[(plan.lang, plan.stem)]
        files = [f for f in files if f.is_file()]
        readme = t("teachpack", "licence", plan.lang).format(url=site_url + plan.url_path,
                                                             date=format_date(date, plan.lang)) + "\n"
        by_module.setdefault((plan.lang, plan.entry.module), []).extend(files)
        module_extras.setdefault((plan.lang, plan.entry.module), {}).update(extras.get((plan.lang, plan.stem), {}))
        if plan.entry.audience == "educators":
            written.append(_zip(site_dir / folder(plan.lang) / f"{plan.stem}-teacher-pack.zip",
                                sorted(files, key=lambda p: p.name), f"{plan.entry.title}\n{readme}",
                                extras.get((plan.lang, plan.stem))))
    for (lang, module), files in sorted(by_module.items()):
        readme = t("teachpack", "licence", lang).format(url=site_url + ("" if lang == languages[0] else f"{lang}/")
                                                        + "teach/", date=format_date(date, lang)) + "\n"
        written.append(_zip(site_dir / module_pack(lang, module), sorted(set(files), key=lambda p: p.name),
                            f"Real Harm · module {module}\n{readme}", module_extras.get((lang, module))))
    return written
