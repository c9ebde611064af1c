"""The stock report's pure parts: ageing buckets, the movement fold, valuation by the kernel."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import given
from hypothesis import strategies as st

from hub.reports.catalogue import report_catalogue
from hub.reports.stock_dates import day_end, day_start
from hub.reports.stock_history import age_bucket, held_before, histories, stock_in_at
from hub.reports.stock_holdings import ageing_table, in_stock_table
from hub.reports.stock_movement import FLOWS, movement_flows, movement_table
from hub.reports.stock_reads import MovementFact, PieceFacts
from hub.reports.stock_value import value_pieces
from shared.money import Milligrams, Paise
from shared.tables.vocabulary import MovementKind, PieceStatus

START = dt.date(2025, 7, 1)
END = dt.date(2025, 7, 31)


def piece(
    net_mg: int = 5_000, *, fineness: int = 916, making: tuple[str, int] = ("flat", 0)
) -> PieceFacts:
    return PieceFacts(
        id=uuid.uuid4(),
        tag_code="T1",
        description="22K ring",
        product_name=None,
        metal="gold",
        purity_fineness=fineness,
        huid=None,
        hsn="711319",
        gst_rate_bp=300,
        gross=Milligrams(net_mg),
        stone=Milligrams(0),
        net=Milligrams(net_mg),
        stone_value=Paise(0),
        making_mode=making[0],
        making_rate=making[1],
        wastage_bp=0,
        hallmark_fee=Paise(0),
        status="in_stock",
        created_at=day_start(START),
    )


def event(
    target: PieceFacts, kind: MovementKind, status: PieceStatus, day: dt.date, minute: int = 0
) -> MovementFact:
    at = day_start(day) + dt.timedelta(hours=12, minutes=minute)
    return MovementFact(uuid.uuid4(), target.id, kind.value, status.value, at)


def test_age_buckets_include_both_ends() -> None:
    cases = {0: "0-30", 30: "0-30", 31: "31-90", 90: "31-90", 91: "91-180", 180: "91-180",
             181: "181-365", 365: "181-365", 366: "over 365", 4000: "over 365"}  # fmt: skip
    for days, label in cases.items():
        assert age_bucket(days).startswith(label), days


def test_shop_days_are_cut_at_indian_midnight() -> None:
    assert day_start(START) == dt.datetime(2025, 6, 30, 18, 30, tzinfo=dt.UTC)
    assert day_end(END) == dt.datetime(2025, 7, 31, 18, 30, tzinfo=dt.UTC)


def test_a_repeated_sale_takes_a_piece_out_once() -> None:
    ring = piece()
    events = [
        event(ring, MovementKind.RECEIVED, PieceStatus.IN_STOCK, dt.date(2025, 6, 1)),
        event(ring, MovementKind.SOLD, PieceStatus.SOLD, dt.date(2025, 7, 5)),
        event(ring, MovementKind.SOLD, PieceStatus.SOLD, dt.date(2025, 7, 5), minute=1),
    ]
    flows = movement_flows([ring], histories(events), START, END)[("gold", 916)]
    assert flows.pieces == {
        "opening": 1,
        "in": 0,
        "sold": 1,
        "returned": 0,
        "other": 0,
        "closing": 0,
    }
    assert flows.grams["sold"] == 5_000


def test_reserving_keeps_a_piece_in_stock_and_an_adjustment_is_other() -> None:
    ring, chain = piece(), piece(7_250)
    events = [
        event(ring, MovementKind.RECEIVED, PieceStatus.IN_STOCK, dt.date(2025, 7, 2)),
        event(ring, MovementKind.RESERVED, PieceStatus.RESERVED, dt.date(2025, 7, 3)),
        event(chain, MovementKind.RECEIVED, PieceStatus.REMOVED, dt.date(2025, 6, 3)),
        event(chain, MovementKind.ADJUSTED, PieceStatus.IN_STOCK, dt.date(2025, 7, 9)),
    ]
    flows = movement_flows([ring, chain], histories(events), START, END)[("gold", 916)]
    assert flows.pieces == {
        "opening": 0,
        "in": 1,
        "sold": 0,
        "returned": 0,
        "other": 1,
        "closing": 2,
    }
    assert flows.grams["other"] == 7_250
    # The chain first came into stock on the adjustment; the ring on its receipt.
    assert stock_in_at(histories(events)[chain.id]) == day_start(
        dt.date(2025, 7, 9)
    ) + dt.timedelta(hours=12)


_STATUSES = st.sampled_from(list(PieceStatus))
_KINDS = st.sampled_from(list(MovementKind))
_DAYS = st.integers(min_value=-40, max_value=70)


@given(st.lists(st.lists(st.tuples(_KINDS, _STATUSES, _DAYS), max_size=6), min_size=1, max_size=5))
def test_opening_plus_flows_is_closing_whatever_the_events(
    lives: list[list[tuple[MovementKind, PieceStatus, int]]],
) -> None:
    pieces, events = [], []
    for index, life in enumerate(lives):
        one = piece(1_000 + index)
        pieces.append(one)
        for minute, (kind, status, offset) in enumerate(sorted(life, key=lambda e: e[2])):
            events.append(event(one, kind, status, START + dt.timedelta(days=offset), minute))
    events.sort(key=lambda e: e.occurred_at)
    grouped = histories(events)
    flows = movement_flows(pieces, grouped, START, END).get(("gold", 916))
    held_at_end = [p for p in pieces if held_before(grouped.get(p.id, []), day_end(END))]
    if flows is None:
        assert not held_at_end
        return
    for figures in (flows.pieces, flows.grams):
        total = figures["opening"] + figures["in"] - figures["sold"] + figures["returned"]
        assert total + figures["other"] == figures["closing"]
    assert flows.pieces["closing"] == len(held_at_end)
    assert set(flows.pieces) == set(FLOWS)


def test_valuation_uses_the_kernel_and_never_guesses_a_missing_rate() -> None:
    ring = piece(3_333, making=("per_gram", 450_00))
    bar = piece(1_000, fineness=750)
    valuation = value_pieces([ring, bar], {("gold", 916): Paise(9_876_54)})
    # 3.333 g x Rs 9,876.54 = 32,918.508 -> 32,918.51; making 3.333 x 450 = 1,499.85.
    assert valuation.values[ring.id].metal_value == Paise(32_918_51)
    assert valuation.values[ring.id].sale_value == Paise(32_918_51 + 1_499_85)
    assert bar.id not in valuation.values
    assert valuation.unvalued[bar.id] == "no gold 18K750 sale rate"


def test_the_catalogue_offers_both_reports() -> None:
    catalogue = report_catalogue()
    assert catalogue.get("stock").uses_terminals is False
    assert catalogue.get("stock").title == "Stock"
    assert catalogue.get("huid").title == "HUID compliance"


def test_a_piece_without_movements_is_counted_now_and_named_in_the_history_notes() -> None:
    ring = piece()
    valuation = value_pieces([ring], {("gold", 916): Paise(10_000_00)})
    assert in_stock_table([ring], valuation, END).rows[0][2] == 1
    ageing = ageing_table([ring], {}, valuation, END)
    movement = movement_table([ring], {}, START, END)
    assert movement.rows == ()
    assert ageing.note is not None
    assert movement.note is not None
    assert "Left out, having no movement record: 1 piece in stock now." in ageing.note
    assert "Not counted, having no movement record: 1 piece in stock now." in movement.note
