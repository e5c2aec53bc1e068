"""Thin MkDocs hook: all logic lives in the realharm package (see DESIGN.md)."""

from __future__ import annotations

import html
import logging
import os
import re
from copy import deepcopy
from functools import partial
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from realharm import a11y, bidi, fallback, glossary, languages as language_settings, markers, opendata, render, translations, validate
from realharm.render_cache import PageRenders
from realharm.safe import UnsafeLink
from realharm.project import Project
from realharm.ui import current_language, use as use_language_files

_state: dict = {}


def on_config(config):
    if _state.get("config") is config:
        # the i18n plugin builds each language with the same configuration, calling this again
        # for each: the content was read and checked for every language the first time
        return config
    project = Project(Path(config.config_file_path).parent)
    from realharm.readability import quiet_jieba

    quiet_jieba()  # the search segments Chinese with it: without its notes on standard error
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
    # the languages this build writes, the one at the site's root first (search.split_index)
    only = os.environ.get("BUILD_ONLY_LOCALE")
    _state["built"] = [only] if only in settings else languages
    _state["settings"] = settings
    _configure_languages(config, settings)
    # the same checks as `make check` (data, glossary, front matter, quizzes, markers, translated
    # pages' ids, markers, boxes and quizzes), before any page
    found = validate.content(project, languages)
    if found.problems:
        raise PluginError("the content has problems (one per line: file, entry, field, what is wrong):\n"
                          + "\n".join(found.problems))
    dataset = found.dataset
    # the data tables: a page not yet translated shows the same ones in every language built
    _state["renderers"] = markers.remembered(render.renderers(dataset, project.docs, found.curriculum))
    _state["glossary"] = found.glossary
    _state["renderers"]["handout-help"] = partial(render.render_handout_help, dataset, site_url=config.site_url or "",
                                                  default=languages[0])
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
    texts = translations.data_counts(project.data, languages)
    _state["renderers"]["translations"] = lambda lang: translations.render(
        _state["translations"], lang=lang, names=names, repo_url=repository, texts=texts)
    _state["hidden"] = translations.unpublished(project.root, settings)
    _state["project"] = project
    _state["nav_titles"] = _nav_titles(project.config().get("nav") or [])
    _state["dataset"] = dataset
    _state["renderers"]["open-data"] = lambda lang: opendata.render_files(lang, _state.get("page_url", ""))
    # a page not yet translated is converted to HTML once for every language that shows it
    _state["page_renders"] = PageRenders()
    _state["config"] = config
    return config


def _nav_titles(nav) -> set[str]:
    """Every menu name written in mkdocs.yml's nav (in the default language)."""
    found: set[str] = set()
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for title, value in item.items():
                found.add(str(title))
                found |= _nav_titles(value)
    return found


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


def _fallback(page, config) -> bool:
    """This page of a language is the default language's page: not translated yet (no file in
    docs/<lang>/, or a copy identical to the source)."""
    building, default = config.theme["language"], _state["languages"][0]
    if building == default:
        return False
    src = getattr(page.file, "norm_src_uri", page.file.src_uri)
    return not translations.is_translated(_state["project"].docs, building, src, default)


def on_page_markdown(markdown, page, config, files):
    if _fallback(page, config):
        page.meta["rh_fallback"] = True
        # read in the default language: data texts, quizzes and tooltips as on the source page
        page.file.locale = _state["languages"][0]
        # and its box titles too, inside the English block (the i18n plugin wrote the language's)
        building = config.theme["language"]
        markdown = fallback.source_box_titles(markdown, _state["settings"][building]["admonitions"],
                                              _state["settings"][page.file.locale]["admonitions"])
    lang = _language(page, config)
    current_language.set(lang)
    _state["page_url"] = page.file.url
    try:
        markdown = markers.expand(markdown, _state["renderers"], lang=lang, page=page.file.src_uri)
    except (markers.MarkerError, UnsafeLink) as exc:
        raise PluginError(str(exc)) from None
    if isinstance(page.meta.get("title"), str):
        # the theme prints the title as HTML (tab, header, navigation, search): plain text here
        page.meta["title"] = html.escape(page.meta["title"], quote=False)
    if lang != _state["languages"][0] and not page.meta.get("rh_fallback"):
        src = getattr(page.file, "norm_src_uri", page.file.src_uri)
        markdown = translations.banner(_state["translations"], lang, src) + markdown
    if page.meta.get("rh_fallback"):
        # MkDocs calls page.render(config, files) with the Markdown returned here
        page.render = partial(_state["page_renders"].render, page, lang=config.theme["language"],
                              fresh=page.render)
    # glossary tooltips, in the page's language
    return markdown + "\n\n" + glossary.abbreviations(_state["glossary"], lang) + "\n"


