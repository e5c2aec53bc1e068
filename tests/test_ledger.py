"""The audit ledger (data/ledger.yaml): every law and service entry is named by a row, and each row
is complete; a mistake is one line naming the file, the row or entry and the field."""

from __future__ import annotations

from realharm import ledger, validate
from realharm.data import load_dataset
from realharm.project import Project
from test_data import GOOD_LAW, make_data

LAW = GOOD_LAW.replace("id: it-example", "id: it-example-law")

ROW = """\
claims:
- id: check-1
  entries: [it-example]
  claim: The example helpline is free
  where: data/services/it.yaml it-example
  source: https://www.example.org/about (read 2026-12-06)
  verdict: correct
  date: '2026-12-06'
- id: check-2
  entries: [it-example-law]
  claim: The example law punishes sharing
  where: data/laws/it.yaml it-example
  source: https://www.example.org/law
  verdict: fixed
  date: '2026-12-06'
"""


def problems(tmp_path, text: str) -> list[str]:
    data = make_data(tmp_path, laws=LAW)
    (data / "ledger.yaml").write_text(text, encoding="utf-8")
    dataset = load_dataset(data, ["en", "it"], label_root=data.parent)
    return ledger.problems(data / "ledger.yaml", dataset)


def test_the_real_ledger_names_every_entry(project):
    dataset = load_dataset(project.data, project.languages(), label_root=project.root)
    assert ledger.problems(project.data / "ledger.yaml", dataset) == []


def test_a_good_ledger_passes(tmp_path):
    assert problems(tmp_path, ROW) == []


def test_an_entry_no_row_names_is_refused(tmp_path):
    found = problems(tmp_path, ROW.replace("entries: [it-example]", "entries: []"))
    assert found == [
        "data/services/it.yaml: entry it-example: field id: no row of data/ledger.yaml names this entry; check "
        "its claims against the source and add a row (see CONTRIBUTING.md, the audit ledger)"]


def test_each_kind_of_bad_row_is_one_line(tmp_path):
    bad = (ROW.replace("verdict: fixed", "verdict: maybe")
              .replace("entries: [it-example-law]", "entries: [it-example-law, it-exmaple]")
              .replace("date: '2026-12-06'\n- id: check-2", "date: 'soon'\n- id: check-1")
              .replace("  where: data/laws/it.yaml it-example\n", ""))
    found = problems(tmp_path, bad)
    assert "data/ledger.yaml: entry check-1: field date: 'soon' is not a date (write YYYY-MM-DD)" in found
    assert "data/ledger.yaml: entry check-1: field id: used by another row; give this row the next id" in found
    assert "data/ledger.yaml: entry check-1: field where: is missing (write it in words)" in found
    assert "data/ledger.yaml: entry check-1: field verdict: 'maybe' is not one of correct, fixed, removed, unconfirmed" in found
    assert any(line.startswith("data/ledger.yaml: entry check-1: field entries: 'it-exmaple' is not the id") for line in found)
    assert all("\n" not in line for line in found)


def test_a_row_without_entries_is_refused(tmp_path):
    found = problems(tmp_path, ROW.replace("  entries: [it-example-law]\n", ""))
    assert found == ["data/ledger.yaml: entry check-2: field entries: must list the ids of the law or service entries "
                     "the claim is about, e.g. [it-112] ([] for a claim made only in a page)",
                     "data/laws/it.yaml: entry it-example-law: field id: no row of data/ledger.yaml names this entry; "
                     "check its claims against the source and add a row (see CONTRIBUTING.md, the audit ledger)"]


def test_make_check_and_the_build_refuse_an_uncovered_entry(tmp_path):
    """The chain the build and `make check` share: a copy of the project whose ledger forgets an entry."""
    import shutil

    from support import ROOT

    root = tmp_path / "copy"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    path = root / "data" / "ledger.yaml"
    text = path.read_text(encoding="utf-8")
    assert "[it-112]" in text
    path.write_text(text.replace("[it-112]", "[]"), encoding="utf-8")
    project = Project(root)
    found = validate.content(project, project.languages()).problems
    assert [line for line in found if "ledger" in line] == [
        "data/services/it.yaml: entry it-112: field id: no row of data/ledger.yaml names this entry; check its "
        "claims against the source and add a row (see CONTRIBUTING.md, the audit ledger)"]


def test_totals_count_rows_by_verdict(tmp_path):
    data = make_data(tmp_path, laws=LAW)
    (data / "ledger.yaml").write_text(ROW, encoding="utf-8")
    assert ledger.report(data / "ledger.yaml") == "ledger: 1 correct, 1 fixed, 0 removed, 0 unconfirmed (2 rows)"
