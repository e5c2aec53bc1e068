"""Worksheets (```worksheet): fenced blocks of YAML in lesson plans for a sheet each student or
group fills in (a report template, a comic strip, a case file), checked against
data/schema/worksheet.schema.json, shown on the page as accessible HTML and printed one to an A4
page in the plan's student sheet (teachpack.SHEET_JS), with room to write.

```worksheet
id: m6-14-16-report           # unique on the page, the same in every language
title: "Report to a platform"
activity: 4                   # optional: the activity the sheet belongs to
instructions: "…"             # one or two short sentences, read by the students on the sheet
layout: boxes                 # boxes, strip (numbered panels with a caption) or list (labelled lines)
parts:
  - label: "What"
    hint: "…"                 # optional short reminder under the label
    lines: 4                  # writing lines (default 3)
```

Text only, like cards: never an image. A worksheet has no answers: what to look for stays in the
activity's expected outcomes, which the answer key prints.
"""

from __future__ import annotations

import copy
import html
import json
import textwrap
from functools import lru_cache

import yaml

from .cards import IMAGE, SCHEMAS, BlockError, _inline, _message
from .data import yaml_error

KIND = "worksheet"
LAYOUTS = ("boxes", "strip", "list")
DEFAULT_LINES = 3


@lru_cache(maxsize=None)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads((SCHEMAS / "worksheet.schema.json").read_text(encoding="utf-8")))


_PARSED: dict[str, dict] = {}


def parse(source: str, first_line: int = 1) -> dict:
    """Parse and check one block; raise BlockError naming the first thing wrong in one line.
    ``first_line``: the page's line where the block's YAML starts."""
    if source not in _PARSED:
        if len(_PARSED) > 500:
            _PARSED.clear()
        _PARSED[source] = _parse(textwrap.dedent(source), first_line)
    return copy.deepcopy(_PARSED[source])


def _parse(source: str, first_line: int) -> dict:
    try:
        block = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise BlockError(f"not valid YAML, {yaml_error(exc, source, first_line)}") from None
    if not isinstance(block, dict):
        raise BlockError("must be a set of fields (id, title, instructions, layout, parts)")
    errors = sorted(_validator().iter_errors(block), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        raise BlockError(_message(errors[0]))
    texts = [("title", block["title"]), ("instructions", block["instructions"])] + \
        [(f"parts.{n}.{f}", p[f]) for n, p in enumerate(block["parts"]) for f in ("label", "hint") if f in p]
    for where, text in texts:
        if IMAGE.search(text):
            raise BlockError(f"field {where}: worksheets are text only: remove the image")
        if not text.strip():
            raise BlockError(f"field {where}: is empty")
    for part in block["parts"]:
        part.setdefault("lines", DEFAULT_LINES)
    return block


# -- on the page --------------------------------------------------------------------------------

def render(block: dict, md=None) -> str:
    """A figure: the title as its caption, the instructions, then one list item per part with its
    label, its hint and its writing lines (hidden from screen readers: they are only space)."""
    esc = html.escape
    bid = esc(block["id"])
    layout = block["layout"]
    out = [f'<figure class="rh-worksheet rh-worksheet--{layout}" id="worksheet-{bid}" data-rh-worksheet="{bid}" '
           f'data-layout="{layout}" aria-labelledby="worksheet-{bid}-title">',
           f'<figcaption class="rh-worksheet__title" id="worksheet-{bid}-title"><strong>{esc(block["title"])}</strong></figcaption>',
           f'<p class="rh-worksheet__instructions">{_inline(md, block["instructions"])}</p>',
           '<ol class="rh-worksheet__parts">']
    for n, part in enumerate(block["parts"], 1):
        number = f'<span class="rh-worksheet__n">{n}</span> ' if layout == "strip" else ""
        # no style attribute: the site's content security policy refuses them (the sheet reads data-lines)
        out.append(f'<li class="rh-worksheet__part" data-lines="{part["lines"]}">'
                   f'<p class="rh-worksheet__label">{number}<strong>{esc(part["label"])}</strong></p>')
        if part.get("hint"):
            out.append(f'<p class="rh-worksheet__hint">{_inline(md, part["hint"])}</p>')
        if layout == "strip":
            out.append('<div class="rh-worksheet__panel" aria-hidden="true"></div>')
        lines = '<span class="rh-worksheet__line"></span>' * part["lines"]
        out.append(f'<div class="rh-worksheet__lines" aria-hidden="true">{lines}</div></li>')
    out.append("</ol></figure>")
    return "\n".join(out)


# pymdownx.superfences hooks (named in mkdocs.yml)
def fence_validator(language, inputs, options, attrs, md) -> bool:
    return True


def fence_format(source, language, css_class, options, md, **kwargs) -> str:
    """A broken block stops the build; text goes through a Markdown instance that cannot emit raw
    HTML (safe.inline_markdown)."""
    from pymdownx.superfences import SuperFencesException

    from .safe import inline_markdown

    try:
        block = parse(source)
    except BlockError as exc:
        raise SuperFencesException(f"{KIND}: {exc}") from None
    return render(block, inline_markdown())


# -- what a page holds --------------------------------------------------------------------------

def page_worksheets(page, label: str) -> tuple[list[dict], list[str]]:
    """(worksheets, problems) of a Page: every block parsed, ids unique on the page."""
    found, problems, seen = [], [], {}
    for _kind, line, body in page.blocks((KIND,)):
        try:
            block = parse(body, first_line=line)
        except BlockError as exc:
            problems.append(f"{label}: worksheet block at line {line}: {exc}")
            continue
        if block["id"] in seen:
            problems.append(f"{label}: worksheet block at line {line}: field id: {block['id']!r} is already used "
                            f"at line {seen[block['id']]} (each block needs its own id)")
            continue
        seen[block["id"]] = line
        found.append(block)
    return found, problems


def parity(source_page, twin, label: str, source: str) -> list[str]:
    """A translated page has the English page's worksheets: same ids in the same order, same
    activity and layout, same number of parts with the same lines. One line per difference."""
    theirs, a_problems = page_worksheets(source_page, source)
    mine, b_problems = page_worksheets(twin, label)
    if a_problems or b_problems:
        return []  # reported by the lint
    ids_a, ids_b = [b["id"] for b in theirs], [b["id"] for b in mine]
    if ids_a != ids_b:
        return [f"{label}: worksheet blocks {ids_b} differ from {ids_a} in {source}: keep every block of the "
                "English page, with the same id, in the same order"]
    problems = []
    for a, b in zip(theirs, mine):
        for field in ("activity", "layout"):
            if a.get(field) != b.get(field):
                problems.append(f"{label}: worksheet {b['id']}: field {field}: {b.get(field)!r}, {source} has "
                                f"{a.get(field)!r}: keep the English value")
        if len(a["parts"]) != len(b["parts"]):
            problems.append(f"{label}: worksheet {b['id']}: {len(b['parts'])} parts, {source} has "
                            f"{len(a['parts'])}: translate the English parts, without adding or removing any")
            continue
        for n, (pa, pb) in enumerate(zip(a["parts"], b["parts"])):
            if pa["lines"] != pb["lines"]:
                problems.append(f"{label}: worksheet {b['id']}: field parts.{n}.lines: {pb['lines']}, {source} has "
                                f"{pa['lines']}: keep the English value")
    return problems
