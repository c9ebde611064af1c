"""The shared tables: shop-first keys, UUIDv7 ids, integer money, and CHECKs that bite."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import (
    BigInteger,
    Engine,
    Float,
    Numeric,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from shared.ids import is_uuid7, new_id
from shared.tables import (
    AuditEvent,
    Base,
    Customer,
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Payment,
    Shop,
    StockPiece,
    Terminal,
    User,
)

GLOBAL_TABLES = {"shop"}
MUTABLE_TABLES = {"shop", "terminal", "user", "customer", "product", "stock_piece", "metal_rate"}
EVENT_TABLES = {
    "invoice",
    "invoice_line",
    "payment",
    "old_gold_voucher",
    "credit_note",
    "credit_note_line",
    "stock_movement",
    "audit_event",
}
BUSINESS_TABLES = [t for t in Base.metadata.sorted_tables if t.name not in GLOBAL_TABLES]
MARIADB_IDENTIFIER_LIMIT = 64


def test_every_shared_table_is_classified_as_mutable_or_event() -> None:
    # A new table must be placed deliberately: it decides how sync merges it.
    assert set(Base.metadata.tables) == MUTABLE_TABLES | EVENT_TABLES
    assert not MUTABLE_TABLES & EVENT_TABLES


@pytest.mark.parametrize("table", BUSINESS_TABLES, ids=lambda t: t.name)
def test_business_table_primary_key_is_shop_then_id(table: Any) -> None:
    assert [c.name for c in table.primary_key.columns] == ["shop_id", "id"]
    assert next(iter(table.columns)).name == "shop_id"


@pytest.mark.parametrize("table", BUSINESS_TABLES, ids=lambda t: t.name)
def test_business_table_unique_keys_and_indexes_lead_with_shop(table: Any) -> None:
    uniques = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
    for constraint in uniques:
        assert next(iter(constraint.columns)).name == "shop_id", constraint.name
    for index in table.indexes:
        assert index.expressions[0].name == "shop_id", index.name
    for column in table.columns:
        assert not column.unique, f"{column.name}: a single-column unique skips shop_id"
        assert not column.index, f"{column.name}: a single-column index skips shop_id"


@pytest.mark.parametrize("table", BUSINESS_TABLES, ids=lambda t: t.name)
def test_business_foreign_keys_stay_inside_the_shop(table: Any) -> None:
    for fk in table.foreign_key_constraints:
        assert fk.column_keys[0] == "shop_id", fk.name
        assert fk.elements[0].column.name == "shop_id", fk.name


def test_invoice_numbers_are_unique_per_shop_series_and_year() -> None:
    uniques = {
        tuple(c.name for c in constraint.columns)
        for constraint in Base.metadata.tables["invoice"].constraints
        if isinstance(constraint, UniqueConstraint)
    }
    assert ("shop_id", "series", "financial_year", "number") in uniques


def test_huid_and_tag_code_are_unique_per_shop() -> None:
    uniques = {
        tuple(c.name for c in constraint.columns)
        for constraint in Base.metadata.tables["stock_piece"].constraints
        if isinstance(constraint, UniqueConstraint)
    }
    assert {("shop_id", "tag_code"), ("shop_id", "huid")} <= uniques


def test_only_mutable_rows_carry_a_clock() -> None:
    with_clock = {t.name for t in Base.metadata.sorted_tables if "hlc" in t.columns}
    assert with_clock == MUTABLE_TABLES
    for table in Base.metadata.sorted_tables:
        if table.name in MUTABLE_TABLES:
            assert {"updated_at", "origin_terminal_id"} <= set(table.columns.keys())
        else:
            assert "updated_at" not in table.columns, table.name
            assert "origin_terminal_id" in table.columns, table.name


def test_money_and_weights_are_wide_integers_and_nothing_is_a_float() -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            assert not isinstance(column.type, Float | Numeric), f"{table.name}.{column.name}"
            if column.name.endswith(("_paise", "_mg", "_paise_per_gram")):
                assert isinstance(column.type, BigInteger), f"{table.name}.{column.name}"


def test_every_constraint_and_index_has_a_name_mariadb_accepts() -> None:
    for table in Base.metadata.sorted_tables:
        names = [c.name for c in table.constraints] + [i.name for i in table.indexes]
        for name in names:
            assert isinstance(name, str), f"{table.name}: unnamed constraint or index"
            assert len(name) <= MARIADB_IDENTIFIER_LIMIT, name


def test_new_ids_are_uuid7_distinct_and_time_ordered() -> None:
    ids = [new_id() for _ in range(2000)]
    assert all(is_uuid7(i) and type(i) is uuid.UUID for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)


def test_is_uuid7_rejects_other_versions() -> None:
    assert not is_uuid7(uuid.uuid4())
    assert not is_uuid7(uuid.UUID(int=0))


# --- behaviour on a real (in-memory) SQLite database -------------------------------------------

IST = timezone(timedelta(hours=5, minutes=30))
SHOP = uuid.UUID("01890000-0000-7000-8000-000000000001")
T0 = datetime(2025, 4, 1, 10, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")

    @event.listens_for(engine, "connect")
    def _foreign_keys_on(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def _terminal(session: Session) -> Terminal:
    terminal = Terminal(
        shop_id=SHOP,
        name="Counter 1",
        invoice_series="A1",
        credit_note_series="CA1",
        voucher_series="VA1",
        hlc="0001",
    )
    session.add(terminal)
    session.flush()
    return terminal


def _piece(**changes: Any) -> StockPiece:
    values: dict[str, Any] = {
        "shop_id": SHOP,
        "tag_code": "T0001",
        "huid": "AB12CD",
        "description": "22K bangle",
        "metal": "gold",
        "purity_fineness": 916,
        "gross_mg": 12_500,
        "stone_mg": 500,
        "net_mg": 12_000,
        "making_mode": "per_gram",
        "making_rate": 45_000,
        "hsn": "7113",
        "gst_rate_bp": 300,
        "hlc": "0001",
    }
    values.update(changes)
    return StockPiece(**values)


def _invoice(terminal: Terminal, **changes: Any) -> Invoice:
    # 1 00 000.00 taxable, 3 % intra-state: 1 500 + 1 500 tax, no round-off.
    values: dict[str, Any] = {
        "shop_id": SHOP,
        "terminal_id": terminal.id,
        "series": "A1",
        "financial_year": "2025-26",
        "number": "A1/0001",
        "issued_at": T0,
        "invoice_date": date(2025, 4, 1),
        "supply_type": "intra",
        "place_of_supply": "27",
        "classification": "b2cs",
        "buyer_name": "Walk-in",
        "taxable_paise": 10_000_000,
        "cgst_paise": 150_000,
        "sgst_paise": 150_000,
        "igst_paise": 0,
        "round_off_paise": 0,
        "grand_total_paise": 10_300_000,
        "old_gold_value_paise": 300_000,
        "net_payable_paise": 10_000_000,
    }
    values.update(changes)
    return Invoice(**values)


def test_a_valid_piece_is_stored_with_a_uuid7_id(session: Session) -> None:
    piece = _piece()
    session.add(piece)
    session.flush()
    assert is_uuid7(piece.id)
    assert piece.status == "in_stock"


@pytest.mark.parametrize(
    "changes",
    [
        {"net_mg": 13_000},  # net above gross
        {"stone_mg": 13_000},  # stone above gross
        {"stone_mg": -1},
        {"net_mg": 0},
        {"metal": "copper"},
        {"status": "lost"},
        {"making_mode": "per_piece"},
        {"purity_fineness": 1001},
        {"huid": "AB12C"},
    ],
    ids=str,
)
def test_stock_piece_checks_reject_bad_rows(session: Session, changes: dict[str, Any]) -> None:
    session.add(_piece(**changes))
    with pytest.raises(IntegrityError):
        session.flush()


def test_huid_is_unique_within_a_shop_but_not_across_shops(session: Session) -> None:
    session.add(_piece())
    session.add(_piece(shop_id=new_id(), tag_code="T0001"))
    session.flush()
    session.add(_piece(tag_code="T0002"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_a_consistent_invoice_is_stored_with_its_lines(session: Session) -> None:
    invoice = _invoice(_terminal(session))
    invoice.lines.append(
        InvoiceLine(
            line_no=1,
            description="22K bangle",
            hsn="7113",
            gst_rate_bp=300,
            metal="gold",
            purity_fineness=916,
            gross_mg=12_500,
            stone_mg=500,
            net_mg=12_000,
            rate_paise_per_gram=700_000,
            metal_value_paise=8_400_000,
            making_mode="per_gram",
            making_rate=100_000,
            making_paise=1_200_000,
            hallmark_paise=5_300,
            stone_paise=400_000,
            discount_paise=5_300,
            taxable_paise=10_000_000,
        )
    )
    session.add(invoice)
    session.commit()
    line = session.scalars(select(InvoiceLine)).one()
    assert (line.shop_id, line.invoice_id) == (SHOP, invoice.id)


@pytest.mark.parametrize(
    "changes",
    [
        {"grand_total_paise": 10_300_100, "net_payable_paise": 10_000_100},  # sum off by a rupee
        {"round_off_paise": -50, "grand_total_paise": 10_299_950},  # a round-off of 50 goes up
        {"igst_paise": 300_000, "grand_total_paise": 10_600_000},  # IGST on intra-state
        {"cgst_paise": 150_001, "grand_total_paise": 10_300_001},  # CGST != SGST
        {"net_payable_paise": 10_300_000},  # old gold not netted
        {"status": "cancelled"},  # cancelled without a time
        {"supply_type": "export"},
        {"classification": "b2x"},
        {"financial_year": "2025"},
        {"number": "A1/0001/TOO-LONG-X"},
    ],
    ids=str,
)
def test_invoice_checks_reject_inconsistent_figures(
    session: Session, changes: dict[str, Any]
) -> None:
    session.add(_invoice(_terminal(session), **changes))
    with pytest.raises(IntegrityError):
        session.flush()


def test_invoice_number_cannot_repeat_in_a_series_and_year(session: Session) -> None:
    terminal = _terminal(session)
    session.add(_invoice(terminal))
    session.flush()
    session.add(_invoice(terminal, financial_year="2026-27"))
    session.flush()
    session.add(_invoice(terminal))
    with pytest.raises(IntegrityError):
        session.flush()


def test_invoice_needs_a_terminal_of_the_same_shop(session: Session) -> None:
    terminal = _terminal(session)
    session.add(_invoice(terminal, shop_id=new_id()))
    with pytest.raises(IntegrityError):
        session.flush()


def test_invoice_line_taxable_value_must_add_up(session: Session) -> None:
    invoice = _invoice(_terminal(session))
    session.add(invoice)
    session.flush()
    session.add(
        InvoiceLine(
            shop_id=SHOP,
            invoice_id=invoice.id,
            line_no=1,
            description="making only",
            hsn="7113",
            gst_rate_bp=300,
            making_paise=100_000,
            taxable_paise=100_001,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Payment, {"mode": "cheque", "amount_paise": 100}),
        (Payment, {"mode": "cash", "amount_paise": 0}),
        (Payment, {"mode": "cash", "amount_paise": 100, "direction": "sideways"}),
        (User, {"role": "manager"}),
    ],
    ids=str,
)
def test_vocabulary_checks_reject_unknown_words(
    session: Session, model: type[Base], values: dict[str, Any]
) -> None:
    terminal = _terminal(session)
    defaults: dict[type[Base], dict[str, Any]] = {
        Payment: {"terminal_id": terminal.id, "received_at": T0, "payment_date": T0.date()},
        User: {
            "username": "ravi",
            "display_name": "Ravi",
            "password_hash": "x",
            "hlc": "0001",
        },
    }
    session.add(model(shop_id=SHOP, **defaults[model], **values))
    with pytest.raises(IntegrityError):
        session.flush()


def test_old_gold_voucher_value_is_whole_rupees(session: Session) -> None:
    terminal = _terminal(session)
    values: dict[str, Any] = {
        "shop_id": SHOP,
        "terminal_id": terminal.id,
        "series": "VA1",
        "financial_year": "2025-26",
        "number": "VA1/0001",
        "issued_at": T0,
        "voucher_date": T0.date(),
        "seller_name": "Walk-in",
        "description": "old chain",
        "metal": "gold",
        "purity_fineness": 916,
        "gross_mg": 10_000,
        "net_mg": 9_000,
        "rate_paise_per_gram": 600_000,
        "deduction_bp": 200,
        "metal_value_paise": 5_400_000,
        "deduction_paise": 108_000,
        "value_paise": 5_292_000,
    }
    session.add(OldGoldVoucher(**values))
    session.flush()
    session.add(OldGoldVoucher(**{**values, "number": "VA1/0002", "value_paise": 5_292_050}))
    with pytest.raises(IntegrityError):
        session.flush()


def test_times_come_back_as_the_same_instant_in_utc(session: Session) -> None:
    issued_in_mumbai = T0.astimezone(IST)
    session.add(
        AuditEvent(
            shop_id=SHOP,
            chain_id=SHOP,
            seq=1,
            actor_label="owner",
            action="login",
            entity="user",
            at=issued_in_mumbai,
        )
    )
    session.commit()
    session.expunge_all()
    stored = session.scalars(select(AuditEvent)).one()
    assert stored.at == T0
    assert stored.at.tzinfo is UTC
    assert stored.at.microsecond == 123456


def test_a_naive_time_is_refused(session: Session) -> None:
    session.add(
        Customer(shop_id=SHOP, name="Asha", hlc="0001", created_at=datetime(2025, 4, 1, 10, 0))  # noqa: DTZ001
    )
    with pytest.raises(StatementError, match="naive datetime"):
        session.flush()


def test_shop_is_global_and_keyed_by_its_id(session: Session) -> None:
    assert [c.name for c in Base.metadata.tables["shop"].primary_key.columns] == ["id"]
    shop = Shop(name="Boola", legal_name="Boola Gold LLP", state_code="27", address="Pune", hlc="1")
    session.add(shop)
    session.flush()
    assert is_uuid7(shop.id)
