"""A translation carries over every phone number, web and e-mail address, date and legal
reference of its English text (src/realharm/invariants.py), in every script and date style; a
changed digit, a lost number or a date moved by a day is reported, one line each."""

from __future__ import annotations

import subprocess
import sys

import pytest

from realharm import invariants
from support import copy_project

ENGLISH = ("Since 10 October 2025, call 116 111 or 08000 116 016, write to help@example.org, see "
           "<https://example.org/help/> and art. 612-ter, s.66B and § 201a. Updated May 2024. "
           "You may call at any time; under 18s, 24/7.")

GOOD = {
    "ro": "Din 10 octombrie 2025, sună la 116 111 sau 08000 116 016, scrie la help@example.org, vezi "
          "<https://example.org/help/> și art. 612-ter, s.66B și § 201a. Actualizat în mai 2024. Oricând; sub 18 ani, non-stop.",
    "uk": "З 10 жовтня 2025 року телефонуйте 116 111 або 08000 116 016, пишіть на help@example.org, див. "
          "<https://example.org/help/>, ст. 612-ter, s.66B і § 201a. Оновлено у травні 2024.",
    "zh": "自2025年10月10日起，请拨打116 111或08000 116 016，写信至help@example.org，参见"
          "<https://example.org/help/>以及art. 612-ter条、s.66B和§ 201a条。更新于2024年5月。",
    "de": "Seit dem 10. Oktober 2025: ruf 116 111 oder 08000 116 016 an, schreib an help@example.org, siehe "  # codespell:ignore oktober,oder
          "<https://example.org/help/> und Art. 612-ter, s.66B und § 201a. Stand: Mai 2024.",
    "es": "Desde el 10 de octubre de 2025, llama al 116 111 o al 08000 116 016, escribe a help@example.org, mira "
          "<https://example.org/help/> y el art. 612-ter, s.66B y § 201a. Actualizado en mayo de 2024.",
    "ar": "منذ 10 أكتوبر 2025، اتصلي بالرقم 116 111 أو ٠٨٠٠٠ ١١٦ ٠١٦، واكتبي إلى help@example.org، وانظري "
          "<https://example.org/help/> والمادة 612-ter وs.66B و§ 201a. حُدّث في مايو 2024.",
}


@pytest.mark.parametrize("lang", list(GOOD))
def test_a_faithful_translation_carries_everything_over(lang):
    assert invariants.missing(ENGLISH, GOOD[lang], lang) == []


BAD = {
    "a digit changed in a phone number": ("116 111", "116 117", ("number", "116111")),
    "a number left out": ("sau 08000 116 016, ", "", ("number", "08000116016")),
    "a date moved by a day": ("10 octombrie", "11 octombrie", ("date", "10 10")),
    "a month changed": ("10 octombrie", "10 noiembrie", ("date", "10 10")),
    "a year changed": ("mai 2024", "mai 2023", ("number", "2024")),
    "a web address changed": ("example.org/help/", "example.org/ajutor/", ("url", "https://example.org/help/")),
    "an e-mail address changed": ("help@example.org", "ajutor@example.org", ("email", "help@example.org")),
    "a legal reference's letters lost": ("612-ter", "612", ("legal", "612-ter")),
    "a section letter lost": ("s.66B", "s.66", ("legal", "66B")),
}


@pytest.mark.parametrize("what", list(BAD))
def test_what_a_translation_loses_or_changes_is_reported(what):
    before, after, token = BAD[what]
    assert before in GOOD["ro"]
    assert token in invariants.missing(ENGLISH, GOOD["ro"].replace(before, after, 1), "ro")


def test_ages_hours_and_may_the_verb_are_not_held_to_digits():
    """"under 18" may become "minorenne", "24/7" "non-stop": only numbers of three digits or more
    and dates are compared; "you may call" is not a date."""
    assert invariants.missing("You may call under 18s, 24/7, from 10:00.", "Chiama quando vuoi.", "it") == []


def test_the_check_command_names_the_file_the_entry_and_what_to_write(tmp_path):
    root = copy_project(tmp_path)
    english = (root / "docs" / "en" / "help" / "directory" / "es.md").read_text(encoding="utf-8")
    assert "](int.md)" in english
    page = root / "docs" / "ro" / "help" / "directory" / "es.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(english.replace("# Help in Spain", "# Ajutor în Spania")
                    + "\nSună la 116 117 (English: see below).\n", encoding="utf-8")
    # the English page has no phone number: add one to it, that the translation changes
    (root / "docs" / "en" / "help" / "directory" / "es.md").write_text(english + "\nCall 116 111.\n", encoding="utf-8")
    services = root / "data" / "i18n" / "ro" / "services.yaml"
    # the English text says "call Triple Zero (000)"
    services.write_text('au-esafety:\n  does: "eSafety poate ajuta. În pericol, sună la Triple Zero (00)."\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "realharm", "check"], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert ("docs/ro/help/directory/es.md: the number 116111 of the English text is missing; "
            "write it as the English does") in lines, done.stdout
    assert any(line.startswith("data/i18n/ro/services.yaml: entry au-esafety: field does: the number 000 ")
               for line in lines), done.stdout
