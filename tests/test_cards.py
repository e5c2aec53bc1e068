"""Card sets (```cards) and exit tickets (```exit-ticket): checked against their schemas with one
line per problem, kept in step between languages, shown on the page escaped, counted by the
lesson audit, and printed as card packs and ticket sheets from the parsed blocks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from realharm import audit, cards, checks, teachpack
from realharm.__main__ import main
from realharm.pages import Page
from realharm.project import Project

from support import ROOT, copy_project

FIXTURES = Path(__file__).parent / "fixtures" / "cards"
GOOD = Page.read(FIXTURES / "good.md")


def blocks(name: str):
    return cards.page_blocks(Page.read(FIXTURES / name), f"docs/en/{name}")


def test_a_good_page_parses_to_its_card_sets_and_exit_ticket():
    sets, tickets, problems = cards.page_blocks(GOOD, "good.md")
    assert problems == []
    assert [(b["id"], b["kind"], len(b["cards"])) for b in sets] == [("reasons", "reason", 3), ("story", "scenario", 1)]
    assert sets[0]["activity"] == 1 and sets[0]["cards"][1]["answer"].startswith("false")
    assert [(t["id"], len(t["prompts"]), t["lines"]) for t in tickets] == [("exit", 2, 2)]  # default lines


@pytest.mark.parametrize("name, line, message", [
    ("missing-text.md", 10, "cards block at line 10: field cards.2.text: is missing"),
    ("unknown-kind.md", 10, "field kind: 'riddle' is not one of scenario, role"),
    ("image.md", 10, "field cards.1.text: cards and tickets are text only: remove the image"),
    ("duplicate-id.md", 25, "field id: 'reasons' is already used at line 10"),
    ("too-many-prompts.md", 36, "exit-ticket block at line 36: field prompts: has 6, at most 5 allowed"),
    ("bad-yaml.md", 10, "not valid YAML, line 19: a quote is not closed"),
    ("unknown-field.md", 10, "unknown field(s) activities"),
    ("bad-id.md", 36, "field id: 'Exit Ticket' must be lower case letters, digits and hyphens"),
])
def test_each_bad_block_is_one_line_naming_file_block_and_field(name, line, message):
    _sets, _tickets, problems = blocks(name)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"docs/en/{name}: ") and f"block at line {line}: " in problems[0]
    assert message in problems[0] and "\n" not in problems[0] and "Traceback" not in problems[0]


def test_make_check_reports_a_bad_block_and_the_build_refuses_it(tmp_path, capsys):
    root = copy_project(tmp_path)
    page = root / "docs/en/teach/lessons/m1-synthetic-media-11-13.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + (FIXTURES / "missing-text.md").read_text(
        encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^docs/en/teach/lessons/m1-synthetic-media-11-13\.md: cards block at line \d+: "
                     r"field cards\.2\.text: is missing$", out, re.M), out
    with pytest.raises(Exception, match="cards: field cards.2.text: is missing"):
        cards.fence_format(cards.textwrap.dedent(Page.read(page).blocks()[-3][2]), "cards", "cards", {}, None)


@pytest.mark.parametrize("name, message", [
    ("twin-card-missing.md", "cards reasons: 2 cards, good.md has 3"),
    ("twin-other-kind.md", "cards story: field kind: 'role', good.md has 'scenario'"),
    ("twin-other-id.md", "cards blocks ['reasons', 'storia'] differ from ['reasons', 'story']"),
    ("twin-prompt-missing.md", "exit-ticket exit: 1 prompts, good.md has 2"),
])
def test_a_translation_keeps_ids_kinds_and_counts(name, message):
    assert cards.parity(GOOD, Page.read(FIXTURES / "twin-ok.md"), "twin-ok.md", "good.md") == []
    problems = cards.parity(GOOD, Page.read(FIXTURES / name), name, "good.md")
    assert len(problems) == 1 and problems[0].startswith(f"{name}: ") and message in problems[0], problems


def test_the_parity_check_covers_blocks(tmp_path):
    docs = tmp_path / "docs"
    for lang, name in (("en", "good.md"), ("it", "twin-other-kind.md")):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "page.md").write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert any("docs/it/page.md: cards story: field kind" in p for p in checks.parity(docs, ["en", "it"]))


def test_blocks_render_escaped_as_a_card_grid_and_a_ticket():
    from realharm.safe import inline_markdown

    sets, tickets, _ = cards.page_blocks(GOOD, "good.md")
    grid = cards.render_cards(sets[0], inline_markdown(), "en")
    assert grid.startswith('<figure class="rh-cards" id="cards-reasons" data-rh-cards="reasons" data-kind="reason">')
    assert grid.count('<li class="rh-card">') == 3 and "<em>millions</em>" in grid
    assert "&lt;b&gt;much&lt;/b&gt;" in grid and "<b>" not in grid and "&amp; cheap" in grid
    assert "For the teacher:</span> false: almost anyone can now" in grid  # on the page, for the teacher
    ticket = cards.render_ticket(tickets[0], inline_markdown(), "it")
    assert "Biglietto d&#x27;uscita" in ticket and ticket.count('<span class="rh-ticket__line"></span>') == 4
    assert "<p>Finish the sentence: \"A deepfake is…\"</p>" in ticket
    assert "(3 cards)" in grid
    one = dict(sets[0], cards=sets[0]["cards"][:1])
    assert "(1 card)" in cards.render_cards(one, inline_markdown(), "en")       # not "1 cards"
    assert "(1 cartoncino)" in cards.render_cards(one, inline_markdown(), "it")


# -- lesson audit ------------------------------------------------------------------------------

def test_the_audit_counts_card_sets_and_tickets_and_can_require_them(tmp_path, capsys):
    assert audit.audit_page(GOOD, "en")["card_sets"] == "2 + 1"
    bare = Page(FIXTURES / "bare.md", "---\ntitle: x\n---\n\nNo blocks.\n")
    assert audit.audit_page(bare, "en")["card_sets"] == "0 + 0"
    rows = [("en", "teach/lessons/a.md", audit.audit_page(GOOD, "en")),
            ("en", "teach/lessons/b.md", audit.audit_page(bare, "en"))]
    # every plan has its card sets now, so the audit requires them (with or without --require)
    assert audit.failures(rows, {"cards"}) == audit.failures(rows)
    required = [line for line in audit.failures(rows) if "card sets" in line]
    assert required == [line for line in required if line.startswith("docs/en/teach/lessons/b.md: card sets")]
    assert len(required) == 1
    root = copy_project(tmp_path)
    plan = root / "docs/en/teach/lessons/m2-real-harm-11-13.md"
    # the plan without its own blocks, then one ticket: the audit must count exactly that
    bare_plan = re.sub(r"^( *)```(?:cards|exit-ticket)\n.*?^\1```\n", "", plan.read_text(encoding="utf-8"),
                       flags=re.M | re.S)
    plan.write_text(bare_plan.replace("!!! check", "!!! check\n    ```exit-ticket\n"
                                      "    id: t\n    prompts: [\"Why?\"]\n    ```\n", 1),
                    encoding="utf-8")
    assert main(["--root", str(root), "lesson-audit"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^en \| m2-real-harm-11-13 \| .* \| 0 \+ 1 \|", out, re.M), out
    assert main(["--root", str(root), "lesson-audit", "--require", "cards"]) == 1
    assert "docs/en/teach/lessons/m2-real-harm-11-13.md: card sets + exit tickets is missing" in capsys.readouterr().out


# -- printed: card pack and exit-ticket sheet ---------------------------------------------------

def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("’", "'").replace("“", '"').replace("”", '"')


def printed(browser, tmp_path, mode: str, page: Page, lang: str = "en") -> Path:
    """A card pack or ticket sheet of a fixture page, printed as teachpack.print_cards prints them."""
    from realharm import pdf

    sets, tickets, _ = cards.page_blocks(page, "fixture")
    sheets = teachpack.card_sheets(sets) if mode == "cards" else teachpack.ticket_sheets(tickets[0])
    html = teachpack.print_html(mode, lang=lang, title="A plan — Card pack", plan_title="A plan",
                                licence="Real Harm · CC BY-SA 4.0 · https://example.org/teach/a/ · 2026-12-06",
                                sheets=sheets)
    tab = browser.new_page()
    tab.set_content(html)
    out = tmp_path / f"{mode}.pdf"
    tab.pdf(path=str(out), format="A4", print_background=True, tagged=True, prefer_css_page_size=True)
    tab.close()
    pdf.set_metadata(out, title="A plan — Card pack", lang=lang, subject="test")
    return out


def pdf_pages(path: Path) -> tuple[list[str], object]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return [squash(p.extract_text()) for p in reader.pages], reader


def test_card_pack_has_every_card_labelled_no_answer_and_the_licence(browser, tmp_path):
    path = printed(browser, tmp_path, "cards", GOOD, "it")
    pages, reader = pdf_pages(path)
    assert str(reader.trailer["/Root"]["/Lang"]) == "it" and reader.metadata.title == "A plan — Card pack"
    text = "".join(pages)
    sets, _t, _p = cards.page_blocks(GOOD, "good.md")
    for block in sets:
        for n, card in enumerate(block["cards"], 1):
            plain = re.sub(r"[*_]", "", card["text"])
            assert squash(plain) in text, plain
            assert squash(f"{block['title']} · {cards.label(card, n)}") in text
            if "answer" in card:
                assert squash(card["answer"]) not in text
    assert len(pages) == 2  # a 2×4 page of short cards, a 1×2 page for the long story
    for page in pages:
        assert "CCBY-SA4.0" in page and "https://example.org/teach/a/" in page


def test_the_pdf_check_sees_an_answer_that_is_printed(browser, tmp_path):
    sets, _t, _p = cards.page_blocks(GOOD, "good.md")
    leaky = Page(GOOD.path, GOOD.text.replace('text: "Only experts can make fakes."',
                                              'text: "Only experts can make fakes. false: almost anyone can now"'))
    text = "".join(pdf_pages(printed(browser, tmp_path, "cards", leaky))[0])
    assert squash(sets[0]["cards"][1]["answer"]) in text


def test_ticket_sheet_has_four_tickets_with_every_prompt_and_no_answer(browser, tmp_path):
    pages, reader = pdf_pages(printed(browser, tmp_path, "tickets", GOOD))
    assert len(pages) == 1 and str(reader.trailer["/Root"]["/Lang"]) == "en"
    for prompt in cards.page_blocks(GOOD, "g")[1][0]["prompts"]:
        assert pages[0].count(squash(prompt)) == 4
    assert squash("AI learned from huge numbers of examples") not in pages[0]


def test_card_text_is_text_at_14_pt_or_more(browser):
    sets, _t, _p = cards.page_blocks(GOOD, "good.md")
    html = teachpack.print_html("cards", lang="en", title="t", plan_title="t", licence="l",
                                sheets=teachpack.card_sheets(sets))
    assert "<b>much</b>" not in html and "&lt;b&gt;much&lt;/b&gt;" in html  # escaped in the print page too
    hostile = teachpack.print_html("tickets", lang="en", title="<i>t</i>", plan_title="<script>x</script>",
                                   licence="<img src=x>", sheets=teachpack.ticket_sheets(cards.page_blocks(GOOD, "g")[1][0]))
    assert "<script>x" not in hostile and "<img" not in hostile and "<i>t" not in hostile
    assert "&lt;script&gt;x" in hostile
    tab = browser.new_page()
    tab.set_content(html)
    sizes = tab.eval_on_selector_all(".card__text", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    tab.close()
    assert len(sizes) == 4 and min(sizes) >= 14 * 96 / 72 - 0.01  # 14 pt in CSS pixels


def test_a_card_count_takes_the_plural_form_its_language_needs():
    """Ukrainian counts 1 картка, 2 картки, 5 карток (CLDR's one, few, many); English one and other."""
    from realharm.cards import plural_form, render_cards

    block = {"id": "x", "kind": "scenario", "title": "T", "cards": []}
    def count(n, lang):
        return render_cards({**block, "cards": [{"title": f"c{i}", "text": "t"} for i in range(n)]}, lang=lang)
    assert [plural_form(n, "uk") for n in (1, 2, 5, 21)] == ["one", "few", "many", "one"]
    assert "(1 картка)" in count(1, "uk") and "(2 картки)" in count(2, "uk") and "(5 карток)" in count(5, "uk")
    assert "(1 card)" in count(1, "en") and "(5 cards)" in count(5, "en")


# The printed sheet as a teacher cuts it, measured apart from teachpack.FIT_JS: every text inside
# its cell (none cut off), at least 2 mm between the last cut line and the footer's text, the
# footer on the page.
GEOMETRY_JS = r"""
() => [...document.querySelectorAll('.sheet')].flatMap((sheet, n) => {
  const mm = 96 / 25.4, page = sheet.getBoundingClientRect();
  const cells = [...sheet.querySelectorAll('.cell')];
  const cut = Math.max(...cells.map(c => c.getBoundingClientRect().bottom));
  const text = Math.min(...[...sheet.querySelectorAll('footer span')].map(s => s.getBoundingClientRect().top));
  const bottom = Math.max(...[...sheet.querySelectorAll('footer span')].map(s => s.getBoundingClientRect().bottom));
  const out = cells.filter(c => c.scrollHeight > c.clientHeight + 1).map(c => `page ${n + 1}: text cut off in a cell`);
  if (text - cut < 2 * mm) out.push(`page ${n + 1}: footer ${((text - cut) / mm).toFixed(1)} mm from the last cut line`);
  if (bottom > page.bottom) out.push(`page ${n + 1}: footer off the page`);
  return out;
})
"""


def test_every_plans_ticket_sheet_and_card_pack_fit_with_the_footer_below_the_cut_lines(browser):
    """Every lesson plan's exit tickets and card pack, English and Italian (the Italian tickets of
    module 1 did not fit four to a page: their last lines were cut off, the footer on the cut line)."""
    project = Project(ROOT)
    licence = "Real Harm · CC BY-SA 4.0 · https://example.org/it/teach/lessons/m1-synthetic-media-11-13/ · 6 dicembre 2026"
    tab = browser.new_page()
    tab.emulate_media(media="print")
    checked = 0
    for plan in teachpack.pages(project.docs, ["en", "it"]):
        if plan.entry.audience != "educators":
            continue
        sets, tickets, _p = cards.page_blocks(Page.read(project.docs / plan.lang / plan.entry.rel), "plan")

        def render(sheets, mode="tickets", plan=plan):
            return teachpack.print_html(mode, lang=plan.lang, title="t", plan_title=plan.entry.title,
                                        licence=licence, sheets=sheets)

        if tickets:
            sheets = teachpack.fit_tickets(tab, tickets[0], render)
            assert tab.evaluate(GEOMETRY_JS) == [], f"{plan.lang} {plan.stem}: tickets"
            checked += 1
        if sets:
            tab.set_content(render(teachpack.card_sheets(sets), "cards"))
            assert tab.evaluate(GEOMETRY_JS) == [], f"{plan.lang} {plan.stem}: cards"
    tab.close()
    assert checked >= 16


def test_the_sheet_measure_sees_a_cut_off_ticket_and_a_ticket_too_long_for_a_page_stops(browser):
    long = {"id": "too-long", "prompts": ["Explain in detail " * 16] * 5, "lines": 8}
    render = lambda sheets: teachpack.print_html("tickets", lang="en", title="t", plan_title="t",  # noqa: E731
                                                 licence="l", sheets=sheets)
    tab = browser.new_page()
    tab.set_content(render(teachpack.ticket_sheets(long, 2, 2)))
    assert tab.evaluate(GEOMETRY_JS) and tab.evaluate(teachpack.FIT_JS)
    with pytest.raises(cards.BlockError) as exc:
        teachpack.fit_tickets(tab, long, render)
    tab.close()
    assert "\n" not in str(exc.value) and str(exc.value).startswith("exit-ticket too-long: too long to print")
