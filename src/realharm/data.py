"""Load the facts kept in data/ (services, laws) and validate them against data/schema/.

A problem is reported as one line: ``file: entry <id>: field <path>: what is wrong``.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
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


# ── YAML syntax errors in plain words ───────────────────────────────────────
def _open_quote(line: str) -> bool:
    """Does this line open a quoted text ("..." or '...') that it does not close?"""
    quote, prev, i = None, " ", 0
    while i < len(line):
        ch = line[i]
        if quote is None:
            if ch == "#" and prev in " \t":
                return False
            if ch in "\"'" and prev in " \t:[{,-":
                quote = ch
        elif quote == '"' and ch == "\\":
            i += 1
        elif ch == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":
                i += 1
            else:
                quote = None
        prev = ch
        i += 1
    return quote is not None


def yaml_error(exc: yaml.YAMLError, text: str, first_line: int = 1) -> str:
    """'line N: what is wrong' for a YAML syntax error, in words a translator can act on.
    The parser often notices a missing quote lines later, so the text up to the place where
    it stopped is searched for a quote that is opened and not closed on its line."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", "") or exc)
    lines = text.splitlines()
    stop = mark.line if mark else len(lines) - 1
    for n, line in enumerate(lines[:stop + 1]):
        if _open_quote(line):
            return (f"line {n + first_line}: a quote is not closed (end the text with the same "
                    "quote mark it starts with)")
    where = f"line {stop + first_line}" if mark else "somewhere"
    if "\\t" in problem or "tab" in problem:
        words = "a tab character; indent with spaces only"
    elif "mapping values are not allowed" in problem:
        words = ("a colon ':' inside a text (put the whole text in double quotes), or a line indented more "
                 "than the one above it")
    elif "found duplicate" in problem or "found undefined" in problem:
        words = f"the file cannot be read ({problem})"
    elif any(s in problem for s in ("expected <block end>", "expected ':'", "expected key",
                                    "expected '-'", "block mapping", "block sequence")):
        words = ("the indentation (the spaces at the start of the line) does not match the lines around it, "
                 "or a text with a colon or quote needs double quotes around it")
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        words = "a list [ ] or a group { } is not closed, or a comma is missing"
    else:
        words = f"the file cannot be read here ({problem})"
    return f"{where}: {words}"


