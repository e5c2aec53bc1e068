"""Bad input a contributor might write: each is refused by `python -m realharm check` and by the
strict build, with one line naming file, entry, field and what is wrong, and no traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from realharm import checks, glossary, markers, quiz, validate
from realharm.__main__ import main
from realharm.data import check_places, yaml_error
from support import ROOT, build, copy_repository
from test_checks import LESSON, SCHEMA, tree
from test_data import GOOD_LAW, GOOD_SERVICE, make_data, problems

TODAY = date(2026, 12, 6)


# ── quizzes ──
NO_RIGHT_ANSWER = LESSON.replace("      correct: true\n", "")


def test_quiz_without_a_right_answer_is_named(tmp_path):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": NO_RIGHT_ANSWER})
    assert checks.lint(docs, ["en"], SCHEMA, today=TODAY) == [
        "docs/en/teach/lessons/l.md: quiz 1: question 1: no option is marked as the right answer "
        "(add 'correct: true' to the right option)"]


def test_a_broken_quiz_is_never_printed_as_code():
    """superfences prints a block as code when its formatter fails, unless it raises this."""
    from pymdownx.superfences import SuperFencesException

    body = NO_RIGHT_ANSWER.split("```quiz\n", 1)[1].split("```", 1)[0]
    with pytest.raises(SuperFencesException, match="no option is marked as the right answer"):
        quiz.fence_format(body, "quiz", "quiz", {}, None)


# ── dates of things already done ──
@pytest.mark.parametrize("kind, old, new, field", [
    ("services", "verified_on: 2026-11-25", "verified_on: 2026-12-07", "verified_on"),
    ("laws", "adopted_on: 2019-07-19\n    in_force_since: 2019-08-09",
     "adopted_on: 2035-01-31\n    in_force_since: 2035-02-01", "adopted_on"),
    ("laws", "verified_on: 2026-11-25", "verified_on: 2026-12-20", "verified_on"),
])
def test_a_date_in_the_future_is_rejected(tmp_path, kind, old, new, field):
    good = GOOD_SERVICE if kind == "services" else GOOD_LAW
    assert old in good
    changed = {"services": good.replace(old, new)} if kind == "services" else {"laws": good.replace(old, new)}
    data = make_data(tmp_path, **changed)
    from realharm.data import DataError, load_dataset

    with pytest.raises(DataError) as caught:
        load_dataset(data, ["en", "it"], label_root=tmp_path, today=TODAY)
    value = new.split(": ")[1].split()[0]
    assert caught.value.problems == [
        f"data/{kind}/it.yaml: entry it-example: field {field}: {value} is in the future (today is 2026-12-06); "
        "write the date on which it really happened"]
    # the same file is fine once that day has come
    load_dataset(data, ["en", "it"], label_root=tmp_path, today=date.fromisoformat(value))


def test_the_build_date_can_be_set_for_tests(monkeypatch):
    monkeypatch.setenv("REALHARM_TODAY", "2030-01-02")
    assert validate.today() == date(2030, 1, 2)
    monkeypatch.delenv("REALHARM_TODAY")
    assert validate.today() == date.today()


def test_a_lesson_reviewed_in_the_future_is_rejected(tmp_path):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON.replace("last_reviewed: 2026-11-25",
                                                                     "last_reviewed: 2027-11-25")})
    assert checks.lint(docs, ["en"], SCHEMA, today=TODAY) == [
        "docs/en/teach/lessons/l.md: front matter: field last_reviewed: 2027-11-25 is in the future "
        "(today is 2026-12-06); write the date on which it really happened"]


# ── glossary ──
ENTRY = """\
  - id: {id}
    term: {{en: "{term}"}}
    forms: {{en: ["{term}", "{form}"]}}
    short: {{en: "Short."}}
    definition: {{en: "Long."}}
"""
# the Italian texts, in data/i18n/it/glossary.yaml (an id written twice there is one entry)
ENTRY_IT = """\
{id}:
  term: "{term_it}"
  forms: ["{term_it}"]
  short: "Breve."
  definition: "Lunga."
