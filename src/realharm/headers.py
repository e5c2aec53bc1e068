"""Security headers shipped with the built site: a strict Content-Security-Policy (no
'unsafe-inline', no 'unsafe-eval', no other origin) and the usual hardening headers.

Material's templates carry a few small inline scripts (scope and palette set-up) and one inline
style block (the admonition icons), and the site adds two of its own. Instead of allowing inline
code, the policy lists the SHA-256 hash of each one; only code listed in inline_code.py is
hashed, and any other inline script or style found in the build stops it (UnknownInlineCode,
naming the page), so a script that came in with data can never be allowed.
The same headers are written as a Netlify/Cloudflare-style ``_headers`` file and an nginx
snippet, and the browser tests serve the site with them.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from .inline_code import OVERRIDES, known_scripts, known_styles, origin_of

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.DOTALL | re.IGNORECASE)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")

HSTS = "max-age=31536000; includeSubDomains"


class UnknownInlineCode(ValueError):
    """An inline script or style in a built page that is not on the list in inline_code.py."""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _scripts(text: str):
    for match in INLINE_SCRIPT.finditer(text):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs):
            continue
        kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs)
        if kind and kind.group(1).lower() not in EXECUTABLE_TYPES:
            continue
        yield match.group("body")


def _styles(text: str):
    for match in INLINE_STYLE.finditer(text):
        yield match.group("body")


def _known_hashes(site_dir: Path, find, known, what: str) -> list[str]:
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for body in find(page.read_text(encoding="utf-8")):
            if origin_of(body, known) is None:
                start = " ".join(body.split())[:80]
                raise UnknownInlineCode(
                    f"{page.relative_to(site_dir).as_posix()}: an inline {what} that is not one of the site's "
                    f"own or the theme's (src/realharm/inline_code.py): {start!r}. Text from data/ or front "
                    "matter must not contain HTML; a new theme script must be added to that list.")
            found.add(_hash(body))
    return sorted(found)


def inline_script_hashes(site_dir: Path, overrides: Path = OVERRIDES) -> list[str]:
    """Distinct 'sha256-…' sources of the executable inline scripts in every HTML file, each one
    checked against the known list; an unknown one raises UnknownInlineCode."""
    return _known_hashes(site_dir, _scripts, known_scripts(overrides), "script")


def inline_style_hashes(site_dir: Path) -> list[str]:
    """Distinct 'sha256-…' sources of the inline <style> blocks, checked like the scripts."""
    return _known_hashes(site_dir, _styles, known_styles(), "style")


def content_security_policy(script_hashes: list[str], style_hashes: list[str] = ()) -> str:
    scripts = " ".join(["'self'", *script_hashes])
    styles = " ".join(["'self'", *style_hashes])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {styles}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(site_dir: Path, overrides: Path = OVERRIDES) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir, overrides),
                                                           inline_style_hashes(site_dir)),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if os.environ.get("REALHARM_HSTS") == "1":
        # only for a host that serves the site over HTTPS, on every subdomain too (README, Deploy)
        headers["Strict-Transport-Security"] = HSTS
    return headers


def write_header_files(site_dir: Path, overrides: Path = OVERRIDES) -> dict[str, str]:
    """Write site/_headers (Netlify, Cloudflare Pages) and site/nginx-headers.conf; nothing is
    written when a page carries unknown inline code (UnknownInlineCode)."""
    try:
        headers = security_headers(site_dir, overrides)
    except UnknownInlineCode:
        for name in ("_headers", "nginx-headers.conf"):  # never leave an older policy behind
            (site_dir / name).unlink(missing_ok=True)
        raise
    (site_dir / "_headers").write_text(
        "/*\n" + "".join(f"  {k}: {v}\n" for k, v in headers.items()), encoding="utf-8")
    (site_dir / "nginx-headers.conf").write_text(
        "# Include inside the server { } block that serves the site.\n"
        + "".join(f'add_header {k} "{v}" always;\n' for k, v in headers.items()), encoding="utf-8")
    return headers


def read_headers_file(path: Path) -> dict[str, str]:
    """Parse a _headers file written by write_header_files (used by the test server)."""
    headers = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") and ":" in line:
            key, value = line.strip().split(":", 1)
            headers[key.strip()] = value.strip()
    return headers
