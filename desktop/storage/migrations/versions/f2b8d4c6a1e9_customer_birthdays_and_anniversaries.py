"""customers: birth date and wedding anniversary, typed at the counter

Revision ID: f2b8d4c6a1e9
Revises: c3a9e5d1f7b2
Create Date: 2026-11-25 23:50:00

Both columns are nullable whole dates; existing customers get NULL ("not given"), so nothing
needs rewriting. They merge field by field like the customer's other details.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'f2b8d4c6a1e9'
down_revision: str | Sequence[str] | None = 'c3a9e5d1f7b2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.add_column(sa.Column('birth_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('anniversary', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.drop_column('anniversary')
        batch_op.drop_column('birth_date')
