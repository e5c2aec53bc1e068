"""Statuses follow the calendar: computed from the dates in data/laws and the build date."""

from __future__ import annotations

from datetime import date

import pytest

from realharm import render
from realharm.data import load_dataset
from realharm.lawstatus import law_status


def dataset(project):
    return load_dataset(project.data, project.languages(), label_root=project.root, today=date(2026, 12, 6))


def provision(ds, ident):
    return next(p for doc in ds.laws.values() for p in doc["provisions"] if p["id"] == ident)


LAW = {"adopted_on": "2026-06-29", "in_force_since": "2026-12-02"}
DIRECTIVE = {"adopted_on": "2024-05-14", "in_force_since": "2024-06-13", "transposition_deadline": "2027-06-14"}


@pytest.mark.parametrize("prov, today, key, dates", [
    (LAW, date(2026, 12, 1), "scheduled", {"adopted": "2026-06-29", "in_force": "2026-12-02"}),
    (LAW, date(2026, 12, 2), "in_force", {"in_force": "2026-12-02"}),
    ({"adopted_on": "2026-06-18"}, date(2030, 1, 1), "unconfirmed", {"adopted": "2026-06-18"}),
    ({}, date(2030, 1, 1), "unconfirmed_no_date", {}),
    ({"in_force_since": "2027-01-01"}, date(2026, 12, 6), "scheduled_no_date", {"in_force": "2027-01-01"}),
    (DIRECTIVE, date(2024, 6, 12), "scheduled", {"adopted": "2024-05-14", "in_force": "2024-06-13"}),
    (DIRECTIVE, date(2024, 6, 13), "directive", {"in_force": "2024-06-13", "deadline": "2027-06-14"}),
    (DIRECTIVE, date(2027, 6, 14), "directive", {"in_force": "2024-06-13", "deadline": "2027-06-14"}),
    (DIRECTIVE, date(2027, 6, 15), "directive_due_passed", {"in_force": "2024-06-13", "deadline": "2027-06-14"}),
    ({**LAW, "repealed_on": "2028-01-01"}, date(2027, 12, 31), "in_force", {"in_force": "2026-12-02"}),
    ({**LAW, "repealed_on": "2028-01-01"}, date(2028, 1, 1), "repealed", {"repealed": "2028-01-01"}),
    ({"status": "bill", "last_step_on": "2025-07-11"}, date(2026, 12, 6), "bill", {"last_step": "2025-07-11"}),
])
def test_status_is_computed_from_the_dates(prov, today, key, dates):
    status = law_status(prov, today)
    assert (status.key, status.dates) == (key, dates)


def test_the_eu_ban_flips_on_its_date_with_no_data_edit(project):
    """The same data, built the day before and the day of 2 December 2026."""
    ds = dataset(project)
    ban = provision(ds, "eu-ai-act-art-5-ncii")
    assert render.status_text(ban, "en", date(2026, 12, 1)) == \
        "Adopted on 29 June 2026; applies from 2 December 2026"
    assert render.status_text(ban, "en", date(2026, 12, 2)) == "In force since 2 December 2026"
    assert render.status_text(ban, "it", date(2026, 12, 1)) == \
        "Approvata il 29 giugno 2026; si applica dal 2 dicembre 2026"
    assert render.status_text(ban, "it", date(2026, 12, 2)) == "In vigore dal 2 dicembre 2026"


def test_the_build_date_decides_what_the_page_says(project, monkeypatch):
    """The renderers the build uses take the date from REALHARM_TODAY (the build date)."""
    ds = dataset(project)
    monkeypatch.setenv("REALHARM_TODAY", "2026-12-01")
    before = render.render_law(ds, lang="en", jurisdiction="EU")
    monkeypatch.setenv("REALHARM_TODAY", "2026-12-02")
    after = render.render_law(ds, lang="en", jurisdiction="EU")
    card = "| **Status** | "
    assert f"{card}Adopted on 29 June 2026; applies from 2 December 2026 |" in before
    assert f"{card}In force since 2 December 2026 |" not in before
    assert f"{card}In force since 2 December 2026 |" in after


