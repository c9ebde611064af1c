"""The "Stock" report: what the shop holds now, how old it is, and how it moved in the range.

Stock belongs to the shop, not a terminal, so the terminal and branch filters do not apply.
"Today" comes from an injected clock so a test can fix the day the rates are taken on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.stock_dates import ShopToday, day_end, shop_today
from hub.reports.stock_format import count_text
from hub.reports.stock_history import histories
from hub.reports.stock_holdings import ageing_table, in_stock_table
from hub.reports.stock_movement import movement_table
from hub.reports.stock_reads import load_movements, load_pieces, load_sale_rates
from hub.reports.stock_value import value_pieces
from hub.reports.tabular import Report, ReportFilter
from shared.money import Milligrams, Paise

SLUG = "stock"
TITLE = "Stock"
SUMMARY = (
    "Pieces in stock by metal and purity with weights and value at today's rates, "
    "ageing, and movement between two dates"
)


@dataclass(frozen=True, slots=True)
class StockReport:
    today: ShopToday = field(default=shop_today)

    async def build(self, session: AsyncSession, flt: ReportFilter) -> Report:
        today = self.today()
        latest = max(today, flt.date_to)
        pieces = await load_pieces(session)
        movements = histories(await load_movements(session, day_end(latest)))
        valuation = value_pieces(
            [piece for piece in pieces if piece.held or piece.id in movements],
            await load_sale_rates(session, day_end(today)),
        )
        in_stock = in_stock_table(pieces, valuation, today)
        held = [piece for piece in pieces if piece.held]
        values = [valuation.values[p.id] for p in held if p.id in valuation.values]
        facts = (
            ("Pieces in stock", count_text(len(held))),
            ("Net weight", f"{sum((p.net for p in held), Milligrams(0)).format()}"),
            ("Value before GST", sum((v.sale_value for v in values), Paise(0)).format()),
            ("Not valued", count_text(len(held) - len(values))),
        )
        return Report(
            slug=SLUG,
            title=TITLE,
            filter=flt,
            tables=(
                in_stock,
                ageing_table(pieces, movements, valuation, flt.date_to),
                movement_table(pieces, movements, flt.date_from, flt.date_to),
            ),
            facts=facts,
        )
