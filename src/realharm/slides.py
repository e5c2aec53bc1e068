"""The slides of every lesson plan, in every language: a browser deck and a PowerPoint file.

Both are made from the plan page the build rendered (markers, glossary and the handout's help box
already in place), read once into a Deck: a title slide (title, age, duration), the content note,
the ground rules, a starter (the lesson's key questions), one slide per activity with its timing
and instructions, the discussion prompts, the key points, "if you already have an image" and
"where to get help" with the services the handout box lists. What is for the teacher only (what
to look for, facilitator notes, answer guides, the safeguarding check, the objectives) goes into
the speaker notes. Slides carry text only, never an image.

- <plan>-slides.html: reveal.js (docs/assets/vendor/reveal, MIT), with the site's own stylesheet
  and start-up script as files (the site's Content-Security-Policy allows no inline code), so it
  runs from the site and from the offline copy without a network;
- <plan>-slides.pptx: python-pptx, editable text boxes, speaker notes, title, language, subject
  and the licence in the file's properties and on the last slide.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .ui import t

# a slide's body holds about this many characters; a longer part goes on to a second slide
BUDGET = 900
STEP = re.compile(r"^\(\d+\s*min")  # an instruction step: "(3 min) …"
ASSETS = ("vendor/reveal/reveal.css", "vendor/reveal/reveal.js", "slides/slides.css", "slides/slides.js")


class SlidesError(ValueError):
    """A plan the slides cannot be made from; the message is one line for the contributor."""


@dataclass
class Block:
    kind: str                  # "p", "h" (a small heading), "ol", "ul", "quote"
    text: str = ""
    items: list[tuple[str, list[str]]] = field(default_factory=list)
    start: int = 1
    keep: bool = False         # kept on the same slide as the next block (a small heading always is)

    def size(self) -> int:
        return len(self.text) + sum(len(a) + sum(len(s) for s in b) + 8 for a, b in self.items) + 20


@dataclass
class Slide:
    kind: str                  # title, contentnote, rules, starter, activity, discussion, keypoints, ifyouhaveit, help
    title: str
    blocks: list[Block]
    notes: list[str]
    subtitle: str = ""


@dataclass
class Deck:
    lang: str
    title: str
    slides: list[Slide]
    licence: str
    url: str
    date: str
    module: int = 0


# -- reading the rendered page ----------------------------------------------------------------

def _text(el) -> str:
    el = _copy(el)
    for link in el.xpath('.//*[contains(@class, "headerlink")]'):
        link.drop_tree()
    return " ".join(el.text_content().split())


def _copy(el):
    from copy import deepcopy

    return deepcopy(el)


def _item(li) -> tuple[str, list[str]]:
    own = _copy(li)
    subs = [_text(s) for s in own.xpath("./ul/li|./ol/li")]
    for nested in own.xpath("./ul|./ol"):
        nested.drop_tree()
    return _text(own), subs


def _blocks(elements) -> list[Block]:
    out = []
    for el in elements:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("ol", "ul"):
            out.append(Block(tag, items=[_item(li) for li in el.xpath("./li")], start=int(el.get("start") or 1)))
        elif tag == "blockquote":
            out.append(Block("quote", _text(el)))
        elif tag == "table":
            rows = [" · ".join(_text(c) for c in tr.xpath("./th|./td")) for tr in el.xpath(".//tr")]
            out.append(Block("ul", items=[(r, []) for r in rows if r]))
        elif tag in ("h2", "h3", "h4"):
            out.append(Block("h", _text(el)))
        elif tag == "figure" and "rh-worksheet" in (el.get("class") or "").split():
            out += _worksheet(el)
        elif tag and _text(el):
            out.append(Block("p", _text(el)))
    return out


def _worksheet(fig) -> list[Block]:
    """A worksheet (worksheets.py) as a slide shows it: its title, what to do, and its parts as a
    numbered list, each part's label with its hint (the lines to write on stay on paper)."""
    def first(node, cls: str) -> str:
        found = node.xpath(f'./*[contains(@class, "{cls}")]')
        return _text(found[0]) if found else ""

    parts = []
    for li in fig.xpath('./ol/li[contains(@class, "rh-worksheet__part")]'):
        label = " ".join(_text(b) for b in li.xpath('./*[contains(@class, "rh-worksheet__label")]/strong'))
        hint = first(li, "rh-worksheet__hint")
        parts.append((f"{label} — {hint}" if hint else label, []))
    return [Block("h", first(fig, "rh-worksheet__title")), Block("p", first(fig, "rh-worksheet__instructions"), keep=True),
            Block("ol", items=parts)]


def _is_head(el) -> bool:
    kids = list(el)
    return (el.tag == "p" and len(kids) == 1 and kids[0].tag == "strong"
            and _text(el) == _text(kids[0]) and not (kids[0].tail or "").strip())


