"""Apply 27 bad contributor edits, one at a time, to a temporary copy of the repository; run
`python -m realharm check` and `mkdocs build --strict` on each and print a table:
edit, check rc, build rc, first error line.

Not run by pytest (it takes a few minutes): `.venv/bin/python tests/tools/bad_edits.py [edit ...]`.
Each edit must be rejected by both; the table shows what a contributor would read first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def sub(rel: str, old: str, new: str, count: int = 1, regex: bool = False):
    """An edit replacing text in one file (the text must be there)."""
    def apply(root: Path):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        if regex:
            changed, n = re.subn(old, new, text, count=count, flags=re.MULTILINE)
        else:
            n = text.count(old)
            changed = text.replace(old, new, count)
        if not n:
            raise SystemExit(f"edit not applicable: {old!r} not in {rel}")
        path.write_text(changed, encoding="utf-8")
    return apply


def both(*edits):
    def apply(root: Path):
        for edit in edits:
            edit(root)
    return apply


def delete(rel: str):
    return lambda root: (root / rel).unlink()


def append(rel: str, text: str):
    def apply(root: Path):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


def new_place(root: Path):
    sub("data/places.yaml", "IT: {en: Italy", "ZZ: {en: Zedland, it: Zedlandia}\nIT: {en: Italy")(root)
    text = (root / "data/services/de.yaml").read_text(encoding="utf-8")
    text = text.replace("country: DE", "country: ZZ").replace("id: de-", "id: zz-")
    (root / "data/services/zz.yaml").write_text(text, encoding="utf-8")


def glossary_copy(new_id: str, new_term: str | None):
    """Append a copy of the 'consent' entry under another id (or the same id with another term)."""
    def apply(root: Path):
        path = root / "data/glossary.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if line.strip() == "- id: consent")
        end = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- id:"))
        entry = "".join(lines[start:end]).replace("- id: consent", f"- id: {new_id}")
        if new_term:
            entry = re.sub(r"term: \{en: \"consent\", it: \"consenso\"\}",
                           f'term: {{en: "{new_term}", it: "{new_term}"}}', entry)
            entry = re.sub(r"forms: \{en: \[[^]]*\], it: \[[^]]*\]\}",
                           f'forms: {{en: ["{new_term}"], it: ["{new_term}"]}}', entry)
        path.write_text("".join(lines) + ("" if lines[-1].endswith("\n") else "\n") + entry, encoding="utf-8")
    return apply


IT = "data/services/it.yaml"
GB = "data/laws/gb.yaml"
LESSON = "docs/en/teach/lessons/m1-synthetic-media-11-13.md"
M1 = "docs/en/learn/m1-synthetic-media.md"

EDITS = {
    "01 drop closing quote of a name": sub(IT, 'name: "112 – Numero unico di emergenza europeo"',
                                           'name: "112 – Numero unico di emergenza europeo'),
    "02 phone 11A2": sub(IT, 'local: "112"', 'local: "11A2"'),
    "03 delete source_url": sub(IT, "    source_url: http://www.regione.marche.it/ars/Aree-di-Attivit%C3%A0/Area-Emergenza\n", ""),
    "04a verified_on 2031-01-01": sub(IT, "verified_on: 2026-11-25", "verified_on: 2031-01-01"),
    "04b verified_on 'last week'": sub(IT, "verified_on: 2026-11-25", "verified_on: last week"),
    "04c verified_on 2026-02-30": sub(IT, "verified_on: 2026-11-25", "verified_on: 2026-02-30"),
    "05a country DX": sub("data/services/de.yaml", "country: DE", "country: DX"),
    "05b invented place ZZ": new_place,
    "06 ages [under18, teens]": sub(IT, "ages: [under18, adult]", "ages: [under18, teens]"),
    "07 law with last_step_on (only bills have it)": sub(GB, "    adopted_on: 2023-10-26\n", "    last_step_on: 2023-10-26\n"),
    "07b status 'in force' typed by hand": sub(GB, "    adopted_on: 2023-10-26\n", '    status: "in force"\n'),
    "08 duplicate id it-112": sub(IT, "- id: it-1522", "- id: it-112"),
    "09 directory page country=XX (en)": sub("docs/en/help/directory/it.md", "country=IT", "country=XX"),
    "09b law page jurisdiction=XX (en+it)": both(sub("docs/en/law/it.md", "jurisdiction=IT", "jurisdiction=XX"),
                                                 sub("docs/it/law/it.md", "jurisdiction=IT", "jurisdiction=XX")),
    "10 lesson without duration_minutes": sub(LESSON, "duration_minutes: 50\n", ""),
    "11 link to ../no-such-page.md": append(M1, "\nSee [this page](../no-such-page.md).\n"),
    "12 delete it/help/safer-browsing.md": delete("docs/it/help/safer-browsing.md"),
    "13 quiz question without correct: true": sub(M1, "      correct: true\n", ""),
    "14a glossary id consent twice": glossary_copy("consent", "agreement"),
    "14b glossary term consent under consent-2": glossary_copy("consent-2", None),
    "15a <script> in a service text": sub(IT, 'en: "The European emergency number:',
                                          'en: "<script>window.XSS1=1</script><img src=x onerror=alert(1)>The European emergency number:'),
    "15b <script> in a law summary": sub("data/laws/fr.yaml", 'en: "In France it is a crime',
                                         'en: "<script>window.XSS3=1</script>In France it is a crime'),
    "15c url with quotes": sub(IT, "url: https://112.gov.it/\n", "url: 'https://112.gov.it/\"onmouseover=\"alert(1)'\n"),
    "15d <script> in a description": sub("docs/en/help/safer-browsing.md", r"^description: .*$",
                                         "description: '\"><script>window.XSS5=1</script>'", regex=True),
    "15e <script> in a glossary short": sub("data/glossary.yaml", 'short: {en: "A fake video,',
                                            'short: {en: "<script>window.XSS4=1</script>A fake video,'),
    "16 braces in a service name": sub(IT, 'name: "112 – Numero unico di emergenza europeo"',
                                       'name: "112 { #evil onclick=alert(1) }"'),
    "17 adopted_on 2035-01-31": sub(GB, "adopted_on: 2023-10-26", "adopted_on: 2035-01-31"),
}


def first_error(text: str) -> str:
    """The first line a contributor would read as the error."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if any(line.startswith("Traceback") for line in lines):
        last = next((line for line in reversed(lines) if re.match(r"^\w+(\.\w+)*(Error|Exception)\b", line)), lines[-1])
        return f"TRACEBACK: {last}"
    for n, line in enumerate(lines):
        if "the content has problems" in line and n + 1 < len(lines):
            return lines[n + 1]
    for line in lines:
        if line.startswith(("ERROR", "WARNING")):
            return re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line)
    return next((line for line in lines if not line.startswith(("INFO", "check:", "Aborted"))), "-")


