"""Reading Markdown pages: front matter, explicit heading ids, admonitions, quizzes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import markers

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
HEADING_ID = re.compile(r"^#{1,6} .*\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.MULTILINE)
ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z0-9_-]+)", re.MULTILINE)
FENCE = re.compile(r"^(?P<indent>[ \t]*)```quiz[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.DOTALL | re.MULTILINE)
# card sets and exit tickets (cards.py) and worksheets (worksheets.py), with the block's kind as the fence's language
BLOCK_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<kind>cards|exit-ticket|worksheet)[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                         re.DOTALL | re.MULTILINE)
ACTIVITY_MINUTES = re.compile(r'^[ \t]*!!![ \t]+activity[ \t]+"[^"\n]*?\((\d+)[ \t]*min[^)]*\)"', re.MULTILINE)


class _FrontMatterLoader(yaml.SafeLoader):
    pass


_FrontMatterLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Page:
    path: Path
    text: str

    @classmethod
    def read(cls, path: Path) -> "Page":
        return cls(path, path.read_text(encoding="utf-8"))

    @property
    def front_matter(self) -> dict:
        match = FRONT_MATTER.match(self.text)
        if not match:
            return {}
        data = yaml.load(match.group(1), Loader=_FrontMatterLoader)
        return data if isinstance(data, dict) else {}

    @property
    def body(self) -> str:
        match = FRONT_MATTER.match(self.text)
        return self.text[match.end():] if match else self.text

    def heading_ids(self) -> list[str]:
        return HEADING_ID.findall(self.body)

    def admonitions(self) -> list[str]:
        return [kind.lower() for kind in ADMONITION.findall(self.body)]

    def markers(self) -> list[str]:
        return [name + "".join(f" {k}={v}" for k, v in sorted(args.items()))
                for name, args in markers.find(self.body)]

    def quizzes(self) -> list[str]:
        return [m.group("body") for m in FENCE.finditer(self.body)]

    def quiz_blocks(self) -> list[tuple[int, str]]:
        """(line of the page where the quiz's YAML starts, YAML) for every quiz."""
        offset = len(self.text) - len(self.body)
        return [(self.text.count("\n", 0, offset + m.start("body")) + 1, m.group("body"))
                for m in FENCE.finditer(self.body)]

    def blocks(self, kinds=("cards", "exit-ticket")) -> list[tuple[str, int, str]]:
        """(kind, line of the page where the YAML starts, YAML) of every block of the given kinds (by
        default card sets and exit tickets; worksheets with kinds=("worksheet",))."""
        offset = len(self.text) - len(self.body)
        return [(m.group("kind"), self.text.count("\n", 0, offset + m.start("body")) + 1, m.group("body"))
                for m in BLOCK_FENCE.finditer(self.body) if m.group("kind") in kinds]

    def activity_minutes(self) -> list[int]:
        return [int(m) for m in ACTIVITY_MINUTES.findall(self.body)]


def markdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if p.is_file())
