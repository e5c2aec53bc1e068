"""The audit ledger, data/ledger.yaml: one row per checked claim, so that the next check starts
from the last one.

A row has ``id``, ``claim``, ``where``, ``source``, ``verdict`` (correct / fixed / removed /
unconfirmed), ``date`` (YYYY-MM-DD) and ``entries``: the ids of the law and service entries the
claim belongs to (``entries: [it-112]``; an empty list for a claim made only in a page's prose).

``problems`` returns one line per mistake, and one line per law or service entry that no row
names: every entry of data/laws and data/services has been checked at least once.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from .data import KINDS, Dataset, iso_date, read_yaml

VERDICTS = ("correct", "fixed", "removed", "unconfirmed")
TEXT_FIELDS = ("claim", "where", "source")
LABEL = "data/ledger.yaml"


def entry_ids(dataset: Dataset) -> dict[str, str]:
    """Every law and service id -> the file that holds it."""
    found = {}
    for kind, (folder, list_key, _code_key) in KINDS.items():
        for code, doc in sorted(getattr(dataset, kind).items()):
            for item in doc[list_key]:
                found[item["id"]] = f"data/{folder}/{code.lower()}.yaml"
    return found


def load(path: Path, label: str = LABEL) -> tuple[list[dict], list[str]]:
    """(rows, problems): the file is readable and holds a list under ``claims``."""
    if not path.is_file():
        return [], [f"{label}: entry -: field -: the file is missing (the ledger of checked claims)"]
    doc, problems = read_yaml(path, label)
    if problems:
        return [], problems
    rows = doc.get("claims") if isinstance(doc, dict) else None
    if not isinstance(rows, list):
        return [], [f"{label}: entry -: field claims: must be a list of rows (claim, where, source, verdict, "
                    "date, entries)"]
    return rows, []


def row_problems(rows: list, known: dict[str, str], label: str = LABEL, *,
                 today: date | None = None) -> list[str]:
    """Each row complete and sound, ids unique, every entry it names known."""
    problems: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            problems.append(f"{label}: entry #{n}: field -: a row must be a set of fields (id, claim, ...)")
            continue
        ident = row.get("id")
        if not isinstance(ident, str) or not ident.strip():
            problems.append(f"{label}: entry #{n}: field id: is missing")
            ident = f"#{n}"
        elif ident in seen:
            problems.append(f"{label}: entry {ident}: field id: used by another row; give this row the next id")
        seen.add(ident)
        where = f"{label}: entry {ident}"
        for key in TEXT_FIELDS:
            if not isinstance(row.get(key), str) or not row[key].strip():
                problems.append(f"{where}: field {key}: is missing (write it in words)")
        verdict = row.get("verdict")
        if verdict not in VERDICTS:
            problems.append(f"{where}: field verdict: {verdict!r} is not one of {', '.join(VERDICTS)}")
        day = iso_date(row.get("date"))
        if day is None:
            problems.append(f"{where}: field date: {row.get('date')!r} is not a date (write YYYY-MM-DD)")
        elif today is not None and day > today:
            problems.append(f"{where}: field date: {day.isoformat()} is in the future")
        entries = row.get("entries")
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            problems.append(f"{where}: field entries: must list the ids of the law or service entries the claim "
                            "is about, e.g. [it-112] ([] for a claim made only in a page)")
            continue
        for name in entries:
            if name not in known:
                problems.append(f"{where}: field entries: {name!r} is not the id of any entry in data/laws or "
                                "data/services (check the spelling)")
    return problems


def coverage_problems(rows: list, known: dict[str, str], label: str = LABEL) -> list[str]:
    """One line per law or service entry that no row names."""
    named = {e for row in rows if isinstance(row, dict) and isinstance(row.get("entries"), list)
             for e in row["entries"]}
    return [f"{known[ident]}: entry {ident}: field id: no row of {label} names this entry; check its claims "
            "against the source and add a row (see CONTRIBUTING.md, the audit ledger)"
            for ident in sorted(known) if ident not in named]


def problems(path: Path, dataset: Dataset, *, today: date | None = None, label: str = LABEL) -> list[str]:
    rows, found = load(path, label)
    if found:
        return found
    known = entry_ids(dataset)
    return row_problems(rows, known, label, today=today) + coverage_problems(rows, known, label)


def totals(path: Path) -> Counter:
    rows, _ = load(path)
    found = Counter({v: 0 for v in VERDICTS})
    found.update(row.get("verdict") for row in rows if isinstance(row, dict) and row.get("verdict") in VERDICTS)
    return found


def report(path: Path) -> str:
    found = totals(path)
    return "ledger: " + ", ".join(f"{found[v]} {v}" for v in VERDICTS) + f" ({sum(found.values())} rows)"
