"""The pure parts behind the rates form and the dashboard tables."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from hub.domain.dashboard.schemas import (
    DashboardFigures,
    DaySales,
    ExchangeIntake,
    MetalSales,
    PaymentModeTotal,
    PeriodFigures,
    SalesTotal,
    TerminalSales,
)
from hub.domain.rates.schemas import CurrentRate, RateEntry
from hub.web.dashboard_view import dashboard_view
from hub.web.rate_form import parse_rate_form, rate_rows

SET_AT = datetime(2025, 11, 20, 4, 30, tzinfo=UTC)


def rate(metal: str, fineness: int, kind: str, paise: int) -> CurrentRate:
    return CurrentRate(
        id=uuid.uuid4(),
        metal=metal,
        purity_fineness=fineness,
        purity_label=str(fineness),
        kind=kind,
        rate_paise_per_gram=paise,
        effective_from=SET_AT,
    )


def test_rate_rows_show_common_grades_and_any_grade_with_a_rate() -> None:
    rows = rate_rows([rate("gold", 833, "sale", 6_500_00), rate("gold", 916, "purchase", 7_000_00)])
    labels = [row.label for row in rows]
    assert labels[:4] == ["Gold 24K999", "Gold 24K995", "Gold 22K916", "Gold 20K833"]
    assert labels[-1] == "Platinum Pt950"
    assert "Silver 925" in labels
    assert "Gold 9K375" not in labels  # neither common nor rated
    row_916 = rows[2]
    assert (row_916.sale_value, row_916.purchase_value) == ("", "7000.00")
    assert row_916.set_at == SET_AT


def test_parse_asks_only_for_changed_boxes_and_marks_bad_ones() -> None:
    rows = rate_rows([rate("gold", 916, "sale", 7_250_00)])
    parsed = parse_rate_form(
        {
            "sale-gold-916": "7,250.00",  # unchanged: not sent again
            "purchase-gold-916": "6990.5",
            "sale-silver-925": "95",
            "sale-gold-750": "0",
            "sale-gold-999": "12.345",
            "sale-platinum-950": "   ",
        },
        rows,
    )
    assert parsed.entries == [
        RateEntry(metal="gold", purity_fineness=916, rate_paise_per_gram=6_990_50, kind="purchase"),
        RateEntry(metal="silver", purity_fineness=925, rate_paise_per_gram=95_00, kind="sale"),
    ]
    assert parsed.errors["sale-gold-750"] == "A rate must be more than zero."
    assert "decimal places" in parsed.errors["sale-gold-999"]
    assert parsed.errors["sale-gold-999"].endswith(".")
    assert set(parsed.errors) == {"sale-gold-750", "sale-gold-999"}
    shown = rate_rows([rate("gold", 916, "sale", 7_250_00)], parsed.typed)
    assert next(r for r in shown if r.fineness == 999 and r.metal == "gold").sale_value == "12.345"


def _period(
    terminals: list[TerminalSales], metals: list[MetalSales], payments: list[PaymentModeTotal]
) -> PeriodFigures:
    return PeriodFigures(
        start=date(2025, 11, 1),
        end=date(2025, 11, 20),
        sales=SalesTotal(invoices=0, taxable_paise=0, tax_paise=0, grand_total_paise=0),
        by_terminal=terminals,
        by_metal=metals,
        exchange=ExchangeIntake(vouchers=0, net_mg=0, value_paise=0),
        payments=payments,
    )


def test_dashboard_rows_put_today_beside_the_month() -> None:
    counter_1, counter_2 = uuid.uuid4(), uuid.uuid4()
    today = _period(
        [
            TerminalSales(
                terminal_id=counter_2, terminal_name="Counter 2", invoices=1, grand_total_paise=500
            )
        ],
        [MetalSales(metal="gold", net_mg=1_000, taxable_paise=400)],
        [PaymentModeTotal(mode="upi", amount_paise=500)],
    )
    month = _period(
        [
            TerminalSales(
                terminal_id=counter_1,
                terminal_name="Counter 1",
                invoices=3,
                grand_total_paise=9_000,
            ),
            TerminalSales(
                terminal_id=counter_2, terminal_name="Counter 2", invoices=2, grand_total_paise=700
            ),
        ],
        [
            MetalSales(metal="silver", net_mg=50_000, taxable_paise=3_000),
            MetalSales(metal="gold", net_mg=9_000, taxable_paise=6_000),
        ],
        [
            PaymentModeTotal(mode="cash", amount_paise=8_000),
            PaymentModeTotal(mode="upi", amount_paise=1_700),
        ],
    )
    figures = DashboardFigures(
        day=date(2025, 11, 20),
        today=today,
        month=month,
        month_by_day=[
            DaySales(day=date(2025, 11, 19), grand_total_paise=9_200),
            DaySales(day=date(2025, 11, 20), grand_total_paise=500),
        ],
    )
    view = dashboard_view(figures)
    assert [(r.label, r.today_paise, r.month_paise, r.month_count) for r in view.by_terminal] == [
        ("Counter 1", 0, 9_000, 3),
        ("Counter 2", 500, 700, 2),
    ]
    assert [(r.label, r.today_paise, r.month_net_mg) for r in view.by_metal] == [
        ("Gold", 400, 9_000),
        ("Silver", 0, 50_000),
    ]
    assert [(r.label, r.today_paise, r.month_paise) for r in view.payments] == [
        ("Cash", 0, 8_000),
        ("UPI", 500, 1_700),
    ]
    assert [bar.label for bar in view.chart.bars] == ["19", "20"]
    assert [bar.highlight for bar in view.chart.bars] == [False, True]
