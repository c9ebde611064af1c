"""reports: export jobs, archived invoice PDFs, terminal branches

Revision ID: 31d4aa9ffb30
Revises: ce52bd465820
Create Date: 2026-11-25 23:37:33.378008


New hub-only tables; nothing existing is rewritten.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = '31d4aa9ffb30'
down_revision: str | Sequence[str] | None = 'ce52bd465820'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('archived_document',
    sa.Column('shop_id', sa.Uuid(), nullable=False),
    sa.Column('document_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('storage_key', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('archived_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.CheckConstraint("kind IN ('invoice', 'credit_note')", name=op.f('ck_archived_document_kind')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_archived_document_sha256_length')),
    sa.PrimaryKeyConstraint('shop_id', 'document_id', name=op.f('pk_archived_document'))
    )
    op.create_table('export_job',
    sa.Column('shop_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('report', sa.String(length=40), nullable=False),
    sa.Column('file_format', sa.String(length=8), nullable=False),
    sa.Column('params', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('stage', sa.String(length=80), nullable=True),
    sa.Column('storage_key', sa.String(length=255), nullable=True),
    sa.Column('file_name', sa.String(length=200), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=True),
    sa.Column('error', sa.String(length=500), nullable=True),
    sa.Column('requested_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.Column('started_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('finished_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('expires_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.CheckConstraint("file_format IN ('csv', 'xlsx', 'json', 'zip')", name=op.f('ck_export_job_file_format')),
    sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name=op.f('ck_export_job_state')),
    sa.CheckConstraint('progress >= 0', name=op.f('ck_export_job_progress_not_negative')),
    sa.PrimaryKeyConstraint('shop_id', 'id', name=op.f('pk_export_job')),
    )
    with op.batch_alter_table('export_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_job_shop_id_created_at'), ['shop_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_export_job_state_created_at'), ['state', 'created_at'], unique=False)

    op.create_table('terminal_branch',
    sa.Column('shop_id', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.Uuid(), nullable=False),
    sa.Column('branch', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.CheckConstraint('length(branch) >= 1', name=op.f('ck_terminal_branch_branch_not_empty')),
    sa.PrimaryKeyConstraint('shop_id', 'terminal_id', name=op.f('pk_terminal_branch'))
    )


def downgrade() -> None:
    op.drop_table('terminal_branch')
    with op.batch_alter_table('export_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_job_state_created_at'))
        batch_op.drop_index(batch_op.f('ix_export_job_shop_id_created_at'))

    op.drop_table('export_job')
    op.drop_table('archived_document')