def read_yaml(path: Path, label: str, *, loader=None) -> tuple[Any, list[str]]:
    """(content, problems) of a YAML file; a syntax error is one line naming file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=loader or _DataLoader), []
    except yaml.YAMLError as exc:
        return None, [f"{label}: entry -: field -: not valid YAML, {yaml_error(exc, text)}"]


# ── checks shared by every data file ────────────────────────────────────────
def _url_pattern(schemas: Path) -> re.Pattern:
    schema = json.loads((schemas / "services.schema.json").read_text(encoding="utf-8"))
    return re.compile(schema["$defs"]["url"]["pattern"])


def url_problem(value: Any, pattern: re.Pattern) -> str | None:
    """Why a value is not a web address the site can link to, or None."""
    if isinstance(value, str) and pattern.match(value):
        return None
    text = str(value)
    if not re.match(r"^https?://", text, re.IGNORECASE):
        return f"{text!r} is not a web address: it must start with https:// (or http://)"
    bad = sorted({ch for ch in text if ch in "\"'<>`{}|\\^" or ch.isspace()})
    if bad:
        shown = ", ".join("a space" if ch == " " else repr(ch) for ch in bad)
        return (f"{text!r} contains {shown}, which a web address cannot contain "
                "(copy the address again from the browser's address bar)")
    return f"{text!r} is not a web address (http(s)://host/...)"


def iso_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


# How long a fact may go unchecked: review_by is at most this many months after verified_on.
REVIEW_MONTHS = {"laws": 6, "services": 12}


def review_problem(item: dict, kind: str) -> str | None:
    """review_by must come after verified_on, and at most 6 (laws) or 12 (services) months after."""
    checked, due = iso_date(item.get("verified_on")), iso_date(item.get("review_by"))
    if not checked or not due:
        return None
    limit = add_months(checked, REVIEW_MONTHS[kind])
    if due <= checked:
        return (f"{due.isoformat()} is not after verified_on {checked.isoformat()}; write the date by which "
                "it must be checked again")
    if due > limit:
        return (f"{due.isoformat()} is more than {REVIEW_MONTHS[kind]} months after verified_on "
                f"{checked.isoformat()}; write {limit.isoformat()} or an earlier date")
    return None


def date_order_problems(item: dict) -> list[tuple[str, str]]:
    """(field, what is wrong) when a law's dates contradict each other: it cannot apply before it
    was adopted, a directive's transposition deadline cannot come before its adoption or its
    entry into force, and a law cannot be repealed before it was adopted."""
    adopted = iso_date(item.get("adopted_on"))
    found = []
    for key, words in (("in_force_since", "it cannot be in force before it was adopted"),
                       ("transposition_deadline", "the deadline to transpose it cannot come before it was adopted"),
                       ("repealed_on", "it cannot be repealed before it was adopted")):
        when = iso_date(item.get(key))
        if adopted and when and when < adopted:
            found.append((key, f"{when.isoformat()} is before adopted_on {adopted.isoformat()}: {words}; "
                               "check both dates in the source"))
    start, deadline = iso_date(item.get("in_force_since")), iso_date(item.get("transposition_deadline"))
    if start and deadline and deadline < start and not any(key == "transposition_deadline" for key, _ in found):
        found.append(("transposition_deadline", f"{deadline.isoformat()} is before in_force_since "
                      f"{start.isoformat()}: a directive is in force before the deadline to transpose it"))
    return found


def phone_problems(phone: Any, country: str) -> list[tuple[str, str]]:
    """(field, what is wrong) for a phone number that is not valid in its country, according to
    the phonenumbers library (Google's libphonenumber data), short numbers included. The EU's
    harmonised 116 numbers (Decision 2007/116/EC) are accepted when the library finds them
    possible for the country, because its data does not list every one that is in service."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    if not isinstance(phone, dict):
        return []
    region = None if country == "INT" else country
    found, parsed = [], {}
    local, international = phone.get("local"), phone.get("international")
    if isinstance(local, str) and region:
        try:
            number = phonenumbers.parse(local, region)
        except phonenumbers.NumberParseException:
            number = None
        digits = "".join(ch for ch in local if ch.isdigit())
        ok = number is not None and (
            phonenumbers.is_valid_number_for_region(number, region)
            or shortnumberinfo.is_valid_short_number_for_region(number, region)
            or (digits.startswith("116") and shortnumberinfo.is_possible_short_number_for_region(number, region)))
        if ok:
            parsed["local"] = number
        else:
            found.append(("phone.local", f"{local!r} is not a valid phone number in {country} (neither a full "
                                         "number nor a short number such as 112); copy it again from the "
                                         "service's own page"))
    if isinstance(international, str):
        try:
            number = phonenumbers.parse(international, None)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            found.append(("phone.international", f"{international!r} is not a valid international phone number "
                                                 "(+ country code, then the number without its leading 0)"))
        elif region and not phonenumbers.is_valid_number_for_region(number, region):
            found.append(("phone.international", f"{international!r} is not a number of {country}"))
        else:
            parsed["international"] = number
    if len(parsed) == 2 and (parsed["local"].country_code, parsed["local"].national_number) != \
            (parsed["international"].country_code, parsed["international"].national_number):
        found.append(("phone.international", f"{international!r} is not the same number as phone.local {local!r}"))
    return found


def future_date(value: Any, today: date) -> str | None:
    """A date that records something already done must not be after today."""
    when = iso_date(value)
    if when and when > today:
        return (f"{value} is in the future (today is {today.isoformat()}); write the date on which "
                "it really happened")
    return None


def braces_problem(value: Any) -> str | None:
    """Text shown in a heading: braces would be read as attributes and change the heading's link."""
    if isinstance(value, str) and ("{" in value or "}" in value):
        return ("has braces { }, which are not allowed in a heading: they would change the link to "
                "this entry; write it without braces")
    return None


# Fields that record something already done (never later than the build date).
# (in_force_since, transposition_deadline and repealed_on may be future dates: the status follows them.)
DONE_DATES = ("verified_on", "adopted_on", "last_step_on")
# Fields whose text becomes a heading on a page.
HEADING_FIELDS = {"services": ("name",), "laws": ("title",)}


def check_places(places: Any, label: str, languages: list[str]) -> list[str]:
    """Every code is an ISO 3166 code (a country, ISO 3166-1 alpha-2, or a part of one, ISO 3166-2)
    unless the entry says iso: false (for jurisdictions with no ISO code, such as EU and INT)."""
    if not isinstance(places, dict):
        return [f"{label}: entry -: field -: must list codes, each with its names (CODE: {{en: ..., it: ...}})"]
    problems = []
    for code, names in places.items():
        if not isinstance(names, dict):
            problems.append(f"{label}: entry {code}: field -: needs its names (CODE: {{en: ..., it: ...}})")
            continue
        for lang in languages[:1]:  # other languages show the default one's name until translated
            if not isinstance(names.get(lang), str) or not names[lang]:
                problems.append(f"{label}: entry {code}: field {lang}: missing translation '{lang}'")
        for lang, name in names.items():
            bad = braces_problem(name)
            if bad:
                where = label if lang == languages[0] else f"data/i18n/{lang}/places.yaml"
                problems.append(f"{where}: entry {code}: field {lang if where == label else '-'}: {bad}")
        if names.get("iso") is False:
            continue
        code_text = str(code)
        known = (pycountry.countries.get(alpha_2=code_text) if re.fullmatch(r"[A-Z]{2}", code_text)
                 else pycountry.subdivisions.get(code=code_text) if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code_text)
                 else None)
        if known is None:
            problems.append(f"{label}: entry {code}: field -: {code_text!r} is not an ISO 3166 code "
                            "(two capital letters for a country, e.g. FR; XX-YY for a part of one, e.g. US-CA); "
                            "a jurisdiction with no ISO code must say iso: false")
    return problems


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
    # only the default language is required: a text missing in another one is shown in it, marked
    schema["$defs"]["text"]["required"] = list(languages[:1])
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
        if fld.endswith(("_on", "in_force_since", "date", "_deadline", "review_by")):
            message = f"{error.instance!r} is not an ISO date (YYYY-MM-DD)"
        elif "url" in fld:
            message = url_problem(error.instance, re.compile(error.validator_value)) or message
        elif "phone" in fld:
            message = f"{error.instance!r} is not a phone number (digits, spaces, dashes; international starts with +)"
    elif error.validator == "format":
        message = f"{error.instance!r} is not a real date"
    elif error.validator == "not" and error.validator_value == {"required": ["last_step_on"]}:
        fld = "last_step_on"
        message = "is only for a bill (status: bill); a law has adopted_on and in_force_since"
    elif error.validator == "not" and fld == "":
        fld = "status"
        message = ("a bill (status: bill) is not law: it has no adopted_on or in_force_since; when it is "
                   "adopted, remove status and last_step_on and write those dates")
    elif error.validator == "const" and fld.endswith("status"):
        message = (f"{error.instance!r} is not allowed: write status: bill for a bill, and leave status out for "
                   "a law (its status is worked out from adopted_on, in_force_since and the other dates)")
    return entry, fld or "-", message


