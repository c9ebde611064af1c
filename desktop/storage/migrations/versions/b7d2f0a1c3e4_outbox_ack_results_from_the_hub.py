"""outbox ack results are the hub's own words: applied, conflict, quarantined

Revision ID: b7d2f0a1c3e4
Revises: e8cae49d7c29
Create Date: 2026-11-25 17:40:00

The first schema guessed "duplicate" and "rejected"; the hub answers a replay with the stored
result and a record it cannot apply with "quarantined", so the CHECK follows the protocol.
No released counter ever stored the old words, so no row needs rewriting.
"""
from collections.abc import Sequence

from alembic import op

revision: str = 'b7d2f0a1c3e4'
down_revision: str | Sequence[str] | None = 'e8cae49d7c29'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = "ack_result IS NULL OR ack_result IN ('applied', 'conflict', 'quarantined')"
OLD = "ack_result IS NULL OR ack_result IN ('applied', 'duplicate', 'conflict', 'rejected')"


def upgrade() -> None:
    # The copy-and-move of SQLite must keep AUTOINCREMENT: a reused seq would be skipped by
    # the hub's high-water mark.
    with op.batch_alter_table('outbox', table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_outbox_ack_result'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_outbox_ack_result'), NEW)


def downgrade() -> None:
    # The copy-and-move of SQLite must keep AUTOINCREMENT: a reused seq would be skipped by
    # the hub's high-water mark.
    with op.batch_alter_table('outbox', table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_outbox_ack_result'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_outbox_ack_result'), OLD)