"""


def glossary_problems(tmp_path: Path, *entries: dict) -> list[str]:
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n" + "".join(ENTRY.format(**e) for e in entries), encoding="utf-8")
    italian = tmp_path / "i18n" / "it" / "glossary.yaml"
    italian.parent.mkdir(parents=True, exist_ok=True)
    italian.write_text("".join(ENTRY_IT.format(**e) for e in {e["id"]: e for e in entries}.values()), encoding="utf-8")
    try:
        glossary.load(path, ["en", "it"])
    except glossary.GlossaryError as exc:
        return str(exc).splitlines()
    return []


CONSENT = {"id": "consent", "term": "consent", "term_it": "consenso", "form": "Consent"}


def test_glossary_fixture_passes(tmp_path):
    assert glossary_problems(tmp_path, CONSENT, {**CONSENT, "id": "agreement", "term": "agreement",
                                                 "term_it": "accordo", "form": "Agreement"}) == []


def test_the_same_term_under_two_ids_is_rejected(tmp_path):
    found = glossary_problems(tmp_path, CONSENT, {**CONSENT, "id": "consent-2"})
    assert "data/glossary.yaml: entry consent-2: field forms.en: 'consent' is already a term of entry consent; " \
           "explain it in one entry only" in found
    assert any(line.startswith("data/i18n/it/glossary.yaml: entry consent-2: field forms.it: 'consenso'") for line in found)


def test_a_form_used_by_another_entry_is_rejected(tmp_path):
    other = {"id": "agreement", "term": "agreement", "term_it": "accordo", "form": "consent"}
    assert glossary_problems(tmp_path, CONSENT, other) == [
        "data/glossary.yaml: entry agreement: field forms.en: 'consent' is already a term of entry consent; "
        "explain it in one entry only"]


def test_a_glossary_id_used_twice_is_rejected(tmp_path):
    other = {"id": "consent", "term": "agreement", "term_it": "accordo", "form": "Agreement"}
    assert glossary_problems(tmp_path, CONSENT, other) == ["data/glossary.yaml: entry consent: field id: used twice"]


def test_braces_in_a_glossary_term_are_rejected(tmp_path):
    found = glossary_problems(tmp_path, {**CONSENT, "term": "consent { #x }"})
    assert any(line.startswith("data/glossary.yaml: entry consent: field term.en: has braces { }") for line in found)


# ── country and jurisdiction codes ──
NAMES = {"en": "X", "it": "X"}


@pytest.mark.parametrize("code", ["ZZ", "XX", "UK", "EU", "INT", "US-ZZ", "it"])
def test_a_code_that_is_not_iso_3166_is_rejected(code):
    found = check_places({code: NAMES}, "data/places.yaml", ["en", "it"])
    assert found == [f"data/places.yaml: entry {code}: field -: {code!r} is not an ISO 3166 code (two capital "
                     "letters for a country, e.g. FR; XX-YY for a part of one, e.g. US-CA); "
                     "a jurisdiction with no ISO code must say iso: false"]


def test_iso_codes_and_declared_exceptions_are_accepted():
    places = {"FR": NAMES, "US-CA": NAMES, "GB-SCT": NAMES, "EU": {**NAMES, "iso": False}}
    assert check_places(places, "data/places.yaml", ["en", "it"]) == []


def test_the_real_places_declare_their_exceptions_in_data(project):
    places = yaml.safe_load((project.data / "places.yaml").read_text(encoding="utf-8"))
    assert sorted(code for code, names in places.items() if names.get("iso") is False) == ["EU", "INT"]


# ── web addresses ──
@pytest.mark.parametrize("url, words", [
    ("'https://112.gov.it/\"onmouseover=\"alert(1)'", "contains '\"', which a web address cannot contain"),
    ("https://example.org/a page", "contains a space, which a web address cannot contain"),
    ("https://example.org/<b>", "contains '<', '>', which a web address cannot contain"),
    ("https://example.org/it's", "contains \"'\", which a web address cannot contain"),
    ("javascript:alert(1)", "is not a web address: it must start with https:// (or http://)"),
    ("ftp://example.org/x", "is not a web address: it must start with https:// (or http://)"),
])
def test_a_bad_web_address_is_rejected(tmp_path, url, words):
    found = problems(make_data(tmp_path, services=GOOD_SERVICE.replace("url: https://www.example.org/\n",
                                                                      f"url: {url}\n")))
    assert len(found) == 1 and found[0].startswith("data/services/it.yaml: entry it-example: field url: "), found
    assert words in found[0]


def test_a_bad_curriculum_source_address_is_rejected(tmp_path):
    path = tmp_path / "curriculum.yaml"
    path.write_text('sources:\n  s1: {title: "T", url: "https://x.org/a b", published: 2024-09-07, '
                    'verified_on: 2030-01-01}\n', encoding="utf-8")
    _doc, found = validate.curriculum_problems(path, "data/curriculum.yaml", ROOT / "data" / "schema", TODAY)
    assert [line.split(": ", 3)[2] for line in found] == ["field url", "field verified_on"], found


GOOD_CURRICULUM = """\
sources:
  s1: {title: "Law", url: "https://example.org/law", published: 2019-08-21, verified_on: 2026-11-25}
