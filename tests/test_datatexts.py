"""Data texts in other languages live in data/i18n/<lang>/, keyed by the English entry's id, then
the field: they are merged into the English entries, counted by the translation status, and each
mistake in them stops `make check` and the build with one line. `move-translations` moves texts
written inline in the English files there, and can run again after more are added."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from realharm import datatexts, glossary, movetexts, render, validate
from realharm.__main__ import main
from realharm.data import DataError, load_dataset
from support import ROOT, build, copy_repository
from test_data import make_data


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(data: Path):
    try:
        return load_dataset(data, ["en", "it"], label_root=data.parent), []
    except DataError as exc:
        return None, exc.problems


def test_translations_are_merged_into_the_english_entries(tmp_path):
    data = make_data(tmp_path, italian=False)
    write(data / "i18n" / "it" / "services.yaml", 'it-example:\n  for: "Adulti"\n')
    write(data / "i18n" / "it" / "places.yaml", "IT: Italia\n")
    dataset, problems = load(data)
    assert problems == []
    service = dataset.services["IT"]["services"][0]
    assert service["for"] == {"en": "Adults", "it": "Adulti"}
    assert service["does"] == {"en": "Listens."}
    assert dataset.place_name("IT", "it") == "Italia"
    # a text with no translation is shown in English, marked as English; a translated one is not
    block = render.service_block(service, "it")
    assert "Adulti" in block and '<span lang="en" dir="ltr">Adulti' not in block
    assert '<span lang="en" dir="ltr">Listens.</span>' in block


@pytest.mark.parametrize("kind, text, expected", [
    ("services", 'it-nope:\n  for: "Per"\n',
     "data/i18n/it/services.yaml: entry it-nope: field -: there is no entry 'it-nope' in English (data/services/); "
     "remove it, or write the id as in English"),
    ("services", 'it-example:\n  hours: "Sempre"\n',
     "data/i18n/it/services.yaml: entry it-example: field hours: the English entry in data/services/it.yaml has no "
     "text 'hours'; remove it, or write the field's name as in English"),
    ("services", 'it-example:\n  name: "Servizio"\n',
     "data/i18n/it/services.yaml: entry it-example: field name: the English entry in data/services/it.yaml has no text 'name'"),
    ("services", "it-example:\n  for: [Adulti]\n",
     "data/i18n/it/services.yaml: entry it-example: field for: must be a text (put it in double quotes)"),
    ("laws", 'it-example:\n  title: "Titolo {x}"\n',
     "data/i18n/it/laws.yaml: entry it-example: field title: has braces"),
    ("places", "XX: Nessuno\n",
     "data/i18n/it/places.yaml: entry XX: field -: there is no entry 'XX' in English (data/places.yaml)"),
])
def test_a_bad_translation_file_is_named_on_one_line(tmp_path, kind, text, expected):
    data = make_data(tmp_path, italian=False)
    write(data / "i18n" / "it" / f"{kind}.yaml", text)
    _dataset, problems = load(data)
    assert any(line.startswith(expected) for line in problems), problems


def test_a_text_in_another_language_in_an_english_file_is_named(tmp_path):
    data = make_data(tmp_path, services=SERVICE_INLINE)
    _dataset, problems = load(data)
    assert problems == [
        f"data/services/it.yaml: entry {entry}: field {field}: a text in 'it' in the English file; run "
        "`python -m realharm move-translations` to move it to data/i18n/it/services.yaml"
        for entry, field in (("it-example", "for.it"), ("it-example", "does.it"), ("it-second", "for.it"))]
    path = write(tmp_path / "glossary.yaml", GLOSSARY.replace('short: {en: "A free, clear yes."}',
                                                             'short: {en: "A free, clear yes.", it: "Un sì."}'))
    with pytest.raises(glossary.GlossaryError) as err:
        glossary.load(path, ["en", "it"])
    assert str(err.value).startswith("data/glossary.yaml: entry consent: field short.it: a text in 'it'")


def test_a_folder_for_a_language_the_site_does_not_have_is_named(tmp_path):
    data = make_data(tmp_path, italian=False)
    write(data / "i18n" / "xx" / "services.yaml", "")
    _dataset, problems = load(data)
    assert problems == ["data/i18n/xx/: entry -: field -: there is no language 'xx' (no data/ui/xx.yaml); "
                        "run `python -m realharm new-language xx`, or remove the folder"]


GLOSSARY = """\
terms:
  - id: consent
    term: {en: "consent"}
    forms: {en: ["consent"]}
    short: {en: "A free, clear yes."}
    definition: {en: "Consent means agreeing freely."}
