"""Helpers shared by the tests: building the site, serving it with its security headers,
finding a system Chromium, and auditing a page in the browser."""

from __future__ import annotations

import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from realharm.browser import CHROMIUM_ARGS, find_chromium  # noqa: F401 (used by the tests)
from realharm.headers import read_headers_file
from realharm.pages import markdown_files

ROOT = Path(__file__).resolve().parents[1]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(dest: Path, *, site_url: str, root: Path = ROOT, extra_env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """mkdocs build --strict into dest; returns (seconds, process)."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(root / "mkdocs.yml"), "-d", str(dest)],
                          cwd=root, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, proc


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self):
        # LinkChecker slows to ~3 requests a second unless the server answers with this header.
        self.send_header("LinkChecker", "allowed")
        for key, value in self.extra_headers.items():
            self.send_header(key, value)
        super().end_headers()

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing path gets the site's own "not found" page with status 404, as static hosts
        serve it: the one of the path's language folder (it/404.html) if there is one, else the
        root 404.html."""
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        folders = [root / first] if first.isalpha() else []  # a language folder, such as "it"
        page = next((f / "404.html" for f in folders + [root] if (f / "404.html").is_file()), None)
        if code != 404 or page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(directory: Path, port: int, headers: dict[str, str] | None = None):
    """Serve a folder on 127.0.0.1:port in a thread, with the given headers; returns the server."""
    handler = type("Handler", (_Handler,), {"extra_headers": headers or {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(directory)))
    server.handle_error = lambda request, address: None  # a browser closing a connection early is normal
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def site_headers(site: Path) -> dict[str, str]:
    return read_headers_file(site / "_headers")


def page_urls(docs: Path, languages: list[str]) -> list[tuple[str, str, str]]:
    """(language, source path, site path) for every page, e.g. ('it', 'help/index.md', 'it/help/')."""
    out = []
    for lang in languages:
        for path in markdown_files(docs / lang):
            rel = path.relative_to(docs / lang).as_posix()
            url = rel[:-len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
            prefix = "" if lang == languages[0] else f"{lang}/"
            out.append((lang, rel, prefix + url))
    return out


def is_local(url: str, host: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname == host


class PageAudit:
    """Attach to a Playwright page before navigating; collects what the checks look for."""

    INIT = """
      window.__rhCsp = [];
      document.addEventListener('securitypolicyviolation', e =>
        window.__rhCsp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
    """

    def __init__(self, context, page, host: str = "127.0.0.1"):
        self.context, self.page, self.host = context, page, host
        self.foreign: list[str] = []
        self.console: list[str] = []
        context.add_init_script(self.INIT)
        context.route("**/*", self._route)
        page.on("console", lambda msg: msg.type == "error" and self.console.append(msg.text))
        page.on("pageerror", lambda exc: self.console.append(f"uncaught: {exc}"))

    def _route(self, route):
        url = route.request.url
        if is_local(url, self.host):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def problems(self, *, axe_tags=AXE_TAGS) -> list[str]:
        from axe_playwright_python.sync_playwright import Axe

        found = [f"request to another host: {u}" for u in self.foreign]
        found += [f"console error: {m}" for m in self.console]
        found += [f"CSP violation: {v}" for v in self.page.evaluate("window.__rhCsp || []")]
        found += [f"cookie set: {c['name']}" for c in self.context.cookies()]
        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": axe_tags},
                                                "resultTypes": ["violations"]})
        for violation in results.response.get("violations", []):
            targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:3]
            found.append(f"axe {violation['id']} ({violation.get('impact')}): {violation['help']} at {targets}")
        return found


def copy_repository(dest: Path) -> Path:
    """A whole copy of the repository, without what make install, builds and git leave behind."""
    import shutil

    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".venv", "site", "build", "reports", ".git", "__pycache__", ".pytest_cache", "node_modules"))
    return dest


def copy_project(tmp_path: Path) -> Path:
    """A copy of what the build and the checks read (configuration, pages, data, theme overrides,
    code, style guides)."""
    import shutil

    root = tmp_path / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "data", "overrides", "src", "style"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    return root


INJECTION = 'Help <script>window.XSS=1</script><img src=x onerror="window.XSS=2"> [open](javascript:window.XSS=3) end'
DESCRIPTION_INJECTION = '"><script>window.XSS=5</script><img src=x onerror="window.XSS=6"> [x](javascript:window.XSS=7)'


