"""The pages built with a script, an onerror= attribute and a javascript: link in data and front
matter (support.build_injected_site), loaded in Chromium with the headers the build wrote: no
injected script runs, the payload is shown as text, and the page raises no CSP violation (the
site's own scripts are all allowed, nothing else was tried)."""

from __future__ import annotations

import pytest

from support import free_port, serve, site_headers
from test_injection import INJECTED_PAGES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def injected_url(injected_site):
    site, proc = injected_site
    assert proc.returncode == 0, proc.stderr[-2000:]
    port = free_port()
    server = serve(site, port, site_headers(site))
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


def test_no_injected_script_runs(browser, injected_url):
    context = browser.new_context()
    context.add_init_script("""
      window.__rhCsp = [];
      document.addEventListener('securitypolicyviolation', e => window.__rhCsp.push(e.violatedDirective));
    """)
    page = context.new_page()
    try:
        for rel, where in INJECTED_PAGES.items():
            page.goto(injected_url + rel.removesuffix("index.html"), wait_until="load")
            page.wait_for_timeout(200)  # let the deferred scripts (finder cards, tooltips) run
            assert page.evaluate("typeof window.XSS") == "undefined", where
            assert page.evaluate("window.__rhCsp") == [], where
            injected = page.evaluate("""[...document.querySelectorAll('script, img[src="x"], [onerror], [onclick]')]
                                        .filter(el => /XSS/.test(el.outerHTML)).length""")
            assert injected == 0, where
            if rel != "help/finder/index.html":  # there, the cards are copied into view on request
                assert "<script>window.XSS=" in page.inner_text("body") or \
                    "<script>window.XSS=" in page.evaluate("document.title + ' ' + "
                                                           "document.querySelector('meta[name=description]').content"), where
    finally:
        context.close()
