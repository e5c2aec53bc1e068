"""`make site`: the static site, a PDF of every lesson plan and learner page plus a pack per
module and language, and an offline copy (zip) that works when opened from disk."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

from . import pdf
from .browser import CHROMIUM_ARGS, find_chromium
from .curriculum import learner_modules
from .search import INDEX_JS
from .project import Project

ZIP_PATH = "downloads/realharm-offline.zip"


def mkdocs_build(project: Project, dest: Path, *, offline: bool = False) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if offline:
        env["REALHARM_OFFLINE"] = "1"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                    str(project.root / "mkdocs.yml"), "-d", str(dest)], cwd=project.root, env=env, check=True)
    return time.perf_counter() - start


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(directory)))
    server.handle_error = lambda request, address: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


def make_pdfs(project: Project, site_dir: Path, *, modules: set[int] | None = None, browser=None) -> list[Path]:
    """Print the PDFs with the given Playwright browser, or with a system Chromium started here."""
    languages = project.languages()
    targets = [t for t in pdf.page_targets(project.docs, languages) if modules is None or t.module in modules]
    server, base = serve(site_dir)
    try:
        if browser is not None:
            files = pdf.print_pages(base, site_dir, targets, browser=browser)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                own = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
                files = pdf.print_pages(base, site_dir, targets, browser=own)
                own.close()
    finally:
        server.shutdown()
    titles = {}
    for lang in languages:
        for e in learner_modules(project.docs, lang):
            if modules is None or e.module in modules:
                titles[(lang, e.module)] = f"Real Harm — {e.title}"
    return files + pdf.make_packs(site_dir, targets, titles)


def site_address(env=os.environ) -> str:
    """The published address (SITE_URL, with a final slash), or the default of mkdocs.yml."""
    url = env.get("SITE_URL", "").strip() or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


def make_teacher_packs(project: Project, site_dir: Path, *, modules: set[int] | None = None,
                       browser=None) -> list[Path]:
    """Quiz exports, student sheets, answer keys, office files and packs (teachpack.py), printed
    with the given Playwright browser or with a system Chromium started here."""
    from . import teachpack
    from .validate import today

    server, base = serve(site_dir)
    kwargs = dict(base_url=base, site_url=site_address(), date=today().isoformat(), modules=modules)
    try:
        if browser is not None:
            return teachpack.make(project, site_dir, browser=browser, **kwargs)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            own = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
            try:
                return teachpack.make(project, site_dir, browser=own, **kwargs)
            finally:
                own.close()
    finally:
        server.shutdown()


def _copy_zip_without(source: Path, target: Path, drop) -> None:
    """A copy of a zip without the entries ``drop(name)`` is true for (entries copied as stored)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED,
                                                         compresslevel=9) as out:
        for info in src.infolist():
            if not drop(info.filename):
                out.writestr(info, src.read(info.filename))


# a link inside the offline copy to another page of it: relative, to an .html file, maybe with #part
_PAGE_LINK = re.compile(r'(?P<attr>\bhref=")(?P<url>[^"#?:]+\.html)(?P<rest>[#?][^"]*)?"')


