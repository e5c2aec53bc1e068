"""Markdown rendered from data/ for the data markers, in the page's language.

Markers (see DESIGN.md): services country=XX · finder · laws-table · law jurisdiction=XX ·
law-changes. Each renderer is a plain function of the dataset and the language.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import partial
from pathlib import Path

import markdown
from babel import Locale, UnknownLocaleError

from .data import Dataset
from .lawstatus import build_date, dated_steps, law_status
from .safe import href, md_text
from .style import date_phrases
from .ui import setting, strings


def _t(lang: str, path: str) -> str:
    node = strings(lang)
    for part in path.split("."):
        node = node[part]
    return node


def _m(lang: str, path: str, /, **values) -> str:
    """An interface string (data/ui), filled in and escaped for a Markdown source."""
    text = _t(lang, path)
    return md_text(text.format(**values) if values else text)


def _where(kind: str, code: str, entry: str, field: str) -> str:
    return f"data/{kind}/{code.lower()}.yaml: entry {entry}: field {field}"


def _text(value: dict | None, lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or value.get("en") or ""


def _fallback(value: dict | None, lang: str) -> bool:
    """The text is shown in the default language: not yet translated into ``lang``."""
    return bool(value) and not value.get(lang) and bool(value.get("en"))


def _tx(value: dict | None, lang: str) -> str:
    """A data text for a Markdown source; a text not yet translated is shown in English, marked."""
    text = md_text(_text(value, lang))
    return f'<span lang="en" dir="ltr">{text}</span>' if _fallback(value, lang) else text


def _tcell(value: dict | None, lang: str) -> str:
    text = _cell(_text(value, lang))
    return f'<span lang="en" dir="ltr">{text}</span>' if _fallback(value, lang) else text


def _punct(lang: str, key: str, default: str) -> str:
    """A punctuation mark as the language writes it (style.<key> in its settings), else the default."""
    try:
        return (setting(lang, "style") or {}).get(key) or default
    except KeyError:
        return default


def _gap(lang: str) -> str:
    """The space between two generated sentences or between a phrase and a link: none in a
    language written without spaces (its full stop is "。")."""
    return "" if _punct(lang, "full_stop", ".") == "。" else " "


def _aside(text: str, lang: str) -> str:
    """A remark in brackets after a sentence: " (…)", or the language's own brackets ("（…）")."""
    brackets = _punct(lang, "brackets", "()")
    space = "" if brackets != "()" else " "
    return f"{space}{brackets[0]}{text}{brackets[1]}"


def _colon(lang: str) -> str:
    """The colon after a label as the language writes it (style.colon: French puts a no-break
    space before it), ":" by default."""
    return _punct(lang, "colon", ":")


def _comma(lang: str) -> str:
    """What separates the items of a short list in the language: the comma its CLDR list patterns
    use ("، " in Arabic, "、" in Chinese), ", " by default."""
    try:
        patterns = Locale.parse(lang).list_patterns
    except (UnknownLocaleError, ValueError):
        return ", "
    for pattern in patterns.values():
        for mark in ("、", "，", "،", ","):
            if mark in (pattern.get("middle") or ""):
                return mark if mark in "、，" else mark + " "
    return ", "


def _lang_name(code: str, lang: str) -> str:
    try:
        name = Locale.parse(lang).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return name or code


def _date(iso: str, lang: str) -> str:
    """A date of the data (2026-11-25, 2024-05 or 2024) as the page's language writes it, with
    Babel in the locale of its style settings (style.format_date): 25 November 2026, 1° luglio 2026."""
    from .style import format_date

    return format_date(iso, lang)


def _tel(number: str) -> str:
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


# ── services ────────────────────────────────────────────────────────────────
def country_order(codes, dataset: Dataset, lang: str, first: tuple[str, ...] = ()) -> list[str]:
    """Countries sorted by name in the page's language; `first` ones lead, INT comes last."""
    rest = sorted((c for c in codes if c not in first and c != "INT"),
                  key=lambda c: dataset.place_name(c, lang))
    return [c for c in first if c in codes] + rest + (["INT"] if "INT" in codes else [])


def _lead(lang: str, what: str) -> tuple[str, ...]:
    """Countries listed first on this language's pages (lead: in data/ui/<code>.yaml)."""
    return tuple(setting(lang, f"lead.{what}") or ())


