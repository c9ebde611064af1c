"""The hub's push apply on SQLite and MariaDB: once, in order, conflicts kept, nothing lost."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from shared.errors import InvalidInput
from shared.ids import new_id
from shared.tables import Base, Customer, Invoice, InvoiceLine, StockPiece
from shared.tables.vocabulary import ChangeOp
from shared.wire import JsonRow, PushBatch, decode_row, parse_push_batch
from shared.wire_schema import SCHEMA_VERSION
from sync.server import feed
from sync.server.push import ForeignShop, apply_push
from sync.server.tables import (
    ChangeFeedEntry,
    PieceSale,
    QuarantinedRecord,
    SyncBase,
    SyncConflict,
    TerminalSyncState,
)
from tests.harness.databases import create_test_engine
from tests.sync.server.rows import NOW, customer, invoice, invoice_line, piece, terminal

SHOP = new_id()
OTHER_SHOP = new_id()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = create_test_engine(db_url)
    Base.metadata.create_all(engine)
    SyncBase.metadata.create_all(engine)
    yield engine
    engine.dispose()


class Terminal:
    """A terminal's outbox as the hub sees it: consecutive records with fresh mutation ids."""

    def __init__(self, shop_id: uuid.UUID = SHOP) -> None:
        self.id = new_id()
        self.shop_id = shop_id
        self.records: list[dict[str, Any]] = []

    def record(self, entity: str, row: JsonRow, op: str = "insert") -> dict[str, Any]:
        item = {
            "seq": len(self.records) + 1,
            "mutation_id": str(new_id()),
            "entity": entity,
            "entity_id": row["id"],
            "op": op,
            "row": row,
        }
        self.records.append(item)
        return item

    def batch(
        self, records: list[dict[str, Any]] | None = None, *, schema: int | None = None
    ) -> PushBatch:
        return parse_push_batch(
            {
                "protocol_version": 1,
                "schema_version": schema,
                "app_version": "0.1.0",
                "terminal_id": str(self.id),
                "records": self.records if records is None else records,
                "pending": 0,
            }
        )


def push(engine: Engine, batch: PushBatch, shop_id: uuid.UUID = SHOP) -> Any:
    with Session(engine) as session, session.begin():
        return apply_push(session, shop_id, batch, now=NOW)


def count(engine: Engine, model: Any) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def sale(t: Terminal, piece_id: uuid.UUID, number: str) -> uuid.UUID:
    invoice_id = new_id()
    t.record("invoice", invoice(t.shop_id, invoice_id, t.id, number))
    t.record("invoice_line", invoice_line(t.shop_id, invoice_id, piece_id))
    return invoice_id


def setup_terminal(t: Terminal, series: str) -> None:
    t.record("terminal", terminal(t.shop_id, t.id, series))


def one_sale() -> Terminal:
    """A terminal's outbox: itself, a piece in stock, and one invoice selling it."""
    t = Terminal()
    setup_terminal(t, "A1")
    piece_id = new_id()
    t.record("stock_piece", piece(SHOP, piece_id, hlc="0000000002000-0000-a"))
    sale(t, piece_id, "A1/26-27/00001")
    return t


def test_a_batch_applies_once_and_a_replay_is_answered_from_receipts(engine: Engine) -> None:
    t = one_sale()

    first = push(engine, t.batch())
    assert [a.result for a in first.answers] == ["applied"] * 4
    assert first.high_water_seq == 4
    assert first.expected_seq is None

    again = push(engine, t.batch())
    assert again.answers == first.answers
    assert count(engine, Invoice) == 1
    assert count(engine, InvoiceLine) == 1
    assert count(engine, ChangeFeedEntry) == 4


def test_a_gap_is_not_stored_and_names_the_expected_sequence(engine: Engine) -> None:
    t = Terminal()
    setup_terminal(t, "A1")
    t.record("stock_piece", piece(SHOP, new_id(), hlc="0000000002000-0000-a"))
    t.record("stock_piece", piece(SHOP, new_id(), hlc="0000000002001-0000-a"))
    push(engine, t.batch(t.records[:1]))

    outcome = push(engine, t.batch(t.records[2:]))
    assert outcome.answers == ()
    assert outcome.expected_seq == 2
    assert outcome.high_water_seq == 1
    assert count(engine, StockPiece) == 0

    assert push(engine, t.batch(t.records[1:])).high_water_seq == 3
    assert count(engine, StockPiece) == 2


