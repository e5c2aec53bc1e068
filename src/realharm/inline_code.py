"""The only inline scripts and styles the site may carry: the theme's and the project's own.

The Content-Security-Policy (headers.py) allows inline code by hash, and only code listed here:
an inline <script> or <style> in a built page that matches nothing below stops the build with
the page named, so a script that slipped in from data or front matter can never be allowed by
the policy.

How to update this list when Material for MkDocs is upgraded: build the site; the build names
each page and shows the start of every inline script or style it does not know. Compare with the
theme's templates (material/templates/partials/javascripts/*.html, partials/icons.html,
base.html) and copy the new text here, keeping ``{base}`` where the theme prints the page's
``base_url`` (``.``, ``..``, ``../..``… or ``/`` on the 404 page). Never add a script because a
page carries it: find which template writes it first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"

# What the theme prints as a page's base_url inside its scripts.
_BASE = r"(?:\.|/|\.\.(?:/\.\.)*)"


@dataclass(frozen=True)
class Known:
    origin: str        # where the code is written
    pattern: re.Pattern  # the whole body, matched exactly


def _literal(origin: str, text: str) -> Known:
    return Known(origin, re.compile(re.escape(text)))


def _with_base(origin: str, text: str) -> Known:
    return Known(origin, re.compile(_BASE.join(re.escape(part) for part in text.split("{base}"))))


def _file(origin: str, path: Path) -> Known:
    # Jinja's include drops the file's final newline
    text = path.read_text(encoding="utf-8")
    return _literal(origin, text[:-1] if text.endswith("\n") else text)


def known_scripts(overrides: Path = OVERRIDES) -> list[Known]:
    """The inline scripts the CSP allows (overrides: the theme folder named in mkdocs.yml)."""
    return [
        # ── Material for MkDocs 9.8 ──
        _with_base(
            "theme: partials/javascripts/base.html",
            '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}'
            'catch(e){}}'),
        _literal(
            "theme: partials/javascripts/palette.html",
            'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"==='
            'palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector('
            'media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media='
            '\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),'
            'palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary='
            'input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute('
            '"data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))'
            'document.body.setAttribute("data-md-color-"+key,value)}'),
        _literal(
            "theme: partials/javascripts/content.html",
            'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
            '(target.checked=target.name.startsWith("__tabbed_"))'),
        # ── Real Harm ──
        _file("overrides/partials/early.js", overrides / "partials" / "early.js"),
        _literal("overrides/partials/header.html",
                 'document.body.setAttribute("data-md-color-switching", "")'),
    ]


def known_styles() -> list[Known]:
    return [
        # Material's icon variables (partials/icons.html), built from theme.icon in mkdocs.yml:
        # custom properties holding URL-encoded SVG data, nothing else.
        Known("theme: partials/icons.html",
              re.compile(r":root\{(?:--md-(?:admonition-icon--[a-z0-9_-]+|annotation-icon):"
                         r"url\('data:image/svg\+xml;charset=utf-8,[A-Za-z0-9%._~/*!()-]*'\);)+\}")),
    ]


def origin_of(body: str, known: list[Known]) -> str | None:
    """Where a script or style body comes from, or None if it is not on the list."""
    for entry in known:
        if entry.pattern.fullmatch(body):
            return entry.origin
    return None
