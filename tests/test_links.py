"""Link check of the built site with LinkChecker: zero broken internal links or anchors.
External links are listed in a report, not fetched."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support import ROOT, free_port, serve

RC = Path(__file__).with_name("linkcheckerrc")
FIXTURE = Path(__file__).parent / "fixtures" / "broken-links"


# A guard against a crawl that never ends, not a time budget: checking every page and anchor of the
# ten languages' site (about 87,000 links to 10,000 addresses) took 1,424 s on a quiet 2-core machine
# on 2026-12-07, with as many links as the week before, when it took under 600 s.
LINKCHECK_TIMEOUT = 1800


def linkcheck(url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linkcheck", "--config", str(RC), "--no-status",
                           "--output", "text", url], capture_output=True, text=True, timeout=LINKCHECK_TIMEOUT)


def external_links(site: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for href in re.findall(r'<a\b[^>]*\bhref="(https?://[^"]+)"', page.read_text(encoding="utf-8")):
            if "127.0.0.1" not in href:
                found.setdefault(href, set()).add(page.relative_to(site).as_posix())
    return found


def test_built_site_has_no_broken_internal_link(base_url, built_site):
    proc = linkcheck(base_url)
    assert proc.returncode == 0, proc.stdout[-6000:]
    links = external_links(built_site)
    report = ROOT / "reports" / "external-links.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text("".join(f"{url}\t{len(pages)} page(s)\n" for url, pages in sorted(links.items())),
                      encoding="utf-8")
    print(f"\nexternal links (not fetched): {len(links)} listed in {report.relative_to(ROOT)}")
    assert links, "the site links to its sources; an empty report means the scan is broken"


def test_linkchecker_rejects_a_broken_link_and_anchor():
    port = free_port()
    server = serve(FIXTURE, port)
    try:
        proc = linkcheck(f"http://127.0.0.1:{port}/index.html")
    finally:
        server.shutdown()
    assert proc.returncode == 1
    assert "missing.html" in proc.stdout
    assert "nowhere" in proc.stdout