def validate_file(path: Path, kind: str, *, schemas: Path, places: dict, languages: list[str],
                  label: str | None = None, today: date | None = None) -> tuple[Any, list[str]]:
    """Validate one data file; returns (content, problems)."""
    label = label or str(path)
    today = today or date.today()
    _folder, list_key, code_key = KINDS[kind]
    doc, problems = read_yaml(path, label)
    if problems:
        return None, problems
    validator = Draft202012Validator(_schema(schemas, kind, languages), format_checker=FormatChecker())
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
        late = set()  # a date already refused as future is not compared with the others again
        for key in DONE_DATES:
            bad = future_date(item.get(key), today)
            if bad:
                late.add(key)
                problems.append(f"{label}: entry {ident}: field {key}: {bad}")
        bad = None if "verified_on" in late else review_problem(item, kind)
        if bad:
            problems.append(f"{label}: entry {ident}: field review_by: {bad}")
        found = (date_order_problems(item) if "adopted_on" not in late else []) if kind == "laws" else \
            phone_problems(item.get("phone"), code) if isinstance(code, str) else []
        problems += [f"{label}: entry {ident}: field {fld}: {what}" for fld, what in found]
        for key in HEADING_FIELDS[kind]:
            value = item.get(key)
            texts = value.items() if isinstance(value, dict) else [(None, value)]
            for lang, text in texts:
                bad = braces_problem(text)
                if bad:
                    problems.append(f"{label}: entry {ident}: field {key}{'.' + lang if lang else ''}: {bad}")
        juris = item.get("jurisdiction")
        if kind == "laws" and isinstance(juris, str):
            if juris not in places:
                problems.append(f"{label}: entry {ident}: field jurisdiction: unknown jurisdiction {juris!r} "
                                "(not listed in data/places.yaml)")
            elif isinstance(code, str) and not (juris == code or juris.startswith(code + "-")):
                problems.append(f"{label}: entry {ident}: field jurisdiction: {juris!r} is not part of {code!r}")
    return doc, problems


