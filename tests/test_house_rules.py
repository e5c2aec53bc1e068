"""The house rules ship with the project: a fork can read every document its guides point to."""

from __future__ import annotations

import re
from pathlib import Path

from support import ROOT

GUIDES = ["README.md", "CONTRIBUTING.md", "TRANSLATING.md", "DESIGN.md", "CONTENT-GUIDE.md"]
LINK = re.compile(r"\]\((?!https?://|mailto:|#)([^)#\s]+)")
OUTSIDE = re.compile(r"(?<![\w/])(?:\.\./)*shared/[\w.-]+|steering repository")


def broken_references(root: Path, names: list[str]) -> list[str]:
    """Relative links that do not resolve inside the repository, and pointers to files outside it."""
    problems = []
    for name in names:
        path = root / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        text = path.read_text(encoding="utf-8")
        for target in LINK.findall(text):
            resolved = (path.parent / target).resolve()
            if not resolved.exists() or root.resolve() not in resolved.parents:
                problems.append(f"{name}: link to {target} does not resolve inside the repository")
        for match in OUTSIDE.finditer(text):
            problems.append(f"{name}: points outside the repository: {match.group(0)}")
    return problems


def test_house_rules_ship_with_the_project():
    assert broken_references(ROOT, GUIDES) == []


def test_a_pointer_outside_the_repository_is_found(tmp_path):
    (tmp_path / "CONTRIBUTING.md").write_text(
        "Read `shared/DESIGN.md` of the steering repository and [the guide](GUIDE.md).\n", encoding="utf-8")
    problems = broken_references(tmp_path, ["CONTRIBUTING.md", "DESIGN.md"])
    assert "DESIGN.md: missing" in problems
    assert any("GUIDE.md does not resolve" in p for p in problems)
    assert sum("points outside" in p for p in problems) == 2
