"""GSTR-1 of the demo shop on a migrated hub (Alembic's schema, the demo's synced invoices),
through the hub's own resources: the service works on what the hub really stores."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from hub.core.resources import build_resources
from hub.reports import Gstr1, gstr1_for_month
from hub.storage.hub_tables import Tenant
from shared.tables import Invoice
from tests.hub.fixtures import HubUnderTest


def _demo_report(hub: HubUnderTest) -> Gstr1:
    async def go() -> Gstr1:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.platform() as session:
                shop_id = (
                    await session.execute(
                        select(Tenant.shop_id).where(Tenant.login_code == hub.demo.shop_code)
                    )
                ).scalar_one()
            async with resources.sessions.tenant(shop_id, read_only=True) as session:
                latest = (
                    await session.execute(select(func.max(Invoice.invoice_date)))
                ).scalar_one()
            return await gstr1_for_month(resources, shop_id, latest.year, latest.month)
        finally:
            await resources.close()

    return asyncio.run(go())


def test_the_demo_shops_month_reconciles(hub: HubUnderTest) -> None:
    report = _demo_report(hub)
    assert report.reconciles
    assert report.register.taxable.value > 0
    invoices = [r for r in report.returned.documents if r.nature.doc_num == 1]
    assert invoices
    assert sum(r.total for r in invoices) >= 1
    assert report.to_json().startswith('{"gstin":"')
