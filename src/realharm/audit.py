"""The lesson audit (``python -m realharm lesson-audit``): for every lesson plan in every language,
which of the parts every plan must have (CONTENT-GUIDE.md, "Safe-teaching rules") can be found
in its source. Parts marked REQUIRED fail the audit when missing; the others are printed so that
the table shows what is still to do, and become required as the curriculum gains them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .checks import COUNTRY_BOXES
from .curriculum import lesson_plans
from .pages import Page

# The line of the ground rules that states the limits of confidentiality, and the instruction
# never to promise secrecy, as each language writes them (a new language adds its own).
CONFIDENTIALITY = {
    "en": re.compile(r"can.t keep it (?:a )?secret", re.I),
    "it": re.compile(r"non posso tenerlo segreto", re.I),
}
NO_PROMISE = {
    "en": re.compile(r"(?:never|do not|don.t) promise", re.I),
    "it": re.compile(r"non promettete", re.I),
}
SCRIPT_LINK = re.compile(r"\]\((?:\.\./)?tricky-questions\.md(?:#[\w-]+)?\)")
HANDOUT = re.compile(r"^## .*\{ #handout \}", re.M)
# the written question of a 14-16 or 16-18 plan's check box (printed on the student sheet) and what a
# good answer contains (only in the answer key): paragraphs marked with attr_list classes
WRITTEN = re.compile(r"^\s*\{:? ?\.rh-written ?\}\s*$", re.M)
WRITTEN_ANSWER = re.compile(r"^\s*\{:? ?\.rh-written-answer ?\}\s*$", re.M)
WRITTEN_BANDS = ("14-16", "16-18")


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    required: bool


PARTS = (
    Part("confidentiality", "confidentiality", True),
    Part("if_you_have_it", "if-you-have-it", True),
    Part("question_script", "question script", True),
    Part("handout_services", "handout services", True),
    Part("card_sets", "card sets + exit tickets", True),
    Part("differentiation", "differentiation", True),
    Part("country_boxes", "country boxes", True),
    Part("starter_revisited", "starter revisited", True),
    Part("written_item", "written item", True),
)
# Parts that are not required yet but can be asked for with `lesson-audit --require NAME` (to
# see which plans still lack them); a part becomes required for good, in the table and in
# `make test`, by setting required=True above once every plan has it.
REQUIRABLE = {"cards": "card_sets", "differentiation": "differentiation", "country-boxes": "country_boxes",
              "revisit": "starter_revisited"}
PRESENT, ABSENT, NOT_APPLICABLE = "yes", "MISSING", "n/a"


def _handout(body: str) -> str:
    match = HANDOUT.search(body)
    return body[match.end():] if match else ""


def audit_page(page: Page, lang: str) -> dict[str, str]:
    """Each part of PARTS: yes, MISSING, or n/a (the "if you have it" message speaks to students,
    so an adults' plan carries the adults' version)."""
    body, fm = page.body, page.front_matter
    handout = _handout(body)
    conf, promise = CONFIDENTIALITY.get(lang), NO_PROMISE.get(lang)
    found = {
        "confidentiality": bool(conf and promise and conf.search(body) and promise.search(body)),
        "question_script": bool(SCRIPT_LINK.search(body)),
        "handout_services": "realharm:handout-help" in handout,
    }
    boxes = set(page.admonitions())
    found["differentiation"] = "differentiation" in boxes
    found["country_boxes"] = set(COUNTRY_BOXES) <= boxes
    found["starter_revisited"] = "revisit" in boxes
    adults = str(fm.get("age_band")) == "adults"
    markers = [(name, args) for name, args in page_markers(handout)]
    wanted = "adults" if adults else "students"
    found["if_you_have_it"] = any(name == "handout-help" and args.get("audience", "students") == wanted
                                  for name, args in markers)
    found["written_item"] = bool(WRITTEN.search(body) and WRITTEN_ANSWER.search(body))
    out = {p.key: PRESENT if found.get(p.key) else ABSENT for p in PARTS}
    out["card_sets"] = card_count(page)
    if str(fm.get("age_band")) not in WRITTEN_BANDS:
        out["written_item"] = NOT_APPLICABLE
    return out


def card_count(page: Page) -> str:
    """"N + M": the structured card sets (```cards) and exit tickets (```exit-ticket) of a plan
    (blocks that do not parse are counted too: `make check` reports them)."""
    kinds = [kind for kind, _line, _body in page.blocks()]
    return f"{kinds.count('cards')} + {kinds.count('exit-ticket')}"


def has(parts: dict[str, str], key: str) -> bool:
    """Whether a part is there: "yes", or for card sets at least one structured card set."""
    if key == "card_sets":
        return not parts[key].startswith("0 ")
    return parts[key] in (PRESENT, NOT_APPLICABLE)


def page_markers(text: str):
    from . import markers

    return markers.find(text)


def audit(docs: Path, languages: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(language, plan path under docs/<lang>/, parts) for every lesson plan."""
    rows = []
    for lang in languages:
        for entry in lesson_plans(docs, lang):
            rows.append((lang, entry.rel, audit_page(Page.read(docs / lang / entry.rel), lang)))
    return rows


