"""Card sets (```cards) and exit tickets (```exit-ticket): fenced blocks of YAML in lesson plans
and learner pages, checked against data/schema/cards.schema.json and exit-ticket.schema.json,
shown on the page as accessible HTML and read by the teacher pack (teachpack.py), which prints
them as card packs and ticket sheets from the parsed blocks, never from the page's HTML.

```cards
id: m1-11-13-reasons          # unique on the page, the same in every language
title: "Six reasons"
kind: reason                  # see KINDS
activity: 2                   # optional: the activity the set belongs to
cards:
  - title: "A"                # optional short label
    text: "…"                 # plain text, inline emphasis allowed, never an image
    answer: "true"            # optional, for the teacher: on the page, never on the printed card
```

```exit-ticket
id: m1-11-13-exit
prompts: ["…", "…"]           # 1 to 5
lines: 3                      # writing lines per prompt (default 2)
```
"""

from __future__ import annotations

import copy
import html
import json
import re
import textwrap
from functools import lru_cache
from pathlib import Path

import yaml

from .data import yaml_error
from .ui import current_language, strings, t

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "schema"
KINDS = ("scenario", "role", "statement", "term", "definition", "reason", "action", "step", "source",
         "message", "sign")
BLOCKS = {"cards": "cards.schema.json", "exit-ticket": "exit-ticket.schema.json"}
DEFAULT_LINES = 2
# an image in Markdown or HTML: cards are text only (the content guide allows no image on a card)
IMAGE = re.compile(r"!\[|<\s*(?:img|svg|picture|video|object|iframe)\b", re.I)


class BlockError(ValueError):
    pass


@lru_cache(maxsize=None)
def _validator(kind: str):
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / BLOCKS[kind]).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _message(error) -> str:
    """One schema error in words a translator can act on: which field, what is wrong."""
    where = ".".join(str(p) for p in error.absolute_path)
    v = error.validator
    if v == "required":
        missing = re.match(r"^'([^']+)'", error.message)
        name = missing.group(1) if missing else "?"
        return f"field {(where + '.') if where else ''}{name}: is missing"
    if v == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        return f"field {where or '(top level)'}: unknown field(s) {', '.join(extra)} (check the spelling)"
    if v == "enum":
        return f"field {where}: {error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if v == "pattern":
        return f"field {where}: {error.instance!r} must be lower case letters, digits and hyphens"
    if v == "minItems":
        return f"field {where}: needs at least {error.validator_value}"
    if v == "maxItems":
        return f"field {where}: has {len(error.instance)}, at most {error.validator_value} allowed"
    if v == "maxLength":
        return f"field {where}: is {len(error.instance)} characters long, at most {error.validator_value} allowed"
    if v == "minLength":
        return f"field {where}: is empty"
    if v == "type":
        want = {"string": "a text (in double quotes)", "integer": "a whole number", "array": "a list",
                "object": "a set of fields"}.get(error.validator_value, error.validator_value)
        return f"field {where or '-'}: must be {want}"
    if v in ("minimum", "maximum"):
        return f"field {where}: {error.instance} is out of range"
    return f"field {where or '-'}: {error.message}"


_PARSED: dict[tuple[str, str], dict] = {}


def parse(kind: str, source: str, first_line: int = 1) -> dict:
    """Parse and check one block (kind "cards" or "exit-ticket"); raise BlockError naming the first
    thing wrong in one line. ``first_line``: the page's line where the block's YAML starts."""
    key = (kind, source)
    if key not in _PARSED:
        if len(_PARSED) > 2000:
            _PARSED.clear()
        _PARSED[key] = _parse(kind, textwrap.dedent(source), first_line)
    return copy.deepcopy(_PARSED[key])


