"""Readability report: learner pages for ages 11–16 meet the content guide's targets, and a
page written in long, dense sentences fails."""

from realharm import readability

DENSE_EN = """---
title: x
description: x
---

Notwithstanding the considerable institutional complexities characterising contemporary
jurisprudential approaches to technologically mediated victimisation, comprehensive
interdisciplinary understanding necessitates systematic examination of multifaceted
sociotechnical configurations, accountability infrastructures and regulatory asymmetries.
"""

DENSE_IT = """---
title: x
description: x
---

Nonostante le considerevoli complessità istituzionali che caratterizzano gli orientamenti
giurisprudenziali contemporanei in materia di vittimizzazione tecnologicamente mediata, una
comprensione interdisciplinare complessiva richiede un esame sistematico delle molteplici
configurazioni sociotecniche, delle infrastrutture di responsabilità e delle asimmetrie regolatorie.
"""

PLAIN_EN = """---
title: x
description: x
---

A deepfake is a fake picture or video. It can look real. It can hurt a real person.
You can help. Do not share it. Tell an adult you trust.
"""


def test_real_learner_pages_meet_the_targets(project):
    scores = readability.learner_scores(project.docs, project.languages())
    assert len(scores) >= 8 * len(project.languages()) - 2
    print("\n" + readability.table(scores))
    assert readability.failures(scores) == []


def test_plain_english_passes_and_dense_text_fails():
    plain = readability.score_text(PLAIN_EN, "en", path="plain.md", age_band="14-16")
    dense = readability.score_text(DENSE_EN, "en", path="dense.md", age_band="14-16")
    assert plain.fk_grade is not None and plain.fk_grade <= 9 and plain.words > 20
    assert dense.fk_grade > 9
    assert readability.failures([plain, dense]) == [f"dense.md: fk_grade {dense.fk_grade} misses the target <= 9.0"]


def test_dense_italian_fails_gulpease():
    dense = readability.score_text(DENSE_IT, "it", path="denso.md", age_band="11-13")
    assert dense.gulpease < 50
    assert readability.failures([dense]) == [f"denso.md: gulpease {dense.gulpease} misses the target >= 50.0"]


def test_plain_text_drops_markup_and_sources():
    text = readability.plain_text(
        "---\ntitle: t\n---\n## Heading { #h }\n\nSee [the page](a.md) and <https://x.org>.\n\n"
        "!!! sources\n\n    - Long Source Title, 2024. <https://example.org>\n")
    assert "Heading." in text and "See the page and ." in text
    assert "Source" not in text and "#h" not in text and "a.md" not in text
