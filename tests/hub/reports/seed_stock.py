"""A small, hand-computable shop for the stock and HUID report tests, on top of a seeded month.

Today is 31-07-2025 (Asia/Kolkata); the report range is July 2025. Gold 22K916 sells at
Rs 10,100/g from 31-07 10:00 IST (Rs 10,000 before; Rs 20,000 from 01-08, after today, and a
purchase rate that must be ignored), silver 925 at Rs 100/g; gold 18K750 has no rate.

| tag | grade | gross/net g | HUID | life | now |
|---|---|---|---|---|---|
| G22-001 | 22K916 | 10/10, wastage 5%, making Rs 500/g | AB0001 | in 01-05 | in stock |
| G22-002 | 22K916 | 5.5/5, stones Rs 2,000, making 10% | none | in 10-07 | in stock |
| G18-001 | 18K750 | 3/3, making flat Rs 800 | AB0003 | in 15-06-2024 | in stock (no rate) |
| S925-001 | 925 | 50/50, making Rs 20/g | none | in 05-07, sold 20-07 | sold |
| G22-003 | 22K916 | 8/8, making Rs 500/g | AB0005 | in 01-06, sold 15-07, back 25-07 | in stock |
| G22-004 | 22K916 | 1.537/1.537, flat Rs 300 | none (< 2 g) | in 01-07 00:30 IST | in stock |
| G22-005 | 22K916 kundan | 20/18 | none (kundan) | in 01-03, removed 28-07 | removed |
| G22-006 | 22K916 | 4/4 | none | in 10-06, sold 12-07 (event sent twice) | sold |
| G22-007 | 22K916 | 2/2, Rs 500/g, hallmark Rs 45 | ab-009 | in 03-07, reserved 29-07 | held |

Sales: 12-07 G22-006 without HUID; 15-07 G22-003 (AB0005); 18-07 an untagged 22K ring billed with
HUID AB0001 (G22-001's: a duplicate); 20-07 S925-001; 21-07 a gold chain without HUID on an
invoice then cancelled; 20-06 an untagged gold chain without HUID (before the range). Credit
note 25-07 takes back G22-003.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Final

from shared.ids import new_id
from shared.money import Paise
from shared.pricing import LineDraft, LineKind
from shared.tables import Base, MetalRate, Product, StockMovement, StockPiece
from tests.hub.reports.seed import GOLD_22K, SILVER, MonthBuilder, flat, grams, per_gram

TODAY: Final = dt.date(2025, 7, 31)
IST: Final = dt.timezone(dt.timedelta(hours=5, minutes=30))
HLC: Final = "0000000000000-0000-seed"


def ist(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), IST).astimezone(dt.UTC)


def d(day: int, month: int = 7, year: int = 2025) -> dt.date:
    return dt.date(year, month, day)


class StockShop:
    """The rows of the table above for one shop; `rows()` lists them parents first."""

    def __init__(self, shop_id: uuid.UUID) -> None:
        self.shop_id = shop_id
        self.builder = MonthBuilder(shop_id)
        self.products: list[Product] = []
        self.pieces: dict[str, StockPiece] = {}
        self.movements: list[StockMovement] = []
        self.rates: list[MetalRate] = []

    # -- rows ----------------------------------------------------------------------------
    def product(self, code: str, name: str) -> Product:
        row = Product(
            id=new_id(),
            shop_id=self.shop_id,
            code=code,
            name=name,
            metal="gold",
            purity_fineness=916,
            hsn="711319",
            gst_rate_bp=300,
            making_mode="per_gram",
            making_rate=500_00,
            hlc=HLC,
        )
        self.products.append(row)
        return row

    def piece(
        self,
        tag: str,
        *,
        metal: str = "gold",
        fineness: int = 916,
        gross: str,
        net: str,
        huid: str | None,
        making: tuple[str, int],
        wastage_bp: int = 0,
        stone_value: int = 0,
        hallmark_fee: int = 0,
        description: str = "22K gold",
        product: Product | None = None,
        received: dt.datetime,
    ) -> StockPiece:
        gross_mg, net_mg = grams(gross), grams(net)
        row = StockPiece(
            id=new_id(),
            shop_id=self.shop_id,
            product_id=None if product is None else product.id,
            tag_code=tag,
            huid=huid,
            description=description,
            metal=metal,
            purity_fineness=fineness,
            gross_mg=gross_mg.value,
            stone_mg=(gross_mg - net_mg).value,
            net_mg=net_mg.value,
            stone_value_paise=stone_value,
            making_mode=making[0],
            making_rate=making[1],
            wastage_bp=wastage_bp,
            hallmark_fee_paise=hallmark_fee,
            hsn="711311" if metal == "silver" else "711319",
            gst_rate_bp=300,
            status="in_stock",
            hlc=HLC,
            created_at=received,
            updated_at=received,
        )
        self.pieces[tag] = row
        self.move(tag, "received", "in_stock", received)
        return row

    def move(
        self,
        tag: str,
        kind: str,
        status: str,
        at: dt.datetime,
        invoice_id: uuid.UUID | None = None,
    ) -> None:
        piece = self.pieces[tag]
        piece.status = status
        self.movements.append(
            StockMovement(
                id=new_id(),
                shop_id=self.shop_id,
                stock_piece_id=piece.id,
                kind=kind,
                status_after=status,
                invoice_id=invoice_id,
                occurred_at=at,
            )
        )

    def rate(
        self, metal: str, fineness: int, rupees: int, at: dt.datetime, kind: str = "sale"
    ) -> None:
        self.rates.append(
            MetalRate(
                id=new_id(),
                shop_id=self.shop_id,
                metal=metal,
                purity_fineness=fineness,
                kind=kind,
                rate_paise_per_gram=rupees * 100,
                effective_from=at,
                hlc=HLC,
            )
        )

    def sell(
        self, day: dt.date, draft: LineDraft, tag: str | None = None, *, cancelled: bool = False
    ) -> uuid.UUID:
        """An invoice of one line (for the piece `tag`, when given), sold at noon IST."""
        invoice = self.builder.invoice("A1", day, [draft], cancelled=cancelled)
        if tag is not None:
            piece = self.pieces[tag]
            self.builder.month.lines_of(invoice)[0].stock_piece_id = piece.id
            self.move(tag, "sold", "sold", ist(day), invoice.id)
        return invoice.id

    def rows(self) -> list[Base]:
        month = self.builder.month
        # `bulk_write` inserts each table with executemany, which takes its columns from the
        # first row: give every line its piece (or an explicit None) so none is dropped.
        for line in month.invoice_lines:
            line.stock_piece_id = line.stock_piece_id
        for note_line in month.note_lines:
            note_line.stock_piece_id = note_line.stock_piece_id
        return [
            month.shop,
            *month.terminals,
            *self.products,
            *self.pieces.values(),
            *self.movements,
            *self.rates,
            *month.invoices,
            *month.invoice_lines,
            *month.notes,
            *month.note_lines,
        ]


def gold_line(weight: str, huid: str | None, description: str = "22K gold") -> LineDraft:
    return LineDraft(
        kind=LineKind.JEWELLERY,
        hsn="711319",
        gst_rate=Decimal(3),
        gross_weight=grams(weight),
        net_weight=grams(weight),
        metal=GOLD_22K.metal,
        purity=GOLD_22K,
        rate=Paise(10_000_00),
        description=description,
        hallmarked=huid is not None,
        huid=huid,
        making=per_gram(500),
    )


def silver_line(weight: str) -> LineDraft:
    return LineDraft(
        kind=LineKind.JEWELLERY,
        hsn="711311",
        gst_rate=Decimal(3),
        gross_weight=grams(weight),
        net_weight=grams(weight),
        metal=SILVER.metal,
        purity=SILVER,
        rate=Paise(100_00),
        description="silver anklet",
        making=flat(0),
    )


def stock_shop(shop_id: uuid.UUID) -> StockShop:
    """The shop of the module docstring."""
    s = StockShop(shop_id)
    s.builder.terminal("A1")
    kundan = s.product("KUNDAN", "Kundan sets")
    s.rate("gold", 916, 10_000, ist(d(1), 6))
    s.rate("gold", 916, 10_100, ist(d(31), 10))
    s.rate("gold", 916, 20_000, ist(d(1, 8), 6))
    s.rate("gold", 916, 9_000, ist(d(31), 12), kind="purchase")
    s.rate("silver", 925, 100, ist(d(1), 6))
    s.piece(
        "G22-001",
        gross="10",
        net="10",
        huid="AB0001",
        making=("per_gram", 500_00),
        wastage_bp=500,
        received=ist(d(1, 5)),
    )
    s.piece(
        "G22-002",
        gross="5.5",
        net="5",
        huid=None,
        making=("percent", 1000),
        stone_value=2_000_00,
        received=ist(d(10)),
    )
    s.piece(
        "G18-001",
        fineness=750,
        gross="3",
        net="3",
        huid="AB0003",
        making=("flat", 800_00),
        description="18K ring",
        received=ist(d(15, 6, 2024)),
    )
    s.piece(
        "S925-001",
        metal="silver",
        fineness=925,
        gross="50",
        net="50",
        huid=None,
        making=("per_gram", 20_00),
        description="silver anklet",
        received=ist(d(5)),
    )
    s.piece(
        "G22-003",
        gross="8",
        net="8",
        huid="AB0005",
        making=("per_gram", 500_00),
        received=ist(d(1, 6)),
    )
    s.piece(
        "G22-004",
        gross="1.537",
        net="1.537",
        huid=None,
        making=("flat", 300_00),
        description="22K nose pin",
        received=ist(d(1), 0, 30),
    )
    s.piece(
        "G22-005",
        gross="20",
        net="18",
        huid=None,
        making=("per_gram", 500_00),
        description="choker",
        product=kundan,
        received=ist(d(1, 3)),
    )
    s.piece(
        "G22-006",
        gross="4",
        net="4",
        huid=None,
        making=("per_gram", 500_00),
        received=ist(d(10, 6)),
    )
    s.piece(
        "G22-007",
        gross="2",
        net="2",
        huid="ab-009",
        making=("per_gram", 500_00),
        hallmark_fee=45_00,
        description="22K stud",
        received=ist(d(3)),
    )
    s.sell(d(20, 6), gold_line("6", None, "22K chain"))
    first = s.sell(d(12), gold_line("4", None), "G22-006")
    # The same sale pushed twice by an offline terminal: a second, identical movement.
    s.move("G22-006", "sold", "sold", ist(d(12), 12, 1), first)
    returned = s.sell(d(15), gold_line("8", "AB0005"), "G22-003")
    s.sell(d(18), gold_line("3", "AB0001", "22K ring"))
    s.sell(d(20), silver_line("50"), "S925-001")
    s.sell(d(21), gold_line("5", None, "22K chain"), cancelled=True)
    invoice = next(row for row in s.builder.month.invoices if row.id == returned)
    s.builder.credit_note("A1", d(25), invoice)
    s.builder.month.note_lines[-1].stock_piece_id = s.pieces["G22-003"].id
    s.move("G22-003", "returned", "in_stock", ist(d(25)), invoice.id)
    s.move("G22-005", "removed", "removed", ist(d(28)))
    s.move("G22-007", "reserved", "reserved", ist(d(29)))
    return s
