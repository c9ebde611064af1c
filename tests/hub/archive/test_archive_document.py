"""One document's archive: the PDF the counter prints, its SHA-256, made once however often and
however concurrently it is asked for, with the shop's logo when it has one."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import uuid
from collections.abc import Awaitable, Callable

import anyio
import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.printing import load_invoice_document, render_invoice_pdf
from hub.app import resources_of
from hub.archive import DocumentNotFound, archive_document, archived_pdf
from hub.archive.loading import LoadedDocument, load_document
from hub.core.resources import HubResources
from hub.storage.hub_tables import ArchivedDocument
from shared.money import Paise
from shared.printing import GstDocument, Paper, render_document_pdf
from shared.tables import Invoice, Shop
from tests.desktop.printing.pdf_support import pdf_text
from tests.harness.databases import create_test_engine
from tests.hub.archive.support import (
    archive_rows,
    demo_shop_id,
    on_app,
    remove_object,
    seed_other_shop,
    stored_keys,
)
from tests.hub.fixtures import HubUnderTest

# ₹ then Indian grouping (lakh, thousand), two decimals: how the counter prints a total.
INDIAN_RUPEES = re.compile(r"^₹(\d{1,2},)?(\d{1,2},)?\d{1,3}\.\d{2}$")


async def _largest_invoice(resources: HubResources) -> tuple[uuid.UUID, Invoice, Shop]:
    shop_id = await demo_shop_id(resources)
    async with resources.sessions.tenant(shop_id) as session:
        invoice = (
            await session.scalars(
                select(Invoice).order_by(Invoice.grand_total_paise.desc()).limit(1)
            )
        ).one()
        shop = (await session.scalars(select(Shop))).one()
    return shop_id, invoice, shop


def test_an_archived_invoice_is_the_pdf_the_counter_prints(hub: HubUnderTest) -> None:
    async def work(resources: HubResources) -> tuple[Invoice, Shop, ArchivedDocument, bytes]:
        shop_id, invoice, shop = await _largest_invoice(resources)
        row = await archive_document(resources, shop_id, invoice.id)
        return invoice, shop, row, await resources.files.get(row.storage_key)

    invoice, shop, row, data = on_app(hub, work)
    assert row.kind == "invoice"
    assert row.storage_key.startswith(f"invoices/{invoice.shop_id}/{invoice.invoice_date:%Y-%m}/")
    assert hashlib.sha256(data).hexdigest() == row.sha256
    assert len(data) == row.size_bytes
    text = pdf_text(data)
    total = Paise(invoice.grand_total_paise).format()
    assert INDIAN_RUPEES.match(total), total
    assert invoice.grand_total_paise > 1_00_000_00  # the lakh grouping is really exercised
    for expected in ("TAX INVOICE", invoice.number, shop.gstin, invoice.buyer_name, total):
        assert expected is not None
        assert expected in text, expected

    # The counter's own print of the same rows (desktop.printing, sync session): the same bytes.
    engine = create_test_engine(hub.settings.database.migration_url)
    try:
        with Session(engine) as session:
            document = load_invoice_document(session, invoice.shop_id, invoice.number)
            counter_pdf = render_invoice_pdf(document, Paper.A4)
    finally:
        engine.dispose()
    assert counter_pdf == data


def test_archiving_again_renders_nothing(
    hub: HubUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def work(resources: HubResources) -> tuple[ArchivedDocument, ArchivedDocument]:
        shop_id, invoice, _ = await _largest_invoice(resources)
        first = await archive_document(resources, shop_id, invoice.id)

        def no_render(*_args: object) -> bytes:
            raise AssertionError("an archived document was rendered again")

        monkeypatch.setattr("hub.archive.service.render_document_pdf", no_render)
        second = await archive_document(resources, shop_id, invoice.id)
        served = await archived_pdf(resources, shop_id, invoice.id)
        assert hashlib.sha256(served.data).hexdigest() == first.sha256
        assert len(await archive_rows(resources, shop_id)) == 1
        return first, second

    first, second = on_app(hub, work)
    assert (second.storage_key, second.sha256, second.archived_at) == (
        first.storage_key,
        first.sha256,
        first.archived_at,
    )
    assert stored_keys(resources_of(hub.app), "invoices/") == [first.storage_key]


def _meeting_point(
    real: Callable[..., Awaitable[LoadedDocument | None]], parties: int
) -> Callable[..., Awaitable[LoadedDocument | None]]:
    """`load_document` that waits until `parties` callers are inside it: every racer has looked
    for an archive row (and found none) before any of them goes on to insert one."""
    arrived = 0
    everyone = anyio.Event()

    async def load(*args: object, **kwargs: object) -> LoadedDocument | None:
        nonlocal arrived
        arrived += 1
        if arrived == parties:
            everyone.set()
        with anyio.fail_after(30):
            await everyone.wait()
        return await real(*args, **kwargs)

    return load


def test_two_racing_archive_calls_make_one_row_and_one_file(
    hub: HubUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hub.archive.service.load_document", _meeting_point(load_document, 2))
    rendered: list[str] = []
    stored: list[str] = []
    real_render = render_document_pdf

    def counting_render(document: GstDocument, paper: Paper = Paper.A4) -> bytes:
        rendered.append(document.number)
        return real_render(document, paper)

    monkeypatch.setattr("hub.archive.service.render_document_pdf", counting_render)

    async def work(
        resources: HubResources,
    ) -> tuple[list[ArchivedDocument], list[ArchivedDocument]]:
        shop_id, invoice, _ = await _largest_invoice(resources)
        real_put = resources.files.put

        async def counting_put(key: str, data: bytes, content_type: str) -> None:
            stored.append(key)
            await real_put(key, data, content_type)

        monkeypatch.setattr(resources.files, "put", counting_put)
        results = await asyncio.gather(
            archive_document(resources, shop_id, invoice.id),
            archive_document(resources, shop_id, invoice.id),
        )
        return list(results), await archive_rows(resources, shop_id)

    results, rows = on_app(hub, work)
    assert len(rendered) == 2  # both really raced past the look-up; one insert lost
    assert len(rows) == 1
    assert stored == [rows[0].storage_key]  # and only the winner uploaded
    assert {(r.storage_key, r.sha256) for r in results} == {(rows[0].storage_key, rows[0].sha256)}
    assert stored_keys(resources_of(hub.app), "invoices/") == [rows[0].storage_key]


def test_a_credit_note_archives_with_the_invoice_it_corrects(hub: HubUnderTest) -> None:
    month = seed_other_shop(hub)
    note = month.notes[0]
    against = next(row for row in month.invoices if row.id == note.invoice_id)

    async def work(resources: HubResources) -> tuple[ArchivedDocument, bytes]:
        row = await archive_document(resources, month.shop.id, note.id)
        return row, await resources.files.get(row.storage_key)

    row, data = on_app(hub, work)
    assert row.kind == "credit_note"
    assert row.storage_key.startswith(f"invoices/{month.shop.id}/2025-07/")
    assert hashlib.sha256(data).hexdigest() == row.sha256
    text = pdf_text(data)
    assert month.shop.gstin is not None
    for expected in (
        "CREDIT NOTE",
        note.number,
        against.number,
        note.buyer_name,
        month.shop.gstin,
        Paise(note.grand_total_paise).format(),
    ):
        assert expected in text, expected


def test_another_shops_document_is_not_found(hub: HubUnderTest) -> None:
    month = seed_other_shop(hub)

    async def work(resources: HubResources) -> list[ArchivedDocument]:
        demo = await demo_shop_id(resources)
        for document_id in (month.invoices[0].id, month.notes[0].id, uuid.uuid4()):
            with pytest.raises(DocumentNotFound):
                await archive_document(resources, demo, document_id)
        return await archive_rows(resources, demo)

    assert on_app(hub, work) == []
    assert stored_keys(resources_of(hub.app), "invoices/") == []


def _png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), (180, 120, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_shops_logo_is_on_its_archived_pdfs(hub: HubUnderTest) -> None:
    owner = hub.owner()
    response = owner.post(
        "/shop/logo", files={"logo": ("logo.png", _png_logo(), "image/png")}, follow_redirects=False
    )
    assert response.status_code in {302, 303}, response.text

    async def work(resources: HubResources) -> bytes:
        shop_id, invoice, _ = await _largest_invoice(resources)
        row = await archive_document(resources, shop_id, invoice.id)
        return await resources.files.get(row.storage_key)

    data = on_app(hub, work)
    images = PdfReader(io.BytesIO(data)).pages[0].images
    assert len(images) == 1
    assert images[0].image is not None
    assert images[0].image.size == (240, 80)


def test_a_lost_archive_file_is_made_again_from_the_rows(hub: HubUnderTest) -> None:
    async def work(resources: HubResources) -> tuple[ArchivedDocument, bytes, bytes]:
        shop_id, invoice, _ = await _largest_invoice(resources)
        row = await archive_document(resources, shop_id, invoice.id)
        original = await resources.files.get(row.storage_key)
        remove_object(resources, row.storage_key)
        served = await archived_pdf(resources, shop_id, invoice.id)
        return row, original, served.data

    row, original, served = on_app(hub, work)
    assert served == original
    assert stored_keys(resources_of(hub.app), "invoices/") == [row.storage_key]
