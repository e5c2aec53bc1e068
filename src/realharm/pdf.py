"""PDFs of every lesson plan and learner page, and one pack per module and language.

Pages are printed by headless Chromium through Playwright (the site's print stylesheet gives
clean A4 pages with answers shown and link targets visible); pypdf merges the packs and writes
title, language, subject and date into each file's metadata. Chromium writes tagged PDFs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .curriculum import entries


@dataclass(frozen=True)
class Target:
    lang: str
    module: int
    title: str
    url_path: str      # page path under the site root, e.g. "it/learn/m1-synthetic-media/"
    pdf_path: str      # file under the site root, e.g. "pdf/it/m1-synthetic-media.pdf"


def page_targets(docs: Path, languages: list[str], *, directory_urls: bool = True) -> list[Target]:
    out = []
    for lang in languages:
        prefix = "" if lang == languages[0] else f"{lang}/"
        for e in entries(docs, lang):
            stem = e.rel[:-3]
            url = f"{prefix}{stem}/" if directory_urls else f"{prefix}{stem}.html"
            out.append(Target(lang, e.module, e.title, url, f"pdf/{lang}/{Path(stem).name}.pdf"))
    return out


def pack_path(lang: str, module: int) -> str:
    return f"pdf/{lang}/module-{module}.pdf"


def pdf_link(src_uri: str, lang: str) -> str | None:
    """The PDF of a page (by its language-less source path), or None if it has none."""
    parts = Path(src_uri).parts
    if (parts[:2] == ("teach", "lessons") or parts[:1] == ("learn",)) and Path(src_uri).name.startswith("m"):
        return f"pdf/{lang}/{Path(src_uri).stem}.pdf"
    return None


def page_pdf(lang: str, rel: str) -> str:
    """The PDF of a page by its path under docs/<lang>/."""
    return f"pdf/{lang}/{Path(rel).stem}.pdf"


# Operators whose numbers are positions: path construction and text moves. Chromium writes them
# with seven or eight digits, which deflate cannot compress; two decimals are a hundredth of a
# CSS pixel on the printed page. Matrices (cm, Tm) and font sizes keep every digit.
_POSITION_OPERATORS = {"m", "l", "c", "v", "y", "re", "Td", "TD"}


def round_positions(doc, places: int = 2) -> int:
    """Round the coordinates of paths and text moves in every page's content; returns how many
    numbers changed. Text, fonts, colours, tags and matrices are left as they are."""
    import decimal

    import pikepdf

    quantum = decimal.Decimal(1).scaleb(-places)
    changed = 0
    for page in doc.pages:
        instructions = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) in _POSITION_OPERATORS:
                new = []
                for x in operands:
                    if isinstance(x, decimal.Decimal) and x != x.quantize(quantum):
                        x = x.quantize(quantum).normalize()
                        changed += 1
                    new.append(x)
                operands = new
            instructions.append((operands, operator))
        page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(instructions))
    return changed


def set_metadata(path: Path, *, title: str, lang: str, subject: str) -> None:
    """Title, language, subject and date in the file's metadata, and the file saved compactly.

    Chromium already embeds font subsets; most of a plan's PDF is its page content (Chromium
    places every glyph on its own) and the tag tree of an accessible PDF (several hundred small
    objects). The print stylesheet draws no box icons, round corners or round bullets (each was
    hundreds of curves; a dashed border, one rectangle per dash; light headings, a second subset of
    the regular font), positions are rounded (round_positions), and qpdf (through pikepdf)
    packs the small objects into compressed object streams and recompresses every stream."""
    import pikepdf

    now = dt.datetime.now(dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:title"] = title
            xmp["dc:description"] = subject
            xmp["dc:language"] = [lang]
        doc.docinfo["/Title"] = title
        doc.docinfo["/Subject"] = subject
        doc.docinfo["/Author"] = "Real Harm"
        doc.docinfo["/CreationDate"] = now
        doc.docinfo["/ModDate"] = now
        doc.Root.Lang = pikepdf.String(lang)
        doc.remove_unreferenced_resources()
        round_positions(doc)
        pikepdf.settings.set_flate_compression_level(9)  # zlib's best: 1-2% smaller than its default
        doc.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                 recompress_flate=True)


def print_pages(base_url: str, site_dir: Path, targets: list[Target], *, browser) -> list[Path]:
    """Print each target page to its PDF under site_dir with a Playwright browser; returns the files."""
    written = []
    page = browser.new_page()
    for t in targets:
        page.goto(base_url + t.url_path, wait_until="networkidle")
        page.emulate_media(media="print")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        out = site_dir / t.pdf_path
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), format="A4", print_background=True, tagged=True, outline=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
        set_metadata(out, title=t.title, lang=t.lang, subject=f"Real Harm · module {t.module}")
        written.append(out)
    page.close()
    return written


def make_packs(site_dir: Path, targets: list[Target], pack_titles: dict[tuple[str, int], str]) -> list[Path]:
    """One PDF per module and language: its lesson plans and learner page, in curriculum order."""
    from pypdf import PdfWriter

    written = []
    for (lang, module), title in sorted(pack_titles.items()):
        parts = [t for t in targets if t.lang == lang and t.module == module]
        if not parts:
            continue
        writer = PdfWriter()
        for t in parts:
            writer.append(str(site_dir / t.pdf_path), outline_item=t.title)
        out = site_dir / pack_path(lang, module)
        with out.open("wb") as fh:
            writer.write(fh)
        set_metadata(out, title=title, lang=lang, subject=f"Real Harm · module {module}")
        written.append(out)
    return written
