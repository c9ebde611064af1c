"""Applying a terminal's push on the hub: exactly once, in order, nothing dropped.

The whole batch is one transaction on the caller's session. The terminal's sync-state row is
locked first, so two pushes from one terminal (a retry overlapping a slow first attempt) run one
after the other, and the second finds every record at or below the high-water mark and answers
from the stored receipts. A record past the next expected sequence is not stored: the answer says
which sequence the hub expects, and the mark does not move.

Documents a terminal issued are never refused for a business rule; a clash (one piece sold twice)
is stored and recorded as a conflict. A well-formed record the hub cannot apply goes to quarantine
verbatim and the queue moves on. Refusals of the whole batch (bad shape, another shop's rows)
happen before anything is written.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from shared.errors import InvalidInput
from shared.tables import Base
from shared.tables.vocabulary import ChangeOp
from shared.wire import (
    PushBatch,
    PushedRecord,
    decode_row,
    encode_row,
    is_mutable,
    merge,
)
from shared.wire_schema import SCHEMA_VERSION, keep_hub_values, stated
from sync.server import bulk, feed
from sync.server.tables import (
    PieceSale,
    PushReceipt,
    QuarantinedRecord,
    SyncConflict,
    TerminalSyncState,
)


class ForeignShop(InvalidInput):
    """A record names another shop: the batch is refused whole (and nothing is said of B)."""


@dataclass(frozen=True, slots=True)
class RecordAnswer:
    """The hub's answer for one record (the terminal marks its outbox row with it)."""

    seq: int
    mutation_id: uuid.UUID
    result: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """Answers for the records taken, the new mark, and the sequence expected next when the
    batch started past it (a gap) — records from there on were not stored."""

    answers: tuple[RecordAnswer, ...]
    high_water_seq: int
    expected_seq: int | None


def check_batch(batch: PushBatch, shop_id: uuid.UUID) -> dict[int, dict[str, Any]]:
    """Refuse the batch before any write if a record's row is not this shop's, or a known
    table's row does not decode (a defect in the sender, not a business clash). Returns the
    decoded rows by sequence number, so applying them does not decode them again."""
    rows: dict[int, dict[str, Any]] = {}
    shop = str(shop_id)
    tables = Base.metadata.tables
    for index, record in enumerate(batch.records):
        if record.row.get("id" if record.entity == "shop" else "shop_id") != shop:
            raise ForeignShop(
                "a record names another shop; nothing was applied", f"records[{index}]"
            )
        if record.entity in tables:
            try:
                decoded = decode_row(record.entity, record.row)
            except InvalidInput as exc:
                raise InvalidInput(exc.reason, f"records[{index}].{exc.field}") from None
            if decoded["id"] != record.entity_id:
                raise InvalidInput(
                    "entity_id differs from the row's id", f"records[{index}].entity_id"
                )
            rows[record.seq] = decoded
    return rows


def apply_push(
    session: Session, shop_id: uuid.UUID, batch: PushBatch, *, now: datetime
) -> PushOutcome:
    """Apply `batch` for its terminal of `shop_id` inside the caller's transaction."""
    decoded = check_batch(batch, shop_id)
    schema = stated(batch.schema_version)
    state = session.execute(
        select(TerminalSyncState)
        .where(
            TerminalSyncState.shop_id == shop_id,
            TerminalSyncState.terminal_id == batch.terminal_id,
        )
        .with_for_update()
    ).scalar_one_or_none()
    if state is None:
        state = TerminalSyncState(
            shop_id=shop_id, terminal_id=batch.terminal_id, high_water_seq=0, pulled_seq=0
        )
        session.add(state)
        session.flush()
    state.last_push_at = now
    state.pending_reported = batch.pending
    answers: list[RecordAnswer] = []
    expected: int | None = None
    replayed = [r for r in batch.records if r.seq <= state.high_water_seq]
    answers.extend(_stored_answer(session, shop_id, batch.terminal_id, r) for r in replayed)
    fresh = [r for r in batch.records if r.seq > state.high_water_seq]
    if fresh and fresh[0].seq != state.high_water_seq + 1:
        return PushOutcome(tuple(answers), state.high_water_seq, state.high_water_seq + 1)
    fast = _apply_in_bulk(
        session, shop_id, batch.terminal_id, fresh, decoded=decoded, now=now, schema=schema
    )
    if fast is not None:
        answers.extend(fast)
        if fresh:
            state.high_water_seq = fresh[-1].seq
        session.flush()
        return PushOutcome(tuple(answers), state.high_water_seq, None)
    for record in fresh:
        answer = _apply_one(session, shop_id, batch.terminal_id, record, now=now, schema=schema)
        session.add(
            PushReceipt(
                shop_id=shop_id,
                terminal_id=batch.terminal_id,
                seq=record.seq,
                mutation_id=record.mutation_id,
                result=answer.result,
                detail=answer.detail,
                received_at=now,
            )
        )
        state.high_water_seq = record.seq
        answers.append(answer)
    session.flush()
    return PushOutcome(tuple(answers), state.high_water_seq, expected)


