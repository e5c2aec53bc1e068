"""HTML, scripts and links put into data or front matter never run: every text reaches the page
as text, a link from data is only ever http(s), mailto or tel, and the Content-Security-Policy
allows only the inline scripts and styles the project knows (src/realharm/inline_code.py).

Unit checks run the renderers directly; one real build of a copy of the project (English only)
with the same inputs shows the whole path, and tests/test_browser_injection.py loads its pages
in Chromium with the generated headers."""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from realharm import glossary, quiz, render
from realharm.data import load_dataset
from realharm.headers import UnknownInlineCode, _hash, inline_script_hashes, write_header_files
from realharm.inline_code import known_scripts
from realharm.pages import Page
from realharm.safe import UnsafeLink, href, md_text
from support import ROOT, build, copy_project

SCRIPT = "<script>window.XSS=1</script>"
IMG = '<img src=x onerror="window.XSS=2">'
JS_LINK = "[open](javascript:window.XSS=3)"
ATTRS = '*x*{: onclick="window.XSS=4"} [y]{ onmouseover=window.XSS=5 }'
PAYLOAD = f"Help {SCRIPT}{IMG} {JS_LINK} {ATTRS} end"
# what the reader must see: the payload as text
SHOWN = ("<script>window.XSS=1</script>", 'onerror="window.XSS=2"', "javascript:window.XSS=3")

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
SAFE_SCHEMES = ("http", "https", "mailto", "tel")


class _Scan(HTMLParser):
    def __init__(self, elements=("script", "img", "iframe", "object", "embed", "style")):
        super().__init__(convert_charrefs=True)
        self.elements = elements
        self.problems: list[str] = []
        self.text: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        if tag in self.elements:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute on <{tag}>")
            if name in ("href", "src", "action", "formaction") and value and ":" in value.split("/")[0]:
                if value.split(":", 1)[0].strip().lower() not in SAFE_SCHEMES:
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "XSS" in data:
            self.problems.append(f"script {data[:40]!r}")
        self.text.append(data)


def scan(fragment: str) -> tuple[list[str], str]:
    """(what could run, visible text) of an HTML fragment."""
    parser = _Scan()
    parser.feed(fragment)
    parser.close()
    return parser.problems, "".join(parser.text)


def to_html(md_source: str) -> str:
    return markdown.markdown(md_source, extensions=EXTENSIONS)


def assert_inert(fragment: str):
    problems, text = scan(fragment)
    assert problems == [], problems
    for shown in SHOWN:
        assert shown in text, f"{shown!r} is not shown as text"


@pytest.fixture(scope="module")
def dataset(project):
    return load_dataset(project.data, project.languages(), label_root=project.root)


# ── unit: every data text is escaped ────────────────────────────────────────
def test_md_text_keeps_plain_text_plain():
    out = to_html(md_text(PAYLOAD))
    assert_inert(out)
    assert scan(out)[1] == PAYLOAD.replace("*x*", "x")  # emphasis may stay: it carries no attribute


def test_service_texts_are_inert(dataset):
    service = copy.deepcopy(dataset.services["IT"]["services"][0])
    service["name"] = PAYLOAD
    for field in ("does", "for", "notes", "hours", "cost"):
        service[field] = {"en": PAYLOAD}
    out = to_html(render.service_block(service, "en"))
    assert_inert(out)
    assert scan(out)[1].count("window.XSS=1") == 6  # name, does, for, notes, hours, cost


def test_law_texts_are_inert(dataset):
    prov = copy.deepcopy(dataset.laws["FR"]["provisions"][0])
    for field in ("title", "summary", "prosecution", "max_penalty", "notes"):
        prov[field] = {"en": PAYLOAD}
    prov["official_name"] = PAYLOAD
    prov["citation"] = PAYLOAD
    assert_inert(to_html(render.provision_block(prov, dataset, "en")))
    doc = {"FR": {**dataset.laws["FR"], "provisions": [prov]}}
    table = render.render_laws_table(type(dataset)(**{**vars(dataset), "laws": doc}), lang="en")
    assert_inert(to_html(table))


