"""Load the facts kept in data/ (services, laws) and validate them against data/schema/.

A problem is reported as one line: ``file: entry <id>: field <path>: what is wrong``.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker


class _DataLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the text the author wrote, so the schema can judge them."""


_DataLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)


# kind -> (folder under data/, list key, code key of the file)
KINDS = {
    "services": ("services", "services", "country"),
    "laws": ("laws", "provisions", "jurisdiction"),
}


class DataError(Exception):
    """Raised with every problem found, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Dataset:
    places: dict[str, dict[str, str]]
    services: dict[str, dict] = field(default_factory=dict)  # code -> file content
    laws: dict[str, dict] = field(default_factory=dict)

    def place_name(self, code: str, lang: str) -> str:
        names = self.places.get(code, {})
        return names.get(lang) or names.get("en") or code


def _schema(schemas: Path, kind: str, languages: list[str]) -> dict:
    schema = json.loads((schemas / f"{kind}.schema.json").read_text(encoding="utf-8"))
    schema = copy.deepcopy(schema)
    schema["$defs"]["text"]["required"] = list(languages)
    return schema


_REQUIRED = re.compile(r"^'([^']+)' is a required property$")


def _describe(error, doc: Any, list_key: str, languages: list[str]) -> tuple[str, str, str]:
    """(entry, field, message) for one jsonschema error."""
    path = list(error.absolute_path)
    entry = "-"
    if len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
        item = doc[list_key][path[1]] if isinstance(doc, dict) else None
        entry = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{path[1] + 1}"
        path = path[2:]
    fld = ".".join(str(p) for p in path)
    message = error.message
    if error.validator == "required":
        missing = _REQUIRED.match(error.message)
        if missing:
            name = missing.group(1)
            fld = f"{fld}.{name}" if fld else name
            message = f"missing translation '{name}'" if name in languages else "is missing"
    elif error.validator == "additionalProperties":
        message = error.message.replace("Additional properties are not allowed", "unknown field(s)")
    elif error.validator == "pattern":
        message = f"{error.instance!r} is not in the expected form"
        if fld.endswith(("verified_on", "status_date", "in_force_since", "date")):
            message = f"{error.instance!r} is not an ISO date (YYYY-MM-DD)"
        elif "url" in fld:
            message = f"{error.instance!r} is not a web address (http(s)://host/...)"
        elif "phone" in fld:
            message = f"{error.instance!r} is not a phone number (digits, spaces, dashes; international starts with +)"
    elif error.validator == "format":
        message = f"{error.instance!r} is not a real date"
    elif error.validator == "not" and error.validator_value == {"required": ["in_force_since"]}:
        fld = "in_force_since"
        message = "is only for provisions whose status is in_force"
    return entry, fld or "-", message


def validate_file(path: Path, kind: str, *, schemas: Path, places: dict, languages: list[str],
                  label: str | None = None) -> tuple[Any, list[str]]:
    """Validate one data file; returns (content, problems)."""
    label = label or str(path)
    _folder, list_key, code_key = KINDS[kind]
    try:
        doc = load_yaml(path)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where else ""
        return None, [f"{label}: entry -: field -: not valid YAML{line}: {getattr(exc, 'problem', exc)}"]
    validator = Draft202012Validator(_schema(schemas, kind, languages), format_checker=FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        entry, fld, message = _describe(error, doc, list_key, languages)
        problems.append(f"{label}: entry {entry}: field {fld}: {message}")
    if not isinstance(doc, dict):
        return doc, problems
    code = doc.get(code_key)
    if isinstance(code, str):
        if code not in places:
            problems.append(f"{label}: entry -: field {code_key}: unknown country or jurisdiction {code!r} "
                            "(not listed in data/places.yaml)")
        if path.stem != code.lower():
            problems.append(f"{label}: entry -: field {code_key}: {code!r} does not match the file name {path.name!r}")
    prefix = path.stem + "-"
    for item in doc.get(list_key) or []:
        if not isinstance(item, dict):
            continue
        ident = item.get("id")
        if isinstance(ident, str) and not ident.startswith(prefix):
            problems.append(f"{label}: entry {ident}: field id: must start with {prefix!r}")
        juris = item.get("jurisdiction")
        if kind == "laws" and isinstance(juris, str):
            if juris not in places:
                problems.append(f"{label}: entry {ident}: field jurisdiction: unknown jurisdiction {juris!r} "
                                "(not listed in data/places.yaml)")
            elif isinstance(code, str) and not (juris == code or juris.startswith(code + "-")):
                problems.append(f"{label}: entry {ident}: field jurisdiction: {juris!r} is not part of {code!r}")
    return doc, problems


def load_dataset(data_dir: Path, languages: list[str], *, label_root: Path | None = None) -> Dataset:
    """Load and validate every data file; raise DataError listing all problems."""
    places_file = data_dir / "places.yaml"
    places = load_yaml(places_file) or {}
    schemas = data_dir / "schema"
    dataset = Dataset(places=places)
    problems: list[str] = []
    for kind, (folder, list_key, _code_key) in KINDS.items():
        seen_ids: dict[str, str] = {}
        for path in sorted((data_dir / folder).glob("*.yaml")):
            label = str(path.relative_to(label_root)) if label_root else str(path)
            doc, found = validate_file(path, kind, schemas=schemas, places=places,
                                       languages=languages, label=label)
            problems += found
            if not isinstance(doc, dict):
                continue
            for item in doc.get(list_key) or []:
                ident = item.get("id") if isinstance(item, dict) else None
                if isinstance(ident, str):
                    if ident in seen_ids:
                        problems.append(f"{label}: entry {ident}: field id: also used in {seen_ids[ident]}")
                    seen_ids[ident] = label
            if not found:
                getattr(dataset, kind)[path.stem.upper()] = doc
    if problems:
        raise DataError(problems)
    return dataset