def test_directive_status_says_it_binds_member_states(project):
    ds = dataset(project)
    directive = provision(ds, "eu-directive-2024-1385-art-5")
    assert render.status_text(directive, "en", date(2026, 12, 6)) == (
        "In force for Member States since 13 June 2024; to be transposed by 14 June 2027")


def test_italian_dates_are_written_as_in_italian(project):
    assert render.status_text({"adopted_on": "1930-10-19", "in_force_since": "1931-07-01"}, "it",
                              date(2026, 12, 6)) == "In vigore dal 1° luglio 1931"
    assert render.status_text({"in_force_since": "2021-12-08"}, "it", date(2026, 12, 6)) == "In vigore dall'8 dicembre 2021"
    assert render.status_text({"status": "bill", "last_step_on": "2025-07-11"}, "it", date(2026, 12, 6)) == \
        "Proposta di legge (non è legge); ultimo passaggio l'11 luglio 2025"


def test_what_changed_lists_dated_steps_up_to_the_build_date(project):
    ds = dataset(project)
    before = render.law_changes(ds, "en", date(2026, 12, 1))
    after = render.law_changes(ds, "en", date(2026, 12, 6))
    ban = [e for e in after if e[2] == "eu-ai-act-art-5-ncii" and e[0] == "2026-12-02"]
    assert ban and not [e for e in before if e[0] == "2026-12-02"]
    # a date held only in a field (no history line) is a step too: the adoption of gb-soa-66b's Act
    assert any(e[2] == "gb-soa-66b" and e[0] == "2023-10-26" for e in after)
    # every history line is listed, once
    lines = sum(len(p.get("history") or []) for doc in ds.laws.values() for p in doc["provisions"])
    assert len([e for e in after if e[0] <= "2026-12-06"]) >= lines


def test_latest_three_on_the_home_page(project):
    ds = dataset(project)
    text = render.render_law_changes(ds, lang="en", latest="3", base="law/", today=date(2026, 12, 6))
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == 3
    assert all("](law/" in line for line in items)
    assert "2 December 2026" in items[0]


# ── review_by ──
from test_data import GOOD_LAW, GOOD_SERVICE, make_data, problems  # noqa: E402


@pytest.mark.parametrize("kind, old, new, expected", [
    ("laws", "review_by: 2027-05-25", "review_by: 2026-11-01",
     "data/laws/it.yaml: entry it-example: field review_by: 2026-11-01 is not after verified_on 2026-11-25"),
    ("laws", "review_by: 2027-05-25", "review_by: 2027-05-26",
     "data/laws/it.yaml: entry it-example: field review_by: 2027-05-26 is more than 6 months after verified_on "
     "2026-11-25; write 2027-05-25 or an earlier date"),
    ("services", "review_by: 2027-11-25", "review_by: 2027-11-26",
     "data/services/it.yaml: entry it-example: field review_by: 2027-11-26 is more than 12 months after "
     "verified_on 2026-11-25; write 2027-11-25 or an earlier date"),
])
def test_review_by_must_follow_verified_on_within_the_limit(tmp_path, kind, old, new, expected):
    good = GOOD_LAW if kind == "laws" else GOOD_SERVICE
    assert old in good
    found = problems(make_data(tmp_path, **{kind: good.replace(old, new)}))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_review_by_at_the_limit_is_accepted(tmp_path):
    assert problems(make_data(tmp_path)) == []


def test_review_report_lists_due_soon_and_quiet_bills(project):
    from realharm.review import review

    ds = dataset(project)
    today = date(2027, 4, 20)
    found = review(ds, today)
    due, soon, quiet = found.values()
    # verified 2026-11-25 -> review_by 2027-05-25: within 60 days on 20 April 2027, not yet due
    assert any("it-612-quater: review_by 2027-05-25 (in 35 days)" in line for line in soon)
    assert not any("it-612-quater" in line for line in due)
    later = review(ds, date(2027, 5, 26))["Due or overdue for review"]
    assert any("it-612-quater: review_by 2027-05-25 (overdue by 1 days)" in line for line in later)
    assert any("us-defiance-act" in line for line in quiet)
    # the directive's transposition deadline comes up 60 days ahead
    assert any("eu-directive-2024-1385-art-5: transposition_deadline 2027-06-14" in line
               for line in review(ds, date(2027, 5, 1))["Dates coming within 60 days"])


