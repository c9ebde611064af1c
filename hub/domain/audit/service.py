"""Reading the audit trail (writes happen in `hub.domain.changes`)."""

from __future__ import annotations

from sqlalchemy import select

from hub.domain.audit.schemas import AuditEntry
from hub.domain.context import TenantContext
from shared.errors import InvalidInput
from shared.tables import AuditEvent


class AuditService:
    def __init__(self, context: TenantContext) -> None:
        self.session = context.session

    async def recent(self, limit: int = 50) -> list[AuditEntry]:
        if not 1 <= limit <= 500:
            raise InvalidInput("show between 1 and 500 entries", "limit")
        events = await self.session.scalars(
            select(AuditEvent).order_by(AuditEvent.at.desc()).limit(limit)
        )
        return [
            AuditEntry(
                id=event.id,
                at=event.at,
                actor=event.actor_label,
                action=event.action,
                entity=event.entity,
                entity_id=event.entity_id,
                before=event.before_json,
                after=event.after_json,
            )
            for event in events
        ]
