"""Wire rows for sync tests, built from the tables' own columns so they track the tables."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.sql.schema import ScalarElementColumnDefault

from shared.ids import new_id
from shared.wire import JsonRow, encode_row, replicated_table

NOW = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)


def wire_row(entity: str, **values: Any) -> JsonRow:
    """A complete row of `entity` as JSON: given values, then column defaults, then None."""
    table = replicated_table(entity)
    full: dict[str, Any] = {}
    for column in table.columns:
        if column.name in values:
            full[column.name] = values[column.name]
        elif column.name == "id":
            full["id"] = new_id()
        elif column.name.endswith("_at") and not column.nullable:
            full[column.name] = NOW
        elif isinstance(column.default, ScalarElementColumnDefault):
            full[column.name] = column.default.arg
        else:
            full[column.name] = None
    return encode_row(table, full)


def terminal(shop_id: uuid.UUID, terminal_id: uuid.UUID, series: str) -> JsonRow:
    return wire_row(
        "terminal",
        shop_id=shop_id,
        id=terminal_id,
        name=f"Counter {series}",
        invoice_series=series,
        credit_note_series=f"C{series}",
        voucher_series=f"V{series}",
        hlc="0000000001000-0000-" + str(terminal_id),
    )


def piece(
    shop_id: uuid.UUID,
    piece_id: uuid.UUID,
    *,
    hlc: str,
    status: str = "in_stock",
    tag_code: str | None = None,
) -> JsonRow:
    return wire_row(
        "stock_piece",
        shop_id=shop_id,
        id=piece_id,
        tag_code=tag_code or f"T{piece_id.hex[-12:]}",
        description="22K bangle",
        metal="gold",
        purity_fineness=916,
        gross_mg=10_000,
        stone_mg=0,
        net_mg=10_000,
        making_mode="per_gram",
        hsn="711319",
        gst_rate_bp=300,
        status=status,
        hlc=hlc,
    )


def customer(shop_id: uuid.UUID, customer_id: uuid.UUID, *, hlc: str, **values: Any) -> JsonRow:
    return wire_row(
        "customer",
        **{"name": "Meena Iyer", "phone": "9845012345", **values},
        shop_id=shop_id,
        id=customer_id,
        hlc=hlc,
    )


def invoice(
    shop_id: uuid.UUID, invoice_id: uuid.UUID, terminal_id: uuid.UUID, number: str
) -> JsonRow:
    return wire_row(
        "invoice",
        shop_id=shop_id,
        id=invoice_id,
        terminal_id=terminal_id,
        series=number.split("/", maxsplit=1)[0],
        financial_year="2026-27",
        number=number,
        issued_at=NOW,
        invoice_date=date(2026, 11, 20),
        supply_type="intra",
        place_of_supply="29",
        classification="b2cs",
        buyer_name="Walk-in",
        taxable_paise=7_000_000,
        cgst_paise=105_000,
        sgst_paise=105_000,
        igst_paise=0,
        round_off_paise=0,
        grand_total_paise=7_210_000,
        old_gold_value_paise=0,
        net_payable_paise=7_210_000,
    )


def invoice_line(
    shop_id: uuid.UUID, invoice_id: uuid.UUID, piece_id: uuid.UUID, line_id: uuid.UUID | None = None
) -> JsonRow:
    return wire_row(
        "invoice_line",
        shop_id=shop_id,
        id=line_id or new_id(),
        invoice_id=invoice_id,
        line_no=1,
        stock_piece_id=piece_id,
        description="22K bangle",
        hsn="711319",
        gst_rate_bp=300,
        metal="gold",
        purity_fineness=916,
        gross_mg=10_000,
        net_mg=10_000,
        rate_paise_per_gram=700_000,
        metal_value_paise=7_000_000,
        taxable_paise=7_000_000,
    )
