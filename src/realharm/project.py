"""Where things are in a Real Harm checkout, and which languages it builds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its !ENV and !!python tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        seq = loader.construct_sequence(node)
        return seq[-1] if suffix == "ENV" and seq else seq
    return loader.construct_mapping(node)


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def schemas(self) -> Path:
        return self.data / "schema"

    def config(self) -> dict:
        return yaml.load((self.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)

    def default_language(self) -> str:
        """The source language: the one marked default in the i18n plugin's configuration."""
        for plugin in self.config().get("plugins", []):
            if isinstance(plugin, dict) and "i18n" in plugin:
                for lang in plugin["i18n"].get("languages") or []:
                    if lang.get("default"):
                        return lang["locale"]
        return "en"

    def languages(self) -> list[str]:
        """Built languages, default first: every language with a settings file (data/ui/<code>.yaml)."""
        from .languages import codes

        return codes(self.root, self.default_language())

    def settings(self) -> dict[str, dict]:
        """Every language's settings (raises languages.LanguageError when one is incomplete)."""
        from .languages import load

        return load(self.root, self.languages())


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise FileNotFoundError(f"no mkdocs.yml at or above {here}")
