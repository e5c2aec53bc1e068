"""Translation status from git history, on a temporary repository."""

import os
import re
import subprocess

from realharm import translations


def git(repo, *args, date="2026-01-01T10:00:00+00:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def write(repo, rel, text):
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_up_to_date_outdated_and_untranslated(tmp_path):
    repo = tmp_path
    git(repo, "init", "-q", "-b", "main")
    for rel in ("docs/en/a.md", "docs/it/a.md", "docs/en/b.md", "docs/it/b.md", "docs/en/c.md", "docs/en/d.md", "docs/it/d.md"):
        write(repo, rel, "# x\n" if "/it/" not in rel or rel.endswith("d.md") else "# x (it)\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    write(repo, "docs/en/b.md", "# x, changed\n")
    git(repo, "commit", "-q", "-am", "English b changed", date="2026-02-03T09:00:00+00:00")
    found = {s.page: s for s in translations.status(repo, ["en", "it"])}
    assert found["a.md"].state == "up-to-date"
    assert found["b.md"].state == "outdated" and found["b.md"].source.date.startswith("2026-02-03")
    assert found["c.md"].state == "untranslated"  # no page
    assert found["d.md"].state == "untranslated"  # a copy of the English page
    assert translations.summary([s for s in found.values()]) == {
        "ok": 2, "outdated": 1, "missing": 2, "total": 4, "texts": 0, "texts_total": 0}
    banner = translations.banner(list(found.values()), "it", "b.md")
    assert banner.startswith('!!! outdated "Traduzione da aggiornare"') and "3 febbraio 2026" in banner
    assert translations.banner(list(found.values()), "it", "a.md") == ""
    # the translator catches up: up to date again
    write(repo, "docs/it/b.md", "# x, cambiato\n")
    git(repo, "commit", "-q", "-am", "Italian b updated", date="2026-02-04T09:00:00+00:00")
    assert {s.page: s.state for s in translations.status(repo, ["en", "it"])}["b.md"] == "up-to-date"
    # a fix to the English wording that the translation never had, marked as such: still up to date
    write(repo, "docs/en/b.md", "# x, changed.\n")
    git(repo, "commit", "-q", "-am", "English b: a full stop\n\nTranslations: unaffected", date="2026-02-05T09:00:00+00:00")
    assert {s.page: s.state for s in translations.status(repo, ["en", "it"])}["b.md"] == "up-to-date"
    # without the trailer, the next change marks it outdated again
    write(repo, "docs/en/b.md", "# x, changed again.\n")
    git(repo, "commit", "-q", "-am", "English b: new advice", date="2026-02-06T09:00:00+00:00")
    assert {s.page: s.state for s in translations.status(repo, ["en", "it"])}["b.md"] == "outdated"
    # an older commit of the same kind, listed in translations-unaffected.txt: up to date again
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    write(repo, "translations-unaffected.txt", f"# why\n{sha} a full stop added\n")
    assert {s.page: s.state for s in translations.status(repo, ["en", "it"])}["b.md"] == "up-to-date"


def test_without_git_history_the_state_is_unknown(tmp_path):
    write(tmp_path, "docs/en/a.md", "# x\n")
    write(tmp_path, "docs/it/a.md", "# x (it)\n")
    assert [s.state for s in translations.status(tmp_path, ["en", "it"])] == ["unknown"]


def test_status_page_is_generated_into_the_site(built_site):
    html = (built_site / "it" / "about" / "translations" / "index.html").read_text(encoding="utf-8")
    assert "Stato delle traduzioni" in html and "<table>" in html


def test_translations_command_fails_when_a_published_language_lacks_its_minimum_set(tmp_path, capsys):
    from realharm.__main__ import main
    import shutil
    from support import ROOT

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "data" / "ui", tmp_path / "data" / "ui")  # the languages and their settings
    import re
    import yaml

    for ui in (tmp_path / "data" / "ui").glob("*.yaml"):  # only Italian is published here, whatever the project publishes
        if ui.stem not in ("en", "it"):
            ui.write_text(re.sub(r"(?m)^(\s*published:\s*)true\b", r"\1false", ui.read_text(encoding="utf-8")), encoding="utf-8")
    minimum = yaml.safe_load((tmp_path / "data" / "ui" / "it.yaml").read_text(encoding="utf-8"))["language"]["minimum_set"]
    for rel in minimum:
        write(tmp_path, f"docs/en/{rel}", "# x\n")
        write(tmp_path, f"docs/it/{rel}", "# x (it)\n")
    write(tmp_path, "docs/en/other.md", "# not in the minimum set\n")
    assert main(["--root", str(tmp_path), "translations"]) == 0
    write(tmp_path, f"docs/it/{minimum[-1]}", "# x\n")  # a copy of the English page
    assert main(["--root", str(tmp_path), "translations"]) == 1
    out = capsys.readouterr().out
    assert f"docs/it/{minimum[-1]}: not translated yet, and data/ui/it.yaml publishes it" in out
    assert "Italiano (it): 3 of 5 pages translated, 0 outdated, 2 not translated" in out


# ── a published translation records both passes of each file ──
def _settings(passes, published=True, carry_over=True):
    lang = {"language": {"published": published, "minimum_set": ["index.md", "help/index.md"]}, "passes": passes}
    if not carry_over:
        lang["carry_over"] = False
    return {"en": {"language": {"published": True, "minimum_set": ["index.md"]}}, "ro": lang}


def _both(first="2026-12-05", second="2026-12-06"):
    from datetime import date

    return {"first": date.fromisoformat(first), "second": date.fromisoformat(second)}


def test_a_published_translation_records_both_passes_of_each_file(tmp_path):
    from datetime import date

    from realharm.translations import passes_problems

    (tmp_path / "data" / "i18n" / "ro").mkdir(parents=True)
    (tmp_path / "data" / "i18n" / "ro" / "services.yaml").write_text('it-112:\n  for: "Oricine"\n', encoding="utf-8")
    (tmp_path / "data" / "i18n" / "ro" / "laws.yaml").write_text("# comments only\n", encoding="utf-8")
    today = date(2026, 12, 6)
    full = {"index.md": _both(), "help/index.md": _both(), "data/ui/ro.yaml": _both(),
            "data/i18n/ro/services.yaml": _both()}
    assert passes_problems(tmp_path, _settings(full), today) == []
    # not yet published, or adapted rather than translated: not held to it
    assert passes_problems(tmp_path, _settings(None, published=False), today) == []
    assert passes_problems(tmp_path, _settings(None, carry_over=False), today) == []
    assert passes_problems(tmp_path, _settings(None), today) == [
        "data/ui/ro.yaml: field passes: missing; record the date of both passes of each translated file "
        "(e.g. index.md: {first: 2026-12-06, second: 2026-12-06}), see TRANSLATING.md"]
    bad = {**full, "help/index.md": {"first": date(2026, 12, 5)},
           "data/i18n/ro/services.yaml": _both("2026-12-06", "2026-12-01"),
           "data/ui/ro.yaml": _both("2026-12-05", "2026-12-07")}
    del bad["index.md"]
    assert passes_problems(tmp_path, _settings(bad), today) == [
        "data/ui/ro.yaml: field passes.index.md: missing; write {first: <date>, second: <date>}",
        "data/ui/ro.yaml: field passes.help/index.md: second None is not a date; write it as 2026-12-06",
        "data/ui/ro.yaml: field passes.data/ui/ro.yaml: second 2026-12-07 is after today; write the day the pass was done",
        "data/ui/ro.yaml: field passes.data/i18n/ro/services.yaml: the second pass (2026-12-01) is before the first (2026-12-06)",
    ]
