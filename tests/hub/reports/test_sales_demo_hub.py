"""The sales reports of the demo shop on a migrated hub (Alembic's schema, the demo's synced
documents and payments), through the hub's own resources and the catalogue, as the web pages
build them: the register agrees with GSTR-1 and the charts with the register."""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import uuid

from sqlalchemy import func, select

from hub.core.resources import build_resources
from hub.reports import Gstr1, gstr1_for_month
from hub.reports.catalogue import report_catalogue
from hub.reports.tabular import Report, ReportFilter
from hub.storage.hub_tables import Tenant
from shared.money import Paise
from shared.tables import Invoice
from tests.hub.fixtures import HubUnderTest


def _demo_reports(hub: HubUnderTest) -> tuple[dict[str, Report], Gstr1]:
    async def go() -> tuple[dict[str, Report], Gstr1]:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.platform() as session:
                shop_id: uuid.UUID = (
                    await session.execute(
                        select(Tenant.shop_id).where(Tenant.login_code == hub.demo.shop_code)
                    )
                ).scalar_one()
            async with resources.sessions.tenant(shop_id, read_only=True) as session:
                latest: dt.date = (
                    await session.execute(select(func.max(Invoice.invoice_date)))
                ).scalar_one()
            last = calendar.monthrange(latest.year, latest.month)[1]
            flt = ReportFilter(latest.replace(day=1), latest.replace(day=last))
            reports = {}
            for slug in ("sales-register", "day-book", "sales-trends"):
                async with resources.sessions.tenant(shop_id, read_only=True) as session:
                    reports[slug] = await report_catalogue().get(slug).build(session, flt)
            gstr1 = await gstr1_for_month(resources, shop_id, latest.year, latest.month)
            return reports, gstr1
        finally:
            await resources.close()

    return asyncio.run(go())


def test_the_demo_shops_sales_reports_agree(hub: HubUnderTest) -> None:
    reports, gstr1 = _demo_reports(hub)
    register = reports["sales-register"].table("documents")
    assert register.rows
    assert register.totals is not None
    totals = dict(zip((c.key for c in register.columns), register.totals, strict=True))
    assert totals["taxable"] == gstr1.register.taxable
    assert totals["cgst"] == gstr1.register.cgst
    assert totals["sgst"] == gstr1.register.sgst
    assert totals["igst"] == gstr1.register.igst
    for chart in reports["sales-trends"].charts:
        assert Paise(sum(a.value for a in chart.amounts)) == totals["total"], chart.key
    day_book = reports["day-book"].table("day_book")
    assert day_book.totals is not None
    assert day_book.totals[day_book.column_index("net")] == totals["total"]
    modes = [c.key for c in register.columns if c.key.startswith("paid_")]
    for row in register.rows:
        cells = dict(zip((c.key for c in register.columns), row, strict=True))
        if cells["kind"] == "Invoice":
            paid = sum(cell.value for key in modes if isinstance(cell := cells[key], Paise))
            old_gold = cells["old_gold"]
            assert isinstance(old_gold, Paise)
            assert Paise(paid) + old_gold == cells["total"], cells["document"]
