"""Tagging pieces: validation, uniqueness, lookup, search, and the all-or-nothing CSV import."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.services import rates, stock, stock_import
from desktop.services.errors import NotAllowed
from shared.errors import InvalidInput
from shared.money import Milligrams
from shared.tables import StockPiece
from tests.desktop.services.conftest import Shop, bangle


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"huid": None}, "huid", "HUID"),
        ({"huid": "AB12C"}, "huid", "6 letters"),
        ({"purity": "961"}, "purity", "not a BIS grade"),
        ({"stone_weight": Milligrams(20_000)}, "stone_weight", "above the gross"),
        ({"net_weight": Milligrams(13_000)}, "net_weight", "above the gross"),
        ({"tag_code": "bad tag!"}, "tag_code", "tag code"),
        ({"making_mode": "by_weight"}, "making_mode", "per_gram"),
        ({"wastage_percent": "2.555"}, "wastage_percent", "decimal places"),
    ],
)
def test_bad_pieces_are_refused_with_the_field_named(
    shop: Shop, changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words) as caught:
        stock.add_piece(shop.ctx, shop.owner, bangle(**changes))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert stock.search_pieces(shop.ctx) == []


def test_tag_barcode_and_huid_are_unique_and_each_finds_the_piece(shop: Shop) -> None:
    added = stock.add_piece(shop.ctx, shop.owner, bangle(barcode="8900001"))
    assert added.net == Milligrams(12_150)  # gross - stone
    for code in ("T0001", "t0001", "8900001", "ab12cd"):
        assert stock.find_piece(shop.ctx, code) == added
    for changes, field in (
        ({}, "tag_code"),
        ({"tag_code": "T2"}, "huid"),
        ({"tag_code": "T2", "huid": "ZZ11ZZ", "barcode": "8900001"}, "barcode"),
    ):
        with pytest.raises(InvalidInput) as caught:
            stock.add_piece(shop.ctx, shop.owner, bangle(**changes))
        assert caught.value.field == field


def test_silver_needs_no_huid_and_search_filters(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    stock.add_piece(
        shop.ctx,
        shop.owner,
        stock.PieceInput(
            "S1",
            "silver",
            "925",
            Milligrams(50_000),
            "silver anklet",
            making_mode="flat",
            making_value="250",
        ),
    )
    assert [
        p.tag_code for p in stock.search_pieces(shop.ctx, stock.PieceFilter(metal="silver"))
    ] == ["S1"]
    assert [
        p.tag_code for p in stock.search_pieces(shop.ctx, stock.PieceFilter(text="anklet"))
    ] == ["S1"]
    assert [
        p.tag_code
        for p in stock.search_pieces(shop.ctx, stock.PieceFilter(fineness=916, status="in_stock"))
    ] == ["T0001"]
    assert rates.rates_missing_today(shop.ctx) == []


def test_sales_may_tag_but_accounts_may_not(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.sales, bangle())
    with pytest.raises(NotAllowed):
        stock.add_piece(shop.ctx, shop.accounts, bangle("T2", "ZZ11ZZ"))


def test_editing_a_piece_is_audited_and_refused_once_sold(shop: Shop) -> None:
    piece = stock.add_piece(shop.ctx, shop.owner, bangle())
    edited = stock.edit_piece(shop.ctx, shop.owner, piece.id, bangle(description="ruby bangle"))
    assert edited.description == "ruby bangle"


CSV_OK = """tag_code,metal,purity,gross_weight,stone_weight,huid,making_mode,making_value,\
wastage_percent
G1,gold,916,10.000,,AA11AA,per_gram,450,2.5
G2,gold,22K916,5.250,0.250,AA11AB,percent,12,
S1,silver,925,40.000,,,flat,300,
"""


def test_csv_import_previews_then_imports_everything(shop: Shop) -> None:
    preview = stock_import.preview_csv(shop.ctx, CSV_OK)
    assert preview.ok
    assert preview.lines == [2, 3, 4]
    assert stock_import.import_csv(shop.ctx, shop.owner, CSV_OK) == 3
    assert stock.find_piece(shop.ctx, "G2").net == Milligrams(5_000)  # type: ignore[union-attr]


def test_a_csv_with_any_bad_row_imports_nothing_and_names_line_and_column(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    bad = CSV_OK + "G3,gold,916,abc,,AA11AC,,,\nG4,gold,916,4.000,,,,,\nG1,gold,916,4,,AA11AD,,,\n"
    bad += "T0001,silver,925,4,,,,,\n"
    preview = stock_import.preview_csv(shop.ctx, bad)
    found = {(e.line, e.column) for e in preview.errors}
    assert found == {(5, "gross_weight"), (6, "huid"), (7, "tag_code"), (8, "tag_code")}
    with pytest.raises(InvalidInput, match="nothing was imported: line 5, gross_weight"):
        stock_import.import_csv(shop.ctx, shop.owner, bad)
    with shop.ctx.session() as session:
        assert session.scalar(select(func.count()).select_from(StockPiece)) == 1


def test_a_csv_with_unknown_columns_is_refused(shop: Shop) -> None:
    preview = stock_import.preview_csv(shop.ctx, "tag,metal\nX,gold\n")
    assert next((e.line, e.column) for e in preview.errors) == (1, "tag")
