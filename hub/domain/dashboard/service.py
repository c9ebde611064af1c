"""Sales figures for a day and its month (Asia/Kolkata dates), from the replicated tables.

Read through the replica when one is configured; cached for a short while in the shared store
because owners reload the dashboard often and the figures only move when a counter syncs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import func, select

from hub.domain.context import TenantContext
from hub.domain.dashboard.schemas import (
    DashboardFigures,
    DaySales,
    ExchangeIntake,
    MetalSales,
    PaymentModeTotal,
    PeriodFigures,
    SalesTotal,
    TerminalSales,
)
from shared.tables import Invoice, InvoiceLine, OldGoldVoucher, Payment, Terminal
from shared.tables.vocabulary import DocumentStatus, PaymentDirection

SHOP_TIME_ZONE: Final = ZoneInfo("Asia/Kolkata")
CACHE_SECONDS: Final = 30
_ISSUED: Final = DocumentStatus.ISSUED.value


def shop_today() -> date:
    return datetime.now(SHOP_TIME_ZONE).date()


class DashboardService:
    def __init__(self, context: TenantContext) -> None:
        self.context = context
        self.session = context.session

    async def figures(self, on: date | None = None) -> DashboardFigures:
        day = on or shop_today()
        resources = self.context.resources
        key = f"dashboard:{self.context.shop_id}:{day.isoformat()}"
        cached = await resources.cache.get(key)
        if cached is not None:
            resources.cache_stats.hits += 1
            return msgspec.json.decode(cached, type=DashboardFigures)
        resources.cache_stats.misses += 1
        figures = await self._compute(day)
        await resources.cache.set(key, msgspec.json.encode(figures), expires_in=CACHE_SECONDS)
        return figures

    async def _compute(self, day: date) -> DashboardFigures:
        month_start = day.replace(day=1)
        return DashboardFigures(
            day=day,
            today=await self._period(day, day),
            month=await self._period(month_start, day),
            month_by_day=await self._by_day(month_start, day),
        )

    async def _period(self, start: date, end: date) -> PeriodFigures:
        in_period: Any = (
            Invoice.invoice_date.between(start, end),
            Invoice.status == _ISSUED,
        )
        totals = (
            await self.session.execute(
                select(
                    func.count(Invoice.id),
                    func.coalesce(func.sum(Invoice.taxable_paise), 0),
                    func.coalesce(
                        func.sum(Invoice.cgst_paise + Invoice.sgst_paise + Invoice.igst_paise), 0
                    ),
                    func.coalesce(func.sum(Invoice.grand_total_paise), 0),
                ).where(*in_period)
            )
        ).one()
        terminals = await self.session.execute(
            select(
                Terminal.id,
                Terminal.name,
                func.count(Invoice.id),
                func.coalesce(func.sum(Invoice.grand_total_paise), 0),
            )
            .join(
                Invoice,
                (Invoice.shop_id == Terminal.shop_id) & (Invoice.terminal_id == Terminal.id),
            )
            .where(*in_period)
            .group_by(Terminal.id, Terminal.name)
            .order_by(Terminal.name)
        )
        metals = await self.session.execute(
            select(
                func.coalesce(InvoiceLine.metal, "other"),
                func.coalesce(func.sum(InvoiceLine.net_mg), 0),
                func.coalesce(func.sum(InvoiceLine.taxable_paise), 0),
            )
            .join(
                Invoice,
                (Invoice.shop_id == InvoiceLine.shop_id) & (Invoice.id == InvoiceLine.invoice_id),
            )
            .where(*in_period)
            .group_by(func.coalesce(InvoiceLine.metal, "other"))
        )
        exchange = (
            await self.session.execute(
                select(
                    func.count(OldGoldVoucher.id),
                    func.coalesce(func.sum(OldGoldVoucher.net_mg), 0),
                    func.coalesce(func.sum(OldGoldVoucher.value_paise), 0),
                ).where(
                    OldGoldVoucher.voucher_date.between(start, end),
                    OldGoldVoucher.status == _ISSUED,
                )
            )
        ).one()
        payments = await self.session.execute(
            select(Payment.mode, Payment.direction, func.sum(Payment.amount_paise))
            .where(Payment.payment_date.between(start, end))
            .group_by(Payment.mode, Payment.direction)
        )
        by_mode: dict[str, int] = {}
        for mode, direction, amount in payments:
            sign = -1 if direction == PaymentDirection.REFUNDED.value else 1
            by_mode[mode] = by_mode.get(mode, 0) + sign * int(amount or 0)
        return PeriodFigures(
            start=start,
            end=end,
            sales=SalesTotal(
                invoices=int(totals[0]),
                taxable_paise=int(totals[1]),
                tax_paise=int(totals[2]),
                grand_total_paise=int(totals[3]),
            ),
            by_terminal=[
                TerminalSales(
                    terminal_id=terminal_id,
                    terminal_name=name,
                    invoices=int(count),
                    grand_total_paise=int(total),
                )
                for terminal_id, name, count, total in terminals
            ],
            by_metal=sorted(
                (
                    MetalSales(metal=str(metal), net_mg=int(net), taxable_paise=int(taxable))
                    for metal, net, taxable in metals
                ),
                key=lambda row: -row.taxable_paise,
            ),
            exchange=ExchangeIntake(
                vouchers=int(exchange[0]), net_mg=int(exchange[1]), value_paise=int(exchange[2])
            ),
            payments=[
                PaymentModeTotal(mode=mode, amount_paise=amount)
                for mode, amount in sorted(by_mode.items())
            ],
        )

    async def _by_day(self, start: date, end: date) -> list[DaySales]:
        rows = await self.session.execute(
            select(Invoice.invoice_date, func.sum(Invoice.grand_total_paise))
            .where(Invoice.invoice_date.between(start, end), Invoice.status == _ISSUED)
            .group_by(Invoice.invoice_date)
        )
        totals = {day: int(total or 0) for day, total in rows}
        days = (end - start).days + 1
        return [
            DaySales(
                day=start + timedelta(days=n),
                grand_total_paise=totals.get(start + timedelta(days=n), 0),
            )
            for n in range(days)
        ]
