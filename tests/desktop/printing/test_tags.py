"""Tags decode with a real barcode reader and show the BIS facts of each piece."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from desktop.printing import SheetLayout, TagPiece, TagStock, load_tag_pieces, render_tags_pdf
from desktop.printing.samples import SampleSet
from shared.errors import InvalidInput
from shared.money import Milligrams
from tests.desktop.printing.pdf_support import decode_barcodes, page_count, page_texts

Sample = tuple[Session, SampleSet]


@pytest.mark.parametrize("with_qr", [False, True])
def test_dumbbell_tags_decode_and_show_purity_huid_and_weights(
    sample: Sample, tmp_path: Path, with_qr: bool
) -> None:
    session, s = sample
    pieces = load_tag_pieces(session, s.shop_id, s.tag_codes)
    pdf = render_tags_pdf(pieces, TagStock.DUMBBELL_95X12, with_qr=with_qr)
    assert page_count(pdf) == len(pieces)  # continuous stock: one tag per page
    path = tmp_path / "tags.pdf"
    path.write_bytes(pdf)
    found = decode_barcodes(path, tmp_path)
    assert sorted(c for c in found if c.startswith("CODE-128:")) == sorted(
        f"CODE-128:{code}" for code in s.tag_codes
    )
    qr = sorted(c for c in found if c.startswith("QR-Code:"))
    assert qr == (sorted(f"QR-Code:{code}" for code in s.tag_codes) if with_qr else [])
    for piece, text in zip(pieces, page_texts(pdf), strict=True):
        assert piece.tag_code in text
        assert piece.purity_label in text
        assert f"G {piece.gross.grams}" in text
        assert f"N {piece.net.grams}" in text
        if piece.huid:
            assert piece.huid in text


def test_labels_fill_a4_sheets_and_decode(sample: Sample, tmp_path: Path) -> None:
    session, s = sample
    pieces = load_tag_pieces(session, s.shop_id, s.tag_codes) * 12  # 48 labels, 44 a sheet
    pdf = render_tags_pdf(pieces, TagStock.LABEL_50X25)
    assert page_count(pdf) == 2
    path = tmp_path / "labels.pdf"
    path.write_bytes(pdf)
    # zbarimg reports each distinct symbol once per image, so count labels in the text.
    assert {c.removeprefix("CODE-128:") for c in decode_barcodes(path, tmp_path)} == set(
        s.tag_codes
    )
    first, second = page_texts(pdf)
    assert [first.count(code) for code in s.tag_codes] == [11, 11, 11, 11]
    assert [second.count(code) for code in s.tag_codes] == [1, 1, 1, 1]


def test_a_long_description_is_cut_not_run_over() -> None:
    piece = TagPiece(
        "T1",
        "x" * 300,
        "gold",
        "22K916",
        Milligrams(5_000),
        Milligrams(0),
        Milligrams(5_000),
        "AB12CD",
    )
    text = " ".join(page_texts(render_tags_pdf([piece], TagStock.LABEL_50X25)))
    assert "…" in text
    assert "x" * 300 not in text


def test_unknown_tag_codes_are_all_named(sample: Sample) -> None:
    session, s = sample
    with pytest.raises(InvalidInput, match="NOPE1, NOPE2"):
        load_tag_pieces(session, s.shop_id, ["BG22N00417", "nope1", "NOPE2"])
    with pytest.raises(InvalidInput, match="at least one"):
        load_tag_pieces(session, s.shop_id, [" "])
    assert [p.tag_code for p in load_tag_pieces(session, s.shop_id, ["bg22n00417"])] == [
        "BG22N00417"
    ]


def test_stock_sizes_are_configurable_and_checked() -> None:
    assert TagStock.parse("butterfly") is TagStock.DUMBBELL_95X12
    assert TagStock.parse("50x25") is TagStock.LABEL_50X25
    custom = TagStock.parse("60 x 30")
    assert (custom.width_mm, custom.height_mm, custom.sheet) == (60, 30, None)
    with pytest.raises(InvalidInput, match="outside what we print"):
        TagStock.custom(500, 12)
    with pytest.raises(InvalidInput, match="do not fit the sheet"):
        TagStock.custom(50, 25, sheet=SheetLayout(columns=5, rows=11))
    with pytest.raises(InvalidInput, match="not a tag stock"):
        TagStock.parse("big")
    with pytest.raises(InvalidInput, match="at least one piece"):
        render_tags_pdf([])
