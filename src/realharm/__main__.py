"""Command line: ``python -m realharm <command>``.

  validate      data files against their schemas
  check         what the build checks (data, glossary, front matter, quizzes, data markers, and the
                ids, markers, boxes and quizzes of translated pages against English), then shared
                front matter of translations, links and terminology; no build
  readability   words, sentences and readability of every learner page and of each language's Get help
                pages (its minimum set); fails on a missed target (`make check` checks the Get help pages)
  new-language  CODE: start a new language (its settings file) and print the next steps
  move-translations  move every text in another language than English from the English data
                files into data/i18n/<lang>/ (safe to run again)
  sources       sources by class (official / service's own / secondary), banned kinds of address
  review        what is due for checking, dates coming within 60 days, quiet bills (a report)
  translations  every page of every language: up to date, outdated or not translated (from git
                history), and the data texts each language has; fails when a published language
                lacks part of its minimum set of pages
  site          the static site, every PDF and the offline zip (what `make site` runs)
  pack-check    [SITE]: every file of every teacher pack of a built site (default site/) opened with
                its reader: language, title, what a pack holds, no answer on a learner's sheet,
                decks that run from the unzipped folder, nothing twice and no source map in the
                offline zip; one line per problem
  bench         build time, page weight and Lighthouse scores against the budgets (`make bench`)
  lesson-audit  the safeguarding parts every lesson plan must have, per plan and language (a table);
                fails when a required part is missing (--require cards: also when a plan has no
                structured card set)
  carry-over    every phone number, address, date and legal reference of an English page or data
                text missing from its translation, for every language (also those whose pages are
                adapted, carry_over: false); `make check` fails on those of the others
  render-diff   OLD_SITE NEW_SITE: every page whose main content differs between two builds
  style         every hit of the style rules (terms table, quotes, ISO dates, "no date", English
                left in a page), per language, from the `style:` block of data/ui/<code>.yaml;
                fails on the hits of a language whose rules are enforced (`make check` runs them too)
  typography    the mechanical typography hits of the pages (ISO dates, straight quotes, "no date");
                --fix rewrites them in place (safe to run again: a second run changes nothing)
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
    pack_check = sub.add_parser("pack-check", help="open every file of every teacher pack of a built site")
    pack_check.add_argument("site_dir", nargs="?", default=None, help="the built site (default: site/)")
    bench = sub.add_parser("bench", help="build time, page weight, Lighthouse")
    bench.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (no npm install)")
    bench.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page; the median is reported (5)")
    bench.add_argument("--build-runs", type=int, default=3, help="builds of each project in the ten-language measure (3)")
    bench.add_argument("--languages-only", action="store_true",
                       help="only the build with today's languages against ten languages, side by side")
    new = sub.add_parser("new-language", help="start a new language: its settings file, and the next steps")
    new.add_argument("code", help="the language's code, e.g. nl")
    sub.add_parser("move-translations", help="move texts in other languages from data/ into data/i18n/<lang>/")
    sub.add_parser("sources", help="sources by class, and links of a banned kind in data/ and docs/ (a report)")
    sub.add_parser("review", help="entries due for review, dates coming soon, bills with no news (exit 0)")
    lesson_audit = sub.add_parser("lesson-audit", help="the parts every lesson plan must have, per plan and language")
    lesson_audit.add_argument("--require", action="append", default=[], choices=["cards", "differentiation", "country-boxes", "revisit"],
                              help="also fail when a plan lacks this part, not required yet "
                                   "(cards: at least one ```cards block)")
    sub.add_parser("carry-over", help="numbers, addresses, dates and legal references missing from translations")
    sub.add_parser("translations", help="translation status of every page (fails if a published language lacks its minimum set)")
    style_cmd = sub.add_parser("style", help="every hit of each language's style rules (a report)")
    style_cmd.add_argument("--lang", default=None, help="one language only")
    typo = sub.add_parser("typography", help="dates, quotes and 'no date' in the pages; --fix rewrites them")
    typo.add_argument("--fix", action="store_true", help="rewrite the pages in place")
    typo.add_argument("--lang", default=None, help="one language only")
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
    if args.command == "new-language":
        from . import languages as language_settings

        try:
            path = language_settings.scaffold(project.root, args.code, languages[0])
        except language_settings.LanguageError as exc:
            print("\n".join(exc.problems), file=sys.stderr)
            return 1
        from . import datatexts

        name = language_settings._load(project.root, args.code)["language"]["name"]
        datatexts.scaffold(project.data, args.code, name)
        rel = path.relative_to(project.root)
        print(f"""Your language, {args.code}, is ready to build: every page shows in English until you translate it.
Next steps:
1. Open {rel}: translate every line marked "# translate", and check the settings below them
   (the quick-exit site of your country, the words to avoid, the countries to list first).
   Write your style guide, style/{args.code}.md (register, terms table, typography), and the rules
   the checks read from it under `style:` in {rel}.
2. Translate pages one by one: copy a page from docs/{languages[0]}/ to the same place in docs/{args.code}/
   and translate it. Start with the pages listed under minimum_set.
3. Translate the texts of services, laws and the glossary in data/{datatexts.FOLDER}/{args.code}/
   (each file says what goes in it). A text you leave out is shown in English.
