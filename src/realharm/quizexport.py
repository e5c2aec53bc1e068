"""Every quiz of the site for learning platforms: Moodle XML and a QTI 2.1 content package.

Written with lxml's ElementTree API, not a quiz library: the Moodle XML libraries on the package
registry have not been kept up for years, and the QTI ones either target a single platform's
QTI 1.2 dialect from a text format of their own (which we would have to write by concatenating
strings) or QTI 3.0. lxml escapes every text it is given; nothing here is built by joining strings.

A quiz is read from the same ```quiz blocks the pages show (quiz.parse checks it first: a
question with no right option stops the export with the page and question named). Texts are
rendered by the site's own inline Markdown (safe.inline_markdown, which cannot emit raw HTML):
as HTML for Moodle, as plain text for QTI.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from . import quiz
from .pages import Page

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
MD_NS = "http://ltsc.ieee.org/xsd/LOM"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LICENCE = "CC BY-SA 4.0"


class QuizExportError(ValueError):
    pass


@dataclass(frozen=True)
class Meta:
    """What every exported file carries: title, language, source page address, build date."""
    title: str
    lang: str
    url: str
    date: str

    def licence_line(self) -> str:
        return f"Real Harm · {LICENCE} · {self.url} · {self.date}"


def page_questions(path: Path, label: str | None = None) -> list[dict]:
    """Every question of every quiz on a page, checked; QuizExportError names page and question."""
    page = Page.read(path)
    out = []
    for line, source in page.quiz_blocks():
        try:
            out += quiz.parse(source, line)
        except quiz.QuizError as exc:
            raise QuizExportError(f"{label or path}: quiz at line {line}: {exc}") from None
    return out


def _html(md, text: str) -> str:
    return quiz._inline(md, text)


def _plain(md, text: str) -> str:
    rendered = _html(md, text)
    return lxml_html.fragment_fromstring(rendered, create_parent="div").text_content().strip()


def _md():
    from .safe import inline_markdown

    return inline_markdown()


def _fraction(n: int) -> str:
    return f"{100 / n:.5f}".rstrip("0").rstrip(".")


def moodle_xml(questions: list[dict], meta: Meta) -> bytes:
    """Moodle XML: a category (named after the page, its licence line as the category's
    description) and one multiple-choice question per quiz question, feedback on every option."""
    md = _md()
    root = etree.Element("quiz")
    root.append(etree.Comment(f" {meta.licence_line()} ".replace("--", "- -")))
    cat = etree.SubElement(root, "question", type="category")
    etree.SubElement(etree.SubElement(cat, "category"), "text").text = f"$course$/top/Real Harm/{meta.title}"
    etree.SubElement(etree.SubElement(cat, "info", format="html"), "text").text = (
        f"<p>{_escape(meta.licence_line())}</p>")
    for n, q in enumerate(questions, 1):
        options = q["options"]
        right = [o for o in options if o.get("correct") is True]
        wrong = [o for o in options if o.get("correct") is not True]
        single = len(right) == 1
        el = etree.SubElement(root, "question", type="multichoice")
        etree.SubElement(etree.SubElement(el, "name"), "text").text = f"{meta.title} · {n}"
        etree.SubElement(etree.SubElement(el, "questiontext", format="html"), "text").text = _html(md, q["question"])
        etree.SubElement(etree.SubElement(el, "generalfeedback", format="html"), "text").text = (
            f"<p>{_escape(meta.licence_line())}</p>")
        etree.SubElement(el, "defaultgrade").text = "1"
        etree.SubElement(el, "penalty").text = "0.3333333"
        etree.SubElement(el, "hidden").text = "0"
        etree.SubElement(el, "single").text = "true" if single else "false"
        etree.SubElement(el, "shuffleanswers").text = "true"
        etree.SubElement(el, "answernumbering").text = "abc"
        for opt in options:
            if opt.get("correct") is True:
                fraction = "100" if single else _fraction(len(right))
            else:
                fraction = "0" if single else "-" + _fraction(len(wrong))
            answer = etree.SubElement(el, "answer", fraction=fraction, format="html")
            etree.SubElement(answer, "text").text = _html(md, opt["text"])
            etree.SubElement(etree.SubElement(answer, "feedback", format="html"), "text").text = _html(md, opt["feedback"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def qti_item(q: dict, n: int, meta: Meta, md) -> bytes:
    """One QTI 2.1 assessmentItem: a choice interaction, the right answers, a score, and a
    modal feedback per option shown when that option is chosen."""
    options = q["options"]
    right = [f"C{m}" for m, o in enumerate(options, 1) if o.get("correct") is True]
    cardinality = "single" if len(right) == 1 else "multiple"
    item = etree.Element(_q("assessmentItem"), nsmap={None: QTI_NS, "xsi": XSI})
    item.set(f"{{{XSI}}}schemaLocation", f"{QTI_NS} {QTI_XSD}")
    item.set("identifier", f"item{n}")
    item.set("title", f"{meta.title} · {n}")
    item.set("adaptive", "false")
    item.set("timeDependent", "false")
    item.set(XML_LANG, meta.lang)
    resp = etree.SubElement(item, _q("responseDeclaration"), identifier="RESPONSE", cardinality=cardinality,
                            baseType="identifier")
    correct = etree.SubElement(resp, _q("correctResponse"))
    for ident in right:
        etree.SubElement(correct, _q("value")).text = ident
    score = etree.SubElement(item, _q("outcomeDeclaration"), identifier="SCORE", cardinality="single", baseType="float")
    etree.SubElement(etree.SubElement(score, _q("defaultValue")), _q("value")).text = "0"
    etree.SubElement(item, _q("outcomeDeclaration"), identifier="FEEDBACK", cardinality=cardinality,
                     baseType="identifier")
    body = etree.SubElement(item, _q("itemBody"))
    interaction = etree.SubElement(body, _q("choiceInteraction"), responseIdentifier="RESPONSE", shuffle="false",
                                   maxChoices="1" if cardinality == "single" else "0")
    etree.SubElement(interaction, _q("prompt")).text = _plain(md, q["question"])
    for m, opt in enumerate(options, 1):
        etree.SubElement(interaction, _q("simpleChoice"), identifier=f"C{m}").text = _plain(md, opt["text"])
    rp = etree.SubElement(item, _q("responseProcessing"))
    cond = etree.SubElement(rp, _q("responseCondition"))
    when = etree.SubElement(cond, _q("responseIf"))
    match = etree.SubElement(when, _q("match"))
    etree.SubElement(match, _q("variable"), identifier="RESPONSE")
    etree.SubElement(match, _q("correct"), identifier="RESPONSE")
    etree.SubElement(etree.SubElement(when, _q("setOutcomeValue"), identifier="SCORE"), _q("baseValue"),
                     baseType="float").text = "1"
    etree.SubElement(etree.SubElement(rp, _q("setOutcomeValue"), identifier="FEEDBACK"), _q("variable"),
                     identifier="RESPONSE")
    for m, opt in enumerate(options, 1):
        fb = etree.SubElement(item, _q("modalFeedback"), outcomeIdentifier="FEEDBACK", showHide="show",
                              identifier=f"C{m}")
        fb.text = _plain(md, opt["feedback"])
    return etree.tostring(item, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_test(count: int, meta: Meta) -> bytes:
    test = etree.Element(_q("assessmentTest"), nsmap={None: QTI_NS, "xsi": XSI})
    test.set(f"{{{XSI}}}schemaLocation", f"{QTI_NS} {QTI_XSD}")
    test.set("identifier", "test")
    test.set("title", meta.title)
    part = etree.SubElement(test, _q("testPart"), identifier="part", navigationMode="nonlinear",
                            submissionMode="individual")
    section = etree.SubElement(part, _q("assessmentSection"), identifier="section", title=meta.title, visible="true")
    rubric = etree.SubElement(section, _q("rubricBlock"), view="candidate")
    etree.SubElement(rubric, _q("p")).text = meta.licence_line()
    for n in range(1, count + 1):
        etree.SubElement(section, _q("assessmentItemRef"), identifier=f"item{n}", href=f"items/item{n}.xml")
    return etree.tostring(test, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_manifest(count: int, meta: Meta) -> bytes:
    cp = lambda tag: f"{{{CP_NS}}}{tag}"  # noqa: E731
    lom = lambda tag: f"{{{MD_NS}}}{tag}"  # noqa: E731
    man = etree.Element(cp("manifest"), nsmap={None: CP_NS, "imsmd": MD_NS, "xsi": XSI})
    man.set("identifier", "realharm-quiz")
    man.set(f"{{{XSI}}}schemaLocation", f"{CP_NS} {CP_XSD}")
    md = etree.SubElement(man, cp("metadata"))
    etree.SubElement(md, cp("schema")).text = "QTIv2.1 Package"
    etree.SubElement(md, cp("schemaversion")).text = "1.0.0"
    general = etree.SubElement(etree.SubElement(md, lom("lom")), lom("general"))
    title = etree.SubElement(etree.SubElement(general, lom("title")), lom("string"), language=meta.lang)
    title.text = meta.title
    etree.SubElement(general, lom("language")).text = meta.lang
    desc = etree.SubElement(etree.SubElement(general, lom("description")), lom("string"), language=meta.lang)
    desc.text = meta.licence_line()
    rights = etree.SubElement(md[-1], lom("rights"))
    etree.SubElement(etree.SubElement(rights, lom("description")), lom("string"), language=meta.lang).text = (
        f"{LICENCE} · {meta.url}")
    etree.SubElement(man, cp("organizations"))
    resources = etree.SubElement(man, cp("resources"))
    for n in range(1, count + 1):
        res = etree.SubElement(resources, cp("resource"), identifier=f"item{n}", type="imsqti_item_xmlv2p1",
                               href=f"items/item{n}.xml")
        etree.SubElement(res, cp("file"), href=f"items/item{n}.xml")
    res = etree.SubElement(resources, cp("resource"), identifier="test", type="imsqti_test_xmlv2p1", href="test.xml")
    etree.SubElement(res, cp("file"), href="test.xml")
    for n in range(1, count + 1):
        etree.SubElement(res, cp("dependency"), identifierref=f"item{n}")
    return etree.tostring(man, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_package(questions: list[dict], meta: Meta) -> bytes:
    """A QTI 2.1 IMS content package (zip): imsmanifest.xml, test.xml and one file per question."""
    md = _md()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("imsmanifest.xml", qti_manifest(len(questions), meta))
        zf.writestr("test.xml", qti_test(len(questions), meta))
        for n, q in enumerate(questions, 1):
            zf.writestr(f"items/item{n}.xml", qti_item(q, n, meta, md))
    return buf.getvalue()


def write(questions: list[dict], meta: Meta, folder: Path, stem: str) -> list[Path]:
    """<stem>-quiz.moodle.xml and <stem>-quiz.qti.zip in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    moodle = folder / f"{stem}-quiz.moodle.xml"
    moodle.write_bytes(moodle_xml(questions, meta))
    qti = folder / f"{stem}-quiz.qti.zip"
    qti.write_bytes(qti_package(questions, meta))
    return [moodle, qti]