def test_glossary_definition_and_term_are_inert():
    terms = [{"id": "x", "term": {"en": PAYLOAD}, "forms": {"en": ["x"]}, "short": {"en": "a short text"},
              "definition": {"en": PAYLOAD}}]
    assert_inert(to_html(glossary.render(terms, lang="en")))


def test_place_names_and_interface_strings_are_inert(dataset, monkeypatch):
    places = copy.deepcopy(dataset.places)
    places["IT"]["en"] = PAYLOAD
    changed = type(dataset)(**{**vars(dataset), "places": places})
    finder = render.render_finder(changed, lang="en")
    assert_inert(to_html(finder))

    real = render.strings

    def strings(lang):
        ui = copy.deepcopy(real(lang))
        ui["services"]["for"] = PAYLOAD
        ui["services"]["checked"] = PAYLOAD.replace("{", "{{").replace("}", "}}") + " {date}"
        return ui

    monkeypatch.setattr(render, "strings", strings)
    assert_inert(to_html(render.service_block(dataset.services["IT"]["services"][0], "en")))


def test_quiz_text_cannot_emit_html_or_script_links():
    source = yaml.safe_dump([{"question": PAYLOAD, "options": [
        {"text": "[a safe link](https://example.org/)", "correct": True, "feedback": PAYLOAD},
        {"text": JS_LINK, "feedback": "no"}]}])
    out = quiz.fence_format(source, "quiz", "quiz", {}, None)
    problems, text = scan(out)
    assert problems == [], problems
    assert SCRIPT in text
    assert 'href="https://example.org/"' in out


# ── unit: links from data ───────────────────────────────────────────────────
@pytest.mark.parametrize("url", ["javascript:window.XSS=1", " JavaScript:alert(1)", "data:text/html,<b>x</b>",
                                 "vbscript:x", "java\tscript:alert(1)", "//evil.example/x"])
def test_links_other_than_web_mail_phone_are_refused(url):
    with pytest.raises(UnsafeLink, match=r"^data/services/it.yaml: entry it-x: field url: .* \(a link must start"):
        href(url, "data/services/it.yaml: entry it-x: field url")


def test_web_links_cannot_break_out_of_the_link():
    assert href('https://example.org/a b"onmouseover="x') == "https://example.org/a%20b%22onmouseover=%22x"
    assert href("mailto:help@example.org") == "mailto:help@example.org"


def test_a_javascript_url_in_service_or_law_data_stops_with_the_entry_named(dataset):
    service = copy.deepcopy(dataset.services["IT"]["services"][0])
    service["source_url"] = "javascript:window.XSS=1"
    with pytest.raises(UnsafeLink, match=rf"data/services/it.yaml: entry {service['id']}: field source_url"):
        render.service_block(service, "en")
    service = copy.deepcopy(dataset.services["IT"]["services"][0])
    service["url"] = "javascript:window.XSS=1"
    with pytest.raises(UnsafeLink, match=rf"entry {service['id']}: field url"):
        render.service_block(service, "en")
    prov = copy.deepcopy(dataset.laws["FR"]["provisions"][0])
    prov["source_url"] = "javascript:window.XSS=1"
    with pytest.raises(UnsafeLink, match=rf"data/laws/fr.yaml: entry {prov['id']}: field source_url"):
        render.provision_block(prov, dataset, "en")


# ── unit: the CSP hashes only known inline code ─────────────────────────────
def _site(tmp_path: Path, extra: str = "") -> Path:
    early = (ROOT / "overrides" / "partials" / "early.js").read_text(encoding="utf-8").rstrip("\n")
    scope = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
             '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
             '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}'
             'catch(e){}}')
    page = tmp_path / "site" / "help" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<html><head><script>{early}</script><script>{scope}</script>'
                    f'<script id="__config" type="application/json">{{"base": ".."}}</script>'
                    f'<script src="../../assets/x.js"></script></head><body>{extra}</body></html>', encoding="utf-8")
    return tmp_path / "site"


def test_known_inline_scripts_are_hashed(tmp_path):
    site = _site(tmp_path)
    hashes = inline_script_hashes(site, ROOT / "overrides")
    assert len(hashes) == 2
    headers = write_header_files(site, ROOT / "overrides")
    assert all(h in headers["Content-Security-Policy"] for h in hashes)