def _sections(box) -> list[tuple[str | None, list]]:
    """A box's content split at its bold one-line headings: [(heading or None, elements)]."""
    out: list[tuple[str | None, list]] = [(None, [])]
    for el in box:
        if "admonition-title" in (el.get("class") or ""):
            continue
        if _is_head(el):
            out.append((_text(el), []))
        else:
            out[-1][1].append(el)
    return [s for s in out if s[0] is not None or s[1]]


def _notes(sections) -> list[str]:
    lines = []
    for head, elements in sections:
        if head:
            lines.append(head)
        for b in _blocks(elements):
            if b.items:
                for n, (a, subs) in enumerate(b.items, b.start):
                    lines.append(f"{n}. {a}" if b.kind == "ol" else f"- {a}")
                    lines += [f"   - {x}" for x in subs]
            else:
                lines.append(b.text)
    return lines


def _box(article, name):
    found = article.xpath(f'./div[contains(concat(" ", normalize-space(@class), " "), " admonition ") and '
                          f'contains(concat(" ", normalize-space(@class), " "), " {name} ")]')
    return found


def _title(box) -> str:
    found = box.xpath('./*[contains(@class, "admonition-title")]')
    return _text(found[0]) if found else ""


def _split(slide: Slide) -> list[Slide]:
    """The slide, or the slide and its continuations when its text is longer than BUDGET."""
    chunks: list[list[Block]] = [[]]
    used = 0
    for block in slide.blocks:
        pieces = [block]
        if block.items and block.size() > BUDGET:
            pieces = [Block(block.kind, items=[it], start=block.start + n) for n, it in enumerate(block.items)]
        for piece in pieces:
            last = chunks[-1][-1] if chunks[-1] else None
            if used + piece.size() > BUDGET and chunks[-1]:
                # a small heading (or a block kept with the next) goes with what follows it, onto the next slide
                moved: list[Block] = []
                while len(chunks[-1]) > 1 and (chunks[-1][-1].kind == "h" or chunks[-1][-1].keep):
                    moved.insert(0, chunks[-1].pop())
                chunks.append(moved)
                used = sum(b.size() for b in moved)
                last = None
            if last is not None and last.kind == piece.kind and piece.items and last.items and \
                    last.start + len(last.items) == piece.start and piece is not block:
                last.items += piece.items
            else:
                chunks[-1].append(piece)
            used += piece.size()
    if len(chunks) == 1:
        return [slide]
    n = len(chunks)
    return [Slide(slide.kind, slide.title if i == 0 else f"{slide.title} ({i + 1}/{n})", blocks, slide.notes,
                  slide.subtitle) for i, blocks in enumerate(chunks)]


