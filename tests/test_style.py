"""The style rules of each language (style: in data/ui/<code>.yaml, style/<code>.md): the real
settings are valid, bad fixtures fail, good ones pass, and the typography rewrite is safe to re-run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
import yaml

from realharm import render, style, ui
from realharm.data import load_dataset
from realharm.languages import problems as settings_problems
from realharm.pages import markdown_files
from realharm.project import Project
from support import ROOT, copy_project

FIXTURES = ROOT / "tests" / "fixtures" / "style"
BAD, GOOD = FIXTURES / "it-bad.md", FIXTURES / "it-good.md"


@pytest.fixture
def enforced(tmp_path):
    """A copy of the language settings with every language's style rules enforced, in use."""
    root = tmp_path / "settings"
    shutil.copytree(ROOT / "data" / "ui", root / "data" / "ui")
    for path in (root / "data" / "ui").glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc["style"]["enforce"] = True
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ui.use(root)
    yield root
    ui.use(ROOT)


def rules(hits) -> list[tuple[int, str]]:
    return sorted((int(h.label.rsplit(":", 1)[1]), h.rule) for h in hits)


# ── the settings ────────────────────────────────────────────────────────────
def test_every_language_has_valid_style_settings_and_a_guide():
    project = Project(ROOT)
    assert settings_problems(ROOT, project.languages()) == []
    assert style.guide_problems(ROOT, project.settings()) == []


@pytest.mark.parametrize("change, expected", [
    ({"quotes": "«»"}, "data/ui/it.yaml: field style.quotes: '«»' is not right; write four characters"),
    ({"enforce": "yes"}, "data/ui/it.yaml: field style.enforce: 'yes' is not right; write true or false"),
    ({"terms": [{"use": "x"}]}, "data/ui/it.yaml: field style.terms.0.avoid: is missing; write a list of"),
    ({"terms": [{"use": "x", "avoid": ["(unclosed"]}]}, "data/ui/it.yaml: field style.terms.0.avoid: '(unclosed' is not a valid pattern"),
    ({"locale": "xx_NOWHERE"}, "data/ui/it.yaml: field style.locale: 'xx_NOWHERE' is not a locale Babel knows"),
    ({"colour": "red"}, "data/ui/it.yaml: field style: unknown key(s) 'colour' was unexpected"),
])
def test_a_wrong_style_setting_is_one_line_naming_file_and_field(tmp_path, change, expected):
    root = tmp_path
    shutil.copytree(ROOT / "data" / "ui", root / "data" / "ui")
    shutil.copytree(ROOT / "style", root / "style")
    path = root / "data" / "ui" / "it.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["style"].update(change)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = settings_problems(root, ["en", "it"])
    assert len(found) == 1 and found[0].startswith(expected), found
    assert "\n" not in found[0] and "Traceback" not in found[0]


def test_a_missing_style_guide_stops_the_check(tmp_path):
    root = copy_project(tmp_path)
    path = root / "data" / "ui" / "it.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("guide: style/it.md", "guide: style/missing.md"),
                    encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "check"],
                           capture_output=True, text=True)
    assert check.returncode == 1
    assert ("data/ui/it.yaml: field style.guide: style/missing.md does not exist; write the language's style guide "
            "there (`python -m realharm new-language` starts one)") in check.stdout.splitlines()


# ── admonition titles ───────────────────────────────────────────────────────
def test_every_box_type_used_has_a_title_in_every_language():
    project = Project(ROOT)
    titles = {code: s["admonitions"] for code, s in project.settings().items()}
    assert style.admonition_problems(project.docs, project.languages(), titles) == []
    assert {"note", "tip", "warning"} <= set(titles["it"])
    assert titles["it"]["warning"] == "Attenzione" and titles["it"]["note"] == "Nota"
    assert titles["it"]["tip"] == "Suggerimento"


def test_a_box_type_without_a_title_fails_make_check(tmp_path):
    root = copy_project(tmp_path)
    page = root / "docs" / "en" / "about" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n!!! danger\n    A box of a new type.\n", encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "check"],
                           capture_output=True, text=True)
    assert check.returncode == 1
    lines = [line for line in check.stdout.splitlines() if "admonitions.danger" in line]
    assert lines == [f"data/ui/{lang}.yaml: field admonitions.danger: is missing; the box type 'danger' is used in "
                     "docs/en/about/privacy.md: add its title in this language"
                     for lang in Project(root).languages()], check.stdout


