"""The benchmark's arithmetic and verdicts (the benchmark itself runs in `make bench`, not here)."""

from __future__ import annotations

import pytest

from realharm import bench


def report(perf: float, tbt: float, *, a11y: float = 1, failing: tuple[str, ...] = ()) -> dict:
    audits = {"first-contentful-paint": {"numericValue": 1200}, "largest-contentful-paint": {"numericValue": 1600},
              "total-blocking-time": {"numericValue": tbt}}
    audits.update({name: {"id": name, "score": 0, "scoreDisplayMode": "binary"} for name in failing})
    cats = {"performance": perf, "accessibility": a11y, "best-practices": 1, "seo": 1}
    return {"categories": {k: {"score": v} for k, v in cats.items()}, "audits": audits}


def test_summary_is_the_median_of_the_runs_with_the_spread():
    summary = bench.summarise([report(0.97, 180), report(1, 20), report(0.995, 40)])
    assert summary["performance"] == 100 and summary["performance_range"] == (97, 100)
    assert summary["tbt"] == "40 ms" and summary["runs"] == 3 and summary["failing"] == []


def test_budgets_met_and_missed():
    light = (11, 80 * 1024, 2, 1024)
    good = bench.summarise([report(1, 10)] * 3)
    assert bench.budget_misses("lesson plan", "teach/x/", light, good) == []
    # a heavy lesson page, a slow page and an inaccessible page are each reported
    heavy = bench.budget_misses("lesson plan", "teach/x/", (11, 95 * 1024, 2, 1024), good)
    assert heavy == ["teach/x/: 95.0 KB first / 1.0 KB repeat"]
    slow = bench.budget_misses("home", "", light, bench.summarise([report(0.96, 300)] * 3))
    assert slow and "Lighthouse 96/100/100/100" in slow[0] and "timing" in slow[0]
    broken = bench.budget_misses("home", "", light, bench.summarise([report(1, 0, a11y=0.9, failing=("image-alt",))]))
    assert broken and "image-alt" in broken[0]
    assert bench.budget_misses("home", "", light, {"error": "no Chrome"}) == ["/: Lighthouse failed: no Chrome"]


def test_weight_verdict_applies_to_lesson_pages():
    assert bench.weight_verdict("learner page", (8, 91 * 1024, 5, 1024)) == "MISSED"
    assert bench.weight_verdict("lesson plan", (8, 89 * 1024, 5, 1024)) == "met"
    assert bench.weight_verdict("lesson plan", (8, 89 * 1024, 5, 16 * 1024)) == "MISSED"
    assert bench.weight_verdict("home", (8, 200 * 1024, 5, 1024)) == "–"


def test_entries_served_from_cache_are_not_requests():
    assert bench.tally([("a.html", 16000), ("b.css", 0), ("c.js", 300)]) == (2, 16300)


def test_every_template_in_every_language_and_the_404_where_it_was_built(tmp_path):
    (tmp_path / "404.html").write_text("not found", encoding="utf-8")
    measured = bench.targets(["en", "it"], tmp_path)
    assert ("404", "en", "404.html") in measured and not any(t == "404" and lang == "it" for t, lang, _p in measured)
    assert ("lesson plan", "it", "it/teach/lessons/m1-synthetic-media-11-13/") in measured
    assert len(measured) == 2 * len(bench.PAGES) - 1


@pytest.mark.browser
def test_page_weight_counts_the_workers_script_and_what_it_fetches(tmp_path):
    """A real Chromium load: the worker's script and the file it fetches are counted."""
    (tmp_path / "index.html").write_text('<!doctype html><html lang="en"><title>t</title><link rel="icon" href="data:,"><p>Page.</p>'
                                         '<script>new Worker("worker.js")</script></html>', encoding="utf-8")
    (tmp_path / "worker.js").write_text('fetch("data.bin").then(r => r.arrayBuffer())', encoding="utf-8")
    (tmp_path / "data.bin").write_bytes(bytes(range(256)) * 120)  # 30 KB, not gzipped by the host
    server, base = bench.serve(tmp_path)
    try:
        n1, first, n2, repeat = bench.transfer(base, [""], settle_ms=300)[""]
    finally:
        server.shutdown()
    assert n1 == 3  # the page, the worker's script, the worker's fetch
    assert 30 * 1024 < first < 32 * 1024
    assert n2 >= 1 and repeat < first


def test_search_index_size_per_language_in_bytes_and_gzipped(tmp_path):
    import gzip

    english, italian = b'{"docs":[' + b'{"t":"help"},' * 300 + b'{}]}', b'{"docs":[]}'
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_bytes(english)
    (tmp_path / "it" / "search").mkdir(parents=True)
    (tmp_path / "it" / "search" / "search_index.json").write_bytes(italian)
    sizes = bench.search_index_sizes(tmp_path, ["en", "it", "nl"])
    assert sizes == {"en": (len(english), len(gzip.compress(english, mtime=0))),
                     "it": (len(italian), len(gzip.compress(italian, mtime=0)))}
    assert sizes["en"][1] < sizes["en"][0] / 10  # repetitive text packs well


def test_the_ten_language_copy_has_each_language_with_its_minimum_set(tmp_path):
    from realharm import translations
    from support import ROOT

    copy = bench.project_copy(ROOT, tmp_path / "ten", ("ro", "ar"), only=("en", "it", "ro", "ar"))
    assert copy.languages() == ["en", "ar", "it", "ro"]
    assert not (copy.docs / "de").exists() and not (copy.root / "data" / "i18n" / "de").exists()
    settings = copy.settings()
    assert settings["ar"]["language"]["direction"] == "rtl"
    for code in ("ro", "ar"):
        assert all(translations.is_translated(copy.docs, code, rel, "en") for rel in settings[code]["language"]["minimum_set"])
    assert not translations.is_translated(copy.docs, "ro", "learn/index.md", "en")
    assert translations.minimum_set_problems(copy.root, settings) == []


def test_office_conversion_line_says_what_it_could_measure(tmp_path, monkeypatch):
    """Without LibreOffice the bench says the conversion was not measured (it never claims a
    pass); with no office files it says so; a file LibreOffice cannot turn into a PDF is named."""
    import shutil as _shutil

    from realharm import bench

    site = tmp_path / "site"
    assert "none in site/downloads" in bench.office_conversion(site)
    (site / "downloads" / "en").mkdir(parents=True)
    (site / "downloads" / "en" / "plan.docx").write_bytes(b"not a document")
    monkeypatch.setattr(_shutil, "which", lambda name: None)
    assert "not installed here, conversion not measured" in bench.office_conversion(site)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")   # an office suite that writes nothing
    fake.chmod(0o755)
    monkeypatch.setattr(_shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    line = bench.office_conversion(site)
    assert "0 of 1" in line and "downloads/en/plan.docx" in line
