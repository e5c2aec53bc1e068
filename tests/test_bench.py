"""The benchmark's arithmetic and verdicts (the benchmark itself runs in `make bench`, not here)."""

from __future__ import annotations

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
