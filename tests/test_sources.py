"""Sources: official text on every law, banned kinds of address refused, sources counted by class."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realharm import sources, validate
from realharm.data import load_dataset
from realharm.project import Project
from support import ROOT
from test_data import GOOD_LAW, GOOD_SERVICE, make_data

LAW = GOOD_LAW


def real_sources() -> sources.Sources:
    found, problems = sources.load(ROOT / "data" / "sources.yaml")
    assert problems == []
    return found


def check(tmp_path, laws=LAW, services=GOOD_SERVICE) -> list[str]:
    data = make_data(tmp_path, services=services, laws=laws)
    dataset = load_dataset(data, ["en", "it"], label_root=data.parent)
    return sources.check(dataset, real_sources())


def test_good_entries_pass(tmp_path):
    assert check(tmp_path) == []


@pytest.mark.parametrize("kind, old, new, expected", [
    ("laws", "source_url: https://www.example.org/law", "source_url: http://www.example.org/law",
     "data/laws/it.yaml: entry it-example: field source_url: 'http://www.example.org/law' starts with http://"),
    ("services", "source_url: https://www.example.org/about", "source_url: http://www.example.org/about",
     "data/services/it.yaml: entry it-example: field source_url: 'http://www.example.org/about' starts with http://"),
    ("services", "url: https://www.example.org/\n", "url: https://www.example.org/?utm_source=google&gclid=x\n",
     "data/services/it.yaml: entry it-example: field url: 'https://www.example.org/?utm_source=google&gclid=x' "
     "has the tracking parameter 'utm_source'"),
    ("laws", "source_url: https://www.example.org/law", "source_url: https://www.example.org/law?ref=newsletter",
     "data/laws/it.yaml: entry it-example: field source_url: 'https://www.example.org/law?ref=newsletter' has the "
     "tracking parameter 'ref'"),
    ("laws", "source_url: https://www.example.org/law", "source_url: https://www.gazzettaufficiale.biz/atti/x.htm",
     "data/laws/it.yaml: entry it-example: field source_url: 'https://www.gazzettaufficiale.biz/atti/x.htm' is on "
     "www.gazzettaufficiale.biz, a copy, proxy or aggregator"),
    ("laws", "official_url: https://www.normattiva.it/", "official_url: https://www.brocardi.it/",
     "data/laws/it.yaml: entry it-example: field official_url: www.brocardi.it is not an official host for IT"),
])
def test_banned_kinds_are_refused_with_one_line(tmp_path, kind, old, new, expected):
    good = LAW if kind == "laws" else GOOD_SERVICE
    assert old in good
    found = check(tmp_path, **{kind: good.replace(old, new)})
    assert found and found[0].startswith(expected), found
    assert all("\n" not in line for line in found)


def test_a_reason_allows_a_banned_host_or_another_official_host(tmp_path):
    mirror = LAW.replace("source_url: https://www.example.org/law",
                         "source_url: https://www.gazzettaufficiale.biz/atti/x.htm\n"
                         "    source_reason: {en: \"The official page could not be opened.\"}")
    assert check(tmp_path, laws=mirror) == []
    other = LAW.replace("official_url: https://www.normattiva.it/",
                        "official_url_reason: {en: \"Published only by the regional council.\"}\n"
                        "    official_url: https://www.consiglio.regione.example.it/")
    assert check(tmp_path / "b", laws=other) == []
    # a reason never excuses http or a tracking parameter
    http = mirror.replace("https://www.gazzettaufficiale.biz", "http://www.gazzettaufficiale.biz")
    assert any("starts with http://" in line for line in check(tmp_path / "c", laws=http))


def test_a_law_without_official_url_is_refused(tmp_path):
    from test_data import problems

    without = GOOD_LAW.replace("    official_url: https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:legge:2019-07-19;69\n", "")
    assert without != GOOD_LAW
    found = problems(make_data(tmp_path, laws=without))
    assert "data/laws/it.yaml: entry it-example: field official_url: is missing" in found


def test_sub_jurisdictions_use_their_own_and_their_country_hosts():
    found = real_sources()
    assert sources.on_host("www.revisor.mn.gov", sources.official_hosts(found, "US-MN"))
    assert sources.on_host("www.congress.gov", sources.official_hosts(found, "US-MN"))
    assert not sources.on_host("www.revisor.mn.gov", sources.official_hosts(found, "US"))
    assert not sources.on_host("notnormattiva.it", ["normattiva.it"])


def test_classes_of_sources(project):
    found = real_sources()
    assert sources.classify("https://www.normattiva.it/x", found, jurisdiction="IT") == "official"
    assert sources.classify("https://www.telefonoazzurro.it/chi-siamo", found, jurisdiction="IT",
                            own="https://telefonoazzurro.it/") == "service's own"
    assert sources.classify("https://www.brocardi.it/x", found, jurisdiction="IT") == "secondary"
    dataset = load_dataset(project.data, project.languages(), label_root=project.root)
    counts = sources.counts(dataset, found)
    entries = sum(len(d["services"]) for d in dataset.services.values()) + \
        sum(len(d["provisions"]) for d in dataset.laws.values())
    assert sum(counts.values()) == entries and counts["official"] > 0 and counts["service's own"] > 0


def test_every_law_links_its_official_text_on_the_card(project):
    from realharm import render

    dataset = load_dataset(project.data, project.languages(), label_root=project.root)
    for code, doc in dataset.laws.items():
        text = render.render_law(dataset, lang="en", jurisdiction=code)
        for prov in doc["provisions"]:
            assert f"**[Official text]({prov['official_url']})**" in text


def test_make_check_fails_on_a_banned_source_in_the_real_data(tmp_path):
    """The whole chain the build uses: a copy of the project with one http source is refused."""
    root = tmp_path / "copy"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    path = root / "data" / "laws" / "it.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("official_url: https://www.normattiva.it/", "official_url: http://www.normattiva.it/", 1),
                    encoding="utf-8")
    project = Project(root)
    problems = validate.content(project, project.languages()).problems
    assert any(line.startswith("data/laws/it.yaml: entry it-612-ter: field official_url: 'http://www.normattiva.it/")
               for line in problems), problems


def test_prose_links_are_reported(tmp_path):
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "a.md").write_text("See <http://example.org/x> and <https://example.org/y?utm_medium=z>.\n")
    found = sources.page_links(docs, ["en"], real_sources())
    assert [line.split(": ", 1)[0] for line in found] == ["docs/en/a.md", "docs/en/a.md"]


# ── bad input through `make check`: official_url, http, phone numbers ──
from test_calendar import copy, run_check  # noqa: E402,F401  (the fixture and the helper)

IT_S, GB_S = "data/services/it.yaml", "data/services/gb.yaml"
BAD = {
    "official_url on another host": ("data/laws/it.yaml", "official_url: https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:",
                                     "official_url: https://www.brocardi.it/codice-penale/?urn:nir:stato:",
                                     "data/laws/it.yaml: entry it-612-ter: field official_url: www.brocardi.it is not an "
                                     "official host for IT"),
    "http source": (IT_S, "source_url: https://www.regione.marche.it/", "source_url: http://www.regione.marche.it/",
                    "data/services/it.yaml: entry it-112: field source_url: 'http://www.regione.marche.it/"),
    "short number that does not exist": (IT_S, 'local: "1522"', 'local: "1523"',
                                         "data/services/it.yaml: entry it-1522: field phone.local: '1523' is not a "
                                         "valid phone number in IT"),
    "national number too short": (GB_S, 'local: "0345 6000 459"', 'local: "0345 6000 45"',
                                  "data/services/gb.yaml: entry gb-revenge-porn-helpline: field phone.local: "
                                  "'0345 6000 45' is not a valid phone number in GB"),
    "international number of another country": (GB_S, 'international: "+44 800 1111"', 'international: "+33 800 1111"',
                                                "data/services/gb.yaml: entry gb-childline: field phone.international:"),
}


@pytest.mark.parametrize("name", BAD)
def test_check_refuses_bad_sources_and_numbers_in_one_line(copy, capsys, monkeypatch, name):
    monkeypatch.setenv("REALHARM_TODAY", "2026-12-06")
    rel, old, new, expected = BAD[name]
    rc, out = run_check(copy, capsys, rel, old, new)
    assert rc == 1
    assert len(out) == 1 and out[0].startswith(expected), out


def test_every_number_in_the_data_is_valid_for_its_country_including_short_numbers(project):
    from realharm.data import phone_problems

    assert phone_problems({"local": "112"}, "IT") == []
    assert phone_problems({"local": "1522"}, "IT") == []
    assert phone_problems({"local": "116 016"}, "DE") == []   # an EU-harmonised 116 number
    assert phone_problems({"local": "1-866-658-9022", "international": "+1 866-658-9022"}, "CA") == []
    assert phone_problems({"local": "0800 1111", "international": "+44 345 600 0459"}, "GB") == [
        ("phone.international", "'+44 345 600 0459' is not the same number as phone.local '0800 1111'")]


def test_make_check_and_the_build_refuse_a_banned_link_in_a_page(tmp_path):
    """A page's prose with an http address, a tracking parameter or a copy host stops the checks the
    build and `make check` share, one line each naming the page."""
    root = tmp_path / "copy"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    project = Project(root)
    assert [p for p in validate.content(project, project.languages()).problems if "docs/" in p] == []
    page = root / "docs" / "en" / "help" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n- A copy. <http://www.example.org/a> "
                    "<https://www.example.org/b?utm_source=x> <https://www.usquery.com/bill-query/bill/119/s/146>\n",
                    encoding="utf-8")
    found = [p for p in validate.content(project, project.languages()).problems if p.startswith("docs/en/help/index.md")]
    assert len(found) == 3, found
    assert any("'http://www.example.org/a' starts with http://" in p for p in found)
    assert any("tracking parameter 'utm_source'" in p for p in found)
    assert any("www.usquery.com, a copy, proxy or aggregator" in p for p in found)
    assert all("\n" not in p for p in found)


def test_an_http_only_host_is_accepted_in_a_page(tmp_path):
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "a.md").write_text("See <http://www.procura.taranto.it/it/Content/Index/44506>.\n")
    assert sources.page_links(docs, ["en"], real_sources()) == []