def _parse(kind: str, source: str, first_line: int) -> dict:
    try:
        block = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise BlockError(f"not valid YAML, {yaml_error(exc, source, first_line)}") from None
    if not isinstance(block, dict):
        raise BlockError("must be a set of fields (id, title, kind, cards)" if kind == "cards"
                         else "must be a set of fields (id, prompts, lines)")
    errors = sorted(_validator(kind).iter_errors(block), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        raise BlockError(_message(errors[0]))
    texts = ([("title", block["title"])] + [(f"cards.{n}.{f}", c[f]) for n, c in enumerate(block["cards"])
                                             for f in ("title", "text", "answer") if f in c]
             if kind == "cards" else [(f"prompts.{n}", p) for n, p in enumerate(block["prompts"])])
    for where, text in texts:
        if IMAGE.search(text):
            raise BlockError(f"field {where}: cards and tickets are text only: remove the image")
        if not text.strip():
            raise BlockError(f"field {where}: is empty")
    if kind == "exit-ticket":
        block.setdefault("lines", DEFAULT_LINES)
    return block


def label(card: dict, n: int) -> str:
    """A card's short label: its title, or its number (1, 2…) when it has none."""
    return card.get("title") or str(n)


# -- on the page --------------------------------------------------------------------------------

def _inline(md, text: str) -> str:
    from .quiz import _inline as inline

    return inline(md, text)


def plural_form(n: int, lang: str) -> str:
    """CLDR's plural category of n in the language (one, two, few, many, other), by Babel."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).plural_form(n)
    except (UnknownLocaleError, ValueError):
        return "one" if n == 1 else "other"


def render_cards(block: dict, md=None, lang: str | None = None) -> str:
    lang = lang or current_language.get()
    esc = html.escape
    bid = esc(block["id"])
    n = len(block["cards"])
    # "1 card", "2 cards": a language gives a form per CLDR plural category it needs (count_one,
    # count_few, count_many ...; Ukrainian 1 картка, 2 картки, 5 карток), `count` for the others
    section = strings(lang)["cards"]
    count = section.get(f"count_{plural_form(n, lang)}", section["count"]).format(n=n)
    out = [f'<figure class="rh-cards" id="cards-{bid}" data-rh-cards="{bid}" data-kind="{esc(block["kind"])}">',
           f'<figcaption class="rh-cards__title"><strong>{esc(block["title"])}</strong> '
           f'<span class="rh-cards__count">({esc(count)})</span></figcaption>',
           '<ul class="rh-cards__grid">']
    for m, card in enumerate(block["cards"], 1):
        out.append('<li class="rh-card">')
        if card.get("title"):
            out.append(f'<p class="rh-card__label">{esc(card["title"])}</p>')
        out.append(f'<p class="rh-card__text">{_inline(md, card["text"])}</p>')
        if card.get("answer"):
            out.append(f'<p class="rh-card__answer"><span class="rh-card__answer-label">'
                       f'{esc(t("cards", "answer", lang))}:</span> {_inline(md, card["answer"])}</p>')
        out.append("</li>")
    out.append("</ul></figure>")
    return "\n".join(out)


def render_ticket(block: dict, md=None, lang: str | None = None) -> str:
    lang = lang or current_language.get()
    esc = html.escape
    bid = esc(block["id"])
    out = [f'<div class="rh-ticket" id="ticket-{bid}" data-rh-ticket="{bid}">',
           f'<p class="rh-ticket__title"><strong>{esc(t("cards", "exit_ticket", lang))}</strong></p>',
           '<ol class="rh-ticket__prompts">']
    lines = '<span class="rh-ticket__line"></span>' * block["lines"]
    for prompt in block["prompts"]:
        out.append(f'<li><p>{_inline(md, prompt)}</p><div class="rh-ticket__lines" aria-hidden="true">{lines}</div></li>')
    out.append("</ol></div>")
    return "\n".join(out)


# pymdownx.superfences hooks (named in mkdocs.yml)
def fence_validator(language, inputs, options, attrs, md) -> bool:
    return True


def fence_format(source, language, css_class, options, md, **kwargs) -> str:
    """A broken block stops the build (the build checks every block before any page, validate.py);
    text goes through a Markdown instance that cannot emit raw HTML (safe.inline_markdown)."""
    from pymdownx.superfences import SuperFencesException

    from .safe import inline_markdown

    try:
        block = parse(language, source)
    except BlockError as exc:
        raise SuperFencesException(f"{language}: {exc}") from None
    render = render_cards if language == "cards" else render_ticket
    return render(block, inline_markdown())


# -- what a page holds --------------------------------------------------------------------------

def page_blocks(page, label: str) -> tuple[list[dict], list[dict], list[str]]:
    """(card sets, exit tickets, problems) of a Page: every block parsed, ids unique on the page."""
    sets, tickets, problems, seen = [], [], [], {}
    for kind, line, body in page.blocks(BLOCKS):
        try:
            block = parse(kind, body, first_line=line)
        except BlockError as exc:
            problems.append(f"{label}: {kind} block at line {line}: {exc}")
            continue
        if block["id"] in seen:
            problems.append(f"{label}: {kind} block at line {line}: field id: {block['id']!r} is already used "
                            f"at line {seen[block['id']]} (each block needs its own id)")
            continue
        seen[block["id"]] = line
        (sets if kind == "cards" else tickets).append(block)
    return sets, tickets, problems


def shape(sets: list[dict], tickets: list[dict]) -> list[tuple]:
    """What must be equal in every language: ids, kinds, activity, number of cards and prompts."""
    return ([("cards", b["id"], b["kind"], b.get("activity"), len(b["cards"])) for b in sets]
            + [("exit-ticket", b["id"], len(b["prompts"]), b["lines"]) for b in tickets])


def parity(source_page, twin, label: str, source: str) -> list[str]:
    """A translated page has the English page's blocks: same ids in the same order, same kinds,
    activities and card counts, same number of prompts. One line per difference."""
    a_sets, a_tickets, a_problems = page_blocks(source_page, source)
    b_sets, b_tickets, b_problems = page_blocks(twin, label)
    if a_problems or b_problems:
        return []  # reported by lint()
    problems = []
    for kind, mine, theirs in (("cards", b_sets, a_sets), ("exit-ticket", b_tickets, a_tickets)):
        ids_a, ids_b = [b["id"] for b in theirs], [b["id"] for b in mine]
        if ids_a != ids_b:
            problems.append(f"{label}: {kind} blocks {ids_b} differ from {ids_a} in {source}: keep every block "
                            "of the English page, with the same id, in the same order")
            continue
        for a, b in zip(theirs, mine):
            if kind == "cards":
                for field in ("kind", "activity"):
                    if a.get(field) != b.get(field):
                        problems.append(f"{label}: cards {b['id']}: field {field}: {b.get(field)!r}, {source} has "
                                        f"{a.get(field)!r}: keep the English value")
                if len(a["cards"]) != len(b["cards"]):
                    problems.append(f"{label}: cards {b['id']}: {len(b['cards'])} cards, {source} has "
                                    f"{len(a['cards'])}: translate the English cards, without adding or removing any")
            else:
                if len(a["prompts"]) != len(b["prompts"]):
                    problems.append(f"{label}: exit-ticket {b['id']}: {len(b['prompts'])} prompts, {source} has "
                                    f"{len(a['prompts'])}: translate the English prompts, without adding or removing any")
                if a["lines"] != b["lines"]:
                    problems.append(f"{label}: exit-ticket {b['id']}: field lines: {b['lines']}, {source} has "
                                    f"{a['lines']}: keep the English value")
    return problems
