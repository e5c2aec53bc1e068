"""``python -m realharm move-translations``: move every text in a language other than English
from the English data files (``{en: ..., it: ...}``) into ``data/i18n/<lang>/<kind>.yaml``.

It can run at any time and again: a file with nothing to move is left as it is, byte for byte.
The English files keep their comments, order, quotes and line layout, because they are edited
with ruamel.yaml's round trip (PyYAML drops comments); each file's indentation is detected, so
that only the moved texts change. A text already in data/i18n/ is replaced by the one written
inline (the newer one) and the command says so. New entries go into the translation file in
the English order.
"""

from __future__ import annotations

import io
from pathlib import Path

from .datatexts import FOLDER, KINDS, NOT_LANGUAGES, english_files, slots, translation_file

# (mapping, sequence, offset) indentations tried, the project's own first
INDENTS = [(2, 4, 2), (2, 2, 0), (2, 4, 4), (4, 4, 2), (4, 6, 4), (2, 2, 2)]


def _yaml(indent=INDENTS[0]):
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 1_000_000  # never fold a long text onto new lines
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


def _dump(y, doc) -> str:
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()


def _load_round_trip(text: str):
    """(document, YAML object) with the indentation that writes the file back unchanged."""
    for indent in INDENTS:
        y = _yaml(indent)
        doc = y.load(text)
        if _dump(y, doc) == text:
            return doc, y
    y = _yaml()
    return y.load(text), y


def _drop(mapping, key) -> None:
    """Delete a key of a round-trip mapping, keeping the comments and blank lines that followed
    its value (ruamel.yaml keeps them with the key before them)."""
    keys = list(mapping.keys())
    token = mapping.ca.items.pop(key, None)
    position = keys.index(key)
    del mapping[key]
    after = token[2] if token and len(token) > 2 else None
    if after is None:
        return
    text = after.value
    if text.lstrip(" ").startswith("#"):
        # a comment at the end of the deleted line went with it; what follows stays
        text = text.split("\n", 1)[1] if "\n" in text else ""
        if not text:
            return
        text = "\n" + text
    if position == 0 or not keys[:position]:
        return
    previous = keys[position - 1]
    from ruamel.yaml.tokens import CommentToken

    held = mapping.ca.items.setdefault(previous, [None, None, None, None])
    while len(held) < 4:
        held.append(None)
    if held[2] is None:
        held[2] = CommentToken(text, after.start_mark, None)
    else:
        held[2].value = held[2].value + text.lstrip("\n") if held[2].value.endswith("\n") else held[2].value + text


def _key(mapping, key: str):
    """The key as written in the file (a translator may write 1 or 2019-07-19 without quotes)."""
    return next((k for k in mapping if str(k) == key), key)


def _set_in_order(mapping, key, value, order: list[str]) -> None:
    """mapping[key] = value; a new key goes where the English order puts it."""
    key = _key(mapping, key)
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: n for n, k in enumerate(order)}
    mine = rank.get(key, len(order))
    position = sum(1 for k in mapping if rank.get(str(k), len(order)) < mine)
    mapping.insert(position, key, value)


def _header(kind: str, lang: str, name: str) -> str:
    english = {"services": "data/services/*.yaml", "laws": "data/laws/*.yaml"}.get(kind, f"data/{kind}.yaml")
    how = {"places": "the code of each place, then its name",
           "curriculum": "the lesson plan's file name, then the column (it, uk)"}.get(
        kind, "the id of each entry, then the field, as in the English file")
    return (f"{name} ({lang}) texts of {english}, by {how}.\n"
            f"English is the source: a text left out here is shown in English.")


def language_name(root: Path, lang: str) -> str:
    import yaml

    try:
        doc = yaml.safe_load((root / "data" / "ui" / f"{lang}.yaml").read_text(encoding="utf-8"))
        return str(doc["language"]["name"])
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return lang


def move(root: Path) -> list[str]:
    """Move the texts; return what was done, one line per file changed."""
    from ruamel.yaml.comments import CommentedMap

    data = root / "data"
    report: list[str] = []
    # lang -> kind -> [(entry, field path, text)], in the English order
    moved: dict[str, dict[str, list]] = {}
    order: dict[str, list[str]] = {}  # kind -> entry ids in the English order
    fields: dict[tuple[str, str], list[tuple[str, ...]]] = {}  # (kind, entry) -> field paths in order
    for kind in KINDS:
        order[kind] = []
        for path in english_files(data, kind):
            text = path.read_text(encoding="utf-8")
            doc, y = _load_round_trip(text)
            count = 0
            for entry, field, mapping in slots(kind, doc):
                if entry not in order[kind]:
                    order[kind].append(entry)
                fields.setdefault((kind, entry), []).append(field)
                for lang in [k for k in mapping if k not in NOT_LANGUAGES]:
                    moved.setdefault(str(lang), {}).setdefault(kind, []).append((entry, field, mapping[lang]))
                    _drop(mapping, lang)
                    count += 1
            if count:
                path.write_text(_dump(y, doc), encoding="utf-8")
                report.append(f"{path.relative_to(root)}: {count} text(s) moved out")
    for lang, kinds in sorted(moved.items()):
        name = language_name(root, lang)
        for kind, texts in kinds.items():
            target = translation_file(data, lang, kind)
            y = _yaml((2, 2, 0))
            if target.is_file():
                doc = y.load(target.read_text(encoding="utf-8"))
            else:
                doc = None
            if not isinstance(doc, dict):
                doc = CommentedMap()
                doc.yaml_set_start_comment(_header(kind, lang, name))
            replaced = 0
            for entry, field, value in texts:
                if not field:  # places: CODE: name
                    replaced += _key(doc, entry) in doc and doc[_key(doc, entry)] != value
                    _set_in_order(doc, entry, value, order[kind])
                    continue
                node = doc.get(_key(doc, entry))
                if not isinstance(node, dict):
                    node = CommentedMap()
                    _set_in_order(doc, entry, node, order[kind])
                known = fields[(kind, entry)]

                def keys_at(depth: int) -> list[str]:
                    """The English order of the keys at this depth of the field's path."""
                    return list(dict.fromkeys(f[depth] for f in known if len(f) > depth and f[:depth] == field[:depth]))

                for depth, key in enumerate(field[:-1]):
                    child = node.get(_key(node, key))
                    if not isinstance(child, dict):
                        child = CommentedMap()
                        _set_in_order(node, key, child, keys_at(depth))
                    node = child
                last = field[-1]
                replaced += _key(node, last) in node and node[_key(node, last)] != value
                _set_in_order(node, last, value, keys_at(len(field) - 1))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_dump(y, doc), encoding="utf-8")
            note = f"; {replaced} replaced an older translation there" if replaced else ""
            report.append(f"{target.relative_to(root)}: {len(texts)} text(s) moved in{note}")
    return report


def main(root: Path) -> int:
    report = move(root)
    if not report:
        print(f"Nothing to move: the English data files hold English only; other languages are in data/{FOLDER}/.")
        return 0
    print("\n".join(report))
    print("Done. Check the result with `make check`, then commit the English files and data/i18n/ together.")
    return 0