4. Run `make check`, then `make serve` to see your work at /{args.code}/.
5. When the minimum set is translated, set published: true: readers can then pick your language.
Read TRANSLATING.md for the details.""")
        return 0
    if args.command == "move-translations":
        from . import movetexts

        return movetexts.main(project.root)
    if args.command == "bench":
        from . import bench as bench_module

        return bench_module.main(project.root, with_lighthouse=not args.no_lighthouse, runs=args.runs,
                                 languages_only=args.languages_only, build_runs=args.build_runs)
    if args.command in ("style", "typography"):
        from . import style
        from .languages import LanguageError, load

        try:
            load(project.root, languages)
        except LanguageError as exc:
            print("\n".join(exc.problems))
            return 1
        if args.lang and args.lang not in languages:
            print(f"{args.lang}: not a language of this site ({', '.join(languages)})", file=sys.stderr)
            return 1
        if args.command == "typography":
            return style.typography_main(project.docs, languages, args.lang, fix=args.fix)
        return style.style_main(project.docs, project.data, languages, args.lang)
    if args.command == "pack-check":
        from pathlib import Path

        from . import packcheck

        return packcheck.main(Path(args.site_dir) if args.site_dir else project.root / "site", project)
    if args.command == "site":
        from . import sitebuild

        return sitebuild.main(project.root)
    problems: list[str] = []
    if args.command == "sources":
        from . import sources

        found = validate.content(project, languages)
        if found.dataset is None or found.sources is None:
            print("\n".join(found.problems))
            return 1
        print(sources.report(found.dataset, found.sources))
        prose = sources.page_links(project.docs, languages, found.sources)
        data_lines = [p for p in found.problems if p.startswith("data/")]
        print(f"\nIn data/ ({len(data_lines)}, these stop the build):")
        print("\n".join(f"  {line}" for line in data_lines) or "  (none)")
        print(f"\nIn the pages' prose ({len(prose)}, these stop the build too):")
        print("\n".join(f"  {line}" for line in prose) or "  (none)")
        return 0
    if args.command == "review":
        from . import review

        try:
            dataset = load_dataset(project.data, languages, label_root=project.root, today=validate.today())
        except DataError as exc:
            print("\n".join(exc.problems))
            print("review: the data has problems; fix them first (make check)", file=sys.stderr)
            return 1
        print(review.report(dataset, validate.today()))
        return 0
    if args.command == "translations":
        from . import translations

        statuses = translations.status(project.root, languages)
        print(translations.report(statuses))
        settings = project.settings()
        for lang, (done, total) in translations.data_counts(project.data, languages).items():
            counts = translations.summary([s for s in statuses if s.lang == lang])
            print(f"{settings[lang]['language']['name']} ({lang}): {counts['ok']} of {counts['total']} pages "
                  f"translated, {counts['outdated']} outdated, {counts['missing']} not translated; "
                  f"data texts {done} of {total} translated")
        problems += translations.minimum_set_problems(project.root, settings)
    if args.command == "carry-over":
        from . import invariants

        print("\n".join(invariants.page_problems(project.docs, [languages[0]], also=languages[1:])
                        + invariants.data_problems(project.data, languages)) or "(none)")
        return 0
    if args.command == "lesson-audit":
        from . import audit

        rows = audit.audit(project.docs, languages)
        print(audit.table(rows))
        problems += audit.failures(rows, set(args.require))
        problems += audit.repeated_cards(project.docs, languages)
    if args.command == "readability":
        from . import readability

        scores = readability.learner_scores(project.docs, languages) + readability.help_scores(project.docs, languages)
        print(readability.table(scores))
        problems += readability.failures(scores)
    if args.command == "validate":
        try:
            load_dataset(project.data, languages, label_root=project.root, today=validate.today())
        except DataError as exc:
            problems += exc.problems
    if args.command == "check":
        # what the build checks, then what only this command checks
        found = validate.content(project, languages)
        problems += found.problems
        if found.dataset is not None and found.sources is not None:
            from . import sources

            # reports, not problems: on stderr, so that stdout holds only the problem lines
            print(sources.report(found.dataset, found.sources), file=sys.stderr)
            from . import ledger

            print(ledger.report(project.data / "ledger.yaml"), file=sys.stderr)
        skip = validate.pages_with_problems(problems, languages[0])
        problems += checks.parity(project.docs, languages, skip, structure=False)  # the rest: in content()
        problems += checks.links(project.docs, languages)
        problems += checks.applied(project.docs, languages)
        problems += checks.terminology(project.docs, languages)
        # numbers, addresses, dates and legal references carried over into each translation
        from . import invariants

        problems += invariants.page_problems(project.docs, languages)
        problems += invariants.data_problems(project.data, languages)
        # the Get help pages of every language: the readability its settings name
        from . import readability

        problems += readability.failures(readability.help_scores(project.docs, languages))
        adapted = [lang for lang in languages[1:] if not invariants.carries_over(lang)]
        if adapted:
            count = len(invariants.page_problems(project.docs, [languages[0]], also=adapted))
            print(f"carry-over: not checked for {', '.join(adapted)} (carry_over: false, pages adapted rather than "
                  f"translated): {count} difference(s) from English; list them with "
                  f"`python -m realharm carry-over`", file=sys.stderr)
        if not found.problems:
            from . import style

            enforced, reported = style.split(style.hits(project.docs, project.data, languages), languages)
            problems += [hit.line() for hit in enforced]
            if reported:
                print(style.summary(reported, "not enforced yet (style.enforce: false)"), file=sys.stderr)
    for line in problems:
        print(line)
    print(f"{args.command}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
