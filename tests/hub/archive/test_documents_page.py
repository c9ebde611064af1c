"""GET /documents/{id}.pdf: the owner and the accountant open their shop's archived PDFs; other
roles, other shops and malformed addresses get nothing."""

from __future__ import annotations

import hashlib
import re
import uuid

from sqlalchemy import func, select

from hub.core.resources import HubResources
from hub.reports.sales_register import SLUG as SALES_REGISTER
from hub.storage.hub_tables import ArchivedDocument
from shared.tables import Invoice
from tests.desktop.printing.pdf_support import pdf_text
from tests.hub.archive.support import archive_rows, demo_shop_id, on_app, seed_other_shop
from tests.hub.fixtures import HubClient, HubUnderTest


async def _first_invoice(resources: HubResources) -> Invoice:
    shop_id = await demo_shop_id(resources)
    async with resources.sessions.tenant(shop_id) as session:
        return (await session.scalars(select(Invoice).order_by(Invoice.issued_at).limit(1))).one()


def _login(hub: HubUnderTest, role: str) -> HubClient:
    login = getattr(hub.demo, role)
    client = hub.client()
    response = client.login(hub.demo.shop_code, login.username, login.password)
    assert response.status_code == 200, response.text
    return client


def test_the_owner_opens_an_invoice_archived_on_the_spot(hub: HubUnderTest) -> None:
    invoice = on_app(hub, _first_invoice)
    assert on_app(hub, lambda r: archive_rows(r, invoice.shop_id)) == []

    response = hub.owner().get(f"/documents/{invoice.id}.pdf")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    safe = invoice.number.replace("/", "-")
    assert response.headers["content-disposition"] == f'inline; filename="{safe}.pdf"'
    (row,) = on_app(hub, lambda r: archive_rows(r, invoice.shop_id))
    assert row.document_id == invoice.id
    assert hashlib.sha256(response.content).hexdigest() == row.sha256
    assert response.headers["x-content-sha256"] == row.sha256
    assert invoice.number in pdf_text(response.content)


def test_the_accountant_gets_the_same_file_and_sales_staff_none(hub: HubUnderTest) -> None:
    invoice = on_app(hub, _first_invoice)
    owner_copy = hub.owner().get(f"/documents/{invoice.id}.pdf")
    accounts_copy = _login(hub, "accounts").get(f"/documents/{invoice.id}.pdf")
    assert accounts_copy.status_code == 200
    assert accounts_copy.content == owner_copy.content

    refused = _login(hub, "sales").get(f"/documents/{invoice.id}.pdf")
    assert refused.status_code == 403
    assert "%PDF" not in refused.text


def test_signed_out_visitors_are_sent_to_sign_in(hub: HubUnderTest) -> None:
    invoice = on_app(hub, _first_invoice)
    response = hub.client().get(f"/documents/{invoice.id}.pdf", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


async def _archive_count(resources: HubResources) -> int:
    async with resources.sessions.platform() as session:
        return int(await session.scalar(select(func.count()).select_from(ArchivedDocument)) or 0)


def test_another_shops_document_and_bad_addresses_are_404_pages(hub: HubUnderTest) -> None:
    month = seed_other_shop(hub)
    owner = hub.owner()
    for path in (
        f"/documents/{month.invoices[0].id}.pdf",
        f"/documents/{month.notes[0].id}.pdf",
        f"/documents/{uuid.uuid4()}.pdf",
        f"/documents/{month.invoices[0].id}",
        "/documents/not-a-document.pdf",
    ):
        response = owner.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "no such invoice or credit note in this shop" in response.text
    assert on_app(hub, _archive_count) == 0  # nothing of the other shop was archived either


def test_the_sales_registers_rows_open_their_archived_pdfs(hub: HubUnderTest) -> None:
    owner = hub.owner()
    page = owner.get(f"/reports/{SALES_REGISTER}")
    assert page.status_code == 200, page.text
    links = re.findall(r'href="(/documents/[0-9a-f-]{36}\.pdf)"', page.text)
    assert links, "the sales register shows no document links"
    opened = owner.get(links[0])
    assert opened.status_code == 200
    assert opened.content.startswith(b"%PDF")
