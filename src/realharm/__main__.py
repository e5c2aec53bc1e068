"""Command line: ``python -m realharm <command>``.

  validate      data files against their schemas
  check         what the build checks (data, glossary, front matter, quizzes, data markers), then
                parity of the translations and terminology; no build
  readability   words, sentences and readability of every learner page; fails on a missed target
  translations  every page of every language: up to date, outdated or missing (from git history)
  site          the static site, every PDF and the offline zip (what `make site` runs)
  bench         build time, page weight and Lighthouse scores against the budgets (`make bench`)
  render-diff   OLD_SITE NEW_SITE: every page whose main content differs between two builds
"""

from __future__ import annotations

import argparse
import sys

from . import checks, validate
from .data import DataError, load_dataset
from .project import Project, find_root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m realharm")
    parser.add_argument("--root", default=None, help="project folder (default: the one holding mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="validate data/ against data/schema/")
    sub.add_parser("check", help="parity, front matter, quizzes and terminology of docs/")
    sub.add_parser("readability", help="readability of learner pages against the content guide's targets")
    sub.add_parser("site", help="build site/, the PDFs and the offline zip")
    bench = sub.add_parser("bench", help="build time, page weight, Lighthouse")
    bench.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (no npm install)")
    bench.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page; the median is reported (5)")
    sub.add_parser("translations", help="translation status of every page (fails if a page is missing)")
    diff = sub.add_parser("render-diff", help="pages whose main content differs between two built sites")
    diff.add_argument("old_site", help="the site built before a change (e.g. an upgrade)")
    diff.add_argument("new_site", help="the site built after it")
    args = parser.parse_args(argv)
    if args.command == "render-diff":  # compares two folders: needs no project
        from pathlib import Path

        from . import renderdiff

        return renderdiff.main(Path(args.old_site), Path(args.new_site))
    project = Project(find_root() if args.root is None else __import__("pathlib").Path(args.root))
    from .ui import use

    use(project.root)
    languages = project.languages()
    if args.command == "bench":
        from . import bench as bench_module

        return bench_module.main(project.root, with_lighthouse=not args.no_lighthouse, runs=args.runs)
    if args.command == "site":
        from . import sitebuild

        return sitebuild.main(project.root)
    problems: list[str] = []
    if args.command == "translations":
        from . import translations

        statuses = translations.status(project.root, languages)
        print(translations.report(statuses))
        problems += [f"docs/{s.lang}/{s.page}: missing translation" for s in statuses if s.state == "missing"]
    if args.command == "readability":
        from . import readability

        scores = readability.learner_scores(project.docs, languages)
        print(readability.table(scores))
        problems += readability.failures(scores)
    if args.command == "validate":
        try:
            load_dataset(project.data, languages, label_root=project.root, today=validate.today())
        except DataError as exc:
            problems += exc.problems
    if args.command == "check":
        # what the build checks, then what only this command checks
        problems += validate.content(project, languages).problems
        skip = validate.pages_with_problems(problems, languages[0])
        problems += checks.parity(project.docs, languages, skip)
        problems += checks.links(project.docs, languages)
        problems += checks.terminology(project.docs, languages)
    for line in problems:
        print(line)
    print(f"{args.command}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
