"""Thin MkDocs hook: all logic lives in the realharm package (see DESIGN.md)."""

from __future__ import annotations

import html
import logging
import os
from copy import deepcopy
from functools import partial
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from realharm import a11y, glossary, languages as language_settings, markers, render, translations, validate
from realharm.safe import UnsafeLink
from realharm.project import Project
from realharm.ui import current_language, use as use_language_files

_state: dict = {}


def on_config(config):
    project = Project(Path(config.config_file_path).parent)
    if os.environ.get("REALHARM_OFFLINE"):
        # The copy that works from disk (make site): file links, and Material's search worker
        # run through the iframe-worker shim shipped in docs/assets/vendor (workers need a server).
        config.use_directory_urls = False
        config.extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
        _state["offline"] = True
    use_language_files(project.root)
    try:
        settings = project.settings()  # read once: every data/ui/<code>.yaml
    except language_settings.LanguageError as exc:
        raise PluginError("the language settings have problems (one per line: file, field, what to do):\n"
                          + "\n".join(exc.problems)) from None
    languages = list(settings)
    _state["languages"] = languages
    _state["settings"] = settings
    _configure_languages(config, settings)
    # the same checks as `make check` (data, glossary, front matter, quizzes, markers), before any page
    found = validate.content(project, languages)
    if found.problems:
        raise PluginError("the content has problems (one per line: file, entry, field, what is wrong):\n"
                          + "\n".join(found.problems))
    dataset = found.dataset
    _state["renderers"] = render.renderers(dataset, project.docs, found.curriculum)
    _state["glossary"] = found.glossary
    _state["renderers"]["glossary"] = lambda lang: glossary.render(_state["glossary"], lang=lang)
    try:
        repository = render.repository_url(config.extra.get("repository"))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if not repository and "repository" not in _state:
        # a warning of our own, not MkDocs's: the strict build still passes without an address
        logging.getLogger("realharm").warning(
            "WARNING - REPO_URL is not set: About and Contribute cannot link the project's repository "
            "(set REPO_URL, or extra.repository in mkdocs.yml)")
    _state["repository"] = repository
    _state["renderers"]["repository"] = partial(render.render_repository, repository)
    _state["translations"] = translations.status(project.root, languages) if len(languages) > 1 else []
    names = {code: s["language"]["name"] for code, s in settings.items()}
    _state["renderers"]["translations"] = lambda lang: translations.render(
        _state["translations"], lang=lang, names=names, repo_url=repository)
    _state["project"] = project
    return config


def _configure_languages(config, settings: dict[str, dict]) -> None:
    """The i18n plugin's languages, from the settings files (it reads them in its own on_config,
    which runs after this one: priority -100). Done once per configuration: the plugin then
    builds every language with the same configuration object."""
    from mkdocs_static_i18n.config import I18nPluginLanguage

    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "_realharm_configured", False):
        return
    only = os.environ.get("BUILD_ONLY_LOCALE") or None
    if only is not None and only not in settings:
        raise PluginError(f"BUILD_ONLY_LOCALE={only}: there is no data/ui/{only}.yaml; "
                          f"use one of {', '.join(settings)}")
    entries = []
    for block in language_settings.plugin_languages(settings, next(iter(settings)), only):
        entry = I18nPluginLanguage()
        entry.load_dict(block)
        failed, _warnings = entry.validate()
        if failed:
            raise PluginError(f"data/ui/{block['locale']}.yaml: " + "; ".join(f"{k}: {e}" for k, e in failed))
        entries.append(entry)
    i18n.config["languages"] = entries
    i18n._realharm_configured = True


def _language(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme.language or "en"


def on_page_markdown(markdown, page, config, files):
    lang = _language(page, config)
    current_language.set(lang)
    try:
        markdown = markers.expand(markdown, _state["renderers"], lang=lang, page=page.file.src_uri)
    except (markers.MarkerError, UnsafeLink) as exc:
        raise PluginError(str(exc)) from None
    if isinstance(page.meta.get("title"), str):
        # the theme prints the title as HTML (tab, header, navigation, search): plain text here
        page.meta["title"] = html.escape(page.meta["title"], quote=False)
    if lang != _state["languages"][0]:
        src = getattr(page.file, "norm_src_uri", page.file.src_uri)
        markdown = translations.banner(_state["translations"], lang, src) + markdown
    # glossary tooltips, in the page's language
    return markdown + "\n\n" + glossary.abbreviations(_state["glossary"], lang) + "\n"


def on_page_content(html, page, config, files):
    return a11y.quiet_permalinks(glossary.first_use_tooltips(html))


def on_page_context(context, page, config, nav):
    """The address of "Get help" in the page's language, relative to the page."""
    target = next((p.file for p in nav.pages
                   if getattr(p.file, "norm_src_uri", p.file.src_uri) == "help/index.md"), None)
    context["rh_help_url"] = target.url_relative_to(page.file) if target else None
    from realharm.pdf import pdf_link

    context["rh_pdf"] = pdf_link(getattr(page.file, "norm_src_uri", page.file.src_uri), _language(page, config))
    return context


def on_template_context(context, template_name, config):
    """ "Page not found" (404.html, the only page without a Markdown source): absolute links to the
    help and home pages of the language being built, and a language switcher that leads to each
    language's home page (the i18n plugin leaves the last page's alternates in the configuration)."""
    if template_name != "404.html":
        return context
    root = context["base_url"].rstrip("/")  # the site's absolute path on the host
    help_page = next((p.file for p in context["nav"].pages
                      if getattr(p.file, "norm_src_uri", p.file.src_uri) == "help/index.md"), None)
    context["rh_help_url"] = f"{root}/{help_page.url}" if help_page else None
    home = context["nav"].homepage
    context["rh_home_url"] = f"{root}/{home.url}" if home else f"{root}/"
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "extra_alternate", None):
        # the plugin sets it as an attribute of config.extra, which templates read before the key
        config.extra["alternate"] = deepcopy(i18n.extra_alternate)
        config.extra.alternate = deepcopy(i18n.extra_alternate)
    return context


def on_post_template(output, template_name, config):
    """The i18n plugin builds the whole site once per language, and each build writes 404.html:
    the default language keeps /404.html, every other one gets <lang>/404.html."""
    lang = config.theme["language"]
    if template_name != "404.html" or lang == _state["languages"][0]:
        return output
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # an empty result is not written: the default language's /404.html stays


@event_priority(-200)  # after the i18n plugin (-100) has built every language and merged search
def on_post_build(config):
    """Security headers for static hosts, computed from the pages just built; a page with an
    inline script or style that is not on the known list stops the build."""
    from realharm.headers import UnknownInlineCode, write_header_files
    from realharm.search import split_index

    site_dir = Path(config.site_dir)
    if (site_dir / "search" / "search_index.json").is_file():
        split_index(site_dir, _state["languages"], offline=_state.get("offline", False),
                    settings=_state["settings"])
    overrides = Path(config.config_file_path).parent / "overrides"
    try:
        write_header_files(site_dir, overrides)
    except UnknownInlineCode as exc:
        raise PluginError(str(exc)) from None
