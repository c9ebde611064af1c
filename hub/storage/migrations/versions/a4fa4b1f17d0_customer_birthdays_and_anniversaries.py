"""customers: birth date and wedding anniversary, for the week's occasions report

Revision ID: a4fa4b1f17d0
Revises: 31d4aa9ffb30
Create Date: 2026-11-25 23:47:29.402286

Both columns are nullable whole dates; existing customers get NULL ("not given"). They merge
field by field like the customer's other details (no change to field_hlc's shape).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a4fa4b1f17d0'
down_revision: str | Sequence[str] | None = '31d4aa9ffb30'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('birth_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('anniversary', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_column('anniversary')
        batch_op.drop_column('birth_date')
