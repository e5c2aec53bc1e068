"""Rounding the positions in a PDF's page content (pdf.round_positions): positions lose the digits
deflate cannot compress; text, matrices and font sizes stay exactly as they were."""

from __future__ import annotations

import pikepdf

from realharm import pdf


def _doc(content: bytes) -> pikepdf.Pdf:
    doc = pikepdf.new()
    doc.add_blank_page(page_size=(595, 842))
    doc.pages[0].obj.Contents = doc.make_stream(content)
    return doc


def test_positions_are_rounded_and_everything_else_kept():
    doc = _doc(b".23999999 0 0 -.23999999 0 842.88 cm\n"
               b"16.4999981 128.535858 16.5888062 128.089386 16.7664204 127.660591 c\n"
               b"BT /F1 12.8000002 Tf 1 0 0 -1 53 2037 Tm <0035> Tj 7.9596558 0 Td <0048> Tj ET\n")
    changed = pdf.round_positions(doc)
    out = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(doc.pages[0]))
    assert changed == 7
    assert b"16.5 128.54 16.59 128.09 16.77 127.66 c" in out
    assert b"7.96 0 Td" in out
    assert b"0.23999999 0 0 -0.23999999 0 842.88 cm" in out  # matrices keep every digit
    assert b"12.8000002 Tf" in out                          # and font sizes
    assert out.count(b"Tj") == 2 and b"<0035>" in out and b"<0048>" in out


def test_a_page_already_round_is_left_alone():
    doc = _doc(b"10 20 m 30.5 40.25 l S\n")
    assert pdf.round_positions(doc) == 0