def prune_fallback_pages(offline: Path, docs: Path, languages: list[str]) -> dict[str, int]:
    """Leave out of the offline copy the pages a language shows in the default language (its
    fallback pages: the default language's text in the language's frame) and send every link to
    them to the default language's own page, which the copy holds. The reader gets the same English
    text, once instead of nine times: the copy stays under its size limit with ten languages.
    Each language's search index keeps only its own pages, and the .json index goes, since a page
    opened from disk reads the .js one. Returns the pages left out per language."""
    from .pages import markdown_files

    gone: set[Path] = set()
    counts: dict[str, int] = {}
    for lang in languages[1:]:
        root = offline / lang
        own = {p.relative_to(docs / lang).with_suffix(".html") for p in markdown_files(docs / lang)}
        left_out = set()
        for page in sorted(root.rglob("*.html")):
            rel = page.relative_to(root)
            if rel.parts[0] in ("assets", "search") or rel.name == "404.html" or rel in own:
                continue
            if (offline / rel).is_file():  # the default language's page is in the copy
                page.unlink()
                gone.add(page.resolve())
                left_out.add(rel.as_posix())
        counts[lang] = len(left_out)
        index = root / "search" / "search_index.js"
        if index.is_file() and left_out:
            data = _read_index(index)
            data["docs"] = [d for d in data["docs"]
                            if (d["location"].split("#", 1)[0] or "index.html") not in left_out]
            index.write_text(INDEX_JS + json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for index in offline.rglob("search_index.json"):
        if index.with_suffix(".js").is_file():
            index.unlink()
    for lang in languages[1:]:
        _keep_own_lunr(offline / lang)
    resolved_root = offline.resolve()
    for page in offline.rglob("*.html"):
        text = page.read_text(encoding="utf-8")

        def to_default(match: re.Match, page: Path = page) -> str:
            target = (page.parent / match["url"]).resolve()
            if target not in gone:
                return match[0]
            rel = target.relative_to(resolved_root)
            default_page = resolved_root.joinpath(*rel.parts[1:])
            return f'{match["attr"]}{os.path.relpath(default_page, page.parent.resolve())}{match["rest"] or ""}"'

        fixed = _PAGE_LINK.sub(to_default, text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    return counts


def _read_index(path: Path) -> dict:
    """The search index in a search_index.js of the offline copy (search.split_index writes it)."""
    return json.loads(path.read_text(encoding="utf-8")[len(INDEX_JS):])


def _keep_own_lunr(root: Path) -> None:
    """A language's copy of the search scripts keeps only those its search loads (the theme's
    search worker: the stemmer support, lunr.<lang> for each language of the index but English,
    lunr.multi for several, tinyseg for Japanese, wordcut for Hindi and Thai)."""
    lunr, index = root / "assets" / "javascripts" / "lunr", root / "search" / "search_index.js"
    if not (lunr.is_dir() and index.is_file()):
        return
    langs = _read_index(index)["config"]["lang"]
    keep = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
    keep |= {f"min/lunr.{code}.min.js" for code in langs if code != "en"}
    keep |= {"tinyseg.js"} if "ja" in langs else set()
    keep |= {"wordcut.js"} if {"hi", "th"} & set(langs) else set()
    for path in sorted(lunr.rglob("*.js")):
        if path.relative_to(lunr).as_posix() not in keep:
            path.unlink()


def make_offline_zip(project: Project, site_dir: Path, work: Path) -> Path:
    offline = work / "realharm"
    if offline.exists():
        shutil.rmtree(offline)
    mkdocs_build(project, offline, offline=True)
    prune_fallback_pages(offline, project.docs, project.languages())
    # each file once, to keep the zip small (it must stay under 25 MB): the PDF of every page (not
    # the module PDFs, which repeat them), the browser slides of every plan, and the pack of every
    # lesson plan without what the copy already holds loose beside it (the plan's PDF, its HTML
    # deck and the deck's assets); the module packs repeat the plans' files and stay on the
    # published site; the theme's source maps are for its developers, not for readers
    for page_pdf in sorted(site_dir.glob("pdf/*/m*.pdf")):
        if not page_pdf.name.startswith("module-"):
            target = offline / page_pdf.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page_pdf, target)
    # the decks, card packs and exit-ticket sheets loose too: each plan's page links them
    loose_files = [path for pattern in ("*/m*-slides.html", "*/m*-cards.pdf", "*/m*-exit-tickets.pdf")
                   for path in sorted((site_dir / "downloads").glob(pattern))]
    for deck in loose_files:
        target = offline / deck.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(deck, target)
    for pack in sorted((site_dir / "downloads").glob("*/m*-teacher-pack.zip")):
        if pack.name.startswith("module-"):
            continue
        target = offline / pack.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        stem = pack.name[:-len("-teacher-pack.zip")]
        loose = {f"{stem}.pdf", f"{stem}-slides.html", f"{stem}-cards.pdf", f"{stem}-exit-tickets.pdf"}
        _copy_zip_without(pack, target, lambda name: name in loose or name.startswith("slides-assets/"))
    for source_map in offline.rglob("*.map"):
        source_map.unlink()
    from .teachpack import is_school_document

    # the whole-school documents (letter to families, leadership brief, staff briefing) are not in
    # any pack: copied on their own
    for doc in sorted((site_dir / "downloads").glob("*/*")):
        if is_school_document(doc.name):
            target = offline / doc.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(doc, target)
    target = site_dir / ZIP_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(offline.rglob("*")):
            if path.is_file() and path.name not in ("_headers", "nginx-headers.conf"):
                zf.write(path, Path("realharm") / path.relative_to(offline))
    return target


def site_url_warning(env=os.environ) -> str | None:
    """A loud warning when SITE_URL is unset: the canonical and hreflang links and the sitemap
    would point to 127.0.0.1:8000 (the default in mkdocs.yml) instead of the published site."""
    if env.get("SITE_URL", "").strip():
        return None
    bar = "!" * 78
    return "\n".join([
        bar,
        "WARNING: SITE_URL is not set.",
        "  The canonical and hreflang links of every page and the sitemap will point to",
        "  http://127.0.0.1:8000/ instead of the address the site is published at.",
        "  Set it to the full public address, with a final slash, and build again:",
        "      SITE_URL=https://example.org/realharm/ make site",
        "  (README.md, section Deploy.)",
        bar,
    ])


def main(root: Path | None = None) -> int:
    project = Project(root or Path.cwd())
    site_dir = project.root / "site"
    warning = site_url_warning()
    if warning:
        print(warning, file=sys.stderr)
    times = {}
    seconds = times["build"] = mkdocs_build(project, site_dir)
    print(f"site: built in {seconds:.1f} s -> {site_dir}")
    start = time.perf_counter()
    files = make_pdfs(project, site_dir)
    times["pdf"] = time.perf_counter() - start
    size = sum(f.stat().st_size for f in files)
    print(f"pdf: {len(files)} files, {size / 1e6:.1f} MB in {times['pdf']:.1f} s")
    start = time.perf_counter()
    packs = make_teacher_packs(project, site_dir)
    times["teacher packs"] = time.perf_counter() - start
    print(f"teacher packs: {len(packs)} files, {sum(f.stat().st_size for f in packs) / 1e6:.1f} MB "
          f"in {times['teacher packs']:.1f} s")
    start = time.perf_counter()
    zip_path = make_offline_zip(project, site_dir, project.root / "build")
    times["offline copy"] = time.perf_counter() - start
    print(f"offline: {zip_path.relative_to(project.root)} {zip_path.stat().st_size / 1e6:.1f} MB")
    problems = []
    if packs:  # every file of every pack opened and checked (packcheck.py), and the offline zip
        from . import packcheck

        start = time.perf_counter()
        problems = packcheck.check_packs(site_dir, project)
        times["pack check"] = time.perf_counter() - start
        print("\n".join(problems + [f"pack check: {len(problems)} problem(s) in {times['pack check']:.1f} s"]))
    times["total"] = sum(times.values())
    (project.root / "build").mkdir(exist_ok=True)
    (project.root / "build" / "site-times.json").write_text(json.dumps(times, indent=1), encoding="utf-8")
    if warning:  # again at the end, where it is seen after the PDF lines
        print(warning, file=sys.stderr)
    return 1 if problems else 0