def table(rows) -> str:
    head = ["lang", "plan"] + [p.label + ("" if p.required else " (later)") for p in PARTS]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for lang, rel, parts in rows:
        name = rel.rsplit("/", 1)[-1][:-3]
        lines.append(" | ".join([lang, name] + [parts[p.key] if p.required or p.key == "card_sets"
                                                or parts[p.key] == PRESENT else "absent" for p in PARTS]))
    return "\n".join(lines)


def failures(rows, require: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """One line per required part missing (and per part asked for in ``require``, by its keys in
    REQUIRABLE): file, part, what to do."""
    wanted = {REQUIRABLE[name] for name in require}
    todo = {
        "confidentiality": "add to the ground rules the limit of confidentiality (\"I can't keep it secret if "
                           "someone is at risk\") and, to the safeguarding check, never to promise secrecy",
        "if_you_have_it": "put the marker <!-- realharm:handout-help --> at the end of the handout "
                          "(audience=adults in a plan for adults)",
        "question_script": "link the script for predictable questions: [..](../tricky-questions.md)",
        "handout_services": "end the handout with the marker <!-- realharm:handout-help --> (it names the "
                            "services of each country and the site's address)",
        "card_sets": "write the plan's card sets as ```cards blocks and its exit ticket as an ```exit-ticket "
                     "block (CONTRIBUTING.md, \"Card sets and exit tickets\")",
        "differentiation": "add a `!!! differentiation` box: SEND (reading load, processing time, concrete "
                           "alternatives) and EAL (key words, visuals described in words)",
        "country_boxes": "put what applies in one country in `!!! uk`, `!!! italy` and `!!! elsewhere` boxes",
        "starter_revisited": "end with a `!!! revisit` box in the closing activity that returns to the starter",
        "written_item": "give the check box a written question: its label and question paragraphs end with a "
                        "line `{ .rh-written }`, what a good answer contains with `{ .rh-written-answer }` "
                        "(CONTRIBUTING.md, \"Written question\")",
    }
    out = []
    for lang, rel, parts in rows:
        for p in PARTS:
            if (p.required or p.key in wanted) and not has(parts, p.key):
                out.append(f"docs/{lang}/{rel}: {p.label} is missing: {todo[p.key]}")
    return out


# The courses a school teaches in sequence (teach/how-to-use.md#sequences): the 11-13 plans, and the
# 14-16 and 16-18 plans together. A case or card met in one lesson must not come back in another.
COURSES = {"11-13": "11-13", "14-16": "14-18", "16-18": "14-18"}
# shorter cards ("Report it", "Tell a trusted adult") are the same advice everywhere, not a repeated case
REPEAT_MIN_CHARS = 40


def repeated_cards(docs: Path, languages: list[str]) -> list[str]:
    """One line per card whose text another plan of the same course already uses, so that no case,
    scenario or statement is met twice in a course."""
    from . import cards

    problems = []
    for lang in languages:
        first: dict[tuple[str, str], str] = {}
        for entry in lesson_plans(docs, lang):
            course = COURSES.get(entry.age_band)
            if not course:
                continue
            sets, _tickets, _problems = cards.page_blocks(Page.read(docs / lang / entry.rel), entry.rel)
            for block in sets:
                for n, card in enumerate(block["cards"], 1):
                    text = " ".join(card["text"].lower().split())
                    if len(text) < REPEAT_MIN_CHARS:
                        continue
                    other = first.setdefault((course, text), entry.rel)
                    if other != entry.rel:
                        problems.append(f"docs/{lang}/{entry.rel}: card {n} of the set {block['id']!r} repeats a card "
                                        f"of docs/{lang}/{other} (ages {course}, the same course): give this lesson "
                                        "its own case")
    return problems
