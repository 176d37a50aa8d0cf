"""What every document shares: embedded fonts, safe file names, atomic writing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from klinik.reports import base


def test_fonts_are_embedded_so_a_letter_prints_the_same_everywhere():
    pdf = base.render_pdf(
        [base.para("Palangka Raya, 20 Mei 2021", base.styles()["body"])], title="x"
    )
    reader = PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [fonts[name].get_object() for name in fonts]
    embedded = [
        d for d in descriptors
        if "/DescendantFonts" in d or "/FontDescriptor" in d
    ]  # fmt: skip
    assert embedded
    assert b"/FontFile2" in pdf  # the TrueType program itself is in the file


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PT. Maju: Jaya?", "PT. Maju Jaya.pdf"),
        ("CON", "CON_.pdf"),
        ("lpt1", "lpt1_.pdf"),
        ('a/b\\c*d"e<f>g|h', "abcdefgh.pdf"),
        ("   ", "dokumen.pdf"),
        ("Amplang Bu Ani.", "Amplang Bu Ani.pdf"),
    ],
)
def test_file_names_from_client_names_are_safe_on_windows(name, expected):
    assert base.safe_filename(name) == expected


def test_user_text_cannot_become_markup():
    hostile = 'A <b>&</b> <img src="http://x/y.png"/> <link href="http://x">z</link>'
    pdf = base.render_pdf([base.para(hostile, base.styles()["body"])], title="x")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert hostile in " ".join(text.split())
    assert b"/URI" not in pdf
