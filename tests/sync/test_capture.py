"""Change capture writes one outbox record per row, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from desktop.storage import database
from desktop.storage.local_tables import OutboxRecord
from shared.tables import Customer
from shared.wire import decode_row
from sync.capture import ChangeCapture
from sync.hlc import HybridLogicalClock

AT = dt.datetime(2025, 6, 2, 5, 0, tzinfo=dt.UTC)


def _customer(shop: uuid.UUID) -> Customer:
    return Customer(
        shop_id=shop, id=uuid.uuid4(), name="Asha", phone="9845012345", created_at=AT, updated_at=AT
    )


def test_rows_and_their_records_commit_or_roll_back_together(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    database.migrate(url)
    engine = create_engine(url)
    shop = uuid.uuid4()
    capture = ChangeCapture(
        OutboxRecord.__table__,  # type: ignore[arg-type]
        HybridLogicalClock(shop, lambda: 1_700_000_000_000),
    )
    with Session(engine) as session, session.begin():
        row = _customer(shop)
        capture.stamp(row)
        session.add(row)
        captured = capture.record(session, [row], AT)
    assert [c.entity for c in captured] == ["customer"]
    with Session(engine) as session:
        record = session.scalars(select(OutboxRecord)).one()
        payload = json.loads(record.payload)
        assert record.entity == "customer"
        assert record.op == "insert"
        assert decode_row("customer", payload)["name"] == "Asha"
        assert payload["hlc"].startswith("1700000000000-")
    # A transaction that fails takes its outbox record with it.
    try:
        with Session(engine) as session, session.begin():
            other = _customer(shop)
            capture.stamp(other)
            session.add(other)
            capture.record(session, [other], AT)
            raise RuntimeError("crash before commit")
    except RuntimeError:
        pass
    with Session(engine) as session:
        assert len(session.scalars(select(OutboxRecord)).all()) == 1
    engine.dispose()