# ── the rules on a page ─────────────────────────────────────────────────────
def test_bad_italian_page_fails_every_rule(enforced):
    hits = style.page_hits(BAD.read_text(encoding="utf-8"), "it", "docs/it/bad.md")
    assert rules(hits) == [(8, "quotes"), (8, "quotes"), (8, "terms"), (10, "iso_date"), (10, "iso_date"),
                           (12, "iso_date"), (12, "no_date"), (12, "quotes"), (12, "quotes"),
                           (14, "untranslated"), (16, "untranslated"), (18, "terms")]
    assert style.split(hits, ["en", "it"]) == (hits, [])  # enforced: each one fails the check
    line = next(h.line() for h in hits if h.rule == "iso_date")
    assert line == "docs/it/bad.md:10: iso_date: 2026-11-25: write the date in words (25 novembre 2026)"


def test_good_italian_page_passes(enforced):
    """English names, quotations, marked terms, code, addresses, attributes, front matter, data
    markers, quiz syntax and the Sources box are not the page's Italian prose."""
    assert style.page_hits(GOOD.read_text(encoding="utf-8"), "it", "docs/it/good.md") == []


def test_the_english_detector_catches_a_sentence_not_a_name(enforced):
    view = lambda text: list(style.untranslated_sentences(style.visible(text), "it"))  # noqa: E731
    assert view("Se qualcuno ti minaccia, parlane con un adulto.\nDon't pay, and stop the contact now.\n")
    assert view("## How it works { #how }\n")
    assert not view("La Coalition for Content Provenance and Authenticity (C2PA) ha scritto uno standard aperto.\n")
    assert not view("Il Department for Education pubblica le linee guida per le scuole inglesi.\n")
    assert not view("Puoi usare Take It Down, il servizio dell'NCMEC per chi ha meno di 18 anni.\n")


def test_english_pages_are_not_checked_for_english_or_caporali(enforced):
    text = 'If you are worried, talk to someone you trust. "Quoted" words are fine. Updated on 2026-11-25.\n'
    assert [h.rule for h in style.page_hits(text, "en", "docs/en/x.md")] == ["iso_date"]


def test_terms_in_data_texts(enforced, tmp_path):
    data = tmp_path / "data"
    (data / "i18n" / "it").mkdir(parents=True)
    (data / "i18n" / "it" / "laws.yaml").write_text(
        "it-x:\n  summary: \"Punisce chi diffonde un deepfake di nudo.\"\n  notes: \"Detta <cite>revenge porn</cite>.\"\n",
        encoding="utf-8")
    hits = style.data_hits(data, "it")
    assert [h.line() for h in hits] == [
        "data/i18n/it/laws.yaml: entry it-x: field summary: terms: 'deepfake di nudo': use deepfake sessuale; "
        "descrittivo: immagine di nudo falsa (or mark a quotation/official name with <q>/<cite>)"]


def test_not_enforced_hits_are_only_reported(monkeypatch):
    """A language whose `style.enforce` is false (a new language, say) has its hits counted, not
    failed; once enforced, the same hits fail."""
    hits = style.page_hits(BAD.read_text(encoding="utf-8"), "it", "docs/it/bad.md")
    assert hits and style.split(hits, ["en", "it"]) == (hits, [])   # Italian is enforced
    real = style.settings
    monkeypatch.setattr(style, "settings", lambda lang: {**real(lang), "enforce": False} if lang == "it" else real(lang))
    assert style.split(hits, ["en", "it"]) == ([], hits)


def test_enforced_hits_fail_make_check(tmp_path):
    root = copy_project(tmp_path)
    path = root / "data" / "ui" / "it.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  enforce: false", "  enforce: true"), encoding="utf-8")
    for page in markdown_files(root / "docs" / "it"):
        page.write_text(style.rewrite(page.read_text(encoding="utf-8"), "it")[0], encoding="utf-8")
    shutil.copy2(BAD, root / "docs" / "it" / "bad.md")
    shutil.copy2(BAD, root / "docs" / "en" / "bad.md")  # the page has an English twin (parity)
    check = subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "check"],
                           capture_output=True, text=True)
    assert check.returncode == 1
    mine = [line for line in check.stdout.splitlines() if line.startswith("docs/it/bad.md:")]
    assert {line.split(": ")[1] for line in mine} == {"terms", "quotes", "iso_date", "no_date", "untranslated"}


# ── dates the site writes ───────────────────────────────────────────────────
def test_dates_in_words_per_locale():
    assert style.format_date("2026-11-25", "it") == "25 novembre 2026"
    assert style.format_date("2026-07-01", "it") == "1° luglio 2026"
    assert style.format_date("2026-11-25", "en") == "25 November 2026"
    assert style.format_date("2024-05", "it") == "maggio 2024"
    assert style.format_date("2024", "en") == "2024"
    assert style.date_phrases("in vigore dal 8 marzo, il 11 luglio", "it") == "in vigore dall'8 marzo, l'11 luglio"