def read_plan(page_html: str, *, lang: str, source: str, age: str, minutes: int, licence: str, url: str,
              date: str, module: int = 0) -> Deck:
    """The deck of a built lesson plan page; ``source`` names the plan's file in errors."""
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(page_html)
    found = doc.xpath('//article[contains(@class, "md-content__inner")]')
    if not found:
        raise SlidesError(f"{source}: the built page has no article: is it a lesson plan?")
    article = found[0]
    s = lambda key: t("slides", key, lang)  # noqa: E731

    def need(name: str, what: str):
        boxes = _box(article, name)
        if not boxes:
            raise SlidesError(f"{source}: no {what} ('!!! {name}' box): every deck needs it")
        return boxes[0]

    h1 = article.xpath("./h1")
    title = _text(h1[0]) if h1 else ""
    contentnote, prep = need("contentnote", "content note"), need("preparation", "preparation")
    acts = _box(article, "activity")
    if not acts:
        raise SlidesError(f"{source}: no activity ('!!! activity \"Activity 1 — … (10 min)\"' box): "
                          "the slides need one slide per activity")
    discussion, keypoints, gethelp = (need("discussion", "discussion prompts"), need("keypoints", "key points"),
                                      need("gethelp", "where to get help"))
    prep_sections = [x for x in _sections(prep) if x[0]]
    if len(prep_sections) < 3:
        raise SlidesError(f"{source}: the preparation box has no ground rules (a bold 'Ground rules' heading "
                          "and its list, before the content note and opt-outs)")
    rules_head, rules = prep_sections[-2]
    optouts = prep_sections[-1]
    safeguarding = prep_sections[-3]
    objectives = _box(article, "objectives")
    questions = _box(article, "questions")

    slides = [Slide("title", title, [], _notes(_sections(objectives[0])) if objectives else [],
                    f"{s('age').format(age=age)} · {s('minutes').format(minutes=minutes)}")]
    slides.append(Slide("contentnote", _title(contentnote), _blocks(x for _h, els in _sections(contentnote) for x in els),
                        _notes([optouts])))
    slides.append(Slide("rules", s("ground_rules"), _blocks(rules), _notes([safeguarding, (rules_head, [])])))
    if questions:
        slides.append(Slide("starter", f"{s('starter')}: {_title(questions[0])}",
                            _blocks(x for _h, els in _sections(questions[0]) for x in els),
                            _notes(_sections(objectives[0])) if objectives else []))
    for act in acts:
        sections = _sections(act)
        steps = [i for i, (_h, els) in enumerate(sections)
                 if any(el.tag == "ol" and el.xpath("./li") and STEP.match(_text(el.xpath("./li")[0])) for el in els)]
        cut = steps[0] + 1 if steps else max(len(sections) - 1, 1)
        shown, teacher = sections[:cut], sections[cut:]
        blocks = []
        for head, els in shown:
            if head:
                blocks.append(Block("h", head))
            blocks += _blocks(els)
        slides.append(Slide("activity", _title(act), blocks, _notes(teacher)))
    prompts = []
    for el in discussion:
        if el.tag in ("ol", "ul"):
            for li in el.xpath("./li"):
                strong = li.xpath("./strong")
                prompts.append((_text(strong[0]) if strong else _text(li), []))
    slides.append(Slide("discussion", _title(discussion), [Block("ol", items=prompts)], _notes(_sections(discussion))))
    slides.append(Slide("keypoints", _title(keypoints), _blocks(x for _h, els in _sections(keypoints) for x in els), []))
    box = article.xpath('.//*[@id="if-you-have-it"]')
    if not box:
        raise SlidesError(f"{source}: the handout does not end with the help box "
                          "(<!-- realharm:handout-help -->): the slides take the services from it")
    steps_list, services = [], []
    for el in box[0].itersiblings():
        if el.tag in ("h2", "h3"):
            break
        if not steps_list and el.tag == "ul":
            steps_list = _blocks([el])
        elif steps_list:
            services.append(el)
    slides.append(Slide("ifyouhaveit", _text(box[0]), steps_list, []))
    help_blocks = [Block("h", b.text) if b.kind == "p" and n < len(_blocks(services)) - 1 else b
                   for n, b in enumerate(_blocks(services))]
    slides.append(Slide("help", _title(gethelp), help_blocks, _notes(_sections(gethelp))))
    out = []
    for slide in slides:
        out += [slide] if slide.kind in ("help", "title") else _split(slide)
    return Deck(lang, title, out, licence, url, date, module)


# -- the browser deck -------------------------------------------------------------------------

