"""Readability report: learner pages for ages 11–16 meet the content guide's targets, and a
page written in long, dense sentences fails."""

import pytest

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
    with_learn = [lang for lang in project.languages() if (project.docs / lang / "learn").is_dir()]
    assert len(scores) >= 8 * len(with_learn) - 2
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


# ── the Get help pages of every language (their minimum set), with its own measure ──
def test_every_language_s_get_help_pages_meet_its_target(project):
    scores = readability.help_scores(project.docs, project.languages())
    assert {s.lang for s in scores} >= {"en", "it"}
    print("\n" + readability.table(scores))
    assert readability.failures(scores) == []


LONG = {
    # one idea per sentence, then the same words run into one sentence
    "ro": ("Nu e vina ta. Persoana care a distribuit imaginea este responsabilă. Cere ajutor. ",
           "Nu este deloc vina ta, pentru că persoana care a creat sau a distribuit imaginea fără "
           "acordul tău este singura responsabilă de tot ce s-a întâmplat după aceea, oricât de rușine ți-ar fi acum. "),
    "zh": ("这不是你的错。分享图片的人要负责。请寻求帮助。",
           "这完全不是你的错，因为在没有你同意的情况下制作或者分享这张图片的人才是唯一需要为之后发生的一切负责的人，无论你现在感到多么羞愧。"),
}


@pytest.mark.parametrize("lang", list(LONG))
def test_short_sentences_pass_and_long_ones_fail_the_median(lang):
    short, long = LONG[lang]
    ok = readability.score_text(short * 5, lang, path="short.md", age_band="help")
    bad = readability.score_text(long * 5, lang, path="long.md", age_band="help")
    assert ok.metric == "median_sentence_words" and ok.value <= 15 and ok.target_met()
    assert bad.value > 15 and readability.failures([bad]) == [
        f"long.md: median_sentence_words {bad.value} misses the target <= 15"]


def test_chinese_words_are_counted_by_the_segmenter():
    """Chinese has no spaces: without segmentation a sentence would count as one word."""
    assert readability.words_of("有人威胁要分享你的照片", "zh") == ["有人", "威胁", "要", "分享", "你", "的", "照片"]


FORMULAS = {
    "es": ("No es tu culpa. Pide ayuda. Llama hoy. Habla con alguien. ",
           "La responsabilidad jurídica correspondiente recae exclusivamente sobre quienes, deliberadamente, "
           "difundieron contenidos íntimos manipulados sin consentimiento, independientemente de circunstancias "
           "anteriores, conforme establece la legislación vigente aplicable. "),  # codespell:ignore aplicable
    "de": ("Es ist nicht deine Schuld. Hol dir Hilfe. Ruf heute an. Sprich mit jemandem. ",  # codespell:ignore ist,deine
           "Die strafrechtliche Verantwortlichkeit liegt ausschließlich bei denjenigen Personen, welche "
           "manipulierte Intimaufnahmen unberechtigterweise veröffentlichten beziehungsweise weiterverbreiteten. "),
    "fr": ("Ce n'est pas ta faute. Demande de l'aide. Appelle aujourd'hui. Parle à quelqu'un. ",
           "La responsabilité juridique incombe exclusivement aux individus ayant délibérément diffusé des "
           "contenus intimes manipulés sans consentement, indépendamment des circonstances antérieures. "),
}


@pytest.mark.parametrize("lang", list(FORMULAS))
def test_each_formula_passes_plain_text_and_fails_dense_text(lang):
    plain, dense = (readability.score_text(text * 4, lang, path=f"{n}.md", age_band="help")
                    for n, text in zip(("plain", "dense"), FORMULAS[lang]))
    assert plain.metric == {"es": "fernandez_huerta", "de": "wiener_sachtextformel", "fr": "flesch_reading_ease"}[lang]
    assert plain.target_met(), plain
    assert not dense.target_met(), dense
    assert readability.failures([dense])[0].startswith(f"dense.md: {dense.metric} {dense.value} misses the target")
