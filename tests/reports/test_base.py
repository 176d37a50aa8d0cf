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


_TRICKY = [
    "Amplang Bu Sari",
    "  spaces   inside\tand tabs  ",
    "1 < 2 & 3 > 2 <br/> &amp; &nbsp; &#39;",
    "Palangka Raya, 20 Mei 2021 · 0812 3456 7890",
    "zero\u200bwidth\u00adsoft\x07bell",
    "emoji 🙂 and ümlauts, 2\u00a0kg",
    "",
    "   ",
    "two\nlines",
]


def _runs(paragraph):
    return [
        (f.text, f.fontName, f.fontSize, f.textColor, f.bold, f.italic) for f in paragraph.frags
    ]


@pytest.mark.parametrize("value", _TRICKY)
def test_a_plain_paragraph_is_the_parsers_paragraph(value):
    """base.plain skips reportlab's parser; what it makes reads as the parsed paragraph."""
    style = base.styles()["cell"]
    fast, parsed = base.plain(value, style), base.Paragraph(base.text(value), style)
    assert "".join(t for t, *_ in _runs(fast)) == "".join(t for t, *_ in _runs(parsed))
    assert {r[1:] for r in _runs(fast)} == {r[1:] for r in _runs(parsed)}
    width = base.content_width() / 3
    fast.wrap(width, 1000)
    parsed.wrap(width, 1000)
    assert fast.height == parsed.height


def _lines_of(flowables, width):
    pdf = base.render_pdf(flowables, title="x", pagesize=(width + 2 * base.MARGIN + 12, 2000))
    return [" ".join(line.split()) for line in PdfReader(io.BytesIO(pdf)).pages[0]
            .extract_text().splitlines()]  # fmt: skip


@pytest.mark.parametrize("width", [60, 120, 300])
def test_a_labelled_line_prints_as_the_mixed_paragraph(width):
    """parts.labelled lays the label's room out on the first line instead of mixing fonts
    in one paragraph: the same words on the same lines, the label first; a first word too
    wide for what the label leaves goes to the next line, as before."""
    from reportlab.lib.styles import ParagraphStyle

    from klinik.reports import parts

    style = ParagraphStyle("note", parent=base.styles()["body"], fontSize=9, leading=12.5)
    values = [
        "Pisahkan rekening usaha & catat penjualan setiap hari, 20 Mei 2021.",
        "https://example.org/sebuah/alamat/yang/panjang/sekali",
        "x",
    ]
    for value in values:
        for label in ("Ringkasan:", "Langkah berikutnya:"):
            fast = parts.labelled(label, value, style)
            mixed = base.Paragraph(f"<b>{base.text(label)}</b> {base.text(value)}", style)
            assert _lines_of([fast], width) == _lines_of([mixed], width)
            fast.wrap(width, 1000)
            mixed.wrap(width, 1000)
            assert fast.height == mixed.height