"""


@pytest.mark.parametrize("text, expected", [
    ('consent:\n  term: "consenso"\n  forms: ["consenso"]\n', None),
    ('consent:\n  forms: "consenso"\n', "data/i18n/it/glossary.yaml: entry consent: field forms: must be a list of words"),
    ('consenso:\n  term: "consenso"\n', "data/i18n/it/glossary.yaml: entry consenso: field -: there is no entry 'consenso'"),
    ('consent:\n  short: "' + "x" * 141 + '"\n', "data/i18n/it/glossary.yaml: entry consent: field short.it: longer than 140"),
])
def test_glossary_translations(tmp_path, text, expected):
    path = write(tmp_path / "data" / "glossary.yaml", GLOSSARY)
    write(tmp_path / "data" / "i18n" / "it" / "glossary.yaml", text)
    if expected is None:
        terms = glossary.load(path, ["en", "it"])
        assert terms[0]["term"] == {"en": "consent", "it": "consenso"}
        assert "*[consenso]: A free, clear yes." in glossary.abbreviations(terms, "it")  # short: English until translated
        return
    with pytest.raises(glossary.GlossaryError) as err:
        glossary.load(path, ["en", "it"])
    assert any(line.startswith(expected) for line in str(err.value).splitlines()), str(err.value)


def test_curriculum_translations(tmp_path):
    path = write(tmp_path / "data" / "curriculum.yaml", 'sources:\n  s1: {title: "T", url: "https://example.org/", '
                 'published: 2019, verified_on: 2026-11-25}\nlessons:\n  m1-a:\n    it: {en: "Civic education"}\n'
                 '    it_sources: [s1]\n')
    shutil.copytree(ROOT / "data" / "schema", tmp_path / "data" / "schema")
    write(tmp_path / "data" / "i18n" / "it" / "curriculum.yaml", 'm1-a:\n  it: "Educazione civica"\n  uk: "RSE"\n')
    doc, problems = validate.curriculum_problems(path, "data/curriculum.yaml", tmp_path / "data" / "schema",
                                                 date(2026, 12, 6), ["en", "it"])
    assert doc["lessons"]["m1-a"]["it"] == {"en": "Civic education", "it": "Educazione civica"}
    assert problems == ["data/i18n/it/curriculum.yaml: entry m1-a: field uk: the English entry in data/curriculum.yaml "
                        "has no text 'uk'; remove it, or write the field's name as in English"]


def test_the_status_counts_data_texts_from_the_translation_files(tmp_path):
    data = make_data(tmp_path, italian=False)
    before = datatexts.counts(data, ["en", "it"])["it"]
    write(data / "i18n" / "it" / "services.yaml", 'it-example:\n  for: "Adulti"\n  does: "Ascolta."\n')
    after = datatexts.counts(data, ["en", "it"])["it"]
    assert after == (before[0] + 2, before[1])


# ── move-translations ──
SERVICE_INLINE = """\
# Services in Italy.
country: IT
services:
  # The first one. Source: somewhere.
  - id: it-example
    name: "Servizio di esempio"
    kind: helpline
    ages: [adult]
    situations: [shared]
    for:
      en: "Adults"
      it: "Adulti"  # checked by a teacher
    # a comment under the text
    does: {en: "Listens.", it: "Ascolta."}
    phone: {local: "1522"}
    url: https://www.example.org/
    source_url: https://www.example.org/about
    verified_on: 2026-11-25
    review_by: 2027-11-25

  - id: it-second
    name: "Secondo"
    kind: helpline
    ages: [adult]
    situations: [shared]
    for: {en: "Everyone", it: "Tutti"}
    does: {en: "Helps."}
    url: https://www.example.org/
    source_url: https://www.example.org/about
    verified_on: 2026-11-25
    review_by: 2027-11-25