def build_injected_site(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """The English site built from a copy of the project with a script, an onerror= attribute
    and a javascript: link in a service text, a law summary, a glossary definition and a page's
    title and description."""
    import yaml

    root = copy_project(tmp_path)

    def edit(rel: str, change) -> None:
        path = root / rel
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(doc)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def service(doc):
        doc["services"][0]["does"]["en"] += " " + INJECTION

    def law(doc):
        doc["provisions"][0]["summary"]["en"] += " " + INJECTION

    def term(doc):
        doc["terms"][0]["definition"]["en"] += " " + INJECTION

    edit("data/services/it.yaml", service)
    edit("data/laws/fr.yaml", law)
    edit("data/glossary.yaml", term)
    page = root / "docs" / "en" / "help" / "safer-browsing.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^description: .*$", lambda m: "description: " + yaml.safe_dump(DESCRIPTION_INJECTION).strip()
                  .removesuffix("...").strip(), text, count=1, flags=re.M)
    text = re.sub(r"^title: (.*)$", lambda m: "title: " + yaml.safe_dump(
        yaml.safe_load(m.group(1)) + " <script>window.XSS=8</script>").strip().removesuffix("...").strip(),
        text, count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")
    dest = tmp_path / "site"
    _seconds, proc = build(dest, site_url="http://127.0.0.1:8000/", root=root,
                           extra_env={"BUILD_ONLY_LOCALE": "en", "PYTHONPATH": str(root / "src")})
    return dest, proc


def rtl_project(tmp_path: Path) -> Path:
    """A copy of the project with Arabic started (`new-language ar`: direction rtl, not published)
    and one page written in Arabic, docs/ar/index.md (tests/fixtures/rtl/index.md); every other
    Arabic page is the English one, marked."""
    import shutil

    root = copy_project(tmp_path)
    # the project's own Arabic set aside: this copy starts Arabic afresh, as a new translator would
    (root / "data" / "ui" / "ar.yaml").unlink(missing_ok=True)
    (root / "style" / "ar.md").unlink(missing_ok=True)
    for folder in (root / "docs" / "ar", root / "data" / "i18n" / "ar"):
        shutil.rmtree(folder, ignore_errors=True)
    made = subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "new-language", "ar"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root / "src")})
    assert made.returncode == 0, made.stdout + made.stderr
    (root / "docs" / "ar").mkdir()
    shutil.copy2(ROOT / "tests" / "fixtures" / "rtl" / "index.md", root / "docs" / "ar" / "index.md")
    return root


# Dutch interface texts of the fallback fixture (support.nl_project): enough to tell the
# language's own texts from the English ones on a page not yet translated
NL_TEXTS = {
    "translations": {"fallback_title": "Nog niet vertaald",
                     "fallback": "Deze pagina is nog niet in het {language}: je leest de Engelse versie.",
                     "fallback_english": "Lees deze pagina op de Engelse site",
                     "fallback_help": "Help met vertalen"},
    "interface": {"get_help": "Hulp zoeken", "quick_exit": "Snel weg",
                  "quick_exit_hint": "Verlaat deze site nu (druk twee keer op Esc)",
                  "not_found_title": "Pagina niet gevonden",
                  "not_found_text": "Op dit adres staat geen pagina. Zoek op deze site met het zoekvak bovenaan.",  # codespell:ignore adres
                  "not_found_home": "Startpagina"},
    "admonitions": {"contentnote": "Let op, gevoelige inhoud", "keypoints": "Kernpunten",
                    "gethelp": "Waar je hulp vindt", "objectives": "Leerdoelen",
                    "note": "Opmerking", "warning": "Waarschuwing"},
    "nav": {"Get help": "Hulp zoeken", "Help finder": "Hulpwijzer"},
}
NL_HOME = ("# Real Harm: misbruik met deepfakes, uitgelegd { #home }\n\n"
           "Deepfakes zijn beelden, video's of stemmen die met kunstmatige intelligentie (AI) zijn gemaakt of\n"
           "veranderd, zodat ze echt lijken. Real Harm legt uit welke schade ze doen, wat de wet zegt en waar je\n"  # codespell:ignore doen
           "hulp vindt: gratis, in je eigen taal, zonder account.\n")


def nl_project(tmp_path: Path) -> Path:
    """A copy of the project with Dutch started (`new-language nl`: left to right, not published),
    a few of its interface texts, box titles and menu names in Dutch (NL_TEXTS), and one page
    translated, docs/nl/index.md (its heading and first paragraph in Dutch); every other Dutch
    page is the English one, marked."""
    import yaml

    root = copy_project(tmp_path)
    made = subprocess.run([sys.executable, "-m", "realharm", "--root", str(root), "new-language", "nl"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root / "src")})
    assert made.returncode == 0, made.stdout + made.stderr
    path = root / "data" / "ui" / "nl.yaml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, texts in NL_TEXTS.items():
        settings[key] = {**(settings.get(key) or {}), **texts}
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    english = (root / "docs" / "en" / "index.md").read_text(encoding="utf-8")
    home = re.sub(r"^# .*?\n\n.*?\n\n", lambda m: NL_HOME + "\n", english, count=1, flags=re.M | re.S)
    assert home != english
    (root / "docs" / "nl").mkdir()
    (root / "docs" / "nl" / "index.md").write_text(home, encoding="utf-8")
    return root


PHONE_AND_DESKTOP = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


def served(site: Path):
    """For a module fixture: serve a built site with its own headers, yield its address, stop."""
    server = serve(site, free_port(), site_headers(site))
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def screenshot(page, folder: Path, name: str) -> None:
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def neutral_site(context) -> None:
    """Every https request of the context answers with a plain page: the quick exit's target,
    without the network."""
    context.route("https://**/*", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Neutral</title><p>Weather</p>"))


def tap_centre(page, selector: str) -> None:
    """A finger on the middle of the element, hitting whatever is drawn on top there."""
    box = page.locator(selector).first.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def leave_by_quick_exit(page, how: str) -> None:
    """Use the quick exit by a tap on it or by pressing Escape twice, and wait for its target."""
    neutral = page.get_attribute("[data-rh-exit]", "href")
    if how == "tap":
        tap_centre(page, "[data-rh-exit]")
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url(neutral.rstrip("/") + "**", timeout=3000)

