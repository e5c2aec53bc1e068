"""Where a service states the languages it answers in, a reader in one of them sees it first,
and its card says so ("answers in Romanian"), in the directory and in the help finder."""

from __future__ import annotations

from realharm import render


def _service(ident, languages=None):
    svc = {"id": ident, "name": ident.upper(), "kind": "helpline", "ages": ["adult"], "situations": ["shared"],
           "does": {"en": "Helps."}, "for": {"en": "Anyone."}, "url": "https://example.org/",
           "verified_on": "2026-12-06", "source_url": "https://example.org/"}
    if languages:
        svc["languages"] = languages
    return svc


def test_services_answering_in_the_reader_s_language_come_first_in_data_order():
    a, b, c = _service("it-a"), _service("it-b", ["it", "en", "ro"]), _service("it-c", ["it", "ro"])
    assert [s["id"] for s in render.reader_first([a, b, c], "ro")] == ["it-b", "it-c", "it-a"]
    assert [s["id"] for s in render.reader_first([a, b, c], "uk")] == ["it-a", "it-b", "it-c"]
    # a service's own language (the first it lists) is not news to its readers
    assert [s["id"] for s in render.reader_first([a, b, c], "it")] == ["it-a", "it-b", "it-c"]


def test_the_card_says_it_answers_in_the_reader_s_language():
    card = render.service_block(_service("it-b", ["it", "en", "ro"]), "en")
    assert '<p class="rh-answers-in" markdown="span">**Answers in English**</p>' in card
    assert "rh-answers-in" not in render.service_block(_service("it-b", ["it", "ro"]), "en")
    assert "rh-answers-in" not in render.service_block(_service("it-a"), "en")


def test_the_real_1522_answers_arabic_and_albanian_readers_first():
    """1522 (Italy's anti-violence number) states the languages it answers in: for a reader in
    Arabic or Albanian it leads Italy's services, in the directory and the finder."""
    from realharm.data import load_dataset
    from realharm.project import Project
    from support import ROOT

    project = Project(ROOT)
    dataset = load_dataset(project.data, project.languages(), label_root=ROOT)
    italy = dataset.services["IT"]["services"]
    spoken = next(s for s in italy if s["id"] == "it-1522")["languages"]
    for lang in ("ar", "sq"):
        assert lang in spoken
        assert render.reader_first(italy, lang)[0]["id"] == "it-1522"
        shown = render.finder_services(dataset, country="IT", age="adult", situation="shared", lang=lang)
        assert shown[0] == "it-1522"


def test_cards_punctuate_as_the_page_s_language_writes():
    """French puts a no-break space before a label's colon; Arabic separates a list with «، »."""
    both = {**_service("it-b"), "ages": ["under18", "adult"]}
    french = render.service_block(both, "fr")
    assert "\u00a0:**" in french and " :**" not in french.replace("\u00a0:**", "")
    arabic = render.service_block(both, "ar")
    assert "، " in arabic.split("\n")[2] and ", " not in arabic.split("\n")[2]
    english = render.service_block(both, "en")
    assert ":**" in english and "\u00a0:" not in english and ", " in english.split("\n")[2]


def test_chinese_cards_and_law_lines_use_chinese_punctuation_without_spaces():
    from realharm.data import load_dataset
    from realharm.project import Project
    from support import ROOT

    project = Project(ROOT)
    dataset = load_dataset(project.data, project.languages(), label_root=ROOT)
    card = render.service_block(next(s for s in dataset.services["IT"]["services"] if s.get("source_date")), "zh")
    footer = card.strip().splitlines()[-1]
    assert footer.endswith("。</small>") and "，依据[" in footer and "（" in footer and " (" not in footer
    line = render.render_law_changes(dataset, lang="zh", latest="1")
    assert "：[" in line and "。" in line and ": [" not in line and "). " not in line
    english = render.render_law_changes(dataset, lang="en", latest="1")
    assert ": [" in english and "). " in english
