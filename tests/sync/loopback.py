"""A transport that hands sync messages straight to the hub's apply code on a test database.

It stands in for HTTP in unit tests of the round logic only; the real hub is tested over HTTP.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from shared.wire import parse_push_batch
from sync.server import feed
from sync.server.push import apply_push
from sync.server.tables import TerminalSyncState


class Loopback:
    def __init__(self, hub: Engine, shop_id: uuid.UUID, terminal_id: uuid.UUID) -> None:
        self.hub = hub
        self.shop_id = shop_id
        self.terminal_id = terminal_id
        self.pushes = 0

    def push(self, body: Mapping[str, Any]) -> Mapping[str, Any]:
        self.pushes += 1
        batch = parse_push_batch(dict(body))
        with Session(self.hub) as session, session.begin():
            outcome = apply_push(session, self.shop_id, batch, now=datetime.now(UTC))
        return {
            "answers": [{**asdict(a), "mutation_id": str(a.mutation_id)} for a in outcome.answers],
            "high_water_seq": outcome.high_water_seq,
            "expected_seq": outcome.expected_seq,
        }

    def pull(self, after: int, limit: int, after_tag: str | None) -> Mapping[str, Any]:
        with Session(self.hub) as session:
            page = feed.read(
                session,
                self.shop_id,
                after,
                limit=limit,
                skip_origin=self.terminal_id,
                after_tag=after_tag,
            )
            state = session.get(TerminalSyncState, (self.shop_id, self.terminal_id))
        return {
            "changes": [
                {"seq": c.seq, "entity": c.entity, "entity_id": str(c.entity_id), "row": c.row}
                for c in page.changes
            ],
            "cursor": page.cursor,
            "more": page.more,
            "high_water_seq": state.high_water_seq if state else 0,
            "cursor_tag": page.cursor_tag,
            "diverged": page.diverged,
        }