def overdue_line(entry: dict, lang: str, kind: str, today: date | None = None) -> list[str]:
    """A plain warning when the entry's review_by date has passed on the build date."""
    due = entry.get("review_by")
    try:
        late = bool(due) and date.fromisoformat(due) < (today or build_date())
    except ValueError:
        late = False
    if not late:
        return []
    text = _t(lang, kind + ".overdue").format(date=_date(due, lang))
    return [f'<p class="rh-overdue" markdown="span">**{md_text(date_phrases(text, lang))}**</p>', ""]


def service_block(service: dict, lang: str, heading: str = "###", today: date | None = None) -> str:
    s = partial(_m, lang)
    where = partial(_where, "services", service["id"].split("-", 1)[0], service["id"])
    # <bdi>: a Latin-script name ending in ")" or "." stays whole in a right-to-left heading
    lines = [f"{heading} <bdi>{md_text(service['name'])}</bdi> {{ #{service['id']} }}", ""]
    ages = _comma(lang).join(s(f"services.ages.{a}") for a in service["ages"])
    lines += [f"*{s('services.kinds.' + service['kind'])} · {ages}*", ""]
    if answers_in(service, lang):
        lines += [f'<p class="rh-answers-in" markdown="span">**{s("services.answers_in", language=_lang_name(lang, lang))}**</p>', ""]
    lines += [_tx(service["does"], lang), ""]
    lines.append(f"- **{s('services.for')}{_colon(lang)}** {_tx(service['for'], lang)}")
    phone = service.get("phone")
    if phone:
        bits = []
        if phone.get("local"):
            # People read the national form; the link dials the international form when the data
            # has one, so it also works from a phone registered in another country.
            bits.append(f"[{md_text(phone['local'])}]({_tel(phone.get('international') or phone['local'])})")
        elif phone.get("international"):
            bits.append(f"{s('services.from_abroad')}{_colon(lang)} [{md_text(phone['international'])}]"
                        f"({_tel(phone['international'])})")
        lines.append(f"- **{s('services.phone')}{_colon(lang)}** " + " · ".join(bits))
    url = href(service["url"], where("url"))
    website = f"<{url}>" if url.lower().startswith(("https://", "http://")) else f"[{md_text(url)}]({url})"
    lines.append(f"- **{s('services.website')}{_colon(lang)}** {website}")
    if service.get("hours"):
        lines.append(f"- **{s('services.hours')}{_colon(lang)}** {_tx(service['hours'], lang)}")
    if service.get("languages"):
        names = _comma(lang).join(md_text(_lang_name(code, lang)) for code in service["languages"])
        lines.append(f"- **{s('services.languages')}{_colon(lang)}** {names}")
    if service.get("cost"):
        lines.append(f"- **{s('services.cost')}{_colon(lang)}** {_tx(service['cost'], lang)}")
    if service.get("notes"):
        lines.append(f"- **{s('services.notes')}{_colon(lang)}** {_tx(service['notes'], lang)}")
    checked = s("services.checked", date=_date(service["verified_on"], lang))
    tail = _aside(s('services.copy_date', date=_date(service['source_date'], lang)), lang) if service.get("source_date") else ""
    source = href(service["source_url"], where("source_url"))
    lines += ["", f"<small>{checked}{_gap(lang)}[{s('services.its_source')}]({source}){tail}{_punct(lang, 'full_stop', '.')}</small>", ""]
    lines += overdue_line(service, lang, "services", today)
    return "\n".join(lines)


def answers_in(service: dict, lang: str) -> bool:
    """Does the service say it answers in the reader's language, besides its own (the first it
    lists)? Said on its card, and such services come first."""
    spoken = service.get("languages") or []
    return lang in spoken[1:]


def reader_first(services: list[dict], lang: str) -> list[dict]:
    """Services answering in the reader's language first, the others after, each in data order."""
    return sorted(services, key=lambda svc: not answers_in(svc, lang))


def render_services(dataset: Dataset, *, lang: str, country: str) -> str:
    """A directory page's services, one h2 each, under the page's h1."""
    doc = dataset.services.get(country.upper())
    if doc is None:
        raise KeyError(f"no services data for country {country!r}")
    return "\n".join(service_block(svc, lang, heading="##") for svc in reader_first(doc["services"], lang))


# ── help finder ─────────────────────────────────────────────────────────────
SITUATIONS = ("shared", "threatened", "helping")


