"""Spelling of English content and code comments with codespell and the project word list."""

import subprocess
import sys

from support import ROOT

TARGETS = ["docs/en", "src", "tests", "overrides", "docs/assets/js", "docs/assets/css",
           "README.md", "CONTRIBUTING.md", "TRANSLATING.md", "data/ui/en.yaml"]


def codespell(*paths, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "codespell_lib", "--config", str(ROOT / ".codespellrc"), *paths],
                          cwd=cwd, capture_output=True, text=True)


def test_english_content_and_code_are_spelled_right():
    proc = codespell(*TARGETS)
    assert proc.returncode == 0, proc.stdout


def test_codespell_rejects_a_misspelling(tmp_path):
    bad = tmp_path / "page.md"
    wrong = "rec" + "ieve"  # spelled in two halves so that this file itself passes the check
    bad.write_text(f"You will {wrong} a reply from the helpline.\n", encoding="utf-8")
    proc = codespell(str(bad))
    assert proc.returncode != 0 and f"{wrong} ==> receive" in proc.stdout