ROOT_FILES = re.compile(r'\b(href|src)="((?:\.\./)+(?:downloads|pdf)/)')


def on_page_content(html, page, config, files):
    lost = a11y.lost_list_leads(html)
    if lost:
        raise PluginError(f"docs/{page.file.src_uri}: a numbered or bulleted step is "
                          f"printed after its own sub-list (which starts: {lost[0]}): put an empty line between "
                          "the step's first line and its sub-list")
    html = bidi.isolate(a11y.quiet_permalinks(glossary.first_use_tooltips(html)))
    if _direction(config.theme["language"]) == "rtl":
        html = bidi.isolate_text(html)  # numbers and addresses written as plain text
    if page.meta.get("rh_fallback"):
        default = _state["languages"][0]
        # links the source page writes in HTML to files at the site's root (the default language's
        # downloads and PDFs) are relative to the source page: this one sits a folder deeper
        html = ROOT_FILES.sub(r'\1="../\2', html)
        if "<h1" not in html:
            # the theme would print the (English) title outside the English block: print it inside
            html = f"<h1>{page.title}</h1>\n{html}"  # page.title: escaped in on_page_markdown
        html = (_fallback_notice(page, config, files)
                + f'<div lang="{default}" dir="{_direction(default)}">{html}</div>')
    return html


def _direction(lang: str) -> str:
    """ltr or rtl, from data/ui/<lang>.yaml (language.direction)."""
    return _state["settings"][lang]["language"]["direction"]


def on_env(env, config, files):
    """The source-language titles of this language's page frame (fallback.english_titles), once
    per language built: every page has been read (and its title is known) before the first page
    or "page not found" is laid out."""
    lang = config.theme["language"]
    _state["english_titles"] = set() if lang == _state["languages"][0] else fallback.english_titles(
        _state["nav_titles"], _state["settings"][lang].get("nav") or {},
        [f.page.title for f in files.documentation_pages() if f.page is not None and f.page.meta.get("rh_fallback")])
    return env


def on_post_page(output, page, config):
    """<html dir="rtl"> on the pages of a right-to-left language (the theme sets it on <body>);
    lang="en" on the English titles of the page frame (fallback.mark)."""
    output = bidi.html_direction(output, _direction(config.theme["language"]))
    titles = _state.get("english_titles") or set()
    if titles:
        untranslated = bool(page.meta.get("rh_fallback")) and html.unescape(page.title or "") in titles
        output = fallback.mark(output, titles, untranslated=untranslated, lang=_state["languages"][0])
    return output


def _fallback_notice(page, config, files) -> str:
    """A notice in the page's language: not yet translated, with links to the source page and to
    how to help translate."""
    from realharm.render import _t

    lang = config.theme["language"]
    depth = page.url.count("/")
    english = "../" * depth + page.url[len(lang) + 1:] if page.url.startswith(f"{lang}/") else page.url
    contribute = next((f for f in files.documentation_pages()
                       if getattr(f, "norm_src_uri", f.src_uri) == "about/contribute.md"), None)
    help_url = contribute.url_relative_to(page.file) if contribute else english
    text = _t(lang, "translations.fallback").format(language=_state["settings"][lang]["language"]["name"])

    def esc(value: str) -> str:
        return html.escape(value, quote=True)

    return (f'<div class="admonition outdated rh-fallback" lang="{esc(lang)}">'
            f'<p class="admonition-title">{esc(_t(lang, "translations.fallback_title"))}</p>'
            f'<p>{esc(text)}</p><p><a href="{esc(english or "./")}" hreflang="en">'
            f'{esc(_t(lang, "translations.fallback_english"))}</a> · '
            f'<a href="{esc(help_url)}">{esc(_t(lang, "translations.fallback_help"))}</a></p></div>')