def matches(service: dict, *, age: str, situation: str) -> bool:
    """Does a service fit (age when the image was made, situation)? Used by the page's script
    through data attributes, and by the tests."""
    if age not in service["ages"]:
        return False
    return situation in service["situations"] or (age == "under18" and "minor" in service["situations"])


def finder_services(dataset: Dataset, *, country: str, age: str, situation: str, lang: str = "") -> list[str]:
    """Ids of the services the finder shows for a choice, in its order: the country's, then
    international ones, each with those answering in the reader's language first."""
    found = []
    for code in (country.upper(), "INT"):
        for svc in reader_first(dataset.services.get(code, {}).get("services", []), lang):
            if matches(svc, age=age, situation=situation):
                found.append(svc["id"])
    return found


def render_finder(dataset: Dataset, *, lang: str) -> str:
    s = partial(_t, lang)
    codes = country_order(dataset.services.keys(), dataset, lang, _lead(lang, "services"))
    countries = [c for c in codes if c != "INT"]
    opts = "".join(f'<option value="{c}">{html.escape(dataset.place_name(c, lang))}</option>' for c in countries)
    sit_opts = "".join(f'<option value="{k}">{html.escape(s("finder.situations." + k))}</option>'
                       for k in SITUATIONS)
    age_opts = "".join(f'<option value="{k}">{html.escape(s("services.ages." + k))}</option>'
                       for k in ("under18", "adult"))
    # one tap for each age and situation, once the country is chosen (the script shows them)
    quick = "".join(f'<li><button type="button" class="md-button" data-age="{a}" data-situation="{k}">'
                    f'{html.escape(s(f"finder.quick.{a}_{k}"))}</button></li>'
                    for a in ("under18", "adult") for k in SITUATIONS)
    form = f"""<form class="rh-finder rh-js-only" id="rh-finder" aria-describedby="rh-finder-note">
<fieldset><legend>{html.escape(s('finder.legend'))}</legend>
<p><label for="rh-country">{html.escape(s('finder.country'))}</label><br>
<select id="rh-country" name="country" required><option value="">{html.escape(s('finder.any_country'))}</option>{opts}</select></p>
<p><label for="rh-age">{html.escape(s('finder.age'))}</label><br>
<select id="rh-age" name="age">{age_opts}</select></p>
<p><label for="rh-situation">{html.escape(s('finder.situation'))}</label><br>
<select id="rh-situation" name="situation">{sit_opts}</select></p>
<p><button type="submit" class="md-button md-button--primary">{html.escape(s('finder.show'))}</button></p>
</fieldset>
<div class="rh-finder__quick" id="rh-finder-quick" hidden>
<p id="rh-finder-quick-title">{html.escape(s('finder.quick_title'))}</p>
<ul aria-labelledby="rh-finder-quick-title">{quick}</ul>
</div>
<p id="rh-finder-note" class="rh-finder__note">{html.escape(s('finder.nothing_sent'))}</p>
</form>
<section id="rh-finder-results" class="rh-finder__results" hidden tabindex="-1" aria-labelledby="rh-finder-results-title">
<h2 id="rh-finder-results-title">{html.escape(s('finder.results'))}</h2>
<div id="rh-finder-steps"></div>
<h3 id="rh-finder-services-title">{html.escape(s('finder.services'))}</h3>
<p id="rh-finder-none" hidden>{html.escape(s('services.none'))}</p>
<ul id="rh-finder-list" class="rh-finder__list"></ul>
</section>"""
    directory = " · ".join(f"[{md_text(dataset.place_name(c, lang))}](directory/{c.lower()}.md)" for c in codes)
    return "\n".join([form, "", f"{md_text(s('finder.directory'))} {directory}", "{ #directory }", "",
                      _all_service_cards(dataset, codes, lang)])


def quick_countries(dataset: Dataset, lang: str) -> list[str]:
    """The countries a language's home page offers in one tap: its lead countries for services
    (else for handouts), those with services."""
    try:
        first = _lead(lang, "services") or tuple(setting(lang, "lead.handouts") or ())
    except (KeyError, TypeError):
        first = ()
    return [c for c in first if c in dataset.services and c != "INT"]