def _apply_in_bulk(
    session: Session,
    shop_id: uuid.UUID,
    terminal_id: uuid.UUID,
    records: list[PushedRecord],
    *,
    decoded: dict[int, dict[str, Any]],
    now: datetime,
    schema: int,
) -> list[RecordAnswer] | None:
    """The whole run at once (see `sync.server.bulk`); None when it must go record by record."""
    if not records:
        return []
    savepoint = session.begin_nested()
    try:
        decided, existed = bulk.decide(session, shop_id, records, decoded, schema=schema)
        decided = bulk.write(session, shop_id, terminal_id, decided, existed=existed, now=now)
        answers = [
            RecordAnswer(d.record.seq, d.record.mutation_id, "conflict", d.conflict)
            if d.conflict
            else RecordAnswer(d.record.seq, d.record.mutation_id, "applied")
            for d in decided
        ]
        # A replayed "applied" record is answered from the high-water mark alone, so only the
        # answers a replay could not rebuild (conflicts) are stored.
        bulk.store_receipts(
            session,
            shop_id,
            terminal_id,
            [
                (d.record, a.result, a.detail)
                for d, a in zip(decided, answers, strict=True)
                if a.result != "applied"
            ],
            now,
        )
        session.flush()
    except (bulk.StepAside, IntegrityError, DBAPIError, InvalidInput, ValueError):
        savepoint.rollback()
        return None
    savepoint.commit()
    return answers


def _stored_answer(
    session: Session, shop_id: uuid.UUID, terminal_id: uuid.UUID, record: PushedRecord
) -> RecordAnswer:
    receipt = session.get(PushReceipt, (shop_id, terminal_id, record.seq))
    if receipt is None:
        # Only answers a replay could not rebuild are stored (conflicts, quarantines): anything
        # at or below the mark without a receipt was applied.
        return RecordAnswer(record.seq, record.mutation_id, "applied")
    if receipt.mutation_id != record.mutation_id:
        return RecordAnswer(
            record.seq,
            record.mutation_id,
            "quarantined",
            f"sequence {record.seq} was already used by mutation {receipt.mutation_id}",
        )
    return RecordAnswer(record.seq, receipt.mutation_id, receipt.result, receipt.detail)


def _apply_one(
    session: Session,
    shop_id: uuid.UUID,
    terminal_id: uuid.UUID,
    record: PushedRecord,
    *,
    now: datetime,
    schema: int,
) -> RecordAnswer:
    savepoint = session.begin_nested()
    try:
        detail = _write(session, shop_id, terminal_id, record, now=now, schema=schema)
    except (IntegrityError, DBAPIError, InvalidInput, ValueError) as exc:
        savepoint.rollback()
        reason = _reason(exc)
        session.add(
            QuarantinedRecord(
                shop_id=shop_id,
                terminal_id=terminal_id,
                seq=record.seq,
                mutation_id=record.mutation_id,
                entity=record.entity,
                payload=json.dumps(dict(record.row), ensure_ascii=False),
                reason=reason,
                received_at=now,
            )
        )
        return RecordAnswer(record.seq, record.mutation_id, "quarantined", reason)
    savepoint.commit()
    if detail is not None:
        return RecordAnswer(record.seq, record.mutation_id, "conflict", detail)
    return RecordAnswer(record.seq, record.mutation_id, "applied")