def test_one_piece_sold_on_two_terminals_keeps_both_invoices_and_records_a_conflict(
    engine: Engine,
) -> None:
    a, b = Terminal(), Terminal()
    setup_terminal(a, "A1")
    setup_terminal(b, "B1")
    piece_id = new_id()
    a.record("stock_piece", piece(SHOP, piece_id, hlc="0000000002000-0000-a"))
    push(engine, a.batch())
    first = sale(a, piece_id, "A1/26-27/00001")
    second = sale(b, piece_id, "B1/26-27/00001")
    push(engine, a.batch(a.records[2:]))

    outcome = push(engine, b.batch())
    assert [x.result for x in outcome.answers] == ["applied", "applied", "conflict"]
    assert "already sold" in (outcome.answers[-1].detail or "")
    assert count(engine, Invoice) == 2
    with Session(engine) as session:
        conflict = session.execute(select(SyncConflict)).scalar_one()
    assert (conflict.kept_document_id, conflict.clashing_document_id) == (first, second)
    assert conflict.entity_id == piece_id


def test_a_foreign_shop_batch_is_refused_whole(engine: Engine) -> None:
    t = Terminal()
    setup_terminal(t, "A1")
    t.record("stock_piece", piece(OTHER_SHOP, new_id(), hlc="0000000002000-0000-a"))
    with pytest.raises(ForeignShop, match="another shop") as info:
        push(engine, t.batch())
    assert info.value.field == "records[1]"
    assert count(engine, TerminalSyncState) == 0
    assert count(engine, ChangeFeedEntry) == 0


def test_a_malformed_row_refuses_the_batch_and_names_the_field(engine: Engine) -> None:
    t = Terminal()
    row = dict(piece(SHOP, new_id(), hlc="0000000002000-0000-a"))
    row["gross_mg"] = "ten grams"
    t.record("stock_piece", row)
    with pytest.raises(InvalidInput, match="whole number") as info:
        push(engine, t.batch())
    assert info.value.field == "records[0].row.gross_mg"
    assert count(engine, StockPiece) == 0


def test_a_poison_record_is_quarantined_and_the_queue_goes_on(engine: Engine) -> None:
    t = Terminal()
    setup_terminal(t, "A1")
    t.record("gift_card", {"shop_id": str(SHOP), "id": str(new_id()), "balance": 500})
    t.record("stock_piece", piece(SHOP, new_id(), hlc="0000000002000-0000-a"))
    outcome = push(engine, t.batch())
    assert [a.result for a in outcome.answers] == ["applied", "quarantined", "applied"]
    assert outcome.high_water_seq == 3
    with Session(engine) as session:
        kept = session.execute(select(QuarantinedRecord)).scalar_one()
    assert kept.entity == "gift_card"
    assert '"balance": 500' in kept.payload


def test_an_issued_document_cannot_be_changed_by_a_later_record(engine: Engine) -> None:
    t = Terminal()
    setup_terminal(t, "A1")
    invoice_id = new_id()
    row = invoice(SHOP, invoice_id, t.id, "A1/26-27/00001")
    t.record("invoice", row)
    t.record("invoice", {**row, "buyer_name": "Someone else"})
    outcome = push(engine, t.batch())
    assert [a.result for a in outcome.answers] == ["applied", "applied", "quarantined"]
    with Session(engine) as session:
        assert session.get(Invoice, (SHOP, invoice_id)).buyer_name == "Walk-in"  # type: ignore[union-attr]


def test_a_document_the_hub_already_has_sent_again_as_a_new_record(engine: Engine) -> None:
    """A counter restored from its own backup may send an invoice again under a new sequence:
    the same invoice is answered applied and kept once; a different one under its id is
    quarantined; the records around it land either way."""
    t = Terminal()
    setup_terminal(t, "A1")
    invoice_id = new_id()
    row = invoice(SHOP, invoice_id, t.id, "A1/26-27/00001")
    t.record("invoice", row)
    push(engine, t.batch())

    before = count(engine, ChangeFeedEntry)
    first, second = new_id(), new_id()
    t.record("stock_piece", piece(SHOP, first, hlc="0000000002000-0000-a"))
    t.record("invoice", row)
    t.record("invoice", {**row, "buyer_name": "Someone else"})
    t.record("stock_piece", piece(SHOP, second, hlc="0000000002001-0000-a"))
    outcome = push(engine, t.batch(t.records[2:]))

    assert [a.result for a in outcome.answers] == ["applied", "applied", "quarantined", "applied"]
    assert outcome.high_water_seq == 6
    assert count(engine, Invoice) == 1
    assert count(engine, StockPiece) == 2
    assert count(engine, ChangeFeedEntry) == before + 2  # the two pieces; the invoice was fed