def _translated_heading_problems(kind: str, documents: list, languages: list[str], root_label: str) -> list[str]:
    """Braces in a translated heading (checked in the English file for English)."""
    _folder, list_key, _code_key = KINDS[kind]
    out = []
    for _label, doc in documents:
        for item in doc.get(list_key) or []:
            if not isinstance(item, dict):
                continue
            for key in HEADING_FIELDS[kind]:
                value = item.get(key)
                for lang in languages[1:]:
                    bad = braces_problem(value.get(lang)) if isinstance(value, dict) else None
                    if bad:
                        out.append(f"{root_label}/i18n/{lang}/{kind}.yaml: entry {item.get('id')}: field {key}: {bad}")
    return out


def load_dataset(data_dir: Path, languages: list[str], *, label_root: Path | None = None,
                 today: date | None = None) -> Dataset:
    """Load and validate every data file; raise DataError listing all problems."""
    places_file = data_dir / "places.yaml"
    places_label = str(places_file.relative_to(label_root)) if label_root else str(places_file)
    from . import datatexts

    root_label = str(data_dir.relative_to(label_root)) if label_root else str(data_dir)
    places, problems = read_yaml(places_file, places_label)
    places = places or {}
    if not problems and isinstance(places, dict):
        problems += datatexts.inline_problems("places", places_label, places, root_label)
        # the names in other languages (data/i18n/<lang>/places.yaml), checked with the English ones
        problems += datatexts.merge(data_dir, "places", [(places_label, places)], languages, root_label=root_label)
    problems += check_places(places, places_label, languages) if not problems else []
    places = places if isinstance(places, dict) else {}
    schemas = data_dir / "schema"
    dataset = Dataset(places=places)
    problems += datatexts.unknown_folders(data_dir, languages, root_label)
    for kind, (folder, list_key, _code_key) in KINDS.items():
        documents = []  # every English file that could be read, for the translations' ids
        seen_ids: dict[str, str] = {}
        for path in sorted((data_dir / folder).glob("*.yaml")):
            label = str(path.relative_to(label_root)) if label_root else str(path)
            doc, found = validate_file(path, kind, schemas=schemas, places=places,
                                       languages=languages, label=label, today=today)
            problems += found
            if not isinstance(doc, dict):
                continue
            documents.append((label, doc))
            problems += datatexts.inline_problems(kind, label, doc, root_label)
            for item in doc.get(list_key) or []:
                ident = item.get("id") if isinstance(item, dict) else None
                if isinstance(ident, str):
                    if ident in seen_ids:
                        problems.append(f"{label}: entry {ident}: field id: also used in {seen_ids[ident]}")
                    seen_ids[ident] = label
            if not found:
                getattr(dataset, kind)[path.stem.upper()] = doc
        # each language's texts (data/i18n/<lang>/<kind>.yaml), into the English entries
        problems += datatexts.merge(data_dir, kind, documents, languages, root_label=root_label)
        problems += _translated_heading_problems(kind, documents, languages, root_label)
    if problems:
        raise DataError(problems)
    return dataset