def on_page_context(context, page, config, nav):
    """The address of "Get help" in the page's language, relative to the page."""
    target = next((p.file for p in nav.pages
                   if getattr(p.file, "norm_src_uri", p.file.src_uri) == "help/index.md"), None)
    context["rh_help_url"] = target.url_relative_to(page.file) if target else None
    from realharm.pdf import pdf_link

    hidden = _state.get("hidden") or set()
    # the i18n plugin sets this page's alternates as an attribute of config.extra (templates read
    # it before the key, which keeps the language's home pages)
    alternates = getattr(config.extra, "alternate", None)
    if not isinstance(alternates, list):
        alternates = config.extra.get("alternate")
    if hidden and isinstance(alternates, list):
        # a language not yet published is built for preview, but not offered to readers
        shown = [alt for alt in alternates if alt.get("lang") not in hidden]
        config.extra["alternate"] = shown
        config.extra.alternate = shown
    from realharm.teachpack import pack_link, print_links, slides_link

    src, lang = getattr(page.file, "norm_src_uri", page.file.src_uri), _language(page, config)
    context["rh_pdf"] = pdf_link(src, lang)
    context["rh_pack"] = pack_link(src, lang)
    context["rh_slides"] = slides_link(src, lang)
    # the card pack and exit-ticket sheet of a plan with those blocks (not on a page shown in
    # place of a translation: the files are made from each language's own page)
    context["rh_prints"] = [] if page.meta.get("rh_fallback") else [
        (config.extra["ui"][key], path) for key, path in print_links(src, lang, page.markdown or "")]
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
    if template_name != "404.html":
        return output
    output = bidi.html_direction(output, _direction(lang))
    if lang == _state["languages"][0]:
        return output
    output = fallback.mark(output, _state.get("english_titles") or set(), untranslated=False,
                           lang=_state["languages"][0])
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # an empty result is not written: the default language's /404.html stays


def _hide_from_sitemap(site_dir: Path, config, hidden: set[str]) -> None:
    """Languages not yet published leave the sitemap: their pages and their alternate links."""
    import gzip
    import re

    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    base = html.escape(config.site_url or "", quote=True)
    text = sitemap.read_text(encoding="utf-8")
    for lang in hidden:
        text = re.sub(rf"\s*<url>\s*<loc>{re.escape(base)}{re.escape(lang)}/.*?</url>", "", text, flags=re.S)
        text = re.sub(rf'\s*<xhtml:link rel="alternate" hreflang="{re.escape(lang)}"[^>]*/>', "", text)
    sitemap.write_text(text, encoding="utf-8")
    if (site_dir / "sitemap.xml.gz").is_file():
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


@event_priority(-200)  # after the i18n plugin (-100) has built every language and merged search
def on_post_build(config):
    """Security headers for static hosts, computed from the pages just built; a page with an
    inline script or style that is not on the known list stops the build."""
    from realharm.headers import UnknownInlineCode, write_header_files
    from realharm.search import problems, split_index

    site_dir = Path(config.site_dir)
    # the i18n plugin runs this after each language it builds; the index is whole after the last
    whole = not getattr(config.plugins.get("i18n"), "building", False)
    if whole:
        # the facts as open data, next to the pages (About → Open data)
        project = _state["project"]
        opendata.write(opendata.build(_state["dataset"], _state["glossary"], project.schemas, _state["languages"],
                                      validate.today()), site_dir)
    if whole and (site_dir / "search" / "search_index.json").is_file():
        split_index(site_dir, _state["built"], offline=_state.get("offline", False),
                    settings=_state["settings"])
        found = problems(site_dir, _state["built"])
        if found:
            raise PluginError("the search indexes have problems (one per line):\n" + "\n".join(found))
    if _state.get("hidden"):
        _hide_from_sitemap(site_dir, config, _state["hidden"])
    if not whole:
        return  # the headers are computed from every page, once every language is built
    overrides = Path(config.config_file_path).parent / "overrides"
    try:
        write_header_files(site_dir, overrides)
    except UnknownInlineCode as exc:
        raise PluginError(str(exc)) from None