def run(copy: Path, name: str) -> tuple[int, int, str]:
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "http://127.0.0.1:8000/"}
    check = subprocess.run([PYTHON, "-m", "realharm", "--root", str(copy), "check"], cwd=copy, env=env,
                           capture_output=True, text=True)
    build = subprocess.run([PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(copy.parent / "out")],
                           cwd=copy, env=env, capture_output=True, text=True)
    said = first_error(check.stdout + check.stderr) if check.returncode else "-"
    built = first_error(build.stdout + build.stderr) if build.returncode else "-"
    return check.returncode, build.returncode, said if built == said else f"{said} — build: {built}"


def main(names: list[str]) -> int:
    chosen = {k: v for k, v in EDITS.items() if not names or k.split()[0] in names}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
            ".venv", "site", "build", "reports", ".git", "__pycache__", ".pytest_cache", "node_modules"))
        git = ["git", "-C", str(copy), "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "copy"], check=True)
        print("| edit | check rc | build rc | first error line (check; the build's if different) |")
        print("|---|---|---|---|")
        passed = 0
        for name, edit in chosen.items():
            edit(copy)
            check_rc, build_rc, message = run(copy, name)
            passed += check_rc == 0 or build_rc == 0
            print(f"| {name} | {check_rc} | {build_rc} | {message.replace('|', '/')[:400]} |", flush=True)
            subprocess.run([*git, "checkout", "-q", "--", "."], check=True)
            subprocess.run([*git, "clean", "-fdq"], check=True)
        print(f"\n{len(chosen) - passed} of {len(chosen)} edits rejected by both the check and the build")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
