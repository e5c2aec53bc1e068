"""Where facts come from: data/sources.yaml lists the official hosts per jurisdiction, the banned
hosts (proxies, mirrors, staging, archives, aggregators) and the tracking parameters.

``check`` returns one line per problem in data/ (an http address, a tracking parameter, a banned
host without ``source_reason``, an ``official_url`` off the official list without
``official_url_reason``); ``classify`` sorts every source into official / service's own /
secondary for the report of ``make check``; ``page_links`` finds the same kinds of address in the
pages' prose, which stop ``make check`` and the build just the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from .data import Dataset, read_yaml

CLASSES = ("official", "service's own", "secondary")


@dataclass
class Sources:
    official: dict[str, list[str]] = field(default_factory=dict)
    banned_hosts: list[str] = field(default_factory=list)
    tracking_parameters: list[str] = field(default_factory=list)
    http_only: list[str] = field(default_factory=list)


def load(path: Path, label: str = "data/sources.yaml") -> tuple[Sources, list[str]]:
    doc, problems = read_yaml(path, label)
    if problems:
        return Sources(), problems
    if not isinstance(doc, dict):
        return Sources(), [f"{label}: entry -: field -: must list official, banned_hosts and tracking_parameters"]
    result = Sources()
    for key in ("official", "banned_hosts", "tracking_parameters", "http_only"):
        value = doc.get(key, {} if key == "official" else [])
        ok = (isinstance(value, dict) and all(isinstance(v, list) for v in value.values())) if key == "official" \
            else isinstance(value, list)
        if not ok:
            problems.append(f"{label}: entry -: field {key}: must be a list of host names"
                            + (" for each jurisdiction" if key == "official" else ""))
            continue
        setattr(result, key, {str(k): [str(h).lower() for h in v] for k, v in value.items()} if key == "official"
                else [str(h).lower() for h in value])
    return result, problems


def host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def on_host(name: str, hosts) -> bool:
    """Is ``name`` one of ``hosts`` or a subdomain of one?"""
    return any(name == h or name.endswith("." + h) for h in hosts)


def official_hosts(sources: Sources, jurisdiction: str) -> list[str]:
    """Hosts of the jurisdiction and, for a part of a country (US-CA), of the country."""
    country = jurisdiction.split("-", 1)[0]
    return sources.official.get(jurisdiction, []) + (sources.official.get(country, []) if country != jurisdiction else [])


def _same_site(a: str, b: str) -> bool:
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return bool(a) and (a == b or a.endswith("." + b) or b.endswith("." + a))


def url_problems(url: str, sources: Sources, *, reason: bool) -> list[str]:
    """The banned kinds of address, each as words for a contributor."""
    found = []
    name = host(url)
    if url.lower().startswith("http://") and not on_host(name, sources.http_only):
        found.append(f"{url!r} starts with http://; write https:// (the site offers it)")
    for key, _value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        for pattern in sources.tracking_parameters:
            if key == pattern or (pattern.endswith("*") and key.startswith(pattern[:-1])):
                found.append(f"{url!r} has the tracking parameter {key!r}; remove it (copy the address "
                             "without ?{key}=…)".replace("{key}", key))
                break
    if not reason and on_host(name, sources.banned_hosts):
        found.append(f"{url!r} is on {name}, a copy, proxy or aggregator; use the original page, or say in "
                     "source_reason why no better copy exists")
    return found


def _entries(dataset: Dataset):
    for code, doc in sorted(dataset.services.items()):
        for item in doc["services"]:
            yield "services", code, item
    for code, doc in sorted(dataset.laws.items()):
        for item in doc["provisions"]:
            yield "laws", code, item


def check(dataset: Dataset, sources: Sources) -> list[str]:
    """Problems of every address in data/services and data/laws, one line each."""
    problems = []
    for kind, code, item in _entries(dataset):
        where = f"data/{kind}/{code.lower()}.yaml: entry {item['id']}"
        for fld in ("url", "source_url", "official_url"):
            url = item.get(fld)
            if not isinstance(url, str):
                continue
            reason = fld == "source_url" and bool(item.get("source_reason"))
            for bad in url_problems(url, sources, reason=reason):
                problems.append(f"{where}: field {fld}: {bad}")
        official = item.get("official_url")
        if kind == "laws" and isinstance(official, str) and not item.get("official_url_reason"):
            hosts = official_hosts(sources, item["jurisdiction"])
            if not on_host(host(official), hosts):
                listed = ", ".join(hosts) or "none"
                problems.append(f"{where}: field official_url: {host(official)} is not an official host for "
                                f"{item['jurisdiction']} in data/sources.yaml (listed: {listed}); link the official "
                                "text, or say why in official_url_reason")
    return problems


def check_curriculum(curriculum: dict, sources: Sources, label: str = "data/curriculum.yaml") -> list[str]:
    problems = []
    for ident, source in ((curriculum or {}).get("sources") or {}).items():
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            for bad in url_problems(source["url"], sources, reason=bool(source.get("source_reason"))):
                problems.append(f"{label}: entry {ident}: field url: {bad}")
    return problems


def classify(url: str, sources: Sources, *, jurisdiction: str, own: str | None = None) -> str:
    name = host(url)
    if on_host(name, official_hosts(sources, jurisdiction)):
        return "official"
    if own and _same_site(name, host(own)):
        return "service's own"
    return "secondary"


def counts(dataset: Dataset, sources: Sources) -> Counter:
    """How many sources of each class: a law's source_url, a service's source_url."""
    found = Counter({c: 0 for c in CLASSES})
    for kind, code, item in _entries(dataset):
        juris = item.get("jurisdiction", code)
        own = item.get("url") if kind == "services" else None
        found[classify(item["source_url"], sources, jurisdiction=juris, own=own)] += 1
    return found


def report(dataset: Dataset, sources: Sources) -> str:
    found = counts(dataset, sources)
    return "sources: " + ", ".join(f"{found[c]} {c}" for c in CLASSES) + f" ({sum(found.values())} in all)"


LINK = re.compile(r"https?://[^\s\"'<>)\]]+")


def page_links(docs: Path, languages: list[str], sources: Sources) -> list[str]:
    """Addresses in the pages' prose of a banned kind: 'docs/<lang>/<page>: <what>'."""
    found = []
    for lang in languages:
        for path in sorted((docs / lang).rglob("*.md")):
            rel = f"docs/{lang}/{path.relative_to(docs / lang).as_posix()}"
            for url in sorted(set(LINK.findall(path.read_text(encoding="utf-8")))):
                if host(url) in ("127.0.0.1", "localhost") or url.startswith("http://www.w3.org/"):
                    continue
                found += [f"{rel}: {bad}" for bad in url_problems(url.rstrip(".,;"), sources, reason=False)]
    return found