def _reason(exc: Exception) -> str:
    if isinstance(exc, InvalidInput):
        return f"{exc.field}: {exc.reason}" if exc.field else exc.reason
    if isinstance(exc, DBAPIError):
        return f"the database refused it: {str(exc.orig)[:300]}"
    return str(exc)[:300]


def _write(
    session: Session,
    shop_id: uuid.UUID,
    terminal_id: uuid.UUID,
    record: PushedRecord,
    *,
    now: datetime,
    schema: int,
) -> str | None:
    """Write one record; returns a conflict description when the write clashed."""
    if record.entity not in Base.metadata.tables:
        raise InvalidInput(f"this hub does not know '{record.entity}' records yet", "entity")
    if record.op is ChangeOp.DELETE:
        raise InvalidInput("replicated rows are never deleted; send the row's new state", "op")
    table = Base.metadata.tables[record.entity]
    values = decode_row(record.entity, record.row)
    key = _key(table, values)
    found = session.execute(select(table).where(*key)).mappings().one_or_none()
    existing = None if found is None else {str(name): value for name, value in found.items()}
    if is_mutable(record.entity):
        if schema < SCHEMA_VERSION:
            values = keep_hub_values(record.entity, values, existing, schema)
        merged = merge(record.entity, values, existing)
        if merged is None:
            return None  # an older state than the hub's: last writer (by HLC) already won
        values = merged
        if existing is None:
            session.execute(insert(table).values(**values))
        else:
            session.execute(update(table).where(*key).values(**values))
    else:
        if existing is not None:
            if encode_row(table, existing) != encode_row(table, values):
                raise InvalidInput(
                    f"{record.entity} {record.entity_id} is an issued record and cannot change",
                    "row",
                )
            return None
        session.execute(insert(table).values(**values))
    feed.append(
        session,
        shop_id,
        [(record.entity, record.entity_id, record.op, encode_row(table, values))],
        mutation_id=record.mutation_id,
        origin_terminal_id=terminal_id,
    )
    return _claim_or_release(
        session, shop_id, terminal_id, entity=record.entity, values=values, now=now
    )


def _key(table: Table, values: Mapping[str, Any]) -> list[Any]:
    return [column == values[column.name] for column in table.primary_key.columns]


def _claim_or_release(
    session: Session,
    shop_id: uuid.UUID,
    terminal_id: uuid.UUID,
    *,
    entity: str,
    values: Mapping[str, Any],
    now: datetime,
) -> str | None:
    piece_id = values.get("stock_piece_id")
    if piece_id is None:
        return None
    if entity == "credit_note_line":
        session.execute(
            delete(PieceSale).where(
                PieceSale.shop_id == shop_id,
                PieceSale.stock_piece_id == piece_id,
                PieceSale.invoice_line_id == values.get("invoice_line_id"),
            )
        )
        return None
    if entity != "invoice_line":
        return None
    claim = session.begin_nested()
    try:
        session.add(
            PieceSale(
                shop_id=shop_id,
                stock_piece_id=piece_id,
                invoice_id=values["invoice_id"],
                invoice_line_id=values["id"],
                claimed_at=now,
            )
        )
        session.flush()
    except IntegrityError:
        claim.rollback()
    else:
        claim.commit()
        return None
    holder = session.get(PieceSale, (shop_id, piece_id))
    assert holder is not None
    detail = (
        f"piece {piece_id} was already sold on invoice {holder.invoice_id}; "
        f"invoice {values['invoice_id']} sold it again"
    )
    session.add(
        SyncConflict(
            shop_id=shop_id,
            kind="double_sale",
            entity="stock_piece",
            entity_id=piece_id,
            kept_document_id=holder.invoice_id,
            clashing_document_id=values["invoice_id"],
            terminal_id=terminal_id,
            detail=detail,
            created_at=now,
        )
    )
    return detail


__all__ = ["ForeignShop", "PushOutcome", "RecordAnswer", "apply_push", "check_batch"]
