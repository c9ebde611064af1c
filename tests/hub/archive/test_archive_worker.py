"""The background sweep: every invoice and credit note of every shop gets its PDF, oldest first,
in batches; a document that cannot be rendered is logged and skipped, not retried in a loop."""

from __future__ import annotations

import hashlib
import logging
import re
import uuid

import anyio
import pytest

from hub.app import BACKGROUND_WORKERS, resources_of
from hub.archive import ArchiveWorker, archive_worker, pending_documents
from hub.core.resources import HubResources
from hub.storage.hub_tables import ArchivedDocument
from shared.printing import GstDocument, Paper, render_document_pdf
from tests.hub.archive.support import (
    archive_count,
    archive_rows,
    demo_shop_id,
    documents_of,
    on_app,
    seed_other_shop,
    stored_keys,
)
from tests.hub.fixtures import HubUnderTest

KEY = re.compile(r"^invoices/[0-9a-f-]{36}/\d{4}-\d{2}/[A-Za-z0-9-]+\.pdf$")


def test_every_hub_instance_runs_the_archive_worker() -> None:
    assert archive_worker in BACKGROUND_WORKERS


def test_the_worker_archives_every_document_of_every_shop(hub: HubUnderTest) -> None:
    other = seed_other_shop(hub)

    async def work(
        resources: HubResources,
    ) -> tuple[dict[uuid.UUID, list[uuid.UUID]], dict[uuid.UUID, list[ArchivedDocument]]]:
        shops = [await demo_shop_id(resources), other.shop.id]
        wanted = {shop: await documents_of(resources, shop) for shop in shops}
        total = sum(len(ids) for ids in wanted.values())
        # Only these two shops' documents count: the sweep is cross-shop, and the assertions must
        # not depend on what else a shared database holds.
        async with resources.sessions.platform() as session:
            every = await pending_documents(session, limit=10_000)
        listed = [d for d in every if d.shop_id in wanted]
        assert len(listed) == total
        assert [d.cursor for d in listed] == sorted(d.cursor for d in listed)  # oldest first
        worker = ArchiveWorker(batch=7, start_delay=0, idle_seconds=600)
        stop = anyio.Event()
        async with anyio.create_task_group() as group:
            group.start_soon(worker, resources, stop)
            with anyio.fail_after(600):
                while sum([len(await archive_rows(resources, shop)) for shop in shops]) < total:
                    await anyio.sleep(0.1)
            stop.set()  # wakes the idle worker at once
        async with resources.sessions.platform() as session:
            left = await pending_documents(session, limit=10_000)
        assert [d for d in left if d.shop_id in wanted] == []
        return wanted, {shop: await archive_rows(resources, shop) for shop in shops}

    wanted, rows = on_app(hub, work)
    resources = resources_of(hub.app)
    for shop_id, ids in wanted.items():
        archived = rows[shop_id]
        assert sorted(row.document_id for row in archived) == sorted(ids)
        assert all(KEY.match(row.storage_key) for row in archived)
        assert stored_keys(resources, f"invoices/{shop_id}/") == sorted(
            row.storage_key for row in archived
        )
    notes = {row.document_id for row in rows[other.shop.id] if row.kind == "credit_note"}
    assert notes == {note.id for note in other.notes}

    async def read_back(resources: HubResources) -> list[tuple[ArchivedDocument, bytes]]:
        every = [row for shop_rows in rows.values() for row in shop_rows]
        return [(row, await resources.files.get(row.storage_key)) for row in every]

    for row, data in on_app(hub, read_back):
        assert data.startswith(b"%PDF")
        assert hashlib.sha256(data).hexdigest() == row.sha256
        assert len(data) == row.size_bytes


def test_a_document_that_fails_to_render_is_logged_and_skipped(
    hub: HubUnderTest, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    attempts: list[str] = []
    real_render = render_document_pdf
    broken_number: list[str] = []

    def render(document: GstDocument, paper: Paper = Paper.A4) -> bytes:
        if document.number == broken_number[0]:
            attempts.append(document.number)
            raise ValueError("a damaged row")
        return real_render(document, paper)

    monkeypatch.setattr("hub.archive.service.render_document_pdf", render)

    async def work(resources: HubResources) -> tuple[int, int, int]:
        async with resources.sessions.platform() as session:
            batch = await pending_documents(session, limit=4)
        broken_number.append(batch[1].number)
        worker = ArchiveWorker(batch=4, start_delay=0)
        failed: set[tuple[uuid.UUID, uuid.UUID]] = set()
        first = await worker.archive_batch(resources, batch, failed, anyio.Event())
        async with resources.sessions.platform() as session:
            again = await pending_documents(session, limit=4)
        assert again[0].number == broken_number[0]  # still unarchived, still listed first
        second = await worker.archive_batch(resources, again, failed, anyio.Event())
        return first, second, await archive_count(resources)

    with caplog.at_level(logging.ERROR, logger="hub.archive"):
        first, second, count = on_app(hub, work)
    assert (first, second, count) == (3, 3, 6)
    assert attempts == broken_number  # tried once, then left alone
    assert f"could not archive document {broken_number[0]}" in caplog.text


def test_a_worker_stopped_before_it_starts_archives_nothing(hub: HubUnderTest) -> None:
    async def work(resources: HubResources) -> int:
        stop = anyio.Event()
        stop.set()
        with anyio.fail_after(30):
            await ArchiveWorker(start_delay=0)(resources, stop)
        return await archive_count(resources)

    assert on_app(hub, work) == 0
