"""Recording payments: every bad input is refused by field with nothing written; receipts are
numbered without gaps per financial year; a reversal restores what the payment changed; the
receipt PDF shows the rupee sign and the amount in words."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from hub.core.resources import HubResources
from hub.domain.licence.schemas import AmcPaymentCreate, LifetimePurchaseCreate, PaymentRow
from hub.domain.licence.subscriptions import SubscriptionService
from hub.storage.hub_tables import ReceiptCounter
from shared.errors import InvalidInput
from tests.hub.licensing_support import LicensingHub

D0 = date(2026, 4, 1)
TODAY = D0 + timedelta(days=40)  # the trial (30 days) is over


def amc(**changes: Any) -> AmcPaymentCreate:
    fields: dict[str, Any] = {
        "amount_paise": 1_000_000,
        "paid_on": TODAY,
        "reference": "UTR 998877",
    }
    fields.update(changes)
    return AmcPaymentCreate(**fields)


def counters(platform: LicensingHub) -> list[tuple[str, int]]:
    async def work(resources: HubResources) -> list[tuple[str, int]]:
        from sqlalchemy import select  # noqa: PLC0415

        async with resources.sessions.platform() as session:
            rows = await session.scalars(
                select(ReceiptCounter).order_by(ReceiptCounter.financial_year)
            )
            return [(row.financial_year, row.last_number) for row in rows]

    return platform.run(work)


@pytest.mark.parametrize(
    ("payment", "field", "words"),
    [
        (amc(amount_paise=0), "amount_paise", "more than zero"),
        (amc(amount_paise=-100), "amount_paise", "more than zero"),
        (amc(amount_paise=True), "amount_paise", "whole number"),
        (amc(amount_paise=10_000_000_001), "amount_paise", "10 crore"),
        (amc(paid_on=TODAY + timedelta(days=1)), "paid_on", "future"),
        (amc(paid_on=date(2001, 1, 1)), "paid_on", "too far back"),
        (amc(reference="   "), "reference", "required"),
        (amc(reference="x" * 101), "reference", "100"),
        (amc(note="n" * 501), "note", "500"),
        (amc(period_from=TODAY + timedelta(days=1)), "period_from", "gap"),
        (amc(period_from=D0 - timedelta(days=1)), "period_from", "overlap"),
        (amc(period_from=TODAY, period_to=TODAY - timedelta(days=1)), "period_to", "before"),
        (amc(period_from=TODAY, period_to=TODAY + timedelta(days=6 * 366)), "period_to", "5 years"),
    ],
)
def test_bad_payments_are_refused_by_field_and_change_nothing(
    licensing_hub: LicensingHub, payment: AmcPaymentCreate, field: str, words: str
) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Careful Gold", "careful-gold", D0)
    before = platform.service(lambda s: s.state(shop, today=TODAY))
    with pytest.raises(InvalidInput) as refused:
        platform.service(lambda s: s.record_amc_payment(shop, payment, today=TODAY))
    assert refused.value.field == field
    assert words in refused.value.reason
    assert platform.service(lambda s: s.payments(shop)) == []
    assert platform.service(lambda s: s.state(shop, today=TODAY)) == before
    assert counters(platform) == []  # no receipt number was used up


def test_an_amc_period_may_neither_overlap_nor_leave_a_gap(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Steady Gold", "steady-gold", D0)
    first = platform.service(
        lambda s: s.record_amc_payment(shop, amc(period_from=TODAY), today=TODAY)
    )
    assert first.period_to == date(2027, 5, 10)
    early = TODAY + timedelta(days=100)
    with pytest.raises(InvalidInput, match=r"paid until 10-05-2027.*overlap") as overlap:
        platform.service(
            lambda s: s.record_amc_payment(
                shop, amc(paid_on=early, period_from=date(2027, 5, 10)), today=early
            )
        )
    assert overlap.value.field == "period_from"
    with pytest.raises(InvalidInput, match="gap"):
        platform.service(
            lambda s: s.record_amc_payment(
                shop, amc(paid_on=early, period_from=date(2027, 5, 12)), today=early
            )
        )
    renewal = platform.service(
        lambda s: s.record_amc_payment(shop, amc(paid_on=early), today=early)
    )
    assert (renewal.period_from, renewal.period_to) == (date(2027, 5, 11), date(2028, 5, 10))


def test_receipt_numbers_are_gapless_per_financial_year(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shops = [platform.create_shop(f"Shop {n}", f"shop-{n}", D0) for n in range(3)]
    march_end, april_first = date(2027, 3, 31), date(2027, 4, 1)

    def record(shop: uuid.UUID, day: date) -> str:
        async def call(service: SubscriptionService) -> str:
            row = await service.record_amc_payment(
                shop, amc(paid_on=day, period_from=day), today=day
            )
            return row.receipt_number

        return platform.service(call)

    numbers = [
        record(shop, day)
        for shop, day in ((shops[0], march_end), (shops[1], march_end), (shops[2], april_first))
    ]
    assert numbers == ["RCPT/2026-27/00001", "RCPT/2026-27/00002", "RCPT/2027-28/00001"]


def test_a_reversal_restores_the_dates_and_counts_negative(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Oops Jewellers", "oops-jewellers", D0)
    first = platform.service(
        lambda s: s.record_amc_payment(shop, amc(period_from=TODAY), today=TODAY)
    )
    later = TODAY + timedelta(days=3)
    second = platform.service(lambda s: s.record_amc_payment(shop, amc(paid_on=later), today=later))
    with pytest.raises(InvalidInput, match="reverse that one first"):
        platform.service(lambda s: s.reverse_payment(first.id, "typed twice", today=later))
    reversal = platform.service(lambda s: s.reverse_payment(second.id, "typed twice", today=later))
    assert reversal.reverses_id == second.id
    assert reversal.signed_amount_paise == -second.amount_paise
    view = platform.service(lambda s: s.state(shop, today=later))
    assert view.amc_valid_until == first.period_to
    rows = platform.service(lambda s: s.payments(shop))
    assert sum(row.signed_amount_paise for row in rows) == first.amount_paise
    assert {row.id: row.reversed_by_id for row in rows}[second.id] == reversal.id
    with pytest.raises(InvalidInput, match="already been reversed"):
        platform.service(lambda s: s.reverse_payment(second.id, "again", today=later))
    with pytest.raises(InvalidInput, match="cannot itself be reversed"):
        platform.service(lambda s: s.reverse_payment(reversal.id, "again", today=later))


def test_a_second_lifetime_purchase_is_refused(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Once Gold", "once-gold", D0)
    purchase = LifetimePurchaseCreate(amount_paise=7_500_000, paid_on=TODAY, reference="CHQ 1")
    platform.service(lambda s: s.record_lifetime_purchase(shop, purchase, today=TODAY))
    with pytest.raises(InvalidInput, match="lifetime licence since"):
        platform.service(lambda s: s.record_lifetime_purchase(shop, purchase, today=TODAY))


def test_the_receipt_pdf_shows_rupees_words_and_the_period(
    licensing_hub: LicensingHub, tmp_path: Path
) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Lakshmi Receipts", "lakshmi-receipts", D0)
    row: PaymentRow = platform.service(
        lambda s: s.record_amc_payment(
            shop,
            amc(amount_paise=1_234_550, period_from=TODAY, note="renewal, two terminals"),
            today=TODAY,
        )
    )

    async def receipt(service: SubscriptionService) -> tuple[str, bytes]:
        return await service.receipt(row.id)

    name, pdf = platform.service(receipt)
    assert name == "RCPT-2026-27-00001.pdf"
    (tmp_path / name).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())  # lines wrap where they must
    assert "RCPT/2026-27/00001" in text
    assert "Lakshmi Receipts" in text
    assert "\u20b912,345.50" in text
    assert "Rupees Twelve Thousand Three Hundred Forty-Five and Fifty Paise Only" in text
    assert "11-05-2026 to 10-05-2027" in text
    assert "UTR 998877" in text
    assert "renewal, two terminals" in text
    assert b"DejaVuSans" in pdf  # the font with the rupee sign ...
    assert b"/FontFile2" in pdf  # ... embedded, so it prints on any machine


def test_an_unknown_payment_or_shop_is_not_found(licensing_hub: LicensingHub) -> None:
    from litestar.exceptions import NotFoundException  # noqa: PLC0415

    platform = licensing_hub
    with pytest.raises(NotFoundException):
        platform.service(lambda s: s.receipt(uuid.uuid4()))
    with pytest.raises(NotFoundException):
        platform.service(lambda s: s.state(uuid.uuid4(), today=TODAY))


def test_a_reversal_has_its_own_receipt_naming_the_one_it_cancels(
    licensing_hub: LicensingHub,
) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Reversed Gold", "reversed-gold", D0)
    paid = platform.service(lambda s: s.record_amc_payment(shop, amc(), today=TODAY))
    reversal = platform.service(lambda s: s.reverse_payment(paid.id, "bounced", today=TODAY))

    async def receipt(service: SubscriptionService) -> tuple[str, bytes]:
        return await service.receipt(reversal.id)

    name, pdf = platform.service(receipt)
    assert name == "RCPT-2026-27-00002.pdf"
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "REVERSAL OF PAYMENT" in text
    assert "Cancels receipt RCPT/2026-27/00001" in text
    assert "Amount reversed \u20b910,000.00" in text
    assert "bounced" in text