"""


def move(root: Path) -> list[str]:
    return movetexts.move(root)


def test_move_translations_moves_inline_texts_and_keeps_the_english_file(tmp_path):
    data = make_data(tmp_path, services=SERVICE_INLINE)
    english = (data / "services" / "it.yaml").read_text(encoding="utf-8")
    report = move(tmp_path)
    assert "data/services/it.yaml: 3 text(s) moved out" in report
    assert "data/i18n/it/services.yaml: 3 text(s) moved in" in report
    moved = (data / "services" / "it.yaml").read_text(encoding="utf-8")
    # only the Italian texts left: every comment, blank line and English line stays as it was
    assert moved == (english.replace('      it: "Adulti"  # checked by a teacher\n', "")
                     .replace(', it: "Ascolta."', "").replace(', it: "Tutti"', ""))
    assert (data / "i18n" / "it" / "services.yaml").read_text(encoding="utf-8").endswith(
        'it-example:\n  for: "Adulti"\n  does: "Ascolta."\nit-second:\n  for: "Tutti"\n')
    dataset, problems = load(data)
    assert problems == [] and dataset.services["IT"]["services"][0]["does"] == {"en": "Listens.", "it": "Ascolta."}
    # again: nothing to do, nothing changes
    files = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    assert move(tmp_path) == []
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == files


def test_move_translations_runs_again_after_new_inline_entries(tmp_path):
    data = make_data(tmp_path, services=SERVICE_INLINE)
    move(tmp_path)
    target = data / "i18n" / "it" / "services.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace('  for: "Tutti"\n', '  for: "Tutti"  # ok\n'),
                      encoding="utf-8")
    path = data / "services" / "it.yaml"
    text = path.read_text(encoding="utf-8")
    # another branch adds an entry between the two, the inline way, and corrects an Italian text
    new = ('  - id: it-between\n    name: "In mezzo"\n    kind: helpline\n    ages: [adult]\n    situations: [shared]\n'
           '    for: {en: "Some", it: "Alcuni"}\n    does: {en: "Talks.", it: "Parla."}\n    url: https://www.example.org/\n'
           '    source_url: https://www.example.org/about\n    verified_on: 2026-11-25\n    review_by: 2027-11-25\n\n')
    text = text.replace("  - id: it-second\n", new + "  - id: it-second\n")
    text = text.replace('for: {en: "Everyone"}', 'for: {en: "Everyone", it: "Tutte le persone"}')
    path.write_text(text, encoding="utf-8")
    report = move(tmp_path)
    assert "data/i18n/it/services.yaml: 3 text(s) moved in; 1 replaced an older translation there" in report
    translated = target.read_text(encoding="utf-8")
    assert translated.index("it-example:") < translated.index("it-between:") < translated.index("it-second:")
    assert 'it-second:\n  for: "Tutte le persone"' in translated
    assert "Alcuni" not in path.read_text(encoding="utf-8")
    assert load(data)[1] == []


def _merged(root: Path) -> str:
    data = root / "data"
    # every language with texts in data/i18n/, English first
    langs = ["en"] + sorted(p.name for p in (data / "i18n").iterdir() if p.is_dir())
    dataset = load_dataset(data, langs, label_root=root)
    terms = glossary.load(data / "glossary.yaml", langs)
    curriculum, _ = validate.curriculum_problems(data / "curriculum.yaml", "data/curriculum.yaml", data / "schema",
                                                 date(2026, 12, 6), langs)
    dump = json.dumps([dataset.places, dataset.services, dataset.laws, terms, curriculum], sort_keys=True, default=str)
    return hashlib.sha256(dump.encode()).hexdigest()


def test_moving_the_real_data_changes_no_text_the_site_shows(tmp_path):
    """The site's data, moved: every text of every language is the same after the move, and a
    second run changes nothing."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(ROOT / "data", root / "data")
    before = _merged(root)
    move(root)
    assert _merged(root) == before
    files = {p: p.read_bytes() for p in (root / "data").rglob("*.yaml")}
    assert move(root) == []
    assert {p: p.read_bytes() for p in (root / "data").rglob("*.yaml")} == files
    for kind in datatexts.KINDS:
        for path in datatexts.english_files(root / "data", kind):
            doc = __import__("yaml").safe_load(path.read_text(encoding="utf-8"))
            assert datatexts.inline_problems(kind, str(path), doc) == []


