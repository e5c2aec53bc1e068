"""`make bench`: build times, the search index of each language (bytes and gzipped), page weight
on first and repeat visit (gzip, as a static host serves it), and Lighthouse mobile scores where
Lighthouse can be installed from npm.

It also builds, side by side, today's languages and the same project with the eight languages
of the Get help issue started (ten in all): DESIGN.md's budget is at most 3x the time.

Budgets (DESIGN.md, issue "Keeping it true"): a lesson page (lesson plan or learner page)
transfers at most 90 KB gzipped on a first visit and 15 KB on a repeat visit; Lighthouse 100 in
all four categories; the full build of every language in under 15 s. The benchmark prints
figures; tests check behaviour, not speed.

Page weight counts every request the page makes while it loads, as Chromium's Resource Timing
records it (bytes on the wire: headers and gzipped body), including the requests of any worker
the page starts and what those workers fetch: the page's own network log leaves a worker's
script body and fetches out.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .project import Project
from .browser import CHROMIUM_ARGS, find_chromium

PAGES = {  # template -> page path (without language prefix)
    "home": "",
    "learner page": "learn/m1-synthetic-media/",
    "lesson plan": "teach/lessons/m1-synthetic-media-11-13/",
    "law (one country)": "law/it/",
    "law comparison": "law/compare/",
    "get help": "help/",
    "help finder": "help/finder/",
    "help directory": "help/directory/it/",
    "glossary": "glossary/",
    "404": "404.html",
}
LESSON_TEMPLATES = ("lesson plan", "learner page")  # "a lesson page" of the budget
HELP_TEMPLATES = ("get help", "help finder")  # measured in every language; the rest in English and Italian
BUDGET_FIRST_KB = 90
BUDGET_REPEAT_KB = 15
BUDGET_BUILD_S = 15
LIGHTHOUSE = "13.5.0"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves like a typical static host: gzip for text, long cache for fingerprinted theme
    assets, revalidation (304) for everything else."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        stamp = email.utils.formatdate(int(path.stat().st_mtime), usegmt=True)
        if self.headers.get("If-Modified-Since") == stamp:
            self.send_response(304)
            self.send_header("Last-Modified", stamp)
            self.end_headers()
            return None
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Last-Modified", stamp)
        name = path.name
        fingerprinted = "/assets/javascripts/" in str(path) or "/assets/stylesheets/" in str(path)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if fingerprinted else "no-cache")
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body, name)


class _Body:
    def __init__(self, data: bytes, name: str):
        self.data, self.name = data, name

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(site)))
    server.handle_error = lambda request, address: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def timed_build(project: Project, dest: Path, only: str | None = None, *, strict: bool = False) -> float:
    return cpu_timed_build(project, dest, only, strict=strict)[0]


def cpu_timed_build(project: Project, dest: Path, only: str | None = None, *, strict: bool = False) -> tuple[float, float]:
    """(seconds on the clock, seconds of processor time) of one build. On a machine shared with
    other work the clock time grows with the load; the processor time much less."""
    import resource

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project.root / "src")}
    if only:
        env["BUILD_ONLY_LOCALE"] = only
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *(["--strict"] if strict else []),
                    "-f", str(project.root / "mkdocs.yml"), "-d", str(dest)], cwd=project.root, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def targets(languages: list[str], site: Path) -> list[tuple[str, str, str]]:
    """(template, language, path) of every page measured: each template in each language, the
    404 page wherever the build made one."""
    out = []
    for lang in languages:
        prefix = "" if lang == languages[0] else f"{lang}/"
        for template, path in PAGES.items():
            if path.endswith(".html") and not (site / prefix / path).is_file():
                continue
            if lang not in FIRST_EDITION and template not in HELP_TEMPLATES:
                continue  # the Get help languages: their Get help pages
            out.append((template, lang, prefix + path))
    return out


ENTRIES_JS = """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .map(e => [e.name, e.transferSize])"""


def tally(entries: list[tuple[str, int]]) -> tuple[int, int]:
    """(requests, bytes) of Resource Timing entries; an entry served from the browser's cache
    without asking the server (transferSize 0) is not a request on the wire."""
    sent = [size for _name, size in entries if size > 0]
    return len(sent), sum(sent)


def page_entries(page) -> list[tuple[str, int]]:
    """Everything the page and its workers fetched, as the browser recorded it."""
    entries = [tuple(e) for e in page.evaluate(ENTRIES_JS)]
    for worker in page.workers:
        try:
            entries += [tuple(e) for e in worker.evaluate(ENTRIES_JS)]
        except Exception:  # a worker that ended in the meantime has nothing more to fetch
            pass
    return entries


def transfer(base: str, paths: list[str], settle_ms: int = 500) -> dict[str, tuple[int, int, int, int]]:
    """path -> (requests first, bytes first, requests repeat, bytes repeat), bytes on the wire."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        for path in paths:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(settle_ms)  # a worker's own fetches may start after the page is idle
            first = tally(page_entries(page))
            page.goto(base + path, wait_until="networkidle")  # repeat visit, same browser cache
            page.wait_for_timeout(settle_ms)
            repeat = tally(page_entries(page))
            results[path] = (*first, *repeat)
            context.close()
        browser.close()
    return results


CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(base: str, paths: list[str], work: Path, runs: int = 5) -> dict[str, dict] | str:
    """Lighthouse mobile scores and FCP/LCP/TBT per path, or the reason it could not run.

    Scores of one page vary from run to run on the same machine, mostly in Total Blocking Time;
    Lighthouse's documentation advises running it several times and taking the median. Each
    figure here is the median of `runs` runs, and `performance_range` shows the spread."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if not (node and npm):
        return "node/npm not found"
    cli = work / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        work.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(work), f"lighthouse@{LIGHTHOUSE}"],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not cli.is_file():
            return "lighthouse could not be installed from npm: " + proc.stderr[-300:]
    out = {}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    for path in paths:
        reports, errors = [], []
        for _ in range(runs):
            report = work / "report.json"
            proc = subprocess.run([node, str(cli), base + path, "--quiet", "--output=json", f"--output-path={report}",
                                   f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)],
                                  env={**os.environ, "CHROME_PATH": find_chromium()}, capture_output=True, text=True)
            if proc.returncode != 0 or not report.is_file():
                errors.append(proc.stderr[-300:])
                continue
            reports.append(json.loads(report.read_text(encoding="utf-8")))
            report.unlink()
        if not reports:
            out[path] = {"error": errors[-1]}
            continue
        out[path] = summarise(reports)
    return out


def summarise(reports: list[dict]) -> dict:
    """Median of each category score and metric over Lighthouse reports of one page."""
    median = statistics.median_low
    scores = {cat: [round(r["categories"][cat]["score"] * 100) for r in reports] for cat in CATEGORIES}
    metric = {key: median(r["audits"][audit]["numericValue"] for r in reports)
              for key, audit in (("fcp", "first-contentful-paint"), ("lcp", "largest-contentful-paint"),
                                 ("tbt", "total-blocking-time"))}
    failing = sorted({a["id"] for r in reports for a in r["audits"].values()
                      if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"})
    return {**{cat: median(values) for cat, values in scores.items()},
            "performance_range": (min(scores["performance"]), max(scores["performance"])),
            "runs": len(reports),
            "fcp": f"{metric['fcp'] / 1000:.1f} s", "lcp": f"{metric['lcp'] / 1000:.1f} s",
            "tbt": f"{metric['tbt']:.0f} ms", "failing": failing[:8]}


def weight_verdict(template: str, weight: tuple[int, int, int, int]) -> str:
    """'met' or 'MISSED' for a lesson page against the weight budgets; '–' for other pages."""
    if template not in LESSON_TEMPLATES:
        return "–"
    _n1, first, _n2, repeat = weight
    return "met" if first / 1024 <= BUDGET_FIRST_KB and repeat / 1024 <= BUDGET_REPEAT_KB else "MISSED"


def budget_misses(template: str, path: str, weight: tuple[int, int, int, int], lh: dict) -> list[str]:
    """What one page misses of the budgets: weight (lesson pages) and Lighthouse 100 x 4."""
    _n1, first, _n2, repeat = weight
    missed = []
    if weight_verdict(template, weight) == "MISSED":
        missed.append(f"{path}: {first / 1024:.1f} KB first / {repeat / 1024:.1f} KB repeat")
    if lh.get("error"):
        missed.append(f"{path or '/'}: Lighthouse failed: {lh['error']}")
    elif lh and any(lh.get(k) != 100 for k in CATEGORIES):
        cats = "/".join(str(lh.get(k)) for k in CATEGORIES)
        failing = ", ".join(lh.get("failing", [])) or "none: performance is timing, not a failed check"
        missed.append(f"{path or '/'}: Lighthouse {cats} (failing audits: {failing})")
    return missed


def search_index_sizes(site: Path, languages: list[str]) -> dict[str, tuple[int, int]]:
    """Each language's search index (the default language's at the root): (bytes, bytes gzipped).
    A reader's first search downloads it; a language with no index is left out."""
    from realharm.search import index_path

    sizes = {}
    for lang in languages:
        path = index_path(site, lang, languages)
        if path.is_file():
            data = path.read_bytes()
            sizes[lang] = (len(data), len(gzip.compress(data, mtime=0)))
    return sizes


