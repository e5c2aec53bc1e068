"""What a translation must carry over unchanged: every phone number and other number, web
address, e-mail address, date and legal reference of the English text. A person in crisis dials
the number she reads; a wrong digit, a missing "116 111" or a date moved by a day is worse than
English. Meaning and tone are a careful reader's job; these are a machine's.

Numbers of three digits or more (phone numbers, years, case numbers; not ages or hours, which a
language may write in words) are compared as digits: "1,500", "1.500" and "1 500" are one number, "2.5" and "2,5"
another; Eastern Arabic digits count as the same digits. A date in words is its day, month and
year: the month's name in each language comes from Babel (CLDR), so "10 October 2025",
"10 ottobre 2025", "10 жовтня 2025 року" and "2025年10月10日" carry the same date. Legal
references keep their letters: "612-ter", "s.66B", "§ 201a".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from babel import Locale, UnknownLocaleError

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
URL = re.compile(r"https?://[^\s<>()\[\]\"'`«»“”]+")
# addresses and references are Latin script: a Chinese character touching them is not part of them
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# digits, with thousands groups (comma, point, space, no-break spaces) and a decimal part
NUMBER = re.compile(r"(?<![0-9A-Za-z_.,])\d+(?:[,.\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+(?![\d]))?")
LEGAL = re.compile(r"(?<![A-Za-z0-9])\d+-(?:bis|ter|quater|quinquies|sexies|septies|octies)(?![A-Za-z0-9])"  # codespell:ignore quater
                   r"|(?<![A-Za-z0-9-])\d+[A-Z]{1,2}(?![A-Za-z0-9])"
                   r"|§\s*\d+[a-z]?(?![A-Za-z0-9])")
SEPARATORS = re.compile(r"[,.\u00a0\u202f ]")
KINDS = {"url": "web address", "email": "e-mail address", "legal": "legal reference",
         "number": "number", "month": "month of a date", "date": "date"}


@lru_cache(maxsize=None)
def _months(lang: str) -> list[tuple[re.Pattern, int]]:
    """Each month's names in a language, as patterns -> the month's number: the forms CLDR has
    (format and stand-alone, wide and abbreviated), and where they share a stem of three letters or
    more, the stem with any ending (Ukrainian "у травні" is not in CLDR, but "травня" and "травень"
    share "трав"). A word taken for a month by mistake only makes the check more lenient."""
    import os

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    forms: dict[int, set[str]] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                name = name.strip(".").lower()
                if len(name) >= 3:
                    forms.setdefault(number, set()).add(name)
    out = []
    for number, names in forms.items():
        wide = {locale.months[c]["wide"][number].lower() for c in ("format", "stand-alone")}
        stem = os.path.commonprefix(sorted(wide))
        words = sorted(names, key=len, reverse=True)
        alternatives = [re.escape(w) for w in words] + ([re.escape(stem) + r"\w*"] if len(stem) >= 3 else [])
        out.append((re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})\.?(?!\w)", re.IGNORECASE), number))
    return out


ENGLISH_DATE = re.compile(
    r"(?:\b\d{1,2}\s+)?\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?:\s+\d{4})?")


def _english_dates(text: str) -> list[tuple[str, str]]:
    """Dates of an English text: ("date", "day month") for a day with its month, ("month", "n")
    for a month with its year only ("may" alone is a verb, not a date)."""
    order = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december"]
    found = []
    for match in ENGLISH_DATE.finditer(text):
        month = order.index(match.group(1).lower()) + 1
        day = re.match(r"\s*(\d{1,2})\s", match.group(0))
        if day:
            found.append(("date", f"{int(day.group(1))} {month}"))
        elif match.group(0).strip() != match.group(1):  # a year with it
            found.append(("month", str(month)))
    return found


DAY_BEFORE = re.compile(r"(\d{1,2})(?:\.|er|º|-?го|-?а)?\s*(?:de\s+)?$")
DAY_AFTER = re.compile(r"^\s*(\d{1,2})\b(?!\d)")


def _translated_dates(text: str, lang: str) -> list[tuple[str, str]]:
    """Dates of a translated text: every month named ("month"), and with the day next to it
    ("date"), whichever side the language writes it on; 10月10日 in Chinese."""
    found = []
    for month, day in re.findall(r"(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?", text):
        found.append(("month", str(int(month))))
        if day:
            found.append(("date", f"{int(day)} {int(month)}"))
    taken = [False] * len(text)
    for pattern, number in _months(lang):
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]):
                continue
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
            found.append(("month", str(number)))
            for day in (DAY_BEFORE.search(text[max(0, match.start() - 8):match.start()]),
                        DAY_AFTER.search(text[match.end():match.end() + 6])):
                if day:
                    found.append(("date", f"{int(day.group(1))} {number}"))
    return found


def _number(token: str) -> str:
    parts = SEPARATORS.split(token)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return "".join(parts)  # thousands groups, or a phone number in groups of three
    return token.replace(",", ".")


def tokens(text: str, lang: str) -> Counter:
    """What must carry over, as (kind, value) pairs with their counts."""
    text = text.translate(DIGITS)
    found: Counter = Counter()
    for url in URL.findall(text):
        found[("url", url.rstrip(".,;:!?"))] += 1
    text = URL.sub(" ", text)
    for email in EMAIL.findall(text):
        found[("email", email)] += 1
    text = EMAIL.sub(" ", text)
    for ref in LEGAL.findall(text):
        found[("legal", re.sub(r"\s+", "", ref))] += 1
    for date in (_english_dates(text) if lang == "en" else _translated_dates(text, lang)):
        found[date] += 1
    for number in NUMBER.findall(text):
        value = _number(number)
        if sum(c.isdigit() for c in value) >= 3:  # phone numbers, years, case numbers: not ages or hours
            found[("number", value)] += 1
    return found


def missing(english: str, translated: str, lang: str) -> list[tuple[str, str]]:
    """What the English text has that the translation does not (each value at least once)."""
    theirs = tokens(translated, lang)
    out = []
    for (kind, value) in tokens(english, "en"):
        if theirs[(kind, value)] == 0:
            out.append((kind, value))
    return out


def describe(kind: str, value: str, lang: str) -> str:
    if kind == "date":
        day, month = value.split()
        return f"the date {day} {Locale.parse('en').months['format']['wide'][int(month)]} (day and month)"
    if kind == "month":
        try:
            name = Locale.parse(lang).months["stand-alone"]["wide"][int(value)]
        except (UnknownLocaleError, ValueError, KeyError):
            name = value
        return f"the month {name} of a date (English: {Locale.parse('en').months['format']['wide'][int(value)]})"
    return f"the {KINDS[kind]} {value}"


def problems(english: str, translated: str, lang: str, label: str) -> list[str]:
    """One line per number, address, date or legal reference of the English text missing from
    the translation, saying what to write."""
    return [f"{label}: {describe(kind, value, lang)} of the English text is missing; write it as the English does"
            for kind, value in missing(english, translated, lang)]


def carries_over(lang: str) -> bool:
    """Is the language checked (carry_over: in its settings; true unless it says false)?"""
    from .ui import strings

    return strings(lang).get("carry_over", True) is not False


def page_problems(docs, languages: list[str], also: list[str] | tuple = ()) -> list[str]:
    """Every translated page (a page of docs/<lang>/ that differs from its English source) of the
    languages that carry over, and of those named in ``also`` whatever their setting."""
    default = languages[0]
    out = []
    for lang in [*languages[1:], *also]:
        if not carries_over(lang) and lang not in also:
            continue
        for path in sorted((docs / lang).rglob("*.md")):
            rel = path.relative_to(docs / lang)
            source = docs / default / rel
            if not source.is_file():
                continue
            english, translated = source.read_text(encoding="utf-8"), path.read_text(encoding="utf-8")
            if english != translated:
                out += problems(english, translated, lang, f"docs/{lang}/{rel.as_posix()}")
    return out


def data_problems(data_dir, languages: list[str], kinds: tuple[str, ...] = ("services", "glossary")) -> list[str]:
    """Every data text translated in data/i18n/<lang>/ against its English text."""
    from .datatexts import field_name, merged_documents, slots

    out = []
    for kind in kinds:
        documents = merged_documents(data_dir, kind, languages)
        for lang in languages[1:]:
            if not carries_over(lang):
                continue
            for _label, doc in documents:
                for entry, path, text in slots(kind, doc):
                    translated = text.get(lang)
                    if isinstance(translated, list):
                        translated = " ".join(translated)
                    english = text["en"] if not isinstance(text["en"], list) else " ".join(text["en"])
                    if isinstance(translated, str) and isinstance(english, str):
                        out += problems(english, translated, lang,
                                        f"data/i18n/{lang}/{kind}.yaml: entry {entry}: field {field_name(path)}")
    return out
