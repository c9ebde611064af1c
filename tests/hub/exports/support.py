"""Helpers for the export tests: run coroutines on the app's loop, a small catalogue of test
reports (so the jobs do not depend on which real reports exist yet), job rows by id."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.app import resources_of
from hub.core.resources import HubResources
from hub.demo import DEMO_SHOP_CODE
from hub.reports.tabular import (
    Catalogue,
    Column,
    ColumnKind,
    Report,
    ReportFilter,
    ReportSpec,
    ReportTable,
)
from hub.storage.hub_tables import ExportJob, Tenant
from shared.errors import InvalidInput
from shared.money import Paise
from tests.hub.fixtures import HubUnderTest

_T = TypeVar("_T")


def on_app(hub: HubUnderTest, work: Callable[[HubResources], Awaitable[_T]]) -> _T:
    """Run `work(resources)` on the app's own event loop (its engines live there)."""
    resources = resources_of(hub.app)

    async def call() -> _T:
        return await work(resources)

    return hub.test_client.blocking_portal.call(call)


async def demo_shop_id(resources: HubResources) -> uuid.UUID:
    """The demo shop by its login code (not "any invoice's shop": a test may seed another)."""
    async with resources.sessions.platform() as session:
        shop_id = await session.scalar(
            select(Tenant.shop_id).where(Tenant.login_code == DEMO_SHOP_CODE)
        )
    assert shop_id is not None
    return shop_id


async def job_row(resources: HubResources, job_id: uuid.UUID) -> ExportJob:
    async with resources.sessions.platform() as session:
        job = await session.scalar(select(ExportJob).where(ExportJob.id == job_id))
    assert job is not None
    return job


async def _sample(_session: AsyncSession, flt: ReportFilter) -> Report:
    days = (flt.date_to - flt.date_from).days + 1
    amounts = [10_000 * (i + 1) for i in range(days)]
    rows = tuple(
        (flt.date_from + dt.timedelta(days=i), f"Sale ₹ {i}", Paise(amount))
        for i, amount in enumerate(amounts)
    )
    total = Paise(sum(amounts))
    table = ReportTable(
        key="days",
        title="Sales by day",
        columns=(
            Column("day", "Day", ColumnKind.DATE),
            Column("note", "Note"),
            Column("amount", "Amount", ColumnKind.PAISE),
        ),
        rows=rows,
        totals=(None, "Total", total),
    )
    return Report(slug="sample", title="Sample sales", filter=flt, tables=(table,))


async def _broken(_session: AsyncSession, _flt: ReportFilter) -> Report:
    msg = "a bug in a report builder"
    raise RuntimeError(msg)


async def _refusing(_session: AsyncSession, _flt: ReportFilter) -> Report:
    raise InvalidInput("the stock count for that day is still open", "date_to")


def sample_catalogue() -> Catalogue:
    catalogue = Catalogue()
    catalogue.add(ReportSpec("sample", "Sample sales", "Days and amounts.", _sample))
    catalogue.add(ReportSpec("broken", "Broken", "Always fails.", _broken))
    catalogue.add(ReportSpec("refusing", "Refusing", "Refuses.", _refusing))
    return catalogue
