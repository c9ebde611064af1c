"""The operator's subscription forms in process (no browser): what is saved, what is refused,
who may post them, and that the owner then sees the payment on the licence page."""

from __future__ import annotations

import re
import uuid

from hub.domain.dashboard.service import shop_today
from tests.hub.fixtures import HubClient, HubUnderTest


def demo_shop_id(hub: HubUnderTest) -> uuid.UUID:
    """The demo shop (the one whose owner `hub.owner()` signs in as)."""
    return uuid.UUID(hub.owner().get("/api/shop").json()["id"])


def payment_rows(operator: HubClient, shop_id: uuid.UUID) -> int:
    page = operator.get(f"/operator/shops/{shop_id}").text
    table = page.split('id="payments-table"', 1)
    return table[1].split("</tbody>", 1)[0].count("<tr") if len(table) == 2 else 0


def test_a_refused_payment_saves_nothing_and_a_good_one_shows_to_the_owner(
    hub: HubUnderTest,
) -> None:
    operator = hub.operator()
    shop_id = demo_shop_id(hub)
    before = payment_rows(operator, shop_id)
    refusals = {
        "amount": {"kind": "amc", "amount": "ten", "paid_on": "2026-01-05", "reference": "x"},
        "paid_on": {"kind": "amc", "amount": "100", "paid_on": "05/01/2026", "reference": "x"},
        "reference": {"kind": "amc", "amount": "100", "paid_on": "2026-01-05", "reference": " "},
        "kind": {"kind": "gift", "amount": "100", "paid_on": "2026-01-05", "reference": "x"},
    }
    for box, form in refusals.items():
        answer = operator.post(f"/operator/shops/{shop_id}/payments", data=form)
        assert answer.status_code == 400, (box, answer.status_code)
        assert "The payment was not recorded" in answer.text
        if box != "kind":  # the kind's refusal is shown above the button
            assert f'id="e-{box}"' in answer.text, box
    # A payment dated tomorrow is refused by the licensing service, beside "Paid on".
    future = operator.post(
        f"/operator/shops/{shop_id}/payments",
        data={"kind": "lifetime", "amount": "50,000", "paid_on": "2999-01-01", "reference": "y"},
    )
    assert future.status_code == 400
    assert 'id="e-paid_on"' in future.text
    assert "in the future" in future.text
    assert payment_rows(operator, shop_id) == before

    no_date = operator.post(
        f"/operator/shops/{shop_id}/payments",
        data={"kind": "lifetime", "amount": "₹50,000", "paid_on": "", "reference": "RTGS 42"},
    )
    assert no_date.status_code == 400
    assert 'id="e-paid_on"' in no_date.text
    saved = operator.post(
        f"/operator/shops/{shop_id}/payments",
        data={
            "kind": "lifetime",
            "amount": "₹50,000",
            "paid_on": shop_today().isoformat(),
            "reference": "RTGS 42",
        },
        follow_redirects=True,
    )
    assert saved.status_code == 200
    assert "₹50,000.00 recorded as receipt" in saved.text
    assert 'data-subscription-state="lifetime"' in saved.text
    assert payment_rows(operator, shop_id) == before + 1

    owner = hub.owner()
    licence = owner.get("/licence").text
    assert "Lifetime licence" in licence
    assert "RTGS 42" in licence
    receipt = re.search(r'href="(/licence/payments/[0-9a-f-]{36}/receipt\.pdf)"', licence)
    assert receipt, "the owner's payments link their receipts"
    pdf = owner.get(receipt.group(1))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-")
    # Another shop's payment is not the owner's to open: record one for another shop first.
    listed = operator.get("/operator/shops").text
    other = next(
        found
        for found in re.findall(r'href="/operator/shops/([0-9a-f-]{36})"', listed)
        if found != str(shop_id)
    )
    recorded = operator.post(
        f"/operator/shops/{other}/payments",
        data={
            "kind": "amc",
            "amount": "8,000",
            "paid_on": shop_today().isoformat(),
            "reference": "NEFT 77",
        },
        follow_redirects=True,
    )
    assert "₹8,000.00 recorded as receipt" in recorded.text
    foreign = re.search(rf"/operator/shops/{other}/payments/([0-9a-f-]{{36}})", recorded.text)
    assert foreign
    assert owner.get(f"/licence/payments/{foreign.group(1)}/receipt.pdf").status_code == 404
    assert owner.get(f"/licence/payments/{uuid.uuid4()}/receipt.pdf").status_code == 404
    dashboard = owner.get("/dashboard").text
    assert 'class="card licence-panel' in dashboard
    assert 'data-licence-state="lifetime"' in dashboard


def test_receipts_stay_under_their_own_shop(hub: HubUnderTest) -> None:
    operator = hub.operator()
    shop_id = demo_shop_id(hub)
    page = operator.get(f"/operator/shops/{shop_id}").text
    receipt = re.search(r'href="(/operator/shops/[^"]+/receipt\.pdf)"', page)
    assert receipt, "the demo shop has a payment with a receipt"
    pdf = operator.get(receipt.group(1))
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    elsewhere = receipt.group(1).replace(str(shop_id), str(uuid.uuid4()))
    assert operator.get(elsewhere).status_code == 404


def test_only_operators_reach_the_pages_and_forms_need_the_csrf_token(hub: HubUnderTest) -> None:
    operator = hub.operator()
    shop_id = demo_shop_id(hub)
    owner = hub.owner()
    for path in ("/operator/overview", "/operator/overview/due.csv"):
        assert owner.get(path).status_code == 403, path
        assert operator.get(path).status_code == 200, path
    forged = operator.raw_post(
        f"/operator/shops/{shop_id}/licence/suspend", data={"reason": "forged"}
    )
    assert forged.status_code == 403
    page = operator.get(f"/operator/shops/{shop_id}").text
    assert 'data-subscription-state="suspended"' not in page
    signed_out = hub.client().get("/operator/overview", follow_redirects=False)
    assert signed_out.headers["location"].startswith("/operator/login?next=")


def test_suspension_needs_a_reason_and_can_be_lifted(hub: HubUnderTest) -> None:
    operator = hub.operator()
    shop_id = demo_shop_id(hub)
    refused = operator.post(f"/operator/shops/{shop_id}/licence/suspend", data={"reason": "  "})
    assert refused.status_code == 400
    assert 'id="e-licence-reason"' in refused.text
    done = operator.post(
        f"/operator/shops/{shop_id}/licence/suspend",
        data={"reason": "unpaid since March"},
        follow_redirects=True,
    )
    assert 'data-subscription-state="suspended"' in done.text
    assert "unpaid since March" in done.text
    # The owner still signs in and reads the reason for the stop on the dashboard panel.
    owner = hub.owner()
    assert 'data-licence-state="suspended"' in owner.get("/dashboard").text
    again = operator.post(
        f"/operator/shops/{shop_id}/licence/reactivate",
        data={"reason": "paid at the office"},
        follow_redirects=True,
    )
    assert 'data-subscription-state="suspended"' not in again.text
    assert "licence is active again" in again.text