def test_generated_service_and_law_blocks_show_no_iso_date():
    """Every date the site writes into a page from the data (checked on, source dated, status,
    verified, overdue) is in words in the page's language."""
    project = Project(ROOT)
    languages = project.languages()
    ds = load_dataset(project.data, languages, label_root=ROOT, today=date(2026, 12, 6))
    late = date(2030, 1, 1)  # every entry overdue: the overdue lines carry a date too
    for lang in languages:
        for doc in ds.services.values():
            for service in doc["services"]:
                text = render.service_block(service, lang, today=late)
                assert not style.ISO_DATE.search(style.visible(text).text), (lang, service["id"], text)
        for doc in ds.laws.values():
            for prov in doc["provisions"]:
                text = render.provision_block(prov, ds, lang, today=late)
                assert not style.ISO_DATE.search(style.visible(text).text), (lang, prov["id"])


# ── the rewrite ─────────────────────────────────────────────────────────────
def test_rewrite_fixes_the_mechanical_rules_and_nothing_else(enforced):
    text = BAD.read_text(encoding="utf-8")
    fixed, changes = style.rewrite(text, "it")
    assert changes == {"iso_date": 3, "quotes": 4, "no_date": 1}
    assert 'ricevuto «segnalazioni» di' in fixed
    assert "dal 25 novembre 2026 e la circolare è dell'8 maggio 2024" in fixed
    assert "- Ministero, «Linee guida», s.d. (consultato il 25 novembre 2026)" in fixed
    assert fixed.split("---")[1] == text.split("---")[1]  # front matter untouched
    assert sorted(h.rule for h in style.page_hits(fixed, "it", "x")) == ["terms", "terms", "untranslated", "untranslated"]
    good = GOOD.read_text(encoding="utf-8")
    assert style.rewrite(good, "it") == (good, {"iso_date": 0, "quotes": 0, "no_date": 0})


def test_rewrite_nests_quotes_inside_caporali(enforced):
    fixed, _ = style.rewrite('Dice: «Se "io" ti chiamo, richiamami» e poi "basta".\n', "it")
    assert fixed == "Dice: «Se “io” ti chiamo, richiamami» e poi «basta».\n"


def test_rewrite_of_every_page_is_idempotent():
    """A second run of `typography --fix` changes nothing, on every page of every language."""
    project = Project(ROOT)
    for lang in project.languages():
        for path in markdown_files(project.docs / lang):
            once, _ = style.rewrite(path.read_text(encoding="utf-8"), lang)
            twice, changes = style.rewrite(once, lang)
            assert twice == once and not any(changes.values()), path
            for hit in style.page_hits(once, lang, str(path)):
                assert hit.rule not in ("iso_date", "no_date"), hit.line()
            # what the rewrite leaves: quotes it cannot pair with certainty, for a person
            assert not re.search(r"realharm:[^>]*[«»]", once)


def test_typography_command_fixes_then_changes_nothing(tmp_path):
    root = copy_project(tmp_path)
    for lang in ("en", "it"):
        shutil.copy2(BAD, root / "docs" / lang / "bad.md")
    run = lambda *args: subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "typography", *args],  # noqa: E731
                                       capture_output=True, text=True)
    first = run("--fix", "--lang", "it")
    assert first.returncode == 0 and "docs/it/bad.md: iso_date 3, quotes 4, no_date 1" in first.stdout, first.stdout
    fixed = (root / "docs" / "it" / "bad.md").read_text(encoding="utf-8")
    assert fixed == style.rewrite(BAD.read_text(encoding="utf-8"), "it")[0] != BAD.read_text(encoding="utf-8")
    # --lang it: the English pages are left as they are
    assert (root / "docs" / "en" / "bad.md").read_text(encoding="utf-8") == BAD.read_text(encoding="utf-8")
    second = run("--fix", "--lang", "it")
    assert "typography: 0 page(s) rewritten: iso_date 0, quotes 0, no_date 0" in second.stderr


def test_a_chinese_term_to_avoid_is_found_inside_a_sentence():
    """Chinese has no spaces: every character is a letter, so a term to avoid starts anywhere;
    a Latin-script term still starts only at a word's start."""
    import re

    from realharm.style import word_start

    def hits(pattern, text):
        return [m.group(0) for m in re.finditer(word_start(pattern) + pattern, text, re.IGNORECASE)]
    assert hits("不雅照", "他们把不雅照发出去了") == ["不雅照"]
    assert hits("leak(?:ed|s)?", "it leaked; unleaked; leaks") == ["leaked", "leaks"]
