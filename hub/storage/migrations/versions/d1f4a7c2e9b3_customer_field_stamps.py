"""customers merge field by field: field_hlc holds each field's last write stamp

Revision ID: d1f4a7c2e9b3
Revises: 5104018c05a2
Create Date: 2026-11-25 19:45:00

NULL means "every field carries the row's own stamp", the rule for rows pushed by a counter
that predates the column, so no existing row needs rewriting.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'd1f4a7c2e9b3'
down_revision: str | Sequence[str] | None = '5104018c05a2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.add_column(sa.Column('field_hlc', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.drop_column('field_hlc')