def _html_blocks(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if b.kind in ("ol", "ul"):
            start = f' start="{b.start}"' if b.kind == "ol" and b.start != 1 else ""
            items = []
            for text, subs in b.items:
                sub = "".join(f"<li>{escape(x)}</li>" for x in subs)
                items.append(f"<li>{escape(text)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
            out.append(f"<{b.kind}{start}>{''.join(items)}</{b.kind}>")
        elif b.kind == "quote":
            out.append(f"<blockquote>{escape(b.text)}</blockquote>")
        elif b.kind == "h":
            out.append(f'<p class="rh-slide__head">{escape(b.text)}</p>')
        else:
            out.append(f"<p>{escape(b.text)}</p>")
    return "\n".join(out)


def html_deck(deck: Deck, assets: str) -> str:
    """The reveal.js deck as one HTML page; ``assets`` is the relative path to the site's assets/."""
    sections = []
    for n, slide in enumerate(deck.slides):
        head = (f"<h1>{escape(slide.title)}</h1><p class=\"rh-slide__sub\">{escape(slide.subtitle)}</p>"
                f"<p class=\"rh-slide__keys\">{escape(t('slides', 'keys', deck.lang))}</p>"
                if slide.kind == "title" else f"<h2>{escape(slide.title)}</h2>")
        body = _html_blocks(slide.blocks)
        if n == len(deck.slides) - 1:
            body += f'\n<p class="rh-slide__licence">{escape(deck.licence)}</p>'
        notes = "".join(f"<p>{escape(line)}</p>" for line in slide.notes)
        sections.append(f'<section class="rh-slide rh-slide--{slide.kind}" data-rh-kind="{slide.kind}">\n{head}\n'
                        f'{body}\n' + (f'<aside class="notes">{notes}</aside>\n' if notes else "") + "</section>")
    links = "".join(f'<link rel="stylesheet" href="{escape(assets + a, quote=True)}">\n' for a in ASSETS if a.endswith(".css"))
    scripts = "".join(f'<script src="{escape(assets + a, quote=True)}" defer></script>\n' for a in ASSETS
                      if a.endswith(".js"))
    return (f'<!doctype html>\n<html lang="{escape(deck.lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(deck.title)}</title>\n"
            f'<meta name="description" content="{escape(deck.licence, quote=True)}">\n{links}{scripts}</head>\n'
            f'<body>\n<main class="reveal">\n<div class="slides">\n' + "\n".join(sections) + "\n</div>\n</main>\n"
            "</body>\n</html>\n")


# -- the PowerPoint file ----------------------------------------------------------------------

LANGUAGE_IDS = {"en": "ENGLISH_UK", "it": "ITALIAN"}


def _runs_language(frame, lang: str) -> None:
    from pptx.enum.lang import MSO_LANGUAGE_ID

    name = LANGUAGE_IDS.get(lang)
    if not name:
        return
    for p in frame.paragraphs:
        for r in p.runs:
            r.font.language_id = getattr(MSO_LANGUAGE_ID, name)


def _fill(frame, blocks: list[Block], size: int) -> None:
    from pptx.util import Pt

    frame.word_wrap = True
    first = True

    def para(text: str, level: int = 0, bold: bool = False, italic: bool = False):
        nonlocal first
        p = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        p.level = level
        r = p.add_run()
        r.text = text
        r.font.size = Pt(size - 3 * level)
        r.font.bold = bold or None
        r.font.italic = italic or None

    for b in blocks:
        if b.kind in ("ol", "ul"):
            for n, (text, subs) in enumerate(b.items, b.start):
                para(f"{n}. {text}" if b.kind == "ol" else f"• {text}")
                for sub in subs:
                    para(f"– {sub}", level=1)
        elif b.kind == "h":
            para(b.text, bold=True)
        elif b.kind == "quote":
            para(b.text, italic=True)
        else:
            para(b.text)


def pptx_deck(deck: Deck, out: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]
    width = prs.slide_width - Inches(1)
    for n, slide in enumerate(deck.slides):
        s = prs.slides.add_slide(blank)
        if slide.kind == "title":
            box = s.shapes.add_textbox(Inches(0.5), Inches(2.2), width, Inches(1.8))
            _fill(box.text_frame, [Block("p", slide.title)], 40)
            box.text_frame.paragraphs[0].runs[0].font.bold = True
            box.name = "Title"
            sub = s.shapes.add_textbox(Inches(0.5), Inches(4.2), width, Inches(1))
            _fill(sub.text_frame, [Block("p", slide.subtitle)], 24)
            frames = [box.text_frame, sub.text_frame]
        else:
            box = s.shapes.add_textbox(Inches(0.5), Inches(0.35), width, Inches(1))
            box.name = "Title"
            _fill(box.text_frame, [Block("p", slide.title)], 30)
            box.text_frame.paragraphs[0].runs[0].font.bold = True
            body = s.shapes.add_textbox(Inches(0.5), Inches(1.4), width, Inches(5.4))
            body.name = "Body"
            chars = sum(b.size() for b in slide.blocks)
            _fill(body.text_frame, slide.blocks, 24 if chars < 300 else 20 if chars < 480 else 17)
            frames = [box.text_frame, body.text_frame]
        if n == len(deck.slides) - 1:
            foot = s.shapes.add_textbox(Inches(0.5), prs.slide_height - Inches(0.6), width, Inches(0.4))
            foot.name = "Licence"
            _fill(foot.text_frame, [Block("p", deck.licence)], 11)
            frames.append(foot.text_frame)
        for frame in frames:
            _runs_language(frame, deck.lang)
        if slide.notes:
            s.notes_slide.notes_text_frame.text = "\n".join(slide.notes)
    props = prs.core_properties
    props.title = deck.title
    props.language = deck.lang
    props.author = "Real Harm"
    props.subject = f"Real Harm · module {deck.module} · {deck.licence}"
    props.comments = deck.licence
    props.keywords = "CC BY-SA 4.0"
    props.identifier = deck.url
    day = dt.datetime.fromisoformat(deck.date)
    props.created = props.modified = day
    props.last_modified_by = "Real Harm"
    props.revision = 1
    # the template's thumbnail is a picture of a blank slide: no image in a deck (python-pptx has no
    # public call to drop a package relationship)
    package_rels = prs.part.package._rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package_rels.pop(rid)
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(out))
    return out


def safety_problems(titles: list[str], texts: list[str], lang: str, *, images: int = 0) -> list[str]:
    """What a deck lacks of the safety rules: content note, ground rules, the help slide with its
    services (by the slides' titles and texts, as read back from a file), and any image."""
    wanted = {"content note": t("admonitions", "contentnote", lang), "ground rules": t("slides", "ground_rules", lang),
              "where to get help": t("admonitions", "gethelp", lang)}
    problems = [f"no {name} slide" for name, title in wanted.items() if not any(x.startswith(title) for x in titles)]
    if images:
        problems.append(f"{images} image(s)")
    return problems