def render_quick_help(dataset: Dataset, *, lang: str, base: str = "help/") -> str:
    """The home page's shortcut to the help finder: one link per lead country, opening the finder
    with that country chosen (its anchor is the country's heading in the list of every service,
    so that without scripts the link lands on that country's services), then "another country"."""
    links = [f"[{_m(lang, 'finder.in_country', place=dataset.place_name(c, lang))}]({base}finder.md#country-{c.lower()})"
             "{ .md-button }" for c in quick_countries(dataset, lang)]
    links.append(f"[{_m(lang, 'finder.other_country')}]({base}finder.md#finder){{ .md-button }}")
    return '<p class="rh-quick-help" markdown="1">' + "\n".join(links) + "</p>"


def _all_service_cards(dataset: Dataset, codes: list[str], lang: str) -> str:
    """Every service card, grouped by country, in <noscript>: shown when scripts do not run; with
    scripts, the browser keeps it as text, from which the finder takes the cards that fit (the
    50-odd cards laid out were most of the work a phone did to open the page). Rendered here as
    one HTML block, so that its headings stay out of the table of contents."""
    parts = [f"## {_m(lang, 'finder.all_services')} {{ #all-services }}", ""]
    for code in codes:
        parts += [f"### {md_text(dataset.place_name(code, lang))} {{ #country-{code.lower()} }}", ""]
        for svc in reader_first(dataset.services[code]["services"], lang):
            attrs = (f'class="rh-service" data-id="{svc["id"]}" data-country="{code}" '
                     f'data-ages="{" ".join(svc["ages"])}" data-situations="{" ".join(svc["situations"])}"')
            parts += [f"<div {attrs} markdown>", "", service_block(svc, lang, heading="####"), "</div>", ""]
    body = markdown.markdown("\n".join(parts), extensions=["attr_list", "md_in_html"])
    lines = [line for line in body.splitlines() if line.strip()]  # one raw block: no blank line
    return "\n".join(['<noscript id="rh-finder-cards">', *lines, "</noscript>", ""])


# ── laws ────────────────────────────────────────────────────────────────────


def _provisions(dataset: Dataset, lang: str):
    codes = country_order(dataset.laws.keys(), dataset, lang, _lead(lang, "laws"))
    for code in codes:
        for prov in dataset.laws[code]["provisions"]:
            yield code, prov


def _cell(text: str) -> str:
    """Plain text for a Markdown table cell (escaped, on one line)."""
    return md_text(text).replace("|", "\\|").replace("\n", " ")


def status_text(prov: dict, lang: str, today: date | None = None) -> str:
    """The status of a law on the build date, in words, with the date it depends on (plain text)."""
    status = law_status(prov, today or build_date())
    text = _t(lang, f"laws.state.{status.key}").format(**{k: _date(v, lang) for k, v in status.dates.items()})
    return date_phrases(text, lang)


def _wanted(given: str | None, known: set[str], what: str, upper: bool = False) -> set[str] | None:
    """The codes or ids of a comma-separated marker argument, all of them known (KeyError otherwise)."""
    if given is None:
        return None
    wanted = {(c.strip().upper() if upper else c.strip()) for c in given.split(",") if c.strip()}
    unknown = sorted(wanted - known)
    if unknown or not wanted:
        raise KeyError(f"{what}={given}: {', '.join(unknown) or 'an empty list'} is not in data/laws/")
    return wanted


