"""Helpers for the archive tests: run hub coroutines on the app's loop, read the stored
objects back, and seed a second shop with credit notes."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select

from hub.app import resources_of
from hub.core.resources import HubResources
from hub.demo import DEMO_SHOP_CODE
from hub.files.storage import LocalFileStorage, S3FileStorage
from hub.storage.hub_tables import ArchivedDocument, Tenant
from shared.tables import CreditNote, Invoice
from tests.harness.databases import create_test_engine
from tests.hub.fixtures import HubUnderTest
from tests.hub.reports.database import write_month
from tests.hub.reports.seed import SeededMonth, july_2025

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


async def documents_of(resources: HubResources, shop_id: uuid.UUID) -> list[uuid.UUID]:
    async with resources.sessions.tenant(shop_id) as session:
        invoices = (await session.scalars(select(Invoice.id))).all()
        notes = (await session.scalars(select(CreditNote.id))).all()
    return [*invoices, *notes]


async def archive_rows(resources: HubResources, shop_id: uuid.UUID) -> list[ArchivedDocument]:
    async with resources.sessions.tenant(shop_id) as session:
        return list((await session.scalars(select(ArchivedDocument))).all())


async def archive_count(resources: HubResources) -> int:
    async with resources.sessions.platform() as session:
        return int(await session.scalar(select(func.count()).select_from(ArchivedDocument)) or 0)


def stored_keys(resources: HubResources, prefix: str) -> list[str]:
    """Every object under `prefix` in the hub's storage (folder or S3 bucket)."""
    files = resources.files
    if isinstance(files, LocalFileStorage):
        root: Path = files.root
        return sorted(
            str(path.relative_to(root)) for path in (root / prefix).rglob("*") if path.is_file()
        )
    assert isinstance(files, S3FileStorage)
    found: list[str] = []
    for bucket in {files.private_bucket, *_extra_buckets(files)}:
        listing: Any = files.client.list_objects_v2(Bucket=bucket, Prefix=prefix)
        found.extend(item["Key"] for item in listing.get("Contents", []))
    return sorted(found)


def remove_object(resources: HubResources, key: str) -> None:
    """Delete one stored object behind the hub's back (a lost file)."""
    files = resources.files
    if isinstance(files, LocalFileStorage):
        (files.root / key).unlink()
        return
    assert isinstance(files, S3FileStorage)
    for bucket in {files.private_bucket, *_extra_buckets(files)}:
        files.client.delete_object(Bucket=bucket, Key=key)


def _extra_buckets(files: S3FileStorage) -> set[str]:
    """Buckets other than the private one that an `invoices/` key may be routed to."""
    names = {getattr(files, name, None) for name in ("invoices_bucket", "exports_bucket")}
    return {name for name in names if isinstance(name, str)}


def seed_other_shop(hub: HubUnderTest) -> SeededMonth:
    """July 2025 of a second shop (invoices and three credit notes) in the hub's database."""
    month = july_2025(uuid.uuid4())
    engine = create_test_engine(hub.settings.database.migration_url)
    try:
        write_month(engine, month)
    finally:
        engine.dispose()
    return month