# The languages of the Get help issue, started with `new-language` in a copy of the project, each
# with its minimum set of pages present (a copy of the English page with one line changed)
MORE_LANGUAGES = ("ro", "ar", "sq", "uk", "zh", "es", "fr", "de")
BUDGET_LANGUAGES_RATIO = 3.0
BUILD_INPUTS = ("mkdocs.yml", "docs", "data", "overrides", "src", "style")


FIRST_EDITION = ("en", "it")


def project_copy(root: Path, dest: Path, languages: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> Project:
    """A copy of what the build reads; with ``languages`` started in it (their settings files from
    `new-language`, and their minimum set of pages: the English page with its first heading
    changed) when the project does not have them yet; with ``only``, the other languages removed
    (their settings, pages, data texts and style guides)."""
    import re

    from . import languages as language_settings

    dest.mkdir(parents=True)
    for name in BUILD_INPUTS:
        src = root / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    copy = Project(dest)
    for code in copy.languages() if only else ():
        if code not in only:
            (dest / "data" / "ui" / f"{code}.yaml").unlink()
            (dest / "style" / f"{code}.md").unlink(missing_ok=True)
            for folder in (dest / "docs" / code, dest / "data" / "i18n" / code):
                shutil.rmtree(folder, ignore_errors=True)
    default = copy.default_language()
    for code in languages:
        if code not in copy.languages():
            language_settings.scaffold(dest, code, default)
        for rel in copy.settings()[code]["language"]["minimum_set"]:
            english = (dest / "docs" / default / rel).read_text(encoding="utf-8")
            target = dest / "docs" / code / rel
            if target.is_file():
                continue  # translated already
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(re.sub(r"^(#{1,6} )", rf"\g<1>({code}) ", english, count=1, flags=re.M), encoding="utf-8")
    return copy


def language_scaling(root: Path, runs: int = 3) -> dict:
    """Side by side, in copies of the project made the same way: the strict build of the first
    edition's two languages (the others removed), and of the project with the ten languages
    (MORE_LANGUAGES started in it where the project lacks them); the median of `runs` builds of
    each, alternating. Returns the median clock and processor seconds of each ("today", "ten",
    each a (clock, processor) pair) and the search index sizes with ten ("sizes")."""
    with tempfile.TemporaryDirectory() as tmp:
        today = project_copy(root, Path(tmp) / "today", only=FIRST_EDITION)
        ten = project_copy(root, Path(tmp) / "ten", MORE_LANGUAGES)
        times: dict[str, list[tuple[float, float]]] = {"today": [], "ten": []}
        for n in range(runs):
            for name, copy in (("today", today), ("ten", ten)):
                times[name].append(cpu_timed_build(copy, Path(tmp) / f"site-{name}-{n}", strict=True))
        sizes = search_index_sizes(Path(tmp) / f"site-ten-{runs - 1}", ten.languages())
    out: dict = {"sizes": sizes}
    for name, pairs in times.items():
        out[name] = (statistics.median(w for w, _c in pairs), statistics.median(c for _w, c in pairs))
    return out


def print_language_scaling(root: Path, runs: int = 3) -> float:
    """The ten-language measure; returns the ratio of processor times (the budget's measure)."""
    found = language_scaling(root, runs)
    (today, today_cpu), (ten, ten_cpu), sizes = found["today"], found["ten"], found["sizes"]
    ratio = ten_cpu / today_cpu
    langs = FIRST_EDITION
    print(f"languages: strict build of {'+'.join(langs)} {today:.1f} s ({today_cpu:.1f} s processor); with "
          f"{len(sizes)} languages ({'+'.join(sizes)}) {ten:.1f} s ({ten_cpu:.1f} s processor): {ratio:.1f}x in "
          f"processor time, {ten / today:.1f}x on the clock (budget {BUDGET_LANGUAGES_RATIO:.0f}x: "
          f"{'met' if ratio <= BUDGET_LANGUAGES_RATIO else 'MISSED'}; median of {runs} builds each)")
    print("search index with ten languages: " + "; ".join(
        f"{lang} {raw / 1024:.0f} KB ({packed / 1024:.0f} KB gz)" for lang, (raw, packed) in sizes.items()))
    return ratio


BUDGET_PLAN_PDF_KB = 150
BUDGET_OFFLINE_MB = 25


def download_sizes(project_root: Path) -> list[str]:
    """Lines on what the last `make site` made: its time by stage, the median and largest PDF of
    one page (lesson plan or learner page) against the budget, the teacher packs' sizes (median
    plan pack, largest module pack) and the offline zip's size."""
    site = project_root / "site"
    pdfs = sorted(p for p in site.glob("pdf/*/m*.pdf") if not p.name.startswith("module-"))
    if not pdfs:
        return ["downloads: no site/pdf yet (run `make site` first)"]
    sizes = [p.stat().st_size / 1024 for p in pdfs]
    median = statistics.median(sizes)
    lines = [f"page PDFs: {len(pdfs)}, median {median:.0f} KB, largest {max(sizes):.0f} KB "
             f"({max(zip(sizes, pdfs))[1].relative_to(site)}); budget {BUDGET_PLAN_PDF_KB} KB median: "
             f"{'met' if median <= BUDGET_PLAN_PDF_KB else 'MISSED'}"]
    plan_packs = sorted(p for p in site.glob("downloads/*/m*-teacher-pack.zip") if not p.name.startswith("module-"))
    module_packs = sorted(site.glob("downloads/*/module-*-teacher-pack.zip"))
    if plan_packs and module_packs:
        kb = [p.stat().st_size / 1024 for p in plan_packs]
        largest = max(module_packs, key=lambda p: p.stat().st_size)
        lines.append(f"teacher packs: {len(plan_packs)} plan packs, median {statistics.median(kb):.0f} KB, "
                     f"largest {max(kb):.0f} KB; {len(module_packs)} module packs, largest "
                     f"{largest.stat().st_size / 1e6:.1f} MB ({largest.relative_to(site)})")
    offline = site / "downloads" / "realharm-offline.zip"
    if offline.is_file():
        mb = offline.stat().st_size / 1e6
        lines.append(f"offline zip: {mb:.1f} MB (budget {BUDGET_OFFLINE_MB} MB: "
                     f"{'met' if mb <= BUDGET_OFFLINE_MB else 'MISSED'})")
    lines.append(office_conversion(site))
    times = project_root / "build" / "site-times.json"
    if times.is_file():
        stages = json.loads(times.read_text(encoding="utf-8"))
        lines.append("make site: " + "; ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    return lines


def office_conversion(site: Path) -> str:
    """Whether LibreOffice, headless, converts every editable file of the teacher packs (DOCX, ODT,
    PPTX) to PDF: the files open in the office suite teachers use, not only in the Python readers
    the tests use. LibreOffice is large, so it is not installed for the tests; when this machine
    lacks it, the line says so."""
    import shutil
    import subprocess
    import tempfile

    from pypdf import PdfReader

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    files = sorted(p for ext in ("docx", "odt", "pptx") for p in (site / "downloads").glob(f"*/*.{ext}"))
    if not files:
        return "office files: none in site/downloads (run `make site` first)"
    if not soffice:
        return f"office files: {len(files)}; LibreOffice is not installed here, conversion not measured"
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder, ext in sorted({(p.parent, p.suffix) for p in files}):
            group = [p for p in files if p.parent == folder and p.suffix == ext]
            out = Path(tmp) / folder.name / ext[1:]   # a plan's .docx and .odt share a name
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "pdf", "--outdir", str(out), *map(str, group)],
                           capture_output=True, timeout=1800, check=False)
            for p in group:
                pdf = out / (p.stem + ".pdf")
                try:
                    ok = pdf.is_file() and len(PdfReader(pdf).pages) > 0
                except Exception:  # noqa: BLE001 - any unreadable result is a failed conversion
                    ok = False
                if not ok:
                    failed.append(p.relative_to(site).as_posix())
    return (f"office files converted to PDF by LibreOffice headless: {len(files) - len(failed)} of {len(files)}"
            + (f" (failed: {', '.join(failed[:5])})" if failed else ""))


