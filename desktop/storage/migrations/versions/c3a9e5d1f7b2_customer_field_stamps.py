"""customers merge field by field: field_hlc holds each field's last write stamp

Revision ID: c3a9e5d1f7b2
Revises: b7d2f0a1c3e4
Create Date: 2026-11-25 19:40:00

Existing rows get NULL, which means "every field carries the row's own stamp": the merge rule
for rows written before this column existed, so nothing needs rewriting.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c3a9e5d1f7b2'
down_revision: str | Sequence[str] | None = 'b7d2f0a1c3e4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.add_column(sa.Column('field_hlc', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.drop_column('field_hlc')