def render_laws_table(dataset: Dataset, *, lang: str, today: date | None = None, jurisdictions: str | None = None,
                      provisions: str | None = None, base: str = "", penalty: str = "yes") -> str:
    """Every provision of the tracker, with its status as on ``today`` (the build date when not
    given). A lesson's printed handout keeps some rows: ``jurisdictions=IT,GB`` those places',
    ``provisions=it-612-ter,gb-soa-66b`` those provisions'; ``base`` is the path from the page to
    law/ (the rows link to the country pages); ``penalty=no`` leaves out the maximum penalty column."""
    s = partial(_m, lang)
    places = _wanted(jurisdictions, set(dataset.laws), "jurisdictions", upper=True)
    ids = _wanted(provisions, {p["id"] for doc in dataset.laws.values() for p in doc["provisions"]}, "provisions")
    acts = ("creating", "sharing", "threatening", "possessing")
    head = [s("laws.jurisdiction"), s("laws.law"), s("laws.status_label")] + [s(f"laws.acts.{a}") for a in acts] + [
        s("laws.ai_named")] + ([s("laws.max_penalty")] if penalty == "yes" else [])
    lines = [f"<p class=\"rh-table-caption\">{html.escape(_t(lang, 'laws.table_caption'))}</p>", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for code, prov in _provisions(dataset, lang):
        if (places is not None and code not in places) or (ids is not None and prov["id"] not in ids):
            continue
        where = dataset.place_name(prov["jurisdiction"], lang)
        page = base + code.lower()
        status = status_text(prov, lang, today)
        row = [f"[{_cell(where)}]({page}.md)", f"[{_tcell(prov['title'], lang)}]({page}.md#{prov['id']})",
               _cell(status)]
        row += [s(f"laws.coverage.{prov['acts'][a]}") for a in acts]
        row += [s(f"laws.coverage.{prov['ai_named']}")] + ([_tcell(prov["max_penalty"], lang)] if penalty == "yes" else [])
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def provision_block(prov: dict, dataset: Dataset, lang: str, heading: str = "##", today: date | None = None) -> str:
    s = partial(_m, lang)
    lines = [f"{heading} {_tx(prov['title'], lang)} {{ #{prov['id']} }}", ""]
    lines += [_tx(prov["summary"], lang), ""]
    rows = [
        (s("laws.official_name"), f"<cite>{_cell(prov['official_name'])}</cite>"),
        (s("laws.citation"), _cell(prov["citation"])),
        (s("laws.status_label"), _cell(status_text(prov, lang, today))),
        (s("laws.kind_label"), s("laws.kinds." + prov["kind"])),
        (s("laws.who_protected"), _comma(lang).join(s(f"laws.protects.{p}") for p in prov["protects"])),
        (s("laws.ai_named"), s(f"laws.coverage.{prov['ai_named']}")),
        (s("laws.prosecution"), _tcell(prov["prosecution"], lang)),
        (s("laws.max_penalty"), _tcell(prov["max_penalty"], lang)),
    ]
    if prov.get("platform_duties"):
        rows.append((s("laws.platform_duties"), _tcell(prov["platform_duties"], lang)))
    lines += ["| | |", "|---|---|"] + [f"| **{k}** | {v} |" for k, v in rows] + [""]
    lines += [f"**{s('laws.what_acts')}{_colon(lang)}**", ""]
    lines += [f"- {s('laws.acts.' + a)}{_colon(lang)} {s('laws.coverage.' + prov['acts'][a])}"
              for a in ("creating", "sharing", "threatening", "possessing", "tools")]
    lines.append("")
    if prov.get("notes"):
        lines += [f"**{s('laws.notes')}{_colon(lang)}** {_tx(prov['notes'], lang)}", ""]
    tail = _aside(s('services.copy_date', date=_date(prov['source_date'], lang)), lang) if prov.get("source_date") else ""
    source = href(prov["source_url"], _where("laws", prov["jurisdiction"], prov["id"], "source_url"))
    official = href(prov["official_url"], _where("laws", prov["jurisdiction"], prov["id"], "official_url"))
    lines += [f"**[{s('laws.official_text')}]({official})** · [{s('laws.source')}]({source}) · {s('laws.verified')}: "
              f"{md_text(_date(prov['verified_on'], lang))}{tail}", ""]
    lines += overdue_line(prov, lang, "laws", today)
    return "\n".join(lines)


def render_law(dataset: Dataset, *, lang: str, jurisdiction: str, level: str = "2", today: date | None = None) -> str:
    """A jurisdiction's provisions, each under a heading of the given level: 2 under a page's
    h1 (law/xx.md), 3 under a section's h2 (`level=3` in the marker); statuses as on ``today``
    (the build date when not given)."""
    doc = dataset.laws.get(jurisdiction.upper())
    if doc is None:
        raise KeyError(f"no laws data for jurisdiction {jurisdiction!r}")
    if level not in ("2", "3", "4"):
        raise TypeError(f"level must be 2, 3 or 4, not {level!r}")  # reported as a wrong argument
    return "\n".join(provision_block(p, dataset, lang, "#" * int(level), today) for p in doc["provisions"])


def law_changes(dataset: Dataset, lang: str, today: date | None = None) -> list[tuple[str, str, str, str]]:
    """(date, jurisdiction code, provision id, what) for every dated step up to the build date
    (history lines, and the adoption, in-force, transposition, repeal and bill-step dates), newest first."""
    today = today or build_date()
    events = []
    for code, prov in _provisions(dataset, lang):
        for when, name, step in dated_steps(prov, today):
            what = _tx(step["what"], lang) if step else md_text(_t(lang, f"laws.event.{name}"))
            events.append((when, code, prov["id"], what))
    return sorted(events, key=lambda e: (e[0], e[2]), reverse=True)


def render_law_changes(dataset: Dataset, *, lang: str, latest: str | None = None, base: str = "",
                       today: date | None = None) -> str:
    """Every dated step, newest first; ``latest=N`` keeps the N newest; ``base`` is the path from
    the page to the law pages (``law/`` on the home page)."""
    events = law_changes(dataset, lang, today)
    if latest is not None:
        events = events[:int(latest)]
    if not events:
        return _m(lang, "laws.changes_none") + "\n"
    titles = {p["id"]: _tx(p["title"], lang) for _c, p in _provisions(dataset, lang)}
    lines = []
    for when, code, pid, what in events:
        where = md_text(dataset.place_name(code, lang))
        lines.append(f"- **{md_text(_date(when, lang))}** — {where}{_colon(lang)}{_gap(lang)}[{titles[pid]}]({base}{code.lower()}.md#{pid}){_punct(lang, 'full_stop', '.')}{_gap(lang)}{what}")
    return "\n".join(lines) + "\n"


# ── curriculum listings (from the pages' front matter) ──────────────────────
def render_modules(docs, *, lang: str) -> str:
    """Learner modules in order, for learn/index.md (links relative to learn/): a plain ordered
    list that the page's script decorates with the reader's own progress."""
    from .curriculum import shown

    lines = ['<ol class="rh-modules" markdown="1">']
    for e, _page_lang in shown(docs, lang, "learners"):
        name = e.rel.split("/", 1)[1]
        meta = md_text(f"{e.minutes} min · {_t(lang, 'curriculum.ages')} {_age(e.age_band, lang)}")
        lines.append(f'<li data-rh-module="{e.module}" markdown="span">[{_cell(e.title)}]({name}) '
                     f'<span class="rh-modules__meta">({meta})</span> '
                     f'<span class="rh-modules__progress" data-rh-progress="{e.module}"></span></li>')
    lines.append("</ol>")
    return "\n".join(lines) + "\n"


def render_lessons(docs, *, lang: str) -> str:
    """Lesson plans by module, for teach/index.md (links relative to teach/), each with its
    teacher pack and its browser slides."""
    from .curriculum import shown
    from .project import Project

    default = Project(Path(docs).parent).default_language()
    head = [_m(lang, f"curriculum.{k}") for k in ("module", "lesson", "ages", "time", "digcomp")]
    head.append(_m(lang, "teachpack.pack"))
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|---|"]
    for e, page_lang in shown(docs, lang, "educators"):
        name = e.rel.split("/", 1)[1]
        # the packs are made by `make site` (teachpack.py), after the build: an HTML link, which the
        # build does not look for among the pages (teach/ is one folder deeper in other languages);
        # a plan the language has not translated has the default language's pack
        up = "../" if lang == default else "../../"
        pack = html.escape(f"{up}downloads/{page_lang}/{Path(e.rel).stem}-teacher-pack.zip", quote=True)
        deck = html.escape(f"{up}downloads/{page_lang}/{Path(e.rel).stem}-slides.html", quote=True)
        label = html.escape(_t(lang, "teachpack.pack"), quote=False)
        slides = html.escape(_t(lang, "teachpack.slides"), quote=False)
        lines.append(f"| {e.module} | [{_cell(e.title)}]({name}) | {_cell(_age(e.age_band, lang))} | {e.minutes} min | "
                     f'{_cell(", ".join(e.digcomp))} | <a class="rh-pack" href="{pack}" download>{label} (zip)</a> · '
                     f'<a class="rh-slides" href="{deck}">{slides}</a> |')
    return "\n".join(lines) + "\n"


def render_curriculum_map(docs, curriculum: dict, *, lang: str) -> str:
    """Every lesson plan with age band, duration, DigComp and national-curriculum links, as an
    HTML table the page's script can filter (teach/curriculum-map.md; links relative to teach/)."""
    from .curriculum import shown

    s = partial(_t, lang)
    lessons = [e for e, _l in shown(docs, lang, "educators")]
    by_plan = (curriculum or {}).get("lessons") or {}
    ages = sorted({e.age_band for e in lessons}, key=lambda b: ["11-13", "14-16", "16-18", "adults"].index(b))
    comps = sorted({c for e in lessons for c in e.digcomp}, key=lambda c: tuple(int(x) for x in c.split(".")))
    age_opts = "".join(f'<option value="{html.escape(a)}">{html.escape(_age(a, lang))}</option>' for a in ages)
    mod_opts = "".join(f'<option value="{m}">{m}</option>' for m in sorted({e.module for e in lessons}))
    comp_opts = "".join(f'<option value="{html.escape(c)}">{html.escape(c)}</option>' for c in comps)
    # Filters that apply as they change: a group of controls, not a form (a form wants a button)
    out = [f'<div class="rh-map-filter rh-js-only" id="rh-map-filter"><fieldset><legend>{html.escape(s("curriculum.filter"))}</legend>',
           f'<label for="rh-map-age">{html.escape(s("curriculum.ages"))}</label> <select id="rh-map-age">'
           f'<option value="">{html.escape(s("curriculum.all"))}</option>{age_opts}</select> ',
           f'<label for="rh-map-module">{html.escape(s("curriculum.module"))}</label> <select id="rh-map-module">'
           f'<option value="">{html.escape(s("curriculum.all"))}</option>{mod_opts}</select> ',
           f'<label for="rh-map-digcomp">{html.escape(s("curriculum.digcomp"))}</label> <select id="rh-map-digcomp">'
           f'<option value="">{html.escape(s("curriculum.all"))}</option>{comp_opts}</select>',
           f'</fieldset><p id="rh-map-count" role="status" data-template="{html.escape(s("curriculum.count"))}"></p></div>',
           # md_in_html turns the lesson cell into a link only if every element on the way down
           # asks for Markdown, each on its own line (the lesson plans' .md links then resolve)
           '<div class="rh-map-wrap" markdown="1">',
           '<table class="rh-map" id="rh-map" markdown="1">',
           "<thead><tr>" + "".join(f"<th scope=\"col\">{html.escape(s('curriculum.' + k))}</th>" for k in
                                   ("module", "lesson", "ages", "time", "digcomp", "italy", "england")) + "</tr></thead>",
           '<tbody markdown="1">']
    for e in lessons:
        links = by_plan.get(Path(e.rel).stem) or {}
        name = e.rel.split("/", 1)[1]
        out.append(f'<tr data-age="{html.escape(e.age_band)}" data-module="{e.module}" '
                   f'data-digcomp="{html.escape(" ".join(e.digcomp))}" markdown="1">'
                   f'<td>{e.module}</td><td markdown="span">[{_cell(e.title)}]({name})</td>'
                   f"<td>{html.escape(_age(e.age_band, lang))}</td><td>{e.minutes}</td>"
                   f"<td>{html.escape(', '.join(e.digcomp))}</td>"
                   f"<td>{html.escape(_text(links.get('it'), lang))}</td><td>{html.escape(_text(links.get('uk'), lang))}</td></tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out) + "\n"


# ── who maintains the site (About, Contribute) ──────────────────────────────
def repository_url(value: str | None) -> str:
    """The repository's address from configuration (REPO_URL / extra.repository), checked:
    an https address without spaces, quotes or brackets, or "" when none is set."""
    url = (value or "").strip().rstrip("/")
    if url and not re.fullmatch(r"https://[^\s\"'<>`()\[\]{}\\]+", url):
        raise ValueError(f"mkdocs.yml: extra.repository (or REPO_URL): {url!r} is not an https:// address "
                         "without spaces, quotes or brackets")
    return url


def render_repository(url: str, *, lang: str) -> str:
    """Who maintains the site and how to reach them: the repository and its issues, or a note
    that this copy does not say where its repository is."""
    s = partial(_t, lang)
    if not url:
        return s("about.no_repository") + "\n"
    return "\n\n".join([s("about.maintained").format(link=f"[{md_text(url.split('://', 1)[1])}]({url})"),
                          s("about.contact").format(issues=f"{url}/issues")]) + "\n"


def _age(band: str, lang: str) -> str:
    return _t(lang, "curriculum.adults") if band == "adults" else band.replace("-", "–")


def renderers(dataset: Dataset, docs=None, curriculum: dict | None = None) -> dict:
    """Marker name -> function(lang=..., **marker arguments) -> Markdown."""
    return {
        "curriculum-map": partial(render_curriculum_map, docs, curriculum),
        "modules": partial(render_modules, docs),
        "lessons": partial(render_lessons, docs),
        "services": partial(render_services, dataset),
        "finder": partial(render_finder, dataset),
        "quick-help": partial(render_quick_help, dataset),
        "laws-table": partial(render_laws_table, dataset),
        "law": partial(render_law, dataset),
        "law-changes": partial(render_law_changes, dataset),
    }


# ── handouts: "if you already have an image", and the services of each country ──
HANDOUT_AUDIENCES = ("students", "adults")


def handout_countries(dataset: Dataset, lang: str) -> list[str]:
    """Countries with services marked ``handout: true``: the language's lead countries for
    handouts first (lead.handouts in data/ui/<code>.yaml, else lead.services), then by name."""
    codes = [c for c, doc in dataset.services.items() if any(s.get("handout") for s in doc["services"])]
    try:
        first = tuple(setting(lang, "lead.handouts") or ())
    except (KeyError, TypeError):
        first = _lead(lang, "services")
    return country_order(codes, dataset, lang, first)


def _name_beside(name: str, number: str | None) -> str:
    """A service's name as printed beside its number: without the number when the name already
    ends with it ("Telefono Azzurro – linea di ascolto 19696" · 19696), so a handout shows the
    number once; the data keeps the official name."""
    if not number:
        return name
    digits = re.sub(r"\s", "", number)
    found = re.search(r"[\s–—:·,-]*\(?(?<!\d)(" + r"\s*".join(map(re.escape, digits)) + r")\)?\s*$", name)
    short = name[:found.start()].strip() if found else name
    return short or name


def _handout_service(service: dict, lang: str) -> str:
    where = partial(_where, "services", service["id"].split("-", 1)[0], service["id"])
    phone = (service.get("phone") or {}).get("local")
    bits = [f"**{md_text(_name_beside(service['name'], phone))}**"]
    if phone:
        bits.append(f"[{md_text(phone)}]({_tel((service.get('phone') or {}).get('international') or phone)})")
    url = href(service["url"], where("url"))
    bits.append(f"<{url}>")
    return "- " + " · ".join(bits)


def render_handout_help(dataset: Dataset, *, lang: str, site_url: str = "", default: str = "en",
                        audience: str = "students", country: str = "") -> str:
    """The end of a handout (and the box a teacher reads aloud): what to do if you already have an
    image, or sent or made one (for ``audience=adults``: if a child tells you so); then, country by country, the under-18 services marked
    ``handout: true`` with their numbers and addresses; then the address of this site's Get help page
    (``site_url`` from mkdocs.yml; ``default``: the language at the site's root)."""
    if audience not in HANDOUT_AUDIENCES:
        raise TypeError(f"audience must be {' or '.join(HANDOUT_AUDIENCES)}, not {audience!r}")
    s = partial(_t, lang)
    adults = audience == "adults"
    countries = handout_countries(dataset, lang)
    if country:
        # one country's services (a letter to families there), under a heading id of its own so that
        # a page can hold one box per country
        if country.upper() not in countries:
            raise TypeError(f"country must be the code of a country with handout services "
                            f"({', '.join(countries)}), not {country!r}")
        countries = [country.upper()]
    anchor = f"if-you-have-it-{country.lower()}" if country else "if-you-have-it"
    lines = [f"### {md_text(s('handout.adults_title' if adults else 'handout.title'))} {{ #{anchor} }}", ""]
    lines += [f"- {md_text(step)}" for step in s("handout.adults_steps" if adults else "handout.steps")] + [""]
    titles = s("handout.adults_countries" if adults else "handout.countries") or {}
    for code in countries:
        title = titles.get(code) or s("handout.adults_country_title" if adults else "handout.country_title").format(
            place=dataset.place_name(code, lang))
        lines += [f"**{md_text(title)}**", ""]
        lines += [_handout_service(svc, lang) for svc in dataset.services[code]["services"] if svc.get("handout")]
        lines.append("")
    if site_url:
        base = site_url.rstrip("/") + "/"
        address = f"{base}{'' if lang == default else lang + '/'}help/"
        lines += [f"{md_text(s('handout.site'))} <{href(address, 'mkdocs.yml: site_url')}>", ""]
    return "\n".join(lines)

