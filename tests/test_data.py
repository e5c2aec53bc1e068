"""Data files: the real ones validate, and each kind of mistake is rejected with
file, entry and field named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realharm.data import DataError, load_dataset
from support import ROOT, build, copy_repository

GOOD_SERVICE = """\
country: IT
services:
  - id: it-example
    name: "Servizio di esempio"
    kind: helpline
    ages: [adult]
    situations: [shared]
    for: {en: "Adults"}
    does: {en: "Listens."}
    phone: {local: "1522"}
    url: https://www.example.org/
    source_url: https://www.example.org/about
    verified_on: 2026-11-25
    review_by: 2027-11-25
"""

GOOD_LAW = """\
jurisdiction: IT
name: {en: Italy}
provisions:
  - id: it-example
    jurisdiction: IT
    official_name: "Esempio"
    citation: "Art. 1"
    title: {en: "Example"}
    kind: criminal
    adopted_on: 2019-07-19
    in_force_since: 2019-08-09
    acts: {creating: "no", sharing: "yes", threatening: "no", possessing: "no", tools: "no"}
    ai_named: "no"
    protects: [adults]
    prosecution: {en: "On complaint"}
    max_penalty: {en: "6 years"}
    summary: {en: "Sharing is a crime."}
    source_url: https://www.example.org/law
    official_url: https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:legge:2019-07-19;69
    verified_on: 2026-11-25
    review_by: 2027-05-25
"""

# the fixtures' Italian texts, where a translator writes them (data/i18n/it/)
GOOD_SERVICE_IT = """\
it-example:
  for: "Adulti"
  does: "Ascolta."
"""
GOOD_LAW_IT = """\
IT:
  name: Italia
it-example:
  title: "Esempio"
  prosecution: "A querela"
  max_penalty: "6 anni"
  summary: "Diffondere è reato."
"""


def make_data(tmp_path: Path, services: str = GOOD_SERVICE, laws: str = GOOD_LAW,
              name: str = "it.yaml", italian: bool = True) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copy(ROOT / "data" / "places.yaml", data / "places.yaml")
    (data / "services").mkdir()
    (data / "laws").mkdir()
    (data / "services" / name).write_text(services, encoding="utf-8")
    (data / "laws" / "it.yaml").write_text(laws, encoding="utf-8")
    if italian and services == GOOD_SERVICE and laws == GOOD_LAW and name == "it.yaml":
        (data / "i18n" / "it").mkdir(parents=True)
        (data / "i18n" / "it" / "services.yaml").write_text(GOOD_SERVICE_IT, encoding="utf-8")
        (data / "i18n" / "it" / "laws.yaml").write_text(GOOD_LAW_IT, encoding="utf-8")
    return data


def problems(data: Path) -> list[str]:
    try:
        load_dataset(data, ["en", "it"], label_root=data.parent)
    except DataError as exc:
        return exc.problems
    return []


def test_real_data_is_valid(project):
    dataset = load_dataset(project.data, project.languages(), label_root=project.root)
    assert len(dataset.services) >= 10  # nine countries and the international file
    assert len(dataset.laws) >= 16  # sixteen jurisdictions, Romania and Ukraine among them


def test_good_fixture_passes(tmp_path):
    assert problems(make_data(tmp_path)) == []


@pytest.mark.parametrize("change, expected", [
    (("    source_url: https://www.example.org/about\n", ""),
     "data/services/it.yaml: entry it-example: field source_url: is missing"),
    (('phone: {local: "1522"}', 'phone: {local: "15-22 ext. 4"}'),
     "data/services/it.yaml: entry it-example: field phone.local: '15-22 ext. 4' is not a phone number"),
    (('phone: {local: "1522"}', 'phone: {international: "0039 1522"}'),
     "data/services/it.yaml: entry it-example: field phone.international: '0039 1522' is not a phone number"),
    (("url: https://www.example.org/\n", "url: www.example.org\n"),
     "data/services/it.yaml: entry it-example: field url: 'www.example.org' is not a web address"),
    (('does: {en: "Listens."}', 'does: {it: "Ascolta."}'),
     "data/services/it.yaml: entry it-example: field does.en: missing translation 'en'"),
    (("verified_on: 2026-11-25", "verified_on: 25/11/2026"),
     "data/services/it.yaml: entry it-example: field verified_on: '25/11/2026' is not an ISO date"),
    (("verified_on: 2026-11-25", "verified_on: 2026-13-45"),
     "data/services/it.yaml: entry it-example: field verified_on: '2026-13-45' is not a real date"),
    (("kind: helpline", "kind: hotline"),
     "data/services/it.yaml: entry it-example: field kind:"),
])
def test_bad_service_is_rejected(tmp_path, change, expected):
    old, new = change
    assert old in GOOD_SERVICE
    found = problems(make_data(tmp_path, services=GOOD_SERVICE.replace(old, new)))
    assert any(line.startswith(expected) for line in found), found


def test_unknown_country_is_rejected(tmp_path):
    bad = GOOD_SERVICE.replace("country: IT", "country: XX").replace("it-example", "xx-example")
    found = problems(make_data(tmp_path, services=bad, name="xx.yaml"))
    assert "data/services/xx.yaml: entry -: field country: unknown country or jurisdiction 'XX' " \
           "(not listed in data/places.yaml)" in found


def test_country_must_match_file_name(tmp_path):
    found = problems(make_data(tmp_path, name="fr.yaml"))
    assert any("does not match the file name 'fr.yaml'" in line for line in found), found


@pytest.mark.parametrize("change, expected", [
    (("    source_url: https://www.example.org/law\n", ""),
     "data/laws/it.yaml: entry it-example: field source_url: is missing"),
    (("adopted_on: 2019-07-19", "status: passed"),
     "data/laws/it.yaml: entry it-example: field status: 'passed' is not allowed"),
    (('sharing: "yes"', "sharing: yes"),
     "data/laws/it.yaml: entry it-example: field acts.sharing:"),
    (("    review_by: 2027-05-25\n", ""),
     "data/laws/it.yaml: entry it-example: field review_by: is missing"),
    (("adopted_on: 2019-07-19", "status: bill\n    last_step_on: 2019-07-19"),
     "data/laws/it.yaml: entry it-example: field status: a bill (status: bill) is not law"),
    (("adopted_on: 2019-07-19", "last_step_on: 2019-07-19"),
     "data/laws/it.yaml: entry it-example: field last_step_on: is only for a bill"),
    (("jurisdiction: IT\n    official_name", "jurisdiction: FR\n    official_name"),
     "data/laws/it.yaml: entry it-example: field jurisdiction: 'FR' is not part of 'IT'"),
])
def test_bad_law_is_rejected(tmp_path, change, expected):
    old, new = change
    assert old in GOOD_LAW
    found = problems(make_data(tmp_path, laws=GOOD_LAW.replace(old, new)))
    assert any(line.startswith(expected) for line in found), found


def test_broken_data_stops_the_build(tmp_path):
    """The build itself refuses a broken file and prints file, entry and field."""
    copy = tmp_path / "repo"
    copy_repository(copy)
    path = copy / "data" / "services" / "it.yaml"
    text = path.read_text(encoding="utf-8")
    first_source = next(line for line in text.splitlines() if line.strip().startswith("source_url:"))
    path.write_text(text.replace(first_source + "\n", "", 1), encoding="utf-8")
    _seconds, proc = build(tmp_path / "out", site_url="http://127.0.0.1:8000/", root=copy)
    assert proc.returncode != 0
    assert "data/services/it.yaml: entry it-" in proc.stderr + proc.stdout
    assert "field source_url: is missing" in proc.stderr + proc.stdout
