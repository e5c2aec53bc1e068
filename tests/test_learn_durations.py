"""The learn index promises a time per module; it must cover every module's own duration."""
from __future__ import annotations

import re

import pytest
import yaml

from support import ROOT

RANGE = re.compile(r"(\d+)\s*[–-]\s*(\d+)\s*(?:minutes|minuti)")


def promised_range(index_text: str) -> tuple[int, int]:
    match = RANGE.search(index_text)
    assert match, "the learn index states no 'N–M minutes' range"
    return int(match.group(1)), int(match.group(2))


def module_durations(lang: str) -> dict[str, int]:
    durations = {}
    for page in sorted((ROOT / "docs" / lang / "learn").glob("m*.md")):
        front = page.read_text(encoding="utf-8").split("---")[1]
        durations[page.name] = int(yaml.safe_load(front)["duration_minutes"])
    return durations


def outside(lo: int, hi: int, durations: dict[str, int]) -> list[str]:
    return [f"{name}: {minutes} min" for name, minutes in durations.items() if not lo <= minutes <= hi]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_learn_index_time_covers_every_module(lang):
    lo, hi = promised_range((ROOT / "docs" / lang / "learn" / "index.md").read_text(encoding="utf-8"))
    durations = module_durations(lang)
    assert durations, f"no modules found for {lang}"
    assert not outside(lo, hi, durations), f"docs/{lang}/learn/index.md says {lo}–{hi} minutes"


def test_a_promise_that_misses_the_modules_is_caught():
    lo, hi = promised_range("Ogni modulo richiede circa 20–30 minuti.")
    assert outside(lo, hi, {"m1.md": 45, "m5.md": 50}) == ["m1.md: 45 min", "m5.md: 50 min"]
