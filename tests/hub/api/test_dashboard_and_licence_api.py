"""The dashboard's figures agree with the invoices themselves; the licence shows the trial."""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy import func, select

from hub.core.resources import build_resources
from hub.domain.dashboard.service import shop_today
from shared.tables import Invoice
from tests.hub.fixtures import HubUnderTest


def _month_total(hub: HubUnderTest, day: date) -> tuple[int, int]:
    async def query() -> tuple[int, int]:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.platform() as session:
                row = (
                    await session.execute(
                        select(func.count(), func.sum(Invoice.grand_total_paise)).where(
                            Invoice.invoice_date >= day.replace(day=1),
                            Invoice.invoice_date <= day,
                        )
                    )
                ).one()
                return int(row[0]), int(row[1] or 0)
        finally:
            await resources.close()

    return asyncio.run(query())


def test_dashboard_figures_match_the_invoices(hub: HubUnderTest) -> None:
    owner = hub.owner()
    figures = owner.get("/api/dashboard").json()
    day = date.fromisoformat(figures["day"])
    count, total = _month_total(hub, day)
    month = figures["month"]
    assert month["sales"]["invoices"] == count > 0
    assert month["sales"]["grand_total_paise"] == total
    assert sum(t["grand_total_paise"] for t in month["by_terminal"]) == total
    assert sum(m["taxable_paise"] for m in month["by_metal"]) == month["sales"]["taxable_paise"]
    assert sum(d["grand_total_paise"] for d in figures["month_by_day"]) == total
    assert len(figures["month_by_day"]) == day.day
    paid = sum(p["amount_paise"] for p in month["payments"])
    assert paid == total - month["exchange"]["value_paise"]
    again = owner.get("/api/dashboard").json()
    assert again == figures  # served from the cache the second time
    assert owner.get("/api/dashboard", params={"day": "not-a-date"}).status_code == 400


def test_sales_staff_cannot_see_the_dashboard_but_see_the_licence(hub: HubUnderTest) -> None:
    sales = hub.client()
    sales.login("demo", "sales", hub.demo.sales.password)
    assert sales.get("/api/dashboard").status_code == 403
    licence = sales.get("/api/licence").json()
    # The demo shop is on a paid AMC: active, its days left counted to the paid-until date.
    assert licence["state"] == "active"
    assert licence["may_issue"] is True
    paid_until = date.fromisoformat(licence["amc_valid_until"])
    assert licence["days_left"] == (paid_until - shop_today()).days > 30
    assert licence["terminals_in_use"] == 2
    assert licence["terminal_limit"] == 3