def test_a_piece_update_clashing_with_another_pieces_tag_is_quarantined(engine: Engine) -> None:
    """Pieces already at the hub are updated many at a time (on MariaDB one statement): a new
    tag that another piece carries fails that alone; the other piece is untouched."""
    t = Terminal()
    setup_terminal(t, "A1")
    one, two, three = new_id(), new_id(), new_id()
    for index, piece_id in enumerate((one, two, three)):
        t.record("stock_piece", piece(SHOP, piece_id, hlc=f"000000000200{index}-0000-a"))
    push(engine, t.batch())

    tag_of_two = str(piece(SHOP, two, hlc="x")["tag_code"])
    t.record("stock_piece", piece(SHOP, one, hlc="0000000003000-0000-a", status="reserved"))
    t.record("stock_piece", piece(SHOP, three, hlc="0000000003001-0000-a", tag_code=tag_of_two))
    outcome = push(engine, t.batch(t.records[4:]))

    assert [a.result for a in outcome.answers] == ["applied", "quarantined"]
    with Session(engine) as session:
        assert session.get(StockPiece, (SHOP, one)).status == "reserved"  # type: ignore[union-attr]
        assert session.get(StockPiece, (SHOP, two)).tag_code == tag_of_two  # type: ignore[union-attr]
        assert session.get(StockPiece, (SHOP, three)).tag_code != tag_of_two  # type: ignore[union-attr]
        assert session.get(StockPiece, (SHOP, two)).hlc == "0000000002001-0000-a"  # type: ignore[union-attr]


def test_an_older_release_cannot_empty_a_column_it_does_not_know(engine: Engine) -> None:
    """On both paths (many at once, and one by one after a poison record), a customer edited
    at a counter of the previous release keeps the birthday the hub has."""
    new, old = Terminal(), Terminal()
    ids = [new_id(), new_id()]
    for customer_id in ids:
        new.record(
            "customer",
            customer(SHOP, customer_id, hlc="0000000002000-0000-a", birth_date=date(1990, 5, 17)),
        )
    push(engine, new.batch(schema=SCHEMA_VERSION))

    def edit(customer_id: uuid.UUID) -> dict[str, Any]:
        row = customer(SHOP, customer_id, hlc="0000000003000-0000-b", phone="9000000001")
        return {k: v for k, v in row.items() if k not in {"birth_date", "anniversary"}}

    old.record("customer", edit(ids[0]), op="update")
    old.record("gift_card", {"shop_id": str(SHOP), "id": str(new_id())})
    old.record("customer", edit(ids[1]), op="update")
    outcome = push(engine, old.batch(old.records[:1], schema=SCHEMA_VERSION - 1))
    assert [a.result for a in outcome.answers] == ["applied"]
    outcome = push(engine, old.batch(old.records[1:], schema=SCHEMA_VERSION - 1))
    assert [a.result for a in outcome.answers] == ["quarantined", "applied"]
    with Session(engine) as session:
        for customer_id in ids:
            row = session.get(Customer, (SHOP, customer_id))
            assert row is not None
            assert row.phone == "9000000001"
            assert row.birth_date == date(1990, 5, 17)


def test_master_data_merges_last_writer_wins_by_hlc(engine: Engine) -> None:
    a, b = Terminal(), Terminal()
    piece_id = new_id()
    newer = piece(SHOP, piece_id, hlc="0000000003000-0000-b", status="reserved")
    older = piece(SHOP, piece_id, hlc="0000000002000-0000-a", status="in_stock")
    b.record("stock_piece", newer, op="insert")
    a.record("stock_piece", older, op="update")
    push(engine, b.batch())
    assert [x.result for x in push(engine, a.batch()).answers] == ["applied"]
    with Session(engine) as session:
        assert session.get(StockPiece, (SHOP, piece_id)).status == "reserved"  # type: ignore[union-attr]
    assert count(engine, ChangeFeedEntry) == 1


