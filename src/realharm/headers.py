"""Security headers shipped with the built site: a strict Content-Security-Policy (no
'unsafe-inline', no 'unsafe-eval', no other origin) and the usual hardening headers.

Material's templates carry a few small inline scripts (scope and palette set-up) and one inline
style block (the admonition icons); instead of allowing inline code, the policy lists the
SHA-256 hash of each one found in the build.
The same headers are written as a Netlify/Cloudflare-style ``_headers`` file and an nginx
snippet, and the browser tests serve the site with them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.DOTALL | re.IGNORECASE)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_style_hashes(site_dir: Path) -> list[str]:
    """Distinct 'sha256-…' sources of the inline <style> blocks in every HTML file."""
    found: set[str] = set()
    for page in site_dir.rglob("*.html"):
        found.update(_hash(m.group("body")) for m in INLINE_STYLE.finditer(page.read_text(encoding="utf-8")))
    return sorted(found)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")


def inline_script_hashes(site_dir: Path) -> list[str]:
    """Distinct 'sha256-…' sources of the executable inline scripts in every HTML file."""
    found: set[str] = set()
    for page in site_dir.rglob("*.html"):
        for match in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match.group("attrs")
            if re.search(r"\bsrc\s*=", attrs):
                continue
            kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs)
            if kind and kind.group(1).lower() not in EXECUTABLE_TYPES:
                continue
            found.add(_hash(match.group("body")))
    return sorted(found)


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


def security_headers(site_dir: Path) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir),
                                                           inline_style_hashes(site_dir)),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def write_header_files(site_dir: Path) -> dict[str, str]:
    """Write site/_headers (Netlify, Cloudflare Pages) and site/nginx-headers.conf."""
    headers = security_headers(site_dir)
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