# ── the check command and the build refuse a bad translation file ──
@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return copy_repository(tmp_path_factory.mktemp("datatexts") / "repo")


BAD = {
    "unknown id": ("services", 'it-no-such-service:\n  for: "Per"\n',
                   "data/i18n/it/services.yaml: entry it-no-such-service: field -: there is no entry "
                   "'it-no-such-service' in English (data/services/)"),
    "unknown field": ("services", 'it-112:\n  hours: "Sempre"\n',
                      "data/i18n/it/services.yaml: entry it-112: field hours: the English entry in "
                      "data/services/it.yaml has no text 'hours'"),
}


INLINE = ("data/services/it.yaml: entry it-112: field cost.it: a text in 'it' in the English file; run "
          "`python -m realharm move-translations` to move it to data/i18n/it/services.yaml")
BAD["inline text"] = ("services", None, INLINE)


def _swap(copy: Path, kind: str, text: str | None):
    path = copy / "data" / "i18n" / "it" / f"{kind}.yaml"
    if text is None:  # an Italian text written in the English file, as before the move
        path = (copy / "data" / "services" / "it.yaml")
        original = path.read_bytes()
        english = original.decode("utf-8")
        assert 'cost: {en: "Free"}' in english
        path.write_text(english.replace('cost: {en: "Free"}', 'cost: {en: "Free", it: "Gratuito"}', 1), encoding="utf-8")
        return lambda: path.write_bytes(original)
    original = path.read_bytes() if path.is_file() else None
    write(path, text)

    def restore():
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    return restore


@pytest.mark.parametrize("name", BAD)
def test_check_refuses_a_bad_translation_file(copy, capsys, name):
    kind, text, expected = BAD[name]
    restore = _swap(copy, kind, text)
    try:
        rc = main(["--root", str(copy), "check"])
    finally:
        restore()
    out = capsys.readouterr().out.splitlines()
    assert rc == 1 and any(line.startswith(expected) for line in out), out


@pytest.mark.parametrize("name", BAD)
def test_the_build_refuses_a_bad_translation_file(copy, tmp_path, name):
    kind, text, expected = BAD[name]
    restore = _swap(copy, kind, text)
    try:
        _seconds, proc = build(tmp_path / "out", site_url="http://127.0.0.1:8000/", root=copy,
                               extra_env={"PYTHONPATH": str(ROOT / "src")})
    finally:
        restore()
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0 and expected in output and "Traceback" not in output, output[-2000:]


def test_move_translations_is_a_command_and_a_make_target(tmp_path):
    assert "move-translations:" in (ROOT / "Makefile").read_text(encoding="utf-8")
    root = tmp_path / "repo"
    make_data(root, services=SERVICE_INLINE)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "data" / "ui", root / "data" / "ui")
    proc = subprocess.run([__import__("sys").executable, "-m", "realharm", "--root", str(root), "move-translations"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "data/i18n/it/services.yaml: 3 text(s) moved in" in proc.stdout, proc