def test_the_feed_pages_in_commit_order_and_skips_a_terminals_own_changes(engine: Engine) -> None:
    """A push's rows are fed as one entry per table naming them; a page stops once it holds
    `limit` changes but never splits an entry, so the cursor always sits on one."""
    a, b = Terminal(), Terminal()
    mine = [new_id() for _ in range(5)]
    for index, piece_id in enumerate(mine):
        a.record("stock_piece", piece(SHOP, piece_id, hlc=f"00000000020{index:02d}-0000-a"))
    b.record("stock_piece", piece(SHOP, new_id(), hlc="0000000002100-0000-b"))
    push(engine, a.batch(a.records[:3]))  # entry 1 names three pieces
    push(engine, a.batch(a.records[3:]))  # entry 2 names two
    push(engine, b.batch())  # entry 3
    assert count(engine, ChangeFeedEntry) == 3
    with Session(engine) as session:
        exact = feed.read(session, SHOP, 0, limit=3)
        assert [c.seq for c in exact.changes] == [1, 1, 1]
        assert [c.entity_id for c in exact.changes] == mine[:3]
        assert (exact.cursor, exact.more) == (1, True)
        first = feed.read(session, SHOP, 0, limit=4)
        assert [c.seq for c in first.changes] == [1, 1, 1, 2, 2]
        assert [c.entity_id for c in first.changes] == mine
        assert (first.cursor, first.more) == (2, True)
        rest = feed.read(session, SHOP, first.cursor, limit=4, after_tag=first.cursor_tag)
        assert [c.seq for c in rest.changes] == [3]
        assert not rest.more
        own_skipped = feed.read(session, SHOP, 0, skip_origin=a.id)
        assert [c.seq for c in own_skipped.changes] == [3]
        assert own_skipped.cursor == 3
        assert feed.read(session, OTHER_SHOP, 0).changes == ()


def test_a_push_is_fed_by_reference_and_pulled_whole(engine: Engine) -> None:
    """A push stores its rows once: each table's entry names them, and the pull reads every
    row from its table, exactly as pushed (for master data, as the merge left it)."""
    t = one_sale()
    push(engine, t.batch())
    pushed = {record["entity"]: record["row"] for record in t.records}

    with Session(engine) as session:
        entries = session.scalars(select(ChangeFeedEntry).order_by(ChangeFeedEntry.seq)).all()
        # Parents before the rows that point at them, as a counter inserts them.
        order = [entry.entity for entry in entries]
        assert sorted(order) == sorted(pushed)
        assert order.index("invoice_line") > max(order.index("invoice"), order.index("stock_piece"))
        for entry in entries:
            assert entry.payload == feed.references([entry.entity_id])
        pulled = {c.entity: c.row for c in feed.read(session, SHOP, 0).changes}
    for entity in ("invoice", "invoice_line", "stock_piece", "terminal"):
        assert decode_row(entity, pulled[entity]) == decode_row(entity, pushed[entity])


def test_entries_written_by_the_previous_release_are_still_pulled(engine: Engine) -> None:
    """A hub upgraded in place keeps its feed: one-row references and carried rows, as the
    previous release wrote them, read beside the new entries naming many rows."""
    t = one_sale()
    push(engine, t.batch())
    pushed = {record["entity"]: record["row"] for record in t.records}
    invoice_id = uuid.UUID(str(pushed["invoice"]["id"]))
    piece_id = uuid.UUID(str(pushed["stock_piece"]["id"]))
    with Session(engine) as session, session.begin():
        feed.append(
            session,
            SHOP,
            [
                ("invoice", invoice_id, ChangeOp.INSERT, feed.BY_REFERENCE),
                ("stock_piece", piece_id, ChangeOp.INSERT, dict(pushed["stock_piece"])),
            ],
        )
    with Session(engine) as session:
        page = feed.read(session, SHOP, 4, after_tag=None)
    assert [(c.seq, c.entity) for c in page.changes] == [(5, "invoice"), (6, "stock_piece")]
    for change in page.changes:
        assert decode_row(change.entity, change.row) == decode_row(
            change.entity, pushed[change.entity]
        )


def test_a_master_data_entry_reads_the_row_as_it_stands(engine: Engine) -> None:
    """A piece fed by reference and changed since is pulled in its current state: what
    last-writer-wins would make of the older state followed by the newer one."""
    a, b = Terminal(), Terminal()
    piece_id = new_id()
    a.record("stock_piece", piece(SHOP, piece_id, hlc="0000000002000-0000-a"))
    b.record(
        "stock_piece",
        {**piece(SHOP, piece_id, hlc="0000000002001-0000-b"), "status": "reserved"},
        op="update",
    )
    push(engine, a.batch())
    push(engine, b.batch())
    with Session(engine) as session:
        pulled = feed.read(session, SHOP, 0).changes
    assert [(c.seq, c.row["status"]) for c in pulled] == [(1, "reserved"), (2, "reserved")]


def test_a_feed_entry_naming_a_missing_document_is_a_defect_not_a_gap(engine: Engine) -> None:
    t = one_sale()
    push(engine, t.batch())
    with Session(engine) as session, session.begin():
        session.execute(delete(InvoiceLine))
        session.execute(delete(PieceSale))
    with Session(engine) as session, pytest.raises(LookupError, match="invoice_line"):
        feed.read(session, SHOP, 0)
