"""Who may read reports, and what a report filter refuses: sales staff, another shop's terminal,
a shop with no GSTIN. Also the terminal's branch: set on the terminals page (trimmed, audited),
and a branch filter splits the shop's sales exactly (branch + Main = the whole shop).

Runs on the app in-process (both hub set-ups) since no browser is needed to read a status code.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from hub.core.resources import build_resources
from hub.reports.catalogue import report_catalogue
from shared.tables import Terminal
from tests.hub.fixtures import HubClient, HubUnderTest

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def _shop_b(hub: HubUnderTest) -> tuple[HubClient, uuid.UUID]:
    """Another shop (no GSTIN) with one terminal; its owner's client and the terminal's id."""
    created = hub.operator().post(
        "/api/operator/shops",
        json={
            "name": "Bravo Bullion",
            "state_code": "07",
            "address": "Chandni Chowk, Delhi",
            "owner_name": "Bravo Owner",
            "login_code": "bravo",
        },
    )
    assert created.status_code == 201, created.text
    body = created.json()
    shop_id = uuid.UUID(body["shop"]["id"])

    async def add_terminal() -> uuid.UUID:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.tenant(shop_id) as session:
                terminal = Terminal(
                    shop_id=shop_id,
                    name="Bravo till",
                    invoice_series="Z",
                    credit_note_series="CZ",
                    voucher_series="VZ",
                    enrolled_at=datetime.now(UTC),
                    hlc=resources.clock.stamp(),
                )
                session.add(terminal)
                await session.commit()
                return terminal.id
        finally:
            await resources.close()

    terminal_id = asyncio.run(add_terminal())
    owner = hub.client()
    assert owner.login("bravo", "owner", body["owner_password"]).status_code == 200
    return owner, terminal_id


def _problem(html: str) -> str:
    found = re.search(r"data-problem>\s*([^<]*)", html)
    return found[1].strip() if found else ""


def _terminal_ids(owner: HubClient) -> list[str]:
    return re.findall(r"/terminals/([0-9a-f-]{36})/branch", owner.get("/terminals").text)


def _register_total(owner: HubClient, query: str) -> Decimal:
    """The sales register's net total (documents table, "Total" column) from its CSV."""
    response = owner.get(f"/reports/sales-register.csv?{query}")
    assert response.status_code == 200, response.text
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = lines[1]  # line 0 is the first table's title
    totals = next(index for index, line in enumerate(lines) if index > 1 and not line) - 1
    return Decimal(lines[totals][header.index("Total")])


def test_sales_staff_reach_no_report_and_no_file(hub: HubUnderTest) -> None:
    sales = hub.client()
    assert sales.login(hub.demo.shop_code, hub.demo.sales.username, hub.demo.sales.password)
    paths = ["/reports", "/reports/gstr1", "/reports/gstr1.json", "/reports/gstr1/b2cs.csv"]
    for spec in report_catalogue().all():
        paths += [
            f"/reports/{spec.slug}",
            f"/reports/{spec.slug}.csv",
            f"/reports/{spec.slug}.xlsx",
        ]
    for path in paths:
        response = sales.get(path)
        assert response.status_code == 403, path
        assert "Not allowed" in response.text


def test_another_shops_terminal_is_refused_everywhere(hub: HubUnderTest) -> None:
    bravo, bravo_terminal = _shop_b(hub)
    owner = hub.owner()
    for suffix in ("", ".csv", ".xlsx"):
        response = owner.get(f"/reports/sales-register{suffix}?terminal={bravo_terminal}")
        assert response.status_code == 400, suffix
        assert _problem(response.text) == (
            f"&#39;{bravo_terminal}&#39; is not one of this shop&#39;s terminals."
        )
    assert "Bravo till" not in owner.get("/reports/sales-register").text
    # Nor can the owner put Bravo's terminal in a branch.
    moved = owner.post(f"/terminals/{bravo_terminal}/branch", data={"branch": "Taken"})
    assert moved.status_code == 404
    assert "Taken" not in bravo.get("/reports/sales-register").text


def test_a_shop_without_gstin_is_told_so_not_an_error(hub: HubUnderTest) -> None:
    bravo, _ = _shop_b(hub)
    for path in ("/reports/gstr1", "/reports/gstr1.json", "/reports/gstr1/b2b.csv"):
        response = bravo.get(path)
        assert response.status_code == 200, path
        assert _problem(response.text).startswith(
            "The shop has no GSTIN: enter it in the shop&#39;s profile"
        )
    assert bravo.get("/reports/gstr1?month=2017-06").status_code == 400


def test_branch_is_set_trimmed_audited_and_splits_the_sales_exactly(hub: HubUnderTest) -> None:
    owner = hub.owner()
    first, _second = _terminal_ids(owner)
    moved = owner.post(
        f"/terminals/{first}/branch", data={"branch": "  Andheri West  "}, follow_redirects=False
    )
    assert moved.status_code == 303
    assert 'value="Andheri West"' in owner.get("/terminals").text
    assert "terminal_branch.set" in owner.get("/api/audit").text

    for bad, reason in (("   ", "This cannot be empty."), ("x" * 101, "At most 100 characters.")):
        refused = owner.post(f"/terminals/{first}/branch", data={"branch": bad})
        assert refused.status_code == 400
        assert reason in refused.text
    assert 'value="Andheri West"' in owner.get("/terminals").text

    page = owner.get("/reports/sales-register?span=month&branch=andheri west").text
    assert "· branch Andheri West" in page
    whole = _register_total(owner, "span=month")
    andheri = _register_total(owner, "span=month&branch=Andheri%20West")
    main = _register_total(owner, "span=month&branch=Main")
    assert andheri + main == whole
    assert andheri > 0
    assert main > 0

    unknown = owner.get("/reports/sales-register?branch=Nowhere")
    assert unknown.status_code == 400
    assert _problem(unknown.text) == "No terminal stands in a branch called &#39;Nowhere&#39;."