def test_review_command_is_a_report_that_exits_zero(project, capsys, monkeypatch):
    from realharm.__main__ import main

    monkeypatch.setenv("REALHARM_TODAY", "2027-06-01")
    assert main(["--root", str(project.root), "review"]) == 0
    out = capsys.readouterr().out
    assert "Due or overdue for review" in out and "it-612-ter" in out


def test_an_overdue_card_says_so_in_both_languages(project):
    ds = dataset(project)
    law = provision(ds, "it-612-quater")
    due = law["review_by"]
    on_time = render.provision_block(law, ds, "en", today=date.fromisoformat(due))
    late = render.provision_block(law, ds, "en", today=date(2027, 5, 26))
    assert "Overdue for review" not in on_time
    assert "Overdue for review since 25 May 2027" in late
    assert "Da ricontrollare dal 25 maggio 2027" in render.provision_block(law, ds, "it", today=date(2027, 5, 26))
    assert "Last verified" in on_time  # readers always see when it was last checked
    service = ds.services["IT"]["services"][0]
    assert "Overdue for review" in render.service_block(service, "en", today=date(2030, 1, 1))
    assert "Overdue for review" not in render.service_block(service, "en", today=date(2026, 12, 6))


# ── bad input: each stops `make check` and the build with one line ──

from realharm.__main__ import main  # noqa: E402
from support import ROOT, build, copy_repository  # noqa: E402


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("calendar") / "repo"
    return copy_repository(dest)


GB, EU = "data/laws/gb.yaml", "data/laws/eu.yaml"
BAD_DATES = {
    "in force before adoption": (GB, "    adopted_on: 2023-10-26\n    in_force_since: 2024-01-31",
                                 "    adopted_on: 2024-03-01\n    in_force_since: 2024-01-31",
                                 "data/laws/gb.yaml: entry gb-soa-66b: field in_force_since: 2024-01-31 is before "
                                 "adopted_on 2024-03-01: it cannot be in force before it was adopted"),
    "transposition deadline before adoption": (EU, "transposition_deadline: 2027-06-14", "transposition_deadline: 2024-05-01",
                                               "data/laws/eu.yaml: entry eu-directive-2024-1385-art-5: field "
                                               "transposition_deadline: 2024-05-01 is before adopted_on 2024-05-14"),
    "review_by before verified_on": (GB, "    verified_on: 2026-11-25\n    review_by: 2027-05-25",
                                     "    verified_on: 2026-11-25\n    review_by: 2026-11-24",
                                     "data/laws/gb.yaml: entry gb-soa-66b: field review_by: 2026-11-24 is not after "
                                     "verified_on 2026-11-25"),
    "review_by beyond 6 months": (GB, "    verified_on: 2026-11-25\n    review_by: 2027-05-25",
                                  "    verified_on: 2026-11-25\n    review_by: 2027-11-25",
                                  "data/laws/gb.yaml: entry gb-soa-66b: field review_by: 2027-11-25 is more than 6 "
                                  "months after verified_on 2026-11-25"),
}


def run_check(copy, capsys, rel, old, new):
    path = copy / rel
    original = path.read_text(encoding="utf-8")
    assert old in original, (rel, old)
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        rc = main(["--root", str(copy), "check"])
    finally:
        path.write_text(original, encoding="utf-8")
    return rc, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("name", BAD_DATES)
def test_check_refuses_bad_dates_in_one_line(copy, capsys, monkeypatch, name):
    monkeypatch.setenv("REALHARM_TODAY", "2026-12-06")
    rel, old, new, expected = BAD_DATES[name]
    rc, out = run_check(copy, capsys, rel, old, new)
    assert rc == 1
    assert len(out) == 1 and out[0].startswith(expected), out


def test_the_build_refuses_contradictory_dates(copy, tmp_path):
    rel, old, new, expected = BAD_DATES["in force before adoption"]
    path = copy / rel
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        _seconds, proc = build(tmp_path / "out", site_url="http://127.0.0.1:8000/", root=copy,
                               extra_env={"PYTHONPATH": str(ROOT / "src"), "REALHARM_TODAY": "2026-12-06"})
    finally:
        path.write_text(original, encoding="utf-8")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert expected in output and "Traceback" not in output