def main(root: Path | None = None, *, with_lighthouse: bool = True, runs: int = 5, languages_only: bool = False,
         build_runs: int = 3) -> int:
    project = Project(root or Path.cwd())
    print("\n".join(download_sizes(project.root)))
    print_language_scaling(project.root, build_runs)
    if languages_only:
        return 0
    languages = project.languages()
    work = project.root / "build" / "bench"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        full = timed_build(project, site)
        single = {lang: timed_build(project, Path(tmp) / f"only-{lang}", only=lang) for lang in languages}
        print(f"build: all languages {full:.1f} s (budget {BUDGET_BUILD_S} s: {'met' if full < BUDGET_BUILD_S else 'MISSED'})"
              + "".join(f"; only {lang} {sec:.1f} s" for lang, sec in single.items()))
        print("search index: " + "; ".join(f"{lang} {raw / 1024:.0f} KB ({packed / 1024:.0f} KB gz)"
                                           for lang, (raw, packed) in search_index_sizes(site, languages).items()))
        server, base = serve(site)
        try:
            measured = targets(languages, site)
            paths = [path for _t, _l, path in measured]
            weights = transfer(base, paths)
            scores = lighthouse(base, paths, work, runs) if with_lighthouse else "skipped"
        finally:
            server.shutdown()
    print(f"\nPage weight: every request of a first visit (the page, its files, its workers and what they "
          f"fetch), then of a repeat visit; budget for a lesson page: {BUDGET_FIRST_KB} KB first, "
          f"{BUDGET_REPEAT_KB} KB repeat")
    if isinstance(scores, dict):
        print(f"Lighthouse {LIGHTHOUSE}, mobile: median of {runs} runs per page (P range: lowest-highest performance)")
    print("\n| page | lang | requests (first) | KB gz first | requests (repeat) | KB repeat | weight budget "
          "| Lighthouse P/A/BP/SEO | P range | FCP | LCP | TBT |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    missed = []
    for template, lang, path in measured:
        n1, b1, n2, b2 = weights[path]
        lh = scores.get(path, {}) if isinstance(scores, dict) else {}
        cats = "/".join(str(lh.get(k, "–")) for k in CATEGORIES)
        spread = "–".join(str(v) for v in lh["performance_range"]) if "performance_range" in lh else "–"
        print(f"| {template} | {lang} | {n1} | {b1 / 1024:.1f} | {n2} | {b2 / 1024:.1f} | "
              f"{weight_verdict(template, weights[path])} | {cats} | {spread} | "
              f"{lh.get('fcp', '–')} | {lh.get('lcp', '–')} | {lh.get('tbt', '–')} |")
        missed += budget_misses(template, path, weights[path], lh)
    if isinstance(scores, str):
        print(f"\nLighthouse: {scores}")
    print("\nbudgets: " + ("all met" if not missed else "MISSED\n  " + "\n  ".join(missed)))
    return 0
