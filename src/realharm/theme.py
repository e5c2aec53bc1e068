"""The theme's files our templates name by hand.

overrides/main.html repeats two of Material's fingerprinted file names (the deferred bundle and
the search worker), which change with every Material release. `stale_asset_names` lists those
that the installed Material does not ship, so an upgrade that renames them fails the tests
instead of publishing pages without their script.
"""

from __future__ import annotations

import re
from pathlib import Path

ASSET = re.compile(r"assets/(?:javascripts|stylesheets)/[\w./-]+?\.[0-9a-f]{8}\.min\.(?:js|css)")


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def stale_asset_names(template: Path, theme_dir: Path | None = None) -> list[str]:
    """One line per theme file named in `template` that the theme does not have."""
    theme_dir = theme_dir or material_templates()
    text = template.read_text(encoding="utf-8")
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for name in ASSET.findall(line):
            if not (theme_dir / name).is_file():
                problems.append(f"{template.name}, line {number}: {name} is not in the installed theme; "
                                f"copy the current name from the theme's base.html")
    return problems


def asset_names(template: Path) -> list[str]:
    return ASSET.findall(template.read_text(encoding="utf-8"))