@pytest.mark.parametrize("extra, what", [
    ("<script>window.XSS=1</script>", "script"),
    ("<script type=module>window.XSS=1</script>", "script"),
    ('<script>__md_scope=new URL("x",location)</script>', "script"),
    ("<style>body{background:url(https://tracker.example/x)}</style>", "style"),
])
def test_an_unknown_inline_script_or_style_stops_and_reaches_no_header(tmp_path, extra, what):
    site = _site(tmp_path, extra)
    (site / "_headers").write_text("an older policy", encoding="utf-8")
    with pytest.raises(UnknownInlineCode, match=rf"^help/x/index.html: an inline {what} that is not"):
        write_header_files(site, ROOT / "overrides")
    assert not (site / "_headers").exists() and not (site / "nginx-headers.conf").exists()


def test_the_known_list_names_each_script_once():
    origins = [k.origin for k in known_scripts(ROOT / "overrides")]
    assert len(origins) == len(set(origins))


# ── unit/full build: front matter ───────────────────────────────────────────
def test_every_description_reaches_its_meta_tag_whole(project, built_site):
    """A quote in a description (it/teach/families) used to end the attribute early."""
    checked = 0
    for lang in project.languages():
        for path in (project.docs / lang).rglob("*.md"):
            description = Page.read(path).front_matter.get("description")
            if not description or "draft" in path.parts:
                continue
            rel = path.relative_to(project.docs / lang).as_posix()
            url = rel[:-len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
            page = built_site / ("" if lang == project.languages()[0] else lang) / url / "index.html"
            if not page.is_file():
                continue
            found = re.search(r'<meta name="description" content="([^"]*)">', page.read_text(encoding="utf-8"))
            # line breaks and runs of spaces become one space; a no-break space (French « : ») stays
            assert found and html.unescape(found.group(1)) == re.sub(r"[ \t\n]+", " ", str(description)).strip(), page
            checked += 1
    assert checked > 100


# ── one real build of a copy of the project, with the payload in data and front matter ──
INJECTED_PAGES = {
    "help/directory/it/index.html": "service text (data/services/it.yaml does.en)",
    "help/finder/index.html": "service card in the finder",
    "law/fr/index.html": "law summary (data/laws/fr.yaml summary.en)",
    "glossary/index.html": "glossary definition",
    "help/safer-browsing/index.html": "page title and description (front matter)",
}


def test_injected_build_publishes_text_and_allows_no_injected_script(injected_site):
    site, proc = injected_site
    assert proc.returncode == 0, proc.stderr[-2000:]
    csp = (site / "_headers").read_text(encoding="utf-8")
    for n in range(1, 9):
        assert _hash(f"window.XSS={n}") not in csp
    for rel, where in INJECTED_PAGES.items():
        text = (site / rel).read_text(encoding="utf-8")
        parser = _Scan(elements=())  # the site's own <script>/<img> are fine; nothing injected may run
        parser.feed(text)
        assert parser.problems == [], f"{where}: {parser.problems}"
        assert "&lt;script&gt;window.XSS" in text, f"{where}: the payload is not shown as text"
    # every script the policy allows is one the project knows: the hashes are exactly those of
    # the known bodies found in the pages
    script_src = re.search(r"script-src ([^;]+);", csp).group(1).split()
    assert sorted(script_src[1:]) == inline_script_hashes(site, ROOT / "overrides")


def test_a_script_in_a_page_body_stops_the_build_naming_the_page(tmp_path):
    """Raw HTML stays allowed in the Markdown of pages (the project writes some); a script in
    it is not on the known list, so the build stops and writes no headers."""
    root = copy_project(tmp_path)
    page = root / "docs" / "en" / "about" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>window.XSS=9</script>\n", encoding="utf-8")
    dest = tmp_path / "site"
    _seconds, proc = build(dest, site_url="http://127.0.0.1:8000/", root=root,
                           extra_env={"BUILD_ONLY_LOCALE": "en", "PYTHONPATH": str(root / "src")})
    assert proc.returncode != 0
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if "inline script" in line]
    assert lines and "about/privacy/index.html" in lines[0] and "window.XSS=9" in lines[0]
    assert "Traceback" not in proc.stderr
    assert not (dest / "_headers").exists()


