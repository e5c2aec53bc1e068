"""The box at the end of every handout and learner page (marker realharm:handout-help): what to
do if you already have an image, the under-18 services of each country with their numbers, and
the site's address; and markers inside a box staying inside it."""

import pytest

from realharm import markers, render
from realharm.project import Project
from realharm.ui import use
from realharm.validate import content

from support import ROOT


@pytest.fixture(scope="module")
def dataset():
    project = Project(ROOT)
    use(project.root)
    return content(project, project.languages()).dataset


def test_the_handout_box_names_each_countrys_services_with_numbers(dataset):
    en = render.render_handout_help(dataset, lang="en", site_url="https://example.org/", default="en")
    it = render.render_handout_help(dataset, lang="it", site_url="https://example.org/", default="en")
    # the country of the page's language first, and the services' numbers from data/services
    assert en.index("For students in the UK") < en.index("For students in Italy")
    assert it.index("Per chi studia in Italia") < it.index("Per chi studia nel Regno Unito")
    for text in (en, it):
        assert "[0800 1111](tel:+448001111)" in text and "[19696](tel:19696)" in text
        assert "Report Remove" in text and "CEOP" in text and "Commissariato di P.S. Online" in text
        assert "Revenge Porn Helpline" not in text  # not for under-18s: not marked handout: true
    assert "<https://example.org/help/>" in en and "<https://example.org/it/help/>" in it
    assert "{ #if-you-have-it }" in en


def test_the_handout_box_refuses_an_unknown_audience(dataset):
    with pytest.raises(markers.MarkerError, match="audience must be students or adults"):
        markers.expand("<!-- realharm:handout-help audience=parents -->",
                       {"handout-help": lambda **kw: render.render_handout_help(dataset, **kw)}, lang="en", page="x.md")


def test_a_marker_inside_a_box_stays_inside_it():
    out = markers.expand("!!! gethelp\n    <!-- realharm:modules -->\n", {"modules": lambda lang: "a\n\nb"}, lang="en")
    assert out == "!!! gethelp\n    a\n\n    b\n"


def test_a_letter_to_families_names_one_countrys_services(dataset):
    uk = render.render_handout_help(dataset, lang="en", audience="adults", country="GB", site_url="https://example.org/")
    it = render.render_handout_help(dataset, lang="it", audience="adults", country="it", site_url="https://example.org/")
    assert "Report Remove" in uk and "Commissariato di P.S. Online" not in uk and "{ #if-you-have-it-gb }" in uk
    assert "Commissariato di P.S. Online" in it and "Report Remove" not in it and "{ #if-you-have-it-it }" in it
    assert "Nel Regno Unito" not in it and "In Italy" not in uk


def test_the_handout_box_refuses_a_country_without_services(dataset):
    with pytest.raises(markers.MarkerError, match="country must be the code of a country with handout services"):
        markers.expand("<!-- realharm:handout-help audience=adults country=XX -->",
                       {"handout-help": lambda **kw: render.render_handout_help(dataset, **kw)}, lang="en", page="x.md")
    assert markers.check("<!-- realharm:handout-help country=GB -->", "teach/x.md", "x.md", None) == []


def test_each_service_in_the_handout_box_shows_its_number_once(dataset):
    """Telefono Azzurro's official name ends with its number ("… linea di ascolto 19696"): the box
    printed "Telefono Azzurro – linea di ascolto 19696 · 19696". The number, once, as a phone link."""
    import re

    project = Project(ROOT)
    seen = 0
    for lang in project.languages():
        for audience in ("students", "adults"):
            box = render.render_handout_help(dataset, lang=lang, audience=audience)
            for code in dataset.services:
                for svc in dataset.services[code]["services"]:
                    number = (svc.get("phone") or {}).get("local")
                    if not (svc.get("handout") and number):
                        continue
                    line = next(x for x in box.splitlines() if f"]({render._tel((svc.get('phone') or {}).get('international') or number)})" in x
                                and x.startswith("- **"))
                    shown = re.sub(r"\]\(tel:[^)]*\)", "]", line)  # the text a reader sees, without the link targets
                    assert shown.count(number) == 1, (lang, line)
                    seen += 1
    it = render.render_handout_help(dataset, lang="it")
    assert "- **Telefono Azzurro – linea di ascolto** · [19696](tel:19696) · <https://azzurro.it/>" in it
    assert next(s for s in dataset.services["IT"]["services"]
                if s["id"] == "it-telefono-azzurro")["name"] == "Telefono Azzurro – linea di ascolto 19696"
    assert seen > 10


@pytest.mark.parametrize("name, number, shown", [
    ("Telefono Azzurro – linea di ascolto 19696", "19696", "Telefono Azzurro – linea di ascolto"),
    ("Helpline (116 111)", "116 111", "Helpline"),
    ("Line 119696", "19696", "Line 119696"),       # another number that ends the same way stays
    ("Call 1522 any time", "1522", "Call 1522 any time"),  # only a number at the end is the phone line
    ("19696", "19696", "19696"),                    # a name that is only the number stays whole
    ("Childline", None, "Childline"),
])
def test_a_name_drops_only_the_number_it_ends_with(name, number, shown):
    assert render._name_beside(name, number) == shown
