"""Open data: the build publishes data/v1/ (services, laws, glossary, their schemas, the licence),
the files validate against their schemas and hold every entry of data/."""

from __future__ import annotations

import json
from datetime import date

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from realharm import opendata
from realharm.data import load_dataset
from realharm.glossary import load as load_glossary

FILES = ("services", "laws", "glossary")


def _ids(project):
    dataset = load_dataset(project.data, project.languages(), label_root=project.root)
    services = {s["id"] for d in dataset.services.values() for s in d["services"]}
    laws = {p["id"] for d in dataset.laws.values() for p in d["provisions"]}
    terms = {t["id"] for t in load_glossary(project.data / "glossary.yaml", project.languages())}
    return dataset, {"services": services, "laws": laws, "glossary": terms}


def _published_ids(name, doc):
    if name == "services":
        return [s["id"] for c in doc["countries"] for s in c["services"]]
    if name == "laws":
        return [p["id"] for j in doc["jurisdictions"] for p in j["provisions"]]
    return [t["id"] for t in doc["terms"]]


def _errors(doc, schema):
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.fixture(scope="module")
def files(project):
    dataset, _ids_ = _ids(project)
    glossary = load_glossary(project.data / "glossary.yaml", project.languages())
    return opendata.build(dataset, glossary, project.schemas, project.languages(), date(2026, 12, 6))


@pytest.mark.parametrize("name", FILES)
def test_files_validate_against_their_schemas(files, name):
    schema = files[f"{name}.schema.json"]
    Draft202012Validator.check_schema(schema)
    assert _errors(files[f"{name}.json"], schema) == []


@pytest.mark.parametrize("name, breaks", [
    ("services", lambda d: d["countries"][0]["services"][0].pop("source_url")),
    ("laws", lambda d: d["jurisdictions"][0]["provisions"][0]["title"].pop("en")),
    ("laws", lambda d: d["status_on_build_date"].update({"xx-1": {"key": "in force", "dates": {}}})),
    ("glossary", lambda d: d["terms"][0].update({"extra": 1})),
    ("services", lambda d: d.update({"version": "2"})),
])
def test_the_schemas_reject_a_broken_file(files, name, breaks):
    doc = json.loads(json.dumps(files[f"{name}.json"]))
    breaks(doc)
    assert _errors(doc, files[f"{name}.schema.json"])


def test_status_on_the_build_date(files):
    statuses = files["laws.json"]["status_on_build_date"]
    assert statuses["eu-ai-act-art-5-ncii"] == {"key": "in_force", "dates": {"in_force": "2026-12-02"}}
    assert statuses["us-defiance-act"]["key"] == "bill"
    assert files["laws.json"]["built_on"] == "2026-12-06"
    assert "CC BY-SA 4.0" in files["LICENCE.txt"]


def test_the_build_publishes_every_entry(built_site, project):
    """The site built by the tests holds data/v1/, valid, with every entry of data/ in it."""
    _dataset, expected = _ids(project)
    folder = built_site / "data" / "v1"
    assert sorted(p.name for p in folder.iterdir()) == sorted(opendata.FILES)
    assert "CC BY-SA 4.0" in (folder / "LICENCE.txt").read_text(encoding="utf-8")
    for name in FILES:
        doc = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert _errors(doc, schema) == [], name
        published = _published_ids(name, doc)
        assert len(published) == len(set(published)), name
        assert set(published) == expected[name], name


def test_the_open_data_page_links_every_file_in_both_languages(built_site):
    for page, up in (("about/open-data/index.html", "../../"), ("it/about/open-data/index.html", "../../../")):
        text = (built_site / page).read_text(encoding="utf-8")
        for name in opendata.FILES:
            assert f'href="{up}data/v1/{name}"' in text, (page, name)