lessons:
  m1-a:
    it: {en: "Civic education"}
    it_sources: [s1]
  m2-b: {}
"""


@pytest.mark.parametrize("old, new, entry, field", [
    ("published: 2019-08-21, ", "", "s1", "published"),
    ("published: 2019-08-21", "published: soon", "s1", "published"),
    ('title: "Law", ', "", "s1", "title"),
    ("it_sources: [s1]", "it_sources: [s2]", "m1-a", "it_sources"),
    ("    it_sources: [s1]\n", "", "m1-a", "it_sources"),
    ('it: {en: "Civic education"}', 'it: "Civic education"', "m1-a", "it"),
    ("it_sources: [s1]", "it_sources: [s1]\n    italy: {en: \"x\"}", "m1-a", "italy"),
    ("m2-b: {}", "m2-c: {}", "m2-c", "-"),
    ("lessons:", "modules:", "-", "modules"),
])
def test_a_bad_curriculum_entry_is_one_line(tmp_path, old, new, entry, field):
    path = tmp_path / "curriculum.yaml"
    assert old in GOOD_CURRICULUM
    path.write_text(GOOD_CURRICULUM, encoding="utf-8")
    args = (path, "data/curriculum.yaml", ROOT / "data" / "schema", TODAY, ["en"])
    assert validate.curriculum_problems(*args, plans=["m1-a", "m2-b"])[1] == []
    path.write_text(GOOD_CURRICULUM.replace(old, new), encoding="utf-8")
    _doc, found = validate.curriculum_problems(*args, plans=["m1-a", "m2-b"])
    assert found and found[0].startswith(f"data/curriculum.yaml: entry {entry}: field {field}: "), found
    assert all("\n" not in line and "Traceback" not in line for line in found), found


def test_a_lesson_plan_without_a_curriculum_entry_is_named(tmp_path):
    path = tmp_path / "curriculum.yaml"
    path.write_text(GOOD_CURRICULUM, encoding="utf-8")
    _doc, found = validate.curriculum_problems(path, "data/curriculum.yaml", ROOT / "data" / "schema", TODAY,
                                               ["en"], plans=["m1-a", "m2-b", "m3-new"])
    assert found == ["data/curriculum.yaml: entry m3-new: field -: the lesson plan docs/en/teach/lessons/m3-new.md "
                     "has no entry; add one ({} if no curriculum column fits, and say why in notes)"]


# ── braces in text that becomes a heading ──
@pytest.mark.parametrize("kind, old, new, field", [
    ("services", 'name: "Servizio di esempio"', 'name: "112 { #evil onclick=alert(1) }"', "name"),
    ("laws", 'title: {en: "Example"}', 'title: {en: "Example {: .x }"}', "title.en"),
])
def test_braces_in_a_heading_are_rejected(tmp_path, kind, old, new, field):
    good = GOOD_SERVICE if kind == "services" else GOOD_LAW
    found = problems(make_data(tmp_path, **{kind: good.replace(old, new)}))
    assert found == [f"data/{kind}/it.yaml: entry it-example: field {field}: has braces {{ }}, which are not "
                     "allowed in a heading: they would change the link to this entry; write it without braces"]


def test_braces_in_a_place_name_are_rejected():
    found = check_places({"FR": {"en": "France {#x}", "it": "Francia"}}, "data/places.yaml", ["en", "it"])
    assert found and found[0].startswith("data/places.yaml: entry FR: field en: has braces")


# ── data markers ──
CODES = {"services": {"IT", "ES"}, "law": {"IT"}}


def test_a_marker_naming_a_place_without_data_is_rejected():
    found = markers.check("<!-- realharm:services country=XX -->\n", "help/directory/it.md",
                          "docs/en/help/directory/it.md", CODES)
    assert found[0] == ("docs/en/help/directory/it.md: marker realharm:services: country 'XX' has no data "
                        "(there is no data/services/xx.yaml); use the code of a file in data/services/")


def test_a_place_page_showing_another_place_is_rejected():
    assert markers.check("<!-- realharm:services country=ES -->\n", "help/directory/pl.md",
                         "docs/en/help/directory/pl.md", CODES) == [
        "docs/en/help/directory/pl.md: marker realharm:services: country 'ES' does not match the page's file "
        "name 'pl.md'; use country=PL"]
    assert markers.check("<!-- realharm:law jurisdiction=IT -->\n", "law/where-i-live.md", "x", CODES) == []


def test_unknown_markers_and_wrong_arguments_are_rejected():
    found = markers.check("<!-- realharm:service country=IT -->\n<!-- realharm:law country=IT -->\n",
                          "law/it.md", "docs/en/law/it.md", CODES)
    assert found[0].startswith("docs/en/law/it.md: marker realharm:service: unknown data marker")
    assert found[1] == ("docs/en/law/it.md: marker realharm:law: wrong arguments country; "
                        "it takes jurisdiction=... (and, if needed, level=2/3/4)")


def test_a_law_marker_may_set_its_heading_level_within_bounds():
    ok = "<!-- realharm:law jurisdiction=IT level=3 -->\n"
    assert markers.check(ok, "law/where-i-live.md", "x", CODES) == []
    assert markers.check(ok.replace("level=3", "level=7"), "law/where-i-live.md", "x", CODES) == [
        "x: marker realharm:law: level=7 is not allowed; use level=2/3/4"]


def test_a_renderer_that_finds_no_data_gives_one_line():
    def render(lang, country):
        raise KeyError(f"no services data for country {country!r}")

    with pytest.raises(markers.MarkerError, match=r"^en/a.md: marker 'realharm:services': no services data"):
        markers.expand("<!-- realharm:services country=XX -->\n", {"services": render}, lang="en", page="en/a.md")


# ── front matter of lessons ──
def test_a_lesson_without_duration_names_the_page_and_field(tmp_path):
    docs = tree(tmp_path, {"en/teach/lessons/l.md": LESSON.replace("duration_minutes: 45\n", "")})
    assert checks.lint(docs, ["en"], SCHEMA, today=TODAY) == [
        "docs/en/teach/lessons/l.md: front matter: field duration_minutes: is missing "
        "(see data/schema/lesson.schema.json)"]


# ── YAML syntax errors name the line and say what to do ──
def yaml_message(text: str) -> str:
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.safe_load(text)
    return yaml_error(caught.value, text)


def test_an_unclosed_quote_is_named_on_its_own_line():
    """The parser stops lines later; the message names the line of the quote."""
    text = GOOD_SERVICE.replace('name: "Servizio di esempio"', 'name: "Servizio di esempio')
    assert text.splitlines()[3] == '    name: "Servizio di esempio'
    assert yaml_message(text) == ("line 4: a quote is not closed (end the text with the same quote mark it "
                                  "starts with)")


@pytest.mark.parametrize("text, expected", [
    ("a:\n  b: 1\n c: 2\n", "line 3: the indentation (the spaces at the start of the line) does not match"),
    ("a:\n\t- b\n", "line 2: a tab character; indent with spaces only"),
    ("a: [1, 2\nb: 3\n", "a list [ ] or a group { } is not closed, or a comma is missing"),
    ("title: Deepfakes: what to do\n", "line 1: a colon ':' inside a text (put the whole text in double quotes)"),
])
def test_yaml_errors_are_in_plain_words(text, expected):
    assert expected in yaml_message(text)


def test_a_broken_data_file_names_file_and_line(tmp_path):
    found = problems(make_data(tmp_path, services=GOOD_SERVICE.replace('name: "Servizio di esempio"',
                                                                        'name: "Servizio di esempio')))
    assert found == ["data/services/it.yaml: entry -: field -: not valid YAML, line 4: a quote is not closed "
                     "(end the text with the same quote mark it starts with)"]


def test_yaml_errors_in_front_matter_and_quizzes_name_the_page_line(tmp_path):
    bad = LESSON.replace('title: "Lesson"', 'title: "Lesson').replace('- question: "Q?"', '- question: "Q?')
    docs = tree(tmp_path, {"en/teach/lessons/l.md": bad, "en/a.md": LESSON.replace('- question: "Q?"',
                                                                                  '- question: "Q?')})
    found = checks.lint(docs, ["en"], SCHEMA, today=TODAY)
    assert found == [
        "docs/en/a.md: quiz 1: not valid YAML, line 23: a quote is not closed (end the text with the same "
        "quote mark it starts with)",
        "docs/en/teach/lessons/l.md: front matter: not valid YAML, line 2: a quote is not closed (end the text "
        "with the same quote mark it starts with)",
        "docs/en/teach/lessons/l.md: quiz 1: not valid YAML, line 23: a quote is not closed (end the text with "
        "the same quote mark it starts with)"]
    assert LESSON.splitlines()[22] == '- question: "Q?"'


# ── links ──
def test_a_link_to_a_missing_page_is_named(tmp_path):
    docs = tree(tmp_path, {"en/a.md": "# A\n\n[B](b.md) and [C](sub/c.md#x) and [D](https://x.org/d.md)\n",
                           "en/b.md": "# B\n"})
    assert checks.links(docs, ["en"]) == [
        "docs/en/a.md:3: the link to 'sub/c.md' points to a page that does not exist"]


# ── the check command and the build, on a copy of the site ──
@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("bad-input") / "repo"
    return copy_repository(dest)


def edit(root: Path, rel: str, old: str, new: str) -> str:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


M1 = "docs/en/learn/m1-synthetic-media.md"
M1_IT = "docs/it/learn/m1-synthetic-media.md"
# the second question of the Italian page's quiz, options included
_QUESTION_2 = "- question: " + (ROOT / M1_IT).read_text(encoding="utf-8").split("- question: ")[2]
LESSON_M1 = "docs/en/teach/lessons/m1-synthetic-media-11-13.md"
EDITS = {
    "quiz without a right answer": (M1, "      correct: true\n", "",
                                    f"{M1}: quiz 1: question 1: no option is marked as the right answer"),
    "lesson without duration": (LESSON_M1, "duration_minutes: 50\n", "",
                                f"{LESSON_M1}: front matter: field duration_minutes: is missing"),
    "marker without data": ("docs/en/help/directory/it.md", "country=IT", "country=XX",
                            "docs/en/help/directory/it.md: marker realharm:services: country 'XX' has no data"),
    "verified in the future": ("data/laws/gb.yaml", "adopted_on: 2023-10-26\n    in_force_since: 2024-01-31",
                               "adopted_on: 2035-01-31\n    in_force_since: 2024-01-31",
                               "data/laws/gb.yaml: entry gb-soa-66b: field adopted_on: 2035-01-31 is in the future"),
    "translated quiz with an option less": (
        M1_IT, '    - text: "Un video falso che si riconosce sempre al primo sguardo"\n      feedback: "No. Molti deepfake '  # codespell:ignore falso
               'sono difficili da riconoscere e migliorano di continuo: per questo conta controllare la fonte."\n', "",
        f"{M1_IT}: quiz 1, question 1: 2 options, {M1} has 3: translate the English page's options, "
        "without adding or removing any"),
    "translated quiz with a question less": (
        M1_IT, _QUESTION_2, "",
        f"{M1_IT}: quiz questions [7] differ from [8] in {M1} (quiz 1): translate the English page's questions, "
        "without adding or removing any"),
    "translated page with another box type": (
        M1_IT, "!!! keypoints\n", "!!! note\n",
        f"{M1_IT}: admonition types differ from {M1}: missing ['keypoints']; unexpected ['note']: keep the English "
        "page's boxes (!!! type) of the same types and in the same order; translate only their titles and text"),
    "glossary id twice": ("data/glossary.yaml", "- id: synthetic-media", "- id: deepfake",
                          "data/glossary.yaml: entry deepfake: field id: used twice"),
}


@pytest.mark.parametrize("name", EDITS)
def test_check_command_refuses_bad_input(copy, capsys, name):
    rel, old, new, expected = EDITS[name]
    original = edit(copy, rel, old, new)
    try:
        rc = main(["--root", str(copy), "check"])
    finally:
        (copy / rel).write_text(original, encoding="utf-8")
    out = capsys.readouterr().out.splitlines()
    assert rc == 1
    assert out and out[0].startswith(expected), out
    # the English mistake is not blamed on the Italian twin
    assert not any(line.startswith(rel.replace("docs/en/", "docs/it/")) for line in out if rel.startswith("docs/en/")), out


def test_the_strict_build_of_the_tests_stops_on_a_warning(copy, tmp_path):
    """A broken link is only a warning; --strict must still stop (it did not when run with -q)."""
    original = edit(copy, M1, "# ", "[Missing](../no-such-page.md)\n\n# ")
    try:
        _seconds, proc = build(tmp_path / "out", site_url="http://127.0.0.1:8000/", root=copy,
                               extra_env={"PYTHONPATH": str(ROOT / "src")})
    finally:
        (copy / M1).write_text(original, encoding="utf-8")
    assert proc.returncode != 0
    assert "'../no-such-page.md'" in proc.stdout + proc.stderr


@pytest.mark.parametrize("name", ["quiz without a right answer", "lesson without duration", "marker without data",
                                  "translated quiz with an option less", "translated quiz with a question less",
                                  "translated page with another box type"])
def test_the_build_refuses_bad_input_in_one_line(copy, tmp_path, name):
    rel, old, new, expected = EDITS[name]
    original = edit(copy, rel, old, new)
    try:
        _seconds, proc = build(tmp_path / "out", site_url="http://127.0.0.1:8000/", root=copy,
                               extra_env={"PYTHONPATH": str(ROOT / "src")})
    finally:
        (copy / rel).write_text(original, encoding="utf-8")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert expected in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "learn" / "m1-synthetic-media" / "index.html").exists()


def test_remembered_renderers_give_each_output_once_per_language_and_arguments():
    calls = []

    def table(*, lang, country="XX"):
        calls.append((lang, country))
        if country == "ZZ":
            raise KeyError("no data for ZZ")
        return f"{lang}:{country}"

    remembered = markers.remembered({"services": table})
    text = "<!-- realharm:services country=IT -->"
    assert markers.expand(text, remembered, lang="en") == "en:IT"
    assert markers.expand(text, remembered, lang="en") == "en:IT"
    assert markers.expand(text, remembered, lang="it") == "it:IT"
    assert markers.expand(text.replace("IT", "GB"), remembered, lang="en") == "en:GB"
    assert calls == [("en", "IT"), ("it", "IT"), ("en", "GB")]
    for _ in range(2):  # an error every time, naming the page
        with pytest.raises(markers.MarkerError, match="no data for ZZ"):
            markers.expand(text.replace("IT", "ZZ"), remembered, lang="en", page="help/x.md")
